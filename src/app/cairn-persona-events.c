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
  CairnPersona       *owner;
  CairnScenarioEvent *event;
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

/* With the expander that shows it */
static void
event_row_free (gpointer  data,
                GObject  *expander)
{
  EventRow *row = data;

  g_object_unref (row->owner);
  g_object_unref (row->event);
  g_clear_pointer (&row->message_ids, g_ptr_array_unref);
  g_free (row);
}

static guint
event_when (CairnScenarioEvent *event)
{
  const char *at = cairn_scenario_event_get_at (event);

  if (cairn_scenario_event_get_after_message (event) || cairn_scenario_event_get_kept (event, "after_message"))
    return WHEN_AFTER_MESSAGE;
  if (at != NULL && (at[0] == 'P' || at[0] == 'p'))
    return WHEN_AFTER_START;
  return WHEN_AT;
}

static void
event_update_title (EventRow *row)
{
  const char *name = cairn_scenario_event_get_name (row->event);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 name && *name ? name : _("Unnamed event"));
  if (row->generated)
    {
      subtitle = g_strdup_printf (_("%g a day on average"), cairn_scenario_event_get_rate_per_day (row->event));
    }
  else
    switch (event_when (row->event))
      {
      case WHEN_AT:
        subtitle = g_strdup_printf (_("At %s"), cairn_scenario_event_get_at (row->event) ?: "");
        break;
      case WHEN_AFTER_START:
        subtitle = g_strdup_printf (_("%s after the start"), cairn_scenario_event_get_at (row->event));
        break;
      default:
        subtitle = g_strdup_printf (_("%s after message %s is sent"),
                                    cairn_scenario_event_get_delay (row->event) ?: "PT0S",
                                    cairn_scenario_event_get_after_message (row->event) ?: "?");
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
  cairn_scenario_event_set_name (row->event, text);
  event_edited (row);
}

static void
on_event_platform (GtkEditable *editable,
                   EventRow    *row)
{
  const char *text = gtk_editable_get_text (editable);

  if (*text == '\0')
    cairn_scenario_event_set_platform (row->event, NULL);
  else if (*text == '{')
    {
      JsonNode *node = cairn_persona_parse_generator (text);
      cairn_persona_set_error (GTK_WIDGET (editable), node == NULL);
      if (node == NULL)
        return;
      cairn_scenario_event_set_platform (row->event, node);
    }
  else
    cairn_scenario_event_set_platform (row->event, json_node_init_string (json_node_alloc (), text));
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
  cairn_scenario_event_set_at (row->event, text);
  event_edited (row);
}

static void
on_event_duration (CairnDurationRow *duration,
                   EventRow         *row)
{
  g_autofree char *value = cairn_duration_row_get_value (duration);

  if (row->updating)
    return;
  /* "at" after the start, or "delay" after a message */
  if (GTK_WIDGET (duration) == row->offset_row)
    cairn_scenario_event_set_at (row->event, value);
  else
    cairn_scenario_event_set_delay (row->event, value);
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
  cairn_scenario_event_set_after_message (row->event, row->message_ids->pdata[selected]);
  event_edited (row);
}

static void
select_message (EventRow *row)
{
  const char *node = cairn_scenario_event_get_after_message (row->event);

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
  cairn_scenario_event_set_at (row->event, NULL);
  cairn_scenario_event_set_after_message (row->event, NULL);
  cairn_scenario_event_set_delay (row->event, NULL);
  row->updating = TRUE;
  switch (when)
    {
    case WHEN_AT:
      cairn_scenario_event_set_at (row->event, _cairn_persona_editor_start (row->editor));
      gtk_editable_set_text (GTK_EDITABLE (row->at_row), _cairn_persona_editor_start (row->editor));
      break;
    case WHEN_AFTER_START:
      offset = cairn_duration_row_get_value (CAIRN_DURATION_ROW (row->offset_row));
      cairn_scenario_event_set_at (row->event, offset);
      break;
    default:
      delay = cairn_duration_row_get_value (CAIRN_DURATION_ROW (row->delay_row));
      cairn_scenario_event_set_after_message (row->event, row->message_ids->len ? row->message_ids->pdata[0] : "");
      cairn_scenario_event_set_delay (row->event, delay);
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
  cairn_scenario_event_set_rate_per_day (row->event, gtk_spin_button_get_value (spin));
  event_edited (row);
}

static void
on_event_remove (GtkButton *button,
                 EventRow  *row)
{
  cairn_persona_remove_event (row->owner, row->event);
  _cairn_persona_editor_touch (row->editor);
  _cairn_persona_editor_queue_rebuild (row->editor);
}

static void
rate_row (EventRow   *row,
          const char *prefix)
{
  GtkWidget *rate_row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1000, 0.01);
  g_autofree char *rate_name = g_strconcat (prefix, "-rate", NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rate_row), _("Events per day"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (rate_row), _("On average, for each person; at random times"));
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), cairn_scenario_event_get_rate_per_day (row->event));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, rate_name);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_event_rate), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (rate_row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), rate_row);
}

