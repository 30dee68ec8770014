/* SPDX-License-Identifier: GPL-3.0-or-later */

/* One editor per registry field type (CairnFieldSpec). */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-a11y.h"
#include "cairn-duration-row.h"
#include "cairn-inspector-private.h"
#include "cairn-json.h"
#include "cairn-predicate-editor.h"
#include "cairn-summary.h"
#include "cairn-time.h"

typedef struct
{
  const CairnFieldSpec *spec;
  CairnFieldTarget      target;
  const char * const   *choices;       /* a combo row's values, in order */
  const char          **labels;        /* a channel row's labels, owned */
  GPtrArray            *ids;           /* a node row's values and labels, owned */
  GPtrArray            *id_labels;
  CairnDurationRow     *duration_row;  /* an optional duration's row */
} Field;

static Field *
field_new (const CairnFieldSpec   *spec,
           const CairnFieldTarget *target)
{
  Field *field = g_new0 (Field, 1);

  field->spec = spec;
  field->target = *target;
  return field;
}

static void
field_send (Field    *field,
            JsonNode *value,
            gboolean  structural)
{
  field->target.sink (field->target.data, field->spec->name, value,
                      _(field->spec->label), structural);
}

static void
field_free (Field *field)
{
  g_free (field->labels);
  g_clear_pointer (&field->ids, g_ptr_array_unref);
  g_clear_pointer (&field->id_labels, g_ptr_array_unref);
  g_free (field);
}

/* The field lives as long as its widget */
static void
attach (GtkWidget *widget,
        Field     *field)
{
  g_object_set_data_full (G_OBJECT (widget), "field", field, (GDestroyNotify) field_free);
}

