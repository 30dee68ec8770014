/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib.h>

#include "cairn-error.h"
#include "cairn-time.h"

#define SEC CAIRN_USEC_PER_SEC

static CairnTime
t (const char *text)
{
  CairnTime value = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_time_parse (text, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_format (CairnTime   value,
               const char *expected)
{
  g_autofree char *text = cairn_time_format (value);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_parse (void)
{
  g_assert_cmpint (t ("2026-11-02T10:00:00Z"), ==, G_GINT64_CONSTANT (1793613600) * SEC);
  g_assert_cmpint (t ("1970-01-01T00:00:00Z"), ==, 0);
  g_assert_cmpint (t ("2026-11-02T11:30:00+01:30"), ==, t ("2026-11-02T10:00:00Z"));
  g_assert_cmpint (t ("2026-11-02T05:00:00-05:00"), ==, t ("2026-11-02T10:00:00Z"));
  g_assert_cmpint (t ("2026-11-02t10:00:00z"), ==, t ("2026-11-02T10:00:00Z"));
  g_assert_cmpint (t ("2024-02-29T00:00:00Z"), ==, G_GINT64_CONSTANT (1709164800) * SEC);
  g_assert_cmpint (t ("2026-11-02T10:00:00.5Z"), ==, t ("2026-11-02T10:00:00Z") + 500000);
  g_assert_cmpint (t ("2026-11-02T10:00:00.000001Z"), ==, t ("2026-11-02T10:00:00Z") + 1);
  /* Beyond the microsecond, digits are dropped. */
  g_assert_cmpint (t ("2026-11-02T10:00:00.1234569Z"), ==, t ("2026-11-02T10:00:00Z") + 123456);
  g_assert_cmpint (t ("1969-12-31T23:59:59.5Z"), ==, -500000);
}

static void
test_parse_errors (void)
{
  const char *bad[] = {
    "", "2026-11-02", "2026-11-02T10:00:00", "2026-11-02T10:00Z",
    "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
    "2026-11-02T24:00:00Z", "2026-11-02T10:60:00Z", "2026-11-02T10:00:60Z",
    "2026-11-02T10:00:00+0100", "2026-11-02T10:00:00+01", "2026-11-02T10:00:00.Z",
    "2026-11-02T10:00:00Z ", " 2026-11-02T10:00:00Z", "26-11-02T10:00:00Z",
    "2026-11-02T10:00:00+24:00", "tomorrow",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      CairnTime value = 42;

      g_assert_false (cairn_time_parse (bad[i], &value, &error));
      g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "RFC 3339"));
      g_assert_cmpint (value, ==, 42);
    }
}

static void
test_format (void)
{
  assert_format (0, "1970-01-01T00:00:00Z");
  assert_format (t ("2026-11-02T10:00:00Z"), "2026-11-02T10:00:00Z");
  assert_format (t ("2026-11-02T11:30:00+01:30"), "2026-11-02T10:00:00Z");
  assert_format (t ("2026-11-02T10:00:00.5Z"), "2026-11-02T10:00:00.5Z");
  assert_format (t ("2026-11-02T10:00:00.120Z"), "2026-11-02T10:00:00.12Z");
  assert_format (t ("2026-11-02T10:00:00.000000Z"), "2026-11-02T10:00:00Z");
  assert_format (t ("2026-11-02T10:00:00.000001Z"), "2026-11-02T10:00:00.000001Z");
  assert_format (-500000, "1969-12-31T23:59:59.5Z");
  assert_format (t ("2024-02-29T23:59:59Z"), "2024-02-29T23:59:59Z");
  assert_format (t ("2000-03-01T00:00:00+00:00"), "2000-03-01T00:00:00Z");

  {
    g_autoptr(GString) out = g_string_new ("at ");
    cairn_time_append (out, t ("2026-11-02T10:00:00Z"));
    g_assert_cmpstr (out->str, ==, "at 2026-11-02T10:00:00Z");
  }
}

static void
test_dates (void)
{
  gint64 days = 0;
  int y, m, d;

  g_assert_cmpint (cairn_date_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (cairn_date_from_ymd (2026, 11, 2), ==, 20759);
  g_assert_cmpint (cairn_date_from_ymd (1900, 3, 1), ==, -25508);
  cairn_date_to_ymd (20759, &y, &m, &d);
  g_assert_cmpint (y, ==, 2026);
  g_assert_cmpint (m, ==, 11);
  g_assert_cmpint (d, ==, 2);
  cairn_date_to_ymd (-1, &y, &m, &d);
  g_assert_cmpint (y, ==, 1969);
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (d, ==, 31);
  for (gint64 i = -800000; i < 800000; i += 997)
    {
      cairn_date_to_ymd (i, &y, &m, &d);
      g_assert_cmpint (cairn_date_from_ymd (y, m, d), ==, i);
    }

  g_assert_true (cairn_date_parse ("2026-11-02", &days));
  g_assert_cmpint (days, ==, 20759);
  g_assert_true (cairn_date_parse ("2024-02-29", &days));
  g_assert_cmpint (days, ==, cairn_date_from_ymd (2024, 2, 29));
  /* An RFC 3339 time counts as its UTC date. */
  g_assert_true (cairn_date_parse ("2026-11-01T23:30:00-05:00", &days));
  g_assert_cmpint (days, ==, 20759);
  g_assert_true (cairn_date_parse ("2026-11-02T00:30:00+01:00", &days));
  g_assert_cmpint (days, ==, 20758);
  g_assert_false (cairn_date_parse ("2025-02-29", &days));
  g_assert_false (cairn_date_parse ("2026-11-2", &days));
  g_assert_false (cairn_date_parse ("02/11/2026", &days));
  g_assert_false (cairn_date_parse ("2026-11-02 ", &days));
  g_assert_false (cairn_date_parse (NULL, &days));
}

static CairnDuration
dur (const char *text)
{
  CairnDuration value = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_duration_parse (text, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_duration_error (const char *text,
                       const char *expected_message,
                       const char *expected_part)
{
  g_autoptr(GError) error = NULL;
  CairnDuration value = 42;

  g_assert_false (cairn_duration_parse (text, &value, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_cmpint (value, ==, 42);
  if (expected_message != NULL)
    g_assert_cmpstr (error->message, ==, expected_message);
  if (expected_part != NULL && strstr (error->message, expected_part) == NULL)
    g_error ("%s: \"%s\" lacks \"%s\"", text, error->message, expected_part);
}

static void
test_durations (void)
{
  g_assert_cmpint (dur ("P3D"), ==, 3 * CAIRN_USEC_PER_DAY);
  g_assert_cmpint (dur ("PT36H"), ==, 36 * 3600 * SEC);
  g_assert_cmpint (dur ("P1DT12H"), ==, 36 * 3600 * SEC);
  g_assert_cmpint (dur ("P2W"), ==, 14 * CAIRN_USEC_PER_DAY);
  g_assert_cmpint (dur ("P1W2D"), ==, 9 * CAIRN_USEC_PER_DAY);
  g_assert_cmpint (dur ("PT0S"), ==, 0);
  g_assert_cmpint (dur ("P0D"), ==, 0);
  g_assert_cmpint (dur ("PT1M"), ==, 60 * SEC);
  g_assert_cmpint (dur ("PT90M"), ==, 5400 * SEC);
  g_assert_cmpint (dur ("PT1H30M15S"), ==, 5415 * SEC);
  g_assert_cmpint (dur ("P1W1DT1H1M1S"), ==, (8 * 86400 + 3661) * SEC);
  g_assert_cmpint (dur ("PT100000S"), ==, 100000 * SEC);

  assert_duration_error ("3 days", "\"3 days\" is not an ISO 8601 duration (try \"P3D\")", NULL);
  assert_duration_error ("36h", "\"36h\" is not an ISO 8601 duration (try \"PT36H\")", NULL);
  assert_duration_error ("2 weeks", "\"2 weeks\" is not an ISO 8601 duration (try \"P2W\")", NULL);
  assert_duration_error ("30 minutes", "\"30 minutes\" is not an ISO 8601 duration (try \"PT30M\")", NULL);
  assert_duration_error ("p3d", "\"p3d\" is not an ISO 8601 duration (try \"P3D\")", NULL);
  assert_duration_error ("P1M", NULL, "months");
  assert_duration_error ("P1M", NULL, "P30D");
  assert_duration_error ("P2Y", NULL, "years");
  assert_duration_error ("P1Y2M3D", NULL, "years");
  assert_duration_error ("PT1.5H", NULL, "fractions");
  assert_duration_error ("P0,5D", NULL, "fractions");
  assert_duration_error ("-P1D", NULL, "negative");
  assert_duration_error ("", NULL, "empty");
  assert_duration_error (NULL, NULL, "empty");
  const char *bad[] = {
    "P", "PT", "P1DT", "P1H", "PT1D", "PT1W", "P1D1W", "PT1S1M", "P1D1D",
    "P1DT1HT1M", "P D", "P1", "PT1", "1D", "P1DX", "P+1D", "P-1D", "D",
    "P1d", "P99999999999999999999D", "P3 days",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_duration_error (bad[i], NULL, "duration");
}

static void
test_describe (void)
{
  struct { CairnDuration d; const char *text; } cases[] = {
    { 0, "0 seconds" },
    { 3 * CAIRN_USEC_PER_DAY, "3 days" },
    { CAIRN_USEC_PER_DAY, "1 day" },
    { 36 * 3600 * SEC, "1 day 12 hours" },
    { 14 * CAIRN_USEC_PER_DAY, "2 weeks" },
    { 90 * 60 * SEC, "1 hour 30 minutes" },
    { 61 * SEC, "1 minute 1 second" },
    { (15 * 86400 + 3600) * SEC, "15 days 1 hour" },
    { 500000, "500000 µs" },
    { -2 * CAIRN_USEC_PER_DAY, "-2 days" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cairn_duration_describe (cases[i].d);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_time_of_day (void)
{
  int minutes = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_time_of_day_parse ("00:00", &minutes, NULL));
  g_assert_cmpint (minutes, ==, 0);
  g_assert_true (cairn_time_of_day_parse ("08:00", &minutes, NULL));
  g_assert_cmpint (minutes, ==, 480);
  g_assert_true (cairn_time_of_day_parse ("23:59", &minutes, NULL));
  g_assert_cmpint (minutes, ==, 1439);

  g_assert_false (cairn_time_of_day_parse ("8:00", &minutes, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "\"08:00\""));
  g_clear_error (&error);

  const char *bad[] = { "24:00", "12:60", "1200", "12:00:00", "", "ab:cd", " 12:00", "12:5" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      minutes = -7;
      g_assert_false (cairn_time_of_day_parse (bad[i], &minutes, &error));
      g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
      g_assert_cmpint (minutes, ==, -7);
      g_clear_error (&error);
    }
  g_assert_false (cairn_time_of_day_parse (NULL, &minutes, NULL));
}

static void
test_time_zone (void)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *tz;

  tz = cairn_time_zone_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_time_zone_get_offset (tz, 0), ==, 0);
  g_time_zone_unref (tz);

  tz = cairn_time_zone_new ("UTC", &error);
  g_assert_no_error (error);
  g_time_zone_unref (tz);

  tz = cairn_time_zone_new ("Europe/London", &error);
  g_assert_no_error (error);
  g_assert_nonnull (tz);
  g_time_zone_unref (tz);

  const char *bad[] = { "Mars/Olympus", "", "/etc/passwd", "../../etc/passwd", "Not a zone" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      tz = cairn_time_zone_new (bad[i], &error);
      g_assert_null (tz);
      g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "time zone"));
      g_clear_error (&error);
    }
}

typedef struct
{
  const char *zone;
  const char *now;
  const char *time;
  guint       days;
  const char *expected;
} WallClockCase;

static void
test_next_wall_clock (void)
{
  static const WallClockCase cases[] = {
    /* UTC, strictly after now. */
    { "UTC", "2026-11-02T10:00:00Z", "10:00", 0, "2026-11-03T10:00:00Z" },
    { "UTC", "2026-11-02T09:59:59.999999Z", "10:00", 0, "2026-11-02T10:00:00Z" },
    { "UTC", "2026-11-02T10:00:00.000001Z", "10:00", 0, "2026-11-03T10:00:00Z" },
    { "UTC", "2026-11-02T23:30:00Z", "00:00", 0, "2026-11-03T00:00:00Z" },
    /* Summer time in London: 09:00 BST is 08:00Z. */
    { "Europe/London", "2026-06-01T10:00:00Z", "09:00", 0, "2026-06-02T08:00:00Z" },
    { "Europe/London", "2026-06-01T10:00:00Z", "12:00", 0, "2026-06-01T11:00:00Z" },
    { "Europe/London", "2026-01-15T10:00:00Z", "12:00", 0, "2026-01-15T12:00:00Z" },
    /* 2026-06-01 is a Monday; bit 5 = Saturday, bit 0 = Monday. */
    { "Europe/London", "2026-06-01T10:00:00Z", "09:00", 1u << 5, "2026-06-06T08:00:00Z" },
    { "Europe/London", "2026-06-01T07:00:00Z", "09:00", 1u << 0, "2026-06-01T08:00:00Z" },
    { "Europe/London", "2026-06-01T08:00:00Z", "09:00", 1u << 0, "2026-06-08T08:00:00Z" },
    { "Europe/London", "2026-06-01T10:00:00Z", "09:00", (1u << 2) | (1u << 6), "2026-06-03T08:00:00Z" },
    /* London gap: 2026-03-29 01:00Z, 01:00 GMT jumps to 02:00 BST. */
    { "Europe/London", "2026-03-28T12:00:00Z", "01:30", 0, "2026-03-29T01:00:00Z" },
    { "Europe/London", "2026-03-28T12:00:00Z", "01:00", 0, "2026-03-29T01:00:00Z" },
    { "Europe/London", "2026-03-28T12:00:00Z", "02:00", 0, "2026-03-29T01:00:00Z" },
    { "Europe/London", "2026-03-28T12:00:00Z", "00:59", 0, "2026-03-29T00:59:00Z" },
    { "Europe/London", "2026-03-28T12:00:00Z", "02:30", 0, "2026-03-29T01:30:00Z" },
    { "Europe/London", "2026-03-29T01:00:00Z", "01:30", 0, "2026-03-30T00:30:00Z" },
    /* London repeat: 2026-10-25 01:00-02:00 local happens at 00:xxZ
     * (BST) and again at 01:xxZ (GMT); the first counts. */
    { "Europe/London", "2026-10-24T12:00:00Z", "01:30", 0, "2026-10-25T00:30:00Z" },
    { "Europe/London", "2026-10-25T00:30:00Z", "01:30", 0, "2026-10-26T01:30:00Z" },
    { "Europe/London", "2026-10-25T00:45:00Z", "01:30", 0, "2026-10-26T01:30:00Z" },
    { "Europe/London", "2026-10-24T12:00:00Z", "02:00", 0, "2026-10-25T02:00:00Z" },
    { "Europe/London", "2026-10-24T12:00:00Z", "00:30", 0, "2026-10-24T23:30:00Z" },
    /* New York gap: 2026-03-08 02:00 EST jumps to 03:00 EDT at 07:00Z. */
    { "America/New_York", "2026-03-07T12:00:00Z", "02:30", 0, "2026-03-08T07:00:00Z" },
    { "America/New_York", "2026-03-07T12:00:00Z", "03:00", 0, "2026-03-08T07:00:00Z" },
    { "America/New_York", "2026-03-07T12:00:00Z", "01:59", 0, "2026-03-08T06:59:00Z" },
    { "America/New_York", "2026-03-08T07:00:00Z", "02:30", 0, "2026-03-09T06:30:00Z" },
    { "America/New_York", "2026-03-07T15:00:00Z", "09:00", 0, "2026-03-08T13:00:00Z" },
    /* New York repeat: 2026-11-01 01:30 EDT (05:30Z), then 01:30 EST
     * (06:30Z). */
    { "America/New_York", "2026-10-31T12:00:00Z", "01:30", 0, "2026-11-01T05:30:00Z" },
    { "America/New_York", "2026-11-01T05:45:00Z", "01:30", 0, "2026-11-02T06:30:00Z" },
    { "America/New_York", "2026-11-01T05:45:00Z", "09:00", 0, "2026-11-01T14:00:00Z" },
    /* Late evening UTC is still the previous local day in New York. */
    { "America/New_York", "2026-11-03T02:00:00Z", "22:00", 0, "2026-11-03T03:00:00Z" },
    { "America/New_York", "2026-11-03T02:00:00Z", "22:00", 1u << 0, "2026-11-03T03:00:00Z" },
    { "America/New_York", "2026-11-03T02:00:00Z", "22:00", 1u << 1, "2026-11-04T03:00:00Z" },
    /* A zone east of UTC. */
    { "Asia/Tokyo", "2026-11-02T16:00:00Z", "08:00", 0, "2026-11-02T23:00:00Z" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTimeZone) tz = cairn_time_zone_new (cases[i].zone, NULL);
      int minutes;
      CairnTime next;
      g_autofree char *text = NULL;

      g_assert_nonnull (tz);
      g_assert_true (cairn_time_of_day_parse (cases[i].time, &minutes, NULL));
      next = cairn_time_next_wall_clock (tz, t (cases[i].now), minutes, cases[i].days);
      text = cairn_time_format (next);
      if (g_strcmp0 (text, cases[i].expected) != 0)
        g_error ("case %" G_GSIZE_FORMAT ": %s %s %s: got %s, expected %s", i,
                 cases[i].zone, cases[i].now, cases[i].time, text, cases[i].expected);
    }
}

static gint64
offset_at (GTimeZone *tz,
           gint64     seconds)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, seconds));
}

/* Checks next_wall_clock against a minute-by-minute walk of the wall
 * clock around every offset change of 2026: for each local date, the
 * target is the first minute showing the time or later (N2). */
static void
check_against_walk (const char *zone)
{
  g_autoptr(GTimeZone) tz = cairn_time_zone_new (zone, NULL);
  gint64 year_start = t ("2026-01-01T00:00:00Z") / SEC;
  gint64 year_end = t ("2027-01-01T00:00:00Z") / SEC;
  guint n_transitions = 0;

  g_assert_nonnull (tz);
  for (gint64 s = year_start; s < year_end; s += 1800)
    {
      static const gint64 shifts[] = { -30 * 3600, -3 * 3600, -1800, 0, 1200, 5 * 3600 };

      if (offset_at (tz, s) == offset_at (tz, s + 1800))
        continue;
      n_transitions++;
      for (gsize k = 0; k < G_N_ELEMENTS (shifts); k++)
        {
          gint64 now = s + 1800 + shifts[k] + 17;   /* not on a minute */
          gint64 walk_start = (now / 60 - 3 * 1440) * 60;
          gint64 first_day = G_MININT64;
          gint64 first[6][1440];
          int filled[6];

          /* first[d][m]: the first minute of local day first_day + d
           * showing m or later. */
          memset (filled, 0, sizeof filled);
          for (gint64 u = walk_start; u < walk_start + 7 * 86400; u += 60)
            {
              gint64 local = u + offset_at (tz, u);
              gint64 day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
              int lm = (int) ((local - day * 86400) / 60);
              gint64 d;

              if (first_day == G_MININT64)
                first_day = day + 1;   /* the first day may have begun earlier */
              d = day - first_day;
              if (d < 0 || d >= 6)
                continue;
              for (; filled[d] <= lm; filled[d]++)
                first[d][filled[d]] = u;
            }

          for (int m = 0; m < 1440; m += 7)
            {
              CairnTime got = cairn_time_next_wall_clock (tz, now * SEC, m, 0);
              gint64 expected = G_MAXINT64;

              for (int d = 0; d < 6; d++)
                if (m < filled[d] && first[d][m] > now)
                  {
                    expected = first[d][m];
                    break;
                  }
              if (got != expected * SEC)
                {
                  g_autofree char *a = cairn_time_format (now * SEC);
                  g_autofree char *b = cairn_time_format (got);
                  g_autofree char *c = cairn_time_format (expected * SEC);

                  g_error ("%s, now %s, %02d:%02d: got %s, expected %s", zone, a, m / 60, m % 60, b, c);
                }
            }
        }
    }
  g_assert_cmpuint (n_transitions, >=, zone[0] == 'A' && strcmp (zone, "Asia/Kolkata") == 0 ? 0 : 2);
}

static void
test_wall_clock_walk (void)
{
  check_against_walk ("Europe/London");
  check_against_walk ("America/New_York");
  check_against_walk ("Australia/Lord_Howe");   /* 30-minute changes */
  check_against_walk ("America/Santiago");      /* changes at midnight */
  check_against_walk ("Asia/Kolkata");
}

static void
test_quiet_hours (void)
{
  g_autoptr(GTimeZone) london = cairn_time_zone_new ("Europe/London", NULL);
  g_autoptr(GTimeZone) utc = cairn_time_zone_new ("UTC", NULL);

  g_assert_cmpint (cairn_time_local_minutes (london, t ("2026-06-01T21:30:00Z")), ==, 22 * 60 + 30);
  g_assert_cmpint (cairn_time_local_minutes (london, t ("2026-01-15T21:30:00Z")), ==, 21 * 60 + 30);
  g_assert_cmpint (cairn_time_local_minutes (utc, -60 * SEC), ==, 1439);

  /* 22:00-08:00 wraps midnight. */
  g_assert_true (cairn_time_in_quiet_hours (london, t ("2026-06-01T21:30:00Z"), 1320, 480));
  g_assert_false (cairn_time_in_quiet_hours (london, t ("2026-01-15T21:30:00Z"), 1320, 480));
  g_assert_true (cairn_time_in_quiet_hours (london, t ("2026-01-15T22:00:00Z"), 1320, 480));
  g_assert_true (cairn_time_in_quiet_hours (london, t ("2026-01-15T07:59:59Z"), 1320, 480));
  g_assert_false (cairn_time_in_quiet_hours (london, t ("2026-01-15T08:00:00Z"), 1320, 480));
  g_assert_true (cairn_time_in_quiet_hours (london, t ("2026-06-15T06:59:00Z"), 1320, 480));
  g_assert_false (cairn_time_in_quiet_hours (london, t ("2026-06-15T07:00:00Z"), 1320, 480));
  /* 12:00-14:00 does not wrap. */
  g_assert_true (cairn_time_in_quiet_hours (utc, t ("2026-06-15T12:00:00Z"), 720, 840));
  g_assert_false (cairn_time_in_quiet_hours (utc, t ("2026-06-15T14:00:00Z"), 720, 840));
  g_assert_false (cairn_time_in_quiet_hours (utc, t ("2026-06-15T11:59:59Z"), 720, 840));
  /* start = end: never. */
  g_assert_false (cairn_time_in_quiet_hours (utc, t ("2026-06-15T12:00:00Z"), 720, 720));
  g_assert_false (cairn_time_in_quiet_hours (utc, t ("2026-06-15T00:00:00Z"), 0, 0));
}

static void
test_weekdays (void)
{
  static const char *names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
  g_autoptr(GError) error = NULL;
  int day = -1;

  for (int i = 0; i < 7; i++)
    {
      g_assert_true (cairn_weekday_parse (names[i], &day, NULL));
      g_assert_cmpint (day, ==, i);
    }
  g_assert_false (cairn_weekday_parse ("Monday", &day, &error));
  g_assert_error (error, CAIRN_ERROR, CAIRN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mon"));
  g_assert_false (cairn_weekday_parse ("MON", &day, NULL));
  g_assert_false (cairn_weekday_parse (NULL, &day, NULL));
}

/* The local minute of an instant, by the engine's cached offsets and by
 * GLib afresh, agree in zones with DST, half-hour changes, a skipped day
 * and historical offsets, walking time forward, back and at random (the
 * cache keeps the spans of the last two offsets of each thread). */
static void
test_local_minutes_cached (void)
{
  const char *zones[] = { "Europe/London", "America/New_York", "Australia/Lord_Howe",
                          "Asia/Kathmandu", "Pacific/Apia", "UTC", "Europe/Dublin" };
  GRand *rand = g_rand_new_with_seed (42);

  for (gsize z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      GTimeZone *tz = g_time_zone_new_identifier (zones[z]);
      GTimeZone *other = g_time_zone_new_identifier (z % 2 ? "Asia/Tokyo" : "America/Santiago");

      g_assert_nonnull (tz);
      for (guint i = 0; i < 6000; i++)
        {
          gint64 seconds;
          CairnTime time;
          GDateTime *dt;
          int expected;

          if (i < 2000)
            seconds = G_GINT64_CONSTANT (1300000000) + (gint64) i * 5437;          /* forward */
          else if (i < 4000)
            seconds = G_GINT64_CONSTANT (1700000000) - (gint64) (i - 2000) * 7919; /* back */
          else
            seconds = g_rand_int_range (rand, -2000000000, 2000000000)
                      + (gint64) g_rand_int_range (rand, 0, 3) * 2000000000;
          time = seconds * CAIRN_USEC_PER_SEC;
          dt = g_date_time_new_from_unix_utc (seconds);
          {
            GDateTime *local = g_date_time_to_timezone (dt, tz);
            expected = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
            g_date_time_unref (local);
          }
          g_date_time_unref (dt);
          g_assert_cmpint (cairn_time_local_minutes (tz, time), ==, expected);
          /* Another zone between: each has its own spans. */
          if (i % 7 == 0)
            (void) cairn_time_local_minutes (other, time);
        }
      g_time_zone_unref (other);
      g_time_zone_unref (tz);
    }
  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/time/parse", test_parse);
  g_test_add_func ("/core/time/parse-errors", test_parse_errors);
  g_test_add_func ("/core/time/format", test_format);
  g_test_add_func ("/core/time/dates", test_dates);
  g_test_add_func ("/core/time/durations", test_durations);
  g_test_add_func ("/core/time/describe", test_describe);
  g_test_add_func ("/core/time/time-of-day", test_time_of_day);
  g_test_add_func ("/core/time/time-zone", test_time_zone);
  g_test_add_func ("/core/time/next-wall-clock", test_next_wall_clock);
  g_test_add_func ("/core/time/wall-clock-walk", test_wall_clock_walk);
  g_test_add_func ("/core/time/quiet-hours", test_quiet_hours);
  g_test_add_func ("/core/time/weekdays", test_weekdays);
  g_test_add_func ("/core/time/local-minutes-cached", test_local_minutes_cached);
  return g_test_run ();
}
