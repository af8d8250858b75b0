/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-status.c: the booking status workflow, the conflict list and the waitlist. */

#include "rd-schedule.h"
#include "rd-error.h"
#include "rd-schedule-private.h"
#include "rd-inventory.h"

#include <glib/gi18n.h>

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static const struct
{
  const char *from;
  const char *to;
} transitions[] = {
  { "requested", "scheduled" },
  { "scheduled", "arrived" },
  { "arrived", "in_progress" },
  { "in_progress", "completed" },
  { "scheduled", "no_show" },
  { "arrived", "no_show" },
};

static GPtrArray *
records_by_sql (RdStore    *store,
                const char *table,
                const char *sql)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (rd_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot list %s: %s", table, sqlite3_errmsg (rd_store_get_db (store)));
      return records;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RdRecord *record = rd_store_get (store, table, (const char *) sqlite3_column_text (stmt, 0), NULL);

      if (record != NULL)
        g_ptr_array_add (records, record);
    }
  sqlite3_finalize (stmt);

  return records;
}

static gboolean
has_text (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;
  return FALSE;
}

static int
compare_requests (gconstpointer a,
                  gconstpointer b)
{
  RdRecord *x = *(RdRecord **) a, *y = *(RdRecord **) b;
  int px = rd_schedule_priority_rank (rd_record_get_text (x, "priority"));
  int py = rd_schedule_priority_rank (rd_record_get_text (y, "priority"));
  gint64 tx = rd_record_get_int (x, "requested_at"), ty = rd_record_get_int (y, "requested_at");

  if (px != py)
    return py - px;
  return tx < ty ? -1 : tx > ty ? 1 : 0;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_schedule_priority_rank:
 * @priority: routine, urgent or stat
 *
 * Returns: 0 for routine, 1 for urgent, 2 for STAT, -1 for anything else
 */
int
rd_schedule_priority_rank (const char *priority)
{
  if (g_strcmp0 (priority, "routine") == 0)
    return 0;
  if (g_strcmp0 (priority, "urgent") == 0)
    return 1;
  if (g_strcmp0 (priority, "stat") == 0)
    return 2;
  return -1;
}

/**
 * rd_schedule_status_label:
 * @status: a booking status
 *
 * Returns: (transfer none): what a person calls it
 */
const char *
rd_schedule_status_label (const char *status)
{
  static const struct { const char *id; const char *label; } labels[] = {
    { "requested", N_("requested") }, { "scheduled", N_("scheduled") }, { "arrived", N_("arrived") },
    { "in_progress", N_("in progress") }, { "completed", N_("completed") }, { "no_show", N_("no-show") },
    { "cancelled", N_("cancelled") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].id, status) == 0)
      return _(labels[i].label);
  return status != NULL ? status : "";
}

/**
 * rd_schedule_priority_label:
 * @priority: a booking priority
 *
 * Returns: (transfer none): what a person calls it
 */
const char *
rd_schedule_priority_label (const char *priority)
{
  switch (rd_schedule_priority_rank (priority))
    {
    case 0: return _("Routine");
    case 1: return _("Urgent");
    case 2: return _("STAT");
    default: return priority != NULL ? priority : "";
    }
}

/**
 * rd_schedule_can_change_status:
 * @from: the booking's status now
 * @to: the status wanted
 *
 * requested → scheduled → arrived → in_progress → completed; no_show from scheduled or arrived;
 * cancelled from anything but completed (and cancelled).
 *
 * Returns: whether the workflow allows the change
 */
gboolean
rd_schedule_can_change_status (const char *from,
                               const char *to)
{
  if (from == NULL || to == NULL)
    return FALSE;

  if (g_str_equal (to, "cancelled"))
    return !g_str_equal (from, "completed") && !g_str_equal (from, "cancelled");

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (g_str_equal (transitions[i].from, from) && g_str_equal (transitions[i].to, to))
      return TRUE;

  return FALSE;
}

/**
 * rd_schedule_set_status:
 * @store: a store
 * @booking_id: a booking
 * @status: the new status
 * @reason: (nullable): why, required for cancelled
 * @user: who changes it
 * @error: why it was not changed
 *
 * A completed booking consumes its exam type's consumables from stock in the same transaction.
 *
 * Returns: whether the status was changed (or already was @status)
 */
