/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the designer's cards, ports and edges are, in canvas units, and
 * what a point on the canvas hits: pure arithmetic, so that it is tested
 * without a display. A card's top left corner is its node's position. */

#define CAIRN_CARD_WIDTH        220.0
#define CAIRN_CARD_TOP           58.0  /* type line, label and summary */
#define CAIRN_PORT_HEIGHT        18.0
#define CAIRN_PORT_RADIUS         5.0
#define CAIRN_PORT_HIT_RADIUS    12.0  /* a 24 px target around the dot, on screen */
#define CAIRN_EDGE_ENTRY         29.0  /* an edge enters its target this far down */
#define CAIRN_EDGE_HIT_DISTANCE   6.0  /* pixels on screen */
/* What a card covers beyond its body: badges and counts above it, port
 * dots on its right edge, a shadow below. */
#define CAIRN_CARD_REACH_TOP     12.0
#define CAIRN_CARD_REACH_LEFT     2.0
#define CAIRN_CARD_REACH_RIGHT   (CAIRN_PORT_RADIUS + 3.0)
#define CAIRN_CARD_REACH_BOTTOM   3.0

typedef struct
{
  double x, y, width, height;
} CairnRect;

/* A card as geometry: its place, its height (from its ports) and where
 * its ports lead. */
typedef struct
{
  double x, y;
  double h;
  guint  n_ports;
  int   *targets;  /* per port: index of the card it leads to, or -1 */
} CairnCard;

double    cairn_card_height        (guint            n_ports);
CairnRect cairn_card_rect          (const CairnCard *card);
/* The body and what is drawn around it (badges, port dots, shadow). */
CairnRect cairn_card_reach         (const CairnCard *card);
void      cairn_card_port_anchor   (const CairnCard *card,
                                    guint            port,
                                    double          *x,
                                    double          *y);

gboolean  cairn_rect_is_empty      (const CairnRect *rect);
gboolean  cairn_rect_contains      (const CairnRect *rect,
                                    double           x,
                                    double           y);
/* Whether @a and @b overlap (touching edges do not); the overlap in
 * @result, when given (empty when they do not). */
gboolean  cairn_rect_intersect     (const CairnRect *a,
                                    const CairnRect *b,
                                    CairnRect       *result);
CairnRect cairn_rect_union         (const CairnRect *a,
                                    const CairnRect *b);

/* A point of the edge's bezier from (@x1, @y1) to (@x2, @y2), at @t in
 * [0, 1]: it leaves to the right and enters from the left. */
void      cairn_edge_point         (double           x1,
                                    double           y1,
                                    double           x2,
                                    double           y2,
                                    double           t,
                                    double          *x,
                                    double          *y);

/* Hit-testing over @n cards, the last drawn on top. The topmost card
 * under (@x, @y), or -1. */
int       cairn_cards_card_at      (CairnCard *const *cards,
                                    guint             n,
                                    double            x,
                                    double            y);
/* The card whose port's target (CAIRN_PORT_HIT_RADIUS pixels on screen at
 * @zoom, never less in canvas units) holds (@x, @y), or -1. */
int       cairn_cards_port_at      (CairnCard *const *cards,
                                    guint             n,
                                    double            x,
                                    double            y,
                                    double            zoom,
                                    guint            *port);
/* The card whose edge from *@port passes within CAIRN_EDGE_HIT_DISTANCE
 * pixels (at @zoom) of (@x, @y), or -1. */
int       cairn_cards_edge_at      (CairnCard *const *cards,
                                    guint             n,
                                    double            x,
                                    double            y,
                                    double            zoom,
                                    guint            *port);
/* What the cards cover with the badges above them, and with @loose_width
 * more right of a card with a port without an edge (a run's counts at
 * loose ends); FALSE (and an empty rectangle) for none. */
gboolean  cairn_cards_bounds       (CairnCard *const *cards,
                                    guint             n,
                                    double            loose_width,
                                    CairnRect        *bounds);

G_END_DECLS
