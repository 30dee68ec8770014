/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_REPORT_VIEW (cairn_report_view_get_type ())
G_DECLARE_FINAL_TYPE (CairnReportView, cairn_report_view, CAIRN, REPORT_VIEW, GtkWidget)

/* The outcomes of a run (a "cairn-report" object, DESIGN §7) as cards:
 * totals, goals, a per-channel bar chart with CTR, A/B splits, coverage
 * and expectations. */
GtkWidget *cairn_report_view_new        (void);
void       cairn_report_view_set_report (CairnReportView *self,
                                         JsonObject      *report);
/* Labels of what is shown, for tests: "entered=3", "ctr.web_push=50%". */
char      *cairn_report_view_describe   (CairnReportView *self);

G_END_DECLS
