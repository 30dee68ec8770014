/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-application.h"
#include "cairn-json.h"
#include "cairn-simulation.h"
#include "cairn-simulation-panel.h"
#include "cairn-window-private.h"
#include "cairn-canvas.h"
#include "cairn-canvas-legend.h"

/* The simulation panel in the window's bottom area (DESIGN §10): it runs
 * the open journey, and its timelines select nodes on the canvas. */

static char *
default_scenario (CairnJourney *journey)
{
  const char *filename = cairn_journey_get_filename (journey);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  char *candidates[3];

  if (filename == NULL)
    return NULL;
  dir = g_path_get_dirname (filename);
  base = g_path_get_basename (filename);
  stem = g_strndup (base, g_str_has_suffix (base, ".json") ? strlen (base) - 5 : strlen (base));
  /* data/journeys/x.json ↔ data/scenarios/x.json, or x.scenario.json beside it */
  candidates[0] = g_build_filename (dir, "..", "scenarios", base, NULL);
  candidates[1] = g_strdup_printf ("%s/%s.scenario.json", dir, stem);
  candidates[2] = NULL;
  for (int i = 0; candidates[i]; i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      {
        char *found = g_canonicalize_filename (candidates[i], NULL);
        for (int j = 0; candidates[j]; j++)
          g_free (candidates[j]);
        return found;
      }
  for (int j = 0; candidates[j]; j++)
    g_free (candidates[j]);
  return NULL;
}

static void
on_node_activated (CairnWindow *self,
                   const char  *node)
{
  const char *ids[] = { node, NULL };

  cairn_window_select_nodes (self, ids);
  cairn_window_reveal_node (self, node);
}

/* A run's counts on the canvas; a chosen persona's path highlighted. */
static void
on_report_ready (CairnWindow *self,
                 JsonObject  *report)
{
  int width = 0, height = 0;

  cairn_canvas_set_overlay (CAIRN_CANVAS (self->canvas), report, NULL);
  gtk_widget_set_visible (self->canvas_legend, report != NULL);
  /* The legend does not cover a card: the view moves if it would */
  if (report != NULL)
    {
      gtk_widget_measure (self->canvas_legend, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      gtk_widget_measure (self->canvas_legend, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      width += gtk_widget_get_margin_start (self->canvas_legend) + 12;
      height += gtk_widget_get_margin_bottom (self->canvas_legend) + 12;
    }
  cairn_canvas_keep_clear (CAIRN_CANVAS (self->canvas), width, height);
}

void
cairn_window_show_run_counts (CairnWindow *self,
                              JsonObject  *report)
{
  g_return_if_fail (CAIRN_IS_WINDOW (self));
  on_report_ready (self, report);
}

static void
on_person_selected (CairnWindow *self,
                    const char  *id,
                    GStrv        path)
{
  JsonObject *report = cairn_simulation_panel_get_report (CAIRN_SIMULATION_PANEL (self->simulation));
  if (report != NULL)
    cairn_canvas_set_overlay (CAIRN_CANVAS (self->canvas), report, (const char * const *) path);
}

static void
on_positions (CairnWindow *self,
              GHashTable  *positions)
{
  cairn_canvas_set_positions (CAIRN_CANVAS (self->canvas), positions);
}

static void
on_running (CairnWindow *self,
            gboolean     running)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.simulate", !running);
}

/* The run store: the Preferences' choice, else the user data folder. */
static char *
run_store_path (void)
{
  g_autoptr(GSettings) settings = cairn_application_settings ("run-store-path");
  g_autofree char *path = settings ? g_settings_get_string (settings, "run-store-path") : NULL;

  if (path != NULL && *path != '\0')
    return g_steal_pointer (&path);
  return g_build_filename (g_get_user_data_dir (), "cairn", "runs.sqlite", NULL);
}

/* win.show-run-counts: whether a run's counts are drawn. Hidden, the
 * canvas keeps them, to show them again. Remembered in the settings when
 * the schema has the key. */
static void
on_show_counts (CairnWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-run-counts");
  g_autoptr(GVariant) state = g_action_get_state (action);

  cairn_canvas_set_show_counts (CAIRN_CANVAS (self->canvas), g_variant_get_boolean (state));
}

static void
add_show_counts_action (CairnWindow *self)
{
  g_autoptr(GSettings) settings = cairn_application_settings ("show-run-counts");
  g_autoptr(GAction) action = NULL;

  if (settings != NULL)
    action = g_settings_create_action (settings, "show-run-counts");
  else
    action = G_ACTION (g_simple_action_new_stateful ("show-run-counts", NULL, g_variant_new_boolean (TRUE)));
  g_action_map_add_action (G_ACTION_MAP (self), action);
  g_signal_connect_object (action, "notify::state", G_CALLBACK (on_show_counts), self, G_CONNECT_SWAPPED);
  on_show_counts (self);
}

void
_cairn_window_setup_simulation (CairnWindow *self)
{
  g_autofree char *store = run_store_path ();

  self->simulation = cairn_simulation_panel_new ();
  cairn_simulation_panel_set_store_path (CAIRN_SIMULATION_PANEL (self->simulation), store);
  g_signal_connect_swapped (self->simulation, "node-activated", G_CALLBACK (on_node_activated), self);
  g_signal_connect_swapped (self->simulation, "running", G_CALLBACK (on_running), self);
  g_signal_connect_swapped (self->simulation, "report-ready", G_CALLBACK (on_report_ready), self);
  g_signal_connect_swapped (self->simulation, "person-selected", G_CALLBACK (on_person_selected), self);
  g_signal_connect_swapped (self->simulation, "positions-changed", G_CALLBACK (on_positions), self);
  adw_bin_set_child (self->simulation_bin, self->simulation);

  add_show_counts_action (self);
  /* What the counts mean, in the canvas's lower left corner once a run
     has some. */
  self->canvas_legend = cairn_canvas_legend_new ();
  gtk_widget_set_halign (self->canvas_legend, GTK_ALIGN_START);
  gtk_widget_set_valign (self->canvas_legend, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->canvas_legend, 12);
  gtk_widget_set_margin_bottom (self->canvas_legend, 12);
  gtk_widget_set_visible (self->canvas_legend, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->canvas_overlay), self->canvas_legend);

  self->regression_badge = gtk_button_new ();
  gtk_widget_add_css_class (self->regression_badge, "pill");
  gtk_widget_set_visible (self->regression_badge, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->regression_badge), "win.simulate");
  adw_header_bar_pack_end (self->header_bar, self->regression_badge);
}

