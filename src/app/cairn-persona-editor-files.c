/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The persona editor's scenario file: loading one, starting a new one,
 * saving it (its catalog path follows it) and Save As. */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-persona-editor-private.h"
#include "cairn-scenario.h"

gboolean
cairn_persona_editor_load_file (CairnPersonaEditor  *self,
                                const char          *path,
                                GError             **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  root = cairn_json_load_file (path, NULL, &local);
  if (root != NULL && (!JSON_NODE_HOLDS_OBJECT (root)
                       || g_strcmp0 (cairn_json_get_string (json_node_get_object (root), "format"), "cairn-scenario") != 0))
    {
      g_clear_pointer (&root, json_node_unref);
      g_set_error (&local, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("%s: this is not a scenario (\"format\": \"cairn-scenario\" is missing)"), path);
    }
  if (root == NULL)
    {
      _cairn_persona_editor_set_model (self, NULL, NULL);
      adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page), local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  {
    g_autofree char *absolute = g_canonicalize_filename (path, NULL);
    _cairn_persona_editor_set_model (self, cairn_scenario_model_new_from_json (root, NULL), absolute);
  }
  json_node_unref (root);
  return TRUE;
}

void
cairn_persona_editor_new_scenario (CairnPersonaEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, 14);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
  JsonObject *object;
  JsonNode *root;
  const char *catalog;

  g_return_if_fail (CAIRN_IS_PERSONA_EDITOR (self));
  object = json_object_new ();
  root = json_node_new (JSON_NODE_OBJECT);
  catalog = self->model ? cairn_scenario_model_get_catalog_path (self->model) : NULL;

  json_object_set_string_member (object, "format", "cairn-scenario");
  json_object_set_int_member (object, "version", 1);
  json_object_set_string_member (object, "name", _("New scenario"));
  json_object_set_string_member (object, "start", start_text);
  json_object_set_string_member (object, "end", end_text);
  json_object_set_int_member (object, "seed", 0);
  /* The catalog of the scenario it replaces, so messages still recommend */
  if (catalog != NULL)
    {
      g_autofree char *dir = self->filename ? g_path_get_dirname (self->filename) : NULL;
      g_autofree char *absolute = g_canonicalize_filename (catalog, dir);
      json_object_set_string_member (object, "catalog", absolute);
    }
  json_object_set_array_member (object, "users", json_array_new ());
  json_node_take_object (root, object);
  _cairn_persona_editor_set_model (self, cairn_scenario_model_new_from_json (root, NULL), NULL);
  json_node_unref (root);
  _cairn_persona_editor_set_modified (self, TRUE);
  _cairn_persona_editor_show_item (self, CAIRN_PERSONA_ITEM_SETTINGS, NULL);
}

/* @target as a path relative to @dir (both absolute), or @target itself
 * when they share nothing but the root. */
static char *
relative_path (const char *target,
               const char *dir)
{
  g_auto(GStrv) t = g_strsplit (target, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) d = g_strsplit (dir, G_DIR_SEPARATOR_S, -1);
  GString *out;
  guint i = 0;

  while (t[i] && d[i] && strcmp (t[i], d[i]) == 0)
    i++;
  if (i <= 1 || t[i] == NULL)
    return g_strdup (target);
  out = g_string_new (NULL);
  for (guint j = i; d[j]; j++)
    if (*d[j])
      g_string_append (out, ".." G_DIR_SEPARATOR_S);
  for (guint j = i; t[j]; j++)
    g_string_append_printf (out, "%s%s", t[j], t[j + 1] ? G_DIR_SEPARATOR_S : "");
  return g_string_free (out, FALSE);
}

/* Catalog paths are relative to the scenario file (DESIGN §6): moving the
 * scenario from @from_dir to @to_dir rewrites a catalog file name @name
 * for it. NULL when it stays as it is. */
static char *
rebased_catalog (const char *name,
                 const char *from_dir,
                 const char *to_dir)
{
  g_autofree char *absolute = NULL;
  g_autofree char *dir = NULL;
  char *relative;

  if (name == NULL || *name == '\0')
    return NULL;
  absolute = g_canonicalize_filename (name, from_dir);
  dir = g_canonicalize_filename (to_dir, NULL);
  relative = relative_path (absolute, dir);
  if (strcmp (relative, name) == 0)
    g_clear_pointer (&relative, g_free);
  return relative;
}

static void
rebase_catalog (JsonObject *object,
                const char *from_dir,
                const char *to_dir)
{
  g_autofree char *relative = rebased_catalog (cairn_json_get_string (object, "catalog"), from_dir, to_dir);

  if (relative != NULL)
    json_object_set_string_member (object, "catalog", relative);
}

char *
cairn_persona_editor_to_data (CairnPersonaEditor *self,
                              const char         *dir)
{
  g_autofree char *from_dir = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), NULL);
  if (self->model == NULL)
    return NULL;
  from_dir = self->filename ? g_path_get_dirname (self->filename) : NULL;
  root = cairn_scenario_model_to_json (self->model);
  rebase_catalog (json_node_get_object (root), from_dir, dir);
  text = cairn_json_to_string (root, TRUE);
  return g_strconcat (text, "\n", NULL);
}

