/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The persona editor's scenario model (no display): every sample scenario
 * reads and writes back as it was; members it does not know, or of a type
 * it does not read, stay where they were; people and personas are added,
 * removed and moved; an edited event reads back as JSON. */

#include "config.h"

#include <string.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-scenario-model.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = cairn_json_parse (text, strlen (text), NULL, NULL, &error);

  g_assert_no_error (error);
  return node;
}

/* @model written is @expected: the same members in the same order, the
 * same numbers as read (compared as text, compact). */
static void
assert_writes (CairnScenarioModel *model,
               JsonNode           *expected)
{
  g_autoptr(JsonNode) back = cairn_scenario_model_to_json (model);
  g_autofree char *text = cairn_json_to_string (back, FALSE);
  g_autofree char *wanted = cairn_json_to_string (expected, FALSE);

  g_assert_true (cairn_json_equal (back, expected));
  g_assert_cmpstr (text, ==, wanted);
}

static void
assert_writes_text (CairnScenarioModel *model,
                    const char         *expected_text)
{
  g_autoptr(JsonNode) expected = parse (expected_text);

  assert_writes (model, expected);
}

static void
test_samples_round_trip (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(CairnScenarioModel) model = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      g_autofree char *pretty = NULL;
      g_autofree char *wanted = NULL;

      if (!g_str_has_suffix (entry, ".json"))
        continue;
      path = g_build_filename (dir, entry, NULL);
      root = cairn_json_load_file (path, NULL, &error);
      g_assert_no_error (error);
      model = cairn_scenario_model_new_from_json (root, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cairn_scenario_model_get_format (model), ==, "cairn-scenario");
      assert_writes (model, root);
      /* The file text is the editor's writer's for the tree as read. */
      data = cairn_scenario_model_to_data (model);
      pretty = cairn_json_to_string (root, TRUE);
      wanted = g_strconcat (pretty, "\n", NULL);
      g_assert_cmpstr (data, ==, wanted);
      n++;
    }
  g_assert_cmpuint (n, >=, 8);
}

static const char *extras =
  "{\"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"Extras\","
  " \"x-owner\": {\"team\": \"crm\", \"tags\": [1, 2.5, null, 1.0, 12345678901234567890123]},"
  " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-09T00:00:00Z\", \"seed\": 3,"
  " \"catalog\": {\"products\": []},"
  " \"users\": [{\"x-crm-id\": 991, \"id\": \"ann\","
  "   \"attributes\": {\"name\": \"Ann\", \"tags\": [\"a\", \"b\"]},"
  "   \"reachability\": {\"email\": true},"
  "   \"affinity\": {\"discount\": 0.8, \"channels\": {\"email\": 0.6}},"
  "   \"behavior\": {\"channels\": {\"email\": {\"open\": 0.5, \"x-note\": \"kept\"}},"
  "                 \"after_click\": [{\"probability\": 0.5, \"event\": {\"name\": \"purchase\"}}]},"
  "   \"events\": [{\"at\": \"PT10H\", \"name\": \"purchase\", \"x-source\": \"pos\","
  "                 \"params\": {\"category\": \"furniture\", \"price\": 12.5}}],"
  "   \"expect\": {\"outcome\": \"exit_node\", \"messages\": [{\"node\": \"push1\"}], \"goals\": []}}],"
  " \"generate\": {\"count\": 10, \"id_prefix\": \"g\", \"x-batch\": 4,"
  "   \"personas\": [{\"name\": \"p\", \"weight\": 1.0, \"x-segment\": \"s1\","
  "                   \"attributes\": {\"age\": {\"uniform\": [18, 30]}},"
  "                   \"reachability\": {\"email\": {\"choice\": [true, false]}}}]},"
  " \"x-last\": true}";

