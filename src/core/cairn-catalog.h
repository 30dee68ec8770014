/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cairn-json.h"
#include "cairn-predicate.h"

G_BEGIN_DECLS

/* A product catalog ("cairn-catalog", version 1, DESIGN §4). */
typedef struct _CairnCatalog CairnCatalog;

CairnCatalog *cairn_catalog_new_from_json (JsonNode      *root,
                                           const char    *filename,
                                           GError       **error);
/* The same, its errors located with @positions (of the document @root is
 * in, such as a scenario with an inline catalog). */
CairnCatalog *cairn_catalog_new_from_json_at (JsonNode           *root,
                                              const char         *filename,
                                              CairnJsonPositions *positions,
                                              GError            **error);
CairnCatalog *cairn_catalog_load_file     (const char    *path,
                                           GError       **error);
CairnCatalog *cairn_catalog_ref           (CairnCatalog  *catalog);
void          cairn_catalog_unref         (CairnCatalog  *catalog);
guint         cairn_catalog_get_n_products(CairnCatalog  *catalog);
JsonObject   *cairn_catalog_get_product   (CairnCatalog  *catalog,
                                           guint          index);
JsonObject   *cairn_catalog_find_product  (CairnCatalog  *catalog,
                                           const char    *id);

/* Picks products for a `recommendations` config (§4, M5). @context gives
 * the user (for `where` predicates; `param` reads @context->params, which
 * the engine sets to the entry event's params); @entry_category is the
 * entry event's `category` param (NULL when none); @purchased holds the ids
 * to leave out when exclude_purchased is set (may be NULL). Returns a new
 * array of product object nodes (shared with the catalog), never NULL. */
JsonArray    *cairn_catalog_recommend     (CairnCatalog                *catalog,
                                           JsonObject                  *spec,
                                           const char                  *entry_category,
                                           GHashTable                  *purchased,
                                           const CairnPredicateContext *context);

/* The product an event bought, which exclude_purchased leaves out: a
 * `purchase` event's string `product_id` param (@product_id, or NULL),
 * when @catalog has that product; then the catalog's own id string, which
 * stays as long as @catalog. Else NULL. */
const char   *cairn_catalog_purchased_id  (CairnCatalog                *catalog,
                                           const char                  *name,
                                           const char                  *product_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnCatalog, cairn_catalog_unref)

G_END_DECLS
