/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-chart.c: a chart of budget, committed and spent per category, and spending month by month. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-budget.h"
#include "rd-budget-chart.h"
#include "rd-format.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

#define N_CATEGORIES 5

static const char *const categories[N_CATEGORIES] = { "supplies", "service_contracts", "equipment", "training", "other" };

typedef struct
{
  gboolean present;
  gint64   budget;
  gint64   committed;
  gint64   spent;
} Totals;

struct _RdBudgetChart
{
  GtkWidget parent_instance;

  Totals    totals[N_CATEGORIES];
  gint64    months[12];
  int       start_month;
};

G_DEFINE_FINAL_TYPE (RdBudgetChart, rd_budget_chart, GTK_TYPE_WIDGET)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

/* "$12.3k", "$1.2M": short enough to stand beside a bar. */
static char *
format_short (gint64 cents)
{
  double dollars = (double) cents / 100.0;
  double magnitude = ABS (dollars);

  if (magnitude >= 1e6)
    return g_strdup_printf ("%s$%.2fM", dollars < 0 ? "−" : "", magnitude / 1e6);
  if (magnitude >= 1e4)
    return g_strdup_printf ("%s$%.0fk", dollars < 0 ? "−" : "", magnitude / 1e3);
  if (magnitude >= 1e3)
    return g_strdup_printf ("%s$%.1fk", dollars < 0 ? "−" : "", magnitude / 1e3);
  return g_strdup_printf ("%s$%.0f", dollars < 0 ? "−" : "", magnitude);
}

static const char *
category_label (const char *category)
{
  if (g_strcmp0 (category, "supplies") == 0)
    return _("Supplies");
  if (g_strcmp0 (category, "service_contracts") == 0)
    return _("Service contracts");
  if (g_strcmp0 (category, "equipment") == 0)
    return _("Equipment");
  if (g_strcmp0 (category, "training") == 0)
    return _("Training");
  return _("Other");
}

static const char *
month_name (int start_month,
            int index)
{
  static const char *const names[] = { N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                       N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec") };

  return _(names[(start_month - 1 + index) % 12]);
}

static void
set_rgba (cairo_t       *cr,
          const GdkRGBA *c,
          double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       align)   /* 0 left, 0.5 centre, 1 right of x */
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* ---------------------------------------------------------------- */
/* GtkWidget overrides                                               */
/* ---------------------------------------------------------------- */

static void
rd_budget_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RdBudgetChart *self = RD_BUDGET_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autoptr (PangoFontDescription) font = NULL;
  GdkRGBA fg;
  cairo_t *cr;
  gboolean dark;

  if (width <= 0 || height <= 0)
    return;

  /* gtk_widget_get_color() is GTK 4.10; 4.8 has the style context */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* light text means a dark style */
  dark = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;

  /* a little smaller than the body text, so that twelve months' figures fit */
  font = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));
  if (pango_font_description_get_size (font) <= 0)
    pango_font_description_set_size (font, 8 * PANGO_SCALE);
  else if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, pango_font_description_get_size (font) * 78 / 100);
  else
    pango_font_description_set_size (font, pango_font_description_get_size (font) * 78 / 100);
  pango_layout_set_font_description (layout, font);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  rd_budget_chart_draw (self, cr, layout, width, height, &fg, dark);
  cairo_destroy (cr);
}

