/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The replay's scanner of plain JSON lines (cairn-replay-scan.c), shared
 * with its reader (cairn-replay.c). Not installed. */

#include <string.h>
#include <glib.h>

#include "cairn-scenario.h"

G_BEGIN_DECLS

/* A replay split over @n engines on threads of their own (cairn-sim-run.c,
 * §8 --threads): part k runs the users whose id hashes to k modulo @n.
 * Each part is an input of its own whose users are its own, numbered in
 * the order the whole input's would be (T7); each takes every event of
 * the log in order, its own to run and the others' passed over, and stops
 * at the same place as one engine would (the log's end, a bad line, the
 * first event past --end). Before the replay's first event is read; NULL
 * with @error set when the log is refused at once (too long a window). */
gboolean     cairn_input_replay_can_split (CairnInput   *input);
CairnInput **cairn_input_replay_split     (CairnInput   *input,
                                           guint         n,
                                           GError      **error);
/* On the part's own thread when its run is over, whatever its end. */
void         cairn_input_replay_part_done (CairnInput   *part);
/* When every part is done: the input's users and window are as one
 * engine leaves them. The parts are then the caller's to free. */
void         cairn_input_replay_join      (CairnInput   *input,
                                           CairnInput  **parts);

/* Tests: the scanners of a split replay read chunks of @size bytes (0:
 * CHUNK_SIZE, or the environment's CAIRN_REPLAY_CHUNK). */
void         cairn_replay_set_chunk_size  (gsize         size);
/* Tests: the least bytes of profiles each thread reads (0: as built). */
void         cairn_replay_set_profile_part_size (gsize   size);

/* Fills the fields of an event line of the usual shape, NUL-terminated in
 * place, and in @lengths those of time, user, name, platform and params
 * (0 when it has none); FALSE to use the full parser (then @line is
 * untouched). */
gboolean cairn_replay_scan_line    (char        *line,
                                    gsize        length,
                                    const char **time_text,
                                    const char **user,
                                    const char **name,
                                    const char **platform,
                                    const char **params_text,
                                    gsize        lengths[5]);

#define CAIRN_N_PROFILE_OBJECTS 4
/* "attributes", "reachability", "affinity", "behavior" */
extern const char *const cairn_replay_profile_objects[CAIRN_N_PROFILE_OBJECTS];

gboolean cairn_replay_scan_profile (char        *line,
                                    gsize        length,
                                    const char **id,
                                    const char  *object_text[CAIRN_N_PROFILE_OBJECTS],
                                    gsize        object_len[CAIRN_N_PROFILE_OBJECTS]);

/* memcmp (@a, @b, @n) == 0, without a call for the short ids, names and
 * times a log is made of: up to 32 bytes a few words at a time, read from
 * both ends (the words may overlap; nothing past @n is read). */
static inline gboolean
cairn_replay_same (const char *a,
                   const char *b,
                   gsize       n)
{
  guint64 x, y, diff = 0;
  guint32 p, q, r, t;

  if (n > 32)
    return memcmp (a, b, n) == 0;
  if (n >= 8)
    {
      /* Eight bytes at a time, the last eight where they are (overlapping
         the word before) */
      for (gsize at = 0; at + 8 < n; at += 8)
        {
          memcpy (&x, a + at, 8);
          memcpy (&y, b + at, 8);
          diff |= x ^ y;
        }
      memcpy (&x, a + n - 8, 8);
      memcpy (&y, b + n - 8, 8);
      return (diff | (x ^ y)) == 0;
    }
  if (n >= 4)
    {
      memcpy (&p, a, 4);
      memcpy (&q, b, 4);
      memcpy (&r, a + n - 4, 4);
      memcpy (&t, b + n - 4, 4);
      return ((p ^ q) | (r ^ t)) == 0;
    }
  for (gsize i = 0; i < n; i++)
    if (a[i] != b[i])
      return FALSE;
  return TRUE;
}

/* A hash of @length bytes, eight at a time. */
static inline guint32
cairn_replay_hash (const char *id,
         gsize       length)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ length;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 w;
      memcpy (&w, id + i, 8);
      h = (h ^ w) * 0xff51afd7ed558ccdull;
      h ^= h >> 32;
    }
  if (i < length)
    {
      /* The last one to seven bytes, as they are in memory, without a
         call (a copy of a length not known at compile time is one). */
      const char *p = id + i;
      gsize rest = length - i;
      guint64 w = 0;
      guint shift = 0;

      if (rest & 4)
        {
          guint32 v;
          memcpy (&v, p, 4);
          w = v;
          p += 4;
          shift = 32;
        }
      if (rest & 2)
        {
          guint16 v;
          memcpy (&v, p, 2);
          w |= (guint64) v << shift;
          p += 2;
          shift += 16;
        }
      if (rest & 1)
        w |= (guint64) (guchar) *p << shift;
      h = (h ^ w) * 0xff51afd7ed558ccdull;
    }
  h ^= h >> 29;
  h *= 0xc4ceb9fe1a85ec53ull;
  return (guint32) (h ^ (h >> 32));
}

G_END_DECLS
