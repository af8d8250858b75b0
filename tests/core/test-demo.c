/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-demo.c: the demo department is repeatable, complete enough to show every page, and consistent. */

#include <glib/gstdio.h>
#include <string.h>

#include "rd-codec.h"
#include "rd-demo.h"
#include "rd-store.h"

/* One department of seed 42, made once and shared by the tests that only read it. */
typedef struct
{
  char    *dir;
  RdStore *store;
  char    *checksum;
} Fixture;

static Fixture fixture_data;

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GDateTime *
demo_today (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/London");

  return g_date_time_new (tz, 2026, 11, 28, 10, 30, 0);
}

static RdStore *
make_store (const char *dir,
            const char *name,
            guint32     seed,
            GDateTime  *today)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  gint64 started;

  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  g_assert_true (rd_demo_generate (store, seed, today, &error));
  g_assert_no_error (error);
  g_test_message ("Generated the demo department (seed %u) in %.2f s: %" G_GINT64_FORMAT " bookings",
                  seed, (g_get_monotonic_time () - started) / 1e6, rd_store_count (store, "booking"));

  return g_steal_pointer (&store);
}

/* SHA-256 over every record of every table, ordered by id: the whole content, deterministically.
 * Records are read one at a time rather than listed, to keep the test's memory small. */
