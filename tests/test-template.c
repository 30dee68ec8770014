/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "cairn-error.h"
#include "cairn-template.h"

typedef struct
{
  JsonNode             *attributes;
  JsonNode             *event;
  JsonNode             *products;
  const char           *event_text;
  CairnTemplateContext  context;
} Fixture;

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
fixture_init (Fixture    *f,
              const char *user_id,
              const char *attributes,
              const char *event,
              const char *products)
{
  memset (f, 0, sizeof *f);
  f->context.user_id = user_id;
  if (attributes != NULL)
    {
      f->attributes = parse_json (attributes);
      f->context.attributes = json_node_get_object (f->attributes);
    }
  if (event != NULL)
    {
      f->event = parse_json (event);
      f->context.event = json_node_get_object (f->event);
      f->event_text = event;
    }
  if (products != NULL)
    {
      f->products = parse_json (products);
      f->context.products = json_node_get_array (f->products);
    }
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->attributes, json_node_unref);
  g_clear_pointer (&f->event, json_node_unref);
  g_clear_pointer (&f->products, json_node_unref);
}

static void
assert_render (const Fixture *f,
               const char    *text,
               gboolean       escape,
               const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnTemplate) tmpl = cairn_template_parse (text, &error);
  g_autofree char *result = NULL;
  g_autofree char *shortcut = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (tmpl);
  result = cairn_template_render (tmpl, f != NULL ? &f->context : NULL, escape);
  if (g_strcmp0 (result, expected) != 0)
    g_error ("template \"%s\" rendered \"%s\", expected \"%s\"", text, result, expected);
  shortcut = cairn_template_render_text (text, f != NULL ? &f->context : NULL, escape);
  g_assert_cmpstr (shortcut, ==, expected);

  /* A replayed event's params, read from their text, render the same. */
  if (f != NULL && f->event_text != NULL)
    {
      CairnTemplateContext from_text = f->context;
      g_autofree char *again = NULL;

      from_text.event = NULL;
      from_text.event_text = f->event_text;
      again = cairn_template_render (tmpl, &from_text, escape);
      if (g_strcmp0 (again, expected) != 0)
        g_error ("template \"%s\" rendered \"%s\" from the event's text, expected \"%s\"", text, again, expected);
    }
}

static const char *sophie = "{\"name\": \"Sophie\", \"id\": \"attr-id\", \"age\": 34, "
                            "\"vip\": false, \"nickname\": \"\", \"middle\": null, "
                            "\"zero\": 0, \"tags\": [\"a\", \"b\"], \"none\": [], "
                            "\"address\": {\"city\": \"London\"}}";
static const char *booking = "{\"destination\": \"Los Angeles\", \"category\": \"furniture\", "
                             "\"price\": 899, \"currency\": \"GBP\"}";
static const char *cushions = "[{\"id\": \"cushion-01\", \"name\": \"Cushion\", \"price\": 19.5, "
                              "\"attributes\": {\"colour\": \"blue\"}}, "
                              "{\"id\": \"lamp-02\", \"name\": \"Lamp\", \"price\": 49}]";

static void
test_names (void)
{
  Fixture f;

  fixture_init (&f, "u1", sophie, booking, cushions);
  assert_render (&f, "Hi {{user.name}}!", FALSE, "Hi Sophie!");
  assert_render (&f, "Fly to {{event.destination}}", FALSE, "Fly to Los Angeles");
  assert_render (&f, "{{user.address.city}}", FALSE, "London");
  assert_render (&f, "[{{user.unknown}}][{{event.unknown}}][{{nothing}}][{{user.name.first}}]",
                 FALSE, "[][][][]");
  assert_render (&f, "[{{user.middle}}][{{user.tags}}][{{user.address}}][{{user}}][{{event}}]",
                 FALSE, "[][][][][]");
  assert_render (&f, "{{user.vip}} {{user.zero}}", FALSE, "false 0");
  /* user.id is the user's id, even when an attribute is called id (M4). */
  assert_render (&f, "{{user.id}}", FALSE, "u1");
  assert_render (&f, "{{products.0.name}}", FALSE, "");
  fixture_clear (&f);

  fixture_init (&f, NULL, sophie, NULL, NULL);
  assert_render (&f, "{{user.id}}/{{event.destination}}/{{#products}}x{{/products}}", FALSE, "attr-id//");
  fixture_clear (&f);

  assert_render (NULL, "a {{user.id}} b", FALSE, "a  b");
  assert_render (NULL, "", FALSE, "");
  assert_render (NULL, "plain text", TRUE, "plain text");
}

