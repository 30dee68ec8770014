/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-store.h"
#include "cairn-time.h"

struct _CairnStore
{
  sqlite3 *db;
  char    *path;
};

/* Each entry takes the schema from version i to i + 1. */
static const char *const migrations[] = {
  "CREATE TABLE runs ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  journey TEXT, journey_hash TEXT, scenario TEXT, seed INTEGER,"
  "  created TEXT NOT NULL, duration REAL,"
  "  window_start TEXT, window_end TEXT, users INTEGER, events INTEGER,"
  "  entered INTEGER, active_at_end INTEGER,"
  "  completed INTEGER, exit_node INTEGER, exit_criteria INTEGER, goal INTEGER, error INTEGER,"
  "  report TEXT NOT NULL);"
  "CREATE TABLE run_nodes (run INTEGER REFERENCES runs(id) ON DELETE CASCADE,"
  "  node TEXT, entered INTEGER, waiting_at_end INTEGER);"
  "CREATE TABLE run_edges (run INTEGER REFERENCES runs(id) ON DELETE CASCADE,"
  "  node TEXT, port TEXT, target TEXT, count INTEGER);"
  "CREATE TABLE run_channels (run INTEGER REFERENCES runs(id) ON DELETE CASCADE,"
  "  channel TEXT, sent INTEGER, unreachable INTEGER, capped INTEGER, quiet_hours INTEGER,"
  "  delivered INTEGER, opened INTEGER, clicked INTEGER, ctr REAL);"
  "CREATE TABLE run_goals (run INTEGER REFERENCES runs(id) ON DELETE CASCADE,"
  "  goal TEXT, reached INTEGER, rate REAL, value REAL);"
  "CREATE TABLE run_people (run INTEGER REFERENCES runs(id) ON DELETE CASCADE,"
  "  user TEXT, entries INTEGER, outcome TEXT, path TEXT, goals TEXT);"
  "CREATE INDEX run_edges_run ON run_edges(run);"
  "CREATE INDEX run_people_run ON run_people(run);",
  /* 2: portfolio runs (DESIGN §13 PF7), one run per journey plus these */
  "CREATE TABLE portfolio_runs ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  portfolio TEXT, scenario TEXT, seed INTEGER, created TEXT NOT NULL, duration REAL,"
  "  users INTEGER, events INTEGER, messages INTEGER, collisions TEXT NOT NULL);"
  "ALTER TABLE runs ADD COLUMN portfolio_run INTEGER REFERENCES portfolio_runs(id) ON DELETE CASCADE;"
  "CREATE INDEX runs_portfolio_run ON runs(portfolio_run);",
};

static gboolean
fail (CairnStore  *store,
      GError     **error)
{
  g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", store->path, sqlite3_errmsg (store->db));
  return FALSE;
}

