/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "cairn-scroll-guard.h"

typedef struct
{
  double x, y;   /* the pointer, in the scrolled window's coordinates */
} Guard;

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           Guard                    *guard)
{
  guard->x = x;
  guard->y = y;
}

/* The spin button under the pointer, unless it has the focus. */
static GtkWidget *
unfocused_spin_at_pointer (GtkWidget *scrolled,
                           Guard     *guard)
{
  GtkWidget *picked = gtk_widget_pick (scrolled, guard->x, guard->y, GTK_PICK_DEFAULT);
  GtkWidget *spin;

  if (picked == NULL)
    return NULL;
  spin = GTK_IS_SPIN_BUTTON (picked) ? picked : gtk_widget_get_ancestor (picked, GTK_TYPE_SPIN_BUTTON);
  if (spin == NULL || (gtk_widget_get_state_flags (spin) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return NULL;
  return spin;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           Guard                    *guard)
{
  GtkWidget *scrolled = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double page = gtk_adjustment_get_page_size (adjustment);
  double delta;

  if (unfocused_spin_at_pointer (scrolled, guard) == NULL)
    return FALSE;
  /* What GtkScrolledWindow does with a wheel notch, or pixels as given */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta = dy * pow (page, 2.0 / 3.0);
  else
    delta = dy;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);
  return TRUE;
}

void
cairn_scroll_guard_install (GtkScrolledWindow *scrolled)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  Guard *guard = g_new0 (Guard, 1);

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));

  g_object_set_data_full (G_OBJECT (scroll), "cairn-guard", guard, g_free);
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), guard);
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), guard);
  gtk_widget_add_controller (GTK_WIDGET (scrolled), motion);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (scroll, "cairn-scroll-guard");
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), guard);
  gtk_widget_add_controller (GTK_WIDGET (scrolled), scroll);
}
