/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-canvas-private.h"
#include "cairn-layout.h"
#include "cairn-diagnostic.h"
#include "cairn-json.h"
#include "cairn-summary.h"

guint _cairn_canvas_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CairnCanvas, cairn_canvas, GTK_TYPE_WIDGET)

static void
box_free (Box *box)
{
  g_free (box->id);
  g_free (box->label);
  g_free (box->kind_name);
  g_free (box->summary);
  g_ptr_array_unref (box->ports);
  g_free (box->targets);
  g_free (box->counts);
  g_clear_pointer (&box->layouts, g_ptr_array_unref);
  g_clear_pointer (&box->image, cairo_surface_destroy);
  g_clear_pointer (&box->loose_image, cairo_surface_destroy);
  g_free (box);
}

Box *
_cairn_canvas_find_box (CairnCanvas *self,
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

/* Nodes for assistive technologies: one empty, focusable child widget per
 * card, laid over it, with the card's role, name and description. Focus
 * on one selects its node; Tab on the canvas moves the focus along. GTK
 * 4.8 has no accessible objects that are not widgets. */

#define CAIRN_TYPE_CANVAS_NODE (cairn_canvas_node_get_type ())
G_DECLARE_FINAL_TYPE (CairnCanvasNode, cairn_canvas_node, CAIRN, CANVAS_NODE, GtkWidget)

struct _CairnCanvasNode
{
  GtkWidget  parent_instance;
  char      *id;
  char      *label;        /* as last told to the accessible */
  char      *description;
};

G_DEFINE_FINAL_TYPE (CairnCanvasNode, cairn_canvas_node, GTK_TYPE_WIDGET)

static void
cairn_canvas_node_finalize (GObject *object)
{
  CairnCanvasNode *self = CAIRN_CANVAS_NODE (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->description);
  G_OBJECT_CLASS (cairn_canvas_node_parent_class)->finalize (object);
}

static void
cairn_canvas_node_class_init (CairnCanvasNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_canvas_node_finalize;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "journeynode");
}

static void
cairn_canvas_node_init (CairnCanvasNode *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

static void
on_node_focus (CairnCanvasNode *node,
               GParamSpec      *pspec,
               CairnCanvas     *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (node))
      || (g_hash_table_size (self->selection) == 1 && g_hash_table_contains (self->selection, node->id)))
    return;
  _cairn_canvas_select_only (self, node->id);
  _cairn_canvas_sync_selection (self);
}

