/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-scenario-private.h"

/* The scenario the persona editor edits: its settings, its scripted people
 * and its generated population, read from and written to the scenario's
 * JSON without losing what it does not know (DESIGN §6). */

struct _CairnScenarioModel
{
  GObject       parent_instance;

  CairnMembers  members;
  char         *format;
  char         *name;
  char         *start;
  char         *end;
  JsonNode     *seed;
  JsonNode     *catalog;
  GListStore   *users;

  /* "generate", when it is an object */
  gboolean      has_generate;
  CairnMembers  generate;
  JsonNode     *count;
  char         *id_prefix;
  GListStore   *personas;
};

G_DEFINE_FINAL_TYPE (CairnScenarioModel, cairn_scenario_model, G_TYPE_OBJECT)

static const char * const known[] = {
  "format", "name", "start", "end", "seed", "catalog", "users", "generate", NULL
};
static const char * const generate_known[] = { "count", "id_prefix", "personas", NULL };

static void
cairn_scenario_model_finalize (GObject *object)
{
  CairnScenarioModel *self = CAIRN_SCENARIO_MODEL (object);

  cairn_members_clear (&self->members);
  g_free (self->format);
  g_free (self->name);
  g_free (self->start);
  g_free (self->end);
  g_clear_pointer (&self->seed, json_node_unref);
  g_clear_pointer (&self->catalog, json_node_unref);
  g_clear_object (&self->users);
  cairn_members_clear (&self->generate);
  g_clear_pointer (&self->count, json_node_unref);
  g_free (self->id_prefix);
  g_clear_object (&self->personas);
  G_OBJECT_CLASS (cairn_scenario_model_parent_class)->finalize (object);
}

static void
cairn_scenario_model_class_init (CairnScenarioModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_scenario_model_finalize;
}

static void
cairn_scenario_model_init (CairnScenarioModel *self)
{
  cairn_members_init (&self->members);
  cairn_members_init (&self->generate);
  self->users = g_list_store_new (CAIRN_TYPE_PERSONA);
  self->personas = g_list_store_new (CAIRN_TYPE_PERSONA);
}

static gboolean
read_personas (GListStore *list,
               JsonNode   *node,
               gboolean    generated)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(CairnPersona) persona = cairn_persona_new_from_json (json_array_get_element (array, i), generated);
      g_list_store_append (list, persona);
    }
  return TRUE;
}

static gboolean
read_generate_member (gpointer    owner,
                      const char *name,
                      JsonNode   *node)
{
  CairnScenarioModel *self = owner;

  if (g_str_equal (name, "count"))
    return cairn_member_number (node, &self->count);
  if (g_str_equal (name, "id_prefix"))
    return cairn_member_string (node, &self->id_prefix);
  if (g_str_equal (name, "personas"))
    return read_personas (self->personas, node, TRUE);
  return FALSE;
}

static gboolean
read_generate (CairnScenarioModel *self,
               JsonNode           *node)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  self->has_generate = TRUE;
  object = json_node_get_object (node);
  cairn_members_read (&self->generate, object, read_generate_member, self);
  return TRUE;
}

/* Reads member @name; FALSE when it is not understood. */
static gboolean
read_member (gpointer    owner,
             const char *name,
             JsonNode   *node)
{
  CairnScenarioModel *self = owner;

  if (g_str_equal (name, "format"))
    return cairn_member_string (node, &self->format);
  if (g_str_equal (name, "name"))
    return cairn_member_string (node, &self->name);
  if (g_str_equal (name, "start"))
    return cairn_member_string (node, &self->start);
  if (g_str_equal (name, "end"))
    return cairn_member_string (node, &self->end);
  if (g_str_equal (name, "seed"))
    return cairn_member_number (node, &self->seed);
  if (g_str_equal (name, "catalog") && !JSON_NODE_HOLDS_NULL (node))
    {
      self->catalog = cairn_json_deep_copy (node);
      return TRUE;
    }
  if (g_str_equal (name, "users"))
    return read_personas (self->users, node, FALSE);
  if (g_str_equal (name, "generate"))
    return read_generate (self, node);
  return FALSE;
}

CairnScenarioModel *
cairn_scenario_model_new_from_json (JsonNode  *root,
                                    GError   **error)
{
  CairnScenarioModel *self;
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID, _("A scenario is a JSON object"));
      return NULL;
    }
  self = g_object_new (CAIRN_TYPE_SCENARIO_MODEL, NULL);
  object = json_node_get_object (root);
  cairn_members_read (&self->members, object, read_member, self);
  return self;
}

CairnScenarioModel *
cairn_scenario_model_new_from_data (const char  *data,
                                    gssize       length,
                                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  root = cairn_json_parse (data, length < 0 ? strlen (data) : (gsize) length, NULL, NULL, error);
  return root ? cairn_scenario_model_new_from_json (root, error) : NULL;
}

