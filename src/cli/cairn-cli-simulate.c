/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-cli.h"

int
cairn_cli_simulate (int argc, char **argv)
{
  return cairn_cli_usage_error ("simulate: not built yet");
}

int
cairn_cli_test (int argc, char **argv)
{
  return cairn_cli_usage_error ("test: not built yet");
}
