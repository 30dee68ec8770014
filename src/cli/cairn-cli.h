/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes (DESIGN §8). */
enum
{
  CAIRN_EXIT_OK = 0,
  CAIRN_EXIT_INVALID = 1,   /* journey or scenario invalid; `test`: a failure */
  CAIRN_EXIT_USAGE = 2,     /* usage, I/O or parse error */
};

/* Each subcommand gets argv with argv[0] = "cairn-cli <command>". */
int  cairn_cli_validate (int argc, char **argv);
int  cairn_cli_simulate (int argc, char **argv);
int  cairn_cli_test     (int argc, char **argv);
int  cairn_cli_merge    (int argc, char **argv);
int  cairn_cli_layout   (int argc, char **argv);
int  cairn_cli_export   (int argc, char **argv);
int  cairn_cli_publish  (int argc, char **argv);
int  cairn_cli_fetch    (int argc, char **argv);
int  cairn_cli_runs     (int argc, char **argv);
int  cairn_cli_format   (int argc, char **argv);
int  cairn_cli_schema   (int argc, char **argv);

/* Prints "cairn-cli: message" to stderr and returns CAIRN_EXIT_USAGE. */
int  cairn_cli_usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Prints a library error like a compiler's diagnostic:
 * "FILE:LINE:COL: error: message", "FILE: error: message". */
void cairn_cli_print_error (const GError *error);
/* Exit code for a GError from libcairn: 1 for CAIRN_ERROR_INVALID, else 2. */
int  cairn_cli_exit_code_for_error (const GError *error);

G_END_DECLS
