/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-predicate-private.h"
#include "cairn-predicate.h"
#include "cairn-summary.h"
#include "cairn-summary-private.h"
#include "cairn-validate-private.h"

/* Starters (§5 starter.*, §12 E): who enters, on an event or at the daily
 * tick. The scheduler (cairn-sim.c) asks; arriving at a starter is
 * entering. */

static int
starter_arrive (Run       *run,
                SimUser   *user,
                guint      index,
                int        n,
                CairnTime  time)
{
  sim_timeline_add (run->cur, user, time, n, "entered", NULL);
  return sim_port_index (&run->cur->nodes[n], "out");
}

/* starter.event */

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

static void
starter_event_compile (Sim     *sim,
                       SimNode *node)
{
  const char *name = cairn_json_get_string (node->config, "event");

  /* Event names are interned: one pointer to compare per event. */
  node->event = name != NULL ? g_intern_string (name) : NULL;
  node->where = json_object_get_member (node->config, "where");
  node->where_leaf = cairn_predicate_leaf_new (node->where);
  node->segment = json_object_get_member (node->config, "segment");
  node->platforms = cairn_json_get_array (node->config, "platforms");
}

static gboolean
event_matches (Sim      *sim,
               SimUser  *user,
               Item     *event,
               JsonNode *old_value,
               JsonNode *after_step1,
               gboolean  attribute_changed)
{
  SimNode *node = &sim->nodes[sim->starter];
  CairnPredicateContext ctx;

  if (node->event == NULL || node->event != event->name
      || !platform_listed (node->platforms, event->platform)
      || !sim_event_where (sim, user, node->where, node->where_leaf, event, FALSE))
    return FALSE;
  if (node->segment == NULL)
    return TRUE;
  sim_event_context (sim, user, event, &ctx);
  return cairn_predicate_eval (node->segment, &ctx);
}

static void
starter_event_summary (GString             *out,
                       const CairnNodeKind *kind,
                       JsonObject          *config)
{
  JsonArray *platforms = cairn_json_get_array (config, "platforms");

  /* Translators: when an event happens: "On purchase" */
  g_string_append_printf (out, C_("event", "On %s"), cairn_summary_or_unknown (cairn_json_get_string (config, "event")));
  cairn_summary_append_where (out, config, "where", _(" where "));
  if (platforms && json_array_get_length (platforms) > 0)
    {
      g_string_append (out, _(" on "));
      for (guint i = 0; i < json_array_get_length (platforms); i++)
        {
          JsonNode *element = json_array_get_element (platforms, i);
          g_string_append_printf (out, "%s%s", i ? ", " : "",
                                  JSON_NODE_HOLDS_VALUE (element) ? cairn_summary_or_unknown (json_node_get_string (element)) : "?");
        }
    }
  cairn_summary_append_where (out, config, "segment", _(", users with "));
}

const CairnNodeKindOps cairn_kind_starter_event_ops = {
  .compile = starter_event_compile,
  .arrive = starter_arrive,
  .starter_matches = event_matches,
  .starts_on_named_event = TRUE,
  .summary = starter_event_summary,
};

/* starter.website_action */

static gboolean
website_action_matches (Sim      *sim,
                        SimUser  *user,
                        Item     *event,
                        JsonNode *old_value,
                        JsonNode *after_step1,
                        gboolean  attribute_changed)
{
  JsonObject *config = sim->nodes[sim->starter].config;
  JsonNode *where = json_object_get_member (config, "where");
  const char *contains = cairn_json_get_string (config, "url_contains");
  g_autoptr(JsonNode) url_node = NULL;

  /* Most events are not the action: their params are not read. */
  if (g_strcmp0 (event->platform, "web") != 0
      || g_strcmp0 (cairn_json_get_string (config, "action"), event->name) != 0)
    return FALSE;
  if (contains != NULL)
    {
      url_node = sim_item_param (event, "url");
      if (!cairn_predicate_is_string (url_node) || strstr (json_node_get_string (url_node), contains) == NULL)
        return FALSE;
    }
  return sim_event_where (sim, user, where, NULL, event, FALSE);
}

