/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cairn-persona-rows.h"

/* The persona editor's list: what it holds (CairnPersonaItem) and how its
 * rows show it (CairnPersonaItemRow). */

struct _CairnPersonaItem
{
  GObject               parent_instance;

  CairnPersonaItemKind  kind;
  CairnPersona         *persona;
};

G_DEFINE_FINAL_TYPE (CairnPersonaItem, cairn_persona_item, G_TYPE_OBJECT)

static void
cairn_persona_item_dispose (GObject *object)
{
  g_clear_object (&CAIRN_PERSONA_ITEM (object)->persona);
  G_OBJECT_CLASS (cairn_persona_item_parent_class)->dispose (object);
}

static void
cairn_persona_item_class_init (CairnPersonaItemClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cairn_persona_item_dispose;
}

static void
cairn_persona_item_init (CairnPersonaItem *self)
{
}

CairnPersonaItem *
cairn_persona_item_new (CairnPersonaItemKind  kind,
                        CairnPersona         *persona)
{
  CairnPersonaItem *self = g_object_new (CAIRN_TYPE_PERSONA_ITEM, NULL);

  self->kind = kind;
  g_set_object (&self->persona, persona);
  return self;
}

CairnPersonaItemKind
cairn_persona_item_get_kind (CairnPersonaItem *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_ITEM (self), CAIRN_PERSONA_ITEM_NONE);
  return self->kind;
}

CairnPersona *
cairn_persona_item_get_persona (CairnPersonaItem *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_ITEM (self), NULL);
  return self->persona;
}

static char *
user_subtitle (CairnPersona *user)
{
  CairnScenarioValue *name = cairn_scenario_values_find (G_LIST_MODEL (cairn_persona_get_attributes (user)), "name", NULL);
  JsonNode *node = name ? cairn_scenario_value_get_value (name) : NULL;
  guint n = g_list_model_get_n_items (cairn_persona_get_events (user));
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup_printf ("%s · %s", json_node_get_string (node), count);
  return g_steal_pointer (&count);
}

static void
describe_item (CairnPersonaEditor  *self,
               CairnPersonaItem    *item,
               char               **title,
               char               **subtitle,
               const char         **icon)
{
  CairnScenarioModel *model = _cairn_persona_editor_model (self);
  const char *name;

  switch (item->kind)
    {
    case CAIRN_PERSONA_ITEM_SETTINGS:
      name = cairn_scenario_model_get_name (model);
      *title = g_strdup (name && *name ? name : _("Scenario"));
      *subtitle = g_strdup (_("Window, seed and catalog"));
      *icon = "document-properties-symbolic";
      break;
    case CAIRN_PERSONA_ITEM_USER:
      *title = g_strdup (cairn_persona_get_id (item->persona) ?: "?");
      *subtitle = user_subtitle (item->persona);
      *icon = "avatar-default-symbolic";
      break;
    case CAIRN_PERSONA_ITEM_POPULATION:
      {
        double count = cairn_scenario_model_get_count (model);

        *title = g_strdup (_("Population"));
        *subtitle = cairn_scenario_model_has_population (model)
                    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f generated person",
                                                    "%.0f generated people", (gulong) count), count)
                    : g_strdup (_("None"));
        *icon = "system-users-symbolic";
      }
      break;
    case CAIRN_PERSONA_ITEM_PERSONA:
      {
        guint index = 0;

        cairn_scenario_model_find (model, item->persona, &index);
        name = cairn_persona_get_name (item->persona);
        *title = name && *name ? g_strdup (name) : g_strdup_printf (_("Persona %u"), index + 1);
        *subtitle = g_strdup_printf (_("Weight %g"), cairn_persona_get_weight (item->persona));
        *icon = "avatar-default-symbolic";
      }
      break;
    default:
      *title = g_strdup ("");
      *subtitle = NULL;
      *icon = NULL;
    }
}

/* A row of the editor's list: the item it stands for and its two lines. */
struct _CairnPersonaItemRow
{
  GtkListBoxRow     parent_instance;

