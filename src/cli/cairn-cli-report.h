/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A report as `simulate` and `merge` print it: indented JSON and a
 * newline; the text as it is (and a newline) when it is over 64 MiB or
 * does not parse. Newly allocated. */
char *cairn_cli_pretty_report (const char *report);

G_END_DECLS
