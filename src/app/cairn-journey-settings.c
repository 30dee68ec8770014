/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The journey's own settings, shown when no node is selected: name, time
 * zone, entry rules, goals, exit criteria, frequency cap, quiet hours.
 * Nested objects reuse the field editors through a target that writes
 * one member of a copy and sends the whole object up. */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-inspector-private.h"
#include "cairn-json.h"

static const char * const reentry_choices[] = { "after_exit", "once", NULL };
static const char * const quiet_modes[] = { "delay", "skip", NULL };

#define SPEC(n, t, r, l, h) { n, CAIRN_FIELD_##t, r, NULL, NULL, l, h }
#define ENUM_SPEC(n, c, l, h) { n, CAIRN_FIELD_ENUM, TRUE, NULL, c, l, h }

static const CairnFieldSpec name_spec = SPEC ("name", STRING, TRUE, N_("Name"), NULL);
static const CairnFieldSpec id_spec = SPEC ("id", STRING, TRUE, N_("Id"), N_("Letters, digits, - and _; the server knows the journey by it"));
static const CairnFieldSpec description_spec = SPEC ("description", STRING, FALSE, N_("Description"), NULL);
static const CairnFieldSpec timezone_spec = SPEC ("timezone", STRING, FALSE, N_("Time zone"), N_("IANA name such as Europe/London; UTC when empty"));

static const CairnFieldSpec entry_specs[] = {
  ENUM_SPEC ("reentry", reentry_choices, N_("Users may enter"), N_("Whether someone who has left may enter again")),
  SPEC ("cooldown", DURATION, FALSE, N_("Cooldown"), N_("Least time between two entries")),
};
static const CairnFieldSpec cap_specs[] = {
  SPEC ("max_messages", INTEGER, TRUE, N_("At most"), N_("Messages per user")),
  SPEC ("per", DURATION, TRUE, N_("Per"), NULL),
};
static const CairnFieldSpec quiet_specs[] = {
  SPEC ("start", TIME_OF_DAY, TRUE, N_("From"), N_("HH:MM in the journey's time zone")),
  SPEC ("end", TIME_OF_DAY, TRUE, N_("Until"), NULL),
  ENUM_SPEC ("mode", quiet_modes, N_("Messages due then"), NULL),
};
static const CairnFieldSpec goal_specs[] = {
  SPEC ("name", STRING, TRUE, N_("Name"), NULL),
  SPEC ("id", STRING, TRUE, N_("Id"), NULL),
  SPEC ("event", EVENT_NAME, TRUE, N_("Event"), NULL),
  SPEC ("window", DURATION, FALSE, N_("Counts within"), N_("Of entering the journey")),
  SPEC ("value_param", STRING, FALSE, N_("Value parameter"), N_("Event parameter that holds the revenue")),
  SPEC ("exit", BOOLEAN, FALSE, N_("Leave when reached"), NULL),
  SPEC ("where", PREDICATE, FALSE, N_("Event filter"), NULL),
};
static const CairnFieldSpec exit_specs[] = {
  SPEC ("event", EVENT_NAME, TRUE, N_("Event"), NULL),
  SPEC ("where", PREDICATE, FALSE, N_("Event filter"), NULL),
};

/* One member of an object (or of an object in an array) at the top. */
typedef struct
{
  CairnFieldTarget  parent;
  CairnFieldTarget  self;
  const char       *member;     /* top-level member */
  const char       *label;
  JsonNode         *whole;      /* copy of the top-level value */
  int               index;      /* in the array, or -1 */
} Nested;

static void
nested_free (Nested *nested)
{
  g_clear_pointer (&nested->whole, json_node_unref);
  g_free (nested);
}

static JsonObject *
nested_object (Nested *nested)
{
  if (nested->index < 0)
    return json_node_get_object (nested->whole);
  return json_array_get_object_element (json_node_get_array (nested->whole), nested->index);
}

static void
nested_sink (gpointer    data,
             const char *member,
             JsonNode   *value,
             const char *label,
             gboolean    structural)
{
  Nested *nested = data;
  JsonObject *object = nested_object (nested);

  if (value != NULL)
    json_object_set_member (object, member, value);
  else if (json_object_has_member (object, member))
    json_object_remove_member (object, member);
  nested->parent.sink (nested->parent.data, nested->member, cairn_json_deep_copy (nested->whole),
                       _(nested->label), structural);
}

