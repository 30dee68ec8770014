/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-publish.h"
#include "cairn-validate.h"

#define READ_CHUNK (64 * 1024)
/* Characters of a server's reason phrase, address or body in a message. */
#define SHOWN_CHARS 200

void
cairn_publish_options_init (CairnPublishOptions *options)
{
  memset (options, 0, sizeof *options);
}

/* What a server says, made safe to show */

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
}

char *
cairn_publish_sanitize (const char *text,
                        gssize      length,
                        gsize       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out = g_string_new (NULL);
  gsize n = 0;

  if (text == NULL)
    return g_string_free (out, FALSE);
  valid = g_utf8_make_valid (text, length);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\t' || c == '\n' || c == '\r')
        g_string_append_c (out, ' ');
      else if (g_unichar_iscntrl (c) || is_bidi_control (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
cairn_publish_redact_url (const char *url)
{
  const char *scheme_end, *authority, *at = NULL;
  gsize length;

  if (url == NULL)
    return NULL;
  scheme_end = strstr (url, "://");
  authority = scheme_end ? scheme_end + 3 : url;
  length = strcspn (authority, "/?#");
  for (gsize i = 0; i < length; i++)
    if (authority[i] == '@')
      at = authority + i;
  if (at == NULL)
    return g_strdup (url);
  return g_strdup_printf ("%.*s%s", (int) (authority - url), url, at + 1);
}

/* An address for a message: no password, no control characters. */
static char *
shown_url (const char *url)
{
  g_autofree char *redacted = cairn_publish_redact_url (url);

  return cairn_publish_sanitize (redacted, -1, SHOWN_CHARS);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
cairn_publish_url_is_insecure (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0
         && !host_is_loopback (g_uri_get_host (uri));
}

/* An ETag that can go back into a header as it is (RFC 9110 entity-tag,
 * leniently: visible ASCII), and not absurdly long. */
static gboolean
etag_is_usable (const char *etag)
{
  gsize length = etag ? strlen (etag) : 0;

  if (length == 0 || length > 1024)
    return FALSE;
  for (const char *p = etag; *p; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      return FALSE;
  return TRUE;
}

/* Addresses: the one a request goes to (with the user info the address
 * was given with, for libsoup), and the one revisions are recorded under
 * and messages show (without it). */
static gboolean
journey_address (const char  *url,
                 const char  *id,
                 char       **request,
                 char       **key,
                 GError     **error)
{
  g_autoptr(GUri) base = url ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;
  const char *scheme = base ? g_uri_get_scheme (base) : NULL;
  const char *host = base ? g_uri_get_host (base) : NULL;
  g_autofree char *lower_scheme = NULL;
  g_autofree char *lower_host = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GString) path = NULL;

  if (base == NULL || host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_autofree char *shown = shown_url (url);
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE, _("“%s” is not a server address"), shown);
      return FALSE;
    }
  lower_scheme = g_ascii_strdown (scheme, -1);
  lower_host = g_ascii_strdown (host, -1);
  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_string_new (g_uri_get_path (base));
  while (path->len > 0 && path->str[path->len - 1] == '/')
    g_string_truncate (path, path->len - 1);
  g_string_append_printf (path, "/journeys/%s", escaped);
  if (request)
    *request = g_uri_join (G_URI_FLAGS_ENCODED, lower_scheme, g_uri_get_userinfo (base), lower_host,
                           g_uri_get_port (base), path->str, NULL, NULL);
  if (key)
    *key = g_uri_join (G_URI_FLAGS_ENCODED, lower_scheme, NULL, lower_host,
                       g_uri_get_port (base), path->str, NULL, NULL);
  return TRUE;
}

/* Revisions, in the document */

static JsonObject *
revisions_of (CairnJourney *journey)
{
  JsonNode *member = json_object_get_member (cairn_journey_get_object (journey), CAIRN_PUBLISH_REVISIONS_MEMBER);

  return member && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
}

const char *
cairn_publish_get_revision (CairnJourney *journey,
                            const char   *url)
{
  JsonObject *revisions;
  g_autofree char *key = NULL;
  JsonNode *value;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);

  revisions = revisions_of (journey);
  if (revisions == NULL || cairn_journey_get_id (journey) == NULL
      || !journey_address (url, cairn_journey_get_id (journey), NULL, &key, NULL))
    return NULL;
  value = json_object_get_member (revisions, key);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

typedef struct
{
  JsonObject *to;
  const char *except;
} CopyRevisions;

static void
copy_revision (JsonObject  *object,
               const char  *name,
               JsonNode    *node,
               gpointer     data)
{
  CopyRevisions *copy = data;

  if (strcmp (name, copy->except) != 0)
    json_object_set_member (copy->to, name, json_node_copy (node));
}

void
cairn_publish_set_revision (CairnJourney *journey,
                            const char   *url,
                            const char   *id,
                            const char   *etag)
{
  JsonObject *old;
  g_autoptr(JsonObject) revisions = json_object_new ();
  g_autofree char *key = NULL;

  g_return_if_fail (CAIRN_IS_JOURNEY (journey));

  if (id == NULL || !journey_address (url, id, NULL, &key, NULL))
    return;
  old = revisions_of (journey);
  if (old != NULL)
    {
      CopyRevisions copy = { revisions, key };
      json_object_foreach_member (old, copy_revision, &copy);
    }
  else if (etag == NULL)
    return;
  if (etag != NULL)
    json_object_set_string_member (revisions, key, etag);
  if (json_object_get_size (revisions) == 0)
    cairn_journey_set_member (journey, CAIRN_PUBLISH_REVISIONS_MEMBER, NULL);
  else
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), revisions);
      cairn_journey_set_member (journey, CAIRN_PUBLISH_REVISIONS_MEMBER, node);
    }
}

