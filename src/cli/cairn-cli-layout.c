/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-cli.h"

int
cairn_cli_layout (int argc, char **argv)
{
  return cairn_cli_usage_error ("layout: not built yet");
}

int
cairn_cli_export (int argc, char **argv)
{
  return cairn_cli_usage_error ("export: not built yet");
}
