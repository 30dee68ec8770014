/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
#include "cairn-json.h"

/* Rewrites JSON documents (journeys, scenarios, catalogs) in the form the
 * designer saves: members in document order, two-space indent, short flat
 * containers on one line. With --check, only reports files that differ. */
int
cairn_cli_format (int argc, char **argv)
{
  gboolean check = FALSE;
  int status = CAIRN_EXIT_OK;
  guint n_files = 0;

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--check") == 0)
      check = TRUE;
    else if (argv[i][0] == '-')
      return cairn_cli_usage_error (_("format: unknown option “%s”"), argv[i]);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *original = NULL;
      g_autofree char *text = NULL;
      g_autofree char *formatted = NULL;
      g_autoptr(JsonNode) root = NULL;
      gsize length = 0;

      if (argv[i][0] == '-')
        continue;
      n_files++;
      original = cairn_file_read (argv[i], CAIRN_JSON_MAX_FILE_SIZE, &length, &error);
      if (original != NULL)
        root = cairn_json_parse (original, length, argv[i], NULL, &error);
      if (root == NULL)
        {
          cairn_cli_print_error (error);
          status = CAIRN_EXIT_USAGE;
          continue;
        }
      text = cairn_json_to_string (root, TRUE);
      formatted = g_strconcat (text, "\n", NULL);
      if (strcmp (formatted, original) == 0)
        continue;
      if (check)
        {
          printf ("%s\n", argv[i]);
          status = MAX (status, CAIRN_EXIT_INVALID);
        }
      else if (!cairn_file_write_atomic (argv[i], formatted, -1, &error))
        {
          cairn_cli_print_error (error);
          status = CAIRN_EXIT_USAGE;
        }
    }
  if (n_files == 0)
    return cairn_cli_usage_error (_("format: no file given"));
  return status;
}
