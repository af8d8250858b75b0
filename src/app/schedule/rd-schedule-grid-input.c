/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-grid-input.c: the schedule grid's clicks, drags of bookings, keys and drops of waitlist requests. */

#include "config.h"

#include "rd-booking-block.h"
#include "rd-schedule-grid-private.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static Block *
block_for_widget (RdScheduleGrid *self,
                  GtkWidget      *widget)
{
  while (widget != NULL && !RD_IS_BOOKING_BLOCK (widget))
    widget = gtk_widget_get_parent (widget);
  if (widget == NULL)
    return NULL;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      if (b->block == widget)
        return b;
    }
  return NULL;
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_grid_click_pressed (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       RdScheduleGrid  *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  Block *b = block_for_widget (self, picked);
  int col = column_at_x (self, x);

  if (button == GDK_BUTTON_SECONDARY && b != NULL)
    {
      g_signal_emit (self, rd_schedule_grid_signals[BOOKING_MENU], 0, rd_booking_block_get_booking (RD_BOOKING_BLOCK (b->block)),
                     b->block);
      return;
    }

  if (b != NULL || col < 0 || y < self->header_height)
    return;

  self->cursor_column = col;
  self->cursor_minute = (int) (15 * (gint64) (minute_of_y (self, y) / 15));
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (n_press == 2 && button == GDK_BUTTON_PRIMARY)
    g_signal_emit (self, rd_schedule_grid_signals[CREATE], 0, (guint) col,
                   rd_schedule_grid_time_at (self, col, self->cursor_minute));
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               RdScheduleGrid *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  Block *b = block_for_widget (self, picked);
  graphene_rect_t bounds;

  self->dragged = NULL;
  self->drag_moved = FALSE;
  self->drag_dx = self->drag_dy = 0;
  if (b == NULL || !gtk_widget_compute_bounds (b->block, GTK_WIDGET (self), &bounds))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->dragged = b;
  self->resizing = y >= bounds.origin.y + bounds.size.height - RESIZE_EDGE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                RdScheduleGrid *self)
{
  if (self->dragged == NULL)
    return;

  if (!self->drag_moved && ABS (dx) < 6 && ABS (dy) < 6)
    return;

  if (!self->drag_moved)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_moved = TRUE;
  self->drag_dx = self->resizing ? 0 : dx;
  self->drag_dy = dy;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             RdScheduleGrid *self)
{
  Block *b = self->dragged;
  double d_minutes, start, end;
  int col;

  self->dragged = NULL;
  if (b == NULL || !self->drag_moved)
    return;

  d_minutes = snap (dy / PX_PER_MINUTE);
  if (self->resizing)
    {
      col = b->column;
      start = b->start_minute;
      end = MAX (snap (b->end_minute + d_minutes), start + SNAP_MINUTES);
    }
  else
    {
      double x0 = AXIS_WIDTH + (b->column + 0.5) * column_width (self);

      col = column_at_x (self, x0 + dx);
      if (col < 0)
        col = b->column;
      start = snap (b->start_minute + d_minutes);
      end = start + (b->end_minute - b->start_minute);
    }

  self->drag_dx = self->drag_dy = 0;
  gtk_widget_queue_allocate (GTK_WIDGET (self));

  /* The page checks the move with the same rules as a new booking; a refused move is laid out
   * again where it was. */
  g_signal_emit (self, rd_schedule_grid_signals[BOOKING_DROPPED], 0, rd_booking_block_get_booking (RD_BOOKING_BLOCK (b->block)),
                 (guint) col, rd_schedule_grid_time_at (self, col, start), rd_schedule_grid_time_at (self, col, end));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RdScheduleGrid        *self)
{
  /* The status menu of the focused booking, as a right click gives it. */
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK) != 0))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      Block *b = root != NULL ? block_for_widget (self, gtk_root_get_focus (root)) : NULL;

      if (b != NULL)
        {
          g_signal_emit (self, rd_schedule_grid_signals[BOOKING_MENU], 0, rd_booking_block_get_booking (RD_BOOKING_BLOCK (b->block)),
                         b->block);
          return TRUE;
        }
    }

  if (!gtk_widget_is_focus (GTK_WIDGET (self)) || self->columns->len == 0
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
      self->cursor_minute = MAX (self->cursor_minute - 15, self->first_minute);
      break;
    case GDK_KEY_Down:
      self->cursor_minute = MIN (self->cursor_minute + 15, self->last_minute - 15);
      break;
    case GDK_KEY_Left:
      self->cursor_column = self->cursor_column > 0 ? self->cursor_column - 1 : 0;
      break;
    case GDK_KEY_Right:
      self->cursor_column = MIN (self->cursor_column + 1, self->columns->len - 1);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      g_signal_emit (self, rd_schedule_grid_signals[CREATE], 0, self->cursor_column,
                     rd_schedule_grid_time_at (self, self->cursor_column, self->cursor_minute));
      return TRUE;
    default:
      return FALSE;
    }

  {
    double colw = column_width (self);
    graphene_rect_t cursor = GRAPHENE_RECT_INIT (AXIS_WIDTH + self->cursor_column * colw,
                                                 y_of_minute (self, self->cursor_minute), colw, 15 * PX_PER_MINUTE);
    rd_schedule_grid_scroll_to_rect (self, &cursor);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* A waitlist request dropped on the grid: its id, booked where it fell, on the 5-minute step. */
static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         RdScheduleGrid *self)
{
  const char *request_id = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  int col = column_at_x (self, x);

  if (request_id == NULL || *request_id == '\0' || col < 0 || y < self->header_height)
    return FALSE;
  g_signal_emit (self, rd_schedule_grid_signals[REQUEST_DROPPED], 0, request_id, (guint) col,
                 rd_schedule_grid_time_at (self, col, snap (minute_of_y (self, y))));
  return TRUE;
}

/* ---------------------------------------------------------------- */
/* Setup                                                             */
/* ---------------------------------------------------------------- */

void
rd_schedule_grid_init_input (RdScheduleGrid *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_grid_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
