/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-resend-dialog.c: correct an edit the server refused, field by field, and send it again. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-format.h"
#include "rd-resend-dialog.h"
#include "rd-sync-format.h"
#include "rd-widgets.h"

/* Referenced tables larger than this are edited by id rather than offered in a list. */
#define MAX_CHOICES 400

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdResendDialog
{
  AdwWindow    parent_instance;

  RdStore     *store;
  RdRecord    *mine;
  gint64       issue_id;
  char        *user;
  GHashTable  *rows;        /* column name → row widget */
  GHashTable  *choices;     /* column name → GPtrArray of values behind a combo row (NULL = empty) */
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (RdResendDialog, rd_resend_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_RESENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static char *
edit_text (RdRecord *record,
           guint     i)
{
  const RdColumn *col = &rd_record_get_table (record)->columns[i];
  gint64 v;

  if (rd_record_is_null_at (record, i))
    return g_strdup ("");

  v = rd_record_get_int_at (record, i);
  switch (col->type)
    {
    case RD_COLUMN_MONEY:
      return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", v < 0 ? "-" : "", ABS (v) / 100, (int) (ABS (v) % 100));
    case RD_COLUMN_TIME:
      {
        g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (v);
        g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, rd_format_get_time_zone ());

        return g_date_time_format (local, "%Y-%m-%d %H:%M");
      }
    case RD_COLUMN_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v);
    default:
      return g_strdup (rd_record_get_text_at (record, i));
    }
}

/* Reads one row into @record; FALSE with a sentence naming the field when it does not parse. */
static gboolean
read_row (RdResendDialog *self,
          RdRecord       *record,
          guint           i,
          char          **problem)
{
  const RdColumn *col = &rd_record_get_table (record)->columns[i];
  GtkWidget *row = g_hash_table_lookup (self->rows, col->name);
  GPtrArray *values = g_hash_table_lookup (self->choices, col->name);
  g_autofree char *label = rd_sync_format_column_label (col->name);
  g_autofree char *text = NULL;

  if (row == NULL)
    return TRUE;

  if (col->type == RD_COLUMN_BOOLEAN)
    {
      GtkWidget *sw = g_object_get_data (G_OBJECT (row), "switch");

      rd_record_set_int_at (record, i, gtk_switch_get_active (GTK_SWITCH (sw)));
      return TRUE;
    }

  if (ADW_IS_COMBO_ROW (row))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
      const char *value = selected < values->len ? g_ptr_array_index (values, selected) : NULL;

      text = g_strdup (value != NULL ? value : "");
    }
  else
    text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    {
      if (col->required)
        {
          *problem = g_strdup_printf (_("%s: this field is needed."), label);
          return FALSE;
        }
      rd_record_set_null_at (record, i);
      return TRUE;
    }

  switch (col->type)
    {
    case RD_COLUMN_INTEGER:
      {
        char *end = NULL;
        gint64 v = g_ascii_strtoll (text, &end, 10);

        if (end == NULL || *end != '\0')
          {
            *problem = g_strdup_printf (_("%s: enter a whole number."), label);
            return FALSE;
          }
        rd_record_set_int_at (record, i, v);
        return TRUE;
      }
    case RD_COLUMN_MONEY:
      {
        gboolean negative = text[0] == '-';
        const char *p = negative ? text + 1 : text;
        const char *dot = strchr (p, '.');
        gsize int_len = dot != NULL ? (gsize) (dot - p) : strlen (p);
        gsize frac_len = dot != NULL ? strlen (dot + 1) : 0;
        gboolean ok = int_len > 0 && int_len <= 15 && frac_len <= 2 && (dot == NULL || frac_len > 0);
        gint64 units = 0, cents = 0;

        for (gsize k = 0; ok && k < int_len; k++)
          if (g_ascii_isdigit (p[k]))
            units = units * 10 + (p[k] - '0');
          else
            ok = FALSE;
        for (gsize k = 0; ok && k < frac_len; k++)
          if (g_ascii_isdigit (dot[1 + k]))
            cents = cents * 10 + (dot[1 + k] - '0');
          else
            ok = FALSE;
        if (!ok)
          {
            *problem = g_strdup_printf (_("%s: enter an amount such as 1234.50."), label);
            return FALSE;
          }
        if (frac_len == 1)
          cents *= 10;
        rd_record_set_int_at (record, i, (negative ? -1 : 1) * (units * 100 + cents));
        return TRUE;
      }
    case RD_COLUMN_TIME:
      {
        int y, mo, d, h, mi;
        g_autoptr (GDateTime) t = NULL;

        if (sscanf (text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) != 5
            || (t = g_date_time_new (rd_format_get_time_zone (), y, mo, d, h, mi, 0)) == NULL)
          {
            *problem = g_strdup_printf (_("%s: enter a date and time such as 2026-12-01 08:30."), label);
            return FALSE;
          }
        rd_record_set_int_at (record, i, g_date_time_to_unix (t));
        return TRUE;
      }
    case RD_COLUMN_DATE:
      {
        int y, mo, d;

        if (sscanf (text, "%d-%d-%d", &y, &mo, &d) != 3 || !g_date_valid_dmy (d, mo, y))
          {
            *problem = g_strdup_printf (_("%s: enter a date such as 2026-12-01."), label);
            return FALSE;
          }
        rd_record_set_text_at (record, i, text);
        return TRUE;
      }
    default:
      rd_record_set_text_at (record, i, text);
      return TRUE;
    }
}

