/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Edits of the document made from the window: every one is a single undo
 * step with a label a person can read in the Undo tooltip. */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-layout.h"
#include "cairn-canvas.h"
#include "cairn-window-private.h"

#define NODE_SPACING_X 280
#define NODE_SPACING_Y 140
#define PASTE_OFFSET 40

const char *
cairn_window_drop_kind (CairnWindow *self,
                        const char  *type,
                        double       x,
                        double       y)
{
  const CairnNodeKind *kind;
  const char *id;
  g_autofree char *label = NULL;
  g_autofree char *id_copy = NULL;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  kind = cairn_registry_lookup (type);
  if (kind == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown node kind “%s”"), type);
      cairn_window_show_toast (self, message);
      return NULL;
    }

  id = cairn_journey_add_node (self->journey, type, x, y);
  if (id == NULL)
    return NULL;
  id_copy = g_strdup (id);
  /* Translators: %s is a node kind such as "Wait for event" */
  label = g_strdup_printf (_("Add %s"), _(kind->name));
  cairn_window_record (self, label, NULL);
  {
    const char *ids[] = { id_copy, NULL };
    cairn_window_select_nodes (self, ids);
  }
  return cairn_journey_find_node (self->journey, id_copy)->id;
}

/* The first port of @node without an edge, or NULL. */
static char *
free_port (CairnWindow *self,
           CairnNode   *node)
{
  g_autoptr(GPtrArray) ports = NULL;

  if (node->kind == NULL)
    return NULL;
  ports = cairn_node_kind_ports (node->kind, node->config);
  for (guint i = 0; i < ports->len; i++)
    {
      CairnPort *port = g_ptr_array_index (ports, i);
      if (g_strcmp0 (port->id, "failed") == 0)
        continue;
      if (cairn_journey_find_edge (self->journey, node->id, port->id) == NULL)
        return g_strdup (port->id);
    }
  return NULL;
}

const char *
cairn_window_add_kind (CairnWindow *self,
                       const char  *type)
{
  g_auto(GStrv) selection = NULL;
  const CairnNodeKind *kind;
  CairnNode *anchor = NULL;
  g_autofree char *port = NULL;
  g_autofree char *anchor_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  double x = 40, y = 40;
  const char *new_id;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);

  kind = cairn_registry_lookup (type);
  if (kind == NULL)
    return NULL;

  selection = cairn_window_get_selection (self);
  if (selection != NULL && selection[0] != NULL)
    anchor = cairn_journey_find_node (self->journey, selection[g_strv_length (selection) - 1]);

  if (anchor != NULL)
    {
      x = anchor->x + NODE_SPACING_X;
      y = anchor->y;
      /* Below whatever is already there */
      for (guint i = 0; i < cairn_journey_get_n_nodes (self->journey); i++)
        {
          CairnNode *other = cairn_journey_get_node (self->journey, i);
          if (ABS (other->x - x) < NODE_SPACING_X / 2 && ABS (other->y - y) < NODE_SPACING_Y / 2)
            {
              y = other->y + NODE_SPACING_Y;
              i = (guint) -1;
            }
        }
      anchor_id = g_strdup (anchor->id);
      /* At the port chosen for it ("Add Next Node at…"), "failed" too */
      if (!kind->is_starter && g_strcmp0 (self->pending_from, anchor->id) == 0 && self->pending_port != NULL &&
          cairn_journey_find_edge (self->journey, anchor->id, self->pending_port) == NULL)
        port = g_strdup (self->pending_port);
      else if (!kind->is_starter)
        port = free_port (self, anchor);
      _cairn_window_set_pending_port (self, NULL, NULL);
    }
  else if (cairn_journey_get_n_nodes (self->journey) > 0)
    {
      double max_x = 0, min_y = G_MAXDOUBLE;
      for (guint i = 0; i < cairn_journey_get_n_nodes (self->journey); i++)
        {
          CairnNode *other = cairn_journey_get_node (self->journey, i);
          max_x = MAX (max_x, other->x);
          min_y = MIN (min_y, other->y);
        }
      x = max_x + NODE_SPACING_X;
      y = min_y;
    }

  cairn_journey_freeze_changed (self->journey);
  new_id = cairn_journey_add_node (self->journey, type, x, y);
  id = g_strdup (new_id);
  if (id != NULL && port != NULL)
    cairn_journey_connect (self->journey, anchor_id, port, id, NULL);
  cairn_journey_thaw_changed (self->journey);
  if (id == NULL)
    return NULL;

  label = g_strdup_printf (_("Add %s"), _(kind->name));
  cairn_window_record (self, label, NULL);
  {
    const char *ids[] = { id, NULL };
    /* The node it follows stays in view with it */
    const char *both[] = { id, anchor_id, NULL };
    cairn_window_select_nodes (self, ids);
    cairn_canvas_reveal_nodes (CAIRN_CANVAS (self->canvas), both);
  }
  return cairn_journey_find_node (self->journey, id)->id;
}

