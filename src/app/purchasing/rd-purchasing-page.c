/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-purchasing-page.c: the Purchasing page — purchase orders beside the editor, new orders, item CSV. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-format.h"
#include "rd-inventory.h"
#include "rd-items-import-dialog.h"
#include "rd-order-editor.h"
#include "rd-purchasing.h"
#include "rd-purchasing-page.h"
#include "rd-stock-dialog.h"
#include "rd-record-list.h"
#include "rd-record-view.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdPurchasingPage
{
  RdPage           parent_instance;

  AdwToastOverlay *toast_overlay;
  RdRecordView    *view;
  RdOrderEditor   *editor;

  RdRecordList    *orders;
  GHashTable      *totals;        /* po id → gint64 cents, from the order lines */
  GHashTable      *budget_lines;  /* budget line id → label */
  gulong           store_changed_id;
};

G_DEFINE_FINAL_TYPE (RdPurchasingPage, rd_purchasing_page, RD_TYPE_PAGE)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

/* One pass over the order lines gives every order's total, rather than a lookup per row. */
static void
load_totals (RdPurchasingPage *self)
{
  g_autoptr(GPtrArray) lines = rd_store_list (rd_page_get_store (RD_PAGE (self)), "po_line", NULL);

  g_hash_table_remove_all (self->totals);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);
      const char *po_id = rd_record_get_text (line, "po_id");
      gint64 *total = g_hash_table_lookup (self->totals, po_id);

      if (total == NULL)
        {
          total = g_new0 (gint64, 1);
          g_hash_table_insert (self->totals, g_strdup (po_id), total);
        }
      *total += rd_record_get_int (line, "quantity") * rd_record_get_int (line, "unit_cost");
    }
}

static gint64
get_total (RdRecord *order,
           gpointer  user_data)
{
  RdPurchasingPage *self = user_data;
  gint64 *total = g_hash_table_lookup (self->totals, rd_record_get_id (order));

  return total != NULL ? *total : 0;
}

static char *
dup_total_text (RdRecord *order,
                gpointer  user_data)
{
  return rd_format_money (get_total (order, user_data));
}

static char *
dup_budget_line_text (RdRecord *order,
                      gpointer  user_data)
{
  RdPurchasingPage *self = user_data;
  const char *id = rd_record_get_text (order, "budget_line_id");
  const char *label;

  if (id == NULL)
    return g_strdup ("");

  label = g_hash_table_lookup (self->budget_lines, id);
  if (label == NULL)
    {
      g_autoptr(RdRecord) line = rd_store_get (rd_page_get_store (RD_PAGE (self)), "budget_line", id, NULL);
      char *text;

      if (line == NULL)
        text = g_strdup ("—");
      else if (!rd_record_is_null (line, "name"))
        text = g_strdup (rd_record_get_text (line, "name"));
      else
        /* Translators: a budget line, "FY2026 Supplies" */
        text = g_strdup_printf (_("FY%lld %s"),
                                (long long) rd_record_get_int (line, "fiscal_year"),
                                rd_format_enum (rd_record_get_text (line, "category")));
      g_hash_table_insert (self->budget_lines, g_strdup (id), text);
      label = text;
    }

  return g_strdup (label);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_store_changed (RdStore          *store,
                  const char       *table,
                  const char       *id,
                  RdPurchasingPage *self)
{
  if (g_strcmp0 (table, "budget_line") == 0)
    {
      g_hash_table_remove_all (self->budget_lines);
      rd_record_view_refresh (self->view);
    }
  else if (g_strcmp0 (table, "po_line") == 0)
    {
      load_totals (self);
      rd_record_view_refresh (self->view);
    }
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      RdPurchasingPage   *self)
{
  RdRecord *order = gtk_single_selection_get_selected_item (selection);

  if (order != NULL && self->editor != NULL)
    rd_order_editor_set_order (self->editor, rd_record_get_id (order));
}

static void
on_editor_add_toast (RdOrderEditor    *editor,
                     AdwToast         *toast,
                     RdPurchasingPage *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static GtkWindow *
parent_window (RdPurchasingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (RdPurchasingPage *self,
       const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
new_order_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdPurchasingPage *self = RD_PURCHASING_PAGE (widget);
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GPtrArray) vendors = rd_store_list (store, "vendor", "name");
  g_autoptr (RdRecord) order = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();

  if (vendors->len == 0)
    {
      toast (self, _("Add a vendor first: an order is placed with a vendor"));
      return;
    }
  order = rd_purchasing_new_order (store, rd_record_get_id (g_ptr_array_index (vendors, 0)), NULL);
  if (!rd_purchasing_save_order (store, order, user, &error))
    {
      toast (self, error->message);
      return;
    }
  rd_order_editor_set_order (self->editor, rd_record_get_id (order));
}

static void
on_export_response (GtkNativeDialog  *chooser,
                    int               response,
                    RdPurchasingPage *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      csv = rd_inventory_export_items_csv (rd_page_get_store (RD_PAGE (self)));
      if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &error))
        toast (self, error->message);
      else
        toast (self, _("Supply items exported"));
    }
  g_object_unref (chooser);
}

