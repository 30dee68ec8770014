/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A journey server for tests, on 127.0.0.1 in its own thread: it stores
 * journeys, hands out ETags, enforces If-Match, If-None-Match: * and the
 * bearer token "secret", and can be told to fail or to be slow. And a raw
 * one that misbehaves: endless or trickling bodies, silence, and whatever
 * status line and headers a test writes. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "publish-server.h"

Server server;

void
server_handler (SoupServer        *soup_server,
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
      const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
      const char *current = g_hash_table_lookup (server.etags, id);
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      char *etag;

      g_free (server.last_if_match);
      server.last_if_match = g_strdup (if_match);
      g_free (server.last_if_none_match);
      server.last_if_none_match = g_strdup (if_none_match);
      /* RFC 9110 13.1.1-2: If-Match fails when there is no current
         representation, If-None-Match: * when there is one. */
      if ((if_match != NULL && g_strcmp0 (if_match, current) != 0)
          || (g_strcmp0 (if_none_match, "*") == 0 && current != NULL))
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
  soup_server_add_handler (server.server, NULL, server_handler, NULL, NULL);
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

void
server_reset (void)
{
  g_mutex_lock (&server.lock);
  g_hash_table_remove_all (server.journeys);
  g_hash_table_remove_all (server.etags);
  g_clear_pointer (&server.last_if_match, g_free);
  g_clear_pointer (&server.last_if_none_match, g_free);
  server.fail_next = 0;
  server.delay_ms = 0;
  g_mutex_unlock (&server.lock);
}

void
server_change_elsewhere (const char *id,
                         const char *name)
{
  g_mutex_lock (&server.lock);
  {
    const char *body = g_hash_table_lookup (server.journeys, id);
    g_autoptr(GString) theirs = g_string_new (body);

    g_assert_nonnull (body);
    g_string_replace (theirs, "\"Complete the living room\"", name, 1);
    g_hash_table_replace (server.journeys, g_strdup (id), g_string_free (g_steal_pointer (&theirs), FALSE));
  }
  g_hash_table_replace (server.etags, g_strdup (id), g_strdup ("\"elsewhere\""));
  g_mutex_unlock (&server.lock);
}

char *
server_body (const char *id)
{
  char *body;

  g_mutex_lock (&server.lock);
  body = g_strdup (g_hash_table_lookup (server.journeys, id));
  g_mutex_unlock (&server.lock);
  return body;
}

/* The raw server: one connection at a time, in its own thread, answering
 * every request the way raw.mode says, byte for byte. */

RawServer raw;

static gboolean
read_request (GInputStream *in)
{
  g_autoptr(GString) head = g_string_new (NULL);
  const char *length;
  char c;

  while (!g_str_has_suffix (head->str, "\r\n\r\n"))
    {
      if (g_input_stream_read (in, &c, 1, NULL, NULL) != 1)
        return FALSE;
      g_string_append_c (head, c);
    }
  length = strstr (head->str, "Content-Length: ");
  if (length == NULL)
    length = strstr (head->str, "content-length: ");
  if (length != NULL)
    {
      gsize n = g_ascii_strtoull (length + 16, NULL, 10);
      g_autofree char *body = g_malloc (n + 1);
      gsize got = 0;

      if (!g_input_stream_read_all (in, body, n, &got, NULL, NULL) || got != n)
        return FALSE;
    }
  g_mutex_lock (&raw.lock);
  raw.requests++;
  g_mutex_unlock (&raw.lock);
  return TRUE;
}

static gboolean
write_text (GOutputStream *out,
            const char    *text,
            gsize          length)
{
  gsize written = 0;

  if (!g_output_stream_write_all (out, text, length, &written, NULL, NULL))
    return FALSE;
  g_mutex_lock (&raw.lock);
  raw.sent += written;
  g_mutex_unlock (&raw.lock);
  return TRUE;
}

static void
serve (GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  while (read_request (in))
    {
      switch (raw.mode)
        {
        case RAW_FIXED:
          if (!write_text (out, raw.response, strlen (raw.response)))
            return;
          break;
        case RAW_ENDLESS:
          {
            g_autofree char *chunk = g_strnfill (64 * 1024, 'x');
            g_autofree char *size = g_strdup_printf ("%x\r\n", 64 * 1024);

            if (!write_text (out, raw.response, strlen (raw.response)))
              return;
            /* Until the client hangs up, or 1 GiB as a safety net. */
            while (raw.sent < ((gsize) 1 << 30))
              if (!write_text (out, size, strlen (size)) || !write_text (out, chunk, 64 * 1024)
                  || !write_text (out, "\r\n", 2))
                return;
            return;
          }
        case RAW_TRICKLE:
          if (!write_text (out, raw.response, strlen (raw.response)))
            return;
          for (guint i = 0; i < 1000; i++)
            {
              g_usleep (raw.trickle_ms * 1000);
              if (!write_text (out, "x", 1))
                return;
            }
          return;
        case RAW_SILENT:
          g_usleep (raw.trickle_ms * 1000);
          return;
        }
    }
}

static gpointer
raw_thread (gpointer data)
{
  for (;;)
    {
      g_autoptr(GSocketConnection) connection = g_socket_listener_accept (raw.listener, NULL, raw.cancellable, NULL);

      if (connection == NULL)
        return NULL;
      serve (connection);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
}

void
raw_server_start (RawMode     mode,
                  const char *response)
{
  g_autoptr(GError) error = NULL;
  guint16 port;

  g_mutex_init (&raw.lock);
  raw.mode = mode;
  raw.response = g_strdup (response);
  raw.sent = 0;
  raw.requests = 0;
  if (raw.trickle_ms == 0)
    raw.trickle_ms = 300;
  raw.cancellable = g_cancellable_new ();
  raw.listener = g_socket_listener_new ();
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_assert_true (g_socket_listener_add_address (raw.listener, any, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                  NULL, &bound, &error));
    g_assert_no_error (error);
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  raw.base = g_strdup_printf ("http://127.0.0.1:%u/", port);
  raw.thread = g_thread_new ("raw-server", raw_thread, NULL);
}

void
raw_server_stop (void)
{
  g_cancellable_cancel (raw.cancellable);
  g_socket_listener_close (raw.listener);
  g_thread_join (raw.thread);
  g_clear_object (&raw.listener);
  g_clear_object (&raw.cancellable);
  g_clear_pointer (&raw.base, g_free);
  g_clear_pointer (&raw.response, g_free);
  raw.trickle_ms = 0;
  g_mutex_clear (&raw.lock);
}

void
test_remove_tree (const char *path)
{
  GDir *dir = g_file_test (path, G_FILE_TEST_IS_SYMLINK) ? NULL : g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      test_remove_tree (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_remove (path);
}

guint
server_puts (void)
{
  guint n;

  g_mutex_lock (&server.lock);
  n = server.puts;
  g_mutex_unlock (&server.lock);
  return n;
}
