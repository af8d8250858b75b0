/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-purchasing.c: purchase orders — the status machine, lines, receiving, and the budget line's room. */

#include "rd-purchasing.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-error.h"
#include "rd-inventory.h"
#include "rd-store-private.h"

/*
 * Decisions kept here:
 * - statuses: draft → submitted → approved → ordered → partially_received → received, and
 *   cancelled from any status before received. submitted may go back to draft (sent back for
 *   changes). partially_received and received are reached only by receiving.
 * - lines are edited only while the order is a draft; a line needs an item, a quantity above
 *   zero and a unit cost above zero.
 * - approval is a manager's act. The workstation has no roles of its own: the server accepts a
 *   purchase_order change only from a manager or admin (SYNC.md), so an approval made by anyone
 *   else is rejected when it is pushed. Locally the approver's name and the date are added to
 *   the notes ("Approved by … on …") and the record's updated_by is the approver.
 * - budget: an order commits its lines' total (quantity × unit cost) to its budget line from
 *   approval on (approved, ordered, partially received, received). A cancelled order commits
 *   only what was received before it was cancelled. Drafts and submitted orders commit nothing.
 *   A line's remaining amount for an order is its amount less what the *other* orders commit;
 *   "after" takes this order's total off too. Contracts are not counted here: the budget page
 *   adds them on top.
 * - an order that would leave its line below zero may be submitted or approved only with an
 *   over-budget reason.
 */

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static const struct
{
  const char *from;
  const char *to;
} transitions[] = {
  { "draft", "submitted" },
  { "draft", "cancelled" },
  { "submitted", "draft" },
  { "submitted", "approved" },
  { "submitted", "cancelled" },
  { "approved", "ordered" },
  { "approved", "cancelled" },
  { "ordered", "partially_received" },
  { "ordered", "received" },
  { "ordered", "cancelled" },
  { "partially_received", "received" },
  { "partially_received", "cancelled" },
};

static RdRecord *
get_live (RdStore    *store,
          const char *table,
          const char *id)
{
  RdRecord *record = id != NULL ? rd_store_get (store, table, id, NULL) : NULL;

  if (record != NULL && rd_record_get_deleted (record))
    g_clear_object (&record);
  return record;
}

static gboolean
has_text (RdRecord   *record,
          const char *column)
{
  g_autofree char *text = g_strdup (rd_record_get_text (record, column));

  return text != NULL && g_strstrip (text)[0] != '\0';
}

static gboolean
check_lines (RdStore     *store,
             const char  *po_id,
             GError     **error)
{
  g_autoptr (GPtrArray) lines = rd_store_list_by (store, "po_line", "po_id", po_id, NULL);

  if (lines->len == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Add at least one line to the order."));
      return FALSE;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);

      if (rd_record_get_int (line, "unit_cost") <= 0 || rd_record_get_int (line, "quantity") <= 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("Line %u has no price or no quantity: every line needs both."), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
today_string (void)
{
  return rd_inventory_today ();
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_purchasing_can_transition:
 * @from: a purchase order status
 * @to: another
 *
 * Returns: whether an order may go from @from to @to
 */
gboolean
rd_purchasing_can_transition (const char *from,
                              const char *to)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (g_strcmp0 (transitions[i].from, from) == 0 && g_strcmp0 (transitions[i].to, to) == 0)
      return TRUE;
  return FALSE;
}

/**
 * rd_purchasing_next_number:
 * @store: a store
 * @year: the year of the order
 *
 * Returns: (transfer full): the next free order number of the year, "PO-2025-0042"
 */
char *
rd_purchasing_next_number (RdStore *store,
                           int      year)
{
  g_autofree char *prefix = g_strdup_printf ("PO-%04d-", year);
  g_autofree char *pattern = g_strdup_printf ("%s%%", prefix);
  sqlite3_stmt *stmt;
  gint64 highest = 0;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  /* Tombstoned orders keep their numbers, so a number is never given twice. */
  stmt = rd_store_prepare (store,
                           "SELECT MAX(CAST(substr(number, ?2) AS INTEGER)) FROM purchase_order "
                           "WHERE number LIKE ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (int) strlen (prefix) + 1);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        highest = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  return g_strdup_printf ("%s%04" G_GINT64_FORMAT, prefix, highest + 1);
}

/**
 * rd_purchasing_new_order:
 * @store: a store
 * @vendor_id: (nullable): the vendor
 * @budget_line_id: (nullable): the budget line
 *
 * Returns: (transfer full): a new draft order with the next number, not yet saved
 */
RdRecord *
rd_purchasing_new_order (RdStore    *store,
                         const char *vendor_id,
                         const char *budget_line_id)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *number = rd_purchasing_next_number (store, g_date_time_get_year (now));
  RdRecord *order = rd_record_new_for_table ("purchase_order");

  rd_record_set_text (order, "number", number);
  rd_record_set_text (order, "status", "draft");
  if (vendor_id != NULL)
    rd_record_set_text (order, "vendor_id", vendor_id);
  if (budget_line_id != NULL)
    rd_record_set_text (order, "budget_line_id", budget_line_id);
  return order;
}

/**
 * rd_purchasing_save_order:
 * @store: a store
 * @order: a purchase_order record
 * @user: who saves it
 * @error: why it was not saved
 *
 * Saves the order's own fields (number, vendor, budget line, reasons, notes). The status is
 * changed only by rd_purchasing_set_status() and rd_purchasing_receive().
 *
 * Returns: whether it was saved
 */
gboolean
rd_purchasing_save_order (RdStore     *store,
                          RdRecord    *order,
                          const char  *user,
                          GError     **error)
{
  g_autoptr (RdRecord) vendor = NULL;
  g_autoptr (RdRecord) saved = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (order), FALSE);

  if (!has_text (order, "number"))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The order needs a number."));
      return FALSE;
    }
  vendor = get_live (store, "vendor", rd_record_get_text (order, "vendor_id"));
  if (vendor == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Choose the vendor of the order."));
      return FALSE;
    }
  if (rd_record_get_text (order, "status") == NULL)
    rd_record_set_text (order, "status", "draft");

  saved = get_live (store, "purchase_order", rd_record_get_id (order));
  if (saved != NULL && g_strcmp0 (rd_record_get_text (saved, "status"),
                                  rd_record_get_text (order, "status")) != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The status of an order changes only through its actions."));
      return FALSE;
    }

  return rd_store_save (store, order, user, error);
}

