/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cairn-json.h"
#include "cairn-predicate.h"
#include "cairn-rng.h"
#include "cairn-sim-private.h"
#include "cairn-template.h"

/* What each kind of node does when a user arrives (§5, §12 N, M, G). */

/* Messages */

static JsonObject *
behavior_channel (SimUser    *user,
                  const char *channel)
{
  JsonObject *channels = cairn_json_get_object (user->profile->behavior, "channels");
  return cairn_json_get_object (channels, channel);
}

static double
behavior_number (JsonObject *object,
                 const char *member,
                 double      fallback)
{
  double v;
  return cairn_json_get_number (object, member, &v) ? v : fallback;
}

static JsonObject *
engagement_params (SimNode    *node,
                   const char *channel)
{
  JsonObject *params = json_object_new ();
  json_object_set_string_member (params, "node", node->id);
  json_object_set_string_member (params, "channel", channel);
  return params;
}

/* Engagement events of a node all carry the same params: share them. */
static JsonObject *
shared_engagement_params (SimNode    *node,
                          const char *channel)
{
  if (node->engage_params == NULL)
    node->engage_params = engagement_params (node, channel);
  return json_object_ref (node->engage_params);
}

static void
render_message (Run        *run,
                SimUser    *user,
                guint       index,
                int         n,
                CairnTime   time,
                JsonArray  *products)
{
  static const char *const fields[] = { "subject", "title", "body", "text", "url", "image" };
  Sim *sim = run->cur;
  SimNode *node = &sim->nodes[n];
  SimEntry *entry = sim_current_entry (user);
  CairnTemplateContext context;
  GString *out = SIM_MORE (user)->messages;

  sim_entry_template (user, entry, products, &context);
  /* Messages are rendered for everyone, and kept for the people the
   * report lists; the others' go into one buffer used again. */
  if (!user->record)
    {
      if (g_str_equal (node->kind->type, "audience.facebook"))
        return;
      if (!node->templates_parsed)
        {
          for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
            {
              const char *text = cairn_json_get_string (node->config, fields[f]);
              if (text != NULL && node->templates[f] == NULL)
                node->templates[f] = cairn_template_parse (text, NULL);
            }
          node->templates_parsed = TRUE;
        }
      if (sim->scratch == NULL)
        sim->scratch = g_string_sized_new (1024);
      for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
        if (node->templates[f] != NULL)
          {
            g_string_truncate (sim->scratch, 0);
            cairn_template_render_into (node->templates[f], &context,
                                        g_str_equal (fields[f], "body") && g_str_equal (node->kind->type, "message.email"),
                                        sim->scratch);
          }
      return;
    }
  if (out->len)
    g_string_append_c (out, ',');
  g_string_append (out, "{\"node\":");
  cairn_json_append_string (out, node->id);
  g_string_append (out, ",\"channel\":");
  cairn_json_append_string (out, cairn_channels ()[node->channel]);
  g_string_append (out, ",\"time\":\"");
  cairn_time_append (out, time);
  g_string_append_c (out, '"');
  if (g_str_equal (node->kind->type, "audience.facebook"))
    {
      g_string_append (out, ",\"audience\":");
      cairn_json_append_string (out, cairn_json_get_string (node->config, "audience") ?: "");
      g_string_append (out, ",\"action\":");
      cairn_json_append_string (out, cairn_json_get_string (node->config, "action") ?: "");
    }
  else
    for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
      {
        const char *text = cairn_json_get_string (node->config, fields[f]);
        gboolean escape = g_str_equal (fields[f], "body") && g_str_equal (node->kind->type, "message.email");
        g_autofree char *rendered = NULL;

        if (text == NULL)
          continue;
        if (node->templates[f] == NULL)
          node->templates[f] = cairn_template_parse (text, NULL);
        rendered = node->templates[f] ? cairn_template_render (node->templates[f], &context, escape)
                                      : g_strdup (text);
        g_string_append_printf (out, ",\"%s\":", fields[f]);
        cairn_json_append_string (out, rendered);
      }
  g_string_append (out, ",\"products\":[");
  for (guint p = 0; products && p < json_array_get_length (products); p++)
    {
      JsonObject *product = json_array_get_object_element (products, p);
      if (p)
        g_string_append_c (out, ',');
      cairn_json_append_string (out, cairn_json_get_string (product, "id") ?: "");
    }
  g_string_append (out, "]}");
}

