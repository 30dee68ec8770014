/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <inttypes.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cairn-error.h"
#include "cairn-history-run.h"
#include "cairn-json.h"
#include "cairn-persona-editor.h"
#include "cairn-report-view.h"
#include "cairn-scenario.h"
#include "cairn-quick-scenario.h"
#include "cairn-simulation.h"
#include "cairn-simulation-panel.h"
#include "cairn-timeline-view.h"
#include "cairn-time-scrubber.h"
#include "cairn-compare.h"
#include "cairn-store.h"

struct _CairnSimulationPanel
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkWidget    *scenario_button;
  GtkWidget    *seed_spin;
  GtkWidget    *run_button;
  GtkWidget    *cancel_button;
  GtkWidget    *progress;
  GtkWidget    *status;
  GtkWidget    *message;   /* a long status, whole, below the bar */
  GtkWidget    *stack;
  GtkWidget    *report_view;
  GtkWidget    *timeline_view;
  GtkWidget    *scrubber;
  GtkWidget    *history_list;
  GtkWidget    *compare_button;
  GtkWidget    *compare_view;
  GtkWidget    *compare_label;
  GtkWidget    *persona_editor;
  AdwViewStackPage *personas_page;
  gboolean      loading_scenario;
  GListStore   *history;          /* CairnHistoryRun, the rows of history_list */
  char         *pending_scenario; /* chosen while the personas had changes */

  CairnJourney *journey;
  gulong        changed_id;
  char         *scenario;
  char         *store_path;
  JsonObject   *report;
  gboolean      stale;

  GCancellable *cancellable;
  guint         progress_source;
  gint          progress_permille;   /* written by the worker, atomically */
};

enum { REPORT_READY, NODE_ACTIVATED, PERSON_SELECTED, RUNNING, POSITIONS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CairnSimulationPanel, cairn_simulation_panel, GTK_TYPE_WIDGET)

typedef struct
{
  JsonNode             *journey;   /* a deep copy: the user may edit meanwhile */
  char                 *journey_filename;
  char                 *scenario;  /* the file, or what names @data */
  char                 *data;      /* unsaved personas' text, or NULL */
  char                 *display;   /* then their name in messages */
  gint64                seed;
  char                 *store_path;
  CairnSimulationPanel *panel;     /* only for the progress counter */
  CairnCatalog         *catalog;   /* out */
} RunData;

static void
run_data_free (RunData *data)
{
  json_node_unref (data->journey);
  g_free (data->journey_filename);
  g_free (data->scenario);
  g_free (data->data);
  g_free (data->display);
  g_free (data->store_path);
  g_clear_pointer (&data->catalog, cairn_catalog_unref);
  g_free (data);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  CairnSimulationPanel *self = user_data;
  g_atomic_int_set (&self->progress_permille, (gint) (fraction * 1000));
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(CairnJourney) journey = cairn_journey_new_from_json (data->journey, data->journey_filename);
  g_autoptr(GError) error = NULL;
  CairnSimulationOptions options = { 0 };
  char *report;

  cairn_simulation_options_init (&options);
  options.seed_override = data->seed;
  options.store_path = data->store_path;
  if (data->data != NULL)
    report = cairn_simulation_run_scenario_data (journey, data->data, strlen (data->data), data->scenario,
                                                 &options, cancellable, on_progress, data->panel,
                                                 &data->catalog, &error);
  else
    report = cairn_simulation_run_scenario (journey, data->scenario, &options, cancellable,
                                            on_progress, data->panel, &data->catalog, &error);
  if (data->data != NULL)
    {
      /* Positions in the text are positions in what Save would write. */
      if (error != NULL && strstr (error->message, data->scenario) != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (error->message, data->scenario, -1);
          g_autofree char *message = g_strjoinv (data->display, parts);
          g_free (error->message);
          error->message = g_steal_pointer (&message);
        }
    }
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_free);
}

