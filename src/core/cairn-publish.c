/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-publish.h"
#include "cairn-validate.h"

void
cairn_publish_options_init (CairnPublishOptions *options)
{
  memset (options, 0, sizeof *options);
}

/* ETags, remembered per server and journey in a small JSON file. */

static char *
state_path (const CairnPublishOptions *options)
{
  if (options->state_file)
    return g_strdup (options->state_file);
  return g_build_filename (g_get_user_state_dir (), "cairn", "etags.json", NULL);
}

static char *
etag_key (const char *url,
          const char *id)
{
  g_autofree char *base = g_strdup (url);
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  return g_strdup_printf ("%s/journeys/%s", base, id);
}

static JsonObject *
load_state (const CairnPublishOptions *options)
{
  g_autofree char *path = state_path (options);
  g_autoptr(JsonNode) root = g_file_test (path, G_FILE_TEST_EXISTS) ? cairn_json_load_file (path, NULL, NULL) : NULL;

  if (root && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  return json_object_new ();
}

static void
remember_etag (const CairnPublishOptions *options,
               const char                *key,
               const char                *etag)
{
  g_autoptr(JsonObject) state = load_state (options);
  g_autofree char *path = state_path (options);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *text = NULL;

  if (etag)
    json_object_set_string_member (state, key, etag);
  else if (json_object_has_member (state, key))
    json_object_remove_member (state, key);
  json_node_init_object (node, state);
  text = cairn_json_to_string (node, TRUE);
  g_mkdir_with_parents (dir, 0700);
  cairn_file_write_atomic (path, text, -1, NULL);
}

/* HTTP */

/* A header cannot carry a line break (libsoup would drop it, loudly). */
static gboolean
token_is_one_line (const char *token)
{
  for (const char *p = token; p && *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static SoupSession *
session_new (const CairnPublishOptions  *options,
             GError                    **error)
{
  SoupSession *session;

  if (!token_is_one_line (options->token))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE,
                   _("The token holds a line break or another control character; a token is one line"));
      return NULL;
    }
  session = soup_session_new ();

  soup_session_set_timeout (session, options->timeout ? options->timeout : 30);
  soup_session_set_user_agent (session, "Cairn/" PACKAGE_VERSION);
  if (options->ca_file)
    {
      GTlsDatabase *database = g_tls_file_database_new (options->ca_file, error);
      if (database == NULL)
        {
          g_object_unref (session);
          return NULL;
        }
      soup_session_set_tls_database (session, database);
      g_object_unref (database);
    }
  return session;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (a) ?: "", g_uri_get_host (b) ?: "") == 0
         && g_uri_get_port (a) == g_uri_get_port (b);
}

/* Sends, retrying network errors and 5xx with backoff, following
 * redirects only within the same origin. Returns the body. */
static GBytes *
send (SoupSession               *session,
      const char                *method,
      const char                *url,
      GBytes                    *body,
      const char                *if_match,
      const CairnPublishOptions *options,
      guint                     *status,
      char                     **etag,
      GError                   **error)
{
  guint retries = options->retries ? options->retries : 3;
  guint delay = options->backoff_ms ? options->backoff_ms : 500;
  g_autofree char *target = g_strdup (url);
  guint redirects = 0;

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(SoupMessage) message = soup_message_new (method, target);
      g_autoptr(GError) local = NULL;
      GBytes *reply;

      if (message == NULL)
        {
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE, _("“%s” is not a server address"), target);
          return NULL;
        }
      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      if (body)
        soup_message_set_request_body_from_bytes (message, "application/json", body);
      soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
      if (options->token)
        {
          g_autofree char *auth = g_strdup_printf ("Bearer %s", options->token);
          soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", auth);
        }
      if (if_match)
        soup_message_headers_replace (soup_message_get_request_headers (message), "If-Match", if_match);

      reply = soup_session_send_and_read (session, message, NULL, &local);
      *status = reply ? soup_message_get_status (message) : 0;

      if (reply && SOUP_STATUS_IS_REDIRECTION (*status) && redirects < 5)
        {
          const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
          g_autoptr(GUri) from = g_uri_parse (target, G_URI_FLAGS_NONE, NULL);
          g_autoptr(GUri) to = location && from ? g_uri_parse_relative (from, location, G_URI_FLAGS_NONE, NULL) : NULL;

          g_bytes_unref (reply);
          if (to == NULL || !same_origin (from, to))
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK,
                           _("The server redirected to another site (%s); Cairn only follows redirects on the same server"),
                           location ? location : "?");
              return NULL;
            }
          g_free (target);
          target = g_uri_to_string (to);
          redirects++;
          attempt--;
          continue;
        }
      if (reply && *status < 500)
        {
          if (etag)
            *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag"));
          return reply;
        }
      if (attempt >= retries)
        {
          if (reply)
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK,
                           _("The server failed (%u %s) %u times; try again later"), *status,
                           soup_message_get_reason_phrase (message), attempt + 1);
              g_bytes_unref (reply);
            }
          else
            g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK, _("Cannot reach %s: %s"), target, local->message);
          return NULL;
        }
      g_clear_pointer (&reply, g_bytes_unref);
      g_usleep ((gulong) delay * 1000);
      delay *= 2;
    }
}

gboolean
cairn_publish_journey (CairnJourney               *journey,
                       const CairnPublishOptions  *options,
                       char                      **etag_out,
                       GError                    **error)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(JsonObject) state = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  const char *id = cairn_journey_get_id (journey);
  const char *known;
  gsize length;
  guint status = 0;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), FALSE);
  g_return_val_if_fail (options && options->url, FALSE);

  diagnostics = cairn_validate (journey);
  if (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR) > 0 || id == NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("The journey has errors; only a valid journey is published"));
      return FALSE;
    }
  session = session_new (options, error);
  if (session == NULL)
    return FALSE;

  key = etag_key (options->url, id);
  url = g_strdup (key);
  state = load_state (options);
  known = options->force ? NULL : cairn_json_get_string (state, key);
  text = cairn_journey_to_data (journey, &length);
  body = g_bytes_new_take (g_steal_pointer (&text), length);

  reply = send (session, "PUT", url, body, known, options, &status, &etag, error);
  if (reply == NULL)
    return FALSE;
  if (status == SOUP_STATUS_PRECONDITION_FAILED)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_CONFLICT,
                   _("The server has a newer version of this journey; fetch it, or publish with --force to overwrite it"));
      return FALSE;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_UNAUTHORIZED,
                   _("The server refused the credentials (%u); check the token"), status);
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK, _("The server answered %u"), status);
      return FALSE;
    }
  remember_etag (options, key, etag);
  if (etag_out)
    *etag_out = g_steal_pointer (&etag);
  return TRUE;
}

char *
cairn_fetch_journey (const char                 *id,
                     const CairnPublishOptions  *options,
                     GError                    **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *key = NULL;
  g_autofree char *etag = NULL;
  guint status = 0;
  gsize size;
  const char *data;

  g_return_val_if_fail (id != NULL && options && options->url, NULL);

  session = session_new (options, error);
  if (session == NULL)
    return NULL;
  key = etag_key (options->url, id);
  reply = send (session, "GET", key, NULL, NULL, options, &status, &etag, error);
  if (reply == NULL)
    return NULL;
  if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NOT_FOUND, _("The server has no journey “%s”"), id);
      return NULL;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_UNAUTHORIZED,
                   _("The server refused the credentials (%u); check the token"), status);
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK, _("The server answered %u"), status);
      return NULL;
    }
  remember_etag (options, key, etag);
  data = g_bytes_get_data (reply, &size);
  return g_strndup (data, size);
}
