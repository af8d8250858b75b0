/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-page.h: the Inventory page — supply items with stock on hand and reorder points. */

#pragma once

#include <adwaita.h>

#include "rd-page.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_INVENTORY_PAGE (rd_inventory_page_get_type ())
G_DECLARE_FINAL_TYPE (RdInventoryPage, rd_inventory_page, RD, INVENTORY_PAGE, RdPage)

RdInventoryPage *rd_inventory_page_new (RdStore *store);

G_END_DECLS
