/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "cairn-persona-editor.h"
#include "cairn-scenario-model.h"

G_BEGIN_DECLS

/* The persona editor's forms. Each row edits one object of the scenario
 * model (cairn-scenario-model.h) through its setters and tells the editor
 * (touch); rows that change the shape of the form ask for a rebuild, which
 * runs from an idle so that a row is never destroyed inside its own
 * handler. */

void        _cairn_persona_editor_touch          (CairnPersonaEditor *self);
void        _cairn_persona_editor_queue_rebuild  (CairnPersonaEditor *self);
/* Message nodes of the journey: their ids, and in @titles ("id · label")
 * the same nodes for a picker. */
GPtrArray  *_cairn_persona_editor_message_nodes  (CairnPersonaEditor  *self,
                                                  GtkStringList      **titles);
const char *_cairn_persona_editor_start          (CairnPersonaEditor *self);
/* The scenario edited; NULL when there is none. */
CairnScenarioModel *_cairn_persona_editor_model  (CairnPersonaEditor *self);
void        _cairn_persona_editor_toast          (CairnPersonaEditor *self,
                                                  const char         *text);
void        _cairn_persona_editor_seed_changed   (CairnPersonaEditor *self);

/* The editor's list: the scenario's settings, each scripted person, the
 * generated population and each of its personas (cairn-persona-list.c). */
typedef enum
{
  CAIRN_PERSONA_ITEM_NONE,
  CAIRN_PERSONA_ITEM_SETTINGS,
  CAIRN_PERSONA_ITEM_USER,
  CAIRN_PERSONA_ITEM_POPULATION,
  CAIRN_PERSONA_ITEM_PERSONA,
} CairnPersonaItemKind;

#define CAIRN_TYPE_PERSONA_ITEM (cairn_persona_item_get_type ())
G_DECLARE_FINAL_TYPE (CairnPersonaItem, cairn_persona_item, CAIRN, PERSONA_ITEM, GObject)
/* @persona: the person or persona of a USER or PERSONA item, else NULL. */
CairnPersonaItem     *cairn_persona_item_new         (CairnPersonaItemKind  kind,
                                                      CairnPersona         *persona);
CairnPersonaItemKind  cairn_persona_item_get_kind    (CairnPersonaItem     *self);
CairnPersona         *cairn_persona_item_get_persona (CairnPersonaItem     *self);

#define CAIRN_TYPE_PERSONA_ITEM_ROW (cairn_persona_item_row_get_type ())
G_DECLARE_FINAL_TYPE (CairnPersonaItemRow, cairn_persona_item_row, CAIRN, PERSONA_ITEM_ROW, GtkListBoxRow)
CairnPersonaItem *cairn_persona_item_row_get_item (CairnPersonaItemRow *self);

GtkWidget  *_cairn_persona_row_new               (gpointer            item,
                                                  gpointer            editor);
void        _cairn_persona_row_update            (GtkWidget          *row,
                                                  CairnPersonaEditor *self);
void        _cairn_persona_row_header            (GtkListBoxRow      *row,
                                                  GtkListBoxRow      *before,
                                                  gpointer            data);
/* Fills an AdwPreferencesPage with the forms of @kind and @persona
 * (cairn-persona-pages.c). */
void        _cairn_persona_page_fill             (CairnPersonaEditor   *self,
                                                  GtkWidget            *page,
                                                  CairnPersonaItemKind  kind,
                                                  CairnPersona         *persona);

/* Widget helpers (cairn-persona-rows.c) */
/* When @blocked is not NULL: @widget cannot change it (insensitive, its
 * tooltip the JSON kept). Returns whether it was blocked. */
gboolean    cairn_persona_keep_as_written (GtkWidget *widget,
                                           JsonNode  *blocked);
const char *cairn_persona_channel_title  (const char *channel);
GtkWidget  *cairn_persona_entry_row      (const char *title,
                                          const char *text,
                                          const char *name);
GtkWidget  *cairn_persona_icon_button    (const char *icon,
                                          const char *tooltip,
                                          const char *name);
void        cairn_persona_set_error      (GtkWidget  *widget,
                                          gboolean    error);
GtkWidget  *cairn_persona_probability_spin (double    value);
/* {"uniform"|"choice"|"weighted": ...} parsed from @text, or NULL. */
JsonNode   *cairn_persona_parse_generator (const char *text);

/* Key/value rows over a list of CairnScenarioValue: text, number, yes/no,
 * date, a generated value (when generators) or any JSON. Rows go into a
 * container: an AdwPreferencesGroup (its header gets the add button) or an
 * AdwExpanderRow (a titled row with the add button, then the rows).
 * Widget names, for tests: "<name>-add", and each row "<name>:<key>"
 * holding "kv-key", "kv-type" and "kv-value". */
typedef struct
{
  gboolean    generators;  /* offer {"uniform"|"choice"|"weighted": ...} */
  const char *skip;        /* a key not shown, or NULL */
  const char *name;
  const char *fresh_key;   /* the key of a new row: "attribute", "attribute2", ... */
  const char *title;       /* expanders only: the title of the add row */
  const char *add_label;   /* the add button's tooltip */
} CairnPersonaKvSpec;

/* @blocked: what the file holds in the list's place, kept as written (no
 * row can be added), or NULL. */
void        cairn_persona_kv_fill        (CairnPersonaEditor        *editor,
                                          GtkWidget                 *container,
                                          GListStore                *values,
                                          JsonNode                  *blocked,
                                          const CairnPersonaKvSpec  *spec);

/* One expander row per channel: reachability (a switch, or a probability
 * for a generated persona), engagement (deliver, open, click, delays) and
 * channel affinity. Names: "reach-<ch>", "<ch>-open", "<ch>-click",
 * "<ch>-deliver", "<ch>-affinity" (cairn-persona-channels.c). */
void        cairn_persona_channels_fill  (CairnPersonaEditor *editor,
                                          GtkWidget          *group,
                                          CairnPersona       *persona);

/* Scripted events of a user (at a time, after the start, after a message),
 * or a persona's event processes. Names: "event-add", and in event i
 * "event<i>-name", "event<i>-when", "event<i>-message", "event<i>-delay",
 * "event<i>-at", params "event<i>-params". */
void        cairn_persona_events_fill    (CairnPersonaEditor *editor,
                                          GtkWidget          *group,
                                          CairnPersona       *persona);

G_END_DECLS
