/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-grid-draw.c: what the schedule grid draws under its booking blocks: hours, closed time, downtime, cursor, now. */

#include "config.h"

#include "rd-schedule-grid-private.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         w,
             double         h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
draw_text (GtkWidget   *widget,
           GtkSnapshot *snapshot,
           const char  *text,
           double       x,
           double       y,
           double       width,
           gboolean     bold,
           const GdkRGBA *color)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);

  if (bold)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);
      pango_layout_set_markup (layout, markup, -1);
    }
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* ---------------------------------------------------------------- */
/* Drawing                                                           */
/* ---------------------------------------------------------------- */

void
rd_schedule_grid_draw (RdScheduleGrid *self,
                       GtkSnapshot    *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double colw = column_width (self);
  GdkRGBA fg, line, faint, closed, down, now_color = { 0.88, 0.11, 0.14, 1 }, accent = { 0.21, 0.52, 0.89, 1 };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  line = fg, line.alpha = 0.15;
  faint = fg, faint.alpha = 0.06;
  closed = fg, closed.alpha = 0.07;
  down = (GdkRGBA) { 0.6, 0.4, 0.1, 0.22 };

  /* Closed hours and column separators */
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *col = &g_array_index (self->columns, Column, c);
      double x = AXIS_WIDTH + c * colw;

      if (col->open_minute < 0)
        append_rect (snapshot, &closed, x, self->header_height, colw, height - self->header_height);
      else
        {
          if (col->open_minute > self->first_minute)
            append_rect (snapshot, &closed, x, self->header_height, colw,
                         (col->open_minute - self->first_minute) * PX_PER_MINUTE);
          if (col->close_minute < self->last_minute)
            append_rect (snapshot, &closed, x, y_of_minute (self, col->close_minute), colw,
                         (self->last_minute - col->close_minute) * PX_PER_MINUTE);
        }
      append_rect (snapshot, &line, x, 0, 1, height);
      if (self->header_height > 0)
        draw_text (widget, snapshot, col->title, x + 6, 10, colw - 12, TRUE, &fg);
    }
  if (self->header_height > 0)
    append_rect (snapshot, &line, 0, self->header_height - 1, width, 1);

  /* Hour and half-hour lines, with the hour on the axis */
  for (int m = ((self->first_minute + 29) / 30) * 30; m <= self->last_minute; m += 30)
    {
      double y = y_of_minute (self, m);

      append_rect (snapshot, m % 60 == 0 ? &line : &faint, AXIS_WIDTH, y, width - AXIS_WIDTH, 1);
      if (m % 60 == 0 && m < self->last_minute)
        {
          g_autofree char *hour = g_strdup_printf ("%02d:00", (m / 60) % 24);
          draw_text (widget, snapshot, hour, 6, y + 2, AXIS_WIDTH - 10, FALSE, &fg);
        }
    }

  /* Downtime, shaded with its reason */
  for (guint i = 0; i < self->downtimes->len; i++)
    {
      Downtime *d = &g_array_index (self->downtimes, Downtime, i);
      double s = MAX (d->start_minute, self->first_minute), e = MIN (d->end_minute, self->last_minute);
      double x = AXIS_WIDTH + d->column * colw;

      if (e <= s)
        continue;
      append_rect (snapshot, &down, x + 1, y_of_minute (self, s), colw - 1, (e - s) * PX_PER_MINUTE);
      for (double yy = y_of_minute (self, s) + 8; yy < y_of_minute (self, e); yy += 12)
        append_rect (snapshot, &down, x + 1, yy, colw - 1, 2);
      draw_text (widget, snapshot, d->reason, x + 6, y_of_minute (self, s) + 4, colw - 12, TRUE, &fg);
    }

  /* The keyboard cursor, when the grid itself has focus */
  if (gtk_widget_has_visible_focus (widget) && gtk_widget_is_focus (widget) && self->columns->len > 0)
    {
      GskRoundedRect outline;
      GdkRGBA colors[4] = { accent, accent, accent, accent };
      float widths[4] = { 2, 2, 2, 2 };

      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (AXIS_WIDTH + self->cursor_column * colw + 2,
                                                            y_of_minute (self, self->cursor_minute),
                                                            colw - 4, 15 * PX_PER_MINUTE), 4);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }

  /* The current time, in the columns of today */
  for (guint c = 0; c < self->columns->len && self->now > 0; c++)
    {
      Column *col = &g_array_index (self->columns, Column, c);
      double m = minute_in_column (self, col, self->now);

      if (m >= self->first_minute && m <= self->last_minute && m < 24 * 60 && m >= 0)
        append_rect (snapshot, &now_color, AXIS_WIDTH + c * colw, y_of_minute (self, m) - 1, colw, 2);
    }
}
