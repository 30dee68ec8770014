/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A replay split over engines on threads of their own (§8 --threads,
 * cairn_input_replay_split ()): with 2, 3 and 4 parts, the same report,
 * the same error and the same users left in the input as with one engine
 * reading its log itself. On the whole log, with --start and --end, past
 * --end with a bad line after it, at a bad line, at a line out of order,
 * with lines only the full parser reads, and with no events at all; for
 * every sample journey. And cancelled, before or while the parts run. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cairn-error.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"
#include "cairn-replay-private.h"

#include "replay-fixture.h"

#define FIRST_TIME 1793577600   /* 2026-11-02T00:00:00Z */

/* @n events of about @n / 9 users over a few weeks, 37 s apart, with a
 * line only the full parser reads every 97th (an escaped id, nested
 * params), and profiles for every third user. @bad_at: a line there (from
 * 1) whose "name" is a number, 0 for none; @late_at: a line there earlier
 * than the one before it. */
static void
write_log (Fixture *f,
           guint    n,
           guint    bad_at,
           guint    late_at)
{
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GString) profiles = g_string_new (NULL);
  guint n_users = MAX (n / 9, 1);

  for (guint i = 0; i < n; i++)
    {
      gint64 seconds = FIRST_TIME + (gint64) i * 37 - (i + 1 == late_at ? 3600 : 0);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);
      g_autofree char *stamp = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *user = i >= 8000 && i % 4 == 0 ? g_strdup_printf ("w%u", i)
                                                      : g_strdup_printf ("u%u", (i * 7919) % n_users);
      const char *name = i % 3 == 0 ? "purchase" : i % 7 == 0 ? "add_to_cart" : "product_view";

      if (i + 1 == bad_at)
        g_string_append_printf (events, "{\"time\": \"%s\", \"user\": \"%s\", \"name\": 5}\n", stamp, user);
      else if (i % 97 == 5)
        g_string_append_printf (events,
                                "{\"time\": \"%s\", \"user\": \"\\u0076%s\", \"name\": \"%s\", "
                                "\"params\": {\"category\": \"furniture\", \"product_id\": \"p%u\", \"price\": %u, "
                                "\"extra\": {\"tags\": [1, 2]}}}\n",
                                stamp, user, name, i % 40, 30 + i % 400);
      else
        g_string_append_printf (events,
                                "{\"time\": \"%s\", \"user\": \"%s\", \"name\": \"%s\", \"platform\": \"web\", "
                                "\"params\": {\"category\": \"%s\", \"product_id\": \"p%u\", \"price\": %u}}\n",
                                stamp, user, name, i % 5 ? "furniture" : "home-decor", i % 40, 30 + i % 400);
    }
  for (guint u = 0; u < n_users; u += 3)
    g_string_append_printf (profiles,
                            "{\"id\": \"u%u\", \"attributes\": {\"first_name\": \"%s\", \"age\": %u}, "
                            "\"reachability\": {\"email\": true, \"sms\": %s, \"web_push\": %s}}\n",
                            u, u % 2 ? "Ann" : "Bo", 20 + u % 50, u % 5 ? "true" : "false", u % 4 ? "true" : "false");
  g_assert_true (g_file_set_contents (f->events_path, events->str, events->len, NULL));
  g_assert_true (g_file_set_contents (f->profiles_path, profiles->str, profiles->len, NULL));
}

typedef struct
{
  char    *report;        /* or NULL */
  char    *error;         /* or NULL */
  GString *users;         /* the input's users after the run, in order */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_free (o->report);
  g_free (o->error);
  g_string_free (o->users, TRUE);
}

