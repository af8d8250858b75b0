/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget.c: fiscal years, budget lines with what orders and contracts commit and spend. */

#include "config.h"

#include "rd-budget-private.h"
#include "rd-contracts.h"
#include "rd-purchasing.h"
#include "rd-store-private.h"

/*
 * Rules:
 * - committed: what purchase orders commit to the line (rd_budget_line_committed() of
 *   rd-purchasing.c: approved, ordered, partially received and received orders in full, what was
 *   received of cancelled ones) plus the contracts' values that fall in the fiscal year.
 * - a contract's value accrues by day: each contract year (start date to its anniversary) costs
 *   the annual value, spread evenly over its 365 or 366 days; a last, shorter year costs its
 *   share of days. The sums over fiscal years add up to the contract's whole value to the cent
 *   (each period is the difference of a running total rounded once).
 * - contracts carry no budget line of their own: a contract counts against the line of its
 *   category (service and maintenance → service contracts, supply → supplies, lease →
 *   equipment, software → other) in the fiscal year; when that year has several lines of the
 *   category, against the largest (then the first by name). A contract whose category has no
 *   line in the year counts against none.
 * - spent: received quantities × unit cost of the line's orders, plus contract payments due to
 *   date. Contracts are paid monthly in arrears: the invoice for a contract month falls due on
 *   the month's anniversary of the start date (the last one on the day after the end date), and
 *   what is due counts as spent on the days it covers.
 * - a line is over when committed is more than its amount, close when committed reaches
 *   RD_BUDGET_CLOSE_PERCENT % of it.
 */

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
date_add_years_from (const GDate *start,
                     guint        years,
                     GDate       *out)
{
  *out = *start;
  g_date_add_years (out, years);
}

static void
date_add_months_from (const GDate *start,
                      guint        months,
                      GDate       *out)
{
  *out = *start;
  g_date_add_months (out, months);
}

static const GDate *
date_min (const GDate *a,
          const GDate *b)
{
  return g_date_compare (a, b) <= 0 ? a : b;
}

/* Rounds @value × @num / @den to the nearest integer, halves away from zero; @den > 0. */
static gint64
mul_div_round (gint64 value,
               gint64 num,
               gint64 den)
{
  gint64 product = value * num;

  return product >= 0 ? (product + den / 2) / den : -((-product + den / 2) / den);
}

static gboolean
contract_dates (RdRecord *contract,
                GDate    *start,
                GDate    *end_excl)
{
  if (!rd_contract_parse_date (rd_record_get_text (contract, "start"), start) ||
      !rd_contract_parse_date (rd_record_get_text (contract, "end"), end_excl) ||
      g_date_compare (end_excl, start) < 0)
    return FALSE;
  g_date_add_days (end_excl, 1);
  return TRUE;
}

static RdBudgetSummary *
summary_new (RdRecord *line)
{
  RdBudgetSummary *s = g_new0 (RdBudgetSummary, 1);

  s->line_id = g_strdup (rd_record_get_id (line));
  s->fiscal_year = (int) rd_record_get_int (line, "fiscal_year");
  s->category = g_strdup (rd_record_get_text (line, "category"));
  s->name = g_strdup (rd_record_get_text (line, "name"));
  s->amount = rd_record_get_int (line, "amount");
  return s;
}

void
rd_budget_summary_finish (RdBudgetSummary *s)
{
  s->committed = s->committed_orders + s->committed_contracts;
  s->spent = s->spent_orders + s->spent_contracts;
  s->remaining = s->amount - s->committed;
  s->over = s->committed > s->amount;
  s->close = !s->over && s->committed * 100 >= s->amount * RD_BUDGET_CLOSE_PERCENT;
}

static gint64
line_spent_orders (RdStore    *store,
                   const char *line_id)
{
  sqlite3_stmt *stmt;
  gint64 total = 0;

  stmt = rd_store_prepare (store,
                           "SELECT COALESCE(SUM(l.received_qty * l.unit_cost), 0) "
                           "FROM purchase_order p JOIN po_line l ON l.po_id = p.id AND l.deleted = 0 "
                           "WHERE p.deleted = 0 AND p.budget_line_id = ?1 "
                           "AND p.status NOT IN ('draft', 'submitted')", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, line_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return total;
}

/* The line that a contract of @category counts against among @lines (of one fiscal year). */
static RdRecord *
pick_line (GPtrArray  *lines,
           const char *category)
{
  RdRecord *best = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);

      if (g_strcmp0 (rd_record_get_text (line, "category"), category) != 0)
        continue;
      if (best == NULL || rd_record_get_int (line, "amount") > rd_record_get_int (best, "amount") ||
          (rd_record_get_int (line, "amount") == rd_record_get_int (best, "amount") &&
           g_strcmp0 (rd_record_get_text (line, "name"), rd_record_get_text (best, "name")) < 0))
        best = line;
    }
  return best;
}

