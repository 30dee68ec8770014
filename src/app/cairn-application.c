/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-application.h"
#include "cairn-portfolio-window.h"
#include "cairn-window.h"

/* Set by the build once the window is built here */
#include "cairn-preferences-window.h"

struct _CairnApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CairnApplication, cairn_application, ADW_TYPE_APPLICATION)

static CairnWindow *
blank_window (CairnApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CAIRN_IS_WINDOW (l->data) && cairn_window_is_blank (l->data))
      return l->data;
  return cairn_window_new (GTK_APPLICATION (self));
}

static void
cairn_application_activate (GApplication *app)
{
  CairnWindow *window;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }
  window = cairn_window_new (GTK_APPLICATION (app));
  cairn_window_offer_restore (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
cairn_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  CairnApplication *self = CAIRN_APPLICATION (app);
  gboolean first = gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr(GError) error = NULL;
      CairnWindow *window;

      if (path != NULL && cairn_portfolio_document_is_portfolio_file (path))
        {
          if (cairn_portfolio_window_open (GTK_APPLICATION (app), path, &error) == NULL)
            g_printerr ("%s\n", error->message);
          continue;
        }
      window = blank_window (self);

      if (path == NULL || !cairn_window_load_file (window, path, &error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"),
                                                      g_file_peek_path (files[i]) ?: "",
                                                      error ? error->message : _("not a local file"));
          g_printerr ("%s\n", message);
          cairn_window_show_toast (window, message);
        }
      if (first && i == 0)
        cairn_window_offer_restore (window);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Cairn contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Cairn"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Cairn contributors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Design and simulate customer journeys: cross-sell, upsell and follow-up flows after a purchase or a booking."),
                         "website", "https://github.com/cairnjourneys/cairn",
                         "issue-url", "https://github.com/cairnjourneys/cairn/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Cairn contributors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;

  cairn_preferences_window_present (gtk_application_get_active_window (app));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (cairn_window_new (GTK_APPLICATION (user_data))));
}

static void
new_portfolio_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  cairn_portfolio_window_new_from_open_journeys (GTK_APPLICATION (user_data));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "new-window", new_window_action },
  { "new-portfolio", new_portfolio_action },
  { "quit", quit_action },
};

static void
cairn_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.new-window", { "<Shift><Control>n", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Shift><Control>s", NULL } },
    { "win.export-image", { "<Shift><Control>e", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.tidy", { "<Control>l", NULL } },
    { "win.simulate", { "F9", NULL } },
    { "win.show-run-counts", { "<Shift><Control>c", NULL } },
    { "win.find-node-kind", { "<Control>f", NULL } },
    { "win.show-problems", { "<Control>m", NULL } },
    { "win.journey-settings", { "<Control>j", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (cairn_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  gtk_window_set_default_icon_name (APP_ID);
  cairn_preferences_apply_style ();
}

static void
cairn_application_class_init (CairnApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = cairn_application_activate;
  app_class->open = cairn_application_open;
  app_class->startup = cairn_application_startup;
}

static void
cairn_application_init (CairnApplication *self)
{
}

CairnApplication *
cairn_application_new (void)
{
  return g_object_new (CAIRN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/cairnjourneys/Cairn",
                       NULL);
}

GSettings *
cairn_application_settings (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  if (schema == NULL || (key != NULL && !g_settings_schema_has_key (schema, key)))
    return NULL;
  return g_settings_new (APP_ID);
}
