/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-scenario-private.h"

#include "cairn-rng.h"

G_BEGIN_DECLS

/* cairn-population-flat.c: the values of flat generated objects, drawn
 * into a small array before any JsonObject is made. */

/* More members than a params_text holds are made the long way. */
#define MAX_FLAT CAIRN_PARAMS_TEXT_MAX

typedef struct
{
  const char *name;
  char        kind;   /* 'n' a spec node (copied when made), 'i', 'd', 'b', 's' */
  JsonNode   *node;
  gint64      i;
  double      d;
  const char *s;      /* a weighted key, owned by the spec */
  guint       h;      /* a 'n' node's node_hash (), kept with the plan */
} FlatValue;

/* A generated user's draws are cairn_rng_draw (seed, user, "-", 0,
 * purpose): the key's prefix is hashed once per user. */
static inline guint64
population_key (guint64     seed,
                const char *user)
{
  return cairn_rng_prefix (seed, user, "-", 0);
}

static inline double
population_draw (guint64     key,
                 const char *purpose)
{
  return cairn_rng_draw_from (key, purpose);
}

/* A flat spec (an object of scalars and well-formed uniform, choice and
 * weighted generators) read once: what each member draws, in order. */
typedef struct FlatPlan FlatPlan;

FlatPlan *population_flat_plan_new  (JsonObject     *spec,
                                     gboolean        under_reachability);
void      population_flat_plan_free (FlatPlan       *plan);
void      population_flat_plan_draw (const FlatPlan *plan,
                                     guint64         key,
                                     GString        *purpose,
                                     FlatValue      *values,
                                     guint          *n_values);

gboolean population_draw_uniform (JsonArray  *bounds,
                                  guint64     key,
                                  const char *purpose,
                                  FlatValue  *v);
int population_pick_weighted (const double *weights,
                              guint         n,
                              double        u);
const char *population_flat_text (const FlatValue *values,
                                  guint            n,
                                  GString         *out,
                                  GStringChunk    *texts);
guint population_flat_hash (const FlatValue *values,
                            guint            n);
gboolean population_flat_values_equal (const FlatValue *a,
                                       const FlatValue *b,
                                       guint            n);
JsonObject *population_flat_make (const FlatValue *values,
                                  guint            n);

G_END_DECLS
