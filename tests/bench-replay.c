/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replay benchmark (issue 15): `cairn-cli simulate --events … --profiles …`
 * end to end, against a bare C loop over the same log measured in the same
 * run, so that the figures are ratios that a busy shared host changes
 * little.
 *
 * The bare loop is the practical limit of a replay: it reads the file,
 * finds "time", "user" and "name" by scanning, keeps a hash of users and a
 * binary heap of timers (a three-day timer per purchase, fired as the
 * clock passes it), and does nothing else.
 *
 * Usage: bench-replay [--before OLD-CLI] CAIRN-CLI [EVENTS [GENERATED-USERS]]
 * (defaults 2400000 events of EVENTS/12 users, and 1000000 generated
 * users), or bench-replay --write DIR [EVENTS] to only write the log, its
 * profiles and the scenario into DIR. Each figure is the best of three
 * rounds; with --before, every round times OLD-CLI too, next to it (each
 * first in every other round), so that a change's before and after share
 * the loop's figure and the hour.
 * The inputs live in a temporary directory, removed at the end. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench-util.h"

#define ROUNDS 3

/* The log of bench-engine: events of many users, sorted by time, over
 * three weeks; and a profile for every second user. */
static void
write_inputs (const char *dir,
              guint64     events,
              guint64     generated)
{
  g_autofree char *events_path = g_build_filename (dir, "events.jsonl", NULL);
  g_autofree char *profiles_path = g_build_filename (dir, "profiles.jsonl", NULL);
  g_autofree char *scenario_path = g_build_filename (dir, "crowd.json", NULL);
  g_autofree char *catalog_path = bench_source_file ("data/catalogs/home.json");
  guint64 n_users = MAX (events / 12, 1);
  FILE *file = g_fopen (events_path, "w");

  g_assert_nonnull (file);
  for (guint64 i = 0; i < events; i++)
    {
      time_t seconds = 1793577600 + (gint64) (i * (21.0 * 86400.0 / events));
      struct tm tm;
      char stamp[32];

      gmtime_r (&seconds, &tm);
      strftime (stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
      fprintf (file,
               "{\"time\": \"%s\", \"user\": \"u%" G_GUINT64_FORMAT "\", \"name\": \"%s\", \"platform\": \"web\", "
               "\"params\": {\"category\": \"%s\", \"product_id\": \"p%" G_GUINT64_FORMAT "\", \"price\": %" G_GUINT64_FORMAT "}}\n",
               stamp, (i * 7919) % n_users, i % 3 ? "product_view" : "purchase",
               i % 5 ? "furniture" : "home-decor", i % 100, 20 + i % 500);
    }
  g_assert_cmpint (fclose (file), ==, 0);

  file = g_fopen (profiles_path, "w");
  g_assert_nonnull (file);
  for (guint64 u = 0; u < n_users; u += 2)
    fprintf (file, "{\"id\": \"u%" G_GUINT64_FORMAT "\", \"attributes\": {\"name\": \"%s\", \"age\": %" G_GUINT64_FORMAT "}, "
             "\"reachability\": {\"email\": true, \"web_push\": %s}}\n",
             u, u % 3 ? "Ann" : "Bo", 20 + u % 50, u % 4 ? "true" : "false");
  g_assert_cmpint (fclose (file), ==, 0);

  /* bench-engine's population, as a scenario file. */
  bench_write_scenario (scenario_path, catalog_path, generated);
}

/* The bare loop. */

typedef struct
{
  char    *id;            /* NULL: a free slot */
  guint32  hash;
  guint32  events;
  guint32  fired;
} LoopUser;

typedef struct
{
  gint64  time;
  guint32 slot;
} Timer;

typedef struct
{
  LoopUser *users;
  gsize     capacity, n_users;
  Timer    *heap;
  gsize     heap_len, heap_size;
  guint64   fired;
} Loop;

static guint32
fnv1a (const char *s,
       gsize       n)
{
  guint32 h = 2166136261u;
  for (gsize i = 0; i < n; i++)
    h = (h ^ (guchar) s[i]) * 16777619u;
  return h;
}

static LoopUser *
loop_user (Loop       *loop,
           const char *id,
           gsize       n)
{
  guint32 hash = fnv1a (id, n);
  gsize mask, i;

  if ((loop->n_users + 1) * 2 > loop->capacity)
    {
      LoopUser *old = loop->users;
      gsize old_capacity = loop->capacity;

      loop->capacity = MAX (old_capacity * 2, 1024);
      loop->users = g_new0 (LoopUser, loop->capacity);
      for (gsize k = 0; k < old_capacity; k++)
        if (old[k].id != NULL)
          {
            for (i = old[k].hash & (loop->capacity - 1); loop->users[i].id != NULL; i = (i + 1) & (loop->capacity - 1))
              ;
            loop->users[i] = old[k];
          }
      g_free (old);
    }
  mask = loop->capacity - 1;
  for (i = hash & mask; loop->users[i].id != NULL; i = (i + 1) & mask)
    if (loop->users[i].hash == hash && strncmp (loop->users[i].id, id, n) == 0 && loop->users[i].id[n] == '\0')
      return &loop->users[i];
  loop->users[i].id = g_strndup (id, n);
  loop->users[i].hash = hash;
  loop->n_users++;
  return &loop->users[i];
}

static void
heap_push (Loop   *loop,
           gint64  time,
           guint32 slot)
{
  gsize i;

  if (loop->heap_len == loop->heap_size)
    {
      loop->heap_size = MAX (loop->heap_size * 2, 1024);
      loop->heap = g_renew (Timer, loop->heap, loop->heap_size);
    }
  for (i = loop->heap_len++; i > 0 && loop->heap[(i - 1) / 2].time > time; i = (i - 1) / 2)
    loop->heap[i] = loop->heap[(i - 1) / 2];
  loop->heap[i] = (Timer) { time, slot };
}

static Timer
heap_pop (Loop *loop)
{
  Timer top = loop->heap[0], last = loop->heap[--loop->heap_len];
  gsize i = 0;

  for (;;)
    {
      gsize child = 2 * i + 1;
      if (child >= loop->heap_len)
        break;
      if (child + 1 < loop->heap_len && loop->heap[child + 1].time < loop->heap[child].time)
        child++;
      if (loop->heap[child].time >= last.time)
        break;
      loop->heap[i] = loop->heap[child];
      i = child;
    }
  if (loop->heap_len > 0)
    loop->heap[i] = last;
  return top;
}

/* The string value of "key" in the line, found by scanning. */
static gboolean
find_value (const char  *line,
            const char  *end,
            const char  *key,
            const char **value,
            gsize       *n)
{
  gsize key_len = strlen (key);
  const char *p = line, *q;

  while ((p = memchr (p, '"', end - p)) != NULL)
    {
      if ((gsize) (end - p) > key_len + 1 && memcmp (p + 1, key, key_len) == 0 && p[key_len + 1] == '"')
        {
          p += key_len + 2;
          while (p < end && (*p == ' ' || *p == ':'))
            p++;
          if (p >= end || *p != '"')
            return FALSE;
          p++;
          q = memchr (p, '"', end - p);
          if (q == NULL)
            return FALSE;
          *value = p;
          *n = q - p;
          return TRUE;
        }
      /* Past this string: keys and values alternate. */
      q = memchr (p + 1, '"', end - p - 1);
      if (q == NULL)
        return FALSE;
      p = q + 1;
    }
  return FALSE;
}

static int
digits (const char *p,
        int         n)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    v = v * 10 + (p[i] - '0');
  return v;
}