static void
describe_node (CairnCanvas     *self,
               CairnCanvasNode *node,
               Box             *box)
{
  g_autofree char *label = g_strdup_printf (_("%s: %s"), box->kind_name, box->label);
  g_autoptr(GString) description = g_string_new (box->summary);

  if (box->errors > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", box->errors), box->errors);
      g_string_append_printf (description, " · %s", text);
    }
  if (box->warnings > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", box->warnings), box->warnings);
      g_string_append_printf (description, " · %s", text);
    }
  /* Its edges: where each port leads */
  for (guint p = 0; p < box->ports->len; p++)
    {
      CairnPort *port = g_ptr_array_index (box->ports, p);
      Box *target = box->targets[p] >= 0 && (guint) box->targets[p] < self->boxes->len
                    ? g_ptr_array_index (self->boxes, box->targets[p]) : NULL;
      g_autofree char *text = NULL;

      if (target != NULL)
        /* Translators: a port and the node it leads to, "timeout → Send a push" */
        text = g_strdup_printf (_("%s → %s"), port->label, target->label);
      else
        /* Translators: a port with no edge, "failed → not connected" */
        text = g_strdup_printf (_("%s → not connected"), port->label);
      g_string_append_printf (description, " · %s", text);
    }

  /* Told only when it changed: a journey change rebuilds every card. */
  if (g_strcmp0 (label, node->label) != 0)
    {
      g_free (node->label);
      node->label = g_strdup (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (node), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  if (g_strcmp0 (description->str, node->description) != 0)
    {
      g_free (node->description);
      node->description = g_strdup (description->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (node), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
    }
}

/* One child per card, in document order; the others go. Done when the
 * main loop is idle: the cards show first, and a drag that rebuilds them
 * every frame updates the children once it rests. */
static void
sync_node_widgets (CairnCanvas *self)
{
  g_clear_handle_id (&self->sync_id, g_source_remove);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *previous = NULL;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      CairnCanvasNode *node = g_hash_table_lookup (self->node_widgets, box->id);

      if (node == NULL)
        {
          node = g_object_new (CAIRN_TYPE_CANVAS_NODE, NULL);
          node->id = g_strdup (box->id);
          g_signal_connect_object (node, "notify::has-focus", G_CALLBACK (on_node_focus), self, 0);
          gtk_widget_insert_after (GTK_WIDGET (node), GTK_WIDGET (self), previous);
          g_hash_table_insert (self->node_widgets, g_strdup (box->id), node);
        }
      else if (gtk_widget_get_prev_sibling (GTK_WIDGET (node)) != previous)
        gtk_widget_insert_after (GTK_WIDGET (node), GTK_WIDGET (self), previous);
      describe_node (self, node, box);
      g_hash_table_add (keep, box->id);
      previous = GTK_WIDGET (node);
    }
  g_hash_table_iter_init (&iter, self->node_widgets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (keep, key))
      {
        gtk_widget_unparent (value);
        g_hash_table_iter_remove (&iter);
      }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_cairn_canvas_view_changed (CairnCanvas *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
sync_idle (gpointer data)
{
  CairnCanvas *self = data;

  self->sync_id = 0;
  sync_node_widgets (self);
  return G_SOURCE_REMOVE;
}

static void
queue_sync (CairnCanvas *self)
{
  if (self->sync_id == 0)
    self->sync_id = g_idle_add_full (G_PRIORITY_LOW, sync_idle, self, NULL);
}

GtkWidget *
cairn_canvas_get_node_widget (CairnCanvas *self,
                              const char  *id)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  if (self->sync_id != 0)
    sync_node_widgets (self);
  return g_hash_table_lookup (self->node_widgets, id);
}

void
_cairn_canvas_focus_node (CairnCanvas *self,
                          const char  *id)
{
  GtkWidget *node = cairn_canvas_get_node_widget (self, id);

  if (node != NULL)
    gtk_widget_grab_focus (node);
}


/* A run's counts on the card's edges, looked up once per change rather
 * than once per frame. */
static void
count_edges (CairnCanvas *self,
             Box         *box)
{
  g_clear_pointer (&box->counts, g_free);
  g_clear_pointer (&box->loose_image, cairo_surface_destroy);
  if (!self->has_overlay)
    return;
  box->counts = g_new0 (guint64, MAX (box->ports->len, 1));
  for (guint p = 0; p < box->ports->len; p++)
    {
      g_autofree char *key = g_strconcat (box->id, "\n", ((CairnPort *) g_ptr_array_index (box->ports, p))->id, NULL);
      gpointer value = g_hash_table_lookup (self->edge_counts, key);
      box->counts[p] = value ? GPOINTER_TO_SIZE (value) - 1 : 0;
    }
}

/* What a rebuilt card keeps from the card it replaces: the run's counts,
 * and its shaped text when the text is the same, so that a move or a nudge
 * does not shape every card in view again. */
static void
keep_from (Box *box,
           Box *was)
{
  gboolean same_text = g_strcmp0 (box->kind_name, was->kind_name) == 0 && g_strcmp0 (box->label, was->label) == 0
                       && g_strcmp0 (box->summary, was->summary) == 0 && box->ports->len == was->ports->len
                       && box->category == was->category && box->icon_name == was->icon_name;

  box->entered = was->entered;
  box->waiting = was->waiting;
  box->on_path = was->on_path;
  /* Counts are shaped text too. */
  same_text = same_text && (box->counts == NULL) == (was->counts == NULL)
              && (box->counts == NULL || memcmp (box->counts, was->counts, box->ports->len * sizeof (guint64)) == 0);
  for (guint p = 0; same_text && p < box->ports->len; p++)
    same_text = g_strcmp0 (((CairnPort *) g_ptr_array_index (box->ports, p))->label,
                           ((CairnPort *) g_ptr_array_index (was->ports, p))->label) == 0;
  if (!same_text)
    return;
  box->layouts = g_steal_pointer (&was->layouts);
  /* The images show which ports have an edge (a ring filled or not, a
     loose end's count); the rest of their look decides whether they are
     still right. */
  for (guint p = 0; p < box->ports->len; p++)
    if ((box->targets[p] >= 0) != (was->targets[p] >= 0))
      return;
  box->image = g_steal_pointer (&was->image);
  box->image_look = was->image_look;
  box->loose_image = g_steal_pointer (&was->loose_image);
  box->loose_look = was->loose_look;
}

void
_cairn_canvas_rebuild (CairnCanvas *self)
{
  gsize n_old = 0;
  Box **old = (Box **) g_ptr_array_steal (self->boxes, &n_old);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize i = 0; i < n_old; i++)
    g_hash_table_replace (by_id, old[i]->id, old[i]);
  if (self->journey == NULL)
    {
      for (gsize i = 0; i < n_old; i++)
        box_free (old[i]);
      g_free (old);
      queue_sync (self);
      return;
    }
  for (guint i = 0; i < cairn_journey_get_n_nodes (self->journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (self->journey, i);
      Box *box = g_new0 (Box, 1);

      box->id = g_strdup (node->id ? node->id : "");
      box->label = g_strdup (node->label ? node->label : box->id);
      box->kind_name = g_strdup (node->kind ? _(node->kind->name) : (node->type ? node->type : _("Unknown")));
      box->icon_name = node->kind ? node->kind->icon_name : "dialog-question-symbolic";
      box->summary = cairn_node_summary (node);
      box->category = node->kind ? (int) node->kind->category : -1;
      box->x = node->x;
      box->y = node->y;
      box->ports = cairn_node_kind_ports (node->kind, node->config);
      box->h = CARD_HEIGHT (box->ports->len);
      box->selected = g_hash_table_contains (self->selection, box->id);
      box->errors = GPOINTER_TO_UINT (g_hash_table_lookup (self->diag_errors, box->id));
      box->here = self->positions ? GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, box->id)) : 0;
      box->warnings = GPOINTER_TO_UINT (g_hash_table_lookup (self->diag_warnings, box->id));
      /* Edges resolved once per change, not once per frame: a box's index
         is its node's. */
      box->targets = g_new (int, MAX (box->ports->len, 1));
      for (guint p = 0; p < box->ports->len; p++)
        {
          CairnEdge *edge = cairn_journey_find_edge (self->journey, box->id,
                                                     ((CairnPort *) g_ptr_array_index (box->ports, p))->id);
          CairnNode *target = edge ? cairn_journey_find_node (self->journey, edge->to) : NULL;
          box->targets[p] = target ? (int) target->index : -1;
        }
      count_edges (self, box);
      if (g_hash_table_contains (by_id, box->id))
        keep_from (box, g_hash_table_lookup (by_id, box->id));
      g_ptr_array_add (self->boxes, box);
    }
  for (gsize i = 0; i < n_old; i++)
    box_free (old[i]);
  g_free (old);
  queue_sync (self);
}

static void
on_journey_changed (CairnJourney *journey,
                    CairnCanvas  *self)
{
  GHashTableIter iter;
  gpointer key;

  _cairn_canvas_rebuild (self);
  /* Selected nodes that no longer exist leave the selection. */
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (_cairn_canvas_find_box (self, key) == NULL)
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

void
_cairn_canvas_port_anchor (Box    *box,
                           guint   port,
                           double *x,
                           double *y)
{
  *x = box->x + CARD_WIDTH;
  *y = box->y + CARD_TOP + port * PORT_HEIGHT + PORT_HEIGHT / 2;
}

Box *
_cairn_canvas_box_at (CairnCanvas *self,
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

Box *
_cairn_canvas_port_at (CairnCanvas *self,
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
          _cairn_canvas_port_anchor (box, p, &px, &py);
          if (hypot (cx - px, cy - py) <= PORT_HIT_RADIUS / MIN (self->zoom, 1.0))
            {
              *port = p;
              return box;
            }
        }
    }
  return NULL;
}

/* The edge passing within a few pixels of a canvas point. */
gboolean
_cairn_canvas_edge_at (CairnCanvas *self,
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
          _cairn_canvas_port_anchor (box, p, &x1, &y1);
          x2 = target->x;
          y2 = target->y + EDGE_ENTRY;
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
  box = _cairn_canvas_box_at (self, cx, cy);
  return box ? box->id : NULL;
}

/* Selection */

void
_cairn_canvas_select_only (CairnCanvas *self,
                           const char  *id)
{
  g_hash_table_remove_all (self->selection);
  if (id != NULL)
    g_hash_table_add (self->selection, g_strdup (id));
}

void
_cairn_canvas_sync_selection (CairnCanvas *self)
{
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      box->selected = g_hash_table_contains (self->selection, box->id);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, _cairn_canvas_signals[SELECTION_CHANGED], 0);
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
  _cairn_canvas_sync_selection (self);
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
  _cairn_canvas_rebuild (self);
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
  box = _cairn_canvas_find_box (self, id);
  if (box == NULL || width == 0)
    return;
  cairn_canvas_to_widget (self, box->x, box->y, &wx, &wy);
  if (wx < 0 || wy < 0 || wx + CARD_WIDTH * self->zoom > width || wy + box->h * self->zoom > height)
    {
      self->offset_x = width / 2.0 - (box->x + CARD_WIDTH / 2) * self->zoom;
      self->offset_y = height / 2.0 - (box->y + box->h / 2) * self->zoom;
      _cairn_canvas_view_changed (self);
    }
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
  if (all.size.width * self->zoom > width - 2 * margin || all.size.height * self->zoom > height - 2 * margin)
    {
      self->zoom = CLAMP (MIN ((width - 2 * margin) / all.size.width, (height - 2 * margin) / all.size.height),
                          MIN_ZOOM, self->zoom);
      self->offset_x = (width - all.size.width * self->zoom) / 2 - all.origin.x * self->zoom;
      self->offset_y = (height - all.size.height * self->zoom) / 2 - all.origin.y * self->zoom;
      _cairn_canvas_view_changed (self);
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
  if (dx != 0 || dy != 0)
    {
      self->offset_x += dx;
      self->offset_y += dy;
      _cairn_canvas_view_changed (self);
    }
}

/* Whether a card is drawn in the corner kept clear */
static gboolean
corner_covers_card (CairnCanvas *self)
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
  if (corner_covers_card (self))
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
_cairn_canvas_bounds (CairnCanvas *self,
                      double      *minx,
                      double      *miny,
                      double      *maxx,
                      double      *maxy)
{
  *minx = *miny = G_MAXDOUBLE;
  *maxx = *maxy = -G_MAXDOUBLE;
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);

      *minx = MIN (*minx, box->x);
      *miny = MIN (*miny, box->y - 12);
      *maxx = MAX (*maxx, box->x + CARD_WIDTH);
      *maxy = MAX (*maxy, box->y + box->h);
      /* A loose end's count reaches past the card. */
      for (guint p = 0; COUNTS_SHOWN (self) && p < box->ports->len; p++)
        if (box->targets[p] < 0)
          *maxx = MAX (*maxx, box->x + CARD_WIDTH + LOOSE_WIDTH);
    }
}

