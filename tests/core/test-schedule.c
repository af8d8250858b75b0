/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-schedule.c: the booking rules, slot finder, downtime rebooking plan and status workflow, without a display. */

#include "rd-error.h"
#include "rd-inventory.h"
#include "rd-schedule.h"
#include "rd-store.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  char      *dir;
  RdStore   *store;
  GTimeZone *tz;
  char      *ct_a;   /* CT A: 08:00-18:00 Monday to Friday, 07:00-22:00 at weekends */
  char      *ct_b;   /* CT B: 09:00-17:00 Monday to Friday, closed at weekends */
  char      *ct_off; /* inactive */
  char      *mr;     /* MR: open day and night */
  char      *ct_head; /* CT exam, 20 minutes */
  char      *mr_brain; /* MR exam, 40 minutes */
} Fixture;

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gint64
at (Fixture *f, int y, int m, int d, int h, int mi)
{
  return rd_local_time (f->tz, y, m, d, h * 60 + mi);
}

static gint64
utc (const char *iso)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static char *
add_modality (Fixture *f, const char *name, const char *kind, const char *hours, gboolean active)
{
  g_autoptr (RdRecord) m = rd_record_new_for_table ("modality");
  g_autoptr (GError) error = NULL;

  rd_record_set_text (m, "name", name);
  rd_record_set_text (m, "kind", kind);
  rd_record_set_text (m, "opening_hours", hours);
  rd_record_set_bool (m, "active", active);
  g_assert_true (rd_store_save (f->store, m, "test", &error));
  g_assert_no_error (error);
  return g_strdup (rd_record_get_id (m));
}

static char *
add_exam (Fixture *f, const char *name, const char *kind, int minutes)
{
  g_autoptr (RdRecord) e = rd_record_new_for_table ("exam_type");
  g_autoptr (GError) error = NULL;

  rd_record_set_text (e, "code", name);
  rd_record_set_text (e, "name", name);
  rd_record_set_text (e, "modality_kind", kind);
  rd_record_set_int (e, "duration_min", minutes);
  rd_record_set_bool (e, "needs_contrast", FALSE);
  g_assert_true (rd_store_save (f->store, e, "test", &error));
  g_assert_no_error (error);
  return g_strdup (rd_record_get_id (e));
}

static RdRecord *
new_booking (Fixture *f, const char *modality, const char *exam, gint64 start, gint64 end,
             const char *patient, const char *mrn, const char *priority)
{
  RdRecord *b = rd_record_new_for_table ("booking");

  rd_record_set_text (b, "modality_id", modality);
  rd_record_set_text (b, "exam_type_id", exam);
  rd_record_set_int (b, "start", start);
  rd_record_set_int (b, "end", end);
  rd_record_set_text (b, "patient_name", patient);
  rd_record_set_text (b, "patient_mrn", mrn);
  rd_record_set_text (b, "priority", priority);
  rd_record_set_text (b, "status", "scheduled");
  return b;
}

static RdRecord *
book (Fixture *f, const char *modality, const char *exam, gint64 start, gint64 end,
      const char *patient, const char *mrn, const char *priority)
{
  RdRecord *b = new_booking (f, modality, exam, start, end, patient, mrn, priority);
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_schedule_check_booking (f->store, b, f->tz, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_save (f->store, b, "test", &error));
  g_assert_no_error (error);
  return b;
}

static RdRecord *
add_downtime (Fixture *f, const char *modality, gint64 start, gint64 end, gboolean save)
{
  RdRecord *d = rd_record_new_for_table ("downtime");
  g_autoptr (GError) error = NULL;

  rd_record_set_text (d, "modality_id", modality);
  rd_record_set_int (d, "start", start);
  rd_record_set_int (d, "end", end);
  rd_record_set_text (d, "reason", "repair");
  if (save)
    {
      g_assert_true (rd_store_save (f->store, d, "test", &error));
      g_assert_no_error (error);
    }
  return d;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("raddesk-test-schedule-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "department.db", NULL);
  f->store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  f->tz = g_time_zone_new_identifier ("Europe/London");
  g_assert_nonnull (f->tz);

  f->ct_a = add_modality (f, "CT A", "CT",
                          "08:00-18:00;08:00-18:00;08:00-18:00;08:00-18:00;08:00-18:00;07:00-22:00;07:00-22:00", TRUE);
  f->ct_b = add_modality (f, "CT B", "CT",
                          "09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;;", TRUE);
  f->ct_off = add_modality (f, "CT Old", "CT",
                            "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00", FALSE);
  f->mr = add_modality (f, "MRI", "MR",
                        "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00", TRUE);
  f->ct_head = add_exam (f, "CT head", "CT", 20);
  f->mr_brain = add_exam (f, "MR brain", "MR", 40);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "department.db", NULL);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_time_zone_unref (f->tz);
  g_free (f->ct_a);
  g_free (f->ct_b);
  g_free (f->ct_off);
  g_free (f->mr);
  g_free (f->ct_head);
  g_free (f->mr_brain);
}

static const char *
first_error_field (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      RdScheduleProblem *p = g_ptr_array_index (problems, i);
      if (p->severity == RD_SCHEDULE_ERROR)
        return p->field;
    }
  return NULL;
}

/* ---------------------------------------------------------------- */
/* Opening hours                                                     */
/* ---------------------------------------------------------------- */

