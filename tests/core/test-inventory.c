/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inventory.c: stock sums by lot, status thresholds, receipts, FEFO, refusals, bookings, write-offs. */

#include "test-inventory-common.h"

static void
test_sums_by_lot (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = make_item (f, "IOH350-100", 240, 80, 120, TRUE, NULL);
  g_autofree char *b = make_item (f, "GEL-250", 50, 10, 24, FALSE, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) all = NULL;
  g_autoptr (GPtrArray) lots = NULL;
  RdLot *l;

  receive (f, a, 100, "L2", "2099-06-30");
  receive (f, a, 40, "L1", "2099-03-31");
  receive (f, a, 10, "L2", "2099-06-30");
  receive (f, b, 24, NULL, NULL);
  rd_inventory_adjust (f->store, a, -5, "L2", "Broken bottle", "tester", NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, a), ==, 145);
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, b), ==, 24);

  all = rd_inventory_stock_on_hand_all (f->store);
  g_assert_cmpuint (g_hash_table_size (all), ==, 2);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (all, a), ==, 145);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (all, b), ==, 24);

  /* First-expiring first; the adjustment kept the lot's expiry. */
  lots = rd_inventory_list_lots (f->store, a);
  g_assert_cmpuint (lots->len, ==, 2);
  l = g_ptr_array_index (lots, 0);
  g_assert_cmpstr (l->lot, ==, "L1");
  g_assert_cmpstr (l->expiry, ==, "2099-03-31");
  g_assert_cmpint (l->quantity, ==, 40);
  l = g_ptr_array_index (lots, 1);
  g_assert_cmpstr (l->lot, ==, "L2");
  g_assert_cmpstr (l->expiry, ==, "2099-06-30");
  g_assert_cmpint (l->quantity, ==, 105);

  /* Five movements, none changed: the sum is the ledger's. */
  g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 5);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = make_item (f, "NACL-100", 100, 20, 50, FALSE, NULL);
  g_autoptr (RdRecord) item = rd_store_get (f->store, "supply_item", id, NULL);

  g_assert_cmpint (rd_inventory_get_status (item, -3), ==, RD_STOCK_OUT);
  g_assert_cmpint (rd_inventory_get_status (item, 0), ==, RD_STOCK_OUT);
  g_assert_cmpint (rd_inventory_get_status (item, 1), ==, RD_STOCK_LOW);
  g_assert_cmpint (rd_inventory_get_status (item, 19), ==, RD_STOCK_LOW);
  g_assert_cmpint (rd_inventory_get_status (item, 20), ==, RD_STOCK_IN_STOCK);
  g_assert_cmpint (rd_inventory_get_status (item, 100), ==, RD_STOCK_IN_STOCK);
  g_assert_cmpint (rd_inventory_get_status (item, 101), ==, RD_STOCK_OVERSTOCK);
  g_assert_cmpstr (rd_stock_status_to_string (RD_STOCK_LOW), ==, "Low");

  /* No par level: never overstock. */
  rd_record_set_int (item, "par_level", 0);
  rd_record_set_int (item, "reorder_point", 0);
  g_assert_cmpint (rd_inventory_get_status (item, 100000), ==, RD_STOCK_IN_STOCK);
}

static void
test_receive_refusals (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *tracked = make_item (f, "GADO-7.5", 80, 30, 40, TRUE, NULL);
  g_autofree char *plain = make_item (f, "LINEN", 80, 30, 40, FALSE, NULL);
  struct { const char *item; gint64 q; const char *lot; const char *expiry; const char *field; } cases[] = {
    { tracked, 10, NULL, "2099-01-01", "lot" },
    { tracked, 10, "  ", "2099-01-01", "lot" },
    { tracked, 0, "L1", "2099-01-01", "quantity" },
    { plain, -4, NULL, NULL, "quantity" },
    { tracked, 10, "L1", "2024-12-31", "expiry" },
    { tracked, 10, "L1", "2099-02-30", "expiry" },
    { "no-such-item", 10, "L1", NULL, "item" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      const char *field = NULL;

      g_assert_false (rd_inventory_check_receipt (f->store, cases[i].item, cases[i].q, cases[i].lot,
                                                  cases[i].expiry, "2025-01-01", &field, &error));
      g_assert_true (error != NULL && error->domain == RD_ERROR);
      g_assert_cmpstr (field, ==, cases[i].field);
      g_clear_error (&error);
      g_assert_false (rd_inventory_receive (f->store, cases[i].item, cases[i].q, cases[i].lot,
                                            cases[i].expiry, NULL, "2025-01-01", "tester", &error));
      g_assert_nonnull (error);
    }
  /* Nothing was saved; an expiry of today is still fine, a plain item needs no lot. */
  g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 0);
  receive (f, tracked, 5, "L1", "2025-01-01");
  receive (f, plain, 5, NULL, NULL);
  g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 2);
}

static void
test_fefo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *a = make_item (f, "IOH350-100", 240, 80, 120, TRUE, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ids = NULL;

  receive (f, a, 10, "LATE", "2099-12-31");
  receive (f, a, 3, "EARLY", "2099-01-31");
  receive (f, a, 5, "MID", "2099-06-30");
  receive (f, a, 4, "OLD", "2025-01-15"); /* expired by "today" below */

  rd_inventory_consume (f->store, a, 6, NULL, "2025-02-01", "tester", &ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (lot_quantity (f, a, "EARLY"), ==, 0);
  g_assert_cmpint (lot_quantity (f, a, "MID"), ==, 2);
  g_assert_cmpint (lot_quantity (f, a, "LATE"), ==, 10);
  g_assert_cmpint (lot_quantity (f, a, "OLD"), ==, 4);
  /* One movement per lot taken from. */
  g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 6);

  /* The toast's undo gives both back to their lots, by new movements. */
  rd_inventory_undo_movements (f->store, ids, "Undo of a use", "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lot_quantity (f, a, "EARLY"), ==, 3);
  g_assert_cmpint (lot_quantity (f, a, "MID"), ==, 5);
  g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 8);
}

