/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-matrix-view.c: the compliance matrix — staff × required courses and certifications. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-training-matrix-view.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

/* One row of the matrix model: a person and their row in the matrix. */
#define RD_TYPE_TRAINING_MATRIX_ROW (rd_training_matrix_row_get_type ())
G_DECLARE_FINAL_TYPE (RdTrainingMatrixRow, rd_training_matrix_row, RD, TRAINING_MATRIX_ROW, GObject)

struct _RdTrainingMatrixRow
{
  GObject   parent_instance;
  RdRecord *staff;
  guint     index;
};

G_DEFINE_FINAL_TYPE (RdTrainingMatrixRow, rd_training_matrix_row, G_TYPE_OBJECT)

struct _RdTrainingMatrixView
{
  AdwBin              parent_instance;

  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GListStore         *rows;
  GPtrArray          *item_columns;  /* GtkColumnViewColumn of the matrix's columns */
  RdTrainingMatrix   *matrix;
};

G_DEFINE_FINAL_TYPE (RdTrainingMatrixView, rd_training_matrix_view, ADW_TYPE_BIN)

enum {
  STAFF_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Row                                                               */
/* ---------------------------------------------------------------- */

static void
rd_training_matrix_row_finalize (GObject *object)
{
  g_clear_object (&RD_TRAINING_MATRIX_ROW (object)->staff);
  G_OBJECT_CLASS (rd_training_matrix_row_parent_class)->finalize (object);
}

static void
rd_training_matrix_row_class_init (RdTrainingMatrixRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_training_matrix_row_finalize;
}

static void
rd_training_matrix_row_init (RdTrainingMatrixRow *self)
{
}

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static const char *const status_classes[] = { "current", "due", "overdue", "missing", "not-required" };

static void
set_status_class (GtkWidget  *label,
                  const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (label, status_classes[i]);
  gtk_widget_add_css_class (label, status);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_text_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
on_name_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  RdTrainingMatrixRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  gboolean job = GPOINTER_TO_INT (user_data);

  if (job)
    {
      const char *kinds = rd_record_get_text (row->staff, "modality_kinds");
      g_autofree char *text = kinds && *kinds
                              ? g_strdup_printf ("%s · %s", rd_format_enum (rd_record_get_text (row->staff, "job")), kinds)
                              : g_strdup (rd_format_enum (rd_record_get_text (row->staff, "job")));
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    gtk_label_set_text (GTK_LABEL (label), rd_record_get_text (row->staff, "name"));
}

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "training-cell");
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RdTrainingMatrixView     *self)
{
  RdTrainingMatrixRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "rd-column"));
  const RdTrainingColumn *col = rd_training_matrix_get_column (self->matrix, column);
  const RdTrainingItem *item = rd_training_matrix_get_cell (self->matrix, row->index, column);
  g_autofree char *text = rd_training_matrix_view_cell_label (item);
  g_autofree char *sentence = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (label), text);
  if (item == NULL)
    {
      set_status_class (label, "not-required");
      sentence = g_strdup_printf (_("%s: not required"), col->title);
      g_object_set_data (G_OBJECT (label), "rd-item-key", NULL);
    }
  else
    {
      set_status_class (label, rd_training_status_to_string (item->status));
      sentence = rd_training_item_describe (item);
      g_object_set_data_full (G_OBJECT (label), "rd-item-key", rd_training_item_dup_key (item), g_free);
    }

  /* Colour is never the only sign: the text says the status, and so does the accessible label. */
  accessible = g_strdup_printf ("%s, %s", rd_record_get_text (row->staff, "name"), sentence);
  gtk_widget_set_tooltip_text (label, sentence);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_selection_changed (GtkSingleSelection   *selection,
                      GParamSpec           *pspec,
                      RdTrainingMatrixView *self)
{
  RdTrainingMatrixRow *row = gtk_single_selection_get_selected_item (selection);

  if (row != NULL)
    g_signal_emit (self, signals[STAFF_SELECTED], 0, rd_record_get_id (row->staff));
}

static void
on_activate (GtkColumnView        *view,
             guint                 position,
             RdTrainingMatrixView *self)
{
  g_autoptr (RdTrainingMatrixRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row != NULL)
    g_signal_emit (self, signals[STAFF_SELECTED], 0, rd_record_get_id (row->staff));
}

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GtkColumnViewColumn *
add_text_column (RdTrainingMatrixView *self,
                 const char           *title,
                 gboolean              job)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (on_text_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_name_bind), GINT_TO_POINTER (job));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  return column;
}

