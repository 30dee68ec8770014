/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For a program whose work is large runs (cairn-cli, the benchmark): they
 * allocate and free hundreds of megabytes, and page faults are a good part
 * of their time. glibc's malloc reads its tunables only when a program
 * starts, so this starts the program again, once, with its heap grown
 * and kept in large steps (named cairn-cli again, not "exe"). Returns when it
 * did not: GLIBC_TUNABLES or CAIRN_MALLOC_AS_IS already set, or no exec.
 * A program's business, not the library's: it replaces the process. */
void  cairn_cli_tune_process (char **argv);

G_END_DECLS
