/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-page.c: the Inventory page — items with stock on hand, status and lots; expiring lots; actions. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-inventory.h"
#include "rd-inventory-page-private.h"
#include "rd-item-dialog.h"
#include "rd-stock-dialog.h"

G_DEFINE_FINAL_TYPE (RdInventoryPage, rd_inventory_page, RD_TYPE_PAGE)

static const int horizons[] = { 30, 60, 90 };

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gint64
get_on_hand (RdRecord *item,
             gpointer  user_data)
{
  RdInventoryPage *self = user_data;
  gint64 *on_hand = self->on_hand != NULL ? g_hash_table_lookup (self->on_hand, rd_record_get_id (item))
                                          : NULL;

  return on_hand != NULL ? *on_hand : 0;
}

static char *
dup_on_hand_text (RdRecord *item,
                  gpointer  user_data)
{
  /* Translators: a quantity and its unit, "12 box" */
  return g_strdup_printf (_("%lld %s"), (long long) get_on_hand (item, user_data),
                          rd_record_get_text (item, "unit"));
}

/* Sorting by status puts what needs attention first: out, low, overstock, in stock. */
static gint64
get_status_key (RdRecord *item,
                gpointer  user_data)
{
  static const int order[] = { [RD_STOCK_OUT] = 0, [RD_STOCK_LOW] = 1, [RD_STOCK_OVERSTOCK] = 2,
                               [RD_STOCK_IN_STOCK] = 3 };

  return order[rd_inventory_get_status (item, get_on_hand (item, user_data))];
}

static char *
dup_status_text (RdRecord *item,
                 gpointer  user_data)
{
  RdStockStatus status = rd_inventory_get_status (item, get_on_hand (item, user_data));

  if (status == RD_STOCK_OUT || status == RD_STOCK_LOW)
    return g_strdup_printf ("⚠ %s", rd_stock_status_to_string (status));
  return g_strdup (rd_stock_status_to_string (status));
}

static const char *
item_name (RdInventoryPage *self,
           const char      *item_id)
{
  RdRecord *item = g_hash_table_lookup (self->items, item_id);

  return item != NULL ? rd_record_get_text (item, "name") : _("Unknown item");
}

static const char *
item_unit (RdInventoryPage *self,
           const char      *item_id)
{
  RdRecord *item = g_hash_table_lookup (self->items, item_id);

  return item != NULL ? rd_record_get_text (item, "unit") : "";
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static int
days_until (const char *today,
            const char *date)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_parse (&a, today);
  g_date_set_parse (&b, date);
  if (!g_date_valid (&a) || !g_date_valid (&b))
    return 0;
  return g_date_days_between (&a, &b);
}

static GtkWidget *
make_lot_row (RdInventoryPage *self,
              RdLot           *lot,
              const char      *today,
              gboolean         with_item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *expiry = lot->expiry != NULL ? rd_format_date (lot->expiry) : NULL;
  int days = lot->expiry != NULL ? days_until (today, lot->expiry) : G_MAXINT;

  if (with_item)
    title = g_strdup_printf (_("%s — lot %s"), item_name (self, lot->item_id),
                             lot->lot != NULL ? lot->lot : _("none"));
  else
    title = lot->lot != NULL ? g_strdup_printf (_("Lot %s"), lot->lot) : g_strdup (_("Without lot"));
  subtitle = g_strdup_printf (_("%lld %s · expires %s"), (long long) lot->quantity,
                              item_unit (self, lot->item_id), expiry != NULL ? expiry : _("never"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (days < 0)
    {
      badge = gtk_label_new (_("Expired"));
      gtk_widget_add_css_class (badge, "error");
    }
  else if (days <= 30)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "In %d day", "In %d days", days), days);

      badge = gtk_label_new (text);
      gtk_widget_add_css_class (badge, "warning");
    }
  else
    return row;

  gtk_widget_add_css_class (badge, "caption-heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  return row;
}

