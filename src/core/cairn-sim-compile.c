/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-sim-private.h"

/* Journey compilation */

int
sim_node_index (Sim        *sim,
                const char *id)
{
  /* the journey's index (first wins, as a scan would): compiling a long
     chain stays linear */
  CairnNode *node = cairn_journey_find_node (sim->journey, id);

  return node != NULL && node->index < sim->n_nodes ? (int) node->index : -1;
}

int
sim_port_index (SimNode    *node,
                const char *port)
{
  for (guint i = 0; i < node->n_ports; i++)
    if (g_strcmp0 (node->ports[i], port) == 0)
      return i;
  return -1;
}

CairnDuration
sim_config_duration (JsonObject *config,
                     const char *member,
                     CairnDuration fallback)
{
  CairnDuration d;
  const char *text = cairn_json_get_string (config, member);
  return text && cairn_duration_parse (text, &d, NULL) ? d : fallback;
}

/* The longest `within` of any history predicate in the journey: older
 * events can no longer change a decision and are dropped (P5 keeps what
 * predicates can still look at). */
static void
scan_history_needs (Sim      *sim,
                    JsonNode *node)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        scan_history_needs (sim, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) values = json_object_get_values (object);
      const char *within = cairn_json_get_string (object, "within");
      CairnDuration d;

      if (within && json_object_has_member (object, "event") && cairn_duration_parse (within, &d, NULL))
        sim->history_window = MAX (sim->history_window, d);
      if (cairn_json_get_string (object, "param") && cairn_json_get_string (object, "event")
          && cairn_json_get_object (object, "param") == NULL && !json_object_has_member (object, "within")
          && !json_object_has_member (object, "op"))
        /* a dynamic-date source: the latest event of that name must stay */
        g_hash_table_add (sim->history_keep, (gpointer) g_intern_string (cairn_json_get_string (object, "event")));
      if (json_object_has_member (object, "exclude_purchased"))
        sim->track_purchases = TRUE;
      for (GList *l = values; l; l = l->next)
        scan_history_needs (sim, l->data);
    }
}

/* The names of the events that steps 2–5 of §5 (event_steps) can act on:
 * goals, exit criteria and waits match by name, and so does an event
 * starter; engagement by the params' node comes as message_opened or
 * message_clicked. The user's state is not read for any other event.
 * Starters of other kinds may take any event. */
static void
collect_event_names (Sim *sim)
{
  SimNode *starter = sim->starter >= 0 ? &sim->nodes[sim->starter] : NULL;
  GHashTable *names;

  if (starter != NULL && starter->ops != NULL && starter->ops->starter_matches != NULL
      && !starter->ops->starts_on_named_event)
    return;
  names = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < sim->n_nodes; i++)
    if (sim->nodes[i].event != NULL)
      g_hash_table_add (names, (gpointer) sim->nodes[i].event);
  for (guint g = 0; g < sim->n_goals; g++)
    if (sim->goals[g].event != NULL)
      g_hash_table_add (names, (gpointer) sim->goals[g].event);
  for (guint c = 0; c < sim->n_exit_criteria; c++)
    if (sim->exit_events[c] != NULL)
      g_hash_table_add (names, (gpointer) sim->exit_events[c]);
  g_hash_table_add (names, (gpointer) g_intern_static_string ("message_opened"));
  g_hash_table_add (names, (gpointer) g_intern_static_string ("message_clicked"));
  sim->acts_on = names;
}

