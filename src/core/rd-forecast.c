/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-forecast.c: what the booked exams of the next days will use, when each item runs out, what to order. */

#include "rd-forecast.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-error.h"
#include "rd-inventory.h"
#include "rd-purchasing.h"
#include "rd-store-private.h"

/*
 * How the forecast counts:
 * - use: every live booking starting in the horizon whose status is requested, scheduled,
 *   arrived or in progress uses its exam type's consumables on the day it starts. Completed
 *   bookings are left out because their consumption is already a movement (counted in stock on
 *   hand); cancelled and no-show ones use nothing.
 * - open orders: the remaining quantity (quantity − received) of the lines of approved, ordered
 *   and partially received orders. Each is expected on its order's ordered_on date +
 *   RD_PURCHASING_LEAD_DAYS (7) days; an approved order not yet placed is expected 7 days from the
 *   first day; one already late is expected on the first day. The run-out date counts an order
 *   only from its expected day; the suggestion counts all of them (they will come, and ordering
 *   again would double the order).
 * - suggestion: when the projected stock (on hand + on order − use) is under the reorder point,
 *   or at nothing for an item with a par level, order whole reorder quantities up to par: the
 *   most steps that do not pass par, and at least one step.
 */

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
forecast_item_free (RdForecastItem *item)
{
  g_free (item->item_id);
  g_free (item->vendor_id);
  g_free (item->run_out);
  g_free (item);
}

typedef struct
{
  RdForecastItem *out;
  gint64         *use;      /* per day */
  gint64         *arrivals; /* per day */
} Work;

typedef struct
{
  Work   *work;
  gint64  quantity;
} Use;

static void
work_free (Work *w)
{
  g_free (w->use);
  g_free (w->arrivals);
  g_free (w);
}

