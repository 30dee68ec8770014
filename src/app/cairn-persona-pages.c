/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-json.h"
#include "cairn-persona-rows.h"
#include "cairn-time.h"

/* The persona editor's items, as the list shows them and as their forms
 * edit them: the scenario's settings, a scripted person, the generated
 * population and one of its personas. */

static CairnScenarioModel *
model (CairnPersonaEditor *self)
{
  return _cairn_persona_editor_model (self);
}

/* Forms */

static GtkWidget *
group_new (GtkWidget  *page,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static GtkWidget *
spin_row_new (const char *title,
              const char *subtitle,
              double      lower,
              double      upper,
              double      step,
              guint       digits,
              double      value,
              const char *name,
              GtkWidget **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *spin_out = spin;
  return row;
}

/* Text edited by an entry: @set writes it to @object, once @check (when
 * given) says it may be written. */
typedef gboolean (*TextCheck) (const char *text);
typedef void     (*TextSetter) (gpointer object, const char *text);

/* What a control of a page edits: the editor and the model object it
 * writes. One per signal handler, freed with it. */
typedef struct
{
  CairnPersonaEditor *editor;  /* not a reference: the page lives in it */
  GObject            *object;
  TextSetter          set;
  TextCheck           check;
} Binding;

static void
binding_free (gpointer  data,
              GClosure *closure)
{
  Binding *binding = data;

  g_clear_object (&binding->object);
  g_free (binding);
}

static Binding *
bind (gpointer            instance,
      const char         *signal,
      GCallback           callback,
      CairnPersonaEditor *self,
      gpointer            object)
{
  Binding *binding = g_new0 (Binding, 1);

  binding->editor = self;
  binding->object = object ? g_object_ref (object) : NULL;
  g_signal_connect_data (instance, signal, callback, binding, binding_free, 0);
  return binding;
}

static void
on_text (GtkEditable *editable,
         Binding     *binding)
{
  const char *text = gtk_editable_get_text (editable);
  gboolean ok = binding->check == NULL || binding->check (text);

  cairn_persona_set_error (GTK_WIDGET (editable), !ok);
  if (!ok)
    return;
  binding->set (binding->object, text);
  _cairn_persona_editor_touch (binding->editor);
}

static void
bind_text (CairnPersonaEditor *self,
           GtkWidget          *editable,
           gpointer            object,
           TextSetter          set,
           TextCheck           check)
{
  Binding *binding = bind (editable, "changed", G_CALLBACK (on_text), self, object);

  binding->set = set;
  binding->check = check;
}

static gboolean
check_time (const char *text)
{
  CairnTime time;
  return cairn_time_parse (text, &time, NULL);
}

static gboolean
check_not_empty (const char *text)
{
  return *text != '\0';
}

static void
on_seed (GtkSpinButton      *spin,
         CairnPersonaEditor *self)
{
  cairn_scenario_model_set_seed (model (self), (gint64) gtk_spin_button_get_value (spin));
  _cairn_persona_editor_touch (self);
  _cairn_persona_editor_seed_changed (self);
}

static void
on_catalog_chosen (GtkNativeDialog    *dialog,
                   int                 response,
                   CairnPersonaEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      /* Kept absolute until the scenario is saved: saving makes it relative. */
      cairn_scenario_model_set_catalog (model (self), json_node_init_string (json_node_alloc (), path));
      _cairn_persona_editor_touch (self);
      _cairn_persona_editor_queue_rebuild (self);
    }
  g_object_unref (dialog);
}

static void
on_catalog_choose (GtkButton          *button,
                   CairnPersonaEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose a Catalog"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Catalogs (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_catalog_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_catalog_clear (GtkButton          *button,
                  CairnPersonaEditor *self)
{
  cairn_scenario_model_set_catalog (model (self), NULL);
  _cairn_persona_editor_touch (self);
  _cairn_persona_editor_queue_rebuild (self);
}

