/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-partition.h"
#include "cairn-partition-private.h"
#include "cairn-registry.h"
#include "cairn-sim-private.h"

/* The merge of partial reports (docs/PARTITIONS.md): sums, goal values
 * summed as the whole run sums them, people in known order, and the
 * autowinner coordinator; the report written key by key as
 * cairn_sim_write_report () writes it. */

typedef struct
{
  JsonObject **parts;     /* by partition */
  guint        n;
  gboolean     portfolio;
} Merge;

static JsonObject *
journey_of (Merge *m,
            guint  p,
            guint  j)
{
  return json_array_get_object_element (json_object_get_array_member (m->parts[p], "journeys"), j);
}

static JsonObject *
node_of (Merge *m,
         guint  p,
         guint  j,
         guint  i)
{
  return json_array_get_object_element (json_object_get_array_member (journey_of (m, p, j), "nodes"), i);
}

static guint64
sum_int (Merge      *m,
         guint       j,
         const char *member)
{
  guint64 total = 0;

  for (guint p = 0; p < m->n; p++)
    total += json_object_get_int_member (journey_of (m, p, j), member);
  return total;
}

/* Element @i of integer array @member of @object, summed over partitions by
 * @get. */
static guint64
sum_element (Merge  *m,
             JsonObject *(*get) (Merge *, guint, guint, guint),
             guint   j,
             guint   i,
             const char *member,
             guint   e)
{
  guint64 total = 0;

  for (guint p = 0; p < m->n; p++)
    total += json_array_get_int_element (json_object_get_array_member (get (m, p, j, i), member), e);
  return total;
}

static JsonObject *
journey_at (Merge *m,
            guint  p,
            guint  j,
            guint  i)
{
  (void) i;
  return journey_of (m, p, j);
}

static JsonObject *
goal_of (Merge *m,
         guint  p,
         guint  j,
         guint  g)
{
  return json_array_get_object_element (json_object_get_array_member (journey_of (m, p, j), "goals"), g);
}

static double
ratio (guint64 a,
       guint64 b)
{
  return b ? (double) a / (double) b : 0.0;
}

static void
key (GString    *out,
     const char *name)
{
  cairn_json_append_string (out, name);
  g_string_append_c (out, ':');
}

static void
time_value (GString   *out,
            CairnTime  time)
{
  g_string_append_c (out, '"');
  cairn_time_append (out, time);
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               JsonObject *object,
               const char *member)
{
  const char *s = cairn_json_get_string (object, member);
  partition_append_id (out, s);
}

static double
hex_value (JsonNode *node)
{
  return g_ascii_strtod (json_node_get_string (node), NULL);
}

/* A goal's value: the exact sum of every partition's partials, as the
 * whole run sums it whatever the order of users (SimSum). */
static double
goal_value (Merge *m,
            guint  j,
            guint  g)
{
  SimSum sum = { 0 };
  double value;

  for (guint p = 0; p < m->n; p++)
    {
      JsonArray *exact = json_object_get_array_member (goal_of (m, p, j, g), "exact");

      for (guint i = 0; i < json_array_get_length (exact); i++)
        sim_sum_add (&sum, hex_value (json_array_get_element (exact, i)));
    }
  value = sim_sum_value (&sum);
  g_free (sum.partials);
  return value;
}

typedef struct
{
  gint64      a, b;
  const char *text;
  gboolean    flag;
} Keyed;

static int
keyed_compare (gconstpointer x,
               gconstpointer y)
{
  const Keyed *a = x, *b = y;

  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : a->b > b->b;
}

/* The merged report's goals (sums, exact values). */
static void
write_goals (GString *out,
             Merge   *m,
             guint    j)
{
  guint n_goals = json_array_get_length (json_object_get_array_member (journey_of (m, 0, j), "goals"));
  guint64 entered = sum_int (m, j, "entered");

  g_string_append (out, ",\"goals\":{");
  for (guint g = 0; g < n_goals; g++)
    {
      guint64 reached = 0;
      double value = goal_value (m, j, g);

      for (guint p = 0; p < m->n; p++)
        reached += json_object_get_int_member (goal_of (m, p, j, g), "reached");
      if (g)
        g_string_append_c (out, ',');
      key (out, cairn_json_get_string (goal_of (m, 0, j, g), "id"));
      g_string_append_printf (out, "{\"reached\":%" G_GUINT64_FORMAT ",\"rate\":", reached);
      cairn_json_append_double (out, ratio (reached, entered), TRUE);
      g_string_append (out, ",\"value\":");
      cairn_json_append_double (out, value, TRUE);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "}");

}

