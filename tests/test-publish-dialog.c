/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Publish dialog against the test journey server: publishing with the
 * token when there is no keyring (and the dialog saying so), the token
 * kept in a real keyring and found again, a conflict and its explicit
 * overwrite, a refused token, and a journey with errors or a bad address
 * that cannot be sent.
 *
 * The test runs on its own session bus (GTestDBus) with no services on
 * it, so "no keyring" is the real thing: no Secret Service on the bus. The
 * keyring test starts gnome-keyring-daemon there, with its files in a
 * temporary directory, and stops it afterwards. */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "cairn-publish.h"
#include "cairn-publish-dialog.h"
#include "cairn-window.h"
#include "publish-server.h"

static char *tmp_dir;

static const SecretSchema token_schema = {
  "io.github.cairnjourneys.Cairn.Token", SECRET_SCHEMA_NONE,
  { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
};

static gboolean
keyring_known (gpointer dialog)
{
  return cairn_publish_dialog_keyring_known (dialog);
}

/* Runs the main loop until @done holds, for at most ten seconds. */
static gboolean
wait_for (GSourceFunc done,
          gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return done (data);
}

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

static void
fetch_and_wait (CairnPublishDialog *dialog)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &done);

  cairn_publish_dialog_fetch (dialog);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (dialog, id);
}

static CairnWindow *
find_window_with_name (const char *name)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      CairnJourney *journey = CAIRN_IS_WINDOW (window) ? cairn_window_get_journey (CAIRN_WINDOW (window)) : NULL;

      if (journey != NULL && g_strcmp0 (cairn_journey_get_name (journey), name) == 0)
        return CAIRN_WINDOW (window);
    }
  return NULL;
}

static void
test_publish_without_keyring (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog;
  guint before;

  server_reset ();
  before = server_puts ();
  /* Nothing owns org.freedesktop.secrets on this bus, nor can start it. */
  dialog = dialog_for (j, "secret");
  g_assert_true (wait_for (keyring_known, dialog));
  g_assert_false (cairn_publish_dialog_has_keyring (dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "No keyring"));
  g_assert_true (cairn_publish_dialog_can_publish (dialog));

  publish_and_wait (dialog, FALSE);
  g_assert_true (g_str_has_prefix (cairn_publish_dialog_get_message (dialog), "Published “furniture-cross-sell”"));
  g_assert_cmpuint (server_puts (), ==, before + 1);
  g_mutex_lock (&server.lock);
  g_assert_nonnull (strstr (g_hash_table_lookup (server.journeys, "furniture-cross-sell"), "\"Complete the living room\""));
  g_mutex_unlock (&server.lock);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* "For this session": the dialog opened again still has the token. */
  dialog = cairn_publish_dialog_new (NULL, j);
  cairn_publish_dialog_set_server (dialog, server.base);
  g_assert_true (wait_for (keyring_known, dialog));
  g_assert_cmpstr (cairn_publish_dialog_get_token (dialog), ==, "secret");
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "No keyring"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
secrets_on_bus (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "NameHasOwner",
                                         g_variant_new ("(s)", "org.freedesktop.secrets"),
                                         G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static gboolean
has_keyring (gpointer dialog)
{
  return cairn_publish_dialog_has_keyring (dialog);
}

static gboolean
token_kept (gpointer url)
{
  g_autofree char *token = secret_password_lookup_sync (&token_schema, NULL, NULL, "server", url, NULL);

  return g_strcmp0 (token, "secret") == 0;
}

static gboolean
token_is (gpointer dialog)
{
  return g_strcmp0 (cairn_publish_dialog_get_token (dialog), "secret") == 0;
}

/* A real keyring on the test's bus: the token is kept there after a
 * successful publish, and found again for the same server. */
static void
test_token_in_keyring (void)
{
  g_autoptr(CairnJourney) j = journey ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (tmp_dir, "data", NULL);
  g_autofree char *runtime = g_build_filename (tmp_dir, "runtime", NULL);
  g_autofree char *program = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GSettings) settings = NULL;
  GOutputStream *input;
  CairnPublishDialog *dialog;

  if (program == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }
  server_reset ();
  g_mkdir_with_parents (data_home, 0700);
  g_mkdir_with_parents (runtime, 0700);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* Its keyrings in the temporary directory, never the user's. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", tmp_dir, TRUE);
  /* --unlock reads the new login keyring's password from stdin. */
  daemon = g_subprocess_launcher_spawn (launcher, &error, program, "--foreground", "--unlock",
                                        "--components=secrets", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (daemon);
  g_output_stream_write_all (input, "test", 4, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, NULL);
  if (!wait_for (secrets_on_bus, NULL))
    {
      g_subprocess_force_exit (daemon);
      g_test_skip ("gnome-keyring-daemon did not start");
      return;
    }

  dialog = dialog_for (j, "secret");
  g_assert_true (wait_for (keyring_known, dialog));
  g_assert_true (cairn_publish_dialog_has_keyring (dialog));
  g_assert_false (token_kept (server.base));
  publish_and_wait (dialog, FALSE);
  g_assert_true (g_str_has_prefix (cairn_publish_dialog_get_message (dialog), "Published"));
  g_assert_true (wait_for (token_kept, server.base));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Opened again with the same address: the keyring fills the token in;
     another address is another server's business. */
  dialog = cairn_publish_dialog_new (NULL, j);
  cairn_publish_dialog_set_server (dialog, server.base);
  g_assert_true (wait_for (has_keyring, dialog));
  g_assert_true (wait_for (token_is, dialog));
  cairn_publish_dialog_set_server (dialog, "https://journeys.example.com");
  g_assert_cmpstr (cairn_publish_dialog_get_token (dialog), ==, "");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The address is remembered in GSettings; the token is not there. */
  settings = g_settings_new ("io.github.cairnjourneys.Cairn");
  g_assert_cmpstr (g_settings_get_string (settings, "server-url"), ==, server.base);
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
        g_autofree char *text = g_variant_print (value, FALSE);
        g_assert_null (strstr (text, "secret"));
      }
  }

  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
}

