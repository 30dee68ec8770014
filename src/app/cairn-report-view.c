/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <inttypes.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-bar-chart.h"
#include "cairn-json.h"
#include "cairn-registry.h"
#include "cairn-report-view.h"
#include "cairn-summary.h"

struct _CairnReportView
{
  GtkWidget      parent_instance;

  GtkWidget     *scroller;
  GtkWidget     *content;      /* GtkBox rebuilt on each report */
  GtkWidget     *chart;
  GString       *description;
};

G_DEFINE_FINAL_TYPE (CairnReportView, cairn_report_view, GTK_TYPE_WIDGET)

static gint64
get_int (JsonObject *object,
         const char *member)
{
  double v = 0;
  cairn_json_get_number (object, member, &v);
  return (gint64) v;
}

static double
get_double (JsonObject *object,
            const char *member)
{
  double v = 0;
  cairn_json_get_number (object, member, &v);
  return v;
}

static GtkWidget *
stat_card (const char *value,
           const char *caption,
           const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "stat-card");
  gtk_widget_set_size_request (box, 120, -1);
  gtk_widget_add_css_class (number, "title-1");
  if (css_class)
    gtk_widget_add_css_class (number, css_class);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (number, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_widget_set_margin_start (box, 0);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle,
         const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix)
    {
      GtkWidget *label = gtk_label_new (suffix);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static char *
percent (double rate)
{
  /* Translators: a share, "37.5%"; Turkish writes "%37,5" */
  return g_strdup_printf (_("%.1f%%"), rate * 100.0);
}

static void
add_totals (CairnReportView *self,
            JsonObject      *report)
{
  JsonObject *totals = cairn_json_get_object (report, "totals");
  JsonObject *left = cairn_json_get_object (totals, "left");
  GtkWidget *flow = gtk_flow_box_new ();
  struct { const char *caption; gint64 value; const char *css; const char *key; } cards[] = {
    { _("Entered"), get_int (totals, "entered"), NULL, "entered" },
    { _("Still active"), get_int (totals, "active_at_end"), NULL, "active" },
    { _("Completed"), get_int (left, "completed"), "success", "completed" },
    { _("Exit node"), get_int (left, "exit_node"), NULL, "exit_node" },
    { _("Exit criteria"), get_int (left, "exit_criteria"), NULL, "exit_criteria" },
    { _("Left on a goal"), get_int (left, "goal"), "accent", "goal" },
    { _("Errors"), get_int (left, "error"), get_int (left, "error") ? "error" : NULL, "error" },
  };

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 7);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 8);
  for (gsize i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, cards[i].value);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), stat_card (value, cards[i].caption, cards[i].css));
      g_string_append_printf (self->description, "%s=%s\n", cards[i].key, value);
    }
  gtk_box_append (GTK_BOX (self->content), flow);
}

static void
add_goals (CairnReportView *self,
           JsonObject      *report)
{
  JsonObject *goals = cairn_json_get_object (report, "goals");
  g_autoptr(GList) names = goals ? json_object_get_members (goals) : NULL;
  GtkWidget *group;

  if (names == NULL)
    return;
  group = group_new (_("Goals"), NULL);
  for (GList *l = names; l; l = l->next)
    {
      JsonObject *goal = cairn_json_get_object (goals, l->data);
      g_autofree char *rate = percent (get_double (goal, "rate"));
      g_autofree char *subtitle = g_strdup_printf (_("Reached by %" PRId64 " · value %.2f"),
                                                   get_int (goal, "reached"), get_double (goal, "value"));
      add_row (group, l->data, subtitle, rate);
      g_string_append_printf (self->description, "goal.%s=%s\n", (char *) l->data, rate);
    }
  gtk_box_append (GTK_BOX (self->content), group);
}

