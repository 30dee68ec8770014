/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-predicate.h"
#include "cairn-template.h"
#include "cairn-time.h"
#include "cairn-kind-private.h"
#include "cairn-validate.h"
#include "cairn-validate-private.h"

/* Every error and warning of DESIGN §12 (V), driven by the node-kind
 * registry. Each diagnostic points at the JSON value at fault. */

typedef CairnCheck Check;

void
cairn_check_report (Check         *check,
        CairnSeverity  severity,
        JsonNode      *where,
        const char    *code,
        const char    *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;
  guint line = 0, column = 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (!cairn_journey_lookup_position (check->journey, where, &line, &column))
    cairn_journey_lookup_position (check->journey, check->fallback, &line, &column);
  g_ptr_array_add (check->out, cairn_diagnostic_new (severity, cairn_journey_get_filename (check->journey),
                                                     line, column, check->node_id, code, "%s", message));
}

#define ERROR CAIRN_CHECK_ERROR
#define WARNING CAIRN_CHECK_WARNING
#define is_string cairn_is_string

gboolean
cairn_is_string (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  if (!cairn_json_node_is_number (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return TRUE;
  {
    double d = cairn_json_node_number (node);

    /* Whole and within 64 bits, as a count must be (1e44 is not: casting
       it would be undefined). */
    return d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == (gint64) d;
  }
}

static gboolean
is_boolean (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
valid_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static void
check_duration (Check      *check,
                JsonNode   *node,
                const char *what)
{
  CairnDuration d;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return;
  if (!is_string (node))
    {
      ERROR (check, node, "wrong-type", _("%s must be an ISO 8601 duration such as \"P3D\""), what);
      return;
    }
  if (!cairn_duration_parse (json_node_get_string (node), &d, &error))
    ERROR (check, node, "bad-duration", "%s", error->message);
}

static void
check_time_of_day (Check      *check,
                   JsonNode   *node,
                   const char *what)
{
  int minutes;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return;
  if (!is_string (node) || !cairn_time_of_day_parse (json_node_get_string (node), &minutes, &error))
    ERROR (check, node, "bad-time-of-day", "%s: %s", what,
           error ? error->message : _("a time of day is written \"HH:MM\""));
}

/* Predicates and templates */

static void
on_predicate_problem (JsonNode      *where,
                      CairnSeverity  severity,
                      const char    *code,
                      const char    *message,
                      gpointer       user_data)
{
  cairn_check_report (user_data, severity, where, code, "%s", message);
}

static void
check_predicate (Check    *check,
                 JsonNode *predicate,
                 gboolean  allow_field)
{
  if (predicate != NULL)
    cairn_predicate_check (predicate, allow_field, on_predicate_problem, check);
}

typedef struct
{
  Check    *check;
  JsonNode *where;
  gboolean  has_products;
} NameCheck;

static void
on_template_name (const char         *name,
                  const char * const *sections,
                  gpointer            user_data)
{
  NameCheck *nc = user_data;

  if (!cairn_template_name_can_exist (name, sections))
    WARNING (nc->check, nc->where, "unknown-template-name",
             _("{{%s}} can never have a value: use user.<attribute>, user.id, event.<parameter> or products"), name);
}

void
cairn_check_template (Check    *check,
                      JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnTemplate) tmpl = NULL;
  NameCheck nc = { check, node, FALSE };

  if (!is_string (node))
    return;
  tmpl = cairn_template_parse (json_node_get_string (node), &error);
  if (tmpl == NULL)
    {
      ERROR (check, node, "template-section", "%s", error->message);
      return;
    }
  cairn_template_foreach_name (tmpl, on_template_name, &nc);
}

/* Config fields, from the registry */

static void
check_channel_list (Check      *check,
                    JsonNode   *value,
                    const char *what)
{
  JsonArray *list = json_node_get_array (value);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      const char *name = is_string (element) ? json_node_get_string (element) : NULL;

      if (name == NULL)
        ERROR (check, element, "wrong-type", _("%s lists channel names"), what);
      else if (cairn_channel_index (name) < 0)
        {
          g_autofree char *channels = cairn_channels_text (NULL);

          ERROR (check, element, "unknown-channel", _("\"%s\" is not a channel (%s)"), name, channels);
        }
      else if (!g_hash_table_add (seen, (gpointer) name))
        ERROR (check, element, "duplicate-id", _("the channel \"%s\" is listed twice"), name);
    }
}

static void
check_id_list (Check      *check,
               JsonNode   *value,
               const char *what,
               gboolean    tabs)
{
  JsonArray *list = json_node_get_array (value);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double total = 0;
  gboolean weights_ok = TRUE;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *entry;
      JsonNode *id_node;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          ERROR (check, element, "wrong-type", _("each of the %s is an object with an \"id\""), what);
          continue;
        }
      entry = json_node_get_object (element);
      id_node = json_object_get_member (entry, "id");
      id = cairn_json_get_string (entry, "id");
      if (!valid_id (id))
        ERROR (check, id_node ? id_node : element, "bad-id",
               _("an id is made of letters, digits, \"_\" and \"-\" (%s)"), what);
      else if (tabs && strcmp (id, "else") == 0)
        ERROR (check, id_node, "tab-else", _("a tab cannot be called \"else\": that is the port for everyone else"));
      else if (!g_hash_table_add (seen, (gpointer) id))
        ERROR (check, id_node, "duplicate-id", _("the id \"%s\" is used twice"), id);

      if (tabs)
        {
          JsonNode *when = json_object_get_member (entry, "when");
          if (when == NULL)
            ERROR (check, element, "missing-field", _("the tab \"%s\" needs a \"when\" condition"), id ? id : "");
          else
            check_predicate (check, when, FALSE);
        }
      else
        {
          JsonNode *weight = json_object_get_member (entry, "weight");
          if (weight == NULL || !cairn_json_node_is_number (weight))
            {
              ERROR (check, weight ? weight : element, "wrong-type", _("a variant needs a numeric \"weight\""));
              weights_ok = FALSE;
            }
          else if (cairn_json_node_number (weight) < 0)
            {
              ERROR (check, weight, "split-weights", _("a variant's weight cannot be negative"));
              weights_ok = FALSE;
            }
          else
            total += cairn_json_node_number (weight);
        }
    }
  if (!tabs && weights_ok && json_array_get_length (list) > 0 && total <= 0)
    ERROR (check, value, "split-weights", _("the variants' weights cannot all be 0"));
}

