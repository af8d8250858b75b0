/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-report.c: the budget report — saved as CSV and printed (or saved as PDF) through GtkPrintOperation. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-budget.h"
#include "rd-budget-report.h"
#include "rd-format.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef struct
{
  RdStore       *store;
  RdBudgetChart *chart;
  int            fiscal_year;
  int            start_month;
} Report;

static void
report_free (Report *report)
{
  g_clear_object (&report->store);
  g_clear_object (&report->chart);
  g_free (report);
}

static void
today_date (GDate *out)
{
  g_autoptr (GDateTime) today = rd_format_today ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (today),
                  (GDateMonth) g_date_time_get_month (today), (GDateYear) g_date_time_get_year (today));
}

/* ---------------------------------------------------------------- */
/* CSV                                                               */
/* ---------------------------------------------------------------- */

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    Report          *report)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  GDate today;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      today_date (&today);
      csv = rd_budget_report_csv (report->store, report->fiscal_year, report->start_month, &today);
      if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &error))
        g_warning ("Could not save the budget report: %s", error->message);
    }
  g_object_unref (dialog);
  report_free (report);
}

/**
 * rd_budget_report_export:
 * @parent: a widget of the window to stand over
 * @store: the store
 * @fiscal_year: the year of the report
 * @start_month: the year's first month
 *
 * Asks where to save the year's budget report and saves it as CSV.
 */
void
rd_budget_report_export (GtkWidget *parent,
                         RdStore   *store,
                         int        fiscal_year,
                         int        start_month)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkFileChooserNative *dialog;
  Report *report = g_new0 (Report, 1);
  g_autofree char *name = g_strdup_printf ("budget-FY%d.csv", fiscal_year);

  report->store = g_object_ref (store);
  report->fiscal_year = fiscal_year;
  report->start_month = start_month;

  dialog = gtk_file_chooser_native_new (_("Export Budget Report"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), report);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---------------------------------------------------------------- */
/* Printing                                                          */
/* ---------------------------------------------------------------- */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Report            *report)
{
  gtk_print_operation_set_n_pages (operation, 1);
}

static void
draw_cell (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           gboolean     right)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, right ? x + width - w : x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Report            *report)
{
  static const double columns[] = { 0.0, 0.30, 0.44, 0.58, 0.72, 0.86 };
  const char *headings[] = { _("Line"), _("Amount"), _("Committed"), _("Spent"), _("Remaining"), _("Status") };
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr (PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans 9");
  g_autoptr (PangoFontDescription) title_font = pango_font_description_from_string ("Sans Bold 14");
  g_autoptr (GPtrArray) lines = NULL;
  g_autofree char *title = NULL;
  gint64 months[12];
  RdBudgetSummary total = { 0 };
  GdkRGBA black = { 0, 0, 0, 1 };
  double y = 0, row_h = 16;
  GDate today;

  today_date (&today);
  lines = rd_budget_summarise (report->store, report->fiscal_year, report->start_month, &today);

  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_layout_set_font_description (layout, title_font);
  title = g_strdup_printf (_("Budget report, fiscal year %d"), report->fiscal_year);
  draw_cell (cr, layout, title, 0, y, width, FALSE);
  y += 28;

  pango_layout_set_font_description (layout, font);
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    draw_cell (cr, layout, headings[c], columns[c] * width, y, (c + 1 < G_N_ELEMENTS (columns) ? columns[c + 1] - columns[c] : 1 - columns[c]) * width - 8, c > 0 && c < 5);
  y += row_h;
  cairo_rectangle (cr, 0, y - 2, width, 0.5);
  cairo_fill (cr);

  for (guint i = 0; i <= lines->len; i++)
    {
      RdBudgetSummary *s = i < lines->len ? g_ptr_array_index (lines, i) : &total;
      g_autofree char *amount = rd_format_money (s->amount);
      g_autofree char *committed = rd_format_money (s->committed);
      g_autofree char *spent = rd_format_money (s->spent);
      g_autofree char *remaining = rd_format_money (s->remaining);
      g_autofree char *name = NULL;
      const char *cells[6];

      if (s == &total)
        {
          total.remaining = total.amount - total.committed;
          total.over = total.committed > total.amount;
          g_free (remaining);
          remaining = rd_format_money (total.remaining);
          cairo_rectangle (cr, 0, y, width, 0.5);
          cairo_fill (cr);
          y += 2;
          name = g_strdup (_("Total"));
        }
      else
        name = g_strdup_printf ("%s (%s)", s->name != NULL ? s->name : "", rd_format_enum (s->category));
      cells[0] = name;
      cells[1] = amount;
      cells[2] = committed;
      cells[3] = spent;
      cells[4] = remaining;
      cells[5] = s->over ? _("Over budget") : s->close ? _("Close") : "";
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        draw_cell (cr, layout, cells[c], columns[c] * width, y,
                   (c + 1 < G_N_ELEMENTS (columns) ? columns[c + 1] - columns[c] : 1 - columns[c]) * width - 8,
                   c > 0 && c < 5);
      y += row_h;
      if (s != &total)
        {
          total.amount += s->amount;
          total.committed += s->committed;
          total.spent += s->spent;
        }
    }

  /* the chart below, in black on white */
  y += 24;
  if (report->chart != NULL && height - y > 200)
    {
      rd_budget_monthly_spending (report->store, report->fiscal_year, report->start_month, &today,
                                  rd_format_get_time_zone (), months);
      rd_budget_chart_set_data (report->chart, lines, months, report->start_month);
      cairo_save (cr);
      cairo_translate (cr, 0, y);
      rd_budget_chart_draw (report->chart, cr, layout, width, MIN (320, height - y), &black, FALSE);
      cairo_restore (cr);
    }
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               Report                  *report)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      g_warning ("Could not print the budget report: %s", error != NULL ? error->message : "");
    }
  report_free (report);
  g_object_unref (operation);
}

/**
 * rd_budget_report_print:
 * @parent: a widget of the window to stand over
 * @store: the store
 * @chart: (nullable): the page's chart, drawn below the table
 * @fiscal_year: the year of the report
 * @start_month: the year's first month
 *
 * Prints the year's budget report (the print dialog also saves it as PDF).
 */
void
rd_budget_report_print (GtkWidget     *parent,
                        RdStore       *store,
                        RdBudgetChart *chart,
                        int            fiscal_year,
                        int            start_month)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkPrintOperation *operation = gtk_print_operation_new ();
  Report *report = g_new0 (Report, 1);
  g_autofree char *job = g_strdup_printf (_("Budget FY%d"), fiscal_year);

  report->store = g_object_ref (store);
  /* a chart of its own, so that printing does not change what the page shows */
  report->chart = chart != NULL ? g_object_ref_sink (RD_BUDGET_CHART (rd_budget_chart_new ())) : NULL;
  report->fiscal_year = fiscal_year;
  report->start_month = start_month;

  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), report);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), report);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL) == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_debug ("The budget report could not be printed");
}
