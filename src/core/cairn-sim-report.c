/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-sim-private.h"

/* The report (DESIGN §7, §12 O1–O5), written key by key so that it is the
 * same byte for byte on every machine. */

static const char *const reason_names[N_REASONS] = { "completed", "exit_node", "exit_criteria", "goal", "error" };

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

static double
ratio (guint64 a,
       guint64 b)
{
  return b ? (double) a / (double) b : 0.0;
}

static void
append_path (GString  *out,
             Sim      *sim,
             SimEntry *entry)
{
  g_string_append_c (out, '[');
  for (guint i = 0; entry && entry->path && i < entry->path->len; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      cairn_json_append_string (out, sim->nodes[g_array_index (entry->path, int, i)].id);
    }
  g_string_append_c (out, ']');
}

static const char *
outcome (SimUser *user)
{
  SimEntry *last;

  if (user->n_entries == 0)
    return "not_entered";
  if (user->active)
    return "active";
  last = sim_user_entry (user, user->n_entries - 1);
  return last->reason >= 0 ? reason_names[last->reason] : "active";
}

/* Expectations (O5) */

typedef struct
{
  guint    passed, failed;
  GString *failures;
} Expectations;

static void
failure (Expectations *exp,
         const char   *user,
         const char   *what,
         JsonNode     *expected,
         const char   *actual_json)
{
  g_autofree char *expected_json = expected ? cairn_json_to_string (expected, FALSE) : g_strdup ("null");

  if (exp->failures->len)
    g_string_append_c (exp->failures, ',');
  g_string_append (exp->failures, "{\"user\":");
  cairn_json_append_string (exp->failures, user);
  g_string_append (exp->failures, ",\"key\":");
  cairn_json_append_string (exp->failures, what);
  g_string_append_printf (exp->failures, ",\"expected\":%s,\"actual\":%s}", expected_json, actual_json);
}

static char *
path_json (Sim     *sim,
           SimUser *user)
{
  GString *s = g_string_new (NULL);
  append_path (s, sim, user->n_entries ? sim_user_entry (user, 0) : NULL);
  return g_string_free (s, FALSE);
}

