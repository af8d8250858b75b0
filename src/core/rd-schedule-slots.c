/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-slots.c: the free-slot finder and the rebooking plan after a downtime. */

#include "rd-schedule.h"
#include "rd-error.h"
#include "rd-schedule-private.h"

#include <glib/gi18n.h>

#define WINDOW_SECONDS (7 * 24 * 60 * 60)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gint64
align_up (gint64 t)
{
  gint64 r = t % RD_SCHEDULE_STEP_SECONDS;

  if (r < 0)
    r += RD_SCHEDULE_STEP_SECONDS;
  return r == 0 ? t : t + (RD_SCHEDULE_STEP_SECONDS - r);
}

static RdSlot *
slot_new (const char *modality_id,
          gint64      start,
          gint64      end)
{
  RdSlot *slot = g_new0 (RdSlot, 1);

  slot->modality_id = g_strdup (modality_id);
  slot->start = start;
  slot->end = end;
  return slot;
}

static int
compare_interval_start (gconstpointer a,
                        gconstpointer b)
{
  const RdInterval *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

/* What holds a modality's time in [from, to): live bookings (except those in @skip), downtime, and
 * the slots already promised in a plan (@extra, RdSlot). */
static GArray *
collect_busy (RdStore    *store,
              const char *modality_id,
              gint64      from,
              gint64      to,
              GHashTable *skip,
              GPtrArray  *extra)
{
  GArray *busy = g_array_new (FALSE, FALSE, sizeof (RdInterval));
  g_autoptr (GPtrArray) bookings = rd_store_list_range (store, "booking", from, to, modality_id);
  g_autoptr (GPtrArray) downtimes = rd_store_list_range (store, "downtime", from, to, modality_id);

  for (guint i = 0; i < bookings->len; i++)
    {
      RdRecord *b = g_ptr_array_index (bookings, i);
      RdInterval span = { rd_record_get_int (b, "start"), rd_record_get_int (b, "end") };

      if (!rd_schedule_is_active_status (rd_record_get_text (b, "status"))
          || (skip != NULL && g_hash_table_contains (skip, rd_record_get_id (b))))
        continue;
      g_array_append_val (busy, span);
    }

  for (guint i = 0; i < downtimes->len; i++)
    {
      RdRecord *d = g_ptr_array_index (downtimes, i);
      RdInterval span = { rd_record_get_int (d, "start"), rd_record_get_int (d, "end") };

      g_array_append_val (busy, span);
    }

  for (guint i = 0; extra != NULL && i < extra->len; i++)
    {
      RdSlot *s = g_ptr_array_index (extra, i);
      RdInterval span = { s->start, s->end };

      if (g_str_equal (s->modality_id, modality_id) && s->end > from && s->start < to)
        g_array_append_val (busy, span);
    }

  g_array_sort (busy, compare_interval_start);
  return busy;
}

/* The first start at or after @cursor, before @limit, where @duration fits inside opening hours
 * without touching @busy; -1 when there is none. */
static gint64
first_free (const RdOpeningHours *hours,
            GTimeZone            *tz,
            GArray               *busy,
            gint64                cursor,
            gint64                limit,
            gint64                duration)
{
  g_autoptr (GArray) open = rd_opening_hours_intervals (hours, tz, cursor, limit);

  for (guint i = 0; i < open->len; i++)
    {
      RdInterval *span = &g_array_index (open, RdInterval, i);
      gint64 t = align_up (MAX (cursor, span->start));

      while (t < limit && t + duration <= span->end)
        {
          gint64 blocked_until = -1;

          for (guint j = 0; j < busy->len; j++)
            {
              RdInterval *b = &g_array_index (busy, RdInterval, j);

              if (b->start >= t + duration)
                break;
              if (b->end > t)
                blocked_until = MAX (blocked_until, b->end);
            }

          if (blocked_until < 0)
            return t;
          t = align_up (blocked_until);
        }
    }

  return -1;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const RdSlot *x = *(RdSlot **) a, *y = *(RdSlot **) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return g_strcmp0 (x->modality_id, y->modality_id);
}

static GPtrArray *
find_slots (RdStore    *store,
            const char *kind,
            gint64      duration,
            gint64      from,
            guint       n,
            GTimeZone  *tz,
            const char *only_modality_id,
            GHashTable *skip,
            GPtrArray  *extra)
{
  g_autoptr (GPtrArray) modalities = rd_store_list_by (store, "modality", "kind", kind, "name");
  GPtrArray *slots = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_slot_free);
  gint64 horizon = from + (gint64) RD_SCHEDULE_HORIZON_DAYS * 24 * 60 * 60;

  if (duration <= 0 || n == 0)
    return slots;

  for (guint m = 0; m < modalities->len; m++)
    {
      RdRecord *modality = g_ptr_array_index (modalities, m);
      const char *modality_id = rd_record_get_id (modality);
      RdOpeningHours hours;
      gint64 window = from;
      guint found = 0;

      if (!rd_record_get_bool (modality, "active")
          || (only_modality_id != NULL && !g_str_equal (only_modality_id, modality_id))
          || !rd_opening_hours_parse (rd_record_get_text (modality, "opening_hours"), &hours, NULL))
        continue;

      /* A week at a time, so a busy modality does not read months of bookings at once. */
      while (found < n && window < horizon)
        {
          gint64 window_end = MIN (window + WINDOW_SECONDS, horizon);
          g_autoptr (GArray) busy = collect_busy (store, modality_id, window,
                                                  window_end + RD_SCHEDULE_MAX_BOOKING_SECONDS, skip, extra);
          gint64 cursor = window;

          while (found < n)
            {
              gint64 t = first_free (&hours, tz, busy, cursor, window_end, duration);

              if (t < 0)
                break;
              g_ptr_array_add (slots, slot_new (modality_id, t, t + duration));
              found++;
              cursor = t + duration;
            }
          window = window_end;
        }
    }

  g_ptr_array_sort (slots, compare_slots);
  if (slots->len > n)
    g_ptr_array_set_size (slots, n);
  return slots;
}

