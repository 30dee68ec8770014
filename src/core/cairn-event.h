/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cairn-time.h"

G_BEGIN_DECLS

/* One event of a user, as predicates and templates see it. Names and
 * platforms are interned (g_intern_string), so they compare by pointer. */
typedef struct
{
  CairnTime    time;
  const char  *name;       /* interned */
  const char  *platform;   /* interned, or NULL when the event has none */
  JsonObject  *params;     /* NULL when the event has none */
} CairnEventRec;

G_END_DECLS
