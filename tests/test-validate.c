/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cairn-journey.h"
#include "cairn-validate.h"

/* One journey per rule of DESIGN §12 (V). "@" marks the value the
 * diagnostic must point at: the test takes it out and works out its line
 * and column, so every case checks code, severity, message and position. */

#define HEAD "{\n  \"format\": \"cairn-journey\",\n  \"version\": 1,\n  \"id\": \"j\",\n"
#define START "    { \"id\": \"start\", \"type\": \"starter.event\", \"config\": { \"event\": \"purchase\" } },\n"
#define EXIT "    { \"id\": \"done\", \"type\": \"exit\" }\n"
#define EDGE "  \"edges\": [ { \"from\": \"start\", \"to\": \"done\" } ]\n}\n"

typedef struct
{
  const char *name;
  const char *text;
  const char *code;
  CairnSeverity severity;
  const char *message;   /* a part of the message */
  const char *node;      /* NULL: none expected */
} Case;

static const Case cases[] = {
  /* Whole, but past 64 bits: an error, found without a cast of it (UBSan) */
  { "cap-beyond-64-bits", HEAD "  \"frequency_cap\": { \"max_messages\": @1e44, \"per\": \"P1D\" },\n  \"nodes\": [\n" START EXIT "  ],\n" EDGE,
    "wrong-type", CAIRN_SEVERITY_ERROR, "whole number", NULL },
  { "format", "{\n  \"format\": @\"cairn-jorney\",\n  \"version\": 1,\n  \"nodes\": [\n" START EXIT "  ],\n" EDGE,
    "not-a-journey", CAIRN_SEVERITY_ERROR, "\"cairn-journey\"", NULL },
  { "version", "{\n  \"format\": \"cairn-journey\",\n  \"version\": @2,\n  \"nodes\": [\n" START EXIT "  ],\n" EDGE,
    "bad-version", CAIRN_SEVERITY_ERROR, "version 1", NULL },
  { "duplicate-node", HEAD "  \"nodes\": [\n" START "    { \"id\": @\"start\", \"type\": \"exit\" },\n" EXIT "  ],\n" EDGE,
    "duplicate-id", CAIRN_SEVERITY_ERROR, "used twice", "start" },
  { "malformed-node-id", HEAD "  \"nodes\": [\n" START "    { \"id\": @\"all done!\", \"type\": \"exit\" },\n" EXIT "  ],\n" EDGE,
    "bad-id", CAIRN_SEVERITY_ERROR, "letters, digits", "all done!" },
  { "duplicate-goal", HEAD "  \"goals\": [ { \"id\": \"g\", \"event\": \"buy\", \"window\": \"P1D\" },\n"
    "             { \"id\": @\"g\", \"event\": \"buy\", \"window\": \"P1D\" } ],\n  \"nodes\": [\n" START EXIT "  ],\n" EDGE,
    "duplicate-id", CAIRN_SEVERITY_ERROR, "goal id", NULL },
  { "tab-else", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"c\", \"type\": \"condition.check\", \"config\": { \"tabs\": [ { \"id\": @\"else\", \"when\": { \"attribute\": \"a\", \"op\": \"exists\" } } ] } },\n"
    EXIT "  ],\n  \"edges\": [ { \"from\": \"start\", \"to\": \"c\" }, { \"from\": \"c\", \"port\": \"else\", \"to\": \"done\" } ]\n}\n",
    "tab-else", CAIRN_SEVERITY_ERROR, "\"else\"", "c" },
  { "duplicate-variant", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"ab\", \"type\": \"split.ab\", \"config\": { \"variants\": [ { \"id\": \"A\", \"weight\": 1 }, { \"id\": @\"A\", \"weight\": 1 } ] } },\n"
    EXIT "  ],\n  \"edges\": [ { \"from\": \"start\", \"to\": \"ab\" }, { \"from\": \"ab\", \"port\": \"A\", \"to\": \"done\" } ]\n}\n",
    "duplicate-id", CAIRN_SEVERITY_ERROR, "used twice", "ab" },
  { "duplicate-channel", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"r\", \"type\": \"condition.reachability\", \"config\": { \"channels\": [ \"email\", @\"email\" ] } },\n"
    EXIT "  ],\n  \"edges\": [ { \"from\": \"start\", \"to\": \"r\" } ]\n}\n",
    "duplicate-id", CAIRN_SEVERITY_ERROR, "listed twice", "r" },
  { "unknown-channel", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"r\", \"type\": \"next_best_channel\", \"config\": { \"channels\": [ @\"fax\" ] } },\n"
    EXIT "  ],\n  \"edges\": [ { \"from\": \"start\", \"to\": \"r\" } ]\n}\n",
    "unknown-channel", CAIRN_SEVERITY_ERROR, "\"fax\" is not a channel", "r" },
  { "two-starters", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"s2\", \"type\": @\"starter.event\", \"config\": { \"event\": \"x\" } },\n" EXIT "  ],\n" EDGE,
    "starter-count", CAIRN_SEVERITY_ERROR, "exactly one starter", NULL },
  { "no-starter", HEAD "  \"nodes\": @[\n" EXIT "  ]\n}\n",
    "starter-count", CAIRN_SEVERITY_ERROR, "needs a starter", NULL },
  { "unknown-type", HEAD "  \"nodes\": [\n" START "    { \"id\": \"p\", \"type\": @\"message.pigeon\" },\n" EXIT "  ],\n" EDGE,
    "unknown-node-type", CAIRN_SEVERITY_ERROR, "\"message.pigeon\"", "p" },
  { "missing-field", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"e\", \"type\": \"message.email\", \"config\": @{ \"subject\": \"Hi\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"e\" } ]\n}\n",
    "missing-field", CAIRN_SEVERITY_ERROR, "\"body\" is required", "e" },
  { "wrong-type", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"d\", \"type\": \"starter.dynamic_date\", \"config\": { \"source\": { \"attribute\": \"birthday\" }, \"offset_days\": @\"3\" } },\n"
    EXIT "  ],\n" EDGE,
    "wrong-type", CAIRN_SEVERITY_ERROR, "whole number", "d" },
  { "duration-words", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"w1\", \"type\": \"wait.duration\", \"config\": { \"duration\": @\"3 days\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"w1\" }, { \"from\": \"w1\", \"to\": \"done\" } ]\n}\n",
    "bad-duration", CAIRN_SEVERITY_ERROR, "\"3 days\" is not an ISO 8601 duration (try \"P3D\")", "w1" },
  { "duration-months", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"w1\", \"type\": \"wait.duration\", \"config\": { \"duration\": @\"P1M\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"w1\" }, { \"from\": \"w1\", \"to\": \"done\" } ]\n}\n",
    "bad-duration", CAIRN_SEVERITY_ERROR, "months", "w1" },
  { "time-of-day", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"w1\", \"type\": \"wait.until_time\", \"config\": { \"time\": @\"25:00\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"w1\" }, { \"from\": \"w1\", \"to\": \"done\" } ]\n}\n",
    "bad-time-of-day", CAIRN_SEVERITY_ERROR, "25:00", "w1" },
  { "timezone", HEAD "  \"timezone\": @\"Mars/Olympus\",\n  \"nodes\": [\n" START EXIT "  ],\n" EDGE,
    "bad-timezone", CAIRN_SEVERITY_ERROR, "Mars/Olympus", NULL },
  /* IANA names only: GLib would also take an offset or a POSIX rule. */
  { "timezone-offset", HEAD "  \"timezone\": @\"+05:00\",\n  \"nodes\": [\n" START EXIT "  ],\n" EDGE,
    "bad-timezone", CAIRN_SEVERITY_ERROR, "+05:00", NULL },
  { "timezone-posix-rule", HEAD "  \"timezone\": @\"EST5EDT,M3.2.0,M11.1.0\",\n  \"nodes\": [\n" START EXIT "  ],\n" EDGE,
    "bad-timezone", CAIRN_SEVERITY_ERROR, "EST5EDT,M3.2.0,M11.1.0", NULL },
  { "node-not-object", HEAD "  \"nodes\": [\n" START "    @42,\n" EXIT "  ],\n" EDGE,
    "wrong-type", CAIRN_SEVERITY_ERROR, "a node must be an object", NULL },
  /* Past an element that is not a node, a node's own position is used. */
  { "node-after-non-object", HEAD "  \"nodes\": [\n    42,\n" START "    @{ \"type\": \"exit\" },\n" EXIT "  ],\n" EDGE,
    "bad-id", CAIRN_SEVERITY_ERROR, "a node id is made of", NULL },
  { "edge-not-object", HEAD "  \"nodes\": [\n" START EXIT "  ],\n  \"edges\": [ { \"from\": \"start\", \"to\": \"done\" }, @\"x\" ]\n}\n",
    "wrong-type", CAIRN_SEVERITY_ERROR, "an edge must be an object", NULL },
  { "edge-unknown-port", HEAD "  \"nodes\": [\n" START EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"port\": @\"maybe\", \"to\": \"done\" } ]\n}\n",
    "edge-unknown-port", CAIRN_SEVERITY_ERROR, "no port \"maybe\"", "start" },
  { "edge-unknown-node", HEAD "  \"nodes\": [\n" START EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": @\"nowhere\" } ]\n}\n",
    "edge-unknown-node", CAIRN_SEVERITY_ERROR, "\"nowhere\"", "start" },
  { "edge-into-starter", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"w1\", \"type\": \"wait.duration\", \"config\": { \"duration\": \"P1D\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"w1\" }, { \"from\": \"w1\", \"to\": @\"start\" } ]\n}\n",
    "edge-into-starter", CAIRN_SEVERITY_ERROR, "into the starter", "w1" },
  { "second-edge", HEAD "  \"nodes\": [\n" START EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"done\" }, { \"from\": \"start\", \"port\": @\"out\", \"to\": \"done\" } ]\n}\n",
    "duplicate-edge", CAIRN_SEVERITY_ERROR, "already has an edge", "start" },
  { "until-event-timeout", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"w1\", \"type\": \"wait.until_event\", \"config\": @{ \"event\": \"buy\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"w1\" }, { \"from\": \"w1\", \"port\": \"event\", \"to\": \"done\" }, { \"from\": \"w1\", \"port\": \"timeout\", \"to\": \"done\" } ]\n}\n",
    "missing-field", CAIRN_SEVERITY_ERROR, "\"timeout\" is required", "w1" },
  { "history-within", HEAD "  \"nodes\": [\n"
    "    { \"id\": \"start\", \"type\": \"starter.event\", \"config\": { \"event\": \"purchase\", \"segment\": @{ \"event\": \"view\" } } },\n"
    EXIT "  ],\n" EDGE,
    "missing-within", CAIRN_SEVERITY_ERROR, "within", "start" },
  { "goal-window", HEAD "  \"goals\": [ @{ \"id\": \"g\", \"event\": \"buy\" } ],\n  \"nodes\": [\n" START EXIT "  ],\n" EDGE,
    "goal-without-window", CAIRN_SEVERITY_ERROR, "\"window\"", NULL },
  { "negative-weight", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"ab\", \"type\": \"split.ab\", \"config\": { \"variants\": [ { \"id\": \"A\", \"weight\": @-1 }, { \"id\": \"B\", \"weight\": 2 } ] } },\n"
    EXIT "  ],\n  \"edges\": [ { \"from\": \"start\", \"to\": \"ab\" }, { \"from\": \"ab\", \"port\": \"A\", \"to\": \"done\" }, { \"from\": \"ab\", \"port\": \"B\", \"to\": \"done\" } ]\n}\n",
    "split-weights", CAIRN_SEVERITY_ERROR, "negative", "ab" },
  { "zero-weights", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"ab\", \"type\": \"split.ab\", \"config\": { \"variants\": @[ { \"id\": \"A\", \"weight\": 0 }, { \"id\": \"B\", \"weight\": 0 } ] } },\n"
    EXIT "  ],\n  \"edges\": [ { \"from\": \"start\", \"to\": \"ab\" }, { \"from\": \"ab\", \"port\": \"A\", \"to\": \"done\" }, { \"from\": \"ab\", \"port\": \"B\", \"to\": \"done\" } ]\n}\n",
    "split-weights", CAIRN_SEVERITY_ERROR, "all be 0", "ab" },
  { "interaction-not-message", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"ci\", \"type\": \"condition.interaction\", \"config\": { \"message\": @\"start\", \"interaction\": \"clicked\" } },\n"
    EXIT "  ],\n  \"edges\": [ { \"from\": \"start\", \"to\": \"ci\" }, { \"from\": \"ci\", \"port\": \"yes\", \"to\": \"done\" }, { \"from\": \"ci\", \"port\": \"no\", \"to\": \"done\" } ]\n}\n",
    "interaction-not-message", CAIRN_SEVERITY_ERROR, "not a message node", "ci" },
  { "template-section", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"s\", \"type\": \"message.sms\", \"config\": { \"text\": @\"{{#products}}{{name}}\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"s\" }, { \"from\": \"s\", \"to\": \"done\" }, { \"from\": \"s\", \"port\": \"failed\", \"to\": \"done\" } ]\n}\n",
    "template-section", CAIRN_SEVERITY_ERROR, "products", "s" },
  /* Warnings */
  { "unconnected-port", HEAD "  \"nodes\": [\n" START
    "    { \"id\": @\"w1\", \"type\": \"wait.duration\", \"config\": { \"duration\": \"P1D\" } }\n  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"w1\" } ]\n}\n",
    "unconnected-port", CAIRN_SEVERITY_WARNING, "\"out\" leads nowhere", "w1" },
  { "unreachable-node", HEAD "  \"nodes\": [\n" START "    { \"id\": @\"lost\", \"type\": \"exit\" },\n" EXIT "  ],\n" EDGE,
    "unreachable-node", CAIRN_SEVERITY_WARNING, "no path from the starter", "lost" },
  { "cycle", HEAD "  \"nodes\": [\n" START
    "    { \"id\": @\"a\", \"type\": \"action.set_attribute\", \"config\": { \"attribute\": \"x\", \"value\": 1 } },\n"
    "    { \"id\": \"b\", \"type\": \"action.set_attribute\", \"config\": { \"attribute\": \"y\", \"value\": 2 } }\n  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"a\" }, { \"from\": \"a\", \"to\": \"b\" }, { \"from\": \"b\", \"to\": \"a\" } ]\n}\n",
    "cycle-without-wait", CAIRN_SEVERITY_WARNING, "1000 steps", "a" },
  { "interaction-upstream", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"ci\", \"type\": \"condition.interaction\", \"config\": { \"message\": @\"s\", \"interaction\": \"clicked\" } },\n"
    "    { \"id\": \"s\", \"type\": \"message.sms\", \"config\": { \"text\": \"Hi\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"ci\" }, { \"from\": \"ci\", \"port\": \"yes\", \"to\": \"s\" }, { \"from\": \"ci\", \"port\": \"no\", \"to\": \"done\" },"
    " { \"from\": \"s\", \"to\": \"done\" }, { \"from\": \"s\", \"port\": \"failed\", \"to\": \"done\" } ]\n}\n",
    "interaction-not-upstream", CAIRN_SEVERITY_WARNING, "not before this check", "ci" },
  { "template-name", HEAD "  \"nodes\": [\n" START
    "    { \"id\": \"s\", \"type\": \"message.sms\", \"config\": { \"text\": @\"Hi {{username}}\" } },\n" EXIT "  ],\n"
    "  \"edges\": [ { \"from\": \"start\", \"to\": \"s\" }, { \"from\": \"s\", \"to\": \"done\" }, { \"from\": \"s\", \"port\": \"failed\", \"to\": \"done\" } ]\n}\n",
    "unknown-template-name", CAIRN_SEVERITY_WARNING, "{{username}}", "s" },
  { "daily-reentry", HEAD "  \"nodes\": [\n"
    "    { \"id\": \"start\", \"type\": @\"starter.past_behavior\", \"config\": { \"segment\": { \"attribute\": \"vip\", \"op\": \"eq\", \"value\": true } } },\n"
    EXIT "  ],\n" EDGE,
    "daily-reentry", CAIRN_SEVERITY_WARNING, "every day", "start" },
};

