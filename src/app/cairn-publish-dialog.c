/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "cairn-a11y.h"
#include "cairn-application.h"
#include "cairn-diagnostic.h"
#include "cairn-error.h"
#include "cairn-publish.h"
#include "cairn-publish-dialog.h"
#include "cairn-validate.h"
#include "cairn-window.h"

/* The Publish dialog (DESIGN §11). The token lives in the keyring under
 * the server's address; when there is no keyring (no Secret Service on the
 * session bus, or CAIRN_KEYRING=none) it is kept in memory until the
 * application quits, and the dialog says so. Publishing runs on a worker
 * thread. */

#define KEYRING_TIMEOUT_SECONDS 30
/* Typing an address looks its token up once the typing pauses. */
#define LOOKUP_DELAY_MS 400

static const SecretSchema token_schema = {
  "io.github.cairnjourneys.Cairn.Token", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

struct _CairnPublishDialog
{
  AdwWindow     parent_instance;

  CairnJourney *journey;
  GSettings    *settings;       /* NULL when the schema is not installed */
  GCancellable *cancellable;

  GtkWidget    *url_row;
  GtkWidget    *token_row;
  GtkWidget    *ca_row;
  GtkWidget    *ca_clear;
  GtkWidget    *publish_button;
  GtkWidget    *spinner;
  GtkWidget    *message_revealer;
  GtkWidget    *message_label;
  GtkWidget    *conflict_box;

  char         *ca_file;
  char         *message;
  char         *filled_token;   /* what the keyring gave the token entry */
  guint         lookup_source;
  guint         n_errors;
  gboolean      busy;
  gboolean      reporting;      /* the message is a publish or fetch's outcome */
  gboolean      conflict;
  gboolean      keyring;        /* a token can be kept there */
  gboolean      keyring_known;
};

G_DEFINE_FINAL_TYPE (CairnPublishDialog, cairn_publish_dialog, ADW_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void update (CairnPublishDialog *self);
static gboolean url_is_usable (const char *url);

static gboolean
keyring_disabled (void)
{
  return g_strcmp0 (g_getenv ("CAIRN_KEYRING"), "none") == 0;
}

/* Without a keyring: server → token, for as long as the application runs. */
static GHashTable *session_tokens;

static void
keep_for_session (const char *url,
                  const char *token)
{
  if (session_tokens == NULL)
    session_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (session_tokens, g_strdup (url), g_strdup (token));
}

static const char *
session_token (const char *url)
{
  return session_tokens ? g_hash_table_lookup (session_tokens, url) : NULL;
}

static void
show_message (CairnPublishDialog *self,
              const char         *message,
              const char         *style)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->message_label), message ? message : "");
  gtk_widget_remove_css_class (self->message_label, "error");
  gtk_widget_remove_css_class (self->message_label, "success");
  if (style != NULL)
    gtk_widget_add_css_class (self->message_label, style);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->message_revealer), message != NULL);
}

static const char *
server_url (CairnPublishDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

/* Keyring */

static gboolean
cancel_source (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* A keyring that asks for a password nobody can type (a headless session)
 * must not leave the dialog waiting for ever; a person typing the
 * keyring's password in its prompt needs more than a few seconds. */
static GCancellable *
keyring_cancellable (CairnPublishDialog *self)
{
  GCancellable *cancellable = g_cancellable_new ();

  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, KEYRING_TIMEOUT_SECONDS, cancel_source,
                              g_object_ref (cancellable), g_object_unref);
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           cancellable, G_CONNECT_SWAPPED);
  return cancellable;
}

/* Fills the token entry with the token kept for the address, unless the
 * user has typed one. */
static void
fill_token (CairnPublishDialog *self,
            const char         *token)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->token_row));

  if (token == NULL || (*typed != '\0' && g_strcmp0 (typed, self->filled_token) != 0))
    return;
  g_free (self->filled_token);
  self->filled_token = g_strdup (token);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
}

#define NO_KEYRING_MESSAGE \
  _("No keyring is available: the token is used for this session only and is not kept")

