/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-page.c: the Schedule page — the modalities and one day's bookings. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-record-list.h"
#include "rd-record-view.h"
#include "rd-schedule-page.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdSchedulePage
{
  AdwBin           parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  RdRecordView    *modalities_view;
  RdRecordView    *bookings_view;

  RdStore         *store;
  RdRecordList    *modalities;
  RdRecordList    *bookings;
  GDateTime       *day;           /* midnight in the department's zone */
  gboolean         folded;
};

G_DEFINE_FINAL_TYPE (RdSchedulePage, rd_schedule_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gint64
get_start (RdRecord *booking,
           gpointer  user_data)
{
  return rd_record_get_int (booking, "start");
}

static char *
dup_time_text (RdRecord *booking,
               gpointer  user_data)
{
  g_autofree char *start = rd_format_time (rd_record_get_int (booking, "start"));
  g_autofree char *end = rd_format_time (rd_record_get_int (booking, "end"));

  return g_strdup_printf ("%s–%s", start, end);
}

static char *
dup_status_text (RdRecord *booking,
                 gpointer  user_data)
{
  const char *status = rd_format_enum (rd_record_get_text (booking, "status"));

  /* a booking the server flagged says so where the coordinator looks */
  if (!rd_record_is_null (booking, "conflict_with"))
    return g_strdup_printf (_("%s, conflict"), status);

  return g_strdup (status);
}

/* The number of the day's bookings, cancelled ones left out, on a modality. */
static gint64
get_day_count (RdRecord *modality,
               gpointer  user_data)
{
  RdSchedulePage *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->bookings));
  const char *id = rd_record_get_id (modality);
  gint64 count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdRecord) booking = g_list_model_get_item (G_LIST_MODEL (self->bookings), i);

      if (g_strcmp0 (rd_record_get_text (booking, "modality_id"), id) == 0 &&
          g_strcmp0 (rd_record_get_text (booking, "status"), "cancelled") != 0)
        count++;
    }

  return count;
}

static char *
dup_day_count_text (RdRecord *modality,
                    gpointer  user_data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, get_day_count (modality, user_data));
}

static void
update_day (RdSchedulePage *self)
{
  g_autofree char *title = rd_format_day (self->day);
  gint64 from, to;

  adw_window_title_set_subtitle (self->window_title, title);
  rd_format_day_range (self->day, &from, &to);
  rd_record_list_set_range (self->bookings, from, to, NULL);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_bookings_items_changed (GListModel     *model,
                           guint           position,
                           guint           removed,
                           guint           added,
                           RdSchedulePage *self)
{
  /* the per-modality counts follow the day's bookings */
  rd_record_view_refresh (self->modalities_view);
}

static void
previous_day_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (widget);
  g_autoptr(GDateTime) day = g_date_time_add_days (self->day, -1);

  rd_schedule_page_set_day (self, day);
}

