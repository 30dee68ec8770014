/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-json.h"
#include "cairn-scenario-private.h"

/* A scripted person or a generated persona of the scenario model. */

struct _CairnPersona
{
  GObject       parent_instance;

  gboolean      generated;
  CairnMembers  members;
  char         *id;            /* scripted */
  char         *name;          /* generated */
  JsonNode     *weight;        /* generated */
  GListStore   *attributes;
  GListStore   *reachability;
  GListStore   *affinity;
  JsonNode     *behavior;      /* an object */
  GListStore   *events;
  JsonNode     *expect;        /* an object */
};

G_DEFINE_FINAL_TYPE (CairnPersona, cairn_persona, G_TYPE_OBJECT)

/* What the editor's list shows of a person or persona. */
enum { PROP_0, PROP_ID, PROP_NAME, PROP_WEIGHT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char * const user_known[] = {
  "id", "attributes", "reachability", "affinity", "behavior", "events", "expect", NULL
};
static const char * const persona_known[] = {
  "name", "weight", "attributes", "reachability", "affinity", "behavior", "events", NULL
};

static const char * const *
known (CairnPersona *self)
{
  return self->generated ? persona_known : user_known;
}

static void
cairn_persona_finalize (GObject *object)
{
  CairnPersona *self = CAIRN_PERSONA (object);

  cairn_members_clear (&self->members);
  g_free (self->id);
  g_free (self->name);
  g_clear_pointer (&self->weight, json_node_unref);
  g_clear_object (&self->attributes);
  g_clear_object (&self->reachability);
  g_clear_object (&self->affinity);
  g_clear_pointer (&self->behavior, json_node_unref);
  g_clear_object (&self->events);
  g_clear_pointer (&self->expect, json_node_unref);
  G_OBJECT_CLASS (cairn_persona_parent_class)->finalize (object);
}

static void
cairn_persona_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CairnPersona *self = CAIRN_PERSONA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_WEIGHT:
      g_value_set_double (value, cairn_persona_get_weight (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_persona_class_init (CairnPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cairn_persona_finalize;
  object_class->get_property = cairn_persona_get_property;
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEIGHT] = g_param_spec_double ("weight", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_persona_init (CairnPersona *self)
{
  cairn_members_init (&self->members);
  self->attributes = g_list_store_new (CAIRN_TYPE_SCENARIO_VALUE);
  self->reachability = g_list_store_new (CAIRN_TYPE_SCENARIO_VALUE);
  self->affinity = g_list_store_new (CAIRN_TYPE_SCENARIO_VALUE);
  self->events = g_list_store_new (CAIRN_TYPE_SCENARIO_EVENT);
}

static gboolean
read_object (JsonNode **field,
             JsonNode  *node)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  *field = cairn_json_deep_copy (node);
  return TRUE;
}

static gboolean
read_events (CairnPersona *self,
             JsonNode     *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CairnScenarioEvent) event = cairn_scenario_event_new_from_json (json_array_get_element (array, i));
      g_list_store_append (self->events, event);
    }
  return TRUE;
}

/* Reads member @name; FALSE when it is not understood. */
static gboolean
read_member (gpointer    owner,
             const char *name,
             JsonNode   *node)
{
  CairnPersona *self = owner;

  if (!g_strv_contains (known (self), name))
    return FALSE;
  if (g_str_equal (name, "id"))
    return cairn_member_string (node, &self->id);
  if (g_str_equal (name, "name"))
    return cairn_member_string (node, &self->name);
  if (g_str_equal (name, "weight"))
    return cairn_member_number (node, &self->weight);
  if (g_str_equal (name, "attributes"))
    return cairn_member_values (node, &self->attributes);
  if (g_str_equal (name, "reachability"))
    return cairn_member_values (node, &self->reachability);
  if (g_str_equal (name, "affinity"))
    return cairn_member_values (node, &self->affinity);
  if (g_str_equal (name, "behavior"))
    return read_object (&self->behavior, node);
  if (g_str_equal (name, "expect"))
    return read_object (&self->expect, node);
  if (g_str_equal (name, "events"))
    return read_events (self, node);
  return FALSE;
}

CairnPersona *
cairn_persona_new_from_json (JsonNode *node,
                             gboolean  generated)
{
  CairnPersona *self = g_object_new (CAIRN_TYPE_PERSONA, NULL);

  self->generated = generated;
  g_return_val_if_fail (node != NULL, self);
  cairn_members_read_node (&self->members, node, read_member, self);
  return self;
}

static JsonNode *
write_member (gpointer    owner,
              const char *name)
{
  CairnPersona *self = owner;

  if (g_str_equal (name, "id"))
    return cairn_string_node (self->id);
  if (g_str_equal (name, "name"))
    return cairn_string_node (self->name);
  if (g_str_equal (name, "weight"))
    return self->weight ? cairn_json_deep_copy (self->weight) : NULL;
  if (g_str_equal (name, "attributes"))
    return cairn_members_values_node (&self->members, name, G_LIST_MODEL (self->attributes));
  if (g_str_equal (name, "reachability"))
    return cairn_members_values_node (&self->members, name, G_LIST_MODEL (self->reachability));
  if (g_str_equal (name, "affinity"))
    return cairn_members_values_node (&self->members, name, G_LIST_MODEL (self->affinity));
  if (g_str_equal (name, "behavior"))
    return self->behavior ? cairn_json_deep_copy (self->behavior) : NULL;
  if (g_str_equal (name, "expect"))
    return self->expect ? cairn_json_deep_copy (self->expect) : NULL;
  if (g_str_equal (name, "events"))
    return cairn_members_array_node (&self->members, name, G_LIST_MODEL (self->events),
                                     (CairnItemWriter) cairn_scenario_event_to_json);
  return NULL;
}

JsonNode *
cairn_persona_to_json (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return cairn_members_write_node (&self->members, known (self), write_member, self);
}

CairnPersona *
cairn_persona_copy (CairnPersona *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  node = cairn_persona_to_json (self);
  return cairn_persona_new_from_json (node, self->generated);
}

gboolean
cairn_persona_is_generated (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), FALSE);
  return self->generated;
}

