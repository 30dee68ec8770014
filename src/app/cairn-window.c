/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-a11y.h"
#include "cairn-application.h"
#include "cairn-json.h"
#include "cairn-layout.h"
#include "cairn-validate.h"
#include "cairn-window-private.h"

/* Set by the build when the canvas offers what the window uses. */
#include "cairn-canvas.h"

G_DEFINE_FINAL_TYPE (CairnWindow, cairn_window, ADW_TYPE_APPLICATION_WINDOW)

#define VALIDATE_DELAY_MS 250
#define RECORD_DELAY_MS 800
#define NODE_SPACING_X 280

/* Everything the window asks of the canvas goes through these few
 * functions, and these signals:
 *   ::selection-changed ()
 *   ::node-dropped (const char *type, double x, double y): a palette drop;
 *     the window adds the node and records the undo step
 *   ::nodes-moved (guint n_nodes): a drag ended; the canvas has moved them
 *   ::message (const char *text): shown as a toast
 * Any other edit the canvas makes to the journey itself becomes one undo
 * step once things are quiet (record_timeout). */
/* An empty journey: where to begin, over the canvas */
static void
update_empty_page (CairnWindow *self)
{
  if (self->empty_page != NULL)
    gtk_widget_set_visible (self->empty_page, cairn_journey_get_n_nodes (self->journey) == 0);
}

static void
on_add_starter (CairnWindow *self)
{
  cairn_window_add_kind (self, "starter.event");
}

static GtkWidget *
empty_page_new (CairnWindow *self)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add a Starter"));
  GtkWidget *heading = gtk_label_new (_("Samples"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "media-playback-start-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("An Empty Journey"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("People enter a journey at its starter. Add one, drag a kind from the palette, "
                                     "or begin from a sample."));
  gtk_widget_add_css_class (add, "pill");
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_halign (add, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_starter), self);
  gtk_box_append (GTK_BOX (box), add);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (box), heading);
  self->empty_samples = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_halign (self->empty_samples, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->empty_samples);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), box);
  /* The middle only: drops from the palette reach the canvas around it */
  gtk_widget_set_halign (page, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (page, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (page, "compact");
  return page;
}

/* One button per sample, as under New */
void
_cairn_window_set_empty_samples (CairnWindow *self,
                                 GMenuModel  *samples)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->empty_samples)) != NULL)
    gtk_box_remove (GTK_BOX (self->empty_samples), child);
  for (int i = 0; i < g_menu_model_get_n_items (samples); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (samples, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      GtkWidget *button;

      if (!g_menu_model_get_item_attribute (samples, i, G_MENU_ATTRIBUTE_LABEL, "s", &label) || target == NULL)
        continue;
      button = gtk_button_new_with_label (label);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.new-from-sample");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
      gtk_box_append (GTK_BOX (self->empty_samples), button);
    }
}

static void
canvas_set_journey (CairnWindow  *self,
                    CairnJourney *journey)
{
  cairn_canvas_set_journey (CAIRN_CANVAS (self->canvas), journey);
  /* Another journey: the canvas dropped the run's counts, and so their
     legend goes. */
  if (self->canvas_legend != NULL)
    gtk_widget_set_visible (self->canvas_legend, FALSE);
}

static GStrv
canvas_get_selection (CairnWindow *self)
{
  return cairn_canvas_get_selection (CAIRN_CANVAS (self->canvas));
}

static void
canvas_set_selection (CairnWindow        *self,
                      const char * const *ids)
{
  cairn_canvas_set_selection (CAIRN_CANVAS (self->canvas), ids);
}

void
cairn_window_reveal_node (CairnWindow *self,
                          const char  *id)
{
  g_return_if_fail (CAIRN_IS_WINDOW (self));
  cairn_canvas_reveal_node (CAIRN_CANVAS (self->canvas), id);
}

void
_cairn_window_zoom (CairnWindow *self,
                    int          direction)
{
  if (direction > 0)
    cairn_canvas_zoom_in (CAIRN_CANVAS (self->canvas));
  else if (direction < 0)
    cairn_canvas_zoom_out (CAIRN_CANVAS (self->canvas));
  else
    cairn_canvas_zoom_reset (CAIRN_CANVAS (self->canvas));
}

