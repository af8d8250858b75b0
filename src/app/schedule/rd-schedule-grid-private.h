/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-grid-private.h: the schedule grid's fields and geometry, shared by its source files. */

#pragma once

#include "rd-schedule-grid.h"

G_BEGIN_DECLS

#define HEADER_HEIGHT   40
#define AXIS_WIDTH      56
#define MIN_COLUMN      120
#define PX_PER_MINUTE   2.0
#define MIN_BLOCK       10
#define RESIZE_EDGE     8
#define SNAP_MINUTES    5

typedef struct
{
  char   *title;
  char   *modality_id;
  char   *modality_name;
  int     year, month, day;
  gint64  day_wall;      /* local midnight as wall-clock seconds (Unix time plus the offset) */
  int     open_minute;   /* -1: closed all day */
  int     close_minute;
} Column;

typedef struct
{
  GtkWidget *block;
  guint      column;
  double     start_minute; /* wall-clock minutes after the column's midnight */
  double     end_minute;
  int        lane;
  int        lanes;
} Block;

typedef struct
{
  guint   column;
  double  start_minute;
  double  end_minute;
  char   *reason;
} Downtime;

struct _RdScheduleGrid
{
  GtkWidget   parent_instance;

  GTimeZone  *tz;
  int         first_minute;
  int         last_minute;
  GArray     *columns;   /* Column */
  GPtrArray  *blocks;    /* Block* */
  GArray     *downtimes; /* Downtime */
  gint64      now;
  int         header_height;
  int         last_width; /* 0 when an RdScheduleHeader above the scroller shows the titles */
  gboolean    blocks_dirty;  /* lanes and focus order are worked out once, before the next layout */

  /* A drag in progress */
  Block      *dragged;
  gboolean    resizing;
  gboolean    drag_moved;
  double      drag_dx, drag_dy;

  /* The keyboard cursor when the grid itself has focus */
  guint       cursor_column;
  int         cursor_minute;
};

enum {
  CREATE,
  BOOKING_ACTIVATED,
  BOOKING_DROPPED,
  BOOKING_MENU,
  REQUEST_DROPPED,
  LAYOUT_CHANGED,
  N_SIGNALS
};

extern guint rd_schedule_grid_signals[N_SIGNALS];

/* Geometry: minutes, columns and pixels */

static inline gint64
wall_seconds (GTimeZone *tz,
              gint64     t)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);

  return t + g_time_zone_get_offset (tz, MAX (interval, 0));
}

static inline double
minute_in_column (RdScheduleGrid *self,
                  Column         *c,
                  gint64          t)
{
  return (wall_seconds (self->tz, t) - c->day_wall) / 60.0;
}

static inline double
column_width (RdScheduleGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint n = MAX (self->columns->len, 1);

  return MAX ((width - AXIS_WIDTH) / (double) n, 40.0);
}

static inline double
y_of_minute (RdScheduleGrid *self,
             double          minute)
{
  return self->header_height + (minute - self->first_minute) * PX_PER_MINUTE;
}

static inline double
minute_of_y (RdScheduleGrid *self,
             double          y)
{
  return self->first_minute + (y - self->header_height) / PX_PER_MINUTE;
}

static inline int
column_at_x (RdScheduleGrid *self,
             double          x)
{
  int col = (int) ((x - AXIS_WIDTH) / column_width (self));

  if (x < AXIS_WIDTH || self->columns->len == 0)
    return -1;
  return CLAMP (col, 0, (int) self->columns->len - 1);
}

static inline double
snap (double minute)
{
  return SNAP_MINUTES * (gint64) ((minute + SNAP_MINUTES / 2.0) / SNAP_MINUTES);
}

/* rd-schedule-grid.c */
void rd_schedule_grid_scroll_to_rect (RdScheduleGrid        *self,
                                      const graphene_rect_t *rect);

/* rd-schedule-grid-draw.c */
void rd_schedule_grid_draw           (RdScheduleGrid        *self,
                                      GtkSnapshot           *snapshot);

/* rd-schedule-grid-input.c */
void rd_schedule_grid_init_input     (RdScheduleGrid        *self);

G_END_DECLS
