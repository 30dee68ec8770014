/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A kept run as the simulation panel's History page lists it (one item of
 * its GListModel). Property: "ticked", whether it is chosen to compare. */
#define CAIRN_TYPE_HISTORY_RUN (cairn_history_run_get_type ())
G_DECLARE_FINAL_TYPE (CairnHistoryRun, cairn_history_run, CAIRN, HISTORY_RUN, GObject)

CairnHistoryRun *cairn_history_run_new         (gint64           id,
                                                const char      *title,
                                                const char      *subtitle);
gint64           cairn_history_run_get_id      (CairnHistoryRun *self);
const char      *cairn_history_run_get_title   (CairnHistoryRun *self);
const char      *cairn_history_run_get_subtitle (CairnHistoryRun *self);
gboolean         cairn_history_run_get_ticked  (CairnHistoryRun *self);
void             cairn_history_run_set_ticked  (CairnHistoryRun *self,
                                                gboolean         ticked);

G_END_DECLS
