/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-overview-page.c: the Overview page — today's bookings per modality and what needs attention, each a link to its page. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-budget.h"
#include "rd-contracts.h"
#include "rd-format.h"
#include "rd-inventory.h"
#include "rd-opening-hours.h"
#include "rd-overview-page.h"
#include "rd-schedule.h"
#include "rd-training.h"
#include "rd-window.h"

#include "budget/rd-budget-page.h"
#include "contracts/rd-contracts-page.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdOverviewPage
{
  RdPage           parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkLabel        *bookings_label;
  GtkLabel        *conflicts_label;
  GtkLabel        *waitlist_label;
  GtkLabel        *reorder_label;
  GtkListBox      *attention_list;
  GtkListBox      *today_list;

  GSettings       *settings;
  guint            midnight_id;
};

G_DEFINE_FINAL_TYPE (RdOverviewPage, rd_overview_page, RD_TYPE_PAGE)

/* How far ahead the Overview looks for expiring lots. */
#define EXPIRING_DAYS 30

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GSettings *
dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static void
today_date (GDate *out)
{
  g_autoptr (GDateTime) today = rd_format_today ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (today),
                  (GDateMonth) g_date_time_get_month (today), (GDateYear) g_date_time_get_year (today));
}

static void
set_counter (GtkLabel *label,
             guint     value,
             gboolean  warn)
{
  g_autofree char *text = g_strdup_printf ("%u", value);
  GtkWidget *button = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON);
  GtkWidget *caption = gtk_widget_get_next_sibling (GTK_WIDGET (label));

  gtk_label_set_text (label, text);

  /* A screen reader reads the tile as "2 Conflicts", not as the button's type. */
  if (button != NULL && GTK_IS_LABEL (caption))
    {
      g_autofree char *name = g_strdup_printf ("%s %s", text, gtk_label_get_text (GTK_LABEL (caption)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }

  if (warn && value > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "counter-warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "counter-warning");
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void on_row_activated (AdwActionRow *row, RdOverviewPage *self);

/* A row that opens @page; @item (a contract id, a fiscal year) is handed to pages that can show it. */
static AdwActionRow *
add_link (RdOverviewPage *self,
          GtkListBox     *list,
          const char     *icon_name,
          const char     *css_class,
          const char     *title,
          const char     *subtitle,
          const char     *page,
          const char     *item,
          GtkWidget      *extra)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    {
      icon = gtk_image_new_from_icon_name (icon_name);
      if (css_class != NULL)
        gtk_widget_add_css_class (icon, css_class);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  if (extra != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), extra);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, page);
  g_object_set_data_full (G_OBJECT (row), "rd-page", g_strdup (page), g_free);
  g_object_set_data_full (G_OBJECT (row), "rd-item", g_strdup (item), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
  gtk_list_box_append (list, row);
  return ADW_ACTION_ROW (row);
}

/* Minutes that the bookings fill of a modality's opening hours today. */
static void
modality_fill (RdOverviewPage *self,
               RdRecord       *modality,
               GPtrArray      *bookings,
               gint64          from,
               gint64          to,
               gint64         *open_seconds,
               gint64         *booked_seconds,
               guint          *n_bookings)
{
  RdOpeningHours hours;
  g_autoptr (GArray) intervals = NULL;

  *open_seconds = *booked_seconds = 0;
  *n_bookings = 0;
  if (rd_opening_hours_parse (rd_record_get_text (modality, "opening_hours"), &hours, NULL))
    intervals = rd_opening_hours_intervals (&hours, rd_format_get_time_zone (), from, to);
  for (guint i = 0; intervals != NULL && i < intervals->len; i++)
    {
      RdInterval *iv = &g_array_index (intervals, RdInterval, i);

      *open_seconds += iv->end - iv->start;
    }

  for (guint b = 0; b < bookings->len; b++)
    {
      RdRecord *booking = g_ptr_array_index (bookings, b);
      gint64 start = rd_record_get_int (booking, "start");
      gint64 end = rd_record_get_int (booking, "end");

      if (g_strcmp0 (rd_record_get_text (booking, "modality_id"), rd_record_get_id (modality)) != 0 ||
          !rd_schedule_is_active_status (rd_record_get_text (booking, "status")))
        continue;
      (*n_bookings)++;
      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          RdInterval *iv = &g_array_index (intervals, RdInterval, i);
          gint64 s = MAX (start, iv->start), e = MIN (end, iv->end);

          if (e > s)
            *booked_seconds += e - s;
        }
    }
}

static guint
refresh_today (RdOverviewPage *self,
               gint64          from,
               gint64          to)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GPtrArray) modalities = rd_store_list (store, "modality", "name");
  g_autoptr (GPtrArray) bookings = rd_store_list_range (store, "booking", from, to, NULL);
  guint total = 0;

  clear_list (self->today_list);
  for (guint i = 0; i < modalities->len; i++)
    {
      RdRecord *modality = g_ptr_array_index (modalities, i);
      gint64 open_seconds, booked_seconds;
      guint n;
      g_autofree char *subtitle = NULL;
      GtkWidget *level;
      double fill;

      if (!rd_record_get_bool (modality, "active"))
        continue;
      modality_fill (self, modality, bookings, from, to, &open_seconds, &booked_seconds, &n);
      total += n;
      fill = open_seconds > 0 ? (double) booked_seconds / (double) open_seconds : 0.0;
      if (open_seconds == 0)
        subtitle = g_strdup_printf (ngettext ("Closed today · %u booking", "Closed today · %u bookings", n), n);
      else
        /* Translators: bookings today and how much of the opening hours they fill */
        subtitle = g_strdup_printf (ngettext ("%u booking · %d %% full", "%u bookings · %d %% full", n),
                                    n, (int) (fill * 100 + 0.5));
      level = gtk_level_bar_new_for_interval (0.0, 1.0);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (level), MIN (fill, 1.0));
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_LOW, 0.5);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_HIGH, 0.9);
      gtk_widget_set_size_request (level, 160, -1);
      gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle, -1);
      add_link (self, self->today_list, NULL, NULL, rd_record_get_text (modality, "name"), subtitle,
                "schedule", rd_record_get_id (modality), level);
    }
  return total;
}