static gboolean
path_contains (Sim        *sim,
               SimUser    *user,
               const char *id)
{
  SimEntry *first = user->n_entries ? sim_user_entry (user, 0) : NULL;
  for (guint i = 0; first && first->path && i < first->path->len; i++)
    if (g_strcmp0 (sim->nodes[g_array_index (first->path, int, i)].id, id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
message_matches (JsonObject *expected,
                 JsonObject *actual)
{
  g_autoptr(GList) names = json_object_get_members (expected);

  for (GList *l = names; l; l = l->next)
    {
      JsonNode *want = json_object_get_member (expected, l->data);
      JsonNode *got = json_object_get_member (actual, l->data);
      if (got == NULL || !cairn_json_equal (want, got))
        return FALSE;
    }
  return TRUE;
}

static void
check_user (Sim          *sim,
            SimUser      *user,
            Expectations *exp)
{
  JsonObject *expect = user->profile->expect;
  const char *id = user->profile->id;
  gboolean ok = TRUE;
  JsonNode *node;

  if ((node = json_object_get_member (expect, "outcome")) != NULL)
    {
      const char *actual = outcome (user);
      if (g_strcmp0 (cairn_json_get_string (expect, "outcome"), actual) != 0)
        {
          g_autoptr(GString) s = g_string_new (NULL);
          cairn_json_append_string (s, actual);
          failure (exp, id, "outcome", node, s->str);
          ok = FALSE;
        }
    }
  if ((node = json_object_get_member (expect, "path")) != NULL)
    {
      g_autofree char *actual = path_json (sim, user);
      g_autoptr(JsonNode) parsed = cairn_json_parse (actual, strlen (actual), NULL, NULL, NULL);
      if (!cairn_json_equal (node, parsed))
        {
          failure (exp, id, "path", node, actual);
          ok = FALSE;
        }
    }
  for (int k = 0; k < 2; k++)
    {
      const char *name = k == 0 ? "path_includes" : "path_excludes";
      JsonArray *list = cairn_json_get_array (expect, name);
      for (guint i = 0; list && i < json_array_get_length (list); i++)
        {
          const char *want = json_array_get_string_element (list, i);
          if (path_contains (sim, user, want) != (k == 0))
            {
              g_autofree char *actual = path_json (sim, user);
              failure (exp, id, name, json_object_get_member (expect, name), actual);
              ok = FALSE;
              break;
            }
        }
    }
  if ((node = json_object_get_member (expect, "messages")) != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *text = g_strdup_printf ("[%s]", SIM_MORE (user)->messages->str);
      g_autoptr(JsonNode) sent = cairn_json_parse (text, strlen (text), NULL, NULL, NULL);
      JsonArray *want = json_node_get_array (node);
      JsonArray *got = json_node_get_array (sent);
      guint g = 0;
      gboolean all = TRUE;

      for (guint w = 0; w < json_array_get_length (want) && all; w++)
        {
          JsonObject *expected = json_array_get_object_element (want, w);
          gboolean found = FALSE;
          while (expected && g < json_array_get_length (got) && !found)
            found = message_matches (expected, json_array_get_object_element (got, g++));
          all = found;
        }
      if (!all)
        {
          failure (exp, id, "messages", node, text);
          ok = FALSE;
        }
    }
  if ((node = json_object_get_member (expect, "goals")) != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *want = json_node_get_array (node);
      guint n_actual = 0;
      gboolean same = TRUE;
      g_autoptr(GString) actual = g_string_new ("[");

      for (guint g = 0; g < sim->n_goals; g++)
        if ((SIM_MORE (user)->goals_any && SIM_MORE (user)->goals_any[g]))
          {
            gboolean listed = FALSE;
            if (n_actual++)
              g_string_append_c (actual, ',');
            cairn_json_append_string (actual, sim->goals[g].id);
            for (guint w = 0; w < json_array_get_length (want); w++)
              listed |= g_strcmp0 (json_array_get_string_element (want, w), sim->goals[g].id) == 0;
            same &= listed;
          }
      g_string_append_c (actual, ']');
      for (guint w = 0; w < json_array_get_length (want) && same; w++)
        {
          gboolean reached = FALSE;
          for (guint g = 0; g < sim->n_goals; g++)
            reached |= (SIM_MORE (user)->goals_any && SIM_MORE (user)->goals_any[g]) && g_strcmp0 (json_array_get_string_element (want, w), sim->goals[g].id) == 0;
          same &= reached;
        }
      if (!same)
        {
          failure (exp, id, "goals", node, actual->str);
          ok = FALSE;
        }
    }
  if (ok)
    exp->passed++;
  else
    exp->failed++;
}

/* In a portfolio, an expect block naming a journey is checked in that
 * journey's body only (PF12). */
static gboolean
expect_applies (Sim        *sim,
                JsonObject *expect)
{
  JsonNode *journey = json_object_get_member (expect, "journey");

  if (!sim->portfolio || journey == NULL)
    return TRUE;
  return JSON_NODE_HOLDS_VALUE (journey) && json_node_get_value_type (journey) == G_TYPE_STRING
         && g_strcmp0 (json_node_get_string (journey), cairn_journey_get_id (sim->journey)) == 0;
}

static void
write_person (GString *out,
              Sim     *sim,
              SimUser *user)
{
  g_string_append (out, "{\"id\":");
  cairn_json_append_string (out, user->profile->id);
  g_string_append_printf (out, ",\"entries\":%u,\"outcome\":\"%s\",\"path\":", user->n_entries, outcome (user));
  append_path (out, sim, user->n_entries ? sim_user_entry (user, 0) : NULL);
  g_string_append (out, ",\"paths\":[");
  for (guint e = 0; e < user->n_entries; e++)
    {
      if (e)
        g_string_append_c (out, ',');
      append_path (out, sim, sim_user_entry (user, e));
    }
  g_string_append (out, "],\"goals\":[");
  for (guint g = 0, n = 0; g < sim->n_goals; g++)
    if ((SIM_MORE (user)->goals_any && SIM_MORE (user)->goals_any[g]))
      {
        if (n++)
          g_string_append_c (out, ',');
        cairn_json_append_string (out, sim->goals[g].id);
      }
  g_string_append (out, "],\"messages\":[");
  g_string_append (out, SIM_MORE (user)->messages->str);
  g_string_append (out, "],\"timeline\":[");
  g_string_append (out, SIM_MORE (user)->timeline->str);
  g_string_append (out, "]}");
}

/* The channels that have a message node (§7) */
static void
write_channels (GString *out,
                Sim     *sim)
{
  const char *const *channels = cairn_channels ();

  g_string_append (out, ",\"channels\":{");
  for (int c = 0, n = 0; c < CAIRN_N_CHANNELS; c++)
    {
      SimChannel *ch = &sim->channels[c];
      if (!ch->used)
        continue;
      if (n++)
        g_string_append_c (out, ',');
      key (out, channels[c]);
      g_string_append_printf (out, "{\"sent\":%" G_GUINT64_FORMAT ",\"unreachable\":%" G_GUINT64_FORMAT
                              ",\"capped\":%" G_GUINT64_FORMAT ",\"quiet_hours\":%" G_GUINT64_FORMAT,
                              ch->sent, ch->unreachable, ch->capped, ch->quiet_hours);
      /* Only a portfolio's bodies have it (PF12). */
      if (sim->portfolio)
        g_string_append_printf (out, ",\"portfolio_capped\":%" G_GUINT64_FORMAT, ch->portfolio_capped);
      g_string_append_printf (out, ",\"delivered\":%" G_GUINT64_FORMAT ",\"opened\":%" G_GUINT64_FORMAT
                              ",\"clicked\":%" G_GUINT64_FORMAT ",\"ctr\":",
                              ch->delivered, ch->opened, ch->clicked);
      cairn_json_append_double (out, ratio (ch->clicked, ch->delivered), TRUE);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "}");
}

/* Nodes, edges and the ports no user took */
static void
write_graph (GString *out,
             Sim     *sim)
{
  guint64 ports_total = 0, ports_taken = 0;

  g_string_append (out, ",\"nodes\":{");
  for (guint i = 0; i < sim->n_nodes; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      key (out, sim->nodes[i].id ? sim->nodes[i].id : "");
      g_string_append_printf (out, "{\"entered\":%" G_GUINT64_FORMAT ",\"waiting_at_end\":%" G_GUINT64_FORMAT "}",
                              sim->nodes[i].entered, sim->nodes[i].waiting_at_end);
    }
  g_string_append (out, "}");

  g_string_append (out, ",\"edges\":[");
  for (guint i = 0, n = 0; i < sim->n_nodes; i++)
    for (guint p = 0; p < sim->nodes[i].n_ports; p++)
      {
        SimNode *node = &sim->nodes[i];
        if (n++)
          g_string_append_c (out, ',');
        g_string_append (out, "{\"from\":");
        cairn_json_append_string (out, node->id);
        g_string_append (out, ",\"port\":");
        cairn_json_append_string (out, node->ports[p]);
        g_string_append (out, ",\"to\":");
        if (node->targets[p] >= 0)
          cairn_json_append_string (out, sim->nodes[node->targets[p]].id);
        else
          g_string_append (out, "null");
        g_string_append_printf (out, ",\"count\":%" G_GUINT64_FORMAT "}", node->port_counts[p]);
        ports_total++;
        ports_taken += node->port_counts[p] > 0;
      }
  g_string_append (out, "]");

  g_string_append_printf (out, ",\"coverage\":{\"ports_total\":%" G_GUINT64_FORMAT ",\"ports_taken\":%" G_GUINT64_FORMAT
                          ",\"untaken\":[", ports_total, ports_taken);
  for (guint i = 0, n = 0; i < sim->n_nodes; i++)
    for (guint p = 0; p < sim->nodes[i].n_ports; p++)
      if (sim->nodes[i].port_counts[p] == 0)
        {
          if (n++)
            g_string_append_c (out, ',');
          g_string_append (out, "{\"node\":");
          cairn_json_append_string (out, sim->nodes[i].id);
          g_string_append (out, ",\"port\":");
          cairn_json_append_string (out, sim->nodes[i].ports[p]);
          g_string_append_c (out, '}');
        }
  g_string_append (out, "]}");
}

/* The splits, when the journey has one: winners and metrics (N8) */
static void
write_splits (GString *out,
              Sim     *sim)
{
  gboolean any_split = FALSE;

  for (guint i = 0; i < sim->n_nodes; i++)
    any_split |= sim->nodes[i].ops && sim->nodes[i].ops->has_metric;
  if (any_split)
    {
      g_string_append (out, ",\"splits\":{");
      for (guint i = 0, n = 0; i < sim->n_nodes; i++)
        {
          SimNode *node = &sim->nodes[i];
          if (!node->ops || !node->ops->has_metric)
            continue;
          if (n++)
            g_string_append_c (out, ',');
          key (out, node->id);
          g_string_append (out, "{\"winner\":");
          if (node->winner >= 0)
            cairn_json_append_string (out, node->ports[node->winner]);
          else
            g_string_append (out, "null");
          g_string_append (out, ",\"decided_at\":");
          if (node->winner >= 0)
            time_value (out, node->decided_at);
          else
            g_string_append (out, "null");
          g_string_append (out, ",\"variants\":{");
          for (guint v = 0; v < node->n_ports; v++)
            {
              if (v)
                g_string_append_c (out, ',');
              key (out, node->ports[v]);
              g_string_append_printf (out, "{\"entered\":%" G_GUINT64_FORMAT ",\"metric\":", node->variant_entered[v]);
              cairn_json_append_double (out, cairn_sim_split_metric (sim, i, v, sim->end, NULL), TRUE);
              g_string_append_c (out, '}');
            }
          g_string_append (out, "}}");
        }
      g_string_append (out, "}");
    }
}

/* The people (§7, T7) and the expectations of their scripts */
static void
write_people (GString *out,
              Sim     *sim)
{
  gboolean any_expect = FALSE;
  Expectations exp = { 0, 0, g_string_new (NULL) };
  guint n_people = 0;

  g_string_append (out, ",\"people\":[");
  /* Scripted users are known first, then the others (T7). */
  for (guint k = 0; k < sim->known->len; k++)
    {
      SimUser *user = g_ptr_array_index (sim->users, g_array_index (sim->known, guint, k));
      if (!user->record)
        continue;
      if (n_people++)
        g_string_append_c (out, ',');
      write_person (out, sim, user);
    }
  g_string_append (out, "]");

  for (guint u = 0; u < sim->input->n_scripted; u++)
    {
      SimUser *user = g_ptr_array_index (sim->users, u);
      if (user->profile->expect != NULL && expect_applies (sim, user->profile->expect))
        {
          any_expect = TRUE;
          check_user (sim, user, &exp);
        }
    }
  if (any_expect)
    g_string_append_printf (out, ",\"expectations\":{\"passed\":%u,\"failed\":%u,\"failures\":[%s]}",
                            exp.passed, exp.failed, exp.failures->str);
  g_string_free (exp.failures, TRUE);
}

void
cairn_sim_write_report (Sim     *sim,
                        GString *out)
{
  guint64 active = sim->n_active_merged;

  for (guint u = 0; u < sim->users->len; u++)
    {
      SimUser *user = g_ptr_array_index (sim->users, u);
      if (user != NULL && user->active)
        {
          active++;
          if (user->node >= 0)
            sim->nodes[user->node].waiting_at_end++;
        }
    }

  g_string_append (out, "{\"format\":\"cairn-report\",\"version\":1,\"journey\":");
  if (cairn_journey_get_id (sim->journey))
    cairn_json_append_string (out, cairn_journey_get_id (sim->journey));
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"scenario\":");
  if (sim->input->name)
    cairn_json_append_string (out, sim->input->name);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"seed\":%" G_GUINT64_FORMAT ",\"window\":{\"start\":", sim->seed);
  time_value (out, sim->start);
  g_string_append (out, ",\"end\":");
  time_value (out, sim->end);
  g_string_append_printf (out, "},\"users\":%u,\"events\":%" G_GUINT64_FORMAT, sim->known->len + sim->n_known_merged, sim->events);

  g_string_append_printf (out, ",\"totals\":{\"entered\":%" G_GUINT64_FORMAT ",\"active_at_end\":%" G_GUINT64_FORMAT
                          ",\"left\":{", sim->entered, active);
  for (int r = 0; r < N_REASONS; r++)
    g_string_append_printf (out, "%s\"%s\":%" G_GUINT64_FORMAT, r ? "," : "", reason_names[r], sim->left[r]);
  g_string_append (out, "}}");

  g_string_append (out, ",\"goals\":{");
  for (guint g = 0; g < sim->n_goals; g++)
    {
      if (g)
        g_string_append_c (out, ',');
      key (out, sim->goals[g].id ? sim->goals[g].id : "");
      g_string_append_printf (out, "{\"reached\":%" G_GUINT64_FORMAT ",\"rate\":", sim->goals[g].reached);
      cairn_json_append_double (out, ratio (sim->goals[g].reached, sim->entered), TRUE);
      g_string_append (out, ",\"value\":");
      cairn_json_append_double (out, sim_sum_value (&sim->goals[g].value), TRUE);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "}");

  write_channels (out, sim);
  write_graph (out, sim);
  write_splits (out, sim);
  write_people (out, sim);
  g_string_append (out, "}");
}

void
sim_report_write_person (GString *out,
                         Sim     *sim,
                         SimUser *user)
{
  write_person (out, sim, user);
}

int
sim_report_expectation (Sim     *sim,
                        SimUser *user,
                        GString *failures)
{
  Expectations exp = { 0, 0, failures };

  if (user->profile->expect == NULL || !expect_applies (sim, user->profile->expect))
    return -1;
  check_user (sim, user, &exp);
  return exp.passed > 0;
}

/* The portfolio report (DESIGN §13 PF6, PF12) */

typedef struct
{
  const char *id;
  guint64     messages;
} Busy;

static int
busy_compare (gconstpointer a,
              gconstpointer b)
{
  const Busy *x = a, *y = b;

  if (x->messages != y->messages)
    return x->messages > y->messages ? -1 : 1;
  /* UTF-8 byte order is code point order. */
  return strcmp (x->id, y->id);
}

static int
time_compare (gconstpointer a,
              gconstpointer b)
{
  CairnTime x = *(const CairnTime *) a, y = *(const CairnTime *) b;
  return x < y ? -1 : x > y;
}

/* Whether some entry of @a and some entry of @b were active at one instant:
 * closed intervals [entry, leave], `end` while still active (PF12). */
gboolean
sim_entries_overlap (SimUser   *a,
                     SimUser   *b,
                     CairnTime  end)
{
  for (guint i = 0; i < a->n_entries; i++)
    {
      SimEntry *x = sim_user_entry (a, i);
      CairnTime x_end = x->reason >= 0 ? x->left : end;

      for (guint k = 0; k < b->n_entries; k++)
        {
          SimEntry *y = sim_user_entry (b, k);
          CairnTime y_end = y->reason >= 0 ? y->left : end;

          if (x->time <= y_end && y->time <= x_end)
            return TRUE;
        }
    }
  return FALSE;
}

void
cairn_sim_write_portfolio_report (Sim        **sims,
                                  guint        n_sims,
                                  const char  *portfolio_id,
                                  GString     *out)
{
  Sim *first = sims[0];
  guint n_pairs = n_sims * (n_sims - 1) / 2;
  g_autofree guint64 *overlap = g_new0 (guint64, MAX (n_pairs, 1));
  g_autoptr(GArray) histogram = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (Busy));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (CairnTime));
  guint64 messages = 0;

  g_string_append (out, "{\"format\":\"cairn-portfolio-report\",\"version\":1,\"portfolio\":");
  if (portfolio_id)
    cairn_json_append_string (out, portfolio_id);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"scenario\":");
  if (first->input->name)
    cairn_json_append_string (out, first->input->name);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"seed\":%" G_GUINT64_FORMAT ",\"window\":{\"start\":", first->seed);
  time_value (out, first->start);
  g_string_append (out, ",\"end\":");
  time_value (out, first->end);
  g_string_append_printf (out, "},\"users\":%u,\"events\":%" G_GUINT64_FORMAT ",\"journeys\":{",
                          first->known->len, first->events);
  for (guint j = 0; j < n_sims; j++)
    {
      const char *id = cairn_journey_get_id (sims[j]->journey);

      if (j)
        g_string_append_c (out, ',');
      key (out, id ? id : "");
      cairn_sim_write_report (sims[j], out);
    }
  g_string_append (out, "}");

  /* Collisions: user by user, over every journey. */
  for (guint k = 0; k < first->known->len; k++)
    {
      guint index = g_array_index (first->known, guint, k);
      guint64 peak = 0, sent = 0;

      g_array_set_size (times, 0);
      for (guint j = 0; j < n_sims; j++)
        {
          SimUser *user = g_ptr_array_index (sims[j]->users, index);
          for (guint s = 0; s < user->n_sends; s++)
            {
              SimSend *send = user->sends[s];
              g_array_append_val (times, send->time);
            }
        }
      sent = times->len;
      messages += sent;
      g_array_sort (times, time_compare);
      for (guint s = 0, run = 0; s < times->len; s++)
        {
          CairnTime t = g_array_index (times, CairnTime, s);
          gint64 day = t / CAIRN_USEC_PER_DAY - (t < 0 && t % CAIRN_USEC_PER_DAY);
          CairnTime p = s ? g_array_index (times, CairnTime, s - 1) : 0;
          gint64 previous = p / CAIRN_USEC_PER_DAY - (p < 0 && p % CAIRN_USEC_PER_DAY);

          run = s > 0 && previous == day ? run + 1 : 1;
          peak = MAX (peak, run);
        }
      if (histogram->len <= peak)
        g_array_set_size (histogram, peak + 1);
      g_array_index (histogram, guint64, peak)++;
      if (sent > 0)
        {
          Busy b = { ((SimUser *) g_ptr_array_index (first->users, index))->profile->id, sent };
          g_array_append_val (busy, b);
        }
      for (guint a = 0, pair = 0; a < n_sims; a++)
        for (guint b = a + 1; b < n_sims; b++, pair++)
          overlap[pair] += sim_entries_overlap (g_ptr_array_index (sims[a]->users, index),
                                            g_ptr_array_index (sims[b]->users, index), first->end);
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
        cairn_json_append_string (out, cairn_journey_get_id (sims[a]->journey) ?: "");
        g_string_append (out, ",\"b\":");
        cairn_json_append_string (out, cairn_journey_get_id (sims[b]->journey) ?: "");
        g_string_append_printf (out, ",\"users\":%" G_GUINT64_FORMAT "}", overlap[pair]);
      }
  g_string_append (out, "],\"busiest\":[");
  g_array_sort (busy, busy_compare);
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
