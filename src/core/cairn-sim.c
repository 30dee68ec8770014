/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-predicate.h"
#include "cairn-rng.h"
#include "cairn-sim-private.h"
#include "cairn-template.h"

/* The scheduler: one queue ordered by (time, class, sequence) (T5). Input
 * events are pulled from the input one at a time; generated events, daily
 * ticks and timers wait in a binary heap. */

#define MAX_STEPS 1000

enum { CLASS_EVENT, CLASS_TICK, CLASS_TIMER };
enum { ITEM_EVENT, ITEM_TICK, ITEM_TIMER_PORT, ITEM_TIMER_QUIET };
enum { ENGAGE_NONE, ENGAGE_DELIVERED, ENGAGE_OPENED, ENGAGE_CLICKED };

typedef struct
{
  CairnTime    time;
  guint64      seq;
  /* events */
  const char  *name;
  const char  *platform;
  JsonObject  *params;       /* read with item_params () */
  char        *params_text;  /* params of a replayed event, parsed on first use */
  SimSend     *send;         /* engagement of this send */
  guint        user;
  /* timers */
  guint        generation;
  gint32       node;
  gint32       port;
  gint8        cls;
  gint8        generated;    /* input events before generated ones at equal times */
  gint8        kind;
  gint8        engage;
  gboolean     counted : 1;  /* an input event (after_message included) */
} Item;

/* Event names the engine compares by pointer, interned once. */
static const char *name_message_clicked;
static const char *name_message_delivered;
static const char *name_message_opened;
static const char *name_purchase;
static const char *name_set_attributes;

static void
intern_names (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      name_message_clicked = g_intern_static_string ("message_clicked");
      name_message_delivered = g_intern_static_string ("message_delivered");
      name_message_opened = g_intern_static_string ("message_opened");
      name_purchase = g_intern_static_string ("purchase");
      name_set_attributes = g_intern_static_string ("set_attributes");
      g_once_init_leave (&done, 1);
    }
}

/* Exact sums (Shewchuk's partials, rounded once at the end as Python's
 * math.fsum does): the same value whatever the order of the terms. */
void
sim_sum_add (SimSum *sum,
             double  x)
{
  guint i = 0;

  for (guint j = 0; j < sum->n; j++)
    {
      double y = sum->partials[j], hi, lo;
      if (fabs (x) < fabs (y))
        {
          double t = x;
          x = y;
          y = t;
        }
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0)
        sum->partials[i++] = lo;
      x = hi;
    }
  if (i >= sum->capacity)
    {
      sum->capacity = MAX (8, sum->capacity * 2);
      sum->partials = g_renew (double, sum->partials, sum->capacity);
    }
  sum->partials[i++] = x;
  sum->n = i;
}

void
sim_sum_merge (SimSum *into,
               SimSum *from)
{
  for (guint i = 0; i < from->n; i++)
    sim_sum_add (into, from->partials[i]);
}

double
sim_sum_value (const SimSum *sum)
{
  guint n = sum->n;
  double hi = 0.0, lo = 0.0;

  if (n == 0)
    return 0.0;
  hi = sum->partials[--n];
  while (n > 0)
    {
      double x = hi, y = sum->partials[--n], yr;
      hi = x + y;
      yr = hi - x;
      lo = y - yr;
      if (lo != 0.0)
        break;
    }
  /* Round half to even across the partials below. */
  if (n > 0 && ((lo < 0 && sum->partials[n - 1] < 0) || (lo > 0 && sum->partials[n - 1] > 0)))
    {
      double y = lo * 2, x = hi + y, yr = x - hi;
      if (y == yr)
        hi = x;
    }
  return hi;
}

typedef struct
{
  GPtrArray *items;
} Heap;

static int
item_compare (const Item *a,
              const Item *b)
{
  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  if (a->cls != b->cls)
    return a->cls < b->cls ? -1 : 1;
  if (a->generated != b->generated)
    return a->generated < b->generated ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
heap_push (Heap *heap,
           Item *item)
{
  GPtrArray *a = heap->items;
  guint i;

  g_ptr_array_add (a, item);
  for (i = a->len - 1; i > 0;)
    {
      guint parent = (i - 1) / 2;
      if (item_compare (a->pdata[parent], a->pdata[i]) <= 0)
        break;
      gpointer tmp = a->pdata[parent];
      a->pdata[parent] = a->pdata[i];
      a->pdata[i] = tmp;
      i = parent;
    }
}

static Item *
heap_pop (Heap *heap)
{
  GPtrArray *a = heap->items;
  Item *top;
  guint i = 0;

  if (a->len == 0)
    return NULL;
  top = a->pdata[0];
  a->pdata[0] = a->pdata[a->len - 1];
  g_ptr_array_set_size (a, a->len - 1);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      if (l < a->len && item_compare (a->pdata[l], a->pdata[m]) < 0)
        m = l;
      if (r < a->len && item_compare (a->pdata[r], a->pdata[m]) < 0)
        m = r;
      if (m == i)
        break;
      gpointer tmp = a->pdata[m];
      a->pdata[m] = a->pdata[i];
      a->pdata[i] = tmp;
      i = m;
    }
  return top;
}

static void
item_free (Item *item)
{
  g_clear_pointer (&item->params, json_object_unref);
  g_free (item->params_text);
  g_free (item);
}

/* Most replayed events are never looked into: their params are parsed
 * only when something reads them. */
static JsonObject *
item_params (Item *item)
{
  if (item->params == NULL && item->params_text != NULL)
    {
      item->params = cairn_input_parse_params (item->params_text);
      g_clear_pointer (&item->params_text, g_free);
    }
  return item->params;
}

typedef struct
{
  Sim                    sim;
  Heap                   heap;
  guint64                seq;
  /* A partition's input: the input's events, read in place. */
  const CairnInputEvent *events;
  guint                  n_events;
  guint                  next_event;
} Run;

static void timeline_add (Sim *sim, SimUser *user, CairnTime time, int node, const char *step, const char *detail);

/* Journey compilation */

static int
node_index (Sim        *sim,
            const char *id)
{
  for (guint i = 0; id && i < sim->n_nodes; i++)
    if (g_strcmp0 (sim->nodes[i].id, id) == 0)
      return i;
  return -1;
}

static int
port_index (SimNode    *node,
            const char *port)
{
  for (guint i = 0; i < node->n_ports; i++)
    if (g_strcmp0 (node->ports[i], port) == 0)
      return i;
  return -1;
}

static CairnDuration
config_duration (JsonObject *config,
                 const char *member,
                 CairnDuration fallback)
{
  CairnDuration d;
  const char *text = cairn_json_get_string (config, member);
  return text && cairn_duration_parse (text, &d, NULL) ? d : fallback;
}

