/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The designer window, driven the way a person would drive it: through
 * the same functions the palette, the canvas and the actions call. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "cairn-application.h"
#include "cairn-autosave.h"
#include "cairn-canvas.h"
#include "cairn-diagnostic.h"
#include "cairn-inspector.h"
#include "cairn-json.h"
#include "cairn-palette.h"
#include "cairn-persona-editor.h"
#include "cairn-predicate-editor.h"
#include "cairn-registry.h"
#include "cairn-simulation-panel.h"
#include "cairn-validate.h"
#include "cairn-window-private.h"
#include "ui-util.h"

static char *
sample_path (const char *name)
{
  return g_build_filename (CAIRN_SOURCE_DATADIR, "journeys", name, NULL);
}

static CairnWindow *
window_with (const char *sample)
{
  CairnWindow *window = cairn_window_new (NULL);

  if (sample != NULL)
    {
      g_autofree char *path = sample_path (sample);
      g_autoptr(GError) error = NULL;

      g_assert_true (cairn_window_load_file (window, path, &error));
      g_assert_no_error (error);
    }
  return window;
}

static char *
document (CairnWindow *window)
{
  return cairn_journey_to_data (cairn_window_get_journey (window), NULL);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_every_kind (void)
{
  CairnWindow *window = window_with (NULL);
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnUndoStack *undo = cairn_window_get_undo_stack (window);
  g_autofree char *empty = document (window);
  const CairnNodeKind * const *kinds;
  guint n_kinds = 0;

  kinds = cairn_registry_all (&n_kinds);
  g_assert_cmpuint (n_kinds, >, 20);
  for (guint i = 0; i < n_kinds; i++)
    {
      const char *id = cairn_window_drop_kind (window, kinds[i]->type, 40 + 30 * i, 100);
      CairnNode *node;
      g_auto(GStrv) selection = NULL;

      g_assert_nonnull (id);
      node = cairn_journey_find_node (journey, id);
      g_assert_nonnull (node);
      g_assert_cmpstr (node->type, ==, kinds[i]->type);
      g_assert_true (node->kind == kinds[i]);
      g_assert_cmpfloat (node->x, ==, 40 + 30 * i);
      /* A dropped node is selected, so the inspector shows it. */
      selection = cairn_window_get_selection (window);
      g_assert_cmpstr (selection[0], ==, id);
      g_assert_true (g_str_has_prefix (cairn_undo_stack_get_undo_label (undo), "Add "));
    }
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, n_kinds);
  g_assert_true (cairn_window_get_modified (window));

  for (guint i = 0; i < n_kinds; i++)
    g_assert_true (cairn_undo_stack_undo (undo));
  {
    g_autofree char *back = document (window);
    g_assert_cmpstr (back, ==, empty);
  }
  g_assert_false (cairn_window_get_modified (window));
  g_assert_null (cairn_window_drop_kind (window, "no.such.kind", 0, 0));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_palette (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnPalette *palette = CAIRN_PALETTE (cairn_palette_new ());
  guint n_kinds = 0;
  guint before = cairn_journey_get_n_nodes (journey);
  const char *ids[] = { "push1", NULL };
  CairnNode *added;

  g_object_ref_sink (palette);
  cairn_registry_all (&n_kinds);
  g_assert_cmpuint (cairn_palette_get_n_shown (palette), ==, n_kinds);
  cairn_palette_set_filter (palette, "SMS");
  g_assert_cmpuint (cairn_palette_get_n_shown (palette), >=, 1);
  cairn_palette_set_filter (palette, "zzzz-nothing");
  g_assert_cmpuint (cairn_palette_get_n_shown (palette), ==, 0);
  g_object_unref (palette);

  /* Double-click or Enter: next to the selection, joined to a free port */
  cairn_window_select_nodes (window, ids);
  added = cairn_journey_find_node (journey, cairn_window_add_kind (window, "message.sms"));
  g_assert_nonnull (added);
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, before + 1);
  g_assert_cmpfloat (added->x, >, cairn_journey_find_node (journey, "push1")->x);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_edit_undo_redo (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnUndoStack *undo = cairn_window_get_undo_stack (window);
  g_autofree char *original = document (window);
  g_autofree char *edited = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  const char *moved[] = { "start", "w1", "push1", NULL };
  const char *doomed[] = { "push1", NULL };
  CairnNode *start = cairn_journey_find_node (journey, "start");
  double start_x = start->x;

  id = cairn_window_drop_kind (window, "wait.duration", 900, 500);
  g_assert_nonnull (id);
  {
    g_autofree char *wait_id = g_strdup (id);
    g_assert_true (cairn_window_connect (window, wait_id, "out", "done", &error));
    g_assert_no_error (error);
    g_assert_cmpstr (cairn_undo_stack_get_undo_label (undo), ==, "Connect");
    g_assert_false (cairn_window_connect (window, wait_id, "out", "done", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  cairn_window_move_nodes (window, moved, 25, -10);
  g_assert_cmpstr (cairn_undo_stack_get_undo_label (undo), ==, "Move 3 nodes");
  g_assert_cmpfloat (cairn_journey_find_node (journey, "start")->x, ==, start_x + 25);

  cairn_window_select_nodes (window, doomed);
  cairn_window_delete_selection (window);
  g_assert_null (cairn_journey_find_node (journey, "push1"));
  g_assert_cmpstr (cairn_undo_stack_get_undo_label (undo), ==, "Delete 1 node");
  {
    g_autofree char *item = NULL;
    g_assert_true (g_menu_model_get_item_attribute (G_MENU_MODEL (window->undo_section), 0, "label", "s", &item));
    g_assert_cmpstr (item, ==, "_Undo Delete 1 node");
  }

  edited = document (window);
  while (cairn_undo_stack_can_undo (undo))
    cairn_undo_stack_undo (undo);
  {
    g_autofree char *back = document (window);
    g_assert_cmpstr (back, ==, original);
  }
  g_assert_false (cairn_window_get_modified (window));
  while (cairn_undo_stack_can_redo (undo))
    cairn_undo_stack_redo (undo);
  redone = document (window);
  g_assert_cmpstr (redone, ==, edited);

  /* Through the actions too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_nonnull (cairn_journey_find_node (journey, "push1"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_null (cairn_journey_find_node (journey, "push1"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_typing_merges (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnUndoStack *undo = cairn_window_get_undo_stack (window);
  g_autofree char *original = document (window);
  const char *word = "Hello";

  /* What the inspector does for each key typed in one field */
  for (guint i = 1; i <= strlen (word); i++)
    {
      g_autofree char *prefix = g_strndup (word, i);
      cairn_journey_set_node_label (journey, "w1", prefix);
      cairn_undo_stack_record (undo, "Rename Node", "w1/label");
    }
  g_assert_cmpstr (cairn_journey_find_node (journey, "w1")->label, ==, "Hello");
  g_assert_true (cairn_undo_stack_undo (undo));
  g_assert_false (cairn_undo_stack_can_undo (undo));
  {
    g_autofree char *back = document (window);
    g_assert_cmpstr (back, ==, original);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_paste_fresh_ids (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  const char *chosen[] = { "w1", "push1", NULL };
  g_autofree char *clip = NULL;
  g_autoptr(CairnJourney) copied = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pasted = NULL;
  guint before = cairn_journey_get_n_nodes (journey);
  guint edges_before = cairn_journey_get_n_edges (journey);
  CairnEdge *inner;

  cairn_window_select_nodes (window, chosen);
  clip = cairn_window_copy_selection (window);
  g_assert_nonnull (clip);

  /* The clipboard holds a journey document with the edges among them */
  copied = cairn_journey_load_data (clip, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_journey_get_n_nodes (copied), ==, 2);
  g_assert_nonnull (cairn_journey_find_edge (copied, "w1", "timeout"));
  g_assert_cmpstr (cairn_journey_find_edge (copied, "w1", "timeout")->to, ==, "push1");
  g_assert_cmpuint (cairn_journey_get_n_edges (copied), ==, 1);

  g_assert_true (cairn_window_paste_text (window, clip, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, before + 2);
  g_assert_cmpuint (cairn_journey_get_n_edges (journey), ==, edges_before + 1);
  pasted = cairn_window_get_selection (window);
  g_assert_cmpuint (g_strv_length (pasted), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (pasted[i], !=, "w1");
      g_assert_cmpstr (pasted[i], !=, "push1");
    }
  inner = cairn_journey_find_edge (journey, pasted[0], "timeout");
  g_assert_nonnull (inner);
  g_assert_cmpstr (inner->to, ==, pasted[1]);
  g_assert_cmpfloat (cairn_journey_find_node (journey, pasted[0])->x, >,
                     cairn_journey_find_node (journey, "w1")->x);

  g_assert_false (cairn_window_paste_text (window, "not json", &error));
  g_assert_nonnull (error);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_samples_round_trip (void)
{
  g_autofree char *dir_path = g_build_filename (CAIRN_SOURCE_DATADIR, "journeys", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("cairn-samples-XXXXXX", NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *out = NULL;
      g_autofree char *original = NULL;
      g_autofree char *saved = NULL;
      g_autoptr(GError) error = NULL;
      CairnWindow *window;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      out = g_build_filename (tmp, name, NULL);
      window = window_with (name);
      g_assert_true (cairn_window_save_file (window, out, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
      g_assert_true (g_file_get_contents (out, &saved, NULL, NULL));
      if (g_strcmp0 (original, saved) != 0)
        g_test_message ("%s changed on save", name);
      g_assert_cmpstr (saved, ==, original);
      g_assert_false (cairn_window_get_modified (window));
      gtk_window_destroy (GTK_WINDOW (window));
      g_unlink (out);
      n++;
    }
  g_assert_cmpuint (n, >=, 1);
  g_rmdir (tmp);
}

/* The child: edits, waits for the autosave, says so, and waits to be
 * killed. */
static int
autosave_child (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnAutosave *autosave = cairn_window_get_autosave (window);

  cairn_window_drop_kind (window, "message.sms", 800, 300);
  cairn_journey_set_node_label (cairn_window_get_journey (window), "w1", "Crash survivor");
  cairn_window_record (window, "Rename Node", NULL);
  while (cairn_autosave_get_pending (autosave) || cairn_autosave_get_data_path (autosave) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_print ("saved %s\n", cairn_autosave_get_data_path (autosave));
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static void
test_autosave_crash (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(CairnJourney) restored = NULL;
  CairnAutosaveEntry *entry;
  CairnWindow *window;
  gint64 started = g_get_monotonic_time ();

  /* The test's own data directory, where the next start will look */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, "/proc/self/exe", "--autosave-child", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "saved "));
  /* Saved within a few seconds of the change */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 15 * G_USEC_PER_SEC);

  /* No restore offer while the session is alive */
  orphans = cairn_autosave_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  g_subprocess_force_exit (child);   /* SIGKILL: nothing is cleaned up */
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));

  orphans = cairn_autosave_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  entry = g_ptr_array_index (orphans, 0);
  g_assert_cmpstr (entry->data_path, ==, line + strlen ("saved "));
  g_assert_true (g_str_has_suffix (entry->filename, "furniture-cross-sell.json"));
  restored = cairn_autosave_entry_load (entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cairn_journey_find_node (restored, "w1")->label, ==, "Crash survivor");
  g_assert_nonnull (cairn_journey_find_node (restored, "sms1"));

  /* The next start offers it, and restoring brings the work back */
  window = cairn_window_new (NULL);
  g_assert_cmpuint (cairn_window_offer_restore (window), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  spin ();
  g_assert_cmpstr (cairn_journey_find_node (cairn_window_get_journey (window), "w1")->label, ==, "Crash survivor");
  g_assert_true (cairn_window_get_modified (window));
  g_assert_true (g_str_has_suffix (cairn_journey_get_filename (cairn_window_get_journey (window)),
                                   "furniture-cross-sell.json"));
  /* Offered once: the old copy is gone, the restored one is this session's */
  g_clear_pointer (&orphans, g_ptr_array_unref);
  orphans = cairn_autosave_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  g_assert_nonnull (cairn_autosave_get_data_path (cairn_window_get_autosave (window)));

  /* A clean close leaves nothing behind */
  {
    g_autofree char *kept = g_strdup (cairn_autosave_get_data_path (cairn_window_get_autosave (window)));
    cairn_autosave_discard (cairn_window_get_autosave (window));
    g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

/* Restoring keeps the work again under this session before the old copy
 * goes: when that write fails, the old copy, the only one, stays. */
static void
test_restore_keeps_only_copy (void)
{
  g_autofree char *dir = cairn_autosave_get_directory ();
  g_autofree char *data = g_build_filename (dir, "crashed-session.json", NULL);
  g_autofree char *info = g_build_filename (dir, "crashed-session.ini", NULL);
  g_autofree char *sample = sample_path ("furniture-cross-sell.json");
  g_autofree char *text = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) orphans = NULL;
  CairnWindow *window;
  struct rlimit limit, tiny;

  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (data, text, -1, NULL));
  g_key_file_set_int64 (keyfile, "autosave", "pid", 0);
  g_key_file_set_string (keyfile, "autosave", "saved-at", "2026-11-02T10:00:00Z");
  g_key_file_set_string (keyfile, "autosave", "name", "Complete the living room");
  g_key_file_set_string (keyfile, "autosave", "filename", sample);
  g_assert_true (g_key_file_save_to_file (keyfile, info, NULL));

  window = cairn_window_new (NULL);
  g_assert_cmpuint (cairn_window_offer_restore (window), ==, 1);
  /* No file may grow past a few bytes: the new copy cannot be written. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  tiny = limit;
  tiny.rlim_cur = 16;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &tiny), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  spin ();
  g_assert_true (g_file_test (data, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (info, G_FILE_TEST_IS_REGULAR));
  orphans = cairn_autosave_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  /* The journey is shown all the same, and a later save keeps it. */
  g_assert_true (cairn_window_get_modified (window));
  cairn_autosave_discard (cairn_window_get_autosave (window));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Next time it works, and then the old copy goes. */
  window = cairn_window_new (NULL);
  g_assert_cmpuint (cairn_window_offer_restore (window), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  spin ();
  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));
  g_assert_nonnull (cairn_autosave_get_data_path (cairn_window_get_autosave (window)));
  cairn_autosave_discard (cairn_window_get_autosave (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A scenario a crash left goes back to the Personas page. */
static void
test_restore_personas (void)
{
  g_autofree char *dir = cairn_autosave_get_directory ();
  g_autofree char *data = g_build_filename (dir, "crashed-personas.json", NULL);
  g_autofree char *info = g_build_filename (dir, "crashed-personas.ini", NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  CairnPersonaEditor *editor;
  CairnWindow *window;
  const char *scenario = "{\"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"Kept\","
                         " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-09T00:00:00Z\","
                         " \"users\": [{\"id\": \"survivor\"}]}\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (data, scenario, -1, NULL));
  g_key_file_set_int64 (keyfile, "autosave", "pid", 0);
  g_key_file_set_string (keyfile, "autosave", "saved-at", "2026-11-02T10:00:00Z");
  g_key_file_set_string (keyfile, "autosave", "kind", "scenario");
  g_key_file_set_string (keyfile, "autosave", "name", "Kept");
  g_assert_true (g_key_file_save_to_file (keyfile, info, NULL));

  window = cairn_window_new (NULL);
  g_assert_cmpuint (cairn_window_offer_restore (window), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  spin ();
  editor = CAIRN_PERSONA_EDITOR (find_type (GTK_WIDGET (window), CAIRN_TYPE_PERSONA_EDITOR));
  g_assert_nonnull (editor);
  g_assert_nonnull (cairn_persona_editor_get_scenario (editor));
  g_assert_cmpstr (cairn_json_get_string (cairn_persona_editor_get_user (editor, 0), "id"), ==, "survivor");
  g_assert_true (cairn_persona_editor_get_modified (editor));
  g_assert_null (cairn_persona_editor_get_filename (editor));
  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));
  g_assert_nonnull (cairn_autosave_get_data_path (cairn_persona_editor_get_autosave (editor)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_problems_broken_edge (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  GPtrArray *diagnostics = cairn_window_get_diagnostics (window);
  guint errors_before = cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR);
  g_autoptr(JsonNode) edges = NULL;
  JsonObject *broken;
  gboolean found = FALSE;
  GtkListBox *list;
  guint n_rows = 0;

  g_assert_cmpuint (errors_before, ==, 0);

  /* An edge to a node that does not exist, as a hand-edited file might have */
  edges = json_node_copy (json_object_get_member (cairn_journey_get_object (journey), "edges"));
  broken = json_object_new ();
  json_object_set_string_member (broken, "from", "push1");
  json_object_set_string_member (broken, "port", "failed");
  json_object_set_string_member (broken, "to", "nowhere");
  json_array_add_object_element (json_node_get_array (edges), broken);
  cairn_journey_set_member (journey, "edges", edges);
  cairn_window_record (window, "Connect", NULL);

  diagnostics = cairn_window_get_diagnostics (window);
  g_assert_cmpuint (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR), >, errors_before);
  list = cairn_window_get_problems_list (window);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    {
      n_rows++;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "node-id"), "push1") == 0)
        {
          g_auto(GStrv) selection = NULL;
          found = TRUE;
          cairn_window_activate_problem (window, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
          selection = cairn_window_get_selection (window);
          g_assert_cmpstr (selection[0], ==, "push1");
        }
    }
  g_assert_cmpuint (n_rows, ==, diagnostics->len);
  g_assert_true (found);

  /* Undone, the problem goes away */
  cairn_undo_stack_undo (cairn_window_get_undo_stack (window));
  diagnostics = cairn_window_get_diagnostics (window);
  g_assert_cmpuint (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR), ==, errors_before);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keyboard_reaches_every_node (void)
{
  CairnWindow *window = window_with ("advanced-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = cairn_journey_get_n_nodes (journey);

  g_assert_cmpuint (n, >, 3);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) selection = NULL;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-node", NULL));
      selection = cairn_window_get_selection (window);
      g_assert_nonnull (selection);
      g_assert_cmpuint (g_strv_length (selection), ==, 1);
      g_hash_table_add (seen, g_strdup (selection[0]));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);

  /* Select all, then delete and undo through the keyboard's actions */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-all", NULL));
  {
    g_auto(GStrv) all = cairn_window_get_selection (window);
    g_assert_cmpuint (g_strv_length (all), ==, n);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, n);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_journey_settings_and_title (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), "Living room, again");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Complete the living room");
  cairn_journey_set_member (journey, "name", name);
  cairn_window_record (window, "Edit Name", "journey/name");
  spin ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Living room, again");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_close_asks (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  cairn_window_drop_kind (window, "exit", 10, 10);
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  /* Still open, asking Save / Discard / Cancel */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (item))
        dialog = ADW_MESSAGE_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  adw_message_dialog_response (dialog, "discard");
  spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);
}

/* `cairn FILE.json` opens the file: GApplication::open with one file */
static void
test_command_line_open (void)
{
  g_autoptr(CairnApplication) app = cairn_application_new ();
  g_autofree char *path = sample_path ("flight-add-ons.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GList *windows;
  CairnWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_open (G_APPLICATION (app), &file, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = windows->data;
  g_assert_cmpstr (cairn_journey_get_filename (cairn_window_get_journey (window)), ==, path);
  g_assert_false (cairn_window_get_modified (window));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* A view that edits the document on its own still gets one undo step */
static void
test_unrecorded_change (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnUndoStack *undo = cairn_window_get_undo_stack (window);
  gint64 until;

  for (int i = 1; i <= 10; i++)
    cairn_journey_move_node (journey, "w1", 300 + i, 160);
  g_assert_false (cairn_undo_stack_can_undo (undo));
  until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!cairn_undo_stack_can_undo (undo) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (cairn_undo_stack_can_undo (undo));
  cairn_undo_stack_undo (undo);
  g_assert_cmpfloat (cairn_journey_find_node (journey, "w1")->x, ==, 300);
  g_assert_false (cairn_undo_stack_can_undo (undo));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/cairnjourneys/Cairn/gtk/help-overlay.ui");
  GSList *objects = gtk_builder_get_objects (builder);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const actions[] = {
    "win.new", "win.open", "win.save", "win.save-as", "win.zoom-in", "win.zoom-out",
    "win.zoom-reset", "win.tidy", "win.simulate", "win.show-help-overlay", NULL
  };
  static const char * const keys[] = {
    "<Control>z", "<Shift><Control>z", "<Control>c", "<Control>x", "<Control>v",
    "<Control>d", "<Control>a", "Delete", NULL
  };

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *action = NULL;
        g_autofree char *accelerator = NULL;
        g_object_get (l->data, "action-name", &action, "accelerator", &accelerator, NULL);
        if (action != NULL)
          g_hash_table_add (listed, g_steal_pointer (&action));
        if (accelerator != NULL)
          g_hash_table_add (listed, g_steal_pointer (&accelerator));
      }
  g_slist_free (objects);
  for (guint i = 0; actions[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (listed, actions[i]));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (listed, keys[i]));
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_inspector_typing (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnUndoStack *undo = cairn_window_get_undo_stack (window);
  CairnInspector *inspector = CAIRN_INSPECTOR (cairn_inspector_new ());
  g_autofree char *original = document (window);
  GtkWidget *label_row, *subject_row;
  const char *typed[] = { "C", "Co", "Cos", "Cosy", NULL };

  g_object_ref_sink (inspector);
  cairn_inspector_set_context (inspector, journey, undo);
  cairn_inspector_set_node (inspector, "email1");
  label_row = find_entry_row (GTK_WIDGET (inspector), "Label");
  g_assert_nonnull (label_row);
  for (guint i = 0; typed[i] != NULL; i++)
    gtk_editable_set_text (GTK_EDITABLE (label_row), typed[i]);
  g_assert_cmpstr (cairn_journey_find_node (journey, "email1")->label, ==, "Cosy");
  g_assert_cmpstr (cairn_undo_stack_get_undo_label (undo), ==, "Rename Node");

  /* Another field is another step; typing in it merges again */
  subject_row = find_entry_row (GTK_WIDGET (inspector), "Subject");
  g_assert_nonnull (subject_row);
  gtk_editable_set_text (GTK_EDITABLE (subject_row), "Hi");
  gtk_editable_set_text (GTK_EDITABLE (subject_row), "Hi {{user.name}}");
  g_assert_cmpstr (cairn_json_get_string (cairn_journey_find_node (journey, "email1")->config, "subject"), ==,
                   "Hi {{user.name}}");
  g_assert_cmpstr (cairn_undo_stack_get_undo_label (undo), ==, "Edit Subject");
  g_assert_nonnull (strstr (cairn_inspector_get_preview (inspector), "Hi Sophie"));

  g_assert_true (cairn_undo_stack_undo (undo));
  g_assert_true (cairn_undo_stack_undo (undo));
  g_assert_false (cairn_undo_stack_can_undo (undo));
  {
    g_autofree char *back = document (window);
    g_assert_cmpstr (back, ==, original);
  }
  g_object_unref (inspector);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_label_button (GtkWidget  *widget,
                   const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  ui_collect_widgets (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  return NULL;
}

/* The texts of the rows of the inspector's "Problems" group. */
static char *
inspector_problems (CairnInspector *inspector)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  ui_collect_widgets (GTK_WIDGET (inspector), ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (groups->pdata[i]), "Problems") == 0 &&
        gtk_widget_is_visible (groups->pdata[i]))
      {
        g_autoptr(GPtrArray) rows = g_ptr_array_new ();
        ui_collect_widgets (groups->pdata[i], ADW_TYPE_ACTION_ROW, rows);
        for (guint j = 0; j < rows->len; j++)
          g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (rows->pdata[j]));
      }
  return g_string_free (out, FALSE);
}

/* The description of the inspector's first group: the node's summary. */
static const char *
inspector_summary (CairnInspector *inspector)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  ui_collect_widgets (GTK_WIDGET (inspector), ADW_TYPE_PREFERENCES_GROUP, groups);
  g_assert_cmpuint (groups->len, >, 0);
  return adw_preferences_group_get_description (groups->pdata[0]);
}

/* Filled left to right: "Event parameter" first, then the name. What is
 * saved is what the form shows. */
static void
test_predicate_left_to_right (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnInspector *inspector = window->inspector;
  const char *ids[] = { "start", NULL };
  g_autoptr(GPtrArray) editors = g_ptr_array_new ();
  g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();
  GtkWidget *add, *subject = NULL, *name;
  JsonObject *where, *leaf;
  JsonArray *all;

  gtk_window_present (GTK_WINDOW (window));
  cairn_window_select_nodes (window, ids);
  spin ();
  ui_collect_widgets (GTK_WIDGET (inspector), CAIRN_TYPE_PREDICATE_EDITOR, editors);
  g_assert_cmpuint (editors->len, >=, 1);
  add = find_label_button (editors->pdata[0], "+ Condition");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  spin ();
  /* On a slow machine the validation (250 ms after the edit) may have
     built the form anew meanwhile: look again (valgrind read the freed
     editor here) */
  g_ptr_array_set_size (editors, 0);
  ui_collect_widgets (GTK_WIDGET (inspector), CAIRN_TYPE_PREDICATE_EDITOR, editors);
  g_assert_cmpuint (editors->len, >=, 1);

  /* The new row: its subject drop-down, then the name entry beside it */
  ui_collect_widgets (editors->pdata[0], GTK_TYPE_DROP_DOWN, drop_downs);
  for (guint i = 0; i < drop_downs->len; i++)
    {
      GListModel *model = gtk_drop_down_get_model (drop_downs->pdata[i]);
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "Attribute") == 0)
        subject = drop_downs->pdata[i];
    }
  g_assert_nonnull (subject);
  name = gtk_widget_get_next_sibling (subject);
  g_assert_true (GTK_IS_EDITABLE (name));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (subject), 1);
  gtk_widget_grab_focus (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "c");
  gtk_editable_set_text (GTK_EDITABLE (name), "category");
  spin ();

  where = cairn_json_get_object (cairn_journey_find_node (journey, "start")->config, "where");
  g_assert_nonnull (where);
  all = cairn_json_get_array (where, "all");
  g_assert_nonnull (all);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  leaf = json_array_get_object_element (all, 1);
  g_assert_cmpstr (cairn_json_get_string (leaf, "param"), ==, "category");
  g_assert_false (json_object_has_member (leaf, "attribute"));
  /* The form still shows it so */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (subject)), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "category");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The summary and the problems follow the typing, with the focus kept in
 * the form. */
static void
test_inspector_not_stale (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnInspector *inspector = window->inspector;
  const char *start[] = { NULL, NULL };
  const char *email[] = { "email1", NULL };
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *event_row, *count = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *fixed = NULL;

  gtk_window_present (GTK_WINDOW (window));
  /* A new starter has no event yet */
  start[0] = cairn_window_drop_kind (window, "starter.event", 40, 600);
  cairn_window_validate_now (window);
  spin ();
  broken = inspector_problems (inspector);
  g_assert_nonnull (strstr (broken, "required"));
  event_row = find_entry_row (GTK_WIDGET (inspector), "Event");
  g_assert_nonnull (event_row);
  gtk_widget_grab_focus (event_row);
  gtk_editable_set_text (GTK_EDITABLE (event_row), "b");
  gtk_editable_set_text (GTK_EDITABLE (event_row), "browse");
  cairn_window_validate_now (window);
  spin ();
  g_assert_cmpstr (cairn_json_get_string (cairn_journey_find_node (journey, start[0])->config, "event"), ==, "browse");
  fixed = inspector_problems (inspector);
  g_assert_null (strstr (fixed, "required"));
  g_assert_nonnull (strstr (inspector_summary (inspector), "browse"));
  g_assert_null (strstr (inspector_summary (inspector), "?"));
  /* The form was not rebuilt: the focus is still in the row */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), event_row));

  /* The Email's recommendations: the summary counts what the spin shows */
  cairn_window_select_nodes (window, email);
  spin ();
  ui_collect_widgets (GTK_WIDGET (inspector), GTK_TYPE_SPIN_BUTTON, spins);
  for (guint i = 0; i < spins->len; i++)
    if (gtk_spin_button_get_value (spins->pdata[i]) == 4)
      count = spins->pdata[i];
  g_assert_nonnull (count);
  gtk_widget_grab_focus (count);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (count), 5);
  spin ();
  g_assert_nonnull (strstr (inspector_summary (inspector), "5"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An email's body stands between its subject and its recommendations, in
 * the registry's order, not below every other setting. */
static double
inspector_y (CairnInspector *inspector,
             GtkWidget      *widget)
{
  graphene_point_t at = GRAPHENE_POINT_INIT (0, 0), out;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (inspector), &at, &out));
  return out.y;
}

