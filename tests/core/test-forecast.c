/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-forecast.c: expected use, run-out dates counting open orders, suggestions, draft orders. */

#include "test-inventory-common.h"

/* 2025-03-03 is a Monday; TZ is Europe/London (GMT in March before the 30th). */
static GDateTime *
monday (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();

  return g_date_time_new (tz, 2025, 3, 3, 9, 30, 0);
}

static gint64
at (int day,
    int hour)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr (GDateTime) t = g_date_time_new (tz, 2025, 3, 3 + day, hour, 0, 0);

  return g_date_time_to_unix (t);
}

static char *
make_order (Fixture    *f,
            const char *vendor,
            const char *item,
            gint64      quantity,
            gint64      received,
            const char *status,
            const char *ordered_on)
{
  g_autoptr (RdRecord) po = rd_record_new_for_table ("purchase_order");
  g_autoptr (RdRecord) line = rd_record_new_for_table ("po_line");
  char *id;

  /* Written as they stand, as if pulled from the server. */
  rd_record_set_text (po, "number", "PO-TEST");
  rd_record_set_text (po, "vendor_id", vendor);
  rd_record_set_text (po, "status", status);
  if (ordered_on)
    rd_record_set_text (po, "ordered_on", ordered_on);
  id = save (f, po);
  rd_record_set_text (line, "po_id", id);
  rd_record_set_text (line, "item_id", item);
  rd_record_set_int (line, "quantity", quantity);
  rd_record_set_int (line, "unit_cost", 100);
  rd_record_set_int (line, "received_qty", received);
  g_free (save (f, line));
  return id;
}

static void
test_use_and_run_out (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *item = make_item (f, "IOH350-100", 20, 8, 10, FALSE, NULL);
  g_autofree char *exam = make_exam_type (f, "CTAPC", item, 2);
  g_autoptr (GDateTime) from = monday ();
  g_autoptr (RdForecast) fc = NULL;
  RdForecastItem *fi;
  const char *statuses[] = { "scheduled", "requested", "arrived", "in_progress",
                             "cancelled", "no_show", "completed" };

  receive (f, item, 9, NULL, NULL);
  /* Two exams a day on days 0–3 (4 bottles a day), plus ones that use nothing. */
  for (int d = 0; d < 4; d++)
    {
      g_autoptr (RdRecord) a = make_booking (f, exam, at (d, 10), statuses[d]);
      g_autoptr (RdRecord) b = make_booking (f, exam, at (d, 14), "scheduled");
    }
  for (guint i = 4; i < G_N_ELEMENTS (statuses); i++)
    g_object_unref (make_booking (f, exam, at (1, 16), statuses[i]));
  /* Outside the horizon: before it and after it. */
  g_object_unref (make_booking (f, exam, at (-1, 10), "scheduled"));
  g_object_unref (make_booking (f, exam, at (7, 10), "scheduled"));

  fc = rd_forecast_compute (f->store, from, 7);
  g_assert_cmpstr (fc->from, ==, "2025-03-03");
  fi = rd_forecast_lookup (fc, item);
  g_assert_nonnull (fi);
  g_assert_cmpint (fi->on_hand, ==, 9);
  g_assert_cmpint (fi->expected_use, ==, 16);
  g_assert_cmpint (fi->on_order, ==, 0);
  g_assert_cmpint (fi->projected, ==, -7);
  /* 9 − 4 = 5 on Monday, 1 on Tuesday, −3 on Wednesday. */
  g_assert_cmpstr (fi->run_out, ==, "2025-03-05");
  /* Up to par (20) from −7: 27 → two steps of 10, not three. */
  g_assert_cmpint (fi->suggested, ==, 20);
}

static void
test_open_orders (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *vendor = make_vendor (f, "GE HealthCare");
  g_autofree char *item = make_item (f, "IOH350-100", 100, 30, 40, FALSE, vendor);
  g_autofree char *exam = make_exam_type (f, "CTAPC", item, 1);
  g_autoptr (GDateTime) from = monday ();
  g_autoptr (RdForecast) fc = NULL;
  g_autoptr (RdForecast) fc2 = NULL;
  RdForecastItem *fi;

  receive (f, item, 10, NULL, NULL);
  for (int d = 0; d < 14; d++)
    g_object_unref (make_booking (f, exam, at (d, 11), "scheduled"));

  /* Ordered 2025-03-01: expected 2025-03-08 (day 5): 30 still to come of 50. */
  g_free (make_order (f, vendor, item, 50, 20, "partially_received", "2025-03-01"));
  /* Drafts, submitted and cancelled orders are not coming. */
  g_free (make_order (f, vendor, item, 500, 0, "draft", NULL));
  g_free (make_order (f, vendor, item, 500, 0, "submitted", NULL));
  g_free (make_order (f, vendor, item, 500, 0, "cancelled", "2025-02-01"));

  fc = rd_forecast_compute (f->store, from, 14);
  fi = rd_forecast_lookup (fc, item);
  g_assert_cmpint (fi->expected_use, ==, 14);
  g_assert_cmpint (fi->on_order, ==, 30);
  g_assert_cmpint (fi->projected, ==, 26);
  /* It lasts: 10 − 5 = 5 before the delivery, then +30. */
  g_assert_null (fi->run_out);
  /* 26 < 30: order up to 100 in steps of 40 → 74 / 40 = 1 step. */
  g_assert_cmpint (fi->suggested, ==, 40);

  /* An approved order not yet placed comes 7 days from the first day; a late one today. */
  g_free (make_order (f, vendor, item, 80, 0, "approved", NULL));
  fc2 = rd_forecast_compute (f->store, from, 14);
  fi = rd_forecast_lookup (fc2, item);
  g_assert_cmpint (fi->on_order, ==, 110);
  g_assert_null (fi->run_out);
  g_assert_cmpint (fi->suggested, ==, 0);
}

