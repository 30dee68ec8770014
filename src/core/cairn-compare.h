/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Two reports side by side: totals, goal rates, click-through rate per
 * channel and per-edge counts, with the change, marked "*" where the two
 * differ. Plain text with aligned columns. */
char  *cairn_report_compare_text (JsonObject *a,
                                  JsonObject *b,
                                  const char *label_a,
                                  const char *label_b,
                                  guint      *n_differences);

G_END_DECLS
