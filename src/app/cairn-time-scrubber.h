/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "cairn-time.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_TIME_SCRUBBER (cairn_time_scrubber_get_type ())
G_DECLARE_FINAL_TYPE (CairnTimeScrubber, cairn_time_scrubber, CAIRN, TIME_SCRUBBER, GtkWidget)

/* A slider over a run's window. At each position it works out, from the
 * people's timelines in the report, where every persona is: the node of
 * their last timeline step at or before that time, unless that step took
 * them out of the journey. ::positions-changed (GHashTable *node → count)
 * tells the canvas what to draw; the step buttons jump to the previous or
 * next step of any persona. */
GtkWidget  *cairn_time_scrubber_new          (void);
void        cairn_time_scrubber_set_report   (CairnTimeScrubber *self,
                                              JsonObject        *report);
void        cairn_time_scrubber_set_time     (CairnTimeScrubber *self,
                                              CairnTime          time);
CairnTime   cairn_time_scrubber_get_time     (CairnTimeScrubber *self);
gboolean    cairn_time_scrubber_step         (CairnTimeScrubber *self,
                                              int                direction);
/* node id → GINT_TO_POINTER (people there) at @time; free with
 * g_hash_table_unref. Keys are owned by the table. */
GHashTable *cairn_report_positions_at        (JsonObject        *report,
                                              CairnTime          time);

G_END_DECLS
