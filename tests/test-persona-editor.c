/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The persona editor (suite "ui"): a person built from scratch through the
 * editor's widgets runs as DESIGN §5 says; a population's count edited in
 * place changes the next run; Save As writes a scenario that the core
 * loader reads back as it was, with every field the editor does not show. */

#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "cairn-autosave.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-persona-editor.h"
#include "cairn-scenario.h"
#include "cairn-simulation.h"
#include "cairn-simulation-panel.h"
#include "ui-util.h"

static char *store_path;

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
need (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

/* Lets idle rebuilds run. */
static void
settle (void)
{
  for (int i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
click (GtkWidget  *root,
       const char *name)
{
  g_signal_emit_by_name (need (root, name), "clicked");
  settle ();
}

static void
type_text (GtkWidget  *root,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (need (root, name)), text);
}

/* Adds a key/value row to @list and fills it in. */
static void
add_value (GtkWidget  *editor,
           const char *list,
           const char *fresh,
           const char *key,
           guint       type,
           const char *text)
{
  g_autofree char *add = g_strdup_printf ("%s-add", list);
  g_autofree char *row_name = g_strdup_printf ("%s:%s", list, fresh);
  g_autofree char *renamed = g_strdup_printf ("%s:%s", list, key);
  GtkWidget *row;

  click (editor, add);
  row = need (editor, row_name);
  type_text (row, "kv-key", key);
  g_assert_true (find_named (editor, renamed) == row);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (row, "kv-type")), type);
  if (text == NULL)
    gtk_switch_set_active (GTK_SWITCH (need (row, "kv-value")), TRUE);
  else
    type_text (row, "kv-value", text);
}

static JsonObject *
person (JsonObject *report,
        const char *id)
{
  JsonArray *people = cairn_json_get_array (report, "people");

  for (guint i = 0; people && i < json_array_get_length (people); i++)
    if (g_strcmp0 (cairn_json_get_string (json_array_get_object_element (people, i), "id"), id) == 0)
      return json_array_get_object_element (people, i);
  return NULL;
}

static void
assert_json (JsonNode   *actual,
             const char *expected_text)
{
  g_autoptr(JsonNode) expected = cairn_json_parse (expected_text, strlen (expected_text), NULL, NULL, NULL);

  g_assert_nonnull (expected);
  if (!cairn_json_equal (actual, expected))
    {
      g_autofree char *text = cairn_json_to_string (actual, FALSE);
      g_error ("got %s\nwanted %s", text, expected_text);
    }
}

static void
assert_member (JsonObject *object,
               const char *member,
               const char *expected_text)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    g_error ("no member %s", member);
  assert_json (node, expected_text);
}

static double
number_at (JsonObject *object,
           const char *a,
           const char *b,
           const char *c)
{
  double value = -1;

  object = cairn_json_get_object (object, a);
  object = object && b ? cairn_json_get_object (object, b) : object;
  g_assert_nonnull (object);
  g_assert_true (cairn_json_get_number (object, c, &value));
  return value;
}

static double
number_at_root (JsonObject *object,
                const char *member)
{
  double value = -1;
  g_assert_true (cairn_json_get_number (object, member, &value));
  return value;
}

/* Tess, built through the widgets: four typed attributes, reachable on web
 * push but not email, a purchase at a time and a click 1 h after push1.
 * DESIGN §5: she enters at the purchase, waits P3D at w1, gets push1, waits
 * P2D, is unreachable for email1 (failed → done) and leaves by the exit
 * node; the after_message click is an engagement event of push1's send
 * (G3) and an input event (O1). */
