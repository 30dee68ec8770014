/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cairn-partition.h"
#include "cairn-portfolio.h"
#include "cairn-replay-private.h"
#include "cairn-sim-private.h"
#include "cairn-template.h"

/* The run: its loop over input events and the queue, and the threads a
 * large population is split over (§8 --threads). */

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
      g_free (sim->nodes[i].draw_id_owned);
      cairn_predicate_leaf_free (sim->nodes[i].where_leaf);
      for (guint f = 0; f < G_N_ELEMENTS (sim->nodes[i].templates); f++)
        g_clear_pointer (&sim->nodes[i].templates[f], cairn_template_free);
    }
  g_free (sim->nodes);
  for (guint g = 0; g < sim->n_goals; g++)
    {
      g_free (sim->goals[g].value.partials);
      cairn_predicate_leaf_free (sim->goals[g].where_leaf);
    }
  for (guint c = 0; c < sim->n_exit_criteria; c++)
    cairn_predicate_leaf_free (sim->exit_leaves[c]);
  g_free (sim->exit_leaves);
  g_free (sim->goals);
  g_free (sim->exit_events);
  g_free (sim->exit_wheres);
  for (guint u = 0; sim->users && u < sim->users->len; u++)
    {
      SimUser *user = g_ptr_array_index (sim->users, u);
      if (user == NULL)
        continue;
      SimUserMore *more = user->more;

      if (more != NULL)
        {
          for (guint h = 0; more->history && h < more->history->len; h++)
            g_clear_pointer (&g_array_index (more->history, CairnEventRec, h).params, json_object_unref);
          g_clear_pointer (&more->history, g_array_unref);
          g_clear_pointer (&more->purchased, g_ptr_array_unref);
          g_clear_pointer (&more->cap_log, g_array_unref);
          if (more->messages)
            g_string_free (more->messages, TRUE);
          if (more->timeline)
            g_string_free (more->timeline, TRUE);
        }
      /* Entries, their text, the older ones' array and the counters are
         in the run's blocks, freed below; without the older ones' array,
         only the last is kept. */
      for (guint e = user->older != NULL ? 0 : MAX (user->n_entries, 1) - 1; e < user->n_entries; e++)
        {
          SimEntry *entry = sim_user_entry (user, e);
          if (entry->params != NULL)
            json_object_unref (entry->params);
          if (entry->path != NULL)
            g_array_unref (entry->path);
        }
      g_clear_pointer (&user->attributes, json_object_unref);
    }
  g_clear_pointer (&sim->users, g_ptr_array_unref);
  g_clear_pointer (&sim->user_blocks, g_ptr_array_unref);
  g_clear_pointer (&sim->blocks, g_ptr_array_unref);
  g_clear_pointer (&sim->known, g_array_unref);
  g_clear_pointer (&sim->known_bits, g_free);
  sim->n_known_words = 0;
  for (guint i = 0; sim->splits && i < sim->splits->len; i++)
    if (sim->splits->pdata[i])
      g_array_unref (sim->splits->pdata[i]);
  g_clear_pointer (&sim->splits, g_ptr_array_unref);
  g_clear_pointer (&sim->tz, g_time_zone_unref);
  g_clear_pointer (&sim->history_keep, g_hash_table_unref);
  g_clear_pointer (&sim->acts_on, g_hash_table_unref);
  g_clear_pointer (&sim->goal_causes, g_hash_table_unref);
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
          gboolean               own_catalog)
{
  Sim *sim = &run->sim;

  /* One catalog for every thread: it is read only, its products are
     referenced by JsonNode (atomic counts), its memo is locked. */
  if (input->catalog != NULL)
    sim->catalog = cairn_catalog_ref (input->catalog);
  sim->journey = journey;
  sim->input = input;
  sim->options = options;
  sim->seed = input->seed;
  sim->users = g_ptr_array_new ();
  sim->known = g_array_new (FALSE, FALSE, sizeof (guint));

  sim_compile_journey (sim);
  sim->splits = g_ptr_array_new ();
  g_ptr_array_set_size (sim->splits, sim->n_nodes);
  sim->shared = sim;
  for (guint i = 0; i < sim->n_nodes; i++)
    sim->nodes[i].draw_id = sim->nodes[i].id;
  run->sims = g_new0 (Sim *, 1);
  run->sims[0] = sim;
  run->n_sims = 1;
  run->cur = sim;
}

