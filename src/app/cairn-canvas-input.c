/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-canvas-private.h"

/* Gestures: what a drag does is the drag state's (cairn-canvas-drag.c). */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CairnCanvas    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  cairn_canvas_drag_begin (self->drag, x, y, (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0, self->space_held);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                CairnCanvas    *self)
{
  cairn_canvas_drag_update (self->drag, dx, dy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             CairnCanvas    *self)
{
  cairn_canvas_drag_end (self->drag, dx, dy);
}

/* The middle button pans wherever it is pressed. */
static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              CairnCanvas    *self)
{
  cairn_canvas_drag_begin (self->drag, x, y, FALSE, TRUE);
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
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  cairn_viewport_zoom_at (self->viewport, factor, x, y);
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
    cairn_viewport_pan (self->viewport, -dx * 30, -dy * 30);
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
    _cairn_canvas_move_selection (self, dx, dy);
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
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (pan, "drag-end", G_CALLBACK (on_drag_end), self);
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
