/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-order-editor.c: the purchase order editor — fields, budget before and after, lines, status actions. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-format.h"
#include "rd-order-editor.h"
#include "rd-order-print.h"
#include "rd-order-receive-dialog.h"
#include "rd-purchasing.h"
#include "rd-stock-dialog.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdOrderEditor
{
  AdwBin                parent_instance;

  GtkStack             *stack;
  AdwPreferencesGroup  *order_group;
  AdwComboRow          *vendor_row;
  AdwComboRow          *budget_row;
  AdwActionRow         *status_row;
  AdwEntryRow          *notes_row;
  AdwPreferencesGroup  *budget_group;
  AdwActionRow         *before_row;
  AdwActionRow         *after_row;
  GtkLabel             *before_label;
  GtkLabel             *total_label;
  GtkLabel             *after_label;
  AdwEntryRow          *reason_row;
  GtkLabel             *budget_warning;
  GtkListBox           *lines_list;
  AdwPreferencesGroup  *add_group;
  AdwComboRow          *item_row;
  AdwEntryRow          *quantity_row;
  AdwEntryRow          *cost_row;
  GtkLabel             *line_error;
  GtkWidget            *add_line_button;
  GtkLabel             *action_error;
  GtkWidget            *submit_button;
  GtkWidget            *approve_button;
  GtkWidget            *order_button;
  GtkWidget            *receive_button;
  GtkWidget            *draft_button;
  GtkWidget            *cancel_button;

  RdStore              *store;
  RdRecord             *order;
  GPtrArray            *vendors;
  GPtrArray            *budget_lines;
  GPtrArray            *items;
  GHashTable           *item_names;  /* id → name */
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (RdOrderEditor, rd_order_editor, ADW_TYPE_BIN)

enum {
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
is_draft (RdOrderEditor *self)
{
  return self->order != NULL && g_strcmp0 (rd_record_get_text (self->order, "status"), "draft") == 0;
}

static void
toast (RdOrderEditor *self,
       const char    *message)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, adw_toast_new (message));
}

static void
show_label (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* "25", "25.5", "25.50", "1,250.00" → cents. */
static gboolean
parse_money (const char *text,
             gint64     *out)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  g_auto (GStrv) parts = NULL;
  guint64 units, cents = 0;
  GString *digits = g_string_new (NULL);
  gboolean ok;

  for (const char *p = clean; *p; p++)
    if (*p != ',' && *p != '$' && *p != ' ')
      g_string_append_c (digits, *p);
  parts = g_strsplit (digits->str, ".", 3);
  g_string_free (digits, TRUE);

  ok = parts[0] != NULL && parts[0][0] != '\0'
       && g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT32, &units, NULL);
  if (ok && parts[1] != NULL)
    ok = parts[2] == NULL && strlen (parts[1]) >= 1 && strlen (parts[1]) <= 2
         && g_ascii_string_to_unsigned (parts[1], 10, 0, 99, &cents, NULL);
  if (ok && parts[1] != NULL && strlen (parts[1]) == 1)
    cents *= 10;
  if (ok)
    *out = (gint64) (units * 100 + cents);
  return ok;
}

