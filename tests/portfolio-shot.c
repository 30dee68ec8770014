/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opens a portfolio and stays open, for screenshots
 * (data/screenshots/portfolio.png) and a look by eye:
 *   portfolio-shot PORTFOLIO.json [USER [WIDTH HEIGHT]]
 * It simulates the portfolio on its sample scenario, selects the second
 * journey, and shows USER's merged timeline once the run is over. */

#include "config.h"

#include <stdlib.h>
#include <adwaita.h>

#include "cairn-portfolio-window.h"

static char **arguments;

static gboolean
show_user (gpointer data)
{
  CairnPortfolioWindow *window = data;
  CairnCollisionsView *collisions = cairn_portfolio_window_get_collisions (window);

  if (cairn_collisions_view_get_report (collisions) == NULL)
    return G_SOURCE_CONTINUE;
  if (arguments[2] != NULL)
    cairn_collisions_view_show_user (collisions, arguments[2]);
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app)
{
  g_autoptr(GError) error = NULL;
  CairnPortfolioWindow *window = cairn_portfolio_window_open (GTK_APPLICATION (app), arguments[1], &error);

  if (window == NULL)
    g_error ("%s", error->message);
  if (arguments[2] != NULL && arguments[3] != NULL && arguments[4] != NULL)
    gtk_window_set_default_size (GTK_WINDOW (window), atoi (arguments[3]), atoi (arguments[4]));
  cairn_portfolio_window_set_store_path (window, NULL);
  cairn_portfolio_view_select (cairn_portfolio_window_get_view (window), 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL);
  g_timeout_add (200, show_user, window);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc < 2)
    {
      g_printerr ("Usage: portfolio-shot PORTFOLIO.json [USER [WIDTH HEIGHT]]\n");
      return 2;
    }
  arguments = argv;
  app = adw_application_new ("io.github.cairnjourneys.Cairn.PortfolioShot", G_APPLICATION_NON_UNIQUE);
  g_object_set (app, "resource-base-path", "/io/github/cairnjourneys/Cairn", NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
