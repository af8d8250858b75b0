/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-private.h: what the parts of the inventory rules share: writing a movement, reading lots. */

#pragma once

#include <sqlite3.h>

#include "rd-inventory.h"

G_BEGIN_DECLS

gboolean   rd_inventory_write_movement (RdStore      *store,
                                        const char   *item_id,
                                        gint64        quantity,
                                        const char   *kind,
                                        const char   *lot,
                                        const char   *expiry,
                                        const char   *booking_id,
                                        const char   *po_id,
                                        const char   *reason,
                                        const char   *user,
                                        char        **out_id,
                                        GError      **error);
GPtrArray *rd_inventory_collect_lots   (sqlite3_stmt *stmt);

G_END_DECLS
