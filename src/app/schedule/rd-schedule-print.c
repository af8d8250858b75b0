/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-print.c: the day list on paper or PDF (GtkPrintOperation), and the iCalendar export with a file chooser. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-format.h"
#include "rd-ical-export.h"
#include "rd-schedule.h"
#include "rd-schedule-dialogs.h"
#include "rd-schedule-page-private.h"

#define ROW_HEIGHT 16.0
#define HEAD_HEIGHT 48.0

typedef struct
{
  RdStore        *store;
  GPtrArray      *bookings;
  GHashTable     *names;     /* modality and exam ids → names */
  char           *title;
  int             rows_per_page;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_object_unref (job->store);
  g_ptr_array_unref (job->bookings);
  g_hash_table_unref (job->names);
  g_free (job->title);
  g_free (job);
}

static const char *
lookup_name (PrintJob   *job,
             const char *table,
             const char *id)
{
  if (id == NULL)
    return "";
  if (!g_hash_table_contains (job->names, id))
    {
      g_autoptr (RdRecord) r = rd_store_get (job->store, table, id, NULL);
      g_hash_table_insert (job->names, g_strdup (id), r ? rd_record_dup_label (r) : g_strdup ("?"));
    }
  return g_hash_table_lookup (job->names, id);
}

static void
on_begin_print (GtkPrintOperation *op,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  double height = gtk_print_context_get_height (context);

  job->rows_per_page = MAX (1, (int) ((height - HEAD_HEIGHT) / ROW_HEIGHT));
  gtk_print_operation_set_n_pages (op, MAX (1, (job->bookings->len + job->rows_per_page - 1) / job->rows_per_page));
}

static void
draw_cell (cairo_t    *cr,
           PangoLayout *layout,
           const char *text,
           double      x,
           double      y,
           double      width)
{
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
on_draw_page (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr (PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans 8");
  g_autoptr (PangoFontDescription) bold = pango_font_description_from_string ("Sans Bold 12");
  const char *heads[] = { N_("Time"), N_("Modality"), N_("Patient"), N_("MRN"), N_("Exam"), N_("Priority"), N_("Status") };
  const double widths[] = { 0.12, 0.11, 0.2, 0.1, 0.27, 0.09, 0.11 };
  double y = HEAD_HEIGHT;

  pango_layout_set_font_description (layout, bold);
  draw_cell (cr, layout, job->title, 0, 0, width);
  pango_layout_set_font_description (layout, font);

  for (guint c = 0, x = 0; c < G_N_ELEMENTS (heads); x += (guint) (widths[c] * width), c++)
    draw_cell (cr, layout, _(heads[c]), x, HEAD_HEIGHT - ROW_HEIGHT - 4, widths[c] * width - 4);
  cairo_rectangle (cr, 0, HEAD_HEIGHT - 3, width, 0.5);
  cairo_fill (cr);

  for (int i = page_nr * job->rows_per_page; i < (int) job->bookings->len && i < (page_nr + 1) * job->rows_per_page; i++)
    {
      RdRecord *b = g_ptr_array_index (job->bookings, i);
      g_autofree char *from = rd_format_time (rd_record_get_int (b, "start"));
      g_autofree char *to = rd_format_time (rd_record_get_int (b, "end"));
      g_autofree char *when = g_strdup_printf ("%s–%s", from, to);
      const char *cells[] = { when, lookup_name (job, "modality", rd_record_get_text (b, "modality_id")),
                              rd_record_get_text (b, "patient_name"), rd_record_get_text (b, "patient_mrn"),
                              lookup_name (job, "exam_type", rd_record_get_text (b, "exam_type_id")),
                              rd_schedule_priority_label (rd_record_get_text (b, "priority")),
                              rd_schedule_status_label (rd_record_get_text (b, "status")) };
      double x = 0;

      for (guint c = 0; c < G_N_ELEMENTS (cells); x += widths[c] * width, c++)
        draw_cell (cr, layout, cells[c], x, y, widths[c] * width - 4);
      y += ROW_HEIGHT;
    }
}

/* The day's live bookings of the modalities given (all when %NULL), by start. */
static GtkPrintOperation *
make_operation (RdStore            *store,
                GDateTime          *day,
                const char *const  *modality_ids)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr (GDateTime) next = g_date_time_add_days (day, 1);
  g_autofree char *date = g_date_time_format (day, "%A %-d %B %Y");
  PrintJob *job = g_new0 (PrintJob, 1);
  g_autoptr (GPtrArray) all = rd_store_list_range (store, "booking", g_date_time_to_unix (day),
                                                   g_date_time_to_unix (next), NULL);

  job->store = g_object_ref (store);
  job->bookings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      RdRecord *b = g_ptr_array_index (all, i);

      if (rd_schedule_is_active_status (rd_record_get_text (b, "status"))
          && rd_record_get_int (b, "start") >= g_date_time_to_unix (day)
          && (modality_ids == NULL || g_strv_contains (modality_ids, rd_record_get_text (b, "modality_id"))))
        g_ptr_array_add (job->bookings, g_object_ref (b));
    }
  job->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->title = g_strdup_printf (_("Day list, %s"), date);

  gtk_print_operation_set_job_name (op, job->title);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  g_signal_connect (op, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (on_draw_page), job);
  g_object_set_data_full (G_OBJECT (op), "job", job, (GDestroyNotify) print_job_free);
  return op;
}

