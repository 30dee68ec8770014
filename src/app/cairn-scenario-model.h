/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The scenario the persona editor edits (DESIGN §6), as typed objects:
 * a CairnScenarioModel holds the settings, the scripted people and the
 * generated personas (GListModels of CairnPersona); a persona holds its
 * attributes, reachability and affinities (GListModels of
 * CairnScenarioValue) and its events (CairnScenarioEvent).
 *
 * Loading and writing are lossless: a member the model does not know, or
 * one of a type it does not expect ("name": 5), is kept aside and written
 * back as it was, where it was; an element of a list that is not an object
 * stays in the list as written. Members keep their document order; a
 * member added by an edit goes at the end. */

/* One key and its JSON value: an attribute, a parameter, an affinity, a
 * channel's reachability. */
#define CAIRN_TYPE_SCENARIO_VALUE (cairn_scenario_value_get_type ())
G_DECLARE_FINAL_TYPE (CairnScenarioValue, cairn_scenario_value, CAIRN, SCENARIO_VALUE, GObject)

CairnScenarioValue *cairn_scenario_value_new       (const char         *key,
                                                    JsonNode           *value);
const char         *cairn_scenario_value_get_key   (CairnScenarioValue *self);
void                cairn_scenario_value_set_key   (CairnScenarioValue *self,
                                                    const char         *key);
/* Never NULL. The node is the value's: read only. */
JsonNode           *cairn_scenario_value_get_value (CairnScenarioValue *self);
/* Takes @value. */
void                cairn_scenario_value_set_value (CairnScenarioValue *self,
                                                    JsonNode           *value);

/* Lists of CairnScenarioValue, in document order. */
GListStore         *cairn_scenario_values_new_from_object (JsonObject *object);
JsonObject         *cairn_scenario_values_to_object       (GListModel *values);
/* The value of @key, or NULL; its position in @position. */
CairnScenarioValue *cairn_scenario_values_find            (GListModel *values,
                                                           const char *key,
                                                           guint      *position);
/* Sets @key (appended when new); takes @value. */
void                cairn_scenario_values_set             (GListStore *values,
                                                           const char *key,
                                                           JsonNode   *value);
gboolean            cairn_scenario_values_remove          (GListStore *values,
                                                           const char *key);
/* A JSON number node: an integer when @value is integral (spin buttons
 * step in binary fractions, so it is rounded to 6 decimals first). */
JsonNode           *cairn_scenario_number_node            (double      value);

/* A scripted event (at a time, or after a message) or a generated event
 * process (rate_per_day). */
#define CAIRN_TYPE_SCENARIO_EVENT (cairn_scenario_event_get_type ())
G_DECLARE_FINAL_TYPE (CairnScenarioEvent, cairn_scenario_event, CAIRN, SCENARIO_EVENT, GObject)

/* @node may be anything: an element that is not an object is kept as
 * written (cairn_scenario_event_is_object() is FALSE). */
CairnScenarioEvent *cairn_scenario_event_new_from_json      (JsonNode           *node);
JsonNode           *cairn_scenario_event_to_json            (CairnScenarioEvent *self);
gboolean            cairn_scenario_event_is_object          (CairnScenarioEvent *self);
/* The string members; NULL when missing (or kept: of another type).
 * Setting NULL removes the member. */
const char         *cairn_scenario_event_get_name           (CairnScenarioEvent *self);
void                cairn_scenario_event_set_name           (CairnScenarioEvent *self,
                                                             const char         *name);
const char         *cairn_scenario_event_get_at             (CairnScenarioEvent *self);
void                cairn_scenario_event_set_at             (CairnScenarioEvent *self,
                                                             const char         *at);
const char         *cairn_scenario_event_get_after_message  (CairnScenarioEvent *self);
void                cairn_scenario_event_set_after_message  (CairnScenarioEvent *self,
                                                             const char         *node);
const char         *cairn_scenario_event_get_delay          (CairnScenarioEvent *self);
void                cairn_scenario_event_set_delay          (CairnScenarioEvent *self,
                                                             const char         *delay);
/* A string, or a generated value; NULL when missing. Set takes @platform. */
JsonNode           *cairn_scenario_event_get_platform       (CairnScenarioEvent *self);
void                cairn_scenario_event_set_platform       (CairnScenarioEvent *self,
                                                             JsonNode           *platform);
/* 0 when missing. */
double              cairn_scenario_event_get_rate_per_day   (CairnScenarioEvent *self);
void                cairn_scenario_event_set_rate_per_day   (CairnScenarioEvent *self,
                                                             double              rate);
