/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-io.c: what goes out of and into the budget — the CSV report, and the checked saving of a line. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-budget-private.h"
#include "rd-csv.h"
#include "rd-error.h"
#include "rd-store-private.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/* ---------------------------------------------------------------- */
/* Report                                                            */
/* ---------------------------------------------------------------- */

/**
 * rd_budget_report_csv:
 * @store: a store
 * @fiscal_year: a fiscal year
 * @start_month: its first month
 * @today: today
 *
 * Returns: (transfer full): the year's budget report as RFC 4180 CSV: a header, a row per line
 *   with amounts in dollars and cents ("1234.56"), and a total row
 */
char *
rd_budget_report_csv (RdStore     *store,
                      int          fiscal_year,
                      int          start_month,
                      const GDate *today)
{
  static const char *const header[] = {
    "fiscal_year", "category", "name", "amount", "committed_orders", "committed_contracts",
    "committed", "spent", "remaining", "status",
  };
  g_autoptr (GPtrArray) summaries = rd_budget_summarise (store, fiscal_year, start_month, today);
  GString *out = g_string_new (NULL);
  RdBudgetSummary total = { 0 };

  rd_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i <= summaries->len; i++)
    {
      RdBudgetSummary *s = i < summaries->len ? g_ptr_array_index (summaries, i) : &total;
      g_autofree char *year = g_strdup_printf ("%d", fiscal_year);
      gint64 values[6];
      char *money[G_N_ELEMENTS (values)] = { NULL };
      const char *row[G_N_ELEMENTS (header)];

      if (s == &total)
        rd_budget_summary_finish (&total);
      values[0] = s->amount;
      values[1] = s->committed_orders;
      values[2] = s->committed_contracts;
      values[3] = s->committed;
      values[4] = s->spent;
      values[5] = s->remaining;
      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        {
          guint64 magnitude = values[k] < 0 ? (guint64) 0 - (guint64) values[k] : (guint64) values[k];

          money[k] = g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", values[k] < 0 ? "-" : "",
                                      magnitude / 100, (guint) (magnitude % 100));
        }
      row[0] = year;
      row[1] = s == &total ? "total" : s->category;
      row[2] = s == &total ? "" : (s->name != NULL ? s->name : "");
      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        row[3 + k] = money[k];
      row[9] = s->over ? "over" : s->close ? "close" : "within";
      rd_csv_append_row (out, row, G_N_ELEMENTS (row));

      if (s != &total)
        {
          total.amount += s->amount;
          total.committed_orders += s->committed_orders;
          total.committed_contracts += s->committed_contracts;
          total.spent_orders += s->spent_orders;
          total.spent_contracts += s->spent_contracts;
        }
      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        g_clear_pointer (&money[k], g_free);
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------- */
/* Validation                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_budget_check_line:
 * @store: a store
 * @line: a budget_line about to be saved
 * @out_field: (out) (optional) (transfer none): the column at fault, or %NULL
 * @error: the sentence to show
 *
 * Refuses a fiscal year outside 2000–2100, an unknown category, a negative amount, and a
 * duplicate: another line of the same fiscal year and category with the same name (names are
 * compared without case; no name is a name too). Several lines of one category in a year are
 * allowed when their names tell them apart ("Consumables", "Radiopharmaceuticals").
 *
 * Returns: whether the line may be saved
 */
gboolean
rd_budget_check_line (RdStore     *store,
                      RdRecord    *line,
                      const char **out_field,
                      GError     **error)
{
  gint64 year;
  const char *category;
  g_autoptr (GPtrArray) same_year = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (line), FALSE);

  if (out_field != NULL)
    *out_field = NULL;

  year = rd_record_get_int (line, "fiscal_year");
  if (year < 2000 || year > 2100)
    return rd_refuse (out_field, "fiscal_year", error, "%s", _("Enter a fiscal year between 2000 and 2100."));

  category = rd_record_get_text (line, "category");
  if (!is_set (category) ||
      !rd_column_enum_has_value (rd_table_get_column (rd_record_get_table (line), "category"), category))
    return rd_refuse (out_field, "category", error, "%s", _("Choose the budget category."));

  if (rd_record_get_int (line, "amount") < 0)
    return rd_refuse (out_field, "amount", error, "%s", _("The amount cannot be negative."));

  name = g_utf8_casefold (g_strstrip (g_strdup (is_set (rd_record_get_text (line, "name"))
                                                ? rd_record_get_text (line, "name") : "")), -1);
  same_year = rd_budget_list_year_lines (store, (int) year);
  for (guint i = 0; i < same_year->len; i++)
    {
      RdRecord *other = g_ptr_array_index (same_year, i);
      g_autofree char *other_name = NULL;

      if (g_strcmp0 (rd_record_get_id (other), rd_record_get_id (line)) == 0 ||
          g_strcmp0 (rd_record_get_text (other, "category"), category) != 0)
        continue;
      other_name = g_utf8_casefold (g_strstrip (g_strdup (is_set (rd_record_get_text (other, "name"))
                                                          ? rd_record_get_text (other, "name") : "")), -1);
      if (g_strcmp0 (name, other_name) == 0)
        return rd_refuse (out_field, "category", error,
                       _("Fiscal year %d already has this budget line; change its amount instead, "
                         "or give this one another name."), (int) year);
    }

  return TRUE;
}

/**
 * rd_budget_save_line:
 * @store: a store
 * @line: a budget_line
 * @user: who saves it
 * @out_field: (out) (optional) (transfer none): the column at fault, or %NULL
 * @error: the sentence to show
 *
 * Returns: whether the line was checked and saved; nothing is saved when it is refused
 */
gboolean
rd_budget_save_line (RdStore     *store,
                     RdRecord    *line,
                     const char  *user,
                     const char **out_field,
                     GError     **error)
{
  if (!rd_budget_check_line (store, line, out_field, error))
    return FALSE;
  return rd_store_save (store, line, user, error);
}
