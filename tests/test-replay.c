/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The replay's input side: the reader's index of users, its cache of event
 * names, its string scanner and cairn_input_params_member (), read through
 * the input's events, in the engine's thread and read ahead. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-replay-private.h"
#include "cairn-scenario.h"

#include "replay-fixture.h"

/* An id of @length characters that differs from its neighbours only at
 * its end, past what a slot holds. */
static char *
long_id (guint n,
         guint length)
{
  g_autofree char *tail = g_strdup_printf ("-%u", n);
  GString *id = g_string_new (NULL);

  while (id->len + strlen (tail) < length)
    g_string_append_c (id, 'x');
  g_string_append (id, tail);
  return g_string_free (id, FALSE);
}

/* Users of every id length from 1 to 48, some with profiles, seen again
 * and again in an order that is not theirs, and enough of them that the
 * index grows: every event has its own user, the same on every line. */
static void
check_users (Fixture  *fixture,
             gboolean  sequential)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnInput) input = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) events = g_string_new (NULL);
  g_autoptr(GString) profiles = g_string_new (NULL);
  guint n_lines = 0, n_profiles = 0;
  CairnInputEvent event;

  for (guint n = 0; n < 3000; n++)
    g_ptr_array_add (ids, long_id (n, 1 + n % 48));
  /* Two that differ in one character far in, two that are one the
     other's prefix, and one not ASCII. */
  g_ptr_array_add (ids, g_strdup ("abcdefghijklmnopqrstuvwxyz-0123456789-A"));
  g_ptr_array_add (ids, g_strdup ("abcdefghijklmnopqrstuvwxyz-0123456789-B"));
  g_ptr_array_add (ids, g_strdup ("abcdefghijklmnopqrst"));
  g_ptr_array_add (ids, g_strdup ("abcdefghijklmnopqrs"));
  /* Around the eight bytes an index slot holds itself */
  g_ptr_array_add (ids, g_strdup ("abcdefg"));
  g_ptr_array_add (ids, g_strdup ("abcdefgh"));
  g_ptr_array_add (ids, g_strdup ("abcdefgi"));
  g_ptr_array_add (ids, g_strdup ("abcdefghi"));
  g_ptr_array_add (ids, g_strdup ("K\xc3\xbc\xc3\xa7\xc3\xbck \xc5\x9f" "ehir m\xc3\xbc\xc5\x9f" "terisi"));
  for (guint i = 0; i < ids->len; i += 7)
    {
      g_string_append_printf (profiles, "{\"id\": \"%s\", \"attributes\": {\"n\": %u}}\n",
                              (char *) ids->pdata[i], i);
      n_profiles++;
    }
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < ids->len; i++)
      {
        guint k = (i * 1237 + round) % ids->len;
        g_string_append_printf (events, "{\"time\": \"2026-11-02T00:00:%02uZ\", \"user\": \"%s\", \"name\": \"%s\"}\n",
                                round, (char *) ids->pdata[k], k % 2 ? "purchase" : "product_view");
        n_lines++;
      }
  g_assert_true (g_file_set_contents (fixture->events_path, events->str, events->len, NULL));
  g_assert_true (g_file_set_contents (fixture->profiles_path, profiles->str, profiles->len, NULL));

  input = cairn_input_new_replay (fixture->events_path, fixture->profiles_path, -1, &error);
  g_assert_no_error (error);
  input->sequential = sequential;
  g_assert_cmpuint (input->users->len, ==, n_profiles);
  for (guint line = 0; line < n_lines; line++)
    {
      guint round = line / ids->len, k = ((line % ids->len) * 1237 + round) % ids->len;
      CairnUser *user;
      gboolean read = input->next_event (input, &event, &error);

      g_assert_no_error (error);
      g_assert_true (read);
      user = cairn_input_get_user (input, event.user);
      g_assert_nonnull (user);
      g_assert_cmpstr (user->id, ==, ids->pdata[k]);
      g_assert_cmpint (cairn_input_lookup_user (input, ids->pdata[k]), ==, event.user);
      /* A profile's user is the one its lines name. */
      g_assert_true ((user->origin == CAIRN_USER_PROFILE) == (k % 7 == 0));
      g_assert_true (event.name == g_intern_string (k % 2 ? "purchase" : "product_view"));
      g_assert_null (event.platform);
      cairn_input_event_clear (&event);
    }
  g_assert_false (input->next_event (input, &event, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (input->users->len, ==, ids->len);
  if (input->finish)
    input->finish (input);
}

static void
test_users (Fixture      *fixture,
            gconstpointer data)
{
  check_users (fixture, TRUE);
  check_users (fixture, FALSE);
}

/* Many event names and platforms, more than the reader's cache holds, each
 * the one interned string. */
static void
test_names (Fixture      *fixture,
            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnInput) input = NULL;
  g_autoptr(GString) events = g_string_new (NULL);
  CairnInputEvent event;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (events, "{\"time\": \"2026-11-02T00:00:00Z\", \"user\": \"u\", \"name\": \"event-%u\", \"platform\": \"p%u\"}\n",
                            (i * 7) % 300, i % 3);
  g_assert_true (g_file_set_contents (fixture->events_path, events->str, events->len, NULL));
  input = cairn_input_new_replay (fixture->events_path, NULL, -1, &error);
  g_assert_no_error (error);
  input->sequential = TRUE;
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf ("event-%u", (i * 7) % 300);
      g_autofree char *platform = g_strdup_printf ("p%u", i % 3);

      g_assert_true (input->next_event (input, &event, &error));
      g_assert_true (event.name == g_intern_string (name));
      g_assert_true (event.platform == g_intern_string (platform));
      cairn_input_event_clear (&event);
    }
}