static GtkWidget *
build_combo (RdResendDialog *self,
             const RdColumn *col,
             const char     *current)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;

  if (!col->required)
    {
      gtk_string_list_append (names, "—");
      g_ptr_array_add (values, NULL);
    }

  if (col->type == RD_COLUMN_ENUM)
    for (guint v = 0; col->values[v] != NULL; v++)
      {
        gtk_string_list_append (names, rd_format_enum (col->values[v]));
        g_ptr_array_add (values, g_strdup (col->values[v]));
      }
  else
    {
      g_autoptr (GPtrArray) records = rd_store_list (self->store, col->ref, NULL);

      for (guint r = 0; r < records->len; r++)
        {
          g_autofree char *label = rd_record_dup_label (g_ptr_array_index (records, r));

          if (rd_record_get_deleted (g_ptr_array_index (records, r)))
            continue;
          gtk_string_list_append (names, label);
          g_ptr_array_add (values, g_strdup (rd_record_get_id (g_ptr_array_index (records, r))));
        }
    }

  for (guint v = 0; v < values->len; v++)
    if (g_strcmp0 (g_ptr_array_index (values, v), current) == 0)
      selected = v;

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_hash_table_insert (self->choices, g_strdup (col->name), values);
  g_object_unref (names);
  return row;
}

