/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-page-lists.c: the Schedule page's side lists — conflicts, the waitlist with its drag onto the grid, and the modalities chooser. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-schedule.h"
#include "rd-schedule-page-private.h"

/* ---------------------------------------------------------------- */
/* Waitlist drag                                                     */
/* ---------------------------------------------------------------- */

static GdkContentProvider *
on_request_drag_prepare (GtkDragSource *source,
                         double         x,
                         double         y,
                         RdRecord      *request)
{
  /* The request's id: the grid's drop target books it where it falls. */
  return gdk_content_provider_new_typed (G_TYPE_STRING, rd_record_get_id (request));
}

static void
on_request_drag_begin (GtkDragSource *source,
                       GdkDrag       *drag,
                       GtkWidget     *row)
{
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 12, 12);
}

static void
add_drag_source (GtkWidget *row,
                 RdRecord  *request)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect_data (source, "prepare", G_CALLBACK (on_request_drag_prepare), g_object_ref (request),
                         (GClosureNotify) g_object_unref, 0);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_request_drag_begin), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
}

/* ---------------------------------------------------------------- */
/* Conflicts and waitlist                                            */
/* ---------------------------------------------------------------- */

void
rd_schedule_page_fill_conflicts (RdSchedulePage *self)
{
  g_autoptr (GPtrArray) conflicts = rd_schedule_list_conflicts (rd_page_get_store (RD_PAGE (self)), g_get_real_time () / G_USEC_PER_SEC - 30 * 24 * 3600);
  g_autofree char *label = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_list))) != NULL)
    gtk_list_box_remove (self->conflicts_list, child);

  for (guint i = 0; i < conflicts->len && i < 200; i++)
    {
      RdRecord *b = g_ptr_array_index (conflicts, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = rd_format_date_time (rd_record_get_int (b, "start"));
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", when, rd_schedule_page_exam_name (self, rd_record_get_text (b, "exam_type_id")));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rd_record_get_text (b, "patient_name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "booking", g_object_ref (b), g_object_unref);
      gtk_list_box_append (self->conflicts_list, row);
    }

  label = g_strdup_printf (g_dngettext (NULL, "%u Conflict", "%u Conflicts", conflicts->len), conflicts->len);
  gtk_menu_button_set_label (self->conflicts_button, label);
  /* GTK 4.8 does not name a menu button after its label; say it for screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflicts_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), conflicts->len > 0);
}

static void on_waitlist_book_clicked (GtkButton      *button,
                                      RdSchedulePage *self);

void
rd_schedule_page_fill_waitlist (RdSchedulePage *self)
{
  g_autoptr (GPtrArray) requests = rd_schedule_list_waitlist (rd_page_get_store (RD_PAGE (self)));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->waitlist_list))) != NULL)
    gtk_list_box_remove (self->waitlist_list, child);

  for (guint i = 0; i < requests->len && i < 200; i++)
    {
      RdRecord *r = g_ptr_array_index (requests, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *book = gtk_button_new_with_label (_("Book"));
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", rd_schedule_priority_label (rd_record_get_text (r, "priority")),
                                                   rd_schedule_page_exam_name (self, rd_record_get_text (r, "exam_type_id")));
      g_autofree char *tip = g_strdup_printf (_("Book %s into the next free slot"), rd_record_get_text (r, "patient_name"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rd_record_get_text (r, "patient_name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (book, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (book, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (book), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      g_object_set_data_full (G_OBJECT (book), "request", g_object_ref (r), g_object_unref);
      g_signal_connect (book, "clicked", G_CALLBACK (on_waitlist_book_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), book);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-drag-handle-symbolic"));
      add_drag_source (row, r);
      gtk_list_box_append (self->waitlist_list, row);
    }
}

static void
on_waitlist_book_clicked (GtkButton      *button,
                          RdSchedulePage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  RdRecord *request = g_object_get_data (G_OBJECT (button), "request");
  g_autoptr (GPtrArray) slots = rd_schedule_find_slots (store, rd_record_get_text (request, "exam_type_id"),
                                                        g_get_real_time () / G_USEC_PER_SEC, 1, self->tz);
  g_autoptr (RdRecord) booking = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) day = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  if (slots->len == 0)
    {
      rd_schedule_page_show_toast (self, adw_toast_new (_("No free slot in the next 90 days")));
      return;
    }
  booking = rd_schedule_book_request (store, request, g_ptr_array_index (slots, 0), self->tz,
                                      g_get_user_name (), &error);
  if (booking == NULL)
    {
      rd_schedule_page_show_toast (self, adw_toast_new (error->message));
      return;
    }

  when = rd_format_date_time (rd_record_get_int (booking, "start"));
  message = g_strdup_printf (_("%s booked for %s"), rd_record_get_text (booking, "patient_name"), when);
  day = rd_schedule_page_day_of (self->tz, rd_record_get_int (booking, "start"));
  rd_schedule_page_set_day (self, day);
  rd_schedule_page_show_toast (self, adw_toast_new (message));
}


void
rd_schedule_page_on_request_dropped (RdScheduleGrid *grid,
                                     const char     *request_id,
                                     guint           column,
                                     gint64          start,
                                     RdSchedulePage *self)
{
  g_autoptr (GError) error = NULL;

  if (!rd_schedule_page_book_request (self, request_id, rd_schedule_grid_get_column_modality (grid, column), start,
                                      &error))
    rd_schedule_page_show_toast (self, adw_toast_new (error->message));
}

/* ---------------------------------------------------------------- */
/* Modalities chooser                                                */
/* ---------------------------------------------------------------- */

