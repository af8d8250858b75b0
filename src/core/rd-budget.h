/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget.h: fiscal years, budget lines with what orders and contracts commit and spend, the report. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/**
 * RD_BUDGET_CLOSE_PERCENT:
 *
 * A line whose commitments reach this share of its amount is "close" to it.
 */
#define RD_BUDGET_CLOSE_PERCENT 90

/**
 * RdBudgetSummary:
 * @line_id: the budget_line
 * @fiscal_year: its fiscal year
 * @category: its category ("supplies", …)
 * @name: (nullable): its name
 * @amount: its amount, in cents
 * @committed_orders: what purchase orders commit (rd_budget_line_committed())
 * @committed_contracts: the contracts' annual values that fall in the fiscal year, pro rata by day
 * @committed: the sum of the two
 * @spent_orders: received quantities × unit cost of the line's orders
 * @spent_contracts: contract payments due to date (monthly in arrears) within the fiscal year
 * @spent: the sum of the two
 * @remaining: @amount − @committed (negative when over)
 * @over: @committed is more than @amount
 * @close: not over, but @committed reaches %RD_BUDGET_CLOSE_PERCENT of @amount
 */
typedef struct
{
  char     *line_id;
  int       fiscal_year;
  char     *category;
  char     *name;
  gint64    amount;
  gint64    committed_orders;
  gint64    committed_contracts;
  gint64    committed;
  gint64    spent_orders;
  gint64    spent_contracts;
  gint64    spent;
  gint64    remaining;
  gboolean  over;
  gboolean  close;
} RdBudgetSummary;

void rd_budget_summary_free (RdBudgetSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdBudgetSummary, rd_budget_summary_free)

/* Fiscal years: a fiscal year starting in January is the calendar year; one starting in another
 * month is named by the calendar year it ends in (FY2027 of an October start runs from
 * 1 October 2026 to 30 September 2027). */
int          rd_fiscal_year_for_date         (const GDate *date,
                                              int          start_month);
void         rd_fiscal_year_bounds           (int          fiscal_year,
                                              int          start_month,
                                              GDate       *first,
                                              GDate       *last);

/* Contracts in money */
const char  *rd_budget_category_for_contract (const char  *kind);
gint64       rd_budget_contract_accrued      (RdRecord    *contract,
                                              const GDate *before);
gint64       rd_budget_contract_in_period    (RdRecord    *contract,
                                              const GDate *first,
                                              const GDate *last);
gboolean     rd_budget_contract_billed_until (RdRecord    *contract,
                                              const GDate *today,
                                              GDate       *out);
gint64       rd_budget_contract_spent        (RdRecord    *contract,
                                              const GDate *first,
                                              const GDate *last,
                                              const GDate *today);
char        *rd_budget_contract_line_id      (RdStore     *store,
                                              RdRecord    *contract,
                                              int          fiscal_year);

/* Lines */
GArray      *rd_budget_list_years            (RdStore     *store);
GPtrArray   *rd_budget_summarise             (RdStore     *store,
                                              int          fiscal_year,
                                              int          start_month,
                                              const GDate *today);
RdBudgetSummary *rd_budget_summarise_line    (RdStore     *store,
                                              const char  *line_id,
                                              int          start_month,
                                              const GDate *today);
void         rd_budget_monthly_spending      (RdStore     *store,
                                              int          fiscal_year,
                                              int          start_month,
                                              const GDate *today,
                                              GTimeZone   *tz,
                                              gint64       out_months[12]);
char        *rd_budget_report_csv            (RdStore     *store,
                                              int          fiscal_year,
                                              int          start_month,
                                              const GDate *today);

/* Validation and saving: refuses with RD_ERROR_INVALID and a sentence, names the column in
 * @out_field and saves nothing. */
gboolean     rd_budget_check_line            (RdStore     *store,
                                              RdRecord    *line,
                                              const char **out_field,
                                              GError     **error);
gboolean     rd_budget_save_line             (RdStore     *store,
                                              RdRecord    *line,
                                              const char  *user,
                                              const char **out_field,
                                              GError     **error);

G_END_DECLS
