/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A/B splits (DESIGN §12 N8): the nodes downstream of each variant come
 * from the journey's graph, never from the order of `nodes` in the file,
 * and finding them is no recursion, so a very long journey compiles on a
 * small stack. The metric itself is checked end to end by the contract
 * cases ab-metric-reach, ab-metric-loop and ab-plain-metric.
 * Also a finding of the metamorphic tests: goal values do not depend on
 * the order of users. */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cairn-journey.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"
#include "cairn-sim-private.h"

static void
compiled_clear (Sim *sim)
{
  for (guint i = 0; i < sim->n_nodes; i++)
    {
      g_strfreev (sim->nodes[i].ports);
      g_free (sim->nodes[i].targets);
      g_free (sim->nodes[i].port_counts);
      g_free (sim->nodes[i].weights);
      g_free (sim->nodes[i].variant_entered);
      g_free (sim->nodes[i].reach);
      cairn_predicate_leaf_free (sim->nodes[i].where_leaf);
    }
  g_free (sim->nodes);
  for (guint g = 0; g < sim->n_goals; g++)
    cairn_predicate_leaf_free (sim->goals[g].where_leaf);
  g_free (sim->goals);
  g_free (sim->exit_events);
  g_free (sim->exit_wheres);
  for (guint c = 0; c < sim->n_exit_criteria; c++)
    cairn_predicate_leaf_free (sim->exit_leaves[c]);
  g_free (sim->exit_leaves);
  g_clear_pointer (&sim->history_keep, g_hash_table_unref);
  g_clear_pointer (&sim->tz, g_time_zone_unref);
}

/* "start" → "pre" → "split1" → A: "a1" → "a2", B: "b1"; "split1" listed
 * at @split_at, the other nodes in @order. */
static const char *const graph_nodes[] = {
  "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"purchase\"}}",
  "{\"id\":\"pre\",\"type\":\"message.email\",\"config\":{\"subject\":\"s\",\"body\":\"b\"}}",
  "{\"id\":\"split1\",\"type\":\"split.ab\",\"config\":{\"variants\":[{\"id\":\"A\",\"name\":\"A\",\"weight\":1},"
  "{\"id\":\"B\",\"name\":\"B\",\"weight\":1}],\"autowinner\":{\"metric\":\"open_rate\","
  "\"min_entries_per_variant\":1,\"evaluate_after\":\"PT1H\"}}}",
  "{\"id\":\"a1\",\"type\":\"message.sms\",\"config\":{\"text\":\"t\"}}",
  "{\"id\":\"a2\",\"type\":\"wait.duration\",\"config\":{\"duration\":\"P1D\"}}",
  "{\"id\":\"b1\",\"type\":\"message.sms\",\"config\":{\"text\":\"t\"}}",
};
static const char *const graph_edges =
  "{\"from\":\"start\",\"to\":\"pre\"},{\"from\":\"pre\",\"to\":\"split1\"},"
  "{\"from\":\"split1\",\"port\":\"A\",\"to\":\"a1\"},{\"from\":\"a1\",\"to\":\"a2\"},"
  "{\"from\":\"split1\",\"port\":\"B\",\"to\":\"b1\"}";