static Nested *
nested_new (GtkWidget              *owner,
            const CairnFieldTarget *parent,
            const char             *member,
            const char             *label,
            JsonNode               *whole,
            int                     index)
{
  Nested *nested = g_new0 (Nested, 1);

  nested->parent = *parent;
  nested->member = member;
  nested->label = label;
  nested->whole = cairn_json_deep_copy (whole);
  nested->index = index;
  nested->self.sink = nested_sink;
  nested->self.data = nested;
  nested->self.journey = parent->journey;
  g_object_set_data_full (G_OBJECT (owner), g_intern_string (member), nested, (GDestroyNotify) nested_free);
  return nested;
}

static GtkWidget *
group_new (GtkBox     *page,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (page, group);
  return group;
}

/* An object member that may be absent: a switch adds or removes it. */
static void
on_optional_toggled (GtkSwitch  *widget,
                     GParamSpec *pspec,
                     gpointer    data)
{
  const CairnFieldTarget *target = g_object_get_data (G_OBJECT (widget), "target");
  const char *member = g_object_get_data (G_OBJECT (widget), "member");
  const char *fallback = g_object_get_data (G_OBJECT (widget), "default");

  if (gtk_switch_get_active (widget))
    target->sink (target->data, member, cairn_json_parse (fallback, strlen (fallback), NULL, NULL, NULL), member, TRUE);
  else
    target->sink (target->data, member, NULL, member, TRUE);
}

static void
add_object_group (GtkBox                 *page,
                  JsonObject             *root,
                  const CairnFieldTarget *target,
                  const char             *member,
                  const char             *title,
                  const char             *description,
                  const CairnFieldSpec   *specs,
                  guint                   n_specs,
                  const char             *fallback)
{
  GtkWidget *group = group_new (page, title, description);
  JsonNode *value = json_object_get_member (root, member);
  Nested *nested;
  CairnFieldTarget *stored;

  if (fallback != NULL)
    {
      GtkWidget *widget = gtk_switch_new ();

      stored = g_new (CairnFieldTarget, 1);
      *stored = *target;
      g_object_set_data_full (G_OBJECT (widget), "target", stored, g_free);
      g_object_set_data (G_OBJECT (widget), "member", (gpointer) member);
      g_object_set_data (G_OBJECT (widget), "default", (gpointer) fallback);
      gtk_switch_set_active (GTK_SWITCH (widget), value != NULL);
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect (widget, "notify::active", G_CALLBACK (on_optional_toggled), NULL);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), widget);
      if (value == NULL)
        return;
    }
  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    {
      g_autoptr(JsonNode) empty = json_node_init_object (json_node_alloc (), json_object_new ());
      json_object_unref (json_node_get_object (empty));
      nested = nested_new (group, target, member, title, empty, -1);
    }
  else
    nested = nested_new (group, target, member, title, value, -1);
  for (guint i = 0; i < n_specs; i++)
    _cairn_field_add (&specs[i], json_object_get_member (nested_object (nested), specs[i].name),
                      &nested->self, ADW_PREFERENCES_GROUP (group), page);
}

/* Goals and exit criteria: lists of small objects */

static void
on_list_add (GtkButton *button,
             gpointer   data)
{
  const CairnFieldTarget *target = g_object_get_data (G_OBJECT (button), "target");
  const char *member = g_object_get_data (G_OBJECT (button), "member");
  JsonNode *whole = g_object_get_data (G_OBJECT (button), "whole");
  const char *item = g_object_get_data (G_OBJECT (button), "item");
  JsonNode *copy = whole ? cairn_json_deep_copy (whole) : json_node_init_array (json_node_alloc (), json_array_new ());

  if (whole == NULL)
    json_array_unref (json_node_get_array (copy));
  json_array_add_element (json_node_get_array (copy), cairn_json_parse (item, strlen (item), NULL, NULL, NULL));
  target->sink (target->data, member, copy, member, TRUE);
}

static void
on_list_remove (GtkButton *button,
                gpointer   data)
{
  Nested *nested = g_object_get_data (G_OBJECT (button), "nested");
  JsonNode *copy = cairn_json_deep_copy (nested->whole);

  json_array_remove_element (json_node_get_array (copy), nested->index);
  if (json_array_get_length (json_node_get_array (copy)) == 0)
    g_clear_pointer (&copy, json_node_unref);
  nested->parent.sink (nested->parent.data, nested->member, copy, nested->label, TRUE);
}

