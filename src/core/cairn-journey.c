/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-journey.h"

struct _CairnJourney
{
  GObject              parent_instance;

  JsonNode            *root;        /* always an object node */
  char                *filename;
  CairnJsonPositions  *positions;   /* dropped at the first edit */

  GPtrArray           *nodes;       /* CairnNode* */
  GPtrArray           *edges;       /* CairnEdge* */
  GHashTable          *node_by_id;  /* id → CairnNode* (first wins) */
  GHashTable          *edge_by_port;/* "from\nport" → CairnEdge* (first wins) */

  guint                freeze_count;
  gboolean             changed_pending;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_FILENAME, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CairnJourney, cairn_journey, G_TYPE_OBJECT)

static JsonObject *
root_object (CairnJourney *self)
{
  return json_node_get_object (self->root);
}

static void
reindex (CairnJourney *self)
{
  JsonArray *nodes = cairn_json_get_array (root_object (self), "nodes");
  JsonArray *edges = cairn_json_get_array (root_object (self), "edges");

  g_ptr_array_set_size (self->nodes, 0);
  g_ptr_array_set_size (self->edges, 0);
  g_hash_table_remove_all (self->node_by_id);
  g_hash_table_remove_all (self->edge_by_port);

  for (guint i = 0; nodes && i < json_array_get_length (nodes); i++)
    {
      JsonNode *element = json_array_get_element (nodes, i);
      CairnNode *node;
      JsonObject *position;
      double v;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      node = g_new0 (CairnNode, 1);
      node->object = json_node_get_object (element);
      node->id = cairn_json_get_string (node->object, "id");
      node->type = cairn_json_get_string (node->object, "type");
      node->kind = cairn_registry_lookup (node->type);
      node->label = cairn_json_get_string (node->object, "label");
      node->config = cairn_json_get_object (node->object, "config");
      position = cairn_json_get_object (node->object, "position");
      if (cairn_json_get_number (position, "x", &v))
        node->x = v;
      if (cairn_json_get_number (position, "y", &v))
        node->y = v;
      node->index = self->nodes->len;
      g_ptr_array_add (self->nodes, node);
      if (node->id != NULL && !g_hash_table_contains (self->node_by_id, node->id))
        g_hash_table_insert (self->node_by_id, (gpointer) node->id, node);
    }

  for (guint i = 0; edges && i < json_array_get_length (edges); i++)
    {
      JsonNode *element = json_array_get_element (edges, i);
      CairnEdge *edge;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      edge = g_new0 (CairnEdge, 1);
      edge->object = json_node_get_object (element);
      edge->from = cairn_json_get_string (edge->object, "from");
      edge->port = cairn_json_get_string (edge->object, "port");
      if (edge->port == NULL)
        edge->port = "out";
      edge->to = cairn_json_get_string (edge->object, "to");
      edge->index = self->edges->len;
      g_ptr_array_add (self->edges, edge);
      if (edge->from == NULL)
        continue;
      key = g_strconcat (edge->from, "\n", edge->port, NULL);
      if (!g_hash_table_contains (self->edge_by_port, key))
        g_hash_table_insert (self->edge_by_port, key, edge);
      else
        g_free (key);
    }
}

