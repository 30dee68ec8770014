/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Lists whose items are ports: the tabs of condition.check, the variants
 * of split.ab and ordered channel lists. Items keep their ids when they
 * are renamed or moved, so their edges follow them; a removed item takes
 * its edge with it. */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-inspector-private.h"
#include "cairn-json.h"
#include "cairn-predicate-editor.h"
#include "cairn-summary.h"

typedef struct
{
  const CairnFieldSpec *spec;
  CairnFieldTarget      target;
  JsonArray            *array;
  char                 *node_id;
} ListEdit;

static void
list_edit_free (ListEdit *edit)
{
  json_array_unref (edit->array);
  g_free (edit->node_id);
  g_free (edit);
}

static ListEdit *
list_edit_new (GtkWidget              *owner,
               const CairnFieldSpec   *spec,
               JsonNode               *value,
               const CairnFieldTarget *target)
{
  ListEdit *edit = g_new0 (ListEdit, 1);
  JsonNode *copy = value && JSON_NODE_HOLDS_ARRAY (value) ? cairn_json_deep_copy (value) : NULL;

  edit->spec = spec;
  edit->target = *target;
  edit->array = copy ? json_array_ref (json_node_get_array (copy)) : json_array_new ();
  g_clear_pointer (&copy, json_node_unref);
  g_object_set_data_full (G_OBJECT (owner), "list-edit", edit, (GDestroyNotify) list_edit_free);
  return edit;
}

static void
list_send (ListEdit *edit,
           gboolean  structural)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_array (node, edit->array);
  copy = cairn_json_deep_copy (node);
  json_node_unref (node);
  edit->target.sink (edit->target.data, edit->spec->name, g_steal_pointer (&copy),
                     _(edit->spec->label), structural);
}

/* The node being edited: the one whose config holds this list. */
static const char *
item_id (JsonArray *array,
         guint      index)
{
  JsonNode *item = json_array_get_element (array, index);

  if (JSON_NODE_HOLDS_OBJECT (item))
    return cairn_json_get_string (json_node_get_object (item), "id");
  if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
    return json_node_get_string (item);
  return NULL;
}

static void
disconnect_port (ListEdit   *edit,
                 const char *port)
{
  CairnJourney *journey = edit->target.journey;

  if (port == NULL)
    return;
  /* Only the selected node's ports: find the node whose config is ours. */
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      if (node->config != NULL && node->kind != NULL &&
          g_strcmp0 (node->kind->ports_field, edit->spec->name) == 0 &&
          g_strcmp0 (node->id, edit->node_id) == 0)
        cairn_journey_disconnect (journey, node->id, port);
    }
}

static void
on_move (GtkButton *button,
         ListEdit  *edit)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  guint other = index + delta;
  JsonNode *item;

  if ((int) index + delta < 0 || other >= json_array_get_length (edit->array))
    return;
  item = json_node_ref (json_array_get_element (edit->array, index));
  json_array_remove_element (edit->array, index);
  /* JsonArray has no insert: rebuild it in order. */
  {
    JsonArray *array = json_array_new ();
    guint n = json_array_get_length (edit->array);
    for (guint i = 0, j = 0; i <= n; i++)
      {
        if (i == other)
          json_array_add_element (array, json_node_ref (item));
        else
          json_array_add_element (array, json_node_ref (json_array_get_element (edit->array, j++)));
      }
    json_array_unref (edit->array);
    edit->array = array;
  }
  json_node_unref (item);
  list_send (edit, TRUE);
}

static void
on_remove (GtkButton *button,
           ListEdit  *edit)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autofree char *port = g_strdup (item_id (edit->array, index));

  json_array_remove_element (edit->array, index);
  disconnect_port (edit, port);
  list_send (edit, TRUE);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             guint       index,
             int         delta,
             ListEdit   *edit,
             GCallback   callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", callback, edit);
  return button;
}

static void
add_item_buttons (GtkWidget *box,
                  ListEdit  *edit,
                  guint      index)
{
  guint n = json_array_get_length (edit->array);

  /* Order matters for tabs and channels (the first that applies wins),
   * not for the variants of a split. */
  if (edit->spec->type != CAIRN_FIELD_VARIANTS)
    {
      GtkWidget *up = icon_button ("go-up-symbolic", _("Move Up"), index, -1, edit, G_CALLBACK (on_move));
      GtkWidget *down = icon_button ("go-down-symbolic", _("Move Down"), index, 1, edit, G_CALLBACK (on_move));

      gtk_widget_set_sensitive (up, index > 0);
      gtk_widget_set_sensitive (down, index + 1 < n);
      gtk_box_append (GTK_BOX (box), up);
      gtk_box_append (GTK_BOX (box), down);
    }
  gtk_box_append (GTK_BOX (box), icon_button ("user-trash-symbolic", _("Remove"), index, 0, edit, G_CALLBACK (on_remove)));
}