/**
 * rd_schedule_page_shows_modality:
 * @self: a page
 * @modality_id: an active modality
 *
 * Returns: whether the day view shows it: the chosen set in the `schedule-modalities` key, or
 *   every active modality when that is empty (or names none of them any more)
 */
gboolean
rd_schedule_page_shows_modality (RdSchedulePage *self,
                                 const char     *modality_id)
{
  g_auto (GStrv) chosen = self->settings != NULL ? g_settings_get_strv (self->settings, "schedule-modalities") : NULL;
  gboolean any_active = FALSE;

  if (chosen == NULL || chosen[0] == NULL)
    return TRUE;
  for (guint i = 0; i < self->modalities->len; i++)
    if (g_strv_contains ((const char *const *) chosen, rd_record_get_id (g_ptr_array_index (self->modalities, i))))
      any_active = TRUE;
  return !any_active || g_strv_contains ((const char *const *) chosen, modality_id);
}

static void
on_modality_check_toggled (GtkCheckButton *check,
                           RdSchedulePage *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) chosen = NULL;
  guint n_checked = 0, n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->modalities_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child), n++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (child), "modality-id"));
        n_checked++;
      }

  /* Every modality, or none, is the empty list: all of them. */
  chosen = n_checked == n || n_checked == 0 ? g_new0 (char *, 1) : g_strv_builder_end (builder);
  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "schedule-modalities", (const char *const *) chosen);
}

void
rd_schedule_page_on_all_modalities_clicked (GtkButton      *button,
                                            RdSchedulePage *self)
{
  const char *none[] = { NULL };

  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "schedule-modalities", none);
}

/**
 * rd_schedule_page_fill_chooser:
 * @self: a page
 *
 * One check button per active modality, ticked when the day view shows it; the button says how
 * many are shown.
 */
void
rd_schedule_page_fill_chooser (RdSchedulePage *self)
{
  GtkWidget *child;
  guint shown = 0;
  g_autofree char *label = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->modalities_box))) != NULL)
    gtk_box_remove (self->modalities_box, child);

  for (guint i = 0; i < self->modalities->len; i++)
    {
      RdRecord *m = g_ptr_array_index (self->modalities, i);
      GtkWidget *check = gtk_check_button_new_with_label (rd_record_get_text (m, "name"));
      gboolean on = rd_schedule_page_shows_modality (self, rd_record_get_id (m));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
      shown += on;
      g_object_set_data_full (G_OBJECT (check), "modality-id", g_strdup (rd_record_get_id (m)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_modality_check_toggled), self);
      gtk_box_append (self->modalities_box, check);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->modalities_button), self->settings != NULL);
  label = shown == self->modalities->len ? g_strdup (_("All Modalities"))
          : g_strdup_printf (g_dngettext (NULL, "%u Modality", "%u Modalities", shown), shown);
  gtk_menu_button_set_label (self->modalities_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->modalities_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
