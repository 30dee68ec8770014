/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include <glib/gstdio.h>

static void
test_positions (void)
{
  const char *text = "{\n  \"a\": 1,\n  \"b\": [true, \"x\"],\n  \"é\": {\"c\": null}\n}";
  g_autoptr(CairnJsonPositions) positions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = cairn_json_parse (text, strlen (text), "t.json", &positions, &error);
  JsonObject *object;
  JsonArray *b;
  guint line, column;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_true (cairn_json_positions_lookup (positions, root, &line, &column));
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  g_assert_true (cairn_json_positions_lookup (positions, json_object_get_member (object, "a"), &line, &column));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 8);
  b = json_object_get_array_member (object, "b");
  g_assert_true (cairn_json_positions_lookup (positions, json_array_get_element (b, 1), &line, &column));
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 15);
  /* Columns count characters, not bytes. */
  g_assert_true (cairn_json_positions_lookup (positions,
                 json_object_get_member (json_object_get_object_member (object, "é"), "c"), &line, &column));
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (column, ==, 14);
}

static void
assert_parse_error (const char *text,
                    gsize       length,
                    const char *expected_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = cairn_json_parse (text, length, "bad.json", NULL, &error);

  g_assert_null (root);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE);
  if (!g_str_has_prefix (error->message, expected_prefix))
    g_error ("“%s” does not start with “%s”", error->message, expected_prefix);
}

static void
test_errors (void)
{
  assert_parse_error ("{\"a\": 1,}", 9, "bad.json:1:9:");
  assert_parse_error ("{\n  \"a\" 1}", 10, "bad.json:2:7:");
  assert_parse_error ("", 0, "bad.json:1:1: the file is empty");
  assert_parse_error ("[1, 2", 5, "bad.json:1:1: unterminated array");
  assert_parse_error ("\"abc", 4, "bad.json:1:1: unterminated string");
  assert_parse_error ("{} x", 4, "bad.json:1:4:");
  assert_parse_error ("[01]", 4, "bad.json:1:3:");
  assert_parse_error ("[1.]", 4, "bad.json:1:2: invalid number");
  assert_parse_error ("[\"\\x\"]", 6, "bad.json:1:3: unknown escape");
  assert_parse_error ("[\"a\nb\"]", 6, "bad.json:1:4: control character");
  assert_parse_error ("[tru]", 5, "bad.json:1:2:");
  assert_parse_error ("{\"a\": 1}\0{}", 11, "bad.json:1:9: the file contains a NUL byte");
  assert_parse_error ("[\"\xff\"]", 5, "bad.json:1:3: invalid UTF-8");
  assert_parse_error ("[\"\\ud800\"]", 10, "bad.json:1:3: unpaired surrogate");
  assert_parse_error ("[1e999]", 7, "bad.json:1:2: number out of range");
  {
    /* An integer past 64 bits becomes a double, and past a double's range
       it is refused like 1e999, not read as infinity. */
    g_autoptr(GString) huge = g_string_new ("[1");
    for (int i = 0; i < 400; i++)
      g_string_append_c (huge, '0');
    g_string_append_c (huge, ']');
    assert_parse_error (huge->str, huge->len, "bad.json:1:2: number out of range");
  }
}

static void
test_depth (void)
{
  GString *deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  root = cairn_json_parse (deep->str, deep->len, "deep.json", NULL, &error);
  g_assert_null (root);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested more than"));
  g_string_free (deep, TRUE);
}

static void
test_round_trip (void)
{
  const char *text =
    "{\n"
    "  \"b\": 1,\n"
    "  \"a\": [1, 2.5, -0.1, 1e+300, \"x\\n\\\"y\\u0001\", true, null],\n"
    "  \"position\": { \"x\": 40, \"y\": 120 },\n"
    "  \"deep\": {\n"
    "    \"list\": [\n"
    "      { \"id\": \"A\" }\n"
    "    ],\n"
    "    \"empty\": {},\n"
    "    \"none\": [],\n"
    "    \"f\": 49.0\n"
    "  }\n"
    "}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = cairn_json_parse (text, strlen (text), NULL, NULL, &error);
  g_autofree char *out = NULL;
  g_autofree char *compact = NULL;

  g_assert_no_error (error);
  out = cairn_json_to_string (root, TRUE);
  g_assert_cmpstr (out, ==, text);
  compact = cairn_json_to_string (root, FALSE);
  g_assert_cmpstr (compact, ==,
                   "{\"b\":1,\"a\":[1,2.5,-0.1,1e+300,\"x\\n\\\"y\\u0001\",true,null],"
                   "\"position\":{\"x\":40,\"y\":120},\"deep\":{\"list\":[{\"id\":\"A\"}],"
                   "\"empty\":{},\"none\":[],\"f\":49.0}}");
}

