/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-page.c: the Schedule page — the modality calendar a coordinator works in all day. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-booking-block.h"
#include "rd-booking-dialog.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-schedule.h"
#include "rd-schedule-dialogs.h"
#include "rd-schedule-grid.h"
#include "rd-schedule-header.h"
#include "rd-schedule-page-private.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (RdSchedulePage, rd_schedule_page, RD_TYPE_PAGE)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

GDateTime *
rd_schedule_page_day_of (GTimeZone *tz,
                         gint64     t)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

const char *
rd_schedule_page_current_view (RdSchedulePage *self)
{
  return gtk_stack_get_visible_child_name (self->view_stack);
}

const char *
rd_schedule_page_exam_name (RdSchedulePage *self,
                            const char     *id)
{
  const char *name = id != NULL ? g_hash_table_lookup (self->exam_names, id) : NULL;

  return name != NULL ? name : _("Unknown exam");
}

static void
load_reference (RdSchedulePage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GPtrArray) all = rd_store_list (store, "modality", "name");
  g_autoptr (GPtrArray) exams = rd_store_list (store, "exam_type", NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->modality_dropdown);

  g_ptr_array_set_size (self->modalities, 0);
  for (guint i = 0; i < all->len; i++)
    if (rd_record_get_bool (g_ptr_array_index (all, i), "active"))
      {
        g_ptr_array_add (self->modalities, g_object_ref (g_ptr_array_index (all, i)));
        gtk_string_list_append (names, rd_record_get_text (g_ptr_array_index (all, i), "name"));
      }

  g_hash_table_remove_all (self->exam_names);
  for (guint i = 0; i < exams->len; i++)
    g_hash_table_insert (self->exam_names, g_strdup (rd_record_get_id (g_ptr_array_index (exams, i))),
                         g_strdup (rd_record_get_text (g_ptr_array_index (exams, i), "name")));

  g_signal_handlers_block_by_func (self->modality_dropdown, rd_schedule_page_reload, self);
  gtk_drop_down_set_model (self->modality_dropdown, G_LIST_MODEL (names));
  if (selected < self->modalities->len)
    gtk_drop_down_set_selected (self->modality_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->modality_dropdown, rd_schedule_page_reload, self);

  rd_schedule_page_fill_chooser (self);
}

