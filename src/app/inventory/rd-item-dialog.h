/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-item-dialog.h: the dialog that creates or edits a supply item, with messages next to each field. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_ITEM_DIALOG (rd_item_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdItemDialog, rd_item_dialog, RD, ITEM_DIALOG, AdwWindow)

RdItemDialog *rd_item_dialog_new (GtkWindow  *parent,
                                  RdStore    *store,
                                  const char *item_id);

G_END_DECLS