static void
emit_changed (CairnJourney *self)
{
  reindex (self);
  g_clear_pointer (&self->positions, cairn_json_positions_free);
  if (self->freeze_count > 0)
    {
      self->changed_pending = TRUE;
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cairn_journey_finalize (GObject *object)
{
  CairnJourney *self = CAIRN_JOURNEY (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->positions, cairn_json_positions_free);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->edges, g_ptr_array_unref);
  g_clear_pointer (&self->node_by_id, g_hash_table_unref);
  g_clear_pointer (&self->edge_by_port, g_hash_table_unref);

  G_OBJECT_CLASS (cairn_journey_parent_class)->finalize (object);
}

static void
cairn_journey_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CairnJourney *self = CAIRN_JOURNEY (object);

  switch (prop_id)
    {
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_NAME:
      g_value_set_string (value, cairn_journey_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_journey_class_init (CairnJourneyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cairn_journey_finalize;
  object_class->get_property = cairn_journey_get_property;

  properties[PROP_FILENAME] =
    g_param_spec_string ("filename", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CairnJourney::changed:
   *
   * The document changed; CairnNode and CairnEdge pointers obtained before
   * are no longer valid.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cairn_journey_init (CairnJourney *self)
{
  self->nodes = g_ptr_array_new_with_free_func (g_free);
  self->edges = g_ptr_array_new_with_free_func (g_free);
  self->node_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->edge_by_port = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static CairnJourney *
journey_take_root (JsonNode           *root,
                   const char         *filename,
                   CairnJsonPositions *positions)
{
  CairnJourney *self = g_object_new (CAIRN_TYPE_JOURNEY, NULL);

  self->root = root;
  self->filename = g_strdup (filename);
  self->positions = positions;
  reindex (self);
  return self;
}

CairnJourney *
cairn_journey_new (void)
{
  JsonObject *object = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "format", "cairn-journey");
  json_object_set_int_member (object, "version", 1);
  json_object_set_string_member (object, "id", "journey");
  json_object_set_string_member (object, "name", _("New journey"));
  json_object_set_string_member (object, "timezone", "UTC");
  json_object_set_array_member (object, "nodes", json_array_new ());
  json_object_set_array_member (object, "edges", json_array_new ());
  json_node_take_object (root, object);
  return journey_take_root (root, NULL, NULL);
}

CairnJourney *
cairn_journey_load_data (const char  *data,
                         gssize       length,
                         const char  *filename,
                         GError     **error)
{
  CairnJsonPositions *positions = NULL;
  JsonNode *root;

  if (length < 0)
    length = strlen (data);
  root = cairn_json_parse (data, length, filename, &positions, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("%s:1:1: a journey must be a JSON object with \"format\": \"cairn-journey\""),
                   filename ? filename : "<input>");
      json_node_unref (root);
      cairn_json_positions_free (positions);
      return NULL;
    }
  return journey_take_root (root, filename, positions);
}

CairnJourney *
cairn_journey_load_file (const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  contents = cairn_file_read (path, CAIRN_JSON_MAX_FILE_SIZE, &length, error);
  if (contents == NULL)
    return NULL;
  return cairn_journey_load_data (contents, length, path, error);
}

CairnJourney *
cairn_journey_new_from_json (JsonNode   *root,
                             const char *filename)
{
  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);
  return journey_take_root (cairn_json_deep_copy (root), filename, NULL);
}

char *
cairn_journey_to_data (CairnJourney *self,
                       gsize        *length)
{
  char *text;
  char *data;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);

  text = cairn_json_to_string (self->root, TRUE);
  data = g_strconcat (text, "\n", NULL);
  g_free (text);
  if (length)
    *length = strlen (data);
  return data;
}

gboolean
cairn_journey_save_file (CairnJourney  *self,
                         const char    *path,
                         GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = cairn_journey_to_data (self, &length);
  if (!cairn_file_write_atomic (path, data, length, error))
    return FALSE;
  cairn_journey_set_filename (self, path);
  return TRUE;
}

const char *
cairn_journey_get_filename (CairnJourney *self)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  return self->filename;
}

void
cairn_journey_set_filename (CairnJourney *self,
                            const char   *filename)
{
  g_return_if_fail (CAIRN_IS_JOURNEY (self));
  if (g_strcmp0 (self->filename, filename) == 0)
    return;
  g_free (self->filename);
  self->filename = g_strdup (filename);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILENAME]);
}

JsonNode *
cairn_journey_get_root (CairnJourney *self)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  return self->root;
}

JsonObject *
cairn_journey_get_object (CairnJourney *self)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  return root_object (self);
}

const char *
cairn_journey_get_id (CairnJourney *self)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  return cairn_json_get_string (root_object (self), "id");
}

const char *
cairn_journey_get_name (CairnJourney *self)
{
  const char *name;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  name = cairn_json_get_string (root_object (self), "name");
  return name ? name : cairn_journey_get_id (self);
}

