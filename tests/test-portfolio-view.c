/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The portfolio designer (DESIGN §13), driven as a person would: open a
 * portfolio, reorder its journeys by keyboard and by a drop, edit the cap,
 * save; load a run's report and read the Collisions page; open a journey
 * from the list with its run counts. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cairn-application.h"
#include "cairn-bar-chart.h"
#include "cairn-canvas.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-portfolio-window.h"
#include "cairn-window-private.h"

#define LAPTOP_NAME "Accessories for a new laptop"

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
fixture_report (void)
{
  return g_build_filename (TESTS_SRCDIR, "fixtures", "portfolio", "report.json", NULL);
}

static void
copy_journey (const char *dir,
              const char *name)
{
  g_autofree char *from = g_build_filename (CAIRN_SOURCE_DATADIR, "journeys", name, NULL);
  g_autofree char *to = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &text, &length, NULL));
  g_assert_true (g_file_set_contents (to, text, length, NULL));
}

/* A folder with journeys/ (three journeys) and portfolios/home.json
 * naming them, with a member Cairn does not know. Returns the portfolio's
 * path. */
static char *
make_portfolio (void)
{
  g_autofree char *root = g_dir_make_tmp ("cairn-portfolio-XXXXXX", NULL);
  g_autofree char *journeys = g_build_filename (root, "journeys", NULL);
  g_autofree char *portfolios = g_build_filename (root, "portfolios", NULL);
  char *path = g_build_filename (portfolios, "home.json", NULL);
  const char *text =
    "{\n"
    "  \"format\": \"cairn-portfolio\", \"version\": 1,\n"
    "  \"id\": \"home-q4\", \"name\": \"Home, Q4\",\n"
    "  \"x-owner\": {\"team\": \"CRM\"},\n"
    "  \"journeys\": [\"../journeys/furniture-cross-sell.json\",\n"
    "               \"../journeys/furniture-follow-up.json\",\n"
    "               \"../journeys/laptop-accessories.json\"],\n"
    "  \"frequency_cap\": {\"max_messages\": 2, \"per\": \"P1D\", \"channels\": [\"email\", \"web_push\"]}\n"
    "}\n";

  g_mkdir_with_parents (journeys, 0700);
  g_mkdir_with_parents (portfolios, 0700);
  copy_journey (journeys, "furniture-cross-sell.json");
  copy_journey (journeys, "furniture-follow-up.json");
  copy_journey (journeys, "laptop-accessories.json");
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static CairnPortfolioWindow *
open_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  CairnPortfolioWindow *window = cairn_portfolio_window_open (NULL, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (window);
  spin ();
  return window;
}

static const char *
row_title (GtkListBox *list,
           int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* The text of the first label inside @widget whose text is a number, or
 * of the last label when none is */
static const char *
suffix_text (GtkWidget *widget)
{
  const char *found = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *text = GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child)) : suffix_text (child);

      if (text != NULL && g_ascii_isdigit (text[0]))
        return text;
      if (text != NULL)
        found = text;
    }
  return found;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

static JsonObject *
read_json (const char *path,
           JsonNode  **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = cairn_json_load_file (path, NULL, &error);
  g_assert_no_error (error);
  return json_node_get_object (*keep);
}

