/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-predicate.h"
#include "cairn-rng.h"
#include "cairn-sim-private.h"
#include "cairn-template.h"

/* The scheduler: one queue ordered by (time, class, sequence) (T5). Input
 * events are pulled from the input one at a time; generated events, daily
 * ticks and timers wait in a binary heap, or in a lane of items that came
 * in order (Heap). */

/* Event names the engine compares by pointer, interned once. */
const char *sim_name_message_clicked;
const char *sim_name_message_delivered;
const char *sim_name_message_opened;
const char *sim_name_purchase;
const char *sim_name_set_attributes;

void
sim_intern_names (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sim_name_message_clicked = g_intern_static_string ("message_clicked");
      sim_name_message_delivered = g_intern_static_string ("message_delivered");
      sim_name_message_opened = g_intern_static_string ("message_opened");
      sim_name_purchase = g_intern_static_string ("purchase");
      sim_name_set_attributes = g_intern_static_string ("set_attributes");
      g_once_init_leave (&done, 1);
    }
}

/* The order of the queue (T5): time, then class, then input events before
 * generated ones, then sequence, packed into one key so that the heap
 * compares without reading the items. */
guint64
sim_item_key (int     cls,
              int     generated,
              guint64 seq)
{
  return ((guint64) cls << 62) | ((guint64) generated << 61) | (seq & ((G_GUINT64_CONSTANT (1) << 61) - 1));
}

static inline gboolean
slot_before (const HeapSlot *a,
             const HeapSlot *b)
{
  return a->time < b->time || (a->time == b->time && a->key < b->key);
}

static inline HeapSlot *
lane_slot (const HeapLane *lane,
           guint           i)
{
  return &lane->slots[(lane->head + i) & (lane->capacity - 1)];
}

static void
lane_push (HeapLane       *lane,
           const HeapSlot *slot)
{
  if (lane->len == lane->capacity)
    {
      guint capacity = MAX (64, lane->capacity * 2);
      HeapSlot *slots = g_new (HeapSlot, capacity);

      for (guint i = 0; i < lane->len; i++)
        slots[i] = *lane_slot (lane, i);
      g_free (lane->slots);
      lane->slots = slots;
      lane->capacity = capacity;
      lane->head = 0;
    }
  *lane_slot (lane, lane->len++) = *slot;
}

void
sim_heap_push (Heap *heap,
               Item *item)
{
  HeapSlot slot = { item->time, sim_item_key (item->cls, item->generated, item->seq), item };
  guint i;

  for (guint k = 0; k < HEAP_LANES; k++)
    {
      HeapLane *lane = &heap->lanes[k];

      if (lane->len == 0 || !slot_before (&slot, lane_slot (lane, lane->len - 1)))
        {
          lane_push (lane, &slot);
          return;
        }
    }
  if (heap->len == heap->capacity)
    {
      heap->capacity = MAX (64, heap->capacity * 2);
      heap->slots = g_renew (HeapSlot, heap->slots, heap->capacity);
    }
  for (i = heap->len++; i > 0;)
    {
      guint parent = (i - 1) / 2;
      if (!slot_before (&slot, &heap->slots[parent]))
        break;
      heap->slots[i] = heap->slots[parent];
      i = parent;
    }
  heap->slots[i] = slot;
}

/* The lane whose oldest slot comes first, if it comes before the heap's
 * first, or NULL. */
static inline HeapLane *
first_lane (Heap *heap)
{
  const HeapSlot *first = heap->len > 0 ? &heap->slots[0] : NULL;
  HeapLane *lane = NULL;

  for (guint k = 0; k < HEAP_LANES; k++)
    if (heap->lanes[k].len > 0 && (first == NULL || slot_before (lane_slot (&heap->lanes[k], 0), first)))
      {
        lane = &heap->lanes[k];
        first = lane_slot (lane, 0);
      }
  return lane;
}

const HeapSlot *
sim_heap_first (Heap *heap)
{
  HeapLane *lane = first_lane (heap);

  return lane != NULL ? lane_slot (lane, 0) : heap->len > 0 ? &heap->slots[0] : NULL;
}

