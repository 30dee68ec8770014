/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-summary.h"
#include "cairn-template.h"
#include "cairn-timeline-view.h"

struct _CairnTimelineView
{
  GtkWidget     parent_instance;

  GtkWidget    *paned;
  GtkWidget    *people_list;
  GtkWidget    *details;      /* GtkBox */
  JsonObject   *report;
  CairnCatalog *catalog;
  GPtrArray    *rows;         /* char*, "time|node|step|detail" */
  JsonObject   *person;       /* the person shown: the steps' rows are its timeline's */
};

enum { NODE_ACTIVATED, PERSON_SELECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CairnTimelineView, cairn_timeline_view, GTK_TYPE_WIDGET)

static const char *
outcome_label (const char *outcome)
{
  if (outcome == NULL)
    return "";
  if (g_str_equal (outcome, "completed")) return _("Completed");
  if (g_str_equal (outcome, "exit_node")) return _("Left at an exit");
  if (g_str_equal (outcome, "exit_criteria")) return _("Left on exit criteria");
  if (g_str_equal (outcome, "goal")) return _("Left on reaching a goal");
  if (g_str_equal (outcome, "error")) return _("Stopped by the step guard");
  if (g_str_equal (outcome, "active")) return _("Still in the journey");
  if (g_str_equal (outcome, "not_entered")) return _("Never entered");
  return outcome;
}

static void
on_step_activated (GtkListBox        *box,
                   GtkListBoxRow     *row,
                   CairnTimelineView *self)
{
  JsonArray *timeline = cairn_json_get_array (self->person, "timeline");
  int index = gtk_list_box_row_get_index (row);
  const char *node = NULL;

  if (timeline != NULL && index >= 0 && (guint) index < json_array_get_length (timeline))
    node = cairn_json_get_string (json_array_get_object_element (timeline, index), "node");
  if (node != NULL && *node != '\0')
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, node);
}

static GtkWidget *
message_card (CairnTimelineView *self,
              JsonObject        *message)
{
  static const char *fields[] = { "subject", "title", "text", "body", "url", "image", "audience", "action" };
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *heading = g_strdup_printf ("%s · %s · %s", cairn_channel_display_name (cairn_json_get_string (message, "channel")),
                                              cairn_json_get_string (message, "node") ?: "",
                                              cairn_json_get_string (message, "time") ?: "");
  GtkWidget *label = gtk_label_new (heading);
  JsonArray *products = cairn_json_get_array (message, "products");

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "message-card");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (card), label);

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = cairn_json_get_string (message, fields[i]);
      if (value == NULL)
        continue;
      label = gtk_label_new (value);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      if (i < 2)
        gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (card), label);
    }

  for (guint i = 0; products && i < json_array_get_length (products); i++)
    {
      const char *id = json_array_get_string_element (products, i);
      JsonObject *product = self->catalog ? cairn_catalog_find_product (self->catalog, id) : NULL;
      g_autofree char *text = NULL;

      if (product != NULL)
        {
          g_autoptr(GString) price = g_string_new (NULL);
          cairn_template_append_value (price, json_object_get_member (product, "price"));
          text = g_strdup_printf ("• %s — %s %s", cairn_json_get_string (product, "name") ?: id, price->str,
                                  cairn_json_get_string (product, "currency") ?: "");
        }
      else
        text = g_strdup_printf ("• %s", id);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (card), label);
    }
  return card;
}

static void
show_person (CairnTimelineView *self,
             JsonObject        *person)
{
  GtkWidget *child;
  GtkWidget *list;
  JsonArray *messages = cairn_json_get_array (person, "messages");
  JsonArray *timeline = cairn_json_get_array (person, "timeline");
  JsonArray *goals = cairn_json_get_array (person, "goals");
  g_autoptr(GString) goal_text = g_string_new (NULL);
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (self->details)))
    gtk_box_remove (GTK_BOX (self->details), child);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->person, json_object_unref);
  if (person == NULL)
    return;
  self->person = json_object_ref (person);

  for (guint i = 0; goals && i < json_array_get_length (goals); i++)
    g_string_append_printf (goal_text, "%s%s", i ? ", " : "", json_array_get_string_element (goals, i));
  title = g_strdup_printf (_("%s — %s"), cairn_json_get_string (person, "id"),
                           outcome_label (cairn_json_get_string (person, "outcome")));
  child = gtk_label_new (title);
  gtk_widget_add_css_class (child, "title-3");
  gtk_label_set_xalign (GTK_LABEL (child), 0);
  gtk_box_append (GTK_BOX (self->details), child);
  if (goal_text->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Goals reached: %s"), goal_text->str);
      child = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      gtk_box_append (GTK_BOX (self->details), child);
    }

  for (guint i = 0; messages && i < json_array_get_length (messages); i++)
    gtk_box_append (GTK_BOX (self->details), message_card (self, json_array_get_object_element (messages, i)));

  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_step_activated), self);
  for (guint i = 0; timeline && i < json_array_get_length (timeline); i++)
    {
      JsonObject *step = json_array_get_object_element (timeline, i);
      const char *time = cairn_json_get_string (step, "time") ?: "";
      const char *node = cairn_json_get_string (step, "node") ?: "";
      const char *what = cairn_json_get_string (step, "step") ?: "";
      const char *detail = cairn_json_get_string (step, "detail") ?: "";
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *time_label = gtk_label_new (time);
      g_autofree char *row_title = g_strdup_printf ("%s · %s", node, what);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      gtk_widget_add_css_class (time_label, "numeric");
      gtk_widget_add_css_class (time_label, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), time_label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), *node != '\0');
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (self->rows, g_strdup_printf ("%s|%s|%s|%s", time, node, what, detail));
    }
  if (timeline != NULL)
    gtk_box_append (GTK_BOX (self->details), list);
}

