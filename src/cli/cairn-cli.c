/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
#include "cairn-cli-tune.h"
#include "cairn-error.h"
#include "cairn-sim.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *synopsis;
} Command;

static const Command commands[] = {
  { "validate", cairn_cli_validate, "(JOURNEY.json | PORTFOLIO.json)... [--json]" },
  { "simulate", cairn_cli_simulate, "(JOURNEY.json | --portfolio P.json) (--scenario S.json | --events E.jsonl [--profiles P.jsonl]) [--catalog C.json] [--seed N] [--start T] [--end T] [--report FILE] [--store DB] [--trace[=N]] [--threads N] [--partition K/N [--decisions FILE]]" },
  { "merge",    cairn_cli_merge,    "PARTIAL.json... [--report FILE] [--decisions FILE]" },
  { "test",     cairn_cli_test,     "(JOURNEY.json | --portfolio P.json) --scenario S.json... [--catalog C.json]" },
  { "layout",   cairn_cli_layout,   "JOURNEY.json [-o OUT.json]" },
  { "export",   cairn_cli_export,   "JOURNEY.json --format dot|svg|png|pdf -o FILE" },
  { "publish",  cairn_cli_publish,  "JOURNEY.json --url URL [--token-file F] [--ca-file F] [--timeout S] [--force]" },
  { "fetch",    cairn_cli_fetch,    "--url URL --id ID -o FILE [--token-file F] [--ca-file F] [--timeout S]" },
  { "runs",     cairn_cli_runs,     "list|show|compare ... --store DB" },
  { "format",   cairn_cli_format,   "FILE.json... [--check]" },
  { "schema",   cairn_cli_schema,   "journey|scenario|report|portfolio" },
};

int
cairn_cli_usage_error (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "cairn-cli: %s\n", message);
  return CAIRN_EXIT_USAGE;
}

int
cairn_cli_exit_code_for_error (const GError *error)
{
  if (error != NULL && error->domain == CAIRN_ERROR && error->code == CAIRN_ERROR_INVALID)
    return CAIRN_EXIT_INVALID;
  return CAIRN_EXIT_USAGE;
}

/* Errors read like a compiler's (§8): "FILE:LINE:COL: error: message". */
void
cairn_cli_print_error (const GError *error)
{
  g_autoptr(GRegex) located = g_regex_new ("^(\\S+?:(\\d+:)*) (?!(error|warning):)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *message = error->message;

  if (g_regex_match (located, message, 0, &match))
    {
      int end = 0;
      g_match_info_fetch_pos (match, 1, NULL, &end);
      fprintf (stderr, "%.*s %s: %s\n", end, message, _("error"), message + end + 1);
    }
  else if (g_str_has_prefix (message, "cairn-cli:") || strstr (message, "error:") != NULL)
    fprintf (stderr, "%s\n", message);
  else
    fprintf (stderr, "cairn-cli: %s: %s\n", _("error"), message);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  cairn-cli %s %s\n", commands[i].name, commands[i].synopsis);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* CAIRN_LOCALEDIR points at a build tree's translations (build-aux/run). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CAIRN_LOCALEDIR") ? g_getenv ("CAIRN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Numbers in reports and diagnostics never follow the locale. */
  setlocale (LC_NUMERIC, "C");

  if (argc < 2)
    {
      print_usage (stderr);
      return CAIRN_EXIT_USAGE;
    }
  if (strcmp (argv[1], "simulate") == 0 || strcmp (argv[1], "test") == 0)
    cairn_cli_tune_process (argv);
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return CAIRN_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("cairn-cli %s\n", PACKAGE_VERSION);
      return CAIRN_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *name = g_strdup_printf ("cairn-cli %s", commands[i].name);
        argv[1] = name;
        return commands[i].run (argc - 1, argv + 1);
      }

  cairn_cli_usage_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return CAIRN_EXIT_USAGE;
}
