/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cairn-cli-report.h"
#include "cairn-json.h"

char *
cairn_cli_pretty_report (const char *report)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (strlen (report) > 64 * 1024 * 1024)
    return g_strconcat (report, "\n", NULL);
  root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
  if (root == NULL)
    return g_strconcat (report, "\n", NULL);
  text = cairn_json_to_string (root, TRUE);
  return g_strconcat (text, "\n", NULL);
}