GPtrArray *
rd_budget_list_year_lines (RdStore *store,
                           int      fiscal_year)
{
  g_autofree char *year = g_strdup_printf ("%d", fiscal_year);

  return rd_store_list_by (store, "budget_line", "fiscal_year", year, "name");
}

/* ---------------------------------------------------------------- */
/* Fiscal years                                                      */
/* ---------------------------------------------------------------- */

/**
 * rd_fiscal_year_for_date:
 * @date: a valid date
 * @start_month: the first month of the fiscal year, 1 to 12
 *
 * Returns: the fiscal year @date falls in
 */
int
rd_fiscal_year_for_date (const GDate *date,
                         int          start_month)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  start_month = CLAMP (start_month, 1, 12);
  if (start_month > 1 && (int) g_date_get_month (date) >= start_month)
    return g_date_get_year (date) + 1;
  return g_date_get_year (date);
}

/**
 * rd_fiscal_year_bounds:
 * @fiscal_year: a fiscal year
 * @start_month: the first month of the fiscal year, 1 to 12
 * @first: (out caller-allocates): its first day
 * @last: (out caller-allocates): its last day
 */
void
rd_fiscal_year_bounds (int    fiscal_year,
                       int    start_month,
                       GDate *first,
                       GDate *last)
{
  g_return_if_fail (first != NULL && last != NULL);
  g_return_if_fail (fiscal_year > 1 && fiscal_year < 9999);

  start_month = CLAMP (start_month, 1, 12);
  g_date_clear (first, 1);
  g_date_set_dmy (first, 1, (GDateMonth) start_month,
                  (GDateYear) (start_month > 1 ? fiscal_year - 1 : fiscal_year));
  date_add_years_from (first, 1, last);
  g_date_subtract_days (last, 1);
}

/* ---------------------------------------------------------------- */
/* Contracts in money                                                */
/* ---------------------------------------------------------------- */

/**
 * rd_budget_category_for_contract:
 * @kind: (nullable): a contract kind
 *
 * Returns: (transfer none) (nullable): the budget category a contract of that kind counts against
 */
const char *
rd_budget_category_for_contract (const char *kind)
{
  if (g_strcmp0 (kind, "service") == 0 || g_strcmp0 (kind, "maintenance") == 0)
    return "service_contracts";
  if (g_strcmp0 (kind, "supply") == 0)
    return "supplies";
  if (g_strcmp0 (kind, "lease") == 0)
    return "equipment";
  if (g_strcmp0 (kind, "software") == 0)
    return "other";
  return NULL;
}

/**
 * rd_budget_contract_accrued:
 * @contract: a contract
 * @before: a date
 *
 * Returns: the contract's value for its days before @before, in cents (0 for a contract with
 *   invalid dates)
 */
gint64
rd_budget_contract_accrued (RdRecord    *contract,
                            const GDate *before)
{
  GDate start, end_excl, year_start, year_end;
  const GDate *until;
  gint64 annual, total = 0;

  g_return_val_if_fail (RD_IS_RECORD (contract), 0);
  g_return_val_if_fail (before != NULL && g_date_valid (before), 0);

  if (!contract_dates (contract, &start, &end_excl) || g_date_compare (before, &start) <= 0)
    return 0;

  annual = MAX (rd_record_get_int (contract, "annual_value"), 0);
  until = date_min (before, &end_excl);
  /* each contract year from the start date, so that a 29 February start does not drift */
  for (guint k = 0;; k++)
    {
      date_add_years_from (&start, k, &year_start);
      date_add_years_from (&start, k + 1, &year_end);
      if (g_date_compare (until, &year_end) >= 0)
        {
          total += annual;
          continue;
        }
      total += mul_div_round (annual, g_date_days_between (&year_start, until),
                              g_date_days_between (&year_start, &year_end));
      break;
    }
  return total;
}

