/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contracts-page.c: the Contracts page — contracts with status and notice deadline, and the vendors view. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-contract-editor.h"
#include "rd-contracts.h"
#include "rd-contracts-page-private.h"
#include "rd-format.h"
#include "rd-undo.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (RdContractsPage, rd_contracts_page, RD_TYPE_PAGE)

/* The status filter's entries after "All", in the order of RdContractStatus. */
static const char *const status_names[] = { "active", "renewal_due", "expired", "upcoming" };

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

void
rd_contracts_page_today (GDate *out)
{
  g_autoptr (GDateTime) today = rd_format_today ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (today),
                  (GDateMonth) g_date_time_get_month (today), (GDateYear) g_date_time_get_year (today));
}

static RdContractStatus
status_today (RdRecord *contract)
{
  GDate today;

  rd_contracts_page_today (&today);
  return rd_contract_get_status (contract, &today);
}

static char *
dup_status_text (RdRecord *contract,
                 gpointer  user_data)
{
  return g_strdup (rd_contract_status_label (status_today (contract)));
}

/* Renewal due first, then active, not started, expired. */
static gint64
get_status_rank (RdRecord *contract,
                 gpointer  user_data)
{
  switch (status_today (contract))
    {
    case RD_CONTRACT_RENEWAL_DUE: return 0;
    case RD_CONTRACT_ACTIVE: return 1;
    case RD_CONTRACT_UPCOMING: return 2;
    case RD_CONTRACT_EXPIRED:
    default: return 3;
    }
}

static gint64
get_deadline_key (RdRecord *contract,
                  gpointer  user_data)
{
  GDate deadline;

  return rd_contract_notice_deadline (contract, &deadline) ? g_date_get_julian (&deadline) : G_MAXINT32;
}

static char *
dup_deadline_text (RdRecord *contract,
                   gpointer  user_data)
{
  GDate deadline;
  g_autofree char *iso = NULL;

  if (!rd_contract_notice_deadline (contract, &deadline))
    return g_strdup ("—");
  iso = rd_contract_format_date (&deadline);
  return rd_format_date (iso);
}

static gboolean
filter_contract (gpointer item,
                 gpointer user_data)
{
  RdContractsPage *self = user_data;
  guint selected = gtk_drop_down_get_selected (self->status_filter);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return TRUE;
  return (guint) status_today (RD_RECORD (item)) == selected - 1;
}

static void
update_uncovered (RdContractsPage *self)
{
  g_autoptr (GPtrArray) uncovered = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;
  GDate today;

  rd_contracts_page_today (&today);
  uncovered = rd_contracts_uncovered_modalities (rd_page_get_store (RD_PAGE (self)), &today);
  for (guint i = 0; i < uncovered->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            rd_record_get_text (g_ptr_array_index (uncovered, i), "name"));
  text = g_strdup_printf (ngettext ("No running service contract covers %s.",
                                    "No running service contract covers these modalities: %s.",
                                    uncovered->len), names->str);
  gtk_label_set_text (self->uncovered_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->uncovered_box), uncovered->len > 0);
}

static void
update_count (RdContractsPage *self)
{
  GListModel *shown = rd_record_view_get_shown (self->view);
  guint n = shown != NULL ? g_list_model_get_n_items (shown) : 0;
  g_autofree char *text = g_strdup_printf (ngettext ("%u contract", "%u contracts", n), n);

  gtk_label_set_text (self->count_label, text);
}

static void
refresh (RdContractsPage *self)
{
  update_uncovered (self);
  /* statuses change with the date, not only with the records */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  rd_record_view_refresh (self->view);
  update_count (self);
  rd_contracts_page_refresh_vendor (self);
}

