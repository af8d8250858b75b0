/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-order-receive-dialog.h: receiving a delivery against a purchase order, line by line, with lot and expiry. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_ORDER_RECEIVE_DIALOG (rd_order_receive_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdOrderReceiveDialog, rd_order_receive_dialog, RD, ORDER_RECEIVE_DIALOG, AdwWindow)

RdOrderReceiveDialog *rd_order_receive_dialog_new (GtkWindow  *parent,
                                                   RdStore    *store,
                                                   const char *po_id);

G_END_DECLS