static gboolean
next_permutation (guint *a,
                  guint  n)
{
  guint i = n - 1, j = n - 1, t;

  while (i > 0 && a[i - 1] >= a[i])
    i--;
  if (i == 0)
    return FALSE;
  while (a[j] <= a[i - 1])
    j--;
  t = a[i - 1];
  a[i - 1] = a[j];
  a[j] = t;
  for (j = n - 1; i < j; i++, j--)
    {
      t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  return TRUE;
}

static gboolean
reaches (Sim        *sim,
         SimNode    *split,
         const char *variant,
         const char *id)
{
  int port = sim_port_index (split, variant);
  int node = sim_node_index (sim, id);

  g_assert_cmpint (port, >=, 0);
  g_assert_cmpint (node, >=, 0);
  return split->reach[(gsize) port * sim->n_nodes + node];
}

/* Every order of the six nodes: the same reachable sets. */
static void
test_reach_any_order (void)
{
  guint order[G_N_ELEMENTS (graph_nodes)];
  guint n_orders = 0;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = i;
  do
    {
      g_autoptr(GString) text = g_string_new ("{\"format\":\"cairn-journey\",\"version\":1,\"id\":\"j\",\"nodes\":[");
      g_autoptr(CairnJourney) journey = NULL;
      g_autoptr(GError) error = NULL;
      Sim sim;
      SimNode *split;

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        g_string_append_printf (text, "%s%s", i ? "," : "", graph_nodes[order[i]]);
      g_string_append_printf (text, "],\"edges\":[%s]}", graph_edges);
      journey = cairn_journey_load_data (text->str, text->len, "order.json", &error);
      g_assert_no_error (error);

      memset (&sim, 0, sizeof sim);
      sim.journey = journey;
      sim_compile_journey (&sim);
      split = &sim.nodes[sim_node_index (&sim, "split1")];
      g_assert_true (split->autowinner);
      g_assert_nonnull (split->reach);
      g_assert_true (reaches (&sim, split, "A", "a1"));
      g_assert_true (reaches (&sim, split, "A", "a2"));
      g_assert_false (reaches (&sim, split, "A", "b1"));
      g_assert_false (reaches (&sim, split, "A", "start"));
      g_assert_false (reaches (&sim, split, "A", "pre"));
      g_assert_false (reaches (&sim, split, "A", "split1"));
      g_assert_true (reaches (&sim, split, "B", "b1"));
      g_assert_false (reaches (&sim, split, "B", "a1"));
      g_assert_false (reaches (&sim, split, "B", "a2"));
      g_assert_false (reaches (&sim, split, "B", "start"));
      g_assert_false (reaches (&sim, split, "B", "pre"));
      g_assert_false (reaches (&sim, split, "B", "split1"));
      compiled_clear (&sim);
      n_orders++;
    }
  while (next_permutation (order, G_N_ELEMENTS (order)));
  g_assert_cmpuint (n_orders, ==, 720);
}

/* A cycle through the split: every node on it is reachable from the
 * variant that closes it, the split included. */
static void
test_reach_cycle (void)
{
  const char *text =
    "{\"format\":\"cairn-journey\",\"version\":1,\"id\":\"j\",\"nodes\":["
    "{\"id\":\"w\",\"type\":\"wait.duration\",\"config\":{\"duration\":\"P1D\"}},"
    "{\"id\":\"s\",\"type\":\"split.ab\",\"config\":{\"variants\":[{\"id\":\"A\",\"name\":\"A\",\"weight\":1},"
    "{\"id\":\"B\",\"name\":\"B\",\"weight\":1}],\"autowinner\":{\"metric\":\"click_rate\","
    "\"min_entries_per_variant\":1,\"evaluate_after\":\"PT1H\"}}},"
    "{\"id\":\"m\",\"type\":\"message.sms\",\"config\":{\"text\":\"t\"}},"
    "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"purchase\"}},"
    "{\"id\":\"x\",\"type\":\"exit\"}],"
    "\"edges\":[{\"from\":\"start\",\"to\":\"m\"},{\"from\":\"m\",\"to\":\"s\"},{\"from\":\"m\",\"port\":\"failed\",\"to\":\"x\"},"
    "{\"from\":\"s\",\"port\":\"A\",\"to\":\"w\"},{\"from\":\"w\",\"to\":\"m\"},{\"from\":\"s\",\"port\":\"B\",\"to\":\"x\"}]}";
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) error = NULL;
  Sim sim;
  SimNode *split;

  journey = cairn_journey_load_data (text, -1, "cycle.json", &error);
  g_assert_no_error (error);
  memset (&sim, 0, sizeof sim);
  sim.journey = journey;
  sim_compile_journey (&sim);
  split = &sim.nodes[sim_node_index (&sim, "s")];
  g_assert_true (reaches (&sim, split, "A", "w"));
  g_assert_true (reaches (&sim, split, "A", "m"));
  g_assert_true (reaches (&sim, split, "A", "s"));
  g_assert_true (reaches (&sim, split, "A", "x"));
  g_assert_false (reaches (&sim, split, "A", "start"));
  g_assert_true (reaches (&sim, split, "B", "x"));
  g_assert_false (reaches (&sim, split, "B", "m"));
  g_assert_false (reaches (&sim, split, "B", "s"));
  compiled_clear (&sim);
}

/* A split, then a chain of set_attribute nodes. */
static char *
chain_journey (guint length)
{
  GString *text = g_string_new ("{\"format\":\"cairn-journey\",\"version\":1,\"id\":\"chain\",\"nodes\":["
                                "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"purchase\"}},"
                                "{\"id\":\"s\",\"type\":\"split.ab\",\"config\":{\"variants\":["
                                "{\"id\":\"A\",\"name\":\"A\",\"weight\":1}],\"autowinner\":{\"metric\":\"goal_rate\","
                                "\"min_entries_per_variant\":1,\"evaluate_after\":\"PT1H\"}}}");

  for (guint i = 0; i < length; i++)
    g_string_append_printf (text, ",{\"id\":\"n%u\",\"type\":\"action.set_attribute\","
                            "\"config\":{\"attribute\":\"a\",\"value\":%u}}", i, i);
  g_string_append (text, "],\"edges\":[{\"from\":\"start\",\"to\":\"s\"},{\"from\":\"s\",\"port\":\"A\",\"to\":\"n0\"}");
  for (guint i = 0; i + 1 < length; i++)
    g_string_append_printf (text, ",{\"from\":\"n%u\",\"to\":\"n%u\"}", i, i + 1);
  g_string_append (text, "]}");
  return g_string_free (text, FALSE);
}

