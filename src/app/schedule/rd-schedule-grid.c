/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-grid.c: the time grid of the schedule — columns of modalities or days, bookings as blocks. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-booking-block.h"
#include "rd-opening-hours.h"
#include "rd-schedule-grid-private.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (RdScheduleGrid, rd_schedule_grid, GTK_TYPE_WIDGET)

guint rd_schedule_grid_signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
column_clear (gpointer data)
{
  Column *c = data;

  g_free (c->title);
  g_free (c->modality_id);
  g_free (c->modality_name);
}

static void
downtime_clear (gpointer data)
{
  g_free (((Downtime *) data)->reason);
}

static void
block_free (gpointer data)
{
  Block *b = data;

  gtk_widget_unparent (b->block);
  g_free (b);
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const Block *x = *(Block **) a, *y = *(Block **) b;

  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  return x->start_minute < y->start_minute ? -1 : x->start_minute > y->start_minute ? 1 : 0;
}

/* Overlapping blocks of one column (conflicts) share its width side by side. */
static void
assign_lanes (RdScheduleGrid *self)
{
  guint i = 0;

  g_ptr_array_sort (self->blocks, compare_blocks);
  self->blocks_dirty = FALSE;
  while (i < self->blocks->len)
    {
      Block *first = g_ptr_array_index (self->blocks, i);
      double cluster_end = first->end_minute;
      double lane_end[8] = { 0 };
      int lanes = 0;
      guint j;

      for (j = i; j < self->blocks->len; j++)
        {
          Block *b = g_ptr_array_index (self->blocks, j);
          int lane;

          if (b->column != first->column || (j > i && b->start_minute >= cluster_end))
            break;
          for (lane = 0; lane < lanes && lane_end[lane] > b->start_minute; lane++)
            ;
          if (lane == lanes && lanes < (int) G_N_ELEMENTS (lane_end))
            lanes++;
          lane = MIN (lane, (int) G_N_ELEMENTS (lane_end) - 1);
          lane_end[lane] = b->end_minute;
          b->lane = lane;
          cluster_end = MAX (cluster_end, b->end_minute);
        }

      for (guint k = i; k < j; k++)
        ((Block *) g_ptr_array_index (self->blocks, k))->lanes = lanes;
      i = j;
    }

  /* Blocks keep the order of columns, then time, so Tab goes down a column, then to the next. */
  for (guint k = self->blocks->len; k > 1; k--)
    {
      Block *later = g_ptr_array_index (self->blocks, k - 1);
      Block *earlier = g_ptr_array_index (self->blocks, k - 2);

      if (gtk_widget_get_prev_sibling (later->block) != earlier->block)
        gtk_widget_insert_after (later->block, GTK_WIDGET (self), earlier->block);
    }
}

static void
ensure_lanes (RdScheduleGrid *self)
{
  if (self->blocks_dirty)
    assign_lanes (self);
}

/* Scrolls the scrolled window the grid sits in just enough to show a rectangle of the grid. */
void
rd_schedule_grid_scroll_to_rect (RdScheduleGrid        *self,
                                 const graphene_rect_t *rect)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj[2];
  double start[2] = { rect->origin.x, rect->origin.y }, size[2] = { rect->size.width, rect->size.height };

  if (scroller == NULL)
    return;
  adj[0] = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  adj[1] = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  for (guint i = 0; i < 2; i++)
    {
      double value = gtk_adjustment_get_value (adj[i]);
      double page = gtk_adjustment_get_page_size (adj[i]);
      double margin = i == 1 ? 12 : 0;

      if (i == 0 && start[i] < AXIS_WIDTH + value)
        gtk_adjustment_set_value (adj[i], start[i] - AXIS_WIDTH);
      else if (start[i] < value)
        gtk_adjustment_set_value (adj[i], start[i] - margin);
      else if (start[i] + size[i] > value + page)
        gtk_adjustment_set_value (adj[i], MIN (start[i] - margin, start[i] + size[i] - page + margin));
    }
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_block_activate (RdBookingBlock *block,
                   RdScheduleGrid *self)
{
  g_signal_emit (self, rd_schedule_grid_signals[BOOKING_ACTIVATED], 0, rd_booking_block_get_booking (block));
}

/* ---------------------------------------------------------------- */
/* GtkWidget overrides                                               */
/* ---------------------------------------------------------------- */

