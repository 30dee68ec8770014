/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "cairn-json.h"
#include "cairn-predicate.h"
#include "cairn-scenario.h"
#include "cairn-time.h"

#define HOUR (G_GINT64_CONSTANT (3600) * CAIRN_USEC_PER_SEC)
#define DAY CAIRN_USEC_PER_DAY

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

typedef struct
{
  GPtrArray             *nodes;   /* keeps the parsed JSON alive */
  CairnEventRec          history[6];
  CairnPredicateContext  context;
} Fixture;

static JsonObject *
fixture_object (Fixture    *f,
                const char *json)
{
  JsonNode *node = parse_json (json);

  g_ptr_array_add (f->nodes, node);
  return json_node_get_object (node);
}

static CairnTime
t0 (void)
{
  CairnTime t;

  g_assert_true (cairn_time_parse ("2026-11-01T00:00:00Z", &t, NULL));
  return t;
}

static void
fixture_init (Fixture *f)
{
  CairnTime now = t0 ();

  memset (f, 0, sizeof *f);
  f->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  f->context.user_id = "sophie";
  f->context.attributes =
    fixture_object (f, "{\"age\": 19, \"city\": \"London\", \"vip\": true, \"score\": 1.0,"
                       " \"name\": \"Sophie\", \"tags\": [\"a\", \"b\", {\"x\": 1}],"
                       " \"address\": {\"city\": \"London\", \"zip\": \"N1\"},"
                       " \"nothing\": null, \"zero\": 0, \"empty\": \"\", \"word\": \"\xc3\xa9\","
                       " \"a.b\": \"dotted key\"}");
  f->context.params =
    fixture_object (f, "{\"cabin\": \"economy\", \"destination\": \"Los Angeles\","
                       " \"price\": 899, \"category\": \"furniture\"}");
  f->context.template_event =
    fixture_object (f, "{\"destination\": \"Los Angeles\", \"city\": \"London\","
                       " \"category\": \"rugs\", \"age\": 19}");
  f->context.reachability =
    fixture_object (f, "{\"email\": true, \"sms\": false, \"web_push\": \"true\", \"app_push\": 1}");
  f->context.affinity =
    fixture_object (f, "{\"discount\": 0.8, \"channels\": {\"email\": 0.6, \"sms\": 0}}");
  f->context.product =
    fixture_object (f, "{\"id\": \"p1\", \"price\": 19.5, \"category\": \"rugs\","
                       " \"attributes\": {\"city\": \"Los Angeles\"}, \"tags\": [\"blue\"]}");

  f->history[0] = (CairnEventRec) { now - 8 * DAY, g_intern_static_string ("product_view"), NULL,
                                    fixture_object (f, "{\"product\": \"sofa\"}") };
  f->history[1] = (CairnEventRec) { now - 7 * DAY, g_intern_static_string ("product_view"), NULL,
                                    NULL };
  f->history[2] = (CairnEventRec) { now - 6 * DAY, g_intern_static_string ("product_view"), "web",
                                    fixture_object (f, "{\"category\": \"rugs\"}") };
  f->history[3] = (CairnEventRec) { now - DAY, g_intern_static_string ("purchase"), "web",
                                    fixture_object (f, "{\"category\": \"furniture\", \"price\": 899}") };
  f->history[4] = (CairnEventRec) { now, g_intern_static_string ("product_view"), NULL, NULL };
  f->history[5] = (CairnEventRec) { now + HOUR, g_intern_static_string ("product_view"), NULL,
                                    NULL };
  f->context.history = f->history;
  f->context.n_history = G_N_ELEMENTS (f->history);
  f->context.now = now;
}

static void
fixture_clear (Fixture *f)
{
  g_ptr_array_unref (f->nodes);
}

/* @object as the text of a replayed event's params, or NULL when it is
 * not flat (the replay parses those at once). */
static char *
flat_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;

  if (object == NULL)
    return NULL;
  members = json_object_get_values (object);
  for (GList *l = members; l; l = l->next)
    if (!JSON_NODE_HOLDS_VALUE ((JsonNode *) l->data) && !JSON_NODE_HOLDS_NULL ((JsonNode *) l->data))
      return NULL;
  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

static void
expect (const CairnPredicateContext *context,
        const char                  *json,
        gboolean                     expected)
{
  g_autoptr(JsonNode) predicate = parse_json (json);
  g_autoptr(GString) why = g_string_new (NULL);
  gboolean result = cairn_predicate_eval (predicate, context);
  CairnPredicateContext text_context = *context;
  g_autofree char *params_text = flat_text (context->params);
  g_autofree char *template_text = flat_text (context->template_event);

  if (result != expected)
    g_error ("%s: got %s, expected %s", json, result ? "true" : "false",
             expected ? "true" : "false");
  /* Explaining never changes the answer. */
  g_assert_cmpint (cairn_predicate_explain (predicate, context, why), ==, expected);

  /* Nor does reading the params from their text, as a replay does. */
  if (params_text != NULL)
    {
      text_context.params = NULL;
      text_context.params_text = params_text;
    }
  if (template_text != NULL)
    {
      text_context.template_event = NULL;
      text_context.template_text = template_text;
    }
  if (params_text != NULL || template_text != NULL)
    {
      g_autoptr(GString) text_why = g_string_new (NULL);

      if (cairn_predicate_eval (predicate, &text_context) != expected)
        g_error ("%s: from the params' text, got %s", json, expected ? "false" : "true");
      g_assert_cmpint (cairn_predicate_explain (predicate, &text_context, text_why), ==, expected);
      g_assert_cmpstr (text_why->str, ==, why->str);
    }
}

static void
expect_attr (const CairnPredicateContext *context,
             const char                  *name,
             const char                  *op,
             const char                  *value,
             gboolean                     expected)
{
  g_autofree char *json = NULL;

  if (value != NULL)
    json = g_strdup_printf ("{\"attribute\": \"%s\", \"op\": \"%s\", \"value\": %s}", name, op, value);
  else
    json = g_strdup_printf ("{\"attribute\": \"%s\", \"op\": \"%s\"}", name, op);
  expect (context, json, expected);
}