static GtkWidget *
titled (CairnInspector *inspector,
        GType           type,
        const char     *title)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  ui_collect_widgets (GTK_WIDGET (inspector), type, all);
  for (guint i = 0; i < all->len; i++)
    {
      const char *t = type == ADW_TYPE_PREFERENCES_GROUP
                      ? adw_preferences_group_get_title (all->pdata[i])
                      : adw_preferences_row_get_title (all->pdata[i]);
      if (g_strcmp0 (t, title) == 0)
        return all->pdata[i];
    }
  return NULL;
}

static void
test_email_body_by_subject (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnInspector *inspector = window->inspector;
  const char *email[] = { "email1", NULL };
  GtkWidget *subject, *body, *recommendations;

  gtk_window_present (GTK_WINDOW (window));
  cairn_window_select_nodes (window, email);
  spin ();
  subject = find_entry_row (GTK_WIDGET (inspector), "Subject");
  body = titled (inspector, ADW_TYPE_PREFERENCES_GROUP, "Body");
  recommendations = titled (inspector, ADW_TYPE_EXPANDER_ROW, "Recommended products");
  g_assert_nonnull (subject);
  g_assert_nonnull (body);
  g_assert_nonnull (recommendations);
  g_assert_cmpfloat (inspector_y (inspector, subject), <, inspector_y (inspector, body));
  g_assert_cmpfloat (inspector_y (inspector, body), <, inspector_y (inspector, recommendations));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Keys typed in a text field stay there: Ctrl+A in an empty field, then
 * letters, then Delete and Ctrl+C do not reach the canvas's shortcuts. */
static void
test_keys_in_text_field (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  const char *ids[] = { "email1", NULL };
  g_autofree char *name = g_strdup (cairn_journey_get_name (journey));
  guint n_nodes = cairn_journey_get_n_nodes (journey);
  g_auto(GStrv) selection = NULL;
  GtkWidget *label_row;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  ui_input_ready (GTK_WIDGET (window));
  cairn_window_select_nodes (window, ids);
  spin ();
  label_row = find_entry_row (GTK_WIDGET (window->inspector), "Label");
  g_assert_nonnull (label_row);
  gtk_editable_set_text (GTK_EDITABLE (label_row), "");
  gtk_widget_grab_focus (label_row);
  ui_input_flush ();
  ui_key (GDK_KEY_a, GDK_CONTROL_MASK);
  selection = cairn_window_get_selection (window);
  g_assert_cmpuint (g_strv_length (selection), ==, 1);
  ui_key (GDK_KEY_z, 0);
  ui_key (GDK_KEY_z, 0);
  ui_key (GDK_KEY_Delete, 0);
  ui_key (GDK_KEY_BackSpace, 0);
  ui_key (GDK_KEY_c, GDK_CONTROL_MASK);
  ui_key (GDK_KEY_d, GDK_CONTROL_MASK);
  g_assert_cmpstr (cairn_journey_find_node (journey, "email1")->label, ==, "z");
  g_assert_cmpstr (cairn_journey_get_name (journey), ==, name);
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, n_nodes);

  /* On the canvas the same keys are the canvas's */
  gtk_widget_grab_focus (window->canvas);
  ui_input_flush ();
  ui_key (GDK_KEY_a, GDK_CONTROL_MASK);
  g_clear_pointer (&selection, g_strfreev);
  selection = cairn_window_get_selection (window);
  g_assert_cmpuint (g_strv_length (selection), ==, n_nodes);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A wheel notch over a number while scrolling the inspector does not
 * change the journey; once the number has the focus, it does. */
static void
test_spin_scroll_unfocused (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  const char *ids[] = { "w2", NULL };
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *amount;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  ui_input_ready (GTK_WIDGET (window));
  cairn_window_select_nodes (window, ids);
  spin ();
  ui_collect_widgets (GTK_WIDGET (window->inspector), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, >=, 1);
  amount = spins->pdata[0];
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (amount)), ==, 2);
  gtk_widget_grab_focus (window->canvas);
  ui_input_flush ();
  ui_scroll (amount, gtk_widget_get_width (amount) / 4.0, gtk_widget_get_height (amount) / 2.0, 1, 0);
  ui_scroll (amount, gtk_widget_get_width (amount) / 4.0, gtk_widget_get_height (amount) / 2.0, -1, 0);
  ui_scroll (amount, gtk_widget_get_width (amount) / 4.0, gtk_widget_get_height (amount) / 2.0, -1, 0);
  g_assert_cmpstr (cairn_json_get_string (cairn_journey_find_node (journey, "w2")->config, "duration"), ==, "P2D");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (amount)), ==, 2);

  /* Focused, the number is the user's to change with the wheel */
  gtk_widget_grab_focus (amount);
  ui_input_flush ();
  ui_scroll (amount, gtk_widget_get_width (amount) / 4.0, gtk_widget_get_height (amount) / 2.0, -1, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (amount)), ==, 3);
  g_assert_cmpstr (cairn_json_get_string (cairn_journey_find_node (journey, "w2")->config, "duration"), ==, "P3D");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window draws the journey on the canvas, never on a fallback. */
