/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-canvas.h"
#include "cairn-diagnostic.h"
#include "cairn-json.h"
#include "cairn-summary.h"

#define CARD_WIDTH   220.0
#define CARD_TOP      58.0   /* type line, label and summary */
#define PORT_HEIGHT   18.0
#define PORT_RADIUS    5.0
#define GRID          20.0
#define MIN_ZOOM       0.2
#define MAX_ZOOM       3.0

typedef struct
{
  char     *id;
  char     *label;
  char     *kind_name;
  char     *summary;
  int       category;     /* -1: unknown type */
  double    x, y, h;
  GPtrArray *ports;       /* CairnPort* */
  int      *targets;      /* per port: index of the box it leads to, or -1 */
  GPtrArray *layouts;     /* PangoLayout cache, by text slot; made when drawn */
  gboolean  selected;
  guint     errors, warnings;
  guint64   entered;
  guint     here;         /* people at this node at the scrubber's time */
  gboolean  on_path;
} Box;

typedef enum { DRAG_NONE, DRAG_MOVE, DRAG_CONNECT, DRAG_BAND, DRAG_PAN } DragMode;

struct _CairnCanvas
{
  GtkWidget     parent_instance;

  CairnJourney *journey;
  gulong        changed_id;
  GPtrArray    *boxes;        /* Box* in document order */
  GHashTable   *selection;    /* ids (owned) */
  GHashTable   *diag_errors;  /* id → count */
  GHashTable   *diag_warnings;
  GHashTable   *edge_counts;  /* "from\nport" → count + 1 */
  gboolean      has_overlay;
  GHashTable   *positions;    /* node id → people there, or NULL */
  gboolean      has_path;

  double        zoom;
  double        offset_x, offset_y;   /* widget = canvas * zoom + offset */
  double        pointer_x, pointer_y;

  DragMode      drag;
  double        drag_start_x, drag_start_y;   /* widget coordinates */
  double        drag_dx, drag_dy;
  char         *connect_from;
  char         *connect_port;
  char         *edge_from;     /* the selected edge, or NULL */
  char         *edge_port;
  gboolean      space_held;    /* Space + drag pans */
  gboolean      snap;
};

enum { SELECTION_CHANGED, NODE_DROPPED, NODES_MOVED, MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CairnCanvas, cairn_canvas, GTK_TYPE_WIDGET)

/* Category colours: green starters, blue flow, purple channels, red actions. */
static const GdkRGBA category_colours[] = {
  { 0.184, 0.761, 0.494, 1 },
  { 0.208, 0.518, 0.894, 1 },
  { 0.569, 0.255, 0.675, 1 },
  { 0.878, 0.106, 0.141, 1 },
};

static void
box_free (Box *box)
{
  g_free (box->id);
  g_free (box->label);
  g_free (box->kind_name);
  g_free (box->summary);
  g_ptr_array_unref (box->ports);
  g_free (box->targets);
  g_clear_pointer (&box->layouts, g_ptr_array_unref);
  g_free (box);
}

static Box *
find_box (CairnCanvas *self,
          const char  *id)
{
  for (guint i = 0; id && i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      if (g_strcmp0 (box->id, id) == 0)
        return box;
    }
  return NULL;
}

static void
rebuild (CairnCanvas *self)
{
  g_ptr_array_set_size (self->boxes, 0);
  if (self->journey == NULL)
    return;
  for (guint i = 0; i < cairn_journey_get_n_nodes (self->journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (self->journey, i);
      Box *box = g_new0 (Box, 1);

      box->id = g_strdup (node->id ? node->id : "");
      box->label = g_strdup (node->label ? node->label : box->id);
      box->kind_name = g_strdup (node->kind ? _(node->kind->name) : (node->type ? node->type : _("Unknown")));
      box->summary = cairn_node_summary (node);
      box->category = node->kind ? (int) node->kind->category : -1;
      box->x = node->x;
      box->y = node->y;
      box->ports = cairn_node_kind_ports (node->kind, node->config);
      box->h = CARD_TOP + MAX (1, box->ports->len) * PORT_HEIGHT + 6;
      box->selected = g_hash_table_contains (self->selection, box->id);
      box->errors = GPOINTER_TO_UINT (g_hash_table_lookup (self->diag_errors, box->id));
      box->here = self->positions ? GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, box->id)) : 0;
      box->warnings = GPOINTER_TO_UINT (g_hash_table_lookup (self->diag_warnings, box->id));
      g_ptr_array_add (self->boxes, box);
    }
  /* Edges resolved once per change, not once per frame. */
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      box->targets = g_new (int, MAX (box->ports->len, 1));
      for (guint p = 0; p < box->ports->len; p++)
        {
          CairnEdge *edge = cairn_journey_find_edge (self->journey, box->id,
                                                     ((CairnPort *) g_ptr_array_index (box->ports, p))->id);
          CairnNode *target = edge ? cairn_journey_find_node (self->journey, edge->to) : NULL;
          box->targets[p] = target ? (int) target->index : -1;
        }
    }
}

