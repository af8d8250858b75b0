/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-schedule.c: the Schedule page in the real window — book through the dialog, see the block, move it, see a clash refused. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <string.h>

#include "rd-booking-block.h"
#include "rd-booking-dialog.h"
#include "rd-demo.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-schedule.h"
#include "rd-schedule-grid.h"
#include "rd-schedule-page.h"
#include "rd-window.h"

typedef struct
{
  char           *dir;
  RdStore        *store;
  RdWindow       *window;
  RdSchedulePage *page;
} Fixture;

static void
drain_main_loop (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GDateTime) today = NULL;

  f->dir = g_dir_make_tmp ("raddesk-ui-schedule-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "demo.db", NULL);

  rd_format_set_time_zone ("Europe/London");
  f->store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  today = rd_format_today ();
  g_assert_true (rd_demo_generate (f->store, 2026, today, &error));
  g_assert_no_error (error);

  f->window = g_object_ref_sink (rd_window_new (NULL, f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  rd_window_show_page (f->window, "schedule");
  drain_main_loop ();
  f->page = RD_SCHEDULE_PAGE (rd_window_get_page_widget (f->window, "schedule"));
  g_assert_true (RD_IS_SCHEDULE_PAGE (f->page));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_object (&f->store);
  drain_main_loop ();
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static RdRecord *
first_exam_of_kind (RdStore *store, const char *kind)
{
  g_autoptr (GPtrArray) exams = rd_store_list_by (store, "exam_type", "modality_kind", kind, "name");

  g_assert_cmpuint (exams->len, >, 0);
  return g_object_ref (g_ptr_array_index (exams, 0));
}

static char *
clock_text (gint64 t)
{
  return rd_format_time (t);
}

static void
test_book_move_refuse (Fixture *f, gconstpointer data)
{
  GTimeZone *tz = rd_format_get_time_zone ();
  g_autoptr (RdRecord) exam = first_exam_of_kind (f->store, "CT");
  gint64 tomorrow = rd_local_day_start (tz, g_get_real_time () / G_USEC_PER_SEC + 36 * 3600);
  g_autoptr (GPtrArray) slots = rd_schedule_find_slots (f->store, rd_record_get_id (exam), tomorrow, 1, tz);
  g_autoptr (GPtrArray) later = NULL;
  g_autoptr (GPtrArray) others = NULL;
  g_autoptr (GPtrArray) blocks = NULL;
  g_autoptr (RdRecord) modality = NULL;
  g_autoptr (RdRecord) saved = NULL;
  g_autoptr (RdRecord) unchanged = NULL;
  g_autoptr (GDateTime) day = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *expected = NULL;
  RdBookingDialog *dialog;
  RdScheduleGrid *grid;
  RdRecord *victim = NULL;
  GtkWidget *block;
  RdSlot *slot;
  char *booking_id;

  g_assert_cmpuint (slots->len, ==, 1);
  slot = g_ptr_array_index (slots, 0);
  modality = rd_store_get (f->store, "modality", slot->modality_id, NULL);
  day = g_date_time_new_from_unix_utc (slot->start);
  rd_schedule_page_set_day (f->page, day);

  /* Book through the real dialog: first without a patient, which is refused next to the field. */
  dialog = RD_BOOKING_DIALOG (rd_schedule_page_new_booking (f->page, slot->modality_id, slot->start));
  drain_main_loop ();
  rd_booking_dialog_select (dialog, "exam_type_id", rd_record_get_id (exam));
  g_assert_false (rd_booking_dialog_save (dialog));
  g_assert_cmpstr (rd_booking_dialog_get_message (dialog, "patient_name"), !=, "");
  gtk_editable_set_text (GTK_EDITABLE (rd_booking_dialog_get_row (dialog, "patient_name")), "Test Patient");
  gtk_editable_set_text (GTK_EDITABLE (rd_booking_dialog_get_row (dialog, "patient_mrn")), "UI-0001");
  drain_main_loop ();
  g_assert_cmpstr (rd_booking_dialog_get_message (dialog, "patient_name"), ==, "");
  g_assert_true (rd_booking_dialog_save (dialog));
  drain_main_loop ();

  /* The block is in the day view with its accessible label. */
  grid = RD_SCHEDULE_GRID (rd_schedule_page_get_day_grid (f->page));
  blocks = rd_schedule_grid_get_blocks (grid);
  block = NULL;
  for (guint i = 0; i < blocks->len; i++)
    if (g_str_equal (rd_record_get_text (rd_booking_block_get_booking (g_ptr_array_index (blocks, i)), "patient_mrn"),
                     "UI-0001"))
      block = g_ptr_array_index (blocks, i);
  g_assert_nonnull (block);
  g_assert_true (gtk_widget_get_focusable (block));
  from = clock_text (slot->start);
  to = clock_text (slot->start + rd_record_get_int (exam, "duration_min") * 60);
  expected = g_strdup_printf ("%s, %s to %s, Test Patient, %s, scheduled", rd_record_get_text (modality, "name"),
                              from, to, rd_record_get_text (exam, "name"));
  g_assert_cmpstr (rd_booking_block_get_label (RD_BOOKING_BLOCK (block)), ==, expected);
  booking_id = g_strdup (rd_record_get_id (rd_booking_block_get_booking (RD_BOOKING_BLOCK (block))));

  /* Move it to a later free time, by the same path as a drop. */
  later = rd_schedule_find_slots_for (f->store, rd_record_get_id (exam), 0, slot->end + 3600, 1, tz, slot->modality_id);
  g_assert_cmpuint (later->len, ==, 1);
  g_assert_true (rd_schedule_page_move_booking (f->page, booking_id, slot->modality_id,
                                                ((RdSlot *) later->pdata[0])->start, ((RdSlot *) later->pdata[0])->end,
                                                &error));
  g_assert_no_error (error);
  drain_main_loop ();
  saved = rd_store_get (f->store, "booking", booking_id, NULL);
  g_assert_cmpint (rd_record_get_int (saved, "start"), ==, ((RdSlot *) later->pdata[0])->start);
  g_assert_nonnull (rd_schedule_grid_find_block (grid, booking_id));

  /* Onto another patient's booking: refused, saying whose, and nothing changes. */
  others = rd_store_list_range (f->store, "booking", rd_local_day_start (tz, slot->start),
                                rd_local_day_start (tz, slot->start) + 24 * 3600, slot->modality_id);
  for (guint i = 0; i < others->len && victim == NULL; i++)
    {
      RdRecord *o = g_ptr_array_index (others, i);
      if (!g_str_equal (rd_record_get_id (o), booking_id) && rd_schedule_is_active_status (rd_record_get_text (o, "status")))
        victim = o;
    }
  g_assert_nonnull (victim);
  g_assert_false (rd_schedule_page_move_booking (f->page, booking_id, slot->modality_id, rd_record_get_int (victim, "start"),
                                                 rd_record_get_int (victim, "start") + 600, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, rd_record_get_text (victim, "patient_name")));
  unchanged = rd_store_get (f->store, "booking", booking_id, NULL);
  g_assert_cmpint (rd_record_get_int (unchanged, "start"), ==, ((RdSlot *) later->pdata[0])->start);
  g_free (booking_id);
}

static void
test_views_and_keyboard (Fixture *f, gconstpointer data)
{
  RdScheduleGrid *week = RD_SCHEDULE_GRID (rd_schedule_page_get_week_grid (f->page));
  RdScheduleGrid *grid = RD_SCHEDULE_GRID (rd_schedule_page_get_day_grid (f->page));
  g_autoptr (GPtrArray) blocks = NULL;

  g_assert_cmpuint (rd_schedule_grid_get_n_columns (grid), >=, 10);
  blocks = rd_schedule_grid_get_blocks (grid);
  for (guint i = 0; i < blocks->len; i++)
    {
      const char *label = rd_booking_block_get_label (g_ptr_array_index (blocks, i));
      g_assert_true (gtk_widget_get_focusable (g_ptr_array_index (blocks, i)));
      g_assert_nonnull (strstr (label, " to "));
    }

  rd_schedule_page_set_view (f->page, "week");
  drain_main_loop ();
  g_assert_cmpuint (rd_schedule_grid_get_n_columns (week), ==, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "schedule.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "schedule.today", NULL));
  rd_schedule_page_set_view (f->page, "all-week");
  drain_main_loop ();
  rd_schedule_page_set_view (f->page, "day");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/schedule/book-move-refuse", Fixture, NULL, fixture_set_up, test_book_move_refuse, fixture_tear_down);
  g_test_add ("/ui/schedule/views", Fixture, NULL, fixture_set_up, test_views_and_keyboard, fixture_tear_down);

  return g_test_run ();
}
