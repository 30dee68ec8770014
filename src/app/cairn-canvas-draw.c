/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <errno.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cairn-canvas-private.h"

/* Category colours: green starters, blue flow, purple channels, red actions. */
static const GdkRGBA category_colours[] = {
  { 0.184, 0.761, 0.494, 1 },
  { 0.208, 0.518, 0.894, 1 },
  { 0.569, 0.255, 0.675, 1 },
  { 0.878, 0.106, 0.141, 1 },
};

/* A run's counts: entered in blue, still waiting in yellow. */
const GdkRGBA _cairn_canvas_entered_colour = { 0.208, 0.518, 0.894, 1 };
const GdkRGBA _cairn_canvas_waiting_colour = { 0.961, 0.761, 0.067, 1 };

GdkRGBA
_cairn_canvas_card_colour (void)
{
  /* Cards are light on a light canvas and dark on a dark one; the text,
     in the style's foreground colour, reads on both. */
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    return (GdkRGBA) { 0.22, 0.22, 0.22, 1 };
  return (GdkRGBA) { 1, 1, 1, 1 };
}

/* A loose end's count: a stub this long, then the count. */
#define LOOSE_STUB   16.0

/* Drawing */

static char *
waiting_text (guint64 n)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  /* Translators: above a node on the canvas after a simulation run: how
     many people were still waiting there when the run ended. %s is the
     number. Keep it short. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s waiting", "%s waiting", (gulong) n), number);
}

static char *
loose_text (guint64 n)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  /* Translators: beside a node's output port that has no edge, after a
     simulation run: how many people took that port, and so left the
     journey there. %s is the number. Keep it short. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ended here", "%s ended here", (gulong) n), number);
}

static PangoFontDescription *
font_for (const char *name)
{
  static GHashTable *fonts;
  PangoFontDescription *desc;

  if (fonts == NULL)
    fonts = g_hash_table_new (g_str_hash, g_str_equal);
  desc = g_hash_table_lookup (fonts, name);
  if (desc == NULL)
    {
      desc = pango_font_description_from_string (name);
      g_hash_table_insert (fonts, (gpointer) name, desc);
    }
  return desc;
}

/* Text is drawn at every zoom and on pages: its glyphs placed as the font
 * says, not rounded to the pixels of 100%, which would space small text
 * unevenly. One context per canvas. */
static PangoLayout *
new_layout (GtkWidget *widget)
{
  static GQuark quark;
  PangoContext *context;

  if (quark == 0)
    quark = g_quark_from_static_string ("cairn-canvas-text");
  context = g_object_get_qdata (G_OBJECT (widget), quark);
  if (context == NULL)
    {
      cairo_font_options_t *options;

      context = gtk_widget_create_pango_context (widget);
      options = pango_cairo_context_get_font_options (context)
                  ? cairo_font_options_copy (pango_cairo_context_get_font_options (context))
                  : cairo_font_options_create ();
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (context, options);
      cairo_font_options_destroy (options);
      pango_context_set_round_glyph_positions (context, FALSE);
      g_object_set_qdata_full (G_OBJECT (widget), quark, context, g_object_unref);
    }
  return pango_layout_new (context);
}

/* @str in @font, cut short past @width. */
static PangoLayout *
text_layout (GtkWidget     *widget,
             const char    *str,
             double         width,
             const char    *font,
             PangoAlignment align)
{
  PangoLayout *layout = new_layout (widget);

  pango_layout_set_text (layout, str, -1);
  pango_layout_set_font_description (layout, font_for (font));
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  return layout;
}

