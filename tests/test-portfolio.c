/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Portfolios (DESIGN §13): several journeys on one timeline and one
 * population. Hand-worked cases of the order across journeys (PF3, PF9),
 * the caps (PF4, PF10), shared attributes (PF2), the draw keys (PF5), the
 * collisions (PF6, PF12), a portfolio of one journey against the single
 * run on the samples (PF7), validation (PF8, PF13) and threads. */
#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cairn-diagnostic.h"
#include "cairn-json.h"
#include "cairn-portfolio.h"
#include "cairn-rng.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"
#include "cairn-simulation.h"
#include "cairn-store.h"
#include "cairn-error.h"
#include "cairn-validate.h"

static char *tmpdir;

static char *
write_file (const char *name,
            const char *text)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A journey: @nodes and @edges are JSON array contents; @extra more
 * top-level members (with a leading comma) or "". */
static char *
write_journey (const char *id,
               const char *extra,
               const char *nodes,
               const char *edges)
{
  g_autofree char *name = g_strdup_printf ("%s.json", id);
  g_autofree char *text = g_strdup_printf ("{\"format\":\"cairn-journey\",\"version\":1,\"id\":\"%s\",\"name\":\"%s\","
                                           "\"timezone\":\"UTC\"%s,\"nodes\":[%s],\"edges\":[%s]}",
                                           id, id, extra, nodes, edges);
  return write_file (name, text);
}

static char *
write_portfolio (const char *name,
                 const char *journeys,
                 const char *cap)
{
  g_autofree char *text = g_strdup_printf ("{\"format\":\"cairn-portfolio\",\"version\":1,\"id\":\"%s\","
                                           "\"journeys\":[%s]%s%s}", name, journeys, cap ? ",\"frequency_cap\":" : "",
                                           cap ? cap : "");
  g_autofree char *file = g_strdup_printf ("%s.json", name);
  return write_file (file, text);
}

static char *
write_scenario (const char *name,
                const char *users)
{
  g_autofree char *text = g_strdup_printf ("{\"format\":\"cairn-scenario\",\"version\":1,\"name\":\"%s\","
                                           "\"start\":\"2026-11-02T00:00:00Z\",\"end\":\"2026-11-09T00:00:00Z\","
                                           "\"seed\":5,\"users\":[%s]}", name, users);
  g_autofree char *file = g_strdup_printf ("%s-scenario.json", name);
  return write_file (file, text);
}

static char *
run_text (const char *portfolio_path,
          const char *scenario_path,
          guint       threads,
          int         trace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  g_autoptr(CairnPortfolio) portfolio = cairn_portfolio_load_file (portfolio_path, diagnostics, &error);
  g_autoptr(CairnInput) input = NULL;
  CairnSimOptions options;
  char *report;

  g_assert_no_error (error);
  for (guint d = 0; d < diagnostics->len; d++)
    {
      g_autofree char *line = cairn_diagnostic_format (diagnostics->pdata[d]);
      if (((CairnDiagnostic *) diagnostics->pdata[d])->severity == CAIRN_SEVERITY_ERROR)
        g_error ("%s", line);
    }
  input = cairn_input_new_scenario_full (scenario_path, -1, threads, &error);
  g_assert_no_error (error);
  cairn_sim_options_init (&options);
  options.threads = threads;
  options.trace = trace;
  report = cairn_sim_run_portfolio (portfolio, input, &options, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static JsonNode *
run (const char *portfolio_path,
     const char *scenario_path)
{
  g_autofree char *text = run_text (portfolio_path, scenario_path, 1, -1);
  JsonNode *root = cairn_json_parse (text, strlen (text), NULL, NULL, NULL);

  g_assert_nonnull (root);
  return root;
}

/* The value at a dotted path ("journeys.a.totals.entered"; "[3]" indexes
 * an array), or NULL. */
static JsonNode *
at (JsonNode   *root,
    const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] && node; i++)
    {
      if (parts[i][0] == '[')
        {
          guint64 n = g_ascii_strtoull (parts[i] + 1, NULL, 10);
          JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
          node = array && n < json_array_get_length (array) ? json_array_get_element (array, n) : NULL;
        }
      else
        node = JSON_NODE_HOLDS_OBJECT (node) ? json_object_get_member (json_node_get_object (node), parts[i]) : NULL;
    }
  return node;
}

static gint64
number_at (JsonNode   *root,
           const char *path)
{
  JsonNode *node = at (root, path);

  if (node == NULL)
    g_error ("no %s", path);
  return json_node_get_int (node);
}

static char *
text_at (JsonNode   *root,
         const char *path)
{
  JsonNode *node = at (root, path);
  return node ? cairn_json_to_string (node, FALSE) : g_strdup ("(missing)");
}

/* The person @user of journey @journey's body. */
static JsonObject *
person (JsonNode   *root,
        const char *journey,
        const char *user)
{
  g_autofree char *path = g_strdup_printf ("journeys.%s.people", journey);
  JsonArray *people = json_node_get_array (at (root, path));

  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);
      if (g_strcmp0 (json_object_get_string_member (p, "id"), user) == 0)
        return p;
    }
  g_error ("no person %s in %s", user, journey);
  return NULL;
}

