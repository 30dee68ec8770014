/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "cairn-canvas-private.h"

G_DEFINE_FINAL_TYPE (CairnCanvasDrag, cairn_canvas_drag, G_TYPE_OBJECT)

static void
cairn_canvas_drag_finalize (GObject *object)
{
  CairnCanvasDrag *self = CAIRN_CANVAS_DRAG (object);

  if (self->canvas != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
  g_free (self->connect_from);
  g_free (self->connect_port);
  G_OBJECT_CLASS (cairn_canvas_drag_parent_class)->finalize (object);
}

static void
cairn_canvas_drag_class_init (CairnCanvasDragClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_canvas_drag_finalize;
}

static void
cairn_canvas_drag_init (CairnCanvasDrag *self)
{
}

CairnCanvasDrag *
_cairn_canvas_drag_new (CairnCanvas *canvas)
{
  CairnCanvasDrag *self = g_object_new (CAIRN_TYPE_CANVAS_DRAG, NULL);

  self->canvas = canvas;
  g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &self->canvas);
  return self;
}

void
_cairn_canvas_move_selection (CairnCanvas *self,
                              double       dx,
                              double       dy)
{
  cairn_journey_freeze_changed (self->journey);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      if (box->selected)
        {
          double x = box->x + dx, y = box->y + dy;
          if (self->snap)
            {
              x = round (x / GRID) * GRID;
              y = round (y / GRID) * GRID;
            }
          cairn_journey_move_node (self->journey, box->id, x, y);
        }
    }
  cairn_journey_thaw_changed (self->journey);
}

/* A press on a card: it is selected (or toggled), and the selection
 * moves with the pointer. */
static void
begin_on_card (CairnCanvasDrag *self,
               Box             *box,
               gboolean         toggle)
{
  CairnCanvas *canvas = self->canvas;

  if (toggle)
    {
      if (!g_hash_table_remove (canvas->selection, box->id))
        g_hash_table_add (canvas->selection, g_strdup (box->id));
    }
  else if (!box->selected)
    _cairn_canvas_select_only (canvas, box->id);
  _cairn_canvas_sync_selection (canvas);
  /* A node clicked alone has the focus, as after Tab: a screen reader
     tells which, and Tab goes on from it. */
  if (box->selected && g_hash_table_size (canvas->selection) == 1)
    _cairn_canvas_focus_node (canvas, box->id);
  self->mode = CAIRN_CANVAS_DRAG_MOVING;
}

CairnCanvasDragMode
cairn_canvas_drag_begin (CairnCanvasDrag *self,
                         double           x,
                         double           y,
                         gboolean         toggle,
                         gboolean         pan)
{
  CairnCanvas *canvas;
  double cx, cy;
  guint port;
  Box *box;

  g_return_val_if_fail (CAIRN_IS_CANVAS_DRAG (self), CAIRN_CANVAS_DRAG_IDLE);
  canvas = self->canvas;
  self->mode = CAIRN_CANVAS_DRAG_IDLE;
  if (canvas == NULL)
    return self->mode;
  self->start_x = x;
  self->start_y = y;
  self->dx = self->dy = 0;
  cairn_canvas_to_canvas (canvas, x, y, &cx, &cy);

  if (pan)
    self->mode = CAIRN_CANVAS_DRAG_PANNING;
  else if (canvas->journey && (box = _cairn_canvas_port_at (canvas, cx, cy, &port)) != NULL)
    {
      self->mode = CAIRN_CANVAS_DRAG_CONNECTING;
      g_free (self->connect_from);
      g_free (self->connect_port);
      self->connect_from = g_strdup (box->id);
      self->connect_port = g_strdup (((CairnPort *) g_ptr_array_index (box->ports, port))->id);
    }
  else if ((box = _cairn_canvas_box_at (canvas, cx, cy)) != NULL)
    begin_on_card (self, box, toggle);
  else if (_cairn_canvas_edge_at (canvas, cx, cy, &box, &port))
    {
      _cairn_canvas_select_only (canvas, NULL);
      _cairn_canvas_sync_selection (canvas);
      cairn_canvas_select_edge (canvas, box->id, ((CairnPort *) g_ptr_array_index (box->ports, port))->id);
    }
  else
    {
      cairn_canvas_select_edge (canvas, NULL, NULL);
      if (!toggle)
        {
          _cairn_canvas_select_only (canvas, NULL);
          _cairn_canvas_sync_selection (canvas);
        }
      self->mode = CAIRN_CANVAS_DRAG_BAND;
    }
  return self->mode;
}