static void
check_day_or_platform_list (Check                *check,
                            const CairnFieldSpec *field,
                            JsonNode             *value)
{
  if (!JSON_NODE_HOLDS_ARRAY (value))
    ERROR (check, value, "wrong-type", _("\"%s\" must be a list"), field->name);
  else
    {
      static const char *const platforms[] = { "web", "ios", "android", "offline", "api", NULL };
      JsonArray *list = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          int weekday;
          gboolean ok = is_string (element);
          if (ok && field->type == CAIRN_FIELD_DAYS)
            ok = cairn_weekday_parse (json_node_get_string (element), &weekday, NULL);
          else if (ok)
            ok = g_strv_contains (platforms, json_node_get_string (element));
          if (!ok)
            ERROR (check, element, "bad-value",
                   field->type == CAIRN_FIELD_DAYS ? _("days are written mon, tue, wed, thu, fri, sat, sun")
                                                   : _("platforms are web, ios, android, offline and api"));
        }
    }
}

static void
check_autowinner (Check    *check,
                  JsonNode *value)
{
  if (!JSON_NODE_HOLDS_OBJECT (value))
    ERROR (check, value, "wrong-type", _("\"autowinner\" must be an object"));
  else
    {
      JsonObject *aw = json_node_get_object (value);
      JsonNode *metric = json_object_get_member (aw, "metric");
      JsonNode *min = json_object_get_member (aw, "min_entries_per_variant");
      static const char *const metrics[] = { "click_rate", "open_rate", "goal_rate", NULL };

      if (!is_string (metric) || !g_strv_contains (metrics, json_node_get_string (metric)))
        ERROR (check, metric ? metric : value, "bad-value",
               _("the autowinner metric is click_rate, open_rate or goal_rate"));
      if (min == NULL || !is_integer (min) || cairn_json_node_number (min) < 1)
        ERROR (check, min ? min : value, "wrong-type", _("\"min_entries_per_variant\" must be a whole number of at least 1"));
      if (json_object_get_member (aw, "evaluate_after") == NULL)
        ERROR (check, value, "missing-field", _("the autowinner needs \"evaluate_after\""));
      check_duration (check, json_object_get_member (aw, "evaluate_after"), "evaluate_after");
    }
}