static void
load_lots (RdInventoryPage *self)
{
  g_autoptr (GPtrArray) lots = NULL;
  g_autofree char *today = rd_inventory_today ();
  RdRecord *item = self->selected_id != NULL ? g_hash_table_lookup (self->items, self->selected_id) : NULL;
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;

  clear_list (self->lots_list);
  if (item == NULL)
    {
      gtk_label_set_text (self->lots_title, _("Lots"));
      gtk_label_set_text (self->lots_summary, _("Select an item to see its lots and expiry dates."));
      gtk_widget_set_visible (GTK_WIDGET (self->lots_list), FALSE);
      return;
    }

  title = g_strdup_printf (_("Lots of %s"), rd_record_get_text (item, "name"));
  gtk_label_set_text (self->lots_title, title);
  summary = g_strdup_printf (_("%lld %s on hand · reorder at %lld · par %lld"),
                             (long long) get_on_hand (item, self), rd_record_get_text (item, "unit"),
                             (long long) rd_record_get_int (item, "reorder_point"),
                             (long long) rd_record_get_int (item, "par_level"));
  gtk_label_set_text (self->lots_summary, summary);

  lots = rd_inventory_list_lots (rd_page_get_store (RD_PAGE (self)), self->selected_id);
  for (guint i = 0; i < lots->len; i++)
    gtk_list_box_append (self->lots_list, make_lot_row (self, g_ptr_array_index (lots, i), today, FALSE));
  gtk_widget_set_visible (GTK_WIDGET (self->lots_list), lots->len > 0);
}

static void
load_expiring (RdInventoryPage *self)
{
  g_autofree char *today = rd_inventory_today ();
  guint h = gtk_drop_down_get_selected (self->horizon_dropdown);
  g_autoptr (GPtrArray) lots = rd_inventory_list_expiring (rd_page_get_store (RD_PAGE (self)), today,
                                                           horizons[MIN (h, G_N_ELEMENTS (horizons) - 1)]);

  clear_list (self->expiring_list);
  for (guint i = 0; i < lots->len; i++)
    gtk_list_box_append (self->expiring_list, make_lot_row (self, g_ptr_array_index (lots, i), today, TRUE));
  if (lots->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No lot expires in this time"));
      gtk_list_box_append (self->expiring_list, row);
    }
}

static void
load_items (RdInventoryPage *self)
{
  g_autoptr (GPtrArray) items = rd_store_list (rd_page_get_store (RD_PAGE (self)), "supply_item", NULL);

  g_hash_table_remove_all (self->items);
  for (guint i = 0; i < items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (items, i);

      g_hash_table_insert (self->items, g_strdup (rd_record_get_id (item)), g_object_ref (item));
    }
}

static void
reload_all (RdInventoryPage *self)
{
  g_clear_pointer (&self->on_hand, g_hash_table_unref);
  self->on_hand = rd_inventory_stock_on_hand_all (rd_page_get_store (RD_PAGE (self)));
  load_items (self);
  rd_record_view_refresh (self->view);
  load_lots (self);
  load_expiring (self);
  rd_inventory_page_reload_forecast (self);
}