static void
test_hours_parse (void)
{
  RdOpeningHours h;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *bad[] = { "", "08:00-18:00", "8:00-18:00;;;;;;", "08:00-25:00;;;;;;", "08:60-09:00;;;;;;",
                        "08:00-08:00;;;;;;", "08:00;;;;;;", "24:00-08:00;;;;;;", ";;;;;;;", NULL };

  g_assert_true (rd_opening_hours_parse ("08:00-18:00;08:00-18:00; 08:00-18:00 ;08:00-18:00;08:30-16:30;09:00-13:00;",
                                         &h, &error));
  g_assert_no_error (error);
  g_assert_cmpint (h.open[0], ==, 8 * 60);
  g_assert_cmpint (h.close[0], ==, 18 * 60);
  g_assert_cmpint (h.open[4], ==, 8 * 60 + 30);
  g_assert_cmpint (h.close[5], ==, 13 * 60);
  g_assert_cmpint (h.open[6], ==, -1);
  g_assert_true (rd_opening_hours_is_closed (&h, 7));
  g_assert_false (rd_opening_hours_is_closed (&h, 1));
  text = rd_opening_hours_to_string (&h);
  g_assert_cmpstr (text, ==, "08:00-18:00;08:00-18:00;08:00-18:00;08:00-18:00;08:30-16:30;09:00-13:00;");

  g_assert_true (rd_opening_hours_parse ("00:00-24:00;20:00-08:00;;;;;", &h, NULL));
  g_assert_cmpint (h.close[0], ==, 24 * 60);
  g_assert_cmpint (h.close[1], ==, 8 * 60);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) e = NULL;
      g_assert_false (rd_opening_hours_parse (bad[i], &h, &e));
      g_assert_error (e, RD_ERROR, RD_ERROR_INVALID);
    }
}

static void
test_hours_dst (Fixture *f, gconstpointer data)
{
  RdOpeningHours h;
  g_autoptr (GArray) spring = NULL;
  g_autoptr (GArray) autumn = NULL;
  RdInterval *span;

  g_assert_true (rd_opening_hours_parse (";;;;;;07:00-22:00", &h, NULL));

  /* Sunday 29 March 2026: the clocks go forward at 01:00 UTC; 07:00 is still 07:00 on the wall. */
  spring = rd_opening_hours_intervals (&h, f->tz, utc ("2026-03-29T00:00:00Z"), utc ("2026-03-30T00:00:00Z"));
  g_assert_cmpuint (spring->len, ==, 1);
  span = &g_array_index (spring, RdInterval, 0);
  g_assert_cmpint (span->start, ==, utc ("2026-03-29T06:00:00Z"));
  g_assert_cmpint (span->end, ==, utc ("2026-03-29T21:00:00Z"));
  g_assert_cmpint (rd_local_day_start (f->tz, span->start), ==, utc ("2026-03-29T00:00:00Z"));
  g_assert_cmpint (rd_local_time (f->tz, 2026, 3, 30, 0) - rd_local_time (f->tz, 2026, 3, 29, 0), ==, 23 * 3600);

  /* Sunday 25 October 2026: the clocks go back at 01:00 UTC; the day has 25 hours. */
  autumn = rd_opening_hours_intervals (&h, f->tz, utc ("2026-10-25T00:00:00Z"), utc ("2026-10-26T00:00:00Z"));
  g_assert_cmpuint (autumn->len, ==, 1);
  span = &g_array_index (autumn, RdInterval, 0);
  g_assert_cmpint (span->start, ==, utc ("2026-10-25T07:00:00Z"));
  g_assert_cmpint (span->end, ==, utc ("2026-10-25T22:00:00Z"));
  g_assert_cmpint (rd_local_time (f->tz, 2026, 10, 26, 0) - rd_local_time (f->tz, 2026, 10, 25, 0), ==, 25 * 3600);

  g_assert_true (rd_opening_hours_contains (&h, f->tz, at (f, 2026, 3, 29, 7, 0), at (f, 2026, 3, 29, 7, 20)));
  g_assert_false (rd_opening_hours_contains (&h, f->tz, at (f, 2026, 3, 29, 6, 50), at (f, 2026, 3, 29, 7, 10)));
  g_assert_true (rd_opening_hours_contains (&h, f->tz, at (f, 2026, 10, 25, 21, 40), at (f, 2026, 10, 25, 22, 0)));
  g_assert_false (rd_opening_hours_contains (&h, f->tz, at (f, 2026, 10, 25, 21, 50), at (f, 2026, 10, 25, 22, 10)));
}

static void
test_hours_overnight (Fixture *f, gconstpointer data)
{
  RdOpeningHours h;

  /* Monday and Tuesday open all day: a booking across midnight is inside. */
  g_assert_true (rd_opening_hours_parse ("00:00-24:00;00:00-24:00;;;;;", &h, NULL));
  g_assert_true (rd_opening_hours_contains (&h, f->tz, at (f, 2026, 3, 2, 23, 50), at (f, 2026, 3, 3, 0, 10)));
  g_assert_false (rd_opening_hours_contains (&h, f->tz, at (f, 2026, 3, 3, 23, 50), at (f, 2026, 3, 4, 0, 10)));

  /* A night shift: Friday 20:00 to Saturday 08:00. */
  g_assert_true (rd_opening_hours_parse (";;;;20:00-08:00;;", &h, NULL));
  g_assert_true (rd_opening_hours_contains (&h, f->tz, at (f, 2026, 3, 7, 2, 0), at (f, 2026, 3, 7, 3, 0)));
  g_assert_false (rd_opening_hours_contains (&h, f->tz, at (f, 2026, 3, 7, 7, 50), at (f, 2026, 3, 7, 8, 10)));
}

