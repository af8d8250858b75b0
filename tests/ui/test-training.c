/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-training.c: logs a training session through the real dialog and sees the matrix cell turn current; prints a history to PDF. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-format.h"
#include "rd-training.h"
#include "rd-training-editor.h"
#include "rd-training-page.h"
#include "rd-training-page-private.h"
#include "rd-ui-test.h"

typedef struct
{
  char      *dir;
  RdStore   *store;
  GtkWindow *window;
  GtkWidget *page;
} Fixture;

/* Settles the main loop over 200 ms, so that short timeouts fire too. */
static void
drain (void)
{
  for (int i = 0; i < 20; i++)
    {
      rd_ui_test_drain ();
      g_usleep (10000);
    }
}

static void
find_cells (GtkWidget *widget,
            GPtrArray *found)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "training-cell")
      && g_object_get_data (G_OBJECT (widget), "rd-item-key") != NULL && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_cells (child, found);
}

static GtkWidget *
find_cell (GtkWidget  *page,
           const char *key)
{
  g_autoptr (GPtrArray) cells = g_ptr_array_new ();

  find_cells (page, cells);
  for (guint i = 0; i < cells->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (cells, i), "rd-item-key"), key) == 0)
      return g_ptr_array_index (cells, i);
  return NULL;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static RdTrainingEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (RD_IS_TRAINING_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return RD_TRAINING_EDITOR (window);
    }
  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rd_ui_test_make_dir ("ui-training");
  f->store = rd_ui_test_open_demo (f->dir);

  /* The page on its own in a window, so that this test depends on no other page. */
  f->window = g_object_ref_sink (GTK_WINDOW (adw_application_window_new (NULL)));
  f->page = GTK_WIDGET (rd_training_page_new (f->store));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (f->window), f->page);
  gtk_window_set_default_size (f->window, 1280, 900);
  gtk_window_present (f->window);
  drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->window, rd_ui_test_destroy_window);
  drain ();
  g_clear_object (&f->store);
  rd_ui_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* A trainer other than @staff_id. */
static char *
pick_trainer (RdStore    *store,
              const char *staff_id)
{
  g_autoptr (GPtrArray) staff = rd_store_list (store, "staff", "name");

  for (guint i = 0; i < staff->len; i++)
    {
      RdRecord *person = g_ptr_array_index (staff, i);
      if (rd_record_get_bool (person, "is_trainer") && rd_record_get_bool (person, "active")
          && g_strcmp0 (rd_record_get_id (person), staff_id) != 0)
        return g_strdup (rd_record_get_id (person));
    }
  return NULL;
}

static void
test_log_turns_cell_current (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GPtrArray) cells = g_ptr_array_new ();
  g_autofree char *key = NULL;
  g_autofree char *trainer = NULL;
  g_auto (GStrv) parts = NULL;
  GtkWidget *cell = NULL, *save, *hours;
  RdTrainingEditor *editor;
  gint64 records_before;

  g_assert_true (gtk_widget_get_mapped (f->page));

  /* A course cell on screen that is overdue or missing. */
  find_cells (f->page, cells);
  g_assert_cmpuint (cells->len, >, 0);
  for (guint i = 0; i < cells->len && cell == NULL; i++)
    {
      GtkWidget *candidate = g_ptr_array_index (cells, i);
      const char *k = g_object_get_data (G_OBJECT (candidate), "rd-item-key");

      if (strstr (k, ":course:") != NULL
          && (gtk_widget_has_css_class (candidate, "overdue") || gtk_widget_has_css_class (candidate, "missing")))
        cell = candidate;
    }
  g_assert_nonnull (cell);
  key = g_strdup (g_object_get_data (G_OBJECT (cell), "rd-item-key"));
  g_test_message ("logging %s, shown as “%s”", key, gtk_label_get_text (GTK_LABEL (cell)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), !=, "Current");
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL));

  parts = g_strsplit (key, ":", 3);
  trainer = pick_trainer (f->store, parts[0]);
  g_assert_nonnull (trainer);

  /* Open the real dialog through the page's action (the header's Log Training button). */
  gtk_widget_activate_action (f->page, "training.log", NULL);
  drain ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  g_assert_true (rd_training_editor_select_id (editor, "staff_id", parts[0]));
  g_assert_true (rd_training_editor_select_id (editor, "course_id", parts[2]));
  g_assert_true (rd_training_editor_select_id (editor, "trainer_id", trainer));
  g_assert_true (rd_training_editor_select_id (editor, "signed_off_by", trainer));
  g_assert_true (rd_training_editor_select_id (editor, "outcome", "competent"));
  save = rd_ui_test_find (GTK_WIDGET (editor), is_named, "save");
  g_assert_nonnull (save);

  /* Zero hours is refused next to the field, and nothing is saved. */
  records_before = rd_store_count (f->store, "training_record");
  hours = rd_training_editor_get_field (editor, "hours");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hours), 0);
  g_signal_emit_by_name (save, "clicked");
  drain ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_nonnull (rd_training_editor_get_error (editor, "hours"));
  g_assert_cmpint (rd_store_count (f->store, "training_record"), ==, records_before);

  /* Two hours, and Save. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hours), 2);
  g_signal_emit_by_name (save, "clicked");
  drain ();
  g_assert_null (editor); /* saved, closed and gone */
  g_assert_cmpint (rd_store_count (f->store, "training_record"), ==, records_before + 1);

  /* The same cell, rebound, now says Current. */
  drain ();
  cell = find_cell (f->page, key);
  g_assert_nonnull (cell);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cell)), ==, "Current");
  g_assert_true (gtk_widget_has_css_class (cell, "current"));
  g_assert_false (gtk_widget_has_css_class (cell, "overdue"));
  g_assert_false (gtk_widget_has_css_class (cell, "missing"));
}