/* Its channels: the sums of every partition's counts. */
static void
write_channels (GString *out,
                Merge   *m,
                guint    j)
{
  const char *const *channels = cairn_channels ();

  g_string_append (out, ",\"channels\":{");
  for (int c = 0, n = 0; c < CAIRN_N_CHANNELS; c++)
    {
      guint64 v[9] = { 0 };

      for (guint p = 0; p < m->n; p++)
        {
          JsonArray *ch = json_array_get_array_element (json_object_get_array_member (journey_of (m, p, j), "channels"), c);
          for (guint f = 0; f < 9; f++)
            v[f] = f == 0 ? v[0] | (guint64) json_array_get_int_element (ch, 0) : v[f] + json_array_get_int_element (ch, f);
        }
      if (!v[0])
        continue;
      if (n++)
        g_string_append_c (out, ',');
      key (out, channels[c]);
      g_string_append_printf (out, "{\"sent\":%" G_GUINT64_FORMAT ",\"unreachable\":%" G_GUINT64_FORMAT
                              ",\"capped\":%" G_GUINT64_FORMAT ",\"quiet_hours\":%" G_GUINT64_FORMAT,
                              v[1], v[2], v[3], v[4]);
      if (m->portfolio)
        g_string_append_printf (out, ",\"portfolio_capped\":%" G_GUINT64_FORMAT, v[5]);
      g_string_append_printf (out, ",\"delivered\":%" G_GUINT64_FORMAT ",\"opened\":%" G_GUINT64_FORMAT
                              ",\"clicked\":%" G_GUINT64_FORMAT ",\"ctr\":", v[6], v[7], v[8]);
      cairn_json_append_double (out, ratio (v[8], v[6]), TRUE);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "}");

}

/* Its nodes. */
static void
write_nodes (GString *out,
             Merge   *m,
             guint    j)
{
  guint n_nodes = json_array_get_length (json_object_get_array_member (journey_of (m, 0, j), "nodes"));

  g_string_append (out, ",\"nodes\":{");
  for (guint i = 0; i < n_nodes; i++)
    {
      guint64 node_entered = 0, waiting = 0;

      for (guint p = 0; p < m->n; p++)
        {
          node_entered += json_object_get_int_member (node_of (m, p, j, i), "entered");
          waiting += json_object_get_int_member (node_of (m, p, j, i), "waiting");
        }
      if (i)
        g_string_append_c (out, ',');
      key (out, cairn_json_get_string (node_of (m, 0, j, i), "id"));
      g_string_append_printf (out, "{\"entered\":%" G_GUINT64_FORMAT ",\"waiting_at_end\":%" G_GUINT64_FORMAT "}",
                              node_entered, waiting);
    }
  g_string_append (out, "}");

}

/* Its edges and coverage. */
static void
write_edges (GString *out,
             Merge   *m,
             guint    j)
{
  guint n_nodes = json_array_get_length (json_object_get_array_member (journey_of (m, 0, j), "nodes"));
  guint64 ports_total = 0, ports_taken = 0;

  g_string_append (out, ",\"edges\":[");
  for (guint i = 0, n = 0; i < n_nodes; i++)
    {
      JsonObject *node = node_of (m, 0, j, i);
      JsonArray *ports = json_object_get_array_member (node, "ports");
      JsonArray *to = json_object_get_array_member (node, "to");

      for (guint p = 0; p < json_array_get_length (ports); p++)
        {
          guint64 count = sum_element (m, node_of, j, i, "counts", p);
          JsonNode *target = json_array_get_element (to, p);

          if (n++)
            g_string_append_c (out, ',');
          g_string_append (out, "{\"from\":");
          cairn_json_append_string (out, cairn_json_get_string (node, "id"));
          g_string_append (out, ",\"port\":");
          cairn_json_append_string (out, json_array_get_string_element (ports, p));
          g_string_append (out, ",\"to\":");
          if (JSON_NODE_HOLDS_NULL (target))
            g_string_append (out, "null");
          else
            cairn_json_append_string (out, json_node_get_string (target));
          g_string_append_printf (out, ",\"count\":%" G_GUINT64_FORMAT "}", count);
          ports_total++;
          ports_taken += count > 0;
        }
    }
  g_string_append (out, "]");

  g_string_append_printf (out, ",\"coverage\":{\"ports_total\":%" G_GUINT64_FORMAT ",\"ports_taken\":%" G_GUINT64_FORMAT
                          ",\"untaken\":[", ports_total, ports_taken);
  for (guint i = 0, n = 0; i < n_nodes; i++)
    {
      JsonObject *node = node_of (m, 0, j, i);
      JsonArray *ports = json_object_get_array_member (node, "ports");

      for (guint p = 0; p < json_array_get_length (ports); p++)
        if (sum_element (m, node_of, j, i, "counts", p) == 0)
          {
            if (n++)
              g_string_append_c (out, ',');
            g_string_append (out, "{\"node\":");
            cairn_json_append_string (out, cairn_json_get_string (node, "id"));
            g_string_append (out, ",\"port\":");
            cairn_json_append_string (out, json_array_get_string_element (ports, p));
            g_string_append_c (out, '}');
          }
    }
  g_string_append (out, "]}");

}

