/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hand-worked engine cases (DESIGN §5, §12) run through the library: each
 * folder under tests/fixtures/engine/ holds journey.json, scenario.json (or
 * events.jsonl with an optional profiles.jsonl) and expect.json, the report
 * values worked out from the design's text. Objects are compared on the
 * keys expect.json gives, lists and scalars exactly (a float must be a
 * float, an integer an integer). A key "_args" may hold {"trace": N,
 * "seed": N, "start": T, "end": T}. */
#include "config.h"

#include <string.h>

#include <math.h>

#include <json-glib/json-glib.h>

#include "cairn-journey.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"
#include "cairn-sim-private.h"
#include "cairn-time.h"

#include <glib/gstdio.h>

static gboolean
same_scalar (JsonNode *expected,
             JsonNode *actual)
{
  GType et, at;

  if (JSON_NODE_HOLDS_NULL (expected) || JSON_NODE_HOLDS_NULL (actual))
    return JSON_NODE_HOLDS_NULL (expected) && JSON_NODE_HOLDS_NULL (actual);
  if (!JSON_NODE_HOLDS_VALUE (actual))
    return FALSE;
  et = json_node_get_value_type (expected);
  at = json_node_get_value_type (actual);
  if (et != at)
    return FALSE;
  if (et == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (expected), json_node_get_string (actual)) == 0;
  if (et == G_TYPE_DOUBLE)
    return fabs (json_node_get_double (expected) - json_node_get_double (actual)) < 1e-12;
  if (et == G_TYPE_INT64)
    return json_node_get_int (expected) == json_node_get_int (actual);
  if (et == G_TYPE_BOOLEAN)
    return json_node_get_boolean (expected) == json_node_get_boolean (actual);
  return FALSE;
}

static char *
to_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : g_strdup ("(missing)");
}

static void
diff (JsonNode   *expected,
      JsonNode   *actual,
      const char *path,
      GString    *problems)
{
  if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObject *e = json_node_get_object (expected);
      g_autoptr(GList) names = json_object_get_members (e);

      if (actual == NULL || !JSON_NODE_HOLDS_OBJECT (actual))
        {
          g_string_append_printf (problems, "%s: expected an object\n", path);
          return;
        }
      for (GList *l = names; l; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, (char *) l->data);
          JsonNode *a = json_object_get_member (json_node_get_object (actual), l->data);

          if (a == NULL)
            g_string_append_printf (problems, "%s: missing\n", sub);
          else
            diff (json_object_get_member (e, l->data), a, sub, problems);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *e = json_node_get_array (expected);
      JsonArray *a = actual && JSON_NODE_HOLDS_ARRAY (actual) ? json_node_get_array (actual) : NULL;

      if (a == NULL || json_array_get_length (a) != json_array_get_length (e))
        {
          g_autofree char *et = to_text (expected);
          g_autofree char *at = to_text (actual);
          g_string_append_printf (problems, "%s: expected %s, got %s\n", path, et, at);
          return;
        }
      for (guint i = 0; i < json_array_get_length (e); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
          diff (json_array_get_element (e, i), json_array_get_element (a, i), sub, problems);
        }
    }
  else if (!same_scalar (expected, actual))
    {
      g_autofree char *et = to_text (expected);
      g_autofree char *at = to_text (actual);
      g_string_append_printf (problems, "%s: expected %s, got %s\n", path, et, at);
    }
}

static char *
case_file (const char *name,
           const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "engine", name, file, NULL);
}

