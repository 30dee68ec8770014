/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cairn-error.h"
#include "cairn-time.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

/* Floor division and modulo: times before 1970 still fall on the right
 * day. */
static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static gint64
floor_mod (gint64 a,
           gint64 b)
{
  return a - floor_div (a, b) * b;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
gint64
cairn_date_from_ymd (int year,
                     int month,
                     int day)
{
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = floor_div (y, 400);
  gint64 yoe = y - era * 400;
  gint64 mp = (month + 9) % 12;
  gint64 doy = (153 * mp + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
cairn_date_to_ymd (gint64  days,
                   int    *year,
                   int    *month,
                   int    *day)
{
  gint64 z = days + 719468;
  gint64 era = floor_div (z, 146097);
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;
  gint64 y = yoe + era * 400 + (m <= 2);

  if (year != NULL)
    *year = (int) y;
  if (month != NULL)
    *month = (int) m;
  if (day != NULL)
    *day = (int) d;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;
  return days[month - 1];
}

/* Reads exactly @n ASCII digits. */
static gboolean
read_digits (const char **p,
             int          n,
             int         *value)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

static gboolean
parse_date_part (const char **p,
                 int         *year,
                 int         *month,
                 int         *day)
{
  if (!read_digits (p, 4, year) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, month) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, day))
    return FALSE;
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month (*year, *month))
    return FALSE;
  return TRUE;
}

static gboolean
parse_rfc3339 (const char *text,
               CairnTime  *out)
{
  const char *p = text;
  int year, month, day, hour, minute, second;
  gint64 usec = 0;
  int offset_minutes = 0;
  gint64 seconds;

  if (!parse_date_part (&p, &year, &month, &day))
    return FALSE;
  if (*p != 'T' && *p != 't' && *p != ' ')
    return FALSE;
  p++;
  if (!read_digits (&p, 2, &hour) || *p++ != ':'
      || !read_digits (&p, 2, &minute) || *p++ != ':'
      || !read_digits (&p, 2, &second))
    return FALSE;
  if (hour > 23 || minute > 59 || second > 59)
    return FALSE;

  if (*p == '.')
    {
      int digits = 0;

      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      /* Kept to the microsecond (T2): further digits are dropped. */
      while (g_ascii_isdigit (*p))
        {
          if (digits < 6)
            usec = usec * 10 + (*p - '0');
          digits++;
          p++;
        }
      for (; digits < 6; digits++)
        usec *= 10;
    }

  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      int oh, om;

      p++;
      if (!read_digits (&p, 2, &oh) || *p++ != ':' || !read_digits (&p, 2, &om))
        return FALSE;
      if (oh > 23 || om > 59)
        return FALSE;
      offset_minutes = sign * (oh * 60 + om);
    }
  else
    return FALSE;

  if (*p != '\0')
    return FALSE;

  seconds = cairn_date_from_ymd (year, month, day) * SECONDS_PER_DAY
            + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  *out = seconds * CAIRN_USEC_PER_SEC + usec;
  return TRUE;
}

gboolean
cairn_time_parse (const char  *text,
                  CairnTime   *out,
                  GError     **error)
{
  CairnTime t;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || !parse_rfc3339 (text, &t))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("\"%s\" is not an RFC 3339 time (try \"2026-11-02T10:00:00Z\")"),
                   text != NULL ? text : "");
      return FALSE;
    }
  if (out != NULL)
    *out = t;
  return TRUE;
}

void
cairn_time_append (GString   *out,
                   CairnTime  time)
{
  gint64 seconds = floor_div (time, CAIRN_USEC_PER_SEC);
  gint64 usec = floor_mod (time, CAIRN_USEC_PER_SEC);
  gint64 days = floor_div (seconds, SECONDS_PER_DAY);
  gint64 secs_of_day = floor_mod (seconds, SECONDS_PER_DAY);
  int year, month, day;

  cairn_date_to_ymd (days, &year, &month, &day);
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d",
                          year, month, day,
                          (int) (secs_of_day / 3600),
                          (int) (secs_of_day / 60 % 60),
                          (int) (secs_of_day % 60));
  if (usec != 0)
    {
      char frac[8];
      int len;

      g_snprintf (frac, sizeof frac, "%06d", (int) usec);
      len = 6;
      while (len > 0 && frac[len - 1] == '0')
        len--;
      g_string_append_c (out, '.');
      g_string_append_len (out, frac, len);
    }
  g_string_append_c (out, 'Z');
}

char *
cairn_time_format (CairnTime time)
{
  GString *out = g_string_sized_new (32);

  cairn_time_append (out, time);
  return g_string_free (out, FALSE);
}

