/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-grid.h: the time grid of the schedule — columns of modalities or days, bookings as blocks. */

#pragma once

#include <gtk/gtk.h>

#include "rd-record.h"

G_BEGIN_DECLS

#define RD_TYPE_SCHEDULE_GRID (rd_schedule_grid_get_type ())
G_DECLARE_FINAL_TYPE (RdScheduleGrid, rd_schedule_grid, RD, SCHEDULE_GRID, GtkWidget)

GtkWidget  *rd_schedule_grid_new              (void);
void        rd_schedule_grid_clear            (RdScheduleGrid *self,
                                               GTimeZone      *tz,
                                               int             first_minute,
                                               int             last_minute);
guint       rd_schedule_grid_add_column       (RdScheduleGrid *self,
                                               const char     *title,
                                               const char     *modality_id,
                                               const char     *modality_name,
                                               GDateTime      *day,
                                               int             open_minute,
                                               int             close_minute);
guint       rd_schedule_grid_get_n_columns    (RdScheduleGrid *self);
const char *rd_schedule_grid_get_column_modality (RdScheduleGrid *self,
                                               guint           column);
GtkWidget  *rd_schedule_grid_add_booking      (RdScheduleGrid *self,
                                               guint           column,
                                               RdRecord       *booking,
                                               const char     *exam_name);
void        rd_schedule_grid_add_downtime     (RdScheduleGrid *self,
                                               guint           column,
                                               gint64          start,
                                               gint64          end,
                                               const char     *reason);
void        rd_schedule_grid_set_now          (RdScheduleGrid *self,
                                               gint64          now);
GPtrArray  *rd_schedule_grid_get_blocks       (RdScheduleGrid *self);
GtkWidget  *rd_schedule_grid_find_block       (RdScheduleGrid *self,
                                               const char     *booking_id);
gint64      rd_schedule_grid_time_at          (RdScheduleGrid *self,
                                               guint           column,
                                               double          minute);
void        rd_schedule_grid_minute_to_y      (RdScheduleGrid *self,
                                               int             minute,
                                               double         *y);
void        rd_schedule_grid_set_show_header  (RdScheduleGrid *self,
                                               gboolean        show);
const char *rd_schedule_grid_get_column_title (RdScheduleGrid *self,
                                               guint           column);
double      rd_schedule_grid_get_column_x     (RdScheduleGrid *self,
                                               guint           column,
                                               double         *width);

G_END_DECLS
