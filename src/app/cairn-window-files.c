/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opening, saving, exporting and closing: the window's dealings with files. */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-layout.h"
#include "cairn-canvas.h"
#include "cairn-file-dialogs.h"
#include "cairn-window-private.h"

#define N_RECENT 8

char *
_cairn_window_samples_dir (void)
{
  g_autofree char *installed = g_build_filename (PKGDATADIR, "journeys", NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return g_build_filename (CAIRN_SOURCE_DATADIR, "journeys", NULL);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  CairnWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.open-recent", "s", path);
    }
  g_object_unref (dialog);
}

void
_cairn_window_open (CairnWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = cairn_json_file_filter (_("Journeys"));

  dialog = gtk_file_chooser_native_new (_("Open Journey"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_to (CairnWindow *self,
         const char  *path,
         gboolean     close_after)
{
  g_autoptr(GError) error = NULL;

  if (!cairn_window_save_file (self, path, &error))
    {
      cairn_window_show_toast (self, error->message);
      return;
    }
  _cairn_window_update_menus (self);
  if (close_after)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else
    {
      cairn_window_show_toast (self, _("Journey saved"));
    }
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  CairnWindow     *self)
{
  gboolean close_after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "close-after"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        save_to (self, path, close_after);
    }
  g_object_unref (dialog);
}

void
_cairn_window_save (CairnWindow *self,
                    gboolean     save_as,
                    gboolean     close_after)
{
  const char *filename = cairn_journey_get_filename (self->journey);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *suggested = NULL;

  if (filename != NULL && !save_as)
    {
      save_to (self, filename, close_after);
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Save Journey"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  filter = cairn_json_file_filter (_("Journeys"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  suggested = g_strdup_printf ("%s.json", cairn_journey_get_id (self->journey) ?: "journey");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "close-after", GINT_TO_POINTER (close_after));
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    CairnWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !cairn_window_export_image_file (self, path, &error))
        cairn_window_show_toast (self, error->message);
      else if (path != NULL)
        cairn_window_show_toast (self, _("Image exported"));
    }
  g_object_unref (dialog);
}

gboolean
cairn_window_export_image_file (CairnWindow  *self,
                                const char   *path,
                                GError      **error)
{
  g_autofree char *name = NULL;
  const char *dot = strrchr (path, '.');
  CairnExportFormat format = CAIRN_EXPORT_PNG;

  /* The image is the canvas's own drawing; graphviz draws it where there
     is no canvas. A path without a known extension gets .png. */
  if (dot == NULL || !cairn_export_format_from_name (dot + 1, &format) || format == CAIRN_EXPORT_DOT)
    path = name = g_strconcat (path, ".png", NULL);
  if (CAIRN_IS_CANVAS (self->canvas))
    return cairn_canvas_export (CAIRN_CANVAS (self->canvas), path, error);
  if (!cairn_export_format_from_name (strrchr (path, '.') + 1, &format))
    format = CAIRN_EXPORT_PNG;
  return cairn_layout_export_file (self->journey, format, path, error);
}

void
_cairn_window_export_image (CairnWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *suggested = NULL;
  static const struct { const char *name; const char *suffix; } formats[] = {
    { N_("PNG image"), "png" },
    { N_("SVG image"), "svg" },
    { N_("PDF document"), "pdf" },
  };

  dialog = gtk_file_chooser_native_new (_("Export Image"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_suffix (filter, formats[i].suffix);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  suggested = g_strdup_printf ("%s.png", cairn_journey_get_id (self->journey) ?: "journey");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   CairnWindow      *self)
{
  if (g_str_equal (response, "save"))
    {
      _cairn_window_save (self, FALSE, TRUE);
    }
  else if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Returns TRUE when closing has to wait for the user's answer. */
gboolean
_cairn_window_close_request (CairnWindow *self)
{
  GtkWidget *dialog;
  const char *name;

  if (self->undo == NULL || !cairn_undo_stack_is_modified (self->undo))
    return FALSE;

  name = cairn_journey_get_name (self->journey);
  dialog = cairn_save_changes_dialog_new (GTK_WINDOW (self), name, _("Untitled Journey"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (ib), gtk_recent_info_get_modified (ia));
}

/* The sample templates under New, the recent journeys under Open. */
void
_cairn_window_update_menus (CairnWindow *self)
{
  g_autoptr(GMenu) samples = g_menu_new ();
  g_autoptr(GMenu) samples_section = g_menu_new ();
  g_autoptr(GMenu) recent = g_menu_new ();
  g_autofree char *dir_path = _cairn_window_samples_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GList *items;
  g_autoptr(GPtrArray) infos = g_ptr_array_new ();
  const char *name;

  g_menu_append (samples, _("Empty Journey"), "win.new");
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(CairnJourney) journey = cairn_journey_load_file (path, NULL);
      g_autoptr(GMenuItem) item = NULL;

      if (journey == NULL)
        continue;
      item = g_menu_item_new (cairn_journey_get_name (journey), NULL);
      g_menu_item_set_action_and_target_value (item, "win.new-from-sample", g_variant_new_string (path));
      g_menu_append_item (samples_section, item);
    }
  g_menu_append_section (samples, _("Samples"), G_MENU_MODEL (samples_section));
  _cairn_window_set_empty_samples (self, G_MENU_MODEL (samples_section));
  adw_split_button_set_menu_model (self->new_button, G_MENU_MODEL (samples));

  items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      if (g_str_has_prefix (uri, "file://") && g_str_has_suffix (uri, ".json") && gtk_recent_info_exists (info))
        g_ptr_array_add (infos, info);
    }
  g_ptr_array_sort (infos, compare_recent);
  for (guint i = 0; i < infos->len && i < N_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (infos, i);
      g_autofree char *path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
      g_autoptr(GMenuItem) item = NULL;

      if (path == NULL)
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (path));
      g_menu_append_item (recent, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  if (g_menu_model_get_n_items (G_MENU_MODEL (recent)) == 0)
    g_menu_append (recent, _("No Recent Journeys"), "win.no-recent");
  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (recent));
}

static gboolean
on_file_drop (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              CairnWindow   *self)
{
  GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
  gboolean opened = FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      if (path != NULL && g_str_has_suffix (path, ".json"))
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "win.open-recent", "s", path);
          opened = TRUE;
        }
    }
  g_slist_free (files);
  if (!opened)
    cairn_window_show_toast (self, _("Only journey files (.json) can be opened"));
  return opened;
}

