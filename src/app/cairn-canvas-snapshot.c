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

/* The canvas on screen, from images of its cards, and exported. */

/* Cards on screen are images of themselves, made when their look changes
 * (at this zoom, style and scale; selected, dimmed, with these problems
 * and counts) and otherwise drawn as they are: a frame, or a drag, only
 * places them. Cards out of view let theirs go. */

#define IMAGE_LEFT    4.0   /* canvas units around the card: its outline, */
#define IMAGE_TOP    14.0   /* the badges above it, */
#define IMAGE_RIGHT  10.0   /* its ports */
#define IMAGE_BOTTOM  6.0   /* and its shadow */

static void
card_look (CairnCanvas *self,
           Box         *box,
           CardLook    *look)
{
  memset (look, 0, sizeof *look);
  look->generation = self->look_generation;
  look->selected = box->selected;
  look->dim = self->has_path && !box->on_path;
  look->overlay = COUNTS_SHOWN (self);
  look->errors = box->errors;
  look->warnings = box->warnings;
  look->here = box->here;
  look->entered = box->entered;
  look->waiting = box->waiting;
}

/* What a box's loose ends take past its right edge: from its port rings
 * on, the height of its ports. */
#define LOOSE_LEFT   (CARD_WIDTH + PORT_RADIUS)
#define LOOSE_TOP    (CARD_TOP - 1)

/* From here on, canvas units: widget = canvas * zoom + offset. The
 * caller restores. */
static void
save_to_canvas_units (CairnCanvas *self,
                      cairo_t     *cr)
{
  cairo_save (cr);
  cairo_translate (cr, cairn_viewport_get_offset_x (self->viewport), cairn_viewport_get_offset_y (self->viewport));
  cairo_scale (cr, cairn_viewport_get_zoom (self->viewport), cairn_viewport_get_zoom (self->viewport));
}

/* @box's card, or its loose ends' counts when @loose, at its place in
 * canvas units. */
static void
draw_box (CairnCanvas   *self,
          cairo_t       *cr,
          GtkWidget     *widget,
          Box           *box,
          gboolean       loose,
          const GdkRGBA *fg,
          const GdkRGBA *card)
{
  if (loose)
    _cairn_canvas_draw_box_loose (self, cr, widget, box, fg, card);
  else
    _cairn_canvas_draw_card (self, cr, widget, box, fg, card, FALSE, self->has_path && !box->on_path);
}

/* An image of @box's card, or of its loose ends' counts when @loose, at
 * the zoom and scale it is shown at. */
static cairo_surface_t *
box_image (CairnCanvas   *self,
           GtkWidget     *widget,
           Box           *box,
           gboolean       loose,
           int            scale,
           const GdkRGBA *fg,
           const GdkRGBA *card)
{
  double pixels = cairn_viewport_get_zoom (self->viewport) * scale;
  double left = loose ? -LOOSE_LEFT : IMAGE_LEFT, top = loose ? -LOOSE_TOP : IMAGE_TOP;
  double units_wide = loose ? LOOSE_WIDTH : IMAGE_LEFT + CARD_WIDTH + IMAGE_RIGHT;
  double units_high = loose ? box->h - CARD_TOP + 2 : IMAGE_TOP + box->h + IMAGE_BOTTOM;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (units_wide * pixels),
                                                         (int) ceil (units_high * pixels));
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, pixels, pixels);
  cairo_translate (cr, left - box->x, top - box->y);
  draw_box (self, cr, widget, box, loose, fg, card);
  cairo_destroy (cr);
  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

/* An image with its top left corner at canvas (@cx, @cy), on whole pixels,
 * where it is as sharp as it was drawn. */
