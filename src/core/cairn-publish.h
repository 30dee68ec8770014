/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-journey.h"

G_BEGIN_DECLS

/* Publishing to a journey server (DESIGN §11): PUT {url}/journeys/{id}
 * with the journey JSON, a bearer token when given, and If-Match with the
 * ETag the server returned last time for that server and journey, so an
 * older copy never overwrites a newer one. */

typedef enum
{
  CAIRN_PUBLISH_CONFLICT = 100,   /* 412: the server has a newer version */
  CAIRN_PUBLISH_UNAUTHORIZED,     /* 401 / 403 */
  CAIRN_PUBLISH_NETWORK,          /* unreachable, timed out, 5xx after retries */
  CAIRN_PUBLISH_NOT_FOUND,        /* fetch: 404 */
} CairnPublishError;

typedef struct
{
  const char *url;           /* server base URL */
  const char *token;         /* or NULL */
  const char *ca_file;       /* extra trusted CA (PEM), or NULL */
  gboolean    force;         /* leave out If-Match: overwrite */
  guint       timeout;       /* seconds, 0: 30 */
  guint       retries;       /* network errors and 5xx, 0: 3 */
  guint       backoff_ms;    /* first retry delay, doubling; 0: 500 */
  const char *state_file;    /* ETags remembered here; NULL: the user state dir */
} CairnPublishOptions;

void      cairn_publish_options_init (CairnPublishOptions        *options);
/* Errors in the CAIRN_ERROR domain: CAIRN_ERROR_INVALID for a journey with
 * validation errors (nothing is sent), else CairnPublishError codes. */
gboolean  cairn_publish_journey      (CairnJourney               *journey,
                                      const CairnPublishOptions  *options,
                                      char                      **etag_out,
                                      GError                    **error);
/* GET {url}/journeys/{id}: the journey text; remembers its ETag. */
char     *cairn_fetch_journey        (const char                 *id,
                                      const CairnPublishOptions  *options,
                                      GError                    **error);

G_END_DECLS
