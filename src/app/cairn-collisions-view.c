/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-bar-chart.h"
#include "cairn-collisions-view.h"
#include "cairn-error.h"
#include "cairn-json.h"

/* Journeys are told apart by colour: classes journey-colour-0 … 5 in
 * style.css; shades of overlap: overlap-level-0 … 4. */
#define N_JOURNEY_COLOURS 6
#define N_OVERLAP_LEVELS 5

struct _CairnCollisionsView
{
  GtkWidget      parent_instance;

  GtkWidget     *summary_label;
  GtkWidget     *peak_chart;
  GtkGrid       *overlap_grid;
  GtkListBox    *capped_list;
  GtkListBox    *busiest_list;
  AdwPreferencesGroup *timeline_group;
  GtkStack      *timeline_stack;
  GtkLabel      *untraced_label;
  GtkListBox    *timeline_list;

  JsonObject    *report;
  GtkStringList *busiest;    /* user ids, most sends first */
  GHashTable    *sends;      /* user id → number of sends (busiest) */
};

G_DEFINE_FINAL_TYPE (CairnCollisionsView, cairn_collisions_view, GTK_TYPE_WIDGET)

static JsonObject *
journeys_of (CairnCollisionsView *self)
{
  return self->report ? cairn_json_get_object (self->report, "journeys") : NULL;
}

static JsonObject *
collisions_of (CairnCollisionsView *self)
{
  return self->report ? cairn_json_get_object (self->report, "collisions") : NULL;
}

/* The journeys' ids in priority order (the report's order). */
static GList *
journey_ids (CairnCollisionsView *self)
{
  JsonObject *journeys = journeys_of (self);

  return journeys ? json_object_get_members (journeys) : NULL;
}

static void
add_colour_class (GtkWidget *widget,
                  int        journey)
{
  g_autofree char *name = g_strdup_printf ("journey-colour-%d", MAX (journey, 0) % N_JOURNEY_COLOURS);

  gtk_widget_add_css_class (widget, name);
}

static GtkWidget *
swatch_new (int journey)
{
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (swatch, "journey-swatch");
  add_colour_class (swatch, journey);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  return swatch;
}

static double
number_of (JsonObject *object,
           const char *member)
{
  double value = 0;

  cairn_json_get_number (object, member, &value);
  return value;
}

static void
clear_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_summary (CairnCollisionsView *self)
{
  JsonObject *collisions = collisions_of (self);
  guint users = (guint) number_of (self->report, "users");
  guint messages = (guint) number_of (collisions, "messages");
  g_autoptr(GList) ids = journey_ids (self);
  guint n_journeys = g_list_length (ids);
  g_autofree char *sent = g_strdup_printf (ngettext ("%u message", "%u messages", messages), messages);
  /* Translators: "%s" is "12 messages"; makes "12 messages to 5 users" */
  g_autofree char *to = g_strdup_printf (ngettext ("%s to %u user", "%s to %u users", users), sent, users);
  /* Translators: "%s" is "12 messages to 5 users" */
  g_autofree char *from = g_strdup_printf (ngettext ("%s from %u journey", "%s from %u journeys", n_journeys),
                                           to, n_journeys);

  gtk_label_set_label (GTK_LABEL (self->summary_label), from);
}

/* peak_day: {"0": n, "1": n, ...}, keys ascending (PF12) */
static void
show_peak_day (CairnCollisionsView *self)
{
  CairnBarChart *chart = CAIRN_BAR_CHART (self->peak_chart);
  JsonObject *collisions = collisions_of (self);
  JsonObject *peak = collisions ? cairn_json_get_object (collisions, "peak_day") : NULL;
  const char *series[] = { _("Users"), NULL };
  g_autoptr(GList) keys = peak ? json_object_get_members (peak) : NULL;

  cairn_bar_chart_clear (chart);
  cairn_bar_chart_set_series (chart, series);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      double users = number_of (peak, l->data);
      guint64 messages = g_ascii_strtoull (l->data, NULL, 10);
      /* Translators: a bar of the chart of users by their busiest day */
      g_autofree char *label = g_strdup_printf (ngettext ("%u message", "%u messages", messages), (guint) messages);

      cairn_bar_chart_add_group (chart, label, &users);
    }
}

