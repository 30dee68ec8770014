/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_PORTFOLIO_ENTRY (cairn_portfolio_entry_get_type ())
G_DECLARE_FINAL_TYPE (CairnPortfolioEntry, cairn_portfolio_entry, CAIRN, PORTFOLIO_ENTRY, GObject)

/* One journey of a portfolio, a row of its list: the file (absolute), the
 * text the portfolio wrote for it (NULL for a journey added here), and the
 * id and name read from the file (NULL id and a @problem when it did not
 * load). */
CairnPortfolioEntry *cairn_portfolio_entry_new         (const char          *path,
                                                        const char          *written);
const char          *cairn_portfolio_entry_get_path    (CairnPortfolioEntry *self);
const char          *cairn_portfolio_entry_get_written (CairnPortfolioEntry *self);
const char          *cairn_portfolio_entry_get_id      (CairnPortfolioEntry *self);
/* The journey's name, else its file's name. */
const char          *cairn_portfolio_entry_get_name    (CairnPortfolioEntry *self);
const char          *cairn_portfolio_entry_get_problem (CairnPortfolioEntry *self);

G_END_DECLS
