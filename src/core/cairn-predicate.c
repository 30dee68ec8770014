/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-predicate.h"
#include "cairn-scenario.h"
#include "cairn-template.h"
#include "cairn-predicate-private.h"

const char * const cairn_predicate_kind_keys[N_KINDS] = {
  NULL, "all", "any", "not", "event", "reachable", "attribute", "param", "affinity", "field",
};

const char * const cairn_predicate_op_names[N_OPS] = {
  NULL, "eq", "neq", "lt", "lte", "gt", "gte", "in", "not_in", "contains",
  "starts_with", "exists", "not_exists",
};

/* How explanations show an operator. */
static const char * const op_symbols[N_OPS] = {
  "?", "=", "!=", "<", "<=", ">", ">=", "in", "not in", "contains",
  "starts with", "exists", "does not exist",
};

/* Predicates are evaluated for every event of every user, so evaluation
 * allocates nothing unless a value is a template (P3) or an explanation
 * is asked for. */

Op
cairn_predicate_op_from_string (const char *name)
{
  Op candidate;

  if (name == NULL)
    return OP_INVALID;
  /* One comparison at most: this runs for every evaluation. */
  switch (name[0])
    {
    case 'e': candidate = name[1] == 'q' ? OP_EQ : OP_EXISTS; break;
    case 'n':
      if (name[1] == 'e')
        candidate = OP_NEQ;
      else
        candidate = strcmp (name, "not_in") == 0 ? OP_NOT_IN : OP_NOT_EXISTS;
      break;
    case 'l': candidate = name[1] != '\0' && name[2] == 'e' ? OP_LTE : OP_LT; break;
    case 'g': candidate = name[1] != '\0' && name[2] == 'e' ? OP_GTE : OP_GT; break;
    case 'i': candidate = OP_IN; break;
    case 'c': candidate = OP_CONTAINS; break;
    case 's': candidate = OP_STARTS_WITH; break;
    default: return OP_INVALID;
    }
  return strcmp (name, cairn_predicate_op_names[candidate]) == 0 ? candidate : OP_INVALID;
}

Kind
cairn_predicate_kind_from_key (const char *key)
{
  Kind candidate;

  switch (key[0])
    {
    case 'a':
      candidate = key[1] == 'l' ? KIND_ALL : key[1] == 'n' ? KIND_ANY
                  : key[1] == 't' ? KIND_ATTRIBUTE : KIND_AFFINITY;
      break;
    case 'n': candidate = KIND_NOT; break;
    case 'e': candidate = KIND_EVENT; break;
    case 'r': candidate = KIND_REACHABLE; break;
    case 'p': candidate = KIND_PARAM; break;
    case 'f': candidate = KIND_FIELD; break;
    default: return KIND_NONE;
    }
  return strcmp (key, cairn_predicate_kind_keys[candidate]) == 0 ? candidate : KIND_NONE;
}

/* The kind of @object: the known key that comes first in the kind list,
 * so that a malformed mix still evaluates the same way every time. */
Kind
cairn_predicate_kind_of (JsonObject *object,
                         guint      *n_kinds)
{
  JsonObjectIter iter;
  const char *key;
  Kind kind = KIND_NONE;
  guint n = 0;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    {
      Kind k = cairn_predicate_kind_from_key (key);

      if (k == KIND_NONE)
        continue;
      n++;
      if (kind == KIND_NONE || k < kind)
        kind = k;
    }
  if (n_kinds != NULL)
    *n_kinds = n;
  return kind;
}

/* A member, or when there is none and the name has dots, the value found
 * by walking objects ("channels.email"). */
