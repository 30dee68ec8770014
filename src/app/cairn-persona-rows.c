/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-a11y.h"
#include "cairn-persona-rows.h"
#include "cairn-summary.h"

/* The persona editor's widget helpers and its key/value rows (lists of
 * CairnScenarioValue: attributes, affinities, event parameters). */

gboolean
cairn_persona_keep_as_written (GtkWidget *widget,
                               JsonNode  *blocked)
{
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  if (blocked == NULL)
    return FALSE;
  text = cairn_json_to_string (blocked, FALSE);
  tip = g_strdup_printf (_("Kept as written: %s"), text);
  gtk_widget_set_sensitive (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, tip);
  return TRUE;
}

/* The message kind's name, from the registry: never written twice */
const char *
cairn_persona_channel_title (const char *channel)
{
  return cairn_channel_display_name (channel);
}

/* An entry row titled @title holding @text, named @name for tests. */
GtkWidget *
cairn_persona_entry_row (const char *title,
                         const char *text,
                         const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_widget_set_name (row, name);
  cairn_a11y_expose_entry_text (row);
  return row;
}

GtkWidget *
cairn_persona_icon_button (const char *icon,
                           const char *tooltip,
                           const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  if (name)
    gtk_widget_set_name (button, name);
  return button;
}

void
cairn_persona_set_error (GtkWidget *widget,
                         gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

GtkWidget *
cairn_persona_probability_spin (double value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1, 0.05);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

/* Key/value rows */

typedef enum
{
  KV_TEXT,
  KV_NUMBER,
  KV_BOOLEAN,
  KV_DATE,
  KV_GENERATED,
  KV_JSON,
  KV_N_TYPES
} KvType;

static const char *kv_type_titles[KV_N_TYPES] = {
  N_("Text"), N_("Number"), N_("Yes/No"), N_("Date"), N_("Generated"), N_("JSON"),
};

typedef struct
{
  CairnPersonaEditor *editor;
  GListStore         *values;     /* of CairnScenarioValue */
  gboolean            generators;
  char               *skip;
  char               *name;
  char               *fresh_key;
  GtkWidget          *container;
} KvList;

typedef struct
{
  KvList             *list;
  CairnScenarioValue *item;       /* the key and value edited */
  KvType     type;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *key_entry;
  GtkWidget *type_drop;
  GtkWidget *value;
  KvType     types[KV_N_TYPES];   /* what the type list offers, in its order */
  guint      n_types;
  gboolean   updating;
} KvRow;

static void
kv_list_clear (KvList *list)
{
  g_object_unref (list->values);
  g_free (list->skip);
  g_free (list->name);
  g_free (list->fresh_key);
}

static void
kv_list_unref (KvList *list)
{
  g_rc_box_release_full (list, (GDestroyNotify) kv_list_clear);
}

/* With the widget that shows it */
static void
kv_row_free (gpointer  data,
             GObject  *widget)
{
  KvRow *row = data;

  kv_list_unref (row->list);
  g_object_unref (row->item);
  g_free (row);
}

static void
kv_list_release (gpointer  data,
                 GObject  *button)
{
  kv_list_unref (data);
}

static const char *
kv_key (KvRow *row)
{
  return cairn_scenario_value_get_key (row->item);
}

static gboolean
is_date (const char *text)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  return g_date_valid_dmy (day, month, year);
}

static gboolean
is_generator (JsonNode *node)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  return json_object_get_size (object) == 1
         && (json_object_has_member (object, "uniform") || json_object_has_member (object, "choice")
             || json_object_has_member (object, "weighted"));
}

static KvType
kv_type_of (JsonNode *node,
            gboolean  generators)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_STRING:
        return is_date (json_node_get_string (node)) ? KV_DATE : KV_TEXT;
      case G_TYPE_BOOLEAN:
        return KV_BOOLEAN;
      default:
        return KV_NUMBER;
      }
  if (generators && is_generator (node))
    return KV_GENERATED;
  return KV_JSON;
}