static Outcome
run (Fixture               *f,
     const char            *journey_path,
     guint                  threads,
     const CairnSimOptions *given)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnJourney) journey = cairn_journey_load_file (journey_path, &error);
  g_autofree char *catalog_path = g_build_filename (TESTS_SRCDIR, "..", "data", "catalogs", "home.json", NULL);
  g_autoptr(CairnInput) input = NULL;
  CairnSimOptions options = *given;
  Outcome o = { NULL, NULL, g_string_new (NULL) };

  g_assert_no_error (error);
  input = cairn_input_new_replay (f->events_path, f->profiles_path, -1, &error);
  g_assert_no_error (error);
  input->catalog = cairn_catalog_load_file (catalog_path, &error);
  g_assert_no_error (error);
  options.threads = threads;
  o.report = cairn_sim_run (journey, input, &options, NULL, &error);
  if (o.report == NULL)
    o.error = g_strdup (error->message);
  for (guint i = 0; i < input->users->len; i++)
    {
      CairnUser *user = input->users->pdata[i];
      g_assert_cmpuint (user->index, ==, i);
      g_assert_cmpint (cairn_input_lookup_user (input, user->id), ==, i);
      g_string_append_printf (o.users, "%s\n", user->id);
    }
  return o;
}

/* Every sample journey with 1 (the reference: the log read in the
 * engine's thread), 2, 3 and 4 threads; the parts' log read by scanners
 * in chunks of 256 KiB, of 1000 bytes and of 150 (about a line, so that
 * most lines start a chunk and some chunks have none). */
static void
check_same (Fixture               *f,
            const CairnSimOptions *options,
            const char            *want_error)   /* a part of it, or NULL */
{
  g_autofree char *journeys = g_build_filename (TESTS_SRCDIR, "..", "data", "journeys", NULL);
  g_autoptr(GDir) dir = g_dir_open (journeys, 0, NULL);
  const char *name;
  guint n_journeys = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (journeys, name, NULL);
      Outcome one;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      one = run (f, path, 1, options);
      if (want_error != NULL)
        {
          g_assert_null (one.report);
          if (strstr (one.error, want_error) == NULL)
            g_error ("%s: the error is \"%s\", not \"%s\"", name, one.error, want_error);
        }
      else
        g_assert_nonnull (one.report);
      for (guint c = 0; c < 3; c++)
        for (guint threads = 2; threads <= 4; threads++)
          {
            const gsize chunk = (const gsize[]) { 0, 1000, 150 }[c];
            Outcome other;

            cairn_replay_set_chunk_size (chunk != 0 ? chunk : f->chunk);
            other = run (f, path, threads, options);
            cairn_replay_set_chunk_size (0);
            g_test_message ("%s, %u threads, chunks of %" G_GSIZE_FORMAT " bytes", name, threads,
                            chunk != 0 ? chunk : f->chunk != 0 ? f->chunk : 256 << 10);
            g_assert_cmpstr (other.report, ==, one.report);
            g_assert_cmpstr (other.error, ==, one.error);
            if (!g_str_equal (other.users->str, one.users->str))
              {
                gsize at = 0;

                while (other.users->str[at] == one.users->str[at])
                  at++;
                g_error ("%s, %u threads: the input's users differ from one engine's at character %" G_GSIZE_FORMAT
                         " (%u and %u long)", name, threads, at, (guint) other.users->len, (guint) one.users->len);
              }
            outcome_clear (&other);
          }
      outcome_clear (&one);
      n_journeys++;
    }
  g_assert_cmpuint (n_journeys, >=, 5);
}

static CairnSimOptions
options_window (const char *start,
                const char *end)
{
  CairnSimOptions options;

  cairn_sim_options_init (&options);
  if (start != NULL)
    {
      g_assert_true (cairn_time_parse (start, &options.start, NULL));
      options.has_start = TRUE;
    }
  if (end != NULL)
    {
      g_assert_true (cairn_time_parse (end, &options.end, NULL));
      options.has_end = TRUE;
    }
  return options;
}

static void
test_whole (Fixture      *f,
            gconstpointer data)
{
  CairnSimOptions options = options_window (NULL, NULL);

  write_log (f, 20000, 0, 0);
  check_same (f, &options, NULL);
}

