/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cairn-journey.h"

G_BEGIN_DECLS

/* Unsaved work survives a crash: a few seconds after a change the document
 * is written to $XDG_DATA_HOME/cairn/autosave/<session>.json, with a
 * <session>.ini beside it naming the process and the file it came from.
 * A clean close removes both; whatever is left by a process that is gone
 * is offered back on the next start. */

#define CAIRN_TYPE_AUTOSAVE (cairn_autosave_get_type ())
G_DECLARE_FINAL_TYPE (CairnAutosave, cairn_autosave, CAIRN, AUTOSAVE, GObject)

#define CAIRN_AUTOSAVE_DEFAULT_DELAY_MS 3000

typedef struct _CairnPersonaEditor CairnPersonaEditor;

typedef enum
{
  CAIRN_AUTOSAVE_JOURNEY,
  CAIRN_AUTOSAVE_SCENARIO,   /* the persona editor's scenario */
} CairnAutosaveKind;

typedef struct
{
  CairnAutosaveKind kind;
  char      *data_path;   /* the journey (or scenario) JSON */
  char      *info_path;   /* the .ini */
  char      *filename;    /* the document's own file, or NULL */
  char      *name;        /* the journey's name */
  GDateTime *saved_at;
} CairnAutosaveEntry;

char          *cairn_autosave_get_directory  (void);

CairnAutosave *cairn_autosave_new            (CairnJourney  *journey);
/* The persona editor's scenario, kept the same way (kind "scenario" in the
 * .ini, its catalog path made to work from the autosave folder): written a
 * delay after an edit, discarded once the editor has nothing unsaved. */
CairnAutosave *cairn_autosave_new_for_personas (CairnPersonaEditor *editor);
/* Milliseconds from the first unsaved change to the write; the delay is
 * not pushed back by later changes, so no more than that is ever lost. */
void           cairn_autosave_set_delay      (CairnAutosave *self,
                                              guint          delay_ms);
/* Marks the document as unsaved work and starts the delay. */
void           cairn_autosave_schedule       (CairnAutosave *self);
/* Writes now if there is something to write. */
gboolean       cairn_autosave_flush          (CairnAutosave *self,
                                              GError       **error);
/* The document was saved or closed: nothing to keep. */
void           cairn_autosave_discard        (CairnAutosave *self);
/* The journey as it stood at the last write, or NULL. */
const char    *cairn_autosave_get_data_path  (CairnAutosave *self);
/* Whether a write is waiting for its delay. */
gboolean       cairn_autosave_get_pending    (CairnAutosave *self);

/* What crashed sessions left behind, newest first. Sessions of processes
 * still running are skipped. */
GPtrArray     *cairn_autosave_find_orphans   (void);
void           cairn_autosave_entry_free     (CairnAutosaveEntry *entry);
void           cairn_autosave_entry_remove   (CairnAutosaveEntry *entry);
/* A journey entry's journey (CAIRN_AUTOSAVE_JOURNEY only; a scenario goes
 * back with cairn_persona_editor_restore ()). */
CairnJourney  *cairn_autosave_entry_load     (CairnAutosaveEntry *entry,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnAutosaveEntry, cairn_autosave_entry_free)

G_END_DECLS
