/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cairn-journey.h"
#include "cairn-portfolio.h"
#include "cairn-scenario.h"

G_BEGIN_DECLS

/* The journey engine (DESIGN §5, §12) on a virtual clock: it runs a
 * journey over an input (scenario or replay) and writes the report (§7). */

typedef struct
{
  int        trace;               /* -1: scripted people only; 0: everyone; N: the first N known */
  gboolean   has_start, has_end;  /* --start / --end */
  guint      threads;             /* --threads; 0: one per core */
  CairnTime  start, end;
  void     (*progress) (double fraction, gpointer user_data);
  gpointer   progress_data;
} CairnSimOptions;

void  cairn_sim_options_init (CairnSimOptions *options);

/* Returns the report as JSON text (no trailing newline), or NULL with
 * @error set: a bad log line (CAIRN_ERROR_PARSE), cancellation
 * (G_IO_ERROR_CANCELLED). The journey must be valid. */
char *cairn_sim_run          (CairnJourney          *journey,
                              CairnInput            *input,
                              const CairnSimOptions *options,
                              GCancellable          *cancellable,
                              GError               **error);

/* Runs a portfolio's journeys together on the input (DESIGN §13) and
 * returns the cairn-portfolio-report as JSON text, or NULL with @error set
 * as cairn_sim_run (). Every journey must be valid. */
char *cairn_sim_run_portfolio (CairnPortfolio        *portfolio,
                               CairnInput            *input,
                               const CairnSimOptions *options,
                               GCancellable          *cancellable,
                               GError               **error);

G_END_DECLS