/* The deadline of the whole exchange: a watcher thread cancels every
 * read, write and connect once it has passed. */

typedef struct
{
  GMutex        lock;
  GCond         cond;
  gboolean      done;
  gint64        end;
  guint         seconds;
  GCancellable *cancellable;
  GThread      *thread;
} Deadline;

static gpointer
deadline_watch (gpointer data)
{
  Deadline *deadline = data;

  g_mutex_lock (&deadline->lock);
  while (!deadline->done)
    if (!g_cond_wait_until (&deadline->cond, &deadline->lock, deadline->end)
        && g_get_monotonic_time () >= deadline->end)
      {
        g_cancellable_cancel (deadline->cancellable);
        break;
      }
  g_mutex_unlock (&deadline->lock);
  return NULL;
}

static void
deadline_start (Deadline *deadline,
                guint     seconds)
{
  g_mutex_init (&deadline->lock);
  g_cond_init (&deadline->cond);
  deadline->done = FALSE;
  deadline->seconds = seconds;
  deadline->end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  deadline->cancellable = g_cancellable_new ();
  deadline->thread = g_thread_new ("cairn-deadline", deadline_watch, deadline);
}

static void
deadline_stop (Deadline *deadline)
{
  g_mutex_lock (&deadline->lock);
  deadline->done = TRUE;
  g_cond_signal (&deadline->cond);
  g_mutex_unlock (&deadline->lock);
  g_thread_join (deadline->thread);
  g_object_unref (deadline->cancellable);
  g_cond_clear (&deadline->cond);
  g_mutex_clear (&deadline->lock);
}

static void
set_timed_out (GError  **error,
               const char *shown,
               Deadline   *deadline)
{
  g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_TIMED_OUT,
               _("%s did not answer completely within %u seconds"), shown, deadline->seconds);
}

static gboolean
is_timeout (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
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
             guint                       timeout,
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

  soup_session_set_timeout (session, timeout);
  soup_session_set_user_agent (session, "Cairn/" PACKAGE_VERSION);
  if (options->ca_file)
    {
      /* GLib only takes an absolute path. */
      g_autofree char *path = g_canonicalize_filename (options->ca_file, NULL);
      GTlsDatabase *database = g_tls_file_database_new (path, error);

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
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (a) ?: "", g_uri_get_host (b) ?: "") == 0
         && g_uri_get_port (a) == g_uri_get_port (b);
}

static gsize
body_limit (void)
{
  const char *text = g_getenv ("CAIRN_PUBLISH_MAX_BODY");
  guint64 limit;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, CAIRN_PUBLISH_MAX_BODY, &limit, NULL))
    return (gsize) limit;
  return CAIRN_PUBLISH_MAX_BODY;
}

static void
set_too_large (GError     **error,
               const char  *shown,
               gsize        limit)
{
  g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_TOO_LARGE,
               _("The answer from %s is larger than %s, the most Cairn reads"), shown, size);
}