/**
 * rd_budget_contract_in_period:
 * @contract: a contract
 * @first: the period's first day
 * @last: its last day
 *
 * Returns: the contract's value that falls in the period, pro rata by day, in cents
 */
gint64
rd_budget_contract_in_period (RdRecord    *contract,
                              const GDate *first,
                              const GDate *last)
{
  GDate after = *last;

  g_return_val_if_fail (first != NULL && g_date_valid (first), 0);
  g_return_val_if_fail (last != NULL && g_date_valid (last), 0);

  if (g_date_compare (last, first) < 0)
    return 0;
  g_date_add_days (&after, 1);
  return rd_budget_contract_accrued (contract, &after) - rd_budget_contract_accrued (contract, first);
}

/**
 * rd_budget_contract_billed_until:
 * @contract: a contract
 * @today: today
 * @out: (out caller-allocates): the first day not yet billed
 *
 * Contracts are paid monthly in arrears: the month from the start date to its first monthly
 * anniversary is due on that anniversary, and so on; the last, shorter month is due on the day
 * after the end date.
 *
 * Returns: whether anything has fallen due; @out is the start date otherwise
 */
gboolean
rd_budget_contract_billed_until (RdRecord    *contract,
                                 const GDate *today,
                                 GDate       *out)
{
  GDate start, end_excl, due;

  g_return_val_if_fail (RD_IS_RECORD (contract), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  g_date_clear (out, 1);
  if (!contract_dates (contract, &start, &end_excl))
    return FALSE;
  *out = start;
  if (g_date_compare (today, &start) <= 0)
    return FALSE;

  for (guint n = 1;; n++)
    {
      date_add_months_from (&start, n, &due);
      if (g_date_compare (&due, &end_excl) > 0)
        due = end_excl;
      if (g_date_compare (&due, today) > 0)
        break;
      *out = due;
      if (g_date_compare (&due, &end_excl) == 0)
        break;
    }
  return g_date_compare (out, &start) > 0;
}

/**
 * rd_budget_contract_spent:
 * @contract: a contract
 * @first: the period's first day
 * @last: its last day
 * @today: today
 *
 * Returns: what has fallen due of the contract (see rd_budget_contract_billed_until()) for the
 *   days of the period, in cents
 */
gint64
rd_budget_contract_spent (RdRecord    *contract,
                          const GDate *first,
                          const GDate *last,
                          const GDate *today)
{
  GDate billed, after;

  g_return_val_if_fail (first != NULL && last != NULL, 0);

  if (!rd_budget_contract_billed_until (contract, today, &billed) || g_date_compare (&billed, first) <= 0)
    return 0;
  after = *last;
  g_date_add_days (&after, 1);
  return rd_budget_contract_accrued (contract, date_min (&after, &billed))
         - rd_budget_contract_accrued (contract, first);
}

/**
 * rd_budget_contract_line_id:
 * @store: a store
 * @contract: a contract
 * @fiscal_year: a fiscal year
 *
 * Returns: (transfer full) (nullable): the budget line the contract counts against in that year
 */
char *
rd_budget_contract_line_id (RdStore  *store,
                            RdRecord *contract,
                            int       fiscal_year)
{
  g_autoptr (GPtrArray) lines = NULL;
  const char *category;
  RdRecord *line;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_RECORD (contract), NULL);

  category = rd_budget_category_for_contract (rd_record_get_text (contract, "kind"));
  if (category == NULL)
    return NULL;
  lines = rd_budget_list_year_lines (store, fiscal_year);
  line = pick_line (lines, category);
  return line != NULL ? g_strdup (rd_record_get_id (line)) : NULL;
}

/* ---------------------------------------------------------------- */
/* Lines                                                             */
/* ---------------------------------------------------------------- */

void
rd_budget_summary_free (RdBudgetSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->line_id);
  g_free (summary->category);
  g_free (summary->name);
  g_free (summary);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/**
 * rd_budget_list_years:
 * @store: a store
 *
 * Returns: (transfer full) (element-type int): the fiscal years that have budget lines, oldest first
 */
