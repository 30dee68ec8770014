/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Publishing against a real HTTP server on 127.0.0.1, run by the test in
 * its own thread: it stores journeys, hands out ETags, enforces If-Match,
 * If-None-Match: * and a bearer token, and can be told to fail or to be
 * slow; and against a raw server that misbehaves (endless and trickling
 * bodies, escape sequences, redirect loops). Also through cairn-cli. */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "cairn-error.h"
#include "cairn-publish.h"
#include "publish-server.h"

#define ID "furniture-cross-sell"

static char *tmp_dir;

/* A self-signed certificate for 127.0.0.1 and localhost (CA:TRUE), valid
 * until 2126, for the HTTPS server; test use only. */
static const char TEST_CERT[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDJzCCAg+gAwIBAgIUC/KY7sqMG6p4PXmr6ijPzcEMrW4wDQYJKoZIhvcNAQEL\n"
  "BQAwFDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNjAyMDQxMloYDzIxMjYx\n"
  "MTEyMDIwNDEyWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwggEiMA0GCSqGSIb3DQEB\n"
  "AQUAA4IBDwAwggEKAoIBAQCon1f+qz78w2PqWfZUbhbRArUMkeZc6XpaiEOEHtmU\n"
  "4dEb/KhKbk4rSt7tFw2famHqmQmXLuzmILCdKIZg1KJS++3amrvz7cU5fx4XGjUn\n"
  "4WfrCs8J3QqOKffVs4S+PfzG8dNEitaubF4qHgXTWzmJKW7NJktMRnVqZEvwjIGY\n"
  "5Pvp6r5/lBpVh/qlCiaQxX/Q4CQFHtf3A9nAutKK4lUAwVwO+ZQ8kA6RlTkCyVed\n"
  "dGSc0pKZwgpioqwlZ02SSNWUldMBO/+DEOJ2uYQLiqM/kFrLVNX/MleGxQ8kZoRy\n"
  "KoZOXtt0Kb3XNof/b85tfeOmuJeZ1qJJ3ugjeBNaH1u5AgMBAAGjbzBtMB0GA1Ud\n"
  "DgQWBBTnOLguT5gjP9eNonsWrxxceVYKijAfBgNVHSMEGDAWgBTnOLguT5gjP9eN\n"
  "onsWrxxceVYKijAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwDwYDVR0TAQH/\n"
  "BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEARbY3Kv60LZR5f8y1CjuwWMl4PNiQ\n"
  "tYPhhHG5SjzMcCWV9hLYmaMd1cf6Yamq7Lphx3bJXn32HeUT/t8jcl1r0n9ELpWL\n"
  "ATviOqNjpKN5LcyIk6l69Dls7lQMq248iXNHq1yghFjZtec88/JyefEpW6K4LLZR\n"
  "VoMSN1J5+14jbfkyAyixUCXAxQkEWb5FZZP5BC84h94wo9s13zH+gGS2jD8q+svi\n"
  "ar7Wt+l964IDT37hzL08v5SW7k3EY2zBaIFqjN355H6V1Ux1EZ2g13qU4ltj5r2n\n"
  "QtzeoE3oupUQRTevrgc604JG+swGNxPtAl0GP+qqIWYkzZCVIzK+YJFkJQ==\n"
  "-----END CERTIFICATE-----\n"
  ;
static const char TEST_KEY[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCon1f+qz78w2Pq\n"
  "WfZUbhbRArUMkeZc6XpaiEOEHtmU4dEb/KhKbk4rSt7tFw2famHqmQmXLuzmILCd\n"
  "KIZg1KJS++3amrvz7cU5fx4XGjUn4WfrCs8J3QqOKffVs4S+PfzG8dNEitaubF4q\n"
  "HgXTWzmJKW7NJktMRnVqZEvwjIGY5Pvp6r5/lBpVh/qlCiaQxX/Q4CQFHtf3A9nA\n"
  "utKK4lUAwVwO+ZQ8kA6RlTkCyVeddGSc0pKZwgpioqwlZ02SSNWUldMBO/+DEOJ2\n"
  "uYQLiqM/kFrLVNX/MleGxQ8kZoRyKoZOXtt0Kb3XNof/b85tfeOmuJeZ1qJJ3ugj\n"
  "eBNaH1u5AgMBAAECggEAAv5MWWWaCT8N6TboBYwSwZ3mFhWjXKdHmCkIS2WIAHmY\n"
  "9OgH5yvzUH3UXHcaGc6Rc52vd7L9Ws4RWvWnzqFxSqUIQU1mSsIMzAsZC9kkpzmV\n"
  "vUY3pXnHQMpqVa1v8zfPr4rTCknaRJLN6FRLtcdny3e90zLiOukBSpgCaEz5by8r\n"
  "qf9Ley01VrwwTLF1hiOg/sTbSS+GRgPhg8PBVcXUfoU8WGHC+L2VxToG0LyuvPX+\n"
  "SLl4zpjhVKjtBFYaiqeN033mxs37H12xVsjGsZR3ZEmwcGEoThv91IfBI9HyKVtb\n"
  "1jK5Frlqefp1mO1IkPB744NIW/cgZD7GEOLQ+ozgNQKBgQDRSR1oJ4YuDKKw0WYa\n"
  "7ZUSUa80yJkOAY9egK+qh/ub5UyRKaaowIKYVDLFXCFkFbi46a8jXpubm+beAD1E\n"
  "yee5B3F179jJOxRudrN388jNr/IfesYMYgAsweRaA2QvCGGXRG7xIVJp0xJJDDMy\n"
  "1EDi0zw/8C5ZZ5k3AbNHsC/NcwKBgQDOQq0PvOc2t1/B8/8Ynte4W0S5+e9PL+iu\n"
  "M9Z0pZDkEiRJJ1BVZEDXA0seJk3vvGIDvFiRf7JlorjLtgPchNk8+dDoVTb0f9/H\n"
  "u26u739uU3vruzx44w+W30lYaF9qpZxPYkWgKHtC5eCnTGGOCe8lLZ9QTXvYW/bv\n"
  "eryYfR9nIwKBgGhbY+12n+LAbDNtBtPwmf+7eXkBechRINNHqdCH4/+Vc/uCYFcP\n"
  "P0+D1Jky2neUmTqjU7B4UXFjaNhUGDj/0KsjugDL6zZUXljCmbT7e6qMzFfEGZM9\n"
  "Hscym5IC1Oba8AbEmelk6zpXhGumSLVUv1IbcJSVSBdOoEiccXASu5NfAoGAQmm5\n"
  "q62ZjUayMJNN+jF7KENK988APTEh7KWIUfrVkno88MkV1sj3D8RhtY2D3sN7k9Rb\n"
  "eE3ztUIV2pH64FBuWnHd0FFP5p4eAgPZ+b3n/DApYJfjOtFxvZSb2zmQL5ivoef0\n"
  "n0MpnTrDgVrYtpGATSpJd+PbEqlZ83ZDr53qNJ0CgYEApSpWoRISMvajrX4todm+\n"
  "ax03ZsjadJDXwdvzrFf3sayt5Ur3pkbPJTUqS4d1WG0+cg43+P0WmwfuZSIa0qrH\n"
  "amU0DOGk0W/PyIhvWK7tWsrWzWwwLvPWdkCx39C9MEcohhTI9D0SdUpe5lR1T+rP\n"
  "CIVYZ6WUcdTVAnslnzO0tJs=\n"
  "-----END PRIVATE KEY-----\n"
  ;

static char *
sample_path (void)
{
  return g_build_filename (TESTS_SRCDIR, "..", "data", "journeys", "furniture-cross-sell.json", NULL);
}

static CairnJourney *
journey (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GError) error = NULL;
  CairnJourney *j = cairn_journey_load_file (path, &error);

  g_assert_no_error (error);
  return j;
}

/* A copy of the sample journey in the temporary directory. */
static char *
sample_copy (const char *name)
{
  g_autofree char *source = sample_path ();
  g_autofree char *text = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
options_for_test (CairnPublishOptions *options,
                  const char          *token)
{
  cairn_publish_options_init (options);
  options->url = server.base;
  options->token = token;
  options->backoff_ms = 10;
  options->timeout = 5;
}

/* The base address with "localhost" for "127.0.0.1". */
static char *
localhost_base (const char *base)
{
  g_autoptr(GString) text = g_string_new (base);

  g_string_replace (text, "127.0.0.1", "localhost", 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* cairn-cli with @args (NULL-terminated), its state in @state_dir (a new
 * one when NULL). Returns the exit status. */
static int
cli (const char  *state_dir,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *program = g_getenv ("CAIRN_CLI");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (program);
  if (state_dir == NULL)
    {
      g_autofree char *template = g_build_filename (tmp_dir, "state-XXXXXX", NULL);
      fresh = g_mkdtemp (g_steal_pointer (&template));
      state_dir = fresh;
    }
  env = g_environ_setenv (env, "XDG_STATE_HOME", state_dir, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_ptr_array_add (argv, (gpointer) program);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &stdout_text, &stderr_text, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("cairn-cli %s: %s%s", (char *) g_ptr_array_index (argv, 1), stdout_text, stderr_text);
  if (out)
    *out = g_steal_pointer (&stdout_text);
  if (err)
    *err = g_steal_pointer (&stderr_text);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static char *
token_file (int mode)
{
  char *path = g_build_filename (tmp_dir, mode == 0600 ? "token" : "open-token", NULL);

  g_assert_true (g_file_set_contents (path, "secret\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

/* Item 1: the revision travels with the document */

static void
test_publish_republish_conflict (void)
{
  g_autoptr(CairnJourney) j = journey ();
  g_autoptr(CairnJourney) theirs = NULL;
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag1 = NULL;
  g_autofree char *etag2 = NULL;
  g_autofree char *fetched = NULL;
  g_autofree char *body = NULL;

  server_reset ();
  options_for_test (&options, "secret");
  /* Never published: If-None-Match: *, and the ETag is recorded in it. */
  g_assert_true (cairn_publish_journey (j, &options, &etag1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag1);
  g_assert_cmpstr (server.last_if_none_match, ==, "*");
  g_assert_null (server.last_if_match);
  g_assert_cmpstr (cairn_publish_get_revision (j, server.base), ==, etag1);
  /* The record is the document's own: the server never gets it. */
  body = server_body (ID);
  g_assert_null (strstr (body, CAIRN_PUBLISH_REVISIONS_MEMBER));

  /* publish → publish: If-Match with the recorded ETag. */
  g_assert_true (cairn_publish_journey (j, &options, &etag2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (server.last_if_match, ==, etag1);
  g_assert_null (server.last_if_none_match);
  g_assert_cmpstr (etag1, !=, etag2);

  /* publish → another client → publish: refused, not retried. */
  server_change_elsewhere (ID, "\"Changed elsewhere\"");
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_CONFLICT);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);

  /* fetch → publish of the old document: still refused. */
  fetched = cairn_fetch_journey (ID, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (fetched, "\"Changed elsewhere\""));
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_CONFLICT);
  g_clear_error (&error);
  g_free (body);
  body = server_body (ID);
  g_assert_nonnull (strstr (body, "\"Changed elsewhere\""));

  /* fetch → publish of the fetched document: it is based on the newest. */
  theirs = cairn_journey_load_data (fetched, -1, "fetched.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cairn_publish_get_revision (theirs, server.base), ==, "\"elsewhere\"");
  g_assert_true (cairn_publish_journey (theirs, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (server.last_if_match, ==, "\"elsewhere\"");

  /* --force overwrites whatever is there. */
  server_change_elsewhere (ID, "\"Changed again\"");
  options.force = TRUE;
  g_assert_true (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (server.last_if_match);
  g_assert_null (server.last_if_none_match);
}

/* A document that was never published cannot replace a journey the
 * server already has. */
static void
test_never_published (void)
{
  g_autoptr(CairnJourney) mine = journey ();
  g_autoptr(CairnJourney) other = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  server_reset ();
  options_for_test (&options, "secret");
  g_assert_true (cairn_publish_journey (other, &options, NULL, &error));
  g_assert_no_error (error);
  server_change_elsewhere (ID, "\"Theirs\"");
  g_assert_false (cairn_publish_journey (mine, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_CONFLICT);
  g_assert_cmpstr (server.last_if_none_match, ==, "*");
  body = server_body (ID);
  g_assert_nonnull (strstr (body, "\"Theirs\""));
}

/* The four orders through cairn-cli, each run with a state directory of
 * its own: nothing but the files carries the revisions. */
static void
test_cli_four_orders (void)
{
  g_autofree char *a = sample_copy ("a.json");
  g_autofree char *fetched = g_build_filename (tmp_dir, "server.json", NULL);
  g_autofree char *token = token_file (0600);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;

  server_reset ();
  /* publish → publish */
  g_assert_cmpint (cli (NULL, NULL, NULL, "publish", a, "--url", server.base, "--token-file", token, NULL), ==, 0);
  text = read_text (a);
  g_assert_nonnull (strstr (text, "\"" CAIRN_PUBLISH_REVISIONS_MEMBER "\""));
  g_assert_cmpint (cli (NULL, NULL, NULL, "publish", a, "--url", server.base, "--token-file", token, NULL), ==, 0);

  /* publish → another client → publish: a conflict, exit 2 */
  server_change_elsewhere (ID, "\"Changed elsewhere\"");
  g_assert_cmpint (cli (NULL, NULL, &err, "publish", a, "--url", server.base, "--token-file", token, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "newer version"));
  g_clear_pointer (&err, g_free);

  /* fetch → publish of the fetched file */
  g_assert_cmpint (cli (NULL, NULL, NULL, "fetch", "--url", server.base, "--id", ID, "-o", fetched,
                        "--token-file", token, NULL), ==, 0);
  /* fetch → publish of the old file: a conflict */
  g_assert_cmpint (cli (NULL, NULL, &err, "publish", a, "--url", server.base, "--token-file", token, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "newer version"));
  body = server_body (ID);
  g_assert_nonnull (strstr (body, "\"Changed elsewhere\""));
  g_assert_cmpint (cli (NULL, NULL, NULL, "publish", fetched, "--url", server.base, "--token-file", token, NULL), ==, 0);
  g_assert_cmpstr (server.last_if_match, ==, "\"elsewhere\"");
}

/* The same state directory throughout changes nothing: the old file is
 * refused even where the fetch just ran. */
static void
test_cli_shared_state_dir (void)
{
  g_autofree char *a = sample_copy ("a.json");
  g_autofree char *fetched = g_build_filename (tmp_dir, "server.json", NULL);
  g_autofree char *token = token_file (0600);
  g_autofree char *state = g_build_filename (tmp_dir, "state", NULL);

  server_reset ();
  g_assert_cmpint (cli (state, NULL, NULL, "publish", a, "--url", server.base, "--token-file", token, NULL), ==, 0);
  server_change_elsewhere (ID, "\"Changed elsewhere\"");
  g_assert_cmpint (cli (state, NULL, NULL, "fetch", "--url", server.base, "--id", ID, "-o", fetched,
                        "--token-file", token, NULL), ==, 0);
  g_assert_cmpint (cli (state, NULL, NULL, "publish", a, "--url", server.base, "--token-file", token, NULL), ==, 2);
  g_assert_cmpint (cli (state, NULL, NULL, "publish", fetched, "--url", server.base, "--token-file", token, NULL), ==, 0);
}

/* localhost and 127.0.0.1 are two addresses: a revision recorded under
 * one is not sent to the other, and the document counts as never
 * published there; it never overwrites. */
static void
test_localhost_alias (void)
{
  g_autofree char *a = sample_copy ("a.json");
  g_autofree char *fetched = g_build_filename (tmp_dir, "server.json", NULL);
  g_autofree char *token = token_file (0600);
  g_autofree char *local = localhost_base (server.base);
  g_autofree char *body = NULL;

  server_reset ();
  g_assert_cmpint (cli (NULL, NULL, NULL, "publish", a, "--url", server.base, "--token-file", token, NULL), ==, 0);
  server_change_elsewhere (ID, "\"Changed elsewhere\"");
  g_assert_cmpint (cli (NULL, NULL, NULL, "publish", a, "--url", local, "--token-file", token, NULL), ==, 2);
  g_assert_cmpstr (server.last_if_none_match, ==, "*");
  body = server_body (ID);
  g_assert_nonnull (strstr (body, "\"Changed elsewhere\""));
  /* Fetched through localhost, it publishes through localhost. */
  g_assert_cmpint (cli (NULL, NULL, NULL, "fetch", "--url", local, "--id", ID, "-o", fetched,
                        "--token-file", token, NULL), ==, 0);
  g_assert_cmpint (cli (NULL, NULL, NULL, "publish", fetched, "--url", local, "--token-file", token, NULL), ==, 0);
  g_assert_cmpstr (server.last_if_match, ==, "\"elsewhere\"");
}

/* Item 2: answers have a size limit */

static void
test_endless_body (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out_file = g_build_filename (tmp_dir, "endless.json", NULL);

  raw_server_start (RAW_ENDLESS, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"e\"\r\n"
                                 "Transfer-Encoding: chunked\r\n\r\n");
  options_for_test (&options, "secret");
  options.url = raw.base;
  g_setenv ("CAIRN_PUBLISH_MAX_BODY", "1048576", TRUE);
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "larger than 1.0"));
  g_clear_error (&error);
  options.force = TRUE;
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_TOO_LARGE);

  /* cairn-cli: exit 2, a clear message, nothing written */
  g_assert_cmpint (cli (NULL, NULL, &err, "fetch", "--url", raw.base, "--id", ID, "-o", out_file, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "larger than 1.0"));
  g_assert_false (g_file_test (out_file, G_FILE_TEST_EXISTS));
  g_unsetenv ("CAIRN_PUBLISH_MAX_BODY");
  raw_server_stop ();
  /* Stopped early: a few chunks in the socket buffers, not the GiB. */
  g_test_message ("the server wrote %" G_GSIZE_FORMAT " bytes", raw.sent);
  g_assert_cmpuint (raw.sent, <, 64 * 1024 * 1024);
}

/* Redirects and failures with endless bodies are not read to their end. */
static void
test_endless_body_unread (void)
{
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 start = g_get_monotonic_time ();

  raw_server_start (RAW_ENDLESS, "HTTP/1.1 307 Temporary Redirect\r\nLocation: /journeys/" ID "\r\n"
                                 "Transfer-Encoding: chunked\r\n\r\n");
  options_for_test (&options, NULL);
  options.url = raw.base;
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_nonnull (strstr (error->message, "redirects in a loop"));
  g_clear_error (&error);
  raw_server_stop ();

  raw_server_start (RAW_ENDLESS, "HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\n\r\n");
  options.url = raw.base;
  options.retries = 2;
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_assert_nonnull (strstr (error->message, "failed (503 Busy) 3 times"));
  raw_server_stop ();
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  /* a few chunks each time, not the 256 MiB the limit would allow */
  g_assert_cmpuint (raw.sent, <, 64 * 1024 * 1024);
}

/* A body declared at 2 GiB is refused before any of it is read, with the
 * real limit of 256 MiB. */
static void
test_huge_declared_body (void)
{
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 start = g_get_monotonic_time ();

  raw_server_start (RAW_TRICKLE, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Content-Length: 2147483648\r\n\r\n");
  options_for_test (&options, NULL);
  options.url = raw.base;
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "larger than 256.0"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  raw_server_stop ();
}

/* Item 3: --timeout is for the whole exchange */

static void
test_trickle_deadline (void)
{
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out_file = g_build_filename (tmp_dir, "trickle.json", NULL);
  gint64 start;

  /* One byte every 300 ms: each read is quick, the whole never ends. */
  raw.trickle_ms = 300;
  raw_server_start (RAW_TRICKLE, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
  options_for_test (&options, NULL);
  options.url = raw.base;
  options.timeout = 1;
  start = g_get_monotonic_time ();
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "within 1 seconds"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  start = g_get_monotonic_time ();
  g_assert_cmpint (cli (NULL, NULL, &err, "fetch", "--url", raw.base, "--id", ID, "-o", out_file,
                        "--timeout", "2", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "within 2 seconds"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  raw_server_stop ();
}

/* A server that never answers, with retries: still one deadline. */
static void
test_silent_server (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  gint64 start;

  raw.trickle_ms = 2500;
  raw_server_start (RAW_SILENT, NULL);
  options_for_test (&options, "secret");
  options.url = raw.base;
  options.timeout = 1;
  options.force = TRUE;
  start = g_get_monotonic_time ();
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  raw_server_stop ();
}

static void
test_timeout_usage (void)
{
  const char *bad[] = { "abc", "0", "-1", "5s", "", "99999999999" };
  g_autofree char *out_file = g_build_filename (tmp_dir, "never.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (cli (NULL, NULL, &err, "fetch", "--url", "http://127.0.0.1:9/", "--id", ID, "-o", out_file,
                            "--timeout", bad[i], NULL), ==, 2);
      g_assert_nonnull (strstr (err, "--timeout takes a whole number of seconds"));
    }
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (cli (NULL, NULL, &err, "fetch", "--url", "http://127.0.0.1:9/", "--id", ID, "-o", out_file,
                          "--timeout", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--timeout needs a value"));
  }
}

/* Item 4: what a server says is shown without control characters; no
 * password is shown or stored; warnings for tokens at risk */

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p; p++)
    if (((guchar) *p < 0x20 && *p != '\n') || *p == 0x7f)
      return TRUE;
  return strstr (text, "\xc2\x9b") != NULL;   /* C1 CSI */
}

static void
test_hostile_text (void)
{
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out_file = g_build_filename (tmp_dir, "hostile.json", NULL);

  /* A reason phrase and a body that would clear the screen and retitle
     the terminal. */
  raw_server_start (RAW_FIXED, "HTTP/1.1 418 I am \x1b]0;pwned\x07\x1b[2J a teapot\r\n"
                               "Content-Type: text/plain\r\nContent-Length: 22\r\n\r\n"
                               "bad \x1b[31mred\x1b[0m \xc2\x9b" "2J!");
  options_for_test (&options, NULL);
  options.url = raw.base;
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "418"));
  g_assert_nonnull (strstr (error->message, "teapot"));
  g_assert_nonnull (strstr (error->message, "red"));
  g_assert_false (has_control (error->message));
  g_assert_cmpint (cli (NULL, NULL, &err, "fetch", "--url", raw.base, "--id", ID, "-o", out_file, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "teapot"));
  g_assert_false (has_control (err));
  raw_server_stop ();
  g_clear_error (&error);
  g_clear_pointer (&err, g_free);

  /* A Location to another site, with escape sequences */
  raw_server_start (RAW_FIXED, "HTTP/1.1 302 Found\r\n"
                               "Location: http://evil.example/\x1b]0;pwned\x07\x1b[2J\r\nContent-Length: 0\r\n\r\n");
  options.url = raw.base;
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "evil.example"));
  g_assert_false (has_control (error->message));
  g_assert_cmpint (cli (NULL, NULL, &err, "fetch", "--url", raw.base, "--id", ID, "-o", out_file, NULL), ==, 2);
  g_assert_false (has_control (err));
  raw_server_stop ();
}

static void
test_redirect_loop (void)
{
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out_file = g_build_filename (tmp_dir, "loop.json", NULL);

  raw_server_start (RAW_FIXED, "HTTP/1.1 307 Temporary Redirect\r\n"
                               "Location: /journeys/" ID "\r\nContent-Length: 0\r\n\r\n");
  options_for_test (&options, NULL);
  options.url = raw.base;
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_assert_nonnull (strstr (error->message, "redirects in a loop"));
  g_assert_cmpint (cli (NULL, NULL, &err, "fetch", "--url", raw.base, "--id", ID, "-o", out_file, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "redirects in a loop"));
  raw_server_stop ();
}

static void
test_password_in_url (void)
{
  g_autofree char *a = sample_copy ("a.json");
  g_autofree char *token = token_file (0600);
  g_autofree char *with_password = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) state = g_string_new (NULL);
  g_autofree char *state_dir = g_build_filename (tmp_dir, "password-state", NULL);
  g_autoptr(GError) error = NULL;
  CairnPublishOptions options;
  g_autoptr(CairnJourney) j = journey ();

  server_reset ();
  with_password = g_strdup (server.base);
  {
    g_autoptr(GString) s = g_string_new (server.base);
    g_string_replace (s, "http://", "http://ann:hunter2@", 1);
    g_free (with_password);
    with_password = g_string_free (g_steal_pointer (&s), FALSE);
  }
  g_assert_cmpint (cli (state_dir, &out, &err, "publish", a, "--url", with_password, "--token-file", token, NULL), ==, 0);
  g_assert_null (strstr (out, "hunter2"));
  g_assert_null (strstr (err, "hunter2"));
  text = read_text (a);
  g_assert_null (strstr (text, "hunter2"));
  g_assert_null (strstr (text, "ann@"));
  /* recorded under the address without the user: the plain address finds it */
  g_assert_cmpint (cli (state_dir, NULL, NULL, "publish", a, "--url", server.base, "--token-file", token, NULL), ==, 0);
  g_assert_nonnull (server.last_if_match);
  /* and nothing is kept in the state directory that holds it */
  if (g_file_test (state_dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *listing = NULL;
      g_autofree char *command = g_strdup_printf ("grep -r hunter2 %s", state_dir);
      int status = 0;

      g_spawn_command_line_sync (command, &listing, NULL, &status, NULL);
      g_assert_cmpstr (listing, ==, "");
    }

  /* Errors: an address where nothing listens, one that cannot be parsed */
  options_for_test (&options, "secret");
  options.url = "http://ann:hunter2@127.0.0.1:9/";
  options.retries = 1;
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_error (&error);
  options.url = "http://ann:hunter2@[nonsense/";
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "hunter2"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (NULL, NULL, &err, "publish", a, "--url", "http://ann:hunter2@[nonsense/",
                        "--token-file", token, NULL), ==, 2);
  g_assert_null (strstr (err, "hunter2"));
}

static void
test_token_warnings (void)
{
  g_autofree char *a = sample_copy ("a.json");
  g_autofree char *private_token = token_file (0600);
  g_autofree char *open_token = token_file (0644);
  g_autofree char *err = NULL;

  server_reset ();
  /* loopback over http, a private file: no warning */
  g_assert_cmpint (cli (NULL, NULL, &err, "publish", a, "--url", server.base, "--token-file", private_token, NULL), ==, 0);
  g_assert_null (strstr (err, "warning"));
  g_clear_pointer (&err, g_free);
  /* a file others can read */
  g_assert_cmpint (cli (NULL, NULL, &err, "publish", a, "--url", server.base, "--token-file", open_token, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning: the token file"));
  g_assert_nonnull (strstr (err, "can be read by other users"));
  g_clear_pointer (&err, g_free);
  /* plain http to a host that is not loopback (nothing answers there) */
  g_assert_cmpint (cli (NULL, NULL, &err, "publish", a, "--url", "http://192.0.2.1:9/", "--token-file", private_token,
                        "--timeout", "1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "warning: the token is sent unencrypted to http://192.0.2.1:9/"));
  g_clear_pointer (&err, g_free);
  /* https, or no token: no warning */
  g_assert_cmpint (cli (NULL, NULL, &err, "publish", a, "--url", "http://192.0.2.1:9/", "--timeout", "1", NULL), ==, 2);
  g_assert_null (strstr (err, "unencrypted"));
  g_assert_false (cairn_publish_url_is_insecure ("https://journeys.example.com"));
  g_assert_false (cairn_publish_url_is_insecure ("http://localhost:8080"));
  g_assert_false (cairn_publish_url_is_insecure ("http://[::1]:8080"));
  g_assert_false (cairn_publish_url_is_insecure ("http://127.0.0.5/"));
  g_assert_true (cairn_publish_url_is_insecure ("http://journeys.example.com"));
  g_assert_true (cairn_publish_url_is_insecure ("HTTP://10.0.0.1"));
}

static void
test_sanitize (void)
{
  g_autofree char *a = cairn_publish_sanitize ("a\x1b[2Jb\x07\r\nc\xc2\x9b" "d\xe2\x80\xae" "e\xff", -1, 100);
  g_autofree char *b = cairn_publish_sanitize ("abcdef", -1, 3);
  g_autofree char *c = cairn_publish_redact_url ("https://ann:hunter2@host:8/x@y");
  g_autofree char *d = cairn_publish_redact_url ("ann:hunter2@host");

  g_assert_cmpstr (a, ==, "a?[2Jb?  c?d?e\xef\xbf\xbd");
  g_assert_cmpstr (b, ==, "abc…");
  g_assert_cmpstr (c, ==, "https://host:8/x@y");
  g_assert_cmpstr (d, ==, "host");
}

/* Item 5: a relative --ca-file is relative to the working directory */

static gpointer
run_loop (gpointer data)
{
  GMainLoop *loop = data;

  g_main_context_push_thread_default (g_main_loop_get_context (loop));
  g_main_loop_run (loop);
  g_main_context_pop_thread_default (g_main_loop_get_context (loop));
  return NULL;
}

static void
test_relative_ca_file (void)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) https = NULL;
  g_autoptr(CairnJourney) j = journey ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *dir = g_build_filename (tmp_dir, "tls", NULL);
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *base = NULL;
  g_autofree char *a = sample_copy ("tls.json");
  g_autofree char *token = token_file (0600);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  GThread *thread;
  CairnPublishOptions options;
  GSList *uris;

  {
    g_autofree char *pem = g_strconcat (TEST_KEY, TEST_CERT, NULL);
    certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  }
  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (ca, TEST_CERT, -1, NULL));

  /* The journey server, over TLS this time */
  server_reset ();
  g_main_context_push_thread_default (context);
  https = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (https, NULL, server_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (https, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_main_context_pop_thread_default (context);
  g_assert_no_error (error);
  thread = g_thread_new ("https", run_loop, loop);
  uris = soup_server_get_uris (https);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_assert_true (g_str_has_prefix (base, "https://"));

  g_assert_cmpint (g_chdir (dir), ==, 0);
  options_for_test (&options, "secret");
  options.url = base;
  options.ca_file = "ca.pem";
  g_assert_true (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_no_error (error);
  /* and through cairn-cli */
  g_assert_cmpint (cli (NULL, NULL, NULL, "publish", a, "--url", base, "--token-file", token,
                        "--ca-file", "ca.pem", "--force", NULL), ==, 0);
  /* Without the certificate the server is not trusted. */
  options.ca_file = NULL;
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  g_main_loop_quit (loop);
  g_thread_join (thread);
  g_main_context_push_thread_default (context);
  soup_server_disconnect (https);
  g_clear_object (&https);
  g_main_context_pop_thread_default (context);
}

/* Errors, refusals and retries */

static void
test_wrong_token (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;

  server_reset ();
  options_for_test (&options, "wrong");
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_UNAUTHORIZED);
}

/* A token with a line break (a two-line token file) cannot go into a
 * header: a clear error, nothing sent, for publish and fetch alike. */
static void
test_token_with_line_break (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint before;

  server_reset ();
  before = server_puts ();
  options_for_test (&options, "sec\nret");
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "token"));
  g_clear_error (&error);
  text = cairn_fetch_journey (ID, &options, &error);
  g_assert_null (text);
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_USAGE);
  g_assert_cmpuint (server_puts (), ==, before);
}

static void
test_retry_then_success (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;

  server_reset ();
  options_for_test (&options, "secret");
  options.force = TRUE;
  g_mutex_lock (&server.lock);
  server.fail_next = 2;
  g_mutex_unlock (&server.lock);
  g_assert_true (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_no_error (error);

  g_mutex_lock (&server.lock);
  server.fail_next = 10;
  g_mutex_unlock (&server.lock);
  options.retries = 2;
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  server_reset ();
}

static void
test_server_down_and_slow (void)
{
  g_autoptr(CairnJourney) j = journey ();
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;

  server_reset ();
  options_for_test (&options, "secret");
  options.url = "http://127.0.0.1:9";   /* discard port: nothing listens */
  options.retries = 1;
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_NETWORK);
  g_clear_error (&error);

  options_for_test (&options, "secret");
  options.timeout = 1;
  options.retries = 1;
  g_mutex_lock (&server.lock);
  server.delay_ms = 2500;
  g_mutex_unlock (&server.lock);
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_PUBLISH_TIMED_OUT);
  server_reset ();
}

static void
test_invalid_never_sent (void)
{
  g_autoptr(CairnJourney) j = cairn_journey_new ();   /* no starter: invalid */
  CairnPublishOptions options;
  g_autoptr(GError) error = NULL;
  guint before;

  server_reset ();
  options_for_test (&options, "secret");
  before = server_puts ();
  g_assert_false (cairn_publish_journey (j, &options, NULL, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_cmpuint (server_puts (), ==, before);
}

int
main (int argc, char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("cairn-publish-XXXXXX", NULL);
  g_unsetenv ("CAIRN_PUBLISH_MAX_BODY");
  g_test_init (&argc, &argv, NULL);
  server_start ();
  g_test_add_func ("/core/publish/publish-republish-conflict", test_publish_republish_conflict);
  g_test_add_func ("/core/publish/never-published", test_never_published);
  g_test_add_func ("/core/publish/cli-four-orders", test_cli_four_orders);
  g_test_add_func ("/core/publish/cli-shared-state-dir", test_cli_shared_state_dir);
  g_test_add_func ("/core/publish/localhost-alias", test_localhost_alias);
  g_test_add_func ("/core/publish/endless-body", test_endless_body);
  g_test_add_func ("/core/publish/endless-body-unread", test_endless_body_unread);
  g_test_add_func ("/core/publish/huge-declared-body", test_huge_declared_body);
  g_test_add_func ("/core/publish/trickle-deadline", test_trickle_deadline);
  g_test_add_func ("/core/publish/silent-server", test_silent_server);
  g_test_add_func ("/core/publish/timeout-usage", test_timeout_usage);
  g_test_add_func ("/core/publish/hostile-text", test_hostile_text);
  g_test_add_func ("/core/publish/redirect-loop", test_redirect_loop);
  g_test_add_func ("/core/publish/password-in-url", test_password_in_url);
  g_test_add_func ("/core/publish/token-warnings", test_token_warnings);
  g_test_add_func ("/core/publish/sanitize", test_sanitize);
  g_test_add_func ("/core/publish/relative-ca-file", test_relative_ca_file);
  g_test_add_func ("/core/publish/wrong-token", test_wrong_token);
  g_test_add_func ("/core/publish/token-with-line-break", test_token_with_line_break);
  g_test_add_func ("/core/publish/retry-then-success", test_retry_then_success);
  g_test_add_func ("/core/publish/server-down-and-slow", test_server_down_and_slow);
  g_test_add_func ("/core/publish/invalid-never-sent", test_invalid_never_sent);
  status = g_test_run ();
  server_stop ();
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