/* "node@time,node@time" of a person's messages. */
static char *
messages_of (JsonNode   *root,
             const char *journey,
             const char *user)
{
  JsonArray *messages = json_object_get_array_member (person (root, journey, user), "messages");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *m = json_array_get_object_element (messages, i);
      g_string_append_printf (out, "%s%s@%s", i ? "," : "", json_object_get_string_member (m, "node"),
                              json_object_get_string_member (m, "time"));
    }
  return g_string_free (out, FALSE);
}

static char *
path_of (JsonNode   *root,
         const char *journey,
         const char *user)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  json_node_init_array (node, json_object_get_array_member (person (root, journey, user), "path"));
  return cairn_json_to_string (node, FALSE);
}

#define EMAIL(id, subject) "{\"id\":\"" id "\",\"type\":\"message.email\",\"config\":{\"subject\":\"" subject "\",\"body\":\"b\"}}"
#define EXIT(id) "{\"id\":\"" id "\",\"type\":\"exit\"}"
#define EDGE(from, port, to) "{\"from\":\"" from "\",\"port\":\"" port "\",\"to\":\"" to "\"}"
#define ON_PURCHASE "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"purchase\"}}"
#define USER(id, events) "{\"id\":\"" id "\",\"reachability\":{\"email\":true,\"web_push\":true},\"events\":[" events "]}"
#define EVENT(at, name) "{\"at\":\"" at "\",\"name\":\"" name "\"}"

/* Two copies of one journey (PF4, PF10): max_messages 1 per P1D. At one
 * instant the first journey in priority order sends and the other is
 * portfolio_capped; six hours later both are capped; nobody gets two
 * messages within a day. Swapping the priority swaps the winner. */
static void
test_cap_two_copies (void)
{
  const char *nodes = ON_PURCHASE ",{\"id\":\"w\",\"type\":\"wait.duration\",\"config\":{\"duration\":\"PT6H\"}},"
                      EMAIL ("m1", "first") "," EMAIL ("m2", "second") "," EXIT ("done");
  const char *edges = EDGE ("start", "out", "m1") "," EDGE ("m1", "out", "w") "," EDGE ("w", "out", "m2") ","
                      EDGE ("m2", "out", "done");
  g_autofree char *a = write_journey ("copy-a", "", nodes, edges);
  g_autofree char *b = write_journey ("copy-b", "", nodes, edges);
  g_autofree char *ab = write_portfolio ("cap-ab", "\"copy-a.json\",\"copy-b.json\"",
                                         "{\"max_messages\":1,\"per\":\"P1D\"}");
  g_autofree char *ba = write_portfolio ("cap-ba", "\"copy-b.json\",\"copy-a.json\"",
                                         "{\"max_messages\":1,\"per\":\"P1D\"}");
  g_autofree char *scenario = write_scenario ("two-copies",
    USER ("u1", EVENT ("2026-11-02T10:00:00Z", "purchase"))
    "," USER ("u2", EVENT ("2026-11-02T10:00:00Z", "purchase") "," EVENT ("2026-11-03T09:00:00Z", "purchase")));
  g_autoptr(JsonNode) r = run (ab, scenario);
  g_autoptr(JsonNode) swapped = run (ba, scenario);
  g_autofree char *ma = messages_of (r, "copy-a", "u1");
  g_autofree char *mb = messages_of (r, "copy-b", "u1");
  g_autofree char *sa = messages_of (swapped, "copy-a", "u1");
  g_autofree char *sb = messages_of (swapped, "copy-b", "u1");
  g_autofree char *keys = NULL;

  g_assert_cmpstr (ma, ==, "m1@2026-11-02T10:00:00Z");
  g_assert_cmpstr (mb, ==, "");
  g_assert_cmpstr (sa, ==, "");
  g_assert_cmpstr (sb, ==, "m1@2026-11-02T10:00:00Z");
  /* u1: a sends m1 at 10:00; b's m1 and both m2 at 16:00 are capped. u2
     the same, then both enter again at 09:00 the next day, within a day
     of a's m1 (capped); at 15:00 that send is more than a day old: a's m2
     is sent and b's, after it at the same instant, capped. */
  g_assert_cmpint (number_at (r, "journeys.copy-a.channels.email.sent"), ==, 3);
  g_assert_cmpint (number_at (r, "journeys.copy-a.channels.email.portfolio_capped"), ==, 3);
  g_assert_cmpint (number_at (r, "journeys.copy-b.channels.email.sent"), ==, 0);
  g_assert_cmpint (number_at (r, "journeys.copy-b.channels.email.portfolio_capped"), ==, 6);
  g_assert_cmpint (number_at (r, "journeys.copy-b.channels.email.capped"), ==, 0);
  /* The cap's own key comes right after quiet_hours (PF12). */
  keys = text_at (r, "journeys.copy-a.channels.email");
  g_assert_nonnull (strstr (keys, "\"quiet_hours\":0,\"portfolio_capped\":3,\"delivered\""));
  /* Nobody had two messages on a day. */
  g_assert_cmpint (number_at (r, "collisions.messages"), ==, 3);
  g_assert_cmpint (number_at (r, "collisions.peak_day.1"), ==, 2);
  g_assert_null (at (r, "collisions.peak_day.2"));
  g_assert_cmpint (number_at (r, "collisions.overlap.[0].users"), ==, 2);
}

