/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The published JSON Schemas (data/schema/NAME.schema.json) are made here:
 * a fixed part (src/core/schema/NAME.base.json) plus what the node-kind
 * registry knows: the channels, the node types and each type's config. */

/* "journey", "scenario", "report", "portfolio"; NULL-terminated. */
const char * const *cairn_schema_names    (void);
/* The schema @name as a JSON tree, or NULL for a name it does not know. */
JsonNode           *cairn_schema_generate (const char *name);
/* The same as text, in the form `cairn-cli format` writes, with a final
 * newline: what the file in data/schema/ holds. */
char               *cairn_schema_to_text  (const char *name);

G_END_DECLS
