/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-page-private.h: the Schedule page's fields, shared by its source files. */

#pragma once

#include "rd-schedule-grid.h"
#include "rd-schedule-page.h"

G_BEGIN_DECLS

struct _RdSchedulePage
{
  RdPage           parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkCalendar     *calendar;
  GtkToggleButton *day_toggle;
  GtkToggleButton *week_toggle;
  GtkToggleButton *all_week_toggle;
  GtkMenuButton   *modalities_button;
  GtkBox          *modalities_box;
  GtkDropDown     *modality_dropdown;
  GtkMenuButton   *conflicts_button;
  GtkListBox      *conflicts_list;
  GtkListBox      *waitlist_list;
  GtkStack        *view_stack;
  GtkBox          *day_box;
  GtkBox          *week_box;
  GtkScrolledWindow *day_scroller;
  GtkScrolledWindow *week_scroller;
  RdScheduleGrid  *day_grid;
  RdScheduleGrid  *week_grid;
  GtkGrid         *utilisation_grid;

  GSettings       *settings;    /* NULL when the schema is not installed */
  GTimeZone       *tz;
  GDateTime       *day;         /* local midnight of the day shown */
  GPtrArray       *modalities;  /* active modalities, by name */
  GHashTable      *exam_names;  /* exam_type id → name */
  gulong           changed_id;
  guint            reload_idle;
  guint            clock_id;
  gboolean         lists_stale;     /* the conflicts and the waitlist need reading again */
  gboolean         reference_stale; /* modalities or exam types changed */
};

/* rd-schedule-page.c */
const char *rd_schedule_page_current_view       (RdSchedulePage *self);
const char *rd_schedule_page_exam_name          (RdSchedulePage *self,
                                                 const char     *id);
GDateTime  *rd_schedule_page_day_of             (GTimeZone      *tz,
                                                 gint64          t);
void        rd_schedule_page_save_with_undo     (RdSchedulePage *self,
                                                 RdRecord       *before,
                                                 RdRecord       *after,
                                                 const char     *message);

/* rd-schedule-page-views.c */
GDateTime  *rd_schedule_page_add_days           (GTimeZone      *tz,
                                                 GDateTime      *day,
                                                 int             n);
GDateTime  *rd_schedule_page_week_start         (RdSchedulePage *self);
RdRecord   *rd_schedule_page_selected_modality  (RdSchedulePage *self);
void        rd_schedule_page_fill_day           (RdSchedulePage *self);
void        rd_schedule_page_fill_week          (RdSchedulePage *self);
void        rd_schedule_page_fill_all_week      (RdSchedulePage *self);

/* rd-schedule-page-actions.c */
void        rd_schedule_page_action             (GtkWidget      *widget,
                                                 const char     *action_name,
                                                 GVariant       *parameter);
void        rd_schedule_page_set_status_action  (GtkWidget      *widget,
                                                 const char     *action_name,
                                                 GVariant       *parameter);

/* rd-schedule-page-lists.c */
void        rd_schedule_page_fill_conflicts     (RdSchedulePage *self);
void        rd_schedule_page_fill_waitlist      (RdSchedulePage *self);
void        rd_schedule_page_fill_chooser       (RdSchedulePage *self);
gboolean    rd_schedule_page_shows_modality     (RdSchedulePage *self,
                                                 const char     *modality_id);
void        rd_schedule_page_on_request_dropped (RdScheduleGrid *grid,
                                                 const char     *request_id,
                                                 guint           column,
                                                 gint64          start,
                                                 RdSchedulePage *self);
void        rd_schedule_page_on_all_modalities_clicked (GtkButton      *button,
                                                        RdSchedulePage *self);

G_END_DECLS
