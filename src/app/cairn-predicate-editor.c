/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-predicate-editor.h"
#include "cairn-registry.h"

struct _CairnPredicateEditor
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  JsonNode  *root;      /* always a group: {"all": [...]} or {"any": [...]} */
  gboolean   unwrap;    /* the document held one condition, not a group */
};

G_DEFINE_FINAL_TYPE (CairnPredicateEditor, cairn_predicate_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const operators[] = {
  "eq", "neq", "lt", "lte", "gt", "gte", "in", "not_in", "contains", "starts_with", "exists", "not_exists", NULL
};
static const char * const operator_labels[] = {
  "=", "≠", "<", "≤", ">", "≥", N_("in"), N_("not in"), N_("contains"), N_("starts with"), N_("exists"), N_("missing"), NULL
};
static const char * const subjects[] = { "attribute", "param", "affinity", "field", NULL };
static const char * const subject_labels[] = { N_("Attribute"), N_("Event parameter"), N_("Affinity"), N_("Product field"), NULL };

static void rebuild (CairnPredicateEditor *self);

static void
emit_changed (CairnPredicateEditor *self,
              gboolean              structural)
{
  if (structural)
    rebuild (self);
  g_signal_emit (self, signals[CHANGED], 0, structural);
}

static int
strv_index (const char * const *strv,
            const char         *value)
{
  for (int i = 0; value != NULL && strv[i] != NULL; i++)
    if (g_str_equal (strv[i], value))
      return i;
  return -1;
}

static GtkWidget *
drop_down_new (const char * const *labels,
               int                 selected,
               const char         *accessible_label)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, _(labels[i]));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), MAX (selected, 0));
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return drop_down;
}

/* Values: text as typed, numbers and booleans as JSON; a list after in /
 * not_in is comma-separated. */
static char *
value_to_text (JsonNode *value)
{
  if (value == NULL)
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      GString *out = g_string_new (NULL);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = value_to_text (json_array_get_element (array, i));
          if (i > 0)
            g_string_append (out, ", ");
          g_string_append (out, item);
        }
      return g_string_free (out, FALSE);
    }
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return cairn_json_to_string (value, FALSE);
}

static JsonNode *
scalar_from_text (const char *text)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  parsed = cairn_json_parse (stripped, strlen (stripped), NULL, NULL, NULL);
  if (parsed != NULL && (JSON_NODE_HOLDS_VALUE (parsed) || JSON_NODE_HOLDS_NULL (parsed)) &&
      (json_node_get_value_type (parsed) != G_TYPE_STRING))
    return g_steal_pointer (&parsed);
  return json_node_init_string (json_node_alloc (), stripped);
}

static JsonNode *
value_from_text (const char *text,
                 const char *op)
{
  if (g_strcmp0 (op, "in") == 0 || g_strcmp0 (op, "not_in") == 0)
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);
      JsonArray *array = json_array_new ();
      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          json_array_add_element (array, scalar_from_text (parts[i]));
      return json_node_init_array (json_node_alloc (), array);
    }
  return scalar_from_text (text);
}

static void
on_subject_changed (GtkDropDown *drop_down,
                    GParamSpec  *pspec,
                    JsonObject  *leaf)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (drop_down), "editor");
  GtkEditable *name = g_object_get_data (G_OBJECT (drop_down), "name-entry");
  const char *subject = subjects[gtk_drop_down_get_selected (drop_down)];

  for (guint i = 0; subjects[i] != NULL; i++)
    if (json_object_has_member (leaf, subjects[i]))
      json_object_remove_member (leaf, subjects[i]);
  json_object_set_string_member (leaf, subject, gtk_editable_get_text (name));
  /* The name typed next goes under the subject chosen now. */
  g_object_set_data (G_OBJECT (name), "member", (gpointer) subject);
  emit_changed (self, FALSE);
}

static void
on_name_changed (GtkEditable *entry,
                 JsonObject  *leaf)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (entry), "editor");
  const char *member = g_object_get_data (G_OBJECT (entry), "member");

  json_object_set_string_member (leaf, member, gtk_editable_get_text (entry));
  emit_changed (self, FALSE);
}

