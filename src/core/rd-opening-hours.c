/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-opening-hours.c: a modality's weekly opening hours and the open intervals they give in a time zone. */

#include "rd-opening-hours.h"
#include "rd-error.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#define MINUTES_PER_DAY (24 * 60)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
parse_clock (const char *text,
             int        *minutes)
{
  int h, m;

  if (strlen (text) != 5 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':'
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;

  *minutes = h * 60 + m;
  return TRUE;
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const RdInterval *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_local_time:
 * @tz: the department's time zone
 * @year: local year
 * @month: local month, 1–12
 * @day: local day of the month
 * @minutes: minutes after local midnight; 1440 and more run into the following days
 *
 * The wall-clock time keeps its meaning across a daylight-saving change: 09:00 is 09:00 on the day
 * the clocks go forward. A wall-clock time that does not exist (01:30 when the clocks jump from
 * 01:00 to 02:00) is taken as GLib takes it, the nearest valid time.
 *
 * Returns: the Unix time of that local wall-clock time
 */
gint64
rd_local_time (GTimeZone *tz,
               int        year,
               int        month,
               int        day,
               int        minutes)
{
  g_autoptr (GDateTime) dt = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (minutes >= MINUTES_PER_DAY)
    {
      g_date_add_days (&date, minutes / MINUTES_PER_DAY);
      minutes %= MINUTES_PER_DAY;
    }

  dt = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
                        minutes / 60, minutes % 60, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/**
 * rd_local_day_start:
 * @tz: the department's time zone
 * @at: a Unix time
 *
 * Returns: the Unix time of local midnight at the start of the day that holds @at
 */
gint64
rd_local_day_start (GTimeZone *tz,
                    gint64     at)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return rd_local_time (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                        g_date_time_get_day_of_month (local), 0);
}

/**
 * rd_opening_hours_parse:
 * @text: seven `HH:MM-HH:MM` spans, Monday to Sunday, separated by ';' (an empty span: closed)
 * @hours: (out caller-allocates): the parsed hours
 * @error: what is wrong with @text
 *
 * `00:00-24:00` is open all day; a span whose end is before its start runs past midnight.
 *
 * Returns: whether @text was valid
 */
gboolean
rd_opening_hours_parse (const char      *text,
                        RdOpeningHours  *hours,
                        GError         **error)
{
  g_auto (GStrv) days = NULL;

  g_return_val_if_fail (hours != NULL, FALSE);

  if (text == NULL || (days = g_strsplit (text, ";", -1)) == NULL || g_strv_length (days) != 7)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Opening hours need seven spans, Monday to Sunday, separated by “;”."));
      return FALSE;
    }

  for (guint i = 0; i < 7; i++)
    {
      g_auto (GStrv) ends = NULL;
      char *span = g_strstrip (days[i]);
      int open, close;

      if (*span == '\0')
        {
          hours->open[i] = hours->close[i] = -1;
          continue;
        }

      ends = g_strsplit (span, "-", -1);
      if (g_strv_length (ends) != 2 || !parse_clock (g_strstrip (ends[0]), &open)
          || !parse_clock (g_strstrip (ends[1]), &close) || open == MINUTES_PER_DAY || open == close)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("“%s” is not a span of opening hours such as 08:00-18:00."), span);
          return FALSE;
        }

      hours->open[i] = open;
      hours->close[i] = close;
    }

  return TRUE;
}

/**
 * rd_opening_hours_to_string:
 * @hours: opening hours
 *
 * Returns: (transfer full): the hours in the form rd_opening_hours_parse() reads
 */
char *
rd_opening_hours_to_string (const RdOpeningHours *hours)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 7; i++)
    {
      if (i > 0)
        g_string_append_c (text, ';');
      if (hours->open[i] >= 0)
        g_string_append_printf (text, "%02d:%02d-%02d:%02d", hours->open[i] / 60, hours->open[i] % 60,
                                hours->close[i] / 60, hours->close[i] % 60);
    }

  return g_string_free (text, FALSE);
}

