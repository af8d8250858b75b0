/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-schedule-export.c: the schedule's iCalendar export read back with libical, and the day list printed to a PDF by the print code. */

#define _GNU_SOURCE /* memmem: the PDF holds binary streams */
#include "config.h"

#include <gtk/gtk.h>
#include <libical/ical.h>
#include <string.h>

#include "rd-format.h"
#include "rd-ical-export.h"
#include "rd-opening-hours.h"
#include "rd-schedule-dialogs.h"
#include "rd-ui-test.h"

#define N_BOOKINGS 100

typedef struct
{
  char     *dir;
  RdStore  *store;
  char     *modality_id;
  char     *other_modality_id;
  GPtrArray *booking_ids;
} Fixture;

static char *
save (RdStore  *store,
      RdRecord *record)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_store_save (store, record, "tester", &error));
  g_assert_no_error (error);
  return g_strdup (rd_record_get_id (record));
}

static char *
add_modality (RdStore    *store,
              const char *name)
{
  g_autoptr (RdRecord) m = rd_record_new_for_table ("modality");

  rd_record_set_text (m, "name", name);
  rd_record_set_text (m, "kind", "CT");
  rd_record_set_text (m, "opening_hours", "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00");
  rd_record_set_bool (m, "active", TRUE);
  return save (store, m);
}

/* A known day, Tuesday 3 March 2026: N_BOOKINGS ten-minute bookings on CT Export from 06:00, one on
 * CT Other, one cancelled, one the day before and one the day after. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdRecord) exam = rd_record_new_for_table ("exam_type");
  g_autofree char *exam_id = NULL;
  GTimeZone *tz;
  gint64 day;

  f->dir = rd_ui_test_make_dir ("schedule-export");
  path = g_build_filename (f->dir, "test.db", NULL);
  rd_format_set_time_zone ("Europe/London");
  tz = rd_format_get_time_zone ();
  f->store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);

  f->modality_id = add_modality (f->store, "CT Export");
  f->other_modality_id = add_modality (f->store, "CT Other");
  rd_record_set_text (exam, "code", "CTH");
  rd_record_set_text (exam, "name", "CT head");
  rd_record_set_text (exam, "modality_kind", "CT");
  rd_record_set_int (exam, "duration_min", 10);
  rd_record_set_bool (exam, "needs_contrast", FALSE);
  exam_id = save (f->store, exam);

  f->booking_ids = g_ptr_array_new_with_free_func (g_free);
  day = rd_local_time (tz, 2026, 3, 3, 0);
  for (int i = 0; i < N_BOOKINGS + 4; i++)
    {
      g_autoptr (RdRecord) b = rd_record_new_for_table ("booking");
      g_autofree char *name = g_strdup_printf ("Zebedee Quartermain %d", i);
      g_autofree char *mrn = g_strdup_printf ("MRN-SECRET-%04d", i);
      gint64 start = day + 6 * 3600 + i * 600;

      if (i == N_BOOKINGS + 2)
        start = day - 3600;             /* the day before */
      else if (i == N_BOOKINGS + 3)
        start = day + 25 * 3600;        /* the day after */
      rd_record_set_text (b, "modality_id", i == N_BOOKINGS ? f->other_modality_id : f->modality_id);
      rd_record_set_text (b, "exam_type_id", exam_id);
      rd_record_set_int (b, "start", start);
      rd_record_set_int (b, "end", start + 600);
      rd_record_set_text (b, "patient_name", name);
      rd_record_set_text (b, "patient_mrn", mrn);
      rd_record_set_text (b, "priority", "routine");
      rd_record_set_text (b, "status", i == N_BOOKINGS + 1 ? "cancelled" : "scheduled");
      g_ptr_array_add (f->booking_ids, save (f->store, b));
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  rd_ui_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->modality_id);
  g_free (f->other_modality_id);
  g_ptr_array_unref (f->booking_ids);
}