static void
bind_search (RdContractsPage *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  RdRecordView *view = g_strcmp0 (page, "vendors") == 0 ? self->vendor_view : self->view;

  g_clear_pointer (&self->search_binding, g_binding_unbind);
  self->search_binding = g_object_bind_property (self->search_button, "active", view, "search-mode-enabled",
                                                 G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button),
                               view == self->vendor_view ? _("New Vendor") : _("New Contract"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_button),
                               view == self->vendor_view ? _("Search Vendors") : _("Search Contracts"));
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_status_filter_changed (RdContractsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_contract_deleted (RdRecord *deleted,
                     gpointer  user_data);

static void
on_view_record_activated (RdRecordView    *view,
                          RdRecord        *contract,
                          RdContractsPage *self)
{
  rd_contracts_page_edit_contract (self, contract, NULL);
}

static void
on_visible_page_changed (RdContractsPage *self)
{
  bind_search (self);
}

static gboolean
remind (gpointer user_data)
{
  RdContractsPage *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  GDate today;

  rd_contracts_page_today (&today);
  rd_contracts_send_reminders (app != NULL ? G_APPLICATION (app) : NULL, rd_page_get_store (RD_PAGE (self)), &today);
  return G_SOURCE_CONTINUE;
}

static gboolean
remind_once (gpointer user_data)
{
  RdContractsPage *self = user_data;

  self->first_reminder_id = 0;
  remind (self);
  return G_SOURCE_REMOVE;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RdContractsPage *self = RD_CONTRACTS_PAGE (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "vendors") == 0)
    rd_vendor_editor_present (widget, rd_page_get_store (RD_PAGE (self)), NULL);
  else
    rd_contracts_page_edit_contract (self, NULL, NULL);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_contracts_page_constructed (GObject *object)
{
  RdContractsPage *self = RD_CONTRACTS_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));

  static const char *filter_labels[G_N_ELEMENTS (status_names) + 2];
  g_autoptr (GtkStringList) labels = NULL;
  GtkFilterListModel *filtered;
  GtkColumnViewColumn *column, *deadline;

  G_OBJECT_CLASS (rd_contracts_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (store));

  filter_labels[0] = _("All Contracts");
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    filter_labels[i + 1] = rd_contract_status_label ((RdContractStatus) i);
  labels = gtk_string_list_new (filter_labels);
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (labels));
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (on_status_filter_changed), self);

  rd_record_view_set_store (self->view, store);

  self->records = rd_record_list_new (store, "contract");
  self->filter = gtk_custom_filter_new (filter_contract, self, NULL);
  /* RdRecordView learns the table of its columns from an RdRecordList: add them first, then
   * put the status filter between the list and the view. */
  rd_record_view_set_model (self->view, G_LIST_MODEL (self->records));

  column = rd_record_view_add_column (self->view, "title", _("Title"));
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, 230);
  gtk_column_view_column_set_fixed_width (rd_record_view_add_column (self->view, "vendor_id", _("Vendor")), 140);
  rd_record_view_add_column (self->view, "kind", _("Kind"));
  rd_record_view_add_column (self->view, "modality_id", _("Modality"));
  rd_record_view_add_computed_column (self->view, _("Status"), dup_status_text, get_status_rank, self);
  deadline = rd_record_view_add_computed_column (self->view, _("Notice By"), dup_deadline_text,
                                                 get_deadline_key, self);
  rd_record_view_add_column (self->view, "annual_value", _("Annual Value"));
  rd_record_view_sort_by (self->view, deadline, GTK_SORT_ASCENDING);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->records)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  rd_record_view_set_model (self->view, G_LIST_MODEL (filtered));
  g_object_unref (filtered);
  rd_record_view_set_empty_state (self->view, "emblem-documents-symbolic", _("No Contracts"),
                                  _("Service, supply and lease contracts appear here."));
  g_signal_connect (self->view, "record-activated", G_CALLBACK (on_view_record_activated), self);

  rd_contracts_page_setup_vendors (self);

  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_visible_page_changed), self);
  bind_search (self);
  refresh (self);

  self->reminder_id = g_timeout_add_seconds (3600, remind, self);
  self->first_reminder_id = g_idle_add (remind_once, self);
}

