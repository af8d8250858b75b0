/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inventory.c: receives a delivery through the real dialog of the Inventory page and sees stock on hand change. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-inventory.h"
#include "rd-stock-dialog.h"
#include "rd-ui-test.h"
#include "rd-widgets.h"
#include "rd-window.h"

typedef RdUiTest Fixture;

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (rd_mnemonic_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_visible_label_containing (GtkWidget     *widget,
                             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") && gtk_widget_get_visible (widget);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rd_ui_test_set_up (fixture, "ui-inventory", 1280, 800);
}

static void
test_receive_through_dialog (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *page, *dialog, *button, *summary;
  g_autofree char *item_id = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *later = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) next_year = g_date_time_add_years (now, 1);
  gint64 before, movements;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "inventory");
  rd_ui_test_drain ();
  page = rd_window_get_page_widget (fixture->window, "inventory");
  g_assert_true (gtk_widget_get_mapped (page));

  /* Iohexol 350 100 mL is lot-tracked in the demo department. */
  item_id = rd_ui_test_select_record (page, "sku", "IOH350-100");
  before = rd_inventory_stock_on_hand (fixture->store, item_id);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " bottle on hand", before);
  summary = rd_ui_test_find (page, is_visible_label_containing, expected);
  g_assert_nonnull (summary);

  gtk_widget_activate_action (page, "inventory.receive", NULL);
  rd_ui_test_drain ();
  dialog = GTK_WIDGET (rd_ui_test_find_toplevel (RD_TYPE_STOCK_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));

  /* Without a lot: refused, the message beside the lot field, nothing saved. */
  movements = rd_store_count (fixture->store, "stock_movement");
  rd_ui_test_set_row_text (dialog, "Quantity", "24");
  button = rd_ui_test_find (dialog, is_button_labelled, "_Receive");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rd_ui_test_drain ();
  g_assert_true (rd_ui_test_find_toplevel (RD_TYPE_STOCK_DIALOG) == RD_STOCK_DIALOG (dialog));
  g_assert_nonnull (rd_ui_test_find (dialog, is_visible_label_containing, "enter the lot number"));
  g_assert_true (gtk_widget_has_css_class (rd_ui_test_find (dialog, rd_ui_test_is_row_titled, "Lot Number"), "error"));
  g_assert_cmpint (rd_store_count (fixture->store, "stock_movement"), ==, movements);

  /* An expiry in the past is refused too. */
  rd_ui_test_set_row_text (dialog, "Lot Number", "UI-TEST-LOT");
  rd_ui_test_set_row_text (dialog, "Expiry Date (YYYY-MM-DD)", "2001-01-01");
  g_signal_emit_by_name (button, "clicked");
  rd_ui_test_drain ();
  g_assert_nonnull (rd_ui_test_find (dialog, is_error_label, NULL));
  g_assert_nonnull (rd_ui_test_find (dialog, is_visible_label_containing, "expired on 2001-01-01"));
  g_assert_cmpint (rd_store_count (fixture->store, "stock_movement"), ==, movements);

  later = g_date_time_format (next_year, "%Y-%m-%d");
  rd_ui_test_set_row_text (dialog, "Expiry Date (YYYY-MM-DD)", later);
  g_signal_emit_by_name (button, "clicked");
  rd_ui_test_drain ();

  /* Saved, the dialog gone, and the page says so. */
  g_assert_null (rd_ui_test_find_toplevel (RD_TYPE_STOCK_DIALOG));
  g_assert_cmpint (rd_inventory_stock_on_hand (fixture->store, item_id), ==, before + 24);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " bottle on hand", before + 24);
  g_assert_nonnull (rd_ui_test_find (page, is_visible_label_containing, expected));
  g_assert_nonnull (rd_ui_test_find (page, rd_ui_test_is_row_titled, "Lot UI-TEST-LOT"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/inventory/receive-through-dialog", Fixture, NULL,
              fixture_set_up, test_receive_through_dialog, rd_ui_test_tear_down);

  return g_test_run ();
}