/* What the dialog says while it is not reporting a publish or a fetch: the
 * journey's errors (which count_errors shows and which matter most), a
 * bad address, or that there is no keyring. The keyring answers
 * asynchronously, so it must not replace an outcome. */
static void
show_idle_message (CairnPublishDialog *self)
{
  const char *url = server_url (self);

  if (self->reporting || self->n_errors > 0)
    return;
  if (*url != '\0' && !url_is_usable (url))
    show_message (self, _("Give the server's address, such as https://journeys.example.com"), NULL);
  else if (cairn_publish_url_is_insecure (url))
    show_message (self, _("The token would travel unencrypted to this address; use https://"), NULL);
  else if (self->keyring_known && !self->keyring)
    show_message (self, NO_KEYRING_MESSAGE, NULL);
  else
    show_message (self, NULL, NULL);
}

static void
no_keyring (CairnPublishDialog *self)
{
  self->keyring = FALSE;
  self->keyring_known = TRUE;
  fill_token (self, session_token (server_url (self)));
  show_idle_message (self);
}

typedef struct
{
  CairnPublishDialog *self;
  char               *url;
} Lookup;

static void
on_token_found (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Lookup *lookup = data;
  g_autoptr(CairnPublishDialog) self = lookup->self;
  g_autofree char *url = lookup->url;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = secret_password_lookup_finish (result, &error);

  g_free (lookup);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && g_cancellable_is_cancelled (self->cancellable))
    return;
  if (error != NULL)
    {
      g_debug ("No keyring: %s", error->message);
      no_keyring (self);
      return;
    }
  self->keyring = TRUE;
  self->keyring_known = TRUE;
  /* The address may have changed while the keyring answered. */
  if (g_strcmp0 (url, server_url (self)) == 0)
    fill_token (self, token);
}

/* Also tells whether there is a keyring at all: the first look-up runs
 * when the dialog opens, whatever the address. */
static void
look_up_token (CairnPublishDialog *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  Lookup *lookup;

  g_clear_handle_id (&self->lookup_source, g_source_remove);
  if (keyring_disabled () || (self->keyring_known && !self->keyring))
    {
      no_keyring (self);
      return;
    }
  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->url = g_strdup (server_url (self));
  cancellable = keyring_cancellable (self);
  secret_password_lookup (&token_schema, cancellable, on_token_found, lookup,
                          "server", lookup->url, NULL);
}

static gboolean
look_up_token_later (gpointer data)
{
  CairnPublishDialog *self = data;

  self->lookup_source = 0;
  look_up_token (self);
  return G_SOURCE_REMOVE;
}

static void
on_token_stored (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(CairnPublishDialog) self = data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error) && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_autofree char *text = NULL;

      g_debug ("The token was not kept in the keyring: %s", error->message);
      self->keyring = FALSE;
      self->keyring_known = TRUE;
      text = g_strdup_printf ("%s\n%s", self->message ? self->message : "", NO_KEYRING_MESSAGE);
      show_message (self, g_strstrip (text), NULL);
    }
}

static void
keep_token (CairnPublishDialog *self,
            const char         *url,
            const char         *token)
{
  g_autoptr(GCancellable) cancellable = NULL;
  /* TRANSLATORS: the label of the token in the keyring; %s is the server */
  g_autofree char *label = g_strdup_printf (_("Cairn journey server token for %s"), url);

  if (token == NULL || *token == '\0')
    return;
  keep_for_session (url, token);
  if (keyring_disabled () || (self->keyring_known && !self->keyring))
    return;
  cancellable = keyring_cancellable (self);
  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, label, token, cancellable,
                         on_token_stored, g_object_ref (self), "server", url, NULL);
}

/* Publishing */

typedef struct
{
  CairnJourney *journey;      /* to publish */
  char         *id;           /* to fetch */
  char         *url;
  char         *token;
  char         *ca_file;
  gboolean      force;
  char         *etag;
} PublishJob;

static void
publish_job_free (PublishJob *job)
{
  g_clear_object (&job->journey);
  g_free (job->id);
  g_free (job->url);
  g_free (job->token);
  g_free (job->ca_file);
  g_free (job->etag);
  g_free (job);
}