static guint
overlap_users (JsonArray  *overlap,
               const char *a,
               const char *b)
{
  for (guint i = 0; overlap != NULL && i < json_array_get_length (overlap); i++)
    {
      JsonObject *pair = json_array_get_object_element (overlap, i);
      const char *pa = pair ? cairn_json_get_string (pair, "a") : NULL;
      const char *pb = pair ? cairn_json_get_string (pair, "b") : NULL;

      if ((g_strcmp0 (pa, a) == 0 && g_strcmp0 (pb, b) == 0)
          || (g_strcmp0 (pa, b) == 0 && g_strcmp0 (pb, a) == 0))
        return (guint) number_of (pair, "users");
    }
  return 0;
}

/* A square matrix: a journey a row and a column (numbered by priority),
 * each cell the users of the pair, shaded by its share of the most. */
static void
show_overlap (CairnCollisionsView *self)
{
  GtkWidget *child;
  JsonObject *collisions = collisions_of (self);
  JsonArray *overlap = collisions ? cairn_json_get_array (collisions, "overlap") : NULL;
  g_autoptr(GList) ids = journey_ids (self);
  guint most = 0, i = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->overlap_grid))) != NULL)
    gtk_grid_remove (self->overlap_grid, child);
  for (guint k = 0; overlap != NULL && k < json_array_get_length (overlap); k++)
    {
      JsonObject *pair = json_array_get_object_element (overlap, k);
      most = MAX (most, pair ? (guint) number_of (pair, "users") : 0);
    }

  for (GList *a = ids; a != NULL; a = a->next, i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (NULL);
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      guint j = 0;

      /* Row header: swatch, rank and id; column header: swatch and rank */
      g_autofree char *title = g_strdup_printf ("%u  %s", i + 1, (const char *) a->data);
      gtk_label_set_label (GTK_LABEL (name), title);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (name, a->data);
      gtk_box_append (GTK_BOX (header), swatch_new (i));
      gtk_box_append (GTK_BOX (header), name);
      gtk_grid_attach (self->overlap_grid, header, 0, i + 1, 1, 1);
      gtk_box_append (GTK_BOX (column), swatch_new (i));
      gtk_box_append (GTK_BOX (column), gtk_label_new (number));
      gtk_widget_set_halign (column, GTK_ALIGN_CENTER);
      gtk_grid_attach (self->overlap_grid, column, i + 1, 0, 1, 1);

      for (GList *b = ids; b != NULL; b = b->next, j++)
        {
          GtkWidget *cell;

          if (i == j)
            {
              cell = gtk_label_new ("—");
              gtk_widget_add_css_class (cell, "dim-label");
            }
          else
            {
              guint users = overlap_users (overlap, a->data, b->data);
              g_autofree char *text = g_strdup_printf ("%u", users);
              g_autofree char *level = g_strdup_printf ("overlap-level-%u",
                                                        most ? (users * (N_OVERLAP_LEVELS - 1) + most - 1) / most : 0);
              g_autofree char *tooltip = g_strdup_printf (ngettext ("%u user in “%s” and “%s” at the same time",
                                                                    "%u users in “%s” and “%s” at the same time", users),
                                                          users, (const char *) a->data, (const char *) b->data);

              cell = gtk_label_new (text);
              gtk_widget_add_css_class (cell, level);
              gtk_widget_set_tooltip_text (cell, tooltip);
            }
          gtk_widget_add_css_class (cell, "overlap-cell");
          gtk_widget_add_css_class (cell, "numeric");
          gtk_grid_attach (self->overlap_grid, cell, j + 1, i + 1, 1, 1);
        }
    }
}

/* Each journey's portfolio_capped, summed over its channels (PF4) */
static void
show_capped (CairnCollisionsView *self)
{
  JsonObject *journeys = journeys_of (self);
  g_autoptr(GList) ids = journey_ids (self);
  int i = 0;

  clear_box (self->capped_list);
  for (GList *l = ids; l != NULL; l = l->next, i++)
    {
      JsonObject *body = cairn_json_get_object (journeys, l->data);
      JsonObject *channels = body ? cairn_json_get_object (body, "channels") : NULL;
      g_autoptr(GList) names = channels ? json_object_get_members (channels) : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *count;
      guint capped = 0;
      g_autofree char *text = NULL;

      for (GList *c = names; c != NULL; c = c->next)
        {
          JsonObject *channel = cairn_json_get_object (channels, c->data);
          capped += channel ? (guint) number_of (channel, "portfolio_capped") : 0;
        }
      text = g_strdup_printf ("%u", capped);
      count = gtk_label_new (text);
      gtk_widget_add_css_class (count, "numeric");
      if (capped > 0)
        gtk_widget_add_css_class (count, "warning");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), l->data);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new (i));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
      gtk_list_box_append (self->capped_list, row);
    }
}

