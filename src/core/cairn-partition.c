/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-partition.h"
#include "cairn-registry.h"
#include "cairn-rng.h"
#include "cairn-partition-private.h"
#include "cairn-sim-private.h"

/* Runs over several machines (docs/PARTITIONS.md). A partition runs the
 * engine on its own users and writes what the report of the whole run is
 * made of: counts that add up, goal values with what sums them exactly as
 * the whole run does, split entries, and the people and expectations as
 * report text with the keys that put them in known order (T7). The merge
 * adds them up and writes the report as cairn_sim_write_report () does. */

struct _CairnPartition
{
  guint       k, n;
  GByteArray *owner;        /* per user index: 0 not looked at, 1 ours, 2 another's */
  guint       n_at_start;   /* users known from the start (T7) */
  GHashTable *first_seq;    /* user index → sequence of its first input event + 1 */
  JsonNode   *decisions;    /* "cairn-partition-decisions", or NULL */
};


CairnPartition *
cairn_partition_new (guint k,
                     guint n)
{
  CairnPartition *partition;

  g_return_val_if_fail (n > 0 && k < n, NULL);
  partition = g_new0 (CairnPartition, 1);
  partition->k = k;
  partition->n = n;
  partition->owner = g_byte_array_new ();
  partition->first_seq = g_hash_table_new (NULL, NULL);
  return partition;
}

void
cairn_partition_free (CairnPartition *partition)
{
  if (partition == NULL)
    return;
  g_byte_array_unref (partition->owner);
  g_hash_table_unref (partition->first_seq);
  g_clear_pointer (&partition->decisions, json_node_unref);
  g_free (partition);
}

gboolean
cairn_partition_owns_id (const char *id,
                         guint       k,
                         guint       n)
{
  return cairn_rng_fnv1a64 (id, strlen (id)) % n == k;
}

static gboolean
owns (CairnPartition *partition,
      CairnInput     *input,
      guint           user)
{
  if (user >= partition->owner->len)
    {
      guint old = partition->owner->len;
      g_byte_array_set_size (partition->owner, MAX (user + 1, old * 2));
      memset (partition->owner->data + old, 0, partition->owner->len - old);
    }
  if (partition->owner->data[user] == 0)
    {
      CairnUser *profile = cairn_input_get_user (input, user);
      partition->owner->data[user] = profile && cairn_partition_owns_id (profile->id, partition->k, partition->n) ? 1 : 2;
    }
  return partition->owner->data[user] == 1;
}

void
cairn_partition_start (CairnPartition *partition,
                       Run            *run)
{
  CairnInput *input = run->sim.input;

  partition->n_at_start = input->users->len;
  for (guint i = 0; i < input->users->len; i++)
    if (owns (partition, input, i))
      sim_run_make_known (run, i);
}

gboolean
cairn_partition_take_event (CairnPartition *partition,
                            CairnInput     *input,
                            guint           user,
                            guint64         seq)
{
  if (!owns (partition, input, user))
    return FALSE;
  /* A user not known from the start becomes known at its first event. */
  if (user >= partition->n_at_start && !g_hash_table_contains (partition->first_seq, GUINT_TO_POINTER (user)))
    g_hash_table_insert (partition->first_seq, GUINT_TO_POINTER (user), GSIZE_TO_POINTER ((gsize) seq + 1));
  return TRUE;
}

gboolean
cairn_partition_set_decisions (CairnPartition *partition,
                               const char     *text,
                               GError        **error)
{
  g_autoptr(JsonNode) root = cairn_json_parse (text, strlen (text), NULL, NULL, error);

  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (cairn_json_get_string (json_node_get_object (root), "format"), "cairn-partition-decisions") != 0
      || cairn_json_get_array (json_node_get_object (root), "decisions") == NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, _("not a cairn-partition-decisions document"));
      return FALSE;
    }
  g_clear_pointer (&partition->decisions, json_node_unref);
  partition->decisions = g_steal_pointer (&root);
  return TRUE;
}

/* Every autowinner waits for the coordinator: decided as the decisions say,
 * or not at all in this pass. */
