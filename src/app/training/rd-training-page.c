/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-page.c: the Staff & Training page — directory, compliance matrix, due lists, doses and histories. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-record-list.h"
#include "rd-record-view.h"
#include "rd-training.h"
#include "rd-training-editor.h"
#include "rd-training-history.h"
#include "rd-training-matrix-view.h"
#include "rd-training-page.h"
#include "rd-training-page-private.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdTrainingPage
{
  RdPage                parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  RdTrainingMatrixView *matrix_view;
  RdRecordView         *directory;
  GtkListBox           *due_list;
  GtkToggleButton      *due_30;
  GtkToggleButton      *due_60;
  GtkToggleButton      *due_90;
  GtkListBox           *dose_list;
  GtkLabel             *dose_intro;
  RdTrainingHistory    *history;
  GtkDropDown          *job_filter;
  GtkDropDown          *kind_filter;
  GtkLabel             *summary_label;
  GtkPaned             *paned;

  RdRecordList         *staff;
  GtkCustomFilter      *staff_filter;
  GSettings            *settings;
  gulong                store_changed_id;
  guint                 refresh_id;
  guint                 reminder_id;
  guint                 first_reminder_id;
};

G_DEFINE_FINAL_TYPE (RdTrainingPage, rd_training_page, RD_TYPE_PAGE)

static const char *const watched_tables[] = {
  "staff", "course", "course_requirement", "training_record", "certification", "dose_reading", NULL,
};

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static const char *
selected_job (RdTrainingPage *self)
{
  guint i = gtk_drop_down_get_selected (self->job_filter);

  return i == 0 || i == GTK_INVALID_LIST_POSITION ? NULL : rd_staff_jobs[i - 1];
}

static const char *
selected_kind (RdTrainingPage *self)
{
  guint i = gtk_drop_down_get_selected (self->kind_filter);

  return i == 0 || i == GTK_INVALID_LIST_POSITION ? NULL : rd_modality_kinds[i - 1];
}

static guint
due_days (RdTrainingPage *self)
{
  if (gtk_toggle_button_get_active (self->due_90))
    return 90;
  if (gtk_toggle_button_get_active (self->due_60))
    return 60;
  return 30;
}

static void
today (GDate *out)
{
  rd_training_today (rd_format_get_time_zone (), out);
}

static void
update_summary (RdTrainingPage   *self,
                RdTrainingMatrix *matrix)
{
  guint counts[4] = { 0 };
  g_autofree char *text = NULL;

  for (guint r = 0; r < rd_training_matrix_get_n_staff (matrix); r++)
    for (guint c = 0; c < rd_training_matrix_get_n_columns (matrix); c++)
      {
        const RdTrainingItem *item = rd_training_matrix_get_cell (matrix, r, c);
        if (item != NULL)
          counts[item->status]++;
      }

  text = g_strdup_printf (_("%u staff · %u overdue · %u missing · %u due within 30 days"),
                          rd_training_matrix_get_n_staff (matrix), counts[RD_TRAINING_OVERDUE],
                          counts[RD_TRAINING_MISSING], counts[RD_TRAINING_DUE]);
  gtk_label_set_text (self->summary_label, text);
}

