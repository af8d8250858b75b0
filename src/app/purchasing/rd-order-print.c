/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-order-print.c: a purchase order as a printed page (or a PDF, through the print dialog). */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "rd-error.h"
#include "rd-format.h"
#include "rd-order-print.h"
#include "rd-purchasing.h"

#define LINES_PER_PAGE 28

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

typedef struct
{
  char      *head;   /* markup above the table */
  GPtrArray *rows;   /* markup of each table row */
  char      *foot;   /* markup below the table, on the last page */
} Document;

static void
document_free (Document *doc)
{
  g_free (doc->head);
  g_ptr_array_unref (doc->rows);
  g_free (doc->foot);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Document, document_free)

static const char *
text_or_empty (RdRecord   *record,
               const char *column)
{
  return record != NULL && !rd_record_is_null (record, column) ? rd_record_get_text (record, column) : "";
}

G_GNUC_PRINTF (2, 3)
static void
append_escaped (GString    *out,
                const char *format,
                ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (out, text);
}

static Document *
build_document (RdStore     *store,
                const char  *po_id,
                GError     **error)
{
  g_autoptr (RdRecord) order = rd_store_get (store, "purchase_order", po_id, NULL);
  g_autoptr (RdRecord) vendor = NULL;
  g_autoptr (RdRecord) budget = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GString) head = g_string_new (NULL);
  g_autoptr (GString) foot = g_string_new (NULL);
  g_autofree char *total_text = NULL;
  Document *doc;
  gint64 total = 0;

  if (order == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("The order is gone."));
      return NULL;
    }
  vendor = rd_store_get (store, "vendor", rd_record_get_text (order, "vendor_id"), NULL);
  if (!rd_record_is_null (order, "budget_line_id"))
    budget = rd_store_get (store, "budget_line", rd_record_get_text (order, "budget_line_id"), NULL);

  append_escaped (head, "<span size='x-large' weight='bold'>%s %s</span>\n\n",
                          _("Purchase Order"), text_or_empty (order, "number"));
  append_escaped (head, "<b>%s</b>\t%s\n", _("Vendor"), text_or_empty (vendor, "name"));
  if (vendor != NULL && !rd_record_is_null (vendor, "account_number"))
    append_escaped (head, "<b>%s</b>\t%s\n", _("Account"), text_or_empty (vendor, "account_number"));
  if (vendor != NULL && !rd_record_is_null (vendor, "contact"))
    append_escaped (head, "<b>%s</b>\t%s  %s  %s\n", _("Contact"), text_or_empty (vendor, "contact"),
                            text_or_empty (vendor, "phone"), text_or_empty (vendor, "email"));
  append_escaped (head, "<b>%s</b>\t%s\n", _("Status"), rd_format_enum (rd_record_get_text (order, "status")));
  if (!rd_record_is_null (order, "ordered_on"))
    {
      g_autofree char *on = rd_format_date (rd_record_get_text (order, "ordered_on"));

      append_escaped (head, "<b>%s</b>\t%s\n", _("Ordered on"), on);
    }
  if (budget != NULL)
    append_escaped (head, "<b>%s</b>\tFY%" G_GINT64_FORMAT " %s\n", _("Budget line"),
                            rd_record_get_int (budget, "fiscal_year"),
                            rd_record_is_null (budget, "name") ? rd_format_enum (rd_record_get_text (budget, "category"))
                                                               : rd_record_get_text (budget, "name"));
  append_escaped (head, "\n<b>%s\t%s\t%s\t%s\t%s</b>", _("SKU"), _("Item"), _("Quantity"),
                          _("Unit price"), _("Total"));

  doc = g_new0 (Document, 1);
  doc->rows = g_ptr_array_new_with_free_func (g_free);
  lines = rd_store_list_by (store, "po_line", "po_id", po_id, NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);
      g_autoptr (RdRecord) item = rd_store_get (store, "supply_item", rd_record_get_text (line, "item_id"), NULL);
      gint64 q = rd_record_get_int (line, "quantity"), cost = rd_record_get_int (line, "unit_cost");
      g_autofree char *cost_text = rd_format_money (cost);
      g_autofree char *line_total = rd_format_money (q * cost);
      g_autofree char *name = g_markup_escape_text (text_or_empty (item, "name"), -1);
      g_autofree char *sku = g_markup_escape_text (text_or_empty (item, "sku"), -1);

      total += q * cost;
      g_ptr_array_add (doc->rows, g_strdup_printf ("%s\t%s\t%" G_GINT64_FORMAT " %s\t%s\t%s", sku, name, q,
                                                   text_or_empty (item, "unit"), cost_text, line_total));
    }

  total_text = rd_format_money (total);
  g_string_append_printf (foot, "\n\t<b>%s</b>\t\t\t<b>%s</b>\n", _("Order total"), total_text);
  if (!rd_record_is_null (order, "over_budget_reason"))
    {
      g_autofree char *reason = g_markup_escape_text (rd_record_get_text (order, "over_budget_reason"), -1);

      g_string_append_printf (foot, "\n<b>%s</b>\n%s\n", _("Over budget because"), reason);
    }
  if (!rd_record_is_null (order, "notes"))
    {
      g_autofree char *notes = g_markup_escape_text (rd_record_get_text (order, "notes"), -1);

      g_string_append_printf (foot, "\n<b>%s</b>\n%s\n", _("Notes"), notes);
    }

  doc->head = g_string_free (g_steal_pointer (&head), FALSE);
  doc->foot = g_string_free (g_steal_pointer (&foot), FALSE);
  return doc;
}

