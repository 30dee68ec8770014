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
#include "cairn-canvas.h"
#include "cairn-canvas-legend.h"
#include "cairn-window-private.h"
#include "ui-util.h"

static char *store_path;

static void
on_running (CairnSimulationPanel *panel,
            gboolean              running,
            gboolean             *busy)
{
  *busy = running;
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
  g_autofree char *scenario_path = ui_source_path ("scenarios", "furniture-cross-sell.json");
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
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

  g_signal_connect (panel, "running", G_CALLBACK (on_running), &busy);
  cairn_simulation_panel_set_scenario (panel, scenario_path);
  cairn_simulation_panel_run (panel);
  g_assert_true (busy);
  ui_wait_idle (panel);
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
  g_autofree char *dir = g_dir_make_tmp ("cairn-sim-XXXXXX", NULL);
  g_autofree char *scenario = g_build_filename (dir, "crowd.json", NULL);
  g_autofree char *catalog = ui_source_path ("catalogs", "home.json");
  g_autofree char *text = g_strdup_printf (
    "{\"format\":\"cairn-scenario\",\"version\":1,\"name\":\"crowd\",\"start\":\"2026-11-02T00:00:00Z\","
    "\"end\":\"2026-11-20T00:00:00Z\",\"catalog\":\"%s\",\"generate\":{\"count\":200000,\"personas\":[{"
    "\"reachability\":{\"email\":0.9,\"web_push\":0.6},\"events\":[{\"name\":\"purchase\",\"rate_per_day\":0.1,"
    "\"params\":{\"category\":\"furniture\"}}]}]}}", catalog);
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
  guint before;

  g_assert_true (g_file_set_contents (scenario, text, -1, NULL));
  cairn_simulation_panel_set_scenario (panel, scenario);
  before = count_runs ();
  cairn_simulation_panel_run (panel);
  g_assert_true (cairn_simulation_panel_is_running (panel));
  /* Let it get going, then cancel. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  cairn_simulation_panel_cancel (panel);
  ui_wait_idle (panel);
  g_assert_null (cairn_simulation_panel_get_report (panel));
  g_assert_cmpuint (count_runs (), ==, before);
  g_object_unref (panel);
  g_remove (scenario);
  g_rmdir (dir);
}

static void
test_compare_two_seeds (void)
{
  g_autofree char *scenario_path = ui_source_path ("scenarios", "furniture-cross-sell-crowd.json");
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(JsonNode) ra = NULL;
  g_autoptr(JsonNode) rb = NULL;
  g_autofree char *table = NULL;
  guint differences = 0;

  cairn_simulation_panel_set_scenario (panel, scenario_path);
  cairn_simulation_panel_set_seed (panel, 1);
  cairn_simulation_panel_run (panel);
  ui_wait_idle (panel);
  cairn_simulation_panel_set_seed (panel, 2);
  cairn_simulation_panel_run (panel);
  ui_wait_idle (panel);

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

/* Pixels that differ between two drawings in a rectangle. */
static guint
differing (cairo_surface_t *a,
           cairo_surface_t *b,
           int              x0,
           int              y0,
           int              width,
           int              height)
{
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y0 + height, cairo_image_surface_get_height (a)); y++)
    for (int x = MAX (x0, 0); x < MIN (x0 + width, cairo_image_surface_get_width (a)); x++)
      {
        guint32 *pa = (guint32 *) (void *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
        guint32 *pb = (guint32 *) (void *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));
        n += pa[x] != pb[x];
      }
  return n;
}

/* The Sophie scenario cut short, so that people are still waiting when it
 * ends; the catalog found from anywhere. */
static char *
short_scenario (const char *dir)
{
  g_autofree char *source = ui_source_path ("scenarios", "furniture-cross-sell.json");
  g_autofree char *catalog = ui_source_path ("catalogs", "home.json");
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  char *path = g_build_filename (dir, "short.json", NULL);
  gsize length;

  g_assert_true (g_file_get_contents (source, &text, &length, NULL));
  root = cairn_json_parse (text, length, NULL, NULL, NULL);
  json_object_set_string_member (json_node_get_object (root), "end", "2026-11-06T00:00:00Z");
  json_object_set_string_member (json_node_get_object (root), "catalog", catalog);
  out = cairn_json_to_string (root, TRUE);
  g_assert_true (g_file_set_contents (path, out, -1, NULL));
  return path;
}

/* After a run from the panel the canvas draws what the engine reports:
 * each node's entered and still-waiting counts, each edge's count and the
 * count at each port with no edge, with a legend. Hiding the counts (the
 * window's action) takes them and the legend's key off the canvas and
 * keeps them: shown again, they are the same. At a port with no edge,
 * something is drawn when the counts show and nothing when they do not. */
