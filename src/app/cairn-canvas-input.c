/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-canvas-private.h"

/* Gestures */

static void
move_selection (CairnCanvas *self,
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

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CairnCanvas    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean toggle = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  double cx, cy;
  guint port;
  Box *box;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_dx = self->drag_dy = 0;
  cairn_canvas_to_canvas (self, x, y, &cx, &cy);

  if (self->space_held)
    {
      self->drag = DRAG_PAN;
      return;
    }
  if (self->journey && (box = _cairn_canvas_port_at (self, cx, cy, &port)) != NULL)
    {
      self->drag = DRAG_CONNECT;
      g_free (self->connect_from);
      g_free (self->connect_port);
      self->connect_from = g_strdup (box->id);
      self->connect_port = g_strdup (((CairnPort *) g_ptr_array_index (box->ports, port))->id);
      return;
    }
  box = _cairn_canvas_box_at (self, cx, cy);
  if (box != NULL)
    {
      if (toggle)
        {
          if (!g_hash_table_remove (self->selection, box->id))
            g_hash_table_add (self->selection, g_strdup (box->id));
        }
      else if (!box->selected)
        _cairn_canvas_select_only (self, box->id);
      _cairn_canvas_sync_selection (self);
      /* A node clicked alone has the focus, as after Tab: a screen reader
         tells which, and Tab goes on from it. */
      if (box->selected && g_hash_table_size (self->selection) == 1)
        _cairn_canvas_focus_node (self, box->id);
      self->drag = DRAG_MOVE;
      return;
    }
  if (_cairn_canvas_edge_at (self, cx, cy, &box, &port))
    {
      _cairn_canvas_select_only (self, NULL);
      _cairn_canvas_sync_selection (self);
      cairn_canvas_select_edge (self, box->id, ((CairnPort *) g_ptr_array_index (box->ports, port))->id);
      self->drag = DRAG_NONE;
      return;
    }
  cairn_canvas_select_edge (self, NULL, NULL);
  if (!toggle)
    {
      _cairn_canvas_select_only (self, NULL);
      _cairn_canvas_sync_selection (self);
    }
  self->drag = DRAG_BAND;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                CairnCanvas    *self)
{
  if (self->drag == DRAG_PAN)
    {
      self->offset_x += dx - self->drag_dx;
      self->offset_y += dy - self->drag_dy;
      self->drag_dx = dx;
      self->drag_dy = dy;
      _cairn_canvas_view_changed (self);
      return;
    }
  self->drag_dx = dx;
  self->drag_dy = dy;
  if (self->drag == DRAG_MOVE)
    {
      /* Live feedback: the cards follow, the journey moves once at the end. */
      double ddx = dx / self->zoom, ddy = dy / self->zoom;
      for (guint i = 0; self->journey && i < cairn_journey_get_n_nodes (self->journey); i++)
        {
          CairnNode *node = cairn_journey_get_node (self->journey, i);
          Box *box = g_ptr_array_index (self->boxes, i);
          if (box->selected)
            {
              box->x = node->x + ddx;
              box->y = node->y + ddy;
            }
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             CairnCanvas    *self)
{
  DragMode mode = self->drag;

  self->drag = DRAG_NONE;
  if (mode == DRAG_MOVE && (fabs (dx) > 1 || fabs (dy) > 1) && self->journey)
    {
      guint n = g_hash_table_size (self->selection);
      _cairn_canvas_rebuild (self);  /* back to the journey's positions, then move them */
      move_selection (self, dx / self->zoom, dy / self->zoom);
      g_signal_emit (self, _cairn_canvas_signals[NODES_MOVED], 0, n);
    }
  else if (mode == DRAG_CONNECT && self->journey)
    {
      double cx, cy;
      Box *target;
      g_autoptr(GError) error = NULL;

      cairn_canvas_to_canvas (self, self->drag_start_x + dx, self->drag_start_y + dy, &cx, &cy);
      target = _cairn_canvas_box_at (self, cx, cy);
      if (target != NULL && g_strcmp0 (target->id, self->connect_from) != 0)
        {
          g_autofree char *to = g_strdup (target->id);

          if (cairn_journey_connect (self->journey, self->connect_from, self->connect_port, to, &error))
            g_signal_emit (self, _cairn_canvas_signals[CONNECTED], 0, self->connect_from, self->connect_port, to);
          else
            g_signal_emit (self, _cairn_canvas_signals[MESSAGE], 0, error->message);
        }
    }
  else if (mode == DRAG_BAND)
    {
      double ax, ay, bx, by;
      cairn_canvas_to_canvas (self, MIN (self->drag_start_x, self->drag_start_x + dx),
                              MIN (self->drag_start_y, self->drag_start_y + dy), &ax, &ay);
      cairn_canvas_to_canvas (self, MAX (self->drag_start_x, self->drag_start_x + dx),
                              MAX (self->drag_start_y, self->drag_start_y + dy), &bx, &by);
      for (guint i = 0; (fabs (dx) > 2 || fabs (dy) > 2) && i < self->boxes->len; i++)
        {
          Box *box = g_ptr_array_index (self->boxes, i);
          if (box->x < bx && box->x + CARD_WIDTH > ax && box->y < by && box->y + box->h > ay)
            g_hash_table_add (self->selection, g_strdup (box->id));
        }
      _cairn_canvas_sync_selection (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               CairnCanvas    *self)
{
  self->offset_x += dx - self->drag_dx;
  self->offset_y += dy - self->drag_dy;
  self->drag_dx = dx;
  self->drag_dy = dy;
  _cairn_canvas_view_changed (self);
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              CairnCanvas    *self)
{
  self->drag_dx = self->drag_dy = 0;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           CairnCanvas              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

void
cairn_canvas_zoom_at (CairnCanvas *self,
                      double       factor,
                      double       x,
                      double       y)
{
  double cx, cy, zoom;

  g_return_if_fail (CAIRN_IS_CANVAS (self));
  zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  cairn_canvas_to_canvas (self, x, y, &cx, &cy);
  self->zoom = zoom;
  self->offset_x = x - cx * zoom;
  self->offset_y = y - cy * zoom;
  _cairn_canvas_view_changed (self);
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           CairnCanvas              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if (state & GDK_CONTROL_MASK)
    cairn_canvas_zoom_at (self, dy < 0 ? 1.1 : 1 / 1.1, self->pointer_x, self->pointer_y);
  else
    {
      self->offset_x -= dx * 30;
      self->offset_y -= dy * 30;
      _cairn_canvas_view_changed (self);
    }
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CairnCanvas   *self)
{
  double cx, cy;

  if (!G_VALUE_HOLDS_STRING (value) || cairn_registry_lookup (g_value_get_string (value)) == NULL)
    return FALSE;
  cairn_canvas_to_canvas (self, x, y, &cx, &cy);
  g_signal_emit (self, _cairn_canvas_signals[NODE_DROPPED], 0, g_value_get_string (value), cx, cy);
  return TRUE;
}

static void
on_key_released (GtkEventControllerKey *key,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 CairnCanvas           *self)
{
  if (keyval == GDK_KEY_space)
    self->space_held = FALSE;
}

static gboolean
on_key (GtkEventControllerKey *key,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        CairnCanvas           *self)
{
  double dx = 0, dy = 0, step = (state & GDK_SHIFT_MASK) ? 1 : GRID;

  switch (keyval)
    {
    case GDK_KEY_space:
      self->space_held = TRUE;
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_BackSpace:
      /* Nodes are the window's to delete; a selected edge is ours. */
      return cairn_canvas_delete_selected_edge (self);
    case GDK_KEY_Left: dx = -step; break;
    case GDK_KEY_Right: dx = step; break;
    case GDK_KEY_Up: dy = -step; break;
    case GDK_KEY_Down: dy = step; break;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      {
        /* Tab walks the nodes in document order from the selected one;
           past the last (or, with Shift, the first) it leaves the canvas
           as Tab does elsewhere, and Ctrl+Tab always does. */
        g_auto(GStrv) selected = cairn_canvas_get_selection (self);
        gboolean back = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK);
        int index = -1, n = self->boxes->len;
        if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
          return FALSE;
        for (int i = 0; selected[0] && i < n; i++)
          if (g_strcmp0 (((Box *) g_ptr_array_index (self->boxes, i))->id, selected[0]) == 0)
            index = i;
        if (index < 0)
          index = back ? n - 1 : 0;
        else if ((back && index == 0) || (!back && index == n - 1))
          return FALSE;
        else
          index += back ? -1 : 1;
        _cairn_canvas_select_only (self, ((Box *) g_ptr_array_index (self->boxes, index))->id);
        _cairn_canvas_sync_selection (self);
        cairn_canvas_reveal_node (self, ((Box *) g_ptr_array_index (self->boxes, index))->id);
        /* Screen readers follow the focus. */
        _cairn_canvas_focus_node (self, ((Box *) g_ptr_array_index (self->boxes, index))->id);
        return TRUE;
      }
    default:
      return FALSE;
    }
  if (g_hash_table_size (self->selection) == 0 || self->journey == NULL)
    return FALSE;
  {
    gboolean snap = self->snap;
    self->snap = FALSE;
    move_selection (self, dx, dy);
    self->snap = snap;
  }
  g_signal_emit (self, _cairn_canvas_signals[NODES_MOVED], 0, g_hash_table_size (self->selection));
  return TRUE;
}

/* The pointer, the keyboard and drops. */
void
_cairn_canvas_add_controllers (CairnCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pan = gtk_gesture_drag_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pan));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key), self);
  g_signal_connect (key, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