static void
update_title (RdSchedulePage *self)
{
  g_autofree char *subtitle = NULL;

  if (g_str_equal (rd_schedule_page_current_view (self), "day"))
    subtitle = g_date_time_format (self->day, "%a %-d %b %Y");
  else
    {
      g_autoptr (GDateTime) monday = rd_schedule_page_week_start (self);
      g_autofree char *from = g_date_time_format (monday, "%-d %b");
      RdRecord *m = rd_schedule_page_selected_modality (self);

      subtitle = g_strdup_printf (_("Week of %s%s%s"), from, g_str_equal (rd_schedule_page_current_view (self), "week") && m ? " — " : "",
                                  g_str_equal (rd_schedule_page_current_view (self), "week") && m ? rd_record_get_text (m, "name") : "");
    }
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static gboolean
tick_clock (gpointer data)
{
  RdSchedulePage *self = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  rd_schedule_grid_set_now (self->day_grid, now);
  rd_schedule_grid_set_now (self->week_grid, now);
  return G_SOURCE_CONTINUE;
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static gboolean
reload_idle_cb (gpointer data)
{
  RdSchedulePage *self = data;

  self->reload_idle = 0;
  if (self->reference_stale)
    {
      self->reference_stale = FALSE;
      load_reference (self);
    }
  rd_schedule_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RdStore        *store,
                  const char     *table,
                  const char     *id,
                  RdSchedulePage *self)
{
  /* Only what the schedule shows: a stock movement or a training record changes nothing here. */
  if (table != NULL && g_strv_contains ((const char *const[]) { "modality", "exam_type", NULL }, table))
    self->reference_stale = TRUE;
  else if (table != NULL && !g_strv_contains ((const char *const[]) { "booking", "booking_request", "downtime", NULL },
                                             table))
    return;
  if (table == NULL || !g_str_equal (table, "downtime"))
    self->lists_stale = TRUE;
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

static void
on_modalities_changed (RdSchedulePage *self)
{
  rd_schedule_page_fill_chooser (self);
  if (g_str_equal (rd_schedule_page_current_view (self), "day"))
    rd_schedule_page_reload (self);
}

static void
on_calendar_day_selected (GtkCalendar    *calendar,
                          RdSchedulePage *self)
{
  g_autoptr (GDateTime) picked = gtk_calendar_get_date (calendar);
  g_autoptr (GDateTime) day = g_date_time_new (self->tz, g_date_time_get_year (picked), g_date_time_get_month (picked),
                                               g_date_time_get_day_of_month (picked), 0, 0, 0);

  if (!g_date_time_equal (day, self->day))
    rd_schedule_page_set_day (self, day);
}

static void
on_view_toggled (GtkToggleButton *button,
                 RdSchedulePage  *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->day_toggle)
    rd_schedule_page_set_view (self, "day");
  else if (button == self->week_toggle)
    rd_schedule_page_set_view (self, "week");
  else
    rd_schedule_page_set_view (self, "all-week");
}

static void
on_modality_selected (GtkDropDown    *dropdown,
                      GParamSpec     *pspec,
                      RdSchedulePage *self)
{
  if (rd_page_get_store (RD_PAGE (self)) != NULL && g_str_equal (rd_schedule_page_current_view (self), "week"))
    rd_schedule_page_reload (self);
}

static void
on_dialog_saved (RdBookingDialog *dialog,
                 RdRecord        *before,
                 RdRecord        *after,
                 RdSchedulePage  *self)
{
  AdwToast *toast = adw_toast_new (before != NULL ? _("Booking changed") : _("Booking made"));

  (void) after;
  rd_schedule_page_reload (self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_grid_create (RdScheduleGrid *grid,
                guint           column,
                gint64          start,
                RdSchedulePage *self)
{
  rd_schedule_page_new_booking (self, rd_schedule_grid_get_column_modality (grid, column), start);
}

static void
on_grid_booking_activated (RdScheduleGrid *grid,
                           RdRecord       *booking,
                           RdSchedulePage *self)
{
  RdBookingDialog *dialog = rd_booking_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                   rd_page_get_store (RD_PAGE (self)), self->tz, booking);

  g_signal_connect (dialog, "saved", G_CALLBACK (on_dialog_saved), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_grid_booking_dropped (RdScheduleGrid *grid,
                         RdRecord       *booking,
                         guint           column,
                         gint64          start,
                         gint64          end,
                         RdSchedulePage *self)
{
  g_autoptr (GError) error = NULL;

  if (!rd_schedule_page_move_booking (self, rd_record_get_id (booking), rd_schedule_grid_get_column_modality (grid, column),
                                      start, end, &error))
    {
      /* Refused: the block goes back where it was, and the toast says why. */
      rd_schedule_page_reload (self);
      rd_schedule_page_show_toast (self, adw_toast_new (error->message));
    }
}

static void
on_grid_booking_menu (RdScheduleGrid *grid,
                      RdRecord       *booking,
                      GtkWidget      *block,
                      RdSchedulePage *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  const char *from = rd_record_get_text (booking, "status");
  GtkWidget *popover;

  for (guint i = 0; rd_booking_statuses[i] != NULL; i++)
    if (rd_schedule_can_change_status (from, rd_booking_statuses[i]))
      {
        g_autofree char *label = g_strdup_printf (_("Mark as %s"), rd_schedule_status_label (rd_booking_statuses[i]));
        g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

        g_menu_item_set_action_and_target (item, "schedule.set-status", "(ss)", rd_record_get_id (booking),
                                           rd_booking_statuses[i]);
        g_menu_append_item (menu, item);
      }

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, block);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
on_conflict_activated (GtkListBox     *list,
                       GtkListBoxRow  *row,
                       RdSchedulePage *self)
{
  RdRecord *booking = g_object_get_data (G_OBJECT (row), "booking");
  g_autoptr (GDateTime) day = rd_schedule_page_day_of (self->tz, rd_record_get_int (booking, "start"));

  gtk_menu_button_popdown (self->conflicts_button);
  rd_schedule_page_set_view (self, "day");
  rd_schedule_page_set_day (self, day);
  on_grid_booking_activated (self->day_grid, booking, self);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_schedule_page_constructed (GObject *object)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GDateTime) today = NULL;

  G_OBJECT_CLASS (rd_schedule_page_parent_class)->constructed (object);

  self->tz = g_time_zone_ref (rd_format_get_time_zone ());
  today = rd_schedule_page_day_of (self->tz, g_get_real_time () / G_USEC_PER_SEC);
  self->day = g_date_time_ref (today);

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_swapped (self->settings, "changed::schedule-modalities", G_CALLBACK (on_modalities_changed), self);
    }

  self->lists_stale = TRUE;
  if (store != NULL)
    {
      self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
      load_reference (self);
      rd_schedule_page_reload (self);
    }
  self->clock_id = g_timeout_add_seconds (30, tick_clock, self);
  tick_clock (self);
}

static void
rd_schedule_page_dispose (GObject *object)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (store != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, store);

  G_OBJECT_CLASS (rd_schedule_page_parent_class)->dispose (object);
}

static void
rd_schedule_page_finalize (GObject *object)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->day, g_date_time_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->modalities, g_ptr_array_unref);
  g_clear_pointer (&self->exam_names, g_hash_table_unref);

  G_OBJECT_CLASS (rd_schedule_page_parent_class)->finalize (object);
}

