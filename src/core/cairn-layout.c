/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gvc.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-layout.h"
#include "cairn-registry.h"
#include "cairn-summary.h"

/* Graphviz keeps global state (the HTML label parser, error handling, the
 * plugin registry), so only one thread may use it at a time. */
static GMutex graphviz_lock;

/* One context for the whole process, created under the lock. Besides
 * loading the plugins only once, this works around graphviz 2.43's pango
 * plugin, which caches a pointer to the last font name: the name lives in
 * the context's font dictionary, so freeing a context leaves the next one
 * comparing against freed memory. */
static GVC_t *
graphviz_context_locked (void)
{
  static GVC_t *context;

  if (context == NULL)
    {
      agseterr (AGERR);
      context = gvContext ();
    }
  return context;
}

#define MARGIN_PX 40.0
#define SUMMARY_WRAP 34
#define SUMMARY_MAX_LINES 3

typedef struct
{
  const char *accent;   /* card border and kind name */
  const char *tint;     /* header background */
} Palette;

/* GNOME HIG palette: green starters, orange waits, blue decisions, purple
 * channels, red exits, slate actions. */
static Palette
palette_for (const CairnNode *node)
{
  static const Palette starter = { "#26a269", "#e0f4e7" };
  static const Palette wait = { "#c88800", "#fdf1d3" };
  static const Palette flow = { "#1c71d8", "#dde9fa" };
  static const Palette channel = { "#813d9c", "#f0e2f5" };
  static const Palette leave = { "#c01c28", "#fbe0e2" };
  static const Palette action = { "#5e5c64", "#ebeaec" };
  static const Palette unknown = { "#9a9996", "#f6f5f4" };

  if (node->kind == NULL)
    return unknown;
  switch (node->kind->category)
    {
    case CAIRN_CATEGORY_STARTER:
      return starter;
    case CAIRN_CATEGORY_FLOW:
      return node->kind->is_wait ? wait : flow;
    case CAIRN_CATEGORY_CHANNEL:
      return channel;
    case CAIRN_CATEGORY_ACTION:
    default:
      return node->kind->is_exit ? leave : action;
    }
}

