/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-a11y.h"
#include "cairn-duration-row.h"
#include "cairn-file-dialogs.h"
#include "cairn-portfolio-view.h"
#include "cairn-registry.h"
#include "cairn-summary.h"

struct _CairnPortfolioView
{
  GtkWidget               parent_instance;

  GtkListBox             *journey_list;
  AdwEntryRow            *name_row;
  AdwEntryRow            *id_row;
  AdwExpanderRow         *cap_row;
  AdwExpanderRow         *channels_row;
  GtkSpinButton          *max_spin;
  GtkWidget              *per_row;
  GPtrArray              *channel_checks;  /* GtkCheckButton*, cairn_channels () order */

  CairnPortfolioDocument *document;
  gboolean                updating;        /* showing the document, not editing it */
};

G_DEFINE_FINAL_TYPE (CairnPortfolioView, cairn_portfolio_view, GTK_TYPE_WIDGET)

enum {
  JOURNEY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

int
cairn_portfolio_view_get_selected (CairnPortfolioView *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self), -1);

  row = gtk_list_box_get_selected_row (self->journey_list);
  return row ? gtk_list_box_row_get_index (row) : -1;
}

void
cairn_portfolio_view_select (CairnPortfolioView *self,
                             guint               position)
{
  GtkListBoxRow *row;

  g_return_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self));

  row = gtk_list_box_get_row_at_index (self->journey_list, position);
  gtk_list_box_select_row (self->journey_list, row);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
update_actions (CairnPortfolioView *self)
{
  int selected = cairn_portfolio_view_get_selected (self);
  guint n = self->document ? g_list_model_get_n_items (cairn_portfolio_document_get_journeys (self->document)) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.add-journey", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.remove-journey", selected >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.move-up", selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.move-down", selected >= 0 && (guint) selected + 1 < n);
}

void
cairn_portfolio_view_drop (CairnPortfolioView *self,
                           guint               from,
                           guint               to)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self));

  if (self->document == NULL || from == to)
    return;
  cairn_portfolio_document_move_journey (self->document, from, to);
  cairn_portfolio_view_select (self, to);
}

/* Drag and drop: a row carries its journey; dropped on another row it
 * takes that row's place. */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  GtkWidget *view = gtk_widget_get_ancestor (row, CAIRN_TYPE_PORTFOLIO_VIEW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  g_autoptr(GObject) entry = NULL;

  if (index < 0 || view == NULL || CAIRN_PORTFOLIO_VIEW (view)->document == NULL)
    return NULL;
  entry = g_list_model_get_item (cairn_portfolio_document_get_journeys (CAIRN_PORTFOLIO_VIEW (view)->document), index);
  return entry ? gdk_content_provider_new_typed (CAIRN_TYPE_PORTFOLIO_ENTRY, entry) : NULL;
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *row)
{
  CairnPortfolioView *self = CAIRN_PORTFOLIO_VIEW (gtk_widget_get_ancestor (row, CAIRN_TYPE_PORTFOLIO_VIEW));
  CairnPortfolioEntry *entry = g_value_get_object (value);
  guint from;

  if (self == NULL || self->document == NULL || entry == NULL
      || !g_list_store_find (G_LIST_STORE (cairn_portfolio_document_get_journeys (self->document)), entry, &from))
    return FALSE;
  cairn_portfolio_view_drop (self, from, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  return TRUE;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CairnPortfolioEntry *entry = item;
  CairnPortfolioView *self = user_data;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *rank = gtk_label_new (NULL);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (CAIRN_TYPE_PORTFOLIO_ENTRY, GDK_ACTION_MOVE);
  const char *problem = cairn_portfolio_entry_get_problem (entry);
  guint position = 0;
  g_autofree char *number = NULL;
  g_autofree char *subtitle = NULL;

  g_list_store_find (G_LIST_STORE (cairn_portfolio_document_get_journeys (self->document)), entry, &position);
  number = g_strdup_printf ("%u", position + 1);
  gtk_label_set_label (GTK_LABEL (rank), number);
  gtk_widget_add_css_class (rank, "numeric");
  gtk_widget_add_css_class (rank, "dim-label");
  gtk_widget_add_css_class (handle, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), rank);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cairn_portfolio_entry_get_name (entry));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (problem != NULL)
    subtitle = g_strdup (problem);
  else
    subtitle = g_strdup_printf ("%s · %s", cairn_portfolio_entry_get_id (entry),
                                cairn_portfolio_entry_get_written (entry) ?: cairn_portfolio_entry_get_path (entry));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (problem != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Double-click to open the journey; drag to change its priority"));

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  return row;
}

