/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-order-editor.h: the purchase order editor — fields, budget before and after, lines, status actions. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_ORDER_EDITOR (rd_order_editor_get_type ())
G_DECLARE_FINAL_TYPE (RdOrderEditor, rd_order_editor, RD, ORDER_EDITOR, AdwBin)

void        rd_order_editor_set_store    (RdOrderEditor *self,
                                          RdStore       *store);
void        rd_order_editor_set_order    (RdOrderEditor *self,
                                          const char    *po_id);
const char *rd_order_editor_get_order_id (RdOrderEditor *self);

G_END_DECLS
