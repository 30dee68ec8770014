/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The designer's geometry without a display: cards, ports, edges, what a
 * point hits, and bounds. */

#include "config.h"

#include <math.h>

#include "cairn-geometry.h"

/* Two cards side by side, the first's port 0 leading to the second. */
static int first_targets[] = { 1, -1 };
static int second_targets[] = { -1 };
static CairnCard first = { 0, 0, 0, 2, first_targets };
static CairnCard second = { 400, 100, 0, 1, second_targets };

static CairnCard *const *
two_cards (void)
{
  static CairnCard *cards[2];

  first.h = cairn_card_height (2);
  second.h = cairn_card_height (1);
  cards[0] = &first;
  cards[1] = &second;
  return cards;
}

static void
test_card_rects (void)
{
  CairnCard card = { 10, 20, cairn_card_height (3), 3, NULL };
  CairnRect body = cairn_card_rect (&card), reach = cairn_card_reach (&card);
  double px, py;

  /* The text block, then a row a port, then a margin */
  g_assert_cmpfloat (cairn_card_height (3), ==, 58 + 3 * 18 + 6);
  /* A card without ports is as high as one with one */
  g_assert_cmpfloat (cairn_card_height (0), ==, cairn_card_height (1));
  g_assert_cmpfloat (body.x, ==, 10);
  g_assert_cmpfloat (body.y, ==, 20);
  g_assert_cmpfloat (body.width, ==, 220);
  g_assert_cmpfloat (body.height, ==, card.h);
  /* The reach holds the body and the badges above it */
  g_assert_cmpfloat (reach.x, <, body.x);
  g_assert_cmpfloat (reach.y, ==, body.y - 12);
  g_assert_cmpfloat (reach.x + reach.width, ==, body.x + body.width + 8);
  g_assert_cmpfloat (reach.y + reach.height, >, body.y + body.height);
  /* Port 2 is on the right edge, in the middle of its row */
  cairn_card_port_anchor (&card, 2, &px, &py);
  g_assert_cmpfloat (px, ==, 230);
  g_assert_cmpfloat (py, ==, 20 + 58 + 2 * 18 + 9);
}

static void
test_rects (void)
{
  CairnRect a = { 0, 0, 10, 10 }, b = { 5, 5, 10, 10 }, c = { 10, 0, 5, 5 }, empty = { 3, 3, 0, 0 }, result;
  CairnRect all;

  g_assert_true (cairn_rect_intersect (&a, &b, &result));
  g_assert_cmpfloat (result.x, ==, 5);
  g_assert_cmpfloat (result.y, ==, 5);
  g_assert_cmpfloat (result.width, ==, 5);
  g_assert_cmpfloat (result.height, ==, 5);
  g_assert_true (cairn_rect_intersect (&b, &a, NULL));
  /* Touching is not overlapping */
  g_assert_false (cairn_rect_intersect (&a, &c, &result));
  g_assert_true (cairn_rect_is_empty (&result));
  g_assert_false (cairn_rect_intersect (&a, &empty, NULL));

  g_assert_true (cairn_rect_contains (&a, 0, 0));
  g_assert_true (cairn_rect_contains (&a, 10, 10));
  g_assert_false (cairn_rect_contains (&a, 10.5, 5));

  all = cairn_rect_union (&a, &c);
  g_assert_cmpfloat (all.width, ==, 15);
  g_assert_cmpfloat (all.height, ==, 10);
  /* An empty rectangle adds nothing */
  all = cairn_rect_union (&empty, &b);
  g_assert_cmpfloat (all.x, ==, 5);
  g_assert_cmpfloat (all.width, ==, 10);
}

static void
test_card_at (void)
{
  CairnCard *const *cards = two_cards ();
  CairnCard over = { 300, 90, 100, 0, NULL };
  CairnCard *stacked[] = { &second, &over };

  g_assert_cmpint (cairn_cards_card_at (cards, 2, 1, 1), ==, 0);
  g_assert_cmpint (cairn_cards_card_at (cards, 2, 219, first.h - 1), ==, 0);
  g_assert_cmpint (cairn_cards_card_at (cards, 2, 500, 120), ==, 1);
  g_assert_cmpint (cairn_cards_card_at (cards, 2, 300, 300), ==, -1);
  g_assert_cmpint (cairn_cards_card_at (cards, 0, 1, 1), ==, -1);
  /* Where two cards overlap, the one drawn last (on top) */
  g_assert_cmpint (cairn_cards_card_at (stacked, 2, 450, 120), ==, 1);
  g_assert_cmpint (cairn_cards_card_at (stacked, 2, 550, 120), ==, 0);
}

static void
test_port_at (void)
{
  CairnCard *const *cards = two_cards ();
  guint port = 99;
  double px, py;

  cairn_card_port_anchor (&first, 1, &px, &py);
  /* The dot itself, and 11 px from it at 100% */
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px, py, 1.0, &port), ==, 0);
  g_assert_cmpuint (port, ==, 1);
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px + 11, py, 1.0, &port), ==, 0);
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px - 8, py - 8, 1.0, &port), ==, 0);
  /* 13 px away is outside the 12 px target */
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px + 13, py, 1.0, &port), ==, -1);
  /* At half size 12 px on screen are 24 units */
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px + 20, py, 0.5, &port), ==, 0);
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px + 25, py, 0.5, &port), ==, -1);
  /* Zoomed in, never less than the 12 units around the dot */
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px + 11, py, 3.0, &port), ==, 0);
  /* Between the rows, the nearer port */
  cairn_card_port_anchor (&first, 0, &px, &py);
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px, py + 8, 1.0, &port), ==, 0);
  g_assert_cmpuint (port, ==, 0);
  g_assert_cmpint (cairn_cards_port_at (cards, 2, px, py + 10, 1.0, &port), ==, 0);
  g_assert_cmpuint (port, ==, 1);
}

