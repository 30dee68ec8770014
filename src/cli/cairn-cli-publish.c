/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-cli.h"

int
cairn_cli_publish (int argc, char **argv)
{
  return cairn_cli_usage_error ("publish: not built yet");
}

int
cairn_cli_fetch (int argc, char **argv)
{
  return cairn_cli_usage_error ("fetch: not built yet");
}