JsonNode *
_cairn_json_string (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

JsonNode *
_cairn_json_from_text (const char *text)
{
  g_autoptr(JsonNode) parsed = NULL;

  if (text == NULL)
    return NULL;
  parsed = cairn_json_parse (text, strlen (text), NULL, NULL, NULL);
  if (parsed != NULL && (!JSON_NODE_HOLDS_VALUE (parsed) || json_node_get_value_type (parsed) != G_TYPE_STRING))
    return g_steal_pointer (&parsed);
  return _cairn_json_string (text);
}

char *
_cairn_json_to_text (JsonNode *value)
{
  if (value == NULL)
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return cairn_json_to_string (value, FALSE);
}

static const char *
node_string (JsonNode *value)
{
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return json_node_get_string (value);
  return NULL;
}

GtkWidget *
_cairn_text_row_new (const char *title,
                     const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ?: "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  cairn_a11y_expose_entry_text (row);
  return row;
}

/* Text */

static void
on_string_changed (GtkEditable *editable,
                   Field       *field)
{
  const char *text = gtk_editable_get_text (editable);

  if (field->spec->type == CAIRN_FIELD_TIME_OF_DAY)
    {
      int minutes;

      if (*text && !cairn_time_of_day_parse (text, &minutes, NULL))
        {
          gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
    }
  if (g_str_equal (field->spec->name, "timezone") && *text != '\0')
    {
      GTimeZone *zone = g_time_zone_new_identifier (text);
      gboolean valid = zone != NULL;

      g_clear_pointer (&zone, g_time_zone_unref);
      if (!valid)
        {
          gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
    }
  if (g_str_equal (field->spec->name, "id"))
    {
      gboolean valid = *text != '\0';

      for (const char *p = text; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
          valid = FALSE;
      if (!valid)
        {
          gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
    }
  if (*text == '\0' && !field->spec->required)
    field_send (field, NULL, FALSE);
  else if (field->spec->type == CAIRN_FIELD_JSON)
    field_send (field, _cairn_json_from_text (text), FALSE);
  else
    field_send (field, _cairn_json_string (text), FALSE);
}

static GtkWidget *
string_row_new (Field    *field,
                JsonNode *value)
{
  g_autofree char *text = _cairn_json_to_text (value);
  GtkWidget *row = _cairn_text_row_new (_(field->spec->label), text);

  if (field->spec->hint != NULL)
    gtk_widget_set_tooltip_text (row, _(field->spec->hint));
  attach (row, field);
  g_signal_connect (row, "changed", G_CALLBACK (on_string_changed), field);
  return row;
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   Field         *field)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  field_send (field, _cairn_json_string (text), FALSE);
}

static GtkWidget *
long_text_new (Field    *field,
               JsonNode *value)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_buffer_set_text (buffer, node_string (value) ?: "", -1);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 110);
  gtk_widget_add_css_class (view, "template-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->spec->label), -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  attach (frame, field);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed), field);
  return frame;
}

/* Choices */

/* The words people read for the values the file holds; a value not
 * listed here is shown as it is. */
static const struct { const char *value; const char *label; } choice_labels[] = {
  { "after_exit", N_("Again after leaving") },
  { "once", N_("Only once") },
  { "delay", N_("Send when quiet hours end") },
  { "skip", N_("Do not send") },
  { "on_day", N_("On the day") },
  { "after", N_("On the day or after") },
  { "delivered", N_("Delivered") },
  { "opened", N_("Opened") },
  { "clicked", N_("Clicked") },
  { "add", N_("Add") },
  { "remove", N_("Remove") },
  { "click_rate", N_("Click rate") },
  { "open_rate", N_("Open rate") },
  { "goal_rate", N_("Goal rate") },
  { "complementary", N_("Complementary") },
  { "same_category", N_("Same category") },
  { "all", N_("All products") },
  { "rank", N_("By rank") },
  { "price_asc", N_("Price, lowest first") },
  { "price_desc", N_("Price, highest first") },
};

static const char *
choice_label (const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    if (g_strcmp0 (value, choice_labels[i].value) == 0)
      return _(choice_labels[i].label);
  return value;
}

static void
on_combo_selected (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Field       *field)
{
  const char * const *choices = field->choices;
  guint selected = adw_combo_row_get_selected (row);

  if (choices != NULL && selected != GTK_INVALID_LIST_POSITION)
    field_send (field, _cairn_json_string (choices[selected]), FALSE);
}

static GtkWidget *
combo_row_new (Field              *field,
               const char * const *choices,
               const char * const *labels,
               const char         *current)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; choices[i] != NULL; i++)
    {
      gtk_string_list_append (list, labels ? labels[i] : choice_label (choices[i]));
      if (g_strcmp0 (current, choices[i]) == 0)
        selected = i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->spec->label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  field->choices = choices;
  attach (row, field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), field);
  return row;
}

static GtkWidget *
channel_row_new (Field    *field,
                 JsonNode *value)
{
  const char * const *channels = cairn_channels ();
  guint n = g_strv_length ((char **) channels);
  const char **labels = g_new0 (const char *, n + 1);
  GtkWidget *row;

  for (guint i = 0; i < n; i++)
    labels[i] = cairn_channel_display_name (channels[i]);
  row = combo_row_new (field, channels, labels, node_string (value));
  field->labels = labels;
  return row;
}

/* Message nodes the journey has, for condition.interaction */
static GtkWidget *
node_ref_row_new (Field    *field,
                  JsonNode *value)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  const char *current = node_string (value);
  GtkWidget *row;

  for (guint i = 0; i < cairn_journey_get_n_nodes (field->target.journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (field->target.journey, i);
      if (node->id == NULL || node->kind == NULL || !node->kind->is_message)
        continue;
      g_ptr_array_add (ids, g_strdup (node->id));
      g_ptr_array_add (labels, node->label ? g_strdup_printf ("%s (%s)", node->label, node->id) : g_strdup (node->id));
    }
  if (current != NULL && cairn_journey_find_node (field->target.journey, current) == NULL)
    {
      g_ptr_array_add (ids, g_strdup (current));
      g_ptr_array_add (labels, g_strdup_printf (_("%s (missing)"), current));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);
  row = combo_row_new (field, (const char * const *) ids->pdata, (const char * const *) labels->pdata, current);
  field->ids = ids;
  field->id_labels = labels;
  return row;
}

/* Numbers and switches */

static void
on_spin_changed (GtkSpinButton *spin,
                 Field         *field)
{
  field_send (field, json_node_init_int (json_node_alloc (), gtk_spin_button_get_value_as_int (spin)), FALSE);
}

static GtkWidget *
integer_row_new (Field    *field,
                 JsonNode *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (-100000, 100000, 1);

  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->spec->label));
  if (field->spec->hint != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->spec->hint));
  if (value != NULL && cairn_json_node_is_number (value))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), cairn_json_node_number (value));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  attach (row, field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed), field);
  return row;
}

