/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-booking.c: a booking's consumables taken from stock when it is completed, and given back. */

#include "rd-inventory.h"

#include <glib/gi18n.h>

#include "rd-inventory-private.h"
#include "rd-store-private.h"

/* The net quantity consumed for a booking, per item and lot. */
static GPtrArray *
booking_consumption (RdStore    *store,
                     const char *booking_id)
{
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (store,
                           "SELECT item_id, lot, MIN(expiry), SUM(quantity) AS q FROM stock_movement "
                           "WHERE deleted = 0 AND booking_id = ?1 AND kind = 'consume' "
                           "GROUP BY item_id, lot HAVING q <> 0", NULL);
  if (stmt == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_lot_free);
  sqlite3_bind_text (stmt, 1, booking_id, -1, SQLITE_TRANSIENT);
  return rd_inventory_collect_lots (stmt);
}

/**
 * rd_inventory_consume_for_booking:
 * @store: a store
 * @booking: a booking (completed)
 * @user: who completed it
 * @error: why nothing was saved, naming the item short and the quantity available
 *
 * Consumes the exam type's consumables, first-expiring lot first, with the booking's id on each
 * movement, all in one transaction. A booking whose consumables are already taken (and not
 * given back) is left as it is, so completing it twice never takes them twice.
 *
 * Returns: whether the consumables are now recorded as used
 */
gboolean
rd_inventory_consume_for_booking (RdStore     *store,
                                  RdRecord    *booking,
                                  const char  *user,
                                  GError     **error)
{
  g_autoptr (GPtrArray) consumables = NULL;
  g_autoptr (GPtrArray) already = NULL;
  g_autofree char *today = rd_inventory_today ();
  const char *exam_type_id;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (booking), FALSE);

  already = booking_consumption (store, rd_record_get_id (booking));
  if (already->len > 0)
    return TRUE;

  exam_type_id = rd_record_get_text (booking, "exam_type_id");
  if (exam_type_id == NULL)
    return TRUE;
  consumables = rd_store_list_by (store, "exam_consumable", "exam_type_id", exam_type_id, NULL);
  if (consumables->len == 0)
    return TRUE;

  if (!rd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < consumables->len; i++)
    {
      RdRecord *c = g_ptr_array_index (consumables, i);
      gint64 quantity = rd_record_get_int (c, "quantity");

      if (quantity <= 0)
        continue;
      if (!rd_inventory_consume (store, rd_record_get_text (c, "item_id"), quantity,
                                 rd_record_get_id (booking), today, user, NULL, error))
        {
          rd_store_rollback (store);
          return FALSE;
        }
    }
  return rd_store_commit (store, error);
}

/**
 * rd_inventory_reverse_booking:
 * @store: a store
 * @booking: a booking whose consumption is to be given back (a completion undone, a completed
 *   booking cancelled by mistake)
 * @user: who did it
 * @error: why nothing was saved
 *
 * Writes, for each item and lot still consumed by the booking, a consume movement of the
 * opposite sign referring to the booking, in one transaction. What was already given back is
 * not given back again.
 *
 * Returns: whether the stock is now back
 */
gboolean
rd_inventory_reverse_booking (RdStore     *store,
                              RdRecord    *booking,
                              const char  *user,
                              GError     **error)
{
  g_autoptr (GPtrArray) net = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (booking), FALSE);

  net = booking_consumption (store, rd_record_get_id (booking));
  if (net->len == 0)
    return TRUE;

  if (!rd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < net->len; i++)
    {
      RdLot *l = g_ptr_array_index (net, i);

      if (!rd_inventory_write_movement (store, l->item_id, -l->quantity, "consume", l->lot, l->expiry,
                           rd_record_get_id (booking), NULL,
                           _("Reversal: the booking's consumables given back"), user, NULL, error))
        {
          rd_store_rollback (store);
          return FALSE;
        }
    }
  return rd_store_commit (store, error);
}
