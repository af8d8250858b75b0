/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-booking-dialog.h: the window in which a booking is made or changed, with messages beside each field. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_BOOKING_DIALOG (rd_booking_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdBookingDialog, rd_booking_dialog, RD, BOOKING_DIALOG, AdwWindow)

RdBookingDialog *rd_booking_dialog_new        (GtkWindow       *parent,
                                               RdStore         *store,
                                               GTimeZone       *tz,
                                               RdRecord        *booking);
GtkWidget       *rd_booking_dialog_get_row    (RdBookingDialog *self,
                                               const char      *field);
const char      *rd_booking_dialog_get_message (RdBookingDialog *self,
                                               const char      *field);
gboolean         rd_booking_dialog_save       (RdBookingDialog *self);
void             rd_booking_dialog_select     (RdBookingDialog *self,
                                               const char      *field,
                                               const char      *id);

G_END_DECLS
