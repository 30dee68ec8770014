/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The canvas (suite "ui"): hit-testing on the cards where the journey puts
 * them, zoom anchored at the pointer, selection, drops and a drawing that
 * is not blank. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "cairn-diagnostic.h"
#include "cairn-json.h"

#include "cairn-canvas.h"
#include "ui-util.h"

static CairnJourney *
sample (void)
{
  g_autofree char *path = g_build_filename (TESTS_SRCDIR, "..", "data", "journeys", "furniture-cross-sell.json", NULL);
  CairnJourney *journey = cairn_journey_load_file (path, NULL);
  g_assert_nonnull (journey);
  return journey;
}

static GtkWidget *
shown_canvas (CairnJourney *journey,
              GtkWidget   **window)
{
  GtkWidget *canvas = cairn_canvas_new ();

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 1200, 700);
  gtk_window_set_child (GTK_WINDOW (*window), canvas);
  cairn_canvas_set_journey (CAIRN_CANVAS (canvas), journey);
  gtk_window_present (GTK_WINDOW (*window));
  for (int i = 0; i < 200 && gtk_widget_get_width (canvas) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (canvas), >, 0);
  return canvas;
}

static void
test_hit_testing (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  GtkWidget *window;
  CairnCanvas *canvas = CAIRN_CANVAS (shown_canvas (journey, &window));

  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      double wx, wy;

      /* The middle of each card's title is that node. */
      cairn_canvas_to_widget (canvas, node->x + 100, node->y + 25, &wx, &wy);
      g_assert_cmpstr (cairn_canvas_node_at (canvas, wx, wy), ==, node->id);
    }
  /* Far away is nothing. */
  g_assert_null (cairn_canvas_node_at (canvas, -5000, -5000));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_zoom_anchored (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  GtkWidget *window;
  CairnCanvas *canvas = CAIRN_CANVAS (shown_canvas (journey, &window));
  double cx, cy, cx2, cy2, zoom = cairn_canvas_get_zoom (canvas);

  cairn_canvas_to_canvas (canvas, 300, 200, &cx, &cy);
  cairn_canvas_zoom_at (canvas, 1.5, 300, 200);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas), MIN (zoom * 1.5, 3.0), 1e-9);
  cairn_canvas_to_canvas (canvas, 300, 200, &cx2, &cy2);
  g_assert_cmpfloat_with_epsilon (cx, cx2, 1e-6);
  g_assert_cmpfloat_with_epsilon (cy, cy2, 1e-6);
  cairn_canvas_zoom_reset (canvas);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas), 1.0, 1e-9);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_dropped (CairnCanvas *canvas,
            const char  *type,
            double       x,
            double       y,
            char       **out)
{
  *out = g_strdup_printf ("%s@%.0f,%.0f", type, x, y);
}

