/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-schedule.c: the Schedule page in the real window — book through the dialog, see the block, move it, see a clash refused. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-booking-block.h"
#include "rd-booking-dialog.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-schedule.h"
#include "rd-schedule-grid.h"
#include "rd-schedule-header.h"
#include "rd-schedule-page.h"
#include "rd-training.h"
#include "rd-ui-test.h"
#include "rd-widgets.h"
#include "rd-window.h"

typedef struct
{
  char           *dir;
  RdStore        *store;
  RdWindow       *window;
  RdSchedulePage *page;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = rd_ui_test_make_dir ("ui-schedule");
  f->store = rd_ui_test_open_demo (f->dir);
  f->window = rd_ui_test_open_window (f->store, 1280, 800);
  rd_window_show_page (f->window, "schedule");
  rd_ui_test_drain ();
  f->page = RD_SCHEDULE_PAGE (rd_window_get_page_widget (f->window, "schedule"));
  g_assert_true (RD_IS_SCHEDULE_PAGE (f->page));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->window, rd_ui_test_destroy_window);
  g_clear_object (&f->store);
  rd_ui_test_remove_dir (f->dir);
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
  rd_ui_test_drain ();
  rd_booking_dialog_select (dialog, "exam_type_id", rd_record_get_id (exam));
  g_assert_false (rd_booking_dialog_save (dialog));
  g_assert_cmpstr (rd_booking_dialog_get_message (dialog, "patient_name"), !=, "");
  gtk_editable_set_text (GTK_EDITABLE (rd_booking_dialog_get_row (dialog, "patient_name")), "Test Patient");
  gtk_editable_set_text (GTK_EDITABLE (rd_booking_dialog_get_row (dialog, "patient_mrn")), "UI-0001");
  rd_ui_test_drain ();
  g_assert_cmpstr (rd_booking_dialog_get_message (dialog, "patient_name"), ==, "");
  g_assert_true (rd_booking_dialog_save (dialog));
  rd_ui_test_drain ();

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
  rd_ui_test_drain ();
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
  rd_ui_test_drain ();
  g_assert_cmpuint (rd_schedule_grid_get_n_columns (week), ==, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "schedule.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "schedule.today", NULL));
  rd_schedule_page_set_view (f->page, "all-week");
  rd_ui_test_drain ();
  rd_schedule_page_set_view (f->page, "day");
}

static GtkCheckButton *
find_check (RdSchedulePage *page,
            const char     *label)
{
  g_autoptr (GPtrArray) checks = g_ptr_array_new ();

  rd_ui_test_collect_type (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (g_ptr_array_index (checks, i)), label) == 0)
      return g_ptr_array_index (checks, i);
  return NULL;
}

static void
test_modality_chooser (Fixture *f, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.raddesk.RadDesk");
  g_autoptr (GPtrArray) modalities = rd_store_list (f->store, "modality", "name");
  RdScheduleGrid *grid = RD_SCHEDULE_GRID (rd_schedule_page_get_day_grid (f->page));
  g_autoptr (GPtrArray) active = g_ptr_array_new ();
  const char *two[3] = { NULL };
  g_auto (GStrv) chosen = NULL;
  guint n_all;

  for (guint i = 0; i < modalities->len; i++)
    if (rd_record_get_bool (g_ptr_array_index (modalities, i), "active"))
      g_ptr_array_add (active, g_ptr_array_index (modalities, i));
  n_all = rd_schedule_grid_get_n_columns (grid);
  g_assert_cmpuint (n_all, ==, active->len);

  /* The key chooses the columns, in the department's order. */
  two[0] = rd_record_get_id (g_ptr_array_index (active, 3));
  two[1] = rd_record_get_id (g_ptr_array_index (active, 1));
  g_settings_set_strv (settings, "schedule-modalities", two);
  rd_ui_test_drain ();
  g_assert_cmpuint (rd_schedule_grid_get_n_columns (grid), ==, 2);
  g_assert_cmpstr (rd_schedule_grid_get_column_modality (grid, 0), ==, two[1]);
  g_assert_cmpstr (rd_schedule_grid_get_column_modality (grid, 1), ==, two[0]);

  /* Ticking a third in the chooser adds it to the key and the day. */
  g_assert_false (gtk_check_button_get_active (find_check (f->page, rd_record_get_text (g_ptr_array_index (active, 0), "name"))));
  g_assert_true (gtk_check_button_get_active (find_check (f->page, rd_record_get_text (g_ptr_array_index (active, 1), "name"))));
  gtk_check_button_set_active (find_check (f->page, rd_record_get_text (g_ptr_array_index (active, 0), "name")), TRUE);
  rd_ui_test_drain ();
  chosen = g_settings_get_strv (settings, "schedule-modalities");
  g_assert_cmpuint (g_strv_length (chosen), ==, 3);
  g_assert_true (g_strv_contains ((const char *const *) chosen, rd_record_get_id (g_ptr_array_index (active, 0))));
  g_assert_cmpuint (rd_schedule_grid_get_n_columns (grid), ==, 3);

  /* Show All empties the key: every active modality again. */
  {
    g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

    rd_ui_test_collect_type (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (rd_mnemonic_button_get_label (g_ptr_array_index (buttons, i)), "Show _All") == 0)
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
  }
  rd_ui_test_drain ();
  g_strfreev (g_steal_pointer (&chosen));
  chosen = g_settings_get_strv (settings, "schedule-modalities");
  g_assert_cmpuint (g_strv_length (chosen), ==, 0);
  g_assert_cmpuint (rd_schedule_grid_get_n_columns (grid), ==, n_all);
}