static void
place_image (CairnCanvas     *self,
             cairo_t         *cr,
             cairo_surface_t *image,
             double           cx,
             double           cy,
             int              scale)
{
  double x, y;

  cairn_canvas_to_widget (self, cx, cy, &x, &y);
  x = round (x * scale) / scale;
  y = round (y * scale) / scale;
  cairo_set_source_surface (cr, image, x, y);
  cairo_rectangle (cr, x, y, (double) cairo_image_surface_get_width (image) / scale,
                   (double) cairo_image_surface_get_height (image) / scale);
  cairo_fill (cr);
}

/* @box's card, or its loose ends' counts when @loose, from its image,
 * made again when its look changed; while the look is @changing, drawn as
 * it is and the image let go. */
static void
draw_box_image (CairnCanvas   *self,
                cairo_t       *cr,
                GtkWidget     *widget,
                Box           *box,
                gboolean       loose,
                gboolean       changing,
                int            scale,
                const GdkRGBA *fg,
                const GdkRGBA *card)
{
  cairo_surface_t **image = loose ? &box->loose_image : &box->image;
  CardLook *drawn = loose ? &box->loose_look : &box->image_look;
  CardLook look;

  if (changing)
    {
      g_clear_pointer (image, cairo_surface_destroy);
      save_to_canvas_units (self, cr);
      draw_box (self, cr, widget, box, loose, fg, card);
      cairo_restore (cr);
      return;
    }
  card_look (self, box, &look);
  if (*image == NULL || memcmp (&look, drawn, sizeof look) != 0)
    {
      g_clear_pointer (image, cairo_surface_destroy);
      *image = box_image (self, widget, box, loose, scale, fg, card);
      *drawn = look;
    }
  if (loose)
    place_image (self, cr, *image, box->x + LOOSE_LEFT, box->y + LOOSE_TOP, scale);
  else
    place_image (self, cr, *image, box->x - IMAGE_LEFT, box->y - IMAGE_TOP, scale);
}

/* The cards in view as their images, in widget coordinates, then the
 * counts at their loose ends over them. */
static void
draw_card_images (CairnCanvas   *self,
                  cairo_t       *cr,
                  GtkWidget     *widget,
                  double         x0,
                  double         y0,
                  double         x1,
                  double         y1,
                  const GdkRGBA *fg,
                  const GdkRGBA *card)
{
  int scale = gtk_widget_get_scale_factor (widget);
  gboolean dark = card->red + card->green + card->blue < 1.5;
  gboolean near = cairn_viewport_get_zoom (self->viewport) >= 0.45;
  gboolean changing = FALSE;

  if (cairn_viewport_get_zoom (self->viewport) != self->look_zoom || scale != self->look_scale || dark != self->look_dark
      || !gdk_rgba_equal (fg, &self->look_fg))
    {
      self->look_generation++;
      self->look_zoom = cairn_viewport_get_zoom (self->viewport);
      self->look_scale = scale;
      self->look_dark = dark;
      self->look_fg = *fg;
      /* A zoom gesture changes the look every frame: images made now
         would serve for one frame only, so the cards are drawn as they
         are, and their images made once the look holds. */
      changing = TRUE;
    }
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);

      if (!_cairn_canvas_box_drawn (self, box))
        continue;
      if (near && _cairn_canvas_box_in_view (box, x0, y0, x1, y1))
        draw_box_image (self, cr, widget, box, FALSE, changing, scale, fg, card);
      else
        g_clear_pointer (&box->image, cairo_surface_destroy);
    }
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);

      if (!_cairn_canvas_box_drawn (self, box))
        continue;
      if (near && COUNTS_SHOWN (self) && _cairn_canvas_loose_in_view (box, x0, y0, x1, y1)
          && _cairn_canvas_has_loose_end (box))
        draw_box_image (self, cr, widget, box, TRUE, changing, scale, fg, card);
      else
        g_clear_pointer (&box->loose_image, cairo_surface_destroy);
    }
}

/* The static layer. A frame where nothing changed paints one image; a
 * drag draws the cards it moves (the live ones) over an image of the
 * others. The layer is made only for a view that held since the last
 * frame (a pan or a zoom draws directly, as before), and once nothing
 * moves any more it is made again with every card in it, so that the
 * picture at rest is exactly the one drawn directly. */

