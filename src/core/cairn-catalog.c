/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-catalog.h"
#include "cairn-error.h"
#include "cairn-json.h"

struct _CairnCatalog
{
  gatomicrefcount  ref_count;
  JsonNode        *root;
  GPtrArray       *products;     /* of JsonNode (objects), catalog order */
  GHashTable      *by_id;        /* id → JsonNode, first of each id */
  JsonObject      *complements;  /* category → [category, ...], or NULL */
  /* Ranked candidates of recommendations without `where`, before
     exclude_purchased and count: "source|sort|category" → GArray of
     Candidate. */
  GRWLock          memo_lock;
  GHashTable      *memo;
};

CairnCatalog *
cairn_catalog_ref (CairnCatalog *catalog)
{
  g_return_val_if_fail (catalog != NULL, NULL);

  g_atomic_ref_count_inc (&catalog->ref_count);
  return catalog;
}

void
cairn_catalog_unref (CairnCatalog *catalog)
{
  if (catalog == NULL || !g_atomic_ref_count_dec (&catalog->ref_count))
    return;
  g_clear_pointer (&catalog->by_id, g_hash_table_unref);
  g_clear_pointer (&catalog->products, g_ptr_array_unref);
  g_clear_pointer (&catalog->memo, g_hash_table_unref);
  g_rw_lock_clear (&catalog->memo_lock);
  g_clear_pointer (&catalog->root, json_node_unref);
  g_free (catalog);
}

/* "file:LINE:COL: message", or "file: message" without a position. */
static void
set_error (GError             **error,
           const char          *filename,
           CairnJsonPositions  *positions,
           JsonNode            *node,
           const char          *message)
{
  guint line = 0, column = 0;

  if (filename == NULL)
    filename = "<catalog>";
  if (positions != NULL && node != NULL
      && cairn_json_positions_lookup (positions, node, &line, &column))
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, "%s:%u:%u: %s",
                 filename, line, column, message);
  else
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, "%s: %s", filename, message);
}

static CairnCatalog *
catalog_new (JsonNode            *root,
             const char          *filename,
             CairnJsonPositions  *positions,
             GError             **error)
{
  g_autoptr(CairnCatalog) catalog = NULL;
  JsonObject *object;
  JsonNode *format, *version, *products, *complements;
  JsonArray *list;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (error, filename, positions, root,
                 _("a catalog must be a JSON object with \"format\": \"cairn-catalog\""));
      return NULL;
    }
  object = json_node_get_object (root);

  /* An inline catalog in a scenario may leave out format and version. */
  format = json_object_get_member (object, "format");
  if (format != NULL && g_strcmp0 (cairn_json_get_string (object, "format"), "cairn-catalog") != 0)
    {
      set_error (error, filename, positions, format,
                 _("not a catalog: \"format\" must be \"cairn-catalog\""));
      return NULL;
    }
  version = json_object_get_member (object, "version");
  if (version != NULL
      && !(cairn_json_node_is_number (version) && cairn_json_node_number (version) == 1))
    {
      set_error (error, filename, positions, version,
                 _("unsupported catalog version (this version of Cairn reads version 1)"));
      return NULL;
    }

  products = json_object_get_member (object, "products");
  if (products == NULL || !JSON_NODE_HOLDS_ARRAY (products))
    {
      set_error (error, filename, positions, products != NULL ? products : root,
                 _("a catalog needs \"products\", a list of products"));
      return NULL;
    }

  complements = json_object_get_member (object, "complements");
  if (complements != NULL && !JSON_NODE_HOLDS_OBJECT (complements)
      && !JSON_NODE_HOLDS_NULL (complements))
    {
      set_error (error, filename, positions, complements,
                 _("\"complements\" must map a category to a list of categories, such as {\"furniture\": [\"rugs\", \"lighting\"]}"));
      return NULL;
    }

  catalog = g_new0 (CairnCatalog, 1);
  g_atomic_ref_count_init (&catalog->ref_count);
  catalog->root = json_node_ref (root);
  catalog->products = g_ptr_array_new ();
  catalog->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_rw_lock_init (&catalog->memo_lock);
  catalog->memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  if (complements != NULL && JSON_NODE_HOLDS_OBJECT (complements))
    {
      JsonObjectIter iter;
      const char *category;
      JsonNode *targets;

      catalog->complements = json_node_get_object (complements);
      json_object_iter_init (&iter, catalog->complements);
      while (json_object_iter_next (&iter, &category, &targets))
        if (!JSON_NODE_HOLDS_ARRAY (targets))
          {
            g_autofree char *message =
              g_strdup_printf (_("complements of \"%s\" must be a list of categories"), category);

            set_error (error, filename, positions, targets, message);
            return NULL;
          }
    }

  list = json_node_get_array (products);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *product = json_array_get_element (list, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (product))
        {
          g_autofree char *message =
            g_strdup_printf (_("product %u is not an object"), i + 1);

          set_error (error, filename, positions, product, message);
          return NULL;
        }
      id = cairn_json_get_string (json_node_get_object (product), "id");
      if (id == NULL || *id == '\0')
        {
          g_autofree char *message =
            g_strdup_printf (_("product %u has no \"id\""), i + 1);

          set_error (error, filename, positions, product, message);
          return NULL;
        }
      if (g_hash_table_contains (catalog->by_id, id))
        {
          g_autofree char *message =
            g_strdup_printf (_("two products have the id \"%s\""), id);

          set_error (error, filename, positions, product, message);
          return NULL;
        }
      g_hash_table_insert (catalog->by_id, (char *) id, product);
      g_ptr_array_add (catalog->products, product);
    }

  return g_steal_pointer (&catalog);
}