/* A portfolio's run (DESIGN §13): its first journey as run_init () makes
 * it, then the others on the same users, each with a Sim of its own whose
 * users keep what they share in the first one's (PF2). */
static void
run_init_portfolio (Run                   *run,
                    CairnPortfolio        *portfolio,
                    CairnInput            *input,
                    const CairnSimOptions *options,
                    gboolean               own_catalog)
{
  guint n = portfolio->journeys->len;
  Sim *first = &run->sim;

  run_init (run, portfolio->journeys->pdata[0], input, options, own_catalog);
  g_free (run->sims);
  run->sims = g_new0 (Sim *, n);
  run->n_sims = n;
  run->sims[0] = first;
  for (guint j = 1; j < n; j++)
    {
      Sim *sim = run->sims[j] = g_new0 (Sim, 1);

      /* One catalog per thread, shared by its journeys. */
      sim->catalog = first->catalog ? cairn_catalog_ref (first->catalog) : NULL;
      sim->journey = portfolio->journeys->pdata[j];
      sim->input = input;
      sim->options = options;
      sim->seed = input->seed;
      sim->users = g_ptr_array_new ();
      sim->known = g_array_new (FALSE, FALSE, sizeof (guint));
      sim_compile_journey (sim);
      sim->splits = g_ptr_array_new ();
      g_ptr_array_set_size (sim->splits, sim->n_nodes);
      sim->shared = first;
      sim->index = j;
    }
  for (guint j = 0; j < n; j++)
    {
      Sim *sim = run->sims[j];
      const char *journey_id = cairn_journey_get_id (sim->journey);
      GHashTableIter iter;
      gpointer name;

      sim->portfolio = TRUE;
      /* Draw keys name the journey too (PF5). */
      for (guint i = 0; i < sim->n_nodes; i++)
        {
          sim->nodes[i].draw_id_owned = g_strdup_printf ("%s:%s", journey_id ? journey_id : "", sim->nodes[i].id);
          sim->nodes[i].draw_id = sim->nodes[i].draw_id_owned;
        }
      /* The shared history keeps what any journey reads. */
      first->history_window = MAX (first->history_window, sim->history_window);
      first->track_purchases |= sim->track_purchases;
      first->track_engagement |= sim->track_engagement;
      g_hash_table_iter_init (&iter, sim->history_keep);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_hash_table_add (first->history_keep, name);
    }
  first->keep_history = first->history_window > 0 || g_hash_table_size (first->history_keep) > 0;
  run->has_cap = portfolio->has_cap;
  run->cap_max = portfolio->cap_max;
  run->cap_per = portfolio->cap_per;
  run->cap_channels = portfolio->cap_channels;
  run->after_fired = g_hash_table_new (NULL, NULL);
}

static void
run_clear (Run *run)
{
  for (guint j = 0; j < run->n_sims; j++)
    {
      sim_clear (run->sims[j]);
      if (j > 0)
        g_free (run->sims[j]);
    }
  g_clear_pointer (&run->sims, g_free);
  run->n_sims = 0;
  g_clear_pointer (&run->after_fired, g_hash_table_unref);
}

/* Where the loop is in the input: the next event, read ahead. */
typedef struct
{
  CairnInputEvent next;
  gboolean        have_next;
  gboolean        exhausted;
  guint64         seq;       /* the next event's number (T5) */
  guint           ahead;     /* CairnInput.ahead with the next event */
  const char     *ahead_name;
} InputCursor;

/* Reads the next input event into @cursor unless one is waiting or the
 * input is over. A partition reads the input's events in place and takes
 * only its own users'. FALSE, with @error set, when the input is bad. */