/* ---------------------------------------------------------------- */
/* The booking check                                                 */
/* ---------------------------------------------------------------- */

static void
test_check_times (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) backwards = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 10, 0),
                                                at (f, 2026, 3, 2, 9, 0), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) empty = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 10, 0),
                                            at (f, 2026, 3, 2, 10, 0), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) long_one = new_booking (f, f->mr, f->mr_brain, at (f, 2026, 3, 2, 10, 0),
                                               at (f, 2026, 3, 3, 10, 5), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) day = new_booking (f, f->mr, f->mr_brain, at (f, 2026, 3, 2, 10, 0),
                                          at (f, 2026, 3, 3, 10, 0), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) blank = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 10, 0),
                                            at (f, 2026, 3, 2, 10, 20), " ", "", "soon");
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (rd_schedule_check_booking (f->store, backwards, f->tz, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_schedule_check_booking (f->store, empty, f->tz, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rd_schedule_check_booking (f->store, long_one, f->tz, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_true (strstr (error->message, "24 hours") != NULL);
  g_clear_error (&error);
  g_assert_true (rd_schedule_check_booking (f->store, day, f->tz, NULL, &error));
  g_assert_no_error (error);

  problems = rd_schedule_review_booking (f->store, blank, f->tz);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (((RdScheduleProblem *) problems->pdata[0])->field, ==, "patient_name");
  g_assert_cmpstr (((RdScheduleProblem *) problems->pdata[1])->field, ==, "patient_mrn");
  g_assert_cmpstr (((RdScheduleProblem *) problems->pdata[2])->field, ==, "priority");
}

static void
test_check_kind (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) wrong = new_booking (f, f->mr, f->ct_head, at (f, 2026, 3, 2, 10, 0),
                                            at (f, 2026, 3, 2, 10, 20), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) inactive = new_booking (f, f->ct_off, f->ct_head, at (f, 2026, 3, 2, 10, 0),
                                               at (f, 2026, 3, 2, 10, 20), "Ann Test", "M1", "routine");
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (rd_schedule_check_booking (f->store, wrong, f->tz, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_true (strstr (error->message, "CT head") != NULL && strstr (error->message, "MRI") != NULL);
  problems = rd_schedule_review_booking (f->store, wrong, f->tz);
  g_assert_cmpstr (first_error_field (problems), ==, "modality_id");
  g_clear_error (&error);

  g_assert_false (rd_schedule_check_booking (f->store, inactive, f->tz, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
}

static void
test_check_overlap (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) first = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 20),
                                     "Jane Doe", "M100", "routine");
  g_autoptr (RdRecord) clash = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 10),
                                            at (f, 2026, 3, 2, 9, 30), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) inside = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 5),
                                             at (f, 2026, 3, 2, 9, 15), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) touching_after = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 20),
                                                     at (f, 2026, 3, 2, 9, 40), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) touching_before = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 8, 40),
                                                      at (f, 2026, 3, 2, 9, 0), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) other_room = new_booking (f, f->ct_b, f->ct_head, at (f, 2026, 3, 2, 9, 0),
                                                 at (f, 2026, 3, 2, 9, 20), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) moved = rd_record_copy (first);
  g_autoptr (GError) error = NULL;

  g_assert_false (rd_schedule_check_booking (f->store, clash, f->tz, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_true (strstr (error->message, "Jane Doe") != NULL);
  g_assert_true (strstr (error->message, "09:00") != NULL);
  g_clear_error (&error);
  g_assert_false (rd_schedule_check_booking (f->store, inside, f->tz, NULL, NULL));
  g_assert_true (rd_schedule_check_booking (f->store, touching_after, f->tz, NULL, NULL));
  g_assert_true (rd_schedule_check_booking (f->store, touching_before, f->tz, NULL, NULL));
  g_assert_true (rd_schedule_check_booking (f->store, other_room, f->tz, NULL, NULL));

  /* A booking never collides with itself when it is moved a little. */
  rd_record_set_int (moved, "start", at (f, 2026, 3, 2, 9, 10));
  rd_record_set_int (moved, "end", at (f, 2026, 3, 2, 9, 30));
  g_assert_true (rd_schedule_check_booking (f->store, moved, f->tz, NULL, NULL));

  /* A cancelled booking holds nothing. */
  g_assert_true (rd_schedule_set_status (f->store, rd_record_get_id (first), "cancelled", "Patient unwell", "test", &error));
  g_assert_no_error (error);
  g_assert_true (rd_schedule_check_booking (f->store, clash, f->tz, NULL, &error));
  g_assert_no_error (error);
}

static void
test_check_downtime (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) down = add_downtime (f, f->ct_a, at (f, 2026, 3, 2, 12, 0), at (f, 2026, 3, 2, 14, 0), TRUE);
  g_autoptr (RdRecord) hit = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 13, 50),
                                          at (f, 2026, 3, 2, 14, 10), "Ann Test", "M1", "stat");
  g_autoptr (RdRecord) after = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 14, 0),
                                            at (f, 2026, 3, 2, 14, 20), "Ann Test", "M1", "routine");
  g_autoptr (GError) error = NULL;
  g_autofree char *table = NULL;
  g_autofree char *id = NULL;

  g_assert_false (rd_schedule_check_booking (f->store, hit, f->tz, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_true (strstr (error->message, "down") != NULL);
  id = rd_schedule_find_collision (f->store, hit, &table);
  g_assert_cmpstr (id, ==, rd_record_get_id (down));
  g_assert_cmpstr (table, ==, "downtime");
  g_assert_true (rd_schedule_check_booking (f->store, after, f->tz, NULL, NULL));
}

static void
test_check_opening_hours (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) early = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 7, 50),
                                            at (f, 2026, 3, 2, 8, 10), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) last = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 17, 40),
                                           at (f, 2026, 3, 2, 18, 0), "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) weekend = new_booking (f, f->ct_b, f->ct_head, at (f, 2026, 3, 7, 10, 0),
                                              at (f, 2026, 3, 7, 10, 20), "Ann Test", "M1", "urgent");
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (rd_schedule_check_booking (f->store, early, f->tz, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_true (strstr (error->message, "closed") != NULL);
  g_clear_error (&error);
  g_assert_true (rd_schedule_check_booking (f->store, last, f->tz, NULL, NULL));

  /* Urgent without a reason: refused, and the message stands by the reason. */
  problems = rd_schedule_review_booking (f->store, weekend, f->tz);
  g_assert_cmpstr (first_error_field (problems), ==, "override_reason");
  rd_record_set_text (weekend, "override_reason", "Trauma call");
  g_assert_true (rd_schedule_check_booking (f->store, weekend, f->tz, NULL, &error));
  g_assert_no_error (error);

  /* A routine exam with a reason is still refused: only urgent and STAT may override. */
  rd_record_set_text (early, "override_reason", "Please");
  g_assert_false (rd_schedule_check_booking (f->store, early, f->tz, NULL, NULL));
  rd_record_set_text (early, "priority", "stat");
  g_assert_true (rd_schedule_check_booking (f->store, early, f->tz, NULL, NULL));
}

static void
test_check_same_patient (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) first = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 10, 0), at (f, 2026, 3, 2, 10, 20),
                                     "Jane Doe", "M100", "routine");
  g_autoptr (RdRecord) twice = new_booking (f, f->mr, f->mr_brain, at (f, 2026, 3, 2, 10, 10),
                                            at (f, 2026, 3, 2, 10, 50), "Jane Doe", "M100", "routine");
  g_autoptr (RdRecord) later = new_booking (f, f->mr, f->mr_brain, at (f, 2026, 3, 2, 10, 20),
                                            at (f, 2026, 3, 2, 11, 0), "Jane Doe", "M100", "routine");
  g_autoptr (GPtrArray) warnings = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_schedule_check_booking (f->store, twice, f->tz, &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (strstr (g_ptr_array_index (warnings, 0), "M100") != NULL);
  g_assert_true (strstr (g_ptr_array_index (warnings, 0), "CT A") != NULL);

  g_assert_true (rd_schedule_check_booking (f->store, later, f->tz, &none, NULL));
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_check_dst (Fixture *f, gconstpointer data)
{
  /* MRI is open day and night. On the autumn change 01:00-02:00 happens twice; a booking from
   * 00:30 to 01:30 local (BST) lasts 60 minutes and does not overlap one at 01:30-02:00 GMT. */
  gint64 a_start = utc ("2026-10-24T23:30:00Z"); /* 00:30 BST */
  gint64 a_end = utc ("2026-10-25T00:30:00Z");   /* 01:30 BST */
  g_autoptr (RdRecord) a = book (f, f->mr, f->mr_brain, a_start, a_end, "Ann Test", "M1", "routine");
  g_autoptr (RdRecord) b = new_booking (f, f->mr, f->mr_brain, utc ("2026-10-25T01:30:00Z"), utc ("2026-10-25T02:00:00Z"),
                                        "Bob Test", "M2", "routine");
  g_autoptr (RdRecord) c = new_booking (f, f->mr, f->mr_brain, utc ("2026-10-25T00:00:00Z"), utc ("2026-10-25T00:40:00Z"),
                                        "Cy Test", "M3", "routine");
  /* Spring: CT A opens at 07:00 on Sunday 29 March, which is 06:00 UTC. */
  g_autoptr (RdRecord) spring = new_booking (f, f->ct_a, f->ct_head, utc ("2026-03-29T06:00:00Z"),
                                             utc ("2026-03-29T06:20:00Z"), "Di Test", "M4", "routine");
  g_autoptr (RdRecord) spring_early = new_booking (f, f->ct_a, f->ct_head, utc ("2026-03-29T05:40:00Z"),
                                                   utc ("2026-03-29T06:00:00Z"), "Di Test", "M4", "routine");

  g_assert_true (rd_schedule_check_booking (f->store, b, f->tz, NULL, NULL));
  g_assert_false (rd_schedule_check_booking (f->store, c, f->tz, NULL, NULL));
  g_assert_true (rd_schedule_check_booking (f->store, spring, f->tz, NULL, NULL));
  g_assert_false (rd_schedule_check_booking (f->store, spring_early, f->tz, NULL, NULL));
}

/* ---------------------------------------------------------------- */
/* Slots                                                             */
/* ---------------------------------------------------------------- */

static void
test_slots_basic (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) b = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 8, 0), at (f, 2026, 3, 2, 8, 30),
                                 "Jane Doe", "M100", "routine");
  g_autoptr (GPtrArray) slots = rd_schedule_find_slots (f->store, f->ct_head, at (f, 2026, 3, 2, 7, 0), 3, f->tz);
  g_autoptr (GPtrArray) aligned = rd_schedule_find_slots (f->store, f->ct_head, at (f, 2026, 3, 2, 10, 2), 2, f->tz);
  g_autoptr (GPtrArray) mr = rd_schedule_find_slots (f->store, f->mr_brain, at (f, 2026, 3, 2, 23, 50), 1, f->tz);
  RdSlot *s;

  g_assert_cmpuint (slots->len, ==, 3);
  s = g_ptr_array_index (slots, 0);
  g_assert_cmpstr (s->modality_id, ==, f->ct_a);
  g_assert_cmpint (s->start, ==, at (f, 2026, 3, 2, 8, 30));
  g_assert_cmpint (s->end, ==, at (f, 2026, 3, 2, 8, 50));
  s = g_ptr_array_index (slots, 1);
  g_assert_cmpstr (s->modality_id, ==, f->ct_a);
  g_assert_cmpint (s->start, ==, at (f, 2026, 3, 2, 8, 50));
  s = g_ptr_array_index (slots, 2);
  g_assert_cmpstr (s->modality_id, ==, f->ct_b);
  g_assert_cmpint (s->start, ==, at (f, 2026, 3, 2, 9, 0));

  /* 10:02 rounds up to 10:05; both CT rooms are free; the inactive one never offers a slot. */
  g_assert_cmpuint (aligned->len, ==, 2);
  for (guint i = 0; i < aligned->len; i++)
    {
      s = g_ptr_array_index (aligned, i);
      g_assert_cmpint (s->start, ==, at (f, 2026, 3, 2, 10, 5));
      g_assert_cmpstr (s->modality_id, !=, f->ct_off);
    }

  /* Only modalities of the exam's kind; across midnight when open day and night. */
  g_assert_cmpuint (mr->len, ==, 1);
  s = g_ptr_array_index (mr, 0);
  g_assert_cmpstr (s->modality_id, ==, f->mr);
  g_assert_cmpint (s->start, ==, at (f, 2026, 3, 2, 23, 50));
  g_assert_cmpint (s->end, ==, at (f, 2026, 3, 3, 0, 30));
}