static void
test_build_from_scratch (void)
{
  g_autofree char *scenario_path = ui_source_path ("scenarios", "furniture-cross-sell.json");
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
  GtkWidget *editor = cairn_simulation_panel_get_persona_editor (panel);
  g_autofree char *dir = g_dir_make_tmp ("cairn-personas-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "tess.json", NULL);
  g_autofree char *engine_text = NULL;
  g_autoptr(JsonNode) engine = NULL;
  g_autoptr(JsonNode) user_node = json_node_alloc ();
  CairnSimulationOptions options;
  JsonObject *report, *tess, *user, *channels;
  JsonArray *messages;

  cairn_simulation_panel_set_scenario (panel, scenario_path);
  cairn_persona_editor_new_scenario (CAIRN_PERSONA_EDITOR (editor));
  g_assert_true (cairn_persona_editor_get_modified (CAIRN_PERSONA_EDITOR (editor)));
  g_assert_cmpuint (cairn_persona_editor_get_n_users (CAIRN_PERSONA_EDITOR (editor)), ==, 0);
  type_text (editor, "scenario-start", "2026-11-02T00:00:00Z");
  type_text (editor, "scenario-end", "2026-11-16T00:00:00Z");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (editor, "scenario-seed")), 7);

  gtk_widget_activate_action (editor, "personas.add-user", NULL);
  settle ();
  g_assert_cmpuint (cairn_persona_editor_get_n_users (CAIRN_PERSONA_EDITOR (editor)), ==, 1);
  type_text (editor, "user-id", "tess");
  g_signal_emit_by_name (need (editor, "user-id"), "apply");
  user = cairn_persona_editor_get_user (CAIRN_PERSONA_EDITOR (editor), 0);
  g_assert_cmpstr (cairn_json_get_string (user, "id"), ==, "tess");

  add_value (editor, "attributes", "attribute", "name", 0, "Tess");
  add_value (editor, "attributes", "attribute", "age", 1, "41");
  add_value (editor, "attributes", "attribute", "vip", 2, NULL);
  add_value (editor, "attributes", "attribute", "birthday", 3, "1985-04-12");
  /* A date that is not one is not written */
  type_text (need (editor, "attributes:birthday"), "kv-value", "1985-02-30");
  g_assert_true (gtk_widget_has_css_class (need (need (editor, "attributes:birthday"), "kv-value"), "error"));
  type_text (need (editor, "attributes:birthday"), "kv-value", "1985-04-12");

  gtk_switch_set_active (GTK_SWITCH (need (editor, "reach-web_push")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (need (editor, "reach-email")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (need (editor, "reach-email")), FALSE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (editor, "email-open")), 0.35);

  click (editor, "event-add");
  type_text (editor, "event0-name", "purchase");
  adw_combo_row_set_selected (ADW_COMBO_ROW (need (editor, "event0-when")), 0);
  type_text (editor, "event0-at", "2026-11-02T10:00:00Z");
  type_text (editor, "event0-platform", "web");
  add_value (editor, "event0-params", "param", "category", 0, "furniture");
  add_value (editor, "event0-params", "param", "product_id", 0, "sofa-oslo");
  add_value (editor, "event0-params", "param", "product_name", 0, "sofa");
  add_value (editor, "event0-params", "param", "price", 1, "899");

  click (editor, "event-add");
  type_text (editor, "event1-name", "message_clicked");
  adw_combo_row_set_selected (ADW_COMBO_ROW (need (editor, "event1-when")), 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (need (editor, "event1-message")), 0);

  /* The picker follows the journey's message nodes */
  cairn_journey_set_node_label (journey, "email1", "Renamed");
  settle ();
  {
    GListModel *titles = adw_combo_row_get_model (ADW_COMBO_ROW (need (editor, "event1-message")));
    g_assert_cmpuint (g_list_model_get_n_items (titles), ==, 2);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (titles), 1), ==, "email1 · Renamed");
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (need (editor, "event1-message"))), ==, 0);
  }

  /* The editor's tree is good until the next edit: read it again. */
  user = cairn_persona_editor_get_user (CAIRN_PERSONA_EDITOR (editor), 0);
  json_node_init_object (user_node, user);
  assert_json (user_node,
               "{\"id\": \"tess\","
               " \"attributes\": {\"name\": \"Tess\", \"age\": 41, \"vip\": true, \"birthday\": \"1985-04-12\"},"
               " \"reachability\": {\"web_push\": true, \"email\": false},"
               " \"behavior\": {\"channels\": {\"email\": {\"open\": 0.35}}},"
               " \"events\": ["
               "  {\"name\": \"purchase\", \"at\": \"2026-11-02T10:00:00Z\", \"platform\": \"web\","
               "   \"params\": {\"category\": \"furniture\", \"product_id\": \"sofa-oslo\", \"product_name\": \"sofa\","
               "                \"price\": 899}},"
               "  {\"name\": \"message_clicked\", \"after_message\": \"push1\", \"delay\": \"PT1H\"}]}");

  /* The run takes the unsaved scenario */
  g_assert_true (cairn_persona_editor_get_modified (CAIRN_PERSONA_EDITOR (editor)));
  cairn_simulation_panel_run (panel);
  ui_wait_idle (panel);
  report = cairn_simulation_panel_get_report (panel);
  g_assert_nonnull (report);
  g_assert_cmpstr (cairn_json_get_string (report, "scenario"), ==, "New scenario");
  tess = person (report, "tess");
  g_assert_nonnull (tess);
  assert_member (tess, "outcome", "\"exit_node\"");
  assert_member (tess, "path", "[\"start\", \"w1\", \"push1\", \"w2\", \"email1\", \"done\"]");
  messages = cairn_json_get_array (tess, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 1);
  assert_member (json_array_get_object_element (messages, 0), "node", "\"push1\"");
  assert_member (json_array_get_object_element (messages, 0), "time", "\"2026-11-05T10:00:00Z\"");
  assert_member (json_array_get_object_element (messages, 0), "title", "\"Make it cosy, Tess\"");
  assert_member (json_array_get_object_element (messages, 0), "products",
                 "[\"cushion-linen\", \"lamp-floor-arc\", \"throw-wool\"]");
  channels = cairn_json_get_object (report, "channels");
  g_assert_cmpfloat (number_at (channels, "email", NULL, "unreachable"), ==, 1);
  g_assert_cmpfloat (number_at (channels, "email", NULL, "sent"), ==, 0);
  g_assert_cmpfloat (number_at (channels, "web_push", NULL, "delivered"), ==, 1);
  g_assert_cmpfloat (number_at (channels, "web_push", NULL, "opened"), ==, 0);
  g_assert_cmpfloat (number_at (channels, "web_push", NULL, "clicked"), ==, 1);
  g_assert_cmpfloat (number_at_root (report, "seed"), ==, 7);

  /* Saved, it is the scenario the engine runs to the same report. */
  g_assert_true (cairn_persona_editor_save (CAIRN_PERSONA_EDITOR (editor), saved, NULL));
  g_assert_false (cairn_persona_editor_get_modified (CAIRN_PERSONA_EDITOR (editor)));
  g_assert_cmpstr (cairn_simulation_panel_get_scenario (panel), ==, saved);
  cairn_simulation_options_init (&options);
  engine_text = cairn_simulation_run_scenario (journey, saved, &options, NULL, NULL, NULL, NULL, NULL);
  engine = cairn_json_parse (engine_text, strlen (engine_text), NULL, NULL, NULL);
  {
    g_autoptr(JsonNode) node = json_node_alloc ();
    json_node_init_object (node, report);
    g_assert_true (cairn_json_equal (node, engine));
  }

  g_object_unref (panel);
  g_remove (saved);
  g_rmdir (dir);
}

