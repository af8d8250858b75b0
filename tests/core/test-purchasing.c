/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-purchasing.c: the order status machine, priced lines, budget before and after, receiving. */

#include "test-inventory-common.h"

typedef struct
{
  char *vendor;
  char *item;
  char *budget;
  char *po;
  char *line;
} Order;

static void
order_clear (Order *o)
{
  g_free (o->vendor);
  g_free (o->item);
  g_free (o->budget);
  g_free (o->po);
  g_free (o->line);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Order, order_clear)

static char *
make_budget (Fixture *f,
             gint64   amount)
{
  g_autoptr (RdRecord) b = rd_record_new_for_table ("budget_line");

  rd_record_set_int (b, "fiscal_year", 2025);
  rd_record_set_text (b, "category", "supplies");
  rd_record_set_int (b, "amount", amount);
  rd_record_set_text (b, "name", "Consumables");
  return save (f, b);
}

static char *
add_line (Fixture    *f,
          const char *po,
          const char *item,
          gint64      quantity,
          gint64      unit_cost)
{
  g_autoptr (RdRecord) line = rd_record_new_for_table ("po_line");
  g_autoptr (GError) error = NULL;

  rd_record_set_text (line, "po_id", po);
  rd_record_set_text (line, "item_id", item);
  rd_record_set_int (line, "quantity", quantity);
  rd_record_set_int (line, "unit_cost", unit_cost);
  rd_purchasing_save_line (f->store, line, "tester", NULL, &error);
  g_assert_no_error (error);
  return g_strdup (rd_record_get_id (line));
}

static void
make_order (Fixture *f,
            Order   *o,
            gint64   budget,
            gint64   quantity)
{
  g_autoptr (RdRecord) po = NULL;
  g_autoptr (GError) error = NULL;

  o->vendor = make_vendor (f, "GE HealthCare");
  o->item = make_item (f, "IOH350-100", 240, 80, 120, TRUE, o->vendor);
  o->budget = make_budget (f, budget);
  po = rd_purchasing_new_order (f->store, o->vendor, o->budget);
  rd_purchasing_save_order (f->store, po, "tester", &error);
  g_assert_no_error (error);
  o->po = g_strdup (rd_record_get_id (po));
  o->line = add_line (f, o->po, o->item, quantity, 2500);
}

