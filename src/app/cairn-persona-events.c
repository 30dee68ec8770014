/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-duration-row.h"
#include "cairn-json.h"
#include "cairn-persona-rows.h"
#include "cairn-time.h"

/* A scripted person's events (at a time, after the start, after a message)
 * and a generated persona's event processes. */

enum { WHEN_AT, WHEN_AFTER_START, WHEN_AFTER_MESSAGE };

typedef struct
{
  CairnPersonaEditor *editor;
  JsonObject         *owner;
  JsonObject         *event;
  gboolean            generated;
  GtkWidget          *expander;
  GtkWidget          *when;
  GtkWidget          *at_row;
  GtkWidget          *offset_row;
  GtkWidget          *message_row;
  GtkWidget          *delay_row;
  GPtrArray          *message_ids;
  gboolean            updating;
} EventRow;

static void
event_row_free (EventRow *row)
{
  json_object_unref (row->owner);
  json_object_unref (row->event);
  g_clear_pointer (&row->message_ids, g_ptr_array_unref);
  g_free (row);
}

static guint
event_when (JsonObject *event)
{
  const char *at = cairn_json_get_string (event, "at");

  if (json_object_has_member (event, "after_message"))
    return WHEN_AFTER_MESSAGE;
  if (at != NULL && (at[0] == 'P' || at[0] == 'p'))
    return WHEN_AFTER_START;
  return WHEN_AT;
}

static void
event_update_title (EventRow *row)
{
  const char *name = cairn_json_get_string (row->event, "name");
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 name && *name ? name : _("Unnamed event"));
  if (row->generated)
    {
      double rate = 0;
      cairn_json_get_number (row->event, "rate_per_day", &rate);
      subtitle = g_strdup_printf (_("%g a day on average"), rate);
    }
  else
    switch (event_when (row->event))
      {
      case WHEN_AT:
        subtitle = g_strdup_printf (_("At %s"), cairn_json_get_string (row->event, "at") ?: "");
        break;
      case WHEN_AFTER_START:
        subtitle = g_strdup_printf (_("%s after the start"), cairn_json_get_string (row->event, "at"));
        break;
      default:
        subtitle = g_strdup_printf (_("%s after message %s is sent"),
                                    cairn_json_get_string (row->event, "delay") ?: "PT0S",
                                    cairn_json_get_string (row->event, "after_message") ?: "?");
      }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), subtitle);
}

static void
event_show_when (EventRow *row)
{
  guint when = event_when (row->event);

  gtk_widget_set_visible (row->at_row, when == WHEN_AT);
  gtk_widget_set_visible (row->offset_row, when == WHEN_AFTER_START);
  gtk_widget_set_visible (row->message_row, when == WHEN_AFTER_MESSAGE);
  gtk_widget_set_visible (row->delay_row, when == WHEN_AFTER_MESSAGE);
}

static void
event_edited (EventRow *row)
{
  _cairn_persona_editor_touch (row->editor);
  event_update_title (row);
}

static void
on_event_name (GtkEditable *editable,
               EventRow    *row)
{
  const char *text = gtk_editable_get_text (editable);

  cairn_persona_set_error (GTK_WIDGET (editable), *text == '\0');
  if (*text == '\0')
    return;
  json_object_set_string_member (row->event, "name", text);
  event_edited (row);
}

static void
on_event_platform (GtkEditable *editable,
                   EventRow    *row)
{
  const char *text = gtk_editable_get_text (editable);

  if (*text == '\0')
    json_object_remove_member (row->event, "platform");
  else if (*text == '{')
    {
      JsonNode *node = cairn_persona_parse_generator (text);
      cairn_persona_set_error (GTK_WIDGET (editable), node == NULL);
      if (node == NULL)
        return;
      json_object_set_member (row->event, "platform", node);
    }
  else
    json_object_set_string_member (row->event, "platform", text);
  cairn_persona_set_error (GTK_WIDGET (editable), FALSE);
  event_edited (row);
}