gboolean
cairn_export_format_from_name (const char        *name,
                               CairnExportFormat *format)
{
  static const char * const names[] = { "dot", "svg", "png", "pdf" };

  for (guint i = 0; name && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        if (format)
          *format = (CairnExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* A quoted DOT identifier. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Text inside an HTML-like label. */
static void
append_html (GString    *out,
             const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\n': case '\r': case '\t': g_string_append_c (out, ' '); break;
      default:
        if ((guchar) *p >= 0x20)
          g_string_append_c (out, *p);
      }
}

/* Word-wraps @text into at most SUMMARY_MAX_LINES lines of about
 * SUMMARY_WRAP characters, left-aligned line breaks between them. */
static void
append_wrapped (GString    *out,
                const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  guint lines = 0;

  for (guint i = 0; words[i]; i++)
    {
      glong length = g_utf8_strlen (line->str, -1);

      if (*words[i] == '\0')
        continue;
      if (length > 0 && length + 1 + g_utf8_strlen (words[i], -1) > SUMMARY_WRAP)
        {
          if (++lines == SUMMARY_MAX_LINES)
            {
              g_string_append (line, " …");
              break;
            }
          append_html (out, line->str);
          g_string_append (out, "<BR ALIGN=\"LEFT\"/>");
          g_string_truncate (line, 0);
        }
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
    }
  append_html (out, line->str);
  g_string_append (out, "<BR ALIGN=\"LEFT\"/>");
}

static void
append_node (GString      *out,
             CairnJourney *journey,
             CairnNode    *node)
{
  Palette colours = palette_for (node);
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);
  g_autofree char *summary = cairn_node_summary (node);
  const char *kind_name = node->kind ? _(node->kind->name) : (node->type ? node->type : _("Unknown"));
  guint rows = MAX (ports->len, 1);

  g_string_append (out, "  ");
  append_quoted (out, node->id);
  g_string_append_printf (out, " [tooltip=");
  append_quoted (out, summary);
  g_string_append_printf (out,
                          ", label=<<TABLE BORDER=\"1.5\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"6\" "
                          "STYLE=\"ROUNDED\" COLOR=\"%s\" BGCOLOR=\"white\">\n"
                          "    <TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\" BGCOLOR=\"%s\">"
                          "<FONT POINT-SIZE=\"8.5\" COLOR=\"%s\">",
                          colours.accent, colours.tint, colours.accent);
  append_html (out, kind_name);
  g_string_append (out, "</FONT><BR/><B>");
  append_html (out, node->label && *node->label ? node->label : node->id);
  g_string_append (out, "</B></TD></TR>\n    <TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\"");
  if (ports->len == 0)
    g_string_append (out, " COLSPAN=\"2\"");
  else
    g_string_append_printf (out, " ROWSPAN=\"%u\"", rows);
  g_string_append (out, "><FONT COLOR=\"#3d3846\" POINT-SIZE=\"10\">");
  append_wrapped (out, summary);
  g_string_append (out, "</FONT></TD>");

  for (guint i = 0; i < ports->len; i++)
    {
      CairnPort *port = g_ptr_array_index (ports, i);
      gboolean connected = cairn_journey_find_edge (journey, node->id, port->id) != NULL;

      if (i > 0)
        g_string_append (out, "<TR>");
      g_string_append_printf (out, "<TD PORT=\"p%u\" ALIGN=\"RIGHT\" BGCOLOR=\"%s\">"
                              "<FONT POINT-SIZE=\"9\" COLOR=\"%s\">",
                              i, i % 2 ? "#f6f5f4" : "#fafafa", connected ? "#241f31" : "#9a9996");
      if (!connected)
        g_string_append (out, "<I>");
      append_html (out, port->label);
      if (!connected)
        g_string_append (out, "</I>");
      g_string_append (out, " ▸</FONT></TD></TR>\n");
    }
  if (ports->len == 0)
    g_string_append (out, "</TR>\n");
  g_string_append (out, "    </TABLE>>];\n");
}

/* A node of the size the designer draws it: an empty table of that size,
 * with one cell per port on its right edge, at the port's row. */
typedef struct
{
  CairnLayoutBox box;
  double         port_top;     /* the first port row, from the card's top */
  double         port_height;
} SizedNode;

static void
append_sized_node (GString         *out,
                   CairnNode       *node,
                   const SizedNode *sized)
{
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);
  int width = MAX (2, (int) ceil (sized->box.width));
  int height = MAX (1, (int) ceil (sized->box.height));
  int row = MAX (1, (int) ceil (sized->port_height));
  int top = MAX (1, (int) ceil (sized->port_top - sized->box.y));
  int bottom;

  if (top + row * (int) ports->len > height)
    height = top + row * (int) ports->len;
  bottom = height - top - row * (int) ports->len;
  g_string_append (out, "  ");
  append_quoted (out, node->id);
  g_string_append_printf (out, " [label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\" "
                          "FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\">", width, height);
  g_string_append_printf (out, "<TR><TD COLSPAN=\"2\" FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\"></TD></TR>",
                          width, top);
  for (guint i = 0; i < ports->len; i++)
    g_string_append_printf (out, "<TR><TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\"></TD>"
                            "<TD PORT=\"p%u\" FIXEDSIZE=\"TRUE\" WIDTH=\"1\" HEIGHT=\"%d\"></TD></TR>",
                            width - 1, row, i, row);
  if (bottom > 0)
    g_string_append_printf (out, "<TR><TD COLSPAN=\"2\" FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\"></TD></TR>",
                            width, bottom);
  g_string_append (out, "</TABLE>>];\n");
}

/* The index of @port among @node's ports, or -1. */
static int
port_index (CairnNode  *node,
            const char *port)
{
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);

  for (guint i = 0; i < ports->len; i++)
    if (strcmp (((CairnPort *) g_ptr_array_index (ports, i))->id, port) == 0)
      return (int) i;
  return -1;
}

