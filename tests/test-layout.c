/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cairn-error.h"
#include "cairn-journey.h"
#include "cairn-layout.h"
#include "cairn-summary.h"

/* Graphviz 2.43 leaks a little on every layout (see
 * fixtures/lsan-graphviz.supp); full malloc stacks let the suppressions
 * name its libraries without hiding leaks of ours. Only read in sanitizer
 * builds. */
const char *__asan_default_options (void);
const char *__lsan_default_suppressions (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:libgvc.so\nleak:libcgraph.so\nleak:libgvplugin_pango.so\nleak:libgvplugin_core.so\n"
         "leak:libgvplugin_dot_layout.so\nleak:libpango-1.0.so\nleak:libpangoft2-1.0.so\n"
         "leak:libpangocairo-1.0.so\nleak:libfontconfig.so\nleak:libcairo.so\n";
}

static const char * const samples[] = {
  "furniture-cross-sell.json", "flight-add-ons.json", "laptop-accessories.json",
  "furniture-follow-up.json", "advanced-cross-sell.json", "rent-a-car-reminder.json",
};

static CairnJourney *
load_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "journeys", name, NULL);
  CairnJourney *journey = cairn_journey_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journey);
  return journey;
}

static CairnJourney *
load_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  CairnJourney *journey = cairn_journey_load_data (text, -1, "test.json", &error);

  g_assert_no_error (error);
  return journey;
}

static char *
summary_of (CairnJourney *journey,
            const char   *id)
{
  CairnNode *node = cairn_journey_find_node (journey, id);

  g_assert_nonnull (node);
  return cairn_node_summary (node);
}

static void
assert_summary (CairnJourney *journey,
                const char   *id,
                const char   *expected)
{
  g_autofree char *summary = summary_of (journey, id);
  g_assert_cmpstr (summary, ==, expected);
}

static void
test_summary (void)
{
  g_autoptr(CairnJourney) furniture = load_sample ("furniture-cross-sell.json");
  g_autoptr(CairnJourney) flight = load_sample ("flight-add-ons.json");
  g_autoptr(CairnJourney) advanced = load_sample ("advanced-cross-sell.json");
  g_autoptr(CairnJourney) car = load_sample ("rent-a-car-reminder.json");
  g_autoptr(CairnJourney) follow = load_sample ("furniture-follow-up.json");

  assert_summary (furniture, "start", "On purchase where category = \"furniture\"");
  assert_summary (furniture, "w1", "Wait until purchase, up to 3 days");
  assert_summary (furniture, "push1", "Web push: Make it cosy, {{user.name}} · 3 complementary products");
  assert_summary (furniture, "w2", "Wait 2 days");
  assert_summary (furniture, "email1", "Email: Complete your living room · 4 complementary products");
  assert_summary (furniture, "done", "Leave the journey");

  assert_summary (flight, "start", "On booking where category = \"flight\" on web, ios, android");
  assert_summary (flight, "w1", "Wait 1 day");
  assert_summary (flight, "persona", "If age < 22 and cabin ≠ \"business\"");

  assert_summary (advanced, "discount", "If discount affinity ≥ 0.7");
  assert_summary (advanced, "category", "Check 2 conditions, first match wins");
  assert_summary (advanced, "reach", "First reachable of App push, Web push, Email");
  assert_summary (advanced, "ab", "Split A 50% / B 50%, best click_rate wins");
  assert_summary (advanced, "clicked", "Was web_push1 clicked within 1 day?");
  assert_summary (advanced, "facebook", "Add to Facebook audience “cross-sell-remarketing”");

  assert_summary (car, "start", "3 days before departure_date of booking, checked at 01:00 UTC");
  assert_summary (car, "morning", "Wait until 09:00");
  assert_summary (car, "has_car", "If booking in the last 30 days where category = \"car-rental\"");

  assert_summary (follow, "nbc", "Best engaged of Email, Web push, App push, On-site, In-app");
}

