/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-duration-row.h"
#include "cairn-json.h"
#include "cairn-persona-rows.h"
#include "cairn-registry.h"
#include "cairn-time.h"

/* JSON helpers */

JsonObject *
cairn_persona_ensure_object (JsonObject *parent,
                             const char *member)
{
  JsonObject *object = cairn_json_get_object (parent, member);

  if (object == NULL)
    {
      object = json_object_new ();
      json_object_set_object_member (parent, member, object);
    }
  return object;
}

void
cairn_persona_set_number (JsonObject *object,
                          const char *member,
                          double      value)
{
  /* Spin buttons step in binary fractions: 0.3 + 0.05 is not 0.35. */
  value = round (value * 1e6) / 1e6;
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_object_set_int_member (object, member, (gint64) value);
  else
    json_object_set_double_member (object, member, value);
}

gboolean
cairn_persona_rename_member (JsonObject *object,
                             const char *from,
                             const char *to)
{
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  if (g_strcmp0 (from, to) == 0)
    return TRUE;
  if (!json_object_has_member (object, from) || json_object_has_member (object, to))
    return FALSE;
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      g_ptr_array_add (names, g_strdup (l->data));
      g_ptr_array_add (nodes, json_node_ref (json_object_get_member (object, l->data)));
    }
  for (guint i = 0; i < names->len; i++)
    json_object_remove_member (object, names->pdata[i]);
  for (guint i = 0; i < names->len; i++)
    json_object_set_member (object, strcmp (names->pdata[i], from) == 0 ? to : names->pdata[i],
                            json_node_ref (nodes->pdata[i]));
  return TRUE;
}

JsonObject *
cairn_persona_object_at (JsonArray *array,
                         guint      index)
{
  JsonNode *node = array && index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonNode *
cairn_persona_path_blocked (JsonObject         *object,
                            const char * const *path)
{
  for (guint i = 0; object != NULL && path[i]; i++)
    {
      JsonNode *node = json_object_get_member (object, path[i]);

      if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
        return node;
      object = node ? json_node_get_object (node) : NULL;
    }
  return NULL;
}

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

void
cairn_persona_prune (JsonObject *parent,
                     const char *member)
{
  JsonObject *object = cairn_json_get_object (parent, member);

  if (object != NULL && json_object_get_size (object) == 0)
    json_object_remove_member (parent, member);
}

/* A channel's title is its message kind's name (the registry's). */
const char *
cairn_persona_channel_title (const char *channel)
{
  const CairnNodeKind *kind = cairn_registry_lookup_channel (channel);

  return kind ? _(kind->name) : channel;
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

static GtkWidget *
probability_spin (double value)
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
  JsonObject         *owner;
  char               *member;
  gboolean            generators;
  char               *skip;
  char               *name;
  char               *fresh_key;
  GtkWidget          *container;
} KvList;

typedef struct
{
  KvList    *list;
  char      *key;
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
  json_object_unref (list->owner);
  g_free (list->member);
  g_free (list->skip);
  g_free (list->name);
  g_free (list->fresh_key);
}

static void
kv_list_unref (KvList *list)
{
  g_rc_box_release_full (list, (GDestroyNotify) kv_list_clear);
}

static void
kv_row_free (KvRow *row)
{
  kv_list_unref (row->list);
  g_free (row->key);
  g_free (row);
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

static JsonObject *
kv_map (KvList *list)
{
  return cairn_persona_ensure_object (list->owner, list->member);
}

static void
kv_set (KvRow    *row,
        JsonNode *value)
{
  json_object_set_member (kv_map (row->list), row->key, value);
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
  g_autofree char *name = g_strdup_printf ("%s:%s", row->list->name, row->key);
  gtk_widget_set_name (row->row, name);
}

static void
on_kv_key (GtkEditable *editable,
           KvRow       *row)
{
  const char *key = gtk_editable_get_text (editable);
  JsonObject *map = kv_map (row->list);
  gboolean ok;

  if (row->updating)
    return;
  ok = *key != '\0' && g_strcmp0 (key, row->list->skip) != 0
       && (strcmp (key, row->key) == 0 || !json_object_has_member (map, key));
  cairn_persona_set_error (GTK_WIDGET (editable), !ok);
  gtk_widget_set_tooltip_text (GTK_WIDGET (editable), ok ? NULL : _("Names are not empty and not used twice"));
  if (!ok || strcmp (key, row->key) == 0)
    return;
  cairn_persona_rename_member (map, row->key, key);
  g_free (row->key);
  row->key = g_strdup (key);
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

  json_object_remove_member (kv_map (row->list), row->key);
  _cairn_persona_editor_touch (row->list->editor);
  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_remove (ADW_EXPANDER_ROW (container), widget);
  else
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (container), widget);
}

static GtkWidget *
kv_row_new (KvList     *list,
            const char *key,
            JsonNode   *value)
{
  KvRow *row = g_new0 (KvRow, 1);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *remove;

  row->list = g_rc_box_acquire (list);
  row->key = g_strdup (key);
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
  g_object_set_data_full (G_OBJECT (row->row), "kv-row", row, (GDestroyNotify) kv_row_free);
  kv_name_row (row);

  row->key_entry = gtk_entry_new ();
  gtk_widget_set_name (row->key_entry, "kv-key");
  gtk_editable_set_text (GTK_EDITABLE (row->key_entry), key);
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
  return row->row;
}

static void
on_kv_add (GtkButton *button,
           KvList    *list)
{
  JsonObject *map = kv_map (list);
  g_autofree char *key = g_strdup (list->fresh_key);
  g_autoptr(JsonNode) value = kv_default (KV_TEXT);
  GtkWidget *row;

  for (guint n = 2; json_object_has_member (map, key) || g_strcmp0 (key, list->skip) == 0; n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s%u", list->fresh_key, n);
    }
  json_object_set_member (map, key, json_node_ref (value));
  _cairn_persona_editor_touch (list->editor);
  row = kv_row_new (list, key, value);
  kv_container_add (list->container, row);
  if (ADW_IS_EXPANDER_ROW (list->container))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (list->container), TRUE);
  gtk_widget_grab_focus (((KvRow *) g_object_get_data (G_OBJECT (row), "kv-row"))->key_entry);
}