static void
locate (const char *text,
        const char *at,
        guint      *line,
        guint      *column)
{
  *line = 1;
  *column = 1;
  for (const char *p = text; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *p & 0xC0) != 0x80)
        (*column)++;
    }
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  const char *marker = strchr (c->text, '@');
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  guint line, column;
  gboolean found = FALSE;
  g_autoptr(GString) seen = g_string_new (NULL);

  g_assert_nonnull (marker);
  {
    g_autofree char *before = g_strndup (c->text, marker - c->text);
    text = g_strconcat (before, marker + 1, NULL);
  }
  locate (c->text, marker, &line, &column);

  journey = cairn_journey_load_data (text, -1, "case.json", &error);
  g_assert_no_error (error);
  diagnostics = cairn_validate (journey);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      CairnDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *formatted = cairn_diagnostic_format (d);

      g_string_append_printf (seen, "  %s [%s]\n", formatted, d->code);
      if (g_strcmp0 (d->code, c->code) == 0 && d->severity == c->severity && d->line == line
          && d->column == column && strstr (d->message, c->message) != NULL && g_strcmp0 (d->node_id, c->node) == 0)
        {
          g_assert_cmpstr (d->file, ==, "case.json");
          found = TRUE;
        }
    }
  if (!found)
    g_error ("%s: expected %s %s at %u:%u (node %s) containing “%s”; got:\n%s", c->name,
             c->severity == CAIRN_SEVERITY_ERROR ? "error" : "warning", c->code, line, column,
             c->node ? c->node : "-", c->message, seen->str);
  /* A warning alone never makes a journey invalid. */
  if (c->severity == CAIRN_SEVERITY_WARNING)
    g_assert_cmpuint (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR), ==, 0);
}