static void
rd_schedule_grid_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RdScheduleGrid *self = RD_SCHEDULE_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = AXIS_WIDTH + MAX (self->columns->len, 1) * MIN_COLUMN;
  else
    *minimum = *natural = self->header_height + (int) ((self->last_minute - self->first_minute) * PX_PER_MINUTE) + 1;
}

static void
rd_schedule_grid_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RdScheduleGrid *self = RD_SCHEDULE_GRID (widget);
  double colw = MAX ((width - AXIS_WIDTH) / (double) MAX (self->columns->len, 1), 40.0);

  ensure_lanes (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      double lane_w = (colw - 6) / MAX (b->lanes, 1);
      double x = AXIS_WIDTH + b->column * colw + 3 + b->lane * lane_w;
      double y = y_of_minute (self, b->start_minute);
      double h = MAX ((b->end_minute - b->start_minute) * PX_PER_MINUTE, MIN_BLOCK);
      GskTransform *transform;
      int min_w, min_h;

      if (b == self->dragged && self->drag_moved)
        {
          if (self->resizing)
            h = MAX (h + self->drag_dy, MIN_BLOCK);
          else
            {
              x += self->drag_dx;
              y += self->drag_dy;
            }
        }

      /* Children must be measured before they are allocated; a short block clips its labels. */
      gtk_widget_measure (b->block, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      gtk_widget_measure (b->block, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
      transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT ((float) x, (float) y));
      gtk_widget_allocate (b->block, MAX ((int) lane_w - 2, 1), MAX ((int) h - 1, 1), -1, transform);
    }

  if (width != self->last_width)
    {
      self->last_width = width;
      g_signal_emit (self, rd_schedule_grid_signals[LAYOUT_CHANGED], 0);
    }
}

/* Tab or an arrow onto a booking brings it into view (the viewport's own scroll-to-focus would
 * scroll to the whole grid, its direct child). */
static void
rd_schedule_grid_set_focus_child (GtkWidget *widget,
                                  GtkWidget *child)
{
  RdScheduleGrid *self = RD_SCHEDULE_GRID (widget);
  graphene_rect_t bounds;

  GTK_WIDGET_CLASS (rd_schedule_grid_parent_class)->set_focus_child (widget, child);
  if (child != NULL && gtk_widget_compute_bounds (child, widget, &bounds))
    rd_schedule_grid_scroll_to_rect (self, &bounds);
}

static void
rd_schedule_grid_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  rd_schedule_grid_draw (RD_SCHEDULE_GRID (widget), snapshot);
  GTK_WIDGET_CLASS (rd_schedule_grid_parent_class)->snapshot (widget, snapshot);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_schedule_grid_dispose (GObject *object)
{
  RdScheduleGrid *self = RD_SCHEDULE_GRID (object);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_schedule_grid_parent_class)->dispose (object);
}

static void
rd_schedule_grid_finalize (GObject *object)
{
  RdScheduleGrid *self = RD_SCHEDULE_GRID (object);

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->downtimes, g_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rd_schedule_grid_parent_class)->finalize (object);
}