Item *
sim_heap_pop (Heap *heap)
{
  Item *top;
  HeapSlot last;
  guint i = 0;
  HeapLane *lane = first_lane (heap);

  if (lane != NULL)
    {
      top = lane_slot (lane, 0)->item;
      lane->head = (lane->head + 1) & (lane->capacity - 1);
      lane->len--;
      return top;
    }
  if (heap->len == 0)
    return NULL;
  top = heap->slots[0].item;
  last = heap->slots[--heap->len];
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m;
      if (l >= heap->len)
        break;
      m = r < heap->len && slot_before (&heap->slots[r], &heap->slots[l]) ? r : l;
      if (!slot_before (&heap->slots[m], &last))
        break;
      heap->slots[i] = heap->slots[m];
      i = m;
    }
  if (heap->len > 0)
    heap->slots[i] = last;
  return top;
}

void
sim_heap_drain (Heap *heap,
                Run  *run)
{
  for (guint i = 0; i < heap->len; i++)
    sim_item_free (run, heap->slots[i].item);
  heap->len = 0;
  for (guint k = 0; k < HEAP_LANES; k++)
    {
      HeapLane *lane = &heap->lanes[k];

      for (guint i = 0; i < lane->len; i++)
        sim_item_free (run, lane_slot (lane, i)->item);
      lane->head = lane->len = 0;
    }
}

void
sim_heap_free (Heap *heap)
{
  g_clear_pointer (&heap->slots, g_free);
  heap->len = heap->capacity = 0;
  for (guint k = 0; k < HEAP_LANES; k++)
    {
      g_clear_pointer (&heap->lanes[k].slots, g_free);
      heap->lanes[k].head = heap->lanes[k].len = heap->lanes[k].capacity = 0;
    }
}

/* Items go back to the run, for the next of their size: a replay makes
 * and drops a timer or two per event, which malloc would look for room for
 * each time. */
void
sim_item_free (Run  *run,
               Item *item)
{
  Item **spare = &run->spare[item->kind == ITEM_EVENT];

  if (item->kind == ITEM_EVENT)
    g_clear_pointer (&item->params, json_object_unref);
  *(Item **) item = *spare;
  *spare = item;
}

/* Frees the items done with (at the end of a run's loop). */
void
sim_items_clear (Run *run)
{
  for (guint k = 0; k < G_N_ELEMENTS (run->spare); k++)
    while (run->spare[k] != NULL)
      {
        Item *item = run->spare[k];

        run->spare[k] = *(Item **) item;
        g_free (item);
      }
}

/* Most replayed events are never looked into: their params are parsed
 * only when something reads them. */
static JsonObject *
item_params (Item *item)
{
  if (item->params == NULL && item->params_text != NULL)
    {
      item->params = cairn_input_parse_params (item->params_text);
      item->params_text = NULL;
    }
  return item->params;
}

/* One member of an event's params, a new reference or NULL; a replayed
 * event's are read from their text without parsing the others. */
JsonNode *
sim_item_param (Item       *item,
                const char *name)
{
  JsonNode *node;

  if (item->params == NULL)
    return item->params_text ? cairn_input_params_member (item->params_text, name) : NULL;
  node = json_object_get_member (item->params, name);
  return node ? json_node_ref (node) : NULL;
}

/* A predicate's context for @event: its params, parsed or not, which
 * {{event.x}} renders too. */
void
sim_event_context (Sim                   *sim,
                   SimUser               *user,
                   Item                  *event,
                   CairnPredicateContext *ctx)
{
  sim_predicate_context (sim, user, event->params, event->params, event->time, ctx);
  if (event->params == NULL)
    ctx->params_text = ctx->template_text = event->params_text;
}

/* Users */

static SimUser *get_user (Sim   *sim,
                          guint  index);

