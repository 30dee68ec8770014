/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_PREFERENCES_WINDOW (cairn_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CairnPreferencesWindow, cairn_preferences_window, CAIRN, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The Preferences window (AdwPreferencesWindow): autosave delay, time zone
 * of new journeys, grid snapping, run store location and light/dark style,
 * all kept in GSettings. */
void cairn_preferences_window_present (GtkWindow *parent);
/* Applies the saved light/dark choice; called once at startup. */
void cairn_preferences_apply_style    (void);

G_END_DECLS
