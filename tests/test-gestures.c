/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The canvas driven by the pointer and the keyboard as a person drives
 * it: real events through the X server (XTest under Xvfb, see
 * ui-util.c), delivered by GTK to the canvas's gestures. Each test reads
 * back the document and the widgets. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cairn-canvas.h"
#include "cairn-json.h"
#include "cairn-palette.h"
#include "cairn-window-private.h"
#include "ui-util.h"

static CairnWindow *
shown_window (const char *sample)
{
  CairnWindow *window = cairn_window_new (NULL);

  if (sample != NULL)
    {
      g_autofree char *path = ui_source_path ("journeys", sample);
      g_autoptr(GError) error = NULL;

      g_assert_true (cairn_window_load_file (window, path, &error));
      g_assert_no_error (error);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  ui_input_ready (GTK_WIDGET (window));
  while (gtk_widget_get_width (window->canvas) == 0)
    g_main_context_iteration (NULL, TRUE);
  ui_input_flush ();
  return window;
}

static char *
document (CairnWindow *window)
{
  return cairn_journey_to_data (cairn_window_get_journey (window), NULL);
}

static CairnCanvas *
canvas_of (CairnWindow *window)
{
  return CAIRN_CANVAS (window->canvas);
}

/* The widget point of a canvas point */
static void
at (CairnWindow *window,
    double       cx,
    double       cy,
    double      *wx,
    double      *wy)
{
  cairn_canvas_to_widget (canvas_of (window), cx, cy, wx, wy);
}

/* Presses @button at canvas point (@x0, @y0), moves in steps to (@x1,
 * @y1) (widget coordinates of @widget) and releases there. */
static void
drag (GtkWidget *widget,
      guint      button,
      double     x0,
      double     y0,
      double     x1,
      double     y1)
{
  ui_pointer_move (widget, x0, y0);
  ui_pointer_button (button, TRUE);
  for (int i = 1; i <= 6; i++)
    ui_pointer_move (widget, x0 + (x1 - x0) * i / 6, y0 + (y1 - y0) * i / 6);
  ui_pointer_button (button, FALSE);
}

static void
click (GtkWidget *widget,
       double     x,
       double     y)
{
  ui_pointer_move (widget, x, y);
  ui_pointer_button (1, TRUE);
  ui_pointer_button (1, FALSE);
}

static const char *
undo_label (CairnWindow *window)
{
  return cairn_undo_stack_get_undo_label (cairn_window_get_undo_stack (window));
}

static char *
selection_text (CairnWindow *window)
{
  g_auto(GStrv) selection = cairn_window_get_selection (window);

  return g_strjoinv (",", selection);
}

/* The palette's row for @type */
static GtkWidget *
palette_row (GtkWidget  *widget,
             const char *type)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "kind-type"), type) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = palette_row (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A kind dragged from the palette lands where it is dropped, selected. */
static void
test_palette_drag (void)
{
  CairnWindow *window = shown_window ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  guint before = cairn_journey_get_n_nodes (journey);
  GtkWidget *row;
  double wx, wy, rx, ry;
  CairnNode *added;
  g_autofree char *selected = NULL;

  cairn_palette_set_filter (window->palette, "Exit");
  ui_input_flush ();
  row = palette_row (GTK_WIDGET (window->palette), "exit");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_translate_coordinates (row, GTK_WIDGET (window), 40, 15, &rx, &ry));
  at (window, 700, 460, &wx, &wy);
  {
    double ox, oy;
    g_assert_true (gtk_widget_translate_coordinates (window->canvas, GTK_WIDGET (window), wx, wy, &ox, &oy));
    drag (GTK_WIDGET (window), 1, rx, ry, ox, oy);
  }
  ui_input_flush ();
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, before + 1);
  added = cairn_journey_get_node (journey, before);
  g_assert_cmpstr (added->type, ==, "exit");
  /* Dropped where the pointer let go (the card's top-left, on the grid) */
  g_assert_cmpfloat (fabs (added->x - 700), <=, 40);
  g_assert_cmpfloat (fabs (added->y - 460), <=, 40);
  selected = selection_text (window);
  g_assert_cmpstr (selected, ==, added->id);
  g_assert_cmpstr (cairn_inspector_get_node (window->inspector), ==, added->id);
  g_assert_cmpstr (undo_label (window), ==, "Add Exit");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A port dragged onto a node connects them, as one undo step; a second
 * edge from the same port is refused. */