static GtkWidget *
create_busiest_row (gpointer item,
                    gpointer user_data)
{
  CairnCollisionsView *self = user_data;
  const char *user = gtk_string_object_get_string (item);
  guint sends = GPOINTER_TO_UINT (g_hash_table_lookup (self->sends, user));
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf (ngettext ("%u message", "%u messages", sends), sends);
  GtkWidget *count = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (count, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
show_busiest (CairnCollisionsView *self)
{
  JsonObject *collisions = collisions_of (self);
  JsonArray *busiest = collisions ? cairn_json_get_array (collisions, "busiest") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) users = NULL;

  g_hash_table_remove_all (self->sends);
  for (guint i = 0; busiest != NULL && i < json_array_get_length (busiest); i++)
    {
      JsonObject *entry = json_array_get_object_element (busiest, i);
      const char *user = entry ? cairn_json_get_string (entry, "user") : NULL;

      if (user == NULL)
        continue;
      g_strv_builder_add (builder, user);
      g_hash_table_insert (self->sends, g_strdup (user), GUINT_TO_POINTER ((guint) number_of (entry, "messages")));
    }
  users = g_strv_builder_end (builder);
  gtk_string_list_splice (self->busiest, 0, g_list_model_get_n_items (G_LIST_MODEL (self->busiest)),
                          (const char * const *) users);
}

static void
on_busiest_activated (CairnCollisionsView *self,
                      GtkListBoxRow       *row)
{
  const char *user = gtk_string_list_get_string (self->busiest, gtk_list_box_row_get_index (row));

  if (user != NULL)
    cairn_collisions_view_show_user (self, user);
}

typedef struct
{
  const char *time;
  guint       journey;
  guint       order;
  JsonObject *entry;     /* a timeline entry */
  JsonObject *person;
} Step;

static int
compare_steps (gconstpointer pa,
               gconstpointer pb)
{
  const Step *a = pa;
  const Step *b = pb;
  int by_time = g_strcmp0 (a->time, b->time);

  if (by_time != 0)
    return by_time;
  if (a->journey != b->journey)
    return a->journey < b->journey ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

static JsonObject *
find_person (JsonObject *body,
             const char *user)
{
  JsonArray *people = body ? cairn_json_get_array (body, "people") : NULL;

  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);
      if (person != NULL && g_strcmp0 (cairn_json_get_string (person, "id"), user) == 0)
        return person;
    }
  return NULL;
}

/* The message a "sent" step sent: same node, same time. */
static JsonObject *
find_message (JsonObject *person,
              const char *node,
              const char *time)
{
  JsonArray *messages = cairn_json_get_array (person, "messages");

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      if (message != NULL && g_strcmp0 (cairn_json_get_string (message, "node"), node) == 0
          && g_strcmp0 (cairn_json_get_string (message, "time"), time) == 0)
        return message;
    }
  return NULL;
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  if (time == NULL)
    return g_strdup (iso ? iso : "");
  /* Translators: a step's time in a timeline (UTC), see g_date_time_format */
  return g_date_time_format (time, _("%a %-d %b, %H:%M"));
}

static gboolean
is_portfolio_capped (JsonObject *entry)
{
  return g_strcmp0 (cairn_json_get_string (entry, "step"), "not sent") == 0
         && g_strcmp0 (cairn_json_get_string (entry, "detail"), "portfolio_capped") == 0;
}

