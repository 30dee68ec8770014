/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A scenario run from its text (the designer's unsaved personas) gives the
 * report its file gives; the path only names it and locates a relative
 * catalog, and is never read. */

#include "config.h"

#include <glib/gstdio.h>

#include "cairn-error.h"
#include "cairn-journey.h"
#include "cairn-scenario.h"
#include "cairn-simulation.h"

static char *
source_path (const char *dir,
             const char *name)
{
  return g_build_filename (TESTS_SRCDIR, "..", "data", dir, name, NULL);
}

static void
test_text_matches_file (void)
{
  g_autofree char *journey_path = source_path ("journeys", "furniture-cross-sell.json");
  g_autofree char *scenario_path = source_path ("scenarios", "furniture-cross-sell-crowd.json");
  g_autofree char *scenarios = source_path ("scenarios", NULL);
  /* Not a file: the text stands for it, in the same folder */
  g_autofree char *unsaved = g_build_filename (scenarios, "not-saved-yet.json", NULL);
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *from_text = NULL;
  g_autoptr(CairnCatalog) catalog = NULL;
  CairnSimulationOptions options;
  gsize length;

  journey = cairn_journey_load_file (journey_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (scenario_path, &text, &length, &error));
  g_assert_false (g_file_test (unsaved, G_FILE_TEST_EXISTS));

  cairn_simulation_options_init (&options);
  from_file = cairn_simulation_run_scenario (journey, scenario_path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Its catalog is "../catalogs/home.json": found from the path's folder */
  from_text = cairn_simulation_run_scenario_data (journey, text, length, unsaved, &options,
                                                  NULL, NULL, NULL, &catalog, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  g_assert_cmpstr (from_text, ==, from_file);
}

static void
test_errors_name_the_path (void)
{
  const char *text = "{\"format\": \"cairn-scenario\", \"version\": 1,\n \"start\": \"2026-11-02T00:00:00Z\"}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnInput) input = NULL;

  input = cairn_input_new_scenario_data (text, strlen (text), "/nowhere/personas.json", -1, 0, &error);
  g_assert_null (input);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "/nowhere/personas.json:1:1: "));

  g_clear_error (&error);
  input = cairn_input_new_scenario_data ("{\"format\": ", 11, "/nowhere/personas.json", -1, 0, &error);
  g_assert_null (input);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "/nowhere/personas.json"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/scenario-data/text-matches-file", test_text_matches_file);
  g_test_add_func ("/core/scenario-data/errors-name-the-path", test_errors_name_the_path);
  return g_test_run ();
}
