/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-registry.h"

/* The table of node kinds. Names, descriptions and field labels are marked
 * with N_() and translated where they are shown. */

static const char * const dynamic_modes[] = { "on_day", "after", NULL };
static const char * const interactions[] = { "delivered", "opened", "clicked", NULL };
static const char * const audience_actions[] = { "add", "remove", NULL };

static const char * const port_out[] = { "out", NULL };
static const char * const port_message[] = { "out", "failed", NULL };
static const char * const port_until_event[] = { "event", "timeout", NULL };
static const char * const port_yes_no[] = { "yes", "no", NULL };
static const char * const port_none[] = { NULL };

#define FIELD(n, t, r, d, l, h) { n, CAIRN_FIELD_##t, r, d, NULL, l, h }
#define ENUM_FIELD(n, r, d, c, l, h) { n, CAIRN_FIELD_ENUM, r, d, c, l, h }

static const CairnFieldSpec starter_event_fields[] = {
  FIELD ("event", EVENT_NAME, TRUE, NULL, N_("Event"), N_("The event that starts the journey, such as purchase")),
  FIELD ("where", PREDICATE, FALSE, NULL, N_("Event filter"), N_("Only events whose parameters match")),
  FIELD ("platforms", PLATFORMS, FALSE, NULL, N_("Platforms"), N_("Web, iOS, Android, offline or API; all when empty")),
  FIELD ("segment", PREDICATE, FALSE, NULL, N_("Segment"), N_("Only users who match")),
};

static const CairnFieldSpec starter_website_fields[] = {
  FIELD ("action", EVENT_NAME, TRUE, NULL, N_("Website action"), N_("page_view, product_view, add_to_cart…")),
  FIELD ("url_contains", STRING, FALSE, NULL, N_("URL contains"), N_("Case-sensitive text in the page address")),
  FIELD ("where", PREDICATE, FALSE, NULL, N_("Event filter"), NULL),
};

static const CairnFieldSpec starter_dynamic_fields[] = {
  FIELD ("source", DATE_SOURCE, TRUE, NULL, N_("Date"), N_("A date attribute, or a date parameter of an event")),
  FIELD ("offset_days", INTEGER, FALSE, "0", N_("Offset in days"), N_("Negative: days before the date")),
  ENUM_FIELD ("mode", FALSE, "\"on_day\"", dynamic_modes, N_("When"), N_("On the day, or on any day after it")),
  FIELD ("yearly", BOOLEAN, FALSE, "false", N_("Every year"), N_("Compare month and day only, as for birthdays")),
  FIELD ("time", TIME_OF_DAY, FALSE, "\"01:00\"", N_("Check at (UTC)"), NULL),
  FIELD ("where", PREDICATE, FALSE, NULL, N_("Filter"), NULL),
};

static const CairnFieldSpec starter_attribute_fields[] = {
  FIELD ("attribute", ATTRIBUTE, TRUE, NULL, N_("Attribute"), NULL),
  FIELD ("from", JSON, FALSE, NULL, N_("From value"), N_("Only when the old value was this")),
  FIELD ("to", JSON, FALSE, NULL, N_("To value"), N_("Only when the new value is this")),
};

static const CairnFieldSpec starter_past_fields[] = {
  FIELD ("segment", PREDICATE, TRUE, NULL, N_("Segment"), N_("Users who match enter")),
  FIELD ("time", TIME_OF_DAY, FALSE, "\"01:00\"", N_("Check at (UTC)"), NULL),
};

static const CairnFieldSpec wait_duration_fields[] = {
  FIELD ("duration", DURATION, TRUE, "\"P1D\"", N_("Wait for"), NULL),
};

static const CairnFieldSpec wait_time_fields[] = {
  FIELD ("time", TIME_OF_DAY, TRUE, "\"09:00\"", N_("Until"), N_("Local time in the journey's time zone")),
  FIELD ("days", DAYS, FALSE, NULL, N_("On days"), N_("Any day when empty")),
};

