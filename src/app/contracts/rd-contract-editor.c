/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contract-editor.c: the dialogs that edit a contract or a vendor, with messages next to the fields. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "rd-contract-editor.h"
#include "rd-contracts.h"
#include "rd-form.h"
#include "rd-format.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

static const char *const contract_kinds[] = { "service", "maintenance", "supply", "lease", "software", NULL };

typedef struct
{
  RdStore             *store;
  RdRecord            *record;       /* the copy being edited */
  gboolean             is_new;
  GPtrArray           *vendor_ids;   /* combo position → id */
  GPtrArray           *modality_ids; /* combo position → id; position 0 is "None" */
  RdEditorDeletedFunc  deleted_func;
  gpointer             user_data;
  RdForm              *form;
} Editor;

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
editor_free (Editor *editor)
{
  g_clear_object (&editor->store);
  g_clear_object (&editor->record);
  g_clear_pointer (&editor->vendor_ids, g_ptr_array_unref);
  g_clear_pointer (&editor->modality_ids, g_ptr_array_unref);
  g_free (editor);
}

/* Labels of @records for a combo, with their ids in @ids; the position of @selected_id in @out. */
static GStrv
labels_of (GPtrArray   *records,
           const char  *column,
           const char  *none_label,
           GPtrArray   *ids,
           const char  *selected_id,
           guint       *out_selected)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  *out_selected = 0;
  if (none_label != NULL)
    {
      g_strv_builder_add (builder, none_label);
      g_ptr_array_add (ids, NULL);
    }
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *r = g_ptr_array_index (records, i);

      if (g_strcmp0 (rd_record_get_id (r), selected_id) == 0)
        *out_selected = ids->len;
      g_strv_builder_add (builder, rd_record_get_text (r, column));
      g_ptr_array_add (ids, g_strdup (rd_record_get_id (r)));
    }
  return g_strv_builder_end (builder);
}

static void
set_or_null (RdRecord   *record,
             const char *column,
             const char *text)
{
  if (text == NULL || *text == '\0')
    rd_record_set_null (record, column);
  else
    rd_record_set_text (record, column, text);
}

/* ---------------------------------------------------------------- */
/* Contract editor                                                   */
/* ---------------------------------------------------------------- */

static void
save_contract (RdForm   *form,
               gpointer  user_data)
{
  Editor *editor = user_data;
  RdRecord *c = editor->record;
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  guint vendor = rd_form_get_selected (form, "vendor_id");
  guint modality = rd_form_get_selected (form, "modality_id");
  guint kind = rd_form_get_selected (form, "kind");
  gint64 cents = 0;
  const char *notice = rd_form_get_text (form, "notice_days");
  char *end = NULL;
  gint64 days;
  g_autofree char *title = g_strstrip (g_strdup (rd_form_get_text (form, "title")));

  set_or_null (c, "title", title);
  set_or_null (c, "vendor_id", vendor < editor->vendor_ids->len ? g_ptr_array_index (editor->vendor_ids, vendor) : NULL);
  set_or_null (c, "kind", kind < G_N_ELEMENTS (contract_kinds) - 1 ? contract_kinds[kind] : NULL);
  set_or_null (c, "modality_id", modality < editor->modality_ids->len ? g_ptr_array_index (editor->modality_ids, modality) : NULL);
  set_or_null (c, "start", rd_form_get_text (form, "start"));
  set_or_null (c, "end", rd_form_get_text (form, "end"));
  set_or_null (c, "document_ref", rd_form_get_text (form, "document_ref"));
  rd_record_set_bool (c, "auto_renew", rd_form_get_active (form, "auto_renew"));

  if (!rd_form_parse_money (rd_form_get_text (form, "annual_value"), &cents))
    {
      rd_form_show_error (form, "annual_value", _("Enter the annual value as an amount, such as 125000.00."));
      return;
    }
  rd_record_set_int (c, "annual_value", cents);

  days = g_ascii_strtoll (notice, &end, 10);
  if (notice == NULL || *notice == '\0' || end == NULL || *g_strstrip (end) != '\0')
    {
      rd_form_show_error (form, "notice_days", _("Enter the notice period as a number of days."));
      return;
    }
  rd_record_set_int (c, "notice_days", days);

  if (!rd_contract_save (editor->store, c, g_get_user_name (), &field, &error))
    {
      rd_form_show_error (form, field, error->message);
      return;
    }
  rd_form_close (form);
}

