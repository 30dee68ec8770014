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
#include "cairn-rng.h"
#include "cairn-template.h"

/* Channels (§5 message nodes, §12 M, R, G): sending, with reachability,
 * caps and quiet hours, engagement draws and the canvas summary. One kind
 * per channel, in the registry's channel rows. */

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

  /* Only the people the report lists keep their messages, and nothing
     else reads a message's text: the others' are not rendered. */
  if (!user->record)
    return;
  sim_entry_template (user, entry, products, &context);
  if (out->len)
    g_string_append_c (out, ',');
  g_string_append (out, "{\"node\":");
  cairn_json_append_string (out, node->id);
  g_string_append (out, ",\"channel\":");
  cairn_json_append_string (out, cairn_channels ()[node->channel]);
  g_string_append (out, ",\"time\":\"");
  cairn_time_append (out, time);
  g_string_append_c (out, '"');
  if (node->kind->ops->write_message != NULL)
    node->kind->ops->write_message (node, out);
  else
    for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
      {
        const char *text = cairn_json_get_string (node->config, fields[f]);
        gboolean escape = g_strcmp0 (fields[f], node->kind->ops->html_field) == 0;
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
  /* The products are part of the message's text, which only the people
     the report lists keep (render_message): the others' are not chosen. */
  JsonObject *recommendations = user->record && sim->catalog != NULL
                                ? cairn_json_get_object (node->config, "recommendations") : NULL;
  g_autoptr(JsonArray) products = NULL;
  JsonObject *behavior = behavior_channel (user, channel);
  JsonArray *after_click = cairn_json_get_array (user->profile->behavior, "after_click");
  guint nth;

  /* The node's sends to U before this one (R1's draw key). */
  nth = 0;
  for (guint s = 0; s < user->n_sends; s++)
    nth += user->sends[s]->node == n;
  SimSend *send = sim_alloc0 (sim, sizeof (SimSend));
  double p_deliver, p_open, p_click;
  gboolean delivered, opened, clicked;
  CairnTime open_time, click_time;
  double u_deliver, u_open, u_click;
  guint64 draw_key;

  send->node = n;
  send->channel = node->channel;
  send->time = time;
  send->entry = user->n_entries - 1;
  send->delivered = send->opened = send->clicked = -1;
  sim_user_add_send (sim, user, send);
  sim->channels[node->channel].sent++;
  if (run->has_cap && (run->cap_channels & (1u << node->channel)))
    {
      SimUserMore *shared = sim_user_more (sim, user->base);

      if (shared->cap_log == NULL)
        shared->cap_log = g_array_new (FALSE, FALSE, sizeof (CairnTime));
      g_array_append_val (shared->cap_log, time);
    }

  if (recommendations != NULL)
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
  draw_key = cairn_rng_prefix (sim->seed, user->profile->id, node->draw_id, nth);
  u_deliver = cairn_rng_draw_from (draw_key, "deliver");
  u_open = cairn_rng_draw_from (draw_key, "open");
  u_click = cairn_rng_draw_from (draw_key, "click");
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
      double u = cairn_rng_draw_from (draw_key, purpose);
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

  if (!sim_reachable_on (user, node->channel))
    {
      channel->unreachable++;
      sim_timeline_add (sim, user, time, n, "not sent", "unreachable");
      return node->failed_port;
    }
  if (sim->cap_max >= 0)
    {
      gint64 recent = 0;
      for (guint s = 0; s < user->n_sends; s++)
        {
          SimSend *send = user->sends[s];
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

static void
message_compile (Sim     *sim,
                 SimNode *node)
{
  int failed = sim_port_index (node, "failed");

  node->failed_port = failed >= 0 && node->targets[failed] >= 0 ? failed : sim_port_index (node, "out");
}

static int
message_arrive (Run       *run,
                SimUser   *user,
                guint      index,
                int        n,
                CairnTime  time)
{
  int port = sim_run_message (run, user, index, n, time);

  return port < 0 ? SIM_ARRIVE_STOP : port;
}

static void
message_summary (GString             *out,
                 const CairnNodeKind *kind,
                 JsonObject          *config)
{
  const char *text = cairn_json_get_string (config, "subject");
  JsonObject *recs = cairn_json_get_object (config, "recommendations");
  g_autofree char *shown = NULL;

  if (text == NULL)
    text = cairn_json_get_string (config, "title");
  if (text == NULL)
    text = cairn_json_get_string (config, "text");
  shown = cairn_summary_shorten (text, CAIRN_SUMMARY_MAX_CHARS);
  /* Translators: "Email: Complete your living room" */
  g_string_append_printf (out, _("%s: %s"), _(kind->name), *shown ? shown : _("(empty)"));

  if (recs != NULL)
    {
      const char *source = cairn_json_get_string (recs, "source");
      double count = 3;

      cairn_json_get_number (recs, "count", &count);
      count = CLAMP (count, 0.0, 1000000.0);
      if (g_strcmp0 (source, "complementary") == 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " · %d complementary product",
                                                  " · %d complementary products", (gulong) count), (int) count);
      else if (g_strcmp0 (source, "same_category") == 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " · %d product of the same category",
                                                  " · %d products of the same category", (gulong) count), (int) count);
      else
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " · %d product", " · %d products",
                                                  (gulong) count), (int) count);
    }
}

const CairnNodeKindOps cairn_kind_message_ops = {
  .compile = message_compile,
  .arrive = message_arrive,
  .summary = message_summary,
};

/* An email's body is HTML: values are escaped (M2). */
const CairnNodeKindOps cairn_kind_message_email_ops = {
  .compile = message_compile,
  .arrive = message_arrive,
  .html_field = "body",
  .summary = message_summary,
};

/* A custom audience has no templates: the report shows its audience and
 * action. */
static void
audience_write_message (SimNode *node,
                        GString *out)
{
  g_string_append (out, ",\"audience\":");
  cairn_json_append_string (out, cairn_json_get_string (node->config, "audience") ?: "");
  g_string_append (out, ",\"action\":");
  cairn_json_append_string (out, cairn_json_get_string (node->config, "action") ?: "");
}

static void
audience_summary (GString             *out,
                  const CairnNodeKind *kind,
                  JsonObject          *config)
{
  const char *audience = cairn_summary_or_unknown (cairn_json_get_string (config, "audience"));

  if (g_strcmp0 (cairn_json_get_string (config, "action"), "remove") == 0)
    g_string_append_printf (out, _("Remove from Facebook audience “%s”"), audience);
  else
    g_string_append_printf (out, _("Add to Facebook audience “%s”"), audience);
}

const CairnNodeKindOps cairn_kind_audience_ops = {
  .compile = message_compile,
  .arrive = message_arrive,
  .write_message = audience_write_message,
  .summary = audience_summary,
};
