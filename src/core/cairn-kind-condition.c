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

/* Branches (§5 condition.*, next_best_channel): on conditions, on
 * reachability, on a message's interaction, on engagement. */

/* condition.check: the first tab whose condition holds, else "else" */

static int
check_arrive (Run       *run,
              SimUser   *user,
              guint      index,
              int        n,
              CairnTime  time)
{
  Sim *sim = run->cur;
  SimNode *node = &sim->nodes[n];
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

static void
check_summary (GString             *out,
               const CairnNodeKind *kind,
               JsonObject          *config)
{
  JsonArray *tabs = cairn_json_get_array (config, "tabs");
  guint n = tabs ? json_array_get_length (tabs) : 0;

  if (n == 1 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (tabs, 0)))
    {
      JsonObject *tab = json_array_get_object_element (tabs, 0);
      g_autofree char *when = cairn_predicate_summary (json_object_get_member (tab, "when"));
      g_string_append_printf (out, _("If %s"), when);
    }
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Check %u condition, first match wins",
                                              "Check %u conditions, first match wins", n), n);
}

const CairnNodeKindOps cairn_kind_condition_check_ops = {
  .arrive = check_arrive,
  .summary = check_summary,
};

/* condition.reachability: the first channel the user is reachable on */

static int
reachability_arrive (Run       *run,
                     SimUser   *user,
                     guint      index,
                     int        n,
                     CairnTime  time)
{
  SimNode *node = &run->cur->nodes[n];
  int port = sim_port_index (node, "unreachable");

  for (guint p = 0; p + 1 < node->n_ports; p++)
    if (sim_reachable (user, node->ports[p]))
      {
        port = p;
        break;
      }
  sim_timeline_add (run->cur, user, time, n, "branch", node->ports[port]);
  return port;
}

static void
reachability_summary (GString             *out,
                      const CairnNodeKind *kind,
                      JsonObject          *config)
{
  g_string_append (out, _("First reachable of "));
  cairn_summary_append_channels (out, cairn_json_get_array (config, "channels"));
}

const CairnNodeKindOps cairn_kind_condition_reachability_ops = {
  .arrive = reachability_arrive,
  .summary = reachability_summary,
};

/* next_best_channel: the reachable channel with the best engagement */

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
    return (double) engaged[CAIRN_N_CHANNELS + index] / engaged[index];
  return 0;
}

static int
next_best_channel_arrive (Run       *run,
                          SimUser   *user,
                          guint      index,
                          int        n,
                          CairnTime  time)
{
  SimNode *node = &run->cur->nodes[n];
  double best = -1;
  int port = sim_port_index (node, "unreachable");

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
  sim_timeline_add (run->cur, user, time, n, "branch", node->ports[port]);
  return port;
}

static void
next_best_channel_summary (GString             *out,
                           const CairnNodeKind *kind,
                           JsonObject          *config)
{
  g_string_append (out, _("Best engaged of "));
  cairn_summary_append_channels (out, cairn_json_get_array (config, "channels"));
}

/* Only this kind reads engagement counts: a run keeps them when it has one. */
static void
next_best_channel_compile (Sim     *sim,
                           SimNode *node)
{
  sim->track_engagement = TRUE;
}

const CairnNodeKindOps cairn_kind_next_best_channel_ops = {
  .compile = next_best_channel_compile,
  .arrive = next_best_channel_arrive,
  .summary = next_best_channel_summary,
};

/* condition.interaction: was the entry's latest send of a message
 * delivered, opened or clicked (within a time) */

static void
interaction_compile (Sim     *sim,
                     SimNode *node)
{
  const char *interaction = cairn_json_get_string (node->config, "interaction");

  node->message_node = sim_node_index (sim, cairn_json_get_string (node->config, "message"));
  node->interaction = g_strcmp0 (interaction, "delivered") == 0 ? 0 : g_strcmp0 (interaction, "opened") == 0 ? 1 : 2;
  node->duration = sim_config_duration (node->config, "within", -1);
}

static int
interaction_arrive (Run       *run,
                    SimUser   *user,
                    guint      index,
                    int        n,
                    CairnTime  time)
{
  SimNode *node = &run->cur->nodes[n];
  SimSend *latest = NULL;
  gboolean yes = FALSE;

  for (guint s = user->n_sends; s-- > 0;)
    {
      SimSend *send = user->sends[s];
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
  sim_timeline_add (run->cur, user, time, n, "branch", yes ? "yes" : "no");
  return sim_port_index (node, yes ? "yes" : "no");
}

static void
interaction_summary (GString             *out,
                     const CairnNodeKind *kind,
                     JsonObject          *config)
{
  const char *within = cairn_json_get_string (config, "within");

  /* Translators: "Was push1 clicked?" */
  g_string_append_printf (out, _("Was %s %s"), cairn_summary_or_unknown (cairn_json_get_string (config, "message")),
                          cairn_summary_or_unknown (cairn_json_get_string (config, "interaction")));
  if (within)
    {
      g_autofree char *text = cairn_summary_describe_duration (within);
      g_string_append_printf (out, _(" within %s"), text);
    }
  g_string_append_c (out, '?');
}

static void
interaction_validate (CairnCheck *check,
                      CairnNode  *node)
{
  JsonNode *ref = node->config ? json_object_get_member (node->config, "message") : NULL;
  CairnNode *target = cairn_is_string (ref) ? cairn_journey_find_node (check->journey, json_node_get_string (ref)) : NULL;

  if (cairn_is_string (ref) && (target == NULL || target->kind == NULL || !target->kind->is_message))
    CAIRN_CHECK_ERROR (check, ref, "interaction-not-message",
                       _("\"%s\" is not a message node: an interaction check looks at a message"), json_node_get_string (ref));
}

static void
interaction_validate_graph (CairnCheck *check,
                            CairnNode  *node)
{
  CairnJourney *journey = check->journey;
  CairnNode *message = cairn_journey_find_node (journey, cairn_json_get_string (node->config, "message"));

  if (message && message->kind && message->kind->is_message && !cairn_check_upstream_of (journey, message, node))
    CAIRN_CHECK_WARNING (check, json_object_get_member (node->config, "message"), "interaction-not-upstream",
                         _("\"%s\" is not before this check in the journey, so it has never been sent here"), message->id);
}

const CairnNodeKindOps cairn_kind_condition_interaction_ops = {
  .compile = interaction_compile,
  .arrive = interaction_arrive,
  .summary = interaction_summary,
  .validate = interaction_validate,
  .validate_graph = interaction_validate_graph,
};
