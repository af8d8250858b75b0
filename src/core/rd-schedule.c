/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule.c: the booking rules — collisions, opening hours, slots, downtime rebooking. */

#include "rd-schedule.h"

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_schedule_find_collision:
 * @store: a store
 * @booking: a booking (not yet saved, or saved: it never collides with itself)
 * @out_table: (out) (optional): "booking" or "downtime", the table of what it collides with
 *
 * A cancelled or deleted booking collides with nothing. Touching intervals (one ends at 09:00,
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
          || g_strcmp0 (rd_record_get_text (other, "status"), "cancelled") == 0)
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