static void
starter_website_summary (GString             *out,
                         const CairnNodeKind *kind,
                         JsonObject          *config)
{
  const char *url = cairn_json_get_string (config, "url_contains");

  g_string_append_printf (out, _("On %s on the website"), cairn_summary_or_unknown (cairn_json_get_string (config, "action")));
  if (url)
    g_string_append_printf (out, _(", address contains “%s”"), url);
  cairn_summary_append_where (out, config, "where", _(" where "));
}

const CairnNodeKindOps cairn_kind_starter_website_action_ops = {
  .arrive = starter_arrive,
  .starter_matches = website_action_matches,
  .summary = starter_website_summary,
};

/* starter.attribute_change: the value just after step 1 (E5, PF9): an
 * action.set_attribute run since, by this journey or another, is not the
 * event's change and triggers no starter. One journey and a portfolio of
 * one agree (PF7). */

static gboolean
attribute_change_matches (Sim      *sim,
                          SimUser  *user,
                          Item     *event,
                          JsonNode *old_value,
                          JsonNode *after_step1,
                          gboolean  attribute_changed)
{
  JsonObject *config = sim->nodes[sim->starter].config;
  JsonNode *from, *to, *new_value = after_step1;

  /* Asked on every event: most change nothing. */
  if (!attribute_changed || cairn_json_get_string (config, "attribute") == NULL)
    return FALSE;
  from = json_object_get_member (config, "from");
  to = json_object_get_member (config, "to");
  if (from != NULL && (old_value == NULL || !cairn_json_equal (old_value, from)))
    return FALSE;
  if (to != NULL && (new_value == NULL || !cairn_json_equal (new_value, to)))
    return FALSE;
  return TRUE;
}

static void
starter_attribute_summary (GString             *out,
                           const CairnNodeKind *kind,
                           JsonObject          *config)
{
  JsonNode *from = config ? json_object_get_member (config, "from") : NULL;
  JsonNode *to = config ? json_object_get_member (config, "to") : NULL;

  g_string_append_printf (out, _("When %s changes"), cairn_summary_or_unknown (cairn_json_get_string (config, "attribute")));
  if (from)
    {
      g_autofree char *text = cairn_summary_value_text (from);
      g_string_append_printf (out, _(" from %s"), text);
    }
  if (to)
    {
      g_autofree char *text = cairn_summary_value_text (to);
      g_string_append_printf (out, _(" to %s"), text);
    }
}

const CairnNodeKindOps cairn_kind_starter_attribute_change_ops = {
  .arrive = starter_arrive,
  .starter_matches = attribute_change_matches,
  .watches_attribute = TRUE,
  .summary = starter_attribute_summary,
};

/* Daily starters (E2–E4): checked at the daily tick. Re-entering every
 * day is rarely meant (V daily-reentry). */

static void
warn_daily_reentry (CairnCheck *check,
                    CairnNode  *node,
                    gboolean    every_day)
{
  JsonObject *entry = cairn_json_get_object (cairn_journey_get_object (check->journey), "entry");
  gboolean after_exit = g_strcmp0 (cairn_json_get_string (entry, "reentry"), "once") != 0;

  if (after_exit && every_day && (entry == NULL || json_object_get_member (entry, "cooldown") == NULL))
    CAIRN_CHECK_WARNING (check, json_object_get_member (node->object, "type"), "daily-reentry",
                         _("users can enter again every day: set entry \"reentry\": \"once\" or a \"cooldown\""));
}