/* PF10: the checks run in the order reachability, the journey's own cap,
 * quiet hours, the portfolio cap, and only the first failing one counts; a
 * quiet-hours delay postpones them all. u1 buys at 23:00, inside A's quiet
 * hours: A's m1 waits until 08:00, when B's email of 07:30 caps it, and
 * m2 after it. u2 buys at 12:00: A sends m1; m2 fails A's own cap first
 * (capped, not portfolio_capped). */
static void
test_cap_order (void)
{
  g_autofree char *a = write_journey ("order-a",
    ",\"frequency_cap\":{\"max_messages\":1,\"per\":\"P1D\"},\"quiet_hours\":{\"start\":\"22:00\",\"end\":\"08:00\"}",
    ON_PURCHASE "," EMAIL ("m1", "first") "," EMAIL ("m2", "second") "," EXIT ("done"),
    EDGE ("start", "out", "m1") "," EDGE ("m1", "out", "m2") "," EDGE ("m2", "out", "done"));
  g_autofree char *b = write_journey ("order-b", "",
    "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"visit\"}}," EMAIL ("m", "b"),
    EDGE ("start", "out", "m"));
  g_autofree char *p = write_portfolio ("cap-order", "\"order-a.json\",\"order-b.json\"",
                                        "{\"max_messages\":1,\"per\":\"P1D\"}");
  g_autofree char *scenario = write_scenario ("cap-order",
    USER ("u1", EVENT ("2026-11-02T23:00:00Z", "purchase") "," EVENT ("2026-11-03T07:30:00Z", "visit"))
    "," USER ("u2", EVENT ("2026-11-02T12:00:00Z", "purchase")));
  g_autoptr(JsonNode) r = run (p, scenario);
  g_autofree char *a1 = messages_of (r, "order-a", "u1");
  g_autofree char *b1 = messages_of (r, "order-b", "u1");
  g_autofree char *a2 = messages_of (r, "order-a", "u2");

  g_assert_cmpstr (a1, ==, "");
  g_assert_cmpstr (b1, ==, "m@2026-11-03T07:30:00Z");
  g_assert_cmpstr (a2, ==, "m1@2026-11-02T12:00:00Z");
  g_assert_cmpint (number_at (r, "journeys.order-a.channels.email.sent"), ==, 1);
  g_assert_cmpint (number_at (r, "journeys.order-a.channels.email.capped"), ==, 1);
  g_assert_cmpint (number_at (r, "journeys.order-a.channels.email.quiet_hours"), ==, 0);
  g_assert_cmpint (number_at (r, "journeys.order-a.channels.email.portfolio_capped"), ==, 2);
  g_assert_cmpint (number_at (r, "journeys.order-a.nodes.m1.entered"), ==, 2);
}

/* PF9: an event generated by journey A's daily tick at t runs before
 * journey B's tick at t. A (past behaviour at 09:00) emails everyone; B
 * (past behaviour at 09:00) takes those with a message_delivered in the
 * last hour. A before B: B's tick sees A's delivery; B before A: it does
 * not, and a day later the delivery is too old. */
static void
test_order_ticks (void)
{
  g_autofree char *a = write_journey ("tick-a", ",\"entry\":{\"reentry\":\"once\"}",
    "{\"id\":\"start\",\"type\":\"starter.past_behavior\",\"config\":{\"time\":\"09:00\","
    "\"segment\":{\"reachable\":\"email\"}}}," EMAIL ("m", "hello"),
    EDGE ("start", "out", "m"));
  g_autofree char *b = write_journey ("tick-b", ",\"entry\":{\"reentry\":\"once\"}",
    "{\"id\":\"start\",\"type\":\"starter.past_behavior\",\"config\":{\"time\":\"09:00\","
    "\"segment\":{\"event\":\"message_delivered\",\"within\":\"PT1H\"}}}," EXIT ("done"),
    EDGE ("start", "out", "done"));
  g_autofree char *ab = write_portfolio ("ticks-ab", "\"tick-a.json\",\"tick-b.json\"", NULL);
  g_autofree char *ba = write_portfolio ("ticks-ba", "\"tick-b.json\",\"tick-a.json\"", NULL);
  g_autofree char *scenario = write_scenario ("ticks", USER ("u1", ""));
  g_autoptr(JsonNode) r = run (ab, scenario);
  g_autoptr(JsonNode) swapped = run (ba, scenario);
  g_autofree char *timeline = text_at (r, "journeys.tick-b.people.[0].timeline.[0].time");

  g_assert_cmpint (number_at (r, "journeys.tick-a.totals.entered"), ==, 1);
  g_assert_cmpint (number_at (r, "journeys.tick-b.totals.entered"), ==, 1);
  g_assert_cmpstr (timeline, ==, "\"2026-11-02T09:00:00Z\"");
  g_assert_cmpint (number_at (swapped, "journeys.tick-a.totals.entered"), ==, 1);
  g_assert_cmpint (number_at (swapped, "journeys.tick-b.totals.entered"), ==, 0);
  /* Same users and events in every body. */
  g_assert_cmpint (number_at (r, "journeys.tick-b.users"), ==, 1);
  g_assert_cmpint (number_at (r, "users"), ==, 1);
}