static void
test_connect_drag (void)
{
  CairnWindow *window = shown_window ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  g_autofree char *wait_id = g_strdup (cairn_window_drop_kind (window, "wait.duration", 300, 420));
  g_autofree char *exit_id = g_strdup (cairn_window_drop_kind (window, "exit", 700, 420));
  g_autofree char *before = NULL;
  graphene_rect_t bounds;
  double px, py, tx, ty;
  guint n_edges;
  CairnEdge *edge;

  cairn_canvas_zoom_to_fit (canvas_of (window));
  ui_input_flush ();
  n_edges = cairn_journey_get_n_edges (journey);
  /* The wait's port: on its card's right edge, level with its first row */
  g_assert_true (cairn_canvas_get_card_bounds (canvas_of (window), wait_id, &bounds));
  at (window, cairn_journey_find_node (journey, wait_id)->x + 220,
      cairn_journey_find_node (journey, wait_id)->y + 58 + 9, &px, &py);
  at (window, cairn_journey_find_node (journey, exit_id)->x + 100,
      cairn_journey_find_node (journey, exit_id)->y + 30, &tx, &ty);
  drag (window->canvas, 1, px, py, tx, ty);
  g_assert_cmpuint (cairn_journey_get_n_edges (journey), ==, n_edges + 1);
  edge = cairn_journey_find_edge (journey, wait_id, "out");
  g_assert_nonnull (edge);
  g_assert_cmpstr (edge->to, ==, exit_id);
  /* Neither node moved */
  g_assert_cmpfloat (cairn_journey_find_node (journey, wait_id)->x, ==, 300);
  g_assert_cmpfloat (cairn_journey_find_node (journey, exit_id)->x, ==, 700);
  g_assert_cmpstr (undo_label (window), ==, "Connect");

  /* The port has its edge: another one from it is refused */
  before = document (window);
  at (window, cairn_journey_find_node (journey, "done")->x + 100,
      cairn_journey_find_node (journey, "done")->y + 30, &tx, &ty);
  drag (window->canvas, 1, px, py, tx, ty);
  {
    g_autofree char *after = document (window);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpstr (cairn_journey_find_edge (journey, wait_id, "out")->to, ==, exit_id);
  g_assert_cmpstr (undo_label (window), ==, "Connect");

  /* Undone, the edge goes and nothing else */
  g_assert_true (cairn_undo_stack_undo (cairn_window_get_undo_stack (window)));
  g_assert_null (cairn_journey_find_edge (journey, wait_id, "out"));
  g_assert_nonnull (cairn_journey_find_node (journey, exit_id));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The port takes a press 10 px off its dot, at 100 %. */
static void
test_port_hit_area (void)
{
  CairnWindow *window = shown_window ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  g_autofree char *wait_id = g_strdup (cairn_window_drop_kind (window, "wait.duration", 300, 420));
  g_autofree char *exit_id = g_strdup (cairn_window_drop_kind (window, "exit", 700, 420));
  double px, py, tx, ty;

  cairn_canvas_zoom_reset (canvas_of (window));
  cairn_canvas_reveal_node (canvas_of (window), wait_id);
  {
    const char *both[] = { wait_id, exit_id, NULL };
    cairn_canvas_reveal_nodes (canvas_of (window), both);
  }
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas_of (window)), 1.0, 1e-9);
  ui_input_flush ();
  at (window, 300 + 220 + 10, 420 + 58 + 9, &px, &py);
  at (window, 700 + 100, 420 + 30, &tx, &ty);
  drag (window->canvas, 1, px, py, tx, ty);
  g_assert_nonnull (cairn_journey_find_edge (journey, wait_id, "out"));
  g_assert_cmpstr (cairn_journey_find_edge (journey, wait_id, "out")->to, ==, exit_id);
  gtk_window_destroy (GTK_WINDOW (window));
}