static JsonNode *
write_generate_member (gpointer    owner,
                       const char *name)
{
  CairnScenarioModel *self = owner;

  if (g_str_equal (name, "count"))
    return self->count ? cairn_json_deep_copy (self->count) : NULL;
  if (g_str_equal (name, "id_prefix"))
    return cairn_string_node (self->id_prefix);
  if (g_str_equal (name, "personas"))
    return cairn_members_array_node (&self->generate, name, G_LIST_MODEL (self->personas),
                                     (CairnItemWriter) cairn_persona_to_json);
  return NULL;
}

static JsonNode *
write_member (gpointer    owner,
              const char *name)
{
  CairnScenarioModel *self = owner;

  if (g_str_equal (name, "format"))
    return cairn_string_node (self->format);
  if (g_str_equal (name, "name"))
    return cairn_string_node (self->name);
  if (g_str_equal (name, "start"))
    return cairn_string_node (self->start);
  if (g_str_equal (name, "end"))
    return cairn_string_node (self->end);
  if (g_str_equal (name, "seed"))
    return self->seed ? cairn_json_deep_copy (self->seed) : NULL;
  if (g_str_equal (name, "catalog"))
    return self->catalog ? cairn_json_deep_copy (self->catalog) : NULL;
  if (g_str_equal (name, "users"))
    return cairn_members_array_node (&self->members, name, G_LIST_MODEL (self->users),
                                     (CairnItemWriter) cairn_persona_to_json);
  if (g_str_equal (name, "generate") && self->has_generate)
    return cairn_members_write_node (&self->generate, generate_known, write_generate_member, self);
  return NULL;
}

JsonNode *
cairn_scenario_model_to_json (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return cairn_members_write_node (&self->members, known, write_member, self);
}

char *
cairn_scenario_model_to_data (CairnScenarioModel *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  root = cairn_scenario_model_to_json (self);
  text = cairn_json_to_string (root, TRUE);
  return g_strconcat (text, "\n", NULL);
}

JsonNode *
cairn_scenario_model_get_kept (CairnScenarioModel *self,
                               const char         *member)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return cairn_members_kept (&self->members, member);
}

/* The typed member @name is set now (NULL @value: removed). */
static void
set_string (CairnScenarioModel *self,
            char              **field,
            const char         *name,
            const char         *value)
{
  g_free (*field);
  *field = g_strdup (value);
  cairn_members_set (&self->members, name, value != NULL);
}

const char *
cairn_scenario_model_get_format (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return self->format;
}

const char *
cairn_scenario_model_get_name (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return self->name;
}

void
cairn_scenario_model_set_name (CairnScenarioModel *self,
                               const char         *name)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_MODEL (self));
  set_string (self, &self->name, "name", name);
}

const char *
cairn_scenario_model_get_start (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return self->start;
}

void
cairn_scenario_model_set_start (CairnScenarioModel *self,
                                const char         *start)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_MODEL (self));
  set_string (self, &self->start, "start", start);
}

const char *
cairn_scenario_model_get_end (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return self->end;
}

void
cairn_scenario_model_set_end (CairnScenarioModel *self,
                              const char         *end)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_MODEL (self));
  set_string (self, &self->end, "end", end);
}

gint64
cairn_scenario_model_get_seed (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), 0);
  return (gint64) cairn_json_node_number (self->seed);
}

void
cairn_scenario_model_set_seed (CairnScenarioModel *self,
                               gint64              seed)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_MODEL (self));
  g_clear_pointer (&self->seed, json_node_unref);
  self->seed = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (self->seed, seed);
  cairn_members_set (&self->members, "seed", TRUE);
}

JsonNode *
cairn_scenario_model_get_catalog (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return self->catalog;
}

const char *
cairn_scenario_model_get_catalog_path (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  if (self->catalog && JSON_NODE_HOLDS_VALUE (self->catalog) && json_node_get_value_type (self->catalog) == G_TYPE_STRING)
    return json_node_get_string (self->catalog);
  return NULL;
}

void
cairn_scenario_model_set_catalog (CairnScenarioModel *self,
                                  JsonNode           *catalog)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_MODEL (self));
  g_clear_pointer (&self->catalog, json_node_unref);
  self->catalog = catalog;
  cairn_members_set (&self->members, "catalog", catalog != NULL);
}

GListModel *
cairn_scenario_model_get_users (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return G_LIST_MODEL (self->users);
}

gboolean
cairn_scenario_model_can_add_users (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), FALSE);
  return cairn_members_kept (&self->members, "users") == NULL;
}

CairnPersona *
cairn_scenario_model_add_user (CairnScenarioModel *self,
                               const char         *id)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(CairnPersona) persona = NULL;
  JsonObject *user = json_object_new ();

  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  g_return_val_if_fail (cairn_scenario_model_can_add_users (self), NULL);
  json_object_set_string_member (user, "id", id);
  json_object_set_object_member (user, "attributes", json_object_new ());
  json_object_set_object_member (user, "reachability", json_object_new ());
  json_object_set_array_member (user, "events", json_array_new ());
  json_node_take_object (node, user);
  persona = cairn_persona_new_from_json (node, FALSE);
  g_list_store_append (self->users, persona);
  cairn_members_note (&self->members, "users");
  return persona;  /* the list keeps it */
}

