/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_CANVAS_LEGEND (cairn_canvas_legend_get_type ())
G_DECLARE_FINAL_TYPE (CairnCanvasLegend, cairn_canvas_legend, CAIRN, CANVAS_LEGEND, GtkWidget)

/* What a run's counts on the canvas mean, over the canvas's corner, with
 * the toggle (win.show-run-counts) that hides and shows them; the key shows
 * only while the counts do. */
GtkWidget *cairn_canvas_legend_new     (void);
/* The key: its rows, one per kind of count. */
GtkWidget *cairn_canvas_legend_get_key (CairnCanvasLegend *self);

G_END_DECLS
