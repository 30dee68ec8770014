/* SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer harness: any bytes through the other loaders. The first byte
 * picks one: a scenario file, a replay event log, a profiles file (with a
 * one-event log) or a catalog; the rest is the file, read from a memfd as
 * the command line reads a path. An event log is also read split in two
 * parts by scanners of tiny chunks, and each part must take the events of
 * its users that one reader takes, and stop at the same error. Scenarios that would generate more than
 * a small population are left out: they are valid, only slow. */

#define _GNU_SOURCE
#include "config.h"

#include <sys/mman.h>
#include <unistd.h>

#include "cairn-catalog.h"
#include "cairn-json.h"
#include "cairn-replay-private.h"
#include "cairn-scenario.h"
#include "cairn-time.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static int
memfd_with (const guint8 *data,
            size_t        size)
{
  int fd = memfd_create ("fuzz", MFD_CLOEXEC);

  if (fd < 0)
    return -1;
  if (size > 0 && write (fd, data, size) != (ssize_t) size)
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* A population small enough to make in a moment: few users, low rates,
 * a short window. */
static gboolean
small_population (const guint8 *data,
                  size_t        size)
{
  g_autoptr(JsonNode) root = cairn_json_parse ((const char *) data, size, NULL, NULL, NULL);
  JsonObject *object, *generate;
  JsonArray *personas;
  CairnTime start = 0, end = 0;
  double count = 0;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  object = json_node_get_object (root);
  generate = cairn_json_get_object (object, "generate");
  if (generate == NULL)
    return TRUE;
  if (cairn_json_get_number (generate, "count", &count) && count > 200)
    return FALSE;
  if (cairn_json_get_string (object, "start") && cairn_json_get_string (object, "end")
      && cairn_time_parse (cairn_json_get_string (object, "start"), &start, NULL)
      && cairn_time_parse (cairn_json_get_string (object, "end"), &end, NULL)
      && end - start > 60 * CAIRN_USEC_PER_DAY)
    return FALSE;
  personas = cairn_json_get_array (generate, "personas");
  for (guint i = 0; personas && i < json_array_get_length (personas); i++)
    {
      JsonArray *events = JSON_NODE_HOLDS_OBJECT (json_array_get_element (personas, i))
                          ? cairn_json_get_array (json_array_get_object_element (personas, i), "events") : NULL;
      for (guint j = 0; events && j < json_array_get_length (events); j++)
        {
          double rate = 0;
          if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (events, j))
              && cairn_json_get_number (json_array_get_object_element (events, j), "rate_per_day", &rate) && rate > 20)
            return FALSE;
        }
    }
  return TRUE;
}

static void
drain (CairnInput *input)
{
  CairnInputEvent event;
  guint n = 0;

  input->sequential = TRUE;
  while (n++ < 100000 && input->next_event (input, &event, NULL))
    cairn_input_event_clear (&event);
  if (input->finish)
    input->finish (input);
}

/* The events a reader of @input takes, of the users whose id hashes to
 * @k modulo @n (all: @n 0), one a line, then the error. */
static char *
events_of (CairnInput *input,
           guint       k,
           guint       n)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  CairnInputEvent event;
  guint taken = 0;

  while (taken++ < 100000 && input->next_event (input, &event, &error))
    {
      const char *id = event.user < input->users->len ? ((CairnUser *) input->users->pdata[event.user])->id : "?";

      if (n == 0 || cairn_replay_hash (id, strlen (id)) % n == k)
        g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %s %s %s\n", event.time, id, event.name,
                                event.platform ? event.platform : "-", event.params_text ? event.params_text : "-");
      cairn_input_event_clear (&event);
    }
  g_string_append_printf (out, "error: %s\n", error ? error->message : "none");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gpointer
part_events (gpointer data)
{
  CairnInput *part = data;
  char *events = events_of (part, 0, 0);

  cairn_input_replay_part_done (part);
  return events;
}

/* events_of () a fresh reader of the log at @path, reading it itself. */
static char *
one_reader_events (const char *path,
                   guint       k,
                   guint       n)
{
  g_autoptr(CairnInput) input = cairn_input_new_replay (path, NULL, -1, NULL);

  input->sequential = TRUE;
  return events_of (input, k, n);
}

/* The log at @path read by one reader and split in two parts. */
static void
check_split (const char *path,
             gsize       chunk)
{
  g_autoptr(CairnInput) whole = cairn_input_new_replay (path, NULL, -1, NULL);
  g_autoptr(GError) error = NULL;
  CairnInput **parts;
  GThread *thread;
  char *got[2];

  if (whole == NULL)
    return;
  cairn_replay_set_chunk_size (chunk);
  parts = cairn_input_replay_split (whole, 2, &error);
  cairn_replay_set_chunk_size (0);
  if (parts == NULL)
    {
      /* Refused at once: one reader stops at its first event with it */
      g_autofree char *want = one_reader_events (path, 0, 0);
      g_autofree char *refused = g_strdup_printf ("error: %s\n", error->message);

      g_assert_cmpstr (want, ==, refused);
      return;
    }
  thread = g_thread_new ("part", part_events, parts[1]);
  got[0] = part_events (parts[0]);
  got[1] = g_thread_join (thread);
  cairn_input_replay_join (whole, parts);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *want = one_reader_events (path, k, 2);

      g_assert_cmpstr (got[k], ==, want);
      g_free (got[k]);
      cairn_input_free (parts[k]);
    }
  g_free (parts);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char log[] = "{\"time\": \"2026-11-02T10:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\"}\n";
  g_autofree char *path = NULL;
  g_autofree char *log_path = NULL;
  g_autoptr(GError) error = NULL;
  int fd, log_fd = -1;
  guint8 kind, selector;

  if (size < 1)
    return 0;
  selector = data[0];
  kind = selector % 4;
  data++, size--;
  if (kind == 0 && !small_population (data, size))
    return 0;
  fd = memfd_with (data, size);
  if (fd < 0)
    return 0;
  path = g_strdup_printf ("/proc/self/fd/%d", fd);

  switch (kind)
    {
    case 0:
      {
        g_autoptr(CairnInput) input = cairn_input_new_scenario_full (path, -1, 1, &error);
        if (input != NULL)
          drain (input);
      }
      break;
    case 1:
      {
        g_autoptr(CairnInput) input = NULL;

        if (selector / 4 % 2 == 1)
          {
            /* Chunks of 1 to 32 bytes */
            check_split (path, 1 + selector / 8 % 32);
            break;
          }
        input = cairn_input_new_replay (path, NULL, -1, &error);
        if (input != NULL)
          drain (input);
      }
      break;
    case 2:
      {
        g_autoptr(CairnInput) input = NULL;

        log_fd = memfd_with ((const guint8 *) log, sizeof log - 1);
        if (log_fd < 0)
          break;
        log_path = g_strdup_printf ("/proc/self/fd/%d", log_fd);
        input = cairn_input_new_replay (log_path, path, -1, &error);
        if (input != NULL)
          drain (input);
      }
      break;
    default:
      {
        g_autoptr(CairnCatalog) catalog = cairn_catalog_load_file (path, &error);
        if (catalog != NULL)
          for (guint i = 0; i < cairn_catalog_get_n_products (catalog); i++)
            cairn_catalog_get_product (catalog, i);
      }
    }
  if (log_fd >= 0)
    close (log_fd);
  close (fd);
  return 0;
}
