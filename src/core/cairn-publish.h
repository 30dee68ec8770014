/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-journey.h"

G_BEGIN_DECLS

/* Publishing to a journey server (DESIGN §11): PUT {url}/journeys/{id}
 * with the journey JSON and a bearer token when given.
 *
 * The server revision a document is based on travels with the document:
 * its top-level member "server_revisions" maps each journey address it was
 * published to or fetched from ("https://host/journeys/ID", never with a
 * user or password) to the ETag the server gave for it. Publish sends
 * If-Match with that ETag, or If-None-Match: * when the document has none
 * for that address, so a stale copy never overwrites a newer one and a
 * document that was never published never overwrites an existing
 * journey. The member itself is not sent. */

#define CAIRN_PUBLISH_REVISIONS_MEMBER "server_revisions"
/* The largest answer read from a server: a journey's largest file. The
 * environment variable CAIRN_PUBLISH_MAX_BODY (bytes) lowers it, for tests. */
#define CAIRN_PUBLISH_MAX_BODY CAIRN_JSON_MAX_FILE_SIZE
/* Seconds the whole exchange may take, retries and redirects included. */
#define CAIRN_PUBLISH_DEFAULT_TIMEOUT 30
#define CAIRN_PUBLISH_MAX_REDIRECTS 5

typedef enum
{
  CAIRN_PUBLISH_CONFLICT = 100,   /* 412: the server has a newer version */
  CAIRN_PUBLISH_UNAUTHORIZED,     /* 401 / 403 */
  CAIRN_PUBLISH_NETWORK,          /* unreachable, 5xx after retries, bad redirects */
  CAIRN_PUBLISH_NOT_FOUND,        /* fetch: 404 */
  CAIRN_PUBLISH_TOO_LARGE,        /* the answer is over the size limit */
  CAIRN_PUBLISH_TIMED_OUT,        /* the exchange took longer than the timeout */
} CairnPublishError;

typedef struct
{
  const char *url;           /* server base URL */
  const char *token;         /* or NULL */
  const char *ca_file;       /* extra trusted CA (PEM), or NULL; relative to the working directory */
  gboolean    force;         /* neither If-Match nor If-None-Match: overwrite */
  guint       timeout;       /* seconds for the whole exchange, 0: 30 */
  guint       retries;       /* network errors and 5xx, 0: 3 */
  guint       backoff_ms;    /* first retry delay, doubling; 0: 500 */
} CairnPublishOptions;

void      cairn_publish_options_init (CairnPublishOptions        *options);
/* Errors in the CAIRN_ERROR domain: CAIRN_ERROR_INVALID for a journey with
 * validation errors (nothing is sent), CAIRN_ERROR_USAGE for a bad address
 * or token, else CairnPublishError codes. On success the new ETag is
 * recorded in @journey's "server_revisions" (one ::changed). */
gboolean  cairn_publish_journey      (CairnJourney               *journey,
                                      const CairnPublishOptions  *options,
                                      char                      **etag_out,
                                      GError                    **error);
/* GET {url}/journeys/{id}: the journey document, with the ETag it came
 * with recorded in its "server_revisions". */
char     *cairn_fetch_journey        (const char                 *id,
                                      const CairnPublishOptions  *options,
                                      GError                    **error);

/* The ETag @journey is based on at server @url, or NULL. */
const char *cairn_publish_get_revision (CairnJourney *journey,
                                        const char   *url);
/* Records (or with NULL forgets) the ETag of journey @id at server @url
 * in @journey. */
void      cairn_publish_set_revision (CairnJourney               *journey,
                                      const char                 *url,
                                      const char                 *id,
                                      const char                 *etag);

/* TRUE when @url is plain http:// to a host that is not loopback: a token
 * sent there travels unencrypted. */
gboolean  cairn_publish_url_is_insecure (const char *url);
/* @url without its user and password, for messages. */
char     *cairn_publish_redact_url   (const char                 *url);
/* Text a server sent, fit for a terminal or a label: valid UTF-8 without
 * control characters, at most @max_chars characters (then "…"). */
char     *cairn_publish_sanitize     (const char                 *text,
                                      gssize                      length,
                                      gsize                       max_chars);

G_END_DECLS