static void
send_message (Run       *run,
              SimUser   *user,
              guint      index,
              int        n,
              CairnTime  time)
{
  Sim *sim = run->cur;
  SimNode *node = &sim->nodes[n];
  const char *channel = cairn_channels ()[node->channel];
  SimEntry *entry = sim_current_entry (user);
  JsonObject *recommendations = cairn_json_get_object (node->config, "recommendations");
  g_autoptr(JsonArray) products = NULL;
  JsonObject *behavior = behavior_channel (user, channel);
  JsonArray *after_click = cairn_json_get_array (user->profile->behavior, "after_click");
  guint nth;

  if (sim_user_more (sim, user)->node_sends == NULL)
    user->more->node_sends = sim_alloc0 (sim, sim->n_nodes * sizeof (guint));
  nth = user->more->node_sends[n]++;
  SimSend *send = sim_alloc0 (sim, sizeof (SimSend));
  double p_deliver, p_open, p_click;
  gboolean delivered, opened, clicked;
  CairnTime open_time, click_time;
  double u_deliver, u_open, u_click;

  send->node = n;
  send->channel = node->channel;
  send->time = time;
  send->entry = user->n_entries - 1;
  send->delivered = send->opened = send->clicked = -1;
  if (user->sends == NULL)
    user->sends = g_ptr_array_new ();
  g_ptr_array_add (user->sends, send);
  sim->channels[node->channel].sent++;
  if (run->has_cap && (run->cap_channels & (1u << node->channel)))
    {
      SimUserMore *shared = sim_user_more (sim, user->base);

      if (shared->cap_log == NULL)
        shared->cap_log = g_array_new (FALSE, FALSE, sizeof (CairnTime));
      g_array_append_val (shared->cap_log, time);
    }

  if (recommendations != NULL && sim->catalog != NULL)
    {
      CairnPredicateContext ctx;
      g_autoptr(GHashTable) purchased = NULL;
      g_autoptr(JsonNode) from_text = entry->params == NULL && entry->params_text
                                      ? cairn_input_params_member (entry->params_text, "category") : NULL;
      const char *category = cairn_json_get_string (entry->params, "category");

      GPtrArray *bought = SIM_MORE (user->base)->purchased;

      sim_entry_context (sim, user, entry, time, &ctx);
      if (bought != NULL && bought->len > 0)
        {
          purchased = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < bought->len; i++)
            g_hash_table_add (purchased, bought->pdata[i]);
        }
      if (from_text && JSON_NODE_HOLDS_VALUE (from_text) && json_node_get_value_type (from_text) == G_TYPE_STRING)
        category = json_node_get_string (from_text);
      products = cairn_catalog_recommend (sim->catalog, recommendations, category, purchased, &ctx);
    }
  render_message (run, user, index, n, time, products);
  sim_timeline_add (sim, user, time, n, "sent", channel);

  /* Engagement (R1–R3, G4): every draw is made, whatever the outcome. */
  p_deliver = behavior_number (behavior, "deliver", 1);
  p_open = behavior_number (behavior, "open", 0);
  p_click = behavior_number (behavior, "click", 0);
  open_time = time + sim_config_duration (behavior, "open_delay", 30 * 60 * CAIRN_USEC_PER_SEC);
  click_time = open_time + sim_config_duration (behavior, "click_delay", 5 * 60 * CAIRN_USEC_PER_SEC);
  u_deliver = cairn_rng_draw (sim->seed, user->profile->id, node->draw_id, nth, "deliver");
  u_open = cairn_rng_draw (sim->seed, user->profile->id, node->draw_id, nth, "open");
  u_click = cairn_rng_draw (sim->seed, user->profile->id, node->draw_id, nth, "click");
  delivered = u_deliver < p_deliver;
  opened = delivered && u_open < p_open;
  clicked = opened && u_click < p_click;

  if (delivered)
    sim_schedule_event (run, time, index, "message_delivered", NULL, shared_engagement_params (node, channel), FALSE, send,
                    ENGAGE_DELIVERED);
  if (opened)
    sim_schedule_event (run, open_time, index, "message_opened", NULL, shared_engagement_params (node, channel), FALSE, send,
                    ENGAGE_OPENED);
  if (clicked)
    sim_schedule_event (run, click_time, index, "message_clicked", NULL, shared_engagement_params (node, channel), FALSE, send,
                    ENGAGE_CLICKED);
  for (guint i = 0; after_click && i < json_array_get_length (after_click); i++)
    {
      JsonObject *spec = json_array_get_object_element (after_click, i);
      JsonObject *event = cairn_json_get_object (spec, "event");
      g_autofree char *purpose = g_strdup_printf ("after_click.%u", i + 1);
      double u = cairn_rng_draw (sim->seed, user->profile->id, node->draw_id, nth, purpose);
      double probability = behavior_number (spec, "probability", 1);
      JsonObject *params = cairn_json_get_object (event, "params");

      if (clicked && u < probability && cairn_json_get_string (event, "name") != NULL)
        sim_schedule_event (run, click_time + sim_config_duration (spec, "delay", 0), index,
                        cairn_json_get_string (event, "name"), cairn_json_get_string (event, "platform"),
                        params ? cairn_json_object_deep_copy (params) : NULL, FALSE, NULL, ENGAGE_NONE);
    }
  /* after_message: after the node's first send; in a portfolio, the
     first by any journey of a node with that id (PF11). */
  if (nth == 0 || run->after_fired != NULL)
    for (guint i = 0; i < sim->input->after_messages->len; i++)
      {
        CairnAfterMessage *spec = &g_array_index (sim->input->after_messages, CairnAfterMessage, i);
        JsonObject *params;
        int engage = ENGAGE_NONE;

        if (spec->user != index || g_strcmp0 (spec->node, node->id) != 0)
          continue;
        if (run->after_fired != NULL)
          {
            if (g_hash_table_contains (run->after_fired, GUINT_TO_POINTER (i + 1)))
              continue;
            g_hash_table_add (run->after_fired, GUINT_TO_POINTER (i + 1));
          }
        params = engagement_params (node, channel);
        if (spec->params)
          {
            g_autoptr(GList) names = json_object_get_members (spec->params);
            for (GList *l = names; l; l = l->next)
              json_object_set_member (params, l->data,
                                      cairn_json_deep_copy (json_object_get_member (spec->params, l->data)));
          }
        if (g_str_equal (spec->name, "message_opened"))
          engage = ENGAGE_OPENED;
        else if (g_str_equal (spec->name, "message_clicked"))
          engage = ENGAGE_CLICKED;
        sim_schedule_event (run, time + spec->delay, index, spec->name, spec->platform, params, TRUE,
                        engage != ENGAGE_NONE ? send : NULL, engage);
      }
}

