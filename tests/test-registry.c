/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-registry.h"
#include "cairn-schema.h"

static char *
ports_string (const char *type,
              const char *config_json)
{
  const CairnNodeKind *kind = cairn_registry_lookup (type);
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(GPtrArray) ports = NULL;
  GString *out = g_string_new (NULL);

  g_assert_nonnull (kind);
  if (config_json)
    config = cairn_json_parse (config_json, strlen (config_json), NULL, NULL, NULL);
  ports = cairn_node_kind_ports (kind, config ? json_node_get_object (config) : NULL);
  for (guint i = 0; i < ports->len; i++)
    {
      CairnPort *port = g_ptr_array_index (ports, i);
      g_string_append_printf (out, "%s%s", i ? " " : "", port->id);
      if (strcmp (port->id, port->label) != 0)
        g_string_append_printf (out, "(%s)", port->label);
    }
  return g_string_free (out, FALSE);
}

#define ASSERT_PORTS(type, config, expected) \
  G_STMT_START { g_autofree char *s = ports_string (type, config); g_assert_cmpstr (s, ==, expected); } G_STMT_END

/* Every kind carries its behaviour (CairnNodeKindOps), and the channels
 * are the registry's channel rows. */
static void
test_behaviour (void)
{
  guint n_kinds, n_channels = 0;
  const CairnNodeKind * const *kinds = cairn_registry_all (&n_kinds);
  g_autofree char *text = cairn_channels_text (" or ");

  for (guint i = 0; i < n_kinds; i++)
    {
      const CairnNodeKind *kind = kinds[i];

      g_assert_nonnull (kind->ops);
      g_assert_nonnull (kind->ops->arrive);
      g_assert_nonnull (kind->ops->summary);
      g_assert_nonnull (kind->id_prefix);
      g_assert_true (kind->is_starter == (kind->ops->starter_matches != NULL || kind->ops->starter_due != NULL));
      g_assert_true (kind->is_daily == (kind->ops->starter_due != NULL));
      if (kind->channel != NULL)
        {
          g_assert_true (kind->is_message);
          g_assert_cmpstr (cairn_channels ()[n_channels], ==, kind->channel);
          g_assert_true (cairn_registry_lookup_channel (kind->channel) == kind);
          g_assert_cmpint (cairn_channel_index (kind->channel), ==, n_channels);
          n_channels++;
        }
    }
  g_assert_cmpuint (n_channels, ==, CAIRN_N_CHANNELS);
  g_assert_null (cairn_channels ()[CAIRN_N_CHANNELS]);
  /* "email, sms, … or <the last channel>" */
  {
    g_autofree char *head = g_strjoinv (", ", (char **) cairn_channels ());
    g_autofree char *tail = g_strconcat (" or ", cairn_channels ()[CAIRN_N_CHANNELS - 1], NULL);

    g_assert_true (g_str_has_prefix (text, "email, sms, "));
    g_assert_true (g_str_has_suffix (text, tail));
    g_assert_cmpuint (strlen (text), ==, strlen (head) + strlen (" or ") - strlen (", "));
  }
  g_assert_cmpstr (cairn_node_kind_html_field (cairn_registry_lookup ("message.email")), ==, "body");
  g_assert_null (cairn_node_kind_html_field (cairn_registry_lookup ("message.sms")));
  g_assert_true (cairn_node_kind_sends_text (cairn_registry_lookup ("message.sms")));
  g_assert_false (cairn_node_kind_sends_text (cairn_registry_lookup ("audience.facebook")));
  g_assert_true (cairn_registry_lookup ("wait.until_event")->is_wait);
  g_assert_true (cairn_registry_lookup ("exit")->is_exit);
}