/* Its splits, when it has any. */
static void
write_splits (GString *out,
              Merge   *m,
              guint    j)
{
  guint n_nodes = json_array_get_length (json_object_get_array_member (journey_of (m, 0, j), "nodes"));
  gboolean any_split = FALSE;

  for (guint i = 0; i < n_nodes; i++)
    any_split |= json_object_get_boolean_member (node_of (m, 0, j, i), "split");
  if (any_split)
    {
      g_string_append (out, ",\"splits\":{");
      for (guint i = 0, n = 0; i < n_nodes; i++)
        {
          JsonObject *node = node_of (m, 0, j, i);
          JsonArray *ports = json_object_get_array_member (node, "ports");
          JsonObject *autowinner = cairn_json_get_object (node, "autowinner");
          gint64 winner = autowinner ? json_object_get_int_member (autowinner, "winner") : -1;

          if (!json_object_get_boolean_member (node, "split"))
            continue;
          if (n++)
            g_string_append_c (out, ',');
          key (out, cairn_json_get_string (node, "id"));
          g_string_append (out, "{\"winner\":");
          if (winner >= 0)
            cairn_json_append_string (out, json_array_get_string_element (ports, winner));
          else
            g_string_append (out, "null");
          g_string_append (out, ",\"decided_at\":");
          if (winner >= 0)
            time_value (out, json_object_get_int_member (autowinner, "at"));
          else
            g_string_append (out, "null");
          g_string_append (out, ",\"variants\":{");
          for (guint v = 0; v < json_array_get_length (ports); v++)
            {
              if (v)
                g_string_append_c (out, ',');
              key (out, json_array_get_string_element (ports, v));
              g_string_append_printf (out, "{\"entered\":%" G_GUINT64_FORMAT ",\"metric\":",
                                      sum_element (m, node_of, j, i, "variants", v));
              cairn_json_append_double (out, ratio (sum_element (m, node_of, j, i, "good", v),
                                                    sum_element (m, node_of, j, i, "total", v)), TRUE);
              g_string_append_c (out, '}');
            }
          g_string_append (out, "}}");
        }
      g_string_append (out, "}");
    }

}

/* Its people in known order (T7) and expectations in scripted order. */
static void
write_people (GString *out,
              Merge   *m,
              guint    j)
{
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (Keyed));
  g_autoptr(GArray) expectations = g_array_new (FALSE, FALSE, sizeof (Keyed));

  /* People in known order (T7), expectations in scripted order. */
  for (guint p = 0; p < m->n; p++)
    {
      JsonArray *list = json_object_get_array_member (journey_of (m, p, j), "people");
      JsonArray *exp = json_object_get_array_member (journey_of (m, p, j), "expectations");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonArray *e = json_array_get_array_element (list, i);
          Keyed k = { json_array_get_int_element (e, 0), json_array_get_int_element (e, 1),
                      json_array_get_string_element (e, 2), FALSE };
          g_array_append_val (people, k);
        }
      for (guint i = 0; i < json_array_get_length (exp); i++)
        {
          JsonArray *e = json_array_get_array_element (exp, i);
          Keyed k = { 0, json_array_get_int_element (e, 0), json_array_get_string_element (e, 2),
                      json_array_get_boolean_element (e, 1) };
          g_array_append_val (expectations, k);
        }
    }
  g_array_sort (people, keyed_compare);
  g_string_append (out, ",\"people\":[");
  for (guint i = 0; i < people->len; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      g_string_append (out, g_array_index (people, Keyed, i).text);
    }
  g_string_append (out, "]");
  if (expectations->len > 0)
    {
      guint passed = 0, failed = 0;
      g_autoptr(GString) failures = g_string_new (NULL);

      g_array_sort (expectations, keyed_compare);
      for (guint i = 0; i < expectations->len; i++)
        {
          Keyed *k = &g_array_index (expectations, Keyed, i);
          if (k->flag)
            passed++;
          else
            {
              failed++;
              if (failures->len && k->text[0])
                g_string_append_c (failures, ',');
              g_string_append (failures, k->text);
            }
        }
      g_string_append_printf (out, ",\"expectations\":{\"passed\":%u,\"failed\":%u,\"failures\":[%s]}",
                              passed, failed, failures->str);
    }
}