static void
export_items_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdPurchasingPage *self = RD_PURCHASING_PAGE (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export Supply Items"), parent_window (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "supply-items.csv");
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_done (GtkWidget        *dialog,
                const char       *message,
                RdPurchasingPage *self)
{
  toast (self, message);
}

static void
on_import_response (GtkNativeDialog  *chooser,
                    int               response,
                    RdPurchasingPage *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  RdItemsImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!g_file_load_contents (file, NULL, &text, &length, NULL, &error)
          || (dialog = rd_items_import_dialog_new (parent_window (self), rd_page_get_store (RD_PAGE (self)), text, length, &error)) == NULL)
        toast (self, error->message);
      else
        {
          g_signal_connect_object (dialog, "done", G_CALLBACK (on_import_done), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_object_unref (chooser);
}

static void
import_items_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdPurchasingPage *self = RD_PURCHASING_PAGE (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import Supply Items"), parent_window (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_purchasing_page_constructed (GObject *object)
{
  RdPurchasingPage *self = RD_PURCHASING_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  GtkColumnViewColumn *column;

  G_OBJECT_CLASS (rd_purchasing_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (store));

  rd_record_view_set_store (self->view, store);
  self->store_changed_id = g_signal_connect (store, "changed",
                                             G_CALLBACK (on_store_changed), self);
  load_totals (self);

  self->orders = rd_record_list_new (store, "purchase_order");
  rd_record_view_set_model (self->view, G_LIST_MODEL (self->orders));

  column = rd_record_view_add_column (self->view, "number", _("Number"));
  rd_record_view_add_column (self->view, "vendor_id", _("Vendor"));
  rd_record_view_add_column (self->view, "status", _("Status"));
  rd_record_view_add_column (self->view, "ordered_on", _("Ordered"));
  rd_record_view_set_column_numeric (self->view,
                                     rd_record_view_add_computed_column (self->view, _("Total"),
                                                                         dup_total_text, get_total,
                                                                         self),
                                     TRUE);
  rd_record_view_add_computed_column (self->view, _("Budget Line"), dup_budget_line_text, NULL, self);
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_sort_by (self->view, column, GTK_SORT_DESCENDING);

  rd_record_view_set_empty_state (self->view, "document-send-symbolic", _("No Purchase Orders"),
                                  _("Purchase orders for supplies appear here."));

  rd_order_editor_set_store (self->editor, store);
  g_signal_connect_object (self->editor, "add-toast", G_CALLBACK (on_editor_add_toast), self, 0);
  g_signal_connect_object (gtk_column_view_get_model (rd_record_view_get_column_view (self->view)),
                           "notify::selected-item", G_CALLBACK (on_selection_changed), self, 0);
}

static void
rd_purchasing_page_dispose (GObject *object)
{
  RdPurchasingPage *self = RD_PURCHASING_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));

  if (store != NULL)
    g_clear_signal_handler (&self->store_changed_id, store);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PURCHASING_PAGE);
  g_clear_object (&self->orders);

  G_OBJECT_CLASS (rd_purchasing_page_parent_class)->dispose (object);
}

static void
rd_purchasing_page_finalize (GObject *object)
{
  RdPurchasingPage *self = RD_PURCHASING_PAGE (object);

  g_clear_pointer (&self->totals, g_hash_table_unref);
  g_clear_pointer (&self->budget_lines, g_hash_table_unref);

  G_OBJECT_CLASS (rd_purchasing_page_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_purchasing_page_class_init (RdPurchasingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_purchasing_page_constructed;
  object_class->dispose = rd_purchasing_page_dispose;
  object_class->finalize = rd_purchasing_page_finalize;

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  g_type_ensure (RD_TYPE_ORDER_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/purchasing/rd-purchasing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPurchasingPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdPurchasingPage, view);
  gtk_widget_class_bind_template_child (widget_class, RdPurchasingPage, editor);

  gtk_widget_class_install_action (widget_class, "purchasing.new-order", NULL, new_order_action);
  gtk_widget_class_install_action (widget_class, "purchasing.export-items", NULL, export_items_action);
  gtk_widget_class_install_action (widget_class, "purchasing.import-items", NULL, import_items_action);
}

static void
rd_purchasing_page_init (RdPurchasingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->budget_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_purchasing_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Purchasing page
 */
RdPurchasingPage *
rd_purchasing_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_PURCHASING_PAGE, "store", store, NULL);
}
