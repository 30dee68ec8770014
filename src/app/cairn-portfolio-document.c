/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-portfolio-document.h"

struct _CairnPortfolioDocument
{
  GObject     parent_instance;

  JsonNode   *root;        /* the object as read, unknown members kept */
  JsonNode   *parked_cap;  /* the cap while it is switched off */
  char       *filename;
  GListStore *journeys;
  gboolean    modified;
};

G_DEFINE_FINAL_TYPE (CairnPortfolioDocument, cairn_portfolio_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_FILENAME,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_modified (CairnPortfolioDocument *self,
              gboolean                modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
cairn_portfolio_document_finalize (GObject *object)
{
  CairnPortfolioDocument *self = CAIRN_PORTFOLIO_DOCUMENT (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->parked_cap, json_node_unref);
  g_clear_pointer (&self->filename, g_free);
  g_clear_object (&self->journeys);
  G_OBJECT_CLASS (cairn_portfolio_document_parent_class)->finalize (object);
}

static void
cairn_portfolio_document_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CairnPortfolioDocument *self = CAIRN_PORTFOLIO_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_NAME:
      g_value_set_string (value, cairn_portfolio_document_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_portfolio_document_class_init (CairnPortfolioDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cairn_portfolio_document_finalize;
  object_class->get_property = cairn_portfolio_document_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILENAME] =
    g_param_spec_string ("filename", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_portfolio_document_init (CairnPortfolioDocument *self)
{
  self->journeys = g_list_store_new (CAIRN_TYPE_PORTFOLIO_ENTRY);
}

static JsonObject *
root_object (CairnPortfolioDocument *self)
{
  return json_node_get_object (self->root);
}

CairnPortfolioDocument *
cairn_portfolio_document_new (void)
{
  CairnPortfolioDocument *self = g_object_new (CAIRN_TYPE_PORTFOLIO_DOCUMENT, NULL);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "format", "cairn-portfolio");
  json_object_set_int_member (object, "version", 1);
  json_object_set_string_member (object, "id", "portfolio");
  json_object_set_string_member (object, "name", _("Untitled Portfolio"));
  json_object_set_array_member (object, "journeys", json_array_new ());
  self->root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return self;
}

gboolean
cairn_portfolio_document_is_portfolio_file (const char *path)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  root = cairn_json_load_file (path, NULL, NULL);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         && g_strcmp0 (cairn_json_get_string (json_node_get_object (root), "format"), "cairn-portfolio") == 0;
}

CairnPortfolioDocument *
cairn_portfolio_document_load_file (const char  *path,
                                    GError     **error)
{
  g_autoptr(CairnPortfolioDocument) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = NULL;
  JsonArray *journeys;

  g_return_val_if_fail (path != NULL, NULL);

  root = cairn_json_load_file (path, NULL, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (cairn_json_get_string (json_node_get_object (root), "format"), "cairn-portfolio") != 0)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("%s: not a portfolio (its “format” is not “cairn-portfolio”)"), path);
      return NULL;
    }

  self = g_object_new (CAIRN_TYPE_PORTFOLIO_DOCUMENT, NULL);
  self->root = g_steal_pointer (&root);
  self->filename = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (self->filename);
  /* What is not a string stays for the validator to name; the list shows
     the journeys it can. */
  journeys = cairn_json_get_array (root_object (self), "journeys");
  for (guint i = 0; journeys != NULL && i < json_array_get_length (journeys); i++)
    {
      JsonNode *node = json_array_get_element (journeys, i);
      const char *written;
      g_autofree char *resolved = NULL;
      g_autoptr(CairnPortfolioEntry) entry = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      written = json_node_get_string (node);
      resolved = g_canonicalize_filename (written, dir);
      entry = cairn_portfolio_entry_new (resolved, written);
      g_list_store_append (self->journeys, entry);
    }
  return g_steal_pointer (&self);
}

