/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cairn-json.h"
#include "cairn-predicate.h"
#include "cairn-kind-private.h"
#include "cairn-rng.h"
#include "cairn-sim-private.h"
#include "cairn-template.h"

/* The scheduler's side of nodes: arriving, following a port, entering. */

/* Arrives at node @n and runs nodes until the user waits or leaves: what
 * each node does is its kind's (CairnNodeKindOps.arrive, cairn-kind-*.c). */
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
      int port;

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

      port = node->ops && node->ops->arrive ? node->ops->arrive (run, user, index, n, time) : -1;
      if (port == SIM_ARRIVE_STOP)
        return;
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
  gsize size = sim_entry_size (sim);
  /* A user's earlier entries are read again only for a listed person's
     paths, an autowinner's metric, a portfolio's overlaps and the
     partial report of a --partition run; else a new entry takes the
     place of the last, and the room its params' text had. */
  gboolean keep = user->record || sim->portfolio || sim->has_autowinner || run->partition != NULL;
  SimEntry *entry;
  char *text = NULL;
  guint32 text_size = 0;

  if (user->current != NULL && !keep)
    {
      entry = user->current;
      g_clear_pointer (&entry->params, json_object_unref);
      text = (char *) entry->params_text;
      text_size = entry->params_size;
      memset (entry, 0, size);
    }
  else
    {
      /* The room after the user, for its first entry if there is room */
      entry = user->current == NULL ? sim_first_entry (sim, user) : NULL;
      if (entry == NULL)
        entry = sim_alloc0 (sim, size);
    }
  entry->time = time;
  entry->params = params ? json_object_ref (params) : NULL;
  /* A replayed event's params are read from their text. */
  if (params == NULL && params_text != NULL)
    {
      gsize length = strlen (params_text) + 1;

      if (length > text_size)
        {
          text = sim_alloc0 (sim, length);
          text_size = length;
        }
      entry->params_text = memcpy (text, params_text, length);
      entry->params_size = text_size;
    }
  /* Only the people of the report show their paths. */
  if (user->record)
    entry->path = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint g = 0; g < sim->n_goals; g++)
    entry->goal_times[g] = -1;
  entry->reason = -1;
  if (user->current != NULL && keep)
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
