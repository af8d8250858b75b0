/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-header.h: the column titles of a schedule grid, kept in sight above its scrolled window. */

#pragma once

#include "rd-schedule-grid.h"

G_BEGIN_DECLS

#define RD_TYPE_SCHEDULE_HEADER (rd_schedule_header_get_type ())
G_DECLARE_FINAL_TYPE (RdScheduleHeader, rd_schedule_header, RD, SCHEDULE_HEADER, GtkWidget)

GtkWidget *rd_schedule_header_new (RdScheduleGrid *grid,
                                   GtkAdjustment  *hadjustment);

G_END_DECLS