static void
on_event_at (GtkEditable *editable,
             EventRow    *row)
{
  const char *text = gtk_editable_get_text (editable);
  CairnTime time;
  gboolean ok = cairn_time_parse (text, &time, NULL);

  cairn_persona_set_error (GTK_WIDGET (editable), !ok);
  if (!ok || row->updating)
    return;
  json_object_set_string_member (row->event, "at", text);
  event_edited (row);
}

static void
on_event_duration (CairnDurationRow *duration,
                   EventRow         *row)
{
  /* "at" after the start, or "delay" after a message */
  const char *member = GTK_WIDGET (duration) == row->offset_row ? "at" : "delay";
  g_autofree char *value = cairn_duration_row_get_value (duration);

  if (row->updating)
    return;
  json_object_set_string_member (row->event, member, value);
  event_edited (row);
}

static void
on_event_message (AdwComboRow *combo,
                  GParamSpec  *pspec,
                  EventRow    *row)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (row->updating || selected >= row->message_ids->len)
    return;
  json_object_set_string_member (row->event, "after_message", row->message_ids->pdata[selected]);
  event_edited (row);
}

static void
select_message (EventRow *row)
{
  const char *node = cairn_json_get_string (row->event, "after_message");

  for (guint i = 0; i < row->message_ids->len; i++)
    if (g_strcmp0 (node, row->message_ids->pdata[i]) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row->message_row), i);
}

static void
on_event_when (AdwComboRow *combo,
               GParamSpec  *pspec,
               EventRow    *row)
{
  guint when = adw_combo_row_get_selected (combo);
  g_autofree char *offset = NULL;
  g_autofree char *delay = NULL;

  if (row->updating || when == event_when (row->event))
    return;
  json_object_remove_member (row->event, "at");
  json_object_remove_member (row->event, "after_message");
  json_object_remove_member (row->event, "delay");
  row->updating = TRUE;
  switch (when)
    {
    case WHEN_AT:
      json_object_set_string_member (row->event, "at", _cairn_persona_editor_start (row->editor));
      gtk_editable_set_text (GTK_EDITABLE (row->at_row), _cairn_persona_editor_start (row->editor));
      break;
    case WHEN_AFTER_START:
      offset = cairn_duration_row_get_value (CAIRN_DURATION_ROW (row->offset_row));
      json_object_set_string_member (row->event, "at", offset);
      break;
    default:
      delay = cairn_duration_row_get_value (CAIRN_DURATION_ROW (row->delay_row));
      json_object_set_string_member (row->event, "after_message",
                                     row->message_ids->len ? row->message_ids->pdata[0] : "");
      json_object_set_string_member (row->event, "delay", delay);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row->message_row), 0);
    }
  row->updating = FALSE;
  event_show_when (row);
  event_edited (row);
}

static void
on_event_rate (GtkSpinButton *spin,
               EventRow      *row)
{
  cairn_persona_set_number (row->event, "rate_per_day", gtk_spin_button_get_value (spin));
  event_edited (row);
}

static void
on_event_remove (GtkButton *button,
                 EventRow  *row)
{
  JsonArray *events = cairn_json_get_array (row->owner, "events");

  for (guint i = 0; events && i < json_array_get_length (events); i++)
    if (cairn_persona_object_at (events, i) == row->event)
      {
        json_array_remove_element (events, i);
        break;
      }
  _cairn_persona_editor_touch (row->editor);
  _cairn_persona_editor_queue_rebuild (row->editor);
}

