/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inventory-csv.c: the RFC 4180 reader and writer, item export, import preview refusals, import. */

#include "rd-csv.h"
#include "test-inventory-common.h"

static void
test_parse (void)
{
  const char *text = "\xef\xbb\xbf" "a,b,c\r\n"
                     "\"x, y\",\"say \"\"hi\"\"\",\r\n"
                     "\r\n"
                     "\"two\nlines\",,\"\"\n"
                     "last,row,no-newline";
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  GStrv r;

  rows = rd_csv_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  r = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (r[0], ==, "a");
  g_assert_cmpstr (r[2], ==, "c");
  r = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (r), ==, 3);
  g_assert_cmpstr (r[0], ==, "x, y");
  g_assert_cmpstr (r[1], ==, "say \"hi\"");
  g_assert_cmpstr (r[2], ==, "");
  r = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (r[0], ==, "two\nlines");
  g_assert_cmpstr (r[1], ==, "");
  g_assert_cmpstr (r[2], ==, "");
  r = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (r[2], ==, "no-newline");
}

static void
test_parse_errors (void)
{
  const char *bad[] = { "a,\"open\n", "a,b\"c\n", "\"x\"y,z\n", "ok\n\xff\xfe\n" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) rows = rd_csv_parse (bad[i], -1, &error);

      g_assert_null (rows);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    }
}

static void
test_write (void)
{
  const char *fields[] = { "plain", "comma,here", "quote\"here", NULL, " padded", "line\nbreak" };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) back = NULL;
  GStrv r;

  rd_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==, "plain,\"comma,here\",\"quote\"\"here\",,\" padded\",\"line\nbreak\"\r\n");
  back = rd_csv_parse (out->str, -1, NULL);
  r = g_ptr_array_index (back, 0);
  g_assert_cmpstr (r[1], ==, "comma,here");
  g_assert_cmpstr (r[2], ==, "quote\"here");
  g_assert_cmpstr (r[3], ==, "");
  g_assert_cmpstr (r[5], ==, "line\nbreak");
}

static RdImportRow *
row_at (GPtrArray *preview,
        guint      i)
{
  return g_ptr_array_index (preview, i);
}

