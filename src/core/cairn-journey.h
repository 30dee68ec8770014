/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cairn-registry.h"
#include "cairn-json.h"

G_BEGIN_DECLS

/* A journey document (DESIGN §2). The JSON object tree is the source of
 * truth, so fields Cairn does not know survive a load/save round trip; the
 * CairnNode / CairnEdge views below are indexes into it, rebuilt after
 * every change. Loading only fails on I/O or JSON syntax: a document that
 * is well-formed JSON but not a valid journey loads, and cairn_validate()
 * reports what is wrong with it. */

typedef struct
{
  JsonObject          *object;   /* the node's object in "nodes" */
  const char          *id;       /* NULL when missing or not a string */
  const char          *type;     /* NULL when missing or not a string */
  const CairnNodeKind *kind;     /* NULL for an unknown type */
  const char          *label;    /* NULL when missing */
  JsonObject          *config;   /* NULL when missing or not an object */
  double               x, y;     /* "position", 0 when missing */
  guint                index;    /* document order */
} CairnNode;

typedef struct
{
  JsonObject          *object;   /* the edge's object in "edges" */
  const char          *from;     /* NULL when missing */
  const char          *port;     /* "out" when missing */
  const char          *to;       /* NULL when missing */
  guint                index;
} CairnEdge;

#define CAIRN_TYPE_JOURNEY (cairn_journey_get_type ())
G_DECLARE_FINAL_TYPE (CairnJourney, cairn_journey, CAIRN, JOURNEY, GObject)

/* An empty, valid-looking document: format, version, id "journey", name,
 * timezone "UTC", no nodes. */
CairnJourney    *cairn_journey_new                 (void);
CairnJourney    *cairn_journey_load_file           (const char    *path,
                                                    GError       **error);
CairnJourney    *cairn_journey_load_data           (const char    *data,
                                                    gssize         length,
                                                    const char    *filename,
                                                    GError       **error);
/* Takes a copy of @root (a JSON object node). */
CairnJourney    *cairn_journey_new_from_json       (JsonNode      *root,
                                                    const char    *filename);
/* Deterministic pretty JSON with a trailing newline. */
char            *cairn_journey_to_data             (CairnJourney  *self,
                                                    gsize         *length);
/* Atomic save; sets the filename. */
gboolean         cairn_journey_save_file           (CairnJourney  *self,
                                                    const char    *path,
                                                    GError       **error);

const char      *cairn_journey_get_filename        (CairnJourney  *self);
void             cairn_journey_set_filename        (CairnJourney  *self,
                                                    const char    *filename);
JsonNode        *cairn_journey_get_root            (CairnJourney  *self);
JsonObject      *cairn_journey_get_object          (CairnJourney  *self);
const char      *cairn_journey_get_id              (CairnJourney  *self);
const char      *cairn_journey_get_name            (CairnJourney  *self);
/* "UTC" when unset. */
const char      *cairn_journey_get_timezone        (CairnJourney  *self);

guint            cairn_journey_get_n_nodes         (CairnJourney  *self);
CairnNode       *cairn_journey_get_node            (CairnJourney  *self,
                                                    guint          index);
CairnNode       *cairn_journey_find_node           (CairnJourney  *self,
                                                    const char    *id);
guint            cairn_journey_get_n_edges         (CairnJourney  *self);
CairnEdge       *cairn_journey_get_edge            (CairnJourney  *self,
                                                    guint          index);
/* The edge leaving @from through @port, or NULL. */
CairnEdge       *cairn_journey_find_edge           (CairnJourney  *self,
                                                    const char    *from,
                                                    const char    *port);
/* The starter when there is exactly one, else NULL. */
CairnNode       *cairn_journey_get_starter         (CairnJourney  *self);

/* Where @value was in the loaded file (positions are dropped for values
 * created or replaced by edits). */
gboolean         cairn_journey_lookup_position     (CairnJourney  *self,
                                                    JsonNode      *value,
                                                    guint         *line,
                                                    guint         *column);

/* Edits. Each emits ::changed once. Ids of new nodes are made from the
 * kind ("email1", "wait2"), unique in the journey. */
const char      *cairn_journey_add_node            (CairnJourney  *self,
                                                    const char    *type,
                                                    double         x,
                                                    double         y);
/* Adds a copy of @node_object; gives it a fresh id when its id is taken.
 * Returns the id used. */
const char      *cairn_journey_insert_node_object  (CairnJourney  *self,
                                                    JsonObject    *node_object);
/* Removes the node and every edge from or to it. */
gboolean         cairn_journey_remove_node         (CairnJourney  *self,
                                                    const char    *id);
void             cairn_journey_move_node           (CairnJourney  *self,
                                                    const char    *id,
                                                    double         x,
                                                    double         y);
void             cairn_journey_set_node_label      (CairnJourney  *self,
                                                    const char    *id,
                                                    const char    *label);
/* Replaces the config with a copy of @config. */
void             cairn_journey_set_node_config     (CairnJourney  *self,
                                                    const char    *id,
                                                    JsonObject    *config);
/* Fails with a reason a person understands when @from has no port @port,
 * @to is unknown or the starter, or the port already has an edge. */
gboolean         cairn_journey_connect             (CairnJourney  *self,
                                                    const char    *from,
                                                    const char    *port,
                                                    const char    *to,
                                                    GError       **error);
gboolean         cairn_journey_disconnect          (CairnJourney  *self,
                                                    const char    *from,
                                                    const char    *port);
/* Sets (or with NULL removes) a top-level member: "name", "goals", ... */
void             cairn_journey_set_member          (CairnJourney  *self,
                                                    const char    *member,
                                                    JsonNode      *value);
/* Replaces the whole document with a copy of @root (undo, restore). */
void             cairn_journey_replace_root        (CairnJourney  *self,
                                                    JsonNode      *root);
/* Several edits, one ::changed. */
void             cairn_journey_freeze_changed      (CairnJourney  *self);
void             cairn_journey_thaw_changed        (CairnJourney  *self);

/* A stable hash of the document's canonical JSON (SHA-256, hex). */
char            *cairn_journey_content_hash        (CairnJourney  *self);

G_END_DECLS
