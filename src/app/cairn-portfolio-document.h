/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cairn-portfolio-entry.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_PORTFOLIO_DOCUMENT (cairn_portfolio_document_get_type ())
G_DECLARE_FINAL_TYPE (CairnPortfolioDocument, cairn_portfolio_document, CAIRN, PORTFOLIO_DOCUMENT, GObject)

/* A "cairn-portfolio" document (DESIGN §13) as the designer edits it: the
 * JSON as read, members Cairn does not know kept, its journeys a list
 * model of CairnPortfolioEntry in priority order, and whether it has
 * changes not saved (property "modified"). */
CairnPortfolioDocument *cairn_portfolio_document_new            (void);
CairnPortfolioDocument *cairn_portfolio_document_load_file      (const char              *path,
                                                                 GError                 **error);
/* Whether the JSON file at @path says it is a portfolio (its `format`). */
gboolean                cairn_portfolio_document_is_portfolio_file (const char           *path);
/* Writes atomically, the journeys relative to @path's folder; the
 * document is then named @path and not modified. */
gboolean                cairn_portfolio_document_save_file      (CairnPortfolioDocument  *self,
                                                                 const char              *path,
                                                                 GError                 **error);
char                   *cairn_portfolio_document_to_data        (CairnPortfolioDocument  *self,
                                                                 const char              *path);
const char             *cairn_portfolio_document_get_filename   (CairnPortfolioDocument  *self);
const char             *cairn_portfolio_document_get_id         (CairnPortfolioDocument  *self);
const char             *cairn_portfolio_document_get_name       (CairnPortfolioDocument  *self);
void                    cairn_portfolio_document_set_name       (CairnPortfolioDocument  *self,
                                                                 const char              *name);
void                    cairn_portfolio_document_set_id         (CairnPortfolioDocument  *self,
                                                                 const char              *id);
gboolean                cairn_portfolio_document_get_modified   (CairnPortfolioDocument  *self);

/* The journeys, priority order (GListModel of CairnPortfolioEntry). */
GListModel             *cairn_portfolio_document_get_journeys   (CairnPortfolioDocument  *self);
void                    cairn_portfolio_document_add_journey    (CairnPortfolioDocument  *self,
                                                                 const char              *path);
void                    cairn_portfolio_document_remove_journey (CairnPortfolioDocument  *self,
                                                                 guint                    position);
/* Moves the journey at @from to @to (both positions in the list). */
void                    cairn_portfolio_document_move_journey   (CairnPortfolioDocument  *self,
                                                                 guint                    from,
                                                                 guint                    to);

/* The portfolio cap (PF4). Switched off it leaves the document; switched
 * on again it comes back as it was. @channels NULL or empty: every
 * channel (the member is left out). */
gboolean                cairn_portfolio_document_get_cap        (CairnPortfolioDocument  *self,
                                                                 gint64                  *max_messages,
                                                                 const char             **per,
                                                                 GStrv                   *channels);
void                    cairn_portfolio_document_set_cap_enabled (CairnPortfolioDocument *self,
                                                                  gboolean                enabled);
void                    cairn_portfolio_document_set_cap_max    (CairnPortfolioDocument  *self,
                                                                 gint64                   max_messages);
void                    cairn_portfolio_document_set_cap_per    (CairnPortfolioDocument  *self,
                                                                 const char              *per);
void                    cairn_portfolio_document_set_cap_channels (CairnPortfolioDocument *self,
                                                                   const char * const     *channels);

/* @path relative to the folder @dir ("../journeys/x.json"). */
char                   *cairn_portfolio_relative_path           (const char              *dir,
                                                                 const char              *path);

G_END_DECLS
