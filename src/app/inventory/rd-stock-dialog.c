/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-stock-dialog.c: the dialog that receives a delivery, corrects stock with a reason, records use, or re-lots stock. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-error.h"
#include "rd-inventory.h"
#include "rd-stock-dialog.h"
#include "rd-widgets.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdStockDialog
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkButton         *apply_button;
  AdwComboRow       *item_row;
  AdwEntryRow       *quantity_row;
  AdwEntryRow       *lot_row;
  AdwEntryRow       *to_lot_row;
  AdwEntryRow       *expiry_row;
  AdwEntryRow       *reason_row;
  GtkWidget         *lot_box;
  GtkWidget         *to_lot_box;
  GtkWidget         *expiry_box;
  GtkWidget         *reason_box;
  GtkLabel          *item_error;
  GtkLabel          *quantity_error;
  GtkLabel          *lot_error;
  GtkLabel          *to_lot_error;
  GtkLabel          *expiry_error;
  GtkLabel          *reason_error;
  GtkLabel          *hint_label;

  RdStore           *store;
  RdStockDialogMode  mode;
  GPtrArray         *items; /* RdRecord, in the combo's order */
};

G_DEFINE_FINAL_TYPE (RdStockDialog, rd_stock_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static RdRecord *
selected_item (RdStockDialog *self)
{
  guint i = adw_combo_row_get_selected (self->item_row);

  return i < self->items->len ? g_ptr_array_index (self->items, i) : NULL;
}

static void
show_error (GtkLabel   *label,
            GtkWidget  *row,
            const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (row == NULL)
    return;
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
clear_errors (RdStockDialog *self)
{
  show_error (self->item_error, GTK_WIDGET (self->item_row), NULL);
  show_error (self->quantity_error, GTK_WIDGET (self->quantity_row), NULL);
  show_error (self->lot_error, GTK_WIDGET (self->lot_row), NULL);
  show_error (self->to_lot_error, GTK_WIDGET (self->to_lot_row), NULL);
  show_error (self->expiry_error, GTK_WIDGET (self->expiry_row), NULL);
  show_error (self->reason_error, GTK_WIDGET (self->reason_row), NULL);
}

static void
show_field_error (RdStockDialog *self,
                  const char    *field,
                  const char    *message)
{
  if (g_strcmp0 (field, "item") == 0)
    show_error (self->item_error, GTK_WIDGET (self->item_row), message);
  else if (g_strcmp0 (field, "lot") == 0 || g_strcmp0 (field, "from_lot") == 0)
    show_error (self->lot_error, GTK_WIDGET (self->lot_row), message);
  else if (g_strcmp0 (field, "to_lot") == 0)
    show_error (self->to_lot_error, GTK_WIDGET (self->to_lot_row), message);
  else if (g_strcmp0 (field, "expiry") == 0)
    show_error (self->expiry_error, GTK_WIDGET (self->expiry_row), message);
  else if (g_strcmp0 (field, "reason") == 0)
    show_error (self->reason_error, GTK_WIDGET (self->reason_row), message);
  else
    show_error (self->quantity_error, GTK_WIDGET (self->quantity_row), message);
}

static gboolean
parse_quantity (RdStockDialog *self,
                gint64        *out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quantity_row))));

  if (g_ascii_string_to_signed (text, 10, -1000000, 1000000, out, NULL))
    return TRUE;
  show_field_error (self, "quantity", _("Enter a whole number."));
  return FALSE;
}

