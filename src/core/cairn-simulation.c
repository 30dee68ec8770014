/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-scenario.h"
#include "cairn-json.h"
#include "cairn-portfolio.h"
#include "cairn-sim.h"
#include "cairn-store.h"
#include "cairn-simulation.h"
#include "cairn-validate.h"

void
cairn_simulation_options_init (CairnSimulationOptions *options)
{
  memset (options, 0, sizeof *options);
  options->seed_override = -1;
}

/* The input of a large run (a generated population of 100,000 users)
 * takes a tenth of a second to free: that is done on a thread of its own,
 * once the report is handed back, so that the designer shows the results
 * without waiting for it. Nothing in the input is shared with the report,
 * and its catalog's references are atomic. */
#define FREE_LATER_USERS 10000

static void
free_input (gpointer data,
            gpointer unused)
{
  cairn_input_free (data);
}

static void
free_input_later (CairnInput *input)
{
  static GThreadPool *pool;

  if (input == NULL)
    return;
  if (input->users->len < FREE_LATER_USERS)
    {
      cairn_input_free (input);
      return;
    }
  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (free_input, NULL, 1, FALSE, NULL));
  g_thread_pool_push (pool, input, NULL);
}

/* Validates @journey, then loads the scenario from @scenario_path, or from
 * @data when it is not NULL (@scenario_path then names it). */
static char *
run_scenario (CairnJourney                  *journey,
              const char                    *scenario_path,
              const char                    *data,
              gsize                          length,
              const CairnSimulationOptions  *options,
              GCancellable                  *cancellable,
              CairnSimulationProgress        progress,
              gpointer                       progress_data,
              CairnCatalog                 **catalog_out,
              GError                       **error)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CairnInput) input = NULL;
  gint64 seed = options ? options->seed_override : -1;
  guint threads = options ? options->threads : 0;
  CairnSimOptions sim_options;
  gint64 started;
  char *report;

  if (catalog_out)
    *catalog_out = NULL;
  diagnostics = cairn_validate (journey);
  if (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR) > 0)
    {
      guint n = cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR);
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The journey has %u error; fix it before simulating",
                                "The journey has %u errors; fix them before simulating", n), n);
      return NULL;
    }
  /* Both the population and the run on every core unless told otherwise:
     the report is the same for any number of threads. */
  if (data != NULL)
    input = cairn_input_new_scenario_data (data, length, scenario_path, seed, threads, error);
  else
    input = cairn_input_new_scenario_full (scenario_path, seed, threads, error);
  if (input == NULL)
    return NULL;

  cairn_sim_options_init (&sim_options);
  sim_options.progress = progress;
  sim_options.progress_data = progress_data;
  sim_options.threads = threads;
  started = g_get_monotonic_time ();
  report = cairn_sim_run (journey, input, &sim_options, cancellable, error);
  if (report == NULL)
    return NULL;
  /* Every run the designer makes is kept (DESIGN §9); a cancelled run
     never gets here, so nothing half-done is stored. */
  if (options != NULL && options->store_path != NULL)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(CairnStore) store = cairn_store_open (options->store_path, &local);
      g_autoptr(JsonNode) root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
      g_autofree char *hash = cairn_journey_content_hash (journey);

      if (store == NULL || root == NULL
          || !cairn_store_add_run (store, json_node_get_object (root), hash,
                                   (g_get_monotonic_time () - started) / 1e6, &local))
        g_warning ("The run was not kept: %s", local ? local->message : "unreadable report");
    }
  if (catalog_out && input->catalog)
    *catalog_out = cairn_catalog_ref (input->catalog);
  free_input_later (g_steal_pointer (&input));
  return report;
}

char *
cairn_simulation_run_scenario (CairnJourney                  *journey,
                               const char                    *scenario_path,
                               const CairnSimulationOptions  *options,
                               GCancellable                  *cancellable,
                               CairnSimulationProgress        progress,
                               gpointer                       progress_data,
                               CairnCatalog                 **catalog_out,
                               GError                       **error)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);
  g_return_val_if_fail (scenario_path != NULL, NULL);

  return run_scenario (journey, scenario_path, NULL, 0, options, cancellable,
                       progress, progress_data, catalog_out, error);
}

char *
cairn_simulation_run_scenario_data (CairnJourney                  *journey,
                                    const char                    *data,
                                    gsize                          length,
                                    const char                    *scenario_path,
                                    const CairnSimulationOptions  *options,
                                    GCancellable                  *cancellable,
                                    CairnSimulationProgress        progress,
                                    gpointer                       progress_data,
                                    CairnCatalog                 **catalog_out,
                                    GError                       **error)
{
  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (scenario_path != NULL, NULL);

  return run_scenario (journey, scenario_path, data, length, options, cancellable,
                       progress, progress_data, catalog_out, error);
}

char *
cairn_simulation_run_portfolio (const char                    *portfolio_path,
                                const char                    *scenario_path,
                                const CairnSimulationOptions  *options,
                                GCancellable                  *cancellable,
                                CairnSimulationProgress        progress,
                                gpointer                       progress_data,
                                GError                       **error)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  g_autoptr(CairnPortfolio) portfolio = NULL;
  g_autoptr(CairnInput) input = NULL;
  CairnSimOptions sim_options;
  gint64 started;
  guint n;
  char *report;

  g_return_val_if_fail (portfolio_path != NULL, NULL);
  g_return_val_if_fail (scenario_path != NULL, NULL);

  portfolio = cairn_portfolio_load_file (portfolio_path, diagnostics, error);
  if (portfolio == NULL)
    return NULL;
  n = cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR);
  if (n > 0 || portfolio->journeys->len == 0)
    {
      n = MAX (n, 1);
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The portfolio has %u error; fix it before simulating",
                                "The portfolio has %u errors; fix them before simulating", n), n);
      return NULL;
    }
  input = cairn_input_new_scenario_full (scenario_path, options ? options->seed_override : -1,
                                         options ? options->threads : 0, error);
  if (input == NULL)
    return NULL;

  cairn_sim_options_init (&sim_options);
  sim_options.progress = progress;
  sim_options.progress_data = progress_data;
  sim_options.threads = options ? options->threads : 0;
  started = g_get_monotonic_time ();
  report = cairn_sim_run_portfolio (portfolio, input, &sim_options, cancellable, error);
  if (report == NULL)
    return NULL;
  if (options != NULL && options->store_path != NULL)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(CairnStore) store = cairn_store_open (options->store_path, &local);
      g_autoptr(JsonNode) root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
      g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);

      for (guint j = 0; j < portfolio->journeys->len; j++)
        g_ptr_array_add (hashes, cairn_journey_content_hash (portfolio->journeys->pdata[j]));
      if (store == NULL || root == NULL
          || !cairn_store_add_portfolio_run (store, json_node_get_object (root), (const char *const *) hashes->pdata,
                                             (g_get_monotonic_time () - started) / 1e6, &local))
        g_warning ("The run was not kept: %s", local ? local->message : "unreadable report");
    }
  free_input_later (g_steal_pointer (&input));
  return report;
}
