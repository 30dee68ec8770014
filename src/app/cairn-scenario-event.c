/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-json.h"
#include "cairn-scenario-private.h"

/* An event of a scripted person, or a generated persona's event process. */

struct _CairnScenarioEvent
{
  GObject       parent_instance;

  CairnMembers  members;
  char         *name;
  char         *at;
  char         *after_message;
  char         *delay;
  JsonNode     *platform;
  JsonNode     *rate_per_day;
  GListStore   *params;
};

G_DEFINE_FINAL_TYPE (CairnScenarioEvent, cairn_scenario_event, G_TYPE_OBJECT)

static const char * const known[] = { "name", "at", "after_message", "delay", "platform", "rate_per_day", "params", NULL };

static void
cairn_scenario_event_finalize (GObject *object)
{
  CairnScenarioEvent *self = CAIRN_SCENARIO_EVENT (object);

  cairn_members_clear (&self->members);
  g_free (self->name);
  g_free (self->at);
  g_free (self->after_message);
  g_free (self->delay);
  g_clear_pointer (&self->platform, json_node_unref);
  g_clear_pointer (&self->rate_per_day, json_node_unref);
  g_clear_object (&self->params);
  G_OBJECT_CLASS (cairn_scenario_event_parent_class)->finalize (object);
}

static void
cairn_scenario_event_class_init (CairnScenarioEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_scenario_event_finalize;
}

static void
cairn_scenario_event_init (CairnScenarioEvent *self)
{
  cairn_members_init (&self->members);
  self->params = g_list_store_new (CAIRN_TYPE_SCENARIO_VALUE);
}

/* Reads member @name; FALSE when it is not understood. */
static gboolean
read_member (gpointer    owner,
             const char *name,
             JsonNode   *node)
{
  CairnScenarioEvent *self = owner;

  if (g_str_equal (name, "name"))
    return cairn_member_string (node, &self->name);
  if (g_str_equal (name, "at"))
    return cairn_member_string (node, &self->at);
  if (g_str_equal (name, "after_message"))
    return cairn_member_string (node, &self->after_message);
  if (g_str_equal (name, "delay"))
    return cairn_member_string (node, &self->delay);
  if (g_str_equal (name, "rate_per_day"))
    return cairn_member_number (node, &self->rate_per_day);
  if (g_str_equal (name, "platform") && !JSON_NODE_HOLDS_NULL (node))
    {
      self->platform = cairn_json_deep_copy (node);
      return TRUE;
    }
  if (g_str_equal (name, "params"))
    return cairn_member_values (node, &self->params);
  return FALSE;
}

CairnScenarioEvent *
cairn_scenario_event_new_from_json (JsonNode *node)
{
  CairnScenarioEvent *self = g_object_new (CAIRN_TYPE_SCENARIO_EVENT, NULL);

  g_return_val_if_fail (node != NULL, self);
  cairn_members_read_node (&self->members, node, read_member, self);
  return self;
}

static JsonNode *
write_member (gpointer    owner,
              const char *name)
{
  CairnScenarioEvent *self = owner;

  if (g_str_equal (name, "name"))
    return cairn_string_node (self->name);
  if (g_str_equal (name, "at"))
    return cairn_string_node (self->at);
  if (g_str_equal (name, "after_message"))
    return cairn_string_node (self->after_message);
  if (g_str_equal (name, "delay"))
    return cairn_string_node (self->delay);
  if (g_str_equal (name, "platform"))
    return self->platform ? cairn_json_deep_copy (self->platform) : NULL;
  if (g_str_equal (name, "rate_per_day"))
    return self->rate_per_day ? cairn_json_deep_copy (self->rate_per_day) : NULL;
  if (g_str_equal (name, "params"))
    return cairn_members_values_node (&self->members, name, G_LIST_MODEL (self->params));
  return NULL;
}

JsonNode *
cairn_scenario_event_to_json (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), NULL);
  return cairn_members_write_node (&self->members, known, write_member, self);
}

gboolean
cairn_scenario_event_is_object (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), FALSE);
  return self->members.raw == NULL;
}

JsonNode *
cairn_scenario_event_get_kept (CairnScenarioEvent *self,
                               const char         *member)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), NULL);
  return cairn_members_kept (&self->members, member);
}

/* Sets the string @field, member @name: NULL removes it. */
static void
set_string (CairnScenarioEvent *self,
            char              **field,
            const char         *name,
            const char         *value)
{
  g_return_if_fail (self->members.raw == NULL);
  g_free (*field);
  *field = g_strdup (value);
  cairn_members_set (&self->members, name, value != NULL);
}

const char *
cairn_scenario_event_get_name (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), NULL);
  return self->name;
}

void
cairn_scenario_event_set_name (CairnScenarioEvent *self,
                               const char         *name)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_EVENT (self));
  set_string (self, &self->name, "name", name);
}

const char *
cairn_scenario_event_get_at (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), NULL);
  return self->at;
}

void
cairn_scenario_event_set_at (CairnScenarioEvent *self,
                             const char         *at)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_EVENT (self));
  set_string (self, &self->at, "at", at);
}

const char *
cairn_scenario_event_get_after_message (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), NULL);
  return self->after_message;
}

void
cairn_scenario_event_set_after_message (CairnScenarioEvent *self,
                                        const char         *node)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_EVENT (self));
  set_string (self, &self->after_message, "after_message", node);
}

const char *
cairn_scenario_event_get_delay (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), NULL);
  return self->delay;
}

void
cairn_scenario_event_set_delay (CairnScenarioEvent *self,
                                const char         *delay)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_EVENT (self));
  set_string (self, &self->delay, "delay", delay);
}

JsonNode *
cairn_scenario_event_get_platform (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), NULL);
  return self->platform;
}

void
cairn_scenario_event_set_platform (CairnScenarioEvent *self,
                                   JsonNode           *platform)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_EVENT (self));
  g_return_if_fail (self->members.raw == NULL);
  g_clear_pointer (&self->platform, json_node_unref);
  self->platform = platform;
  cairn_members_set (&self->members, "platform", platform != NULL);
}

double
cairn_scenario_event_get_rate_per_day (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), 0);
  return cairn_json_node_number (self->rate_per_day);
}

void
cairn_scenario_event_set_rate_per_day (CairnScenarioEvent *self,
                                       double              rate)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_EVENT (self));
  g_return_if_fail (self->members.raw == NULL);
  g_clear_pointer (&self->rate_per_day, json_node_unref);
  self->rate_per_day = cairn_scenario_number_node (rate);
  cairn_members_set (&self->members, "rate_per_day", TRUE);
}

GListStore *
cairn_scenario_event_get_params (CairnScenarioEvent *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_EVENT (self), NULL);
  return self->params;
}