static void
test_selection_and_overlay (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  GtkWidget *window;
  CairnCanvas *canvas = CAIRN_CANVAS (shown_canvas (journey, &window));
  const char *ids[] = { "push1", "email1", NULL };
  g_auto(GStrv) selected = NULL;
  g_autofree char *dropped = NULL;
  const char *report = "{\"edges\":[{\"from\":\"start\",\"port\":\"out\",\"to\":\"w1\",\"count\":7}],"
                       "\"nodes\":{\"start\":{\"entered\":7}}}";
  g_autoptr(JsonNode) root = NULL;

  cairn_canvas_set_selection (canvas, ids);
  selected = cairn_canvas_get_selection (canvas);
  /* document order */
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  g_assert_cmpstr (selected[0], ==, "push1");
  g_assert_cmpstr (selected[1], ==, "email1");

  /* Removing a selected node drops it from the selection. */
  cairn_journey_remove_node (journey, "email1");
  g_clear_pointer (&selected, g_strfreev);
  selected = cairn_canvas_get_selection (canvas);
  g_assert_cmpuint (g_strv_length (selected), ==, 1);

  g_signal_connect (canvas, "node-dropped", G_CALLBACK (on_dropped), &dropped);
  g_signal_emit_by_name (canvas, "node-dropped", "wait.duration", 10.0, 20.0);
  g_assert_cmpstr (dropped, ==, "wait.duration@10,20");

  /* A selected edge is removed by the canvas. */
  g_assert_nonnull (cairn_journey_find_edge (journey, "w1", "timeout"));
  cairn_canvas_select_edge (canvas, "w1", "timeout");
  g_assert_true (cairn_canvas_delete_selected_edge (canvas));
  g_assert_null (cairn_journey_find_edge (journey, "w1", "timeout"));
  g_assert_false (cairn_canvas_delete_selected_edge (canvas));

  root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
  cairn_canvas_set_overlay (canvas, json_node_get_object (root), NULL);
  cairn_canvas_set_overlay (canvas, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The drawing is not blank: the snapshot renders to a texture whose
 * pixels under a card differ from the background. */
static void
test_drawing (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  GtkWidget *window;
  CairnCanvas *canvas = CAIRN_CANVAS (shown_canvas (journey, &window));
  GdkPaintable *paintable = gtk_widget_paintable_new (GTK_WIDGET (canvas));
  int width = gtk_widget_get_width (GTK_WIDGET (canvas)), height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint distinct = 0;
  guint32 first = 0;
  CairnNode *start = cairn_journey_find_node (journey, "start");
  double wx, wy;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y += 7)
    for (int x = 0; x < width; x += 7)
      {
        guint32 pixel = ((guint32 *) (void *) cairo_image_surface_get_data (surface))[y * cairo_image_surface_get_stride (surface) / 4 + x];
        if (x == 0 && y == 0)
          first = pixel;
        else if (pixel != first)
          distinct++;
      }
  g_assert_cmpuint (distinct, >, 100);
  /* Inside the starter's card, between its summary and its port, the card
     is white. */
  cairn_canvas_to_widget (canvas, start->x + 110, start->y + 55, &wx, &wy);
  {
    guint32 pixel = ((guint32 *) (void *) cairo_image_surface_get_data (surface))[(int) wy * cairo_image_surface_get_stride (surface) / 4 + (int) wx];
    g_assert_cmphex (pixel & 0xFFFFFF, ==, 0xFFFFFF);
  }
  cairo_surface_destroy (surface);
  g_object_unref (paintable);
  gtk_window_destroy (GTK_WINDOW (window));
}


/* Export Image draws the canvas's own cards: a PNG twice the journey's
 * size with white cards where the nodes are and their category stripe, an
 * SVG and a PDF; an unknown extension is refused and nothing is left. */
static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  return *(guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4) & 0xffffff;
}