void
cairn_persona_kv_fill (CairnPersonaEditor       *editor,
                       GtkWidget                *container,
                       JsonObject               *owner,
                       const CairnPersonaKvSpec *spec)
{
  KvList *list = g_rc_box_new0 (KvList);
  JsonObject *map = cairn_json_get_object (owner, spec->member);
  g_autoptr(GList) keys = map ? json_object_get_members (map) : NULL;
  g_autofree char *add_name = g_strdup_printf ("%s-add", spec->name);
  GtkWidget *add = cairn_persona_icon_button ("list-add-symbolic", spec->add_label, add_name);

  list->editor = editor;
  list->owner = json_object_ref (owner);
  list->member = g_strdup (spec->member);
  list->generators = spec->generators;
  list->skip = g_strdup (spec->skip);
  list->name = g_strdup (spec->name);
  list->fresh_key = g_strdup (spec->fresh_key);
  list->container = container;
  g_object_set_data_full (G_OBJECT (add), "kv-list", list, (GDestroyNotify) kv_list_unref);
  g_signal_connect (add, "clicked", G_CALLBACK (on_kv_add), list);
  cairn_persona_keep_as_written (add, cairn_persona_path_blocked (owner, (const char *[]) { spec->member, NULL }));

  if (ADW_IS_EXPANDER_ROW (container))
    {
      GtkWidget *header = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (header), spec->title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (header), add);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (container), header);
    }
  else
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (container), add);

  for (GList *l = keys; l; l = l->next)
    if (g_strcmp0 (l->data, spec->skip) != 0)
      kv_container_add (container, kv_row_new (list, l->data, json_object_get_member (map, l->data)));
}

/* Channels: reachability, engagement, affinity */

typedef struct
{
  CairnPersonaEditor *editor;
  JsonObject         *owner;
  char               *channel;
  gboolean            generated;
  GtkWidget          *expander;
  GtkWidget          *reach;
  GtkWidget          *affinity_check;
  GtkWidget          *affinity_spin;
} ChannelRow;

static void
channel_row_free (ChannelRow *row)
{
  json_object_unref (row->owner);
  g_free (row->channel);
  g_free (row);
}

static JsonObject *
channel_behavior (ChannelRow *row,
                  gboolean    create)
{
  if (create)
    return cairn_persona_ensure_object (cairn_persona_ensure_object (cairn_persona_ensure_object (row->owner, "behavior"),
                                                                     "channels"),
                                        row->channel);
  return cairn_json_get_object (cairn_json_get_object (cairn_json_get_object (row->owner, "behavior"), "channels"),
                                row->channel);
}

static double
channel_number (ChannelRow *row,
                const char *what,
                double      fallback)
{
  double value = fallback;

  cairn_json_get_number (channel_behavior (row, FALSE), what, &value);
  return value;
}

static void
channel_update_subtitle (ChannelRow *row)
{
  JsonObject *reach = cairn_json_get_object (row->owner, "reachability");
  JsonNode *node = reach ? json_object_get_member (reach, row->channel) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (row->generated && node != NULL && cairn_json_node_is_number (node))
    g_string_append_printf (text, _("Reachable for %.0f%%"), cairn_json_node_number (node) * 100);
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
           && json_node_get_boolean (node))
    g_string_append (text, _("Reachable"));
  else if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    g_string_append (text, _("Reachability generated"));
  else
    g_string_append (text, _("Not reachable"));
  if (channel_behavior (row, FALSE) != NULL)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("opens %.0f%%, clicks %.0f%% of opens"),
                              channel_number (row, "open", 0) * 100, channel_number (row, "click", 0) * 100);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), text->str);
}

