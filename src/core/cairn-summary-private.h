/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The pieces of summaries (cairn-summary.c) the kinds' own summaries
 * (CairnNodeKindOps.summary, cairn-kind-*.c) are written with. */

/* Summaries are read at a glance on the canvas, so long texts are cut. */
#define CAIRN_SUMMARY_MAX_CHARS 48

char       *cairn_summary_shorten           (const char *text,
                                             glong       max);
char       *cairn_summary_describe_duration (const char *text);
char       *cairn_summary_value_text        (JsonNode   *value);
void        cairn_summary_append_where      (GString    *out,
                                             JsonObject *config,
                                             const char *member,
                                             const char *prefix);
void        cairn_summary_append_channels   (GString    *out,
                                             JsonArray  *channels);
const char *cairn_summary_or_unknown        (const char *text);

G_END_DECLS