static void
rd_schedule_page_class_init (RdSchedulePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *simple[] = { "schedule.today", "schedule.previous", "schedule.next", "schedule.new-booking",
                           "schedule.find-slot", "schedule.add-downtime", "schedule.print", "schedule.export",
                           "schedule.view-day", "schedule.view-week" };

  object_class->constructed = rd_schedule_page_constructed;
  object_class->dispose = rd_schedule_page_dispose;
  object_class->finalize = rd_schedule_page_finalize;

  g_type_ensure (RD_TYPE_SCHEDULE_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/raddesk/RadDesk/schedule/rd-schedule-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, calendar);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, day_toggle);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, week_toggle);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, all_week_toggle);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, modality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, modalities_button);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, modalities_box);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, day_box);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, week_box);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, day_scroller);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, week_scroller);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, waitlist_list);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, day_grid);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, week_grid);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, utilisation_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_modality_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_activated);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_all_modalities_clicked",
                                                G_CALLBACK (rd_schedule_page_on_all_modalities_clicked));

  for (guint i = 0; i < G_N_ELEMENTS (simple); i++)
    gtk_widget_class_install_action (widget_class, simple[i], NULL, rd_schedule_page_action);
  gtk_widget_class_install_action (widget_class, "schedule.set-status", "(ss)", rd_schedule_page_set_status_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "schedule.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "schedule.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "schedule.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "schedule.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "schedule.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "schedule.new-booking", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "schedule.find-slot", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "schedule.find-slot", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, 0, "schedule.view-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, 0, "schedule.view-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "schedule.print", NULL);
}

static void
rd_schedule_page_init (RdSchedulePage *self)
{
  static gsize css_loaded = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->modalities = g_ptr_array_new_with_free_func (g_object_unref);
  self->exam_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (g_once_init_enter (&css_loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/raddesk/RadDesk/schedule/rd-schedule.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_loaded, 1);
    }

  g_signal_connect (self->day_grid, "create", G_CALLBACK (on_grid_create), self);
  g_signal_connect (self->week_grid, "create", G_CALLBACK (on_grid_create), self);
  g_signal_connect (self->day_grid, "booking-activated", G_CALLBACK (on_grid_booking_activated), self);
  g_signal_connect (self->week_grid, "booking-activated", G_CALLBACK (on_grid_booking_activated), self);
  g_signal_connect (self->day_grid, "booking-dropped", G_CALLBACK (on_grid_booking_dropped), self);
  g_signal_connect (self->week_grid, "booking-dropped", G_CALLBACK (on_grid_booking_dropped), self);
  g_signal_connect (self->day_grid, "booking-menu", G_CALLBACK (on_grid_booking_menu), self);
  g_signal_connect (self->week_grid, "booking-menu", G_CALLBACK (on_grid_booking_menu), self);
  g_signal_connect (self->day_grid, "request-dropped", G_CALLBACK (rd_schedule_page_on_request_dropped), self);
  g_signal_connect (self->week_grid, "request-dropped", G_CALLBACK (rd_schedule_page_on_request_dropped), self);

  /* Column titles above the scrolled windows, following them sideways, so they stay in sight. */
  rd_schedule_grid_set_show_header (self->day_grid, FALSE);
  rd_schedule_grid_set_show_header (self->week_grid, FALSE);
  gtk_box_prepend (self->day_box, rd_schedule_header_new (self->day_grid,
                                                          gtk_scrolled_window_get_hadjustment (self->day_scroller)));
  gtk_box_prepend (self->week_box, rd_schedule_header_new (self->week_grid,
                                                           gtk_scrolled_window_get_hadjustment (self->week_scroller)));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

RdSchedulePage *
rd_schedule_page_new (RdStore *store)
{
  return g_object_new (RD_TYPE_SCHEDULE_PAGE, "store", store, NULL);
}

/**
 * rd_schedule_page_set_day:
 * @self: a page
 * @day: any time on the day to show
 */
void
rd_schedule_page_set_day (RdSchedulePage *self,
                          GDateTime      *day)
{
  g_autoptr (GDateTime) midnight = NULL;

  g_return_if_fail (RD_IS_SCHEDULE_PAGE (self));

  midnight = rd_schedule_page_day_of (self->tz, g_date_time_to_unix (day));
  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = g_steal_pointer (&midnight);
  rd_schedule_page_reload (self);
}

GDateTime *
rd_schedule_page_get_day (RdSchedulePage *self)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), NULL);
  return self->day;
}

