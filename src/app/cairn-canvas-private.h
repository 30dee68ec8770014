/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cairn-canvas.h"
#include "cairn-canvas-drag.h"
#include "cairn-geometry.h"
#include "cairn-registry.h"
#include "cairn-viewport.h"

G_BEGIN_DECLS

/* What the canvas's files share: cairn-canvas.c (the cards, selection and
 * the public API), cairn-canvas-draw.c (drawing, export) and
 * cairn-canvas-input.c (pointer, keyboard, drops). */

/* The cards' geometry is core's (cairn-geometry.h); the names here are
 * short for the drawing code. */
#define CARD_WIDTH        CAIRN_CARD_WIDTH
#define CARD_TOP          CAIRN_CARD_TOP
#define PORT_HEIGHT       CAIRN_PORT_HEIGHT
#define PORT_RADIUS       CAIRN_PORT_RADIUS
#define PORT_HIT_RADIUS   CAIRN_PORT_HIT_RADIUS
#define CARD_REACH_TOP    CAIRN_CARD_REACH_TOP
#define CARD_REACH_LEFT   CAIRN_CARD_REACH_LEFT
#define CARD_REACH_RIGHT  CAIRN_CARD_REACH_RIGHT
#define CARD_REACH_BOTTOM CAIRN_CARD_REACH_BOTTOM
#define CARD_HEIGHT(n_ports) cairn_card_height (n_ports)
#define EDGE_ENTRY        CAIRN_EDGE_ENTRY
#define GRID          20.0
#define MIN_ZOOM       0.2
#define MAX_ZOOM       3.0

/* What a card's image was drawn with (see _cairn_canvas_snapshot()); which
 * of its ports have an edge changes only with the journey, and a rebuilt
 * box keeps no image drawn with others (see keep_from()). */
typedef struct
{
  guint     generation;   /* the canvas's zoom, style and scale */
  gboolean  selected, dim, overlay;
  guint     errors, warnings, here;
  guint64   entered, waiting;
} CardLook;

typedef struct
{
  /* First, so that the boxes' array is one of cards for hit-testing: its
     geometry, also as box->x, box->y, box->h and box->targets. */
  union
  {
    CairnCard card;
    struct
    {
      double  x, y, h;
      guint   n_ports;
      int    *targets;    /* per port: index of the box it leads to, or -1 */
    };
  };
  char     *id;
  char     *label;
  char     *kind_name;
  const char *icon_name;  /* the kind's symbolic icon (static) */
  char     *summary;
  int       category;     /* -1: unknown type */
  GPtrArray *ports;       /* CairnPort* */
  GPtrArray *layouts;     /* PangoLayout cache, by text slot; made when drawn */
  cairo_surface_t *image; /* the card as last drawn on screen, or NULL */
  CardLook  image_look;
  cairo_surface_t *loose_image;  /* the counts at its loose ends, or NULL */
  CardLook  loose_look;
  gboolean  selected;
  guint     errors, warnings;
  guint64  *counts;       /* per port: how many took it (an edge, or a loose
                             end where they left), or NULL */
  guint64   entered;
  guint64   waiting;      /* still here when the run ended */
  guint     here;         /* people at this node at the scrubber's time */
  gboolean  on_path;
  /* The static layer (see cairn-canvas-snapshot.c): what the card's look
     hashes to as the layer drew it, its text's part of that, whether it is
     left out of the layer and drawn over it each frame, and where it was
     in the last frame. */
  guint64   layer_key;
  guint64   last_key;     /* and in the last frame */
  guint64   text_key;
  gboolean  live;
  double    last_x, last_y;
} Box;

/* What a frame draws: everything, or the static layer's part (the cards
 * not live and the edges between them), or the live part. */
typedef enum { PASS_ALL, PASS_STATIC, PASS_LIVE } DrawPass;

/* The drag under way (cairn-canvas-drag.c); the canvas draws from it. */
struct _CairnCanvasDrag
{
  GObject             parent_instance;

