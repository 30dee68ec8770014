/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-registry.h"
#include "cairn-sim-private.h"

G_BEGIN_DECLS

/* What a node kind does (STYLE.md, Layout): the scheduler (cairn-sim*.c),
 * the summaries (cairn-summary.c) and validation (cairn-validate.c) call
 * these and never compare type strings. Each category keeps its kinds'
 * steps together: cairn-kind-starter.c, -wait.c, -condition.c, -split.c,
 * -message.c and -action.c. Any step may be NULL. */

typedef struct _CairnCheck CairnCheck;   /* cairn-validate-private.h */

/* arrive's answer when the user stays at the node (waits) or has left. */
#define SIM_ARRIVE_STOP (-2)

struct _CairnNodeKindOps
{
  /* Engine. compile runs once every node's targets are known. */
  void      (*compile)         (Sim        *sim,
                                SimNode    *node);
  /* A user at node @n: the port taken, -1 to complete the journey, or
     SIM_ARRIVE_STOP when the user waits or has left. */
  int       (*arrive)          (Run        *run,
                                SimUser    *user,
                                guint       index,
                                int         n,
                                CairnTime   time);

  /* Starters: does an event (step 3 of §5) let the user in ... */
  gboolean  (*starter_matches) (Sim        *sim,
                                SimUser    *user,
                                Item       *event,
                                JsonNode   *old_value,
                                JsonNode   *after_step1,
                                gboolean    attribute_changed);
  /* ... or, for daily starters, is the user due at the tick at @time */
  gboolean  (*starter_due)     (Sim        *sim,
                                SimUser    *user,
                                CairnTime   time,
                                JsonObject **params);
  gboolean    watches_attribute;   /* step 1 records its "attribute" (E5) */
  /* starter_matches holds only for events named node->event (compile) */
  gboolean    starts_on_named_event;
  /* The report lists its variants' metrics (split.ab, N8) */
  gboolean    has_metric;

  /* Messages: the HTML field, escaped when rendered (M2) */
  const char *html_field;
  /* a message without templates writes its own report fields */
  void      (*write_message)   (SimNode    *node,
                                GString    *out);

  /* The canvas summary (cairn_node_summary) */
  void      (*summary)         (GString    *out,
                                const CairnNodeKind *kind,
                                JsonObject *config);
  /* Validation beyond the field table: of the node, and of the graph
     around it (V) */
  void      (*validate)        (CairnCheck *check,
                                CairnNode  *node);
  void      (*validate_graph)  (CairnCheck *check,
                                CairnNode  *node);
  /* a CAIRN_FIELD_JSON value of its config (set_attribute: a string is a
     template) */
  void      (*check_json_field)(CairnCheck *check,
                                JsonNode   *value);
};

G_END_DECLS