static void
test_slots_day_boundary (Fixture *f, gconstpointer data)
{
  /* Friday 17:50: CT A closes at 18:00, CT B at 17:00; next is CT A on Saturday at 07:00. */
  g_autoptr (GPtrArray) slots = rd_schedule_find_slots (f->store, f->ct_head, at (f, 2026, 3, 6, 17, 50), 1, f->tz);
  g_autoptr (GPtrArray) tight = NULL;
  g_autoptr (RdRecord) down = add_downtime (f, f->ct_a, at (f, 2026, 3, 2, 8, 0), at (f, 2026, 3, 2, 9, 0), TRUE);
  g_autoptr (RdRecord) b1 = book (f, f->ct_b, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 10),
                                  "Jane Doe", "M100", "routine");
  g_autoptr (RdRecord) b2 = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 15), at (f, 2026, 3, 2, 10, 0),
                                  "Bob Test", "M101", "routine");
  RdSlot *s;

  g_assert_cmpuint (slots->len, ==, 1);
  s = g_ptr_array_index (slots, 0);
  g_assert_cmpstr (s->modality_id, ==, f->ct_a);
  g_assert_cmpint (s->start, ==, at (f, 2026, 3, 7, 7, 0));

  /* Gaps too short for 20 minutes are skipped: CT A 09:00-09:15 is too short. */
  tight = rd_schedule_find_slots (f->store, f->ct_head, at (f, 2026, 3, 2, 7, 0), 2, f->tz);
  g_assert_cmpuint (tight->len, ==, 2);
  s = g_ptr_array_index (tight, 0);
  g_assert_cmpstr (s->modality_id, ==, f->ct_b);
  g_assert_cmpint (s->start, ==, at (f, 2026, 3, 2, 9, 10));
  s = g_ptr_array_index (tight, 1);
  g_assert_cmpstr (s->modality_id, ==, f->ct_b);
  g_assert_cmpint (s->start, ==, at (f, 2026, 3, 2, 9, 30));
}