static void
on_operator_changed (GtkDropDown *drop_down,
                     GParamSpec  *pspec,
                     JsonObject  *leaf)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (drop_down), "editor");
  GtkEditable *value = g_object_get_data (G_OBJECT (drop_down), "value-entry");
  const char *op = operators[gtk_drop_down_get_selected (drop_down)];

  json_object_set_string_member (leaf, "op", op);
  if (g_str_equal (op, "exists") || g_str_equal (op, "not_exists"))
    {
      if (json_object_has_member (leaf, "value"))
        json_object_remove_member (leaf, "value");
    }
  else
    {
      json_object_set_member (leaf, "value", value_from_text (gtk_editable_get_text (value), op));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (value), !g_str_has_suffix (op, "exists"));
  emit_changed (self, FALSE);
}

static void
on_value_changed (GtkEditable *entry,
                  JsonObject  *leaf)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (entry), "editor");

  json_object_set_member (leaf, "value",
                          value_from_text (gtk_editable_get_text (entry),
                                           cairn_json_get_string (leaf, "op")));
  emit_changed (self, FALSE);
}

static void
on_json_changed (GtkEditable *entry,
                 JsonNode    *slot)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (entry), "editor");
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(JsonNode) parsed = cairn_json_parse (text, strlen (text), NULL, NULL, NULL);

  if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  json_node_set_object (slot, json_node_get_object (parsed));
  emit_changed (self, FALSE);
}

static GtkWidget *
entry_new (CairnPredicateEditor *self,
           const char           *text,
           const char           *placeholder,
           int                   width)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ?: "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), MIN (width, 5));
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  g_object_set_data (G_OBJECT (entry), "editor", self);
  return entry;
}

static void
on_remove_clicked (GtkButton *button,
                   JsonArray *array)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (button), "editor");

  json_array_remove_element (array, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
  emit_changed (self, TRUE);
}

static GtkWidget *
remove_button_new (CairnPredicateEditor *self,
                   JsonArray            *array,
                   guint                 index)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Condition"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Condition"), -1);
  g_object_set_data (G_OBJECT (button), "editor", self);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), array);
  return button;
}

/* field · operator · value */
static GtkWidget *
comparison_row_new (CairnPredicateEditor *self,
                    JsonObject           *leaf)
{
  GtkWidget *grid = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *subject, *name, *op, *value;
  int subject_index = 0;
  const char *op_name = cairn_json_get_string (leaf, "op") ?: "eq";
  g_autofree char *value_text = value_to_text (json_object_get_member (leaf, "value"));

  for (int i = 0; subjects[i] != NULL; i++)
    if (json_object_has_member (leaf, subjects[i]))
      subject_index = i;

  name = entry_new (self, cairn_json_get_string (leaf, subjects[subject_index]), _("Name"), 8);
  g_object_set_data (G_OBJECT (name), "member", (gpointer) subjects[subject_index]);
  subject = drop_down_new (subject_labels, subject_index, _("Compare"));
  g_object_set_data (G_OBJECT (subject), "editor", self);
  g_object_set_data (G_OBJECT (subject), "name-entry", name);
  op = drop_down_new (operator_labels, strv_index (operators, op_name), _("Operator"));
  value = entry_new (self, value_text, _("Value"), 6);
  gtk_widget_set_sensitive (value, !g_str_has_suffix (op_name, "exists"));
  g_object_set_data (G_OBJECT (op), "editor", self);
  g_object_set_data (G_OBJECT (op), "value-entry", value);

  g_signal_connect (subject, "notify::selected", G_CALLBACK (on_subject_changed), leaf);
  g_signal_connect (name, "changed", G_CALLBACK (on_name_changed), leaf);
  g_signal_connect (op, "notify::selected", G_CALLBACK (on_operator_changed), leaf);
  g_signal_connect (value, "changed", G_CALLBACK (on_value_changed), leaf);

  /* Two lines, so that names and values have room in a narrow panel */
  {
    GtkWidget *first = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
    GtkWidget *second = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

    gtk_orientable_set_orientation (GTK_ORIENTABLE (grid), GTK_ORIENTATION_VERTICAL);
    gtk_box_append (GTK_BOX (first), subject);
    gtk_box_append (GTK_BOX (first), name);
    gtk_box_append (GTK_BOX (second), op);
    gtk_box_append (GTK_BOX (second), value);
    gtk_box_append (GTK_BOX (grid), first);
    gtk_box_append (GTK_BOX (grid), second);
  }
  return grid;
}

