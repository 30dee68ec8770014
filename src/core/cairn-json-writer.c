/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cairn-json.h"

/* Deterministic JSON output: journeys, reports and diagnostics are written
 * byte for byte the same way on every machine. */

void
cairn_json_append_double (GString  *out,
                          double    value,
                          gboolean  keep_point_zero)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize start = out->len;

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (int precision = 15; precision <= 17; precision++)
    {
      g_ascii_formatd (buf, sizeof buf, precision == 15 ? "%.15g" : precision == 16 ? "%.16g" : "%.17g", value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  if (keep_point_zero && strpbrk (out->str + start, ".eEn") == NULL)
    g_string_append (out, ".0");
}

void
cairn_json_append_string (GString    *out,
                          const char *str)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append_c (out, '"');
  for (const char *p = str; *p; p++)
    {
      guchar c = *p;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[c >> 4]);
              g_string_append_c (out, hex[c & 15]);
            }
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void append_node (GString *out, JsonNode *node, gboolean pretty, int indent);

static void
append_indent (GString *out,
               int      indent)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

static gboolean
is_flat (JsonNode *node)
{
  /* A container whose members are all scalars prints on one line when it
   * is short: positions, lists of categories, small predicates. */
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));
      for (GList *l = members; l; l = l->next)
        if (JSON_NODE_HOLDS_OBJECT (l->data) || JSON_NODE_HOLDS_ARRAY (l->data))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_OBJECT (e) || JSON_NODE_HOLDS_ARRAY (e))
            return FALSE;
        }
      return TRUE;
    }
  return TRUE;
}

static void
append_container (GString  *out,
                  JsonNode *node,
                  gboolean  pretty,
                  int       indent)
{
  gboolean is_object = JSON_NODE_HOLDS_OBJECT (node);
  gsize start = out->len;
  gboolean inline_form;
  guint n;

  n = is_object ? json_object_get_size (json_node_get_object (node))
                : json_array_get_length (json_node_get_array (node));
  if (n == 0)
    {
      g_string_append (out, is_object ? "{}" : "[]");
      return;
    }

  inline_form = !pretty || is_flat (node);

retry:
  g_string_append_c (out, is_object ? '{' : '[');
  if (is_object)
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);
      gboolean first = TRUE;

      for (GList *l = names; l; l = l->next)
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          if (pretty && !inline_form)
            append_indent (out, indent + 1);
          else if (pretty)
            g_string_append_c (out, ' ');
          cairn_json_append_string (out, l->data);
          g_string_append (out, pretty ? ": " : ":");
          append_node (out, json_object_get_member (object, l->data), pretty, indent + 1);
        }
    }
  else
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (out, pretty && inline_form ? ", " : ",");
          if (pretty && !inline_form)
            append_indent (out, indent + 1);
          append_node (out, json_array_get_element (array, i), pretty, indent + 1);
        }
    }
  if (pretty && !inline_form)
    append_indent (out, indent);
  else if (pretty && is_object)
    g_string_append_c (out, ' ');
  g_string_append_c (out, is_object ? '}' : ']');

  if (pretty && inline_form && out->len - start > 72)
    {
      g_string_truncate (out, start);
      inline_form = FALSE;
      goto retry;
    }
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             int       indent)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
      append_container (out, node, pretty, indent);
      break;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          if (!cairn_json_append_number_text (out, node))
            cairn_json_append_double (out, json_node_get_double (node), TRUE);
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          cairn_json_append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
        }
      break;
    }
}

char *
cairn_json_to_string (JsonNode *node,
                      gboolean  pretty)
{
  GString *out = g_string_new (NULL);
  append_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}

