/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cairn-application.h"
#include "cairn-autosave.h"
#include "cairn-json.h"
#include "cairn-persona-editor.h"

struct _CairnAutosave
{
  GObject       parent_instance;

  CairnJourney *journey;
  gulong        changed_id;
  /* Or the persona editor's scenario */
  CairnPersonaEditor *personas;
  gulong        modified_id;
  char         *session;
  char         *data_path;
  char         *info_path;
  guint         delay_ms;
  guint         timeout_id;
  gboolean      dirty;
  gboolean      written;
};

G_DEFINE_FINAL_TYPE (CairnAutosave, cairn_autosave, G_TYPE_OBJECT)

char *
cairn_autosave_get_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "cairn", "autosave", NULL);
}

static gboolean
on_timeout (gpointer user_data)
{
  CairnAutosave *self = user_data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  if (!cairn_autosave_flush (self, &error))
    g_warning ("Could not autosave: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
on_changed (CairnAutosave *self)
{
  self->dirty = TRUE;
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->delay_ms, on_timeout, self);
}

void
cairn_autosave_schedule (CairnAutosave *self)
{
  g_return_if_fail (CAIRN_IS_AUTOSAVE (self));
  on_changed (self);
}

static void
cairn_autosave_dispose (GObject *object)
{
  CairnAutosave *self = CAIRN_AUTOSAVE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->journey != NULL)
    g_clear_signal_handler (&self->changed_id, self->journey);
  g_clear_object (&self->journey);
  if (self->personas != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->personas);
      g_clear_signal_handler (&self->modified_id, self->personas);
      g_object_remove_weak_pointer (G_OBJECT (self->personas), (gpointer *) &self->personas);
      self->personas = NULL;
    }

  G_OBJECT_CLASS (cairn_autosave_parent_class)->dispose (object);
}

static void
cairn_autosave_finalize (GObject *object)
{
  CairnAutosave *self = CAIRN_AUTOSAVE (object);

  g_free (self->session);
  g_free (self->data_path);
  g_free (self->info_path);

  G_OBJECT_CLASS (cairn_autosave_parent_class)->finalize (object);
}

static void
cairn_autosave_class_init (CairnAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cairn_autosave_dispose;
  object_class->finalize = cairn_autosave_finalize;
}

static void
cairn_autosave_init (CairnAutosave *self)
{
  g_autofree char *dir = cairn_autosave_get_directory ();
  g_autofree char *data_name = NULL;
  g_autofree char *info_name = NULL;

  self->delay_ms = CAIRN_AUTOSAVE_DEFAULT_DELAY_MS;
  self->session = g_uuid_string_random ();
  data_name = g_strconcat (self->session, ".json", NULL);
  info_name = g_strconcat (self->session, ".ini", NULL);
  self->data_path = g_build_filename (dir, data_name, NULL);
  self->info_path = g_build_filename (dir, info_name, NULL);
}

CairnAutosave *
cairn_autosave_new (CairnJourney *journey)
{
  CairnAutosave *self;

  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);

  self = g_object_new (CAIRN_TYPE_AUTOSAVE, NULL);
  self->journey = g_object_ref (journey);
  self->changed_id = g_signal_connect_swapped (journey, "changed", G_CALLBACK (on_changed), self);
  return self;
}

/* Saved or replaced: the scenario's edits are no longer unsaved work. */
static void
on_personas_modified (CairnAutosave *self)
{
  if (self->personas != NULL && !cairn_persona_editor_get_modified (self->personas))
    cairn_autosave_discard (self);
}

/* The preference the journeys' autosave follows (seconds). */
static guint
preferred_delay (void)
{
  g_autoptr(GSettings) settings = cairn_application_settings ("autosave-delay");
  g_autoptr(GVariant) value = settings ? g_settings_get_value (settings, "autosave-delay") : NULL;
  gint64 seconds = CAIRN_AUTOSAVE_DEFAULT_DELAY_MS / 1000;

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    seconds = g_variant_get_uint32 (value);
  else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    seconds = g_variant_get_int32 (value);
  else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    seconds = (gint64) g_variant_get_double (value);
  return (guint) CLAMP (seconds, 1, 60) * 1000;
}

