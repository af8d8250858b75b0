/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-private.h: helpers shared by the parts of the booking rules. */

#pragma once

#include "rd-schedule.h"

G_BEGIN_DECLS

char *rd_schedule_format_span (GTimeZone  *tz,
                               gint64      start,
                               gint64      end);
char *rd_schedule_dup_name    (RdStore    *store,
                               const char *table,
                               const char *id);

G_END_DECLS
