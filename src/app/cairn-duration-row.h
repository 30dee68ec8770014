/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_DURATION_ROW (cairn_duration_row_get_type ())
G_DECLARE_FINAL_TYPE (CairnDurationRow, cairn_duration_row, CAIRN, DURATION_ROW, AdwActionRow)

/* A number and a unit (minutes, hours, days, weeks) that read and write
 * an ISO 8601 duration ("P3D", "PT36H"). ::changed when the user edits. A
 * value it cannot show as one unit ("P1DT12H") is shown in hours. */
GtkWidget  *cairn_duration_row_new       (const char       *title,
                                          const char       *iso);
/* Newly allocated ISO text, or NULL when cleared. */
char       *cairn_duration_row_get_value (CairnDurationRow *self);
/* Durations as ISO 8601 from an amount of a unit: 0 minutes, 1 hours,
 * 2 days, 3 weeks. */
char       *cairn_duration_to_iso        (guint             amount,
                                          guint             unit);
gboolean    cairn_duration_from_iso      (const char       *iso,
                                          guint            *amount,
                                          guint            *unit);

G_END_DECLS
