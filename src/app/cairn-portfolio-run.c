/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-diagnostic.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-portfolio-run.h"
#include "cairn-portfolio.h"
#include "cairn-sim.h"
#include "cairn-store.h"

/* The one place the designer calls the portfolio engine. */

/* Whose timelines the report carries besides the scripted personas
 * (--trace): every generated user of a population up to TRACE_ALL_UP_TO,
 * so that any of the busiest users can be looked at; of a larger one the
 * first TRACED_USERS only, so that the report of a million users stays
 * small enough to read on the main thread. */
#define TRACE_ALL_UP_TO 5000
#define TRACED_USERS 1000

typedef struct
{
  char                     *portfolio;
  char                     *scenario;
  char                     *store;
  CairnPortfolioRunProgress progress;
  GObject                  *target;
  GMainContext             *context;
  int                       permille;  /* the last fraction sent */
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->portfolio);
  g_free (data->scenario);
  g_free (data->store);
  g_clear_object (&data->target);
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  CairnPortfolioRunProgress progress;
  GObject                  *target;
  double                    fraction;
} Tick;

static gboolean
deliver_tick (gpointer data)
{
  Tick *tick = data;

  tick->progress (tick->fraction, tick->target);
  return G_SOURCE_REMOVE;
}

static void
tick_free (gpointer data)
{
  Tick *tick = data;

  g_object_unref (tick->target);
  g_free (tick);
}

/* On the worker: at most one message to the main context per ‰ */
static void
on_progress (double   fraction,
             gpointer user_data)
{
  RunData *data = user_data;
  int permille = (int) (CLAMP (fraction, 0, 1) * 1000);
  Tick *tick;

  if (permille == data->permille)
    return;
  data->permille = permille;
  tick = g_new0 (Tick, 1);
  tick->progress = data->progress;
  tick->target = g_object_ref (data->target);
  tick->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_tick, tick, tick_free);
}

static void
keep_run (CairnPortfolio *portfolio,
          const char     *report,
          const char     *store_path,
          double          duration)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_open (store_path, &error);
  g_autoptr(JsonNode) root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);

  for (guint j = 0; j < portfolio->journeys->len; j++)
    g_ptr_array_add (hashes, cairn_journey_content_hash (portfolio->journeys->pdata[j]));
  g_ptr_array_add (hashes, NULL);
  /* A run that cannot be kept is still shown. */
  if (store == NULL || root == NULL
      || !cairn_store_add_portfolio_run (store, json_node_get_object (root), (const char * const *) hashes->pdata,
                                         duration, &error))
    g_warning ("Run not kept in %s: %s", store_path, error ? error->message : "no report");
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  g_autoptr(CairnPortfolio) portfolio = NULL;
  g_autoptr(CairnInput) input = NULL;
  g_autoptr(GError) error = NULL;
  CairnSimOptions options;
  gint64 started = g_get_monotonic_time ();
  char *report;

  portfolio = cairn_portfolio_load_file (data->portfolio, diagnostics, &error);
  if (portfolio == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The first error says where to look (PF8); the journeys' own windows
     show the rest. */
  for (guint i = 0; i < diagnostics->len; i++)
    {
      CairnDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity == CAIRN_SEVERITY_ERROR)
        {
          g_autofree char *line = cairn_diagnostic_format (diagnostic);
          g_task_return_new_error (task, CAIRN_ERROR, CAIRN_ERROR_INVALID, "%s", line);
          return;
        }
    }
  if (portfolio->journeys->len == 0)
    {
      g_task_return_new_error (task, CAIRN_ERROR, CAIRN_ERROR_INVALID, "%s",
                               _("The portfolio has no journeys to simulate"));
      return;
    }
  input = cairn_input_new_scenario_full (data->scenario, -1, 0, &error);
  if (input == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cairn_sim_options_init (&options);
  options.trace = input->users->len <= TRACE_ALL_UP_TO ? 0 : TRACED_USERS;
  if (data->progress != NULL)
    {
      options.progress = on_progress;
      options.progress_data = data;
    }
  report = cairn_sim_run_portfolio (portfolio, input, &options, cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->store != NULL)
    keep_run (portfolio, report, data->store, (g_get_monotonic_time () - started) / 1e6);
  g_task_return_pointer (task, report, g_free);
}

void
cairn_portfolio_run_async (const char          *portfolio_path,
                           const char          *scenario_path,
                           const char          *store_path,
                           CairnPortfolioRunProgress progress,
                           GObject             *target,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (portfolio_path != NULL);
  g_return_if_fail (scenario_path != NULL);

  data = g_new0 (RunData, 1);
  data->portfolio = g_strdup (portfolio_path);
  data->scenario = g_strdup (scenario_path);
  data->store = g_strdup (store_path);
  data->progress = progress;
  data->target = target && progress ? g_object_ref (target) : NULL;
  data->context = g_main_context_ref_thread_default ();
  data->permille = -1;
  if (data->target == NULL)
    data->progress = NULL;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cairn_portfolio_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

char *
cairn_portfolio_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
