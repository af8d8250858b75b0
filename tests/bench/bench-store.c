/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store.c: the store against raw SQLite — inserting bookings and querying a week. */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "rd-store.h"

#define N_INSERT 100000
#define N_MODALITIES 12
#define YEAR_START 1767225600 /* 2026-01-01T00:00:00Z */
#define ROUNDS 3

/* What one insert run took: wall-clock seconds, and the CPU seconds (user + system) within them. */
typedef struct
{
  double wall;
  double cpu;
} Timing;

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static Timing
timing_since (gint64 wall_start,
              double cpu_start)
{
  Timing t = { (g_get_monotonic_time () - wall_start) / 1e6, cpu_seconds () - cpu_start };
  return t;
}

static char *modalities[N_MODALITIES];
static char *exam_type;

static RdRecord *
make_booking (guint i)
{
  RdRecord *b = rd_record_new_for_table ("booking");
  /* Spread over a year, as a department's bookings are. */
  gint64 start = YEAR_START + (gint64) (i / N_MODALITIES) * (365 * 86400 / (N_INSERT / N_MODALITIES));

  rd_record_set_text (b, "modality_id", modalities[i % N_MODALITIES]);
  rd_record_set_text (b, "exam_type_id", exam_type);
  rd_record_set_int (b, "start", start);
  rd_record_set_int (b, "end", start + 1200);
  rd_record_set_text (b, "patient_name", "Bench Patient");
  rd_record_set_text (b, "patient_mrn", "MRN0000001");
  rd_record_set_text (b, "priority", "routine");
  rd_record_set_text (b, "status", "scheduled");
  rd_record_set_text (b, "referring_clinician", "Dr Bench");
  return b;
}

static Timing
insert_through_store (const char *path,
                      gboolean    as_edits)
{
  g_autoptr (RdStore) store = rd_store_open (path, RD_STORE_WORKSTATION, NULL);
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 t0;
  double c0;

  for (guint i = 0; i < N_INSERT; i++)
    g_ptr_array_add (records, make_booking (i));

  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  rd_store_begin (store, NULL);
  for (guint i = 0; i < N_INSERT; i++)
    {
      gboolean ok = as_edits ? rd_store_save (store, g_ptr_array_index (records, i), "bench", NULL)
                             : rd_store_put (store, g_ptr_array_index (records, i), NULL);
      g_assert_true (ok);
    }
  rd_store_commit (store, NULL);
  return timing_since (t0, c0);
}

