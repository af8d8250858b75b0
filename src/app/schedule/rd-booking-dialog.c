/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-booking-dialog.c: the window in which a booking is made or changed, with messages beside each field. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "rd-booking-dialog.h"
#include "rd-schedule.h"
#include "rd-widgets.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef enum { FIELD_ENTRY, FIELD_COMBO } FieldKind;

typedef struct
{
  const char *name;      /* the booking column, or date/start/end */
  const char *title;
  FieldKind   kind;
  GtkWidget  *row;
  GtkWidget  *message;   /* a label in its own row, under the field */
  GPtrArray  *ids;       /* FIELD_COMBO: the id of each item ("" for none) */
} Field;

struct _RdBookingDialog
{
  AdwWindow   parent_instance;

  RdStore    *store;
  GTimeZone  *tz;
  RdRecord   *original;   /* NULL for a new booking */
  RdRecord   *booking;    /* what is being edited */
  GtkWidget  *save_button;
  GtkWidget  *warning_label;
  Field       fields[13];
  guint       n_fields;
  gboolean    filling;
};

G_DEFINE_FINAL_TYPE (RdBookingDialog, rd_booking_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static Field *
find_field (RdBookingDialog *self,
            const char      *name)
{
  for (guint i = 0; i < self->n_fields; i++)
    if (g_str_equal (self->fields[i].name, name))
      return &self->fields[i];
  return NULL;
}

static const char *
field_text (RdBookingDialog *self,
            const char      *name)
{
  Field *f = find_field (self, name);

  if (f->kind == FIELD_ENTRY)
    return gtk_editable_get_text (GTK_EDITABLE (f->row));
  else
    {
      guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (f->row));
      return i < f->ids->len ? g_ptr_array_index (f->ids, i) : "";
    }
}

static void
set_field_text (RdBookingDialog *self,
                const char      *name,
                const char      *text)
{
  Field *f = find_field (self, name);

  if (f->kind == FIELD_ENTRY)
    gtk_editable_set_text (GTK_EDITABLE (f->row), text != NULL ? text : "");
  else
    for (guint i = 0; i < f->ids->len; i++)
      if (g_strcmp0 (g_ptr_array_index (f->ids, i), text != NULL ? text : "") == 0)
        adw_combo_row_set_selected (ADW_COMBO_ROW (f->row), i);
}

static void
set_combo_items (Field      *f,
                 GPtrArray  *records,
                 const char *label_column,
                 gboolean    with_none)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);

  g_ptr_array_set_size (f->ids, 0);
  if (with_none)
    {
      gtk_string_list_append (model, _("None"));
      g_ptr_array_add (f->ids, g_strdup (""));
    }
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      RdRecord *r = g_ptr_array_index (records, i);

      gtk_string_list_append (model, rd_record_get_text (r, label_column));
      g_ptr_array_add (f->ids, g_strdup (rd_record_get_id (r)));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (f->row), G_LIST_MODEL (model));
}

static void
fill_exams (RdBookingDialog *self)
{
  g_autoptr (RdRecord) modality = NULL;
  g_autoptr (GPtrArray) exams = NULL;
  const char *modality_id = field_text (self, "modality_id");

  if (*modality_id != '\0')
    modality = rd_store_get (self->store, "modality", modality_id, NULL);
  exams = modality != NULL ? rd_store_list_by (self->store, "exam_type", "modality_kind",
                                               rd_record_get_text (modality, "kind"), "name")
                           : rd_store_list (self->store, "exam_type", "name");
  set_combo_items (find_field (self, "exam_type_id"), exams, "name", FALSE);
}

static gboolean
parse_clock (const char *text,
             int        *minutes)
{
  unsigned h, m;
  char tail;

  if (text == NULL || sscanf (text, "%u:%u%c", &h, &m, &tail) != 2 || h > 24 || m > 59)
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

static char *
format_local (GTimeZone  *tz,
              gint64      t,
              const char *format)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, format);
}