static void
test_slots_dst (Fixture *f, gconstpointer data)
{
  /* From Saturday evening 28 March: CT A reopens on Sunday 29 March at 07:00 BST = 06:00 UTC. */
  g_autoptr (GPtrArray) spring = rd_schedule_find_slots (f->store, f->ct_head, utc ("2026-03-28T21:50:00Z"), 1, f->tz);
  g_autoptr (GPtrArray) autumn = rd_schedule_find_slots (f->store, f->ct_head, utc ("2026-10-24T21:50:00Z"), 1, f->tz);
  RdSlot *s;

  g_assert_cmpuint (spring->len, ==, 1);
  s = g_ptr_array_index (spring, 0);
  g_assert_cmpint (s->start, ==, utc ("2026-03-29T06:00:00Z"));
  g_assert_cmpuint (autumn->len, ==, 1);
  s = g_ptr_array_index (autumn, 0);
  g_assert_cmpint (s->start, ==, utc ("2026-10-25T07:00:00Z"));
}

/* ---------------------------------------------------------------- */
/* Downtime rebooking                                                */
/* ---------------------------------------------------------------- */

static void
test_downtime_plan (Fixture *f, gconstpointer data)
{
  /* CT A goes down 09:00-12:00. CT B has only 10:00-10:30 free before noon. */
  g_autoptr (RdRecord) routine = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 30),
                                       "Rita Routine", "R1", "routine");
  g_autoptr (RdRecord) stat = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 30), at (f, 2026, 3, 2, 10, 0),
                                    "Sam Stat", "S1", "stat");
  g_autoptr (RdRecord) urgent = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 11, 0), at (f, 2026, 3, 2, 11, 20),
                                      "Una Urgent", "U1", "urgent");
  g_autoptr (RdRecord) done = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 8, 40), at (f, 2026, 3, 2, 9, 0),
                                    "Touching Before", "T1", "routine");
  g_autoptr (RdRecord) busy1 = book (f, f->ct_b, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 10, 0),
                                     "Busy One", "B1", "routine");
  g_autoptr (RdRecord) busy2 = book (f, f->ct_b, f->ct_head, at (f, 2026, 3, 2, 10, 30), at (f, 2026, 3, 2, 12, 0),
                                     "Busy Two", "B2", "routine");
  g_autoptr (RdRecord) down = add_downtime (f, f->ct_a, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 12, 0), FALSE);
  g_autoptr (GPtrArray) plan = rd_schedule_plan_downtime (f->store, down, f->tz);
  g_autoptr (RdRecord) after_routine = NULL;
  g_autoptr (RdRecord) after_stat = NULL;
  g_autoptr (RdRecord) after_done = NULL;
  g_autoptr (GPtrArray) plan_again = NULL;
  g_autoptr (RdRecord) saved_down = NULL;
  g_autoptr (GError) error = NULL;
  RdRebookMove *m;

  g_assert_cmpuint (plan->len, ==, 3);
  m = g_ptr_array_index (plan, 0);
  g_assert_cmpstr (rd_record_get_id (m->booking), ==, rd_record_get_id (stat));
  g_assert_nonnull (m->slot);
  g_assert_cmpstr (m->slot->modality_id, ==, f->ct_b);
  g_assert_cmpint (m->slot->start, ==, at (f, 2026, 3, 2, 10, 0));
  g_assert_cmpint (m->slot->end, ==, at (f, 2026, 3, 2, 10, 30));
  m = g_ptr_array_index (plan, 1);
  g_assert_cmpstr (rd_record_get_id (m->booking), ==, rd_record_get_id (urgent));
  g_assert_cmpint (m->slot->start, ==, at (f, 2026, 3, 2, 12, 0));
  m = g_ptr_array_index (plan, 2);
  g_assert_cmpstr (rd_record_get_id (m->booking), ==, rd_record_get_id (routine));
  /* Routine came earliest but chose last: 12:00 is gone on one room, it gets the other. */
  g_assert_cmpint (m->slot->start, ==, at (f, 2026, 3, 2, 12, 0));
  g_assert_cmpstr (m->slot->modality_id, !=, ((RdRebookMove *) plan->pdata[1])->slot->modality_id);

  /* The plan is only a preview. */
  after_routine = rd_store_get (f->store, "booking", rd_record_get_id (routine), NULL);
  g_assert_cmpint (rd_record_get_int (after_routine, "start"), ==, at (f, 2026, 3, 2, 9, 0));
  g_clear_object (&after_routine);

  g_assert_true (rd_schedule_apply_plan (f->store, plan, down, "test", &error));
  g_assert_no_error (error);
  after_routine = rd_store_get (f->store, "booking", rd_record_get_id (routine), NULL);
  after_stat = rd_store_get (f->store, "booking", rd_record_get_id (stat), NULL);
  after_done = rd_store_get (f->store, "booking", rd_record_get_id (done), NULL);
  g_assert_cmpint (rd_record_get_int (after_routine, "start"), ==, at (f, 2026, 3, 2, 12, 0));
  g_assert_cmpstr (rd_record_get_text (after_stat, "modality_id"), ==, f->ct_b);
  g_assert_cmpint (rd_record_get_int (after_stat, "start"), ==, at (f, 2026, 3, 2, 10, 0));
  g_assert_cmpint (rd_record_get_int (after_done, "start"), ==, at (f, 2026, 3, 2, 8, 40));
  saved_down = rd_store_get (f->store, "downtime", rd_record_get_id (down), NULL);
  g_assert_nonnull (saved_down);

  /* Nothing is left to move. */
  plan_again = rd_schedule_plan_downtime (f->store, down, f->tz);
  g_assert_cmpuint (plan_again->len, ==, 0);
}

