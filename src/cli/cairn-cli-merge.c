/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
#include "cairn-cli-report.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-partition.h"

/* cairn-cli merge: the partial reports of `simulate --partition K/N`, one of
 * every partition, merged into the report of the whole run (as `simulate`
 * prints it), or, when an autowinner was decided during the pass, the
 * decisions for the next pass (exit status 3; docs/PARTITIONS.md). */

#define CAIRN_EXIT_AGAIN 3

int
cairn_cli_merge (int    argc,
                 char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GError) error = NULL;
  g_autofree char *report_path = NULL, *decisions_path = NULL;
  g_autofree char *report = NULL, *decisions = NULL, *text = NULL;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          printf ("Usage: cairn-cli merge PARTIAL.json... [--report FILE] [--decisions FILE]\n");
          return CAIRN_EXIT_OK;
        }
      if ((strcmp (a, "--report") == 0 || strcmp (a, "--decisions") == 0) && i + 1 < argc)
        {
          char **out = a[2] == 'r' ? &report_path : &decisions_path;
          g_free (*out);
          *out = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (a, "--report="))
        {
          g_free (report_path);
          report_path = g_strdup (a + 9);
        }
      else if (g_str_has_prefix (a, "--decisions="))
        {
          g_free (decisions_path);
          decisions_path = g_strdup (a + 12);
        }
      else if (a[0] == '-' && a[1] != '\0')
        return cairn_cli_usage_error (_("unknown option “%s”"), a);
      else
        g_ptr_array_add (files, g_strdup (a));
    }
  if (files->len == 0)
    return cairn_cli_usage_error (_("give the partial reports to merge"));

  for (guint f = 0; f < files->len; f++)
    {
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (files->pdata[f], &contents, &length, &error))
        {
          g_autoptr(GError) io = g_error_new (CAIRN_ERROR, CAIRN_ERROR_IO, "%s", error->message);
          cairn_cli_print_error (io);
          return CAIRN_EXIT_USAGE;
        }
      g_ptr_array_add (texts, contents);
      g_array_append_val (lengths, length);
    }
  report = cairn_partition_merge ((const char *const *) texts->pdata, (const gsize *) (void *) lengths->data,
                                  texts->len, &decisions, &error);
  if (decisions != NULL)
    {
      /* Another pass: the partitions run again with these decisions. */
      if (decisions_path == NULL)
        return cairn_cli_usage_error (_("an autowinner was decided: give --decisions FILE for the next pass"));
      if (!cairn_file_write_atomic (decisions_path, decisions, -1, &error))
        {
          cairn_cli_print_error (error);
          return CAIRN_EXIT_USAGE;
        }
      return CAIRN_EXIT_AGAIN;
    }
  if (report == NULL)
    {
      cairn_cli_print_error (error);
      return CAIRN_EXIT_USAGE;
    }
  text = cairn_cli_pretty_report (report);
  if (report_path != NULL)
    {
      if (!cairn_file_write_atomic (report_path, text, -1, &error))
        {
          cairn_cli_print_error (error);
          return CAIRN_EXIT_USAGE;
        }
    }
  else
    fputs (text, stdout);
  return CAIRN_EXIT_OK;
}