static void
rd_schedule_grid_class_init (RdScheduleGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_schedule_grid_dispose;
  object_class->finalize = rd_schedule_grid_finalize;
  widget_class->measure = rd_schedule_grid_measure;
  widget_class->size_allocate = rd_schedule_grid_size_allocate;
  widget_class->snapshot = rd_schedule_grid_snapshot;
  widget_class->set_focus_child = rd_schedule_grid_set_focus_child;

  /**
   * RdScheduleGrid::create:
   * @column: the column
   * @start: the time chosen (Unix seconds)
   *
   * A double click or Enter on an empty slot.
   */
  rd_schedule_grid_signals[CREATE] = g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT64);
  rd_schedule_grid_signals[BOOKING_ACTIVATED] = g_signal_new ("booking-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, RD_TYPE_RECORD);
  /**
   * RdScheduleGrid::booking-dropped:
   * @booking: the booking as it was
   * @column: the column it was dropped on
   * @start: its new start
   * @end: its new end
   */
  rd_schedule_grid_signals[BOOKING_DROPPED] = g_signal_new ("booking-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 4, RD_TYPE_RECORD, G_TYPE_UINT,
                                           G_TYPE_INT64, G_TYPE_INT64);
  rd_schedule_grid_signals[BOOKING_MENU] = g_signal_new ("booking-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, RD_TYPE_RECORD, GTK_TYPE_WIDGET);

  /**
   * RdScheduleGrid::request-dropped:
   * @request_id: the id of the waitlist request dropped
   * @column: the column it was dropped on
   * @start: the time it was dropped at
   */
  rd_schedule_grid_signals[REQUEST_DROPPED] = g_signal_new ("request-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT,
                                           G_TYPE_INT64);
  /**
   * RdScheduleGrid::layout-changed:
   *
   * Columns were added or removed, or the grid's width changed: a header drawn apart redraws.
   */
  rd_schedule_grid_signals[LAYOUT_CHANGED] = g_signal_new ("layout-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "schedule-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
rd_schedule_grid_init (RdScheduleGrid *self)
{

  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
  self->downtimes = g_array_new (FALSE, TRUE, sizeof (Downtime));
  g_array_set_clear_func (self->downtimes, downtime_clear);
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->tz = g_time_zone_new_utc ();
  self->first_minute = 7 * 60;
  self->last_minute = 20 * 60;
  self->cursor_minute = self->first_minute;
  self->header_height = HEADER_HEIGHT;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Bookings"), -1);

  rd_schedule_grid_init_input (self);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

GtkWidget *
rd_schedule_grid_new (void)
{
  return g_object_new (RD_TYPE_SCHEDULE_GRID, NULL);
}

/**
 * rd_schedule_grid_clear:
 * @self: a grid
 * @tz: the department's time zone
 * @first_minute: the first wall-clock minute shown (after midnight)
 * @last_minute: the last
 *
 * Removes every column, booking and downtime.
 */
void
rd_schedule_grid_clear (RdScheduleGrid *self,
                        GTimeZone      *tz,
                        int             first_minute,
                        int             last_minute)
{
  g_return_if_fail (RD_IS_SCHEDULE_GRID (self));

  self->dragged = NULL;
  g_ptr_array_set_size (self->blocks, 0);
  g_array_set_size (self->columns, 0);
  g_array_set_size (self->downtimes, 0);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_ref (tz);
  self->first_minute = first_minute;
  self->last_minute = MAX (last_minute, first_minute + 60);
  self->cursor_minute = CLAMP (self->cursor_minute, self->first_minute, self->last_minute - 15);
  self->blocks_dirty = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit (self, rd_schedule_grid_signals[LAYOUT_CHANGED], 0);
}

/**
 * rd_schedule_grid_add_column:
 * @self: a grid
 * @title: shown on top
 * @modality_id: the modality whose bookings it shows
 * @modality_name: the modality's name, for the accessible labels
 * @day: local midnight of the day it shows
 * @open_minute: the modality's opening that day, -1 when closed
 * @close_minute: its closing
 *
 * Returns: the column's index
 */
guint
rd_schedule_grid_add_column (RdScheduleGrid *self,
                             const char     *title,
                             const char     *modality_id,
                             const char     *modality_name,
                             GDateTime      *day,
                             int             open_minute,
                             int             close_minute)
{
  Column c = { 0 };

  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), 0);

  c.title = g_strdup (title);
  c.modality_id = g_strdup (modality_id);
  c.modality_name = g_strdup (modality_name);
  g_date_time_get_ymd (day, &c.year, &c.month, &c.day);
  c.day_wall = wall_seconds (self->tz, rd_local_time (self->tz, c.year, c.month, c.day, 0));
  c.open_minute = open_minute;
  c.close_minute = close_minute;
  g_array_append_val (self->columns, c);
  self->cursor_column = MIN (self->cursor_column, self->columns->len - 1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit (self, rd_schedule_grid_signals[LAYOUT_CHANGED], 0);

  return self->columns->len - 1;
}

guint
rd_schedule_grid_get_n_columns (RdScheduleGrid *self)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), 0);
  return self->columns->len;
}

const char *
rd_schedule_grid_get_column_modality (RdScheduleGrid *self,
                                      guint           column)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_array_index (self->columns, Column, column).modality_id;
}

/**
 * rd_schedule_grid_add_booking:
 * @self: a grid
 * @column: its column
 * @booking: the booking
 * @exam_name: the name of its exam type
 *
 * Returns: (transfer none): the block made for it
 */
