/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-predicate.h"
#include "cairn-predicate-private.h"
#include "cairn-registry.h"
#include "cairn-template.h"

/* Structural check ------------------------------------------------------ */

typedef struct
{
  CairnPredicateProblemFunc report;
  gpointer                  user_data;
} Check;

static void
problem (Check         *check,
         JsonNode      *where,
         CairnSeverity  severity,
         const char    *code,
         const char    *format,
         ...) G_GNUC_PRINTF (5, 6);

static void
problem (Check         *check,
         JsonNode      *where,
         CairnSeverity  severity,
         const char    *code,
         const char    *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  check->report (where, severity, code, message, check->user_data);
}

static const char *
type_name (JsonNode *node)
{
  switch (cairn_predicate_json_type (node))
    {
    case 0: return node == NULL ? _("missing") : _("null");
    case 1: return _("number");
    case 2: return _("text");
    case 3: return _("true/false");
    case 4: return _("list");
    case 5: return _("object");
    default: return _("unknown");
    }
}

/* A common misspelling of an operator, for the hint. */
static const char *
suggest_op (const char *name)
{
  static const struct { const char *alias; const char *op; } aliases[] = {
    { "=", "eq" }, { "==", "eq" }, { "equals", "eq" }, { "is", "eq" }, { "equal", "eq" },
    { "!=", "neq" }, { "ne", "neq" }, { "not_eq", "neq" }, { "not_equals", "neq" },
    { "<", "lt" }, { "<=", "lte" }, { "le", "lte" }, { ">", "gt" }, { ">=", "gte" },
    { "ge", "gte" }, { "nin", "not_in" }, { "notin", "not_in" }, { "not in", "not_in" },
    { "includes", "contains" }, { "has", "contains" }, { "startswith", "starts_with" },
    { "starts", "starts_with" }, { "prefix", "starts_with" }, { "exist", "exists" },
    { "present", "exists" }, { "missing", "not_exists" }, { "absent", "not_exists" },
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (lower, aliases[i].alias) == 0)
      return aliases[i].op;
  if (cairn_predicate_op_from_string (lower) != OP_INVALID)
    return cairn_predicate_op_names[cairn_predicate_op_from_string (lower)];
  return NULL;
}

/* Reports an unusable `op`; returns the operator, OP_INVALID when none. */
static Op
check_op (Check      *check,
          JsonNode   *predicate,
          JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "op");
  const char *name;
  const char *hint;
  Op op;

  if (node == NULL)
    {
      problem (check, predicate, CAIRN_SEVERITY_ERROR, "predicate-missing-op",
               _("the condition has no \"op\" (use one of %s)"), OP_LIST);
      return OP_INVALID;
    }
  if (!cairn_predicate_is_string (node))
    {
      problem (check, node, CAIRN_SEVERITY_ERROR, "predicate-unknown-op",
               _("\"op\" must be the name of an operator (one of %s)"), OP_LIST);
      return OP_INVALID;
    }
  name = json_node_get_string (node);
  op = cairn_predicate_op_from_string (name);
  if (op != OP_INVALID)
    return op;
  hint = suggest_op (name);
  if (hint != NULL)
    problem (check, node, CAIRN_SEVERITY_ERROR, "predicate-unknown-op",
             _("unknown operator \"%s\" (try \"%s\")"), name, hint);
  else
    problem (check, node, CAIRN_SEVERITY_ERROR, "predicate-unknown-op",
             _("unknown operator \"%s\" (use one of %s)"), name, OP_LIST);
  return OP_INVALID;
}

static void
check_template (Check    *check,
                JsonNode *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnTemplate) tmpl = NULL;

  if (!cairn_predicate_is_string (value) || strstr (json_node_get_string (value), "{{") == NULL)
    return;
  tmpl = cairn_template_parse (json_node_get_string (value), &error);
  if (tmpl == NULL)
    problem (check, value, CAIRN_SEVERITY_ERROR, "template-section", "%s", error->message);
}

static gboolean
is_template (JsonNode *value)
{
  return cairn_predicate_is_string (value) && strstr (json_node_get_string (value), "{{") != NULL;
}

/* Checks `op` and `value` of a comparison; @numeric when the compared
 * value is always a number (affinity scores, counts). */
