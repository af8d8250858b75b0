/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-ical-export.c: bookings as an iCalendar file (libical), one VEVENT per booking. */

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "rd-ical-export.h"
#include "rd-schedule.h"

static struct icaltimetype
utc_time (gint64 t)
{
  return icaltime_from_timet_with_zone ((time_t) t, FALSE, icaltimezone_get_utc_timezone ());
}

/**
 * rd_ical_export_bookings:
 * @store: a store
 * @from: the range's start (Unix seconds)
 * @to: its end
 * @modality_id: (nullable): one modality, or the whole department
 *
 * Each live booking becomes a VEVENT with the stable UID `<booking id>@raddesk`, DTSTART and
 * DTEND in UTC, the exam and the modality as SUMMARY and LOCATION, and its status. Patient names
 * and MRNs are left out on purpose: calendar files end up on phones and in cloud calendars, where
 * patient data must not go. The booking id in the UID leads back to the patient in RadDesk.
 *
 * Returns: (transfer full): the iCalendar text
 */
char *
rd_ical_export_bookings (RdStore    *store,
                         gint64      from,
                         gint64      to,
                         const char *modality_id)
{
  g_autoptr (GPtrArray) bookings = rd_store_list_range (store, "booking", from, to, modality_id);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  icalcomponent *calendar = icalcomponent_new_vcalendar ();
  char *text;

  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//RadDesk//Schedule//EN"));

  for (guint i = 0; i < bookings->len; i++)
    {
      RdRecord *b = g_ptr_array_index (bookings, i);
      const char *status = rd_record_get_text (b, "status");
      const char *exam_id = rd_record_get_text (b, "exam_type_id");
      const char *mod_id = rd_record_get_text (b, "modality_id");
      g_autofree char *uid = g_strdup_printf ("%s@raddesk", rd_record_get_id (b));
      g_autofree char *summary = NULL;
      g_autofree char *description = NULL;
      icalcomponent *event = icalcomponent_new_vevent ();
      const char *exam, *modality;

      if (exam_id != NULL && !g_hash_table_contains (names, exam_id))
        {
          g_autoptr (RdRecord) e = rd_store_get (store, "exam_type", exam_id, NULL);
          g_hash_table_insert (names, g_strdup (exam_id), g_strdup (e ? rd_record_get_text (e, "name") : "?"));
        }
      if (mod_id != NULL && !g_hash_table_contains (names, mod_id))
        {
          g_autoptr (RdRecord) m = rd_store_get (store, "modality", mod_id, NULL);
          g_hash_table_insert (names, g_strdup (mod_id), g_strdup (m ? rd_record_get_text (m, "name") : "?"));
        }
      exam = exam_id ? g_hash_table_lookup (names, exam_id) : "?";
      modality = mod_id ? g_hash_table_lookup (names, mod_id) : "?";

      summary = g_strdup_printf ("%s — %s", exam, modality);
      description = g_strdup_printf (_("Priority: %s. Status: %s."),
                                     rd_schedule_priority_label (rd_record_get_text (b, "priority")),
                                     rd_schedule_status_label (status));

      icalcomponent_add_property (event, icalproperty_new_uid (uid));
      icalcomponent_add_property (event, icalproperty_new_dtstamp (utc_time (rd_record_get_updated_at (b) > 0
                                                                             ? rd_record_get_updated_at (b)
                                                                             : rd_record_get_int (b, "start"))));
      icalcomponent_add_property (event, icalproperty_new_dtstart (utc_time (rd_record_get_int (b, "start"))));
      icalcomponent_add_property (event, icalproperty_new_dtend (utc_time (rd_record_get_int (b, "end"))));
      icalcomponent_add_property (event, icalproperty_new_summary (summary));
      icalcomponent_add_property (event, icalproperty_new_location (modality));
      icalcomponent_add_property (event, icalproperty_new_description (description));
      icalcomponent_add_property (event, icalproperty_new_sequence ((int) rd_record_get_version (b)));
      icalcomponent_add_property (event, icalproperty_new_status (g_strcmp0 (status, "cancelled") == 0 ? ICAL_STATUS_CANCELLED
                                                                  : g_strcmp0 (status, "requested") == 0 ? ICAL_STATUS_TENTATIVE
                                                                  : ICAL_STATUS_CONFIRMED));
      icalcomponent_add_component (calendar, event);
    }

  text = g_strdup (icalcomponent_as_ical_string (calendar));
  icalcomponent_free (calendar);
  return text;
}