static char *
dump_checksum (RdStore *store)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const RdTable *tables;
  guint n_tables;

  tables = rd_tables_get_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\" ORDER BY id", tables[t].name);
      sqlite3_stmt *stmt = NULL;

      g_checksum_update (checksum, (const guchar *) tables[t].name, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (rd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (RdRecord) record = rd_store_get (store, tables[t].name,
                                                      (const char *) sqlite3_column_text (stmt, 0), &error);
          g_autofree char *row = NULL;
          g_autofree char *head = NULL;

          g_assert_no_error (error);
          row = rd_codec_row_to_string (record);
          head = g_strdup_printf ("\n%s %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %s ",
                                  rd_record_get_id (record), rd_record_get_version (record),
                                  rd_record_get_deleted (record), rd_record_get_updated_at (record),
                                  rd_record_get_updated_by (record));
          g_checksum_update (checksum, (const guchar *) head, -1);
          g_checksum_update (checksum, (const guchar *) row, -1);
        }
      sqlite3_finalize (stmt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static gint64
query_int (RdStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (rd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Non-cancelled bookings that overlap another of their modality; returns how many, and checks that
 * each overlap involves a booking marked with conflict_with. */
static guint
count_overlaps (RdStore *store)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev_modality = NULL;
  g_autofree char *prev_conflict = NULL;
  gint64 prev_end = 0;
  guint overlaps = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (rd_store_get_db (store),
                                       "SELECT modality_id, start, \"end\", conflict_with FROM booking "
                                       "WHERE deleted = 0 AND status != 'cancelled' "
                                       "ORDER BY modality_id, start, conflict_with IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *modality = (const char *) sqlite3_column_text (stmt, 0);
      gint64 start = sqlite3_column_int64 (stmt, 1);
      gint64 end = sqlite3_column_int64 (stmt, 2);
      const char *conflict = (const char *) sqlite3_column_text (stmt, 3);

      g_assert_cmpint (end, >, start);
      if (g_strcmp0 (modality, prev_modality) == 0 && start < prev_end)
        {
          g_assert_true (conflict != NULL || prev_conflict != NULL);
          overlaps++;
        }
      if (g_strcmp0 (modality, prev_modality) != 0 || end > prev_end)
        prev_end = end;
      g_free (prev_modality);
      prev_modality = g_strdup (modality);
      g_free (prev_conflict);
      prev_conflict = g_strdup (conflict);
    }
  sqlite3_finalize (stmt);

  return overlaps;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

/* ---------------------------------------------------------------- */
/* Tests                                                             */
/* ---------------------------------------------------------------- */

static void
test_repeatable (void)
{
  Fixture *fixture = &fixture_data;
  g_autoptr (GDateTime) today = demo_today ();
  g_autoptr (RdStore) same = make_store (fixture->dir, "b.db", 42, today);
  g_autoptr (RdStore) other = make_store (fixture->dir, "c.db", 43, today);
  g_autofree char *same_sum = dump_checksum (same);
  g_autofree char *other_sum = dump_checksum (other);

  g_test_message ("seed 42: %s", fixture->checksum);
  g_assert_cmpstr (same_sum, ==, fixture->checksum);
  g_assert_cmpstr (other_sum, !=, fixture->checksum);
  /* Demo records count as synced: nothing waits in the outbox. */
  g_assert_cmpint (rd_store_outbox_count (fixture->store), ==, 0);
}

static void
test_counts (void)
{
  Fixture *fixture = &fixture_data;
  RdStore *store = fixture->store;
  g_autoptr (GPtrArray) modalities = rd_store_list (store, "modality", NULL);
  g_autoptr (GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < modalities->len; i++)
    g_hash_table_add (kinds, (char *) rd_record_get_text (g_ptr_array_index (modalities, i), "kind"));
  g_assert_cmpuint (modalities->len, >=, 10);
  g_assert_cmpuint (g_hash_table_size (kinds), >=, 7);

  g_assert_cmpint (rd_store_count (store, "exam_type"), >=, 30);
  g_assert_cmpint (rd_store_count (store, "exam_consumable"), >=, 30);
  g_assert_cmpint (rd_store_count (store, "staff"), ==, 40);
  g_assert_cmpint (rd_store_count (store, "booking"), >=, 30000);
  g_assert_cmpint (rd_store_count (store, "booking_request"), ==, 12);
  g_assert_cmpint (rd_store_count (store, "vendor"), >=, 15);
  g_assert_cmpint (rd_store_count (store, "supply_item"), >=, 80);
  g_assert_cmpint (rd_store_count (store, "course"), >=, 17);
  g_assert_cmpint (rd_store_count (store, "training_record"), >=, 200);
  g_assert_cmpint (rd_store_count (store, "certification"), >=, 40);
  g_assert_cmpint (rd_store_count (store, "dose_reading"), >=, 4 * 30);
  g_assert_cmpint (rd_store_count (store, "purchase_order"), >=, 20);
  g_assert_cmpint (rd_store_count (store, "po_line"), >=, 20);
  g_assert_cmpint (rd_store_count (store, "contract"), >=, 12);

  /* Jobs as the department has them. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM staff WHERE job = 'technologist'"), ==, 22);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM staff WHERE job = 'radiologist'"), ==, 6);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM staff WHERE active = 0"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM staff WHERE is_trainer = 1"), >=, 3);

  /* Budget lines for this fiscal year and the last. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM budget_line WHERE fiscal_year = 2026"), >=, 5);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM budget_line WHERE fiscal_year = 2025"), >=, 5);
}

static void
test_reminders_have_content (void)
{
  Fixture *fixture = &fixture_data;
  RdStore *store = fixture->store;

  /* Items under their reorder point, and some out of stock. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM (SELECT i.reorder_point AS rp, coalesce(sum(m.quantity), 0) AS oh "
                              "FROM supply_item i LEFT JOIN stock_movement m ON m.item_id = i.id "
                              "GROUP BY i.id) WHERE oh < rp"), >=, 1);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM (SELECT coalesce(sum(m.quantity), 0) AS oh, i.par_level AS par "
                              "FROM supply_item i LEFT JOIN stock_movement m ON m.item_id = i.id "
                              "GROUP BY i.id) WHERE oh = 0 AND par > 0"), >=, 1);
  g_assert_cmpint (query_int (store,
                              "SELECT min(oh) FROM (SELECT sum(quantity) AS oh FROM stock_movement "
                              "GROUP BY item_id, lot)"), >=, 0);
  /* A lot has one expiry date. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM (SELECT count(DISTINCT expiry) AS n FROM stock_movement "
                              "WHERE lot IS NOT NULL GROUP BY item_id, lot) WHERE n != 1"), ==, 0);
  /* A lot on the shelf that expires within 30 days. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM (SELECT max(expiry) AS expiry, sum(quantity) AS left "
                              "FROM stock_movement WHERE lot IS NOT NULL GROUP BY item_id, lot) "
                              "WHERE left > 0 AND expiry >= '2026-11-28' AND expiry <= '2026-12-28'"), >=, 1);
  /* Received purchase orders delivered into stock. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM stock_movement WHERE po_id IS NOT NULL"), >=, 10);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM purchase_order WHERE status IN "
                              "('submitted', 'approved', 'ordered', 'partially_received')"), >=, 3);
  /* Certificates expiring within 60 days. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM certification WHERE expires >= '2026-11-28' "
                              "AND expires <= '2027-01-27'"), >=, 1);
  /* A dose over ALARA level I. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM dose_reading WHERE effective_usv > 1250"), >=, 1);
  /* A contract whose notice deadline falls within 90 days. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM contract WHERE date(\"end\", '-' || notice_days || ' days') "
                              "BETWEEN '2026-11-28' AND '2027-02-26'"), >=, 1);
  /* Planned downtime within 14 days over bookings. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM downtime d JOIN booking b ON b.modality_id = d.modality_id "
                              "AND b.start < d.\"end\" AND b.\"end\" > d.start AND b.status != 'cancelled' "
                              "WHERE d.reason = 'planned_maintenance' AND d.contract_id IS NOT NULL"), >=, 1);
}

static void
test_no_overlaps (void)
{
  Fixture *fixture = &fixture_data;
  g_assert_cmpuint (count_overlaps (fixture->store), ==, 2);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM booking WHERE conflict_with IS NOT NULL"), ==, 2);
  /* Statuses follow the clock: nothing before now is still scheduled, nothing after it done. */
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM booking WHERE \"end\" <= strftime('%s', '2026-11-28 10:30:00') "
                              "AND status IN ('requested', 'scheduled', 'arrived', 'in_progress')"), ==, 0);
  g_assert_cmpint (query_int (fixture->store,
                              "SELECT count(*) FROM booking WHERE start > strftime('%s', '2026-11-28 10:30:00') "
                              "AND status IN ('completed', 'no_show', 'in_progress')"), ==, 0);
}

/* Around the clock change, days still fill from opening to close without overlaps. */
static void
test_clock_change (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("raddesk-demo-XXXXXX", &error);
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/London");
  g_autoptr (GDateTime) today = g_date_time_new (tz, 2027, 3, 28, 7, 15, 0);
  g_autoptr (RdStore) store = NULL;

  g_assert_no_error (error);
  store = make_store (dir, "dst.db", 7, today);
  g_assert_cmpuint (count_overlaps (store), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM booking WHERE \"end\" <= start"), ==, 0);

  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_refuses_full_store (void)
{
  Fixture *fixture = &fixture_data;
  g_autoptr (GDateTime) today = demo_today ();
  g_autoptr (GError) error = NULL;
  gint64 bookings = rd_store_count (fixture->store, "booking");

  g_assert_false (rd_demo_generate (fixture->store, 42, today, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (rd_store_count (fixture->store, "booking"), ==, bookings);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) today = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  today = demo_today ();
  fixture_data.dir = g_dir_make_tmp ("raddesk-demo-XXXXXX", &error);
  g_assert_no_error (error);
  fixture_data.store = make_store (fixture_data.dir, "a.db", 42, today);
  fixture_data.checksum = dump_checksum (fixture_data.store);

  g_test_add_func ("/demo/repeatable", test_repeatable);
  g_test_add_func ("/demo/counts", test_counts);
  g_test_add_func ("/demo/reminders", test_reminders_have_content);
  g_test_add_func ("/demo/no-overlaps", test_no_overlaps);
  g_test_add_func ("/demo/refuses-full-store", test_refuses_full_store);
  g_test_add_func ("/demo/clock-change", test_clock_change);

  status = g_test_run ();

  g_clear_object (&fixture_data.store);
  remove_tree (fixture_data.dir);
  g_free (fixture_data.dir);
  g_free (fixture_data.checksum);
  return status;
}
