/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GThread      *thread;
  char         *base;       /* http://127.0.0.1:PORT/ */
  GMutex        lock;       /* held while the fields below are used */
  GHashTable   *journeys;   /* id → body */
  GHashTable   *etags;      /* id → etag */
  guint         version;
  guint         fail_next;  /* answer 500 this many times */
  guint         delay_ms;
  guint         puts;
  char         *last_if_match;       /* of the last PUT, or NULL */
  char         *last_if_none_match;
} Server;

extern Server server;

void  server_start (void);
/* Its handler, for another SoupServer (TLS) with the same journeys. */
void  server_handler (SoupServer        *soup_server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           data);
void  server_stop  (void);
/* No journeys, no failures, no delay. */
void  server_reset (void);
/* Another client publishes: the journey's name becomes @name (with its
 * quotes), its ETag "elsewhere". */
void  server_change_elsewhere (const char *id,
                               const char *name);
char *server_body  (const char *id);
/* The PUTs it has answered so far. */
guint server_puts  (void);

typedef enum
{
  RAW_FIXED,     /* writes response for every request */
  RAW_ENDLESS,   /* writes response (headers, chunked), then chunks until the client hangs up */
  RAW_TRICKLE,   /* writes response (headers), then a byte every trickle_ms */
  RAW_SILENT,    /* reads the request, says nothing for trickle_ms, hangs up */
} RawMode;

typedef struct
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  GThread         *thread;
  char            *base;        /* http://127.0.0.1:PORT/ */
  RawMode          mode;
  char            *response;
  guint            trickle_ms;  /* 0: 300 */
  GMutex           lock;        /* for the counts */
  gsize            sent;        /* bytes written */
  guint            requests;
} RawServer;

extern RawServer raw;

void raw_server_start (RawMode     mode,
                       const char *response);
void raw_server_stop  (void);

/* Removes @path and, unless it is a link, everything below it. */
void test_remove_tree (const char *path);

G_END_DECLS