static int
compare_by_priority (gconstpointer a,
                     gconstpointer b)
{
  RdRecord *x = *(RdRecord **) a, *y = *(RdRecord **) b;
  int px = rd_schedule_priority_rank (rd_record_get_text (x, "priority"));
  int py = rd_schedule_priority_rank (rd_record_get_text (y, "priority"));
  gint64 sx = rd_record_get_int (x, "start"), sy = rd_record_get_int (y, "start");

  if (px != py)
    return py - px; /* STAT first */
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

void
rd_slot_free (RdSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->modality_id);
  g_free (slot);
}

void
rd_rebook_move_free (RdRebookMove *move)
{
  if (move == NULL)
    return;
  g_clear_object (&move->booking);
  g_clear_pointer (&move->slot, rd_slot_free);
  g_free (move);
}

/**
 * rd_schedule_find_slots_for:
 * @store: a store
 * @exam_type_id: the exam to book; its modality kind chooses the modalities
 * @duration: the slot's length in seconds; 0 for the exam type's duration
 * @from: the earliest start (Unix seconds)
 * @n: how many slots
 * @tz: the department's time zone
 * @only_modality_id: (nullable): look on this modality only
 *
 * Returns: (transfer full) (element-type RdSlot): at most @n free slots, earliest first, on
 *   active modalities of the exam's kind, inside opening hours, starting on 5-minute steps,
 *   overlapping no live booking or downtime; one modality's slots follow each other without
 *   overlapping
 */
GPtrArray *
rd_schedule_find_slots_for (RdStore    *store,
                            const char *exam_type_id,
                            gint64      duration,
                            gint64      from,
                            guint       n,
                            GTimeZone  *tz,
                            const char *only_modality_id)
{
  g_autoptr (RdRecord) exam = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  exam = exam_type_id != NULL ? rd_store_get (store, "exam_type", exam_type_id, NULL) : NULL;
  if (exam == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_slot_free);

  if (duration <= 0)
    duration = rd_record_get_int (exam, "duration_min") * 60;

  return find_slots (store, rd_record_get_text (exam, "modality_kind"), duration, from, n, tz,
                     only_modality_id, NULL, NULL);
}

/**
 * rd_schedule_find_slots:
 * @store: a store
 * @exam_type_id: the exam to book
 * @from: the earliest start (Unix seconds)
 * @n: how many slots
 * @tz: the department's time zone
 *
 * The slots last the exam type's duration. See rd_schedule_find_slots_for().
 *
 * Returns: (transfer full) (element-type RdSlot): the earliest @n free slots
 */
GPtrArray *
rd_schedule_find_slots (RdStore    *store,
                        const char *exam_type_id,
                        gint64      from,
                        guint       n,
                        GTimeZone  *tz)
{
  return rd_schedule_find_slots_for (store, exam_type_id, 0, from, n, tz, NULL);
}

/**
 * rd_schedule_plan_downtime:
 * @store: a store
 * @downtime: a downtime, saved or not yet
 * @tz: the department's time zone
 *
 * The plan is a preview: nothing is written. STAT bookings choose first, then urgent, then
 * routine, each group by original start, so higher priority gets the earlier slots. Each booking
 * goes to the next free slot of its length on an active modality of the same kind, from its
 * original start on.
 *
 * Returns: (transfer full) (element-type RdRebookMove): the scheduled, requested or arrived
 *   bookings that the downtime hits, in the order they were placed
 */
