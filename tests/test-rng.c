/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cairn-json.h"
#include "cairn-rng.h"

/* Every vector of shared/rng_vectors.json (DESIGN §12 R). */
static void
test_vectors (void)
{
  g_autofree char *path = g_build_filename (TESTS_SRCDIR, "fixtures", "rng_vectors.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = cairn_json_load_file (path, NULL, &error);
  JsonArray *vectors;
  guint checked = 0;

  g_assert_no_error (error);
  vectors = cairn_json_get_array (json_node_get_object (root), "vectors");
  g_assert_nonnull (vectors);
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *v = json_array_get_object_element (vectors, i);
      const char *key = cairn_json_get_string (v, "key");
      guint64 fnv = g_ascii_strtoull (cairn_json_get_string (v, "fnv1a64"), NULL, 10);
      guint64 sm = g_ascii_strtoull (cairn_json_get_string (v, "splitmix64"), NULL, 10);
      double u = g_ascii_strtod (cairn_json_get_string (v, "u"), NULL);
      g_auto(GStrv) parts = g_strsplit (key, "/", -1);

      g_assert_cmpuint (cairn_rng_fnv1a64 (key, strlen (key)), ==, fnv);
      g_assert_cmpuint (cairn_rng_splitmix64 (fnv), ==, sm);
      g_assert_cmpfloat (cairn_rng_u (key, strlen (key)), ==, u);
      if (g_strv_length (parts) == 5 && g_ascii_isdigit (parts[0][0]) && g_ascii_isdigit (parts[3][0]))
        g_assert_cmpfloat (cairn_rng_draw (g_ascii_strtoull (parts[0], NULL, 10), parts[1], parts[2],
                                           g_ascii_strtoull (parts[3], NULL, 10), parts[4]), ==, u);
      if (g_strv_length (parts) == 5 && g_ascii_isdigit (parts[0][0]) && g_ascii_isdigit (parts[3][0]))
        {
          guint64 prefix = cairn_rng_prefix (g_ascii_strtoull (parts[0], NULL, 10), parts[1], parts[2],
                                             g_ascii_strtoull (parts[3], NULL, 10));
          g_assert_cmpfloat (cairn_rng_draw_from (prefix, parts[4]), ==, u);
        }
      checked++;
    }
  g_assert_cmpuint (checked, >=, 10);
}

static void
test_range (void)
{
  for (guint i = 0; i < 10000; i++)
    {
      double u = cairn_rng_draw (i, "user", "node", i, "open");
      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
    }
  /* The largest seed is written in full. */
  g_assert_cmpfloat (cairn_rng_draw (G_GUINT64_CONSTANT (9223372036854775807), "u", "-", 0, "persona"), ==,
                     cairn_rng_u ("9223372036854775807/u/-/0/persona", strlen ("9223372036854775807/u/-/0/persona")));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/rng/vectors", test_vectors);
  g_test_add_func ("/core/rng/range", test_range);
  return g_test_run ();
}