static gboolean
write_body (GString *out,
            Merge   *m,
            guint    j,
            GError **error)
{
  JsonObject *first = journey_of (m, 0, j), *head = m->parts[0];
  guint64 entered = sum_int (m, j, "entered");
  static const char *const reason_names[N_REASONS] = { "completed", "exit_node", "exit_criteria", "goal", "error" };

  g_string_append (out, "{\"format\":\"cairn-report\",\"version\":1,\"journey\":");
  append_member (out, first, "id");
  g_string_append (out, ",\"scenario\":");
  append_member (out, head, "scenario");
  g_string_append_printf (out, ",\"seed\":%" G_GINT64_FORMAT ",\"window\":{\"start\":",
                          json_object_get_int_member (head, "seed"));
  time_value (out, json_object_get_int_member (head, "start"));
  g_string_append (out, ",\"end\":");
  time_value (out, json_object_get_int_member (head, "end"));
  g_string_append_printf (out, "},\"users\":%" G_GUINT64_FORMAT ",\"events\":%" G_GUINT64_FORMAT,
                          sum_int (m, j, "users"), sum_int (m, j, "events"));
  g_string_append_printf (out, ",\"totals\":{\"entered\":%" G_GUINT64_FORMAT ",\"active_at_end\":%" G_GUINT64_FORMAT
                          ",\"left\":{", entered, sum_int (m, j, "active"));
  for (int r = 0; r < N_REASONS; r++)
    g_string_append_printf (out, "%s\"%s\":%" G_GUINT64_FORMAT, r ? "," : "", reason_names[r],
                            sum_element (m, journey_at, j, 0, "left", r));
  g_string_append (out, "}}");

  write_goals (out, m, j);
  write_channels (out, m, j);
  write_nodes (out, m, j);
  write_edges (out, m, j);
  write_splits (out, m, j);
  write_people (out, m, j);
  g_string_append (out, "}");
  return TRUE;
}

static void
write_merged_collisions (GString *out,
                         Merge   *m)
{
  JsonObject *first = journey_of (m, 0, 0);
  guint n_sims = json_array_get_length (json_object_get_array_member (m->parts[0], "journeys"));
  guint n_pairs = n_sims * (n_sims - 1) / 2;
  g_autoptr(GArray) histogram = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (Busy));
  g_autofree guint64 *overlap = g_new0 (guint64, MAX (n_pairs, 1));
  guint64 messages = 0;

  (void) first;
  for (guint p = 0; p < m->n; p++)
    {
      JsonObject *c = json_object_get_object_member (m->parts[p], "collisions");
      JsonArray *peaks = json_object_get_array_member (c, "peak_day");
      JsonArray *pairs = json_object_get_array_member (c, "overlap");
      JsonArray *list = json_object_get_array_member (c, "busiest");

      messages += json_object_get_int_member (c, "messages");
      if (histogram->len < json_array_get_length (peaks))
        g_array_set_size (histogram, json_array_get_length (peaks));
      for (guint i = 0; i < json_array_get_length (peaks); i++)
        g_array_index (histogram, guint64, i) += json_array_get_int_element (peaks, i);
      for (guint i = 0; i < n_pairs; i++)
        overlap[i] += json_array_get_int_element (pairs, i);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonArray *e = json_array_get_array_element (list, i);
          Busy b = { json_array_get_string_element (e, 0), json_array_get_int_element (e, 1) };
          g_array_append_val (busy, b);
        }
    }
  g_string_append_printf (out, ",\"collisions\":{\"messages\":%" G_GUINT64_FORMAT ",\"peak_day\":{", messages);
  if (histogram->len == 0)
    g_array_set_size (histogram, 1);
  for (guint i = 0; i < histogram->len; i++)
    g_string_append_printf (out, "%s\"%u\":%" G_GUINT64_FORMAT, i ? "," : "", i, g_array_index (histogram, guint64, i));
  g_string_append (out, "},\"overlap\":[");
  for (guint a = 0, pair = 0; a < n_sims; a++)
    for (guint b = a + 1; b < n_sims; b++, pair++)
      {
        if (pair)
          g_string_append_c (out, ',');
        g_string_append (out, "{\"a\":");
        cairn_json_append_string (out, cairn_json_get_string (journey_of (m, 0, a), "id") ?: "");
        g_string_append (out, ",\"b\":");
        cairn_json_append_string (out, cairn_json_get_string (journey_of (m, 0, b), "id") ?: "");
        g_string_append_printf (out, ",\"users\":%" G_GUINT64_FORMAT "}", overlap[pair]);
      }
  g_string_append (out, "],\"busiest\":[");
  g_array_sort (busy, partition_busy_compare);
  for (guint i = 0; i < MIN (busy->len, 20); i++)
    {
      Busy *b = &g_array_index (busy, Busy, i);
      if (i)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"user\":");
      cairn_json_append_string (out, b->id);
      g_string_append_printf (out, ",\"messages\":%" G_GUINT64_FORMAT "}", b->messages);
    }
  g_string_append (out, "]}}");
}