static void
test_summary_odd_configs (void)
{
  g_autoptr(CairnJourney) journey = load_text (
    "{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"odd\", \"nodes\": ["
    " {\"id\": \"a\", \"type\": \"message.pigeon\"},"
    " {\"id\": \"b\", \"type\": \"wait.duration\", \"config\": {\"duration\": \"3 days\"}},"
    " {\"id\": \"c\", \"type\": \"wait.until_event\"},"
    " {\"id\": \"d\", \"type\": \"condition.check\", \"config\": {\"tabs\": [1, {\"when\": {\"all\": []}}]}},"
    " {\"id\": \"e\", \"type\": \"split.ab\", \"config\": {\"variants\": [{\"id\": \"A\", \"weight\": \"x\"}, 3]}},"
    " {\"id\": \"f\", \"type\": \"message.sms\", \"config\": {\"text\": \"A very long text message that goes on and on about cushions\\nand rugs\"}},"
    " {\"id\": \"g\", \"type\": \"action.set_attribute\", \"config\": {\"attribute\": \"tier\", \"value\": null}},"
    " {\"id\": \"j\", \"type\": \"message.inapp\", \"config\": {\"title\": \"T\", \"recommendations\": {\"count\": 1e300}}},"
    " {\"id\": \"k\", \"type\": \"starter.dynamic_date\", \"config\": {\"offset_days\": -1e300, \"source\": 3}},"
    " {\"id\": \"h\", \"type\": \"starter.dynamic_date\", \"config\": {\"source\": {\"attribute\": \"birthday\"},"
    "   \"yearly\": true, \"mode\": \"after\", \"offset_days\": 2}},"
    " {\"id\": \"i\", \"type\": \"condition.check\", \"config\": {\"tabs\": [{\"id\": \"t\", \"when\": {\"not\": {\"any\": ["
    "   {\"reachable\": \"email\"}, {\"attribute\": \"vip\", \"op\": \"exists\"}]}}}]}}"
    "]}");

  assert_summary (journey, "a", "Unknown node type “message.pigeon”");
  assert_summary (journey, "b", "Wait 3 days");
  assert_summary (journey, "c", "Wait until ?, up to ?");
  assert_summary (journey, "d", "Check 2 conditions, first match wins");
  assert_summary (journey, "e", "Split A 0%");
  assert_summary (journey, "f", "SMS: A very long text message that goes on and on…");
  assert_summary (journey, "g", "Remove tier");
  assert_summary (journey, "h", "2 days after birthday or later, every year, checked at 01:00 UTC");
  assert_summary (journey, "j", "In-app: T · 1000000 products");
  assert_summary (journey, "k", "100000 days before ? of ?, checked at 01:00 UTC");
  assert_summary (journey, "i", "If not (reachable on Email or vip is set)");
}

static void
on_changed (CairnJourney *journey,
            guint        *count)
{
  (*count)++;
}

static void
assert_laid_out (CairnJourney *journey,
                 const char   *name)
{
  guint n = cairn_journey_get_n_nodes (journey);

  for (guint i = 0; i < n; i++)
    {
      CairnNode *a = cairn_journey_get_node (journey, i);

      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      for (guint j = i + 1; j < n; j++)
        {
          CairnNode *b = cairn_journey_get_node (journey, j);
          if (a->x == b->x && a->y == b->y)
            g_error ("%s: %s and %s share the position %g,%g", name, a->id, b->id, a->x, a->y);
        }
    }
  /* The samples have no cycles: every edge goes right. */
  for (guint i = 0; i < cairn_journey_get_n_edges (journey); i++)
    {
      CairnEdge *edge = cairn_journey_get_edge (journey, i);
      CairnNode *from = cairn_journey_find_node (journey, edge->from);
      CairnNode *to = cairn_journey_find_node (journey, edge->to);

      if (!(to->x > from->x))
        g_error ("%s: edge %s.%s → %s goes from x=%g to x=%g", name, edge->from, edge->port, edge->to,
                 from->x, to->x);
    }
}

