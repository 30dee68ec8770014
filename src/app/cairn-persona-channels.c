/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-duration-row.h"
#include "cairn-json.h"
#include "cairn-persona-rows.h"
#include "cairn-registry.h"

/* A person's or a persona's channels: reachability, simulated engagement
 * and channel affinity, one expander row per channel. */

typedef struct
{
  CairnPersonaEditor *editor;
  CairnPersona       *persona;
  char               *channel;
  gboolean            generated;
  GtkWidget          *expander;
  GtkWidget          *reach;
  GtkWidget          *affinity_check;
  GtkWidget          *affinity_spin;
} ChannelRow;

/* With the expander that shows it */
static void
channel_row_free (gpointer  data,
                  GObject  *expander)
{
  ChannelRow *row = data;

  g_object_unref (row->persona);
  g_free (row->channel);
  g_free (row);
}

static double
channel_number (ChannelRow *row,
                const char *what,
                double      fallback)
{
  JsonNode *node = cairn_persona_get_engagement (row->persona, row->channel, what);

  return cairn_json_node_is_number (node) ? cairn_json_node_number (node) : fallback;
}

static JsonNode *
reach_node (ChannelRow *row)
{
  CairnScenarioValue *value = cairn_scenario_values_find (G_LIST_MODEL (cairn_persona_get_reachability (row->persona)),
                                                          row->channel, NULL);

  return value ? cairn_scenario_value_get_value (value) : NULL;
}

static void
channel_update_subtitle (ChannelRow *row)
{
  JsonNode *node = reach_node (row);
  g_autoptr(GString) text = g_string_new (NULL);

  if (row->generated && node != NULL && cairn_json_node_is_number (node))
    g_string_append_printf (text, _("Reachable for %.0f%%"), cairn_json_node_number (node) * 100);
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
           && json_node_get_boolean (node))
    g_string_append (text, _("Reachable"));
  else if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    g_string_append (text, _("Reachability generated"));
  else
    g_string_append (text, _("Not reachable"));
  if (cairn_persona_has_engagement (row->persona, row->channel))
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _("opens %.0f%%, clicks %.0f%% of opens"),
                              channel_number (row, "open", 0) * 100, channel_number (row, "click", 0) * 100);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), text->str);
}

static void
channel_edited (ChannelRow *row)
{
  _cairn_persona_editor_touch (row->editor);
  channel_update_subtitle (row);
}

static void
on_reach_switch (GtkSwitch  *toggle,
                 GParamSpec *pspec,
                 ChannelRow *row)
{
  cairn_scenario_values_set (cairn_persona_get_reachability (row->persona), row->channel,
                             json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (toggle)));
  channel_edited (row);
}

static void
on_reach_spin (GtkSpinButton *spin,
               ChannelRow    *row)
{
  cairn_scenario_values_set (cairn_persona_get_reachability (row->persona), row->channel,
                             cairn_scenario_number_node (gtk_spin_button_get_value (spin)));
  channel_edited (row);
}

/* One of a channel's behaviour members. One per signal handler, freed
 * with it. */
typedef struct
{
  ChannelRow *row;   /* owned by the expander that holds the control */
  const char *what;
} BehaviorRef;

static void
behavior_connect (gpointer    instance,
                  const char *signal,
                  GCallback   callback,
                  ChannelRow *row,
                  const char *what)
{
  BehaviorRef *ref = g_new (BehaviorRef, 1);

  *ref = (BehaviorRef) { row, what };
  g_signal_connect_data (instance, signal, callback, ref, (GClosureNotify) g_free, 0);
}

static void
on_engagement (GtkSpinButton *spin,
               BehaviorRef   *ref)
{
  cairn_persona_set_engagement (ref->row->persona, ref->row->channel, ref->what,
                                cairn_scenario_number_node (gtk_spin_button_get_value (spin)));
  channel_edited (ref->row);
}

static void
on_delay (CairnDurationRow *delay,
          BehaviorRef      *ref)
{
  g_autofree char *value = cairn_duration_row_get_value (delay);

  cairn_persona_set_engagement (ref->row->persona, ref->row->channel, ref->what,
                                json_node_init_string (json_node_alloc (), value));
  _cairn_persona_editor_touch (ref->row->editor);
}

static void
on_affinity (ChannelRow *row)
{
  gboolean set = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->affinity_check));

  gtk_widget_set_sensitive (row->affinity_spin, set);
  cairn_persona_set_channel_affinity (row->persona, row->channel,
                                      set ? cairn_scenario_number_node (gtk_spin_button_get_value (GTK_SPIN_BUTTON (row->affinity_spin)))
                                          : NULL);
  _cairn_persona_editor_touch (row->editor);
}

/* A number the form can edit, or a generated value it leaves alone. */
static gboolean
editable_number (JsonNode  *node,
                 GtkWidget *widget)
{
  if (node == NULL || cairn_json_node_is_number (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return TRUE;
  cairn_persona_keep_as_written (widget, node);
  return FALSE;
}

static GtkWidget *
engagement_row (ChannelRow *row,
                const char *what,
                const char *title,
                const char *subtitle,
                double      fallback)
{
  GtkWidget *action = adw_action_row_new ();
  GtkWidget *spin = cairn_persona_probability_spin (channel_number (row, what, fallback));
  g_autofree char *name = g_strdup_printf ("%s-%s", row->channel, what);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action), subtitle);
  gtk_widget_set_name (spin, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  editable_number (cairn_persona_get_engagement (row->persona, row->channel, what), spin);
  behavior_connect (spin, "value-changed", G_CALLBACK (on_engagement), row, what);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action), spin);
  return action;
}

