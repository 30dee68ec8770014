/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cairn-core-resources.h"
#include "cairn-json.h"
#include "cairn-registry.h"
#include "cairn-schema.h"

static const char * const names[] = { "journey", "scenario", "report", "portfolio", NULL };

const char * const *
cairn_schema_names (void)
{
  return names;
}

static JsonNode *
ref (const char *def)
{
  JsonObject *object = json_object_new ();
  g_autofree char *target = g_strconcat ("#/$defs/", def, NULL);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "$ref", target);
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
string_array (const char * const *strings)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strings && strings[i]; i++)
    json_array_add_string_element (array, strings[i]);
  json_node_take_array (node, array);
  return node;
}

static JsonNode *
object_with (const char *member,
             JsonNode   *value)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (object, member, value);
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
type_named (const char *type)
{
  return object_with ("type", json_node_init_string (json_node_alloc (), type));
}

/* What a config field of @field's type may hold. The switch has no default:
 * a new field type does not build quietly without a schema. */
static JsonNode *
field_schema (const CairnFieldSpec *field)
{
  switch (field->type)
    {
    case CAIRN_FIELD_STRING:
      return field->required ? ref ("name") : type_named ("string");
    case CAIRN_FIELD_TEMPLATE:
      return ref ("template");
    case CAIRN_FIELD_EVENT_NAME:
    case CAIRN_FIELD_ATTRIBUTE:
      return ref ("name");
    case CAIRN_FIELD_ENUM:
      return object_with ("enum", string_array (field->choices));
    case CAIRN_FIELD_INTEGER:
      return type_named ("integer");
    case CAIRN_FIELD_BOOLEAN:
      return type_named ("boolean");
    case CAIRN_FIELD_DURATION:
      return ref ("duration");
    case CAIRN_FIELD_TIME_OF_DAY:
      return ref ("time_of_day");
    case CAIRN_FIELD_DAYS:
      return ref ("days");
    case CAIRN_FIELD_PLATFORMS:
      return ref ("platforms");
    case CAIRN_FIELD_PREDICATE:
      return ref ("predicate");
    case CAIRN_FIELD_CHANNEL:
      return ref ("channel");
    case CAIRN_FIELD_CHANNELS:
      return ref ("channel_list");
    case CAIRN_FIELD_TABS:
      return ref ("tabs");
    case CAIRN_FIELD_VARIANTS:
      return ref ("variants");
    case CAIRN_FIELD_AUTOWINNER:
      return ref ("autowinner");
    case CAIRN_FIELD_RECOMMENDATIONS:
      return ref ("recommendations");
    case CAIRN_FIELD_DATE_SOURCE:
      return ref ("date_source");
    case CAIRN_FIELD_NODE_REF:
      return ref ("id");
    case CAIRN_FIELD_JSON:
      return json_node_init_boolean (json_node_alloc (), TRUE);
    }
  g_return_val_if_reached (NULL);
}

/* $defs["config.<type>"]: the fields of @kind, the required ones listed. */
static JsonNode *
config_schema (const CairnNodeKind *kind)
{
  JsonObject *config = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonArray *required = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (config, "type", "object");
  for (guint i = 0; i < kind->n_fields; i++)
    {
      json_object_set_member (properties, kind->fields[i].name, field_schema (&kind->fields[i]));
      if (kind->fields[i].required)
        json_array_add_string_element (required, kind->fields[i].name);
    }
  json_object_set_object_member (config, "properties", properties);
  if (json_array_get_length (required) > 0)
    json_object_set_array_member (config, "required", required);
  else
    json_array_unref (required);
  json_node_take_object (node, config);
  return node;
}

/* One entry of $defs.node.allOf: a node of @kind has that config (required
 * when the kind has fields at all). */
static JsonNode *
node_rule (const CairnNodeKind *kind)
{
  JsonObject *rule = json_object_new ();
  JsonObject *when = json_object_new ();
  JsonObject *then = json_object_new ();
  JsonObject *type_is = json_object_new ();
  JsonObject *when_properties = json_object_new ();
  JsonObject *then_properties = json_object_new ();
  g_autofree char *config = g_strconcat ("config.", kind->type, NULL);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *type_required = json_array_new ();

  json_object_set_string_member (type_is, "const", kind->type);
  json_object_set_object_member (when_properties, "type", type_is);
  json_object_set_object_member (when, "properties", when_properties);
  json_array_add_string_element (type_required, "type");
  json_object_set_array_member (when, "required", type_required);

  json_object_set_member (then_properties, "config", ref (config));
  json_object_set_object_member (then, "properties", then_properties);
  if (kind->n_fields > 0)
    {
      JsonArray *config_required = json_array_new ();
      json_array_add_string_element (config_required, "config");
      json_object_set_array_member (then, "required", config_required);
    }
  json_object_set_object_member (rule, "if", when);
  json_object_set_object_member (rule, "then", then);
  json_node_take_object (node, rule);
  return node;
}

static void
add_kinds (JsonObject *defs)
{
  JsonObject *node = cairn_json_get_object (defs, "node");
  JsonObject *properties = cairn_json_get_object (node, "properties");
  const CairnNodeKind * const *kinds;
  JsonArray *types = json_array_new ();
  JsonArray *rules = json_array_new ();
  guint n_kinds;

  kinds = cairn_registry_all (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autofree char *config = g_strconcat ("config.", kinds[i]->type, NULL);

      json_array_add_string_element (types, kinds[i]->type);
      json_array_add_element (rules, node_rule (kinds[i]));
      json_object_set_member (defs, config, config_schema (kinds[i]));
    }
  json_object_set_member (properties, "type", object_with ("enum", json_node_init_array (json_node_alloc (), types)));
  json_object_set_array_member (node, "allOf", rules);
  json_array_unref (types);
}

JsonNode *
cairn_schema_generate (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) base = NULL;
  JsonNode *root;
  JsonObject *defs;
  gsize length;
  const char *text;

  g_return_val_if_fail (name != NULL, NULL);
  if (!g_strv_contains ((const char * const *) names, name))
    return NULL;

  path = g_strdup_printf ("/io/github/cairnjourneys/Cairn/schema/%s.base.json", name);
  base = g_resource_lookup_data (cairn_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (base != NULL);
  text = g_bytes_get_data (base, &length);
  root = cairn_json_parse (text, length, path, NULL, NULL);
  g_assert (root != NULL);

  defs = cairn_json_get_object (json_node_get_object (root), "$defs");
  json_object_set_member (defs, "channel", object_with ("enum", string_array (cairn_channels ())));
  if (strcmp (name, "journey") == 0)
    add_kinds (defs);
  return root;
}

char *
cairn_schema_to_text (const char *name)
{
  g_autoptr(JsonNode) root = cairn_schema_generate (name);
  g_autofree char *text = NULL;

  if (root == NULL)
    return NULL;
  text = cairn_json_to_string (root, TRUE);
  return g_strconcat (text, "\n", NULL);
}