static GtkWidget *
named (GtkWidget  *widget,
       const char *prefix,
       const char *suffix)
{
  g_autofree char *name = g_strconcat (prefix, suffix, NULL);

  gtk_widget_set_name (widget, name);
  return widget;
}

/* The node picker offers the journey's message nodes, and keeps a node it
 * does not know rather than change it. */
static void
message_row (EventRow   *row,
             const char *prefix)
{
  const char *node = cairn_scenario_event_get_after_message (row->event);
  g_autoptr(GtkStringList) titles = NULL;
  gboolean known = FALSE;

  row->message_ids = _cairn_persona_editor_message_nodes (row->editor, &titles);
  for (guint i = 0; i < row->message_ids->len; i++)
    known |= g_strcmp0 (node, row->message_ids->pdata[i]) == 0;
  if (node != NULL && !known)
    {
      g_autofree char *title = g_strdup_printf (_("%s (not in this journey)"), node);
      g_ptr_array_add (row->message_ids, g_strdup (node));
      gtk_string_list_append (titles, title);
    }
  row->message_row = named (adw_combo_row_new (), prefix, "-message");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->message_row), _("Message"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->message_row), _("Happens only if this message is sent"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row->message_row), G_LIST_MODEL (titles));
  select_message (row);
  g_signal_connect (row->message_row, "notify::selected", G_CALLBACK (on_event_message), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->message_row);
}

static void
when_rows (EventRow   *row,
           const char *prefix)
{
  static const char *whens[] = { N_("At a time"), N_("After the start"), N_("After a message"), NULL };
  g_autoptr(GtkStringList) when_list = gtk_string_list_new (NULL);
  const char *at = cairn_scenario_event_get_at (row->event);
  const char *delay = cairn_scenario_event_get_delay (row->event);
  guint when = event_when (row->event);

  row->updating = TRUE;
  for (guint i = 0; whens[i]; i++)
    gtk_string_list_append (when_list, _(whens[i]));
  row->when = named (adw_combo_row_new (), prefix, "-when");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->when), _("When"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row->when), G_LIST_MODEL (when_list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row->when), when);
  g_signal_connect (row->when, "notify::selected", G_CALLBACK (on_event_when), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->when);

  row->at_row = cairn_persona_entry_row (_("Time (RFC 3339)"), when == WHEN_AT ? at : _cairn_persona_editor_start (row->editor),
                                         NULL);
  named (row->at_row, prefix, "-at");
  g_signal_connect (row->at_row, "changed", G_CALLBACK (on_event_at), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->at_row);

  row->offset_row = named (cairn_duration_row_new (_("After the start"), when == WHEN_AFTER_START ? at : "PT1H"),
                           prefix, "-offset");
  g_signal_connect (row->offset_row, "changed", G_CALLBACK (on_event_duration), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->offset_row);

  message_row (row, prefix);

  row->delay_row = named (cairn_duration_row_new (_("Delay after the first send"), delay ? delay : "PT1H"),
                          prefix, "-delay");
  g_signal_connect (row->delay_row, "changed", G_CALLBACK (on_event_duration), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->delay_row);
  event_show_when (row);
  row->updating = FALSE;
}

