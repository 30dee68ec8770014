/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cairn-cli.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-journey.h"
#include "cairn-validate.h"

#if HAVE_SOUP
#include "cairn-publish.h"

static void
print_warning (const char *message)
{
  fprintf (stderr, "cairn-cli: %s: %s\n", _("warning"), message);
}

static gboolean
read_token (const char  *path,
            char       **token,
            GError     **error)
{
  g_autofree char *text = cairn_file_read (path, 64 * 1024, NULL, error);
  GStatBuf st;

  if (text == NULL)
    return FALSE;
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & (S_IRGRP | S_IROTH)) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("the token file %s can be read by other users; "
                                                    "make it private with chmod 600"), path);
      print_warning (message);
    }
  *token = g_strdup (g_strstrip (text));
  return TRUE;
}

static int
parse_timeout (const char *text,
               guint      *timeout)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 24 * 60 * 60, &value, NULL))
    return cairn_cli_usage_error (_("--timeout takes a whole number of seconds from 1 to 86400, not “%s”"), text);
  *timeout = (guint) value;
  return 0;
}

/* --url URL [--token-file F] [--ca-file F] [--force] [--timeout S] */
static int
parse_common (int                  argc,
              char               **argv,
              CairnPublishOptions *options,
              GPtrArray           *words,
              char               **token,
              const char         **output,
              const char         **id)
{
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      gboolean has_value = i + 1 < argc;

      if (strcmp (a, "--url") == 0 && has_value)
        options->url = argv[++i];
      else if (strcmp (a, "--token-file") == 0 && has_value)
        {
          g_autoptr(GError) error = NULL;
          if (!read_token (argv[++i], token, &error))
            {
              cairn_cli_print_error (error);
              return CAIRN_EXIT_USAGE;
            }
          options->token = *token;
        }
      else if (strcmp (a, "--ca-file") == 0 && has_value)
        options->ca_file = argv[++i];
      else if (strcmp (a, "--timeout") == 0 && has_value)
        {
          int status = parse_timeout (argv[++i], &options->timeout);
          if (status != 0)
            return status;
        }
      else if (strcmp (a, "--force") == 0)
        options->force = TRUE;
      else if ((strcmp (a, "-o") == 0 || strcmp (a, "--output") == 0) && has_value && output)
        *output = argv[++i];
      else if (strcmp (a, "--id") == 0 && has_value && id)
        *id = argv[++i];
      else if (!has_value && (strcmp (a, "--url") == 0 || strcmp (a, "--token-file") == 0
                              || strcmp (a, "--ca-file") == 0 || strcmp (a, "--timeout") == 0))
        return cairn_cli_usage_error (_("%s needs a value"), a);
      else if (a[0] == '-')
        return cairn_cli_usage_error (_("unknown option “%s”"), a);
      else
        g_ptr_array_add (words, (gpointer) a);
    }
  if (options->url == NULL)
    return cairn_cli_usage_error (_("--url is required"));
  if (options->token != NULL && cairn_publish_url_is_insecure (options->url))
    {
      g_autofree char *shown = cairn_publish_redact_url (options->url);
      g_autofree char *message = g_strdup_printf (_("the token is sent unencrypted to %s; use https://"), shown);
      print_warning (message);
    }
  return 0;
}

static int
exit_code (const GError *error)
{
  return error->code == CAIRN_ERROR_INVALID ? CAIRN_EXIT_INVALID : CAIRN_EXIT_USAGE;
}

int
cairn_cli_publish (int argc, char **argv)
{
  CairnPublishOptions options;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autofree char *token = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnJourney) journey = NULL;
  int status;

  cairn_publish_options_init (&options);
  status = parse_common (argc, argv, &options, words, &token, NULL, NULL);
  if (status != 0)
    return status;
  if (words->len != 1)
    return cairn_cli_usage_error (_("publish: give one journey file"));

  journey = cairn_journey_load_file (g_ptr_array_index (words, 0), &error);
  if (journey == NULL)
    {
      cairn_cli_print_error (error);
      return cairn_cli_exit_code_for_error (error);
    }
  {
    g_autoptr(GPtrArray) diagnostics = cairn_validate (journey);
    for (guint d = 0; d < diagnostics->len; d++)
      if (((CairnDiagnostic *) g_ptr_array_index (diagnostics, d))->severity == CAIRN_SEVERITY_ERROR)
        {
          g_autofree char *line = cairn_diagnostic_format (g_ptr_array_index (diagnostics, d));
          fprintf (stderr, "%s\n", line);
        }
  }
  if (!cairn_publish_journey (journey, &options, &etag, &error))
    {
      cairn_cli_print_error (error);
      return exit_code (error);
    }
  printf (_("Published %s (ETag %s)\n"), cairn_journey_get_id (journey), etag ? etag : "-");
  /* The file records the revision it now is, for the next publish. */
  if (!cairn_journey_save_file (journey, g_ptr_array_index (words, 0), &error))
    {
      g_autoptr(GError) unsaved = g_error_new (CAIRN_ERROR, CAIRN_ERROR_IO,
                                               _("The journey was published, but its new server revision could not be "
                                                 "written to it (%s); publishing this file again is refused until you "
                                                 "fetch the server's copy"), error->message);
      cairn_cli_print_error (unsaved);
      return CAIRN_EXIT_USAGE;
    }
  return CAIRN_EXIT_OK;
}

int
cairn_cli_fetch (int argc, char **argv)
{
  CairnPublishOptions options;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autofree char *token = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *output = NULL, *id = NULL;
  int status;

  cairn_publish_options_init (&options);
  status = parse_common (argc, argv, &options, words, &token, &output, &id);
  if (status != 0)
    return status;
  if (id == NULL || output == NULL || words->len != 0)
    return cairn_cli_usage_error (_("fetch: give --id ID and -o FILE"));
  text = cairn_fetch_journey (id, &options, &error);
  if (text == NULL || !cairn_file_write_atomic (output, text, -1, &error))
    {
      cairn_cli_print_error (error);
      return exit_code (error);
    }
  return CAIRN_EXIT_OK;
}

#else

int
cairn_cli_publish (int argc, char **argv)
{
  return cairn_cli_usage_error (_("publish: this build has no libsoup"));
}

int
cairn_cli_fetch (int argc, char **argv)
{
  return cairn_cli_usage_error (_("fetch: this build has no libsoup"));
}

#endif