/* What a card covers, relative to its top-left corner */
static void
card_reach (CairnNode      *node,
            CairnLayoutBox *box,
            gpointer        user_data)
{
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);

  box->x = -CARD_REACH_LEFT;
  box->y = -CARD_REACH_TOP;
  box->width = CARD_REACH_LEFT + CARD_WIDTH + CARD_REACH_RIGHT;
  box->height = CARD_REACH_TOP + CARD_HEIGHT (ports->len) + CARD_REACH_BOTTOM;
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
  graphene_rect_init (bounds, box->x - CARD_REACH_LEFT, box->y - CARD_REACH_TOP,
                      CARD_REACH_LEFT + CARD_WIDTH + CARD_REACH_RIGHT,
                      CARD_REACH_TOP + box->h + CARD_REACH_BOTTOM);
  return TRUE;
}

void
cairn_canvas_zoom_to_fit (CairnCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double minx, miny, maxx, maxy;

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
  _cairn_canvas_bounds (self, &minx, &miny, &maxx, &maxy);
  self->zoom = CLAMP (MIN ((width - 60) / (maxx - minx), (height - 60) / (maxy - miny)), MIN_ZOOM, 1.0);
  self->offset_x = (width - (maxx - minx) * self->zoom) / 2 - minx * self->zoom;
  self->offset_y = (height - (maxy - miny) * self->zoom) / 2 - miny * self->zoom;
  /* Above the corner kept clear (the legend), if it would cover a card */
  if (corner_covers_card (self) && height - self->clear_height > 60)
    {
      int free_height = height - self->clear_height;

      self->zoom = CLAMP (MIN ((width - 60) / (maxx - minx), (free_height - 30) / (maxy - miny)), MIN_ZOOM, 1.0);
      self->offset_x = (width - (maxx - minx) * self->zoom) / 2 - minx * self->zoom;
      self->offset_y = (free_height - (maxy - miny) * self->zoom) / 2 - miny * self->zoom;
    }
  _cairn_canvas_view_changed (self);
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
  _cairn_canvas_rebuild (self);
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
      JsonObject *counts = cairn_json_get_object (nodes, box->id);
      double entered = 0, waiting = 0;
      cairn_json_get_number (counts, "entered", &entered);
      cairn_json_get_number (counts, "waiting_at_end", &waiting);
      box->entered = (guint64) entered;
      box->waiting = (guint64) waiting;
      box->on_path = path != NULL && g_strv_contains (path, box->id);
      count_edges (self, box);
      /* The counts' shaped text is out of date. */
      g_clear_pointer (&box->layouts, g_ptr_array_unref);
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

void
cairn_canvas_set_show_counts (CairnCanvas *self,
                              gboolean     show)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  if (self->show_counts == !!show)
    return;
  self->show_counts = !!show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cairn_canvas_get_show_counts (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return self->show_counts;
}

char *
cairn_canvas_describe_counts (CairnCanvas *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  for (guint i = 0; COUNTS_SHOWN (self) && i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);

      g_string_append_printf (out, "node %s: entered %" G_GUINT64_FORMAT ", waiting %" G_GUINT64_FORMAT "\n",
                              box->id, box->entered, box->waiting);
      for (guint p = 0; p < box->ports->len; p++)
        g_string_append_printf (out, "%s %s.%s: %" G_GUINT64_FORMAT "\n", box->targets[p] >= 0 ? "edge" : "loose",
                                box->id, ((CairnPort *) g_ptr_array_index (box->ports, p))->id,
                                box->counts ? box->counts[p] : 0);
    }
  return g_string_free (out, FALSE);
}

