/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-diagnostic.h"
#include "cairn-journey.h"

G_BEGIN_DECLS

/* Validation (cairn-validate.c) as the kinds' own checks see it
 * (CairnNodeKindOps.validate, cairn-kind-*.c). */

typedef struct _CairnCheck CairnCheck;

struct _CairnCheck
{
  CairnJourney *journey;
  GPtrArray    *out;
  const char   *node_id;   /* the node being checked, or NULL */
  JsonNode     *fallback;  /* where to point when a value has no position */
};

void     cairn_check_report      (CairnCheck    *check,
                                  CairnSeverity  severity,
                                  JsonNode      *where,
                                  const char    *code,
                                  const char    *format,
                                  ...) G_GNUC_PRINTF (5, 6);
#define CAIRN_CHECK_ERROR(check, where, code, ...) \
  cairn_check_report (check, CAIRN_SEVERITY_ERROR, where, code, __VA_ARGS__)
#define CAIRN_CHECK_WARNING(check, where, code, ...) \
  cairn_check_report (check, CAIRN_SEVERITY_WARNING, where, code, __VA_ARGS__)

gboolean cairn_is_string         (JsonNode      *node);
void     cairn_check_template    (CairnCheck    *check,
                                  JsonNode      *value);
/* Is @message on a path from the starter to @node? */
gboolean cairn_check_upstream_of (CairnJourney  *journey,
                                  CairnNode     *message,
                                  CairnNode     *node);

G_END_DECLS
