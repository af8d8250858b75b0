/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-page.h: the Budget page — the budget lines of each fiscal year. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_BUDGET_PAGE (rd_budget_page_get_type ())
G_DECLARE_FINAL_TYPE (RdBudgetPage, rd_budget_page, RD, BUDGET_PAGE, AdwBin)

RdBudgetPage *rd_budget_page_new (RdStore *store);

G_END_DECLS
