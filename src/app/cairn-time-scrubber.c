/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-time-scrubber.h"

struct _CairnTimeScrubber
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *back;
  GtkWidget  *scale;
  GtkWidget  *forward;
  GtkWidget  *label;

  JsonObject *report;
  GArray     *step_times;   /* CairnTime, sorted, unique */
  CairnTime   start, end;
  gboolean    updating;
};

enum { POSITIONS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CairnTimeScrubber, cairn_time_scrubber, GTK_TYPE_WIDGET)

/* Steps after which a person is no longer in the journey. */
static gboolean
step_leaves (const char *step)
{
  return step != NULL && (g_str_has_prefix (step, "left") || g_str_has_prefix (step, "leave")
                          || g_str_equal (step, "exit") || g_str_equal (step, "completed")
                          || g_str_equal (step, "error"));
}

GHashTable *
cairn_report_positions_at (JsonObject *report,
                           CairnTime   time)
{
  GHashTable *positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *people = cairn_json_get_array (report, "people");

  for (guint i = 0; people && i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);
      JsonArray *timeline = cairn_json_get_array (person, "timeline");
      const char *node = NULL;

      for (guint s = 0; timeline && s < json_array_get_length (timeline); s++)
        {
          JsonObject *step = json_array_get_object_element (timeline, s);
          CairnTime t;

          if (!cairn_time_parse (cairn_json_get_string (step, "time"), &t, NULL) || t > time)
            break;
          node = step_leaves (cairn_json_get_string (step, "step")) ? NULL : cairn_json_get_string (step, "node");
        }
      if (node != NULL)
        {
          gpointer count = g_hash_table_lookup (positions, node);
          g_hash_table_replace (positions, g_strdup (node), GINT_TO_POINTER (GPOINTER_TO_INT (count) + 1));
        }
    }
  return positions;
}

static void
emit_positions (CairnTimeScrubber *self)
{
  g_autoptr(GHashTable) positions = NULL;
  g_autofree char *text = NULL;
  CairnTime now = cairn_time_scrubber_get_time (self);

  if (self->report == NULL)
    return;
  text = cairn_time_format (now);
  gtk_label_set_text (GTK_LABEL (self->label), text);
  positions = cairn_report_positions_at (self->report, now);
  g_signal_emit (self, signals[POSITIONS_CHANGED], 0, positions);
}

static void
on_value_changed (GtkRange          *range,
                  CairnTimeScrubber *self)
{
  if (!self->updating)
    emit_positions (self);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  CairnTime x = *(const CairnTime *) a, y = *(const CairnTime *) b;
  return x < y ? -1 : x > y;
}

void
cairn_time_scrubber_set_report (CairnTimeScrubber *self,
                                JsonObject        *report)
{
  JsonObject *window;
  JsonArray *people;

  g_return_if_fail (CAIRN_IS_TIME_SCRUBBER (self));

  g_clear_pointer (&self->report, json_object_unref);
  g_array_set_size (self->step_times, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self), report != NULL);
  if (report == NULL)
    return;
  self->report = json_object_ref (report);

  window = cairn_json_get_object (report, "window");
  if (!cairn_time_parse (cairn_json_get_string (window, "start"), &self->start, NULL))
    self->start = 0;
  if (!cairn_time_parse (cairn_json_get_string (window, "end"), &self->end, NULL))
    self->end = self->start;

  people = cairn_json_get_array (report, "people");
  for (guint i = 0; people && i < json_array_get_length (people); i++)
    {
      JsonArray *timeline = cairn_json_get_array (json_array_get_object_element (people, i), "timeline");
      for (guint s = 0; timeline && s < json_array_get_length (timeline); s++)
        {
          CairnTime t;
          if (cairn_time_parse (cairn_json_get_string (json_array_get_object_element (timeline, s), "time"), &t, NULL))
            g_array_append_val (self->step_times, t);
        }
    }
  g_array_sort (self->step_times, compare_times);

  self->updating = TRUE;
  gtk_range_set_range (GTK_RANGE (self->scale), 0, MAX (1.0, (self->end - self->start) / 1e6));
  gtk_range_set_value (GTK_RANGE (self->scale), 0);
  self->updating = FALSE;
  emit_positions (self);
}