static GListModel *
labels_model (GPtrArray  *records,
              const char *column,
              const char *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *r = g_ptr_array_index (records, i);
      g_autofree char *label = NULL;

      if (g_str_equal (rd_record_get_table_name (r), "budget_line"))
        label = g_strdup_printf (_("FY%lld %s"), (long long) rd_record_get_int (r, "fiscal_year"),
                                 rd_record_is_null (r, "name") ? rd_format_enum (rd_record_get_text (r, "category"))
                                                               : rd_record_get_text (r, "name"));
      else
        label = g_strdup (rd_record_get_text (r, column));
      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

static guint
index_of (GPtrArray  *records,
          const char *id,
          guint       offset)
{
  for (guint i = 0; id != NULL && i < records->len; i++)
    if (g_str_equal (rd_record_get_id (g_ptr_array_index (records, i)), id))
      return i + offset;
  return offset > 0 ? 0 : GTK_INVALID_LIST_POSITION;
}

static void
load_choices (RdOrderEditor *self)
{
  g_autoptr (GListModel) vendors = NULL;
  g_autoptr (GListModel) lines = NULL;
  g_autoptr (GListModel) items = NULL;

  g_clear_pointer (&self->vendors, g_ptr_array_unref);
  g_clear_pointer (&self->budget_lines, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->vendors = rd_store_list (self->store, "vendor", "name");
  self->budget_lines = rd_store_list (self->store, "budget_line", "fiscal_year");
  self->items = rd_store_list (self->store, "supply_item", "name");

  g_hash_table_remove_all (self->item_names);
  for (guint i = 0; i < self->items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (self->items, i);

      g_hash_table_insert (self->item_names, g_strdup (rd_record_get_id (item)),
                           g_strdup (rd_record_get_text (item, "name")));
    }

  self->loading = TRUE;
  vendors = labels_model (self->vendors, "name", NULL);
  lines = labels_model (self->budget_lines, NULL, _("None"));
  items = labels_model (self->items, "name", NULL);
  adw_combo_row_set_model (self->vendor_row, vendors);
  adw_combo_row_set_model (self->budget_row, lines);
  adw_combo_row_set_model (self->item_row, items);
  self->loading = FALSE;
}

static GtkWidget *
make_line_row (RdOrderEditor *self,
               RdRecord      *line)
{
  GtkWidget *row = adw_action_row_new ();
  gint64 quantity = rd_record_get_int (line, "quantity");
  gint64 cost = rd_record_get_int (line, "unit_cost");
  g_autofree char *cost_text = rd_format_money (cost);
  g_autofree char *total_text = rd_format_money (quantity * cost);
  g_autofree char *subtitle = NULL;
  const char *name = g_hash_table_lookup (self->item_names, rd_record_get_text (line, "item_id"));

  subtitle = g_strdup_printf (_("%lld × %s = %s · received %lld"),
                              (long long) quantity, cost_text, total_text,
                              (long long) rd_record_get_int (line, "received_qty"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : _("Unknown item"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (is_draft (self))
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Line"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "order.remove-line");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", rd_record_get_id (line));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  return row;
}

static void
show_budget (RdOrderEditor *self)
{
  RdBudgetImpact impact;
  g_autofree char *before = NULL;
  g_autofree char *total = NULL;
  g_autofree char *after = NULL;

  rd_purchasing_budget_impact (self->store, self->order, &impact);
  total = rd_format_money (impact.order_total);
  gtk_label_set_text (self->total_label, total);
  gtk_widget_set_visible (GTK_WIDGET (self->before_row), impact.has_line);
  gtk_widget_set_visible (GTK_WIDGET (self->after_row), impact.has_line);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_row),
                          impact.over || !rd_record_is_null (self->order, "over_budget_reason"));
  if (impact.has_line)
    {
      before = rd_format_money (impact.before);
      after = rd_format_money (impact.after);
      gtk_label_set_text (self->before_label, before);
      gtk_label_set_text (self->after_label, after);
    }
  if (impact.over)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->after_label), "error");
      show_label (self->budget_warning,
                  _("This order goes over its budget line. Give the reason above before submitting or approving it."));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->after_label), "error");
      show_label (self->budget_warning, impact.has_line ? NULL
                                                        : _("Choose a budget line to see what is left of it."));
    }
}

/* The flow box wraps each button in a child of its own, which is what must hide. */
static void
show_action (GtkWidget *button,
             gboolean   visible)
{
  GtkWidget *parent = gtk_widget_get_parent (button);

  gtk_widget_set_visible (GTK_IS_FLOW_BOX_CHILD (parent) ? parent : button, visible);
}