static void
show_text (cairo_t       *cr,
           PangoLayout   *layout,
           double         x,
           double         y,
           double         alpha,
           const GdkRGBA *fg)
{
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
text (cairo_t       *cr,
      GtkWidget     *widget,
      const char    *str,
      double         x,
      double         y,
      double         width,
      const char    *font,
      double         alpha,
      const GdkRGBA *fg)
{
  g_autoptr(PangoLayout) layout = text_layout (widget, str, width, font, PANGO_ALIGN_LEFT);

  show_text (cr, layout, x, y, alpha, fg);
}

/* Slots not drawn yet (an unconnected port's count) are NULL. */
static void
unref_layout (gpointer layout)
{
  if (layout != NULL)
    g_object_unref (layout);
}

/* Like text(), keeping the layout in the box's cache under @slot: shaping
 * text is the dearest part of a frame. */
static PangoLayout *
box_layout (Box           *box,
            guint          slot,
            GtkWidget     *widget,
            const char    *str,
            double         width,
            const char    *font,
            PangoAlignment align)
{
  PangoLayout *layout;

  if (box->layouts == NULL)
    box->layouts = g_ptr_array_new_with_free_func (unref_layout);
  while (box->layouts->len <= slot)
    g_ptr_array_add (box->layouts, NULL);
  layout = g_ptr_array_index (box->layouts, slot);
  if (layout == NULL)
    box->layouts->pdata[slot] = layout = text_layout (widget, str, width, font, align);
  return layout;
}

static void
box_text (Box           *box,
          guint          slot,
          cairo_t       *cr,
          GtkWidget     *widget,
          const char    *str,
          double         x,
          double         y,
          double         width,
          const char    *font,
          PangoAlignment align,
          double         alpha,
          const GdkRGBA *fg)
{
  show_text (cr, box_layout (box, slot, widget, str, width, font, align), x, y, alpha, fg);
}

/* A card's text slots: kind, label, summary, then each port's name, then
 * each port's count on its edge, then the counts of people who entered
 * and who were still waiting, then each port's count at its loose end (a
 * slot of its own: an edit connecting the port keeps the shaped text). */
#define SLOT_PORT(box, p)    (3 + (p))
#define SLOT_COUNT(box, p)   (3 + (box)->ports->len + (p))
#define SLOT_ENTERED(box)    (3 + 2 * (box)->ports->len)
#define SLOT_WAITING(box)    (4 + 2 * (box)->ports->len)
#define SLOT_LOOSE(box, p)   (5 + 2 * (box)->ports->len + (p))
#define SLOT_FAR(box)        (5 + 3 * (box)->ports->len)

/* Zoomed out, a card shows its label alone, larger: 26 units, which is
   6 px on screen at 23 %; below that, the card is a shape. */
#define FAR_FONT       "Sans Bold 26px"
#define FAR_FONT_SIZE  26.0
#define MIN_TEXT_PX     6.0

/* The text already shaped in @slot, or NULL: what a count needs no new
 * string for. */
static const char *
box_slot_text (Box   *box,
               guint  slot)
{
  if (box->layouts == NULL || slot >= box->layouts->len || box->layouts->pdata[slot] == NULL)
    return NULL;
  return pango_layout_get_text (box->layouts->pdata[slot]);
}

static void rounded (cairo_t *cr, double x, double y, double w, double h, double r);

/* A count in a pill 18 units high, its top at @y, starting at @x (or
 * ending there when @x_is_end), as wide as its text: the text shaped
 * once, in @slot. Returns the pill's width. */
static double
count_pill (Box           *box,
            guint          slot,
            cairo_t       *cr,
            GtkWidget     *widget,
            const char    *str,
            double         x,
            gboolean       x_is_end,
            double         y,
            const GdkRGBA *fill,
            const GdkRGBA *outline,
            const GdkRGBA *ink)
{
  PangoLayout *layout = box_layout (box, slot, widget, str, 200, "Sans Bold 8", PANGO_ALIGN_LEFT);

  return _cairn_canvas_pill (cr, layout, x, y, x_is_end ? 1 : 0, fill, outline, ink);
}

double
_cairn_canvas_pill (cairo_t       *cr,
                    PangoLayout   *layout,
                    double         x,
                    double         y,
                    double         align,
                    const GdkRGBA *fill,
                    const GdkRGBA *outline,
                    const GdkRGBA *ink)
{
  PangoRectangle logical;
  double width;

  pango_layout_line_get_extents (pango_layout_get_line_readonly (layout, 0), NULL, &logical);
  width = MAX (18, (double) logical.width / PANGO_SCALE + 12);
  x -= width * align;
  rounded (cr, x, y, width, 18, 9);
  gdk_cairo_set_source_rgba (cr, fill);
  if (outline != NULL)
    {
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, outline);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, ink);
  cairo_move_to (cr, x + 6, y + 1);
  pango_cairo_show_layout (cr, layout);
  return width;
}