/**
 * rd_purchasing_save_line:
 * @store: a store
 * @line: a po_line record
 * @user: who saves it
 * @out_field: (out) (optional): the field at fault: "item", "quantity" or "unit_cost"
 * @error: why it was not saved
 *
 * A line needs a draft order, an item, a quantity above zero and a price above zero.
 *
 * Returns: whether it was saved
 */
gboolean
rd_purchasing_save_line (RdStore     *store,
                         RdRecord    *line,
                         const char  *user,
                         const char **out_field,
                         GError     **error)
{
  g_autoptr (RdRecord) order = NULL;
  g_autoptr (RdRecord) item = NULL;
  const char *field = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (line), FALSE);

  order = get_live (store, "purchase_order", rd_record_get_text (line, "po_id"));
  item = get_live (store, "supply_item", rd_record_get_text (line, "item_id"));

  if (order == NULL)
    g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("The order of this line is gone."));
  else if (g_strcmp0 (rd_record_get_text (order, "status"), "draft") != 0)
    g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                 _("Only a draft order's lines can be changed: send the order back to draft first."));
  else if (item == NULL)
    {
      field = "item";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Choose the item to order."));
    }
  else if (rd_record_get_int (line, "quantity") <= 0)
    {
      field = "quantity";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The quantity must be more than zero."));
    }
  else if (rd_record_get_int (line, "unit_cost") <= 0)
    {
      field = "unit_cost";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Enter the line's unit price."));
    }
  else
    {
      if (rd_record_is_null (line, "received_qty"))
        rd_record_set_int (line, "received_qty", 0);
      return rd_store_save (store, line, user, error);
    }

  if (out_field != NULL)
    *out_field = field;
  return FALSE;
}

/**
 * rd_purchasing_delete_line:
 * @store: a store
 * @line_id: a po_line
 * @user: who deletes it
 * @error: why it was not deleted
 *
 * Returns: whether the line (of a draft order) was deleted
 */
gboolean
rd_purchasing_delete_line (RdStore     *store,
                           const char  *line_id,
                           const char  *user,
                           GError     **error)
{
  g_autoptr (RdRecord) line = get_live (store, "po_line", line_id);
  g_autoptr (RdRecord) order = NULL;

  if (line == NULL)
    return TRUE;
  order = get_live (store, "purchase_order", rd_record_get_text (line, "po_id"));
  if (order != NULL && g_strcmp0 (rd_record_get_text (order, "status"), "draft") != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Only a draft order's lines can be removed."));
      return FALSE;
    }
  return rd_store_delete (store, "po_line", line_id, user, error);
}

/**
 * rd_purchasing_set_status:
 * @store: a store
 * @po_id: an order
 * @status: the new status: submitted, approved, ordered, draft or cancelled
 * @user: who acts (for approval: the approver)
 * @error: why the status was not changed
 *
 * Moves the order along its status machine. Submitting and approving need priced lines and, when
 * the order goes over its budget line, an over-budget reason. Approving records the approver in
 * the notes; ordering sets ordered_on to today when it is not set.
 *
 * Returns: whether the status changed
 */