static void
check_recommendations (Check    *check,
                       JsonNode *value)
{
  if (!JSON_NODE_HOLDS_OBJECT (value))
    ERROR (check, value, "wrong-type", _("\"recommendations\" must be an object"));
  else
    {
      JsonObject *rec = json_node_get_object (value);
      JsonNode *source = json_object_get_member (rec, "source");
      JsonNode *sort = json_object_get_member (rec, "sort");
      JsonNode *count = json_object_get_member (rec, "count");
      static const char *const sources[] = { "complementary", "same_category", "all", NULL };
      static const char *const sorts[] = { "rank", "price_asc", "price_desc", NULL };

      if (!is_string (source) || !g_strv_contains (sources, json_node_get_string (source)))
        ERROR (check, source ? source : value, source ? "bad-value" : "missing-field",
               _("recommendations need a \"source\": complementary, same_category or all"));
      if (sort && (!is_string (sort) || !g_strv_contains (sorts, json_node_get_string (sort))))
        ERROR (check, sort, "bad-value", _("\"sort\" is rank, price_asc or price_desc"));
      if (count && (!is_integer (count) || cairn_json_node_number (count) < 0))
        ERROR (check, count, "wrong-type", _("\"count\" must be a whole number"));
      if (json_object_get_member (rec, "exclude_purchased")
          && !is_boolean (json_object_get_member (rec, "exclude_purchased")))
        ERROR (check, json_object_get_member (rec, "exclude_purchased"), "wrong-type",
               _("\"exclude_purchased\" must be true or false"));
      check_predicate (check, json_object_get_member (rec, "where"), TRUE);
    }
}

