/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cairn-journey.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_CANVAS (cairn_canvas_get_type ())
G_DECLARE_FINAL_TYPE (CairnCanvas, cairn_canvas, CAIRN, CANVAS, GtkWidget)

/* The journey drawn as cards and bezier edges (DESIGN §10). Signals:
 * ::selection-changed (), ::node-dropped (const char *type, double x,
 * double y) for a palette drop at canvas coordinates, ::nodes-moved (guint
 * n) when a drag ends (the canvas has moved them), ::message (const char *)
 * for a refused connection, ::connected (const char *from, const char *port,
 * const char *to) once a dragged connection is made. */
GtkWidget *cairn_canvas_new             (void);
void       cairn_canvas_set_journey     (CairnCanvas        *self,
                                         CairnJourney       *journey);
GStrv      cairn_canvas_get_selection   (CairnCanvas        *self);
void       cairn_canvas_set_selection   (CairnCanvas        *self,
                                         const char * const *ids);
void       cairn_canvas_reveal_node     (CairnCanvas        *self,
                                         const char         *id);
/* Pans (and, if they cannot all be seen at this zoom, zooms out) as
 * little as needed for every card of @ids to be in view. */
void       cairn_canvas_reveal_nodes    (CairnCanvas        *self,
                                         const char * const *ids);
/* Keeps the cards out of a corner at the bottom left, @width × @height
 * pixels (the legend's), moving the view if one is under it now; 0 × 0
 * frees it. */
void       cairn_canvas_keep_clear      (CairnCanvas        *self,
                                         int                 width,
                                         int                 height);
void       cairn_canvas_zoom_in         (CairnCanvas        *self);
void       cairn_canvas_zoom_out        (CairnCanvas        *self);
void       cairn_canvas_zoom_reset      (CairnCanvas        *self);
void       cairn_canvas_zoom_to_fit     (CairnCanvas        *self);
double     cairn_canvas_get_zoom        (CairnCanvas        *self);
void       cairn_canvas_set_diagnostics (CairnCanvas        *self,
                                         GPtrArray          *diagnostics);
/* A run's counts on the edges and nodes (a "cairn-report" object), or NULL
 * to hide them; @path, when given, highlights one person's path. */
void       cairn_canvas_set_overlay     (CairnCanvas        *self,
                                         JsonObject         *report,
                                         const char * const *path);
/* Hides a run's counts and shows them again, keeping them meanwhile. */
void       cairn_canvas_set_show_counts (CairnCanvas        *self,
                                         gboolean            show);
gboolean   cairn_canvas_get_show_counts (CairnCanvas        *self);
/* The counts drawn, a line each in document order ("node ID: entered N,
 * waiting N", "edge ID.PORT: N", "loose ID.PORT: N" for a port without an
 * edge); empty when none are drawn. For tests. */
char      *cairn_canvas_describe_counts (CairnCanvas        *self);
/* Edges are selected by clicking them and removed with Delete. */
void       cairn_canvas_select_edge     (CairnCanvas        *self,
                                         const char         *from,
                                         const char         *port);
gboolean   cairn_canvas_delete_selected_edge (CairnCanvas   *self);
/* Where people are at a moment of a run: node id → count (from the time
 * scrubber), or NULL to hide. */
void       cairn_canvas_set_positions   (CairnCanvas        *self,
                                         GHashTable         *positions);
/* Zooms by @factor keeping the canvas point under (@x, @y) (widget
 * coordinates) where it is. */
void       cairn_canvas_zoom_at         (CairnCanvas        *self,
                                         double              factor,
                                         double              x,
                                         double              y);
/* Widget coordinates of a canvas point, and back. */
void       cairn_canvas_to_widget       (CairnCanvas        *self,
                                         double              cx,
                                         double              cy,
                                         double             *wx,
                                         double             *wy);
void       cairn_canvas_to_canvas       (CairnCanvas        *self,
                                         double              wx,
                                         double              wy,
                                         double             *cx,
                                         double             *cy);
/* The node at a widget point, or NULL. */
const char *cairn_canvas_node_at        (CairnCanvas        *self,
                                         double              wx,
                                         double              wy);

/* Draws the whole journey, as on the canvas but light, at 100% and with no
 * selection, to a PNG (at twice the size), SVG or PDF file, chosen by
 * @path's extension. */
gboolean   cairn_canvas_export          (CairnCanvas        *self,
                                         const char         *path,
                                         GError            **error);

/* Lays the journey out with graphviz, each card as large as it is drawn,
 * so that none overlaps another, and shows the whole journey (Tidy). */
gboolean   cairn_canvas_tidy            (CairnCanvas        *self,
                                         GError            **error);
/* What a node's card covers as drawn (its shadow, port dots and the
 * badges above it), in canvas units. FALSE when there is no such node. */
gboolean   cairn_canvas_get_card_bounds (CairnCanvas        *self,
                                         const char         *id,
                                         graphene_rect_t    *bounds);
/* The child widget that stands for a node to assistive technologies
 * (role button, "Kind: label", its summary and problems), or NULL. */
GtkWidget *cairn_canvas_get_node_widget (CairnCanvas        *self,
                                         const char         *id);

G_END_DECLS