static JsonNode *
lookup_path (JsonObject *object,
             const char *name)
{
  JsonNode *node;
  const char *start;

  if (object == NULL || name == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node != NULL || strchr (name, '.') == NULL)
    return node;

  start = name;
  for (;;)
    {
      const char *dot = strchr (start, '.');
      gsize len = dot != NULL ? (gsize) (dot - start) : strlen (start);
      char buf[128];
      g_autofree char *heap = NULL;
      const char *segment;

      if (object == NULL)
        return NULL;
      if (len < sizeof buf)
        {
          memcpy (buf, start, len);
          buf[len] = '\0';
          segment = buf;
        }
      else
        segment = heap = g_strndup (start, len);
      node = json_object_get_member (object, segment);
      if (dot == NULL || node == NULL)
        return node;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      start = dot + 1;
    }
}

gboolean
cairn_predicate_is_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

gboolean
cairn_predicate_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_boolean (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* The JSON type in the sense of P2: numbers are one type. */
int
cairn_predicate_json_type (JsonNode *node)
{
  if (cairn_predicate_is_absent (node))
    return 0;
  if (cairn_json_node_is_number (node))
    return 1;
  if (cairn_predicate_is_string (node))
    return 2;
  if (is_boolean (node))
    return 3;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return 4;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return 5;
  return 6;
}

static gboolean
value_eq (JsonNode *a,
          JsonNode *b)
{
  if (cairn_predicate_is_absent (a) || cairn_predicate_is_absent (b))
    return FALSE;
  return cairn_json_equal (a, b);
}

static gboolean
value_neq (JsonNode *a,
           JsonNode *b)
{
  if (cairn_predicate_is_absent (a) || cairn_predicate_is_absent (b))
    return FALSE;
  return cairn_predicate_json_type (a) == cairn_predicate_json_type (b) && !cairn_json_equal (a, b);
}

/* -1, 0, 1, or 2 when the two cannot be ordered. */
static int
value_order (JsonNode *a,
             JsonNode *b)
{
  if (cairn_json_node_is_number (a) && cairn_json_node_is_number (b))
    {
      if (json_node_get_value_type (a) == G_TYPE_INT64
          && json_node_get_value_type (b) == G_TYPE_INT64)
        {
          gint64 x = json_node_get_int (a), y = json_node_get_int (b);
          return x < y ? -1 : x > y ? 1 : 0;
        }
      else
        {
          double x = cairn_json_node_number (a), y = cairn_json_node_number (b);
          return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
        }
    }
  if (cairn_predicate_is_string (a) && cairn_predicate_is_string (b))
    {
      /* Byte order of UTF-8 is code point order (P2). */
      int c = strcmp (json_node_get_string (a), json_node_get_string (b));
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
  return 2;
}

/* Renders a string value holding "{{" (P3); otherwise returns @value.
 * A rendered node is stored in @owned for the caller to release. */
static JsonNode *
render_value (JsonNode                    *value,
              const CairnPredicateContext *context,
              JsonNode                   **owned)
{
  CairnTemplateContext tctx = { 0 };
  const char *text;

  if (!cairn_predicate_is_string (value))
    return value;
  text = json_node_get_string (value);
  if (strstr (text, "{{") == NULL)
    return value;

  tctx.user_id = context->user_id;
  tctx.attributes = context->attributes;
  tctx.event = context->template_event;
  tctx.products = NULL;
  {
    g_autoptr(JsonObject) parsed = NULL;
    g_autofree char *rendered = NULL;

    if (tctx.event == NULL && context->template_text != NULL)
      tctx.event = parsed = cairn_input_parse_params (context->template_text);
    rendered = cairn_template_render_text (text, &tctx, FALSE);

    *owned = json_node_init_string (json_node_alloc (), rendered);
  }
  return *owned;
}

static gboolean
list_test (JsonNode                    *actual,
           JsonNode                    *list,
           gboolean                     negate,
           const CairnPredicateContext *context)
{
  JsonArray *array;
  guint n;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return FALSE;
  array = json_node_get_array (list);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *owned = NULL;
      JsonNode *element = render_value (json_array_get_element (array, i), context, &owned);
      gboolean hit = negate ? !value_neq (actual, element) : value_eq (actual, element);

      g_clear_pointer (&owned, json_node_unref);
      /* in: some element equals; not_in: every element differs. */
      if (hit)
        return !negate;
    }
  return negate;
}

static gboolean
apply_op (Op                           op,
          JsonNode                    *actual,
          JsonNode                    *expected_raw,
          const CairnPredicateContext *context)
{
  JsonNode *owned = NULL;
  JsonNode *expected;
  gboolean result = FALSE;
  int order;

  if (op == OP_EXISTS)
    return !cairn_predicate_is_absent (actual);
  if (op == OP_NOT_EXISTS)
    return cairn_predicate_is_absent (actual);
  if (cairn_predicate_is_absent (actual) || op == OP_INVALID)
    return FALSE;   /* P1 */

  if (op == OP_IN || op == OP_NOT_IN)
    return list_test (actual, expected_raw, op == OP_NOT_IN, context);

  expected = render_value (expected_raw, context, &owned);
  if (cairn_predicate_is_absent (expected))
    goto out;

  switch (op)
    {
    case OP_EQ:
      result = value_eq (actual, expected);
      break;
    case OP_NEQ:
      result = value_neq (actual, expected);
      break;
    case OP_LT:
    case OP_LTE:
    case OP_GT:
    case OP_GTE:
      order = value_order (actual, expected);
      if (order != 2)
        result = (op == OP_LT && order < 0) || (op == OP_LTE && order <= 0)
                 || (op == OP_GT && order > 0) || (op == OP_GTE && order >= 0);
      break;
    case OP_CONTAINS:
      if (cairn_predicate_is_string (actual))
        result = cairn_predicate_is_string (expected)
                 && strstr (json_node_get_string (actual), json_node_get_string (expected)) != NULL;
      else if (JSON_NODE_HOLDS_ARRAY (actual))
        {
          JsonArray *array = json_node_get_array (actual);

          for (guint i = 0; i < json_array_get_length (array) && !result; i++)
            result = value_eq (json_array_get_element (array, i), expected);
        }
      break;
    case OP_STARTS_WITH:
      result = cairn_predicate_is_string (actual) && cairn_predicate_is_string (expected)
               && g_str_has_prefix (json_node_get_string (actual), json_node_get_string (expected));
      break;
    default:
      break;
    }

out:
  g_clear_pointer (&owned, json_node_unref);
  return result;
}

/* The count test of a history predicate, without building nodes. */
static gboolean
count_matches (guint     count,
               Op        op,
               JsonNode *expected)
{
  double c = count;

  switch (op)
    {
    case OP_EXISTS:
      return TRUE;
    case OP_NOT_EXISTS:
      return FALSE;
    case OP_IN:
    case OP_NOT_IN:
      {
        JsonArray *array;

        if (expected == NULL || !JSON_NODE_HOLDS_ARRAY (expected))
          return FALSE;
        array = json_node_get_array (expected);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *e = json_array_get_element (array, i);
            gboolean number = cairn_json_node_is_number (e);

            if (op == OP_IN && number && cairn_json_node_number (e) == c)
              return TRUE;
            if (op == OP_NOT_IN && (!number || cairn_json_node_number (e) == c))
              return FALSE;
          }
        return op == OP_NOT_IN;
      }
    default:
      break;
    }

  if (!cairn_json_node_is_number (expected))
    return FALSE;
  {
    double v = cairn_json_node_number (expected);

    switch (op)
      {
      case OP_EQ: return c == v;
      case OP_NEQ: return c != v;
      case OP_LT: return c < v;
      case OP_LTE: return c <= v;
      case OP_GT: return c > v;
      case OP_GTE: return c >= v;
      default: return FALSE;
      }
  }
}

