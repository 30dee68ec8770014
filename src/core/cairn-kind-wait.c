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

/* Waits (§5 wait.*): the user stays at the node until a timer, or an
 * event (cairn-sim.c resumes waits for events). Waits break loops. */

/* The user waits at @n until @due; the timeline says why. */
static int
wait_until (Run       *run,
            SimUser   *user,
            guint      index,
            int        n,
            CairnTime  time,
            CairnTime  due,
            int        wait)
{
  Sim *sim = run->cur;
  SimNode *node = &sim->nodes[n];
  g_autofree char *detail = NULL;

  user->wait = wait;
  user->wait_counter = sim->counter;
  sim_schedule_timer (run, due, ITEM_TIMER_PORT, user, index, n,
                      sim_port_index (node, wait == WAIT_EVENT ? "timeout" : "out"));
  /* The detail is for the timeline only. */
  if (!user->record)
    return SIM_ARRIVE_STOP;
  if (wait == WAIT_EVENT)
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
  return SIM_ARRIVE_STOP;
}

/* wait.duration */

static void
wait_duration_compile (Sim     *sim,
                       SimNode *node)
{
  node->duration = sim_config_duration (node->config, "duration", 0);
}

static int
wait_duration_arrive (Run       *run,
                      SimUser   *user,
                      guint      index,
                      int        n,
                      CairnTime  time)
{
  return wait_until (run, user, index, n, time, time + run->cur->nodes[n].duration, WAIT_TIMER);
}

static void
wait_duration_summary (GString             *out,
                       const CairnNodeKind *kind,
                       JsonObject          *config)
{
  g_autofree char *duration = cairn_summary_describe_duration (cairn_json_get_string (config, "duration"));
  g_string_append_printf (out, _("Wait %s"), duration);
}

const CairnNodeKindOps cairn_kind_wait_duration_ops = {
  .compile = wait_duration_compile,
  .arrive = wait_duration_arrive,
  .summary = wait_duration_summary,
};

/* wait.until_time: a wall-clock time in the journey's zone, on some days */

static void
wait_until_time_compile (Sim     *sim,
                         SimNode *node)
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

static int
wait_until_time_arrive (Run       *run,
                        SimUser   *user,
                        guint      index,
                        int        n,
                        CairnTime  time)
{
  Sim *sim = run->cur;
  SimNode *node = &sim->nodes[n];

  return wait_until (run, user, index, n, time,
                     cairn_time_next_wall_clock (sim->tz, time, node->minutes, node->days_mask), WAIT_TIMER);
}

static void
wait_until_time_summary (GString             *out,
                         const CairnNodeKind *kind,
                         JsonObject          *config)
{
  JsonArray *days = cairn_json_get_array (config, "days");

  g_string_append_printf (out, _("Wait until %s"), cairn_summary_or_unknown (cairn_json_get_string (config, "time")));
  if (days && json_array_get_length (days) > 0)
    {
      g_string_append (out, _(" on "));
      for (guint i = 0; i < json_array_get_length (days); i++)
        {
          JsonNode *element = json_array_get_element (days, i);
          g_string_append_printf (out, "%s%s", i ? ", " : "",
                                  JSON_NODE_HOLDS_VALUE (element) ? cairn_summary_or_unknown (json_node_get_string (element)) : "?");
        }
    }
}

const CairnNodeKindOps cairn_kind_wait_until_time_ops = {
  .compile = wait_until_time_compile,
  .arrive = wait_until_time_arrive,
  .summary = wait_until_time_summary,
};

/* wait.until_event: an event, or the timeout */

static void
wait_until_event_compile (Sim     *sim,
                          SimNode *node)
{
  node->event = g_intern_string (cairn_json_get_string (node->config, "event"));
  node->where = json_object_get_member (node->config, "where");
  node->where_leaf = cairn_predicate_leaf_new (node->where);
  node->duration = sim_config_duration (node->config, "timeout", 0);
}

static int
wait_until_event_arrive (Run       *run,
                         SimUser   *user,
                         guint      index,
                         int        n,
                         CairnTime  time)
{
  return wait_until (run, user, index, n, time, time + run->cur->nodes[n].duration, WAIT_EVENT);
}

static void
wait_until_event_summary (GString             *out,
                          const CairnNodeKind *kind,
                          JsonObject          *config)
{
  g_autofree char *timeout = cairn_summary_describe_duration (cairn_json_get_string (config, "timeout"));

  g_string_append_printf (out, _("Wait until %s"), cairn_summary_or_unknown (cairn_json_get_string (config, "event")));
  cairn_summary_append_where (out, config, "where", _(" where "));
  g_string_append_printf (out, _(", up to %s"), timeout);
}

const CairnNodeKindOps cairn_kind_wait_until_event_ops = {
  .compile = wait_until_event_compile,
  .arrive = wait_until_event_arrive,
  .summary = wait_until_event_summary,
};
