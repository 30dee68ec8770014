/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A 1,000-node journey on the canvas: the time of a full redraw (snapshot
 * and rasterisation with cairo) and the frame times of a scripted drag of
 * three nodes; prints them. Needs a display (xvfb-run). */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cairn-canvas.h"
#include "cairn-viewport.h"
#include "cairn-json.h"

/* The processor time of the frames since the last call: unlike the wall
 * clock, it hardly moves when other processes share the machine. */
static double cpu_ms;

static double
cpu_since (void)
{
  double ms = cpu_ms;
  cpu_ms = 0;
  return ms;
}

static double
frame (GtkWidget       *canvas,
       cairo_surface_t *surface)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_t *cr = cairo_create (surface);
  gint64 t0 = g_get_monotonic_time ();
  struct timespec c0, c1;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c0);

  /* The widget's own drawing, not a cached node. */
  GTK_WIDGET_GET_CLASS (canvas)->snapshot (canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_clear_pointer (&node, gsk_render_node_unref);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
  cpu_ms += (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* Cards (220 wide, at most 100 high here) wholly inside the widget. */
static guint
cards_in_view (GtkWidget    *canvas,
               CairnJourney *journey)
{
  guint in_view = 0;

  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      double x0, y0, x1, y1;

      cairn_canvas_to_widget (CAIRN_CANVAS (canvas), node->x, node->y, &x0, &y0);
      cairn_canvas_to_widget (CAIRN_CANVAS (canvas), node->x + 220, node->y + 100, &x1, &y1);
      in_view += x0 >= 0 && y0 >= 0 && x1 <= gtk_widget_get_width (canvas) && y1 <= gtk_widget_get_height (canvas);
    }
  return in_view;
}

static CairnJourney *
make_journey (guint n)
{
  CairnJourney *journey = cairn_journey_new ();
  g_autofree char *previous = NULL;

  cairn_journey_freeze_changed (journey);
  for (guint i = 0; i < n; i++)
    {
      const char *type = i == 0 ? "starter.event" : i % 3 == 0 ? "wait.duration" : i % 3 == 1 ? "message.email" : "condition.check";
      /* 25 columns: at the least zoom the whole journey fits in 1280 × 1000
         (xvfb-run's screen is 1280 wide). */
      g_autofree char *id = g_strdup (cairn_journey_add_node (journey, type, (i % 25) * 240.0, (i / 25) * 115.0));
      if (previous != NULL)
        cairn_journey_connect (journey, previous, "out", id, NULL);
      g_free (previous);
      previous = g_steal_pointer (&id);
    }
  cairn_journey_thaw_changed (journey);
  return journey;
}

/* Opening: the file read and checked, the canvas given it and shown.
 * Returns the canvas, in *@window. */
static GtkWidget *
open_file (CairnJourney **journey,
           GtkWidget    **window_out)
{
  GtkWidget *window, *canvas;

  /* The process's first window pays for fonts, theme and renderer once. */
  {
    GtkWidget *warm = gtk_window_new ();
    gtk_window_set_child (GTK_WINDOW (warm), cairn_canvas_new ());
    gtk_window_present (GTK_WINDOW (warm));
    for (int i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    gtk_window_destroy (GTK_WINDOW (warm));
  }

  /* Opening: the file read and checked, the canvas given it and shown. */
  {
    g_autofree char *dir = g_dir_make_tmp ("cairn-bench-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "big.json", NULL);
    g_autoptr(GError) error = NULL;
    gint64 t0;

    g_assert_true (cairn_journey_save_file (*journey, path, &error));
    t0 = g_get_monotonic_time ();
    g_clear_object (journey);
    *journey = cairn_journey_load_file (path, &error);
    g_assert_no_error (error);
    printf ("opening: file read and checked: %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
    canvas = cairn_canvas_new ();
    window = gtk_window_new ();
    gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
    gtk_window_set_child (GTK_WINDOW (window), canvas);
    cairn_canvas_set_journey (CAIRN_CANVAS (canvas), *journey);
    printf ("opening: on the canvas: %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
    gtk_window_present (GTK_WINDOW (window));
    while (gtk_widget_get_width (canvas) == 0)
      g_main_context_iteration (NULL, TRUE);
    cairn_canvas_zoom_to_fit (CAIRN_CANVAS (canvas));
    printf ("opening: file to canvas on screen: %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
    /* The nodes' accessible children come when the main loop is idle. */
    cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), "");
    printf ("opening: with the nodes' accessible children: %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
    g_unlink (path);
    g_rmdir (dir);
  }
  *window_out = window;
  return canvas;
}

/* Whole redraws: the whole journey in view, then at 100%, then zooming. */
static void
measure_redraws (GtkWidget       *canvas,
                 CairnJourney    *journey,
                 cairo_surface_t *surface)
{
  guint n = cairn_journey_get_n_nodes (journey);
  double total = 0;

  frame (canvas, surface);
  cpu_since ();
  for (int i = 0; i < 20; i++)
    total += frame (canvas, surface);
  printf ("nodes: %u (%u of them wholly in view)\nfull redraw, whole journey in view (mean of 20): %.2f ms (processor %.2f ms)\n",
          n, cards_in_view (canvas, journey), total / 20, cpu_since () / 20);
  /* Drawn anew each frame: the view moves by half a pixel, so nothing
     drawn before serves. */
  total = 0;
  for (int i = 0; i < 20; i++)
    {
      cairn_viewport_pan (cairn_canvas_get_viewport (CAIRN_CANVAS (canvas)), i % 2 ? 0.5 : -0.5, 0);
      total += frame (canvas, surface);
    }
  printf ("full redraw, whole journey in view, drawn anew every frame (mean of 20): %.2f ms (processor %.2f ms)\n",
          total / 20, cpu_since () / 20);
  /* A pan by whole pixels, as a mouse makes */
  total = 0;
  for (int i = 0; i < 20; i++)
    {
      cairn_viewport_pan (cairn_canvas_get_viewport (CAIRN_CANVAS (canvas)), 3, i % 2 ? 2 : -2);
      total += frame (canvas, surface);
    }
  printf ("pan frame, whole journey in view (mean of 20): %.2f ms (processor %.2f ms)\n", total / 20,
          cpu_since () / 20);
  cairn_canvas_zoom_reset (CAIRN_CANVAS (canvas));
  total = 0;
  for (int i = 0; i < 20; i++)
    total += frame (canvas, surface);
  printf ("full redraw at 100%% zoom (mean of 20): %.2f ms (processor %.2f ms)\n", total / 20, cpu_since () / 20);

  /* A zoom gesture from half size: every frame at a new zoom, where each
     card in view is drawn afresh. */
  cairn_canvas_zoom_at (CAIRN_CANVAS (canvas), 0.5, 0, 0);
  total = 0;
  for (int i = 0; i < 20; i++)
    {
      cairn_canvas_zoom_at (CAIRN_CANVAS (canvas), 1.01, 0, 0);
      total += frame (canvas, surface);
    }
  printf ("zooming from 50%%, a new zoom each frame (mean of 20): %.2f ms (processor %.2f ms)\n", total / 20,
          cpu_since () / 20);
  cairn_canvas_zoom_reset (CAIRN_CANVAS (canvas));
}

static void
measure_counts (GtkWidget       *canvas,
                CairnJourney    *journey,
                cairo_surface_t *surface)
{
  double total = 0;

  /* A run's counts on every edge, node and loose end, the whole journey
     in view. */
  {
    g_autoptr(JsonObject) report = json_object_new ();
    JsonArray *edges = json_array_new ();
    JsonObject *nodes = json_object_new ();

    for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
      {
        CairnNode *node = cairn_journey_get_node (journey, i);
        JsonObject *edge = json_object_new ();
        JsonObject *counts = json_object_new ();

        json_object_set_string_member (edge, "from", node->id);
        json_object_set_string_member (edge, "port", "out");
        json_object_set_int_member (edge, "count", 1000 - i);
        json_array_add_object_element (edges, edge);
        json_object_set_int_member (counts, "entered", 1000 - i);
        json_object_set_int_member (counts, "waiting_at_end", i % 5);
        json_object_set_object_member (nodes, node->id, counts);
        /* Messages' "failed" ports have no edge: counts at loose ends. */
        edge = json_object_new ();
        json_object_set_string_member (edge, "from", node->id);
        json_object_set_string_member (edge, "port", "failed");
        json_object_set_null_member (edge, "to");
        json_object_set_int_member (edge, "count", i % 7);
        json_array_add_object_element (edges, edge);
      }
    json_object_set_array_member (report, "edges", edges);
    json_object_set_object_member (report, "nodes", nodes);
    cairn_canvas_set_overlay (CAIRN_CANVAS (canvas), report, NULL);
    cairn_canvas_zoom_to_fit (CAIRN_CANVAS (canvas));
    total = 0;
    frame (canvas, surface);
    cpu_since ();
    for (int i = 0; i < 20; i++)
      total += frame (canvas, surface);
    printf ("full redraw with a run's counts, whole journey in view (mean of 20): %.2f ms (processor %.2f ms)\n",
            total / 20, cpu_since () / 20);
    cairn_canvas_zoom_reset (CAIRN_CANVAS (canvas));
    total = 0;
    for (int i = 0; i < 20; i++)
      total += frame (canvas, surface);
    printf ("full redraw with a run's counts at 100%% zoom (mean of 20): %.2f ms (processor %.2f ms)\n",
            total / 20, cpu_since () / 20);
    cairn_canvas_set_overlay (CAIRN_CANVAS (canvas), NULL, NULL);
  }
}

static void
measure_drags (GtkWidget       *canvas,
               CairnJourney    *journey,
               cairo_surface_t *surface)
{
  double total = 0, worst = 0;

  /* A drag as the canvas's gesture makes it: three selected cards follow
     the pointer a little each frame; the journey moves at the end. */
  {
    CairnCanvasDrag *drag = cairn_canvas_get_drag (CAIRN_CANVAS (canvas));
    const char *ids[4] = { NULL };
    double wx, wy;

    for (int k = 0; k < 3; k++)
      ids[k] = cairn_journey_get_node (journey, k)->id;
    cairn_canvas_set_selection (CAIRN_CANVAS (canvas), ids);
    cairn_canvas_to_widget (CAIRN_CANVAS (canvas), cairn_journey_get_node (journey, 0)->x + 100,
                            cairn_journey_get_node (journey, 0)->y + 25, &wx, &wy);
    cairn_canvas_drag_begin (drag, wx, wy, FALSE, FALSE);
    total = worst = 0;
    frame (canvas, surface);
    cpu_since ();
    for (int i = 1; i <= 60; i++)
      {
        double ms;
        cairn_canvas_drag_update (drag, 2 * i, i);
        ms = frame (canvas, surface);
        total += ms;
        worst = MAX (worst, ms);
      }
    cairn_canvas_drag_end (drag, 120, 60);
    printf ("drag frame, the canvas's drag (mean of 60): %.2f ms (processor %.2f ms)\ndrag frame, the canvas's drag (worst): %.2f ms\n",
            total / 60, cpu_since () / 60, worst);
  }

  /* The same nodes moved in the journey each frame (as a script or an
     undo would). */
  total = worst = 0;
  for (int i = 0; i < 60; i++)
    {
      double ms;
      cairn_journey_freeze_changed (journey);
      for (int k = 0; k < 3; k++)
        {
          CairnNode *node = cairn_journey_get_node (journey, k);
          cairn_journey_move_node (journey, node->id, node->x + 2, node->y + 1);
        }
      cairn_journey_thaw_changed (journey);
      ms = frame (canvas, surface);
      total += ms;
      worst = MAX (worst, ms);
    }
  printf ("drag frame (mean of 60): %.2f ms (processor %.2f ms)\ndrag frame (worst): %.2f ms\nframes per second: %.0f\n",
          total / 60, cpu_since () / 60, worst, 1000.0 / (total / 60));
}

static void
measure_children (GtkWidget *canvas)
{
  /* Laying the nodes' accessible children over their cards, as a pan or a
     zoom does. */
  {
    GtkAllocation allocation = { 0, 0, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas) };
    gint64 t0;

    cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), "");
    t0 = g_get_monotonic_time ();
    for (int i = 0; i < 20; i++)
      {
        cairn_canvas_zoom_at (CAIRN_CANVAS (canvas), i % 2 ? 1.1 : 1 / 1.1, 100, 100);
        gtk_widget_size_allocate (canvas, &allocation, -1);
      }
    printf ("placing the nodes' accessible children (mean of 20): %.2f ms\n",
            (g_get_monotonic_time () - t0) / 1000.0 / 20);
  }
}

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  g_autoptr(CairnJourney) journey = NULL;
  GtkWidget *window, *canvas;
  cairo_surface_t *surface;

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipped\n");
      return 77;
    }
  adw_init ();
  journey = make_journey (n);
  canvas = open_file (&journey, &window);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas));
  measure_redraws (canvas, journey, surface);
  measure_counts (canvas, journey, surface);
  measure_drags (canvas, journey, surface);
  measure_children (canvas);
  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