const char *
cairn_journey_get_timezone (CairnJourney *self)
{
  const char *tz;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  tz = cairn_json_get_string (root_object (self), "timezone");
  return tz ? tz : "UTC";
}

guint
cairn_journey_get_n_nodes (CairnJourney *self)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), 0);
  return self->nodes->len;
}

CairnNode *
cairn_journey_get_node (CairnJourney *self,
                        guint         index)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);
  return g_ptr_array_index (self->nodes, index);
}

CairnNode *
cairn_journey_find_node (CairnJourney *self,
                         const char   *id)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  return id ? g_hash_table_lookup (self->node_by_id, id) : NULL;
}

guint
cairn_journey_get_n_edges (CairnJourney *self)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), 0);
  return self->edges->len;
}

CairnEdge *
cairn_journey_get_edge (CairnJourney *self,
                        guint         index)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);
  return g_ptr_array_index (self->edges, index);
}

CairnEdge *
cairn_journey_find_edge (CairnJourney *self,
                         const char   *from,
                         const char   *port)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  if (from == NULL)
    return NULL;
  key = g_strconcat (from, "\n", port ? port : "out", NULL);
  return g_hash_table_lookup (self->edge_by_port, key);
}

CairnNode *
cairn_journey_get_starter (CairnJourney *self)
{
  CairnNode *starter = NULL;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      CairnNode *node = g_ptr_array_index (self->nodes, i);
      if (node->kind != NULL && node->kind->is_starter)
        {
          if (starter != NULL)
            return NULL;
          starter = node;
        }
    }
  return starter;
}

gboolean
cairn_journey_lookup_position (CairnJourney *self,
                               JsonNode     *value,
                               guint        *line,
                               guint        *column)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), FALSE);
  return cairn_json_positions_lookup (self->positions, value, line, column);
}

/* Edits */

static JsonArray *
ensure_array (CairnJourney *self,
              const char   *member)
{
  JsonArray *array = cairn_json_get_array (root_object (self), member);
  if (array == NULL)
    {
      array = json_array_new ();
      json_object_set_array_member (root_object (self), member, array);
    }
  return array;
}

static void
set_number (JsonObject *object,
            const char *member,
            double      value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    json_object_set_int_member (object, member, (gint64) value);
  else
    json_object_set_double_member (object, member, value);
}

static char *
unique_id (CairnJourney *self,
           const char   *base)
{
  for (guint n = 1;; n++)
    {
      char *id = g_strdup_printf ("%s%u", base, n);
      if (!g_hash_table_contains (self->node_by_id, id))
        return id;
      g_free (id);
    }
}

/* The kind's prefix ("wait", "split"); for a type Cairn does not know, the
 * part after its last dot. */
static char *
id_base_for_type (const char *type)
{
  const CairnNodeKind *kind = cairn_registry_lookup (type);
  const char *dot;

  if (type == NULL)
    return g_strdup ("node");
  if (kind != NULL && kind->id_prefix != NULL)
    return g_strdup (kind->id_prefix);
  dot = strrchr (type, '.');
  return g_strdup (dot ? dot + 1 : type);
}

const char *
cairn_journey_add_node (CairnJourney *self,
                        const char   *type,
                        double        x,
                        double        y)
{
  const CairnNodeKind *kind;
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;
  JsonObject *position;
  const char *result;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  kind = cairn_registry_lookup (type);
  base = id_base_for_type (type);
  id = unique_id (self, base);

  object = json_object_new ();
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "label", kind ? g_dgettext (GETTEXT_PACKAGE, kind->name) : type);
  position = json_object_new ();
  set_number (position, "x", round (x));
  set_number (position, "y", round (y));
  json_object_set_object_member (object, "position", position);
  if (kind != NULL && kind->n_fields > 0)
    json_object_set_object_member (object, "config", cairn_node_kind_new_config (kind));
  json_array_add_object_element (ensure_array (self, "nodes"), object);

  emit_changed (self);
  result = cairn_json_get_string (object, "id");
  return result;
}