/**
 * rd_schedule_page_set_view:
 * @self: a page
 * @view: "day", "week" (one modality) or "all-week" (utilisation)
 */
void
rd_schedule_page_set_view (RdSchedulePage *self,
                           const char     *view)
{
  g_return_if_fail (RD_IS_SCHEDULE_PAGE (self));

  gtk_stack_set_visible_child_name (self->view_stack, view);
  gtk_toggle_button_set_active (g_str_equal (view, "day") ? self->day_toggle
                                : g_str_equal (view, "week") ? self->week_toggle : self->all_week_toggle, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->modality_dropdown), g_str_equal (view, "week"));
  gtk_widget_set_visible (GTK_WIDGET (self->modalities_button), g_str_equal (view, "day"));
  rd_schedule_page_reload (self);
}

GtkWidget *
rd_schedule_page_get_day_grid (RdSchedulePage *self)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), NULL);
  return GTK_WIDGET (self->day_grid);
}

GtkWidget *
rd_schedule_page_get_week_grid (RdSchedulePage *self)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), NULL);
  return GTK_WIDGET (self->week_grid);
}

/**
 * rd_schedule_page_reload:
 * @self: a page
 *
 * Reads the shown range again from the store.
 */
void
rd_schedule_page_reload (RdSchedulePage *self)
{
  const char *view;
  g_autoptr (GDateTime) picked = NULL;

  g_return_if_fail (RD_IS_SCHEDULE_PAGE (self));

  if (rd_page_get_store (RD_PAGE (self)) == NULL || self->day == NULL)
    return;

  view = rd_schedule_page_current_view (self);
  if (g_str_equal (view, "day"))
    rd_schedule_page_fill_day (self);
  else if (g_str_equal (view, "week"))
    rd_schedule_page_fill_week (self);
  else
    rd_schedule_page_fill_all_week (self);
  /* The side lists do not depend on the day shown: read them only after a change to them. */
  if (self->lists_stale)
    {
      self->lists_stale = FALSE;
      rd_schedule_page_fill_conflicts (self);
      rd_schedule_page_fill_waitlist (self);
    }
  update_title (self);

  picked = gtk_calendar_get_date (self->calendar);
  if (g_date_time_get_year (picked) != g_date_time_get_year (self->day)
      || g_date_time_get_day_of_year (picked) != g_date_time_get_day_of_year (self->day))
    {
      g_signal_handlers_block_by_func (self->calendar, on_calendar_day_selected, self);
      gtk_calendar_select_day (self->calendar, self->day);
      g_signal_handlers_unblock_by_func (self->calendar, on_calendar_day_selected, self);
    }
}

/**
 * rd_schedule_page_new_booking:
 * @self: a page
 * @modality_id: (nullable): the modality chosen
 * @start: the start chosen
 *
 * Returns: (transfer none): the booking dialog, presented
 */
GtkWidget *
rd_schedule_page_new_booking (RdSchedulePage *self,
                              const char     *modality_id,
                              gint64          start)
{
  g_autoptr (RdRecord) booking = rd_record_new_for_table ("booking");
  RdBookingDialog *dialog;

  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), NULL);

  if (modality_id != NULL)
    rd_record_set_text (booking, "modality_id", modality_id);
  rd_record_set_int (booking, "start", start);
  rd_record_set_int (booking, "end", start);
  rd_record_set_text (booking, "status", "scheduled");
  rd_record_set_text (booking, "priority", "routine");

  dialog = rd_booking_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), rd_page_get_store (RD_PAGE (self)), self->tz, booking);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_dialog_saved), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