static void
rd_budget_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 560, *natural = 900;
  else
    *minimum = 280, *natural = 320;
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_budget_chart_class_init (RdBudgetChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = rd_budget_chart_snapshot;
  widget_class->measure = rd_budget_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "budgetchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rd_budget_chart_init (RdBudgetChart *self)
{
  self->start_month = 1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Budget chart"), -1);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

GtkWidget *
rd_budget_chart_new (void)
{
  return g_object_new (RD_TYPE_BUDGET_CHART, NULL);
}

/**
 * rd_budget_chart_set_data:
 * @summaries: (element-type RdBudgetSummary): the lines of one fiscal year
 * @months: spending in each month of the year
 * @start_month: the year's first month, for the month names
 */
void
rd_budget_chart_set_data (RdBudgetChart *self,
                          GPtrArray     *summaries,
                          const gint64   months[12],
                          int            start_month)
{
  g_autofree char *description = NULL;

  g_return_if_fail (RD_IS_BUDGET_CHART (self));

  memset (self->totals, 0, sizeof self->totals);
  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      RdBudgetSummary *s = g_ptr_array_index (summaries, i);

      for (guint c = 0; c < N_CATEGORIES; c++)
        if (g_strcmp0 (s->category, categories[c]) == 0)
          {
            self->totals[c].present = TRUE;
            self->totals[c].budget += s->amount;
            self->totals[c].committed += s->committed;
            self->totals[c].spent += s->spent;
          }
    }
  memcpy (self->months, months, sizeof self->months);
  self->start_month = CLAMP (start_month, 1, 12);

  description = rd_budget_chart_describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rd_budget_chart_describe:
 *
 * Returns: (transfer full): what the chart shows, in sentences (its accessible description)
 */
char *
rd_budget_chart_describe (RdBudgetChart *self)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < N_CATEGORIES; c++)
    {
      g_autofree char *budget = NULL, *committed = NULL, *spent = NULL;

      if (!self->totals[c].present)
        continue;
      budget = rd_format_money (self->totals[c].budget);
      committed = rd_format_money (self->totals[c].committed);
      spent = rd_format_money (self->totals[c].spent);
      /* Translators: one category of the budget chart, read out */
      g_string_append_printf (out, _("%s: budget %s, committed %s, spent %s%s. "),
                              category_label (categories[c]), budget, committed, spent,
                              self->totals[c].committed > self->totals[c].budget ? _(", over budget") : "");
    }
  g_string_append (out, _("Spending by month: "));
  for (int m = 0; m < 12; m++)
    {
      g_autofree char *money = rd_format_money (self->months[m]);

      g_string_append_printf (out, "%s %s%s", month_name (self->start_month, m), money, m < 11 ? ", " : ".");
    }
  return g_string_free (out, FALSE);
}

/**
 * rd_budget_chart_draw:
 * @cr: where to draw
 * @layout: a layout in the font to write with
 * @width: the area's width
 * @height: the area's height
 * @foreground: the text colour
 * @dark: whether the background is dark
 *
 * Draws the chart: on the left budget, committed and spent per category as horizontal bars with
 * their figures beside them; on the right spending month by month. Also used for printing.
 */