/* Autowinners: the arrival that decides (N8), from every partition's
 * arrivals of a pass in which it was not decided. */

typedef struct
{
  CairnTime take, success;
  int       variant;
  int       cause;          /* SimCause of the item that made it arrive */
  gint64    cause_seq;      /* its input sequence */
  gboolean  success_input;  /* whether the success was an input event */
  gint64    success_key;    /* its sequence, or when it was made */
} Arrival;

/* Whether the success of @e at instant @t ran before @first, the arrival
 * that decides at @t: 1 yes, 0 no, -1 not known to the partitions. Input
 * events run first, in sequence; then generated events, those made before
 * t among them before anything made at t; ticks and timers last (T5). */
static int
success_before (const Arrival *e,
                const Arrival *first)
{
  if (e->success_input)
    return first->cause != CAUSE_INPUT || e->success_key <= first->cause_seq;
  if (first->cause == CAUSE_INPUT)
    return 0;
  if (first->cause >= CAUSE_TICK && e->success_key < e->success)
    return 1;
  return -1;
}

static int
arrival_compare (gconstpointer a,
                 gconstpointer b)
{
  const Arrival *x = a, *y = b;
  return x->take < y->take ? -1 : x->take > y->take;
}

static gboolean
all_ready (const guint64 *counts,
           guint          n_variants,
           guint64        min)
{
  for (guint v = 0; v < n_variants; v++)
    if (counts[v] < min)
      return FALSE;
  return TRUE;
}

/* Finds when split @i of journey @j is decided in this pass, if it is:
 * *@at and *@winner, TRUE with *@at = G_MAXINT64 when never. */