static void
check_comparison (Check      *check,
                  JsonNode   *predicate,
                  JsonObject *object,
                  gboolean    numeric)
{
  JsonNode *value = json_object_get_member (object, "value");
  Op op = check_op (check, predicate, object);
  const char *op_name;

  if (op == OP_INVALID)
    return;
  op_name = cairn_predicate_op_names[op];

  if (op == OP_EXISTS || op == OP_NOT_EXISTS)
    {
      if (value != NULL)
        problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-unused-value",
                 _("\"%s\" takes no \"value\"; this one is ignored"), op_name);
      return;
    }
  if (value == NULL)
    {
      problem (check, predicate, CAIRN_SEVERITY_ERROR, "predicate-missing-value",
               _("\"op\": \"%s\" needs a \"value\" to compare with"), op_name);
      return;
    }
  if (JSON_NODE_HOLDS_NULL (value))
    {
      problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
               _("null never matches (a null value counts as absent); use \"op\": \"not_exists\" or \"exists\""));
      return;
    }

  if (op == OP_IN || op == OP_NOT_IN)
    {
      JsonArray *list;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        {
          problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
                   _("\"%s\" needs a list as its \"value\" (such as [\"a\", \"b\"]); with a %s it is always false"),
                   op_name, type_name (value));
          return;
        }
      list = json_node_get_array (value);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);

          check_template (check, element);
          if (numeric && !cairn_json_node_is_number (element) && !is_template (element))
            problem (check, element, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
                     _("this compares a number with a %s, which never matches"),
                     type_name (element));
        }
      return;
    }

  check_template (check, value);
  if (is_template (value))
    {
      if (numeric)
        problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
                 _("a template renders as text, which never equals a number"));
      return;
    }

  switch (op)
    {
    case OP_LT:
    case OP_LTE:
    case OP_GT:
    case OP_GTE:
      if (!cairn_json_node_is_number (value) && !cairn_predicate_is_string (value))
        problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
                 _("\"%s\" compares numbers or texts; with a %s it is always false"),
                 op_name, type_name (value));
      else if (numeric && !cairn_json_node_is_number (value))
        problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
                 _("this compares a number with a %s, which never matches"),
                 type_name (value));
      break;
    case OP_STARTS_WITH:
      if (!cairn_predicate_is_string (value) || numeric)
        problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
                 _("\"starts_with\" works on texts only; it is always false here"));
      break;
    case OP_CONTAINS:
      if (numeric)
        problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
                 _("\"contains\" works on texts and lists; a number never contains anything"));
      break;
    case OP_EQ:
    case OP_NEQ:
      if (numeric && !cairn_json_node_is_number (value))
        problem (check, value, CAIRN_SEVERITY_WARNING, "predicate-type-mismatch",
                 _("this compares a number with a %s, which never matches"),
                 type_name (value));
      break;
    default:
      break;
    }
}

static void
check_keys (Check       *check,
            JsonNode    *predicate,
            JsonObject  *object,
            const char **allowed)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &member))
    {
      if (cairn_predicate_kind_from_key (key) != KIND_NONE || g_strv_contains (allowed, key))
        continue;
      problem (check, member, CAIRN_SEVERITY_WARNING, "predicate-unknown-key",
               _("unknown key \"%s\" in a condition; it is ignored"), key);
    }
}

static void check_predicate (Check    *check,
                             JsonNode *predicate,
                             gboolean  allow_field);

static void
check_history (Check      *check,
               JsonNode   *predicate,
               JsonObject *object,
               gboolean    allow_field)
{
  static const char *allowed[] = { "within", "count", "where", NULL };
  JsonNode *within = json_object_get_member (object, "within");
  JsonNode *count = json_object_get_member (object, "count");
  JsonNode *where = json_object_get_member (object, "where");
  const char *name = cairn_json_get_string (object, "event");

  check_keys (check, predicate, object, allowed);
  if (name == NULL || *name == '\0')
    problem (check, json_object_get_member (object, "event"), CAIRN_SEVERITY_ERROR,
             "predicate-wrong-type",
             _("\"event\" must name an event, such as \"purchase\""));

  if (within == NULL)
    problem (check, predicate, CAIRN_SEVERITY_ERROR, "missing-within",
             _("a history condition needs \"within\", the period to look back over (such as \"P7D\")"));
  else if (!cairn_predicate_is_string (within))
    problem (check, within, CAIRN_SEVERITY_ERROR, "bad-duration",
             _("\"within\" must be an ISO 8601 duration such as \"P7D\""));
  else
    {
      g_autoptr(GError) error = NULL;

      if (!cairn_duration_parse (json_node_get_string (within), NULL, &error))
        problem (check, within, CAIRN_SEVERITY_ERROR, "bad-duration", "%s", error->message);
    }

  if (count != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (count))
        problem (check, count, CAIRN_SEVERITY_ERROR, "predicate-wrong-type",
                 _("\"count\" must be an object such as {\"op\": \"gte\", \"value\": 3}"));
      else
        {
          static const char *count_keys[] = { "op", "value", NULL };
          JsonObject *spec = json_node_get_object (count);
          JsonObjectIter iter;
          const char *key;
          JsonNode *member;

          json_object_iter_init (&iter, spec);
          while (json_object_iter_next (&iter, &key, &member))
            if (!g_strv_contains (count_keys, key))
              problem (check, member, CAIRN_SEVERITY_WARNING, "predicate-unknown-key",
                       _("unknown key \"%s\" in \"count\"; it is ignored"), key);
          check_comparison (check, count, spec, TRUE);
        }
    }

  if (where != NULL)
    check_predicate (check, where, allow_field);
}