static void
on_row_activated (CairnPortfolioView *self,
                  GtkListBoxRow      *row)
{
  g_autoptr(CairnPortfolioEntry) entry = NULL;

  entry = g_list_model_get_item (cairn_portfolio_document_get_journeys (self->document),
                                 gtk_list_box_row_get_index (row));
  if (entry != NULL)
    g_signal_emit (self, signals[JOURNEY_ACTIVATED], 0, entry);
}

static void
on_row_selected (CairnPortfolioView *self)
{
  update_actions (self);
}

/* The name and the id */

static void
on_name_changed (CairnPortfolioView *self)
{
  if (!self->updating && self->document != NULL)
    cairn_portfolio_document_set_name (self->document, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
}

/* An id the validator refuses (PF13 wants a string; the run store and the
 * report name the portfolio by it) is still written: the problem shows
 * when the portfolio runs. */
static void
on_id_changed (CairnPortfolioView *self)
{
  if (!self->updating && self->document != NULL)
    cairn_portfolio_document_set_id (self->document, gtk_editable_get_text (GTK_EDITABLE (self->id_row)));
}

/* The cap */

static void show_channels_subtitle (CairnPortfolioView *self);

static void
on_per_changed (CairnPortfolioView *self)
{
  g_autofree char *per = cairn_duration_row_get_value (CAIRN_DURATION_ROW (self->per_row));

  if (!self->updating && self->document != NULL && per != NULL)
    cairn_portfolio_document_set_cap_per (self->document, per);
}

static void
on_max_changed (CairnPortfolioView *self)
{
  if (!self->updating && self->document != NULL)
    cairn_portfolio_document_set_cap_max (self->document, gtk_spin_button_get_value_as_int (self->max_spin));
}

static void
on_cap_enabled (CairnPortfolioView *self)
{
  if (!self->updating && self->document != NULL)
    cairn_portfolio_document_set_cap_enabled (self->document, adw_expander_row_get_enable_expansion (self->cap_row));
}

/* Every channel checked is the default (no `channels` member); so is none,
 * which PF13 would refuse. */
static void
on_channel_toggled (CairnPortfolioView *self)
{
  const char * const *all = cairn_channels ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) channels = NULL;
  guint n_checked = 0, n_all = 0;

  if (self->updating || self->document == NULL)
    return;
  for (guint i = 0; all[i] != NULL; i++, n_all++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->channel_checks, i)))
      {
        g_strv_builder_add (builder, all[i]);
        n_checked++;
      }
  channels = g_strv_builder_end (builder);
  cairn_portfolio_document_set_cap_channels (self->document,
                                             n_checked == n_all ? NULL : (const char * const *) channels);
}

static void
show_cap (CairnPortfolioView *self)
{
  gint64 max = 0;
  const char *per = NULL;
  g_auto(GStrv) channels = NULL;
  gboolean enabled;
  const char * const *all = cairn_channels ();

  enabled = cairn_portfolio_document_get_cap (self->document, &max, &per, &channels);
  self->updating = TRUE;
  adw_expander_row_set_enable_expansion (self->cap_row, enabled);
  gtk_spin_button_set_value (self->max_spin, max > 0 ? (double) max : 2);
  /* The duration row reads its value when it is made. */
  if (self->per_row != NULL)
    adw_expander_row_remove (self->cap_row, self->per_row);
  self->per_row = cairn_duration_row_new (_("Per"), per ? per : "P1D");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->per_row), _("Per"));
  g_signal_connect_swapped (self->per_row, "changed", G_CALLBACK (on_per_changed), self);
  adw_expander_row_add_row (self->cap_row, self->per_row);
  for (guint i = 0; all[i] != NULL; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->channel_checks, i),
                                 channels[0] == NULL || g_strv_contains ((const char * const *) channels, all[i]));
  show_channels_subtitle (self);
  self->updating = FALSE;
}

static void
show_channels_subtitle (CairnPortfolioView *self)
{
  const char * const *all = cairn_channels ();
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_checked = 0, n_all = 0;

  for (guint i = 0; all[i] != NULL; i++, n_all++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->channel_checks, i)))
      {
        g_string_append_printf (names, "%s%s", n_checked ? ", " : "", cairn_channel_display_name (all[i]));
        n_checked++;
      }
  adw_expander_row_set_subtitle (self->channels_row,
                                 n_checked == n_all || n_checked == 0 ? _("Every channel") : names->str);
}

void
cairn_portfolio_view_set_document (CairnPortfolioView     *self,
                                   CairnPortfolioDocument *document)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self));
  g_return_if_fail (document == NULL || CAIRN_IS_PORTFOLIO_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  gtk_list_box_bind_model (self->journey_list,
                           document ? cairn_portfolio_document_get_journeys (document) : NULL,
                           document ? create_row : NULL, self, NULL);
  if (document != NULL)
    {
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), cairn_portfolio_document_get_name (document) ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->id_row), cairn_portfolio_document_get_id (document) ?: "");
      self->updating = FALSE;
      show_cap (self);
    }
  update_actions (self);
}

