/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cairn-journey.h"

G_BEGIN_DECLS

/* One line that says what a node does, for the canvas, exports and
 * tooltips: "Wait until purchase, up to 3 days", "Web push: Complete your
 * living room". Never NULL; works on incomplete or invalid configs. */
char       *cairn_node_summary          (const CairnNode *node);

/* A predicate (DESIGN §3) in a few words, without evaluating it:
 * `age < 22 and cabin ≠ "business"`. Never NULL. */
char       *cairn_predicate_summary     (JsonNode        *predicate);

/* The display name of a channel ("Web push"), translated. */
const char *cairn_channel_display_name  (const char      *channel);

G_END_DECLS