static void
show_message (Field      *f,
              const char *text,
              gboolean    error)
{
  gtk_label_set_text (GTK_LABEL (f->message), text != NULL ? text : "");
  gtk_widget_set_visible (gtk_widget_get_parent (f->message), text != NULL && *text != '\0');
  gtk_widget_remove_css_class (f->message, error ? "warning" : "error");
  gtk_widget_add_css_class (f->message, error ? "error" : "warning");
  if (error && text != NULL && *text != '\0')
    gtk_widget_add_css_class (f->row, "error");
  else
    gtk_widget_remove_css_class (f->row, "error");
}

/* Builds the booking from the fields; times that cannot be read are reported and left out. */
static gboolean
read_fields (RdBookingDialog *self)
{
  const char *texts[] = { "modality_id", "exam_type_id", "patient_name", "patient_mrn", "priority",
                          "referring_clinician", "radiologist_id", "technologist_id", "notes",
                          "override_reason" };
  g_auto (GStrv) ymd = g_strsplit (field_text (self, "date"), "-", 3);
  int start_min, end_min;
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *t = field_text (self, texts[i]);

      if (*t == '\0' && !g_str_equal (texts[i], "patient_name") && !g_str_equal (texts[i], "patient_mrn"))
        rd_record_set_null (self->booking, texts[i]);
      else
        rd_record_set_text (self->booking, texts[i], t);
    }

  if (g_strv_length (ymd) != 3 || !g_date_valid_dmy (atoi (ymd[2]), atoi (ymd[1]), atoi (ymd[0])))
    {
      show_message (find_field (self, "date"), _("Enter the date as YYYY-MM-DD."), TRUE);
      return FALSE;
    }
  show_message (find_field (self, "date"), NULL, TRUE);

  if (!parse_clock (field_text (self, "start"), &start_min))
    {
      show_message (find_field (self, "start"), _("Enter the start as HH:MM."), TRUE);
      ok = FALSE;
    }
  if (!parse_clock (field_text (self, "end"), &end_min))
    {
      show_message (find_field (self, "end"), _("Enter the end as HH:MM."), TRUE);
      ok = FALSE;
    }
  if (!ok)
    return FALSE;

  /* An end at or before the start is the next day only when it says 24:00; otherwise the rules
   * report it, next to the end. */
  rd_record_set_int (self->booking, "start", rd_local_time (self->tz, atoi (ymd[0]), atoi (ymd[1]), atoi (ymd[2]), start_min));
  rd_record_set_int (self->booking, "end", rd_local_time (self->tz, atoi (ymd[0]), atoi (ymd[1]), atoi (ymd[2]), end_min));
  return TRUE;
}

static gboolean
validate (RdBookingDialog *self)
{
  g_autoptr (GPtrArray) problems = NULL;
  gboolean errors = FALSE;

  for (guint i = 0; i < self->n_fields; i++)
    show_message (&self->fields[i], NULL, TRUE);

  if (!read_fields (self))
    {
      gtk_widget_set_sensitive (self->save_button, FALSE);
      return FALSE;
    }

  problems = rd_schedule_review_booking (self->store, self->booking, self->tz);
  for (guint i = 0; i < problems->len; i++)
    {
      RdScheduleProblem *p = g_ptr_array_index (problems, i);
      Field *f = find_field (self, p->field);
      const char *shown;

      if (f == NULL)
        f = find_field (self, "start");
      /* The first message of a field wins; errors come first. */
      shown = gtk_label_get_text (GTK_LABEL (f->message));
      if (*shown == '\0')
        show_message (f, p->message, p->severity == RD_SCHEDULE_ERROR);
      errors |= p->severity == RD_SCHEDULE_ERROR;
    }

  gtk_widget_set_sensitive (self->save_button, !errors);
  return !errors;
}

