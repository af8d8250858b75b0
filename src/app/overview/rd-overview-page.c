/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-overview-page.c: the Overview page — today's bookings per modality and what needs attention. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-inventory.h"
#include "rd-overview-page.h"
#include "rd-record-list.h"
#include "rd-record-view.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdOverviewPage
{
  AdwBin           parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  RdRecordView    *view;
  GtkLabel        *bookings_label;
  GtkLabel        *conflicts_label;
  GtkLabel        *waitlist_label;
  GtkLabel        *reorder_label;

  RdStore         *store;
  RdRecordList    *modalities;
  GHashTable      *today_counts;  /* modality id → bookings today, as GINT_TO_POINTER */
  gulong           store_changed_id;
  guint            refresh_id;
  gboolean         folded;
};

G_DEFINE_FINAL_TYPE (RdOverviewPage, rd_overview_page, ADW_TYPE_BIN)

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
get_today_count (RdRecord *modality,
                 gpointer  user_data)
{
  RdOverviewPage *self = user_data;

  return GPOINTER_TO_INT (g_hash_table_lookup (self->today_counts, rd_record_get_id (modality)));
}

static char *
dup_today_count_text (RdRecord *modality,
                      gpointer  user_data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, get_today_count (modality, user_data));
}

static void
set_counter (GtkLabel *label,
             guint     value,
             gboolean  warn)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  gtk_label_set_text (label, text);
  if (warn && value > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "counter-warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "counter-warning");
}

static guint
count_below_reorder_point (RdOverviewPage *self)
{
  g_autoptr(GHashTable) on_hand = rd_inventory_stock_on_hand_all (self->store);
  g_autoptr(GPtrArray) items = rd_store_list (self->store, "supply_item", NULL);
  guint below = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (items, i);
      gint64 *quantity = g_hash_table_lookup (on_hand, rd_record_get_id (item));

      if (rd_record_get_bool (item, "active") &&
          (quantity != NULL ? *quantity : 0) < rd_record_get_int (item, "reorder_point"))
        below++;
    }

  return below;
}

static void
refresh (RdOverviewPage *self)
{
  g_autoptr(GDateTime) today = rd_format_today ();
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) coming = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *title = rd_format_day (today);
  guint n_today = 0, n_conflicts = 0, n_waiting = 0;
  gint64 from, to;

  adw_window_title_set_subtitle (self->window_title, title);
  rd_format_day_range (today, &from, &to);

  g_hash_table_remove_all (self->today_counts);
  bookings = rd_store_list_range (self->store, "booking", from, to, NULL);
  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    {
      RdRecord *booking = g_ptr_array_index (bookings, i);
      const char *modality_id = rd_record_get_text (booking, "modality_id");

      if (g_strcmp0 (rd_record_get_text (booking, "status"), "cancelled") == 0)
        continue;
      n_today++;
      g_hash_table_insert (self->today_counts, g_strdup (modality_id),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (self->today_counts,
                                                                                  modality_id)) + 1));
    }

  /* conflicts still to be solved: from today on; the past cannot be moved any more */
  coming = rd_store_list_range (self->store, "booking", from, G_MAXINT64 / 2, NULL);
  for (guint i = 0; coming != NULL && i < coming->len; i++)
    {
      RdRecord *booking = g_ptr_array_index (coming, i);

      if (!rd_record_is_null (booking, "conflict_with") &&
          g_strcmp0 (rd_record_get_text (booking, "status"), "cancelled") != 0)
        n_conflicts++;
    }

  requests = rd_store_list (self->store, "booking_request", NULL);
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    if (rd_record_is_null (g_ptr_array_index (requests, i), "booking_id"))
      n_waiting++;

  set_counter (self->bookings_label, n_today, FALSE);
  set_counter (self->conflicts_label, n_conflicts, TRUE);
  set_counter (self->waitlist_label, n_waiting, FALSE);
  set_counter (self->reorder_label, count_below_reorder_point (self), TRUE);

  rd_record_view_refresh (self->view);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static gboolean
refresh_cb (gpointer user_data)
{
  RdOverviewPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RdStore        *store,
                  const char     *table,
                  const char     *id,
                  RdOverviewPage *self)
{
  /* many changes in a row (a sync pull) make one refresh */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_cb, self, NULL);
}

static void
on_view_record_activated (RdRecordView   *view,
                          RdRecord       *modality,
                          RdOverviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "schedule");
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_overview_page_constructed (GObject *object)
{
  RdOverviewPage *self = RD_OVERVIEW_PAGE (object);
  GtkColumnViewColumn *column;

  G_OBJECT_CLASS (rd_overview_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (self->store));

  rd_record_view_set_store (self->view, self->store);
  self->store_changed_id = g_signal_connect (self->store, "changed",
                                             G_CALLBACK (on_store_changed), self);

  self->modalities = rd_record_list_new (self->store, "modality");
  rd_record_view_set_model (self->view, G_LIST_MODEL (self->modalities));
  column = rd_record_view_add_column (self->view, "name", _("Modality"));
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_add_column (self->view, "kind", _("Kind"));
  rd_record_view_add_column (self->view, "room", _("Room"));
  rd_record_view_set_column_numeric (self->view,
                                     rd_record_view_add_computed_column (self->view, _("Bookings Today"),
                                                                         dup_today_count_text,
                                                                         get_today_count, self),
                                     TRUE);
  rd_record_view_sort_by (self->view, column, GTK_SORT_ASCENDING);
  rd_record_view_set_empty_state (self->view, "view-grid-symbolic", _("No Modalities Yet"),
                                  _("Add the department’s scanners and rooms to start booking."));
  g_signal_connect (self->view, "record-activated", G_CALLBACK (on_view_record_activated), self);

  refresh (self);
}

static void
rd_overview_page_dispose (GObject *object)
{
  RdOverviewPage *self = RD_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->modalities);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_overview_page_parent_class)->dispose (object);
}

static void
rd_overview_page_finalize (GObject *object)
{
  RdOverviewPage *self = RD_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->today_counts, g_hash_table_unref);

  G_OBJECT_CLASS (rd_overview_page_parent_class)->finalize (object);
}

static void
rd_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdOverviewPage *self = RD_OVERVIEW_PAGE (object);

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
rd_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RdOverviewPage *self = RD_OVERVIEW_PAGE (object);

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
rd_overview_page_class_init (RdOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_overview_page_constructed;
  object_class->dispose = rd_overview_page_dispose;
  object_class->finalize = rd_overview_page_finalize;
  object_class->get_property = rd_overview_page_get_property;
  object_class->set_property = rd_overview_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/overview/rd-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, view);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, bookings_label);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, waitlist_label);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, reorder_label);
}

static void
rd_overview_page_init (RdOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->today_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_overview_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Overview page
 */
RdOverviewPage *
rd_overview_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_OVERVIEW_PAGE, "store", store, NULL);
}
