/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the "ui" tests share: the sample data, waiting for a run, and a
 * widget's drawing as pixels. */
#pragma once

#include <gtk/gtk.h>

#include "cairn-simulation-panel.h"

G_BEGIN_DECLS

/* data/@dir/@name in the source tree. */
char            *ui_source_path (const char           *dir,
                                 const char           *name);
/* data/journeys/@name, loaded (the test fails when it does not load). */
CairnJourney    *ui_load_journey (const char          *name);
/* A simulation panel of @journey keeping its runs in @store_path, owned by
 * the caller (g_object_unref). */
CairnSimulationPanel *ui_panel_new (const char   *store_path,
                                    CairnJourney *journey);
/* Runs the main loop until @panel's run is over (two minutes at most). */
void             ui_wait_idle   (CairnSimulationPanel *panel);
/* @widget's own drawing as it would be on screen now (not the node GTK
 * kept of it), over @background, or over nothing when NULL. */
cairo_surface_t *ui_render      (GtkWidget            *widget,
                                 const GdkRGBA        *background);

G_END_DECLS

G_BEGIN_DECLS

/* Input as a person gives it: real key and pointer events through the X
 * server (XTest, under Xvfb), so that GTK's own event delivery, shortcut
 * phases and gestures run. ui_input_ready() fails the test when the
 * display cannot take them. */
void             ui_input_ready   (GtkWidget            *widget);
/* Moves the pointer to (@x, @y) in @widget's coordinates. */
void             ui_pointer_move  (GtkWidget            *widget,
                                   double                x,
                                   double                y);
void             ui_pointer_button (guint                button,
                                    gboolean             press);
/* Presses and releases @keyval with @modifiers (GDK_CONTROL_MASK,
 * GDK_SHIFT_MASK) held. */
void             ui_key           (guint                 keyval,
                                   GdkModifierType       modifiers);
/* Types @text (ASCII letters, digits, space, '-', '.') key by key. */
void             ui_type          (const char           *text);
/* A scroll notch: @dy -1 up, 1 down, with @modifiers held. */
void             ui_scroll        (GtkWidget            *widget,
                                   double                x,
                                   double                y,
                                   int                   dy,
                                   GdkModifierType       modifiers);
/* Runs the main loop until the X server has delivered what was sent. */
void             ui_input_flush   (void);

/* Appends to @out the widgets of @type under @widget (itself included), in
 * the order they are drawn. */
void             ui_collect_widgets (GtkWidget          *widget,
                                     GType               type,
                                     GPtrArray          *out);

G_END_DECLS