static void
on_switch_changed (GtkSwitch  *widget,
                   GParamSpec *pspec,
                   Field      *field)
{
  field_send (field, json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (widget)), FALSE);
}

static GtkWidget *
boolean_row_new (Field    *field,
                 JsonNode *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *widget = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->spec->label));
  if (field->spec->hint != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->spec->hint));
  gtk_switch_set_active (GTK_SWITCH (widget),
                         value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
                         json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value));
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  attach (row, field);
  g_signal_connect (widget, "notify::active", G_CALLBACK (on_switch_changed), field);
  return row;
}

/* Durations */

static void
on_duration_changed (CairnDurationRow *row,
                     Field            *field)
{
  g_autofree char *iso = cairn_duration_row_get_value (row);

  field_send (field, _cairn_json_string (iso), FALSE);
}

static void
on_duration_enabled (AdwExpanderRow *expander,
                     GParamSpec     *pspec,
                     Field          *field)
{
  CairnDurationRow *row = field->duration_row;
  g_autofree char *iso = NULL;

  if (!adw_expander_row_get_enable_expansion (expander))
    {
      field_send (field, NULL, TRUE);
      return;
    }
  iso = cairn_duration_row_get_value (row);
  field_send (field, _cairn_json_string (iso), TRUE);
}

static GtkWidget *
duration_row_new (Field    *field,
                  JsonNode *value)
{
  GtkWidget *row = cairn_duration_row_new (_(field->spec->label), node_string (value));
  GtkWidget *expander;

  g_signal_connect (row, "changed", G_CALLBACK (on_duration_changed), field);
  if (field->spec->required)
    {
      attach (row, field);
      return row;
    }
  /* Optional: a switch says whether there is a limit at all. */
  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _(field->spec->label));
  if (field->spec->hint != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _(field->spec->hint));
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (expander), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), value != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), value != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Duration"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  field->duration_row = CAIRN_DURATION_ROW (row);
  attach (expander, field);
  g_signal_connect (expander, "notify::enable-expansion", G_CALLBACK (on_duration_enabled), field);
  return expander;
}

/* Days of the week and platforms: a row of toggles */

static void
on_toggle (GtkToggleButton *button,
           Field           *field)
{
  GtkWidget *chips = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_FLOW_BOX);
  JsonArray *array = json_array_new ();

  /* The chips in order, each in its flow box child */
  for (GtkWidget *cell = gtk_widget_get_first_child (chips); cell; cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *child = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (cell));
      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
        json_array_add_string_element (array, g_object_get_data (G_OBJECT (child), "value"));
    }
  if (json_array_get_length (array) == 0 && !field->spec->required)
    {
      json_array_unref (array);
      field_send (field, NULL, FALSE);
      return;
    }
  field_send (field, json_node_init_array (json_node_alloc (), array), FALSE);
  json_array_unref (array);
}

/* The title and its hint above, the chips below and wrapping: beside
 * them, as a suffix, the title was squeezed to a few letters a line
 * ("Platfor-ms"). */
