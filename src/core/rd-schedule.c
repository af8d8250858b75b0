/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule.c: the booking rules — collisions, opening hours and the check of one booking. */

#include "rd-schedule.h"
#include "rd-error.h"
#include "rd-schedule-private.h"
#include "rd-training.h"

#include <glib/gi18n.h>
#include <string.h>

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
add_problem (GPtrArray          *problems,
             RdScheduleSeverity  severity,
             const char         *field,
             char               *message)
{
  RdScheduleProblem *problem = g_new0 (RdScheduleProblem, 1);

  problem->severity = severity;
  problem->field = g_strdup (field);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static void
check_overlaps (RdStore    *store,
                RdRecord   *booking,
                RdRecord   *modality,
                GTimeZone  *tz,
                GPtrArray  *problems)
{
  g_autoptr (GPtrArray) bookings = NULL;
  g_autoptr (GPtrArray) downtimes = NULL;
  g_autoptr (GPtrArray) same_time = NULL;
  const char *modality_id = rd_record_get_id (modality);
  const char *mrn = rd_record_get_text (booking, "patient_mrn");
  gint64 start = rd_record_get_int (booking, "start");
  gint64 end = rd_record_get_int (booking, "end");

  bookings = rd_store_list_range (store, "booking", start, end, modality_id);
  for (guint i = 0; i < bookings->len; i++)
    {
      RdRecord *other = g_ptr_array_index (bookings, i);
      g_autofree char *span = NULL;

      if (g_str_equal (rd_record_get_id (other), rd_record_get_id (booking))
          || !rd_schedule_is_active_status (rd_record_get_text (other, "status")))
        continue;

      span = rd_schedule_format_span (tz, rd_record_get_int (other, "start"), rd_record_get_int (other, "end"));
      add_problem (problems, RD_SCHEDULE_ERROR, "start",
                   g_strdup_printf (_("%s is already booked %s for %s."), rd_record_get_text (modality, "name"),
                                    span, rd_record_get_text (other, "patient_name")));
      break;
    }

  downtimes = rd_store_list_range (store, "downtime", start, end, modality_id);
  if (downtimes->len > 0)
    {
      RdRecord *down = g_ptr_array_index (downtimes, 0);
      g_autofree char *span = rd_schedule_format_span (tz, rd_record_get_int (down, "start"),
                                                       rd_record_get_int (down, "end"));

      add_problem (problems, RD_SCHEDULE_ERROR, "start",
                   g_strdup_printf (_("%s is down %s (%s)."), rd_record_get_text (modality, "name"), span,
                                    rd_record_get_text (down, "reason")));
    }

  /* The same patient in two rooms at once is only a warning: a porter may bring them across. */
  if (is_blank (mrn))
    return;
  same_time = rd_store_list_range (store, "booking", start, end, NULL);
  for (guint i = 0; i < same_time->len; i++)
    {
      RdRecord *other = g_ptr_array_index (same_time, i);
      g_autofree char *span = NULL;
      g_autofree char *where = NULL;

      if (g_str_equal (rd_record_get_id (other), rd_record_get_id (booking))
          || !rd_schedule_is_active_status (rd_record_get_text (other, "status"))
          || g_strcmp0 (rd_record_get_text (other, "patient_mrn"), mrn) != 0)
        continue;

      span = rd_schedule_format_span (tz, rd_record_get_int (other, "start"), rd_record_get_int (other, "end"));
      where = rd_schedule_dup_name (store, "modality", rd_record_get_text (other, "modality_id"));
      add_problem (problems, RD_SCHEDULE_WARNING, "patient_mrn",
                   g_strdup_printf (_("The same patient (MRN %s) is also booked on %s %s."), mrn, where, span));
      break;
    }
}

static void
check_opening_hours (RdStore    *store,
                     RdRecord   *booking,
                     RdRecord   *modality,
                     GTimeZone  *tz,
                     GPtrArray  *problems)
{
  RdOpeningHours hours;
  const char *priority = rd_record_get_text (booking, "priority");
  gboolean urgent = g_strcmp0 (priority, "urgent") == 0 || g_strcmp0 (priority, "stat") == 0;

  if (!rd_opening_hours_parse (rd_record_get_text (modality, "opening_hours"), &hours, NULL))
    return; /* hours that cannot be read close nothing; the modality's editor says why */

  if (rd_opening_hours_contains (&hours, tz, rd_record_get_int (booking, "start"),
                                 rd_record_get_int (booking, "end")))
    return;

  if (urgent && !is_blank (rd_record_get_text (booking, "override_reason")))
    return;

  if (urgent)
    add_problem (problems, RD_SCHEDULE_ERROR, "override_reason",
                 g_strdup_printf (_("%s is closed then; give a reason to book an urgent exam outside opening hours."),
                                  rd_record_get_text (modality, "name")));
  else
    add_problem (problems, RD_SCHEDULE_ERROR, "start",
                 g_strdup_printf (_("%s is closed then; only urgent and STAT exams may be booked outside opening hours."),
                                  rd_record_get_text (modality, "name")));
}

static void
check_technologist (RdStore    *store,
                    RdRecord   *booking,
                    RdRecord   *modality,
                    GTimeZone  *tz,
                    GPtrArray  *problems)
{
  const char *staff_id = rd_record_get_text (booking, "technologist_id");
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GPtrArray) lapsed = NULL;
  g_autoptr (GString) list = NULL;
  g_autofree char *name = NULL;

  if (is_blank (staff_id))
    return;

  utc = g_date_time_new_from_unix_utc (rd_record_get_int (booking, "start"));
  local = g_date_time_to_timezone (utc, tz);
  lapsed = rd_training_staff_lapsed_for_kind (store, staff_id, rd_record_get_text (modality, "kind"), local);
  if (lapsed == NULL || lapsed->len == 0)
    return;

  list = g_string_new (NULL);
  for (guint i = 0; i < lapsed->len; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? "; " : "", (const char *) g_ptr_array_index (lapsed, i));

  name = rd_schedule_dup_name (store, "staff", staff_id);
  add_problem (problems, RD_SCHEDULE_WARNING, "technologist_id",
               g_strdup_printf (_("%s’s training for %s has lapsed: %s."), name,
                                rd_record_get_text (modality, "kind"), list->str));
}

