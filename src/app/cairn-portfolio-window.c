/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cairn-application.h"
#include "cairn-error.h"
#include "cairn-file-dialogs.h"
#include "cairn-json.h"
#include "cairn-portfolio-run.h"
#include "cairn-portfolio-window.h"

struct _CairnPortfolioWindow
{
  AdwApplicationWindow    parent_instance;

  AdwWindowTitle         *window_title;
  AdwToastOverlay        *toast_overlay;
  CairnPortfolioView     *view;
  GtkStack               *result_stack;
  GtkSpinner             *spinner;
  GtkProgressBar         *progress_bar;
  CairnCollisionsView    *collisions;

  CairnPortfolioDocument *document;
  char                   *scenario;
  char                   *store_path;     /* where runs are kept, or NULL */
  GCancellable           *run_cancellable;
  char                   *run_file;       /* the unsaved document, written for a run */
  gboolean                close_confirmed;
  gboolean                save_then_close;
};

G_DEFINE_FINAL_TYPE (CairnPortfolioWindow, cairn_portfolio_window, ADW_TYPE_APPLICATION_WINDOW)

void
cairn_portfolio_window_show_toast (CairnPortfolioWindow *self,
                                   const char           *message)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* "• Name" while there are unsaved changes, as the journey window does. */
static void
update_title (CairnPortfolioWindow *self)
{
  const char *name = self->document ? cairn_portfolio_document_get_name (self->document) : NULL;
  const char *filename = self->document ? cairn_portfolio_document_get_filename (self->document) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (name == NULL || *name == '\0')
    name = _("Untitled Portfolio");
  if (self->document && cairn_portfolio_document_get_modified (self->document))
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

void
cairn_portfolio_window_set_document (CairnPortfolioWindow   *self,
                                     CairnPortfolioDocument *document)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self));
  g_return_if_fail (CAIRN_IS_PORTFOLIO_DOCUMENT (document));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (document, "notify::filename", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (document, "notify::name", G_CALLBACK (update_title), self);
  cairn_portfolio_view_set_document (self->view, document);
  update_title (self);
}

CairnPortfolioDocument *
cairn_portfolio_window_get_document (CairnPortfolioWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self), NULL);
  return self->document;
}

CairnPortfolioView *
cairn_portfolio_window_get_view (CairnPortfolioWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self), NULL);
  return self->view;
}

CairnCollisionsView *
cairn_portfolio_window_get_collisions (CairnPortfolioWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self), NULL);
  return self->collisions;
}

void
cairn_portfolio_window_set_store_path (CairnPortfolioWindow *self,
                                       const char           *path)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self));

  g_free (self->store_path);
  self->store_path = g_strdup (path);
}

void
cairn_portfolio_window_set_scenario (CairnPortfolioWindow *self,
                                     const char           *path)
{
  g_return_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self));

  g_free (self->scenario);
  self->scenario = path ? g_canonicalize_filename (path, NULL) : NULL;
}

gboolean
cairn_portfolio_window_load_report (CairnPortfolioWindow  *self,
                                    const char            *path,
                                    GError               **error)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self), FALSE);

  if (!cairn_collisions_view_load_file (self->collisions, path, error))
    return FALSE;
  gtk_stack_set_visible_child_name (self->result_stack, "collisions");
  return TRUE;
}

gboolean
cairn_portfolio_window_save_file (CairnPortfolioWindow  *self,
                                  const char            *path,
                                  GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self), FALSE);

  if (!cairn_portfolio_document_save_file (self->document, path, error))
    return FALSE;
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  return TRUE;
}

/* The journey's window when it is open already */
static CairnWindow *
window_of_journey (const char *path)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (CAIRN_IS_WINDOW (l->data))
      {
        const char *filename = cairn_journey_get_filename (cairn_window_get_journey (l->data));
        g_autofree char *canonical = filename ? g_canonicalize_filename (filename, NULL) : NULL;

        if (g_strcmp0 (canonical, path) == 0)
          return l->data;
      }
  return NULL;
}