static void
test_downtime_plan_stale (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) a = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 20),
                                 "Amy Test", "A1", "routine");
  g_autoptr (RdRecord) b = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 20), at (f, 2026, 3, 2, 9, 40),
                                 "Ben Test", "B1", "routine");
  g_autoptr (RdRecord) down = add_downtime (f, f->ct_a, at (f, 2026, 3, 2, 8, 0), at (f, 2026, 3, 2, 18, 0), FALSE);
  g_autoptr (GPtrArray) plan = rd_schedule_plan_downtime (f->store, down, f->tz);
  g_autoptr (RdRecord) taker = NULL;
  g_autoptr (RdRecord) still = NULL;
  g_autoptr (GError) error = NULL;
  RdRebookMove *m;

  g_assert_cmpuint (plan->len, ==, 2);
  m = g_ptr_array_index (plan, 0);
  g_assert_cmpstr (m->slot->modality_id, ==, f->ct_b);
  g_assert_cmpint (m->slot->start, ==, at (f, 2026, 3, 2, 9, 0));

  /* Someone takes CT B at 09:00 before the plan is applied: nothing changes. */
  taker = book (f, f->ct_b, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 20), "Quick Test", "Q1", "routine");
  g_assert_false (rd_schedule_apply_plan (f->store, plan, down, "test", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_CONFLICT);
  still = rd_store_get (f->store, "booking", rd_record_get_id (a), NULL);
  g_assert_cmpstr (rd_record_get_text (still, "modality_id"), ==, f->ct_a);
  g_assert_null (rd_store_get (f->store, "downtime", rd_record_get_id (down), NULL));
}