static void
test_ports (void)
{
  ASSERT_PORTS ("starter.event", NULL, "out");
  ASSERT_PORTS ("starter.website_action", NULL, "out");
  ASSERT_PORTS ("starter.dynamic_date", NULL, "out");
  ASSERT_PORTS ("starter.attribute_change", NULL, "out");
  ASSERT_PORTS ("starter.past_behavior", NULL, "out");
  ASSERT_PORTS ("wait.duration", NULL, "out");
  ASSERT_PORTS ("wait.until_time", NULL, "out");
  ASSERT_PORTS ("wait.until_event", NULL, "event timeout");
  ASSERT_PORTS ("condition.check", "{\"tabs\": [{\"id\": \"students\", \"name\": \"Students\"}, {\"id\": \"rest\"}, 3]}",
                "students(Students) rest else");
  ASSERT_PORTS ("condition.check", NULL, "else");
  ASSERT_PORTS ("condition.reachability", "{\"channels\": [\"email\", \"sms\"]}", "email sms unreachable");
  ASSERT_PORTS ("condition.interaction", NULL, "yes no");
  ASSERT_PORTS ("split.ab", "{\"variants\": [{\"id\": \"A\", \"name\": \"Short\", \"weight\": 1}, {\"id\": \"B\", \"weight\": 1}]}",
                "A(Short) B");
  ASSERT_PORTS ("next_best_channel", "{\"channels\": [\"web_push\", \"email\"]}", "web_push email unreachable");
  for (const char *const *t = (const char *const[]) { "message.email", "message.sms", "message.web_push",
         "message.app_push", "message.onsite", "message.inapp", "message.whatsapp", "audience.facebook", NULL }; *t; t++)
    ASSERT_PORTS (*t, NULL, "out failed");
  ASSERT_PORTS ("action.set_attribute", NULL, "out");
  ASSERT_PORTS ("exit", NULL, "");
}

static void
test_kinds (void)
{
  guint n = 0;
  const CairnNodeKind * const *all = cairn_registry_all (&n);
  guint starters = 0, messages = 0;

  g_assert_cmpuint (n, ==, 23);
  for (guint i = 0; i < n; i++)
    {
      const CairnNodeKind *kind = all[i];
      g_autoptr(JsonObject) config = cairn_node_kind_new_config (kind);

      g_assert_true (cairn_registry_lookup (kind->type) == kind);
      g_assert_nonnull (kind->name);
      g_assert_nonnull (kind->description);
      g_assert_nonnull (kind->icon_name);
      starters += kind->is_starter;
      if (kind->is_message)
        {
          messages++;
          g_assert_cmpint (cairn_channel_index (kind->channel), >=, 0);
        }
      for (guint f = 0; f < kind->n_fields; f++)
        {
          const CairnFieldSpec *field = &kind->fields[f];
          g_assert_true (cairn_node_kind_find_field (kind, field->name) == field);
          g_assert_cmpint (json_object_has_member (config, field->name), ==, field->default_json != NULL);
          if (field->type == CAIRN_FIELD_ENUM)
            g_assert_nonnull (field->choices);
        }
    }
  g_assert_cmpuint (starters, ==, 5);
  g_assert_cmpuint (messages, ==, 8);
  g_assert_null (cairn_registry_lookup ("nope"));
  g_assert_cmpint (cairn_channel_index ("facebook_audience"), ==, 7);
  g_assert_cmpint (cairn_channel_index ("fax"), ==, -1);
}

