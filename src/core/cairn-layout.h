/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-journey.h"

G_BEGIN_DECLS

/* Graphviz layout and export of a journey (DESIGN §8 `layout`, `export`).
 * Each node is drawn as a card: its kind and label, its one-line summary
 * (cairn_node_summary()) and its output ports in order on the right, so
 * that every edge leaves from its own port. Graphviz is not thread-safe;
 * every call here takes one process-wide lock. */

typedef enum
{
  CAIRN_EXPORT_DOT,
  CAIRN_EXPORT_SVG,
  CAIRN_EXPORT_PNG,
  CAIRN_EXPORT_PDF,
} CairnExportFormat;

/* "dot", "svg", "png" or "pdf" (case-insensitive). */
gboolean  cairn_export_format_from_name  (const char         *name,
                                          CairnExportFormat  *format);
/* The graph in the DOT language, as given to graphviz (no positions). */
char     *cairn_layout_to_dot            (CairnJourney       *journey);
/* Lays the journey out left to right with `dot` and moves every node to
 * its place: "position" is the top-left corner of the node's card, in
 * canvas pixels (1 px = 1 pt), with a 40 px margin. Emits ::changed once. */
gboolean  cairn_layout_apply             (CairnJourney       *journey,
                                          GError            **error);
/* What a node covers where it is drawn, relative to its "position" (the
 * card's top-left corner): @x and @y are negative when something (a badge,
 * a shadow) reaches left of or above the card. */
typedef struct
{
  double x, y, width, height;
} CairnLayoutBox;

typedef void (*CairnLayoutSizeFunc) (CairnNode      *node,
                                     CairnLayoutBox *box,
                                     gpointer        user_data);

/* As cairn_layout_apply(), with every node as large as @size says (the
 * designer's cards as drawn), so that no two nodes' boxes overlap. Ports
 * keep their order, each at its row of PORT_HEIGHT below @port_top. */
gboolean  cairn_layout_apply_sized       (CairnJourney       *journey,
                                          CairnLayoutSizeFunc size,
                                          gpointer            user_data,
                                          double              port_top,
                                          double              port_height,
                                          GError            **error);
/* The laid-out drawing in @format. */
GBytes   *cairn_layout_render            (CairnJourney       *journey,
                                          CairnExportFormat   format,
                                          GError            **error);
/* Renders and writes @path atomically. */
gboolean  cairn_layout_export_file       (CairnJourney       *journey,
                                          CairnExportFormat   format,
                                          const char         *path,
                                          GError            **error);

G_END_DECLS