gboolean
cairn_partition_impose (CairnPartition *partition,
                        Run            *run,
                        GError        **error)
{
  JsonArray *list = partition->decisions
                    ? cairn_json_get_array (json_node_get_object (partition->decisions), "decisions") : NULL;

  for (guint j = 0; j < run->n_sims; j++)
    for (guint i = 0; i < run->sims[j]->n_nodes; i++)
      if (run->sims[j]->nodes[i].autowinner)
        {
          run->sims[j]->nodes[i].imposed = TRUE;
          run->sims[j]->nodes[i].imposed_winner = -1;
        }
  for (guint d = 0; list && d < json_array_get_length (list); d++)
    {
      JsonObject *decision = json_array_get_object_element (list, d);
      double journey = -1, at = 0;
      Sim *sim;
      int n, port;

      if (decision == NULL || !cairn_json_get_number (decision, "journey", &journey) || journey < 0
          || journey >= run->n_sims || !cairn_json_get_number (decision, "at", &at))
        goto bad;
      sim = run->sims[(guint) journey];
      n = sim_node_index (sim, cairn_json_get_string (decision, "node"));
      if (n < 0 || !sim->nodes[n].autowinner)
        goto bad;
      port = sim_port_index (&sim->nodes[n], cairn_json_get_string (decision, "winner"));
      if (port < 0)
        goto bad;
      sim->nodes[n].imposed_winner = port;
      sim->nodes[n].imposed_at = json_object_get_int_member (decision, "at");
    }
  return TRUE;

bad:
  g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, _("the decisions do not match the journey"));
  return FALSE;
}

void
cairn_partition_set_cause (Run    *run,
                           int     cause,
                           gint64  seq)
{
  for (guint j = 0; j < run->n_sims; j++)
    {
      run->sims[j]->cause = cause;
      run->sims[j]->cause_seq = seq;
    }
}

/* The partial report */

void
partition_append_id (GString    *out,
                     const char *id)
{
  if (id != NULL)
    cairn_json_append_string (out, id);
  else
    g_string_append (out, "null");
}

static void
append_hex (GString *out,
            double   x)
{
  char buf[64];

  g_snprintf (buf, sizeof buf, "\"%a\"", x);
  g_string_append (out, buf);
}

/* What made an entry a success first: its time, and what the event was:
 * an input event (@input, @key its sequence) or a generated one (@key the
 * time it was created at, G_MAXINT64 when not known). Of two at one time,
 * the one that ran first (T5). */
typedef struct
{
  CairnTime time;
  gboolean  input;
  gint64    key;
} Success;

static void
success_take (Success   *best,
              CairnTime  time,
              gboolean   input,
              gint64     key)
{
  if (time < best->time
      || (time == best->time && (input > best->input || (input == best->input && key < best->key))))
    {
      best->time = time;
      best->input = input;
      best->key = key;
    }
}

/* When entry @e of split @n first counted as a success by N8 (the state at
 * the end of the run: a time is set once), or NO_SUCCESS. As
 * cairn_sim_split_metric () decides it. */
static Success
entry_success (Sim           *sim,
               guint          n,
               SimSplitEntry *e)
{
  SimNode *node = &sim->nodes[n];
  const gboolean *reach;
  SimUser *user = g_ptr_array_index (sim->users, e->user);
  CairnTime limit = e->take + node->evaluate_after;
  Success best = { NO_SUCCESS, FALSE, G_MAXINT64 };

  if (!node->autowinner)   /* N8: a plain split has no metric */
    return best;
  reach = node->reach + (gsize) e->variant * sim->n_nodes;
  if (node->metric == METRIC_GOAL)
    {
      SimEntry *entry = sim_user_entry (user, e->entry);
      for (guint g = 0; g < sim->n_goals; g++)
        if (entry->goal_times[g] > e->take && entry->goal_times[g] <= limit)
          {
            gsize cause = GPOINTER_TO_SIZE (g_hash_table_lookup (sim->goal_causes, (char *) entry + g));
            success_take (&best, entry->goal_times[g], cause >= 2, cause >= 2 ? (gint64) cause - 2 : G_MAXINT64);
          }
    }
  else
    /* N8: sends after the take in the same entry, at nodes reachable from
       the variant's port; engagement events are made when the message is
       sent (R2). */
    for (guint s = e->first_send; s < user->n_sends; s++)
      {
        SimSend *send = user->sends[s];
        CairnTime t = node->metric == METRIC_OPEN ? send->opened : send->clicked;
        if (send->entry == e->entry && reach[send->node] && t >= e->take && t <= limit)
          success_take (&best, t, FALSE, send->time);
      }
  return best;
}

static void
write_counts (GString       *out,
              const guint64 *values,
              guint          n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, i ? "," : "", values[i]);
  g_string_append_c (out, ']');
}

