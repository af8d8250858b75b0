/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-forecast.c: the supply forecast over the demo department and over 80 items with a year of bookings ahead. */

#include <glib/gstdio.h>

#include "rd-demo.h"
#include "rd-forecast.h"
#include "rd-inventory.h"
#include "rd-store.h"

#define N_RUNS        31
#define N_ITEMS       80
#define N_EXAM_TYPES  20
#define PER_DAY       120

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (RdStore   *store,
           GDateTime *from,
           int        days,
           guint     *n_items,
           guint     *n_suggested)
{
  double times[N_RUNS];

  for (int r = 0; r < N_RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (RdForecast) forecast = rd_forecast_compute (store, from, days);

      times[r] = (g_get_monotonic_time () - t0) / 1000.0;
      *n_items = forecast->items->len;
      *n_suggested = 0;
      for (guint i = 0; i < forecast->items->len; i++)
        *n_suggested += ((RdForecastItem *) g_ptr_array_index (forecast->items, i))->suggested > 0;
    }
  qsort (times, N_RUNS, sizeof (double), compare_doubles);
  return times[N_RUNS / 2];
}

/* 80 items, 20 exam types using 4 items each, 120 bookings a day for the year ahead. */
static void
fill_synthetic (RdStore   *store,
                GDateTime *from)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) exams = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRand) rand = g_rand_new_with_seed (80);
  gint64 start = g_date_time_to_unix (from);

  g_assert (rd_store_begin (store, NULL));
  for (int i = 0; i < N_ITEMS; i++)
    {
      g_autoptr (RdRecord) item = rd_record_new_for_table ("supply_item");
      g_autofree char *sku = g_strdup_printf ("ITEM-%02d", i);
      g_autoptr (RdRecord) m = rd_record_new_for_table ("stock_movement");

      rd_record_set_text (item, "sku", sku);
      rd_record_set_text (item, "name", sku);
      rd_record_set_text (item, "category", "bench");
      rd_record_set_text (item, "unit", "each");
      rd_record_set_int (item, "par_level", 400);
      rd_record_set_int (item, "reorder_point", 100);
      rd_record_set_int (item, "reorder_qty", 50);
      rd_record_set_int (item, "unit_cost", 100);
      rd_record_set_bool (item, "lot_tracked", FALSE);
      rd_record_set_bool (item, "active", TRUE);
      g_assert (rd_store_put (store, item, NULL));
      g_ptr_array_add (items, g_strdup (rd_record_get_id (item)));

      rd_record_set_text (m, "item_id", rd_record_get_id (item));
      rd_record_set_int (m, "quantity", 300);
      rd_record_set_text (m, "kind", "receive");
      rd_record_set_int (m, "at", start);
      g_assert (rd_store_put (store, m, NULL));
    }
  for (int e = 0; e < N_EXAM_TYPES; e++)
    {
      g_autoptr (RdRecord) exam = rd_record_new_for_table ("exam_type");
      g_autofree char *code = g_strdup_printf ("EX%02d", e);

      rd_record_set_text (exam, "code", code);
      rd_record_set_text (exam, "name", code);
      rd_record_set_text (exam, "modality_kind", "CT");
      rd_record_set_int (exam, "duration_min", 20);
      rd_record_set_bool (exam, "needs_contrast", FALSE);
      g_assert (rd_store_put (store, exam, NULL));
      g_ptr_array_add (exams, g_strdup (rd_record_get_id (exam)));
      for (int k = 0; k < 4; k++)
        {
          g_autoptr (RdRecord) c = rd_record_new_for_table ("exam_consumable");

          rd_record_set_text (c, "exam_type_id", rd_record_get_id (exam));
          rd_record_set_text (c, "item_id", g_ptr_array_index (items, (e * 4 + k) % N_ITEMS));
          rd_record_set_int (c, "quantity", 1 + k % 2);
          g_assert (rd_store_put (store, c, NULL));
        }
    }
  for (int d = 0; d < 365; d++)
    for (int b = 0; b < PER_DAY; b++)
      {
        g_autoptr (RdRecord) booking = rd_record_new_for_table ("booking");
        gint64 t = start + d * 86400 + 7 * 3600 + b * 420;

        rd_record_set_text (booking, "modality_id", "bench-modality");
        rd_record_set_text (booking, "exam_type_id", g_ptr_array_index (exams, g_rand_int_range (rand, 0, N_EXAM_TYPES)));
        rd_record_set_int (booking, "start", t);
        rd_record_set_int (booking, "end", t + 1200);
        rd_record_set_text (booking, "patient_name", "Bench Patient");
        rd_record_set_text (booking, "patient_mrn", "MRN0000001");
        rd_record_set_text (booking, "priority", "routine");
        rd_record_set_text (booking, "status", b % 17 == 0 ? "cancelled" : "scheduled");
        g_assert (rd_store_put (store, booking, NULL));
      }
  g_assert (rd_store_commit (store, NULL));
}

static void
report (const char *what,
        RdStore    *store,
        GDateTime  *from,
        int         days)
{
  guint n_items = 0, n_suggested = 0;
  double ms = median_ms (store, from, days, &n_items, &n_suggested);

  g_print ("%-44s %3d days: median %7.2f ms over %d runs (%u items, %u to order)\n",
           what, days, ms, N_RUNS, n_items, n_suggested);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("raddesk-bench-forecast-XXXXXX", NULL);
  g_autofree char *demo_path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *synthetic_path = g_build_filename (dir, "synthetic.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr (GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (today), g_date_time_get_month (today),
                                                    g_date_time_get_day_of_month (today), 0, 0, 0);
  RdStore *demo, *synthetic;

  demo = rd_store_open (demo_path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  rd_demo_generate (demo, 2026, today, &error);
  g_assert_no_error (error);
  g_print ("demo department: %" G_GINT64_FORMAT " items, %" G_GINT64_FORMAT " bookings, %" G_GINT64_FORMAT
           " movements\n", rd_store_count (demo, "supply_item"), rd_store_count (demo, "booking"),
           rd_store_count (demo, "stock_movement"));
  report ("demo department", demo, today, 14);
  report ("demo department", demo, today, 365);

  synthetic = rd_store_open (synthetic_path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  fill_synthetic (synthetic, midnight);
  g_print ("synthetic: %" G_GINT64_FORMAT " items, %" G_GINT64_FORMAT " bookings in the year ahead\n",
           rd_store_count (synthetic, "supply_item"), rd_store_count (synthetic, "booking"));
  report ("80 items, a year of bookings ahead", synthetic, midnight, 14);
  report ("80 items, a year of bookings ahead", synthetic, midnight, 365);

  g_object_unref (demo);
  g_object_unref (synthetic);
  g_unlink (demo_path);
  g_unlink (synthetic_path);
  g_rmdir (dir);
  return 0;
}