static GtkWidget *
toggles_row_new (Field              *field,
                 JsonNode           *value,
                 const char * const *values,
                 const char * const *labels)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_(field->spec->label));
  GtkWidget *chips = gtk_flow_box_new ();
  JsonArray *array = value && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->spec->label));
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 8);
  gtk_widget_set_margin_bottom (content, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title");
  gtk_box_append (GTK_BOX (content), title);
  if (field->spec->hint != NULL)
    {
      GtkWidget *hint = gtk_label_new (_(field->spec->hint));

      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_widget_add_css_class (hint, "caption");
      gtk_box_append (GTK_BOX (content), hint);
    }
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (chips), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (chips), 4);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (chips), 4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (chips), 8);
  for (guint i = 0; values[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(labels[i]));
      gboolean active = FALSE;

      for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
        if (g_strcmp0 (node_string (json_array_get_element (array, j)), values[i]) == 0)
          active = TRUE;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);
      gtk_widget_add_css_class (button, "toggle-chip");
      g_object_set_data (G_OBJECT (button), "value", (gpointer) values[i]);
      g_signal_connect (button, "toggled", G_CALLBACK (on_toggle), field);
      gtk_flow_box_append (GTK_FLOW_BOX (chips), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_box_append (GTK_BOX (content), chips);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), content);
  attach (row, field);
  return row;
}

/* Predicates */

static void
on_predicate_changed (CairnPredicateEditor *editor,
                      gboolean              structural,
                      Field                *field)
{
  field_send (field, cairn_predicate_editor_get_value (editor), FALSE);
}

static GtkWidget *
predicate_new (Field    *field,
               JsonNode *value)
{
  GtkWidget *editor = cairn_predicate_editor_new (value);

  attach (editor, field);
  g_signal_connect (editor, "changed", G_CALLBACK (on_predicate_changed), field);
  return editor;
}

/* Small objects edited member by member: autowinner, recommendations and
 * the date source of starter.dynamic_date. */

typedef struct
{
  Field      *field;
  JsonObject *object;
} ObjectEdit;

static void
object_edit_free (ObjectEdit *edit)
{
  json_object_unref (edit->object);
  g_free (edit->field);
  g_free (edit);
}

static void
object_edit_send (ObjectEdit *edit,
                  gboolean    structural)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), cairn_json_object_deep_copy (edit->object));

  json_object_unref (json_node_get_object (node));
  field_send (edit->field, node, structural);
}

/* A member of the object, and a combo row's values. One per signal
 * handler, freed with it. */
typedef struct
{
  ObjectEdit         *edit;  /* owned by the expander that holds the row */
  const char         *member;
  const char * const *choices;
} MemberRef;

static void
member_connect (gpointer            instance,
                const char         *signal,
                GCallback           callback,
                ObjectEdit         *edit,
                const char         *member,
                const char * const *choices)
{
  MemberRef *ref = g_new (MemberRef, 1);

  *ref = (MemberRef) { edit, member, choices };
  g_signal_connect_data (instance, signal, callback, ref, (GClosureNotify) g_free, 0);
}

static void
on_member_text (GtkEditable *editable,
                MemberRef   *ref)
{
  ObjectEdit *edit = ref->edit;
  const char *member = ref->member;
  const char *text = gtk_editable_get_text (editable);

  if (*text == '\0')
    {
      if (json_object_has_member (edit->object, member))
        json_object_remove_member (edit->object, member);
    }
  else
    json_object_set_string_member (edit->object, member, text);
  object_edit_send (edit, FALSE);
}

static void
on_member_choice (AdwComboRow *row,
                  GParamSpec  *pspec,
                  MemberRef   *ref)
{
  json_object_set_string_member (ref->edit->object, ref->member, ref->choices[adw_combo_row_get_selected (row)]);
  object_edit_send (ref->edit, FALSE);
}

static void
on_member_number (GtkSpinButton *spin,
                  MemberRef     *ref)
{
  json_object_set_int_member (ref->edit->object, ref->member, gtk_spin_button_get_value_as_int (spin));
  object_edit_send (ref->edit, FALSE);
}

static void
on_member_switch (GtkSwitch  *widget,
                  GParamSpec *pspec,
                  MemberRef  *ref)
{
  json_object_set_boolean_member (ref->edit->object, ref->member, gtk_switch_get_active (widget));
  object_edit_send (ref->edit, FALSE);
}

static void
on_member_duration (CairnDurationRow *row,
                    MemberRef        *ref)
{
  g_autofree char *iso = cairn_duration_row_get_value (row);

  json_object_set_string_member (ref->edit->object, ref->member, iso);
  object_edit_send (ref->edit, FALSE);
}