static void
check_predicate (Check    *check,
                 JsonNode *predicate,
                 gboolean  allow_field)
{
  static const char *compare_keys[] = { "op", "value", NULL };
  static const char *no_keys[] = { NULL };
  JsonObject *object;
  JsonNode *member;
  guint n_kinds;
  Kind kind;

  if (predicate == NULL || !JSON_NODE_HOLDS_OBJECT (predicate))
    {
      problem (check, predicate, CAIRN_SEVERITY_ERROR, "predicate-not-object",
               _("a condition must be an object, such as {\"attribute\": \"age\", \"op\": \"lt\", \"value\": 22}"));
      return;
    }
  object = json_node_get_object (predicate);
  kind = cairn_predicate_kind_of (object, &n_kinds);
  if (kind == KIND_NONE)
    {
      problem (check, predicate, CAIRN_SEVERITY_ERROR, "predicate-unknown",
               _("a condition needs one of the keys \"all\", \"any\", \"not\", \"attribute\", \"param\", \"event\", \"reachable\", \"affinity\" or \"field\""));
      return;
    }
  if (n_kinds > 1)
    {
      GString *keys = g_string_new (NULL);
      JsonObjectIter iter;
      const char *key;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &key, NULL))
        if (cairn_predicate_kind_from_key (key) != KIND_NONE)
          g_string_append_printf (keys, "%s\"%s\"", keys->len > 0 ? ", " : "", key);
      problem (check, predicate, CAIRN_SEVERITY_ERROR, "predicate-ambiguous",
               _("a condition cannot combine %s; put each in its own condition inside {\"all\": [...]}"),
               keys->str);
      g_string_free (keys, TRUE);
      return;
    }

  member = json_object_get_member (object, cairn_predicate_kind_keys[kind]);
  switch (kind)
    {
    case KIND_ALL:
    case KIND_ANY:
      check_keys (check, predicate, object, no_keys);
      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          problem (check, member, CAIRN_SEVERITY_ERROR, "predicate-wrong-type",
                   _("\"%s\" takes a list of conditions"), cairn_predicate_kind_keys[kind]);
          return;
        }
      {
        JsonArray *list = json_node_get_array (member);

        for (guint i = 0; i < json_array_get_length (list); i++)
          check_predicate (check, json_array_get_element (list, i), allow_field);
      }
      break;

    case KIND_NOT:
      check_keys (check, predicate, object, no_keys);
      check_predicate (check, member, allow_field);
      break;

    case KIND_EVENT:
      check_history (check, predicate, object, allow_field);
      break;

    case KIND_REACHABLE:
      check_keys (check, predicate, object, no_keys);
      if (!cairn_predicate_is_string (member))
        problem (check, member, CAIRN_SEVERITY_ERROR, "predicate-wrong-type",
                 _("\"reachable\" must name a channel, such as \"email\""));
      else
        {
          const char *channel = json_node_get_string (member);

          if (cairn_channel_index (channel) < 0)
            {
              /* Translators: between the last two channels of a list */
              g_autofree char *channels = cairn_channels_text (C_("channel list", " or "));

              problem (check, member, CAIRN_SEVERITY_WARNING, "unknown-channel",
                       _("\"%s\" is not a channel (use %s)"), channel, channels);
            }
        }
      break;

    case KIND_FIELD:
      if (!allow_field)
        {
          problem (check, predicate, CAIRN_SEVERITY_ERROR, "predicate-field-context",
                   _("\"field\" conditions look at products, so they only work in the \"where\" of \"recommendations\""));
          return;
        }
      G_GNUC_FALLTHROUGH;
    case KIND_ATTRIBUTE:
    case KIND_PARAM:
    case KIND_AFFINITY:
      check_keys (check, predicate, object, compare_keys);
      if (!cairn_predicate_is_string (member) || *json_node_get_string (member) == '\0')
        {
          problem (check, member, CAIRN_SEVERITY_ERROR, "predicate-wrong-type",
                   _("\"%s\" must be a name (a non-empty text)"), cairn_predicate_kind_keys[kind]);
          return;
        }
      check_comparison (check, predicate, object, kind == KIND_AFFINITY);
      break;

    case KIND_NONE:
    default:
      g_assert_not_reached ();
    }
}

void
cairn_predicate_check (JsonNode                  *predicate,
                       gboolean                   allow_field,
                       CairnPredicateProblemFunc  report,
                       gpointer                   user_data)
{
  Check check = { report, user_data };

  g_return_if_fail (report != NULL);

  check_predicate (&check, predicate, allow_field);
}