static const char *
title_of (CairnPortfolioWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

/* Keyboard and drop reorder, the cap in place, then Save */
static void
test_edit_and_save (void)
{
  g_autofree char *path = make_portfolio ();
  CairnPortfolioWindow *window = open_window (path);
  CairnPortfolioView *view = cairn_portfolio_window_get_view (window);
  GtkListBox *list = cairn_portfolio_view_get_journey_list (view);
  CairnPortfolioDocument *document = cairn_portfolio_window_get_document (window);
  g_autoptr(JsonNode) saved = NULL;
  JsonObject *root, *cap;
  JsonArray *journeys, *channels;
  GtkListBoxRow *target_row;
  GtkDropTarget *target = NULL;
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(CairnPortfolioEntry) dragged = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  GtkWidget *per_spin;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_cmpstr (title_of (window), ==, "Home, Q4");
  g_assert_cmpuint (n_rows (list), ==, 3);
  g_assert_cmpstr (row_title (list, 0), ==, "Complete the living room");
  g_assert_cmpstr (row_title (list, 2), ==, LAPTOP_NAME);
  /* The cap as the file has it */
  g_assert_true (adw_expander_row_get_enable_expansion (cairn_portfolio_view_get_cap_row (view)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (cairn_portfolio_view_get_max_spin (view)), ==, 2);
  g_assert_true (gtk_check_button_get_active (cairn_portfolio_view_get_channel_check (view, "email")));
  g_assert_false (gtk_check_button_get_active (cairn_portfolio_view_get_channel_check (view, "sms")));

  /* Nothing selected: nothing to move */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "portfolio.move-up", NULL) &&
                  cairn_portfolio_document_get_modified (document));

  /* The third journey up by keyboard: Move Up (Alt+Up) */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "portfolio.move-up", NULL));
  spin ();
  g_assert_cmpstr (row_title (list, 0), ==, "Complete the living room");
  g_assert_cmpstr (row_title (list, 1), ==, LAPTOP_NAME);
  g_assert_cmpint (cairn_portfolio_view_get_selected (view), ==, 1);
  g_assert_true (cairn_portfolio_document_get_modified (document));
  g_assert_true (g_str_has_prefix (title_of (window), "• "));
  /* Ranks are shown again after a move */
  g_assert_cmpstr (suffix_text (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2))), ==, "3");

  /* A drop: the first row dropped on the last one */
  dragged = g_list_model_get_item (cairn_portfolio_document_get_journeys (document), 0);
  target_row = gtk_list_box_get_row_at_index (list, 2);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (target_row));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, CAIRN_TYPE_PORTFOLIO_ENTRY);
  g_value_set_object (&value, dragged);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  spin ();
  g_assert_cmpstr (row_title (list, 2), ==, "Complete the living room");
  g_assert_cmpint (cairn_portfolio_view_get_selected (view), ==, 2);

  /* The cap: 3 messages per 2 days, SMS too */
  gtk_spin_button_set_value (cairn_portfolio_view_get_max_spin (view), 3);
  per_spin = find_descendant (cairn_portfolio_view_get_per_row (view), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (per_spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (per_spin), 2);
  gtk_check_button_set_active (cairn_portfolio_view_get_channel_check (view, "sms"), TRUE);
  spin ();

  /* The name, typed in its row, is the window's title at once */
  gtk_editable_set_text (GTK_EDITABLE (cairn_portfolio_view_get_name_row (view)), "Home, winter");
  g_assert_cmpstr (title_of (window), ==, "• Home, winter");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  spin ();
  g_assert_false (cairn_portfolio_document_get_modified (document));
  g_assert_cmpstr (title_of (window), ==, "Home, winter");

  root = read_json (path, &saved);
  g_assert_cmpstr (cairn_json_get_string (root, "format"), ==, "cairn-portfolio");
  g_assert_cmpstr (cairn_json_get_string (root, "name"), ==, "Home, winter");
  g_assert_cmpstr (cairn_json_get_string (root, "id"), ==, "home-q4");
  g_assert_cmpstr (cairn_json_get_string (cairn_json_get_object (root, "x-owner"), "team"), ==, "CRM");
  journeys = cairn_json_get_array (root, "journeys");
  g_assert_cmpuint (json_array_get_length (journeys), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (journeys, 0), ==, "../journeys/laptop-accessories.json");
  g_assert_cmpstr (json_array_get_string_element (journeys, 1), ==, "../journeys/furniture-follow-up.json");
  g_assert_cmpstr (json_array_get_string_element (journeys, 2), ==, "../journeys/furniture-cross-sell.json");
  cap = cairn_json_get_object (root, "frequency_cap");
  g_assert_nonnull (cap);
  g_assert_cmpint (json_object_get_int_member (cap, "max_messages"), ==, 3);
  g_assert_cmpstr (cairn_json_get_string (cap, "per"), ==, "P2D");
  channels = cairn_json_get_array (cap, "channels");
  g_assert_cmpuint (json_array_get_length (channels), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (channels, 0), ==, "email");
  g_assert_cmpstr (json_array_get_string_element (channels, 1), ==, "sms");
  g_assert_cmpstr (json_array_get_string_element (channels, 2), ==, "web_push");

  /* Every channel is the default: the member goes; the cap off leaves the
   * document, and comes back as it was. */
  for (const char * const *c = (const char * const []) { "sms", "app_push", "onsite", "inapp", "whatsapp", "facebook_audience", NULL }; *c; c++)
    gtk_check_button_set_active (cairn_portfolio_view_get_channel_check (view, *c), TRUE);
  adw_expander_row_set_enable_expansion (cairn_portfolio_view_get_cap_row (view), FALSE);
  spin ();
  g_assert_true (cairn_portfolio_document_save_file (document, path, NULL));
  g_clear_pointer (&saved, json_node_unref);
  root = read_json (path, &saved);
  g_assert_false (json_object_has_member (root, "frequency_cap"));
  adw_expander_row_set_enable_expansion (cairn_portfolio_view_get_cap_row (view), TRUE);
  g_assert_true (cairn_portfolio_document_save_file (document, path, NULL));
  g_clear_pointer (&saved, json_node_unref);
  root = read_json (path, &saved);
  cap = cairn_json_get_object (root, "frequency_cap");
  g_assert_cmpint (json_object_get_int_member (cap, "max_messages"), ==, 3);
  g_assert_false (json_object_has_member (cap, "channels"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* Add and remove, as the list's buttons do */
static void
test_add_remove (void)
{
  g_autofree char *path = make_portfolio ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *extra = g_build_filename (dir, "..", "journeys", "furniture-follow-up.json", NULL);
  CairnPortfolioWindow *window = open_window (path);
  CairnPortfolioView *view = cairn_portfolio_window_get_view (window);
  GtkListBox *list = cairn_portfolio_view_get_journey_list (view);
  CairnPortfolioDocument *document = cairn_portfolio_window_get_document (window);
  g_autoptr(JsonNode) saved = NULL;
  JsonArray *journeys;

  /* Remove needs a selection */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "portfolio.remove-journey", NULL)
                  && cairn_portfolio_document_get_modified (document));
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "portfolio.remove-journey", NULL));
  spin ();
  g_assert_cmpuint (n_rows (list), ==, 2);
  g_assert_cmpstr (row_title (list, 0), ==, "From furniture to appliances");
  /* The next one is selected, so Delete can go on */
  g_assert_cmpint (cairn_portfolio_view_get_selected (view), ==, 0);
  g_assert_cmpstr (suffix_text (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1))), ==, "2");

  cairn_portfolio_document_add_journey (document, extra);
  spin ();
  g_assert_cmpuint (n_rows (list), ==, 3);
  g_assert_true (cairn_portfolio_document_save_file (document, path, NULL));
  journeys = cairn_json_get_array (read_json (path, &saved), "journeys");
  g_assert_cmpuint (json_array_get_length (journeys), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (journeys, 2), ==, "../journeys/furniture-follow-up.json");

  /* Save As elsewhere: the journeys are named from there */
  {
    g_autofree char *other = g_build_filename (dir, "..", "other.json", NULL);
    g_autoptr(JsonNode) moved = NULL;

    g_assert_true (cairn_portfolio_window_save_file (window, other, NULL));
    journeys = cairn_json_get_array (read_json (other, &moved), "journeys");
    g_assert_cmpstr (json_array_get_string_element (journeys, 0), ==, "journeys/furniture-follow-up.json");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static GtkWidget *
grid_cell (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *cell = gtk_grid_get_child_at (grid, column, row);

  g_assert_nonnull (cell);
  return cell;
}

/* The Collisions page of a report */
static void
test_collisions_page (void)
{
  g_autofree char *report = fixture_report ();
  CairnPortfolioWindow *window = cairn_portfolio_window_new (NULL);
  CairnCollisionsView *collisions = cairn_portfolio_window_get_collisions (window);
  GtkGrid *grid = cairn_collisions_view_get_overlap_grid (collisions);
  GtkListBox *capped = cairn_collisions_view_get_capped_list (collisions);
  GtkListBox *busiest = cairn_collisions_view_get_busiest_list (collisions);
  GtkListBox *timeline = cairn_collisions_view_get_timeline_list (collisions);
  GtkStack *stack = cairn_collisions_view_get_timeline_stack (collisions);
  GtkWidget *cell;
  g_autoptr(GError) error = NULL;
  g_autofree char *bogus = g_build_filename (TESTS_SRCDIR, "fixtures", "report", "example.json", NULL);
  const char *sent[3];
  guint n_sent = 0, n_capped = 0;

  /* A journey's report is not a portfolio's */
  g_assert_false (cairn_portfolio_window_load_report (window, bogus, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cairn_portfolio_window_load_report (window, report, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin ();

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cairn_collisions_view_get_summary_label (collisions))), ==,
                   "7 messages to 4 users from 3 journeys");
  /* peak_day: one bar per key */
  g_assert_cmpuint (cairn_bar_chart_get_n_groups (CAIRN_BAR_CHART (cairn_collisions_view_get_peak_chart (collisions))), ==, 3);

  /* The matrix: headers, then a cell per pair both ways, shaded */
  cell = grid_cell (grid, 2, 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "2");
  g_assert_true (gtk_widget_has_css_class (cell, "overlap-level-4"));
  cell = grid_cell (grid, 1, 2);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "2");
  cell = grid_cell (grid, 3, 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "1");
  g_assert_true (gtk_widget_has_css_class (cell, "overlap-level-2"));
  cell = grid_cell (grid, 3, 2);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "0");
  g_assert_true (gtk_widget_has_css_class (cell, "overlap-level-0"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (grid_cell (grid, 1, 1))), ==, "—");
  g_assert_null (gtk_grid_get_child_at (grid, 4, 1));

  /* Suppressed by the cap, summed over each journey's channels */
  g_assert_cmpuint (n_rows (capped), ==, 3);
  g_assert_cmpstr (row_title (capped, 0), ==, "furniture-cross-sell");
  g_assert_cmpstr (suffix_text (GTK_WIDGET (gtk_list_box_get_row_at_index (capped, 0))), ==, "0");
  g_assert_cmpstr (suffix_text (GTK_WIDGET (gtk_list_box_get_row_at_index (capped, 1))), ==, "1");
  g_assert_cmpstr (row_title (capped, 2), ==, "weekend-promotion");
  g_assert_cmpstr (suffix_text (GTK_WIDGET (gtk_list_box_get_row_at_index (capped, 2))), ==, "2");

  /* The busiest users, most first */
  g_assert_cmpuint (n_rows (busiest), ==, 4);
  g_assert_cmpstr (row_title (busiest, 0), ==, "sophie");
  g_assert_cmpstr (suffix_text (GTK_WIDGET (gtk_list_box_get_row_at_index (busiest, 0))), ==, "3 messages");
  g_assert_cmpstr (row_title (busiest, 3), ==, "noah");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");

  /* Clicking Sophie: one timeline over the three journeys, in time order */
  g_signal_emit_by_name (busiest, "row-activated", gtk_list_box_get_row_at_index (busiest, 0));
  spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "timeline");
  g_assert_cmpuint (n_rows (timeline), ==, 10);
  for (guint i = 0; i < n_rows (timeline); i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (timeline, i));
      const char *title = row_title (timeline, i);

      if (g_str_has_prefix (title, "Sent: "))
        {
          g_assert_cmpuint (n_sent, <, 3);
          sent[n_sent++] = title;
        }
      if (gtk_widget_has_css_class (row, "portfolio-capped"))
        {
          n_capped++;
          /* the weekend promotion, third in priority: the third colour */
          g_assert_true (gtk_widget_has_css_class (row, "journey-colour-2"));
          g_assert_cmpstr (title, ==, "Not sent: over the portfolio cap");
        }
    }
  g_assert_cmpuint (n_sent, ==, 3);
  g_assert_cmpstr (sent[0], ==, "Sent: Make it cosy, Sophie");
  g_assert_cmpstr (sent[1], ==, "Sent: How is your new sofa?");
  g_assert_cmpstr (sent[2], ==, "Sent: Still thinking about a rug?");
  g_assert_cmpuint (n_capped, ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_list_box_get_row_at_index (timeline, 0)), "journey-colour-0"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_list_box_get_row_at_index (timeline, 1)), "journey-colour-1"));

  /* Noah was not traced: the page says so instead of an empty timeline */
  g_signal_emit_by_name (busiest, "row-activated", gtk_list_box_get_row_at_index (busiest, 3));
  spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "untraced");
  g_assert_cmpuint (n_rows (timeline), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static CairnWindow *
journey_window (const char *path)
{
  g_autoptr(GList) toplevels = NULL;
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  CairnWindow *found = NULL;

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (CAIRN_IS_WINDOW (l->data)
        && g_strcmp0 (cairn_journey_get_filename (cairn_window_get_journey (l->data)), canonical) == 0)
      found = l->data;
  return found;
}

/* A double-click on a journey opens it on its canvas with its run counts */
static void
test_open_journey_with_counts (void)
{
  g_autofree char *path = make_portfolio ();
  g_autofree char *report = fixture_report ();
  CairnPortfolioWindow *window = open_window (path);
  CairnPortfolioView *view = cairn_portfolio_window_get_view (window);
  GtkListBox *list = cairn_portfolio_view_get_journey_list (view);
  CairnPortfolioDocument *document = cairn_portfolio_window_get_document (window);
  g_autoptr(CairnPortfolioEntry) entry = g_list_model_get_item (cairn_portfolio_document_get_journeys (document), 0);
  CairnWindow *journey;
  g_autofree char *counts = NULL;

  g_assert_true (cairn_portfolio_window_load_report (window, report, NULL));
  g_assert_null (journey_window (cairn_portfolio_entry_get_path (entry)));
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  spin ();
  journey = journey_window (cairn_portfolio_entry_get_path (entry));
  g_assert_nonnull (journey);
  g_assert_cmpstr (cairn_journey_get_id (cairn_window_get_journey (journey)), ==, "furniture-cross-sell");
  g_assert_true (CAIRN_IS_CANVAS (journey->canvas));
  counts = cairn_canvas_describe_counts (CAIRN_CANVAS (journey->canvas));
  g_assert_nonnull (strstr (counts, "start: entered 3"));
  g_assert_true (gtk_widget_get_visible (journey->canvas_legend));

  /* Again: the same window, not a second one */
  g_assert_true (cairn_portfolio_window_open_journey (window, 0) == journey);

  gtk_window_destroy (GTK_WINDOW (journey));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* File → Open takes a portfolio, and New Portfolio gathers the open journeys */
static void
test_open_and_new_portfolio (void)
{
  g_autoptr(CairnApplication) app = cairn_application_new ();
  g_autofree char *path = make_portfolio ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *journey_path = g_build_filename (dir, "..", "journeys", "furniture-follow-up.json", NULL);
  g_autofree char *canonical = g_canonicalize_filename (journey_path, NULL);
  g_autoptr(GError) error = NULL;
  CairnWindow *window;
  CairnPortfolioWindow *portfolio = NULL;
  GList *windows;
  g_autoptr(CairnPortfolioEntry) entry = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = cairn_window_new (GTK_APPLICATION (app));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", path));
  spin ();
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    if (CAIRN_IS_PORTFOLIO_WINDOW (l->data))
      portfolio = l->data;
  g_assert_nonnull (portfolio);
  g_assert_cmpstr (cairn_portfolio_document_get_id (cairn_portfolio_window_get_document (portfolio)), ==, "home-q4");
  /* The journey window stays blank: a portfolio is not a journey */
  g_assert_true (cairn_window_is_blank (window));
  gtk_window_destroy (GTK_WINDOW (portfolio));

  g_assert_true (cairn_window_load_file (window, journey_path, &error));
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-portfolio", NULL);
  spin ();
  portfolio = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CAIRN_IS_PORTFOLIO_WINDOW (l->data))
      portfolio = l->data;
  g_assert_nonnull (portfolio);
  g_assert_cmpuint (g_list_model_get_n_items (cairn_portfolio_document_get_journeys (cairn_portfolio_window_get_document (portfolio))), ==, 1);
  entry = g_list_model_get_item (cairn_portfolio_document_get_journeys (cairn_portfolio_window_get_document (portfolio)), 0);
  g_assert_cmpstr (cairn_portfolio_entry_get_path (entry), ==, canonical);
  g_assert_true (cairn_portfolio_document_get_modified (cairn_portfolio_window_get_document (portfolio)));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (portfolio)), "• "));
  gtk_window_destroy (GTK_WINDOW (portfolio));

  /* `cairn home.json` on the command line: a portfolio window, no journey
   * window taken for it */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    guint n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));

    g_application_open (G_APPLICATION (app), &file, 1, "");
    spin ();
    portfolio = NULL;
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
      if (CAIRN_IS_PORTFOLIO_WINDOW (l->data))
        portfolio = l->data;
    g_assert_nonnull (portfolio);
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows + 1);
    g_assert_cmpstr (cairn_portfolio_document_get_filename (cairn_portfolio_window_get_document (portfolio)), ==, path);
    gtk_window_destroy (GTK_WINDOW (portfolio));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static gboolean