gboolean
rd_purchasing_set_status (RdStore     *store,
                          const char  *po_id,
                          const char  *status,
                          const char  *user,
                          GError     **error)
{
  g_autoptr (RdRecord) order = NULL;
  const char *from;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if ((order = get_live (store, "purchase_order", po_id)) == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("The order is gone."));
      return FALSE;
    }
  from = rd_record_get_text (order, "status");

  if (g_strcmp0 (status, "received") == 0 || g_strcmp0 (status, "partially_received") == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("An order becomes received by receiving its deliveries."));
      return FALSE;
    }
  if (!rd_purchasing_can_transition (from, status))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("An order that is %s cannot become %s."),
                   from, status);
      return FALSE;
    }

  if (g_str_equal (status, "submitted") || g_str_equal (status, "approved"))
    {
      RdBudgetImpact impact;

      if (!check_lines (store, po_id, error))
        return FALSE;
      rd_purchasing_budget_impact (store, order, &impact);
      if (impact.over && !has_text (order, "over_budget_reason"))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("This order goes over its budget line: give the reason to go ahead."));
          return FALSE;
        }
    }

  if (g_str_equal (status, "approved"))
    {
      g_autofree char *today = today_string ();
      g_autofree char *note = g_strdup_printf (_("Approved by %s on %s."),
                                               user != NULL && user[0] ? user : _("this workstation"),
                                               today);
      const char *notes = rd_record_get_text (order, "notes");
      g_autofree char *joined = notes != NULL && notes[0] ? g_strdup_printf ("%s\n%s", notes, note)
                                                          : g_strdup (note);

      rd_record_set_text (order, "notes", joined);
    }
  else if (g_str_equal (status, "ordered") && rd_record_is_null (order, "ordered_on"))
    {
      g_autofree char *today = today_string ();

      rd_record_set_text (order, "ordered_on", today);
    }

  rd_record_set_text (order, "status", status);
  return rd_store_save (store, order, user, error);
}

/**
 * rd_purchasing_receive:
 * @store: a store
 * @po_id: an ordered or partially received order
 * @lines: (array length=n_lines): what arrived, per line
 * @n_lines: how many
 * @today: (nullable): today's date, %NULL for the local date
 * @user: who received it
 * @out_bad_line: (out) (optional): the index in @lines at fault
 * @out_field: (out) (optional): the field at fault: "quantity", "lot" or "expiry"
 * @error: why nothing was saved
 *
 * Writes a receive movement per line (with the order's id, the lot and expiry), adds to the lines'
 * received quantities and sets the order partially received or received, in one transaction.
 * Receiving more than is still to come on a line is refused.
 *
 * Returns: whether the delivery was saved
 */
gboolean
rd_purchasing_receive (RdStore              *store,
                       const char           *po_id,
                       const RdReceiptLine  *lines,
                       guint                 n_lines,
                       const char           *today,
                       const char           *user,
                       guint                *out_bad_line,
                       const char          **out_field,
                       GError              **error)
{
  g_autoptr (RdRecord) order = NULL;
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) all_lines = NULL;
  g_autofree char *local_today = NULL;
  const char *status;
  gboolean complete = TRUE;
  guint n_received = 0;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (lines != NULL || n_lines == 0, FALSE);

  if (today == NULL)
    today = local_today = rd_inventory_today ();
  if ((order = get_live (store, "purchase_order", po_id)) == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("The order is gone."));
      return FALSE;
    }
  status = rd_record_get_text (order, "status");
  if (g_strcmp0 (status, "ordered") != 0 && g_strcmp0 (status, "partially_received") != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Only an ordered order can be received; this one is %s."), status);
      return FALSE;
    }

  /* Check everything before writing anything. */
  for (guint i = 0; i < n_lines; i++)
    {
      RdRecord *line = get_live (store, "po_line", lines[i].line_id);
      gint64 remaining;

      if (out_bad_line != NULL)
        *out_bad_line = i;
      g_ptr_array_add (records, line);
      if (line == NULL || g_strcmp0 (rd_record_get_text (line, "po_id"), po_id) != 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("This line is not on the order."));
          return FALSE;
        }
      if (lines[i].quantity == 0)
        continue;
      remaining = rd_record_get_int (line, "quantity") - rd_record_get_int (line, "received_qty");
      if (lines[i].quantity > remaining)
        {
          if (out_field != NULL)
            *out_field = "quantity";
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("Only %lld still to come on this line."), (long long) remaining);
          return FALSE;
        }
      if (!rd_inventory_check_receipt (store, rd_record_get_text (line, "item_id"), lines[i].quantity,
                                       lines[i].lot, lines[i].expiry, today, out_field, error))
        return FALSE;
      n_received++;
    }
  if (n_received == 0)
    {
      if (out_field != NULL)
        *out_field = "quantity";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Enter the quantity received on a line."));
      return FALSE;
    }

  if (!rd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n_lines; i++)
    {
      RdRecord *line = g_ptr_array_index (records, i);

      if (lines[i].quantity == 0)
        continue;
      rd_record_set_int (line, "received_qty", rd_record_get_int (line, "received_qty") + lines[i].quantity);
      if (!rd_inventory_receive (store, rd_record_get_text (line, "item_id"), lines[i].quantity,
                                 lines[i].lot, lines[i].expiry, po_id, today, user, error)
          || !rd_store_save (store, line, user, error))
        goto failed;
    }

  all_lines = rd_store_list_by (store, "po_line", "po_id", po_id, NULL);
  for (guint i = 0; i < all_lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (all_lines, i);

      if (rd_record_get_int (line, "received_qty") < rd_record_get_int (line, "quantity"))
        complete = FALSE;
    }
  rd_record_set_text (order, "status", complete ? "received" : "partially_received");
  if (!rd_store_save (store, order, user, error))
    goto failed;

  if (out_bad_line != NULL)
    *out_bad_line = G_MAXUINT;
  return rd_store_commit (store, error);

