/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A scenario made from the journey itself, for a first run when none was
 * chosen: a thousand generated people, reachable on every channel, who do
 * the starter's event (with the parameters its filter asks for) and now
 * and then the goals' events, over two weeks from today. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cairn-json.h"
#include "cairn-quick-scenario.h"
#include "cairn-registry.h"

/* Parameters that make an event pass @where: "eq" and "in" conditions,
 * alone or under "all". */
static JsonObject *
params_for (JsonObject *where)
{
  JsonObject *params = json_object_new ();
  JsonArray *all = where != NULL ? cairn_json_get_array (where, "all") : NULL;
  guint n = all != NULL ? json_array_get_length (all) : (where != NULL ? 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *leaf = all != NULL ? json_array_get_object_element (all, i) : where;
      const char *param = leaf != NULL ? cairn_json_get_string (leaf, "param") : NULL;
      const char *op = leaf != NULL ? cairn_json_get_string (leaf, "op") : NULL;
      JsonNode *value = leaf != NULL ? json_object_get_member (leaf, "value") : NULL;

      if (param == NULL || op == NULL || value == NULL)
        continue;
      if (g_str_equal (op, "eq"))
        json_object_set_member (params, param, cairn_json_deep_copy (value));
      else if (g_str_equal (op, "in") && JSON_NODE_HOLDS_ARRAY (value) &&
               json_array_get_length (json_node_get_array (value)) > 0)
        {
          JsonObject *choice = json_object_new ();
          json_object_set_member (choice, "choice", cairn_json_deep_copy (value));
          json_object_set_object_member (params, param, choice);
        }
    }
  return params;
}

static void
add_event (JsonArray  *events,
           const char *name,
           JsonObject *where,
           double      rate_per_day)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "name", name);
  json_object_set_double_member (event, "rate_per_day", rate_per_day);
  json_object_set_object_member (event, "params", params_for (where));
  json_array_add_object_element (events, event);
}

char *
cairn_quick_scenario_new (CairnJourney *journey)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, 14);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *generate = json_object_new ();
  JsonObject *persona = json_object_new ();
  JsonObject *reachability = json_object_new ();
  JsonArray *personas = json_array_new ();
  JsonArray *events = json_array_new ();
  JsonArray *goals = cairn_json_get_array (json_node_get_object (cairn_journey_get_root (journey)), "goals");
  const char * const *channels = cairn_channels ();
  g_autofree char *name = NULL;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);

  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      const char *event = node->config != NULL ? cairn_json_get_string (node->config, "event") : NULL;

      if (node->kind != NULL && node->kind->is_starter && event != NULL && *event != '\0')
        add_event (events, event, cairn_json_get_object (node->config, "where"), 0.3);
    }
  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      const char *event = goal != NULL ? cairn_json_get_string (goal, "event") : NULL;

      if (event != NULL && *event != '\0')
        add_event (events, event, cairn_json_get_object (goal, "where"), 0.05);
    }
  for (guint i = 0; channels[i] != NULL; i++)
    json_object_set_double_member (reachability, channels[i], 0.8);

  json_object_set_string_member (persona, "name", _("Everyone"));
  json_object_set_object_member (persona, "reachability", reachability);
  json_object_set_array_member (persona, "events", events);
  json_array_add_object_element (personas, persona);
  json_object_set_int_member (generate, "count", 1000);
  json_object_set_array_member (generate, "personas", personas);

  /* Translators: the name of a scenario made from a journey */
  name = g_strdup_printf (_("Quick scenario for %s"), cairn_journey_get_name (journey) ?: _("the journey"));
  json_object_set_string_member (object, "format", "cairn-scenario");
  json_object_set_int_member (object, "version", 1);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "start", start_text);
  json_object_set_string_member (object, "end", end_text);
  json_object_set_int_member (object, "seed", 0);
  json_object_set_array_member (object, "users", json_array_new ());
  json_object_set_object_member (object, "generate", generate);
  json_node_take_object (root, object);
  return cairn_json_to_string (root, TRUE);
}

char *
cairn_quick_scenario_write (CairnJourney *journey,
                            GError      **error)
{
  g_autofree char *text = cairn_quick_scenario_new (journey);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "cairn", "scenarios", NULL);
  g_autofree char *base = g_strdup_printf ("%s-quick.json", cairn_journey_get_id (journey) ?: "journey");
  g_autofree char *path = NULL;

  g_strdelimit (base, "/\\", '_');
  path = g_build_filename (dir, base, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
      return NULL;
    }
  if (!cairn_file_write_atomic (path, text, -1, error))
    return NULL;
  return g_steal_pointer (&path);
}