static void
on_object_enabled (AdwExpanderRow *expander,
                   GParamSpec     *pspec,
                   ObjectEdit     *edit)
{
  if (adw_expander_row_get_enable_expansion (expander))
    object_edit_send (edit, TRUE);
  else
    field_send (edit->field, NULL, TRUE);
}

static GtkWidget *
member_combo (ObjectEdit         *edit,
              const char         *member,
              const char         *title,
              const char * const *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *current = cairn_json_get_string (edit->object, member);

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (list, choice_label (choices[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_strcmp0 (current, choices[i]) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  if (current == NULL)
    json_object_set_string_member (edit->object, member, choices[0]);
  member_connect (row, "notify::selected", G_CALLBACK (on_member_choice), edit, member, choices);
  return row;
}

static GtkWidget *
member_spin (ObjectEdit *edit,
             const char *member,
             const char *title,
             int         fallback)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);
  double value = fallback;

  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);

  cairn_json_get_number (edit->object, member, &value);
  if (!json_object_has_member (edit->object, member))
    json_object_set_int_member (edit->object, member, fallback);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  member_connect (spin, "value-changed", G_CALLBACK (on_member_number), edit, member, NULL);
  return row;
}

static GtkWidget *
member_switch (ObjectEdit *edit,
               const char *member,
               const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *widget = gtk_switch_new ();
  JsonNode *value = json_object_get_member (edit->object, member);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (widget), value && JSON_NODE_HOLDS_VALUE (value) &&
                         json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value));
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  member_connect (widget, "notify::active", G_CALLBACK (on_member_switch), edit, member, NULL);
  return row;
}

static GtkWidget *
member_text (ObjectEdit *edit,
             const char *member,
             const char *title)
{
  GtkWidget *row = _cairn_text_row_new (title, cairn_json_get_string (edit->object, member));

  member_connect (row, "changed", G_CALLBACK (on_member_text), edit, member, NULL);
  return row;
}

static GtkWidget *
member_duration (ObjectEdit *edit,
                 const char *member,
                 const char *title,
                 const char *fallback)
{
  const char *iso = cairn_json_get_string (edit->object, member);
  GtkWidget *row;

  if (iso == NULL)
    json_object_set_string_member (edit->object, member, iso = fallback);
  row = cairn_duration_row_new (title, iso);
  member_connect (row, "changed", G_CALLBACK (on_member_duration), edit, member, NULL);
  return row;
}

static GtkWidget *
object_expander_new (Field       *field,
                     JsonNode    *value,
                     ObjectEdit **out)
{
  GtkWidget *expander = adw_expander_row_new ();
  ObjectEdit *edit = g_new0 (ObjectEdit, 1);

  edit->field = field;
  edit->object = value && JSON_NODE_HOLDS_OBJECT (value)
                 ? cairn_json_object_deep_copy (json_node_get_object (value)) : json_object_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _(field->spec->label));
  if (field->spec->hint != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _(field->spec->hint));
  if (!field->spec->required)
    {
      adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (expander), TRUE);
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), value != NULL);
      g_signal_connect (expander, "notify::enable-expansion", G_CALLBACK (on_object_enabled), edit);
    }
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), value != NULL);
  g_object_set_data_full (G_OBJECT (expander), "edit", edit, (GDestroyNotify) object_edit_free);
  *out = edit;
  return expander;
}

static GtkWidget *
autowinner_new (Field    *field,
                JsonNode *value)
{
  static const char * const metrics[] = { "click_rate", "open_rate", "goal_rate", NULL };
  ObjectEdit *edit;
  GtkWidget *expander = object_expander_new (field, value, &edit);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_combo (edit, "metric", _("Metric"), metrics));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_spin (edit, "min_entries_per_variant", _("Users per variant first"), 100));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_duration (edit, "evaluate_after", _("Decide after"), "P3D"));
  return expander;
}

static GtkWidget *
recommendations_new (Field    *field,
                     JsonNode *value)
{
  static const char * const sources[] = { "complementary", "same_category", "all", NULL };
  static const char * const sorts[] = { "rank", "price_asc", "price_desc", NULL };
  ObjectEdit *edit;
  GtkWidget *expander = object_expander_new (field, value, &edit);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_combo (edit, "source", _("Products"), sources));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_combo (edit, "sort", _("Order"), sorts));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_spin (edit, "count", _("How many"), 3));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_switch (edit, "exclude_purchased", _("Leave out bought products")));
  return expander;
}

