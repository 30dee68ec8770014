/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-json.h"
#include "cairn-registry.h"
#include "cairn-kind-private.h"
#include "cairn-summary.h"
#include "cairn-summary-private.h"
#include "cairn-time.h"


const char *
cairn_channel_display_name (const char *channel)
{
  const CairnNodeKind *kind;

  if (channel == NULL)
    return "";
  kind = cairn_registry_lookup_channel (channel);
  return kind ? _(kind->name) : channel;
}

/* Whitespace runs become one space; the result is cut to @max characters
 * with an ellipsis. */
char *
cairn_summary_shorten (const char *text,
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
char *
cairn_summary_describe_duration (const char *text)
{
  CairnDuration duration;

  if (text == NULL)
    return g_strdup ("?");
  if (cairn_duration_parse (text, &duration, NULL))
    return cairn_duration_describe (duration);
  return g_strdup (text);
}

char *
cairn_summary_value_text (JsonNode *value)
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
      g_autofree char *value = cairn_summary_value_text (json_object_get_member (object, "value"));
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
      g_autofree char *within = cairn_summary_describe_duration (cairn_json_get_string (object, "within"));
      JsonObject *count = cairn_json_get_object (object, "count");
      JsonNode *where = json_object_get_member (object, "where");

      /* Translators: "purchase in the last 7 days" */
      g_string_append_printf (out, _("%s in the last %s"), name, within);
      if (count != NULL)
        {
          g_autofree char *value = cairn_summary_value_text (json_object_get_member (count, "value"));
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
void
cairn_summary_append_where (GString    *out,
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

void
cairn_summary_append_channels (GString    *out,
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

const char *
cairn_summary_or_unknown (const char *text)
{
  return text ? text : "?";
}

char *
cairn_node_summary (const CairnNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, g_strdup (""));

  out = g_string_new (NULL);
  if (node->kind == NULL)
    g_string_append_printf (out, _("Unknown node type “%s”"), node->type ? node->type : "");
  else if (node->kind->ops->summary != NULL)
    node->kind->ops->summary (out, node->kind, node->config);
  else
    g_string_append (out, _(node->kind->name));
  return g_string_free (out, FALSE);
}