static void
add_list (GtkBox                 *page,
          JsonObject             *root,
          const CairnFieldTarget *target,
          const char             *member,
          const char             *title,
          const char             *description,
          const char             *item_title,
          const CairnFieldSpec   *specs,
          guint                   n_specs,
          const char             *new_item)
{
  JsonNode *value = json_object_get_member (root, member);
  JsonArray *array = value && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
  GtkWidget *header = group_new (page, title, description);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  CairnFieldTarget *stored = g_new (CairnFieldTarget, 1);

  *stored = *target;
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, item_title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, item_title, -1);
  g_object_set_data_full (G_OBJECT (add), "target", stored, g_free);
  g_object_set_data (G_OBJECT (add), "member", (gpointer) member);
  g_object_set_data (G_OBJECT (add), "item", (gpointer) new_item);
  if (value != NULL)
    g_object_set_data_full (G_OBJECT (add), "whole", cairn_json_deep_copy (value), (GDestroyNotify) json_node_unref);
  g_signal_connect (add, "clicked", G_CALLBACK (on_list_add), NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (header), add);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      GtkWidget *group, *remove;
      Nested *nested;
      JsonObject *object;
      g_autofree char *group_title = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
        continue;
      object = json_array_get_object_element (array, i);
      group_title = g_strdup_printf ("%s %u · %s", item_title, i + 1,
                                     cairn_json_get_string (object, "name") ?: cairn_json_get_string (object, "event") ?: "");
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), group_title);
      gtk_box_append (page, group);
      nested = nested_new (group, target, member, title, value, i);
      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      g_object_set_data (G_OBJECT (remove), "nested", nested);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_list_remove), NULL);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), remove);
      for (guint s = 0; s < n_specs; s++)
        _cairn_field_add (&specs[s], json_object_get_member (object, specs[s].name),
                          &nested->self, ADW_PREFERENCES_GROUP (group), page);
    }
}

void
_cairn_journey_settings_build (CairnJourney           *journey,
                               const CairnFieldTarget *target,
                               GtkBox                 *page)
{
  JsonObject *root = cairn_journey_get_object (journey);
  GtkWidget *title = gtk_label_new (_("Journey Settings"));
  GtkWidget *hint = gtk_label_new (_("Select a node on the canvas to edit it"));
  GtkWidget *general;

  gtk_widget_add_css_class (title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  /* Wraps rather than widening the inspector in longer languages. */
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 30);
  gtk_box_append (page, title);
  gtk_box_append (page, hint);

  general = group_new (page, _("General"), NULL);
  _cairn_field_add (&name_spec, json_object_get_member (root, "name"), target, ADW_PREFERENCES_GROUP (general), page);
  _cairn_field_add (&id_spec, json_object_get_member (root, "id"), target, ADW_PREFERENCES_GROUP (general), page);
  _cairn_field_add (&description_spec, json_object_get_member (root, "description"), target, ADW_PREFERENCES_GROUP (general), page);
  _cairn_field_add (&timezone_spec, json_object_get_member (root, "timezone"), target, ADW_PREFERENCES_GROUP (general), page);

  add_object_group (page, root, target, "entry", _("Entry"), NULL,
                    entry_specs, G_N_ELEMENTS (entry_specs), NULL);
  add_list (page, root, target, "goals", _("Goals"), _("What counts as a conversion"), _("Goal"),
            goal_specs, G_N_ELEMENTS (goal_specs),
            "{\"id\":\"goal\",\"name\":\"\",\"event\":\"purchase\",\"window\":\"P7D\",\"exit\":false}");
  add_list (page, root, target, "exit_criteria", _("Exit Criteria"), _("Users leave the journey when they do this"),
            _("Exit"), exit_specs, G_N_ELEMENTS (exit_specs), "{\"event\":\"purchase\"}");
  add_object_group (page, root, target, "frequency_cap", _("Frequency Cap"), _("Limit how many messages a user gets"),
                    cap_specs, G_N_ELEMENTS (cap_specs), "{\"max_messages\":2,\"per\":\"P1D\"}");
  add_object_group (page, root, target, "quiet_hours", _("Quiet Hours"), _("No messages at night"),
                    quiet_specs, G_N_ELEMENTS (quiet_specs),
                    "{\"start\":\"22:00\",\"end\":\"08:00\",\"mode\":\"delay\"}");
}
