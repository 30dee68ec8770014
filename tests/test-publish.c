/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Publishing against a real HTTP server on 127.0.0.1, run by the test in
 * its own thread: it stores journeys, hands out ETags, enforces If-Match
 * and a bearer token, and can be told to fail or to be slow. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cairn-error.h"
#include "cairn-publish.h"

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GThread      *thread;
  char         *base;
  GMutex        lock;
  GHashTable   *journeys;   /* id → body */
  GHashTable   *etags;      /* id → etag */
  guint         version;
  guint         fail_next;  /* answer 500 this many times */
  guint         delay_ms;
  guint         puts;
} Server;

static Server server;
static char *state_file;

static void
handler (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *auth = soup_message_headers_get_one (request, "Authorization");
  const char *id;

  g_mutex_lock (&server.lock);
  if (server.delay_ms)
    g_usleep (server.delay_ms * 1000);
  if (server.fail_next > 0)
    {
      server.fail_next--;
      soup_server_message_set_status (msg, 500, NULL);
      goto out;
    }
  if (g_strcmp0 (auth, "Bearer secret") != 0)
    {
      soup_server_message_set_status (msg, 401, NULL);
      goto out;
    }
  if (!g_str_has_prefix (path, "/journeys/"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      goto out;
    }
  id = path + strlen ("/journeys/");
  if (g_str_equal (method, "PUT"))
    {
      const char *if_match = soup_message_headers_get_one (request, "If-Match");
      const char *current = g_hash_table_lookup (server.etags, id);
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      char *etag;

      if (current != NULL && if_match != NULL && g_strcmp0 (if_match, current) != 0)
        {
          soup_server_message_set_status (msg, 412, NULL);
          goto out;
        }
      server.puts++;
      etag = g_strdup_printf ("\"v%u\"", ++server.version);
      g_hash_table_replace (server.journeys, g_strdup (id), g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
      g_hash_table_replace (server.etags, g_strdup (id), etag);
      soup_message_headers_replace (response, "ETag", etag);
      soup_server_message_set_status (msg, current ? 200 : 201, NULL);
    }
  else if (g_str_equal (method, "GET"))
    {
      const char *body = g_hash_table_lookup (server.journeys, id);
      if (body == NULL)
        soup_server_message_set_status (msg, 404, NULL);
      else
        {
          soup_message_headers_replace (response, "ETag", g_hash_table_lookup (server.etags, id));
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
          soup_server_message_set_status (msg, 200, NULL);
        }
    }
  else
    soup_server_message_set_status (msg, 405, NULL);
out:
  g_mutex_unlock (&server.lock);
}

static gpointer
server_thread (gpointer data)
{
  g_main_context_push_thread_default (server.context);
  g_main_loop_run (server.loop);
  g_main_context_pop_thread_default (server.context);
  return NULL;
}

static void
server_start (void)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  g_mutex_init (&server.lock);
  server.journeys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server.etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_main_context_push_thread_default (server.context);
  server.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server.server, NULL, handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_main_context_pop_thread_default (server.context);
  uris = soup_server_get_uris (server.server);
  server.base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  server.thread = g_thread_new ("server", server_thread, NULL);
}

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
  g_test_add_func ("/core/publish/retry-then-success", test_retry_then_success);
  g_test_add_func ("/core/publish/server-down-and-slow", test_server_down_and_slow);
  g_test_add_func ("/core/publish/invalid-never-sent", test_invalid_never_sent);
  status = g_test_run ();
  g_main_loop_quit (server.loop);
  g_thread_join (server.thread);
  g_remove (state_file);
  g_rmdir (dir);
  g_free (state_file);
  return status;
}