static gboolean
read_input (Run          *run,
            InputCursor  *cursor,
            GError      **error)
{
  Sim *sim = &run->sim;
  CairnInput *input = sim->input;
  g_autoptr(GError) local = NULL;

  if (cursor->have_next || cursor->exhausted)
    return TRUE;
  if (run->events != NULL)
    {
      /* A partition: the next event of one of its users. */
      while (run->next_event < run->n_events
             && (run->events[run->next_event].user < sim->part_first
                 || run->events[run->next_event].user >= sim->part_end))
        run->next_event++;
      if (run->next_event < run->n_events)
        {
          cursor->next = run->events[run->next_event];
          cursor->ahead = cairn_input_events_ahead (run->events, run->next_event, run->n_events, &cursor->ahead_name);
          if (cursor->next.params)
            json_object_ref (cursor->next.params);
          cursor->seq = run->next_event++;
          cursor->have_next = TRUE;
        }
      else
        cursor->exhausted = TRUE;
      return TRUE;
    }
  if (input->next_event != NULL && input->next_event (input, &cursor->next, &local))
    {
      cursor->have_next = TRUE;
      cursor->ahead = input->ahead;
      cursor->ahead_name = input->ahead_name;
      if (!input->has_start)
        {
          CairnTime time = cursor->next.time;
          CairnTime day = time / CAIRN_USEC_PER_DAY - (time < 0 && time % CAIRN_USEC_PER_DAY);
          input->start = day * CAIRN_USEC_PER_DAY;
          input->has_start = TRUE;
        }
      return TRUE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  cursor->exhausted = TRUE;
  if (input->finish)
    input->finish (input);
  if (!input->has_start)
    input->start = 0, input->has_start = TRUE;
  if (!input->has_end)
    input->end = input->start, input->has_end = TRUE;
  return TRUE;
}

static gboolean
journey_is_daily (Sim *journey)
{
  return journey->starter >= 0 && journey->nodes[journey->starter].kind->is_daily;
}

/* Each daily journey's first tick, numbered in priority order (PF9). */
static void
start_ticks (Run *run)
{
  for (guint j = 0; j < run->n_sims; j++)
    {
      Item *tick;

      if (!journey_is_daily (run->sims[j]))
        continue;
      tick = sim_item_new (run, sim_first_tick (run->sims[j], run->sim.input->start), CLASS_TICK, ITEM_TICK, 0);
      tick->journey = j;
      sim_heap_push (&run->heap, tick);
    }
}

/* Runs the input event waiting in @cursor. FALSE when it does not run:
 * past the window's end (the input is sorted, so nothing later runs either,
 * T3) or, with --partition, another partition's user's. */
static gboolean
run_input_event (Run         *run,
                 InputCursor *cursor)
{
  CairnInput *input = run->sim.input;
  Item item = { 0 };

  if (input->has_end && cursor->next.time > input->end)
    {
      cairn_input_event_clear (&cursor->next);
      cursor->have_next = FALSE;
      cursor->exhausted = TRUE;
      if (input->finish && run->events == NULL)
        input->finish (input);
      return FALSE;
    }
  /* --partition: another partition's user, numbered all the same. */
  if (run->partition != NULL && !cairn_partition_take_event (run->partition, input, cursor->next.user, cursor->seq))
    {
      cursor->seq++;
      cairn_input_event_clear (&cursor->next);
      cursor->have_next = FALSE;
      return FALSE;
    }
  item.time = cursor->next.time;
  item.kind = ITEM_EVENT;
  item.user = cursor->next.user;
  item.name = cursor->next.name;
  item.platform = cursor->next.platform;
  item.params = cursor->next.params;
  item.params_text = cursor->next.params_text;
  item.counted = TRUE;
  item.seq = run->events != NULL ? cursor->seq : cursor->seq++;
  if (run->partition != NULL)
    cairn_partition_set_cause (run, CAUSE_INPUT, item.seq);
  for (guint j = 0; j < run->n_sims; j++)
    {
      run->sims[j]->counter++;
      if (cursor->ahead != 0)
        sim_prefetch_user (run->sims[j], cursor->ahead - 1, cursor->ahead_name);
    }
  sim_process_event (run, &item);
  g_clear_pointer (&item.params, json_object_unref);
  cursor->have_next = FALSE;
  memset (&cursor->next, 0, sizeof cursor->next);
  return TRUE;
}

/* Runs an item taken from the heap, and frees it. */
static void
run_heap_item (Run  *run,
               Item *item)
{
  if (run->partition != NULL)
    cairn_partition_set_cause (run, item->kind == ITEM_EVENT ? CAUSE_GENERATED
                                    : item->kind == ITEM_TICK ? CAUSE_TICK : CAUSE_TIMER, -1);
  for (guint j = 0; j < run->n_sims; j++)
    run->sims[j]->counter++;
  if (item->kind == ITEM_EVENT)
    sim_process_event (run, item);
  else if (item->kind == ITEM_TICK)
    {
      Item *again;
      run->cur = run->sims[item->journey];
      sim_process_tick (run, item->time);
      again = sim_item_new (run, item->time + CAIRN_USEC_PER_DAY, CLASS_TICK, ITEM_TICK, 0);
      again->journey = item->journey;
      sim_heap_push (&run->heap, again);
    }
  else
    sim_process_timer (run, item);
  run->cur = &run->sim;
  sim_item_free (run, item);
}

/* The scheduler's loop (T5): input events pulled in order, the rest from
 * the heap. */
static gboolean
run_loop (Run           *run,
          GCancellable  *cancellable,
          gboolean       report_progress,
          GError       **error)
{
  Sim *sim = &run->sim;
  CairnInput *input = sim->input;
  const CairnSimOptions *options = sim->options;
  InputCursor cursor = { { 0 }, FALSE, FALSE, 0 };
  Item *fetched = NULL;
  gboolean daily = FALSE, ticks_started = FALSE;
  CairnTime now = 0;
  gboolean ok = TRUE;

  /* Users known from the start (T7). */
  if (run->partition != NULL)
    cairn_partition_start (run->partition, run);
  else
    for (guint i = MIN (sim->part_first, input->users->len); i < MIN (sim->part_end, input->users->len); i++)
      sim_run_make_known (run, i);

  for (guint j = 0; j < run->n_sims; j++)
    daily |= journey_is_daily (run->sims[j]);

  for (;;)
    {
      const HeapSlot *first;
      Item *top;
      gboolean take_input;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) || !read_input (run, &cursor, error))
        {
          ok = FALSE;
          break;
        }
      if (daily && !ticks_started && input->has_start)
        {
          start_ticks (run);
          ticks_started = TRUE;
        }

      /* Input events before the window never happen. */
      if (cursor.have_next && input->has_start && cursor.next.time < input->start)
        {
          cairn_input_event_clear (&cursor.next);
          cursor.have_next = FALSE;
          continue;
        }

      first = sim_heap_first (&run->heap);
      top = first != NULL ? first->item : NULL;
      if (!cursor.have_next && top == NULL)
        break;
      /* The next item's user, asked of memory once while input events
         come before it (its item was asked for when it became the top). */
      if (top != NULL && top != fetched)
        {
          fetched = top;
          for (guint j = 0; j < run->n_sims; j++)
            sim_prefetch_user (run->sims[j], top->user, NULL);
        }
      if (cursor.have_next && top != NULL)
        {
          guint64 key = sim_item_key (CLASS_EVENT, 0, cursor.seq);
          take_input = cursor.next.time < first->time || (cursor.next.time == first->time && key < first->key);
        }
      else
        take_input = cursor.have_next;

      if (take_input)
        {
          CairnTime time = cursor.next.time;

          if (!run_input_event (run, &cursor))
            continue;
          now = time;
        }
      else
        {
          if (input->has_end && top->time > input->end)
            break;
          now = top->time;
          run_heap_item (run, sim_heap_pop (&run->heap));
          if ((first = sim_heap_first (&run->heap)) != NULL)
            __builtin_prefetch (first->item);
        }
      if (report_progress && options->progress && (sim->counter & 0x3FFF) == 0 && input->has_end && input->end > input->start)
        options->progress (CLAMP ((double) (now - input->start) / (input->end - input->start), 0.0, 1.0),
                           options->progress_data);
    }

  sim_heap_drain (&run->heap, run);
  sim_items_clear (run);
  cairn_input_event_clear (&cursor.next);
  return ok;
}