static char *
kv_text (JsonNode *node,
         KvType    type)
{
  switch (type)
    {
    case KV_TEXT:
    case KV_DATE:
      return g_strdup (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                       ? json_node_get_string (node) : "");
    case KV_NUMBER:
      if (cairn_json_node_is_number (node))
        {
          GString *out = g_string_new (NULL);
          if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
            cairn_json_append_double (out, json_node_get_double (node), FALSE);
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          return g_string_free (out, FALSE);
        }
      return g_strdup ("0");
    case KV_BOOLEAN:
      return NULL;
    default:
      return cairn_json_to_string (node, FALSE);
    }
}

/* The value of @text as @type, or NULL when it is not one. */
static JsonNode *
kv_parse (const char *text,
          KvType      type)
{
  JsonNode *node = NULL;

  switch (type)
    {
    case KV_TEXT:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
      return node;
    case KV_DATE:
      if (!is_date (text))
        return NULL;
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
      return node;
    case KV_NUMBER:
      {
        char *end = NULL;
        double value = g_ascii_strtod (text, &end);

        if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (value))
          return NULL;
        node = json_node_new (JSON_NODE_VALUE);
        if (strpbrk (text, ".eE") == NULL && fabs (value) < 9007199254740992.0)
          json_node_set_int (node, (gint64) value);
        else
          json_node_set_double (node, value);
        return node;
      }
    case KV_BOOLEAN:
      if (g_strcmp0 (text, "true") != 0 && g_strcmp0 (text, "false") != 0)
        return NULL;
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, g_strcmp0 (text, "true") == 0);
      return node;
    case KV_GENERATED:
      node = cairn_json_parse (text, strlen (text), NULL, NULL, NULL);
      if (node != NULL && !is_generator (node))
        g_clear_pointer (&node, json_node_unref);
      return node;
    default:
      return cairn_json_parse (text, strlen (text), NULL, NULL, NULL);
    }
}

static JsonNode *
kv_default (KvType type)
{
  switch (type)
    {
    case KV_NUMBER: return kv_parse ("0", type);
    case KV_BOOLEAN: return kv_parse ("false", type);
    case KV_DATE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
        return kv_parse (today, type);
      }
    case KV_GENERATED: return kv_parse ("{\"uniform\": [0, 10]}", type);
    case KV_JSON: return kv_parse ("null", type);
    default: return kv_parse ("", KV_TEXT);
    }
}

static void
kv_set (KvRow    *row,
        JsonNode *value)
{
  cairn_scenario_value_set_value (row->item, value);
  _cairn_persona_editor_touch (row->list->editor);
}

static void
on_kv_text (GtkEditable *editable,
            KvRow       *row)
{
  JsonNode *value;

  if (row->updating)
    return;
  value = kv_parse (gtk_editable_get_text (editable), row->type);
  cairn_persona_set_error (GTK_WIDGET (editable), value == NULL);
  if (value != NULL)
    kv_set (row, value);
}

static void
on_kv_switch (GtkSwitch  *toggle,
              GParamSpec *pspec,
              KvRow      *row)
{
  if (!row->updating)
    kv_set (row, kv_parse (gtk_switch_get_active (toggle) ? "true" : "false", KV_BOOLEAN));
}

static void
kv_make_value (KvRow    *row,
               JsonNode *value)
{
  if (row->value != NULL)
    gtk_box_remove (GTK_BOX (row->box), row->value);
  row->updating = TRUE;
  if (row->type == KV_BOOLEAN)
    {
      GtkWidget *toggle = gtk_switch_new ();

      gtk_switch_set_active (GTK_SWITCH (toggle), JSON_NODE_HOLDS_VALUE (value)
                             && json_node_get_value_type (value) == G_TYPE_BOOLEAN
                             && json_node_get_boolean (value));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (toggle, GTK_ALIGN_START);
      gtk_widget_set_hexpand (toggle, TRUE);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_kv_switch), row);
      row->value = toggle;
    }
  else
    {
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *text = kv_text (value, row->type);

      gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      if (row->type == KV_NUMBER)
        gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      if (row->type == KV_DATE)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
      if (row->type == KV_GENERATED)
        gtk_widget_set_tooltip_text (entry, _("{\"uniform\": [a, b]}, {\"choice\": [...]} or {\"weighted\": {...}}"));
      g_signal_connect (entry, "changed", G_CALLBACK (on_kv_text), row);
      row->value = entry;
    }
  gtk_widget_set_name (row->value, "kv-value");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->value), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  gtk_box_insert_child_after (GTK_BOX (row->box), row->value, row->key_entry);
  row->updating = FALSE;
}

