/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Publish dialog against the test journey server: publishing with the
 * token when there is no keyring (and the dialog saying so), a conflict
 * and its explicit overwrite, a refused token, and a journey with errors
 * or a bad address that cannot be sent. */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cairn-publish-dialog.h"
#include "publish-server.h"

static char *state_file;

static CairnJourney *
journey (void)
{
  g_autofree char *path = g_build_filename (TESTS_SRCDIR, "..", "data", "journeys", "furniture-cross-sell.json", NULL);
  g_autoptr(GError) error = NULL;
  CairnJourney *j = cairn_journey_load_file (path, &error);

  g_assert_no_error (error);
  return j;
}

static CairnPublishDialog *
dialog_for (CairnJourney *j,
            const char   *token)
{
  CairnPublishDialog *dialog = cairn_publish_dialog_new (NULL, j);

  cairn_publish_dialog_set_state_file (dialog, state_file);
  cairn_publish_dialog_set_server (dialog, server.base);
  cairn_publish_dialog_set_token (dialog, token);
  return dialog;
}

static void
on_finished (CairnPublishDialog *dialog,
             gboolean           *done)
{
  *done = TRUE;
}

/* Presses Publish (or Overwrite) and waits for the answer. */
static void
publish_and_wait (CairnPublishDialog *dialog,
                  gboolean            force)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &done);

  cairn_publish_dialog_publish (dialog, force);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (dialog, id);
}

static guint
puts_so_far (void)
{
  guint n;

  g_mutex_lock (&server.lock);
  n = server.puts;
  g_mutex_unlock (&server.lock);
  return n;
}

static void
test_publish_without_keyring (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog;
  guint before = puts_so_far ();

  g_setenv ("CAIRN_KEYRING", "none", TRUE);
  dialog = dialog_for (j, "secret");
  g_assert_false (cairn_publish_dialog_has_keyring (dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "No keyring"));
  g_assert_true (cairn_publish_dialog_can_publish (dialog));

  publish_and_wait (dialog, FALSE);
  g_assert_true (g_str_has_prefix (cairn_publish_dialog_get_message (dialog), "Published “furniture-cross-sell”"));
  g_assert_cmpuint (puts_so_far (), ==, before + 1);
  g_mutex_lock (&server.lock);
  g_assert_nonnull (strstr (g_hash_table_lookup (server.journeys, "furniture-cross-sell"), "\"Complete the living room\""));
  g_mutex_unlock (&server.lock);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_conflict_then_overwrite (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog = dialog_for (j, "secret");
  guint before;

  publish_and_wait (dialog, FALSE);
  g_assert_false (cairn_publish_dialog_has_conflict (dialog));

  /* Someone else publishes meanwhile: the remembered ETag is stale. */
  g_mutex_lock (&server.lock);
  g_hash_table_replace (server.etags, g_strdup ("furniture-cross-sell"), g_strdup ("\"elsewhere\""));
  g_mutex_unlock (&server.lock);
  before = puts_so_far ();
  publish_and_wait (dialog, FALSE);
  g_assert_true (cairn_publish_dialog_has_conflict (dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "newer version"));
  g_assert_cmpuint (puts_so_far (), ==, before);

  /* Overwriting is the explicit choice. */
  publish_and_wait (dialog, TRUE);
  g_assert_false (cairn_publish_dialog_has_conflict (dialog));
  g_assert_true (g_str_has_prefix (cairn_publish_dialog_get_message (dialog), "Published"));
  g_assert_cmpuint (puts_so_far (), ==, before + 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_wrong_token (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog = dialog_for (j, "not-the-token");
  guint before = puts_so_far ();

  publish_and_wait (dialog, FALSE);
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "refused the token"));
  g_assert_cmpuint (puts_so_far (), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_not_sendable (void)
{
  g_autoptr(CairnJourney) j = journey ();
  g_autoptr(CairnJourney) broken = NULL;
  g_autoptr(GError) error = NULL;
  CairnPublishDialog *dialog;
  guint before = puts_so_far ();

  /* A journey with errors: the reason is shown, the button is off, and
     pressing it anyway sends nothing. */
  broken = cairn_journey_load_data ("{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"broken\", \"nodes\": []}",
                                    -1, "broken.json", &error);
  g_assert_no_error (error);
  dialog = dialog_for (broken, "secret");
  g_assert_false (cairn_publish_dialog_can_publish (dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "only a valid journey is published"));
  publish_and_wait (dialog, FALSE);
  g_assert_cmpuint (puts_so_far (), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A valid journey, but no usable address. */
  dialog = dialog_for (j, "secret");
  cairn_publish_dialog_set_server (dialog, "journeys.example.com");
  g_assert_false (cairn_publish_dialog_can_publish (dialog));
  cairn_publish_dialog_set_server (dialog, "https://journeys.example.com");
  g_assert_true (cairn_publish_dialog_can_publish (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-publish-dialog-XXXXXX", NULL);
  int status;

  state_file = g_build_filename (dir, "etags.json", NULL);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* No keyring in tests: nothing may wait on a keyring prompt. */
  g_setenv ("CAIRN_KEYRING", "none", TRUE);
  server_start ();
  g_test_add_func ("/ui/publish-dialog/without-keyring", test_publish_without_keyring);
  g_test_add_func ("/ui/publish-dialog/conflict-then-overwrite", test_conflict_then_overwrite);
  g_test_add_func ("/ui/publish-dialog/wrong-token", test_wrong_token);
  g_test_add_func ("/ui/publish-dialog/not-sendable", test_not_sendable);
  status = g_test_run ();
  server_stop ();
  g_remove (state_file);
  g_rmdir (dir);
  g_free (state_file);
  return status;
}