static gboolean
update_progress (gpointer user_data)
{
  CairnSimulationPanel *self = user_data;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress),
                                 g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
set_running (CairnSimulationPanel *self,
             gboolean              running)
{
  gtk_widget_set_visible (self->run_button, !running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (self->progress, running);
  gtk_widget_set_sensitive (self->scenario_button, !running);
  gtk_widget_set_sensitive (self->seed_spin, !running);
  if (running)
    {
      g_atomic_int_set (&self->progress_permille, 0);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0);
      self->progress_source = g_timeout_add (100, update_progress, self);
    }
  else
    g_clear_handle_id (&self->progress_source, g_source_remove);
  g_signal_emit (self, signals[RUNNING], 0, running);
}

static void
set_status (CairnSimulationPanel *self,
            const char           *text)
{
  /* A long message (an error, mostly) goes on a line of its own below the
     bar, where it wraps: in the bar it would be cut off. */
  gboolean long_text = text != NULL && g_utf8_strlen (text, -1) > 40;

  gtk_label_set_text (GTK_LABEL (self->status), text != NULL && !long_text ? text : "");
  gtk_inscription_set_text (GTK_INSCRIPTION (self->message), long_text ? text : NULL);
  gtk_widget_set_tooltip_text (self->message, long_text ? text : NULL);
  gtk_widget_set_visible (self->message, long_text);
}

static void
show_report (CairnSimulationPanel *self,
             JsonObject           *report,
             CairnCatalog         *catalog)
{
  g_clear_pointer (&self->report, json_object_unref);
  if (report)
    self->report = json_object_ref (report);
  self->stale = FALSE;
  cairn_report_view_set_report (CAIRN_REPORT_VIEW (self->report_view), report);
  cairn_timeline_view_set_report (CAIRN_TIMELINE_VIEW (self->timeline_view), report, catalog);
  cairn_time_scrubber_set_report (CAIRN_TIME_SCRUBBER (self->scrubber), report);
  gtk_widget_set_visible (self->scrubber, report != NULL);
  if (report == NULL)
    g_signal_emit (self, signals[POSITIONS_CHANGED], 0, NULL);
  g_signal_emit (self, signals[REPORT_READY], 0, report);
}

/* Run history (DESIGN §9) */