/* {"event": ..., "within": ..., "count": {...}}: did the user do it */
static GtkWidget *
event_row_new (CairnPredicateEditor *self,
               JsonObject           *leaf)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (_("Did"));
  GtkWidget *event = entry_new (self, cairn_json_get_string (leaf, "event"), _("Event"), 8);
  GtkWidget *within_label = gtk_label_new (_("within"));
  GtkWidget *within = entry_new (self, cairn_json_get_string (leaf, "within"), _("P7D"), 5);

  g_object_set_data (G_OBJECT (event), "member", (gpointer) "event");
  g_object_set_data (G_OBJECT (within), "member", (gpointer) "within");
  g_signal_connect (event, "changed", G_CALLBACK (on_name_changed), leaf);
  g_signal_connect (within, "changed", G_CALLBACK (on_name_changed), leaf);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), event);
  gtk_box_append (GTK_BOX (box), within_label);
  gtk_box_append (GTK_BOX (box), within);
  return box;
}

static void
on_channel_changed (GtkDropDown *drop_down,
                    GParamSpec  *pspec,
                    JsonObject  *leaf)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (drop_down), "editor");

  json_object_set_string_member (leaf, "reachable", cairn_channels ()[gtk_drop_down_get_selected (drop_down)]);
  emit_changed (self, FALSE);
}

static GtkWidget *
reachable_row_new (CairnPredicateEditor *self,
                   JsonObject           *leaf)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (_("Reachable on"));
  GtkWidget *channel = drop_down_new (cairn_channels (),
                                      cairn_channel_index (cairn_json_get_string (leaf, "reachable")),
                                      _("Channel"));

  g_object_set_data (G_OBJECT (channel), "editor", self);
  g_signal_connect (channel, "notify::selected", G_CALLBACK (on_channel_changed), leaf);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), channel);
  return box;
}

static GtkWidget *group_new (CairnPredicateEditor *self, JsonObject *group, JsonArray *parent, guint index);

static void
on_group_mode_changed (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       JsonObject  *group)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (drop_down), "editor");
  gboolean any = gtk_drop_down_get_selected (drop_down) == 1;
  const char *from = any ? "all" : "any";
  JsonNode *items = json_object_dup_member (group, from);

  if (items == NULL)
    return;
  json_object_remove_member (group, from);
  json_object_set_member (group, any ? "any" : "all", items);
  emit_changed (self, FALSE);
}

static void
on_add_clicked (GtkButton *button,
                JsonArray *array)
{
  CairnPredicateEditor *self = g_object_get_data (G_OBJECT (button), "editor");
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  JsonObject *object = json_object_new ();

  if (g_str_equal (what, "group"))
    json_object_set_array_member (object, "any", json_array_new ());
  else if (g_str_equal (what, "event"))
    {
      json_object_set_string_member (object, "event", "");
      json_object_set_string_member (object, "within", "P30D");
    }
  else if (g_str_equal (what, "reachable"))
    json_object_set_string_member (object, "reachable", "email");
  else
    {
      json_object_set_string_member (object, "attribute", "");
      json_object_set_string_member (object, "op", "eq");
      json_object_set_string_member (object, "value", "");
    }
  json_array_add_object_element (array, object);
  emit_changed (self, TRUE);
}

static GtkWidget *
add_button_new (CairnPredicateEditor *self,
                JsonArray            *array,
                const char           *what,
                const char           *label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "caption");
  g_object_set_data (G_OBJECT (button), "editor", self);
  g_object_set_data (G_OBJECT (button), "what", (gpointer) what);
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_clicked), array);
  return button;
}

static GtkWidget *
condition_new (CairnPredicateEditor *self,
               JsonNode             *node)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (json_object_has_member (object, "all") || json_object_has_member (object, "any"))
    return NULL;
  if (json_object_has_member (object, "reachable"))
    return reachable_row_new (self, object);
  if (json_object_has_member (object, "event") && !json_object_has_member (object, "where") &&
      !json_object_has_member (object, "count"))
    return event_row_new (self, object);
  for (guint i = 0; subjects[i] != NULL; i++)
    if (json_object_has_member (object, subjects[i]))
      return comparison_row_new (self, object);
  return NULL;
}

