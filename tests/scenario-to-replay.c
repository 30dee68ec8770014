/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes a scenario's input as a replay (DESIGN §6): every input event the
 * scenario makes (scripted and generated, in input order, T4) as a JSON
 * Lines log, and every user it knows from the start (scripted, then
 * generated, T7) as a profiles file. `after_message` events depend on the
 * run and have no line. Used by test-metamorphic.py.
 *
 *   scenario-to-replay SCENARIO.json EVENTS.jsonl PROFILES.jsonl */
#include "config.h"

#include <stdio.h>

#include "cairn-json.h"
#include "cairn-scenario.h"
#include "cairn-time.h"

static void
append_member (GString    *line,
               const char *name,
               JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (object == NULL)
    return;
  node = json_node_init_object (json_node_alloc (), object);
  text = cairn_json_to_string (node, FALSE);
  g_string_append_printf (line, ",\"%s\":%s", name, text);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnInput) input = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GString) profiles = g_string_new (NULL);
  const CairnInputEvent *list;
  guint n_events = 0;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s SCENARIO.json EVENTS.jsonl PROFILES.jsonl\n", argv[0]);
      return 2;
    }
  input = cairn_input_new_scenario_full (argv[1], -1, 1, &error);
  if (input == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  for (guint u = 0; u < input->users->len; u++)
    {
      CairnUser *user = g_ptr_array_index (input->users, u);

      g_string_append (profiles, "{\"id\":");
      cairn_json_append_string (profiles, user->id);
      append_member (profiles, "attributes", user->attributes);
      append_member (profiles, "reachability", user->reachability);
      append_member (profiles, "affinity", user->affinity);
      append_member (profiles, "behavior", user->behavior);
      g_string_append (profiles, "}\n");
    }
  list = cairn_input_get_events (input, &n_events);
  for (guint i = 0; list && i < n_events; i++)
    {
      const CairnInputEvent *event = &list[i];
      CairnUser *user = g_ptr_array_index (input->users, event->user);

      g_string_append (events, "{\"time\":\"");
      cairn_time_append (events, event->time);
      g_string_append (events, "\",\"user\":");
      cairn_json_append_string (events, user->id);
      g_string_append (events, ",\"name\":");
      cairn_json_append_string (events, event->name);
      if (event->platform != NULL)
        {
          g_string_append (events, ",\"platform\":");
          cairn_json_append_string (events, event->platform);
        }
      if (event->params != NULL)
        append_member (events, "params", event->params);
      else if (event->params_text != NULL)
        g_string_append_printf (events, ",\"params\":%s", event->params_text);
      g_string_append (events, "}\n");
    }
  if (!g_file_set_contents (argv[2], events->str, events->len, &error)
      || !g_file_set_contents (argv[3], profiles->str, profiles->len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  return 0;
}