static void
test_doubles (void)
{
  struct { double v; gboolean zero; const char *s; } cases[] = {
    { 49, TRUE, "49.0" }, { 49, FALSE, "49" }, { 0.1, TRUE, "0.1" }, { 12.5, FALSE, "12.5" },
    { 1.0 / 3, TRUE, "0.3333333333333333" }, { 0.5, TRUE, "0.5" }, { -2, TRUE, "-2.0" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      cairn_json_append_double (out, cases[i].v, cases[i].zero);
      g_assert_cmpstr (out->str, ==, cases[i].s);
    }
}

static void
test_equal (void)
{
  const char *a = "[1, {\"x\": [1.0, \"1\"], \"y\": null}]";
  const char *b = "[1.0, {\"y\": null, \"x\": [1, \"1\"]}]";
  const char *c = "[1.0, {\"y\": null, \"x\": [1, 1]}]";
  g_autoptr(JsonNode) na = cairn_json_parse (a, strlen (a), NULL, NULL, NULL);
  g_autoptr(JsonNode) nb = cairn_json_parse (b, strlen (b), NULL, NULL, NULL);
  g_autoptr(JsonNode) nc = cairn_json_parse (c, strlen (c), NULL, NULL, NULL);
  g_autoptr(JsonNode) copy = cairn_json_deep_copy (na);

  g_assert_true (cairn_json_equal (na, nb));
  g_assert_false (cairn_json_equal (na, nc));
  g_assert_true (cairn_json_equal (na, copy));
  /* A deep copy shares nothing. */
  g_assert_true (json_node_get_array (copy) != json_node_get_array (na));
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cairn-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *contents = NULL;
  JsonNode *node;

  g_assert_true (cairn_file_write_atomic (path, "{\"a\": 1}", -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"a\": 1}");

  node = cairn_json_load_file (missing, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  node = cairn_json_load_file (dir, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "directory"));
  g_clear_error (&error);

  g_remove (path);
  g_rmdir (dir);
}

static char *
read_text (const char *path)
{
  char *contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* A save keeps the file's mode, writes through a symbolic link to its
 * target, and replaces the temporary file a killed save left behind. */
static void
test_write_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cairn-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "private.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *stale = g_build_filename (dir, CAIRN_SAVE_TEMP_PREFIX "private.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GDir) listing = NULL;
  GStatBuf st;
  const char *name;
  guint n = 0;
  int fd;

  g_assert_true (g_file_set_contents (path, "{}", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (cairn_file_write_atomic (path, "{\"a\": 1}", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* Through a relative symbolic link: the link stays, its target changes. */
  g_assert_cmpint (symlink ("private.json", link), ==, 0);
  g_assert_true (cairn_file_write_atomic (link, "{\"a\": 2}", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{\"a\": 2}");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  /* What a kill -9 in the middle of a save leaves: the next save takes
     its place, and nothing is left beside the file. */
  g_assert_true (g_file_set_contents (stale, "{\"half", -1, NULL));
  g_assert_true (cairn_file_write_atomic (path, "{\"a\": 3}", -1, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{\"a\": 3}");
  g_clear_pointer (&text, g_free);

  /* A save under way (its temporary file locked) is not trampled on. */
  fd = g_open (stale, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  g_assert_false (cairn_file_write_atomic (path, "{\"a\": 4}", -1, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_IO);
  g_clear_error (&error);
  close (fd);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "{\"a\": 3}");
  g_clear_pointer (&text, g_free);
  g_assert_true (cairn_file_write_atomic (path, "{\"a\": 5}", -1, &error));
  g_assert_no_error (error);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_assert_true (g_str_equal (name, "private.json") || g_str_equal (name, "link.json"));
      g_remove (child);
      n++;
    }
  g_assert_cmpuint (n, ==, 2);
  g_rmdir (dir);
}

/* Devices and endless files are read with a bounded loop: stat's size (0
 * for /dev/zero) is not trusted. */
static void
test_read_bounded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cairn-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "small.json", NULL);
  g_autofree char *text = NULL;
  gsize length = 0;

  text = cairn_file_read ("/dev/zero", 1 << 20, &length, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/dev/zero: "));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  g_assert_null (cairn_json_load_file ("/dev/zero", NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_IO);
  g_clear_error (&error);

  /* Exactly the limit is read; one byte past it is not. */
  g_assert_true (g_file_set_contents (path, "[1, 2]", -1, NULL));
  text = cairn_file_read (path, 6, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "[1, 2]");
  g_assert_cmpuint (length, ==, 6);
  g_clear_pointer (&text, g_free);
  g_assert_null (cairn_file_read (path, 5, &length, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_IO);
  g_clear_error (&error);

  g_remove (path);
  g_rmdir (dir);
}

/* DESIGN §2: unknown members are written back unchanged, integers past
 * 64 bits included (they are doubles in the tree). */
static void
test_big_integers (void)
{
  const char *text = "{\"x\": [123456789012345678901234567890, -99999999999999999999999, "
                     "18446744073709551616, 9223372036854775807, 2.5]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = cairn_json_parse (text, strlen (text), NULL, NULL, &error);
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *out = NULL;
  g_autofree char *copied = NULL;

  g_assert_no_error (error);
  out = cairn_json_to_string (root, FALSE);
  g_assert_cmpstr (out, ==, "{\"x\":[123456789012345678901234567890,-99999999999999999999999,"
                            "18446744073709551616,9223372036854775807,2.5]}");
  copy = cairn_json_deep_copy (root);
  g_clear_pointer (&root, json_node_unref);
  copied = cairn_json_to_string (copy, FALSE);
  g_assert_cmpstr (copied, ==, out);
  /* Still a number for whoever reads it. */
  g_assert_true (cairn_json_node_is_number (json_array_get_element (cairn_json_get_array (json_node_get_object (copy), "x"), 0)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/json/positions", test_positions);
  g_test_add_func ("/core/json/errors", test_errors);
  g_test_add_func ("/core/json/depth", test_depth);
  g_test_add_func ("/core/json/round-trip", test_round_trip);
  g_test_add_func ("/core/json/doubles", test_doubles);
  g_test_add_func ("/core/json/equal", test_equal);
  g_test_add_func ("/core/json/files", test_files);
  g_test_add_func ("/core/json/write-atomic", test_write_atomic);
  g_test_add_func ("/core/json/read-bounded", test_read_bounded);
  g_test_add_func ("/core/json/big-integers", test_big_integers);
  return g_test_run ();
}
