/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cairn-duration-row.h"
#include "cairn-time.h"

struct _CairnDurationRow
{
  AdwActionRow    parent_instance;

  GtkSpinButton  *amount;
  GtkDropDown    *unit;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (CairnDurationRow, cairn_duration_row, ADW_TYPE_ACTION_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const gint64 unit_seconds[] = { 60, 3600, 86400, 604800 };

char *
cairn_duration_to_iso (guint amount,
                       guint unit)
{
  switch (unit)
    {
    case 0: return g_strdup_printf ("PT%uM", amount);
    case 1: return g_strdup_printf ("PT%uH", amount);
    case 2: return g_strdup_printf ("P%uD", amount);
    default: return g_strdup_printf ("P%uW", amount);
    }
}

gboolean
cairn_duration_from_iso (const char *iso,
                         guint      *amount,
                         guint      *unit)
{
  CairnDuration duration;
  gint64 seconds;

  if (iso == NULL || !cairn_duration_parse (iso, &duration, NULL))
    return FALSE;
  seconds = duration / G_USEC_PER_SEC;
  /* The unit the author wrote, when it divides evenly */
  for (int i = G_N_ELEMENTS (unit_seconds) - 1; i >= 0; i--)
    {
      gboolean written = (i == 3 && strchr (iso, 'W')) ||
                         (i == 2 && strchr (iso, 'D') && !strchr (iso, 'T')) ||
                         (i == 1 && strchr (iso, 'H') && !strchr (iso, 'D')) ||
                         i == 0;
      if (written && seconds % unit_seconds[i] == 0)
        {
          *amount = seconds / unit_seconds[i];
          *unit = i;
          return TRUE;
        }
    }
  for (int i = G_N_ELEMENTS (unit_seconds) - 1; i >= 0; i--)
    if (seconds % unit_seconds[i] == 0)
      {
        *amount = seconds / unit_seconds[i];
        *unit = i;
        return TRUE;
      }
  return FALSE;
}

static void
on_edited (CairnDurationRow *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
cairn_duration_row_class_init (CairnDurationRowClass *klass)
{
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cairn_duration_row_init (CairnDurationRow *self)
{
  static const char *units[] = { N_("minutes"), N_("hours"), N_("days"), N_("weeks"), NULL };
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; units[i] != NULL; i++)
    gtk_string_list_append (list, _(units[i]));

  self->amount = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 9999, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->amount), GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->amount), 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->amount), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Amount"), -1);
  self->unit = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->unit), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unit"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->amount));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->unit));
  g_signal_connect_swapped (self->amount, "value-changed", G_CALLBACK (on_edited), self);
  g_signal_connect_swapped (self->unit, "notify::selected", G_CALLBACK (on_edited), self);
}

GtkWidget *
cairn_duration_row_new (const char *title,
                        const char *iso)
{
  CairnDurationRow *self = g_object_new (CAIRN_TYPE_DURATION_ROW, "title", title, NULL);
  guint amount = 0, unit = 2;

  self->updating = TRUE;
  if (iso != NULL && !cairn_duration_from_iso (iso, &amount, &unit))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), iso);
  gtk_spin_button_set_value (self->amount, amount);
  gtk_drop_down_set_selected (self->unit, unit);
  self->updating = FALSE;
  return GTK_WIDGET (self);
}

char *
cairn_duration_row_get_value (CairnDurationRow *self)
{
  g_return_val_if_fail (CAIRN_IS_DURATION_ROW (self), NULL);
  return cairn_duration_to_iso (gtk_spin_button_get_value_as_int (self->amount),
                                gtk_drop_down_get_selected (self->unit));
}