static void
on_delete_contract_clicked (GtkButton *button,
                            Editor    *editor)
{
  g_autoptr (RdRecord) before = rd_record_copy (editor->record);
  g_autoptr (GError) error = NULL;

  if (!rd_store_delete (editor->store, "contract", rd_record_get_id (editor->record), g_get_user_name (), &error))
    {
      rd_form_show_error (editor->form, NULL, error->message);
      return;
    }
  if (editor->deleted_func != NULL)
    editor->deleted_func (before, editor->user_data);
  rd_form_close (editor->form);
}

/**
 * rd_contract_editor_present:
 * @parent: a widget of the window to stand over
 * @store: the store
 * @contract: (nullable): the contract to edit; %NULL for a new one
 * @vendor_id: (nullable): the vendor of a new contract
 * @deleted_func: (nullable): told when the contract was deleted from the editor
 * @user_data: for @deleted_func
 *
 * Returns: (transfer none): the editor's window
 */
GtkWindow *
rd_contract_editor_present (GtkWidget           *parent,
                            RdStore             *store,
                            RdRecord            *contract,
                            const char          *vendor_id,
                            RdEditorDeletedFunc  deleted_func,
                            gpointer             user_data)
{
  Editor *editor = g_new0 (Editor, 1);
  g_autoptr (GPtrArray) vendors = rd_store_list (store, "vendor", "name");
  g_autoptr (GPtrArray) modalities = rd_store_list (store, "modality", "name");
  g_auto (GStrv) vendor_labels = NULL;
  g_auto (GStrv) modality_labels = NULL;
  const char *kind_labels[G_N_ELEMENTS (contract_kinds)];
  g_autofree char *value = NULL;
  g_autofree char *notice = NULL;
  guint vendor_pos, modality_pos, kind_pos = 0;
  RdForm *form;
  RdRecord *c;

  editor->store = g_object_ref (store);
  editor->is_new = contract == NULL;
  editor->record = contract != NULL ? rd_record_copy (contract) : rd_record_new_for_table ("contract");
  editor->vendor_ids = g_ptr_array_new_with_free_func (g_free);
  editor->modality_ids = g_ptr_array_new_with_free_func (g_free);
  editor->deleted_func = deleted_func;
  editor->user_data = user_data;
  c = editor->record;

  if (editor->is_new)
    {
      g_autoptr (GDateTime) today = rd_format_today ();
      g_autoptr (GDateTime) next_year = g_date_time_add_days (today, 364);
      g_autofree char *start = g_date_time_format (today, "%Y-%m-%d");
      g_autofree char *end = g_date_time_format (next_year, "%Y-%m-%d");

      rd_record_set_text (c, "kind", "service");
      rd_record_set_text (c, "start", start);
      rd_record_set_text (c, "end", end);
      rd_record_set_int (c, "notice_days", 90);
      if (vendor_id != NULL)
        rd_record_set_text (c, "vendor_id", vendor_id);
    }

  for (guint i = 0; contract_kinds[i] != NULL; i++)
    {
      kind_labels[i] = rd_format_enum (contract_kinds[i]);
      if (g_strcmp0 (contract_kinds[i], rd_record_get_text (c, "kind")) == 0)
        kind_pos = i;
    }
  kind_labels[G_N_ELEMENTS (contract_kinds) - 1] = NULL;
  vendor_labels = labels_of (vendors, "name", NULL, editor->vendor_ids, rd_record_get_text (c, "vendor_id"), &vendor_pos);
  modality_labels = labels_of (modalities, "name", _("None"), editor->modality_ids,
                               rd_record_get_text (c, "modality_id"), &modality_pos);
  value = rd_form_format_money (rd_record_get_int (c, "annual_value"));
  notice = g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int (c, "notice_days"));

  form = rd_form_new (parent, editor->is_new ? _("New Contract") : _("Edit Contract"),
                      save_contract, editor, (GDestroyNotify) editor_free);
  editor->form = form;
  rd_form_add_entry (form, "title", _("Title"), rd_record_get_text (c, "title"));
  rd_form_add_combo (form, "vendor_id", _("Vendor"), (const char *const *) vendor_labels, vendor_pos);
  rd_form_add_combo (form, "kind", _("Kind"), kind_labels, kind_pos);
  rd_form_add_combo (form, "modality_id", _("Modality Covered"), (const char *const *) modality_labels, modality_pos);
  rd_form_add_entry (form, "start", _("Start (YYYY-MM-DD)"), rd_record_get_text (c, "start"));
  rd_form_add_entry (form, "end", _("End (YYYY-MM-DD)"), rd_record_get_text (c, "end"));
  rd_form_add_entry (form, "annual_value", _("Annual Value ($)"), value);
  rd_form_add_entry (form, "notice_days", _("Notice Period (days)"), notice);
  rd_form_add_switch (form, "auto_renew", _("Renews Automatically"), rd_record_get_bool (c, "auto_renew"));
  rd_form_add_entry (form, "document_ref", _("Document Reference"), rd_record_get_text (c, "document_ref"));
  if (!editor->is_new)
    g_signal_connect (rd_form_add_button (form, _("_Delete Contract"), "destructive-action"), "clicked",
                      G_CALLBACK (on_delete_contract_clicked), editor);

  rd_form_present (form);
  return rd_form_get_window (form);
}