static void
on_kv_type (GtkDropDown *drop,
            GParamSpec  *pspec,
            KvRow       *row)
{
  guint selected = gtk_drop_down_get_selected (drop);
  KvType type;
  JsonNode *value = NULL;

  if (row->updating || selected >= row->n_types || row->types[selected] == row->type)
    return;
  type = row->types[selected];
  /* Keep what was typed when it reads as the new type. */
  if (GTK_IS_EDITABLE (row->value))
    value = kv_parse (gtk_editable_get_text (GTK_EDITABLE (row->value)), type);
  else if (type == KV_TEXT || type == KV_JSON)
    value = kv_parse (gtk_switch_get_active (GTK_SWITCH (row->value)) ? "true" : "false",
                      type == KV_TEXT ? KV_TEXT : KV_BOOLEAN);
  if (value == NULL)
    value = kv_default (type);
  row->type = type;
  kv_make_value (row, value);
  kv_set (row, value);
}

static void
kv_name_row (KvRow *row)
{
  g_autofree char *name = g_strdup_printf ("%s:%s", row->list->name, kv_key (row));
  gtk_widget_set_name (row->row, name);
}

static void
on_kv_key (GtkEditable *editable,
           KvRow       *row)
{
  const char *key = gtk_editable_get_text (editable);
  gboolean ok;

  if (row->updating)
    return;
  ok = *key != '\0' && g_strcmp0 (key, row->list->skip) != 0
       && (strcmp (key, kv_key (row)) == 0
           || cairn_scenario_values_find (G_LIST_MODEL (row->list->values), key, NULL) == NULL);
  cairn_persona_set_error (GTK_WIDGET (editable), !ok);
  gtk_widget_set_tooltip_text (GTK_WIDGET (editable), ok ? NULL : _("Names are not empty and not used twice"));
  if (!ok || strcmp (key, kv_key (row)) == 0)
    return;
  cairn_scenario_value_set_key (row->item, key);
  kv_name_row (row);
  _cairn_persona_editor_touch (row->list->editor);
}

static void
kv_container_add (GtkWidget *container,
                  GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (container), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), row);
}

static void
on_kv_remove (GtkButton *button,
              KvRow     *row)
{
  GtkWidget *container = row->list->container;
  GtkWidget *widget = row->row;
  guint position;

  if (g_list_store_find (row->list->values, row->item, &position))
    g_list_store_remove (row->list->values, position);
  _cairn_persona_editor_touch (row->list->editor);
  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_remove (ADW_EXPANDER_ROW (container), widget);
  else
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (container), widget);
}