static void
fill_end_from_exam (RdBookingDialog *self)
{
  g_autoptr (RdRecord) exam = NULL;
  const char *exam_id = field_text (self, "exam_type_id");
  int start_min;

  if (*exam_id == '\0' || !parse_clock (field_text (self, "start"), &start_min)
      || (exam = rd_store_get (self->store, "exam_type", exam_id, NULL)) == NULL)
    return;

  {
    int end_min = start_min + (int) rd_record_get_int (exam, "duration_min");
    g_autofree char *end = g_strdup_printf ("%02d:%02d", (end_min / 60) % 24, end_min % 60);

    set_field_text (self, "end", end);
  }
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_field_changed (GObject         *object,
                  GParamSpec      *pspec,
                  RdBookingDialog *self)
{
  if (self->filling)
    return;

  self->filling = TRUE;
  if (object == G_OBJECT (find_field (self, "modality_id")->row))
    {
      g_autofree char *exam = g_strdup (field_text (self, "exam_type_id"));

      fill_exams (self);
      set_field_text (self, "exam_type_id", exam);
      fill_end_from_exam (self);
    }
  else if (object == G_OBJECT (find_field (self, "exam_type_id")->row)
           || object == G_OBJECT (find_field (self, "start")->row))
    fill_end_from_exam (self);
  self->filling = FALSE;

  validate (self);
}

static void
on_cancel_clicked (GtkButton       *button,
                   RdBookingDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (GtkButton       *button,
                 RdBookingDialog *self)
{
  rd_booking_dialog_save (self);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_booking_dialog_finalize (GObject *object)
{
  RdBookingDialog *self = RD_BOOKING_DIALOG (object);

  for (guint i = 0; i < self->n_fields; i++)
    g_clear_pointer (&self->fields[i].ids, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->original);
  g_clear_object (&self->booking);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rd_booking_dialog_parent_class)->finalize (object);
}

static void
rd_booking_dialog_class_init (RdBookingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_booking_dialog_finalize;

  /**
   * RdBookingDialog::saved:
   * @before: (nullable): the booking as it was, for undo; %NULL for a new one
   * @after: the booking as saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, RD_TYPE_RECORD, RD_TYPE_RECORD);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_booking_dialog_init (RdBookingDialog *self)
{
}

static void
add_field (RdBookingDialog *self,
           GtkWidget       *group,
           const char      *name,
           const char      *title,
           FieldKind        kind)
{
  Field *f = &self->fields[self->n_fields++];
  GtkWidget *message_row;

  g_assert (self->n_fields <= G_N_ELEMENTS (self->fields));

  f->name = name;
  f->title = title;
  f->kind = kind;
  if (kind == FIELD_ENTRY)
    {
      f->row = adw_entry_row_new ();
      g_signal_connect (f->row, "notify::text", G_CALLBACK (on_field_changed), self);
    }
  else
    {
      f->row = adw_combo_row_new ();
      f->ids = g_ptr_array_new_with_free_func (g_free);
      g_signal_connect (f->row, "notify::selected", G_CALLBACK (on_field_changed), self);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), f->row);

  /* The message stands right under its field, in a row of its own that hides when empty. */
  f->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (f->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (f->message), 0);
  gtk_widget_set_margin_start (f->message, 12);
  gtk_widget_set_margin_end (f->message, 12);
  gtk_widget_set_margin_top (f->message, 6);
  gtk_widget_set_margin_bottom (f->message, 6);
  message_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_widget_set_focusable (message_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (message_row), f->message);
  gtk_widget_set_visible (message_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), message_row);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (f->row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, f->message, NULL, -1);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_booking_dialog_new:
 * @parent: the window it belongs to
 * @store: a store
 * @tz: the department's time zone
 * @booking: a booking to change, or a new one with its modality and start filled in
 *
 * Returns: (transfer none): the dialog, shown modal
 */
RdBookingDialog *
rd_booking_dialog_new (GtkWindow *parent,
                       RdStore   *store,
                       GTimeZone *tz,
                       RdRecord  *booking)
{
  RdBookingDialog *self = g_object_new (RD_TYPE_BOOKING_DIALOG, "modal", TRUE, "transient-for", parent,
                                        "default-width", 520, "default-height", 760, NULL);
  g_autoptr (RdRecord) existing = rd_store_get (store, "booking", rd_record_get_id (booking), NULL);
  g_autoptr (GPtrArray) modalities = rd_store_list (store, "modality", "name");
  g_autoptr (GPtrArray) staff = rd_store_list (store, "staff", "name");
  g_autoptr (GPtrArray) radiologists = g_ptr_array_new ();
  g_autoptr (GPtrArray) technologists = g_ptr_array_new ();
  g_autoptr (GtkStringList) priorities = gtk_string_list_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  GtkWidget *box, *header, *cancel, *scroller, *clamp, *page, *when, *who, *care, *more;
  Field *priority;

  self->store = g_object_ref (store);
  self->tz = g_time_zone_ref (tz);
  self->original = existing != NULL ? g_object_ref (existing) : NULL;
  self->booking = rd_record_copy (booking);
  if (rd_record_is_null (self->booking, "status"))
    rd_record_set_text (self->booking, "status", "scheduled");
  if (rd_record_is_null (self->booking, "priority"))
    rd_record_set_text (self->booking, "priority", "routine");

  gtk_window_set_title (GTK_WINDOW (self), existing != NULL ? _("Edit Booking") : _("New Booking"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = rd_mnemonic_button_new (_("_Cancel"));
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = rd_mnemonic_button_new (existing != NULL ? _("_Save") : _("_Book"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (box), header);

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  g_object_set (page, "margin-top", 18, "margin-bottom", 18, "margin-start", 12, "margin-end", 12, NULL);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);

  when = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (when), _("Exam"));
  who = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (who), _("Patient"));
  care = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (care), _("Staff"));
  more = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (more), _("Notes"));
  gtk_box_append (GTK_BOX (page), when);
  gtk_box_append (GTK_BOX (page), who);
  gtk_box_append (GTK_BOX (page), care);
  gtk_box_append (GTK_BOX (page), more);

  self->filling = TRUE;
  add_field (self, when, "modality_id", _("Modality"), FIELD_COMBO);
  add_field (self, when, "exam_type_id", _("Exam Type"), FIELD_COMBO);
  add_field (self, when, "date", _("Date (YYYY-MM-DD)"), FIELD_ENTRY);
  add_field (self, when, "start", _("Start (HH:MM)"), FIELD_ENTRY);
  add_field (self, when, "end", _("End (HH:MM)"), FIELD_ENTRY);
  add_field (self, when, "priority", _("Priority"), FIELD_COMBO);
  add_field (self, who, "patient_name", _("Patient Name"), FIELD_ENTRY);
  add_field (self, who, "patient_mrn", _("MRN"), FIELD_ENTRY);
  add_field (self, who, "referring_clinician", _("Referring Clinician"), FIELD_ENTRY);
  add_field (self, care, "radiologist_id", _("Radiologist"), FIELD_COMBO);
  add_field (self, care, "technologist_id", _("Technologist"), FIELD_COMBO);
  add_field (self, more, "notes", _("Notes"), FIELD_ENTRY);
  add_field (self, more, "override_reason", _("Reason to Book Outside Opening Hours"), FIELD_ENTRY);

  set_combo_items (find_field (self, "modality_id"), modalities, "name", FALSE);
  for (guint i = 0; i < staff->len; i++)
    {
      RdRecord *s = g_ptr_array_index (staff, i);
      const char *job = rd_record_get_text (s, "job");

      if (!rd_record_get_bool (s, "active"))
        continue;
      if (g_strcmp0 (job, "radiologist") == 0)
        g_ptr_array_add (radiologists, s);
      else if (g_strcmp0 (job, "technologist") == 0)
        g_ptr_array_add (technologists, s);
    }
  set_combo_items (find_field (self, "radiologist_id"), radiologists, "name", TRUE);
  set_combo_items (find_field (self, "technologist_id"), technologists, "name", TRUE);

  priority = find_field (self, "priority");
  for (guint i = 0; rd_booking_priorities[i] != NULL; i++)
    {
      gtk_string_list_append (priorities, rd_schedule_priority_label (rd_booking_priorities[i]));
      g_ptr_array_add (priority->ids, g_strdup (rd_booking_priorities[i]));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (priority->row), G_LIST_MODEL (priorities));

  set_field_text (self, "modality_id", rd_record_get_text (self->booking, "modality_id"));
  fill_exams (self);
  set_field_text (self, "exam_type_id", rd_record_get_text (self->booking, "exam_type_id"));
  date = format_local (tz, rd_record_get_int (self->booking, "start"), "%Y-%m-%d");
  start = format_local (tz, rd_record_get_int (self->booking, "start"), "%H:%M");
  set_field_text (self, "date", date);
  set_field_text (self, "start", start);
  if (rd_record_get_int (self->booking, "end") > rd_record_get_int (self->booking, "start"))
    {
      end = format_local (tz, rd_record_get_int (self->booking, "end"), "%H:%M");
      set_field_text (self, "end", end);
    }
  else
    fill_end_from_exam (self);
  for (guint i = 0; i < self->n_fields; i++)
    {
      const char *name = self->fields[i].name;

      if (!g_str_equal (name, "modality_id") && !g_str_equal (name, "exam_type_id") && !g_str_equal (name, "date")
          && !g_str_equal (name, "start") && !g_str_equal (name, "end"))
        set_field_text (self, name, rd_record_get_text (self->booking, name));
    }
  self->filling = FALSE;

  adw_window_set_content (ADW_WINDOW (self), box);
  validate (self);
  /* A new booking starts with empty patient fields: say so only once the user has typed. */
  if (existing == NULL)
    {
      show_message (find_field (self, "patient_name"), NULL, TRUE);
      show_message (find_field (self, "patient_mrn"), NULL, TRUE);
    }

  return self;
}

