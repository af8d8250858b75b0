/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inventory-items.c: creates and edits a supply item and moves stock to another lot through the real dialogs. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-inventory.h"
#include "rd-item-dialog.h"
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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rd_ui_test_set_up (fixture, "ui-items", 1280, 800);
}

static GtkWidget *
show_inventory (Fixture *fixture)
{
  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "inventory");
  rd_ui_test_drain ();
  page = rd_window_get_page_widget (fixture->window, "inventory");
  g_assert_true (gtk_widget_get_mapped (page));
  return page;
}

static void
click (GtkWidget  *dialog,
       const char *label)
{
  GtkWidget *button = rd_ui_test_find (dialog, is_button_labelled, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rd_ui_test_drain ();
}

static void
assert_refused_at (GtkWidget  *dialog,
                   const char *row_title,
                   const char *words)
{
  g_assert_nonnull (rd_ui_test_find (dialog, is_visible_label_containing, words));
  g_assert_true (gtk_widget_has_css_class (rd_ui_test_find (dialog, rd_ui_test_is_row_titled, row_title), "error"));
}

static RdRecord *
item_by_sku (RdStore    *store,
             const char *sku)
{
  g_autoptr (GPtrArray) items = rd_store_list_by (store, "supply_item", "sku", sku, NULL);

  return items->len == 1 ? g_object_ref (g_ptr_array_index (items, 0)) : NULL;
}

static void
test_new_and_edit_item (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *page = show_inventory (fixture);
  GtkWidget *dialog;
  g_autoptr (RdRecord) saved = NULL;
  g_autoptr (RdRecord) edited = NULL;
  gint64 n_items = rd_store_count (fixture->store, "supply_item");

  gtk_widget_activate_action (page, "inventory.new-item", NULL);
  rd_ui_test_drain ();
  dialog = rd_ui_test_find_toplevel (RD_TYPE_ITEM_DIALOG);
  g_assert_nonnull (dialog);

  /* A taken SKU, a reorder point above par and a cost with three decimals: each refused beside its field. */
  rd_ui_test_set_row_text (dialog, "SKU", "IOH350-100");
  rd_ui_test_set_row_text (dialog, "Name", "Lead apron hanger");
  rd_ui_test_set_row_text (dialog, "Category", "protective equipment");
  rd_ui_test_set_row_text (dialog, "Unit (each, box, bottle…)", "each");
  rd_ui_test_set_row_text (dialog, "Par Level (0 for none)", "10");
  rd_ui_test_set_row_text (dialog, "Reorder Point", "-2");
  rd_ui_test_set_row_text (dialog, "Reorder Quantity", "5");
  rd_ui_test_set_row_text (dialog, "Unit Cost ($)", "12.345");
  click (dialog, "_Save");
  g_assert_true (rd_ui_test_find_toplevel (RD_TYPE_ITEM_DIALOG) == dialog);
  assert_refused_at (dialog, "Reorder Point", "zero or more");
  assert_refused_at (dialog, "Unit Cost ($)", "dollars and cents");
  g_assert_cmpint (rd_store_count (fixture->store, "supply_item"), ==, n_items);

  rd_ui_test_set_row_text (dialog, "Reorder Point", "12");
  rd_ui_test_set_row_text (dialog, "Unit Cost ($)", "$1,249.99");
  click (dialog, "_Save");
  assert_refused_at (dialog, "SKU", "already used");
  g_assert_false (gtk_widget_has_css_class (rd_ui_test_find (dialog, rd_ui_test_is_row_titled, "Unit Cost ($)"), "error"));

  rd_ui_test_set_row_text (dialog, "SKU", "APRON-HGR");
  click (dialog, "_Save");
  assert_refused_at (dialog, "Reorder Point", "above the par level");
  g_assert_cmpint (rd_store_count (fixture->store, "supply_item"), ==, n_items);

  rd_ui_test_set_row_text (dialog, "Reorder Point", "4");
  click (dialog, "_Save");
  g_assert_null (rd_ui_test_find_toplevel (RD_TYPE_ITEM_DIALOG));
  g_assert_cmpint (rd_store_count (fixture->store, "supply_item"), ==, n_items + 1);
  saved = item_by_sku (fixture->store, "APRON-HGR");
  g_assert_nonnull (saved);
  g_assert_cmpint (rd_record_get_int (saved, "unit_cost"), ==, 124999);
  g_assert_cmpint (rd_record_get_int (saved, "par_level"), ==, 10);
  g_assert_cmpint (rd_record_get_int (saved, "reorder_point"), ==, 4);
  g_assert_true (rd_record_get_bool (saved, "active"));
  g_assert_false (rd_record_get_bool (saved, "lot_tracked"));

  /* It shows in the list, and edits through the same dialog keep its SKU. */
  g_free (rd_ui_test_select_record (page, "sku", "APRON-HGR"));
  gtk_widget_activate_action (page, "inventory.edit-item", NULL);
  rd_ui_test_drain ();
  dialog = rd_ui_test_find_toplevel (RD_TYPE_ITEM_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rd_ui_test_find (dialog, rd_ui_test_is_row_titled, "Unit Cost ($)"))),
                   ==, "1249.99");
  rd_ui_test_set_row_text (dialog, "Unit Cost ($)", "0.29");
  click (dialog, "_Save");
  g_assert_null (rd_ui_test_find_toplevel (RD_TYPE_ITEM_DIALOG));
  edited = rd_store_get (fixture->store, "supply_item", rd_record_get_id (saved), NULL);
  g_assert_cmpint (rd_record_get_int (edited, "unit_cost"), ==, 29);
  g_assert_cmpstr (rd_record_get_text (edited, "sku"), ==, "APRON-HGR");
  g_assert_cmpint (rd_store_count (fixture->store, "supply_item"), ==, n_items + 1);
}