/* PF3: timers of all journeys at one instant run in creation order, not
 * priority order. Both journeys email at 2026-11-03T10:00 with a cap of
 * one a day: A (first in priority) waits P1D from a purchase at 10:00 on
 * the 2nd; B waits P1DT1H from a visit at 09:00 on the 2nd, so B's timer
 * was made first and B sends. When both timers come from one event, the
 * journey first in priority made its timer first and wins. */
static void
test_order_timers (void)
{
  g_autofree char *a = write_journey ("timer-a", "",
    ON_PURCHASE ",{\"id\":\"w\",\"type\":\"wait.duration\",\"config\":{\"duration\":\"P1D\"}}," EMAIL ("m", "a"),
    EDGE ("start", "out", "w") "," EDGE ("w", "out", "m"));
  g_autofree char *b = write_journey ("timer-b", "",
    "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"visit\"}},"
    "{\"id\":\"w\",\"type\":\"wait.duration\",\"config\":{\"duration\":\"P1DT1H\"}}," EMAIL ("m", "b"),
    EDGE ("start", "out", "w") "," EDGE ("w", "out", "m"));
  g_autofree char *c = write_journey ("timer-c", "",
    ON_PURCHASE ",{\"id\":\"w\",\"type\":\"wait.duration\",\"config\":{\"duration\":\"P1D\"}}," EMAIL ("m", "c"),
    EDGE ("start", "out", "w") "," EDGE ("w", "out", "m"));
  g_autofree char *p = write_portfolio ("timers", "\"timer-a.json\",\"timer-b.json\",\"timer-c.json\"",
                                        "{\"max_messages\":1,\"per\":\"P1D\",\"channels\":[\"email\"]}");
  g_autofree char *scenario = write_scenario ("timers",
    USER ("u1", EVENT ("2026-11-02T09:00:00Z", "visit") "," EVENT ("2026-11-02T10:00:00Z", "purchase"))
    "," USER ("u2", EVENT ("2026-11-02T10:00:00Z", "purchase")));
  g_autoptr(JsonNode) r = run (p, scenario);
  g_autofree char *a1 = messages_of (r, "timer-a", "u1");
  g_autofree char *b1 = messages_of (r, "timer-b", "u1");
  g_autofree char *c1 = messages_of (r, "timer-c", "u1");
  g_autofree char *a2 = messages_of (r, "timer-a", "u2");
  g_autofree char *c2 = messages_of (r, "timer-c", "u2");

  g_assert_cmpstr (b1, ==, "m@2026-11-03T10:00:00Z");
  g_assert_cmpstr (a1, ==, "");
  g_assert_cmpstr (c1, ==, "");
  g_assert_cmpstr (a2, ==, "m@2026-11-03T10:00:00Z");
  g_assert_cmpstr (c2, ==, "");
  g_assert_cmpint (number_at (r, "journeys.timer-c.channels.email.portfolio_capped"), ==, 2);
}

/* PF9 and PF2: a set_attributes event's step 1 runs once before any
 * journey's step 2: B's attribute_change starter sees the value before and
 * after that step ("silver"), not the "gold" that A's action.set_attribute
 * (A first in priority, entering on the same event) sets meanwhile; B's
 * condition then reads "gold": an attribute one journey sets is seen by
 * another at once. The set_attribute triggers no starter (C watches for
 * "gold"). */
