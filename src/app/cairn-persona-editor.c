/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-persona-editor-private.h"
#include "cairn-persona-rows.h"

/* The "Personas" page of the simulation panel: a list of what the scenario
 * holds (its settings, scripted people, generated population and its
 * personas) beside the forms of the one selected. Loading and saving the
 * scenario file are in cairn-persona-editor-files.c. */

enum { PROP_0, PROP_MODIFIED, PROP_FILENAME, PROP_SEED, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CairnPersonaEditor, cairn_persona_editor, GTK_TYPE_WIDGET)

static void refill_items (CairnPersonaEditor *self);
static void rebuild_detail (CairnPersonaEditor *self);

static JsonObject *
scenario (CairnPersonaEditor *self)
{
  return self->root ? json_node_get_object (self->root) : NULL;
}

JsonArray *
_cairn_persona_editor_users (CairnPersonaEditor *self)
{
  return cairn_json_get_array (scenario (self), "users");
}

JsonArray *
_cairn_persona_editor_personas (CairnPersonaEditor *self)
{
  return cairn_json_get_array (cairn_json_get_object (scenario (self), "generate"), "personas");
}

void
_cairn_persona_editor_set_modified (CairnPersonaEditor *self,
                                    gboolean            modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  _cairn_persona_editor_update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
_cairn_persona_editor_show_error (CairnPersonaEditor *self,
                                  const char         *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->error_revealer), message != NULL);
}

/* Private, for the rows */

void
_cairn_persona_editor_toast (CairnPersonaEditor *self,
                             const char         *text)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (text));
}

void
_cairn_persona_editor_seed_changed (CairnPersonaEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

const char *
_cairn_persona_editor_start (CairnPersonaEditor *self)
{
  const char *start = cairn_json_get_string (scenario (self), "start");
  return start ? start : "2026-01-01T00:00:00Z";
}

GPtrArray *
_cairn_persona_editor_message_nodes (CairnPersonaEditor  *self,
                                     GtkStringList      **titles)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  *titles = gtk_string_list_new (NULL);
  for (guint i = 0; self->journey && i < cairn_journey_get_n_nodes (self->journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (self->journey, i);
      g_autofree char *title = NULL;

      if (node->id == NULL || node->kind == NULL || !node->kind->is_message)
        continue;
      title = node->label ? g_strdup_printf ("%s · %s", node->id, node->label) : g_strdup (node->id);
      g_ptr_array_add (ids, g_strdup (node->id));
      gtk_string_list_append (*titles, title);
    }
  return ids;
}

void
_cairn_persona_editor_touch (CairnPersonaEditor *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->sidebar));

  if (row != NULL)
    _cairn_persona_row_update (GTK_WIDGET (row), self);
  _cairn_persona_editor_set_modified (self, TRUE);
  _cairn_persona_editor_update_header (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
rebuild_now (gpointer data)
{
  CairnPersonaEditor *self = data;

  self->rebuild_id = 0;
  refill_items (self);
  rebuild_detail (self);
  return G_SOURCE_REMOVE;
}

void
_cairn_persona_editor_queue_rebuild (CairnPersonaEditor *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_now, self);
}

/* The list */

/* Whether @member of @object is missing or an array: adding to it then
 * replaces nothing that was written. */
static gboolean
array_or_none (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node == NULL || JSON_NODE_HOLDS_ARRAY (node);
}

static void
update_actions (CairnPersonaEditor *self)
{
  guint index;
  gboolean item = _cairn_persona_parse_key (self->selected, "user", &index) || _cairn_persona_parse_key (self->selected, "persona", &index);
  gboolean can_add_persona = self->root != NULL
                             && cairn_persona_path_blocked (scenario (self), (const char *[]) { "generate", NULL }) == NULL
                             && array_or_none (cairn_json_get_object (scenario (self), "generate"), "personas");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.save", self->root != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.save-as", self->root != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.add-user", self->root != NULL && array_or_none (scenario (self), "users"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.add-persona", can_add_persona);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.duplicate", item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.remove", item);
}

static void
select_key (CairnPersonaEditor *self,
            const char         *key)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->sidebar); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (g_object_get_data (G_OBJECT (row), "key"), key) == 0)
      {
        gtk_list_box_select_row (GTK_LIST_BOX (self->sidebar), GTK_LIST_BOX_ROW (row));
        return;
      }
}

