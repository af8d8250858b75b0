/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-order-receive-dialog.c: receiving a delivery against a purchase order, line by line, with lot and expiry. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-order-receive-dialog.h"
#include "rd-purchasing.h"
#include "rd-stock-dialog.h"
#include "rd-widgets.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef struct
{
  char      *line_id;
  GtkWidget *quantity;
  GtkWidget *lot;
  GtkWidget *expiry;
  GtkLabel  *error;
} LineFields;

struct _RdOrderReceiveDialog
{
  AdwWindow  parent_instance;

  RdStore   *store;
  char      *po_id;
  GArray    *fields; /* LineFields */
  GtkLabel  *general_error;
};

G_DEFINE_FINAL_TYPE (RdOrderReceiveDialog, rd_order_receive_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
line_fields_clear (gpointer data)
{
  LineFields *f = data;

  g_free (f->line_id);
}

static GtkWidget *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

static void
clear_errors (RdOrderReceiveDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);
  for (guint i = 0; i < self->fields->len; i++)
    {
      LineFields *f = &g_array_index (self->fields, LineFields, i);

      gtk_widget_set_visible (GTK_WIDGET (f->error), FALSE);
      gtk_widget_remove_css_class (f->quantity, "error");
      gtk_widget_remove_css_class (f->lot, "error");
      gtk_widget_remove_css_class (f->expiry, "error");
    }
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_receive_clicked (RdOrderReceiveDialog *self)
{
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (RdReceiptLine));
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  g_autofree char *message = NULL;
  const char *field = NULL;
  guint bad = G_MAXUINT;
  gint64 total = 0;

  clear_errors (self);
  for (guint i = 0; i < self->fields->len; i++)
    {
      LineFields *f = &g_array_index (self->fields, LineFields, i);
      const char *q = gtk_editable_get_text (GTK_EDITABLE (f->quantity));
      const char *expiry = gtk_editable_get_text (GTK_EDITABLE (f->expiry));
      RdReceiptLine line = { f->line_id, 0, gtk_editable_get_text (GTK_EDITABLE (f->lot)),
                             expiry[0] ? expiry : NULL };

      if (q[0] != '\0' && !g_ascii_string_to_signed (q, 10, -1000000, 1000000, &line.quantity, NULL))
        {
          gtk_label_set_text (f->error, _("Enter a whole number."));
          gtk_widget_set_visible (GTK_WIDGET (f->error), TRUE);
          gtk_widget_add_css_class (f->quantity, "error");
          return;
        }
      if (line.quantity < 0)
        {
          gtk_label_set_text (f->error, _("The quantity must be more than zero."));
          gtk_widget_set_visible (GTK_WIDGET (f->error), TRUE);
          gtk_widget_add_css_class (f->quantity, "error");
          return;
        }
      total += line.quantity;
      g_array_append_val (lines, line);
    }

  if (!rd_purchasing_receive (self->store, self->po_id, (RdReceiptLine *) lines->data, lines->len, NULL, user,
                              &bad, &field, &error))
    {
      if (bad < self->fields->len)
        {
          LineFields *f = &g_array_index (self->fields, LineFields, bad);
          GtkWidget *row = g_strcmp0 (field, "lot") == 0 ? f->lot
                           : g_strcmp0 (field, "expiry") == 0 ? f->expiry : f->quantity;

          gtk_label_set_text (f->error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (f->error), TRUE);
          gtk_widget_add_css_class (row, "error");
          gtk_widget_grab_focus (row);
        }
      else
        {
          gtk_label_set_text (self->general_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->general_error), TRUE);
        }
      return;
    }

  message = g_strdup_printf (g_dngettext (NULL, "%lld unit received", "%lld units received", total),
                             (long long) total);
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_order_receive_dialog_finalize (GObject *object)
{
  RdOrderReceiveDialog *self = RD_ORDER_RECEIVE_DIALOG (object);

  g_clear_object (&self->store);
  g_free (self->po_id);
  g_array_unref (self->fields);

  G_OBJECT_CLASS (rd_order_receive_dialog_parent_class)->finalize (object);
}

static void
rd_order_receive_dialog_class_init (RdOrderReceiveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_order_receive_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_order_receive_dialog_init (RdOrderReceiveDialog *self)
{
  self->fields = g_array_new (FALSE, TRUE, sizeof (LineFields));
  g_array_set_clear_func (self->fields, line_fields_clear);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_order_receive_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the department's store
 * @po_id: an ordered or partially received order
 *
 * Returns: (transfer none): the dialog, not yet shown; it emits "done" once the delivery is saved
 */
RdOrderReceiveDialog *
rd_order_receive_dialog_new (GtkWindow  *parent,
                             RdStore    *store,
                             const char *po_id)
{
  RdOrderReceiveDialog *self = g_object_new (RD_TYPE_ORDER_RECEIVE_DIALOG, "transient-for", parent,
                                             "modal", TRUE, "default-width", 520, "default-height", 600,
                                             "title", _("Receive Delivery"), NULL);
  g_autoptr (RdRecord) order = rd_store_get (store, "purchase_order", po_id, NULL);
  g_autoptr (GPtrArray) lines = rd_store_list_by (store, "po_line", "po_id", po_id, NULL);
  g_autofree char *subtitle = g_strdup_printf (_("Order %s"), order != NULL ? rd_record_get_text (order, "number") : "");
  GtkWidget *box, *content, *header, *title, *cancel, *receive, *scrolled, *clamp;

  self->store = g_object_ref (store);
  self->po_id = g_strdup (po_id);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title = adw_window_title_new (_("Receive Delivery"), subtitle);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  cancel = rd_mnemonic_button_new (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  receive = rd_mnemonic_button_new (_("_Receive"));
  gtk_widget_add_css_class (receive, "suggested-action");
  g_signal_connect_swapped (receive, "clicked", G_CALLBACK (on_receive_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), receive);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  for (guint i = 0; i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);
      g_autoptr (RdRecord) item = rd_store_get (store, "supply_item", rd_record_get_text (line, "item_id"), NULL);
      gint64 remaining = rd_record_get_int (line, "quantity") - rd_record_get_int (line, "received_qty");
      g_autofree char *remaining_text = NULL;
      g_autofree char *description = NULL;
      GtkWidget *group, *error;
      LineFields f = { 0 };

      if (remaining <= 0 || item == NULL)
        continue;
      remaining_text = g_strdup_printf ("%" G_GINT64_FORMAT, remaining);
      description = g_strdup_printf (_("%lld %s still to come%s"), (long long) remaining,
                                     rd_record_get_text (item, "unit"),
                                     rd_record_get_bool (item, "lot_tracked") ? _("; lot-tracked") : "");
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), rd_record_get_text (item, "name"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

      f.line_id = g_strdup (rd_record_get_id (line));
      f.quantity = entry_row (_("Quantity Received"), remaining_text);
      f.lot = entry_row (_("Lot Number"), NULL);
      f.expiry = entry_row (_("Expiry Date (YYYY-MM-DD)"), NULL);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), f.quantity);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), f.lot);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), f.expiry);
      error = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (error), 0);
      gtk_label_set_wrap (GTK_LABEL (error), TRUE);
      gtk_widget_add_css_class (error, "error");
      gtk_widget_set_visible (error, FALSE);
      gtk_widget_set_margin_top (error, 6);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), error);
      f.error = GTK_LABEL (error);
      g_array_append_val (self->fields, f);
      gtk_box_append (GTK_BOX (content), group);
    }

  self->general_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->general_error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->general_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->general_error), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->general_error));

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
  return self;
}