/* ---------------------------------------------------------------- */
/* Vendor editor                                                     */
/* ---------------------------------------------------------------- */

static void
save_vendor (RdForm   *form,
             gpointer  user_data)
{
  Editor *editor = user_data;
  static const char *const columns[] = { "name", "account_number", "contact", "phone", "email", "notes" };
  g_autoptr (GError) error = NULL;
  const char *field = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (rd_form_get_text (form, columns[i])));

      set_or_null (editor->record, columns[i], text);
    }
  if (!rd_vendor_save (editor->store, editor->record, g_get_user_name (), &field, &error))
    {
      rd_form_show_error (form, field, error->message);
      return;
    }
  rd_form_close (form);
}

/**
 * rd_vendor_editor_present:
 * @parent: a widget of the window to stand over
 * @store: the store
 * @vendor: (nullable): the vendor to edit; %NULL for a new one
 *
 * Returns: (transfer none): the editor's window
 */
GtkWindow *
rd_vendor_editor_present (GtkWidget *parent,
                          RdStore   *store,
                          RdRecord  *vendor)
{
  Editor *editor = g_new0 (Editor, 1);
  RdForm *form;
  RdRecord *v;

  editor->store = g_object_ref (store);
  editor->is_new = vendor == NULL;
  editor->record = vendor != NULL ? rd_record_copy (vendor) : rd_record_new_for_table ("vendor");
  v = editor->record;

  form = rd_form_new (parent, editor->is_new ? _("New Vendor") : _("Edit Vendor"),
                      save_vendor, editor, (GDestroyNotify) editor_free);
  editor->form = form;
  rd_form_add_entry (form, "name", _("Name"), rd_record_get_text (v, "name"));
  rd_form_add_entry (form, "account_number", _("Account Number"), rd_record_get_text (v, "account_number"));
  rd_form_add_entry (form, "contact", _("Contact Person"), rd_record_get_text (v, "contact"));
  rd_form_add_entry (form, "phone", _("Phone"), rd_record_get_text (v, "phone"));
  rd_form_add_entry (form, "email", _("E-mail"), rd_record_get_text (v, "email"));
  rd_form_add_entry (form, "notes", _("Notes"), rd_record_get_text (v, "notes"));

  rd_form_present (form);
  return rd_form_get_window (form);
}
