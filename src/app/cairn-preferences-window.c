/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-a11y.h"
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

struct _CairnPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings  *settings;
  GtkWidget  *unavailable;
  GtkWidget  *editing;
  GtkWidget  *runs;
  GtkWidget  *looks;
  GtkWidget  *autosave_spin;
  GtkWidget  *snap_switch;
  GtkWidget  *timezone_row;
  GtkWidget  *store_row;
  GtkWidget  *style_row;
};

G_DEFINE_FINAL_TYPE (CairnPreferencesWindow, cairn_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_style_changed (CairnPreferencesWindow *self)
{
  if (self->settings != NULL)
    on_style_selected (ADW_COMBO_ROW (self->style_row), NULL, self->settings);
}

static void
cairn_preferences_window_dispose (GObject *object)
{
  CairnPreferencesWindow *self = CAIRN_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (cairn_preferences_window_parent_class)->dispose (object);
}

static void
cairn_preferences_window_class_init (CairnPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cairn_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, unavailable);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, editing);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, runs);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, looks);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, store_row);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferencesWindow, style_row);
}

static void
cairn_preferences_window_init (CairnPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cairn_a11y_expose_entry_rows (GTK_WIDGET (self));
  /* The search button is libadwaita's */
  cairn_a11y_name_icon_buttons (GTK_WIDGET (self));
  self->settings = cairn_application_settings (NULL);
  if (self->settings == NULL)
    {
      gtk_widget_set_visible (self->unavailable, TRUE);
      gtk_widget_set_visible (self->editing, FALSE);
      gtk_widget_set_visible (self->runs, FALSE);
      gtk_widget_set_visible (self->looks, FALSE);
      return;
    }
  g_settings_bind (self->settings, "autosave-delay", self->autosave_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-grid", self->snap_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-timezone", self->timezone_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-store-path", self->store_row, "text", G_SETTINGS_BIND_DEFAULT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->style_row), g_settings_get_enum (self->settings, "style-variant"));
  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (on_style_changed), self);
}

void
cairn_preferences_window_present (GtkWindow *parent)
{
  GtkWidget *window = g_object_new (CAIRN_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  gtk_window_present (GTK_WINDOW (window));
}