static void
on_journey_changed (CairnJourney *journey,
                    CairnCanvas  *self)
{
  GHashTableIter iter;
  gpointer key;

  rebuild (self);
  /* Selected nodes that no longer exist leave the selection. */
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (find_box (self, key) == NULL)
      g_hash_table_iter_remove (&iter);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Coordinates */

void
cairn_canvas_to_widget (CairnCanvas *self,
                        double       cx,
                        double       cy,
                        double      *wx,
                        double      *wy)
{
  *wx = cx * self->zoom + self->offset_x;
  *wy = cy * self->zoom + self->offset_y;
}

void
cairn_canvas_to_canvas (CairnCanvas *self,
                        double       wx,
                        double       wy,
                        double      *cx,
                        double      *cy)
{
  *cx = (wx - self->offset_x) / self->zoom;
  *cy = (wy - self->offset_y) / self->zoom;
}

static void
port_anchor (Box    *box,
             guint   port,
             double *x,
             double *y)
{
  *x = box->x + CARD_WIDTH;
  *y = box->y + CARD_TOP + port * PORT_HEIGHT + PORT_HEIGHT / 2;
}

static Box *
box_at (CairnCanvas *self,
        double       cx,
        double       cy)
{
  for (guint i = self->boxes->len; i-- > 0;)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      if (cx >= box->x && cx <= box->x + CARD_WIDTH && cy >= box->y && cy <= box->y + box->h)
        return box;
    }
  return NULL;
}

static Box *
port_at (CairnCanvas *self,
         double       cx,
         double       cy,
         guint       *port)
{
  for (guint i = self->boxes->len; i-- > 0;)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      for (guint p = 0; p < box->ports->len; p++)
        {
          double px, py;
          port_anchor (box, p, &px, &py);
          if (hypot (cx - px, cy - py) <= (PORT_RADIUS + 4) / MIN (self->zoom, 1.0))
            {
              *port = p;
              return box;
            }
        }
    }
  return NULL;
}

