/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-scenario.h"

/* Replay of a JSON Lines event log (DESIGN §6), streamed a line at a time
 * so that memory never grows with the log's length. */

typedef struct
{
  FILE      *file;
  char      *line;
  size_t     capacity;
  guint64    line_number;
  CairnTime  first, last;
  gboolean   seen_any;
} ReplayImpl;

G_GNUC_PRINTF (4, 5)
static gboolean
line_error (CairnInput  *input,
            guint64      line,
            GError     **error,
            const char  *format,
            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ": %s",
               input->filename, line, message);
  return FALSE;
}

static gboolean
replay_next_event (CairnInput       *input,
                   CairnInputEvent  *event,
                   GError          **error)
{
  ReplayImpl *impl = input->impl;

  for (;;)
    {
      ssize_t length = getline (&impl->line, &impl->capacity, impl->file);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) local = NULL;
      JsonObject *object;
      const char *time_text, *user, *name, *platform;
      JsonNode *params;
      CairnTime time;
      gint64 index;

      if (length < 0)
        {
          if (ferror (impl->file))
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", input->filename, g_strerror (errno));
              return FALSE;
            }
          return FALSE;
        }
      impl->line_number++;
      while (length > 0 && (impl->line[length - 1] == '\n' || impl->line[length - 1] == '\r'))
        impl->line[--length] = '\0';
      if (length == 0 || strspn (impl->line, " \t") == (size_t) length)
        continue;

      root = cairn_json_parse (impl->line, length, input->filename, NULL, &local);
      if (root == NULL)
        {
          /* "FILE:1:COL: message" from the parser: put the log's line number in. */
          const char *message = strstr (local->message, ": ");
          message = message ? strstr (message + 2, ": ") : NULL;
          return line_error (input, impl->line_number, error, "%s", message ? message + 2 : local->message);
        }
      if (!JSON_NODE_HOLDS_OBJECT (root))
        return line_error (input, impl->line_number, error, _("an event must be a JSON object"));
      object = json_node_get_object (root);
      time_text = cairn_json_get_string (object, "time");
      user = cairn_json_get_string (object, "user");
      name = cairn_json_get_string (object, "name");
      platform = cairn_json_get_string (object, "platform");
      params = json_object_get_member (object, "params");
      if (time_text == NULL || !cairn_time_parse (time_text, &time, NULL))
        return line_error (input, impl->line_number, error, _("\"time\" must be an RFC 3339 time"));
      if (user == NULL || *user == '\0')
        return line_error (input, impl->line_number, error, _("\"user\" must be a non-empty string"));
      if (name == NULL || *name == '\0')
        return line_error (input, impl->line_number, error, _("\"name\" must be a non-empty string"));
      if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params) && !JSON_NODE_HOLDS_NULL (params))
        return line_error (input, impl->line_number, error, _("\"params\" must be an object"));
      if (impl->seen_any && time < impl->last)
        return line_error (input, impl->line_number, error,
                           _("this event is earlier than the one on the line before; the log must be sorted by time"));

      if (!impl->seen_any)
        impl->first = time;
      impl->seen_any = TRUE;
      impl->last = time;

      index = cairn_input_lookup_user (input, user);
      if (index < 0)
        index = cairn_input_add_user (input, user, CAIRN_USER_SEEN);

      event->time = time;
      event->user = (guint) index;
      event->name = g_intern_string (name);
      event->platform = platform ? g_intern_string (platform) : NULL;
      event->params = params && JSON_NODE_HOLDS_OBJECT (params) ? json_object_ref (json_node_get_object (params)) : NULL;
      return TRUE;
    }
}

static CairnTime
midnight_at_or_before (CairnTime t)
{
  CairnTime day = t / CAIRN_USEC_PER_DAY;
  if (t < 0 && t % CAIRN_USEC_PER_DAY != 0)
    day--;
  return day * CAIRN_USEC_PER_DAY;
}

static void
replay_finish (CairnInput *input)
{
  ReplayImpl *impl = input->impl;

  if (!input->has_start)
    {
      input->start = impl->seen_any ? midnight_at_or_before (impl->first) : 0;
      input->has_start = TRUE;
    }
  if (!input->has_end)
    {
      input->end = impl->seen_any ? midnight_at_or_before (impl->last) + CAIRN_USEC_PER_DAY : input->start;
      input->has_end = TRUE;
    }
}

static void
replay_free_impl (CairnInput *input)
{
  ReplayImpl *impl = input->impl;

  if (impl == NULL)
    return;
  if (impl->file)
    fclose (impl->file);
  free (impl->line);
  g_free (impl);
}

static gboolean
load_profiles (CairnInput  *input,
               const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length;

  contents = cairn_file_read (path, 0, &length, error);
  if (contents == NULL)
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) local = NULL;
      JsonObject *object;
      const char *id;
      CairnUser *user;
      gint64 index;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      root = cairn_json_parse (lines[i], strlen (lines[i]), path, NULL, &local);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
          || (id = cairn_json_get_string (json_node_get_object (root), "id")) == NULL)
        {
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s:%u: %s", path, i + 1,
                       local ? local->message : _("a profile is an object with an \"id\""));
          return FALSE;
        }
      object = json_node_get_object (root);
      index = cairn_input_lookup_user (input, id);
      if (index < 0)
        index = cairn_input_add_user (input, id, CAIRN_USER_PROFILE);
      user = cairn_input_get_user (input, index);
#define TAKE(field) \
      if (cairn_json_get_object (object, #field)) \
        { \
          g_clear_pointer (&user->field, json_object_unref); \
          user->field = cairn_json_object_deep_copy (cairn_json_get_object (object, #field)); \
        }
      TAKE (attributes)
      TAKE (reachability)
      TAKE (affinity)
      TAKE (behavior)
#undef TAKE
    }
  return TRUE;
}

CairnInput *
cairn_input_new_replay (const char  *events_path,
                        const char  *profiles_path,
                        gint64       seed_override,
                        GError     **error)
{
  g_autoptr(CairnInput) input = cairn_input_new ();
  ReplayImpl *impl;
  FILE *file;

  if (g_file_test (events_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, _("%s: is a directory, not a file"), events_path);
      return NULL;
    }
  file = fopen (events_path, "re");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", events_path, g_strerror (saved));
      return NULL;
    }
  input->filename = g_strdup (events_path);
  input->seed = seed_override >= 0 ? (guint64) seed_override : 0;
  impl = g_new0 (ReplayImpl, 1);
  impl->file = file;
  input->impl = impl;
  input->next_event = replay_next_event;
  input->finish = replay_finish;
  input->free_impl = replay_free_impl;

  if (profiles_path != NULL && !load_profiles (input, profiles_path, error))
    return NULL;
  return g_steal_pointer (&input);
}