/* Results need room: the panel takes the lower half of the canvas area,
 * once the window has a size. */
static gboolean
make_room (gpointer data)
{
  CairnWindow *self = data;
  GtkWidget *paned = gtk_widget_get_parent (self->bottom_area);
  int height = GTK_IS_PANED (paned) ? gtk_widget_get_height (paned) : 0;

  if (height == 0 && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_CONTINUE;
  if (height > 0 && gtk_paned_get_position (GTK_PANED (paned)) > height / 2)
    gtk_paned_set_position (GTK_PANED (paned), height * 45 / 100);
  self->room_id = 0;
  return G_SOURCE_REMOVE;
}

void
_cairn_window_clear_simulation (CairnWindow *self)
{
  /* A run under way holds the panel until it ends, past this window: its
     end, and the panel's signals as it goes, must not reach the window.
     The run is of no use any more. */
  if (self->simulation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->simulation, self);
      cairn_simulation_panel_cancel (CAIRN_SIMULATION_PANEL (self->simulation));
    }
  g_clear_handle_id (&self->room_id, g_source_remove);
  g_clear_handle_id (&self->regression_id, g_source_remove);
  if (self->regression_cancellable)
    g_cancellable_cancel (self->regression_cancellable);
  g_clear_object (&self->regression_cancellable);
}

void
_cairn_window_simulate (CairnWindow *self)
{
  CairnSimulationPanel *panel = CAIRN_SIMULATION_PANEL (self->simulation);

  g_clear_handle_id (&self->room_id, g_source_remove);
  if (make_room (self) == G_SOURCE_CONTINUE)
    self->room_id = g_timeout_add (100, make_room, self);
  cairn_simulation_panel_set_journey (panel, self->journey);
  if (cairn_simulation_panel_get_scenario (panel) == NULL)
    {
      g_autofree char *scenario = default_scenario (self->journey);
      if (scenario != NULL)
        cairn_simulation_panel_set_scenario (panel, scenario);
    }
  if (cairn_simulation_panel_get_scenario (panel) != NULL)
    cairn_simulation_panel_run (panel);
}

/* Live regression: when the journey's sample scenario has expectations,
 * they run again a moment after each edit, off the main thread, and a
 * badge in the header bar says how many personas pass. */