static gpointer
compile_chain (gpointer data)
{
  CairnJourney *journey = data;
  Sim sim;
  SimNode *split;
  guint reached = 0;

  memset (&sim, 0, sizeof sim);
  sim.journey = journey;
  sim_compile_journey (&sim);
  split = &sim.nodes[1];
  for (guint i = 0; i < sim.n_nodes; i++)
    reached += split->reach[i];
  compiled_clear (&sim);
  return GUINT_TO_POINTER (reached);
}

/* Issue 14 item 6: a graph walk must not recurse once per node. The chain
 * compiles on a thread with a 256 KiB stack, which a walk recursing once
 * per node would overflow many times over. (A chain of 10^6 nodes passes
 * too: 22 s and 3.3 GB here, nearly all of it loading the JSON.) */
static void
test_long_chain (void)
{
  const guint length = 100000;
  g_autofree char *text = chain_journey (length);
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) error = NULL;
  pthread_attr_t attr;
  pthread_t thread;
  gpointer reached = NULL;

  journey = cairn_journey_load_data (text, -1, "chain.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, length + 2);
  g_assert_cmpint (pthread_attr_init (&attr), ==, 0);
  g_assert_cmpint (pthread_attr_setstacksize (&attr, 256 * 1024), ==, 0);
  g_assert_cmpint (pthread_create (&thread, &attr, compile_chain, journey), ==, 0);
  g_assert_cmpint (pthread_join (thread, &reached), ==, 0);
  pthread_attr_destroy (&attr);
  g_assert_cmpuint (GPOINTER_TO_UINT (reached), ==, length);
}

static char *
simulate_files (const char *journey_path,
                const char *scenario_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnJourney) journey = cairn_journey_load_file (journey_path, &error);
  g_autoptr(CairnInput) input = NULL;
  CairnSimOptions options;
  char *report;

  g_assert_no_error (error);
  input = cairn_input_new_scenario (scenario_path, -1, &error);
  g_assert_no_error (error);
  cairn_sim_options_init (&options);
  options.threads = 1;
  report = cairn_sim_run (journey, input, &options, NULL, &error);
  g_assert_no_error (error);
  return report;
}

/* Three users reach a goal at one instant, with values 0.1, 0.2 and 0.3:
 * summed in processing order, which is the order users are listed in, the
 * value would be 0.6000000000000001 one way and 0.6 the other. It is the
 * exact sum, rounded once (DECISIONS "Goal values"). */
static void
test_goal_value_any_order (void)
{
  g_autofree char *journey = g_test_build_filename (G_TEST_DIST, "contract", "goal-value-order", "journey.json", NULL);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "contract", "goal-value-order", "scenario.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cairn-goal-order-XXXXXX", NULL);
  g_autofree char *reversed = g_build_filename (dir, "scenario.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *other = NULL;
  JsonArray *users, *flipped;

  json_parser_load_from_file (parser, scenario, &error);
  g_assert_no_error (error);
  users = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "users");
  flipped = json_array_new ();
  for (guint i = json_array_get_length (users); i-- > 0;)
    json_array_add_element (flipped, json_node_copy (json_array_get_element (users, i)));
  json_object_set_array_member (json_node_get_object (json_parser_get_root (parser)), "users", flipped);
  text = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_true (g_file_set_contents (reversed, text, -1, &error));

  listed = simulate_files (journey, scenario);
  other = simulate_files (journey, reversed);
  g_assert_nonnull (strstr (listed, "\"bought\":{\"reached\":3,\"rate\":1.0,\"value\":0.6}"));
  g_assert_nonnull (strstr (other, "\"bought\":{\"reached\":3,\"rate\":1.0,\"value\":0.6}"));
  g_unlink (reversed);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/engine-ab/reach-any-order", test_reach_any_order);
  g_test_add_func ("/core/engine-ab/reach-cycle", test_reach_cycle);
  g_test_add_func ("/core/engine-ab/long-chain", test_long_chain);
  g_test_add_func ("/core/engine-ab/goal-value-any-order", test_goal_value_any_order);
  return g_test_run ();
}