static GtkWidget *
event_row_new (CairnPersonaEditor *editor,
               JsonObject         *owner,
               JsonObject         *event,
               guint               index,
               gboolean            generated)
{
  EventRow *row = g_new0 (EventRow, 1);
  g_autofree char *prefix = g_strdup_printf ("event%u", index);
  g_autofree char *name_name = g_strconcat (prefix, "-name", NULL);
  g_autofree char *platform_name = g_strconcat (prefix, "-platform", NULL);
  g_autofree char *params_name = g_strconcat (prefix, "-params", NULL);
  JsonNode *platform = json_object_get_member (event, "platform");
  g_autofree char *platform_text = NULL;
  GtkWidget *name, *platform_row, *remove;
  CairnPersonaKvSpec params = { "params", generated, NULL, params_name, "param", _("Parameters"), _("Add Parameter") };

  row->editor = editor;
  row->owner = json_object_ref (owner);
  row->event = json_object_ref (event);
  row->generated = generated;
  row->expander = adw_expander_row_new ();
  gtk_widget_set_name (row->expander, prefix);
  g_object_set_data_full (G_OBJECT (row->expander), "event-row", row, (GDestroyNotify) event_row_free);

  remove = cairn_persona_icon_button ("user-trash-symbolic", _("Remove Event"), NULL);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_event_remove), row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), remove);

  name = cairn_persona_entry_row (_("Event name"), cairn_json_get_string (event, "name"), name_name);
  g_signal_connect (name, "changed", G_CALLBACK (on_event_name), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), name);

  if (generated)
    {
      GtkWidget *rate_row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 1000, 0.01);
      double rate = 0;
      g_autofree char *rate_name = g_strconcat (prefix, "-rate", NULL);

      cairn_json_get_number (event, "rate_per_day", &rate);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rate_row), _("Events per day"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (rate_row), _("On average, for each person; at random times"));
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 3);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), rate);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_name (spin, rate_name);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_event_rate), row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (rate_row), spin);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), rate_row);
    }
  else
    {
      static const char *whens[] = { N_("At a time"), N_("After the start"), N_("After a message"), NULL };
      g_autoptr(GtkStringList) when_list = gtk_string_list_new (NULL);
      g_autoptr(GtkStringList) titles = NULL;
      const char *at = cairn_json_get_string (event, "at");
      const char *node = cairn_json_get_string (event, "after_message");
      const char *delay = cairn_json_get_string (event, "delay");
      g_autofree char *when_name = g_strconcat (prefix, "-when", NULL);
      g_autofree char *at_name = g_strconcat (prefix, "-at", NULL);
      g_autofree char *offset_name = g_strconcat (prefix, "-offset", NULL);
      g_autofree char *message_name = g_strconcat (prefix, "-message", NULL);
      g_autofree char *delay_name = g_strconcat (prefix, "-delay", NULL);
      guint when = event_when (event);
      gboolean known = FALSE;

      row->updating = TRUE;
      for (guint i = 0; whens[i]; i++)
        gtk_string_list_append (when_list, _(whens[i]));
      row->when = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->when), _("When"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row->when), G_LIST_MODEL (when_list));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row->when), when);
      gtk_widget_set_name (row->when, when_name);
      g_signal_connect (row->when, "notify::selected", G_CALLBACK (on_event_when), row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->when);

      row->at_row = cairn_persona_entry_row (_("Time (RFC 3339)"), when == WHEN_AT ? at : _cairn_persona_editor_start (editor), at_name);
      g_signal_connect (row->at_row, "changed", G_CALLBACK (on_event_at), row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->at_row);

      row->offset_row = cairn_duration_row_new (_("After the start"), when == WHEN_AFTER_START ? at : "PT1H");
      gtk_widget_set_name (row->offset_row, offset_name);
      g_signal_connect (row->offset_row, "changed", G_CALLBACK (on_event_duration), row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->offset_row);

      /* The node picker offers the journey's message nodes, and keeps a
         node it does not know rather than change it. */
      row->message_ids = _cairn_persona_editor_message_nodes (editor, &titles);
      for (guint i = 0; i < row->message_ids->len; i++)
        known |= g_strcmp0 (node, row->message_ids->pdata[i]) == 0;
      if (node != NULL && !known)
        {
          g_autofree char *title = g_strdup_printf (_("%s (not in this journey)"), node);
          g_ptr_array_add (row->message_ids, g_strdup (node));
          gtk_string_list_append (titles, title);
        }
      row->message_row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->message_row), _("Message"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->message_row), _("Happens only if this message is sent"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row->message_row), G_LIST_MODEL (titles));
      gtk_widget_set_name (row->message_row, message_name);
      select_message (row);
      g_signal_connect (row->message_row, "notify::selected", G_CALLBACK (on_event_message), row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->message_row);

      row->delay_row = cairn_duration_row_new (_("Delay after the first send"), delay ? delay : "PT1H");
      gtk_widget_set_name (row->delay_row, delay_name);
      g_signal_connect (row->delay_row, "changed", G_CALLBACK (on_event_duration), row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->delay_row);
      event_show_when (row);
      row->updating = FALSE;
    }

  if (platform && JSON_NODE_HOLDS_VALUE (platform) && json_node_get_value_type (platform) == G_TYPE_STRING)
    platform_text = g_strdup (json_node_get_string (platform));
  else if (platform && !JSON_NODE_HOLDS_NULL (platform))
    platform_text = cairn_json_to_string (platform, FALSE);
  platform_row = cairn_persona_entry_row (_("Platform (web, ios, android, offline, api)"), platform_text, platform_name);
  g_signal_connect (platform_row, "changed", G_CALLBACK (on_event_platform), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), platform_row);

  cairn_persona_kv_fill (editor, row->expander, event, &params);
  event_update_title (row);
  return row->expander;
}