char *
cairn_portfolio_relative_path (const char *dir,
                               const char *path)
{
  g_autofree char *from = g_canonicalize_filename (dir, NULL);
  g_autofree char *to = g_canonicalize_filename (path, NULL);
  g_auto(GStrv) a = g_strsplit (from, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) b = g_strsplit (to, G_DIR_SEPARATOR_S, -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  guint common = 0;

  g_return_val_if_fail (dir != NULL && path != NULL, NULL);

  while (a[common] != NULL && b[common] != NULL && g_str_equal (a[common], b[common]))
    common++;
  for (guint i = common; a[i] != NULL; i++)
    if (*a[i] != '\0')
      g_ptr_array_add (parts, "..");
  for (guint i = common; b[i] != NULL; i++)
    g_ptr_array_add (parts, b[i]);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("/", (char **) parts->pdata);
}

char *
cairn_portfolio_document_to_data (CairnPortfolioDocument *self,
                                  const char             *path)
{
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  JsonArray *journeys = json_array_new ();
  guint n;

  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self), NULL);

  if (path == NULL)
    path = self->filename;
  dir = path ? g_path_get_dirname (path) : NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->journeys));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CairnPortfolioEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->journeys), i);
      const char *written = cairn_portfolio_entry_get_written (entry);
      const char *resolved = cairn_portfolio_entry_get_path (entry);
      g_autofree char *again = NULL;
      g_autofree char *relative = NULL;

      if (dir == NULL)
        {
          json_array_add_string_element (journeys, resolved);
          continue;
        }
      /* The author's spelling stays while it still names the file. */
      if (written != NULL)
        again = g_canonicalize_filename (written, dir);
      if (again != NULL && g_str_equal (again, resolved))
        json_array_add_string_element (journeys, written);
      else
        {
          relative = cairn_portfolio_relative_path (dir, resolved);
          json_array_add_string_element (journeys, relative);
        }
    }
  copy = cairn_json_deep_copy (self->root);
  json_object_set_array_member (json_node_get_object (copy), "journeys", journeys);
  text = cairn_json_to_string (copy, TRUE);
  return g_strconcat (text, "\n", NULL);
}

gboolean
cairn_portfolio_document_save_file (CairnPortfolioDocument  *self,
                                    const char              *path,
                                    GError                 **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  guint n;

  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  data = cairn_portfolio_document_to_data (self, canonical);
  if (!cairn_file_write_atomic (canonical, data, -1, error))
    return FALSE;

  /* What was written is the document now: the journeys' spelling too. */
  dir = g_path_get_dirname (canonical);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->journeys));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CairnPortfolioEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->journeys), i);
      g_autofree char *relative = cairn_portfolio_relative_path (dir, cairn_portfolio_entry_get_path (entry));

      if (g_strcmp0 (cairn_portfolio_entry_get_written (entry), relative) != 0)
        {
          g_autofree char *again = cairn_portfolio_entry_get_written (entry)
                                   ? g_canonicalize_filename (cairn_portfolio_entry_get_written (entry), dir) : NULL;
          g_autoptr(CairnPortfolioEntry) fresh = NULL;

          if (again != NULL && g_str_equal (again, cairn_portfolio_entry_get_path (entry)))
            continue;
          fresh = cairn_portfolio_entry_new (cairn_portfolio_entry_get_path (entry), relative);
          g_list_store_splice (self->journeys, i, 1, (gpointer *) &fresh, 1);
        }
    }
  if (g_strcmp0 (self->filename, canonical) != 0)
    {
      g_free (self->filename);
      self->filename = g_steal_pointer (&canonical);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILENAME]);
    }
  set_modified (self, FALSE);
  return TRUE;
}

const char *
cairn_portfolio_document_get_filename (CairnPortfolioDocument *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self), NULL);
  return self->filename;
}

const char *
cairn_portfolio_document_get_id (CairnPortfolioDocument *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self), NULL);
  return cairn_json_get_string (root_object (self), "id");
}

const char *
cairn_portfolio_document_get_name (CairnPortfolioDocument *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self), NULL);
  return cairn_json_get_string (root_object (self), "name");
}

void
cairn_portfolio_document_set_name (CairnPortfolioDocument *self,
                                   const char             *name)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (cairn_portfolio_document_get_name (self), name) == 0)
    return;
  json_object_set_string_member (root_object (self), "name", name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  set_modified (self, TRUE);
}

void
cairn_portfolio_document_set_id (CairnPortfolioDocument *self,
                                 const char             *id)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));
  g_return_if_fail (id != NULL);

  if (g_strcmp0 (cairn_portfolio_document_get_id (self), id) == 0)
    return;
  json_object_set_string_member (root_object (self), "id", id);
  set_modified (self, TRUE);
}

gboolean
cairn_portfolio_document_get_modified (CairnPortfolioDocument *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self), FALSE);
  return self->modified;
}

GListModel *
cairn_portfolio_document_get_journeys (CairnPortfolioDocument *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->journeys);
}

void
cairn_portfolio_document_add_journey (CairnPortfolioDocument *self,
                                      const char             *path)
{
  g_autofree char *canonical = NULL;
  g_autoptr(CairnPortfolioEntry) entry = NULL;

  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));
  g_return_if_fail (path != NULL);

  canonical = g_canonicalize_filename (path, NULL);
  entry = cairn_portfolio_entry_new (canonical, NULL);
  g_list_store_append (self->journeys, entry);
  set_modified (self, TRUE);
}

/* Replaces the items in [@start, @end) by themselves, the one at @from
 * moved to @to (or dropped when @to is the length), so that every row whose
 * priority changed is made again and shows its new rank. */
