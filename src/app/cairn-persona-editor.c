/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-a11y.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-persona-editor-private.h"

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

CairnScenarioModel *
_cairn_persona_editor_model (CairnPersonaEditor *self)
{
  return self->model;
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
  const char *start = self->model ? cairn_scenario_model_get_start (self->model) : NULL;
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

  g_clear_pointer (&self->snapshot, json_node_unref);
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

static gboolean
has_persona (CairnPersonaItemKind kind)
{
  return kind == CAIRN_PERSONA_ITEM_USER || kind == CAIRN_PERSONA_ITEM_PERSONA;
}

static void
update_actions (CairnPersonaEditor *self)
{
  gboolean item = has_persona (self->selected_kind) && self->selected != NULL;
  gboolean scenario = self->model != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.save", scenario);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.save-as", scenario);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.add-user",
                                 scenario && cairn_scenario_model_can_add_users (self->model));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.add-persona",
                                 scenario && cairn_scenario_model_can_add_personas (self->model));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.duplicate", item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.remove", item);
}

static gboolean
item_is (CairnPersonaItem     *item,
         CairnPersonaItemKind  kind,
         CairnPersona         *persona)
{
  return cairn_persona_item_get_kind (item) == kind
         && (!has_persona (kind) || cairn_persona_item_get_persona (item) == persona);
}

static void
select_row_of (CairnPersonaEditor   *self,
               CairnPersonaItemKind  kind,
               CairnPersona         *persona)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->sidebar); row; row = gtk_widget_get_next_sibling (row))
    if (CAIRN_IS_PERSONA_ITEM_ROW (row) && item_is (cairn_persona_item_row_get_item (CAIRN_PERSONA_ITEM_ROW (row)), kind, persona))
      {
        gtk_list_box_select_row (GTK_LIST_BOX (self->sidebar), GTK_LIST_BOX_ROW (row));
        return;
      }
}

/* Selects an item without showing it yet. */
static void
set_selected (CairnPersonaEditor   *self,
              CairnPersonaItemKind  kind,
              CairnPersona         *persona)
{
  self->selected_kind = kind;
  if (!has_persona (kind))
    persona = NULL;
  g_set_object (&self->selected, persona);
}

/* Shows the item's forms, rebuilding them when another item was shown. */
void
_cairn_persona_editor_show_item (CairnPersonaEditor   *self,
                                 CairnPersonaItemKind  kind,
                                 CairnPersona         *persona)
{
  if (!has_persona (kind))
    persona = NULL;
  if (kind != self->selected_kind || persona != self->selected)
    {
      set_selected (self, kind, persona);
      rebuild_detail (self);
    }
  update_actions (self);
  if (!self->refilling)
    select_row_of (self, kind, persona);
}

static void
on_row_selected (GtkListBox         *list,
                 GtkListBoxRow      *row,
                 CairnPersonaEditor *self)
{
  CairnPersonaItem *item;

  if (row == NULL || self->refilling)
    return;
  item = cairn_persona_item_row_get_item (CAIRN_PERSONA_ITEM_ROW (row));
  _cairn_persona_editor_show_item (self, cairn_persona_item_get_kind (item), cairn_persona_item_get_persona (item));
}

static void
append_item (GPtrArray            *items,
             CairnPersonaItemKind  kind,
             CairnPersona         *persona)
{
  g_ptr_array_add (items, cairn_persona_item_new (kind, persona));
}

static void
append_personas (GPtrArray            *items,
                 CairnPersonaItemKind  kind,
                 GListModel           *list)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CairnPersona) persona = g_list_model_get_item (list, i);
      append_item (items, kind, persona);
    }
}

/* Whether the item selected is still in the scenario. */
static gboolean
selected_found (CairnPersonaEditor *self)
{
  if (self->model == NULL || self->selected_kind == CAIRN_PERSONA_ITEM_NONE)
    return FALSE;
  if (!has_persona (self->selected_kind))
    return TRUE;
  return self->selected != NULL && cairn_scenario_model_find (self->model, self->selected, NULL);
}

