/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-persona-editor.h"
#include "cairn-portfolio-window.h"
#include "cairn-simulation-panel.h"
#include "cairn-window-private.h"

/* Set by the build once the dialog is built here */
#ifdef HAVE_PUBLISH_DIALOG
# include "cairn-publish-dialog.h"
#endif

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  g_autoptr(CairnJourney) journey = NULL;
  const char *path = param ? g_variant_get_string (param, NULL) : NULL;
  g_autoptr(GError) error = NULL;

  if (path != NULL && *path != '\0')
    {
      /* A sample is a starting point, not the file to save over. */
      journey = cairn_journey_load_file (path, &error);
      if (journey == NULL)
        {
          cairn_window_show_toast (self, error->message);
          return;
        }
      cairn_journey_set_filename (journey, NULL);
    }
  else
    {
      journey = cairn_journey_new ();
    }

  if (cairn_window_is_blank (self))
    {
      cairn_window_set_journey (self, journey);
    }
  else
    {
      CairnWindow *window = cairn_window_new (gtk_window_get_application (GTK_WINDOW (self)));
      cairn_window_set_journey (window, journey);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _cairn_window_open (CAIRN_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);
  CairnWindow *target = self;
  g_autoptr(GError) error = NULL;

  /* File → Open takes a portfolio too, recognised by its format. */
  if (cairn_portfolio_document_is_portfolio_file (path))
    {
      if (cairn_portfolio_window_open (gtk_window_get_application (GTK_WINDOW (self)), path, &error) == NULL)
        cairn_window_show_toast (self, error->message);
      return;
    }
  if (!cairn_window_is_blank (self))
    target = cairn_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  if (!cairn_window_load_file (target, path, &error))
    {
      cairn_window_show_toast (self, error->message);
      if (target != self)
        gtk_window_destroy (GTK_WINDOW (target));
      return;
    }
  gtk_window_present (GTK_WINDOW (target));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _cairn_window_save (CAIRN_WINDOW (widget), g_str_equal (action_name, "win.save-as"), FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _cairn_window_export_image (CAIRN_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  if (g_str_equal (action_name, "win.undo"))
    cairn_undo_stack_undo (self->undo);
  else
    cairn_undo_stack_redo (self->undo);
}

static void
copy_to_clipboard (CairnWindow *self)
{
  g_autofree char *text = cairn_window_copy_selection (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  copy_to_clipboard (self);
  if (g_str_equal (action_name, "win.cut"))
    cairn_window_delete_selection (self);
}

static void
on_paste_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CairnWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL || !cairn_window_paste_text (self, text, &error))
    cairn_window_show_toast (self, _("Nothing to paste: copy nodes first"));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 on_paste_ready, g_object_ref (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  g_autofree char *text = cairn_window_copy_selection (self);

  if (text != NULL)
    cairn_window_paste_text (self, text, NULL);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _cairn_window_select_all (CAIRN_WINDOW (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  cairn_window_delete_selection (CAIRN_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  int direction = 0;

  if (g_str_equal (action_name, "win.zoom-in"))
    direction = 1;
  else if (g_str_equal (action_name, "win.zoom-out"))
    direction = -1;
  _cairn_window_zoom (CAIRN_WINDOW (widget), direction);
}

static void
tidy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _cairn_window_tidy (CAIRN_WINDOW (widget));
}

static void
next_node_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _cairn_window_focus_next_node (CAIRN_WINDOW (widget),
                                 g_str_equal (action_name, "win.next-node") ? 1 : -1);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  cairn_palette_focus_search (CAIRN_WINDOW (widget)->palette);
}

static void
simulate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  gtk_widget_set_visible (self->bottom_area, TRUE);
  gtk_stack_set_visible_child_name (self->bottom_stack, "simulation");
  _cairn_window_update_actions (self);
  _cairn_window_simulate (self);
}

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  gboolean show = !gtk_widget_get_visible (self->bottom_area) ||
                  !g_str_equal (gtk_stack_get_visible_child_name (self->bottom_stack), "problems");

  gtk_widget_set_visible (self->bottom_area, show);
  if (show)
    gtk_stack_set_visible_child_name (self->bottom_stack, "problems");
  _cairn_window_update_actions (self);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

#ifdef HAVE_PUBLISH_DIALOG
  cairn_publish_dialog_present (GTK_WINDOW (self), self->journey);
#else
  cairn_window_show_toast (self, _("Publishing is not part of this build"));
#endif
}

static void
journey_settings_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  cairn_window_select_nodes (self, NULL);
  cairn_inspector_set_node (self->inspector, NULL);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  gboolean restore = g_str_equal (action_name, "win.restore");

  if (self->orphans == NULL)
    return;
  for (guint i = 0; i < self->orphans->len; i++)
    {
      CairnAutosaveEntry *entry = g_ptr_array_index (self->orphans, i);

      if (restore && entry->kind == CAIRN_AUTOSAVE_SCENARIO)
        {
          g_autoptr(GError) error = NULL;
          CairnPersonaEditor *editor = CAIRN_PERSONA_EDITOR (
            cairn_simulation_panel_get_persona_editor (CAIRN_SIMULATION_PANEL (self->simulation)));

          /* Into this window's Personas page; the old copy goes only
             once the restored one is kept again. */
          if (!cairn_persona_editor_restore (editor, entry, &error))
            {
              cairn_window_show_toast (self, error->message);
              continue;
            }
        }
      else if (restore)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CairnJourney) journey = cairn_autosave_entry_load (entry, &error);
          CairnWindow *target = self;

          if (journey == NULL)
            {
              cairn_window_show_toast (self, error->message);
              continue;
            }
          if (!cairn_window_is_blank (self))
            target = cairn_window_new (gtk_window_get_application (GTK_WINDOW (self)));
          cairn_window_set_journey (target, journey);
          cairn_undo_stack_mark_unsaved (cairn_window_get_undo_stack (target));
          /* Kept safe again under this session's name before the old
           * copy goes; if that fails, the old copy is the only one. */
          cairn_autosave_schedule (cairn_window_get_autosave (target));
          gtk_window_present (GTK_WINDOW (target));
          if (!cairn_autosave_flush (cairn_window_get_autosave (target), &error))
            {
              cairn_window_show_toast (target, error->message);
              continue;
            }
        }
      cairn_autosave_entry_remove (entry);
    }
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  gtk_revealer_set_reveal_child (self->restore_revealer, FALSE);
  _cairn_window_update_actions (self);
}