static const CairnFieldSpec wait_event_fields[] = {
  FIELD ("event", EVENT_NAME, TRUE, NULL, N_("Event"), NULL),
  FIELD ("where", PREDICATE, FALSE, NULL, N_("Event filter"), NULL),
  FIELD ("timeout", DURATION, TRUE, "\"P3D\"", N_("Give up after"), NULL),
};

static const CairnFieldSpec check_fields[] = {
  FIELD ("tabs", TABS, TRUE, "[]", N_("Tabs"), N_("The first tab whose condition holds is taken, else “else”")),
};

static const CairnFieldSpec reachability_fields[] = {
  FIELD ("channels", CHANNELS, TRUE, "[\"email\"]", N_("Channels"), N_("The first channel the user is reachable on is taken")),
};

static const CairnFieldSpec interaction_fields[] = {
  FIELD ("message", NODE_REF, TRUE, NULL, N_("Message"), N_("A message node earlier in the journey")),
  ENUM_FIELD ("interaction", TRUE, "\"clicked\"", interactions, N_("Interaction"), NULL),
  FIELD ("within", DURATION, FALSE, NULL, N_("Within"), N_("Of the send; any time when empty")),
};

static const CairnFieldSpec split_fields[] = {
  FIELD ("variants", VARIANTS, TRUE,
         "[{\"id\":\"A\",\"name\":\"A\",\"weight\":50},{\"id\":\"B\",\"name\":\"B\",\"weight\":50}]",
         N_("Variants"), NULL),
  FIELD ("autowinner", AUTOWINNER, FALSE, NULL, N_("Autowinner"), N_("Send every later user to the best variant")),
};

static const CairnFieldSpec nbc_fields[] = {
  FIELD ("channels", CHANNELS, TRUE, "[\"email\",\"web_push\"]", N_("Channels"), N_("The reachable channel with the best engagement is taken")),
};

static const CairnFieldSpec email_fields[] = {
  FIELD ("subject", TEMPLATE, TRUE, "\"\"", N_("Subject"), NULL),
  FIELD ("body", TEMPLATE, TRUE, "\"\"", N_("Body"), N_("HTML; values are escaped unless written {{{like_this}}}")),
  FIELD ("recommendations", RECOMMENDATIONS, FALSE, NULL, N_("Recommended products"), NULL),
};

static const CairnFieldSpec text_fields[] = {
  FIELD ("text", TEMPLATE, TRUE, "\"\"", N_("Text"), NULL),
  FIELD ("recommendations", RECOMMENDATIONS, FALSE, NULL, N_("Recommended products"), NULL),
};

static const CairnFieldSpec push_fields[] = {
  FIELD ("title", TEMPLATE, TRUE, "\"\"", N_("Title"), NULL),
  FIELD ("body", TEMPLATE, TRUE, "\"\"", N_("Body"), NULL),
  FIELD ("url", TEMPLATE, FALSE, NULL, N_("Link"), NULL),
  FIELD ("image", TEMPLATE, FALSE, NULL, N_("Image"), NULL),
  FIELD ("recommendations", RECOMMENDATIONS, FALSE, NULL, N_("Recommended products"), NULL),
};

static const CairnFieldSpec banner_fields[] = {
  FIELD ("title", TEMPLATE, TRUE, "\"\"", N_("Title"), NULL),
  FIELD ("body", TEMPLATE, TRUE, "\"\"", N_("Body"), NULL),
  FIELD ("recommendations", RECOMMENDATIONS, FALSE, NULL, N_("Recommended products"), NULL),
};

static const CairnFieldSpec audience_fields[] = {
  FIELD ("audience", STRING, TRUE, "\"\"", N_("Audience"), N_("The Facebook custom audience")),
  ENUM_FIELD ("action", TRUE, "\"add\"", audience_actions, N_("Action"), NULL),
};

static const CairnFieldSpec set_attribute_fields[] = {
  FIELD ("attribute", ATTRIBUTE, TRUE, NULL, N_("Attribute"), NULL),
  FIELD ("value", JSON, TRUE, "\"\"", N_("Value"), N_("Any JSON value; text is a template; null removes the attribute")),
};