gboolean
cairn_date_parse (const char *text,
                  gint64     *days)
{
  const char *p = text;
  int year, month, day;
  CairnTime t;

  if (text == NULL)
    return FALSE;
  if (parse_date_part (&p, &year, &month, &day) && *p == '\0')
    {
      if (days != NULL)
        *days = cairn_date_from_ymd (year, month, day);
      return TRUE;
    }
  if (!parse_rfc3339 (text, &t))
    return FALSE;
  if (days != NULL)
    *days = floor_div (t, CAIRN_USEC_PER_DAY);
  return TRUE;
}

/* Durations ------------------------------------------------------------ */

/* For free text such as "3 days", "36h" or "2 weeks": the ISO form, or
 * NULL when the text does not look like a number and a unit. */
static char *
suggest_duration (const char *text)
{
  static const struct
  {
    const char *unit;
    const char *iso;     /* printf format */
  } units[] = {
    { "w", "P%" G_GUINT64_FORMAT "W" },
    { "week", "P%" G_GUINT64_FORMAT "W" },
    { "weeks", "P%" G_GUINT64_FORMAT "W" },
    { "d", "P%" G_GUINT64_FORMAT "D" },
    { "day", "P%" G_GUINT64_FORMAT "D" },
    { "days", "P%" G_GUINT64_FORMAT "D" },
    { "h", "PT%" G_GUINT64_FORMAT "H" },
    { "hr", "PT%" G_GUINT64_FORMAT "H" },
    { "hrs", "PT%" G_GUINT64_FORMAT "H" },
    { "hour", "PT%" G_GUINT64_FORMAT "H" },
    { "hours", "PT%" G_GUINT64_FORMAT "H" },
    { "m", "PT%" G_GUINT64_FORMAT "M" },
    { "min", "PT%" G_GUINT64_FORMAT "M" },
    { "mins", "PT%" G_GUINT64_FORMAT "M" },
    { "minute", "PT%" G_GUINT64_FORMAT "M" },
    { "minutes", "PT%" G_GUINT64_FORMAT "M" },
    { "s", "PT%" G_GUINT64_FORMAT "S" },
    { "sec", "PT%" G_GUINT64_FORMAT "S" },
    { "secs", "PT%" G_GUINT64_FORMAT "S" },
    { "second", "PT%" G_GUINT64_FORMAT "S" },
    { "seconds", "PT%" G_GUINT64_FORMAT "S" },
  };
  const char *p = text;
  guint64 value = 0;
  g_autofree char *unit = NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (!g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p))
    {
      if (value > G_MAXUINT32)
        return NULL;
      value = value * 10 + (guint64) (*p - '0');
      p++;
    }
  while (g_ascii_isspace (*p))
    p++;
  unit = g_ascii_strdown (p, -1);
  g_strchomp (unit);
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (unit, units[i].unit) == 0)
      {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        return g_strdup_printf (units[i].iso, value);
#pragma GCC diagnostic pop
      }
  return NULL;
}

static gboolean
duration_error (GError     **error,
                const char  *text)
{
  g_autofree char *suggestion = suggest_duration (text);
  g_autofree char *upper = g_ascii_strup (text, -1);
  CairnDuration unused;

  /* "p3d" is only a matter of case. */
  if (suggestion == NULL && strcmp (upper, text) != 0
      && cairn_duration_parse (upper, &unused, NULL))
    suggestion = g_steal_pointer (&upper);

  if (suggestion != NULL)
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                 _("\"%s\" is not an ISO 8601 duration (try \"%s\")"),
                 text, suggestion);
  else
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                 _("\"%s\" is not an ISO 8601 duration (use weeks, days, hours, minutes and seconds, such as \"P3D\", \"PT36H\" or \"P1DT12H\")"),
                 text);
  return FALSE;
}