static void
test_export (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  g_autofree char *dir = g_dir_make_tmp ("cairn-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "journey.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "journey.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "journey.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "journey.bmp", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *canvas = shown_canvas (journey, &window);
  cairo_surface_t *surface;
  double minx = G_MAXDOUBLE, miny = G_MAXDOUBLE, maxx = -G_MAXDOUBLE;
  gsize length;

  /* A selected node is not drawn selected in the image. */
  cairn_canvas_set_selection (CAIRN_CANVAS (canvas), (const char *[]) { "push1", NULL });
  g_assert_true (cairn_canvas_export (CAIRN_CANVAS (canvas), png, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  /* The journey's extent: cards are 220 wide; badges may sit 12 above. */
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      minx = MIN (minx, node->x);
      miny = MIN (miny, node->y - 12);
      maxx = MAX (maxx, node->x + 220);
    }
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) ceil (maxx - minx + 64) * 2);
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      int cx = (int) ((node->x - minx + 32) * 2), cy = (int) ((node->y - miny + 32) * 2);
      /* Inside the card, between the summary and the ports: white. On the
         stripe at its left edge: coloured, not white or grey. */
      guint32 inside = pixel (surface, cx + 220, cy + 110);
      guint32 stripe = pixel (surface, cx + 5, cy + 40);
      guint r = stripe >> 16, g = (stripe >> 8) & 0xff, b = stripe & 0xff;
      guint coloured = 0;
      g_assert_cmphex (inside, ==, 0xffffff);
      g_assert_cmpuint (MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)), >, 60);
      /* The kind's icon, 16 pixels at (19, 15), in the stripe's colour. */
      for (int y = cy + 30; y < cy + 62; y++)
        for (int x = cx + 38; x < cx + 70; x++)
          coloured += pixel (surface, x, y) == stripe;
      g_assert_cmpuint (coloured, >, 20);
    }
  /* Between cards, the white page. */
  g_assert_cmphex (pixel (surface, 4, 4), ==, 0xffffff);
  cairo_surface_destroy (surface);

  g_assert_true (cairn_canvas_export (CAIRN_CANVAS (canvas), svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, &length, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_cmpuint (length, >, 4000);
  g_clear_pointer (&text, g_free);

  g_assert_true (cairn_canvas_export (CAIRN_CANVAS (canvas), pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &text, &length, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_cmpuint (length, >, 4000);

  g_assert_false (cairn_canvas_export (CAIRN_CANVAS (canvas), bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A folder that is not there, a PNG far larger than an image can be
     (a node two thousand million units out) and no nodes: each an error,
     and nothing left behind. */
  {
    g_autofree char *nowhere = g_build_filename (dir, "missing", "journey.png", NULL);
    g_autofree char *partial = g_strconcat (png, ".partial", NULL);

    g_assert_false (cairn_canvas_export (CAIRN_CANVAS (canvas), nowhere, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_unlink (png);
    cairn_journey_move_node (journey, "done", 2e9, 0);
    g_assert_false (cairn_canvas_export (CAIRN_CANVAS (canvas), png, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
    cairn_canvas_set_journey (CAIRN_CANVAS (canvas), NULL);
    g_assert_false (cairn_canvas_export (CAIRN_CANVAS (canvas), png, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }

  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}


/* A person's path stays highlighted through an edit elsewhere: the cards
 * are rebuilt, but the start's card on the path is still drawn at full
 * strength (its stripe saturated) and those off it dimmed. */
static void
test_path_survives_edit (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  g_autofree char *dir = g_dir_make_tmp ("cairn-path-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "journey.png", NULL);
  const char *report = "{\"edges\":[],\"nodes\":{\"start\":{\"entered\":7}}}";
  const char *path[] = { "start", "w1", NULL };
  g_autoptr(JsonNode) root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *canvas = shown_canvas (journey, &window);
  CairnNode *done = cairn_journey_find_node (journey, "done");
  double minx = G_MAXDOUBLE, miny = G_MAXDOUBLE;
  cairo_surface_t *surface;

  cairn_canvas_set_overlay (CAIRN_CANVAS (canvas), json_node_get_object (root), path);
  cairn_journey_move_node (journey, "done", done->x + 40, done->y);
  g_assert_true (cairn_canvas_export (CAIRN_CANVAS (canvas), png, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      minx = MIN (minx, node->x);
      miny = MIN (miny, node->y - 12);
    }
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      guint32 stripe = pixel (surface, (int) ((node->x - minx + 32) * 2) + 5, (int) ((node->y - miny + 32) * 2) + 40);
      guint r = stripe >> 16, g = (stripe >> 8) & 0xff, b = stripe & 0xff;
      guint saturation = MAX (r, MAX (g, b)) - MIN (r, MIN (g, b));

      /* Full: 107 (purple) to 197 (red); at a third: 37 to 69. */
      if (g_strv_contains (path, node->id))
        g_assert_cmpuint (saturation, >, 90);
      else
        g_assert_cmpuint (saturation, <, 90);
    }
  cairo_surface_destroy (surface);
  g_unlink (png);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the canvas is tested over: grey, which no card or edge is. */
static const GdkRGBA grey = { 0.5, 0.5, 0.5, 1 };

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  return cairo_image_surface_get_height (a) == cairo_image_surface_get_height (b)
         && cairo_image_surface_get_stride (a) == cairo_image_surface_get_stride (b)
         && memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                     (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a)) == 0;
}

/* Whether the canvas renders now as it did in @before. */
static gboolean
renders_as (GtkWidget       *canvas,
            cairo_surface_t *before)
{
  cairo_surface_t *now = ui_render (canvas, &grey);
  gboolean same = same_pixels (before, now);

  cairo_surface_destroy (now);
  return same;
}

/* How sharp a drawing is: the sum of its pixels' differences from their
 * right and lower neighbours. */
static double
sharpness (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);
  double sum = 0;

  for (int y = 0; y + 1 < height; y++)
    for (int x = 0; x + 1 < width; x++)
      {
        guint32 p = pixel (surface, x, y), r = pixel (surface, x + 1, y), d = pixel (surface, x, y + 1);
        for (int shift = 0; shift < 24; shift += 8)
          sum += abs ((int) ((p >> shift) & 0xff) - (int) ((r >> shift) & 0xff))
                 + abs ((int) ((p >> shift) & 0xff) - (int) ((d >> shift) & 0xff));
      }
  return sum;
}

/* On screen, cards are images remade when their look changes: a selection,
 * a problem or a run's counts show at once, and taken back, the canvas is
 * exactly as before. At a zoom between pixels the images are as sharp as
 * the cards drawn directly (which the first frame at a new zoom does). */
static void
test_card_images (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  GtkWidget *window;
  GtkWidget *canvas = shown_canvas (journey, &window);
  const char *report = "{\"edges\":[],\"nodes\":{\"push1\":{\"entered\":7,\"waiting_at_end\":0}}}";
  g_autoptr(JsonNode) root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  cairo_surface_t *direct, *before, *after;
  double direct_sharpness, image_sharpness;

  cairn_canvas_zoom_reset (CAIRN_CANVAS (canvas));
  cairn_canvas_zoom_at (CAIRN_CANVAS (canvas), 1.3, 13.7, 9.1);
  direct = ui_render (canvas, &grey);
  before = ui_render (canvas, &grey);
  direct_sharpness = sharpness (direct);
  image_sharpness = sharpness (before);
  g_test_message ("sharpness at 130%%: drawn %.0f, as images %.0f", direct_sharpness, image_sharpness);
  g_assert_cmpfloat (image_sharpness, >, 0.95 * direct_sharpness);
  g_assert_cmpfloat (image_sharpness, <, 1.05 * direct_sharpness);
  /* The same again: nothing changed, nothing drawn differently. */
  g_assert_true (renders_as (canvas, before));

  /* Selected, then not */
  cairn_canvas_set_selection (CAIRN_CANVAS (canvas), (const char *[]) { "push1", NULL });
  g_assert_false (renders_as (canvas, before));
  cairn_canvas_set_selection (CAIRN_CANVAS (canvas), NULL);
  g_assert_true (renders_as (canvas, before));

  /* A problem's badge, then none */
  g_ptr_array_add (diagnostics, cairn_diagnostic_new (CAIRN_SEVERITY_ERROR, NULL, 0, 0, "push1", "test", "broken"));
  cairn_canvas_set_diagnostics (CAIRN_CANVAS (canvas), diagnostics);
  g_assert_false (renders_as (canvas, before));
  cairn_canvas_set_diagnostics (CAIRN_CANVAS (canvas), NULL);
  g_assert_true (renders_as (canvas, before));

  /* A run's counts, then none */
  cairn_canvas_set_overlay (CAIRN_CANVAS (canvas), json_node_get_object (root), NULL);
  g_assert_false (renders_as (canvas, before));
  cairn_canvas_set_overlay (CAIRN_CANVAS (canvas), NULL, NULL);
  g_assert_true (renders_as (canvas, before));

  /* A port's edge gone, then back: its ring (the first port's, inside
     the card's edge) is open, then filled again */
  {
    CairnEdge *edge = cairn_journey_find_edge (journey, "push1", "out");
    CairnNode *push1 = cairn_journey_find_node (journey, "push1");
    g_autofree char *to = NULL;
    double rx, ry;

    g_assert_nonnull (edge);
    to = g_strdup (edge->to);
    cairn_canvas_to_widget (CAIRN_CANVAS (canvas), push1->x + 220 - 3, push1->y + 58 + 9, &rx, &ry);
    g_assert_true (cairn_journey_disconnect (journey, "push1", "out"));
    after = ui_render (canvas, &grey);
    g_assert_cmphex (pixel (after, (int) rx, (int) ry), !=, pixel (before, (int) rx, (int) ry));
    cairo_surface_destroy (after);
    g_assert_true (cairn_journey_connect (journey, "push1", "out", to, NULL));
    g_assert_true (renders_as (canvas, before));
  }

  cairo_surface_destroy (direct);
  cairo_surface_destroy (before);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every node stands for itself to assistive technologies: a focusable
 * child with the role button, named "Kind: label" and described by its
 * summary and problems, over its card; focusing one selects its node, and
 * the children follow the journey's edits. */
static void
test_accessible_nodes (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  GtkWidget *window;
  GtkWidget *canvas = shown_canvas (journey, &window);
  GtkWidget *node;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  g_auto(GStrv) selection = NULL;
  guint n = 0;

  /* The children are made once the main loop is idle. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (canvas); child; child = gtk_widget_get_next_sibling (child))
    n++;
  g_assert_cmpuint (n, ==, cairn_journey_get_n_nodes (journey));

  node = cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), "push1");
  g_assert_nonnull (node);
  g_assert_true (gtk_widget_get_focusable (node));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (node), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (node), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Web push: Complementary items");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (node), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Web push: Make it cosy, {{user.name}} · 3 complementary products"
                                       " · out → Two more days · failed → Complete your living room");

  /* Over its card: the child's middle is where the canvas finds the node. */
  for (int i = 0; i < 200 && gtk_widget_get_width (node) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  {
    graphene_rect_t bounds;
    g_assert_true (gtk_widget_compute_bounds (node, canvas, &bounds));
    g_assert_cmpstr (cairn_canvas_node_at (CAIRN_CANVAS (canvas),
                                           bounds.origin.x + bounds.size.width / 2,
                                           bounds.origin.y + bounds.size.height / 2), ==, "push1");
  }

  /* Focus selects. */
  gtk_widget_grab_focus (cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), "w2"));
  selection = cairn_canvas_get_selection (CAIRN_CANVAS (canvas));
  g_assert_cmpstrv (selection, ((const char *[]) { "w2", NULL }));

  /* Problems are told; a removed node's child goes. */
  g_ptr_array_add (diagnostics, cairn_diagnostic_new (CAIRN_SEVERITY_ERROR, NULL, 0, 0, "push1", "test", "broken"));
  cairn_canvas_set_diagnostics (CAIRN_CANVAS (canvas), diagnostics);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), "push1")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Web push: Make it cosy, {{user.name}} · 3 complementary products · 1 error"
                                       " · out → Two more days · failed → Complete your living room");
  cairn_journey_remove_node (journey, "done");
  g_assert_null (cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), "done"));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  n = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (canvas); child; child = gtk_widget_get_next_sibling (child))
    n++;
  g_assert_cmpuint (n, ==, cairn_journey_get_n_nodes (journey));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Tab, as the canvas's key controller gets it: from the canvas it walks
 * every node in document order, each focused and selected alone; past
 * the last it leaves the canvas for the next widget, Shift+Tab walks back
 * and Ctrl+Tab is GTK's. */
static gboolean
press (GtkWidget       *canvas,
       guint            keyval,
       GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (canvas);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

static void
test_tab_reaches_every_node (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *canvas = cairn_canvas_new ();
  GtkWidget *after = gtk_button_new_with_label ("After");
  guint n = cairn_journey_get_n_nodes (journey);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_box_append (GTK_BOX (box), canvas);
  gtk_box_append (GTK_BOX (box), after);
  gtk_window_set_child (GTK_WINDOW (window), box);
  cairn_canvas_set_journey (CAIRN_CANVAS (canvas), journey);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 200 && gtk_widget_get_width (canvas) == 0; i++)
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_grab_focus (canvas);
  for (guint i = 0; i < n; i++)
    {
      const char *id = cairn_journey_get_node (journey, i)->id;
      g_auto(GStrv) selection = NULL;

      g_assert_true (press (canvas, GDK_KEY_Tab, 0));
      selection = cairn_canvas_get_selection (CAIRN_CANVAS (canvas));
      g_assert_cmpstrv (selection, ((const char *[]) { id, NULL }));
      g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), id));
    }
  /* Past the last node, GTK moves the focus on: to the button. */
  g_assert_false (press (canvas, GDK_KEY_Tab, 0));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == after);

  /* Back from the last node to the one before it. */
  gtk_widget_grab_focus (cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), cairn_journey_get_node (journey, n - 1)->id));
  g_assert_true (press (canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window))
                 == cairn_canvas_get_node_widget (CAIRN_CANVAS (canvas), cairn_journey_get_node (journey, n - 2)->id));
  g_assert_false (press (canvas, GDK_KEY_Tab, GDK_CONTROL_MASK));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A journey of @n nodes that branches at every port: waits, emails and
 * checks, each port leading to the next node made. */