/* The kinds' behaviour, each in its category file (cairn-kind-*.c) */
extern const CairnNodeKindOps cairn_kind_starter_event_ops;
extern const CairnNodeKindOps cairn_kind_starter_website_action_ops;
extern const CairnNodeKindOps cairn_kind_starter_dynamic_date_ops;
extern const CairnNodeKindOps cairn_kind_starter_attribute_change_ops;
extern const CairnNodeKindOps cairn_kind_starter_past_behavior_ops;
extern const CairnNodeKindOps cairn_kind_wait_duration_ops;
extern const CairnNodeKindOps cairn_kind_wait_until_time_ops;
extern const CairnNodeKindOps cairn_kind_wait_until_event_ops;
extern const CairnNodeKindOps cairn_kind_condition_check_ops;
extern const CairnNodeKindOps cairn_kind_condition_reachability_ops;
extern const CairnNodeKindOps cairn_kind_condition_interaction_ops;
extern const CairnNodeKindOps cairn_kind_next_best_channel_ops;
extern const CairnNodeKindOps cairn_kind_split_ab_ops;
extern const CairnNodeKindOps cairn_kind_message_ops;
extern const CairnNodeKindOps cairn_kind_message_email_ops;
extern const CairnNodeKindOps cairn_kind_audience_ops;
extern const CairnNodeKindOps cairn_kind_set_attribute_ops;
extern const CairnNodeKindOps cairn_kind_exit_ops;


/* A row: type, category, name, description, icon, channel, starter, daily,
 * message, fields, fixed ports, ports field, final port, id prefix, wait,
 * exit, ops (the kind's behaviour, in its category file). */
#define KIND(t, cat, n, d, icon, ch, starter, daily, msg, fields, fixed, pf, fin, prefix, wait, exit, ops) \
  { t, CAIRN_CATEGORY_##cat, n, d, icon, ch, starter, daily, msg, fields, G_N_ELEMENTS (fields), fixed, pf, fin, \
    prefix, wait, exit, &ops }