gboolean
cairn_duration_parse (const char     *text,
                      CairnDuration  *out,
                      GError        **error)
{
  /* Designators in the order ISO 8601 writes them; Y and M before T are
   * recognised only to explain why they are refused. */
  static const char date_order[] = "YMWD";
  static const char time_order[] = "HMS";
  const char *p;
  gboolean in_time = FALSE;
  gboolean any = FALSE;
  gboolean any_time = FALSE;
  int date_pos = 0, time_pos = 0;
  gint64 total = 0;   /* seconds */

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                           _("the duration is empty (try \"P3D\" or \"PT36H\")"));
      return FALSE;
    }
  if (text[0] == '-')
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("\"%s\": a duration cannot be negative"), text);
      return FALSE;
    }
  if (text[0] != 'P')
    return duration_error (error, text);

  p = text + 1;
  while (*p != '\0')
    {
      guint64 value = 0;
      const char *digits = p;
      char designator;
      gint64 unit;
      const char *pos;

      if (*p == 'T')
        {
          if (in_time)
            return duration_error (error, text);
          in_time = TRUE;
          p++;
          continue;
        }

      while (g_ascii_isdigit (*p))
        {
          if (value > G_GUINT64_CONSTANT (1000000000000))
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                           _("\"%s\" is too long a duration"), text);
              return FALSE;
            }
          value = value * 10 + (guint64) (*p - '0');
          p++;
        }
      if (p == digits)
        return duration_error (error, text);

      if (*p == '.' || *p == ',')
        {
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                       _("\"%s\": fractions are not allowed in a duration; use a smaller unit (\"PT90M\" rather than \"PT1.5H\")"),
                       text);
          return FALSE;
        }

      designator = *p;
      if (!in_time && (designator == 'Y' || designator == 'M'))
        {
          if (designator == 'Y')
            g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                         _("\"%s\": years are not allowed in a duration because their length varies; use days or weeks (\"P365D\", \"P52W\")"),
                         text);
          else
            g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                         _("\"%s\": months are not allowed in a duration because their length varies; use days or weeks (\"P30D\", \"P4W\"); for minutes write \"PT%" PRIu64 "M\""),
                         text, value);
          return FALSE;
        }

      if (designator == '\0')
        return duration_error (error, text);
      if (in_time)
        {
          pos = strchr (time_order, designator);
          if (pos == NULL || pos - time_order < time_pos)
            return duration_error (error, text);
          time_pos = (int) (pos - time_order) + 1;
          unit = designator == 'H' ? 3600 : designator == 'M' ? 60 : 1;
          any_time = TRUE;
        }
      else
        {
          pos = strchr (date_order, designator);
          if (pos == NULL || pos - date_order < date_pos)
            return duration_error (error, text);
          date_pos = (int) (pos - date_order) + 1;
          unit = designator == 'W' ? 7 * SECONDS_PER_DAY : SECONDS_PER_DAY;
        }
      total += (gint64) value * unit;
      if (total > G_GINT64_CONSTANT (1000000000000))
        {
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                       _("\"%s\" is too long a duration"), text);
          return FALSE;
        }
      any = TRUE;
      p++;
    }

  if (!any || (in_time && !any_time))
    return duration_error (error, text);

  if (out != NULL)
    *out = total * CAIRN_USEC_PER_SEC;
  return TRUE;
}

static void
separate (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '-')
    g_string_append_c (out, ' ');
}

char *
cairn_duration_describe (CairnDuration duration)
{
  GString *out = g_string_new (NULL);
  gint64 seconds = duration / CAIRN_USEC_PER_SEC;
  int usec = (int) (duration % CAIRN_USEC_PER_SEC);
  int weeks, days, hours, minutes, secs;

  if (duration < 0)
    {
      g_string_append_c (out, '-');
      seconds = -seconds;
      usec = -usec;
    }
  if (seconds == 0 && usec == 0)
    {
      g_string_append (out, _("0 seconds"));
      return g_string_free (out, FALSE);
    }

  /* Whole weeks read as weeks ("2 weeks"), anything else as days and
   * smaller units ("1 day 12 hours"). */
  weeks = seconds % (7 * SECONDS_PER_DAY) == 0 && usec == 0
          ? (int) (seconds / (7 * SECONDS_PER_DAY)) : 0;
  days = weeks > 0 ? 0 : (int) (seconds / SECONDS_PER_DAY);
  hours = (int) (seconds / 3600 % 24);
  minutes = (int) (seconds / 60 % 60);
  secs = (int) (seconds % 60);

  if (weeks > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", weeks), weeks);
  if (days > 0)
    {
      separate (out);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
    }
  if (hours > 0)
    {
      separate (out);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", hours), hours);
    }
  if (minutes > 0)
    {
      separate (out);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes), minutes);
    }
  if (secs > 0)
    {
      separate (out);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", secs), secs);
    }
  if (usec > 0)
    {
      separate (out);
      g_string_append_printf (out, _("%d µs"), usec);
    }
  return g_string_free (out, FALSE);
}

/* Wall clock ----------------------------------------------------------- */

