/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The keyed random draw of DESIGN §12 R:
 * u(key) = (splitmix64(fnv1a64(key)) >> 11) × 2⁻⁵³. */
guint64 cairn_rng_fnv1a64    (const char *data,
                              gsize       length);
guint64 cairn_rng_splitmix64 (guint64     x);
double  cairn_rng_u          (const char *key,
                              gsize       length);
/* u("<seed>/<user>/<node>/<n>/<purpose>") without building the string on
 * the heap. */
double  cairn_rng_draw       (guint64     seed,
                              const char *user,
                              const char *node,
                              guint64     n,
                              const char *purpose);

/* The same draws for several purposes of one key prefix: the hash of
 * "<seed>/<user>/<node>/<n>/" once, then u(prefix + purpose) for each. */
guint64 cairn_rng_prefix     (guint64     seed,
                              const char *user,
                              const char *node,
                              guint64     n);
double  cairn_rng_draw_from  (guint64     prefix,
                              const char *purpose);

G_END_DECLS