static GtkWidget *
build_row (RdResendDialog *self,
           guint           i)
{
  const RdTable *table = rd_record_get_table (self->mine);
  const RdColumn *col = &table->columns[i];
  g_autofree char *title = rd_sync_format_column_label (col->name);
  g_autofree char *text = edit_text (self->mine, i);
  GtkWidget *row;

  if (col->type == RD_COLUMN_BOOLEAN)
    {
      GtkWidget *sw = gtk_switch_new ();

      row = adw_action_row_new ();
      gtk_switch_set_active (GTK_SWITCH (sw), !rd_record_is_null_at (self->mine, i) && rd_record_get_int_at (self->mine, i));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      g_object_set_data (G_OBJECT (row), "switch", sw);
    }
  else if (col->type == RD_COLUMN_ENUM
           || (col->type == RD_COLUMN_REF && rd_store_count (self->store, col->ref) <= MAX_CHOICES))
    row = build_combo (self, col, rd_record_is_null_at (self->mine, i) ? NULL : rd_record_get_text_at (self->mine, i));
  else
    {
      row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (row), text);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, col->name);
  g_hash_table_insert (self->rows, g_strdup (col->name), row);
  return row;
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_resend_clicked (GtkButton      *button,
                   RdResendDialog *self)
{
  if (rd_resend_dialog_resend (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_resend_dialog_dispose (GObject *object)
{
  RdResendDialog *self = RD_RESEND_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->mine);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (rd_resend_dialog_parent_class)->dispose (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_resend_dialog_class_init (RdResendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_resend_dialog_dispose;

  signals[SIGNAL_RESENT] = g_signal_new ("resent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_resend_dialog_init (RdResendDialog *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_resend_dialog_new:
 * @parent: (nullable): the conflicts window
 * @store: the workstation's store
 * @issue: a refused edit, with the local record in @issue->mine
 * @user: who corrects it
 *
 * Returns: (transfer none): an editor with one row per column of the record's table
 */
GtkWidget *
rd_resend_dialog_new (GtkWindow   *parent,
                      RdStore     *store,
                      RdSyncIssue *issue,
                      const char  *user)
{
  RdResendDialog *self;
  const RdTable *table;
  g_autofree char *title = NULL;
  GtkWidget *box, *header, *cancel, *resend, *scrolled, *page, *group, *message;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (issue != NULL && issue->mine != NULL, NULL);

  self = g_object_new (RD_TYPE_RESEND_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("Edit and Resend"),
                       "default-width", 520,
                       "default-height", 640,
                       NULL);
  self->store = g_object_ref (store);
  self->mine = rd_record_copy (issue->mine);
  self->issue_id = issue->id;
  self->user = g_strdup (user);
  table = rd_record_get_table (self->mine);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = rd_mnemonic_button_new (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  resend = rd_mnemonic_button_new (_("_Resend"));
  gtk_widget_add_css_class (resend, "suggested-action");
  g_signal_connect (resend, "clicked", G_CALLBACK (on_resend_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), resend);
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  group = adw_preferences_group_new ();
  title = rd_sync_format_record_title (store, self->mine);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         issue->message != NULL && issue->message[0] != '\0'
                                           ? issue->message : _("The server refused this edit."));

  message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0.0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);
  gtk_widget_set_margin_bottom (message, 12);
  self->error_label = GTK_LABEL (message);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), message);

  for (guint i = 0; i < table->n_columns; i++)
    if (!table->columns[i].server_owned)
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), build_row (self, i));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  scrolled = page;
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);

  return GTK_WIDGET (self);
}

GtkWidget *
rd_resend_dialog_get_row (RdResendDialog *self,
                          const char     *column)
{
  g_return_val_if_fail (RD_IS_RESEND_DIALOG (self), NULL);
  return g_hash_table_lookup (self->rows, column);
}

/**
 * rd_resend_dialog_resend:
 *
 * Reads the rows and queues the corrected record; on a problem, says which field and keeps the
 * dialog open.
 *
 * Returns: whether the corrected edit was queued (the "resent" signal was emitted)
 */
gboolean
rd_resend_dialog_resend (RdResendDialog *self)
{
  const RdTable *table;
  g_autoptr (RdRecord) corrected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (RD_IS_RESEND_DIALOG (self), FALSE);

  table = rd_record_get_table (self->mine);
  corrected = rd_record_copy (self->mine);
  for (guint i = 0; i < table->n_columns; i++)
    if (!table->columns[i].server_owned && !read_row (self, corrected, i, &problem))
      {
        gtk_label_set_text (self->error_label, problem);
        gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        return FALSE;
      }

  if (!rd_sync_resolve_resend (self->store, self->issue_id, corrected, self->user, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }

  g_signal_emit (self, signals[SIGNAL_RESENT], 0);
  return TRUE;
}

const char *
rd_resend_dialog_get_error (RdResendDialog *self)
{
  g_return_val_if_fail (RD_IS_RESEND_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : "";
}