static void
check_field (Check                *check,
             CairnNode            *node,
             const CairnFieldSpec *field,
             JsonNode             *value)
{
  switch (field->type)
    {
    case CAIRN_FIELD_STRING:
    case CAIRN_FIELD_EVENT_NAME:
    case CAIRN_FIELD_ATTRIBUTE:
    case CAIRN_FIELD_NODE_REF:
      if (!is_string (value))
        ERROR (check, value, "wrong-type", _("\"%s\" must be text"), field->name);
      break;
    case CAIRN_FIELD_TEMPLATE:
      if (!is_string (value))
        ERROR (check, value, "wrong-type", _("\"%s\" must be text"), field->name);
      else
        cairn_check_template (check, value);
      break;
    case CAIRN_FIELD_ENUM:
      {
        gboolean known = FALSE;
        for (guint i = 0; is_string (value) && field->choices[i]; i++)
          known |= strcmp (field->choices[i], json_node_get_string (value)) == 0;
        if (!known)
          {
            g_autofree char *choices = g_strjoinv (", ", (char **) field->choices);
            ERROR (check, value, is_string (value) ? "bad-value" : "wrong-type",
                   _("\"%s\" must be one of %s"), field->name, choices);
          }
      }
      break;
    case CAIRN_FIELD_INTEGER:
      if (!is_integer (value))
        ERROR (check, value, "wrong-type", _("\"%s\" must be a whole number"), field->name);
      break;
    case CAIRN_FIELD_BOOLEAN:
      if (!is_boolean (value))
        ERROR (check, value, "wrong-type", _("\"%s\" must be true or false"), field->name);
      break;
    case CAIRN_FIELD_DURATION:
      check_duration (check, value, field->name);
      break;
    case CAIRN_FIELD_TIME_OF_DAY:
      check_time_of_day (check, value, field->name);
      break;
    case CAIRN_FIELD_DAYS:
    case CAIRN_FIELD_PLATFORMS:
      check_day_or_platform_list (check, field, value);
      break;
    case CAIRN_FIELD_PREDICATE:
      check_predicate (check, value, FALSE);
      break;
    case CAIRN_FIELD_CHANNEL:
      if (!is_string (value) || cairn_channel_index (json_node_get_string (value)) < 0)
        ERROR (check, value, "unknown-channel", _("\"%s\" must name a channel"), field->name);
      break;
    case CAIRN_FIELD_CHANNELS:
      if (!JSON_NODE_HOLDS_ARRAY (value))
        ERROR (check, value, "wrong-type", _("\"%s\" must be a list of channels"), field->name);
      else
        check_channel_list (check, value, field->name);
      break;
    case CAIRN_FIELD_TABS:
    case CAIRN_FIELD_VARIANTS:
      if (!JSON_NODE_HOLDS_ARRAY (value))
        ERROR (check, value, "wrong-type", _("\"%s\" must be a list"), field->name);
      else
        check_id_list (check, value, field->type == CAIRN_FIELD_TABS ? _("tabs") : _("variants"),
                       field->type == CAIRN_FIELD_TABS);
      break;
    case CAIRN_FIELD_AUTOWINNER:
      check_autowinner (check, value);
      break;
    case CAIRN_FIELD_RECOMMENDATIONS:
      check_recommendations (check, value);
      break;
    case CAIRN_FIELD_DATE_SOURCE:
      if (!JSON_NODE_HOLDS_OBJECT (value)
          || (!is_string (json_object_get_member (json_node_get_object (value), "attribute"))
              && !(is_string (json_object_get_member (json_node_get_object (value), "event"))
                   && is_string (json_object_get_member (json_node_get_object (value), "param")))))
        ERROR (check, value, "wrong-type",
               _("the date source is {\"attribute\": NAME} or {\"event\": NAME, \"param\": NAME}"));
      break;
    case CAIRN_FIELD_JSON:
      /* whether a value is more than JSON is the kind's to say */
      if (node->kind->ops->check_json_field)
        node->kind->ops->check_json_field (check, value);
      break;
    }
}

static void
check_node (Check     *check,
            CairnNode *node)
{
  JsonNode *config_node = json_object_get_member (node->object, "config");

  if (node->kind == NULL)
    {
      ERROR (check, json_object_get_member (node->object, "type"), "unknown-node-type",
             _("\"%s\" is not a node type Cairn knows"), node->type ? node->type : "");
      return;
    }
  if (config_node != NULL && !JSON_NODE_HOLDS_OBJECT (config_node))
    {
      ERROR (check, config_node, "wrong-type", _("\"config\" must be an object"));
      return;
    }
  for (guint f = 0; f < node->kind->n_fields; f++)
    {
      const CairnFieldSpec *field = &node->kind->fields[f];
      JsonNode *value = node->config ? json_object_get_member (node->config, field->name) : NULL;

      if (value == NULL)
        {
          if (field->required)
            ERROR (check, config_node ? config_node : json_object_get_member (node->object, "type"),
                   "missing-field", _("\"%s\" is required"), field->name);
          continue;
        }
      check_field (check, node, field, value);
    }

  if (node->kind->ops->validate)
    node->kind->ops->validate (check, node);
}

/* The journey's own settings */

