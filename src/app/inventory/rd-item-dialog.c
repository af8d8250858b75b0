/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-item-dialog.c: the dialog that creates or edits a supply item, with messages next to each field. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-error.h"
#include "rd-inventory.h"
#include "rd-item-dialog.h"
#include "rd-stock-dialog.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

/* The fields with a message under them, by the column core names at fault. */
enum
{
  FIELD_SKU,
  FIELD_NAME,
  FIELD_CATEGORY,
  FIELD_UNIT,
  FIELD_PAR,
  FIELD_REORDER_POINT,
  FIELD_REORDER_QTY,
  FIELD_UNIT_COST,
  FIELD_VENDOR,
  N_FIELDS
};

static const char *const field_columns[N_FIELDS] = {
  "sku", "name", "category", "unit", "par_level", "reorder_point", "reorder_qty", "unit_cost", "vendor_id",
};

struct _RdItemDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *sku_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *category_row;
  AdwEntryRow    *unit_row;
  AdwEntryRow    *par_row;
  AdwEntryRow    *reorder_point_row;
  AdwEntryRow    *reorder_qty_row;
  AdwEntryRow    *unit_cost_row;
  AdwComboRow    *vendor_row;
  GtkSwitch      *lot_tracked_switch;
  GtkSwitch      *active_switch;
  GtkLabel       *sku_error;
  GtkLabel       *name_error;
  GtkLabel       *category_error;
  GtkLabel       *unit_error;
  GtkLabel       *par_error;
  GtkLabel       *reorder_point_error;
  GtkLabel       *reorder_qty_error;
  GtkLabel       *unit_cost_error;
  GtkLabel       *vendor_error;

  RdStore        *store;
  RdRecord       *item;     /* the record edited, or a new one */
  GPtrArray      *vendors;  /* RdRecord; the combo's row i + 1 is vendors[i], row 0 is "None" */
};

