/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-conflicts-window-sections.c: the conflicts window's three sections — conflict cards, flagged bookings, refused edits. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-conflicts-window-private.h"
#include "rd-format.h"
#include "rd-resend-dialog.h"
#include "rd-schedule.h"
#include "rd-sync-apply.h"
#include "rd-sync-format.h"
#include "rd-window.h"
#include "rd-widgets.h"
#include "schedule/rd-schedule-grid.h"
#include "schedule/rd-schedule-page.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_action_button (const char *label,
                   const char *action,
                   const char *record_id,
                   const char *a11y_label)
{
  GtkWidget *button = rd_mnemonic_button_new (label);
  g_autofree char *name = g_strdup_printf ("%s:%s", action, record_id);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (a11y_label != NULL)
    {
      /* GTK 4.8 reads a label and a labelled-by relation one after the other ("Move the booking of
       * … Move…"): the longer name replaces the mnemonic label's; Alt+letter still works. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_label, -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  return button;
}

/* Tries the merge inside a transaction that is then rolled back, so that Merge is offered only
 * where it would work, with the reason where it would not. */
static gboolean
merge_would_work (RdConflictsWindow  *self,
                  RdSyncIssue        *issue,
                  char              **why)
{
  g_autoptr (GError) error = NULL;

  if (rd_sync_issue_can_merge (self->store, issue, &error))
    return TRUE;

  *why = g_strdup (error->message);
  return FALSE;
}

static void
set_card_error (GtkWidget  *card,
                const char *record_id,
                const char *message)
{
  g_autofree char *name = g_strdup_printf ("error:%s", record_id);
  GtkWidget *label = rd_conflicts_window_find_named (card, name);

  if (label == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (label), message);
  gtk_widget_set_visible (label, message != NULL && message[0] != '\0');
}

/* ---------------------------------------------------------------- */
/* Conflicts: mine and theirs side by side                           */
/* ---------------------------------------------------------------- */

static void on_resolve_clicked (GtkButton *button, RdConflictsWindow *self);

static void
add_compare_row (GtkGrid    *grid,
                 int         row,
                 const char *field,
                 const char *mine,
                 const char *theirs)
{
  GtkWidget *field_label = new_label (field, "dim-label");
  GtkWidget *mine_label = new_label (mine, NULL);
  GtkWidget *theirs_label = new_label (theirs, NULL);

  gtk_widget_set_hexpand (mine_label, TRUE);
  gtk_widget_set_hexpand (theirs_label, TRUE);
  gtk_grid_attach (grid, field_label, 0, row, 1, 1);
  gtk_grid_attach (grid, mine_label, 1, row, 2, 1);
  gtk_grid_attach (grid, theirs_label, 3, row, 2, 1);
}

GtkWidget *
rd_conflicts_window_build_conflict_card (RdConflictsWindow *self,
                                         RdSyncIssue       *issue)
{
  RdRecord *shown = issue->mine != NULL ? issue->mine : issue->theirs;
  g_autofree char *title = rd_sync_format_record_title (self->store, shown);
  g_autofree char *why_not = NULL;
  g_autofree char *error_name = g_strdup_printf ("error:%s", issue->record_id);
  g_auto (GStrv) changed = rd_sync_issue_changed_columns (issue);
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *error_label = new_label (NULL, "error");
  GtkWidget *mine_button, *theirs_button, *merge_button;
  gboolean mine_deleted = issue->mine != NULL && rd_record_get_deleted (issue->mine);
  gboolean theirs_deleted = issue->theirs != NULL && rd_record_get_deleted (issue->theirs);
  int row = 1;

  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_name (frame, issue->record_id);
  gtk_widget_set_margin_top (card, 12);
  gtk_widget_set_margin_bottom (card, 12);
  gtk_widget_set_margin_start (card, 12);
  gtk_widget_set_margin_end (card, 12);
  gtk_box_append (GTK_BOX (frame), card);
  gtk_box_append (GTK_BOX (card), new_label (title, "heading"));

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  /* five equal columns: the field name in one, each side in two, so that cards line up */
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Field"), "caption-heading"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("This Workstation"), "caption-heading"), 1, 0, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Server"), "caption-heading"), 3, 0, 2, 1);

  if (mine_deleted || theirs_deleted || issue->theirs == NULL)
    add_compare_row (GTK_GRID (grid), row++, _("Record"),
                     mine_deleted ? _("Deleted here") : _("Changed here"),
                     issue->theirs == NULL ? _("Not on the server")
                                           : theirs_deleted ? _("Deleted on the server") : _("Changed on the server"));
  else
    for (guint i = 0; changed[i] != NULL; i++)
      {
        int index = rd_table_column_index (rd_record_get_table (issue->mine), changed[i]);
        g_autofree char *field = rd_sync_format_column_label (changed[i]);
        g_autofree char *mine = rd_sync_format_value (self->store, issue->mine, index);
        g_autofree char *theirs = rd_sync_format_value (self->store, issue->theirs, index);

        add_compare_row (GTK_GRID (grid), row++, field, mine, theirs);
      }
  if (row == 1)
    add_compare_row (GTK_GRID (grid), row++, _("Fields"), _("The same values"), _("The same values"));
  gtk_box_append (GTK_BOX (card), grid);

  gtk_widget_set_name (error_label, error_name);
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (card), error_label);

  mine_button = new_action_button (_("Keep _Mine"), "keep-mine", issue->record_id, NULL);
  theirs_button = new_action_button (_("Keep _Theirs"), "keep-theirs", issue->record_id, NULL);
  merge_button = new_action_button (_("Mer_ge"), "merge", issue->record_id, NULL);
  gtk_widget_set_tooltip_text (mine_button, _("Send this workstation’s version to the server"));
  gtk_widget_set_tooltip_text (theirs_button, _("Keep the server’s version and drop this workstation’s edit"));
  if (merge_would_work (self, issue, &why_not))
    gtk_widget_set_tooltip_text (merge_button, _("Keep the fields each side changed: the two edits changed different fields"));
  else
    {
      gtk_widget_set_sensitive (merge_button, FALSE);
      gtk_widget_set_tooltip_text (merge_button, why_not);
    }
  for (GtkWidget *b = mine_button; b != NULL; b = b == mine_button ? theirs_button : b == theirs_button ? merge_button : NULL)
    {
      g_object_set_data (G_OBJECT (b), "issue", issue);
      g_object_set_data (G_OBJECT (b), "card", card);
      g_signal_connect (b, "clicked", G_CALLBACK (on_resolve_clicked), self);
      gtk_box_append (GTK_BOX (buttons), b);
    }
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (card), buttons);

  if (why_not != NULL)
    {
      GtkWidget *note = new_label (why_not, "dim-label");

      gtk_widget_add_css_class (note, "caption");
      gtk_box_insert_child_after (GTK_BOX (card), note, error_label);
    }

  return frame;
}

