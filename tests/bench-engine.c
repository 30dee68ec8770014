/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Engine benchmark: a generated population through the furniture sample
 * journey (engagement and messages included), then a replayed log.
 * Usage: bench-engine [USERS [EVENTS]] (defaults 1000000 and 2400000, the
 * log's users a twelfth of its events). Prints wall time, peak RSS and
 * throughput, and the engine's memory per user waiting in a journey. */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "cairn-cli-tune.h"
#include "cairn-journey.h"
#include "cairn-diagnostic.h"
#include "cairn-portfolio.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"

static double
peak_rss_mib (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* The bytes malloc has handed out and not had back, in MiB: unlike the
 * resident set, it does not depend on whether the heap reuses pages that
 * building the input freed, or on the size of the pages. */
static double
heap_in_use_mib (void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  struct mallinfo2 info = mallinfo2 ();

  return (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
#else
  /* The resident set, where there is no mallinfo2 */
  g_autofree char *text = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &text, NULL, NULL))
    sscanf (text, "%lu %lu", &size, &resident);
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
#endif
}

static void
sample_heap (double   fraction,
             gpointer data)
{
  double *most = data;
  *most = MAX (*most, heap_in_use_mib ());
}

/* Every user enters and waits: the engine's state per waiting user is the
 * growth of the heap in use over the run (sampled while it runs, and at
 * its end), per user. */
static void
waiting_state (guint64 users)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cairn-bench-XXXXXX", &error);
  g_autofree char *journey_path = g_build_filename (dir, "wait.json", NULL);
  g_autofree char *scenario_path = g_build_filename (dir, "crowd.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *report = NULL;
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(CairnInput) input = NULL;
  double before, most = 0;
  CairnSimOptions options;

  g_assert_true (g_file_set_contents (journey_path,
    "{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"wait\", \"name\": \"Wait\",\n"
    " \"nodes\": [{\"id\": \"start\", \"type\": \"starter.event\", \"config\": {\"event\": \"purchase\"}},\n"
    "           {\"id\": \"w\", \"type\": \"wait.duration\", \"config\": {\"duration\": \"P30D\"}}],\n"
    " \"edges\": [{\"from\": \"start\", \"port\": \"out\", \"to\": \"w\"}]}\n", -1, NULL));
  text = g_strdup_printf ("{\"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"w\", \"seed\": 1,\n"
                          " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-09T00:00:00Z\",\n"
                          " \"generate\": {\"count\": %" G_GUINT64_FORMAT ", \"personas\": [{\"name\": \"p\",\n"
                          "   \"events\": [{\"name\": \"purchase\", \"rate_per_day\": 1}]}]}}\n", users);
  g_assert_true (g_file_set_contents (scenario_path, text, -1, NULL));
  journey = cairn_journey_load_file (journey_path, &error);
  g_assert_no_error (error);
  input = cairn_input_new_scenario (scenario_path, -1, &error);
  g_assert_no_error (error);
  cairn_sim_options_init (&options);
  options.threads = 1;
  options.progress = sample_heap;
  options.progress_data = &most;
  before = heap_in_use_mib ();
  report = cairn_sim_run (journey, input, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report, "\"active_at_end\":"));
  printf ("waiting: %" G_GUINT64_FORMAT " users waiting at the end, %.0f bytes of engine state per user\n",
          users, (most - before) * 1024 * 1024 / users);
  g_unlink (journey_path);
  g_unlink (scenario_path);
  g_rmdir (dir);
}