static void
test_header_and_focus_scroll (Fixture *f, gconstpointer data)
{
  RdScheduleGrid *grid = RD_SCHEDULE_GRID (rd_schedule_page_get_day_grid (f->page));
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (scroller);
  g_autoptr (GPtrArray) headers = g_ptr_array_new ();
  g_autoptr (GPtrArray) blocks = rd_schedule_grid_get_blocks (grid);
  GtkWidget *header = NULL, *last;
  graphene_rect_t bounds, view;
  double top;

  /* The titles are in a header outside the scrolled window; the grid's rows start at its top. */
  rd_ui_test_collect_type (GTK_WIDGET (f->page), RD_TYPE_SCHEDULE_HEADER, headers);
  for (guint i = 0; i < headers->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (headers, i)))
      header = g_ptr_array_index (headers, i);
  g_assert_nonnull (header);
  g_assert_null (gtk_widget_get_ancestor (header, GTK_TYPE_SCROLLED_WINDOW));
  rd_schedule_grid_minute_to_y (grid, 0, &top);
  g_assert_cmpfloat (top, <=, 0);

  /* Scrolled to the evening, the header is still where it was, above the grid's viewport. */
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
  rd_ui_test_drain ();
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, 0);
  g_assert_true (gtk_widget_compute_bounds (header, GTK_WIDGET (f->page), &bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (scroller), GTK_WIDGET (f->page), &view));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, view.origin.y + 0.5);
  g_assert_cmpfloat (bounds.size.height, >, 0);

  /* From the top, focus onto the day's last booking brings it into view. */
  gtk_adjustment_set_value (vadj, 0);
  rd_ui_test_drain ();
  g_assert_cmpuint (blocks->len, >, 20);
  last = g_ptr_array_index (blocks, blocks->len - 1);
  g_assert_true (gtk_widget_compute_bounds (last, GTK_WIDGET (grid), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >, gtk_adjustment_get_page_size (vadj));
  g_assert_true (gtk_widget_grab_focus (last));
  rd_ui_test_drain ();
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), <=, bounds.origin.y);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj));
}