gboolean
cairn_window_connect (CairnWindow *self,
                      const char  *from,
                      const char  *port,
                      const char  *to,
                      GError     **error)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);

  if (!cairn_journey_connect (self->journey, from, port, to, error))
    return FALSE;
  cairn_window_record (self, _("Connect"), NULL);
  return TRUE;
}

void
cairn_window_move_nodes (CairnWindow        *self,
                         const char * const *ids,
                         double              dx,
                         double              dy)
{
  g_autofree char *label = NULL;
  guint n = 0;

  g_return_if_fail (CAIRN_IS_WINDOW (self));

  cairn_journey_freeze_changed (self->journey);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      CairnNode *node = cairn_journey_find_node (self->journey, ids[i]);
      if (node == NULL)
        continue;
      cairn_journey_move_node (self->journey, ids[i], node->x + dx, node->y + dy);
      n++;
    }
  cairn_journey_thaw_changed (self->journey);
  label = g_strdup_printf (ngettext ("Move %u node", "Move %u nodes", n), n);
  cairn_window_record (self, label, NULL);
}

void
cairn_window_delete_selection (CairnWindow *self)
{
  g_auto(GStrv) ids = NULL;
  g_autofree char *label = NULL;
  guint n;

  g_return_if_fail (CAIRN_IS_WINDOW (self));

  ids = cairn_window_get_selection (self);
  n = ids ? g_strv_length (ids) : 0;
  if (n == 0)
    return;
  cairn_window_select_nodes (self, NULL);
  cairn_journey_freeze_changed (self->journey);
  for (guint i = 0; i < n; i++)
    cairn_journey_remove_node (self->journey, ids[i]);
  cairn_journey_thaw_changed (self->journey);
  label = g_strdup_printf (ngettext ("Delete %u node", "Delete %u nodes", n), n);
  cairn_window_record (self, label, NULL);
}