static GtkWindow *
parent_window (RdInventoryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
rd_inventory_page_toast (RdInventoryPage *self,
                         const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static gboolean
reload_idle (gpointer user_data)
{
  RdInventoryPage *self = user_data;

  self->reload_id = 0;
  reload_all (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RdStore         *store,
                  const char      *table,
                  const char      *id,
                  RdInventoryPage *self)
{
  static const char *const watched[] = { "stock_movement", "supply_item", "booking", "exam_consumable",
                                         "purchase_order", "po_line", NULL };

  /* A pull or a transaction may announce many tables at once: reload once, when idle. */
  if (table != NULL && g_strv_contains (watched, table) && self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle, self);
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      RdInventoryPage    *self)
{
  RdRecord *item = gtk_single_selection_get_selected_item (selection);

  /* The list empties while the template is disposed. */
  if (self->lots_list == NULL)
    return;
  g_free (self->selected_id);
  self->selected_id = item != NULL ? g_strdup (rd_record_get_id (item)) : NULL;
  load_lots (self);
}

static void
on_horizon_changed (RdInventoryPage *self)
{
  load_expiring (self);
}

static void add_undo_toast (RdInventoryPage *self,
                            const char      *message,
                            GPtrArray       *ids,
                            const char      *reason);

static void
on_dialog_done (RdStockDialog   *dialog,
                const char      *message,
                GPtrArray       *ids,
                RdInventoryPage *self)
{
  if (ids != NULL && ids->len > 0)
    add_undo_toast (self, message, ids, _("Undo of a stock correction or use"));
  else
    rd_inventory_page_toast (self, message);
}

static void
open_stock_dialog (RdInventoryPage   *self,
                   RdStockDialogMode  mode)
{
  RdStockDialog *dialog = rd_stock_dialog_new (parent_window (self), rd_page_get_store (RD_PAGE (self)), mode, self->selected_id);

  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
receive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_stock_dialog (RD_INVENTORY_PAGE (widget), RD_STOCK_DIALOG_RECEIVE);
}

static void
adjust_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_stock_dialog (RD_INVENTORY_PAGE (widget), RD_STOCK_DIALOG_ADJUST);
}

static void
consume_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_stock_dialog (RD_INVENTORY_PAGE (widget), RD_STOCK_DIALOG_CONSUME);
}

static void
transfer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_stock_dialog (RD_INVENTORY_PAGE (widget), RD_STOCK_DIALOG_TRANSFER);
}

static void
on_item_saved (RdItemDialog    *dialog,
               const char      *item_id,
               const char      *message,
               RdInventoryPage *self)
{
  rd_inventory_page_toast (self, message);
}

static void
open_item_dialog (RdInventoryPage *self,
                  const char      *item_id)
{
  RdItemDialog *dialog = rd_item_dialog_new (parent_window (self), rd_page_get_store (RD_PAGE (self)), item_id);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_item_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_item_dialog (RD_INVENTORY_PAGE (widget), NULL);
}

static void
edit_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (widget);

  if (self->selected_id == NULL)
    {
      rd_inventory_page_toast (self, _("Choose an item to edit"));
      return;
    }
  open_item_dialog (self, self->selected_id);
}

static void
on_item_activated (RdRecordView    *view,
                   RdRecord        *item,
                   RdInventoryPage *self)
{
  open_item_dialog (self, rd_record_get_id (item));
}

typedef struct
{
  RdStore   *store;
  GPtrArray *ids;
  char      *reason;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_clear_object (&undo->store);
  g_clear_pointer (&undo->ids, g_ptr_array_unref);
  g_free (undo->reason);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();

  /* The ledger keeps both: the undo is a new movement of the opposite sign. */
  if (!rd_inventory_undo_movements (undo->store, undo->ids, undo->reason, user, &error))
    g_warning ("Could not undo: %s", error->message);
}

static void
add_undo_toast (RdInventoryPage *self,
                const char      *message,
                GPtrArray       *ids,
                const char      *reason)
{
  AdwToast *toast = adw_toast_new (message);
  UndoData *undo = g_new0 (UndoData, 1);

  adw_toast_set_button_label (toast, _("_Undo"));
  undo->store = g_object_ref (rd_page_get_store (RD_PAGE (self)));
  undo->ids = g_ptr_array_ref (ids);
  undo->reason = g_strdup (reason);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo,
                         (GClosureNotify) (void (*) (void)) undo_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
write_off_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  g_autofree char *message = NULL;

  if (!rd_inventory_write_off_expired (rd_page_get_store (RD_PAGE (self)), NULL, user, &ids, &error))
    {
      rd_inventory_page_toast (self, error->message);
      return;
    }
  if (ids->len == 0)
    {
      rd_inventory_page_toast (self, _("No expired lots to write off"));
      return;
    }

  message = g_strdup_printf (g_dngettext (NULL, "%u expired lot written off", "%u expired lots written off",
                                          ids->len), ids->len);
  add_undo_toast (self, message, ids, _("Undo of a write-off"));
}

