/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-schedule.c: frame time of the schedule grids with over 2,000 bookings, and opening the Schedule page on a year of demo data. */

#define _GNU_SOURCE /* RUSAGE_THREAD */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "rd-demo.h"
#include "rd-format.h"
#include "rd-schedule.h"
#include "rd-schedule-grid.h"
#include "rd-schedule-page.h"

#define FRAMES 40

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* One frame as GTK makes it after the data changed: measure, allocate every block, snapshot the
 * grid and every block (render nodes invalidated), and build the render node. */
static double
frame_ms (GtkWidget *grid,
          int        width)
{
  GtkWidget *parent = gtk_widget_get_parent (grid);
  gint64 t0 = g_get_monotonic_time ();
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int min_h, nat_h, min_w, nat_w;

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_queue_draw (child);
  gtk_widget_queue_allocate (grid);

  gtk_widget_measure (grid, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (grid, GTK_ORIENTATION_VERTICAL, MAX (width, min_w), &min_h, &nat_h, NULL, NULL);
  gtk_widget_allocate (grid, MAX (width, min_w), nat_h, -1, NULL);

  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (parent, grid, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_clear_pointer (&node, gsk_render_node_unref);

  return (g_get_monotonic_time () - t0) / 1000.0;
}

static RdRecord *
fake_booking (const char *modality_id,
              gint64      start,
              int         minutes,
              int         i)
{
  static const char *statuses[] = { "scheduled", "arrived", "in_progress", "completed", "requested", "no_show" };
  static const char *priorities[] = { "routine", "routine", "routine", "urgent", "stat" };
  RdRecord *b = rd_record_new_for_table ("booking");
  g_autofree char *name = g_strdup_printf ("Patient %d", i);

  rd_record_set_text (b, "modality_id", modality_id);
  rd_record_set_int (b, "start", start);
  rd_record_set_int (b, "end", start + minutes * 60);
  rd_record_set_text (b, "patient_name", name);
  rd_record_set_text (b, "patient_mrn", name);
  rd_record_set_text (b, "status", statuses[i % G_N_ELEMENTS (statuses)]);
  rd_record_set_text (b, "priority", priorities[i % G_N_ELEMENTS (priorities)]);
  if (i % 97 == 0)
    rd_record_set_text (b, "conflict_with", "x");
  return b;
}

/* A grid of @columns columns, each filled back to back with @minutes-long bookings for 24 hours. */
static void
bench_grid (const char *what,
            guint       columns,
            int         minutes,
            gboolean    week)
{
  GTimeZone *tz = rd_format_get_time_zone ();
  g_autoptr (GDateTime) day = g_date_time_new (tz, 2026, 3, 2, 0, 0, 0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *grid = rd_schedule_grid_new ();
  double times[FRAMES];
  guint n = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_window_set_child (GTK_WINDOW (window), scroller);

  rd_schedule_grid_clear (RD_SCHEDULE_GRID (grid), tz, 0, 24 * 60);
  for (guint c = 0; c < columns; c++)
    {
      g_autoptr (GDateTime) col_day = g_date_time_add_days (day, week ? c : 0);
      g_autofree char *title = g_strdup_printf ("Column %u", c);
      g_autofree char *id = g_strdup_printf ("m%u", week ? 0 : c);

      rd_schedule_grid_add_column (RD_SCHEDULE_GRID (grid), title, id, "CT 1", col_day, 7 * 60, 21 * 60);
      for (int m = 0; m + minutes <= 24 * 60; m += minutes)
        {
          g_autoptr (RdRecord) b = fake_booking (id, g_date_time_to_unix (col_day) + m * 60, minutes, n++);
          rd_schedule_grid_add_booking (RD_SCHEDULE_GRID (grid), c, b, "CT head without contrast");
        }
    }

  gtk_window_present (GTK_WINDOW (window));
  drain ();
  frame_ms (grid, 1200); /* warm up: styles and fonts */
  for (guint i = 0; i < FRAMES; i++)
    times[i] = frame_ms (grid, 1200);

  {
    double mid = median (times, FRAMES); /* sorts times */

    g_print ("%s: %u bookings in %u columns, median frame (measure + allocate + snapshot) %.2f ms, worst %.2f ms over %d frames\n",
             what, n, columns, mid, times[FRAMES - 1], FRAMES);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* CPU time of this thread: on a loaded machine it varies far less than the wall clock. */
static double
thread_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static void
bench_open_page (RdStore *store)
{
  double times[9], cpu[9];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      GtkWidget *window = gtk_window_new ();
      gint64 t0 = g_get_monotonic_time ();
      double c0 = thread_cpu_ms ();
      RdSchedulePage *page = rd_schedule_page_new (store);

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
      gtk_window_present (GTK_WINDOW (window));
      drain ();
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[i] = thread_cpu_ms () - c0;
      gtk_window_destroy (GTK_WINDOW (window));
      drain ();
    }
  g_print ("Opening the Schedule page (today, all modalities) on a year of demo data: median %.1f ms (CPU %.1f ms) over %u "
           "openings (construct, query, lay out, first frame)\n", median (times, G_N_ELEMENTS (times)),
           median (cpu, G_N_ELEMENTS (cpu)), (guint) G_N_ELEMENTS (times));
}

static void
bench_slots (RdStore *store)
{
  g_autoptr (GPtrArray) exams = rd_store_list_by (store, "exam_type", "modality_kind", "MR", "name");
  double times[20];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (GPtrArray) slots = rd_schedule_find_slots (store, rd_record_get_id (g_ptr_array_index (exams, 0)),
                                                            g_get_real_time () / G_USEC_PER_SEC, 5,
                                                            rd_format_get_time_zone ());
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  {
    gint64 t = g_get_monotonic_time ();
    g_autoptr (GPtrArray) conflicts = rd_schedule_list_conflicts (store, g_get_real_time () / G_USEC_PER_SEC - 30 * 24 * 3600);
    gint64 t2 = g_get_monotonic_time ();
    g_autoptr (GPtrArray) waitlist = rd_schedule_list_waitlist (store);
    gint64 t3 = g_get_monotonic_time ();
    g_autoptr (GPtrArray) day = rd_store_list_range (store, "booking", g_get_real_time () / G_USEC_PER_SEC - 12 * 3600,
                                                     g_get_real_time () / G_USEC_PER_SEC + 12 * 3600, NULL);
    gint64 t4 = g_get_monotonic_time ();

    g_print ("Conflict list %.2f ms (%u), waitlist %.2f ms (%u), one day's bookings %.2f ms (%u)\n",
             (t2 - t) / 1000.0, conflicts->len, (t3 - t2) / 1000.0, waitlist->len, (t4 - t3) / 1000.0, day->len);
  }
  g_print ("Find the next 5 free MR slots from now on the demo year: median %.2f ms\n", median (times, G_N_ELEMENTS (times)));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GDateTime) today = NULL;
  gint64 t0;

  if (!gtk_init_check ())
    {
      g_print ("bench-schedule needs a display (run it under xvfb-run); skipped\n");
      return 77;
    }
  adw_init ();
  rd_format_set_time_zone ("Europe/London");

  bench_grid ("Day view, all modalities", 12, 5, FALSE);
  bench_grid ("Week view, one modality", 7, 5, TRUE);

  dir = g_dir_make_tmp ("raddesk-bench-schedule-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.db", NULL);
  store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  today = rd_format_today ();
  t0 = g_get_monotonic_time ();
  if (!rd_demo_generate (store, 2026, today, &error))
    g_error ("%s", error->message);
  g_print ("Demo department generated in %.0f ms: %" G_GINT64_FORMAT " bookings\n",
           (g_get_monotonic_time () - t0) / 1000.0, rd_store_count (store, "booking"));

  bench_open_page (store);
  bench_slots (store);

  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
