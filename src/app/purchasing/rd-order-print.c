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
  char      *title;
  GPtrArray *pairs;  /* label, value, label, value… */
  GPtrArray *rows;   /* GStrv of five cells: SKU, item, quantity, unit price, total */
  char      *total;
  char      *foot;   /* markup below the table, on the last page */
} Document;

static void
document_free (Document *doc)
{
  g_free (doc->title);
  g_ptr_array_unref (doc->pairs);
  g_ptr_array_unref (doc->rows);
  g_free (doc->total);
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

static void
add_pair (Document   *doc,
          const char *label,
          char       *value)
{
  g_ptr_array_add (doc->pairs, g_strdup (label));
  g_ptr_array_add (doc->pairs, value);
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
  g_autoptr (GString) foot = g_string_new (NULL);
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

  doc = g_new0 (Document, 1);
  doc->pairs = g_ptr_array_new_with_free_func (g_free);
  doc->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  doc->title = g_strdup_printf ("%s %s", _("Purchase Order"), text_or_empty (order, "number"));

  add_pair (doc, _("Vendor"), g_strdup (text_or_empty (vendor, "name")));
  if (vendor != NULL && !rd_record_is_null (vendor, "account_number"))
    add_pair (doc, _("Account"), g_strdup (text_or_empty (vendor, "account_number")));
  if (vendor != NULL && !rd_record_is_null (vendor, "contact"))
    add_pair (doc, _("Contact"), g_strjoin ("   ", text_or_empty (vendor, "contact"), text_or_empty (vendor, "phone"),
                                            text_or_empty (vendor, "email"), NULL));
  add_pair (doc, _("Status"), g_strdup (rd_format_enum (rd_record_get_text (order, "status"))));
  if (!rd_record_is_null (order, "ordered_on"))
    add_pair (doc, _("Ordered on"), rd_format_date (rd_record_get_text (order, "ordered_on")));
  if (budget != NULL)
    add_pair (doc, _("Budget line"),
              g_strdup_printf ("FY%" G_GINT64_FORMAT " %s", rd_record_get_int (budget, "fiscal_year"),
                               rd_record_is_null (budget, "name") ? rd_format_enum (rd_record_get_text (budget, "category"))
                                                                  : rd_record_get_text (budget, "name")));

  lines = rd_store_list_by (store, "po_line", "po_id", po_id, NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);
      g_autoptr (RdRecord) item = rd_store_get (store, "supply_item", rd_record_get_text (line, "item_id"), NULL);
      gint64 q = rd_record_get_int (line, "quantity"), cost = rd_record_get_int (line, "unit_cost");
      char **cells = g_new0 (char *, 6);

      total += q * cost;
      cells[0] = g_strdup (text_or_empty (item, "sku"));
      cells[1] = g_strdup (text_or_empty (item, "name"));
      cells[2] = g_strdup_printf ("%" G_GINT64_FORMAT " %s", q, text_or_empty (item, "unit"));
      cells[3] = rd_format_money (cost);
      cells[4] = rd_format_money (q * cost);
      g_ptr_array_add (doc->rows, cells);
    }
  doc->total = rd_format_money (total);

  if (!rd_record_is_null (order, "over_budget_reason"))
    {
      g_autofree char *reason = g_markup_escape_text (rd_record_get_text (order, "over_budget_reason"), -1);

      g_string_append_printf (foot, "<b>%s</b>\n%s\n\n", _("Over budget because"), reason);
    }
  if (!rd_record_is_null (order, "notes"))
    {
      g_autofree char *notes = g_markup_escape_text (rd_record_get_text (order, "notes"), -1);

      g_string_append_printf (foot, "<b>%s</b>\n%s\n", _("Notes"), notes);
    }
  doc->foot = g_string_free (g_steal_pointer (&foot), FALSE);
  return doc;
}

static int
n_pages (Document *doc)
{
  return MAX (1, ((int) doc->rows->len + LINES_PER_PAGE - 1) / LINES_PER_PAGE);
}

/* Draws text at (x, y) within width; returns its height. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           gboolean    markup,
           const char *font,
           double      x,
           double      y,
           double      width,
           gboolean    right,
           gboolean    wrap)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  if (wrap)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);

  pango_font_description_free (desc);
  g_object_unref (layout);
  return (double) h / PANGO_SCALE;
}

static void
draw_page (Document *doc,
           cairo_t  *cr,
           double    width,
           int       page)
{
  /* Columns: SKU, item, quantity, unit price, total; the numbers are right-aligned. */
  const double at[] = { 0, 0.19, 0.55, 0.69, 0.84, 1.0 };
  const char *headings[] = { _("SKU"), _("Item"), _("Qty"), _("Price"), _("Total") };
  guint first = page * LINES_PER_PAGE;
  double y = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += draw_text (cr, doc->title, FALSE, "Sans Bold 16", 0, y, width, FALSE, TRUE) + 14;
  for (guint i = 0; i + 1 < doc->pairs->len; i += 2)
    {
      double h1 = draw_text (cr, g_ptr_array_index (doc->pairs, i), FALSE, "Sans Bold 10", 0, y, 100, FALSE, FALSE);
      double h2 = draw_text (cr, g_ptr_array_index (doc->pairs, i + 1), FALSE, "Sans 10", 110, y, width - 110,
                             FALSE, TRUE);

      y += MAX (h1, h2) + 2;
    }
  y += 16;

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    draw_text (cr, headings[c], FALSE, "Sans Bold 9", at[c] * width, y, (at[c + 1] - at[c]) * width - 6,
               c >= 2, FALSE);
  y += 16;
  cairo_rectangle (cr, 0, y, width, 0.8);
  cairo_fill (cr);
  y += 4;

  for (guint i = first; i < doc->rows->len && i < first + LINES_PER_PAGE; i++)
    {
      char **cells = g_ptr_array_index (doc->rows, i);

      for (guint c = 0; c < 5; c++)
        draw_text (cr, cells[c], FALSE, "Sans 9", at[c] * width, y, (at[c + 1] - at[c]) * width - 6, c >= 2, FALSE);
      y += 16;
    }

  cairo_rectangle (cr, 0, y + 2, width, 0.8);
  cairo_fill (cr);
  y += 8;
  if (page < n_pages (doc) - 1)
    {
      draw_text (cr, _("Continued on the next page"), FALSE, "Sans Italic 9", 0, y, width, FALSE, FALSE);
      return;
    }
  draw_text (cr, _("Order total"), FALSE, "Sans Bold 10", at[1] * width, y, (at[2] - at[1]) * width, FALSE, FALSE);
  draw_text (cr, doc->total, FALSE, "Sans Bold 10", at[3] * width, y, (at[5] - at[3]) * width - 6, TRUE, FALSE);
  y += 30;
  if (doc->foot[0] != '\0')
    draw_text (cr, doc->foot, TRUE, "Sans 10", 0, y, width, FALSE, TRUE);
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