static GtkWidget *
step_row_new (const Step *step,
              const char *journey)
{
  JsonObject *entry = step->entry;
  const char *kind = cairn_json_get_string (entry, "step");
  const char *detail = cairn_json_get_string (entry, "detail");
  const char *node = cairn_json_get_string (entry, "node");
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = format_time (step->time);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (g_strcmp0 (kind, "sent") == 0)
    {
      JsonObject *message = find_message (step->person, node, step->time);
      const char *text = message ? cairn_json_get_string (message, "title") : NULL;

      if (text == NULL && message != NULL)
        text = cairn_json_get_string (message, "subject");
      /* Translators: a message sent, "Sent: Make it cosy, Sophie" */
      title = g_strdup_printf (_("Sent: %s"), text ? text : (detail ? detail : ""));
      gtk_widget_add_css_class (row, "timeline-sent");
    }
  else if (is_portfolio_capped (entry))
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("action-unavailable-symbolic");

      title = g_strdup (_("Not sent: over the portfolio cap"));
      gtk_widget_add_css_class (row, "portfolio-capped");
      gtk_widget_add_css_class (mark, "error");
      gtk_widget_set_tooltip_text (mark, _("The portfolio cap suppressed this message"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
    }
  else
    {
      title = detail && *detail ? g_strdup_printf ("%s: %s", kind ? kind : "", detail) : g_strdup (kind ? kind : "");
    }
  /* Translators: "Thu 5 Nov, 10:00 · furniture-follow-up · email1" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), when, journey, node ? node : "—");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new (step->journey));
  add_colour_class (row, step->journey);
  return row;
}

void
cairn_collisions_view_show_user (CairnCollisionsView *self,
                                 const char          *user)
{
  JsonObject *journeys;
  g_autoptr(GList) ids = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  gboolean traced = FALSE;
  guint journey = 0, sent = 0, capped = 0;
  const char **names;

  g_return_if_fail (CAIRN_IS_COLLISIONS_VIEW (self));
  g_return_if_fail (user != NULL);

  journeys = journeys_of (self);
  ids = journey_ids (self);
  names = g_newa (const char *, g_list_length (ids) + 1);
  clear_box (self->timeline_list);
  for (GList *l = ids; l != NULL; l = l->next, journey++)
    {
      JsonObject *person = find_person (cairn_json_get_object (journeys, l->data), user);
      JsonArray *timeline = person ? cairn_json_get_array (person, "timeline") : NULL;

      names[journey] = l->data;
      traced |= person != NULL;
      for (guint i = 0; timeline != NULL && i < json_array_get_length (timeline); i++)
        {
          Step step = { NULL, journey, i, json_array_get_object_element (timeline, i), person };

          if (step.entry == NULL)
            continue;
          step.time = cairn_json_get_string (step.entry, "time");
          g_array_append_val (steps, step);
        }
    }
  g_array_sort (steps, compare_steps);
  for (guint i = 0; i < steps->len; i++)
    {
      const Step *step = &g_array_index (steps, Step, i);

      sent += g_strcmp0 (cairn_json_get_string (step->entry, "step"), "sent") == 0;
      capped += is_portfolio_capped (step->entry);
      gtk_list_box_append (self->timeline_list, step_row_new (step, names[step->journey]));
    }

  /* Translators: the title over a user's merged timeline */
  title = g_strdup_printf (_("Timeline of %s"), user);
  adw_preferences_group_set_title (self->timeline_group, title);
  if (traced)
    {
      g_autofree char *sent_text = g_strdup_printf (ngettext ("%u message sent", "%u messages sent", sent), sent);
      /* Translators: "3 messages sent, 1 suppressed by the portfolio cap" */
      description = g_strdup_printf (ngettext ("%s, %u suppressed by the portfolio cap",
                                               "%s, %u suppressed by the portfolio cap", capped),
                                     sent_text, capped);
      gtk_stack_set_visible_child_name (self->timeline_stack, "timeline");
    }
  else
    {
      guint sends = GPOINTER_TO_UINT (g_hash_table_lookup (self->sends, user));
      g_autofree char *text = g_strdup_printf (
        ngettext ("%s got %u message, but the report has no timeline of them: it lists every scripted persona, and generated or replayed users only when the run traces them.",
                  "%s got %u messages, but the report has no timeline of them: it lists every scripted persona, and generated or replayed users only when the run traces them.",
                  sends),
        user, sends);
      gtk_label_set_label (self->untraced_label, text);
      gtk_stack_set_visible_child_name (self->timeline_stack, "untraced");
    }
  adw_preferences_group_set_description (self->timeline_group, description);
}

static void
show_report (CairnCollisionsView *self)
{
  show_summary (self);
  show_peak_day (self);
  show_overlap (self);
  show_capped (self);
  show_busiest (self);
  clear_box (self->timeline_list);
  adw_preferences_group_set_title (self->timeline_group, _("Timeline"));
  adw_preferences_group_set_description (self->timeline_group, NULL);
  gtk_stack_set_visible_child_name (self->timeline_stack, "none");
}

void
cairn_collisions_view_set_report (CairnCollisionsView *self,
                                  JsonObject          *report)
{
  g_return_if_fail (CAIRN_IS_COLLISIONS_VIEW (self));

  if (report != NULL)
    json_object_ref (report);
  g_clear_pointer (&self->report, json_object_unref);
  self->report = report;
  show_report (self);
}

JsonObject *
cairn_collisions_view_get_report (CairnCollisionsView *self)
{
  g_return_val_if_fail (CAIRN_IS_COLLISIONS_VIEW (self), NULL);
  return self->report;
}

JsonObject *
cairn_collisions_view_get_journey_report (CairnCollisionsView *self,
                                          const char          *id)
{
  JsonObject *journeys;

  g_return_val_if_fail (CAIRN_IS_COLLISIONS_VIEW (self), NULL);

  journeys = journeys_of (self);
  return journeys && id ? cairn_json_get_object (journeys, id) : NULL;
}

gboolean
cairn_collisions_view_load_file (CairnCollisionsView  *self,
                                 const char           *path,
                                 GError              **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CAIRN_IS_COLLISIONS_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  root = cairn_json_load_file (path, NULL, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (cairn_json_get_string (json_node_get_object (root), "format"), "cairn-portfolio-report") != 0)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("%s: not a portfolio report (its “format” is not “cairn-portfolio-report”)"), path);
      return FALSE;
    }
  cairn_collisions_view_set_report (self, json_node_get_object (root));
  return TRUE;
}