static void
refresh (RdTrainingPage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  RdTrainingMatrix *matrix;
  int one = 10, two = 30;
  GDate day;

  today (&day);
  matrix = rd_training_matrix_new (store, &day, selected_job (self), selected_kind (self));
  update_summary (self, matrix);
  rd_training_matrix_view_set_matrix (self->matrix_view, matrix);

  rd_training_fill_due_list (self->due_list, store, &day, due_days (self));

  if (self->settings != NULL)
    {
      one = g_settings_get_int (self->settings, "dose-level-one-percent");
      two = g_settings_get_int (self->settings, "dose-level-two-percent");
    }
  rd_training_fill_dose_list (self->dose_list, self->dose_intro, store, one, two);

  rd_training_history_refresh (self->history);
  gtk_filter_changed (GTK_FILTER (self->staff_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
refresh_idle (gpointer user_data)
{
  RdTrainingPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RdTrainingPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static gboolean
remind (gpointer user_data)
{
  RdTrainingPage *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  GDate day;

  today (&day);
  rd_training_send_reminders (app ? G_APPLICATION (app) : NULL, rd_page_get_store (RD_PAGE (self)), &day);
  return G_SOURCE_CONTINUE;
}

static gboolean
remind_once (gpointer user_data)
{
  RdTrainingPage *self = user_data;

  self->first_reminder_id = 0;
  remind (self);
  return G_SOURCE_REMOVE;
}

static GtkWindow *
parent_window (RdTrainingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_store_changed (RdStore        *store,
                  const char     *table,
                  const char     *id,
                  RdTrainingPage *self)
{
  if (table == NULL || g_strv_contains (watched_tables, table))
    queue_refresh (self);
}

static void
on_filter_changed (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   RdTrainingPage *self)
{
  queue_refresh (self);
}

static void
on_due_toggled (GtkToggleButton *button,
                RdTrainingPage  *self)
{
  GDate day;

  if (!gtk_toggle_button_get_active (button))
    return;
  today (&day);
  rd_training_fill_due_list (self->due_list, rd_page_get_store (RD_PAGE (self)), &day, due_days (self));
}

static void
on_settings_changed (GSettings      *settings,
                     const char     *key,
                     RdTrainingPage *self)
{
  queue_refresh (self);
}

static void
show_person (RdTrainingPage *self,
             const char     *staff_id)
{
  gboolean shown = staff_id != NULL && *staff_id != '\0';

  rd_training_history_show (self->history, rd_page_get_store (RD_PAGE (self)), shown ? staff_id : NULL);
  /* The history takes room only while someone is chosen. */
  gtk_widget_set_visible (GTK_WIDGET (self->history), shown);
}

static void
on_staff_selected (RdTrainingMatrixView *view,
                   const char           *staff_id,
                   RdTrainingPage       *self)
{
  show_person (self, staff_id);
}

static void
on_directory_activated (RdRecordView   *view,
                        RdRecord       *record,
                        RdTrainingPage *self)
{
  show_person (self, rd_record_get_id (record));
}

static gboolean
staff_filter_func (gpointer item,
                   gpointer user_data)
{
  RdTrainingPage *self = user_data;
  RdRecord *staff = item;
  const char *job = selected_job (self);
  const char *kind = selected_kind (self);
  g_auto (GStrv) kinds = NULL;

  if (job != NULL && g_strcmp0 (rd_record_get_text (staff, "job"), job) != 0)
    return FALSE;
  if (kind == NULL)
    return TRUE;
  kinds = g_strsplit (rd_record_get_text (staff, "modality_kinds") ? rd_record_get_text (staff, "modality_kinds") : "", ",", -1);
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (g_strstrip (kinds[i]), kind) == 0)
      return TRUE;
  return FALSE;
}

static void
on_editor_saved (RdTrainingEditor *editor,
                 RdRecord         *record,
                 RdTrainingPage   *self)
{
  const char *table = rd_record_get_table_name (record);
  const char *text = g_str_equal (table, "training_record") ? _("Training logged")
                     : g_str_equal (table, "certification") ? _("Certification added")
                     : _("Dose reading added");

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  show_person (self, rd_record_get_text (record, "staff_id"));
  refresh (self);
}

static RdTrainingEditor *
open_editor (RdTrainingPage     *self,
             RdTrainingEditKind  kind,
             RdRecord           *record,
             const char         *staff_id)
{
  RdTrainingEditor *editor;

  if (staff_id == NULL && record == NULL)
    staff_id = rd_training_history_get_staff_id (self->history);
  editor = rd_training_editor_new (rd_page_get_store (RD_PAGE (self)), kind, record, staff_id);
  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/* ---------------------------------------------------------------- */
/* Actions                                                           */
/* ---------------------------------------------------------------- */

static const char *
string_param (GVariant *param)
{
  return param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE_STRING)
         ? g_variant_get_string (param, NULL) : NULL;
}

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (widget);
  RdTrainingEditKind kind = RD_TRAINING_EDIT_RECORD;

  if (g_str_has_prefix (action_name, "training.certify"))
    kind = RD_TRAINING_EDIT_CERTIFICATION;
  else if (g_str_has_prefix (action_name, "training.dose"))
    kind = RD_TRAINING_EDIT_DOSE;

  open_editor (self, kind, NULL, string_param (param));
}

static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (widget);
  g_autoptr (RdRecord) original = rd_store_get (rd_page_get_store (RD_PAGE (self)), "training_record", string_param (param), NULL);
  g_autoptr (RdRecord) record = NULL;

  if (original == NULL)
    return;
  record = g_str_equal (action_name, "training.correct") ? rd_training_new_correction (original)
                                                         : g_object_ref (original);
  open_editor (self, RD_TRAINING_EDIT_RECORD, record, NULL);
}

static void
show_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  show_person (RD_TRAINING_PAGE (widget), string_param (param));
}

static void
export_matrix_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (widget);
  RdTrainingMatrix *matrix = rd_training_matrix_view_get_matrix (self->matrix_view);
  GString *csv = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *day_text = NULL;
  GDate day;

  if (matrix == NULL)
    return;
  rd_training_csv_matrix (matrix, csv);
  today (&day);
  day_text = rd_training_format_date (&day);
  name = g_strdup_printf ("training-compliance-%s.csv", day_text);
  rd_training_export_csv (parent_window (self), csv, name, self->toast_overlay);
}

