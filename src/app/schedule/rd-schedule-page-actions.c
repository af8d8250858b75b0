/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-page-actions.c: the Schedule page's actions, and the undo toast and cancel dialog they lead to. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-inventory.h"
#include "rd-schedule.h"
#include "rd-schedule-dialogs.h"
#include "rd-schedule-page-private.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
step (RdSchedulePage *self,
      int             direction)
{
  g_autoptr (GDateTime) day = rd_schedule_page_add_days (self->tz, self->day, g_str_equal (rd_schedule_page_current_view (self), "day") ? direction : 7 * direction);

  rd_schedule_page_set_day (self, day);
}

typedef struct
{
  RdSchedulePage *page;
  RdRecord       *before;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_object_unref (undo->before);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr (RdRecord) now = rd_store_get (rd_page_get_store (RD_PAGE (undo->page)), "booking", rd_record_get_id (undo->before), NULL);
  g_autoptr (RdRecord) back = rd_record_copy (undo->before);
  g_autoptr (GError) error = NULL;

  if (now != NULL)
    rd_record_set_version (back, rd_record_get_version (now));
  /* Undoing a completion gives its consumables back to stock. */
  if (now != NULL && g_strcmp0 (rd_record_get_text (now, "status"), "completed") == 0
      && g_strcmp0 (rd_record_get_text (back, "status"), "completed") != 0
      && !rd_inventory_reverse_booking (rd_page_get_store (RD_PAGE (undo->page)), now, g_get_user_name (), &error))
    {
      rd_schedule_page_show_toast (undo->page, adw_toast_new (error->message));
      return;
    }
  if (!rd_store_save (rd_page_get_store (RD_PAGE (undo->page)), back, g_get_user_name (), &error))
    rd_schedule_page_show_toast (undo->page, adw_toast_new (error->message));
  rd_schedule_page_reload (undo->page);
}

void
rd_schedule_page_save_with_undo (RdSchedulePage *self,
                                 RdRecord       *before,
                                 RdRecord       *after,
                                 const char     *message)
{
  AdwToast *toast = adw_toast_new (message);
  Undo *undo = g_new0 (Undo, 1);

  /* A message of several lines (a move with warnings) is shown whole, wrapped, not cut to one line. */
  if (strchr (message, '\n') != NULL)
    {
      GtkWidget *title = gtk_label_new (message);

      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (title), 60);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      adw_toast_set_custom_title (toast, title);
      adw_toast_set_timeout (toast, 10);
    }

  undo->page = self;
  undo->before = rd_record_copy (before);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo, (GClosureNotify) undo_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

typedef struct
{
  RdSchedulePage *page;
  char           *booking_id;
  GtkWidget      *entry;
} CancelAsk;

static void
on_cancel_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CancelAsk        *ask)
{
  g_autoptr (RdRecord) before = rd_store_get (rd_page_get_store (RD_PAGE (ask->page)), "booking", ask->booking_id, NULL);
  g_autoptr (GError) error = NULL;

  if (g_str_equal (response, "cancel-booking") && before != NULL)
    {
      if (rd_schedule_set_status (rd_page_get_store (RD_PAGE (ask->page)), ask->booking_id, "cancelled",
                                  gtk_editable_get_text (GTK_EDITABLE (ask->entry)), g_get_user_name (), &error))
        rd_schedule_page_save_with_undo (ask->page, before, NULL, _("Booking cancelled"));
      else
        rd_schedule_page_show_toast (ask->page, adw_toast_new (error->message));
    }

  g_free (ask->booking_id);
  g_free (ask);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "cancel-booking", *text != '\0');
}

/* ---------------------------------------------------------------- */
/* Actions                                                           */
/* ---------------------------------------------------------------- */

void
rd_schedule_page_set_status_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (widget);
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  const char *id, *status;
  g_autoptr (RdRecord) before = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  g_variant_get (parameter, "(&s&s)", &id, &status);
  if ((before = rd_store_get (store, "booking", id, NULL)) == NULL)
    return;

  if (g_str_equal (status, "cancelled"))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Cancel Booking?"),
                                                  rd_record_get_text (before, "patient_name"));
      CancelAsk *ask = g_new0 (CancelAsk, 1);

      ask->page = self;
      ask->booking_id = g_strdup (id);
      ask->entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (ask->entry), _("Reason, such as “patient unwell”"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (ask->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), ask->entry);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Booking"),
                                        "cancel-booking", _("_Cancel Booking"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-booking",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-booking", FALSE);
      g_signal_connect (ask->entry, "changed", G_CALLBACK (on_reason_changed), dialog);
      g_signal_connect (dialog, "response", G_CALLBACK (on_cancel_response), ask);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (!rd_schedule_set_status (store, id, status, NULL, g_get_user_name (), &error))
    {
      rd_schedule_page_show_toast (self, adw_toast_new (error->message));
      return;
    }
  message = g_strdup_printf (_("Marked as %s"), rd_schedule_status_label (status));
  rd_schedule_page_save_with_undo (self, before, NULL, message);
}

void
rd_schedule_page_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (widget);

  if (g_str_equal (action_name, "schedule.today"))
    {
      g_autoptr (GDateTime) today = rd_schedule_page_day_of (self->tz, g_get_real_time () / G_USEC_PER_SEC);
      rd_schedule_page_set_day (self, today);
    }
  else if (g_str_equal (action_name, "schedule.previous"))
    step (self, -1);
  else if (g_str_equal (action_name, "schedule.next"))
    step (self, 1);
  else if (g_str_equal (action_name, "schedule.view-day"))
    gtk_toggle_button_set_active (self->day_toggle, TRUE);
  else if (g_str_equal (action_name, "schedule.view-week"))
    gtk_toggle_button_set_active (self->week_toggle, TRUE);
  else if (g_str_equal (action_name, "schedule.new-booking"))
    {
      RdRecord *m = g_str_equal (rd_schedule_page_current_view (self), "week") ? rd_schedule_page_selected_modality (self)
                    : self->modalities->len > 0 ? g_ptr_array_index (self->modalities, 0) : NULL;
      gint64 start = g_date_time_to_unix (self->day) + 9 * 3600;

      rd_schedule_page_new_booking (self, m != NULL ? rd_record_get_id (m) : NULL, start);
    }
  else if (g_str_equal (action_name, "schedule.find-slot"))
    rd_schedule_show_find_slot (self);
  else if (g_str_equal (action_name, "schedule.add-downtime"))
    {
      RdRecord *m = rd_schedule_page_selected_modality (self);
      rd_schedule_show_downtime (self, m != NULL ? rd_record_get_id (m) : NULL);
    }
  else if (g_str_equal (action_name, "schedule.print"))
    rd_schedule_print_day (self, self->day);
  else if (g_str_equal (action_name, "schedule.export"))
    rd_schedule_export_ical (self, g_str_equal (rd_schedule_page_current_view (self), "day") ? self->day : rd_schedule_page_week_start (self),
                             g_str_equal (rd_schedule_page_current_view (self), "day") ? 1 : 7);
}