static GArray *
checked_runs (CairnSimulationPanel *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->history)); i++)
    {
      g_autoptr(CairnHistoryRun) run = g_list_model_get_item (G_LIST_MODEL (self->history), i);
      if (cairn_history_run_get_ticked (run))
        {
          gint64 id = cairn_history_run_get_id (run);
          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static void
on_check_toggled (CairnSimulationPanel *self)
{
  g_autoptr(GArray) ids = checked_runs (self);
  gtk_widget_set_sensitive (self->compare_button, ids->len == 2);
}

static GtkWidget *
history_row_new (gpointer item,
                 gpointer user_data)
{
  CairnHistoryRun *run = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cairn_history_run_get_title (run));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cairn_history_run_get_subtitle (run));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_bind_property (run, "ticked", check, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return row;
}

static void
refresh_history (CairnSimulationPanel *self)
{
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->store_path != NULL && g_file_test (self->store_path, G_FILE_TEST_EXISTS))
    store = cairn_store_open (self->store_path, NULL);
  runs = store ? cairn_store_list_runs (store, NULL) : NULL;
  for (guint i = 0; runs && i < runs->len && i < 200; i++)
    {
      CairnRunInfo *info = g_ptr_array_index (runs, i);
      g_autofree char *title = g_strdup_printf (_("Run %" PRId64 " · %s · %s"), info->id,
                                                info->journey ? info->journey : "",
                                                info->scenario ? info->scenario : _("replay"));
      g_autofree char *subtitle = g_strdup_printf (_("%s · seed %" PRIu64 " · %" PRId64
                                                     " entered · %.2f s"),
                                                   info->created, info->seed, info->entered, info->duration);
      CairnHistoryRun *run = cairn_history_run_new (info->id, title, subtitle);

      g_signal_connect_object (run, "notify::ticked", G_CALLBACK (on_check_toggled), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (items, run);
    }
  g_list_store_splice (self->history, 0, g_list_model_get_n_items (G_LIST_MODEL (self->history)),
                       items->pdata, items->len);
  on_check_toggled (self);
}

static void
on_compare (CairnSimulationPanel *self)
{
  g_autoptr(GArray) ids = checked_runs (self);
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(JsonNode) ra = NULL;
  g_autoptr(JsonNode) rb = NULL;
  g_autofree char *table = NULL;
  g_autofree char *la = NULL;
  g_autofree char *lb = NULL;
  g_autofree char *summary = NULL;
  guint n = 0;

  if (ids->len != 2)
    return;
  /* Older run first */
  la = g_strdup_printf (_("run %" PRId64), MIN (g_array_index (ids, gint64, 0), g_array_index (ids, gint64, 1)));
  lb = g_strdup_printf (_("run %" PRId64), MAX (g_array_index (ids, gint64, 0), g_array_index (ids, gint64, 1)));
  store = cairn_store_open (self->store_path, &error);
  if (store)
    a = cairn_store_get_report (store, MIN (g_array_index (ids, gint64, 0), g_array_index (ids, gint64, 1)), &error);
  if (a)
    b = cairn_store_get_report (store, MAX (g_array_index (ids, gint64, 0), g_array_index (ids, gint64, 1)), &error);
  if (b)
    {
      ra = cairn_json_parse (a, strlen (a), NULL, NULL, &error);
      rb = ra ? cairn_json_parse (b, strlen (b), NULL, NULL, &error) : NULL;
    }
  if (rb == NULL)
    {
      set_status (self, error ? error->message : _("The runs could not be read"));
      return;
    }
  table = cairn_report_compare_text (json_node_get_object (ra), json_node_get_object (rb), la, lb, &n);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->compare_view)), table, -1);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u difference, marked with *",
                                          "%u differences, marked with *", n), n);
  gtk_label_set_text (GTK_LABEL (self->compare_label), summary);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CairnSimulationPanel) self = user_data;
  RunData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(JsonNode) root = NULL;

  /* The panel was taken apart meanwhile (its dispose cancelled the run):
     its widgets are gone, and nobody waits for the result. */
  if (self->cancellable == NULL || self->cancellable != g_task_get_cancellable (G_TASK (result)))
    return;
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);

  if (text == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, CAIRN_ERROR, CAIRN_ERROR_CANCELLED))
        set_status (self, _("Cancelled; nothing was kept"));
      else
        set_status (self, error->message);
      return;
    }

  root = cairn_json_parse (text, strlen (text), "report", NULL, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_status (self, error ? error->message : _("The engine returned an unreadable report"));
      return;
    }
  set_status (self, NULL);
  show_report (self, json_node_get_object (root), data->catalog);
  refresh_history (self);
}