static void
test_window (Fixture      *f,
             gconstpointer data)
{
  CairnSimOptions options = options_window ("2026-11-03T00:00:00Z", "2026-11-06T12:00:00Z");

  write_log (f, 20000, 0, 0);
  check_same (f, &options, NULL);
}

/* A bad line just past --end: one engine stops at an event past the end
 * and never reads further, and neither does any part, whoever's that
 * event is; the users of lines read ahead (a new one on every fourth
 * line) are not the input's. */
static void
test_past_end (Fixture      *f,
               gconstpointer data)
{
  write_log (f, 20000, 9001, 0);
  for (guint past = 8994; past <= 9001; past++)
    {
      CairnSimOptions options;

      /* Line @past (from 1) is the first past the end. */
      cairn_sim_options_init (&options);
      options.has_end = TRUE;
      options.end = ((gint64) FIRST_TIME + 37 * (gint64) (past - 1) - 1) * CAIRN_USEC_PER_SEC;
      check_same (f, &options, past == 9001 ? ":9001: " : NULL);
    }
}

static void
test_bad_line (Fixture      *f,
               gconstpointer data)
{
  CairnSimOptions options = options_window (NULL, NULL);

  write_log (f, 20000, 12345, 0);
  check_same (f, &options, ":12345: ");
}

static void
test_out_of_order (Fixture      *f,
                   gconstpointer data)
{
  CairnSimOptions options = options_window (NULL, NULL);

  write_log (f, 20000, 0, 15001);
  check_same (f, &options, ":15001: ");
}

static void
test_empty (Fixture      *f,
            gconstpointer data)
{
  CairnSimOptions options = options_window (NULL, NULL);

  write_log (f, 0, 0, 0);
  g_assert_true (g_file_set_contents (f->events_path, "\n\n", -1, NULL));
  check_same (f, &options, NULL);
}

/* Lines of other shapes between the events: blank ones, spaces only, a
 * CRLF end, one longer than a chunk of 1000 bytes, no newline after the
 * last; and @tail, the last line. The lines are counted as one reader
 * counts them, so that the error is on the same line. */
static void
write_odd_log (Fixture    *f,
               const char *tail)
{
  g_autoptr(GString) events = g_string_new (NULL);
  g_autofree char *long_value = g_strnfill (3000, 'x');

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (FIRST_TIME + (gint64) i * 53);
      g_autofree char *stamp = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");

      if (i % 11 == 3)
        g_string_append (events, "\n");
      if (i % 17 == 4)
        g_string_append (events, "   \t \n");
      g_string_append_printf (events, "{\"time\": \"%s\", \"user\": \"u%u\", \"name\": \"%s\"",
                              stamp, (i * 31) % 401, i % 3 == 0 ? "purchase" : "product_view");
      if (i % 500 == 250)
        g_string_append_printf (events, ", \"params\": {\"category\": \"furniture\", \"note\": \"%s\"}", long_value);
      else
        g_string_append_printf (events, ", \"params\": {\"category\": \"%s\", \"price\": %u}",
                                i % 5 ? "furniture" : "lighting", 20 + i % 300);
      g_string_append (events, i % 13 == 6 ? "}\r\n" : "}\n");
    }
  g_string_append (events, tail);
  g_assert_true (g_file_set_contents (f->events_path, events->str, events->len, NULL));
  g_assert_true (g_file_set_contents (f->profiles_path, "", 0, NULL));
}

static void
test_odd_lines (Fixture      *f,
                gconstpointer data)
{
  CairnSimOptions options = options_window (NULL, NULL);

  write_odd_log (f, "{\"time\": \"2026-12-01T00:00:00Z\", \"user\": \"last\", \"name\": \"purchase\"}");
  check_same (f, &options, NULL);
  /* 3000 events, 273 blank lines and 177 of spaces before it */
  write_odd_log (f, "\n\n{\"time\": \"2026-12-01T00:00:00Z\", \"user\": 5, \"name\": \"purchase\"}\n");
  check_same (f, &options, ":3453: ");
  /* Not JSON: the parser's column, on the log's line */
  write_odd_log (f, "\n\n{\"time\": \"2026-12-01T00:00:00Z\", \"user\": \"last\", oops}\n");
  check_same (f, &options, ":3453:50: expected a member name");
}