static void
refill_items (CairnPersonaEditor *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->model != NULL)
    {
      append_item (items, CAIRN_PERSONA_ITEM_SETTINGS, NULL);
      append_personas (items, CAIRN_PERSONA_ITEM_USER, cairn_scenario_model_get_users (self->model));
      append_item (items, CAIRN_PERSONA_ITEM_POPULATION, NULL);
      append_personas (items, CAIRN_PERSONA_ITEM_PERSONA, cairn_scenario_model_get_personas (self->model));
    }
  self->refilling = TRUE;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata, items->len);
  self->refilling = FALSE;
  if (self->model != NULL)
    {
      if (!selected_found (self))
        {
          GListModel *users = cairn_scenario_model_get_users (self->model);
          guint n_users = g_list_model_get_n_items (users);
          g_autoptr(CairnPersona) last = n_users ? g_list_model_get_item (users, n_users - 1) : NULL;

          _cairn_persona_editor_show_item (self, last ? CAIRN_PERSONA_ITEM_USER : CAIRN_PERSONA_ITEM_SETTINGS, last);
        }
      else
        select_row_of (self, self->selected_kind, self->selected);
    }
  gtk_list_box_invalidate_headers (GTK_LIST_BOX (self->sidebar));
  update_actions (self);
}

void
_cairn_persona_editor_update_header (CairnPersonaEditor *self)
{
  const char *name = self->model ? cairn_scenario_model_get_name (self->model) : NULL;
  g_autofree char *base = self->filename ? g_path_get_basename (self->filename) : g_strdup (_("Not saved yet"));
  g_autofree char *subtitle = self->modified ? g_strdup_printf (_("%s — unsaved changes"), base) : g_strdup (base);

  gtk_label_set_text (GTK_LABEL (self->title), self->model ? (name && *name ? name : _("Untitled scenario")) : _("Personas"));
  gtk_label_set_text (GTK_LABEL (self->subtitle), self->model ? subtitle : "");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->model ? "editor" : "empty");
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
  double *value = data;

  if (scroller && value)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), *value);
  return G_SOURCE_REMOVE;
}

static void
rebuild_detail (CairnPersonaEditor *self)
{
  GtkWidget *old = adw_bin_get_child (ADW_BIN (self->detail));
  gboolean same = self->detail_kind == self->selected_kind && self->detail_persona == self->selected;
  GtkScrolledWindow *old_scroller = old ? find_scroller (old) : NULL;
  GtkWidget *page;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->detail_kind = CAIRN_PERSONA_ITEM_NONE;
  g_clear_object (&self->detail_persona);
  if (self->model == NULL || self->selected_kind == CAIRN_PERSONA_ITEM_NONE)
    {
      adw_bin_set_child (ADW_BIN (self->detail), NULL);
      return;
    }
  page = adw_preferences_page_new ();
  self->detail_kind = self->selected_kind;
  g_set_object (&self->detail_persona, self->selected);
  _cairn_persona_page_fill (self, page, self->selected_kind, self->selected);

  /* The same item again (after adding or removing a row): stay where the
     user was. */
  if (old_scroller != NULL && same)
    {
      double *value = g_new (double, 1);
      *value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (old_scroller));
      gtk_widget_add_tick_callback (page, restore_scroll, value, g_free);
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
_cairn_persona_editor_set_model (CairnPersonaEditor *self,
                                 CairnScenarioModel *model,
                                 const char         *filename)
{
  g_clear_object (&self->model);
  g_clear_pointer (&self->snapshot, json_node_unref);
  self->model = model;
  _cairn_persona_editor_set_filename (self, filename);
  set_selected (self, CAIRN_PERSONA_ITEM_NONE, NULL);
  self->modified = FALSE;
  adw_bin_set_child (ADW_BIN (self->detail), NULL);
  self->detail_kind = CAIRN_PERSONA_ITEM_NONE;
  g_clear_object (&self->detail_persona);
  refill_items (self);
  if (model != NULL)
    {
      g_autoptr(CairnPersona) first = g_list_model_get_item (cairn_scenario_model_get_users (model), 0);
      _cairn_persona_editor_show_item (self, first ? CAIRN_PERSONA_ITEM_USER : CAIRN_PERSONA_ITEM_SETTINGS, first);
    }
  _cairn_persona_editor_update_header (self);
  _cairn_persona_editor_show_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

/* Public API */

CairnScenarioModel *
cairn_persona_editor_get_model (CairnPersonaEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), NULL);
  return self->model;
}

JsonNode *
cairn_persona_editor_get_scenario (CairnPersonaEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), NULL);
  if (self->model != NULL && self->snapshot == NULL)
    self->snapshot = cairn_scenario_model_to_json (self->model);
  return self->snapshot;
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
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), 0);
  return self->model ? cairn_scenario_model_get_seed (self->model) : 0;
}