/* Reads the body, refusing it as soon as it is over @limit. */
static GBytes *
read_body (GInputStream  *stream,
           goffset        declared,
           gsize          limit,
           GCancellable  *cancellable,
           const char    *shown,
           GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree guint8 *chunk = NULL;

  if (declared > 0 && (guint64) declared > limit)
    {
      set_too_large (error, shown, limit);
      return NULL;
    }
  chunk = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, READ_CHUNK, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if ((gsize) n > limit - data->len)
        {
          set_too_large (error, shown, limit);
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The start of an error's body, to quote: the rest is not read. */
static GBytes *
read_excerpt (GInputStream  *stream,
              GCancellable  *cancellable,
              GError       **error)
{
  gsize size = 4 * SHOWN_CHARS;
  g_autofree char *data = g_malloc (size);
  gsize got = 0;

  if (!g_input_stream_read_all (stream, data, size, &got, cancellable, error))
    return NULL;
  return g_bytes_new (data, got);
}

typedef struct
{
  guint   status;
  char   *reason;   /* shown */
  char   *etag;     /* usable, or NULL */
  GBytes *body;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_free (reply->reason);
  g_free (reply->etag);
  g_clear_pointer (&reply->body, g_bytes_unref);
}

/* A short, safe quote of the body, or "". */
static char *
body_excerpt (Reply *reply)
{
  gsize size = 0;
  const char *data = reply->body ? g_bytes_get_data (reply->body, &size) : NULL;
  g_autofree char *text = size ? cairn_publish_sanitize (data, (gssize) MIN (size, 4 * SHOWN_CHARS), SHOWN_CHARS) : NULL;

  return g_strdup (text ? g_strstrip (text) : "");
}

/* Sends, retrying network errors and 5xx with backoff, following
 * redirects only within the same origin, all before @deadline. */
static gboolean
exchange (SoupSession               *session,
          Deadline                  *deadline,
          const char                *method,
          const char                *url,
          const char                *shown,
          GBytes                    *body,
          const char                *if_match,
          gboolean                   if_none_match,
          const CairnPublishOptions *options,
          Reply                     *reply,
          GError                   **error)
{
  guint retries = options->retries ? options->retries : 3;
  guint delay = options->backoff_ms ? options->backoff_ms : 500;
  gsize limit = body_limit ();
  g_autofree char *target = g_strdup (url);
  g_autoptr(GPtrArray) visited = g_ptr_array_new_with_free_func (g_free);

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(SoupMessage) message = soup_message_new (method, target);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local = NULL;
      SoupMessageHeaders *request, *response;
      /* Another try only when its backoff ends before the deadline. */
      gboolean can_retry = attempt < retries
                           && g_get_monotonic_time () + (gint64) delay * 1000 < deadline->end;
      guint status;

      if (message == NULL)
        {
          g_autofree char *where = shown_url (target);
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE, _("“%s” is not a server address"), where);
          return FALSE;
        }
      request = soup_message_get_request_headers (message);
      soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      if (body)
        soup_message_set_request_body_from_bytes (message, "application/json", body);
      soup_message_headers_replace (request, "Accept", "application/json");
      if (options->token)
        {
          g_autofree char *auth = g_strdup_printf ("Bearer %s", options->token);
          soup_message_headers_replace (request, "Authorization", auth);
        }
      if (if_match)
        soup_message_headers_replace (request, "If-Match", if_match);
      else if (if_none_match)
        soup_message_headers_replace (request, "If-None-Match", "*");

      stream = soup_session_send (session, message, deadline->cancellable, &local);
      if (stream == NULL)
        {
          if (is_timeout (local))
            {
              set_timed_out (error, shown, deadline);
              return FALSE;
            }
          if (!can_retry)
            {
              g_autofree char *why = cairn_publish_sanitize (local->message, -1, SHOWN_CHARS);
              g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK, _("Cannot reach %s: %s"), shown, why);
              return FALSE;
            }
          goto retry;
        }
      status = soup_message_get_status (message);
      response = soup_message_get_response_headers (message);

      if (SOUP_STATUS_IS_REDIRECTION (status) && soup_message_headers_get_one (response, "Location"))
        {
          const char *location = soup_message_headers_get_one (response, "Location");
          g_autoptr(GUri) from = g_uri_parse (target, G_URI_FLAGS_ENCODED, NULL);
          g_autoptr(GUri) to = from ? g_uri_parse_relative (from, location, G_URI_FLAGS_ENCODED, NULL) : NULL;
          g_autofree char *next = to ? g_uri_to_string (to) : NULL;
          g_autofree char *where = NULL;

          g_input_stream_close (stream, deadline->cancellable, NULL);
          if (to != NULL)
            {
              g_autofree char *bare = g_uri_to_string_partial (to, G_URI_HIDE_USERINFO);
              where = cairn_publish_sanitize (bare, -1, SHOWN_CHARS);
            }
          else
            where = shown_url (location);
          if (to == NULL || !same_origin (from, to))
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK,
                           _("The server redirected to another site (%s); Cairn only follows redirects on the same server"),
                           where);
              return FALSE;
            }
          g_ptr_array_add (visited, g_steal_pointer (&target));
          for (guint i = 0; i < visited->len; i++)
            if (strcmp (g_ptr_array_index (visited, i), next) == 0)
              {
                g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK,
                             _("The server redirects in a loop: %s leads back to an address already visited"), where);
                return FALSE;
              }
          if (visited->len > CAIRN_PUBLISH_MAX_REDIRECTS)
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK,
                           _("The server redirected more than %d times; the last address was %s"),
                           CAIRN_PUBLISH_MAX_REDIRECTS, where);
              return FALSE;
            }
          target = g_steal_pointer (&next);
          attempt--;
          continue;
        }
      if (status >= 500 && can_retry)
        {
          g_input_stream_close (stream, deadline->cancellable, NULL);
          goto retry;
        }

      reply->status = status;
      reply->reason = cairn_publish_sanitize (soup_message_get_reason_phrase (message), -1, SHOWN_CHARS);
      if (etag_is_usable (soup_message_headers_get_one (response, "ETag")))
        reply->etag = g_strdup (soup_message_headers_get_one (response, "ETag"));
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        reply->body = read_body (stream,
                                 soup_message_headers_get_encoding (response) == SOUP_ENCODING_CONTENT_LENGTH
                                   ? soup_message_headers_get_content_length (response) : 0,
                                 limit, deadline->cancellable, shown, &local);
      else
        reply->body = read_excerpt (stream, deadline->cancellable, &local);
      if (reply->body == NULL)
        {
          if (g_error_matches (local, CAIRN_ERROR, CAIRN_PUBLISH_TOO_LARGE))
            g_propagate_error (error, g_steal_pointer (&local));
          else if (is_timeout (local))
            set_timed_out (error, shown, deadline);
          else
            {
              g_autofree char *why = cairn_publish_sanitize (local->message, -1, SHOWN_CHARS);
              g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK, _("The answer from %s broke off: %s"), shown, why);
            }
          return FALSE;
        }
      if (status >= 500)
        {
          g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK,
                       _("The server failed (%u %s) %u times; try again later"), status, reply->reason, attempt + 1);
          return FALSE;
        }
      return TRUE;

    retry:
      g_usleep ((gulong) delay * 1000);
      delay *= 2;
    }
}

