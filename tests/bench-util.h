/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* What bench-engine and bench-replay share. */

/* A file of the source tree ($CAIRN_SOURCE_ROOT, else SOURCE_ROOT). */
char *bench_source_file    (const char *relative);

/* Writes to @path the benchmarks' crowd: a scenario that generates @count
 * users like the sample crowd's, buying from the catalog at
 * @catalog_path, over the three weeks from 2026-11-02. */
void  bench_write_scenario (const char *path,
                            const char *catalog_path,
                            guint64     count);