void
cairn_simulation_panel_run (CairnSimulationPanel *self)
{
  g_autoptr(GTask) task = NULL;
  CairnPersonaEditor *editor;
  gboolean unsaved;
  RunData *data;

  g_return_if_fail (CAIRN_IS_SIMULATION_PANEL (self));

  if (self->cancellable != NULL || self->journey == NULL)
    return;
  editor = CAIRN_PERSONA_EDITOR (self->persona_editor);
  unsaved = cairn_persona_editor_get_model (editor) != NULL
            && (cairn_persona_editor_get_modified (editor) || cairn_persona_editor_get_filename (editor) == NULL);
  if (self->scenario == NULL && !unsaved)
    {
      set_status (self, _("Choose a scenario first"));
      return;
    }

  data = g_new0 (RunData, 1);
  data->journey = cairn_json_deep_copy (cairn_journey_get_root (self->journey));
  data->journey_filename = g_strdup (cairn_journey_get_filename (self->journey));
  if (unsaved)
    {
      /* The next run uses the personas as edited, saved or not: their
         text goes to the engine as if read from their file, whose folder
         a relative catalog path is read from. */
      const char *filename = cairn_persona_editor_get_filename (editor);
      g_autofree char *base = filename ? g_path_get_basename (filename) : g_strdup ("scenario.json");
      g_autofree char *dir = filename ? g_path_get_dirname (filename) : g_get_current_dir ();

      data->scenario = g_build_filename (dir, base, NULL);
      data->display = g_strdup_printf (_("%s (unsaved)"), base);
      data->data = cairn_persona_editor_to_data (editor, dir);
      if (data->data == NULL)
        {
          set_status (self, _("The scenario could not be written"));
          run_data_free (data);
          return;
        }
    }
  else
    data->scenario = g_strdup (self->scenario);
  data->seed = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->seed_spin));
  data->store_path = g_strdup (self->store_path);
  data->panel = self;

  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  set_status (self, _("Simulating…"));

  task = g_task_new (NULL, self->cancellable, run_done, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

void
cairn_simulation_panel_cancel (CairnSimulationPanel *self)
{
  g_return_if_fail (CAIRN_IS_SIMULATION_PANEL (self));
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

gboolean
cairn_simulation_panel_is_running (CairnSimulationPanel *self)
{
  g_return_val_if_fail (CAIRN_IS_SIMULATION_PANEL (self), FALSE);
  return self->cancellable != NULL;
}

static void
on_journey_changed (CairnJourney         *journey,
                    CairnSimulationPanel *self)
{
  if (self->report != NULL && !self->stale)
    {
      self->stale = TRUE;
      set_status (self, _("The journey changed since this run: results are stale"));
    }
}

void
cairn_simulation_panel_set_journey (CairnSimulationPanel *self,
                                    CairnJourney         *journey)
{
  g_return_if_fail (CAIRN_IS_SIMULATION_PANEL (self));

  if (self->journey == journey)
    return;
  if (self->journey)
    g_clear_signal_handler (&self->changed_id, self->journey);
  g_set_object (&self->journey, journey);
  if (journey)
    self->changed_id = g_signal_connect (journey, "changed", G_CALLBACK (on_journey_changed), self);
  cairn_persona_editor_set_journey (CAIRN_PERSONA_EDITOR (self->persona_editor), journey);
  show_report (self, NULL, NULL);
}

static void
update_scenario_label (CairnSimulationPanel *self)
{
  CairnPersonaEditor *editor = CAIRN_PERSONA_EDITOR (self->persona_editor);
  g_autofree char *base = self->scenario ? g_path_get_basename (self->scenario) : NULL;
  g_autofree char *label = NULL;

  /* The name without ".json": shorter, and every scenario is JSON */
  if (base != NULL && g_str_has_suffix (base, ".json") && strlen (base) > 5)
    base[strlen (base) - 5] = '\0';

  if (cairn_persona_editor_get_model (editor) != NULL && cairn_persona_editor_get_filename (editor) == NULL)
    label = g_strdup (_("New Scenario •"));
  else if (base && cairn_persona_editor_get_modified (editor))
    label = g_strdup_printf ("%s •", base);
  else
    label = g_strdup (base ? base : _("Choose Scenario…"));
  gtk_button_set_label (GTK_BUTTON (self->scenario_button), label);
  /* A long file name does not widen the bar, and with it the window */
  if (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (self->scenario_button))))
    {
      GtkLabel *child = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->scenario_button)));
      gtk_label_set_ellipsize (child, PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (child, 20);
    }
  gtk_widget_set_tooltip_text (self->scenario_button, cairn_persona_editor_get_modified (editor)
                               ? _("The personas have unsaved changes; the next run uses them")
                               : _("The personas and events to run through the journey"));
}

