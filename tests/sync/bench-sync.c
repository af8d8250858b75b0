/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sync.c: a workstation's first sync of a year of demo data, and incremental syncs of 10 changes, on loopback. */

#include <glib/gstdio.h>

#include "rd-demo.h"
#include "rd-test-server.h"

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("raddesk-bench-sync-XXXXXX", NULL);
  g_autofree char *token = NULL;
  g_autofree char *template_db = rd_test_server_template (dir, &token);
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) vendors = NULL;
  RdTestServer *server;
  RdTestWorkstation *ws;
  gint64 t0, records = 0;
  const RdTable *tables;
  guint n_tables;

  /* The department's server holds a year of the demo department. */
  {
    g_autoptr (RdStore) store = rd_store_open (template_db, RD_STORE_SERVER, &error);
    g_assert_no_error (error);
    g_assert_true (rd_demo_generate (store, 2026, today, &error));
  }
  server = rd_test_server_new (template_db);
  server->token = g_strdup (token);

  ws = rd_test_workstation_new (server, "ws");
  t0 = g_get_monotonic_time ();
  g_assert_true (rd_test_workstation_sync (ws, &error));
  {
    double s = (g_get_monotonic_time () - t0) / 1e6;

    tables = rd_tables_get_all (&n_tables);
    for (guint t = 0; t < n_tables; t++)
      records += rd_store_count (ws->store, tables[t].name);
    g_print ("first sync of a year of demo data: %" G_GINT64_FORMAT " records in %.2f s (%.0f records/s)\n",
             records, s, records / s);
  }

  /* Ten local edits, then one sync round (health, push, pull), thirty times. */
  vendors = rd_store_list (ws->store, "vendor", NULL);
  for (guint round = 0; round < 30; round++)
    {
      double ms;

      for (guint i = 0; i < 10; i++)
        {
          g_autoptr (RdRecord) v = rd_record_copy (g_ptr_array_index (vendors, i % vendors->len));
          g_autofree char *notes = g_strdup_printf ("round %u edit %u", round, i);

          rd_record_set_text (v, "notes", notes);
          g_assert_true (rd_store_save (ws->store, v, "admin", NULL));
          g_clear_object (&g_ptr_array_index (vendors, i % vendors->len));
          g_ptr_array_index (vendors, i % vendors->len) = rd_store_get (ws->store, "vendor", rd_record_get_id (v), NULL);
        }

      t0 = g_get_monotonic_time ();
      g_assert_true (rd_test_workstation_sync (ws, &error));
      ms = (g_get_monotonic_time () - t0) / 1e3;
      g_array_append_val (samples, ms);
    }
  g_array_sort (samples, compare);
  g_print ("incremental sync of 10 changes: p50 %.1f ms, p90 %.1f ms, max %.1f ms (30 rounds)\n",
           g_array_index (samples, double, 15), g_array_index (samples, double, 27),
           g_array_index (samples, double, 29));

  rd_test_workstation_free (ws);
  rd_test_server_free (server);
  g_remove (template_db);
  g_rmdir (dir);
  return 0;
}