GtkWidget *
rd_schedule_grid_add_booking (RdScheduleGrid *self,
                              guint           column,
                              RdRecord       *booking,
                              const char     *exam_name)
{
  Column *c;
  Block *b;

  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  c = &g_array_index (self->columns, Column, column);
  b = g_new0 (Block, 1);
  b->column = column;
  b->start_minute = minute_in_column (self, c, rd_record_get_int (booking, "start"));
  b->end_minute = minute_in_column (self, c, rd_record_get_int (booking, "end"));
  b->block = rd_booking_block_new (booking, c->modality_name, exam_name, self->tz);
  rd_booking_block_set_column (RD_BOOKING_BLOCK (b->block), column);
  g_signal_connect (b->block, "activate", G_CALLBACK (on_block_activate), self);
  gtk_widget_set_parent (b->block, GTK_WIDGET (self));
  g_ptr_array_add (self->blocks, b);

  /* Lanes and the focus order are worked out once for all blocks, before the next layout. */
  self->blocks_dirty = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return b->block;
}

void
rd_schedule_grid_add_downtime (RdScheduleGrid *self,
                               guint           column,
                               gint64          start,
                               gint64          end,
                               const char     *reason)
{
  Downtime d;
  Column *c;

  g_return_if_fail (RD_IS_SCHEDULE_GRID (self));
  g_return_if_fail (column < self->columns->len);

  c = &g_array_index (self->columns, Column, column);
  d.column = column;
  d.start_minute = minute_in_column (self, c, start);
  d.end_minute = minute_in_column (self, c, end);
  d.reason = g_strdup (reason);
  g_array_append_val (self->downtimes, d);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rd_schedule_grid_set_now (RdScheduleGrid *self,
                          gint64          now)
{
  g_return_if_fail (RD_IS_SCHEDULE_GRID (self));

  if (self->now != now)
    {
      self->now = now;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/**
 * rd_schedule_grid_get_blocks:
 * @self: a grid
 *
 * Returns: (transfer container) (element-type RdBookingBlock): the booking blocks, by column and time
 */
GPtrArray *
rd_schedule_grid_get_blocks (RdScheduleGrid *self)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), out);

  ensure_lanes (self);
  for (guint i = 0; i < self->blocks->len; i++)
    g_ptr_array_add (out, ((Block *) g_ptr_array_index (self->blocks, i))->block);
  return out;
}

/**
 * rd_schedule_grid_find_block:
 * @self: a grid
 * @booking_id: a booking
 *
 * Returns: (transfer none) (nullable): the block of that booking
 */
GtkWidget *
rd_schedule_grid_find_block (RdScheduleGrid *self,
                             const char     *booking_id)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);

      if (g_strcmp0 (rd_record_get_id (rd_booking_block_get_booking (RD_BOOKING_BLOCK (b->block))), booking_id) == 0)
        return b->block;
    }
  return NULL;
}

/**
 * rd_schedule_grid_time_at:
 * @self: a grid
 * @column: a column
 * @minute: wall-clock minutes after the column's midnight
 *
 * Returns: the Unix time of that wall-clock time on the column's day
 */
gint64
rd_schedule_grid_time_at (RdScheduleGrid *self,
                          guint           column,
                          double          minute)
{
  Column *c;

  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), 0);
  g_return_val_if_fail (column < self->columns->len, 0);

  c = &g_array_index (self->columns, Column, column);
  return rd_local_time (self->tz, c->year, c->month, c->day, (int) MAX (minute, 0));
}

void
rd_schedule_grid_minute_to_y (RdScheduleGrid *self,
                              int             minute,
                              double         *y)
{
  g_return_if_fail (RD_IS_SCHEDULE_GRID (self));
  *y = y_of_minute (self, minute);
}

/**
 * rd_schedule_grid_set_show_header:
 * @self: a grid
 * @show: whether the grid draws its column titles on top
 *
 * A grid in a scrolled window leaves its titles to an #RdScheduleHeader above the scroller, so
 * that they stay in sight while the grid scrolls.
 */
void
rd_schedule_grid_set_show_header (RdScheduleGrid *self,
                                  gboolean        show)
{
  g_return_if_fail (RD_IS_SCHEDULE_GRID (self));

  self->header_height = show ? HEADER_HEIGHT : 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
rd_schedule_grid_get_column_title (RdScheduleGrid *self,
                                   guint           column)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_array_index (self->columns, Column, column).title;
}

/**
 * rd_schedule_grid_get_column_x:
 * @self: a grid
 * @column: a column
 * @width: (out): the column's width
 *
 * Returns: where the column starts, in the grid's coordinates, as last laid out
 */
double
rd_schedule_grid_get_column_x (RdScheduleGrid *self,
                               guint           column,
                               double         *width)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_GRID (self), 0);

  *width = column_width (self);
  return AXIS_WIDTH + column * *width;
}