void
cairn_time_scrubber_set_time (CairnTimeScrubber *self,
                              CairnTime          time)
{
  g_return_if_fail (CAIRN_IS_TIME_SCRUBBER (self));
  gtk_range_set_value (GTK_RANGE (self->scale), (time - self->start) / 1e6);
}

CairnTime
cairn_time_scrubber_get_time (CairnTimeScrubber *self)
{
  g_return_val_if_fail (CAIRN_IS_TIME_SCRUBBER (self), 0);
  return self->start + (CairnTime) (gtk_range_get_value (GTK_RANGE (self->scale)) * 1e6);
}

gboolean
cairn_time_scrubber_step (CairnTimeScrubber *self,
                          int                direction)
{
  CairnTime now;

  g_return_val_if_fail (CAIRN_IS_TIME_SCRUBBER (self), FALSE);

  now = cairn_time_scrubber_get_time (self);
  if (direction > 0)
    {
      for (guint i = 0; i < self->step_times->len; i++)
        if (g_array_index (self->step_times, CairnTime, i) > now)
          {
            cairn_time_scrubber_set_time (self, g_array_index (self->step_times, CairnTime, i));
            return TRUE;
          }
    }
  else
    {
      for (guint i = self->step_times->len; i-- > 0;)
        if (g_array_index (self->step_times, CairnTime, i) < now)
          {
            cairn_time_scrubber_set_time (self, g_array_index (self->step_times, CairnTime, i));
            return TRUE;
          }
    }
  return FALSE;
}

static void
on_back (CairnTimeScrubber *self)
{
  cairn_time_scrubber_step (self, -1);
}

static void
on_forward (CairnTimeScrubber *self)
{
  cairn_time_scrubber_step (self, 1);
}

static void
cairn_time_scrubber_dispose (GObject *object)
{
  CairnTimeScrubber *self = CAIRN_TIME_SCRUBBER (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->report, json_object_unref);
  G_OBJECT_CLASS (cairn_time_scrubber_parent_class)->dispose (object);
}

static void
cairn_time_scrubber_finalize (GObject *object)
{
  CairnTimeScrubber *self = CAIRN_TIME_SCRUBBER (object);

  g_array_unref (self->step_times);
  G_OBJECT_CLASS (cairn_time_scrubber_parent_class)->finalize (object);
}

static void
cairn_time_scrubber_class_init (CairnTimeScrubberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_time_scrubber_dispose;
  object_class->finalize = cairn_time_scrubber_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  signals[POSITIONS_CHANGED] = g_signal_new ("positions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);
}

static void
cairn_time_scrubber_init (CairnTimeScrubber *self)
{
  self->step_times = g_array_new (FALSE, FALSE, sizeof (CairnTime));

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back, _("Previous step"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Previous step"), -1);
  g_signal_connect_swapped (self->back, "clicked", G_CALLBACK (on_back), self);

  self->scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, NULL);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), FALSE);
  gtk_widget_set_hexpand (self->scale, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Simulated time"), -1);
  g_signal_connect (self->scale, "value-changed", G_CALLBACK (on_value_changed), self);

  self->forward = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (self->forward, _("Next step"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->forward), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Next step"), -1);
  g_signal_connect_swapped (self->forward, "clicked", G_CALLBACK (on_forward), self);

  self->label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_set_size_request (self->label, 190, -1);

  gtk_box_append (GTK_BOX (self->box), self->back);
  gtk_box_append (GTK_BOX (self->box), self->scale);
  gtk_box_append (GTK_BOX (self->box), self->forward);
  gtk_box_append (GTK_BOX (self->box), self->label);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cairn_time_scrubber_new (void)
{
  return g_object_new (CAIRN_TYPE_TIME_SCRUBBER, NULL);
}