static GtkWidget *
group_new (CairnPredicateEditor *self,
           JsonObject           *group,
           JsonArray            *parent,
           guint                 index)
{
  static const char * const modes[] = { N_("All of"), N_("Any of"), NULL };
  gboolean any = json_object_has_member (group, "any");
  JsonArray *items = cairn_json_get_array (group, any ? "any" : "all");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *mode = drop_down_new (modes, any ? 1 : 0, _("Match"));
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  /* The add buttons have a line of their own at the end of the group:
     beside the drop-down they made the inspector wider in longer
     languages. */
  GtkWidget *adds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  if (items == NULL)
    {
      items = json_array_new ();
      json_object_set_array_member (group, any ? "any" : "all", items);
    }

  gtk_widget_add_css_class (box, "predicate-group");
  g_object_set_data (G_OBJECT (mode), "editor", self);
  g_signal_connect (mode, "notify::selected", G_CALLBACK (on_group_mode_changed), group);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (header), mode);
  gtk_box_append (GTK_BOX (header), spacer);
  gtk_widget_set_halign (adds, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (adds), add_button_new (self, items, "condition", _("+ Condition")));
  gtk_box_append (GTK_BOX (adds), add_button_new (self, items, "event", _("+ Event")));
  gtk_box_append (GTK_BOX (adds), add_button_new (self, items, "group", _("+ Group")));
  if (parent != NULL)
    gtk_box_append (GTK_BOX (header), remove_button_new (self, parent, index));
  gtk_box_append (GTK_BOX (box), header);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      GtkWidget *row;

      if (JSON_NODE_HOLDS_OBJECT (item) &&
          (json_object_has_member (json_node_get_object (item), "all") ||
           json_object_has_member (json_node_get_object (item), "any")))
        {
          row = group_new (self, json_node_get_object (item), items, i);
          gtk_widget_set_margin_start (row, 12);
          gtk_box_append (GTK_BOX (box), row);
          continue;
        }
      row = condition_new (self, item);
      if (row == NULL)
        {
          /* not, counted history and anything newer: edited as JSON */
          g_autofree char *text = cairn_json_to_string (item, FALSE);
          row = entry_new (self, text, _("Condition (JSON)"), 20);
          g_signal_connect (row, "changed", G_CALLBACK (on_json_changed), item);
        }
      {
        GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
        gtk_widget_set_hexpand (row, TRUE);
        gtk_box_append (GTK_BOX (line), row);
        gtk_box_append (GTK_BOX (line), remove_button_new (self, items, i));
        gtk_box_append (GTK_BOX (box), line);
      }
    }
  gtk_box_append (GTK_BOX (box), adds);
  return box;
}

static void
rebuild (CairnPredicateEditor *self)
{
  if (self->box != NULL)
    gtk_widget_unparent (self->box);
  self->box = group_new (self, json_node_get_object (self->root), NULL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

static void
cairn_predicate_editor_dispose (GObject *object)
{
  CairnPredicateEditor *self = CAIRN_PREDICATE_EDITOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (cairn_predicate_editor_parent_class)->dispose (object);
}

static void
cairn_predicate_editor_class_init (CairnPredicateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_predicate_editor_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "predicate-editor");
}

static void
cairn_predicate_editor_init (CairnPredicateEditor *self)
{
}

GtkWidget *
cairn_predicate_editor_new (JsonNode *predicate)
{
  CairnPredicateEditor *self = g_object_new (CAIRN_TYPE_PREDICATE_EDITOR, NULL);

  if (predicate != NULL && JSON_NODE_HOLDS_OBJECT (predicate) &&
      (json_object_has_member (json_node_get_object (predicate), "all") ||
       json_object_has_member (json_node_get_object (predicate), "any")))
    {
      self->root = cairn_json_deep_copy (predicate);
    }
  else
    {
      JsonObject *group = json_object_new ();
      JsonArray *items = json_array_new ();

      if (predicate != NULL && !JSON_NODE_HOLDS_NULL (predicate))
        {
          json_array_add_element (items, cairn_json_deep_copy (predicate));
          self->unwrap = TRUE;
        }
      json_object_set_array_member (group, "all", items);
      self->root = json_node_init_object (json_node_alloc (), group);
      json_object_unref (group);
    }
  rebuild (self);
  return GTK_WIDGET (self);
}

JsonNode *
cairn_predicate_editor_get_value (CairnPredicateEditor *self)
{
  JsonObject *group;
  JsonArray *items;

  g_return_val_if_fail (CAIRN_IS_PREDICATE_EDITOR (self), NULL);

  group = json_node_get_object (self->root);
  items = cairn_json_get_array (group, "all");
  if (items == NULL)
    items = cairn_json_get_array (group, "any");
  if (items == NULL || json_array_get_length (items) == 0)
    return NULL;
  /* One condition stays one condition, as it was written. */
  if (json_array_get_length (items) == 1 && json_object_has_member (group, "all"))
    return cairn_json_deep_copy (json_array_get_element (items, 0));
  return cairn_json_deep_copy (self->root);
}