static void
next_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (widget);
  g_autoptr(GDateTime) day = g_date_time_add_days (self->day, 1);

  rd_schedule_page_set_day (self, day);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GDateTime) today = rd_format_today ();

  rd_schedule_page_set_day (RD_SCHEDULE_PAGE (widget), today);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_schedule_page_constructed (GObject *object)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (object);
  GtkColumnViewColumn *column;

  G_OBJECT_CLASS (rd_schedule_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (self->store));

  rd_record_view_set_store (self->modalities_view, self->store);
  rd_record_view_set_store (self->bookings_view, self->store);

  self->day = rd_format_today ();
  self->bookings = rd_record_list_new (self->store, "booking");
  update_day (self);
  rd_record_view_set_model (self->bookings_view, G_LIST_MODEL (self->bookings));
  column = rd_record_view_add_computed_column (self->bookings_view, _("Time"),
                                               dup_time_text, get_start, self);
  rd_record_view_add_column (self->bookings_view, "modality_id", _("Modality"));
  gtk_column_view_column_set_expand (rd_record_view_add_column (self->bookings_view, "patient_name",
                                                                _("Patient")), TRUE);
  gtk_column_view_column_set_expand (rd_record_view_add_column (self->bookings_view, "exam_type_id",
                                                                _("Exam")), TRUE);
  rd_record_view_add_column (self->bookings_view, "priority", _("Priority"));
  rd_record_view_add_computed_column (self->bookings_view, _("Status"), dup_status_text, NULL, self);
  rd_record_view_sort_by (self->bookings_view, column, GTK_SORT_ASCENDING);
  rd_record_view_set_empty_state (self->bookings_view, "x-office-calendar-symbolic",
                                  _("No Bookings"), _("Nothing is booked on this day."));

  self->modalities = rd_record_list_new (self->store, "modality");
  rd_record_view_set_model (self->modalities_view, G_LIST_MODEL (self->modalities));
  column = rd_record_view_add_column (self->modalities_view, "name", _("Modality"));
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_add_column (self->modalities_view, "kind", _("Kind"));
  rd_record_view_set_column_numeric (self->modalities_view,
                                     rd_record_view_add_computed_column (self->modalities_view,
                                                                         _("Booked"),
                                                                         dup_day_count_text,
                                                                         get_day_count, self),
                                     TRUE);
  rd_record_view_sort_by (self->modalities_view, column, GTK_SORT_ASCENDING);
  rd_record_view_set_empty_state (self->modalities_view, "x-office-calendar-symbolic",
                                  _("No Modalities"), _("Scanners and rooms appear here."));

  g_signal_connect_object (self->bookings, "items-changed",
                           G_CALLBACK (on_bookings_items_changed), self, G_CONNECT_DEFAULT);
}

static void
rd_schedule_page_dispose (GObject *object)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (object);

  if (self->bookings != NULL)
    g_signal_handlers_disconnect_by_data (self->bookings, self);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SCHEDULE_PAGE);
  g_clear_object (&self->bookings);
  g_clear_object (&self->modalities);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_schedule_page_parent_class)->dispose (object);
}

static void
rd_schedule_page_finalize (GObject *object)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (object);

  g_clear_pointer (&self->day, g_date_time_unref);

  G_OBJECT_CLASS (rd_schedule_page_parent_class)->finalize (object);
}

static void
rd_schedule_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_schedule_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RdSchedulePage *self = RD_SCHEDULE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_schedule_page_class_init (RdSchedulePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_schedule_page_constructed;
  object_class->dispose = rd_schedule_page_dispose;
  object_class->finalize = rd_schedule_page_finalize;
  object_class->get_property = rd_schedule_page_get_property;
  object_class->set_property = rd_schedule_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/schedule/rd-schedule-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, modalities_view);
  gtk_widget_class_bind_template_child (widget_class, RdSchedulePage, bookings_view);

  gtk_widget_class_install_action (widget_class, "schedule.previous-day", NULL, previous_day_action);
  gtk_widget_class_install_action (widget_class, "schedule.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "schedule.today", NULL, today_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "schedule.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "schedule.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "schedule.today", NULL);
}

static void
rd_schedule_page_init (RdSchedulePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_schedule_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Schedule page, showing today
 */
RdSchedulePage *
rd_schedule_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_SCHEDULE_PAGE, "store", store, NULL);
}

/**
 * rd_schedule_page_set_day:
 * @day: the day to show, in the department's zone
 */
void
rd_schedule_page_set_day (RdSchedulePage *self,
                          GDateTime      *day)
{
  g_return_if_fail (RD_IS_SCHEDULE_PAGE (self));
  g_return_if_fail (day != NULL);

  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = g_date_time_new (rd_format_get_time_zone (),
                               g_date_time_get_year (day),
                               g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day),
                               0, 0, 0);
  update_day (self);
}

/**
 * rd_schedule_page_get_day:
 *
 * Returns: (transfer none): the day shown
 */
GDateTime *
rd_schedule_page_get_day (RdSchedulePage *self)
{
  g_return_val_if_fail (RD_IS_SCHEDULE_PAGE (self), NULL);

  return self->day;
}
