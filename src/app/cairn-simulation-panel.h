/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "cairn-journey.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_SIMULATION_PANEL (cairn_simulation_panel_get_type ())
G_DECLARE_FINAL_TYPE (CairnSimulationPanel, cairn_simulation_panel, CAIRN, SIMULATION_PANEL, GtkWidget)

/* Runs the open journey against a scenario off the main thread, with
 * progress and cancel, and shows the outcomes, the personas' timelines and
 * the run history. Signals:
 * - ::report-ready (JsonObject *report): a run finished (or NULL: results
 *   were cleared); the window paints the counts on the canvas;
 * - ::node-activated (const char *node): a timeline step was clicked;
 * - ::person-selected (const char *id, GStrv path): highlight a path;
 * - ::running (gboolean): a run started or ended. */
GtkWidget  *cairn_simulation_panel_new           (void);
void        cairn_simulation_panel_set_journey   (CairnSimulationPanel *self,
                                                  CairnJourney         *journey);
void        cairn_simulation_panel_set_scenario  (CairnSimulationPanel *self,
                                                  const char           *path);
const char *cairn_simulation_panel_get_scenario  (CairnSimulationPanel *self);
void        cairn_simulation_panel_set_seed      (CairnSimulationPanel *self,
                                                  gint64                seed);
/* Where runs are kept (DESIGN §9); NULL keeps none. */
void        cairn_simulation_panel_set_store_path (CairnSimulationPanel *self,
                                                   const char           *path);
void        cairn_simulation_panel_run           (CairnSimulationPanel *self);
void        cairn_simulation_panel_cancel        (CairnSimulationPanel *self);
gboolean    cairn_simulation_panel_is_running    (CairnSimulationPanel *self);
/* The last report, or NULL. */
JsonObject *cairn_simulation_panel_get_report    (CairnSimulationPanel *self);
gboolean    cairn_simulation_panel_get_stale     (CairnSimulationPanel *self);
GtkWidget  *cairn_simulation_panel_get_report_view   (CairnSimulationPanel *self);
GtkWidget  *cairn_simulation_panel_get_timeline_view (CairnSimulationPanel *self);
/* The Personas page: edits the chosen scenario in place; a run uses its
 * unsaved edits. */
GtkWidget  *cairn_simulation_panel_get_persona_editor (CairnSimulationPanel *self);
/* Writes the last report as JSON (DESIGN §7) or the people as CSV. */
gboolean    cairn_simulation_panel_export        (CairnSimulationPanel *self,
                                                  const char           *path,
                                                  gboolean              as_csv,
                                                  GError              **error);

G_END_DECLS