static void
catalog_group (CairnPersonaEditor *self,
               GtkWidget          *page)
{
  GtkWidget *group = group_new (page, _("Catalog"), _("The products that messages recommend"));
  JsonNode *catalog = cairn_scenario_model_get_catalog (model (self));
  const char *path = cairn_scenario_model_get_catalog_path (model (self));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Catalog"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (catalog && JSON_NODE_HOLDS_OBJECT (catalog))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Written inside the scenario"));
  else if (path)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("None: messages recommend nothing"));
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_catalog_choose), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  if (catalog != NULL || cairn_scenario_model_get_kept (model (self), "catalog") != NULL)
    {
      button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("No catalog"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("No catalog"), -1);
      g_signal_connect (button, "clicked", G_CALLBACK (on_catalog_clear), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
settings_page (CairnPersonaEditor *self,
               GtkWidget          *page)
{
  CairnScenarioModel *scenario = model (self);
  GtkWidget *group = group_new (page, _("Scenario"), _("The simulated window runs from the start to the end, both included."));
  GtkWidget *row, *spin;

  row = cairn_persona_entry_row (_("Name"), cairn_scenario_model_get_name (scenario), "scenario-name");
  bind_text (self, row, scenario, (TextSetter) cairn_scenario_model_set_name, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = cairn_persona_entry_row (_("Start (RFC 3339)"), cairn_scenario_model_get_start (scenario), "scenario-start");
  bind_text (self, row, scenario, (TextSetter) cairn_scenario_model_set_start, check_time);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = cairn_persona_entry_row (_("End (RFC 3339)"), cairn_scenario_model_get_end (scenario), "scenario-end");
  bind_text (self, row, scenario, (TextSetter) cairn_scenario_model_set_end, check_time);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = spin_row_new (_("Seed"), _("Runs with the same seed give the same results"),
                      0, 9007199254740991.0, 1, 0, (double) cairn_scenario_model_get_seed (scenario),
                      "scenario-seed", &spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_seed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  catalog_group (self, page);
}

/* The members of @persona the editor does not know, kept as written. */
static void
kept_fields (GtkWidget    *page,
             CairnPersona *persona)
{
  g_auto(GStrv) names = cairn_persona_dup_unknown_members (persona);
  g_autofree char *text = NULL;
  GtkWidget *group, *row;

  if (names == NULL || names[0] == NULL)
    return;
  text = g_strjoinv (", ", names);
  group = group_new (page, _("Other Fields"), NULL);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Kept as written"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
on_user_id (AdwEntryRow *row,
            Binding     *binding)
{
  CairnPersonaEditor *self = binding->editor;
  CairnScenarioModel *scenario = model (self);
  g_autoptr(GError) error = NULL;
  guint index;

  if (scenario == NULL || !cairn_scenario_model_find (scenario, CAIRN_PERSONA (binding->object), &index))
    return;
  if (!cairn_persona_editor_rename_user (self, index, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      cairn_persona_set_error (GTK_WIDGET (row), TRUE);
      _cairn_persona_editor_toast (self, error->message);
      return;
    }
  cairn_persona_set_error (GTK_WIDGET (row), FALSE);
}

static const char *outcomes[] = { "completed", "exit_node", "exit_criteria", "goal", "error", "active", "not_entered", NULL };

static void
on_expect_outcome (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   Binding     *binding)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (selected == 0)
    cairn_persona_set_expect_outcome (CAIRN_PERSONA (binding->object), NULL);
  else if (selected <= g_strv_length ((char **) outcomes))
    cairn_persona_set_expect_outcome (CAIRN_PERSONA (binding->object), outcomes[selected - 1]);
  _cairn_persona_editor_touch (binding->editor);
}

static void
on_expect_path (GtkEditable *editable,
                Binding     *binding)
{
  g_auto(GStrv) ids = g_strsplit_set (gtk_editable_get_text (editable), " ,", -1);
  g_autoptr(GStrvBuilder) path = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; ids[i]; i++)
    if (*ids[i])
      g_strv_builder_add (path, ids[i]);
  list = g_strv_builder_end (path);
  cairn_persona_set_expect_path (CAIRN_PERSONA (binding->object), (const char * const *) list);
  _cairn_persona_editor_touch (binding->editor);
}

/* The string at @index of @array, or "" for anything else. */
static const char *
string_at (JsonArray *array,
           guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "";
}

/* What else "expect" holds, which the form keeps as written. */
static char *
other_expectations (JsonObject *expect)
{
  JsonArray *messages = cairn_json_get_array (expect, "messages");
  JsonArray *goals = cairn_json_get_array (expect, "goals");
  GString *others = g_string_new (NULL);

  if (messages)
    g_string_append_printf (others, g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages",
                                                 json_array_get_length (messages)),
                            json_array_get_length (messages));
  if (goals)
    {
      g_string_append_printf (others, "%s%s", others->len ? " · " : "", _("goals:"));
      for (guint i = 0; i < json_array_get_length (goals); i++)
        g_string_append_printf (others, " %s", string_at (goals, i));
      if (json_array_get_length (goals) == 0)
        g_string_append_printf (others, " %s", _("none"));
    }
  if (json_object_has_member (expect, "path_includes") || json_object_has_member (expect, "path_excludes"))
    g_string_append_printf (others, "%s%s", others->len ? " · " : "", _("path includes or excludes"));
  return g_string_free (others, FALSE);
}

static GtkWidget *
outcome_row (CairnPersonaEditor *self,
             CairnPersona       *user)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *outcome = cairn_json_get_string (cairn_persona_get_expect (user), "outcome");
  GtkWidget *combo = adw_combo_row_new ();

  gtk_string_list_append (list, _("Not checked"));
  for (guint i = 0; outcomes[i]; i++)
    gtk_string_list_append (list, outcomes[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Outcome"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (list));
  for (guint i = 0; outcomes[i]; i++)
    if (g_strcmp0 (outcome, outcomes[i]) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i + 1);
  gtk_widget_set_name (combo, "expect-outcome");
  bind (combo, "notify::selected", G_CALLBACK (on_expect_outcome), self, user);
  return combo;
}

static void
expectations_group (CairnPersonaEditor *self,
                    GtkWidget          *page,
                    CairnPersona       *user)
{
  GtkWidget *group = group_new (page, _("Expectations"),
                                _("What this person should do: the scenario then checks the journey"));
  JsonObject *expect = cairn_persona_get_expect (user);
  JsonArray *path = cairn_json_get_array (expect, "path");
  g_autoptr(GString) path_text = g_string_new (NULL);
  g_autofree char *others = expect ? other_expectations (expect) : NULL;
  JsonNode *blocked = cairn_persona_get_kept (user, "expect");
  GtkWidget *combo = outcome_row (self, user);
  GtkWidget *row;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
  for (guint i = 0; path && i < json_array_get_length (path); i++)
    g_string_append_printf (path_text, "%s%s", i ? " " : "", string_at (path, i));
  row = cairn_persona_entry_row (_("Path (node ids)"), path_text->str, "expect-path");
  bind (row, "changed", G_CALLBACK (on_expect_path), self, user);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  cairn_persona_keep_as_written (combo, blocked);
  cairn_persona_keep_as_written (row, blocked);

  if (others && *others)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Also expected (kept as written)"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), others);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
after_click_row (GtkWidget    *group,
                 CairnPersona *persona)
{
  guint n = cairn_persona_get_n_after_click (persona);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (n == 0)
    return;
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up event, kept as written",
                                           "%u follow-up events, kept as written", n), n);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("After a click"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* The groups a person and a persona share: attributes, channels,
 * affinities and events. */
static void
persona_groups (CairnPersonaEditor *self,
                GtkWidget          *page,
                CairnPersona       *persona)
{
  gboolean generated = cairn_persona_is_generated (persona);
  const CairnPersonaKvSpec attributes = { generated, NULL, "attributes", "attribute", NULL, _("Add Attribute") };
  const CairnPersonaKvSpec affinity = { generated, "channels", "affinity", "topic", NULL, _("Add Affinity") };
  GtkWidget *group;

  group = group_new (page, _("Profile Attributes"),
                     generated ? _("A value, or one drawn for each person: uniform, choice or weighted")
                               : _("What predicates and templates read, as user.age or {{user.name}}"));
  cairn_persona_kv_fill (self, group, cairn_persona_get_attributes (persona),
                         cairn_persona_get_kept (persona, "attributes"), &attributes);

  group = group_new (page, _("Channels"),
                     generated ? _("The share reachable on each channel, and how they engage")
                               : _("Reachability, simulated engagement and affinity on each channel"));
  cairn_persona_channels_fill (self, group, persona);
  after_click_row (group, persona);

  group = group_new (page, _("Affinities"),
                     generated ? NULL : _("Scores from 0 to 1 that predicates can test, such as discount"));
  cairn_persona_kv_fill (self, group, cairn_persona_get_affinity (persona),
                         cairn_persona_get_kept (persona, "affinity"), &affinity);

  group = group_new (page, _("Events"),
                     generated ? _("Events each person makes at random over the window")
                               : _("What this person does: at a time, some time after the start, or after a message"));
  cairn_persona_events_fill (self, group, persona);
}

static void
user_page (CairnPersonaEditor *self,
           GtkWidget          *page,
           CairnPersona       *user)
{
  GtkWidget *group, *row;

  if (user == NULL || !cairn_persona_is_object (user))
    return;
  group = group_new (page, _("Person"), NULL);
  row = cairn_persona_entry_row (_("Id"), cairn_persona_get_id (user), "user-id");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  bind (row, "apply", G_CALLBACK (on_user_id), self, user);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  persona_groups (self, page, user);
  expectations_group (self, page, user);
  kept_fields (page, user);
}

static void
on_persona_weight (GtkSpinButton *spin,
                   Binding       *binding)
{
  cairn_persona_set_weight (CAIRN_PERSONA (binding->object), gtk_spin_button_get_value (spin));
  _cairn_persona_editor_touch (binding->editor);
}

static void
persona_page (CairnPersonaEditor *self,
              GtkWidget          *page,
              CairnPersona       *persona)
{
  GtkWidget *group, *row, *spin;

  if (persona == NULL || !cairn_persona_is_object (persona))
    return;
  group = group_new (page, _("Persona"), _("A kind of person in the generated population"));
  row = cairn_persona_entry_row (_("Name"), cairn_persona_get_name (persona), "persona-name");
  bind_text (self, row, persona, (TextSetter) cairn_persona_set_name, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = spin_row_new (_("Weight"), _("Its share of the population is its weight over the sum of weights"),
                      0, 1000000, 1, 2, cairn_persona_get_weight (persona), "persona-weight", &spin);
  bind (spin, "value-changed", G_CALLBACK (on_persona_weight), self, persona);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  persona_groups (self, page, persona);
  kept_fields (page, persona);
}

static void
on_population_count (GtkSpinButton      *spin,
                     CairnPersonaEditor *self)
{
  if (!cairn_scenario_model_has_population (model (self)))
    return;
  cairn_scenario_model_set_count (model (self), (gint64) gtk_spin_button_get_value (spin));
  _cairn_persona_editor_touch (self);
}

static void
on_population_create (GtkButton          *button,
                      CairnPersonaEditor *self)
{
  cairn_scenario_model_ensure_population (model (self), 100, "g");
  cairn_scenario_model_add_persona (model (self), _("shopper"));
  _cairn_persona_editor_touch (self);
  _cairn_persona_editor_queue_rebuild (self);
}

static void
on_persona_activated (AdwActionRow *row,
                      Binding      *binding)
{
  guint index;

  if (cairn_scenario_model_find (model (binding->editor), CAIRN_PERSONA (binding->object), &index))
    cairn_persona_editor_select_persona (binding->editor, index);
}

static void
no_population (CairnPersonaEditor *self,
               GtkWidget          *page)
{
  GtkWidget *group = group_new (page, _("Population"), _("Many generated people, drawn from weighted personas"));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add a Generated Population"));

  gtk_widget_set_name (button, "population-create");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect (button, "clicked", G_CALLBACK (on_population_create), self);
  cairn_persona_keep_as_written (button, cairn_scenario_model_get_kept (model (self), "generate"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
}

static void
personas_group (CairnPersonaEditor *self,
                GtkWidget          *page)
{
  GListModel *list = cairn_scenario_model_get_personas (model (self));
  GtkWidget *group = group_new (page, _("Personas"), NULL);
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");
  double total = 0;

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add Persona"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Persona"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "personas.add-persona");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CairnPersona) persona = g_list_model_get_item (list, i);
      total += cairn_persona_get_weight (persona);
    }
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CairnPersona) persona = g_list_model_get_item (list, i);
      const char *name = cairn_persona_get_name (persona);
      double weight = cairn_persona_get_weight (persona);
      g_autofree char *title = name && *name ? g_strdup (name) : g_strdup_printf (_("Persona %u"), i + 1);
      g_autofree char *subtitle = g_strdup_printf (_("Weight %g · about %.0f%% of the people"), weight,
                                                   total > 0 ? weight * 100 / total : 0);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      bind (row, "activated", G_CALLBACK (on_persona_activated), self, persona);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
population_page (CairnPersonaEditor *self,
                 GtkWidget          *page)
{
  CairnScenarioModel *scenario = model (self);
  GtkWidget *group, *row, *spin;

  if (!cairn_scenario_model_has_population (scenario))
    {
      no_population (self, page);
      return;
    }
  group = group_new (page, _("Population"), _("Many generated people, drawn from weighted personas"));
  row = spin_row_new (_("People"), _("How many people to generate"), 0, 10000000, 100, 0,
                      cairn_scenario_model_get_count (scenario), "population-count", &spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_population_count), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = cairn_persona_entry_row (_("Id prefix"), cairn_scenario_model_get_id_prefix (scenario) ?: "g", "population-prefix");
  bind_text (self, row, scenario, (TextSetter) cairn_scenario_model_set_id_prefix, check_not_empty);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  personas_group (self, page);
}

void
_cairn_persona_page_fill (CairnPersonaEditor   *self,
                          GtkWidget            *page,
                          CairnPersonaItemKind  kind,
                          CairnPersona         *persona)
{
  switch (kind)
    {
    case CAIRN_PERSONA_ITEM_SETTINGS:
      settings_page (self, page);
      break;
    case CAIRN_PERSONA_ITEM_USER:
      user_page (self, page, persona);
      break;
    case CAIRN_PERSONA_ITEM_POPULATION:
      population_page (self, page);
      break;
    case CAIRN_PERSONA_ITEM_PERSONA:
      persona_page (self, page, persona);
      break;
    default:
      break;
    }
}
