/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-stock-dialog.h: the dialog that receives a delivery, corrects stock with a reason, records use, or re-lots stock. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_STOCK_DIALOG_RECEIVE,
  RD_STOCK_DIALOG_ADJUST,
  RD_STOCK_DIALOG_CONSUME,
  RD_STOCK_DIALOG_TRANSFER,
} RdStockDialogMode;

#define RD_TYPE_STOCK_DIALOG (rd_stock_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdStockDialog, rd_stock_dialog, RD, STOCK_DIALOG, AdwWindow)

RdStockDialog *rd_stock_dialog_new          (GtkWindow         *parent,
                                             RdStore           *store,
                                             RdStockDialogMode  mode,
                                             const char        *item_id);
char          *rd_inventory_dup_user_name   (void);

G_END_DECLS
