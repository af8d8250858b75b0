/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-private.h: helpers shared by the budget's sums and its report and validation. */

#pragma once

#include "rd-budget.h"

G_BEGIN_DECLS

void       rd_budget_summary_finish  (RdBudgetSummary *s);
GPtrArray *rd_budget_list_year_lines (RdStore         *store,
                                      int              fiscal_year);

G_END_DECLS