static void
check_document (Check *check)
{
  JsonObject *root = cairn_journey_get_object (check->journey);
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  JsonNode *tz = json_object_get_member (root, "timezone");
  JsonNode *entry = json_object_get_member (root, "entry");
  JsonNode *cap = json_object_get_member (root, "frequency_cap");
  JsonNode *quiet = json_object_get_member (root, "quiet_hours");
  JsonNode *goals = json_object_get_member (root, "goals");
  JsonNode *exits = json_object_get_member (root, "exit_criteria");
  JsonNode *nodes = json_object_get_member (root, "nodes");
  JsonNode *edges = json_object_get_member (root, "edges");

  if (!is_string (format) || strcmp (json_node_get_string (format), "cairn-journey") != 0)
    ERROR (check, format, "not-a-journey", _("this is not a journey: \"format\" must be \"cairn-journey\""));
  if (!is_integer (version) || cairn_json_node_number (version) != 1)
    ERROR (check, version, "bad-version", _("only version 1 journeys are understood (\"version\": 1)"));
  if (json_object_get_member (root, "id") && !valid_id (cairn_json_get_string (root, "id")))
    ERROR (check, json_object_get_member (root, "id"), "bad-id",
           _("a journey id is made of letters, digits, \"_\" and \"-\""));
  if (tz != NULL)
    {
      g_autoptr(GError) error = NULL;
      GTimeZone *zone = is_string (tz) ? cairn_time_zone_new (json_node_get_string (tz), &error) : NULL;
      if (zone == NULL)
        ERROR (check, tz, "bad-timezone", "%s", error ? error->message : _("\"timezone\" must be an IANA name such as \"Europe/London\""));
      else
        g_time_zone_unref (zone);
    }
  if (entry != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (entry))
        ERROR (check, entry, "wrong-type", _("\"entry\" must be an object"));
      else
        {
          JsonNode *reentry = json_object_get_member (json_node_get_object (entry), "reentry");
          if (reentry && (!is_string (reentry) || (strcmp (json_node_get_string (reentry), "once") != 0
                                                  && strcmp (json_node_get_string (reentry), "after_exit") != 0)))
            ERROR (check, reentry, "bad-value", _("\"reentry\" is \"once\" or \"after_exit\""));
          check_duration (check, json_object_get_member (json_node_get_object (entry), "cooldown"), "cooldown");
        }
    }
  if (cap != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (cap))
        ERROR (check, cap, "wrong-type", _("\"frequency_cap\" must be an object"));
      else
        {
          JsonNode *max = json_object_get_member (json_node_get_object (cap), "max_messages");
          JsonNode *per = json_object_get_member (json_node_get_object (cap), "per");
          if (!is_integer (max) || cairn_json_node_number (max) < 0)
            ERROR (check, max ? max : cap, "wrong-type", _("\"max_messages\" must be a whole number"));
          if (per == NULL)
            ERROR (check, cap, "missing-field", _("the frequency cap needs \"per\""));
          check_duration (check, per, "per");
        }
    }
  if (quiet != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (quiet))
        ERROR (check, quiet, "wrong-type", _("\"quiet_hours\" must be an object"));
      else
        {
          JsonObject *q = json_node_get_object (quiet);
          JsonNode *mode = json_object_get_member (q, "mode");
          if (json_object_get_member (q, "start") == NULL || json_object_get_member (q, "end") == NULL)
            ERROR (check, quiet, "missing-field", _("quiet hours need \"start\" and \"end\""));
          check_time_of_day (check, json_object_get_member (q, "start"), "start");
          check_time_of_day (check, json_object_get_member (q, "end"), "end");
          if (mode && (!is_string (mode) || (strcmp (json_node_get_string (mode), "delay") != 0
                                             && strcmp (json_node_get_string (mode), "skip") != 0)))
            ERROR (check, mode, "bad-value", _("quiet hours \"mode\" is \"delay\" or \"skip\""));
        }
    }
  if (goals != NULL && !JSON_NODE_HOLDS_ARRAY (goals))
    ERROR (check, goals, "wrong-type", _("\"goals\" must be a list"));
  else if (goals != NULL)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *list = json_node_get_array (goals);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          JsonObject *goal;
          JsonNode *id;
          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              ERROR (check, element, "wrong-type", _("a goal must be an object"));
              continue;
            }
          goal = json_node_get_object (element);
          id = json_object_get_member (goal, "id");
          if (!valid_id (cairn_json_get_string (goal, "id")))
            ERROR (check, id ? id : element, "bad-id", _("a goal id is made of letters, digits, \"_\" and \"-\""));
          else if (!g_hash_table_add (seen, (gpointer) json_node_get_string (id)))
            ERROR (check, id, "duplicate-id", _("the goal id \"%s\" is used twice"), json_node_get_string (id));
          if (!is_string (json_object_get_member (goal, "event")))
            ERROR (check, json_object_get_member (goal, "event") ?: element, "missing-field", _("a goal needs an \"event\""));
          if (json_object_get_member (goal, "window") == NULL)
            ERROR (check, element, "goal-without-window", _("a goal needs a \"window\", such as \"P7D\""));
          check_duration (check, json_object_get_member (goal, "window"), "window");
          if (json_object_get_member (goal, "exit") && !is_boolean (json_object_get_member (goal, "exit")))
            ERROR (check, json_object_get_member (goal, "exit"), "wrong-type", _("\"exit\" must be true or false"));
          check_predicate (check, json_object_get_member (goal, "where"), FALSE);
        }
    }
  if (exits != NULL && !JSON_NODE_HOLDS_ARRAY (exits))
    ERROR (check, exits, "wrong-type", _("\"exit_criteria\" must be a list"));
  else if (exits != NULL)
    {
      JsonArray *list = json_node_get_array (exits);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          if (!JSON_NODE_HOLDS_OBJECT (element) || !is_string (json_object_get_member (json_node_get_object (element), "event")))
            ERROR (check, element, "missing-field", _("an exit criterion needs an \"event\""));
          else
            check_predicate (check, json_object_get_member (json_node_get_object (element), "where"), FALSE);
        }
    }
  if (nodes == NULL || !JSON_NODE_HOLDS_ARRAY (nodes))
    ERROR (check, nodes, nodes ? "wrong-type" : "missing-field", _("a journey needs a list of \"nodes\""));
  else
    for (guint i = 0; i < json_array_get_length (json_node_get_array (nodes)); i++)
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (nodes), i)))
        ERROR (check, json_array_get_element (json_node_get_array (nodes), i), "wrong-type", _("a node must be an object"));
  if (edges != NULL && !JSON_NODE_HOLDS_ARRAY (edges))
    ERROR (check, edges, "wrong-type", _("\"edges\" must be a list"));
  else if (edges != NULL)
    for (guint i = 0; i < json_array_get_length (json_node_get_array (edges)); i++)
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (edges), i)))
        ERROR (check, json_array_get_element (json_node_get_array (edges), i), "wrong-type", _("an edge must be an object"));
}

