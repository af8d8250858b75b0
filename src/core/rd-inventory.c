/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory.c: stock on hand as the sum of movements, lots and expiry, FEFO consumption. */

#include "rd-inventory.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-error.h"
#include "rd-inventory-private.h"
#include "rd-store-private.h"

/*
 * Rules kept here:
 * - stock on hand is the sum of an item's stock_movement rows (live ones); a lot is the
 *   movements sharing item and lot number, its expiry the earliest one written for it;
 * - no movement is ever changed or deleted: a correction is a new movement (an adjust needs
 *   a reason, the undo of a write-off is an adjust, the reversal of a booking's consumption is
 *   a consume movement of the opposite sign on the same booking);
 * - a lot is expired when its expiry date is before today (it may be used on its expiry day);
 * - consumption takes the first-expiring usable lot first (FEFO); expired lots are never
 *   consumed, stock without a lot goes last; a consumption that would need more than is usable
 *   is refused whole, naming the quantity available.
 */

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
date_add_days (const char *iso,
               int         days)
{
  GDate date;
  char buf[16];

  if (!parse_date (iso, &date))
    return g_strdup (iso);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  return g_strdup (buf);
}

static RdLot *
lot_from_row (sqlite3_stmt *stmt)
{
  RdLot *lot = g_new0 (RdLot, 1);

  lot->item_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  lot->lot = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  lot->expiry = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  lot->quantity = sqlite3_column_int64 (stmt, 3);
  return lot;
}

GPtrArray *
rd_inventory_collect_lots (sqlite3_stmt *stmt)
{
  GPtrArray *lots = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_lot_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (lots, lot_from_row (stmt));
  sqlite3_reset (stmt);
  return lots;
}

gboolean
rd_inventory_write_movement (RdStore     *store,
                             const char  *item_id,
                             gint64       quantity,
                             const char  *kind,
                             const char  *lot,
                             const char  *expiry,
                             const char  *booking_id,
                             const char  *po_id,
                             const char  *reason,
                             const char  *user,
                             char       **out_id,
                             GError     **error)
{
  g_autoptr (RdRecord) movement = rd_record_new_for_table ("stock_movement");

  rd_record_set_text (movement, "item_id", item_id);
  rd_record_set_int (movement, "quantity", quantity);
  rd_record_set_text (movement, "kind", kind);
  rd_record_set_int (movement, "at", g_get_real_time () / G_USEC_PER_SEC);
  if (nonempty (lot))
    rd_record_set_text (movement, "lot", lot);
  if (nonempty (expiry))
    rd_record_set_text (movement, "expiry", expiry);
  if (booking_id != NULL)
    rd_record_set_text (movement, "booking_id", booking_id);
  if (po_id != NULL)
    rd_record_set_text (movement, "po_id", po_id);
  if (nonempty (reason))
    rd_record_set_text (movement, "reason", reason);

  if (!rd_store_save (store, movement, user != NULL ? user : "", error))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_strdup (rd_record_get_id (movement));
  return TRUE;
}

static RdRecord *
get_item (RdStore     *store,
          const char  *item_id,
          GError     **error)
{
  RdRecord *item = item_id != NULL ? rd_store_get (store, "supply_item", item_id, NULL) : NULL;

  if (item == NULL || rd_record_get_deleted (item))
    {
      g_clear_object (&item);
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("Choose a supply item."));
    }
  return item;
}

static char *
item_label (RdRecord *item)
{
  return g_strdup (rd_record_get_text (item, "name"));
}

/* ---------------------------------------------------------------- */
/* Public API: stock on hand                                         */
/* ---------------------------------------------------------------- */

void
rd_lot_free (RdLot *lot)
{
  if (lot == NULL)
    return;
  g_free (lot->item_id);
  g_free (lot->lot);
  g_free (lot->expiry);
  g_free (lot);
}

/**
 * rd_inventory_stock_on_hand_all:
 * @store: a store
 *
 * One aggregate over all movements.
 *
 * Returns: (transfer full): item id → `gint64 *` quantity on hand, for every item that has
 *   movements (an item without any has none on hand)
 */