/* What both a publish and a fetch send with: the server, its token and
 * certificates. */
static PublishJob *
publish_job_new (CairnPublishDialog *self)
{
  PublishJob *job = g_new0 (PublishJob, 1);

  job->url = g_strdup (server_url (self));
  /* A pasted token often brings a space or a line break at its ends. */
  job->token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));
  job->ca_file = g_strdup (self->ca_file);
  return job;
}

static void
job_options (PublishJob          *job,
             CairnPublishOptions *options)
{
  cairn_publish_options_init (options);
  options->url = job->url;
  options->token = *job->token ? job->token : NULL;
  options->ca_file = job->ca_file;
  options->force = job->force;
}

static void
publish_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  PublishJob *job = data;
  CairnPublishOptions options;
  GError *error = NULL;

  job_options (job, &options);
  if (cairn_publish_journey (job->journey, &options, &job->etag, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_published (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  CairnPublishDialog *self = CAIRN_PUBLISH_DIALOG (source);
  PublishJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = NULL;

      self->conflict = FALSE;
      /* The window's journey is now based on the version just published
         (the worker had a copy): its next publish sends that revision. */
      cairn_publish_set_revision (self->journey, job->url, cairn_journey_get_id (job->journey), job->etag);
      keep_token (self, job->url, job->token);
      if (job->etag != NULL)
        text = g_strdup_printf (_("Published “%s” (version %s)"), cairn_journey_get_id (self->journey), job->etag);
      else
        text = g_strdup_printf (_("Published “%s”"), cairn_journey_get_id (self->journey));
      if (self->keyring_known && !self->keyring)
        {
          g_autofree char *published = g_steal_pointer (&text);
          text = g_strdup_printf ("%s\n%s", published, NO_KEYRING_MESSAGE);
        }
      show_message (self, text, "success");
    }
  else if (g_error_matches (error, CAIRN_ERROR, CAIRN_PUBLISH_CONFLICT))
    {
      self->conflict = TRUE;
      show_message (self, _("The server has a newer version of this journey. Fetch it to see what changed, or overwrite it with yours."), "error");
    }
  else if (g_error_matches (error, CAIRN_ERROR, CAIRN_PUBLISH_UNAUTHORIZED))
    {
      self->conflict = FALSE;
      show_message (self, _("The server refused the token: check it, or ask for a new one"), "error");
    }
  else
    {
      self->conflict = FALSE;
      show_message (self, error->message, "error");
    }
  update (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

void
cairn_publish_dialog_publish (CairnPublishDialog *self,
                              gboolean            force)
{
  g_autoptr(GTask) task = NULL;
  PublishJob *job;

  g_return_if_fail (CAIRN_IS_PUBLISH_DIALOG (self));

  if (self->busy || !cairn_publish_dialog_can_publish (self))
    {
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "server-url", server_url (self));

  job = publish_job_new (self);
  /* The worker gets its own copy: the window may edit the journey meanwhile. */
  job->journey = cairn_journey_new_from_json (cairn_journey_get_root (self->journey), NULL);
  job->force = force;

  self->busy = TRUE;
  self->reporting = TRUE;
  show_message (self, force ? _("Overwriting the server's version…") : _("Publishing…"), NULL);
  update (self);
  task = g_task_new (self, self->cancellable, on_published, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) publish_job_free);
  g_task_run_in_thread (task, publish_thread);
}

/* Fetching the server's version opens it in a new window: nothing of the
 * local journey is lost. */
static void
fetch_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  PublishJob *job = data;
  CairnPublishOptions options;
  GError *error = NULL;
  char *text;

  job_options (job, &options);
  text = cairn_fetch_journey (job->id, &options, &error);
  if (text != NULL)
    g_task_return_pointer (task, text, g_free);
  else
    g_task_return_error (task, error);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  CairnPublishDialog *self = CAIRN_PUBLISH_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(CairnJourney) journey = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  self->busy = FALSE;
  if (text != NULL)
    {
      /* Named after the server, but never with a password in the address. */
      g_autofree char *name = cairn_publish_redact_url (server_url (self));
      journey = cairn_journey_load_data (text, -1, name, &error);
    }
  if (journey == NULL)
    show_message (self, error->message, "error");
  else
    {
      CairnWindow *window = cairn_window_new (parent ? gtk_window_get_application (parent) : NULL);

      cairn_window_set_journey (window, journey);
      gtk_window_present (GTK_WINDOW (window));
      show_message (self, _("The server's version is open in a new window"), "success");
    }
  update (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

void
cairn_publish_dialog_fetch (CairnPublishDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PublishJob *job;

  g_return_if_fail (CAIRN_IS_PUBLISH_DIALOG (self));

  if (self->busy || !url_is_usable (server_url (self)))
    {
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }
  job = publish_job_new (self);
  /* Its id, not the journey, which the window may edit meanwhile. */
  job->id = g_strdup (cairn_journey_get_id (self->journey));
  self->busy = TRUE;
  self->reporting = TRUE;
  show_message (self, _("Fetching the server's version…"), NULL);
  update (self);
  task = g_task_new (self, self->cancellable, on_fetched, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) publish_job_free);
  g_task_run_in_thread (task, fetch_thread);
}

static void
overwrite_clicked (CairnPublishDialog *self)
{
  cairn_publish_dialog_publish (self, TRUE);
}

static void
publish_clicked (CairnPublishDialog *self)
{
  cairn_publish_dialog_publish (self, FALSE);
}

/* The trusted certificate */

static void
on_ca_chosen (GtkNativeDialog *chooser,
              int              response,
              gpointer         data)
{
  CairnPublishDialog *self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_free (self->ca_file);
      self->ca_file = file ? g_file_get_path (file) : NULL;
      update (self);
    }
  g_object_unref (chooser);
}

static void
choose_ca (CairnPublishDialog *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Trust a Certificate"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Trust"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_ca_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_ca (CairnPublishDialog *self)
{
  g_clear_pointer (&self->ca_file, g_free);
  update (self);
}

/* State */

static gboolean
url_is_usable (const char *url)
{
  g_autoptr(GUri) uri = url && *url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0
                         || g_strcmp0 (g_uri_get_scheme (uri), "http") == 0)
         && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

gboolean
cairn_publish_dialog_can_publish (CairnPublishDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_PUBLISH_DIALOG (self), FALSE);

  return !self->busy && self->n_errors == 0 && url_is_usable (server_url (self));
}

static void
update (CairnPublishDialog *self)
{
  g_autofree char *ca = self->ca_file ? g_path_get_basename (self->ca_file) : NULL;

  gtk_widget_set_sensitive (self->publish_button, cairn_publish_dialog_can_publish (self));
  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
  gtk_widget_set_visible (self->conflict_box, self->conflict && !self->busy);
  gtk_widget_set_sensitive (self->url_row, !self->busy);
  gtk_widget_set_sensitive (self->token_row, !self->busy);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->ca_row),
                               ca ? ca : _("The system's certificates only"));
  gtk_widget_set_visible (self->ca_clear, self->ca_file != NULL);
}

