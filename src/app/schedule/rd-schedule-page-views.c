/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-page-views.c: the Schedule page's three views — day, week, utilisation — filled from the store. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-schedule.h"
#include "rd-schedule-page-private.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

GDateTime *
rd_schedule_page_add_days (GTimeZone *tz,
                           GDateTime *day,
                           int        n)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day), g_date_time_get_year (day));
  if (n >= 0)
    g_date_add_days (&date, n);
  else
    g_date_subtract_days (&date, -n);
  return g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
}

RdRecord *
rd_schedule_page_selected_modality (RdSchedulePage *self)
{
  guint i = gtk_drop_down_get_selected (self->modality_dropdown);

  return i < self->modalities->len ? g_ptr_array_index (self->modalities, i) : NULL;
}

static void
hours_on (RdRecord  *modality,
          GDateTime *day,
          int       *open,
          int       *close)
{
  RdOpeningHours hours;
  int wd = g_date_time_get_day_of_week (day) - 1;

  *open = *close = -1;
  if (!rd_opening_hours_parse (rd_record_get_text (modality, "opening_hours"), &hours, NULL) || hours.open[wd] < 0)
    return;
  *open = hours.open[wd];
  *close = hours.close[wd] > hours.open[wd] ? hours.close[wd] : 24 * 60;
}

/* ---------------------------------------------------------------- */
/* Views                                                             */
/* ---------------------------------------------------------------- */

void
rd_schedule_page_fill_day (RdSchedulePage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  g_autoptr (GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) bookings = NULL;
  g_autoptr (GPtrArray) downtimes = NULL;
  g_autoptr (GDateTime) next = rd_schedule_page_add_days (self->tz, self->day, 1);
  gint64 from = g_date_time_to_unix (self->day), to = g_date_time_to_unix (next);
  int first = 24 * 60, last = 0;

  for (guint i = 0; i < self->modalities->len; i++)
    if (rd_schedule_page_shows_modality (self, rd_record_get_id (g_ptr_array_index (self->modalities, i))))
      g_ptr_array_add (shown, g_ptr_array_index (self->modalities, i));

  for (guint i = 0; i < shown->len; i++)
    {
      int open, close;

      hours_on (g_ptr_array_index (shown, i), self->day, &open, &close);
      if (open >= 0)
        {
          first = MIN (first, open);
          last = MAX (last, close);
        }
    }
  if (first >= last)
    first = 7 * 60, last = 20 * 60;

  bookings = rd_store_list_range (store, "booking", from, to, NULL);
  for (guint i = 0; i < bookings->len; i++)
    {
      RdRecord *b = g_ptr_array_index (bookings, i);
      gint64 start = rd_record_get_int (b, "start");

      /* Urgent work outside opening hours widens the axis so it is seen. */
      if (start >= from)
        {
          g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (start);
          g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, self->tz);

          first = MIN (first, g_date_time_get_hour (local) * 60);
        }
      last = MAX (last, MIN (24 * 60, (int) ((rd_record_get_int (b, "end") - from) / 60) + 30));
    }
  first = (first / 60) * 60;
  last = MIN (((last + 59) / 60) * 60, 24 * 60);

  rd_schedule_grid_clear (self->day_grid, self->tz, first, last);
  for (guint i = 0; i < shown->len; i++)
    {
      RdRecord *m = g_ptr_array_index (shown, i);
      int open, close;
      guint col;

      hours_on (m, self->day, &open, &close);
      col = rd_schedule_grid_add_column (self->day_grid, rd_record_get_text (m, "name"), rd_record_get_id (m),
                                         rd_record_get_text (m, "name"), self->day, open, close);
      g_hash_table_insert (columns, (gpointer) rd_record_get_id (m), GUINT_TO_POINTER (col + 1));
    }

  for (guint i = 0; i < bookings->len; i++)
    {
      RdRecord *b = g_ptr_array_index (bookings, i);
      guint col = GPOINTER_TO_UINT (g_hash_table_lookup (columns, rd_record_get_text (b, "modality_id")));

      if (col == 0 || !rd_schedule_is_active_status (rd_record_get_text (b, "status")))
        continue;
      rd_schedule_grid_add_booking (self->day_grid, col - 1, b, rd_schedule_page_exam_name (self, rd_record_get_text (b, "exam_type_id")));
    }

  downtimes = rd_store_list_range (store, "downtime", from, to, NULL);
  for (guint i = 0; i < downtimes->len; i++)
    {
      RdRecord *d = g_ptr_array_index (downtimes, i);
      guint col = GPOINTER_TO_UINT (g_hash_table_lookup (columns, rd_record_get_text (d, "modality_id")));
      g_autofree char *reason = g_strdup_printf (_("Down: %s"), rd_format_enum (rd_record_get_text (d, "reason")));

      if (col > 0)
        rd_schedule_grid_add_downtime (self->day_grid, col - 1, rd_record_get_int (d, "start"),
                                       rd_record_get_int (d, "end"), reason);
    }
}

