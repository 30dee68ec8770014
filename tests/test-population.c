/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A generated population (DESIGN §6, §12 R5): the values its generators
 * draw, objects shared by users whose values are equal (and only by them),
 * and the time that sharing takes. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "cairn-json.h"
#include "cairn-population-private.h"
#include "cairn-rng.h"
#include "cairn-scenario.h"
#include "cairn-scenario-private.h"
#include "cairn-simulation.h"

#define SEED 77

static CairnInput *
load (const char *attributes,
      guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "{\"format\": \"cairn-scenario\", \"version\": 1, \"seed\": %d,\n"
    " \"start\": \"2026-01-01T00:00:00Z\", \"end\": \"2026-01-02T00:00:00Z\",\n"
    " \"generate\": {\"count\": %u, \"personas\": [{\"name\": \"p\", \"attributes\": %s}]}}",
    SEED, count, attributes);
  CairnInput *input = cairn_input_new_scenario_data (text, strlen (text), "population.json", -1, 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (input);
  g_assert_cmpuint (input->users->len, ==, count);
  return input;
}

static double
draw (const char *user,
      const char *purpose)
{
  return cairn_rng_draw (SEED, user, "-", 0, purpose);
}

/* A user's key hashed once gives cairn_rng_draw ()'s draws (R). */
static void
test_keyed_draws (void)
{
  const guint64 seeds[] = { 0, 1, 77, 2026, G_MAXINT64, G_MAXUINT64 };
  const char *users[] = { "", "a", "shopper-100000", "Zoë/1" };
  const char *purposes[] = { "", "persona", "attributes.age", "events.12.345.params.price" };

  for (gsize s = 0; s < G_N_ELEMENTS (seeds); s++)
    for (gsize u = 0; u < G_N_ELEMENTS (users); u++)
      {
        guint64 key = population_key (seeds[s], users[u]);

        for (gsize p = 0; p < G_N_ELEMENTS (purposes); p++)
          g_assert_cmpfloat (population_draw (key, purposes[p]), ==,
                             cairn_rng_draw (seeds[s], users[u], "-", 0, purposes[p]));
      }
}

/* Events sorted by time, stably (T4), whether a key is one number (time
 * above index) or two (a span of time too wide for that). */
static void
sort_and_check (gint64 spread,
                guint  n)
{
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (CairnInputEvent));
  GRand *rand = g_rand_new_with_seed (n);

  for (guint i = 0; i < n; i++)
    {
      /* Few distinct times, so that many are equal; the user is the
         event's place in the input. */
      CairnInputEvent event = { 0 };

      event.time = (gint64) g_rand_int_range (rand, 0, 50) * spread - 3;
      event.user = i;
      g_array_append_val (events, event);
    }
  scenario_sort_events (events);
  for (guint i = 1; i < n; i++)
    {
      CairnInputEvent *a = &g_array_index (events, CairnInputEvent, i - 1);
      CairnInputEvent *b = &g_array_index (events, CairnInputEvent, i);

      g_assert_cmpint (a->time, <=, b->time);
      if (a->time == b->time)
        g_assert_cmpuint (a->user, <, b->user);
    }
  g_rand_free (rand);
}

static void
test_sort_events (void)
{
  sort_and_check (1000, 200000);
  sort_and_check (G_GINT64_CONSTANT (1) << 56, 5000);
}

/* Each member's value is R5's, drawn with the key of its path. */
static void
test_draws (void)
{
  g_autoptr(CairnInput) input = load ("{\"age\": {\"uniform\": [25, 60]}, \"score\": {\"uniform\": [0.5, 2.5]},"
                                      " \"city\": {\"choice\": [\"Leeds\", \"York\", \"Bath\"]},"
                                      " \"tier\": {\"weighted\": {\"gold\": 1, \"silver\": 3}}, \"kind\": \"shopper\"}",
                                      300);

  for (guint i = 0; i < input->users->len; i++)
    {
      CairnUser *user = cairn_input_get_user (input, i);
      JsonObject *a = user->attributes;
      const char *cities[] = { "Leeds", "York", "Bath" };
      double u;

      g_assert_cmpint (json_object_get_int_member (a, "age"), ==,
                       25 + (gint64) floor (draw (user->id, "attributes.age") * 36));
      g_assert_cmpfloat (json_object_get_double_member (a, "score"), ==,
                         0.5 + draw (user->id, "attributes.score") * 2.0);
      g_assert_cmpstr (json_object_get_string_member (a, "city"), ==,
                       cities[(guint) floor (draw (user->id, "attributes.city") * 3)]);
      u = draw (user->id, "attributes.tier");
      g_assert_cmpstr (json_object_get_string_member (a, "tier"), ==, u * 4 < 1 ? "gold" : "silver");
      g_assert_cmpstr (json_object_get_string_member (a, "kind"), ==, "shopper");
    }
}

/* The content of an object, types and signs included. */
static char *
describe (JsonObject *object)
{
  GString *out = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      GType type = json_node_get_value_type (value);

      if (type == G_TYPE_INT64)
        g_string_append_printf (out, "%s=i%" G_GINT64_FORMAT ";", name, json_node_get_int (value));
      else if (type == G_TYPE_DOUBLE)
        g_string_append_printf (out, "%s=d%s%g;", name, signbit (json_node_get_double (value)) ? "-" : "+",
                                fabs (json_node_get_double (value)));
      else
        g_string_append_printf (out, "%s=s%s;", name, json_node_get_string (value));
    }
  return g_string_free (out, FALSE);
}

