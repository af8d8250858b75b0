/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inventory-purchasing.c: an order through the real Purchasing page — lines, status actions, receiving, PDF. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-inventory.h"
#include "rd-order-editor.h"
#include "rd-order-print.h"
#include "rd-order-receive-dialog.h"
#include "rd-ui-test.h"
#include "rd-widgets.h"
#include "rd-window.h"

typedef RdUiTest Fixture;

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (rd_mnemonic_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_visible_label_containing (GtkWidget     *widget,
                             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rd_ui_test_set_up (fixture, "ui-purchasing", 1280, 900);
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = rd_ui_test_find (root, is_button_labelled, label);

  if (button == NULL)
    g_error ("no visible button “%s”", label);
  g_signal_emit_by_name (button, "clicked");
  rd_ui_test_drain ();
}

static const char *
status_of (Fixture    *fixture,
           const char *po_id)
{
  g_autoptr (RdRecord) po = rd_store_get (fixture->store, "purchase_order", po_id, NULL);
  static char status[32];

  g_strlcpy (status, rd_record_get_text (po, "status"), sizeof status);
  return status;
}

static void
test_order_life (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *page, *editor, *dialog;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (RdRecord) line = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "order.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) next_year = g_date_time_add_years (now, 1);
  g_autofree char *expiry = g_date_time_format (next_year, "%Y-%m-%d");
  g_autoptr (GError) error = NULL;
  g_autofree char *po_id = NULL;
  const char *item_id;
  gint64 before;
  gsize length;
  guint n_orders = rd_store_count (fixture->store, "purchase_order");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "purchasing");
  rd_ui_test_drain ();
  page = rd_window_get_page_widget (fixture->window, "purchasing");
  editor = rd_ui_test_find_type (page, RD_TYPE_ORDER_EDITOR);
  g_assert_nonnull (editor);

  gtk_widget_activate_action (page, "purchasing.new-order", NULL);
  rd_ui_test_drain ();
  g_assert_cmpint (rd_store_count (fixture->store, "purchase_order"), ==, n_orders + 1);
  po_id = g_strdup (rd_order_editor_get_order_id (RD_ORDER_EDITOR (editor)));
  g_assert_nonnull (po_id);
  g_assert_cmpstr (status_of (fixture, po_id), ==, "draft");

  /* A line without a price is refused beside the price. */
  gtk_editable_set_text (GTK_EDITABLE (rd_ui_test_find (editor, is_row_titled, "Quantity")), "6");
  gtk_editable_set_text (GTK_EDITABLE (rd_ui_test_find (editor, is_row_titled, "Unit Price")), "");
  click (editor, "_Add Line");
  g_assert_nonnull (rd_ui_test_find (editor, is_visible_label_containing, "unit price"));
  g_assert_true (gtk_widget_has_css_class (rd_ui_test_find (editor, is_row_titled, "Unit Price"), "error"));
  lines = rd_store_list_by (fixture->store, "po_line", "po_id", po_id, NULL);
  g_assert_cmpuint (lines->len, ==, 0);
  g_clear_pointer (&lines, g_ptr_array_unref);

  gtk_editable_set_text (GTK_EDITABLE (rd_ui_test_find (editor, is_row_titled, "Quantity")), "6");
  gtk_editable_set_text (GTK_EDITABLE (rd_ui_test_find (editor, is_row_titled, "Unit Price")), "12.50");
  click (editor, "_Add Line");
  lines = rd_store_list_by (fixture->store, "po_line", "po_id", po_id, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  line = g_object_ref (g_ptr_array_index (lines, 0));
  g_assert_cmpint (rd_record_get_int (line, "unit_cost"), ==, 1250);
  item_id = rd_record_get_text (line, "item_id");
  g_assert_nonnull (rd_ui_test_find (editor, is_visible_label_containing, "6 × $12.50 = $75.00"));
  g_assert_nonnull (rd_ui_test_find (editor, is_visible_label_containing, "$75.00"));

  click (editor, "_Submit");
  g_assert_cmpstr (status_of (fixture, po_id), ==, "submitted");
  click (editor, "_Approve");
  g_assert_cmpstr (status_of (fixture, po_id), ==, "approved");
  click (editor, "Mark _Ordered");
  g_assert_cmpstr (status_of (fixture, po_id), ==, "ordered");

  /* The order as a PDF. */
  rd_order_export_pdf (fixture->store, po_id, pdf, &error);
  g_assert_no_error (error);
  g_file_get_contents (pdf, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  /* Receive 4 of 6 through the dialog. */
  before = rd_inventory_stock_on_hand (fixture->store, item_id);
  click (editor, "_Receive…");
  dialog = GTK_WIDGET (rd_ui_test_find_toplevel (RD_TYPE_ORDER_RECEIVE_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (rd_ui_test_find (dialog, is_row_titled, "Quantity Received")), "4");
  gtk_editable_set_text (GTK_EDITABLE (rd_ui_test_find (dialog, is_row_titled, "Lot Number")), "UI-PO-LOT");
  gtk_editable_set_text (GTK_EDITABLE (rd_ui_test_find (dialog, is_row_titled, "Expiry Date (YYYY-MM-DD)")), expiry);
  click (dialog, "_Receive");
  g_assert_null (rd_ui_test_find_toplevel (RD_TYPE_ORDER_RECEIVE_DIALOG));
  g_assert_cmpstr (status_of (fixture, po_id), ==, "partially_received");
  g_assert_cmpint (rd_inventory_stock_on_hand (fixture->store, item_id), ==, before + 4);
  g_assert_nonnull (rd_ui_test_find (editor, is_visible_label_containing, "received 4"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/purchasing/order-life", Fixture, NULL, fixture_set_up, test_order_life, rd_ui_test_tear_down);

  return g_test_run ();
}
