/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cairn-rng.h"

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME  G_GUINT64_CONSTANT (0x100000001b3)

guint64
cairn_rng_fnv1a64 (const char *data,
                   gsize       length)
{
  guint64 h = FNV_OFFSET;

  for (gsize i = 0; i < length; i++)
    {
      h ^= (guchar) data[i];
      h *= FNV_PRIME;
    }
  return h;
}

guint64
cairn_rng_splitmix64 (guint64 z)
{
  z += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

double
cairn_rng_u (const char *key,
             gsize       length)
{
  return (double) (cairn_rng_splitmix64 (cairn_rng_fnv1a64 (key, length)) >> 11) * 0x1.0p-53;
}

/* FNV-1a is a running hash, so the key is hashed piece by piece without
 * ever being assembled. */
static guint64
hash_str (guint64     h,
          const char *s)
{
  for (; *s; s++)
    {
      h ^= (guchar) *s;
      h *= FNV_PRIME;
    }
  return h;
}

static guint64
hash_u64 (guint64 h,
          guint64 v)
{
  char digits[24];
  int n = 0;

  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  while (n-- > 0)
    {
      h ^= (guchar) digits[n];
      h *= FNV_PRIME;
    }
  return h;
}

static guint64
hash_slash (guint64 h)
{
  h ^= (guchar) '/';
  return h * FNV_PRIME;
}

guint64
cairn_rng_prefix (guint64     seed,
                  const char *user,
                  const char *node,
                  guint64     n)
{
  guint64 h = FNV_OFFSET;

  h = hash_u64 (h, seed);
  h = hash_str (hash_slash (h), user);
  h = hash_str (hash_slash (h), node);
  h = hash_u64 (hash_slash (h), n);
  return hash_slash (h);
}

double
cairn_rng_draw_from (guint64     prefix,
                     const char *purpose)
{
  return (double) (cairn_rng_splitmix64 (hash_str (prefix, purpose)) >> 11) * 0x1.0p-53;
}

double
cairn_rng_draw (guint64     seed,
                const char *user,
                const char *node,
                guint64     n,
                const char *purpose)
{
  return cairn_rng_draw_from (cairn_rng_prefix (seed, user, node, n), purpose);
}