/* Users whose values are equal share one object, and no others do: 1 and
 * 1.0, 0.0 and -0.0 stay apart; two equal choices make one. */
static void
test_shared_by_value (void)
{
  g_autoptr(CairnInput) input = load ("{\"tier\": {\"choice\": [\"a\", \"a\", \"b\"]}, \"n\": {\"choice\": [1, 1.0]},"
                                      " \"z\": {\"choice\": [0.0, -0.0]}}", 2000);
  g_autoptr(GHashTable) by_content = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) objects = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < input->users->len; i++)
    {
      JsonObject *a = cairn_input_get_user (input, i)->attributes;
      char *content = describe (a);
      JsonObject *seen = g_hash_table_lookup (by_content, content);

      if (seen == NULL)
        g_hash_table_insert (by_content, content, a);
      else
        {
          g_assert_true (seen == a);
          g_free (content);
        }
      g_hash_table_add (objects, a);
    }
  /* "a" or "b", 1 or 1.0, 0.0 or -0.0 */
  g_assert_cmpuint (g_hash_table_size (by_content), ==, 8);
  g_assert_cmpuint (g_hash_table_size (objects), ==, 8);
}

/* A generated id that a scripted user has is an error, at the first such
 * user; ids that only look alike are not. */
static CairnInput *
load_with_scripted (const char  *id,
                    guint        threads,
                    GError     **error)
{
  g_autofree char *text = g_strdup_printf (
    "{\"format\": \"cairn-scenario\", \"version\": 1,\n"
    " \"start\": \"2026-01-01T00:00:00Z\", \"end\": \"2026-01-02T00:00:00Z\",\n"
    " \"users\": [{\"id\": \"%s\"}],\n"
    " \"generate\": {\"count\": 25000, \"personas\": [{\"name\": \"p\"}]}}", id);

  return cairn_input_new_scenario_data (text, strlen (text), "ids.json", -1, threads, error);
}

static void
test_scripted_ids (void)
{
  const char *apart[] = { "x7", "g0", "g07", "g", "G7" };

  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnInput) input = load_with_scripted ("g20000", threads, &error);

      g_assert_null (input);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "the generated user \"g20000\" has the id of a scripted user"));
      g_clear_error (&error);
      for (gsize i = 0; i < G_N_ELEMENTS (apart); i++)
        {
          g_autoptr(CairnInput) fine = load_with_scripted (apart[i], threads, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (fine->users->len, ==, 25001);
          g_assert_cmpstr (cairn_input_get_user (fine, 1)->id, ==, "g1");
          g_assert_cmpstr (cairn_input_get_user (fine, 25000)->id, ==, "g25000");
        }
    }
}

/* The designer's runs (cairn-simulation.c) make the population and run it
 * on any number of threads, with the same report. */
static void
test_threads (void)
{
  g_autofree char *journey_path = g_build_filename (TESTS_SRCDIR, "..", "data", "journeys",
                                                    "furniture-cross-sell.json", NULL);
  g_autofree char *crowd = g_build_filename (TESTS_SRCDIR, "..", "data", "scenarios",
                                             "furniture-cross-sell-crowd.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  journey = cairn_journey_load_file (journey_path, &error);
  g_assert_no_error (error);
  root = cairn_json_load_file (crowd, NULL, &error);
  g_assert_no_error (error);
  /* Past the size a population is made and run in parts */
  json_object_set_int_member (cairn_json_get_object (json_node_get_object (root), "generate"), "count", 25000);
  text = cairn_json_to_string (root, TRUE);

  for (guint threads = 1; threads <= 3; threads++)
    {
      CairnSimulationOptions options;
      g_autofree char *report = NULL;

      cairn_simulation_options_init (&options);
      options.threads = threads;
      report = cairn_simulation_run_scenario_data (journey, text, strlen (text), crowd, &options,
                                                   NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      {
        g_autoptr(JsonNode) parsed = cairn_json_parse (report, strlen (report), NULL, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpint (json_object_get_int_member (json_node_get_object (parsed), "users"), ==, 25001);
      }
      if (first == NULL)
        first = g_steal_pointer (&report);
      else
        g_assert_cmpstr (report, ==, first);
    }
}

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static double
time_load (const char *attributes)
{
  double t0 = thread_cpu_ms ();
  g_autoptr(CairnInput) input = load (attributes, 8192);

  return thread_cpu_ms () - t0;
}

/* Drawing a number from [0, 1) for each user gives a new object each
 * time; looking for an equal one among them must not compare it with all
 * the others (every such number used to have the same hash). */
static void
test_new_values_fast (void)
{
  double whole = time_load ("{\"d\": {\"uniform\": [0, 1000000000]}, \"k\": \"x\"}");
  double fraction = time_load ("{\"d\": {\"uniform\": [0.0, 1.0]}, \"k\": \"x\"}");

  g_test_message ("8192 users: %.1f ms with whole numbers, %.1f ms with fractions", whole, fraction);
  g_assert_cmpfloat (fraction, <, 3 * whole + 25);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/population/keyed-draws", test_keyed_draws);
  g_test_add_func ("/population/draws", test_draws);
  g_test_add_func ("/population/sort-events", test_sort_events);
  g_test_add_func ("/population/shared-by-value", test_shared_by_value);
  g_test_add_func ("/population/threads", test_threads);
  g_test_add_func ("/population/scripted-ids", test_scripted_ids);
  g_test_add_func ("/population/new-values-fast", test_new_values_fast);
  return g_test_run ();
}