static void
test_shared_attributes (void)
{
  g_autofree char *a = write_journey ("attr-a", "",
    "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"set_attributes\"}},"
    "{\"id\":\"set\",\"type\":\"action.set_attribute\",\"config\":{\"attribute\":\"tier\",\"value\":\"gold\"}},"
    EXIT ("done"),
    EDGE ("start", "out", "set") "," EDGE ("set", "out", "done"));
  g_autofree char *b = write_journey ("attr-b", "",
    "{\"id\":\"start\",\"type\":\"starter.attribute_change\",\"config\":{\"attribute\":\"tier\",\"to\":\"silver\"}},"
    "{\"id\":\"check\",\"type\":\"condition.check\",\"config\":{\"tabs\":[{\"id\":\"gold\",\"when\":"
    "{\"attribute\":\"tier\",\"op\":\"eq\",\"value\":\"gold\"}}]}}," EXIT ("is_gold") "," EXIT ("not_gold"),
    EDGE ("start", "out", "check") "," EDGE ("check", "gold", "is_gold") "," EDGE ("check", "else", "not_gold"));
  g_autofree char *c = write_journey ("attr-c", "",
    "{\"id\":\"start\",\"type\":\"starter.attribute_change\",\"config\":{\"attribute\":\"tier\",\"to\":\"gold\"}},"
    EXIT ("done"), EDGE ("start", "out", "done"));
  g_autofree char *p = write_portfolio ("attributes", "\"attr-a.json\",\"attr-b.json\",\"attr-c.json\"", NULL);
  g_autofree char *scenario = write_scenario ("attributes",
    "{\"id\":\"u1\",\"events\":[{\"at\":\"2026-11-02T10:00:00Z\",\"name\":\"set_attributes\","
    "\"params\":{\"tier\":\"silver\"}}]}");
  g_autoptr(JsonNode) r = run (p, scenario);
  g_autofree char *path_b = path_of (r, "attr-b", "u1");

  g_assert_cmpstr (path_b, ==, "[\"start\",\"check\",\"is_gold\"]");
  g_assert_cmpint (number_at (r, "journeys.attr-a.totals.entered"), ==, 1);
  g_assert_cmpint (number_at (r, "journeys.attr-c.totals.entered"), ==, 0);
  g_assert_cmpint (number_at (r, "events"), ==, 1);
  g_assert_cmpint (number_at (r, "journeys.attr-c.events"), ==, 1);
}

/* PF11: an engagement event of A's send goes through B's steps (B's wait
 * resumes on it) but counts in A's channels only; PF5: the draws of a
 * journey in a portfolio are keyed "<journey id>:<node id>". */
static void
test_engagement_and_draws (void)
{
  g_autofree char *a = write_journey ("eng-a", "",
    ON_PURCHASE ",{\"id\":\"push\",\"type\":\"message.web_push\",\"config\":{\"title\":\"t\",\"body\":\"b\"}}",
    EDGE ("start", "out", "push"));
  g_autofree char *b = write_journey ("eng-b", "",
    ON_PURCHASE ",{\"id\":\"w\",\"type\":\"wait.until_event\",\"config\":{\"event\":\"message_opened\","
    "\"timeout\":\"P1D\"}}," EXIT ("opened") "," EXIT ("timeout"),
    EDGE ("start", "out", "w") "," EDGE ("w", "event", "opened") "," EDGE ("w", "timeout", "timeout"));
  g_autofree char *p = write_portfolio ("engagement", "\"eng-a.json\",\"eng-b.json\"", NULL);
  GString *users = g_string_new (NULL);
  g_autofree char *scenario = NULL;
  g_autoptr(JsonNode) r = NULL;
  guint expected_opens = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("user%u", i);
      g_string_append_printf (users, "%s{\"id\":\"%s\",\"reachability\":{\"web_push\":true},"
                              "\"behavior\":{\"channels\":{\"web_push\":{\"open\":0.5}}},"
                              "\"events\":[{\"at\":\"PT10H\",\"name\":\"purchase\"}]}", i ? "," : "", id);
      expected_opens += cairn_rng_draw (5, id, "eng-a:push", 0, "open") < 0.5;
    }
  scenario = write_scenario ("engagement", users->str);
  g_string_free (users, TRUE);
  r = run (p, scenario);
  g_assert_cmpint (expected_opens, >, 0);
  g_assert_cmpint (expected_opens, <, 40);
  g_assert_cmpint (number_at (r, "journeys.eng-a.channels.web_push.opened"), ==, expected_opens);
  g_assert_cmpint (number_at (r, "journeys.eng-b.totals.left.exit_node"), ==, 40);
  g_assert_cmpint (number_at (r, "journeys.eng-b.nodes.opened.entered"), ==, expected_opens);
  g_assert_null (at (r, "journeys.eng-b.channels.web_push"));
}

/* PF6, PF12: overlap of closed intervals and busiest users, most first,
 * ties by id. */