static void
create_orders_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rd_inventory_page_create_orders (RD_INVENTORY_PAGE (widget));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_inventory_page_constructed (GObject *object)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  GtkColumnViewColumn *column;
  GtkSelectionModel *selection;

  G_OBJECT_CLASS (rd_inventory_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (store));

  rd_record_view_set_store (self->view, store);
  self->store_changed_id = g_signal_connect (store, "changed",
                                             G_CALLBACK (on_store_changed), self);
  self->on_hand = rd_inventory_stock_on_hand_all (store);
  load_items (self);

  self->records = rd_record_list_new (store, "supply_item");
  rd_record_view_set_model (self->view, G_LIST_MODEL (self->records));

  /* The name takes what the fixed columns leave. */
  gtk_column_view_column_set_fixed_width (rd_record_view_add_column (self->view, "sku", _("SKU")), 120);
  column = rd_record_view_add_column (self->view, "name", _("Name"));
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_column_set_fixed_width (rd_record_view_add_column (self->view, "category", _("Category")), 130);
  rd_record_view_set_column_numeric (self->view,
                                     rd_record_view_add_computed_column (self->view, _("On Hand"),
                                                                         dup_on_hand_text,
                                                                         get_on_hand, self),
                                     TRUE);
  rd_record_view_add_computed_column (self->view, _("Status"), dup_status_text, get_status_key, self);
  rd_record_view_set_column_numeric (self->view,
                                     rd_record_view_add_column (self->view, "reorder_point", _("Reorder At")),
                                     TRUE);
  rd_record_view_set_column_numeric (self->view,
                                     rd_record_view_add_column (self->view, "par_level", _("Par")),
                                     TRUE);
  rd_record_view_sort_by (self->view, column, GTK_SORT_ASCENDING);
  rd_record_view_set_empty_state (self->view, "package-x-generic-symbolic", _("No Supply Items"),
                                  _("Contrast media, syringes and other consumables appear here."));

  selection = gtk_column_view_get_model (rd_record_view_get_column_view (self->view));
  g_signal_connect_object (selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self, 0);
  g_signal_connect_object (self->view, "record-activated", G_CALLBACK (on_item_activated), self, 0);

  load_lots (self);
  load_expiring (self);
  rd_inventory_page_setup_forecast (self);
}

static void
rd_inventory_page_dispose (GObject *object)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));

  if (store != NULL)
    g_clear_signal_handler (&self->store_changed_id, store);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_INVENTORY_PAGE);
  g_clear_object (&self->records);
  g_clear_object (&self->forecast_items);

  G_OBJECT_CLASS (rd_inventory_page_parent_class)->dispose (object);
}

static void
rd_inventory_page_finalize (GObject *object)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (object);

  g_clear_pointer (&self->on_hand, g_hash_table_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->forecast, rd_forecast_free);
  g_free (self->selected_id);

  G_OBJECT_CLASS (rd_inventory_page_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_inventory_page_class_init (RdInventoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_inventory_page_constructed;
  object_class->dispose = rd_inventory_page_dispose;
  object_class->finalize = rd_inventory_page_finalize;

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/inventory/rd-inventory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, view);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, lots_title);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, lots_summary);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, lots_list);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, horizon_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, expiring_list);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, forecast_summary);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, forecast_view);
  gtk_widget_class_bind_template_callback (widget_class, on_horizon_changed);

  gtk_widget_class_install_action (widget_class, "inventory.receive", NULL, receive_action);
  gtk_widget_class_install_action (widget_class, "inventory.adjust", NULL, adjust_action);
  gtk_widget_class_install_action (widget_class, "inventory.consume", NULL, consume_action);
  gtk_widget_class_install_action (widget_class, "inventory.transfer", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "inventory.new-item", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "inventory.edit-item", NULL, edit_item_action);
  gtk_widget_class_install_action (widget_class, "inventory.write-off", NULL, write_off_action);
  gtk_widget_class_install_action (widget_class, "inventory.create-orders", NULL, create_orders_action);
}

static void
rd_inventory_page_init (RdInventoryPage *self)
{
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_inventory_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Inventory page
 */
RdInventoryPage *
rd_inventory_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_INVENTORY_PAGE, "store", store, NULL);
}