/* ---------------------------------------------------------------- */
/* Status, conflicts, waitlist                                       */
/* ---------------------------------------------------------------- */

static void
test_status_workflow (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) b = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 20),
                                 "Jane Doe", "M100", "routine");
  g_autoptr (RdRecord) c = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 10, 0), at (f, 2026, 3, 2, 10, 20),
                                 "Bob Test", "M101", "routine");
  g_autoptr (RdRecord) now = NULL;
  g_autoptr (GError) error = NULL;
  const char *id = rd_record_get_id (b);

  g_assert_true (rd_schedule_can_change_status ("requested", "scheduled"));
  g_assert_false (rd_schedule_can_change_status ("requested", "completed"));
  g_assert_false (rd_schedule_can_change_status ("scheduled", "in_progress"));
  g_assert_true (rd_schedule_can_change_status ("arrived", "no_show"));
  g_assert_false (rd_schedule_can_change_status ("in_progress", "no_show"));
  g_assert_true (rd_schedule_can_change_status ("in_progress", "cancelled"));
  g_assert_false (rd_schedule_can_change_status ("completed", "cancelled"));
  g_assert_false (rd_schedule_can_change_status ("cancelled", "scheduled"));

  g_assert_false (rd_schedule_set_status (f->store, id, "completed", NULL, "test", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (rd_schedule_set_status (f->store, id, "arrived", NULL, "test", &error));
  g_assert_true (rd_schedule_set_status (f->store, id, "in_progress", NULL, "test", &error));
  g_assert_true (rd_schedule_set_status (f->store, id, "completed", NULL, "test", &error));
  g_assert_no_error (error);
  now = rd_store_get (f->store, "booking", id, NULL);
  g_assert_cmpstr (rd_record_get_text (now, "status"), ==, "completed");
  g_assert_false (rd_schedule_set_status (f->store, id, "cancelled", "Too late", "test", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (rd_schedule_set_status (f->store, rd_record_get_id (c), "cancelled", "  ", "test", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (rd_schedule_set_status (f->store, rd_record_get_id (c), "cancelled", "Patient unwell", "test", &error));
  g_clear_object (&now);
  now = rd_store_get (f->store, "booking", rd_record_get_id (c), NULL);
  g_assert_cmpstr (rd_record_get_text (now, "cancel_reason"), ==, "Patient unwell");
}

static void
test_conflicts_and_waitlist (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) b = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 20),
                                 "Jane Doe", "M100", "routine");
  g_autoptr (RdRecord) flagged = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 10),
                                              at (f, 2026, 3, 2, 9, 30), "Flag Test", "F1", "routine");
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GPtrArray) waitlist = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  g_autoptr (RdRecord) booked = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  const char *priorities[] = { "routine", "stat", "urgent", "stat" };
  const gint64 requested[] = { 100, 300, 200, 400 };

  /* As the server stores a double booking after sync. */
  rd_record_set_text (flagged, "conflict_with", rd_record_get_id (b));
  g_assert_true (rd_store_put (f->store, flagged, &error));
  g_assert_no_error (error);
  conflicts = rd_schedule_list_conflicts (f->store, 0);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (conflicts, 0)), ==, rd_record_get_id (flagged));

  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    {
      g_autoptr (RdRecord) r = rd_record_new_for_table ("booking_request");
      g_autofree char *name = g_strdup_printf ("Waiting %u", i);

      rd_record_set_text (r, "exam_type_id", f->ct_head);
      rd_record_set_text (r, "patient_name", name);
      rd_record_set_text (r, "patient_mrn", name);
      rd_record_set_text (r, "priority", priorities[i]);
      rd_record_set_int (r, "requested_at", requested[i]);
      g_assert_true (rd_store_save (f->store, r, "test", NULL));
    }
  waitlist = rd_schedule_list_waitlist (f->store);
  g_assert_cmpuint (waitlist->len, ==, 4);
  g_assert_cmpstr (rd_record_get_text (g_ptr_array_index (waitlist, 0), "patient_name"), ==, "Waiting 1");
  g_assert_cmpstr (rd_record_get_text (g_ptr_array_index (waitlist, 1), "patient_name"), ==, "Waiting 3");
  g_assert_cmpstr (rd_record_get_text (g_ptr_array_index (waitlist, 2), "patient_name"), ==, "Waiting 2");
  g_assert_cmpstr (rd_record_get_text (g_ptr_array_index (waitlist, 3), "patient_name"), ==, "Waiting 0");

  slots = rd_schedule_find_slots (f->store, f->ct_head, at (f, 2026, 3, 2, 9, 0), 1, f->tz);
  booked = rd_schedule_book_request (f->store, g_ptr_array_index (waitlist, 0), g_ptr_array_index (slots, 0), f->tz,
                                     "test", &error);
  g_assert_no_error (error);
  g_assert_nonnull (booked);
  g_assert_cmpstr (rd_record_get_text (booked, "status"), ==, "scheduled");
  g_assert_cmpstr (rd_record_get_text (booked, "priority"), ==, "stat");
  after = rd_schedule_list_waitlist (f->store);
  g_assert_cmpuint (after->len, ==, 3);
}

