/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "cairn-autosave.h"
#include "cairn-persona-editor.h"
#include "cairn-persona-rows.h"
#include "cairn-scenario-model.h"

G_BEGIN_DECLS

/* What the persona editor's own files share: cairn-persona-editor.c (the
 * list, the forms shown, the people and personas, the public API) and
 * cairn-persona-editor-files.c (loading, a new scenario, saving). The forms
 * themselves see the editor through cairn-persona-rows.h. */

struct _CairnPersonaEditor
{
  GtkWidget      parent_instance;

  GtkWidget     *toasts;
  GtkWidget     *title;
  GtkWidget     *subtitle;
  GtkWidget     *error_revealer;
  GtkWidget     *error_label;
  GtkWidget     *stack;
  GtkWidget     *empty_page;
  GtkWidget     *sidebar;
  GtkWidget     *detail;
  GtkWidget     *save_button;

  CairnJourney  *journey;
  gulong         journey_changed_id;
  char          *message_nodes;  /* the picker's nodes, to notice a change */
  CairnScenarioModel *model;
  JsonNode      *snapshot;      /* the model as JSON for get_scenario, until the next edit */
  GListStore    *items;         /* CairnPersonaItem: what the list shows */
  char          *filename;
  gboolean       modified;
  /* The item shown, and the item whose forms are in detail now */
  CairnPersonaItemKind selected_kind;
  CairnPersona  *selected;
  CairnPersonaItemKind detail_kind;
  CairnPersona  *detail_persona;
  guint          rebuild_id;
  gboolean       refilling;
  CairnAutosave *autosave;      /* unsaved edits survive a crash */
};

/* cairn-persona-editor.c */
/* Takes @model (NULL: no scenario) and shows it, unmodified, as @filename. */
void _cairn_persona_editor_set_model     (CairnPersonaEditor *self,
                                          CairnScenarioModel *model,
                                          const char         *filename);
void _cairn_persona_editor_set_filename  (CairnPersonaEditor *self,
                                          const char         *filename);
void _cairn_persona_editor_set_modified  (CairnPersonaEditor *self,
                                          gboolean            modified);
/* NULL hides the error bar. */
void _cairn_persona_editor_show_error    (CairnPersonaEditor *self,
                                          const char         *message);
/* @persona: the person or persona of a USER or PERSONA item. */
void _cairn_persona_editor_show_item     (CairnPersonaEditor   *self,
                                          CairnPersonaItemKind  kind,
                                          CairnPersona         *persona);
void _cairn_persona_editor_update_header (CairnPersonaEditor *self);

/* cairn-persona-editor-files.c */
/* personas.save, personas.save-as and personas.new */
void _cairn_persona_editor_class_add_file_actions (GtkWidgetClass *widget_class);

G_END_DECLS