static void
add_channels (CairnReportView *self,
              JsonObject      *report)
{
  static const char *series[4];
  JsonObject *channels = cairn_json_get_object (report, "channels");
  g_autoptr(GList) names = channels ? json_object_get_members (channels) : NULL;
  GtkWidget *group;

  if (names == NULL)
    return;
  series[0] = _("Sent");
  series[1] = _("Opened");
  series[2] = _("Clicked");
  series[3] = NULL;

  group = group_new (_("Channels"), _("Sent, opened and clicked messages per channel"));
  self->chart = cairn_bar_chart_new ();
  cairn_bar_chart_set_series (CAIRN_BAR_CHART (self->chart), series);
  gtk_widget_set_margin_bottom (self->chart, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->chart);

  for (GList *l = names; l; l = l->next)
    {
      JsonObject *channel = cairn_json_get_object (channels, l->data);
      double values[3] = { get_int (channel, "sent"), get_int (channel, "opened"), get_int (channel, "clicked") };
      g_autofree char *ctr = percent (get_double (channel, "ctr"));
      g_autofree char *suffix = g_strdup_printf (_("CTR %s"), ctr);
      g_autofree char *subtitle =
        g_strdup_printf (_("%" PRId64 " sent · %" PRId64 " delivered · %" PRId64
                           " opened · %" PRId64 " clicked · %" PRId64 " unreachable · %"
                           PRId64 " capped · %" PRId64 " in quiet hours"),
                         get_int (channel, "sent"), get_int (channel, "delivered"), get_int (channel, "opened"),
                         get_int (channel, "clicked"), get_int (channel, "unreachable"),
                         get_int (channel, "capped"), get_int (channel, "quiet_hours"));

      /* The channel in words ("Web push"); the report keeps the id. */
      const char *name = cairn_channel_display_name (l->data);

      cairn_bar_chart_add_group (CAIRN_BAR_CHART (self->chart), name, values);
      add_row (group, name, subtitle, suffix);
      g_string_append_printf (self->description, "ctr.%s=%s\n", (char *) l->data, ctr);
    }
  gtk_box_append (GTK_BOX (self->content), group);
}

static void
add_splits (CairnReportView *self,
            JsonObject      *report)
{
  JsonObject *splits = cairn_json_get_object (report, "splits");
  g_autoptr(GList) names = splits ? json_object_get_members (splits) : NULL;
  GtkWidget *group;

  if (names == NULL)
    return;
  group = group_new (_("A/B splits"), NULL);
  for (GList *l = names; l; l = l->next)
    {
      JsonObject *split = cairn_json_get_object (splits, l->data);
      JsonObject *variants = cairn_json_get_object (split, "variants");
      const char *winner = cairn_json_get_string (split, "winner");
      const char *decided = cairn_json_get_string (split, "decided_at");
      g_autoptr(GList) ids = variants ? json_object_get_members (variants) : NULL;
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *suffix = NULL;

      for (GList *v = ids; v; v = v->next)
        {
          JsonObject *variant = cairn_json_get_object (variants, v->data);
          g_autofree char *metric = percent (get_double (variant, "metric"));
          g_string_append_printf (subtitle, "%s%s: %" G_GINT64_FORMAT " · %s", subtitle->len ? "   " : "",
                                  (char *) v->data, get_int (variant, "entered"), metric);
        }
      if (winner != NULL)
        suffix = g_strdup_printf (_("Winner %s, decided %s"), winner, decided ? decided : "");
      else
        suffix = g_strdup (_("No winner yet"));
      add_row (group, l->data, subtitle->str, suffix);
      g_string_append_printf (self->description, "split.%s=%s\n", (char *) l->data, winner ? winner : "-");
    }
  gtk_box_append (GTK_BOX (self->content), group);
}

