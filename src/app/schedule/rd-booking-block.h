/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-booking-block.h: one booking in the schedule grid — a focusable block with an accessible label. */

#pragma once

#include <gtk/gtk.h>

#include "rd-record.h"

G_BEGIN_DECLS

#define RD_TYPE_BOOKING_BLOCK (rd_booking_block_get_type ())
G_DECLARE_FINAL_TYPE (RdBookingBlock, rd_booking_block, RD, BOOKING_BLOCK, GtkWidget)

GtkWidget  *rd_booking_block_new           (RdRecord       *booking,
                                            const char     *modality_name,
                                            const char     *exam_name,
                                            GTimeZone      *tz);
RdRecord   *rd_booking_block_get_booking   (RdBookingBlock *self);
const char *rd_booking_block_get_label     (RdBookingBlock *self);
guint       rd_booking_block_get_column    (RdBookingBlock *self);
void        rd_booking_block_set_column    (RdBookingBlock *self,
                                            guint           column);

G_END_DECLS