CairnWindow *
cairn_portfolio_window_open_journey (CairnPortfolioWindow *self,
                                     guint                 position)
{
  GtkApplication *application;
  g_autoptr(CairnPortfolioEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  CairnWindow *window;
  JsonObject *counts;

  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_WINDOW (self), NULL);

  entry = g_list_model_get_item (cairn_portfolio_document_get_journeys (self->document), position);
  if (entry == NULL)
    return NULL;
  application = gtk_window_get_application (GTK_WINDOW (self));
  window = window_of_journey (cairn_portfolio_entry_get_path (entry));
  if (window == NULL)
    {
      window = cairn_window_new (application);
      if (!cairn_window_load_file (window, cairn_portfolio_entry_get_path (entry), &error))
        {
          cairn_portfolio_window_show_toast (self, error->message);
          gtk_window_destroy (GTK_WINDOW (window));
          return NULL;
        }
    }
  /* The run's counts of this journey, as its own run would show them */
  counts = cairn_collisions_view_get_journey_report (self->collisions, cairn_portfolio_entry_get_id (entry));
  if (counts != NULL)
    cairn_window_show_run_counts (window, counts);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
on_journey_activated (CairnPortfolioWindow *self,
                      CairnPortfolioEntry  *entry)
{
  guint position;

  if (g_list_store_find (G_LIST_STORE (cairn_portfolio_document_get_journeys (self->document)), entry, &position))
    cairn_portfolio_window_open_journey (self, position);
}

/* Saving */

static void
save_to (CairnPortfolioWindow *self,
         const char           *path)
{
  g_autoptr(GError) error = NULL;

  if (!cairn_portfolio_window_save_file (self, path, &error))
    {
      cairn_portfolio_window_show_toast (self, error->message);
      self->save_then_close = FALSE;
      return;
    }
  if (self->save_then_close)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  cairn_portfolio_window_show_toast (self, _("Portfolio saved"));
}

static void
on_save_response (GtkNativeDialog      *dialog,
                  int                   response,
                  CairnPortfolioWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        save_to (self, path);
    }
  else
    {
      self->save_then_close = FALSE;
    }
  g_object_unref (dialog);
}