/* Runs split over threads (§8 --threads): users go to partitions along the
 * input's shards, within which generated objects may be shared (json-glib's
 * reference counts are not atomic), and nothing links users of different
 * partitions: no split.ab with an autowinner. Counts add up; goal values
 * are exact sums, so the report does not depend on the split. */
#define PARALLEL_MIN_USERS 20000
/* A split replay's parts share one reader: past a few, it is the bound. */
#define MAX_REPLAY_PARTS 4

static gboolean
journey_links_users (Run *run)
{
  for (guint j = 0; j < run->n_sims; j++)
    if (run->sims[j]->has_autowinner)
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
  CairnInput    *replay;        /* a split replay's part, or NULL */
} Part;

static gpointer
part_thread (gpointer data)
{
  Part *part = data;
  part->ok = run_loop (&part->run, part->cancellable, part->progress, &part->error);
  if (part->replay != NULL)
    cairn_input_replay_part_done (part->replay);
  return NULL;
}

/* The counts of @from added to @into's. */
static void
merge_counts_into (Sim *into,
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
      sim_sum_merge (&into->goals[g].value, &from->goals[g].value);
    }
  for (guint c = 0; c < G_N_ELEMENTS (into->channels); c++)
    {
      SimChannel *a = &into->channels[c], *b = &from->channels[c];
      a->sent += b->sent;
      a->unreachable += b->unreachable;
      a->capped += b->capped;
      a->quiet_hours += b->quiet_hours;
      a->portfolio_capped += b->portfolio_capped;
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
}