void
sim_compile_journey (Sim *sim)
{
  JsonObject *root = cairn_journey_get_object (sim->journey);
  JsonObject *entry = cairn_json_get_object (root, "entry");
  JsonObject *cap = cairn_json_get_object (root, "frequency_cap");
  JsonObject *quiet = cairn_json_get_object (root, "quiet_hours");
  JsonArray *goals = cairn_json_get_array (root, "goals");
  double v;

  sim->tz = cairn_time_zone_new (cairn_journey_get_timezone (sim->journey), NULL);
  if (sim->tz == NULL)
    sim->tz = g_time_zone_new_utc ();
  sim->n_nodes = cairn_journey_get_n_nodes (sim->journey);
  sim->nodes = g_new0 (SimNode, sim->n_nodes);
  sim->starter = -1;

  for (guint i = 0; i < sim->n_nodes; i++)
    {
      CairnNode *cn = cairn_journey_get_node (sim->journey, i);
      SimNode *node = &sim->nodes[i];
      g_autoptr(GPtrArray) ports = cairn_node_kind_ports (cn->kind, cn->config);

      node->id = cn->id;
      node->kind = cn->kind;
      node->ops = cn->kind ? cn->kind->ops : NULL;
      node->config = cn->config;
      node->n_ports = ports->len;
      node->ports = g_new0 (char *, ports->len + 1);
      node->targets = g_new0 (int, ports->len);
      node->port_counts = g_new0 (guint64, ports->len);
      for (guint p = 0; p < ports->len; p++)
        node->ports[p] = g_strdup (((CairnPort *) g_ptr_array_index (ports, p))->id);
      node->channel = cn->kind && cn->kind->channel ? cairn_channel_index (cn->kind->channel) : -1;
      node->winner = -1;
      node->message_node = -1;
      if (cn->kind && cn->kind->is_starter && sim->starter < 0)
        sim->starter = i;
      if (node->channel >= 0)
        sim->channels[node->channel].used = TRUE;
    }

  for (guint i = 0; i < sim->n_nodes; i++)
    {
      SimNode *node = &sim->nodes[i];

      for (guint p = 0; p < node->n_ports; p++)
        {
          CairnEdge *edge = cairn_journey_find_edge (sim->journey, node->id, node->ports[p]);
          node->targets[p] = edge ? sim_node_index (sim, edge->to) : -1;
        }
    }
  /* Each kind reads its config once every target is known (a split's
     metric follows the graph, N8). */
  for (guint i = 0; i < sim->n_nodes; i++)
    if (sim->nodes[i].ops && sim->nodes[i].ops->compile)
      sim->nodes[i].ops->compile (sim, &sim->nodes[i]);

  sim->n_goals = goals ? json_array_get_length (goals) : 0;
  sim->goals = g_new0 (SimGoal, MAX (sim->n_goals, 1));
  for (guint g = 0; g < sim->n_goals; g++)
    {
      JsonObject *goal = json_array_get_object_element (goals, g);
      JsonNode *exit = goal ? json_object_get_member (goal, "exit") : NULL;

      sim->goals[g].id = cairn_json_get_string (goal, "id");
      sim->goals[g].event = g_intern_string (cairn_json_get_string (goal, "event"));
      sim->goals[g].where = goal ? json_object_get_member (goal, "where") : NULL;
      sim->goals[g].where_leaf = cairn_predicate_leaf_new (sim->goals[g].where);
      sim->goals[g].window = sim_config_duration (goal, "window", 0);
      sim->goals[g].value_param = cairn_json_get_string (goal, "value_param");
      sim->goals[g].exit = exit && JSON_NODE_HOLDS_VALUE (exit) && json_node_get_value_type (exit) == G_TYPE_BOOLEAN
                           && json_node_get_boolean (exit);
    }
  /* Most events read a user's state and its last entry: the first one
     lives right after it, unless a journey's many goals make it large, when
     users that never enter would carry it for nothing. */
  sim->user_size = sizeof (SimUser) + (sim_entry_size (sim) <= SIM_ENTRY_INLINE_MAX ? sim_entry_size (sim) : 0);
  sim->exit_criteria = cairn_json_get_array (root, "exit_criteria");
  sim->n_exit_criteria = sim->exit_criteria ? json_array_get_length (sim->exit_criteria) : 0;
  sim->exit_events = g_new0 (const char *, MAX (sim->n_exit_criteria, 1));
  sim->exit_wheres = g_new0 (JsonNode *, MAX (sim->n_exit_criteria, 1));
  sim->exit_leaves = g_new0 (CairnPredicateLeaf *, MAX (sim->n_exit_criteria, 1));
  for (guint c = 0; c < sim->n_exit_criteria; c++)
    {
      JsonObject *criterion = json_array_get_object_element (sim->exit_criteria, c);
      sim->exit_events[c] = g_intern_string (cairn_json_get_string (criterion, "event"));
      sim->exit_wheres[c] = json_object_get_member (criterion, "where");
      sim->exit_leaves[c] = cairn_predicate_leaf_new (sim->exit_wheres[c]);
    }

  sim->history_keep = g_hash_table_new (NULL, NULL);
  scan_history_needs (sim, cairn_journey_get_root (sim->journey));
  sim->keep_history = sim->history_window > 0 || g_hash_table_size (sim->history_keep) > 0;

  for (guint i = 0; i < sim->n_nodes; i++)
    sim->has_autowinner |= sim->nodes[i].autowinner;
  collect_event_names (sim);
  sim->reentry_once = g_strcmp0 (cairn_json_get_string (entry, "reentry"), "once") == 0;
  sim->cooldown = sim_config_duration (entry, "cooldown", 0);
  sim->cap_max = cap && cairn_json_get_number (cap, "max_messages", &v) ? (gint64) v : -1;
  sim->cap_per = sim_config_duration (cap, "per", 0);
  if (quiet != NULL
      && cairn_time_of_day_parse (cairn_json_get_string (quiet, "start"), &sim->quiet_start, NULL)
      && cairn_time_of_day_parse (cairn_json_get_string (quiet, "end"), &sim->quiet_end, NULL)
      && sim->quiet_start != sim->quiet_end)
    {
      sim->has_quiet = TRUE;
      sim->quiet_skip = g_strcmp0 (cairn_json_get_string (quiet, "mode"), "skip") == 0;
    }
}
