/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-inspector.h"
#include "cairn-a11y.h"
#include "cairn-diagnostic.h"
#include "cairn-inspector-private.h"
#include "cairn-json.h"
#include "cairn-scroll-guard.h"
#include "cairn-summary.h"
#include "cairn-template.h"

struct _CairnInspector
{
  GtkWidget       parent_instance;

  GtkWidget      *scrolled;
  AdwBin         *page_bin;
  GtkLabel       *preview_label;
  /* Kept up to date in place while the user edits the form: */
  AdwPreferencesGroup *summary_group;  /* its description is the node's summary */
  GtkBox         *problems_box;        /* holds the "Problems" group */

  CairnJourney   *journey;
  CairnUndoStack *undo;
  char           *node_id;
  GPtrArray      *diagnostics;
  CairnFieldTarget target;
  /* Set while our own edit goes through, so the form is not rebuilt
   * under the user's fingers. */
  gboolean        editing;
  guint           rebuild_id;
  char           *preview;
};

G_DEFINE_FINAL_TYPE (CairnInspector, cairn_inspector, GTK_TYPE_WIDGET)

static void rebuild (CairnInspector *self);
static void update_in_place (CairnInspector *self);

/* The text of an HTML email body, for a preview in a label: block ends
 * become line breaks, tags go, the few entities the renderer writes are
 * decoded. */