static int
n_pages (Document *doc)
{
  return MAX (1, ((int) doc->rows->len + LINES_PER_PAGE - 1) / LINES_PER_PAGE);
}

static void
draw_page (Document *doc,
           cairo_t  *cr,
           double    width,
           int       page)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");
  PangoTabArray *tabs = pango_tab_array_new (4, TRUE);
  g_autoptr (GString) markup = g_string_new (doc->head);
  guint first = page * LINES_PER_PAGE;

  /* Columns: SKU, item, quantity, unit price, total. */
  pango_tab_array_set_tab (tabs, 0, PANGO_TAB_LEFT, (int) (width * 0.17));
  pango_tab_array_set_tab (tabs, 1, PANGO_TAB_LEFT, (int) (width * 0.60));
  pango_tab_array_set_tab (tabs, 2, PANGO_TAB_LEFT, (int) (width * 0.74));
  pango_tab_array_set_tab (tabs, 3, PANGO_TAB_LEFT, (int) (width * 0.87));
  pango_layout_set_tabs (layout, tabs);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  for (guint i = first; i < doc->rows->len && i < first + LINES_PER_PAGE; i++)
    g_string_append_printf (markup, "\n%s", (char *) g_ptr_array_index (doc->rows, i));
  if (page == n_pages (doc) - 1)
    g_string_append_printf (markup, "\n%s", doc->foot);
  else
    g_string_append_printf (markup, "\n\n<i>%s</i>", _("Continued on the next page"));

  pango_layout_set_markup (layout, markup->str, -1);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);

  pango_tab_array_free (tabs);
  pango_font_description_free (font);
  g_object_unref (layout);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Document          *doc)
{
  gtk_print_operation_set_n_pages (operation, n_pages (doc));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Document          *doc)
{
  draw_page (doc, gtk_print_context_get_cairo_context (context), gtk_print_context_get_width (context), page);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_order_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @store: the department's store
 * @po_id: an order
 * @error: why it could not be printed
 *
 * Shows the print dialog for the order (whose "Print to File" makes a PDF).
 *
 * Returns: whether printing went ahead or was cancelled by the user
 */
gboolean
rd_order_print (GtkWindow   *parent,
                RdStore     *store,
                const char  *po_id,
                GError     **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  Document *doc = build_document (store, po_id, error);
  GtkPrintOperationResult result;

  if (doc == NULL)
    return FALSE;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, _("Purchase Order"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), doc);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), doc);
  g_object_set_data_full (G_OBJECT (operation), "rd-document", doc, (GDestroyNotify) document_free);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/**
 * rd_order_export_pdf:
 * @store: the department's store
 * @po_id: an order
 * @path: the PDF file to write (A4)
 * @error: why it could not be written
 *
 * Returns: whether the PDF was written
 */
gboolean
rd_order_export_pdf (RdStore     *store,
                     const char  *po_id,
                     const char  *path,
                     GError     **error)
{
  const double page_w = 595.0, page_h = 842.0, margin = 56.0;
  g_autoptr (Document) doc = build_document (store, po_id, error);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (doc == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create (path, page_w, page_h);
  cr = cairo_create (surface);
  for (int page = 0; page < n_pages (doc); page++)
    {
      cairo_save (cr);
      cairo_translate (cr, margin, margin);
      draw_page (doc, cr, page_w - 2 * margin, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE, _("The PDF could not be written: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
