/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-output.c: export of the matrix and histories as CSV files, and the printed compliance report and history. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-training-matrix-view.h"
#include "rd-training-page-private.h"

/* ---------------------------------------------------------------- */
/* Export                                                            */
/* ---------------------------------------------------------------- */

typedef struct
{
  GString         *csv;
  AdwToastOverlay *toasts;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_string_free (data->csv, TRUE);
  g_clear_object (&data->toasts);
  g_free (data);
}

static void
toast (AdwToastOverlay *toasts,
       const char      *text)
{
  if (toasts != NULL)
    adw_toast_overlay_add_toast (toasts, adw_toast_new (text));
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    ExportData      *data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error);
      if (stream != NULL && rd_training_csv_write (data->csv, G_OUTPUT_STREAM (stream), NULL, &error)
          && g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
        message = g_strdup_printf (_("Saved “%s”"), name);
      else
        message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      toast (data->toasts, message);
    }

  export_data_free (data);
  g_object_unref (dialog);
}

/**
 * rd_training_export_csv:
 * @parent: the window
 * @csv: (transfer full): the text to save
 * @suggested_name: the file name offered
 * @toasts: (nullable): where to say whether it worked
 *
 * Asks where to save @csv, then saves it.
 */
void
rd_training_export_csv (GtkWindow       *parent,
                        GString         *csv,
                        const char      *suggested_name,
                        AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  ExportData *data = g_new0 (ExportData, 1);

  data->csv = csv;
  data->toasts = toasts ? g_object_ref (toasts) : NULL;

  chooser = gtk_file_chooser_native_new (_("Export as CSV"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

G_GNUC_END_IGNORE_DEPRECATIONS

/* ---------------------------------------------------------------- */
/* Print                                                             */
/* ---------------------------------------------------------------- */

/* The report is one line per person and required item — a long table that pages well — with
 * the person's name once, at their first line. */
typedef struct
{
  GPtrArray        *lines;   /* of char *[4]: for the matrix name, item, status, date */
  AdwToastOverlay  *toasts;
  double            line_height;
  int               lines_per_page;
  char             *title;
  const char       *header[4];
  const double     *shares;  /* of the page's width, per column */
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_ptr_array_unref (data->lines);
  g_clear_object (&data->toasts);
  g_free (data->title);
  g_free (data);
}

static char **
line_new (const char *a,
          const char *b,
          const char *c,
          const char *d)
{
  char **line = g_new0 (char *, 4);

  line[0] = g_strdup (a);
  line[1] = g_strdup (b);
  line[2] = g_strdup (c);
  line[3] = g_strdup (d);
  return line;
}

static void
strv4_free (char **line)
{
  for (guint i = 0; i < 4; i++)
    g_free (line[i]);
  g_free (line);
}

static PangoLayout *
make_layout (GtkPrintContext *context,
             const char      *text,
             gboolean         bold,
             double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string (bold ? "Sans Bold 9" : "Sans 9");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  double height = gtk_print_context_get_height (context);
  int n_pages;

  data->line_height = 14;
  data->lines_per_page = MAX (1, (int) ((height - 3 * data->line_height) / data->line_height));
  n_pages = MAX (1, ((int) data->lines->len + data->lines_per_page - 1) / data->lines_per_page);
  gtk_print_operation_set_n_pages (operation, n_pages);
}

static const double matrix_shares[4] = { 0.28, 0.40, 0.14, 0.18 };
static const double history_shares[4] = { 0.13, 0.33, 0.38, 0.16 };

static void
draw_line (GtkPrintContext   *context,
           cairo_t           *cr,
           const double      *column_share,
           const char *const *line,
           gboolean           bold,
           double             y)
{
  double width = gtk_print_context_get_width (context);
  double x = 0;

  for (guint c = 0; c < 4; c++)
    {
      g_autoptr (PangoLayout) layout = make_layout (context, line[c] ? line[c] : "", bold,
                                                    width * column_share[c] - 6);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      x += width * column_share[c];
    }
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintData         *data)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autofree char *title = g_strdup_printf (_("%s — page %d"), data->title, page_nr + 1);
  g_autoptr (PangoLayout) title_layout = make_layout (context, title, TRUE, width);
  int first = page_nr * data->lines_per_page;
  int last = MIN ((int) data->lines->len, first + data->lines_per_page);
  double y = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, title_layout);
  y += 2 * data->line_height;

  draw_line (context, cr, data->shares, data->header, TRUE, y);
  y += data->line_height;
  cairo_move_to (cr, 0, y - 2);
  cairo_line_to (cr, width, y - 2);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);

  for (int i = first; i < last; i++)
    {
      draw_line (context, cr, data->shares, g_ptr_array_index (data->lines, i), FALSE, y);
      y += data->line_height;
    }
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PrintData               *data)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr (GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      toast (data->toasts, error ? error->message : _("Could not print"));
    }
}

/* Runs the print operation for @data (which it takes): the print dialog, or straight to a PDF. */
static GtkPrintOperationResult
run_print (GtkWindow  *parent,
           PrintData  *data,
           const char *export_filename)
{
  g_autoptr (GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AdwToastOverlay) toasts = data->toasts ? g_object_ref (data->toasts) : NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_job_name (operation, data->title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), data);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), data);
  g_object_set_data_full (G_OBJECT (operation), "rd-print-data", data, (GDestroyNotify) print_data_free);

  result = gtk_print_operation_run (operation,
                                    export_filename != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                            : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (toasts, error->message);
  return result;
}