#define KIND0(t, cat, n, d, icon, fixed, prefix, wait, exit, ops) \
  { t, CAIRN_CATEGORY_##cat, n, d, icon, NULL, FALSE, FALSE, FALSE, NULL, 0, fixed, NULL, NULL, prefix, wait, exit, &ops }

/* Starters and flow */
static const CairnNodeKind kinds_before[] = {
  KIND ("starter.event", STARTER, N_("On event"), N_("Users enter when they do something, such as a purchase"),
        "media-playback-start-symbolic", NULL, TRUE, FALSE, FALSE, starter_event_fields, port_out, NULL, NULL,
        "start", FALSE, FALSE, cairn_kind_starter_event_ops),
  KIND ("starter.website_action", STARTER, N_("Website action"), N_("Users enter on an action seen on the website"),
        "web-browser-symbolic", NULL, TRUE, FALSE, FALSE, starter_website_fields, port_out, NULL, NULL,
        "start", FALSE, FALSE, cairn_kind_starter_website_action_ops),
  KIND ("starter.dynamic_date", STARTER, N_("On a date"), N_("Users enter on or after a date of theirs, checked daily"),
        "x-office-calendar-symbolic", NULL, TRUE, TRUE, FALSE, starter_dynamic_fields, port_out, NULL, NULL,
        "start", FALSE, FALSE, cairn_kind_starter_dynamic_date_ops),
  KIND ("starter.attribute_change", STARTER, N_("Attribute change"), N_("Users enter when an attribute of theirs changes"),
        "document-edit-symbolic", NULL, TRUE, FALSE, FALSE, starter_attribute_fields, port_out, NULL, NULL,
        "start", FALSE, FALSE, cairn_kind_starter_attribute_change_ops),
  KIND ("starter.past_behavior", STARTER, N_("Past behaviour"), N_("Users in a segment enter, checked daily"),
        "document-open-recent-symbolic", NULL, TRUE, TRUE, FALSE, starter_past_fields, port_out, NULL, NULL,
        "start", FALSE, FALSE, cairn_kind_starter_past_behavior_ops),
  KIND ("wait.duration", FLOW, N_("Wait"), N_("Pause for a fixed time"),
        "alarm-symbolic", NULL, FALSE, FALSE, FALSE, wait_duration_fields, port_out, NULL, NULL,
        "wait", TRUE, FALSE, cairn_kind_wait_duration_ops),
  KIND ("wait.until_time", FLOW, N_("Wait until time"), N_("Pause until a time of day, on chosen days"),
        "preferences-system-time-symbolic", NULL, FALSE, FALSE, FALSE, wait_time_fields, port_out, NULL, NULL,
        "wait", TRUE, FALSE, cairn_kind_wait_until_time_ops),
  KIND ("wait.until_event", FLOW, N_("Wait for event"), N_("Pause until the user does something, or give up"),
        "emblem-synchronizing-symbolic", NULL, FALSE, FALSE, FALSE, wait_event_fields, port_until_event, NULL, NULL,
        "wait", TRUE, FALSE, cairn_kind_wait_until_event_ops),
  KIND ("condition.check", FLOW, N_("Check conditions"), N_("Branch on attributes, event details and history"),
        "dialog-question-symbolic", NULL, FALSE, FALSE, FALSE, check_fields, NULL, "tabs", "else",
        "check", FALSE, FALSE, cairn_kind_condition_check_ops),
  KIND ("condition.reachability", FLOW, N_("Check reachability"), N_("Branch on the first channel the user can be reached on"),
        "network-wireless-symbolic", NULL, FALSE, FALSE, FALSE, reachability_fields, NULL, "channels", "unreachable",
        "reachability", FALSE, FALSE, cairn_kind_condition_reachability_ops),
  KIND ("condition.interaction", FLOW, N_("Check interaction"), N_("Branch on whether a message was delivered, opened or clicked"),
        "input-mouse-symbolic", NULL, FALSE, FALSE, FALSE, interaction_fields, port_yes_no, NULL, NULL,
        "interaction", FALSE, FALSE, cairn_kind_condition_interaction_ops),
  KIND ("split.ab", FLOW, N_("A/B split"), N_("Send users down variants by weight, optionally picking a winner"),
        "view-dual-symbolic", NULL, FALSE, FALSE, FALSE, split_fields, NULL, "variants", NULL,
        "split", FALSE, FALSE, cairn_kind_split_ab_ops),
  KIND ("next_best_channel", FLOW, N_("Next best channel"), N_("Branch on the reachable channel the user engages with most"),
        "starred-symbolic", NULL, FALSE, FALSE, FALSE, nbc_fields, NULL, "channels", "unreachable",
        "best_channel", FALSE, FALSE, cairn_kind_next_best_channel_ops),
};

/* Channels: one row per channel, in DESIGN §2 order */
static const CairnNodeKind channel_kinds[] = {
  KIND ("message.email", CHANNEL, N_("Email"), N_("Send an email, optionally with recommended products"),
        "mail-unread-symbolic", "email", FALSE, FALSE, TRUE, email_fields, port_message, NULL, NULL,
        "email", FALSE, FALSE, cairn_kind_message_email_ops),
  KIND ("message.sms", CHANNEL, N_("SMS"), N_("Send a text message"),
        "mail-send-symbolic", "sms", FALSE, FALSE, TRUE, text_fields, port_message, NULL, NULL,
        "sms", FALSE, FALSE, cairn_kind_message_ops),
  KIND ("message.web_push", CHANNEL, N_("Web push"), N_("Send a browser notification"),
        "preferences-system-notifications-symbolic", "web_push", FALSE, FALSE, TRUE, push_fields, port_message, NULL, NULL,
        "web_push", FALSE, FALSE, cairn_kind_message_ops),
  KIND ("message.app_push", CHANNEL, N_("App push"), N_("Send a mobile app notification"),
        "phone-symbolic", "app_push", FALSE, FALSE, TRUE, push_fields, port_message, NULL, NULL,
        "app_push", FALSE, FALSE, cairn_kind_message_ops),
  KIND ("message.onsite", CHANNEL, N_("On-site"), N_("Show a banner or recommendations on the website"),
        "web-browser-symbolic", "onsite", FALSE, FALSE, TRUE, banner_fields, port_message, NULL, NULL,
        "onsite", FALSE, FALSE, cairn_kind_message_ops),
  KIND ("message.inapp", CHANNEL, N_("In-app"), N_("Show a message inside the mobile app"),
        "view-app-grid-symbolic", "inapp", FALSE, FALSE, TRUE, banner_fields, port_message, NULL, NULL,
        "inapp", FALSE, FALSE, cairn_kind_message_ops),
  KIND ("message.whatsapp", CHANNEL, N_("WhatsApp"), N_("Send a WhatsApp message"),
        "user-available-symbolic", "whatsapp", FALSE, FALSE, TRUE, text_fields, port_message, NULL, NULL,
        "whatsapp", FALSE, FALSE, cairn_kind_message_ops),
  KIND ("audience.facebook", CHANNEL, N_("Facebook audience"), N_("Add users to or remove them from a custom audience"),
        "system-users-symbolic", "facebook_audience", FALSE, FALSE, TRUE, audience_fields, port_message, NULL, NULL,
        "facebook", FALSE, FALSE, cairn_kind_audience_ops),
};

G_STATIC_ASSERT (G_N_ELEMENTS (channel_kinds) == CAIRN_N_CHANNELS);
G_STATIC_ASSERT (CAIRN_N_CHANNELS <= 32);   /* channel bit masks (portfolio caps) */

/* Actions and exits */
static const CairnNodeKind kinds_after[] = {
  KIND ("action.set_attribute", ACTION, N_("Set attribute"), N_("Change a user attribute"),
        "document-properties-symbolic", NULL, FALSE, FALSE, FALSE, set_attribute_fields, port_out, NULL, NULL,
        "set_attribute", FALSE, FALSE, cairn_kind_set_attribute_ops),
  KIND0 ("exit", ACTION, N_("Exit"), N_("Users leave the journey here"), "process-stop-symbolic", port_none,
        "exit", FALSE, TRUE, cairn_kind_exit_ops),
};

#define N_KINDS (G_N_ELEMENTS (kinds_before) + G_N_ELEMENTS (channel_kinds) + G_N_ELEMENTS (kinds_after))

static const CairnNodeKind * const *
kind_pointers (void)
{
  static const CairnNodeKind *pointers[N_KINDS];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      guint n = 0;

      for (gsize i = 0; i < G_N_ELEMENTS (kinds_before); i++)
        pointers[n++] = &kinds_before[i];
      for (gsize i = 0; i < G_N_ELEMENTS (channel_kinds); i++)
        pointers[n++] = &channel_kinds[i];
      for (gsize i = 0; i < G_N_ELEMENTS (kinds_after); i++)
        pointers[n++] = &kinds_after[i];
      g_once_init_leave (&done, 1);
    }
  return pointers;
}