static void
append_json (GString  *out,
             JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    {
      g_string_append (out, _("(absent)"));
      return;
    }
  text = cairn_json_to_string (node, FALSE);
  g_string_append (out, text);
}

static gboolean eval (JsonNode                    *predicate,
                      const CairnPredicateContext *context,
                      GString                     *why);

static gboolean
eval_list (JsonArray                   *list,
           gboolean                     any,
           const CairnPredicateContext *context,
           GString                     *why)
{
  guint n;

  if (list == NULL)
    return FALSE;
  n = json_array_get_length (list);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *child = json_array_get_element (list, i);
      gboolean result;

      if (why != NULL)
        {
          gboolean compound = FALSE;

          if (i > 0)
            g_string_append (why, any ? _(" or ") : _(" and "));
          if (JSON_NODE_HOLDS_OBJECT (child))
            {
              Kind k = cairn_predicate_kind_of (json_node_get_object (child), NULL);
              compound = k == KIND_ALL || k == KIND_ANY;
            }
          if (compound)
            g_string_append_c (why, '(');
          result = eval (child, context, why);
          if (compound)
            g_string_append_c (why, ')');
        }
      else
        result = eval (child, context, NULL);

      if (result == any)
        return any;
    }
  return !any;
}

static gboolean
eval_history (JsonObject                  *object,
              const CairnPredicateContext *context,
              GString                     *why)
{
  const char *name = cairn_json_get_string (object, "event");
  const char *within_text = cairn_json_get_string (object, "within");
  JsonObject *count_spec = cairn_json_get_object (object, "count");
  JsonNode *where = json_object_get_member (object, "where");
  CairnDuration within;
  Op count_op = OP_GTE;
  JsonNode *count_value = NULL;
  gboolean default_count;
  CairnTime low;
  guint count = 0;
  gboolean result;

  /* `within` is required (P5); the validator reports its absence. */
  if (name == NULL || !cairn_duration_parse (within_text, &within, NULL))
    {
      if (why != NULL)
        g_string_append_printf (why, _("\"%s\" history without a valid \"within\""),
                                name != NULL ? name : "?");
      return FALSE;
    }
  if (json_object_has_member (object, "count"))
    {
      if (count_spec == NULL)
        return FALSE;
      count_op = cairn_predicate_op_from_string (cairn_json_get_string (count_spec, "op"));
      count_value = json_object_get_member (count_spec, "value");
    }
  default_count = count_spec == NULL;

  low = context->now - within;
  for (guint i = context->n_history; i > 0; i--)
    {
      const CairnEventRec *event = &context->history[i - 1];

      if (event->time > context->now)
        continue;
      if (event->time <= low)
        break;
      if (event->name == NULL || strcmp (event->name, name) != 0)
        continue;
      if (where != NULL)
        {
          /* P4: inside `where`, `param` reads the event being counted. */
          CairnPredicateContext inner = *context;

          inner.params = event->params;
          inner.params_text = NULL;
          if (!eval (where, &inner, NULL))
            continue;
        }
      count++;
      if (default_count && why == NULL)
        break;
    }

  result = default_count ? count >= 1 : count_matches (count, count_op, count_value);

  if (why != NULL)
    {
      g_string_append_printf (why,
                              g_dngettext (GETTEXT_PACKAGE, "%u \"%s\" event in %s",
                                           "%u \"%s\" events in %s", count),
                              count, name, within_text);
      if (!default_count)
        {
          g_string_append_printf (why, " %s ", op_symbols[count_op]);
          append_json (why, count_value);
        }
    }
  return result;
}

