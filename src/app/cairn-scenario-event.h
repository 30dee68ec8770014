/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-scenario-value.h"

G_BEGIN_DECLS

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

G_END_DECLS