static void
show_order (RdOrderEditor *self)
{
  g_autoptr (GPtrArray) lines = NULL;
  GtkWidget *child;
  const char *status;
  gboolean draft;
  g_autofree char *status_text = NULL;

  if (self->order == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "order");
  status = rd_record_get_text (self->order, "status");
  draft = is_draft (self);

  self->loading = TRUE;
  adw_preferences_group_set_title (self->order_group, rd_record_get_text (self->order, "number"));
  adw_combo_row_set_selected (self->vendor_row, index_of (self->vendors, rd_record_get_text (self->order, "vendor_id"), 0));
  adw_combo_row_set_selected (self->budget_row,
                              index_of (self->budget_lines, rd_record_get_text (self->order, "budget_line_id"), 1));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row),
                         rd_record_is_null (self->order, "notes") ? "" : rd_record_get_text (self->order, "notes"));
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row),
                         rd_record_is_null (self->order, "over_budget_reason")
                           ? "" : rd_record_get_text (self->order, "over_budget_reason"));
  self->loading = FALSE;

  if (!rd_record_is_null (self->order, "ordered_on"))
    {
      g_autofree char *on = rd_format_date (rd_record_get_text (self->order, "ordered_on"));

      status_text = g_strdup_printf (_("%s, ordered on %s"), rd_format_enum (status), on);
    }
  adw_action_row_set_subtitle (self->status_row, status_text != NULL ? status_text : rd_format_enum (status));

  gtk_widget_set_sensitive (GTK_WIDGET (self->vendor_row), draft);
  gtk_widget_set_sensitive (GTK_WIDGET (self->budget_row), draft || g_str_equal (status, "submitted"));
  gtk_widget_set_visible (GTK_WIDGET (self->add_group), draft);
  gtk_widget_set_visible (self->add_line_button, draft);
  show_label (self->line_error, NULL);
  show_label (self->action_error, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
    gtk_list_box_remove (self->lines_list, child);
  lines = rd_store_list_by (self->store, "po_line", "po_id", rd_record_get_id (self->order), NULL);
  for (guint i = 0; i < lines->len; i++)
    gtk_list_box_append (self->lines_list, make_line_row (self, g_ptr_array_index (lines, i)));
  if (lines->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No lines yet"));
      gtk_list_box_append (self->lines_list, row);
    }

  show_action (self->submit_button, rd_purchasing_can_transition (status, "submitted"));
  show_action (self->approve_button, rd_purchasing_can_transition (status, "approved"));
  show_action (self->order_button, rd_purchasing_can_transition (status, "ordered"));
  show_action (self->receive_button, rd_purchasing_can_transition (status, "received"));
  show_action (self->draft_button, rd_purchasing_can_transition (status, "draft"));
  show_action (self->cancel_button, rd_purchasing_can_transition (status, "cancelled"));

  show_budget (self);
}

static void
save_order (RdOrderEditor *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();

  if (!rd_purchasing_save_order (self->store, self->order, user, &error))
    show_label (self->action_error, error->message);
}

static GtkWindow *
parent_window (RdOrderEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_vendor_selected (RdOrderEditor *self)
{
  guint i = adw_combo_row_get_selected (self->vendor_row);

  if (self->loading || self->order == NULL || i >= self->vendors->len)
    return;
  rd_record_set_text (self->order, "vendor_id", rd_record_get_id (g_ptr_array_index (self->vendors, i)));
  save_order (self);
}

static void
on_budget_selected (RdOrderEditor *self)
{
  guint i = adw_combo_row_get_selected (self->budget_row);

  if (self->loading || self->order == NULL)
    return;
  if (i == 0 || i > self->budget_lines->len)
    rd_record_set_null (self->order, "budget_line_id");
  else
    rd_record_set_text (self->order, "budget_line_id", rd_record_get_id (g_ptr_array_index (self->budget_lines, i - 1)));
  save_order (self);
}

static void
on_text_applied (RdOrderEditor *self)
{
  const char *notes = gtk_editable_get_text (GTK_EDITABLE (self->notes_row));
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));

  if (self->order == NULL)
    return;
  if (notes[0])
    rd_record_set_text (self->order, "notes", notes);
  else
    rd_record_set_null (self->order, "notes");
  if (reason[0])
    rd_record_set_text (self->order, "over_budget_reason", reason);
  else
    rd_record_set_null (self->order, "over_budget_reason");
  save_order (self);
}

static void
on_item_selected (RdOrderEditor *self)
{
  guint i = adw_combo_row_get_selected (self->item_row);
  g_autofree char *cost = NULL;
  gint64 cents;

  if (self->loading || self->items == NULL || i >= self->items->len)
    return;
  cents = rd_record_get_int (g_ptr_array_index (self->items, i), "unit_cost");
  cost = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));
  gtk_editable_set_text (GTK_EDITABLE (self->cost_row), cost);
}