static void
merge_into (Sim *into,
            Sim *from)
{
  merge_counts_into (into, from);
  /* Every user belongs to one partition. */
  for (guint u = from->part_first; u < MIN (from->part_end, from->users->len); u++)
    {
      into->users->pdata[u] = from->users->pdata[u];
      from->users->pdata[u] = NULL;
    }
}

/* A split replay's part: its users stay its own (each part is cleared on
 * its own thread), and the report takes from them only how many were
 * known and active at the end, and where they wait; nobody is listed
 * (run_all). */
static void
merge_replay_part_into (Sim *into,
                        Sim *from)
{
  merge_counts_into (into, from);
  into->n_known_merged += from->known->len;
  for (guint u = 0; u < from->users->len; u++)
    {
      SimUser *user = g_ptr_array_index (from->users, u);

      if (user != NULL && user->active)
        {
          into->n_active_merged++;
          if (user->node >= 0)
            into->nodes[user->node].waiting_at_end++;
        }
    }
}

static gpointer
clear_thread (gpointer data)
{
  run_clear (data);
  return NULL;
}

/* A journey's run, or a portfolio's (@portfolio not NULL). */
static char *
run_all (CairnJourney           *journey,
         CairnPortfolio         *portfolio,
         CairnInput             *input,
         const CairnSimOptions  *options,
         GCancellable           *cancellable,
         GError                **error)
{
  CairnSimOptions defaults;
  g_autofree Part *parts = NULL;
  g_autofree GThread **threads = NULL;
  CairnInput **replay_parts = NULL;
  const CairnInputEvent *events;
  guint n_events = 0, n_parts = 1, n_threads;
  gboolean apart, ok = TRUE;
  Run *run;
  GString *out = NULL;

  if (options == NULL)
    {
      cairn_sim_options_init (&defaults);
      options = &defaults;
    }
  sim_intern_names ();
  if (options->has_start)
    input->start = options->start, input->has_start = TRUE;
  if (options->has_end)
    input->end = options->end, input->has_end = TRUE;

  n_threads = options->threads ? options->threads : g_get_num_processors ();
  /* One thread means one: a replay reads its log in this one too. */
  input->sequential = n_threads == 1;

  /* How many partitions there are decides nothing in the report. */
  parts = g_new0 (Part, MAX (MAX (input->n_shards, 1), MAX_REPLAY_PARTS));
  if (portfolio != NULL)
    run_init_portfolio (&parts[0].run, portfolio, input, options, FALSE);
  else
    run_init (&parts[0].run, journey, input, options, FALSE);
  apart = cairn_input_events_in_place (input) && input->n_shards > 0 && input->users->len >= PARALLEL_MIN_USERS
          && !journey_links_users (&parts[0].run);
  if (apart)
    n_parts = CLAMP (MIN (n_threads, input->n_shards), 1, input->n_shards);
  /* A replay's users go to parts by a hash of their ids, each part on a
   * thread of its own beside the reader, when nothing links users and
   * nobody is listed (the people come in known order, which no part has
   * whole); cairn-replay.c. */
  else if (portfolio == NULL && n_threads > 1 && options->trace < 0 && cairn_input_replay_can_split (input)
           && !journey_links_users (&parts[0].run))
    {
      n_parts = MIN (n_threads, MAX_REPLAY_PARTS);
      replay_parts = cairn_input_replay_split (input, n_parts, error);
      if (replay_parts == NULL)
        {
          run_clear (&parts[0].run);
          return NULL;
        }
      parts[0].run.sim.input = replay_parts[0];
    }

  for (guint k = 0; k < n_parts; k++)
    {
      Part *part = &parts[k];

      if (k > 0 && portfolio != NULL)
        run_init_portfolio (&part->run, portfolio, input, options, TRUE);
      else if (k > 0)
        run_init (&part->run, journey, replay_parts ? replay_parts[k] : input, options, TRUE);
      part->cancellable = cancellable;
      part->progress = k == 0;
      part->replay = replay_parts ? replay_parts[k] : NULL;
      for (guint j = 0; j < part->run.n_sims; j++)
        {
          Sim *psim = part->run.sims[j];

          /* Alone, or a split replay's part: its input's users are its own. */
          if (n_parts == 1 || replay_parts != NULL)
            {
              psim->part_first = 0;
              psim->part_end = G_MAXUINT;
              continue;
            }
          psim->partitioned = TRUE;
          /* Shards k * S / P .. (k + 1) * S / P - 1; shard 0 starts at user 0. */
          psim->part_first = k == 0 ? 0 : input->shard_ends[k * input->n_shards / n_parts - 1];
          psim->part_end = input->shard_ends[(k + 1) * input->n_shards / n_parts - 1];
          g_ptr_array_set_size (psim->users, input->users->len);
        }
      if (n_parts == 1 || replay_parts != NULL)
        continue;
      /* Its shards' events alone when they are apart, else all of them,
         the others' passed over. */
      events = cairn_input_get_shard_events (input, k * input->n_shards / n_parts,
                                             (k + 1) * input->n_shards / n_parts, &n_events);
      if (events == NULL)
        events = cairn_input_get_events (input, &n_events);
      part->run.events = events;
      part->run.n_events = n_events;
    }

  threads = g_new0 (GThread *, n_parts);
  for (guint k = 1; k < n_parts; k++)
    threads[k] = g_thread_new ("cairn-sim", part_thread, &parts[k]);
  part_thread (&parts[0]);
  for (guint k = 1; k < n_parts; k++)
    g_thread_join (threads[k]);
  if (replay_parts != NULL)
    cairn_input_replay_join (input, replay_parts);

  for (guint k = 0; k < n_parts; k++)
    if (ok && !parts[k].ok)
      {
        g_propagate_error (error, g_steal_pointer (&parts[k].error));
        ok = FALSE;
      }
  run = &parts[0].run;
  if (ok)
    {
      for (guint j = 0; j < run->n_sims; j++)
        {
          Sim *sim = run->sims[j];

          for (guint k = 1; k < n_parts; k++)
            if (replay_parts != NULL)
              merge_replay_part_into (sim, parts[k].run.sims[j]);
            else
              merge_into (sim, parts[k].run.sims[j]);
          if (n_parts > 1 && replay_parts == NULL)
            {
              /* Everyone was known from the start, in user order (T7). */
              g_array_set_size (sim->known, 0);
              for (guint u = 0; u < sim->users->len; u++)
                g_array_append_val (sim->known, u);
              sim->part_end = G_MAXUINT;
            }
          sim->start = input->start;
          sim->end = input->end;
        }
      out = g_string_new (NULL);
      if (portfolio != NULL)
        cairn_sim_write_portfolio_report (run->sims, run->n_sims, portfolio->id, out);
      else
        cairn_sim_write_report (&run->sim, out);
    }

  /* The users of a partition share objects with no one else: each is
     cleared on its own thread. */
  for (guint k = 0; k < n_parts; k++)
    {
      sim_heap_free (&parts[k].run.heap);
      g_clear_error (&parts[k].error);
    }
  if (n_parts > 1 && ok && replay_parts == NULL)
    {
      /* The users went to partition 0: give them back for clearing. */
      for (guint k = 1; k < n_parts; k++)
        for (guint j = 0; j < run->n_sims; j++)
          {
            Sim *psim = parts[k].run.sims[j];
            for (guint u = psim->part_first; u < psim->part_end; u++)
              {
                psim->users->pdata[u] = run->sims[j]->users->pdata[u];
                run->sims[j]->users->pdata[u] = NULL;
              }
          }
    }
  for (guint k = 1; k < n_parts; k++)
    threads[k] = g_thread_new ("cairn-sim-clear", clear_thread, &parts[k].run);
  run_clear (run);
  for (guint k = 1; k < n_parts; k++)
    g_thread_join (threads[k]);
  for (guint k = 0; replay_parts != NULL && k < n_parts; k++)
    cairn_input_free (replay_parts[k]);
  g_free (replay_parts);

  return ok ? g_string_free (out, FALSE) : NULL;
}