/* The first event of every chunk out of order in turn: the order across
 * chunks is checked where they are put back in order. */
static void
test_out_of_order_anywhere (Fixture      *f,
                            gconstpointer data)
{
  CairnSimOptions options = options_window (NULL, NULL);

  for (guint late_at = 2; late_at <= 14; late_at += 3)
    {
      g_autofree char *want = g_strdup_printf (":%u: ", late_at);

      write_log (f, 40, 0, late_at);
      /* Every line a chunk of its own and more */
      f->chunk = 40;
      check_same (f, &options, want);
    }
}

/* A line a century after the first: the window is too long there, and
 * the error is that line's, before the next line's (out of order). */
static void
test_window_too_long (Fixture      *f,
                      gconstpointer data)
{
  CairnSimOptions options = options_window (NULL, NULL);
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(GString) edited = NULL;
  char *at;

  write_log (f, 20000, 0, 0);
  g_assert_true (g_file_get_contents (f->events_path, &text, &length, NULL));
  edited = g_string_new_len (text, length);
  /* Line 14001's year */
  at = edited->str;
  for (guint line = 1; line < 14001; line++)
    at = strchr (at, '\n') + 1;
  at = strstr (at, "\"time\": \"2026") + strlen ("\"time\": \"");
  memcpy (at, "2199", 4);
  g_assert_true (g_file_set_contents (f->events_path, edited->str, edited->len, NULL));
  check_same (f, &options, ":14001: the log spans more than");
}

static void
cancel_at_a_fifth (double   fraction,
                   gpointer data)
{
  if (fraction >= 0.2)
    g_cancellable_cancel (data);
}

/* Cancelled while the parts run, or before: every thread stops, nothing
 * waits for a batch that never comes, and all is freed (the sanitizer
 * build checks leaks). */
static void
test_cancel (Fixture      *f,
             gconstpointer data)
{
  g_autofree char *journey_path = g_build_filename (TESTS_SRCDIR, "..", "data", "journeys",
                                                    "furniture-cross-sell.json", NULL);
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 200000;

  journey = cairn_journey_load_file (journey_path, &error);
  g_assert_no_error (error);
  write_log (f, n, 0, 0);
  for (guint threads = 2; threads <= 4; threads++)
    for (guint early = 0; early < 2; early++)
      {
        g_autoptr(GCancellable) cancellable = g_cancellable_new ();
        g_autoptr(CairnInput) input = cairn_input_new_replay (f->events_path, f->profiles_path, -1, &error);
        g_autofree char *report = NULL;
        CairnSimOptions options;

        g_assert_no_error (error);
        cairn_sim_options_init (&options);
        options.threads = threads;
        options.has_end = TRUE;
        options.end = ((gint64) FIRST_TIME + 37 * (gint64) n) * CAIRN_USEC_PER_SEC;
        options.progress = cancel_at_a_fifth;
        options.progress_data = cancellable;
        if (early)
          g_cancellable_cancel (cancellable);
        report = cairn_sim_run (journey, input, &options, cancellable, &error);
        g_assert_null (report);
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
        g_clear_error (&error);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/core/replay-split/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("whole", test_whole);
  ADD ("window", test_window);
  ADD ("past-end", test_past_end);
  ADD ("bad-line", test_bad_line);
  ADD ("out-of-order", test_out_of_order);
  ADD ("empty", test_empty);
  ADD ("odd-lines", test_odd_lines);
  ADD ("out-of-order-anywhere", test_out_of_order_anywhere);
  ADD ("window-too-long", test_window_too_long);
  ADD ("cancel", test_cancel);
#undef ADD
  return g_test_run ();
}