/* Graph checks */

/* The graph walks keep their own stacks: a journey may have a million
 * nodes in a chain, far deeper than the C stack allows recursion. */

/* Adds every node reachable from @node (itself included) to @seen. */
static void
mark (CairnJourney *journey,
      GHashTable   *seen,
      CairnNode    *node)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, node);
  while (stack->len > 0)
    {
      g_autoptr(GPtrArray) ports = NULL;

      node = g_ptr_array_steal_index_fast (stack, stack->len - 1);
      if (node == NULL || node->id == NULL || !g_hash_table_add (seen, (gpointer) node->id))
        continue;
      ports = cairn_node_kind_ports (node->kind, node->config);
      for (guint p = ports->len; p-- > 0;)
        {
          CairnEdge *edge = cairn_journey_find_edge (journey, node->id, ((CairnPort *) g_ptr_array_index (ports, p))->id);
          if (edge)
            g_ptr_array_add (stack, cairn_journey_find_node (journey, edge->to));
        }
    }
}

typedef struct
{
  CairnNode *node;
  GPtrArray *ports;
  guint next;
} CycleFrame;

static void
cycle_frame_clear (gpointer data)
{
  g_clear_pointer (&((CycleFrame *) data)->ports, g_ptr_array_unref);
}

/* Colours for the cycle search: a cycle through non-wait nodes only. A
 * depth-first search from @node in port order: 1 while a node is on the
 * path, 2 once all below it is done; meeting a node on the path is a cycle,
 * reported at that node (the path stays coloured 1, as it was found). */