/* The item of @menu (or its submenus) whose label starts with @prefix */
static gboolean
find_menu_item (GMenuModel  *menu,
                const char  *prefix,
                char       **action,
                GVariant   **target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      GMenuLinkIter *links;
      const char *name;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label) &&
          g_str_has_prefix (label, prefix) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", action))
        {
          *target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          return TRUE;
        }
      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_get_next (links, &name, &link))
        {
          gboolean found = find_menu_item (link, prefix, action, target);
          g_object_unref (link);
          if (found)
            {
              g_object_unref (links);
              return TRUE;
            }
        }
      g_object_unref (links);
    }
  return FALSE;
}

/* Connecting without a drag: the node's menu (right click, Shift+F10),
 * the inspector's Connections, and the next node added at "failed". */
static void
test_connect_without_mouse (void)
{
  CairnWindow *window = shown_window ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  g_autofree char *email_id = g_strdup (cairn_window_drop_kind (window, "message.email", 300, 420));
  g_autofree char *exit_id = g_strdup (cairn_window_drop_kind (window, "exit", 700, 420));
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const char *ids[] = { email_id, NULL };
  AdwComboRow *out_row = NULL;
  double wx, wy;

  cairn_canvas_zoom_to_fit (canvas_of (window));
  ui_input_flush ();

  /* A right click on the card opens its menu, which connects each port */
  at (window, 300 + 100, 420 + 25, &wx, &wy);
  ui_pointer_move (window->canvas, wx, wy);
  ui_pointer_button (3, TRUE);
  ui_pointer_button (3, FALSE);
  g_assert_nonnull (window->node_menu);
  g_assert_true (gtk_widget_get_visible (window->node_menu));
  g_assert_true (find_menu_item (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (window->node_menu)),
                                 "Done", &action, &target));
  g_assert_cmpstr (action, ==, "win.connect-port");
  gtk_popover_popdown (GTK_POPOVER (window->node_menu));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, target));
  g_assert_cmpstr (cairn_journey_find_edge (journey, email_id, "out")->to, ==, "done");
  g_assert_cmpstr (cairn_undo_stack_get_undo_label (cairn_window_get_undo_stack (window)), ==, "Connect");

  /* Shift+F10 on the canvas opens the selected node's menu */
  gtk_popover_popdown (GTK_POPOVER (window->node_menu));
  g_clear_pointer (&window->node_menu, gtk_widget_unparent);
  cairn_window_select_nodes (window, ids);
  gtk_widget_grab_focus (window->canvas);
  ui_input_flush ();
  ui_key (GDK_KEY_F10, GDK_SHIFT_MASK);
  g_assert_nonnull (window->node_menu);
  g_assert_true (gtk_widget_get_visible (window->node_menu));
  gtk_popover_popdown (GTK_POPOVER (window->node_menu));
  ui_input_flush ();

  /* The inspector: the "out" port's row chooses where it leads */
  cairn_window_select_nodes (window, ids);
  ui_input_flush ();
  ui_collect_widgets (GTK_WIDGET (window->inspector), ADW_TYPE_COMBO_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (rows->pdata[i], "port") != NULL &&
        g_str_equal (g_object_get_data (rows->pdata[i], "port"), "out"))
      out_row = rows->pdata[i];
  g_assert_nonnull (out_row);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (out_row)), ==, "Done");
  {
    GListModel *names = adw_combo_row_get_model (out_row);
    guint exit_index = G_MAXUINT;
    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      {
        g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);
        if (g_strcmp0 (gtk_string_object_get_string (name), cairn_journey_find_node (journey, exit_id)->label) == 0)
          exit_index = i;
      }
    g_assert_cmpuint (exit_index, !=, G_MAXUINT);
    adw_combo_row_set_selected (out_row, exit_index);
  }
  g_assert_cmpstr (cairn_journey_find_edge (journey, email_id, "out")->to, ==, exit_id);
  adw_combo_row_set_selected (out_row, 0);
  g_assert_null (cairn_journey_find_edge (journey, email_id, "out"));
  g_assert_cmpstr (cairn_undo_stack_get_undo_label (cairn_window_get_undo_stack (window)), ==, "Disconnect");

  /* The next node from the palette at "failed", chosen */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-at-port", "(ss)", email_id, "failed"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (window->palette)) ||
                 gtk_widget_get_focus_child (GTK_WIDGET (window->palette)) != NULL);
  ui_key (GDK_KEY_E, GDK_SHIFT_MASK);
  ui_key (GDK_KEY_x, 0);
  ui_key (GDK_KEY_i, 0);
  ui_key (GDK_KEY_t, 0);
  ui_key (GDK_KEY_Return, 0);
  {
    CairnEdge *failed = cairn_journey_find_edge (journey, email_id, "failed");
    g_assert_nonnull (failed);
    g_assert_cmpstr (cairn_journey_find_node (journey, failed->to)->type, ==, "exit");
    g_assert_cmpstr (failed->to, !=, exit_id);
  }
  g_assert_null (cairn_journey_find_edge (journey, email_id, "out"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  ui_collect_widgets (widget, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static void
click_widget (GtkWidget *widget)
{
  ui_pointer_move (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  ui_pointer_button (1, TRUE);
  ui_pointer_button (1, FALSE);
}

/* Types into the entry row @title of the inspector, replacing its text */
static void
type_into (CairnWindow *window,
           const char  *title,
           const char  *text)
{
  GtkWidget *row = find_entry_row (GTK_WIDGET (window->inspector), title);

  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  ui_input_flush ();
  ui_key (GDK_KEY_a, GDK_CONTROL_MASK);
  ui_type (text);
}

/* The palette's search (Ctrl+F: the application's accelerator, and the
 * test has no application), a kind's name, Enter */
static void
add_from_palette (CairnWindow *window,
                  const char  *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-node-kind", NULL));
  ui_input_flush ();
  ui_key (GDK_KEY_a, GDK_CONTROL_MASK);
  ui_type (name);
  ui_key (GDK_KEY_Return, 0);
}

/* A journey made from an empty window, by clicks and keys, is saved as
 * tests/fixtures/journey/built-in-designer.json says. */
static void
test_build_journey (void)
{
  CairnWindow *window = shown_window (NULL);
  CairnJourney *journey = cairn_window_get_journey (window);
  g_autofree char *dir = g_dir_make_tmp ("cairn-built-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sofa.json", NULL);
  g_autofree char *expected_path = g_build_filename (TESTS_SRCDIR, "fixtures", "journey", "built-in-designer.json", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(GStrv) selection = NULL;
  GtkWidget *add;

  /* The journey's name, in the inspector's Journey Settings */
  type_into (window, "Name", "Sofa follow-up");
  /* Add a Starter, on the empty canvas */
  add = NULL;
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    ui_collect_widgets (window->empty_page, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Add a Starter") == 0)
        add = buttons->pdata[i];
  }
  g_assert_nonnull (add);
  click_widget (add);
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, 1);
  type_into (window, "Event", "purchase");

  /* A wait of two days after it */
  add_from_palette (window, "Wait");
  ui_collect_widgets (GTK_WIDGET (window->inspector), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, >=, 1);
  gtk_widget_grab_focus (spins->pdata[0]);
  ui_input_flush ();
  ui_key (GDK_KEY_a, GDK_CONTROL_MASK);
  ui_type ("2");
  ui_key (GDK_KEY_Tab, 0);

  /* An email, then an exit */
  add_from_palette (window, "Email");
  type_into (window, "Subject", "Your sofa");
  add_from_palette (window, "Exit");

  /* The email's "failed" port also leads to the exit, from its menu */
  selection = cairn_window_get_selection (window);
  {
    g_autofree char *exit_id = g_strdup (selection[0]);
    CairnNode *email = cairn_journey_get_node (journey, 2);
    double wx, wy;

    g_assert_cmpstr (email->type, ==, "message.email");
    cairn_canvas_to_widget (canvas_of (window), email->x + 100, email->y + 25, &wx, &wy);
    ui_pointer_move (window->canvas, wx, wy);
    ui_pointer_button (3, TRUE);
    ui_pointer_button (3, FALSE);
    g_assert_nonnull (window->node_menu);
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      const char *label = cairn_journey_find_node (journey, exit_id)->label;
      /* The second submenu is the second port's: "failed" */
      GMenuModel *menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (window->node_menu));
      GMenuModel *ports = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
      GMenuModel *failed = NULL;

      for (int i = 0; i < g_menu_model_get_n_items (ports); i++)
        {
          g_autofree char *title = NULL;
          if (g_menu_model_get_item_attribute (ports, i, G_MENU_ATTRIBUTE_LABEL, "s", &title) &&
              g_str_equal (title, "Connect “failed” To"))
            failed = g_menu_model_get_item_link (ports, i, G_MENU_LINK_SUBMENU);
        }
      g_assert_nonnull (failed);
      g_assert_true (find_menu_item (failed, label, &action, &target));
      gtk_popover_popdown (GTK_POPOVER (window->node_menu));
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, target));
      g_object_unref (failed);
      g_object_unref (ports);
    }
  }

  g_assert_true (cairn_window_save_file (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  if (g_strcmp0 (saved, expected) != 0)
    {
      g_printerr ("%s", saved);
      g_assert_cmpstr (saved, ==, expected);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A card dragged by its title moves by as much, on the grid. */
static void
test_move_card (void)
{
  CairnWindow *window = shown_window ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnCanvas *canvas = canvas_of (window);
  double zoom = cairn_canvas_get_zoom (canvas);
  double wx, wy;
  CairnNode *node;
  g_autofree char *selected = NULL;

  at (window, 820 + 100, 160 + 25, &wx, &wy);
  drag (window->canvas, 1, wx, wy, wx + 120, wy + 60);
  node = cairn_journey_find_node (journey, "w2");
  g_assert_cmpfloat (fabs (node->x - (820 + 120 / zoom)), <=, 10 + 1);
  g_assert_cmpfloat (fabs (node->y - (160 + 60 / zoom)), <=, 10 + 1);
  g_assert_cmpfloat (fmod (node->x, 20), ==, 0);
  g_assert_cmpfloat (fmod (node->y, 20), ==, 0);
  /* The others stayed */
  g_assert_cmpfloat (cairn_journey_find_node (journey, "email1")->x, ==, 1080);
  selected = selection_text (window);
  g_assert_cmpstr (selected, ==, "w2");
  g_assert_cmpstr (cairn_inspector_get_node (window->inspector), ==, "w2");
  g_assert_cmpstr (undo_label (window), ==, "Move 1 node");
  g_assert_true (cairn_undo_stack_undo (cairn_window_get_undo_stack (window)));
  g_assert_cmpfloat (cairn_journey_find_node (journey, "w2")->x, ==, 820);
  g_assert_cmpfloat (cairn_journey_find_node (journey, "w2")->y, ==, 160);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A band dragged over empty canvas selects the cards it touches. */
static void
test_rubber_band (void)
{
  CairnWindow *window = shown_window ("furniture-cross-sell.json");
  g_autofree char *before = document (window);
  g_autofree char *selected = NULL;
  double x0, y0, x1, y1;

  at (window, 20, 110, &x0, &y0);
  at (window, 530, 270, &x1, &y1);
  drag (window->canvas, 1, x0, y0, x1, y1);
  selected = selection_text (window);
  g_assert_cmpstr (selected, ==, "start,w1");
  {
    g_autofree char *after = document (window);
    g_assert_cmpstr (after, ==, before);
  }
  /* Two nodes: the inspector shows the journey, not one of them */
  g_assert_null (cairn_inspector_get_node (window->inspector));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The middle button pans; Ctrl+wheel zooms about the pointer. Neither
 * changes the journey. */
static void
test_pan_and_zoom (void)
{
  CairnWindow *window = shown_window ("furniture-cross-sell.json");
  CairnCanvas *canvas = canvas_of (window);
  g_autofree char *before = document (window);
  double zoom = cairn_canvas_get_zoom (canvas);
  double wx, wy, wx2, wy2, cx, cy, cx2, cy2;

  at (window, 40, 160, &wx, &wy);
  drag (window->canvas, 2, 300, 40, 420, 100);
  at (window, 40, 160, &wx2, &wy2);
  g_assert_cmpfloat (fabs (wx2 - wx - 120), <=, 1);
  g_assert_cmpfloat (fabs (wy2 - wy - 60), <=, 1);
  g_assert_cmpfloat (cairn_canvas_get_zoom (canvas), ==, zoom);

  cairn_canvas_to_canvas (canvas, 400, 300, &cx, &cy);
  ui_scroll (window->canvas, 400, 300, -1, GDK_CONTROL_MASK);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas), zoom * 1.1, 1e-9);
  cairn_canvas_to_canvas (canvas, 400, 300, &cx2, &cy2);
  g_assert_cmpfloat_with_epsilon (cx, cx2, 1e-6);
  g_assert_cmpfloat_with_epsilon (cy, cy2, 1e-6);
  ui_scroll (window->canvas, 400, 300, 1, GDK_CONTROL_MASK);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas), zoom, 1e-9);
  /* The wheel alone scrolls */
  at (window, 40, 160, &wx, &wy);
  ui_scroll (window->canvas, 400, 300, 1, 0);
  at (window, 40, 160, &wx2, &wy2);
  g_assert_cmpfloat (wy2, <, wy);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas), zoom, 1e-9);
  {
    g_autofree char *after = document (window);
    g_assert_cmpstr (after, ==, before);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A card clicked, Delete, then Ctrl+Z: the journey is as it was. */
static void
test_delete_undo (void)
{
  CairnWindow *window = shown_window ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  g_autofree char *before = document (window);
  guint n_nodes = cairn_journey_get_n_nodes (journey);
  double wx, wy;

  at (window, 820 + 100, 160 + 25, &wx, &wy);
  click (window->canvas, wx, wy);
  g_assert_cmpstr (cairn_inspector_get_node (window->inspector), ==, "w2");
  ui_key (GDK_KEY_Delete, 0);
  g_assert_null (cairn_journey_find_node (journey, "w2"));
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, n_nodes - 1);
  g_assert_null (cairn_journey_find_edge (journey, "w2", "out"));
  g_assert_true (gtk_widget_get_sensitive (window->undo_button));
  g_assert_cmpstr (undo_label (window), ==, "Delete 1 node");
  ui_key (GDK_KEY_z, GDK_CONTROL_MASK);
  {
    g_autofree char *after = document (window);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_false (cairn_window_get_modified (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The drag state on its own, driven as the gestures drive it. */

static CairnCanvas *
state_canvas (CairnJourney *journey,
              GtkWidget   **window)
{
  GtkWidget *canvas = cairn_canvas_new ();

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 1200, 700);
  gtk_window_set_child (GTK_WINDOW (*window), canvas);
  cairn_canvas_set_journey (CAIRN_CANVAS (canvas), journey);
  gtk_window_present (GTK_WINDOW (*window));
  while (gtk_widget_get_width (canvas) == 0)
    g_main_context_iteration (NULL, TRUE);
  cairn_canvas_zoom_reset (CAIRN_CANVAS (canvas));
  return CAIRN_CANVAS (canvas);
}

static void
on_moved (CairnCanvas *canvas,
          guint        n,
          guint       *moved)
{
  *moved = n;
}

static void
on_message (CairnCanvas *canvas,
            const char  *message,
            char       **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* A card moves with the pointer, the journey once at the end, on the grid;
 * cancelled, it goes back. */
static void
test_drag_state_move (void)
{
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  GtkWidget *window;
  CairnCanvas *canvas = state_canvas (journey, &window);
  CairnCanvasDrag *drag = cairn_canvas_get_drag (canvas);
  CairnNode *w2 = cairn_journey_find_node (journey, "w2");
  double x0 = w2->x, y0 = w2->y, wx, wy;
  guint moved = 0;
  g_auto(GStrv) selected = NULL;

  g_signal_connect (canvas, "nodes-moved", G_CALLBACK (on_moved), &moved);
  g_assert_cmpint (cairn_canvas_drag_get_mode (drag), ==, CAIRN_CANVAS_DRAG_IDLE);
  cairn_canvas_to_widget (canvas, x0 + 100, y0 + 25, &wx, &wy);
  g_assert_cmpint (cairn_canvas_drag_begin (drag, wx, wy, FALSE, FALSE), ==, CAIRN_CANVAS_DRAG_MOVING);
  selected = cairn_canvas_get_selection (canvas);
  {
    g_autofree char *text = g_strjoinv (",", selected);
    g_assert_cmpstr (text, ==, "w2");
  }
  cairn_canvas_drag_update (drag, 113, 57);
  /* The card is under the pointer, the journey not changed yet */
  g_assert_cmpstr (cairn_canvas_node_at (canvas, wx + 113, wy + 57), ==, "w2");
  g_assert_cmpfloat (w2->x, ==, x0);
  cairn_canvas_drag_end (drag, 113, 57);
  g_assert_cmpint (cairn_canvas_drag_get_mode (drag), ==, CAIRN_CANVAS_DRAG_IDLE);
  w2 = cairn_journey_find_node (journey, "w2");
  g_assert_cmpfloat (w2->x, ==, round ((x0 + 113) / 20) * 20);
  g_assert_cmpfloat (w2->y, ==, round ((y0 + 57) / 20) * 20);
  g_assert_cmpuint (moved, ==, 1);

  /* Cancelled: back where the journey has it, nothing moved */
  moved = 0;
  x0 = w2->x;
  cairn_canvas_to_widget (canvas, w2->x + 100, w2->y + 25, &wx, &wy);
  cairn_canvas_drag_begin (drag, wx, wy, FALSE, FALSE);
  cairn_canvas_drag_update (drag, 300, 0);
  g_assert_cmpstr (cairn_canvas_node_at (canvas, wx + 300, wy), ==, "w2");
  cairn_canvas_drag_cancel (drag);
  g_assert_cmpstr (cairn_canvas_node_at (canvas, wx, wy), ==, "w2");
  g_assert_cmpfloat (cairn_journey_find_node (journey, "w2")->x, ==, x0);
  g_assert_cmpuint (moved, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* From empty canvas: a band that selects what it touches; with Shift, it
 * adds to the selection. */
static void
test_drag_state_band (void)
{
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  g_autofree char *before = cairn_journey_to_data (journey, NULL);
  g_autofree char *after = NULL;
  GtkWidget *window;
  CairnCanvas *canvas = state_canvas (journey, &window);
  CairnCanvasDrag *drag = cairn_canvas_get_drag (canvas);
  g_auto(GStrv) selected = NULL;
  double x0, y0, x1, y1;

  cairn_canvas_to_widget (canvas, 20, 110, &x0, &y0);
  cairn_canvas_to_widget (canvas, 530, 270, &x1, &y1);
  g_assert_cmpint (cairn_canvas_drag_begin (drag, x0, y0, FALSE, FALSE), ==, CAIRN_CANVAS_DRAG_BAND);
  cairn_canvas_drag_update (drag, x1 - x0, y1 - y0);
  cairn_canvas_drag_end (drag, x1 - x0, y1 - y0);
  selected = cairn_canvas_get_selection (canvas);
  {
    g_autofree char *text = g_strjoinv (",", selected);
    g_assert_cmpstr (text, ==, "start,w1");
  }
  after = cairn_journey_to_data (journey, NULL);
  g_assert_cmpstr (after, ==, before);

  /* A click on empty canvas clears it; a band with Shift keeps it */
  cairn_canvas_drag_begin (drag, x0, y0, TRUE, FALSE);
  cairn_canvas_drag_end (drag, 0, 0);
  g_clear_pointer (&selected, g_strfreev);
  selected = cairn_canvas_get_selection (canvas);
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  cairn_canvas_drag_begin (drag, x0, y0, FALSE, FALSE);
  cairn_canvas_drag_end (drag, 1, 1);
  g_clear_pointer (&selected, g_strfreev);
  selected = cairn_canvas_get_selection (canvas);
  g_assert_cmpuint (g_strv_length (selected), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* From a port: a connection to the card where it is released, and a
 * second one from the same port refused with a message. */
static void
test_drag_state_connect (void)
{
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  g_autofree char *wait_id = g_strdup (cairn_journey_add_node (journey, "wait.duration", 300, 420));
  g_autofree char *exit_id = g_strdup (cairn_journey_add_node (journey, "exit", 700, 420));
  g_autofree char *message = NULL;
  GtkWidget *window;
  CairnCanvas *canvas = state_canvas (journey, &window);
  CairnCanvasDrag *drag = cairn_canvas_get_drag (canvas);
  const char *from, *port;
  double px, py, tx, ty;
  guint n_edges = cairn_journey_get_n_edges (journey);

  g_signal_connect (canvas, "message", G_CALLBACK (on_message), &message);
  /* 8 px off the dot is still the port */
  cairn_canvas_to_widget (canvas, 300 + 220 + 8, 420 + 58 + 9, &px, &py);
  cairn_canvas_to_widget (canvas, 700 + 100, 420 + 30, &tx, &ty);
  g_assert_cmpint (cairn_canvas_drag_begin (drag, px, py, FALSE, FALSE), ==, CAIRN_CANVAS_DRAG_CONNECTING);
  cairn_canvas_drag_get_connection (drag, &from, &port);
  g_assert_cmpstr (from, ==, wait_id);
  g_assert_cmpstr (port, ==, "out");
  cairn_canvas_drag_update (drag, tx - px, ty - py);
  cairn_canvas_drag_end (drag, tx - px, ty - py);
  cairn_canvas_drag_get_connection (drag, &from, &port);
  g_assert_null (from);
  g_assert_cmpuint (cairn_journey_get_n_edges (journey), ==, n_edges + 1);
  g_assert_cmpstr (cairn_journey_find_edge (journey, wait_id, "out")->to, ==, exit_id);
  g_assert_null (message);

  /* The port has its edge */
  cairn_canvas_to_widget (canvas, cairn_journey_find_node (journey, "done")->x + 100,
                          cairn_journey_find_node (journey, "done")->y + 30, &tx, &ty);
  cairn_canvas_drag_begin (drag, px, py, FALSE, FALSE);
  cairn_canvas_drag_end (drag, tx - px, ty - py);
  g_assert_nonnull (message);
  g_assert_cmpstr (cairn_journey_find_edge (journey, wait_id, "out")->to, ==, exit_id);
  g_assert_cmpuint (cairn_journey_get_n_edges (journey), ==, n_edges + 1);

  /* Released on its own card: nothing */
  cairn_canvas_to_widget (canvas, 300 + 100, 420 + 30, &tx, &ty);
  cairn_canvas_drag_begin (drag, px, py, FALSE, FALSE);
  cairn_canvas_drag_end (drag, tx - px, ty - py);
  g_assert_cmpuint (cairn_journey_get_n_edges (journey), ==, n_edges + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Panning moves the view by as much as the pointer, wherever it starts. */
static void
test_drag_state_pan (void)
{
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  g_autofree char *before = cairn_journey_to_data (journey, NULL);
  g_autofree char *after = NULL;
  GtkWidget *window;
  CairnCanvas *canvas = state_canvas (journey, &window);
  CairnCanvasDrag *drag = cairn_canvas_get_drag (canvas);
  CairnNode *w2 = cairn_journey_find_node (journey, "w2");
  double wx, wy, wx2, wy2;

  cairn_canvas_to_widget (canvas, w2->x + 100, w2->y + 25, &wx, &wy);
  /* On a card, with Space held */
  g_assert_cmpint (cairn_canvas_drag_begin (drag, wx, wy, FALSE, TRUE), ==, CAIRN_CANVAS_DRAG_PANNING);
  cairn_canvas_drag_update (drag, 30, 10);
  cairn_canvas_drag_update (drag, 70, -40);
  cairn_canvas_drag_end (drag, 70, -40);
  cairn_canvas_to_widget (canvas, w2->x + 100, w2->y + 25, &wx2, &wy2);
  g_assert_cmpfloat_with_epsilon (wx2, wx + 70, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy2, wy - 40, 1e-9);
  after = cairn_journey_to_data (journey, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (cairn_canvas_drag_get_mode (drag), ==, CAIRN_CANVAS_DRAG_IDLE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("cairn-gestures-XXXXXX", NULL);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_set_application_name ("Cairn");
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipped\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/ui/gestures/palette-drag", test_palette_drag);
  g_test_add_func ("/ui/gestures/connect-drag", test_connect_drag);
  g_test_add_func ("/ui/gestures/port-hit-area", test_port_hit_area);
  g_test_add_func ("/ui/gestures/connect-without-mouse", test_connect_without_mouse);
  g_test_add_func ("/ui/gestures/build-journey", test_build_journey);
  g_test_add_func ("/ui/gestures/move-card", test_move_card);
  g_test_add_func ("/ui/gestures/rubber-band", test_rubber_band);
  g_test_add_func ("/ui/gestures/pan-and-zoom", test_pan_and_zoom);
  g_test_add_func ("/ui/gestures/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/gestures/drag-state-move", test_drag_state_move);
  g_test_add_func ("/ui/gestures/drag-state-band", test_drag_state_band);
  g_test_add_func ("/ui/gestures/drag-state-connect", test_drag_state_connect);
  g_test_add_func ("/ui/gestures/drag-state-pan", test_drag_state_pan);
  return g_test_run ();
}