/* One partition of a run over several machines (--partition K/N,
 * cairn-partition.c): the users whose id hashes to it, on this thread, and
 * its partial report. */
char *
sim_run_partition (CairnJourney           *journey,
                   CairnPortfolio         *portfolio,
                   CairnInput             *input,
                   const CairnSimOptions  *options,
                   CairnPartition         *partition,
                   GError                **error)
{
  CairnSimOptions defaults;
  Run run = { 0 };
  gboolean ok;
  char *out = NULL;

  if (options == NULL)
    {
      cairn_sim_options_init (&defaults);
      options = &defaults;
    }
  sim_intern_names ();
  if (options->has_start)
    input->start = options->start, input->has_start = TRUE;
  if (options->has_end)
    input->end = options->end, input->has_end = TRUE;
  if (portfolio != NULL)
    run_init_portfolio (&run, portfolio, input, options, FALSE);
  else
    run_init (&run, journey, input, options, FALSE);
  input->sequential = TRUE;
  for (guint j = 0; j < run.n_sims; j++)
    {
      Sim *psim = run.sims[j];

      psim->partitioned = TRUE;
      psim->part_first = 0;
      psim->part_end = G_MAXUINT;
      g_ptr_array_set_size (psim->users, input->users->len);
      psim->goal_causes = g_hash_table_new (NULL, NULL);
    }
  run.partition = partition;
  ok = cairn_partition_impose (partition, &run, error) && run_loop (&run, NULL, FALSE, error);
  if (ok)
    {
      for (guint j = 0; j < run.n_sims; j++)
        {
          run.sims[j]->start = input->start;
          run.sims[j]->end = input->end;
        }
      out = cairn_partition_write (partition, &run, portfolio ? portfolio->id : NULL, portfolio != NULL);
    }
  sim_heap_free (&run.heap);
  run_clear (&run);
  return out;
}

char *
cairn_sim_run (CairnJourney           *journey,
               CairnInput             *input,
               const CairnSimOptions  *options,
               GCancellable           *cancellable,
               GError                **error)
{
  return run_all (journey, NULL, input, options, cancellable, error);
}

char *
cairn_sim_run_portfolio (CairnPortfolio         *portfolio,
                         CairnInput             *input,
                         const CairnSimOptions  *options,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_return_val_if_fail (portfolio != NULL && portfolio->journeys->len > 0, NULL);
  return run_all (NULL, portfolio, input, options, cancellable, error);
}
