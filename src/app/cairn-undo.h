/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cairn-journey.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_UNDO_STACK (cairn_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (CairnUndoStack, cairn_undo_stack, CAIRN, UNDO_STACK, GObject)

/* Undo as command objects. Each command holds the document before and
 * after one edit (snapshots are small next to what a person can draw), so
 * undoing gives back exactly the JSON that was there. The stack keeps a
 * snapshot of the last recorded state: an edit is made on the journey and
 * then recorded, and whatever changed since the last record belongs to it.
 *
 * Commands with the same merge key that follow each other are one step
 * (typing in one field) until the stack is sealed (the field lost focus,
 * the selection changed). */
CairnUndoStack *cairn_undo_stack_new            (CairnJourney   *journey);
CairnJourney   *cairn_undo_stack_get_journey    (CairnUndoStack *self);

/* Records the change since the last record as one command labelled
 * @label ("Move 3 nodes"). Returns FALSE when nothing changed. */
gboolean        cairn_undo_stack_record         (CairnUndoStack *self,
                                                 const char     *label,
                                                 const char     *merge_key);
/* Ends merging into the top command. */
void            cairn_undo_stack_seal           (CairnUndoStack *self);
/* Forgets every command and takes the current document as the base
 * (after a load). */
void            cairn_undo_stack_reset          (CairnUndoStack *self);

gboolean        cairn_undo_stack_can_undo       (CairnUndoStack *self);
gboolean        cairn_undo_stack_can_redo       (CairnUndoStack *self);
/* The labels of the command undo/redo would revert or repeat, or NULL. */
const char     *cairn_undo_stack_get_undo_label (CairnUndoStack *self);
const char     *cairn_undo_stack_get_redo_label (CairnUndoStack *self);
gboolean        cairn_undo_stack_undo           (CairnUndoStack *self);
gboolean        cairn_undo_stack_redo           (CairnUndoStack *self);
/* How many commands away from the last cairn_undo_stack_mark_saved(). */
gboolean        cairn_undo_stack_is_modified    (CairnUndoStack *self);
void            cairn_undo_stack_mark_saved     (CairnUndoStack *self);
/* Sets modified on its own (a restored autosave has no saved state). */
void            cairn_undo_stack_mark_unsaved   (CairnUndoStack *self);

G_END_DECLS