static void
cairn_canvas_dispose (GObject *object)
{
  CairnCanvas *self = CAIRN_CANVAS (object);

  if (self->journey)
    g_clear_signal_handler (&self->changed_id, self->journey);
  g_clear_object (&self->journey);
  g_clear_handle_id (&self->sync_id, g_source_remove);
  if (self->node_widgets != NULL)
    {
      GHashTableIter iter;
      gpointer value;
      g_hash_table_iter_init (&iter, self->node_widgets);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        gtk_widget_unparent (value);
      g_clear_pointer (&self->node_widgets, g_hash_table_unref);
    }
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
  /* Shorter now (the results' panel took room), with a legend that would
     cover a card: fitted again, above the legend. */
  else if (self->clear_height > 0 && height != self->clear_checked_height)
    {
      self->clear_checked_height = height;
      if (corner_covers_card (self))
        cairn_canvas_zoom_to_fit (self);
    }
  /* Each node's child over its card, as the view shows it. */
  for (guint i = 0; i < self->boxes->len; i++)
    {
      Box *box = g_ptr_array_index (self->boxes, i);
      GtkWidget *node = g_hash_table_lookup (self->node_widgets, box->id);
      GtkAllocation allocation;
      double x, y;
      int min;

      if (node == NULL)
        continue;
      cairn_canvas_to_widget (self, box->x, box->y, &x, &y);
      allocation.x = (int) floor (x);
      allocation.y = (int) floor (y);
      allocation.width = MAX (1, (int) ceil (CARD_WIDTH * self->zoom));
      allocation.height = MAX (1, (int) ceil (box->h * self->zoom));
      gtk_widget_measure (node, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_measure (node, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_size_allocate (node, &allocation, -1);
    }
}

static void
cairn_canvas_class_init (CairnCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_canvas_dispose;
  object_class->finalize = cairn_canvas_finalize;
  widget_class->snapshot = _cairn_canvas_snapshot;
  widget_class->size_allocate = cairn_canvas_size_allocate;

  _cairn_canvas_signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _cairn_canvas_signals[NODE_DROPPED] = g_signal_new ("node-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  _cairn_canvas_signals[NODES_MOVED] = g_signal_new ("nodes-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  _cairn_canvas_signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  _cairn_canvas_signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                                     G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "journeycanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cairn_canvas_init (CairnCanvas *self)
{
  self->boxes = g_ptr_array_new_with_free_func ((GDestroyNotify) box_free);
  self->node_widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->diag_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->diag_warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->edge_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->zoom = 1;
  self->offset_x = self->offset_y = 40;
  self->snap = TRUE;
  self->show_counts = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Journey canvas: Tab moves between nodes"), -1);

  _cairn_canvas_add_controllers (self);
}

GtkWidget *
cairn_canvas_new (void)
{
  return g_object_new (CAIRN_TYPE_CANVAS, NULL);
}