/* Runs one case; returns the report text. */
static char *
run_case (const char *name,
          JsonObject *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *journey_path = case_file (name, "journey.json");
  g_autofree char *scenario_path = case_file (name, "scenario.json");
  g_autofree char *events_path = case_file (name, "events.jsonl");
  g_autofree char *profiles_path = case_file (name, "profiles.jsonl");
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(CairnInput) input = NULL;
  CairnSimOptions options;
  gint64 seed = -1;
  char *report;

  journey = cairn_journey_load_file (journey_path, &error);
  g_assert_no_error (error);
  cairn_sim_options_init (&options);
  if (args != NULL)
    {
      if (json_object_has_member (args, "trace"))
        options.trace = json_object_get_int_member (args, "trace");
      if (json_object_has_member (args, "seed"))
        seed = json_object_get_int_member (args, "seed");
      if (json_object_has_member (args, "start"))
        {
          options.has_start = cairn_time_parse (json_object_get_string_member (args, "start"), &options.start, &error);
          g_assert_no_error (error);
        }
      if (json_object_has_member (args, "end"))
        {
          options.has_end = cairn_time_parse (json_object_get_string_member (args, "end"), &options.end, &error);
          g_assert_no_error (error);
        }
    }
  if (g_file_test (scenario_path, G_FILE_TEST_EXISTS))
    input = cairn_input_new_scenario (scenario_path, seed, &error);
  else
    input = cairn_input_new_replay (events_path,
                                    g_file_test (profiles_path, G_FILE_TEST_EXISTS) ? profiles_path : NULL,
                                    seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (input);
  report = cairn_sim_run (journey, input, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_case (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *expect_path = case_file (name, "expect.json");
  g_autoptr(JsonParser) expect_parser = json_parser_new ();
  g_autoptr(JsonParser) report_parser = json_parser_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *report = NULL;
  g_autofree char *again = NULL;
  JsonObject *expect;
  JsonNode *args;

  json_parser_load_from_file (expect_parser, expect_path, &error);
  g_assert_no_error (error);
  expect = json_node_get_object (json_parser_get_root (expect_parser));
  args = json_object_get_member (expect, "_args");
  report = run_case (name, args ? json_node_get_object (args) : NULL);

  /* Deterministic: a second run gives the same bytes. */
  again = run_case (name, args ? json_node_get_object (args) : NULL);
  g_assert_cmpstr (report, ==, again);

  json_parser_load_from_data (report_parser, report, -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GList) names = json_object_get_members (expect);
    for (GList *l = names; l; l = l->next)
      {
        const char *key = l->data;
        JsonNode *actual = json_object_get_member (json_node_get_object (json_parser_get_root (report_parser)), key);

        if (key[0] == '_')
          continue;
        if (actual == NULL)
          g_string_append_printf (problems, "%s: missing\n", key);
        else
          diff (json_object_get_member (expect, key), actual, key, problems);
      }
  }
  if (problems->len)
    {
      g_test_message ("%s", problems->str);
      g_test_fail_printf ("%s: the report differs from the hand-worked values:\n%s", name, problems->str);
    }
}

/* Statistics of a generated population: the keyed draws give the rates the
 * persona asks for (R, R1, R6), and another seed gives another run. */
static JsonObject *
object_at (JsonObject *root,
           const char *first,
           ...)
{
  va_list args;
  const char *key;
  JsonObject *object = root;

  va_start (args, first);
  for (key = first; key != NULL && object != NULL; key = va_arg (args, const char *))
    object = json_object_get_object_member (object, key);
  va_end (args);
  g_assert_nonnull (object);
  return object;
}

static char *
run_population (const char *dir,
                gint64      seed,
                guint       threads)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *journey_path = g_build_filename (dir, "journey.json", NULL);
  g_autofree char *scenario_path = g_build_filename (dir, "scenario.json", NULL);
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(CairnInput) input = NULL;
  CairnSimOptions options;
  char *report;

  journey = cairn_journey_load_file (journey_path, &error);
  g_assert_no_error (error);
  input = cairn_input_new_scenario_full (scenario_path, seed, threads, &error);
  g_assert_no_error (error);
  cairn_sim_options_init (&options);
  options.threads = threads;
  options.trace = 10;
  report = cairn_sim_run (journey, input, &options, NULL, &error);
  g_assert_no_error (error);
  return report;
}

/* 100,000 generated users: the keyed draws give the rates the persona asks
 * for within 1% (R, R1, R6), the A/B shares of the weights (R2), the same
 * report on one thread or several and for the same seed again, and another
 * report for another seed. */
static void
test_population (void)
{
  const guint n = 100000;
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *journey_path = g_build_filename (dir, "journey.json", NULL);
  g_autofree char *scenario_path = g_build_filename (dir, "scenario.json", NULL);
  g_autofree char *scenario = NULL;
  g_autofree char *report = NULL;
  g_autofree char *other = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *email, *variants;
  double entered, sent, delivered, opened, clicked, events, a, b;
  const char *journey =
    "{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"pop\", \"name\": \"Population\",\n"
    " \"entry\": {\"reentry\": \"once\"},\n"
    " \"goals\": [{\"id\": \"again\", \"event\": \"purchase\", \"window\": \"P1D\", \"value_param\": \"price\"}],\n"
    " \"nodes\": [{\"id\": \"start\", \"type\": \"starter.event\", \"config\": {\"event\": \"purchase\"}},\n"
    "           {\"id\": \"ab\", \"type\": \"split.ab\", \"config\": {\"variants\": [{\"id\": \"A\", \"weight\": 70}, {\"id\": \"B\", \"weight\": 30}]}},\n"
    "           {\"id\": \"m\", \"type\": \"message.email\", \"config\": {\"subject\": \"s\", \"body\": \"b\"}},\n"
    "           {\"id\": \"m2\", \"type\": \"message.email\", \"config\": {\"subject\": \"t\", \"body\": \"c\"}}],\n"
    " \"edges\": [{\"from\": \"start\", \"port\": \"out\", \"to\": \"ab\"},\n"
    "           {\"from\": \"ab\", \"port\": \"A\", \"to\": \"m\"}, {\"from\": \"ab\", \"port\": \"B\", \"to\": \"m2\"}]}\n";

  scenario = g_strdup_printf (
    "{\"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"Crowd\", \"seed\": 3,\n"
    " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-03T00:00:00Z\",\n"
    " \"generate\": {\"count\": %u, \"personas\": [{\"name\": \"p\",\n"
    "   \"reachability\": {\"email\": 0.9},\n"
    "   \"behavior\": {\"channels\": {\"email\": {\"deliver\": 0.95, \"open\": 0.35, \"click\": 0.2, \"open_delay\": \"PT1M\"}}},\n"
    "   \"events\": [{\"name\": \"purchase\", \"rate_per_day\": 1, \"params\": {\"price\": {\"uniform\": [0.5, 99.99]}}}]}]}}\n", n);
  g_assert_true (g_file_set_contents (journey_path, journey, -1, NULL));
  g_assert_true (g_file_set_contents (scenario_path, scenario, -1, NULL));
  report = run_population (dir, -1, 0);
  json_parser_load_from_data (parser, report, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "users"), ==, n);
  events = json_object_get_int_member (root, "events");
  entered = json_object_get_int_member (object_at (root, "totals", NULL), "entered");
  email = object_at (root, "channels", "email", NULL);
  sent = json_object_get_int_member (email, "sent");
  delivered = json_object_get_int_member (email, "delivered");
  opened = json_object_get_int_member (email, "opened");
  clicked = json_object_get_int_member (email, "clicked");
  variants = object_at (root, "splits", "ab", "variants", NULL);
  a = json_object_get_int_member (json_object_get_object_member (variants, "A"), "entered");
  b = json_object_get_int_member (json_object_get_object_member (variants, "B"), "entered");

  /* A Poisson process of rate 1 a day over one day: 1 event per user on
   * average, and at least one for 1 - 1/e of them. */
  g_assert_cmpfloat_with_epsilon (events / n, 1.0, 0.01);
  g_assert_cmpfloat_with_epsilon (entered / n, 1.0 - exp (-1.0), 0.01);
  g_assert_cmpfloat (a + b, ==, entered);
  g_assert_cmpfloat_with_epsilon (a / entered, 0.7, 0.01);
  g_assert_cmpfloat_with_epsilon (sent / entered, 0.9, 0.01);
  g_assert_cmpfloat_with_epsilon (delivered / sent, 0.95, 0.01);
  g_assert_cmpfloat_with_epsilon (opened / delivered, 0.35, 0.01);
  g_assert_cmpfloat_with_epsilon (clicked / opened, 0.2, 0.01);
  g_assert_cmpint (json_object_get_int_member (email, "unreachable"), ==, (gint64) (entered - sent));

  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "people")), ==, 10);
  g_assert_cmpint (json_object_get_int_member (object_at (root, "goals", "again", NULL), "reached"), >, 0);

  /* One thread or three, the same seed again: the same bytes. */
  other = run_population (dir, 3, 1);
  g_assert_cmpstr (report, ==, other);
  g_free (other);
  other = run_population (dir, 3, 3);
  g_assert_cmpstr (report, ==, other);
  g_free (other);
  /* --seed replaces the scenario's seed: another crowd. */
  other = run_population (dir, 4, 0);
  g_assert_cmpstr (report, !=, other);

  g_unlink (journey_path);
  g_unlink (scenario_path);
  g_rmdir (dir);
}

