/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The designer in German, with the translations this build compiled:
 * node kinds in the palette and the inspector, the inspector's choices and
 * the canvas's port words come out translated (DESIGN §10, issue 7). */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-palette.h"
#include "cairn-preferences-window.h"
#include "cairn-simulation-panel.h"
#include "cairn-registry.h"
#include "cairn-window.h"

static gboolean translated;

/* Whether a label under @widget reads @text (internal children count). */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
spin (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gboolean
skip_untranslated (void)
{
  if (!translated)
    g_test_skip ("no German catalogue for this build, or no UTF-8 locale");
  return !translated;
}

static void
test_palette (void)
{
  GtkWidget *palette;

  if (skip_untranslated ())
    return;
  palette = g_object_ref_sink (cairn_palette_new ());
  g_assert_true (shows_text (palette, "Bei Ereignis"));
  g_assert_true (shows_text (palette, "Personen treten ein, wenn sie etwas tun, etwa einen Kauf"));
  g_assert_true (shows_text (palette, "Auf ein Ereignis warten"));
  g_assert_false (shows_text (palette, "On event"));
  g_object_unref (palette);
}

static CairnWindow *
sample_window (void)
{
  g_autofree char *path = g_build_filename (CAIRN_SOURCE_DATADIR, "journeys", "furniture-cross-sell.json", NULL);
  g_autoptr(GError) error = NULL;
  CairnWindow *window = cairn_window_new (NULL);

  g_assert_true (cairn_window_load_file (window, path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  return window;
}

static void
test_inspector (void)
{
  const char *push[] = { "push1", NULL };
  CairnWindow *window;

  if (skip_untranslated ())
    return;
  window = sample_window ();
  /* Nothing selected: the journey's settings, its entry rule in words. */
  g_assert_true (shows_text (GTK_WIDGET (window), "Journey-Einstellungen"));
  g_assert_true (shows_text (GTK_WIDGET (window), "Erneut nach dem Verlassen"));
  g_assert_false (shows_text (GTK_WIDGET (window), "after_exit"));

  /* A web push node: its kind, its description and its choices. */
  cairn_window_select_nodes (window, push);
  spin ();
  g_assert_true (shows_text (GTK_WIDGET (window), "Web-Push"));
  g_assert_true (shows_text (GTK_WIDGET (window), "Eine Browser-Benachrichtigung senden"));
  g_assert_true (shows_text (GTK_WIDGET (window), "Ergänzend"));
  g_assert_true (shows_text (GTK_WIDGET (window), "Nach Rang"));
  g_assert_false (shows_text (GTK_WIDGET (window), "complementary"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_ports (void)
{
  g_autoptr(GPtrArray) ports = NULL;
  g_autoptr(JsonNode) config = NULL;
  CairnPort *port;

  if (skip_untranslated ())
    return;
  ports = cairn_node_kind_ports (cairn_registry_lookup ("wait.until_event"), NULL);
  g_assert_cmpuint (ports->len, ==, 2);
  port = g_ptr_array_index (ports, 1);
  /* The id stays what edges name; the label is a word. */
  g_assert_cmpstr (port->id, ==, "timeout");
  g_assert_cmpstr (port->label, ==, "Zeitüberschreitung");
  g_clear_pointer (&ports, g_ptr_array_unref);

  config = json_from_string ("{\"channels\": [\"email\"], \"tabs\": []}", NULL);
  ports = cairn_node_kind_ports (cairn_registry_lookup ("condition.reachability"), json_node_get_object (config));
  g_assert_cmpuint (ports->len, ==, 2);
  g_assert_cmpstr (((CairnPort *) g_ptr_array_index (ports, 0))->label, ==, "E-Mail");
  g_assert_cmpstr (((CairnPort *) g_ptr_array_index (ports, 1))->label, ==, "nicht erreichbar");
}

/* Widgets built from ui/ templates read their strings from the catalogue */
static void
test_templates (void)
{
  GtkWidget *panel;
  GtkWidget *preferences;

  if (skip_untranslated ())
    return;
  panel = g_object_ref_sink (cairn_simulation_panel_new ());
  g_assert_true (shows_text (panel, "Ausführen"));
  g_assert_true (shows_text (panel, "Haken Sie zwei Läufe an, um sie zu vergleichen"));
  g_assert_true (shows_text (panel, "Kein Szenario"));
  g_assert_false (shows_text (panel, "Run"));
  g_object_unref (panel);

  preferences = g_object_new (CAIRN_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_true (shows_text (preferences, "Bearbeiten"));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *podir = NULL;
  g_autofree char *catalogue = NULL;
  const char *locale;

  /* LANGUAGE is ignored in the C locale; C.UTF-8 is not C. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  locale = setlocale (LC_MESSAGES, NULL);
  if (locale == NULL || strcmp (locale, "C") == 0 || strcmp (locale, "POSIX") == 0)
    locale = setlocale (LC_ALL, "C.UTF-8");

  podir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  catalogue = g_build_filename (podir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  translated = locale != NULL && g_file_test (catalogue, G_FILE_TEST_EXISTS)
               && g_strcmp0 (_("Wait"), "Warten") == 0;

  g_test_add_func ("/ui/translated/palette", test_palette);
  g_test_add_func ("/ui/translated/inspector", test_inspector);
  g_test_add_func ("/ui/translated/ports", test_ports);
  g_test_add_func ("/ui/translated/templates", test_templates);
  return g_test_run ();
}