static void
canvas_set_diagnostics (CairnWindow *self)
{
  cairn_canvas_set_diagnostics (CAIRN_CANVAS (self->canvas), self->diagnostics);
}

static void
on_selection_changed (CairnWindow *self)
{
  g_auto(GStrv) ids = canvas_get_selection (self);

  cairn_undo_stack_seal (self->undo);
  _cairn_window_set_pending_port (self, NULL, NULL);
  cairn_inspector_set_node (self->inspector, ids && ids[0] && !ids[1] ? ids[0] : NULL);
  _cairn_window_update_actions (self);
}

static void
on_node_dropped (CairnWindow *self,
                 const char  *type,
                 double       x,
                 double       y)
{
  cairn_window_drop_kind (self, type, x, y);
}

static void
on_nodes_moved (CairnWindow *self,
                guint        n_nodes)
{
  g_autofree char *label = NULL;

  label = g_strdup_printf (ngettext ("Move %u node", "Move %u nodes", n_nodes), n_nodes);
  cairn_window_record (self, label, NULL);
}

static void
on_canvas_connected (CairnWindow *self,
                     const char  *from,
                     const char  *port,
                     const char  *to)
{
  cairn_window_record (self, _("Connect"), NULL);
}

static void
on_canvas_message (CairnWindow *self,
                   const char  *message)
{
  cairn_window_show_toast (self, message);
}

/* Problems */

