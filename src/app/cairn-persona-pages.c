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

static JsonObject *
scenario (CairnPersonaEditor *self)
{
  return json_node_get_object (cairn_persona_editor_get_scenario (self));
}

gboolean
_cairn_persona_parse_key (const char *key,
                          const char *kind,
                          guint      *index)
{
  gsize n = strlen (kind);

  if (key == NULL || strncmp (key, kind, n) != 0 || key[n] != ':')
    return FALSE;
  *index = atoi (key + n + 1);
  return TRUE;
}


/* The list */

static void
describe_item (CairnPersonaEditor  *self,
               const char          *key,
               char               **title,
               char               **subtitle,
               const char         **icon)
{
  guint index;

  if (g_strcmp0 (key, "settings") == 0)
    {
      const char *name = cairn_json_get_string (scenario (self), "name");
      *title = g_strdup (name && *name ? name : _("Scenario"));
      *subtitle = g_strdup (_("Window, seed and catalog"));
      *icon = "document-properties-symbolic";
    }
  else if (_cairn_persona_parse_key (key, "user", &index))
    {
      JsonObject *user = cairn_persona_object_at (_cairn_persona_editor_users (self), index);
      JsonObject *attributes = cairn_json_get_object (user, "attributes");
      JsonArray *events = cairn_json_get_array (user, "events");
      guint n = events ? json_array_get_length (events) : 0;
      const char *name = cairn_json_get_string (attributes, "name");
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);

      *title = g_strdup (cairn_json_get_string (user, "id") ?: "?");
      *subtitle = name ? g_strdup_printf ("%s · %s", name, count) : g_steal_pointer (&count);
      *icon = "avatar-default-symbolic";
    }
  else if (g_strcmp0 (key, "population") == 0)
    {
      JsonObject *generate = cairn_json_get_object (scenario (self), "generate");
      double count = 0;

      cairn_json_get_number (generate, "count", &count);
      *title = g_strdup (_("Population"));
      *subtitle = generate ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f generated person",
                                                           "%.0f generated people", (gulong) count), count)
                           : g_strdup (_("None"));
      *icon = "system-users-symbolic";
    }
  else if (_cairn_persona_parse_key (key, "persona", &index))
    {
      JsonObject *persona = cairn_persona_object_at (_cairn_persona_editor_personas (self), index);
      const char *name = cairn_json_get_string (persona, "name");
      double weight = 1;

      cairn_json_get_number (persona, "weight", &weight);
      *title = name && *name ? g_strdup (name) : g_strdup_printf (_("Persona %u"), index + 1);
      *subtitle = g_strdup_printf (_("Weight %g"), weight);
      *icon = "avatar-default-symbolic";
    }
  else
    {
      *title = g_strdup (key);
      *subtitle = NULL;
      *icon = NULL;
    }
}

/* A row of the editor's list: the item it stands for and its two lines. */
struct _CairnPersonaItemRow
{
  GtkListBoxRow  parent_instance;

  char          *key;
  GtkLabel      *title;
  GtkLabel      *subtitle;
};

G_DEFINE_FINAL_TYPE (CairnPersonaItemRow, cairn_persona_item_row, GTK_TYPE_LIST_BOX_ROW)

static void
cairn_persona_item_row_finalize (GObject *object)
{
  g_free (CAIRN_PERSONA_ITEM_ROW (object)->key);
  G_OBJECT_CLASS (cairn_persona_item_row_parent_class)->finalize (object);
}

static void
cairn_persona_item_row_class_init (CairnPersonaItemRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_persona_item_row_finalize;
}

static void
cairn_persona_item_row_init (CairnPersonaItemRow *self)
{
}

const char *
cairn_persona_item_row_get_key (CairnPersonaItemRow *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_ITEM_ROW (self), NULL);
  return self->key;
}

void
_cairn_persona_row_update (GtkWidget          *widget,
                           CairnPersonaEditor *self)
{
  CairnPersonaItemRow *row = CAIRN_PERSONA_ITEM_ROW (widget);
  const char *key = row->key;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *icon = NULL;

  if (key == NULL || cairn_persona_editor_get_scenario (self) == NULL)
    return;
  describe_item (self, key, &title, &subtitle, &icon);
  gtk_label_set_text (row->title, title);
  gtk_label_set_text (row->subtitle, subtitle ? subtitle : "");
}

