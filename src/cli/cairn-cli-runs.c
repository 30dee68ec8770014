/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-cli.h"

int
cairn_cli_runs (int argc, char **argv)
{
  return cairn_cli_usage_error ("runs: not built yet");
}
