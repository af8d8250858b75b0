/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-page.h: the Budget page — lines per fiscal year with committed, spent and remaining, and a chart. */

#pragma once

#include <adwaita.h>

#include "rd-page.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_BUDGET_PAGE (rd_budget_page_get_type ())
G_DECLARE_FINAL_TYPE (RdBudgetPage, rd_budget_page, RD, BUDGET_PAGE, RdPage)

RdBudgetPage *rd_budget_page_new           (RdStore      *store);
void          rd_budget_page_show_year     (RdBudgetPage *self,
                                            int           fiscal_year);
int           rd_budget_page_get_year      (RdBudgetPage *self);

G_END_DECLS