static gboolean
eval_compare (JsonObject                  *object,
              Kind                         kind,
              const CairnPredicateContext *context,
              GString                     *why)
{
  const char *name = cairn_json_get_string (object, cairn_predicate_kind_keys[kind]);
  JsonNode *expected = json_object_get_member (object, "value");
  Op op = cairn_predicate_op_from_string (cairn_json_get_string (object, "op"));
  JsonObject *source = NULL;
  g_autoptr(JsonNode) from_text = NULL;
  JsonNode *actual;
  gboolean result;

  switch (kind)
    {
    case KIND_ATTRIBUTE: source = context->attributes; break;
    case KIND_PARAM: source = context->params; break;
    case KIND_AFFINITY: source = context->affinity; break;
    case KIND_FIELD: source = context->product; break;
    default: break;
    }
  /* A replayed event's params are flat: no dotted walk. */
  if (kind == KIND_PARAM && source == NULL && context->params_text != NULL && name != NULL)
    actual = from_text = cairn_input_params_member (context->params_text, name);
  else
    actual = lookup_path (source, name);
  result = apply_op (op, actual, expected, context);

  if (why != NULL)
    {
      g_string_append (why, name != NULL ? name : "?");
      g_string_append_c (why, ' ');
      if (op == OP_EXISTS || op == OP_NOT_EXISTS)
        g_string_append (why, cairn_predicate_is_absent (actual) ? _("is absent") : _("exists"));
      else
        {
          JsonNode *owned = NULL;
          JsonNode *shown = expected;

          if (cairn_predicate_is_absent (actual))
            g_string_append (why, _("(absent)"));
          else
            append_json (why, actual);
          g_string_append_printf (why, " %s ", op_symbols[op]);
          if (op != OP_IN && op != OP_NOT_IN)
            shown = render_value (expected, context, &owned);
          append_json (why, shown);
          g_clear_pointer (&owned, json_node_unref);
        }
    }
  return result;
}