/* The task's data: what the worker runs, and which run it is. */
typedef struct
{
  JsonNode *journey;     /* a deep copy: the user may edit meanwhile */
  char     *scenario;
  guint     generation;
} RegressionRun;

static void
regression_run_free (RegressionRun *run)
{
  json_node_unref (run->journey);
  g_free (run->scenario);
  g_free (run);
}

static void
regression_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  RegressionRun *run = data;
  const char *scenario = run->scenario;
  g_autoptr(CairnJourney) journey = cairn_journey_new_from_json (run->journey, NULL);
  CairnSimulationOptions options;
  g_autoptr(GError) error = NULL;
  char *report;

  cairn_simulation_options_init (&options);
  report = cairn_simulation_run_scenario (journey, scenario, &options, cancellable, NULL, NULL, NULL, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_free);
}

static void
regression_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(CairnWindow) self = data;
  RegressionRun *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *expectations;
  JsonArray *failures;
  double passed = 0, failed = 0;
  g_autoptr(GString) tooltip = g_string_new (NULL);
  g_autofree char *label = NULL;

  /* A window closed meanwhile, or an older run with a newer one under way */
  if (self->regression_cancellable == NULL
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || run->generation != self->regression_generation)
    return;
  if (text == NULL)
    {
      gtk_button_set_label (GTK_BUTTON (self->regression_badge), _("Checks: —"));
      gtk_widget_set_tooltip_text (self->regression_badge, error ? error->message : NULL);
      gtk_widget_remove_css_class (self->regression_badge, "success");
      gtk_widget_add_css_class (self->regression_badge, "error");
      return;
    }
  root = cairn_json_parse (text, strlen (text), NULL, NULL, NULL);
  expectations = root ? cairn_json_get_object (json_node_get_object (root), "expectations") : NULL;
  if (expectations == NULL)
    {
      gtk_widget_set_visible (self->regression_badge, FALSE);
      return;
    }
  cairn_json_get_number (expectations, "passed", &passed);
  cairn_json_get_number (expectations, "failed", &failed);
  failures = cairn_json_get_array (expectations, "failures");
  for (guint i = 0; failures && i < json_array_get_length (failures); i++)
    {
      JsonObject *f = json_array_get_object_element (failures, i);
      g_string_append_printf (tooltip, "%s%s: %s", i ? "\n" : "", cairn_json_get_string (f, "user"),
                              cairn_json_get_string (f, "key"));
    }
  label = g_strdup_printf (_("%.0f passed, %.0f failed"), passed, failed);
  gtk_button_set_label (GTK_BUTTON (self->regression_badge), label);
  gtk_widget_set_tooltip_text (self->regression_badge,
                               tooltip->len ? tooltip->str : _("Every persona of the sample scenario does what it expects"));
  gtk_widget_remove_css_class (self->regression_badge, failed > 0 ? "success" : "error");
  gtk_widget_add_css_class (self->regression_badge, failed > 0 ? "error" : "success");
  gtk_widget_set_visible (self->regression_badge, TRUE);
}

static gboolean
run_regression (gpointer data)
{
  CairnWindow *self = data;
  g_autofree char *scenario = default_scenario (self->journey);
  g_autoptr(GTask) task = NULL;
  RegressionRun *run;

  self->regression_id = 0;
  if (scenario == NULL)
    {
      gtk_widget_set_visible (self->regression_badge, FALSE);
      return G_SOURCE_REMOVE;
    }
  if (self->regression_cancellable)
    g_cancellable_cancel (self->regression_cancellable);
  g_clear_object (&self->regression_cancellable);
  self->regression_cancellable = g_cancellable_new ();
  self->regression_generation++;
  task = g_task_new (NULL, self->regression_cancellable, regression_done, g_object_ref (self));
  run = g_new0 (RegressionRun, 1);
  run->journey = cairn_json_deep_copy (cairn_journey_get_root (self->journey));
  run->scenario = g_steal_pointer (&scenario);
  run->generation = self->regression_generation;
  g_task_set_task_data (task, run, (GDestroyNotify) regression_run_free);
  g_task_run_in_thread (task, regression_thread);
  return G_SOURCE_REMOVE;
}

void
_cairn_window_schedule_regression (CairnWindow *self)
{
  g_clear_handle_id (&self->regression_id, g_source_remove);
  self->regression_id = g_timeout_add (800, run_regression, self);
}
