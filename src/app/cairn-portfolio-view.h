/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cairn-portfolio-document.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_PORTFOLIO_VIEW (cairn_portfolio_view_get_type ())
G_DECLARE_FINAL_TYPE (CairnPortfolioView, cairn_portfolio_view, CAIRN, PORTFOLIO_VIEW, GtkWidget)

/* A portfolio's side list: its journeys in priority order (drag and drop,
 * or portfolio.move-up / portfolio.move-down on the selected one), add and
 * remove, and the portfolio cap edited in place. ::journey-activated
 * (CairnPortfolioEntry *) on a double-click or Enter. */
GtkWidget              *cairn_portfolio_view_new              (void);
void                    cairn_portfolio_view_set_document     (CairnPortfolioView     *self,
                                                               CairnPortfolioDocument *document);
CairnPortfolioDocument *cairn_portfolio_view_get_document     (CairnPortfolioView     *self);
GtkListBox             *cairn_portfolio_view_get_journey_list (CairnPortfolioView     *self);
/* The selected journey's position, or -1. */
int                     cairn_portfolio_view_get_selected     (CairnPortfolioView     *self);
void                    cairn_portfolio_view_select           (CairnPortfolioView     *self,
                                                               guint                   position);
/* Moves by a drop: the journey at @from to where the row at @to is. */
void                    cairn_portfolio_view_drop             (CairnPortfolioView     *self,
                                                               guint                   from,
                                                               guint                   to);
/* The editors, for the tests */
AdwEntryRow            *cairn_portfolio_view_get_name_row     (CairnPortfolioView     *self);
AdwExpanderRow         *cairn_portfolio_view_get_cap_row      (CairnPortfolioView     *self);
GtkSpinButton          *cairn_portfolio_view_get_max_spin     (CairnPortfolioView     *self);
GtkWidget              *cairn_portfolio_view_get_per_row      (CairnPortfolioView     *self);
/* The check button of @channel (a §2 channel name). */
GtkCheckButton         *cairn_portfolio_view_get_channel_check (CairnPortfolioView    *self,
                                                                const char            *channel);

G_END_DECLS