static void
url_changed (CairnPublishDialog *self)
{
  /* A token the keyring gave for another server is not this one's. */
  if (self->filled_token != NULL
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->token_row)), self->filled_token) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  g_clear_pointer (&self->filled_token, g_free);
  g_clear_handle_id (&self->lookup_source, g_source_remove);
  if (url_is_usable (server_url (self)))
    self->lookup_source = g_timeout_add (LOOKUP_DELAY_MS, look_up_token_later, self);
  self->conflict = FALSE;
  self->reporting = FALSE;
  show_idle_message (self);
  update (self);
}

static void
url_applied (CairnPublishDialog *self)
{
  look_up_token (self);
}

static void
count_errors (CairnPublishDialog *self)
{
  g_autoptr(GPtrArray) diagnostics = cairn_validate (self->journey);

  self->n_errors = 0;
  for (guint i = 0; i < diagnostics->len; i++)
    if (((CairnDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == CAIRN_SEVERITY_ERROR)
      self->n_errors++;
  if (self->n_errors > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The journey has %u error; only a valid journey is published",
                                                            "The journey has %u errors; only a valid journey is published",
                                                            self->n_errors),
                                               self->n_errors);
      show_message (self, text, "error");
    }
}

/* Setters for tests */

void
cairn_publish_dialog_set_server (CairnPublishDialog *self,
                                 const char         *url)
{
  g_return_if_fail (CAIRN_IS_PUBLISH_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
}

void
cairn_publish_dialog_set_token (CairnPublishDialog *self,
                                const char         *token)
{
  g_return_if_fail (CAIRN_IS_PUBLISH_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token ? token : "");
}

const char *
cairn_publish_dialog_get_message (CairnPublishDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_PUBLISH_DIALOG (self), NULL);
  return self->message;
}