GHashTable *
rd_inventory_stock_on_hand_all (RdStore *store)
{
  GHashTable *sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), sums);

  stmt = rd_store_prepare (store,
                           "SELECT item_id, SUM(quantity) FROM stock_movement "
                           "WHERE deleted = 0 GROUP BY item_id", NULL);
  if (stmt == NULL)
    return sums;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *q = g_new (gint64, 1);

      *q = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (sums, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), q);
    }
  sqlite3_reset (stmt);
  return sums;
}

/**
 * rd_inventory_stock_on_hand:
 * @store: a store
 * @item_id: a supply item
 *
 * Returns: the sum of the item's movements
 */
gint64
rd_inventory_stock_on_hand (RdStore    *store,
                            const char *item_id)
{
  sqlite3_stmt *stmt;
  gint64 sum = 0;

  g_return_val_if_fail (RD_IS_STORE (store), 0);
  g_return_val_if_fail (item_id != NULL, 0);

  stmt = rd_store_prepare (store,
                           "SELECT COALESCE(SUM(quantity), 0) FROM stock_movement WHERE deleted = 0 AND item_id = ?1",
                           NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sum = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return sum;
}

/**
 * rd_inventory_list_lots:
 * @store: a store
 * @item_id: a supply item
 *
 * Returns: (transfer full) (element-type RdLot): the item's lots with something left (or owed:
 *   a negative sum shows a recording error to correct), first-expiring first, stock without a
 *   lot or expiry last
 */
GPtrArray *
rd_inventory_list_lots (RdStore    *store,
                        const char *item_id)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  stmt = rd_store_prepare (store,
                           "SELECT item_id, lot, MIN(expiry) AS e, SUM(quantity) AS q FROM stock_movement "
                           "WHERE deleted = 0 AND item_id = ?1 GROUP BY lot HAVING q <> 0 "
                           "ORDER BY e IS NULL, e, lot IS NULL, lot", NULL);
  if (stmt == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_lot_free);
  sqlite3_bind_text (stmt, 1, item_id, -1, SQLITE_TRANSIENT);
  return rd_inventory_collect_lots (stmt);
}

/**
 * rd_inventory_list_expiring:
 * @store: a store
 * @today: (nullable): today's date (YYYY-MM-DD), %NULL for the local date
 * @days: how far ahead to look (30, 60, 90…); a negative number lists only expired lots
 *
 * Returns: (transfer full) (element-type RdLot): lots with stock left whose expiry is on or
 *   before @today + @days — already expired ones included, as they are the most urgent —
 *   first-expiring first
 */
GPtrArray *
rd_inventory_list_expiring (RdStore    *store,
                            const char *today,
                            int         days)
{
  g_autofree char *local_today = NULL;
  g_autofree char *limit = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (today == NULL)
    today = local_today = rd_inventory_today ();
  /* Expired means before today, so "expired only" is on or before yesterday. */
  limit = date_add_days (today, days < 0 ? -1 : days);

  stmt = rd_store_prepare (store,
                           "SELECT item_id, lot, MIN(expiry) AS e, SUM(quantity) AS q FROM stock_movement "
                           "WHERE deleted = 0 GROUP BY item_id, lot "
                           "HAVING q > 0 AND e IS NOT NULL AND e <= ?1 ORDER BY e, item_id, lot", NULL);
  if (stmt == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_lot_free);
  sqlite3_bind_text (stmt, 1, limit, -1, SQLITE_TRANSIENT);
  return rd_inventory_collect_lots (stmt);
}

/**
 * rd_inventory_get_status:
 * @item: a supply_item record
 * @on_hand: its stock on hand
 *
 * Out at zero or less; low under the reorder point; overstock over par (when par is set);
 * otherwise in stock.
 *
 * Returns: the item's stock status
 */
RdStockStatus
rd_inventory_get_status (RdRecord *item,
                         gint64    on_hand)
{
  gint64 par, reorder_point;

  g_return_val_if_fail (RD_IS_RECORD (item), RD_STOCK_OUT);

  par = rd_record_get_int (item, "par_level");
  reorder_point = rd_record_get_int (item, "reorder_point");

  if (on_hand <= 0)
    return RD_STOCK_OUT;
  if (on_hand < reorder_point)
    return RD_STOCK_LOW;
  if (par > 0 && on_hand > par)
    return RD_STOCK_OVERSTOCK;
  return RD_STOCK_IN_STOCK;
}