static void
on_resolve_clicked (GtkButton         *button,
                    RdConflictsWindow *self)
{
  RdSyncIssue *issue = g_object_get_data (G_OBJECT (button), "issue");
  GtkWidget *card = g_object_get_data (G_OBJECT (button), "card");
  const char *action = gtk_widget_get_name (GTK_WIDGET (button));
  g_autoptr (GError) error = NULL;
  const char *done;
  gboolean ok;

  if (g_str_has_prefix (action, "keep-mine:"))
    {
      ok = rd_sync_resolve_keep_mine (self->store, issue->id, rd_conflicts_window_current_user (self), &error);
      done = _("Your version will be sent at the next sync");
    }
  else if (g_str_has_prefix (action, "keep-theirs:"))
    {
      ok = rd_sync_resolve_keep_theirs (self->store, issue->id, &error);
      done = _("The server’s version is kept");
    }
  else
    {
      ok = rd_sync_resolve_merge (self->store, issue->id, rd_conflicts_window_current_user (self), &error);
      done = _("Both edits merged; the result will be sent at the next sync");
    }

  if (!ok)
    {
      set_card_error (card, issue->record_id, error->message);
      return;
    }

  rd_conflicts_window_show_toast (self, done);
  rd_conflicts_window_queue_reload (self);
}

/* ---------------------------------------------------------------- */
/* Flagged bookings                                                  */
/* ---------------------------------------------------------------- */

