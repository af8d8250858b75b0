/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-page.h: the Schedule page — the modality calendar a coordinator works in all day. */

#pragma once

#include <adwaita.h>

#include "rd-page.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_SCHEDULE_PAGE (rd_schedule_page_get_type ())
G_DECLARE_FINAL_TYPE (RdSchedulePage, rd_schedule_page, RD, SCHEDULE_PAGE, RdPage)

RdSchedulePage *rd_schedule_page_new            (RdStore        *store);
void            rd_schedule_page_set_day        (RdSchedulePage *self,
                                                 GDateTime      *day);
GDateTime      *rd_schedule_page_get_day        (RdSchedulePage *self);
void            rd_schedule_page_set_view       (RdSchedulePage *self,
                                                 const char     *view);
GtkWidget      *rd_schedule_page_get_day_grid   (RdSchedulePage *self);
GtkWidget      *rd_schedule_page_get_week_grid  (RdSchedulePage *self);
void            rd_schedule_page_reload         (RdSchedulePage *self);
GtkWidget      *rd_schedule_page_new_booking    (RdSchedulePage *self,
                                                 const char     *modality_id,
                                                 gint64          start);
gboolean        rd_schedule_page_move_booking   (RdSchedulePage *self,
                                                 const char     *booking_id,
                                                 const char     *modality_id,
                                                 gint64          start,
                                                 gint64          end,
                                                 GError        **error);
gboolean        rd_schedule_page_book_request  (RdSchedulePage *self,
                                                 const char     *request_id,
                                                 const char     *modality_id,
                                                 gint64          start,
                                                 GError        **error);
void            rd_schedule_page_show_toast     (RdSchedulePage *self,
                                                 AdwToast       *toast);
GTimeZone      *rd_schedule_page_get_time_zone  (RdSchedulePage *self);
RdStore        *rd_schedule_page_get_store      (RdSchedulePage *self);

G_END_DECLS
