/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-application.h"
#include "cairn-preferences-window.h"

static void
apply_style (GSettings *settings)
{
  int variant = g_settings_get_enum (settings, "style-variant");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      variant == 1 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                      : variant == 2 ? ADW_COLOR_SCHEME_FORCE_DARK
                                      : ADW_COLOR_SCHEME_DEFAULT);
}

void
cairn_preferences_apply_style (void)
{
  g_autoptr(GSettings) settings = cairn_application_settings (NULL);
  if (settings)
    apply_style (settings);
}

static void
on_style_selected (AdwComboRow *row,
                   GParamSpec  *pspec,
                   GSettings   *settings)
{
  g_settings_set_enum (settings, "style-variant", (int) adw_combo_row_get_selected (row));
  apply_style (settings);
}

static GtkWidget *
switch_row (GSettings  *settings,
            const char *key,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  return row;
}

static GtkWidget *
entry_row (GSettings  *settings,
           const char *key,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_settings_bind (settings, key, row, "text", G_SETTINGS_BIND_DEFAULT);
  return row;
}

void
cairn_preferences_window_present (GtkWindow *parent)
{
  g_autoptr(GSettings) settings = cairn_application_settings (NULL);
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *editing = adw_preferences_group_new ();
  GtkWidget *runs = adw_preferences_group_new ();
  GtkWidget *looks = adw_preferences_group_new ();

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  if (settings == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Settings are not available"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("The GSettings schema io.github.cairnjourneys.Cairn is not installed"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (editing), row);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (editing));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (editing), _("Editing"));
  {
    GtkWidget *row = adw_action_row_new ();
    GtkWidget *spin = gtk_spin_button_new_with_range (1, 60, 1);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Autosave after"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Seconds after a change before unsaved work is kept safe"));
    gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
    g_settings_bind (settings, "autosave-delay", spin, "value", G_SETTINGS_BIND_DEFAULT);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (editing), row);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (editing),
                             switch_row (settings, "snap-to-grid", _("Snap to grid"),
                                         _("Nodes line up on a 20-pixel grid when moved")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (editing),
                             entry_row (settings, "default-timezone", _("Time zone of new journeys")));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (runs), _("Simulation"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (runs),
                                         _("Every run is kept here; empty means the user data folder"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (runs), entry_row (settings, "run-store-path", _("Run store")));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (looks), _("Appearance"));
  {
    const char *styles[] = { _("Follow the system"), _("Light"), _("Dark"), NULL };
    GtkWidget *row = adw_combo_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Style"));
    adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (styles)));
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), g_settings_get_enum (settings, "style-variant"));
    g_signal_connect_data (row, "notify::selected", G_CALLBACK (on_style_selected), g_object_ref (settings),
                           (GClosureNotify) (void (*) (void)) g_object_unref, 0);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (looks), row);
  }

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (editing));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (runs));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (looks));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
}
