/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-viewport.h"

struct _CairnViewport
{
  GObject parent_instance;

  double  zoom;
  double  min_zoom, max_zoom;
  double  offset_x, offset_y;
};

G_DEFINE_FINAL_TYPE (CairnViewport, cairn_viewport, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ZOOM,
  PROP_MIN_ZOOM,
  PROP_MAX_ZOOM,
  PROP_OFFSET_X,
  PROP_OFFSET_Y,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cairn_viewport_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CairnViewport *self = CAIRN_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_MIN_ZOOM:
      g_value_set_double (value, self->min_zoom);
      break;
    case PROP_MAX_ZOOM:
      g_value_set_double (value, self->max_zoom);
      break;
    case PROP_OFFSET_X:
      g_value_set_double (value, self->offset_x);
      break;
    case PROP_OFFSET_Y:
      g_value_set_double (value, self->offset_y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_viewport_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CairnViewport *self = CAIRN_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      cairn_viewport_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_MIN_ZOOM:
      cairn_viewport_set_zoom_range (self, g_value_get_double (value), MAX (self->max_zoom, g_value_get_double (value)));
      break;
    case PROP_MAX_ZOOM:
      cairn_viewport_set_zoom_range (self, MIN (self->min_zoom, g_value_get_double (value)), g_value_get_double (value));
      break;
    case PROP_OFFSET_X:
      cairn_viewport_set_offset (self, g_value_get_double (value), self->offset_y);
      break;
    case PROP_OFFSET_Y:
      cairn_viewport_set_offset (self, self->offset_x, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_viewport_class_init (CairnViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cairn_viewport_get_property;
  object_class->set_property = cairn_viewport_set_property;

  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0.01, 100, 1,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_ZOOM] = g_param_spec_double ("min-zoom", NULL, NULL, 0.01, 100, 0.2,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_ZOOM] = g_param_spec_double ("max-zoom", NULL, NULL, 0.01, 100, 3,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFSET_X] = g_param_spec_double ("offset-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 40,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFSET_Y] = g_param_spec_double ("offset-y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 40,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_viewport_init (CairnViewport *self)
{
  self->zoom = 1;
  self->min_zoom = 0.2;
  self->max_zoom = 3;
  self->offset_x = self->offset_y = 40;
}

CairnViewport *
cairn_viewport_new (void)
{
  return g_object_new (CAIRN_TYPE_VIEWPORT, NULL);
}

double
cairn_viewport_get_zoom (CairnViewport *self)
{
  g_return_val_if_fail (CAIRN_IS_VIEWPORT (self), 1);
  return self->zoom;
}

double
cairn_viewport_get_min_zoom (CairnViewport *self)
{
  g_return_val_if_fail (CAIRN_IS_VIEWPORT (self), 1);
  return self->min_zoom;
}

double
cairn_viewport_get_max_zoom (CairnViewport *self)
{
  g_return_val_if_fail (CAIRN_IS_VIEWPORT (self), 1);
  return self->max_zoom;
}

double
cairn_viewport_get_offset_x (CairnViewport *self)
{
  g_return_val_if_fail (CAIRN_IS_VIEWPORT (self), 0);
  return self->offset_x;
}

double
cairn_viewport_get_offset_y (CairnViewport *self)
{
  g_return_val_if_fail (CAIRN_IS_VIEWPORT (self), 0);
  return self->offset_y;
}

void
cairn_viewport_set_view (CairnViewport *self,
                         double         zoom,
                         double         offset_x,
                         double         offset_y)
{
  g_return_if_fail (CAIRN_IS_VIEWPORT (self));

  zoom = CLAMP (zoom, self->min_zoom, self->max_zoom);
  g_object_freeze_notify (G_OBJECT (self));
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (offset_x != self->offset_x)
    {
      self->offset_x = offset_x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_X]);
    }
  if (offset_y != self->offset_y)
    {
      self->offset_y = offset_y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
cairn_viewport_set_zoom (CairnViewport *self,
                         double         zoom)
{
  g_return_if_fail (CAIRN_IS_VIEWPORT (self));
  cairn_viewport_set_view (self, zoom, self->offset_x, self->offset_y);
}

void
cairn_viewport_set_zoom_range (CairnViewport *self,
                               double         min_zoom,
                               double         max_zoom)
{
  g_return_if_fail (CAIRN_IS_VIEWPORT (self));
  g_return_if_fail (min_zoom > 0 && min_zoom <= max_zoom);

  g_object_freeze_notify (G_OBJECT (self));
  if (min_zoom != self->min_zoom)
    {
      self->min_zoom = min_zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_ZOOM]);
    }
  if (max_zoom != self->max_zoom)
    {
      self->max_zoom = max_zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ZOOM]);
    }
  cairn_viewport_set_zoom (self, self->zoom);
  g_object_thaw_notify (G_OBJECT (self));
}

void
cairn_viewport_set_offset (CairnViewport *self,
                           double         x,
                           double         y)
{
  g_return_if_fail (CAIRN_IS_VIEWPORT (self));
  cairn_viewport_set_view (self, self->zoom, x, y);
}

void
cairn_viewport_pan (CairnViewport *self,
                    double         dx,
                    double         dy)
{
  g_return_if_fail (CAIRN_IS_VIEWPORT (self));
  cairn_viewport_set_view (self, self->zoom, self->offset_x + dx, self->offset_y + dy);
}

void
cairn_viewport_zoom_at (CairnViewport *self,
                        double         factor,
                        double         x,
                        double         y)
{
  double cx, cy, zoom;

  g_return_if_fail (CAIRN_IS_VIEWPORT (self));
  g_return_if_fail (factor > 0);

  zoom = CLAMP (self->zoom * factor, self->min_zoom, self->max_zoom);
  cairn_viewport_to_canvas (self, x, y, &cx, &cy);
  cairn_viewport_set_view (self, zoom, x - cx * zoom, y - cy * zoom);
}

void
cairn_viewport_fit (CairnViewport   *self,
                    const CairnRect *rect,
                    const CairnRect *area,
                    double           margin_x,
                    double           margin_y,
                    double           max_zoom)
{
  double zoom;

  g_return_if_fail (CAIRN_IS_VIEWPORT (self));
  g_return_if_fail (rect != NULL && area != NULL);

  if (cairn_rect_is_empty (rect))
    zoom = MIN (max_zoom, self->max_zoom);
  else
    zoom = MIN ((area->width - 2 * margin_x) / rect->width, (area->height - 2 * margin_y) / rect->height);
  zoom = CLAMP (zoom, self->min_zoom, MAX (self->min_zoom, MIN (max_zoom, self->max_zoom)));
  cairn_viewport_set_view (self, zoom, area->x + (area->width - rect->width * zoom) / 2 - rect->x * zoom,
                           area->y + (area->height - rect->height * zoom) / 2 - rect->y * zoom);
}

void
cairn_viewport_to_widget (CairnViewport *self,
                          double         cx,
                          double         cy,
                          double        *wx,
                          double        *wy)
{
  *wx = cx * self->zoom + self->offset_x;
  *wy = cy * self->zoom + self->offset_y;
}

void
cairn_viewport_to_canvas (CairnViewport *self,
                          double         wx,
                          double         wy,
                          double        *cx,
                          double        *cy)
{
  *cx = (wx - self->offset_x) / self->zoom;
  *cy = (wy - self->offset_y) / self->zoom;
}