static void
platform_row (EventRow   *row,
              const char *prefix)
{
  JsonNode *platform = cairn_scenario_event_get_platform (row->event);
  g_autofree char *text = NULL;
  GtkWidget *entry;

  if (platform && JSON_NODE_HOLDS_VALUE (platform) && json_node_get_value_type (platform) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (platform));
  else if (platform && !JSON_NODE_HOLDS_NULL (platform))
    text = cairn_json_to_string (platform, FALSE);
  entry = named (cairn_persona_entry_row (_("Platform (web, ios, android, offline, api)"), text, NULL), prefix, "-platform");
  g_signal_connect (entry, "changed", G_CALLBACK (on_event_platform), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), entry);
}

static GtkWidget *
event_row_new (CairnPersonaEditor *editor,
               CairnPersona       *owner,
               CairnScenarioEvent *event,
               guint               index)
{
  EventRow *row = g_new0 (EventRow, 1);
  g_autofree char *prefix = g_strdup_printf ("event%u", index);
  g_autofree char *params_name = g_strconcat (prefix, "-params", NULL);
  GtkWidget *name, *remove;
  CairnPersonaKvSpec params = { cairn_persona_is_generated (owner), NULL, params_name, "param",
                                _("Parameters"), _("Add Parameter") };

  row->editor = editor;
  row->owner = g_object_ref (owner);
  row->event = g_object_ref (event);
  row->generated = cairn_persona_is_generated (owner);
  row->expander = adw_expander_row_new ();
  gtk_widget_set_name (row->expander, prefix);
  g_object_weak_ref (G_OBJECT (row->expander), event_row_free, row);

  remove = cairn_persona_icon_button ("user-trash-symbolic", _("Remove Event"), NULL);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_event_remove), row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), remove);

  name = named (cairn_persona_entry_row (_("Event name"), cairn_scenario_event_get_name (event), NULL), prefix, "-name");
  g_signal_connect (name, "changed", G_CALLBACK (on_event_name), row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), name);

  if (row->generated)
    rate_row (row, prefix);
  else
    when_rows (row, prefix);
  platform_row (row, prefix);

  cairn_persona_kv_fill (editor, row->expander, cairn_scenario_event_get_params (event),
                         cairn_scenario_event_get_kept (event, "params"), &params);
  event_update_title (row);
  return row->expander;
}

typedef struct
{
  CairnPersonaEditor *editor;
  CairnPersona       *owner;
  GtkWidget          *group;
} EventList;

/* With the add button */
static void
event_list_free (gpointer  data,
                 GObject  *button)
{
  EventList *list = data;

  g_object_unref (list->owner);
  g_free (list);
}

static void
on_event_add (GtkButton *button,
              EventList *list)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  CairnScenarioEvent *event;
  GtkWidget *row;
  guint index;

  json_node_take_object (node, object);
  if (cairn_persona_is_generated (list->owner))
    {
      json_object_set_string_member (object, "name", "purchase");
      json_object_set_double_member (object, "rate_per_day", 0.1);
    }
  else
    {
      json_object_set_string_member (object, "at", "PT1H");
      json_object_set_string_member (object, "name", "purchase");
    }
  event = cairn_persona_add_event (list->owner, node);
  index = g_list_model_get_n_items (cairn_persona_get_events (list->owner)) - 1;
  _cairn_persona_editor_touch (list->editor);
  row = event_row_new (list->editor, list->owner, event, index);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (list->group), row);
}

void
cairn_persona_events_fill (CairnPersonaEditor *editor,
                           GtkWidget          *group,
                           CairnPersona       *persona)
{
  GListModel *events = cairn_persona_get_events (persona);
  EventList *list = g_new0 (EventList, 1);
  GtkWidget *add = cairn_persona_icon_button ("list-add-symbolic", _("Add Event"), "event-add");

  list->editor = editor;
  list->owner = g_object_ref (persona);
  list->group = group;
  g_object_weak_ref (G_OBJECT (add), event_list_free, list);
  g_signal_connect (add, "clicked", G_CALLBACK (on_event_add), list);
  cairn_persona_keep_as_written (add, cairn_persona_get_kept (persona, "events"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(CairnScenarioEvent) event = g_list_model_get_item (events, i);

      if (cairn_scenario_event_is_object (event))
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), event_row_new (editor, persona, event, i));
    }
}