/**
 * rd_opening_hours_is_closed:
 * @hours: opening hours
 * @weekday: 1 (Monday) to 7 (Sunday), as g_date_time_get_day_of_week() counts
 *
 * Returns: whether the modality does not open on that weekday
 */
gboolean
rd_opening_hours_is_closed (const RdOpeningHours *hours,
                            int                   weekday)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, TRUE);

  return hours->open[weekday - 1] < 0;
}

/**
 * rd_opening_hours_intervals:
 * @hours: opening hours
 * @tz: the department's time zone
 * @from: the range's start (Unix seconds)
 * @to: the range's end, excluded
 *
 * Spans that touch (Monday 00:00-24:00 and Tuesday 00:00-24:00) are merged into one interval, so
 * that a booking across midnight in a modality open day and night is inside opening hours.
 *
 * Returns: (transfer full) (element-type RdInterval): the open intervals that overlap
 *   [@from, @to), by start, not clipped to the range
 */
GArray *
rd_opening_hours_intervals (const RdOpeningHours *hours,
                            GTimeZone            *tz,
                            gint64                from,
                            gint64                to)
{
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (RdInterval));
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (RdInterval));
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  GDate date;

  g_return_val_if_fail (hours != NULL, merged);
  g_return_val_if_fail (tz != NULL, merged);

  if (to <= from)
    return merged;

  /* Start a day early: yesterday's span may run past midnight. */
  utc = g_date_time_new_from_unix_utc (from);
  local = g_date_time_to_timezone (utc, tz);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  g_date_subtract_days (&date, 1);

  for (;;)
    {
      int wd = g_date_get_weekday (&date) - 1; /* GDateWeekday: Monday is 1 */
      int y = g_date_get_year (&date), m = g_date_get_month (&date), d = g_date_get_day (&date);
      gint64 day_start = rd_local_time (tz, y, m, d, 0);

      if (day_start >= to)
        break;

      if (hours->open[wd] >= 0)
        {
          RdInterval span;
          int close = hours->close[wd] > hours->open[wd] ? hours->close[wd]
                                                         : hours->close[wd] + MINUTES_PER_DAY;

          span.start = rd_local_time (tz, y, m, d, hours->open[wd]);
          span.end = rd_local_time (tz, y, m, d, close);
          if (span.end > from && span.start < to)
            g_array_append_val (all, span);
        }

      g_date_add_days (&date, 1);
    }

  g_array_sort (all, compare_intervals);
  for (guint i = 0; i < all->len; i++)
    {
      RdInterval *span = &g_array_index (all, RdInterval, i);
      RdInterval *last = merged->len > 0 ? &g_array_index (merged, RdInterval, merged->len - 1) : NULL;

      if (last != NULL && span->start <= last->end)
        last->end = MAX (last->end, span->end);
      else
        g_array_append_val (merged, *span);
    }

  return merged;
}

/**
 * rd_opening_hours_contains:
 * @hours: opening hours
 * @tz: the department's time zone
 * @start: the start of a booking (Unix seconds)
 * @end: its end
 *
 * Returns: whether [@start, @end) lies wholly inside opening hours
 */
gboolean
rd_opening_hours_contains (const RdOpeningHours *hours,
                           GTimeZone            *tz,
                           gint64                start,
                           gint64                end)
{
  g_autoptr (GArray) open = NULL;

  g_return_val_if_fail (hours != NULL, FALSE);

  if (end <= start)
    return FALSE;

  open = rd_opening_hours_intervals (hours, tz, start, end);
  for (guint i = 0; i < open->len; i++)
    {
      RdInterval *span = &g_array_index (open, RdInterval, i);

      if (span->start <= start && span->end >= end)
        return TRUE;
    }

  return FALSE;
}
