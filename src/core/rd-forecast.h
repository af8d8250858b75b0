/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-forecast.h: what the booked exams of the next days will use, when each item runs out, what to order. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/**
 * RdForecastItem:
 * @item_id: the supply item
 * @vendor_id: (nullable): its preferred vendor
 * @on_hand: its stock on hand now
 * @on_order: still to come on open orders (approved, ordered, partially received)
 * @expected_use: what the bookings of the horizon will consume
 * @projected: @on_hand + @on_order − @expected_use
 * @run_out: (nullable): the first day (YYYY-MM-DD) at whose end nothing is left while the
 *   bookings still need some, counting open orders on their expected day; %NULL when the item
 *   lasts the horizon
 * @suggested: what to order now (0: nothing)
 */
typedef struct
{
  char   *item_id;
  char   *vendor_id;
  gint64  on_hand;
  gint64  on_order;
  gint64  expected_use;
  gint64  projected;
  char   *run_out;
  gint64  suggested;
} RdForecastItem;

/**
 * RdForecast:
 * @from: the first day (YYYY-MM-DD)
 * @days: the horizon in days
 * @items: (element-type RdForecastItem): one entry per active supply item
 */
typedef struct
{
  char       *from;
  int         days;
  GPtrArray  *items;
  GHashTable *by_item;
} RdForecast;

RdForecast     *rd_forecast_compute              (RdStore     *store,
                                                  GDateTime   *from,
                                                  int          days);
void            rd_forecast_free                 (RdForecast  *forecast);
RdForecastItem *rd_forecast_lookup               (RdForecast  *forecast,
                                                  const char  *item_id);
gboolean        rd_forecast_create_draft_orders  (RdStore     *store,
                                                  RdForecast  *forecast,
                                                  const char  *vendor_id,
                                                  const char  *budget_line_id,
                                                  const char  *user,
                                                  GPtrArray  **out_po_ids,
                                                  GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdForecast, rd_forecast_free)

G_END_DECLS
