/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* All times are microseconds since the Unix epoch, UTC (DESIGN §12 T2). */
typedef gint64 CairnTime;
/* Durations are exact microsecond counts (DESIGN §12 T1). */
typedef gint64 CairnDuration;

#define CAIRN_USEC_PER_SEC  G_GINT64_CONSTANT (1000000)
#define CAIRN_USEC_PER_DAY  (G_GINT64_CONSTANT (86400) * CAIRN_USEC_PER_SEC)

/* RFC 3339 with a `Z` or `±HH:MM` offset, fraction up to microseconds. */
gboolean  cairn_time_parse            (const char   *text,
                                       CairnTime    *out,
                                       GError      **error);
/* UTC, `2026-11-02T10:00:00Z`, fraction only when not zero, no trailing
 * zeros (T2). */
char     *cairn_time_format           (CairnTime     time);
void      cairn_time_append           (GString      *out,
                                       CairnTime     time);
/* A `YYYY-MM-DD` date or an RFC 3339 time, as its UTC date: days since
 * 1970-01-01. */
gboolean  cairn_date_parse            (const char   *text,
                                       gint64       *days);
void      cairn_date_to_ymd           (gint64        days,
                                       int          *year,
                                       int          *month,
                                       int          *day);
gint64    cairn_date_from_ymd         (int           year,
                                       int           month,
                                       int           day);

/* ISO 8601 durations with W, D, H, M, S designators only. Months and
 * years, fractions and free text get an error that suggests the right
 * form (`"3 days" is not an ISO 8601 duration (try "P3D")`). */
gboolean  cairn_duration_parse        (const char   *text,
                                       CairnDuration *out,
                                       GError      **error);
/* Readable: "3 days", "24 hours", "1 day 12 hours". */
char     *cairn_duration_describe     (CairnDuration duration);

/* `HH:MM`, 00:00..23:59, as minutes after midnight. */
gboolean  cairn_time_of_day_parse     (const char   *text,
                                       int          *minutes,
                                       GError      **error);

/* An IANA zone name; NULL/"UTC" give UTC. Unknown names are an error. */
GTimeZone *cairn_time_zone_new        (const char   *identifier,
                                       GError      **error);

/* The earliest instant strictly after @now at which the wall clock of @tz
 * shows @minutes (after midnight) on a local date whose weekday bit is set
 * in @days_mask (bit 0 = Monday .. bit 6 = Sunday; 0 means every day). A
 * local time that a DST change skips maps to the first instant after the
 * gap; a repeated one to its first occurrence (DESIGN §12 N2). */
CairnTime cairn_time_next_wall_clock  (GTimeZone    *tz,
                                       CairnTime     now,
                                       int           minutes,
                                       guint         days_mask);
/* `mon`..`sun` as 0..6, the bit for cairn_time_next_wall_clock()'s
 * @days_mask (1 << weekday). Unknown names are an error with a hint. */
gboolean  cairn_weekday_parse         (const char   *name,
                                       int          *weekday,
                                       GError      **error);
/* Minutes after local midnight of @time in @tz. */
int       cairn_time_local_minutes    (GTimeZone    *tz,
                                       CairnTime     time);
/* Whether @time falls in [start, end) of the local wall clock, wrapping
 * midnight when start > end; start == end is never. */
gboolean  cairn_time_in_quiet_hours   (GTimeZone    *tz,
                                       CairnTime     time,
                                       int           start_minutes,
                                       int           end_minutes);

G_END_DECLS