/* The crowd's count edited in place: the next run makes that many. */
static void
test_population_count (void)
{
  g_autofree char *scenario_path = ui_source_path ("scenarios", "furniture-cross-sell-crowd.json");
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
  GtkWidget *editor = cairn_simulation_panel_get_persona_editor (panel);
  g_autoptr(JsonNode) on_disk = NULL;
  JsonObject *generate;

  cairn_simulation_panel_set_scenario (panel, scenario_path);
  cairn_simulation_panel_run (panel);
  ui_wait_idle (panel);
  g_assert_cmpfloat (number_at_root (cairn_simulation_panel_get_report (panel), "users"), ==, 201);

  cairn_persona_editor_select_population (CAIRN_PERSONA_EDITOR (editor));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (editor, "population-count")), 50);
  cairn_persona_editor_select_persona (CAIRN_PERSONA_EDITOR (editor), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (editor, "persona-weight")), 2.5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (editor, "reach-email")), 0.75);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (editor, "email-click")), 0.4);
  /* A drawn attribute and a third event process */
  add_value (editor, "attributes", "attribute", "income", 4, "{\"uniform\": [1, 5]}");
  click (editor, "event-add");
  type_text (editor, "event2-name", "page_view");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (editor, "event2-rate")), 0.25);
  add_value (editor, "event2-params", "param", "url", 4, "{\"choice\": [\"/rugs\", \"/lamps\"]}");
  generate = cairn_json_get_object (json_node_get_object (cairn_persona_editor_get_scenario (CAIRN_PERSONA_EDITOR (editor))),
                                    "generate");
  assert_member (generate, "count", "50");
  {
    JsonObject *browser = json_array_get_object_element (cairn_json_get_array (generate, "personas"), 1);
    assert_member (browser, "weight", "2.5");
    assert_member (browser, "reachability", "{\"email\": 0.75}");
    assert_member (browser, "behavior", "{\"channels\": {\"email\": {\"open\": 0.1, \"click\": 0.4}}}");
    assert_member (browser, "attributes", "{\"age\": {\"uniform\": [18, 30]}, \"income\": {\"uniform\": [1, 5]}}");
    /* What the form does not touch stays as it was */
    assert_member (browser, "events",
                   "[{\"name\": \"product_view\", \"rate_per_day\": 1.5, \"platform\": \"web\","
                   "  \"params\": {\"category\": {\"choice\": [\"furniture\", \"rugs\", \"lighting\"]}}},"
                   " {\"name\": \"purchase\", \"rate_per_day\": 0.02, \"platform\": \"web\","
                   "  \"params\": {\"category\": \"furniture\", \"product_id\": \"table-coffee-walnut\", \"price\": 279}},"
                   " {\"name\": \"page_view\", \"rate_per_day\": 0.25,"
                   "  \"params\": {\"url\": {\"choice\": [\"/rugs\", \"/lamps\"]}}}]");
  }

  cairn_simulation_panel_run (panel);
  ui_wait_idle (panel);
  g_assert_cmpfloat (number_at_root (cairn_simulation_panel_get_report (panel), "users"), ==, 51);
  g_assert_cmpuint (json_array_get_length (cairn_json_get_array (cairn_simulation_panel_get_report (panel), "people")),
                    ==, 1);
  /* Nothing was written to the sample */
  on_disk = cairn_json_load_file (scenario_path, NULL, NULL);
  assert_member (cairn_json_get_object (json_node_get_object (on_disk), "generate"), "count", "200");

  /* A persona removed: the population's form shows */
  cairn_persona_editor_select_persona (CAIRN_PERSONA_EDITOR (editor), 0);
  gtk_widget_activate_action (editor, "personas.remove", NULL);
  generate = cairn_json_get_object (json_node_get_object (cairn_persona_editor_get_scenario (CAIRN_PERSONA_EDITOR (editor))),
                                    "generate");
  g_assert_cmpuint (json_array_get_length (cairn_json_get_array (generate, "personas")), ==, 1);
  need (editor, "population-count");
  g_object_unref (panel);
}