CairnCatalog *
cairn_catalog_new_from_json (JsonNode    *root,
                             const char  *filename,
                             GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return catalog_new (root, filename, NULL, error);
}

CairnCatalog *
cairn_catalog_new_from_json_at (JsonNode            *root,
                                const char          *filename,
                                CairnJsonPositions  *positions,
                                GError             **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return catalog_new (root, filename, positions, error);
}

CairnCatalog *
cairn_catalog_load_file (const char  *path,
                         GError     **error)
{
  g_autoptr(CairnJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = cairn_json_load_file (path, &positions, error);
  if (root == NULL)
    return NULL;
  return catalog_new (root, path, positions, error);
}

guint
cairn_catalog_get_n_products (CairnCatalog *catalog)
{
  g_return_val_if_fail (catalog != NULL, 0);

  return catalog->products->len;
}

JsonObject *
cairn_catalog_get_product (CairnCatalog *catalog,
                           guint         index)
{
  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (index < catalog->products->len, NULL);

  return json_node_get_object (g_ptr_array_index (catalog->products, index));
}

JsonObject *
cairn_catalog_find_product (CairnCatalog *catalog,
                            const char   *id)
{
  JsonNode *node;

  g_return_val_if_fail (catalog != NULL, NULL);

  if (id == NULL)
    return NULL;
  node = g_hash_table_lookup (catalog->by_id, id);
  return node != NULL ? json_node_get_object (node) : NULL;
}

/* Recommendations (M5) ---------------------------------------------------- */

typedef enum
{
  SORT_RANK,
  SORT_PRICE_ASC,
  SORT_PRICE_DESC,
} SortKey;

typedef struct
{
  JsonNode *product;
  guint     index;     /* catalog order, for ties */
  gboolean  has_key;
  double    key;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const Candidate *x = a, *y = b;
  SortKey sort = GPOINTER_TO_INT (user_data);

  /* Products without the sort key come last, in catalog order. */
  if (x->has_key != y->has_key)
    return x->has_key ? -1 : 1;
  if (x->has_key && x->key != y->key)
    {
      gboolean less = sort == SORT_PRICE_DESC ? x->key > y->key : x->key < y->key;
      return less ? -1 : 1;
    }
  return x->index < y->index ? -1 : x->index > y->index ? 1 : 0;
}

static gboolean
string_in_array (JsonArray  *array,
                 const char *text)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && strcmp (json_node_get_string (node), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The candidates of a recommendation, best first. */
static GArray *
rank (CairnCatalog          *catalog,
      const char            *source,
      JsonArray             *complementary,
      const char            *entry_category,
      JsonNode              *where,
      CairnPredicateContext *product_context,
      SortKey                sort)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < catalog->products->len; i++)
    {
      JsonNode *node = g_ptr_array_index (catalog->products, i);
      JsonObject *product = json_node_get_object (node);
      const char *category = cairn_json_get_string (product, "category");
      Candidate candidate = { node, i, FALSE, 0 };

      if (complementary != NULL
          && (category == NULL || !string_in_array (complementary, category)))
        continue;
      if (complementary == NULL && strcmp (source, "same_category") == 0
          && g_strcmp0 (category, entry_category) != 0)
        continue;
      if (where != NULL)
        {
          product_context->product = product;
          if (!cairn_predicate_eval (where, product_context))
            continue;
        }

      candidate.has_key = cairn_json_get_number (product, sort == SORT_RANK ? "rank" : "price",
                                                 &candidate.key);
      g_array_append_val (candidates, candidate);
    }
  g_array_sort_with_data (candidates, compare_candidates, GINT_TO_POINTER (sort));
  return candidates;
}

