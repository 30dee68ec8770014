/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-palette.h"
#include "cairn-registry.h"

struct _CairnPalette
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkListBox         *list_box;
  GtkStack           *stack;

  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sorted;    /* the best matches first */
  GtkCustomSorter    *sorter;
  char               *needle;
};

G_DEFINE_FINAL_TYPE (CairnPalette, cairn_palette, GTK_TYPE_WIDGET)

enum {
  KIND_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const category_classes[] = { "starter", "flow", "channel", "action" };

static const CairnNodeKind *
item_kind (gpointer item)
{
  return cairn_registry_lookup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

static gboolean
contains (const char *text,
          const char *needle,
          gboolean   *at_start)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  const char *found = strstr (folded, needle);

  if (at_start != NULL)
    *at_start = found == folded;
  return found != NULL;
}

/* How well @kind matches the search, best first: its name (from its
 * start, then anywhere), its type, its description, then its category's
 * name; G_MAXINT when not at all. */
static int
match_rank (CairnPalette        *self,
            const CairnNodeKind *kind)
{
  gboolean at_start;

  if (self->needle == NULL || *self->needle == '\0')
    return 0;
  if (contains (_(kind->name), self->needle, &at_start))
    return at_start ? 0 : 1;
  if (contains (kind->type, self->needle, NULL))
    return 2;
  if (contains (_(kind->description), self->needle, NULL))
    return 3;
  if (contains (_(cairn_category_name (kind->category)), self->needle, NULL))
    return 4;
  return G_MAXINT;
}

static gboolean
match_kind (gpointer item,
            gpointer user_data)
{
  return match_rank (user_data, item_kind (item)) != G_MAXINT;
}

static int
compare_kinds (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int rank_a = match_rank (user_data, item_kind ((gpointer) a));
  int rank_b = match_rank (user_data, item_kind ((gpointer) b));

  return rank_a < rank_b ? GTK_ORDERING_SMALLER : rank_a > rank_b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 20, 20);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  const CairnNodeKind *kind = item_kind (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind->icon_name);
  GtkWidget *name = gtk_label_new (_(kind->name));
  GtkWidget *description = gtk_label_new (_(kind->description));
  GtkDragSource *source = gtk_drag_source_new ();
  g_autoptr(GdkContentProvider) content = gdk_content_provider_new_typed (G_TYPE_STRING, kind->type);

  gtk_widget_add_css_class (box, "palette-item");
  gtk_widget_add_css_class (icon, "palette-icon");
  gtk_widget_add_css_class (icon, category_classes[kind->category]);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 30);
  gtk_label_set_width_chars (GTK_LABEL (description), 24);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), description);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Drag onto the canvas, or double-click to add"));
  g_object_set_data_full (G_OBJECT (row), "kind-type", g_strdup (kind->type), g_free);

  gtk_drag_source_set_content (source, content);
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), box);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(kind->name),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(kind->description),
                                  -1);
  return row;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const CairnNodeKind *kind = cairn_registry_lookup (g_object_get_data (G_OBJECT (row), "kind-type"));
  const CairnNodeKind *previous = NULL;
  GtkWidget *header;

  if (before != NULL)
    previous = cairn_registry_lookup (g_object_get_data (G_OBJECT (before), "kind-type"));
  if (previous != NULL && previous->category == kind->category)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (_(cairn_category_name (kind->category)));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "palette-header");
  gtk_widget_add_css_class (header, "heading");
  gtk_list_box_row_set_header (row, header);
}

static void
on_row_activated (CairnPalette  *self,
                  GtkListBoxRow *row)
{
  g_signal_emit (self, signals[KIND_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "kind-type"));
}

static void
on_search_changed (CairnPalette   *self,
                   GtkSearchEntry *entry)
{
  g_free (self->needle);
  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? "list" : "empty");
}

static void
on_search_activate (CairnPalette   *self,
                    GtkSearchEntry *entry)
{
  g_autoptr(GObject) item = NULL;

  /* Enter may come before the search entry's delayed "search-changed" */
  on_search_changed (self, entry);
  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), 0);
  if (item != NULL)
    g_signal_emit (self, signals[KIND_ACTIVATED], 0, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

static void
cairn_palette_dispose (GObject *object)
{
  CairnPalette *self = CAIRN_PALETTE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_PALETTE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (cairn_palette_parent_class)->dispose (object);
}

static void
cairn_palette_class_init (CairnPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_palette_dispose;

  signals[KIND_ACTIVATED] =
    g_signal_new ("kind-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cairnjourneys/Cairn/cairn-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnPalette, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnPalette, list_box);
  gtk_widget_class_bind_template_child (widget_class, CairnPalette, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "palette");
}

static void
cairn_palette_init (CairnPalette *self)
{
  GtkStringList *types = gtk_string_list_new (NULL);
  const CairnNodeKind * const *kinds;
  guint n_kinds = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  kinds = cairn_registry_all (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (types, kinds[i]->type);

  self->filter = gtk_custom_filter_new (match_kind, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (types), GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (compare_kinds, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), GTK_SORTER (self->sorter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->sorted), create_row, self, NULL);
  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);
}

GtkWidget *
cairn_palette_new (void)
{
  return g_object_new (CAIRN_TYPE_PALETTE, NULL);
}

void
cairn_palette_set_filter (CairnPalette *self,
                          const char   *text)
{
  g_return_if_fail (CAIRN_IS_PALETTE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ?: "");
  on_search_changed (self, self->search_entry);
}

guint
cairn_palette_get_n_shown (CairnPalette *self)
{
  g_return_val_if_fail (CAIRN_IS_PALETTE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
cairn_palette_focus_search (CairnPalette *self)
{
  g_return_if_fail (CAIRN_IS_PALETTE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