static guint
count_low_stock (RdOverviewPage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GHashTable) on_hand = rd_inventory_stock_on_hand_all (store);
  g_autoptr (GPtrArray) items = rd_store_list (store, "supply_item", NULL);
  guint low = 0;

  for (guint i = 0; i < items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (items, i);
      gint64 *quantity = g_hash_table_lookup (on_hand, rd_record_get_id (item));
      RdStockStatus status = rd_inventory_get_status (item, quantity != NULL ? *quantity : 0);

      if (rd_record_get_bool (item, "active") && (status == RD_STOCK_LOW || status == RD_STOCK_OUT))
        low++;
    }
  return low;
}

static void
add_schedule_alerts (RdOverviewPage *self,
                     gint64          from,
                     gint64          to,
                     guint          *n_conflicts,
                     guint          *n_waiting)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GPtrArray) conflicts = rd_schedule_list_conflicts (store, from);
  g_autoptr (GPtrArray) waiting = rd_schedule_list_waitlist (store);
  g_autoptr (GPtrArray) downtime = rd_store_list_range (store, "downtime", from, to, NULL);

  *n_conflicts = conflicts != NULL ? conflicts->len : 0;
  *n_waiting = waiting != NULL ? waiting->len : 0;

  if (*n_conflicts > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u booking in conflict", "%u bookings in conflict",
                                                          *n_conflicts), *n_conflicts);

      add_link (self, self->attention_list, "dialog-error-symbolic", "error", title,
                _("Two bookings were given the same slot on different workstations; move one of them."),
                "schedule", NULL, NULL);
    }
  if (*n_waiting > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u request waiting for a slot",
                                                          "%u requests waiting for a slot", *n_waiting), *n_waiting);

      add_link (self, self->attention_list, "document-open-recent-symbolic", NULL, title,
                _("Book them from the waitlist on the Schedule page."), "schedule", NULL, NULL);
    }
  for (guint i = 0; downtime != NULL && i < downtime->len; i++)
    {
      RdRecord *d = g_ptr_array_index (downtime, i);
      g_autoptr (RdRecord) modality = rd_store_get (store, "modality", rd_record_get_text (d, "modality_id"), NULL);
      g_autofree char *start = rd_format_time (rd_record_get_int (d, "start"));
      g_autofree char *end = rd_format_time (rd_record_get_int (d, "end"));
      g_autofree char *title = g_strdup_printf (_("%s is down today"), modality != NULL ? rd_record_get_text (modality, "name") : "?");
      g_autofree char *subtitle = NULL;

      if (rd_record_get_int (d, "start") < from || rd_record_get_int (d, "end") > to)
        subtitle = g_strdup_printf ("%s · %s – %s", rd_format_enum (rd_record_get_text (d, "reason")),
                                    rd_record_get_int (d, "start") < from ? _("before today") : start,
                                    rd_record_get_int (d, "end") > to ? _("after today") : end);
      else
        subtitle = g_strdup_printf ("%s · %s – %s", rd_format_enum (rd_record_get_text (d, "reason")), start, end);
      add_link (self, self->attention_list, "dialog-warning-symbolic", "warning", title, subtitle, "schedule", NULL, NULL);
    }
}