static CairnJourney *
branching_journey (guint n)
{
  static const char * const types[] = { "wait.until_event", "message.email", "condition.check", "wait.duration",
                                        "message.web_push" };
  CairnJourney *journey = cairn_journey_new ();
  g_autoptr(GQueue) free_ports = g_queue_new ();   /* "id\nport" */

  for (guint i = 0; i < n; i++)
    {
      /* Leaves while there are ports enough, so that every node is joined */
      const char *type = i == 0 ? "starter.event"
                         : g_queue_get_length (free_ports) < 3 ? "wait.until_event" : types[i % G_N_ELEMENTS (types)];
      g_autofree char *id = g_strdup (cairn_journey_add_node (journey, type, 0, 0));
      g_autoptr(GPtrArray) ports = NULL;
      CairnNode *node;

      if (i > 0)
        {
          g_autofree char *from = g_queue_pop_head (free_ports);
          g_auto(GStrv) parts = NULL;

          g_assert_nonnull (from);
          parts = g_strsplit (from, "\n", 2);
          cairn_journey_connect (journey, parts[0], parts[1], id, NULL);
        }
      node = cairn_journey_find_node (journey, id);
      g_assert_nonnull (node);
      ports = cairn_node_kind_ports (node->kind, node->config);
      for (guint p = 0; p < ports->len; p++)
        g_queue_push_tail (free_ports, g_strdup_printf ("%s\n%s", id, ((CairnPort *) ports->pdata[p])->id));
    }
  g_queue_free_full (g_steal_pointer (&free_ports), g_free);
  return journey;
}

