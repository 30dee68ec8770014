/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-scenario-private.h"

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
} FlatValue;

gboolean population_draw_uniform (JsonArray  *bounds,
                                  guint64     seed,
                                  const char *user,
                                  const char *purpose,
                                  FlatValue  *v);
int population_pick_weighted (const double *weights,
                              guint         n,
                              double        u);
gboolean population_draw_flat (JsonObject *spec,
                               guint64     seed,
                               const char *user,
                               GString    *purpose,
                               gboolean    under_reachability,
                               FlatValue  *values,
                               guint      *n_values);
const char *population_flat_text (const FlatValue *values,
                                  guint            n,
                                  GString         *out,
                                  GStringChunk    *texts);
guint population_flat_hash (const FlatValue *values,
                            guint            n);
gboolean population_flat_equal (const FlatValue *values,
                                guint            n,
                                JsonObject      *object);
JsonObject *population_flat_make (const FlatValue *values,
                                  guint            n);

G_END_DECLS