#define MAX_LIVE 64

static guint64
mix (guint64 hash,
     guint64 value)
{
  /* FNV-1a over the value's bytes, eight at a time */
  for (int i = 0; i < 8; i++, value >>= 8)
    hash = (hash ^ (value & 0xff)) * 0x100000001b3ull;
  return hash;
}

static guint64
mix_double (guint64 hash,
            double  value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return mix (hash, bits);
}

static guint64
mix_string (guint64     hash,
            const char *str)
{
  for (; str && *str; str++)
    hash = (hash ^ (guchar) *str) * 0x100000001b3ull;
  return mix (hash, str == NULL);
}

guint64
_cairn_canvas_text_key (Box *box)
{
  guint64 hash = 0xcbf29ce484222325ull;

  hash = mix_string (hash, box->id);
  hash = mix_string (hash, box->kind_name);
  hash = mix_string (hash, box->label);
  hash = mix_string (hash, box->summary);
  hash = mix_string (hash, box->icon_name);
  hash = mix (hash, (guint64) (gint64) box->category);
  for (guint p = 0; p < box->ports->len; p++)
    hash = mix_string (hash, ((CairnPort *) g_ptr_array_index (box->ports, p))->label);
  return mix (hash, box->ports->len);
}

/* Everything a card and the edges leaving it are drawn from. */
static guint64
box_key (CairnCanvas *self,
         Box         *box)
{
  guint64 hash = box->text_key;

  hash = mix_double (hash, box->x);
  hash = mix_double (hash, box->y);
  hash = mix (hash, box->selected | (guint64) box->on_path << 1);
  hash = mix (hash, box->errors | (guint64) box->warnings << 32);
  hash = mix (hash, box->here);
  hash = mix (hash, box->entered);
  hash = mix (hash, box->waiting);
  for (guint p = 0; p < box->ports->len; p++)
    {
      hash = mix (hash, (guint64) (gint64) box->targets[p]);
      hash = mix (hash, box->counts ? box->counts[p] : G_MAXUINT64);
    }
  return hash;
}

/* Everything the whole picture is drawn from, but the cards. */
static guint64
view_key (CairnCanvas   *self,
          int            width,
          int            height,
          int            scale,
          gboolean       far,
          const GdkRGBA *fg,
          const GdkRGBA *card)
{
  guint64 hash = 0xcbf29ce484222325ull;
  const GdkRGBA *colours[] = { fg, card };

  hash = mix_double (hash, cairn_viewport_get_zoom (self->viewport));
  /* Far out the layer holds the whole journey, wherever the view is. */
  if (!far)
    {
      hash = mix_double (hash, cairn_viewport_get_offset_x (self->viewport));
      hash = mix_double (hash, cairn_viewport_get_offset_y (self->viewport));
      hash = mix (hash, (guint64) width << 32 | (guint) height);
    }
  hash = mix (hash, far | (guint64) scale << 1);
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      hash = mix_double (hash, colours[i]->red);
      hash = mix_double (hash, colours[i]->green);
      hash = mix_double (hash, colours[i]->blue);
      hash = mix_double (hash, colours[i]->alpha);
    }
  hash = mix (hash, self->has_path | (guint64) COUNTS_SHOWN (self) << 1);
  hash = mix_string (hash, self->edge_from);
  hash = mix_string (hash, self->edge_port);
  return mix (hash, self->boxes->len);
}

void
_cairn_canvas_drop_layer (CairnCanvas *self)
{
  g_clear_pointer (&self->layer, cairo_surface_destroy);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  for (guint i = 0; self->boxes && i < self->boxes->len; i++)
    ((Box *) g_ptr_array_index (self->boxes, i))->live = FALSE;
}