static gboolean
exec (CairnStore  *store,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", store->path, message ? message : "?");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

void
cairn_store_close (CairnStore *store)
{
  if (store == NULL)
    return;
  sqlite3_close (store->db);
  g_free (store->path);
  g_free (store);
}

/* Opens a store only to read it: nothing is created or migrated, and a
 * store in a folder (or on a medium) that cannot be written is read all
 * the same. A store of an older schema cannot be read this way. */
CairnStore *
cairn_store_open_readonly (const char  *path,
                           GError     **error)
{
  g_autoptr(CairnStore) store = g_new0 (CairnStore, 1);
  g_autofree char *uri = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *absolute = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  store->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      fail (store, error);
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 5000);
  /* A WAL database needs its shared-memory file, which a folder that
     cannot be written cannot have: then it is read as it is on disk
     (nobody can be writing it there). */
  if (sqlite3_prepare_v2 (store->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      stmt = NULL;
      sqlite3_close (store->db);
      store->db = NULL;
      absolute = g_canonicalize_filename (path, NULL);
      escaped = g_uri_escape_string (absolute, "/", FALSE);
      uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      if (sqlite3_open_v2 (uri, &store->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK
          || sqlite3_prepare_v2 (store->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK
          || sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_finalize (stmt);
          fail (store, error);
          return NULL;
        }
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO,
                   _("%s: this run store was written by a newer Cairn (schema %d)"), path, version);
      return NULL;
    }
  if (version < (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO,
                   _("%s: this run store has no runs of this Cairn's schema yet"), path);
      return NULL;
    }
  return g_steal_pointer (&store);
}

CairnStore *
cairn_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(CairnStore) store = g_new0 (CairnStore, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  store->path = g_strdup (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, _("%s: cannot create the folder"), dir);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL)
      != SQLITE_OK)
    {
      fail (store, error);
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 5000);
  if (!exec (store, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", error))
    return NULL;

  if (sqlite3_prepare_v2 (store->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (store, error);
      return NULL;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO,
                   _("%s: this run store was written by a newer Cairn (schema %d)"), path, version);
      return NULL;
    }
  for (int v = version; v < (int) G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);
      if (!exec (store, "BEGIN IMMEDIATE;", error))
        return NULL;
      if (!exec (store, migrations[v], error) || !exec (store, bump, error))
        {
          exec (store, "ROLLBACK;", NULL);
          return NULL;
        }
      if (!exec (store, "COMMIT;", error))
        return NULL;
    }
  return g_steal_pointer (&store);
}

/* A whole number of the report, exactly (a seed goes up to 2⁶³ − 1, past
 * a double's 2⁵³); a double out of range is clamped, never converted
 * past what 64 bits hold. */
static gint64
number (JsonObject *object,
        const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  double v;

  if (node == NULL || !cairn_json_node_is_number (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  v = json_node_get_double (node);
  if (v >= 9223372036854775807.0)
    return G_MAXINT64;
  if (v <= -9223372036854775808.0)
    return G_MININT64;
  return (gint64) v;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
run_statement (CairnStore   *store,
               sqlite3_stmt *stmt,
               GError      **error)
{
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || fail (store, error);
}

static char *
array_text (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  return node ? cairn_json_to_string (node, FALSE) : g_strdup ("[]");
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? g_strdup ((const char *) text) : NULL;
}

/* The report's nodes, in their table */
static gboolean
add_run_nodes (CairnStore  *store,
               gint64       id,
               JsonObject  *report,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  JsonObject *nodes = cairn_json_get_object (report, "nodes");
  g_autoptr(GList) names = nodes ? json_object_get_members (nodes) : NULL;
  if (sqlite3_prepare_v2 (store->db, "INSERT INTO run_nodes VALUES (?,?,?,?)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (GList *l = names; l; l = l->next)
    {
      JsonObject *n = cairn_json_get_object (nodes, l->data);
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, l->data);
      sqlite3_bind_int64 (stmt, 3, number (n, "entered"));
      sqlite3_bind_int64 (stmt, 4, number (n, "waiting_at_end"));
      if (!run_statement (store, stmt, error))
        goto fail;
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  if (error && *error == NULL)
    fail (store, error);
  sqlite3_finalize (stmt);
  return FALSE;
}

/* The report's edges, in their table */
static gboolean
add_run_edges (CairnStore  *store,
               gint64       id,
               JsonObject  *report,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  JsonArray *edges = cairn_json_get_array (report, "edges");
  if (sqlite3_prepare_v2 (store->db, "INSERT INTO run_edges VALUES (?,?,?,?,?)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (guint i = 0; edges && i < json_array_get_length (edges); i++)
    {
      JsonObject *e = json_array_get_object_element (edges, i);
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, cairn_json_get_string (e, "from"));
      bind_text (stmt, 3, cairn_json_get_string (e, "port"));
      bind_text (stmt, 4, cairn_json_get_string (e, "to"));
      sqlite3_bind_int64 (stmt, 5, number (e, "count"));
      if (!run_statement (store, stmt, error))
        goto fail;
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  if (error && *error == NULL)
    fail (store, error);
  sqlite3_finalize (stmt);
  return FALSE;
}

/* The report's channels, in their table */
static gboolean
add_run_channels (CairnStore  *store,
                  gint64       id,
                  JsonObject  *report,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  JsonObject *channels = cairn_json_get_object (report, "channels");
  g_autoptr(GList) names = channels ? json_object_get_members (channels) : NULL;
  if (sqlite3_prepare_v2 (store->db, "INSERT INTO run_channels VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (GList *l = names; l; l = l->next)
    {
      JsonObject *c = cairn_json_get_object (channels, l->data);
      double ctr = 0;
      static const char *const fields[] = { "sent", "unreachable", "capped", "quiet_hours", "delivered", "opened", "clicked" };
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, l->data);
      for (int f = 0; f < 7; f++)
        sqlite3_bind_int64 (stmt, 3 + f, number (c, fields[f]));
      cairn_json_get_number (c, "ctr", &ctr);
      sqlite3_bind_double (stmt, 10, ctr);
      if (!run_statement (store, stmt, error))
        goto fail;
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  if (error && *error == NULL)
    fail (store, error);
  sqlite3_finalize (stmt);
  return FALSE;
}

/* The report's goals, in their table */
static gboolean
add_run_goals (CairnStore  *store,
               gint64       id,
               JsonObject  *report,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  JsonObject *goals = cairn_json_get_object (report, "goals");
  g_autoptr(GList) names = goals ? json_object_get_members (goals) : NULL;
  if (sqlite3_prepare_v2 (store->db, "INSERT INTO run_goals VALUES (?,?,?,?,?)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (GList *l = names; l; l = l->next)
    {
      JsonObject *g = cairn_json_get_object (goals, l->data);
      double rate = 0, value = 0;
      cairn_json_get_number (g, "rate", &rate);
      cairn_json_get_number (g, "value", &value);
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, l->data);
      sqlite3_bind_int64 (stmt, 3, number (g, "reached"));
      sqlite3_bind_double (stmt, 4, rate);
      sqlite3_bind_double (stmt, 5, value);
      if (!run_statement (store, stmt, error))
        goto fail;
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  if (error && *error == NULL)
    fail (store, error);
  sqlite3_finalize (stmt);
  return FALSE;
}

/* The report's people, in their table */
static gboolean
add_run_people (CairnStore  *store,
                gint64       id,
                JsonObject  *report,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  JsonArray *people = cairn_json_get_array (report, "people");
  if (sqlite3_prepare_v2 (store->db, "INSERT INTO run_people VALUES (?,?,?,?,?,?)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (guint i = 0; people && i < json_array_get_length (people); i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);
      g_autofree char *path = array_text (p, "path");
      g_autofree char *goals = array_text (p, "goals");
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, cairn_json_get_string (p, "id"));
      sqlite3_bind_int64 (stmt, 3, number (p, "entries"));
      bind_text (stmt, 4, cairn_json_get_string (p, "outcome"));
      bind_text (stmt, 5, path);
      bind_text (stmt, 6, goals);
      if (!run_statement (store, stmt, error))
        goto fail;
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  if (error && *error == NULL)
    fail (store, error);
  sqlite3_finalize (stmt);
  return FALSE;
}

/* One run's rows, inside the caller's transaction. */
static gint64
add_run (CairnStore  *store,
         JsonObject  *report,
         const char  *journey_hash,
         double       duration,
         gint64       portfolio_run,
         GError     **error)
{
  JsonObject *totals = cairn_json_get_object (report, "totals");
  JsonObject *left = cairn_json_get_object (totals, "left");
  JsonObject *window = cairn_json_get_object (report, "window");
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *text = NULL;
  g_autofree char *created = cairn_time_format (g_get_real_time () / CAIRN_USEC_PER_SEC * CAIRN_USEC_PER_SEC);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  json_node_init_object (node, report);
  text = cairn_json_to_string (node, FALSE);

  if (sqlite3_prepare_v2 (store->db,
                          "INSERT INTO runs (journey, journey_hash, scenario, seed, created, duration,"
                          " window_start, window_end, users, events, entered, active_at_end,"
                          " completed, exit_node, exit_criteria, goal, error, report, portfolio_run)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  bind_text (stmt, 1, cairn_json_get_string (report, "journey"));
  bind_text (stmt, 2, journey_hash);
  bind_text (stmt, 3, cairn_json_get_string (report, "scenario"));
  sqlite3_bind_int64 (stmt, 4, number (report, "seed"));
  bind_text (stmt, 5, created);
  sqlite3_bind_double (stmt, 6, duration);
  bind_text (stmt, 7, cairn_json_get_string (window, "start"));
  bind_text (stmt, 8, cairn_json_get_string (window, "end"));
  sqlite3_bind_int64 (stmt, 9, number (report, "users"));
  sqlite3_bind_int64 (stmt, 10, number (report, "events"));
  sqlite3_bind_int64 (stmt, 11, number (totals, "entered"));
  sqlite3_bind_int64 (stmt, 12, number (totals, "active_at_end"));
  sqlite3_bind_int64 (stmt, 13, number (left, "completed"));
  sqlite3_bind_int64 (stmt, 14, number (left, "exit_node"));
  sqlite3_bind_int64 (stmt, 15, number (left, "exit_criteria"));
  sqlite3_bind_int64 (stmt, 16, number (left, "goal"));
  sqlite3_bind_int64 (stmt, 17, number (left, "error"));
  bind_text (stmt, 18, text);
  if (portfolio_run > 0)
    sqlite3_bind_int64 (stmt, 19, portfolio_run);
  else
    sqlite3_bind_null (stmt, 19);
  if (!run_statement (store, stmt, error))
    goto fail;
  sqlite3_finalize (stmt);
  stmt = NULL;
  id = sqlite3_last_insert_rowid (store->db);

  if (!add_run_nodes (store, id, report, error) || !add_run_edges (store, id, report, error)
      || !add_run_channels (store, id, report, error) || !add_run_goals (store, id, report, error)
      || !add_run_people (store, id, report, error))
    return 0;
  return id;

fail:
  if (error && *error == NULL)
    fail (store, error);
  sqlite3_finalize (stmt);
  return 0;
}

gint64
cairn_store_add_run (CairnStore  *store,
                     JsonObject  *report,
                     const char  *journey_hash,
                     double       duration,
                     GError     **error)
{
  gint64 id;

  if (!exec (store, "BEGIN IMMEDIATE;", error))
    return 0;
  id = add_run (store, report, journey_hash, duration, 0, error);
  if (id == 0 || !exec (store, "COMMIT;", error))
    {
      exec (store, "ROLLBACK;", NULL);
      return 0;
    }
  return id;
}

gint64
cairn_store_add_portfolio_run (CairnStore        *store,
                               JsonObject        *report,
                               const char *const *journey_hashes,
                               double             duration,
                               GError           **error)
{
  JsonObject *journeys = cairn_json_get_object (report, "journeys");
  JsonObject *collisions = cairn_json_get_object (report, "collisions");
  g_autoptr(GList) bodies = journeys ? json_object_get_values (journeys) : NULL;
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *collisions_text = NULL;
  g_autofree char *created = cairn_time_format (g_get_real_time () / CAIRN_USEC_PER_SEC * CAIRN_USEC_PER_SEC);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;
  double seed = 0;
  guint j = 0;

  json_node_init_object (node, collisions ? collisions : json_object_new ());
  collisions_text = cairn_json_to_string (node, FALSE);
  cairn_json_get_number (report, "seed", &seed);
  if (!exec (store, "BEGIN IMMEDIATE;", error))
    return 0;
  if (sqlite3_prepare_v2 (store->db,
                          "INSERT INTO portfolio_runs (portfolio, scenario, seed, created, duration, users, events,"
                          " messages, collisions) VALUES (?,?,?,?,?,?,?,?,?)", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (store, error);
      goto rollback;
    }
  bind_text (stmt, 1, cairn_json_get_string (report, "portfolio"));
  bind_text (stmt, 2, cairn_json_get_string (report, "scenario"));
  sqlite3_bind_int64 (stmt, 3, (gint64) seed);
  bind_text (stmt, 4, created);
  sqlite3_bind_double (stmt, 5, duration);
  sqlite3_bind_int64 (stmt, 6, number (report, "users"));
  sqlite3_bind_int64 (stmt, 7, number (report, "events"));
  sqlite3_bind_int64 (stmt, 8, number (collisions, "messages"));
  bind_text (stmt, 9, collisions_text);
  if (!run_statement (store, stmt, error))
    goto rollback;
  sqlite3_finalize (stmt);
  stmt = NULL;
  id = sqlite3_last_insert_rowid (store->db);
  /* The journeys' runs in priority order: their ids keep it. */
  for (GList *l = bodies; l; l = l->next, j++)
    if (!JSON_NODE_HOLDS_OBJECT (l->data)
        || add_run (store, json_node_get_object (l->data), journey_hashes ? journey_hashes[j] : NULL, duration, id,
                    error) == 0)
      goto rollback;
  if (!exec (store, "COMMIT;", error))
    goto rollback;
  return id;

rollback:
  sqlite3_finalize (stmt);
  exec (store, "ROLLBACK;", NULL);
  return 0;
}

static GPtrArray *list_run_infos (CairnStore  *store,
                                  const char  *sql,
                                  GError     **error);

GPtrArray *
cairn_store_list_portfolio_runs (CairnStore  *store,
                                 GError     **error)
{
  /* A portfolio has no content hash of its own; its messages stand in the
     place of a run's entered. */
  return list_run_infos (store,
                         "SELECT id, portfolio, NULL, scenario, seed, created, duration, users, events, messages"
                         " FROM portfolio_runs ORDER BY id DESC", error);
}

char *
cairn_store_get_portfolio_report (CairnStore  *store,
                                  gint64       id,
                                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = NULL;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT portfolio, scenario, seed, users, events, collisions"
                          " FROM portfolio_runs WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (store, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE, _("%s: there is no portfolio run %" PRId64), store->path, id);
      sqlite3_finalize (stmt);
      return NULL;
    }
  out = g_string_new ("{\"format\":\"cairn-portfolio-report\",\"version\":1,\"portfolio\":");
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    cairn_json_append_string (out, (const char *) sqlite3_column_text (stmt, 0));
  g_string_append (out, ",\"scenario\":");
  if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    cairn_json_append_string (out, (const char *) sqlite3_column_text (stmt, 1));
  g_string_append_printf (out, ",\"seed\":%" PRId64 ",\"users\":%" PRId64 ",\"events\":%" PRId64
                          ",\"collisions\":%s,\"journeys\":{",
                          (gint64) sqlite3_column_int64 (stmt, 2), (gint64) sqlite3_column_int64 (stmt, 3),
                          (gint64) sqlite3_column_int64 (stmt, 4), (const char *) sqlite3_column_text (stmt, 5));
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (store->db, "SELECT journey, report FROM runs WHERE portfolio_run = ? ORDER BY id", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      fail (store, error);
      g_string_free (out, TRUE);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *journey = (const char *) sqlite3_column_text (stmt, 0);
      if (n++)
        g_string_append_c (out, ',');
      cairn_json_append_string (out, journey ? journey : "");
      g_string_append_printf (out, ":%s", (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (store, error);
      g_string_free (out, TRUE);
      return NULL;
    }
  g_string_append (out, "}}");
  return g_string_free (out, FALSE);
}

void
cairn_run_info_free (CairnRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->journey);
  g_free (info->journey_hash);
  g_free (info->scenario);
  g_free (info->created);
  g_free (info);
}


/* The rows of @sql, whose columns are id, journey, journey_hash, scenario,
 * seed, created, duration, users, events, entered. */
static GPtrArray *
list_run_infos (CairnStore  *store,
                const char  *sql,
                GError     **error)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_run_info_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (store, error);
      g_ptr_array_unref (runs);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CairnRunInfo *info = g_new0 (CairnRunInfo, 1);
      info->id = sqlite3_column_int64 (stmt, 0);
      info->journey = column_text (stmt, 1);
      info->journey_hash = column_text (stmt, 2);
      info->scenario = column_text (stmt, 3);
      info->seed = sqlite3_column_int64 (stmt, 4);
      info->created = column_text (stmt, 5);
      info->duration = sqlite3_column_double (stmt, 6);
      info->users = sqlite3_column_int64 (stmt, 7);
      info->events = sqlite3_column_int64 (stmt, 8);
      info->entered = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (runs, info);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (store, error);
      g_ptr_array_unref (runs);
      return NULL;
    }
  return runs;
}

GPtrArray *
cairn_store_list_runs (CairnStore  *store,
                       GError     **error)
{
  return list_run_infos (store,
                         "SELECT id, journey, journey_hash, scenario, seed, created, duration, users, events, entered"
                         " FROM runs ORDER BY id DESC", error);
}

char *
cairn_store_get_report (CairnStore  *store,
                        gint64       id,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *report = NULL;

  if (sqlite3_prepare_v2 (store->db, "SELECT report FROM runs WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (store, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    report = column_text (stmt, 0);
  else
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE, _("%s: there is no run %" PRId64), store->path, id);
  sqlite3_finalize (stmt);
  return report;
}