  CairnPersonaItem   *item;
  CairnPersonaEditor *editor;   /* not a reference: the list lives in it */
  GtkLabel         *title;
  GtkLabel         *subtitle;
};

G_DEFINE_FINAL_TYPE (CairnPersonaItemRow, cairn_persona_item_row, GTK_TYPE_LIST_BOX_ROW)

static void
cairn_persona_item_row_dispose (GObject *object)
{
  g_clear_object (&CAIRN_PERSONA_ITEM_ROW (object)->item);
  G_OBJECT_CLASS (cairn_persona_item_row_parent_class)->dispose (object);
}

static void
cairn_persona_item_row_class_init (CairnPersonaItemRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cairn_persona_item_row_dispose;
}

static void
cairn_persona_item_row_init (CairnPersonaItemRow *self)
{
}

CairnPersonaItem *
cairn_persona_item_row_get_item (CairnPersonaItemRow *self)
{
  g_return_val_if_fail (CAIRN_IS_PERSONA_ITEM_ROW (self), NULL);
  return self->item;
}

void
_cairn_persona_row_update (GtkWidget          *widget,
                           CairnPersonaEditor *self)
{
  CairnPersonaItemRow *row = CAIRN_PERSONA_ITEM_ROW (widget);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *icon = NULL;

  if (row->item == NULL || _cairn_persona_editor_model (self) == NULL)
    return;
  describe_item (self, row->item, &title, &subtitle, &icon);
  gtk_label_set_text (row->title, title);
  gtk_label_set_text (row->subtitle, subtitle ? subtitle : "");
}

static void
on_persona_notify (CairnPersona        *persona,
                   GParamSpec          *pspec,
                   CairnPersonaItemRow *row)
{
  _cairn_persona_row_update (GTK_WIDGET (row), row->editor);
}

static const char *
item_name (CairnPersonaItemKind kind)
{
  switch (kind)
    {
    case CAIRN_PERSONA_ITEM_SETTINGS: return "item-settings";
    case CAIRN_PERSONA_ITEM_USER: return "item-user";
    case CAIRN_PERSONA_ITEM_POPULATION: return "item-population";
    case CAIRN_PERSONA_ITEM_PERSONA: return "item-persona";
    default: return "item";
    }
}

GtkWidget *
_cairn_persona_row_new (gpointer item,
                        gpointer data)
{
  CairnPersonaEditor *self = data;
  CairnPersonaItemRow *item_row = g_object_new (CAIRN_TYPE_PERSONA_ITEM_ROW, NULL);
  GtkWidget *row = GTK_WIDGET (item_row);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  const char *icon = NULL;
  g_autofree char *title_text = NULL;
  g_autofree char *subtitle_text = NULL;

  item_row->item = g_object_ref (item);
  item_row->editor = self;
  /* The row follows its person's or persona's id, name and weight. */
  if (item_row->item->persona != NULL)
    g_signal_connect_object (item_row->item->persona, "notify", G_CALLBACK (on_persona_notify), row, 0);
  describe_item (self, item_row->item, &title_text, &subtitle_text, &icon);
  gtk_widget_set_name (row, item_name (item_row->item->kind));
  item_row->title = GTK_LABEL (title);
  item_row->subtitle = GTK_LABEL (subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  if (item_row->item->kind == CAIRN_PERSONA_ITEM_PERSONA)
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
item_section (CairnPersonaItemRow *row)
{
  switch (row->item ? row->item->kind : CAIRN_PERSONA_ITEM_NONE)
    {
    case CAIRN_PERSONA_ITEM_USER: return 1;
    case CAIRN_PERSONA_ITEM_POPULATION:
    case CAIRN_PERSONA_ITEM_PERSONA: return 2;
    default: return 0;
    }
}

void
_cairn_persona_row_header (GtkListBoxRow *row,
                           GtkListBoxRow *before,
                           gpointer       data)
{
  guint section = item_section (CAIRN_PERSONA_ITEM_ROW (row));
  GtkWidget *header;

  if (section == 0 || (before && item_section (CAIRN_PERSONA_ITEM_ROW (before)) == section))
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
