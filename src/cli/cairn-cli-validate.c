/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-journey.h"
#include "cairn-portfolio.h"
#include "cairn-validate.h"

/* Validates each file; prints compiler-style diagnostics (or, with --json,
 * one JSON document listing every file's diagnostics). Exit: 2 when a file
 * cannot be read or parsed, else 1 when any has errors, else 0. */
int
cairn_cli_validate (int argc, char **argv)
{
  gboolean as_json = FALSE;
  int status = CAIRN_EXIT_OK;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GString) json = g_string_new ("{\"files\":[");

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--json") == 0)
        as_json = TRUE;
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          printf ("Usage: cairn-cli validate (JOURNEY.json | PORTFOLIO.json)... [--json]\n");
          return CAIRN_EXIT_OK;
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return cairn_cli_usage_error (_("validate: unknown option “%s”"), argv[i]);
      else
        g_ptr_array_add (files, argv[i]);
    }
  if (files->len == 0)
    return cairn_cli_usage_error (_("validate: no journey file given"));

  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnJourney) journey = NULL;
      g_autoptr(CairnPortfolio) portfolio = NULL;
      g_autoptr(GPtrArray) diagnostics = NULL;
      gboolean loaded;

      /* A portfolio (DESIGN §13) is told by its format: its own problems,
         then each journey's in its own file. */
      if (cairn_portfolio_file_is_portfolio (path))
        {
          diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
          portfolio = cairn_portfolio_load_file (path, diagnostics, &error);
          loaded = portfolio != NULL;
        }
      else
        {
          journey = cairn_journey_load_file (path, &error);
          loaded = journey != NULL;
        }

      if (f > 0)
        g_string_append_c (json, ',');
      g_string_append (json, "{\"file\":");
      cairn_json_append_string (json, path);

      if (!loaded)
        {
          status = MAX (status, CAIRN_EXIT_USAGE);
          if (as_json)
            {
              g_string_append (json, ",\"valid\":false,\"error\":");
              cairn_json_append_string (json, error->message);
              g_string_append (json, ",\"diagnostics\":[]}");
            }
          else
            cairn_cli_print_error (error);
          continue;
        }

      if (journey != NULL)
        diagnostics = cairn_validate (journey);
      if (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR) > 0)
        status = MAX (status, CAIRN_EXIT_INVALID);

      if (as_json)
        {
          g_string_append_printf (json, ",\"valid\":%s,\"errors\":%u,\"warnings\":%u,\"diagnostics\":[",
                                  cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR) ? "false" : "true",
                                  cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR),
                                  cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_WARNING));
          for (guint d = 0; d < diagnostics->len; d++)
            {
              if (d > 0)
                g_string_append_c (json, ',');
              cairn_diagnostic_append_json (g_ptr_array_index (diagnostics, d), json);
            }
          g_string_append (json, "]}");
        }
      else
        for (guint d = 0; d < diagnostics->len; d++)
          {
            g_autofree char *line = cairn_diagnostic_format (g_ptr_array_index (diagnostics, d));
            fprintf (stderr, "%s\n", line);
          }
    }

  if (as_json)
    {
      g_string_append (json, "]}\n");
      fputs (json->str, stdout);
    }
  return status;
}