static void
test_eq_neq (void)
{
  Fixture f;
  const CairnPredicateContext *c = &f.context;

  fixture_init (&f);
  expect_attr (c, "age", "eq", "19", TRUE);
  expect_attr (c, "age", "eq", "19.0", TRUE);
  expect_attr (c, "age", "eq", "1.9e1", TRUE);
  expect_attr (c, "score", "eq", "1", TRUE);
  expect_attr (c, "age", "eq", "\"19\"", FALSE);
  expect_attr (c, "age", "eq", "20", FALSE);
  expect_attr (c, "city", "eq", "\"London\"", TRUE);
  expect_attr (c, "city", "eq", "\"london\"", FALSE);
  expect_attr (c, "vip", "eq", "true", TRUE);
  expect_attr (c, "vip", "eq", "1", FALSE);
  expect_attr (c, "vip", "eq", "\"true\"", FALSE);
  expect_attr (c, "zero", "eq", "false", FALSE);
  expect_attr (c, "zero", "eq", "0", TRUE);
  expect_attr (c, "empty", "eq", "\"\"", TRUE);
  expect_attr (c, "tags", "eq", "[\"a\", \"b\", {\"x\": 1.0}]", TRUE);
  expect_attr (c, "tags", "eq", "[\"b\", \"a\", {\"x\": 1}]", FALSE);
  expect_attr (c, "tags", "eq", "[\"a\", \"b\"]", FALSE);
  expect_attr (c, "address", "eq", "{\"zip\": \"N1\", \"city\": \"London\"}", TRUE);
  expect_attr (c, "address", "eq", "{\"city\": \"London\"}", FALSE);
  /* P1: absent and null are false for everything but not_exists. */
  expect_attr (c, "missing", "eq", "null", FALSE);
  expect_attr (c, "nothing", "eq", "null", FALSE);
  expect_attr (c, "missing", "eq", "1", FALSE);

  expect_attr (c, "age", "neq", "20", TRUE);
  expect_attr (c, "age", "neq", "19", FALSE);
  expect_attr (c, "age", "neq", "19.0", FALSE);
  expect_attr (c, "age", "neq", "\"19\"", FALSE);
  expect_attr (c, "city", "neq", "5", FALSE);
  expect_attr (c, "city", "neq", "\"Paris\"", TRUE);
  expect_attr (c, "vip", "neq", "false", TRUE);
  expect_attr (c, "vip", "neq", "0", FALSE);
  expect_attr (c, "tags", "neq", "[1]", TRUE);
  expect_attr (c, "address", "neq", "\"x\"", FALSE);
  expect_attr (c, "address", "neq", "{}", TRUE);
  expect_attr (c, "missing", "neq", "5", FALSE);
  expect_attr (c, "nothing", "neq", "1", FALSE);
  expect_attr (c, "nothing", "neq", "null", FALSE);
  expect_attr (c, "age", "neq", "null", FALSE);
  /* Without a value nothing compares. */
  expect_attr (c, "age", "eq", NULL, FALSE);
  expect_attr (c, "age", "neq", NULL, FALSE);
  fixture_clear (&f);
}

static void
test_ordering (void)
{
  Fixture f;
  const CairnPredicateContext *c = &f.context;

  fixture_init (&f);
  expect_attr (c, "age", "lt", "22", TRUE);
  expect_attr (c, "age", "lt", "19", FALSE);
  expect_attr (c, "age", "lte", "19", TRUE);
  expect_attr (c, "age", "lte", "19.0", TRUE);
  expect_attr (c, "age", "lte", "18.99", FALSE);
  expect_attr (c, "age", "gt", "18.5", TRUE);
  expect_attr (c, "age", "gt", "19", FALSE);
  expect_attr (c, "age", "gte", "19.5", FALSE);
  expect_attr (c, "age", "gte", "19", TRUE);
  expect_attr (c, "age", "gt", "-1e300", TRUE);
  expect_attr (c, "score", "gte", "1", TRUE);
  expect_attr (c, "city", "lt", "\"Paris\"", TRUE);
  expect_attr (c, "city", "gt", "\"Lisbon\"", TRUE);
  expect_attr (c, "city", "gte", "\"London\"", TRUE);
  expect_attr (c, "city", "lt", "\"London\"", FALSE);
  expect_attr (c, "city", "lt", "\"Londons\"", TRUE);
  /* Code point order, case-sensitive: 'S' < 's' < 'z' < U+00E9. */
  expect_attr (c, "name", "lt", "\"sophie\"", TRUE);
  expect_attr (c, "word", "gt", "\"z\"", TRUE);
  expect_attr (c, "word", "lt", "\"\xe2\x82\xac\"", TRUE);
  /* Mixed types never order. */
  expect_attr (c, "city", "lt", "5", FALSE);
  expect_attr (c, "city", "gt", "5", FALSE);
  expect_attr (c, "age", "lt", "\"20\"", FALSE);
  expect_attr (c, "age", "gt", "\"10\"", FALSE);
  expect_attr (c, "vip", "lte", "true", FALSE);
  expect_attr (c, "vip", "gte", "true", FALSE);
  expect_attr (c, "tags", "lt", "[1]", FALSE);
  expect_attr (c, "address", "gte", "{}", FALSE);
  expect_attr (c, "age", "lt", "null", FALSE);
  expect_attr (c, "missing", "lt", "5", FALSE);
  expect_attr (c, "nothing", "gte", "0", FALSE);
  fixture_clear (&f);
}

