/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-error.h"
#include "cairn-scenario.h"
#include "cairn-template.h"

/* Deep enough for any message, shallow enough that rendering (recursive
 * per section) cannot exhaust the stack on hostile input. */
#define MAX_SECTION_DEPTH 64

typedef enum
{
  TOKEN_TEXT,
  TOKEN_VARIABLE,   /* {{name}}: escaped when asked (M1) */
  TOKEN_RAW,        /* {{{name}}} and {{& name}} */
  TOKEN_SECTION,    /* {{#name}} */
  TOKEN_INVERTED,   /* {{^name}} */
} TokenKind;

typedef struct
{
  TokenKind   kind;
  char       *text;   /* the text, or the name with whitespace trimmed */
  gsize       len;
  char      **path;   /* the name split at dots; NULL for "." and text */
  guint       end;    /* sections: index of the first token after the body */
} Token;

struct _CairnTemplate
{
  GArray *tokens;   /* of Token */
};

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->text);
  g_strfreev (token->path);
}

void
cairn_template_free (CairnTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  g_array_unref (tmpl->tokens);
  g_free (tmpl);
}

static void
add_text (CairnTemplate *tmpl,
          const char    *text,
          gsize          len)
{
  Token token = { TOKEN_TEXT, NULL, len, NULL, 0 };

  if (len == 0)
    return;
  token.text = g_strndup (text, len);
  g_array_append_val (tmpl->tokens, token);
}

static guint
add_name (CairnTemplate *tmpl,
          TokenKind      kind,
          const char    *name,
          gsize          len)
{
  Token token = { kind, NULL, 0, NULL, 0 };

  /* Whitespace inside tags is ignored (M3). */
  while (len > 0 && g_ascii_isspace (*name))
    {
      name++;
      len--;
    }
  while (len > 0 && g_ascii_isspace (name[len - 1]))
    len--;
  token.text = g_strndup (name, len);
  token.len = len;
  if (strcmp (token.text, ".") != 0)
    token.path = g_strsplit (token.text, ".", -1);
  g_array_append_val (tmpl->tokens, token);
  return tmpl->tokens->len - 1;
}

static char *
trimmed (const char *name,
         gsize       len)
{
  char *copy = g_strndup (name, len);

  return g_strstrip (copy);
}

CairnTemplate *
cairn_template_parse (const char  *text,
                      GError     **error)
{
  g_autoptr(CairnTemplate) tmpl = g_new0 (CairnTemplate, 1);
  guint open[MAX_SECTION_DEPTH];
  guint depth = 0;
  const char *p = text != NULL ? text : "";

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tmpl->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (tmpl->tokens, token_clear);

  for (;;)
    {
      const char *tag = strstr (p, "{{");
      const char *content, *close;
      gsize content_len;

      if (tag == NULL)
        {
          add_text (tmpl, p, strlen (p));
          break;
        }

      if (tag[2] == '{' && (close = strstr (tag + 3, "}}}")) != NULL)
        {
          add_text (tmpl, p, tag - p);
          add_name (tmpl, TOKEN_RAW, tag + 3, close - (tag + 3));
          p = close + 3;
          continue;
        }

      close = strstr (tag + 2, "}}");
      if (close == NULL)
        {
          /* An unterminated tag is text. */
          add_text (tmpl, p, strlen (p));
          break;
        }
      add_text (tmpl, p, tag - p);
      p = close + 2;

      content = tag + 2;
      content_len = close - content;
      while (content_len > 0 && g_ascii_isspace (*content))
        {
          content++;
          content_len--;
        }

      switch (content_len > 0 ? *content : '\0')
        {
        case '!':   /* comment */
        case '=':   /* delimiter changes are not supported: ignored */
          break;

        case '&':
          add_name (tmpl, TOKEN_RAW, content + 1, content_len - 1);
          break;

        case '#':
        case '^':
          if (depth == MAX_SECTION_DEPTH)
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                           _("template sections are nested more than %d deep"),
                           MAX_SECTION_DEPTH);
              return NULL;
            }
          open[depth++] = add_name (tmpl, *content == '#' ? TOKEN_SECTION : TOKEN_INVERTED,
                                    content + 1, content_len - 1);
          break;

        case '/':
          {
            g_autofree char *name = trimmed (content + 1, content_len - 1);
            Token *section;

            if (depth == 0)
              {
                g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                             _("template: {{/%s}} closes a section that was never opened"),
                             name);
                return NULL;
              }
            section = &g_array_index (tmpl->tokens, Token, open[depth - 1]);
            if (strcmp (section->text, name) != 0)
              {
                g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                             _("template: {{/%s}} does not match the open section \"%s\" (expected {{/%s}})"),
                             name, section->text, section->text);
                return NULL;
              }
            section->end = tmpl->tokens->len;
            depth--;
          }
          break;

        default:
          add_name (tmpl, TOKEN_VARIABLE, content, content_len);
          break;
        }
    }

  if (depth > 0)
    {
      Token *section = &g_array_index (tmpl->tokens, Token, open[depth - 1]);

      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("template: section \"%s\" is not closed (add {{/%s}})"),
                   section->text, section->text);
      return NULL;
    }

  return g_steal_pointer (&tmpl);
}