/* Returns the port to follow, or -1 when the user waits for quiet hours. */
int
sim_run_message (Run       *run,
                 SimUser   *user,
                 guint      index,
                 int        n,
                 CairnTime  time)
{
  Sim *sim = run->cur;
  SimNode *node = &sim->nodes[n];
  SimChannel *channel = &sim->channels[node->channel];

  if (!sim_reachable (user, cairn_channels ()[node->channel]))
    {
      channel->unreachable++;
      sim_timeline_add (sim, user, time, n, "not sent", "unreachable");
      return node->failed_port;
    }
  if (sim->cap_max >= 0)
    {
      gint64 recent = 0;
      for (guint s = 0; user->sends && s < user->sends->len; s++)
        {
          SimSend *send = g_ptr_array_index (user->sends, s);
          if (send->time > time - sim->cap_per && send->time <= time)
            recent++;
        }
      if (recent >= sim->cap_max)
        {
          channel->capped++;
          sim_timeline_add (sim, user, time, n, "not sent", "capped");
          return node->failed_port;
        }
    }
  if (sim->has_quiet && cairn_time_in_quiet_hours (sim->tz, time, sim->quiet_start, sim->quiet_end))
    {
      if (sim->quiet_skip)
        {
          channel->quiet_hours++;
          sim_timeline_add (sim, user, time, n, "not sent", "quiet_hours");
          return node->failed_port;
        }
      user->node = n;
      user->wait = WAIT_QUIET;
      sim_schedule_timer (run, cairn_time_next_wall_clock (sim->tz, time, sim->quiet_end, 0), ITEM_TIMER_QUIET,
                      user, index, n, -1);
      sim_timeline_add (sim, user, time, n, "waiting", "quiet hours");
      return -1;
    }
  /* A portfolio's cap comes last (PF4, PF10): sends of every journey on
     its channels in (now − per, now]. */
  if (run->has_cap && (run->cap_channels & (1u << node->channel)))
    {
      GArray *log = SIM_MORE (user->base)->cap_log;
      gint64 recent = 0;

      for (guint s = log ? log->len : 0; s-- > 0;)
        {
          CairnTime t = g_array_index (log, CairnTime, s);
          if (t <= time - run->cap_per)
            break;
          recent += t <= time;
        }
      if (recent >= run->cap_max)
        {
          channel->portfolio_capped++;
          sim_timeline_add (sim, user, time, n, "not sent", "portfolio_capped");
          return node->failed_port;
        }
    }
  send_message (run, user, index, n, time);
  return sim_port_index (node, "out");
}