static void
update_problems (CairnWindow *self)
{
  guint n_errors = cairn_diagnostics_count (self->diagnostics, CAIRN_SEVERITY_ERROR);
  guint n_warnings = cairn_diagnostics_count (self->diagnostics, CAIRN_SEVERITY_WARNING);
  GtkWidget *child;
  GtkWidget *button = GTK_WIDGET (self->problems_button);

  gtk_widget_remove_css_class (button, "has-errors");
  gtk_widget_remove_css_class (button, "has-warnings");
  if (n_errors > 0)
    {
      g_autofree char *text = NULL;
      if (n_warnings > 0)
        text = g_strdup_printf ("%u · %u", n_errors, n_warnings);
      else
        text = g_strdup_printf ("%u", n_errors);
      gtk_image_set_from_icon_name (self->problems_icon, "dialog-error-symbolic");
      gtk_label_set_label (self->problems_label, text);
      gtk_widget_add_css_class (button, "has-errors");
    }
  else if (n_warnings > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", n_warnings);
      gtk_image_set_from_icon_name (self->problems_icon, "dialog-warning-symbolic");
      gtk_label_set_label (self->problems_label, text);
      gtk_widget_add_css_class (button, "has-warnings");
    }
  else
    {
      gtk_image_set_from_icon_name (self->problems_icon, "emblem-ok-symbolic");
      gtk_label_set_label (self->problems_label, _("No problems"));
    }

  {
    g_autofree char *tooltip = NULL;
    g_autofree char *errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
    g_autofree char *warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
    tooltip = g_strdup_printf (_("Problems: %s, %s"), errors, warnings);
    gtk_widget_set_tooltip_text (button, tooltip);
    /* Read as what the tooltip says, not as "GtkToggleButton" */
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      CairnDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;
      g_autofree char *subtitle = NULL;
      CairnNode *node = diagnostic->node_id ? cairn_journey_find_node (self->journey, diagnostic->node_id) : NULL;

      icon = gtk_image_new_from_icon_name (diagnostic->severity == CAIRN_SEVERITY_ERROR
                                           ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, diagnostic->severity == CAIRN_SEVERITY_ERROR ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diagnostic->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (node != NULL && node->label != NULL)
        subtitle = g_strdup_printf ("%s (%s)", node->label, diagnostic->node_id);
      else if (diagnostic->node_id != NULL)
        subtitle = g_strdup (diagnostic->node_id);
      else
        subtitle = g_strdup (_("Journey"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "node-id", g_strdup (diagnostic->node_id), g_free);
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_stack_set_visible_child_name (self->problems_stack, self->diagnostics->len > 0 ? "list" : "empty");
  canvas_set_diagnostics (self);
  cairn_inspector_set_diagnostics (self->inspector, self->diagnostics);
}

void
cairn_window_validate_now (CairnWindow *self)
{
  g_return_if_fail (CAIRN_IS_WINDOW (self));

  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = cairn_validate (self->journey);
  update_problems (self);
}

static gboolean
validate_timeout (gpointer user_data)
{
  CairnWindow *self = user_data;

  self->validate_id = 0;
  cairn_window_validate_now (self);
  return G_SOURCE_REMOVE;
}

GPtrArray *
cairn_window_get_diagnostics (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  if (self->validate_id != 0)
    cairn_window_validate_now (self);
  return self->diagnostics;
}

GtkListBox *
cairn_window_get_problems_list (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return self->problems_list;
}

static void
on_problem_activated (CairnWindow   *self,
                      GtkListBoxRow *row)
{
  const char *node_id = g_object_get_data (G_OBJECT (row), "node-id");

  if (node_id != NULL && cairn_journey_find_node (self->journey, node_id) != NULL)
    {
      const char *ids[] = { node_id, NULL };
      cairn_window_select_nodes (self, ids);
      cairn_window_reveal_node (self, node_id);
    }
  else
    {
      cairn_window_select_nodes (self, NULL);
    }
}

void
cairn_window_activate_problem (CairnWindow *self,
                               guint        index)
{
  GtkListBoxRow *row;

  g_return_if_fail (CAIRN_IS_WINDOW (self));
  row = gtk_list_box_get_row_at_index (self->problems_list, index);
  if (row != NULL)
    on_problem_activated (self, row);
}

/* The document */

void
_cairn_window_update_title (CairnWindow *self)
{
  const char *name = cairn_journey_get_name (self->journey);
  const char *filename = cairn_journey_get_filename (self->journey);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (name == NULL || *name == '\0')
    name = _("Untitled Journey");
  if (cairn_undo_stack_is_modified (self->undo))
    title = g_strdup_printf ("• %s", name);
  else
    title = g_strdup (name);

  if (filename != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (filename);
      g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
      g_autofree char *relative = g_file_get_relative_path (home, file);
      subtitle = relative ? g_strdup_printf ("~/%s", relative) : g_strdup (filename);
    }
  else
    {
      subtitle = g_strdup (_("Not saved"));
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* A change that no view recorded as an undo step (a view that edits the
 * document on its own) becomes one when things have been quiet for a
 * moment, so that a drag in progress stays one step. */
static gboolean
record_timeout (gpointer user_data)
{
  CairnWindow *self = user_data;

  self->record_id = 0;
  if (!self->pointer_down)
    cairn_undo_stack_record (self->undo, _("Edit"), NULL);
  return G_SOURCE_REMOVE;
}

/* Watches the button on the canvas without taking the events, so that a
 * drag held still is not cut into two undo steps. */
static gboolean
on_canvas_event (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 CairnWindow              *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_BUTTON_PRESS)
    self->pointer_down = TRUE;
  else if (type == GDK_BUTTON_RELEASE)
    {
      self->pointer_down = FALSE;
      if (self->record_id != 0)
        {
          g_clear_handle_id (&self->record_id, g_source_remove);
          self->record_id = g_timeout_add (RECORD_DELAY_MS, record_timeout, self);
        }
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_journey_changed (CairnWindow *self)
{
  g_clear_handle_id (&self->record_id, g_source_remove);
  self->record_id = g_timeout_add (RECORD_DELAY_MS, record_timeout, self);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->validate_id = g_timeout_add (VALIDATE_DELAY_MS, validate_timeout, self);
  _cairn_window_update_title (self);
  cairn_inspector_refresh (self->inspector);
  _cairn_window_schedule_regression (self);
  update_empty_page (self);
}

static void
on_undo_notify (CairnWindow *self)
{
  _cairn_window_update_title (self);
  _cairn_window_update_actions (self);
}

static guint
autosave_delay (void)
{
  g_autoptr(GSettings) settings = cairn_application_settings ("autosave-delay");

  if (settings == NULL)
    return CAIRN_AUTOSAVE_DEFAULT_DELAY_MS;
  {
    /* Seconds, whichever integer type the schema chose */
    g_autoptr(GVariant) value = g_settings_get_value (settings, "autosave-delay");
    gint64 seconds = CAIRN_AUTOSAVE_DEFAULT_DELAY_MS / 1000;

    if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
      seconds = g_variant_get_uint32 (value);
    else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
      seconds = g_variant_get_int32 (value);
    else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
      seconds = (gint64) g_variant_get_double (value);
    return (guint) CLAMP (seconds, 1, 60) * 1000;
  }
}

void
cairn_window_set_journey (CairnWindow  *self,
                          CairnJourney *journey)
{
  g_return_if_fail (CAIRN_IS_WINDOW (self));
  g_return_if_fail (CAIRN_IS_JOURNEY (journey));

  g_clear_handle_id (&self->record_id, g_source_remove);
  if (self->journey != NULL)
    g_clear_signal_handler (&self->changed_id, self->journey);
  if (self->autosave != NULL)
    cairn_autosave_discard (self->autosave);
  g_clear_object (&self->autosave);
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  g_clear_object (&self->undo);
  g_set_object (&self->journey, journey);

  self->undo = cairn_undo_stack_new (journey);
  g_signal_connect_swapped (self->undo, "notify::modified", G_CALLBACK (on_undo_notify), self);
  g_signal_connect_swapped (self->undo, "notify::can-undo", G_CALLBACK (on_undo_notify), self);
  self->autosave = cairn_autosave_new (journey);
  cairn_autosave_set_delay (self->autosave, autosave_delay ());
  self->changed_id = g_signal_connect_swapped (journey, "changed", G_CALLBACK (on_journey_changed), self);
  self->paste_offset = 0;

  canvas_set_journey (self, journey);
  update_empty_page (self);
  cairn_inspector_set_context (self->inspector, journey, self->undo);
  canvas_set_selection (self, NULL);
  cairn_window_validate_now (self);
  _cairn_window_update_title (self);
  _cairn_window_update_actions (self);
  _cairn_window_schedule_regression (self);
}

CairnJourney *
cairn_window_get_journey (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return self->journey;
}

CairnUndoStack *
cairn_window_get_undo_stack (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return self->undo;
}

CairnAutosave *
cairn_window_get_autosave (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return self->autosave;
}

static void
add_recent (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) "application/json",
    .app_name = (char *) "Cairn",
    .app_exec = (char *) "cairn %f",
  };

  if (uri != NULL)
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

gboolean
cairn_window_load_file (CairnWindow *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(CairnJourney) journey = NULL;
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);

  journey = cairn_journey_load_file (path, error);
  if (journey == NULL)
    return FALSE;
  cairn_window_set_journey (self, journey);
  add_recent (path);
  _cairn_window_update_menus (self);
  return TRUE;
}

gboolean
cairn_window_save_file (CairnWindow *self,
                        const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);

  cairn_undo_stack_record (self->undo, NULL, NULL);
  if (!cairn_journey_save_file (self->journey, path, error))
    return FALSE;
  cairn_undo_stack_mark_saved (self->undo);
  cairn_autosave_discard (self->autosave);
  add_recent (path);
  _cairn_window_update_title (self);
  return TRUE;
}

gboolean
cairn_window_get_modified (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);
  return cairn_undo_stack_is_modified (self->undo);
}

gboolean
cairn_window_is_blank (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);
  return cairn_journey_get_filename (self->journey) == NULL &&
         !cairn_undo_stack_can_undo (self->undo) &&
         cairn_journey_get_n_nodes (self->journey) == 0;
}

void
cairn_window_record (CairnWindow *self,
                     const char  *label,
                     const char  *merge_key)
{
  g_return_if_fail (CAIRN_IS_WINDOW (self));
  cairn_undo_stack_record (self->undo, label, merge_key);
}

void
cairn_window_show_toast (CairnWindow *self,
                         const char  *message)
{
  AdwToast *toast;

  g_return_if_fail (CAIRN_IS_WINDOW (self));
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GStrv
cairn_window_get_selection (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return canvas_get_selection (self);
}

void
cairn_window_select_nodes (CairnWindow        *self,
                           const char * const *ids)
{
  g_return_if_fail (CAIRN_IS_WINDOW (self));
  canvas_set_selection (self, ids);
  on_selection_changed (self);
}

static gboolean
cairn_window_close_request (GtkWindow *window)
{
  CairnWindow *self = CAIRN_WINDOW (window);

  if (!self->close_confirmed && _cairn_window_close_request (self))
    return TRUE;
  if (self->autosave != NULL)
    cairn_autosave_discard (self->autosave);
  return GTK_WINDOW_CLASS (cairn_window_parent_class)->close_request (window);
}

static void
cairn_window_dispose (GObject *object)
{
  CairnWindow *self = CAIRN_WINDOW (object);

  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->record_id, g_source_remove);
  if (self->journey != NULL)
    g_clear_signal_handler (&self->changed_id, self->journey);
  if (self->undo != NULL)
    g_signal_handlers_disconnect_by_data (self->undo, self);
  _cairn_window_clear_simulation (self);
  _cairn_window_set_pending_port (self, NULL, NULL);
  g_clear_pointer (&self->node_menu, gtk_widget_unparent);
  /* The canvas tells the window of selections and drops: not while it is
     taken apart, when the inspector may be gone already. */
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_WINDOW);
  /* Built in code, gone with the template's children */
  self->canvas = NULL;
  self->canvas_overlay = NULL;
  self->canvas_legend = NULL;
  self->empty_page = NULL;
  self->empty_samples = NULL;
  self->simulation = NULL;
  self->regression_badge = NULL;
  g_clear_object (&self->autosave);
  g_clear_object (&self->undo);
  g_clear_object (&self->journey);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);

  G_OBJECT_CLASS (cairn_window_parent_class)->dispose (object);
}