/* A certification of a kind that is not in the list: "Other…", typed in, saved, and shown again. */
static void
test_certification_other_kind (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GPtrArray) staff = rd_store_list (f->store, "staff", "name");
  const char *staff_id = rd_record_get_id (g_ptr_array_index (staff, 0));
  RdTrainingEditor *editor = rd_training_editor_new (f->store, RD_TRAINING_EDIT_CERTIFICATION, NULL, staff_id);
  g_autoptr (RdTrainingEditor) keep = g_object_ref (editor);
  g_autoptr (GPtrArray) certs = NULL;
  g_autoptr (RdRecord) saved = NULL;
  RdRecord *cert = NULL;
  GtkWidget *kind, *other;
  GListModel *choices;
  guint n_before = rd_store_count (f->store, "certification");
  guint other_at = GTK_INVALID_LIST_POSITION;

  gtk_window_set_transient_for (GTK_WINDOW (editor), f->window);
  gtk_window_present (GTK_WINDOW (editor));
  drain ();

  kind = rd_training_editor_get_field (editor, "kind");
  other = rd_training_editor_get_field (editor, "kind_other");
  g_assert_nonnull (other);
  g_assert_false (gtk_widget_get_visible (other));

  choices = adw_combo_row_get_model (ADW_COMBO_ROW (kind));
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), "Other…") == 0)
      other_at = i;
  g_assert_cmpuint (other_at, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), other_at);
  drain ();
  g_assert_true (gtk_widget_get_visible (other));

  /* Nothing typed: refused beside the kind, nothing saved. */
  gtk_editable_set_text (GTK_EDITABLE (rd_training_editor_get_field (editor, "number")), "RSO-2291");
  g_assert_false (rd_training_editor_save (editor));
  g_assert_nonnull (rd_training_editor_get_error (editor, "kind"));
  g_assert_cmpint (rd_store_count (f->store, "certification"), ==, n_before);

  gtk_editable_set_text (GTK_EDITABLE (other), "  Radiation safety officer  ");
  g_assert_true (rd_training_editor_save (editor));
  drain ();
  g_assert_cmpint (rd_store_count (f->store, "certification"), ==, n_before + 1);

  certs = rd_store_list_by (f->store, "certification", "number", "RSO-2291", NULL);
  g_assert_cmpuint (certs->len, ==, 1);
  cert = g_ptr_array_index (certs, 0);
  g_assert_cmpstr (rd_record_get_text (cert, "kind"), ==, "Radiation safety officer");

  /* Opened again, the kind shows as "Other…" with its text. */
  saved = rd_record_copy (cert);
  editor = rd_training_editor_new (f->store, RD_TRAINING_EDIT_CERTIFICATION, saved, NULL);
  g_clear_object (&keep);
  keep = g_object_ref (editor);
  kind = rd_training_editor_get_field (editor, "kind");
  other = rd_training_editor_get_field (editor, "kind_other");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind)), ==, other_at);
  g_assert_true (gtk_widget_get_visible (other));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (other)), ==, "Radiation safety officer");
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();
}

/* A person's history printed to a PDF file: the print operation's export, as "Print to File" does. */
static void
test_print_history_to_pdf (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GPtrArray) doses = rd_store_list (f->store, "dose_reading", "period_start");
  g_autofree char *pdf = g_build_filename (f->dir, "history.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  const char *staff_id;
  gsize length = 0;
  guint pages = 0;

  /* Someone with dosimeter readings, so that every kind of entry is printed. */
  g_assert_cmpuint (doses->len, >, 0);
  staff_id = rd_record_get_text (g_ptr_array_index (doses, 0), "staff_id");

  g_assert_cmpint (rd_training_print_history (f->window, f->store, staff_id, NULL, pdf), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Page objects, not the page tree ("/Type /Pages"); the streams hold NUL bytes, so no strstr. */
  for (gsize i = 0; i + 12 < length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      pages++;
  g_assert_cmpuint (pages, >=, 1);

  /* An unknown person prints nothing. */
  g_assert_cmpint (rd_training_print_history (f->window, f->store, "nobody", NULL, pdf), ==,
                   GTK_PRINT_OPERATION_RESULT_CANCEL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/training/log-turns-cell-current", Fixture, NULL,
              fixture_set_up, test_log_turns_cell_current, fixture_tear_down);
  g_test_add ("/ui/training/certification-other-kind", Fixture, NULL,
              fixture_set_up, test_certification_other_kind, fixture_tear_down);
  g_test_add ("/ui/training/print-history-to-pdf", Fixture, NULL,
              fixture_set_up, test_print_history_to_pdf, fixture_tear_down);

  return g_test_run ();
}
