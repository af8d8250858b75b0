/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-page.h: the Schedule page — the modalities and one day's bookings. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_SCHEDULE_PAGE (rd_schedule_page_get_type ())
G_DECLARE_FINAL_TYPE (RdSchedulePage, rd_schedule_page, RD, SCHEDULE_PAGE, AdwBin)

RdSchedulePage *rd_schedule_page_new      (RdStore        *store);
void            rd_schedule_page_set_day  (RdSchedulePage *self,
                                           GDateTime      *day);
GDateTime      *rd_schedule_page_get_day  (RdSchedulePage *self);

G_END_DECLS
