/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-undo.h"

typedef struct
{
  char     *label;
  char     *merge_key;
  JsonNode *before;
  JsonNode *after;
  guint     serial;     /* identifies the state after this command */
} Command;

struct _CairnUndoStack
{
  GObject       parent_instance;

  CairnJourney *journey;
  JsonNode     *snapshot;   /* the document as of the last record */
  GPtrArray    *commands;   /* Command, oldest first */
  guint         position;   /* commands[0..position) are done */
  guint         next_serial;
  guint         saved_serial; /* G_MAXUINT: no state is saved */
  gboolean      sealed;
};

G_DEFINE_FINAL_TYPE (CairnUndoStack, cairn_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
command_free (gpointer data)
{
  Command *command = data;

  g_free (command->label);
  g_free (command->merge_key);
  json_node_unref (command->before);
  json_node_unref (command->after);
  g_free (command);
}

static guint
current_serial (CairnUndoStack *self)
{
  if (self->position == 0)
    return 0;
  return ((Command *) g_ptr_array_index (self->commands, self->position - 1))->serial;
}

static void
notify_all (CairnUndoStack *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
cairn_undo_stack_finalize (GObject *object)
{
  CairnUndoStack *self = CAIRN_UNDO_STACK (object);

  g_clear_object (&self->journey);
  g_clear_pointer (&self->snapshot, json_node_unref);
  g_clear_pointer (&self->commands, g_ptr_array_unref);

  G_OBJECT_CLASS (cairn_undo_stack_parent_class)->finalize (object);
}

static void
cairn_undo_stack_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CairnUndoStack *self = CAIRN_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cairn_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cairn_undo_stack_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, cairn_undo_stack_is_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_undo_stack_class_init (CairnUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cairn_undo_stack_finalize;
  object_class->get_property = cairn_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_undo_stack_init (CairnUndoStack *self)
{
  self->commands = g_ptr_array_new_with_free_func (command_free);
  self->next_serial = 1;
}

CairnUndoStack *
cairn_undo_stack_new (CairnJourney *journey)
{
  CairnUndoStack *self;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);

  self = g_object_new (CAIRN_TYPE_UNDO_STACK, NULL);
  self->journey = g_object_ref (journey);
  self->snapshot = cairn_json_deep_copy (cairn_journey_get_root (journey));
  return self;
}

CairnJourney *
cairn_undo_stack_get_journey (CairnUndoStack *self)
{
  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), NULL);
  return self->journey;
}

gboolean
cairn_undo_stack_record (CairnUndoStack *self,
                         const char     *label,
                         const char     *merge_key)
{
  JsonNode *now;
  Command *top = NULL;
  Command *command;

  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), FALSE);

  now = cairn_journey_get_root (self->journey);
  if (cairn_json_equal (now, self->snapshot))
    return FALSE;

  /* A new edit drops what could have been redone. */
  if (self->position < self->commands->len)
    {
      if (self->saved_serial != G_MAXUINT)
        {
          for (guint i = self->position; i < self->commands->len; i++)
            if (((Command *) g_ptr_array_index (self->commands, i))->serial == self->saved_serial)
              self->saved_serial = G_MAXUINT;
        }
      g_ptr_array_set_size (self->commands, self->position);
    }

  if (self->position > 0)
    top = g_ptr_array_index (self->commands, self->position - 1);

  if (top != NULL && !self->sealed && merge_key != NULL &&
      g_strcmp0 (top->merge_key, merge_key) == 0 &&
      top->serial != self->saved_serial)
    {
      json_node_unref (top->after);
      top->after = cairn_json_deep_copy (now);
      g_clear_pointer (&self->snapshot, json_node_unref);
      self->snapshot = cairn_json_deep_copy (now);
      notify_all (self);
      return TRUE;
    }

  command = g_new0 (Command, 1);
  command->label = g_strdup (label != NULL ? label : _("Edit"));
  command->merge_key = g_strdup (merge_key);
  command->before = self->snapshot;
  command->after = cairn_json_deep_copy (now);
  command->serial = self->next_serial++;
  self->snapshot = cairn_json_deep_copy (now);
  g_ptr_array_add (self->commands, command);
  self->position = self->commands->len;
  self->sealed = FALSE;
  notify_all (self);
  return TRUE;
}

void
cairn_undo_stack_seal (CairnUndoStack *self)
{
  g_return_if_fail (CAIRN_IS_UNDO_STACK (self));
  self->sealed = TRUE;
}

void
cairn_undo_stack_reset (CairnUndoStack *self)
{
  g_return_if_fail (CAIRN_IS_UNDO_STACK (self));

  g_ptr_array_set_size (self->commands, 0);
  self->position = 0;
  self->saved_serial = 0;
  self->sealed = FALSE;
  g_clear_pointer (&self->snapshot, json_node_unref);
  self->snapshot = cairn_json_deep_copy (cairn_journey_get_root (self->journey));
  notify_all (self);
}

gboolean
cairn_undo_stack_can_undo (CairnUndoStack *self)
{
  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), FALSE);
  return self->position > 0;
}

gboolean
cairn_undo_stack_can_redo (CairnUndoStack *self)
{
  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), FALSE);
  return self->position < self->commands->len;
}

const char *
cairn_undo_stack_get_undo_label (CairnUndoStack *self)
{
  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), NULL);
  if (self->position == 0)
    return NULL;
  return ((Command *) g_ptr_array_index (self->commands, self->position - 1))->label;
}

const char *
cairn_undo_stack_get_redo_label (CairnUndoStack *self)
{
  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), NULL);
  if (self->position >= self->commands->len)
    return NULL;
  return ((Command *) g_ptr_array_index (self->commands, self->position))->label;
}

static void
apply (CairnUndoStack *self,
       JsonNode       *root)
{
  g_clear_pointer (&self->snapshot, json_node_unref);
  self->snapshot = cairn_json_deep_copy (root);
  self->sealed = TRUE;
  cairn_journey_replace_root (self->journey, root);
  notify_all (self);
}

gboolean
cairn_undo_stack_undo (CairnUndoStack *self)
{
  Command *command;

  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), FALSE);

  if (self->position == 0)
    return FALSE;
  /* Whatever was edited but not recorded yet becomes its own step first. */
  cairn_undo_stack_record (self, NULL, NULL);
  command = g_ptr_array_index (self->commands, self->position - 1);
  self->position--;
  apply (self, command->before);
  return TRUE;
}

gboolean
cairn_undo_stack_redo (CairnUndoStack *self)
{
  Command *command;

  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), FALSE);

  if (self->position >= self->commands->len)
    return FALSE;
  command = g_ptr_array_index (self->commands, self->position);
  self->position++;
  apply (self, command->after);
  return TRUE;
}

gboolean
cairn_undo_stack_is_modified (CairnUndoStack *self)
{
  g_return_val_if_fail (CAIRN_IS_UNDO_STACK (self), FALSE);
  return current_serial (self) != self->saved_serial;
}

void
cairn_undo_stack_mark_saved (CairnUndoStack *self)
{
  g_return_if_fail (CAIRN_IS_UNDO_STACK (self));
  cairn_undo_stack_record (self, NULL, NULL);
  self->saved_serial = current_serial (self);
  self->sealed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
cairn_undo_stack_mark_unsaved (CairnUndoStack *self)
{
  g_return_if_fail (CAIRN_IS_UNDO_STACK (self));
  self->saved_serial = G_MAXUINT;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}
