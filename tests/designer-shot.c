/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opens the designer on a journey with a node selected and stays open,
 * for screenshots (data/screenshots/designer.png) and a look by eye:
 *   designer-shot JOURNEY.json [NODE-ID | win.ACTION[,win.ACTION...]] [WIDTH HEIGHT]
 * Actions after the first run a second later, one a second: after
 * win.simulate, win.zoom-in shows the counts larger, and "personas" opens
 * the Personas page on the first person with an edit not saved; "fit"
 * fits the journey in the canvas. data/screenshots/simulation.png is
 *   designer-shot data/journeys/furniture-cross-sell.json win.simulate,fit 1600 1000
 * run in a copy of data/ where that journey has lost bought_again (a loose
 * end shows) and data/scenarios/furniture-cross-sell-crowd.json took the
 * place of data/scenarios/furniture-cross-sell.json. */

#include "config.h"

#include <stdlib.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-canvas.h"
#include "cairn-persona-editor.h"
#include "cairn-simulation-panel.h"
#include "cairn-window-private.h"

static char **arguments;
static char **later;   /* actions still to run */
static guint  next;

static void
show_personas (CairnWindow *window)
{
  GtkWidget *editor = cairn_simulation_panel_get_persona_editor (CAIRN_SIMULATION_PANEL (window->simulation));
  GtkWidget *stack = gtk_widget_get_ancestor (editor, ADW_TYPE_VIEW_STACK);
  guint copy;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "personas");
  /* Room for the page, as one would drag the divider up */
  gtk_paned_set_position (GTK_PANED (gtk_widget_get_parent (window->bottom_area)), 400);
  /* An edit, taken back: the page shows it as not saved. */
  copy = cairn_persona_editor_duplicate_user (CAIRN_PERSONA_EDITOR (editor), 0);
  cairn_persona_editor_remove_user (CAIRN_PERSONA_EDITOR (editor), copy);
  cairn_persona_editor_select_user (CAIRN_PERSONA_EDITOR (editor), 0);
}

static gboolean
run_later (gpointer window)
{
  if (later == NULL || later[next] == NULL)
    return G_SOURCE_REMOVE;
  if (g_str_equal (later[next], "personas"))
    show_personas (window);
  else if (g_str_has_prefix (later[next], "panel."))
    gtk_widget_activate_action (((CairnWindow *) window)->simulation, later[next], NULL);
  else if (g_str_equal (later[next], "fit"))
    cairn_canvas_zoom_to_fit (CAIRN_CANVAS (((CairnWindow *) window)->canvas));
  else
    gtk_widget_activate_action (GTK_WIDGET (window), later[next], NULL);
  next++;
  return G_SOURCE_CONTINUE;
}

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
    {
      g_auto(GStrv) actions = g_strsplit (arguments[2], ",", -1);

      gtk_widget_activate_action (GTK_WIDGET (window), actions[0], NULL);
      if (actions[1] != NULL)
        {
          later = g_strdupv (actions + 1);
          g_timeout_add_seconds (1, run_later, window);
        }
    }
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