static void
test_apply (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autoptr(CairnJourney) journey = load_sample (samples[s]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      guint changes = 0;

      for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
        g_ptr_array_add (ids, g_strdup (cairn_journey_get_node (journey, i)->id));
      for (guint i = 0; i < ids->len; i++)
        cairn_journey_move_node (journey, g_ptr_array_index (ids, i), 0, 0);

      g_signal_connect (journey, "changed", G_CALLBACK (on_changed), &changes);
      g_assert_true (cairn_layout_apply (journey, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (changes, ==, 1);
      assert_laid_out (journey, samples[s]);

      /* The starter is in the first column. */
      g_assert_cmpfloat (cairn_journey_get_starter (journey)->x, ==, 40);
    }
}

static void
test_dot (void)
{
  g_autoptr(CairnJourney) journey = load_sample ("furniture-cross-sell.json");
  g_autofree char *dot = cairn_layout_to_dot (journey);

  g_assert_true (g_str_has_prefix (dot, "digraph \"furniture-cross-sell\" {"));
  g_assert_nonnull (strstr (dot, "rankdir=LR"));
  g_assert_nonnull (strstr (dot, "Three quiet days"));
  g_assert_nonnull (strstr (dot, "Wait until purchase, up to 3 days"));
  /* Ports in order; each edge leaves from its own. */
  g_assert_nonnull (strstr (dot, "<TD PORT=\"p0\""));
  g_assert_nonnull (strstr (dot, "timeout"));
  g_assert_nonnull (strstr (dot, "\"w1\":p0:e -> \"bought_again\":w"));
  g_assert_nonnull (strstr (dot, "\"w1\":p1:e -> \"push1\":w"));
  g_assert_nonnull (strstr (dot, "\"push1\":p1:e -> \"email1\":w [style=dashed"));
}

static void
assert_signature (GBytes            *bytes,
                  CairnExportFormat  format)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, >, 100);
  switch (format)
    {
    case CAIRN_EXPORT_DOT:
      g_assert_true (g_str_has_prefix (data, "digraph"));
      break;
    case CAIRN_EXPORT_SVG:
      g_assert_nonnull (g_strstr_len (data, size, "<svg"));
      g_assert_nonnull (g_strstr_len (data, size, "</svg>"));
      break;
    case CAIRN_EXPORT_PNG:
      g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
      break;
    case CAIRN_EXPORT_PDF:
      g_assert_cmpmem (data, 5, "%PDF-", 5);
      g_assert_nonnull (g_strstr_len (data + size - MIN (size, 64), MIN (size, 64), "%%EOF"));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_render (void)
{
  g_autoptr(CairnJourney) journey = load_sample ("furniture-cross-sell.json");
  static const char * const names[] = { "dot", "svg", "png", "pdf" };

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      CairnExportFormat format;

      g_assert_true (cairn_export_format_from_name (names[f], &format));
      g_assert_cmpint (format, ==, f);
      bytes = cairn_layout_render (journey, format, &error);
      g_assert_no_error (error);
      assert_signature (bytes, format);
      if (format == CAIRN_EXPORT_SVG)
        g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                        "Complete your living room"));
    }
  g_assert_true (cairn_export_format_from_name ("PNG", NULL));
  g_assert_false (cairn_export_format_from_name ("bmp", NULL));
  g_assert_false (cairn_export_format_from_name (NULL, NULL));
}

/* Ids, labels and ports that need quoting, an edge from an unknown port,
 * edges to nowhere, a node without an id: still drawn. */
