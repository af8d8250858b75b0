/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-opening-hours.h: a modality's weekly opening hours and the open intervals they give in a time zone. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RdInterval:
 * @start: Unix seconds, included
 * @end: Unix seconds, excluded
 */
typedef struct
{
  gint64 start;
  gint64 end;
} RdInterval;

/**
 * RdOpeningHours:
 * @open: minutes after local midnight, per weekday (0 = Monday); -1 when closed that day
 * @close: minutes after local midnight; may be 1440 (24:00), or at most @open for a span
 *   that runs past midnight into the next day
 */
typedef struct
{
  int open[7];
  int close[7];
} RdOpeningHours;

gboolean  rd_opening_hours_parse      (const char           *text,
                                       RdOpeningHours       *hours,
                                       GError              **error);
char     *rd_opening_hours_to_string  (const RdOpeningHours *hours);
gboolean  rd_opening_hours_is_closed  (const RdOpeningHours *hours,
                                       int                   weekday);
GArray   *rd_opening_hours_intervals  (const RdOpeningHours *hours,
                                       GTimeZone            *tz,
                                       gint64                from,
                                       gint64                to);
gboolean  rd_opening_hours_contains   (const RdOpeningHours *hours,
                                       GTimeZone            *tz,
                                       gint64                start,
                                       gint64                end);
gint64    rd_local_time               (GTimeZone            *tz,
                                       int                   year,
                                       int                   month,
                                       int                   day,
                                       int                   minutes);
gint64    rd_local_day_start          (GTimeZone            *tz,
                                       gint64                at);

G_END_DECLS