static char *
describe_flag (RdConflictsWindow *self,
               RdRecord          *booking)
{
  const char *other_id = rd_record_get_text (booking, "conflict_with");
  g_autoptr (RdRecord) other = rd_store_get (self->store, "booking", other_id, NULL);
  g_autoptr (RdRecord) downtime = other == NULL ? rd_store_get (self->store, "downtime", other_id, NULL) : NULL;

  if (other != NULL)
    {
      g_autofree char *from = rd_format_time (rd_record_get_int (other, "start"));
      g_autofree char *to = rd_format_time (rd_record_get_int (other, "end"));

      return g_strdup_printf (_("Double-booked with %s, %s–%s"), rd_record_get_text (other, "patient_name"), from, to);
    }
  if (downtime != NULL)
    {
      g_autofree char *from = rd_format_date_time (rd_record_get_int (downtime, "start"));

      return g_strdup_printf (_("In a downtime (%s) from %s"), rd_format_enum (rd_record_get_text (downtime, "reason")), from);
    }
  return g_strdup (_("Clashes with a booking or downtime this workstation does not have yet"));
}

static void
on_move_clicked (GtkButton         *button,
                 RdConflictsWindow *self)
{
  RdRecord *booking = g_object_get_data (G_OBJECT (button), "booking");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *page;

  if (!RD_IS_WINDOW (parent))
    return;

  /* The schedule's slot finder books new exams only, so Move opens the booking's day instead:
   * the coordinator drags the block (or uses its menu) to a free time. */
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-page", "s", "schedule");
  page = rd_window_get_page_widget (RD_WINDOW (parent), "schedule");
  if (RD_IS_SCHEDULE_PAGE (page))
    {
      g_autoptr (GDateTime) day = g_date_time_new_from_unix_utc (rd_record_get_int (booking, "start"));
      RdScheduleGrid *grid;
      GtkWidget *block;

      rd_schedule_page_set_view (RD_SCHEDULE_PAGE (page), "day");
      rd_schedule_page_set_day (RD_SCHEDULE_PAGE (page), day);
      grid = RD_SCHEDULE_GRID (rd_schedule_page_get_day_grid (RD_SCHEDULE_PAGE (page)));
      block = rd_schedule_grid_find_block (grid, rd_record_get_id (booking));
      if (block != NULL)
        gtk_widget_grab_focus (block);
    }
  gtk_window_present (parent);
}

static void
on_cancel_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    RdConflictsWindow *self)
{
  RdRecord *booking = g_object_get_data (G_OBJECT (dialog), "booking");
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "cancel-booking"))
    return;

  if (!rd_schedule_set_status (self->store, rd_record_get_id (booking), "cancelled",
                               gtk_editable_get_text (GTK_EDITABLE (entry)), rd_conflicts_window_current_user (self), &error))
    {
      rd_conflicts_window_show_toast (self, error->message);
      return;
    }
  rd_conflicts_window_show_toast (self, _("Booking cancelled"));
  rd_conflicts_window_queue_reload (self);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "cancel-booking", text[0] != '\0');
}

