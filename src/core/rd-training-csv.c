/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-csv.c: the compliance matrix and a person's history (training, certifications, doses) as CSV, and daily reminder bookkeeping. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-training.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static char *
cell_text (const RdTrainingItem *item)
{
  g_autofree char *due = NULL;

  if (item == NULL)
    return g_strdup ("");

  due = g_date_valid (&item->due) ? rd_training_format_date (&item->due) : NULL;
  switch (item->status)
    {
    case RD_TRAINING_MISSING:
      return g_strdup (_("missing"));
    case RD_TRAINING_OVERDUE:
      return g_strdup_printf (_("overdue since %s"), due);
    case RD_TRAINING_DUE:
      return g_strdup_printf (_("due by %s"), due);
    case RD_TRAINING_CURRENT:
    default:
      return due ? g_strdup_printf (_("current until %s"), due) : g_strdup (_("current"));
    }
}

static char *
staff_name (RdStore    *store,
            const char *id)
{
  g_autoptr (RdRecord) staff = NULL;

  if (id == NULL || *id == '\0')
    return g_strdup ("");
  staff = rd_store_get (store, "staff", id, NULL);
  return g_strdup (staff ? rd_record_get_text (staff, "name") : id);
}

static const char *
outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "competent") == 0)
    return _("Competent");
  if (g_strcmp0 (outcome, "needs_practice") == 0)
    return _("Needs practice");
  if (g_strcmp0 (outcome, "not_competent") == 0)
    return _("Not competent");
  return outcome ? outcome : "";
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return dt ? g_date_time_format_iso8601 (dt) : g_strdup ("");
}

/* ---------------------------------------------------------------- */
/* Public API: CSV                                                   */
/* ---------------------------------------------------------------- */

/**
 * rd_training_csv_append_field:
 * @out: a string
 * @field: (nullable): a value (%NULL is an empty field)
 *
 * Appends @field as one RFC 4180 field: quoted when it holds a comma, a double quote, a line
 * break or leading or trailing space, with double quotes doubled.
 */