static gboolean
find_decision (Merge     *m,
               guint      j,
               guint      i,
               CairnTime *at,
               int       *winner,
               GError   **error)
{
  JsonObject *node = node_of (m, 0, j, i);
  JsonObject *autowinner = cairn_json_get_object (node, "autowinner");
  guint n_variants = json_array_get_length (json_object_get_array_member (node, "ports"));
  guint64 min = json_object_get_int_member (autowinner, "min");
  CairnDuration eval = json_object_get_int_member (autowinner, "eval");
  g_autoptr(GArray) arrivals = g_array_new (FALSE, FALSE, sizeof (Arrival));
  g_autofree guint64 *counts = g_new0 (guint64, n_variants);
  g_autofree guint64 *upper = g_new0 (guint64, n_variants);
  g_autofree guint64 *good = g_new0 (guint64, n_variants);
  g_autofree guint64 *unsure = g_new0 (guint64, n_variants);
  const char *id = cairn_json_get_string (node, "id");
  guint q = 0;

  *at = G_MAXINT64;
  for (guint p = 0; p < m->n; p++)
    {
      JsonArray *list = json_object_get_array_member (node_of (m, p, j, i), "arrivals");
      for (guint a = 0; list && a < json_array_get_length (list); a++)
        {
          JsonArray *e = json_array_get_array_element (list, a);
          JsonNode *success = json_array_get_element (e, 4);
          Arrival arrival = { json_array_get_int_element (e, 0),
                              JSON_NODE_HOLDS_NULL (success) ? NO_SUCCESS : json_node_get_int (success),
                              json_array_get_int_element (e, 1), json_array_get_int_element (e, 2),
                              json_array_get_int_element (e, 3), json_array_get_boolean_element (e, 5),
                              json_array_get_int_element (e, 6) };
          g_array_append_val (arrivals, arrival);
        }
    }
  g_array_sort (arrivals, arrival_compare);

  for (guint a = 0; a < arrivals->len;)
    {
      CairnTime t = g_array_index (arrivals, Arrival, a).take;
      guint same = a;
      Arrival first;
      int best_variant = -1;
      double best = -1;

      while (same < arrivals->len && g_array_index (arrivals, Arrival, same).take == t)
        same++;
      /* The entries whose window has passed before any arrival at t. */
      while (q < arrivals->len && g_array_index (arrivals, Arrival, q).take + eval <= t
             && g_array_index (arrivals, Arrival, q).take < t)
        counts[g_array_index (arrivals, Arrival, q++).variant]++;
      if (!all_ready (counts, n_variants, min))
        {
          /* With evaluate_after 0, arrivals at t count for the later ones
             at t: which of them decides depends on their order. */
          memcpy (upper, counts, n_variants * sizeof (guint64));
          for (guint s = a; eval == 0 && s < same; s++)
            upper[g_array_index (arrivals, Arrival, s).variant]++;
          if (eval == 0 && same - a > 1 && all_ready (upper, n_variants, min))
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                           _("split “%s”: its autowinner would be decided between arrivals at one instant "
                             "(evaluate_after PT0S), in an order that partitions do not share"), id);
              return FALSE;
            }
          a = same;
          continue;
        }

      /* Decided at the first arrival at t: successes before t count, those
         at t only if they ran before it. Which arrival ran first: input
         events first, in sequence, then generated events, ticks, timers. */
      first = g_array_index (arrivals, Arrival, a);
      for (guint s = a + 1; s < same; s++)
        {
          Arrival *other = &g_array_index (arrivals, Arrival, s);
          if (other->cause < first.cause || (other->cause == first.cause && other->cause_seq < first.cause_seq))
            first = *other;
        }
      memset (good, 0, n_variants * sizeof (guint64));
      memset (unsure, 0, n_variants * sizeof (guint64));
      for (guint s = 0; s < q; s++)
        {
          Arrival *e = &g_array_index (arrivals, Arrival, s);
          int before = e->success == t ? success_before (e, &first) : e->success < t;
          if (before > 0)
            good[e->variant]++;
          else if (before < 0)
            unsure[e->variant]++;
        }
      for (guint v = 0; v < n_variants; v++)
        {
          double metric = ratio (good[v], counts[v]);
          if (metric > best)
            {
              best = metric;
              best_variant = v;
            }
        }
      for (guint v = 0; v < n_variants; v++)
        {
          double high = ratio (good[v] + unsure[v], counts[v]);
          if ((int) v != best_variant && ((int) v < best_variant ? high >= best : high > best))
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                           _("split “%s”: its autowinner depends on the order of events at one instant in "
                             "different partitions"), id);
              return FALSE;
            }
        }
      *at = t;
      *winner = best_variant;
      return TRUE;
    }
  return TRUE;
}

typedef struct
{
  guint j, i;
  int   winner;
} Decided;

/* The decisions of the partials but those of @retracted, with those of
 * @found (at @at) added. */
static char *
next_decisions (Merge     *m,
                GArray    *retracted,
                GArray    *found,
                CairnTime  at)
{
  JsonArray *list = json_object_get_array_member (m->parts[0], "decisions");
  GString *out = g_string_new ("{\"format\":\"cairn-partition-decisions\",\"version\":1,\"decisions\":[");
  guint n = 0;

  for (guint d = 0; d < json_array_get_length (list); d++)
    {
      JsonNode *decision = json_array_get_element (list, d);
      JsonObject *object = json_node_get_object (decision);
      g_autofree char *text = NULL;
      gboolean keep = TRUE;

      for (guint r = 0; r < retracted->len; r++)
        {
          Decided *gone = &g_array_index (retracted, Decided, r);
          keep &= !(json_object_get_int_member (object, "journey") == gone->j
                    && g_strcmp0 (cairn_json_get_string (object, "node"),
                                  cairn_json_get_string (node_of (m, 0, gone->j, gone->i), "id")) == 0);
        }
      if (!keep)
        continue;
      text = cairn_json_to_string (decision, FALSE);
      if (n++)
        g_string_append_c (out, ',');
      g_string_append (out, text);
    }
  for (guint d = 0; d < found->len; d++)
    {
      Decided *decided = &g_array_index (found, Decided, d);
      JsonObject *node = node_of (m, 0, decided->j, decided->i);

      g_string_append_printf (out, "%s{\"journey\":%u,\"node\":", n++ ? "," : "", decided->j);
      cairn_json_append_string (out, cairn_json_get_string (node, "id"));
      g_string_append (out, ",\"winner\":");
      cairn_json_append_string (out, json_array_get_string_element (json_object_get_array_member (node, "ports"),
                                                                    decided->winner));
      g_string_append_printf (out, ",\"at\":%" G_GINT64_FORMAT "}", at);
    }
  g_string_append (out, "]}\n");
  return g_string_free (out, FALSE);
}

