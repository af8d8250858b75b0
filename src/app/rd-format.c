/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-format.c: how RadDesk shows money, times, dates and enumeration values to people. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-format.h"

/* ---------------------------------------------------------------- */
/* State                                                             */
/* ---------------------------------------------------------------- */

/* The department's time zone; the application keeps it in step with the GSettings key
 * "time-zone", so that every view shows times the same way. */
static GTimeZone *department_zone;

typedef struct
{
  const char *value;
  const char *words;
} EnumWords;

/* Every enumeration value of rd-table.c, in the words a person reads. Modality kinds (CT, MR, …)
 * are shown as they are. */
static const EnumWords enum_words[] = {
  /* booking status */
  { "requested", N_("Requested") },
  { "scheduled", N_("Scheduled") },
  { "arrived", N_("Arrived") },
  { "in_progress", N_("In progress") },
  { "completed", N_("Completed") },
  { "no_show", N_("No show") },
  { "cancelled", N_("Cancelled") },
  /* booking priority */
  { "routine", N_("Routine") },
  { "urgent", N_("Urgent") },
  { "stat", N_("STAT") },
  /* staff job */
  { "technologist", N_("Technologist") },
  { "radiologist", N_("Radiologist") },
  { "nurse", N_("Nurse") },
  { "coordinator", N_("Coordinator") },
  { "clerk", N_("Clerk") },
  { "manager", N_("Manager") },
  /* downtime reason */
  { "planned_maintenance", N_("Planned maintenance") },
  { "repair", N_("Repair") },
  { "qc", N_("Quality control") },
  { "other", N_("Other") },
  /* course category */
  { "ris", N_("RIS") },
  { "radiation_safety", N_("Radiation safety") },
  { "mri_safety", N_("MRI safety") },
  { "contrast", N_("Contrast") },
  { "bls", N_("BLS") },
  { "equipment", N_("Equipment") },
  { "compliance", N_("Compliance") },
  /* training outcome */
  { "competent", N_("Competent") },
  { "needs_practice", N_("Needs practice") },
  { "not_competent", N_("Not competent") },
  /* stock movement kind */
  { "receive", N_("Receive") },
  { "consume", N_("Consume") },
  { "adjust", N_("Adjust") },
  { "expire", N_("Expire") },
  { "transfer", N_("Transfer") },
  /* purchase order status */
  { "draft", N_("Draft") },
  { "submitted", N_("Submitted") },
  { "approved", N_("Approved") },
  { "ordered", N_("Ordered") },
  { "partially_received", N_("Partially received") },
  { "received", N_("Received") },
  /* contract kind */
  { "service", N_("Service") },
  { "maintenance", N_("Maintenance") },
  { "supply", N_("Supply") },
  { "lease", N_("Lease") },
  { "software", N_("Software") },
  /* budget category */
  { "supplies", N_("Supplies") },
  { "service_contracts", N_("Service contracts") },
};

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GDateTime *
department_date_time (gint64 utc_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_seconds);

  if (utc == NULL)
    return NULL;

  return g_date_time_to_timezone (utc, rd_format_get_time_zone ());
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_format_set_time_zone:
 * @identifier: (nullable): an IANA time zone such as "Europe/London"; %NULL or an unknown one
 *   means the computer's own zone
 *
 * Sets the zone in which times are shown.
 */
void
rd_format_set_time_zone (const char *identifier)
{
  GTimeZone *zone = NULL;

  if (identifier != NULL && *identifier != '\0')
    zone = g_time_zone_new_identifier (identifier);
  if (zone == NULL)
    zone = g_time_zone_new_local ();

  g_clear_pointer (&department_zone, g_time_zone_unref);
  department_zone = zone;
}

/**
 * rd_format_get_time_zone:
 *
 * Returns: (transfer none): the department's time zone
 */
GTimeZone *
rd_format_get_time_zone (void)
{
  if (department_zone == NULL)
    department_zone = g_time_zone_new_local ();

  return department_zone;
}

