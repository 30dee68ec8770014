/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cairn-json.h"
#include "cairn-registry.h"

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/registry/ports", test_ports);
  g_test_add_func ("/core/registry/kinds", test_kinds);
  g_test_add_func ("/core/registry/required-fields", test_required_fields);
  return g_test_run ();
}
