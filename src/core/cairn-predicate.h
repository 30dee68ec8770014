/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cairn-event.h"
#include "cairn-diagnostic.h"

G_BEGIN_DECLS

/* Everything a predicate (DESIGN §3, §12 P1–P5) can look at. Any pointer
 * may be NULL: what it would give is then absent. */
typedef struct
{
  const char          *user_id;
  JsonObject          *attributes;    /* {"attribute": ...} */
  JsonObject          *reachability;  /* {"reachable": ...}: JSON true only */
  JsonObject          *affinity;      /* {"affinity": ...} (dotted names walk objects) */
  JsonObject          *params;        /* {"param": ...}: the engine passes the
                                         event at hand or the entry event */
  JsonObject          *template_event;/* what {{event.x}} renders (P3) */
  const char          *params_text;   /* when params is NULL: a replayed event's
                                         params, still JSON text, read member
                                         by member */
  const char          *template_text; /* likewise for template_event */
  JsonObject          *product;       /* {"field": "attributes.city"} */
  const CairnEventRec *history;       /* the user's events processed so far, */
  guint                n_history;     /* oldest first (P5) */
  gint64               now;           /* CairnTime of the check */
} CairnPredicateContext;

gboolean  cairn_predicate_eval        (JsonNode                    *predicate,
                                       const CairnPredicateContext *context);

/* The usual test of an event parameter, `{"param": NAME, "op": "eq",
 * "neq", "in" or "not_in", "value": strings without templates}`, made
 * ready to read a replayed event's params text (cairn_input_params_raw)
 * without building nodes: the same result as cairn_predicate_eval () with
 * those params. NULL for any other predicate. */
typedef struct _CairnPredicateLeaf CairnPredicateLeaf;

CairnPredicateLeaf *cairn_predicate_leaf_new       (JsonNode                 *predicate);
void                cairn_predicate_leaf_free      (CairnPredicateLeaf       *leaf);
/* @params_text may be NULL: an event without params. */
gboolean            cairn_predicate_leaf_eval_text (const CairnPredicateLeaf *leaf,
                                                    const char               *params_text);

/* Like eval, and appends to @explanation a short account of the values that
 * decided, for timelines: `age 19 < 22 and cabin "economy" != "business"`. */
gboolean  cairn_predicate_explain     (JsonNode                    *predicate,
                                       const CairnPredicateContext *context,
                                       GString                     *explanation);

/* Structural check for the validator: unknown operators or keys, missing
 * `within` on history predicates, bad durations, templates with unclosed
 * sections, comparisons whose types cannot match (warnings). Calls @report
 * once per problem with the offending JSON value. */
typedef void (*CairnPredicateProblemFunc) (JsonNode      *where,
                                           CairnSeverity  severity,
                                           const char    *code,
                                           const char    *message,
                                           gpointer       user_data);
void      cairn_predicate_check       (JsonNode                  *predicate,
                                       gboolean                   allow_field,
                                       CairnPredicateProblemFunc  report,
                                       gpointer                   user_data);

/* The largest `within` of any history predicate in @predicate (0 if none):
 * the engine keeps that much history. */
gint64    cairn_predicate_max_within  (JsonNode                  *predicate);

G_END_DECLS