/* The day of the horizon an instant falls in, -1 before it, days after it. */
static int
day_index (const gint64 *bounds,
           int           days,
           gint64        t)
{
  int lo = 0, hi = days;

  if (t < bounds[0])
    return -1;
  /* bounds has days + 1 entries: the start of each day and the end of the last. */
  while (lo < hi)
    {
      int mid = (lo + hi) / 2;

      if (t >= bounds[mid + 1])
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
date_index (GDateTime  *first,
            int         days,
            const char *iso,
            int         lead)
{
  int y, m, d;
  g_autoptr (GDateTime) when = NULL;
  GTimeSpan diff;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return lead;
  when = g_date_time_new (g_date_time_get_timezone (first), y, m, d, 0, 0, 0);
  if (when == NULL)
    return lead;
  diff = g_date_time_difference (when, first);
  /* Round to whole days, DST shifts being an hour. */
  return (int) ((diff + G_TIME_SPAN_HOUR * 12) / G_TIME_SPAN_DAY) + lead;
}

static void
suggest (RdForecastItem *f,
         RdRecord       *item)
{
  gint64 par = rd_record_get_int (item, "par_level");
  gint64 reorder_point = rd_record_get_int (item, "reorder_point");
  gint64 step = MAX (rd_record_get_int (item, "reorder_qty"), 1);
  gint64 steps;

  f->suggested = 0;
  if (!(f->projected < reorder_point || (f->projected <= 0 && par > 0)))
    return;

  steps = (par - f->projected) / step;
  f->suggested = MAX (steps, 1) * step;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_forecast_compute:
 * @store: a store
 * @from: (nullable): a moment of the first day, in the department's time zone; %NULL for now
 * @days: the horizon in days (the forecast-days setting, 14 by default)
 *
 * A few queries (stock on hand, consumables per exam type, the bookings of the horizon, open order
 * lines) and a walk through the days of each item. See the comment at the top of rd-forecast.c for the rules.
 *
 * Returns: (transfer full): the forecast of every active supply item
 */
RdForecast *
rd_forecast_compute (RdStore   *store,
                     GDateTime *from,
                     int        days)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) first = NULL;
  g_autoptr (GHashTable) on_hand = NULL;
  g_autoptr (GHashTable) work = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) work_free);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GHashTable) per_exam = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autofree gint64 *bounds = NULL;
  RdForecast *forecast;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  days = CLAMP (days, 1, 3660);
  if (from == NULL)
    from = now = g_date_time_new_now_local ();
  first = g_date_time_new (g_date_time_get_timezone (from), g_date_time_get_year (from),
                           g_date_time_get_month (from), g_date_time_get_day_of_month (from), 0, 0, 0);

  bounds = g_new (gint64, days + 1);
  for (int d = 0; d <= days; d++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (first, d);

      bounds[d] = g_date_time_to_unix (day);
    }

  forecast = g_new0 (RdForecast, 1);
  forecast->from = g_date_time_format (first, "%Y-%m-%d");
  forecast->days = days;
  forecast->items = g_ptr_array_new_with_free_func ((GDestroyNotify) forecast_item_free);
  forecast->by_item = g_hash_table_new (g_str_hash, g_str_equal);

  on_hand = rd_inventory_stock_on_hand_all (store);
  items = rd_store_list (store, "supply_item", "sku");
  for (guint i = 0; i < items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (items, i);
      Work *w;
      gint64 *q;

      if (!rd_record_is_null (item, "active") && !rd_record_get_bool (item, "active"))
        continue;

      w = g_new0 (Work, 1);
      w->out = g_new0 (RdForecastItem, 1);
      w->out->item_id = g_strdup (rd_record_get_id (item));
      w->out->vendor_id = g_strdup (rd_record_get_text (item, "vendor_id"));
      q = g_hash_table_lookup (on_hand, w->out->item_id);
      w->out->on_hand = q != NULL ? *q : 0;
      w->use = g_new0 (gint64, days);
      w->arrivals = g_new0 (gint64, days);
      g_ptr_array_add (forecast->items, w->out);
      g_hash_table_insert (forecast->by_item, w->out->item_id, w->out);
      g_hash_table_insert (work, w->out->item_id, w);
    }

  /* Booked use: each exam type's consumables once, then one pass over the bookings of the horizon
   * (a join grouped by item and start would sort every booking × consumable pair). */
  stmt = rd_store_prepare (store,
                           "SELECT exam_type_id, item_id, SUM(quantity) FROM exam_consumable "
                           "WHERE deleted = 0 GROUP BY exam_type_id, item_id", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Work *w = g_hash_table_lookup (work, sqlite3_column_text (stmt, 1));
          const char *exam = (const char *) sqlite3_column_text (stmt, 0);
          GPtrArray *uses;
          Use *use;

          if (w == NULL || exam == NULL || sqlite3_column_int64 (stmt, 2) <= 0)
            continue;
          if ((uses = g_hash_table_lookup (per_exam, exam)) == NULL)
            {
              uses = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (per_exam, g_strdup (exam), uses);
            }
          use = g_new (Use, 1);
          use->work = w;
          use->quantity = sqlite3_column_int64 (stmt, 2);
          g_ptr_array_add (uses, use);
        }
      sqlite3_reset (stmt);
    }

  stmt = rd_store_prepare (store,
                           "SELECT exam_type_id, \"start\" FROM booking "
                           "WHERE deleted = 0 AND \"start\" >= ?1 AND \"start\" < ?2 "
                           "AND status IN ('requested', 'scheduled', 'arrived', 'in_progress')", NULL);
  if (stmt != NULL && g_hash_table_size (per_exam) > 0)
    {
      sqlite3_bind_int64 (stmt, 1, bounds[0]);
      sqlite3_bind_int64 (stmt, 2, bounds[days]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GPtrArray *uses = g_hash_table_lookup (per_exam, sqlite3_column_text (stmt, 0));
          int d;

          if (uses == NULL)
            continue;
          d = day_index (bounds, days, sqlite3_column_int64 (stmt, 1));
          if (d < 0 || d >= days)
            continue;
          for (guint u = 0; u < uses->len; u++)
            {
              Use *use = g_ptr_array_index (uses, u);

              use->work->use[d] += use->quantity;
              use->work->out->expected_use += use->quantity;
            }
        }
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  /* Open orders, per item and expected day. */
  stmt = rd_store_prepare (store,
                           "SELECT l.item_id, p.ordered_on, SUM(MAX(l.quantity - l.received_qty, 0)) "
                           "FROM po_line l JOIN purchase_order p ON p.id = l.po_id AND p.deleted = 0 "
                           "WHERE l.deleted = 0 "
                           "AND p.status IN ('approved', 'ordered', 'partially_received') "
                           "GROUP BY l.item_id, p.ordered_on", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Work *w = g_hash_table_lookup (work, sqlite3_column_text (stmt, 0));
          gint64 q = sqlite3_column_int64 (stmt, 2);
          int d = date_index (first, days, (const char *) sqlite3_column_text (stmt, 1),
                              RD_PURCHASING_LEAD_DAYS);

          if (w == NULL || q <= 0)
            continue;
          w->out->on_order += q;
          if (d < days)
            w->arrivals[MAX (d, 0)] += q;
        }
      sqlite3_reset (stmt);
    }

  for (guint i = 0; i < items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (items, i);
      Work *w = g_hash_table_lookup (work, rd_record_get_id (item));
      gint64 stock, use_left;

      if (w == NULL)
        continue;

      stock = w->out->on_hand;
      use_left = w->out->expected_use;
      for (int d = 0; d < days && use_left > 0; d++)
        {
          stock += w->arrivals[d] - w->use[d];
          if (stock <= 0)
            {
              g_autoptr (GDateTime) day = g_date_time_add_days (first, d);

              w->out->run_out = g_date_time_format (day, "%Y-%m-%d");
              break;
            }
          use_left -= w->use[d];
        }

      w->out->projected = w->out->on_hand + w->out->on_order - w->out->expected_use;
      suggest (w->out, item);
    }

  return forecast;
}