static void
test_conflict_then_overwrite (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog;
  CairnWindow *theirs;
  guint before;

  server_reset ();
  dialog = dialog_for (j, "secret");
  publish_and_wait (dialog, FALSE);
  g_assert_false (cairn_publish_dialog_has_conflict (dialog));

  /* Someone else publishes meanwhile: the journey's revision is stale. */
  server_change_elsewhere ("furniture-cross-sell", "\"Changed elsewhere\"");
  before = server_puts ();
  publish_and_wait (dialog, FALSE);
  g_assert_true (cairn_publish_dialog_has_conflict (dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "newer version"));
  g_assert_cmpuint (server_puts (), ==, before);

  /* Fetch Server Version opens theirs in a new window; ours stays. */
  fetch_and_wait (dialog);
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "open in a new window"));
  theirs = find_window_with_name ("Changed elsewhere");
  g_assert_nonnull (theirs);
  g_assert_cmpstr (cairn_journey_get_id (cairn_window_get_journey (theirs)), ==, "furniture-cross-sell");
  gtk_window_destroy (GTK_WINDOW (theirs));
  g_assert_true (cairn_publish_dialog_has_conflict (dialog));

  /* Overwriting is the explicit choice. */
  publish_and_wait (dialog, TRUE);
  g_assert_false (cairn_publish_dialog_has_conflict (dialog));
  g_assert_true (g_str_has_prefix (cairn_publish_dialog_get_message (dialog), "Published"));
  g_assert_cmpuint (server_puts (), ==, before + 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Fetch Server Version, then Publish from the old window: the old journey
 * is still based on the version it was published as, so it is refused;
 * the fetched one, in its new window, publishes. The same as cairn-cli. */
static void
test_fetch_then_publish_old_window (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog;
  CairnPublishDialog *theirs_dialog;
  CairnWindow *theirs;
  CairnJourney *theirs_journey;
  g_autofree char *body = NULL;
  guint before;

  server_reset ();
  dialog = dialog_for (j, "secret");
  publish_and_wait (dialog, FALSE);
  /* The window's journey records the version it now is. */
  g_assert_nonnull (cairn_publish_get_revision (j, server.base));
  g_assert_false (cairn_publish_dialog_has_conflict (dialog));
  publish_and_wait (dialog, FALSE);
  g_assert_false (cairn_publish_dialog_has_conflict (dialog));

  server_change_elsewhere ("furniture-cross-sell", "\"Changed elsewhere\"");
  before = server_puts ();
  publish_and_wait (dialog, FALSE);
  g_assert_true (cairn_publish_dialog_has_conflict (dialog));
  fetch_and_wait (dialog);
  theirs = find_window_with_name ("Changed elsewhere");
  g_assert_nonnull (theirs);
  theirs_journey = cairn_window_get_journey (theirs);
  g_assert_cmpstr (cairn_publish_get_revision (theirs_journey, server.base), ==, "\"elsewhere\"");

  /* Publish from the old window: still a conflict, nothing overwritten. */
  publish_and_wait (dialog, FALSE);
  g_assert_true (cairn_publish_dialog_has_conflict (dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "newer version"));
  g_assert_cmpuint (server_puts (), ==, before);
  body = server_body ("furniture-cross-sell");
  g_assert_nonnull (strstr (body, "\"Changed elsewhere\""));

  /* Publish from the fetched window: based on the newest, it goes. */
  theirs_dialog = dialog_for (theirs_journey, "secret");
  publish_and_wait (theirs_dialog, FALSE);
  g_assert_true (g_str_has_prefix (cairn_publish_dialog_get_message (theirs_dialog), "Published"));
  g_assert_cmpuint (server_puts (), ==, before + 1);
  g_assert_cmpstr (server.last_if_match, ==, "\"elsewhere\"");
  gtk_window_destroy (GTK_WINDOW (theirs_dialog));
  gtk_window_destroy (GTK_WINDOW (theirs));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_wrong_token (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog = dialog_for (j, "not-the-token");
  guint before = server_puts ();

  publish_and_wait (dialog, FALSE);
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "refused the token"));
  /* The keyring's late answer does not hide the outcome. */
  g_assert_true (wait_for (keyring_known, dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "refused the token"));
  g_assert_cmpuint (server_puts (), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* An address where nothing listens: a port that was free a moment ago. */
static char *
closed_address (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u/", port);
}

/* The server is down: after its retries the dialog says why, and
 * Publish can be pressed again. */
static void
test_server_down (void)
{
  g_autoptr(CairnJourney) j = journey ();
  g_autofree char *address = closed_address ();
  CairnPublishDialog *dialog = dialog_for (j, "secret");

  cairn_publish_dialog_set_server (dialog, address);
  publish_and_wait (dialog, FALSE);
  g_test_message ("%s", cairn_publish_dialog_get_message (dialog));
  g_assert_nonnull (cairn_publish_dialog_get_message (dialog));
  g_assert_false (g_str_has_prefix (cairn_publish_dialog_get_message (dialog), "Published"));
  g_assert_false (cairn_publish_dialog_has_conflict (dialog));
  g_assert_true (cairn_publish_dialog_can_publish (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A pasted token keeps no surrounding white space, and one that a header
 * cannot carry is refused before anything is sent. */
static void
test_odd_token (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog;
  guint before;

  server_reset ();
  dialog = dialog_for (j, "  secret\n");
  before = server_puts ();
  publish_and_wait (dialog, FALSE);
  g_assert_true (g_str_has_prefix (cairn_publish_dialog_get_message (dialog), "Published"));
  g_assert_cmpuint (server_puts (), ==, before + 1);

  cairn_publish_dialog_set_token (dialog, "sec\nret");
  before = server_puts ();
  publish_and_wait (dialog, FALSE);
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "token"));
  g_assert_false (g_str_has_prefix (cairn_publish_dialog_get_message (dialog), "Published"));
  g_assert_cmpuint (server_puts (), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_not_sendable (void)
{
  g_autoptr(CairnJourney) j = journey ();
  g_autoptr(CairnJourney) broken = NULL;
  g_autoptr(GError) error = NULL;
  CairnPublishDialog *dialog;
  guint before = server_puts ();

  /* A journey with errors: the reason is shown, the button is off, and
     pressing it anyway sends nothing. */
  broken = cairn_journey_load_data ("{\"format\": \"cairn-journey\", \"version\": 1, \"id\": \"broken\", \"nodes\": []}",
                                    -1, "broken.json", &error);
  g_assert_no_error (error);
  dialog = dialog_for (broken, "secret");
  g_assert_false (cairn_publish_dialog_can_publish (dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "only a valid journey is published"));
  publish_and_wait (dialog, FALSE);
  g_assert_cmpuint (server_puts (), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A valid journey, but no usable address. */
  dialog = dialog_for (j, "secret");
  cairn_publish_dialog_set_server (dialog, "journeys.example.com");
  g_assert_false (cairn_publish_dialog_can_publish (dialog));
  cairn_publish_dialog_set_server (dialog, "https://journeys.example.com");
  g_assert_true (cairn_publish_dialog_can_publish (dialog));
  g_assert_null (strstr (cairn_publish_dialog_get_message (dialog) ?: "", "unencrypted"));
  /* Plain http to a host that is not loopback: a warning, not a refusal. */
  cairn_publish_dialog_set_server (dialog, "http://journeys.example.com");
  g_assert_true (cairn_publish_dialog_can_publish (dialog));
  g_assert_nonnull (strstr (cairn_publish_dialog_get_message (dialog), "unencrypted"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
puts_reach (gpointer data)
{
  return server_puts () >= GPOINTER_TO_UINT (data);
}

/* Closed while the server takes its time: the answer, when it comes,
 * finds no dialog to report to, and nothing breaks. */
static void
test_closed_while_publishing (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishDialog *dialog;
  guint before;

  server_reset ();
  dialog = dialog_for (j, "secret");
  before = server_puts ();
  g_mutex_lock (&server.lock);
  server.delay_ms = 300;
  g_mutex_unlock (&server.lock);
  cairn_publish_dialog_publish (dialog, FALSE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (wait_for (puts_reach, GUINT_TO_POINTER (before + 1)));
  /* and the worker's answer to the main loop */
  for (int i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_mutex_lock (&server.lock);
  server.delay_ms = 0;
  g_mutex_unlock (&server.lock);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-publish-dialog-XXXXXX", NULL);
  GTestDBus *bus;
  g_autofree char *display = NULL;
  int status;

  tmp_dir = dir;
  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_unsetenv ("CAIRN_KEYRING");
  /* A bus of our own, before anything connects to the session bus. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  display = g_strdup (g_getenv ("DISPLAY"));
  g_test_dbus_up (bus);
  /* which unsets DISPLAY, against X11's bus autolaunch; GTK needs it. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  /* and no accessibility bus on it */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  server_start ();
  g_test_add_func ("/ui/publish-dialog/without-keyring", test_publish_without_keyring);
  g_test_add_func ("/ui/publish-dialog/token-in-keyring", test_token_in_keyring);
  g_test_add_func ("/ui/publish-dialog/conflict-then-overwrite", test_conflict_then_overwrite);
  g_test_add_func ("/ui/publish-dialog/fetch-then-publish-old-window", test_fetch_then_publish_old_window);
  g_test_add_func ("/ui/publish-dialog/wrong-token", test_wrong_token);
  g_test_add_func ("/ui/publish-dialog/server-down", test_server_down);
  g_test_add_func ("/ui/publish-dialog/odd-token", test_odd_token);
  g_test_add_func ("/ui/publish-dialog/not-sendable", test_not_sendable);
  g_test_add_func ("/ui/publish-dialog/closed-while-publishing", test_closed_while_publishing);
  status = g_test_run ();
  server_stop ();
  /* Only stopped: GTK holds the connection until exit, and taking the
     bus down would wait for it to go. */
  secret_service_disconnect ();
  g_test_dbus_stop (bus);
  /* The keyring's files are in there too. */
  test_remove_tree (dir);
  return status;
}