static GtkWidget *
date_source_new (Field    *field,
                 JsonNode *value)
{
  ObjectEdit *edit;
  GtkWidget *expander = object_expander_new (field, value, &edit);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("A date attribute, or an event and its date parameter"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_text (edit, "attribute", _("Attribute")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_text (edit, "event", _("Event")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), member_text (edit, "param", _("Date parameter")));
  return expander;
}

/* Puts a wide editor in a group of its own, titled by the field. */
static void
add_wide (GtkBox               *page,
          const CairnFieldSpec *spec,
          GtkWidget            *editor)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(spec->label));
  if (spec->hint != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _(spec->hint));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), editor);
  gtk_box_append (page, group);
}

void
_cairn_field_add (const CairnFieldSpec   *spec,
                  JsonNode               *value,
                  const CairnFieldTarget *target,
                  AdwPreferencesGroup    *group,
                  GtkBox                 *page)
{
  static const char * const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };
  static const char * const day_labels[] = { N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su"), NULL };
  static const char * const platforms[] = { "web", "ios", "android", "offline", "api", NULL };
  static const char * const platform_labels[] = { N_("Web"), N_("iOS"), N_("Android"), N_("Offline"), N_("API"), NULL };
  Field *field = field_new (spec, target);
  GtkWidget *row = NULL;

  switch (spec->type)
    {
    case CAIRN_FIELD_TEMPLATE:
      if (g_str_equal (spec->name, "body") || g_str_equal (spec->name, "text"))
        {
          add_wide (page, spec, long_text_new (field, value));
          return;
        }
      row = string_row_new (field, value);
      break;
    case CAIRN_FIELD_STRING:
    case CAIRN_FIELD_EVENT_NAME:
    case CAIRN_FIELD_ATTRIBUTE:
    case CAIRN_FIELD_TIME_OF_DAY:
    case CAIRN_FIELD_JSON:
      row = string_row_new (field, value);
      break;
    case CAIRN_FIELD_ENUM:
      row = combo_row_new (field, spec->choices, NULL, node_string (value));
      break;
    case CAIRN_FIELD_INTEGER:
      row = integer_row_new (field, value);
      break;
    case CAIRN_FIELD_BOOLEAN:
      row = boolean_row_new (field, value);
      break;
    case CAIRN_FIELD_DURATION:
      row = duration_row_new (field, value);
      break;
    case CAIRN_FIELD_DAYS:
      row = toggles_row_new (field, value, days, day_labels);
      break;
    case CAIRN_FIELD_PLATFORMS:
      row = toggles_row_new (field, value, platforms, platform_labels);
      break;
    case CAIRN_FIELD_CHANNEL:
      row = channel_row_new (field, value);
      break;
    case CAIRN_FIELD_NODE_REF:
      row = node_ref_row_new (field, value);
      break;
    case CAIRN_FIELD_AUTOWINNER:
      row = autowinner_new (field, value);
      break;
    case CAIRN_FIELD_RECOMMENDATIONS:
      row = recommendations_new (field, value);
      break;
    case CAIRN_FIELD_DATE_SOURCE:
      row = date_source_new (field, value);
      break;
    case CAIRN_FIELD_PREDICATE:
      add_wide (page, spec, predicate_new (field, value));
      return;
    case CAIRN_FIELD_TABS:
      field_free (field);
      add_wide (page, spec, _cairn_tabs_editor_new (spec, value, target));
      return;
    case CAIRN_FIELD_VARIANTS:
      field_free (field);
      add_wide (page, spec, _cairn_variants_editor_new (spec, value, target));
      return;
    case CAIRN_FIELD_CHANNELS:
      field_free (field);
      add_wide (page, spec, _cairn_channels_editor_new (spec, value, target));
      return;
    default:
      row = string_row_new (field, value);
      break;
    }
  adw_preferences_group_add (group, row);
}