void
cairn_simulation_panel_set_scenario (CairnSimulationPanel *self,
                                     const char           *path)
{
  g_return_if_fail (CAIRN_IS_SIMULATION_PANEL (self));
  g_free (self->scenario);
  self->scenario = g_strdup (path);
  /* The Personas page edits what was chosen */
  self->loading_scenario = TRUE;
  if (path != NULL)
    cairn_persona_editor_load_file (CAIRN_PERSONA_EDITOR (self->persona_editor), path, NULL);
  self->loading_scenario = FALSE;
  update_scenario_label (self);
  /* Start from the scenario's own seed, as the editor just read it; the
     user may change it. */
  if (path != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->seed_spin),
                               cairn_persona_editor_get_seed (CAIRN_PERSONA_EDITOR (self->persona_editor)));
}

const char *
cairn_simulation_panel_get_scenario (CairnSimulationPanel *self)
{
  g_return_val_if_fail (CAIRN_IS_SIMULATION_PANEL (self), NULL);
  return self->scenario;
}

void
cairn_simulation_panel_set_seed (CairnSimulationPanel *self,
                                 gint64                seed)
{
  g_return_if_fail (CAIRN_IS_SIMULATION_PANEL (self));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->seed_spin), seed);
}

void
cairn_simulation_panel_set_store_path (CairnSimulationPanel *self,
                                       const char           *path)
{
  g_return_if_fail (CAIRN_IS_SIMULATION_PANEL (self));
  g_free (self->store_path);
  self->store_path = g_strdup (path);
  refresh_history (self);
}

JsonObject *
cairn_simulation_panel_get_report (CairnSimulationPanel *self)
{
  g_return_val_if_fail (CAIRN_IS_SIMULATION_PANEL (self), NULL);
  return self->report;
}

gboolean
cairn_simulation_panel_get_stale (CairnSimulationPanel *self)
{
  g_return_val_if_fail (CAIRN_IS_SIMULATION_PANEL (self), FALSE);
  return self->stale;
}

GtkWidget *
cairn_simulation_panel_get_report_view (CairnSimulationPanel *self)
{
  return self->report_view;
}

GtkWidget *
cairn_simulation_panel_get_timeline_view (CairnSimulationPanel *self)
{
  return self->timeline_view;
}

static void
csv_field (GString    *out,
           const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
join_array (JsonArray *array)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (i)
        g_string_append_c (out, ' ');
      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_string_append (out, json_node_get_string (element));
    }
  return g_string_free (out, FALSE);
}

gboolean
cairn_simulation_panel_export (CairnSimulationPanel  *self,
                               const char            *path,
                               gboolean               as_csv,
                               GError               **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *people;

  g_return_val_if_fail (CAIRN_IS_SIMULATION_PANEL (self), FALSE);

  if (self->report == NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_FAILED, _("There is no simulation to export yet"));
      return FALSE;
    }
  if (!as_csv)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;
      json_node_set_object (node, self->report);
      text = cairn_json_to_string (node, TRUE);
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  else
    {
      g_string_append (out, "id,entries,outcome,path,goals,messages\r\n");
      people = cairn_json_get_array (self->report, "people");
      for (guint i = 0; people && i < json_array_get_length (people); i++)
        {
          JsonObject *person = json_array_get_object_element (people, i);
          g_autofree char *path_text = join_array (cairn_json_get_array (person, "path"));
          g_autofree char *goals = join_array (cairn_json_get_array (person, "goals"));
          JsonArray *messages = cairn_json_get_array (person, "messages");
          double entries = 0;

          cairn_json_get_number (person, "entries", &entries);
          csv_field (out, cairn_json_get_string (person, "id"));
          g_string_append_printf (out, ",%.0f,", entries);
          csv_field (out, cairn_json_get_string (person, "outcome"));
          g_string_append_c (out, ',');
          csv_field (out, path_text);
          g_string_append_c (out, ',');
          csv_field (out, goals);
          g_string_append_printf (out, ",%u\r\n", messages ? json_array_get_length (messages) : 0);
        }
    }
  return cairn_file_write_atomic (path, out->str, out->len, error);
}