static void
export_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (widget);
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  const char *staff_id = string_param (param);
  g_autoptr (RdRecord) staff = staff_id ? rd_store_get (store, "staff", staff_id, NULL) : NULL;
  GString *csv;
  g_autofree char *name = NULL;
  g_autofree char *slug = NULL;

  if (staff == NULL)
    return;
  csv = g_string_new (NULL);
  rd_training_csv_history (store, staff_id, csv);
  slug = g_ascii_strdown (rd_record_get_text (staff, "name"), -1);
  g_strdelimit (slug, " '/\\", '-');
  name = g_strdup_printf ("training-history-%s.csv", slug);
  rd_training_export_csv (parent_window (self), csv, name, self->toast_overlay);
}

static void
print_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (widget);

  rd_training_print_history (parent_window (self), rd_page_get_store (RD_PAGE (self)), string_param (param), self->toast_overlay, NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (widget);
  RdTrainingMatrix *matrix = rd_training_matrix_view_get_matrix (self->matrix_view);

  if (matrix != NULL)
    rd_training_print_matrix (parent_window (self), matrix, self->toast_overlay);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
load_style (void)
{
  static gboolean loaded;
  g_autoptr (GtkCssProvider) provider = NULL;

  if (loaded || gdk_display_get_default () == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/raddesk/RadDesk/training/rd-training.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static GtkStringList *
enum_list (const char        *all,
           const char *const *values,
           gboolean           words)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (list, words ? rd_format_enum (values[i]) : values[i]);
  return list;
}

static void
rd_training_page_constructed (GObject *object)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GtkStringList) jobs = NULL;
  g_autoptr (GtkStringList) kinds = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  GtkFilterListModel *filtered;
  GtkColumnViewColumn *column;

  G_OBJECT_CLASS (rd_training_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (store));
  load_style ();

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect (self->settings, "changed::dose-level-one-percent", G_CALLBACK (on_settings_changed), self);
      g_signal_connect (self->settings, "changed::dose-level-two-percent", G_CALLBACK (on_settings_changed), self);
    }

  jobs = enum_list (_("All jobs"), rd_staff_jobs, TRUE);
  kinds = enum_list (_("All modalities"), rd_modality_kinds, FALSE);
  gtk_drop_down_set_model (self->job_filter, G_LIST_MODEL (jobs));
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (kinds));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->job_filter), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Job"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_filter), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Modality kind"), -1);
  g_signal_connect (self->job_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->kind_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);

  /* The staff directory: every person, filtered by job and modality kind, searchable. */
  rd_record_view_set_store (self->directory, store);
  self->staff = rd_record_list_new (store, "staff");
  self->staff_filter = gtk_custom_filter_new (staff_filter_func, self, NULL);
  /* Columns are described from the record list's table; the filtered model is set after. */
  rd_record_view_set_model (self->directory, G_LIST_MODEL (self->staff));
  column = rd_record_view_add_column (self->directory, "name", _("Name"));
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_add_column (self->directory, "job", _("Job"));
  rd_record_view_add_column (self->directory, "modality_kinds", _("Modalities"));
  rd_record_view_add_column (self->directory, "is_trainer", _("Trainer"));
  rd_record_view_add_column (self->directory, "email", _("Email"));
  rd_record_view_add_column (self->directory, "active", _("Active"));
  rd_record_view_sort_by (self->directory, column, GTK_SORT_ASCENDING);
  rd_record_view_set_empty_state (self->directory, "system-users-symbolic", _("No Staff"),
                                  _("Technologists, radiologists, nurses and clerks appear here."));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->staff)),
                                        GTK_FILTER (g_object_ref (self->staff_filter)));
  rd_record_view_set_model (self->directory, G_LIST_MODEL (filtered));
  g_object_unref (filtered);
  gtk_column_view_set_single_click_activate (rd_record_view_get_column_view (self->directory), TRUE);
  g_signal_connect (self->directory, "record-activated", G_CALLBACK (on_directory_activated), self);

  g_signal_connect (self->matrix_view, "staff-selected", G_CALLBACK (on_staff_selected), self);
  g_signal_connect (self->due_30, "toggled", G_CALLBACK (on_due_toggled), self);
  g_signal_connect (self->due_60, "toggled", G_CALLBACK (on_due_toggled), self);
  g_signal_connect (self->due_90, "toggled", G_CALLBACK (on_due_toggled), self);

  show_person (self, NULL);
  gtk_paned_set_position (self->paned, 640);

  self->store_changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  refresh (self);

  /* Reminders once the window is up, then hourly; each item at most once a day. */
  self->reminder_id = g_timeout_add_seconds (3600, remind, self);
  self->first_reminder_id = g_idle_add (remind_once, self);
}