guint
cairn_persona_editor_get_n_users (CairnPersonaEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), 0);
  return self->model ? g_list_model_get_n_items (cairn_scenario_model_get_users (self->model)) : 0;
}

JsonObject *
cairn_persona_editor_get_user (CairnPersonaEditor *self,
                               guint               index)
{
  JsonNode *root;
  JsonArray *users;
  JsonNode *user;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), NULL);
  root = cairn_persona_editor_get_scenario (self);
  users = root ? cairn_json_get_array (json_node_get_object (root), "users") : NULL;
  user = users && index < json_array_get_length (users) ? json_array_get_element (users, index) : NULL;
  return user && JSON_NODE_HOLDS_OBJECT (user) ? json_node_get_object (user) : NULL;
}

/* The person at @index (a new reference), or NULL. */
static CairnPersona *
user_at (CairnPersonaEditor *self,
         guint               index)
{
  return self->model ? g_list_model_get_item (cairn_scenario_model_get_users (self->model), index) : NULL;
}

static gboolean
user_id_taken (CairnPersonaEditor *self,
               const char         *id,
               CairnPersona       *except)
{
  GListModel *users = cairn_scenario_model_get_users (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(CairnPersona) user = g_list_model_get_item (users, i);

      if (user != except && g_strcmp0 (cairn_persona_get_id (user), id) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
fresh_user_id (CairnPersonaEditor *self,
               const char         *base)
{
  char *id = g_strdup (base);

  for (guint n = 2; user_id_taken (self, id, NULL); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

/* After an item was added or removed: the list again, @persona shown. */
static void
show_changed (CairnPersonaEditor   *self,
              CairnPersonaItemKind  kind,
              CairnPersona         *persona)
{
  _cairn_persona_editor_touch (self);
  set_selected (self, kind, persona);
  refill_items (self);
  rebuild_detail (self);
}

static guint
show_new (CairnPersonaEditor *self,
          CairnPersona       *persona)
{
  guint index = 0;

  cairn_scenario_model_find (self->model, persona, &index);
  show_changed (self, cairn_persona_is_generated (persona) ? CAIRN_PERSONA_ITEM_PERSONA : CAIRN_PERSONA_ITEM_USER,
                persona);
  return index;
}

guint
cairn_persona_editor_add_user (CairnPersonaEditor *self,
                               const char         *id)
{
  g_autofree char *fresh = NULL;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), 0);
  g_return_val_if_fail (self->model != NULL, 0);
  g_return_val_if_fail (cairn_scenario_model_can_add_users (self->model), 0);

  fresh = id ? g_strdup (id) : fresh_user_id (self, "person");
  return show_new (self, cairn_scenario_model_add_user (self->model, fresh));
}

guint
cairn_persona_editor_duplicate_user (CairnPersonaEditor *self,
                                     guint               index)
{
  g_autoptr(CairnPersona) user = NULL;
  CairnPersona *copy;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), 0);
  g_return_val_if_fail (index < cairn_persona_editor_get_n_users (self), 0);

  user = user_at (self, index);
  copy = cairn_scenario_model_duplicate (self->model, user);
  if (cairn_persona_is_object (copy))
    {
      g_autofree char *id = fresh_user_id (self, cairn_persona_get_id (user) ?: "person");
      cairn_persona_set_id (copy, id);
    }
  return show_new (self, copy);
}

void
cairn_persona_editor_remove_user (CairnPersonaEditor *self,
                                  guint               index)
{
  g_autoptr(CairnPersona) user = NULL;

  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  g_return_if_fail (index < cairn_persona_editor_get_n_users (self));

  user = user_at (self, index);
  cairn_scenario_model_remove (self->model, user);
  set_selected (self, CAIRN_PERSONA_ITEM_NONE, NULL);
  refill_items (self);
  _cairn_persona_editor_touch (self);
}

gboolean
cairn_persona_editor_rename_user (CairnPersonaEditor  *self,
                                  guint                index,
                                  const char          *id,
                                  GError             **error)
{
  g_autoptr(CairnPersona) user = NULL;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), FALSE);
  g_return_val_if_fail (index < cairn_persona_editor_get_n_users (self), FALSE);

  user = user_at (self, index);
  if (id == NULL || *id == '\0' || strpbrk (id, " \t\r\n") != NULL || !g_utf8_validate (id, -1, NULL))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, _("An id is a word without spaces"));
      return FALSE;
    }
  if (user_id_taken (self, id, user))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, _("Another person is already called “%s”"), id);
      return FALSE;
    }
  if (!cairn_persona_is_object (user))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, _("This person is kept as written"));
      return FALSE;
    }
  cairn_persona_set_id (user, id);
  _cairn_persona_editor_touch (self);
  return TRUE;
}