typedef struct
{
  CairnPersonaEditor *editor;
  JsonObject         *owner;
  GtkWidget          *group;
  gboolean            generated;
} EventList;

static void
event_list_free (EventList *list)
{
  json_object_unref (list->owner);
  g_free (list);
}

static void
on_event_add (GtkButton *button,
              EventList *list)
{
  JsonArray *events = cairn_json_get_array (list->owner, "events");
  JsonObject *event = json_object_new ();
  GtkWidget *row;

  if (events == NULL)
    {
      events = json_array_new ();
      json_object_set_array_member (list->owner, "events", events);
    }
  if (list->generated)
    {
      json_object_set_string_member (event, "name", "purchase");
      json_object_set_double_member (event, "rate_per_day", 0.1);
    }
  else
    {
      json_object_set_string_member (event, "at", "PT1H");
      json_object_set_string_member (event, "name", "purchase");
    }
  json_array_add_object_element (events, event);
  _cairn_persona_editor_touch (list->editor);
  row = event_row_new (list->editor, list->owner, event, json_array_get_length (events) - 1, list->generated);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (list->group), row);
}

void
cairn_persona_events_fill (CairnPersonaEditor *editor,
                           GtkWidget          *group,
                           JsonObject         *owner,
                           gboolean            generated)
{
  JsonArray *events = cairn_json_get_array (owner, "events");
  JsonNode *node = json_object_get_member (owner, "events");
  EventList *list = g_new0 (EventList, 1);
  GtkWidget *add = cairn_persona_icon_button ("list-add-symbolic", _("Add Event"), "event-add");

  list->editor = editor;
  list->owner = json_object_ref (owner);
  list->group = group;
  list->generated = generated;
  g_object_set_data_full (G_OBJECT (add), "event-list", list, (GDestroyNotify) event_list_free);
  g_signal_connect (add, "clicked", G_CALLBACK (on_event_add), list);
  cairn_persona_keep_as_written (add, node && events == NULL ? node : NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  for (guint i = 0; events && i < json_array_get_length (events); i++)
    {
      JsonObject *event = cairn_persona_object_at (events, i);
      if (event != NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), event_row_new (editor, owner, event, i, generated));
    }
}
