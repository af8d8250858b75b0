/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-editor.c: the dialog that logs a training session, a certification or a dose reading. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rd-error.h"
#include "rd-format.h"
#include "rd-training.h"
#include "rd-training-editor.h"
#include "rd-widgets.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef enum
{
  FIELD_CHOICE,   /* AdwComboRow over ids */
  FIELD_TEXT,     /* AdwEntryRow */
  FIELD_INTEGER,  /* AdwActionRow + GtkSpinButton */
  FIELD_DOSE,     /* AdwActionRow + GtkSpinButton in mSv, stored in µSv */
} FieldType;

typedef struct
{
  char       *column;
  FieldType   type;
  GtkWidget  *row;
  GtkWidget  *input;      /* the spin button of numeric fields, else the row */
  GtkWidget  *error_row;
  GtkLabel   *error_label;
  GPtrArray  *ids;        /* FIELD_CHOICE: the value of each position; "" for none */
  char       *error;
} Field;

struct _RdTrainingEditor
{
  AdwWindow           parent_instance;

  RdStore            *store;
  RdTrainingEditKind  kind;
  RdRecord           *record;    /* the record being built; saved on Save */
  GtkListBox         *list;
  GtkLabel           *general_error;
  GPtrArray          *fields;    /* Field */
  GtkWidget          *other_kind_row; /* certification: the kind typed when "Other…" is chosen */
};

/* The id of the "Other…" certification kind; no kind typed can be this. */
#define OTHER_KIND "\x01other"

G_DEFINE_FINAL_TYPE (RdTrainingEditor, rd_training_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
field_free (Field *field)
{
  g_free (field->column);
  g_free (field->error);
  g_clear_pointer (&field->ids, g_ptr_array_unref);
  g_free (field);
}

static Field *
find_field (RdTrainingEditor *self,
            const char       *column)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      if (g_strcmp0 (field->column, column) == 0)
        return field;
    }
  return NULL;
}

static void
append_field (RdTrainingEditor *self,
              Field            *field,
              const char       *title)
{
  GtkWidget *label;

  field->error_label = GTK_LABEL (label = gtk_label_new (NULL));
  gtk_label_set_wrap (field->error_label, TRUE);
  gtk_label_set_xalign (field->error_label, 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);

  field->error_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->error_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->error_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (field->error_row), FALSE);
  gtk_widget_set_visible (field->error_row, FALSE);

  /* The input is its row, or the activatable widget of its row: either way libadwaita names it by
   * the row's title. An accessible label as well made GTK 4.8 read it twice ("Course Course"). */
  gtk_widget_set_name (field->input, field->column);
  gtk_list_box_append (self->list, field->row);
  gtk_list_box_append (self->list, field->error_row);
  g_ptr_array_add (self->fields, field);
}

static Field *
add_choice (RdTrainingEditor *self,
            const char       *column,
            const char       *title,
            GtkStringList    *labels,
            GPtrArray        *ids)
{
  Field *field = g_new0 (Field, 1);

  field->column = g_strdup (column);
  field->type = FIELD_CHOICE;
  field->ids = ids;
  field->row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (labels));
  field->input = field->row;
  g_object_unref (labels);
  append_field (self, field, title);
  return field;
}

/* A choice of staff: everyone active, or only trainers; @none_label adds a first "nobody" entry. */
static Field *
add_staff_choice (RdTrainingEditor *self,
                  const char       *column,
                  const char       *title,
                  gboolean          trainers_only,
                  const char       *none_label)
{
  g_autoptr (GPtrArray) staff = rd_store_list (self->store, "staff", "name");
  GtkStringList *labels = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (none_label != NULL)
    {
      gtk_string_list_append (labels, none_label);
      g_ptr_array_add (ids, g_strdup (""));
    }
  for (guint i = 0; i < staff->len; i++)
    {
      RdRecord *person = g_ptr_array_index (staff, i);

      if (!rd_record_get_bool (person, "active") || (trainers_only && !rd_record_get_bool (person, "is_trainer")))
        continue;
      gtk_string_list_append (labels, rd_record_get_text (person, "name"));
      g_ptr_array_add (ids, g_strdup (rd_record_get_id (person)));
    }

  return add_choice (self, column, title, labels, ids);
}

static Field *
add_text (RdTrainingEditor *self,
          const char       *column,
          const char       *title)
{
  Field *field = g_new0 (Field, 1);

  field->column = g_strdup (column);
  field->type = FIELD_TEXT;
  field->row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
  field->input = field->row;
  append_field (self, field, title);
  return field;
}

