/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-predicate.h"
#include "cairn-summary.h"
#include "cairn-summary-private.h"
#include "cairn-validate-private.h"
#include "cairn-rng.h"

/* A/B splits (§5 split.ab, §12 N8): variants by weight, an autowinner's
 * metric over the sends reachable from each variant's port. */

/* Marks every node reachable from @from (itself included) in @reach.
 * Iterative, with an explicit stack: a journey may be a chain of a million
 * nodes. @stack holds at least n_nodes ints. */
static void
mark_reachable (Sim      *sim,
                gboolean *reach,
                int      *stack,
                int       from)
{
  guint depth = 0;

  if (from < 0 || reach[from])
    return;
  reach[from] = TRUE;
  stack[depth++] = from;
  while (depth > 0)
    {
      SimNode *node = &sim->nodes[stack[--depth]];

      for (guint p = 0; p < node->n_ports; p++)
        {
          int next = node->targets[p];

          /* each node is pushed once, so the stack never holds more
             than n_nodes */
          if (next >= 0 && !reach[next])
            {
              reach[next] = TRUE;
              stack[depth++] = next;
            }
        }
    }
}

/* N8: a variant's messages are those at nodes reachable from its port,
 * decided by the graph alone, so this runs once every target is known. */
static void
split_compile (Sim     *sim,
               SimNode *node)
{
  JsonArray *variants = cairn_json_get_array (node->config, "variants");
  JsonObject *auto_winner = cairn_json_get_object (node->config, "autowinner");
  const char *metric = cairn_json_get_string (auto_winner, "metric");
  double v;

  node->weights = g_new0 (double, node->n_ports);
  node->variant_entered = g_new0 (guint64, node->n_ports);
  for (guint p = 0; variants && p < json_array_get_length (variants); p++)
    {
      JsonObject *variant = json_array_get_object_element (variants, p);
      int port = sim_port_index (node, cairn_json_get_string (variant, "id"));
      if (port >= 0 && cairn_json_get_number (variant, "weight", &v))
        node->weights[port] = v;
    }
  if (auto_winner != NULL)
    {
      g_autofree int *stack = g_new (int, MAX (sim->n_nodes, 1));

      node->autowinner = TRUE;
      node->metric = g_strcmp0 (metric, "click_rate") == 0 ? METRIC_CLICK
                     : g_strcmp0 (metric, "goal_rate") == 0 ? METRIC_GOAL : METRIC_OPEN;
      node->min_entries = cairn_json_get_number (auto_winner, "min_entries_per_variant", &v) ? (guint) v : 1;
      node->evaluate_after = sim_config_duration (auto_winner, "evaluate_after", 0);
      /* only autowinner metrics look at messages */
      node->reach = g_new0 (gboolean, (gsize) node->n_ports * sim->n_nodes);
      for (guint p = 0; p < node->n_ports; p++)
        mark_reachable (sim, node->reach + (gsize) p * sim->n_nodes, stack, node->targets[p]);
    }
}

static int
split_arrive (Run       *run,
              SimUser   *user,
              guint      index,
              int        n,
              CairnTime  time)
{
  Sim *sim = run->cur;
  SimNode *node = &sim->nodes[n];
  guint nth;

  if (sim_user_more (sim, user)->arrivals == NULL)
    user->more->arrivals = sim_alloc0 (sim, sim->n_nodes * sizeof (guint));
  nth = user->more->arrivals[n]++;
  GArray *entries;
  SimSplitEntry record;
  int variant;

  if (sim->splits->pdata[n] == NULL)
    sim->splits->pdata[n] = g_array_new (FALSE, FALSE, sizeof (SimSplitEntry));
  entries = sim->splits->pdata[n];

  /* --partition: the coordinator's decision, from its instant on. */
  if (node->imposed && node->winner < 0 && node->imposed_winner >= 0 && time >= node->imposed_at)
    {
      node->winner = node->imposed_winner;
      node->decided_at = node->imposed_at;
    }
  if (node->autowinner && node->winner < 0 && !node->imposed)
    {
      gboolean ready = TRUE;
      double best = -1;
      int best_variant = -1;

      for (guint v = 0; v < node->n_ports && ready; v++)
        {
          guint qualifying = 0;
          double metric = cairn_sim_split_metric (sim, n, v, time, &qualifying);
          if (qualifying < node->min_entries)
            ready = FALSE;
          else if (metric > best)
            {
              best = metric;
              best_variant = v;
            }
        }
      if (ready && best_variant >= 0)
        {
          node->winner = best_variant;
          node->decided_at = time;
        }
    }

  if (node->winner >= 0)
    variant = node->winner;
  else
    {
      double u = cairn_rng_draw (sim->seed, user->profile->id, node->draw_id, nth, "split");
      double total = 0, running = 0, target;

      for (guint v = 0; v < node->n_ports; v++)
        total += node->weights[v];
      target = u * total;
      variant = node->n_ports - 1;
      for (guint v = 0; v < node->n_ports; v++)
        {
          running += node->weights[v];
          if (running > target)
            {
              variant = v;
              break;
            }
        }
    }
  record.user = index;
  record.entry = user->n_entries - 1;
  record.variant = variant;
  record.take = time;
  record.first_send = user->n_sends;
  record.cause = sim->cause;
  record.cause_seq = sim->cause_seq;
  g_array_append_val (entries, record);
  node->variant_entered[variant]++;
  sim_timeline_add (sim, user, time, n, "branch", node->ports[variant]);
  return variant;
}

