/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
#include "cairn-schema.h"

/* Prints a published JSON Schema as the registry makes it: the files in
 * data/schema/ are exactly this output (a test holds them to it). */
int
cairn_cli_schema (int argc, char **argv)
{
  g_autofree char *text = NULL;

  if (argc != 2)
    return cairn_cli_usage_error (_("schema: name one schema: journey, scenario, report or portfolio"));
  text = cairn_schema_to_text (argv[1]);
  if (text == NULL)
    return cairn_cli_usage_error (_("schema: unknown schema “%s” (journey, scenario, report or portfolio)"), argv[1]);
  fputs (text, stdout);
  return CAIRN_EXIT_OK;
}