/**
 * rd_stock_status_to_string:
 * @status: a stock status
 *
 * Returns: (transfer none): the status in words, translated
 */
const char *
rd_stock_status_to_string (RdStockStatus status)
{
  switch (status)
    {
    case RD_STOCK_IN_STOCK: return _("In stock");
    case RD_STOCK_LOW: return _("Low");
    case RD_STOCK_OUT: return _("Out");
    case RD_STOCK_OVERSTOCK: return _("Overstock");
    default: g_assert_not_reached ();
    }
}

/**
 * rd_inventory_today:
 *
 * Returns: (transfer full): today's local date as YYYY-MM-DD
 */
char *
rd_inventory_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* ---------------------------------------------------------------- */
/* Public API: movements                                             */
/* ---------------------------------------------------------------- */

/**
 * rd_inventory_check_receipt:
 * @store: a store
 * @item_id: the item received
 * @quantity: how many units
 * @lot: (nullable): the lot number, required for a lot-tracked item
 * @expiry: (nullable): the expiry date (YYYY-MM-DD), not before @today
 * @today: (nullable): today's date, %NULL for the local date
 * @out_field: (out) (optional): the field at fault: "item", "quantity", "lot" or "expiry"
 * @error: the message to show next to that field
 *
 * Returns: whether the receipt may be written
 */
gboolean
rd_inventory_check_receipt (RdStore     *store,
                            const char  *item_id,
                            gint64       quantity,
                            const char  *lot,
                            const char  *expiry,
                            const char  *today,
                            const char **out_field,
                            GError     **error)
{
  g_autoptr (RdRecord) item = NULL;
  g_autofree char *local_today = NULL;
  g_autofree char *lot_clean = lot != NULL ? g_strstrip (g_strdup (lot)) : NULL;
  const char *field = NULL;
  GDate date;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (today == NULL)
    today = local_today = rd_inventory_today ();

  if ((item = get_item (store, item_id, error)) == NULL)
    field = "item";
  else if (quantity <= 0)
    {
      field = "quantity";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The quantity must be more than zero."));
    }
  else if (rd_record_get_bool (item, "lot_tracked") && nonempty (lot_clean) == NULL)
    {
      field = "lot";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("%s is lot-tracked: enter the lot number."), rd_record_get_text (item, "name"));
    }
  else if (nonempty (expiry) != NULL && !parse_date (expiry, &date))
    {
      field = "expiry";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Write the expiry date as YYYY-MM-DD."));
    }
  else if (nonempty (expiry) != NULL && strcmp (expiry, today) < 0)
    {
      field = "expiry";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("This lot expired on %s: expired stock cannot be received."), expiry);
    }

  if (out_field != NULL)
    *out_field = field;
  return field == NULL;
}

/**
 * rd_inventory_receive:
 * @store: a store
 * @item_id: the item received
 * @quantity: how many units (more than zero)
 * @lot: (nullable): the lot, required for a lot-tracked item
 * @expiry: (nullable): its expiry (YYYY-MM-DD), not in the past
 * @po_id: (nullable): the purchase order it was delivered against
 * @today: (nullable): today's date, %NULL for the local date
 * @user: who received it
 * @error: why nothing was saved
 *
 * Writes one receive movement. Receiving against a purchase order's lines is
 * rd_purchasing_receive(), which also updates the lines.
 *
 * Returns: whether the receipt was saved
 */
gboolean
rd_inventory_receive (RdStore     *store,
                      const char  *item_id,
                      gint64       quantity,
                      const char  *lot,
                      const char  *expiry,
                      const char  *po_id,
                      const char  *today,
                      const char  *user,
                      GError     **error)
{
  g_autofree char *lot_clean = NULL;

  if (!rd_inventory_check_receipt (store, item_id, quantity, lot, expiry, today, NULL, error))
    return FALSE;

  lot_clean = lot != NULL ? g_strstrip (g_strdup (lot)) : NULL;
  return rd_inventory_write_movement (store, item_id, quantity, "receive", lot_clean, expiry, NULL, po_id,
                         NULL, user, NULL, error);
}