GDateTime *
rd_schedule_page_week_start (RdSchedulePage *self)
{
  return rd_schedule_page_add_days (self->tz, self->day, 1 - g_date_time_get_day_of_week (self->day));
}

void
rd_schedule_page_fill_week (RdSchedulePage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  RdRecord *m = rd_schedule_page_selected_modality (self);
  g_autoptr (GDateTime) monday = rd_schedule_page_week_start (self);
  g_autoptr (GDateTime) sunday_end = rd_schedule_page_add_days (self->tz, monday, 7);
  g_autoptr (GPtrArray) bookings = NULL;
  g_autoptr (GPtrArray) downtimes = NULL;
  int first = 24 * 60, last = 0;

  if (m == NULL)
    {
      rd_schedule_grid_clear (self->week_grid, self->tz, 7 * 60, 20 * 60);
      return;
    }

  for (int d = 0; d < 7; d++)
    {
      g_autoptr (GDateTime) day = rd_schedule_page_add_days (self->tz, monday, d);
      int open, close;

      hours_on (m, day, &open, &close);
      if (open >= 0)
        first = MIN (first, open), last = MAX (last, close);
    }
  if (first >= last)
    first = 7 * 60, last = 20 * 60;

  rd_schedule_grid_clear (self->week_grid, self->tz, first, last);
  for (int d = 0; d < 7; d++)
    {
      g_autoptr (GDateTime) day = rd_schedule_page_add_days (self->tz, monday, d);
      g_autofree char *title = g_date_time_format (day, "%a %-d %b");
      int open, close;

      hours_on (m, day, &open, &close);
      rd_schedule_grid_add_column (self->week_grid, title, rd_record_get_id (m), rd_record_get_text (m, "name"),
                                   day, open, close);
    }

  bookings = rd_store_list_range (store, "booking", g_date_time_to_unix (monday),
                                  g_date_time_to_unix (sunday_end), rd_record_get_id (m));
  for (guint i = 0; i < bookings->len; i++)
    {
      RdRecord *b = g_ptr_array_index (bookings, i);
      g_autoptr (GDateTime) day = rd_schedule_page_day_of (self->tz, rd_record_get_int (b, "start"));
      int col = g_date_time_get_day_of_week (day) - 1;

      if (!rd_schedule_is_active_status (rd_record_get_text (b, "status"))
          || rd_record_get_int (b, "start") < g_date_time_to_unix (monday))
        continue;
      rd_schedule_grid_add_booking (self->week_grid, col, b, rd_schedule_page_exam_name (self, rd_record_get_text (b, "exam_type_id")));
    }

  downtimes = rd_store_list_range (store, "downtime", g_date_time_to_unix (monday),
                                   g_date_time_to_unix (sunday_end), rd_record_get_id (m));
  for (guint i = 0; i < downtimes->len; i++)
    {
      RdRecord *dt = g_ptr_array_index (downtimes, i);
      g_autofree char *reason = g_strdup_printf (_("Down: %s"), rd_format_enum (rd_record_get_text (dt, "reason")));

      for (int d = 0; d < 7; d++)
        rd_schedule_grid_add_downtime (self->week_grid, d, rd_record_get_int (dt, "start"),
                                       rd_record_get_int (dt, "end"), reason);
    }
}