static Field *
add_number (RdTrainingEditor *self,
            const char       *column,
            const char       *title,
            FieldType         type)
{
  Field *field = g_new0 (Field, 1);

  field->column = g_strdup (column);
  field->type = type;
  field->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
  if (type == FIELD_DOSE)
    {
      field->input = gtk_spin_button_new_with_range (0, 1000, 0.01);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (field->input), 2);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), _("millisievert"));
    }
  else
    field->input = gtk_spin_button_new_with_range (-10, 1000, 1);
  gtk_widget_set_valign (field->input, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->input);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->input);
  append_field (self, field, title);
  return field;
}

static gboolean
set_choice (Field      *field,
            const char *id)
{
  for (guint i = 0; i < field->ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (field->ids, i), id ? id : "") == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), i);
        return TRUE;
      }
  return FALSE;
}

static const char *
get_choice (Field *field)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));

  if (selected == GTK_INVALID_LIST_POSITION || selected >= field->ids->len)
    return NULL;
  return g_ptr_array_index (field->ids, selected);
}

static void
show_error (RdTrainingEditor *self,
            const char       *column,
            const char       *message)
{
  Field *field = column != NULL ? find_field (self, column) : NULL;

  if (field == NULL)
    {
      gtk_label_set_text (self->general_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
      return;
    }

  g_free (field->error);
  field->error = g_strdup (message);
  gtk_label_set_text (field->error_label, message);
  gtk_widget_set_visible (field->error_row, TRUE);
  gtk_widget_add_css_class (field->row, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (field->input), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_widget_grab_focus (field->input);
}

static void
clear_errors (RdTrainingEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      g_clear_pointer (&field->error, g_free);
      gtk_widget_set_visible (field->error_row, FALSE);
      gtk_widget_remove_css_class (field->row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->input), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->input), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Writes the form into the record. */
static void
collect (RdTrainingEditor *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *text;

      switch (field->type)
        {
        case FIELD_CHOICE:
          text = get_choice (field);
          if (g_strcmp0 (text, OTHER_KIND) == 0)
            {
              g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->other_kind_row))));

              if (*typed == '\0')
                rd_record_set_null (self->record, field->column);
              else
                rd_record_set_text (self->record, field->column, typed);
            }
          else if (text == NULL || *text == '\0')
            rd_record_set_null (self->record, field->column);
          else
            rd_record_set_text (self->record, field->column, text);
          break;
        case FIELD_TEXT:
          {
            g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->row))));
            if (*stripped == '\0')
              rd_record_set_null (self->record, field->column);
            else
              rd_record_set_text (self->record, field->column, stripped);
          }
          break;
        case FIELD_INTEGER:
          gtk_spin_button_update (GTK_SPIN_BUTTON (field->input));
          rd_record_set_int (self->record, field->column,
                             gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->input)));
          break;
        case FIELD_DOSE:
          gtk_spin_button_update (GTK_SPIN_BUTTON (field->input));
          rd_record_set_int (self->record, field->column,
                             (gint64) llround (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->input)) * 1000.0));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Puts the record's values into the form. */
static void
fill (RdTrainingEditor *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (rd_record_is_null (self->record, field->column))
        continue;
      switch (field->type)
        {
        case FIELD_CHOICE:
          /* A kind that is none of the known ones is shown as "Other…" with its text. */
          if (!set_choice (field, rd_record_get_text (self->record, field->column))
              && self->other_kind_row != NULL && g_str_equal (field->column, "kind"))
            {
              gtk_editable_set_text (GTK_EDITABLE (self->other_kind_row),
                                     rd_record_get_text (self->record, field->column));
              set_choice (field, OTHER_KIND);
            }
          break;
        case FIELD_TEXT:
          gtk_editable_set_text (GTK_EDITABLE (field->row), rd_record_get_text (self->record, field->column));
          break;
        case FIELD_INTEGER:
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->input), rd_record_get_int (self->record, field->column));
          break;
        case FIELD_DOSE:
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->input),
                                     rd_record_get_int (self->record, field->column) / 1000.0);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