gboolean
cairn_persona_editor_save (CairnPersonaEditor  *self,
                           const char          *path,
                           GError             **error)
{
  g_autofree char *target = NULL;
  g_autofree char *from_dir = NULL;
  g_autofree char *to_dir = NULL;
  g_autofree char *catalog = NULL;
  g_autofree char *data = NULL;
  g_autoptr(CairnInput) input = NULL;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), FALSE);

  if (self->model == NULL || (path == NULL && self->filename == NULL))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_FAILED, _("There is no scenario file to save to"));
      return FALSE;
    }
  target = g_canonicalize_filename (path ? path : self->filename, NULL);
  to_dir = g_path_get_dirname (target);
  from_dir = self->filename ? g_path_get_dirname (self->filename) : NULL;
  data = cairn_persona_editor_to_data (self, to_dir);
  if (!cairn_file_write_atomic (target, data, -1, error))
    return FALSE;
  /* The catalog follows the file, once it is written there: the model's
     path is the new folder's. */
  catalog = rebased_catalog (cairn_scenario_model_get_catalog_path (self->model), from_dir, to_dir);
  if (catalog != NULL)
    {
      cairn_scenario_model_set_catalog (self->model, json_node_init_string (json_node_alloc (), catalog));
      g_clear_pointer (&self->snapshot, json_node_unref);
    }
  _cairn_persona_editor_set_filename (self, target);
  _cairn_persona_editor_set_modified (self, FALSE);
  _cairn_persona_editor_update_header (self);
  /* What was written must load as the simulator will read it. */
  input = cairn_input_new_scenario (target, -1, error);
  return input != NULL;
}

gboolean
cairn_persona_editor_restore (CairnPersonaEditor  *self,
                              CairnAutosaveEntry  *entry,
                              GError             **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *from_dir = NULL;
  g_autofree char *to_dir = NULL;
  JsonNode *root;

  g_return_val_if_fail (CAIRN_IS_PERSONA_EDITOR (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->kind == CAIRN_AUTOSAVE_SCENARIO, FALSE);

  root = cairn_json_load_file (entry->data_path, NULL, &local);
  if (root != NULL && (!JSON_NODE_HOLDS_OBJECT (root)
                       || g_strcmp0 (cairn_json_get_string (json_node_get_object (root), "format"), "cairn-scenario") != 0))
    {
      g_clear_pointer (&root, json_node_unref);
      g_set_error (&local, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("%s: this is not a scenario (\"format\": \"cairn-scenario\" is missing)"), entry->data_path);
    }
  if (root == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Its catalog path was written for the autosave's folder. */
  from_dir = g_path_get_dirname (entry->data_path);
  to_dir = entry->filename ? g_path_get_dirname (entry->filename) : NULL;
  if (to_dir != NULL)
    rebase_catalog (json_node_get_object (root), from_dir, to_dir);
  else if (cairn_json_get_string (json_node_get_object (root), "catalog") != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (cairn_json_get_string (json_node_get_object (root), "catalog"),
                                                           from_dir);
      json_object_set_string_member (json_node_get_object (root), "catalog", absolute);
    }
  _cairn_persona_editor_set_model (self, cairn_scenario_model_new_from_json (root, NULL), entry->filename);
  json_node_unref (root);
  _cairn_persona_editor_set_modified (self, TRUE);
  /* Kept again under this session before the old copy may go. */
  cairn_autosave_schedule (self->autosave);
  return cairn_autosave_flush (self->autosave, error);
}

/* Actions */

/* Saves to @path (NULL: the scenario's own file) and says how it went. */
static void
save_and_report (CairnPersonaEditor *self,
                 const char         *path)
{
  g_autoptr(GError) error = NULL;

  if (!cairn_persona_editor_save (self, path, &error))
    {
      _cairn_persona_editor_show_error (self, error->message);
      return;
    }
  _cairn_persona_editor_show_error (self, NULL);
  _cairn_persona_editor_toast (self, _("Scenario saved"));
}

static void
on_save_as_chosen (GtkNativeDialog    *dialog,
                   int                 response,
                   CairnPersonaEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      save_and_report (self, path);
    }
  g_object_unref (dialog);
}

static void
save_as (CairnPersonaEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *base = self->filename ? g_path_get_basename (self->filename) : g_strdup ("scenario.json");

  dialog = gtk_file_chooser_native_new (_("Save Scenario"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Scenarios (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (self->filename)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->filename);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), parent, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), base);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
action_save (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  CairnPersonaEditor *self = CAIRN_PERSONA_EDITOR (widget);

  if (self->filename == NULL || g_strcmp0 (name, "personas.save-as") == 0)
    save_as (self);
  else
    save_and_report (self, NULL);
}

static void
action_new (GtkWidget  *widget,
            const char *name,
            GVariant   *parameter)
{
  cairn_persona_editor_new_scenario (CAIRN_PERSONA_EDITOR (widget));
}

void
_cairn_persona_editor_class_add_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "personas.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "personas.save-as", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "personas.new", NULL, action_new);
}
