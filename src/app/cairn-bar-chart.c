/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "cairn-bar-chart.h"

#define MAX_SERIES 4
#define GROUP_WIDTH 96.0
#define LEGEND_HEIGHT 22.0
#define LABEL_HEIGHT 20.0

typedef struct
{
  char   *label;
  double  values[MAX_SERIES];
} Group;

struct _CairnBarChart
{
  GtkWidget  parent_instance;
  GPtrArray *series;   /* char* */
  GArray    *groups;   /* Group */
};

G_DEFINE_FINAL_TYPE (CairnBarChart, cairn_bar_chart, GTK_TYPE_WIDGET)

/* Series colours from the GNOME palette: blue, green, orange, purple. */
static const GdkRGBA palette[MAX_SERIES] = {
  { 0.208, 0.518, 0.894, 1 },
  { 0.200, 0.820, 0.478, 1 },
  { 1.000, 0.471, 0.000, 1 },
  { 0.569, 0.255, 0.675, 1 },
};

static void
clear_group (gpointer data)
{
  g_free (((Group *) data)->label);
}

static void
cairn_bar_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  CairnBarChart *self = CAIRN_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = MAX (240, (int) (self->groups->len * GROUP_WIDTH + 40));
    }
  else
    *minimum = *natural = 180;
}

static void
draw_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
cairn_bar_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CairnBarChart *self = CAIRN_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_series = MIN (self->series->len, MAX_SERIES);
  double max_value = 0, plot_top = LEGEND_HEIGHT + 6, plot_bottom = height - LABEL_HEIGHT;
  double group_width;
  GdkRGBA fg;
  cairo_t *cr;

  if (self->groups->len == 0 || n_series == 0 || width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint g = 0; g < self->groups->len; g++)
    for (guint s = 0; s < n_series; s++)
      max_value = MAX (max_value, g_array_index (self->groups, Group, g).values[s]);
  if (max_value <= 0)
    max_value = 1;

  /* Legend */
  for (guint s = 0; s < n_series; s++)
    {
      double x = 8 + s * 90;
      gdk_cairo_set_source_rgba (cr, &palette[s]);
      cairo_rectangle (cr, x, 5, 10, 10);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, g_ptr_array_index (self->series, s), x + 14, 1, 0);
    }

  /* Baseline */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 4, plot_bottom + 0.5);
  cairo_line_to (cr, width - 4, plot_bottom + 0.5);
  cairo_stroke (cr);

  group_width = MIN (GROUP_WIDTH, (width - 8.0) / self->groups->len);
  for (guint g = 0; g < self->groups->len; g++)
    {
      const Group *group = &g_array_index (self->groups, Group, g);
      double gx = 4 + g * group_width;
      double bar_width = (group_width - 16) / n_series;

      for (guint s = 0; s < n_series; s++)
        {
          double h = (plot_bottom - plot_top) * group->values[s] / max_value;
          double x = gx + 8 + s * bar_width;
          g_autofree char *value = g_strdup_printf ("%g", group->values[s]);

          gdk_cairo_set_source_rgba (cr, &palette[s]);
          cairo_rectangle (cr, x + 1, plot_bottom - h, bar_width - 2, h);
          cairo_fill (cr);
          if (bar_width >= 18)
            {
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
              draw_text (cr, widget, value, x + bar_width / 2, MAX (plot_top, plot_bottom - h - 16), 0.5);
            }
        }
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, group->label, gx + group_width / 2, plot_bottom + 2, 0.5);
    }
  cairo_destroy (cr);
}

static void
cairn_bar_chart_finalize (GObject *object)
{
  CairnBarChart *self = CAIRN_BAR_CHART (object);

  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  G_OBJECT_CLASS (cairn_bar_chart_parent_class)->finalize (object);
}

static void
cairn_bar_chart_class_init (CairnBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cairn_bar_chart_finalize;
  widget_class->measure = cairn_bar_chart_measure;
  widget_class->snapshot = cairn_bar_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cairn_bar_chart_init (CairnBarChart *self)
{
  self->series = g_ptr_array_new_with_free_func (g_free);
  self->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (self->groups, clear_group);
}

GtkWidget *
cairn_bar_chart_new (void)
{
  return g_object_new (CAIRN_TYPE_BAR_CHART, NULL);
}

void
cairn_bar_chart_set_series (CairnBarChart      *self,
                            const char * const *series_names)
{
  g_return_if_fail (CAIRN_IS_BAR_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  for (guint i = 0; series_names[i] && i < MAX_SERIES; i++)
    g_ptr_array_add (self->series, g_strdup (series_names[i]));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_bar_chart_clear (CairnBarChart *self)
{
  g_return_if_fail (CAIRN_IS_BAR_CHART (self));
  g_array_set_size (self->groups, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cairn_bar_chart_add_group (CairnBarChart *self,
                           const char    *label,
                           const double  *values)
{
  Group group = { 0 };

  g_return_if_fail (CAIRN_IS_BAR_CHART (self));

  group.label = g_strdup (label);
  for (guint s = 0; s < self->series->len && s < MAX_SERIES; s++)
    group.values[s] = values[s];
  g_array_append_val (self->groups, group);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
cairn_bar_chart_get_n_groups (CairnBarChart *self)
{
  g_return_val_if_fail (CAIRN_IS_BAR_CHART (self), 0);
  return self->groups->len;
}