static void
test_window_has_canvas (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  const char *ids[] = { "w1", NULL };
  g_auto(GStrv) selection = NULL;

  g_assert_true (CAIRN_IS_CANVAS (window->canvas));
  cairn_window_select_nodes (window, ids);
  selection = cairn_canvas_get_selection (CAIRN_CANVAS (window->canvas));
  g_assert_cmpstr (selection[0], ==, "w1");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Searching the palette for "Exit" and pressing Enter adds an Exit: a
 * kind's name ranks above a category's ("Actions & exits"). */
static void
test_palette_search_enter (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  const char *ids[] = { "email1", NULL };
  guint before = cairn_journey_get_n_nodes (journey);
  g_auto(GStrv) selection = NULL;
  CairnNode *added;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  ui_input_ready (GTK_WIDGET (window));
  cairn_window_select_nodes (window, ids);
  cairn_palette_focus_search (window->palette);
  ui_input_flush ();
  ui_key (GDK_KEY_E, GDK_SHIFT_MASK);
  ui_key (GDK_KEY_x, 0);
  ui_key (GDK_KEY_i, 0);
  ui_key (GDK_KEY_t, 0);
  ui_key (GDK_KEY_Return, 0);
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, before + 1);
  selection = cairn_window_get_selection (window);
  added = cairn_journey_find_node (journey, selection[0]);
  g_assert_nonnull (added);
  g_assert_cmpstr (added->type, ==, "exit");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_card_in_view (CairnCanvas *canvas,
                     const char  *id)
{
  graphene_rect_t bounds;
  double x0, y0, x1, y1;

  g_assert_true (cairn_canvas_get_card_bounds (canvas, id, &bounds));
  cairn_canvas_to_widget (canvas, bounds.origin.x, bounds.origin.y, &x0, &y0);
  cairn_canvas_to_widget (canvas, bounds.origin.x + bounds.size.width, bounds.origin.y + bounds.size.height, &x1, &y1);
  if (x0 < 0 || y0 < 0 || x1 > gtk_widget_get_width (GTK_WIDGET (canvas)) ||
      y1 > gtk_widget_get_height (GTK_WIDGET (canvas)))
    g_error ("%s is drawn at %g,%g–%g,%g, out of the %d×%d view", id, x0, y0, x1, y1,
             gtk_widget_get_width (GTK_WIDGET (canvas)), gtk_widget_get_height (GTK_WIDGET (canvas)));
}

/* A node added after the selected one: both stay in view. */
static void
test_add_keeps_both_in_view (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnCanvas *canvas = CAIRN_CANVAS (window->canvas);
  const char *ids[] = { "email1", NULL };
  const char *added;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (window->canvas) == 0)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  cairn_canvas_zoom_reset (canvas);
  cairn_window_select_nodes (window, ids);
  cairn_canvas_reveal_node (canvas, "email1");
  assert_card_in_view (canvas, "email1");
  for (guint i = 0; i < 3; i++)
    {
      added = cairn_window_add_kind (window, "message.sms");
      g_assert_nonnull (added);
      assert_card_in_view (canvas, added);
      assert_card_in_view (canvas, ids[0]);
      /* At 100 %, the next one after this one */
      g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas), 1.0, 1e-9);
      ids[0] = added;
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A button that shows only an icon */
static gboolean
icon_only (GtkWidget *widget)
{
  GtkWidget *child;

  if (ADW_IS_SPLIT_BUTTON (widget))
    return adw_split_button_get_label (ADW_SPLIT_BUTTON (widget)) == NULL &&
           adw_split_button_get_icon_name (ADW_SPLIT_BUTTON (widget)) != NULL;
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL &&
           gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL;
  if (!GTK_IS_BUTTON (widget) || gtk_widget_get_ancestor (widget, GTK_TYPE_SPIN_BUTTON) != NULL ||
      gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_MENU_BUTTON) != NULL ||
      gtk_widget_get_ancestor (gtk_widget_get_parent (widget), ADW_TYPE_SPLIT_BUTTON) != NULL)
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_IMAGE (child);
}

