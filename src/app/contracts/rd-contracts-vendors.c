/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contracts-vendors.c: the Contracts page's vendors view — each vendor with its contracts, orders and items. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-contract-editor.h"
#include "rd-contracts.h"
#include "rd-contracts-page-private.h"
#include "rd-format.h"
#include "rd-purchasing.h"
#include "rd-widgets.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
add_heading (GtkBox     *box,
             const char *text,
             guint       count)
{
  g_autofree char *label = g_strdup_printf ("%s (%u)", text, count);
  GtkWidget *heading = gtk_label_new (label);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 18);
  gtk_box_append (box, heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (box, list);
  if (count == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  return list;
}

static GtkWidget *
add_row (GtkWidget  *list,
         const char *title,
         const char *subtitle,
         const char *page)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  if (page != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-page");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", page);
    }
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
add_fact (GtkWidget  *list,
          const char *title,
          const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_contract_row_activated (AdwActionRow    *row,
                           RdContractsPage *self)
{
  g_autoptr (RdRecord) contract = rd_store_get (rd_page_get_store (RD_PAGE (self)), "contract",
                                                g_object_get_data (G_OBJECT (row), "rd-id"), NULL);

  if (contract != NULL)
    rd_contracts_page_edit_contract (self, contract, NULL);
}

static void
on_edit_vendor_clicked (GtkButton       *button,
                        RdContractsPage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (RdRecord) vendor = rd_store_get (store, "vendor", self->vendor_id, NULL);

  if (vendor != NULL)
    rd_vendor_editor_present (GTK_WIDGET (self), store, vendor);
}

static void
on_new_contract_clicked (GtkButton       *button,
                         RdContractsPage *self)
{
  rd_contracts_page_edit_contract (self, NULL, self->vendor_id);
}

static void
on_vendor_selected (GtkSingleSelection *selection,
                    GParamSpec         *pspec,
                    RdContractsPage    *self)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (item != NULL && RD_IS_RECORD (item))
    rd_contracts_page_show_vendor (self, rd_record_get_id (RD_RECORD (item)));
}

/* ---------------------------------------------------------------- */
/* Internal API                                                      */
/* ---------------------------------------------------------------- */

void
rd_contracts_page_setup_vendors (RdContractsPage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  GtkColumnViewColumn *column;
  GtkSelectionModel *selection;

  rd_record_view_set_store (self->vendor_view, store);
  self->vendors = rd_record_list_new (store, "vendor");
  rd_record_view_set_model (self->vendor_view, G_LIST_MODEL (self->vendors));
  column = rd_record_view_add_column (self->vendor_view, "name", _("Vendor"));
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_add_column (self->vendor_view, "contact", _("Contact"));
  rd_record_view_add_column (self->vendor_view, "phone", _("Phone"));
  rd_record_view_sort_by (self->vendor_view, column, GTK_SORT_ASCENDING);
  rd_record_view_set_empty_state (self->vendor_view, "system-users-symbolic", _("No Vendors"),
                                  _("Suppliers and service companies appear here."));

  selection = gtk_column_view_get_model (rd_record_view_get_column_view (self->vendor_view));
  g_signal_connect_object (selection, "notify::selected-item", G_CALLBACK (on_vendor_selected), self, 0);

  rd_contracts_page_show_vendor (self, NULL);
}

void
rd_contracts_page_show_vendor (RdContractsPage *self,
                               const char      *vendor_id)
{
  if (vendor_id != self->vendor_id)
    {
      g_free (self->vendor_id);
      self->vendor_id = g_strdup (vendor_id);
    }
  rd_contracts_page_refresh_vendor (self);
}

void
rd_contracts_page_refresh_vendor (RdContractsPage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (RdRecord) vendor = NULL;
  g_autoptr (GPtrArray) contracts = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  g_autoptr (GPtrArray) items = NULL;
  GtkWidget *title, *facts, *buttons, *edit, *add, *list;
  GDate today;

  clear_box (self->vendor_details);
  if (self->vendor_id != NULL)
    vendor = rd_store_get (store, "vendor", self->vendor_id, NULL);
  if (vendor == NULL || rd_record_get_deleted (vendor))
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-users-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Choose a Vendor"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Its contracts, orders and items are shown here."));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (self->vendor_details, status);
      return;
    }

  rd_contracts_page_today (&today);

  title = gtk_label_new (rd_record_get_text (vendor, "name"));
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (self->vendor_details, title);

  facts = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (facts), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (facts, "boxed-list");
  gtk_widget_set_margin_top (facts, 12);
  add_fact (facts, _("Account Number"), rd_record_get_text (vendor, "account_number"));
  add_fact (facts, _("Contact Person"), rd_record_get_text (vendor, "contact"));
  add_fact (facts, _("Phone"), rd_record_get_text (vendor, "phone"));
  add_fact (facts, _("E-mail"), rd_record_get_text (vendor, "email"));
  add_fact (facts, _("Notes"), rd_record_get_text (vendor, "notes"));
  if (gtk_widget_get_first_child (facts) != NULL)
    gtk_box_append (self->vendor_details, facts);
  else
    g_object_ref_sink (facts), g_object_unref (facts);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (buttons, 12);
  edit = rd_mnemonic_button_new (_("_Edit Vendor"));
  add = rd_mnemonic_button_new (_("New _Contract"));
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_vendor_clicked), self);
  g_signal_connect (add, "clicked", G_CALLBACK (on_new_contract_clicked), self);
  gtk_box_append (GTK_BOX (buttons), edit);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (self->vendor_details, buttons);

  contracts = rd_store_list_by (store, "contract", "vendor_id", self->vendor_id, "title");
  list = add_heading (self->vendor_details, _("Contracts"), contracts->len);
  for (guint i = 0; i < contracts->len; i++)
    {
      RdRecord *c = g_ptr_array_index (contracts, i);
      g_autofree char *value = rd_format_money (rd_record_get_int (c, "annual_value"));
      g_autofree char *deadline = rd_contract_describe_deadline (c, &today);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      subtitle = g_strdup_printf ("%s · %s · %s", rd_contract_status_label (rd_contract_get_status (c, &today)),
                                  value, deadline);
      row = add_row (list, rd_record_get_text (c, "title"), subtitle, NULL);
      g_object_set_data_full (G_OBJECT (row), "rd-id", g_strdup (rd_record_get_id (c)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_contract_row_activated), self);
    }

  orders = rd_store_list_by (store, "purchase_order", "vendor_id", self->vendor_id, "number");
  list = add_heading (self->vendor_details, _("Orders"), orders->len);
  for (guint i = orders->len; i > 0; i--)
    {
      RdRecord *po = g_ptr_array_index (orders, i - 1);
      g_autofree char *total = rd_format_money (rd_purchasing_order_total (store, rd_record_get_id (po)));
      g_autofree char *date = rd_format_date (rd_record_get_text (po, "ordered_on"));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", rd_format_enum (rd_record_get_text (po, "status")),
                                                   total, *date != '\0' ? " · " : "", date);

      add_row (list, rd_record_get_text (po, "number"), subtitle, "purchasing");
    }

  items = rd_store_list_by (store, "supply_item", "vendor_id", self->vendor_id, "name");
  list = add_heading (self->vendor_details, _("Items"), items->len);
  for (guint i = 0; i < items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (items, i);
      g_autofree char *cost = rd_format_money (rd_record_get_int (item, "unit_cost"));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s / %s", rd_record_get_text (item, "sku"), cost,
                                                   rd_record_get_text (item, "unit"));

      add_row (list, rd_record_get_text (item, "name"), subtitle, "inventory");
    }
}