/* Its "params" (CairnScenarioValue); written when not empty or when the
 * event was read with them. */
GListStore         *cairn_scenario_event_get_params         (CairnScenarioEvent *self);
/* A member kept as written (not understood): NULL when there is none. */
JsonNode           *cairn_scenario_event_get_kept           (CairnScenarioEvent *self,
                                                             const char         *member);

/* A scripted person ("users") or a generated persona ("generate"."personas"). */
#define CAIRN_TYPE_PERSONA (cairn_persona_get_type ())
G_DECLARE_FINAL_TYPE (CairnPersona, cairn_persona, CAIRN, PERSONA, GObject)

CairnPersona *cairn_persona_new_from_json       (JsonNode     *node,
                                                 gboolean      generated);
JsonNode     *cairn_persona_to_json             (CairnPersona *self);
/* A deep copy. */
CairnPersona *cairn_persona_copy                (CairnPersona *self);
gboolean      cairn_persona_is_generated        (CairnPersona *self);
/* FALSE for an element of the list that is not an object (kept as written). */
gboolean      cairn_persona_is_object           (CairnPersona *self);
/* A member kept as written (not understood): NULL when there is none. */
JsonNode     *cairn_persona_get_kept            (CairnPersona *self,
                                                 const char   *member);
/* The members kept as written that the model does not know at all. */
GStrv         cairn_persona_dup_unknown_members (CairnPersona *self);

/* Scripted: "id". Generated: "name" and "weight" (1 when missing). */
const char   *cairn_persona_get_id              (CairnPersona *self);
void          cairn_persona_set_id              (CairnPersona *self,
                                                 const char   *id);
const char   *cairn_persona_get_name            (CairnPersona *self);
void          cairn_persona_set_name            (CairnPersona *self,
                                                 const char   *name);
double        cairn_persona_get_weight          (CairnPersona *self);
void          cairn_persona_set_weight          (CairnPersona *self,
                                                 double        weight);

/* Lists of CairnScenarioValue. Affinity holds the topics and, under
 * "channels", the channel affinities (see below). */
GListStore   *cairn_persona_get_attributes      (CairnPersona *self);
GListStore   *cairn_persona_get_reachability    (CairnPersona *self);
GListStore   *cairn_persona_get_affinity        (CairnPersona *self);

/* "affinity"."channels".@channel: NULL when unset. Set takes @value
 * (NULL unsets). Blocked: what is in the way of writing it, or NULL. */
JsonNode     *cairn_persona_get_channel_affinity     (CairnPersona *self,
                                                      const char   *channel);
void          cairn_persona_set_channel_affinity     (CairnPersona *self,
                                                      const char   *channel,
                                                      JsonNode     *value);
JsonNode     *cairn_persona_channel_affinity_blocked (CairnPersona *self);

/* "behavior"."channels".@channel.@what (deliver, open, click, open_delay,
 * click_delay): NULL when unset. Set takes @value. */
gboolean      cairn_persona_has_engagement      (CairnPersona *self,
                                                 const char   *channel);
JsonNode     *cairn_persona_get_engagement      (CairnPersona *self,
                                                 const char   *channel,
                                                 const char   *what);
void          cairn_persona_set_engagement      (CairnPersona *self,
                                                 const char   *channel,
                                                 const char   *what,
                                                 JsonNode     *value);
JsonNode     *cairn_persona_engagement_blocked  (CairnPersona *self,
                                                 const char   *channel);
/* How many "behavior"."after_click" follow-ups (kept as written). */
guint         cairn_persona_get_n_after_click   (CairnPersona *self);

/* The events (CairnScenarioEvent). */
GListModel   *cairn_persona_get_events          (CairnPersona       *self);
CairnScenarioEvent *cairn_persona_add_event     (CairnPersona       *self,
                                                 JsonNode           *event);
void          cairn_persona_remove_event        (CairnPersona       *self,
                                                 CairnScenarioEvent *event);

/* Scripted people's "expect": read only, NULL when missing or kept. */
JsonObject   *cairn_persona_get_expect          (CairnPersona *self);
/* NULL clears "outcome" (and an "expect" left empty). */
void          cairn_persona_set_expect_outcome  (CairnPersona *self,
                                                 const char   *outcome);
/* An empty @path clears "path" (and an "expect" left empty). */
void          cairn_persona_set_expect_path     (CairnPersona       *self,
                                                 const char * const *path);