static gboolean
settle (gpointer data)
{
  CairnCanvas *self = data;

  self->settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void draw_picture (CairnCanvas   *self,
                          cairo_t       *cr,
                          GtkWidget     *widget,
                          double         wx0,
                          double         wy0,
                          double         wx1,
                          double         wy1,
                          const GdkRGBA *fg,
                          const GdkRGBA *card);

/* Draws the static layer anew, the cards of @live left out. */
static void
make_layer (CairnCanvas            *self,
            GtkWidget              *widget,
            const cairo_rectangle_int_t *region,
            int                     scale,
            const GdkRGBA          *fg,
            const GdkRGBA          *card)
{
  cairo_t *cr;

  if (self->layer == NULL || cairo_image_surface_get_width (self->layer) != region->width
      || cairo_image_surface_get_height (self->layer) != region->height)
    {
      g_clear_pointer (&self->layer, cairo_surface_destroy);
      self->layer = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, region->width, region->height);
      cairo_surface_set_device_scale (self->layer, scale, scale);
    }
  cr = cairo_create (self->layer);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_translate (cr, (double) -region->x / scale, (double) -region->y / scale);
  self->pass = PASS_STATIC;
  draw_picture (self, cr, widget, (double) region->x / scale, (double) region->y / scale,
                (double) (region->x + region->width) / scale, (double) (region->y + region->height) / scale, fg, card);
  self->pass = PASS_ALL;
  cairo_destroy (cr);
  self->layer_x = region->x;
  self->layer_y = region->y;
  self->layer_offset_x = cairn_viewport_get_offset_x (self->viewport) * scale;
  self->layer_offset_y = cairn_viewport_get_offset_y (self->viewport) * scale;
}

static gboolean
whole_pixels (double shift)
{
  return fabs (shift - round (shift)) < 1e-6;
}

/* Far out (cards as shapes, no grid), where the whole journey is few
 * pixels, the layer holds all of it, so that a pan only moves it: its
 * region in device pixels of the widget as it is now. Edges' curves stay
 * within their control points. */
static gboolean
far_region (CairnCanvas           *self,
            int                    width,
            int                    height,
            int                    scale,
            cairo_rectangle_int_t *region)
{
  const double margin = 16;
  double minx, miny, maxx, maxy, x0, y0, x1, y1;

  if (cairn_viewport_get_zoom (self->viewport) >= 0.45 || self->boxes->len == 0)
    return FALSE;
  _cairn_canvas_bounds (self, &minx, &miny, &maxx, &maxy);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);

      for (guint p = 0; p < box->ports->len; p++)
        if (box->targets[p] >= 0)
          {
            Box *target = g_ptr_array_index (self->boxes, box->targets[p]);
            double px, py, dx;

            _cairn_canvas_port_anchor (box, p, &px, &py);
            dx = MAX (40, fabs (target->x - px) / 2);
            minx = MIN (minx, target->x - dx);
            maxx = MAX (maxx, px + dx);
          }
    }
  cairn_canvas_to_widget (self, minx - margin, miny - margin, &x0, &y0);
  cairn_canvas_to_widget (self, maxx + margin, maxy + margin, &x1, &y1);
  x0 = floor (x0 * scale);
  y0 = floor (y0 * scale);
  x1 = ceil (x1 * scale);
  y1 = ceil (y1 * scale);
  /* Not for a journey much larger than the view */
  if ((x1 - x0) * (y1 - y0) > 4.0 * width * height * scale * scale || x1 - x0 > 8192 || y1 - y0 > 8192)
    return FALSE;
  *region = (cairo_rectangle_int_t) { (int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0) };
  return TRUE;
}

/* Whether the frame can be the layer and its live cards: makes the layer
 * again when it is out of date and the view held. */