static gboolean
same_member (JsonObject *a,
             JsonObject *b,
             const char *member)
{
  return cairn_json_equal (json_object_get_member (a, member), json_object_get_member (b, member));
}

/* Whether @text ends with the "digest" member cairn-cli wrote, the SHA-256
 * of everything before it: a partial is read member by member without a
 * check of its shape, so only an unchanged one is merged. */
static gboolean
digest_holds (const char *text,
              gsize       length)
{
  static const char member[] = ",\"digest\":\"";
  const char *at = g_strrstr_len (text, length, member);
  const char *hex, *end = text + length;
  g_autofree char *digest = NULL;

  if (at == NULL)
    return FALSE;
  hex = at + strlen (member);
  if (end - hex < 66 || strncmp (hex + 64, "\"}", 2) != 0)
    return FALSE;
  for (const char *rest = hex + 66; rest < end; rest++)
    if (!g_ascii_isspace (*rest))
      return FALSE;
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, at - text);
  return strncmp (digest, hex, 64) == 0;
}

/* The autowinners of this pass: @decisions is set to the next pass's
 * decisions when one was found or taken back (see below), else left NULL;
 * FALSE with @error when the pass cannot be merged. */
static gboolean
pass_decisions (Merge    *m,
                guint     n_sims,
                char    **decisions,
                GError  **error)
{
  CairnTime first_at = G_MAXINT64;
  GArray *found, *retracted;

  /* Autowinners. One decided during this pass: the earliest is right (all
     before it ran as in the whole run), the later ones wait for the next
     pass; several at that instant are all taken. A decision imposed on the
     pass must be the one the rule makes from the pass's own arrivals: then
     the pass is the whole run (the rule decides one run only). One taken
     with others at one instant that had no arrival there once they were
     imposed changed nothing at that instant: it is taken back, and the
     pass runs again without it. */
  found = g_array_new (FALSE, FALSE, sizeof (Decided));
  retracted = g_array_new (FALSE, FALSE, sizeof (Decided));
  for (guint j = 0; j < n_sims; j++)
    {
      guint n_nodes = json_array_get_length (json_object_get_array_member (journey_of (m, 0, j), "nodes"));
      for (guint i = 0; i < n_nodes; i++)
        {
          JsonObject *autowinner = cairn_json_get_object (node_of (m, 0, j, i), "autowinner");
          Decided decided = { j, i, -1 };
          CairnTime at;

          if (autowinner == NULL)
            continue;
          if (!find_decision (m, j, i, &at, &decided.winner, error))
            {
              g_array_unref (found);
              g_array_unref (retracted);
              return FALSE;
            }
          if (json_object_get_int_member (autowinner, "winner") >= 0)
            {
              if (at > json_object_get_int_member (autowinner, "at"))
                g_array_append_val (retracted, decided);
              else if (at != json_object_get_int_member (autowinner, "at")
                       || decided.winner != json_object_get_int_member (autowinner, "winner"))
                {
                  g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                               _("split “%s”: decided at the same instant as another autowinner, it depends on "
                                 "an order that partitions do not share"),
                               cairn_json_get_string (node_of (m, 0, j, i), "id"));
                  g_array_unref (found);
                  g_array_unref (retracted);
                  return FALSE;
                }
              continue;
            }
          if (at < first_at)
            {
              first_at = at;
              g_array_set_size (found, 0);
            }
          if (at == first_at && at != G_MAXINT64)
            g_array_append_val (found, decided);
        }
    }
  /* After a decision taken back, this pass is right only up to its
     instant: nothing new is decided from it. */
  if (retracted->len > 0)
    g_array_set_size (found, 0);
  if (found->len > 0 || retracted->len > 0)
    *decisions = next_decisions (m, retracted, found, first_at);
  g_array_unref (found);
  g_array_unref (retracted);
  return TRUE;

}