static void
test_late_order_counted_today (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *vendor = make_vendor (f, "Bayer");
  g_autofree char *item = make_item (f, "GADO-7.5", 10, 2, 5, FALSE, vendor);
  g_autofree char *exam = make_exam_type (f, "MRBRC", item, 1);
  g_autoptr (GDateTime) from = monday ();
  g_autoptr (RdForecast) before = NULL;
  g_autoptr (RdForecast) after = NULL;

  g_object_unref (make_booking (f, exam, at (0, 11), "scheduled"));
  g_object_unref (make_booking (f, exam, at (1, 11), "scheduled"));

  before = rd_forecast_compute (f->store, from, 14);
  g_assert_cmpstr (rd_forecast_lookup (before, item)->run_out, ==, "2025-03-03");

  /* Ordered a month ago: overdue, counted as arriving on the first day. */
  g_free (make_order (f, vendor, item, 5, 0, "ordered", "2025-02-01"));
  after = rd_forecast_compute (f->store, from, 14);
  g_assert_null (rd_forecast_lookup (after, item)->run_out);
  g_assert_cmpint (rd_forecast_lookup (after, item)->projected, ==, 3);
}

static void
test_draft_orders (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *ge = make_vendor (f, "GE HealthCare");
  g_autofree char *bayer = make_vendor (f, "Bayer");
  g_autofree char *a = make_item (f, "IOH350-100", 240, 80, 120, TRUE, ge);
  g_autofree char *b = make_item (f, "IOH300-50", 20, 8, 10, TRUE, ge);
  g_autofree char *c = make_item (f, "GADO-7.5", 80, 30, 40, TRUE, bayer);
  g_autofree char *d = make_item (f, "NOVENDOR", 80, 30, 40, FALSE, NULL);
  g_autofree char *e = make_item (f, "ENOUGH", 80, 30, 40, FALSE, bayer);
  g_autoptr (GDateTime) from = monday ();
  g_autoptr (RdForecast) fc = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GError) error = NULL;

  receive (f, e, 50, NULL, NULL);
  fc = rd_forecast_compute (f->store, from, 14);
  g_assert_cmpint (rd_forecast_lookup (fc, a)->suggested, ==, 240);
  g_assert_cmpint (rd_forecast_lookup (fc, b)->suggested, ==, 20);
  g_assert_cmpint (rd_forecast_lookup (fc, c)->suggested, ==, 80);
  g_assert_cmpint (rd_forecast_lookup (fc, d)->suggested, ==, 80);
  g_assert_cmpint (rd_forecast_lookup (fc, e)->suggested, ==, 0);

  rd_forecast_create_draft_orders (f->store, fc, NULL, NULL, "tester", &ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  all = rd_store_list (f->store, "po_line", NULL);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (RdRecord) po = rd_store_get (f->store, "purchase_order", g_ptr_array_index (ids, i), NULL);
      g_autoptr (GPtrArray) lines = rd_store_list_by (f->store, "po_line", "po_id",
                                                       rd_record_get_id (po), NULL);

      g_assert_cmpstr (rd_record_get_text (po, "status"), ==, "draft");
      if (g_str_equal (rd_record_get_text (po, "vendor_id"), ge))
        g_assert_cmpuint (lines->len, ==, 2);
      else
        g_assert_cmpuint (lines->len, ==, 1);
      g_assert_cmpint (rd_record_get_int (g_ptr_array_index (lines, 0), "unit_cost"), ==, 2500);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/forecast/use-and-run-out", test_use_and_run_out);
  ADD ("/forecast/open-orders", test_open_orders);
  ADD ("/forecast/late-order", test_late_order_counted_today);
  ADD ("/forecast/draft-orders", test_draft_orders);
#undef ADD

  return g_test_run ();
}