failed:
  rd_store_rollback (store);
  return FALSE;
}

/**
 * rd_purchasing_order_total:
 * @store: a store
 * @po_id: an order
 *
 * Returns: the sum of quantity × unit cost of the order's live lines, in cents
 */
gint64
rd_purchasing_order_total (RdStore    *store,
                           const char *po_id)
{
  sqlite3_stmt *stmt;
  gint64 total = 0;

  g_return_val_if_fail (RD_IS_STORE (store), 0);

  stmt = rd_store_prepare (store,
                           "SELECT COALESCE(SUM(quantity * unit_cost), 0) FROM po_line WHERE deleted = 0 AND po_id = ?1",
                           NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, po_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return total;
}

/**
 * rd_budget_line_committed:
 * @store: a store
 * @budget_line_id: a budget line
 * @except_po_id: (nullable): an order to leave out (the one being looked at)
 *
 * What purchase orders commit to a budget line: the full total of approved, ordered, partially
 * received and received orders, what was received of cancelled ones, nothing of drafts and
 * submitted ones. Contracts are not included.
 *
 * Returns: the amount committed, in cents
 */
gint64
rd_budget_line_committed (RdStore    *store,
                          const char *budget_line_id,
                          const char *except_po_id)
{
  sqlite3_stmt *stmt;
  gint64 total = 0;

  g_return_val_if_fail (RD_IS_STORE (store), 0);
  g_return_val_if_fail (budget_line_id != NULL, 0);

  stmt = rd_store_prepare (store,
                           "SELECT COALESCE(SUM(CASE "
                           " WHEN p.status IN ('approved', 'ordered', 'partially_received', 'received') "
                           "  THEN l.quantity * l.unit_cost "
                           " WHEN p.status = 'cancelled' THEN l.received_qty * l.unit_cost "
                           " ELSE 0 END), 0) "
                           "FROM purchase_order p JOIN po_line l ON l.po_id = p.id AND l.deleted = 0 "
                           "WHERE p.deleted = 0 AND p.budget_line_id = ?1 AND p.id IS NOT ?2", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, budget_line_id, -1, SQLITE_TRANSIENT);
  if (except_po_id != NULL)
    sqlite3_bind_text (stmt, 2, except_po_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return total;
}

/**
 * rd_purchasing_budget_impact:
 * @store: a store
 * @order: a purchase order
 * @out: (out caller-allocates): its budget line's amount before and after it
 *
 * Fills @out with the budget line's remaining amount before the order (its amount less the other
 * orders' commitments) and after it. Without a budget line, @has_line is %FALSE and nothing
 * is over.
 */
void
rd_purchasing_budget_impact (RdStore        *store,
                             RdRecord       *order,
                             RdBudgetImpact *out)
{
  g_autoptr (RdRecord) line = NULL;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (RD_IS_RECORD (order));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->order_total = rd_purchasing_order_total (store, rd_record_get_id (order));
  line = get_live (store, "budget_line", rd_record_get_text (order, "budget_line_id"));
  if (line == NULL)
    return;

  out->has_line = TRUE;
  out->amount = rd_record_get_int (line, "amount");
  out->before = out->amount - rd_budget_line_committed (store, rd_record_get_id (line),
                                                        rd_record_get_id (order));
  out->after = out->before - out->order_total;
  out->over = out->after < 0;
}