static void
add_checks (CairnReportView *self,
            JsonObject      *report)
{
  JsonObject *coverage = cairn_json_get_object (report, "coverage");
  JsonObject *expectations = cairn_json_get_object (report, "expectations");
  GtkWidget *group = group_new (_("Regression checks"), NULL);

  if (coverage != NULL)
    {
      JsonArray *untaken = cairn_json_get_array (coverage, "untaken");
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *suffix = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                                                 get_int (coverage, "ports_taken"), get_int (coverage, "ports_total"));
      for (guint i = 0; untaken && i < json_array_get_length (untaken) && i < 12; i++)
        {
          JsonObject *port = json_array_get_object_element (untaken, i);
          g_string_append_printf (list, "%s%s.%s", i ? ", " : "", cairn_json_get_string (port, "node"),
                                  cairn_json_get_string (port, "port"));
        }
      add_row (group, _("Branches taken"), list->len ? list->str : _("Every branch was taken"), suffix);
      g_string_append_printf (self->description, "coverage=%s\n", suffix);
    }
  if (expectations != NULL)
    {
      gint64 passed = get_int (expectations, "passed"), failed = get_int (expectations, "failed");
      g_autofree char *suffix = g_strdup_printf (_("%" PRId64 " passed, %" PRId64 " failed"),
                                                 passed, failed);
      add_row (group, _("Expectations"), failed ? _("Some personas did not do what the scenario expects") : NULL,
               suffix);
      g_string_append_printf (self->description, "expectations=%s\n", suffix);
    }
  if (coverage != NULL || expectations != NULL)
    gtk_box_append (GTK_BOX (self->content), group);
}

void
cairn_report_view_set_report (CairnReportView *self,
                              JsonObject      *report)
{
  GtkWidget *child;
  g_autofree char *summary = NULL;
  JsonObject *window;

  g_return_if_fail (CAIRN_IS_REPORT_VIEW (self));

  while ((child = gtk_widget_get_first_child (self->content)))
    gtk_box_remove (GTK_BOX (self->content), child);
  g_string_truncate (self->description, 0);
  self->chart = NULL;

  if (report == NULL)
    {
      GtkWidget *status = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "media-playback-start-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No simulation yet"));
      GtkWidget *offers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose Scenario…"));
      GtkWidget *quick = gtk_button_new_with_mnemonic (_("_Quick Scenario"));

      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Run a scenario to see how the journey converts: choose one, or make a "
                                         "quick one from the journey's starter and goals."));
      /* The simulation panel's actions; elsewhere the buttons do nothing */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (choose), "panel.choose-scenario");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (quick), "panel.quick-scenario");
      gtk_widget_add_css_class (choose, "pill");
      gtk_widget_add_css_class (quick, "pill");
      gtk_widget_add_css_class (quick, "suggested-action");
      gtk_widget_set_halign (offers, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (offers), choose);
      gtk_box_append (GTK_BOX (offers), quick);
      adw_status_page_set_child (ADW_STATUS_PAGE (status), offers);
      gtk_box_append (GTK_BOX (self->content), status);
      return;
    }

  window = cairn_json_get_object (report, "window");
  summary = g_strdup_printf (_("%" PRId64 " users · %" PRId64 " events · %s to %s · seed %" PRId64),
                             get_int (report, "users"), get_int (report, "events"),
                             cairn_json_get_string (window, "start") ?: "", cairn_json_get_string (window, "end") ?: "",
                             get_int (report, "seed"));
  child = gtk_label_new (summary);
  gtk_label_set_xalign (GTK_LABEL (child), 0);
  gtk_widget_add_css_class (child, "dim-label");
  gtk_box_append (GTK_BOX (self->content), child);

  add_totals (self, report);
  add_goals (self, report);
  add_channels (self, report);
  add_splits (self, report);
  add_checks (self, report);
}

char *
cairn_report_view_describe (CairnReportView *self)
{
  g_return_val_if_fail (CAIRN_IS_REPORT_VIEW (self), NULL);
  return g_strdup (self->description->str);
}

static void
cairn_report_view_dispose (GObject *object)
{
  CairnReportView *self = CAIRN_REPORT_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (cairn_report_view_parent_class)->dispose (object);
}

static void
cairn_report_view_finalize (GObject *object)
{
  CairnReportView *self = CAIRN_REPORT_VIEW (object);

  g_string_free (self->description, TRUE);
  G_OBJECT_CLASS (cairn_report_view_parent_class)->finalize (object);
}

static void
cairn_report_view_class_init (CairnReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_report_view_dispose;
  object_class->finalize = cairn_report_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cairn_report_view_init (CairnReportView *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->description = g_string_new (NULL);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (self->content, 12);
  gtk_widget_set_margin_bottom (self->content, 12);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);

  cairn_report_view_set_report (self, NULL);
}

GtkWidget *
cairn_report_view_new (void)
{
  return g_object_new (CAIRN_TYPE_REPORT_VIEW, NULL);
}