void
rd_forecast_free (RdForecast *forecast)
{
  if (forecast == NULL)
    return;
  g_free (forecast->from);
  g_hash_table_unref (forecast->by_item);
  g_ptr_array_unref (forecast->items);
  g_free (forecast);
}

/**
 * rd_forecast_lookup:
 * @forecast: a forecast
 * @item_id: a supply item
 *
 * Returns: (transfer none) (nullable): the item's forecast
 */
RdForecastItem *
rd_forecast_lookup (RdForecast *forecast,
                    const char *item_id)
{
  g_return_val_if_fail (forecast != NULL, NULL);

  return item_id != NULL ? g_hash_table_lookup (forecast->by_item, item_id) : NULL;
}

/**
 * rd_forecast_create_draft_orders:
 * @store: a store
 * @forecast: a forecast
 * @vendor_id: (nullable): only this vendor's suggestions; %NULL for every vendor
 * @budget_line_id: (nullable): the budget line the drafts are charged to
 * @user: who drafts them
 * @out_po_ids: (out) (optional) (transfer full) (element-type utf8): the drafts made
 * @error: why nothing was saved
 *
 * Turns the suggestions into one draft purchase order per vendor, a line per item at the item's
 * unit cost, in one transaction. Items without a preferred vendor or without a unit cost are left
 * out (a line needs a price); the manager orders them by hand.
 *
 * Returns: whether the drafts were saved (also when there was nothing to order)
 */
gboolean
rd_forecast_create_draft_orders (RdStore     *store,
                                 RdForecast  *forecast,
                                 const char  *vendor_id,
                                 const char  *budget_line_id,
                                 const char  *user,
                                 GPtrArray  **out_po_ids,
                                 GError     **error)
{
  g_autoptr (GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (forecast != NULL, FALSE);

  if (!rd_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < forecast->items->len; i++)
    {
      RdForecastItem *f = g_ptr_array_index (forecast->items, i);
      g_autoptr (RdRecord) item = NULL;
      g_autoptr (RdRecord) line = NULL;
      RdRecord *order;

      if (f->suggested <= 0 || f->vendor_id == NULL)
        continue;
      if (vendor_id != NULL && g_strcmp0 (vendor_id, f->vendor_id) != 0)
        continue;
      item = rd_store_get (store, "supply_item", f->item_id, NULL);
      if (item == NULL || rd_record_get_int (item, "unit_cost") <= 0)
        continue;

      order = g_hash_table_lookup (orders, f->vendor_id);
      if (order == NULL)
        {
          g_autofree char *notes = g_strdup_printf (_("Drafted from the supply forecast of %s."),
                                                    forecast->from);

          order = rd_purchasing_new_order (store, f->vendor_id, budget_line_id);
          rd_record_set_text (order, "notes", notes);
          if (!rd_purchasing_save_order (store, order, user, error))
            goto failed;
          g_hash_table_insert (orders, f->vendor_id, order);
          g_ptr_array_add (ids, g_strdup (rd_record_get_id (order)));
        }

      line = rd_record_new_for_table ("po_line");
      rd_record_set_text (line, "po_id", rd_record_get_id (order));
      rd_record_set_text (line, "item_id", f->item_id);
      rd_record_set_int (line, "quantity", f->suggested);
      rd_record_set_int (line, "unit_cost", rd_record_get_int (item, "unit_cost"));
      rd_record_set_int (line, "received_qty", 0);
      if (!rd_purchasing_save_line (store, line, user, NULL, error))
        goto failed;
    }

  if (!rd_store_commit (store, error))
    return FALSE;
  if (out_po_ids != NULL)
    *out_po_ids = g_steal_pointer (&ids);
  return TRUE;

failed:
  rd_store_rollback (store);
  return FALSE;
}