/* "YYYY-MM-DDTHH:MM:SSZ" in seconds since the epoch. */
static gint64
loop_time (const char *p,
           gsize       n)
{
  int y, m, d;
  gint64 era, yoe, doy, doe, days;

  if (n < 20)
    return 0;
  y = digits (p, 4);
  m = digits (p + 5, 2);
  d = digits (p + 8, 2);
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  days = era * 146097 + doe - 719468;
  return days * 86400 + digits (p + 11, 2) * 3600 + digits (p + 14, 2) * 60 + digits (p + 17, 2);
}

/* Returns the events read; @checksum so that nothing is left out. */
static guint64
bare_loop (const char *path,
           guint64    *checksum)
{
  FILE *file = g_fopen (path, "rb");
  gsize size = 1 << 20, start = 0, end = 0, n;
  char *buffer = g_malloc (size);
  Loop loop = { 0 };
  guint64 events = 0;

  g_assert_nonnull (file);
  for (;;)
    {
      char *newline = memchr (buffer + start, '\n', end - start);

      if (newline == NULL)
        {
          memmove (buffer, buffer + start, end - start);
          end -= start;
          start = 0;
          if (end + 1 >= size)
            buffer = g_realloc (buffer, size *= 2);
          n = fread (buffer + end, 1, size - end - 1, file);
          if (n == 0)
            break;
          end += n;
          continue;
        }
      {
        const char *line = buffer + start, *time_text, *user, *name;
        gsize time_len, user_len, name_len;
        LoopUser *state;
        gint64 time;

        start = newline + 1 - buffer;
        if (!find_value (line, newline, "time", &time_text, &time_len)
            || !find_value (line, newline, "user", &user, &user_len)
            || !find_value (line, newline, "name", &name, &name_len))
          continue;
        time = loop_time (time_text, time_len);
        while (loop.heap_len > 0 && loop.heap[0].time <= time)
          {
            Timer timer = heap_pop (&loop);
            loop.users[timer.slot].fired++;
            loop.fired++;
          }
        state = loop_user (&loop, user, user_len);
        state->events++;
        if (name_len == 8 && memcmp (name, "purchase", 8) == 0)
          heap_push (&loop, time + 3 * 86400, state - loop.users);
        events++;
      }
    }
  fclose (file);
  *checksum = loop.fired * 1000003 + loop.n_users;
  for (gsize k = 0; k < loop.capacity; k++)
    g_free (loop.users[k].id);
  g_free (loop.users);
  g_free (loop.heap);
  g_free (buffer);
  return events;
}