static gboolean
use_layer (CairnCanvas   *self,
           GtkWidget     *widget,
           int            width,
           int            height,
           const GdkRGBA *fg,
           const GdkRGBA *card)
{
  int scale = gtk_widget_get_scale_factor (widget);
  cairo_rectangle_int_t region = { 0, 0, width * scale, height * scale };
  gboolean far = far_region (self, width, height, scale, &region);
  guint64 view = view_key (self, width, height, scale, far, fg, card);
  double offset_x = cairn_viewport_get_offset_x (self->viewport) * scale;
  double offset_y = cairn_viewport_get_offset_y (self->viewport) * scale;
  /* Far out, a pan by whole pixels moves the layer; by less, it would
     not be the same picture. */
  gboolean whole = whole_pixels (offset_x - self->last_offset_x) && whole_pixels (offset_y - self->last_offset_y);
  gboolean held = view == self->last_view && whole, valid, moving = TRUE;
  gboolean dragging = self->drag->mode == CAIRN_CANVAS_DRAG_MOVING;
  guint n_changed = 0, n_live = 0, n_changed_now = 0;

  self->last_view = view;
  self->last_offset_x = offset_x;
  self->last_offset_y = offset_y;
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      guint64 key = box_key (self, box);

      n_live += box->live;
      n_changed_now += key != box->last_key;
      box->last_key = key;
      if (key != box->layer_key)
        {
          n_changed++;
          /* A drag of the canvas's own moves the selection; one from
             outside moves the journey's nodes. */
          moving = moving && (box->x != box->last_x || box->y != box->last_y || dragging);
          if (!box->live)
            n_live = G_MAXUINT / 2;  /* the layer shows it as it was */
        }
      box->last_x = box->x;
      box->last_y = box->y;
    }
  /* Live cards are drawn over the others: once they rest, the layer is
     made again with them in it. */
  valid = self->layer != NULL && held && view == self->layer_view && n_live <= self->boxes->len
          && whole_pixels (offset_x - self->layer_offset_x) && whole_pixels (offset_y - self->layer_offset_y)
          && (n_live == 0 || n_changed_now > 0 || dragging);
  if (valid && n_live > 0 && self->settle_id == 0)
    self->settle_id = g_timeout_add (200, settle, self);
  if (valid)
    return TRUE;
  if (!held || width <= 0 || height <= 0)
    {
      _cairn_canvas_drop_layer (self);
      return FALSE;
    }
  /* Moving cards are live while they move, if they are few; otherwise
     every card is in the layer. */
  n_live = 0;
  moving = moving && n_changed > 0 && n_changed <= MAX_LIVE && self->layer != NULL && view == self->layer_view;
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      guint64 key = box->last_key;  /* this frame's */

      box->live = moving && (key != box->layer_key || (dragging && box->selected));
      n_live += box->live;
      box->layer_key = key;
    }
  make_layer (self, widget, &region, scale, fg, card);
  self->layer_view = view;
  if (n_live > 0 && self->settle_id == 0)
    self->settle_id = g_timeout_add (200, settle, self);
  return TRUE;
}

/* The picture in (@wx0, @wy0)–(@wx1, @wy1), or the pass of it that
 * self->pass says, in widget coordinates. */
static void
draw_picture (CairnCanvas   *self,
              cairo_t       *cr,
              GtkWidget     *widget,
              double         wx0,
              double         wy0,
              double         wx1,
              double         wy1,
              const GdkRGBA *fg,
              const GdkRGBA *card)
{
  double x0, y0, x1, y1;

  cairn_canvas_to_canvas (self, wx0, wy0, &x0, &y0);
  cairn_canvas_to_canvas (self, wx1, wy1, &x1, &y1);
  /* Dot grid */
  if (cairn_viewport_get_zoom (self->viewport) >= 0.5 && self->pass != PASS_LIVE)
    {
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.12);
      for (double gx = floor (x0 / GRID) * GRID; gx <= x1; gx += GRID)
        for (double gy = floor (y0 / GRID) * GRID; gy <= y1; gy += GRID)
          {
            double wx, wy;
            cairn_canvas_to_widget (self, gx, gy, &wx, &wy);
            cairo_rectangle (cr, wx - 0.75, wy - 0.75, 1.5, 1.5);
          }
      cairo_fill (cr);
    }

  save_to_canvas_units (self, cr);
  _cairn_canvas_draw_world (self, cr, widget, cairn_viewport_get_zoom (self->viewport), x0, y0, x1, y1, fg, card, FALSE, FALSE);
  cairo_restore (cr);

  draw_card_images (self, cr, widget, x0, y0, x1, y1, fg, card);
}

