/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "cairn-geometry.h"

double
cairn_card_height (guint n_ports)
{
  return CAIRN_CARD_TOP + MAX (1, n_ports) * CAIRN_PORT_HEIGHT + 6;
}

CairnRect
cairn_card_rect (const CairnCard *card)
{
  return (CairnRect) { card->x, card->y, CAIRN_CARD_WIDTH, card->h };
}

CairnRect
cairn_card_reach (const CairnCard *card)
{
  return (CairnRect) { card->x - CAIRN_CARD_REACH_LEFT, card->y - CAIRN_CARD_REACH_TOP,
                       CAIRN_CARD_REACH_LEFT + CAIRN_CARD_WIDTH + CAIRN_CARD_REACH_RIGHT,
                       CAIRN_CARD_REACH_TOP + card->h + CAIRN_CARD_REACH_BOTTOM };
}

void
cairn_card_port_anchor (const CairnCard *card,
                        guint            port,
                        double          *x,
                        double          *y)
{
  *x = card->x + CAIRN_CARD_WIDTH;
  *y = card->y + CAIRN_CARD_TOP + port * CAIRN_PORT_HEIGHT + CAIRN_PORT_HEIGHT / 2;
}

gboolean
cairn_rect_is_empty (const CairnRect *rect)
{
  return !(rect->width > 0 && rect->height > 0);
}

gboolean
cairn_rect_contains (const CairnRect *rect,
                     double           x,
                     double           y)
{
  return x >= rect->x && x <= rect->x + rect->width && y >= rect->y && y <= rect->y + rect->height;
}

gboolean
cairn_rect_intersect (const CairnRect *a,
                      const CairnRect *b,
                      CairnRect       *result)
{
  double x0 = MAX (a->x, b->x), y0 = MAX (a->y, b->y);
  double x1 = MIN (a->x + a->width, b->x + b->width), y1 = MIN (a->y + a->height, b->y + b->height);
  gboolean overlap = x1 > x0 && y1 > y0;

  if (result != NULL)
    *result = overlap ? (CairnRect) { x0, y0, x1 - x0, y1 - y0 } : (CairnRect) { 0, 0, 0, 0 };
  return overlap;
}

CairnRect
cairn_rect_union (const CairnRect *a,
                  const CairnRect *b)
{
  double x0, y0, x1, y1;

  if (cairn_rect_is_empty (a))
    return *b;
  if (cairn_rect_is_empty (b))
    return *a;
  x0 = MIN (a->x, b->x);
  y0 = MIN (a->y, b->y);
  x1 = MAX (a->x + a->width, b->x + b->width);
  y1 = MAX (a->y + a->height, b->y + b->height);
  return (CairnRect) { x0, y0, x1 - x0, y1 - y0 };
}

void
cairn_edge_point (double  x1,
                  double  y1,
                  double  x2,
                  double  y2,
                  double  t,
                  double *x,
                  double *y)
{
  double dx = MAX (40, fabs (x2 - x1) / 2), u = 1 - t;

  *x = u * u * u * x1 + 3 * u * u * t * (x1 + dx) + 3 * u * t * t * (x2 - dx) + t * t * t * x2;
  *y = u * u * u * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y2;
}

int
cairn_cards_card_at (CairnCard *const *cards,
                     guint             n,
                     double            x,
                     double            y)
{
  g_return_val_if_fail (cards != NULL || n == 0, -1);

  for (guint i = n; i-- > 0;)
    {
      CairnRect rect = cairn_card_rect (cards[i]);

      if (cairn_rect_contains (&rect, x, y))
        return (int) i;
    }
  return -1;
}

int
cairn_cards_port_at (CairnCard *const *cards,
                     guint             n,
                     double            x,
                     double            y,
                     double            zoom,
                     guint            *port)
{
  /* Zoomed in, the target stays 12 units: never smaller than the dot. */
  double radius = CAIRN_PORT_HIT_RADIUS / MIN (zoom, 1.0);

  g_return_val_if_fail (cards != NULL || n == 0, -1);
  g_return_val_if_fail (zoom > 0, -1);

  /* The topmost card with a port in reach, and its nearest port */
  for (guint i = n; i-- > 0;)
    {
      double best = G_MAXDOUBLE;

      for (guint p = 0; p < cards[i]->n_ports; p++)
        {
          double px, py, distance;

          cairn_card_port_anchor (cards[i], p, &px, &py);
          distance = hypot (x - px, y - py);
          if (distance <= radius && distance < best)
            {
              best = distance;
              *port = p;
            }
        }
      if (best < G_MAXDOUBLE)
        return (int) i;
    }
  return -1;
}

int
cairn_cards_edge_at (CairnCard *const *cards,
                     guint             n,
                     double            x,
                     double            y,
                     double            zoom,
                     guint            *port)
{
  double tolerance = CAIRN_EDGE_HIT_DISTANCE / zoom;

  g_return_val_if_fail (cards != NULL || n == 0, -1);
  g_return_val_if_fail (zoom > 0, -1);

  for (guint i = 0; i < n; i++)
    for (guint p = 0; p < cards[i]->n_ports; p++)
      {
        int to = cards[i]->targets ? cards[i]->targets[p] : -1;
        double x1, y1, x2, y2;

        if (to < 0 || (guint) to >= n)
          continue;
        cairn_card_port_anchor (cards[i], p, &x1, &y1);
        x2 = cards[to]->x;
        y2 = cards[to]->y + CAIRN_EDGE_ENTRY;
        for (int k = 0; k <= 24; k++)
          {
            double bx, by;

            cairn_edge_point (x1, y1, x2, y2, k / 24.0, &bx, &by);
            if (hypot (x - bx, y - by) <= tolerance)
              {
                *port = p;
                return (int) i;
              }
          }
      }
  return -1;
}

gboolean
cairn_cards_bounds (CairnCard *const *cards,
                    guint             n,
                    double            loose_width,
                    CairnRect        *bounds)
{
  double minx = G_MAXDOUBLE, miny = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, maxy = -G_MAXDOUBLE;

  g_return_val_if_fail (cards != NULL || n == 0, FALSE);

  *bounds = (CairnRect) { 0, 0, 0, 0 };
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const CairnCard *card = cards[i];

      minx = MIN (minx, card->x);
      miny = MIN (miny, card->y - CAIRN_CARD_REACH_TOP);
      maxx = MAX (maxx, card->x + CAIRN_CARD_WIDTH);
      maxy = MAX (maxy, card->y + card->h);
      for (guint p = 0; loose_width > 0 && p < card->n_ports; p++)
        if (card->targets == NULL || card->targets[p] < 0)
          maxx = MAX (maxx, card->x + CAIRN_CARD_WIDTH + loose_width);
    }
  *bounds = (CairnRect) { minx, miny, maxx - minx, maxy - miny };
  return TRUE;
}