static void
test_import_refusals (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *ge = make_vendor (f, "GE HealthCare");
  g_autofree char *existing = make_item (f, "IOH350-100", 240, 80, 120, TRUE, ge);
  const char *csv =
    "sku,name,category,unit,par_level,reorder_point,reorder_qty,unit_cost_cents,lot_tracked,vendor\n"
    "IOH300-50,Iohexol 300 mgI/mL 50 mL,contrast media,bottle,20,8,10,1400,yes,ge healthcare\n" /* 2 ok */
    "IOH350-100,Iohexol 350,contrast media,bottle,240,80,120,2500,yes,GE HealthCare\n"         /* 3 exists */
    "NACL-100,Saline,injection supplies,bag,200,60,100,150,no,Nobody Ltd\n"                    /* 4 vendor */
    "SYR-10,Syringe 10 mL,injection supplies,each,abc,10,50,20,no,\n"                          /* 5 number */
    "IOH300-50,Again,contrast media,bottle,20,8,10,1400,yes,GE HealthCare\n"                   /* 6 twice */
    "GEL-250,Gel,ultrasound gel,bottle,50,10,24\n"                                             /* 7 fields */
    ",No SKU,linen,each,1,1,1,1,no,\n"                                                         /* 8 empty */
    "GOWN,Gown,linen,each,10,20,5,100,no,\n"                                                   /* 9 rp>par */
    "APRON,\"Lead apron, 0.5 mm\",protective equipment,each,4,1,1,45000,maybe,\n"             /* 10 bool */
    "CAP,Cap,linen,each,10,2,5,-3,no,\n"                                                       /* 11 cost */
    "EARPLUG,\"Ear plugs, pair\",protective equipment,pair,500,100,500,12,no,\n";              /* 12 ok */
  g_autoptr (GPtrArray) preview = NULL;
  g_autoptr (GError) error = NULL;
  const char *expect[] = { NULL, "already exists", "Unknown vendor", "par_level", "appears twice",
                           "fields", "sku is empty", "above the par level", "lot_tracked",
                           "unit_cost_cents", NULL };
  guint n = 0;
  g_autoptr (GPtrArray) items = NULL;

  preview = rd_inventory_preview_items_csv (f->store, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < preview->len; i++)
    {
      RdImportRow *row = row_at (preview, i);

      g_assert_cmpuint (row->line, ==, i + 2);
      if (expect[i] == NULL)
        {
          g_assert_null (row->reason);
          g_assert_nonnull (row->item);
        }
      else
        {
          g_assert_nonnull (row->reason);
          if (strstr (row->reason, expect[i]) == NULL)
            g_error ("line %u: “%s” does not say “%s”", row->line, row->reason, expect[i]);
          g_assert_null (row->item);
        }
    }
  g_assert_cmpstr (rd_record_get_text (row_at (preview, 0)->item, "vendor_id"), ==, ge);
  g_assert_true (rd_record_get_bool (row_at (preview, 0)->item, "lot_tracked"));

  /* Nothing is written by the preview; the import writes the two good rows. */
  g_assert_cmpint (rd_store_count (f->store, "supply_item"), ==, 1);
  rd_inventory_import_items (f->store, preview, "tester", &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  items = rd_store_list (f->store, "supply_item", "sku");
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (rd_record_get_text (g_ptr_array_index (items, 0), "name"), ==, "Ear plugs, pair");
}

static void
test_header_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) preview = rd_inventory_preview_items_csv (f->store, "sku,name\nA,B\n", -1, &error);

  g_assert_null (preview);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "category"));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *ge = make_vendor (f, "GE HealthCare");
  g_autofree char *a = make_item (f, "IOH350-100", 240, 80, 120, TRUE, ge);
  g_autofree char *b = make_item (f, "LINEN, \"large\"", 40, 10, 20, FALSE, NULL);
  g_autofree char *csv = rd_inventory_export_items_csv (f->store);
  g_autoptr (GPtrArray) preview = NULL;
  g_autoptr (GError) error = NULL;
  Fixture other = { 0 };
  g_autofree char *ge2 = NULL;

  g_assert_true (g_str_has_prefix (csv, "sku,name,category,unit,par_level,reorder_point,reorder_qty,"
                                        "unit_cost_cents,lot_tracked,vendor,active\r\n"));
  g_assert_nonnull (strstr (csv, "IOH350-100,IOH350-100,contrast media,bottle,240,80,120,2500,yes,GE HealthCare,yes\r\n"));
  g_assert_nonnull (strstr (csv, "\"LINEN, \"\"large\"\"\""));

  /* Into the same department everything is a duplicate. */
  preview = rd_inventory_preview_items_csv (f->store, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 2);
  g_assert_nonnull (row_at (preview, 0)->reason);
  g_assert_nonnull (row_at (preview, 1)->reason);
  g_clear_pointer (&preview, g_ptr_array_unref);

  /* Into an empty one with the vendor, everything imports as it was. */
  fixture_set_up (&other, NULL);
  ge2 = make_vendor (&other, "GE HealthCare");
  preview = rd_inventory_preview_items_csv (other.store, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_null (row_at (preview, 0)->reason);
  g_assert_null (row_at (preview, 1)->reason);
  rd_inventory_import_items (other.store, preview, "tester", NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *again = rd_inventory_export_items_csv (other.store);

    g_assert_cmpstr (again, ==, csv);
  }
  g_clear_pointer (&preview, g_ptr_array_unref);
  fixture_tear_down (&other, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parse", test_parse);
  g_test_add_func ("/csv/parse-errors", test_parse_errors);
  g_test_add_func ("/csv/write", test_write);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inventory-csv/import-refusals", test_import_refusals);
  ADD ("/inventory-csv/header-refused", test_header_refused);
  ADD ("/inventory-csv/round-trip", test_round_trip);
#undef ADD

  return g_test_run ();
}
