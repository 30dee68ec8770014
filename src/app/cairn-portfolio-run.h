/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Simulates the portfolio file @portfolio_path on the scenario
 * @scenario_path off the main thread (DESIGN §13), and keeps the run in
 * the run store @store_path unless it is NULL (§9, PF7). The result is the
 * "cairn-portfolio-report" text; a portfolio or journey that does not
 * validate is CAIRN_ERROR_INVALID with the first error, located. */
typedef void (*CairnPortfolioRunProgress) (double   fraction,
                                           GObject *target);

/* @progress, when given, is called on the thread-default main context of
 * the caller with how far the run is (0 to 1), @target held meanwhile. */
void   cairn_portfolio_run_async  (const char          *portfolio_path,
                                   const char          *scenario_path,
                                   const char          *store_path,
                                   CairnPortfolioRunProgress progress,
                                   GObject             *target,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
char  *cairn_portfolio_run_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