/* Shows @key's forms, rebuilding them when another item was shown. */
void
_cairn_persona_editor_show_item (CairnPersonaEditor *self,
                                 const char         *key)
{
  if (g_strcmp0 (key, self->selected) != 0)
    {
      g_free (self->selected);
      self->selected = g_strdup (key);
      rebuild_detail (self);
    }
  update_actions (self);
  if (!self->refilling)
    select_key (self, key);
}

static void
on_row_selected (GtkListBox         *list,
                 GtkListBoxRow      *row,
                 CairnPersonaEditor *self)
{
  if (row == NULL || self->refilling)
    return;
  _cairn_persona_editor_show_item (self, g_object_get_data (G_OBJECT (row), "key"));
}

static void
refill_items (CairnPersonaEditor *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  JsonArray *personas = _cairn_persona_editor_personas (self);
  guint n_users = cairn_persona_editor_get_n_users (self);
  guint n_personas = personas ? json_array_get_length (personas) : 0;
  gboolean found = FALSE;

  if (self->root != NULL)
    {
      g_ptr_array_add (keys, g_strdup ("settings"));
      for (guint i = 0; i < n_users; i++)
        g_ptr_array_add (keys, g_strdup_printf ("user:%u", i));
      g_ptr_array_add (keys, g_strdup ("population"));
      for (guint i = 0; i < n_personas; i++)
        g_ptr_array_add (keys, g_strdup_printf ("persona:%u", i));
    }
  g_ptr_array_add (keys, NULL);
  self->refilling = TRUE;
  gtk_string_list_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                          (const char * const *) keys->pdata);
  self->refilling = FALSE;
  for (guint i = 0; keys->pdata[i]; i++)
    found |= g_strcmp0 (keys->pdata[i], self->selected) == 0;
  if (self->root != NULL)
    {
      if (!found)
        {
          g_autofree char *fallback = n_users ? g_strdup_printf ("user:%u", n_users - 1) : g_strdup ("settings");
          _cairn_persona_editor_show_item (self, fallback);
        }
      else
        select_key (self, self->selected);
    }
  gtk_list_box_invalidate_headers (GTK_LIST_BOX (self->sidebar));
  update_actions (self);
}

void
_cairn_persona_editor_update_header (CairnPersonaEditor *self)
{
  const char *name = cairn_json_get_string (scenario (self), "name");
  g_autofree char *base = self->filename ? g_path_get_basename (self->filename) : g_strdup (_("Not saved yet"));
  g_autofree char *subtitle = self->modified ? g_strdup_printf (_("%s — unsaved changes"), base) : g_strdup (base);

  gtk_label_set_text (GTK_LABEL (self->title), self->root ? (name && *name ? name : _("Untitled scenario")) : _("Personas"));
  gtk_label_set_text (GTK_LABEL (self->subtitle), self->root ? subtitle : "");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->root ? "editor" : "empty");
}

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = widget ? gtk_widget_get_first_child (widget) : NULL; child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scroller (child);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
restore_scroll (GtkWidget     *page,
                GdkFrameClock *clock,
                gpointer       data)
{
  GtkScrolledWindow *scroller = find_scroller (page);
  double *value = g_object_get_data (G_OBJECT (page), "scroll");

  if (scroller && value)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), *value);
  return G_SOURCE_REMOVE;
}

static void
rebuild_detail (CairnPersonaEditor *self)
{
  GtkWidget *old = adw_bin_get_child (ADW_BIN (self->detail));
  const char *old_key = old ? g_object_get_data (G_OBJECT (old), "key") : NULL;
  GtkScrolledWindow *old_scroller = old ? find_scroller (old) : NULL;
  GtkWidget *page;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->root == NULL || self->selected == NULL)
    {
      adw_bin_set_child (ADW_BIN (self->detail), NULL);
      return;
    }
  page = adw_preferences_page_new ();
  g_object_set_data_full (G_OBJECT (page), "key", g_strdup (self->selected), g_free);
  _cairn_persona_page_fill (self, page, self->selected);

  /* The same item again (after adding or removing a row): stay where the
     user was. */
  if (old_scroller != NULL && g_strcmp0 (old_key, self->selected) == 0)
    {
      double *value = g_new (double, 1);
      *value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (old_scroller));
      g_object_set_data_full (G_OBJECT (page), "scroll", value, g_free);
      gtk_widget_add_tick_callback (page, restore_scroll, NULL, NULL);
    }
  adw_bin_set_child (ADW_BIN (self->detail), page);
}