void
_cairn_window_update_actions (CairnWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_auto(GStrv) selection = cairn_window_get_selection (self);
  gboolean has_selection = selection != NULL && selection[0] != NULL;
  const char *undo_label;
  const char *redo_label;
  g_autofree char *undo_tooltip = NULL;
  g_autofree char *redo_tooltip = NULL;

  if (self->undo == NULL)
    return;

  gtk_widget_action_set_enabled (widget, "win.undo", cairn_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (widget, "win.redo", cairn_undo_stack_can_redo (self->undo));
  gtk_widget_action_set_enabled (widget, "win.copy", has_selection);
  gtk_widget_action_set_enabled (widget, "win.cut", has_selection);
  gtk_widget_action_set_enabled (widget, "win.duplicate", has_selection);
  gtk_widget_action_set_enabled (widget, "win.delete", has_selection);
  gtk_widget_action_set_enabled (widget, "win.restore", self->orphans != NULL);
  gtk_widget_action_set_enabled (widget, "win.discard-restore", self->orphans != NULL);

  undo_label = cairn_undo_stack_get_undo_label (self->undo);
  redo_label = cairn_undo_stack_get_redo_label (self->undo);
  /* Translators: "Undo Move 3 nodes" */
  undo_tooltip = undo_label ? g_strdup_printf (_("Undo %s (Ctrl+Z)"), undo_label) : g_strdup (_("Undo (Ctrl+Z)"));
  redo_tooltip = redo_label ? g_strdup_printf (_("Redo %s (Shift+Ctrl+Z)"), redo_label) : g_strdup (_("Redo (Shift+Ctrl+Z)"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tooltip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tooltip);

  /* The primary menu names what Undo and Redo would do. */
  g_menu_remove_all (self->undo_section);
  {
    /* Translators: a menu item, "Undo Move 3 nodes" */
    g_autofree char *undo_item = undo_label ? g_strdup_printf (_("_Undo %s"), undo_label) : g_strdup (_("_Undo"));
    g_autofree char *redo_item = redo_label ? g_strdup_printf (_("_Redo %s"), redo_label) : g_strdup (_("_Redo"));
    g_menu_append (self->undo_section, undo_item, "win.undo");
    g_menu_append (self->undo_section, redo_item, "win.redo");
  }

  gtk_toggle_button_set_active (self->problems_button,
                                gtk_widget_get_visible (self->bottom_area) &&
                                g_strcmp0 (gtk_stack_get_visible_child_name (self->bottom_stack), "problems") == 0);
}

/* The canvas's keys, which a focused text field keeps for itself */
static const struct {
  guint           keyval;
  GdkModifierType modifiers;
  const char     *action;
} selection_keys[] = {
  { GDK_KEY_c, GDK_CONTROL_MASK, "win.copy" },
  { GDK_KEY_x, GDK_CONTROL_MASK, "win.cut" },
  { GDK_KEY_v, GDK_CONTROL_MASK, "win.paste" },
  { GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate" },
  { GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all" },
  { GDK_KEY_Delete, 0, "win.delete" },
  { GDK_KEY_KP_Delete, 0, "win.delete" },
  { GDK_KEY_BackSpace, 0, "win.delete" },
  { GDK_KEY_bracketright, GDK_CONTROL_MASK, "win.next-node" },
  { GDK_KEY_bracketleft, GDK_CONTROL_MASK, "win.previous-node" },
};

static gboolean
focus_in_text (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

static gboolean
selection_shortcut (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  const char *action = g_variant_get_string (args, NULL);

  if (focus_in_text (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, action, NULL);
}

void
_cairn_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-sample", "s", new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.export-image", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.cut", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.tidy", NULL, tidy_action);
  gtk_widget_class_install_action (widget_class, "win.next-node", NULL, next_node_action);
  gtk_widget_class_install_action (widget_class, "win.previous-node", NULL, next_node_action);
  gtk_widget_class_install_action (widget_class, "win.simulate", NULL, simulate_action);
  gtk_widget_class_install_action (widget_class, "win.find-node-kind", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.journey-settings", NULL, journey_settings_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.discard-restore", NULL, restore_action);

  /* Edits of the selection bubble up from the focused widget, so that a
   * text field keeps its own Ctrl+C and Delete; and they are not taken
   * while a text field has the focus (an empty field does not handle
   * Ctrl+A itself, and it would select every node). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (selection_keys); i++)
    gtk_widget_class_add_binding (widget_class, selection_keys[i].keyval, selection_keys[i].modifiers,
                                  selection_shortcut, "s", selection_keys[i].action);
}