/* Values ----------------------------------------------------------------- */

/* Shortest round-trip decimal, never with an exponent (M2). */
static void
append_double (GString *out,
               double   value)
{
  char buf[64];
  char digits[32];
  gsize n_digits = 0;
  int exponent;
  const char *p;
  gboolean negative;
  int point;

  if (!isfinite (value))
    return;
  if (value == 0)
    {
      g_string_append_c (out, '0');
      return;
    }

  for (int precision = 0; precision <= 17; precision++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* buf is "-d.ddde±xx". */
  p = buf;
  negative = *p == '-';
  if (negative)
    p++;
  for (; *p != 'e' && *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && n_digits < sizeof digits - 1)
      digits[n_digits++] = *p;
  exponent = *p == 'e' ? atoi (p + 1) : 0;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  if (negative)
    g_string_append_c (out, '-');
  point = exponent + 1;   /* digits before the decimal point */
  if (point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append_len (out, digits, n_digits);
    }
  else if ((gsize) point >= n_digits)
    {
      g_string_append_len (out, digits, n_digits);
      for (gsize i = n_digits; i < (gsize) point; i++)
        g_string_append_c (out, '0');
    }
  else
    {
      g_string_append_len (out, digits, point);
      g_string_append_c (out, '.');
      g_string_append_len (out, digits + point, n_digits - point);
    }
}

void
cairn_template_append_value (GString  *out,
                             JsonNode *value)
{
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return;

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      g_string_append (out, json_node_get_string (value));
      break;
    case G_TYPE_INT64:
      {
        /* Digits from the right, without printf. */
        gint64 v = json_node_get_int (value);
        guint64 u = v < 0 ? -(guint64) v : (guint64) v;
        char digits[24], *p = digits + sizeof digits;

        do
          *--p = '0' + u % 10;
        while ((u /= 10) != 0);
        if (v < 0)
          *--p = '-';
        g_string_append_len (out, p, digits + sizeof digits - p);
      }
      break;
    case G_TYPE_DOUBLE:
      append_double (out, json_node_get_double (value));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (value) ? "true" : "false");
      break;
    default:
      break;
    }
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      /* Runs of plain characters in one go. */
      gsize plain = strcspn (text + i, "&<>\"'");

      if (plain > 0)
        {
          plain = MIN (plain, len - i);
          g_string_append_len (out, text + i, plain);
          i += plain - 1;
          continue;
        }
      switch (text[i])
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, text[i]); break;
        }
    }
}

/* Rendering ------------------------------------------------------------- */

typedef enum
{
  VALUE_MISSING,
  VALUE_ROOT,   /* the names of M4: user, event, products */
  VALUE_USER,   /* user.id and the attributes */
  VALUE_EVENT_TEXT, /* the entry event's params as text (event_text) */
  VALUE_NODE,
} ValueKind;

typedef struct
{
  ValueKind  kind;
  JsonNode  *node;
} Value;

typedef struct
{
  const CairnTemplateContext *context;
  gboolean                    escape;
  GString                    *out;
  GArray                     *stack;   /* of Value, innermost last */
  /* Nodes wrapping the context, made when first looked up. */
  JsonNode                   *event_node;
  JsonNode                   *products_node;
  JsonNode                   *user_id_node;
  GPtrArray                  *owned;   /* nodes read from event_text */
  GString                    *plain;   /* a value before escaping */
} Render;