gboolean
cairn_persona_is_object (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), FALSE);
  return self->members.raw == NULL;
}

JsonNode *
cairn_persona_get_kept (CairnPersona *self,
                        const char   *member)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return cairn_members_kept (&self->members, member);
}

GStrv
cairn_persona_dup_unknown_members (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return cairn_members_unknown (&self->members, known (self));
}

const char *
cairn_persona_get_id (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return self->id;
}

void
cairn_persona_set_id (CairnPersona *self,
                      const char   *id)
{
  g_return_if_fail (CAIRN_IS_PERSONA (self));
  g_return_if_fail (self->members.raw == NULL && id != NULL);
  g_free (self->id);
  self->id = g_strdup (id);
  cairn_members_set (&self->members, "id", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
cairn_persona_get_name (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return self->name;
}

void
cairn_persona_set_name (CairnPersona *self,
                        const char   *name)
{
  g_return_if_fail (CAIRN_IS_PERSONA (self));
  g_return_if_fail (self->members.raw == NULL && name != NULL);
  g_free (self->name);
  self->name = g_strdup (name);
  cairn_members_set (&self->members, "name", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

double
cairn_persona_get_weight (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), 1);
  return self->weight ? cairn_json_node_number (self->weight) : 1;
}

void
cairn_persona_set_weight (CairnPersona *self,
                          double        weight)
{
  g_return_if_fail (CAIRN_IS_PERSONA (self));
  g_return_if_fail (self->members.raw == NULL);
  g_clear_pointer (&self->weight, json_node_unref);
  self->weight = cairn_scenario_number_node (weight);
  cairn_members_set (&self->members, "weight", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHT]);
}

GListStore *
cairn_persona_get_attributes (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return self->attributes;
}

GListStore *
cairn_persona_get_reachability (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return self->reachability;
}

GListStore *
cairn_persona_get_affinity (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return self->affinity;
}

/* "affinity"."channels", when it is an object. */
static JsonObject *
channel_affinities (CairnPersona *self)
{
  CairnScenarioValue *value = cairn_scenario_values_find (G_LIST_MODEL (self->affinity), "channels", NULL);
  JsonNode *node = value ? cairn_scenario_value_get_value (value) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonNode *
cairn_persona_get_channel_affinity (CairnPersona *self,
                                    const char   *channel)
{
  JsonObject *channels;

  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  channels = channel_affinities (self);
  return channels ? json_object_get_member (channels, channel) : NULL;
}

void
cairn_persona_set_channel_affinity (CairnPersona *self,
                                    const char   *channel,
                                    JsonNode     *value)
{
  JsonObject *channels;

  g_return_if_fail (CAIRN_IS_PERSONA (self));
  g_return_if_fail (cairn_persona_channel_affinity_blocked (self) == NULL);
  channels = channel_affinities (self);
  if (value == NULL)
    {
      if (channels && json_object_has_member (channels, channel))
        json_object_remove_member (channels, channel);
      return;
    }
  if (channels == NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      channels = json_object_new ();
      json_node_take_object (node, channels);
      cairn_scenario_values_set (self->affinity, "channels", node);
    }
  json_object_set_member (channels, channel, value);
}

JsonNode *
cairn_persona_channel_affinity_blocked (CairnPersona *self)
{
  CairnScenarioValue *value;

  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  if (cairn_members_kept (&self->members, "affinity"))
    return cairn_members_kept (&self->members, "affinity");
  value = cairn_scenario_values_find (G_LIST_MODEL (self->affinity), "channels", NULL);
  if (value && !JSON_NODE_HOLDS_OBJECT (cairn_scenario_value_get_value (value)))
    return cairn_scenario_value_get_value (value);
  return NULL;
}

/* The object at @member of @object, made when @create and missing. */
static JsonObject *
child_object (JsonObject *object,
              const char *member,
              gboolean    create)
{
  JsonObject *child = cairn_json_get_object (object, member);

  if (child == NULL && create && object != NULL && !json_object_has_member (object, member))
    {
      child = json_object_new ();
      json_object_set_object_member (object, member, child);
    }
  return child;
}

/* "behavior"."channels".@channel */
static JsonObject *
channel_behavior (CairnPersona *self,
                  const char   *channel,
                  gboolean      create)
{
  JsonObject *behavior;

  if (self->behavior == NULL && create && cairn_members_kept (&self->members, "behavior") == NULL)
    {
      self->behavior = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (self->behavior, json_object_new ());
      cairn_members_set (&self->members, "behavior", TRUE);
    }
  behavior = self->behavior ? json_node_get_object (self->behavior) : NULL;
  return child_object (child_object (behavior, "channels", create), channel, create);
}

gboolean
cairn_persona_has_engagement (CairnPersona *self,
                              const char   *channel)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), FALSE);
  return channel_behavior (self, channel, FALSE) != NULL;
}