void
_cairn_window_add_file_drop (CairnWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_file_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

guint
cairn_window_offer_restore (CairnWindow *self)
{
  g_autofree char *text = NULL;
  CairnAutosaveEntry *newest;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), 0);

  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  self->orphans = cairn_autosave_find_orphans ();
  if (self->orphans->len == 0)
    {
      g_clear_pointer (&self->orphans, g_ptr_array_unref);
      gtk_revealer_set_reveal_child (self->restore_revealer, FALSE);
      _cairn_window_update_actions (self);
      return 0;
    }

  newest = g_ptr_array_index (self->orphans, 0);
  if (self->orphans->len == 1)
    text = g_strdup_printf (_("Cairn closed unexpectedly. Unsaved changes to “%s” can be restored."),
                            newest->name && *newest->name ? newest->name : _("Untitled Journey"));
  else
    text = g_strdup_printf (ngettext ("Cairn closed unexpectedly. Unsaved changes to %u journey can be restored.",
                                      "Cairn closed unexpectedly. Unsaved changes to %u journeys can be restored.",
                                      self->orphans->len),
                            self->orphans->len);
  gtk_label_set_label (self->restore_label, text);
  gtk_revealer_set_reveal_child (self->restore_revealer, TRUE);
  _cairn_window_update_actions (self);
  return self->orphans->len;
}