/* The row, its widget owned by its container (row->row) */
static KvRow *
kv_row_new (KvList             *list,
            CairnScenarioValue *item)
{
  JsonNode *value = cairn_scenario_value_get_value (item);
  KvRow *row = g_new0 (KvRow, 1);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *remove;

  row->list = g_rc_box_acquire (list);
  row->item = g_object_ref (item);
  row->type = kv_type_of (value, list->generators);
  for (guint i = 0; i < KV_N_TYPES; i++)
    if (i != KV_GENERATED || list->generators)
      {
        row->types[row->n_types++] = i;
        gtk_string_list_append (types, _(kv_type_titles[i]));
      }

  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  row->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (row->box, 8);
  gtk_widget_set_margin_bottom (row->box, 8);
  gtk_widget_set_margin_start (row->box, 12);
  gtk_widget_set_margin_end (row->box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), row->box);
  g_object_weak_ref (G_OBJECT (row->row), kv_row_free, row);
  kv_name_row (row);

  row->key_entry = gtk_entry_new ();
  gtk_widget_set_name (row->key_entry, "kv-key");
  gtk_editable_set_text (GTK_EDITABLE (row->key_entry), kv_key (row));
  gtk_editable_set_width_chars (GTK_EDITABLE (row->key_entry), 12);
  gtk_widget_set_valign (row->key_entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->key_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  g_signal_connect (row->key_entry, "changed", G_CALLBACK (on_kv_key), row);
  gtk_box_append (GTK_BOX (row->box), row->key_entry);

  kv_make_value (row, value);

  row->type_drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (types)), NULL);
  gtk_widget_set_name (row->type_drop, "kv-type");
  /* The same width whatever the type, so that values line up */
  gtk_widget_set_size_request (row->type_drop, 124, -1);
  gtk_widget_set_valign (row->type_drop, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->type_drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Type"), -1);
  row->updating = TRUE;
  for (guint i = 0; i < row->n_types; i++)
    if (row->types[i] == row->type)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (row->type_drop), i);
  row->updating = FALSE;
  g_signal_connect (row->type_drop, "notify::selected", G_CALLBACK (on_kv_type), row);
  gtk_box_append (GTK_BOX (row->box), row->type_drop);

  remove = cairn_persona_icon_button ("user-trash-symbolic", _("Remove"), "kv-remove");
  g_signal_connect (remove, "clicked", G_CALLBACK (on_kv_remove), row);
  gtk_box_append (GTK_BOX (row->box), remove);
  return row;
}

static void
on_kv_add (GtkButton *button,
           KvList    *list)
{
  GListModel *values = G_LIST_MODEL (list->values);
  g_autofree char *key = g_strdup (list->fresh_key);
  KvRow *row;

  for (guint n = 2; cairn_scenario_values_find (values, key, NULL) || g_strcmp0 (key, list->skip) == 0; n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s%u", list->fresh_key, n);
    }
  cairn_scenario_values_set (list->values, key, kv_default (KV_TEXT));
  _cairn_persona_editor_touch (list->editor);
  row = kv_row_new (list, cairn_scenario_values_find (values, key, NULL));
  kv_container_add (list->container, row->row);
  if (ADW_IS_EXPANDER_ROW (list->container))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (list->container), TRUE);
  gtk_widget_grab_focus (row->key_entry);
}

void
cairn_persona_kv_fill (CairnPersonaEditor       *editor,
                       GtkWidget                *container,
                       GListStore               *values,
                       JsonNode                 *blocked,
                       const CairnPersonaKvSpec *spec)
{
  KvList *list = g_rc_box_new0 (KvList);
  g_autofree char *add_name = g_strdup_printf ("%s-add", spec->name);
  GtkWidget *add = cairn_persona_icon_button ("list-add-symbolic", spec->add_label, add_name);

  list->editor = editor;
  list->values = g_object_ref (values);
  list->generators = spec->generators;
  list->skip = g_strdup (spec->skip);
  list->name = g_strdup (spec->name);
  list->fresh_key = g_strdup (spec->fresh_key);
  list->container = container;
  g_object_weak_ref (G_OBJECT (add), kv_list_release, list);
  g_signal_connect (add, "clicked", G_CALLBACK (on_kv_add), list);
  cairn_persona_keep_as_written (add, blocked);

  if (ADW_IS_EXPANDER_ROW (container))
    {
      GtkWidget *header = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (header), spec->title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (header), add);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (container), header);
    }
  else
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (container), add);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (values)); i++)
    {
      g_autoptr(CairnScenarioValue) value = g_list_model_get_item (G_LIST_MODEL (values), i);

      if (g_strcmp0 (cairn_scenario_value_get_key (value), spec->skip) != 0)
        kv_container_add (container, kv_row_new (list, value)->row);
    }
}

JsonNode *
cairn_persona_parse_generator (const char *text)
{
  return kv_parse (text, KV_GENERATED);
}