CairnPortfolioDocument *
cairn_portfolio_view_get_document (CairnPortfolioView *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self), NULL);
  return self->document;
}

GtkListBox *
cairn_portfolio_view_get_journey_list (CairnPortfolioView *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self), NULL);
  return self->journey_list;
}

AdwExpanderRow *
cairn_portfolio_view_get_cap_row (CairnPortfolioView *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self), NULL);
  return self->cap_row;
}

AdwEntryRow *
cairn_portfolio_view_get_name_row (CairnPortfolioView *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self), NULL);
  return self->name_row;
}

GtkSpinButton *
cairn_portfolio_view_get_max_spin (CairnPortfolioView *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self), NULL);
  return self->max_spin;
}

GtkWidget *
cairn_portfolio_view_get_per_row (CairnPortfolioView *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self), NULL);
  return self->per_row;
}

GtkCheckButton *
cairn_portfolio_view_get_channel_check (CairnPortfolioView *self,
                                        const char         *channel)
{
  int index;

  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_VIEW (self), NULL);

  index = cairn_channel_index (channel);
  return index >= 0 ? g_ptr_array_index (self->channel_checks, index) : NULL;
}

/* Actions */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CairnPortfolioView *self = CAIRN_PORTFOLIO_VIEW (widget);
  int selected = cairn_portfolio_view_get_selected (self);
  int to = selected + (g_str_equal (action_name, "portfolio.move-up") ? -1 : 1);
  guint n = g_list_model_get_n_items (cairn_portfolio_document_get_journeys (self->document));

  if (selected < 0 || to < 0 || (guint) to >= n)
    return;
  cairn_portfolio_view_drop (self, selected, to);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CairnPortfolioView *self = CAIRN_PORTFOLIO_VIEW (widget);
  int selected = cairn_portfolio_view_get_selected (self);
  guint n;

  if (selected < 0)
    return;
  cairn_portfolio_document_remove_journey (self->document, selected);
  n = g_list_model_get_n_items (cairn_portfolio_document_get_journeys (self->document));
  if (n > 0)
    cairn_portfolio_view_select (self, MIN ((guint) selected, n - 1));
  update_actions (self);
}

static void
on_add_response (GtkNativeDialog    *dialog,
                 int                 response,
                 CairnPortfolioView *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            cairn_portfolio_document_add_journey (self->document, path);
        }
      cairn_portfolio_view_select (self, g_list_model_get_n_items (cairn_portfolio_document_get_journeys (self->document)) - 1);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  CairnPortfolioView *self = CAIRN_PORTFOLIO_VIEW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = cairn_json_file_filter (_("Journeys"));
  const char *filename = self->document ? cairn_portfolio_document_get_filename (self->document) : NULL;

  dialog = gtk_file_chooser_native_new (_("Add Journeys"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  if (filename != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (filename);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cairn_portfolio_view_dispose (GObject *object)
{
  CairnPortfolioView *self = CAIRN_PORTFOLIO_VIEW (object);

  if (self->journey_list != NULL)
    gtk_list_box_bind_model (self->journey_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_PORTFOLIO_VIEW);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->document);
  g_clear_pointer (&self->channel_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (cairn_portfolio_view_parent_class)->dispose (object);
}

static void
cairn_portfolio_view_class_init (CairnPortfolioViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_portfolio_view_dispose;

  signals[JOURNEY_ACTIVATED] =
    g_signal_new ("journey-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CAIRN_TYPE_PORTFOLIO_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-portfolio-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioView, journey_list);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioView, name_row);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioView, id_row);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioView, cap_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_id_changed);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioView, channels_row);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioView, max_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_cap_enabled);
  gtk_widget_class_bind_template_callback (widget_class, on_max_changed);

  gtk_widget_class_install_action (widget_class, "portfolio.add-journey", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "portfolio.remove-journey", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "portfolio.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "portfolio.move-down", NULL, move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "portfolio.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "portfolio.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "portfolio.remove-journey", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portfolioview");
}

static void
cairn_portfolio_view_init (CairnPortfolioView *self)
{
  const char * const *all = cairn_channels ();

  gtk_widget_init_template (GTK_WIDGET (self));
  cairn_a11y_expose_entry_rows (GTK_WIDGET (self));
  self->channel_checks = g_ptr_array_new ();
  for (guint i = 0; all[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cairn_channel_display_name (all[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_channel_toggled), self);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (show_channels_subtitle), self);
      adw_expander_row_add_row (self->channels_row, row);
      g_ptr_array_add (self->channel_checks, check);
    }
  show_channels_subtitle (self);
  update_actions (self);
}

GtkWidget *
cairn_portfolio_view_new (void)
{
  return g_object_new (CAIRN_TYPE_PORTFOLIO_VIEW, NULL);
}
