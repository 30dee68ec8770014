/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cairn-catalog.h"
#include "cairn-error.h"
#include "cairn-json.h"

static const char *catalog_json =
  "{\"format\": \"cairn-catalog\", \"version\": 1, \"products\": ["
  " {\"id\": \"p1\", \"name\": \"Cushion\", \"category\": \"home-decor\", \"price\": 20, \"rank\": 2,"
  "  \"attributes\": {\"colour\": \"blue\", \"city\": \"London\"}, \"tags\": [\"soft\"]},"
  " {\"id\": \"p2\", \"name\": \"Lamp\", \"category\": \"lighting\", \"price\": 45, \"rank\": 1},"
  " {\"id\": \"p3\", \"name\": \"Rug\", \"category\": \"rugs\", \"price\": 120, \"rank\": 3},"
  " {\"id\": \"p4\", \"name\": \"Throw\", \"category\": \"home-decor\", \"price\": 15},"
  " {\"id\": \"p5\", \"name\": \"Sofa\", \"category\": \"furniture\", \"price\": 899, \"rank\": 1},"
  " {\"id\": \"p6\", \"name\": \"Armchair\", \"category\": \"furniture\", \"price\": 450.5, \"rank\": 1.0},"
  " {\"id\": \"p7\", \"name\": \"Vase\", \"category\": \"home-decor\", \"price\": \"cheap\", \"rank\": 2,"
  "  \"attributes\": {\"colour\": \"red\"}},"
  " {\"id\": \"p8\", \"name\": \"Footstool\", \"category\": \"furniture\", \"rank\": null}"
  "],"
  " \"complements\": {\"furniture\": [\"home-decor\", \"lighting\"], \"rugs\": []}}";

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static CairnCatalog *
make_catalog (void)
{
  g_autoptr(JsonNode) root = parse_json (catalog_json);
  g_autoptr(GError) error = NULL;
  CairnCatalog *catalog = cairn_catalog_new_from_json (root, "home.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

/* Runs a recommendation and returns the ids, space-separated. */
static char *
recommend (CairnCatalog                *catalog,
           const char                  *spec_json,
           const char                  *entry_category,
           GHashTable                  *purchased,
           const CairnPredicateContext *context)
{
  g_autoptr(JsonNode) spec = parse_json (spec_json);
  g_autoptr(JsonArray) products =
    cairn_catalog_recommend (catalog, json_node_get_object (spec), entry_category, purchased, context);
  GString *ids = g_string_new (NULL);

  g_assert_nonnull (products);
  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonObject *product = json_array_get_object_element (products, i);

      /* Shared with the catalog, not copied. */
      g_assert_true (product == cairn_catalog_find_product (catalog, json_object_get_string_member (product, "id")));
      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                              json_object_get_string_member (product, "id"));
    }
  return g_string_free (ids, FALSE);
}

static void
expect_ids (CairnCatalog                *catalog,
            const char                  *spec_json,
            const char                  *entry_category,
            GHashTable                  *purchased,
            const CairnPredicateContext *context,
            const char                  *expected)
{
  g_autofree char *ids = recommend (catalog, spec_json, entry_category, purchased, context);

  if (strcmp (ids, expected) != 0)
    g_error ("%s (entry category %s): got \"%s\", expected \"%s\"",
             spec_json, entry_category, ids, expected);
}

static void
test_load (void)
{
  g_autoptr(CairnCatalog) catalog = make_catalog ();
  CairnCatalog *extra;

  g_assert_cmpuint (cairn_catalog_get_n_products (catalog), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (cairn_catalog_get_product (catalog, 0), "id"), ==, "p1");
  g_assert_cmpstr (json_object_get_string_member (cairn_catalog_get_product (catalog, 7), "id"), ==, "p8");
  g_assert_cmpstr (json_object_get_string_member (cairn_catalog_find_product (catalog, "p3"), "name"), ==, "Rug");
  g_assert_null (cairn_catalog_find_product (catalog, "nope"));
  g_assert_null (cairn_catalog_find_product (catalog, NULL));

  extra = cairn_catalog_ref (catalog);
  g_assert_true (extra == catalog);
  cairn_catalog_unref (extra);

  /* An inline catalog may leave out format and version. */
  {
    g_autoptr(JsonNode) root = parse_json ("{\"products\": [{\"id\": \"a\"}]}");
    g_autoptr(CairnCatalog) inline_catalog = cairn_catalog_new_from_json (root, NULL, NULL);

    g_assert_nonnull (inline_catalog);
    g_assert_cmpuint (cairn_catalog_get_n_products (inline_catalog), ==, 1);
  }
  {
    g_autoptr(JsonNode) root = parse_json ("{\"products\": []}");
    g_autoptr(CairnCatalog) empty = cairn_catalog_new_from_json (root, NULL, NULL);

    g_assert_nonnull (empty);
    g_assert_cmpuint (cairn_catalog_get_n_products (empty), ==, 0);
  }
}

