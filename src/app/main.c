/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-journey.h"

static void
on_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnJourney) journey = cairn_journey_load_file (path, &error);
      GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
      GtkWidget *label = gtk_label_new (journey ? cairn_journey_get_name (journey) : error->message);

      gtk_window_set_title (GTK_WINDOW (window), _("Cairn"));
      gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), label);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_title (GTK_WINDOW (window), _("Cairn"));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = adw_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  g_signal_connect (app, "open", G_CALLBACK (on_open), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