static void
test_required_fields (void)
{
  struct { const char *type; const char *required; } cases[] = {
    { "starter.event", "event" }, { "starter.website_action", "action" },
    { "starter.dynamic_date", "source" }, { "starter.attribute_change", "attribute" },
    { "starter.past_behavior", "segment" }, { "wait.duration", "duration" },
    { "wait.until_time", "time" }, { "wait.until_event", "event timeout" },
    { "condition.check", "tabs" }, { "condition.reachability", "channels" },
    { "condition.interaction", "message interaction" }, { "split.ab", "variants" },
    { "next_best_channel", "channels" }, { "message.email", "subject body" },
    { "message.sms", "text" }, { "message.whatsapp", "text" }, { "message.web_push", "title body" },
    { "message.app_push", "title body" }, { "message.onsite", "title body" }, { "message.inapp", "title body" },
    { "audience.facebook", "audience action" }, { "action.set_attribute", "attribute value" }, { "exit", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CairnNodeKind *kind = cairn_registry_lookup (cases[i].type);
      g_autoptr(GString) got = g_string_new (NULL);
      for (guint f = 0; f < kind->n_fields; f++)
        if (kind->fields[f].required)
          g_string_append_printf (got, "%s%s", got->len ? " " : "", kind->fields[f].name);
      g_assert_cmpstr (got->str, ==, cases[i].required);
    }
}

/* The published schemas are exactly what the registry makes: a kind, a
 * field or a channel added to the table and not to data/schema/ fails here
 * (regenerate with `cairn-cli schema NAME > data/schema/NAME.schema.json`). */
static void
test_schemas_generated (void)
{
  for (const char * const *name = cairn_schema_names (); *name; name++)
    {
      g_autofree char *file = g_strdup_printf ("%s.schema.json", *name);
      g_autofree char *path = g_build_filename (TESTS_SRCDIR, "..", "data", "schema", file, NULL);
      g_autofree char *expected = NULL;
      g_autofree char *made = cairn_schema_to_text (*name);
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &expected, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (made);
      if (strcmp (made, expected) != 0)
        g_error ("%s differs from `cairn-cli schema %s`", path, *name);
    }
  g_assert_null (cairn_schema_generate ("nonsense"));
}

/* What the journey schema says of each kind follows the table. */
static void
test_schema_follows_registry (void)
{
  g_autoptr(JsonNode) root = cairn_schema_generate ("journey");
  JsonObject *defs = cairn_json_get_object (json_node_get_object (root), "$defs");
  JsonObject *node = cairn_json_get_object (defs, "node");
  JsonArray *types = cairn_json_get_array (cairn_json_get_object (cairn_json_get_object (node, "properties"), "type"), "enum");
  JsonArray *channels = cairn_json_get_array (cairn_json_get_object (defs, "channel"), "enum");
  const CairnNodeKind * const *kinds;
  guint n_kinds, n_channels = 0;

  kinds = cairn_registry_all (&n_kinds);
  g_assert_cmpuint (json_array_get_length (types), ==, n_kinds);
  g_assert_cmpuint (json_array_get_length (cairn_json_get_array (node, "allOf")), ==, n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autofree char *name = g_strconcat ("config.", kinds[i]->type, NULL);
      JsonObject *config = cairn_json_get_object (defs, name);
      JsonObject *properties = cairn_json_get_object (config, "properties");
      JsonArray *required = cairn_json_get_array (config, "required");
      guint n_required = 0;

      g_assert_cmpstr (json_array_get_string_element (types, i), ==, kinds[i]->type);
      g_assert_nonnull (properties);
      g_assert_cmpuint (json_object_get_size (properties), ==, kinds[i]->n_fields);
      for (guint f = 0; f < kinds[i]->n_fields; f++)
        {
          g_assert_true (json_object_has_member (properties, kinds[i]->fields[f].name));
          if (kinds[i]->fields[f].required)
            g_assert_cmpstr (json_array_get_string_element (required, n_required++), ==, kinds[i]->fields[f].name);
        }
      g_assert_cmpuint (required ? json_array_get_length (required) : 0, ==, n_required);
    }
  for (const char * const *c = cairn_channels (); *c; c++)
    g_assert_cmpstr (json_array_get_string_element (channels, n_channels++), ==, *c);
  g_assert_cmpuint (json_array_get_length (channels), ==, n_channels);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/registry/ports", test_ports);
  g_test_add_func ("/core/registry/behaviour", test_behaviour);
  g_test_add_func ("/core/registry/kinds", test_kinds);
  g_test_add_func ("/core/registry/required-fields", test_required_fields);
  g_test_add_func ("/core/registry/schemas-generated", test_schemas_generated);
  g_test_add_func ("/core/registry/schema-follows-registry", test_schema_follows_registry);
  return g_test_run ();
}