static void
rd_contracts_page_dispose (GObject *object)
{
  RdContractsPage *self = RD_CONTRACTS_PAGE (object);

  g_clear_handle_id (&self->reminder_id, g_source_remove);
  g_clear_handle_id (&self->first_reminder_id, g_source_remove);
  g_clear_pointer (&self->search_binding, g_binding_unbind);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CONTRACTS_PAGE);
  g_clear_object (&self->records);
  g_clear_object (&self->vendors);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (rd_contracts_page_parent_class)->dispose (object);
}

static void
rd_contracts_page_finalize (GObject *object)
{
  RdContractsPage *self = RD_CONTRACTS_PAGE (object);

  g_clear_pointer (&self->vendor_id, g_free);

  G_OBJECT_CLASS (rd_contracts_page_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_contracts_page_refresh (RdPage *page)
{
  refresh (RD_CONTRACTS_PAGE (page));
}

static void
rd_contracts_page_class_init (RdContractsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  RD_PAGE_CLASS (klass)->refresh = rd_contracts_page_refresh;
  object_class->constructed = rd_contracts_page_constructed;
  object_class->dispose = rd_contracts_page_dispose;
  object_class->finalize = rd_contracts_page_finalize;

  gtk_widget_class_install_action (widget_class, "contracts.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "contracts.new", NULL);

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/contracts/rd-contracts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, uncovered_box);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, uncovered_label);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, view);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, vendor_view);
  gtk_widget_class_bind_template_child (widget_class, RdContractsPage, vendor_details);
}

static void
rd_contracts_page_init (RdContractsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Internal API                                                      */
/* ---------------------------------------------------------------- */

static void
on_contract_deleted (RdRecord *deleted,
                     gpointer  user_data)
{
  RdContractsPage *self = user_data;
  g_autofree char *title = g_strdup_printf (_("“%s” deleted"), rd_record_get_text (deleted, "title"));

  adw_toast_overlay_add_toast (self->toast_overlay,
                               rd_undo_toast_new_for_delete (rd_page_get_store (RD_PAGE (self)), deleted, title));
}

void
rd_contracts_page_edit_contract (RdContractsPage *self,
                                 RdRecord        *contract,
                                 const char      *vendor_id)
{
  rd_contract_editor_present (GTK_WIDGET (self), rd_page_get_store (RD_PAGE (self)), contract, vendor_id, on_contract_deleted, self);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_contracts_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Contracts page
 */
RdContractsPage *
rd_contracts_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_CONTRACTS_PAGE, "store", store, NULL);
}

/**
 * rd_contracts_page_show_contract:
 * @contract_id: a contract
 *
 * Shows the contracts list with every status and selects the contract (the Overview's links).
 *
 * Returns: whether the contract is in the list
 */
gboolean
rd_contracts_page_show_contract (RdContractsPage *self,
                                 const char      *contract_id)
{
  GListModel *shown;
  GtkSelectionModel *selection;

  g_return_val_if_fail (RD_IS_CONTRACTS_PAGE (self), FALSE);
  g_return_val_if_fail (contract_id != NULL, FALSE);

  adw_view_stack_set_visible_child_name (self->view_stack, "contracts");
  gtk_drop_down_set_selected (self->status_filter, 0);
  rd_record_view_set_search_mode (self->view, FALSE);

  shown = rd_record_view_get_shown (self->view);
  selection = gtk_column_view_get_model (rd_record_view_get_column_view (self->view));
  for (guint i = 0; shown != NULL && i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (shown, i);

      if (g_strcmp0 (rd_record_get_id (record), contract_id) == 0)
        {
          gtk_selection_model_select_item (selection, i, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (rd_record_view_get_column_view (self->view)));
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * rd_contracts_page_show_status:
 * @status: (nullable): "active", "renewal_due", "expired", "upcoming", or %NULL for all
 *
 * Shows the contracts list filtered by a status.
 */
void
rd_contracts_page_show_status (RdContractsPage *self,
                               const char      *status)
{
  guint selected = 0;

  g_return_if_fail (RD_IS_CONTRACTS_PAGE (self));

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (status_names[i], status))
      selected = i + 1;
  adw_view_stack_set_visible_child_name (self->view_stack, "contracts");
  gtk_drop_down_set_selected (self->status_filter, selected);
}