G_DEFINE_FINAL_TYPE (RdItemDialog, rd_item_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GtkWidget *
field_row (RdItemDialog *self,
           int           field)
{
  GtkWidget *rows[N_FIELDS] = {
    GTK_WIDGET (self->sku_row), GTK_WIDGET (self->name_row), GTK_WIDGET (self->category_row),
    GTK_WIDGET (self->unit_row), GTK_WIDGET (self->par_row), GTK_WIDGET (self->reorder_point_row),
    GTK_WIDGET (self->reorder_qty_row), GTK_WIDGET (self->unit_cost_row), GTK_WIDGET (self->vendor_row),
  };

  return rows[field];
}

static GtkLabel *
field_error (RdItemDialog *self,
             int           field)
{
  GtkLabel *labels[N_FIELDS] = {
    self->sku_error, self->name_error, self->category_error, self->unit_error, self->par_error,
    self->reorder_point_error, self->reorder_qty_error, self->unit_cost_error, self->vendor_error,
  };

  return labels[field];
}

static void
show_error (RdItemDialog *self,
            int           field,
            const char   *message)
{
  GtkLabel *label = field_error (self, field);
  GtkWidget *row = field_row (self, field);

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static int
field_for_column (const char *column)
{
  for (int i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (column, field_columns[i]) == 0)
      return i;
  return FIELD_SKU;
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_count (AdwEntryRow *row,
           gint64       value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Reads a whole number of zero or more; shows the message under the field when it is not one. */
static gboolean
read_count (RdItemDialog *self,
            int           field,
            gint64       *out)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (field_row (self, field));

  if (rd_inventory_parse_count (text_of (row), out))
    return TRUE;
  show_error (self, field, _("Enter a whole number of zero or more."));
  return FALSE;
}

static void
load_vendors (RdItemDialog *self,
              const char   *vendor_id)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->vendors = rd_store_list (self->store, "vendor", "name");
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; i < self->vendors->len; i++)
    {
      RdRecord *vendor = g_ptr_array_index (self->vendors, i);

      gtk_string_list_append (names, rd_record_get_text (vendor, "name"));
      if (g_strcmp0 (vendor_id, rd_record_get_id (vendor)) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->vendor_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->vendor_row, selected);
}

static void
load_item (RdItemDialog *self)
{
  RdRecord *item = self->item;
  g_autofree char *cost = rd_inventory_format_money (rd_record_get_int (item, "unit_cost"));

  gtk_editable_set_text (GTK_EDITABLE (self->sku_row), rd_record_get_text (item, "sku"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rd_record_get_text (item, "name"));
  gtk_editable_set_text (GTK_EDITABLE (self->category_row), rd_record_get_text (item, "category"));
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), rd_record_get_text (item, "unit"));
  set_count (self->par_row, rd_record_get_int (item, "par_level"));
  set_count (self->reorder_point_row, rd_record_get_int (item, "reorder_point"));
  set_count (self->reorder_qty_row, rd_record_get_int (item, "reorder_qty"));
  gtk_editable_set_text (GTK_EDITABLE (self->unit_cost_row), cost);
  gtk_switch_set_active (self->lot_tracked_switch, rd_record_get_bool (item, "lot_tracked"));
  gtk_switch_set_active (self->active_switch, rd_record_get_bool (item, "active"));
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_save_clicked (RdItemDialog *self)
{
  g_autoptr (RdRecord) edited = rd_record_copy (self->item);
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  g_autofree char *message = NULL;
  const char *field = NULL;
  gint64 par = 0, reorder_point = 0, reorder_qty = 0, cost = 0;
  guint vendor = adw_combo_row_get_selected (self->vendor_row);
  gboolean ok = TRUE;

  for (int i = 0; i < N_FIELDS; i++)
    show_error (self, i, NULL);

  /* Numbers first, each beside its own field; then the rules in core. */
  ok &= read_count (self, FIELD_PAR, &par);
  ok &= read_count (self, FIELD_REORDER_POINT, &reorder_point);
  ok &= read_count (self, FIELD_REORDER_QTY, &reorder_qty);
  if (!rd_inventory_parse_money (text_of (self->unit_cost_row), &cost))
    {
      show_error (self, FIELD_UNIT_COST, _("Enter an amount in dollars and cents, like 25.50."));
      ok = FALSE;
    }
  if (!ok)
    return;

  rd_record_set_text (edited, "sku", text_of (self->sku_row));
  rd_record_set_text (edited, "name", text_of (self->name_row));
  rd_record_set_text (edited, "category", text_of (self->category_row));
  rd_record_set_text (edited, "unit", text_of (self->unit_row));
  rd_record_set_int (edited, "par_level", par);
  rd_record_set_int (edited, "reorder_point", reorder_point);
  rd_record_set_int (edited, "reorder_qty", reorder_qty);
  rd_record_set_int (edited, "unit_cost", cost);
  rd_record_set_text (edited, "vendor_id",
                      vendor > 0 && vendor <= self->vendors->len
                        ? rd_record_get_id (g_ptr_array_index (self->vendors, vendor - 1)) : NULL);
  rd_record_set_bool (edited, "lot_tracked", gtk_switch_get_active (self->lot_tracked_switch));
  rd_record_set_bool (edited, "active", gtk_switch_get_active (self->active_switch));

  if (!rd_inventory_save_item (self->store, edited, user, &field, &error))
    {
      show_error (self, field_for_column (field), error->message);
      gtk_widget_grab_focus (field_row (self, field_for_column (field)));
      return;
    }

  message = g_strdup_printf (_("Saved %s"), rd_record_get_text (edited, "name"));
  g_signal_emit (self, signals[SAVED], 0, rd_record_get_id (edited), message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_item_dialog_dispose (GObject *object)
{
  RdItemDialog *self = RD_ITEM_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->item);
  g_clear_pointer (&self->vendors, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_item_dialog_parent_class)->dispose (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_item_dialog_class_init (RdItemDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_item_dialog_dispose;

  /**
   * RdItemDialog::saved:
   * @item_id: the item saved
   * @message: what was saved, for a toast
   *
   * Emitted once the item is saved, before the dialog closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/inventory/rd-item-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, sku_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, par_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, reorder_point_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, reorder_qty_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, unit_cost_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, vendor_row);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, lot_tracked_switch);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, active_switch);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, sku_error);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, category_error);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, unit_error);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, par_error);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, reorder_point_error);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, reorder_qty_error);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, unit_cost_error);
  gtk_widget_class_bind_template_child (widget_class, RdItemDialog, vendor_error);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_item_dialog_init (RdItemDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_item_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the department's store
 * @item_id: (nullable): the item to edit, %NULL for a new one
 *
 * Returns: (transfer none): a new dialog, not yet shown; it emits "saved" once the item is saved
 */
RdItemDialog *
rd_item_dialog_new (GtkWindow  *parent,
                    RdStore    *store,
                    const char *item_id)
{
  RdItemDialog *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_ITEM_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  if (item_id != NULL)
    self->item = rd_store_get (store, "supply_item", item_id, NULL);

  if (self->item != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Item"));
      adw_window_title_set_subtitle (self->window_title, rd_record_get_text (self->item, "name"));
      load_item (self);
    }
  else
    {
      self->item = rd_record_new_for_table ("supply_item");
      rd_record_set_bool (self->item, "active", TRUE);
      adw_window_title_set_title (self->window_title, _("New Item"));
    }
  /* The window's own title is what a screen reader announces (the header shows the title widget). */
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
  load_vendors (self, rd_record_get_text (self->item, "vendor_id"));
  gtk_widget_grab_focus (GTK_WIDGET (self->sku_row));
  return self;
}
