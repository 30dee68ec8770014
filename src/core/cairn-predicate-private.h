/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by cairn-predicate.c (evaluation) and cairn-predicate-check.c
 * (the validator's structural check). Not installed. */

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  KIND_NONE,
  KIND_ALL,
  KIND_ANY,
  KIND_NOT,
  KIND_EVENT,
  KIND_REACHABLE,
  KIND_ATTRIBUTE,
  KIND_PARAM,
  KIND_AFFINITY,
  KIND_FIELD,
  N_KINDS
} Kind;

typedef enum
{
  OP_INVALID,
  OP_EQ,
  OP_NEQ,
  OP_LT,
  OP_LTE,
  OP_GT,
  OP_GTE,
  OP_IN,
  OP_NOT_IN,
  OP_CONTAINS,
  OP_STARTS_WITH,
  OP_EXISTS,
  OP_NOT_EXISTS,
  N_OPS
} Op;

#define OP_LIST "eq, neq, lt, lte, gt, gte, in, not_in, contains, starts_with, exists, not_exists"

extern const char * const cairn_predicate_kind_keys[N_KINDS];
extern const char * const cairn_predicate_op_names[N_OPS];

Op        cairn_predicate_op_from_string (const char *name);
Kind      cairn_predicate_kind_from_key  (const char *key);
/* The kind of a predicate object; @n_kinds receives how many kind keys
 * it has (more than one is an error for the validator). */
Kind      cairn_predicate_kind_of        (JsonObject *object,
                                          guint      *n_kinds);
gboolean  cairn_predicate_is_absent      (JsonNode   *node);
gboolean  cairn_predicate_is_string      (JsonNode   *node);
/* 0 absent, 1 number, 2 string, 3 boolean, 4 array, 5 object. */
int       cairn_predicate_json_type      (JsonNode   *node);

G_END_DECLS