/**
 * rd_inventory_adjust:
 * @store: a store
 * @item_id: the item
 * @delta: the correction, positive or negative, not zero
 * @lot: (nullable): the lot corrected (its expiry is carried over)
 * @reason: why (a count, breakage…); required
 * @user: who corrected it
 * @out_movement_ids: (out) (optional) (transfer full) (element-type utf8): the movement written,
 *   for an undo
 * @error: why nothing was saved
 *
 * A correction is a new adjust movement; one that would leave the item (or the lot) below zero
 * is refused with the quantity there is.
 *
 * Returns: whether the adjustment was saved
 */
gboolean
rd_inventory_adjust (RdStore     *store,
                     const char  *item_id,
                     gint64       delta,
                     const char  *lot,
                     const char  *reason,
                     const char  *user,
                     GPtrArray  **out_movement_ids,
                     GError     **error)
{
  g_autoptr (RdRecord) item = NULL;
  g_autoptr (GPtrArray) lots = NULL;
  char *id = NULL;
  g_autofree char *reason_clean = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;
  const char *expiry = NULL;
  gint64 there;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if ((item = get_item (store, item_id, error)) == NULL)
    return FALSE;
  if (delta == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The correction must not be zero."));
      return FALSE;
    }
  if (nonempty (reason_clean) == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Say why the stock is corrected."));
      return FALSE;
    }

  lots = rd_inventory_list_lots (store, item_id);
  there = nonempty (lot) != NULL ? 0 : rd_inventory_stock_on_hand (store, item_id);
  for (guint i = 0; nonempty (lot) != NULL && i < lots->len; i++)
    {
      RdLot *l = g_ptr_array_index (lots, i);

      if (g_strcmp0 (l->lot, lot) == 0)
        {
          there = l->quantity;
          expiry = l->expiry;
        }
    }

  if (there + delta < 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Only %lld on hand: the correction would leave less than none."),
                   (long long) there);
      return FALSE;
    }

  if (!rd_inventory_write_movement (store, item_id, delta, "adjust", lot, expiry, NULL, NULL, reason_clean,
                                    user, &id, error))
    return FALSE;
  if (out_movement_ids != NULL)
    {
      *out_movement_ids = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (*out_movement_ids, id);
    }
  else
    g_free (id);
  return TRUE;
}

/**
 * rd_inventory_consume:
 * @store: a store
 * @item_id: the item used
 * @quantity: how many (more than zero)
 * @booking_id: (nullable): the booking it was used for
 * @today: (nullable): today's date, %NULL for the local date
 * @user: who used it
 * @out_movement_ids: (out) (optional) (transfer full) (element-type utf8): the movements
 *   written, for an undo
 * @error: why nothing was saved, with the quantity available
 *
 * Takes the quantity from the first-expiring usable lots (FEFO), one consume movement per lot,
 * in one transaction.
 *
 * Returns: whether the consumption was saved
 */