static void
add_training_and_stock_alerts (RdOverviewPage *self,
                               const GDate    *today,
                               guint          *n_low)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GPtrArray) due = rd_training_list_due (store, today, RD_TRAINING_DUE_DAYS);
  g_autofree char *iso = rd_contract_format_date (today);
  g_autoptr (GPtrArray) expiring = rd_inventory_list_expiring (store, iso, EXPIRING_DAYS);
  guint overdue = 0;

  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      RdTrainingItem *item = g_ptr_array_index (due, i);

      if (item->status == RD_TRAINING_OVERDUE || item->status == RD_TRAINING_MISSING)
        overdue++;
    }
  if (due != NULL && due->len > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u certification or course due", "%u certifications and courses due",
                                                          due->len), due->len);
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u overdue or missing; the others fall due within %d days",
                                                             "%u overdue or missing; the others fall due within %d days",
                                                             overdue), overdue, RD_TRAINING_DUE_DAYS);

      add_link (self, self->attention_list, "system-users-symbolic", overdue > 0 ? "error" : NULL,
                title, subtitle, "training", NULL, NULL);
    }

  *n_low = count_low_stock (self);
  if (*n_low > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u item low or out of stock", "%u items low or out of stock",
                                                          *n_low), *n_low);

      add_link (self, self->attention_list, "package-x-generic-symbolic", "warning", title,
                _("Under the reorder point; the forecast suggests what to order."), "inventory", NULL, NULL);
    }
  if (expiring != NULL && expiring->len > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u lot expiring within %d days", "%u lots expiring within %d days",
                                                          expiring->len), expiring->len, EXPIRING_DAYS);

      add_link (self, self->attention_list, "appointment-soon-symbolic", "warning", title,
                _("Use them first or write them off."), "inventory", NULL, NULL);
    }
}

static void
add_contract_and_budget_alerts (RdOverviewPage *self,
                                const GDate    *today)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GPtrArray) notice = rd_contracts_list_notice_due (store, today, RD_CONTRACT_RENEWAL_DAYS);
  g_autoptr (GPtrArray) uncovered = rd_contracts_uncovered_modalities (store, today);
  int start_month = self->settings != NULL ? g_settings_get_int (self->settings, "fiscal-year-start-month") : 1;
  int year = rd_fiscal_year_for_date (today, start_month);
  g_autoptr (GPtrArray) lines = rd_budget_summarise (store, year, start_month, today);
  g_autofree char *fy = g_strdup_printf ("%d", year);

  for (guint i = 0; i < notice->len; i++)
    {
      RdRecord *c = g_ptr_array_index (notice, i);
      g_autofree char *title = g_strdup_printf (_("Notice deadline: %s"), rd_record_get_text (c, "title"));
      g_autofree char *subtitle = rd_contract_describe_deadline (c, today);

      add_link (self, self->attention_list, "emblem-documents-symbolic",
                rd_contract_days_to_deadline (c, today) <= 30 ? "error" : "warning",
                title, subtitle, "contracts", rd_record_get_id (c), NULL);
    }
  for (guint i = 0; i < uncovered->len; i++)
    {
      RdRecord *m = g_ptr_array_index (uncovered, i);
      g_autofree char *title = g_strdup_printf (_("No service contract covers %s"), rd_record_get_text (m, "name"));

      add_link (self, self->attention_list, "emblem-documents-symbolic", "warning", title,
                _("A breakdown would be paid at time-and-materials rates."), "contracts", NULL, NULL);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      RdBudgetSummary *s = g_ptr_array_index (lines, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *money = NULL;
      const char *name = s->name != NULL ? s->name : rd_format_enum (s->category);

      if (!s->over && !s->close)
        continue;
      money = rd_format_money (s->over ? -s->remaining : s->remaining);
      if (s->over)
        {
          title = g_strdup_printf (_("%s is over budget by %s"), name, money);
          subtitle = g_strdup_printf (_("FY%d: orders and contracts commit more than the line’s amount."), year);
        }
      else
        {
          title = g_strdup_printf (_("%s is close to its amount"), name);
          subtitle = g_strdup_printf (_("FY%d: %s left, %d %% committed."), year, money,
                                      s->amount > 0 ? (int) (s->committed * 100 / s->amount) : 100);
        }
      add_link (self, self->attention_list, "accessories-calculator-symbolic", s->over ? "error" : "warning",
                title, subtitle, "budget", fy, NULL);
    }
}