/* The scenario, as cairn-persona-editor-files.c loads and saves it */

void
_cairn_persona_editor_set_filename (CairnPersonaEditor *self,
                                    const char         *filename)
{
  if (g_strcmp0 (self->filename, filename) == 0)
    return;
  g_free (self->filename);
  self->filename = g_strdup (filename);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILENAME]);
}

void
_cairn_persona_editor_set_root (CairnPersonaEditor *self,
                                JsonNode           *root,
                                const char         *filename)
{
  g_clear_pointer (&self->root, json_node_unref);
  self->root = root;
  _cairn_persona_editor_set_filename (self, filename);
  g_clear_pointer (&self->selected, g_free);
  self->modified = FALSE;
  adw_bin_set_child (ADW_BIN (self->detail), NULL);
  refill_items (self);
  if (root != NULL)
    _cairn_persona_editor_show_item (self, cairn_persona_editor_get_n_users (self) ? "user:0" : "settings");
  _cairn_persona_editor_update_header (self);
  _cairn_persona_editor_show_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

/* Public API */

JsonNode *
cairn_persona_editor_get_scenario (CairnPersonaEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), NULL);
  return self->root;
}

const char *
cairn_persona_editor_get_filename (CairnPersonaEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), NULL);
  return self->filename;
}

gboolean
cairn_persona_editor_get_modified (CairnPersonaEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), FALSE);
  return self->modified;
}

gint64
cairn_persona_editor_get_seed (CairnPersonaEditor *self)
{
  JsonNode *seed;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), 0);
  seed = self->root ? json_object_get_member (scenario (self), "seed") : NULL;
  return seed && cairn_json_node_is_number (seed) ? (gint64) cairn_json_node_number (seed) : 0;
}

guint
cairn_persona_editor_get_n_users (CairnPersonaEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), 0);
  return _cairn_persona_editor_users (self) ? json_array_get_length (_cairn_persona_editor_users (self)) : 0;
}

JsonObject *
cairn_persona_editor_get_user (CairnPersonaEditor *self,
                               guint               index)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), NULL);
  return cairn_persona_object_at (_cairn_persona_editor_users (self), index);
}

static gboolean
user_id_taken (CairnPersonaEditor *self,
               const char         *id,
               gint                except)
{
  for (guint i = 0; i < cairn_persona_editor_get_n_users (self); i++)
    if ((gint) i != except && g_strcmp0 (cairn_json_get_string (cairn_persona_editor_get_user (self, i), "id"), id) == 0)
      return TRUE;
  return FALSE;
}

static char *
fresh_user_id (CairnPersonaEditor *self,
               const char         *base)
{
  char *id = g_strdup (base);

  for (guint n = 2; user_id_taken (self, id, -1); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

static JsonArray *
ensure_users (CairnPersonaEditor *self)
{
  JsonArray *list = _cairn_persona_editor_users (self);

  if (list == NULL)
    {
      list = json_array_new ();
      json_object_set_array_member (scenario (self), "users", list);
    }
  return list;
}

/* Appends a copy of @list's element @index, whatever it holds (a file
 * written by hand may hold anything); the copy when it is an object. */
static JsonObject *
append_copy (JsonArray *list,
             guint      index)
{
  JsonNode *copy = cairn_json_deep_copy (json_array_get_element (list, index));

  json_array_add_element (list, copy);
  return JSON_NODE_HOLDS_OBJECT (copy) ? json_node_get_object (copy) : NULL;
}

/* After an item was added or removed: the list again, @key shown. */
static void
show_changed (CairnPersonaEditor *self,
              const char         *key)
{
  _cairn_persona_editor_touch (self);
  g_free (self->selected);
  self->selected = g_strdup (key);
  refill_items (self);
  rebuild_detail (self);
}

static void
select_new (CairnPersonaEditor *self,
            const char         *kind,
            guint               index)
{
  g_autofree char *key = g_strdup_printf ("%s:%u", kind, index);

  show_changed (self, key);
}

guint
cairn_persona_editor_add_user (CairnPersonaEditor *self,
                               const char         *id)
{
  JsonObject *user;
  JsonArray *list;
  g_autofree char *fresh = NULL;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), 0);
  g_return_val_if_fail (self->root != NULL, 0);

  list = ensure_users (self);
  fresh = id ? g_strdup (id) : fresh_user_id (self, "person");
  user = json_object_new ();
  json_object_set_string_member (user, "id", fresh);
  json_object_set_object_member (user, "attributes", json_object_new ());
  json_object_set_object_member (user, "reachability", json_object_new ());
  json_object_set_array_member (user, "events", json_array_new ());
  json_array_add_object_element (list, user);
  select_new (self, "user", json_array_get_length (list) - 1);
  return json_array_get_length (list) - 1;
}

