/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-persona.h"

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