static char *
html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          if (end == NULL)
            break;
          if (g_str_has_prefix (p, "</p") || g_str_has_prefix (p, "<br") || g_str_has_prefix (p, "</h"))
            g_string_append_c (out, '\n');
          else if (g_str_has_prefix (p, "<li"))
            g_string_append (out, "\n• ");
          p = end;
        }
      else if (*p == '&')
        {
          static const struct { const char *entity; char c; } entities[] = {
            { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
          };
          gboolean done = FALSE;
          for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
            if (g_str_has_prefix (p, entities[i].entity))
              {
                g_string_append_c (out, entities[i].c);
                p += strlen (entities[i].entity) - 1;
                done = TRUE;
              }
          if (!done)
            g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static JsonNode *
parse_literal (const char *text)
{
  return cairn_json_parse (text, strlen (text), NULL, NULL, NULL);
}

/* A sample persona for previews: Sophie bought a sofa. */
static void
render_preview (CairnInspector *self)
{
  CairnNode *node;
  g_autoptr(JsonNode) attributes = NULL;
  g_autoptr(JsonNode) event = NULL;
  g_autoptr(JsonNode) products = NULL;
  CairnTemplateContext context = { "sophie" };
  static const char * const members[] = { "subject", "title", "text", "body", NULL };
  GString *out;

  if (self->preview_label == NULL || self->node_id == NULL)
    return;
  node = cairn_journey_find_node (self->journey, self->node_id);
  if (node == NULL || node->config == NULL)
    return;

  attributes = parse_literal ("{\"name\":\"Sophie\",\"first_name\":\"Sophie\",\"city\":\"London\",\"loyalty_tier\":\"gold\"}");
  event = parse_literal ("{\"product_id\":\"sofa-oslo\",\"product_name\":\"Oslo sofa\",\"category\":\"furniture\","
                            "\"price\":899,\"destination\":\"Los Angeles\",\"departure_date\":\"2026-12-18\"}");
  products = parse_literal ("[{\"name\":\"Linen cushion\",\"price\":29,\"currency\":\"GBP\",\"category\":\"home-decor\"},"
                               "{\"name\":\"Arc floor lamp\",\"price\":149,\"currency\":\"GBP\",\"category\":\"lighting\"},"
                               "{\"name\":\"Wool rug\",\"price\":199,\"currency\":\"GBP\",\"category\":\"rugs\"}]");
  context.attributes = json_node_get_object (attributes);
  context.event = json_node_get_object (event);
  context.products = json_node_get_array (products);

  out = g_string_new (NULL);
  for (guint i = 0; members[i] != NULL; i++)
    {
      const char *text = cairn_json_get_string (node->config, members[i]);
      g_autofree char *rendered = NULL;

      if (text == NULL)
        continue;
      if (g_strcmp0 (cairn_node_kind_html_field (node->kind), members[i]) == 0)
        {
          g_autofree char *html = cairn_template_render_text (text, &context, TRUE);
          rendered = html_to_text (html);
        }
      else
        rendered = cairn_template_render_text (text, &context, FALSE);
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, rendered);
    }
  g_free (self->preview);
  self->preview = g_string_free (out, FALSE);
  gtk_label_set_label (self->preview_label, *self->preview ? self->preview : _("Nothing to show yet"));
}

/* Edits of the selected node's config (and its label) */
static void
node_sink (gpointer    data,
           const char *member,
           JsonNode   *value,
           const char *label,
           gboolean    structural)
{
  CairnInspector *self = data;
  g_autoptr(JsonNode) owned = value;
  g_autoptr(JsonObject) config = NULL;
  g_autofree char *merge_key = NULL;
  g_autofree char *step = NULL;
  g_autofree char *node_id = g_strdup (self->node_id);
  CairnNode *node;

  node = node_id ? cairn_journey_find_node (self->journey, node_id) : NULL;
  if (node == NULL)
    return;

  self->editing = TRUE;
  if (structural)
    cairn_undo_stack_seal (self->undo);
  if (g_strcmp0 (member, "label") == 0 && label == NULL)
    {
      cairn_journey_set_node_label (self->journey, node_id, value ? json_node_get_string (value) : NULL);
      step = g_strdup (_("Rename Node"));
    }
  else
    {
      config = node->config ? cairn_json_object_deep_copy (node->config) : json_object_new ();
      if (value != NULL)
        json_object_set_member (config, member, g_steal_pointer (&owned));
      else if (json_object_has_member (config, member))
        json_object_remove_member (config, member);
      cairn_journey_set_node_config (self->journey, node_id, config);
      /* Translators: an undo step, "Edit Subject" */
      step = g_strdup_printf (_("Edit %s"), label ? label : member);
    }
  merge_key = g_strdup_printf ("%s/%s", node_id, member);
  cairn_undo_stack_record (self->undo, step, structural ? NULL : merge_key);
  if (structural)
    cairn_undo_stack_seal (self->undo);
  self->editing = FALSE;

  render_preview (self);
  if (structural)
    rebuild (self);
  else
    update_in_place (self);
}

/* Edits of the journey's own members */
static void
journey_sink (gpointer    data,
              const char *member,
              JsonNode   *value,
              const char *label,
              gboolean    structural)
{
  CairnInspector *self = data;
  g_autoptr(JsonNode) owned = value;
  g_autofree char *step = NULL;
  g_autofree char *merge_key = NULL;

  self->editing = TRUE;
  if (structural)
    cairn_undo_stack_seal (self->undo);
  cairn_journey_set_member (self->journey, member, value);
  step = g_strdup_printf (_("Edit %s"), label ? label : member);
  merge_key = g_strdup_printf ("journey/%s", member);
  cairn_undo_stack_record (self->undo, step, structural ? NULL : merge_key);
  if (structural)
    cairn_undo_stack_seal (self->undo);
  self->editing = FALSE;
  if (structural)
    rebuild (self);
  else
    update_in_place (self);
}

static void
on_label_changed (AdwEntryRow    *row,
                  CairnInspector *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  node_sink (self, "label", *text ? _cairn_json_string (text) : NULL, NULL, FALSE);
}

static void
on_delete_clicked (CairnInspector *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.delete", NULL);
}

static GtkWidget *
node_header_new (CairnInspector *self,
                 CairnNode      *node)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (node->kind ? node->kind->icon_name : "dialog-question-symbolic");
  GtkWidget *title = gtk_label_new (node->kind ? _(node->kind->name) : node->type ? node->type : _("Node"));
  GtkWidget *description = gtk_label_new (node->kind ? _(node->kind->description) : _("Cairn does not know this kind of node"));
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_add_css_class (icon, "inspector-icon");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), description);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_valign (delete, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (delete, _("Delete Node (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Node"), -1);
  g_signal_connect_swapped (delete, "clicked", G_CALLBACK (on_delete_clicked), self);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), delete);
  return box;
}