gboolean
cairn_time_of_day_parse (const char  *text,
                         int         *minutes,
                         GError     **error)
{
  const char *p = text;
  int h, m;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL && read_digits (&p, 2, &h) && *p++ == ':'
      && read_digits (&p, 2, &m) && *p == '\0' && h <= 23 && m <= 59)
    {
      if (minutes != NULL)
        *minutes = h * 60 + m;
      return TRUE;
    }

  /* "8:00" only lacks a leading zero. */
  p = text;
  if (text != NULL && g_ascii_isdigit (p[0]) && p[1] == ':'
      && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && p[4] == '\0')
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                 _("\"%s\" is not a time of day (try \"0%s\")"), text, text);
  else
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                 _("\"%s\" is not a time of day in HH:MM form, 00:00 to 23:59 (such as \"09:30\")"),
                 text != NULL ? text : "");
  return FALSE;
}

/* A name of the tz database: letters, digits, "/", "_", "-" and "+"
 * (Etc/GMT+5), a component never starting with "-" or "+" but in "Etc/",
 * and a file of that name in the database (TZDIR, else
 * /usr/share/zoneinfo) when the database is there to look into. */
static gboolean
is_iana_name (const char *identifier)
{
  const char *tzdir = g_getenv ("TZDIR");
  g_autofree char *path = NULL;
  char magic[4];
  FILE *file;
  gboolean ok;

  if (!g_ascii_isalpha (identifier[0]))
    return FALSE;
  for (const char *p = identifier; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("/_-+", *p))
      return FALSE;
  if (tzdir == NULL || *tzdir == '\0')
    tzdir = "/usr/share/zoneinfo";
  if (!g_file_test (tzdir, G_FILE_TEST_IS_DIR))
    return TRUE;
  path = g_build_filename (tzdir, identifier, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || (file = fopen (path, "rbe")) == NULL)
    return FALSE;
  ok = fread (magic, 1, 4, file) == 4 && memcmp (magic, "TZif", 4) == 0;
  fclose (file);
  return ok;
}

GTimeZone *
cairn_time_zone_new (const char  *identifier,
                     GError     **error)
{
  GTimeZone *tz;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (identifier == NULL || strcmp (identifier, "UTC") == 0)
    return g_time_zone_new_utc ();

  /* Only IANA names: no empty string (the local zone), no file paths, no
     offsets ("+05:00") or POSIX rules ("EST5EDT,M3.2.0,M11.1.0"), which
     GLib would take too. */
  if (*identifier == '\0' || *identifier == '/' || *identifier == ':'
      || strstr (identifier, "..") != NULL || !is_iana_name (identifier)
      || (tz = g_time_zone_new_identifier (identifier)) == NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
                   _("unknown time zone \"%s\" (use an IANA name such as \"Europe/London\" or \"UTC\")"),
                   identifier);
      return NULL;
    }
  return tz;
}

/* GLib scans a zone's transitions on every lookup; a run asks of nearby
 * instants again and again. Each thread keeps the spans [from, to] of the
 * last two intervals it found (the two sides of a change of offset), with
 * a reference on their zone so that no other zone takes its address. */
typedef struct
{
  GTimeZone *tz;
  gint64     from, to;
  gint64     offset;
} ZoneSpan;

static void
zone_spans_free (gpointer data)
{
  ZoneSpan *spans = data;

  g_clear_pointer (&spans[0].tz, g_time_zone_unref);
  g_clear_pointer (&spans[1].tz, g_time_zone_unref);
  g_free (spans);
}

static GPrivate zone_spans = G_PRIVATE_INIT (zone_spans_free);

/* The last second before or the first after @seconds (by @step's sign) at
 * which the interval is no longer @interval, as far as 2^30 s away. */
static gint64
interval_edge (GTimeZone *tz,
               int        interval,
               gint64     seconds,
               gint64     step)
{
  gint64 inside = seconds, outside;

  /* Out by doubling steps, then back by halving. */
  for (;; step *= 2)
    {
      if (ABS (step) > (G_GINT64_CONSTANT (1) << 30))
        return inside;
      outside = seconds + step;
      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, outside) != interval)
        break;
      inside = outside;
    }
  while (ABS (outside - inside) > 1)
    {
      gint64 mid = inside + (outside - inside) / 2;

      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, mid) == interval)
        inside = mid;
      else
        outside = mid;
    }
  return inside;
}

/* Offset of @tz at the UTC instant @seconds, in seconds. */
static gint64
zone_offset (GTimeZone *tz,
             gint64     seconds)
{
  ZoneSpan *spans = g_private_get (&zone_spans), found;
  int interval;

  if (spans == NULL)
    {
      spans = g_new0 (ZoneSpan, 2);
      g_private_set (&zone_spans, spans);
    }
  for (guint i = 0; i < 2; i++)
    if (spans[i].tz == tz && seconds >= spans[i].from && seconds <= spans[i].to)
      return spans[i].offset;
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, seconds);
  if (interval < 0)
    return 0;
  found.tz = g_time_zone_ref (tz);
  found.from = interval_edge (tz, interval, seconds, -3600);
  found.to = interval_edge (tz, interval, seconds, 3600);
  found.offset = g_time_zone_get_offset (tz, interval);
  /* The newest first. */
  g_clear_pointer (&spans[1].tz, g_time_zone_unref);
  spans[1] = spans[0];
  spans[0] = found;
  return found.offset;
}

