/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the partial report (cairn-partition.c) and the merge
 * (cairn-partition-merge.c). */

/* A split entry with no success in its window. */
#define NO_SUCCESS G_MAXINT64

/* A portfolio's busiest users (PF12). */
typedef struct
{
  const char *id;
  guint64     messages;
} Busy;

/* Most messages first, then by id (UTF-8 byte order is code point order). */
int  partition_busy_compare (gconstpointer a,
                             gconstpointer b);
/* @id as a JSON string, or null. */
void partition_append_id    (GString      *out,
                             const char   *id);

G_END_DECLS