static void
test_load_errors (void)
{
  static const struct { const char *json; const char *part; } cases[] = {
    { "[]", "object" },
    { "{\"format\": \"cairn-journey\", \"products\": []}", "cairn-catalog" },
    { "{\"format\": \"cairn-catalog\", \"version\": 2, \"products\": []}", "version" },
    { "{\"format\": \"cairn-catalog\", \"version\": 1}", "products" },
    { "{\"products\": {}}", "products" },
    { "{\"products\": [1]}", "product 1 " },
    { "{\"products\": [{\"id\": \"a\"}, {\"name\": \"x\"}]}", "product 2 has no \"id\"" },
    { "{\"products\": [{\"id\": \"\"}]}", "no \"id\"" },
    { "{\"products\": [{\"id\": 5}]}", "no \"id\"" },
    { "{\"products\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}", "\"a\"" },
    { "{\"products\": [], \"complements\": [\"a\"]}", "complements" },
    { "{\"products\": [], \"complements\": {\"a\": \"b\"}}", "\"a\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse_json (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnCatalog) catalog = cairn_catalog_new_from_json (root, "bad.json", &error);

      g_assert_null (catalog);
      g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "bad.json:"));
      if (strstr (error->message, cases[i].part) == NULL)
        g_error ("%s: \"%s\" lacks \"%s\"", cases[i].json, error->message, cases[i].part);
    }
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cairn-catalog-XXXXXX", &error);
  g_autofree char *good = NULL, *bad = NULL;
  CairnCatalog *catalog;

  g_assert_no_error (error);
  good = g_build_filename (dir, "good.json", NULL);
  bad = g_build_filename (dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (good, catalog_json, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"products\": [\n  {\"id\": \"a\"},\n  {\"id\": \"a\"}\n]}", -1, NULL));

  catalog = cairn_catalog_load_file (good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_catalog_get_n_products (catalog), ==, 8);
  cairn_catalog_unref (catalog);

  catalog = cairn_catalog_load_file (bad, &error);
  g_assert_null (catalog);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_assert_nonnull (strstr (error->message, "two products"));
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (bad), ==, 0);
  catalog = cairn_catalog_load_file (bad, &error);
  g_assert_null (catalog);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (good), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_sources_and_sorts (void)
{
  g_autoptr(CairnCatalog) catalog = make_catalog ();

  /* complementary to furniture: home-decor and lighting (p1 p2 p4 p7).
   * rank: 1 (p2), 2 (p1, p7 in catalog order), then p4 without rank. */
  expect_ids (catalog, "{\"source\": \"complementary\"}", "furniture", NULL, NULL, "p2 p1 p7");
  expect_ids (catalog, "{\"source\": \"complementary\", \"count\": 10}", "furniture", NULL, NULL, "p2 p1 p7 p4");
  expect_ids (catalog, "{\"source\": \"complementary\", \"sort\": \"rank\", \"count\": 10}", "furniture", NULL, NULL,
              "p2 p1 p7 p4");
  /* price: p7's is not a number, so it comes last. */
  expect_ids (catalog, "{\"source\": \"complementary\", \"sort\": \"price_asc\", \"count\": 10}", "furniture", NULL, NULL,
              "p4 p1 p2 p7");
  expect_ids (catalog, "{\"source\": \"complementary\", \"sort\": \"price_desc\", \"count\": 10}", "furniture", NULL, NULL,
              "p2 p1 p4 p7");
  expect_ids (catalog, "{\"source\": \"complementary\", \"sort\": \"price_desc\", \"count\": 2}", "furniture", NULL, NULL,
              "p2 p1");
  /* Without the entry category, or without complements: nothing. */
  expect_ids (catalog, "{\"source\": \"complementary\"}", NULL, NULL, NULL, "");
  expect_ids (catalog, "{\"source\": \"complementary\"}", "garden", NULL, NULL, "");
  expect_ids (catalog, "{\"source\": \"complementary\"}", "rugs", NULL, NULL, "");

  /* same_category: ties on rank (1 and 1.0) keep catalog order; p8's
   * null rank counts as missing. */
  expect_ids (catalog, "{\"source\": \"same_category\"}", "furniture", NULL, NULL, "p5 p6 p8");
  expect_ids (catalog, "{\"source\": \"same_category\", \"sort\": \"price_asc\"}", "furniture", NULL, NULL, "p6 p5 p8");
  expect_ids (catalog, "{\"source\": \"same_category\"}", "home-decor", NULL, NULL, "p1 p7 p4");
  expect_ids (catalog, "{\"source\": \"same_category\"}", NULL, NULL, NULL, "");
  expect_ids (catalog, "{\"source\": \"same_category\"}", "garden", NULL, NULL, "");

  /* all */
  expect_ids (catalog, "{\"source\": \"all\", \"sort\": \"price_desc\"}", NULL, NULL, NULL, "p5 p6 p3");
  expect_ids (catalog, "{\"source\": \"all\", \"count\": 8}", "furniture", NULL, NULL, "p2 p5 p6 p1 p7 p3 p4 p8");
  expect_ids (catalog, "{\"source\": \"all\", \"sort\": \"price_asc\", \"count\": 100}", NULL, NULL, NULL,
              "p4 p1 p2 p3 p6 p5 p7 p8");

  /* count */
  expect_ids (catalog, "{\"source\": \"all\", \"count\": 0}", NULL, NULL, NULL, "");
  expect_ids (catalog, "{\"source\": \"all\", \"count\": 1}", NULL, NULL, NULL, "p2");
  expect_ids (catalog, "{\"source\": \"all\", \"count\": -2}", NULL, NULL, NULL, "");

  /* source is required; unknown ones give nothing. */
  expect_ids (catalog, "{}", "furniture", NULL, NULL, "");
  expect_ids (catalog, "{\"source\": \"bestsellers\"}", "furniture", NULL, NULL, "");
  {
    g_autoptr(JsonArray) none = cairn_catalog_recommend (NULL, NULL, NULL, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (none), ==, 0);
  }
}