/* The same rows through a hand-written prepared statement on the same schema. */
static Timing
insert_raw (const char *path)
{
  g_autoptr (RdStore) store = rd_store_open (path, RD_STORE_WORKSTATION, NULL);
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db = rd_store_get_db (store);
  sqlite3_stmt *stmt;
  gint64 t0;
  double c0;

  for (guint i = 0; i < N_INSERT; i++)
    g_ptr_array_add (records, make_booking (i));

  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  sqlite3_prepare_v2 (db,
                      "INSERT INTO booking (id, version, deleted, updated_at, updated_by, modality_id, "
                      "exam_type_id, start, \"end\", patient_name, patient_mrn, priority, status, "
                      "referring_clinician) VALUES (?,0,0,?,?,?,?,?,?,?,?,?,?,?)",
                      -1, &stmt, NULL);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < N_INSERT; i++)
    {
      RdRecord *b = g_ptr_array_index (records, i);

      sqlite3_bind_text (stmt, 1, rd_record_get_id (b), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (stmt, 3, "bench", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, rd_record_get_text (b, "modality_id"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, rd_record_get_text (b, "exam_type_id"), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, rd_record_get_int (b, "start"));
      sqlite3_bind_int64 (stmt, 7, rd_record_get_int (b, "end"));
      sqlite3_bind_text (stmt, 8, rd_record_get_text (b, "patient_name"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, rd_record_get_text (b, "patient_mrn"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, rd_record_get_text (b, "priority"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, rd_record_get_text (b, "status"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, rd_record_get_text (b, "referring_clinician"), -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize (stmt);
  return timing_since (t0, c0);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

/* One week of every modality from a year of bookings: the store's range query against the raw
 * indexed query that reads the same columns. */
static void
bench_week_query (const char *path)
{
  g_autoptr (RdStore) store = rd_store_open (path, RD_STORE_WORKSTATION, NULL);
  g_autoptr (GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = rd_store_get_db (store);
  sqlite3_stmt *stmt;
  guint n_rows = 0;

  sqlite3_prepare_v2 (db,
                      "SELECT id, version, deleted, updated_at, updated_by, modality_id, exam_type_id, "
                      "start, \"end\", patient_name, patient_mrn, priority, status, referring_clinician, "
                      "radiologist_id, technologist_id, notes, accession_number, override_reason, "
                      "cancel_reason, conflict_with FROM booking "
                      "WHERE deleted = 0 AND start < ?2 AND \"end\" > ?1 AND start >= ?3 ORDER BY start",
                      -1, &stmt, NULL);

  for (int round = 0; round < 40; round++)
    {
      gint64 from = YEAR_START + (gint64) (round % 40 + 5) * 7 * 86400;
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (GPtrArray) week = rd_store_list_range (store, "booking", from, from + 7 * 86400, NULL);
      double ms = (g_get_monotonic_time () - t0) / 1e3;
      guint raw_rows = 0;

      g_array_append_val (store_ms, ms);

      t0 = g_get_monotonic_time ();
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, from + 7 * 86400);
      sqlite3_bind_int64 (stmt, 3, from - 86400);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          /* Read every column, as the store does, so that both do the same work. */
          for (int c = 0; c < 21; c++)
            (void) sqlite3_column_text (stmt, c);
          raw_rows++;
        }
      sqlite3_reset (stmt);
      ms = (g_get_monotonic_time () - t0) / 1e3;
      g_array_append_val (raw_ms, ms);

      g_assert_cmpuint (week->len, ==, raw_rows);
      n_rows = raw_rows;
    }
  sqlite3_finalize (stmt);

  {
    double s = median (store_ms), r = median (raw_ms);
    g_print ("week query (%u bookings of %d): store median %.2f ms, raw median %.2f ms, ratio %.2f\n",
             n_rows, N_INSERT, s, r, s / r);
  }
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

static Timing
median_timing (Timing *rounds)
{
  g_autoptr (GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  Timing t;

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_array_append_val (wall, rounds[i].wall);
      g_array_append_val (cpu, rounds[i].cpu);
    }
  t.wall = median (wall);
  t.cpu = median (cpu);
  return t;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("raddesk-bench-XXXXXX", NULL);
  g_autofree char *edits_db = g_build_filename (dir, "store.db", NULL);
  g_autofree char *raw_db = g_build_filename (dir, "raw.db", NULL);
  g_autofree char *put_db = g_build_filename (dir, "put.db", NULL);
  Timing raw_rounds[ROUNDS], edit_rounds[ROUNDS], put_rounds[ROUNDS];
  Timing raw, edits, put;

  for (guint i = 0; i < N_MODALITIES; i++)
    modalities[i] = g_uuid_string_random ();
  exam_type = g_uuid_string_random ();

  /* Interleaved rounds into fresh files, so that all three see the same machine; medians. */
  for (guint r = 0; r < ROUNDS; r++)
    {
      remove_database (raw_db);
      remove_database (edits_db);
      remove_database (put_db);
      raw_rounds[r] = insert_raw (raw_db);
      edit_rounds[r] = insert_through_store (edits_db, TRUE);
      put_rounds[r] = insert_through_store (put_db, FALSE);
    }
  raw = median_timing (raw_rounds);
  edits = median_timing (edit_rounds);
  put = median_timing (put_rounds);

  g_print ("insert %d bookings (median of %d): raw %.3f s (%.0f/s); store edits with outbox %.3f s (%.0f/s), "
           "ratio %.2f; store put (pull/import path) %.3f s, ratio %.2f\n",
           N_INSERT, ROUNDS, raw.wall, N_INSERT / raw.wall, edits.wall, N_INSERT / edits.wall,
           edits.wall / raw.wall, put.wall, put.wall / raw.wall);
  g_print ("  CPU time (user + system): raw %.3f s, store edits %.3f s (ratio %.2f), store put %.3f s (ratio %.2f)\n",
           raw.cpu, edits.cpu, edits.cpu / raw.cpu, put.cpu, put.cpu / raw.cpu);

  bench_week_query (put_db);

  remove_database (raw_db);
  remove_database (edits_db);
  remove_database (put_db);
  g_rmdir (dir);
  return 0;
}