static void
write_node (GString *out,
            Sim     *sim,
            guint    i,
            guint64  waiting)
{
  SimNode *node = &sim->nodes[i];
  gboolean split = node->ops && node->ops->has_metric;

  g_string_append (out, "{\"id\":");
  cairn_json_append_string (out, node->id ? node->id : "");
  g_string_append_printf (out, ",\"split\":%s,\"entered\":%" G_GUINT64_FORMAT ",\"waiting\":%" G_GUINT64_FORMAT
                          ",\"ports\":[", split ? "true" : "false", node->entered, waiting);
  for (guint p = 0; p < node->n_ports; p++)
    {
      if (p)
        g_string_append_c (out, ',');
      cairn_json_append_string (out, node->ports[p]);
    }
  g_string_append (out, "],\"to\":[");
  for (guint p = 0; p < node->n_ports; p++)
    {
      if (p)
        g_string_append_c (out, ',');
      partition_append_id (out, node->targets[p] >= 0 ? sim->nodes[node->targets[p]].id : NULL);
    }
  g_string_append (out, "],\"counts\":");
  write_counts (out, node->port_counts, node->n_ports);
  if (split)
    {
      GArray *entries = sim->splits->pdata[i];
      g_autofree guint64 *good = g_new0 (guint64, node->n_ports);
      g_autofree guint64 *total = g_new0 (guint64, node->n_ports);
      gboolean arrivals = node->autowinner;

      if (arrivals)
        g_string_append (out, ",\"arrivals\":[");
      for (guint e = 0; entries && e < entries->len; e++)
        {
          SimSplitEntry *entry = &g_array_index (entries, SimSplitEntry, e);
          Success success = entry_success (sim, i, entry);

          /* The metric at the end (N8). */
          if (entry->take + node->evaluate_after <= sim->end)
            {
              total[entry->variant]++;
              good[entry->variant] += success.time != NO_SUCCESS;
            }
          /* What the coordinator needs to find the deciding arrival, and
             to order it at its instant with successes of other partitions:
             [take, variant, cause, cause sequence, success, input, key]. */
          if (arrivals)
            {
              g_string_append_printf (out, "%s[%" G_GINT64_FORMAT ",%d,%d,%" G_GINT64_FORMAT ",", e ? "," : "",
                                      entry->take, entry->variant, entry->cause,
                                      entry->cause == CAUSE_INPUT ? entry->cause_seq : -1);
              if (success.time == NO_SUCCESS)
                g_string_append (out, "null,false,0]");
              else
                g_string_append_printf (out, "%" G_GINT64_FORMAT ",%s,%" G_GINT64_FORMAT "]", success.time,
                                        success.input ? "true" : "false", success.key);
            }
        }
      if (arrivals)
        g_string_append_c (out, ']');
      g_string_append (out, ",\"variants\":");
      write_counts (out, node->variant_entered, node->n_ports);
      g_string_append (out, ",\"good\":");
      write_counts (out, good, node->n_ports);
      g_string_append (out, ",\"total\":");
      write_counts (out, total, node->n_ports);
      if (node->autowinner)
        g_string_append_printf (out, ",\"autowinner\":{\"min\":%u,\"eval\":%" G_GINT64_FORMAT ",\"winner\":%d,\"at\":%"
                                G_GINT64_FORMAT "}", node->min_entries, node->evaluate_after, node->imposed_winner,
                                node->imposed_winner >= 0 ? node->imposed_at : 0);
    }
  g_string_append_c (out, '}');
}

