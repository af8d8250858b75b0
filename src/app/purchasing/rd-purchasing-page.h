/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-purchasing-page.h: the Purchasing page — purchase orders with vendor, status, total and budget line. */

#pragma once

#include <adwaita.h>

#include "rd-page.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_PURCHASING_PAGE (rd_purchasing_page_get_type ())
G_DECLARE_FINAL_TYPE (RdPurchasingPage, rd_purchasing_page, RD, PURCHASING_PAGE, RdPage)

RdPurchasingPage *rd_purchasing_page_new (RdStore *store);

G_END_DECLS
