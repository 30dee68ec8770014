/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-journey.h"
#include "cairn-layout.h"

/* Reads the value of an option given as "-o X", "--output X" or
 * "--output=X"; advances *i past it. Returns NULL when @arg is not
 * that option; sets *missing when it is but has no value. */
static const char *
option_value (int          argc,
              char       **argv,
              int         *i,
              const char  *short_name,
              const char  *long_name,
              gboolean    *missing)
{
  const char *arg = argv[*i];
  gsize long_length = strlen (long_name);

  if ((short_name && strcmp (arg, short_name) == 0) || strcmp (arg, long_name) == 0)
    {
      if (*i + 1 >= argc)
        {
          *missing = TRUE;
          return NULL;
        }
      *i += 1;
      return argv[*i];
    }
  if (strncmp (arg, long_name, long_length) == 0 && arg[long_length] == '=')
    return arg + long_length + 1;
  return NULL;
}

static CairnJourney *
load_journey (const char *path,
              int        *status)
{
  g_autoptr(GError) error = NULL;
  CairnJourney *journey = cairn_journey_load_file (path, &error);

  if (journey == NULL)
    {
      cairn_cli_print_error (error);
      *status = cairn_cli_exit_code_for_error (error);
    }
  return journey;
}

/* cairn-cli layout JOURNEY.json [-o OUT.json]: lays the journey out with
 * graphviz and saves it, in place unless -o is given ("-o -": stdout). */
int
cairn_cli_layout (int    argc,
                  char **argv)
{
  const char *input = NULL;
  const char *output = NULL;
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) error = NULL;
  int status = CAIRN_EXIT_OK;

  for (int i = 1; i < argc; i++)
    {
      gboolean missing = FALSE;
      const char *value = option_value (argc, argv, &i, "-o", "--output", &missing);

      if (missing)
        return cairn_cli_usage_error (_("layout: “%s” needs a file name"), argv[i]);
      if (value != NULL)
        output = value;
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          printf ("%s\n", _("Usage: cairn-cli layout JOURNEY.json [-o OUT.json]"));
          return CAIRN_EXIT_OK;
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return cairn_cli_usage_error (_("layout: unknown option “%s”"), argv[i]);
      else if (input != NULL)
        return cairn_cli_usage_error (_("layout: one journey at a time"));
      else
        input = argv[i];
    }
  if (input == NULL)
    return cairn_cli_usage_error (_("layout: no journey file given"));

  journey = load_journey (input, &status);
  if (journey == NULL)
    return status;

  if (!cairn_layout_apply (journey, &error))
    {
      fprintf (stderr, "%s: %s\n", input, error->message);
      return CAIRN_EXIT_USAGE;
    }

  if (output != NULL && strcmp (output, "-") == 0)
    {
      g_autofree char *data = cairn_journey_to_data (journey, NULL);
      fputs (data, stdout);
      return fflush (stdout) == 0 ? CAIRN_EXIT_OK : CAIRN_EXIT_USAGE;
    }
  if (!cairn_journey_save_file (journey, output ? output : input, &error))
    {
      cairn_cli_print_error (error);
      return CAIRN_EXIT_USAGE;
    }
  return CAIRN_EXIT_OK;
}

/* cairn-cli export JOURNEY.json --format dot|svg|png|pdf -o FILE */
int
cairn_cli_export (int    argc,
                  char **argv)
{
  const char *input = NULL;
  const char *output = NULL;
  const char *format_name = NULL;
  CairnExportFormat format;
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) error = NULL;
  int status = CAIRN_EXIT_OK;

  for (int i = 1; i < argc; i++)
    {
      gboolean missing = FALSE;
      const char *value;

      if ((value = option_value (argc, argv, &i, "-o", "--output", &missing)) != NULL)
        output = value;
      else if (!missing && (value = option_value (argc, argv, &i, "-f", "--format", &missing)) != NULL)
        format_name = value;
      else if (missing)
        return cairn_cli_usage_error (_("export: “%s” needs a value"), argv[i]);
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          printf ("%s\n", _("Usage: cairn-cli export JOURNEY.json --format dot|svg|png|pdf -o FILE"));
          return CAIRN_EXIT_OK;
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return cairn_cli_usage_error (_("export: unknown option “%s”"), argv[i]);
      else if (input != NULL)
        return cairn_cli_usage_error (_("export: one journey at a time"));
      else
        input = argv[i];
    }
  if (input == NULL)
    return cairn_cli_usage_error (_("export: no journey file given"));
  if (output == NULL)
    return cairn_cli_usage_error (_("export: no output file given (-o FILE)"));
  if (format_name == NULL)
    {
      /* The output's extension, when it names a format. */
      const char *dot = strrchr (output, '.');
      if (dot == NULL || !cairn_export_format_from_name (dot + 1, &format))
        return cairn_cli_usage_error (_("export: no format given (--format dot|svg|png|pdf)"));
    }
  else if (!cairn_export_format_from_name (format_name, &format))
    return cairn_cli_usage_error (_("export: unknown format “%s” (use dot, svg, png or pdf)"), format_name);

  journey = load_journey (input, &status);
  if (journey == NULL)
    return status;

  if (strcmp (output, "-") == 0)
    {
      g_autoptr(GBytes) bytes = cairn_layout_render (journey, format, &error);
      gsize size;
      const char *data;

      if (bytes == NULL)
        {
          fprintf (stderr, "%s: %s\n", input, error->message);
          return CAIRN_EXIT_USAGE;
        }
      data = g_bytes_get_data (bytes, &size);
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        return CAIRN_EXIT_USAGE;
      return CAIRN_EXIT_OK;
    }
  if (!cairn_layout_export_file (journey, format, output, &error))
    {
      fprintf (stderr, "%s: %s\n", input, error->message);
      return CAIRN_EXIT_USAGE;
    }
  return CAIRN_EXIT_OK;
}