today_text (char out[11])
{
  GDate today;
  g_autofree char *text = NULL;

  rd_training_today (rd_format_get_time_zone (), &today);
  text = rd_training_format_date (&today);
  g_strlcpy (out, text, 11);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_course_selected (AdwComboRow      *row,
                    GParamSpec       *pspec,
                    RdTrainingEditor *self)
{
  Field *course = find_field (self, "course_id");
  Field *hours = find_field (self, "hours");
  const char *id = get_choice (course);
  g_autoptr (RdRecord) record = NULL;

  /* The course's usual length is the likeliest number of hours. */
  if (id != NULL && (record = rd_store_get (self->store, "course", id, NULL)) != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (hours->input), rd_record_get_int (record, "hours"));
}

static void
on_kind_selected (AdwComboRow      *row,
                  GParamSpec       *pspec,
                  RdTrainingEditor *self)
{
  gboolean other = g_strcmp0 (get_choice (find_field (self, "kind")), OTHER_KIND) == 0;

  gtk_widget_set_visible (self->other_kind_row, other);
  if (other && pspec != NULL)
    gtk_widget_grab_focus (self->other_kind_row);
}

static void
on_save_clicked (GtkButton        *button,
                 RdTrainingEditor *self)
{
  rd_training_editor_save (self);
}

static void
on_cancel_clicked (GtkButton        *button,
                   RdTrainingEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- */
/* Building                                                          */
/* ---------------------------------------------------------------- */

static void
build_record_form (RdTrainingEditor *self)
{
  g_autoptr (GPtrArray) courses = rd_store_list (self->store, "course", "title");
  GtkStringList *labels = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkStringList *outcomes = gtk_string_list_new (NULL);
  GPtrArray *outcome_ids = g_ptr_array_new_with_free_func (g_free);
  static const char *const outcome_values[] = { "competent", "needs_practice", "not_competent" };
  Field *course;

  add_staff_choice (self, "staff_id", _("Staff Member"), FALSE, NULL);

  for (guint i = 0; i < courses->len; i++)
    {
      RdRecord *c = g_ptr_array_index (courses, i);
      gtk_string_list_append (labels, rd_record_get_text (c, "title"));
      g_ptr_array_add (ids, g_strdup (rd_record_get_id (c)));
    }
  course = add_choice (self, "course_id", _("Course"), labels, ids);

  add_text (self, "date", _("Date (YYYY-MM-DD)"));
  add_staff_choice (self, "trainer_id", _("Trainer"), TRUE, _("None"));
  add_number (self, "hours", _("Hours"), FIELD_INTEGER);

  for (guint i = 0; i < G_N_ELEMENTS (outcome_values); i++)
    {
      gtk_string_list_append (outcomes, rd_format_enum (outcome_values[i]));
      g_ptr_array_add (outcome_ids, g_strdup (outcome_values[i]));
    }
  add_choice (self, "outcome", _("Outcome"), outcomes, outcome_ids);
  add_text (self, "notes", _("Notes"));
  add_staff_choice (self, "signed_off_by", _("Signed Off By"), TRUE, _("Not signed off"));

  on_course_selected (NULL, NULL, self);
  g_signal_connect (course->row, "notify::selected", G_CALLBACK (on_course_selected), self);
}

static void
build_certification_form (RdTrainingEditor *self)
{
  const char *const *kinds = rd_training_certification_kinds ();
  GtkStringList *labels = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  add_staff_choice (self, "staff_id", _("Staff Member"), FALSE, NULL);
  Field *kind;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      gtk_string_list_append (labels, kinds[i]);
      g_ptr_array_add (ids, g_strdup (kinds[i]));
    }
  /* Certifications the department has not met before are typed in. */
  gtk_string_list_append (labels, _("Other…"));
  g_ptr_array_add (ids, g_strdup (OTHER_KIND));
  kind = add_choice (self, "kind", _("Kind"), labels, ids);

  self->other_kind_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_kind_row), _("Other Kind"));
  gtk_widget_set_name (self->other_kind_row, "kind_other");
  /* Right under the kind (and its message row). */
  gtk_list_box_insert (self->list, self->other_kind_row, -1);
  on_kind_selected (NULL, NULL, self);
  g_signal_connect (kind->row, "notify::selected", G_CALLBACK (on_kind_selected), self);

  add_text (self, "number", _("Number"));
  add_text (self, "issued", _("Issued (YYYY-MM-DD)"));
  add_text (self, "expires", _("Expires (YYYY-MM-DD)"));
}

static void
build_dose_form (RdTrainingEditor *self)
{
  add_staff_choice (self, "staff_id", _("Staff Member"), FALSE, NULL);
  add_text (self, "period_start", _("Period Start (YYYY-MM-DD)"));
  add_text (self, "period_end", _("Period End (YYYY-MM-DD)"));
  add_number (self, "effective_usv", _("Effective Dose"), FIELD_DOSE);
  add_number (self, "lens_usv", _("Lens Dose"), FIELD_DOSE);
  add_number (self, "extremity_usv", _("Extremity Dose"), FIELD_DOSE);
}

