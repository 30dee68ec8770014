/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cairn-catalog.h"
#include "cairn-journey.h"
#include "cairn-time.h"

G_BEGIN_DECLS

/* One call from a journey and a scenario file to a report, for front ends
 * that do not need the engine's pieces (the designer). */

typedef void (*CairnSimulationProgress) (double   fraction,
                                         gpointer user_data);

typedef struct
{
  gint64      seed_override;   /* < 0: the scenario's seed */
  const char *store_path;      /* keep the run in this run store, or NULL */
  guint       threads;         /* 0: the number of cores */
} CairnSimulationOptions;

void   cairn_simulation_options_init  (CairnSimulationOptions        *options);

/* Validates the journey (errors → CAIRN_ERROR_INVALID listing them), loads
 * the scenario, runs it and returns the report (DESIGN §7) as JSON text.
 * @catalog_out, when not NULL, receives the scenario's catalog (or NULL).
 * Cancelling returns G_IO_ERROR_CANCELLED and stores nothing. */
char  *cairn_simulation_run_scenario  (CairnJourney                  *journey,
                                       const char                    *scenario_path,
                                       const CairnSimulationOptions  *options,
                                       GCancellable                  *cancellable,
                                       CairnSimulationProgress        progress,
                                       gpointer                       progress_data,
                                       CairnCatalog                 **catalog_out,
                                       GError                       **error);

/* The same from the scenario's text, as if read from @scenario_path (the
 * name in messages and the folder of a relative catalog), which is not
 * read: the designer runs unsaved personas without a temporary file. */
char  *cairn_simulation_run_scenario_data (CairnJourney                  *journey,
                                           const char                    *data,
                                           gsize                          length,
                                           const char                    *scenario_path,
                                           const CairnSimulationOptions  *options,
                                           GCancellable                  *cancellable,
                                           CairnSimulationProgress        progress,
                                           gpointer                       progress_data,
                                           CairnCatalog                 **catalog_out,
                                           GError                       **error);

/* The same for a portfolio (DESIGN §13): loads and validates it and its
 * journeys (errors → CAIRN_ERROR_INVALID), runs the scenario and returns
 * the cairn-portfolio-report; with a store, keeps one run per journey plus
 * the collisions. */
char  *cairn_simulation_run_portfolio (const char                    *portfolio_path,
                                       const char                    *scenario_path,
                                       const CairnSimulationOptions  *options,
                                       GCancellable                  *cancellable,
                                       CairnSimulationProgress        progress,
                                       gpointer                       progress_data,
                                       GError                       **error);

G_END_DECLS
