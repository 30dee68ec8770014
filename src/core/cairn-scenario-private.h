/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-json.h"
#include "cairn-scenario.h"

G_BEGIN_DECLS

/* What cairn-scenario.c (the file) and cairn-population.c (the generated
 * population) share while a scenario loads. */

typedef struct
{
  const char          *filename;
  CairnJsonPositions  *positions;
  GError             **error;
  /* Generated objects are shared between users whenever their content is
   * the same, which keeps a million generated users small. */
  GHashTable          *interned;      /* set of JsonObject*, compared by content */
  GHashTable          *specs;         /* spec JsonObject* → SpecInfo */
  guint                threads;       /* for a generated population */
} Loader;

/* Sets "FILE:LINE:COL: message" on the loader's error; returns FALSE. */
G_GNUC_PRINTF (3, 4)
gboolean    scenario_fail            (Loader      *loader,
                                      JsonNode    *where,
                                      const char  *format,
                                      ...);
gboolean    scenario_add_event       (Loader      *loader,
                                      GArray      *events,
                                      guint        user,
                                      CairnTime    time,
                                      JsonNode    *name,
                                      JsonNode    *platform,
                                      JsonObject  *params,
                                      const char  *params_text);
gboolean    scenario_is_integer_node (JsonNode    *node);
/* A user with nothing but its id (taken) and place. */
CairnUser  *scenario_user_new        (char            *id,
                                      CairnUserOrigin  origin,
                                      guint            index);
void        scenario_user_free       (CairnUser   *user);
void        scenario_index_users     (CairnInput  *input);
/* A stable sort by time (T4). */
void        scenario_sort_events     (GArray      *events);

GHashTable *population_interned_new  (void);
GHashTable *population_specs_new     (void);
/* Makes the `generate` block's users and their events (R, R4–R8): @runs
 * is set to the events sorted by time in runs, @events' own (moved from
 * it) first, then each shard's, which scenario_merge_runs () makes one;
 * @texts to the GStringChunks that hold events' params_text. */
gboolean    population_generate      (Loader      *loader,
                                      CairnInput  *input,
                                      GArray      *events,
                                      JsonObject  *generate,
                                      GPtrArray  **runs,
                                      GPtrArray  **texts);
void        scenario_merge_runs      (GArray      *out,
                                      GArray     **runs,
                                      guint        n_runs,
                                      gboolean     move);

G_END_DECLS