rows_with_class (GtkListBox *list,
                 const char *css_class,
                 const char *also,
                 guint      *n)
{
  *n = 0;
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      if (gtk_widget_has_css_class (row, css_class))
        {
          (*n)++;
          if (also != NULL && !gtk_widget_has_css_class (row, also))
            return FALSE;
        }
    }
  return TRUE;
}

/* Simulate runs the sample portfolio on its scenario through the engine,
 * off the main thread, and the Collisions page shows what the cap took */
static void
test_simulate_sample (void)
{
  g_autofree char *path = g_build_filename (CAIRN_SOURCE_DATADIR, "portfolios", "home.json", NULL);
  CairnPortfolioWindow *window = open_window (path);
  CairnCollisionsView *collisions = cairn_portfolio_window_get_collisions (window);
  GtkListBox *busiest = cairn_collisions_view_get_busiest_list (collisions);
  GtkListBox *timeline = cairn_collisions_view_get_timeline_list (collisions);
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  JsonObject *report;
  guint n_capped = 0;
  int sophie = -1;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL));
  /* A second Simulate while it runs starts nothing more */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL);
  g_assert_null (cairn_collisions_view_get_report (collisions));
  while (cairn_collisions_view_get_report (collisions) == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  report = cairn_collisions_view_get_report (collisions);
  g_assert_nonnull (report);

  g_assert_cmpstr (cairn_json_get_string (report, "format"), ==, "cairn-portfolio-report");
  g_assert_cmpstr (cairn_json_get_string (report, "portfolio"), ==, "home-q4");
  g_assert_nonnull (cairn_collisions_view_get_journey_report (collisions, "weekend-promotion"));

  for (int i = 0; gtk_list_box_get_row_at_index (busiest, i) != NULL; i++)
    if (g_str_equal (row_title (busiest, i), "sophie"))
      sophie = i;
  g_assert_cmpint (sophie, >=, 0);
  g_signal_emit_by_name (busiest, "row-activated", gtk_list_box_get_row_at_index (busiest, sophie));
  spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (cairn_collisions_view_get_timeline_stack (collisions)), ==, "timeline");
  /* The scenario's expectation: Sophie loses both weekend-promotion
   * messages (the third journey, the third colour) to the cap */
  g_assert_true (rows_with_class (timeline, "portfolio-capped", "journey-colour-2", &n_capped));
  g_assert_cmpuint (n_capped, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* A crowd: the progress bar goes along while it runs, and the busiest
 * users the run did not trace say so */
static void
test_simulate_crowd (void)
{
  g_autofree char *portfolio = make_portfolio ();
  g_autofree char *crowd = g_build_filename (CAIRN_SOURCE_DATADIR, "scenarios", "furniture-cross-sell-crowd.json", NULL);
  g_autofree char *catalog = g_build_filename (CAIRN_SOURCE_DATADIR, "catalogs", "home.json", NULL);
  g_autofree char *dir = g_path_get_dirname (portfolio);
  g_autofree char *scenario = g_build_filename (dir, "crowd.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  CairnPortfolioWindow *window;
  CairnCollisionsView *collisions;
  GtkProgressBar *bar;
  GtkListBox *busiest;
  double most = 0;
  gint64 until;
  guint untraced = 0;
  JsonObject *object = read_json (crowd, &root);

  json_object_set_string_member (object, "catalog", catalog);
  json_object_set_int_member (cairn_json_get_object (object, "generate"), "count", 30000);
  text = cairn_json_to_string (root, FALSE);
  g_assert_true (g_file_set_contents (scenario, text, -1, NULL));

  window = open_window (portfolio);
  collisions = cairn_portfolio_window_get_collisions (window);
  busiest = cairn_collisions_view_get_busiest_list (collisions);
  bar = GTK_PROGRESS_BAR (find_descendant (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR));
  g_assert_nonnull (bar);
  cairn_portfolio_window_set_scenario (window, scenario);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL));
  until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (cairn_collisions_view_get_report (collisions) == NULL && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, TRUE);
      most = MAX (most, gtk_progress_bar_get_fraction (bar));
    }
  g_assert_nonnull (cairn_collisions_view_get_report (collisions));
  g_assert_cmpfloat (most, >, 0);
  g_assert_cmpfloat (most, <=, 1);
  spin ();

  /* Of 30,000 users the run traces the first thousand: the busiest users
   * past them say why they have no timeline */
  g_assert_cmpuint (n_rows (busiest), ==, 20);
  for (guint i = 0; i < 20; i++)
    {
      g_signal_emit_by_name (busiest, "row-activated", gtk_list_box_get_row_at_index (busiest, i));
      if (g_str_equal (gtk_stack_get_visible_child_name (cairn_collisions_view_get_timeline_stack (collisions)), "untraced"))
        untraced++;
      else
        g_assert_cmpuint (n_rows (cairn_collisions_view_get_timeline_list (collisions)), >, 0);
    }
  g_test_message ("%u of the 20 busiest users not traced", untraced);
  g_assert_cmpuint (untraced, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* Closing the window while it simulates cancels the run, whose end then
 * shows nothing */
static void
test_close_while_running (void)
{
  g_autofree char *path = g_build_filename (CAIRN_SOURCE_DATADIR, "portfolios", "home.json", NULL);
  CairnPortfolioWindow *window = open_window (path);
  g_autoptr(CairnCollisionsView) collisions = g_object_ref (cairn_portfolio_window_get_collisions (window));
  gint64 until;

  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL));
  gtk_window_close (GTK_WINDOW (window));
  /* The run holds the window until it ends */
  until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (G_OBJECT (window)->ref_count > 1 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (G_OBJECT (window)->ref_count, ==, 1);
  g_assert_null (cairn_collisions_view_get_report (collisions));
  g_object_unref (window);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("cairn-test-portfolio-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (config, 0700);
  g_test_init (&argc, &argv, NULL);
  g_set_application_name ("Cairn");
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipped\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/ui/portfolio/edit-and-save", test_edit_and_save);
  g_test_add_func ("/ui/portfolio/add-remove", test_add_remove);
  g_test_add_func ("/ui/portfolio/collisions-page", test_collisions_page);
  g_test_add_func ("/ui/portfolio/open-journey-with-counts", test_open_journey_with_counts);
  g_test_add_func ("/ui/portfolio/open-and-new", test_open_and_new_portfolio);
  g_test_add_func ("/ui/portfolio/simulate-sample", test_simulate_sample);
  g_test_add_func ("/ui/portfolio/close-while-running", test_close_while_running);
  g_test_add_func ("/ui/portfolio/simulate-crowd", test_simulate_crowd);
  return g_test_run ();
}
