/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a screen reader gets from the designer, read the way it reads it:
 * over the accessibility bus (ui-a11y.c). Entry rows say what they hold,
 * and no button is known only by its class. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cairn-a11y.h"
#include "cairn-application.h"
#include "cairn-persona-editor.h"
#include "cairn-portfolio-window.h"
#include "cairn-preferences-window.h"
#include "cairn-simulation-panel.h"
#include "cairn-window-private.h"
#include "ui-a11y.h"
#include "ui-util.h"

static void
spin (void)
{
  for (int i = 0; i < 3; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static UiA11yNode *
read_tree (void)
{
  UiA11yNode *tree;

  spin ();
  tree = ui_a11y_read_tree ();
  /* build-aux/test and CI run the ui suite in a D-Bus session, where GTK
     starts the accessibility bus itself: no bus is a broken setup. */
  g_assert_nonnull (tree);
  return tree;
}

/* The node of entry row @row: a text box named by its title, holding its
 * text (asked for by length, as GTK 4.8 answers it), the first one when
 * several titles and texts are alike. */
static UiA11yNode *
find_row (UiA11yNode *tree,
          GtkWidget  *row,
          GPtrArray  *candidates)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GString) name = g_string_new (title);
  UiA11yNode *found = NULL;

  if (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
    g_string_replace (name, "_", "", 0);
  g_ptr_array_set_size (candidates, 0);
  ui_a11y_find_named (tree, name->str, candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      UiA11yNode *node = candidates->pdata[i];

      if (g_strcmp0 (node->role, "text box") != 0)
        continue;
      if (g_strcmp0 (node->text, text) == 0)
        return node;
      if (found == NULL)
        found = node;
    }
  return found;
}

/* What Orca reads of a focused entry: its name, its role, its description,
 * and its Text asked for whole (an end of -1, which GTK 4.8 answers with
 * nothing). */
static gboolean
reads_as (UiA11yNode *node,
          const char *text)
{
  return node->description != NULL && g_str_has_prefix (node->description, text);
}

/* Every entry row on screen in @root that holds text exposes it; returns
 * how many there were. */
static guint
check_entry_rows (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(UiA11yNode) tree = read_tree ();
  guint n_checked = 0;

  ui_collect_widgets (root, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      UiA11yNode *node;

      if (ADW_IS_PASSWORD_ENTRY_ROW (row) || !gtk_widget_get_mapped (row) || *text == '\0')
        continue;
      node = find_row (tree, row, candidates);
      if (node == NULL || !reads_as (node, text))
        {
          g_autofree char *dump = ui_a11y_dump (tree);
          g_test_message ("%s", dump);
          g_test_message ("the row \"%s\" holding \"%s\" reads as %s",
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text,
                          node ? (node->description ? node->description : "(no description)") : "(not found)");
          g_test_fail ();
        }
      n_checked++;
    }
  return n_checked;
}

/* A button read as its class ("GtkImage", "GtkButton") or as nothing is a
 * button nobody can find by ear. */
static void
check_buttons_named (UiA11yNode *node,
                     guint      *n_buttons,
                     GString    *unnamed)
{
  /* (A drop-down's button is GTK's own part of a combo box, read as the
     combo box is) */
  if ((g_strcmp0 (node->role, "button") == 0 || g_strcmp0 (node->role, "toggle button") == 0) &&
      !(node->parent != NULL && g_strcmp0 (node->parent->role, "combo box") == 0))
    {
      (*n_buttons)++;
      if (node->name == NULL || *node->name == '\0' ||
          g_str_has_prefix (node->name, "Gtk") || g_str_has_prefix (node->name, "Adw") ||
          g_str_has_prefix (node->name, "Cairn"))
        {
          g_string_append_printf (unnamed, "%s \"%s\"", node->role, node->name ? node->name : "");
          for (UiA11yNode *up = node->parent; up != NULL && up->parent != NULL; up = up->parent)
            g_string_append_printf (unnamed, " in %s \"%s\"", up->role, up->name ? up->name : "");
          g_string_append_c (unnamed, '\n');
        }
    }
  for (guint i = 0; i < node->children->len; i++)
    {
      UiA11yNode *child = node->children->pdata[i];

      check_buttons_named (child, n_buttons, unnamed);
    }
}

static void
assert_buttons_named (void)
{
  g_autoptr(UiA11yNode) tree = read_tree ();
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_buttons = 0;

  check_buttons_named (tree, &n_buttons, unnamed);
  g_assert_cmpuint (n_buttons, >, 0);
  if (unnamed->len > 0)
    g_test_message ("buttons without a name:\n%s", unnamed->str);
  g_assert_cmpuint (unnamed->len, ==, 0);
}

/* The helper: the text, as it changes, with the tooltip after it; a
 * password row says nothing of its secret. */
static void
test_entry_row_text (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *secret = adw_password_entry_row_new ();
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Journey name");
  gtk_editable_set_text (GTK_EDITABLE (row), "Autumn sofas");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (secret), "Token");
  gtk_editable_set_text (GTK_EDITABLE (secret), "hunter2");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_append (GTK_LIST_BOX (list), secret);
  gtk_window_set_child (GTK_WINDOW (window), list);
  cairn_a11y_expose_entry_text (row);
  cairn_a11y_expose_entry_text (row);
  cairn_a11y_expose_entry_text (secret);
  gtk_window_present (GTK_WINDOW (window));

  {
    g_autoptr(UiA11yNode) tree = read_tree ();
    UiA11yNode *node = find_row (tree, row, candidates);

    g_assert_nonnull (node);
    g_assert_cmpstr (node->name, ==, "Journey name");
    g_assert_cmpstr (node->description, ==, "Autumn sofas");
    node = find_row (tree, secret, candidates);
    g_assert_nonnull (node);
    /* (GTK 4.8's Text interface gives the secret away by itself) */
    g_assert_true (node->description == NULL || strstr (node->description, "hunter2") == NULL);
  }

  gtk_editable_set_text (GTK_EDITABLE (row), "Winter chairs");
  gtk_widget_set_tooltip_text (row, "What the marketers call it");
  {
    g_autoptr(UiA11yNode) tree = read_tree ();
    UiA11yNode *node = find_row (tree, row, candidates);

    g_assert_nonnull (node);
    g_assert_cmpstr (node->description, ==, "Winter chairs\nWhat the marketers call it");
  }

  /* Typed into with the focus there, it says the text once the focus
     leaves */
  gtk_widget_grab_focus (row);
  spin ();
  g_assert_true ((gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0);
  gtk_editable_set_text (GTK_EDITABLE (row), "Spring tables");
  {
    g_autoptr(UiA11yNode) tree = read_tree ();
    UiA11yNode *node = find_row (tree, row, candidates);

    g_assert_nonnull (node);
    g_assert_cmpstr (node->description, ==, "Winter chairs\nWhat the marketers call it");
  }
  gtk_widget_grab_focus (secret);
  {
    g_autoptr(UiA11yNode) tree = read_tree ();
    UiA11yNode *node = find_row (tree, row, candidates);

    g_assert_nonnull (node);
    g_assert_cmpstr (node->description, ==, "Spring tables\nWhat the marketers call it");
  }

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  gtk_widget_set_tooltip_text (row, NULL);
  {
    g_autoptr(UiA11yNode) tree = read_tree ();
    UiA11yNode *node = find_row (tree, row, candidates);

    g_assert_nonnull (node);
    g_assert_true (node->description == NULL || *node->description == '\0');
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static CairnWindow *
window_with (const char *sample)
{
  CairnWindow *window = cairn_window_new (NULL);
  g_autofree char *path = g_build_filename (CAIRN_SOURCE_DATADIR, "journeys", sample, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_window_load_file (window, path, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  return window;
}

/* The designer: the inspector of every node, and the journey's settings;
 * a row typed into says its new text. Every node's buttons have names. */
static void
test_designer_entry_rows (void)
{
  CairnWindow *window = window_with ("advanced-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  guint n_checked = 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  n_checked += check_entry_rows (GTK_WIDGET (window));
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      const char *ids[] = { cairn_journey_get_node (journey, i)->id, NULL };

      cairn_window_select_nodes (window, ids);
      spin ();
      n_checked += check_entry_rows (GTK_WIDGET (window->inspector));
      /* The node's form: Delete Node, the conditions' and lists' buttons */
      assert_buttons_named ();
    }
  /* The label row at least, on every node */
  g_assert_cmpuint (n_checked, >=, cairn_journey_get_n_nodes (journey));

  /* Typed into, the row says the new text */
  ui_collect_widgets (GTK_WIDGET (window->inspector), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, >, 0);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "Typed by hand");
  spin ();
  g_assert_cmpuint (check_entry_rows (GTK_WIDGET (window->inspector)), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The persona editor: the scenario's settings, a person's id and an
 * event's name and platform read their text; its icon buttons (add,
 * remove, duplicate) have names. */
static void
test_persona_editor (void)
{
  g_autofree char *path = g_build_filename (CAIRN_SOURCE_DATADIR, "scenarios", "furniture-cross-sell.json", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = cairn_persona_editor_new ();
  guint n_checked;

  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cairn_persona_editor_load_file (CAIRN_PERSONA_EDITOR (editor), path, &error));
  g_assert_no_error (error);
  cairn_persona_editor_select_settings (CAIRN_PERSONA_EDITOR (editor));
  spin ();
  /* Name, start, end */
  g_assert_cmpuint (check_entry_rows (editor), >=, 3);
  assert_buttons_named ();
  cairn_persona_editor_select_user (CAIRN_PERSONA_EDITOR (editor), 0);
  spin ();
  /* The id, and each event's name */
  n_checked = check_entry_rows (editor);
  g_assert_cmpuint (n_checked, >=, 2);
  assert_buttons_named ();
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The preferences, the publish dialog and the portfolio window: their
 * entry rows come from templates. */
static void
test_template_entry_rows (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnPortfolioWindow *portfolio;
  guint n_checked = 0;
  GList *before = gtk_window_list_toplevels ();

  cairn_preferences_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL);
  portfolio = cairn_portfolio_window_new_from_open_journeys (NULL);
  gtk_window_present (GTK_WINDOW (portfolio));
  spin ();
  /* Their buttons too have names */
  assert_buttons_named ();

  {
    g_autolist(GObject) after = g_list_copy_deep (gtk_window_list_toplevels (), (GCopyFunc) g_object_ref, NULL);

    for (GList *l = after; l != NULL; l = l->next)
      {
        GtkWidget *toplevel = l->data;

        if (g_list_find (before, toplevel) || toplevel == GTK_WIDGET (window))
          continue;
        /* Every entry row there holds text: fill the empty ones */
        {
          g_autoptr(GPtrArray) rows = g_ptr_array_new ();

          ui_collect_widgets (toplevel, ADW_TYPE_ENTRY_ROW, rows);
          for (guint i = 0; i < rows->len; i++)
            if (!ADW_IS_PASSWORD_ENTRY_ROW (rows->pdata[i]) &&
                *gtk_editable_get_text (GTK_EDITABLE (rows->pdata[i])) == '\0')
              gtk_editable_set_text (GTK_EDITABLE (rows->pdata[i]), "Europe/Berlin");
        }
        n_checked += check_entry_rows (toplevel);
      }
    for (GList *l = after; l != NULL; l = l->next)
      if (!g_list_find (before, l->data) && l->data != (gpointer) window)
        gtk_window_destroy (GTK_WINDOW (l->data));
  }
  /* Time zone, run store, journey address; the portfolio's name and id */
  g_assert_cmpuint (n_checked, >=, 3);
  g_list_free (before);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* No button is read as "GtkImage" or as nothing: the designer with its
 * simulation panel open, the preferences, the portfolio window. */
static void
test_buttons_named (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnPortfolioWindow *portfolio;

  assert_buttons_named ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL);
  spin ();
  while (cairn_simulation_panel_is_running (CAIRN_SIMULATION_PANEL (window->simulation)))
    g_main_context_iteration (NULL, TRUE);
  assert_buttons_named ();
  gtk_window_destroy (GTK_WINDOW (window));

  portfolio = cairn_portfolio_window_new (NULL);
  gtk_window_present (GTK_WINDOW (portfolio));
  assert_buttons_named ();
  gtk_window_destroy (GTK_WINDOW (portfolio));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("cairn-a11y-XXXXXX", NULL);

  /* The runs of the panel go to a folder of the test's own */
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/ui/a11y/entry-row-text", test_entry_row_text);
  g_test_add_func ("/ui/a11y/designer-entry-rows", test_designer_entry_rows);
  g_test_add_func ("/ui/a11y/template-entry-rows", test_template_entry_rows);
  g_test_add_func ("/ui/a11y/buttons-named", test_buttons_named);
  g_test_add_func ("/ui/a11y/persona-editor", test_persona_editor);
  return g_test_run ();
}
