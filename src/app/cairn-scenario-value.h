/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

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

G_END_DECLS