/* starter.dynamic_date */

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
      sim_predicate_context (sim, user, NULL, NULL, now, &ctx);
      if (where != NULL && !cairn_predicate_eval (where, &ctx))
        return FALSE;
      const char *text = cairn_json_get_string (user->base->attributes, attribute);
      return text != NULL && cairn_date_parse (text, days);
    }
  if (event == NULL || param == NULL)
    return FALSE;
  GArray *history = SIM_MORE (user->base)->history;

  for (guint i = history ? history->len : 0; i-- > 0;)
    {
      CairnEventRec *rec = &g_array_index (history, CairnEventRec, i);
      if (g_strcmp0 (rec->name, event) != 0)
        continue;
      sim_predicate_context (sim, user, rec->params, rec->params, now, &ctx);
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
dynamic_date_due (Sim         *sim,
                  SimUser     *user,
                  CairnTime    now,
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
dynamic_date_validate (CairnCheck *check,
                       CairnNode  *node)
{
  warn_daily_reentry (check, node, g_strcmp0 (cairn_json_get_string (node->config, "mode"), "after") == 0);
}

static gboolean
is_true (JsonObject *object,
         const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

static void
dynamic_date_summary (GString             *out,
                      const CairnNodeKind *kind,
                      JsonObject          *config)
{
  JsonObject *source = cairn_json_get_object (config, "source");
  const char *mode = cairn_json_get_string (config, "mode");
  const char *time = cairn_json_get_string (config, "time");
  double offset = 0;
  g_autofree char *date = NULL;
  g_autofree char *when = NULL;
  gint64 days;

  if (cairn_json_get_string (source, "attribute"))
    date = g_strdup (cairn_json_get_string (source, "attribute"));
  else
    /* Translators: the date is a parameter of an event: "departure_date of booking" */
    date = g_strdup_printf (_("%s of %s"), cairn_summary_or_unknown (cairn_json_get_string (source, "param")),
                            cairn_summary_or_unknown (cairn_json_get_string (source, "event")));
  cairn_json_get_number (config, "offset_days", &offset);
  /* Casting a double out of range is undefined: clamp hostile values. */
  days = (gint64) CLAMP (offset, -100000.0, 100000.0);

  if (days == 0)
    /* Translators: on a date: "On birthday", "On departure_date of booking" */
    when = g_strdup_printf (C_("date", "On %s"), date);
  else if (days < 0)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day before %s", "%d days before %s", -days),
                            (int) -days, date);
  else
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after %s", "%d days after %s", days),
                            (int) days, date);
  g_string_append (out, when);
  if (g_strcmp0 (mode, "after") == 0)
    g_string_append (out, _(" or later"));
  if (is_true (config, "yearly"))
    g_string_append (out, _(", every year"));
  g_string_append_printf (out, _(", checked at %s UTC"), time ? time : "01:00");
}

const CairnNodeKindOps cairn_kind_starter_dynamic_date_ops = {
  .arrive = starter_arrive,
  .starter_due = dynamic_date_due,
  .summary = dynamic_date_summary,
  .validate = dynamic_date_validate,
};

/* starter.past_behavior */

static gboolean
past_behavior_due (Sim         *sim,
                   SimUser     *user,
                   CairnTime    time,
                   JsonObject **params)
{
  CairnPredicateContext ctx;

  sim_predicate_context (sim, user, NULL, NULL, time, &ctx);
  return cairn_predicate_eval (json_object_get_member (sim->nodes[sim->starter].config, "segment"), &ctx);
}

static void
past_behavior_validate (CairnCheck *check,
                        CairnNode  *node)
{
  warn_daily_reentry (check, node, TRUE);
}

static void
starter_past_summary (GString             *out,
                      const CairnNodeKind *kind,
                      JsonObject          *config)
{
  const char *time = cairn_json_get_string (config, "time");
  g_autofree char *segment = cairn_predicate_summary (config ? json_object_get_member (config, "segment") : NULL);

  g_string_append_printf (out, _("Daily at %s UTC: users with %s"), time ? time : "01:00", segment);
}

const CairnNodeKindOps cairn_kind_starter_past_behavior_ops = {
  .arrive = starter_arrive,
  .starter_due = past_behavior_due,
  .summary = starter_past_summary,
  .validate = past_behavior_validate,
};