static void
mark_reachable (Sim      *sim,
                gboolean *reach,
                int       node)
{
  if (node < 0 || reach[node])
    return;
  reach[node] = TRUE;
  for (guint p = 0; p < sim->nodes[node].n_ports; p++)
    mark_reachable (sim, reach, sim->nodes[node].targets[p]);
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

static void
compile_journey (Sim *sim)
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
      const char *type = node->kind ? node->kind->type : "";

      for (guint p = 0; p < node->n_ports; p++)
        {
          CairnEdge *edge = cairn_journey_find_edge (sim->journey, node->id, node->ports[p]);
          node->targets[p] = edge ? node_index (sim, edge->to) : -1;
        }
      if (node->kind && node->kind->is_message)
        {
          int failed = port_index (node, "failed");
          node->failed_port = failed >= 0 && node->targets[failed] >= 0 ? failed : port_index (node, "out");
        }

      if (g_str_equal (type, "wait.duration"))
        node->duration = config_duration (node->config, "duration", 0);
      else if (g_str_equal (type, "wait.until_time"))
        {
          JsonArray *days = cairn_json_get_array (node->config, "days");
          cairn_time_of_day_parse (cairn_json_get_string (node->config, "time"), &node->minutes, NULL);
          for (guint d = 0; days && d < json_array_get_length (days); d++)
            {
              int weekday;
              if (cairn_weekday_parse (json_array_get_string_element (days, d), &weekday, NULL))
                node->days_mask |= 1u << weekday;
            }
        }
      else if (g_str_equal (type, "wait.until_event"))
        {
          node->event = g_intern_string (cairn_json_get_string (node->config, "event"));
          node->where = json_object_get_member (node->config, "where");
          node->duration = config_duration (node->config, "timeout", 0);
        }
      else if (g_str_equal (type, "condition.interaction"))
        {
          const char *interaction = cairn_json_get_string (node->config, "interaction");
          node->message_node = node_index (sim, cairn_json_get_string (node->config, "message"));
          node->interaction = g_strcmp0 (interaction, "delivered") == 0 ? 0 : g_strcmp0 (interaction, "opened") == 0 ? 1 : 2;
          node->duration = config_duration (node->config, "within", -1);
        }
      else if (g_str_equal (type, "split.ab"))
        {
          JsonArray *variants = cairn_json_get_array (node->config, "variants");
          JsonObject *auto_winner = cairn_json_get_object (node->config, "autowinner");
          const char *metric = cairn_json_get_string (auto_winner, "metric");

          node->weights = g_new0 (double, node->n_ports);
          node->variant_entered = g_new0 (guint64, node->n_ports);
          for (guint p = 0; variants && p < json_array_get_length (variants); p++)
            {
              JsonObject *variant = json_array_get_object_element (variants, p);
              int port = port_index (node, cairn_json_get_string (variant, "id"));
              if (port >= 0 && cairn_json_get_number (variant, "weight", &v))
                node->weights[port] = v;
            }
          if (auto_winner != NULL)
            {
              node->autowinner = TRUE;
              node->metric = g_strcmp0 (metric, "click_rate") == 0 ? METRIC_CLICK
                             : g_strcmp0 (metric, "goal_rate") == 0 ? METRIC_GOAL : METRIC_OPEN;
              node->min_entries = cairn_json_get_number (auto_winner, "min_entries_per_variant", &v) ? (guint) v : 1;
              node->evaluate_after = config_duration (auto_winner, "evaluate_after", 0);
            }
          node->reach = g_new0 (gboolean, (gsize) node->n_ports * sim->n_nodes);
          for (guint p = 0; p < node->n_ports; p++)
            mark_reachable (sim, node->reach + (gsize) p * sim->n_nodes, node->targets[p]);
        }
    }

  sim->n_goals = goals ? json_array_get_length (goals) : 0;
  sim->goals = g_new0 (SimGoal, MAX (sim->n_goals, 1));
  for (guint g = 0; g < sim->n_goals; g++)
    {
      JsonObject *goal = json_array_get_object_element (goals, g);
      JsonNode *exit = goal ? json_object_get_member (goal, "exit") : NULL;

      sim->goals[g].id = cairn_json_get_string (goal, "id");
      sim->goals[g].event = g_intern_string (cairn_json_get_string (goal, "event"));
      sim->goals[g].where = goal ? json_object_get_member (goal, "where") : NULL;
      sim->goals[g].window = config_duration (goal, "window", 0);
      sim->goals[g].value_param = cairn_json_get_string (goal, "value_param");
      sim->goals[g].exit = exit && JSON_NODE_HOLDS_VALUE (exit) && json_node_get_value_type (exit) == G_TYPE_BOOLEAN
                           && json_node_get_boolean (exit);
    }
  sim->exit_criteria = cairn_json_get_array (root, "exit_criteria");
  sim->n_exit_criteria = sim->exit_criteria ? json_array_get_length (sim->exit_criteria) : 0;
  sim->exit_events = g_new0 (const char *, MAX (sim->n_exit_criteria, 1));
  sim->exit_wheres = g_new0 (JsonNode *, MAX (sim->n_exit_criteria, 1));
  for (guint c = 0; c < sim->n_exit_criteria; c++)
    {
      JsonObject *criterion = json_array_get_object_element (sim->exit_criteria, c);
      sim->exit_events[c] = g_intern_string (cairn_json_get_string (criterion, "event"));
      sim->exit_wheres[c] = json_object_get_member (criterion, "where");
    }

  sim->history_keep = g_hash_table_new (NULL, NULL);
  scan_history_needs (sim, cairn_journey_get_root (sim->journey));
  sim->keep_history = sim->history_window > 0 || g_hash_table_size (sim->history_keep) > 0;

  sim->reentry_once = g_strcmp0 (cairn_json_get_string (entry, "reentry"), "once") == 0;
  sim->cooldown = config_duration (entry, "cooldown", 0);
  sim->cap_max = cap && cairn_json_get_number (cap, "max_messages", &v) ? (gint64) v : -1;
  sim->cap_per = config_duration (cap, "per", 0);
  if (quiet != NULL
      && cairn_time_of_day_parse (cairn_json_get_string (quiet, "start"), &sim->quiet_start, NULL)
      && cairn_time_of_day_parse (cairn_json_get_string (quiet, "end"), &sim->quiet_end, NULL)
      && sim->quiet_start != sim->quiet_end)
    {
      sim->has_quiet = TRUE;
      sim->quiet_skip = g_strcmp0 (cairn_json_get_string (quiet, "mode"), "skip") == 0;
    }
}

/* Users */

static SimUser *
new_user (Sim   *sim,
          guint  index)
{
  SimUser *user = g_new0 (SimUser, 1);
  CairnUser *profile = cairn_input_get_user (sim->input, index);

  user->profile = profile;
  /* Shared with the profile until the first change (own_attributes). */
  user->attributes = profile && profile->attributes ? json_object_ref (profile->attributes) : NULL;
  /* The people of the report (§7, §8): every scripted user, and with
     --trace the others, all or the first N of them in known order. Users
     are made in known order; a partition's users were all known from the
     start, in user order. */
  if (index < sim->input->n_scripted)
    user->record = TRUE;
  else if (sim->options->trace == 0)
    user->record = TRUE;
  else if (sim->options->trace > 0 && sim->partitioned)
    user->record = index - sim->input->n_scripted < (guint) sim->options->trace;
  else if (sim->options->trace > 0 && sim->n_recorded_others < (guint) sim->options->trace)
    {
      user->record = TRUE;
      sim->n_recorded_others++;
    }
  if (sim->keep_history)
    user->history = g_array_new (FALSE, FALSE, sizeof (CairnEventRec));
  user->entries = g_ptr_array_new ();
  /* Per-node counters and the goals list are made on first use: most
     generated users never need them. */
  if (user->record)
    {
      user->messages = g_string_new (NULL);
      user->timeline = g_string_new (NULL);
    }
  user->node = -1;
  user->step_instant = G_MININT64;
  return user;
}

static SimUser *
get_user (Sim   *sim,
          guint  index)
{
  if (sim->partitioned)
    {
      if (sim->users->pdata[index] == NULL)
        sim->users->pdata[index] = new_user (sim, index);
      return sim->users->pdata[index];
    }
  while (sim->users->len <= index)
    g_ptr_array_add (sim->users, new_user (sim, sim->users->len));
  return g_ptr_array_index (sim->users, index);
}

static void
make_known (Sim   *sim,
            guint  index)
{
  SimUser *user = get_user (sim, index);
  if (!user->known)
    {
      user->known = TRUE;
      g_array_append_val (sim->known, index);
    }
}

static JsonObject *
own_attributes (SimUser *user)
{
  if (!user->attributes_owned)
    {
      JsonObject *copy = user->attributes ? cairn_json_object_deep_copy (user->attributes) : json_object_new ();
      g_clear_pointer (&user->attributes, json_object_unref);
      user->attributes = copy;
      user->attributes_owned = TRUE;
    }
  return user->attributes;
}

static SimEntry *
current_entry (SimUser *user)
{
  return user->entries->len ? g_ptr_array_index (user->entries, user->entries->len - 1) : NULL;
}

static void
predicate_context (Sim                   *sim,
                   SimUser               *user,
                   JsonObject            *params,
                   JsonObject            *template_event,
                   CairnTime              now,
                   CairnPredicateContext *ctx)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->user_id = user->profile->id;
  ctx->attributes = user->attributes;
  ctx->reachability = user->profile->reachability;
  ctx->affinity = user->profile->affinity;
  ctx->params = params;
  ctx->template_event = template_event;
  ctx->history = user->history ? (const CairnEventRec *) (void *) user->history->data : NULL;
  ctx->n_history = user->history ? user->history->len : 0;
  ctx->now = now;
}