static gboolean
lookup_in (Render      *render,
           const Value *frame,
           const char  *key,
           Value       *result)
{
  const CairnTemplateContext *context = render->context;

  switch (frame->kind)
    {
    case VALUE_ROOT:
      if (strcmp (key, "user") == 0)
        {
          *result = (Value) { VALUE_USER, NULL };
          return TRUE;
        }
      if (strcmp (key, "event") == 0 && context->event != NULL)
        {
          if (render->event_node == NULL)
            render->event_node = json_node_init_object (json_node_alloc (), context->event);
          *result = (Value) { VALUE_NODE, render->event_node };
          return TRUE;
        }
      if (strcmp (key, "event") == 0 && context->event_text != NULL)
        {
          *result = (Value) { VALUE_EVENT_TEXT, NULL };
          return TRUE;
        }
      if (strcmp (key, "products") == 0 && context->products != NULL)
        {
          if (render->products_node == NULL)
            render->products_node = json_node_init_array (json_node_alloc (), context->products);
          *result = (Value) { VALUE_NODE, render->products_node };
          return TRUE;
        }
      return FALSE;

    case VALUE_USER:
      /* user.id is the user's id, whatever the attributes say (M4). */
      if (strcmp (key, "id") == 0 && context->user_id != NULL)
        {
          if (render->user_id_node == NULL)
            render->user_id_node = json_node_init_string (json_node_alloc (), context->user_id);
          *result = (Value) { VALUE_NODE, render->user_id_node };
          return TRUE;
        }
      {
        JsonNode *node = context->attributes != NULL ? json_object_get_member (context->attributes, key) : NULL;

        if (node == NULL)
          return FALSE;
        *result = (Value) { VALUE_NODE, node };
        return TRUE;
      }

    case VALUE_EVENT_TEXT:
      {
        JsonNode *node = cairn_input_params_member (context->event_text, key);

        if (node == NULL)
          return FALSE;
        if (render->owned == NULL)
          render->owned = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
        g_ptr_array_add (render->owned, node);
        *result = (Value) { VALUE_NODE, node };
        return TRUE;
      }

    case VALUE_NODE:
      if (frame->node != NULL && JSON_NODE_HOLDS_OBJECT (frame->node))
        {
          JsonNode *node = json_object_get_member (json_node_get_object (frame->node), key);

          if (node != NULL)
            {
              *result = (Value) { VALUE_NODE, node };
              return TRUE;
            }
        }
      return FALSE;

    case VALUE_MISSING:
    default:
      return FALSE;
    }
}

/* Mustache name resolution: the first name is looked up from the top of
 * the context stack down; the rest of a dotted name walks that value. */
static Value
resolve (Render      *render,
         const Token *token)
{
  Value value = { VALUE_MISSING, NULL };
  gboolean found = FALSE;

  if (token->path == NULL)
    return g_array_index (render->stack, Value, render->stack->len - 1);
  if (token->path[0] == NULL)   /* {{}}, an empty name */
    return value;

  for (guint i = render->stack->len; i > 0 && !found; i--)
    found = lookup_in (render, &g_array_index (render->stack, Value, i - 1),
                       token->path[0], &value);
  if (!found)
    return (Value) { VALUE_MISSING, NULL };

  for (guint i = 1; token->path[i] != NULL; i++)
    {
      Value next;

      if (!lookup_in (render, &value, token->path[i], &next))
        return (Value) { VALUE_MISSING, NULL };
      value = next;
    }
  return value;
}

/* Missing, null, false, "" and [] are falsy; numbers never are (M3). */
static gboolean
value_is_falsy (const Value *value)
{
  JsonNode *node = value->node;

  if (value->kind == VALUE_MISSING)
    return TRUE;
  if (value->kind != VALUE_NODE)
    return FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return !json_node_get_boolean (node);
      if (type == G_TYPE_STRING)
        return *json_node_get_string (node) == '\0';
    }
  return FALSE;
}

static void render_range (Render        *render,
                          CairnTemplate *tmpl,
                          guint          start,
                          guint          end);

static void
render_with (Render        *render,
             CairnTemplate *tmpl,
             const Value   *frame,
             guint          start,
             guint          end)
{
  g_array_append_val (render->stack, *frame);
  render_range (render, tmpl, start, end);
  g_array_set_size (render->stack, render->stack->len - 1);
}