char *
cairn_partition_merge (const char *const *partials,
                       const gsize       *lengths,
                       guint              n_partials,
                       char             **decisions,
                       GError           **error)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree JsonObject **parts = NULL;
  Merge m = { 0 };
  guint n = 0, n_sims;
  GString *out;

  *decisions = NULL;
  for (guint p = 0; p < n_partials; p++)
    {
      JsonNode *root = cairn_json_parse (partials[p], lengths[p], NULL, NULL, error);
      JsonObject *object;

      if (root == NULL)
        return NULL;
      g_ptr_array_add (roots, root);
      object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      if (object == NULL || g_strcmp0 (cairn_json_get_string (object, "format"), "cairn-partial-report") != 0
          || !json_object_has_member (object, "partitions"))
        {
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, _("not a partial report (cairn-partial-report)"));
          return NULL;
        }
      if (!digest_holds (partials[p], lengths[p]))
        {
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE,
                       _("a partial report was changed after cairn-cli wrote it, or was not written by it"));
          return NULL;
        }
      if (p == 0)
        {
          n = json_object_get_int_member (object, "partitions");
          if (n != n_partials)
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE,
                           _("the run has %u partitions, %u partial reports were given"), n, n_partials);
              return NULL;
            }
          parts = g_new0 (JsonObject *, n);
        }
      else if ((guint) json_object_get_int_member (object, "partitions") != n)
        {
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, _("partial reports of different runs"));
          return NULL;
        }
      {
        gint64 k = json_object_get_int_member (object, "partition");
        if (k < 0 || k >= n || parts[k] != NULL)
          {
            g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, _("partition %d given twice"), (int) CLAMP (k, -1, G_MAXINT));
            return NULL;
          }
        parts[k] = object;
      }
    }
  if (n == 0)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, _("no partial reports"));
      return NULL;
    }
  for (guint p = 1; p < n; p++)
    if (!same_member (parts[0], parts[p], "portfolio") || !same_member (parts[0], parts[p], "portfolio_id")
        || !same_member (parts[0], parts[p], "scenario") || !same_member (parts[0], parts[p], "seed")
        || !same_member (parts[0], parts[p], "start") || !same_member (parts[0], parts[p], "end")
        || !same_member (parts[0], parts[p], "decisions")
        || json_array_get_length (json_object_get_array_member (parts[p], "journeys"))
           != json_array_get_length (json_object_get_array_member (parts[0], "journeys")))
      {
        g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, _("partial reports of different runs"));
        return NULL;
      }
  m.parts = parts;
  m.n = n;
  m.portfolio = json_object_get_boolean_member (parts[0], "portfolio");
  n_sims = json_array_get_length (json_object_get_array_member (parts[0], "journeys"));

  if (!pass_decisions (&m, n_sims, decisions, error) || *decisions != NULL)
    return NULL;

  out = g_string_new (NULL);
  if (!m.portfolio)
    {
      if (!write_body (out, &m, 0, error))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      return g_string_free (out, FALSE);
    }
  g_string_append (out, "{\"format\":\"cairn-portfolio-report\",\"version\":1,\"portfolio\":");
  append_member (out, parts[0], "portfolio_id");
  g_string_append (out, ",\"scenario\":");
  append_member (out, parts[0], "scenario");
  g_string_append_printf (out, ",\"seed\":%" G_GINT64_FORMAT ",\"window\":{\"start\":",
                          json_object_get_int_member (parts[0], "seed"));
  time_value (out, json_object_get_int_member (parts[0], "start"));
  g_string_append (out, ",\"end\":");
  time_value (out, json_object_get_int_member (parts[0], "end"));
  g_string_append_printf (out, "},\"users\":%" G_GUINT64_FORMAT ",\"events\":%" G_GUINT64_FORMAT ",\"journeys\":{",
                          sum_int (&m, 0, "users"), sum_int (&m, 0, "events"));
  for (guint j = 0; j < n_sims; j++)
    {
      const char *id = cairn_json_get_string (journey_of (&m, 0, j), "id");
      if (j)
        g_string_append_c (out, ',');
      key (out, id ? id : "");
      if (!write_body (out, &m, j, error))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }
  g_string_append (out, "}");
  write_merged_collisions (out, &m);
  return g_string_free (out, FALSE);
}