/* Strings with an escape, a control character or a multibyte character
 * at every place in an eight-byte word: plain ones are read in place,
 * escapes go the parser's way and come out unescaped, a control character
 * is the parser's error. */
static void
test_strings (Fixture      *fixture,
              gconstpointer data)
{
  for (guint at = 0; at < 20; at++)
    {
      g_autofree char *head = g_strnfill (at, 'a');
      const char *const middles[] = { "\\\"", "\\\\", "\\u00e9", "\xc3\xa9", "\xe2\x82\xac", "\t" };
      const char *const meant[] = { "\"", "\\", "\xc3\xa9", "\xc3\xa9", "\xe2\x82\xac", NULL };

      for (guint m = 0; m < G_N_ELEMENTS (middles); m++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CairnInput) input = NULL;
          g_autofree char *line = g_strdup_printf ("{\"time\": \"2026-11-02T00:00:00Z\", \"user\": \"%s%sz\", \"name\": \"n\","
                                                   " \"params\": {\"s\": \"%s%sz\", \"k\": 1}}\n",
                                                   head, middles[m], head, middles[m]);
          g_autofree char *expected = meant[m] ? g_strdup_printf ("%s%sz", head, meant[m]) : NULL;
          CairnInputEvent event;
          gboolean read;

          g_assert_true (g_file_set_contents (fixture->events_path, line, -1, NULL));
          input = cairn_input_new_replay (fixture->events_path, NULL, -1, &error);
          g_assert_no_error (error);
          input->sequential = TRUE;
          read = input->next_event (input, &event, &error);
          if (expected == NULL)
            {
              g_assert_false (read);
              g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE);
              g_assert_true (g_str_has_prefix (error->message, fixture->events_path));
              continue;
            }
          g_assert_no_error (error);
          g_assert_true (read);
          g_assert_cmpstr (cairn_input_get_user (input, event.user)->id, ==, expected);
          if (event.params_text != NULL)
            {
              g_autoptr(JsonNode) s = cairn_input_params_member (event.params_text, "s");
              g_assert_cmpstr (json_node_get_string (s), ==, expected);
            }
          else
            g_assert_cmpstr (json_object_get_string_member (event.params, "s"), ==, expected);
          /* Escapes only go the long way. */
          g_assert_true ((event.params_text != NULL) == (middles[m][0] != '\\'));
          cairn_input_event_clear (&event);
        }
    }
}