gboolean
rd_schedule_set_status (RdStore     *store,
                        const char  *booking_id,
                        const char  *status,
                        const char  *reason,
                        const char  *user,
                        GError     **error)
{
  g_autoptr (RdRecord) current = NULL;
  g_autoptr (RdRecord) booking = NULL;
  const char *from;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (booking_id != NULL && status != NULL, FALSE);

  if ((current = rd_store_get (store, "booking", booking_id, error)) == NULL)
    return FALSE;

  from = rd_record_get_text (current, "status");
  if (g_strcmp0 (from, status) == 0)
    return TRUE;

  if (!rd_schedule_can_change_status (from, status))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("A booking that is %s cannot become %s."),
                   rd_schedule_status_label (from), rd_schedule_status_label (status));
      return FALSE;
    }

  if (g_str_equal (status, "cancelled") && !has_text (reason))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Give a reason for cancelling the booking."));
      return FALSE;
    }

  booking = rd_record_copy (current);
  rd_record_set_text (booking, "status", status);
  if (g_str_equal (status, "cancelled"))
    rd_record_set_text (booking, "cancel_reason", reason);

  if (!rd_store_begin (store, error))
    return FALSE;
  if (!rd_store_save (store, booking, user, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }
  /* Stock leaves the shelf with the completion, in the same transaction: either both or neither. */
  if (g_str_equal (status, "completed") && !rd_inventory_consume_for_booking (store, booking, user, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }
  return rd_store_commit (store, error);
}

/**
 * rd_schedule_list_conflicts:
 * @store: a store
 * @since: only bookings that start at or after this time (Unix seconds), so that the start index
 *   keeps the query short on years of bookings; 0 for all
 *
 * Returns: (transfer full) (element-type RdRecord): the live, non-cancelled bookings that the
 *   server flagged (`conflict_with` set), by start
 */
GPtrArray *
rd_schedule_list_conflicts (RdStore *store,
                            gint64   since)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  sql = g_strdup_printf ("SELECT id FROM booking WHERE \"start\" >= %" G_GINT64_FORMAT " AND deleted = 0 "
                         "AND conflict_with IS NOT NULL AND conflict_with != '' AND status != 'cancelled' "
                         "ORDER BY \"start\"", since);
  return records_by_sql (store, "booking", sql);
}

/**
 * rd_schedule_list_waitlist:
 * @store: a store
 *
 * Returns: (transfer full) (element-type RdRecord): booking requests not yet booked, STAT first,
 *   then urgent, then routine, each by request time
 */
GPtrArray *
rd_schedule_list_waitlist (RdStore *store)
{
  GPtrArray *requests;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  requests = records_by_sql (store, "booking_request",
                             "SELECT id FROM booking_request WHERE deleted = 0 "
                             "AND (booking_id IS NULL OR booking_id = '')");
  g_ptr_array_sort (requests, compare_requests);
  return requests;
}

/**
 * rd_schedule_book_request:
 * @store: a store
 * @request: a booking_request of the waitlist
 * @slot: where to book it
 * @tz: the department's time zone
 * @user: who books it
 * @error: why it was not booked
 *
 * Makes a scheduled booking from the request in @slot, checked by the same rules as any other
 * booking, and marks the request as booked, in one transaction.
 *
 * Returns: (transfer full) (nullable): the new booking
 */
RdRecord *
rd_schedule_book_request (RdStore     *store,
                          RdRecord    *request,
                          RdSlot      *slot,
                          GTimeZone   *tz,
                          const char  *user,
                          GError     **error)
{
  g_autoptr (RdRecord) booking = rd_record_new_for_table ("booking");
  g_autoptr (RdRecord) done = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_RECORD (request), NULL);
  g_return_val_if_fail (slot != NULL, NULL);

  rd_record_set_text (booking, "modality_id", slot->modality_id);
  rd_record_set_text (booking, "exam_type_id", rd_record_get_text (request, "exam_type_id"));
  rd_record_set_int (booking, "start", slot->start);
  rd_record_set_int (booking, "end", slot->end);
  rd_record_set_text (booking, "patient_name", rd_record_get_text (request, "patient_name"));
  rd_record_set_text (booking, "patient_mrn", rd_record_get_text (request, "patient_mrn"));
  rd_record_set_text (booking, "priority", rd_record_get_text (request, "priority"));
  rd_record_set_text (booking, "status", "scheduled");
  rd_record_set_text (booking, "referring_clinician", rd_record_get_text (request, "referring_clinician"));
  rd_record_set_text (booking, "notes", rd_record_get_text (request, "notes"));

  if (!rd_schedule_check_booking (store, booking, tz, NULL, error))
    return NULL;

  done = rd_record_copy (request);
  rd_record_set_text (done, "booking_id", rd_record_get_id (booking));

  if (!rd_store_begin (store, error))
    return NULL;
  if (!rd_store_save (store, booking, user, error) || !rd_store_save (store, done, user, error))
    {
      rd_store_rollback (store);
      return NULL;
    }
  if (!rd_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&booking);
}