static void
rounded (cairo_t *cr,
         double   x,
         double   y,
         double   w,
         double   h,
         double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A kind's symbolic icon as an alpha mask, made once per name and size
 * (16, 32 or 64 pixels): the icon theme's drawing is too dear for every
 * card of every frame. */
static cairo_surface_t *
icon_mask (GtkWidget  *widget,
           const char *name,
           int         size)
{
  static GHashTable *masks;
  g_autofree char *key = g_strdup_printf ("%s@%d", name, size);
  cairo_surface_t *surface;

  if (masks == NULL)
    masks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cairo_surface_destroy);
  surface = g_hash_table_lookup (masks, key);
  if (surface == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
      g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, name, NULL, size, 1, GTK_TEXT_DIR_NONE, 0);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      cairo_t *cr;

      gdk_paintable_snapshot (GDK_PAINTABLE (icon), snapshot, size, size);
      node = gtk_snapshot_free_to_node (snapshot);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      cr = cairo_create (surface);
      if (node != NULL)
        gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      g_clear_pointer (&node, gsk_render_node_unref);
      g_hash_table_insert (masks, g_steal_pointer (&key), surface);
    }
  return surface;
}

/* The icon @size units square at (@x, @y) in @colour. At 100% it lands on
 * whole pixels at its own size, which is both sharp and cheap. */
static void
draw_icon (cairo_t       *cr,
           GtkWidget     *widget,
           const char    *name,
           double         x,
           double         y,
           double         size,
           const GdkRGBA *colour)
{
  cairo_surface_type_t target = cairo_surface_get_type (cairo_get_target (cr));
  double dx = size, dy = 0, device, pixels;
  int mask_size;

  cairo_user_to_device_distance (cr, &dx, &dy);
  device = hypot (dx, dy);
  /* A page may be zoomed into; a screen may have two pixels a unit. */
  if (target == CAIRO_SURFACE_TYPE_PDF || target == CAIRO_SURFACE_TYPE_SVG)
    pixels = device * 4;
  else if (target == CAIRO_SURFACE_TYPE_RECORDING)
    pixels = device * gtk_widget_get_scale_factor (widget);
  else
    pixels = device;
  mask_size = pixels <= 20 ? 16 : pixels <= 40 ? 32 : 64;
  dx = x;
  dy = y;
  cairo_user_to_device (cr, &dx, &dy);
  dx = round (dx);
  dy = round (dy);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, device / mask_size, device / mask_size);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_mask_surface (cr, icon_mask (widget, name, mask_size), 0, 0);
  cairo_restore (cr);
}

/* The category's stripe down the card's left edge, inside its rounded
 * corners (radius 10, stripe 5 wide: the corners' arcs meet the stripe's
 * edge at 120° and 240°). A path rather than a clip, which is dear. */
static void
stripe (cairo_t *cr,
        Box     *box)
{
  const double r = 10;

  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, box->x + r, box->y + r, r, 4 * G_PI / 3, G_PI);
  cairo_arc_negative (cr, box->x + r, box->y + box->h - r, r, G_PI, 2 * G_PI / 3);
  cairo_close_path (cr);
}

/* A card's outline; far out, where its corners are a pixel or two, a
 * plain rectangle. */
static void
card_shape (cairo_t *cr,
            Box     *box,
            double   zoom)
{
  if (zoom < 0.3)
    cairo_rectangle (cr, box->x, box->y, CARD_WIDTH, box->h);
  else
    rounded (cr, box->x, box->y, CARD_WIDTH, box->h, 10);
}

gboolean
_cairn_canvas_box_in_view (Box    *box,
                           double  x0,
                           double  y0,
                           double  x1,
                           double  y1)
{
  return !(box->x + CARD_WIDTH < x0 || box->x > x1 || box->y + box->h < y0 - 12 || box->y - 12 > y1);
}

/* An edge's course: a bezier leaving its port to the right and entering
 * its target from the left, level with the target's title. */