/**
 * rd_schedule_page_move_booking:
 * @self: a page
 * @booking_id: a booking
 * @modality_id: where it goes
 * @start: its new start
 * @end: its new end
 * @error: why the move was refused
 *
 * What a drop or a resize does: the same rules as a new booking, then a save with an undo toast.
 *
 * Returns: whether the booking moved
 */
gboolean
rd_schedule_page_move_booking (RdSchedulePage  *self,
                               const char      *booking_id,
                               const char      *modality_id,
                               gint64           start,
                               gint64           end,
                               GError         **error)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (RdRecord) before = NULL;
  g_autoptr (RdRecord) after = NULL;
  g_autoptr (GPtrArray) warnings = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), FALSE);

  if ((before = rd_store_get (store, "booking", booking_id, error)) == NULL)
    return FALSE;

  after = rd_record_copy (before);
  rd_record_set_text (after, "modality_id", modality_id);
  rd_record_set_int (after, "start", start);
  rd_record_set_int (after, "end", end);
  if (!rd_schedule_check_booking (store, after, self->tz, &warnings, error)
      || !rd_store_save (store, after, g_get_user_name (), error))
    return FALSE;

  if (warnings->len == 0)
    rd_schedule_page_save_with_undo (self, before, after, _("Booking moved"));
  else
    {
      /* Every warning, not only the first: a moved booking may have both a patient elsewhere and a
       * technologist whose training has lapsed. */
      g_autoptr (GString) text = g_string_new (NULL);

      g_string_printf (text, g_dngettext (NULL, "Booking moved, with %u warning:", "Booking moved, with %u warnings:",
                                          warnings->len), warnings->len);
      for (guint i = 0; i < warnings->len; i++)
        g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (warnings, i));
      rd_schedule_page_save_with_undo (self, before, after, text->str);
    }
  rd_schedule_page_reload (self);
  return TRUE;
}

/**
 * rd_schedule_page_book_request:
 * @self: a page
 * @request_id: a request of the waitlist
 * @modality_id: where it goes
 * @start: when it starts; the exam type's duration gives the end
 * @error: why it was not booked
 *
 * What dropping a waitlist request on the grid does: the same rules as any new booking, then the
 * request is marked as booked, and the day of the booking is shown.
 *
 * Returns: whether the request was booked
 */
gboolean
rd_schedule_page_book_request (RdSchedulePage  *self,
                               const char      *request_id,
                               const char      *modality_id,
                               gint64           start,
                               GError         **error)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (RdRecord) request = NULL;
  g_autoptr (RdRecord) exam = NULL;
  g_autoptr (RdRecord) booking = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  RdSlot slot = { 0 };

  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), FALSE);
  g_return_val_if_fail (request_id != NULL && modality_id != NULL, FALSE);

  if ((request = rd_store_get (store, "booking_request", request_id, error)) == NULL)
    return FALSE;
  if (!rd_record_is_null (request, "booking_id") && *rd_record_get_text (request, "booking_id") != '\0')
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("%s is already booked."), rd_record_get_text (request, "patient_name"));
      return FALSE;
    }
  if ((exam = rd_store_get (store, "exam_type", rd_record_get_text (request, "exam_type_id"), error)) == NULL)
    return FALSE;

  slot.modality_id = (char *) modality_id;
  slot.start = start;
  slot.end = start + rd_record_get_int (exam, "duration_min") * 60;
  if ((booking = rd_schedule_book_request (store, request, &slot, self->tz, g_get_user_name (), error)) == NULL)
    return FALSE;

  when = rd_format_date_time (start);
  message = g_strdup_printf (_("%s booked for %s"), rd_record_get_text (booking, "patient_name"), when);
  self->lists_stale = TRUE;
  rd_schedule_page_reload (self);
  rd_schedule_page_show_toast (self, adw_toast_new (message));
  return TRUE;
}

void
rd_schedule_page_show_toast (RdSchedulePage *self,
                             AdwToast       *toast)
{
  g_return_if_fail (RD_IS_SCHEDULE_PAGE (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GTimeZone *
rd_schedule_page_get_time_zone (RdSchedulePage *self)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), NULL);
  return self->tz;
}

RdStore *
rd_schedule_page_get_store (RdSchedulePage *self)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), NULL);
  return rd_page_get_store (RD_PAGE (self));
}