static char *
fresh_id (ListEdit   *edit,
          const char *prefix,
          gboolean    letters)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = NULL;
      gboolean taken = FALSE;

      if (letters && n <= 26)
        candidate = g_strdup_printf ("%c", 'A' + n - 1);
      else
        candidate = g_strdup_printf ("%s%u", prefix, n);
      for (guint i = 0; i < json_array_get_length (edit->array); i++)
        if (g_strcmp0 (item_id (edit->array, i), candidate) == 0)
          taken = TRUE;
      if (!taken)
        return g_steal_pointer (&candidate);
    }
}

static GtkWidget *
list_box_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
add_button_new (const char *label,
                ListEdit   *edit,
                GCallback   callback)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", callback, edit);
  return button;
}

static void
remember_node (ListEdit *edit)
{
  edit->node_id = g_strdup (edit->target.node_id);
}

/* Tabs: name and condition, in order; the first that holds is taken. */

static void
on_tab_name (GtkEditable *editable,
             ListEdit    *edit)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "index"));
  JsonObject *tab = json_array_get_object_element (edit->array, index);

  json_object_set_string_member (tab, "name", gtk_editable_get_text (editable));
  list_send (edit, FALSE);
}

static void
on_tab_when (CairnPredicateEditor *editor,
             gboolean              structural,
             ListEdit             *edit)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editor), "index"));
  JsonObject *tab = json_array_get_object_element (edit->array, index);
  JsonNode *when = cairn_predicate_editor_get_value (editor);

  if (when != NULL)
    json_object_set_member (tab, "when", when);
  else if (json_object_has_member (tab, "when"))
    json_object_remove_member (tab, "when");
  list_send (edit, FALSE);
}

static void
on_tab_add (GtkButton *button,
            ListEdit  *edit)
{
  JsonObject *tab = json_object_new ();
  g_autofree char *id = fresh_id (edit, "tab", FALSE);
  g_autofree char *name = g_strdup_printf (_("Tab %u"), json_array_get_length (edit->array) + 1);
  JsonObject *when = json_object_new ();

  json_object_set_string_member (when, "attribute", "");
  json_object_set_string_member (when, "op", "exists");
  json_object_set_string_member (tab, "id", id);
  json_object_set_string_member (tab, "name", name);
  json_object_set_object_member (tab, "when", when);
  json_array_add_object_element (edit->array, tab);
  list_send (edit, TRUE);
}

GtkWidget *
_cairn_tabs_editor_new (const CairnFieldSpec   *spec,
                        JsonNode               *value,
                        const CairnFieldTarget *target)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  ListEdit *edit = list_edit_new (box, spec, value, target);

  remember_node (edit);
  for (guint i = 0; i < json_array_get_length (edit->array); i++)
    {
      JsonNode *item = json_array_get_element (edit->array, i);
      JsonObject *tab;
      GtkWidget *card, *header, *name, *when, *port;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      tab = json_node_get_object (item);
      card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "list-item-card");
      header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      name = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (name), cairn_json_get_string (tab, "name") ?: "");
      gtk_editable_set_enable_undo (GTK_EDITABLE (name), FALSE);
      gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Tab name"));
      gtk_widget_set_hexpand (name, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (name), 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tab name"), -1);
      g_object_set_data (G_OBJECT (name), "index", GUINT_TO_POINTER (i));
      g_signal_connect (name, "changed", G_CALLBACK (on_tab_name), edit);
      port = gtk_label_new (cairn_json_get_string (tab, "id") ?: "?");
      gtk_widget_add_css_class (port, "port-chip");
      gtk_widget_set_tooltip_text (port, _("Port id: edges leave from here"));
      gtk_box_append (GTK_BOX (header), port);
      gtk_box_append (GTK_BOX (header), name);
      add_item_buttons (header, edit, i);
      gtk_box_append (GTK_BOX (card), header);
      when = cairn_predicate_editor_new (json_object_get_member (tab, "when"));
      g_object_set_data (G_OBJECT (when), "index", GUINT_TO_POINTER (i));
      g_signal_connect (when, "changed", G_CALLBACK (on_tab_when), edit);
      gtk_box_append (GTK_BOX (card), when);
      gtk_box_append (GTK_BOX (box), card);
    }
  {
    GtkWidget *else_label = gtk_label_new (_("Everyone else takes “else”."));
    gtk_label_set_xalign (GTK_LABEL (else_label), 0);
    gtk_widget_add_css_class (else_label, "dim-label");
    gtk_box_append (GTK_BOX (box), else_label);
  }
  gtk_box_append (GTK_BOX (box), add_button_new (_("Add Tab"), edit, G_CALLBACK (on_tab_add)));
  return box;
}

/* Variants: name and weight */

static void
on_variant_name (GtkEditable *editable,
                 ListEdit    *edit)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "index"));

  json_object_set_string_member (json_array_get_object_element (edit->array, index), "name",
                                 gtk_editable_get_text (editable));
  list_send (edit, FALSE);
}

static void
on_variant_weight (GtkSpinButton *spin,
                   ListEdit      *edit)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "index"));

  json_object_set_int_member (json_array_get_object_element (edit->array, index), "weight",
                              gtk_spin_button_get_value_as_int (spin));
  list_send (edit, FALSE);
}