static void
edge_path (cairo_t *cr,
           double   x1,
           double   y1,
           double   x2,
           double   y2)
{
  double dx = MAX (40, fabs (x2 - x1) / 2);

  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, x1 + dx, y1, x2 - dx, y2, x2 - 6, y2);
}

static void
draw_edge (cairo_t       *cr,
           double         x1,
           double         y1,
           double         x2,
           double         y2,
           const GdkRGBA *fg,
           double         width,
           double         alpha)
{
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, alpha);
  cairo_set_line_width (cr, width);
  edge_path (cr, x1, y1, x2, y2);
  cairo_stroke (cr);
  /* arrowhead */
  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - 9, y2 - 5);
  cairo_line_to (cr, x2 - 9, y2 + 5);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The edge from @box's port @p, if it has one and it may be in view
 * (@x0, @y0)–(@x1, @y1); its ends in canvas coordinates. */
static Box *
edge_in_view (CairnCanvas *self,
              Box         *box,
              guint        p,
              double       x0,
              double       y0,
              double       x1,
              double       y1,
              double      *px,
              double      *py)
{
  Box *target = box->targets[p] >= 0 ? g_ptr_array_index (self->boxes, box->targets[p]) : NULL;

  if (target == NULL)
    return NULL;
  _cairn_canvas_port_anchor (box, p, px, py);
  if (MAX (*px, target->x) < x0 || MIN (*px, target->x) > x1 || MAX (*py, target->y) < y0 - 40
      || MIN (*py, target->y) > y1 + 40)
    return NULL;
  return target;
}

/* An edge's width at 100% and its strength: a run's count widens it, and
 * off a person's path it fades. */
static void
edge_style (CairnCanvas *self,
            Box         *box,
            guint        p,
            Box         *target,
            double      *width,
            double      *alpha)
{
  *width = 1.6;
  *alpha = 0.55;
  if (COUNTS_SHOWN (self))
    {
      guint64 count = box->counts ? box->counts[p] : 0;
      *width = count ? 1.6 + MIN (6.0, log10 ((double) count + 1) * 2) : 1;
      *alpha = count ? 0.8 : 0.25;
    }
  if (self->has_path && !(box->on_path && target->on_path))
    *alpha = 0.15;
}

static gboolean
edge_selected (CairnCanvas *self,
               Box         *box,
               guint        p)
{
  return self->edge_from && g_str_equal (self->edge_from, box->id)
         && g_strcmp0 (self->edge_port, ((CairnPort *) g_ptr_array_index (box->ports, p))->id) == 0;
}

/* Far out, edges have neither arrowheads nor counts, and those of one
 * width and strength are one path, stroked once: a handful of strokes for
 * a thousand edges. */
static void
draw_edges_far (CairnCanvas   *self,
                cairo_t       *cr,
                double         x0,
                double         y0,
                double         x1,
                double         y1,
                const GdkRGBA *fg,
                gboolean       plain)
{
  double styles[24][2];
  guint n_styles = 0;

  for (guint pass = 0; pass == 0 || pass < n_styles; pass++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < self->boxes->len; i++)
        {
          Box *box = g_ptr_array_index (self->boxes, i);
          for (guint p = 0; p < box->ports->len; p++)
            {
              double px, py, width, alpha;
              Box *target = edge_in_view (self, box, p, x0, y0, x1, y1, &px, &py);
              guint style;

              if (target == NULL || (!plain && edge_selected (self, box, p)))
                continue;
              edge_style (self, box, p, target, &width, &alpha);
              /* Widths to half a unit; without a run, a little wider. */
              width = COUNTS_SHOWN (self) ? round (width * 2) / 2 : 2;
              for (style = 0; style < n_styles; style++)
                if (styles[style][0] == width && styles[style][1] == alpha)
                  break;
              if (style == n_styles && n_styles < G_N_ELEMENTS (styles))
                {
                  styles[n_styles][0] = width;
                  styles[n_styles][1] = alpha;
                  n_styles++;
                }
              /* Past the table's end (it never is), the last style. */
              if (MIN (style, G_N_ELEMENTS (styles) - 1) != pass)
                continue;
              edge_path (cr, px, py, target->x + 6, target->y + EDGE_ENTRY);
              any = TRUE;
            }
        }
      if (any)
        {
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, styles[pass][1]);
          cairo_set_line_width (cr, styles[pass][0]);
          cairo_stroke (cr);
        }
    }
}

