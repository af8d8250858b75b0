/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-page-private.h: what the Inventory page's halves (items, forecast) share. */

#pragma once

#include "rd-forecast.h"
#include "rd-inventory-page.h"
#include "rd-record-list.h"
#include "rd-record-view.h"

G_BEGIN_DECLS

struct _RdInventoryPage
{
  RdPage           parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewStack    *view_stack;
  RdRecordView    *view;
  GtkLabel        *lots_title;
  GtkLabel        *lots_summary;
  GtkListBox      *lots_list;
  GtkDropDown     *horizon_dropdown;
  GtkListBox      *expiring_list;
  GtkLabel        *forecast_summary;
  RdRecordView    *forecast_view;

  RdRecordList    *records;
  GHashTable      *on_hand;       /* item id → gint64 *, from rd_inventory_stock_on_hand_all() */
  GHashTable      *items;         /* item id → RdRecord, for names */
  char            *selected_id;   /* the item whose lots are shown */
  gulong           store_changed_id;
  guint            reload_id;

  RdForecast      *forecast;
  GListStore      *forecast_items;
};

void rd_inventory_page_setup_forecast  (RdInventoryPage *self);
void rd_inventory_page_reload_forecast (RdInventoryPage *self);
void rd_inventory_page_create_orders   (RdInventoryPage *self);
void rd_inventory_page_toast           (RdInventoryPage *self,
                                        const char      *message);

G_END_DECLS
