/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cairn-journey.h"
#include "cairn-undo.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_INSPECTOR (cairn_inspector_get_type ())
G_DECLARE_FINAL_TYPE (CairnInspector, cairn_inspector, CAIRN, INSPECTOR, GtkWidget)

/* The form for the selected node, generated from the registry's config
 * fields, or the journey's settings when no node is selected. Every edit
 * goes through the undo stack; typing in one field is one step. */
GtkWidget  *cairn_inspector_new             (void);
void        cairn_inspector_set_context     (CairnInspector *self,
                                             CairnJourney   *journey,
                                             CairnUndoStack *undo);
void        cairn_inspector_set_node        (CairnInspector *self,
                                             const char     *node_id);
const char *cairn_inspector_get_node        (CairnInspector *self);
/* The document changed elsewhere (undo, canvas): show it again. */
void        cairn_inspector_refresh         (CairnInspector *self);
void        cairn_inspector_set_diagnostics (CairnInspector *self,
                                             GPtrArray      *diagnostics);
/* The rendered message preview, for tests; NULL when none is shown. */
const char *cairn_inspector_get_preview     (CairnInspector *self);

G_END_DECLS