static void
test_edge_at (void)
{
  CairnCard *const *cards = two_cards ();
  double x1, y1, x2 = second.x, y2 = second.y + CAIRN_EDGE_ENTRY, mx, my;
  guint port = 99;

  cairn_card_port_anchor (&first, 0, &x1, &y1);
  /* The curve starts at the port and ends at the target's entry */
  cairn_edge_point (x1, y1, x2, y2, 0, &mx, &my);
  g_assert_cmpfloat (mx, ==, x1);
  g_assert_cmpfloat (my, ==, y1);
  cairn_edge_point (x1, y1, x2, y2, 1, &mx, &my);
  g_assert_cmpfloat (fabs (mx - x2), <, 1e-9);
  g_assert_cmpfloat (fabs (my - y2), <, 1e-9);
  /* Halfway, between its ends */
  cairn_edge_point (x1, y1, x2, y2, 0.5, &mx, &my);
  g_assert_cmpfloat (fabs (mx - (x1 + x2) / 2), <, 1e-9);
  g_assert_cmpfloat (fabs (my - (y1 + y2) / 2), <, 1e-9);

  g_assert_cmpint (cairn_cards_edge_at (cards, 2, mx, my + 5, 1.0, &port), ==, 0);
  g_assert_cmpuint (port, ==, 0);
  g_assert_cmpint (cairn_cards_edge_at (cards, 2, mx, my + 12, 1.0, &port), ==, -1);
  /* Zoomed out, 6 px on screen reach further */
  g_assert_cmpint (cairn_cards_edge_at (cards, 2, mx, my + 10, 0.5, &port), ==, 0);
  /* The second port has no edge; a target out of range is none */
  first_targets[0] = 7;
  g_assert_cmpint (cairn_cards_edge_at (cards, 2, mx, my, 1.0, &port), ==, -1);
  first_targets[0] = 1;
}

static void
test_bounds (void)
{
  CairnCard *const *cards = two_cards ();
  CairnRect bounds;

  g_assert_false (cairn_cards_bounds (cards, 0, 0, &bounds));
  g_assert_true (cairn_rect_is_empty (&bounds));
  g_assert_true (cairn_cards_bounds (cards, 2, 0, &bounds));
  g_assert_cmpfloat (bounds.x, ==, 0);
  g_assert_cmpfloat (bounds.y, ==, -12);
  g_assert_cmpfloat (bounds.x + bounds.width, ==, 620);
  g_assert_cmpfloat (bounds.y + bounds.height, ==, 100 + second.h);
  /* With a run's counts at loose ends: both cards have a port without an
     edge */
  g_assert_true (cairn_cards_bounds (cards, 2, 130, &bounds));
  g_assert_cmpfloat (bounds.x + bounds.width, ==, 750);
  g_assert_true (cairn_cards_bounds (cards, 1, 130, &bounds));
  g_assert_cmpfloat (bounds.x + bounds.width, ==, 350);
}

/* Every card and every port is found where it is drawn, among a thousand. */
static void
test_many (void)
{
  g_autofree CairnCard *store = g_new0 (CairnCard, 1000);
  g_autofree CairnCard **cards = g_new (CairnCard *, 1000);
  CairnRect bounds;

  for (guint i = 0; i < 1000; i++)
    {
      store[i].x = (i % 25) * 240.0;
      store[i].y = (i / 25) * 115.0;
      store[i].n_ports = 1;
      store[i].h = cairn_card_height (1);
      cards[i] = &store[i];
    }
  for (guint i = 0; i < 1000; i++)
    {
      double px, py;
      guint port;

      g_assert_cmpint (cairn_cards_card_at (cards, 1000, store[i].x + 110, store[i].y + 40), ==, (int) i);
      cairn_card_port_anchor (&store[i], 0, &px, &py);
      g_assert_cmpint (cairn_cards_port_at (cards, 1000, px + 3, py - 3, 1.0, &port), ==, (int) i);
    }
  g_assert_true (cairn_cards_bounds (cards, 1000, 0, &bounds));
  g_assert_cmpfloat (bounds.width, ==, 24 * 240.0 + 220);
  g_assert_cmpfloat (bounds.height, ==, 39 * 115.0 + cairn_card_height (1) + 12);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/geometry/card-rects", test_card_rects);
  g_test_add_func ("/core/geometry/rects", test_rects);
  g_test_add_func ("/core/geometry/card-at", test_card_at);
  g_test_add_func ("/core/geometry/port-at", test_port_at);
  g_test_add_func ("/core/geometry/edge-at", test_edge_at);
  g_test_add_func ("/core/geometry/bounds", test_bounds);
  g_test_add_func ("/core/geometry/many", test_many);
  return g_test_run ();
}