static void
test_transfer_through_dialog (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *page = show_inventory (fixture);
  GtkWidget *dialog;
  g_autofree char *item_id = rd_ui_test_select_record (page, "sku", "IOH350-100");
  g_autoptr (GPtrArray) lots = rd_inventory_list_lots (fixture->store, item_id);
  g_autoptr (GPtrArray) transfers = NULL;
  RdLot *first;
  g_autofree char *too_many = NULL;
  gint64 on_hand = rd_inventory_stock_on_hand (fixture->store, item_id);
  gint64 movements = rd_store_count (fixture->store, "stock_movement");

  g_assert_cmpuint (lots->len, >, 0);
  first = g_ptr_array_index (lots, 0);
  g_assert_cmpint (first->quantity, >, 2);

  gtk_widget_activate_action (page, "inventory.transfer", NULL);
  rd_ui_test_drain ();
  dialog = rd_ui_test_find_toplevel (RD_TYPE_STOCK_DIALOG);
  g_assert_nonnull (dialog);

  /* More than the lot holds: refused beside the quantity, nothing written. */
  too_many = g_strdup_printf ("%" G_GINT64_FORMAT, first->quantity + 1);
  rd_ui_test_set_row_text (dialog, "Quantity", too_many);
  rd_ui_test_set_row_text (dialog, "From Lot Number (empty: stock without a lot)", first->lot);
  rd_ui_test_set_row_text (dialog, "To Lot Number", "RELOT-1");
  click (dialog, "_Move");
  assert_refused_at (dialog, "Quantity", "holds only");
  g_assert_cmpint (rd_store_count (fixture->store, "stock_movement"), ==, movements);

  /* Into the same lot: refused beside the new lot. */
  rd_ui_test_set_row_text (dialog, "Quantity", "2");
  rd_ui_test_set_row_text (dialog, "To Lot Number", first->lot);
  click (dialog, "_Move");
  assert_refused_at (dialog, "To Lot Number", "already in that lot");

  rd_ui_test_set_row_text (dialog, "To Lot Number", "RELOT-1");
  click (dialog, "_Move");
  g_assert_null (rd_ui_test_find_toplevel (RD_TYPE_STOCK_DIALOG));
  g_assert_cmpint (rd_store_count (fixture->store, "stock_movement"), ==, movements + 2);
  transfers = rd_store_list_by (fixture->store, "stock_movement", "kind", "transfer", NULL);
  g_assert_cmpuint (transfers->len, ==, 2);
  g_assert_cmpint (rd_inventory_stock_on_hand (fixture->store, item_id), ==, on_hand);
  g_assert_nonnull (rd_ui_test_find (page, rd_ui_test_is_row_titled, "Lot RELOT-1"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/inventory/new-and-edit-item", Fixture, NULL,
              fixture_set_up, test_new_and_edit_item, rd_ui_test_tear_down);
  g_test_add ("/ui/inventory/transfer-through-dialog", Fixture, NULL,
              fixture_set_up, test_transfer_through_dialog, rd_ui_test_tear_down);

  return g_test_run ();
}