/* The edge passing within a few pixels of a canvas point. */
static gboolean
edge_at (CairnCanvas *self,
         double       cx,
         double       cy,
         Box        **from,
         guint       *port)
{
  double tolerance = 6 / self->zoom;

  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      for (guint p = 0; p < box->ports->len; p++)
        {
          Box *target = box->targets[p] >= 0 ? g_ptr_array_index (self->boxes, box->targets[p]) : NULL;
          double x1, y1, x2, y2, dx;

          if (target == NULL)
            continue;
          port_anchor (box, p, &x1, &y1);
          x2 = target->x;
          y2 = target->y + 29;
          dx = MAX (40, fabs (x2 - x1) / 2);
          for (int k = 0; k <= 24; k++)
            {
              double t = k / 24.0, u = 1 - t;
              double bx = u * u * u * x1 + 3 * u * u * t * (x1 + dx) + 3 * u * t * t * (x2 - dx) + t * t * t * x2;
              double by = u * u * u * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y2;
              if (hypot (cx - bx, cy - by) <= tolerance)
                {
                  *from = box;
                  *port = p;
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}

void
cairn_canvas_select_edge (CairnCanvas *self,
                          const char  *from,
                          const char  *port)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  g_free (self->edge_from);
  g_free (self->edge_port);
  self->edge_from = g_strdup (from);
  self->edge_port = g_strdup (port);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cairn_canvas_delete_selected_edge (CairnCanvas *self)
{
  gboolean done;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  if (self->journey == NULL || self->edge_from == NULL)
    return FALSE;
  done = cairn_journey_disconnect (self->journey, self->edge_from, self->edge_port);
  cairn_canvas_select_edge (self, NULL, NULL);
  return done;
}

const char *
cairn_canvas_node_at (CairnCanvas *self,
                      double       wx,
                      double       wy)
{
  double cx, cy;
  Box *box;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  cairn_canvas_to_canvas (self, wx, wy, &cx, &cy);
  box = box_at (self, cx, cy);
  return box ? box->id : NULL;
}

/* Drawing */

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

static void
text (cairo_t     *cr,
      GtkWidget   *widget,
      const char  *str,
      double       x,
      double       y,
      double       width,
      const char  *font,
      double       alpha,
      const GdkRGBA *fg)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, str);
  PangoFontDescription *desc = font_for (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* Like text(), keeping the layout in the box's cache under @slot: shaping
 * text is the dearest part of a frame. */
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
          double         alpha,
          const GdkRGBA *fg)
{
  PangoLayout *layout;

  if (box->layouts == NULL)
    box->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  while (box->layouts->len <= slot)
    g_ptr_array_add (box->layouts, NULL);
  layout = g_ptr_array_index (box->layouts, slot);
  if (layout == NULL)
    {
      layout = gtk_widget_create_pango_layout (widget, str);
      pango_layout_set_font_description (layout, font_for (font));
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      box->layouts->pdata[slot] = layout;
    }
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
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

static guint64
edge_count (CairnCanvas *self,
            const char  *from,
            const char  *port)
{
  g_autofree char *key = g_strconcat (from, "\n", port, NULL);
  gpointer value = g_hash_table_lookup (self->edge_counts, key);
  return value ? GPOINTER_TO_SIZE (value) - 1 : 0;
}

static void
draw_edge (CairnCanvas *self,
           cairo_t     *cr,
           GtkWidget   *widget,
           double       x1,
           double       y1,
           double       x2,
           double       y2,
           const GdkRGBA *fg,
           double       width,
           double       alpha,
           const char  *label)
{
  double dx = MAX (40, fabs (x2 - x1) / 2);

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, alpha);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, x1 + dx, y1, x2 - dx, y2, x2 - 6, y2);
  cairo_stroke (cr);
  /* arrowhead */
  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - 9, y2 - 5);
  cairo_line_to (cr, x2 - 9, y2 + 5);
  cairo_close_path (cr);
  cairo_fill (cr);
  if (label != NULL)
    {
      double mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      rounded (cr, mx - 22, my - 10, 44, 18, 9);
      cairo_fill (cr);
      text (cr, widget, label, mx - 20, my - 9, 40, "Sans Bold 8", 1, fg);
    }
}

