/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_PALETTE (cairn_palette_get_type ())
G_DECLARE_FINAL_TYPE (CairnPalette, cairn_palette, CAIRN, PALETTE, GtkWidget)

/* Every node kind of the registry, grouped by category and searchable.
 * A row is dragged onto the canvas as the kind's type string (G_TYPE_STRING);
 * a double click or Enter emits ::kind-activated (const char *type). */
GtkWidget  *cairn_palette_new          (void);
void        cairn_palette_set_filter   (CairnPalette *self,
                                        const char   *text);
/* How many kinds the filter shows. */
guint       cairn_palette_get_n_shown  (CairnPalette *self);
void        cairn_palette_focus_search (CairnPalette *self);

G_END_DECLS