/* Lines with the time of the line before, with another spelling of the
 * same time, a later one, and a time that is no time after them. */
static void
test_times (Fixture      *fixture,
            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnInput) input = NULL;
  /* Times of the day before read from its midnight, other shapes in
     between. */
  const char *const times[] = { "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00+01:00",
                                "2026-11-02T10:00:00Z", "2026-11-02T10:00:01Z", "2026-11-02T10:00:01Z",
                                "2026-11-02T10:00:02z", "2026-11-02T10:00:03Z", "2026-11-02T10:00:03.5Z",
                                "2026-11-02T10:00:04Z", "2026-11-02t10:00:05Z", "2026-11-02T10:00:06Z",
                                "2026-11-02T23:59:59Z", "2026-11-03T00:00:00Z", "2026-11-03T00:00:01Z",
                                "2026-11-03T09:08:07Z" };
  /* After a time of the same day, each is an error of its line. */
  const char *const bad[] = { "2026-11-03T24:00:00Z", "2026-11-03T10:60:00Z", "2026-11-03T10:00:60Z",
                              "2026-11-03T1a:00:00Z", "2026-11-03T10:00:00X", "2026-11-03T10-00:00Z",
                              "2026-11-03T10:00:0:Z", "2026-11-03T10:00:001" };
  g_autoptr(GString) events = g_string_new (NULL);
  CairnInputEvent event;
  CairnTime expected;
  g_autofree char *where = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_string_append_printf (events, "{\"time\": \"%s\", \"user\": \"u\", \"name\": \"n\"}\n", times[i]);
  g_string_append (events, "{\"time\": \"2026-11-02T10:00:0Z\", \"user\": \"u\", \"name\": \"n\"}\n");
  g_assert_true (g_file_set_contents (fixture->events_path, events->str, events->len, NULL));
  input = cairn_input_new_replay (fixture->events_path, NULL, -1, &error);
  g_assert_no_error (error);
  input->sequential = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gboolean read = input->next_event (input, &event, &error);

      g_assert_no_error (error);
      g_assert_true (read);
      g_assert_true (cairn_time_parse (times[i], &expected, NULL));
      g_assert_cmpint (event.time, ==, expected);
      cairn_input_event_clear (&event);
    }
  g_assert_false (input->next_event (input, &event, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE);
  where = g_strdup_printf (":%u: ", (guint) G_N_ELEMENTS (times) + 1);
  g_assert_nonnull (strstr (error->message, where));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CairnInput) again = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *text = g_strdup_printf ("{\"time\": \"2026-11-03T00:00:00Z\", \"user\": \"u\", \"name\": \"n\"}\n"
                                               "{\"time\": \"%s\", \"user\": \"u\", \"name\": \"n\"}\n", bad[i]);

      g_assert_true (g_file_set_contents (fixture->events_path, text, -1, NULL));
      again = cairn_input_new_replay (fixture->events_path, NULL, -1, &local);
      g_assert_no_error (local);
      again->sequential = TRUE;
      g_assert_true (again->next_event (again, &event, &local));
      g_assert_false (again->next_event (again, &event, &local));
      g_assert_error (local, CAIRN_ERROR, CAIRN_ERROR_PARSE);
      if (strstr (local->message, ":2: \"time\" must be an RFC 3339 time") == NULL)
        g_error ("%s: %s", bad[i], local->message);
    }
}

/* cairn_replay_same () is memcmp () == 0 for every length, whichever byte
 * differs. */
static void
test_same (void)
{
  char a[40], b[40];

  for (gsize n = 0; n <= 36; n++)
    {
      for (gsize i = 0; i < n; i++)
        a[i] = b[i] = 'a' + i % 26;
      g_assert_true (cairn_replay_same (a, b, n));
      for (gsize i = 0; i < n; i++)
        {
          b[i] ^= 0x40;
          g_assert_false (cairn_replay_same (a, b, n));
          g_assert_false (cairn_replay_same (b, a, n));
          b[i] ^= 0x40;
        }
      /* Bytes past the length are not compared */
      a[n] = 'x';
      b[n] = 'y';
      g_assert_true (cairn_replay_same (a, b, n));
    }
}