static void
test_collisions (void)
{
  g_autofree char *a = write_journey ("col-a", "",
    ON_PURCHASE ",{\"id\":\"w\",\"type\":\"wait.duration\",\"config\":{\"duration\":\"PT1H\"}}," EMAIL ("m", "a"),
    EDGE ("start", "out", "w") "," EDGE ("w", "out", "m"));
  g_autofree char *b = write_journey ("col-b", "",
    "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"visit\"}}," EMAIL ("m", "b"),
    EDGE ("start", "out", "m"));
  g_autofree char *c = write_journey ("col-c", "",
    "{\"id\":\"start\",\"type\":\"starter.event\",\"config\":{\"event\":\"never\"}}," EXIT ("done"),
    EDGE ("start", "out", "done"));
  g_autofree char *p = write_portfolio ("collisions", "\"col-a.json\",\"col-b.json\",\"col-c.json\"", NULL);
  /* x: in a over [10:00, 11:00], in b at 11:00 (touching: overlap);
     y: in a over [10:00, 11:00], in b at 12:00 (no overlap);
     z: only b, twice on one day; w: nothing. */
  g_autofree char *scenario = write_scenario ("collisions",
    USER ("x", EVENT ("2026-11-02T10:00:00Z", "purchase") "," EVENT ("2026-11-02T11:00:00Z", "visit"))
    "," USER ("y", EVENT ("2026-11-02T10:00:00Z", "purchase") "," EVENT ("2026-11-02T12:00:00Z", "visit"))
    "," USER ("z", EVENT ("2026-11-02T10:00:00Z", "visit") "," EVENT ("2026-11-02T23:00:00Z", "visit"))
    "," USER ("w", ""));
  g_autoptr(JsonNode) r = run (p, scenario);
  g_autofree char *overlap = text_at (r, "collisions.overlap");
  g_autofree char *busiest = text_at (r, "collisions.busiest");
  g_autofree char *peak = text_at (r, "collisions.peak_day");

  g_assert_cmpstr (overlap, ==, "[{\"a\":\"col-a\",\"b\":\"col-b\",\"users\":1},{\"a\":\"col-a\",\"b\":\"col-c\","
                   "\"users\":0},{\"a\":\"col-b\",\"b\":\"col-c\",\"users\":0}]");
  g_assert_cmpstr (busiest, ==, "[{\"user\":\"x\",\"messages\":2},{\"user\":\"y\",\"messages\":2},"
                   "{\"user\":\"z\",\"messages\":2}]");
  g_assert_cmpstr (peak, ==, "{\"0\":1,\"1\":0,\"2\":3}");
  g_assert_cmpint (number_at (r, "collisions.messages"), ==, 6);
}

/* A portfolio of one journey without a cap gives the single run's report
 * but for portfolio_capped (and the draw keys, which decide nothing when
 * every probability is 0 or 1): every sample whose scenario has such
 * probabilities only and whose journey has no split with two variants
 * (PF7). */
static gboolean
draws_decide (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);
          const char *name = l->data;
          if ((g_str_equal (name, "deliver") || g_str_equal (name, "open") || g_str_equal (name, "click")
               || g_str_equal (name, "probability"))
              && cairn_json_node_is_number (value)
              && cairn_json_node_number (value) != 0 && cairn_json_node_number (value) != 1)
            return TRUE;
          if (g_str_equal (name, "variants") && JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *variants = json_node_get_array (value);
              guint weighted = 0;
              for (guint v = 0; v < json_array_get_length (variants); v++)
                {
                  double w = 0;
                  cairn_json_get_number (json_array_get_object_element (variants, v), "weight", &w);
                  weighted += w > 0;
                }
              if (weighted > 1)
                return TRUE;
            }
          if (draws_decide (value))
            return TRUE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (draws_decide (json_array_get_element (array, i)))
          return TRUE;
    }
  return FALSE;
}

static void
drop_portfolio_capped (JsonNode *body)
{
  JsonObject *channels = json_object_get_object_member (json_node_get_object (body), "channels");
  g_autoptr(GList) names = json_object_get_members (channels);

  for (GList *l = names; l; l = l->next)
    json_object_remove_member (json_object_get_object_member (channels, l->data), "portfolio_capped");
}

static void
test_one_journey_equals_single (void)
{
  g_autofree char *journeys_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "journeys", NULL);
  g_autoptr(GDir) dir = g_dir_open (journeys_dir, 0, NULL);
  const char *name;
  guint compared = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *journey = g_build_filename (journeys_dir, name, NULL);
      g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", name, NULL);
      g_autofree char *list = NULL;
      g_autofree char *stem = g_strndup (name, strlen (name) - 5);
      g_autofree char *portfolio = NULL;
      g_autofree char *text = NULL;
      g_autofree char *single = NULL;
      g_autoptr(JsonNode) journey_json = NULL, scenario_json = NULL, report = NULL, expected = NULL;
      g_autoptr(CairnJourney) loaded = NULL;
      g_autoptr(CairnInput) input = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *body_text = NULL;
      g_autofree char *single_text = NULL;
      JsonNode *body;
      CairnSimOptions options;

      if (!g_str_has_suffix (name, ".json") || !g_file_test (scenario, G_FILE_TEST_EXISTS))
        continue;
      journey_json = cairn_json_load_file (journey, NULL, NULL);
      scenario_json = cairn_json_load_file (scenario, NULL, NULL);
      if (draws_decide (journey_json) || draws_decide (scenario_json))
        {
          g_test_message ("%s: draws decide, not compared", name);
          continue;
        }
      list = g_strdup_printf ("\"%s\"", journey);
      portfolio = write_portfolio (stem, list, NULL);
      text = run_text (portfolio, scenario, 1, 0);
      report = cairn_json_parse (text, strlen (text), NULL, NULL, NULL);

      loaded = cairn_journey_load_file (journey, &error);
      g_assert_no_error (error);
      input = cairn_input_new_scenario (scenario, -1, &error);
      g_assert_no_error (error);
      cairn_sim_options_init (&options);
      options.threads = 1;
      options.trace = 0;
      single = cairn_sim_run (loaded, input, &options, NULL, &error);
      g_assert_no_error (error);
      expected = cairn_json_parse (single, strlen (single), NULL, NULL, NULL);

      body = at (report, "journeys");
      body = json_object_get_member (json_node_get_object (body), cairn_journey_get_id (loaded));
      g_assert_nonnull (body);
      drop_portfolio_capped (body);
      body_text = cairn_json_to_string (body, FALSE);
      single_text = cairn_json_to_string (expected, FALSE);
      g_assert_cmpstr (body_text, ==, single_text);
      compared++;
    }
  g_test_message ("%u samples compared", compared);
  g_assert_cmpuint (compared, >=, 3);
}