static void
test_exclude_purchased (void)
{
  g_autoptr(CairnCatalog) catalog = make_catalog ();
  g_autoptr(GHashTable) purchased = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_add (purchased, (char *) "p2");
  g_hash_table_add (purchased, (char *) "p5");
  g_hash_table_add (purchased, (char *) "not-in-catalog");

  expect_ids (catalog, "{\"source\": \"complementary\", \"exclude_purchased\": true}", "furniture", purchased, NULL,
              "p1 p7 p4");
  expect_ids (catalog, "{\"source\": \"complementary\", \"exclude_purchased\": false}", "furniture", purchased, NULL,
              "p2 p1 p7");
  /* exclude_purchased defaults to false. */
  expect_ids (catalog, "{\"source\": \"complementary\"}", "furniture", purchased, NULL, "p2 p1 p7");
  expect_ids (catalog, "{\"source\": \"same_category\", \"exclude_purchased\": true}", "furniture", purchased, NULL,
              "p6 p8");
  expect_ids (catalog, "{\"source\": \"same_category\", \"exclude_purchased\": true}", "furniture", NULL, NULL,
              "p5 p6 p8");
}

static void
test_where (void)
{
  g_autoptr(CairnCatalog) catalog = make_catalog ();
  g_autoptr(JsonNode) params = parse_json ("{\"category\": \"furniture\", \"destination\": \"London\", \"budget\": 50}");
  g_autoptr(JsonNode) attributes = parse_json ("{\"vip\": true, \"colour\": \"red\"}");
  CairnPredicateContext context = { 0 };

  context.user_id = "sophie";
  context.params = json_node_get_object (params);
  context.template_event = json_node_get_object (params);
  context.attributes = json_node_get_object (attributes);

  /* field reads the product, with dotted paths. */
  expect_ids (catalog, "{\"source\": \"all\", \"where\": {\"field\": \"attributes.colour\", \"op\": \"eq\", \"value\": \"blue\"}}",
              NULL, NULL, &context, "p1");
  expect_ids (catalog, "{\"source\": \"all\", \"where\": {\"field\": \"attributes.colour\", \"op\": \"exists\"}}",
              NULL, NULL, &context, "p1 p7");
  expect_ids (catalog, "{\"source\": \"all\", \"where\": {\"field\": \"tags\", \"op\": \"contains\", \"value\": \"soft\"}}",
              NULL, NULL, &context, "p1");
  expect_ids (catalog, "{\"source\": \"all\", \"count\": 10, \"where\": {\"field\": \"price\", \"op\": \"lt\", \"value\": 100}}",
              NULL, NULL, &context, "p2 p1 p4");
  /* param reads the entry event. */
  expect_ids (catalog, "{\"source\": \"all\", \"count\": 10, \"where\": {\"all\": ["
              "{\"param\": \"category\", \"op\": \"eq\", \"value\": \"furniture\"},"
              "{\"field\": \"price\", \"op\": \"lt\", \"value\": 100}]}}",
              NULL, NULL, &context, "p2 p1 p4");
  expect_ids (catalog, "{\"source\": \"all\", \"where\": {\"param\": \"category\", \"op\": \"eq\", \"value\": \"rugs\"}}",
              NULL, NULL, &context, "");
  /* Templates in values read the entry event. */
  expect_ids (catalog, "{\"source\": \"all\", \"where\": {\"field\": \"attributes.city\", \"op\": \"eq\", \"value\": \"{{event.destination}}\"}}",
              NULL, NULL, &context, "p1");
  expect_ids (catalog, "{\"source\": \"all\", \"where\": {\"field\": \"attributes.colour\", \"op\": \"eq\", \"value\": \"{{user.colour}}\"}}",
              NULL, NULL, &context, "p7");
  /* A field comparison against a number in the entry event is not a
   * template: compare the field with the user's attributes instead. */
  expect_ids (catalog, "{\"source\": \"complementary\", \"where\": {\"attribute\": \"vip\", \"op\": \"eq\", \"value\": true}}",
              "furniture", NULL, &context, "p2 p1 p7");
  expect_ids (catalog, "{\"source\": \"complementary\", \"where\": {\"attribute\": \"vip\", \"op\": \"eq\", \"value\": false}}",
              "furniture", NULL, &context, "");
  /* Without a context, param and attribute are absent. */
  expect_ids (catalog, "{\"source\": \"all\", \"where\": {\"param\": \"category\", \"op\": \"not_exists\"}}",
              NULL, NULL, NULL, "p2 p5 p6");
  expect_ids (catalog, "{\"source\": \"all\", \"where\": {\"field\": \"price\", \"op\": \"gt\", \"value\": 100}}",
              NULL, NULL, NULL, "p5 p6 p3");
}