static void
test_waitlist_drop (Fixture *f, gconstpointer data)
{
  GTimeZone *tz = rd_format_get_time_zone ();
  RdScheduleGrid *grid = RD_SCHEDULE_GRID (rd_schedule_page_get_day_grid (f->page));
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GListModel) controllers = NULL;
  g_autoptr (GdkContentProvider) content = NULL;
  g_autoptr (RdRecord) request = NULL;
  g_autoptr (RdRecord) booked = NULL;
  g_autoptr (RdRecord) booking = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GError) error = NULL;
  GtkDragSource *source = NULL;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  RdSlot *slot;
  double x, colw, y;
  int column = -1;
  gboolean dropped = FALSE;

  /* Each waitlist row is a drag source carrying its request's id. */
  rd_ui_test_collect_type (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len && source == NULL; i++)
    {
      g_autoptr (GListModel) list = gtk_widget_observe_controllers (g_ptr_array_index (rows, i));

      for (guint j = 0; j < g_list_model_get_n_items (list) && source == NULL; j++)
        {
          g_autoptr (GObject) c = g_list_model_get_item (list, j);
          if (GTK_IS_DRAG_SOURCE (c))
            source = GTK_DRAG_SOURCE (c);
        }
    }
  g_assert_nonnull (source);
  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  request = rd_store_get (f->store, "booking_request", g_value_get_string (&value), NULL);
  g_assert_nonnull (request);

  /* Dropped on the grid at a free slot of a suitable modality, it is booked there. */
  slots = rd_schedule_find_slots (f->store, rd_record_get_text (request, "exam_type_id"),
                                  rd_local_day_start (tz, g_get_real_time () / G_USEC_PER_SEC + 36 * 3600), 1, tz);
  g_assert_cmpuint (slots->len, ==, 1);
  slot = g_ptr_array_index (slots, 0);
  utc = g_date_time_new_from_unix_utc (slot->start);
  local = g_date_time_to_timezone (utc, tz);
  rd_schedule_page_set_day (f->page, local);
  rd_ui_test_drain ();
  for (guint c = 0; c < rd_schedule_grid_get_n_columns (grid); c++)
    if (g_str_equal (rd_schedule_grid_get_column_modality (grid, c), slot->modality_id))
      column = c;
  g_assert_cmpint (column, >=, 0);
  x = rd_schedule_grid_get_column_x (grid, column, &colw) + colw / 2;
  rd_schedule_grid_minute_to_y (grid, g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local), &y);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (grid));
  for (guint j = 0; j < g_list_model_get_n_items (controllers) && target == NULL; j++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, j);
      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", &value, x, y + 1, &dropped);
  g_assert_true (dropped);
  rd_ui_test_drain ();

  booked = rd_store_get (f->store, "booking_request", rd_record_get_id (request), NULL);
  g_assert_false (rd_record_is_null (booked, "booking_id"));
  booking = rd_store_get (f->store, "booking", rd_record_get_text (booked, "booking_id"), NULL);
  g_assert_nonnull (booking);
  g_assert_cmpstr (rd_record_get_text (booking, "modality_id"), ==, slot->modality_id);
  g_assert_cmpint (rd_record_get_int (booking, "start"), ==, slot->start);
  g_assert_cmpstr (rd_record_get_text (booking, "status"), ==, "scheduled");
  g_assert_nonnull (rd_schedule_grid_find_block (grid, rd_record_get_id (booking)));

  /* Dropped again onto the same slot: refused by the same rules, and nothing is booked twice. */
  g_assert_false (rd_schedule_page_book_request (f->page, rd_record_get_id (request), slot->modality_id, slot->start,
                                                 &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_value_unset (&value);
}

static void
test_move_warnings (Fixture *f, gconstpointer data)
{
  GTimeZone *tz = rd_format_get_time_zone ();
  g_autoptr (GPtrArray) staff = rd_store_list (f->store, "staff", "name");
  g_autoptr (RdRecord) exam = first_exam_of_kind (f->store, "CT");
  gint64 tomorrow = rd_local_day_start (tz, g_get_real_time () / G_USEC_PER_SEC + 36 * 3600);
  g_autoptr (GPtrArray) slots = rd_schedule_find_slots (f->store, rd_record_get_id (exam), tomorrow, 2, tz);
  g_autoptr (RdRecord) booking = rd_record_new_for_table ("booking");
  g_autoptr (RdRecord) elsewhere = rd_record_new_for_table ("booking");
  g_autoptr (GPtrArray) modalities = rd_store_list (f->store, "modality", "name");
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GError) error = NULL;
  const char *lapsed_id = NULL;
  const char *other_modality = NULL;
  RdSlot *first, *second;
  gboolean found = FALSE;

  g_assert_cmpuint (slots->len, ==, 2);
  first = g_ptr_array_index (slots, 0);
  second = g_ptr_array_index (slots, 1);
  utc = g_date_time_new_from_unix_utc (second->start);
  local = g_date_time_to_timezone (utc, tz);

  /* A technologist whose CT training has lapsed by then, from the demo's staff. */
  for (guint i = 0; i < staff->len && lapsed_id == NULL; i++)
    {
      g_autoptr (GPtrArray) lapsed = rd_training_staff_lapsed_for_kind (f->store, rd_record_get_id (g_ptr_array_index (staff, i)),
                                                                        "CT", local);
      if (lapsed != NULL && lapsed->len > 0)
        lapsed_id = rd_record_get_id (g_ptr_array_index (staff, i));
    }
  g_assert_nonnull (lapsed_id);
  for (guint i = 0; i < modalities->len && other_modality == NULL; i++)
    if (!g_str_equal (rd_record_get_id (g_ptr_array_index (modalities, i)), second->modality_id))
      other_modality = rd_record_get_id (g_ptr_array_index (modalities, i));

  /* A booking in the first slot with that technologist, and the same patient elsewhere during the
   * second slot. */
  rd_record_set_text (booking, "modality_id", first->modality_id);
  rd_record_set_text (booking, "exam_type_id", rd_record_get_id (exam));
  rd_record_set_int (booking, "start", first->start);
  rd_record_set_int (booking, "end", first->end);
  rd_record_set_text (booking, "patient_name", "Warned Patient");
  rd_record_set_text (booking, "patient_mrn", "UI-WARN-1");
  rd_record_set_text (booking, "priority", "routine");
  rd_record_set_text (booking, "status", "scheduled");
  rd_record_set_text (booking, "technologist_id", lapsed_id);
  g_assert_true (rd_store_save (f->store, booking, "tester", &error));
  rd_record_set_text (elsewhere, "modality_id", other_modality);
  rd_record_set_text (elsewhere, "exam_type_id", rd_record_get_id (exam));
  rd_record_set_int (elsewhere, "start", second->start);
  rd_record_set_int (elsewhere, "end", second->end);
  rd_record_set_text (elsewhere, "patient_name", "Warned Patient");
  rd_record_set_text (elsewhere, "patient_mrn", "UI-WARN-1");
  rd_record_set_text (elsewhere, "priority", "routine");
  rd_record_set_text (elsewhere, "status", "scheduled");
  g_assert_true (rd_store_save (f->store, elsewhere, "tester", &error));
  g_assert_no_error (error);

  /* Moved into the second slot: both warnings are in the toast, not only the first. */
  g_assert_true (rd_schedule_page_move_booking (f->page, rd_record_get_id (booking), second->modality_id,
                                                second->start, second->end, &error));
  g_assert_no_error (error);
  rd_ui_test_drain ();
  rd_ui_test_collect_type (GTK_WIDGET (f->page), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (g_ptr_array_index (labels, i));

      if (strstr (text, "Booking moved") == NULL)
        continue;
      g_assert_nonnull (strstr (text, "2 warnings"));
      g_assert_nonnull (strstr (text, "UI-WARN-1"));
      g_assert_nonnull (strstr (text, "lapsed"));
      found = TRUE;
    }
  g_assert_true (found);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/schedule/book-move-refuse", Fixture, NULL, fixture_set_up, test_book_move_refuse, fixture_tear_down);
  g_test_add ("/ui/schedule/views", Fixture, NULL, fixture_set_up, test_views_and_keyboard, fixture_tear_down);
  g_test_add ("/ui/schedule/modality-chooser", Fixture, NULL, fixture_set_up, test_modality_chooser, fixture_tear_down);
  g_test_add ("/ui/schedule/header-and-focus-scroll", Fixture, NULL, fixture_set_up, test_header_and_focus_scroll,
              fixture_tear_down);
  g_test_add ("/ui/schedule/waitlist-drop", Fixture, NULL, fixture_set_up, test_waitlist_drop, fixture_tear_down);
  g_test_add ("/ui/schedule/move-warnings", Fixture, NULL, fixture_set_up, test_move_warnings, fixture_tear_down);

  return g_test_run ();
}