static void
cairn_canvas_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, card;
  cairo_t *cr;
  double x0, y0, x1, y1;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  /* Cards are light on a light canvas and dark on a dark one; the text,
     in the style's foreground colour, reads on both. */
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    card = (GdkRGBA) { 0.22, 0.22, 0.22, 1 };
  else
    card = (GdkRGBA) { 1, 1, 1, 1 };
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Dot grid */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  cairn_canvas_to_canvas (self, 0, 0, &x0, &y0);
  cairn_canvas_to_canvas (self, width, height, &x1, &y1);
  if (self->zoom >= 0.5)
    for (double gx = floor (x0 / GRID) * GRID; gx <= x1; gx += GRID)
      for (double gy = floor (y0 / GRID) * GRID; gy <= y1; gy += GRID)
        {
          double wx, wy;
          cairn_canvas_to_widget (self, gx, gy, &wx, &wy);
          cairo_rectangle (cr, wx - 0.75, wy - 0.75, 1.5, 1.5);
        }
  cairo_fill (cr);

  cairo_save (cr);
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);

  /* Edges under the cards */
  for (guint i = 0; self->journey && i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      for (guint p = 0; p < box->ports->len; p++)
        {
          CairnPort *port = g_ptr_array_index (box->ports, p);
          Box *target = box->targets[p] >= 0 ? g_ptr_array_index (self->boxes, box->targets[p]) : NULL;
          double px, py, width_px = 1.6, alpha = 0.55;
          g_autofree char *label = NULL;

          if (target == NULL)
            continue;
          port_anchor (box, p, &px, &py);
          if (MAX (px, target->x) < x0 || MIN (px, target->x) > x1 || MAX (py, target->y) < y0 - 40
              || MIN (py, target->y) > y1 + 40)
            continue;
          if (self->has_overlay)
            {
              guint64 count = edge_count (self, box->id, port->id);
              label = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
              width_px = count ? 1.6 + MIN (6.0, log10 ((double) count + 1) * 2) : 1;
              alpha = count ? 0.8 : 0.25;
            }
          if (self->has_path && !(box->on_path && target->on_path))
            alpha = 0.15;
          if (self->zoom < 0.45 && !self->has_overlay && !self->has_path)
            {
              /* Zoomed out: one path for every edge, stroked once below. */
              double dx = MAX (40, fabs (target->x - px) / 2);
              cairo_move_to (cr, px, py);
              cairo_curve_to (cr, px + dx, py, target->x - dx, target->y + 29, target->x, target->y + 29);
              continue;
            }
          if (self->edge_from && g_str_equal (self->edge_from, box->id) && g_strcmp0 (self->edge_port, port->id) == 0)
            {
              GdkRGBA accent = { 0.208, 0.518, 0.894, 1 };
              draw_edge (self, cr, widget, px, py, target->x, target->y + 29, &accent, width_px + 2, 1, label);
              continue;
            }
          draw_edge (self, cr, widget, px, py, target->x, target->y + 29, &fg, width_px, alpha, label);
        }
    }

  if (self->zoom < 0.45 && !self->has_overlay && !self->has_path)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }

  /* Cards: only those in view; below half size, without their text. */
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      const GdkRGBA *colour = box->category >= 0 ? &category_colours[box->category] : &fg;
      double alpha = self->has_path && !box->on_path ? 0.35 : 1.0;

      if (box->x + CARD_WIDTH < x0 || box->x > x1 || box->y + box->h < y0 - 12 || box->y - 12 > y1)
        continue;
      if (self->zoom < 0.45)
        {
          rounded (cr, box->x, box->y, CARD_WIDTH, box->h, 10);
          cairo_set_source_rgba (cr, card.red, card.green, card.blue, alpha);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, box->selected ? alpha : 0.6 * alpha);
          cairo_set_line_width (cr, box->selected ? 6 : 2);
          cairo_stroke (cr);
          continue;
        }

      if (alpha < 1)
        cairo_push_group (cr);
      rounded (cr, box->x + 1, box->y + 2, CARD_WIDTH, box->h, 10);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.08);
      cairo_fill (cr);
      rounded (cr, box->x, box->y, CARD_WIDTH, box->h, 10);
      gdk_cairo_set_source_rgba (cr, &card);
      cairo_fill_preserve (cr);
      if (box->selected)
        {
          cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 1);
          cairo_set_line_width (cr, 2.5);
        }
      else
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.18);
          cairo_set_line_width (cr, 1);
        }
      cairo_stroke (cr);
      /* category stripe */
      cairo_save (cr);
      rounded (cr, box->x, box->y, CARD_WIDTH, box->h, 10);
      cairo_clip (cr);
      gdk_cairo_set_source_rgba (cr, colour);
      cairo_rectangle (cr, box->x, box->y, 5, box->h);
      cairo_fill (cr);
      cairo_restore (cr);

      box_text (box, 0, cr, widget, box->kind_name, box->x + 14, box->y + 6, CARD_WIDTH - 50, "Sans 7.5", 0.6, &fg);
      box_text (box, 1, cr, widget, box->label, box->x + 14, box->y + 19, CARD_WIDTH - 24, "Sans Bold 9.5", 1, &fg);
      box_text (box, 2, cr, widget, box->summary, box->x + 14, box->y + 37, CARD_WIDTH - 24, "Sans 8", 0.7, &fg);

      for (guint p = 0; p < box->ports->len; p++)
        {
          CairnPort *port = g_ptr_array_index (box->ports, p);
          double px, py;
          gboolean connected = box->targets[p] >= 0;

          port_anchor (box, p, &px, &py);
          box_text (box, 3 + p, cr, widget, port->label, box->x + 40, py - 8, CARD_WIDTH - 56, "Sans 8", 0.8, &fg);
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
      if (self->has_overlay)
        {
          g_autofree char *entered = g_strdup_printf ("%" G_GUINT64_FORMAT, box->entered);
          GdkRGBA white = { 1, 1, 1, 1 };
          rounded (cr, box->x + CARD_WIDTH - 62, box->y - 10, 56, 18, 9);
          cairo_set_source_rgb (cr, 0.208, 0.518, 0.894);
          cairo_fill (cr);
          text (cr, widget, entered, box->x + CARD_WIDTH - 58, box->y - 9, 48, "Sans Bold 8", 1, &white);
        }
      if (alpha < 1)
        {
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, alpha);
        }
    }

  /* A connection being drawn */
  if (self->drag == DRAG_CONNECT)
    {
      Box *from = find_box (self, self->connect_from);
      double cx, cy;
      cairn_canvas_to_canvas (self, self->drag_start_x + self->drag_dx, self->drag_start_y + self->drag_dy, &cx, &cy);
      for (guint p = 0; from && p < from->ports->len; p++)
        if (g_strcmp0 (((CairnPort *) g_ptr_array_index (from->ports, p))->id, self->connect_port) == 0)
          {
            double px, py;
            port_anchor (from, p, &px, &py);
            draw_edge (self, cr, widget, px, py, cx, cy, &fg, 2, 0.9, NULL);
          }
    }
  cairo_restore (cr);

  if (self->drag == DRAG_BAND)
    {
      double x = MIN (self->drag_start_x, self->drag_start_x + self->drag_dx);
      double y = MIN (self->drag_start_y, self->drag_start_y + self->drag_dy);
      cairo_rectangle (cr, x, y, fabs (self->drag_dx), fabs (self->drag_dy));
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.8);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* Selection */