static SimUser *
new_user (Sim   *sim,
          guint  index)
{
  SimUser *user;
  CairnUser *profile = cairn_input_get_user (sim->input, index);

  if (sim->n_made == 0)
    sim->made_from = index;
  if (index != sim->made_from + sim->n_made)
    sim->made_out_of_order = TRUE;
  sim->n_made++;
  /* Users live in blocks: no allocation of their own, and none to free.
     Each has room for its first entry right after it (sim_enter), read
     with it on most events. */
  if (sim->block_left == 0)
    {
      if (sim->user_blocks == NULL)
        sim->user_blocks = g_ptr_array_new_with_free_func (g_free);
      sim->block_next = g_malloc0 (USER_BLOCK * sim->user_size);
      sim->block_left = USER_BLOCK;
      g_ptr_array_add (sim->user_blocks, sim->block_next);
    }
  user = sim->block_next;
  sim->block_next = (SimUser *) ((char *) sim->block_next + sim->user_size);
  sim->block_left--;

  user->profile = profile;
  /* In a portfolio, what the journeys share is in the first one's user. */
  user->base = sim->shared != sim ? get_user (sim->shared, index) : user;
  /* Shared with the profile until the first change (own_attributes). */
  if (user->base == user)
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
  if (sim->keep_history && user->base == user)
    sim_user_more (sim, user)->history = g_array_new (FALSE, FALSE, sizeof (CairnEventRec));
  /* Per-node counters and the goals list are made on first use: most
     generated users never need them. */
  if (user->record)
    {
      sim_user_more (sim, user)->messages = g_string_new (NULL);
      user->more->timeline = g_string_new (NULL);
    }
  user->node = -1;
  user->step_instant = G_MININT64;
  return user;
}

/* User @index, when it was made in the order of users, USER_BLOCK to a
 * block: found without reading the array of users, a miss of its own in
 * a large population. */
static inline SimUser *
made_user (Sim   *sim,
           guint  index)
{
  guint k = index - sim->made_from;

  if (G_UNLIKELY (sim->made_out_of_order || k >= sim->n_made))
    return NULL;
  return (SimUser *) ((char *) sim->user_blocks->pdata[k / USER_BLOCK] + k % USER_BLOCK * sim->user_size);
}

static SimUser *
get_user (Sim   *sim,
          guint  index)
{
  SimUser *user = made_user (sim, index);

  if (G_LIKELY (user != NULL))
    return user;
  if (sim->partitioned)
    {
      /* --partition: a replay's users arrive as the log is read. */
      if (index >= sim->users->len)
        g_ptr_array_set_size (sim->users, index + 1);
      if (sim->users->pdata[index] == NULL)
        sim->users->pdata[index] = new_user (sim, index);
      return sim->users->pdata[index];
    }
  while (sim->users->len <= index)
    g_ptr_array_add (sim->users, new_user (sim, sim->users->len));
  return g_ptr_array_index (sim->users, index);
}

/* Whether steps 2–5 can act on events of @name (interned): asked twice
 * an input event, the answers kept by name. */
static inline gboolean
acts_on_name (Sim        *sim,
              const char *name)
{
  guint k = ((guintptr) name >> 4) % G_N_ELEMENTS (sim->acts_cache);

  if (sim->acts_on == NULL)
    return TRUE;
  if (sim->acts_cache[k].name != name)
    {
      sim->acts_cache[k].name = name;
      sim->acts_cache[k].acts = g_hash_table_contains (sim->acts_on, name);
    }
  return sim->acts_cache[k].acts;
}

/* Asks memory for the state of user @index, when it is made, with its
 * first entry: an event a few ahead in the input is this user's, of
 * @name (NULL: a timer). Events the journey does not act on read no
 * state unless history is kept (event_steps). A part of a generated
 * population finds the state through its array of users (a miss of its
 * own, which this waits for). */
void
sim_prefetch_user (Sim        *sim,
                   guint       index,
                   const char *name)
{
  const char *user;

  if (name != NULL && !sim->keep_history && !acts_on_name (sim, name))
    return;
  user = (const char *) made_user (sim, index);
  if (user == NULL && sim->partitioned && index < sim->users->len)
    user = sim->users->pdata[index];
  if (user == NULL)
    return;
  for (gsize at = 0; at < sim->user_size; at += 64)
    __builtin_prefetch (user + at);
  __builtin_prefetch (user + sim->user_size - 1);
  /* A timer sends, which reads the profile's reachability once a user */
  if (name == NULL && index < sim->input->users->len)
    __builtin_prefetch (sim->input->users->pdata[index]);
}

void
sim_make_known (Sim   *sim,
                guint  index)
{
  guint word = index / 64;
  guint64 bit = G_GUINT64_CONSTANT (1) << (index % 64);

  /* Known users in a bitmap of their own: asked about on every event, and
     small enough to stay in the cache, unlike the users' states. */
  if (word < sim->n_known_words && (sim->known_bits[word] & bit) != 0)
    return;
  if (word >= sim->n_known_words)
    {
      guint n = MAX (MAX (word + 1, 2 * sim->n_known_words), 1024);

      sim->known_bits = g_renew (guint64, sim->known_bits, n);
      memset (sim->known_bits + sim->n_known_words, 0, (n - sim->n_known_words) * sizeof (guint64));
      sim->n_known_words = n;
    }
  sim->known_bits[word] |= bit;
  /* Users are made in known order. */
  get_user (sim, index);
  g_array_append_val (sim->known, index);
}