/* Icon-only buttons have a tooltip and a name for assistive technologies
 * (GTK 4.8 does not take it from the tooltip). */
static guint
check_icon_buttons (GtkWidget *root,
                    guint     *n_unnamed)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n_checked = 0;

  ui_collect_widgets (root, GTK_TYPE_WIDGET, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = buttons->pdata[i];

      /* The window's own controls are GTK's, named by it */
      if (!icon_only (button) || !gtk_widget_get_visible (button) ||
          gtk_widget_get_ancestor (button, GTK_TYPE_WINDOW_CONTROLS) != NULL)
        continue;
      n_checked++;
      if (gtk_widget_get_tooltip_text (button) == NULL)
        {
          GtkWidget *image = GTK_IS_BUTTON (button) ? gtk_button_get_child (GTK_BUTTON (button)) : NULL;
          g_printerr ("a button (%s) has no tooltip\n",
                      GTK_IS_IMAGE (image) ? gtk_image_get_icon_name (GTK_IMAGE (image)) : G_OBJECT_TYPE_NAME (button));
          (*n_unnamed)++;
        }
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL))
        {
          g_printerr ("the button \"%s\" has no accessible label\n", gtk_widget_get_tooltip_text (button));
          (*n_unnamed)++;
        }
    }
  return n_checked;
}