/* PF8, PF13: the portfolio's own errors are located in its file; a
 * journey's in the journey's. */
static void
test_validation (void)
{
  g_autofree char *good = write_journey ("valid-one", "", ON_PURCHASE "," EXIT ("done"), EDGE ("start", "out", "done"));
  g_autofree char *bad = write_journey ("broken-one", "", ON_PURCHASE "," EXIT ("done"), EDGE ("start", "out", "nowhere"));
  g_autofree char *path = write_file ("invalid-portfolio.json",
                                      "{\"format\": \"cairn-portfolio\", \"version\": 1, \"id\": 7,\n"
                                      " \"journeys\": [\"valid-one.json\",\n"
                                      "   \"missing.json\", \"valid-one.json\", \"broken-one.json\"],\n"
                                      " \"frequency_cap\": {\"max_messages\": 0, \"per\": \"PT0S\",\n"
                                      "   \"channels\": [\"email\", \"email\", \"pigeon\"]}}\n");
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnPortfolio) portfolio = cairn_portfolio_load_file (path, diagnostics, &error);
  const char *expected[][3] = {
    { "1", "51", "wrong-type" },            /* id */
    { "4", "36", "bad-cap" },               /* max_messages */
    { "4", "46", "bad-cap" },               /* per */
    { "5", "26", "duplicate-channel" },
    { "5", "35", "unknown-channel" },
    { "3", "4", "missing-journey" },
    { "3", "20", "duplicate-journey-id" },
  };
  guint in_portfolio = 0, in_journey = 0;

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  for (guint d = 0; d < diagnostics->len; d++)
    {
      CairnDiagnostic *diagnostic = diagnostics->pdata[d];
      g_autofree char *line = cairn_diagnostic_format (diagnostic);

      g_test_message ("%s", line);
      if (g_strcmp0 (diagnostic->file, path) == 0)
        {
          g_assert_cmpuint (in_portfolio, <, G_N_ELEMENTS (expected));
          g_assert_cmpstr (diagnostic->code, ==, expected[in_portfolio][2]);
          g_assert_cmpuint (diagnostic->line, ==, atoi (expected[in_portfolio][0]));
          g_assert_cmpuint (diagnostic->column, ==, atoi (expected[in_portfolio][1]));
          in_portfolio++;
        }
      else if (diagnostic->severity == CAIRN_SEVERITY_ERROR)
        {
          g_assert_cmpstr (diagnostic->file, ==, bad);
          in_journey++;
        }
    }
  g_assert_cmpuint (in_portfolio, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (in_journey, >=, 1);
  g_assert_true (cairn_portfolio_file_is_portfolio (path));
  g_assert_false (cairn_portfolio_file_is_portfolio (good));
}

/* --threads: the report does not depend on the number of workers. */
static void
test_threads (void)
{
  g_autofree char *portfolio = g_test_build_filename (G_TEST_DIST, "..", "data", "portfolios", "home.json", NULL);
  g_autofree char *catalog = g_test_build_filename (G_TEST_DIST, "..", "data", "catalogs", "home.json", NULL);
  g_autofree char *text = g_strdup_printf (
    "{\"format\":\"cairn-scenario\",\"version\":1,\"name\":\"crowd\",\"start\":\"2026-11-02T00:00:00Z\","
    "\"end\":\"2026-11-20T00:00:00Z\",\"seed\":3,\"catalog\":\"%s\",\"generate\":{\"count\":24000,\"personas\":["
    "{\"attributes\":{\"name\":{\"choice\":[\"Ann\",\"Bo\"]}},\"reachability\":{\"email\":0.8,\"web_push\":0.6},"
    "\"behavior\":{\"channels\":{\"web_push\":{\"open\":0.4,\"click\":0.5},\"email\":{\"open\":0.3}}},"
    "\"events\":[{\"name\":\"purchase\",\"rate_per_day\":0.1,\"params\":{\"category\":{\"weighted\":"
    "{\"furniture\":3,\"home-decor\":1}},\"price\":{\"uniform\":[20,900]}}}]}]}}", catalog);
  g_autofree char *scenario = write_file ("crowd.json", text);
  g_autofree char *one = run_text (portfolio, scenario, 1, 30);
  g_autofree char *two = run_text (portfolio, scenario, 2, 30);
  g_autofree char *seven = run_text (portfolio, scenario, 7, 30);

  g_assert_cmpuint (strlen (one), >, 1000);
  g_assert_cmpstr (one, ==, two);
  g_assert_cmpstr (one, ==, seven);
}