gboolean
cairn_publish_dialog_has_conflict (CairnPublishDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_PUBLISH_DIALOG (self), FALSE);
  return self->conflict;
}

gboolean
cairn_publish_dialog_has_keyring (CairnPublishDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_PUBLISH_DIALOG (self), FALSE);
  return self->keyring_known && self->keyring;
}

gboolean
cairn_publish_dialog_keyring_known (CairnPublishDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_PUBLISH_DIALOG (self), FALSE);
  return self->keyring_known;
}

const char *
cairn_publish_dialog_get_token (CairnPublishDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_PUBLISH_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->token_row));
}

/* The widget */

static void
cairn_publish_dialog_dispose (GObject *object)
{
  CairnPublishDialog *self = CAIRN_PUBLISH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->lookup_source, g_source_remove);
  G_OBJECT_CLASS (cairn_publish_dialog_parent_class)->dispose (object);
}

static void
cairn_publish_dialog_finalize (GObject *object)
{
  CairnPublishDialog *self = CAIRN_PUBLISH_DIALOG (object);

  g_clear_object (&self->journey);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->ca_file);
  g_free (self->message);
  g_free (self->filled_token);
  G_OBJECT_CLASS (cairn_publish_dialog_parent_class)->finalize (object);
}

static void
cairn_publish_dialog_class_init (CairnPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_publish_dialog_dispose;
  object_class->finalize = cairn_publish_dialog_finalize;
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, ca_clear);
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, publish_button);
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CairnPublishDialog, conflict_box);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);
  gtk_widget_class_bind_template_callback (widget_class, publish_clicked);
  gtk_widget_class_bind_template_callback (widget_class, url_changed);
  gtk_widget_class_bind_template_callback (widget_class, url_applied);
  gtk_widget_class_bind_template_callback (widget_class, clear_ca);
  gtk_widget_class_bind_template_callback (widget_class, choose_ca);
  gtk_widget_class_bind_template_callback (widget_class, cairn_publish_dialog_fetch);
  gtk_widget_class_bind_template_callback (widget_class, overwrite_clicked);
}

static void
cairn_publish_dialog_init (CairnPublishDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = cairn_application_settings (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  cairn_a11y_expose_entry_rows (GTK_WIDGET (self));
  /* The token row's eye is libadwaita's */
  cairn_a11y_name_icon_buttons (GTK_WIDGET (self->token_row));
  /* The saved address is where the dialog starts, not an edit */
  g_signal_handlers_block_by_func (self->url_row, url_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row),
                         self->settings ? g_settings_get_string (self->settings, "server-url") : "");
  g_signal_handlers_unblock_by_func (self->url_row, url_changed, self);
}

CairnPublishDialog *
cairn_publish_dialog_new (GtkWindow    *parent,
                          CairnJourney *journey)
{
  CairnPublishDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CAIRN_IS_JOURNEY (journey), NULL);

  self = g_object_new (CAIRN_TYPE_PUBLISH_DIALOG, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->journey = g_object_ref (journey);
  count_errors (self);
  look_up_token (self);
  update (self);
  return self;
}

void
cairn_publish_dialog_present (GtkWindow    *parent,
                              CairnJourney *journey)
{
  gtk_window_present (GTK_WINDOW (cairn_publish_dialog_new (parent, journey)));
}
