/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The simulation panel (suite "ui"): a run from the panel shows what the
 * engine reports, a cancelled run leaves the panel idle and the store
 * untouched, and two runs with different seeds compare with differences. */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cairn-compare.h"
#include "cairn-json.h"
#include "cairn-report-view.h"
#include "cairn-simulation.h"
#include "cairn-simulation-panel.h"
#include "cairn-store.h"
#include "cairn-timeline-view.h"
#include "cairn-time-scrubber.h"
#include "cairn-preferences-window.h"

static char *store_path;

static char *
source_path (const char *dir,
             const char *name)
{
  return g_build_filename (TESTS_SRCDIR, "..", "data", dir, name, NULL);
}

static void
on_running (CairnSimulationPanel *panel,
            gboolean              running,
            gboolean             *busy)
{
  *busy = running;
}

static void
wait_idle (CairnSimulationPanel *panel)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (cairn_simulation_panel_is_running (panel) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cairn_simulation_panel_is_running (panel));
}

static guint
count_runs (void)
{
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
    return 0;
  store = cairn_store_open (store_path, NULL);
  runs = cairn_store_list_runs (store, NULL);
  return runs->len;
}

static void
test_run_matches_engine (void)
{
  g_autofree char *journey_path = source_path ("journeys", "furniture-cross-sell.json");
  g_autofree char *scenario_path = source_path ("scenarios", "furniture-cross-sell.json");
  g_autoptr(CairnJourney) journey = cairn_journey_load_file (journey_path, NULL);
  CairnSimulationPanel *panel = CAIRN_SIMULATION_PANEL (cairn_simulation_panel_new ());
  CairnSimulationOptions options;
  g_autofree char *expected_text = NULL;
  g_autoptr(JsonNode) expected = NULL;
  JsonObject *report, *totals;
  JsonArray *people;
  g_autofree char *description = NULL;
  g_autofree char *entered = NULL;
  g_auto(GStrv) rows = NULL;
  gboolean busy = FALSE;
  guint before = count_runs ();
  double n = 0;

  g_object_ref_sink (panel);
  g_signal_connect (panel, "running", G_CALLBACK (on_running), &busy);
  cairn_simulation_panel_set_store_path (panel, store_path);
  cairn_simulation_panel_set_journey (panel, journey);
  cairn_simulation_panel_set_scenario (panel, scenario_path);
  cairn_simulation_panel_run (panel);
  g_assert_true (busy);
  wait_idle (panel);
  g_assert_false (busy);

  /* The same report as the engine gives directly. */
  cairn_simulation_options_init (&options);
  options.seed_override = 7;
  expected_text = cairn_simulation_run_scenario (journey, scenario_path, &options, NULL, NULL, NULL, NULL, NULL);
  expected = cairn_json_parse (expected_text, strlen (expected_text), NULL, NULL, NULL);
  report = cairn_simulation_panel_get_report (panel);
  g_assert_nonnull (report);
  {
    g_autoptr(JsonNode) node = json_node_alloc ();
    json_node_init_object (node, report);
    g_assert_true (cairn_json_equal (node, expected));
  }

  /* With results shown, the panel still leaves room for the palette and
     the inspector on a 1,366-pixel screen. */
  {
    int min = 0;
    gtk_widget_measure (GTK_WIDGET (panel), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_test_message ("the panel's least width: %d", min);
    g_assert_cmpint (min, <=, 760);
  }

  totals = cairn_json_get_object (report, "totals");
  cairn_json_get_number (totals, "entered", &n);
  entered = g_strdup_printf ("entered=%.0f\n", n);
  description = cairn_report_view_describe (CAIRN_REPORT_VIEW (cairn_simulation_panel_get_report_view (panel)));
  g_assert_nonnull (strstr (description, entered));

  /* The first persona's timeline rows are the report's. */
  people = cairn_json_get_array (report, "people");
  rows = cairn_timeline_view_get_rows (CAIRN_TIMELINE_VIEW (cairn_simulation_panel_get_timeline_view (panel)));
  g_assert_cmpuint (g_strv_length (rows), ==,
                    json_array_get_length (cairn_json_get_array (json_array_get_object_element (people, 0), "timeline")));
  g_assert_cmpuint (g_strv_length (rows), >, 0);

  g_assert_cmpuint (count_runs (), ==, before + 1);

  /* The scrubber at the window's end puts exactly the people still in the
     journey on nodes; at its start, nobody. */
  {
    CairnTime start, end;
    JsonObject *window = cairn_json_get_object (report, "window");
    g_autoptr(GHashTable) at_end = NULL;
    g_autoptr(GHashTable) at_start = NULL;
    GHashTableIter iter;
    gpointer count;
    double active = 0;
    guint placed = 0;

    g_assert_true (cairn_time_parse (cairn_json_get_string (window, "start"), &start, NULL));
    g_assert_true (cairn_time_parse (cairn_json_get_string (window, "end"), &end, NULL));
    at_start = cairn_report_positions_at (report, start - 1);
    g_assert_cmpuint (g_hash_table_size (at_start), ==, 0);
    at_end = cairn_report_positions_at (report, end);
    g_hash_table_iter_init (&iter, at_end);
    while (g_hash_table_iter_next (&iter, NULL, &count))
      placed += GPOINTER_TO_UINT (count);
    for (guint i = 0; i < json_array_get_length (people); i++)
      active += g_strcmp0 (cairn_json_get_string (json_array_get_object_element (people, i), "outcome"), "active") == 0;
    g_assert_cmpuint (placed, ==, (guint) active);
  }

  /* Editing makes the results stale. */
  g_assert_false (cairn_simulation_panel_get_stale (panel));
  cairn_journey_move_node (journey, "start", 0, 0);
  g_assert_true (cairn_simulation_panel_get_stale (panel));
  g_object_unref (panel);
}

static void
test_cancel_keeps_nothing (void)
{
  g_autofree char *journey_path = source_path ("journeys", "furniture-cross-sell.json");
  g_autofree char *dir = g_dir_make_tmp ("cairn-sim-XXXXXX", NULL);
  g_autofree char *scenario = g_build_filename (dir, "crowd.json", NULL);
  g_autofree char *catalog = source_path ("catalogs", "home.json");
  g_autofree char *text = g_strdup_printf (
    "{\"format\":\"cairn-scenario\",\"version\":1,\"name\":\"crowd\",\"start\":\"2026-11-02T00:00:00Z\","
    "\"end\":\"2026-11-20T00:00:00Z\",\"catalog\":\"%s\",\"generate\":{\"count\":200000,\"personas\":[{"
    "\"reachability\":{\"email\":0.9,\"web_push\":0.6},\"events\":[{\"name\":\"purchase\",\"rate_per_day\":0.1,"
    "\"params\":{\"category\":\"furniture\"}}]}]}}", catalog);
  g_autoptr(CairnJourney) journey = cairn_journey_load_file (journey_path, NULL);
  CairnSimulationPanel *panel = CAIRN_SIMULATION_PANEL (cairn_simulation_panel_new ());
  guint before;

  g_assert_true (g_file_set_contents (scenario, text, -1, NULL));
  g_object_ref_sink (panel);
  cairn_simulation_panel_set_store_path (panel, store_path);
  cairn_simulation_panel_set_journey (panel, journey);
  cairn_simulation_panel_set_scenario (panel, scenario);
  before = count_runs ();
  cairn_simulation_panel_run (panel);
  g_assert_true (cairn_simulation_panel_is_running (panel));
  /* Let it get going, then cancel. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  cairn_simulation_panel_cancel (panel);
  wait_idle (panel);
  g_assert_null (cairn_simulation_panel_get_report (panel));
  g_assert_cmpuint (count_runs (), ==, before);
  g_object_unref (panel);
  g_remove (scenario);
  g_rmdir (dir);
}

static void
test_compare_two_seeds (void)
{
  g_autofree char *journey_path = source_path ("journeys", "furniture-cross-sell.json");
  g_autofree char *scenario_path = source_path ("scenarios", "furniture-cross-sell-crowd.json");
  g_autoptr(CairnJourney) journey = cairn_journey_load_file (journey_path, NULL);
  CairnSimulationPanel *panel = CAIRN_SIMULATION_PANEL (cairn_simulation_panel_new ());
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(JsonNode) ra = NULL;
  g_autoptr(JsonNode) rb = NULL;
  g_autofree char *table = NULL;
  guint differences = 0;

  g_object_ref_sink (panel);
  cairn_simulation_panel_set_store_path (panel, store_path);
  cairn_simulation_panel_set_journey (panel, journey);
  cairn_simulation_panel_set_scenario (panel, scenario_path);
  cairn_simulation_panel_set_seed (panel, 1);
  cairn_simulation_panel_run (panel);
  wait_idle (panel);
  cairn_simulation_panel_set_seed (panel, 2);
  cairn_simulation_panel_run (panel);
  wait_idle (panel);

  store = cairn_store_open (store_path, NULL);
  runs = cairn_store_list_runs (store, NULL);
  g_assert_cmpuint (runs->len, >=, 2);
  a = cairn_store_get_report (store, ((CairnRunInfo *) g_ptr_array_index (runs, 1))->id, NULL);
  b = cairn_store_get_report (store, ((CairnRunInfo *) g_ptr_array_index (runs, 0))->id, NULL);
  ra = cairn_json_parse (a, strlen (a), NULL, NULL, NULL);
  rb = cairn_json_parse (b, strlen (b), NULL, NULL, NULL);
  g_assert_cmpint (((CairnRunInfo *) g_ptr_array_index (runs, 0))->seed, ==, 2);
  g_assert_cmpint (((CairnRunInfo *) g_ptr_array_index (runs, 1))->seed, ==, 1);
  table = cairn_report_compare_text (json_node_get_object (ra), json_node_get_object (rb), "seed 1", "seed 2",
                                     &differences);
  g_assert_cmpuint (differences, >, 0);
  g_assert_nonnull (strstr (table, "  *"));
  g_object_unref (panel);
}

/* The Preferences window opens on the real schema, and its settings stick. */
static void
test_preferences (void)
{
  GtkWidget *parent = gtk_window_new ();
  GList *toplevels;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  guint found = 0;

  cairn_preferences_window_present (GTK_WINDOW (parent));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      {
        found++;
        gtk_window_destroy (l->data);
      }
  g_list_free (toplevels);
  g_assert_cmpuint (found, ==, 1);
  g_settings_set_uint (settings, "autosave-delay", 7);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), ==, 7);
  g_settings_set_enum (settings, "style-variant", 2);
  cairn_preferences_apply_style ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_destroy (GTK_WINDOW (parent));
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("cairn-test-simulation-XXXXXX", NULL);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  {
    /* The schema compiled in the build tree */
    g_autofree char *schemas = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "..", "data", NULL);
    g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  }
  store_path = g_build_filename (home, "runs.sqlite", NULL);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipped\n");
      return 77;
    }
  adw_init ();
  g_test_add_func ("/ui/simulation/run-matches-engine", test_run_matches_engine);
  g_test_add_func ("/ui/simulation/cancel-keeps-nothing", test_cancel_keeps_nothing);
  g_test_add_func ("/ui/simulation/compare-two-seeds", test_compare_two_seeds);
  g_test_add_func ("/ui/preferences/window-and-style", test_preferences);
  return g_test_run ();
}