static GHashTable *exit_anchors (CairnJourney *journey);

static char *
journey_to_dot (CairnJourney    *journey,
                const SizedNode *sizes);

char *
cairn_layout_to_dot (CairnJourney *journey)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);
  return journey_to_dot (journey, NULL);
}

/* @sizes, when given, holds each node's drawn size, in node order. */
static char *
journey_to_dot (CairnJourney    *journey,
                const SizedNode *sizes)
{
  g_autoptr(GHashTable) anchors = NULL;
  GString *out;
  const char *name;
  const char *id;
  guint n_nodes, n_edges;

  out = g_string_new (NULL);
  name = cairn_journey_get_name (journey);
  id = cairn_journey_get_id (journey);
  n_nodes = cairn_journey_get_n_nodes (journey);
  n_edges = cairn_journey_get_n_edges (journey);
  anchors = exit_anchors (journey);

  g_string_append (out, "digraph ");
  append_quoted (out, id ? id : "journey");
  g_string_append (out, " {\n"
                        "  graph [rankdir=LR, bgcolor=\"white\", pad=0.3, nodesep=0.3, ranksep=0.55,\n"
                        "         fontname=\"sans-serif\", fontsize=15, fontcolor=\"#241f31\",\n"
                        "         labelloc=t, labeljust=l, label=<<B>");
  append_html (out, name ? name : (id ? id : _("Journey")));
  g_string_append (out, "</B>");
  if (id)
    {
      g_string_append (out, "  <FONT POINT-SIZE=\"10\" COLOR=\"#77767b\">");
      append_html (out, id);
      g_string_append (out, "</FONT>");
    }
  g_string_append (out, ">];\n"
                        "  node [shape=plain, fontname=\"sans-serif\", fontsize=11];\n"
                        "  edge [color=\"#77767b\", penwidth=1.3, arrowsize=0.7, arrowhead=vee];\n");

  for (guint i = 0; i < n_nodes; i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      if (node->id != NULL && sizes != NULL)
        append_sized_node (out, node, &sizes[i]);
      else if (node->id != NULL)
        append_node (out, journey, node);
    }

  for (guint i = 0; i < n_edges; i++)
    {
      CairnEdge *edge = cairn_journey_get_edge (journey, i);
      CairnNode *from = edge->from ? cairn_journey_find_node (journey, edge->from) : NULL;
      CairnNode *to = edge->to ? cairn_journey_find_node (journey, edge->to) : NULL;
      int port;

      if (from == NULL || to == NULL || from->id == NULL || to->id == NULL)
        continue;
      port = port_index (from, edge->port);
      g_string_append (out, "  ");
      append_quoted (out, from->id);
      if (port >= 0)
        g_string_append_printf (out, ":p%d:e", port);
      g_string_append (out, " -> ");
      append_quoted (out, to->id);
      g_string_append (out, ":w");
      /* Edges into an exit and fallbacks from "failed" do not pull nodes
       * towards each other: the main path decides the columns. */
      if (strcmp (edge->port, "failed") == 0)
        g_string_append (out, " [style=dashed, color=\"#c01c28\", weight=0]");
      else if (port < 0)
        g_string_append (out, " [style=dotted, color=\"#c01c28\"]");
      else if (to->kind != NULL && to->kind->is_exit && !g_hash_table_contains (anchors, edge))
        g_string_append (out, " [weight=0]");
      g_string_append (out, ";\n");
    }
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}