static void
test_escaping (void)
{
  Fixture f;

  fixture_init (&f, "u1", "{\"name\": \"<b>Tom & \\\"Jerry\\\"</b> 'x'\"}", NULL, NULL);
  assert_render (&f, "<p>{{user.name}}</p>", TRUE,
                 "<p>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; &#39;x&#39;</p>");
  assert_render (&f, "<p>{{{user.name}}}</p>", TRUE, "<p><b>Tom & \"Jerry\"</b> 'x'</p>");
  assert_render (&f, "<p>{{& user.name}}</p>", TRUE, "<p><b>Tom & \"Jerry\"</b> 'x'</p>");
  assert_render (&f, "<p>{{&user.name}}</p>", TRUE, "<p><b>Tom & \"Jerry\"</b> 'x'</p>");
  /* Only when asked (M1): other fields are never escaped. */
  assert_render (&f, "<p>{{user.name}} & co</p>", FALSE, "<p><b>Tom & \"Jerry\"</b> 'x' & co</p>");
  assert_render (&f, "& < > \" '", TRUE, "& < > \" '");
  fixture_clear (&f);

  fixture_init (&f, "u1", "{\"tags\": [\"<a>\", \"b&c\"]}", NULL, NULL);
  assert_render (&f, "{{#user.tags}}{{.}} {{/user.tags}}", TRUE, "&lt;a&gt; b&amp;c ");
  assert_render (&f, "{{#user.tags}}{{{.}}} {{/user.tags}}", TRUE, "<a> b&c ");
  fixture_clear (&f);
}

static void
test_numbers (void)
{
  static const struct { const char *json; const char *text; } cases[] = {
    { "49", "49" },
    { "49.0", "49" },
    { "12.5", "12.5" },
    { "0.1", "0.1" },
    { "-3", "-3" },
    { "-0.5", "-0.5" },
    { "0", "0" },
    { "0.0", "0" },
    { "-0.0", "0" },
    { "1e21", "1000000000000000000000" },
    { "1.5e-7", "0.00000015" },
    { "123456789.125", "123456789.125" },
    { "0.30000000000000004", "0.30000000000000004" },
    { "1.2345678901234568e20", "123456789012345680000" },
    { "9007199254740993", "9007199254740993" },
    { "9223372036854775807", "9223372036854775807" },
    { "-9223372036854775808", "-9223372036854775808" },
    { "-10", "-10" },
    { "2.5E+3", "2500" },
    { "100", "100" },
    { "1e2", "100" },
    { "true", "true" },
    { "false", "false" },
    { "null", "" },
    { "[1, 2]", "" },
    { "{\"a\": 1}", "" },
    { "\"text\"", "text" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("<");
      g_autofree char *json = g_strdup_printf ("{\"v\": %s}", cases[i].json);
      g_autoptr(JsonNode) node = parse_json (json);
      g_autofree char *expected = g_strdup_printf ("<%s", cases[i].text);

      cairn_template_append_value (out, json_object_get_member (json_node_get_object (node), "v"));
      g_assert_cmpstr (out->str, ==, expected);
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);
    cairn_template_append_value (out, NULL);
    g_assert_cmpstr (out->str, ==, "");
  }

  {
    Fixture f;

    fixture_init (&f, "u1", "{\"score\": 0.1, \"big\": 1e21}", booking, cushions);
    assert_render (&f, "{{user.score}} {{user.big}} {{event.price}}", TRUE,
                   "0.1 1000000000000000000000 899");
    assert_render (&f, "{{#products}}{{name}} — {{price}}\n{{/products}}", TRUE,
                   "Cushion — 19.5\nLamp — 49\n");
    fixture_clear (&f);
  }
}

