/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The run store (DESIGN §9): SQLite in WAL mode, its schema versioned with
 * PRAGMA user_version and migrated forward on open. */
typedef struct _CairnStore CairnStore;

typedef struct
{
  gint64  id;
  char   *journey;
  char   *journey_hash;
  char   *scenario;      /* NULL for a replay */
  guint64 seed;
  char   *created;       /* RFC 3339, UTC */
  double  duration;      /* seconds */
  gint64  users, events, entered;
} CairnRunInfo;

#define CAIRN_STORE_SCHEMA_VERSION 2

CairnStore *cairn_store_open        (const char    *path,
                                     GError       **error);
/* Only to read (list, show, compare): see cairn-store.c. */
CairnStore *cairn_store_open_readonly (const char  *path,
                                       GError     **error);
void        cairn_store_close       (CairnStore    *store);
/* Keeps a run: its totals, nodes, edges, channels, goals and people, and
 * the whole report, in one transaction. Returns the run id, or 0. */
gint64      cairn_store_add_run     (CairnStore    *store,
                                     JsonObject    *report,
                                     const char    *journey_hash,
                                     double         duration,
                                     GError       **error);
/* Keeps a portfolio's run (DESIGN §13 PF7): one run per journey body of
 * @report, in priority order, with @journey_hashes[j] (may be NULL), and
 * its collisions, in one transaction. Returns the portfolio run's id, or 0. */
gint64      cairn_store_add_portfolio_run    (CairnStore        *store,
                                              JsonObject        *report,
                                              const char *const *journey_hashes,
                                              double             duration,
                                              GError           **error);
/* Newest first, as CairnRunInfo: `journey` is the portfolio's id and
 * `entered` the number of messages sent. */
GPtrArray  *cairn_store_list_portfolio_runs  (CairnStore        *store,
                                              GError           **error);
/* A kept portfolio run as JSON text: "portfolio", "scenario", "seed",
 * "users", "events", "collisions" and "journeys" (id → report), or NULL. */
char       *cairn_store_get_portfolio_report (CairnStore        *store,
                                              gint64             id,
                                              GError           **error);
/* Newest first. CairnRunInfo*; free with cairn_run_info_free. */
GPtrArray  *cairn_store_list_runs   (CairnStore    *store,
                                     GError       **error);
/* The report as it was kept (JSON text), or NULL with an error. */
char       *cairn_store_get_report  (CairnStore    *store,
                                     gint64         id,
                                     GError       **error);
void        cairn_run_info_free     (CairnRunInfo  *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnStore, cairn_store_close)

G_END_DECLS