static void
select_only (CairnCanvas *self,
             const char  *id)
{
  g_hash_table_remove_all (self->selection);
  if (id != NULL)
    g_hash_table_add (self->selection, g_strdup (id));
}

static void
sync_selection (CairnCanvas *self)
{
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      box->selected = g_hash_table_contains (self->selection, box->id);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

GStrv
cairn_canvas_get_selection (CairnCanvas *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      if (g_hash_table_contains (self->selection, box->id))
        g_strv_builder_add (builder, box->id);
    }
  return g_strv_builder_end (builder);
}

void
cairn_canvas_set_selection (CairnCanvas        *self,
                            const char * const *ids)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; ids && ids[i]; i++)
    g_hash_table_add (self->selection, g_strdup (ids[i]));
  sync_selection (self);
}

/* Gestures */

static void
move_selection (CairnCanvas *self,
                double       dx,
                double       dy)
{
  cairn_journey_freeze_changed (self->journey);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      if (box->selected)
        {
          double x = box->x + dx, y = box->y + dy;
          if (self->snap)
            {
              x = round (x / GRID) * GRID;
              y = round (y / GRID) * GRID;
            }
          cairn_journey_move_node (self->journey, box->id, x, y);
        }
    }
  cairn_journey_thaw_changed (self->journey);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CairnCanvas    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean toggle = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  double cx, cy;
  guint port;
  Box *box;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_dx = self->drag_dy = 0;
  cairn_canvas_to_canvas (self, x, y, &cx, &cy);

  if (self->space_held)
    {
      self->drag = DRAG_PAN;
      return;
    }
  if (self->journey && (box = port_at (self, cx, cy, &port)) != NULL)
    {
      self->drag = DRAG_CONNECT;
      g_free (self->connect_from);
      g_free (self->connect_port);
      self->connect_from = g_strdup (box->id);
      self->connect_port = g_strdup (((CairnPort *) g_ptr_array_index (box->ports, port))->id);
      return;
    }
  box = box_at (self, cx, cy);
  if (box != NULL)
    {
      if (toggle)
        {
          if (!g_hash_table_remove (self->selection, box->id))
            g_hash_table_add (self->selection, g_strdup (box->id));
        }
      else if (!box->selected)
        select_only (self, box->id);
      sync_selection (self);
      self->drag = DRAG_MOVE;
      return;
    }
  if (edge_at (self, cx, cy, &box, &port))
    {
      select_only (self, NULL);
      sync_selection (self);
      cairn_canvas_select_edge (self, box->id, ((CairnPort *) g_ptr_array_index (box->ports, port))->id);
      self->drag = DRAG_NONE;
      return;
    }
  cairn_canvas_select_edge (self, NULL, NULL);
  if (!toggle)
    {
      select_only (self, NULL);
      sync_selection (self);
    }
  self->drag = DRAG_BAND;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                CairnCanvas    *self)
{
  if (self->drag == DRAG_PAN)
    {
      self->offset_x += dx - self->drag_dx;
      self->offset_y += dy - self->drag_dy;
      self->drag_dx = dx;
      self->drag_dy = dy;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  self->drag_dx = dx;
  self->drag_dy = dy;
  if (self->drag == DRAG_MOVE)
    {
      /* Live feedback: the cards follow, the journey moves once at the end. */
      double ddx = dx / self->zoom, ddy = dy / self->zoom;
      for (guint i = 0; self->journey && i < cairn_journey_get_n_nodes (self->journey); i++)
        {
          CairnNode *node = cairn_journey_get_node (self->journey, i);
          Box *box = g_ptr_array_index (self->boxes, i);
          if (box->selected)
            {
              box->x = node->x + ddx;
              box->y = node->y + ddy;
            }
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             CairnCanvas    *self)
{
  DragMode mode = self->drag;

  self->drag = DRAG_NONE;
  if (mode == DRAG_MOVE && (fabs (dx) > 1 || fabs (dy) > 1) && self->journey)
    {
      guint n = g_hash_table_size (self->selection);
      rebuild (self);  /* back to the journey's positions, then move them */
      move_selection (self, dx / self->zoom, dy / self->zoom);
      g_signal_emit (self, signals[NODES_MOVED], 0, n);
    }
  else if (mode == DRAG_CONNECT && self->journey)
    {
      double cx, cy;
      Box *target;
      g_autoptr(GError) error = NULL;

      cairn_canvas_to_canvas (self, self->drag_start_x + dx, self->drag_start_y + dy, &cx, &cy);
      target = box_at (self, cx, cy);
      if (target != NULL && g_strcmp0 (target->id, self->connect_from) != 0
          && !cairn_journey_connect (self->journey, self->connect_from, self->connect_port, target->id, &error))
        g_signal_emit (self, signals[MESSAGE], 0, error->message);
    }
  else if (mode == DRAG_BAND)
    {
      double ax, ay, bx, by;
      cairn_canvas_to_canvas (self, MIN (self->drag_start_x, self->drag_start_x + dx),
                              MIN (self->drag_start_y, self->drag_start_y + dy), &ax, &ay);
      cairn_canvas_to_canvas (self, MAX (self->drag_start_x, self->drag_start_x + dx),
                              MAX (self->drag_start_y, self->drag_start_y + dy), &bx, &by);
      for (guint i = 0; (fabs (dx) > 2 || fabs (dy) > 2) && i < self->boxes->len; i++)
        {
          Box *box = g_ptr_array_index (self->boxes, i);
          if (box->x < bx && box->x + CARD_WIDTH > ax && box->y < by && box->y + box->h > ay)
            g_hash_table_add (self->selection, g_strdup (box->id));
        }
      sync_selection (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               CairnCanvas    *self)
{
  self->offset_x += dx - self->drag_dx;
  self->offset_y += dy - self->drag_dy;
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              CairnCanvas    *self)
{
  self->drag_dx = self->drag_dy = 0;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           CairnCanvas              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

void
cairn_canvas_zoom_at (CairnCanvas *self,
                      double       factor,
                      double       x,
                      double       y)
{
  double cx, cy, zoom;

  g_return_if_fail (CAIRN_IS_CANVAS (self));
  zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  cairn_canvas_to_canvas (self, x, y, &cx, &cy);
  self->zoom = zoom;
  self->offset_x = x - cx * zoom;
  self->offset_y = y - cy * zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           CairnCanvas              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if (state & GDK_CONTROL_MASK)
    cairn_canvas_zoom_at (self, dy < 0 ? 1.1 : 1 / 1.1, self->pointer_x, self->pointer_y);
  else
    {
      self->offset_x -= dx * 30;
      self->offset_y -= dy * 30;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CairnCanvas   *self)
{
  double cx, cy;

  if (!G_VALUE_HOLDS_STRING (value) || cairn_registry_lookup (g_value_get_string (value)) == NULL)
    return FALSE;
  cairn_canvas_to_canvas (self, x, y, &cx, &cy);
  g_signal_emit (self, signals[NODE_DROPPED], 0, g_value_get_string (value), cx, cy);
  return TRUE;
}

static void
on_key_released (GtkEventControllerKey *key,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 CairnCanvas           *self)
{
  if (keyval == GDK_KEY_space)
    self->space_held = FALSE;
}

static gboolean
on_key (GtkEventControllerKey *key,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        CairnCanvas           *self)
{
  double dx = 0, dy = 0, step = (state & GDK_SHIFT_MASK) ? 1 : GRID;

  switch (keyval)
    {
    case GDK_KEY_space:
      self->space_held = TRUE;
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_BackSpace:
      /* Nodes are the window's to delete; a selected edge is ours. */
      return cairn_canvas_delete_selected_edge (self);
    case GDK_KEY_Left: dx = -step; break;
    case GDK_KEY_Right: dx = step; break;
    case GDK_KEY_Up: dy = -step; break;
    case GDK_KEY_Down: dy = step; break;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      {
        /* Tab walks the nodes in document order. */
        g_auto(GStrv) selected = cairn_canvas_get_selection (self);
        int index = -1, n = self->boxes->len;
        if (n == 0)
          return FALSE;
        for (int i = 0; selected[0] && i < n; i++)
          if (g_strcmp0 (((Box *) g_ptr_array_index (self->boxes, i))->id, selected[0]) == 0)
            index = i;
        index = keyval == GDK_KEY_Tab ? (index + 1) % n : (index <= 0 ? n - 1 : index - 1);
        select_only (self, ((Box *) g_ptr_array_index (self->boxes, index))->id);
        sync_selection (self);
        cairn_canvas_reveal_node (self, ((Box *) g_ptr_array_index (self->boxes, index))->id);
        return TRUE;
      }
    default:
      return FALSE;
    }
  if (g_hash_table_size (self->selection) == 0 || self->journey == NULL)
    return FALSE;
  {
    gboolean snap = self->snap;
    self->snap = FALSE;
    move_selection (self, dx, dy);
    self->snap = snap;
  }
  g_signal_emit (self, signals[NODES_MOVED], 0, g_hash_table_size (self->selection));
  return TRUE;
}

/* Public */

void
cairn_canvas_set_journey (CairnCanvas  *self,
                          CairnJourney *journey)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  if (self->journey)
    g_clear_signal_handler (&self->changed_id, self->journey);
  g_set_object (&self->journey, journey);
  g_hash_table_remove_all (self->selection);
  g_hash_table_remove_all (self->edge_counts);
  self->has_overlay = self->has_path = FALSE;
  if (journey)
    self->changed_id = g_signal_connect (journey, "changed", G_CALLBACK (on_journey_changed), self);
  rebuild (self);
  cairn_canvas_zoom_to_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_canvas_reveal_node (CairnCanvas *self,
                          const char  *id)
{
  Box *box;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double wx, wy;

  g_return_if_fail (CAIRN_IS_CANVAS (self));
  box = find_box (self, id);
  if (box == NULL || width == 0)
    return;
  cairn_canvas_to_widget (self, box->x, box->y, &wx, &wy);
  if (wx < 0 || wy < 0 || wx + CARD_WIDTH * self->zoom > width || wy + box->h * self->zoom > height)
    {
      self->offset_x = width / 2.0 - (box->x + CARD_WIDTH / 2) * self->zoom;
      self->offset_y = height / 2.0 - (box->y + box->h / 2) * self->zoom;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
cairn_canvas_zoom_in (CairnCanvas *self)
{
  cairn_canvas_zoom_at (self, 1.25, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
cairn_canvas_zoom_out (CairnCanvas *self)
{
  cairn_canvas_zoom_at (self, 0.8, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
cairn_canvas_zoom_reset (CairnCanvas *self)
{
  cairn_canvas_zoom_at (self, 1.0 / self->zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
cairn_canvas_get_zoom (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
cairn_canvas_zoom_to_fit (CairnCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double minx = G_MAXDOUBLE, miny = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, maxy = -G_MAXDOUBLE;

  if (self->boxes->len == 0)
    {
      self->zoom = 1;
      self->offset_x = self->offset_y = 40;
      return;
    }
  if (width == 0 || height == 0)
    {
      width = 1000;
      height = 600;
    }
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      minx = MIN (minx, box->x);
      miny = MIN (miny, box->y - 12);
      maxx = MAX (maxx, box->x + CARD_WIDTH);
      maxy = MAX (maxy, box->y + box->h);
    }
  self->zoom = CLAMP (MIN ((width - 60) / (maxx - minx), (height - 60) / (maxy - miny)), MIN_ZOOM, 1.0);
  self->offset_x = (width - (maxx - minx) * self->zoom) / 2 - minx * self->zoom;
  self->offset_y = (height - (maxy - miny) * self->zoom) / 2 - miny * self->zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_canvas_set_diagnostics (CairnCanvas *self,
                              GPtrArray   *diagnostics)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  g_hash_table_remove_all (self->diag_errors);
  g_hash_table_remove_all (self->diag_warnings);
  for (guint i = 0; diagnostics && i < diagnostics->len; i++)
    {
      CairnDiagnostic *d = g_ptr_array_index (diagnostics, i);
      GHashTable *table = d->severity == CAIRN_SEVERITY_ERROR ? self->diag_errors : self->diag_warnings;
      if (d->node_id == NULL)
        continue;
      g_hash_table_replace (table, g_strdup (d->node_id),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, d->node_id)) + 1));
    }
  rebuild (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_canvas_set_overlay (CairnCanvas        *self,
                          JsonObject         *report,
                          const char * const *path)
{
  JsonArray *edges = cairn_json_get_array (report, "edges");
  JsonObject *nodes = cairn_json_get_object (report, "nodes");

  g_return_if_fail (CAIRN_IS_CANVAS (self));

  g_hash_table_remove_all (self->edge_counts);
  self->has_overlay = report != NULL;
  self->has_path = path != NULL;
  for (guint i = 0; edges && i < json_array_get_length (edges); i++)
    {
      JsonObject *edge = json_array_get_object_element (edges, i);
      double count = 0;
      cairn_json_get_number (edge, "count", &count);
      g_hash_table_replace (self->edge_counts,
                            g_strconcat (cairn_json_get_string (edge, "from") ?: "", "\n",
                                         cairn_json_get_string (edge, "port") ?: "", NULL),
                            GSIZE_TO_POINTER ((gsize) count + 1));
    }
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      double entered = 0;
      cairn_json_get_number (cairn_json_get_object (nodes, box->id), "entered", &entered);
      box->entered = (guint64) entered;
      box->on_path = path != NULL && g_strv_contains (path, box->id);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_canvas_set_positions (CairnCanvas *self,
                            GHashTable  *positions)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  g_clear_pointer (&self->positions, g_hash_table_unref);
  if (positions)
    self->positions = g_hash_table_ref (positions);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      box->here = positions ? GPOINTER_TO_UINT (g_hash_table_lookup (positions, box->id)) : 0;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cairn_canvas_dispose (GObject *object)
{
  CairnCanvas *self = CAIRN_CANVAS (object);

  if (self->journey)
    g_clear_signal_handler (&self->changed_id, self->journey);
  g_clear_object (&self->journey);
  G_OBJECT_CLASS (cairn_canvas_parent_class)->dispose (object);
}

static void
cairn_canvas_finalize (GObject *object)
{
  CairnCanvas *self = CAIRN_CANVAS (object);

  g_ptr_array_unref (self->boxes);
  g_hash_table_unref (self->selection);
  g_hash_table_unref (self->diag_errors);
  g_hash_table_unref (self->diag_warnings);
  g_hash_table_unref (self->edge_counts);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_free (self->connect_from);
  g_free (self->connect_port);
  g_free (self->edge_from);
  g_free (self->edge_port);
  G_OBJECT_CLASS (cairn_canvas_parent_class)->finalize (object);
}

static void
cairn_canvas_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  static GQuark fitted;

  if (fitted == 0)
    fitted = g_quark_from_static_string ("cairn-canvas-fitted");
  /* The first real size: fit the journey in it. */
  if (width > 0 && !g_object_get_qdata (G_OBJECT (self), fitted))
    {
      g_object_set_qdata (G_OBJECT (self), fitted, GINT_TO_POINTER (1));
      cairn_canvas_zoom_to_fit (self);
    }
}

static void
cairn_canvas_class_init (CairnCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_canvas_dispose;
  object_class->finalize = cairn_canvas_finalize;
  widget_class->snapshot = cairn_canvas_snapshot;
  widget_class->size_allocate = cairn_canvas_size_allocate;

  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[NODE_DROPPED] = g_signal_new ("node-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[NODES_MOVED] = g_signal_new ("nodes-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "journeycanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cairn_canvas_init (CairnCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pan = gtk_gesture_drag_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  self->boxes = g_ptr_array_new_with_free_func ((GDestroyNotify) box_free);
  self->selection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->diag_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->diag_warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->edge_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->zoom = 1;
  self->offset_x = self->offset_y = 40;
  self->snap = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Journey canvas: Tab moves between nodes"), -1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pan));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key), self);
  g_signal_connect (key, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
cairn_canvas_new (void)
{
  return g_object_new (CAIRN_TYPE_CANVAS, NULL);
}
