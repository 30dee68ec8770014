/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* In @scrolled, the mouse wheel over a spin button that does not have the
 * keyboard focus scrolls the page instead of changing the number (as GNOME
 * Settings does): a notch while scrolling a form must not edit it. */
void cairn_scroll_guard_install (GtkScrolledWindow *scrolled);

G_END_DECLS
