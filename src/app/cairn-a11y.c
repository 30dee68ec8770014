/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "cairn-a11y.h"

/* The row's text, then its tooltip: GTK 4.8 makes a tooltip the
   description, and the text must not hide it. */
static void
update_description (GtkWidget *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  const char *tooltip = gtk_widget_get_tooltip_text (row);
  g_autofree char *description = NULL;

  if (text != NULL && *text != '\0' && tooltip != NULL && *tooltip != '\0')
    description = g_strdup_printf ("%s\n%s", text, tooltip);
  else if (text != NULL && *text != '\0')
    description = g_strdup (text);
  else
    description = g_strdup (tooltip);

  if (description != NULL && *description != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* While the row has the keyboard focus, its keys are echoed as they are
   typed: a description changing at every key would be read out whole at
   every key. It catches up when the focus leaves. */
static void
on_text_changed (GtkWidget *row)
{
  if ((gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_FOCUS_WITHIN) == 0)
    update_description (row);
}

static void
on_state_flags_changed (GtkWidget     *row,
                        GtkStateFlags  previous)
{
  if ((previous & GTK_STATE_FLAG_FOCUS_WITHIN) != 0 &&
      (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_FOCUS_WITHIN) == 0)
    update_description (row);
}

static void
on_tooltip_changed (GtkWidget  *row,
                    GParamSpec *pspec)
{
  update_description (row);
}

void
cairn_a11y_expose_entry_text (GtkWidget *row)
{
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  /* A secret stays one */
  if (ADW_IS_PASSWORD_ENTRY_ROW (row))
    return;
  if (g_signal_handler_find (row, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_text_changed, NULL) != 0)
    return;
  g_signal_connect (row, "changed", G_CALLBACK (on_text_changed), NULL);
  g_signal_connect (row, "notify::tooltip-text", G_CALLBACK (on_tooltip_changed), NULL);
  g_signal_connect (row, "state-flags-changed", G_CALLBACK (on_state_flags_changed), NULL);
  update_description (row);
}

void
cairn_a11y_expose_entry_rows (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_ENTRY_ROW (root))
    cairn_a11y_expose_entry_text (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    cairn_a11y_expose_entry_rows (child);
}

void
cairn_a11y_name_split_button (GtkWidget  *button,
                              const char *label)
{
  const char *dropdown;

  g_return_if_fail (ADW_IS_SPLIT_BUTTON (button));

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  dropdown = adw_split_button_get_dropdown_tooltip (ADW_SPLIT_BUTTON (button));
  /* Its parts are its children: a button, a separator, a menu button */
  for (GtkWidget *child = gtk_widget_get_first_child (button); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child) && dropdown != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, dropdown, -1);
      else if (GTK_IS_BUTTON (child) && label != NULL && adw_split_button_get_label (ADW_SPLIT_BUTTON (button)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
on_button_tooltip (GtkWidget  *button,
                   GParamSpec *pspec)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL && *tooltip != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

void
cairn_a11y_name_icon_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root))) &&
      g_signal_handler_find (root, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_button_tooltip, NULL) == 0)
    {
      g_signal_connect (root, "notify::tooltip-text", G_CALLBACK (on_button_tooltip), NULL);
      on_button_tooltip (root, NULL);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    cairn_a11y_name_icon_buttons (child);
}
