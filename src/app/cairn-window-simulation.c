/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-simulation-panel.h"
#include "cairn-window-private.h"
#ifdef HAVE_CANVAS
# include "cairn-canvas.h"
#endif

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
#ifdef HAVE_CANVAS
  cairn_canvas_set_overlay (CAIRN_CANVAS (self->canvas), report, NULL);
#endif
}

static void
on_person_selected (CairnWindow *self,
                    const char  *id,
                    GStrv        path)
{
#ifdef HAVE_CANVAS
  JsonObject *report = cairn_simulation_panel_get_report (CAIRN_SIMULATION_PANEL (self->simulation));
  if (report != NULL)
    cairn_canvas_set_overlay (CAIRN_CANVAS (self->canvas), report, (const char * const *) path);
#endif
}

static void
on_running (CairnWindow *self,
            gboolean     running)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.simulate", !running);
}

void
_cairn_window_setup_simulation (CairnWindow *self)
{
  g_autofree char *store = g_build_filename (g_get_user_data_dir (), "cairn", "runs.sqlite", NULL);

  self->simulation = cairn_simulation_panel_new ();
  cairn_simulation_panel_set_store_path (CAIRN_SIMULATION_PANEL (self->simulation), store);
  g_signal_connect_swapped (self->simulation, "node-activated", G_CALLBACK (on_node_activated), self);
  g_signal_connect_swapped (self->simulation, "running", G_CALLBACK (on_running), self);
  g_signal_connect_swapped (self->simulation, "report-ready", G_CALLBACK (on_report_ready), self);
  g_signal_connect_swapped (self->simulation, "person-selected", G_CALLBACK (on_person_selected), self);
  adw_bin_set_child (self->simulation_bin, self->simulation);
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
  g_clear_handle_id (&self->room_id, g_source_remove);
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