static const char *with_extras =
  "{\"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"Extras\","
  " \"x-owner\": {\"team\": \"crm\", \"tags\": [1, 2.5, null]},"
  " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-09T00:00:00Z\", \"seed\": 3,"
  " \"catalog\": \"../catalogs/home.json\","
  " \"users\": [{\"id\": \"ann\", \"x-crm-id\": 991,"
  "   \"attributes\": {\"name\": \"Ann\", \"tags\": [\"a\", \"b\"]},"
  "   \"reachability\": {\"email\": true},"
  "   \"affinity\": {\"discount\": 0.8, \"channels\": {\"email\": 0.6}},"
  "   \"behavior\": {\"channels\": {\"email\": {\"open\": 0.5, \"x-note\": \"kept\"}},"
  "                 \"after_click\": [{\"probability\": 0.5, \"event\": {\"name\": \"purchase\"}}]},"
  "   \"events\": [{\"at\": \"PT10H\", \"name\": \"purchase\", \"x-source\": \"pos\","
  "                 \"params\": {\"category\": \"furniture\", \"price\": 12.5}}],"
  "   \"expect\": {\"outcome\": \"exit_node\", \"messages\": [{\"node\": \"push1\"}], \"goals\": []}}],"
  " \"generate\": {\"count\": 10, \"id_prefix\": \"g\", \"x-batch\": 4,"
  "   \"personas\": [{\"name\": \"p\", \"weight\": 1, \"x-segment\": \"s1\","
  "                   \"attributes\": {\"age\": {\"uniform\": [18, 30]}},"
  "                   \"reachability\": {\"email\": {\"choice\": [true, false]}}}]}}";

/* Save As into another folder: the file loads with the core loader, reads
 * back as the editor's tree, keeps every unknown field, and its catalog
 * path follows it (not when it cannot be written). A file that does not
 * load is reported with its line. */
