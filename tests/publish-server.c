/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A journey server for tests, on 127.0.0.1 in its own thread: it stores
 * journeys, hands out ETags, enforces If-Match and the bearer token
 * "secret", and can be told to fail or to be slow. */

#include "config.h"

#include <string.h>

#include "publish-server.h"

Server server;

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

void
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

void
server_stop (void)
{
  g_main_loop_quit (server.loop);
  g_thread_join (server.thread);
}