static void
test_sections (void)
{
  Fixture f;

  fixture_init (&f, "u1", sophie, booking, cushions);
  assert_render (&f, "{{#products}}{{name}} — {{price}}; {{/products}}", FALSE,
                 "Cushion — 19.5; Lamp — 49; ");
  assert_render (&f, "{{^products}}none{{/products}}", FALSE, "");
  assert_render (&f, "{{#user.tags}}{{.}},{{/user.tags}}", FALSE, "a,b,");
  /* Falsy: missing, null, false, "", []; numbers never are. */
  assert_render (&f, "[{{#user.unknown}}x{{/user.unknown}}]", FALSE, "[]");
  assert_render (&f, "[{{#user.middle}}x{{/user.middle}}]", FALSE, "[]");
  assert_render (&f, "[{{#user.vip}}x{{/user.vip}}]", FALSE, "[]");
  assert_render (&f, "[{{#user.nickname}}x{{/user.nickname}}]", FALSE, "[]");
  assert_render (&f, "[{{#user.none}}x{{/user.none}}]", FALSE, "[]");
  assert_render (&f, "[{{#user.zero}}x{{.}}{{/user.zero}}]", FALSE, "[x0]");
  assert_render (&f, "[{{^user.unknown}}u{{/user.unknown}}{{^user.middle}}m{{/user.middle}}"
                 "{{^user.vip}}v{{/user.vip}}{{^user.nickname}}n{{/user.nickname}}"
                 "{{^user.none}}e{{/user.none}}{{^user.zero}}z{{/user.zero}}"
                 "{{^user.name}}s{{/user.name}}]", FALSE, "[umvne]");
  /* Other values render once, pushed on the context stack. */
  assert_render (&f, "{{#user.name}}[{{.}}]{{/user.name}}", FALSE, "[Sophie]");
  assert_render (&f, "{{#event}}{{destination}} {{price}}{{/event}}", FALSE, "Los Angeles 899");
  assert_render (&f, "{{#user.address}}{{city}}{{/user.address}}", FALSE, "London");
  assert_render (&f, "{{#user}}{{name}} {{id}}{{/user}}", FALSE, "Sophie u1");
  /* Names resolve through the stack: inner frames first, then outer. */
  assert_render (&f, "{{#products}}{{id}} {{user.name}} {{event.currency}} {{attributes.colour}}|{{/products}}",
                 FALSE, "cushion-01 Sophie GBP blue|lamp-02 Sophie GBP |");
  assert_render (&f, "{{#event}}{{#products}}{{destination}}/{{name}};{{/products}}{{/event}}",
                 FALSE, "Los Angeles/Cushion;Los Angeles/Lamp;");
  /* A dotted name stops at the first frame holding its first part. */
  assert_render (&f, "{{#products}}{{attributes.size}}{{/products}}", FALSE, "");
  /* Nested sections on the same list. */
  assert_render (&f, "{{#products}}{{#products}}{{id}}{{/products}};{{/products}}", FALSE,
                 "cushion-01lamp-02;cushion-01lamp-02;");
  fixture_clear (&f);

  fixture_init (&f, "u1", NULL, NULL, "[]");
  assert_render (&f, "{{#products}}{{name}}{{/products}}{{^products}}No picks today.{{/products}}",
                 FALSE, "No picks today.");
  fixture_clear (&f);

  fixture_init (&f, "u1", NULL, NULL, NULL);
  assert_render (&f, "{{^products}}none{{/products}}", FALSE, "none");
  fixture_clear (&f);
}

static void
test_syntax (void)
{
  Fixture f;

  fixture_init (&f, "u1", sophie, booking, cushions);
  assert_render (&f, "a{{! a comment }}b{{!}}c", FALSE, "abc");
  assert_render (&f, "{{ user.name }}|{{  user.name}}|{{{ user.name }}}|{{& user.name }}", FALSE,
                 "Sophie|Sophie|Sophie|Sophie");
  assert_render (&f, "{{# products }}{{ name }}{{/ products }}", FALSE, "CushionLamp");
  assert_render (&f, "{{ #products }}{{ . }}{{ /products }}", FALSE, "");
  /* Text outside tags is kept byte for byte: no standalone-line
   * stripping. */
  assert_render (&f, "line\n  {{#products}}\n  - {{name}}\n  {{/products}}\n", FALSE,
                 "line\n  \n  - Cushion\n  \n  - Lamp\n  \n");
  assert_render (&f, "Hi {{user.name", FALSE, "Hi {{user.name");
  assert_render (&f, "{ {user.name} } {user.name}}", FALSE, "{ {user.name} } {user.name}}");
  assert_render (&f, "€ {{user.name}} ☕", FALSE, "€ Sophie ☕");
  assert_render (&f, "{{> partial}}x", FALSE, "x");
  assert_render (&f, "[{{}}][{{ }}][{{{}}}][{{&}}][{{.a}}][{{user..name}}]", FALSE, "[][][][][][]");
  assert_render (&f, "[{{#}}x{{/}}][{{^}}y{{/}}]", FALSE, "[][y]");
  fixture_clear (&f);
}