/* One card at its place in canvas coordinates: shadow, body, outline,
 * stripe, icon, text, ports and badges. @plain leaves the selection out. */
static void
draw_card_body (CairnCanvas   *self,
                cairo_t       *cr,
                GtkWidget     *widget,
                Box           *box,
                const GdkRGBA *fg,
                const GdkRGBA *card,
                gboolean       plain)
{
  const GdkRGBA *colour = box->category >= 0 ? &category_colours[box->category] : fg;
  gboolean dark = card->red + card->green + card->blue < 1.5;

  rounded (cr, box->x + 1, box->y + 2, CARD_WIDTH, box->h, 10);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.08);
  cairo_fill (cr);
  rounded (cr, box->x, box->y, CARD_WIDTH, box->h, 10);
  gdk_cairo_set_source_rgba (cr, card);
  cairo_fill_preserve (cr);
  if (box->selected && !plain)
    {
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 1);
      cairo_set_line_width (cr, 2.5);
    }
  else
    {
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.18);
      cairo_set_line_width (cr, 1);
    }
  cairo_stroke (cr);
  stripe (cr, box);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_fill (cr);

  /* The kind's icon on a tile of its colour, left of the kind's name
     and the label; the summary below both. */
  rounded (cr, box->x + 13, box->y + 9, 28, 28, 7);
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, dark ? 0.28 : 0.16);
  cairo_fill (cr);
  if (dark)
    {
      /* Lighter on a dark card, where the plain colour is dim. */
      GdkRGBA light = { 0.7 * colour->red + 0.3, 0.7 * colour->green + 0.3, 0.7 * colour->blue + 0.3, 1 };
      draw_icon (cr, widget, box->icon_name, box->x + 19, box->y + 15, 16, &light);
    }
  else
    draw_icon (cr, widget, box->icon_name, box->x + 19, box->y + 15, 16, colour);
  box_text (box, 0, cr, widget, box->kind_name, box->x + 49, box->y + 7, CARD_WIDTH - 49 - 28, "Sans 7.5",
            PANGO_ALIGN_LEFT, 0.65, fg);
  box_text (box, 1, cr, widget, box->label, box->x + 49, box->y + 19, CARD_WIDTH - 49 - 10, "Sans Bold 9.5",
            PANGO_ALIGN_LEFT, 1, fg);
  box_text (box, 2, cr, widget, box->summary, box->x + 14, box->y + 41, CARD_WIDTH - 24, "Sans 8",
            PANGO_ALIGN_LEFT, 0.7, fg);

  for (guint p = 0; p < box->ports->len; p++)
    {
      CairnPort *port = g_ptr_array_index (box->ports, p);
      double px, py;
      gboolean connected = box->targets[p] >= 0;

      _cairn_canvas_port_anchor (box, p, &px, &py);
      /* The port's name beside it, on the card's right. */
      box_text (box, SLOT_PORT (box, p), cr, widget, port->label, box->x + 14, py - 7.5, CARD_WIDTH - 14 - 14, "Sans 8",
                PANGO_ALIGN_RIGHT, 0.8, fg);
      /* A new path: the text left the current point at the label. */
      cairo_new_path (cr);
      cairo_arc (cr, px, py, PORT_RADIUS, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, colour);
      if (connected)
        cairo_fill (cr);
      else
        {
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
    }

  if (box->errors || box->warnings)
    {
      g_autofree char *count = g_strdup_printf ("%u", box->errors ? box->errors : box->warnings);
      GdkRGBA white = { 1, 1, 1, 1 };
      cairo_arc (cr, box->x + CARD_WIDTH - 14, box->y + 14, 9, 0, 2 * G_PI);
      if (box->errors)
        cairo_set_source_rgb (cr, 0.878, 0.106, 0.141);
      else
        cairo_set_source_rgb (cr, 0.9, 0.6, 0.0);
      cairo_fill (cr);
      text (cr, widget, count, box->x + CARD_WIDTH - 18, box->y + 7, 12, "Sans Bold 7.5", 1, &white);
    }
  if (box->here > 0)
    {
      g_autofree char *here = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u here", "%u here", box->here), box->here);
      GdkRGBA white = { 1, 1, 1, 1 };
      rounded (cr, box->x + 6, box->y - 10, 64, 18, 9);
      cairo_set_source_rgb (cr, 0.902, 0.380, 0.000);
      cairo_fill (cr);
      text (cr, widget, here, box->x + 12, box->y - 9, 56, "Sans Bold 8", 1, &white);
    }
  /* A run's counts above the card's right end: how many entered (blue),
     and how many were still waiting when it ended (yellow, if any). */
  if (COUNTS_SHOWN (self))
    {
      g_autofree char *entered = NULL;
      const char *shown = box_slot_text (box, SLOT_ENTERED (box));
      double width;

      if (shown == NULL)
        shown = entered = g_strdup_printf ("%" G_GUINT64_FORMAT, box->entered);
      width = count_pill (box, SLOT_ENTERED (box), cr, widget, shown, box->x + CARD_WIDTH - 6, TRUE, box->y - 10,
                          &_cairn_canvas_entered_colour, NULL, &(GdkRGBA) { 1, 1, 1, 1 });
      if (box->waiting > 0)
        {
          g_autofree char *waiting = NULL;

          shown = box_slot_text (box, SLOT_WAITING (box));
          if (shown == NULL)
            shown = waiting = waiting_text (box->waiting);
          count_pill (box, SLOT_WAITING (box), cr, widget, shown, box->x + CARD_WIDTH - 6 - width - 4, TRUE,
                      box->y - 10, &_cairn_canvas_waiting_colour, NULL, &(GdkRGBA) { 0, 0, 0, 0.8 });
        }
    }
}