static void
on_cancel_clicked (GtkButton         *button,
                   RdConflictsWindow *self)
{
  RdRecord *booking = g_object_get_data (G_OBJECT (button), "booking");
  g_autofree char *when = rd_format_date_time (rd_record_get_int (booking, "start"));
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cancel Booking?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("%s on %s. Give the reason for cancelling."),
                                  rd_record_get_text (booking, "patient_name"), when);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Booking"),
                                    "cancel-booking", _("_Cancel Booking"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-booking",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-booking", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel-booking");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "booking", g_object_ref (booking), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_cancel_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
rd_conflicts_window_build_flagged_row (RdConflictsWindow *self,
                                       RdRecord          *booking)
{
  g_autoptr (RdRecord) modality = rd_store_get (self->store, "modality", rd_record_get_text (booking, "modality_id"), NULL);
  g_autoptr (RdRecord) exam = rd_store_get (self->store, "exam_type", rd_record_get_text (booking, "exam_type_id"), NULL);
  g_autofree char *when = rd_format_date_time (rd_record_get_int (booking, "start"));
  g_autofree char *to = rd_format_time (rd_record_get_int (booking, "end"));
  g_autofree char *flag = describe_flag (self, booking);
  g_autofree char *title = g_strdup_printf ("%s — %s", rd_record_get_text (booking, "patient_name"),
                                            exam != NULL ? rd_record_get_text (exam, "name") : "?");
  g_autofree char *subtitle = g_strdup_printf ("%s, %s–%s\n%s", modality != NULL ? rd_record_get_text (modality, "name") : "?",
                                               when, to, flag);
  g_autofree char *move_a11y = g_strdup_printf (_("Move the booking of %s"), rd_record_get_text (booking, "patient_name"));
  g_autofree char *cancel_a11y = g_strdup_printf (_("Cancel the booking of %s"), rd_record_get_text (booking, "patient_name"));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *move = new_action_button (_("_Move…"), "move", rd_record_get_id (booking), move_a11y);
  GtkWidget *cancel = new_action_button (_("_Cancel…"), "cancel", rd_record_get_id (booking), cancel_a11y);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_set_name (row, rd_record_get_id (booking));
  g_object_set_data_full (G_OBJECT (move), "booking", g_object_ref (booking), g_object_unref);
  g_object_set_data_full (G_OBJECT (cancel), "booking", g_object_ref (booking), g_object_unref);
  gtk_widget_set_tooltip_text (move, _("Open the booking’s day in the schedule"));
  g_signal_connect (move, "clicked", G_CALLBACK (on_move_clicked), self);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), move);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), cancel);
  return row;
}

/* ---------------------------------------------------------------- */
/* Refused edits                                                     */
/* ---------------------------------------------------------------- */

static void
on_discard_clicked (GtkButton         *button,
                    RdConflictsWindow *self)
{
  RdSyncIssue *issue = g_object_get_data (G_OBJECT (button), "issue");
  g_autoptr (GError) error = NULL;

  if (!rd_sync_resolve_discard (self->store, issue->id, &error))
    {
      rd_conflicts_window_show_toast (self, error->message);
      return;
    }
  rd_conflicts_window_show_toast (self, _("Edit discarded"));
  rd_conflicts_window_queue_reload (self);
}

static void
on_resent (RdResendDialog    *dialog,
           RdConflictsWindow *self)
{
  rd_conflicts_window_show_toast (self, _("The corrected edit will be sent at the next sync"));
  rd_conflicts_window_queue_reload (self);
}

static void
on_edit_clicked (GtkButton         *button,
                 RdConflictsWindow *self)
{
  RdSyncIssue *issue = g_object_get_data (G_OBJECT (button), "issue");
  GtkWidget *dialog = rd_resend_dialog_new (GTK_WINDOW (self), self->store, issue, rd_conflicts_window_current_user (self));

  g_signal_connect_object (dialog, "resent", G_CALLBACK (on_resent), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
describe_refusal (RdSyncIssue *issue)
{
  if (g_strcmp0 (issue->reason, "forbidden") == 0)
    return g_strdup (_("Your role may not change this. Ask someone who may, or discard the edit."));
  if (issue->message != NULL && issue->message[0] != '\0')
    return g_strdup (issue->message);
  return g_strdup_printf (_("Refused (%s)"), issue->reason != NULL ? issue->reason : _("no reason given"));
}

GtkWidget *
rd_conflicts_window_build_rejected_row (RdConflictsWindow *self,
                                        RdSyncIssue       *issue)
{
  g_autofree char *title = issue->mine != NULL ? rd_sync_format_record_title (self->store, issue->mine)
                                               : rd_sync_format_table_label (issue->table);
  g_autofree char *subtitle = describe_refusal (issue);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *discard = new_action_button (_("_Discard"), "discard", issue->record_id, NULL);
  GtkWidget *edit = new_action_button (_("_Edit and Resend…"), "resend", issue->record_id, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("action-unavailable-symbolic"));
  gtk_widget_set_name (row, issue->record_id);
  g_object_set_data (G_OBJECT (discard), "issue", issue);
  g_object_set_data (G_OBJECT (edit), "issue", issue);
  gtk_widget_set_sensitive (edit, issue->mine != NULL && !rd_record_get_deleted (issue->mine));
  g_signal_connect (discard, "clicked", G_CALLBACK (on_discard_clicked), self);
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  return row;
}