/* Utilisation: booked minutes inside opening hours over open minutes, per modality per day. */
void
rd_schedule_page_fill_all_week (RdSchedulePage *self)
{
  g_autoptr (GDateTime) monday = rd_schedule_page_week_start (self);
  g_autoptr (GDateTime) end = rd_schedule_page_add_days (self->tz, monday, 7);
  g_autoptr (GPtrArray) bookings = rd_store_list_range (rd_page_get_store (RD_PAGE (self)), "booking", g_date_time_to_unix (monday),
                                                        g_date_time_to_unix (end), NULL);
  g_autoptr (GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 booked[64][7] = { { 0 } };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->utilisation_grid))) != NULL)
    gtk_grid_remove (self->utilisation_grid, child);

  for (guint i = 0; i < self->modalities->len && i < 64; i++)
    g_hash_table_insert (rows, (gpointer) rd_record_get_id (g_ptr_array_index (self->modalities, i)), GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < bookings->len; i++)
    {
      RdRecord *b = g_ptr_array_index (bookings, i);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (rows, rd_record_get_text (b, "modality_id")));
      g_autoptr (GDateTime) day = rd_schedule_page_day_of (self->tz, rd_record_get_int (b, "start"));

      if (row == 0 || !rd_schedule_is_active_status (rd_record_get_text (b, "status"))
          || rd_record_get_int (b, "start") < g_date_time_to_unix (monday))
        continue;
      booked[row - 1][g_date_time_get_day_of_week (day) - 1] += rd_record_get_int (b, "end") - rd_record_get_int (b, "start");
    }

  for (int d = 0; d < 7; d++)
    {
      g_autoptr (GDateTime) day = rd_schedule_page_add_days (self->tz, monday, d);
      g_autofree char *title = g_date_time_format (day, "%a %-d %b");
      GtkWidget *label = gtk_label_new (title);

      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->utilisation_grid, label, d + 1, 0, 1, 1);
    }

  for (guint i = 0; i < self->modalities->len && i < 64; i++)
    {
      RdRecord *m = g_ptr_array_index (self->modalities, i);
      GtkWidget *name = gtk_label_new (rd_record_get_text (m, "name"));

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "heading");
      gtk_grid_attach (self->utilisation_grid, name, 0, i + 1, 1, 1);

      for (int d = 0; d < 7; d++)
        {
          g_autoptr (GDateTime) day = rd_schedule_page_add_days (self->tz, monday, d);
          GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
          g_autofree char *text = NULL;
          g_autofree char *a11y = NULL;
          int open, close;
          double used;

          hours_on (m, day, &open, &close);
          used = open >= 0 ? MIN (1.0, booked[i][d] / 60.0 / (close - open)) : 0;
          text = open >= 0 ? g_strdup_printf (_("%.0f%%"), used * 100) : g_strdup (_("closed"));
          gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), used);
          gtk_widget_set_size_request (bar, 90, -1);
          gtk_widget_add_css_class (cell, "utilisation-cell");
          gtk_box_append (GTK_BOX (cell), bar);
          gtk_box_append (GTK_BOX (cell), gtk_label_new (text));
          {
            g_autofree char *weekday = g_date_time_format (day, "%A");

            a11y = g_strdup_printf (_("%s, %s: %s booked"), rd_record_get_text (m, "name"), weekday, text);
          }
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
          gtk_grid_attach (self->utilisation_grid, cell, d + 1, i + 1, 1, 1);
        }
    }
}