static RdRecord *
save_new (Fixture *f, const char *table, ...)
{
  RdRecord *r = rd_record_new_for_table (table);
  g_autoptr (GError) error = NULL;
  const char *column;
  va_list args;

  va_start (args, table);
  while ((column = va_arg (args, const char *)) != NULL)
    {
      const RdColumn *c = rd_table_get_column (rd_record_get_table (r), column);

      if (c->type == RD_COLUMN_INTEGER || c->type == RD_COLUMN_MONEY || c->type == RD_COLUMN_TIME
          || c->type == RD_COLUMN_BOOLEAN)
        rd_record_set_int (r, column, va_arg (args, gint64));
      else
        rd_record_set_text (r, column, va_arg (args, const char *));
    }
  va_end (args);

  g_assert_true (rd_store_save (f->store, r, "test", &error));
  g_assert_no_error (error);
  return r;
}

static void
test_check_technologist (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) tech = save_new (f, "staff", "name", "Tess Tech", "job", "technologist", "modality_kinds", "CT",
                                        "is_trainer", (gint64) 0, "active", (gint64) 1, NULL);
  g_autoptr (RdRecord) course = save_new (f, "course", "title", "CT dose optimisation", "category", "radiation_safety",
                                          "renewal_months", (gint64) 12, "hours", (gint64) 1, NULL);
  g_autoptr (RdRecord) req = save_new (f, "course_requirement", "course_id", rd_record_get_id (course),
                                       "modality_kind", "CT", NULL);
  g_autoptr (RdRecord) old = save_new (f, "training_record", "staff_id", rd_record_get_id (tech), "course_id",
                                       rd_record_get_id (course), "date", "2024-01-10", "hours", (gint64) 1,
                                       "outcome", "competent", NULL);
  g_autoptr (RdRecord) b = new_booking (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 20),
                                        "Jane Doe", "M100", "routine");
  g_autoptr (GPtrArray) problems = NULL;
  gboolean warned = FALSE;

  rd_record_set_text (b, "technologist_id", rd_record_get_id (tech));
  problems = rd_schedule_review_booking (f->store, b, f->tz);
  g_assert_null (first_error_field (problems));
  for (guint i = 0; i < problems->len; i++)
    {
      RdScheduleProblem *p = g_ptr_array_index (problems, i);

      if (g_str_equal (p->field, "technologist_id"))
        {
          g_assert_cmpint (p->severity, ==, RD_SCHEDULE_WARNING);
          g_assert_true (strstr (p->message, "CT dose optimisation") != NULL);
          g_assert_true (strstr (p->message, "Tess Tech") != NULL);
          warned = TRUE;
        }
    }
  g_assert_true (warned);
}

static void
test_status_complete_consumes (Fixture *f, gconstpointer data)
{
  g_autoptr (RdRecord) item = save_new (f, "supply_item", "sku", "GEL-250", "name", "Gel", "category", "general",
                                        "unit", "bottle", "par_level", (gint64) 10, "reorder_point", (gint64) 2,
                                        "reorder_qty", (gint64) 10, "unit_cost", (gint64) 300, "lot_tracked", (gint64) 0,
                                        "active", (gint64) 1, NULL);
  g_autoptr (RdRecord) stock = save_new (f, "stock_movement", "item_id", rd_record_get_id (item), "quantity", (gint64) 10,
                                         "kind", "receive", "at", (gint64) at (f, 2026, 3, 1, 9, 0), NULL);
  g_autoptr (RdRecord) use = save_new (f, "exam_consumable", "exam_type_id", f->ct_head, "item_id",
                                       rd_record_get_id (item), "quantity", (gint64) 2, NULL);
  g_autoptr (RdRecord) b = book (f, f->ct_a, f->ct_head, at (f, 2026, 3, 2, 9, 0), at (f, 2026, 3, 2, 9, 20),
                                 "Jane Doe", "M100", "routine");
  const char *id = rd_record_get_id (b);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, rd_record_get_id (item)), ==, 10);
  g_assert_true (rd_schedule_set_status (f->store, id, "arrived", NULL, "test", &error));
  g_assert_true (rd_schedule_set_status (f->store, id, "in_progress", NULL, "test", &error));
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, rd_record_get_id (item)), ==, 10);
  g_assert_true (rd_schedule_set_status (f->store, id, "completed", NULL, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_inventory_stock_on_hand (f->store, rd_record_get_id (item)), ==, 8);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/hours/parse", test_hours_parse);
#define ADD(path, fn) g_test_add ("/schedule/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("hours/dst", test_hours_dst);
  ADD ("hours/overnight", test_hours_overnight);
  ADD ("check/times", test_check_times);
  ADD ("check/kind", test_check_kind);
  ADD ("check/overlap", test_check_overlap);
  ADD ("check/downtime", test_check_downtime);
  ADD ("check/opening-hours", test_check_opening_hours);
  ADD ("check/same-patient", test_check_same_patient);
  ADD ("check/dst", test_check_dst);
  ADD ("slots/basic", test_slots_basic);
  ADD ("slots/day-boundary", test_slots_day_boundary);
  ADD ("slots/dst", test_slots_dst);
  ADD ("downtime/plan", test_downtime_plan);
  ADD ("downtime/plan-stale", test_downtime_plan_stale);
  ADD ("check/technologist", test_check_technologist);
  ADD ("status/workflow", test_status_workflow);
  ADD ("status/complete-consumes", test_status_complete_consumes);
  ADD ("status/conflicts-waitlist", test_conflicts_and_waitlist);
#undef ADD

  return g_test_run ();
}
