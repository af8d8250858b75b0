/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-header.c: the column titles of a schedule grid, kept in sight above its scrolled window. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-schedule-header.h"

#define HEIGHT 36

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdScheduleHeader
{
  GtkWidget       parent_instance;

  RdScheduleGrid *grid;        /* weak: the grid lives beside the header in one page */
  GtkAdjustment  *hadjustment; /* the grid's scrolled window's, so titles follow the columns */
  gulong          layout_id;
  gulong          value_id;
};

G_DEFINE_FINAL_TYPE (RdScheduleHeader, rd_schedule_header, GTK_TYPE_WIDGET)

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_grid_layout_changed (RdScheduleGrid   *grid,
                        RdScheduleHeader *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_weak_grid_gone (gpointer  data,
                   GObject  *where_the_object_was)
{
  RdScheduleHeader *self = data;

  self->grid = NULL;
  self->layout_id = 0;
}

/* ---------------------------------------------------------------- */
/* GtkWidget overrides                                               */
/* ---------------------------------------------------------------- */

static void
rd_schedule_header_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  /* As narrow as the window wants: the titles scroll with the grid, not with the header. */
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? HEIGHT : 0;
}

static void
rd_schedule_header_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  RdScheduleHeader *self = RD_SCHEDULE_HEADER (widget);
  int width = gtk_widget_get_width (widget);
  double offset = self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
  guint n = self->grid != NULL ? rd_schedule_grid_get_n_columns (self->grid) : 0;
  double axis = 0;
  GdkRGBA fg, line;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  line = fg, line.alpha = 0.15;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, HEIGHT));
  for (guint c = 0; c < n; c++)
    {
      double colw;
      double x = rd_schedule_grid_get_column_x (self->grid, c, &colw) - offset;
      g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", rd_schedule_grid_get_column_title (self->grid, c));

      if (c == 0)
        axis = x + offset;
      if (x + colw < axis || x > width)
        continue;
      pango_layout_set_markup (layout, markup, -1);
      pango_layout_set_width (layout, (int) ((colw - 12) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, 0, 1, HEIGHT));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 6, 9));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, HEIGHT - 1, width, 1));
  gtk_snapshot_pop (snapshot);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_schedule_header_dispose (GObject *object)
{
  RdScheduleHeader *self = RD_SCHEDULE_HEADER (object);

  if (self->grid != NULL)
    {
      g_clear_signal_handler (&self->layout_id, self->grid);
      g_object_weak_unref (G_OBJECT (self->grid), on_weak_grid_gone, self);
      self->grid = NULL;
    }
  if (self->hadjustment != NULL)
    g_clear_signal_handler (&self->value_id, self->hadjustment);
  g_clear_object (&self->hadjustment);

  G_OBJECT_CLASS (rd_schedule_header_parent_class)->dispose (object);
}

static void
rd_schedule_header_class_init (RdScheduleHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_schedule_header_dispose;
  widget_class->measure = rd_schedule_header_measure;
  widget_class->snapshot = rd_schedule_header_snapshot;

  gtk_widget_class_set_css_name (widget_class, "schedule-header");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
rd_schedule_header_init (RdScheduleHeader *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_schedule_header_new:
 * @grid: the grid whose column titles it shows
 * @hadjustment: the horizontal adjustment of the grid's scrolled window
 *
 * Returns: (transfer floating): the header
 */
GtkWidget *
rd_schedule_header_new (RdScheduleGrid *grid,
                        GtkAdjustment  *hadjustment)
{
  RdScheduleHeader *self = g_object_new (RD_TYPE_SCHEDULE_HEADER, NULL);

  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (grid), NULL);
  g_return_val_if_fail (GTK_IS_ADJUSTMENT (hadjustment), NULL);

  self->grid = grid;
  g_object_weak_ref (G_OBJECT (grid), on_weak_grid_gone, self);
  self->layout_id = g_signal_connect (grid, "layout-changed", G_CALLBACK (on_grid_layout_changed), self);
  self->hadjustment = g_object_ref (hadjustment);
  self->value_id = g_signal_connect_swapped (hadjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  return GTK_WIDGET (self);
}