static void
update_hint (RdStockDialog *self)
{
  RdRecord *item = selected_item (self);
  g_autofree char *hint = NULL;
  gboolean tracked;

  if (item == NULL)
    return;
  tracked = rd_record_get_bool (item, "lot_tracked");
  hint = g_strdup_printf (_("%lld %s on hand. %s"),
                          (long long) rd_inventory_stock_on_hand (self->store, rd_record_get_id (item)),
                          rd_record_get_text (item, "unit"),
                          self->mode == RD_STOCK_DIALOG_RECEIVE && tracked
                            ? _("This item is lot-tracked: the lot number is required.")
                          : self->mode == RD_STOCK_DIALOG_CONSUME
                            ? _("Taken from the first-expiring lot first.")
                          : self->mode == RD_STOCK_DIALOG_TRANSFER
                            ? _("The stock keeps its expiry; stock on hand does not change.")
                          : "");
  if (self->mode == RD_STOCK_DIALOG_TRANSFER)
    {
      g_autoptr (GPtrArray) lots = rd_inventory_list_lots (self->store, rd_record_get_id (item));
      g_autoptr (GString) text = g_string_new (hint);

      for (guint i = 0; i < lots->len; i++)
        {
          RdLot *l = g_ptr_array_index (lots, i);
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, l->quantity);

          g_string_append (text, i == 0 ? "\n" : ", ");
          /* Translators: a lot and what it holds, as in "L2407 (40)" */
          g_string_append_printf (text, _("%s (%s)"), l->lot != NULL ? l->lot : _("no lot"), n);
        }
      gtk_label_set_text (self->hint_label, text->str);
      return;
    }
  gtk_label_set_text (self->hint_label, hint);
}