static void
rebuild_columns (RdTrainingMatrixView *self)
{
  for (guint i = 0; i < self->item_columns->len; i++)
    gtk_column_view_remove_column (self->column_view, g_ptr_array_index (self->item_columns, i));
  g_ptr_array_set_size (self->item_columns, 0);

  if (self->matrix == NULL)
    return;

  for (guint c = 0; c < rd_training_matrix_get_n_columns (self->matrix); c++)
    {
      const RdTrainingColumn *col = rd_training_matrix_get_column (self->matrix, c);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "rd-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), self);
      column = gtk_column_view_column_new (col->title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, 132);
      gtk_column_view_append_column (self->column_view, column);
      g_ptr_array_add (self->item_columns, column); /* the array holds the reference */
    }
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_training_matrix_view_dispose (GObject *object)
{
  RdTrainingMatrixView *self = RD_TRAINING_MATRIX_VIEW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->item_columns, g_ptr_array_unref);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->matrix, rd_training_matrix_free);

  G_OBJECT_CLASS (rd_training_matrix_view_parent_class)->dispose (object);
}

static void
rd_training_matrix_view_class_init (RdTrainingMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_training_matrix_view_dispose;

  /**
   * RdTrainingMatrixView::staff-selected:
   * @self: the view
   * @staff_id: the person chosen
   */
  signals[STAFF_SELECTED] =
    g_signal_new ("staff-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rd_training_matrix_view_init (RdTrainingMatrixView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkColumnViewColumn *name;

  self->rows = g_list_store_new (RD_TYPE_TRAINING_MATRIX_ROW);
  self->item_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (self->selection)));
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "training-matrix");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Compliance matrix"), -1);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);

  name = add_text_column (self, _("Name"), FALSE);
  gtk_column_view_column_set_fixed_width (name, 170);
  gtk_column_view_column_set_fixed_width (add_text_column (self, _("Job"), TRUE), 170);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

GtkWidget *
rd_training_matrix_view_new (void)
{
  return g_object_new (RD_TYPE_TRAINING_MATRIX_VIEW, NULL);
}

/**
 * rd_training_matrix_view_set_matrix:
 * @self: a view
 * @matrix: (transfer full): the matrix to show
 */
void
rd_training_matrix_view_set_matrix (RdTrainingMatrixView *self,
                                    RdTrainingMatrix     *matrix)
{
  RdTrainingMatrix *old;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *selected_id = NULL;
  RdTrainingMatrixRow *selected;

  g_return_if_fail (RD_IS_TRAINING_MATRIX_VIEW (self));
  g_return_if_fail (matrix != NULL);

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_id = g_strdup (rd_record_get_id (selected->staff));

  for (guint i = 0; i < rd_training_matrix_get_n_staff (matrix); i++)
    {
      RdTrainingMatrixRow *row = g_object_new (RD_TYPE_TRAINING_MATRIX_ROW, NULL);

      row->staff = g_object_ref (rd_training_matrix_get_staff (matrix, i));
      row->index = i;
      g_ptr_array_add (rows, row);
    }

  /* Unbind every row from the old matrix before it goes. */
  g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
  g_list_store_remove_all (self->rows);
  old = self->matrix;
  self->matrix = matrix;
  rebuild_columns (self);
  g_clear_pointer (&old, rd_training_matrix_free);
  g_list_store_splice (self->rows, 0, 0, rows->pdata, rows->len);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected_id != NULL && i < rows->len; i++)
    if (g_strcmp0 (rd_record_get_id (((RdTrainingMatrixRow *) g_ptr_array_index (rows, i))->staff), selected_id) == 0)
      gtk_single_selection_set_selected (self->selection, i);
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
}

/**
 * rd_training_matrix_view_get_matrix:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the matrix shown
 */
RdTrainingMatrix *
rd_training_matrix_view_get_matrix (RdTrainingMatrixView *self)
{
  g_return_val_if_fail (RD_IS_TRAINING_MATRIX_VIEW (self), NULL);
  return self->matrix;
}

GtkColumnView *
rd_training_matrix_view_get_column_view (RdTrainingMatrixView *self)
{
  g_return_val_if_fail (RD_IS_TRAINING_MATRIX_VIEW (self), NULL);
  return self->column_view;
}

/**
 * rd_training_matrix_view_cell_label:
 * @item: (nullable): a cell, %NULL where the item is not required
 *
 * Returns: (transfer full): the cell's short text, such as "Due 3 Feb"
 */
char *
rd_training_matrix_view_cell_label (const RdTrainingItem *item)
{
  g_autofree char *due = NULL;

  if (item == NULL)
    return g_strdup ("—");

  if (g_date_valid (&item->due))
    {
      char buf[64];

      /* Short, so that a column stays narrow: the full sentence is in the tooltip. */
      g_date_strftime (buf, sizeof buf, "%-d %b", &item->due);
      due = g_strdup (buf);
    }

  switch (item->status)
    {
    case RD_TRAINING_CURRENT:
      return g_strdup (_("Current"));
    case RD_TRAINING_DUE:
      return g_strdup_printf (_("Due %s"), due);
    case RD_TRAINING_OVERDUE:
      return g_strdup (_("Overdue"));
    case RD_TRAINING_MISSING:
    default:
      return g_strdup (_("Missing"));
    }
}
