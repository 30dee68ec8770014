/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-json.h"
#include "cairn-registry.h"
#include "cairn-summary.h"
#include "cairn-time.h"

/* Summaries are read at a glance on the canvas, so long texts are cut. */
#define MAX_TEXT_CHARS 48

const char *
cairn_channel_display_name (const char *channel)
{
  g_autofree char *type = NULL;
  const CairnNodeKind *kind;

  if (channel == NULL)
    return "";
  if (strcmp (channel, "facebook_audience") == 0)
    return _("Facebook audience");
  type = g_strconcat ("message.", channel, NULL);
  kind = cairn_registry_lookup (type);
  return kind ? _(kind->name) : channel;
}

/* Whitespace runs become one space; the result is cut to @max characters
 * with an ellipsis. */
static char *
shorten (const char *text,
         glong       max)
{
  g_autoptr(GString) flat = g_string_new (NULL);
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = flat->len > 0;
      else
        {
          if (space)
            g_string_append_c (flat, ' ');
          space = FALSE;
          g_string_append_c (flat, *p);
        }
    }
  if (!g_utf8_validate (flat->str, flat->len, NULL))
    return g_utf8_make_valid (flat->str, flat->len);
  if (g_utf8_strlen (flat->str, -1) > max)
    {
      g_autofree char *cut = g_utf8_substring (flat->str, 0, max);
      char *space_at = strrchr (cut, ' ');

      /* Cut between words when a word boundary is not too far back. */
      if (space_at != NULL && g_utf8_strlen (cut, space_at - cut) > max / 2)
        *space_at = '\0';
      else
        *g_utf8_offset_to_pointer (cut, max - 1) = '\0';
      return g_strconcat (g_strchomp (cut), "…", NULL);
    }
  return g_string_free (g_steal_pointer (&flat), FALSE);
}

/* "3 days" for "P3D"; the text itself when it is not a duration. */
static char *
describe_duration (const char *text)
{
  CairnDuration duration;

  if (text == NULL)
    return g_strdup ("?");
  if (cairn_duration_parse (text, &duration, NULL))
    return cairn_duration_describe (duration);
  return g_strdup (text);
}

static char *
value_text (JsonNode *value)
{
  if (value == NULL)
    return g_strdup ("?");
  return cairn_json_to_string (value, FALSE);
}

static const char *
operator_text (const char *op)
{
  static const struct { const char *op; const char *text; } table[] = {
    { "eq", "=" }, { "neq", "≠" }, { "lt", "<" }, { "lte", "≤" }, { "gt", ">" }, { "gte", "≥" },
    { "in", N_("in") }, { "not_in", N_("not in") }, { "contains", N_("contains") },
    { "starts_with", N_("starts with") }, { "exists", N_("is set") }, { "not_exists", N_("is not set") },
  };

  for (gsize i = 0; op && i < G_N_ELEMENTS (table); i++)
    if (strcmp (table[i].op, op) == 0)
      return g_ascii_isalpha (table[i].text[0]) ? _(table[i].text) : table[i].text;
  return op ? op : "?";
}

static void append_predicate (GString *out, JsonNode *predicate, gboolean nested);

static void
append_comparison (GString    *out,
                   const char *subject,
                   JsonObject *object)
{
  const char *op = cairn_json_get_string (object, "op");

  g_string_append_printf (out, "%s %s", subject, operator_text (op));
  if (op == NULL || (strcmp (op, "exists") != 0 && strcmp (op, "not_exists") != 0))
    {
      g_autofree char *value = value_text (json_object_get_member (object, "value"));
      g_string_append_printf (out, " %s", value);
    }
}

static void
append_list (GString    *out,
             JsonArray  *list,
             const char *joiner,
             gboolean    nested)
{
  guint n = list ? json_array_get_length (list) : 0;

  if (n == 0)
    {
      g_string_append (out, strcmp (joiner, " and ") == 0 ? _("always") : _("never"));
      return;
    }
  if (nested && n > 1)
    g_string_append_c (out, '(');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, joiner);
      append_predicate (out, json_array_get_element (list, i), TRUE);
    }
  if (nested && n > 1)
    g_string_append_c (out, ')');
}

