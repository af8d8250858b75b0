/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inventory-items.c: money and count parsing, the supply item rules, and transfers between lots. */

#include "test-inventory-common.h"

static void
test_parse_money (void)
{
  struct { const char *text; gboolean ok; gint64 cents; } cases[] = {
    { "25", TRUE, 2500 },
    { "25.5", TRUE, 2550 },
    { "25.50", TRUE, 2550 },
    { "0.07", TRUE, 7 },
    { " $1,250.99 ", TRUE, 125099 },
    { "1,234,567.01", TRUE, 123456701 },
    { "0.1", TRUE, 10 },
    /* 0.29 in binary floating point is 0.28999…: digit by digit it stays 29 cents. */
    { "0.29", TRUE, 29 },
    { "1.15", TRUE, 115 },
    { "", FALSE, 0 },
    { "-5", FALSE, 0 },
    { "+5", FALSE, 0 },
    { "5.", FALSE, 0 },
    { ".5", FALSE, 0 },
    { "5.123", FALSE, 0 },
    { "5,00", FALSE, 0 },
    { "12,34.00", FALSE, 0 },
    { "1,2345", FALSE, 0 },
    { "1e3", FALSE, 0 },
    { "abc", FALSE, 0 },
    { "$", FALSE, 0 },
    { "99999999999999", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 cents = -1;
      gboolean ok = rd_inventory_parse_money (cases[i].text, &cents);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (cents, ==, cases[i].cents);
    }

  for (gint64 c = 0; c < 100000; c += 37)
    {
      g_autofree char *text = rd_inventory_format_money (c);
      gint64 back = -1;

      g_assert_true (rd_inventory_parse_money (text, &back));
      g_assert_cmpint (back, ==, c);
    }
}

static void
test_parse_count (void)
{
  gint64 n = -1;

  g_assert_true (rd_inventory_parse_count (" 40 ", &n));
  g_assert_cmpint (n, ==, 40);
  g_assert_true (rd_inventory_parse_count ("0", &n));
  g_assert_cmpint (n, ==, 0);
  g_assert_false (rd_inventory_parse_count ("-1", &n));
  g_assert_false (rd_inventory_parse_count ("+1", &n));
  g_assert_false (rd_inventory_parse_count ("2.5", &n));
  g_assert_false (rd_inventory_parse_count ("", &n));
  g_assert_false (rd_inventory_parse_count ("ten", &n));
}

static RdRecord *
new_item (const char *sku)
{
  RdRecord *item = rd_record_new_for_table ("supply_item");

  rd_record_set_text (item, "sku", sku);
  rd_record_set_text (item, "name", "Sterile drape");
  rd_record_set_text (item, "category", "linen");
  rd_record_set_text (item, "unit", "each");
  rd_record_set_int (item, "par_level", 200);
  rd_record_set_int (item, "reorder_point", 50);
  rd_record_set_int (item, "reorder_qty", 100);
  rd_record_set_int (item, "unit_cost", 125);
  rd_record_set_bool (item, "lot_tracked", FALSE);
  rd_record_set_bool (item, "active", TRUE);
  return item;
}

static void
assert_refused (Fixture    *f,
                RdRecord   *item,
                const char *field)
{
  g_autoptr (GError) error = NULL;
  const char *at = NULL;
  gint64 before = rd_store_count (f->store, "supply_item");

  g_assert_false (rd_inventory_save_item (f->store, item, "tester", &at, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_cmpstr (at, ==, field);
  g_assert_cmpint (rd_store_count (f->store, "supply_item"), ==, before);
}

static void
test_item_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *vendor = make_vendor (f, "Northwind Medical");
  g_autoptr (RdRecord) item = new_item ("  DRAPE-1 ");
  g_autoptr (RdRecord) twin = new_item ("DRAPE-1");
  g_autoptr (RdRecord) edited = NULL;
  g_autoptr (GError) error = NULL;
  const char *at = NULL;

  rd_record_set_text (item, "vendor_id", vendor);
  g_assert_true (rd_inventory_save_item (f->store, item, "tester", &at, &error));
  g_assert_no_error (error);
  g_assert_null (at);
  edited = rd_store_get (f->store, "supply_item", rd_record_get_id (item), NULL);
  g_assert_cmpstr (rd_record_get_text (edited, "sku"), ==, "DRAPE-1");

  /* The SKU is taken by the live item; the item itself may keep it when edited. */
  assert_refused (f, twin, "sku");
  rd_record_set_text (edited, "name", "Sterile drape, large");
  g_assert_true (rd_inventory_save_item (f->store, edited, "tester", NULL, &error));
  g_assert_no_error (error);

  /* Once the first one is deleted, its SKU is free again. */
  g_assert_true (rd_store_delete (f->store, "supply_item", rd_record_get_id (edited), "tester", &error));
  g_assert_no_error (error);
  g_assert_true (rd_inventory_save_item (f->store, twin, "tester", NULL, &error));
  g_assert_no_error (error);
}

static void
test_item_refusals (Fixture       *f,
                    gconstpointer  data)
{
  struct { const char *column; gint64 value; const char *text; const char *field; } cases[] = {
    { "sku", 0, " ", "sku" },
    { "name", 0, "", "name" },
    { "category", 0, "  ", "category" },
    { "unit", 0, "", "unit" },
    { "par_level", -1, NULL, "par_level" },
    { "reorder_point", -1, NULL, "reorder_point" },
    { "reorder_qty", -5, NULL, "reorder_qty" },
    { "unit_cost", -1, NULL, "unit_cost" },
    { "reorder_point", 201, NULL, "reorder_point" },
    { "vendor_id", 0, "no-such-vendor", "vendor_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RdRecord) item = new_item ("SKU-REFUSED");

      g_test_message ("%s", cases[i].column);
      if (cases[i].text != NULL)
        rd_record_set_text (item, cases[i].column, cases[i].text);
      else
        rd_record_set_int (item, cases[i].column, cases[i].value);
      assert_refused (f, item, cases[i].field);
    }

  /* Par 0 is "no par level": any reorder point is allowed; reorder point equal to par too. */
  {
    g_autoptr (RdRecord) no_par = new_item ("NO-PAR");
    g_autoptr (RdRecord) at_par = new_item ("AT-PAR");
    g_autoptr (GError) error = NULL;

    rd_record_set_int (no_par, "par_level", 0);
    rd_record_set_int (no_par, "reorder_point", 30);
    g_assert_true (rd_inventory_save_item (f->store, no_par, "tester", NULL, &error));
    g_assert_no_error (error);
    rd_record_set_int (at_par, "reorder_point", 200);
    g_assert_true (rd_inventory_save_item (f->store, at_par, "tester", NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_transfer (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = make_item (f, "IOH350-100", 240, 80, 120, TRUE, NULL);
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GPtrArray) movements = NULL;
  g_autoptr (GError) error = NULL;
  guint n_transfer = 0;
  gint64 sum = 0;

  receive (f, a, 40, "L1", "2099-03-31");
  g_assert_true (rd_inventory_transfer (f->store, a, 15, "L1", "L1-R", "Relabelled by the supplier",
                                        "tester", &ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);

  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, a), ==, 40);
  g_assert_cmpint (lot_quantity (f, a, "L1"), ==, 25);
  g_assert_cmpint (lot_quantity (f, a, "L1-R"), ==, 15);

  movements = rd_store_list_by (f->store, "stock_movement", "kind", "transfer", NULL);
  for (guint i = 0; i < movements->len; i++)
    {
      RdRecord *m = g_ptr_array_index (movements, i);

      n_transfer++;
      sum += rd_record_get_int (m, "quantity");
      /* The new lot keeps the expiry of the old one. */
      g_assert_cmpstr (rd_record_get_text (m, "expiry"), ==, "2099-03-31");
      g_assert_nonnull (strstr (rd_record_get_text (m, "reason"), "Relabelled by the supplier"));
    }
  g_assert_cmpuint (n_transfer, ==, 2);
  g_assert_cmpint (sum, ==, 0);

  /* Undo is two opposite movements: the lots are as they were. */
  g_assert_true (rd_inventory_undo_movements (f->store, ids, "Undone", "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lot_quantity (f, a, "L1"), ==, 40);
  g_assert_cmpint (lot_quantity (f, a, "L1-R"), ==, 0);
}

static void
test_transfer_refusals (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *tracked = make_item (f, "GADO-7.5", 80, 30, 40, TRUE, NULL);
  g_autofree char *plain = make_item (f, "GEL-250", 50, 10, 24, FALSE, NULL);
  gint64 before;
  struct { const char *item; gint64 q; const char *from; const char *to; const char *words; const char *field; } cases[] = {
    { tracked, 0, "L1", "L2", "more than zero", "quantity" },
    { tracked, 11, "L1", "L2", "holds only 10", "quantity" },
    { tracked, 5, "L1", "L1", "already in that lot", "to_lot" },
    { tracked, 5, "L1", " ", "lot-tracked", "to_lot" },
    { tracked, 5, "L9", "L2", "Lot L9 has no stock", "from_lot" },
    { plain, 25, NULL, "G1", "Only 24 are held without a lot", "quantity" },
    { "no-such-item", 1, NULL, "G1", "Choose a supply item", "item" },
  };

  receive (f, tracked, 10, "L1", "2099-01-31");
  receive (f, plain, 24, NULL, NULL);
  before = rd_store_count (f->store, "stock_movement");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      const char *field = NULL;

      g_test_message ("case %u", i);
      g_assert_false (rd_inventory_transfer (f->store, cases[i].item, cases[i].q, cases[i].from, cases[i].to,
                                             NULL, "tester", NULL, &field, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (field, ==, cases[i].field);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_cmpint (rd_store_count (f->store, "stock_movement"), ==, before);
    }

  /* Stock held without a lot may be given one. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (rd_inventory_transfer (f->store, plain, 24, NULL, "G1", NULL, "tester", NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (lot_quantity (f, plain, NULL), ==, 0);
    g_assert_cmpint (lot_quantity (f, plain, "G1"), ==, 24);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/inventory-items/parse-money", test_parse_money);
  g_test_add_func ("/inventory-items/parse-count", test_parse_count);
  g_test_add ("/inventory-items/rules", Fixture, NULL, fixture_set_up, test_item_rules, fixture_tear_down);
  g_test_add ("/inventory-items/refusals", Fixture, NULL, fixture_set_up, test_item_refusals, fixture_tear_down);
  g_test_add ("/inventory-items/transfer", Fixture, NULL, fixture_set_up, test_transfer, fixture_tear_down);
  g_test_add ("/inventory-items/transfer-refusals", Fixture, NULL, fixture_set_up, test_transfer_refusals,
              fixture_tear_down);

  return g_test_run ();
}