/* The scenario */
#define CAIRN_TYPE_SCENARIO_MODEL (cairn_scenario_model_get_type ())
G_DECLARE_FINAL_TYPE (CairnScenarioModel, cairn_scenario_model, CAIRN, SCENARIO_MODEL, GObject)

/* NULL, with CAIRN_ERROR_INVALID, when @root is not an object. */
CairnScenarioModel *cairn_scenario_model_new_from_json (JsonNode           *root,
                                                        GError            **error);
CairnScenarioModel *cairn_scenario_model_new_from_data (const char         *data,
                                                        gssize              length,
                                                        GError            **error);
/* A new tree, the model's as it is now. */
JsonNode           *cairn_scenario_model_to_json       (CairnScenarioModel *self);
/* Pretty-printed, a newline at the end. */
char               *cairn_scenario_model_to_data       (CairnScenarioModel *self);
JsonNode           *cairn_scenario_model_get_kept      (CairnScenarioModel *self,
                                                        const char         *member);

const char  *cairn_scenario_model_get_format    (CairnScenarioModel *self);
const char  *cairn_scenario_model_get_name      (CairnScenarioModel *self);
void         cairn_scenario_model_set_name      (CairnScenarioModel *self,
                                                 const char         *name);
const char  *cairn_scenario_model_get_start     (CairnScenarioModel *self);
void         cairn_scenario_model_set_start     (CairnScenarioModel *self,
                                                 const char         *start);
const char  *cairn_scenario_model_get_end       (CairnScenarioModel *self);
void         cairn_scenario_model_set_end       (CairnScenarioModel *self,
                                                 const char         *end);
/* 0 when missing or not a number. */
gint64       cairn_scenario_model_get_seed      (CairnScenarioModel *self);
void         cairn_scenario_model_set_seed      (CairnScenarioModel *self,
                                                 gint64              seed);
/* A file name (a string) or an inline catalog (an object); NULL when
 * there is none. Set takes @catalog (NULL removes it). */
JsonNode    *cairn_scenario_model_get_catalog   (CairnScenarioModel *self);
void         cairn_scenario_model_set_catalog   (CairnScenarioModel *self,
                                                 JsonNode           *catalog);
const char  *cairn_scenario_model_get_catalog_path (CairnScenarioModel *self);

/* Scripted people (CairnPersona). */
GListModel  *cairn_scenario_model_get_users     (CairnScenarioModel *self);
/* FALSE when "users" is there but is not a list. */
gboolean     cairn_scenario_model_can_add_users (CairnScenarioModel *self);
/* Appends; returns the new persona (owned by the model). */
CairnPersona *cairn_scenario_model_add_user     (CairnScenarioModel *self,
                                                 const char         *id);

/* The generated population: "generate" with its "count", "id_prefix" and
 * "personas" (CairnPersona). */
gboolean     cairn_scenario_model_has_population  (CairnScenarioModel *self);
/* Creates "generate" with @count people when there is none. */
void         cairn_scenario_model_ensure_population (CairnScenarioModel *self,
                                                     gint64              count,
                                                     const char         *id_prefix);
JsonNode    *cairn_scenario_model_get_population_kept (CairnScenarioModel *self,
                                                       const char         *member);
double       cairn_scenario_model_get_count     (CairnScenarioModel *self);
void         cairn_scenario_model_set_count     (CairnScenarioModel *self,
                                                 gint64              count);
const char  *cairn_scenario_model_get_id_prefix (CairnScenarioModel *self);
void         cairn_scenario_model_set_id_prefix (CairnScenarioModel *self,
                                                 const char         *prefix);
GListModel  *cairn_scenario_model_get_personas  (CairnScenarioModel *self);
gboolean     cairn_scenario_model_can_add_personas (CairnScenarioModel *self);
/* Appends (making a population of 100 when there is none). */
CairnPersona *cairn_scenario_model_add_persona  (CairnScenarioModel *self,
                                                 const char         *name);

/* On the list @persona is in (its people or its personas): */
/* A copy appended to the end; returns it. */
CairnPersona *cairn_scenario_model_duplicate    (CairnScenarioModel *self,
                                                 CairnPersona       *persona);
void         cairn_scenario_model_remove        (CairnScenarioModel *self,
                                                 CairnPersona       *persona);
/* Moves @persona to @position of its list. */
void         cairn_scenario_model_move          (CairnScenarioModel *self,
                                                 CairnPersona       *persona,
                                                 guint               position);
/* Its position on its list; FALSE when it is not the model's. */
gboolean     cairn_scenario_model_find          (CairnScenarioModel *self,
                                                 CairnPersona       *persona,
                                                 guint              *position);

G_END_DECLS
