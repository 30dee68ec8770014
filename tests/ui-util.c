/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ui-util.h"

char *
ui_source_path (const char *dir,
                const char *name)
{
  return g_build_filename (TESTS_SRCDIR, "..", "data", dir, name, NULL);
}

CairnJourney *
ui_load_journey (const char *name)
{
  g_autofree char *path = ui_source_path ("journeys", name);
  g_autoptr(GError) error = NULL;
  CairnJourney *journey = cairn_journey_load_file (path, &error);

  g_assert_no_error (error);
  return journey;
}

CairnSimulationPanel *
ui_panel_new (const char   *store_path,
              CairnJourney *journey)
{
  CairnSimulationPanel *panel = CAIRN_SIMULATION_PANEL (cairn_simulation_panel_new ());

  g_object_ref_sink (panel);
  cairn_simulation_panel_set_store_path (panel, store_path);
  cairn_simulation_panel_set_journey (panel, journey);
  return panel;
}

void
ui_wait_idle (CairnSimulationPanel *panel)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (cairn_simulation_panel_is_running (panel) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cairn_simulation_panel_is_running (panel));
}

cairo_surface_t *
ui_render (GtkWidget     *widget,
           const GdkRGBA *background)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (background != NULL)
    {
      gdk_cairo_set_source_rgba (cr, background);
      cairo_paint (cr);
    }
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}