static void
rd_training_page_dispose (GObject *object)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));

  if (store != NULL)
    g_clear_signal_handler (&self->store_changed_id, store);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->reminder_id, g_source_remove);
  g_clear_handle_id (&self->first_reminder_id, g_source_remove);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_TRAINING_PAGE);
  g_clear_object (&self->staff);
  g_clear_object (&self->staff_filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_training_page_parent_class)->dispose (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_training_page_class_init (RdTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_training_page_constructed;
  object_class->dispose = rd_training_page_dispose;

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  g_type_ensure (RD_TYPE_TRAINING_MATRIX_VIEW);
  g_type_ensure (RD_TYPE_TRAINING_HISTORY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/training/rd-training-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, directory);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, due_list);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, due_30);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, due_60);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, due_90);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, dose_list);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, dose_intro);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, history);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, job_filter);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, paned);

  gtk_widget_class_install_action (widget_class, "training.log", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "training.log-for", "s", log_action);
  gtk_widget_class_install_action (widget_class, "training.certify", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "training.certify-for", "s", log_action);
  gtk_widget_class_install_action (widget_class, "training.dose", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "training.dose-for", "s", log_action);
  gtk_widget_class_install_action (widget_class, "training.correct", "s", correct_action);
  gtk_widget_class_install_action (widget_class, "training.edit", "s", correct_action);
  gtk_widget_class_install_action (widget_class, "training.show-person", "s", show_person_action);
  gtk_widget_class_install_action (widget_class, "training.close-person", NULL, show_person_action);
  gtk_widget_class_install_action (widget_class, "training.export-matrix", NULL, export_matrix_action);
  gtk_widget_class_install_action (widget_class, "training.export-history", "s", export_history_action);
  gtk_widget_class_install_action (widget_class, "training.print-history", "s", print_history_action);
  gtk_widget_class_install_action (widget_class, "training.print", NULL, print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "training.log", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "training.print", NULL);
}

static void
rd_training_page_init (RdTrainingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_training_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Staff & Training page
 */
RdTrainingPage *
rd_training_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_TRAINING_PAGE, "store", store, NULL);
}