GtkWidget *
cairn_collisions_view_get_summary_label (CairnCollisionsView *self)
{
  return self->summary_label;
}

GtkWidget *
cairn_collisions_view_get_peak_chart (CairnCollisionsView *self)
{
  return self->peak_chart;
}

GtkGrid *
cairn_collisions_view_get_overlap_grid (CairnCollisionsView *self)
{
  return self->overlap_grid;
}

GtkListBox *
cairn_collisions_view_get_capped_list (CairnCollisionsView *self)
{
  return self->capped_list;
}

GtkListBox *
cairn_collisions_view_get_busiest_list (CairnCollisionsView *self)
{
  return self->busiest_list;
}

GtkListBox *
cairn_collisions_view_get_timeline_list (CairnCollisionsView *self)
{
  return self->timeline_list;
}

GtkStack *
cairn_collisions_view_get_timeline_stack (CairnCollisionsView *self)
{
  return self->timeline_stack;
}

static void
cairn_collisions_view_dispose (GObject *object)
{
  CairnCollisionsView *self = CAIRN_COLLISIONS_VIEW (object);

  if (self->busiest_list != NULL)
    gtk_list_box_bind_model (self->busiest_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_COLLISIONS_VIEW);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->report, json_object_unref);
  g_clear_object (&self->busiest);
  g_clear_pointer (&self->sends, g_hash_table_unref);
  G_OBJECT_CLASS (cairn_collisions_view_parent_class)->dispose (object);
}

static void
cairn_collisions_view_class_init (CairnCollisionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_collisions_view_dispose;

  g_type_ensure (CAIRN_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-collisions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, peak_chart);
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, overlap_grid);
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, capped_list);
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, busiest_list);
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, untraced_label);
  gtk_widget_class_bind_template_child (widget_class, CairnCollisionsView, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_busiest_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "collisionsview");
}

static void
cairn_collisions_view_init (CairnCollisionsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->busiest = gtk_string_list_new (NULL);
  self->sends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_list_box_bind_model (self->busiest_list, G_LIST_MODEL (self->busiest), create_busiest_row, self, NULL);
  show_report (self);
}

GtkWidget *
cairn_collisions_view_new (void)
{
  return g_object_new (CAIRN_TYPE_COLLISIONS_VIEW, NULL);
}
