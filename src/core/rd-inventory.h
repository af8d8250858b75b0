/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory.h: stock on hand as the sum of movements, lots and expiry, FEFO consumption, CSV items. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/**
 * RdStockStatus:
 * @RD_STOCK_IN_STOCK: at or above the reorder point and not over par
 * @RD_STOCK_LOW: under the reorder point, but some left
 * @RD_STOCK_OUT: nothing left (zero or less)
 * @RD_STOCK_OVERSTOCK: more than the par level
 */
typedef enum
{
  RD_STOCK_IN_STOCK,
  RD_STOCK_LOW,
  RD_STOCK_OUT,
  RD_STOCK_OVERSTOCK,
} RdStockStatus;

/**
 * RdLot:
 * @item_id: the supply item
 * @lot: (nullable): the lot number, %NULL for stock held without a lot
 * @expiry: (nullable): its expiry date (YYYY-MM-DD)
 * @quantity: what is left of it (the sum of its movements)
 */
typedef struct
{
  char   *item_id;
  char   *lot;
  char   *expiry;
  gint64  quantity;
} RdLot;

void rd_lot_free (RdLot *lot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdLot, rd_lot_free)

/**
 * RdImportRow:
 * @line: the row's line in the file (the header is line 1)
 * @sku: (nullable): the SKU as written
 * @reason: (nullable): why the row is refused, %NULL when it will be imported
 * @item: (nullable): the supply_item it becomes, %NULL when refused
 */
typedef struct
{
  guint     line;
  char     *sku;
  char     *reason;
  RdRecord *item;
} RdImportRow;

void rd_import_row_free (RdImportRow *row);

/* Stock on hand */
GHashTable    *rd_inventory_stock_on_hand_all   (RdStore     *store);
gint64         rd_inventory_stock_on_hand       (RdStore     *store,
                                                 const char  *item_id);
GPtrArray     *rd_inventory_list_lots           (RdStore     *store,
                                                 const char  *item_id);
GPtrArray     *rd_inventory_list_expiring       (RdStore     *store,
                                                 const char  *today,
                                                 int          days);
RdStockStatus  rd_inventory_get_status          (RdRecord    *item,
                                                 gint64       on_hand);
const char    *rd_stock_status_to_string        (RdStockStatus status);
char          *rd_inventory_today               (void);

gboolean       rd_inventory_check_receipt       (RdStore     *store,
                                                 const char  *item_id,
                                                 gint64       quantity,
                                                 const char  *lot,
                                                 const char  *expiry,
                                                 const char  *today,
                                                 const char **out_field,
                                                 GError     **error);

/* Movements: every change to stock is a new movement, in one transaction per act. */
gboolean       rd_inventory_receive             (RdStore     *store,
                                                 const char  *item_id,
                                                 gint64       quantity,
                                                 const char  *lot,
                                                 const char  *expiry,
                                                 const char  *po_id,
                                                 const char  *today,
                                                 const char  *user,
                                                 GError     **error);
gboolean       rd_inventory_adjust              (RdStore     *store,
                                                 const char  *item_id,
                                                 gint64       delta,
                                                 const char  *lot,
                                                 const char  *reason,
                                                 const char  *user,
                                                 GPtrArray  **out_movement_ids,
                                                 GError     **error);
gboolean       rd_inventory_consume             (RdStore     *store,
                                                 const char  *item_id,
                                                 gint64       quantity,
                                                 const char  *booking_id,
                                                 const char  *today,
                                                 const char  *user,
                                                 GPtrArray  **out_movement_ids,
                                                 GError     **error);
gboolean       rd_inventory_consume_for_booking (RdStore     *store,
                                                 RdRecord    *booking,
                                                 const char  *user,
                                                 GError     **error);
gboolean       rd_inventory_reverse_booking     (RdStore     *store,
                                                 RdRecord    *booking,
                                                 const char  *user,
                                                 GError     **error);
gboolean       rd_inventory_write_off_expired   (RdStore     *store,
                                                 const char  *today,
                                                 const char  *user,
                                                 GPtrArray  **out_movement_ids,
                                                 GError     **error);
gboolean       rd_inventory_undo_movements      (RdStore     *store,
                                                 GPtrArray   *movement_ids,
                                                 const char  *reason,
                                                 const char  *user,
                                                 GError     **error);

/* Items, money and transfers (rd-inventory-items.c) */
gboolean       rd_inventory_parse_count         (const char  *text,
                                                 gint64      *out);
gboolean       rd_inventory_parse_money         (const char  *text,
                                                 gint64      *out_cents);
char          *rd_inventory_format_money        (gint64       cents);
gboolean       rd_inventory_check_item          (RdStore     *store,
                                                 RdRecord    *item,
                                                 const char **out_field,
                                                 GError     **error);
gboolean       rd_inventory_save_item           (RdStore     *store,
                                                 RdRecord    *item,
                                                 const char  *user,
                                                 const char **out_field,
                                                 GError     **error);
gboolean       rd_inventory_transfer            (RdStore     *store,
                                                 const char  *item_id,
                                                 gint64       quantity,
                                                 const char  *from_lot,
                                                 const char  *to_lot,
                                                 const char  *reason,
                                                 const char  *user,
                                                 GPtrArray  **out_movement_ids,
                                                 const char **out_field,
                                                 GError     **error);

/* CSV of supply items (rd-inventory-csv.c) */
char          *rd_inventory_export_items_csv    (RdStore     *store);
GPtrArray     *rd_inventory_preview_items_csv   (RdStore     *store,
                                                 const char  *text,
                                                 gssize       length,
                                                 GError     **error);
gboolean       rd_inventory_import_items        (RdStore     *store,
                                                 GPtrArray   *preview,
                                                 const char  *user,
                                                 guint       *n_imported,
                                                 GError     **error);

G_END_DECLS