static void
test_negative_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = make_item (f, "IOH350-100", 240, 80, 120, TRUE, NULL);
  g_autoptr (GError) error = NULL;

  receive (f, a, 3, "A", "2099-01-31");
  receive (f, a, 2, "B", "2099-02-28");
  receive (f, a, 4, "X", "2025-01-15");

  g_assert_false (rd_inventory_consume (f->store, a, 6, NULL, "2025-02-01", "tester", NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "5 available"));
  g_assert_nonnull (strstr (error->message, "4 more are expired"));
  g_clear_error (&error);
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, a), ==, 9);
  g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 3);

  /* An adjustment below zero is refused too, and one without a reason. */
  g_assert_false (rd_inventory_adjust (f->store, a, -4, "A", "count", "tester", NULL, &error));
  g_assert_nonnull (strstr (error->message, "Only 3"));
  g_clear_error (&error);
  g_assert_false (rd_inventory_adjust (f->store, a, -1, "A", "  ", "tester", NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 3);
}

static void
test_booking_consumption (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *contrast = make_item (f, "IOH350-100", 240, 80, 120, TRUE, NULL);
  g_autofree char *exam = make_exam_type (f, "CTAPC", contrast, 2);
  g_autoptr (RdRecord) booking = make_booking (f, exam, 1735725600, "completed");
  g_autoptr (RdRecord) other = make_booking (f, exam, 1735729200, "completed");
  g_autoptr (GError) error = NULL;

  receive (f, contrast, 1, "A", "2099-01-31");
  receive (f, contrast, 2, "B", "2099-05-31");

  rd_inventory_consume_for_booking (f->store, booking, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lot_quantity (f, contrast, "A"), ==, 0);
  g_assert_cmpint (lot_quantity (f, contrast, "B"), ==, 1);

  /* Completing twice takes nothing more. */
  rd_inventory_consume_for_booking (f->store, booking, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, contrast), ==, 1);

  /* Another booking needs 2, there is 1: refused whole, with what is available. */
  g_assert_false (rd_inventory_consume_for_booking (f->store, other, "tester", &error));
  g_assert_nonnull (strstr (error->message, "1 available"));
  g_clear_error (&error);
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, contrast), ==, 1);

  /* Reversal gives back to the same lots, once. */
  rd_inventory_reverse_booking (f->store, booking, "tester", &error);
  g_assert_no_error (error);
  rd_inventory_reverse_booking (f->store, booking, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lot_quantity (f, contrast, "A"), ==, 1);
  g_assert_cmpint (lot_quantity (f, contrast, "B"), ==, 2);
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, contrast), ==, 3);

  /* Completed again after the reversal: consumed again. */
  rd_inventory_consume_for_booking (f->store, booking, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, contrast), ==, 1);
}

static void
test_expiry_and_write_off (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = make_item (f, "GADO-7.5", 80, 30, 40, TRUE, NULL);
  g_autofree char *b = make_item (f, "IOP370-100", 80, 30, 40, TRUE, NULL);
  g_autoptr (GPtrArray) in30 = NULL;
  g_autoptr (GPtrArray) in90 = NULL;
  g_autoptr (GPtrArray) expired = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  receive (f, a, 5, "GONE", "2025-01-10");
  receive (f, a, 7, "SOON", "2025-02-20");
  receive (f, b, 9, "LATER", "2025-04-20");
  receive (f, b, 2, "FAR", "2099-04-20");

  /* Seen on 2025-02-01. */
  in30 = rd_inventory_list_expiring (f->store, "2025-02-01", 30);
  in90 = rd_inventory_list_expiring (f->store, "2025-02-01", 90);
  expired = rd_inventory_list_expiring (f->store, "2025-02-01", -1);
  g_assert_cmpuint (in30->len, ==, 2);
  g_assert_cmpuint (in90->len, ==, 3);
  g_assert_cmpuint (expired->len, ==, 1);
  g_assert_cmpstr (((RdLot *) g_ptr_array_index (in90, 0))->lot, ==, "GONE");
  g_assert_cmpstr (((RdLot *) g_ptr_array_index (in90, 2))->lot, ==, "LATER");

  rd_inventory_write_off_expired (f->store, "2025-02-01", "tester", &ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (lot_quantity (f, a, "GONE"), ==, 0);
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, a), ==, 7);
  g_clear_pointer (&expired, g_ptr_array_unref);
  expired = rd_inventory_list_expiring (f->store, "2025-02-01", -1);
  g_assert_cmpuint (expired->len, ==, 0);

  /* Undo is a new movement, not a deletion. */
  rd_inventory_undo_movements (f->store, ids, "Undo write-off", "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lot_quantity (f, a, "GONE"), ==, 5);
  g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inventory/sums-by-lot", test_sums_by_lot);
  ADD ("/inventory/status", test_status);
  ADD ("/inventory/receive-refusals", test_receive_refusals);
  ADD ("/inventory/fefo", test_fefo);
  ADD ("/inventory/negative-refused", test_negative_refused);
  ADD ("/inventory/booking-consumption", test_booking_consumption);
  ADD ("/inventory/expiry-and-write-off", test_expiry_and_write_off);
#undef ADD

  return g_test_run ();
}
