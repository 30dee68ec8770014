/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cairn-geometry.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_VIEWPORT (cairn_viewport_get_type ())
G_DECLARE_FINAL_TYPE (CairnViewport, cairn_viewport, CAIRN, VIEWPORT, GObject)

/* What part of the canvas a view shows, as libshumate's ShumateViewport:
 * widget = canvas × zoom + offset. Properties "zoom" (clamped to
 * "min-zoom" … "max-zoom"), "offset-x" and "offset-y" notify when they
 * change; a change of several notifies once each, together. */
CairnViewport *cairn_viewport_new          (void);
double         cairn_viewport_get_zoom     (CairnViewport   *self);
void           cairn_viewport_set_zoom     (CairnViewport   *self,
                                            double           zoom);
double         cairn_viewport_get_min_zoom (CairnViewport   *self);
double         cairn_viewport_get_max_zoom (CairnViewport   *self);
void           cairn_viewport_set_zoom_range (CairnViewport *self,
                                            double           min_zoom,
                                            double           max_zoom);
double         cairn_viewport_get_offset_x (CairnViewport   *self);
double         cairn_viewport_get_offset_y (CairnViewport   *self);
void           cairn_viewport_set_offset   (CairnViewport   *self,
                                            double           x,
                                            double           y);
/* Zoom (clamped) and offset at once. */
void           cairn_viewport_set_view     (CairnViewport   *self,
                                            double           zoom,
                                            double           offset_x,
                                            double           offset_y);
/* Moves the picture by (@dx, @dy) widget pixels. */
void           cairn_viewport_pan          (CairnViewport   *self,
                                            double           dx,
                                            double           dy);
/* Zooms by @factor (clamped) keeping the canvas point under the widget
 * point (@x, @y) where it is. */
void           cairn_viewport_zoom_at      (CairnViewport   *self,
                                            double           factor,
                                            double           x,
                                            double           y);
/* Shows @rect (canvas units) as large as it fits in @area (widget pixels)
 * less @margin_x and @margin_y on each side, centred, at most at
 * @max_zoom (and within the range). */
void           cairn_viewport_fit          (CairnViewport   *self,
                                            const CairnRect *rect,
                                            const CairnRect *area,
                                            double           margin_x,
                                            double           margin_y,
                                            double           max_zoom);
void           cairn_viewport_to_widget    (CairnViewport   *self,
                                            double           cx,
                                            double           cy,
                                            double          *wx,
                                            double          *wy);
void           cairn_viewport_to_canvas    (CairnViewport   *self,
                                            double           wx,
                                            double           wy,
                                            double          *cx,
                                            double          *cy);

G_END_DECLS
