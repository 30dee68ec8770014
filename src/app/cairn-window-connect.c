/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Connecting without the mouse: "Connect port to…" in the node's menu
 * (right click, the Menu key or Shift+F10 on the canvas) and in the
 * inspector, and the next node added at a chosen port, "failed" too. */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-canvas.h"
#include "cairn-registry.h"
#include "cairn-window-private.h"

gboolean
_cairn_window_connect_port (CairnWindow *self,
                            const char  *from,
                            const char  *port,
                            const char  *to,
                            GError     **error)
{
  CairnEdge *edge = cairn_journey_find_edge (self->journey, from, port);
  g_autofree char *was = edge != NULL ? g_strdup (edge->to) : NULL;
  gboolean done;

  if (g_strcmp0 (was, to) == 0 || (was == NULL && (to == NULL || *to == '\0')))
    return TRUE;
  cairn_journey_freeze_changed (self->journey);
  if (was != NULL)
    cairn_journey_disconnect (self->journey, from, port);
  done = to == NULL || *to == '\0' || cairn_journey_connect (self->journey, from, port, to, error);
  if (!done && was != NULL)
    cairn_journey_connect (self->journey, from, port, was, NULL);
  cairn_journey_thaw_changed (self->journey);
  if (done)
    cairn_window_record (self, to != NULL && *to != '\0' ? _("Connect") : _("Disconnect"), NULL);
  return done;
}

static void
connect_port_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  const char *from, *port, *to;
  g_autoptr(GError) error = NULL;

  g_variant_get (param, "(&s&s&s)", &from, &port, &to);
  if (!_cairn_window_connect_port (self, from, port, to, &error))
    cairn_window_show_toast (self, error->message);
}

void
_cairn_window_set_pending_port (CairnWindow *self,
                                const char  *from,
                                const char  *port)
{
  g_free (self->pending_from);
  g_free (self->pending_port);
  self->pending_from = g_strdup (from);
  self->pending_port = g_strdup (port);
}

static void
add_at_port_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  const char *from, *port;
  const char *ids[] = { NULL, NULL };

  g_variant_get (param, "(&s&s)", &from, &port);
  if (cairn_journey_find_node (self->journey, from) == NULL)
    return;
  ids[0] = from;
  cairn_window_select_nodes (self, ids);
  /* After the selection: choosing a node clears what is pending */
  _cairn_window_set_pending_port (self, from, port);
  cairn_palette_focus_search (self->palette);
}

/* The node's menu: what it can be connected to, port by port */
static GMenuModel *
node_menu_new (CairnWindow *self,
               CairnNode   *node)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) ports_section = g_menu_new ();
  g_autoptr(GMenu) edit_section = g_menu_new ();
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);

  for (guint p = 0; p < ports->len; p++)
    {
      CairnPort *port = g_ptr_array_index (ports, p);
      g_autoptr(GMenu) targets = g_menu_new ();
      g_autofree char *title = NULL;
      g_autoptr(GMenuItem) add = NULL;

      for (guint i = 0; i < cairn_journey_get_n_nodes (self->journey); i++)
        {
          CairnNode *other = cairn_journey_get_node (self->journey, i);
          g_autoptr(GMenuItem) item = NULL;

          if (other == node || other->id == NULL || (other->kind != NULL && other->kind->is_starter))
            continue;
          item = g_menu_item_new (other->label && *other->label ? other->label : other->id, NULL);
          g_menu_item_set_action_and_target (item, "win.connect-port", "(sss)", node->id, port->id, other->id);
          g_menu_append_item (targets, item);
        }
      if (cairn_journey_find_edge (self->journey, node->id, port->id) != NULL)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_("Not connected"), NULL);
          g_menu_item_set_action_and_target (item, "win.connect-port", "(sss)", node->id, port->id, "");
          g_menu_append_item (targets, item);
        }
      else
        {
          /* Translators: a menu item: the palette's next node goes after this port */
          g_autofree char *add_label = g_strdup_printf (_("Add Next Node at “%s”"), port->label);
          add = g_menu_item_new (add_label, NULL);
          g_menu_item_set_action_and_target (add, "win.add-at-port", "(ss)", node->id, port->id);
        }
      /* Translators: a submenu, "Connect “timeout” To" */
      title = g_strdup_printf (_("Connect “%s” To"), port->label);
      g_menu_append_submenu (ports_section, title, G_MENU_MODEL (targets));
      if (add != NULL)
        g_menu_append_item (ports_section, add);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (ports_section));
  g_menu_append (edit_section, _("Duplicate"), "win.duplicate");
  g_menu_append (edit_section, _("Delete Node"), "win.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit_section));
  return G_MENU_MODEL (menu);
}

/* Shows the node's menu at (@x, @y) in the canvas's coordinates. */
GtkWidget *
_cairn_window_popup_node_menu (CairnWindow *self,
                               const char  *id,
                               double       x,
                               double       y)
{
  CairnNode *node = cairn_journey_find_node (self->journey, id);
  g_autoptr(GMenuModel) model = NULL;
  const char *ids[] = { id, NULL };
  GtkWidget *popover;

  if (node == NULL)
    return NULL;
  cairn_window_select_nodes (self, ids);
  model = node_menu_new (self, node);
  if (self->node_menu != NULL)
    gtk_widget_unparent (self->node_menu);
  popover = gtk_popover_menu_new_from_model_full (model, GTK_POPOVER_MENU_NESTED);
  gtk_widget_set_parent (popover, self->canvas);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  self->node_menu = popover;
  gtk_popover_popup (GTK_POPOVER (popover));
  return popover;
}

/* On release: a popover shown at the press would take the release. */
static void
on_secondary_released (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      CairnWindow     *self)
{
  const char *id = cairn_canvas_node_at (CAIRN_CANVAS (self->canvas), x, y);

  if (id == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  _cairn_window_popup_node_menu (self, id, x, y);
}

static void
node_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  g_auto(GStrv) selection = cairn_window_get_selection (self);
  graphene_rect_t bounds;
  double x, y;

  if (selection == NULL || selection[0] == NULL ||
      !cairn_canvas_get_card_bounds (CAIRN_CANVAS (self->canvas), selection[0], &bounds))
    return;
  cairn_canvas_reveal_node (CAIRN_CANVAS (self->canvas), selection[0]);
  cairn_canvas_to_widget (CAIRN_CANVAS (self->canvas), bounds.origin.x + bounds.size.width / 2,
                          bounds.origin.y + bounds.size.height, &x, &y);
  _cairn_window_popup_node_menu (self, selection[0], x, y);
}

void
_cairn_window_setup_connect (CairnWindow *self)
{
  GtkGesture *secondary = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "released", G_CALLBACK (on_secondary_released), self);
  gtk_widget_add_controller (self->canvas, GTK_EVENT_CONTROLLER (secondary));
}

void
_cairn_window_class_add_connect_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.connect-port", "(sss)", connect_port_action);
  gtk_widget_class_install_action (widget_class, "win.add-at-port", "(ss)", add_at_port_action);
  gtk_widget_class_install_action (widget_class, "win.node-menu", NULL, node_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "win.node-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "win.node-menu", NULL);
}
