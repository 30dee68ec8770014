/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `cairn-cli simulate` and `cairn-cli test` as DESIGN §8 describes them:
 * exit statuses, the closing line of `test`, --report, --threads and
 * replay errors. CAIRN_CLI names the tool. */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static const char *cli;

static char *
fixture (const char *first,
         ...)
{
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;

  g_ptr_array_add (parts, (char *) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, "fixtures");
  g_ptr_array_add (parts, "engine");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

/* Runs the tool; returns its exit status. */
static int
run (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  va_list args;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
test_usage (void)
{
  g_autofree char *journey = fixture ("frequency-cap", "journey.json", NULL);
  g_autofree char *out = NULL, *err = NULL;

  /* Neither --scenario nor --events. */
  g_assert_cmpint (run (&out, &err, "simulate", journey, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "simulate", journey, "--scenario", "/nonexistent/s.json", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
}

static void
test_invalid_journey (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *journey = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *scenario = fixture ("frequency-cap", "scenario.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *text = "{ \"format\": \"cairn-journey\", \"version\": 1, \"id\": \"bad\", \"name\": \"No starter\",\n"
                     "  \"nodes\": [ { \"id\": \"x\", \"type\": \"exit\" } ], \"edges\": [] }\n";

  g_assert_true (g_file_set_contents (journey, text, -1, NULL));
  g_assert_cmpint (run (&out, &err, "simulate", journey, "--scenario", scenario, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "error"));
  g_assert_cmpstr (out, ==, "");
  g_unlink (journey);
  g_rmdir (dir);
}

static void
test_expectations (void)
{
  g_autofree char *journey = fixture ("after-message-events", "journey.json", NULL);
  g_autofree char *scenario = fixture ("after-message-events", "scenario.json", NULL);
  g_autofree char *out = NULL, *err = NULL;

  /* `test` fails on the wrong expectation and says so... */
  g_assert_cmpint (run (&out, &err, "test", journey, "--scenario", scenario, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "2 passed, 1 failed"));
  g_assert_nonnull (strstr (out, "c"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* ...while `simulate` puts it in the report and succeeds. */
  g_assert_cmpint (run (&out, &err, "simulate", journey, "--scenario", scenario, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"expectations\""));
}

static void
test_passing (void)
{
  g_autofree char *journey = fixture ("attribute-change-set", "journey.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *scenario = g_build_filename (dir, "s.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *text =
    "{ \"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"One\",\n"
    "  \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-03T00:00:00Z\",\n"
    "  \"users\": [ { \"id\": \"a\", \"reachability\": { \"sms\": true },\n"
    "    \"events\": [ { \"at\": \"PT1H\", \"name\": \"set_attributes\", \"params\": { \"tier\": \"gold\" } } ],\n"
    "    \"expect\": { \"outcome\": \"exit_node\", \"path\": [\"start\", \"sa\", \"m\", \"done\"],\n"
    "                \"path_includes\": [\"m\"], \"path_excludes\": [\"x\"],\n"
    "                \"messages\": [ { \"node\": \"m\", \"text\": \"Hi gold!\" } ], \"goals\": [] } } ] }\n";

  g_assert_true (g_file_set_contents (scenario, text, -1, NULL));
  g_assert_cmpint (run (&out, &err, "test", journey, "--scenario", scenario, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 passed, 0 failed"));
  g_unlink (scenario);
  g_rmdir (dir);
}

static void
test_report_file_and_threads (void)
{
  g_autofree char *journey = fixture ("after-click", "journey.json", NULL);
  g_autofree char *scenario = fixture ("after-click", "scenario.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *report = g_build_filename (dir, "report.json", NULL);
  g_autofree char *one = NULL, *two = NULL, *written = NULL, *err = NULL;

  g_assert_cmpint (run (&one, &err, "simulate", journey, "--scenario", scenario, "--threads", "1", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&two, &err, "simulate", journey, "--scenario", scenario, "--threads", "2", NULL), ==, 0);
  g_assert_cmpstr (one, ==, two);
  g_clear_pointer (&two, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&two, &err, "simulate", journey, "--scenario", scenario, "--report", report, NULL), ==, 0);
  g_assert_cmpstr (two, ==, "");
  g_assert_true (g_file_get_contents (report, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, one);
  g_unlink (report);
  g_rmdir (dir);
}

static void
test_replay_order (void)
{
  g_autofree char *journey = fixture ("frequency-cap", "journey.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *events = g_build_filename (dir, "events.jsonl", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *text =
    "{\"time\": \"2026-11-02T10:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\"}\n"
    "{\"time\": \"2026-11-02T09:00:00Z\", \"user\": \"u2\", \"name\": \"purchase\"}\n";

  g_assert_true (g_file_set_contents (events, text, -1, NULL));
  g_assert_cmpint (run (&out, &err, "simulate", journey, "--events", events, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "events.jsonl:2: "));
  g_assert_nonnull (strstr (err, "earlier"));
  g_unlink (events);
  g_rmdir (dir);
}

/* A malformed line 1234 is reported with its number, whichever way the
 * reader takes: a line of the usual shape cut short, or one with nesting. */
static void
test_replay_bad_line (void)
{
  g_autofree char *journey = fixture ("frequency-cap", "journey.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *events = g_build_filename (dir, "events.jsonl", NULL);
  const char *bad[] = {
    "{\"time\": \"2026-11-02T12:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\", \"params\": {\"price\": 3}\n",
    "{\"time\": \"2026-11-02T12:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\", \"params\": {\"a\": [1,]}}\n",
    "{\"time\": \"2026-11-02T12:00:00Z\", \"user\": 7, \"name\": \"purchase\"}\n",
  };

  for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *where = g_strdup_printf ("%s:1234:", events);

      for (guint i = 1; i < 1234; i++)
        g_string_append_printf (text, "{\"time\": \"2026-11-02T10:%02u:%02uZ\", \"user\": \"u%u\", \"name\": \"product_view\", "
                                "\"params\": {\"n\": %u}}\n", i / 60 % 60, i % 60, i % 50, i);
      g_string_append (text, bad[b]);
      g_string_append (text, "{\"time\": \"2026-11-02T13:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\"}\n");
      g_assert_true (g_file_set_contents (events, text->str, text->len, NULL));
      g_assert_cmpint (run (&out, &err, "simulate", journey, "--events", events, NULL), ==, 2);
      g_assert_nonnull (strstr (err, where));
      g_assert_cmpstr (out, ==, "");
    }
  g_unlink (events);
  g_rmdir (dir);
}

/* A log of several of the reader's batches gives the same report, users
 * in the same order, whether it is read ahead on a thread of its own or
 * not; a bad line after --end is never read, and without --end it is
 * reported with its number either way. */
static void
test_replay_read_ahead (void)
{
  g_autofree char *journey = g_test_build_filename (G_TEST_DIST, "..", "data", "journeys", "furniture-cross-sell.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *events = g_build_filename (dir, "events.jsonl", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  char *reports[2] = { NULL, NULL };
  g_autofree char *where = g_strdup_printf ("%s:10001:56: error: ", events);

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (text, "{\"time\": \"2026-11-%02uT%02u:%02u:00Z\", \"user\": \"u%u\", \"name\": \"%s\", "
                            "\"params\": {\"category\": \"%s\", \"price\": %u}}\n",
                            2 + i / 1440, i / 60 % 24, i % 60, (i * 7919) % 997,
                            i % 3 ? "product_view" : "purchase", i % 5 ? "furniture" : "rugs", 10 + i % 90);
  g_string_append (text, "{\"time\": \"2026-11-09T00:00:00Z\", \"user\": \"u1\", \"name\": }\n");
  g_assert_true (g_file_set_contents (events, text->str, text->len, NULL));

  for (guint t = 0; t < 2; t++)
    {
      g_autofree char *err = NULL, *out = NULL, *err2 = NULL;
      const char *threads = t == 0 ? "1" : "2";

      g_assert_cmpint (run (&reports[t], &err, "simulate", journey, "--events", events, "--threads", threads,
                            "--end", "2026-11-08T00:00:00Z", "--trace", NULL), ==, 0);
      g_assert_nonnull (strstr (reports[t], "\"u996\""));
      g_assert_cmpint (run (&out, &err2, "simulate", journey, "--events", events, "--threads", threads, NULL), ==, 2);
      g_assert_nonnull (strstr (err2, where));
    }
  g_assert_cmpstr (reports[0], ==, reports[1]);
  g_free (reports[0]);
  g_free (reports[1]);
  g_unlink (events);
  g_rmdir (dir);
}

/* --catalog gives a replay its recommendations: the furniture sample's
 * push three days after a sofa, with the three best-ranked complementary
 * products (home-decor, lighting, rugs: cushion-linen 1, lamp-floor-arc 2,
 * throw-wool 3), rendered for Mia. Without a catalog, no products. */
static void
test_replay_catalog (void)
{
  g_autofree char *journey = g_test_build_filename (G_TEST_DIST, "..", "data", "journeys", "furniture-cross-sell.json", NULL);
  g_autofree char *catalog = g_test_build_filename (G_TEST_DIST, "..", "data", "catalogs", "home.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cairn-engine-XXXXXX", NULL);
  g_autofree char *events = g_build_filename (dir, "events.jsonl", NULL);
  g_autofree char *profiles = g_build_filename (dir, "profiles.jsonl", NULL);
  const char *with[] = { "--catalog", catalog, NULL };

  g_assert_true (g_file_set_contents (events,
    "{\"time\": \"2026-11-02T10:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\", \"platform\": \"web\", "
    "\"params\": {\"category\": \"furniture\", \"product_id\": \"sofa-oslo\", \"product_name\": \"Oslo sofa\", \"price\": 899}}\n"
    "{\"time\": \"2026-11-06T12:00:00Z\", \"user\": \"u2\", \"name\": \"product_view\", \"platform\": \"web\"}\n", -1, NULL));
  g_assert_true (g_file_set_contents (profiles,
    "{\"id\": \"u1\", \"attributes\": {\"name\": \"Mia\"}, \"reachability\": {\"web_push\": true, \"email\": false}}\n", -1, NULL));

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *message;
      JsonArray *products;

      g_assert_cmpint (run (&out, &err, "simulate", journey, "--events", events, "--profiles", profiles, "--trace",
                            pass == 0 ? with[0] : NULL, with[1], NULL), ==, 0);
      json_parser_load_from_data (parser, out, -1, &error);
      g_assert_no_error (error);
      message = json_array_get_object_element (
        json_object_get_array_member (
          json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "people"), 0),
          "messages"), 0);
      g_assert_cmpstr (json_object_get_string_member (message, "node"), ==, "push1");
      g_assert_cmpstr (json_object_get_string_member (message, "time"), ==, "2026-11-05T10:00:00Z");
      g_assert_cmpstr (json_object_get_string_member (message, "title"), ==, "Make it cosy, Mia");
      products = json_object_get_array_member (message, "products");
      if (pass == 0)
        {
          g_assert_cmpint (json_array_get_length (products), ==, 3);
          g_assert_cmpstr (json_array_get_string_element (products, 0), ==, "cushion-linen");
          g_assert_cmpstr (json_array_get_string_element (products, 1), ==, "lamp-floor-arc");
          g_assert_cmpstr (json_array_get_string_element (products, 2), ==, "throw-wool");
          g_assert_cmpstr (json_object_get_string_member (message, "body"), ==,
                           "Picked to go with your new Oslo sofa: Linen cushion \u2014 24 GBP. Arc floor lamp \u2014 149 GBP. Wool throw \u2014 59 GBP. ");
        }
      else
        g_assert_cmpint (json_array_get_length (products), ==, 0);
    }
  g_unlink (events);
  g_unlink (profiles);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cli = g_getenv ("CAIRN_CLI");
  if (cli == NULL)
    {
      g_test_skip ("CAIRN_CLI is not set");
      return 77;
    }
  g_test_add_func ("/core/engine-cli/usage", test_usage);
  g_test_add_func ("/core/engine-cli/invalid-journey", test_invalid_journey);
  g_test_add_func ("/core/engine-cli/expectations", test_expectations);
  g_test_add_func ("/core/engine-cli/passing", test_passing);
  g_test_add_func ("/core/engine-cli/report-file-and-threads", test_report_file_and_threads);
  g_test_add_func ("/core/engine-cli/replay-order", test_replay_order);
  g_test_add_func ("/core/engine-cli/replay-bad-line", test_replay_bad_line);
  g_test_add_func ("/core/engine-cli/replay-catalog", test_replay_catalog);
  g_test_add_func ("/core/engine-cli/replay-read-ahead", test_replay_read_ahead);
  return g_test_run ();
}
