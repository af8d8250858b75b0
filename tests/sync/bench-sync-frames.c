/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sync-frames.c: the window's frame times while a workstation pulls a year of demo data in the background. */

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "rd-demo.h"
#include "rd-test-server.h"

static GArray *intervals;
static gint64 last_frame;
static gboolean syncing = TRUE;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (syncing && last_frame != 0)
    {
      double ms = (now - last_frame) / 1e3;
      g_array_append_val (intervals, ms);
    }
  last_frame = now;
}

static void
on_map (GtkWidget *window,
        gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_sync_client_sync_finish (RD_SYNC_CLIENT (source), result, &error));
  syncing = FALSE;
}

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
  g_autofree char *dir = NULL;
  g_autofree char *token = NULL;
  g_autofree char *template_db = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  RdTestServer *server;
  RdTestWorkstation *ws;
  GtkWidget *window, *spinner;
  guint over = 0;
  double worst;

  if (!gtk_init_check ())
    {
      g_print ("frame benchmark skipped: no display\n");
      return 77;
    }

  dir = g_dir_make_tmp ("raddesk-bench-frames-XXXXXX", NULL);
  template_db = rd_test_server_template (dir, &token);
  {
    g_autoptr (RdStore) store = rd_store_open (template_db, RD_STORE_SERVER, NULL);
    g_assert_true (rd_demo_generate (store, 2026, today, NULL));
  }
  server = rd_test_server_new (template_db);
  server->token = g_strdup (token);
  ws = rd_test_workstation_new (server, "ws");

  /* A spinner asks for a frame on every tick, as an animation or scrolling would. */
  intervals = g_array_new (FALSE, FALSE, sizeof (double));
  window = gtk_window_new ();
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_window_set_child (GTK_WINDOW (window), spinner);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));

  rd_sync_client_sync_async (ws->client, NULL, on_synced, NULL);
  while (syncing)
    g_main_context_iteration (NULL, TRUE);

  g_array_sort (intervals, compare);
  worst = intervals->len > 0 ? g_array_index (intervals, double, intervals->len - 1) : 0;
  for (guint i = 0; i < intervals->len; i++)
    if (g_array_index (intervals, double, i) > 50)
      over++;
  g_print ("frames while pulling a year of demo data: %u frames, median %.1f ms, worst %.1f ms, %u over 50 ms\n",
           intervals->len, intervals->len ? g_array_index (intervals, double, intervals->len / 2) : 0, worst, over);

  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_workstation_free (ws);
  rd_test_server_free (server);
  g_remove (template_db);
  g_rmdir (dir);
  return 0;
}