static void
add_problems (CairnInspector *self,
              GtkBox         *box,
              const char     *node_id)
{
  AdwPreferencesGroup *group = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  for (guint i = 0; self->diagnostics != NULL && i < self->diagnostics->len; i++)
    {
      CairnDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, i);
      GtkWidget *row, *icon;

      if (g_strcmp0 (diagnostic->node_id, node_id) != 0)
        continue;
      if (group == NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, _("Problems"));
          gtk_box_append (box, GTK_WIDGET (group));
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diagnostic->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      icon = gtk_image_new_from_icon_name (diagnostic->severity == CAIRN_SEVERITY_ERROR
                                           ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, diagnostic->severity == CAIRN_SEVERITY_ERROR ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (box), group != NULL);
}

static GtkBox *
problems_box_new (CairnInspector *self,
                  GtkBox         *page,
                  const char     *node_id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (page, box);
  add_problems (self, GTK_BOX (box), node_id);
  return GTK_BOX (box);
}

/* The summary and the problems follow the document while the form is
 * being edited (the form itself is not rebuilt under the user's fingers). */
static void
update_in_place (CairnInspector *self)
{
  CairnNode *node = NULL;

  if (self->journey != NULL && self->node_id != NULL)
    node = cairn_journey_find_node (self->journey, self->node_id);
  if (node != NULL && self->summary_group != NULL)
    {
      g_autofree char *summary = cairn_node_summary (node);
      adw_preferences_group_set_description (self->summary_group, summary);
    }
  if (self->problems_box != NULL)
    add_problems (self, self->problems_box, node != NULL ? node->id : NULL);
}

/* Connections: where each port leads, chosen from a list, so that a
 * keyboard connects as well as a drag does. */
static void
on_port_target_chosen (AdwComboRow    *row,
                       GParamSpec     *pspec,
                       CairnInspector *self)
{
  GStrv targets = g_object_get_data (G_OBJECT (row), "targets");
  guint selected = adw_combo_row_get_selected (row);
  const char *from = g_object_get_data (G_OBJECT (row), "from");
  const char *port = g_object_get_data (G_OBJECT (row), "port");

  if (selected == GTK_INVALID_LIST_POSITION || selected > g_strv_length (targets))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.connect-port", "(sss)", from, port,
                              selected == 0 ? "" : targets[selected - 1]);
}

static void
add_connections (CairnInspector *self,
                 GtkBox         *page,
                 CairnNode      *node)
{
  g_autoptr(GPtrArray) ports = cairn_node_kind_ports (node->kind, node->config);
  AdwPreferencesGroup *group;

  if (ports->len == 0)
    return;
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Connections"));
  adw_preferences_group_set_description (group, _("Where people go from each port"));
  for (guint p = 0; p < ports->len; p++)
    {
      CairnPort *port = g_ptr_array_index (ports, p);
      CairnEdge *edge = cairn_journey_find_edge (self->journey, node->id, port->id);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      GtkWidget *row = adw_combo_row_new ();
      guint selected = 0, n = 0;

      gtk_string_list_append (names, _("Not connected"));
      for (guint i = 0; i < cairn_journey_get_n_nodes (self->journey); i++)
        {
          CairnNode *other = cairn_journey_get_node (self->journey, i);

          if (other == node || other->id == NULL || (other->kind != NULL && other->kind->is_starter))
            continue;
          gtk_string_list_append (names, other->label && *other->label ? other->label : other->id);
          g_strv_builder_add (ids, other->id);
          n++;
          if (edge != NULL && g_strcmp0 (edge->to, other->id) == 0)
            selected = n;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), port->label);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data_full (G_OBJECT (row), "targets", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
      g_object_set_data_full (G_OBJECT (row), "from", g_strdup (node->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "port", g_strdup (port->id), g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_port_target_chosen), self);
      if (edge == NULL)
        {
          GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

          gtk_widget_add_css_class (add, "flat");
          gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (add, _("Add the Next Node Here"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Add the Next Node Here"), -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.add-at-port");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "(ss)", node->id, port->id);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
        }
      adw_preferences_group_add (group, row);
    }
  gtk_box_append (page, GTK_WIDGET (group));
}


