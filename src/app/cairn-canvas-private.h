/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cairn-canvas.h"
#include "cairn-registry.h"

G_BEGIN_DECLS

/* What the canvas's files share: cairn-canvas.c (the cards, selection and
 * the public API), cairn-canvas-draw.c (drawing, export) and
 * cairn-canvas-input.c (pointer, keyboard, drops). */

#define CARD_WIDTH   220.0
#define CARD_TOP      58.0   /* type line, label and summary */
#define PORT_HEIGHT   18.0
#define PORT_RADIUS    5.0
#define PORT_HIT_RADIUS 12.0  /* a 24 px target around the dot, on screen */
/* What a card covers beyond its body: badges and counts above it, port
 * dots on its right edge, a shadow below. */
#define CARD_REACH_TOP    12.0
#define CARD_REACH_LEFT    2.0
#define CARD_REACH_RIGHT   (PORT_RADIUS + 3.0)
#define CARD_REACH_BOTTOM  3.0
#define CARD_HEIGHT(n_ports) (CARD_TOP + MAX (1, (n_ports)) * PORT_HEIGHT + 6)
#define EDGE_ENTRY    29.0   /* an edge enters its target this far down, level with its title */
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
  char     *id;
  char     *label;
  char     *kind_name;
  const char *icon_name;  /* the kind's symbolic icon (static) */
  char     *summary;
  int       category;     /* -1: unknown type */
  double    x, y, h;
  GPtrArray *ports;       /* CairnPort* */
  int      *targets;      /* per port: index of the box it leads to, or -1 */
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
} Box;

typedef enum { DRAG_NONE, DRAG_MOVE, DRAG_CONNECT, DRAG_BAND, DRAG_PAN } DragMode;

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

  double        zoom;
  double        offset_x, offset_y;
  int           clear_width, clear_height;  /* a corner kept free (the legend) */
  int           clear_checked_height;       /* the height it was last checked at */   /* widget = canvas * zoom + offset */
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

  /* The look the cards' images were drawn with */
  guint         look_generation;
  double        look_zoom;
  int           look_scale;
  gboolean      look_dark;
  GdkRGBA       look_fg;
};

enum { SELECTION_CHANGED, NODE_DROPPED, NODES_MOVED, MESSAGE, CONNECTED, N_SIGNALS };
extern guint _cairn_canvas_signals[N_SIGNALS];

/* A run's counts are drawn: there are some and they are not hidden. */
#define COUNTS_SHOWN(self) ((self)->has_overlay && (self)->show_counts)

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
void _cairn_canvas_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot);

/* cairn-canvas-input.c */
void _cairn_canvas_add_controllers (CairnCanvas *self);

G_END_DECLS