/* The replay's line scanner takes a fast path for plain lines and the full
 * parser for the rest: both must give the same report. The same events are
 * written plainly and with a nested member that sends every line the long
 * way. */
static char *
replay_report (const char *dir,
               const char *journey_path,
               const char *lines,
               const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *events_path = g_build_filename (dir, "events.jsonl", NULL);
  g_autofree char *profiles_path = g_build_filename (dir, "profiles.jsonl", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(CairnInput) input = NULL;
  CairnSimOptions options;
  char *report;

  for (guint i = 0; split[i]; i++)
    {
      gsize len = strlen (split[i]);
      if (len == 0)
        continue;
      g_string_append_len (text, split[i], len - 1);
      g_string_append_printf (text, "%s}\n", extra);
    }
  g_assert_true (g_file_set_contents (events_path, text->str, text->len, NULL));
  g_string_truncate (text, 0);
  for (guint i = 1; i <= 7; i++)
    g_string_append_printf (text, "{\"id\": \"u%u\", \"reachability\": {\"email\": true}}\n", i);
  g_assert_true (g_file_set_contents (profiles_path, text->str, text->len, NULL));
  journey = cairn_journey_load_file (journey_path, &error);
  g_assert_no_error (error);
  input = cairn_input_new_replay (events_path, profiles_path, -1, &error);
  g_assert_no_error (error);
  cairn_sim_options_init (&options);
  options.trace = 0;
  report = cairn_sim_run (journey, input, &options, NULL, &error);
  g_assert_no_error (error);
  g_unlink (events_path);
  g_unlink (profiles_path);
  return report;
}

/* T4: a scenario's events in time order, and at equal times in the order
 * they were given (user by user); a span of decades, one before 1970. */
static void
test_event_order (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "order.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnInput) input = NULL;
  const CairnInputEvent *events;
  guint n = 0;
  const struct { const char *time, *user, *name; } expected[] = {
    { "1969-12-31T23:59:59Z", "u1", "b" },
    { "2026-11-02T00:00:00Z", "u1", "c" },
    { "2026-11-02T00:00:00Z", "u2", "a" },
    { "2026-11-02T00:00:00Z", "u3", "a" },
    { "2026-11-03T10:00:00Z", "u1", "a" },
    { "2026-11-03T10:00:00Z", "u2", "c" },
    { "2026-11-03T10:00:00Z", "u2", "d" },
    { "2060-01-01T00:00:00Z", "u2", "b" },
  };

  g_assert_true (g_file_set_contents (path,
    "{\"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"order\", \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-09T00:00:00Z\",\n"
    " \"users\": [\n"
    "  {\"id\": \"u1\", \"events\": [{\"at\": \"PT34H\", \"name\": \"a\"}, {\"at\": \"1969-12-31T23:59:59Z\", \"name\": \"b\"},\n"
    "                          {\"at\": \"2026-11-02T00:00:00Z\", \"name\": \"c\"}]},\n"
    "  {\"id\": \"u2\", \"events\": [{\"at\": \"2026-11-02T00:00:00Z\", \"name\": \"a\"}, {\"at\": \"2060-01-01T00:00:00Z\", \"name\": \"b\"},\n"
    "                          {\"at\": \"2026-11-03T10:00:00Z\", \"name\": \"c\"}, {\"at\": \"P1DT10H\", \"name\": \"d\"}]},\n"
    "  {\"id\": \"u3\", \"events\": [{\"at\": \"PT0S\", \"name\": \"a\"}]}]}\n", -1, NULL));
  input = cairn_input_new_scenario (path, -1, &error);
  g_assert_no_error (error);
  events = cairn_input_get_events (input, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      CairnTime time;

      g_assert_true (cairn_time_parse (expected[i].time, &time, NULL));
      g_assert_cmpint (events[i].time, ==, time);
      g_assert_cmpstr (cairn_input_get_user (input, events[i].user)->id, ==, expected[i].user);
      g_assert_cmpstr (events[i].name, ==, expected[i].name);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* Events of test_replay_scanner and test_many_goals. */
static const char *const scanner_lines =
    "{\"time\": \"2026-11-02T10:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\", \"platform\": \"web\", \"params\": {\"category\": \"furniture\", \"label\": \"Sofa \xc2\xabOslo\xc2\xbb \xc3\xbc\", \"price\": 35, \"flag\": true, \"none\": null}}\n"
    "{\"time\":\"2026-11-02T10:00:00Z\",\"user\":\"u2\",\"name\":\"purchase\",\"params\":{\"category\":\"furniture\",\"label\":\"\",\"price\":35.5,\"flag\":false}}\n"
    "{ \"user\" : \"u3\" , \"time\" : \"2026-11-02T10:00:00.250Z\" , \"name\" : \"purchase\" , \"params\" : { \"category\" : \"furniture\" , \"price\" : -0 } }\n"
    "{\"time\": \"2026-11-02T11:30:00+01:00\", \"user\": \"u4\", \"name\": \"purchase\", \"params\": {\"category\": \"furniture\", \"price\": 1e2}}\n"
    "{\"time\": \"2026-11-02T10:30:00Z\", \"user\": \"u5\", \"name\": \"purchase\", \"params\": {\"category\": \"furniture\", \"price\": 1.25E+1}}\n"
    "{\"time\": \"2026-11-02T10:30:00Z\", \"user\": \"u6\", \"name\": \"purchase\", \"params\": {\"category\": \"furniture\", \"price\": 12345678901234567890}}\n"
    "{\"time\": \"2026-11-02T10:45:00Z\", \"user\": \"u7\", \"name\": \"purchase\", \"params\": {\"category\": \"furniture\", \"label\": \"a\\\"b\", \"price\": 0.1}}\n"
    "{\"time\": \"2026-11-02T11:00:00Z\", \"user\": \"u1\", \"name\": \"product_view\", \"params\": {}}\n"
    "{\"time\": \"2026-11-02T11:00:00Z\", \"user\": \"u2\", \"name\": \"product_view\", \"params\": null}\n"
    "{\"time\": \"2026-11-02T11:00:00Z\", \"user\": \"u3\", \"name\": \"product_view\"}\n"
    "{\"time\": \"2026-11-02T12:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\", \"params\": {\"category\": \"decor\", \"price\": 19.99}}\n"
    "{\"time\": \"2026-11-02T12:00:00Z\", \"user\": \"u2\", \"name\": \"purchase\", \"params\": {\"category\": \"decor\", \"price\": 0.2}}\n"
    "{\"time\": \"2026-11-02T12:00:00Z\", \"user\": \"u7\", \"name\": \"purchase\", \"params\": {\"category\": \"decor\", \"price\": 0.3, \"price\": 7}}\n";

static void
test_replay_scanner (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *journey_path = g_build_filename (dir, "journey.json", NULL);
  g_autofree char *fast = NULL;
  g_autofree char *slow = NULL;
  const char *journey =
    "{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"scan\", \"name\": \"Scan\",\n"
    " \"entry\": {\"reentry\": \"always\"},\n"
    " \"goals\": [{\"id\": \"more\", \"event\": \"purchase\", \"where\": {\"param\": \"category\", \"op\": \"eq\", \"value\": \"decor\"},\n"
    "            \"window\": \"P7D\", \"value_param\": \"price\"}],\n"
    " \"nodes\": [{\"id\": \"start\", \"type\": \"starter.event\",\n"
    "             \"config\": {\"event\": \"purchase\", \"where\": {\"param\": \"category\", \"op\": \"eq\", \"value\": \"furniture\"}}},\n"
    "           {\"id\": \"m\", \"type\": \"message.email\",\n"
    "            \"config\": {\"subject\": \"{{event.label}}|{{event.price}}|{{event.flag}}|{{event.none}}\", \"body\": \"b\"}}],\n"
    " \"edges\": [{\"from\": \"start\", \"port\": \"out\", \"to\": \"m\"}]}\n";

  g_assert_true (g_file_set_contents (journey_path, journey, -1, NULL));
  fast = replay_report (dir, journey_path, scanner_lines, "");
  slow = replay_report (dir, journey_path, scanner_lines, ", \"extra\": {\"nested\": [1, {\"deeper\": null}]}");
  g_assert_cmpstr (fast, ==, slow);
  /* And the run saw what was written: 7 entries and sends, 3 goals (the
   * last with the later of the duplicated prices: 19.99 + 0.2 + 7 added in
   * that order), the params rendered. */
  g_assert_nonnull (strstr (fast, "\"totals\":{\"entered\":7,"));
  g_assert_nonnull (strstr (fast, "\"sent\":7,"));
  g_assert_nonnull (strstr (fast, "\"reached\":3,"));
  g_assert_nonnull (strstr (fast, "\"value\":27.189999999999998}"));
  g_assert_nonnull (strstr (fast, "\"Sofa \xc2\xabOslo\xc2\xbb \xc3\xbc|35|true|\""));
  g_assert_nonnull (strstr (fast, "\"|35.5|false|\""));
  g_assert_nonnull (strstr (fast, "\"|100|"));
  g_assert_nonnull (strstr (fast, "\"|12.5|"));
  g_assert_nonnull (strstr (fast, "\"a\\\"b|0.1||\""));
  g_unlink (journey_path);
  g_rmdir (dir);
}

/* A journey of many goals: an entry too large to live beside its user
 * (sim_compile_journey) is made apart, and counts the same. Twelve copies
 * of test_replay_scanner's goal are each reached as that one is. */
static void
test_many_goals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *journey_path = g_build_filename (dir, "journey.json", NULL);
  g_autoptr(GString) journey = g_string_new ("{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"goals\", "
                                             "\"name\": \"Goals\", \"entry\": {\"reentry\": \"always\"}, \"goals\": [");
  g_autofree char *report = NULL;
  const char *at;
  guint n = 0;

  for (guint g = 0; g < 12; g++)
    g_string_append_printf (journey, "%s{\"id\": \"more%u\", \"event\": \"purchase\", "
                            "\"where\": {\"param\": \"category\", \"op\": \"eq\", \"value\": \"decor\"}, "
                            "\"window\": \"P7D\", \"value_param\": \"price\"}", g ? ", " : "", g);
  g_string_append (journey, "], \"nodes\": [{\"id\": \"start\", \"type\": \"starter.event\", \"config\": {\"event\": \"purchase\", "
                   "\"where\": {\"param\": \"category\", \"op\": \"eq\", \"value\": \"furniture\"}}}, "
                   "{\"id\": \"m\", \"type\": \"message.email\", \"config\": {\"subject\": \"s\", \"body\": \"b\"}}], "
                   "\"edges\": [{\"from\": \"start\", \"port\": \"out\", \"to\": \"m\"}]}\n");
  g_assert_true (g_file_set_contents (journey_path, journey->str, journey->len, NULL));
  report = replay_report (dir, journey_path, scanner_lines, "");
  g_assert_nonnull (strstr (report, "\"totals\":{\"entered\":7,"));
  for (at = report; (at = strstr (at, "\"reached\":3,\"rate\":0.42857142857142855,\"value\":27.189999999999998}")) != NULL; at++)
    n++;
  g_assert_cmpuint (n, ==, 12);
  g_unlink (journey_path);
  g_rmdir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The scheduler's queue gives its items in (time, key) order whatever
 * lane or heap they wait in: timers of a few delays made as the clock
 * advances (in order), others at random, ticks and timers at equal
 * times; what is due is taken as the clock moves on, the rest drained
 * or taken at the end. Against a list searched for its least item. */
static void
test_heap_order (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);

  for (guint round = 0; round < 300; round++)
    {
      Run *run = g_new0 (Run, 1);
      g_autoptr(GArray) waiting = g_array_new (FALSE, FALSE, sizeof (HeapSlot));
      CairnTime now = 0, hour = 3600 * CAIRN_USEC_PER_SEC;
      guint n = g_rand_int_range (rand, 1, 300), popped = 0;
      const HeapSlot *first;

      for (guint i = 0; i <= n; i++)
        {
          /* The least waiting, popped when due (all of them at the end
             in even rounds; odd rounds drain what is left). */
          while ((first = sim_heap_first (&run->heap)) != NULL && (first->time <= now || (i == n && round % 2 == 0)))
            {
              guint least = 0;
              Item *item;

              for (guint k = 1; k < waiting->len; k++)
                {
                  HeapSlot *a = &g_array_index (waiting, HeapSlot, k), *b = &g_array_index (waiting, HeapSlot, least);
                  if (a->time < b->time || (a->time == b->time && a->key < b->key))
                    least = k;
                }
              g_assert_cmpuint (waiting->len, >, 0);
              g_assert_true (first->item == g_array_index (waiting, HeapSlot, least).item);
              item = sim_heap_pop (&run->heap);
              g_assert_true (item == g_array_index (waiting, HeapSlot, least).item);
              g_array_remove_index_fast (waiting, least);
              sim_item_free (run, item);
              popped++;
            }
          if (i == n)
            break;
          {
            int pattern = g_rand_int_range (rand, 0, 5);
            CairnTime time = pattern == 0 ? now + 72 * hour
                             : pattern == 1 ? now + hour
                             : pattern == 2 ? now + 24 * hour
                             : pattern == 3 ? now + g_rand_int_range (rand, 0, 100) * hour
                             : now;
            gboolean tick = g_rand_int_range (rand, 0, 4) == 0;
            Item *item = sim_item_new (run, time, tick ? CLASS_TICK : CLASS_TIMER, tick ? ITEM_TICK : ITEM_TIMER_PORT, i);
            HeapSlot slot = { time, sim_item_key (item->cls, item->generated, item->seq), item };

            sim_heap_push (&run->heap, item);
            g_array_append_val (waiting, slot);
          }
          now += g_rand_int_range (rand, 0, 4) * hour / 2;
        }
      if (round % 2 == 0)
        {
          g_assert_cmpuint (waiting->len, ==, 0);
          g_assert_cmpuint (popped, ==, n);
          g_assert_null (sim_heap_first (&run->heap));
          g_assert_null (sim_heap_pop (&run->heap));
        }
      sim_heap_drain (&run->heap, run);
      g_assert_null (sim_heap_first (&run->heap));
      sim_heap_free (&run->heap);
      sim_items_clear (run);
      g_free (run);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_test_init (&argc, &argv, NULL);
  root = g_test_build_filename (G_TEST_DIST, "fixtures", "engine", NULL);
  dir = g_dir_open (root, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/engine/%s", (char *) names->pdata[i]);
      g_test_add_data_func (path, names->pdata[i], test_case);
    }
  g_test_add_func ("/core/engine-population/rates", test_population);
  g_test_add_func ("/core/engine-replay/scanner", test_replay_scanner);
  g_test_add_func ("/core/engine-replay/many-goals", test_many_goals);
  g_test_add_func ("/core/engine-scenario/event-order", test_event_order);
  g_test_add_func ("/core/engine/heap-order", test_heap_order);
  return g_test_run ();
}