/* Icon-only buttons have a tooltip and a name for assistive technologies
 * (GTK 4.8 does not take it from the tooltip): the window's, a node's
 * form with conditions, the journey's settings. */
static void
test_icon_buttons_named (void)
{
  CairnWindow *window = window_with ("advanced-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  guint n_unnamed = 0;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  /* New, Undo, Redo, the menu, Tidy, and the journey's lists */
  g_assert_cmpuint (check_icon_buttons (GTK_WIDGET (window), &n_unnamed), >=, 6);
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      const char *ids[] = { cairn_journey_get_node (journey, i)->id, NULL };
      cairn_window_select_nodes (window, ids);
      spin ();
      /* Delete Node at least */
      g_assert_cmpuint (check_icon_buttons (GTK_WIDGET (window->inspector), &n_unnamed), >=, 1);
    }
  g_assert_cmpuint (n_unnamed, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new journey shows where to begin: Add a Starter, and the samples. */
static void
test_empty_state (void)
{
  CairnWindow *window = window_with (NULL);
  CairnJourney *journey = cairn_window_get_journey (window);
  GtkWidget *add;
  g_autoptr(GPtrArray) samples = g_ptr_array_new ();
  guint n_samples = 0;

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_true (ADW_IS_STATUS_PAGE (window->empty_page));
  g_assert_true (gtk_widget_get_mapped (window->empty_page));
  ui_collect_widgets (window->empty_page, GTK_TYPE_BUTTON, samples);
  for (guint i = 0; i < samples->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (samples->pdata[i]), "win.new-from-sample") == 0)
      n_samples++;
  g_assert_cmpuint (n_samples, >=, 6);
  add = find_label_button (window->empty_page, "_Add a Starter");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, 1);
  g_assert_cmpstr (cairn_journey_get_node (journey, 0)->type, ==, "starter.event");
  g_assert_false (gtk_widget_get_visible (window->empty_page));
  g_assert_true (cairn_undo_stack_undo (cairn_window_get_undo_stack (window)));
  g_assert_true (gtk_widget_get_visible (window->empty_page));

  /* A sample from the page replaces the empty journey */
  for (guint i = 0; i < samples->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (samples->pdata[i]), "win.new-from-sample") == 0)
      {
        g_signal_emit_by_name (samples->pdata[i], "clicked");
        break;
      }
  spin ();
  g_assert_cmpuint (cairn_journey_get_n_nodes (cairn_window_get_journey (window)), >, 0);
  g_assert_false (gtk_widget_get_visible (window->empty_page));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_for_run (CairnSimulationPanel *panel)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (cairn_simulation_panel_is_running (panel) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cairn_simulation_panel_is_running (panel));
  spin ();
}