static GtkWidget *
delay_row (ChannelRow *row,
           const char *what,
           const char *title,
           const char *fallback)
{
  JsonNode *node = cairn_persona_get_engagement (row->persona, row->channel, what);
  gboolean text = node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
  GtkWidget *delay = cairn_duration_row_new (title, text ? json_node_get_string (node) : fallback);

  if (node != NULL && !text)
    gtk_widget_set_sensitive (delay, FALSE);
  behavior_connect (delay, "changed", G_CALLBACK (on_delay), row, what);
  return delay;
}

static void
reach_control (ChannelRow *row)
{
  JsonNode *node = reach_node (row);
  g_autofree char *name = g_strdup_printf ("reach-%s", row->channel);

  if (!row->generated)
    {
      row->reach = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (row->reach), node && JSON_NODE_HOLDS_VALUE (node)
                             && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node));
      g_signal_connect (row->reach, "notify::active", G_CALLBACK (on_reach_switch), row);
    }
  else
    {
      double p = 0;

      if (node && cairn_json_node_is_number (node))
        p = cairn_json_node_number (node);
      else if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        p = json_node_get_boolean (node);
      row->reach = cairn_persona_probability_spin (p);
      gtk_widget_set_tooltip_text (row->reach, _("The share of this persona's people reachable here"));
      g_signal_connect (row->reach, "value-changed", G_CALLBACK (on_reach_spin), row);
    }
  editable_number (node, row->reach);
  cairn_persona_keep_as_written (row->reach, cairn_persona_get_kept (row->persona, "reachability"));
  gtk_widget_set_name (row->reach, name);
  gtk_widget_set_valign (row->reach, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->reach), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reachable"), -1);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), row->reach);
}

static void
engagement_rows (ChannelRow *row)
{
  JsonNode *blocked = cairn_persona_engagement_blocked (row->persona, row->channel);
  GtkWidget *engagement[5];

  engagement[0] = engagement_row (row, "deliver", _("Delivered"), _("Chance a sent message arrives"), 1);
  engagement[1] = engagement_row (row, "open", _("Opened"), _("Chance a delivered message is opened"), 0);
  engagement[2] = engagement_row (row, "click", _("Clicked"), _("Chance an opened message is clicked"), 0);
  engagement[3] = delay_row (row, "open_delay", _("Opened after"), "PT30M");
  engagement[4] = delay_row (row, "click_delay", _("Clicked after"), "PT5M");
  for (guint i = 0; i < G_N_ELEMENTS (engagement); i++)
    {
      cairn_persona_keep_as_written (engagement[i], blocked);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), engagement[i]);
    }
}

static void
affinity_row (ChannelRow *row)
{
  JsonNode *affinity = cairn_persona_get_channel_affinity (row->persona, row->channel);
  g_autofree char *name = g_strdup_printf ("%s-affinity", row->channel);
  GtkWidget *action = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action), _("Channel affinity"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action), _("Ranks channels for next best channel; unset uses the click rate"));
  row->affinity_check = gtk_check_button_new ();
  gtk_widget_set_valign (row->affinity_check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->affinity_check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Set a channel affinity"), -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->affinity_check), affinity != NULL);
  row->affinity_spin = cairn_persona_probability_spin (cairn_json_node_number (affinity));
  gtk_widget_set_name (row->affinity_spin, name);
  gtk_widget_set_sensitive (row->affinity_spin, affinity != NULL);
  editable_number (affinity, row->affinity_spin);
  cairn_persona_keep_as_written (action, cairn_persona_channel_affinity_blocked (row->persona));
  g_signal_connect_swapped (row->affinity_check, "toggled", G_CALLBACK (on_affinity), row);
  g_signal_connect_swapped (row->affinity_spin, "value-changed", G_CALLBACK (on_affinity), row);
  adw_action_row_add_prefix (ADW_ACTION_ROW (action), row->affinity_check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action), row->affinity_spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), action);
}

static GtkWidget *
channel_row_new (CairnPersonaEditor *editor,
                 CairnPersona       *persona,
                 const char         *channel)
{
  ChannelRow *row = g_new0 (ChannelRow, 1);

  row->editor = editor;
  row->persona = g_object_ref (persona);
  row->channel = g_strdup (channel);
  row->generated = cairn_persona_is_generated (persona);
  row->expander = adw_expander_row_new ();
  g_object_weak_ref (G_OBJECT (row->expander), channel_row_free, row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), cairn_persona_channel_title (channel));

  reach_control (row);
  engagement_rows (row);
  affinity_row (row);
  channel_update_subtitle (row);
  return row->expander;
}

void
cairn_persona_channels_fill (CairnPersonaEditor *editor,
                             GtkWidget          *group,
                             CairnPersona       *persona)
{
  const char * const *channels = cairn_channels ();

  for (guint i = 0; channels[i]; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), channel_row_new (editor, persona, channels[i]));
}