static void
test_lists_and_text (void)
{
  Fixture f;
  const CairnPredicateContext *c = &f.context;

  fixture_init (&f);
  expect_attr (c, "city", "in", "[\"Paris\", \"London\"]", TRUE);
  expect_attr (c, "city", "in", "[\"paris\"]", FALSE);
  expect_attr (c, "age", "in", "[18, 19.0]", TRUE);
  expect_attr (c, "age", "in", "[\"19\"]", FALSE);
  expect_attr (c, "city", "in", "\"London\"", FALSE);
  expect_attr (c, "city", "in", "{\"London\": 1}", FALSE);
  expect_attr (c, "city", "in", "[]", FALSE);
  expect_attr (c, "missing", "in", "[\"x\", null]", FALSE);
  expect_attr (c, "nothing", "in", "[null]", FALSE);
  expect_attr (c, "tags", "in", "[[\"a\", \"b\", {\"x\": 1}]]", TRUE);
  expect_attr (c, "vip", "in", "[1, \"true\", true]", TRUE);

  expect_attr (c, "city", "not_in", "[\"Paris\", \"Berlin\"]", TRUE);
  expect_attr (c, "city", "not_in", "[\"London\"]", FALSE);
  expect_attr (c, "city", "not_in", "\"Paris\"", FALSE);
  expect_attr (c, "city", "not_in", "[]", TRUE);
  /* Every element must be a differing value of the same type. */
  expect_attr (c, "city", "not_in", "[\"Paris\", 5]", FALSE);
  expect_attr (c, "city", "not_in", "[\"Paris\", null]", FALSE);
  expect_attr (c, "age", "not_in", "[20, 21]", TRUE);
  expect_attr (c, "age", "not_in", "[20, 19.0]", FALSE);
  expect_attr (c, "missing", "not_in", "[\"x\"]", FALSE);
  expect_attr (c, "nothing", "not_in", "[\"x\"]", FALSE);

  expect_attr (c, "name", "contains", "\"oph\"", TRUE);
  expect_attr (c, "name", "contains", "\"OPH\"", FALSE);
  expect_attr (c, "name", "contains", "\"Sophie!\"", FALSE);
  expect_attr (c, "tags", "contains", "\"a\"", TRUE);
  expect_attr (c, "tags", "contains", "{\"x\": 1.0}", TRUE);
  expect_attr (c, "tags", "contains", "\"c\"", FALSE);
  expect_attr (c, "tags", "contains", "\"ab\"", FALSE);
  expect_attr (c, "tags", "contains", "1", FALSE);
  expect_attr (c, "age", "contains", "1", FALSE);
  expect_attr (c, "age", "contains", "\"1\"", FALSE);
  expect_attr (c, "name", "contains", "5", FALSE);
  expect_attr (c, "address", "contains", "\"city\"", FALSE);
  expect_attr (c, "missing", "contains", "\"a\"", FALSE);

  expect_attr (c, "name", "starts_with", "\"Sop\"", TRUE);
  expect_attr (c, "name", "starts_with", "\"sop\"", FALSE);
  expect_attr (c, "name", "starts_with", "\"phie\"", FALSE);
  expect_attr (c, "tags", "starts_with", "\"a\"", FALSE);
  expect_attr (c, "age", "starts_with", "\"1\"", FALSE);
  expect_attr (c, "name", "starts_with", "5", FALSE);
  expect_attr (c, "missing", "starts_with", "\"\"", FALSE);

  expect_attr (c, "age", "exists", NULL, TRUE);
  expect_attr (c, "zero", "exists", NULL, TRUE);
  expect_attr (c, "empty", "exists", NULL, TRUE);
  expect_attr (c, "vip", "exists", NULL, TRUE);
  expect_attr (c, "nothing", "exists", NULL, FALSE);
  expect_attr (c, "missing", "exists", NULL, FALSE);
  expect_attr (c, "nothing", "not_exists", NULL, TRUE);
  expect_attr (c, "missing", "not_exists", NULL, TRUE);
  expect_attr (c, "age", "not_exists", NULL, FALSE);
  expect_attr (c, "zero", "not_exists", NULL, FALSE);

  /* Unknown operators are false, even for absent values. */
  expect_attr (c, "age", "equals", "19", FALSE);
  expect_attr (c, "missing", "bogus", "19", FALSE);
  {
    static const char *near_misses[] = {
      "", "e", "n", "l", "g", "i", "c", "s", "no", "not", "not_", "not_i", "not_inn", "lt ",
      "EQ", "eqq", "ltee", "gtx", "ins", "contain", "starts", "exist", "not_exist",
    };

    for (gsize i = 0; i < G_N_ELEMENTS (near_misses); i++)
      {
        expect_attr (c, "age", near_misses[i], "19", FALSE);
        expect_attr (c, "missing", near_misses[i], "19", FALSE);
      }
  }

  /* A name with dots walks objects when no member has that exact name. */
  expect_attr (c, "address.city", "eq", "\"London\"", TRUE);
  expect_attr (c, "address.country", "exists", NULL, FALSE);
  expect_attr (c, "city.name", "exists", NULL, FALSE);
  expect_attr (c, "a.b", "eq", "\"dotted key\"", TRUE);
  fixture_clear (&f);
}

