/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-format.h: how RadDesk shows money, times, dates and enumeration values to people. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        rd_format_set_time_zone   (const char *identifier);
GTimeZone  *rd_format_get_time_zone   (void);

char       *rd_format_money           (gint64      cents);
char       *rd_format_time            (gint64      utc_seconds);
char       *rd_format_date_time       (gint64      utc_seconds);
char       *rd_format_date            (const char *iso_date);
char       *rd_format_day             (GDateTime  *day);
const char *rd_format_enum            (const char *value);
const char *rd_format_bool            (gboolean    value);

GDateTime  *rd_format_today           (void);
void        rd_format_day_range       (GDateTime  *day,
                                       gint64     *from,
                                       gint64     *to);

G_END_DECLS