GArray *
rd_budget_list_years (RdStore *store)
{
  g_autoptr (GPtrArray) lines = NULL;
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (RD_IS_STORE (store), years);

  lines = rd_store_list (store, "budget_line", "fiscal_year");
  for (guint i = 0; i < lines->len; i++)
    {
      int year = (int) rd_record_get_int (g_ptr_array_index (lines, i), "fiscal_year");
      gboolean seen = FALSE;

      for (guint j = 0; j < years->len && !seen; j++)
        seen = g_array_index (years, int, j) == year;
      if (!seen)
        g_array_append_val (years, year);
    }
  g_array_sort (years, compare_ints);
  return years;
}

/**
 * rd_budget_summarise:
 * @store: a store
 * @fiscal_year: a fiscal year
 * @start_month: the first month of the fiscal year (the setting fiscal-year-start-month)
 * @today: today
 *
 * Returns: (transfer container) (element-type RdBudgetSummary): every line of the year, by
 *   category then name, with what is committed, spent and left of it
 */
GPtrArray *
rd_budget_summarise (RdStore     *store,
                     int          fiscal_year,
                     int          start_month,
                     const GDate *today)
{
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) contracts = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_budget_summary_free);
  GDate first, last;

  g_return_val_if_fail (RD_IS_STORE (store), out);
  g_return_val_if_fail (today != NULL && g_date_valid (today), out);

  rd_fiscal_year_bounds (fiscal_year, start_month, &first, &last);
  lines = rd_budget_list_year_lines (store, fiscal_year);
  for (guint i = 0; i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);
      RdBudgetSummary *s = summary_new (line);

      s->committed_orders = rd_budget_line_committed (store, s->line_id, NULL);
      s->spent_orders = line_spent_orders (store, s->line_id);
      g_hash_table_insert (by_id, s->line_id, s);
      g_ptr_array_add (out, s);
    }

  contracts = rd_store_list (store, "contract", NULL);
  for (guint i = 0; i < contracts->len; i++)
    {
      RdRecord *contract = g_ptr_array_index (contracts, i);
      const char *category = rd_budget_category_for_contract (rd_record_get_text (contract, "kind"));
      RdRecord *line = category != NULL ? pick_line (lines, category) : NULL;
      RdBudgetSummary *s;

      if (line == NULL)
        continue;
      s = g_hash_table_lookup (by_id, rd_record_get_id (line));
      s->committed_contracts += rd_budget_contract_in_period (contract, &first, &last);
      s->spent_contracts += rd_budget_contract_spent (contract, &first, &last, today);
    }

  for (guint i = 0; i < out->len; i++)
    rd_budget_summary_finish (g_ptr_array_index (out, i));
  return out;
}

/**
 * rd_budget_summarise_line:
 * @store: a store
 * @line_id: a budget line
 * @start_month: the first month of the fiscal year
 * @today: today
 *
 * Returns: (transfer full) (nullable): the line's summary, %NULL when there is no such line
 */
RdBudgetSummary *
rd_budget_summarise_line (RdStore     *store,
                          const char  *line_id,
                          int          start_month,
                          const GDate *today)
{
  g_autoptr (RdRecord) line = NULL;
  g_autoptr (GPtrArray) all = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (line_id != NULL, NULL);

  line = rd_store_get (store, "budget_line", line_id, NULL);
  if (line == NULL || rd_record_get_deleted (line))
    return NULL;
  all = rd_budget_summarise (store, (int) rd_record_get_int (line, "fiscal_year"), start_month, today);
  for (guint i = 0; i < all->len; i++)
    {
      RdBudgetSummary *s = g_ptr_array_index (all, i);

      if (g_str_equal (s->line_id, line_id))
        return g_ptr_array_steal_index (all, i);
    }
  return NULL;
}

static int
month_index (const GDate *first,
             const GDate *date)
{
  int months = ((int) g_date_get_year (date) - (int) g_date_get_year (first)) * 12
               + (int) g_date_get_month (date) - (int) g_date_get_month (first);

  return CLAMP (months, 0, 11);
}