static void
test_sources (void)
{
  Fixture f;
  CairnPredicateContext empty = { 0 };
  CairnPredicateContext *c = &f.context;

  fixture_init (&f);
  expect (c, "{\"param\": \"cabin\", \"op\": \"neq\", \"value\": \"business\"}", TRUE);
  expect (c, "{\"param\": \"price\", \"op\": \"gte\", \"value\": 899.0}", TRUE);
  expect (c, "{\"param\": \"age\", \"op\": \"exists\"}", FALSE);

  expect (c, "{\"reachable\": \"email\"}", TRUE);
  expect (c, "{\"reachable\": \"sms\"}", FALSE);
  expect (c, "{\"reachable\": \"web_push\"}", FALSE);   /* "true" is not true */
  expect (c, "{\"reachable\": \"app_push\"}", FALSE);   /* nor is 1 */
  expect (c, "{\"reachable\": \"whatsapp\"}", FALSE);
  expect (c, "{\"reachable\": 1}", FALSE);

  expect (c, "{\"affinity\": \"discount\", \"op\": \"gte\", \"value\": 0.7}", TRUE);
  expect (c, "{\"affinity\": \"discount\", \"op\": \"lt\", \"value\": 0.7}", FALSE);
  expect (c, "{\"affinity\": \"channels.email\", \"op\": \"eq\", \"value\": 0.6}", TRUE);
  expect (c, "{\"affinity\": \"channels.sms\", \"op\": \"eq\", \"value\": 0}", TRUE);
  expect (c, "{\"affinity\": \"channels.web_push\", \"op\": \"exists\"}", FALSE);
  expect (c, "{\"affinity\": \"channels\", \"op\": \"exists\"}", TRUE);
  expect (c, "{\"affinity\": \"travel\", \"op\": \"lt\", \"value\": 1}", FALSE);

  expect (c, "{\"field\": \"price\", \"op\": \"lt\", \"value\": 20}", TRUE);
  expect (c, "{\"field\": \"attributes.city\", \"op\": \"eq\", \"value\": \"Los Angeles\"}", TRUE);
  expect (c, "{\"field\": \"tags\", \"op\": \"contains\", \"value\": \"blue\"}", TRUE);
  expect (c, "{\"field\": \"attributes.size\", \"op\": \"not_exists\"}", TRUE);

  /* Nothing to look at: everything is absent. */
  expect (&empty, "{\"attribute\": \"age\", \"op\": \"exists\"}", FALSE);
  expect (&empty, "{\"attribute\": \"age\", \"op\": \"not_exists\"}", TRUE);
  expect (&empty, "{\"param\": \"cabin\", \"op\": \"neq\", \"value\": \"business\"}", FALSE);
  expect (&empty, "{\"param\": \"cabin\", \"op\": \"not_exists\"}", TRUE);
  expect (&empty, "{\"reachable\": \"email\"}", FALSE);
  expect (&empty, "{\"affinity\": \"discount\", \"op\": \"gte\", \"value\": 0}", FALSE);
  expect (&empty, "{\"field\": \"price\", \"op\": \"exists\"}", FALSE);
  expect (&empty, "{\"event\": \"purchase\", \"within\": \"P7D\"}", FALSE);
  expect (&empty, "{\"event\": \"purchase\", \"within\": \"P7D\", \"count\": {\"op\": \"eq\", \"value\": 0}}", TRUE);
  fixture_clear (&f);
}

static void
test_logic (void)
{
  Fixture f;
  const CairnPredicateContext *c = &f.context;

  fixture_init (&f);
  expect (c, "{\"all\": []}", TRUE);
  expect (c, "{\"any\": []}", FALSE);
  expect (c, "{\"all\": [{\"reachable\": \"email\"}, {\"reachable\": \"sms\"}]}", FALSE);
  expect (c, "{\"all\": [{\"reachable\": \"email\"}, {\"attribute\": \"age\", \"op\": \"lt\", \"value\": 22}]}", TRUE);
  expect (c, "{\"any\": [{\"reachable\": \"sms\"}, {\"reachable\": \"email\"}]}", TRUE);
  expect (c, "{\"any\": [{\"reachable\": \"sms\"}, {\"reachable\": \"fax\"}]}", FALSE);
  expect (c, "{\"not\": {\"reachable\": \"sms\"}}", TRUE);
  expect (c, "{\"not\": {\"reachable\": \"email\"}}", FALSE);
  expect (c, "{\"not\": {\"not\": {\"reachable\": \"email\"}}}", TRUE);
  expect (c, "{\"all\": [{\"any\": [{\"reachable\": \"sms\"}, {\"not\": {\"reachable\": \"sms\"}}]},"
             " {\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"London\"}]}", TRUE);
  /* Malformed predicates are false. */
  expect (c, "{\"all\": {}}", FALSE);
  expect (c, "{\"any\": \"x\"}", FALSE);
  expect (c, "{}", FALSE);
  expect (c, "{\"bogus\": 1}", FALSE);
  expect (c, "[]", FALSE);
  expect (c, "true", FALSE);
  g_assert_false (cairn_predicate_eval (NULL, c));
  fixture_clear (&f);
}