static void
channel_edited (ChannelRow *row)
{
  _cairn_persona_editor_touch (row->editor);
  channel_update_subtitle (row);
}

static void
on_reach_switch (GtkSwitch  *toggle,
                 GParamSpec *pspec,
                 ChannelRow *row)
{
  json_object_set_boolean_member (cairn_persona_ensure_object (row->owner, "reachability"), row->channel,
                                  gtk_switch_get_active (toggle));
  channel_edited (row);
}

static void
on_reach_spin (GtkSpinButton *spin,
               ChannelRow    *row)
{
  cairn_persona_set_number (cairn_persona_ensure_object (row->owner, "reachability"), row->channel,
                            gtk_spin_button_get_value (spin));
  channel_edited (row);
}

static void
on_engagement (GtkSpinButton *spin,
               ChannelRow    *row)
{
  const char *what = g_object_get_data (G_OBJECT (spin), "what");

  cairn_persona_set_number (channel_behavior (row, TRUE), what, gtk_spin_button_get_value (spin));
  channel_edited (row);
}

static void
on_delay (CairnDurationRow *delay,
          ChannelRow       *row)
{
  const char *what = g_object_get_data (G_OBJECT (delay), "what");
  g_autofree char *value = cairn_duration_row_get_value (delay);

  json_object_set_string_member (channel_behavior (row, TRUE), what, value);
  _cairn_persona_editor_touch (row->editor);
}

static JsonObject *
channel_affinities (ChannelRow *row,
                    gboolean    create)
{
  if (create)
    return cairn_persona_ensure_object (cairn_persona_ensure_object (row->owner, "affinity"), "channels");
  return cairn_json_get_object (cairn_json_get_object (row->owner, "affinity"), "channels");
}

static void
on_affinity (ChannelRow *row)
{
  gboolean set = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->affinity_check));

  gtk_widget_set_sensitive (row->affinity_spin, set);
  if (set)
    cairn_persona_set_number (channel_affinities (row, TRUE), row->channel,
                              gtk_spin_button_get_value (GTK_SPIN_BUTTON (row->affinity_spin)));
  else if (channel_affinities (row, FALSE) != NULL)
    json_object_remove_member (channel_affinities (row, FALSE), row->channel);
  _cairn_persona_editor_touch (row->editor);
}

/* A number the form can edit, or a generated value it leaves alone. */
static gboolean
editable_number (JsonObject *object,
                 const char *member,
                 GtkWidget  *widget)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || cairn_json_node_is_number (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return TRUE;
  cairn_persona_keep_as_written (widget, node);
  return FALSE;
}

static GtkWidget *
engagement_row (ChannelRow *row,
                const char *what,
                const char *title,
                const char *subtitle,
                double      fallback)
{
  GtkWidget *action = adw_action_row_new ();
  GtkWidget *spin = probability_spin (channel_number (row, what, fallback));
  g_autofree char *name = g_strdup_printf ("%s-%s", row->channel, what);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action), subtitle);
  gtk_widget_set_name (spin, name);
  g_object_set_data (G_OBJECT (spin), "what", (gpointer) what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  editable_number (channel_behavior (row, FALSE), what, spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_engagement), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action), spin);
  return action;
}

static GtkWidget *
delay_row (ChannelRow *row,
           const char *what,
           const char *title,
           const char *fallback)
{
  JsonObject *behavior = channel_behavior (row, FALSE);
  const char *value = cairn_json_get_string (behavior, what);
  GtkWidget *delay = cairn_duration_row_new (title, value ? value : fallback);

  g_object_set_data (G_OBJECT (delay), "what", (gpointer) what);
  if (behavior && json_object_has_member (behavior, what) && value == NULL)
    gtk_widget_set_sensitive (delay, FALSE);
  g_signal_connect (delay, "changed", G_CALLBACK (on_delay), row);
  return delay;
}