/**
 * rd_budget_monthly_spending:
 * @store: a store
 * @fiscal_year: a fiscal year
 * @start_month: its first month
 * @today: today
 * @tz: (nullable): the department's time zone, for the day of a delivery; %NULL for UTC
 * @out_months: (out caller-allocates) (array fixed-size=12): what was spent in each month of the
 *   year, the first month first, in cents
 *
 * Spending month by month: deliveries in the month they were received (a receipt outside the
 * year counts in its first or last month; received value without a recorded delivery counts in
 * the month the order was placed), contract payments on the days they cover. The twelve add up
 * to the sum of the year's lines' spent.
 */
void
rd_budget_monthly_spending (RdStore     *store,
                            int          fiscal_year,
                            int          start_month,
                            const GDate *today,
                            GTimeZone   *tz,
                            gint64       out_months[12])
{
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) contracts = NULL;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  GDate first, last;
  sqlite3_stmt *stmt;

  g_return_if_fail (RD_IS_STORE (store));
  g_return_if_fail (out_months != NULL);

  memset (out_months, 0, 12 * sizeof (gint64));
  rd_fiscal_year_bounds (fiscal_year, start_month, &first, &last);
  lines = rd_budget_list_year_lines (store, fiscal_year);

  /* Orders: what each line received, spread over the months of its deliveries. */
  for (guint i = 0; i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);
      g_autoptr (GPtrArray) orders = rd_store_list_by (store, "purchase_order", "budget_line_id",
                                                       rd_record_get_id (line), NULL);

      for (guint j = 0; j < orders->len; j++)
        {
          RdRecord *po = g_ptr_array_index (orders, j);
          gint64 received = 0, placed = 0;
          GDate ordered_on;

          if (g_strcmp0 (rd_record_get_text (po, "status"), "draft") == 0 ||
              g_strcmp0 (rd_record_get_text (po, "status"), "submitted") == 0)
            continue;

          stmt = rd_store_prepare (store,
                                   "SELECT COALESCE(SUM(received_qty * unit_cost), 0) FROM po_line "
                                   "WHERE deleted = 0 AND po_id = ?1", NULL);
          if (stmt == NULL)
            return;
          sqlite3_bind_text (stmt, 1, rd_record_get_id (po), -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            received = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          if (received == 0)
            continue;

          stmt = rd_store_prepare (store,
                                   "SELECT m.at, m.quantity * l.unit_cost FROM stock_movement m "
                                   "JOIN po_line l ON l.po_id = m.po_id AND l.item_id = m.item_id AND l.deleted = 0 "
                                   "WHERE m.deleted = 0 AND m.kind = 'receive' AND m.po_id = ?1", NULL);
          if (stmt == NULL)
            return;
          sqlite3_bind_text (stmt, 1, rd_record_get_id (po), -1, SQLITE_TRANSIENT);
          while (sqlite3_step (stmt) == SQLITE_ROW && placed < received)
            {
              g_autoptr (GDateTime) utc_at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0));
              g_autoptr (GDateTime) at = utc_at != NULL ? g_date_time_to_timezone (utc_at, tz != NULL ? tz : utc) : NULL;
              gint64 value = MIN (sqlite3_column_int64 (stmt, 1), received - placed);
              GDate day;

              if (at == NULL)
                continue;
              g_date_clear (&day, 1);
              g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (at),
                              (GDateMonth) g_date_time_get_month (at), (GDateYear) g_date_time_get_year (at));
              out_months[month_index (&first, &day)] += value;
              placed += value;
            }
          sqlite3_reset (stmt);

          if (placed < received)
            {
              if (!rd_contract_parse_date (rd_record_get_text (po, "ordered_on"), &ordered_on))
                ordered_on = first;
              out_months[month_index (&first, &ordered_on)] += received - placed;
            }
        }
    }

  /* Contracts: what has fallen due, on the days it covers. */
  contracts = rd_store_list (store, "contract", NULL);
  for (guint i = 0; i < contracts->len; i++)
    {
      RdRecord *contract = g_ptr_array_index (contracts, i);
      const char *category = rd_budget_category_for_contract (rd_record_get_text (contract, "kind"));

      if (category == NULL || pick_line (lines, category) == NULL)
        continue;
      for (int m = 0; m < 12; m++)
        {
          GDate month_first, month_last;

          date_add_months_from (&first, (guint) m, &month_first);
          date_add_months_from (&first, (guint) m + 1, &month_last);
          g_date_subtract_days (&month_last, 1);
          out_months[m] += rd_budget_contract_spent (contract, &month_first, &month_last, today);
        }
    }
}