static void
test_templates (void)
{
  Fixture f;
  const CairnPredicateContext *c = &f.context;

  fixture_init (&f);
  /* P3: rendered against the template event, compared as text. */
  expect (c, "{\"param\": \"destination\", \"op\": \"eq\", \"value\": \"{{event.destination}}\"}", TRUE);
  expect (c, "{\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"{{ event.city }}\"}", TRUE);
  expect (c, "{\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"{{user.city}}\"}", TRUE);
  expect (c, "{\"attribute\": \"name\", \"op\": \"eq\", \"value\": \"{{user.id}}\"}", FALSE);
  expect (c, "{\"attribute\": \"city\", \"op\": \"neq\", \"value\": \"{{event.destination}}\"}", TRUE);
  expect (c, "{\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"Lon{{event.nothing}}don\"}", TRUE);
  /* "19" as text never equals the number 19. */
  expect (c, "{\"attribute\": \"age\", \"op\": \"eq\", \"value\": \"{{event.age}}\"}", FALSE);
  expect (c, "{\"attribute\": \"age\", \"op\": \"neq\", \"value\": \"{{event.age}}\"}", FALSE);
  expect (c, "{\"attribute\": \"name\", \"op\": \"starts_with\", \"value\": \"{{user.name}}\"}", TRUE);
  expect (c, "{\"attribute\": \"tags\", \"op\": \"contains\", \"value\": \"{{event.nothing}}a\"}", TRUE);
  expect (c, "{\"attribute\": \"city\", \"op\": \"lt\", \"value\": \"{{event.destination}}\"}", TRUE);
  expect (c, "{\"attribute\": \"city\", \"op\": \"gt\", \"value\": \"{{event.destination}}\"}", FALSE);
  /* In lists each element is rendered alone. */
  expect (c, "{\"attribute\": \"city\", \"op\": \"in\", \"value\": [\"Paris\", \"{{event.city}}\"]}", TRUE);
  expect (c, "{\"attribute\": \"city\", \"op\": \"not_in\", \"value\": [\"Paris\", \"{{event.city}}\"]}", FALSE);
  expect (c, "{\"attribute\": \"city\", \"op\": \"not_in\", \"value\": [\"{{event.destination}}\"]}", TRUE);
  expect (c, "{\"field\": \"attributes.city\", \"op\": \"eq\", \"value\": \"{{event.destination}}\"}", TRUE);
  /* A broken template compares as its text. */
  expect (c, "{\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"{{#x}}\"}", FALSE);
  fixture_clear (&f);

  /* Without a template event, event.* renders empty. */
  fixture_init (&f);
  f.context.template_event = NULL;
  expect (&f.context, "{\"attribute\": \"empty\", \"op\": \"eq\", \"value\": \"{{event.city}}\"}", TRUE);
  fixture_clear (&f);
}

static void
test_history (void)
{
  Fixture f;
  CairnPredicateContext *c = &f.context;

  fixture_init (&f);
  /* (now - P7D, now]: the view 7 days ago and the one in the future are
   * outside; the one at now is inside. */
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\"}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"eq\", \"value\": 2}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"eq\", \"value\": 2.0}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"gt\", \"value\": 1}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"gt\", \"value\": 2}}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"lt\", \"value\": 2}}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"lte\", \"value\": 2}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"neq\", \"value\": 2}}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"in\", \"value\": [2, 3]}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"not_in\", \"value\": [2]}}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"eq\", \"value\": \"2\"}}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"gte\"}}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": 2}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7DT1S\", \"count\": {\"op\": \"eq\", \"value\": 3}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P8D\", \"count\": {\"op\": \"eq\", \"value\": 3}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"PT0S\"}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"PT0S\", \"count\": {\"op\": \"eq\", \"value\": 0}}", TRUE);
  expect (c, "{\"event\": \"purchase\", \"within\": \"P1D\"}", FALSE);
  expect (c, "{\"event\": \"purchase\", \"within\": \"PT24H1S\"}", TRUE);
  expect (c, "{\"event\": \"booking\", \"within\": \"P7D\"}", FALSE);
  expect (c, "{\"event\": \"booking\", \"within\": \"P7D\", \"count\": {\"op\": \"lt\", \"value\": 1}}", TRUE);
  /* P5: within is required. */
  expect (c, "{\"event\": \"product_view\"}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"7 days\"}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"exists\"}}", TRUE);

  /* P4: inside where, param reads the counted event, not the event at
   * hand (whose category is furniture). */
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\","
             " \"where\": {\"param\": \"category\", \"op\": \"eq\", \"value\": \"rugs\"}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\","
             " \"where\": {\"param\": \"category\", \"op\": \"eq\", \"value\": \"furniture\"}}", FALSE);
  expect (c, "{\"event\": \"purchase\", \"within\": \"P7D\","
             " \"where\": {\"param\": \"price\", \"op\": \"gt\", \"value\": 500}}", TRUE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"eq\", \"value\": 1},"
             " \"where\": {\"param\": \"category\", \"op\": \"not_exists\"}}", TRUE);
  /* Templates in where still read the template event. */
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\","
             " \"where\": {\"param\": \"category\", \"op\": \"eq\", \"value\": \"{{event.category}}\"}}", TRUE);
  /* Other predicates in where see the user as usual. */
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\","
             " \"where\": {\"all\": [{\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"London\"},"
             " {\"param\": \"product\", \"op\": \"eq\", \"value\": \"sofa\"}]}}", FALSE);
  expect (c, "{\"event\": \"product_view\", \"within\": \"P9D\","
             " \"where\": {\"all\": [{\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"London\"},"
             " {\"param\": \"product\", \"op\": \"eq\", \"value\": \"sofa\"}]}}", TRUE);
  expect (c, "{\"not\": {\"event\": \"purchase\", \"within\": \"P7D\"}}", FALSE);

  /* Another now: (now - 13 days, now - 6 days]. */
  c->now = t0 () - 6 * DAY;
  expect (c, "{\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"eq\", \"value\": 3}}", TRUE);
  expect (c, "{\"event\": \"purchase\", \"within\": \"P7D\"}", FALSE);
  c->now = t0 () + 2 * HOUR;
  expect (c, "{\"event\": \"product_view\", \"within\": \"PT2H\", \"count\": {\"op\": \"eq\", \"value\": 1}}", TRUE);
  fixture_clear (&f);
}

static void
test_explain (void)
{
  Fixture f;
  g_autoptr(JsonNode) p1 =
    parse_json ("{\"all\": [{\"attribute\": \"age\", \"op\": \"lt\", \"value\": 22},"
                " {\"param\": \"cabin\", \"op\": \"neq\", \"value\": \"business\"}]}");
  g_autoptr(JsonNode) p2 =
    parse_json ("{\"any\": [{\"reachable\": \"sms\"}, {\"not\": {\"attribute\": \"vip\", \"op\": \"exists\"}},"
                " {\"event\": \"product_view\", \"within\": \"P7D\", \"count\": {\"op\": \"gt\", \"value\": 1}}]}");
  g_autoptr(GString) why = g_string_new (NULL);

  fixture_init (&f);
  g_assert_true (cairn_predicate_explain (p1, &f.context, why));
  g_assert_cmpstr (why->str, ==, "age 19 < 22 and cabin \"economy\" != \"business\"");
  g_string_truncate (why, 0);
  g_assert_true (cairn_predicate_explain (p2, &f.context, why));
  g_assert_cmpstr (why->str, ==,
                   "not reachable on sms or not (vip exists) or 2 \"product_view\" events in P7D > 1");
  fixture_clear (&f);
}

typedef struct
{
  GString *log;
} Problems;