static gboolean
eval (JsonNode                    *predicate,
      const CairnPredicateContext *context,
      GString                     *why)
{
  JsonObject *object;
  gboolean result;
  Kind kind;

  if (predicate == NULL || !JSON_NODE_HOLDS_OBJECT (predicate))
    return FALSE;
  object = json_node_get_object (predicate);

  kind = cairn_predicate_kind_of (object, NULL);
  switch (kind)
    {
    case KIND_ALL:
      return eval_list (cairn_json_get_array (object, "all"), FALSE, context, why);

    case KIND_ANY:
      return eval_list (cairn_json_get_array (object, "any"), TRUE, context, why);

    case KIND_NOT:
      if (why != NULL)
        g_string_append (why, _("not ("));
      result = !eval (json_object_get_member (object, "not"), context, why);
      if (why != NULL)
        g_string_append_c (why, ')');
      return result;

    case KIND_EVENT:
      return eval_history (object, context, why);

    case KIND_REACHABLE:
      {
        const char *channel = cairn_json_get_string (object, "reachable");
        JsonNode *value = lookup_path (context->reachability, channel);

        result = channel != NULL && is_boolean (value) && json_node_get_boolean (value);
        if (why != NULL)
          g_string_append_printf (why, result ? _("reachable on %s") : _("not reachable on %s"),
                                  channel != NULL ? channel : "?");
        return result;
      }

    case KIND_ATTRIBUTE:
    case KIND_PARAM:
    case KIND_AFFINITY:
    case KIND_FIELD:
      return eval_compare (object, kind, context, why);

    case KIND_NONE:
    default:
      return FALSE;
    }
}

gboolean
cairn_predicate_eval (JsonNode                    *predicate,
                      const CairnPredicateContext *context)
{
  g_return_val_if_fail (context != NULL, FALSE);

  return eval (predicate, context, NULL);
}

struct _CairnPredicateLeaf
{
  char     *name;
  gsize     name_len;
  Op        op;
  guint     n;
  char    **values;      /* n plain strings */
  gsize    *lengths;
};

static gboolean
is_plain_string (JsonNode *node)
{
  return cairn_predicate_is_string (node) && strstr (json_node_get_string (node), "{{") == NULL;
}