static void
on_person_selected (GtkListBox        *box,
                    GtkListBoxRow     *row,
                    CairnTimelineView *self)
{
  /* Rows are the report's people, in order */
  JsonArray *people = cairn_json_get_array (self->report, "people");
  int index = row ? gtk_list_box_row_get_index (row) : -1;
  JsonObject *person = people && index >= 0 && (guint) index < json_array_get_length (people)
                       ? json_array_get_object_element (people, index) : NULL;
  const char *id = cairn_json_get_string (person, "id");
  JsonArray *path = cairn_json_get_array (person, "path");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) nodes = NULL;

  show_person (self, person);
  for (guint i = 0; path && i < json_array_get_length (path); i++)
    g_strv_builder_add (builder, json_array_get_string_element (path, i));
  nodes = g_strv_builder_end (builder);
  g_signal_emit (self, signals[PERSON_SELECTED], 0, id, person ? nodes : NULL);
}

void
cairn_timeline_view_set_report (CairnTimelineView *self,
                                JsonObject        *report,
                                CairnCatalog      *catalog)
{
  JsonArray *people;
  GtkListBoxRow *first;
  GtkWidget *child;

  g_return_if_fail (CAIRN_IS_TIMELINE_VIEW (self));

  g_clear_pointer (&self->report, json_object_unref);
  g_clear_pointer (&self->catalog, cairn_catalog_unref);
  if (report)
    self->report = json_object_ref (report);
  if (catalog)
    self->catalog = cairn_catalog_ref (catalog);

  while ((child = gtk_widget_get_first_child (self->people_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->people_list), child);
  people = cairn_json_get_array (report, "people");
  for (guint i = 0; people && i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);
      GtkWidget *row = adw_action_row_new ();
      const char *id = cairn_json_get_string (person, "id");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), id);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), outcome_label (cairn_json_get_string (person, "outcome")));
      gtk_list_box_append (GTK_LIST_BOX (self->people_list), row);
    }
  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->people_list), 0);
  if (first != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->people_list), first);
  else
    show_person (self, NULL);
}

gboolean
cairn_timeline_view_select_person (CairnTimelineView *self,
                                   const char        *id)
{
  g_return_val_if_fail (CAIRN_IS_TIMELINE_VIEW (self), FALSE);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->people_list), i);
      if (row == NULL)
        return FALSE;
      JsonArray *people = cairn_json_get_array (self->report, "people");
      if (g_strcmp0 (cairn_json_get_string (json_array_get_object_element (people, i), "id"), id) == 0)
        {
          gtk_list_box_select_row (GTK_LIST_BOX (self->people_list), row);
          return TRUE;
        }
    }
}

GStrv
cairn_timeline_view_get_rows (CairnTimelineView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CAIRN_IS_TIMELINE_VIEW (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->rows, i));
  return g_strv_builder_end (builder);
}

static void
cairn_timeline_view_dispose (GObject *object)
{
  CairnTimelineView *self = CAIRN_TIMELINE_VIEW (object);

  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_pointer (&self->report, json_object_unref);
  g_clear_pointer (&self->person, json_object_unref);
  g_clear_pointer (&self->catalog, cairn_catalog_unref);
  G_OBJECT_CLASS (cairn_timeline_view_parent_class)->dispose (object);
}

static void
cairn_timeline_view_finalize (GObject *object)
{
  CairnTimelineView *self = CAIRN_TIMELINE_VIEW (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (cairn_timeline_view_parent_class)->finalize (object);
}

static void
cairn_timeline_view_class_init (CairnTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_timeline_view_dispose;
  object_class->finalize = cairn_timeline_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PERSON_SELECTED] = g_signal_new ("person-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);
}

static void
cairn_timeline_view_init (CairnTimelineView *self)
{
  GtkWidget *left = gtk_scrolled_window_new ();
  GtkWidget *right = gtk_scrolled_window_new ();

  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));

  self->people_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->people_list, "navigation-sidebar");
  g_signal_connect (self->people_list, "row-selected", G_CALLBACK (on_person_selected), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (left), self->people_list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (left), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (left, 180, -1);

  self->details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (self->details, 12);
  gtk_widget_set_margin_bottom (self->details, 12);
  gtk_widget_set_margin_start (self->details, 12);
  gtk_widget_set_margin_end (self->details, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (right), self->details);

  gtk_paned_set_start_child (GTK_PANED (self->paned), left);
  gtk_paned_set_end_child (GTK_PANED (self->paned), right);
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_position (GTK_PANED (self->paned), 200);
}

GtkWidget *
cairn_timeline_view_new (void)
{
  return g_object_new (CAIRN_TYPE_TIMELINE_VIEW, NULL);
}