static void
on_discard_response (AdwMessageDialog     *dialog,
                     const char           *response,
                     CairnSimulationPanel *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      g_autofree char *path = g_steal_pointer (&self->pending_scenario);
      cairn_simulation_panel_set_scenario (self, path);
    }
}

static void
on_scenario_chosen (GtkNativeDialog      *dialog,
                    int                   response,
                    CairnSimulationPanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      /* Another scenario replaces the personas being edited */
      if (cairn_persona_editor_get_modified (CAIRN_PERSONA_EDITOR (self->persona_editor)))
        {
          GtkWidget *ask = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   _("Discard Unsaved Personas?"),
                                                   _("The personas have changes that are not saved in a scenario file."));
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "cancel", _("_Cancel"),
                                            "discard", _("_Discard"), NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "discard", ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "cancel");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");
          g_free (self->pending_scenario);
          self->pending_scenario = g_steal_pointer (&path);
          g_signal_connect_object (ask, "response", G_CALLBACK (on_discard_response), self, 0);
          gtk_window_present (GTK_WINDOW (ask));
        }
      else
        cairn_simulation_panel_set_scenario (self, path);
    }
  g_object_unref (dialog);
}

static void
on_scenario_clicked (GtkButton            *button,
                     CairnSimulationPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose a Scenario"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Scenarios (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (self->scenario != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->scenario);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), parent, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_scenario_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_chosen (GtkNativeDialog      *dialog,
                  int                   response,
                  CairnSimulationPanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean csv = g_str_has_suffix (path, ".csv");

      if (!cairn_simulation_panel_export (self, path, csv, &error))
        set_status (self, error->message);
      else
        set_status (self, csv ? _("People exported as CSV") : _("Report exported"));
    }
  g_object_unref (dialog);
}

static void
on_export_clicked (GtkButton            *button,
                   CairnSimulationPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  if (self->report == NULL)
    {
      set_status (self, _("There is no simulation to export yet"));
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Export Report"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (json, _("Report (JSON)"));
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_filter_set_name (csv, _("People (CSV)"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "report.json");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The Personas page */

static void
on_personas_modified (CairnSimulationPanel *self)
{
  gboolean modified = cairn_persona_editor_get_modified (CAIRN_PERSONA_EDITOR (self->persona_editor));

  adw_view_stack_page_set_needs_attention (self->personas_page, modified);
  update_scenario_label (self);
}

static void
on_personas_filename (CairnSimulationPanel *self)
{
  const char *filename = cairn_persona_editor_get_filename (CAIRN_PERSONA_EDITOR (self->persona_editor));

  /* Saved under another name: later runs read that file. */
  if (self->loading_scenario || filename == NULL || g_strcmp0 (filename, self->scenario) == 0)
    return;
  g_free (self->scenario);
  self->scenario = g_strdup (filename);
  update_scenario_label (self);
}

static void
on_personas_seed (CairnSimulationPanel *self)
{
  if (cairn_persona_editor_get_model (CAIRN_PERSONA_EDITOR (self->persona_editor)) != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->seed_spin),
                               cairn_persona_editor_get_seed (CAIRN_PERSONA_EDITOR (self->persona_editor)));
}

GtkWidget *
cairn_simulation_panel_get_persona_editor (CairnSimulationPanel *self)
{
  g_return_val_if_fail (CAIRN_IS_SIMULATION_PANEL (self), NULL);
  return self->persona_editor;
}

static void
on_positions (GtkWidget            *scrubber,
              GHashTable           *positions,
              CairnSimulationPanel *self)
{
  g_signal_emit (self, signals[POSITIONS_CHANGED], 0, positions);
}

static void
on_node_activated (GtkWidget            *view,
                   const char           *node,
                   CairnSimulationPanel *self)
{
  g_signal_emit (self, signals[NODE_ACTIVATED], 0, node);
}

static void
on_person_selected (GtkWidget            *view,
                    const char           *id,
                    GStrv                 path,
                    CairnSimulationPanel *self)
{
  g_signal_emit (self, signals[PERSON_SELECTED], 0, id, path);
}

static void
cairn_simulation_panel_dispose (GObject *object)
{
  CairnSimulationPanel *self = CAIRN_SIMULATION_PANEL (object);

  /* A run under way ends on its own; its end finds no panel to show */
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->journey)
    g_clear_signal_handler (&self->changed_id, self->journey);
  g_clear_object (&self->journey);
  g_clear_pointer (&self->report, json_object_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_SIMULATION_PANEL);
  G_OBJECT_CLASS (cairn_simulation_panel_parent_class)->dispose (object);
}

static void
cairn_simulation_panel_finalize (GObject *object)
{
  CairnSimulationPanel *self = CAIRN_SIMULATION_PANEL (object);

  g_free (self->scenario);
  g_free (self->store_path);
  g_free (self->pending_scenario);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (cairn_simulation_panel_parent_class)->finalize (object);
}

static void
choose_scenario_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  on_scenario_clicked (NULL, CAIRN_SIMULATION_PANEL (widget));
}

