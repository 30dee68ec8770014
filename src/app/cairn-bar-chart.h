/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_BAR_CHART (cairn_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (CairnBarChart, cairn_bar_chart, CAIRN, BAR_CHART, GtkWidget)

/* A small grouped bar chart: one group per category (a channel), one bar
 * per series (sent, opened, clicked), drawn with cairo. */
GtkWidget *cairn_bar_chart_new          (void);
void       cairn_bar_chart_set_series   (CairnBarChart      *self,
                                         const char * const *series_names);
void       cairn_bar_chart_clear        (CairnBarChart      *self);
/* @values has one entry per series. */
void       cairn_bar_chart_add_group    (CairnBarChart      *self,
                                         const char         *label,
                                         const double       *values);
guint      cairn_bar_chart_get_n_groups (CairnBarChart      *self);

G_END_DECLS