/* ---------------------------------------------------------------- */
/* Private API                                                       */
/* ---------------------------------------------------------------- */

char *
rd_schedule_format_span (GTimeZone *tz,
                         gint64     start,
                         gint64     end)
{
  g_autoptr (GDateTime) s_utc = g_date_time_new_from_unix_utc (start);
  g_autoptr (GDateTime) e_utc = g_date_time_new_from_unix_utc (end);
  g_autoptr (GDateTime) s = g_date_time_to_timezone (s_utc, tz);
  g_autoptr (GDateTime) e = g_date_time_to_timezone (e_utc, tz);
  g_autofree char *day = g_date_time_format (s, "%a %-d %b");
  g_autofree char *from = g_date_time_format (s, "%H:%M");
  g_autofree char *to = g_date_time_format (e, "%H:%M");

  /* TRANSLATORS: a booking's time, e.g. "on Mon 2 Mar, 09:00–09:20" */
  return g_strdup_printf (_("on %s, %s–%s"), day, from, to);
}

char *
rd_schedule_dup_name (RdStore    *store,
                      const char *table,
                      const char *id)
{
  g_autoptr (RdRecord) record = id != NULL ? rd_store_get (store, table, id, NULL) : NULL;

  return record != NULL ? rd_record_dup_label (record) : g_strdup (_("an unknown record"));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

void
rd_schedule_problem_free (RdScheduleProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/**
 * rd_schedule_is_active_status:
 * @status: a booking status
 *
 * Returns: whether a booking of that status holds its slot (everything but cancelled)
 */
gboolean
rd_schedule_is_active_status (const char *status)
{
  return g_strcmp0 (status, "cancelled") != 0;
}

/**
 * rd_schedule_modality_hours:
 * @store: a store
 * @modality_id: a modality
 * @hours: (out caller-allocates): its opening hours
 *
 * Returns: whether the modality exists and its opening hours could be read
 */
gboolean
rd_schedule_modality_hours (RdStore        *store,
                            const char     *modality_id,
                            RdOpeningHours *hours)
{
  g_autoptr (RdRecord) modality = rd_store_get (store, "modality", modality_id, NULL);

  return modality != NULL && rd_opening_hours_parse (rd_record_get_text (modality, "opening_hours"), hours, NULL);
}

/**
 * rd_schedule_find_collision:
 * @store: a store
 * @booking: a booking (not yet saved, or saved: it never collides with itself)
 * @out_table: (out) (optional): "booking" or "downtime", the table of what it collides with
 *
 * A cancelled or deleted booking collides with nothing, and a booking never collides with one
 * already flagged against it. Touching intervals (one ends at 09:00,
 * the next starts at 09:00) do not collide.
 *
 * Returns: (transfer full) (nullable): the id of the first booking, else downtime, of the same
 *   modality that overlaps @booking
 */
char *
rd_schedule_find_collision (RdStore   *store,
                            RdRecord  *booking,
                            char     **out_table)
{
  g_autoptr (GPtrArray) bookings = NULL;
  g_autoptr (GPtrArray) downtimes = NULL;
  const char *modality_id;
  gint64 start, end;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_RECORD (booking), NULL);
  g_return_val_if_fail (g_str_equal (rd_record_get_table_name (booking), "booking"), NULL);

  if (out_table != NULL)
    *out_table = NULL;

  if (rd_record_get_deleted (booking) || g_strcmp0 (rd_record_get_text (booking, "status"), "cancelled") == 0)
    return NULL;

  modality_id = rd_record_get_text (booking, "modality_id");
  start = rd_record_get_int (booking, "start");
  end = rd_record_get_int (booking, "end");
  if (modality_id == NULL || end <= start)
    return NULL;

  bookings = rd_store_list_range (store, "booking", start, end, modality_id);
  for (guint i = 0; i < bookings->len; i++)
    {
      RdRecord *other = g_ptr_array_index (bookings, i);

      if (g_str_equal (rd_record_get_id (other), rd_record_get_id (booking))
          || g_strcmp0 (rd_record_get_text (other, "status"), "cancelled") == 0
          /* A booking already flagged against this one lost to it: editing this one (its notes,
           * say) must not flag it in turn. Commit order decides, once. */
          || g_strcmp0 (rd_record_get_text (other, "conflict_with"), rd_record_get_id (booking)) == 0)
        continue;

      if (out_table != NULL)
        *out_table = g_strdup ("booking");
      return g_strdup (rd_record_get_id (other));
    }

  downtimes = rd_store_list_range (store, "downtime", start, end, modality_id);
  if (downtimes->len > 0)
    {
      if (out_table != NULL)
        *out_table = g_strdup ("downtime");
      return g_strdup (rd_record_get_id (g_ptr_array_index (downtimes, 0)));
    }

  return NULL;
}

/**
 * rd_schedule_review_booking:
 * @store: a store
 * @booking: a booking being made or changed (not yet saved)
 * @tz: the department's time zone, in which opening hours are read
 *
 * Every rule of the schedule, each answered next to the field it concerns: missing fields, the
 * end after the start and at most 24 hours later, the modality's kind against the exam type's,
 * overlaps with bookings and downtime of the same modality (refused), opening hours (refused
 * unless urgent or STAT with an override reason), the same MRN elsewhere at the same time and a
 * technologist's lapsed training (warnings). A cancelled booking is only checked for its fields.
 *
 * Returns: (transfer full) (element-type RdScheduleProblem): the problems, errors first; empty
 *   when the booking may be saved as it is
 */
GPtrArray *
rd_schedule_review_booking (RdStore   *store,
                            RdRecord  *booking,
                            GTimeZone *tz)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_schedule_problem_free);
  g_autoptr (RdRecord) modality = NULL;
  g_autoptr (RdRecord) exam = NULL;
  const char *modality_id, *exam_type_id;
  gint64 start, end;
  gboolean times_ok = TRUE;

  g_return_val_if_fail (RD_IS_STORE (store), problems);
  g_return_val_if_fail (RD_IS_RECORD (booking), problems);
  g_return_val_if_fail (tz != NULL, problems);

  modality_id = rd_record_get_text (booking, "modality_id");
  exam_type_id = rd_record_get_text (booking, "exam_type_id");
  start = rd_record_get_int (booking, "start");
  end = rd_record_get_int (booking, "end");

  if (is_blank (modality_id) || (modality = rd_store_get (store, "modality", modality_id, NULL)) == NULL)
    add_problem (problems, RD_SCHEDULE_ERROR, "modality_id", g_strdup (_("Choose a modality.")));
  if (is_blank (exam_type_id) || (exam = rd_store_get (store, "exam_type", exam_type_id, NULL)) == NULL)
    add_problem (problems, RD_SCHEDULE_ERROR, "exam_type_id", g_strdup (_("Choose an exam type.")));
  if (is_blank (rd_record_get_text (booking, "patient_name")))
    add_problem (problems, RD_SCHEDULE_ERROR, "patient_name", g_strdup (_("Enter the patient’s name.")));
  if (is_blank (rd_record_get_text (booking, "patient_mrn")))
    add_problem (problems, RD_SCHEDULE_ERROR, "patient_mrn", g_strdup (_("Enter the patient’s MRN.")));
  if (rd_schedule_priority_rank (rd_record_get_text (booking, "priority")) < 0)
    add_problem (problems, RD_SCHEDULE_ERROR, "priority", g_strdup (_("Choose routine, urgent or STAT.")));

  if (end <= start)
    {
      add_problem (problems, RD_SCHEDULE_ERROR, "end", g_strdup (_("The end must be after the start.")));
      times_ok = FALSE;
    }
  else if (end - start > RD_SCHEDULE_MAX_BOOKING_SECONDS)
    {
      add_problem (problems, RD_SCHEDULE_ERROR, "end", g_strdup (_("A booking may last at most 24 hours.")));
      times_ok = FALSE;
    }

  if (modality != NULL && exam != NULL
      && g_strcmp0 (rd_record_get_text (modality, "kind"), rd_record_get_text (exam, "modality_kind")) != 0)
    add_problem (problems, RD_SCHEDULE_ERROR, "modality_id",
                 g_strdup_printf (_("%s is a %s exam, but %s is a %s modality."), rd_record_get_text (exam, "name"),
                                  rd_record_get_text (exam, "modality_kind"), rd_record_get_text (modality, "name"),
                                  rd_record_get_text (modality, "kind")));

  if (modality != NULL && times_ok && rd_schedule_is_active_status (rd_record_get_text (booking, "status")))
    {
      if (!rd_record_get_bool (modality, "active"))
        add_problem (problems, RD_SCHEDULE_ERROR, "modality_id",
                     g_strdup_printf (_("%s is out of service."), rd_record_get_text (modality, "name")));
      check_overlaps (store, booking, modality, tz, problems);
      check_opening_hours (store, booking, modality, tz, problems);
      check_technologist (store, booking, modality, tz, problems);
    }

  /* Errors first, so the first problem says why a booking is refused. */
  for (guint i = 0, errors = 0; i < problems->len; i++)
    {
      RdScheduleProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == RD_SCHEDULE_ERROR)
        {
          if (i != errors)
            {
              gpointer *pdata = problems->pdata;
              gpointer tmp = pdata[i];

              memmove (&pdata[errors + 1], &pdata[errors], (i - errors) * sizeof (gpointer));
              pdata[errors] = tmp;
            }
          errors++;
        }
    }

  return problems;
}

/**
 * rd_schedule_check_booking:
 * @store: a store
 * @booking: a booking being made or changed (not yet saved)
 * @tz: the department's time zone
 * @warnings: (out) (optional) (transfer full) (element-type utf8): the warnings, which do not
 *   stop the booking
 * @error: the first reason the booking is refused
 *
 * See rd_schedule_review_booking() for the rules.
 *
 * Returns: whether the booking may be saved
 */
gboolean
rd_schedule_check_booking (RdStore    *store,
                           RdRecord   *booking,
                           GTimeZone  *tz,
                           GPtrArray **warnings,
                           GError    **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (booking), FALSE);

  problems = rd_schedule_review_booking (store, booking, tz);
  if (warnings != NULL)
    *warnings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      RdScheduleProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == RD_SCHEDULE_ERROR && ok)
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, problem->message);
          ok = FALSE;
        }
      else if (problem->severity == RD_SCHEDULE_WARNING && warnings != NULL)
        g_ptr_array_add (*warnings, g_strdup (problem->message));
    }

  return ok;
}