GtkWidget *
_cairn_persona_row_new (gpointer item,
                        gpointer data)
{
  CairnPersonaEditor *self = data;
  const char *key = gtk_string_object_get_string (item);
  CairnPersonaItemRow *item_row = g_object_new (CAIRN_TYPE_PERSONA_ITEM_ROW, NULL);
  GtkWidget *row = GTK_WIDGET (item_row);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  g_autofree char *title_text = NULL;
  g_autofree char *subtitle_text = NULL;
  g_autofree char *name = g_strdup_printf ("item-%s", key);
  const char *icon = NULL;

  describe_item (self, key, &title_text, &subtitle_text, &icon);
  gtk_widget_set_name (row, name);
  item_row->key = g_strdup (key);
  item_row->title = GTK_LABEL (title);
  item_row->subtitle = GTK_LABEL (subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  if (g_str_has_prefix (key, "persona:"))
    gtk_widget_set_margin_start (box, 14);
  if (icon)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text ? subtitle_text : "");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static guint
item_section (const char *key)
{
  if (key == NULL || g_strcmp0 (key, "settings") == 0)
    return 0;
  return g_str_has_prefix (key, "user:") ? 1 : 2;
}

void
_cairn_persona_row_header (GtkListBoxRow *row,
                           GtkListBoxRow *before,
                           gpointer       data)
{
  guint section = item_section (CAIRN_PERSONA_ITEM_ROW (row)->key);
  GtkWidget *header;

  if (section == 0 || (before && item_section (CAIRN_PERSONA_ITEM_ROW (before)->key) == section))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (section == 1 ? _("Scripted People") : _("Generated Population"));
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 4);
  gtk_list_box_row_set_header (row, header);
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

/* A string member edited by an entry; @check, when given, says whether
 * the text may be written. */
typedef gboolean (*TextCheck) (const char *text);

/* What a control of a page edits: the editor, the JSON object it writes
 * and which member, or the person or persona at @index. One per signal
 * handler, freed with it. */
typedef struct
{
  CairnPersonaEditor *editor;  /* not a reference: the page lives in it */
  JsonObject         *object;
  char               *member;
  TextCheck           check;
  guint               index;
} Binding;

static void
binding_free (gpointer  data,
              GClosure *closure)
{
  Binding *binding = data;

  g_clear_pointer (&binding->object, json_object_unref);
  g_free (binding->member);
  g_free (binding);
}

static void
bind (gpointer            instance,
      const char         *signal,
      GCallback           callback,
      CairnPersonaEditor *self,
      JsonObject         *object,
      const char         *member,
      guint               index)
{
  Binding *binding = g_new0 (Binding, 1);

  binding->editor = self;
  binding->object = object ? json_object_ref (object) : NULL;
  binding->member = g_strdup (member);
  binding->index = index;
  g_signal_connect_data (instance, signal, callback, binding, binding_free, 0);
}

static void
on_member_text (GtkEditable *editable,
                Binding     *binding)
{
  const char *text = gtk_editable_get_text (editable);
  gboolean ok = binding->check == NULL || binding->check (text);

  cairn_persona_set_error (GTK_WIDGET (editable), !ok);
  if (!ok)
    return;
  json_object_set_string_member (binding->object, binding->member, text);
  _cairn_persona_editor_touch (binding->editor);
}

static void
bind_text (CairnPersonaEditor *self,
           GtkWidget          *editable,
           JsonObject         *object,
           const char         *member,
           TextCheck           check)
{
  Binding *binding = g_new0 (Binding, 1);

  binding->editor = self;
  binding->object = json_object_ref (object);
  binding->member = g_strdup (member);
  binding->check = check;
  g_signal_connect_data (editable, "changed", G_CALLBACK (on_member_text), binding, binding_free, 0);
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
  json_object_set_int_member (scenario (self), "seed", (gint64) gtk_spin_button_get_value (spin));
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
      json_object_set_string_member (scenario (self), "catalog", path);
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
  json_object_remove_member (scenario (self), "catalog");
  _cairn_persona_editor_touch (self);
  _cairn_persona_editor_queue_rebuild (self);
}

static void
settings_page (CairnPersonaEditor *self,
               GtkWidget          *page)
{
  JsonObject *object = scenario (self);
  GtkWidget *group = group_new (page, _("Scenario"), _("The simulated window runs from the start to the end, both included."));
  GtkWidget *row, *spin, *button;
  JsonNode *catalog = json_object_get_member (object, "catalog");
  double seed = 0;

  row = cairn_persona_entry_row (_("Name"), cairn_json_get_string (object, "name"), "scenario-name");
  bind_text (self, row, object, "name", NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = cairn_persona_entry_row (_("Start (RFC 3339)"), cairn_json_get_string (object, "start"), "scenario-start");
  bind_text (self, row, object, "start", check_time);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = cairn_persona_entry_row (_("End (RFC 3339)"), cairn_json_get_string (object, "end"), "scenario-end");
  bind_text (self, row, object, "end", check_time);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  cairn_json_get_number (object, "seed", &seed);
  row = spin_row_new (_("Seed"), _("Runs with the same seed give the same results"),
                      0, 9007199254740991.0, 1, 0, seed, "scenario-seed", &spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_seed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  group = group_new (page, _("Catalog"), _("The products that messages recommend"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Catalog"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (catalog && JSON_NODE_HOLDS_OBJECT (catalog))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Written inside the scenario"));
  else if (cairn_json_get_string (object, "catalog"))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cairn_json_get_string (object, "catalog"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("None: messages recommend nothing"));
  button = gtk_button_new_with_mnemonic (_("C_hoose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_catalog_choose), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  if (catalog != NULL)
    {
      button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("No catalog"));
      g_signal_connect (button, "clicked", G_CALLBACK (on_catalog_clear), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
kept_fields (GtkWidget  *page,
             JsonObject *object,
             const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GString) names = g_string_new (NULL);
  GtkWidget *group, *row;

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      g_string_append_printf (names, "%s%s", names->len ? ", " : "", (const char *) l->data);
  if (names->len == 0)
    return;
  group = group_new (page, _("Other Fields"), NULL);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Kept as written"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), names->str);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
on_user_id (AdwEntryRow *row,
            Binding     *binding)
{
  CairnPersonaEditor *self = binding->editor;
  guint index = binding->index;
  g_autoptr(GError) error = NULL;

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
  CairnPersonaEditor *self = binding->editor;
  JsonObject *user = binding->object;
  guint selected = adw_combo_row_get_selected (combo);
  JsonObject *expect;

  if (selected == 0)
    {
      expect = cairn_json_get_object (user, "expect");
      if (expect)
        json_object_remove_member (expect, "outcome");
      cairn_persona_prune (user, "expect");
    }
  else if (selected <= g_strv_length ((char **) outcomes))
    json_object_set_string_member (cairn_persona_ensure_object (user, "expect"), "outcome", outcomes[selected - 1]);
  _cairn_persona_editor_touch (self);
}

static void
on_expect_path (GtkEditable *editable,
                Binding     *binding)
{
  CairnPersonaEditor *self = binding->editor;
  JsonObject *user = binding->object;
  g_auto(GStrv) ids = g_strsplit_set (gtk_editable_get_text (editable), " ,", -1);
  JsonArray *path = json_array_new ();

  for (guint i = 0; ids[i]; i++)
    if (*ids[i])
      json_array_add_string_element (path, ids[i]);
  if (json_array_get_length (path) == 0)
    {
      JsonObject *expect = cairn_json_get_object (user, "expect");
      json_array_unref (path);
      if (expect)
        json_object_remove_member (expect, "path");
      cairn_persona_prune (user, "expect");
    }
  else
    json_object_set_array_member (cairn_persona_ensure_object (user, "expect"), "path", path);
  _cairn_persona_editor_touch (self);
}

/* The string at @index of @array, or "" for anything else. */
static const char *
string_at (JsonArray *array,
           guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "";
}

static void
expectations_group (CairnPersonaEditor *self,
                    GtkWidget          *page,
                    JsonObject         *user)
{
  GtkWidget *group = group_new (page, _("Expectations"),
                                _("What this person should do: the scenario then checks the journey"));
  JsonObject *expect = cairn_json_get_object (user, "expect");
  JsonArray *path = cairn_json_get_array (expect, "path");
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GString) path_text = g_string_new (NULL);
  g_autoptr(GString) others = g_string_new (NULL);
  const char *outcome = cairn_json_get_string (expect, "outcome");
  GtkWidget *combo, *row;
  JsonNode *blocked;

  gtk_string_list_append (list, _("Not checked"));
  for (guint i = 0; outcomes[i]; i++)
    gtk_string_list_append (list, outcomes[i]);
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Outcome"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (list));
  for (guint i = 0; outcomes[i]; i++)
    if (g_strcmp0 (outcome, outcomes[i]) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i + 1);
  gtk_widget_set_name (combo, "expect-outcome");
  bind (combo, "notify::selected", G_CALLBACK (on_expect_outcome), self, user, NULL, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);

  for (guint i = 0; path && i < json_array_get_length (path); i++)
    g_string_append_printf (path_text, "%s%s", i ? " " : "", string_at (path, i));
  row = cairn_persona_entry_row (_("Path (node ids)"), path_text->str, "expect-path");
  bind (row, "changed", G_CALLBACK (on_expect_path), self, user, NULL, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  blocked = cairn_persona_path_blocked (user, (const char *[]) { "expect", NULL });
  cairn_persona_keep_as_written (combo, blocked);
  cairn_persona_keep_as_written (row, blocked);

  if (expect)
    {
      JsonArray *messages = cairn_json_get_array (expect, "messages");
      JsonArray *goals = cairn_json_get_array (expect, "goals");

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
    }
  if (others->len)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Also expected (kept as written)"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), others->str);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
after_click_row (GtkWidget  *group,
                 JsonObject *owner)
{
  JsonObject *behavior = cairn_json_get_object (owner, "behavior");
  JsonArray *after = cairn_json_get_array (behavior, "after_click");
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (after == NULL || json_array_get_length (after) == 0)
    return;
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up event, kept as written",
                                           "%u follow-up events, kept as written", json_array_get_length (after)),
                              json_array_get_length (after));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("After a click"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
user_page (CairnPersonaEditor *self,
           GtkWidget          *page,
           guint               index)
{
  static const char * const known[] = { "id", "attributes", "reachability", "affinity", "behavior", "events", "expect", NULL };
  JsonObject *user = cairn_persona_object_at (_cairn_persona_editor_users (self), index);
  const CairnPersonaKvSpec attributes = { "attributes", FALSE, NULL, "attributes", "attribute", NULL, _("Add Attribute") };
  const CairnPersonaKvSpec affinity = { "affinity", FALSE, "channels", "affinity", "topic", NULL, _("Add Affinity") };
  GtkWidget *group, *row;

  if (user == NULL)
    return;
  group = group_new (page, _("Person"), NULL);
  row = cairn_persona_entry_row (_("Id"), cairn_json_get_string (user, "id"), "user-id");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  bind (row, "apply", G_CALLBACK (on_user_id), self, NULL, NULL, index);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  group = group_new (page, _("Profile Attributes"), _("What predicates and templates read, as user.age or {{user.name}}"));
  cairn_persona_kv_fill (self, group, user, &attributes);

  group = group_new (page, _("Channels"), _("Reachability, simulated engagement and affinity on each channel"));
  cairn_persona_channels_fill (self, group, user, FALSE);
  after_click_row (group, user);

  group = group_new (page, _("Affinities"), _("Scores from 0 to 1 that predicates can test, such as discount"));
  cairn_persona_kv_fill (self, group, user, &affinity);

  group = group_new (page, _("Events"), _("What this person does: at a time, some time after the start, or after a message"));
  cairn_persona_events_fill (self, group, user, FALSE);

  expectations_group (self, page, user);
  kept_fields (page, user, known);
}

static void
on_persona_weight (GtkSpinButton *spin,
                   Binding       *binding)
{
  cairn_persona_set_number (binding->object, "weight", gtk_spin_button_get_value (spin));
  _cairn_persona_editor_touch (binding->editor);
}

static void
persona_page (CairnPersonaEditor *self,
              GtkWidget          *page,
              guint               index)
{
  static const char * const known[] = { "name", "weight", "attributes", "reachability", "affinity", "behavior", "events", NULL };
  JsonObject *persona = cairn_persona_object_at (_cairn_persona_editor_personas (self), index);
  const CairnPersonaKvSpec attributes = { "attributes", TRUE, NULL, "attributes", "attribute", NULL, _("Add Attribute") };
  const CairnPersonaKvSpec affinity = { "affinity", TRUE, "channels", "affinity", "topic", NULL, _("Add Affinity") };
  GtkWidget *group, *row, *spin;
  double weight = 1;

  if (persona == NULL)
    return;
  group = group_new (page, _("Persona"), _("A kind of person in the generated population"));
  row = cairn_persona_entry_row (_("Name"), cairn_json_get_string (persona, "name"), "persona-name");
  bind_text (self, row, persona, "name", NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  cairn_json_get_number (persona, "weight", &weight);
  row = spin_row_new (_("Weight"), _("Its share of the population is its weight over the sum of weights"),
                      0, 1000000, 1, 2, weight, "persona-weight", &spin);
  bind (spin, "value-changed", G_CALLBACK (on_persona_weight), self, persona, NULL, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  group = group_new (page, _("Profile Attributes"), _("A value, or one drawn for each person: uniform, choice or weighted"));
  cairn_persona_kv_fill (self, group, persona, &attributes);

  group = group_new (page, _("Channels"), _("The share reachable on each channel, and how they engage"));
  cairn_persona_channels_fill (self, group, persona, TRUE);
  after_click_row (group, persona);

  group = group_new (page, _("Affinities"), NULL);
  cairn_persona_kv_fill (self, group, persona, &affinity);

  group = group_new (page, _("Events"), _("Events each person makes at random over the window"));
  cairn_persona_events_fill (self, group, persona, TRUE);
  kept_fields (page, persona, known);
}

static void
on_population_count (GtkSpinButton      *spin,
                     CairnPersonaEditor *self)
{
  JsonObject *generate = cairn_json_get_object (scenario (self), "generate");

  if (generate == NULL)
    return;
  json_object_set_int_member (generate, "count", (gint64) gtk_spin_button_get_value (spin));
  _cairn_persona_editor_touch (self);
}

static void
on_population_create (GtkButton          *button,
                      CairnPersonaEditor *self)
{
  JsonObject *generate = cairn_persona_ensure_object (scenario (self), "generate");
  JsonObject *persona = json_object_new ();
  JsonArray *list = json_array_new ();

  json_object_set_int_member (generate, "count", 100);
  json_object_set_string_member (generate, "id_prefix", "g");
  json_object_set_string_member (persona, "name", _("shopper"));
  json_object_set_int_member (persona, "weight", 1);
  json_array_add_object_element (list, persona);
  json_object_set_array_member (generate, "personas", list);
  _cairn_persona_editor_touch (self);
  _cairn_persona_editor_queue_rebuild (self);
}

static void
on_persona_activated (AdwActionRow *row,
                      Binding      *binding)
{
  cairn_persona_editor_select_persona (binding->editor, binding->index);
}

static void
population_page (CairnPersonaEditor *self,
                 GtkWidget          *page)
{
  JsonObject *generate = cairn_json_get_object (scenario (self), "generate");
  JsonArray *list = _cairn_persona_editor_personas (self);
  GtkWidget *group, *row, *spin, *button;
  double count = 0, total = 0;

  if (generate == NULL)
    {
      group = group_new (page, _("Population"), _("Many generated people, drawn from weighted personas"));
      button = gtk_button_new_with_mnemonic (_("_Add a Generated Population"));
      gtk_widget_set_name (button, "population-create");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      g_signal_connect (button, "clicked", G_CALLBACK (on_population_create), self);
      cairn_persona_keep_as_written (button, json_object_get_member (scenario (self), "generate"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
      return;
    }
  group = group_new (page, _("Population"), _("Many generated people, drawn from weighted personas"));
  cairn_json_get_number (generate, "count", &count);
  row = spin_row_new (_("People"), _("How many people to generate"), 0, 10000000, 100, 0, count,
                      "population-count", &spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_population_count), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = cairn_persona_entry_row (_("Id prefix"), cairn_json_get_string (generate, "id_prefix") ?: "g", "population-prefix");
  bind_text (self, row, generate, "id_prefix", check_not_empty);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  group = group_new (page, _("Personas"), NULL);
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add Persona"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "personas.add-persona");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      double weight = 1;
      cairn_json_get_number (cairn_persona_object_at (list, i), "weight", &weight);
      total += weight;
    }
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *persona = cairn_persona_object_at (list, i);
      const char *name = cairn_json_get_string (persona, "name");
      g_autofree char *title = name && *name ? g_strdup (name) : g_strdup_printf (_("Persona %u"), i + 1);
      g_autofree char *subtitle = NULL;
      double weight = 1;

      cairn_json_get_number (persona, "weight", &weight);
      subtitle = g_strdup_printf (_("Weight %g · about %.0f%% of the people"), weight, total > 0 ? weight * 100 / total : 0);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      bind (row, "activated", G_CALLBACK (on_persona_activated), self, NULL, NULL, i);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

void
_cairn_persona_page_fill (CairnPersonaEditor *self,
                          GtkWidget          *page,
                          const char         *key)
{
  guint index;

  if (g_strcmp0 (key, "settings") == 0)
    settings_page (self, page);
  else if (_cairn_persona_parse_key (key, "user", &index))
    user_page (self, page, index);
  else if (g_strcmp0 (key, "population") == 0)
    population_page (self, page);
  else if (_cairn_persona_parse_key (key, "persona", &index))
    persona_page (self, page, index);
}