/* Simulating a journey saved elsewhere, at 1,400 px: the bar does not
 * widen the window, and an error is shown whole. */
static void
test_simulate_fits (void)
{
  CairnWindow *window = window_with (NULL);
  g_autofree char *dir = g_dir_make_tmp ("cairn-elsewhere-XXXXXX", NULL);
  g_autofree char *sample = sample_path ("furniture-cross-sell.json");
  g_autofree char *path = g_build_filename (dir, "complete-the-living-room-for-sofa-buyers-autumn.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "a-scenario-that-was-written-by-hand-and-is-broken.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  CairnSimulationPanel *panel;
  int minimum;

  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"cairn-scenario\", \"version\": 1, \"users\": [", -1, NULL));
  g_assert_true (cairn_window_load_file (window, path, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL);
  panel = CAIRN_SIMULATION_PANEL (window->simulation);
  wait_for_run (panel);
  g_assert_null (cairn_simulation_panel_get_report (panel));
  g_assert_true (gtk_widget_activate_action (window->simulation, "panel.quick-scenario", NULL));
  wait_for_run (panel);
  g_assert_nonnull (cairn_simulation_panel_get_report (panel));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 1400);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1400);

  /* A broken scenario: its error, whole */
  cairn_simulation_panel_set_scenario (panel, bad);
  cairn_simulation_panel_run (panel);
  wait_for_run (panel);
  {
    /* The message: whole, on the lines its inscription shows */
    g_autoptr(GPtrArray) inscriptions = g_ptr_array_new ();
    GtkInscription *message = NULL;
    g_autoptr(PangoLayout) layout = NULL;

    ui_collect_widgets (window->simulation, GTK_TYPE_INSCRIPTION, inscriptions);
    for (guint i = 0; i < inscriptions->len; i++)
      if (gtk_inscription_get_text (inscriptions->pdata[i]) != NULL &&
          strstr (gtk_inscription_get_text (inscriptions->pdata[i]), "broken.json") != NULL)
        message = inscriptions->pdata[i];
    g_assert_nonnull (message);
    {
      gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      while ((!gtk_widget_get_mapped (GTK_WIDGET (message)) || gtk_widget_get_width (GTK_WIDGET (message)) < 100) &&
             g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (message)));
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (message)), >=, 100);
    layout = gtk_widget_create_pango_layout (GTK_WIDGET (message), gtk_inscription_get_text (message));
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (message)) * PANGO_SCALE);
    g_assert_cmpint (pango_layout_get_line_count (layout), <=, (int) gtk_inscription_get_nat_lines (message));
    {
      int text_height;
      pango_layout_get_pixel_size (layout, NULL, &text_height);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (message)), >=, text_height);
    }
  }
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 1400);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window closed while its simulation runs, or just as the run ends: the
 * run's end reaches neither the closed window nor its widgets (before, the
 * panel, kept alive by the run, told the finalized window that the run was
 * over: "g_object_ref: assertion '!object_already_finalized' failed").
 * Criticals are fatal here, and the panel is watched with a weak pointer
 * so that the test knows when the run let it go. */
