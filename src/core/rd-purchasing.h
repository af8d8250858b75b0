/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-purchasing.h: purchase orders — the status machine, lines, receiving, and the budget line's room. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/**
 * RdBudgetImpact:
 * @has_line: whether the order names a budget line
 * @amount: the budget line's amount
 * @before: what is left of it before this order (amount − other orders' commitments)
 * @order_total: this order's total (quantity × unit cost of its lines)
 * @after: what is left after it
 * @over: whether @after is below zero (the order then needs an over-budget reason)
 */
typedef struct
{
  gboolean has_line;
  gint64   amount;
  gint64   before;
  gint64   order_total;
  gint64   after;
  gboolean over;
} RdBudgetImpact;

/**
 * RdReceiptLine:
 * @line_id: the po_line received against
 * @quantity: how many arrived now (more than zero, no more than still to come)
 * @lot: (nullable): the lot, required for lot-tracked items
 * @expiry: (nullable): its expiry, YYYY-MM-DD, not in the past
 */
typedef struct
{
  const char *line_id;
  gint64      quantity;
  const char *lot;
  const char *expiry;
} RdReceiptLine;

#define RD_PURCHASING_LEAD_DAYS 7

gboolean  rd_purchasing_can_transition   (const char           *from,
                                          const char           *to);
char     *rd_purchasing_next_number      (RdStore              *store,
                                          int                   year);
RdRecord *rd_purchasing_new_order        (RdStore              *store,
                                          const char           *vendor_id,
                                          const char           *budget_line_id);
gboolean  rd_purchasing_save_order       (RdStore              *store,
                                          RdRecord             *order,
                                          const char           *user,
                                          GError              **error);
gboolean  rd_purchasing_save_line        (RdStore              *store,
                                          RdRecord             *line,
                                          const char           *user,
                                          const char          **out_field,
                                          GError              **error);
gboolean  rd_purchasing_delete_line      (RdStore              *store,
                                          const char           *line_id,
                                          const char           *user,
                                          GError              **error);
gboolean  rd_purchasing_set_status       (RdStore              *store,
                                          const char           *po_id,
                                          const char           *status,
                                          const char           *user,
                                          GError              **error);
gboolean  rd_purchasing_receive          (RdStore              *store,
                                          const char           *po_id,
                                          const RdReceiptLine  *lines,
                                          guint                 n_lines,
                                          const char           *today,
                                          const char           *user,
                                          guint                *out_bad_line,
                                          const char          **out_field,
                                          GError              **error);

gint64    rd_purchasing_order_total      (RdStore              *store,
                                          const char           *po_id);
gint64    rd_budget_line_committed       (RdStore              *store,
                                          const char           *budget_line_id,
                                          const char           *except_po_id);
void      rd_purchasing_budget_impact    (RdStore              *store,
                                          RdRecord             *order,
                                          RdBudgetImpact       *out);

G_END_DECLS