/* Members of the wrong type everywhere (shared with test-persona-editor.c). */
static JsonNode *
load_wrong_types (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "scenario-model", "wrong-types.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *node = cairn_json_load_file (path, NULL, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_unknown_members (void)
{
  g_autoptr(JsonNode) root = parse (extras);
  g_autoptr(CairnScenarioModel) model = cairn_scenario_model_new_from_json (root, NULL);
  g_autoptr(JsonNode) wrong = load_wrong_types ();
  g_autoptr(CairnScenarioModel) odd = cairn_scenario_model_new_from_json (wrong, NULL);
  g_autoptr(CairnPersona) ann = g_list_model_get_item (cairn_scenario_model_get_users (model), 0);
  g_autoptr(CairnPersona) first = g_list_model_get_item (cairn_scenario_model_get_users (odd), 0);
  g_autoptr(CairnPersona) a = g_list_model_get_item (cairn_scenario_model_get_users (odd), 1);
  g_autoptr(CairnPersona) heavy = g_list_model_get_item (cairn_scenario_model_get_personas (odd), 1);
  g_auto(GStrv) unknown = cairn_persona_dup_unknown_members (ann);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = parse ("[1]");

  assert_writes (model, root);
  assert_writes (odd, wrong);
  g_assert_cmpstr (cairn_persona_get_id (ann), ==, "ann");
  g_assert_cmpuint (g_strv_length (unknown), ==, 1);
  g_assert_cmpstr (unknown[0], ==, "x-crm-id");
  g_assert_nonnull (cairn_scenario_model_get_kept (model, "x-owner"));
  g_assert_null (cairn_scenario_model_get_catalog_path (model));

  /* What is not understood is kept, and blocks the forms that would
     replace it. */
  g_assert_null (cairn_scenario_model_get_name (odd));
  g_assert_nonnull (cairn_scenario_model_get_kept (odd, "name"));
  g_assert_cmpint (cairn_scenario_model_get_seed (odd), ==, 0);
  g_assert_false (cairn_persona_is_object (first));
  g_assert_true (cairn_persona_is_object (a));
  g_assert_nonnull (cairn_persona_get_kept (a, "attributes"));
  g_assert_nonnull (cairn_persona_engagement_blocked (a, "email"));
  g_assert_nonnull (cairn_persona_channel_affinity_blocked (a));
  g_assert_cmpuint (g_list_model_get_n_items (cairn_persona_get_events (a)), ==, 2);
  g_assert_nonnull (cairn_persona_get_kept (heavy, "events"));
  g_assert_cmpfloat (cairn_persona_get_weight (heavy), ==, 1);
  g_assert_nonnull (cairn_scenario_model_get_population_kept (odd, "count"));

  /* An edit of one member leaves the others as they were. */
  cairn_scenario_model_set_name (odd, "Named");
  assert_writes_text (odd, "{\"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"Named\", \"start\": [], \"seed\": \"x\","
                      " \"users\": [1, {\"id\": \"a\", \"attributes\": \"x\", \"reachability\": [1], \"affinity\": 3,"
                      "             \"behavior\": {\"channels\": {\"email\": 5}, \"after_click\": 1},"
                      "             \"events\": [2, {\"name\": 3, \"at\": 4, \"params\": [1], \"platform\": 7}],"
                      "             \"expect\": \"yes\"}, {\"id\": \"b\", \"expect\": {\"path\": [[1], \"w1\"], \"goals\": [{}]}}],"
                      " \"generate\": {\"count\": \"many\", \"personas\": [4, {\"name\": [], \"weight\": \"heavy\","
                      "   \"attributes\": [1], \"reachability\": {\"email\": \"x\"}, \"behavior\": 2, \"events\": {\"a\": 1}}]}}");

  /* Not a scenario at all */
  g_assert_null (cairn_scenario_model_new_from_json (list, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
}

static GStrv
ids (GListModel *list)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CairnPersona) persona = g_list_model_get_item (list, i);
      g_strv_builder_add (out, cairn_persona_is_generated (persona) ? cairn_persona_get_name (persona)
                                                                     : cairn_persona_get_id (persona));
    }
  return g_strv_builder_end (out);
}