const char *
cairn_journey_insert_node_object (CairnJourney *self,
                                  JsonObject   *node_object)
{
  JsonNode *copy_node;
  JsonObject *copy;
  const char *id;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  g_return_val_if_fail (node_object != NULL, NULL);

  copy = cairn_json_object_deep_copy (node_object);
  copy_node = json_node_alloc ();
  json_node_init_object (copy_node, NULL);
  json_node_take_object (copy_node, copy);

  id = cairn_json_get_string (copy, "id");
  if (id == NULL || g_hash_table_contains (self->node_by_id, id))
    {
      g_autofree char *base = id_base_for_type (cairn_json_get_string (copy, "type"));
      g_autofree char *fresh = unique_id (self, base);
      json_object_set_string_member (copy, "id", fresh);
    }
  json_array_add_element (ensure_array (self, "nodes"), copy_node);
  emit_changed (self);
  return cairn_json_get_string (copy, "id");
}

gboolean
cairn_journey_remove_node (CairnJourney *self,
                           const char   *id)
{
  JsonArray *nodes, *edges;
  CairnNode *node;
  g_autofree char *owned_id = NULL;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), FALSE);

  node = cairn_journey_find_node (self, id);
  if (node == NULL)
    return FALSE;
  owned_id = g_strdup (id);

  edges = cairn_json_get_array (root_object (self), "edges");
  for (guint i = edges ? json_array_get_length (edges) : 0; i-- > 0;)
    {
      JsonNode *element = json_array_get_element (edges, i);
      JsonObject *edge;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      edge = json_node_get_object (element);
      if (g_strcmp0 (cairn_json_get_string (edge, "from"), owned_id) == 0
          || g_strcmp0 (cairn_json_get_string (edge, "to"), owned_id) == 0)
        json_array_remove_element (edges, i);
    }

  nodes = cairn_json_get_array (root_object (self), "nodes");
  for (guint i = json_array_get_length (nodes); i-- > 0;)
    {
      JsonNode *element = json_array_get_element (nodes, i);
      if (JSON_NODE_HOLDS_OBJECT (element) && json_node_get_object (element) == node->object)
        {
          json_array_remove_element (nodes, i);
          break;
        }
    }

  emit_changed (self);
  return TRUE;
}

void
cairn_journey_move_node (CairnJourney *self,
                         const char   *id,
                         double        x,
                         double        y)
{
  CairnNode *node;
  JsonObject *position;

  g_return_if_fail (CAIRN_IS_JOURNEY (self));

  node = cairn_journey_find_node (self, id);
  if (node == NULL)
    return;
  position = cairn_json_get_object (node->object, "position");
  if (position == NULL)
    {
      position = json_object_new ();
      json_object_set_object_member (node->object, "position", position);
    }
  set_number (position, "x", round (x));
  set_number (position, "y", round (y));
  emit_changed (self);
}

void
cairn_journey_set_node_label (CairnJourney *self,
                              const char   *id,
                              const char   *label)
{
  CairnNode *node;

  g_return_if_fail (CAIRN_IS_JOURNEY (self));

  node = cairn_journey_find_node (self, id);
  if (node == NULL)
    return;
  if (label != NULL)
    json_object_set_string_member (node->object, "label", label);
  else if (json_object_has_member (node->object, "label"))
    json_object_remove_member (node->object, "label");
  emit_changed (self);
}

void
cairn_journey_set_node_config (CairnJourney *self,
                               const char   *id,
                               JsonObject   *config)
{
  CairnNode *node;

  g_return_if_fail (CAIRN_IS_JOURNEY (self));

  node = cairn_journey_find_node (self, id);
  if (node == NULL)
    return;
  if (config == NULL)
    {
      if (json_object_has_member (node->object, "config"))
        json_object_remove_member (node->object, "config");
    }
  else
    {
      json_object_set_object_member (node->object, "config", cairn_json_object_deep_copy (config));
    }
  emit_changed (self);
}