/* No two cards as drawn overlap after Tidy; the whole journey is then in
 * view, at 100 % when it fits. */
static void
assert_tidy (CairnJourney *journey,
             const char   *name)
{
  GtkWidget *window;
  CairnCanvas *canvas = CAIRN_CANVAS (shown_canvas (journey, &window));
  guint n = cairn_journey_get_n_nodes (journey);
  g_autofree graphene_rect_t *rects = g_new0 (graphene_rect_t, n);
  g_autoptr(GError) error = NULL;
  graphene_rect_t all;
  int width = gtk_widget_get_width (GTK_WIDGET (canvas)), height = gtk_widget_get_height (GTK_WIDGET (canvas));
  double x0, y0, x1, y1;

  /* Everything in one place first, as a pasted heap would be */
  for (guint i = 0; i < n; i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      g_autofree char *id = g_strdup (node->id);
      cairn_journey_move_node (journey, id, 0, 0);
    }
  g_assert_true (cairn_canvas_tidy (canvas, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (cairn_canvas_get_card_bounds (canvas, cairn_journey_get_node (journey, i)->id, &rects[i]));
      if (i == 0)
        all = rects[0];
      else
        graphene_rect_union (&all, &rects[i], &all);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (graphene_rect_intersection (&rects[i], &rects[j], NULL))
        g_error ("%s: %s (%g,%g %gx%g) overlaps %s (%g,%g %gx%g)", name,
                 cairn_journey_get_node (journey, i)->id, rects[i].origin.x, rects[i].origin.y,
                 rects[i].size.width, rects[i].size.height,
                 cairn_journey_get_node (journey, j)->id, rects[j].origin.x, rects[j].origin.y,
                 rects[j].size.width, rects[j].size.height);

  cairn_canvas_to_widget (canvas, all.origin.x, all.origin.y, &x0, &y0);
  cairn_canvas_to_widget (canvas, all.origin.x + all.size.width, all.origin.y + all.size.height, &x1, &y1);
  if (cairn_canvas_get_zoom (canvas) > 0.2 + 1e-9)
    {
      g_assert_cmpfloat (x0, >=, 0);
      g_assert_cmpfloat (y0, >=, 0);
      g_assert_cmpfloat (x1, <=, width);
      g_assert_cmpfloat (y1, <=, height);
    }
  if (all.size.width + 60 <= width && all.size.height + 60 <= height)
    g_assert_cmpfloat (cairn_canvas_get_zoom (canvas), ==, 1.0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_tidy_no_overlap (void)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *path = ui_source_path ("journeys", "");
  const char *name;
  guint n_samples = 0;

  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(CairnJourney) journey = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      journey = ui_load_journey (name);
      assert_tidy (journey, name);
      n_samples++;
    }
  g_assert_cmpuint (n_samples, >=, 6);
  {
    g_autoptr(CairnJourney) big = branching_journey (1000);
    g_assert_cmpuint (cairn_journey_get_n_edges (big), ==, 999);
    assert_tidy (big, "1,000 nodes");
  }
}

/* Dark pixels in the top band of @id's card (where its label is), drawn
 * at @zoom. */
static guint
ink_in_title (CairnCanvas  *canvas,
              CairnJourney *journey,
              const char   *id,
              double        zoom)
{
  CairnNode *node = cairn_journey_find_node (journey, id);
  cairo_surface_t *surface;
  double x0, y0, x1, y1;
  guint ink = 0;

  cairn_canvas_zoom_at (canvas, zoom / cairn_canvas_get_zoom (canvas), 0, 0);
  cairn_canvas_reveal_node (canvas, id);
  surface = ui_render (GTK_WIDGET (canvas), &(GdkRGBA) { 0.5, 0.5, 0.5, 1 });
  cairn_canvas_to_widget (canvas, node->x + 8, node->y + 8, &x0, &y0);
  cairn_canvas_to_widget (canvas, node->x + 200, node->y + 44, &x1, &y1);
  for (int y = (int) y0; y < (int) y1; y++)
    for (int x = (int) x0; x < (int) x1; x++)
      {
        guint32 p = ((guint32 *) (void *) cairo_image_surface_get_data (surface))[y * cairo_image_surface_get_stride (surface) / 4 + x];
        if (((p >> 16) & 0xff) < 0x60 && ((p >> 8) & 0xff) < 0x60 && (p & 0xff) < 0x60)
          ink++;
      }
  cairo_surface_destroy (surface);
  return ink;
}

/* Zoomed out, a card still shows its label while the text would be 6 px
 * or more on screen; further out it is a shape. */
static void
test_far_labels (void)
{
  g_autoptr(CairnJourney) journey = sample ();
  GtkWidget *window;
  CairnCanvas *canvas = CAIRN_CANVAS (shown_canvas (journey, &window));
  guint at_100 = ink_in_title (canvas, journey, "start", 1.0);
  guint at_35 = ink_in_title (canvas, journey, "start", 0.35);
  guint at_25 = ink_in_title (canvas, journey, "start", 0.25);
  guint at_20 = ink_in_title (canvas, journey, "start", 0.2);

  g_test_message ("ink: %u at 100 %%, %u at 35 %%, %u at 25 %%, %u at 20 %%", at_100, at_35, at_25, at_20);
  g_assert_cmpuint (at_100, >, 40);
  g_assert_cmpuint (at_35, >, 15);
  g_assert_cmpuint (at_25, >, 8);
  g_assert_cmpuint (at_20, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipped\n");
      return 77;
    }
  adw_init ();
  g_test_add_func ("/ui/canvas/hit-testing", test_hit_testing);
  g_test_add_func ("/ui/canvas/zoom-anchored", test_zoom_anchored);
  g_test_add_func ("/ui/canvas/selection-and-overlay", test_selection_and_overlay);
  g_test_add_func ("/ui/canvas/drawing", test_drawing);
  g_test_add_func ("/ui/canvas/card-images", test_card_images);
  g_test_add_func ("/ui/canvas/export", test_export);
  g_test_add_func ("/ui/canvas/path-survives-edit", test_path_survives_edit);
  g_test_add_func ("/ui/canvas/accessible-nodes", test_accessible_nodes);
  g_test_add_func ("/ui/canvas/tab-reaches-every-node", test_tab_reaches_every_node);
  g_test_add_func ("/ui/canvas/tidy-no-overlap", test_tidy_no_overlap);
  g_test_add_func ("/ui/canvas/far-labels", test_far_labels);
  return g_test_run ();
}