GPtrArray *
rd_schedule_plan_downtime (RdStore   *store,
                           RdRecord  *downtime,
                           GTimeZone *tz)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_rebook_move_free);
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GPtrArray) promised = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_slot_free);
  g_autoptr (GHashTable) moving = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (RdRecord) modality = NULL;
  const char *modality_id;
  gint64 start, end;

  g_return_val_if_fail (RD_IS_STORE (store), plan);
  g_return_val_if_fail (RD_IS_RECORD (downtime), plan);

  modality_id = rd_record_get_text (downtime, "modality_id");
  start = rd_record_get_int (downtime, "start");
  end = rd_record_get_int (downtime, "end");
  if (modality_id == NULL || end <= start
      || (modality = rd_store_get (store, "modality", modality_id, NULL)) == NULL)
    return plan;

  hits = rd_store_list_range (store, "booking", start, end, modality_id);
  for (guint i = hits->len; i > 0; i--)
    {
      const char *status = rd_record_get_text (g_ptr_array_index (hits, i - 1), "status");

      if (!g_str_equal (status, "scheduled") && !g_str_equal (status, "requested")
          && !g_str_equal (status, "arrived"))
        g_ptr_array_remove_index (hits, i - 1);
    }
  g_ptr_array_sort (hits, compare_by_priority);

  /* The downtime blocks its modality even before it is saved; the bookings that move free
   * their old time for one another. */
  g_ptr_array_add (promised, slot_new (modality_id, start, end));
  for (guint i = 0; i < hits->len; i++)
    g_hash_table_add (moving, (gpointer) rd_record_get_id (g_ptr_array_index (hits, i)));

  for (guint i = 0; i < hits->len; i++)
    {
      RdRecord *booking = g_ptr_array_index (hits, i);
      RdRebookMove *move = g_new0 (RdRebookMove, 1);
      gint64 duration = rd_record_get_int (booking, "end") - rd_record_get_int (booking, "start");
      g_autoptr (GPtrArray) slots = find_slots (store, rd_record_get_text (modality, "kind"), duration,
                                                rd_record_get_int (booking, "start"), 1, tz, NULL, moving,
                                                promised);

      move->booking = g_object_ref (booking);
      if (slots->len > 0)
        {
          RdSlot *slot = g_ptr_array_index (slots, 0);

          move->slot = slot_new (slot->modality_id, slot->start, slot->end);
          g_ptr_array_add (promised, slot_new (slot->modality_id, slot->start, slot->end));
        }
      g_ptr_array_add (plan, move);
    }

  return plan;
}

/**
 * rd_schedule_apply_plan:
 * @store: a store
 * @plan: (element-type RdRebookMove): a plan from rd_schedule_plan_downtime()
 * @downtime: (nullable): the downtime, saved in the same transaction
 * @user: who applies the plan
 * @error: why nothing was changed
 *
 * All moves are saved in one transaction, or none: a booking that changed since the preview, or
 * a slot taken meanwhile, undoes the whole plan. Moves without a slot are left where they are.
 *
 * Returns: whether the plan was applied
 */
gboolean
rd_schedule_apply_plan (RdStore     *store,
                        GPtrArray   *plan,
                        RdRecord    *downtime,
                        const char  *user,
                        GError     **error)
{
  g_autoptr (GHashTable) moving = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!rd_store_begin (store, error))
    return FALSE;

  if (downtime != NULL && !rd_store_save (store, downtime, user, error))
    goto fail;

  for (guint i = 0; i < plan->len; i++)
    g_hash_table_add (moving, (gpointer) rd_record_get_id (((RdRebookMove *) g_ptr_array_index (plan, i))->booking));

  for (guint i = 0; i < plan->len; i++)
    {
      RdRebookMove *move = g_ptr_array_index (plan, i);
      g_autoptr (RdRecord) current = NULL;
      g_autoptr (GArray) busy = NULL;

      if (move->slot == NULL)
        continue;

      current = rd_store_get (store, "booking", rd_record_get_id (move->booking), error);
      if (current == NULL)
        goto fail;
      if (rd_record_get_version (current) != rd_record_get_version (move->booking)
          || rd_record_get_int (current, "start") != rd_record_get_int (move->booking, "start")
          || g_strcmp0 (rd_record_get_text (current, "modality_id"),
                        rd_record_get_text (move->booking, "modality_id")) != 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_CONFLICT,
                       _("The booking of %s changed since the plan was made; make the plan again."),
                       rd_record_get_text (current, "patient_name"));
          goto fail;
        }

      /* The plan's own bookings leave their old times, and their new ones never overlap one
       * another, so only what is not part of the plan can take a slot meanwhile. */
      busy = collect_busy (store, move->slot->modality_id, move->slot->start, move->slot->end, moving, NULL);
      if (busy->len > 0)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_CONFLICT,
                       _("The new time for %s was taken meanwhile; make the plan again."),
                       rd_record_get_text (current, "patient_name"));
          goto fail;
        }

      rd_record_set_text (current, "modality_id", move->slot->modality_id);
      rd_record_set_int (current, "start", move->slot->start);
      rd_record_set_int (current, "end", move->slot->end);
      if (!rd_store_save (store, current, user, error))
        goto fail;
    }

  return rd_store_commit (store, error);

fail:
  rd_store_rollback (store);
  return FALSE;
}