/* A card, faded when @dim (off a person's path). */
void
_cairn_canvas_draw_card (CairnCanvas   *self,
                         cairo_t       *cr,
                         GtkWidget     *widget,
                         Box           *box,
                         const GdkRGBA *fg,
                         const GdkRGBA *card,
                         gboolean       plain,
                         gboolean       dim)
{
  if (dim)
    cairo_push_group (cr);
  draw_card_body (self, cr, widget, box, fg, card, plain);
  if (dim)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 0.35);
    }
}

gboolean
_cairn_canvas_has_loose_end (Box *box)
{
  for (guint p = 0; p < box->ports->len; p++)
    if (box->targets[p] < 0)
      return TRUE;
  return FALSE;
}

/* Whether @box's loose ends, reaching past its right edge, may be in view
 * (@x0, @y0)–(@x1, @y1). */
gboolean
_cairn_canvas_loose_in_view (Box    *box,
                             double  x0,
                             double  y0,
                             double  x1,
                             double  y1)
{
  return !(box->x + CARD_WIDTH > x1 || box->x + CARD_WIDTH + LOOSE_WIDTH < x0 || box->y + box->h < y0
           || box->y > y1);
}

/* Where @box's ports without an edge took people, how many: a short
 * dashed stub from each and the count. */
void
_cairn_canvas_draw_box_loose (CairnCanvas   *self,
                              cairo_t       *cr,
                              GtkWidget     *widget,
                              Box           *box,
                              const GdkRGBA *fg,
                              const GdkRGBA *card)
{
  const double dashes[] = { 2.5, 2 };
  GdkRGBA outline = { fg->red, fg->green, fg->blue, 0.45 };
  gboolean dim = self->has_path && !box->on_path;

  for (guint p = 0; p < box->ports->len; p++)
    {
      g_autofree char *label = NULL;
      const char *shown;
      GdkRGBA ink = *fg;
      double px, py;

      if (box->targets[p] >= 0)
        continue;
      _cairn_canvas_port_anchor (box, p, &px, &py);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, dim ? 0.2 : 0.55);
      cairo_set_line_width (cr, 1.2);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, px + PORT_RADIUS + 1, py);
      cairo_line_to (cr, px + LOOSE_STUB, py);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      shown = box_slot_text (box, SLOT_LOOSE (box, p));
      if (shown == NULL)
        shown = label = loose_text (box->counts ? box->counts[p] : 0);
      /* Nobody: there, but quieter. */
      ink.alpha = dim ? 0.35 : box->counts && box->counts[p] > 0 ? 1 : 0.55;
      count_pill (box, SLOT_LOOSE (box, p), cr, widget, shown, px + LOOSE_STUB, FALSE, py - 9,
                  &(GdkRGBA) { card->red, card->green, card->blue, 0.95 }, &outline, &ink);
    }
}