/**
 * rd_format_money:
 * @cents: an amount in cents
 *
 * Returns: (transfer full): the amount as "$1,234.56" (or "−$1,234.56")
 */
char *
rd_format_money (gint64 cents)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *digits = NULL;
  guint64 magnitude;
  gsize len;

  magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  len = strlen (digits);

  if (cents < 0)
    g_string_append (out, "−");
  g_string_append_c (out, '$');
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * rd_format_time:
 * @utc_seconds: a time as Unix seconds
 *
 * Returns: (transfer full): the time of day in the department's zone, as "09:15"
 */
char *
rd_format_time (gint64 utc_seconds)
{
  g_autoptr(GDateTime) local = department_date_time (utc_seconds);

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
}

/**
 * rd_format_date_time:
 * @utc_seconds: a time as Unix seconds
 *
 * Returns: (transfer full): the date and time in the department's zone, as "1 Dec 2026, 09:15"
 */
char *
rd_format_date_time (gint64 utc_seconds)
{
  g_autoptr(GDateTime) local = department_date_time (utc_seconds);

  /* Translators: a date and time, see the strftime() manual; keep it short */
  return local != NULL ? g_date_time_format (local, _("%-d %b %Y, %H:%M")) : g_strdup ("");
}

/**
 * rd_format_date:
 * @iso_date: (nullable): a date as YYYY-MM-DD
 *
 * Returns: (transfer full): the date as "1 Dec 2026", or "" for %NULL or a malformed date
 */
char *
rd_format_date (const char *iso_date)
{
  unsigned year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%4u-%2u-%2u", &year, &month, &day) != 3)
    return g_strdup (iso_date != NULL ? iso_date : "");

  date = g_date_time_new_utc ((int) year, (int) month, (int) day, 0, 0, 0);
  if (date == NULL)
    return g_strdup (iso_date);

  /* Translators: a date, see the strftime() manual */
  return g_date_time_format (date, _("%-d %b %Y"));
}

/**
 * rd_format_day:
 * @day: a day
 *
 * Returns: (transfer full): the day in words, as "Tuesday, 1 December 2026"
 */
char *
rd_format_day (GDateTime *day)
{
  g_return_val_if_fail (day != NULL, NULL);

  /* Translators: a day heading, see the strftime() manual */
  return g_date_time_format (day, _("%A, %-d %B %Y"));
}

/**
 * rd_format_enum:
 * @value: (nullable): an enumeration value of a table column, such as "in_progress"
 *
 * Returns: (transfer none): the value in translated words, such as "In progress"
 */
const char *
rd_format_enum (const char *value)
{
  if (value == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (enum_words); i++)
    if (strcmp (enum_words[i].value, value) == 0)
      return _(enum_words[i].words);

  return value;
}

/**
 * rd_format_bool:
 * @value: a boolean
 *
 * Returns: (transfer none): "Yes" or "No"
 */
const char *
rd_format_bool (gboolean value)
{
  return value ? _("Yes") : _("No");
}

/**
 * rd_format_today:
 *
 * Returns: (transfer full): midnight of today in the department's zone
 */
GDateTime *
rd_format_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (rd_format_get_time_zone ());

  return g_date_time_new (rd_format_get_time_zone (),
                          g_date_time_get_year (now),
                          g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now),
                          0, 0, 0);
}

/**
 * rd_format_day_range:
 * @day: a day in the department's zone
 * @from: (out): its first second, Unix seconds
 * @to: (out): the first second of the next day, Unix seconds
 *
 * The bounds of a department day, which is 23 or 25 hours long when the clocks change.
 */
void
rd_format_day_range (GDateTime *day,
                     gint64    *from,
                     gint64    *to)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_if_fail (day != NULL);

  start = g_date_time_new (rd_format_get_time_zone (),
                           g_date_time_get_year (day),
                           g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day),
                           0, 0, 0);
  end = g_date_time_add_days (start, 1);
  /* add_days keeps the wall-clock time, so a 23- or 25-hour day still ends at midnight */
  *from = g_date_time_to_unix (start);
  *to = g_date_time_to_unix (end);
}