static gboolean
find_cycle (CairnJourney *journey,
            CairnNode    *node,
            GHashTable   *state,
            CairnNode   **at)
{
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (CycleFrame));

  g_array_set_clear_func (path, cycle_frame_clear);
  for (;;)
    {
      /* Enter @node. */
      int s = GPOINTER_TO_INT (g_hash_table_lookup (state, node));

      if (s == 1)
        {
          *at = node;
          return TRUE;
        }
      if (s != 2 && !(node->kind && node->kind->is_wait))
        {
          CycleFrame frame = { node, cairn_node_kind_ports (node->kind, node->config), 0 };

          g_hash_table_insert (state, node, GINT_TO_POINTER (1));
          g_array_append_val (path, frame);
        }

      /* Find the next node to enter, leaving finished ones. */
      node = NULL;
      while (node == NULL && path->len > 0)
        {
          CycleFrame *top = &g_array_index (path, CycleFrame, path->len - 1);

          if (top->next < top->ports->len)
            {
              CairnPort *port = g_ptr_array_index (top->ports, top->next++);
              CairnEdge *edge = cairn_journey_find_edge (journey, top->node->id, port->id);
              node = edge ? cairn_journey_find_node (journey, edge->to) : NULL;
            }
          else
            {
              g_hash_table_insert (state, top->node, GINT_TO_POINTER (2));
              g_array_set_size (path, path->len - 1);
            }
        }
      if (node == NULL)
        return FALSE;
    }
}

gboolean
cairn_check_upstream_of (CairnJourney *journey,
                         CairnNode    *message,
                         CairnNode    *node)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (message->kind, message->config);

  for (guint p = 0; p < ports->len; p++)
    {
      CairnEdge *edge = cairn_journey_find_edge (journey, message->id, ((CairnPort *) g_ptr_array_index (ports, p))->id);
      if (edge)
        mark (journey, seen, cairn_journey_find_node (journey, edge->to));
    }
  return node->id && g_hash_table_contains (seen, node->id);
}

/* The object elements of the list @member, in order: the journey's nodes
 * and edges are made of these alone (an element that is not an object is
 * an error of its own), so the i-th node is the i-th of them. */
static GPtrArray *
object_elements (JsonObject *root,
                 const char *member)
{
  JsonArray *list = cairn_json_get_array (root, member);
  GPtrArray *elements = g_ptr_array_new ();

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, i)))
      g_ptr_array_add (elements, json_array_get_element (list, i));
  return elements;
}

