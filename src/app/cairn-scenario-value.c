/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cairn-json.h"
#include "cairn-scenario-private.h"

/* CairnScenarioValue, lists of them, and what keeps the model's objects
 * lossless (CairnMembers). */

struct _CairnScenarioValue
{
  GObject   parent_instance;

  char     *key;
  JsonNode *value;
};

G_DEFINE_FINAL_TYPE (CairnScenarioValue, cairn_scenario_value, G_TYPE_OBJECT)

static void
cairn_scenario_value_finalize (GObject *object)
{
  CairnScenarioValue *self = CAIRN_SCENARIO_VALUE (object);

  g_free (self->key);
  g_clear_pointer (&self->value, json_node_unref);
  G_OBJECT_CLASS (cairn_scenario_value_parent_class)->finalize (object);
}

static void
cairn_scenario_value_class_init (CairnScenarioValueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_scenario_value_finalize;
}

static void
cairn_scenario_value_init (CairnScenarioValue *self)
{
}

CairnScenarioValue *
cairn_scenario_value_new (const char *key,
                          JsonNode   *value)
{
  CairnScenarioValue *self;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  self = g_object_new (CAIRN_TYPE_SCENARIO_VALUE, NULL);
  self->key = g_strdup (key);
  self->value = value;
  return self;
}

const char *
cairn_scenario_value_get_key (CairnScenarioValue *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_VALUE (self), NULL);
  return self->key;
}

void
cairn_scenario_value_set_key (CairnScenarioValue *self,
                              const char         *key)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_VALUE (self));
  g_return_if_fail (key != NULL);
  g_free (self->key);
  self->key = g_strdup (key);
}

JsonNode *
cairn_scenario_value_get_value (CairnScenarioValue *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_VALUE (self), NULL);
  return self->value;
}

void
cairn_scenario_value_set_value (CairnScenarioValue *self,
                                JsonNode           *value)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_VALUE (self));
  g_return_if_fail (value != NULL);
  g_clear_pointer (&self->value, json_node_unref);
  self->value = value;
}

GListStore *
cairn_scenario_values_new_from_object (JsonObject *object)
{
  GListStore *values = g_list_store_new (CAIRN_TYPE_SCENARIO_VALUE);
  g_autoptr(GList) members = object ? json_object_get_members (object) : NULL;

  for (GList *l = members; l; l = l->next)
    {
      g_autoptr(CairnScenarioValue) value =
        cairn_scenario_value_new (l->data, cairn_json_deep_copy (json_object_get_member (object, l->data)));
      g_list_store_append (values, value);
    }
  return values;
}

JsonObject *
cairn_scenario_values_to_object (GListModel *values)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < g_list_model_get_n_items (values); i++)
    {
      g_autoptr(CairnScenarioValue) value = g_list_model_get_item (values, i);
      json_object_set_member (object, value->key, cairn_json_deep_copy (value->value));
    }
  return object;
}

CairnScenarioValue *
cairn_scenario_values_find (GListModel *values,
                            const char *key,
                            guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (values); i++)
    {
      g_autoptr(CairnScenarioValue) value = g_list_model_get_item (values, i);

      if (g_strcmp0 (value->key, key) == 0)
        {
          if (position)
            *position = i;
          return value;  /* the list keeps it */
        }
    }
  return NULL;
}

void
cairn_scenario_values_set (GListStore *values,
                           const char *key,
                           JsonNode   *value)
{
  CairnScenarioValue *found = cairn_scenario_values_find (G_LIST_MODEL (values), key, NULL);
  g_autoptr(CairnScenarioValue) fresh = NULL;

  if (found != NULL)
    {
      cairn_scenario_value_set_value (found, value);
      return;
    }
  fresh = cairn_scenario_value_new (key, value);
  g_list_store_append (values, fresh);
}

gboolean
cairn_scenario_values_remove (GListStore *values,
                              const char *key)
{
  guint position;

  if (cairn_scenario_values_find (G_LIST_MODEL (values), key, &position) == NULL)
    return FALSE;
  g_list_store_remove (values, position);
  return TRUE;
}

JsonNode *
cairn_scenario_number_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  value = round (value * 1e6) / 1e6;
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_node_set_int (node, (gint64) value);
  else
    json_node_set_double (node, value);
  return node;
}

/* CairnMembers */

void
cairn_members_init (CairnMembers *members)
{
  members->order = g_ptr_array_new_with_free_func (g_free);
  members->kept = json_object_new ();
}

void
cairn_members_clear (CairnMembers *members)
{
  g_clear_pointer (&members->order, g_ptr_array_unref);
  g_clear_pointer (&members->kept, json_object_unref);
  g_clear_pointer (&members->raw, json_node_unref);
}

