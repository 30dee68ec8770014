/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_PREDICATE_EDITOR (cairn_predicate_editor_get_type ())
G_DECLARE_FINAL_TYPE (CairnPredicateEditor, cairn_predicate_editor, CAIRN, PREDICATE_EDITOR, GtkWidget)

/* Edits a predicate (DESIGN §3): a group "all of" / "any of" with rows
 * of field · operator · value and nested groups. ::changed (gboolean
 * structural): a row was added or removed (FALSE: a value was typed). */
GtkWidget *cairn_predicate_editor_new       (JsonNode             *predicate);
/* A new reference to the edited predicate, or NULL when it is empty. */
JsonNode  *cairn_predicate_editor_get_value (CairnPredicateEditor *self);

G_END_DECLS
