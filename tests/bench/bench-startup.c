/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup.c: time from process start to the first frame, RadDesk on the demo department against a bare GTK window. */

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rd-demo.h"
#include "rd-store.h"

#define ROUNDS 7

/* Wall time from spawning @argv to its "first-frame" line, in milliseconds. */
static double
time_first_frame (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double ms;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      if (g_str_equal (line, "first-frame"))
        break;
      g_clear_pointer (&line, g_free);
    }
  ms = (g_get_monotonic_time () - t0) / 1e3;
  g_assert_nonnull (line);
  g_subprocess_wait (process, NULL, NULL);

  return ms;
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
  g_autofree char *dir = g_dir_make_tmp ("raddesk-startup-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  g_autoptr (RdStore) store = NULL;
  const char *raddesk = g_getenv ("RADDESK_APP");
  const char *bare = g_getenv ("RADDESK_BARE_WINDOW");
  double app_ms[ROUNDS], bare_ms[ROUNDS], adw_ms[ROUNDS];

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("start-up benchmark skipped: no display\n");
      return 77;
    }

  store = rd_store_open (db, RD_STORE_WORKSTATION, NULL);
  g_assert_true (rd_demo_generate (store, 2026, today, NULL));
  g_clear_object (&store);

  g_setenv ("RADDESK_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  for (guint i = 0; i < ROUNDS; i++)
    {
      const char *const app_argv[] = { raddesk, "--database", db, NULL };
      const char *const bare_argv[] = { bare, NULL };
      const char *const adw_argv[] = { bare, "--adw", NULL };

      /* Interleaved, so that all see the same machine. */
      bare_ms[i] = time_first_frame (bare_argv);
      adw_ms[i] = time_first_frame (adw_argv);
      app_ms[i] = time_first_frame (app_argv);
    }

  qsort (app_ms, ROUNDS, sizeof (double), (GCompareFunc) compare);
  qsort (bare_ms, ROUNDS, sizeof (double), (GCompareFunc) compare);
  qsort (adw_ms, ROUNDS, sizeof (double), (GCompareFunc) compare);
  g_print ("start-up to first frame (median of %d): RadDesk on the demo department %.0f ms, bare GTK window %.0f ms "
           "(ratio %.2f), bare libadwaita window %.0f ms (ratio %.2f)\n",
           ROUNDS, app_ms[ROUNDS / 2], bare_ms[ROUNDS / 2], app_ms[ROUNDS / 2] / bare_ms[ROUNDS / 2],
           adw_ms[ROUNDS / 2], app_ms[ROUNDS / 2] / adw_ms[ROUNDS / 2]);

  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_remove (db);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (dir);
  }
  return 0;
}