static void
test_purchased_ids (void)
{
  g_autoptr(CairnCatalog) catalog = make_catalog ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  char p2[] = "p2";
  const char *id;

  /* Only a purchase's product_id of a product in the catalog counts, as
     the catalog's own string (the engine passes string ids alone). */
  id = cairn_catalog_purchased_id (catalog, "purchase", p2);
  g_assert_cmpstr (id, ==, "p2");
  g_assert_true (id != p2);
  g_assert_true (id == cairn_json_get_string (cairn_catalog_find_product (catalog, "p2"), "id"));
  g_assert_null (cairn_catalog_purchased_id (catalog, "product_view", "p1"));
  g_assert_null (cairn_catalog_purchased_id (catalog, "purchase", "5"));
  g_assert_null (cairn_catalog_purchased_id (catalog, "purchase", "no-such-product"));
  g_assert_null (cairn_catalog_purchased_id (catalog, "purchase", NULL));
  g_assert_null (cairn_catalog_purchased_id (NULL, "purchase", "p2"));
  g_hash_table_add (ids, (char *) id);
  g_assert_cmpuint (g_hash_table_size (ids), ==, 1);
  expect_ids (catalog, "{\"source\": \"complementary\", \"exclude_purchased\": true}", "furniture", ids, NULL,
              "p1 p7 p4");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/catalog/load", test_load);
  g_test_add_func ("/core/catalog/load-errors", test_load_errors);
  g_test_add_func ("/core/catalog/load-file", test_load_file);
  g_test_add_func ("/core/catalog/sources-and-sorts", test_sources_and_sorts);
  g_test_add_func ("/core/catalog/exclude-purchased", test_exclude_purchased);
  g_test_add_func ("/core/catalog/where", test_where);
  g_test_add_func ("/core/catalog/purchased-ids", test_purchased_ids);
  return g_test_run ();
}