guint
cairn_persona_editor_duplicate_user (CairnPersonaEditor *self,
                                     guint               index)
{
  JsonObject *copy;
  JsonArray *list;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), 0);
  g_return_val_if_fail (index < cairn_persona_editor_get_n_users (self), 0);

  list = _cairn_persona_editor_users (self);
  id = fresh_user_id (self, cairn_json_get_string (cairn_persona_editor_get_user (self, index), "id") ?: "person");
  copy = append_copy (list, index);
  if (copy != NULL)
    json_object_set_string_member (copy, "id", id);
  select_new (self, "user", json_array_get_length (list) - 1);
  return json_array_get_length (list) - 1;
}

void
cairn_persona_editor_remove_user (CairnPersonaEditor *self,
                                  guint               index)
{
  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  g_return_if_fail (index < cairn_persona_editor_get_n_users (self));

  json_array_remove_element (_cairn_persona_editor_users (self), index);
  g_clear_pointer (&self->selected, g_free);
  refill_items (self);
  _cairn_persona_editor_touch (self);
}

gboolean
cairn_persona_editor_rename_user (CairnPersonaEditor  *self,
                                  guint                index,
                                  const char          *id,
                                  GError             **error)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), FALSE);
  g_return_val_if_fail (index < cairn_persona_editor_get_n_users (self), FALSE);

  if (id == NULL || *id == '\0' || strpbrk (id, " \t\r\n") != NULL || !g_utf8_validate (id, -1, NULL))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, _("An id is a word without spaces"));
      return FALSE;
    }
  if (user_id_taken (self, id, index))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, _("Another person is already called “%s”"), id);
      return FALSE;
    }
  json_object_set_string_member (cairn_persona_editor_get_user (self, index), "id", id);
  _cairn_persona_editor_touch (self);
  return TRUE;
}

void
cairn_persona_editor_select_user (CairnPersonaEditor *self,
                                  guint               index)
{
  g_autofree char *key = g_strdup_printf ("user:%u", index);

  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  g_return_if_fail (index < cairn_persona_editor_get_n_users (self));
  _cairn_persona_editor_show_item (self, key);
}

void
cairn_persona_editor_select_settings (CairnPersonaEditor *self)
{
  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  if (self->root)
    _cairn_persona_editor_show_item (self, "settings");
}

void
cairn_persona_editor_select_population (CairnPersonaEditor *self)
{
  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  if (self->root)
    _cairn_persona_editor_show_item (self, "population");
}

void
cairn_persona_editor_select_persona (CairnPersonaEditor *self,
                                     guint               index)
{
  g_autofree char *key = g_strdup_printf ("persona:%u", index);

  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  if (_cairn_persona_editor_personas (self) && index < json_array_get_length (_cairn_persona_editor_personas (self)))
    _cairn_persona_editor_show_item (self, key);
}

static char *
message_nodes (CairnPersonaEditor *self)
{
  g_autoptr(GtkStringList) titles = NULL;
  g_autoptr(GPtrArray) ids = _cairn_persona_editor_message_nodes (self, &titles);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (titles)); i++)
    g_string_append_printf (out, "%s\n", gtk_string_list_get_string (titles, i));
  return g_string_free (out, FALSE);
}

/* The after_message pickers follow the journey's message nodes. */
static void
on_journey_changed (CairnPersonaEditor *self)
{
  g_autofree char *nodes = message_nodes (self);

  if (g_strcmp0 (nodes, self->message_nodes) == 0)
    return;
  g_free (self->message_nodes);
  self->message_nodes = g_steal_pointer (&nodes);
  _cairn_persona_editor_queue_rebuild (self);
}

void
cairn_persona_editor_set_journey (CairnPersonaEditor *self,
                                  CairnJourney       *journey)
{
  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  if (self->journey == journey)
    return;
  if (self->journey)
    g_clear_signal_handler (&self->journey_changed_id, self->journey);
  g_set_object (&self->journey, journey);
  if (journey)
    self->journey_changed_id = g_signal_connect_swapped (journey, "changed", G_CALLBACK (on_journey_changed), self);
  g_free (self->message_nodes);
  self->message_nodes = message_nodes (self);
  rebuild_detail (self);
}

