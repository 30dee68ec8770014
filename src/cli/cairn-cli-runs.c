/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
#include "cairn-compare.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-store.h"

/* A run's report; "pN" is portfolio run N (DESIGN §13 PF7). */
static JsonNode *
load_report (CairnStore  *store,
             const char  *id_text,
             GError     **error)
{
  char *end = NULL;
  gboolean portfolio = id_text[0] == 'p';
  gint64 id = g_ascii_strtoll (id_text + portfolio, &end, 10);
  g_autofree char *text = NULL;

  if (end == NULL || *end != '\0' || id <= 0 || !g_ascii_isdigit (id_text[portfolio]))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE, _("“%s” is not a run number"), id_text);
      return NULL;
    }
  text = portfolio ? cairn_store_get_portfolio_report (store, id, error) : cairn_store_get_report (store, id, error);
  return text ? cairn_json_parse (text, strlen (text), NULL, NULL, error) : NULL;
}

static void
compare_row (const char *what,
             gint64      a,
             gint64      b)
{
  printf ("%-52s  %12" G_GINT64_FORMAT "  %12" G_GINT64_FORMAT "  %+12" G_GINT64_FORMAT "%s\n", what, a, b, b - a,
          a != b ? "  *" : "");
}

static gint64
member_number (JsonObject *object,
               const char *member)
{
  double v = 0;
  cairn_json_get_number (object, member, &v);
  return (gint64) v;
}

/* Two portfolio runs: the collisions, then each journey's report as for
 * two runs of one journey (journeys of either, in the first's order). */
static void
compare_portfolios (JsonObject *a,
                    JsonObject *b,
                    const char *la,
                    const char *lb)
{
  JsonObject *ca = cairn_json_get_object (a, "collisions"), *cb = cairn_json_get_object (b, "collisions");
  JsonObject *pa = cairn_json_get_object (ca, "peak_day"), *pb = cairn_json_get_object (cb, "peak_day");
  JsonArray *oa = cairn_json_get_array (ca, "overlap"), *ob = cairn_json_get_array (cb, "overlap");
  JsonObject *ja = cairn_json_get_object (a, "journeys"), *jb = cairn_json_get_object (b, "journeys");
  guint n_days = MAX (pa ? json_object_get_size (pa) : 0, pb ? json_object_get_size (pb) : 0);
  g_autoptr(GList) ids = ja ? json_object_get_members (ja) : NULL;

  printf ("%-52s  %12s  %12s  %12s\n", _("collisions"), la, lb, _("change"));
  compare_row (_("messages"), member_number (ca, "messages"), member_number (cb, "messages"));
  for (guint d = 0; d < n_days; d++)
    {
      g_autofree char *day = g_strdup_printf ("%u", d);
      g_autofree char *what = g_strdup_printf (_("users with %u messages on their busiest day"), d);
      compare_row (what, member_number (pa, day), member_number (pb, day));
    }
  for (guint i = 0; oa && i < json_array_get_length (oa); i++)
    {
      JsonObject *x = json_array_get_object_element (oa, i);
      gint64 other = 0;
      g_autofree char *what = g_strdup_printf (_("overlap %s / %s"), cairn_json_get_string (x, "a"),
                                               cairn_json_get_string (x, "b"));
      for (guint k = 0; ob && k < json_array_get_length (ob); k++)
        {
          JsonObject *y = json_array_get_object_element (ob, k);
          if (g_strcmp0 (cairn_json_get_string (x, "a"), cairn_json_get_string (y, "a")) == 0
              && g_strcmp0 (cairn_json_get_string (x, "b"), cairn_json_get_string (y, "b")) == 0)
            other = member_number (y, "users");
        }
      compare_row (what, member_number (x, "users"), other);
    }
  if (jb != NULL)
    {
      g_autoptr(GList) more = json_object_get_members (jb);
      for (GList *l = more; l; l = l->next)
        if (ja == NULL || !json_object_has_member (ja, l->data))
          ids = g_list_append (ids, l->data);
    }
  for (GList *l = ids; l; l = l->next)
    {
      JsonObject *ra = cairn_json_get_object (ja, l->data), *rb = cairn_json_get_object (jb, l->data);
      g_autoptr(JsonObject) empty = json_object_new ();
      g_autofree char *table = cairn_report_compare_text (ra ? ra : empty, rb ? rb : empty, la, lb, NULL);

      printf ("\n%s %s\n%s", _("journey"), (const char *) l->data, table);
    }
}