/**
 * rd_booking_dialog_get_row:
 * @self: a dialog
 * @field: a booking column, or "date", "start", "end"
 *
 * Returns: (transfer none) (nullable): the AdwEntryRow or AdwComboRow of that field
 */
GtkWidget *
rd_booking_dialog_get_row (RdBookingDialog *self,
                           const char      *field)
{
  Field *f;

  g_return_val_if_fail (RD_IS_BOOKING_DIALOG (self), NULL);
  f = find_field (self, field);
  return f != NULL ? f->row : NULL;
}

/**
 * rd_booking_dialog_get_message:
 * @self: a dialog
 * @field: a field
 *
 * Returns: (transfer none): the message shown under the field, "" for none
 */
const char *
rd_booking_dialog_get_message (RdBookingDialog *self,
                               const char      *field)
{
  Field *f;

  g_return_val_if_fail (RD_IS_BOOKING_DIALOG (self), "");
  f = find_field (self, field);
  return f != NULL ? gtk_label_get_text (GTK_LABEL (f->message)) : "";
}

/**
 * rd_booking_dialog_select:
 * @self: a dialog
 * @field: a combo field
 * @id: the id to choose
 */
void
rd_booking_dialog_select (RdBookingDialog *self,
                          const char      *field,
                          const char      *id)
{
  g_return_if_fail (RD_IS_BOOKING_DIALOG (self));
  set_field_text (self, field, id);
}

/**
 * rd_booking_dialog_save:
 * @self: a dialog
 *
 * What the Save button does: checks the booking by the schedule's rules, saves it, emits
 * RdBookingDialog::saved and closes; a refused booking keeps the dialog open with its messages.
 *
 * Returns: whether the booking was saved
 */
gboolean
rd_booking_dialog_save (RdBookingDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) saved = NULL;

  g_return_val_if_fail (RD_IS_BOOKING_DIALOG (self), FALSE);

  /* The patient fields were quiet until now; a save shows every message. */
  if (!validate (self))
    return FALSE;

  saved = rd_record_copy (self->booking);
  if (!rd_schedule_check_booking (self->store, saved, self->tz, NULL, &error)
      || !rd_store_save (self->store, saved, g_get_user_name (), &error))
    {
      show_message (find_field (self, "start"), error->message, TRUE);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->original, saved);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