static void
assert_ids (GListModel *list,
            const char *expected)
{
  g_auto(GStrv) got = ids (list);
  g_autofree char *text = g_strjoinv (" ", got);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_add_remove_reorder (void)
{
  g_autoptr(CairnScenarioModel) model =
    cairn_scenario_model_new_from_data ("{\"format\": \"cairn-scenario\", \"version\": 1,"
                                        " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-09T00:00:00Z\"}", -1, NULL);
  GListModel *users = cairn_scenario_model_get_users (model);
  GListModel *personas = cairn_scenario_model_get_personas (model);
  CairnPersona *ann, *bob, *copy, *shopper;
  guint position;

  g_assert_nonnull (model);
  /* Nothing is added by reading */
  assert_writes_text (model, "{\"format\": \"cairn-scenario\", \"version\": 1,"
                      " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-09T00:00:00Z\"}");
  ann = cairn_scenario_model_add_user (model, "ann");
  bob = cairn_scenario_model_add_user (model, "bob");
  cairn_scenario_model_add_user (model, "cy");
  assert_ids (users, "ann bob cy");
  copy = cairn_scenario_model_duplicate (model, ann);
  cairn_persona_set_id (copy, "ann-2");
  assert_ids (users, "ann bob cy ann-2");
  cairn_scenario_model_move (model, copy, 0);
  assert_ids (users, "ann-2 ann bob cy");
  cairn_scenario_model_move (model, ann, 3);
  assert_ids (users, "ann-2 bob cy ann");
  g_assert_true (cairn_scenario_model_find (model, bob, &position));
  g_assert_cmpuint (position, ==, 1);
  cairn_scenario_model_remove (model, bob);
  assert_ids (users, "ann-2 cy ann");

  g_assert_false (cairn_scenario_model_has_population (model));
  shopper = cairn_scenario_model_add_persona (model, "shopper");
  cairn_scenario_model_add_persona (model, "browser");
  cairn_persona_set_weight (shopper, 2.5);
  cairn_scenario_model_move (model, shopper, 1);
  assert_ids (personas, "browser shopper");
  g_assert_true (cairn_scenario_model_has_population (model));
  cairn_scenario_model_set_id_prefix (model, "g");

  assert_writes_text (model, "{\"format\": \"cairn-scenario\", \"version\": 1,"
                      " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-09T00:00:00Z\","
                      " \"users\": ["
                      "  {\"id\": \"ann-2\", \"attributes\": {}, \"reachability\": {}, \"events\": []},"
                      "  {\"id\": \"cy\", \"attributes\": {}, \"reachability\": {}, \"events\": []},"
                      "  {\"id\": \"ann\", \"attributes\": {}, \"reachability\": {}, \"events\": []}],"
                      " \"generate\": {\"count\": 100, \"personas\": ["
                      "  {\"name\": \"browser\", \"weight\": 1}, {\"name\": \"shopper\", \"weight\": 2.5}],"
                      "  \"id_prefix\": \"g\"}}");

  /* Everyone removed: the lists that were there stay, empty. */
  while (g_list_model_get_n_items (users) > 0)
    {
      g_autoptr(CairnPersona) persona = g_list_model_get_item (users, 0);
      cairn_scenario_model_remove (model, persona);
    }
  {
    g_autoptr(JsonNode) root = cairn_scenario_model_to_json (model);
    g_assert_cmpuint (json_array_get_length (cairn_json_get_array (json_node_get_object (root), "users")), ==, 0);
  }
}

static void
test_edit_event (void)
{
  g_autoptr(CairnScenarioModel) model =
    cairn_scenario_model_new_from_data (extras, -1, NULL);
  g_autoptr(CairnPersona) ann = g_list_model_get_item (cairn_scenario_model_get_users (model), 0);
  g_autoptr(CairnScenarioEvent) event = g_list_model_get_item (cairn_persona_get_events (ann), 0);
  g_autoptr(JsonNode) platform = parse ("{\"choice\": [\"web\", \"ios\"]}");
  g_autoptr(JsonNode) back = NULL;
  CairnScenarioEvent *added;
  GListStore *params = cairn_scenario_event_get_params (event);
  CairnScenarioValue *price;

  g_assert_cmpstr (cairn_scenario_event_get_name (event), ==, "purchase");
  g_assert_cmpstr (cairn_scenario_event_get_at (event), ==, "PT10H");
  /* From a time after the start to after a message */
  cairn_scenario_event_set_at (event, NULL);
  cairn_scenario_event_set_after_message (event, "push1");
  cairn_scenario_event_set_delay (event, "PT1H");
  cairn_scenario_event_set_name (event, "message_clicked");
  cairn_scenario_event_set_platform (event, json_node_ref (platform));
  price = cairn_scenario_values_find (G_LIST_MODEL (params), "price", NULL);
  g_assert_nonnull (price);
  cairn_scenario_value_set_key (price, "amount");
  cairn_scenario_value_set_value (price, cairn_scenario_number_node (0.3 + 0.05));
  cairn_scenario_values_remove (params, "category");
  cairn_scenario_values_set (params, "currency", json_node_init_string (json_node_alloc (), "GBP"));

  {
    g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);
    added = cairn_persona_add_event (ann, null);
  }
  g_assert_false (cairn_scenario_event_is_object (added));
  cairn_persona_remove_event (ann, added);

  back = cairn_scenario_model_to_json (model);
  {
    JsonObject *user = json_array_get_object_element (cairn_json_get_array (json_node_get_object (back), "users"), 0);
    JsonNode *events = json_object_get_member (user, "events");
    g_autoptr(JsonNode) expected =
      parse ("[{\"name\": \"message_clicked\", \"x-source\": \"pos\","
             "  \"params\": {\"amount\": 0.35, \"currency\": \"GBP\"},"
             "  \"after_message\": \"push1\", \"delay\": \"PT1H\", \"platform\": {\"choice\": [\"web\", \"ios\"]}}]");
    g_autofree char *text = cairn_json_to_string (events, FALSE);
    g_autofree char *wanted = cairn_json_to_string (expected, FALSE);

    g_assert_cmpstr (text, ==, wanted);
  }

  /* Engagement, reachability, channel affinity and expectations */
  cairn_persona_set_engagement (ann, "email", "click", cairn_scenario_number_node (0.4));
  cairn_persona_set_engagement (ann, "sms", "open", cairn_scenario_number_node (1));
  cairn_scenario_values_set (cairn_persona_get_reachability (ann), "sms", json_node_init_boolean (json_node_alloc (), TRUE));
  cairn_persona_set_channel_affinity (ann, "email", NULL);
  cairn_persona_set_channel_affinity (ann, "sms", cairn_scenario_number_node (0.2));
  cairn_persona_set_expect_outcome (ann, NULL);
  cairn_persona_set_expect_path (ann, (const char *[]) { "start", "w1", NULL });
  g_clear_pointer (&back, json_node_unref);
  back = cairn_scenario_model_to_json (model);
  {
    JsonObject *user = json_array_get_object_element (cairn_json_get_array (json_node_get_object (back), "users"), 0);
    g_autoptr(JsonNode) expected =
      parse ("{\"x-crm-id\": 991, \"id\": \"ann\","
             " \"attributes\": {\"name\": \"Ann\", \"tags\": [\"a\", \"b\"]},"
             " \"reachability\": {\"email\": true, \"sms\": true},"
             " \"affinity\": {\"discount\": 0.8, \"channels\": {\"sms\": 0.2}},"
             " \"behavior\": {\"channels\": {\"email\": {\"open\": 0.5, \"x-note\": \"kept\", \"click\": 0.4},"
             "                              \"sms\": {\"open\": 1}},"
             "               \"after_click\": [{\"probability\": 0.5, \"event\": {\"name\": \"purchase\"}}]},"
             " \"events\": [{\"name\": \"message_clicked\", \"x-source\": \"pos\","
             "  \"params\": {\"amount\": 0.35, \"currency\": \"GBP\"},"
             "  \"after_message\": \"push1\", \"delay\": \"PT1H\", \"platform\": {\"choice\": [\"web\", \"ios\"]}}],"
             " \"expect\": {\"messages\": [{\"node\": \"push1\"}], \"goals\": [], \"path\": [\"start\", \"w1\"]}}");
    g_autoptr(JsonNode) node = json_node_alloc ();
    g_autofree char *text = NULL;
    g_autofree char *wanted = cairn_json_to_string (expected, FALSE);

    json_node_init_object (node, user);
    text = cairn_json_to_string (node, FALSE);
    g_assert_cmpstr (text, ==, wanted);
  }
  g_assert_cmpuint (cairn_persona_get_n_after_click (ann), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scenario-model/samples-round-trip", test_samples_round_trip);
  g_test_add_func ("/scenario-model/unknown-members", test_unknown_members);
  g_test_add_func ("/scenario-model/add-remove-reorder", test_add_remove_reorder);
  g_test_add_func ("/scenario-model/edit-event", test_edit_event);
  return g_test_run ();
}