void
cairn_canvas_drag_update (CairnCanvasDrag *self,
                          double           dx,
                          double           dy)
{
  CairnCanvas *canvas;

  g_return_if_fail (CAIRN_IS_CANVAS_DRAG (self));
  canvas = self->canvas;
  if (canvas == NULL || self->mode == CAIRN_CANVAS_DRAG_IDLE)
    return;
  if (self->mode == CAIRN_CANVAS_DRAG_PANNING)
    cairn_viewport_pan (canvas->viewport, dx - self->dx, dy - self->dy);
  self->dx = dx;
  self->dy = dy;
  if (self->mode == CAIRN_CANVAS_DRAG_MOVING && canvas->journey)
    {
      /* Live feedback: the cards follow, the journey moves once at the end. */
      double zoom = cairn_viewport_get_zoom (canvas->viewport);

      for (guint i = 0; i < cairn_journey_get_n_nodes (canvas->journey) && i < canvas->boxes->len; i++)
        {
          CairnNode *node = cairn_journey_get_node (canvas->journey, i);
          Box *box = g_ptr_array_index (canvas->boxes, i);

          if (box->selected)
            {
              box->x = node->x + dx / zoom;
              box->y = node->y + dy / zoom;
            }
        }
    }
  if (self->mode != CAIRN_CANVAS_DRAG_PANNING)
    gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
end_connecting (CairnCanvasDrag *self,
                double           dx,
                double           dy)
{
  CairnCanvas *canvas = self->canvas;
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL;
  double cx, cy;
  Box *target;

  cairn_canvas_to_canvas (canvas, self->start_x + dx, self->start_y + dy, &cx, &cy);
  target = _cairn_canvas_box_at (canvas, cx, cy);
  if (target == NULL || g_strcmp0 (target->id, self->connect_from) == 0)
    return;
  to = g_strdup (target->id);
  if (cairn_journey_connect (canvas->journey, self->connect_from, self->connect_port, to, &error))
    g_signal_emit (canvas, _cairn_canvas_signals[CONNECTED], 0, self->connect_from, self->connect_port, to);
  else
    g_signal_emit (canvas, _cairn_canvas_signals[MESSAGE], 0, error->message);
}

static void
end_band (CairnCanvasDrag *self,
          double           dx,
          double           dy)
{
  CairnCanvas *canvas = self->canvas;
  double ax, ay, bx, by;
  CairnRect band;

  if (fabs (dx) <= 2 && fabs (dy) <= 2)
    return;
  cairn_canvas_to_canvas (canvas, MIN (self->start_x, self->start_x + dx), MIN (self->start_y, self->start_y + dy),
                          &ax, &ay);
  cairn_canvas_to_canvas (canvas, MAX (self->start_x, self->start_x + dx), MAX (self->start_y, self->start_y + dy),
                          &bx, &by);
  band = (CairnRect) { ax, ay, bx - ax, by - ay };
  for (guint i = 0; i < canvas->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (canvas->boxes, i);
      CairnRect rect = cairn_card_rect (&box->card);

      if (cairn_rect_intersect (&rect, &band, NULL))
        g_hash_table_add (canvas->selection, g_strdup (box->id));
    }
  _cairn_canvas_sync_selection (canvas);
}

void
cairn_canvas_drag_end (CairnCanvasDrag *self,
                       double           dx,
                       double           dy)
{
  CairnCanvas *canvas;
  CairnCanvasDragMode mode;

  g_return_if_fail (CAIRN_IS_CANVAS_DRAG (self));
  canvas = self->canvas;
  mode = self->mode;
  if (canvas == NULL || mode == CAIRN_CANVAS_DRAG_IDLE)
    return;
  cairn_canvas_drag_update (self, dx, dy);
  self->mode = CAIRN_CANVAS_DRAG_IDLE;
  if (mode == CAIRN_CANVAS_DRAG_MOVING && (fabs (dx) > 1 || fabs (dy) > 1) && canvas->journey)
    {
      guint n = g_hash_table_size (canvas->selection);
      double zoom = cairn_viewport_get_zoom (canvas->viewport);

      _cairn_canvas_rebuild (canvas);  /* back to the journey's positions, then move them */
      _cairn_canvas_move_selection (canvas, dx / zoom, dy / zoom);
      g_signal_emit (canvas, _cairn_canvas_signals[NODES_MOVED], 0, n);
    }
  else if (mode == CAIRN_CANVAS_DRAG_MOVING)
    _cairn_canvas_rebuild (canvas);
  else if (mode == CAIRN_CANVAS_DRAG_CONNECTING && canvas->journey)
    end_connecting (self, dx, dy);
  else if (mode == CAIRN_CANVAS_DRAG_BAND)
    end_band (self, dx, dy);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

void
cairn_canvas_drag_cancel (CairnCanvasDrag *self)
{
  g_return_if_fail (CAIRN_IS_CANVAS_DRAG (self));

  if (self->canvas != NULL && self->mode == CAIRN_CANVAS_DRAG_MOVING)
    _cairn_canvas_rebuild (self->canvas);  /* the cards back where the journey has them */
  self->mode = CAIRN_CANVAS_DRAG_IDLE;
  if (self->canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

CairnCanvasDragMode
cairn_canvas_drag_get_mode (CairnCanvasDrag *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS_DRAG (self), CAIRN_CANVAS_DRAG_IDLE);
  return self->mode;
}

void
cairn_canvas_drag_get_connection (CairnCanvasDrag  *self,
                                  const char      **from,
                                  const char      **port)
{
  g_return_if_fail (CAIRN_IS_CANVAS_DRAG (self));
  *from = self->mode == CAIRN_CANVAS_DRAG_CONNECTING ? self->connect_from : NULL;
  *port = self->mode == CAIRN_CANVAS_DRAG_CONNECTING ? self->connect_port : NULL;
}