char *
cairn_window_copy_selection (CairnWindow *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GHashTable) chosen = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);

  ids = cairn_window_get_selection (self);
  if (ids == NULL || ids[0] == NULL)
    return NULL;
  chosen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (chosen, ids[i]);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "cairn-journey");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cairn_journey_get_n_nodes (self->journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (self->journey, i);
      if (node->id != NULL && g_hash_table_contains (chosen, node->id))
        {
          JsonNode *copy = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (copy, cairn_json_object_deep_copy (node->object));
          json_builder_add_value (builder, copy);
        }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cairn_journey_get_n_edges (self->journey); i++)
    {
      CairnEdge *edge = cairn_journey_get_edge (self->journey, i);
      if (edge->from != NULL && edge->to != NULL &&
          g_hash_table_contains (chosen, edge->from) && g_hash_table_contains (chosen, edge->to))
        {
          JsonNode *copy = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (copy, cairn_json_object_deep_copy (edge->object));
          json_builder_add_value (builder, copy);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return cairn_json_to_string (root, TRUE);
}

gboolean
cairn_window_paste_text (CairnWindow *self,
                         const char  *text,
                         GError     **error)
{
  g_autoptr(CairnJourney) pasted = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) new_ids = NULL;
  g_autofree char *label = NULL;
  guint n;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);

  pasted = cairn_journey_load_data (text, -1, NULL, error);
  if (pasted == NULL)
    return FALSE;
  n = cairn_journey_get_n_nodes (pasted);
  if (n == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The clipboard holds no journey nodes"));
      return FALSE;
    }

  self->paste_offset += PASTE_OFFSET;
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  new_ids = g_ptr_array_new_with_free_func (g_free);

  cairn_journey_freeze_changed (self->journey);
  for (guint i = 0; i < n; i++)
    {
      CairnNode *node = cairn_journey_get_node (pasted, i);
      g_autoptr(JsonObject) copy = cairn_json_object_deep_copy (node->object);
      g_autoptr(JsonObject) position = json_object_new ();
      const char *id;

      json_object_set_double_member (position, "x", node->x + self->paste_offset);
      json_object_set_double_member (position, "y", node->y + self->paste_offset);
      json_object_set_object_member (copy, "position", json_object_ref (position));
      id = cairn_journey_insert_node_object (self->journey, copy);
      if (id == NULL)
        continue;
      if (node->id != NULL)
        g_hash_table_insert (ids, g_strdup (node->id), g_strdup (id));
      g_ptr_array_add (new_ids, g_strdup (id));
    }
  for (guint i = 0; i < cairn_journey_get_n_edges (pasted); i++)
    {
      CairnEdge *edge = cairn_journey_get_edge (pasted, i);
      const char *from = edge->from ? g_hash_table_lookup (ids, edge->from) : NULL;
      const char *to = edge->to ? g_hash_table_lookup (ids, edge->to) : NULL;

      if (from != NULL && to != NULL)
        cairn_journey_connect (self->journey, from, edge->port, to, NULL);
    }
  cairn_journey_thaw_changed (self->journey);

  label = g_strdup_printf (ngettext ("Paste %u node", "Paste %u nodes", new_ids->len), new_ids->len);
  cairn_window_record (self, label, NULL);
  g_ptr_array_add (new_ids, NULL);
  cairn_window_select_nodes (self, (const char * const *) new_ids->pdata);
  return TRUE;
}

void
_cairn_window_select_all (CairnWindow *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < cairn_journey_get_n_nodes (self->journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (self->journey, i);
      if (node->id != NULL)
        g_ptr_array_add (ids, (gpointer) node->id);
    }
  g_ptr_array_add (ids, NULL);
  cairn_window_select_nodes (self, (const char * const *) ids->pdata);
}

void
_cairn_window_tidy (CairnWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (cairn_journey_get_n_nodes (self->journey) == 0)
    return;
  if (!cairn_canvas_tidy (CAIRN_CANVAS (self->canvas), &error))
    {
      cairn_window_show_toast (self, error->message);
      return;
    }
  cairn_window_record (self, _("Tidy Layout"), NULL);
}

/* Moves the selection to the next (or previous) node in document order,
 * so that every node can be reached from the keyboard. */
void
_cairn_window_focus_next_node (CairnWindow *self,
                               int          direction)
{
  g_auto(GStrv) selection = cairn_window_get_selection (self);
  guint n = cairn_journey_get_n_nodes (self->journey);
  CairnNode *current = NULL;
  CairnNode *next;
  guint index;

  if (n == 0)
    return;
  if (selection != NULL && selection[0] != NULL)
    current = cairn_journey_find_node (self->journey, selection[0]);
  if (current == NULL)
    index = direction > 0 ? 0 : n - 1;
  else
    index = (current->index + n + (direction > 0 ? 1 : -1)) % n;
  next = cairn_journey_get_node (self->journey, index);
  if (next->id != NULL)
    {
      g_autofree char *id = g_strdup (next->id);
      const char *ids[] = { id, NULL };
      cairn_window_select_nodes (self, ids);
      cairn_window_reveal_node (self, id);
      /* The focus goes with it, for screen readers. */
      if (CAIRN_IS_CANVAS (self->canvas) && cairn_canvas_get_node_widget (CAIRN_CANVAS (self->canvas), id) != NULL)
        gtk_widget_grab_focus (cairn_canvas_get_node_widget (CAIRN_CANVAS (self->canvas), id));
    }
}