/* The first UTC second at which the wall clock of @tz shows the local
 * time @local (seconds since the epoch, as if local were UTC), or when a
 * DST change skips it, the first second after the gap (N2). */
static gint64
first_instant_showing (GTimeZone *tz,
                       gint64     local)
{
  /* Offsets lie within ±26 hours, so any solution is in this window. */
  static const gint64 probes[] = { -26, -13, 0, 13, 26 };
  gint64 best = G_MAXINT64;
  gint64 offsets[G_N_ELEMENTS (probes)];
  gint64 lo_offset = G_MAXINT64, hi_offset = G_MININT64;
  gint64 before = zone_offset (tz, local + probes[0] * 3600);

  /* The common case: no change of offset anywhere near (each lookup
   * scans the zone's transitions, so keep them few). */
  if (before == zone_offset (tz, local + probes[G_N_ELEMENTS (probes) - 1] * 3600))
    return local - before;

  for (gsize i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      gint64 o = zone_offset (tz, local + probes[i] * 3600);
      gint64 u = local - o;

      offsets[i] = o;
      if (zone_offset (tz, u) == o && u < best)
        best = u;
    }
  if (best != G_MAXINT64)
    return best;

  /* A gap: the clock jumps from before @local to after it at a transition
   * from a smaller offset to a larger one. */
  for (gsize i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      lo_offset = MIN (lo_offset, offsets[i]);
      hi_offset = MAX (hi_offset, offsets[i]);
    }
  {
    gint64 lo = local - hi_offset;    /* still before the change */
    gint64 hi = local - lo_offset;    /* already after it */

    while (hi - lo > 1)
      {
        gint64 mid = lo + (hi - lo) / 2;

        if (mid + zone_offset (tz, mid) > local)
          hi = mid;
        else
          lo = mid;
      }
    return hi;
  }
}

CairnTime
cairn_time_next_wall_clock (GTimeZone *tz,
                            CairnTime  now,
                            int        minutes,
                            guint      days_mask)
{
  gint64 now_s = floor_div (now, CAIRN_USEC_PER_SEC);
  gint64 local_day = floor_div (now_s + zone_offset (tz, now_s), SECONDS_PER_DAY);

  days_mask &= 0x7f;
  /* Start a day early: an offset change may move yesterday's target past
   * now. Eight more days cover every weekday. */
  for (gint64 day = local_day - 1; day <= local_day + 8; day++)
    {
      int weekday = (int) floor_mod (day + 3, 7);   /* 1970-01-01: Thursday */
      gint64 target;

      if (days_mask != 0 && (days_mask & (1u << weekday)) == 0)
        continue;
      target = first_instant_showing (tz, day * SECONDS_PER_DAY + (gint64) minutes * 60)
               * CAIRN_USEC_PER_SEC;
      if (target > now)
        return target;
    }

  /* Not reached for a valid zone; keep going forward rather than back. */
  return now + CAIRN_USEC_PER_DAY;
}

gboolean
cairn_weekday_parse (const char  *name,
                     int         *weekday,
                     GError     **error)
{
  static const char * const names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (int i = 0; name != NULL && i < 7; i++)
    if (strcmp (name, names[i]) == 0)
      {
        if (weekday != NULL)
          *weekday = i;
        return TRUE;
      }
  g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID,
               _("\"%s\" is not a day (use mon, tue, wed, thu, fri, sat or sun)"),
               name != NULL ? name : "");
  return FALSE;
}

int
cairn_time_local_minutes (GTimeZone *tz,
                          CairnTime  time)
{
  gint64 s = floor_div (time, CAIRN_USEC_PER_SEC);

  return (int) (floor_mod (s + zone_offset (tz, s), SECONDS_PER_DAY) / 60);
}

gboolean
cairn_time_in_quiet_hours (GTimeZone *tz,
                           CairnTime  time,
                           int        start_minutes,
                           int        end_minutes)
{
  int m;

  if (start_minutes == end_minutes)
    return FALSE;
  m = cairn_time_local_minutes (tz, time);
  if (start_minutes < end_minutes)
    return m >= start_minutes && m < end_minutes;
  return m >= start_minutes || m < end_minutes;
}