  CairnCanvas        *canvas;      /* weak: the canvas owns the drag */
  CairnCanvasDragMode mode;
  double              start_x, start_y;  /* widget coordinates */
  double              dx, dy;
  char               *connect_from;
  char               *connect_port;
};

struct _CairnCanvas
{
  GtkWidget     parent_instance;

  CairnJourney *journey;
  gulong        changed_id;
  GPtrArray    *boxes;        /* Box* in document order */
  GHashTable   *node_widgets; /* id → the node's accessible child */
  guint         sync_id;      /* the children are brought up to date when idle */
  GHashTable   *selection;    /* ids (owned) */
  GHashTable   *diag_errors;  /* id → count */
  GHashTable   *diag_warnings;
  GHashTable   *edge_counts;  /* "from\nport" → count + 1 */
  gboolean      has_overlay;  /* a run's counts are known */
  gboolean      show_counts;  /* and drawn */
  GHashTable   *positions;    /* node id → people there, or NULL */
  gboolean      has_path;

  CairnViewport *viewport;    /* pan and zoom */
  int           clear_width, clear_height;  /* a corner kept free (the legend) */
  int           clear_checked_height;       /* the height it was last checked at */   /* widget = canvas * zoom + offset */
  double        pointer_x, pointer_y;

  CairnCanvasDrag *drag;      /* a press and drag of the primary or middle button */
  char         *edge_from;     /* the selected edge, or NULL */
  char         *edge_port;
  gboolean      space_held;    /* Space + drag pans */
  gboolean      snap;

  /* The static layer: the picture without the live cards, as an image
     the size of the widget (far out, of the journey), and the view and
     style it was drawn at. */
  DrawPass      pass;
  cairo_surface_t *layer;
  guint64       layer_view;
  int           layer_x, layer_y;            /* its top left, device pixels */
  double        layer_offset_x, layer_offset_y;  /* the view's offset then, device pixels */
  guint64       last_view;
  double        last_offset_x, last_offset_y;
  guint         settle_id;

  /* The look the cards' images were drawn with */
  guint         look_generation;
  double        look_zoom;
  int           look_scale;
  gboolean      look_dark;
  GdkRGBA       look_fg;
};

enum { SELECTION_CHANGED, NODE_DROPPED, NODES_MOVED, MESSAGE, CONNECTED, N_SIGNALS };
extern guint _cairn_canvas_signals[N_SIGNALS];

G_STATIC_ASSERT (G_STRUCT_OFFSET (Box, card) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (Box, targets) == G_STRUCT_OFFSET (CairnCard, targets));
G_STATIC_ASSERT (G_STRUCT_OFFSET (Box, n_ports) == G_STRUCT_OFFSET (CairnCard, n_ports));
#define CARDS(self) ((CairnCard *const *) (self)->boxes->pdata)

/* A run's counts are drawn: there are some and they are not hidden. */
#define COUNTS_SHOWN(self) ((self)->has_overlay && (self)->show_counts)

/* Whether the pass being drawn includes @box, or the edge from @box to
 * @target. */
static inline gboolean
_cairn_canvas_box_drawn (CairnCanvas *self,
                         Box         *box)
{
  return self->pass == PASS_ALL || (self->pass == PASS_LIVE) == box->live;
}

static inline gboolean
_cairn_canvas_edge_drawn (CairnCanvas *self,
                          Box         *box,
                          Box         *target)
{
  return self->pass == PASS_ALL || (self->pass == PASS_LIVE) == (box->live || target->live);
}

/* cairn-canvas.c */
Box *_cairn_canvas_box_at (CairnCanvas *self,
                           double       cx,
                           double       cy);
gboolean _cairn_canvas_edge_at (CairnCanvas *self,
                                double       cx,
                                double       cy,
                                Box        **from,
                                guint       *port);
Box *_cairn_canvas_find_box (CairnCanvas *self,
                             const char  *id);
void _cairn_canvas_port_anchor (Box    *box,
                                guint   port,
                                double *x,
                                double *y);
