/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cairn-journey.h"
#include "cairn-time.h"

G_BEGIN_DECLS

/* A portfolio (DESIGN §13, format "cairn-portfolio" v1): several journeys
 * simulated together on one population and one timeline, in priority
 * order, with an optional cap on messages across all of them. */

typedef struct
{
  char          *path;          /* the portfolio file */
  char          *id;            /* may be NULL when invalid */
  char          *name;
  GPtrArray     *journeys;      /* CairnJourney*, priority order (only those that loaded) */
  GPtrArray     *journey_paths; /* char*, the resolved paths, as listed */
  gboolean       has_cap;
  gint64         cap_max;
  CairnDuration  cap_per;
  guint          cap_channels;  /* bit i: channel i of cairn_channels () */
} CairnPortfolio;

/* Whether the JSON file at @path is a "cairn-portfolio" document (by its
 * `format`); FALSE when it cannot be read. */
gboolean        cairn_portfolio_file_is_portfolio (const char      *path);

/* Loads a portfolio and the journeys it lists. Returns NULL with @error
 * set when the portfolio file, or a journey file that exists, cannot be
 * read or parsed (CAIRN_ERROR_IO, CAIRN_ERROR_PARSE). Otherwise appends to
 * @diagnostics (CairnDiagnostic*) the portfolio's problems (PF1, PF8,
 * PF13), located in the portfolio file, then each journey's (V), located
 * in its own file. The portfolio may be run only when no error was
 * added. */
CairnPortfolio *cairn_portfolio_load_file         (const char      *path,
                                                   GPtrArray       *diagnostics,
                                                   GError         **error);
void            cairn_portfolio_free              (CairnPortfolio  *portfolio);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnPortfolio, cairn_portfolio_free)

G_END_DECLS