/* The counts at loose ends, over the cards (one may reach into the next
 * card). From half size up, like the counts on edges. */
static void
draw_loose_counts (CairnCanvas   *self,
                   cairo_t       *cr,
                   GtkWidget     *widget,
                   double         x0,
                   double         y0,
                   double         x1,
                   double         y1,
                   const GdkRGBA *fg,
                   const GdkRGBA *card)
{
  for (guint i = 0; COUNTS_SHOWN (self) && i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);

      if (_cairn_canvas_loose_in_view (box, x0, y0, x1, y1))
        _cairn_canvas_draw_box_loose (self, cr, widget, box, fg, card);
    }
}

/* The journey in canvas coordinates: edges, then the cards in view
 * (@x0, @y0)–(@x1, @y1), unless @cards is FALSE and they are left to the
 * caller from half size up. @plain leaves out the selection, for an
 * exported image. */
void
_cairn_canvas_draw_world (CairnCanvas   *self,
                          cairo_t       *cr,
                          GtkWidget     *widget,
                          double         zoom,
                          double         x0,
                          double         y0,
                          double         x1,
                          double         y1,
                          const GdkRGBA *fg,
                          const GdkRGBA *card,
                          gboolean       plain,
                          gboolean       cards)
{
  /* Far out, a curve need not follow its course as closely. */
  if (zoom < 0.45)
    cairo_set_tolerance (cr, 0.5);
  /* Edges under the cards; the selected one over the others. */
  if (zoom < 0.45)
    draw_edges_far (self, cr, x0, y0, x1, y1, fg, plain);
  for (guint i = 0; self->journey && i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      for (guint p = 0; p < box->ports->len; p++)
        {
          double px, py, width, alpha;
          Box *target = edge_in_view (self, box, p, x0, y0, x1, y1, &px, &py);
          gboolean selected = !plain && edge_selected (self, box, p);

          if (target == NULL || (zoom < 0.45 && !selected))
            continue;
          edge_style (self, box, p, target, &width, &alpha);
          if (selected)
            {
              GdkRGBA accent = { 0.208, 0.518, 0.894, 1 };
              draw_edge (cr, px, py, target->x, target->y + EDGE_ENTRY, &accent, width + 2, 1);
            }
          else
            draw_edge (cr, px, py, target->x, target->y + EDGE_ENTRY, fg, width, alpha);
          /* A run's count at the edge's middle, readable from half size. */
          if (COUNTS_SHOWN (self) && zoom >= 0.45)
            {
              double mx = (px + target->x) / 2, my = (py + target->y + EDGE_ENTRY) / 2;
              g_autofree char *count = NULL;
              const char *shown = box_slot_text (box, SLOT_COUNT (box, p));

              if (shown == NULL)
                shown = count = g_strdup_printf ("%" G_GUINT64_FORMAT, box->counts ? box->counts[p] : 0);
              cairo_set_source_rgba (cr, card->red, card->green, card->blue, 0.9);
              rounded (cr, mx - 22, my - 10, 44, 18, 9);
              cairo_fill (cr);
              box_text (box, SLOT_COUNT (box, p), cr, widget, shown, mx - 20, my - 9, 40, "Sans Bold 8",
                        PANGO_ALIGN_CENTER, 1, selected ? &(GdkRGBA) { 0.208, 0.518, 0.894, 1 } : fg);
            }
        }
    }

  /* Below half size, cards are shapes without text, drawn together: one
     fill for the cards, one stroke per outline colour and width. */
  if (zoom < 0.45)
    {
      for (int dim = 0; dim < 2; dim++)
        {
          gboolean any = FALSE;
          for (guint i = 0; i < self->boxes->len; i++)
            {
              Box *box = g_ptr_array_index (self->boxes, i);
              if ((self->has_path && !box->on_path) != dim || !_cairn_canvas_box_in_view (box, x0, y0, x1, y1))
                continue;
              card_shape (cr, box, zoom);
              any = TRUE;
            }
          if (any)
            {
              cairo_set_source_rgba (cr, card->red, card->green, card->blue, dim ? 0.35 : 1.0);
              cairo_fill (cr);
            }
        }
      for (int category = -1; category < (int) G_N_ELEMENTS (category_colours); category++)
        for (int selected = 0; selected < 2; selected++)
          for (int dim = 0; dim < 2; dim++)
            {
              const GdkRGBA *colour = category >= 0 ? &category_colours[category] : fg;
              double alpha = dim ? 0.35 : 1.0;
              gboolean any = FALSE;

              for (guint i = 0; i < self->boxes->len; i++)
                {
                  Box *box = g_ptr_array_index (self->boxes, i);
                  if (box->category != category || (box->selected && !plain) != selected
                      || (self->has_path && !box->on_path) != dim || !_cairn_canvas_box_in_view (box, x0, y0, x1, y1))
                    continue;
                  if (zoom < 0.3)
                    {
                      /* The outline as a frame between two rectangles:
                         filling rectangles is much cheaper than stroking. */
                      double w = selected ? 3 : 1;
                      cairo_rectangle (cr, box->x - w, box->y - w, CARD_WIDTH + 2 * w, box->h + 2 * w);
                      cairo_rectangle (cr, box->x + w, box->y + w, CARD_WIDTH - 2 * w, box->h - 2 * w);
                    }
                  else
                    card_shape (cr, box, zoom);
                  any = TRUE;
                }
              if (!any)
                continue;
              cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, selected ? alpha : 0.6 * alpha);
              if (zoom < 0.3)
                {
                  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
                  cairo_fill (cr);
                  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
                  continue;
                }
              cairo_set_line_width (cr, selected ? 6 : 2);
              cairo_stroke (cr);
            }
      /* Each label, as long as it is not too small to read */
      for (guint i = 0; FAR_FONT_SIZE * zoom >= MIN_TEXT_PX && i < self->boxes->len; i++)
        {
          Box *box = g_ptr_array_index (self->boxes, i);
          gboolean dim = self->has_path && !box->on_path;

          if (!_cairn_canvas_box_in_view (box, x0, y0, x1, y1))
            continue;
          box_text (box, SLOT_FAR (box), cr, widget, box->label, box->x + 14, box->y + 14, CARD_WIDTH - 28,
                    FAR_FONT, PANGO_ALIGN_LEFT, dim ? 0.35 : 0.9, fg);
        }
    }

  /* Cards: only those in view. On screen they are images, drawn by
     _cairn_canvas_snapshot(). */
  for (guint i = 0; cards && zoom >= 0.45 && i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      gboolean dim = self->has_path && !box->on_path;

      if (!_cairn_canvas_box_in_view (box, x0, y0, x1, y1))
        continue;
      _cairn_canvas_draw_card (self, cr, widget, box, fg, card, plain, dim);
    }
  if (cards && zoom >= 0.45)
    draw_loose_counts (self, cr, widget, x0, y0, x1, y1, fg, card);
}

/* A connection being drawn from a port to the pointer, over the cards. */
void
_cairn_canvas_draw_connecting (CairnCanvas   *self,
                               cairo_t       *cr,
                               const GdkRGBA *fg)
{
  Box *from = _cairn_canvas_find_box (self, self->connect_from);
  double cx, cy;

  cairn_canvas_to_canvas (self, self->drag_start_x + self->drag_dx, self->drag_start_y + self->drag_dy, &cx, &cy);
  for (guint p = 0; from && p < from->ports->len; p++)
    if (g_strcmp0 (((CairnPort *) g_ptr_array_index (from->ports, p))->id, self->connect_port) == 0)
      {
        double px, py;
        _cairn_canvas_port_anchor (from, p, &px, &py);
        draw_edge (cr, px, py, cx, cy, fg, 2, 0.9);
      }
}