Box *_cairn_canvas_port_at (CairnCanvas *self,
                            double       cx,
                            double       cy,
                            guint       *port);
void _cairn_canvas_rebuild (CairnCanvas *self);
/* What the journey covers in canvas units: its cards, their badges above
 * them and, with a run's counts shown, the counts at loose ends. */
void _cairn_canvas_bounds (CairnCanvas *self,
                           double      *minx,
                           double      *miny,
                           double      *maxx,
                           double      *maxy);
void _cairn_canvas_select_only (CairnCanvas *self,
                                const char  *id);
void _cairn_canvas_sync_selection (CairnCanvas *self);
/* Moves the keyboard focus to a node's accessible child. */
void _cairn_canvas_focus_node (CairnCanvas *self,
                               const char  *id);
/* The view moved or zoomed: the children follow their cards. */
void _cairn_canvas_view_changed (CairnCanvas *self);

/* cairn-canvas-draw.c: cards, edges and counts in canvas coordinates */
/* A run's counts: entered in blue, still waiting in yellow. */
extern const GdkRGBA _cairn_canvas_entered_colour;
extern const GdkRGBA _cairn_canvas_waiting_colour;
/* A card's colour on screen, by the style's dark or light. */
GdkRGBA _cairn_canvas_card_colour (void);
/* A count in a pill 18 units high, its top at @y, as wide as @layout's
 * text, with @align of its width left of @x (0: it starts there, 1: it
 * ends there). Returns the width. */
double _cairn_canvas_pill (cairo_t       *cr,
                           PangoLayout   *layout,
                           double         x,
                           double         y,
                           double         align,
                           const GdkRGBA *fill,
                           const GdkRGBA *outline,
                           const GdkRGBA *ink);
/* How far a loose end's count reaches past its card, at most. */
#define LOOSE_WIDTH  130.0
gboolean _cairn_canvas_box_in_view (Box    *box,
                                    double  x0,
                                    double  y0,
                                    double  x1,
                                    double  y1);
void _cairn_canvas_draw_box_loose (CairnCanvas   *self,
                                   cairo_t       *cr,
                                   GtkWidget     *widget,
                                   Box           *box,
                                   const GdkRGBA *fg,
                                   const GdkRGBA *card);
void _cairn_canvas_draw_card (CairnCanvas   *self,
                              cairo_t       *cr,
                              GtkWidget     *widget,
                              Box           *box,
                              const GdkRGBA *fg,
                              const GdkRGBA *card,
                              gboolean       plain,
                              gboolean       dim);
void _cairn_canvas_draw_connecting (CairnCanvas   *self,
                                    cairo_t       *cr,
                                    const GdkRGBA *fg);
void _cairn_canvas_draw_world (CairnCanvas   *self,
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
                               gboolean       cards);
gboolean _cairn_canvas_has_loose_end (Box *box);
gboolean _cairn_canvas_loose_in_view (Box    *box,
                                      double  x0,
                                      double  y0,
                                      double  x1,
                                      double  y1);

/* cairn-canvas-snapshot.c: on screen, from images of the cards */
/* A hash of what a card's text depends on, made when it is built. */
guint64 _cairn_canvas_text_key (Box *box);
void _cairn_canvas_drop_layer (CairnCanvas *self);
void _cairn_canvas_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot);

/* cairn-canvas-view.c */
/* Whether a card is drawn in the corner kept clear (the legend's). */
gboolean _cairn_canvas_corner_covers_card (CairnCanvas *self);

/* cairn-canvas-drag.c */
CairnCanvasDrag *_cairn_canvas_drag_new (CairnCanvas *canvas);
/* Moves the selected cards by (@dx, @dy) canvas units in the journey,
 * to the grid when it snaps. */
void _cairn_canvas_move_selection (CairnCanvas *self,
                                   double       dx,
                                   double       dy);

/* cairn-canvas-input.c */
void _cairn_canvas_add_controllers (CairnCanvas *self);

G_END_DECLS