/* A scenario made from the journey, then run */
static void
quick_scenario_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CairnSimulationPanel *self = CAIRN_SIMULATION_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->journey == NULL || self->cancellable != NULL)
    return;
  path = cairn_quick_scenario_write (self->journey, &error);
  if (path == NULL)
    {
      set_status (self, error->message);
      return;
    }
  cairn_simulation_panel_set_scenario (self, path);
  cairn_simulation_panel_run (self);
}

static void
cairn_simulation_panel_class_init (CairnSimulationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_simulation_panel_dispose;
  object_class->finalize = cairn_simulation_panel_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  g_type_ensure (CAIRN_TYPE_PERSONA_EDITOR);
  g_type_ensure (CAIRN_TYPE_REPORT_VIEW);
  g_type_ensure (CAIRN_TYPE_TIMELINE_VIEW);
  g_type_ensure (CAIRN_TYPE_TIME_SCRUBBER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-simulation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, box);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, scenario_button);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, run_button);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, progress);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, status);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, message);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, report_view);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, scrubber);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, history_list);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, compare_button);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, compare_view);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, compare_label);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, persona_editor);
  gtk_widget_class_bind_template_child (widget_class, CairnSimulationPanel, personas_page);
  gtk_widget_class_bind_template_callback (widget_class, on_scenario_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cairn_simulation_panel_run);
  gtk_widget_class_bind_template_callback (widget_class, cairn_simulation_panel_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_positions);
  gtk_widget_class_bind_template_callback (widget_class, on_node_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_person_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_compare);
  gtk_widget_class_bind_template_callback (widget_class, on_personas_modified);
  gtk_widget_class_bind_template_callback (widget_class, on_personas_filename);
  gtk_widget_class_bind_template_callback (widget_class, on_personas_seed);
  gtk_widget_class_install_action (widget_class, "panel.choose-scenario", NULL, choose_scenario_action);
  gtk_widget_class_install_action (widget_class, "panel.quick-scenario", NULL, quick_scenario_action);

  signals[REPORT_READY] = g_signal_new ("report-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PERSON_SELECTED] = g_signal_new ("person-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);
  signals[POSITIONS_CHANGED] = g_signal_new ("positions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);
  signals[RUNNING] = g_signal_new ("running", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
cairn_simulation_panel_init (CairnSimulationPanel *self)
{
  self->history = g_list_store_new (CAIRN_TYPE_HISTORY_RUN);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->history_list), G_LIST_MODEL (self->history),
                           history_row_new, self, NULL);
  update_scenario_label (self);
}

GtkWidget *
cairn_simulation_panel_new (void)
{
  return g_object_new (CAIRN_TYPE_SIMULATION_PANEL, NULL);
}