/* Breadth-first distance of every node from the starter. */
static GHashTable *
depths_from_starter (CairnJourney *journey)
{
  GHashTable *depths = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GQueue) queue = g_queue_new ();
  CairnNode *starter = cairn_journey_get_starter (journey);

  if (starter == NULL || starter->id == NULL)
    return depths;
  g_hash_table_insert (depths, (gpointer) starter->id, GUINT_TO_POINTER (1));
  g_queue_push_tail (queue, (gpointer) starter->id);
  while (!g_queue_is_empty (queue))
    {
      const char *id = g_queue_pop_head (queue);
      guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (depths, id));

      for (guint i = 0; i < cairn_journey_get_n_edges (journey); i++)
        {
          CairnEdge *edge = cairn_journey_get_edge (journey, i);
          CairnNode *to = edge->to ? cairn_journey_find_node (journey, edge->to) : NULL;

          if (g_strcmp0 (edge->from, id) != 0 || to == NULL || to->id == NULL
              || g_hash_table_contains (depths, to->id))
            continue;
          g_hash_table_insert (depths, (gpointer) to->id, GUINT_TO_POINTER (depth + 1));
          g_queue_push_tail (queue, (gpointer) to->id);
        }
    }
  return depths;
}

/* An exit shared by many branches would drag them all to the right, so
 * only one edge into each exit keeps its weight: the one from the
 * deepest node, which puts the exit just after the longest branch. */
static GHashTable *
exit_anchors (CairnJourney *journey)
{
  g_autoptr(GHashTable) depths = depths_from_starter (journey);
  g_autoptr(GHashTable) best = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *anchors = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer edge;

  for (guint i = 0; i < cairn_journey_get_n_edges (journey); i++)
    {
      CairnEdge *candidate = cairn_journey_get_edge (journey, i);
      CairnNode *to = candidate->to ? cairn_journey_find_node (journey, candidate->to) : NULL;
      CairnEdge *current;

      if (to == NULL || to->id == NULL || to->kind == NULL || !to->kind->is_exit || candidate->from == NULL
          || strcmp (candidate->port, "failed") == 0)
        continue;
      current = g_hash_table_lookup (best, to->id);
      if (current == NULL
          || GPOINTER_TO_UINT (g_hash_table_lookup (depths, candidate->from))
             > GPOINTER_TO_UINT (g_hash_table_lookup (depths, current->from)))
        g_hash_table_insert (best, (gpointer) to->id, candidate);
    }
  g_hash_table_iter_init (&iter, best);
  while (g_hash_table_iter_next (&iter, NULL, &edge))
    g_hash_table_add (anchors, edge);
  return anchors;
}

/* Parses and lays out the DOT text; call with graphviz_lock held. */
static Agraph_t *
layout_locked (GVC_t       *gvc,
               const char  *dot,
               gboolean     for_png,
               GError     **error)
{
  Agraph_t *graph;

  graph = agmemread (dot);
  if (graph == NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_FAILED, _("Graphviz could not read the journey graph"));
      return NULL;
    }
  if (for_png)
    agattr (graph, AGRAPH, (char *) "dpi", (char *) "144");
  if (gvLayout (gvc, graph, "dot") != 0)
    {
      agclose (graph);
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_FAILED, _("Graphviz could not lay the journey out"));
      return NULL;
    }
  return graph;
}

/* Lays out with @sizes (or the export's cards when NULL) and moves the
 * nodes: a node's box, less its offset, is where its card goes. */
