/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule.h: the booking rules — collisions, opening hours, slots, downtime rebooking. */

#pragma once

#include "rd-opening-hours.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* The longest booking the rules accept. */
#define RD_SCHEDULE_MAX_BOOKING_SECONDS (24 * 60 * 60)
/* Slots start on multiples of this many seconds. */
#define RD_SCHEDULE_STEP_SECONDS (5 * 60)
/* How far ahead the slot finder looks. */
#define RD_SCHEDULE_HORIZON_DAYS 90

typedef enum
{
  RD_SCHEDULE_ERROR,   /* the booking is refused */
  RD_SCHEDULE_WARNING, /* shown, but the booking may be saved */
} RdScheduleSeverity;

/**
 * RdScheduleProblem:
 * @severity: refused or only a warning
 * @field: the booking column the message stands next to ("start", "modality_id", …)
 * @message: a sentence for the coordinator
 */
typedef struct
{
  RdScheduleSeverity  severity;
  char               *field;
  char               *message;
} RdScheduleProblem;

void rd_schedule_problem_free (RdScheduleProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdScheduleProblem, rd_schedule_problem_free)

/**
 * RdSlot:
 * @modality_id: the modality
 * @start: Unix seconds
 * @end: Unix seconds
 */
typedef struct
{
  char   *modality_id;
  gint64  start;
  gint64  end;
} RdSlot;

void rd_slot_free (RdSlot *slot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSlot, rd_slot_free)

/**
 * RdRebookMove:
 * @booking: the booking as it stands now
 * @slot: (nullable): where it goes; %NULL when no free slot was found within the horizon
 */
typedef struct
{
  RdRecord *booking;
  RdSlot   *slot;
} RdRebookMove;

void rd_rebook_move_free (RdRebookMove *move);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdRebookMove, rd_rebook_move_free)

/* Collisions and the booking check (rd-schedule.c) */
char       *rd_schedule_find_collision        (RdStore      *store,
                                               RdRecord     *booking,
                                               char        **out_table);
GPtrArray  *rd_schedule_review_booking        (RdStore      *store,
                                               RdRecord     *booking,
                                               GTimeZone    *tz);
gboolean    rd_schedule_check_booking         (RdStore      *store,
                                               RdRecord     *booking,
                                               GTimeZone    *tz,
                                               GPtrArray   **warnings,
                                               GError      **error);
gboolean    rd_schedule_modality_hours        (RdStore      *store,
                                               const char   *modality_id,
                                               RdOpeningHours *hours);
gboolean    rd_schedule_is_active_status      (const char   *status);

/* Slots and downtime rebooking (rd-schedule-slots.c) */
GPtrArray  *rd_schedule_find_slots            (RdStore      *store,
                                               const char   *exam_type_id,
                                               gint64        from,
                                               guint         n,
                                               GTimeZone    *tz);
GPtrArray  *rd_schedule_find_slots_for        (RdStore      *store,
                                               const char   *exam_type_id,
                                               gint64        duration,
                                               gint64        from,
                                               guint         n,
                                               GTimeZone    *tz,
                                               const char   *only_modality_id);
GPtrArray  *rd_schedule_plan_downtime         (RdStore      *store,
                                               RdRecord     *downtime,
                                               GTimeZone    *tz);
gboolean    rd_schedule_apply_plan            (RdStore      *store,
                                               GPtrArray    *plan,
                                               RdRecord     *downtime,
                                               const char   *user,
                                               GError      **error);

/* Status workflow, conflicts, waitlist (rd-schedule-status.c) */
gboolean    rd_schedule_can_change_status     (const char   *from,
                                               const char   *to);
const char *rd_schedule_status_label          (const char   *status);
const char *rd_schedule_priority_label        (const char   *priority);
gboolean    rd_schedule_set_status            (RdStore      *store,
                                               const char   *booking_id,
                                               const char   *status,
                                               const char   *reason,
                                               const char   *user,
                                               GError      **error);
GPtrArray  *rd_schedule_list_conflicts        (RdStore      *store,
                                               gint64        since);
GPtrArray  *rd_schedule_list_waitlist         (RdStore      *store);
int         rd_schedule_priority_rank         (const char   *priority);
RdRecord   *rd_schedule_book_request          (RdStore      *store,
                                               RdRecord     *request,
                                               RdSlot       *slot,
                                               GTimeZone    *tz,
                                               const char   *user,
                                               GError      **error);

G_END_DECLS