static void
test_close_while_running (void)
{
  for (guint i = 0; i < 12; i++)
    {
      CairnWindow *window = window_with ("furniture-cross-sell.json");
      CairnWindow *watched = window;
      GtkWidget *panel;
      gint64 until;

      gtk_window_present (GTK_WINDOW (window));
      spin ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL);
      panel = window->simulation;
      g_assert_true (cairn_simulation_panel_is_running (CAIRN_SIMULATION_PANEL (panel)));
      g_object_add_weak_pointer (G_OBJECT (panel), (gpointer *) &panel);
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &watched);
      /* Closed at once, after a moment, or as the run is ending */
      until = g_get_monotonic_time () + (i % 4) * 20 * G_USEC_PER_SEC / 1000;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      if (i % 4 == 3)
        while (panel != NULL && cairn_simulation_panel_is_running (CAIRN_SIMULATION_PANEL (panel)))
          g_main_context_iteration (NULL, TRUE);
      gtk_window_destroy (GTK_WINDOW (window));

      /* The run ends (or is cancelled), and lets the panel go */
      until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
      while ((panel != NULL || watched != NULL) && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
      g_assert_null (watched);
      g_assert_null (panel);
      spin ();
    }
}

/* "Platforms" reads as one word on one line, its chips below it; a chip
 * toggles the platform. */
static void
test_platforms_title (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  const char *ids[] = { "start", NULL };
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  GtkLabel *title = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  JsonArray *platforms;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  cairn_window_select_nodes (window, ids);
  spin ();
  ui_collect_widgets (GTK_WIDGET (window->inspector), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), "Platforms") == 0 && gtk_widget_get_mapped (labels->pdata[i]))
      title = labels->pdata[i];
  g_assert_nonnull (title);
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (title)), ==, 1);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (title)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (title)), >=,
                   ({ int w; pango_layout_get_pixel_size (gtk_label_get_layout (title), &w, NULL); w; }));

  ui_collect_widgets (GTK_WIDGET (window->inspector), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (g_object_get_data (toggles->pdata[i], "value"), "ios") == 0)
      gtk_toggle_button_set_active (toggles->pdata[i], TRUE);
  platforms = cairn_json_get_array (cairn_journey_find_node (journey, "start")->config, "platforms");
  g_assert_nonnull (platforms);
  g_assert_cmpuint (json_array_get_length (platforms), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (platforms, 0), ==, "ios");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* After a run, the legend of the counts covers no card. */
static void
test_legend_covers_no_card (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnCanvas *canvas = CAIRN_CANVAS (window->canvas);
  graphene_rect_t legend;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.simulate", NULL);
  wait_for_run (CAIRN_SIMULATION_PANEL (window->simulation));
  g_assert_nonnull (cairn_simulation_panel_get_report (CAIRN_SIMULATION_PANEL (window->simulation)));
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_true (gtk_widget_get_mapped (window->canvas_legend));
  g_assert_true (gtk_widget_compute_bounds (window->canvas_legend, window->canvas, &legend));
  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      const char *id = cairn_journey_get_node (journey, i)->id;
      graphene_rect_t card;
      double x0, y0, x1, y1;

      g_assert_true (cairn_canvas_get_card_bounds (canvas, id, &card));
      cairn_canvas_to_widget (canvas, card.origin.x, card.origin.y, &x0, &y0);
      cairn_canvas_to_widget (canvas, card.origin.x + card.size.width, card.origin.y + card.size.height, &x1, &y1);
      graphene_rect_init (&card, x0, y0, x1 - x0, y1 - y0);
      if (graphene_rect_intersection (&legend, &card, NULL))
        g_error ("the legend (%g,%g %gx%g) covers %s (%g,%g %gx%g)", legend.origin.x, legend.origin.y,
                 legend.size.width, legend.size.height, id, x0, y0, x1 - x0, y1 - y0);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A small journey fitted on open and after Tidy fills the canvas's width
 * at a zoom where its cards' titles are drawn (at least 6 px high). */
static void
test_small_journey_fills_view (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnCanvas *canvas = CAIRN_CANVAS (window->canvas);

  g_assert_cmpuint (cairn_journey_get_n_nodes (journey), ==, 7);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (window->canvas) == 0)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  for (int pass = 0; pass < 2; pass++)
    {
      graphene_rect_t all, card;
      double x0, y0, x1, y1;

      if (pass == 1)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.tidy", NULL);
      for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
        {
          g_assert_true (cairn_canvas_get_card_bounds (canvas, cairn_journey_get_node (journey, i)->id, &card));
          if (i == 0)
            all = card;
          else
            graphene_rect_union (&all, &card, &all);
        }
      cairn_canvas_to_widget (canvas, all.origin.x, all.origin.y, &x0, &y0);
      cairn_canvas_to_widget (canvas, all.origin.x + all.size.width, all.origin.y + all.size.height, &x1, &y1);
      g_test_message ("pass %d: zoom %.3f, journey %.0f-%.0f of %d", pass, cairn_canvas_get_zoom (canvas), x0, x1,
                      gtk_widget_get_width (window->canvas));
      /* The title font is 9.5 pt, 12.7 px at 100 % */
      g_assert_cmpfloat (cairn_canvas_get_zoom (canvas) * 12.67, >=, 6);
      g_assert_cmpfloat (x1 - x0, >=, 0.8 * gtk_widget_get_width (window->canvas));
      g_assert_cmpfloat (x0, >=, 0);
      g_assert_cmpfloat (x1, <=, gtk_widget_get_width (window->canvas));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));
      const char *tooltip = gtk_widget_get_tooltip_text (widget);
      if ((ADW_IS_BUTTON_CONTENT (child) &&
           g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), text) == 0) ||
          g_strcmp0 (tooltip, text) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Tabs of condition.check: add, rename, remove; the ports follow */