/* cairn_input_params_member (): the first, a middle and the last member,
 * every kind of value, spaces anywhere, a name not there, no members. */
static void
test_params_member (void)
{
  const char *text = "{ \"a\" : 1 ,\"bb\":\"x y\",  \"c\": true, \"d\":null,\"e\": -1.5e3 ,\"f\": false }";
  g_autoptr(JsonNode) a = cairn_input_params_member (text, "a");
  g_autoptr(JsonNode) bb = cairn_input_params_member (text, "bb");
  g_autoptr(JsonNode) c = cairn_input_params_member (text, "c");
  g_autoptr(JsonNode) d = cairn_input_params_member (text, "d");
  g_autoptr(JsonNode) e = cairn_input_params_member (text, "e");
  g_autoptr(JsonNode) f = cairn_input_params_member (text, "f");
  g_autoptr(JsonObject) object = cairn_input_parse_params (text);

  g_assert_cmpint (json_node_get_int (a), ==, 1);
  g_assert_cmpstr (json_node_get_string (bb), ==, "x y");
  g_assert_true (json_node_get_boolean (c));
  g_assert_true (JSON_NODE_HOLDS_NULL (d));
  g_assert_cmpfloat (json_node_get_double (e), ==, -1500.0);
  g_assert_false (json_node_get_boolean (f));
  g_assert_null (cairn_input_params_member (text, "b"));
  g_assert_null (cairn_input_params_member (text, "bbb"));
  g_assert_null (cairn_input_params_member (text, "g"));
  g_assert_null (cairn_input_params_member ("{}", "a"));
  g_assert_null (cairn_input_params_member ("{ }", "a"));
  g_assert_cmpuint (json_object_get_size (object), ==, 6);

  /* Values are kept for the next lookups, more than are kept at once; a
     number and a string of the same text are not the same. */
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *params = g_strdup_printf ("{\"n\": %u, \"s\": \"%u\"}", i % 5000, i % 5000);
      g_autoptr(JsonNode) n = cairn_input_params_member (params, "n");
      g_autoptr(JsonNode) string = cairn_input_params_member (params, "s");
      g_autofree char *text = g_strdup_printf ("%u", i % 5000);

      g_assert_cmpint (json_node_get_int (n), ==, i % 5000);
      g_assert_cmpstr (json_node_get_string (string), ==, text);
    }
}

/* Profiles: lines of the usual shape (read by the scanner, their objects
 * shared by text) and lines only the full parser takes (escapes, nesting,
 * a repeated name, "id" not first) give the same users; a later line of a
 * user replaces the objects it has; a shared object is one object. */