/* Editors that take a group of their own, under the field's label. */
static gboolean
field_is_wide (const CairnFieldSpec *spec)
{
  return spec->type == CAIRN_FIELD_PREDICATE || spec->type == CAIRN_FIELD_TABS ||
         spec->type == CAIRN_FIELD_VARIANTS || spec->type == CAIRN_FIELD_CHANNELS ||
         (spec->type == CAIRN_FIELD_TEMPLATE && (g_str_equal (spec->name, "body") || g_str_equal (spec->name, "text")));
}

static void
build_node_page (CairnInspector *self,
                 GtkBox         *page,
                 CairnNode      *node)
{
  AdwPreferencesGroup *general = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *settings = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *label_row = adw_entry_row_new ();
  GtkWidget *id_row = adw_action_row_new ();
  g_autofree char *summary = cairn_node_summary (node);

  self->target.sink = node_sink;
  self->target.node_id = self->node_id;
  gtk_box_append (page, node_header_new (self, node));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (label_row), _("Label"));
  gtk_editable_set_text (GTK_EDITABLE (label_row), node->label ?: "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (label_row), FALSE);
  cairn_a11y_expose_entry_text (label_row);
  g_signal_connect (label_row, "changed", G_CALLBACK (on_label_changed), self);
  adw_preferences_group_add (general, label_row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (id_row), _("Id"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (id_row), node->id ?: "");
  gtk_widget_add_css_class (id_row, "property");
  adw_preferences_group_add (general, id_row);
  adw_preferences_group_set_description (general, summary);
  gtk_box_append (page, GTK_WIDGET (general));
  self->summary_group = general;

  self->problems_box = problems_box_new (self, page, node->id);

  if (node->kind != NULL && node->kind->n_fields > 0)
    {
      guint n_rows = 0;
      /* Fields keep the registry's order: the rows after a wide editor go
         in a group below it, so an email's body stands by its subject. */
      AdwPreferencesGroup *rows = settings;

      for (guint i = 0; i < node->kind->n_fields && !field_is_wide (&node->kind->fields[i]); i++)
        n_rows++;
      adw_preferences_group_set_title (settings, _("Settings"));
      gtk_box_append (page, GTK_WIDGET (settings));
      gtk_widget_set_visible (GTK_WIDGET (settings), n_rows > 0);
      for (guint i = 0; i < node->kind->n_fields; i++)
        {
          const CairnFieldSpec *spec = &node->kind->fields[i];
          JsonNode *value = node->config ? json_object_get_member (node->config, spec->name) : NULL;
          gboolean wide = field_is_wide (spec);

          if (!wide && rows == NULL)
            {
              rows = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
              gtk_box_append (page, GTK_WIDGET (rows));
            }
          _cairn_field_add (spec, value, &self->target, rows ? rows : settings, page);
          if (wide)
            rows = NULL;
        }
    }

  add_connections (self, page, node);

  if (cairn_node_kind_sends_text (node->kind))
    {
      AdwPreferencesGroup *preview = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *label = gtk_label_new (NULL);

      adw_preferences_group_set_title (preview, _("Preview"));
      adw_preferences_group_set_description (preview, _("As Sophie, who bought the Oslo sofa, would read it"));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "message-preview");
      gtk_widget_add_css_class (label, "card");
      self->preview_label = GTK_LABEL (label);
      adw_preferences_group_add (preview, label);
      gtk_box_append (page, GTK_WIDGET (preview));
      render_preview (self);
    }
}

