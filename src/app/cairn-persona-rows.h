/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "cairn-persona-editor.h"

G_BEGIN_DECLS

/* The persona editor's forms. Each row edits one place of the scenario's
 * JSON tree in place and tells the editor (touch); rows that change the
 * shape of the form ask for a rebuild, which runs from an idle so that a
 * row is never destroyed inside its own handler. */

void        _cairn_persona_editor_touch          (CairnPersonaEditor *self);
void        _cairn_persona_editor_queue_rebuild  (CairnPersonaEditor *self);
/* Message nodes of the journey: their ids, and in @titles ("id · label")
 * the same nodes for a picker. */
GPtrArray  *_cairn_persona_editor_message_nodes  (CairnPersonaEditor  *self,
                                                  GtkStringList      **titles);
const char *_cairn_persona_editor_start          (CairnPersonaEditor *self);
/* The scenario's "users" and "generate"."personas", or NULL. */
JsonArray  *_cairn_persona_editor_users          (CairnPersonaEditor *self);
JsonArray  *_cairn_persona_editor_personas       (CairnPersonaEditor *self);
void        _cairn_persona_editor_toast          (CairnPersonaEditor *self,
                                                  const char         *text);
void        _cairn_persona_editor_seed_changed   (CairnPersonaEditor *self);
/* Items of the list: "settings", "user:N", "population", "persona:N". */
gboolean    _cairn_persona_parse_key             (const char         *key,
                                                  const char         *kind,
                                                  guint              *index);
/* The list's rows (cairn-persona-pages.c) */
/* A row of the editor's list of items ("settings", "user:N", "population",
 * "persona:N"). */
#define CAIRN_TYPE_PERSONA_ITEM_ROW (cairn_persona_item_row_get_type ())
G_DECLARE_FINAL_TYPE (CairnPersonaItemRow, cairn_persona_item_row, CAIRN, PERSONA_ITEM_ROW, GtkListBoxRow)
const char *cairn_persona_item_row_get_key       (CairnPersonaItemRow *self);

GtkWidget  *_cairn_persona_row_new               (gpointer            item,
                                                  gpointer            editor);
void        _cairn_persona_row_update            (GtkWidget          *row,
                                                  CairnPersonaEditor *self);
void        _cairn_persona_row_header            (GtkListBoxRow      *row,
                                                  GtkListBoxRow      *before,
                                                  gpointer            data);
/* Fills an AdwPreferencesPage with the forms of @key (cairn-persona-pages.c). */
void        _cairn_persona_page_fill             (CairnPersonaEditor *self,
                                                  GtkWidget          *page,
                                                  const char         *key);

/* JSON helpers */
JsonObject *cairn_persona_ensure_object  (JsonObject *parent,
                                          const char *member);
void        cairn_persona_set_number     (JsonObject *object,
                                          const char *member,
                                          double      value);
/* Renames a member where it stands (document order is kept). */
gboolean    cairn_persona_rename_member  (JsonObject *object,
                                          const char *from,
                                          const char *to);
/* The object at @index of @array; NULL when @array is NULL, @index is past
 * its end or the element is not an object (a hand-written file may hold
 * anything). */
JsonObject *cairn_persona_object_at      (JsonArray  *array,
                                          guint       index);
/* The first member along @path (NULL-terminated member names below
 * @object) that is there but is not an object: a form writing below it
 * would replace it. NULL when nothing is in the way. */
JsonNode   *cairn_persona_path_blocked   (JsonObject          *object,
                                          const char * const  *path);
/* When @blocked is not NULL: @widget cannot change it (insensitive, its
 * tooltip the JSON kept). Returns whether it was blocked. */
gboolean    cairn_persona_keep_as_written (GtkWidget *widget,
                                           JsonNode  *blocked);
/* Removes @member of @parent when it is an empty object. */
void        cairn_persona_prune          (JsonObject *parent,
                                          const char *member);
const char *cairn_persona_channel_title  (const char *channel);
GtkWidget  *cairn_persona_entry_row      (const char *title,
                                          const char *text,
                                          const char *name);
GtkWidget  *cairn_persona_icon_button    (const char *icon,
                                          const char *tooltip,
                                          const char *name);
void        cairn_persona_set_error      (GtkWidget  *widget,
                                          gboolean    error);
/* {"uniform"|"choice"|"weighted": ...} parsed from @text, or NULL. */
JsonNode   *cairn_persona_parse_generator (const char *text);

/* Key/value rows over the object at owner.member (made on first add):
 * text, number, yes/no, date, a generated value (when generators) or any
 * JSON. Rows go into a container: an AdwPreferencesGroup (its header gets
 * the add button) or an AdwExpanderRow (a titled row with the add button,
 * then the rows). Widget names, for tests: "<name>-add", and each row
 * "<name>:<key>" holding "kv-key", "kv-type" and "kv-value". */
typedef struct
{
  const char *member;      /* "attributes", "params", "affinity" */
  gboolean    generators;  /* offer {"uniform"|"choice"|"weighted": ...} */
  const char *skip;        /* a member not shown, or NULL */
  const char *name;
  const char *fresh_key;   /* the key of a new row: "attribute", "attribute2", ... */
  const char *title;       /* expanders only: the title of the add row */
  const char *add_label;   /* the add button's tooltip */
} CairnPersonaKvSpec;

void        cairn_persona_kv_fill        (CairnPersonaEditor        *editor,
                                          GtkWidget                 *container,
                                          JsonObject                *owner,
                                          const CairnPersonaKvSpec  *spec);

/* One expander row per channel: reachability (a switch, or a probability
 * for a generated persona), engagement (deliver, open, click, delays) and
 * channel affinity. Names: "reach-<ch>", "<ch>-open", "<ch>-click",
 * "<ch>-deliver", "<ch>-affinity". */
void        cairn_persona_channels_fill  (CairnPersonaEditor *editor,
                                          GtkWidget          *group,
                                          JsonObject         *owner,
                                          gboolean            generated);

/* Scripted events of a user (at a time, after the start, after a message),
 * or a persona's event processes. Names: "event-add", and in event i
 * "event<i>-name", "event<i>-when", "event<i>-message", "event<i>-delay",
 * "event<i>-at", params "event<i>-params". */
void        cairn_persona_events_fill    (CairnPersonaEditor *editor,
                                          GtkWidget          *group,
                                          JsonObject         *owner,
                                          gboolean            generated);

G_END_DECLS