static const char *
status_of (Fixture    *f,
           const char *po)
{
  g_autoptr (RdRecord) r = rd_store_get (f->store, "purchase_order", po, NULL);
  static char buf[32];

  g_strlcpy (buf, rd_record_get_text (r, "status"), sizeof buf);
  return buf;
}

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  g_auto (Order) o = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) po = NULL;
  const char *invalid[] = { "approved", "ordered", "received", "partially_received", "bogus" };

  g_assert_true (rd_purchasing_can_transition ("draft", "submitted"));
  g_assert_true (rd_purchasing_can_transition ("submitted", "draft"));
  g_assert_false (rd_purchasing_can_transition ("draft", "approved"));
  g_assert_false (rd_purchasing_can_transition ("received", "cancelled"));
  g_assert_false (rd_purchasing_can_transition ("cancelled", "draft"));

  make_order (f, &o, 10000000, 10);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (rd_purchasing_set_status (f->store, o.po, invalid[i], "tester", &error));
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpstr (status_of (f, o.po), ==, "draft");

  g_assert_true (rd_purchasing_set_status (f->store, o.po, "submitted", "alice", &error));
  /* Lines are frozen once submitted. */
  {
    g_autoptr (RdRecord) line = rd_store_get (f->store, "po_line", o.line, NULL);

    rd_record_set_int (line, "quantity", 99);
    g_assert_false (rd_purchasing_save_line (f->store, line, "tester", NULL, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_true (rd_purchasing_set_status (f->store, o.po, "approved", "manager-mia", &error));
  g_assert_no_error (error);
  po = rd_store_get (f->store, "purchase_order", o.po, NULL);
  g_assert_cmpstr (rd_record_get_updated_by (po), ==, "manager-mia");
  g_assert_nonnull (strstr (rd_record_get_text (po, "notes"), "Approved by manager-mia"));
  g_assert_true (rd_record_is_null (po, "ordered_on"));

  g_assert_true (rd_purchasing_set_status (f->store, o.po, "ordered", "manager-mia", &error));
  g_clear_object (&po);
  po = rd_store_get (f->store, "purchase_order", o.po, NULL);
  g_assert_false (rd_record_is_null (po, "ordered_on"));

  /* Saving the order's fields may not move its status. */
  rd_record_set_text (po, "status", "received");
  g_assert_false (rd_purchasing_save_order (f->store, po, "tester", &error));
  g_clear_error (&error);

  g_assert_true (rd_purchasing_set_status (f->store, o.po, "cancelled", "tester", &error));
  g_assert_false (rd_purchasing_set_status (f->store, o.po, "draft", "tester", &error));
  g_clear_error (&error);
  g_assert_cmpstr (status_of (f, o.po), ==, "cancelled");
}

static void
test_lines_need_price (Fixture       *f,
                       gconstpointer  data)
{
  g_auto (Order) o = { 0 };
  g_autoptr (RdRecord) line = rd_record_new_for_table ("po_line");
  g_autoptr (RdRecord) empty = NULL;
  g_autoptr (GError) error = NULL;
  const char *field = NULL;

  make_order (f, &o, 100000, 1);
  rd_record_set_text (line, "po_id", o.po);
  rd_record_set_text (line, "item_id", o.item);
  rd_record_set_int (line, "quantity", 5);
  g_assert_false (rd_purchasing_save_line (f->store, line, "tester", &field, &error));
  g_assert_cmpstr (field, ==, "unit_cost");
  g_clear_error (&error);
  rd_record_set_int (line, "unit_cost", 0);
  g_assert_false (rd_purchasing_save_line (f->store, line, "tester", &field, &error));
  g_assert_cmpstr (field, ==, "unit_cost");
  g_clear_error (&error);
  rd_record_set_int (line, "unit_cost", 100);
  rd_record_set_int (line, "quantity", 0);
  g_assert_false (rd_purchasing_save_line (f->store, line, "tester", &field, &error));
  g_assert_cmpstr (field, ==, "quantity");
  g_clear_error (&error);
  g_assert_cmpint (rd_store_count (f->store, "po_line"), ==, 1);

  /* An order without lines cannot be submitted. */
  empty = rd_purchasing_new_order (f->store, o.vendor, NULL);
  g_assert_cmpstr (rd_record_get_text (empty, "number"), !=, NULL);
  rd_purchasing_save_order (f->store, empty, "tester", &error);
  g_assert_no_error (error);
  g_assert_false (rd_purchasing_set_status (f->store, rd_record_get_id (empty), "submitted", "t", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *vendor = make_vendor (f, "Bayer");
  g_autofree char *n1 = rd_purchasing_next_number (f->store, 2025);
  g_autoptr (RdRecord) po = rd_record_new_for_table ("purchase_order");
  g_autofree char *n2 = NULL;

  g_assert_cmpstr (n1, ==, "PO-2025-0001");
  rd_record_set_text (po, "number", "PO-2025-0041");
  rd_record_set_text (po, "vendor_id", vendor);
  g_free (save (f, po));
  n2 = rd_purchasing_next_number (f->store, 2025);
  g_assert_cmpstr (n2, ==, "PO-2025-0042");
}

static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  g_auto (Order) o = { 0 };
  g_autoptr (RdRecord) other = NULL;
  g_autoptr (RdRecord) po = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *other_line = NULL;
  RdBudgetImpact impact;

  /* Budget $1,000; this order 10 × $25 = $250. */
  make_order (f, &o, 100000, 10);

  /* Another order of the line, approved: $800 committed. */
  other = rd_purchasing_new_order (f->store, o.vendor, o.budget);
  rd_purchasing_save_order (f->store, other, "tester", &error);
  g_assert_no_error (error);
  other_line = add_line (f, rd_record_get_id (other), o.item, 32, 2500);

  po = rd_store_get (f->store, "purchase_order", o.po, NULL);
  rd_purchasing_budget_impact (f->store, po, &impact);
  g_assert_true (impact.has_line);
  g_assert_cmpint (impact.before, ==, 100000); /* the other is a draft: nothing committed */
  g_assert_cmpint (impact.order_total, ==, 25000);
  g_assert_cmpint (impact.after, ==, 75000);
  g_assert_false (impact.over);

  g_assert_true (rd_purchasing_set_status (f->store, rd_record_get_id (other), "submitted", "t", &error));
  g_assert_true (rd_purchasing_set_status (f->store, rd_record_get_id (other), "approved", "m", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_budget_line_committed (f->store, o.budget, NULL), ==, 80000);

  rd_purchasing_budget_impact (f->store, po, &impact);
  g_assert_cmpint (impact.before, ==, 20000);
  g_assert_cmpint (impact.after, ==, -5000);
  g_assert_true (impact.over);

  /* Over budget: refused without a reason, accepted with one. */
  g_assert_false (rd_purchasing_set_status (f->store, o.po, "submitted", "t", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "budget"));
  g_clear_error (&error);
  g_assert_cmpstr (status_of (f, o.po), ==, "draft");
  rd_record_set_text (po, "over_budget_reason", "Contrast shortage expected; bought ahead");
  rd_purchasing_save_order (f->store, po, "t", &error);
  g_assert_no_error (error);
  g_assert_true (rd_purchasing_set_status (f->store, o.po, "submitted", "t", &error));
  g_assert_no_error (error);

  /* A cancelled order frees what was not received. */
  g_assert_true (rd_purchasing_set_status (f->store, rd_record_get_id (other), "cancelled", "m", &error));
  g_assert_cmpint (rd_budget_line_committed (f->store, o.budget, NULL), ==, 0);
}

static void
test_receiving (Fixture       *f,
                gconstpointer  data)
{
  g_auto (Order) o = { 0 };
  g_autofree char *plain = NULL;
  g_autofree char *plain_line = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) movements = NULL;
  g_autoptr (RdRecord) line = NULL;
  const char *field = NULL;
  guint bad = 0;

  make_order (f, &o, 10000000, 10);
  plain = make_item (f, "GEL-250", 50, 10, 24, FALSE, o.vendor);
  plain_line = add_line (f, o.po, plain, 24, 300);

  {
    RdReceiptLine early[] = { { o.line, 4, "L1", "2099-01-01" } };

    /* Not ordered yet. */
    g_assert_false (rd_purchasing_receive (f->store, o.po, early, 1, "2025-01-01", "t", NULL, NULL, &error));
    g_clear_error (&error);
  }
  g_assert_true (rd_purchasing_set_status (f->store, o.po, "submitted", "t", &error));
  g_assert_true (rd_purchasing_set_status (f->store, o.po, "approved", "m", &error));
  g_assert_true (rd_purchasing_set_status (f->store, o.po, "ordered", "m", &error));
  g_assert_no_error (error);

  {
    /* The second line lacks the lot of a lot-tracked item: nothing is saved, not even the first. */
    RdReceiptLine bad_lot[] = { { plain_line, 24, NULL, NULL }, { o.line, 4, NULL, "2099-01-01" } };
    RdReceiptLine too_many[] = { { o.line, 11, "L1", "2099-01-01" } };
    RdReceiptLine past[] = { { o.line, 4, "L1", "2024-12-01" } };

    g_assert_false (rd_purchasing_receive (f->store, o.po, bad_lot, 2, "2025-01-01", "t", &bad, &field, &error));
    g_assert_cmpuint (bad, ==, 1);
    g_assert_cmpstr (field, ==, "lot");
    g_clear_error (&error);
    g_assert_false (rd_purchasing_receive (f->store, o.po, too_many, 1, "2025-01-01", "t", &bad, &field, &error));
    g_assert_cmpstr (field, ==, "quantity");
    g_assert_nonnull (strstr (error->message, "10"));
    g_clear_error (&error);
    g_assert_false (rd_purchasing_receive (f->store, o.po, past, 1, "2025-01-01", "t", &bad, &field, &error));
    g_assert_cmpstr (field, ==, "expiry");
    g_clear_error (&error);
    g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 0);
    g_assert_cmpstr (status_of (f, o.po), ==, "ordered");
  }

  {
    RdReceiptLine part[] = { { o.line, 4, "L1", "2099-01-01" }, { plain_line, 24, NULL, NULL } };
    RdReceiptLine rest[] = { { o.line, 6, "L2", "2099-03-01" }, { plain_line, 0, NULL, NULL } };

    g_assert_true (rd_purchasing_receive (f->store, o.po, part, 2, "2025-01-01", "t", NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (status_of (f, o.po), ==, "partially_received");
    g_assert_cmpint (rd_inventory_stock_on_hand (f->store, o.item), ==, 4);
    g_assert_cmpint (rd_inventory_stock_on_hand (f->store, plain), ==, 24);

    g_assert_true (rd_purchasing_receive (f->store, o.po, rest, 2, "2025-01-01", "t", NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (status_of (f, o.po), ==, "received");
    g_assert_cmpint (lot_quantity (f, o.item, "L2"), ==, 6);
  }

  line = rd_store_get (f->store, "po_line", o.line, NULL);
  g_assert_cmpint (rd_record_get_int (line, "received_qty"), ==, 10);
  movements = rd_store_list_by (f->store, "stock_movement", "po_id", o.po, NULL);
  g_assert_cmpuint (movements->len, ==, 3);
  for (guint i = 0; i < movements->len; i++)
    g_assert_cmpstr (rd_record_get_text (g_ptr_array_index (movements, i), "kind"), ==, "receive");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/purchasing/transitions", test_transitions);
  ADD ("/purchasing/lines-need-price", test_lines_need_price);
  ADD ("/purchasing/numbers", test_numbers);
  ADD ("/purchasing/budget", test_budget);
  ADD ("/purchasing/receiving", test_receiving);
#undef ADD

  return g_test_run ();
}