static gboolean
reachable (SimUser    *user,
           const char *channel)
{
  JsonNode *node = user->profile->reachability ? json_object_get_member (user->profile->reachability, channel) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

static const char *const reason_names[N_REASONS] = { "completed", "exit_node", "exit_criteria", "goal", "error" };

static void
leave (Sim       *sim,
       SimUser   *user,
       CairnTime  time,
       int        reason)
{
  SimEntry *entry = current_entry (user);

  if (!user->active)
    return;
  user->active = FALSE;
  user->generation++;
  user->wait = WAIT_NONE;
  entry->reason = reason;
  sim->left[reason]++;
  timeline_add (sim, user, time, user->node, "left", reason_names[reason]);
  user->node = -1;
}

/* Timeline and messages, as report JSON */

static void
timeline_add (Sim        *sim,
              SimUser    *user,
              CairnTime   time,
              int         node,
              const char *step,
              const char *detail)
{
  GString *out = user->timeline;

  /* Only people the report lists have a timeline. */
  if (!user->record)
    return;
  if (out->len)
    g_string_append_c (out, ',');
  g_string_append (out, "{\"time\":\"");
  cairn_time_append (out, time);
  g_string_append (out, "\",\"node\":");
  if (node >= 0)
    cairn_json_append_string (out, sim->nodes[node].id);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"step\":");
  cairn_json_append_string (out, step);
  g_string_append (out, ",\"detail\":");
  cairn_json_append_string (out, detail ? detail : "");
  g_string_append_c (out, '}');
}

/* Items */

static Item *
item_new (Run       *run,
          CairnTime  time,
          int        cls,
          int        kind,
          guint      user)
{
  Item *item = g_new0 (Item, 1);
  item->time = time;
  item->cls = cls;
  item->kind = kind;
  item->user = user;
  item->seq = run->seq++;
  return item;
}

static void
schedule_event (Run         *run,
                CairnTime    time,
                guint        user,
                const char  *name,
                const char  *platform,
                JsonObject  *params,
                gboolean     counted,
                SimSend     *send,
                int          engage)
{
  Item *item = item_new (run, time, CLASS_EVENT, ITEM_EVENT, user);
  item->generated = 1;
  item->name = g_intern_string (name);
  item->platform = platform ? g_intern_string (platform) : NULL;
  item->params = params;
  item->counted = counted;
  item->send = send;
  item->engage = engage;
  heap_push (&run->heap, item);
}

static void
schedule_timer (Run       *run,
                CairnTime  time,
                int        kind,
                SimUser   *user,
                guint      index,
                int        node,
                int        port)
{
  Item *item = item_new (run, time, CLASS_TIMER, kind, index);
  item->generation = user->generation;
  item->node = node;
  item->port = port;
  heap_push (&run->heap, item);
}


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
  Sim *sim = &run->sim;
  SimNode *node = &sim->nodes[n];
  SimEntry *entry = current_entry (user);
  CairnTemplateContext context = { user->profile->id, user->attributes, entry->params, products };
  GString *out = user->messages;

  /* Messages are rendered for everyone, and kept for the people the
   * report lists. */
  if (!user->record)
    {
      if (g_str_equal (node->kind->type, "audience.facebook"))
        return;
      for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *text = cairn_json_get_string (node->config, fields[f]);
          gboolean escape = g_str_equal (fields[f], "body") && g_str_equal (node->kind->type, "message.email");

          if (text == NULL)
            continue;
          if (node->templates[f] == NULL)
            node->templates[f] = cairn_template_parse (text, NULL);
          if (node->templates[f] != NULL)
            g_free (cairn_template_render (node->templates[f], &context, escape));
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
  Sim *sim = &run->sim;
  SimNode *node = &sim->nodes[n];
  const char *channel = cairn_channels ()[node->channel];
  SimEntry *entry = current_entry (user);
  JsonObject *recommendations = cairn_json_get_object (node->config, "recommendations");
  g_autoptr(JsonArray) products = NULL;
  JsonObject *behavior = behavior_channel (user, channel);
  JsonArray *after_click = cairn_json_get_array (user->profile->behavior, "after_click");
  guint nth;

  if (user->node_sends == NULL)
    user->node_sends = g_new0 (guint, sim->n_nodes);
  nth = user->node_sends[n]++;
  SimSend *send = g_new0 (SimSend, 1);
  double p_deliver, p_open, p_click;
  gboolean delivered, opened, clicked;
  CairnTime open_time, click_time;
  double u_deliver, u_open, u_click;

  send->node = n;
  send->channel = node->channel;
  send->time = time;
  send->entry = user->entries->len - 1;
  send->delivered = send->opened = send->clicked = -1;
  if (user->sends == NULL)
    user->sends = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (user->sends, send);
  sim->channels[node->channel].sent++;

  if (recommendations != NULL && sim->catalog != NULL)
    {
      CairnPredicateContext ctx;
      g_autoptr(GHashTable) purchased = NULL;
      const char *category = cairn_json_get_string (entry->params, "category");

      predicate_context (sim, user, entry->params, entry->params, time, &ctx);
      purchased = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; user->purchased && i < user->purchased->len; i++)
        g_hash_table_add (purchased, user->purchased->pdata[i]);
      products = cairn_catalog_recommend (sim->catalog, recommendations, category, purchased, &ctx);
    }
  render_message (run, user, index, n, time, products);
  timeline_add (sim, user, time, n, "sent", channel);

  /* Engagement (R1–R3, G4): every draw is made, whatever the outcome. */
  p_deliver = behavior_number (behavior, "deliver", 1);
  p_open = behavior_number (behavior, "open", 0);
  p_click = behavior_number (behavior, "click", 0);
  open_time = time + config_duration (behavior, "open_delay", 30 * 60 * CAIRN_USEC_PER_SEC);
  click_time = open_time + config_duration (behavior, "click_delay", 5 * 60 * CAIRN_USEC_PER_SEC);
  u_deliver = cairn_rng_draw (sim->seed, user->profile->id, node->id, nth, "deliver");
  u_open = cairn_rng_draw (sim->seed, user->profile->id, node->id, nth, "open");
  u_click = cairn_rng_draw (sim->seed, user->profile->id, node->id, nth, "click");
  delivered = u_deliver < p_deliver;
  opened = delivered && u_open < p_open;
  clicked = opened && u_click < p_click;

  if (delivered)
    schedule_event (run, time, index, "message_delivered", NULL, shared_engagement_params (node, channel), FALSE, send,
                    ENGAGE_DELIVERED);
  if (opened)
    schedule_event (run, open_time, index, "message_opened", NULL, shared_engagement_params (node, channel), FALSE, send,
                    ENGAGE_OPENED);
  if (clicked)
    schedule_event (run, click_time, index, "message_clicked", NULL, shared_engagement_params (node, channel), FALSE, send,
                    ENGAGE_CLICKED);
  for (guint i = 0; after_click && i < json_array_get_length (after_click); i++)
    {
      JsonObject *spec = json_array_get_object_element (after_click, i);
      JsonObject *event = cairn_json_get_object (spec, "event");
      g_autofree char *purpose = g_strdup_printf ("after_click.%u", i + 1);
      double u = cairn_rng_draw (sim->seed, user->profile->id, node->id, nth, purpose);
      double probability = behavior_number (spec, "probability", 1);
      JsonObject *params = cairn_json_get_object (event, "params");

      if (clicked && u < probability && cairn_json_get_string (event, "name") != NULL)
        schedule_event (run, click_time + config_duration (spec, "delay", 0), index,
                        cairn_json_get_string (event, "name"), cairn_json_get_string (event, "platform"),
                        params ? cairn_json_object_deep_copy (params) : NULL, FALSE, NULL, ENGAGE_NONE);
    }
  if (nth == 0)
    for (guint i = 0; i < sim->input->after_messages->len; i++)
      {
        CairnAfterMessage *spec = &g_array_index (sim->input->after_messages, CairnAfterMessage, i);
        JsonObject *params;
        int engage = ENGAGE_NONE;

        if (spec->user != index || g_strcmp0 (spec->node, node->id) != 0)
          continue;
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
        schedule_event (run, time + spec->delay, index, spec->name, spec->platform, params, TRUE,
                        engage != ENGAGE_NONE ? send : NULL, engage);
      }
}