static void
test_counts_on_canvas (void)
{
  g_autofree char *journey_path = ui_source_path ("journeys", "furniture-cross-sell.json");
  g_autofree char *dir = g_dir_make_tmp ("cairn-counts-XXXXXX", NULL);
  g_autofree char *scenario = short_scenario (dir);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBuilder) shortcuts = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *again = NULL;
  CairnWindow *window;
  CairnSimulationPanel *panel;
  CairnCanvas *canvas;
  CairnNode *email1;
  JsonObject *report, *nodes;
  JsonArray *edges;
  g_autoptr(GList) members = NULL;
  g_autoptr(GSList) objects = NULL;
  cairo_surface_t *before, *with_counts, *without;
  double px, py;
  guint waiting = 0, loose = 0;
  gboolean listed = FALSE;

  g_settings_set_boolean (settings, "show-run-counts", TRUE);
  window = cairn_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  g_assert_true (cairn_window_load_file (window, journey_path, &error));
  g_assert_no_error (error);
  /* email1's "out" becomes a loose end, and "done" moves down out of the
     way: right of the loose end, only what is drawn for it. */
  g_assert_true (cairn_journey_disconnect (cairn_window_get_journey (window), "email1", "out"));
  cairn_journey_move_node (cairn_window_get_journey (window), "done", 1340, 460);
  gtk_window_present (GTK_WINDOW (window));
  canvas = CAIRN_CANVAS (window->canvas);
  for (int i = 0; i < 500 && gtk_widget_get_width (window->canvas) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (window->canvas), >, 0);
  g_assert_false (gtk_widget_get_visible (window->canvas_legend));

  /* At 100%, email1 in the middle: its "out" port is port 0. */
  email1 = cairn_journey_find_node (cairn_window_get_journey (window), "email1");
  cairn_canvas_zoom_reset (canvas);
  cairn_canvas_reveal_node (canvas, "email1");
  cairn_canvas_to_widget (canvas, email1->x + 220, email1->y + 58 + 9, &px, &py);
  /* The loose end's warning badge now, not while the run goes. */
  cairn_window_validate_now (window);
  /* The first frame at a new zoom draws the cards directly, later ones
     as images: a frame to make them. */
  cairo_surface_destroy (ui_render (window->canvas, NULL));
  before = ui_render (window->canvas, NULL);

  panel = CAIRN_SIMULATION_PANEL (window->simulation);
  cairn_simulation_panel_set_store_path (panel, store_path);
  cairn_simulation_panel_set_journey (panel, cairn_window_get_journey (window));
  cairn_simulation_panel_set_scenario (panel, scenario);
  cairn_simulation_panel_run (panel);
  ui_wait_idle (panel);
  report = cairn_simulation_panel_get_report (panel);
  g_assert_nonnull (report);

  /* Every node's counts and every port's, as the report has them */
  shown = cairn_canvas_describe_counts (canvas);
  g_test_message ("%s", shown);
  nodes = cairn_json_get_object (report, "nodes");
  members = json_object_get_members (nodes);
  for (GList *l = members; l; l = l->next)
    {
      JsonObject *counts = json_object_get_object_member (nodes, l->data);
      double entered = 0, at_end = 0;
      g_autofree char *line = NULL;

      cairn_json_get_number (counts, "entered", &entered);
      cairn_json_get_number (counts, "waiting_at_end", &at_end);
      line = g_strdup_printf ("node %s: entered %.0f, waiting %.0f\n", (const char *) l->data, entered, at_end);
      g_assert_nonnull (strstr (shown, line));
      waiting += (guint) at_end;
    }
  edges = cairn_json_get_array (report, "edges");
  for (guint i = 0; i < json_array_get_length (edges); i++)
    {
      JsonObject *edge = json_array_get_object_element (edges, i);
      gboolean to_nowhere = cairn_json_get_string (edge, "to") == NULL;
      double count = 0;
      g_autofree char *line = NULL;

      cairn_json_get_number (edge, "count", &count);
      line = g_strdup_printf ("%s %s.%s: %.0f\n", to_nowhere ? "loose" : "edge", cairn_json_get_string (edge, "from"),
                              cairn_json_get_string (edge, "port"), count);
      g_assert_nonnull (strstr (shown, line));
      if (to_nowhere)
        loose += (guint) count;
    }
  /* The scenario was cut short for these: some still waiting, some gone
     through email1's loose end. */
  g_assert_cmpuint (waiting, >, 0);
  g_assert_cmpuint (loose, >, 0);
  g_assert_nonnull (strstr (shown, "loose email1.out: "));
  g_assert_true (gtk_widget_get_visible (window->canvas_legend));
  g_assert_true (gtk_widget_get_visible (cairn_canvas_legend_get_key (CAIRN_CANVAS_LEGEND (window->canvas_legend))));

  /* Right of the loose port: its stub and count */
  with_counts = ui_render (window->canvas, NULL);
  g_assert_cmpuint (differing (before, with_counts, (int) px + 7, (int) py - 8, 50, 16), >, 40);

  /* Hidden: no counts, the key gone (its toggle stays), the report kept;
     remembered in the settings. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-run-counts", NULL);
  g_assert_false (cairn_canvas_get_show_counts (canvas));
  g_assert_false (g_settings_get_boolean (settings, "show-run-counts"));
  hidden = cairn_canvas_describe_counts (canvas);
  g_assert_cmpstr (hidden, ==, "");
  g_assert_true (gtk_widget_get_visible (window->canvas_legend));
  g_assert_false (gtk_widget_get_visible (cairn_canvas_legend_get_key (CAIRN_CANVAS_LEGEND (window->canvas_legend))));
  g_assert_true (cairn_simulation_panel_get_report (panel) == report);
  without = ui_render (window->canvas, NULL);
  g_assert_cmpuint (differing (before, without, (int) px + 7, (int) py - 8, 50, 16), ==, 0);
  /* Nothing of the run anywhere: as before it */
  g_assert_cmpuint (differing (before, without, 0, 0, cairo_image_surface_get_width (before),
                               cairo_image_surface_get_height (before)), ==, 0);

  /* Shown again: the same counts */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-run-counts", NULL);
  g_assert_true (g_settings_get_boolean (settings, "show-run-counts"));
  again = cairn_canvas_describe_counts (canvas);
  g_assert_cmpstr (again, ==, shown);
  g_assert_true (gtk_widget_get_visible (cairn_canvas_legend_get_key (CAIRN_CANVAS_LEGEND (window->canvas_legend))));
  cairo_surface_destroy (without);
  without = ui_render (window->canvas, NULL);
  g_assert_cmpuint (differing (with_counts, without, 0, 0, cairo_image_surface_get_width (before),
                               cairo_image_surface_get_height (before)), ==, 0);

  /* The shortcuts window lists the toggle. */
  shortcuts = gtk_builder_new_from_resource ("/io/github/cairnjourneys/Cairn/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (shortcuts);
  for (GSList *l = objects; l; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *action = NULL;
        g_object_get (l->data, "action-name", &action, NULL);
        listed |= g_strcmp0 (action, "win.show-run-counts") == 0;
      }
  g_assert_true (listed);

  /* Another journey: no counts, no legend */
  {
    g_autoptr(CairnJourney) other = cairn_journey_new ();
    g_autofree char *none = NULL;

    cairn_window_set_journey (window, other);
    none = cairn_canvas_describe_counts (canvas);
    g_assert_cmpstr (none, ==, "");
  }
  g_assert_false (gtk_widget_get_visible (window->canvas_legend));

  cairo_surface_destroy (before);
  cairo_surface_destroy (with_counts);
  cairo_surface_destroy (without);
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (scenario);
  g_rmdir (dir);
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

static GtkWidget *
find_mnemonic_button (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mnemonic_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* F9 on a journey with no scenario beside it: the panel offers to choose
 * one or to make a quick one, which runs. */
static void
test_quick_scenario (void)
{
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  g_autoptr(CairnSimulationPanel) panel = ui_panel_new (store_path, journey);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *report_view = cairn_simulation_panel_get_report_view (panel);
  GtkWidget *choose, *quick;
  JsonObject *report, *nodes;
  double users = 0, entered = 0;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (cairn_simulation_panel_get_scenario (panel));
  choose = find_mnemonic_button (report_view, "_Choose Scenario…");
  quick = find_mnemonic_button (report_view, "_Quick Scenario");
  g_assert_nonnull (choose);
  g_assert_nonnull (quick);
  g_assert_true (gtk_widget_is_sensitive (choose));
  g_assert_true (gtk_widget_is_sensitive (quick));
  g_signal_emit_by_name (quick, "clicked");
  g_assert_nonnull (cairn_simulation_panel_get_scenario (panel));
  g_assert_true (g_file_test (cairn_simulation_panel_get_scenario (panel), G_FILE_TEST_IS_REGULAR));
  ui_wait_idle (panel);
  report = cairn_simulation_panel_get_report (panel);
  g_assert_nonnull (report);
  g_assert_true (cairn_json_get_number (report, "users", &users));
  g_assert_cmpfloat (users, ==, 1000);
  /* People bought furniture, so they entered */
  nodes = cairn_json_get_object (report, "nodes");
  g_assert_true (cairn_json_get_number (cairn_json_get_object (nodes, "start"), "entered", &entered));
  g_assert_cmpfloat (entered, >, 100);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("cairn-test-simulation-XXXXXX", NULL);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
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
  g_test_add_func ("/ui/simulation/counts-on-canvas", test_counts_on_canvas);
  g_test_add_func ("/ui/preferences/window-and-style", test_preferences);
  g_test_add_func ("/ui/simulation/quick-scenario", test_quick_scenario);
  return g_test_run ();
}
