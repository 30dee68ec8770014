/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "cairn-catalog.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_TIMELINE_VIEW (cairn_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (CairnTimelineView, cairn_timeline_view, CAIRN, TIMELINE_VIEW, GtkWidget)

/* The people of a report: a list of personas and, for the selected one,
 * the messages they received (rendered, with the recommended products'
 * names and prices) and their step-by-step timeline.
 *
 * Signals: ::node-activated (const char *node) when a step is clicked;
 * ::person-selected (const char *id, GStrv path) when a persona is chosen
 * (path is their first entry's node arrivals, NULL for none). */
GtkWidget  *cairn_timeline_view_new            (void);
void        cairn_timeline_view_set_report     (CairnTimelineView *self,
                                                JsonObject        *report,
                                                CairnCatalog      *catalog);
gboolean    cairn_timeline_view_select_person  (CairnTimelineView *self,
                                                const char        *id);
/* For tests: the visible timeline rows as "time|node|step|detail". */
GStrv       cairn_timeline_view_get_rows       (CairnTimelineView *self);

G_END_DECLS