static void
collect_problem (JsonNode      *where,
                 CairnSeverity  severity,
                 const char    *code,
                 const char    *message,
                 gpointer       user_data)
{
  GString *log = user_data;
  g_autofree char *json = where != NULL ? cairn_json_to_string (where, FALSE) : g_strdup ("NULL");

  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_string_append_printf (log, "%s %s @%s\n",
                          severity == CAIRN_SEVERITY_ERROR ? "error" : "warning", code, json);
}

static void
expect_check (const char *json,
              gboolean    allow_field,
              const char *expected)
{
  g_autoptr(JsonNode) predicate = parse_json (json);
  g_autoptr(GString) log = g_string_new (NULL);

  cairn_predicate_check (predicate, allow_field, collect_problem, log);
  if (strcmp (log->str, expected) != 0)
    g_error ("%s:\ngot:\n%sexpected:\n%s", json, log->str, expected);
}

static void
message_of (JsonNode      *where,
            CairnSeverity  severity,
            const char    *code,
            const char    *message,
            gpointer       user_data)
{
  g_string_append (user_data, message);
}

static void
test_check (void)
{
  expect_check ("{\"all\": [{\"attribute\": \"age\", \"op\": \"lt\", \"value\": 22},"
                " {\"any\": [{\"param\": \"cabin\", \"op\": \"in\", \"value\": [\"a\", \"{{event.x}}\"]},"
                " {\"not\": {\"reachable\": \"email\"}},"
                " {\"event\": \"purchase\", \"within\": \"P7D\", \"count\": {\"op\": \"gte\", \"value\": 2},"
                "  \"where\": {\"param\": \"price\", \"op\": \"exists\"}},"
                " {\"affinity\": \"channels.email\", \"op\": \"gte\", \"value\": 0.5}]}]}", FALSE, "");
  expect_check ("\"x\"", FALSE, "error predicate-not-object @\"x\"\n");
  expect_check ("{}", FALSE, "error predicate-unknown @{}\n");
  expect_check ("{\"attribute\": \"a\", \"param\": \"b\", \"op\": \"eq\", \"value\": 1}", FALSE,
                "error predicate-ambiguous @{\"attribute\":\"a\",\"param\":\"b\",\"op\":\"eq\",\"value\":1}\n");
  expect_check ("{\"attribute\": \"age\", \"op\": \"equals\", \"value\": 1}", FALSE,
                "error predicate-unknown-op @\"equals\"\n");
  expect_check ("{\"attribute\": \"age\", \"op\": 3, \"value\": 1}", FALSE,
                "error predicate-unknown-op @3\n");
  expect_check ("{\"attribute\": \"age\", \"value\": 1}", FALSE,
                "error predicate-missing-op @{\"attribute\":\"age\",\"value\":1}\n");
  expect_check ("{\"attribute\": \"age\", \"op\": \"eq\"}", FALSE,
                "error predicate-missing-value @{\"attribute\":\"age\",\"op\":\"eq\"}\n");
  expect_check ("{\"attribute\": \"age\", \"op\": \"in\", \"value\": \"x\"}", FALSE,
                "warning predicate-type-mismatch @\"x\"\n");
  expect_check ("{\"attribute\": \"age\", \"op\": \"lt\", \"value\": true}", FALSE,
                "warning predicate-type-mismatch @true\n");
  expect_check ("{\"attribute\": \"age\", \"op\": \"eq\", \"value\": null}", FALSE,
                "warning predicate-type-mismatch @null\n");
  expect_check ("{\"attribute\": \"age\", \"op\": \"starts_with\", \"value\": 1}", FALSE,
                "warning predicate-type-mismatch @1\n");
  expect_check ("{\"attribute\": \"age\", \"op\": \"exists\", \"value\": 1}", FALSE,
                "warning predicate-unused-value @1\n");
  expect_check ("{\"affinity\": \"discount\", \"op\": \"gte\", \"value\": \"high\"}", FALSE,
                "warning predicate-type-mismatch @\"high\"\n");
  expect_check ("{\"affinity\": \"discount\", \"op\": \"in\", \"value\": [0.5, \"x\"]}", FALSE,
                "warning predicate-type-mismatch @\"x\"\n");
  expect_check ("{\"event\": \"purchase\"}", FALSE,
                "error missing-within @{\"event\":\"purchase\"}\n");
  expect_check ("{\"event\": \"purchase\", \"within\": \"7 days\"}", FALSE,
                "error bad-duration @\"7 days\"\n");
  expect_check ("{\"event\": \"purchase\", \"within\": \"P1M\"}", FALSE,
                "error bad-duration @\"P1M\"\n");
  expect_check ("{\"event\": \"purchase\", \"within\": 7}", FALSE,
                "error bad-duration @7\n");
  expect_check ("{\"event\": \"\", \"within\": \"P1D\"}", FALSE,
                "error predicate-wrong-type @\"\"\n");
  expect_check ("{\"event\": \"purchase\", \"within\": \"P7D\", \"count\": 3}", FALSE,
                "error predicate-wrong-type @3\n");
  expect_check ("{\"event\": \"purchase\", \"within\": \"P7D\", \"count\": {\"op\": \"gt\", \"value\": \"3\"}}", FALSE,
                "warning predicate-type-mismatch @\"3\"\n");
  expect_check ("{\"event\": \"purchase\", \"within\": \"P7D\", \"count\": {\"op\": \"more\", \"value\": 3}}", FALSE,
                "error predicate-unknown-op @\"more\"\n");
  expect_check ("{\"event\": \"purchase\", \"within\": \"P7D\", \"where\": {\"field\": \"x\", \"op\": \"eq\", \"value\": 1}}", FALSE,
                "error predicate-field-context @{\"field\":\"x\",\"op\":\"eq\",\"value\":1}\n");
  expect_check ("{\"field\": \"price\", \"op\": \"lt\", \"value\": 20}", TRUE, "");
  expect_check ("{\"field\": \"price\", \"op\": \"lt\", \"value\": 20}", FALSE,
                "error predicate-field-context @{\"field\":\"price\",\"op\":\"lt\",\"value\":20}\n");
  expect_check ("{\"param\": \"x\", \"op\": \"eq\", \"value\": \"{{#a}}\"}", FALSE,
                "error template-section @\"{{#a}}\"\n");
  expect_check ("{\"attribute\": \"x\", \"op\": \"in\", \"value\": [\"ok\", \"{{/a}}\"]}", FALSE,
                "error template-section @\"{{/a}}\"\n");
  expect_check ("{\"all\": {}}", FALSE, "error predicate-wrong-type @{}\n");
  expect_check ("{\"all\": [{\"bogus\": 1}, 2]}", FALSE,
                "error predicate-unknown @{\"bogus\":1}\nerror predicate-not-object @2\n");
  expect_check ("{\"not\": [1]}", FALSE, "error predicate-not-object @[1]\n");
  expect_check ("{\"reachable\": \"fax\"}", FALSE, "warning unknown-channel @\"fax\"\n");
  expect_check ("{\"reachable\": 1}", FALSE, "error predicate-wrong-type @1\n");
  expect_check ("{\"attribute\": \"age\", \"op\": \"lt\", \"value\": 22, \"valeu\": 3}", FALSE,
                "warning predicate-unknown-key @3\n");
  expect_check ("{\"attribute\": \"\", \"op\": \"eq\", \"value\": 1}", FALSE,
                "error predicate-wrong-type @\"\"\n");
  expect_check ("{\"attribute\": [\"a\"], \"op\": \"eq\", \"value\": 1}", FALSE,
                "error predicate-wrong-type @[\"a\"]\n");

  /* Messages speak to a marketer. */
  {
    g_autoptr(JsonNode) p = parse_json ("{\"event\": \"purchase\", \"within\": \"3 days\"}");
    g_autoptr(GString) message = g_string_new (NULL);

    cairn_predicate_check (p, FALSE, message_of, message);
    g_assert_cmpstr (message->str, ==, "\"3 days\" is not an ISO 8601 duration (try \"P3D\")");
  }
  {
    g_autoptr(JsonNode) p = parse_json ("{\"attribute\": \"age\", \"op\": \"==\", \"value\": 3}");
    g_autoptr(GString) message = g_string_new (NULL);

    cairn_predicate_check (p, FALSE, message_of, message);
    g_assert_cmpstr (message->str, ==, "unknown operator \"==\" (try \"eq\")");
  }
}