/* Actions */

static void
action_add (GtkWidget  *widget,
            const char *name,
            GVariant   *parameter)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (widget);

  if (self->root == NULL)
    return;
  if (g_strcmp0 (name, "personas.add-user") == 0)
    cairn_persona_editor_add_user (self, NULL);
  else
    {
      JsonObject *generate = cairn_json_get_object (scenario (self), "generate");
      JsonArray *list = _cairn_persona_editor_personas (self);
      JsonObject *persona = json_object_new ();

      if (generate == NULL)
        {
          generate = cairn_persona_ensure_object (scenario (self), "generate");
          json_object_set_int_member (generate, "count", 100);
        }
      if (list == NULL)
        {
          list = json_array_new ();
          json_object_set_array_member (generate, "personas", list);
        }
      json_object_set_string_member (persona, "name", _("shopper"));
      json_object_set_int_member (persona, "weight", 1);
      json_array_add_object_element (list, persona);
      select_new (self, "persona", json_array_get_length (list) - 1);
    }
}

static void
action_duplicate (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (widget);
  JsonArray *list = _cairn_persona_editor_personas (self);
  guint index;

  if (_cairn_persona_parse_key (self->selected, "user", &index))
    cairn_persona_editor_duplicate_user (self, index);
  else if (_cairn_persona_parse_key (self->selected, "persona", &index) && list && index < json_array_get_length (list))
    {
      append_copy (list, index);
      select_new (self, "persona", json_array_get_length (list) - 1);
    }
}

static void
action_remove (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (widget);
  JsonArray *list = _cairn_persona_editor_personas (self);
  guint index;

  if (_cairn_persona_parse_key (self->selected, "user", &index) && index < cairn_persona_editor_get_n_users (self))
    cairn_persona_editor_remove_user (self, index);
  else if (_cairn_persona_parse_key (self->selected, "persona", &index) && list && index < json_array_get_length (list))
    {
      json_array_remove_element (list, index);
      show_changed (self, "population");
    }
}

/* GObject */

static void
cairn_persona_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_SEED:
      g_value_set_int64 (value, cairn_persona_editor_get_seed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_persona_editor_dispose (GObject *object)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  /* Gone with its window: a clean close keeps nothing. */
  if (self->autosave != NULL)
    cairn_autosave_discard (self->autosave);
  g_clear_object (&self->autosave);
  g_clear_pointer (&self->toasts, gtk_widget_unparent);
  g_clear_object (&self->items);
  if (self->journey)
    g_clear_signal_handler (&self->journey_changed_id, self->journey);
  g_clear_object (&self->journey);
  G_OBJECT_CLASS (cairn_persona_editor_parent_class)->dispose (object);
}

static void
cairn_persona_editor_finalize (GObject *object)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_free (self->filename);
  g_free (self->selected);
  g_free (self->message_nodes);
  G_OBJECT_CLASS (cairn_persona_editor_parent_class)->finalize (object);
}

static void
cairn_persona_editor_class_init (CairnPersonaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cairn_persona_editor_get_property;
  object_class->dispose = cairn_persona_editor_dispose;
  object_class->finalize = cairn_persona_editor_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILENAME] = g_param_spec_string ("filename", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] = g_param_spec_int64 ("seed", NULL, NULL, 0, G_MAXINT64, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  _cairn_persona_editor_class_add_file_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "personas.add-user", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "personas.add-persona", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "personas.duplicate", NULL, action_duplicate);
  gtk_widget_class_install_action (widget_class, "personas.remove", NULL, action_remove);
}

/* Not show_error itself, swapped: it would take the button for the message. */
static void
on_dismiss_clicked (GtkButton          *button,
                    CairnPersonaEditor *self)
{
  _cairn_persona_editor_show_error (self, NULL);
}