static void
splice_moved (CairnPortfolioDocument *self,
              guint                   start,
              guint                   end,
              guint                   from,
              guint                   to)
{
  GListModel *model = G_LIST_MODEL (self->journeys);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gpointer moved = g_list_model_get_item (model, from);

  for (guint i = start; i < end; i++)
    if (i != from)
      g_ptr_array_add (items, g_list_model_get_item (model, i));
  if (to < n)
    g_ptr_array_insert (items, to - start, moved);
  else
    g_object_unref (moved);
  g_list_store_splice (self->journeys, start, end - start, items->pdata, items->len);
}

void
cairn_portfolio_document_remove_journey (CairnPortfolioDocument *self,
                                         guint                   position)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));

  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->journeys));

  if (position >= n)
    return;
  splice_moved (self, position, n, position, n);
  set_modified (self, TRUE);
}

void
cairn_portfolio_document_move_journey (CairnPortfolioDocument *self,
                                       guint                   from,
                                       guint                   to)
{
  guint n;

  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->journeys));
  if (from >= n || to >= n || from == to)
    return;
  splice_moved (self, MIN (from, to), MAX (from, to) + 1, from, to);
  set_modified (self, TRUE);
}

static JsonObject *
cap_object (CairnPortfolioDocument *self)
{
  return cairn_json_get_object (root_object (self), "frequency_cap");
}

gboolean
cairn_portfolio_document_get_cap (CairnPortfolioDocument  *self,
                                  gint64                  *max_messages,
                                  const char             **per,
                                  GStrv                   *channels)
{
  JsonObject *cap;
  JsonArray *list;
  double max = 0;

  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self), FALSE);

  cap = cap_object (self);
  if (cap == NULL && self->parked_cap != NULL)
    cap = json_node_get_object (self->parked_cap);
  if (max_messages)
    *max_messages = cap && cairn_json_get_number (cap, "max_messages", &max) ? (gint64) max : 0;
  if (per)
    *per = cap ? cairn_json_get_string (cap, "per") : NULL;
  if (channels)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      list = cap ? cairn_json_get_array (cap, "channels") : NULL;
      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonNode *node = json_array_get_element (list, i);
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
      *channels = g_strv_builder_end (builder);
    }
  return cap_object (self) != NULL;
}

void
cairn_portfolio_document_set_cap_enabled (CairnPortfolioDocument *self,
                                          gboolean                enabled)
{
  JsonObject *root;

  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));

  root = root_object (self);
  if (enabled == (cap_object (self) != NULL))
    return;
  if (enabled)
    {
      if (self->parked_cap == NULL)
        {
          JsonObject *cap = json_object_new ();

          json_object_set_int_member (cap, "max_messages", 2);
          json_object_set_string_member (cap, "per", "P1D");
          self->parked_cap = json_node_init_object (json_node_alloc (), cap);
          json_object_unref (cap);
        }
      json_object_set_member (root, "frequency_cap", g_steal_pointer (&self->parked_cap));
    }
  else
    {
      g_clear_pointer (&self->parked_cap, json_node_unref);
      self->parked_cap = json_node_ref (json_object_get_member (root, "frequency_cap"));
      json_object_remove_member (root, "frequency_cap");
    }
  set_modified (self, TRUE);
}

/* The cap to edit, switched on by the edit. */
static JsonObject *
editable_cap (CairnPortfolioDocument *self)
{
  cairn_portfolio_document_set_cap_enabled (self, TRUE);
  return cap_object (self);
}

void
cairn_portfolio_document_set_cap_max (CairnPortfolioDocument *self,
                                      gint64                  max_messages)
{
  JsonObject *cap;
  double old = 0;

  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));

  cap = editable_cap (self);
  if (cairn_json_get_number (cap, "max_messages", &old) && old == (double) max_messages)
    return;
  json_object_set_int_member (cap, "max_messages", max_messages);
  set_modified (self, TRUE);
}

void
cairn_portfolio_document_set_cap_per (CairnPortfolioDocument *self,
                                      const char             *per)
{
  JsonObject *cap;

  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));
  g_return_if_fail (per != NULL);

  cap = editable_cap (self);
  if (g_strcmp0 (cairn_json_get_string (cap, "per"), per) == 0)
    return;
  json_object_set_string_member (cap, "per", per);
  set_modified (self, TRUE);
}

void
cairn_portfolio_document_set_cap_channels (CairnPortfolioDocument *self,
                                           const char * const     *channels)
{
  JsonObject *cap;
  JsonArray *array;

  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (self));

  cap = editable_cap (self);
  if (channels == NULL || channels[0] == NULL)
    {
      if (json_object_has_member (cap, "channels"))
        {
          json_object_remove_member (cap, "channels");
          set_modified (self, TRUE);
        }
      return;
    }
  array = json_array_new ();
  for (guint i = 0; channels[i] != NULL; i++)
    json_array_add_string_element (array, channels[i]);
  json_object_set_array_member (cap, "channels", array);
  set_modified (self, TRUE);
}