/* Returns the port to follow, or -1 when the user waits for quiet hours. */
static int
run_message (Run       *run,
             SimUser   *user,
             guint      index,
             int        n,
             CairnTime  time)
{
  Sim *sim = &run->sim;
  SimNode *node = &sim->nodes[n];
  SimChannel *channel = &sim->channels[node->channel];

  if (!reachable (user, cairn_channels ()[node->channel]))
    {
      channel->unreachable++;
      timeline_add (sim, user, time, n, "not sent", "unreachable");
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
          timeline_add (sim, user, time, n, "not sent", "capped");
          return node->failed_port;
        }
    }
  if (sim->has_quiet && cairn_time_in_quiet_hours (sim->tz, time, sim->quiet_start, sim->quiet_end))
    {
      if (sim->quiet_skip)
        {
          channel->quiet_hours++;
          timeline_add (sim, user, time, n, "not sent", "quiet_hours");
          return node->failed_port;
        }
      user->node = n;
      user->wait = WAIT_QUIET;
      schedule_timer (run, cairn_time_next_wall_clock (sim->tz, time, sim->quiet_end, 0), ITEM_TIMER_QUIET,
                      user, index, n, -1);
      timeline_add (sim, user, time, n, "waiting", "quiet hours");
      return -1;
    }
  send_message (run, user, index, n, time);
  return port_index (node, "out");
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
  SimEntry *entry = current_entry (user);
  CairnPredicateContext ctx;

  predicate_context (sim, user, entry->params, entry->params, time, &ctx);
  for (guint t = 0; tabs && t < json_array_get_length (tabs); t++)
    {
      JsonObject *tab = json_array_get_object_element (tabs, t);
      g_autoptr(GString) why = NULL;
      int port = port_index (node, cairn_json_get_string (tab, "id"));

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
          timeline_add (sim, user, time, n, "branch", detail);
          return port;
        }
    }
  timeline_add (sim, user, time, n, "branch", "else");
  return port_index (node, "else");
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
  if (index >= 0 && user->engaged != NULL && user->engaged[index] > 0)
    return (double) user->engaged[8 + index] / user->engaged[index];
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

  if (user->arrivals == NULL)
    user->arrivals = g_new0 (guint, sim->n_nodes);
  nth = user->arrivals[n]++;
  GArray *entries;
  SimSplitEntry record;
  int variant;

  if (sim->splits->pdata[n] == NULL)
    sim->splits->pdata[n] = g_array_new (FALSE, FALSE, sizeof (SimSplitEntry));
  entries = sim->splits->pdata[n];

  if (node->autowinner && node->winner < 0)
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
      double u = cairn_rng_draw (sim->seed, user->profile->id, node->id, nth, "split");
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
  record.entry = user->entries->len - 1;
  record.variant = variant;
  record.take = time;
  g_array_append_val (entries, record);
  node->variant_entered[variant]++;
  timeline_add (sim, user, time, n, "branch", node->ports[variant]);
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
  const gboolean *reach = node->reach + (gsize) variant * sim->n_nodes;
  guint good = 0, total = 0;

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
          SimEntry *entry = g_ptr_array_index (user->entries, e->entry);
          for (guint g = 0; g < sim->n_goals && !success; g++)
            success = entry->goal_times[g] > e->take && entry->goal_times[g] <= limit;
        }
      else
        for (guint s = 0; user->sends && s < user->sends->len && !success; s++)
          {
            SimSend *send = g_ptr_array_index (user->sends, s);
            CairnTime t = node->metric == METRIC_OPEN ? send->opened : send->clicked;
            success = send->entry == e->entry && send->time >= e->take && reach[send->node]
                      && t >= e->take && t <= limit;
          }
      good += success;
    }
  if (qualifying)
    *qualifying = total;
  return total ? (double) good / total : 0.0;
}

static void follow (Run *run, SimUser *user, guint index, int n, int port, CairnTime time);

/* Arrives at node @n and runs nodes until the user waits or leaves. */
static void
arrive (Run       *run,
        SimUser   *user,
        guint      index,
        int        n,
        CairnTime  time)
{
  Sim *sim = &run->sim;

  for (;;)
    {
      SimNode *node = &sim->nodes[n];
      SimEntry *entry = current_entry (user);
      const char *type = node->kind ? node->kind->type : "";
      int port = -1;

      if (user->step_instant != time)
        {
          user->step_instant = time;
          user->steps = 0;
        }
      if (user->steps >= MAX_STEPS)
        {
          timeline_add (sim, user, time, n, "stopped", "more than 1000 steps at one instant");
          leave (sim, user, time, REASON_ERROR);
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
          timeline_add (sim, user, time, n, "entered", NULL);
          port = port_index (node, "out");
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
          schedule_timer (run, due, ITEM_TIMER_PORT, user, index, n,
                          port_index (node, user->wait == WAIT_EVENT ? "timeout" : "out"));
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
          timeline_add (sim, user, time, n, "waiting", detail);
          return;
        }
      else if (g_str_equal (type, "condition.check"))
        port = run_check (sim, user, node, n, time);
      else if (g_str_equal (type, "condition.reachability"))
        {
          port = port_index (node, "unreachable");
          for (guint p = 0; p + 1 < node->n_ports; p++)
            if (reachable (user, node->ports[p]))
              {
                port = p;
                break;
              }
          timeline_add (sim, user, time, n, "branch", node->ports[port]);
        }
      else if (g_str_equal (type, "next_best_channel"))
        {
          double best = -1;
          port = port_index (node, "unreachable");
          for (guint p = 0; p + 1 < node->n_ports; p++)
            if (reachable (user, node->ports[p]))
              {
                double score = channel_score (user, node->ports[p], cairn_channel_index (node->ports[p]));
                if (score > best)
                  {
                    best = score;
                    port = p;
                  }
              }
          timeline_add (sim, user, time, n, "branch", node->ports[port]);
        }
      else if (g_str_equal (type, "condition.interaction"))
        {
          SimSend *latest = NULL;
          gboolean yes = FALSE;

          for (guint s = user->sends ? user->sends->len : 0; s-- > 0;)
            {
              SimSend *send = g_ptr_array_index (user->sends, s);
              if (send->node == node->message_node && send->entry == user->entries->len - 1)
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
          port = port_index (node, yes ? "yes" : "no");
          timeline_add (sim, user, time, n, "branch", yes ? "yes" : "no");
        }
      else if (g_str_equal (type, "split.ab"))
        port = run_split (sim, user, index, n, time);
      else if (node->kind->is_message)
        {
          port = run_message (run, user, index, n, time);
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
                  if (user->attributes && json_object_has_member (user->attributes, attribute))
                    json_object_remove_member (own_attributes (user), attribute);
                }
              else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
                {
                  CairnTemplateContext context = { user->profile->id, user->attributes, entry->params, NULL };
                  g_autofree char *text = cairn_template_render_text (json_node_get_string (value), &context, FALSE);
                  json_object_set_string_member (own_attributes (user), attribute, text);
                }
              else
                json_object_set_member (own_attributes (user), attribute, cairn_json_deep_copy (value));
            }
          timeline_add (sim, user, time, n, "set", attribute);
          port = port_index (node, "out");
        }
      else if (g_str_equal (type, "exit"))
        {
          leave (sim, user, time, REASON_EXIT_NODE);
          return;
        }

      if (port < 0)
        {
          leave (sim, user, time, REASON_COMPLETED);
          return;
        }
      node->port_counts[port]++;
      if (node->targets[port] < 0)
        {
          leave (sim, user, time, REASON_COMPLETED);
          return;
        }
      n = node->targets[port];
    }
}

static void
follow (Run       *run,
        SimUser   *user,
        guint      index,
        int        n,
        int        port,
        CairnTime  time)
{
  SimNode *node = &run->sim.nodes[n];

  user->wait = WAIT_NONE;
  if (port < 0)
    {
      leave (&run->sim, user, time, REASON_COMPLETED);
      return;
    }
  node->port_counts[port]++;
  if (node->targets[port] < 0)
    leave (&run->sim, user, time, REASON_COMPLETED);
  else
    arrive (run, user, index, node->targets[port], time);
}

static gboolean
may_enter (Sim       *sim,
           SimUser   *user,
           CairnTime  time)
{
  SimEntry *last = current_entry (user);

  if (user->active)
    return FALSE;
  if (last == NULL)
    return TRUE;
  if (sim->reentry_once)
    return FALSE;
  return time >= last->time + sim->cooldown;
}