static void
test_errors (void)
{
  static const struct { const char *text; const char *part; } cases[] = {
    { "{{#products}}x", "not closed" },
    { "{{#a}}{{#b}}{{/b}}", "\"a\"" },
    { "{{#a}}{{/b}}", "does not match" },
    { "{{#a}}{{#b}}{{/a}}{{/b}}", "does not match" },
    { "{{/a}}", "never opened" },
    { "x{{^a}}", "not closed" },
    { "{{#a}}{{/a}}{{/a}}", "never opened" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnTemplate) tmpl = cairn_template_parse (cases[i].text, &error);
      g_autofree char *text = NULL;

      g_assert_null (tmpl);
      g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
      if (strstr (error->message, cases[i].part) == NULL)
        g_error ("%s: \"%s\" lacks \"%s\"", cases[i].text, error->message, cases[i].part);
      /* An unparsable template renders as its text. */
      text = cairn_template_render_text (cases[i].text, NULL, FALSE);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(CairnTemplate) tmpl = NULL;

    for (int i = 0; i < 1000; i++)
      g_string_append (deep, "{{#a}}");
    tmpl = cairn_template_parse (deep->str, &error);
    g_assert_null (tmpl);
    g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  }
}

static void
collect_name (const char         *name,
              const char * const *sections,
              gpointer            user_data)
{
  GString *out = user_data;
  g_autofree char *joined = g_strjoinv (",", (char **) sections);

  g_string_append_printf (out, "%s|%s;", name, joined);
}

static void
test_foreach_name (void)
{
  g_autoptr(CairnTemplate) tmpl =
    cairn_template_parse ("{{user.name}}{{! no }}{{#products}}{{name}}{{^tags}}{{.}}{{/tags}}"
                          "{{{url}}}{{/products}}{{event.x}}", NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (tmpl);
  cairn_template_foreach_name (tmpl, collect_name, out);
  g_assert_cmpstr (out->str, ==,
                   "user.name|;products|;name|products;tags|products;.|products,tags;"
                   "url|products;event.x|;");
}

static void
ignore_name (const char         *name,
             const char * const *sections,
             gpointer            user_data)
{
  (*(guint *) user_data)++;
}

/* Random tag soup never crashes: it parses and renders, or it is refused
 * with an error. */
static void
test_random (void)
{
  static const char *pieces[] = {
    "{{", "}}", "{{{", "}}}", "#", "^", "/", "&", "!", "=", ">", ".", " ", "x",
    "products", "user", "name", "user.name", "event", "price", "\n", "é",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  Fixture f;
  guint parsed = 0;

  fixture_init (&f, "u1", sophie, booking, cushions);
  for (int i = 0; i < 3000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnTemplate) tmpl = NULL;
      int n = g_rand_int_range (rand, 0, 24);

      for (int k = 0; k < n; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      tmpl = cairn_template_parse (text->str, &error);
      if (tmpl != NULL)
        {
          g_autofree char *a = cairn_template_render (tmpl, &f.context, TRUE);
          g_autofree char *b = cairn_template_render (tmpl, NULL, FALSE);
          guint names = 0;

          g_assert_no_error (error);
          g_assert_nonnull (a);
          g_assert_nonnull (b);
          cairn_template_foreach_name (tmpl, ignore_name, &names);
          parsed++;
        }
      else
        g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
    }
  g_assert_cmpuint (parsed, >, 100);
  fixture_clear (&f);
}

static void
test_name_can_exist (void)
{
  const char *none[] = { NULL };
  const char *in_products[] = { "products", NULL };

  g_assert_true (cairn_template_name_can_exist ("user.name", none));
  g_assert_true (cairn_template_name_can_exist ("user.id", NULL));
  g_assert_true (cairn_template_name_can_exist ("event.destination", none));
  g_assert_true (cairn_template_name_can_exist ("products", none));
  g_assert_true (cairn_template_name_can_exist ("user", none));
  g_assert_false (cairn_template_name_can_exist ("name", none));
  g_assert_false (cairn_template_name_can_exist ("products.name", none));
  g_assert_false (cairn_template_name_can_exist ("users.name", none));
  g_assert_false (cairn_template_name_can_exist ("eventx", none));
  g_assert_false (cairn_template_name_can_exist (".", none));
  g_assert_false (cairn_template_name_can_exist ("", none));
  g_assert_true (cairn_template_name_can_exist ("name", in_products));
  g_assert_true (cairn_template_name_can_exist (".", in_products));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/template/names", test_names);
  g_test_add_func ("/core/template/escaping", test_escaping);
  g_test_add_func ("/core/template/numbers", test_numbers);
  g_test_add_func ("/core/template/sections", test_sections);
  g_test_add_func ("/core/template/syntax", test_syntax);
  g_test_add_func ("/core/template/errors", test_errors);
  g_test_add_func ("/core/template/foreach-name", test_foreach_name);
  g_test_add_func ("/core/template/name-can-exist", test_name_can_exist);
  g_test_add_func ("/core/template/random", test_random);
  return g_test_run ();
}
