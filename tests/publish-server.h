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
} Server;

extern Server server;

void server_start (void);
void server_stop  (void);

G_END_DECLS
