/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cairn-collisions-view.h"
#include "cairn-portfolio-document.h"
#include "cairn-portfolio-view.h"
#include "cairn-window.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_PORTFOLIO_WINDOW (cairn_portfolio_window_get_type ())
G_DECLARE_FINAL_TYPE (CairnPortfolioWindow, cairn_portfolio_window, CAIRN, PORTFOLIO_WINDOW, AdwApplicationWindow)

/* A portfolio document (DESIGN §13): its journeys and cap on the side,
 * the Collisions page of its last run beside them. */
CairnPortfolioWindow   *cairn_portfolio_window_new            (GtkApplication        *application);
/* Opens the portfolio at @path in a new window, presented. */
CairnPortfolioWindow   *cairn_portfolio_window_open           (GtkApplication        *application,
                                                               const char            *path,
                                                               GError               **error);
/* A new, unsaved portfolio of the saved journeys open in @application's
 * windows, presented. */
CairnPortfolioWindow   *cairn_portfolio_window_new_from_open_journeys (GtkApplication *application);
void                    cairn_portfolio_window_set_document   (CairnPortfolioWindow  *self,
                                                               CairnPortfolioDocument *document);
CairnPortfolioDocument *cairn_portfolio_window_get_document   (CairnPortfolioWindow  *self);
CairnPortfolioView     *cairn_portfolio_window_get_view       (CairnPortfolioWindow  *self);
CairnCollisionsView    *cairn_portfolio_window_get_collisions (CairnPortfolioWindow  *self);
gboolean                cairn_portfolio_window_save_file      (CairnPortfolioWindow  *self,
                                                               const char            *path,
                                                               GError               **error);
/* Shows a cairn-portfolio-report file on the Collisions page. */
gboolean                cairn_portfolio_window_load_report    (CairnPortfolioWindow  *self,
                                                               const char            *path,
                                                               GError               **error);
/* Where runs are kept (DESIGN §9); NULL keeps none. By default the
 * store the journey windows use. */
void                    cairn_portfolio_window_set_store_path (CairnPortfolioWindow *self,
                                                               const char           *path);
void                    cairn_portfolio_window_set_scenario   (CairnPortfolioWindow  *self,
                                                               const char            *path);
/* Opens the journey at @position on its canvas, with the last run's
 * counts of that journey; returns its window. */
CairnWindow            *cairn_portfolio_window_open_journey   (CairnPortfolioWindow  *self,
                                                               guint                  position);
void                    cairn_portfolio_window_show_toast     (CairnPortfolioWindow  *self,
                                                               const char            *message);

G_END_DECLS