void
rd_training_csv_append_field (GString    *out,
                              const char *field)
{
  gsize len;

  g_return_if_fail (out != NULL);

  if (field == NULL || *field == '\0')
    return;

  len = strlen (field);
  if (strpbrk (field, ",\"\r\n") == NULL && field[0] != ' ' && field[len - 1] != ' ')
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * rd_training_csv_append_row:
 * @out: a string
 * @fields: (array zero-terminated=1): the row's fields
 *
 * Appends one record, fields separated by commas and ended by CRLF as RFC 4180 asks.
 */
void
rd_training_csv_append_row (GString           *out,
                            const char *const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      rd_training_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/**
 * rd_training_csv_matrix:
 * @matrix: a compliance matrix
 * @out: where the CSV goes
 *
 * One row per person (name, job, modality kinds) and one column per required course or
 * certification; a cell says "current until …", "due by …", "overdue since …", "missing", or
 * is empty where the person need not have the item.
 */
void
rd_training_csv_matrix (RdTrainingMatrix *matrix,
                        GString          *out)
{
  guint n_columns, n_staff;
  g_autoptr (GPtrArray) row = NULL;

  g_return_if_fail (matrix != NULL && out != NULL);

  n_columns = rd_training_matrix_get_n_columns (matrix);
  n_staff = rd_training_matrix_get_n_staff (matrix);

  row = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (row, g_strdup (_("Name")));
  g_ptr_array_add (row, g_strdup (_("Job")));
  g_ptr_array_add (row, g_strdup (_("Modality kinds")));
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (row, g_strdup (rd_training_matrix_get_column (matrix, c)->title));
  g_ptr_array_add (row, NULL);
  rd_training_csv_append_row (out, (const char *const *) row->pdata);

  for (guint r = 0; r < n_staff; r++)
    {
      RdRecord *staff = rd_training_matrix_get_staff (matrix, r);

      g_ptr_array_set_size (row, 0);
      g_ptr_array_add (row, g_strdup (rd_record_get_text (staff, "name")));
      g_ptr_array_add (row, g_strdup (rd_record_get_text (staff, "job")));
      g_ptr_array_add (row, g_strdup (rd_record_get_text (staff, "modality_kinds")));
      for (guint c = 0; c < n_columns; c++)
        g_ptr_array_add (row, cell_text (rd_training_matrix_get_cell (matrix, r, c)));
      g_ptr_array_add (row, NULL);
      rd_training_csv_append_row (out, (const char *const *) row->pdata);
    }
}

/* A dose in millisievert from whole microsievert, exactly: 1250 → "1.250". */
static char *
format_msv (RdRecord   *reading,
            const char *column)
{
  gint64 usv;

  if (rd_record_is_null (reading, column))
    return g_strdup ("");
  usv = rd_record_get_int (reading, column);
  return g_strdup_printf ("%s%lld.%03lld", usv < 0 ? "-" : "", (long long) (ABS (usv) / 1000),
                          (long long) (ABS (usv) % 1000));
}

static void
add_row (GPtrArray         *table,
         const char *const *fields)
{
  g_ptr_array_add (table, g_strdupv ((char **) fields));
}

/**
 * rd_training_history_table:
 * @store: a store
 * @staff_id: a person
 *
 * A person's whole history as a table, for the CSV export and the printed history: every
 * training record (corrected ones included and marked, so an inspector sees what was changed),
 * then every certification, then every dosimeter reading, each oldest first. Doses are in
 * millisievert with three decimals, exact from the stored microsievert.
 *
 * Returns: (transfer full) (element-type GStrv): the header row, then one row per entry; every
 *   row has #RD_TRAINING_HISTORY_N_COLUMNS fields (empty strings where nothing applies)
 */
GPtrArray *
rd_training_history_table (RdStore    *store,
                           const char *staff_id)
{
  GPtrArray *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) certs = NULL;
  g_autoptr (GPtrArray) doses = NULL;
  const char *header[RD_TRAINING_HISTORY_N_COLUMNS + 1] = {
    _("Date"), _("Type"), _("Item"), _("Outcome"), _("Hours"), _("Trainer"), _("Signed off by"),
    _("Signed off at"), _("Number"), _("Expires"), _("Status"), _("Notes"),
    _("Effective dose (mSv)"), _("Lens dose (mSv)"), _("Extremity dose (mSv)"), NULL,
  };

  g_return_val_if_fail (RD_IS_STORE (store) && staff_id != NULL, table);

  add_row (table, header);

  records = rd_store_list_by (store, "training_record", "staff_id", staff_id, "date");
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);
      g_autoptr (RdRecord) course = NULL;
      g_autofree char *hours = g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int (record, "hours"));
      g_autofree char *trainer = staff_name (store, rd_record_get_text (record, "trainer_id"));
      g_autofree char *signer = staff_name (store, rd_record_get_text (record, "signed_off_by"));
      g_autofree char *signed_at = rd_record_is_null (record, "signed_off_at")
                                   ? g_strdup ("") : format_time (rd_record_get_int (record, "signed_off_at"));
      g_autofree char *status = NULL;
      const char *course_id = rd_record_get_text (record, "course_id");

      if (course_id != NULL)
        course = rd_store_get (store, "course", course_id, NULL);
      if (rd_training_record_is_superseded (store, rd_record_get_id (record)))
        status = g_strdup (_("corrected by a later record"));
      else if (rd_record_get_text (record, "corrects_id") != NULL)
        {
          g_autoptr (RdRecord) original = rd_store_get (store, "training_record",
                                                        rd_record_get_text (record, "corrects_id"), NULL);
          status = g_strdup_printf (_("corrects the record of %s"),
                                    original ? rd_record_get_text (original, "date") : "?");
        }

      {
        const char *row[RD_TRAINING_HISTORY_N_COLUMNS + 1] = {
          rd_record_get_text (record, "date"), _("Training"),
          course ? rd_record_get_text (course, "title") : course_id,
          outcome_label (rd_record_get_text (record, "outcome")), hours, trainer, signer, signed_at,
          "", "", status ? status : "", rd_record_get_text (record, "notes"), "", "", "", NULL,
        };
        for (guint c = 0; c < RD_TRAINING_HISTORY_N_COLUMNS; c++)
          if (row[c] == NULL)
            row[c] = "";
        add_row (table, row);
      }
    }

  certs = rd_store_list_by (store, "certification", "staff_id", staff_id, "issued");
  for (guint i = 0; i < certs->len; i++)
    {
      RdRecord *cert = g_ptr_array_index (certs, i);
      const char *row[RD_TRAINING_HISTORY_N_COLUMNS + 1] = {
        rd_record_get_text (cert, "issued"), _("Certification"), rd_record_get_text (cert, "kind"),
        "", "", "", "", "", rd_record_get_text (cert, "number"), rd_record_get_text (cert, "expires"),
        "", "", "", "", "", NULL,
      };

      for (guint c = 0; c < RD_TRAINING_HISTORY_N_COLUMNS; c++)
        if (row[c] == NULL)
          row[c] = "";
      add_row (table, row);
    }

  doses = rd_store_list_by (store, "dose_reading", "staff_id", staff_id, "period_start");
  for (guint i = 0; i < doses->len; i++)
    {
      RdRecord *dose = g_ptr_array_index (doses, i);
      g_autofree char *period = g_strdup_printf ("%s – %s", rd_record_get_text (dose, "period_start"),
                                                 rd_record_get_text (dose, "period_end"));
      g_autofree char *effective = format_msv (dose, "effective_usv");
      g_autofree char *lens = format_msv (dose, "lens_usv");
      g_autofree char *extremity = format_msv (dose, "extremity_usv");
      const char *row[RD_TRAINING_HISTORY_N_COLUMNS + 1] = {
        rd_record_get_text (dose, "period_start"), _("Dose reading"), period,
        "", "", "", "", "", "", "", "", "", effective, lens, extremity, NULL,
      };

      add_row (table, row);
    }

  return table;
}