/* User and system CPU seconds of this process (@who RUSAGE_SELF) or of
 * its children waited for. */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* cairn-cli with @args, as a shell would run it; the seconds it took, and
 * in @cpu the CPU seconds. */
static double
run_cli (const char  *cli,
         const char **args,
         double      *cpu)
{
  double cpu_before = cpu_seconds (RUSAGE_CHILDREN);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *err = NULL;
  int status;
  gint64 started;

  /* The test environment's debugging aids are not a user's. */
  env = g_environ_unsetenv (env, "G_DEBUG");
  env = g_environ_unsetenv (env, "MALLOC_CHECK_");
  env = g_environ_unsetenv (env, "MALLOC_PERTURB_");
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  started = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    g_error ("%s: %s", cli, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s", cli, error->message, err);
  *cpu = cpu_seconds (RUSAGE_CHILDREN) - cpu_before;
  return (g_get_monotonic_time () - started) / 1e6;
}

typedef struct
{
  const char *cli;
  double      t1_s, t2_s, gen_s;     /* best wall times */
  double      t1_cpu, t2_cpu, gen_cpu;
} Contender;

/* One round of @c's three runs. */
static void
run_round (Contender  *c,
           const char *journey,
           const char *catalog,
           const char *events_path,
           const char *profiles_path,
           const char *scenario_path,
           const char *report)
{
  const char *t1[] = { "simulate", journey, "--events", events_path, "--profiles", profiles_path,
                       "--catalog", catalog, "--report", report, "--threads", "1", NULL };
  const char *t2[] = { "simulate", journey, "--events", events_path, "--profiles", profiles_path,
                       "--catalog", catalog, "--report", report, "--threads", "2", NULL };
  const char *gen[] = { "simulate", journey, "--scenario", scenario_path, "--report", report, NULL };
  double cpu;

  c->t1_s = MIN (c->t1_s, run_cli (c->cli, t1, &cpu));
  c->t1_cpu = MIN (c->t1_cpu, cpu);
  c->t2_s = MIN (c->t2_s, run_cli (c->cli, t2, &cpu));
  c->t2_cpu = MIN (c->t2_cpu, cpu);
  c->gen_s = MIN (c->gen_s, run_cli (c->cli, gen, &cpu));
  c->gen_cpu = MIN (c->gen_cpu, cpu);
}

static void
print_contender (const Contender *c,
                 const char      *label,
                 guint64          events,
                 guint64          generated,
                 double           loop_s,
                 double           loop_cpu)
{
  if (label != NULL)
    printf ("%s (%s):\n", label, c->cli);
  printf ("replay --threads 1:   %.2f s (CPU %.2f s), %.2f M events/s, %.2f times the loop's events/s\n",
          c->t1_s, c->t1_cpu, events / c->t1_s / 1e6, loop_s / c->t1_s);
  printf ("replay --threads 2:   %.2f s (CPU %.2f s), %.2f M events/s, %.2f times the loop's events/s\n",
          c->t2_s, c->t2_cpu, events / c->t2_s / 1e6, loop_s / c->t2_s);
  printf ("generated %" G_GUINT64_FORMAT " users: %.2f s (CPU %.2f s), %.2f times the loop's replay time\n",
          generated, c->gen_s, c->gen_cpu, c->gen_s / loop_s);
  printf ("ratios (wall time): threads-1 %.2f, threads-2 %.2f, generated/loop time %.2f\n",
          loop_s / c->t1_s, loop_s / c->t2_s, c->gen_s / loop_s);
  /* With other work on the host, wall times say little; CPU time hides
     what a second thread gains, so it is only a check of the first. */
  printf ("ratios (CPU time):  threads-1 %.2f, generated/loop time %.2f\n",
          loop_cpu / c->t1_cpu, c->gen_cpu / loop_cpu);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *journey = bench_source_file ("data/journeys/furniture-cross-sell.json");
  g_autofree char *catalog = bench_source_file ("data/catalogs/home.json");
  g_autofree char *dir = NULL, *events_path = NULL, *profiles_path = NULL, *scenario_path = NULL, *report = NULL;
  guint64 events, generated, read = 0, checksum = 0, first_checksum = 0;
  double loop_s = G_MAXDOUBLE, loop_cpu = G_MAXDOUBLE;
  Contender after = { NULL, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE };
  Contender before = after;

  if (argc >= 3 && strcmp (argv[1], "--write") == 0)
    {
      g_assert_cmpint (g_mkdir_with_parents (argv[2], 0755), ==, 0);
      write_inputs (argv[2], argc > 3 ? g_ascii_strtoull (argv[3], NULL, 10) : 2400000,
                    argc > 4 ? g_ascii_strtoull (argv[4], NULL, 10) : 1000000);
      return 0;
    }
  if (argc >= 3 && strcmp (argv[1], "--before") == 0)
    {
      before.cli = argv[2];
      argv += 2;
      argc -= 2;
    }
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s [--before OLD-CLI] CAIRN-CLI [EVENTS [GENERATED-USERS]] | "
               "--write DIR [EVENTS [GENERATED-USERS]]\n", argv[0]);
      return 2;
    }
  after.cli = argv[1];
  events = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 2400000;
  generated = argc > 3 ? g_ascii_strtoull (argv[3], NULL, 10) : 1000000;

  dir = g_dir_make_tmp ("cairn-bench-replay-XXXXXX", &error);
  g_assert_no_error (error);
  events_path = g_build_filename (dir, "events.jsonl", NULL);
  profiles_path = g_build_filename (dir, "profiles.jsonl", NULL);
  scenario_path = g_build_filename (dir, "crowd.json", NULL);
  report = g_build_filename (dir, "report.json", NULL);
  write_inputs (dir, events, generated);

  for (int round = 0; round < ROUNDS; round++)
    {
      gint64 started = g_get_monotonic_time ();
      double cpu_started = cpu_seconds (RUSAGE_SELF);

      read = bare_loop (events_path, &checksum);
      loop_s = MIN (loop_s, (g_get_monotonic_time () - started) / 1e6);
      loop_cpu = MIN (loop_cpu, cpu_seconds (RUSAGE_SELF) - cpu_started);
      g_assert_cmpuint (read, ==, events);
      g_assert_true (round == 0 || checksum == first_checksum);
      first_checksum = checksum;
      /* Each goes first in every other round. */
      if (before.cli != NULL && round % 2 == 1)
        run_round (&before, journey, catalog, events_path, profiles_path, scenario_path, report);
      run_round (&after, journey, catalog, events_path, profiles_path, scenario_path, report);
      if (before.cli != NULL && round % 2 == 0)
        run_round (&before, journey, catalog, events_path, profiles_path, scenario_path, report);
    }

  printf ("log: %" G_GUINT64_FORMAT " events of %" G_GUINT64_FORMAT " users, profiles for half of them; best of %d rounds\n",
          events, MAX (events / 12, 1), ROUNDS);
  printf ("bare loop:            %.2f s (CPU %.2f s), %.2f M events/s\n", loop_s, loop_cpu, events / loop_s / 1e6);
  if (before.cli != NULL)
    print_contender (&before, "before", events, generated, loop_s, loop_cpu);
  print_contender (&after, before.cli != NULL ? "after" : NULL, events, generated, loop_s, loop_cpu);

  g_unlink (events_path);
  g_unlink (profiles_path);
  g_unlink (scenario_path);
  g_unlink (report);
  g_rmdir (dir);
  return 0;
}