JsonArray *
cairn_catalog_recommend (CairnCatalog                *catalog,
                         JsonObject                  *spec,
                         const char                  *entry_category,
                         GHashTable                  *purchased,
                         const CairnPredicateContext *context)
{
  static const CairnPredicateContext empty_context = { 0 };
  JsonArray *result = json_array_new ();
  g_autoptr(GArray) candidates = NULL;
  const char *source, *sort_name;
  JsonArray *complementary = NULL;
  JsonNode *where, *exclude;
  gboolean exclude_any;
  CairnPredicateContext product_context;
  SortKey sort = SORT_RANK;
  gint64 count = 3;
  double number;

  if (catalog == NULL || spec == NULL)
    return result;
  if (context == NULL)
    context = &empty_context;

  source = cairn_json_get_string (spec, "source");
  if (source == NULL)
    return result;
  if (strcmp (source, "complementary") == 0)
    {
      /* The categories that complement the entry event's. */
      if (entry_category == NULL || catalog->complements == NULL)
        return result;
      complementary = cairn_json_get_array (catalog->complements, entry_category);
      if (complementary == NULL)
        return result;
    }
  else if (strcmp (source, "same_category") == 0)
    {
      if (entry_category == NULL)
        return result;
    }
  else if (strcmp (source, "all") != 0)
    return result;

  sort_name = cairn_json_get_string (spec, "sort");
  if (g_strcmp0 (sort_name, "price_asc") == 0)
    sort = SORT_PRICE_ASC;
  else if (g_strcmp0 (sort_name, "price_desc") == 0)
    sort = SORT_PRICE_DESC;

  if (cairn_json_get_number (spec, "count", &number))
    count = number < 0 ? 0 : number > G_MAXINT ? G_MAXINT : (gint64) number;

  where = json_object_get_member (spec, "where");
  exclude = json_object_get_member (spec, "exclude_purchased");
  exclude_any = exclude != NULL && JSON_NODE_HOLDS_VALUE (exclude)
                && json_node_get_value_type (exclude) == G_TYPE_BOOLEAN
                && json_node_get_boolean (exclude) && purchased != NULL;
  product_context = *context;
  if (count <= 0)
    return result;

  /* Without `where` the ranking depends on the source, the sort and the
     category only: it is made once. Sorting is a total order (catalog order
     breaks ties), so leaving out purchases afterwards changes nothing. */
  if (where == NULL)
    {
      g_autofree char *memo_key = g_strdup_printf ("%s|%d|%s", source, (int) sort, entry_category ? entry_category : "");

      /* Threads share the catalog: they read the memo together, and one
         at a time adds to it. */
      g_rw_lock_reader_lock (&catalog->memo_lock);
      candidates = g_hash_table_lookup (catalog->memo, memo_key);
      if (candidates != NULL)
        g_array_ref (candidates);
      g_rw_lock_reader_unlock (&catalog->memo_lock);
      if (candidates == NULL)
        {
          g_rw_lock_writer_lock (&catalog->memo_lock);
          candidates = g_hash_table_lookup (catalog->memo, memo_key);
          if (candidates == NULL)
            {
              candidates = rank (catalog, source, complementary, entry_category, NULL, NULL, sort);
              g_hash_table_insert (catalog->memo, g_steal_pointer (&memo_key), candidates);
            }
          g_array_ref (candidates);
          g_rw_lock_writer_unlock (&catalog->memo_lock);
        }
    }
  else
    candidates = rank (catalog, source, complementary, entry_category, where, &product_context, sort);

  for (guint i = 0; i < candidates->len && count > 0; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);
      if (exclude_any
          && g_hash_table_contains (purchased, cairn_json_get_string (json_node_get_object (candidate->product), "id")))
        continue;
      json_array_add_element (result, json_node_ref (candidate->product));
      count--;
    }
  return result;
}

const char *
cairn_catalog_purchased_id (CairnCatalog *catalog,
                            const char   *name,
                            const char   *product_id)
{
  JsonObject *product;

  if (catalog == NULL || name == NULL || strcmp (name, "purchase") != 0 || product_id == NULL)
    return NULL;
  product = cairn_catalog_find_product (catalog, product_id);
  return product ? cairn_json_get_string (product, "id") : NULL;
}
