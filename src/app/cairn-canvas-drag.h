/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a press and drag on the canvas does, decided where it starts: move
 * the selected cards (from a card), draw a connection (from a port's
 * target), select by rubber band (from the empty canvas) or pan (with
 * Space held, or the middle button). The canvas's gestures call begin,
 * update and end with widget coordinates; tests call them directly. */
typedef enum
{
  CAIRN_CANVAS_DRAG_IDLE,
  CAIRN_CANVAS_DRAG_MOVING,
  CAIRN_CANVAS_DRAG_CONNECTING,
  CAIRN_CANVAS_DRAG_BAND,
  CAIRN_CANVAS_DRAG_PANNING,
} CairnCanvasDragMode;

#define CAIRN_TYPE_CANVAS_DRAG (cairn_canvas_drag_get_type ())
G_DECLARE_FINAL_TYPE (CairnCanvasDrag, cairn_canvas_drag, CAIRN, CANVAS_DRAG, GObject)

/* A press at widget point (@x, @y). @toggle (Shift or Ctrl held) adds a
 * card to the selection or takes it out, and keeps the selection for a
 * rubber band; @pan pans whatever is under the pointer. Returns what the
 * drag does. A press on an edge selects it and starts no drag. */
CairnCanvasDragMode cairn_canvas_drag_begin    (CairnCanvasDrag *self,
                                                double           x,
                                                double           y,
                                                gboolean         toggle,
                                                gboolean         pan);
/* The pointer is (@dx, @dy) pixels from where the drag began. */
void                cairn_canvas_drag_update   (CairnCanvasDrag *self,
                                                double           dx,
                                                double           dy);
/* The button is released (@dx, @dy) from where the drag began: the cards
 * move in the journey (one change), the connection is made, the band's
 * cards are selected. */
void                cairn_canvas_drag_end      (CairnCanvasDrag *self,
                                                double           dx,
                                                double           dy);
/* Gives up: the cards go back, nothing is connected or selected. */
void                cairn_canvas_drag_cancel   (CairnCanvasDrag *self);
CairnCanvasDragMode cairn_canvas_drag_get_mode (CairnCanvasDrag *self);
/* Where a connection being drawn comes from, or NULLs. */
void                cairn_canvas_drag_get_connection (CairnCanvasDrag *self,
                                                      const char     **from,
                                                      const char     **port);

G_END_DECLS