/* The error for an answer that is neither success nor a known case. */
static void
set_unexpected (GError **error,
                Reply   *reply)
{
  g_autofree char *excerpt = body_excerpt (reply);

  if (*excerpt != '\0')
    g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK, _("The server answered %u %s: %s"),
                 reply->status, reply->reason, excerpt);
  else
    g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK, _("The server answered %u %s"),
                 reply->status, reply->reason);
}

static gboolean
check_credentials (Reply   *reply,
                   GError **error)
{
  if (reply->status == SOUP_STATUS_UNAUTHORIZED || reply->status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_UNAUTHORIZED,
                   _("The server refused the credentials (%u); check the token"), reply->status);
      return FALSE;
    }
  return TRUE;
}

gboolean
cairn_publish_journey (CairnJourney               *journey,
                       const CairnPublishOptions  *options,
                       char                      **etag_out,
                       GError                    **error)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(CairnJourney) sent = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *request = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  const char *id;
  const char *revision = NULL;
  guint timeout;
  Reply reply = { 0 };
  Deadline deadline;
  gboolean sent_ok;
  gsize length;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), FALSE);
  g_return_val_if_fail (options && options->url, FALSE);

  id = cairn_journey_get_id (journey);
  diagnostics = cairn_validate (journey);
  if (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR) > 0 || id == NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("The journey has errors; only a valid journey is published"));
      return FALSE;
    }
  if (!journey_address (options->url, id, &request, &key, error))
    return FALSE;
  timeout = options->timeout ? options->timeout : CAIRN_PUBLISH_DEFAULT_TIMEOUT;
  session = session_new (options, timeout, error);
  if (session == NULL)
    return FALSE;

  if (!options->force)
    {
      revision = cairn_publish_get_revision (journey, options->url);
      if (!etag_is_usable (revision))
        revision = NULL;
    }
  /* The revisions are the document's own business, not the server's. */
  sent = cairn_journey_new_from_json (cairn_journey_get_root (journey), NULL);
  cairn_journey_set_member (sent, CAIRN_PUBLISH_REVISIONS_MEMBER, NULL);
  text = cairn_journey_to_data (sent, &length);
  body = g_bytes_new_take (g_steal_pointer (&text), length);

  deadline_start (&deadline, timeout);
  {
    g_autofree char *shown = shown_url (key);
    sent_ok = exchange (session, &deadline, "PUT", request, shown, body, revision,
                        !options->force && revision == NULL, options, &reply, error);
  }
  deadline_stop (&deadline);
  if (!sent_ok)
    {
      reply_clear (&reply);
      return FALSE;
    }
  if (reply.status == SOUP_STATUS_PRECONDITION_FAILED)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_CONFLICT,
                   _("The server has a newer version of this journey; fetch it, or publish with --force to overwrite it"));
      reply_clear (&reply);
      return FALSE;
    }
  if (!check_credentials (&reply, error))
    {
      reply_clear (&reply);
      return FALSE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (reply.status))
    {
      set_unexpected (error, &reply);
      reply_clear (&reply);
      return FALSE;
    }
  /* Without an ETag the document's old revision is no longer the server's. */
  cairn_publish_set_revision (journey, options->url, id, reply.etag);
  if (etag_out)
    *etag_out = g_steal_pointer (&reply.etag);
  reply_clear (&reply);
  return TRUE;
}

