/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-format.c: how the sync UI names tables, columns and records and shows their values. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-format.h"
#include "rd-sync-format.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

/* Words that are written in capitals, and words a column name only abbreviates. */
static const struct { const char *word; const char *shown; } special_words[] = {
  { "mrn", "MRN" }, { "ae", "AE" }, { "po", "PO" }, { "sku", "SKU" }, { "qc", "QC" },
  { "bls", "BLS" }, { "ris", "RIS" }, { "min", "(min)" }, { "msv", "(mSv)" }, { "url", "URL" },
};

static const struct { const char *table; const char *label; } table_labels[] = {
  { "modality", N_("Modality") },
  { "exam_type", N_("Exam type") },
  { "exam_consumable", N_("Exam consumable") },
  { "booking", N_("Booking") },
  { "booking_request", N_("Waiting list request") },
  { "downtime", N_("Downtime") },
  { "staff", N_("Staff member") },
  { "course", N_("Course") },
  { "training_record", N_("Training record") },
  { "certification", N_("Certification") },
  { "dose_reading", N_("Dose reading") },
  { "vendor", N_("Vendor") },
  { "supply_item", N_("Supply item") },
  { "stock_movement", N_("Stock movement") },
  { "purchase_order", N_("Purchase order") },
  { "po_line", N_("Order line") },
  { "contract", N_("Contract") },
  { "budget_line", N_("Budget line") },
};

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_sync_format_column_label:
 * @column: a column name such as "patient_mrn" or "modality_id"
 *
 * Returns: (transfer full): a readable label, "Patient MRN", "Modality"
 */
char *
rd_sync_format_column_label (const char *column)
{
  g_auto (GStrv) words = g_strsplit (column, "_", -1);
  GString *label = g_string_new (NULL);
  guint n = g_strv_length (words);

  /* a reference names the record, not its id */
  if (n > 1 && g_str_equal (words[n - 1], "id"))
    {
      g_free (words[n - 1]);
      words[n - 1] = NULL;
      n--;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *shown = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (special_words); j++)
        if (g_str_equal (words[i], special_words[j].word))
          shown = special_words[j].shown;

      if (label->len > 0)
        g_string_append_c (label, ' ');
      if (shown != NULL)
        g_string_append (label, shown);
      else if (label->len == 0)
        {
          g_string_append_unichar (label, g_unichar_toupper (g_utf8_get_char (words[i])));
          g_string_append (label, g_utf8_next_char (words[i]));
        }
      else
        g_string_append (label, words[i]);
    }

  return g_string_free (label, FALSE);
}

/**
 * rd_sync_format_table_label:
 * @table: a table name
 *
 * Returns: (transfer full): what a person calls a record of it, "Booking"
 */
char *
rd_sync_format_table_label (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_labels); i++)
    if (g_str_equal (table_labels[i].table, table))
      return g_strdup (_(table_labels[i].label));

  return rd_sync_format_column_label (table);
}

/**
 * rd_sync_format_value:
 * @store: (nullable): to name referenced records
 * @record: a record
 * @index: a column of its table
 *
 * Returns: (transfer full): the value as RadDesk shows it elsewhere (money, times in the
 *   department's zone, a referenced record's name), or "—" when empty
 */
char *
rd_sync_format_value (RdStore  *store,
                      RdRecord *record,
                      guint     index)
{
  const RdColumn *col = &rd_record_get_table (record)->columns[index];

  if (rd_record_is_null_at (record, index))
    return g_strdup ("—");

  switch (col->type)
    {
    case RD_COLUMN_TEXT:
      return g_strdup (rd_record_get_text_at (record, index));
    case RD_COLUMN_ENUM:
      return g_strdup (rd_format_enum (rd_record_get_text_at (record, index)));
    case RD_COLUMN_DATE:
      return rd_format_date (rd_record_get_text_at (record, index));
    case RD_COLUMN_REF:
      {
        g_autoptr (RdRecord) ref = store != NULL
                                     ? rd_store_get (store, col->ref, rd_record_get_text_at (record, index), NULL)
                                     : NULL;

        return ref != NULL ? rd_record_dup_label (ref) : g_strdup (rd_record_get_text_at (record, index));
      }
    case RD_COLUMN_MONEY:
      return rd_format_money (rd_record_get_int_at (record, index));
    case RD_COLUMN_TIME:
      return rd_format_date_time (rd_record_get_int_at (record, index));
    case RD_COLUMN_BOOLEAN:
      return g_strdup (rd_format_bool (rd_record_get_int_at (record, index) != 0));
    case RD_COLUMN_INTEGER:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int_at (record, index));
    }
}

/**
 * rd_sync_format_record_title:
 * @store: (nullable): to name referenced records
 * @record: a record
 *
 * Returns: (transfer full): "Booking: Jane Example", or "Booking (deleted): …"
 */
char *
rd_sync_format_record_title (RdStore  *store,
                             RdRecord *record)
{
  g_autofree char *table = rd_sync_format_table_label (rd_record_get_table_name (record));
  g_autofree char *label = rd_record_dup_label (record);

  if (rd_record_get_deleted (record))
    return g_strdup_printf (_("%s (deleted): %s"), table, label);
  return g_strdup_printf ("%s: %s", table, label);
}

/**
 * rd_sync_format_ago:
 * @then: a past moment, Unix seconds
 * @now: the present
 *
 * Returns: (transfer full): "just now", "2 min ago", "3 h ago", or the date and time
 */
char *
rd_sync_format_ago (gint64 then,
                    gint64 now)
{
  gint64 seconds = MAX (0, now - then);

  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 3600)
    return g_strdup_printf (_("%d min ago"), (int) (seconds / 60));
  if (seconds < 24 * 3600)
    return g_strdup_printf (_("%d h ago"), (int) (seconds / 3600));
  return rd_format_date_time (then);
}