const char * const *
cairn_channels (void)
{
  static const char *channels[CAIRN_N_CHANNELS + 1];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < CAIRN_N_CHANNELS; i++)
        channels[i] = channel_kinds[i].channel;
      g_once_init_leave (&done, 1);
    }
  return channels;
}

int
cairn_channel_index (const char *channel)
{
  if (channel == NULL)
    return -1;
  for (int i = 0; i < CAIRN_N_CHANNELS; i++)
    if (strcmp (channel_kinds[i].channel, channel) == 0)
      return i;
  return -1;
}

char *
cairn_channels_text (const char *last)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < CAIRN_N_CHANNELS; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == CAIRN_N_CHANNELS && last ? last : ", ");
      g_string_append (out, channel_kinds[i].channel);
    }
  return g_string_free (out, FALSE);
}

const CairnNodeKind *
cairn_registry_lookup_channel (const char *channel)
{
  int i = cairn_channel_index (channel);

  return i >= 0 ? &channel_kinds[i] : NULL;
}

const CairnNodeKind *
cairn_registry_lookup (const char *type)
{
  const CairnNodeKind * const *all = kind_pointers ();

  if (type == NULL)
    return NULL;
  for (gsize i = 0; i < N_KINDS; i++)
    if (strcmp (all[i]->type, type) == 0)
      return all[i];
  return NULL;
}