double
cairn_sim_split_metric (Sim       *sim,
                        guint      n,
                        int        variant,
                        CairnTime  now,
                        guint     *qualifying)
{
  SimNode *node = &sim->nodes[n];
  GArray *entries = sim->splits->pdata[n];
  const gboolean *reach;
  guint good = 0, total = 0;

  if (!node->autowinner)   /* N8: a plain split has no metric */
    {
      if (qualifying)
        *qualifying = 0;
      return 0.0;
    }
  reach = node->reach + (gsize) variant * sim->n_nodes;

  for (guint i = 0; entries && i < entries->len; i++)
    {
      SimSplitEntry *e = &g_array_index (entries, SimSplitEntry, i);
      SimUser *user;
      CairnTime limit = e->take + node->evaluate_after;
      gboolean success = FALSE;

      if (e->variant != variant || limit > now)
        continue;
      total++;
      user = g_ptr_array_index (sim->users, e->user);
      if (node->metric == METRIC_GOAL)
        {
          SimEntry *entry = sim_user_entry (user, e->entry);
          for (guint g = 0; g < sim->n_goals && !success; g++)
            success = entry->goal_times[g] > e->take && entry->goal_times[g] <= limit;
        }
      else
        /* N8: sends after the take in the same entry, at nodes reachable
           from the variant's port, opened (clicked) in [take, limit] */
        for (guint s = e->first_send; s < user->n_sends && !success; s++)
          {
            SimSend *send = user->sends[s];
            CairnTime t = node->metric == METRIC_OPEN ? send->opened : send->clicked;
            success = send->entry == e->entry && reach[send->node]
                      && t >= e->take && t <= limit;
          }
      good += success;
    }
  if (qualifying)
    *qualifying = total;
  return total ? (double) good / total : 0.0;
}

static void
split_summary (GString             *out,
               const CairnNodeKind *kind,
               JsonObject          *config)
{
  JsonArray *variants = cairn_json_get_array (config, "variants");
  JsonObject *autowinner = cairn_json_get_object (config, "autowinner");
  double total = 0;
  guint n = variants ? json_array_get_length (variants) : 0;

  for (guint i = 0; i < n; i++)
    {
      double weight = 0;
      if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (variants, i))
          && cairn_json_get_number (json_array_get_object_element (variants, i), "weight", &weight) && weight > 0)
        total += weight;
    }
  g_string_append (out, _("Split "));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *variant;
      double weight = 0;

      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (variants, i)))
        continue;
      variant = json_array_get_object_element (variants, i);
      cairn_json_get_number (variant, "weight", &weight);
      g_string_append_printf (out, "%s%s %.0f%%", i ? " / " : "",
                              cairn_summary_or_unknown (cairn_json_get_string (variant, "id")),
                              total > 0 ? 100.0 * MAX (weight, 0) / total : 0.0);
    }
  if (autowinner)
    g_string_append_printf (out, _(", best %s wins"),
                            cairn_summary_or_unknown (cairn_json_get_string (autowinner, "metric")));
}

const CairnNodeKindOps cairn_kind_split_ab_ops = {
  .compile = split_compile,
  .arrive = split_arrive,
  .summary = split_summary,
  .has_metric = TRUE,
};