CairnAutosave *
cairn_autosave_new_for_personas (CairnPersonaEditor *editor)
{
  CairnAutosave *self;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (editor), NULL);

  self = g_object_new (CAIRN_TYPE_AUTOSAVE, NULL);
  self->delay_ms = preferred_delay ();
  /* The editor owns its autosave: no reference back. */
  self->personas = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &self->personas);
  self->changed_id = g_signal_connect_swapped (editor, "changed", G_CALLBACK (on_changed), self);
  self->modified_id = g_signal_connect_swapped (editor, "notify::modified", G_CALLBACK (on_personas_modified), self);
  return self;
}

void
cairn_autosave_set_delay (CairnAutosave *self,
                          guint          delay_ms)
{
  g_return_if_fail (CAIRN_IS_AUTOSAVE (self));
  self->delay_ms = MAX (delay_ms, 100);
}

gboolean
cairn_autosave_flush (CairnAutosave *self,
                      GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *now_text = NULL;
  const char *filename;
  gsize length = 0;

  g_return_val_if_fail (CAIRN_IS_AUTOSAVE (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->dirty)
    return TRUE;

  dir = cairn_autosave_get_directory ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  now = g_date_time_new_now_utc ();
  now_text = g_date_time_format_iso8601 (now);
  keyfile = g_key_file_new ();
  g_key_file_set_int64 (keyfile, "autosave", "pid", getpid ());
  g_key_file_set_string (keyfile, "autosave", "saved-at", now_text);
  if (self->personas != NULL)
    {
      CairnScenarioModel *model = cairn_persona_editor_get_model (self->personas);

      if (model == NULL)
        {
          self->dirty = FALSE;
          return TRUE;
        }
      g_key_file_set_string (keyfile, "autosave", "kind", "scenario");
      g_key_file_set_string (keyfile, "autosave", "name", cairn_scenario_model_get_name (model) ?: "");
      filename = cairn_persona_editor_get_filename (self->personas);
      /* Its catalog path made to work from the autosave's folder. */
      data = cairn_persona_editor_to_data (self->personas, dir);
      length = strlen (data);
    }
  else
    {
      g_key_file_set_string (keyfile, "autosave", "name", cairn_journey_get_name (self->journey) ?: "");
      filename = cairn_journey_get_filename (self->journey);
      data = cairn_journey_to_data (self->journey, &length);
    }
  if (filename != NULL)
    g_key_file_set_string (keyfile, "autosave", "filename", filename);
  info = g_key_file_to_data (keyfile, NULL, NULL);

  /* The document first: an .ini is only ever next to a complete file. */
  if (!cairn_file_write_atomic (self->data_path, data, length, error) ||
      !cairn_file_write_atomic (self->info_path, info, -1, error))
    return FALSE;

  self->dirty = FALSE;
  self->written = TRUE;
  return TRUE;
}

void
cairn_autosave_discard (CairnAutosave *self)
{
  g_return_if_fail (CAIRN_IS_AUTOSAVE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->dirty = FALSE;
  g_unlink (self->info_path);
  g_unlink (self->data_path);
  self->written = FALSE;
}

const char *
cairn_autosave_get_data_path (CairnAutosave *self)
{
  g_return_val_if_fail (CAIRN_IS_AUTOSAVE (self), NULL);
  return self->written ? self->data_path : NULL;
}

gboolean
cairn_autosave_get_pending (CairnAutosave *self)
{
  g_return_val_if_fail (CAIRN_IS_AUTOSAVE (self), FALSE);
  return self->timeout_id != 0;
}

static gboolean
process_is_running (gint64 pid)
{
  g_autofree char *stat_path = NULL;
  g_autofree char *stat = NULL;
  const char *paren;

  if (pid <= 0)
    return FALSE;
  if (pid == getpid ())
    return TRUE;
  if (kill ((pid_t) pid, 0) != 0 && errno != EPERM)
    return FALSE;
  /* A killed child that nobody has waited for yet is gone all the same. */
  stat_path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/stat", pid);
  if (g_file_get_contents (stat_path, &stat, NULL, NULL) &&
      (paren = strrchr (stat, ')')) != NULL && paren[1] == ' ' &&
      (paren[2] == 'Z' || paren[2] == 'X'))
    return FALSE;
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CairnAutosaveEntry *ea = *(const CairnAutosaveEntry * const *) a;
  const CairnAutosaveEntry *eb = *(const CairnAutosaveEntry * const *) b;

  return -g_date_time_compare (ea->saved_at, eb->saved_at);
}

GPtrArray *
cairn_autosave_find_orphans (void)
{
  g_autofree char *dir_path = cairn_autosave_get_directory ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_autosave_entry_free);
  const char *name;

  if (dir == NULL)
    return entries;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GKeyFile) keyfile = g_key_file_new ();
      g_autofree char *info_path = NULL;
      g_autofree char *data_path = NULL;
      g_autofree char *stem = NULL;
      g_autofree char *saved_at = NULL;
      CairnAutosaveEntry *entry;

      /* A save's temporary file (cairn_file_write_atomic) is no session. */
      if (!g_str_has_suffix (name, ".ini") || g_str_has_prefix (name, CAIRN_SAVE_TEMP_PREFIX))
        continue;
      stem = g_strndup (name, strlen (name) - 4);
      info_path = g_build_filename (dir_path, name, NULL);
      data_path = g_strconcat (dir_path, G_DIR_SEPARATOR_S, stem, ".json", NULL);
      if (!g_key_file_load_from_file (keyfile, info_path, G_KEY_FILE_NONE, NULL) ||
          !g_file_test (data_path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (process_is_running (g_key_file_get_int64 (keyfile, "autosave", "pid", NULL)))
        continue;

      entry = g_new0 (CairnAutosaveEntry, 1);
      entry->info_path = g_steal_pointer (&info_path);
      entry->data_path = g_steal_pointer (&data_path);
      entry->filename = g_key_file_get_string (keyfile, "autosave", "filename", NULL);
      {
        g_autofree char *kind = g_key_file_get_string (keyfile, "autosave", "kind", NULL);
        entry->kind = g_strcmp0 (kind, "scenario") == 0 ? CAIRN_AUTOSAVE_SCENARIO : CAIRN_AUTOSAVE_JOURNEY;
      }
      entry->name = g_key_file_get_string (keyfile, "autosave", "name", NULL);
      saved_at = g_key_file_get_string (keyfile, "autosave", "saved-at", NULL);
      if (saved_at != NULL)
        entry->saved_at = g_date_time_new_from_iso8601 (saved_at, NULL);
      if (entry->saved_at == NULL)
        entry->saved_at = g_date_time_new_from_unix_utc (0);
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

void
cairn_autosave_entry_free (CairnAutosaveEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->data_path);
  g_free (entry->info_path);
  g_free (entry->filename);
  g_free (entry->name);
  g_clear_pointer (&entry->saved_at, g_date_time_unref);
  g_free (entry);
}

void
cairn_autosave_entry_remove (CairnAutosaveEntry *entry)
{
  g_return_if_fail (entry != NULL);
  g_unlink (entry->info_path);
  g_unlink (entry->data_path);
}

CairnJourney *
cairn_autosave_entry_load (CairnAutosaveEntry *entry,
                           GError            **error)
{
  CairnJourney *journey;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (entry->kind == CAIRN_AUTOSAVE_JOURNEY, NULL);

  journey = cairn_journey_load_file (entry->data_path, error);
  if (journey != NULL)
    cairn_journey_set_filename (journey, entry->filename);
  return journey;
}