static void
check_graph (Check *check)
{
  CairnJourney *journey = check->journey;
  g_autoptr(GPtrArray) node_elements = object_elements (cairn_journey_get_object (journey), "nodes");
  g_autoptr(GPtrArray) edge_elements = object_elements (cairn_journey_get_object (journey), "edges");
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) edge_ports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reachable = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) cycle_state = g_hash_table_new (NULL, NULL);
  CairnNode *starter = NULL, *extra = NULL;
  guint n_starters = 0;

  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      JsonNode *id = json_object_get_member (node->object, "id");

      check->node_id = node->id;
      check->fallback = g_ptr_array_index (node_elements, i);
      if (!valid_id (node->id))
        ERROR (check, id ? id : check->fallback, "bad-id", _("a node id is made of letters, digits, \"_\" and \"-\""));
      else if (!g_hash_table_add (ids, (gpointer) node->id))
        ERROR (check, id, "duplicate-id", _("the node id \"%s\" is used twice"), node->id);
      if (node->kind && node->kind->is_starter)
        {
          n_starters++;
          if (starter == NULL)
            starter = node;
          else if (extra == NULL)
            extra = node;
        }
      check_node (check, node);
    }
  check->node_id = NULL;
  check->fallback = cairn_journey_get_root (journey);
  if (n_starters != 1)
    ERROR (check, extra ? json_object_get_member (extra->object, "type") : json_object_get_member (cairn_journey_get_object (journey), "nodes"),
           "starter-count", n_starters == 0 ? _("a journey needs a starter") : _("a journey has exactly one starter, not %u"),
           n_starters);

  for (guint i = 0; i < cairn_journey_get_n_edges (journey); i++)
    {
      CairnEdge *edge = cairn_journey_get_edge (journey, i);
      CairnNode *from = cairn_journey_find_node (journey, edge->from);
      CairnNode *to = cairn_journey_find_node (journey, edge->to);
      JsonNode *port_node = json_object_get_member (edge->object, "port");
      g_autoptr(GPtrArray) ports = NULL;
      gboolean has_port = FALSE;
      char *key;

      check->node_id = edge->from;
      check->fallback = g_ptr_array_index (edge_elements, i);
      if (from == NULL)
        {
          ERROR (check, json_object_get_member (edge->object, "from"), "edge-unknown-node",
                 _("the edge starts at \"%s\", which is not a node"), edge->from ? edge->from : "");
          continue;
        }
      ports = cairn_node_kind_ports (from->kind, from->config);
      for (guint p = 0; p < ports->len; p++)
        has_port |= g_strcmp0 (((CairnPort *) g_ptr_array_index (ports, p))->id, edge->port) == 0;
      if (!has_port && from->kind != NULL)
        ERROR (check, port_node, "edge-unknown-port", _("there is no port \"%s\" on this node"), edge->port);
      if (to == NULL)
        ERROR (check, json_object_get_member (edge->object, "to"), "edge-unknown-node",
               _("the edge leads to \"%s\", which is not a node"), edge->to ? edge->to : "");
      else if (to->kind && to->kind->is_starter)
        ERROR (check, json_object_get_member (edge->object, "to"), "edge-into-starter",
               _("nothing can lead into the starter"));
      key = g_strconcat (edge->from, "\n", edge->port, NULL);
      if (!g_hash_table_add (edge_ports, key))
        ERROR (check, port_node, "duplicate-edge", _("the port \"%s\" already has an edge"), edge->port);
    }

  if (n_starters >= 1 && starter != NULL)
    mark (journey, reachable, starter);
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);
      CairnNode *at = NULL;

      check->node_id = node->id;
      check->fallback = g_ptr_array_index (node_elements, i);
      if (node->id == NULL)
        continue;
      for (guint p = 0; p < ports->len; p++)
        {
          CairnPort *port = g_ptr_array_index (ports, p);
          if (cairn_journey_find_edge (journey, node->id, port->id) == NULL)
            WARNING (check, json_object_get_member (node->object, "id"), "unconnected-port",
                     _("the port \"%s\" leads nowhere: whoever takes it leaves the journey"), port->id);
        }
      if (starter != NULL && !g_hash_table_contains (reachable, node->id))
        WARNING (check, json_object_get_member (node->object, "id"), "unreachable-node",
                 _("no path from the starter leads here"));
      if (g_hash_table_lookup (cycle_state, node) == NULL && find_cycle (journey, node, cycle_state, &at) && at)
        {
          check->node_id = at->id;
          WARNING (check, json_object_get_member (at->object, "id"), "cycle-without-wait",
                   _("this node is on a loop with no wait: the engine stops a user after 1000 steps"));
          check->node_id = node->id;
        }
      if (node->kind && node->kind->ops->validate_graph)
        node->kind->ops->validate_graph (check, node);
    }
  check->node_id = NULL;
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const CairnDiagnostic *x = *(CairnDiagnostic **) a, *y = *(CairnDiagnostic **) b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

GPtrArray *
cairn_validate (CairnJourney *journey)
{
  Check check = { journey, NULL, NULL, NULL };

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);

  check.out = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  check.fallback = cairn_journey_get_root (journey);
  check_document (&check);
  check_graph (&check);
  /* A stable sort: diagnostics at one place keep the order they were found in. */
  g_ptr_array_sort (check.out, compare_position);
  return check.out;
}

guint
cairn_diagnostics_count (GPtrArray     *diagnostics,
                         CairnSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; diagnostics && i < diagnostics->len; i++)
    if (((CairnDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == severity)
      n++;
  return n;
}