char *
cairn_fetch_journey (const char                 *id,
                     const CairnPublishOptions  *options,
                     GError                    **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *request = NULL;
  g_autofree char *key = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *shown_id = NULL;
  guint timeout;
  Reply reply = { 0 };
  Deadline deadline;
  gboolean ok;
  gsize size;
  const char *data;

  g_return_val_if_fail (id != NULL && options && options->url, NULL);

  if (!journey_address (options->url, id, &request, &key, error))
    return NULL;
  timeout = options->timeout ? options->timeout : CAIRN_PUBLISH_DEFAULT_TIMEOUT;
  session = session_new (options, timeout, error);
  if (session == NULL)
    return NULL;
  shown = shown_url (key);
  deadline_start (&deadline, timeout);
  ok = exchange (session, &deadline, "GET", request, shown, NULL, NULL, FALSE, options, &reply, error);
  deadline_stop (&deadline);
  if (!ok)
    {
      reply_clear (&reply);
      return NULL;
    }
  shown_id = cairn_publish_sanitize (id, -1, SHOWN_CHARS);
  if (reply.status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NOT_FOUND, _("The server has no journey “%s”"), shown_id);
  else if (!check_credentials (&reply, error))
    ;
  else if (!SOUP_STATUS_IS_SUCCESSFUL (reply.status))
    set_unexpected (error, &reply);
  else
    {
      data = g_bytes_get_data (reply.body, &size);
      journey = cairn_journey_load_data (size ? data : "", (gssize) size, shown, &local);
      if (journey == NULL)
        {
          g_autofree char *why = cairn_publish_sanitize (local->message, -1, SHOWN_CHARS);
          g_set_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK, _("The server's answer is not a journey: %s"), why);
        }
    }
  if (journey == NULL)
    {
      reply_clear (&reply);
      return NULL;
    }
  /* Only the revision it came with: whatever the server's copy says of
     others is not this document's history. */
  cairn_journey_set_member (journey, CAIRN_PUBLISH_REVISIONS_MEMBER, NULL);
  cairn_publish_set_revision (journey, options->url, id, reply.etag);
  reply_clear (&reply);
  return cairn_journey_to_data (journey, NULL);
}