static void
write_sim (GString        *out,
           CairnPartition *partition,
           Sim            *sim)
{
  g_autofree guint64 *waiting = g_new0 (guint64, MAX (sim->n_nodes, 1));
  guint64 active = 0;
  guint n = 0;

  for (guint u = 0; u < sim->users->len; u++)
    {
      SimUser *user = g_ptr_array_index (sim->users, u);
      if (user != NULL && user->active)
        {
          active++;
          if (user->node >= 0)
            waiting[user->node]++;
        }
    }
  g_string_append (out, "{\"id\":");
  partition_append_id (out, cairn_journey_get_id (sim->journey));
  g_string_append_printf (out, ",\"users\":%u,\"events\":%" G_GUINT64_FORMAT ",\"entered\":%" G_GUINT64_FORMAT
                          ",\"active\":%" G_GUINT64_FORMAT ",\"left\":",
                          sim->known->len, sim->events, sim->entered, active);
  write_counts (out, sim->left, N_REASONS);

  g_string_append (out, ",\"goals\":[");
  for (guint g = 0; g < sim->n_goals; g++)
    {
      SimGoal *goal = &sim->goals[g];

      g_string_append (out, g ? ",{\"id\":" : "{\"id\":");
      cairn_json_append_string (out, goal->id ? goal->id : "");
      g_string_append_printf (out, ",\"reached\":%" G_GUINT64_FORMAT ",\"exact\":[", goal->reached);
      for (guint i = 0; i < goal->value.n; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          append_hex (out, goal->value.partials[i]);
        }
      g_string_append (out, "]}");
    }

  g_string_append (out, "],\"channels\":[");
  for (guint c = 0; c < G_N_ELEMENTS (sim->channels); c++)
    {
      SimChannel *ch = &sim->channels[c];
      g_string_append_printf (out, "%s[%d,%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%"
                              G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%"
                              G_GUINT64_FORMAT "]", c ? "," : "", ch->used ? 1 : 0, ch->sent, ch->unreachable,
                              ch->capped, ch->quiet_hours, ch->portfolio_capped, ch->delivered, ch->opened, ch->clicked);
    }

  g_string_append (out, "],\"nodes\":[");
  for (guint i = 0; i < sim->n_nodes; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      write_node (out, sim, i, waiting[i]);
    }

  /* People in known order: users known from the start by index, the
     others by their first input event (T7). */
  g_string_append (out, "],\"people\":[");
  for (guint k = 0; k < sim->known->len; k++)
    {
      guint index = g_array_index (sim->known, guint, k);
      SimUser *user = g_ptr_array_index (sim->users, index);
      g_autoptr(GString) person = NULL;

      if (!user->record)
        continue;
      person = g_string_new (NULL);
      sim_report_write_person (person, sim, user);
      if (index < partition->n_at_start)
        g_string_append_printf (out, "%s[0,%u,", n++ ? "," : "", index);
      else
        g_string_append_printf (out, "%s[1,%" G_GSIZE_FORMAT ",", n++ ? "," : "",
                                GPOINTER_TO_SIZE (g_hash_table_lookup (partition->first_seq, GUINT_TO_POINTER (index))) - 1);
      cairn_json_append_string (out, person->str);
      g_string_append_c (out, ']');
    }

  g_string_append (out, "],\"expectations\":[");
  n = 0;
  for (guint u = 0; u < sim->input->n_scripted && u < sim->users->len; u++)
    {
      SimUser *user = g_ptr_array_index (sim->users, u);
      g_autoptr(GString) failure = NULL;
      int passed;

      if (user == NULL)
        continue;
      failure = g_string_new (NULL);
      passed = sim_report_expectation (sim, user, failure);
      if (passed < 0)
        continue;
      g_string_append_printf (out, "%s[%u,%s,", n++ ? "," : "", u, passed ? "true" : "false");
      cairn_json_append_string (out, failure->str);
      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}");
}

static int
time_compare (gconstpointer a,
              gconstpointer b)
{
  CairnTime x = *(const CairnTime *) a, y = *(const CairnTime *) b;
  return x < y ? -1 : x > y;
}

int
partition_busy_compare (gconstpointer a,
                        gconstpointer b)
{
  const Busy *x = a, *y = b;

  if (x->messages != y->messages)
    return x->messages > y->messages ? -1 : 1;
  return strcmp (x->id, y->id);
}

static gint64
day_of (CairnTime t)
{
  return t / CAIRN_USEC_PER_DAY - (t < 0 && t % CAIRN_USEC_PER_DAY);
}

/* A portfolio's collisions (PF12), user by user: what adds up, and the
 * partition's busiest users. */