CairnPredicateLeaf *
cairn_predicate_leaf_new (JsonNode *predicate)
{
  JsonObject *object;
  JsonNode *value;
  CairnPredicateLeaf *leaf;
  const char *name;
  guint n_kinds;
  Op op;

  if (predicate == NULL || !JSON_NODE_HOLDS_OBJECT (predicate))
    return NULL;
  object = json_node_get_object (predicate);
  if (cairn_predicate_kind_of (object, &n_kinds) != KIND_PARAM || n_kinds != 1
      || (name = cairn_json_get_string (object, "param")) == NULL)
    return NULL;
  op = cairn_predicate_op_from_string (cairn_json_get_string (object, "op"));
  value = json_object_get_member (object, "value");
  if (op == OP_EQ || op == OP_NEQ)
    {
      if (!is_plain_string (value))
        return NULL;
    }
  else if (op == OP_IN || op == OP_NOT_IN)
    {
      JsonArray *array = value != NULL && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

      /* An empty not_in holds for a value of any type: the long way. */
      if (array == NULL || json_array_get_length (array) == 0)
        return NULL;
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!is_plain_string (json_array_get_element (array, i)))
          return NULL;
    }
  else
    return NULL;

  leaf = g_new0 (CairnPredicateLeaf, 1);
  leaf->name = g_strdup (name);
  leaf->name_len = strlen (name);
  leaf->op = op;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      leaf->n = json_array_get_length (array);
      leaf->values = g_new0 (char *, leaf->n + 1);
      leaf->lengths = g_new0 (gsize, leaf->n + 1);
      for (guint i = 0; i < leaf->n; i++)
        leaf->values[i] = g_strdup (json_array_get_string_element (array, i));
    }
  else
    {
      leaf->n = 1;
      leaf->values = g_new0 (char *, 2);
      leaf->lengths = g_new0 (gsize, 2);
      leaf->values[0] = g_strdup (json_node_get_string (value));
    }
  for (guint i = 0; i < leaf->n; i++)
    leaf->lengths[i] = strlen (leaf->values[i]);
  return leaf;
}

void
cairn_predicate_leaf_free (CairnPredicateLeaf *leaf)
{
  if (leaf == NULL)
    return;
  g_free (leaf->name);
  g_strfreev (leaf->values);
  g_free (leaf->lengths);
  g_free (leaf);
}

gboolean
cairn_predicate_leaf_eval_text (const CairnPredicateLeaf *leaf,
                                const char               *params_text)
{
  const char *value;
  gsize length;
  char kind;
  gboolean equal = FALSE;

  /* Absent, null (P1), or a value of another type than the strings
     expected: eq and in find no equal, neq and not_in no value of the
     same type, so all four are false. */
  if (params_text == NULL
      || !cairn_input_params_raw (params_text, leaf->name, leaf->name_len, &kind, &value, &length)
      || kind != 's')
    return FALSE;
  /* A string of the text is never escaped: its characters are its value. */
  for (guint i = 0; i < leaf->n && !equal; i++)
    equal = leaf->lengths[i] == length && memcmp (leaf->values[i], value, length) == 0;
  return leaf->op == OP_EQ || leaf->op == OP_IN ? equal : !equal;
}

gboolean
cairn_predicate_explain (JsonNode                    *predicate,
                         const CairnPredicateContext *context,
                         GString                     *explanation)
{
  g_return_val_if_fail (context != NULL, FALSE);

  return eval (predicate, context, explanation);
}

gint64
cairn_predicate_max_within (JsonNode *predicate)
{
  JsonObject *object;
  gint64 max = 0;

  if (predicate == NULL || !JSON_NODE_HOLDS_OBJECT (predicate))
    return 0;
  object = json_node_get_object (predicate);

  switch (cairn_predicate_kind_of (object, NULL))
    {
    case KIND_ALL:
    case KIND_ANY:
      {
        JsonArray *list = cairn_json_get_array (object, json_object_has_member (object, "all") ? "all" : "any");

        for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
          max = MAX (max, cairn_predicate_max_within (json_array_get_element (list, i)));
        return max;
      }
    case KIND_NOT:
      return cairn_predicate_max_within (json_object_get_member (object, "not"));
    case KIND_EVENT:
      {
        CairnDuration within;

        if (cairn_duration_parse (cairn_json_get_string (object, "within"), &within, NULL))
          max = within;
        return MAX (max, cairn_predicate_max_within (json_object_get_member (object, "where")));
      }
    default:
      return 0;
    }
}
