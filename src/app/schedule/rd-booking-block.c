/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-booking-block.c: one booking in the schedule grid — a focusable block with an accessible label. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-booking-block.h"
#include "rd-schedule.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdBookingBlock
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  RdRecord  *booking;
  char      *label;
  guint      column;
};

G_DEFINE_FINAL_TYPE (RdBookingBlock, rd_booking_block, GTK_TYPE_WIDGET)

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static char *
format_clock (GTimeZone *tz,
              gint64     t)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%H:%M");
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  RdBookingBlock  *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      g_signal_emit (self, signals[ACTIVATE], 0);
    }
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_booking_block_dispose (GObject *object)
{
  RdBookingBlock *self = RD_BOOKING_BLOCK (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->booking);

  G_OBJECT_CLASS (rd_booking_block_parent_class)->dispose (object);
}

static void
rd_booking_block_finalize (GObject *object)
{
  RdBookingBlock *self = RD_BOOKING_BLOCK (object);

  g_free (self->label);

  G_OBJECT_CLASS (rd_booking_block_parent_class)->finalize (object);
}

static void
rd_booking_block_class_init (RdBookingBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_booking_block_dispose;
  object_class->finalize = rd_booking_block_finalize;

  /**
   * RdBookingBlock::activate:
   *
   * Enter, Space or a double click: open the booking.
   */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Return, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Enter, 0, "activate", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_space, 0, "activate", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "booking-block");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
rd_booking_block_init (RdBookingBlock *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_booking_block_new:
 * @booking: a booking
 * @modality_name: the name of its modality
 * @exam_name: the name of its exam type
 * @tz: the department's time zone
 *
 * Returns: (transfer floating): a block showing time, patient, exam and status, coloured by status
 */
GtkWidget *
rd_booking_block_new (RdRecord   *booking,
                      const char *modality_name,
                      const char *exam_name,
                      GTimeZone  *tz)
{
  RdBookingBlock *self = g_object_new (RD_TYPE_BOOKING_BLOCK, NULL);
  g_autofree char *from = format_clock (tz, rd_record_get_int (booking, "start"));
  g_autofree char *to = format_clock (tz, rd_record_get_int (booking, "end"));
  g_autofree char *first = NULL;
  const char *status = rd_record_get_text (booking, "status");
  const char *priority = rd_record_get_text (booking, "priority");
  const char *patient = rd_record_get_text (booking, "patient_name");
  gboolean conflict = !rd_record_is_null (booking, "conflict_with")
                      && *rd_record_get_text (booking, "conflict_with") != '\0';
  gboolean urgent = rd_schedule_priority_rank (priority) > 0;
  g_autofree char *css_status = g_strdup_printf ("status-%s", status != NULL ? status : "scheduled");
  GString *label = g_string_new (NULL);
  GtkWidget *top;

  self->booking = g_object_ref (booking);

  gtk_widget_add_css_class (GTK_WIDGET (self), css_status);
  if (urgent)
    gtk_widget_add_css_class (GTK_WIDGET (self), g_str_equal (priority, "stat") ? "priority-stat" : "priority-urgent");
  if (conflict)
    gtk_widget_add_css_class (GTK_WIDGET (self), "conflict");

  /* One label of four lines (time and priority, patient, exam, status) rather than a label per
   * line: a day of all modalities has a hundred blocks or more, and fewer widgets open it sooner. */
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (self->box), top);
  if (conflict)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (top), icon);
    }
  first = g_strdup_printf ("%s–%s", from, to);
  {
    g_autoptr (GString) markup = g_string_new (NULL);
    g_autofree char *time = g_markup_printf_escaped ("<b>%s</b>", first);
    g_autofree char *who = g_markup_escape_text (patient != NULL ? patient : "", -1);
    g_autofree char *rest = g_markup_printf_escaped ("\n<span alpha=\"80%%\">%s\n%s</span>", exam_name,
                                                     rd_schedule_status_label (status));
    GtkWidget *text;

    /* The priority first, so that a narrow block cuts the time rather than the priority. */
    if (urgent)
      {
        g_autofree char *flag = g_markup_printf_escaped ("<span weight=\"bold\" foreground=\"%s\">%s</span> ",
                                                         g_str_equal (priority, "stat") ? "#c01c28" : "#c64600",
                                                         rd_schedule_priority_label (priority));
        g_string_append (markup, flag);
      }
    g_string_append (markup, time);
    /* A no-show's name is struck through. */
    g_string_append_printf (markup, g_strcmp0 (status, "no_show") == 0 ? "\n<s>%s</s>" : "\n%s", who);
    g_string_append (markup, rest);
    text = gtk_label_new (NULL);
    gtk_label_set_markup (GTK_LABEL (text), markup->str);
    gtk_label_set_xalign (GTK_LABEL (text), 0);
    gtk_label_set_yalign (GTK_LABEL (text), 0);
    gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
    gtk_widget_set_hexpand (text, TRUE);
    gtk_widget_set_valign (text, GTK_ALIGN_START);
    gtk_widget_add_css_class (text, "text");
    gtk_box_append (GTK_BOX (top), text);
  }

  /* TRANSLATORS: a booking read out by a screen reader: modality, time, patient, exam, status */
  g_string_printf (label, _("%s, %s to %s, %s, %s, %s"), modality_name, from, to, patient, exam_name,
                   rd_schedule_status_label (status));
  if (urgent)
    g_string_append_printf (label, ", %s", rd_schedule_priority_label (priority));
  if (conflict)
    g_string_append_printf (label, ", %s", _("conflict"));
  self->label = g_string_free (label, FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->label);

  return GTK_WIDGET (self);
}

RdRecord *
rd_booking_block_get_booking (RdBookingBlock *self)
{
  g_return_val_if_fail (RD_IS_BOOKING_BLOCK (self), NULL);
  return self->booking;
}

const char *
rd_booking_block_get_label (RdBookingBlock *self)
{
  g_return_val_if_fail (RD_IS_BOOKING_BLOCK (self), NULL);
  return self->label;
}

guint
rd_booking_block_get_column (RdBookingBlock *self)
{
  g_return_val_if_fail (RD_IS_BOOKING_BLOCK (self), 0);
  return self->column;
}

void
rd_booking_block_set_column (RdBookingBlock *self,
                             guint           column)
{
  g_return_if_fail (RD_IS_BOOKING_BLOCK (self));
  self->column = column;
}
