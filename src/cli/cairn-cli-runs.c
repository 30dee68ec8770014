/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
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

static double
get (JsonObject *object,
     const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  double v = 0;

  for (guint i = 0; parts[i] && object; i++)
    {
      if (parts[i + 1] == NULL)
        cairn_json_get_number (object, parts[i], &v);
      else
        object = cairn_json_get_object (object, parts[i]);
    }
  return v;
}

static void
row (const char *label,
     double      a,
     double      b,
     gboolean    rate)
{
  double d = b - a;
  if (rate)
    printf ("  %-44s %10.2f%% %10.2f%% %+10.2f%s\n", label, a * 100, b * 100, d * 100, d != 0 ? "  *" : "");
  else
    printf ("  %-44s %11.0f %11.0f %+11.0f%s\n", label, a, b, d, d != 0 ? "  *" : "");
}

static void
compare (JsonObject *a,
         JsonObject *b,
         const char *ida,
         const char *idb)
{
  static const char *const totals[] = { "users", "events", "totals/entered", "totals/active_at_end",
                                         "totals/left/completed", "totals/left/exit_node",
                                         "totals/left/exit_criteria", "totals/left/goal", "totals/left/error" };
  JsonObject *goals = cairn_json_get_object (a, "goals");
  JsonObject *channels = cairn_json_get_object (a, "channels");
  JsonArray *edges_a = cairn_json_get_array (a, "edges");
  JsonArray *edges_b = cairn_json_get_array (b, "edges");
  g_autoptr(GList) goal_names = goals ? json_object_get_members (goals) : NULL;
  g_autoptr(GList) channel_names = channels ? json_object_get_members (channels) : NULL;
  g_autoptr(GHashTable) counts_b = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  printf ("%-46s %11s %11s %11s\n", _("Totals"), ida, idb, _("change"));
  for (gsize i = 0; i < G_N_ELEMENTS (totals); i++)
    row (totals[i], get (a, totals[i]), get (b, totals[i]), FALSE);

  printf ("\n%-46s\n", _("Goal rates"));
  for (GList *l = goal_names; l; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("goals/%s/rate", (char *) l->data);
      row (l->data, get (a, path), get (b, path), TRUE);
    }
  printf ("\n%-46s\n", _("Click-through rate per channel"));
  for (GList *l = channel_names; l; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("channels/%s/ctr", (char *) l->data);
      row (l->data, get (a, path), get (b, path), TRUE);
    }
  printf ("\n%-46s\n", _("Edges"));
  for (guint i = 0; edges_b && i < json_array_get_length (edges_b); i++)
    {
      JsonObject *e = json_array_get_object_element (edges_b, i);
      double count = 0;
      cairn_json_get_number (e, "count", &count);
      g_hash_table_insert (counts_b, g_strdup_printf ("%s.%s", cairn_json_get_string (e, "from"),
                                                      cairn_json_get_string (e, "port")),
                           GSIZE_TO_POINTER ((gsize) count + 1));
    }
  for (guint i = 0; edges_a && i < json_array_get_length (edges_a); i++)
    {
      JsonObject *e = json_array_get_object_element (edges_a, i);
      g_autofree char *label = g_strdup_printf ("%s.%s", cairn_json_get_string (e, "from"), cairn_json_get_string (e, "port"));
      gsize other = GPOINTER_TO_SIZE (g_hash_table_lookup (counts_b, label));
      double count = 0;
      cairn_json_get_number (e, "count", &count);
      row (label, count, other ? (double) (other - 1) : 0, FALSE);
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
  store = cairn_store_open (store_path, &error);
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
      compare (json_node_get_object (a), json_node_get_object (b), la, lb);
      return CAIRN_EXIT_OK;
    }
  return cairn_cli_usage_error (_("runs: say list, show ID or compare ID ID"));
}