JsonNode *
cairn_persona_get_engagement (CairnPersona *self,
                              const char   *channel,
                              const char   *what)
{
  JsonObject *behavior;

  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  behavior = channel_behavior (self, channel, FALSE);
  return behavior ? json_object_get_member (behavior, what) : NULL;
}

void
cairn_persona_set_engagement (CairnPersona *self,
                              const char   *channel,
                              const char   *what,
                              JsonNode     *value)
{
  JsonObject *behavior;

  g_return_if_fail (CAIRN_IS_PERSONA (self));
  g_return_if_fail (value != NULL);
  behavior = channel_behavior (self, channel, TRUE);
  g_return_if_fail (behavior != NULL);
  json_object_set_member (behavior, what, value);
}

JsonNode *
cairn_persona_engagement_blocked (CairnPersona *self,
                                  const char   *channel)
{
  JsonObject *object;

  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  if (cairn_members_kept (&self->members, "behavior"))
    return cairn_members_kept (&self->members, "behavior");
  object = self->behavior ? json_node_get_object (self->behavior) : NULL;
  for (const char *path[] = { "channels", channel, NULL }, **p = path; object && *p; p++)
    {
      JsonNode *node = json_object_get_member (object, *p);

      if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
        return node;
      object = node ? json_node_get_object (node) : NULL;
    }
  return NULL;
}