void
_cairn_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, card;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  card = _cairn_canvas_card_colour ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (use_layer (self, widget, width, height, &fg, &card))
    {
      int scale = gtk_widget_get_scale_factor (widget);
      /* Where the layer is now: moved by whole pixels since it was drawn */
      double x = self->layer_x + round (cairn_viewport_get_offset_x (self->viewport) * scale - self->layer_offset_x);
      double y = self->layer_y + round (cairn_viewport_get_offset_y (self->viewport) * scale - self->layer_offset_y);

      cairo_set_source_surface (cr, self->layer, x / scale, y / scale);
      cairo_paint (cr);
      self->pass = PASS_LIVE;
      draw_picture (self, cr, widget, 0, 0, width, height, &fg, &card);
      self->pass = PASS_ALL;
    }
  else
    draw_picture (self, cr, widget, 0, 0, width, height, &fg, &card);

  if (self->drag->mode == CAIRN_CANVAS_DRAG_CONNECTING)
    {
      save_to_canvas_units (self, cr);
      _cairn_canvas_draw_connecting (self, cr, &fg);
      cairo_restore (cr);
    }
  if (self->drag->mode == CAIRN_CANVAS_DRAG_BAND)
    {
      CairnCanvasDrag *drag = self->drag;
      double x = MIN (drag->start_x, drag->start_x + drag->dx);
      double y = MIN (drag->start_y, drag->start_y + drag->dy);
      cairo_rectangle (cr, x, y, fabs (drag->dx), fabs (drag->dy));
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.8);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* Export: the whole journey as the canvas draws it, light, at 100%, with
 * no selection. */
gboolean
cairn_canvas_export (CairnCanvas  *self,
                     const char   *path,
                     GError      **error)
{
  const double margin = 32;
  const GdkRGBA fg = { 0.14, 0.14, 0.16, 1 }, card = { 1, 1, 1, 1 };
  double minx, miny, maxx, maxy;
  double width, height;
  g_autofree char *lower = NULL;
  g_autofree char *partial = NULL;
  const char *dot;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);

  _cairn_canvas_bounds (self, &minx, &miny, &maxx, &maxy);
  if (self->boxes->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The journey has no nodes to draw"));
      return FALSE;
    }
  width = ceil (maxx - minx + 2 * margin);
  height = ceil (maxy - miny + 2 * margin);

  dot = strrchr (path, '.');
  lower = g_ascii_strdown (dot ? dot + 1 : "", -1);
  /* Written beside the file, then moved over it. */
  partial = g_strconcat (path, ".partial", NULL);
  png = g_str_equal (lower, "png");
  /* Twice as sharp. Past cairo's largest image (32,767 pixels a side)
     the surface fails with its error, below; past an int, the sizes would
     overflow first. */
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) MIN (width * 2, G_MAXINT),
                                          (int) MIN (height * 2, G_MAXINT));
  else if (g_str_equal (lower, "svg"))
    surface = cairo_svg_surface_create (partial, width, height);
  else if (g_str_equal (lower, "pdf"))
    surface = cairo_pdf_surface_create (partial, width, height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s”: the image is written as PNG, SVG or PDF, by the file's extension"), path);
      return FALSE;
    }

  cr = cairo_create (surface);
  if (png)
    cairo_scale (cr, 2, 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, margin - minx, margin - miny);
  _cairn_canvas_draw_world (self, cr, GTK_WIDGET (self), 1.0, minx, miny, maxx, maxy, &fg, &card, TRUE, TRUE);
  cairo_destroy (cr);
  if (png)
    status = cairo_surface_write_to_png (surface, partial);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved = errno;
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