/* A user becomes known to every journey of a portfolio at once (PF9). */
void
sim_run_make_known (Run   *run,
                    guint  index)
{
  for (guint j = 0; j < run->n_sims; j++)
    sim_make_known (run->sims[j], index);
}

const SimUserMore sim_no_more;

SimUserMore *
sim_user_more (Sim     *sim,
               SimUser *user)
{
  if (user->more == NULL)
    user->more = sim_alloc0 (sim, sizeof (SimUserMore));
  return user->more;
}

/* From the run's blocks, doubling: room for 2, 4, 8 ... sends, so that
 * what is left behind adds up to no more than what is in use. */
void
sim_user_add_send (Sim     *sim,
                   SimUser *user,
                   SimSend *send)
{
  guint n = user->n_sends;

  if (n < 2 ? n == 0 : (n & (n - 1)) == 0)
    {
      SimSend **sends = sim_alloc0 (sim, MAX (2 * n, 2) * sizeof (SimSend *));

      if (n > 0)
        memcpy (sends, user->sends, n * sizeof (SimSend *));
      user->sends = sends;
    }
  user->sends[user->n_sends++] = send;
}

JsonObject *
sim_own_attributes (SimUser *user)
{
  user = user->base;
  if (!user->attributes_owned)
    {
      JsonObject *copy = user->attributes ? cairn_json_object_deep_copy (user->attributes) : json_object_new ();
      g_clear_pointer (&user->attributes, json_object_unref);
      user->attributes = copy;
      user->attributes_owned = TRUE;
    }
  return user->attributes;
}

void
sim_predicate_context (Sim                   *sim,
                       SimUser               *user,
                       JsonObject            *params,
                       JsonObject            *template_event,
                       CairnTime              now,
                       CairnPredicateContext *ctx)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->user_id = user->profile->id;
  ctx->attributes = user->base->attributes;
  ctx->reachability = user->profile->reachability;
  ctx->affinity = user->profile->affinity;
  ctx->params = params;
  ctx->template_event = template_event;
  GArray *history = SIM_MORE (user->base)->history;

  ctx->history = history ? (const CairnEventRec *) (void *) history->data : NULL;
  ctx->n_history = history ? history->len : 0;
  ctx->now = now;
}

/* A predicate's context on the entry event: its params, parsed or not. */
void
sim_entry_context (Sim                   *sim,
                   SimUser               *user,
                   SimEntry              *entry,
                   CairnTime              now,
                   CairnPredicateContext *ctx)
{
  sim_predicate_context (sim, user, entry->params, entry->params, now, ctx);
  ctx->params_text = ctx->template_text = entry->params ? NULL : entry->params_text;
}

void
sim_entry_template (SimUser              *user,
                    SimEntry             *entry,
                    JsonArray            *products,
                    CairnTemplateContext *context)
{
  memset (context, 0, sizeof *context);
  context->user_id = user->profile->id;
  context->attributes = user->base->attributes;
  context->event = entry->params;
  context->event_text = entry->params ? NULL : entry->params_text;
  context->products = products;
}

