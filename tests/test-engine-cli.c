/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `cairn-cli simulate` and `cairn-cli test` as DESIGN §8 describes them:
 * exit statuses, the closing line of `test`, --report, --threads and
 * replay errors. CAIRN_CLI names the tool. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

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
  g_assert_nonnull (strstr (err, ":2"));
  g_unlink (events);
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
  return g_test_run ();
}