void
cairn_persona_editor_select_user (CairnPersonaEditor *self,
                                  guint               index)
{
  g_autoptr(CairnPersona) user = NULL;

  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  g_return_if_fail (index < cairn_persona_editor_get_n_users (self));
  user = user_at (self, index);
  _cairn_persona_editor_show_item (self, CAIRN_PERSONA_ITEM_USER, user);
}

void
cairn_persona_editor_select_settings (CairnPersonaEditor *self)
{
  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  if (self->model)
    _cairn_persona_editor_show_item (self, CAIRN_PERSONA_ITEM_SETTINGS, NULL);
}

void
cairn_persona_editor_select_population (CairnPersonaEditor *self)
{
  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  if (self->model)
    _cairn_persona_editor_show_item (self, CAIRN_PERSONA_ITEM_POPULATION, NULL);
}

void
cairn_persona_editor_select_persona (CairnPersonaEditor *self,
                                     guint               index)
{
  g_autoptr(CairnPersona) persona = NULL;

  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  persona = self->model ? g_list_model_get_item (cairn_scenario_model_get_personas (self->model), index) : NULL;
  if (persona != NULL)
    _cairn_persona_editor_show_item (self, CAIRN_PERSONA_ITEM_PERSONA, persona);
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

  if (self->model == NULL)
    return;
  if (g_strcmp0 (name, "personas.add-user") == 0)
    cairn_persona_editor_add_user (self, NULL);
  else if (cairn_scenario_model_can_add_personas (self->model))
    show_new (self, cairn_scenario_model_add_persona (self->model, _("shopper")));
}

static void
action_duplicate (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (widget);
  guint index;

  if (self->selected == NULL || !cairn_scenario_model_find (self->model, self->selected, &index))
    return;
  if (self->selected_kind == CAIRN_PERSONA_ITEM_USER)
    cairn_persona_editor_duplicate_user (self, index);
  else
    show_new (self, cairn_scenario_model_duplicate (self->model, self->selected));
}

static void
action_remove (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (widget);
  guint index;

  if (self->selected == NULL || !cairn_scenario_model_find (self->model, self->selected, &index))
    return;
  if (self->selected_kind == CAIRN_PERSONA_ITEM_USER)
    cairn_persona_editor_remove_user (self, index);
  else
    {
      cairn_scenario_model_remove (self->model, self->selected);
      show_changed (self, CAIRN_PERSONA_ITEM_POPULATION, NULL);
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
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_PERSONA_EDITOR);
  g_clear_object (&self->items);
  g_clear_object (&self->selected);
  g_clear_object (&self->detail_persona);
  if (self->journey)
    g_clear_signal_handler (&self->journey_changed_id, self->journey);
  g_clear_object (&self->journey);
  G_OBJECT_CLASS (cairn_persona_editor_parent_class)->dispose (object);
}

static void
cairn_persona_editor_finalize (GObject *object)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->snapshot, json_node_unref);
  g_free (self->filename);
  g_free (self->message_nodes);
  G_OBJECT_CLASS (cairn_persona_editor_parent_class)->finalize (object);
}

/* Not show_error itself, swapped: it would take the button for the message. */
static void
on_dismiss_clicked (GtkButton          *button,
                    CairnPersonaEditor *self)
{
  _cairn_persona_editor_show_error (self, NULL);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-persona-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, toasts);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, title);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, subtitle);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, detail);
  gtk_widget_class_bind_template_child (widget_class, CairnPersonaEditor, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked);
}


static void
cairn_persona_editor_init (CairnPersonaEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its label names the main half; the arrow is named by its tooltip */
  cairn_a11y_name_split_button (self->save_button, NULL);
  self->items = g_list_store_new (CAIRN_TYPE_PERSONA_ITEM);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->sidebar), G_LIST_MODEL (self->items), _cairn_persona_row_new, self, NULL);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->sidebar), _cairn_persona_row_header, self, NULL);
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