const CairnNodeKind * const *
cairn_registry_all (guint *n_kinds)
{
  if (n_kinds)
    *n_kinds = N_KINDS;
  return kind_pointers ();
}

const char *
cairn_category_name (CairnCategory category)
{
  switch (category)
    {
    case CAIRN_CATEGORY_STARTER: return _("Starters");
    case CAIRN_CATEGORY_FLOW: return _("Flow");
    case CAIRN_CATEGORY_CHANNEL: return _("Channels");
    case CAIRN_CATEGORY_ACTION: return _("Actions & exits");
    default: return "";
    }
}

const CairnFieldSpec *
cairn_node_kind_find_field (const CairnNodeKind *kind,
                            const char          *name)
{
  for (guint i = 0; kind && i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, name) == 0)
      return &kind->fields[i];
  return NULL;
}

void
cairn_port_free (CairnPort *port)
{
  if (port == NULL)
    return;
  g_free (port->id);
  g_free (port->label);
  g_free (port);
}

/* The word shown beside a port that has no name of its own: in English the
 * id itself, which is what edges and the JSON use; translated elsewhere. */
static const char * const port_words[] = {
  NC_("port", "out"), NC_("port", "failed"), NC_("port", "event"), NC_("port", "timeout"),
  NC_("port", "yes"), NC_("port", "no"), NC_("port", "else"), NC_("port", "unreachable"),
  NC_("port", "email"), NC_("port", "sms"), NC_("port", "web_push"), NC_("port", "app_push"),
  NC_("port", "onsite"), NC_("port", "inapp"), NC_("port", "whatsapp"), NC_("port", "facebook_audience"),
};

static const char *
port_word (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (port_words); i++)
    if (strcmp (id, port_words[i]) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "port", port_words[i]);
  return id;
}

static void
add_port (GPtrArray  *ports,
          const char *id,
          const char *label)
{
  CairnPort *port = g_new0 (CairnPort, 1);
  port->id = g_strdup (id);
  port->label = g_strdup (label ? label : id);
  g_ptr_array_add (ports, port);
}

GPtrArray *
cairn_node_kind_ports (const CairnNodeKind *kind,
                       JsonObject          *config)
{
  GPtrArray *ports = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_port_free);
  JsonArray *list;

  if (kind == NULL)
    return ports;
  if (kind->fixed_ports != NULL)
    {
      for (guint i = 0; kind->fixed_ports[i]; i++)
        add_port (ports, kind->fixed_ports[i], port_word (kind->fixed_ports[i]));
      return ports;
    }

  list = cairn_json_get_array (config, kind->ports_field);
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *entry = json_node_get_object (element);
          const char *id = cairn_json_get_string (entry, "id");
          const char *name = cairn_json_get_string (entry, "name");
          if (id != NULL)
            add_port (ports, id, name);
        }
      else if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        add_port (ports, json_node_get_string (element), port_word (json_node_get_string (element)));
    }
  if (kind->final_port != NULL)
    add_port (ports, kind->final_port, port_word (kind->final_port));
  return ports;
}

const char *
cairn_node_kind_html_field (const CairnNodeKind *kind)
{
  return kind && kind->ops ? kind->ops->html_field : NULL;
}

gboolean
cairn_node_kind_sends_text (const CairnNodeKind *kind)
{
  return kind && kind->is_message && kind->ops && kind->ops->write_message == NULL;
}

JsonObject *
cairn_node_kind_new_config (const CairnNodeKind *kind)
{
  JsonObject *config = json_object_new ();

  for (guint i = 0; kind && i < kind->n_fields; i++)
    {
      const CairnFieldSpec *field = &kind->fields[i];
      JsonNode *value;

      if (field->default_json == NULL)
        continue;
      value = cairn_json_parse (field->default_json, strlen (field->default_json), NULL, NULL, NULL);
      g_assert (value != NULL);
      json_object_set_member (config, field->name, value);
    }
  return config;
}