static void
refresh (RdOverviewPage *self)
{
  g_autoptr (GDateTime) now = rd_format_today ();
  g_autofree char *title = rd_format_day (now);
  guint n_today, n_conflicts = 0, n_waiting = 0, n_low = 0;
  gint64 from, to;
  GDate today;

  adw_window_title_set_subtitle (self->window_title, title);
  rd_format_day_range (now, &from, &to);
  today_date (&today);

  clear_list (self->attention_list);
  add_schedule_alerts (self, from, to, &n_conflicts, &n_waiting);
  add_contract_and_budget_alerts (self, &today);
  add_training_and_stock_alerts (self, &today, &n_low);
  if (gtk_widget_get_first_child (GTK_WIDGET (self->attention_list)) == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing needs attention today"));
      gtk_list_box_append (self->attention_list, row);
    }

  n_today = refresh_today (self, from, to);
  set_counter (self->bookings_label, n_today, FALSE);
  set_counter (self->conflicts_label, n_conflicts, TRUE);
  set_counter (self->waitlist_label, n_waiting, FALSE);
  set_counter (self->reorder_label, n_low, TRUE);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static gboolean
on_tick (gpointer user_data)
{
  /* the day changes under a window left open overnight */
  rd_page_queue_refresh (RD_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_row_activated (AdwActionRow   *row,
                  RdOverviewPage *self)
{
  const char *page = g_object_get_data (G_OBJECT (row), "rd-page");
  const char *item = g_object_get_data (G_OBJECT (row), "rd-item");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *target;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", page);
  if (item == NULL || !RD_IS_WINDOW (root))
    return;

  target = rd_window_get_page_widget (RD_WINDOW (root), page);
  if (RD_IS_CONTRACTS_PAGE (target))
    rd_contracts_page_show_contract (RD_CONTRACTS_PAGE (target), item);
  else if (RD_IS_BUDGET_PAGE (target))
    rd_budget_page_show_year (RD_BUDGET_PAGE (target), (int) g_ascii_strtoll (item, NULL, 10));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_overview_page_constructed (GObject *object)
{
  RdOverviewPage *self = RD_OVERVIEW_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));

  G_OBJECT_CLASS (rd_overview_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (store));

  self->settings = dup_settings ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::fiscal-year-start-month", G_CALLBACK (rd_page_queue_refresh), self);
  self->midnight_id = g_timeout_add_seconds (600, on_tick, self);

  refresh (self);
}

static void
rd_overview_page_dispose (GObject *object)
{
  RdOverviewPage *self = RD_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_overview_page_parent_class)->dispose (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_overview_page_refresh (RdPage *page)
{
  refresh (RD_OVERVIEW_PAGE (page));
}

static void
rd_overview_page_class_init (RdOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  RD_PAGE_CLASS (klass)->refresh = rd_overview_page_refresh;
  object_class->constructed = rd_overview_page_constructed;
  object_class->dispose = rd_overview_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/overview/rd-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, bookings_label);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, waitlist_label);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, reorder_label);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, attention_list);
  gtk_widget_class_bind_template_child (widget_class, RdOverviewPage, today_list);
}

static void
rd_overview_page_init (RdOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
