/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cairn-error.h"
#include "cairn-journey.h"

static char *
fixture (const char *name)
{
  return g_build_filename (TESTS_SRCDIR, "fixtures", "journey", name, NULL);
}

static void
test_round_trip (void)
{
  g_autofree char *path = fixture ("round-trip.json");
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnJourney) journey = cairn_journey_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  saved = cairn_journey_to_data (journey, NULL);
  g_assert_cmpstr (saved, ==, original);

  g_assert_cmpstr (cairn_journey_get_id (journey), ==, "round-trip");
  g_assert_cmpstr (cairn_journey_get_timezone (journey), ==, "Europe/London");
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, 3);
  g_assert_cmpuint (cairn_journey_get_n_edges (journey), ==, 2);
  g_assert_null (cairn_journey_find_node (journey, "mystery")->kind);
  g_assert_cmpstr (cairn_journey_get_starter (journey)->id, ==, "start");
  g_assert_cmpstr (cairn_journey_find_edge (journey, "w1", "timeout")->to, ==, "mystery");
  g_assert_cmpfloat (cairn_journey_find_node (journey, "w1")->x, ==, 300);
}

static void
test_positions (void)
{
  g_autofree char *path = fixture ("round-trip.json");
  g_autoptr(CairnJourney) journey = cairn_journey_load_file (path, NULL);
  CairnNode *w1 = cairn_journey_find_node (journey, "w1");
  guint line, column;

  g_assert_true (cairn_journey_lookup_position (journey, json_object_get_member (w1->config, "timeout"),
                                                &line, &column));
  g_assert_cmpuint (line, ==, 29);
  g_assert_cmpuint (column, ==, 51);
}

static void
on_changed (CairnJourney *journey,
            guint        *count)
{
  (*count)++;
}

static void
test_edits (void)
{
  g_autoptr(CairnJourney) journey = cairn_journey_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *email = NULL;
  g_autofree char *email2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  guint changes = 0;
  CairnNode *node;

  g_signal_connect (journey, "changed", G_CALLBACK (on_changed), &changes);
  start = g_strdup (cairn_journey_add_node (journey, "starter.event", 10.4, 20));
  email = g_strdup (cairn_journey_add_node (journey, "message.email", 300, 20));
  email2 = g_strdup (cairn_journey_add_node (journey, "message.email", 300, 200));
  g_assert_cmpstr (start, ==, "start1");
  g_assert_cmpstr (email, ==, "email1");
  g_assert_cmpstr (email2, ==, "email2");
  g_assert_cmpuint (changes, ==, 3);

  node = cairn_journey_find_node (journey, email);
  g_assert_nonnull (node->config);
  g_assert_cmpstr (json_object_get_string_member (node->config, "subject"), ==, "");
  g_assert_cmpfloat (cairn_journey_find_node (journey, start)->x, ==, 10);

  before = cairn_journey_to_data (journey, NULL);
  snapshot = cairn_json_deep_copy (cairn_journey_get_root (journey));

  g_assert_true (cairn_journey_connect (journey, start, "out", email, &error));
  g_assert_no_error (error);
  g_assert_false (cairn_journey_connect (journey, start, "out", email2, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cairn_journey_connect (journey, email, "out", start, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cairn_journey_connect (journey, email, "nope", email2, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cairn_journey_connect (journey, email, "failed", email2, &error));

  cairn_journey_move_node (journey, email2, 500, 250);
  g_assert_cmpfloat (cairn_journey_find_node (journey, email2)->x, ==, 500);

  g_assert_true (cairn_journey_remove_node (journey, email));
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, 2);
  g_assert_cmpuint (cairn_journey_get_n_edges (journey), ==, 0);

  /* Restoring a snapshot gives back the exact document. */
  cairn_journey_replace_root (journey, snapshot);
  after = cairn_journey_to_data (journey, NULL);
  g_assert_cmpstr (before, ==, after);

  changes = 0;
  cairn_journey_freeze_changed (journey);
  cairn_journey_move_node (journey, start, 1, 1);
  cairn_journey_move_node (journey, email, 2, 2);
  g_assert_cmpuint (changes, ==, 0);
  cairn_journey_thaw_changed (journey);
  g_assert_cmpuint (changes, ==, 1);
}

static void
test_insert_fresh_id (void)
{
  g_autoptr(CairnJourney) journey = cairn_journey_new ();
  g_autofree char *id = g_strdup (cairn_journey_add_node (journey, "wait.duration", 0, 0));
  JsonObject *copy = cairn_journey_find_node (journey, id)->object;
  const char *fresh = cairn_journey_insert_node_object (journey, copy);

  g_assert_cmpstr (id, ==, "wait1");
  g_assert_cmpstr (fresh, ==, "wait2");
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, 2);
}

static void
test_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  CairnJourney *journey;

  journey = cairn_journey_load_file ("/nonexistent/j.json", &error);
  g_assert_null (journey);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_IO);
  g_clear_error (&error);

  journey = cairn_journey_load_data ("[1]", -1, "array.json", &error);
  g_assert_null (journey);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "array.json:1:1:"));
  g_clear_error (&error);

  /* Well-formed but wrong shapes load; validation explains them. */
  journey = cairn_journey_load_data ("{\"nodes\": 3, \"edges\": [1, {\"from\": 2}]}", -1, "odd.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, 0);
  g_assert_cmpuint (cairn_journey_get_n_edges (journey), ==, 1);
  g_assert_null (cairn_journey_get_edge (journey, 0)->from);
  g_assert_cmpstr (cairn_journey_get_edge (journey, 0)->port, ==, "out");
  g_object_unref (journey);
}

