/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "cairn-autosave.h"
#include "cairn-journey.h"
#include "cairn-scenario-model.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_PERSONA_EDITOR (cairn_persona_editor_get_type ())
G_DECLARE_FINAL_TYPE (CairnPersonaEditor, cairn_persona_editor, CAIRN, PERSONA_EDITOR, GtkWidget)

/* Builds a scenario (DESIGN §6) in place: its window and seed, its scripted
 * users (profile attributes, reachability, affinity and engagement per
 * channel, scripted events, expectations) and its generated population.
 * Its forms edit a typed scenario model (cairn-scenario-model.h), which
 * keeps every field it does not show and writes it back as it was.
 *
 * Properties: "modified" (edits not saved yet), "filename", "seed".
 * Signals: ::changed, after every edit. */
GtkWidget  *cairn_persona_editor_new             (void);
/* The message nodes an after_message event can name come from @journey. */
void        cairn_persona_editor_set_journey     (CairnPersonaEditor  *self,
                                                  CairnJourney        *journey);
/* Reads a scenario file; on failure the editor shows the error and keeps
 * nothing. Clears "modified". */
gboolean    cairn_persona_editor_load_file       (CairnPersonaEditor  *self,
                                                  const char          *path,
                                                  GError             **error);
/* An empty scenario with no file yet: a two-week window from today. */
void        cairn_persona_editor_new_scenario    (CairnPersonaEditor  *self);
/* The scenario edited; NULL when there is none. Read only: the editor's
 * forms and the functions below edit it (and tell the editor). */
CairnScenarioModel *cairn_persona_editor_get_model (CairnPersonaEditor *self);
/* The model as JSON; NULL when there is no scenario. The tree is the
 * editor's, read only, and good until the next edit. */
JsonNode   *cairn_persona_editor_get_scenario    (CairnPersonaEditor  *self);
const char *cairn_persona_editor_get_filename    (CairnPersonaEditor  *self);
gboolean    cairn_persona_editor_get_modified    (CairnPersonaEditor  *self);
gint64      cairn_persona_editor_get_seed        (CairnPersonaEditor  *self);
/* The scenario as JSON text to run from a file in @dir: a relative
 * catalog path is rewritten for it. */
char       *cairn_persona_editor_to_data         (CairnPersonaEditor  *self,
                                                  const char          *dir);
/* Writes the scenario to @path (NULL: its own file) atomically, then loads
 * it back with the scenario loader. A relative catalog path is rewritten
 * for the new folder. Returns FALSE with the loader's error
 * ("FILE:LINE:COL: message") when the file does not load; the file is
 * written all the same, so no edit is lost. */
gboolean    cairn_persona_editor_save            (CairnPersonaEditor  *self,
                                                  const char          *path,
                                                  GError             **error);

/* The editor's autosave (CAIRN_AUTOSAVE_SCENARIO): its scenario is kept a
 * few seconds after an edit until it is saved. */
CairnAutosave *cairn_persona_editor_get_autosave (CairnPersonaEditor *self);
/* Takes back a scenario a crashed session left (@entry, of kind
 * CAIRN_AUTOSAVE_SCENARIO): shown as unsaved edits of its own file, and
 * kept at once by this editor's autosave. FALSE, with the editor as it
 * was, when it cannot be read; FALSE with the scenario shown when it
 * could not be kept again: then @entry must stay, it is the only copy. */
gboolean    cairn_persona_editor_restore         (CairnPersonaEditor  *self,
                                                  CairnAutosaveEntry  *entry,
                                                  GError             **error);

/* What the list and its buttons do. */
guint       cairn_persona_editor_get_n_users     (CairnPersonaEditor  *self);
/* NULL when the file holds something else than an object there. Read
 * only, from cairn_persona_editor_get_scenario(): good until the next edit. */
JsonObject *cairn_persona_editor_get_user        (CairnPersonaEditor  *self,
                                                  guint                index);
/* Adds a user with a fresh id (or @id) and selects it; returns its index. */
guint       cairn_persona_editor_add_user        (CairnPersonaEditor  *self,
                                                  const char          *id);
guint       cairn_persona_editor_duplicate_user  (CairnPersonaEditor  *self,
                                                  guint                index);
void        cairn_persona_editor_remove_user     (CairnPersonaEditor  *self,
                                                  guint                index);
/* Fails (CAIRN_ERROR_INVALID) on an id that is empty, holds white space
 * or is taken. */
gboolean    cairn_persona_editor_rename_user     (CairnPersonaEditor  *self,
                                                  guint                index,
                                                  const char          *id,
                                                  GError             **error);
void        cairn_persona_editor_select_user     (CairnPersonaEditor  *self,
                                                  guint                index);
void        cairn_persona_editor_select_settings (CairnPersonaEditor  *self);
/* Creates a population with one persona when the scenario has none. */
void        cairn_persona_editor_select_population (CairnPersonaEditor *self);
void        cairn_persona_editor_select_persona  (CairnPersonaEditor  *self,
                                                  guint                index);

G_END_DECLS