static void
render_range (Render        *render,
              CairnTemplate *tmpl,
              guint          start,
              guint          end)
{
  guint i = start;

  while (i < end)
    {
      const Token *token = &g_array_index (tmpl->tokens, Token, i);
      Value value;

      switch (token->kind)
        {
        case TOKEN_TEXT:
          g_string_append_len (render->out, token->text, token->len);
          i++;
          break;

        case TOKEN_VARIABLE:
        case TOKEN_RAW:
          value = resolve (render, token);
          if (value.kind == VALUE_NODE)
            {
              if (token->kind == TOKEN_VARIABLE && render->escape)
                {
                  if (render->plain == NULL)
                    render->plain = g_string_sized_new (64);
                  g_string_truncate (render->plain, 0);
                  cairn_template_append_value (render->plain, value.node);
                  append_escaped (render->out, render->plain->str, render->plain->len);
                }
              else
                cairn_template_append_value (render->out, value.node);
            }
          i++;
          break;

        case TOKEN_SECTION:
          value = resolve (render, token);
          if (!value_is_falsy (&value))
            {
              if (value.kind == VALUE_NODE && JSON_NODE_HOLDS_ARRAY (value.node))
                {
                  JsonArray *array = json_node_get_array (value.node);

                  for (guint k = 0; k < json_array_get_length (array); k++)
                    {
                      Value item = { VALUE_NODE, json_array_get_element (array, k) };

                      render_with (render, tmpl, &item, i + 1, token->end);
                    }
                }
              else
                render_with (render, tmpl, &value, i + 1, token->end);
            }
          i = token->end;
          break;

        case TOKEN_INVERTED:
          value = resolve (render, token);
          if (value_is_falsy (&value))
            render_range (render, tmpl, i + 1, token->end);
          i = token->end;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

void
cairn_template_render_into (CairnTemplate              *tmpl,
                            const CairnTemplateContext *context,
                            gboolean                    escape_html,
                            GString                    *out)
{
  static const CairnTemplateContext empty = { NULL, NULL, NULL, NULL, NULL };
  Value root = { VALUE_ROOT, NULL };
  Render render = { 0 };

  g_return_if_fail (tmpl != NULL);

  render.context = context != NULL ? context : &empty;
  render.escape = escape_html;
  render.out = out;
  render.stack = g_array_sized_new (FALSE, FALSE, sizeof (Value), 8);
  g_array_append_val (render.stack, root);

  render_range (&render, tmpl, 0, tmpl->tokens->len);

  g_array_unref (render.stack);
  g_clear_pointer (&render.owned, g_ptr_array_unref);
  if (render.plain != NULL)
    g_string_free (render.plain, TRUE);
  g_clear_pointer (&render.event_node, json_node_unref);
  g_clear_pointer (&render.products_node, json_node_unref);
  g_clear_pointer (&render.user_id_node, json_node_unref);
}

char *
cairn_template_render (CairnTemplate              *tmpl,
                       const CairnTemplateContext *context,
                       gboolean                    escape_html)
{
  GString *out = g_string_sized_new (128);

  g_return_val_if_fail (tmpl != NULL, NULL);
  cairn_template_render_into (tmpl, context, escape_html, out);
  return g_string_free (out, FALSE);
}

char *
cairn_template_render_text (const char                 *text,
                            const CairnTemplateContext *context,
                            gboolean                    escape_html)
{
  g_autoptr(CairnTemplate) tmpl = NULL;

  if (text == NULL)
    return g_strdup ("");
  /* Plain text needs no parsing. */
  if (strstr (text, "{{") == NULL)
    return g_strdup (text);
  tmpl = cairn_template_parse (text, NULL);
  if (tmpl == NULL)
    return g_strdup (text);
  return cairn_template_render (tmpl, context, escape_html);
}

void
cairn_template_foreach_name (CairnTemplate         *tmpl,
                             CairnTemplateNameFunc  func,
                             gpointer               user_data)
{
  const char *sections[MAX_SECTION_DEPTH + 1];
  guint ends[MAX_SECTION_DEPTH];
  guint depth = 0;

  g_return_if_fail (tmpl != NULL);
  g_return_if_fail (func != NULL);

  sections[0] = NULL;
  for (guint i = 0; i < tmpl->tokens->len; i++)
    {
      const Token *token = &g_array_index (tmpl->tokens, Token, i);

      while (depth > 0 && ends[depth - 1] <= i)
        sections[--depth] = NULL;

      if (token->kind == TOKEN_TEXT)
        continue;
      func (token->text, sections, user_data);
      if (token->kind == TOKEN_SECTION || token->kind == TOKEN_INVERTED)
        {
          sections[depth] = token->text;
          ends[depth++] = token->end;
          sections[depth] = NULL;
        }
    }
}

gboolean
cairn_template_name_can_exist (const char         *name,
                               const char * const *sections)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (sections != NULL && sections[0] != NULL)
    return TRUE;
  /* `products` is a list: a dotted name below it finds nothing. */
  if (strcmp (name, "products") == 0)
    return TRUE;
  return strcmp (name, "user") == 0 || g_str_has_prefix (name, "user.")
         || strcmp (name, "event") == 0 || g_str_has_prefix (name, "event.");
}