gboolean
cairn_scenario_model_has_population (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), FALSE);
  return self->has_generate;
}

void
cairn_scenario_model_ensure_population (CairnScenarioModel *self,
                                        gint64              count,
                                        const char         *id_prefix)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_MODEL (self));
  g_return_if_fail (cairn_members_kept (&self->members, "generate") == NULL);
  if (self->has_generate)
    return;
  self->has_generate = TRUE;
  cairn_members_note (&self->members, "generate");
  cairn_scenario_model_set_count (self, count);
  if (id_prefix != NULL)
    cairn_scenario_model_set_id_prefix (self, id_prefix);
}

JsonNode *
cairn_scenario_model_get_population_kept (CairnScenarioModel *self,
                                          const char         *member)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return cairn_members_kept (&self->generate, member);
}

double
cairn_scenario_model_get_count (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), 0);
  return cairn_json_node_number (self->count);
}

void
cairn_scenario_model_set_count (CairnScenarioModel *self,
                                gint64              count)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_MODEL (self));
  g_return_if_fail (self->has_generate);
  g_clear_pointer (&self->count, json_node_unref);
  self->count = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (self->count, count);
  cairn_members_set (&self->generate, "count", TRUE);
}

const char *
cairn_scenario_model_get_id_prefix (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return self->id_prefix;
}

void
cairn_scenario_model_set_id_prefix (CairnScenarioModel *self,
                                    const char         *prefix)
{
  g_return_if_fail (CAIRN_IS_SCENARIO_MODEL (self));
  g_return_if_fail (self->has_generate);
  g_free (self->id_prefix);
  self->id_prefix = g_strdup (prefix);
  cairn_members_set (&self->generate, "id_prefix", prefix != NULL);
}

GListModel *
cairn_scenario_model_get_personas (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  return G_LIST_MODEL (self->personas);
}

gboolean
cairn_scenario_model_can_add_personas (CairnScenarioModel *self)
{
  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), FALSE);
  return cairn_members_kept (&self->members, "generate") == NULL
         && cairn_members_kept (&self->generate, "personas") == NULL;
}

CairnPersona *
cairn_scenario_model_add_persona (CairnScenarioModel *self,
                                  const char         *name)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(CairnPersona) persona = NULL;
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), NULL);
  g_return_val_if_fail (cairn_scenario_model_can_add_personas (self), NULL);
  cairn_scenario_model_ensure_population (self, 100, NULL);
  json_object_set_string_member (object, "name", name);
  json_object_set_int_member (object, "weight", 1);
  json_node_take_object (node, object);
  persona = cairn_persona_new_from_json (node, TRUE);
  g_list_store_append (self->personas, persona);
  cairn_members_note (&self->generate, "personas");
  return persona;  /* the list keeps it */
}

static GListStore *
list_of (CairnScenarioModel *self,
         CairnPersona       *persona)
{
  return cairn_persona_is_generated (persona) ? self->personas : self->users;
}

gboolean
cairn_scenario_model_find (CairnScenarioModel *self,
                           CairnPersona       *persona,
                           guint              *position)
{
  guint unused;

  g_return_val_if_fail (CAIRN_IS_SCENARIO_MODEL (self), FALSE);
  g_return_val_if_fail (CAIRN_IS_PERSONA (persona), FALSE);
  return g_list_store_find (list_of (self, persona), persona, position ? position : &unused);
}

CairnPersona *
cairn_scenario_model_duplicate (CairnScenarioModel *self,
                                CairnPersona       *persona)
{
  g_autoptr(CairnPersona) copy = NULL;

  g_return_val_if_fail (cairn_scenario_model_find (self, persona, NULL), NULL);
  copy = cairn_persona_copy (persona);
  g_list_store_append (list_of (self, persona), copy);
  return copy;  /* the list keeps it */
}

void
cairn_scenario_model_remove (CairnScenarioModel *self,
                             CairnPersona       *persona)
{
  guint position;

  g_return_if_fail (cairn_scenario_model_find (self, persona, &position));
  g_list_store_remove (list_of (self, persona), position);
}

void
cairn_scenario_model_move (CairnScenarioModel *self,
                           CairnPersona       *persona,
                           guint               position)
{
  g_autoptr(CairnPersona) held = NULL;
  GListStore *list;
  guint from;

  g_return_if_fail (cairn_scenario_model_find (self, persona, &from));
  list = list_of (self, persona);
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (list)));
  if (from == position)
    return;
  held = g_object_ref (persona);
  g_list_store_remove (list, from);
  g_list_store_insert (list, position, held);
}
