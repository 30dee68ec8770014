/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opens the designer on a journey with a node selected and stays open,
 * for screenshots (data/screenshots/designer.png) and a look by eye:
 *   designer-shot JOURNEY.json [NODE-ID | win.ACTION] [WIDTH HEIGHT] */

#include "config.h"

#include <stdlib.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-window.h"

static char **arguments;

static void
on_activate (GApplication *app)
{
  CairnWindow *window = cairn_window_new (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;

  if (!cairn_window_load_file (window, arguments[1], &error))
    g_error ("%s", error->message);
  if (arguments[2] != NULL && !g_str_has_prefix (arguments[2], "win.") && *arguments[2] != '\0')
    {
      const char *ids[] = { arguments[2], NULL };
      cairn_window_select_nodes (window, ids);
    }
  if (arguments[2] != NULL && arguments[3] != NULL && arguments[4] != NULL)
    gtk_window_set_default_size (GTK_WINDOW (window), atoi (arguments[3]), atoi (arguments[4]));
  gtk_window_present (GTK_WINDOW (window));
  /* After the window, so that a dialog it opens is on top. */
  if (arguments[2] != NULL && g_str_has_prefix (arguments[2], "win."))
    gtk_widget_activate_action (GTK_WIDGET (window), arguments[2], NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc < 2)
    return 2;
  arguments = argv;
  /* LANGUAGE=tr and CAIRN_LOCALEDIR=_build/po for a translated shot. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAIRN_LOCALEDIR") ? g_getenv ("CAIRN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", "io.github.cairnjourneys.Cairn.Shot",
                      "resource-base-path", "/io/github/cairnjourneys/Cairn",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