/**
 * rd_training_csv_history:
 * @store: a store
 * @staff_id: a person
 * @out: where the CSV goes
 *
 * The person's history (rd_training_history_table()) as CSV: training records, certifications
 * and dosimeter readings.
 */
void
rd_training_csv_history (RdStore    *store,
                         const char *staff_id,
                         GString    *out)
{
  g_autoptr (GPtrArray) table = NULL;

  g_return_if_fail (RD_IS_STORE (store) && staff_id != NULL && out != NULL);

  table = rd_training_history_table (store, staff_id);
  for (guint i = 0; i < table->len; i++)
    rd_training_csv_append_row (out, g_ptr_array_index (table, i));
}

/**
 * rd_training_csv_write:
 * @csv: the text
 * @stream: where it goes (a file chooser's file, for instance)
 * @cancellable: (nullable): a cancellable
 * @error: why it was not written
 *
 * Returns: whether all of @csv was written
 */
gboolean
rd_training_csv_write (GString       *csv,
                       GOutputStream *stream,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  return g_output_stream_write_all (stream, csv->str, csv->len, NULL, cancellable, error);
}

/* ---------------------------------------------------------------- */
/* Public API: reminders                                             */
/* ---------------------------------------------------------------- */

/**
 * rd_training_should_notify:
 * @store: a store
 * @item_key: an item, as rd_training_item_dup_key() names it
 * @today: today
 *
 * The last reminder day of each item is kept in the store's meta table under "notified:<item>",
 * which is this workstation's own and is not synced.
 *
 * Returns: whether no reminder for @item_key was given today
 */
gboolean
rd_training_should_notify (RdStore     *store,
                           const char  *item_key,
                           const GDate *today)
{
  g_autofree char *key = NULL;
  g_autofree char *last = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (item_key != NULL && today != NULL, FALSE);

  key = g_strconcat ("notified:", item_key, NULL);
  last = rd_store_get_meta (store, key);
  day = rd_training_format_date (today);
  return g_strcmp0 (last, day) != 0;
}

/**
 * rd_training_mark_notified:
 * @store: a store
 * @item_key: an item
 * @today: today
 * @error: why it was not recorded
 *
 * Returns: whether today was recorded as the item's last reminder day
 */
gboolean
rd_training_mark_notified (RdStore     *store,
                           const char  *item_key,
                           const GDate *today,
                           GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (item_key != NULL && today != NULL, FALSE);

  key = g_strconcat ("notified:", item_key, NULL);
  day = rd_training_format_date (today);
  return rd_store_set_meta (store, key, day, error);
}