static void
test_profiles (Fixture      *fixture,
               gconstpointer data)
{
  const char *profiles =
    "{\"id\": \"a\", \"attributes\": {\"name\": \"Ann\", \"age\": 30}, \"reachability\": {\"email\": true}}\n"
    "{ \"reachability\" : {\"email\": true}, \"id\" : \"b\", \"attributes\": {\"name\": \"Ann\", \"age\": 30} }\n"
    "{\"id\": \"c\", \"attributes\": {\"name\": \"Zo\\u00eb\", \"tags\": {\"vip\": true}}, \"extra\": [1, 2]}\n"
    "\n"
    "{\"id\": \"d\", \"attributes\": {\"name\": \"Émile\", \"score\": -1.5e3, \"none\": null}, \"affinity\": {\"rugs\": 0.25}}\n"
    "{\"id\": \"a\", \"attributes\": {\"name\": \"Anna\"}, \"reachability\": null}\n"
    "{\"id\": \"e\", \"attributes\": 5, \"behavior\": {}}\n";
  const char *events = "{\"time\": \"2026-11-02T10:00:00Z\", \"user\": \"f\", \"name\": \"x\"}\n";
  g_autoptr(CairnInput) input = NULL;
  g_autoptr(GError) error = NULL;
  CairnUser *a, *b, *c, *d, *e;

  g_assert_true (g_file_set_contents (fixture->profiles_path, profiles, -1, NULL));
  g_assert_true (g_file_set_contents (fixture->events_path, events, -1, NULL));
  input = cairn_input_new_replay (fixture->events_path, fixture->profiles_path, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (input->users->len, ==, 5);
  a = cairn_input_get_user (input, cairn_input_lookup_user (input, "a"));
  b = cairn_input_get_user (input, cairn_input_lookup_user (input, "b"));
  c = cairn_input_get_user (input, cairn_input_lookup_user (input, "c"));
  d = cairn_input_get_user (input, cairn_input_lookup_user (input, "d"));
  e = cairn_input_get_user (input, cairn_input_lookup_user (input, "e"));
  g_assert_cmpuint (a->index, ==, 0);
  g_assert_cmpuint (e->index, ==, 4);
  g_assert_cmpstr (cairn_json_get_string (a->attributes, "name"), ==, "Anna");
  g_assert_cmpuint (json_object_get_size (a->attributes), ==, 1);
  /* null leaves what the user had */
  g_assert_true (json_object_get_boolean_member (a->reachability, "email"));
  g_assert_true (a->reachability == b->reachability);
  g_assert_cmpint (json_object_get_int_member (b->attributes, "age"), ==, 30);
  g_assert_cmpstr (cairn_json_get_string (c->attributes, "name"), ==, "Zoë");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (c->attributes, "tags"), "vip"));
  g_assert_null (c->reachability);
  g_assert_cmpstr (cairn_json_get_string (d->attributes, "name"), ==, "Émile");
  g_assert_cmpfloat (json_object_get_double_member (d->attributes, "score"), ==, -1500.0);
  g_assert_true (json_object_get_null_member (d->attributes, "none"));
  g_assert_cmpfloat (json_object_get_double_member (d->affinity, "rugs"), ==, 0.25);
  g_assert_null (e->attributes);
  g_assert_nonnull (e->behavior);
  g_assert_cmpuint (json_object_get_size (e->behavior), ==, 0);
}

/* A random profile line: members in any order, values of every kind,
 * sometimes escaped, nested, repeated or not an object at all. */
static void
random_value (GRand   *rand,
              GString *out,
              int      depth)
{
  static const char *const strings[] = { "Ann", "Bo", "Zo\u00eb", "a\\\"b", "", "gold", "Émile", "x y" };

  switch (g_rand_int_range (rand, 0, depth > 0 ? 7 : 9))
    {
    case 0: case 1: g_string_append_printf (out, "\"%s\"", strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]); break;
    case 2: g_string_append_printf (out, "%d", g_rand_int_range (rand, -50, 100)); break;
    case 3: g_string_append (out, g_rand_boolean (rand) ? "0.25" : "-1.5e3"); break;
    case 4: g_string_append (out, g_rand_boolean (rand) ? "true" : "false"); break;
    case 5: g_string_append (out, "null"); break;
    case 6: g_string_append (out, "[1, \"a\"]"); break;
    default:
      {
        guint n = g_rand_int_range (rand, 0, 4);

        g_string_append_c (out, '{');
        for (guint i = 0; i < n; i++)
          {
            g_string_append_printf (out, "%s\"%c\": ", i ? ", " : "", 'a' + g_rand_int_range (rand, 0, 4));
            random_value (rand, out, depth + 1);
          }
        g_string_append_c (out, '}');
      }
    }
}