/* The command line: `test --portfolio` checks an expect block with a
 * "journey" in that body only, one without in every body (PF12), prints
 * each failure with its journey and exits 1; `validate` of a portfolio
 * locates its errors in its file and exits 1. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("CAIRN_CLI");
  const char *nodes = ON_PURCHASE "," EMAIL ("m1", "first") "," EXIT ("done");
  const char *edges = EDGE ("start", "out", "m1") "," EDGE ("m1", "out", "done");
  g_autofree char *a = write_journey ("cli-a", "", nodes, edges);
  g_autofree char *b = write_journey ("cli-b", "", nodes, edges);
  g_autofree char *p = write_portfolio ("cli", "\"cli-a.json\",\"cli-b.json\"", "{\"max_messages\":1,\"per\":\"P1D\"}");
  g_autofree char *bad = write_portfolio ("cli-bad", "\"cli-a.json\",\"nowhere.json\"", NULL);
  g_autofree char *scenario = write_scenario ("cli",
    "{\"id\":\"u1\",\"reachability\":{\"email\":true},\"events\":[" EVENT ("2026-11-02T10:00:00Z", "purchase") "],"
    "\"expect\":{\"journey\":\"cli-b\",\"messages\":[{\"node\":\"m1\"}]}},"
    "{\"id\":\"u2\",\"reachability\":{\"email\":true},\"events\":[" EVENT ("2026-11-02T10:00:00Z", "purchase") "],"
    "\"expect\":{\"outcome\":\"exit_node\"}}");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (cli == NULL)
    {
      g_test_skip ("CAIRN_CLI is not set");
      return;
    }
  {
    const char *argv[] = { cli, "test", "--portfolio", p, "--scenario", scenario, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (out, ": cli-b: u1: messages: expected [{\"node\":\"m1\"}], got []\n"));
    g_assert_null (strstr (out, "cli-a: u1"));
    g_assert_nonnull (strstr (out, "2 passed, 1 failed\n"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    /* A portfolio in a journey's place is taken for one. */
    const char *argv[] = { cli, "test", p, "--scenario", scenario, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (out, "2 passed, 1 failed\n"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "validate", bad, NULL };
    g_autofree char *where = g_strdup_printf ("%s:1:", bad);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_true (g_str_has_prefix (err, where));
    g_assert_nonnull (strstr (err, ": error: journey file \"nowhere.json\" cannot be read"));
  }
}

/* The designer's entry point: a valid portfolio runs and is kept in the
 * store as one run per journey plus its collisions; an invalid one is
 * CAIRN_ERROR_INVALID. */
static void
test_simulation_api (void)
{
  g_autofree char *portfolio = g_test_build_filename (G_TEST_DIST, "..", "data", "portfolios", "home.json", NULL);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", "home-portfolio.json",
                                                     NULL);
  g_autofree char *db = g_build_filename (tmpdir, "runs.db", NULL);
  g_autofree char *bad = write_portfolio ("api-bad", "\"missing.json\"", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *report = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autofree char *ca = NULL, *cb = NULL;
  CairnSimulationOptions options;

  cairn_simulation_options_init (&options);
  options.store_path = db;
  report = cairn_simulation_run_portfolio (portfolio, scenario, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  store = cairn_store_open (db, &error);
  g_assert_no_error (error);
  runs = cairn_store_list_portfolio_runs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  kept = cairn_store_get_portfolio_report (store, ((CairnRunInfo *) runs->pdata[0])->id, &error);
  g_assert_no_error (error);
  a = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
  b = cairn_json_parse (kept, strlen (kept), NULL, NULL, NULL);
  ca = text_at (a, "collisions");
  cb = text_at (b, "collisions");
  g_assert_cmpstr (ca, ==, cb);
  g_clear_pointer (&ca, g_free);
  g_clear_pointer (&cb, g_free);
  ca = text_at (a, "journeys.weekend-promotion.channels");
  cb = text_at (b, "journeys.weekend-promotion.channels");
  g_assert_cmpstr (ca, ==, cb);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = cairn_store_list_runs (store, &error);
  g_assert_cmpuint (runs->len, ==, 3);

  g_assert_null (cairn_simulation_run_portfolio (bad, scenario, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("cairn-portfolio-XXXXXX", NULL);
  g_test_add_func ("/portfolio/cap-two-copies", test_cap_two_copies);
  g_test_add_func ("/portfolio/cap-order", test_cap_order);
  g_test_add_func ("/portfolio/order-ticks", test_order_ticks);
  g_test_add_func ("/portfolio/order-timers", test_order_timers);
  g_test_add_func ("/portfolio/shared-attributes", test_shared_attributes);
  g_test_add_func ("/portfolio/engagement-and-draws", test_engagement_and_draws);
  g_test_add_func ("/portfolio/collisions", test_collisions);
  g_test_add_func ("/portfolio/one-journey-equals-single", test_one_journey_equals_single);
  g_test_add_func ("/portfolio/validation", test_validation);
  g_test_add_func ("/portfolio/threads", test_threads);
  g_test_add_func ("/portfolio/cli", test_cli);
  g_test_add_func ("/portfolio/simulation-api", test_simulation_api);
  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return status;
}
