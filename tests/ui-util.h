/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the "ui" tests share: the sample data, waiting for a run, and a
 * widget's drawing as pixels. */
#pragma once

#include <gtk/gtk.h>

#include "cairn-simulation-panel.h"

G_BEGIN_DECLS

/* data/@dir/@name in the source tree. */
char            *ui_source_path (const char           *dir,
                                 const char           *name);
/* data/journeys/@name, loaded (the test fails when it does not load). */
CairnJourney    *ui_load_journey (const char          *name);
/* A simulation panel of @journey keeping its runs in @store_path, owned by
 * the caller (g_object_unref). */
CairnSimulationPanel *ui_panel_new (const char   *store_path,
                                    CairnJourney *journey);
/* Runs the main loop until @panel's run is over (two minutes at most). */
void             ui_wait_idle   (CairnSimulationPanel *panel);
/* @widget's own drawing as it would be on screen now (not the node GTK
 * kept of it), over @background, or over nothing when NULL. */
cairo_surface_t *ui_render      (GtkWidget            *widget,
                                 const GdkRGBA        *background);

G_END_DECLS
