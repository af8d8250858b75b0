/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-ical-export.h: bookings as an iCalendar file (libical), one VEVENT per booking. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

char *rd_ical_export_bookings (RdStore    *store,
                               gint64      from,
                               gint64      to,
                               const char *modality_id);

G_END_DECLS