/**
 * rd_schedule_print_day:
 * @page: the schedule page
 * @day: local midnight of the day
 *
 * Prints the day's live bookings of the modalities the day view shows, by start (the print
 * dialog also saves a PDF).
 */
void
rd_schedule_print_day (RdSchedulePage *page,
                       GDateTime      *day)
{
  g_autoptr (GtkPrintOperation) op = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) shown = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < page->modalities->len; i++)
    if (rd_schedule_page_shows_modality (page, rd_record_get_id (g_ptr_array_index (page->modalities, i))))
      g_strv_builder_add (builder, rd_record_get_id (g_ptr_array_index (page->modalities, i)));
  shown = g_strv_builder_end (builder);

  op = make_operation (rd_page_get_store (RD_PAGE (page)), day, (const char *const *) shown);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    rd_schedule_page_show_toast (page, adw_toast_new (error->message));
}

/**
 * rd_schedule_print_day_to_pdf:
 * @store: a store
 * @day: local midnight of the day
 * @modality_ids: (nullable) (array zero-terminated=1): the modalities listed; %NULL for all
 * @path: the PDF file to write
 * @error: why it was not written
 *
 * The day list as rd_schedule_print_day() prints it, drawn by the same code into a PDF on A4.
 *
 * Returns: whether the file was written
 */
gboolean
rd_schedule_print_day_to_pdf (RdStore            *store,
                              GDateTime          *day,
                              const char *const  *modality_ids,
                              const char         *path,
                              GError            **error)
{
  g_autoptr (GtkPrintOperation) op = NULL;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (day != NULL && path != NULL, FALSE);

  op = make_operation (store, day, modality_ids);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_export_filename (op, path);
  return gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

typedef struct
{
  RdSchedulePage *page;
  gint64          from;
  gint64          to;
} ExportJob;

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    ExportJob       *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *text = rd_ical_export_bookings (rd_schedule_page_get_store (job->page), job->from, job->to, NULL);
      g_autoptr (GError) error = NULL;

      if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                    NULL, &error))
        rd_schedule_page_show_toast (job->page, adw_toast_new (error->message));
      else
        rd_schedule_page_show_toast (job->page, adw_toast_new (_("Exported without patient names")));
    }
  g_object_unref (dialog);
  g_free (job);
}

/**
 * rd_schedule_export_ical:
 * @page: the schedule page
 * @day: local midnight of the first day
 * @n_days: how many days
 *
 * Asks where to save, then writes the department's bookings of those days as iCalendar.
 */
void
rd_schedule_export_ical (RdSchedulePage *page,
                         GDateTime      *day,
                         int             n_days)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GDateTime) end = g_date_time_add_days (day, n_days);
  g_autofree char *name = g_date_time_format (day, "raddesk-bookings-%Y-%m-%d.ics");
  ExportJob *job = g_new0 (ExportJob, 1);

  job->page = page;
  job->from = g_date_time_to_unix (day);
  job->to = g_date_time_to_unix (end);
  chooser = gtk_file_chooser_native_new (_("Export Bookings"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