static void
test_save_round_trip (void)
{
  g_autofree char *catalog_source = ui_source_path ("catalogs", "home.json");
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
  CairnPersonaEditor *editor = CAIRN_PERSONA_EDITOR (cairn_simulation_panel_get_persona_editor (panel));
  g_autofree char *dir = g_dir_make_tmp ("cairn-personas-XXXXXX", NULL);
  g_autofree char *scenarios = g_build_filename (dir, "scenarios", NULL);
  g_autofree char *catalogs = g_build_filename (dir, "catalogs", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "b", "c", NULL);
  g_autofree char *original = g_build_filename (scenarios, "extras.json", NULL);
  g_autofree char *catalog = g_build_filename (catalogs, "home.json", NULL);
  g_autofree char *saved = g_build_filename (elsewhere, "out.json", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "deeper", "out.json", NULL);
  g_autofree char *catalog_text = NULL;
  g_autoptr(JsonNode) before = cairn_json_parse (with_extras, strlen (with_extras), NULL, NULL, NULL);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(CairnInput) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) position = g_regex_new ("out\\.json:[0-9]+:[0-9]+: ", 0, 0, NULL);
  JsonObject *object;
  CairnUser *ann;

  g_assert_true (g_file_get_contents (catalog_source, &catalog_text, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (scenarios, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (catalogs, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_true (g_file_set_contents (catalog, catalog_text, -1, NULL));
  g_assert_true (g_file_set_contents (original, with_extras, -1, NULL));

  cairn_simulation_panel_set_scenario (panel, original);
  g_assert_false (cairn_persona_editor_get_modified (editor));
  cairn_persona_editor_select_user (editor, 0);
  add_value (GTK_WIDGET (editor), "attributes", "attribute", "city", 0, "Leeds");
  g_assert_true (cairn_persona_editor_get_modified (editor));

  /* Duplicate, rename and remove */
  g_assert_cmpuint (cairn_persona_editor_duplicate_user (editor, 0), ==, 1);
  g_assert_cmpstr (cairn_json_get_string (cairn_persona_editor_get_user (editor, 1), "id"), ==, "ann-2");
  g_assert_false (cairn_persona_editor_rename_user (editor, 1, "ann", &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cairn_persona_editor_rename_user (editor, 1, "bob", NULL));
  cairn_persona_editor_remove_user (editor, 1);
  g_assert_cmpuint (cairn_persona_editor_get_n_users (editor), ==, 1);

  /* A Save As that cannot write leaves the file and its catalog path */
  g_assert_false (cairn_persona_editor_save (editor, nowhere, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (cairn_persona_editor_get_filename (editor), ==, original);
  g_assert_cmpstr (cairn_json_get_string (json_node_get_object (cairn_persona_editor_get_scenario (editor)), "catalog"),
                   ==, "../catalogs/home.json");

  g_assert_true (cairn_persona_editor_save (editor, saved, &error));
  g_assert_no_error (error);
  g_assert_false (cairn_persona_editor_get_modified (editor));
  g_assert_cmpstr (cairn_simulation_panel_get_scenario (panel), ==, saved);

  /* The file is the editor's tree, and the original with one attribute
     more and a catalog path rewritten for its new folder. */
  back = cairn_json_load_file (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cairn_json_equal (back, cairn_persona_editor_get_scenario (editor)));
  object = json_node_get_object (before);
  json_object_set_string_member (object, "catalog", "../../catalogs/home.json");
  json_object_set_string_member (cairn_json_get_object (json_array_get_object_element (cairn_json_get_array (object, "users"), 0),
                                                        "attributes"), "city", "Leeds");
  g_assert_true (cairn_json_equal (back, before));
  {
    /* Document order is kept too */
    g_autofree char *text = cairn_json_to_string (back, FALSE);
    g_autofree char *expected = cairn_json_to_string (before, FALSE);
    g_assert_cmpstr (text, ==, expected);
  }

  input = cairn_input_new_scenario (saved, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (input->catalog);
  g_assert_cmpuint (input->n_scripted, ==, 1);
  g_assert_cmpuint (input->users->len, ==, 11);
  ann = cairn_input_get_user (input, 0);
  g_assert_cmpstr (ann->id, ==, "ann");
  {
    g_autoptr(JsonNode) node = json_node_alloc ();
    json_node_init_object (node, ann->attributes);
    assert_json (node, "{\"name\": \"Ann\", \"tags\": [\"a\", \"b\"], \"city\": \"Leeds\"}");
  }

  /* Weights all 0: written, and reported as the loader says, with a line */
  cairn_persona_editor_select_persona (editor, 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (GTK_WIDGET (editor), "persona-weight")), 0);
  g_assert_false (cairn_persona_editor_save (editor, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_true (g_regex_match (position, error->message, 0, NULL));
  g_clear_error (&error);

  g_object_unref (panel);
  g_remove (saved);
  g_remove (original);
  g_remove (catalog);
  g_rmdir (elsewhere);
  {
    g_autofree char *b = g_build_filename (dir, "b", NULL);
    g_rmdir (b);
  }
  g_rmdir (scenarios);
  g_rmdir (catalogs);
  g_rmdir (dir);
}

/* A scenario written by hand with members of the wrong type
 * (fixtures/scenario-model/wrong-types.json): every item's form opens
 * without a warning, what would replace a member of another type cannot be
 * used, and saving writes those members back as they were. */
static void
test_wrong_types (void)
{
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
  CairnPersonaEditor *editor = CAIRN_PERSONA_EDITOR (cairn_simulation_panel_get_persona_editor (panel));
  GtkWidget *widget = GTK_WIDGET (editor);
  g_autofree char *dir = g_dir_make_tmp ("cairn-personas-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wrong.json", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "scenario-model", "wrong-types.json", NULL);
  g_autofree char *wrong_types = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) back = NULL;
  JsonArray *users;

  g_assert_true (g_file_get_contents (fixture, &wrong_types, NULL, NULL));
  before = cairn_json_parse (wrong_types, strlen (wrong_types), NULL, NULL, NULL);
  g_assert_true (g_file_set_contents (path, wrong_types, -1, NULL));
  cairn_simulation_panel_set_scenario (panel, path);
  g_assert_cmpuint (cairn_persona_editor_get_n_users (editor), ==, 3);
  g_assert_null (cairn_persona_editor_get_user (editor, 0));
  /* What is not a person keeps its place and cannot be renamed */
  g_assert_false (cairn_persona_editor_rename_user (editor, 0, "x", NULL));
  cairn_persona_editor_select_user (editor, 0);
  settle ();
  cairn_persona_editor_select_user (editor, 2);
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need (widget, "expect-path"))), ==, " w1");
  cairn_persona_editor_select_settings (editor);
  settle ();
  cairn_persona_editor_select_population (editor);
  settle ();
  cairn_persona_editor_select_persona (editor, 0);
  settle ();
  cairn_persona_editor_select_persona (editor, 1);
  settle ();
  g_assert_false (gtk_widget_get_sensitive (need (widget, "attributes-add")));
  g_assert_false (gtk_widget_get_sensitive (need (widget, "event-add")));
  g_assert_false (gtk_widget_is_sensitive (need (widget, "email-open")));

  cairn_persona_editor_select_user (editor, 1);
  settle ();
  g_assert_false (gtk_widget_get_sensitive (need (widget, "attributes-add")));
  g_assert_false (gtk_widget_get_sensitive (need (widget, "affinity-add")));
  g_assert_false (gtk_widget_get_sensitive (need (widget, "reach-email")));
  g_assert_false (gtk_widget_get_sensitive (need (widget, "expect-outcome")));
  g_assert_true (gtk_widget_get_sensitive (need (widget, "event-add")));
  /* The one event that is an object has a form */
  need (widget, "event1-name");

  /* The element that is not a person is copied as it is */
  cairn_persona_editor_duplicate_user (editor, 0);
  settle ();
  g_assert_cmpuint (cairn_persona_editor_get_n_users (editor), ==, 4);

  /* The loader refuses it, but it is written all the same */
  g_assert_false (cairn_persona_editor_save (editor, NULL, NULL));
  back = cairn_json_load_file (path, NULL, NULL);
  g_assert_nonnull (back);
  users = cairn_json_get_array (json_node_get_object (back), "users");
  g_assert_cmpuint (json_array_get_length (users), ==, 4);
  assert_json (json_array_get_element (users, 3), "1");
  json_array_remove_element (users, 3);
  g_assert_true (cairn_json_equal (back, before));

  g_object_unref (panel);
  g_remove (path);
  g_rmdir (dir);
}

/* Whether a label under @root reads @text. */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The forms edit the scenario model's objects: a person renamed while
 * another is shown keeps its own row, which follows it; an event moved to
 * after a message, a channel affinity and a retyped attribute read back as
 * JSON, with the members the forms do not know where they were. */
static void
test_typed_forms (void)
{
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
  CairnPersonaEditor *editor = CAIRN_PERSONA_EDITOR (cairn_simulation_panel_get_persona_editor (panel));
  GtkWidget *widget = GTK_WIDGET (editor);
  g_autofree char *dir = g_dir_make_tmp ("cairn-personas-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "extras.json", NULL);
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *text = NULL;
  g_autofree char *wanted = NULL;
  static const char *expected_text =
    "{\"id\": \"anna\", \"x-crm-id\": 991,"
    " \"attributes\": {\"name\": \"Ann\", \"tags\": [\"a\", \"b\"], \"age\": 41},"
    " \"reachability\": {\"email\": true},"
    " \"affinity\": {\"discount\": 0.8, \"channels\": {\"email\": 0.25}},"
    " \"behavior\": {\"channels\": {\"email\": {\"open\": 0.5, \"x-note\": \"kept\"}},"
    "               \"after_click\": [{\"probability\": 0.5, \"event\": {\"name\": \"purchase\"}}]},"
    " \"events\": [{\"name\": \"purchase\", \"x-source\": \"pos\","
    "              \"params\": {\"category\": \"furniture\", \"price\": 12.5},"
    "              \"after_message\": \"push1\", \"delay\": \"PT1H\"}],"
    " \"expect\": {\"outcome\": \"exit_node\", \"messages\": [{\"node\": \"push1\"}], \"goals\": []}}";
  g_autoptr(JsonNode) expected = cairn_json_parse (expected_text, strlen (expected_text), NULL, NULL, NULL);
  GtkWidget *first;

  g_assert_true (g_file_set_contents (path, with_extras, -1, NULL));
  cairn_simulation_panel_set_scenario (panel, path);
  g_assert_cmpuint (cairn_persona_editor_duplicate_user (editor, 0), ==, 1);
  settle ();
  g_assert_true (has_label (widget, "ann-2"));
  g_assert_true (cairn_persona_editor_rename_user (editor, 0, "anna", NULL));
  first = need (widget, "item-user");
  g_assert_true (has_label (first, "anna"));
  g_assert_false (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (first)));
  /* The copy is what is shown, and stays so */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need (widget, "user-id"))), ==, "ann-2");

  cairn_persona_editor_select_user (editor, 0);
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need (widget, "user-id"))), ==, "anna");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (need (widget, "event0-when"))), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (need (widget, "event0-when")), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need (widget, "email-affinity")), 0.25);
  add_value (widget, "attributes", "attribute", "age", 0, "41");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need (need (widget, "attributes:age"), "kv-type")), 1);

  json_node_init_object (node, cairn_persona_editor_get_user (editor, 0));
  text = cairn_json_to_string (node, FALSE);
  wanted = cairn_json_to_string (expected, FALSE);
  g_assert_cmpstr (text, ==, wanted);
  g_assert_true (cairn_persona_editor_get_modified (editor));

  g_object_unref (panel);
  g_remove (path);
  g_rmdir (dir);
}

