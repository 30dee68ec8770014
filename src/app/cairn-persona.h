/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-scenario-event.h"

G_BEGIN_DECLS

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

/* Scripted: "id". Generated: "name" and "weight" (1 when missing). Each
 * is a read-only property, notified when set. */
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

G_END_DECLS