static void
append_predicate (GString  *out,
                  JsonNode *predicate,
                  gboolean  nested)
{
  JsonObject *object;
  const char *name;

  if (predicate == NULL || !JSON_NODE_HOLDS_OBJECT (predicate))
    {
      g_string_append (out, "?");
      return;
    }
  object = json_node_get_object (predicate);

  if (json_object_has_member (object, "all"))
    /* Translators: joins conditions that must all hold */
    append_list (out, cairn_json_get_array (object, "all"), _(" and "), nested);
  else if (json_object_has_member (object, "any"))
    /* Translators: joins conditions of which one must hold */
    append_list (out, cairn_json_get_array (object, "any"), _(" or "), nested);
  else if (json_object_has_member (object, "not"))
    {
      g_string_append (out, _("not "));
      append_predicate (out, json_object_get_member (object, "not"), TRUE);
    }
  else if ((name = cairn_json_get_string (object, "attribute")) != NULL
           || (name = cairn_json_get_string (object, "param")) != NULL
           || (name = cairn_json_get_string (object, "field")) != NULL)
    append_comparison (out, name, object);
  else if ((name = cairn_json_get_string (object, "affinity")) != NULL)
    {
      /* Translators: %s is an affinity such as "discount" */
      g_autofree char *subject = g_strdup_printf (_("%s affinity"), name);
      append_comparison (out, subject, object);
    }
  else if ((name = cairn_json_get_string (object, "reachable")) != NULL)
    g_string_append_printf (out, _("reachable on %s"), cairn_channel_display_name (name));
  else if ((name = cairn_json_get_string (object, "event")) != NULL)
    {
      g_autofree char *within = describe_duration (cairn_json_get_string (object, "within"));
      JsonObject *count = cairn_json_get_object (object, "count");
      JsonNode *where = json_object_get_member (object, "where");

      /* Translators: "purchase in the last 7 days" */
      g_string_append_printf (out, _("%s in the last %s"), name, within);
      if (count != NULL)
        {
          g_autofree char *value = value_text (json_object_get_member (count, "value"));
          /* Translators: how many times, "> 10 times" */
          g_string_append_printf (out, _(", %s %s times"),
                                  operator_text (cairn_json_get_string (count, "op")), value);
        }
      if (where != NULL)
        {
          g_string_append (out, _(" where "));
          append_predicate (out, where, TRUE);
        }
    }
  else
    g_string_append (out, "?");
}

char *
cairn_predicate_summary (JsonNode *predicate)
{
  GString *out = g_string_new (NULL);

  append_predicate (out, predicate, FALSE);
  return g_string_free (out, FALSE);
}

/* Appends " where …" for an optional predicate member. */
static void
append_where (GString    *out,
              JsonObject *config,
              const char *member,
              const char *prefix)
{
  JsonNode *where = config ? json_object_get_member (config, member) : NULL;
  g_autofree char *text = NULL;

  if (where == NULL || JSON_NODE_HOLDS_NULL (where))
    return;
  text = cairn_predicate_summary (where);
  g_string_append_printf (out, "%s%s", prefix, text);
}

static void
append_channels (GString    *out,
                 JsonArray  *channels)
{
  for (guint i = 0; channels && i < json_array_get_length (channels); i++)
    {
      JsonNode *element = json_array_get_element (channels, i);
      const char *channel = JSON_NODE_HOLDS_VALUE (element) ? json_node_get_string (element) : NULL;

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, channel ? cairn_channel_display_name (channel) : "?");
    }
}