static void
test_max_within (void)
{
  g_autoptr(JsonNode) p =
    parse_json ("{\"all\": [{\"event\": \"a\", \"within\": \"P7D\"},"
                " {\"not\": {\"event\": \"b\", \"within\": \"P14D\","
                " \"where\": {\"event\": \"c\", \"within\": \"P30D\"}}},"
                " {\"any\": [{\"event\": \"d\", \"within\": \"P2W\"}, {\"event\": \"e\", \"within\": \"bad\"}]}]}");
  g_autoptr(JsonNode) none = parse_json ("{\"attribute\": \"a\", \"op\": \"exists\"}");

  g_assert_cmpint (cairn_predicate_max_within (p), ==, 30 * DAY);
  g_assert_cmpint (cairn_predicate_max_within (none), ==, 0);
  g_assert_cmpint (cairn_predicate_max_within (NULL), ==, 0);
}

static void
random_predicate (GRand   *rand,
                  GString *out,
                  int      depth)
{
  static const char *names[] = { "age", "city", "tags", "address.city", "nothing", "missing", "" };
  static const char *ops[] = {
    "eq", "neq", "lt", "lte", "gt", "gte", "in", "not_in", "contains", "starts_with",
    "exists", "not_exists", "bogus",
  };
  static const char *values[] = {
    "19", "19.0", "\"London\"", "\"{{event.city}}\"", "\"{{#x}}\"", "[\"a\", 19, null]",
    "[\"{{user.city}}\"]", "null", "true", "{\"x\": 1}", "[]", "\"\"",
  };
  int kind = g_rand_int_range (rand, 0, depth > 3 ? 7 : 11);

  switch (kind)
    {
    case 0: case 1: case 2: case 3:
      g_string_append_printf (out, "{\"%s\": \"%s\"",
                              (const char *[]) { "attribute", "param", "affinity", "field" }[kind],
                              names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
      if (g_rand_boolean (rand))
        g_string_append_printf (out, ", \"op\": \"%s\"", ops[g_rand_int_range (rand, 0, G_N_ELEMENTS (ops))]);
      if (g_rand_boolean (rand))
        g_string_append_printf (out, ", \"value\": %s", values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      g_string_append_c (out, '}');
      break;
    case 4:
      g_string_append (out, "{\"reachable\": \"email\"}");
      break;
    case 5:
      g_string_append (out, values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      break;
    case 6:
      g_string_append_printf (out, "{\"event\": \"product_view\", \"within\": \"%s\"",
                              g_rand_boolean (rand) ? "P7D" : "7 days");
      if (g_rand_boolean (rand))
        g_string_append_printf (out, ", \"count\": {\"op\": \"%s\", \"value\": %s}",
                                ops[g_rand_int_range (rand, 0, G_N_ELEMENTS (ops))],
                                values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
      if (depth < 6 && g_rand_boolean (rand))
        {
          g_string_append (out, ", \"where\": ");
          random_predicate (rand, out, depth + 1);
        }
      g_string_append_c (out, '}');
      break;
    case 7:
      g_string_append (out, "{\"not\": ");
      random_predicate (rand, out, depth + 1);
      g_string_append_c (out, '}');
      break;
    default:
      {
        int n = g_rand_int_range (rand, 0, 4);

        g_string_append_printf (out, "{\"%s\": [", kind == 8 ? "all" : "any");
        for (int i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            random_predicate (rand, out, depth + 1);
          }
        g_string_append (out, "]}");
      }
      break;
    }
}

static void
count_problem (JsonNode      *where,
               CairnSeverity  severity,
               const char    *code,
               const char    *message,
               gpointer       user_data)
{
  g_assert_nonnull (code);
  g_assert_nonnull (message);
  (*(guint *) user_data)++;
}

/* Random predicates never crash, and explaining agrees with evaluating. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  Fixture f;

  fixture_init (&f);
  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(GString) json = g_string_new (NULL);
      g_autoptr(JsonNode) predicate = NULL;
      g_autoptr(GString) why = g_string_new (NULL);
      guint problems = 0;

      random_predicate (rand, json, 0);
      predicate = parse_json (json->str);
      g_assert_cmpint (cairn_predicate_eval (predicate, &f.context), ==,
                       cairn_predicate_explain (predicate, &f.context, why));
      cairn_predicate_check (predicate, g_rand_boolean (rand), count_problem, &problems);
      (void) cairn_predicate_max_within (predicate);
    }
  fixture_clear (&f);
}

/* A leaf made for a replayed event's params text agrees with the full
 * evaluation on those params, for every op it takes, values of every type
 * or absent, and is not made for what it does not take. */
static void
test_leaf (void)
{
  const char *predicates[] = {
    "{\"param\": \"c\", \"op\": \"eq\", \"value\": \"sofa\"}",
    "{\"param\": \"c\", \"op\": \"neq\", \"value\": \"sofa\"}",
    "{\"param\": \"c\", \"op\": \"in\", \"value\": [\"rug\", \"sofa\", \"\"]}",
    "{\"param\": \"c\", \"op\": \"not_in\", \"value\": [\"rug\", \"sofa\"]}",
    "{\"param\": \"c\", \"op\": \"eq\", \"value\": \"Zoë\"}",
    "{\"param\": \"c\", \"op\": \"eq\", \"value\": \"\"}",
  };
  const char *not_leaves[] = {
    "{\"param\": \"c\", \"op\": \"eq\", \"value\": 5}",
    "{\"param\": \"c\", \"op\": \"eq\", \"value\": \"{{user.name}}\"}",
    "{\"param\": \"c\", \"op\": \"in\", \"value\": [\"a\", 1]}",
    "{\"param\": \"c\", \"op\": \"in\", \"value\": \"a\"}",
    "{\"param\": \"c\", \"op\": \"lt\", \"value\": \"a\"}",
    "{\"param\": \"c\", \"op\": \"in\", \"value\": []}",
    "{\"param\": \"c\", \"op\": \"not_in\", \"value\": []}",
    "{\"param\": \"c\", \"op\": \"contains\", \"value\": \"a\"}",
    "{\"param\": \"c\", \"attribute\": \"c\", \"op\": \"eq\", \"value\": \"a\"}",
    "{\"attribute\": \"c\", \"op\": \"eq\", \"value\": \"a\"}",
    "{\"param\": 3, \"op\": \"eq\", \"value\": \"a\"}",
    "{\"all\": [{\"param\": \"c\", \"op\": \"eq\", \"value\": \"a\"}]}",
    "[1]",
  };
  const char *texts[] = {
    NULL, "{}", "{ }", "{\"c\": \"sofa\"}", "{\"c\":\"rug\" , \"d\": 1}", "{\"d\": \"sofa\"}",
    "{\"c\": null}", "{\"c\": 5}", "{\"c\": true}", "{\"c\": false}", "{\"c\": \"\"}",
    "{\"a\": \"sofa\", \"c\": \"sofas\"}", "{\"cc\": \"sofa\", \"c\": \"sof\"}", "{\"c\": \"Zoë\"}",
    "{\"b\": 1, \"c\": \"lamp\", \"e\": -2.5e3}",
  };

  for (gsize p = 0; p < G_N_ELEMENTS (predicates); p++)
    {
      g_autoptr(JsonNode) predicate = json_from_string (predicates[p], NULL);
      CairnPredicateLeaf *leaf = cairn_predicate_leaf_new (predicate);

      g_assert_nonnull (leaf);
      for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          CairnPredicateContext parsed = { 0 }, text = { 0 };
          g_autoptr(JsonObject) params = texts[t] ? cairn_input_parse_params (texts[t]) : NULL;
          gboolean expected;

          parsed.params = params;
          text.params_text = texts[t];
          expected = cairn_predicate_eval (predicate, &parsed);
          if (cairn_predicate_leaf_eval_text (leaf, texts[t]) != expected
              || cairn_predicate_eval (predicate, &text) != expected)
            g_error ("%s on %s: expected %d", predicates[p], texts[t] ? texts[t] : "(none)", expected);
        }
      cairn_predicate_leaf_free (leaf);
    }
  for (gsize p = 0; p < G_N_ELEMENTS (not_leaves); p++)
    {
      g_autoptr(JsonNode) predicate = json_from_string (not_leaves[p], NULL);

      g_assert_nonnull (predicate);
      g_assert_null (cairn_predicate_leaf_new (predicate));
    }
  g_assert_null (cairn_predicate_leaf_new (NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/predicate/eq-neq", test_eq_neq);
  g_test_add_func ("/core/predicate/ordering", test_ordering);
  g_test_add_func ("/core/predicate/lists-and-text", test_lists_and_text);
  g_test_add_func ("/core/predicate/sources", test_sources);
  g_test_add_func ("/core/predicate/logic", test_logic);
  g_test_add_func ("/core/predicate/templates", test_templates);
  g_test_add_func ("/core/predicate/history", test_history);
  g_test_add_func ("/core/predicate/explain", test_explain);
  g_test_add_func ("/core/predicate/check", test_check);
  g_test_add_func ("/core/predicate/max-within", test_max_within);
  g_test_add_func ("/core/predicate/random", test_random);
  g_test_add_func ("/core/predicate/leaf", test_leaf);
  return g_test_run ();
}