gboolean
cairn_members_has (CairnMembers *members,
                   const char   *name)
{
  for (guint i = 0; i < members->order->len; i++)
    if (strcmp (members->order->pdata[i], name) == 0)
      return TRUE;
  return FALSE;
}

void
cairn_members_note (CairnMembers *members,
                    const char   *name)
{
  if (!cairn_members_has (members, name))
    g_ptr_array_add (members->order, g_strdup (name));
}

void
cairn_members_keep (CairnMembers *members,
                    const char   *name,
                    JsonNode     *node)
{
  cairn_members_note (members, name);
  json_object_set_member (members->kept, name, cairn_json_deep_copy (node));
}

void
cairn_members_read (CairnMembers      *members,
                    JsonObject        *object,
                    CairnMemberReader  reader,
                    gpointer           owner)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);

      cairn_members_note (members, l->data);
      if (!reader (owner, l->data, member))
        cairn_members_keep (members, l->data, member);
    }
}

void
cairn_members_read_node (CairnMembers      *members,
                         JsonNode          *node,
                         CairnMemberReader  reader,
                         gpointer           owner)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    cairn_members_read (members, json_node_get_object (node), reader, owner);
  else
    members->raw = cairn_json_deep_copy (node);
}

JsonNode *
cairn_members_kept (CairnMembers *members,
                    const char   *name)
{
  return json_object_get_member (members->kept, name);
}

/* The kept member @name is replaced by a typed value. */
static void
cairn_members_forget (CairnMembers *members,
                      const char   *name)
{
  if (json_object_has_member (members->kept, name))
    json_object_remove_member (members->kept, name);
}

void
cairn_members_set (CairnMembers *members,
                   const char   *name,
                   gboolean      set)
{
  cairn_members_forget (members, name);
  if (set)
    cairn_members_note (members, name);
}

static JsonObject *
cairn_members_write (CairnMembers       *members,
                     const char * const *known,
                     CairnMemberWriter   writer,
                     gpointer            owner)
{
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < members->order->len; i++)
    {
      const char *name = members->order->pdata[i];
      JsonNode *kept = cairn_members_kept (members, name);
      JsonNode *node = kept ? cairn_json_deep_copy (kept) : writer (owner, name);

      if (node != NULL)
        json_object_set_member (object, name, node);
    }
  for (guint i = 0; known[i]; i++)
    if (!cairn_members_has (members, known[i]))
      {
        JsonNode *node = writer (owner, known[i]);
        if (node != NULL)
          json_object_set_member (object, known[i], node);
      }
  return object;
}

JsonNode *
cairn_members_write_node (CairnMembers       *members,
                          const char * const *known,
                          CairnMemberWriter   writer,
                          gpointer            owner)
{
  JsonNode *node;

  if (members->raw != NULL)
    return cairn_json_deep_copy (members->raw);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, cairn_members_write (members, known, writer, owner));
  return node;
}

GStrv
cairn_members_unknown (CairnMembers       *members,
                       const char * const *known)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < members->order->len; i++)
    if (!g_strv_contains (known, members->order->pdata[i]) && cairn_members_kept (members, members->order->pdata[i]))
      g_strv_builder_add (names, members->order->pdata[i]);
  return g_strv_builder_end (names);
}

static gboolean
list_written (CairnMembers *members,
              const char   *name,
              GListModel   *list)
{
  return cairn_members_has (members, name) || g_list_model_get_n_items (list) > 0;
}

JsonNode *
cairn_members_values_node (CairnMembers *members,
                           const char   *name,
                           GListModel   *values)
{
  JsonNode *node;

  if (!list_written (members, name, values))
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, cairn_scenario_values_to_object (values));
  return node;
}

JsonNode *
cairn_members_array_node (CairnMembers    *members,
                          const char      *name,
                          GListModel      *items,
                          CairnItemWriter  writer)
{
  JsonArray *array;
  JsonNode *node;

  if (!list_written (members, name, items))
    return NULL;
  array = json_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      json_array_add_element (array, writer (item));
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

gboolean
cairn_member_string (JsonNode  *node,
                     char     **out)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
cairn_member_number (JsonNode  *node,
                     JsonNode **out)
{
  if (!cairn_json_node_is_number (node))
    return FALSE;
  g_clear_pointer (out, json_node_unref);
  *out = cairn_json_deep_copy (node);
  return TRUE;
}

gboolean
cairn_member_values (JsonNode    *node,
                     GListStore **out)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  g_object_unref (*out);
  *out = cairn_scenario_values_new_from_object (json_node_get_object (node));
  return TRUE;
}

JsonNode *
cairn_string_node (const char *text)
{
  JsonNode *node;

  if (text == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, text);
  return node;
}