/* Each user of @input holds the objects @expected has for its id. */
static void
check_profiles (CairnInput *input,
                GHashTable *expected)
{
  static const char *const names[] = { "attributes", "reachability", "affinity", "behavior" };

  for (guint u = 0; u < input->users->len; u++)
    {
      CairnUser *user = cairn_input_get_user (input, u);
      JsonObject *want = g_hash_table_lookup (expected, user->id);
      JsonObject *got[4] = { user->attributes, user->reachability, user->affinity, user->behavior };

      g_assert_nonnull (want);
      for (guint k = 0; k < 4; k++)
        {
          JsonNode *w = json_object_get_member (want, names[k]);
          g_autoptr(JsonNode) g = NULL;

          if (w == NULL)
            {
              g_assert_null (got[k]);
              continue;
            }
          g_assert_nonnull (got[k]);
          g = json_node_init_object (json_node_alloc (), got[k]);
          if (!cairn_json_equal (w, g))
            g_error ("%s %s: %s, read as %s", user->id, names[k], json_to_string (w, FALSE), json_to_string (g, FALSE));
        }
    }
}

/* Profiles read by the scanner or by the parser hold what json-glib reads
 * of each line (a later line of a user replacing the objects it has): a
 * thousand random lines, against a reading of each with json-glib. */