static void
on_palette_kind_activated (CairnWindow *self,
                           const char  *type)
{
  cairn_window_add_kind (self, type);
}

static void
cairn_window_class_init (CairnWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cairn_window_dispose;
  window_class->close_request = cairn_window_close_request;

  g_type_ensure (CAIRN_TYPE_PALETTE);
  g_type_ensure (CAIRN_TYPE_INSPECTOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, problems_icon);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, restore_revealer);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, restore_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, canvas_bin);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, bottom_area);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, bottom_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, problems_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, undo_section);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, simulation_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_kind_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);

  _cairn_window_class_add_actions (widget_class);
  _cairn_window_class_add_connect_actions (widget_class);
}

static void
cairn_window_init (CairnWindow *self)
{
  g_autoptr(CairnJourney) journey = cairn_journey_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The halves of the split buttons, named for screen readers */
  cairn_a11y_name_split_button (GTK_WIDGET (self->new_button), _("New Journey"));
  cairn_a11y_name_split_button (GTK_WIDGET (self->open_button), NULL);

  self->canvas = cairn_canvas_new ();
  g_signal_connect_swapped (self->canvas, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->canvas, "node-dropped", G_CALLBACK (on_node_dropped), self);
  g_signal_connect_swapped (self->canvas, "nodes-moved", G_CALLBACK (on_nodes_moved), self);
  g_signal_connect_swapped (self->canvas, "message", G_CALLBACK (on_canvas_message), self);
  g_signal_connect_swapped (self->canvas, "connected", G_CALLBACK (on_canvas_connected), self);
  _cairn_window_setup_connect (self);
  self->canvas_overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->canvas_overlay), self->canvas);
  adw_bin_set_child (self->canvas_bin, self->canvas_overlay);
  self->empty_page = empty_page_new (self);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->canvas_overlay), self->empty_page);
  {
    GtkEventController *legacy = gtk_event_controller_legacy_new ();
    gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
    g_signal_connect (legacy, "event", G_CALLBACK (on_canvas_event), self);
    gtk_widget_add_controller (GTK_WIDGET (self->canvas_bin), legacy);
  }
  _cairn_window_setup_simulation (self);

  _cairn_window_add_file_drop (self);
  cairn_window_set_journey (self, journey);
  _cairn_window_update_menus (self);
}

CairnWindow *
cairn_window_new (GtkApplication *application)
{
  return g_object_new (CAIRN_TYPE_WINDOW, "application", application, NULL);
}