/**
 * rd_training_print_matrix:
 * @parent: the window
 * @matrix: the matrix shown
 * @toasts: (nullable): where to report a failure
 *
 * Prints (or, through the print dialog, saves as PDF) the compliance report of @matrix.
 */
void
rd_training_print_matrix (GtkWindow        *parent,
                          RdTrainingMatrix *matrix,
                          AdwToastOverlay  *toasts)
{
  PrintData *data = g_new0 (PrintData, 1);
  GDate today;
  g_autofree char *today_iso = NULL;
  g_autofree char *today_text = NULL;

  rd_training_today (rd_format_get_time_zone (), &today);
  today_iso = rd_training_format_date (&today);
  today_text = rd_format_date (today_iso);
  data->title = g_strdup_printf (_("Training compliance on %s"), today_text);
  data->toasts = toasts ? g_object_ref (toasts) : NULL;
  data->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) strv4_free);
  data->header[0] = _("Name");
  data->header[1] = _("Required item");
  data->header[2] = _("Status");
  data->header[3] = _("Due or expires");
  data->shares = matrix_shares;

  for (guint r = 0; r < rd_training_matrix_get_n_staff (matrix); r++)
    {
      gboolean first = TRUE;

      for (guint c = 0; c < rd_training_matrix_get_n_columns (matrix); c++)
        {
          const RdTrainingItem *item = rd_training_matrix_get_cell (matrix, r, c);
          char **line;

          if (item == NULL)
            continue;
          line = g_new0 (char *, 4);
          line[0] = g_strdup (first ? rd_record_get_text (rd_training_matrix_get_staff (matrix, r), "name") : "");
          line[1] = g_strdup (item->title);
          line[2] = g_strdup (rd_training_status_label (item->status));
          if (g_date_valid (&item->due))
            {
              g_autofree char *iso = rd_training_format_date (&item->due);
              line[3] = rd_format_date (iso);
            }
          g_ptr_array_add (data->lines, line);
          first = FALSE;
        }
    }

  run_print (parent, data, NULL);
}

/**
 * rd_training_print_history:
 * @parent: (nullable): the window
 * @store: the department's store
 * @staff_id: the person
 * @toasts: (nullable): where to report a failure
 * @export_filename: (nullable): a PDF file to write without asking, %NULL to show the print dialog
 *
 * Prints (or, through the print dialog, saves as PDF) the person's whole history for an
 * inspection: training records, certifications and dosimeter readings, the same entries as
 * the CSV export, one line per detail.
 *
 * Returns: how the print operation ended
 */
GtkPrintOperationResult
rd_training_print_history (GtkWindow       *parent,
                           RdStore         *store,
                           const char      *staff_id,
                           AdwToastOverlay *toasts,
                           const char      *export_filename)
{
  g_autoptr (RdRecord) staff = NULL;
  g_autoptr (GPtrArray) table = NULL;
  PrintData *data;
  GDate today;
  g_autofree char *today_iso = NULL;
  g_autofree char *today_text = NULL;
  const char *const *header;

  g_return_val_if_fail (RD_IS_STORE (store), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (staff_id == NULL || (staff = rd_store_get (store, "staff", staff_id, NULL)) == NULL)
    return GTK_PRINT_OPERATION_RESULT_CANCEL;

  data = g_new0 (PrintData, 1);
  rd_training_today (rd_format_get_time_zone (), &today);
  today_iso = rd_training_format_date (&today);
  today_text = rd_format_date (today_iso);
  data->title = g_strdup_printf (_("Training history of %s on %s"), rd_record_get_text (staff, "name"), today_text);
  data->toasts = toasts ? g_object_ref (toasts) : NULL;
  data->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) strv4_free);
  data->header[0] = _("Date");
  data->header[1] = _("Entry");
  data->header[2] = _("Details");
  data->header[3] = _("Status");
  data->shares = history_shares;

  /* Date, type and item, and status on an entry's first line; then every other field that has
   * a value on a line of its own, named by its CSV header. */
  table = rd_training_history_table (store, staff_id);
  header = g_ptr_array_index (table, 0);
  for (guint r = 1; r < table->len; r++)
    {
      const char *const *row = g_ptr_array_index (table, r);
      g_autofree char *entry = g_strdup_printf ("%s: %s", row[1], row[2]);
      gboolean first = TRUE;

      for (guint c = 3; c < RD_TRAINING_HISTORY_N_COLUMNS; c++)
        {
          g_autofree char *detail = NULL;

          if (c == 10 || row[c][0] == '\0')
            continue;
          detail = g_strdup_printf ("%s: %s", header[c], row[c]);
          g_ptr_array_add (data->lines, line_new (first ? row[0] : "", first ? entry : "", detail,
                                                  first ? row[10] : ""));
          first = FALSE;
        }
      if (first)
        g_ptr_array_add (data->lines, line_new (row[0], entry, "", row[10]));
    }

  return run_print (parent, data, export_filename);
}