static void
on_add_line_clicked (RdOrderEditor *self)
{
  g_autoptr (RdRecord) line = rd_record_new_for_table ("po_line");
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  guint i = adw_combo_row_get_selected (self->item_row);
  const char *field = NULL;
  gint64 quantity = 0, cost = 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->quantity_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->cost_row), "error");
  if (!g_ascii_string_to_signed (gtk_editable_get_text (GTK_EDITABLE (self->quantity_row)), 10, 0, 1000000,
                                 &quantity, NULL))
    quantity = 0;
  if (!parse_money (gtk_editable_get_text (GTK_EDITABLE (self->cost_row)), &cost))
    cost = 0;

  rd_record_set_text (line, "po_id", rd_record_get_id (self->order));
  if (i < self->items->len)
    rd_record_set_text (line, "item_id", rd_record_get_id (g_ptr_array_index (self->items, i)));
  rd_record_set_int (line, "quantity", quantity);
  rd_record_set_int (line, "unit_cost", cost);
  rd_record_set_int (line, "received_qty", 0);
  if (!rd_purchasing_save_line (self->store, line, user, &field, &error))
    {
      show_label (self->line_error, error->message);
      if (g_strcmp0 (field, "quantity") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->quantity_row), "error");
      else if (g_strcmp0 (field, "unit_cost") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->cost_row), "error");
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_row), "");
}

static void
on_store_changed (RdStore       *store,
                  const char    *table,
                  const char    *id,
                  RdOrderEditor *self)
{
  if (g_strcmp0 (table, "vendor") == 0 || g_strcmp0 (table, "budget_line") == 0
      || g_strcmp0 (table, "supply_item") == 0)
    {
      load_choices (self);
      show_order (self);
    }
  else if (self->order != NULL
           && (g_strcmp0 (table, "purchase_order") == 0 || g_strcmp0 (table, "po_line") == 0))
    {
      g_autofree char *id = g_strdup (rd_record_get_id (self->order));

      rd_order_editor_set_order (self, id);
    }
}

typedef struct
{
  RdStore *store;
  char    *line_id;
} UndoRemove;

static void
undo_remove_free (gpointer data)
{
  UndoRemove *undo = data;

  g_object_unref (undo->store);
  g_free (undo->line_id);
  g_free (undo);
}

static void
on_remove_undo (AdwToast   *t,
                UndoRemove *undo)
{
  g_autoptr (RdRecord) line = rd_store_get (undo->store, "po_line", undo->line_id, NULL);
  g_autofree char *user = rd_inventory_dup_user_name ();

  if (line == NULL)
    return;
  rd_record_set_deleted (line, FALSE);
  rd_purchasing_save_line (undo->store, line, user, NULL, NULL);
}

static void
remove_line_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdOrderEditor *self = RD_ORDER_EDITOR (widget);
  const char *line_id = g_variant_get_string (parameter, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  AdwToast *t;
  UndoRemove *undo;

  if (!rd_purchasing_delete_line (self->store, line_id, user, &error))
    {
      show_label (self->action_error, error->message);
      return;
    }
  t = adw_toast_new (_("Line removed"));
  adw_toast_set_button_label (t, _("_Undo"));
  undo = g_new0 (UndoRemove, 1);
  undo->store = g_object_ref (self->store);
  undo->line_id = g_strdup (line_id);
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_remove_undo), undo,
                         (GClosureNotify) (void (*) (void)) undo_remove_free, 0);
  g_signal_emit (self, signals[ADD_TOAST], 0, t);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdOrderEditor *self = RD_ORDER_EDITOR (widget);
  const char *status = g_variant_get_string (parameter, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  g_autofree char *message = NULL;

  if (self->order == NULL)
    return;
  if (!rd_purchasing_set_status (self->store, rd_record_get_id (self->order), status, user, &error))
    {
      show_label (self->action_error, error->message);
      if (strstr (error->message, "budget") != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->reason_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->reason_row), "error");
  message = g_strdup_printf (_("%s is now %s"), rd_record_get_text (self->order, "number"), rd_format_enum (status));
  toast (self, message);
}

