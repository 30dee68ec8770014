/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cairn-compare.h"
#include "cairn-json.h"

static double
get (JsonObject *object,
     const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  double v = 0;

  for (guint i = 0; parts[i] && object; i++)
    {
      if (parts[i + 1] == NULL)
        cairn_json_get_number (object, parts[i], &v);
      else
        object = cairn_json_get_object (object, parts[i]);
    }
  return v;
}

static void
row (GString    *out,
     const char *label,
     double      a,
     double      b,
     gboolean    rate,
     guint      *n)
{
  double d = b - a;

  if (d != 0)
    (*n)++;
  if (rate)
    g_string_append_printf (out, "  %-44s %10.2f%% %10.2f%% %+10.2f%s\n", label, a * 100, b * 100, d * 100,
                            d != 0 ? "  *" : "");
  else
    g_string_append_printf (out, "  %-44s %11.0f %11.0f %+11.0f%s\n", label, a, b, d, d != 0 ? "  *" : "");
}

char *
cairn_report_compare_text (JsonObject *a,
                           JsonObject *b,
                           const char *label_a,
                           const char *label_b,
                           guint      *n_differences)
{
  static const char *const totals[] = { "users", "events", "totals/entered", "totals/active_at_end",
                                         "totals/left/completed", "totals/left/exit_node",
                                         "totals/left/exit_criteria", "totals/left/goal", "totals/left/error" };
  JsonObject *goals = cairn_json_get_object (a, "goals");
  JsonObject *channels = cairn_json_get_object (a, "channels");
  JsonArray *edges_a = cairn_json_get_array (a, "edges");
  JsonArray *edges_b = cairn_json_get_array (b, "edges");
  g_autoptr(GList) goal_names = goals ? json_object_get_members (goals) : NULL;
  g_autoptr(GList) channel_names = channels ? json_object_get_members (channels) : NULL;
  g_autoptr(GHashTable) counts_b = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_new (NULL);
  guint n = 0;

  g_string_append_printf (out, "%-46s %11s %11s %11s\n", _("Totals"), label_a, label_b, _("change"));
  for (gsize i = 0; i < G_N_ELEMENTS (totals); i++)
    row (out, totals[i], get (a, totals[i]), get (b, totals[i]), FALSE, &n);

  g_string_append_printf (out, "\n%s\n", _("Goal rates"));
  for (GList *l = goal_names; l; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("goals/%s/rate", (char *) l->data);
      row (out, l->data, get (a, path), get (b, path), TRUE, &n);
    }
  g_string_append_printf (out, "\n%s\n", _("Click-through rate per channel"));
  for (GList *l = channel_names; l; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("channels/%s/ctr", (char *) l->data);
      row (out, l->data, get (a, path), get (b, path), TRUE, &n);
    }
  g_string_append_printf (out, "\n%s\n", _("Edges"));
  for (guint i = 0; edges_b && i < json_array_get_length (edges_b); i++)
    {
      JsonObject *e = json_array_get_object_element (edges_b, i);
      double count = 0;
      cairn_json_get_number (e, "count", &count);
      g_hash_table_insert (counts_b, g_strdup_printf ("%s.%s", cairn_json_get_string (e, "from"),
                                                      cairn_json_get_string (e, "port")),
                           GSIZE_TO_POINTER ((gsize) count + 1));
    }
  for (guint i = 0; edges_a && i < json_array_get_length (edges_a); i++)
    {
      JsonObject *e = json_array_get_object_element (edges_a, i);
      g_autofree char *label = g_strdup_printf ("%s.%s", cairn_json_get_string (e, "from"),
                                                cairn_json_get_string (e, "port"));
      gsize other = GPOINTER_TO_SIZE (g_hash_table_lookup (counts_b, label));
      double count = 0;
      cairn_json_get_number (e, "count", &count);
      row (out, label, count, other ? (double) (other - 1) : 0, FALSE, &n);
    }
  if (n_differences)
    *n_differences = n;
  return g_string_free (out, FALSE);
}
