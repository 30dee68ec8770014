/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Publishing against a real HTTP server on 127.0.0.1, run by the test in
 * its own thread: it stores journeys, hands out ETags, enforces If-Match
 * and a bearer token, and can be told to fail or to be slow. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cairn-error.h"
#include "cairn-publish.h"
#include "publish-server.h"

static char *state_file;

static CairnJourney *
journey (void)
{
  g_autofree char *path = g_build_filename (TESTS_SRCDIR, "..", "data", "journeys", "furniture-cross-sell.json", NULL);
  return cairn_journey_load_file (path, NULL);
}

static void
options_for_test (CairnPublishOptions *options,
                  const char          *token)
{
  cairn_publish_options_init (options);
  options->url = server.base;
  options->token = token;
  options->state_file = state_file;
  options->backoff_ms = 10;
  options->timeout = 5;
}

static void
test_publish_republish_conflict (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag1 = NULL;
  g_autofree char *etag2 = NULL;
  g_autofree char *fetched = NULL;

  options_for_test (&options, "secret");
  g_assert_true (cairn_publish_journey (j, &options, &etag1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag1);

  /* Republishing sends If-Match with the remembered ETag. */
  g_assert_true (cairn_publish_journey (j, &options, &etag2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (etag1, !=, etag2);

  /* Someone else publishes a newer copy: ours is refused, not retried. */
  g_mutex_lock (&server.lock);
  g_hash_table_replace (server.etags, g_strdup ("furniture-cross-sell"), g_strdup ("\"elsewhere\""));
  g_mutex_unlock (&server.lock);
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_CONFLICT);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);

  /* Fetch brings the server's copy (and its ETag) back; then it publishes. */
  fetched = cairn_fetch_journey ("furniture-cross-sell", &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (fetched, "\"cairn-journey\""));
  g_assert_true (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_no_error (error);

  /* --force overwrites whatever is there. */
  g_mutex_lock (&server.lock);
  g_hash_table_replace (server.etags, g_strdup ("furniture-cross-sell"), g_strdup ("\"elsewhere\""));
  g_mutex_unlock (&server.lock);
  options.force = TRUE;
  g_assert_true (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_no_error (error);
}

static void
test_wrong_token (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;

  options_for_test (&options, "wrong");
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_UNAUTHORIZED);
}

/* A token with a line break (a two-line token file) cannot go into a
 * header: a clear error, nothing sent, for publish and fetch alike. */
static void
test_token_with_line_break (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint before;

  g_mutex_lock (&server.lock);
  before = server.puts;
  g_mutex_unlock (&server.lock);
  options_for_test (&options, "sec\nret");
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "token"));
  g_clear_error (&error);
  text = cairn_fetch_journey ("furniture-cross-sell", &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE);
  g_mutex_lock (&server.lock);
  g_assert_cmpuint (server.puts, ==, before);
  g_mutex_unlock (&server.lock);
}

static void
test_retry_then_success (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;

  options_for_test (&options, "secret");
  options.force = TRUE;
  g_mutex_lock (&server.lock);
  server.fail_next = 2;
  g_mutex_unlock (&server.lock);
  g_assert_true (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_no_error (error);

  g_mutex_lock (&server.lock);
  server.fail_next = 10;
  g_mutex_unlock (&server.lock);
  options.retries = 2;
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_mutex_lock (&server.lock);
  server.fail_next = 0;
  g_mutex_unlock (&server.lock);
}

static void
test_server_down_and_slow (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;

  options_for_test (&options, "secret");
  options.url = "http://127.0.0.1:9";   /* discard port: nothing listens */
  options.retries = 1;
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_clear_error (&error);

  options_for_test (&options, "secret");
  options.timeout = 1;
  options.retries = 1;
  g_mutex_lock (&server.lock);
  server.delay_ms = 2500;
  g_mutex_unlock (&server.lock);
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_mutex_lock (&server.lock);
  server.delay_ms = 0;
  g_mutex_unlock (&server.lock);
}

static void
test_invalid_never_sent (void)
{
  g_autoptr(CairnJourney) j = cairn_journey_new ();   /* no starter: invalid */
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  guint before;

  options_for_test (&options, "secret");
  g_mutex_lock (&server.lock);
  before = server.puts;
  g_mutex_unlock (&server.lock);
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_cmpuint (server.puts, ==, before);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-publish-XXXXXX", NULL);
  int status;

  state_file = g_build_filename (dir, "etags.json", NULL);
  g_test_init (&argc, &argv, NULL);
  server_start ();
  g_test_add_func ("/core/publish/publish-republish-conflict", test_publish_republish_conflict);
  g_test_add_func ("/core/publish/wrong-token", test_wrong_token);
  g_test_add_func ("/core/publish/token-with-line-break", test_token_with_line_break);
  g_test_add_func ("/core/publish/retry-then-success", test_retry_then_success);
  g_test_add_func ("/core/publish/server-down-and-slow", test_server_down_and_slow);
  g_test_add_func ("/core/publish/invalid-never-sent", test_invalid_never_sent);
  status = g_test_run ();
  server_stop ();
  g_remove (state_file);
  g_rmdir (dir);
  g_free (state_file);
  return status;
}