/* Nodes */

static int
run_check (Sim       *sim,
           SimUser   *user,
           SimNode   *node,
           int        n,
           CairnTime  time)
{
  JsonArray *tabs = cairn_json_get_array (node->config, "tabs");
  SimEntry *entry = sim_current_entry (user);
  CairnPredicateContext ctx;

  sim_entry_context (sim, user, entry, time, &ctx);
  for (guint t = 0; tabs && t < json_array_get_length (tabs); t++)
    {
      JsonObject *tab = json_array_get_object_element (tabs, t);
      g_autoptr(GString) why = NULL;
      int port = sim_port_index (node, cairn_json_get_string (tab, "id"));

      if (port < 0)
        continue;
      /* Explanations are for the timeline only. */
      if (!user->record)
        {
          if (cairn_predicate_eval (json_object_get_member (tab, "when"), &ctx))
            return port;
          continue;
        }
      why = g_string_new (NULL);
      if (cairn_predicate_explain (json_object_get_member (tab, "when"), &ctx, why))
        {
          g_autofree char *detail = g_strdup_printf ("tab \"%s\": %s", node->ports[port], why->str);
          sim_timeline_add (sim, user, time, n, "branch", detail);
          return port;
        }
    }
  sim_timeline_add (sim, user, time, n, "branch", "else");
  return sim_port_index (node, "else");
}

static double
channel_score (SimUser    *user,
               const char *channel,
               int         index)
{
  JsonObject *channels = cairn_json_get_object (user->profile->affinity, "channels");
  double v;

  if (cairn_json_get_number (channels, channel, &v))
    return v;
  const guint *engaged = SIM_MORE (user->base)->engaged;

  if (index >= 0 && engaged != NULL && engaged[index] > 0)
    return (double) engaged[8 + index] / engaged[index];
  return 0;
}