gboolean
rd_inventory_consume (RdStore     *store,
                      const char  *item_id,
                      gint64       quantity,
                      const char  *booking_id,
                      const char  *today,
                      const char  *user,
                      GPtrArray  **out_movement_ids,
                      GError     **error)
{
  g_autoptr (RdRecord) item = NULL;
  g_autoptr (GPtrArray) lots = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *local_today = NULL;
  g_autofree char *name = NULL;
  gint64 usable = 0, expired = 0, left;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if ((item = get_item (store, item_id, error)) == NULL)
    return FALSE;
  if (quantity <= 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The quantity must be more than zero."));
      return FALSE;
    }
  if (today == NULL)
    today = local_today = rd_inventory_today ();

  lots = rd_inventory_list_lots (store, item_id);
  for (guint i = 0; i < lots->len; i++)
    {
      RdLot *l = g_ptr_array_index (lots, i);

      if (l->quantity <= 0)
        continue;
      if (l->expiry != NULL && strcmp (l->expiry, today) < 0)
        expired += l->quantity;
      else
        usable += l->quantity;
    }

  if (usable < quantity)
    {
      name = item_label (item);
      if (expired > 0)
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                     _("Not enough %s: %lld needed, %lld available (%lld more are expired)."),
                     name, (long long) quantity, (long long) usable, (long long) expired);
      else
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                     _("Not enough %s: %lld needed, %lld available."),
                     name, (long long) quantity, (long long) usable);
      return FALSE;
    }

  if (!rd_store_begin (store, error))
    return FALSE;

  left = quantity;
  for (guint i = 0; i < lots->len && left > 0; i++)
    {
      RdLot *l = g_ptr_array_index (lots, i);
      char *id = NULL;
      gint64 take;

      if (l->quantity <= 0 || (l->expiry != NULL && strcmp (l->expiry, today) < 0))
        continue;
      take = MIN (left, l->quantity);
      if (!rd_inventory_write_movement (store, item_id, -take, "consume", l->lot, l->expiry, booking_id,
                                        NULL, NULL, user, &id, error))
        {
          rd_store_rollback (store);
          return FALSE;
        }
      g_ptr_array_add (ids, id);
      left -= take;
    }

  if (!rd_store_commit (store, error))
    return FALSE;
  if (out_movement_ids != NULL)
    *out_movement_ids = g_steal_pointer (&ids);
  return TRUE;
}

/**
 * rd_inventory_write_off_expired:
 * @store: a store
 * @today: (nullable): today's date, %NULL for the local date
 * @user: who wrote them off
 * @out_movement_ids: (out) (optional) (transfer full) (element-type utf8): the movements
 *   written, for an undo
 * @error: why nothing was saved
 *
 * Writes an expire movement for what is left of every lot whose expiry is before @today, in one
 * transaction.
 *
 * Returns: whether the write-off was saved (also when there was nothing to write off)
 */
gboolean
rd_inventory_write_off_expired (RdStore     *store,
                                const char  *today,
                                const char  *user,
                                GPtrArray  **out_movement_ids,
                                GError     **error)
{
  g_autoptr (GPtrArray) lots = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  lots = rd_inventory_list_expiring (store, today, -1);
  if (!rd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < lots->len; i++)
    {
      RdLot *l = g_ptr_array_index (lots, i);
      g_autofree char *reason = g_strdup_printf (_("Expired on %s"), l->expiry);
      char *id = NULL;

      if (!rd_inventory_write_movement (store, l->item_id, -l->quantity, "expire", l->lot, l->expiry, NULL, NULL,
                           reason, user, &id, error))
        {
          rd_store_rollback (store);
          return FALSE;
        }
      g_ptr_array_add (ids, id);
    }
  if (!rd_store_commit (store, error))
    return FALSE;

  if (out_movement_ids != NULL)
    *out_movement_ids = g_steal_pointer (&ids);
  return TRUE;
}

/**
 * rd_inventory_undo_movements:
 * @store: a store
 * @movement_ids: (element-type utf8): movements just written
 * @reason: why they are undone
 * @user: who undid them
 * @error: why nothing was saved
 *
 * Undoes movements by writing adjust movements of the opposite sign (on the same lots), in one
 * transaction: the ledger keeps both.
 *
 * Returns: whether the undo was saved
 */
gboolean
rd_inventory_undo_movements (RdStore     *store,
                             GPtrArray   *movement_ids,
                             const char  *reason,
                             const char  *user,
                             GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (movement_ids != NULL, FALSE);

  if (!rd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < movement_ids->len; i++)
    {
      g_autoptr (RdRecord) m = rd_store_get (store, "stock_movement",
                                             g_ptr_array_index (movement_ids, i), NULL);

      if (m == NULL)
        continue;
      if (!rd_inventory_write_movement (store, rd_record_get_text (m, "item_id"), -rd_record_get_int (m, "quantity"),
                           "adjust", rd_record_get_text (m, "lot"), rd_record_get_text (m, "expiry"),
                           NULL, NULL, reason, user, NULL, error))
        {
          rd_store_rollback (store);
          return FALSE;
        }
    }
  return rd_store_commit (store, error);
}