static void
test_profiles_random (Fixture      *fixture,
                      gconstpointer data)
{
  static const char *const names[] = { "attributes", "reachability", "affinity", "behavior", "other" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  g_autoptr(CairnInput) input = NULL;
  g_autoptr(GError) error = NULL;

  for (guint line = 0; line < 1000; line++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", g_rand_int_range (rand, 0, 300));
      g_autoptr(GString) one = g_string_new ("{");
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object, *was;
      guint n = g_rand_int_range (rand, 0, 5), at = g_rand_int_range (rand, 0, n + 1);

      for (guint i = 0; i <= n; i++)
        {
          if (i > 0)
            g_string_append (one, g_rand_boolean (rand) ? ", " : ",");
          if (i == at)
            {
              g_string_append_printf (one, "\"id\": \"%s\"", id);
              continue;
            }
          g_string_append_printf (one, "\"%s\": ", names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
          random_value (rand, one, g_rand_int_range (rand, 0, 3) == 0 ? 0 : -1);
        }
      g_string_append (one, "}");
      root = json_from_string (one->str, NULL);
      /* A repeated name is json-glib's to take or not: leave such lines out. */
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        continue;
      {
        g_autoptr(GError) local = NULL;
        g_autoptr(JsonNode) strict = cairn_json_parse (one->str, one->len, "x", NULL, &local);
        if (strict == NULL)
          continue;
      }
      g_string_append_printf (text, "%s\n", one->str);
      object = json_node_get_object (root);
      was = g_hash_table_lookup (expected, id);
      if (was == NULL)
        {
          was = json_object_new ();
          g_hash_table_insert (expected, g_strdup (id), was);
        }
      for (guint k = 0; k < 4; k++)
        {
          JsonNode *member = json_object_get_member (object, names[k]);
          if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
            json_object_set_member (was, names[k], json_node_copy (member));
        }
    }
  g_assert_true (g_file_set_contents (fixture->profiles_path, text->str, text->len, NULL));
  g_assert_true (g_file_set_contents (fixture->events_path, "", -1, NULL));
  input = cairn_input_new_replay (fixture->events_path, fixture->profiles_path, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (input->users->len, ==, g_hash_table_size (expected));
  check_profiles (input, expected);

  /* Read on threads, each over a part of the file: the same users in the
     same order, whatever line a part starts at. */
  for (guint threads = 2; threads <= 5; threads++)
    for (guint size = 1; size < text->len; size = size * 4 + 1)
      {
        g_autoptr(CairnInput) again = NULL;

        cairn_replay_set_profile_part_size (size);
        again = cairn_input_new_replay_full (fixture->events_path, fixture->profiles_path, -1, threads, &error);
        cairn_replay_set_profile_part_size (0);
        g_assert_no_error (error);
        g_assert_cmpuint (again->users->len, ==, input->users->len);
        for (guint u = 0; u < input->users->len; u++)
          {
            CairnUser *a = cairn_input_get_user (input, u), *b = cairn_input_get_user (again, u);

            g_assert_cmpstr (b->id, ==, a->id);
            g_assert_cmpuint (b->index, ==, u);
            g_assert_cmpint (b->origin, ==, CAIRN_USER_PROFILE);
          }
        check_profiles (again, expected);
      }
}

/* A bad profile line is named by its line, fast shape or not. */
static void
test_profile_errors (Fixture      *fixture,
                     gconstpointer data)
{
  const char *cases[][2] = {
    { "{\"id\": \"a\"}\n{\"id\": 5}\n", ":2: " },
    { "{\"id\": \"a\"}\n\n{\"id\": \"b\",}\n", ":3:" },
    { "{\"id\": \"a\", \"attributes\": {\"x\": 1, \"x\": 2}}\n{\"attributes\": {}}\n", ":2: " },
    { "{\"id\": \"a\", \"attributes\": {\"n\": 1}} x\n", ":1:" },
    /* Good lines of both shapes around the bad one, a blank one, a
       repeated id, CRLF, and a second bad line after the first. */
    { "{\"id\": \"a\", \"attributes\": {\"n\": 1}}\r\n\n{\"id\": \"b\", \"attributes\": {\"s\": \"x\\\"y\"}}\n"
      "{\"id\": \"a\", \"affinity\": {\"k\": 2}}\n\n\n{\"id\": \"c\", \"attributes\": [}\n{\"id\": 7}\n{\"id\": \"d\"}", ":7:" },
  };

  g_assert_true (g_file_set_contents (fixture->events_path, "", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *where = g_strconcat (fixture->profiles_path, cases[i][1], NULL);
      g_autofree char *first = NULL;

      g_assert_true (g_file_set_contents (fixture->profiles_path, cases[i][0], -1, NULL));
      /* On one thread, and on several whose parts start anywhere: the
         first bad line, by its line in the file. */
      for (guint threads = 1; threads <= 4; threads++)
        for (gsize size = 1; size <= (threads > 1 ? strlen (cases[i][0]) : 1); size++)
          {
            g_autoptr(CairnInput) input = NULL;
            g_autoptr(GError) error = NULL;

            cairn_replay_set_profile_part_size (size);
            input = cairn_input_new_replay_full (fixture->events_path, fixture->profiles_path, -1, threads, &error);
            cairn_replay_set_profile_part_size (0);
            g_assert_null (input);
            g_assert_nonnull (error);
            g_assert_true (g_str_has_prefix (error->message, where));
            if (first == NULL)
              first = g_strdup (error->message);
            g_assert_cmpstr (error->message, ==, first);
          }
    }
}

/* What cairn_replay_scan_line makes of @line (a copy): its verdict, and
 * where and how long each field is. */
static char *
scan_result (const char *line)
{
  g_autofree char *copy = g_strdup (line);
  const char *fields[5] = { NULL };
  gsize lengths[5] = { 0 };
  gboolean plain = cairn_replay_scan_line (copy, strlen (copy), &fields[0], &fields[1], &fields[2],
                                           &fields[3], &fields[4], lengths);
  GString *out = g_string_new (plain ? "plain" : "full parser");

  for (guint f = 0; plain && f < G_N_ELEMENTS (fields); f++)
    g_string_append_printf (out, " %td+%" G_GSIZE_FORMAT, fields[f] ? fields[f] - copy : -1, lengths[f]);
  return g_string_free (out, FALSE);
}

/* The scanner takes a key that is the same bytes as the one at that place
 * in the line before (with its quotes) without reading it again: whatever
 * line came before, a line's verdict and fields are the same. */
static void
test_key_hints (void)
{
  static const char *const lines[] = {
    "{\"time\": \"2026-11-02T00:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\", \"platform\": \"web\", "
    "\"params\": {\"category\": \"sofa\", \"price\": 10}}",
    "{\"ti\\u006de\": \"2026-11-02T00:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\"}",
    "{\"time\": \"2026-11-02T00:00:00Z\", \"time\": \"2026-11-03T00:00:00Z\", \"user\": \"u1\", \"name\": \"a\"}",
    "{\"timex\": \"2026-11-02T00:00:00Z\", \"user\": \"u1\", \"name\": \"purchase\", \"time\": \"2026-11-02T00:00:00Z\"}",
    "{\"time\": \"2026-11-02T00:00:00Z\", \"user\": \"u1\", \"name\": \"b\", \"params\": {\"category\": \"a\", \"category\": \"b\"}}",
    "{\"user\": \"u2\", \"time\": \"2026-11-02T00:00:00Z\", \"name\": \"purchase\", \"params\": {\"price\": 3, \"category\": \"x\"}}",
    "{\"time\": \"2026-11-02T00:00:00Z\", \"user\": \"u1\", \"name\": \"c\", \"params\": {\"na\u00efve\": 1, \"a_very_long_key_name\": 2}}",
    "{\"time\": \"2026-11-02T00:00:00Z\", \"user\": \"u1\", \"name\": \"c\", \"params\": {\"ti\tme\": 1}}",
    "{\"time\": \"2026-11-02T00:00:00Z\", \"user\": \"u1\", \"name\": \"d\", \"params\": {\"user\": \"u1\", \"user\": 2}}",
    "{\"time\":\"2026-11-02T00:00:00Z\",\"user\":\"u3\",\"name\":\"e\",\"params\":{}}",
    "{\"time\"",
    "{\"a\":1}",
  };
  /* Every place at both depths holds a key no line has. */
  const char *neutral = "{\"q0\": 0, \"q1\": 0, \"q2\": 0, \"q3\": 0, \"q4\": 0, \"q5\": 0, \"q6\": 0, \"q7\": 0, "
                        "\"q8\": 0, \"q9\": 0, \"qa\": 0, \"qb\": 0, \"qc\": 0, \"qd\": 0, \"qe\": 0, "
                        "\"params\": {\"r0\": 0, \"r1\": 0, \"r2\": 0, \"r3\": 0, \"r4\": 0, \"r5\": 0, "
                        "\"r6\": 0, \"r7\": 0, \"r8\": 0, \"r9\": 0, \"ra\": 0, \"rb\": 0, \"rc\": 0, "
                        "\"rd\": 0, \"re\": 0, \"rf\": 0}}";
  guint plain = 0;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *fresh = NULL;

      g_free (scan_result (neutral));
      fresh = scan_result (lines[i]);
      plain += g_str_has_prefix (fresh, "plain");
      for (guint j = 0; j < G_N_ELEMENTS (lines); j++)
        {
          g_autofree char *after = NULL;

          g_free (scan_result (neutral));
          g_free (scan_result (lines[j]));
          after = scan_result (lines[i]);
          if (g_strcmp0 (after, fresh) != 0)
            g_error ("line %u after line %u: %s, on its own: %s", i, j, after, fresh);
          /* And twice in a row: every key from the line itself. */
          g_free (after);
          after = scan_result (lines[i]);
          g_assert_cmpstr (after, ==, fresh);
        }
    }
  /* Both kinds of verdict are among them. */
  g_assert_cmpuint (plain, >=, 4);
  g_assert_cmpuint (plain, <, G_N_ELEMENTS (lines));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/core/replay/users", Fixture, NULL, fixture_set_up, test_users, fixture_tear_down);
  g_test_add ("/core/replay/names", Fixture, NULL, fixture_set_up, test_names, fixture_tear_down);
  g_test_add ("/core/replay/strings", Fixture, NULL, fixture_set_up, test_strings, fixture_tear_down);
  g_test_add ("/core/replay/times", Fixture, NULL, fixture_set_up, test_times, fixture_tear_down);
  g_test_add_func ("/core/replay/params-member", test_params_member);
  g_test_add_func ("/core/replay/same", test_same);
  g_test_add_func ("/core/replay/key-hints", test_key_hints);
  g_test_add ("/core/replay/profiles", Fixture, NULL, fixture_set_up, test_profiles, fixture_tear_down);
  g_test_add ("/core/replay/profiles-random", Fixture, NULL, fixture_set_up, test_profiles_random, fixture_tear_down);
  g_test_add ("/core/replay/profile-errors", Fixture, NULL, fixture_set_up, test_profile_errors, fixture_tear_down);
  return g_test_run ();
}