/* Runs the main loop until @autosave has written (ten seconds at most). */
static void
wait_autosaved (CairnAutosave *autosave)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((cairn_autosave_get_pending (autosave) || cairn_autosave_get_data_path (autosave) == NULL)
         && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_false (cairn_autosave_get_pending (autosave));
  g_assert_nonnull (cairn_autosave_get_data_path (autosave));
}

/* The .ini of an autosave says a process that is gone: what a crash
 * leaves. */
static void
orphan (const char *data_path)
{
  g_autofree char *stem = g_strndup (data_path, strlen (data_path) - strlen (".json"));
  g_autofree char *ini = g_strconcat (stem, ".ini", NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  g_assert_true (g_key_file_load_from_file (keyfile, ini, G_KEY_FILE_NONE, NULL));
  g_key_file_set_int64 (keyfile, "autosave", "pid", 0);
  g_assert_true (g_key_file_save_to_file (keyfile, ini, NULL));
}

/* Persona edits are autosaved like journeys, and come back after a crash
 * as unsaved edits of their own file; a restore that cannot keep them
 * again leaves the old copy, the only one. */
static void
test_autosave_restore (void)
{
  g_autofree char *catalog_source = ui_source_path ("catalogs", "home.json");
  g_autoptr(CairnJourney) journey = ui_load_journey ("furniture-cross-sell.json");
  CairnSimulationPanel *panel = ui_panel_new (store_path, journey);
  CairnSimulationPanel *next = ui_panel_new (store_path, journey);
  CairnPersonaEditor *editor = CAIRN_PERSONA_EDITOR (cairn_simulation_panel_get_persona_editor (panel));
  CairnPersonaEditor *restored = CAIRN_PERSONA_EDITOR (cairn_simulation_panel_get_persona_editor (next));
  g_autofree char *dir = g_dir_make_tmp ("cairn-personas-XXXXXX", NULL);
  g_autofree char *scenarios = g_build_filename (dir, "scenarios", NULL);
  g_autofree char *catalogs = g_build_filename (dir, "catalogs", NULL);
  g_autofree char *original = g_build_filename (scenarios, "extras.json", NULL);
  g_autofree char *catalog = g_build_filename (catalogs, "home.json", NULL);
  g_autofree char *catalog_text = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnInput) input = NULL;
  CairnAutosaveEntry *entry;
  struct rlimit limit, tiny;

  g_assert_true (g_file_get_contents (catalog_source, &catalog_text, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (scenarios, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (catalogs, 0700), ==, 0);
  g_assert_true (g_file_set_contents (catalog, catalog_text, -1, NULL));
  g_assert_true (g_file_set_contents (original, with_extras, -1, NULL));

  cairn_simulation_panel_set_scenario (panel, original);
  cairn_autosave_set_delay (cairn_persona_editor_get_autosave (editor), 100);
  g_assert_null (cairn_autosave_get_data_path (cairn_persona_editor_get_autosave (editor)));
  cairn_persona_editor_add_user (editor, "zoe");
  g_assert_true (cairn_persona_editor_get_modified (editor));
  wait_autosaved (cairn_persona_editor_get_autosave (editor));
  kept = g_strdup (cairn_autosave_get_data_path (cairn_persona_editor_get_autosave (editor)));
  g_assert_true (g_file_get_contents (kept, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"zoe\""));
  g_assert_nonnull (strstr (text, "x-owner"));
  /* The copy runs where it is: its catalog path was made for its folder. */
  input = cairn_input_new_scenario (kept, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (input->catalog);
  g_clear_pointer (&input, cairn_input_free);

  /* Its own session is alive: nothing to offer. */
  orphans = cairn_autosave_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* The crash */
  orphan (kept);
  orphans = cairn_autosave_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_cmpint (entry->kind, ==, CAIRN_AUTOSAVE_SCENARIO);
  g_assert_cmpstr (entry->filename, ==, original);
  g_assert_cmpstr (entry->name, ==, "Extras");

  /* Restoring when the copy cannot be kept again (no file may grow past
     a few bytes): it says so, and the old copy stays. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  tiny = limit;
  tiny.rlim_cur = 16;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &tiny), ==, 0);
  g_assert_false (cairn_persona_editor_restore (restored, entry, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  /* Then it works: the edits are back, unsaved, on their own file. */
  g_assert_true (cairn_persona_editor_restore (restored, entry, &error));
  g_assert_no_error (error);
  g_assert_true (cairn_persona_editor_get_modified (restored));
  g_assert_cmpstr (cairn_persona_editor_get_filename (restored), ==, original);
  g_assert_cmpuint (cairn_persona_editor_get_n_users (restored), ==, 2);
  g_assert_cmpstr (cairn_json_get_string (cairn_persona_editor_get_user (restored, 1), "id"), ==, "zoe");
  g_assert_cmpstr (cairn_json_get_string (json_node_get_object (cairn_persona_editor_get_scenario (restored)), "catalog"),
                   ==, "../catalogs/home.json");
  /* Kept again by this session before the old copy goes */
  g_assert_nonnull (cairn_autosave_get_data_path (cairn_persona_editor_get_autosave (restored)));
  cairn_autosave_entry_remove (entry);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = cairn_autosave_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);

  /* Saved: nothing unsaved is left to keep. */
  g_clear_pointer (&kept, g_free);
  kept = g_strdup (cairn_autosave_get_data_path (cairn_persona_editor_get_autosave (restored)));
  cairn_persona_editor_save (restored, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_null (cairn_autosave_get_data_path (cairn_persona_editor_get_autosave (restored)));

  g_object_unref (panel);
  g_object_unref (next);
  g_remove (catalog);
  g_remove (original);
  g_rmdir (catalogs);
  g_rmdir (scenarios);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("cairn-test-personas-XXXXXX", NULL);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  store_path = g_build_filename (home, "runs.sqlite", NULL);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipped\n");
      return 77;
    }
  adw_init ();
  g_test_add_func ("/ui/personas/build-from-scratch", test_build_from_scratch);
  g_test_add_func ("/ui/personas/population-count", test_population_count);
  g_test_add_func ("/ui/personas/save-round-trip", test_save_round_trip);
  g_test_add_func ("/ui/personas/wrong-types", test_wrong_types);
  g_test_add_func ("/ui/personas/typed-forms", test_typed_forms);
  g_test_add_func ("/ui/personas/autosave-restore", test_autosave_restore);
  return g_test_run ();
}