static void
test_hostile (void)
{
  g_autoptr(CairnJourney) journey = load_text (
    "{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"a\\\"b\", \"name\": \"<b>&amp;</b>\", \"nodes\": ["
    " {\"id\": \"s\\\"1\", \"type\": \"starter.event\", \"label\": \"<&>\\\"\\n\", \"config\": {\"event\": \"x\"}},"
    " {\"id\": \"c\", \"type\": \"condition.check\", \"config\": {\"tabs\": [{\"id\": \"t<1>\", \"name\": \"a & b\","
    "   \"when\": {\"param\": \"p\", \"op\": \"eq\", \"value\": \"<i>\"}}]}},"
    " {\"type\": \"exit\"},"
    " {\"id\": \"x\", \"type\": \"no.such.type\", \"label\": \"\\u00e9\\u00e8 \\ud83d\\ude00\"}"
    "], \"edges\": [{\"from\": \"s\\\"1\", \"to\": \"c\"}, {\"from\": \"c\", \"port\": \"nope\", \"to\": \"x\"},"
    " {\"from\": \"c\", \"port\": \"t<1>\", \"to\": \"ghost\"}, {\"to\": \"c\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;

  svg = cairn_layout_render (journey, CAIRN_EXPORT_SVG, &error);
  g_assert_no_error (error);
  assert_signature (svg, CAIRN_EXPORT_SVG);
  g_assert_true (cairn_layout_apply (journey, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (cairn_journey_find_node (journey, "c")->x, >, cairn_journey_find_node (journey, "s\"1")->x);
}

/* A loop back to an earlier node (the validator only warns) still lays
 * out, with the loop's entry left of its body. */
static void
test_cycle (void)
{
  g_autoptr(CairnJourney) journey = load_text (
    "{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"loop\", \"nodes\": ["
    " {\"id\": \"start\", \"type\": \"starter.event\", \"config\": {\"event\": \"purchase\"}},"
    " {\"id\": \"w\", \"type\": \"wait.duration\", \"config\": {\"duration\": \"P1D\"}},"
    " {\"id\": \"sms\", \"type\": \"message.sms\", \"config\": {\"text\": \"Hi\"}}"
    "], \"edges\": [{\"from\": \"start\", \"to\": \"w\"}, {\"from\": \"w\", \"to\": \"sms\"},"
    " {\"from\": \"sms\", \"to\": \"w\"}]}");
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_layout_apply (journey, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (cairn_journey_find_node (journey, "start")->x, <, cairn_journey_find_node (journey, "w")->x);
  g_assert_cmpfloat (cairn_journey_find_node (journey, "w")->x, <, cairn_journey_find_node (journey, "sms")->x);
}

static gpointer
render_in_thread (gpointer data)
{
  const char *name = data;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CairnJourney) journey = load_sample (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = cairn_layout_render (journey, CAIRN_EXPORT_SVG, &error);

      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      g_assert_true (cairn_layout_apply (journey, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("layout", render_in_thread, (gpointer) samples[i % G_N_ELEMENTS (samples)]);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static int
run_cli (const char * const *args,
         char              **err)
{
  const char *cli = g_getenv ("CAIRN_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *suppressions = g_test_build_filename (G_TEST_DIST, "fixtures", "lsan-graphviz.supp", NULL);
  g_autofree char *lsan = g_strdup_printf ("suppressions=%s", suppressions);
  g_autofree char *asan = NULL;
  g_auto(GStrv) env = g_get_environ ();
  int status = -1;

  /* The same suppressions for a sanitizer build of the command line. */
  asan = g_strdup_printf ("%s%sfast_unwind_on_malloc=0", g_environ_getenv (env, "ASAN_OPTIONS") ?: "",
                          g_environ_getenv (env, "ASAN_OPTIONS") ? ":" : "");
  env = g_environ_setenv (env, "ASAN_OPTIONS", asan, TRUE);
  env = g_environ_setenv (env, "LSAN_OPTIONS", lsan, TRUE);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "journeys", "flight-add-ons.json", NULL);
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const formats[] = { "dot", "svg", "png", "pdf" };

  if (g_getenv ("CAIRN_CLI") == NULL)
    {
      g_test_skip ("CAIRN_CLI is not set");
      return;
    }
  dir = g_dir_make_tmp ("cairn-layout-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strconcat ("journey.", formats[f], NULL);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      g_autofree char *err = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize size;
      const char *args[] = { "export", sample, "--format", formats[f], "-o", out, NULL };
      CairnExportFormat format;

      g_assert_cmpint (run_cli (args, &err), ==, 0);
      g_assert_true (g_file_get_contents (out, &data, &size, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&data), size);
      cairn_export_format_from_name (formats[f], &format);
      assert_signature (bytes, format);
      g_unlink (out);
    }

  {
    g_autofree char *out = g_build_filename (dir, "x.bmp", NULL);
    g_autofree char *err = NULL;
    const char *unknown[] = { "export", sample, "--format", "bmp", "-o", out, NULL };
    const char *no_output[] = { "export", sample, "--format", "svg", NULL };
    const char *missing[] = { "export", "/nonexistent/journey.json", "--format", "svg", "-o", out, NULL };

    g_assert_cmpint (run_cli (unknown, &err), ==, 2);
    g_assert_nonnull (strstr (err, "bmp"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    g_assert_cmpint (run_cli (no_output, NULL), ==, 2);
    g_assert_cmpint (run_cli (missing, NULL), ==, 2);
  }

  {
    g_autofree char *out = g_build_filename (dir, "laid-out.json", NULL);
    const char *args[] = { "layout", sample, "-o", out, NULL };
    const char *no_file[] = { "layout", NULL };
    g_autoptr(CairnJourney) journey = NULL;

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    journey = cairn_journey_load_file (out, &error);
    g_assert_no_error (error);
    assert_laid_out (journey, "layout -o");
    g_assert_cmpint (run_cli (no_file, NULL), ==, 2);
    g_unlink (out);
  }
  g_rmdir (dir);
}

/* Cards of the sizes given: 232 wide, taller with each port, with badges
 * reaching 12 above. No two overlap after the layout. */
static void
tall_cards (CairnNode      *node,
            CairnLayoutBox *box,
            gpointer        user_data)
{
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);

  box->x = -2;
  box->y = -12;
  box->width = 232;
  box->height = 12 + 64 + MAX (1, ports->len) * 18 + 3;
}

static void
test_apply_sized (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autoptr(CairnJourney) journey = load_sample (samples[s]);
      g_autoptr(GError) error = NULL;
      guint n = cairn_journey_get_n_nodes (journey);

      g_assert_true (cairn_layout_apply_sized (journey, tall_cards, NULL, 58, 18, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            CairnNode *a = cairn_journey_get_node (journey, i), *b = cairn_journey_get_node (journey, j);
            CairnLayoutBox ba, bb;

            tall_cards (a, &ba, NULL);
            tall_cards (b, &bb, NULL);
            if (a->x + ba.x < b->x + bb.x + bb.width && b->x + bb.x < a->x + ba.x + ba.width &&
                a->y + ba.y < b->y + bb.y + bb.height && b->y + bb.y < a->y + ba.y + ba.height)
              g_error ("%s: %s and %s overlap", samples[s], a->id, b->id);
          }
      /* The box's corner is at the margin: the card is right of and below it */
      g_assert_cmpfloat (cairn_journey_get_starter (journey)->x, >=, 40 + 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/layout/summary", test_summary);
  g_test_add_func ("/core/layout/summary-odd-configs", test_summary_odd_configs);
  g_test_add_func ("/core/layout/apply", test_apply);
  g_test_add_func ("/core/layout/dot", test_dot);
  g_test_add_func ("/core/layout/render", test_render);
  g_test_add_func ("/core/layout/hostile", test_hostile);
  g_test_add_func ("/core/layout/cycle", test_cycle);
  g_test_add_func ("/core/layout/threads", test_threads);
  g_test_add_func ("/core/layout/cli", test_cli);
  g_test_add_func ("/core/layout/apply-sized", test_apply_sized);
  return g_test_run ();
}