gboolean
cairn_journey_connect (CairnJourney  *self,
                       const char    *from,
                       const char    *port,
                       const char    *to,
                       GError       **error)
{
  CairnNode *source, *target;
  g_autoptr(GPtrArray) ports = NULL;
  gboolean has_port = FALSE;
  JsonObject *edge;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), FALSE);

  if (port == NULL)
    port = "out";
  source = cairn_journey_find_node (self, from);
  target = cairn_journey_find_node (self, to);
  if (source == NULL || target == NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, _("There is no node “%s”"),
                   source == NULL ? from : to);
      return FALSE;
    }
  if (target->kind != NULL && target->kind->is_starter)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("Nothing can lead into the starter: users only enter the journey there"));
      return FALSE;
    }
  if (source == target)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("A node cannot lead to itself"));
      return FALSE;
    }
  ports = cairn_node_kind_ports (source->kind, source->config);
  for (guint i = 0; i < ports->len; i++)
    if (strcmp (((CairnPort *) g_ptr_array_index (ports, i))->id, port) == 0)
      has_port = TRUE;
  if (!has_port)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("“%s” has no output “%s”"), source->label ? source->label : from, port);
      return FALSE;
    }
  if (cairn_journey_find_edge (self, from, port) != NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("The output “%s” of “%s” is already connected; remove that connection first"),
                   port, source->label ? source->label : from);
      return FALSE;
    }

  edge = json_object_new ();
  json_object_set_string_member (edge, "from", from);
  json_object_set_string_member (edge, "port", port);
  json_object_set_string_member (edge, "to", to);
  json_array_add_object_element (ensure_array (self, "edges"), edge);
  emit_changed (self);
  return TRUE;
}

gboolean
cairn_journey_disconnect (CairnJourney *self,
                          const char   *from,
                          const char   *port)
{
  CairnEdge *edge;
  JsonArray *edges;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), FALSE);

  edge = cairn_journey_find_edge (self, from, port);
  if (edge == NULL)
    return FALSE;
  edges = cairn_json_get_array (root_object (self), "edges");
  for (guint i = 0; i < json_array_get_length (edges); i++)
    {
      JsonNode *element = json_array_get_element (edges, i);
      if (JSON_NODE_HOLDS_OBJECT (element) && json_node_get_object (element) == edge->object)
        {
          json_array_remove_element (edges, i);
          break;
        }
    }
  emit_changed (self);
  return TRUE;
}

void
cairn_journey_set_member (CairnJourney *self,
                          const char   *member,
                          JsonNode     *value)
{
  g_return_if_fail (CAIRN_IS_JOURNEY (self));
  g_return_if_fail (member != NULL);

  if (value == NULL)
    {
      if (!json_object_has_member (root_object (self), member))
        return;
      json_object_remove_member (root_object (self), member);
    }
  else
    json_object_set_member (root_object (self), member, cairn_json_deep_copy (value));
  emit_changed (self);
  if (strcmp (member, "name") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
cairn_journey_replace_root (CairnJourney *self,
                            JsonNode     *root)
{
  g_return_if_fail (CAIRN_IS_JOURNEY (self));
  g_return_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root));

  json_node_unref (self->root);
  self->root = cairn_json_deep_copy (root);
  emit_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
cairn_journey_freeze_changed (CairnJourney *self)
{
  g_return_if_fail (CAIRN_IS_JOURNEY (self));
  self->freeze_count++;
}

void
cairn_journey_thaw_changed (CairnJourney *self)
{
  g_return_if_fail (CAIRN_IS_JOURNEY (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count == 0 && self->changed_pending)
    {
      self->changed_pending = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

char *
cairn_journey_content_hash (CairnJourney *self)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) copy = NULL;
  JsonNode *root = self->root;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (self), NULL);
  /* The server revisions a publish records say where the document went,
     not what it is: a published journey is the same journey. */
  if (JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), "server_revisions"))
    {
      /* json_node_copy () shares the object: build one without the member */
      JsonObject *object = json_node_get_object (root);
      JsonObject *rest = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        if (strcmp (name, "server_revisions") != 0)
          json_object_set_member (rest, name, json_node_ref (value));
      copy = json_node_init_object (json_node_alloc (), rest);
      json_object_unref (rest);
      root = copy;
    }
  text = cairn_json_to_string (root, FALSE);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}