static void
test_samples_valid (void)
{
  g_autofree char *dir = g_build_filename (TESTS_SRCDIR, "..", "data", "journeys", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnJourney) journey = cairn_journey_load_file (path, &error);
      g_autoptr(GPtrArray) diagnostics = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_no_error (error);
      diagnostics = cairn_validate (journey);
      for (guint i = 0; i < diagnostics->len; i++)
        {
          CairnDiagnostic *d = g_ptr_array_index (diagnostics, i);
          g_autofree char *formatted = cairn_diagnostic_format (d);
          if (d->severity == CAIRN_SEVERITY_ERROR)
            g_error ("%s", formatted);
        }
      n++;
    }
  g_assert_cmpuint (n, >=, 6);
}

static void
test_order (void)
{
  const char *text = HEAD "  \"timezone\": \"Nowhere/Land\",\n  \"nodes\": [\n" START
    "    { \"id\": \"p\", \"type\": \"message.pigeon\" },\n" EXIT "  ],\n" EDGE;
  g_autoptr(CairnJourney) journey = cairn_journey_load_data (text, -1, "order.json", NULL);
  g_autoptr(GPtrArray) diagnostics = cairn_validate (journey);

  g_assert_cmpuint (diagnostics->len, >=, 2);
  for (guint i = 1; i < diagnostics->len; i++)
    {
      CairnDiagnostic *a = g_ptr_array_index (diagnostics, i - 1), *b = g_ptr_array_index (diagnostics, i);
      g_assert_true (a->line < b->line || (a->line == b->line && a->column <= b->column));
    }
}