int
cairn_cli_runs (int argc, char **argv)
{
  const char *store_path = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *command;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--store") == 0 && i + 1 < argc)
        store_path = argv[++i];
      else if (g_str_has_prefix (argv[i], "--store="))
        store_path = argv[i] + 8;
      else if (argv[i][0] == '-')
        return cairn_cli_usage_error (_("runs: unknown option “%s”"), argv[i]);
      else
        g_ptr_array_add (words, argv[i]);
    }
  if (words->len == 0)
    return cairn_cli_usage_error (_("runs: say list, show ID or compare ID ID"));
  if (store_path == NULL)
    return cairn_cli_usage_error (_("runs: --store DB is required"));
  if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
    return cairn_cli_usage_error (_("%s: no such run store"), store_path);
  /* Listing, showing and comparing only read: a store in a folder that
     cannot be written is read all the same. */
  store = cairn_store_open_readonly (store_path, &error);
  if (store == NULL)
    {
      cairn_cli_print_error (error);
      return CAIRN_EXIT_USAGE;
    }

  command = g_ptr_array_index (words, 0);
  if (strcmp (command, "list") == 0 && words->len == 1)
    {
      g_autoptr(GPtrArray) runs = cairn_store_list_runs (store, &error);
      if (runs == NULL)
        {
          cairn_cli_print_error (error);
          return CAIRN_EXIT_USAGE;
        }
      printf ("%5s  %-20s  %-24s  %-20s  %6s  %9s  %9s  %8s\n", _("run"), _("when"), _("journey"), _("scenario"),
              _("seed"), _("users"), _("entered"), _("seconds"));
      for (guint i = 0; i < runs->len; i++)
        {
          CairnRunInfo *info = g_ptr_array_index (runs, i);
          printf ("%5" G_GINT64_FORMAT "  %-20s  %-24s  %-20s  %6" G_GUINT64_FORMAT "  %9" G_GINT64_FORMAT
                  "  %9" G_GINT64_FORMAT "  %8.3f\n", info->id, info->created, info->journey ? info->journey : "",
                  info->scenario ? info->scenario : _("(replay)"), info->seed, info->users, info->entered,
                  info->duration);
        }
      g_ptr_array_unref (runs);
      runs = cairn_store_list_portfolio_runs (store, &error);
      for (guint i = 0; runs && i < runs->len; i++)
        {
          CairnRunInfo *info = g_ptr_array_index (runs, i);
          g_autofree char *id = g_strdup_printf ("p%" G_GINT64_FORMAT, info->id);
          if (i == 0)
            printf ("%5s  %-20s  %-24s  %-20s  %6s  %9s  %9s  %8s\n", _("run"), _("when"), _("portfolio"),
                    _("scenario"), _("seed"), _("users"), _("messages"), _("seconds"));
          printf ("%5s  %-20s  %-24s  %-20s  %6" G_GUINT64_FORMAT "  %9" G_GINT64_FORMAT
                  "  %9" G_GINT64_FORMAT "  %8.3f\n", id, info->created, info->journey ? info->journey : "",
                  info->scenario ? info->scenario : _("(replay)"), info->seed, info->users, info->entered,
                  info->duration);
        }
      return CAIRN_EXIT_OK;
    }
  if (strcmp (command, "show") == 0 && words->len == 2)
    {
      g_autoptr(JsonNode) report = load_report (store, g_ptr_array_index (words, 1), &error);
      g_autofree char *text = NULL;
      if (report == NULL)
        {
          cairn_cli_print_error (error);
          return CAIRN_EXIT_USAGE;
        }
      text = cairn_json_to_string (report, TRUE);
      printf ("%s\n", text);
      return CAIRN_EXIT_OK;
    }
  if (strcmp (command, "compare") == 0 && words->len == 3)
    {
      g_autoptr(JsonNode) a = load_report (store, g_ptr_array_index (words, 1), &error);
      g_autoptr(JsonNode) b = a ? load_report (store, g_ptr_array_index (words, 2), &error) : NULL;
      g_autofree char *la = g_strdup_printf (_("run %s"), (char *) g_ptr_array_index (words, 1));
      g_autofree char *lb = g_strdup_printf (_("run %s"), (char *) g_ptr_array_index (words, 2));
      if (b == NULL)
        {
          cairn_cli_print_error (error);
          return CAIRN_EXIT_USAGE;
        }
      if (cairn_json_get_object (json_node_get_object (a), "collisions") != NULL
          || cairn_json_get_object (json_node_get_object (b), "collisions") != NULL)
        compare_portfolios (json_node_get_object (a), json_node_get_object (b), la, lb);
      else
        {
          g_autofree char *table = cairn_report_compare_text (json_node_get_object (a), json_node_get_object (b),
                                                              la, lb, NULL);
          fputs (table, stdout);
        }
      return CAIRN_EXIT_OK;
    }
  return cairn_cli_usage_error (_("runs: say list, show ID or compare ID ID"));
}