static void
rebuild (CairnInspector *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  CairnNode *node = NULL;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->preview_label = NULL;
  self->summary_group = NULL;
  self->problems_box = NULL;
  g_clear_pointer (&self->preview, g_free);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 18);
  self->target.data = self;
  self->target.journey = self->journey;

  if (self->journey != NULL && self->node_id != NULL)
    node = cairn_journey_find_node (self->journey, self->node_id);

  if (node != NULL)
    {
      build_node_page (self, GTK_BOX (page), node);
    }
  else if (self->journey != NULL)
    {
      g_clear_pointer (&self->node_id, g_free);
      self->target.sink = journey_sink;
      self->target.node_id = NULL;
      _cairn_journey_settings_build (self->journey, &self->target, GTK_BOX (page));
      self->problems_box = problems_box_new (self, GTK_BOX (page), NULL);
    }
  adw_bin_set_child (self->page_bin, page);
}

static void
cairn_inspector_dispose (GObject *object)
{
  CairnInspector *self = CAIRN_INSPECTOR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_INSPECTOR);
  g_clear_object (&self->journey);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->preview, g_free);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);

  G_OBJECT_CLASS (cairn_inspector_parent_class)->dispose (object);
}

static void
cairn_inspector_class_init (CairnInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_inspector_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnInspector, scrolled);
  gtk_widget_class_bind_template_child (widget_class, CairnInspector, page_bin);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
cairn_inspector_init (CairnInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cairn_scroll_guard_install (GTK_SCROLLED_WINDOW (self->scrolled));
}

GtkWidget *
cairn_inspector_new (void)
{
  return g_object_new (CAIRN_TYPE_INSPECTOR, NULL);
}

void
cairn_inspector_set_context (CairnInspector *self,
                             CairnJourney   *journey,
                             CairnUndoStack *undo)
{
  g_return_if_fail (CAIRN_IS_INSPECTOR (self));

  g_set_object (&self->journey, journey);
  g_set_object (&self->undo, undo);
  g_clear_pointer (&self->node_id, g_free);
  rebuild (self);
}

void
cairn_inspector_set_node (CairnInspector *self,
                          const char     *node_id)
{
  g_return_if_fail (CAIRN_IS_INSPECTOR (self));

  if (node_id != NULL && self->node_id != NULL && g_str_equal (node_id, self->node_id))
    return;
  g_free (self->node_id);
  self->node_id = g_strdup (node_id);
  if (self->undo != NULL)
    cairn_undo_stack_seal (self->undo);
  rebuild (self);
}

const char *
cairn_inspector_get_node (CairnInspector *self)
{
  g_return_val_if_fail (CAIRN_IS_INSPECTOR (self), NULL);
  return self->node_id;
}

static gboolean
rebuild_idle (gpointer user_data)
{
  CairnInspector *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

void
cairn_inspector_refresh (CairnInspector *self)
{
  g_return_if_fail (CAIRN_IS_INSPECTOR (self));
  /* A drag on the canvas changes the document at every motion. */
  if (!self->editing && self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_LOW, rebuild_idle, self, NULL);
}

void
cairn_inspector_set_diagnostics (CairnInspector *self,
                                 GPtrArray      *diagnostics)
{
  g_return_if_fail (CAIRN_IS_INSPECTOR (self));

  if (diagnostics != NULL)
    g_ptr_array_ref (diagnostics);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = diagnostics;
  if (!self->editing && !gtk_widget_has_focus (GTK_WIDGET (self)) &&
      gtk_widget_get_focus_child (GTK_WIDGET (self)) == NULL)
    rebuild (self);
  else
    update_in_place (self);
}

const char *
cairn_inspector_get_preview (CairnInspector *self)
{
  g_return_val_if_fail (CAIRN_IS_INSPECTOR (self), NULL);
  return self->preview;
}
