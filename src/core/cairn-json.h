/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Source positions of parsed JSON values, so that diagnostics can name the
 * line and column of the offending value. Keyed by JsonNode pointer: the
 * nodes stay valid as long as the parsed tree is alive and unmodified. */
typedef struct _CairnJsonPositions CairnJsonPositions;

/* Limits that keep hostile input from exhausting the stack or memory. */
#define CAIRN_JSON_MAX_DEPTH 256
/* A journey, scenario or catalog file (README "Limits"). */
#define CAIRN_JSON_MAX_FILE_SIZE ((gsize) 256 * 1024 * 1024)
/* A replay event log or profiles file. */
#define CAIRN_REPLAY_MAX_FILE_SIZE ((gsize) 1024 * 1024 * 1024)
/* Any file read whole, whatever the caller asks for. */
#define CAIRN_FILE_MAX_SIZE CAIRN_REPLAY_MAX_FILE_SIZE

/* Parses UTF-8 JSON text. Rejects NUL bytes, invalid UTF-8, nesting deeper
 * than CAIRN_JSON_MAX_DEPTH and trailing garbage with a CAIRN_ERROR_PARSE
 * whose message reads "FILE:LINE:COL: message". @filename is only used in
 * messages (may be NULL: "<input>"). @positions, when not NULL, receives
 * the position of every value. Duplicate object keys: the last one wins. */
JsonNode           *cairn_json_parse             (const char          *data,
                                                  gsize                length,
                                                  const char          *filename,
                                                  CairnJsonPositions **positions,
                                                  GError             **error);
/* Reads and parses a file. A missing file, a directory or an unreadable
 * file is CAIRN_ERROR_IO with the file name in the message. */
JsonNode           *cairn_json_load_file         (const char          *path,
                                                  CairnJsonPositions **positions,
                                                  GError             **error);
gboolean            cairn_json_positions_lookup  (CairnJsonPositions  *positions,
                                                  JsonNode            *node,
                                                  guint               *line,
                                                  guint               *column);
void                cairn_json_positions_free    (CairnJsonPositions  *positions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnJsonPositions, cairn_json_positions_free)

/* Deterministic output: members in their document order, 2-space indent
 * when @pretty, numbers in shortest round-trip form (integers stay
 * integers), no trailing newline. */
char               *cairn_json_to_string         (JsonNode            *node,
                                                  gboolean             pretty);
/* Appends the shortest round-trip decimal of @value: "49", "12.5", "0.1";
 * integral doubles keep a ".0" when @keep_point_zero ("49.0"). */
void                cairn_json_append_double     (GString             *out,
                                                  double               value,
                                                  gboolean             keep_point_zero);
void                cairn_json_append_string     (GString             *out,
                                                  const char          *str);

/* Reads a whole file with a bounded loop (devices and pipes included; the
 * size stat reports is not trusted). CAIRN_ERROR_IO names the file;
 * directories and files over @max_size bytes are refused as soon as the
 * read passes the limit. @max_size 0 means CAIRN_FILE_MAX_SIZE. */
char               *cairn_file_read              (const char          *path,
                                                  gsize                max_size,
                                                  gsize               *length,
                                                  GError             **error);
/* Writes through a temporary file beside the real file (symbolic links
 * are followed and kept), fsync, rename. The file keeps its permissions
 * and, where it can, its owner; a hard link to it is not updated (the
 * name gets a new file). The temporary file is CAIRN_SAVE_TEMP_PREFIX +
 * the file's name: one a killed save left behind is replaced by the next
 * save. */
#define CAIRN_SAVE_TEMP_PREFIX ".cairn-save-"
gboolean            cairn_file_write_atomic      (const char          *path,
                                                  const char          *data,
                                                  gssize               length,
                                                  GError             **error);

/* Small typed accessors that never warn on a wrong type: they return the
 * fallback (NULL, 0, FALSE) when the member is missing or of another type. */
const char         *cairn_json_get_string        (JsonObject          *object,
                                                  const char          *member);
JsonObject         *cairn_json_get_object        (JsonObject          *object,
                                                  const char          *member);
JsonArray          *cairn_json_get_array         (JsonObject          *object,
                                                  const char          *member);
gboolean            cairn_json_get_number        (JsonObject          *object,
                                                  const char          *member,
                                                  double              *value);
gboolean            cairn_json_node_is_number    (JsonNode            *node);
double              cairn_json_node_number       (JsonNode            *node);
/* A deep copy (json_node_copy() shares objects and arrays). */
JsonNode           *cairn_json_deep_copy         (JsonNode            *node);
JsonObject         *cairn_json_object_deep_copy  (JsonObject          *object);
/* JSON equality: numbers by value (1 = 1.0), deep on arrays and objects
 * (objects as unordered maps), 1 != "1", null = null. */
gboolean            cairn_json_equal             (JsonNode            *a,
                                                  JsonNode            *b);

/* The node of a JSON number's text: an integer when @integral and it fits
 * 64 bits, else a double; NULL when it is out of a double's range. An
 * integer past 64 bits keeps its text for the writer (and deep copies). */
JsonNode   *cairn_json_number_from_text (const char *text,
                                         gboolean    integral);

/* Appends the text an integer past 64 bits was read from, if @node is
 * one (and still holds its value); FALSE, with nothing appended, if not. */
gboolean    cairn_json_append_number_text (GString  *out,
                                           JsonNode *node);

G_END_DECLS
