/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-report.h: the budget report — saved as CSV and printed (or saved as PDF) through GtkPrintOperation. */

#pragma once

#include <gtk/gtk.h>

#include "rd-budget-chart.h"
#include "rd-store.h"

G_BEGIN_DECLS

void rd_budget_report_export (GtkWidget     *parent,
                              RdStore       *store,
                              int            fiscal_year,
                              int            start_month);
void rd_budget_report_print  (GtkWidget     *parent,
                              RdStore       *store,
                              RdBudgetChart *chart,
                              int            fiscal_year,
                              int            start_month);

G_END_DECLS
