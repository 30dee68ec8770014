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

/* XTest, opened at run time: the machine has the library but not its
 * header. */
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

typedef int (*FakeKey) (Display *, unsigned int, Bool, unsigned long);
typedef int (*FakeButton) (Display *, unsigned int, Bool, unsigned long);
typedef int (*FakeMotion) (Display *, int, int, int, unsigned long);

static struct {
  Display   *display;
  FakeKey    key;
  FakeButton button;
  FakeMotion motion;
} xtest;

void
ui_input_ready (GtkWidget *widget)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkNative *native = gtk_widget_get_native (widget);
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  if (xtest.display == NULL)
    {
      void *lib = dlopen ("libXtst.so.6", RTLD_NOW);
      g_assert_nonnull (lib);
      xtest.key = (FakeKey) dlsym (lib, "XTestFakeKeyEvent");
      xtest.button = (FakeButton) dlsym (lib, "XTestFakeButtonEvent");
      xtest.motion = (FakeMotion) dlsym (lib, "XTestFakeMotionEvent");
      g_assert_true (xtest.key != NULL && xtest.button != NULL && xtest.motion != NULL);
      xtest.display = gdk_x11_display_get_xdisplay (display);
    }
  g_assert_nonnull (native);
  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  /* No window manager under Xvfb: the keyboard goes where we say. */
  XSetInputFocus (xtest.display, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                  RevertToParent, CurrentTime);
  ui_input_flush ();
}

void
ui_input_flush (void)
{
  gint64 until = g_get_monotonic_time () + 100 * 1000;

  XSync (xtest.display, False);
  /* Events arrive on the display's source; drain them and what they start. */
  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

void
ui_pointer_move (GtkWidget *widget,
                 double     x,
                 double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  double nx, ny, tx, ty;
  int rx, ry;
  Window child;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native), x, y, &nx, &ny));
  gtk_native_get_surface_transform (native, &tx, &ty);
  XTranslateCoordinates (xtest.display, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (xtest.display), (int) (nx + tx), (int) (ny + ty),
                         &rx, &ry, &child);
  xtest.motion (xtest.display, -1, rx, ry, CurrentTime);
  ui_input_flush ();
}

void
ui_pointer_button (guint    button,
                   gboolean press)
{
  xtest.button (xtest.display, button, press, CurrentTime);
  ui_input_flush ();
}

static void
modifiers_set (GdkModifierType modifiers,
               gboolean        press)
{
  if (modifiers & GDK_CONTROL_MASK)
    xtest.key (xtest.display, XKeysymToKeycode (xtest.display, GDK_KEY_Control_L), press, CurrentTime);
  if (modifiers & GDK_SHIFT_MASK)
    xtest.key (xtest.display, XKeysymToKeycode (xtest.display, GDK_KEY_Shift_L), press, CurrentTime);
}

void
ui_key (guint           keyval,
        GdkModifierType modifiers)
{
  KeyCode code = XKeysymToKeycode (xtest.display, keyval);

  g_assert_cmpuint (code, !=, 0);
  modifiers_set (modifiers, TRUE);
  xtest.key (xtest.display, code, True, CurrentTime);
  xtest.key (xtest.display, code, False, CurrentTime);
  modifiers_set (modifiers, FALSE);
  ui_input_flush ();
}

void
ui_scroll (GtkWidget      *widget,
           double          x,
           double          y,
           int             dy,
           GdkModifierType modifiers)
{
  ui_pointer_move (widget, x, y);
  modifiers_set (modifiers, TRUE);
  xtest.button (xtest.display, dy < 0 ? 4 : 5, True, CurrentTime);
  xtest.button (xtest.display, dy < 0 ? 4 : 5, False, CurrentTime);
  modifiers_set (modifiers, FALSE);
  ui_input_flush ();
}

void
ui_type (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p))
        ui_key (gdk_unicode_to_keyval (g_ascii_tolower (*p)), GDK_SHIFT_MASK);
      else if (*p == ' ')
        ui_key (GDK_KEY_space, 0);
      else if (*p == '-')
        ui_key (GDK_KEY_minus, 0);
      else if (*p == '.')
        ui_key (GDK_KEY_period, 0);
      else
        ui_key (gdk_unicode_to_keyval (*p), 0);
    }
}

void
ui_collect_widgets (GtkWidget *widget,
                    GType      type,
                    GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    ui_collect_widgets (child, type, out);
}