static void
test_tabs_editor (void)
{
  CairnWindow *window = window_with ("advanced-cross-sell.json");
  CairnJourney *journey = cairn_window_get_journey (window);
  CairnUndoStack *undo = cairn_window_get_undo_stack (window);
  CairnInspector *inspector = CAIRN_INSPECTOR (cairn_inspector_new ());
  g_autofree char *original = document (window);
  g_autoptr(GPtrArray) ports = NULL;
  JsonArray *tabs;
  GtkWidget *button;

  g_object_ref_sink (inspector);
  cairn_inspector_set_context (inspector, journey, undo);
  cairn_inspector_set_node (inspector, "discount");

  button = find_button (GTK_WIDGET (inspector), "Add Tab");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  tabs = cairn_json_get_array (cairn_journey_find_node (journey, "discount")->config, "tabs");
  g_assert_cmpuint (json_array_get_length (tabs), ==, 2);
  ports = cairn_node_kind_ports (cairn_registry_lookup ("condition.check"),
                                 cairn_journey_find_node (journey, "discount")->config);
  g_assert_cmpuint (ports->len, ==, 3);
  g_assert_cmpstr (((CairnPort *) g_ptr_array_index (ports, 2))->id, ==, "else");
  g_assert_cmpstr (cairn_undo_stack_get_undo_label (undo), ==, "Edit Tabs");

  /* Removing the first tab takes its edge with it; one undo step */
  button = find_button (GTK_WIDGET (inspector), "Remove");
  g_assert_nonnull (button);
  g_assert_nonnull (cairn_journey_find_edge (journey, "discount", "high_discount"));
  g_signal_emit_by_name (button, "clicked");
  tabs = cairn_json_get_array (cairn_journey_find_node (journey, "discount")->config, "tabs");
  g_assert_cmpuint (json_array_get_length (tabs), ==, 1);
  g_assert_null (cairn_journey_find_edge (journey, "discount", "high_discount"));
  g_assert_nonnull (cairn_journey_find_edge (journey, "discount", "else"));

  g_assert_true (cairn_undo_stack_undo (undo));
  g_assert_nonnull (cairn_journey_find_edge (journey, "discount", "high_discount"));
  g_assert_true (cairn_undo_stack_undo (undo));
  {
    g_autofree char *back = document (window);
    g_assert_cmpstr (back, ==, original);
  }
  g_object_unref (inspector);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_inspector_preview (void)
{
  CairnWindow *window = window_with ("furniture-cross-sell.json");
  CairnInspector *inspector = CAIRN_INSPECTOR (cairn_inspector_new ());
  const char *preview;

  g_object_ref_sink (inspector);
  cairn_inspector_set_context (inspector, cairn_window_get_journey (window), cairn_window_get_undo_stack (window));
  cairn_inspector_set_node (inspector, "push1");
  preview = cairn_inspector_get_preview (inspector);
  g_assert_nonnull (preview);
  g_assert_true (g_str_has_prefix (preview, "Make it cosy, Sophie"));
  g_assert_nonnull (strstr (preview, "Oslo sofa"));
  g_assert_nonnull (strstr (preview, "Linen cushion"));

  cairn_inspector_set_node (inspector, "email1");
  preview = cairn_inspector_get_preview (inspector);
  g_assert_null (strstr (preview, "<p>"));

  /* No node: the journey's settings, no preview */
  cairn_inspector_set_node (inspector, NULL);
  g_assert_null (cairn_inspector_get_preview (inspector));
  g_object_unref (inspector);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], "--autosave-child"))
    {
      g_set_application_name ("Cairn");
      gtk_init ();
      return autosave_child ();
    }

  g_autofree char *home = g_dir_make_tmp ("cairn-test-window-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);

  /* One private home for the whole run: the recent files list and the
   * autosaves live there, and nothing of the user's is touched. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (config, 0700);
  g_test_init (&argc, &argv, NULL);
  g_set_application_name ("Cairn");
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipped\n");
      return 77;
    }

  g_test_add_func ("/ui/window/every-kind", test_every_kind);
  g_test_add_func ("/ui/window/palette", test_palette);
  g_test_add_func ("/ui/window/edit-undo-redo", test_edit_undo_redo);
  g_test_add_func ("/ui/window/typing-merges", test_typing_merges);
  g_test_add_func ("/ui/window/paste-fresh-ids", test_paste_fresh_ids);
  g_test_add_func ("/ui/window/samples-round-trip", test_samples_round_trip);
  g_test_add_func ("/ui/window/autosave-crash", test_autosave_crash);
  g_test_add_func ("/ui/window/restore-keeps-only-copy", test_restore_keeps_only_copy);
  g_test_add_func ("/ui/window/restore-personas", test_restore_personas);
  g_test_add_func ("/ui/window/problems-broken-edge", test_problems_broken_edge);
  g_test_add_func ("/ui/window/keyboard-every-node", test_keyboard_reaches_every_node);
  g_test_add_func ("/ui/window/settings-and-title", test_journey_settings_and_title);
  g_test_add_func ("/ui/window/inspector-preview", test_inspector_preview);
  g_test_add_func ("/ui/window/inspector-typing", test_inspector_typing);
  g_test_add_func ("/ui/window/tabs-editor", test_tabs_editor);
  g_test_add_func ("/ui/window/close-asks", test_close_asks);
  g_test_add_func ("/ui/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/window/command-line-open", test_command_line_open);
  g_test_add_func ("/ui/window/unrecorded-change", test_unrecorded_change);
  g_test_add_func ("/ui/window/predicate-left-to-right", test_predicate_left_to_right);
  g_test_add_func ("/ui/window/inspector-not-stale", test_inspector_not_stale);
  g_test_add_func ("/ui/window/email-body-by-subject", test_email_body_by_subject);
  g_test_add_func ("/ui/window/keys-in-text-field", test_keys_in_text_field);
  g_test_add_func ("/ui/window/spin-scroll-unfocused", test_spin_scroll_unfocused);
  g_test_add_func ("/ui/window/has-canvas", test_window_has_canvas);
  g_test_add_func ("/ui/window/palette-search-enter", test_palette_search_enter);
  g_test_add_func ("/ui/window/add-keeps-both-in-view", test_add_keeps_both_in_view);
  g_test_add_func ("/ui/window/icon-buttons-named", test_icon_buttons_named);
  g_test_add_func ("/ui/window/empty-state", test_empty_state);
  g_test_add_func ("/ui/window/simulate-fits", test_simulate_fits);
  g_test_add_func ("/ui/window/close-while-running", test_close_while_running);
  g_test_add_func ("/ui/window/platforms-title", test_platforms_title);
  g_test_add_func ("/ui/window/legend-covers-no-card", test_legend_covers_no_card);
  g_test_add_func ("/ui/window/small-journey-fills-view", test_small_journey_fills_view);
  return g_test_run ();
}
