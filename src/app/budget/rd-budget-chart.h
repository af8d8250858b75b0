/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-chart.h: a chart of budget, committed and spent per category, and spending month by month. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_BUDGET_CHART (rd_budget_chart_get_type ())
G_DECLARE_FINAL_TYPE (RdBudgetChart, rd_budget_chart, RD, BUDGET_CHART, GtkWidget)

GtkWidget *rd_budget_chart_new      (void);
void       rd_budget_chart_set_data (RdBudgetChart *self,
                                     GPtrArray     *summaries,
                                     const gint64   months[12],
                                     int            start_month);
char      *rd_budget_chart_describe (RdBudgetChart *self);
void       rd_budget_chart_draw     (RdBudgetChart *self,
                                     cairo_t       *cr,
                                     PangoLayout   *layout,
                                     double         width,
                                     double         height,
                                     const GdkRGBA *foreground,
                                     gboolean       dark);

G_END_DECLS