static gboolean
apply_layout (CairnJourney     *journey,
              const SizedNode  *sizes,
              GError          **error)
{
  g_autofree char *dot = NULL;
  g_autoptr(GArray) places = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  guint n_nodes;
  GVC_t *gvc;
  Agraph_t *graph;
  boxf bb;

  dot = journey_to_dot (journey, sizes);
  n_nodes = cairn_journey_get_n_nodes (journey);
  places = g_array_sized_new (FALSE, TRUE, sizeof (double) * 2, n_nodes);
  g_array_set_size (places, n_nodes);

  locker = g_mutex_locker_new (&graphviz_lock);
  gvc = graphviz_context_locked ();
  graph = layout_locked (gvc, dot, FALSE, error);
  if (graph == NULL)
    return FALSE;
  bb = GD_bb (graph);
  for (guint i = 0; i < n_nodes; i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      double *place = &g_array_index (places, double, 2 * i);
      Agnode_t *vertex = node->id ? agnode (graph, (char *) node->id, FALSE) : NULL;

      if (vertex == NULL)
        {
          place[0] = place[1] = G_MAXDOUBLE;
          continue;
        }
      /* Graphviz has y growing upwards and gives centres in points. */
      place[0] = ND_coord (vertex).x - ND_width (vertex) * 72.0 / 2.0 - bb.LL.x + MARGIN_PX;
      place[1] = bb.UR.y - ND_coord (vertex).y - ND_height (vertex) * 72.0 / 2.0 + MARGIN_PX;
      if (sizes != NULL)
        {
          place[0] -= sizes[i].box.x;
          place[1] -= sizes[i].box.y;
        }
    }
  gvFreeLayout (gvc, graph);
  agclose (graph);
  g_clear_pointer (&locker, g_mutex_locker_free);

  /* Node ids are looked up before moving: a move rebuilds the indexes. */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < n_nodes; i++)
      g_ptr_array_add (ids, g_strdup (cairn_journey_get_node (journey, i)->id));
    cairn_journey_freeze_changed (journey);
    for (guint i = 0; i < n_nodes; i++)
      {
        double *place = &g_array_index (places, double, 2 * i);
        const char *id = g_ptr_array_index (ids, i);

        /* Up and left only in whole pixels that keep the boxes apart */
        if (id != NULL && place[0] != G_MAXDOUBLE)
          cairn_journey_move_node (journey, id,
                                   sizes ? ceil (place[0]) : round (place[0]),
                                   sizes ? ceil (place[1]) : round (place[1]));
      }
    cairn_journey_thaw_changed (journey);
  }
  return TRUE;
}

gboolean
cairn_layout_apply (CairnJourney  *journey,
                    GError       **error)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply_layout (journey, NULL, error);
}

gboolean
cairn_layout_apply_sized (CairnJourney        *journey,
                          CairnLayoutSizeFunc  size,
                          gpointer             user_data,
                          double               port_top,
                          double               port_height,
                          GError             **error)
{
  guint n_nodes;
  g_autofree SizedNode *sizes = NULL;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), FALSE);
  g_return_val_if_fail (size != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_nodes = cairn_journey_get_n_nodes (journey);
  sizes = g_new0 (SizedNode, MAX (n_nodes, 1));
  for (guint i = 0; i < n_nodes; i++)
    {
      size (cairn_journey_get_node (journey, i), &sizes[i].box, user_data);
      sizes[i].port_top = port_top;
      sizes[i].port_height = port_height;
    }
  return apply_layout (journey, sizes, error);
}

GBytes *
cairn_layout_render (CairnJourney       *journey,
                     CairnExportFormat   format,
                     GError            **error)
{
  static const char * const renderers[] = { NULL, "svg", "png", "pdf" };
  g_autofree char *dot = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  GVC_t *gvc;
  Agraph_t *graph;
  char *data = NULL;
  unsigned int length = 0;
  GBytes *bytes = NULL;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);
  g_return_val_if_fail ((guint) format <= CAIRN_EXPORT_PDF, NULL);

  dot = cairn_layout_to_dot (journey);
  if (format == CAIRN_EXPORT_DOT)
    {
      gsize size = strlen (dot);
      return g_bytes_new_take (g_steal_pointer (&dot), size);
    }

  locker = g_mutex_locker_new (&graphviz_lock);
  gvc = graphviz_context_locked ();
  graph = layout_locked (gvc, dot, format == CAIRN_EXPORT_PNG, error);
  if (graph != NULL)
    {
      if (gvRenderData (gvc, graph, renderers[format], &data, &length) == 0 && data != NULL)
        bytes = g_bytes_new (data, length);
      else
        g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_FAILED,
                     _("Graphviz cannot draw %s files here"), renderers[format]);
      if (data != NULL)
        gvFreeRenderData (data);
      gvFreeLayout (gvc, graph);
      agclose (graph);
    }
  return bytes;
}

gboolean
cairn_layout_export_file (CairnJourney       *journey,
                          CairnExportFormat   format,
                          const char         *path,
                          GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (path != NULL, FALSE);

  bytes = cairn_layout_render (journey, format, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return cairn_file_write_atomic (path, data, (gssize) size, error);
}