/* The sanitizers make every step several times slower and the stack
 * frames larger: a shorter chain (10^5, which overflowed a recursive walk
 * there) keeps the test fast. build-aux/test sets CAIRN_SANITIZER_BUILD. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED TRUE
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED TRUE
#endif
#endif
#ifndef SANITIZED
#define SANITIZED FALSE
#endif

/* A chain of a million nodes whose last one leads back to the second: the
 * reachability and cycle walks must not recurse once per node. */
static void
test_long_chain (void)
{
  guint n = SANITIZED || g_getenv ("CAIRN_SANITIZER_BUILD") != NULL ? 100000 : 1000000;
  GString *text = g_string_new (HEAD "\"nodes\":[{\"id\":\"n0\",\"type\":\"starter.event\",\"config\":{\"event\":\"buy\"}}");
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  guint cycles = 0;

  for (guint i = 1; i < n; i++)
    g_string_append_printf (text, ",{\"id\":\"n%u\",\"type\":\"action.set_attribute\","
                            "\"config\":{\"attribute\":\"a\",\"value\":1}}", i);
  g_string_append (text, "],\"edges\":[");
  for (guint i = 1; i < n; i++)
    g_string_append_printf (text, "%s{\"from\":\"n%u\",\"to\":\"n%u\"}", i > 1 ? "," : "", i - 1, i);
  g_string_append_printf (text, ",{\"from\":\"n%u\",\"to\":\"n1\"}]}", n - 1);

  journey = cairn_journey_load_data (text->str, text->len, "chain.json", &error);
  g_string_free (text, TRUE);
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, n);
  diagnostics = cairn_validate (journey);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      CairnDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *formatted = cairn_diagnostic_format (d);

      g_assert_cmpstr (d->code, !=, "unreachable-node");
      if (g_strcmp0 (d->code, "cycle-without-wait") == 0)
        {
          g_assert_cmpstr (d->node_id, ==, "n1");
          cycles++;
        }
    }
  g_assert_cmpuint (cycles, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/validate/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], run_case);
    }
  g_test_add_func ("/core/validate/samples-valid", test_samples_valid);
  g_test_add_func ("/core/validate/order", test_order);
  g_test_add_func ("/core/validate/long-chain", test_long_chain);
  return g_test_run ();
}
