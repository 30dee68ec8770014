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

static JsonNode *
load_report (CairnStore  *store,
             const char  *id_text,
             GError     **error)
{
  char *end = NULL;
  gint64 id = g_ascii_strtoll (id_text, &end, 10);
  g_autofree char *text = NULL;

  if (end == NULL || *end != '\0' || id <= 0)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE, _("“%s” is not a run number"), id_text);
      return NULL;
    }
  text = cairn_store_get_report (store, id, error);
  return text ? cairn_json_parse (text, strlen (text), NULL, NULL, error) : NULL;
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
      {
        g_autofree char *table = cairn_report_compare_text (json_node_get_object (a), json_node_get_object (b),
                                                            la, lb, NULL);
        fputs (table, stdout);
      }
      return CAIRN_EXIT_OK;
    }
  return cairn_cli_usage_error (_("runs: say list, show ID or compare ID ID"));
}