static GtkWidget *
channel_row_new (CairnPersonaEditor *editor,
                 JsonObject         *owner,
                 const char         *channel,
                 gboolean            generated)
{
  ChannelRow *row = g_new0 (ChannelRow, 1);
  JsonObject *reach = cairn_json_get_object (owner, "reachability");
  JsonNode *reach_node = reach ? json_object_get_member (reach, channel) : NULL;
  JsonObject *affinities;
  g_autofree char *reach_name = g_strdup_printf ("reach-%s", channel);
  g_autofree char *affinity_name = g_strdup_printf ("%s-affinity", channel);
  GtkWidget *affinity_row, *engagement[5];
  double affinity = 0;
  JsonNode *reach_blocked = cairn_persona_path_blocked (owner, (const char *[]) { "reachability", NULL });
  JsonNode *behavior_blocked = cairn_persona_path_blocked (owner, (const char *[]) { "behavior", "channels", channel, NULL });
  JsonNode *affinity_blocked = cairn_persona_path_blocked (owner, (const char *[]) { "affinity", "channels", NULL });

  row->editor = editor;
  row->owner = json_object_ref (owner);
  row->channel = g_strdup (channel);
  row->generated = generated;
  row->expander = adw_expander_row_new ();
  g_object_set_data_full (G_OBJECT (row->expander), "channel-row", row, (GDestroyNotify) channel_row_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), cairn_persona_channel_title (channel));

  if (!generated)
    {
      row->reach = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (row->reach), reach_node && JSON_NODE_HOLDS_VALUE (reach_node)
                             && json_node_get_value_type (reach_node) == G_TYPE_BOOLEAN
                             && json_node_get_boolean (reach_node));
      editable_number (reach, channel, row->reach);
      cairn_persona_keep_as_written (row->reach, reach_blocked);
      g_signal_connect (row->reach, "notify::active", G_CALLBACK (on_reach_switch), row);
    }
  else
    {
      double p = 0;

      if (reach_node && cairn_json_node_is_number (reach_node))
        p = cairn_json_node_number (reach_node);
      else if (reach_node && JSON_NODE_HOLDS_VALUE (reach_node)
               && json_node_get_value_type (reach_node) == G_TYPE_BOOLEAN)
        p = json_node_get_boolean (reach_node);
      row->reach = probability_spin (p);
      gtk_widget_set_tooltip_text (row->reach, _("The share of this persona's people reachable here"));
      editable_number (reach, channel, row->reach);
      cairn_persona_keep_as_written (row->reach, reach_blocked);
      g_signal_connect (row->reach, "value-changed", G_CALLBACK (on_reach_spin), row);
    }
  gtk_widget_set_name (row->reach, reach_name);
  gtk_widget_set_valign (row->reach, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->reach), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reachable"), -1);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), row->reach);

  engagement[0] = engagement_row (row, "deliver", _("Delivered"), _("Chance a sent message arrives"), 1);
  engagement[1] = engagement_row (row, "open", _("Opened"), _("Chance a delivered message is opened"), 0);
  engagement[2] = engagement_row (row, "click", _("Clicked"), _("Chance an opened message is clicked"), 0);
  engagement[3] = delay_row (row, "open_delay", _("Opened after"), "PT30M");
  engagement[4] = delay_row (row, "click_delay", _("Clicked after"), "PT5M");
  for (guint i = 0; i < G_N_ELEMENTS (engagement); i++)
    {
      cairn_persona_keep_as_written (engagement[i], behavior_blocked);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), engagement[i]);
    }

  affinities = channel_affinities (row, FALSE);
  affinity_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (affinity_row), _("Channel affinity"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (affinity_row), _("Ranks channels for next best channel; unset uses the click rate"));
  row->affinity_check = gtk_check_button_new ();
  gtk_widget_set_valign (row->affinity_check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->affinity_check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Set a channel affinity"), -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->affinity_check),
                               affinities && json_object_has_member (affinities, channel));
  cairn_json_get_number (affinities, channel, &affinity);
  row->affinity_spin = probability_spin (affinity);
  gtk_widget_set_name (row->affinity_spin, affinity_name);
  gtk_widget_set_sensitive (row->affinity_spin, affinities && json_object_has_member (affinities, channel));
  editable_number (affinities, channel, row->affinity_spin);
  cairn_persona_keep_as_written (affinity_row, affinity_blocked);
  g_signal_connect_swapped (row->affinity_check, "toggled", G_CALLBACK (on_affinity), row);
  g_signal_connect_swapped (row->affinity_spin, "value-changed", G_CALLBACK (on_affinity), row);
  adw_action_row_add_prefix (ADW_ACTION_ROW (affinity_row), row->affinity_check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (affinity_row), row->affinity_spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), affinity_row);

  channel_update_subtitle (row);
  return row->expander;
}

void
cairn_persona_channels_fill (CairnPersonaEditor *editor,
                             GtkWidget          *group,
                             JsonObject         *owner,
                             gboolean            generated)
{
  const char * const *channels = cairn_channels ();

  for (guint i = 0; channels[i]; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), channel_row_new (editor, owner, channels[i], generated));
}

JsonNode *
cairn_persona_parse_generator (const char *text)
{
  return kv_parse (text, KV_GENERATED);
}