static void
write_collisions (GString *out,
                  Run     *run)
{
  Sim *first = run->sims[0];
  guint n_sims = run->n_sims, n_pairs = n_sims * (n_sims - 1) / 2;
  g_autofree guint64 *overlap = g_new0 (guint64, MAX (n_pairs, 1));
  g_autoptr(GArray) histogram = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (Busy));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (CairnTime));
  guint64 messages = 0;

  for (guint k = 0; k < first->known->len; k++)
    {
      guint index = g_array_index (first->known, guint, k);
      guint64 peak = 0;

      g_array_set_size (times, 0);
      for (guint j = 0; j < n_sims; j++)
        {
          SimUser *user = g_ptr_array_index (run->sims[j]->users, index);
          for (guint s = 0; s < user->n_sends; s++)
            g_array_append_val (times, user->sends[s]->time);
        }
      messages += times->len;
      g_array_sort (times, time_compare);
      for (guint s = 0, streak = 0; s < times->len; s++)
        {
          CairnTime t = g_array_index (times, CairnTime, s);
          CairnTime p = s ? g_array_index (times, CairnTime, s - 1) : 0;
          streak = s > 0 && day_of (p) == day_of (t) ? streak + 1 : 1;
          peak = MAX (peak, streak);
        }
      if (histogram->len <= peak)
        g_array_set_size (histogram, peak + 1);
      g_array_index (histogram, guint64, peak)++;
      if (times->len > 0)
        {
          Busy b = { ((SimUser *) g_ptr_array_index (first->users, index))->profile->id, times->len };
          g_array_append_val (busy, b);
        }
      for (guint a = 0, pair = 0; a < n_sims; a++)
        for (guint b = a + 1; b < n_sims; b++, pair++)
          overlap[pair] += sim_entries_overlap (g_ptr_array_index (run->sims[a]->users, index),
                                            g_ptr_array_index (run->sims[b]->users, index), first->end);
    }
  g_string_append_printf (out, ",\"collisions\":{\"messages\":%" G_GUINT64_FORMAT ",\"peak_day\":", messages);
  write_counts (out, (guint64 *) (void *) histogram->data, histogram->len);
  g_string_append (out, ",\"overlap\":");
  write_counts (out, overlap, n_pairs);
  g_string_append (out, ",\"busiest\":[");
  g_array_sort (busy, partition_busy_compare);
  for (guint i = 0; i < MIN (busy->len, 20); i++)
    {
      Busy *b = &g_array_index (busy, Busy, i);
      g_string_append (out, i ? ",[" : "[");
      cairn_json_append_string (out, b->id);
      g_string_append_printf (out, ",%" G_GUINT64_FORMAT "]", b->messages);
    }
  g_string_append (out, "]}");
}

static void
write_decisions (GString *out,
                 Run     *run)
{
  guint n = 0;

  g_string_append_c (out, '[');
  for (guint j = 0; j < run->n_sims; j++)
    for (guint i = 0; i < run->sims[j]->n_nodes; i++)
      {
        SimNode *node = &run->sims[j]->nodes[i];
        if (!node->autowinner || node->imposed_winner < 0)
          continue;
        g_string_append_printf (out, "%s{\"journey\":%u,\"node\":", n++ ? "," : "", j);
        cairn_json_append_string (out, node->id);
        g_string_append (out, ",\"winner\":");
        cairn_json_append_string (out, node->ports[node->imposed_winner]);
        g_string_append_printf (out, ",\"at\":%" G_GINT64_FORMAT "}", node->imposed_at);
      }
  g_string_append_c (out, ']');
}

/* Closes a partial report with the SHA-256 of everything before its
 * "digest" member: merge reads only partials cairn-cli wrote, unchanged
 * (cairn_partition_check_digest ()). */
static void
partition_append_digest (GString *out)
{
  g_autofree char *digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) out->str, out->len);

  g_string_append_printf (out, ",\"digest\":\"%s\"}\n", digest);
}

char *
cairn_partition_write (CairnPartition *partition,
                       Run            *run,
                       const char     *portfolio_id,
                       gboolean        is_portfolio)
{
  Sim *first = run->sims[0];
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"format\":\"cairn-partial-report\",\"version\":1,\"partition\":%u,\"partitions\":%u,"
                          "\"portfolio\":%s,\"portfolio_id\":", partition->k, partition->n,
                          is_portfolio ? "true" : "false");
  partition_append_id (out, portfolio_id);
  g_string_append (out, ",\"scenario\":");
  partition_append_id (out, first->input->name);
  g_string_append_printf (out, ",\"seed\":%" G_GUINT64_FORMAT ",\"start\":%" G_GINT64_FORMAT ",\"end\":%" G_GINT64_FORMAT
                          ",\"decisions\":", first->seed, first->start, first->end);
  write_decisions (out, run);
  g_string_append (out, ",\"journeys\":[");
  for (guint j = 0; j < run->n_sims; j++)
    {
      if (j)
        g_string_append_c (out, ',');
      write_sim (out, partition, run->sims[j]);
    }
  g_string_append_c (out, ']');
  if (is_portfolio)
    write_collisions (out, run);
  partition_append_digest (out);
  return g_string_free (out, FALSE);
}

char *
cairn_partition_run (CairnPartition        *partition,
                     CairnJourney          *journey,
                     CairnPortfolio        *portfolio,
                     CairnInput            *input,
                     const CairnSimOptions *options,
                     GError               **error)
{
  g_return_val_if_fail (partition != NULL, NULL);
  g_return_val_if_fail ((journey != NULL) != (portfolio != NULL), NULL);
  return sim_run_partition (journey, portfolio, input, options, partition, error);
}
