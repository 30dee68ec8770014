/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-scenario-model.h"

G_BEGIN_DECLS

/* How the scenario model's objects stay lossless: the names of an object's
 * members in document order, and the members kept as written (unknown, or
 * of a type the model does not read); or, for an element of a list that is
 * not an object at all, that element as written. */
typedef struct
{
  GPtrArray  *order;   /* member names, document order */
  JsonObject *kept;    /* members kept as written */
  JsonNode   *raw;     /* the element, when it is not an object */
} CairnMembers;

/* The typed value of member @name of @owner, a new node; NULL when unset. */
typedef JsonNode *(*CairnMemberWriter) (gpointer    owner,
                                        const char *name);

void        cairn_members_init   (CairnMembers       *members);
void        cairn_members_clear  (CairnMembers       *members);
/* Adds @name to the order when it is not there: an edit sets it. */
void        cairn_members_note   (CairnMembers       *members,
                                  const char         *name);
gboolean    cairn_members_has    (CairnMembers       *members,
                                  const char         *name);
/* Keeps a copy of @node as written. */
void        cairn_members_keep   (CairnMembers       *members,
                                  const char         *name,
                                  JsonNode           *node);
JsonNode   *cairn_members_kept   (CairnMembers       *members,
                                  const char         *name);
/* The typed member @name was set (@set) or removed: what was kept of it
 * goes, and a member set is written where it stood, or at the end when
 * it is new. */
void        cairn_members_set    (CairnMembers       *members,
                                  const char         *name,
                                  gboolean            set);
GStrv       cairn_members_unknown (CairnMembers      *members,
                                   const char * const *known);

/* Member @name holding a list: NULL when it was not read and the list is
 * empty, else an object of @values (CairnScenarioValue) or an array of
 * @items, each written by @writer. */
typedef JsonNode *(*CairnItemWriter) (gpointer item);

JsonNode   *cairn_members_values_node (CairnMembers    *members,
                                       const char      *name,
                                       GListModel      *values);
JsonNode   *cairn_members_array_node  (CairnMembers    *members,
                                       const char      *name,
                                       GListModel      *items,
                                       CairnItemWriter  writer);

/* Reads each member of @object in order: @reader takes it into @owner's
 * typed fields, or returns FALSE and it is kept as written. */
typedef gboolean (*CairnMemberReader) (gpointer    owner,
                                       const char *name,
                                       JsonNode   *node);

void        cairn_members_read   (CairnMembers       *members,
                                  JsonObject         *object,
                                  CairnMemberReader   reader,
                                  gpointer            owner);
/* An element of a list: an object read as above, anything else kept as
 * written in members->raw. */
void        cairn_members_read_node  (CairnMembers       *members,
                                      JsonNode           *node,
                                      CairnMemberReader   reader,
                                      gpointer            owner);
/* Its node: members->raw as written, or the object: members in order
 * (kept ones as written, the others from @writer), then the @known members
 * not in the order that @writer sets. */
JsonNode   *cairn_members_write_node (CairnMembers       *members,
                                      const char * const *known,
                                      CairnMemberWriter   writer,
                                      gpointer            owner);

/* Member readers for loading: the string or number node of @node, or
 * FALSE (then keep it). */
gboolean    cairn_member_string  (JsonNode           *node,
                                  char              **out);
gboolean    cairn_member_number  (JsonNode           *node,
                                  JsonNode          **out);
/* An object read into a list of CairnScenarioValue, which replaces *@out. */
gboolean    cairn_member_values  (JsonNode           *node,
                                  GListStore        **out);
JsonNode   *cairn_string_node    (const char         *text);

G_END_DECLS