static void
on_variant_add (GtkButton *button,
                ListEdit  *edit)
{
  JsonObject *variant = json_object_new ();
  g_autofree char *id = fresh_id (edit, "v", TRUE);

  json_object_set_string_member (variant, "id", id);
  json_object_set_string_member (variant, "name", id);
  json_object_set_int_member (variant, "weight", 50);
  json_array_add_object_element (edit->array, variant);
  list_send (edit, TRUE);
}

GtkWidget *
_cairn_variants_editor_new (const CairnFieldSpec   *spec,
                            JsonNode               *value,
                            const CairnFieldTarget *target)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *list = list_box_new ();
  ListEdit *edit = list_edit_new (box, spec, value, target);
  double total = 0;

  remember_node (edit);
  for (guint i = 0; i < json_array_get_length (edit->array); i++)
    {
      JsonNode *item = json_array_get_element (edit->array, i);
      double weight = 0;
      if (JSON_NODE_HOLDS_OBJECT (item) && cairn_json_get_number (json_node_get_object (item), "weight", &weight))
        total += weight;
    }

  for (guint i = 0; i < json_array_get_length (edit->array); i++)
    {
      JsonNode *item = json_array_get_element (edit->array, i);
      JsonObject *variant;
      GtkWidget *row, *name, *weight, *share;
      double w = 0;
      g_autofree char *share_text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      variant = json_node_get_object (item);
      cairn_json_get_number (variant, "weight", &w);
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (row, "list-item-row");
      share = gtk_label_new (cairn_json_get_string (variant, "id") ?: "?");
      gtk_widget_add_css_class (share, "port-chip");
      name = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (name), cairn_json_get_string (variant, "name") ?: "");
      gtk_editable_set_enable_undo (GTK_EDITABLE (name), FALSE);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (name), 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Variant name"), -1);
      g_object_set_data (G_OBJECT (name), "index", GUINT_TO_POINTER (i));
      g_signal_connect (name, "changed", G_CALLBACK (on_variant_name), edit);
      weight = gtk_spin_button_new_with_range (0, 1000, 1);
      gtk_editable_set_width_chars (GTK_EDITABLE (weight), 3);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), w);
      share_text = g_strdup_printf (_("Weight (%.0f%%)"), total > 0 ? 100 * w / total : 0);
      gtk_widget_set_tooltip_text (weight, share_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (weight), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Weight"), -1);
      gtk_widget_set_valign (weight, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (weight), "index", GUINT_TO_POINTER (i));
      g_signal_connect (weight, "value-changed", G_CALLBACK (on_variant_weight), edit);
      gtk_box_append (GTK_BOX (row), share);
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), weight);
      add_item_buttons (row, edit, i);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), add_button_new (_("Add Variant"), edit, G_CALLBACK (on_variant_add)));
  return box;
}

/* Channels, in order of preference */

static void
on_channel_add (GtkDropDown *drop_down,
                GParamSpec  *pspec,
                ListEdit    *edit)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  const char * const *missing = g_object_get_data (G_OBJECT (drop_down), "missing");

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  json_array_add_string_element (edit->array, missing[selected - 1]);
  list_send (edit, TRUE);
}

GtkWidget *
_cairn_channels_editor_new (const CairnFieldSpec   *spec,
                            JsonNode               *value,
                            const CairnFieldTarget *target)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *list = list_box_new ();
  ListEdit *edit = list_edit_new (box, spec, value, target);
  const char * const *channels = cairn_channels ();
  GPtrArray *missing = g_ptr_array_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *add;

  remember_node (edit);
  for (guint i = 0; i < json_array_get_length (edit->array); i++)
    {
      const char *channel = item_id (edit->array, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (channel ? cairn_channel_display_name (channel) : "?");
      g_autofree char *rank = g_strdup_printf ("%u", i + 1);
      GtkWidget *number = gtk_label_new (rank);

      gtk_widget_add_css_class (row, "list-item-row");
      gtk_widget_add_css_class (number, "port-chip");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), number);
      gtk_box_append (GTK_BOX (row), label);
      add_item_buttons (row, edit, i);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_string_list_append (labels, _("Add Channel…"));
  for (guint c = 0; channels[c] != NULL; c++)
    {
      gboolean present = FALSE;
      for (guint i = 0; i < json_array_get_length (edit->array); i++)
        if (g_strcmp0 (item_id (edit->array, i), channels[c]) == 0)
          present = TRUE;
      if (!present)
        {
          g_ptr_array_add (missing, (gpointer) channels[c]);
          gtk_string_list_append (labels, cairn_channel_display_name (channels[c]));
        }
    }
  add = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Channel"), -1);
  g_object_set_data_full (G_OBJECT (add), "missing", g_ptr_array_free (missing, FALSE), g_free);
  g_signal_connect (add, "notify::selected", G_CALLBACK (on_channel_add), edit);
  gtk_widget_set_sensitive (add, g_list_model_get_n_items (G_LIST_MODEL (labels)) > 1);

  if (json_array_get_length (edit->array) > 0)
    gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), add);
  return box;
}