static void
test_save_atomic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-journey-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "j.json", NULL);
  g_autoptr(CairnJourney) journey = cairn_journey_new ();
  g_autoptr(CairnJourney) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  cairn_journey_add_node (journey, "exit", 0, 0);
  g_assert_true (cairn_journey_save_file (journey, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cairn_journey_get_filename (journey), ==, path);
  again = cairn_journey_load_file (path, &error);
  g_assert_no_error (error);
  a = cairn_journey_to_data (journey, NULL);
  b = cairn_journey_to_data (again, NULL);
  g_assert_cmpstr (a, ==, b);
  g_autofree char *h1 = cairn_journey_content_hash (journey);
  g_autofree char *h2 = cairn_journey_content_hash (again);
  g_assert_cmpstr (h1, ==, h2);
  g_assert_cmpuint (strlen (h1), ==, 64);
  g_remove (path);
  g_rmdir (dir);
}

/* A publish records the server's revision in the document; the content
 * hash the run store keeps is the journey's, with or without it. */
static void
test_hash_ignores_revisions (void)
{
  const char *plain = "{\"format\":\"cairn-journey\",\"version\":1,\"id\":\"j\",\"nodes\":[],\"edges\":[]}";
  const char *published = "{\"format\":\"cairn-journey\",\"version\":1,\"id\":\"j\",\"nodes\":[],\"edges\":[],"
                          "\"server_revisions\":{\"https://example.com/journeys/j\":\"\\\"v3\\\"\"}}";
  const char *changed = "{\"format\":\"cairn-journey\",\"version\":1,\"id\":\"k\",\"nodes\":[],\"edges\":[]}";
  g_autoptr(CairnJourney) a = cairn_journey_load_data (plain, -1, NULL, NULL);
  g_autoptr(CairnJourney) b = cairn_journey_load_data (published, -1, NULL, NULL);
  g_autoptr(CairnJourney) c = cairn_journey_load_data (changed, -1, NULL, NULL);
  g_autofree char *ha = cairn_journey_content_hash (a);
  g_autofree char *hb = cairn_journey_content_hash (b);
  g_autofree char *hc = cairn_journey_content_hash (c);
  g_autofree char *text = cairn_journey_to_data (b, NULL);

  g_assert_cmpstr (ha, ==, hb);
  g_assert_cmpstr (ha, !=, hc);
  /* the member itself is kept */
  g_assert_nonnull (strstr (text, "server_revisions"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/journey/round-trip", test_round_trip);
  g_test_add_func ("/core/journey/positions", test_positions);
  g_test_add_func ("/core/journey/edits", test_edits);
  g_test_add_func ("/core/journey/insert-fresh-id", test_insert_fresh_id);
  g_test_add_func ("/core/journey/bad-files", test_bad_files);
  g_test_add_func ("/core/journey/save-atomic", test_save_atomic);
  g_test_add_func ("/core/journey/hash-ignores-revisions", test_hash_ignores_revisions);
  return g_test_run ();
}