static void
test_ical (Fixture *f, gconstpointer data)
{
  GTimeZone *tz = rd_format_get_time_zone ();
  gint64 from = rd_local_time (tz, 2026, 3, 3, 0);
  g_autofree char *text = rd_ical_export_bookings (f->store, from, from + 24 * 3600, f->modality_id);
  icalcomponent *calendar = icalparser_parse_string (text);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (RdRecord) first = rd_store_get (f->store, "booking", g_ptr_array_index (f->booking_ids, 0), NULL);
  guint n = 0;

  /* No patient name or MRN anywhere in the file. */
  g_assert_null (strstr (text, "Zebedee"));
  g_assert_null (strstr (text, "Quartermain"));
  g_assert_null (strstr (text, "MRN-SECRET"));

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *uid = icalcomponent_get_uid (event);
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      struct icaltimetype end = icalcomponent_get_dtend (event);
      g_autofree char *id = NULL;
      g_autoptr (RdRecord) booking = NULL;

      g_assert_nonnull (uid);
      g_assert_true (g_str_has_suffix (uid, "@raddesk"));
      id = g_strndup (uid, strlen (uid) - strlen ("@raddesk"));
      g_assert_false (g_hash_table_contains (seen, id));
      booking = rd_store_get (f->store, "booking", id, NULL);
      g_assert_nonnull (booking);
      g_assert_cmpstr (rd_record_get_text (booking, "modality_id"), ==, f->modality_id);

      /* Times in UTC ("Z"), equal to the booking's. */
      g_assert_true (icaltime_is_utc (start));
      g_assert_true (icaltime_is_utc (end));
      g_assert_cmpint (icaltime_as_timet (start), ==, rd_record_get_int (booking, "start"));
      g_assert_cmpint (icaltime_as_timet (end), ==, rd_record_get_int (booking, "end"));
      g_hash_table_add (seen, g_steal_pointer (&id));
      n++;
    }

  /* One VEVENT per booking of that modality on that day: the N_BOOKINGS and the cancelled one
   * (exported with STATUS:CANCELLED so that calendars drop it); not the other modality's, not the
   * days around. */
  g_assert_cmpuint (n, ==, N_BOOKINGS + 1);
  g_assert_true (g_hash_table_contains (seen, rd_record_get_id (first)));
  g_assert_false (g_hash_table_contains (seen, g_ptr_array_index (f->booking_ids, N_BOOKINGS)));
  g_assert_false (g_hash_table_contains (seen, g_ptr_array_index (f->booking_ids, N_BOOKINGS + 2)));
  g_assert_false (g_hash_table_contains (seen, g_ptr_array_index (f->booking_ids, N_BOOKINGS + 3)));
  g_assert_nonnull (strstr (text, "STATUS:CANCELLED"));
  g_assert_nonnull (strstr (text, "DTSTART:20260303T060000Z"));
  icalcomponent_free (calendar);

  /* The same booking keeps its UID from one export to the next. */
  {
    g_autofree char *again = rd_ical_export_bookings (f->store, from, from + 24 * 3600, NULL);
    g_autofree char *uid = g_strdup_printf ("UID:%s@raddesk", rd_record_get_id (first));

    g_assert_nonnull (strstr (text, uid));
    g_assert_nonnull (strstr (again, uid));
  }
}

static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint pages = 0;
  const char *p;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Page objects are "/Type /Page"; the page tree is "/Type /Pages". */
  for (p = contents; (p = memmem (p, length - (p - contents), "/Type /Page", 11)) != NULL; p += 11)
    if (p + 11 < contents + length && p[11] != 's')
      pages++;
  return pages;
}

static void
test_print_pdf (Fixture *f, gconstpointer data)
{
  GTimeZone *tz = rd_format_get_time_zone ();
  g_autoptr (GDateTime) day = g_date_time_new (tz, 2026, 3, 3, 0, 0, 0);
  g_autoptr (GDateTime) empty_day = g_date_time_new (tz, 2026, 3, 10, 0, 0, 0);
  g_autofree char *all = g_build_filename (f->dir, "all.pdf", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.pdf", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.pdf", NULL);
  const char *only_other[] = { f->other_modality_id, NULL };
  g_autoptr (GError) error = NULL;

  /* A4 is 842 points high; less the default margins (2 × 6.35 mm = 36 pt) and the 48-point head,
   * 758 points hold 47 rows of 16 points: 101 live bookings of the day make 3 pages. */
  g_assert_true (rd_schedule_print_day_to_pdf (f->store, day, NULL, all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (all), ==, 3);

  /* One modality: its one booking, one page. A day without bookings still prints its heading. */
  g_assert_true (rd_schedule_print_day_to_pdf (f->store, day, only_other, other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (other), ==, 1);
  g_assert_true (rd_schedule_print_day_to_pdf (f->store, empty_day, NULL, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (empty), ==, 1);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/schedule/export/ical", Fixture, NULL, fixture_set_up, test_ical, fixture_tear_down);
  g_test_add ("/schedule/export/print-pdf", Fixture, NULL, fixture_set_up, test_print_pdf, fixture_tear_down);

  return g_test_run ();
}