static GtkWidget *
sidebar_pane (CairnPersonaEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *add = gtk_menu_button_new ();
  GtkWidget *button;
  g_autoptr(GMenu) menu = g_menu_new ();

  self->items = gtk_string_list_new (NULL);
  self->sidebar = gtk_list_box_new ();
  gtk_widget_add_css_class (self->sidebar, "navigation-sidebar");
  gtk_list_box_bind_model (GTK_LIST_BOX (self->sidebar), G_LIST_MODEL (self->items), _cairn_persona_row_new, self, NULL);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->sidebar), _cairn_persona_row_header, self, NULL);
  g_signal_connect (self->sidebar, "row-selected", G_CALLBACK (on_row_selected), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->sidebar);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  g_menu_append (menu, _("Scripted _Person"), "personas.add-user");
  g_menu_append (menu, _("Generated P_ersona"), "personas.add-persona");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (add), "list-add-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (add), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (add, _("Add a person or a persona"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a person or a persona"), -1);
  gtk_widget_add_css_class (add, "flat");
  gtk_box_append (GTK_BOX (bar), add);
  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Duplicate"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Duplicate"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "personas.duplicate");
  gtk_box_append (GTK_BOX (bar), button);
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "personas.remove");
  gtk_box_append (GTK_BOX (bar), button);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 4);
  gtk_widget_set_margin_bottom (bar, 4);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), bar);
  gtk_widget_set_size_request (box, 220, -1);
  return box;
}

static void
cairn_persona_editor_init (CairnPersonaEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *save = adw_split_button_new ();
  GtkWidget *new_button = gtk_button_new_from_icon_name ("document-new-symbolic");
  GtkWidget *error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *start_button = gtk_button_new_with_mnemonic (_("_New Scenario"));
  g_autoptr(GMenu) menu = g_menu_new ();

  self->toasts = adw_toast_overlay_new ();
  gtk_widget_set_parent (self->toasts, GTK_WIDGET (self));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), box);

  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  self->subtitle = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->subtitle, "caption");
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->subtitle), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (titles), self->title);
  gtk_box_append (GTK_BOX (titles), self->subtitle);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (toolbar), titles);

  gtk_widget_set_tooltip_text (new_button, _("New Scenario"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (new_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Scenario"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "personas.new");
  gtk_box_append (GTK_BOX (toolbar), new_button);
  adw_split_button_set_label (ADW_SPLIT_BUTTON (save), _("_Save Scenario"));
  adw_split_button_set_use_underline (ADW_SPLIT_BUTTON (save), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "personas.save");
  g_menu_append (menu, _("Save Scenario _As…"), "personas.save-as");
  adw_split_button_set_menu_model (ADW_SPLIT_BUTTON (save), G_MENU_MODEL (menu));
  gtk_box_append (GTK_BOX (toolbar), save);
  gtk_widget_set_margin_start (toolbar, 12);
  gtk_widget_set_margin_end (toolbar, 6);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);
  gtk_box_append (GTK_BOX (box), toolbar);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_set_hexpand (self->error_label, TRUE);
  gtk_widget_set_name (self->error_label, "save-error");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  g_signal_connect (close, "clicked", G_CALLBACK (on_dismiss_clicked), self);
  gtk_box_append (GTK_BOX (error_box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (error_box), self->error_label);
  gtk_box_append (GTK_BOX (error_box), close);
  gtk_widget_add_css_class (error_box, "persona-error");
  self->error_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->error_revealer), error_box);
  gtk_box_append (GTK_BOX (box), self->error_revealer);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  self->empty_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page), "avatar-default-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("No Scenario"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                   _("Choose a scenario above, or start a new one and build its personas here."));
  gtk_widget_add_css_class (self->empty_page, "compact");
  gtk_widget_set_halign (start_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (start_button, "pill");
  gtk_widget_add_css_class (start_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (start_button), "personas.new");
  adw_status_page_set_child (ADW_STATUS_PAGE (self->empty_page), start_button);
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty_page, "empty");

  self->detail = adw_bin_new ();
  gtk_widget_set_hexpand (self->detail, TRUE);
  gtk_paned_set_start_child (GTK_PANED (paned), sidebar_pane (self));
  gtk_paned_set_end_child (GTK_PANED (paned), self->detail);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 240);
  gtk_stack_add_named (GTK_STACK (self->stack), paned, "editor");
  gtk_box_append (GTK_BOX (box), self->stack);

  _cairn_persona_editor_update_header (self);
  update_actions (self);
  self->autosave = cairn_autosave_new_for_personas (self);
}

CairnAutosave *
cairn_persona_editor_get_autosave (CairnPersonaEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), NULL);
  return self->autosave;
}

GtkWidget *
cairn_persona_editor_new (void)
{
  return g_object_new (CAIRN_TYPE_PERSONA_EDITOR, NULL);
}
