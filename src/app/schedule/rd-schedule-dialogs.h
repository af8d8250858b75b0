/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-dialogs.h: the schedule's smaller windows — find a free slot, add a downtime, ask a reason. */

#pragma once

#include "rd-schedule-page.h"

G_BEGIN_DECLS

void rd_schedule_show_find_slot   (RdSchedulePage *page);
void rd_schedule_show_downtime    (RdSchedulePage *page,
                                   const char     *modality_id);
void rd_schedule_print_day        (RdSchedulePage *page,
                                   GDateTime      *day);
gboolean rd_schedule_print_day_to_pdf (RdStore            *store,
                                       GDateTime          *day,
                                       const char *const  *modality_ids,
                                       const char         *path,
                                       GError            **error);
void rd_schedule_export_ical      (RdSchedulePage *page,
                                   GDateTime      *day,
                                   int             n_days);

G_END_DECLS