static void
enter (Run        *run,
       SimUser    *user,
       guint       index,
       CairnTime   time,
       JsonObject *params)
{
  Sim *sim = &run->sim;
  SimEntry *entry = g_new0 (SimEntry, 1);

  entry->time = time;
  entry->params = params ? json_object_ref (params) : NULL;
  /* Only the people of the report show their paths. */
  if (user->record)
    entry->path = g_array_new (FALSE, FALSE, sizeof (int));
  entry->goal_times = g_new (CairnTime, MAX (sim->n_goals, 1));
  for (guint g = 0; g < sim->n_goals; g++)
    entry->goal_times[g] = -1;
  entry->reason = -1;
  g_ptr_array_add (user->entries, entry);
  user->active = TRUE;
  user->generation++;
  sim->entered++;
  arrive (run, user, index, sim->starter, time);
}

/* Drops the events no predicate can look at any more, keeping the ones
 * some rule needs whatever their age (purchases for exclude_purchased, the
 * source events of a dynamic date). Amortised: runs when the history has
 * doubled since the last time. */
static void
prune_history (Sim       *sim,
               SimUser   *user,
               CairnTime  now)
{
  guint kept = 0;

  for (guint i = 0; i < user->history->len; i++)
    {
      CairnEventRec *rec = &g_array_index (user->history, CairnEventRec, i);
      if (rec->time > now - sim->history_window || g_hash_table_contains (sim->history_keep, rec->name))
        g_array_index (user->history, CairnEventRec, kept++) = *rec;
      else
        g_clear_pointer (&rec->params, json_object_unref);
    }
  g_array_set_size (user->history, kept);
  user->history_kept = kept;
}

/* Events (§5 steps 1–5) */

static gboolean
event_matches (Sim        *sim,
               SimUser    *user,
               const char *name,
               JsonNode   *where,
               Item       *event)
{
  SimEntry *entry = current_entry (user);
  CairnPredicateContext ctx;

  if (name == NULL || name != event->name)
    return FALSE;
  if (where == NULL)
    return TRUE;
  predicate_context (sim, user, item_params (event), entry ? entry->params : NULL, event->time, &ctx);
  return cairn_predicate_eval (where, &ctx);
}