static void
on_cancel_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RdOrderEditor    *self)
{
  if (g_strcmp0 (response, "cancel-order") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "order.set-status", "s", "cancelled");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdOrderEditor *self = RD_ORDER_EDITOR (widget);
  GtkWidget *dialog;

  if (self->order == NULL)
    return;
  /* Cancelling is final (a cancelled order cannot come back), so it is confirmed, not undone. */
  dialog = adw_message_dialog_new (parent_window (self), _("Cancel the Order?"),
                                   _("A cancelled order cannot be reopened. What was received stays in stock."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Order"),
                                    "cancel-order", _("_Cancel Order"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-order",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_receive_done (RdOrderReceiveDialog *dialog,
                 const char           *message,
                 RdOrderEditor        *self)
{
  toast (self, message);
}

static void
receive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdOrderEditor *self = RD_ORDER_EDITOR (widget);
  RdOrderReceiveDialog *dialog;

  if (self->order == NULL)
    return;
  dialog = rd_order_receive_dialog_new (parent_window (self), self->store, rd_record_get_id (self->order));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_receive_done), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdOrderEditor *self = RD_ORDER_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (self->order != NULL && !rd_order_print (parent_window (self), self->store, rd_record_get_id (self->order), &error))
    show_label (self->action_error, error->message);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_order_editor_dispose (GObject *object)
{
  RdOrderEditor *self = RD_ORDER_EDITOR (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ORDER_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->order);
  g_clear_pointer (&self->vendors, g_ptr_array_unref);
  g_clear_pointer (&self->budget_lines, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->item_names, g_hash_table_unref);

  G_OBJECT_CLASS (rd_order_editor_parent_class)->dispose (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_order_editor_class_init (RdOrderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_order_editor_dispose;

  /**
   * RdOrderEditor::add-toast:
   * @toast: a toast for the page's overlay
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/purchasing/rd-order-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RdOrderEditor, name)
  BIND (stack); BIND (order_group); BIND (vendor_row); BIND (budget_row); BIND (status_row);
  BIND (notes_row); BIND (budget_group); BIND (before_row); BIND (after_row); BIND (before_label);
  BIND (total_label); BIND (after_label); BIND (reason_row); BIND (budget_warning); BIND (lines_list);
  BIND (add_group); BIND (item_row); BIND (quantity_row); BIND (cost_row); BIND (line_error);
  BIND (add_line_button); BIND (action_error); BIND (submit_button); BIND (approve_button);
  BIND (order_button); BIND (receive_button); BIND (draft_button); BIND (cancel_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_vendor_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_budget_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_text_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_item_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_add_line_clicked);

  gtk_widget_class_install_action (widget_class, "order.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "order.remove-line", "s", remove_line_action);
  gtk_widget_class_install_action (widget_class, "order.receive", NULL, receive_action);
  gtk_widget_class_install_action (widget_class, "order.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "order.print", NULL, print_action);
}

static void
rd_order_editor_init (RdOrderEditor *self)
{
  self->item_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

void
rd_order_editor_set_store (RdOrderEditor *self,
                           RdStore       *store)
{
  g_return_if_fail (RD_IS_ORDER_EDITOR (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  load_choices (self);
  show_order (self);
}

/**
 * rd_order_editor_set_order:
 * @self: an editor
 * @po_id: (nullable): the order to show, %NULL for none
 */
void
rd_order_editor_set_order (RdOrderEditor *self,
                           const char    *po_id)
{
  g_autoptr (RdRecord) previous = NULL;

  g_return_if_fail (RD_IS_ORDER_EDITOR (self));

  /* po_id may belong to the record shown until now. */
  previous = g_steal_pointer (&self->order);
  if (po_id != NULL)
    self->order = rd_store_get (self->store, "purchase_order", po_id, NULL);
  if (self->order != NULL && rd_record_get_deleted (self->order))
    g_clear_object (&self->order);
  show_order (self);
}

const char *
rd_order_editor_get_order_id (RdOrderEditor *self)
{
  g_return_val_if_fail (RD_IS_ORDER_EDITOR (self), NULL);

  return self->order != NULL ? rd_record_get_id (self->order) : NULL;
}