static void
load_items (RdStockDialog *self,
            const char    *item_id)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  self->items = rd_store_list (self->store, "supply_item", "name");
  for (guint i = 0; i < self->items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (self->items, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", rd_record_get_text (item, "name"),
                                                rd_record_get_text (item, "sku"));

      gtk_string_list_append (names, label);
      if (g_strcmp0 (item_id, rd_record_get_id (item)) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->item_row, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->item_row, selected);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_item_selected (RdStockDialog *self)
{
  if (self->items != NULL)
    update_hint (self);
}

static void
on_apply_clicked (RdStockDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  g_autofree char *message = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  RdRecord *item = selected_item (self);
  const char *lot = gtk_editable_get_text (GTK_EDITABLE (self->lot_row));
  const char *expiry = gtk_editable_get_text (GTK_EDITABLE (self->expiry_row));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  const char *field = NULL;
  gint64 quantity;
  gboolean ok = FALSE;

  clear_errors (self);
  if (item == NULL)
    {
      show_field_error (self, "item", _("Choose a supply item."));
      return;
    }
  if (!parse_quantity (self, &quantity))
    return;

  switch (self->mode)
    {
    case RD_STOCK_DIALOG_RECEIVE:
      ok = rd_inventory_check_receipt (self->store, rd_record_get_id (item), quantity, lot, expiry,
                                       NULL, &field, &error)
           && rd_inventory_receive (self->store, rd_record_get_id (item), quantity, lot,
                                    expiry[0] ? expiry : NULL, NULL, NULL, user, &error);
      message = g_strdup_printf (_("Received %lld × %s"), (long long) quantity,
                                 rd_record_get_text (item, "name"));
      break;

    case RD_STOCK_DIALOG_ADJUST:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (reason));

        if (stripped[0] == '\0')
          field = "reason";
        ok = rd_inventory_adjust (self->store, rd_record_get_id (item), quantity,
                                  lot[0] ? lot : NULL, reason, user, &ids, &error);
        if (!ok && field == NULL && g_strstr_len (error->message, -1, "lot") != NULL)
          field = "lot";
        message = g_strdup_printf (_("Stock of %s corrected by %+lld"),
                                   rd_record_get_text (item, "name"), (long long) quantity);
      }
      break;

    case RD_STOCK_DIALOG_CONSUME:
      ok = rd_inventory_consume (self->store, rd_record_get_id (item), quantity, NULL, NULL, user,
                                 &ids, &error);
      message = g_strdup_printf (_("Used %lld × %s"), (long long) quantity,
                                 rd_record_get_text (item, "name"));
      break;

    case RD_STOCK_DIALOG_TRANSFER:
      {
        const char *to_lot = gtk_editable_get_text (GTK_EDITABLE (self->to_lot_row));
        g_autofree char *quantity_text = g_strdup_printf ("%" G_GINT64_FORMAT, quantity);

        ok = rd_inventory_transfer (self->store, rd_record_get_id (item), quantity, lot, to_lot, reason,
                                    user, &ids, &field, &error);
        message = g_strdup_printf (_("Moved %s × %s to lot %s"), quantity_text,
                                   rd_record_get_text (item, "name"), to_lot);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      show_field_error (self, field, error->message);
      return;
    }

  g_signal_emit (self, signals[DONE], 0, message, ids);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_stock_dialog_dispose (GObject *object)
{
  RdStockDialog *self = RD_STOCK_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_stock_dialog_parent_class)->dispose (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_stock_dialog_class_init (RdStockDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_stock_dialog_dispose;

  /**
   * RdStockDialog::done:
   * @message: what was saved, for a toast
   * @movement_ids: (nullable) (element-type utf8): the movements of a correction or a use, for
   *   an undo; %NULL for a receipt
   *
   * Emitted once the movement is saved, before the dialog closes.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/inventory/rd-stock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, item_row);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, lot_row);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, to_lot_row);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, to_lot_box);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, to_lot_error);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, lot_box);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, expiry_box);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, reason_box);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, item_error);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, quantity_error);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, lot_error);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, expiry_error);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, reason_error);
  gtk_widget_class_bind_template_child (widget_class, RdStockDialog, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_item_selected);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_stock_dialog_init (RdStockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_stock_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the department's store
 * @mode: receive, adjust or consume
 * @item_id: (nullable): the item chosen at first
 *
 * Returns: (transfer none): a new dialog, not yet shown; it emits "done" with a message once saved
 */
RdStockDialog *
rd_stock_dialog_new (GtkWindow         *parent,
                     RdStore           *store,
                     RdStockDialogMode  mode,
                     const char        *item_id)
{
  RdStockDialog *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_STOCK_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->mode = mode;

  gtk_widget_set_visible (self->lot_box, mode != RD_STOCK_DIALOG_CONSUME);
  gtk_widget_set_visible (self->expiry_box, mode == RD_STOCK_DIALOG_RECEIVE);
  gtk_widget_set_visible (self->reason_box, mode == RD_STOCK_DIALOG_ADJUST || mode == RD_STOCK_DIALOG_TRANSFER);
  gtk_widget_set_visible (self->to_lot_box, mode == RD_STOCK_DIALOG_TRANSFER);

  switch (mode)
    {
    case RD_STOCK_DIALOG_RECEIVE:
      adw_window_title_set_title (self->window_title, _("Receive Delivery"));
      rd_mnemonic_button_set_label (self->apply_button, _("_Receive"));
      break;
    case RD_STOCK_DIALOG_ADJUST:
      adw_window_title_set_title (self->window_title, _("Correct Stock"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quantity_row),
                                     _("Correction (+ found, − missing)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lot_row), _("Lot Number (optional)"));
      rd_mnemonic_button_set_label (self->apply_button, _("_Correct"));
      break;
    case RD_STOCK_DIALOG_CONSUME:
      adw_window_title_set_title (self->window_title, _("Record Use"));
      rd_mnemonic_button_set_label (self->apply_button, _("_Record"));
      break;
    case RD_STOCK_DIALOG_TRANSFER:
      adw_window_title_set_title (self->window_title, _("Move to Another Lot"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lot_row),
                                     _("From Lot Number (empty: stock without a lot)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason (optional)"));
      rd_mnemonic_button_set_label (self->apply_button, _("_Move"));
      break;
    default:
      g_assert_not_reached ();
    }
  /* The window's own title is what a screen reader announces (the header shows the title widget). */
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));

  load_items (self, item_id);
  update_hint (self);
  return self;
}

/**
 * rd_inventory_dup_user_name:
 *
 * Returns: (transfer full): who is at the workstation: the server user name when signed in, else
 *   the login name
 */
char *
rd_inventory_dup_user_name (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *name = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "server-username"))
    {
      settings = g_settings_new (APP_ID);
      name = g_settings_get_string (settings, "server-username");
    }
  if (name != NULL && name[0] != '\0')
    return g_steal_pointer (&name);
  return g_strdup (g_get_user_name ());
}