static void
build (RdTrainingEditor *self)
{
  GtkWidget *box, *header, *cancel, *save, *scrolled, *clamp, *content, *label;
  const char *title = NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = rd_mnemonic_button_new (_("_Cancel"));
  save = rd_mnemonic_button_new (_("_Save"));
  gtk_widget_set_name (save, "save");
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  label = gtk_label_new (NULL);
  self->general_error = GTK_LABEL (label);
  gtk_label_set_wrap (self->general_error, TRUE);
  gtk_label_set_xalign (self->general_error, 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (content), label);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->list));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);

  switch (self->kind)
    {
    case RD_TRAINING_EDIT_RECORD:
      build_record_form (self);
      title = rd_record_get_text (self->record, "corrects_id") ? _("Correct Training Record") : _("Log Training");
      break;
    case RD_TRAINING_EDIT_CERTIFICATION:
      build_certification_form (self);
      title = _("Add Certification");
      break;
    case RD_TRAINING_EDIT_DOSE:
      build_dose_form (self);
      title = _("Add Dose Reading");
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_training_editor_finalize (GObject *object)
{
  RdTrainingEditor *self = RD_TRAINING_EDITOR (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->record);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_training_editor_parent_class)->finalize (object);
}

static void
rd_training_editor_class_init (RdTrainingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_training_editor_finalize;

  /**
   * RdTrainingEditor::saved:
   * @self: the editor
   * @record: the record as saved
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RD_TYPE_RECORD);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_training_editor_init (RdTrainingEditor *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_training_editor_new:
 * @store: the department's store
 * @kind: what the dialog makes
 * @record: (nullable): a record to start from (a correction made by rd_training_new_correction()),
 *   or %NULL for a new one
 * @staff_id: (nullable): the person to choose first
 *
 * Returns: (transfer full): a new dialog, not yet shown
 */
RdTrainingEditor *
rd_training_editor_new (RdStore            *store,
                        RdTrainingEditKind  kind,
                        RdRecord           *record,
                        const char         *staff_id)
{
  static const char *const tables[] = { "training_record", "certification", "dose_reading" };
  RdTrainingEditor *self;
  char today[11];

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_TRAINING_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->record = record ? rd_record_copy (record) : rd_record_new_for_table (tables[kind]);

  today_text (today);
  if (record == NULL)
    {
      if (staff_id != NULL)
        rd_record_set_text (self->record, "staff_id", staff_id);
      if (kind == RD_TRAINING_EDIT_RECORD)
        {
          rd_record_set_text (self->record, "date", today);
          rd_record_set_text (self->record, "outcome", "competent");
        }
      else if (kind == RD_TRAINING_EDIT_CERTIFICATION)
        rd_record_set_text (self->record, "issued", today);
      else
        rd_record_set_text (self->record, "period_end", today);
    }

  build (self);
  fill (self);
  return self;
}

/**
 * rd_training_editor_save:
 * @self: an editor
 *
 * Checks and saves the form, as the Save button does. When a rule refuses it, the sentence is
 * shown next to the field at fault and nothing is saved; else the dialog emits "saved" and closes.
 *
 * Returns: whether it was saved
 */
gboolean
rd_training_editor_save (RdTrainingEditor *self)
{
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  GDate today;

  g_return_val_if_fail (RD_IS_TRAINING_EDITOR (self), FALSE);

  clear_errors (self);
  collect (self);
  rd_training_today (rd_format_get_time_zone (), &today);

  if (!rd_training_save (self->store, self->record, g_get_user_name (), &today, &field, &error))
    {
      show_error (self, error->domain == RD_ERROR ? field : NULL, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->record);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/**
 * rd_training_editor_get_field:
 * @self: an editor
 * @column: a column of the record
 *
 * Returns: (transfer none) (nullable): the widget that edits @column (a row, or its spin button);
 *   "kind_other" is the row where a certification kind not in the list is typed
 */
GtkWidget *
rd_training_editor_get_field (RdTrainingEditor *self,
                              const char       *column)
{
  Field *field = find_field (self, column);

  if (field == NULL && g_strcmp0 (column, "kind_other") == 0)
    return self->other_kind_row;

  return field ? field->input : NULL;
}

/**
 * rd_training_editor_get_error:
 * @self: an editor
 * @column: a column
 *
 * Returns: (nullable): the message shown next to @column, if any
 */
const char *
rd_training_editor_get_error (RdTrainingEditor *self,
                              const char       *column)
{
  Field *field = find_field (self, column);

  return field ? field->error : NULL;
}

/**
 * rd_training_editor_select_id:
 * @self: an editor
 * @column: a choice column (staff_id, course_id, trainer_id, signed_off_by, outcome, kind)
 * @id: the value to choose (for the kind, a known one: another is typed into "kind_other")
 *
 * Returns: whether @id is one of the choices
 */
gboolean
rd_training_editor_select_id (RdTrainingEditor *self,
                              const char       *column,
                              const char       *id)
{
  Field *field = find_field (self, column);

  if (field == NULL || field->type != FIELD_CHOICE)
    return FALSE;
  for (guint i = 0; i < field->ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (field->ids, i), id) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), i);
        return TRUE;
      }
  return FALSE;
}