static gboolean
platform_listed (JsonArray  *platforms,
                 const char *platform)
{
  if (platforms == NULL)
    return TRUE;
  if (platform == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (platforms); i++)
    if (g_strcmp0 (json_array_get_string_element (platforms, i), platform) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
starter_matches (Sim      *sim,
                 SimUser  *user,
                 Item     *event,
                 JsonNode *old_value,
                 gboolean  attribute_changed)
{
  SimNode *starter = &sim->nodes[sim->starter];
  JsonObject *config = starter->config;
  const char *type = starter->kind->type;
  CairnPredicateContext ctx;
  JsonNode *where = json_object_get_member (config, "where");

  if (g_str_equal (type, "starter.event") && g_strcmp0 (cairn_json_get_string (config, "event"), event->name) != 0)
    return FALSE;
  predicate_context (sim, user, item_params (event), item_params (event), event->time, &ctx);
  if (g_str_equal (type, "starter.event"))
    {
      JsonNode *segment = json_object_get_member (config, "segment");
      return g_strcmp0 (cairn_json_get_string (config, "event"), event->name) == 0
             && platform_listed (cairn_json_get_array (config, "platforms"), event->platform)
             && (where == NULL || cairn_predicate_eval (where, &ctx))
             && (segment == NULL || cairn_predicate_eval (segment, &ctx));
    }
  if (g_str_equal (type, "starter.website_action"))
    {
      const char *contains = cairn_json_get_string (config, "url_contains");
      const char *url = cairn_json_get_string (item_params (event), "url");
      return g_strcmp0 (event->platform, "web") == 0
             && g_strcmp0 (cairn_json_get_string (config, "action"), event->name) == 0
             && (contains == NULL || (url != NULL && strstr (url, contains) != NULL))
             && (where == NULL || cairn_predicate_eval (where, &ctx));
    }
  if (g_str_equal (type, "starter.attribute_change"))
    {
      const char *attribute = cairn_json_get_string (config, "attribute");
      JsonNode *from = json_object_get_member (config, "from");
      JsonNode *to = json_object_get_member (config, "to");
      JsonNode *new_value;

      if (!attribute_changed || attribute == NULL)
        return FALSE;
      new_value = user->attributes ? json_object_get_member (user->attributes, attribute) : NULL;
      if (from != NULL && (old_value == NULL || !cairn_json_equal (old_value, from)))
        return FALSE;
      if (to != NULL && (new_value == NULL || !cairn_json_equal (new_value, to)))
        return FALSE;
      return TRUE;
    }
  return FALSE;
}

static void
process_event (Run  *run,
               Item *event)
{
  Sim *sim = &run->sim;
  SimUser *user = get_user (sim, event->user);
  SimEntry *entry;
  g_autoptr(JsonNode) old_value = NULL;
  gboolean attribute_changed = FALSE;
  gboolean engagement = event->name == name_message_delivered
                        || event->name == name_message_opened
                        || event->name == name_message_clicked;
  int channel_index;

  make_known (sim, event->user);
  /* History is kept only when something looks back at it: a history
     predicate, a dynamic date. Purchased product ids, which
     exclude_purchased needs, are kept on their own. */
  if (sim->keep_history)
    {
      CairnEventRec rec = { event->time, event->name, event->platform, item_params (event) };
      if (rec.params)
        json_object_ref (rec.params);
      g_array_append_val (user->history, rec);
      if (user->history->len >= 2 * user->history_kept + 8)
        prune_history (sim, user, event->time);
    }
  if (sim->track_purchases && event->name == name_purchase)
    {
      const char *product = cairn_json_get_string (item_params (event), "product_id");
      if (product != NULL)
        {
          product = g_intern_string (product);
          if (user->purchased == NULL)
            user->purchased = g_ptr_array_new ();
          for (guint i = 0; product && i < user->purchased->len; i++)
            if (user->purchased->pdata[i] == product)
              product = NULL;
          if (product != NULL)
            g_ptr_array_add (user->purchased, (gpointer) product);
        }
    }
  if (event->counted)
    sim->events++;

  /* Engagement bookkeeping (N6, N7). */
  channel_index = engagement ? cairn_channel_index (cairn_json_get_string (item_params (event), "channel")) : -1;
  if (channel_index >= 0 && event->name == name_message_delivered)
    {
      if (user->engaged == NULL)
        user->engaged = g_new0 (guint, 16);
      user->engaged[channel_index]++;
    }
  if (channel_index >= 0 && event->name == name_message_clicked)
    {
      if (user->engaged == NULL)
        user->engaged = g_new0 (guint, 16);
      user->engaged[8 + channel_index]++;
    }
  if (event->send == NULL && event->counted
      && (event->name == name_message_opened
          || event->name == name_message_clicked))
    {
      const char *node_id = cairn_json_get_string (item_params (event), "node");
      int n = node_id ? node_index (sim, node_id) : -1;
      for (guint s = user->sends ? user->sends->len : 0; n >= 0 && s-- > 0;)
        {
          SimSend *send = g_ptr_array_index (user->sends, s);
          if (send->node == n && send->time <= event->time)
            {
              event->send = send;
              event->engage = event->name == name_message_opened ? ENGAGE_OPENED : ENGAGE_CLICKED;
              break;
            }
        }
    }
  if (event->send != NULL)
    {
      SimChannel *stats = &sim->channels[event->send->channel];
      CairnTime *slot = event->engage == ENGAGE_DELIVERED ? &event->send->delivered
                        : event->engage == ENGAGE_OPENED ? &event->send->opened : &event->send->clicked;
      if (*slot < 0 || event->time < *slot)
        *slot = event->time;
      if (event->engage == ENGAGE_DELIVERED)
        stats->delivered++;
      else if (event->engage == ENGAGE_OPENED)
        stats->opened++;
      else if (event->engage == ENGAGE_CLICKED)
        stats->clicked++;
    }

  /* Step 1: set_attributes. */
  if (event->name == name_set_attributes && item_params (event))
    {
      SimNode *starter = sim->starter >= 0 ? &sim->nodes[sim->starter] : NULL;
      const char *watched = starter && g_str_equal (starter->kind->type, "starter.attribute_change")
                            ? cairn_json_get_string (starter->config, "attribute") : NULL;
      g_autoptr(GList) names = json_object_get_members (event->params);

      if (watched && json_object_has_member (event->params, watched))
        {
          JsonNode *before = user->attributes ? json_object_get_member (user->attributes, watched) : NULL;
          JsonNode *after = json_object_get_member (event->params, watched);
          gboolean before_absent = before == NULL || JSON_NODE_HOLDS_NULL (before);
          gboolean after_absent = after == NULL || JSON_NODE_HOLDS_NULL (after);

          old_value = before_absent ? NULL : cairn_json_deep_copy (before);
          attribute_changed = before_absent != after_absent
                              || (!before_absent && !cairn_json_equal (before, after));
        }
      for (GList *l = names; l; l = l->next)
        {
          JsonNode *value = json_object_get_member (event->params, l->data);
          if (JSON_NODE_HOLDS_NULL (value))
            {
              if (user->attributes && json_object_has_member (user->attributes, l->data))
                json_object_remove_member (own_attributes (user), l->data);
            }
          else
            json_object_set_member (own_attributes (user), l->data, cairn_json_deep_copy (value));
        }
    }

  /* Step 2: goals of the latest entry, also after leaving. */
  entry = current_entry (user);
  if (entry != NULL)
    for (guint g = 0; g < sim->n_goals; g++)
      {
        SimGoal *goal = &sim->goals[g];
        if (entry->goal_times[g] >= 0 || event->time <= entry->time || event->time > entry->time + goal->window
            || !event_matches (sim, user, goal->event, goal->where, event))
          continue;
        entry->goal_times[g] = event->time;
        goal->reached++;
        if (user->goals_any == NULL)
          user->goals_any = g_new0 (gboolean, sim->n_goals);
        user->goals_any[g] = TRUE;
        {
          JsonNode *value = goal->value_param && item_params (event)
                            ? json_object_get_member (item_params (event), goal->value_param) : NULL;
          if (cairn_json_node_is_number (value) && sim->exact_sums)
            sim_sum_add (&goal->exact, cairn_json_node_number (value));
          else if (cairn_json_node_is_number (value))
            goal->value += cairn_json_node_number (value);
        }
        timeline_add (sim, user, event->time, -1, "goal", goal->id);
        if (goal->exit && user->active)
          leave (sim, user, event->time, REASON_GOAL);
      }

  /* Step 3: exit criteria. */
  for (guint c = 0; user->active && c < sim->n_exit_criteria; c++)
    {
      if (event_matches (sim, user, sim->exit_events[c], sim->exit_wheres[c], event))
        leave (sim, user, event->time, REASON_EXIT_CRITERIA);
    }

  /* Step 4: a wait for this event. */
  if (user->active && user->wait == WAIT_EVENT && sim->counter > user->wait_counter)
    {
      SimNode *node = &sim->nodes[user->node];
      if (event_matches (sim, user, node->event, node->where, event))
        {
          user->generation++;
          timeline_add (sim, user, event->time, user->node, "resumed", event->name);
          follow (run, user, event->user, user->node, port_index (node, "event"), event->time);
        }
    }

  /* Step 5: the starter. */
  if (sim->starter >= 0 && !sim->nodes[sim->starter].kind->is_daily && may_enter (sim, user, event->time)
      && starter_matches (sim, user, event, old_value, attribute_changed))
    enter (run, user, event->user, event->time, item_params (event));
}

/* Daily starters (E2–E4) */

static gboolean
date_of (Sim       *sim,
         SimUser   *user,
         CairnTime  now,
         gint64    *days,
         JsonObject **entry_params)
{
  JsonObject *config = sim->nodes[sim->starter].config;
  JsonObject *source = cairn_json_get_object (config, "source");
  JsonNode *where = json_object_get_member (config, "where");
  const char *attribute = cairn_json_get_string (source, "attribute");
  const char *event = cairn_json_get_string (source, "event");
  const char *param = cairn_json_get_string (source, "param");
  CairnPredicateContext ctx;

  *entry_params = NULL;
  if (attribute != NULL)
    {
      predicate_context (sim, user, NULL, NULL, now, &ctx);
      if (where != NULL && !cairn_predicate_eval (where, &ctx))
        return FALSE;
      const char *text = cairn_json_get_string (user->attributes, attribute);
      return text != NULL && cairn_date_parse (text, days);
    }
  if (event == NULL || param == NULL)
    return FALSE;
  for (guint i = user->history ? user->history->len : 0; i-- > 0;)
    {
      CairnEventRec *rec = &g_array_index (user->history, CairnEventRec, i);
      if (g_strcmp0 (rec->name, event) != 0)
        continue;
      predicate_context (sim, user, rec->params, rec->params, now, &ctx);
      if (where != NULL && !cairn_predicate_eval (where, &ctx))
        continue;
      *entry_params = rec->params;
      {
        const char *text = cairn_json_get_string (rec->params, param);
        return text != NULL && cairn_date_parse (text, days);
      }
    }
  return FALSE;
}

static gboolean
dynamic_date_due (Sim       *sim,
                  SimUser   *user,
                  CairnTime  now,
                  JsonObject **entry_params)
{
  JsonObject *config = sim->nodes[sim->starter].config;
  double offset = 0;
  gboolean after = g_strcmp0 (cairn_json_get_string (config, "mode"), "after") == 0;
  JsonNode *yearly_node = json_object_get_member (config, "yearly");
  gboolean yearly = yearly_node && JSON_NODE_HOLDS_VALUE (yearly_node)
                    && json_node_get_value_type (yearly_node) == G_TYPE_BOOLEAN && json_node_get_boolean (yearly_node);
  gint64 date, today = now / CAIRN_USEC_PER_DAY - (now < 0 && now % CAIRN_USEC_PER_DAY);

  if (!date_of (sim, user, now, &date, entry_params))
    return FALSE;
  cairn_json_get_number (config, "offset_days", &offset);
  date += (gint64) offset;
  if (!yearly)
    return after ? date <= today : date == today;
  {
    int y1, m1, d1, y2, m2, d2;
    cairn_date_to_ymd (date, &y1, &m1, &d1);
    cairn_date_to_ymd (today, &y2, &m2, &d2);
    if (after)
      return m1 < m2 || (m1 == m2 && d1 <= d2);
    return m1 == m2 && d1 == d2;
  }
}

static void
process_tick (Run       *run,
              CairnTime  time)
{
  Sim *sim = &run->sim;
  SimNode *starter = &sim->nodes[sim->starter];
  gboolean past = g_str_equal (starter->kind->type, "starter.past_behavior");
  guint n_known = sim->known->len;

  for (guint k = 0; k < n_known; k++)
    {
      guint index = g_array_index (sim->known, guint, k);
      SimUser *user = get_user (sim, index);
      JsonObject *params = NULL;
      gboolean due;

      if (!may_enter (sim, user, time))
        continue;
      if (past)
        {
          CairnPredicateContext ctx;
          predicate_context (sim, user, NULL, NULL, time, &ctx);
          due = cairn_predicate_eval (json_object_get_member (starter->config, "segment"), &ctx);
        }
      else
        due = dynamic_date_due (sim, user, time, &params);
      if (due)
        enter (run, user, index, time, params);
    }
}

static CairnTime
first_tick (Sim       *sim,
            CairnTime  from)
{
  int minutes = 60;
  CairnTime day = from / CAIRN_USEC_PER_DAY - (from < 0 && from % CAIRN_USEC_PER_DAY);
  CairnTime t;

  cairn_time_of_day_parse (cairn_json_get_string (sim->nodes[sim->starter].config, "time") ?: "01:00", &minutes, NULL);
  t = day * CAIRN_USEC_PER_DAY + (CairnTime) minutes * 60 * CAIRN_USEC_PER_SEC;
  if (t < from)
    t += CAIRN_USEC_PER_DAY;
  return t;
}

/* The run */

static void
process_timer (Run  *run,
               Item *item)
{
  Sim *sim = &run->sim;
  SimUser *user = get_user (sim, item->user);

  if (!user->active || user->generation != item->generation)
    return;
  if (item->kind == ITEM_TIMER_QUIET)
    {
      int port;
      user->wait = WAIT_NONE;
      port = run_message (run, user, item->user, item->node, item->time);
      if (port >= 0)
        follow (run, user, item->user, item->node, port, item->time);
      return;
    }
  if (user->wait == WAIT_EVENT)
    timeline_add (sim, user, item->time, item->node, "timeout", NULL);
  follow (run, user, item->user, item->node, item->port, item->time);
}

void
cairn_sim_options_init (CairnSimOptions *options)
{
  memset (options, 0, sizeof *options);
  options->trace = -1;
}

static void
sim_clear (Sim *sim)
{
  for (guint i = 0; i < sim->n_nodes; i++)
    {
      g_strfreev (sim->nodes[i].ports);
      g_free (sim->nodes[i].targets);
      g_free (sim->nodes[i].port_counts);
      g_free (sim->nodes[i].weights);
      g_free (sim->nodes[i].variant_entered);
      g_free (sim->nodes[i].reach);
      g_clear_pointer (&sim->nodes[i].engage_params, json_object_unref);
      for (guint f = 0; f < G_N_ELEMENTS (sim->nodes[i].templates); f++)
        g_clear_pointer (&sim->nodes[i].templates[f], cairn_template_free);
    }
  g_free (sim->nodes);
  for (guint g = 0; g < sim->n_goals; g++)
    g_free (sim->goals[g].exact.partials);
  g_free (sim->goals);
  g_free (sim->exit_events);
  g_free (sim->exit_wheres);
  for (guint u = 0; sim->users && u < sim->users->len; u++)
    {
      SimUser *user = g_ptr_array_index (sim->users, u);
      if (user == NULL)
        continue;
      for (guint h = 0; user->history && h < user->history->len; h++)
        g_clear_pointer (&g_array_index (user->history, CairnEventRec, h).params, json_object_unref);
      g_clear_pointer (&user->history, g_array_unref);
      g_clear_pointer (&user->purchased, g_ptr_array_unref);
      for (guint e = 0; e < user->entries->len; e++)
        {
          SimEntry *entry = g_ptr_array_index (user->entries, e);
          g_clear_pointer (&entry->params, json_object_unref);
          g_clear_pointer (&entry->path, g_array_unref);
          g_free (entry->goal_times);
          g_free (entry);
        }
      g_ptr_array_unref (user->entries);
      g_clear_pointer (&user->sends, g_ptr_array_unref);
      g_free (user->arrivals);
      g_free (user->node_sends);
      if (user->messages)
        g_string_free (user->messages, TRUE);
      if (user->timeline)
        g_string_free (user->timeline, TRUE);
      g_free (user->goals_any);
      g_free (user->engaged);
      g_clear_pointer (&user->attributes, json_object_unref);
      g_free (user);
    }
  g_clear_pointer (&sim->users, g_ptr_array_unref);
  g_clear_pointer (&sim->known, g_array_unref);
  for (guint i = 0; sim->splits && i < sim->splits->len; i++)
    if (sim->splits->pdata[i])
      g_array_unref (sim->splits->pdata[i]);
  g_clear_pointer (&sim->splits, g_ptr_array_unref);
  g_clear_pointer (&sim->tz, g_time_zone_unref);
  g_clear_pointer (&sim->history_keep, g_hash_table_unref);
  g_clear_pointer (&sim->catalog, cairn_catalog_unref);
}

/* Sets up a run; @first..@end are the users it owns when it is one
 * partition of a run split over threads (then @events is the input's array
 * of events), or 0..G_MAXUINT. */
static void
run_init (Run                   *run,
          CairnJourney          *journey,
          CairnInput            *input,
          const CairnSimOptions *options,
          gboolean               exact_sums,
          gboolean               own_catalog)
{
  Sim *sim = &run->sim;

  /* Recommended products are referenced from messages: another thread
     needs a catalog of its own. */
  if (input->catalog != NULL)
    sim->catalog = own_catalog ? cairn_catalog_copy (input->catalog) : cairn_catalog_ref (input->catalog);
  sim->journey = journey;
  sim->input = input;
  sim->options = options;
  sim->seed = input->seed;
  sim->users = g_ptr_array_new ();
  sim->known = g_array_new (FALSE, FALSE, sizeof (guint));
  sim->exact_sums = exact_sums;
  run->heap.items = g_ptr_array_new ();
  compile_journey (sim);
  sim->splits = g_ptr_array_new ();
  g_ptr_array_set_size (sim->splits, sim->n_nodes);
}

/* The scheduler's loop (T5): input events pulled in order, the rest from
 * the heap. A partition reads the input's events in place and takes only
 * its own users'. */
static gboolean
run_loop (Run           *run,
          GCancellable  *cancellable,
          gboolean       report_progress,
          GError       **error)
{
  Sim *sim = &run->sim;
  CairnInput *input = sim->input;
  const CairnSimOptions *options = sim->options;
  CairnInputEvent next = { 0 };
  gboolean have_next = FALSE, exhausted = FALSE;
  guint64 input_seq = 0;
  gboolean daily, ticks_started = FALSE;
  CairnTime now = 0;
  gboolean ok = TRUE;

  /* Users known from the start (T7). */
  for (guint i = MIN (sim->part_first, input->users->len); i < MIN (sim->part_end, input->users->len); i++)
    make_known (sim, i);

  daily = sim->starter >= 0 && sim->nodes[sim->starter].kind->is_daily;

  for (;;)
    {
      Item *top;
      gboolean take_input;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (!have_next && !exhausted && run->events != NULL)
        {
          /* A partition: the next event of one of its users. */
          while (run->next_event < run->n_events
                 && (run->events[run->next_event].user < sim->part_first
                     || run->events[run->next_event].user >= sim->part_end))
            run->next_event++;
          if (run->next_event < run->n_events)
            {
              next = run->events[run->next_event];
              if (next.params)
                json_object_ref (next.params);
              next.params_text = g_strdup (next.params_text);
              input_seq = run->next_event++;
              have_next = TRUE;
            }
          else
            exhausted = TRUE;
        }
      else if (!have_next && !exhausted)
        {
          g_autoptr(GError) local = NULL;
          if (input->next_event != NULL && input->next_event (input, &next, &local))
            {
              have_next = TRUE;
              if (!input->has_start)
                {
                  CairnTime day = next.time / CAIRN_USEC_PER_DAY - (next.time < 0 && next.time % CAIRN_USEC_PER_DAY);
                  input->start = day * CAIRN_USEC_PER_DAY;
                  input->has_start = TRUE;
                }
            }
          else if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              ok = FALSE;
              break;
            }
          else
            {
              exhausted = TRUE;
              if (input->finish)
                input->finish (input);
              if (!input->has_start)
                input->start = 0, input->has_start = TRUE;
              if (!input->has_end)
                input->end = input->start, input->has_end = TRUE;
            }
        }
      if (daily && !ticks_started && input->has_start)
        {
          heap_push (&run->heap, item_new (run, first_tick (sim, input->start), CLASS_TICK, ITEM_TICK, 0));
          ticks_started = TRUE;
        }

      /* Input events before the window never happen. */
      if (have_next && input->has_start && next.time < input->start)
        {
          cairn_input_event_clear (&next);
          have_next = FALSE;
          continue;
        }

      top = run->heap.items->len ? run->heap.items->pdata[0] : NULL;
      if (!have_next && top == NULL)
        break;
      if (have_next && top != NULL)
        {
          Item probe = { .time = next.time, .cls = CLASS_EVENT, .generated = 0, .seq = input_seq };
          take_input = item_compare (&probe, top) < 0;
        }
      else
        take_input = have_next;

      if (take_input)
        {
          Item item = { 0 };
          if (input->has_end && next.time > input->end)
            {
              /* Sorted input: nothing later happens either (T3). */
              cairn_input_event_clear (&next);
              have_next = FALSE;
              exhausted = TRUE;
              if (input->finish && run->events == NULL)
                input->finish (input);
              continue;
            }
          item.time = next.time;
          item.kind = ITEM_EVENT;
          item.user = next.user;
          item.name = next.name;
          item.platform = next.platform;
          item.params = next.params;
          item.params_text = next.params_text;
          item.counted = TRUE;
          item.seq = run->events != NULL ? input_seq : input_seq++;
          now = item.time;
          sim->counter++;
          process_event (run, &item);
          g_clear_pointer (&item.params, json_object_unref);
          g_clear_pointer (&item.params_text, g_free);
          have_next = FALSE;
          memset (&next, 0, sizeof next);
        }
      else
        {
          Item *item;
          if (input->has_end && top->time > input->end)
            break;
          item = heap_pop (&run->heap);
          now = item->time;
          sim->counter++;
          if (item->kind == ITEM_EVENT)
            process_event (run, item);
          else if (item->kind == ITEM_TICK)
            {
              Item *again;
              process_tick (run, item->time);
              again = item_new (run, item->time + CAIRN_USEC_PER_DAY, CLASS_TICK, ITEM_TICK, 0);
              heap_push (&run->heap, again);
            }
          else
            process_timer (run, item);
          item_free (item);
        }
      if (report_progress && options->progress && (sim->counter & 0x3FFF) == 0 && input->has_end && input->end > input->start)
        options->progress (CLAMP ((double) (now - input->start) / (input->end - input->start), 0.0, 1.0),
                           options->progress_data);
    }

  for (guint i = 0; i < run->heap.items->len; i++)
    item_free (run->heap.items->pdata[i]);
  g_ptr_array_set_size (run->heap.items, 0);
  cairn_input_event_clear (&next);
  return ok;
}

/* Runs split over threads (§8 --threads): users go to partitions along the
 * input's shards, within which generated objects may be shared (json-glib's
 * reference counts are not atomic), and nothing links users of different
 * partitions: no split.ab with an autowinner. Counts add up; goal values
 * are exact sums, so the report does not depend on the split. */
#define PARALLEL_MIN_USERS 20000

static gboolean
journey_links_users (Sim *sim)
{
  for (guint i = 0; i < sim->n_nodes; i++)
    if (sim->nodes[i].autowinner)
      return TRUE;
  return FALSE;
}

typedef struct
{
  Run            run;
  GCancellable  *cancellable;
  GError        *error;
  gboolean       ok;
  gboolean       progress;
} Part;

static gpointer
part_thread (gpointer data)
{
  Part *part = data;
  part->ok = run_loop (&part->run, part->cancellable, part->progress, &part->error);
  return NULL;
}

static void
merge_into (Sim *into,
            Sim *from)
{
  for (guint i = 0; i < into->n_nodes; i++)
    {
      SimNode *a = &into->nodes[i], *b = &from->nodes[i];
      a->entered += b->entered;
      for (guint p = 0; p < a->n_ports; p++)
        a->port_counts[p] += b->port_counts[p];
      for (guint v = 0; a->variant_entered && v < a->n_ports; v++)
        a->variant_entered[v] += b->variant_entered[v];
      if (from->splits->pdata[i] != NULL)
        {
          GArray *entries = from->splits->pdata[i];
          if (into->splits->pdata[i] == NULL)
            into->splits->pdata[i] = g_array_new (FALSE, FALSE, sizeof (SimSplitEntry));
          g_array_append_vals (into->splits->pdata[i], entries->data, entries->len);
        }
    }
  for (guint g = 0; g < into->n_goals; g++)
    {
      into->goals[g].reached += from->goals[g].reached;
      sim_sum_merge (&into->goals[g].exact, &from->goals[g].exact);
    }
  for (guint c = 0; c < G_N_ELEMENTS (into->channels); c++)
    {
      SimChannel *a = &into->channels[c], *b = &from->channels[c];
      a->sent += b->sent;
      a->unreachable += b->unreachable;
      a->capped += b->capped;
      a->quiet_hours += b->quiet_hours;
      a->delivered += b->delivered;
      a->opened += b->opened;
      a->clicked += b->clicked;
      a->used |= b->used;
    }
  into->entered += from->entered;
  into->events += from->events;
  into->counter += from->counter;
  for (guint r = 0; r < N_REASONS; r++)
    into->left[r] += from->left[r];
  /* Every user belongs to one partition. */
  for (guint u = from->part_first; u < MIN (from->part_end, from->users->len); u++)
    {
      into->users->pdata[u] = from->users->pdata[u];
      from->users->pdata[u] = NULL;
    }
}

static gpointer
clear_thread (gpointer data)
{
  sim_clear (data);
  return NULL;
}

char *
cairn_sim_run (CairnJourney           *journey,
               CairnInput             *input,
               const CairnSimOptions  *options,
               GCancellable           *cancellable,
               GError                **error)
{
  CairnSimOptions defaults;
  g_autofree Part *parts = NULL;
  g_autofree GThread **threads = NULL;
  const CairnInputEvent *events;
  guint n_events = 0, n_parts = 1, n_threads;
  gboolean exact, ok = TRUE;
  Sim *sim;
  GString *out = NULL;

  if (options == NULL)
    {
      cairn_sim_options_init (&defaults);
      options = &defaults;
    }
  intern_names ();
  if (options->has_start)
    input->start = options->start, input->has_start = TRUE;
  if (options->has_end)
    input->end = options->end, input->has_end = TRUE;

  /* Whether users can run apart decides the goal sums for every --threads
     alike; how many partitions there are decides nothing in the report. */
  events = cairn_input_get_events (input, &n_events);
  parts = g_new0 (Part, MAX (input->n_shards, 1));
  run_init (&parts[0].run, journey, input, options, FALSE, FALSE);
  exact = events != NULL && input->n_shards > 0 && input->users->len >= PARALLEL_MIN_USERS
          && !journey_links_users (&parts[0].run.sim);
  parts[0].run.sim.exact_sums = exact;
  n_threads = options->threads ? options->threads : g_get_num_processors ();
  if (exact)
    n_parts = CLAMP (MIN (n_threads, input->n_shards), 1, input->n_shards);

  for (guint k = 0; k < n_parts; k++)
    {
      Part *part = &parts[k];
      Sim *psim = &part->run.sim;

      if (k > 0)
        run_init (&part->run, journey, input, options, exact, TRUE);
      part->cancellable = cancellable;
      part->progress = k == 0;
      if (n_parts == 1)
        {
          psim->part_first = 0;
          psim->part_end = G_MAXUINT;
          continue;
        }
      /* Shards k * S / P .. (k + 1) * S / P - 1; shard 0 starts at user 0. */
      psim->partitioned = TRUE;
      psim->part_first = k == 0 ? 0 : input->shard_ends[k * input->n_shards / n_parts - 1];
      psim->part_end = input->shard_ends[(k + 1) * input->n_shards / n_parts - 1];
      g_ptr_array_set_size (psim->users, input->users->len);
      part->run.events = events;
      part->run.n_events = n_events;
    }

  threads = g_new0 (GThread *, n_parts);
  for (guint k = 1; k < n_parts; k++)
    threads[k] = g_thread_new ("cairn-sim", part_thread, &parts[k]);
  part_thread (&parts[0]);
  for (guint k = 1; k < n_parts; k++)
    g_thread_join (threads[k]);

  for (guint k = 0; k < n_parts; k++)
    if (ok && !parts[k].ok)
      {
        g_propagate_error (error, g_steal_pointer (&parts[k].error));
        ok = FALSE;
      }
  sim = &parts[0].run.sim;
  if (ok)
    {
      for (guint k = 1; k < n_parts; k++)
        merge_into (sim, &parts[k].run.sim);
      if (n_parts > 1)
        {
          /* Everyone was known from the start, in user order (T7). */
          g_array_set_size (sim->known, 0);
          for (guint u = 0; u < sim->users->len; u++)
            g_array_append_val (sim->known, u);
          sim->part_end = G_MAXUINT;
        }
      sim->start = input->start;
      sim->end = input->end;
      out = g_string_new (NULL);
      cairn_sim_write_report (sim, out);
    }

  /* The users of a partition share objects with no one else: each is
     cleared on its own thread. */
  for (guint k = 0; k < n_parts; k++)
    {
      g_ptr_array_unref (parts[k].run.heap.items);
      g_clear_error (&parts[k].error);
    }
  if (n_parts > 1 && ok)
    {
      /* The users went to partition 0: give them back for clearing. */
      for (guint k = 1; k < n_parts; k++)
        {
          Sim *psim = &parts[k].run.sim;
          for (guint u = psim->part_first; u < psim->part_end; u++)
            {
              psim->users->pdata[u] = sim->users->pdata[u];
              sim->users->pdata[u] = NULL;
            }
        }
    }
  for (guint k = 1; k < n_parts; k++)
    threads[k] = g_thread_new ("cairn-sim-clear", clear_thread, &parts[k].run.sim);
  sim_clear (sim);
  for (guint k = 1; k < n_parts; k++)
    g_thread_join (threads[k]);

  return ok ? g_string_free (out, FALSE) : NULL;
}