guint
cairn_persona_get_n_after_click (CairnPersona *self)
{
  JsonArray *after;

  g_return_val_if_fail (CAIRN_IS_PERSONA (self), 0);
  after = self->behavior ? cairn_json_get_array (json_node_get_object (self->behavior), "after_click") : NULL;
  return after ? json_array_get_length (after) : 0;
}

GListModel *
cairn_persona_get_events (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return G_LIST_MODEL (self->events);
}

CairnScenarioEvent *
cairn_persona_add_event (CairnPersona *self,
                         JsonNode     *event)
{
  g_autoptr(CairnScenarioEvent) fresh = NULL;

  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  g_return_val_if_fail (cairn_members_kept (&self->members, "events") == NULL, NULL);
  fresh = cairn_scenario_event_new_from_json (event);
  g_list_store_append (self->events, fresh);
  cairn_members_set (&self->members, "events", TRUE);
  return fresh;  /* the list keeps it */
}

void
cairn_persona_remove_event (CairnPersona       *self,
                            CairnScenarioEvent *event)
{
  guint position;

  g_return_if_fail (CAIRN_IS_PERSONA (self));
  if (g_list_store_find (self->events, event, &position))
    g_list_store_remove (self->events, position);
}

JsonObject *
cairn_persona_get_expect (CairnPersona *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA (self), NULL);
  return self->expect ? json_node_get_object (self->expect) : NULL;
}

/* "expect", made when missing; NULL when something else is there. */
static JsonObject *
ensure_expect (CairnPersona *self)
{
  if (cairn_members_kept (&self->members, "expect"))
    return NULL;
  if (self->expect == NULL)
    {
      self->expect = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (self->expect, json_object_new ());
      cairn_members_set (&self->members, "expect", TRUE);
    }
  return json_node_get_object (self->expect);
}

static void
expect_remove (CairnPersona *self,
               const char   *member)
{
  JsonObject *expect = cairn_persona_get_expect (self);

  if (expect == NULL)
    return;
  if (json_object_has_member (expect, member))
    json_object_remove_member (expect, member);
  if (json_object_get_size (expect) == 0)
    g_clear_pointer (&self->expect, json_node_unref);
}

void
cairn_persona_set_expect_outcome (CairnPersona *self,
                                  const char   *outcome)
{
  JsonObject *expect;

  g_return_if_fail (CAIRN_IS_PERSONA (self));
  if (outcome == NULL)
    {
      expect_remove (self, "outcome");
      return;
    }
  expect = ensure_expect (self);
  g_return_if_fail (expect != NULL);
  json_object_set_string_member (expect, "outcome", outcome);
}

void
cairn_persona_set_expect_path (CairnPersona       *self,
                               const char * const *path)
{
  JsonObject *expect;
  JsonArray *array;

  g_return_if_fail (CAIRN_IS_PERSONA (self));
  if (path == NULL || path[0] == NULL)
    {
      expect_remove (self, "path");
      return;
    }
  expect = ensure_expect (self);
  g_return_if_fail (expect != NULL);
  array = json_array_new ();
  for (guint i = 0; path[i]; i++)
    json_array_add_string_element (array, path[i]);
  json_object_set_array_member (expect, "path", array);
}