void
rd_budget_chart_draw (RdBudgetChart *self,
                      cairo_t       *cr,
                      PangoLayout   *layout,
                      double         width,
                      double         height,
                      const GdkRGBA *foreground,
                      gboolean       dark)
{
  const GdkRGBA committed_colour = dark ? (GdkRGBA) { 0.38, 0.63, 0.92, 1 } : (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  const GdkRGBA spent_colour = dark ? (GdkRGBA) { 0.34, 0.89, 0.54, 1 } : (GdkRGBA) { 0.15, 0.64, 0.41, 1 };
  const GdkRGBA over_colour = dark ? (GdkRGBA) { 0.96, 0.38, 0.32, 1 } : (GdkRGBA) { 0.75, 0.11, 0.16, 1 };
  const char *const legend[] = { _("Budget"), _("Committed"), _("Spent") };
  const GdkRGBA *legend_colours[] = { foreground, &committed_colour, &spent_colour };
  double left_w = width * 0.5, label_w = 130, text_w = 80, bar_h = 9, gap = 2, group_gap = 12;
  double x0 = 8, y = 36, max_value = 1, month_max = 1;
  double right_x = left_w + 24, right_w = width - right_x - 8, base_y = height - 24, top_y = 52;
  guint n_present = 0;

  for (guint c = 0; c < N_CATEGORIES; c++)
    if (self->totals[c].present)
      {
        n_present++;
        max_value = MAX (max_value, MAX (self->totals[c].budget, MAX (self->totals[c].committed, self->totals[c].spent)));
      }
  for (int m = 0; m < 12; m++)
    month_max = MAX (month_max, self->months[m]);

  /* headings and legend */
  set_rgba (cr, foreground, 1.0);
  show_text (cr, layout, _("By category"), x0, 10, 0);
  show_text (cr, layout, _("Spending month by month"), right_x, 10, 0);
  for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
    {
      double lx = x0 + i * 110;

      set_rgba (cr, legend_colours[i], i == 0 ? 0.3 : 1.0);
      cairo_rectangle (cr, lx, 24, 12, 8);
      cairo_fill (cr);
      set_rgba (cr, foreground, 0.8);
      show_text (cr, layout, legend[i], lx + 16, 28, 0);
    }

  if (n_present == 0)
    {
      set_rgba (cr, foreground, 0.6);
      show_text (cr, layout, _("No budget lines in this fiscal year"), x0, 60, 0);
    }

  /* by category */
  y = 48;
  bar_h = MIN (bar_h, MAX (4, (height - y - 8 - n_present * group_gap) / MAX (1, n_present * 3) - gap));
  for (guint c = 0; c < N_CATEGORIES; c++)
    {
      const Totals *t = &self->totals[c];
      gint64 values[3] = { t->budget, t->committed, t->spent };
      double bar_area = left_w - x0 - label_w - text_w;
      gboolean over = t->committed > t->budget;

      if (!t->present)
        continue;
      set_rgba (cr, foreground, 1.0);
      show_text (cr, layout, category_label (categories[c]), x0, y + (3 * (bar_h + gap)) / 2.0, 0);
      for (int k = 0; k < 3; k++)
        {
          double w = MAX (1.0, bar_area * (double) MAX (values[k], 0) / max_value);
          double by = y + k * (bar_h + gap);
          g_autofree char *text = format_short (values[k]);

          if (k == 0)
            set_rgba (cr, foreground, 0.3);
          else if (k == 1 && over)
            set_rgba (cr, &over_colour, 1.0);
          else
            set_rgba (cr, legend_colours[k], 1.0);
          cairo_rectangle (cr, x0 + label_w, by, w, bar_h);
          cairo_fill (cr);

          if (k == 1 && over)
            {
              g_autofree char *over_text = g_strdup_printf (_("%s — over"), text);

              set_rgba (cr, &over_colour, 1.0);
              show_text (cr, layout, over_text, x0 + label_w + w + 4, by + bar_h / 2.0, 0);
            }
          else
            {
              set_rgba (cr, foreground, 0.85);
              show_text (cr, layout, text, x0 + label_w + w + 4, by + bar_h / 2.0, 0);
            }
        }
      y += 3 * (bar_h + gap) + group_gap;
    }

  /* month by month */
  set_rgba (cr, foreground, 0.3);
  cairo_rectangle (cr, right_x, base_y, right_w, 1);
  cairo_fill (cr);
  for (int m = 0; m < 12; m++)
    {
      double slot = right_w / 12.0;
      double bw = slot * 0.6;
      double bx = right_x + m * slot + (slot - bw) / 2.0;
      double bh = (base_y - top_y - 26) * (double) MAX (self->months[m], 0) / month_max;

      set_rgba (cr, &spent_colour, 1.0);
      cairo_rectangle (cr, bx, base_y - bh, bw, bh);
      cairo_fill (cr);

      set_rgba (cr, foreground, 0.85);
      show_text (cr, layout, month_name (self->start_month, m), bx + bw / 2.0, base_y + 10, 0.5);
      if (self->months[m] > 0)
        {
          g_autofree char *text = format_short (self->months[m]);

          /* every other figure a line higher, so that neighbours never overlap */
          show_text (cr, layout, text, bx + bw / 2.0, base_y - bh - 8 - (m % 2) * 12, 0.5);
        }
    }
}