static int
run_split (Sim       *sim,
           SimUser   *user,
           guint      index,
           int        n,
           CairnTime  time)
{
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
  record.first_send = user->sends ? user->sends->len : 0;
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
        for (guint s = e->first_send; user->sends && s < user->sends->len && !success; s++)
          {
            SimSend *send = g_ptr_array_index (user->sends, s);
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

/* Arrives at node @n and runs nodes until the user waits or leaves. */
static void
arrive (Run       *run,
        SimUser   *user,
        guint      index,
        int        n,
        CairnTime  time)
{
  Sim *sim = run->cur;

  for (;;)
    {
      SimNode *node = &sim->nodes[n];
      SimEntry *entry = sim_current_entry (user);
      const char *type = node->kind ? node->kind->type : "";
      int port = -1;

      if (user->step_instant != time)
        {
          user->step_instant = time;
          user->steps = 0;
        }
      if (user->steps >= MAX_STEPS)
        {
          sim_timeline_add (sim, user, time, n, "stopped", "more than 1000 steps at one instant");
          sim_leave (sim, user, time, REASON_ERROR);
          return;
        }
      user->steps++;
      node->entered++;
      if (entry->path != NULL)
        g_array_append_val (entry->path, n);
      user->node = n;

      if (node->kind == NULL)
        port = -1;
      else if (node->kind->is_starter)
        {
          sim_timeline_add (sim, user, time, n, "entered", NULL);
          port = sim_port_index (node, "out");
        }
      else if (g_str_equal (type, "wait.duration") || g_str_equal (type, "wait.until_time")
               || g_str_equal (type, "wait.until_event"))
        {
          CairnTime due;
          g_autofree char *detail = NULL;

          if (g_str_equal (type, "wait.duration"))
            due = time + node->duration;
          else if (g_str_equal (type, "wait.until_time"))
            due = cairn_time_next_wall_clock (sim->tz, time, node->minutes, node->days_mask);
          else
            due = time + node->duration;
          user->wait = g_str_equal (type, "wait.until_event") ? WAIT_EVENT : WAIT_TIMER;
          user->wait_counter = sim->counter;
          sim_schedule_timer (run, due, ITEM_TIMER_PORT, user, index, n,
                          sim_port_index (node, user->wait == WAIT_EVENT ? "timeout" : "out"));
          /* The detail is for the timeline only. */
          if (!user->record)
            return;
          if (user->wait == WAIT_EVENT)
            {
              g_autofree char *limit = cairn_duration_describe (node->duration);
              detail = g_strdup_printf ("until %s or %s", node->event, limit);
            }
          else
            {
              g_autofree char *until = cairn_time_format (due);
              detail = g_strdup_printf ("until %s", until);
            }
          sim_timeline_add (sim, user, time, n, "waiting", detail);
          return;
        }
      else if (g_str_equal (type, "condition.check"))
        port = run_check (sim, user, node, n, time);
      else if (g_str_equal (type, "condition.reachability"))
        {
          port = sim_port_index (node, "unreachable");
          for (guint p = 0; p + 1 < node->n_ports; p++)
            if (sim_reachable (user, node->ports[p]))
              {
                port = p;
                break;
              }
          sim_timeline_add (sim, user, time, n, "branch", node->ports[port]);
        }
      else if (g_str_equal (type, "next_best_channel"))
        {
          double best = -1;
          port = sim_port_index (node, "unreachable");
          for (guint p = 0; p + 1 < node->n_ports; p++)
            if (sim_reachable (user, node->ports[p]))
              {
                double score = channel_score (user, node->ports[p], cairn_channel_index (node->ports[p]));
                if (score > best)
                  {
                    best = score;
                    port = p;
                  }
              }
          sim_timeline_add (sim, user, time, n, "branch", node->ports[port]);
        }
      else if (g_str_equal (type, "condition.interaction"))
        {
          SimSend *latest = NULL;
          gboolean yes = FALSE;

          for (guint s = user->sends ? user->sends->len : 0; s-- > 0;)
            {
              SimSend *send = g_ptr_array_index (user->sends, s);
              if (send->node == node->message_node && send->entry == user->n_entries - 1)
                {
                  latest = send;
                  break;
                }
            }
          if (latest != NULL)
            {
              CairnTime t = node->interaction == 0 ? latest->delivered
                            : node->interaction == 1 ? latest->opened : latest->clicked;
              yes = t >= 0 && (node->duration < 0 || t <= latest->time + node->duration);
            }
          port = sim_port_index (node, yes ? "yes" : "no");
          sim_timeline_add (sim, user, time, n, "branch", yes ? "yes" : "no");
        }
      else if (g_str_equal (type, "split.ab"))
        port = run_split (sim, user, index, n, time);
      else if (node->kind->is_message)
        {
          port = sim_run_message (run, user, index, n, time);
          if (port < 0)
            return;
        }
      else if (g_str_equal (type, "action.set_attribute"))
        {
          const char *attribute = cairn_json_get_string (node->config, "attribute");
          JsonNode *value = json_object_get_member (node->config, "value");

          if (attribute != NULL)
            {
              if (value == NULL || JSON_NODE_HOLDS_NULL (value))
                {
                  if (user->base->attributes && json_object_has_member (user->base->attributes, attribute))
                    json_object_remove_member (sim_own_attributes (user), attribute);
                }
              else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
                {
                  CairnTemplateContext context;

                  sim_entry_template (user, entry, NULL, &context);
                  g_autofree char *text = cairn_template_render_text (json_node_get_string (value), &context, FALSE);
                  json_object_set_string_member (sim_own_attributes (user), attribute, text);
                }
              else
                json_object_set_member (sim_own_attributes (user), attribute, cairn_json_deep_copy (value));
            }
          sim_timeline_add (sim, user, time, n, "set", attribute);
          port = sim_port_index (node, "out");
        }
      else if (g_str_equal (type, "exit"))
        {
          sim_leave (sim, user, time, REASON_EXIT_NODE);
          return;
        }

      if (port < 0)
        {
          sim_leave (sim, user, time, REASON_COMPLETED);
          return;
        }
      node->port_counts[port]++;
      if (node->targets[port] < 0)
        {
          sim_leave (sim, user, time, REASON_COMPLETED);
          return;
        }
      n = node->targets[port];
    }
}

void
sim_follow (Run       *run,
            SimUser   *user,
            guint      index,
            int        n,
            int        port,
            CairnTime  time)
{
  SimNode *node = &run->cur->nodes[n];

  user->wait = WAIT_NONE;
  if (port < 0)
    {
      sim_leave (run->cur, user, time, REASON_COMPLETED);
      return;
    }
  node->port_counts[port]++;
  if (node->targets[port] < 0)
    sim_leave (run->cur, user, time, REASON_COMPLETED);
  else
    arrive (run, user, index, node->targets[port], time);
}

gboolean
sim_may_enter (Sim       *sim,
               SimUser   *user,
               CairnTime  time)
{
  SimEntry *last = sim_current_entry (user);

  if (user->active)
    return FALSE;
  if (last == NULL)
    return TRUE;
  if (sim->reentry_once)
    return FALSE;
  return time >= last->time + sim->cooldown;
}

void
sim_enter (Run        *run,
           SimUser    *user,
           guint       index,
           CairnTime   time,
           JsonObject *params,
           const char *params_text)
{
  Sim *sim = run->cur;
  SimEntry *entry = sim_alloc0 (sim, sizeof (SimEntry) + sim->n_goals * sizeof (CairnTime));

  entry->time = time;
  entry->params = params ? json_object_ref (params) : NULL;
  /* A replayed event's params are read from their text. */
  if (params == NULL && params_text != NULL)
    {
      gsize size = strlen (params_text) + 1;
      entry->params_text = memcpy (sim_alloc0 (sim, size), params_text, size);
    }
  /* Only the people of the report show their paths. */
  if (user->record)
    entry->path = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint g = 0; g < sim->n_goals; g++)
    entry->goal_times[g] = -1;
  entry->reason = -1;
  if (user->current != NULL)
    {
      guint i = user->n_entries - 1;   /* the current one's place among the older */

      /* From the run's blocks, doubling: room for 1, 2, 4 ... entries, so
         what is left behind adds up to no more than what is in use. */
      if ((i & (i - 1)) == 0)
        {
          SimEntry **older = sim_alloc0 (sim, MAX (2 * i, 1) * sizeof (SimEntry *));

          if (i > 0)
            memcpy (older, user->older, i * sizeof (SimEntry *));
          user->older = older;
        }
      user->older[i] = user->current;
    }
  user->n_entries++;
  user->current = entry;
  user->active = TRUE;
  user->generation++;
  sim->entered++;
  arrive (run, user, index, sim->starter, time);
}