static gboolean
profile_reachable (SimUser    *user,
                   const char *channel)
{
  JsonNode *node = user->profile->reachability ? json_object_get_member (user->profile->reachability, channel) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

/* Whether @user is reachable on the channel of that index: read from the
 * profile once, then from the user's own bits, beside the rest of its
 * state (a profile never changes during a run). */
gboolean
sim_reachable_on (SimUser *user,
                  int      channel)
{
  G_STATIC_ASSERT (CAIRN_N_CHANNELS <= 8);

  if (!user->reach_known)
    {
      const char *const *channels = cairn_channels ();

      for (guint c = 0; c < CAIRN_N_CHANNELS; c++)
        if (profile_reachable (user, channels[c]))
          user->reach |= 1u << c;
      user->reach_known = TRUE;
    }
  return (user->reach >> channel) & 1;
}

gboolean
sim_reachable (SimUser    *user,
               const char *channel)
{
  int index = cairn_channel_index (channel);

  return index >= 0 ? sim_reachable_on (user, index) : profile_reachable (user, channel);
}

static const char *const reason_names[N_REASONS] = { "completed", "exit_node", "exit_criteria", "goal", "error" };

void
sim_leave (Sim       *sim,
           SimUser   *user,
           CairnTime  time,
           int        reason)
{
  SimEntry *entry = sim_current_entry (user);

  if (!user->active)
    return;
  user->active = FALSE;
  user->generation++;
  user->wait = WAIT_NONE;
  entry->reason = reason;
  entry->left = time;
  sim->left[reason]++;
  sim_timeline_add (sim, user, time, user->node, "left", reason_names[reason]);
  user->node = -1;
}

/* Timeline and messages, as report JSON */

void
sim_timeline_add (Sim        *sim,
                  SimUser    *user,
                  CairnTime   time,
                  int         node,
                  const char *step,
                  const char *detail)
{
  GString *out = SIM_MORE (user)->timeline;

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

Item *
sim_item_new (Run       *run,
              CairnTime  time,
              int        cls,
              int        kind,
              guint      user)
{
  Item **spare = &run->spare[kind == ITEM_EVENT];
  Item *item = *spare;

  if (item != NULL)
    {
      *spare = *(Item **) item;
      memset (item, 0, ITEM_SIZE (kind));
    }
  else
    item = g_malloc0 (ITEM_SIZE (kind));
  item->time = time;
  item->cls = cls;
  item->kind = kind;
  item->user = user;
  item->seq = run->seq++;
  return item;
}

void
sim_schedule_event (Run         *run,
                    CairnTime    time,
                    guint        user,
                    const char  *name,
                    const char  *platform,
                    JsonObject  *params,
                    gboolean     counted,
                    SimSend     *send,
                    int          engage)
{
  Item *item = sim_item_new (run, time, CLASS_EVENT, ITEM_EVENT, user);
  item->generated = 1;
  item->name = g_intern_string (name);
  item->platform = platform ? g_intern_string (platform) : NULL;
  item->params = params;
  item->counted = counted;
  item->send = send;
  item->engage = engage;
  item->journey = run->cur->index;
  sim_heap_push (&run->heap, item);
}

void
sim_schedule_timer (Run       *run,
                    CairnTime  time,
                    int        kind,
                    SimUser   *user,
                    guint      index,
                    int        node,
                    int        port)
{
  Item *item = sim_item_new (run, time, CLASS_TIMER, kind, index);
  item->journey = run->cur->index;
  item->generation = user->generation;
  item->node = node;
  item->port = port;
  sim_heap_push (&run->heap, item);
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

  GArray *history = user->more->history;

  for (guint i = 0; i < history->len; i++)
    {
      CairnEventRec *rec = &g_array_index (history, CairnEventRec, i);
      if (rec->time > now - sim->history_window || g_hash_table_contains (sim->history_keep, rec->name))
        g_array_index (history, CairnEventRec, kept++) = *rec;
      else
        g_clear_pointer (&rec->params, json_object_unref);
    }
  g_array_set_size (history, kept);
  user->more->history_kept = kept;
}

/* Events (§5 steps 1–5) */

gboolean
sim_event_where (Sim                      *sim,
                 SimUser                  *user,
                 JsonNode                 *where,
                 const CairnPredicateLeaf *leaf,
                 Item                     *event,
                 gboolean                  entry_templates)
{
  CairnPredicateContext ctx;

  if (where == NULL)
    return TRUE;
  if (leaf != NULL && event->params == NULL)
    return cairn_predicate_leaf_eval_text (leaf, event->params_text);
  sim_event_context (sim, user, event, &ctx);
  if (entry_templates)
    {
      SimEntry *entry = sim_current_entry (user);

      ctx.template_event = entry ? entry->params : NULL;
      ctx.template_text = entry && entry->params == NULL ? entry->params_text : NULL;
    }
  return cairn_predicate_eval (where, &ctx);
}

static gboolean
event_matches (Sim                      *sim,
               SimUser                  *user,
               const char               *name,
               JsonNode                 *where,
               const CairnPredicateLeaf *leaf,
               Item                     *event)
{
  if (name == NULL || name != event->name)
    return FALSE;
  /* Goals, exit criteria and waits: {{event.x}} is the entry event's. */
  return sim_event_where (sim, user, where, leaf, event, TRUE);
}

/* Does @event let the user in at the journey's starter (E1, E5)? */
static gboolean
starter_matches (Sim      *sim,
                 SimUser  *user,
                 Item     *event,
                 JsonNode *old_value,
                 JsonNode *after_step1,
                 gboolean  attribute_changed)
{
  const CairnNodeKindOps *ops = sim->nodes[sim->starter].ops;

  return ops->starter_matches != NULL
         && ops->starter_matches (sim, user, event, old_value, after_step1, attribute_changed);
}

/* The catalog's product a purchase event names, by the catalog's own
 * string: only those can be left out of recommendations. A replayed
 * event's id is read from its params text as written. */
static const char *
purchased_product (Sim  *sim,
                   Item *event)
{
  g_autoptr(JsonNode) id_node = NULL;
  const char *value;
  gsize length;
  char kind, id[256];

  if (event->params == NULL && event->params_text != NULL)
    {
      if (!cairn_input_params_raw (event->params_text, "product_id", strlen ("product_id"), &kind, &value, &length)
          || kind != 's')
        return NULL;
      if (length < sizeof id)
        {
          memcpy (id, value, length);
          id[length] = '\0';
          return cairn_catalog_purchased_id (sim->catalog, event->name, id);
        }
    }
  id_node = sim_item_param (event, "product_id");
  return cairn_catalog_purchased_id (sim->catalog, event->name,
                                     id_node && JSON_NODE_HOLDS_VALUE (id_node)
                                     && json_node_get_value_type (id_node) == G_TYPE_STRING
                                     ? json_node_get_string (id_node) : NULL);
}

/* Step 1 of an event (§5), once for every journey of a portfolio (PF9):
 * U's history, purchases, engagement counts and set_attributes, on the
 * shared user. For each journey's attribute_change starter, @old_values and
 * @changed receive the watched attribute's value before and whether it
 * changed. */
static void
event_step1 (Run       *run,
             Item      *event,
             JsonNode **old_values,
             JsonNode **new_values,
             gboolean  *changed)
{
  Sim *sim = &run->sim;
  SimUser *user = get_user (sim, event->user);
  gboolean engagement = event->name == sim_name_message_delivered
                        || event->name == sim_name_message_opened
                        || event->name == sim_name_message_clicked;
  int channel_index;

  sim_run_make_known (run, event->user);
  /* History is kept only when something looks back at it: a history
     predicate, a dynamic date. Purchased product ids, which
     exclude_purchased needs, are kept on their own. */
  if (sim->keep_history)
    {
      CairnEventRec rec = { event->time, event->name, event->platform, item_params (event) };
      if (rec.params)
        json_object_ref (rec.params);
      g_array_append_val (user->more->history, rec);
      if (user->more->history->len >= 2 * user->more->history_kept + 8)
        prune_history (sim, user, event->time);
    }
  if (sim->track_purchases && sim->catalog != NULL && event->name == sim_name_purchase)
    {
      const char *product = purchased_product (sim, event);

      if (product != NULL)
        {
          SimUserMore *more = sim_user_more (sim, user);

          if (more->purchased == NULL)
            more->purchased = g_ptr_array_new ();
          for (guint i = 0; product && i < more->purchased->len; i++)
            if (more->purchased->pdata[i] == product)
              product = NULL;
          if (product != NULL)
            g_ptr_array_add (more->purchased, (gpointer) product);
        }
    }
  if (event->counted)
    for (guint j = 0; j < run->n_sims; j++)
      run->sims[j]->events++;

  /* Engagement counts (N7), on U's shared history (PF11), kept when a
     next_best_channel reads them. */
  channel_index = engagement && sim->track_engagement ? cairn_channel_index (cairn_json_get_string (item_params (event), "channel")) : -1;
  if (channel_index >= 0
      && (event->name == sim_name_message_delivered || event->name == sim_name_message_clicked))
    {
      SimUserMore *more = sim_user_more (sim, user);

      if (more->engaged == NULL)
        more->engaged = sim_alloc0 (sim, 2 * CAIRN_N_CHANNELS * sizeof (guint));
      more->engaged[(event->name == sim_name_message_clicked ? CAIRN_N_CHANNELS : 0) + channel_index]++;
    }

  /* set_attributes */
  if (event->name == sim_name_set_attributes && item_params (event))
    {
      g_autoptr(GList) names = json_object_get_members (event->params);

      for (guint j = 0; j < run->n_sims; j++)
        {
          Sim *journey = run->sims[j];
          SimNode *starter = journey->starter >= 0 ? &journey->nodes[journey->starter] : NULL;
          const char *watched = starter && starter->ops->watches_attribute
                                ? cairn_json_get_string (starter->config, "attribute") : NULL;

          if (watched && json_object_has_member (event->params, watched))
            {
              JsonNode *before = user->attributes ? json_object_get_member (user->attributes, watched) : NULL;
              JsonNode *after = json_object_get_member (event->params, watched);
              gboolean before_absent = before == NULL || JSON_NODE_HOLDS_NULL (before);
              gboolean after_absent = after == NULL || JSON_NODE_HOLDS_NULL (after);

              old_values[j] = before_absent ? NULL : cairn_json_deep_copy (before);
              new_values[j] = after_absent ? NULL : cairn_json_deep_copy (after);
              changed[j] = before_absent != after_absent
                           || (!before_absent && !cairn_json_equal (before, after));
            }
        }
      for (GList *l = names; l; l = l->next)
        {
          JsonNode *value = json_object_get_member (event->params, l->data);
          if (JSON_NODE_HOLDS_NULL (value))
            {
              if (user->attributes && json_object_has_member (user->attributes, l->data))
                json_object_remove_member (sim_own_attributes (user), l->data);
            }
          else
            json_object_set_member (sim_own_attributes (user), l->data, cairn_json_deep_copy (value));
        }
    }
}

/* Steps 2–5 of an event in the journey at work (run->cur), and the
 * engagement it counts there: a generated one only in the journey that
 * sent (PF11), an input message_opened or message_clicked with
 * params.node in each journey that sent that node. */
static void
event_steps (Run      *run,
             Item     *event,
             JsonNode *old_value,
             JsonNode *new_value,
             gboolean  attribute_changed)
{
  Sim *sim = run->cur;
  SimUser *user;
  SimEntry *entry;
  SimSend *send = event->send;
  int engage = event->engage;

  /* Most events of a log are of names the journey does not name: their
     user's state, far away in memory, is not read at all. */
  if (send == NULL && !acts_on_name (sim, event->name))
    return;
  user = get_user (sim, event->user);

  if (send != NULL && event->journey != sim->index)
    send = NULL;
  if (event->send == NULL && event->counted
      && (event->name == sim_name_message_opened
          || event->name == sim_name_message_clicked))
    {
      const char *node_id = cairn_json_get_string (item_params (event), "node");
      int n = node_id ? sim_node_index (sim, node_id) : -1;
      for (guint s = user->n_sends; n >= 0 && s-- > 0;)
        {
          SimSend *candidate = user->sends[s];
          if (candidate->node == n && candidate->time <= event->time)
            {
              send = candidate;
              engage = event->name == sim_name_message_opened ? ENGAGE_OPENED : ENGAGE_CLICKED;
              break;
            }
        }
    }
  if (send != NULL)
    {
      SimChannel *stats = &sim->channels[send->channel];
      CairnTime *slot = engage == ENGAGE_DELIVERED ? &send->delivered
                        : engage == ENGAGE_OPENED ? &send->opened : &send->clicked;
      if (*slot < 0 || event->time < *slot)
        *slot = event->time;
      if (engage == ENGAGE_DELIVERED)
        stats->delivered++;
      else if (engage == ENGAGE_OPENED)
        stats->opened++;
      else if (engage == ENGAGE_CLICKED)
        stats->clicked++;
    }

  /* Step 2: goals of the latest entry, also after leaving. */
  entry = sim_current_entry (user);
  if (entry != NULL)
    for (guint g = 0; g < sim->n_goals; g++)
      {
        SimGoal *goal = &sim->goals[g];
        if (entry->goal_times[g] >= 0 || event->time <= entry->time || event->time > entry->time + goal->window
            || !event_matches (sim, user, goal->event, goal->where, goal->where_leaf, event))
          continue;
        entry->goal_times[g] = event->time;
        if (sim->goal_causes != NULL)
          g_hash_table_insert (sim->goal_causes, (char *) entry + g,
                               GSIZE_TO_POINTER (event->generated ? 1 : (gsize) event->seq + 2));
        goal->reached++;
        if (sim_user_more (sim, user)->goals_any == NULL)
          user->more->goals_any = sim_alloc0 (sim, sim->n_goals * sizeof (gboolean));
        user->more->goals_any[g] = TRUE;
        {
          g_autoptr(JsonNode) value = goal->value_param ? sim_item_param (event, goal->value_param) : NULL;
          if (cairn_json_node_is_number (value))
            sim_sum_add (&goal->value, cairn_json_node_number (value));
        }
        sim_timeline_add (sim, user, event->time, -1, "goal", goal->id);
        if (goal->exit && user->active)
          sim_leave (sim, user, event->time, REASON_GOAL);
      }

  /* Step 3: exit criteria. */
  for (guint c = 0; user->active && c < sim->n_exit_criteria; c++)
    {
      if (event_matches (sim, user, sim->exit_events[c], sim->exit_wheres[c], sim->exit_leaves[c], event))
        sim_leave (sim, user, event->time, REASON_EXIT_CRITERIA);
    }

  /* Step 4: a wait for this event. */
  if (user->active && user->wait == WAIT_EVENT && sim->counter > user->wait_counter)
    {
      SimNode *node = &sim->nodes[user->node];
      if (event_matches (sim, user, node->event, node->where, node->where_leaf, event))
        {
          user->generation++;
          sim_timeline_add (sim, user, event->time, user->node, "resumed", event->name);
          sim_follow (run, user, event->user, user->node, sim_port_index (node, "event"), event->time);
        }
    }

  /* Step 5: the starter. */
  if (sim->starter >= 0 && !sim->nodes[sim->starter].kind->is_daily && sim_may_enter (sim, user, event->time)
      && starter_matches (sim, user, event, old_value, new_value, attribute_changed))
    sim_enter (run, user, event->user, event->time, event->params, event->params_text);
}

void
sim_process_event (Run  *run,
                   Item *event)
{
  JsonNode **old_values = g_newa (JsonNode *, run->n_sims);
  JsonNode **new_values = g_newa (JsonNode *, run->n_sims);
  gboolean *changed = g_newa (gboolean, run->n_sims);

  memset (old_values, 0, run->n_sims * sizeof (JsonNode *));
  memset (new_values, 0, run->n_sims * sizeof (JsonNode *));
  memset (changed, 0, run->n_sims * sizeof (gboolean));
  event_step1 (run, event, old_values, new_values, changed);
  for (guint j = 0; j < run->n_sims; j++)
    {
      run->cur = run->sims[j];
      event_steps (run, event, old_values[j], new_values[j], changed[j]);
      g_clear_pointer (&old_values[j], json_node_unref);
      g_clear_pointer (&new_values[j], json_node_unref);
    }
  run->cur = &run->sim;
}

/* Daily starters (E2–E4): the kind says who is due (starter_due). */

void
sim_process_tick (Run       *run,
                  CairnTime  time)
{
  Sim *sim = run->cur;
  SimNode *starter = &sim->nodes[sim->starter];
  guint n_known = sim->known->len;

  for (guint k = 0; k < n_known; k++)
    {
      guint index = g_array_index (sim->known, guint, k);
      SimUser *user = get_user (sim, index);
      JsonObject *params = NULL;
      gboolean due;

      if (!sim_may_enter (sim, user, time))
        continue;
      due = starter->ops->starter_due != NULL && starter->ops->starter_due (sim, user, time, &params);
      if (due)
        sim_enter (run, user, index, time, params, NULL);
    }
}

CairnTime
sim_first_tick (Sim       *sim,
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

void
sim_process_timer (Run  *run,
                   Item *item)
{
  Sim *sim = run->cur = run->sims[item->journey];
  SimUser *user = get_user (sim, item->user);

  if (!user->active || user->generation != item->generation)
    return;
  if (item->kind == ITEM_TIMER_QUIET)
    {
      int port;
      user->wait = WAIT_NONE;
      port = sim_run_message (run, user, item->user, item->node, item->time);
      if (port >= 0)
        sim_follow (run, user, item->user, item->node, port, item->time);
      return;
    }
  if (user->wait == WAIT_EVENT)
    sim_timeline_add (sim, user, item->time, item->node, "timeout", NULL);
  sim_follow (run, user, item->user, item->node, item->port, item->time);
}
