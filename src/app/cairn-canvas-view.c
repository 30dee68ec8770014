/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "cairn-canvas-private.h"
#include "cairn-layout.h"

/* What the canvas shows: a node or several revealed, the whole journey
 * fitted (also after Tidy), zoom steps, and the corner kept clear for the
 * legend. The view's state is the viewport's (cairn-viewport.c). */

void
cairn_canvas_reveal_node (CairnCanvas *self,
                          const char  *id)
{
  Box *box;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double wx, wy;

  g_return_if_fail (CAIRN_IS_CANVAS (self));
  box = _cairn_canvas_find_box (self, id);
  if (box == NULL || width == 0)
    return;
  cairn_canvas_to_widget (self, box->x, box->y, &wx, &wy);
  if (wx < 0 || wy < 0 || wx + CARD_WIDTH * cairn_viewport_get_zoom (self->viewport) > width || wy + box->h * cairn_viewport_get_zoom (self->viewport) > height)
    cairn_viewport_set_offset (self->viewport, width / 2.0 - (box->x + CARD_WIDTH / 2) * cairn_viewport_get_zoom (self->viewport),
                               height / 2.0 - (box->y + box->h / 2) * cairn_viewport_get_zoom (self->viewport));
}

void
cairn_canvas_reveal_nodes (CairnCanvas        *self,
                           const char * const *ids)
{
  const double margin = 24;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t all, one;
  gboolean any = FALSE;
  double wx0, wy0, wx1, wy1, dx = 0, dy = 0;

  g_return_if_fail (CAIRN_IS_CANVAS (self));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (cairn_canvas_get_card_bounds (self, ids[i], &one))
      {
        if (any)
          graphene_rect_union (&all, &one, &all);
        else
          all = one;
        any = TRUE;
      }
  if (!any || width <= 2 * margin || height <= 2 * margin)
    return;
  /* Too large for the view at this zoom: as much smaller as needed */
  if (all.size.width * cairn_viewport_get_zoom (self->viewport) > width - 2 * margin || all.size.height * cairn_viewport_get_zoom (self->viewport) > height - 2 * margin)
    {
      CairnRect rect = { all.origin.x, all.origin.y, all.size.width, all.size.height };

      cairn_viewport_fit (self->viewport, &rect, &(CairnRect) { 0, 0, width, height }, margin, margin, cairn_viewport_get_zoom (self->viewport));
      return;
    }
  cairn_canvas_to_widget (self, all.origin.x, all.origin.y, &wx0, &wy0);
  cairn_canvas_to_widget (self, all.origin.x + all.size.width, all.origin.y + all.size.height, &wx1, &wy1);
  if (wx0 < margin)
    dx = margin - wx0;
  else if (wx1 > width - margin)
    dx = width - margin - wx1;
  if (wy0 < margin)
    dy = margin - wy0;
  else if (wy1 > height - margin)
    dy = height - margin - wy1;
  cairn_viewport_pan (self->viewport, dx, dy);
}

/* Whether a card is drawn in the corner kept clear */
gboolean
_cairn_canvas_corner_covers_card (CairnCanvas *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t corner, card;

  if (self->clear_width <= 0 || self->clear_height <= 0)
    return FALSE;
  graphene_rect_init (&corner, 0, height - self->clear_height, self->clear_width, self->clear_height);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      double x0, y0, x1, y1;

      cairn_canvas_get_card_bounds (self, box->id, &card);
      cairn_canvas_to_widget (self, card.origin.x, card.origin.y, &x0, &y0);
      cairn_canvas_to_widget (self, card.origin.x + card.size.width, card.origin.y + card.size.height, &x1, &y1);
      graphene_rect_init (&card, x0, y0, x1 - x0, y1 - y0);
      if (graphene_rect_intersection (&corner, &card, NULL))
        return TRUE;
    }
  return FALSE;
}

void
cairn_canvas_keep_clear (CairnCanvas *self,
                         int          width,
                         int          height)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  self->clear_width = width;
  self->clear_height = height;
  if (_cairn_canvas_corner_covers_card (self))
    cairn_canvas_zoom_to_fit (self);
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
  cairn_canvas_zoom_at (self, 1.0 / cairn_viewport_get_zoom (self->viewport), gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
cairn_canvas_get_zoom (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 1.0);
  return cairn_viewport_get_zoom (self->viewport);
}

void
_cairn_canvas_bounds (CairnCanvas *self,
                      double      *minx,
                      double      *miny,
                      double      *maxx,
                      double      *maxy)
{
  CairnRect bounds;

  /* A loose end's count reaches past the card. */
  if (!cairn_cards_bounds (CARDS (self), self->boxes->len, COUNTS_SHOWN (self) ? LOOSE_WIDTH : 0, &bounds))
    {
      *minx = *miny = G_MAXDOUBLE;
      *maxx = *maxy = -G_MAXDOUBLE;
      return;
    }
  *minx = bounds.x;
  *miny = bounds.y;
  *maxx = bounds.x + bounds.width;
  *maxy = bounds.y + bounds.height;
}

/* What a card covers, relative to its top-left corner */
static void
card_reach (CairnNode      *node,
            CairnLayoutBox *box,
            gpointer        user_data)
{
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);
  CairnCard card = { 0, 0, cairn_card_height (ports->len), ports->len, NULL };
  CairnRect reach = cairn_card_reach (&card);

  box->x = reach.x;
  box->y = reach.y;
  box->width = reach.width;
  box->height = reach.height;
}

gboolean
cairn_canvas_tidy (CairnCanvas  *self,
                   GError      **error)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);

  if (self->journey == NULL || cairn_journey_get_n_nodes (self->journey) == 0)
    return TRUE;
  if (!cairn_layout_apply_sized (self->journey, card_reach, self, CARD_TOP, PORT_HEIGHT, error))
    return FALSE;
  cairn_canvas_zoom_to_fit (self);
  return TRUE;
}

gboolean
cairn_canvas_get_card_bounds (CairnCanvas     *self,
                              const char      *id,
                              graphene_rect_t *bounds)
{
  Box *box;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  box = _cairn_canvas_find_box (self, id);
  if (box == NULL)
    return FALSE;
  {
    CairnRect reach = cairn_card_reach (&box->card);

    graphene_rect_init (bounds, reach.x, reach.y, reach.width, reach.height);
  }
  return TRUE;
}

void
cairn_canvas_zoom_to_fit (CairnCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double minx, miny, maxx, maxy;
  CairnRect rect;

  if (self->boxes->len == 0)
    {
      cairn_viewport_set_view (self->viewport, 1, 40, 40);
      return;
    }
  if (width == 0 || height == 0)
    {
      width = 1000;
      height = 600;
    }
  _cairn_canvas_bounds (self, &minx, &miny, &maxx, &maxy);
  rect = (CairnRect) { minx, miny, maxx - minx, maxy - miny };
  cairn_viewport_fit (self->viewport, &rect, &(CairnRect) { 0, 0, width, height }, 30, 30, 1.0);
  /* Above the corner kept clear (the legend), if it would cover a card */
  if (_cairn_canvas_corner_covers_card (self) && height - self->clear_height > 60)
    {
      int free_height = height - self->clear_height;

      cairn_viewport_fit (self->viewport, &rect, &(CairnRect) { 0, 0, width, free_height }, 30, 15, 1.0);
    }
}