/* Returns the seconds the run itself took. */
static double
run_input (CairnJourney   *journey,
           CairnPortfolio *portfolio,
           CairnInput     *input,
           const char     *what,
           guint64         n,
           const char     *unit,
           gint64          started)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  double seconds;
  gint64 run_started = g_get_monotonic_time ();

  if (portfolio != NULL)
    report = cairn_sim_run_portfolio (portfolio, input, NULL, NULL, &error);
  else
    report = cairn_sim_run (journey, input, NULL, NULL, &error);
  if (report == NULL)
    g_error ("%s: %s", what, error->message);
  seconds = (g_get_monotonic_time () - started) / 1e6;
  printf ("%s: %" G_GUINT64_FORMAT " %s in %.2f s (%.0f %s/s), peak RSS %.0f MiB, report %zu bytes\n",
          what, n, unit, seconds, n / seconds, unit, peak_rss_mib (), strlen (report));
  return (g_get_monotonic_time () - run_started) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint64 users = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint64 events = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 2400000;
  g_autofree char *journey_path = bench_source_file ("data/journeys/furniture-cross-sell.json");
  g_autofree char *catalog_path = bench_source_file ("data/catalogs/home.json");
  g_autofree char *portfolio_path = bench_source_file ("data/portfolios/home.json");
  double single_seconds = 0;
  g_autofree char *dir = NULL;
  g_autofree char *scenario_path = NULL;
  g_autofree char *events_path = NULL;
  g_autoptr(CairnJourney) journey = NULL;
  gint64 started;

  /* As cairn-cli runs. */
  cairn_cli_tune_process (argv);
  dir = g_dir_make_tmp ("cairn-bench-XXXXXX", &error);
  g_assert_no_error (error);
  scenario_path = g_build_filename (dir, "crowd.json", NULL);
  events_path = g_build_filename (dir, "events.jsonl", NULL);
  /* First, while the peak is still this run's. */
  waiting_state (MIN (users, 200000));
  journey = cairn_journey_load_file (journey_path, &error);
  g_assert_no_error (error);

  /* A population like the sample crowd's, at scale. */
  bench_write_scenario (scenario_path, catalog_path, users);
  {
    g_autoptr(CairnInput) input = NULL;
    started = g_get_monotonic_time ();
    input = cairn_input_new_scenario (scenario_path, -1, &error);
    g_assert_no_error (error);
    printf ("generated: population built in %.2f s, peak RSS %.0f MiB\n",
            (g_get_monotonic_time () - started) / 1e6, peak_rss_mib ());
    single_seconds = run_input (journey, NULL, input, "generated", users, "users", started);
  }

  /* The same population through the three-journey home portfolio (DESIGN
     §13): its run's time against the single journey's. */
  {
    g_autoptr(CairnInput) input = NULL;
    g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
    g_autoptr(CairnPortfolio) portfolio = cairn_portfolio_load_file (portfolio_path, diagnostics, &error);
    double seconds;

    g_assert_no_error (error);
    started = g_get_monotonic_time ();
    input = cairn_input_new_scenario (scenario_path, -1, &error);
    g_assert_no_error (error);
    seconds = run_input (NULL, portfolio, input, "portfolio", users, "users", started);
    printf ("portfolio: %u journeys, run %.2f s against %.2f s for one journey (%.2f times)\n",
            portfolio->journeys->len, seconds, single_seconds, seconds / single_seconds);
  }

  /* A replayed log: events of many users, sorted by time. */
  {
    FILE *file = g_fopen (events_path, "w");
    g_autoptr(CairnInput) input = NULL;
    guint64 n_users = MAX (events / 12, 1);

    for (guint64 i = 0; i < events; i++)
      {
        gint64 seconds = (gint64) (i * (21.0 * 86400.0 / events));
        g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (1793577600 + seconds);
        g_autofree char *stamp = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
        fprintf (file,
                 "{\"time\": \"%s\", \"user\": \"u%" G_GUINT64_FORMAT "\", \"name\": \"%s\", \"platform\": \"web\", "
                 "\"params\": {\"category\": \"%s\", \"product_id\": \"p%" G_GUINT64_FORMAT "\", \"price\": %" G_GUINT64_FORMAT "}}\n",
                 stamp, (i * 7919) % n_users, i % 3 ? "product_view" : "purchase",
                 i % 5 ? "furniture" : "home-decor", i % 100, 20 + i % 500);
      }
    fclose (file);
    started = g_get_monotonic_time ();
    input = cairn_input_new_replay (events_path, NULL, -1, &error);
    g_assert_no_error (error);
    if (input->catalog == NULL)
      input->catalog = cairn_catalog_load_file (catalog_path, NULL);
    run_input (journey, NULL, input, "replay", events, "events", started);
  }

  g_unlink (scenario_path);
  g_unlink (events_path);
  g_rmdir (dir);
  return 0;
}