static const char *
or_unknown (const char *text)
{
  return text ? text : "?";
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
summarize_dynamic_date (GString    *out,
                        JsonObject *config)
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
    date = g_strdup_printf (_("%s of %s"), or_unknown (cairn_json_get_string (source, "param")),
                            or_unknown (cairn_json_get_string (source, "event")));
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

static void
summarize_message (GString             *out,
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
  shown = shorten (text, MAX_TEXT_CHARS);
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

char *
cairn_node_summary (const CairnNode *node)
{
  GString *out;
  const CairnNodeKind *kind;
  JsonObject *config;
  const char *type;

  g_return_val_if_fail (node != NULL, g_strdup (""));

  out = g_string_new (NULL);
  kind = node->kind;
  config = node->config;
  type = node->type ? node->type : "";

  if (kind == NULL)
    g_string_append_printf (out, _("Unknown node type “%s”"), type);
  else if (strcmp (type, "starter.event") == 0)
    {
      JsonArray *platforms = cairn_json_get_array (config, "platforms");

      /* Translators: when an event happens: "On purchase" */
      g_string_append_printf (out, C_("event", "On %s"), or_unknown (cairn_json_get_string (config, "event")));
      append_where (out, config, "where", _(" where "));
      if (platforms && json_array_get_length (platforms) > 0)
        {
          g_string_append (out, _(" on "));
          for (guint i = 0; i < json_array_get_length (platforms); i++)
            {
              JsonNode *element = json_array_get_element (platforms, i);
              g_string_append_printf (out, "%s%s", i ? ", " : "",
                                      JSON_NODE_HOLDS_VALUE (element) ? or_unknown (json_node_get_string (element)) : "?");
            }
        }
      append_where (out, config, "segment", _(", users with "));
    }
  else if (strcmp (type, "starter.website_action") == 0)
    {
      const char *url = cairn_json_get_string (config, "url_contains");

      g_string_append_printf (out, _("On %s on the website"), or_unknown (cairn_json_get_string (config, "action")));
      if (url)
        g_string_append_printf (out, _(", address contains “%s”"), url);
      append_where (out, config, "where", _(" where "));
    }
  else if (strcmp (type, "starter.dynamic_date") == 0)
    summarize_dynamic_date (out, config);
  else if (strcmp (type, "starter.attribute_change") == 0)
    {
      JsonNode *from = config ? json_object_get_member (config, "from") : NULL;
      JsonNode *to = config ? json_object_get_member (config, "to") : NULL;

      g_string_append_printf (out, _("When %s changes"), or_unknown (cairn_json_get_string (config, "attribute")));
      if (from)
        {
          g_autofree char *text = value_text (from);
          g_string_append_printf (out, _(" from %s"), text);
        }
      if (to)
        {
          g_autofree char *text = value_text (to);
          g_string_append_printf (out, _(" to %s"), text);
        }
    }
  else if (strcmp (type, "starter.past_behavior") == 0)
    {
      const char *time = cairn_json_get_string (config, "time");
      g_autofree char *segment = cairn_predicate_summary (config ? json_object_get_member (config, "segment") : NULL);

      g_string_append_printf (out, _("Daily at %s UTC: users with %s"), time ? time : "01:00", segment);
    }
  else if (strcmp (type, "wait.duration") == 0)
    {
      g_autofree char *duration = describe_duration (cairn_json_get_string (config, "duration"));
      g_string_append_printf (out, _("Wait %s"), duration);
    }
  else if (strcmp (type, "wait.until_time") == 0)
    {
      JsonArray *days = cairn_json_get_array (config, "days");

      g_string_append_printf (out, _("Wait until %s"), or_unknown (cairn_json_get_string (config, "time")));
      if (days && json_array_get_length (days) > 0)
        {
          g_string_append (out, _(" on "));
          for (guint i = 0; i < json_array_get_length (days); i++)
            {
              JsonNode *element = json_array_get_element (days, i);
              g_string_append_printf (out, "%s%s", i ? ", " : "",
                                      JSON_NODE_HOLDS_VALUE (element) ? or_unknown (json_node_get_string (element)) : "?");
            }
        }
    }
  else if (strcmp (type, "wait.until_event") == 0)
    {
      g_autofree char *timeout = describe_duration (cairn_json_get_string (config, "timeout"));

      g_string_append_printf (out, _("Wait until %s"), or_unknown (cairn_json_get_string (config, "event")));
      append_where (out, config, "where", _(" where "));
      g_string_append_printf (out, _(", up to %s"), timeout);
    }
  else if (strcmp (type, "condition.check") == 0)
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
  else if (strcmp (type, "condition.reachability") == 0)
    {
      g_string_append (out, _("First reachable of "));
      append_channels (out, cairn_json_get_array (config, "channels"));
    }
  else if (strcmp (type, "condition.interaction") == 0)
    {
      const char *within = cairn_json_get_string (config, "within");

      /* Translators: "Was push1 clicked?" */
      g_string_append_printf (out, _("Was %s %s"), or_unknown (cairn_json_get_string (config, "message")),
                              or_unknown (cairn_json_get_string (config, "interaction")));
      if (within)
        {
          g_autofree char *text = describe_duration (within);
          g_string_append_printf (out, _(" within %s"), text);
        }
      g_string_append_c (out, '?');
    }
  else if (strcmp (type, "split.ab") == 0)
    {
      JsonArray *variants = cairn_json_get_array (config, "variants");
      JsonObject *autowinner = cairn_json_get_object (config, "autowinner");
      double total = 0;
      guint n = variants ? json_array_get_length (variants) : 0;

      for (guint i = 0; i < n; i++)
        {
          double weight = 0;
          if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (variants, i))
              && cairn_json_get_number (json_array_get_object_element (variants, i), "weight", &weight) && weight > 0)
            total += weight;
        }
      g_string_append (out, _("Split "));
      for (guint i = 0; i < n; i++)
        {
          JsonObject *variant;
          double weight = 0;

          if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (variants, i)))
            continue;
          variant = json_array_get_object_element (variants, i);
          cairn_json_get_number (variant, "weight", &weight);
          g_string_append_printf (out, "%s%s %.0f%%", i ? " / " : "",
                                  or_unknown (cairn_json_get_string (variant, "id")),
                                  total > 0 ? 100.0 * MAX (weight, 0) / total : 0.0);
        }
      if (autowinner)
        g_string_append_printf (out, _(", best %s wins"),
                                or_unknown (cairn_json_get_string (autowinner, "metric")));
    }
  else if (strcmp (type, "next_best_channel") == 0)
    {
      g_string_append (out, _("Best engaged of "));
      append_channels (out, cairn_json_get_array (config, "channels"));
    }
  else if (strcmp (type, "audience.facebook") == 0)
    {
      const char *audience = or_unknown (cairn_json_get_string (config, "audience"));

      if (g_strcmp0 (cairn_json_get_string (config, "action"), "remove") == 0)
        g_string_append_printf (out, _("Remove from Facebook audience “%s”"), audience);
      else
        g_string_append_printf (out, _("Add to Facebook audience “%s”"), audience);
    }
  else if (kind->is_message)
    summarize_message (out, kind, config);
  else if (strcmp (type, "action.set_attribute") == 0)
    {
      JsonNode *value = config ? json_object_get_member (config, "value") : NULL;
      g_autofree char *text = value && !JSON_NODE_HOLDS_NULL (value) ? value_text (value) : NULL;

      if (text)
        g_string_append_printf (out, _("Set %s to %s"), or_unknown (cairn_json_get_string (config, "attribute")), text);
      else
        g_string_append_printf (out, _("Remove %s"), or_unknown (cairn_json_get_string (config, "attribute")));
    }
  else if (strcmp (type, "exit") == 0)
    g_string_append (out, _("Leave the journey"));
  else
    g_string_append (out, _(kind->name));

  return g_string_free (out, FALSE);
}
