/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "cairn-canvas-legend.h"
#include "cairn-canvas-private.h"

struct _CairnCanvasLegend
{
  GtkWidget        parent_instance;

  GtkWidget       *key;
  GtkDrawingArea  *edge_swatch;
  GtkDrawingArea  *entered_swatch;
  GtkDrawingArea  *waiting_swatch;
  GtkDrawingArea  *loose_swatch;
  GtkToggleButton *toggle;
};

G_DEFINE_FINAL_TYPE (CairnCanvasLegend, cairn_canvas_legend, GTK_TYPE_WIDGET)

/* The swatches draw what the canvas draws (cairn-canvas-draw.c), small. */

/* The count pill the canvas draws, @align of it left of @x, centred on @y. */
static void
pill (cairo_t       *cr,
      GtkWidget     *widget,
      double         x,
      double         y,
      double         align,
      const char    *number,
      const GdkRGBA *fill,
      const GdkRGBA *outline,
      const GdkRGBA *ink)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, number);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 8");

  pango_layout_set_font_description (layout, font);
  _cairn_canvas_pill (cr, layout, x, y - 9, align, fill, outline, ink);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
foreground (GtkWidget *widget,
            GdkRGBA   *fg)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), fg);
}

static void
draw_edge (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  GdkRGBA fg, card = _cairn_canvas_card_colour ();

  foreground (GTK_WIDGET (area), &fg);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, 0, height / 2.0);
  cairo_line_to (cr, width - 6, height / 2.0);
  cairo_stroke (cr);
  cairo_move_to (cr, width, height / 2.0);
  cairo_line_to (cr, width - 8, height / 2.0 - 5);
  cairo_line_to (cr, width - 8, height / 2.0 + 5);
  cairo_close_path (cr);
  cairo_fill (cr);
  card.alpha = 0.9;
  pill (cr, GTK_WIDGET (area), width / 2.0, height / 2.0, 0.5, "12", &card, NULL, &fg);
}

/* A run's count above a card, ending at the swatch's right. */
typedef struct
{
  const char    *number;
  const GdkRGBA *fill;
  GdkRGBA        ink;
} CountSwatch;

static const CountSwatch entered_count = { "12", &_cairn_canvas_entered_colour, { 1, 1, 1, 1 } };
static const CountSwatch waiting_count = { "3", &_cairn_canvas_waiting_colour, { 0, 0, 0, 0.8 } };

static void
draw_count (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  const CountSwatch *swatch = data;

  pill (cr, GTK_WIDGET (area), width, height / 2.0, 1, swatch->number, swatch->fill, NULL, &swatch->ink);
}

static void
draw_loose (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  const double dashes[] = { 2.5, 2 };
  GdkRGBA fg, card = _cairn_canvas_card_colour (), outline;

  foreground (GTK_WIDGET (area), &fg);
  outline = (GdkRGBA) { fg.red, fg.green, fg.blue, 0.45 };
  /* The port, a ring on the card's edge, then the stub */
  cairo_arc (cr, 6, height / 2.0, 4, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0.569, 0.255, 0.675, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
  cairo_set_line_width (cr, 1.2);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, 11, height / 2.0);
  cairo_line_to (cr, 20, height / 2.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  pill (cr, GTK_WIDGET (area), 20, height / 2.0, 0, "3", &card, &outline, &fg);
}

GtkWidget *
cairn_canvas_legend_get_key (CairnCanvasLegend *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS_LEGEND (self), NULL);
  return self->key;
}

static void
cairn_canvas_legend_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_CANVAS_LEGEND);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cairn_canvas_legend_parent_class)->dispose (object);
}

static void
cairn_canvas_legend_class_init (CairnCanvasLegendClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cairn_canvas_legend_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-canvas-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnCanvasLegend, key);
  gtk_widget_class_bind_template_child (widget_class, CairnCanvasLegend, edge_swatch);
  gtk_widget_class_bind_template_child (widget_class, CairnCanvasLegend, entered_swatch);
  gtk_widget_class_bind_template_child (widget_class, CairnCanvasLegend, waiting_swatch);
  gtk_widget_class_bind_template_child (widget_class, CairnCanvasLegend, loose_swatch);
  gtk_widget_class_bind_template_child (widget_class, CairnCanvasLegend, toggle);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "canvaslegend");
}

static void
cairn_canvas_legend_init (CairnCanvasLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->edge_swatch, draw_edge, NULL, NULL);
  gtk_drawing_area_set_draw_func (self->entered_swatch, draw_count, (gpointer) &entered_count, NULL);
  gtk_drawing_area_set_draw_func (self->waiting_swatch, draw_count, (gpointer) &waiting_count, NULL);
  gtk_drawing_area_set_draw_func (self->loose_swatch, draw_loose, NULL, NULL);
  /* The key while the counts show; the toggle follows the action's state. */
  g_object_bind_property (self->toggle, "active", self->key, "visible", G_BINDING_SYNC_CREATE);
}

GtkWidget *
cairn_canvas_legend_new (void)
{
  return g_object_new (CAIRN_TYPE_CANVAS_LEGEND, NULL);
}