static void
save (CairnPortfolioWindow *self,
      gboolean              save_as)
{
  const char *filename = cairn_portfolio_document_get_filename (self->document);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *suggested = NULL;

  if (filename != NULL && !save_as)
    {
      save_to (self, filename);
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Save Portfolio"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  filter = cairn_json_file_filter (_("Portfolios"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  suggested = g_strdup_printf ("%s.json", cairn_portfolio_document_get_id (self->document) ?: "portfolio");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  save (CAIRN_PORTFOLIO_WINDOW (widget), g_str_equal (action_name, "win.save-as"));
}

/* Reports and scenarios from files */

typedef enum {
  CHOOSE_SCENARIO,
  CHOOSE_REPORT,
} Choice;

static char *
chosen_path (GtkNativeDialog *dialog,
             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  return file ? g_file_get_path (file) : NULL;
}

static void
on_report_response (GtkNativeDialog      *dialog,
                    int                   response,
                    CairnPortfolioWindow *self)
{
  g_autofree char *path = chosen_path (dialog, response);
  g_autoptr(GError) error = NULL;

  if (path != NULL && !cairn_portfolio_window_load_report (self, path, &error))
    cairn_portfolio_window_show_toast (self, error->message);
  g_object_unref (dialog);
}

static void
on_scenario_response (GtkNativeDialog      *dialog,
                      int                   response,
                      CairnPortfolioWindow *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    {
      cairn_portfolio_window_set_scenario (self, path);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.simulate", NULL);
    }
  g_object_unref (dialog);
}

static void
choose_file (CairnPortfolioWindow *self,
             Choice                choice)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;

  dialog = gtk_file_chooser_native_new (choice == CHOOSE_REPORT ? _("Load Portfolio Report") : _("Choose Scenario"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        choice == CHOOSE_REPORT ? _("_Load") : _("_Simulate"), _("_Cancel"));
  filter = cairn_json_file_filter (choice == CHOOSE_REPORT ? _("Portfolio reports") : _("Scenarios"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response",
                    choice == CHOOSE_REPORT ? G_CALLBACK (on_report_response) : G_CALLBACK (on_scenario_response),
                    self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  choose_file (CAIRN_PORTFOLIO_WINDOW (widget),
               g_str_equal (action_name, "win.load-report") ? CHOOSE_REPORT : CHOOSE_SCENARIO);
}

/* Simulate: off the main thread; the Collisions page shows the report. */

/* data/portfolios/x.json ↔ data/scenarios/x.json or x-portfolio.json, or
 * x.scenario.json beside it, as for a journey. */
static char *
default_scenario (CairnPortfolioWindow *self)
{
  const char *filename = cairn_portfolio_document_get_filename (self->document);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *beside = NULL;
  g_autofree char *sibling = NULL;
  g_autofree char *named = NULL;

  if (filename == NULL)
    return NULL;
  dir = g_path_get_dirname (filename);
  base = g_path_get_basename (filename);
  stem = g_strndup (base, g_str_has_suffix (base, ".json") ? strlen (base) - 5 : strlen (base));
  sibling = g_build_filename (dir, "..", "scenarios", base, NULL);
  named = g_strdup_printf ("%s/../scenarios/%s-portfolio.json", dir, stem);
  beside = g_strdup_printf ("%s/%s.scenario.json", dir, stem);
  if (g_file_test (sibling, G_FILE_TEST_IS_REGULAR))
    return g_canonicalize_filename (sibling, NULL);
  if (g_file_test (named, G_FILE_TEST_IS_REGULAR))
    return g_canonicalize_filename (named, NULL);
  if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
    return g_canonicalize_filename (beside, NULL);
  return NULL;
}

static void
forget_run_file (CairnPortfolioWindow *self)
{
  if (self->run_file != NULL)
    g_unlink (self->run_file);
  g_clear_pointer (&self->run_file, g_free);
}

static void
show_results (CairnPortfolioWindow *self)
{
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->result_stack,
                                    cairn_collisions_view_get_report (self->collisions) ? "collisions" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.simulate", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", FALSE);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CairnPortfolioWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = cairn_portfolio_run_finish (result, &error);
  g_autoptr(JsonNode) root = NULL;

  forget_run_file (self);
  g_clear_object (&self->run_cancellable);
  /* The window was closed meanwhile */
  if (self->collisions == NULL)
    return;
  if (text != NULL)
    root = cairn_json_parse (text, strlen (text), NULL, NULL, &error);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    cairn_collisions_view_set_report (self->collisions, json_node_get_object (root));
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
           && !g_error_matches (error, CAIRN_ERROR, CAIRN_ERROR_CANCELLED))
    cairn_portfolio_window_show_toast (self, error->message);
  show_results (self);
}

static void
on_run_progress (double   fraction,
                 GObject *target)
{
  CairnPortfolioWindow *self = CAIRN_PORTFOLIO_WINDOW (target);

  if (self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
simulate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CairnPortfolioWindow *self = CAIRN_PORTFOLIO_WINDOW (widget);
  const char *filename = cairn_portfolio_document_get_filename (self->document);
  const char *path = filename;
  g_autoptr(GError) error = NULL;

  if (self->run_cancellable != NULL)
    return;
  if (self->scenario == NULL)
    self->scenario = default_scenario (self);
  if (self->scenario == NULL)
    {
      choose_file (self, CHOOSE_SCENARIO);
      return;
    }
  /* Unsaved edits run too: the document as it is, in a file of its own,
     its journeys named relative to where that file is. */
  if (filename == NULL || cairn_portfolio_document_get_modified (self->document))
    {
      int fd = g_file_open_tmp ("cairn-portfolio-XXXXXX.json", &self->run_file, &error);
      g_autofree char *data = NULL;

      if (fd < 0)
        {
          cairn_portfolio_window_show_toast (self, error->message);
          return;
        }
      close (fd);
      data = cairn_portfolio_document_to_data (self->document, self->run_file);
      if (!cairn_file_write_atomic (self->run_file, data, -1, &error))
        {
          forget_run_file (self);
          cairn_portfolio_window_show_toast (self, error->message);
          return;
        }
      path = self->run_file;
    }
  self->run_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->result_stack, "running");
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (widget, "win.simulate", FALSE);
  gtk_widget_action_set_enabled (widget, "win.cancel", TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  cairn_portfolio_run_async (path, self->scenario, self->store_path, on_run_progress, G_OBJECT (self),
                             self->run_cancellable, run_done, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CairnPortfolioWindow *self = CAIRN_PORTFOLIO_WINDOW (widget);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

/* Closing */

static void
on_close_response (AdwMessageDialog     *dialog,
                   const char           *response,
                   CairnPortfolioWindow *self)
{
  if (g_str_equal (response, "save"))
    {
      self->save_then_close = TRUE;
      save (self, FALSE);
    }
  else if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
cairn_portfolio_window_close_request (GtkWindow *window)
{
  CairnPortfolioWindow *self = CAIRN_PORTFOLIO_WINDOW (window);
  GtkWidget *dialog;
  const char *name;

  if (self->close_confirmed || self->document == NULL || !cairn_portfolio_document_get_modified (self->document))
    {
      /* Nobody is left to see a run's end */
      if (self->run_cancellable != NULL)
        g_cancellable_cancel (self->run_cancellable);
      return GTK_WINDOW_CLASS (cairn_portfolio_window_parent_class)->close_request (window);
    }

  name = cairn_portfolio_document_get_name (self->document);
  dialog = cairn_save_changes_dialog_new (window, name, _("Untitled Portfolio"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
cairn_portfolio_window_dispose (GObject *object)
{
  CairnPortfolioWindow *self = CAIRN_PORTFOLIO_WINDOW (object);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_PORTFOLIO_WINDOW);
  g_clear_object (&self->document);
  g_clear_pointer (&self->scenario, g_free);
  g_clear_pointer (&self->store_path, g_free);
  G_OBJECT_CLASS (cairn_portfolio_window_parent_class)->dispose (object);
}

static void
cairn_portfolio_window_finalize (GObject *object)
{
  forget_run_file (CAIRN_PORTFOLIO_WINDOW (object));
  G_OBJECT_CLASS (cairn_portfolio_window_parent_class)->finalize (object);
}

static void
cairn_portfolio_window_class_init (CairnPortfolioWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cairn_portfolio_window_dispose;
  object_class->finalize = cairn_portfolio_window_finalize;
  window_class->close_request = cairn_portfolio_window_close_request;

  g_type_ensure (CAIRN_TYPE_PORTFOLIO_VIEW);
  g_type_ensure (CAIRN_TYPE_COLLISIONS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-portfolio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioWindow, view);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioWindow, result_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CairnPortfolioWindow, collisions);
  gtk_widget_class_bind_template_callback (widget_class, on_journey_activated);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.simulate", NULL, simulate_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.choose-scenario", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "win.load-report", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.simulate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
}

static void
cairn_portfolio_window_init (CairnPortfolioWindow *self)
{
  g_autoptr(GSettings) settings = cairn_application_settings ("run-store-path");
  g_autofree char *store = settings ? g_settings_get_string (settings, "run-store-path") : NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", FALSE);
  /* The run store the journey windows use (the Preferences' choice) */
  if (store == NULL || *store == '\0')
    {
      g_free (store);
      store = g_build_filename (g_get_user_data_dir (), "cairn", "runs.sqlite", NULL);
    }
  self->store_path = g_steal_pointer (&store);
  {
    g_autoptr(CairnPortfolioDocument) document = cairn_portfolio_document_new ();
    cairn_portfolio_window_set_document (self, document);
  }
}

CairnPortfolioWindow *
cairn_portfolio_window_new (GtkApplication *application)
{
  return g_object_new (CAIRN_TYPE_PORTFOLIO_WINDOW, "application", application, NULL);
}

CairnPortfolioWindow *
cairn_portfolio_window_open (GtkApplication  *application,
                             const char      *path,
                             GError         **error)
{
  g_autoptr(CairnPortfolioDocument) document = cairn_portfolio_document_load_file (path, error);
  CairnPortfolioWindow *self;

  if (document == NULL)
    return NULL;
  self = cairn_portfolio_window_new (application);
  cairn_portfolio_window_set_document (self, document);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

CairnPortfolioWindow *
cairn_portfolio_window_new_from_open_journeys (GtkApplication *application)
{
  g_autoptr(CairnPortfolioDocument) document = cairn_portfolio_document_new ();
  CairnPortfolioWindow *self;
  guint unsaved = 0;

  for (GList *l = application ? gtk_application_get_windows (application) : NULL; l != NULL; l = l->next)
    if (CAIRN_IS_WINDOW (l->data) && !cairn_window_is_blank (l->data))
      {
        const char *filename = cairn_journey_get_filename (cairn_window_get_journey (l->data));

        if (filename != NULL)
          cairn_portfolio_document_add_journey (document, filename);
        else
          unsaved++;
      }
  self = cairn_portfolio_window_new (application);
  cairn_portfolio_window_set_document (self, document);
  if (unsaved > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u unsaved journey is not in the portfolio: save it first",
                                                         "%u unsaved journeys are not in the portfolio: save them first",
                                                         unsaved),
                                               unsaved);
      cairn_portfolio_window_show_toast (self, text);
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
