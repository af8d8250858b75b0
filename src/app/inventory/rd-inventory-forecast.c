/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-forecast.c: the Inventory page's forecast view — use, run-out dates, suggestions, drafts. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-format.h"
#include "rd-inventory-page-private.h"
#include "rd-purchasing.h"
#include "rd-stock-dialog.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GSettings *
dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE)
                                                      : NULL;

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static int
forecast_days (void)
{
  g_autoptr (GSettings) settings = dup_settings ();

  return settings != NULL ? g_settings_get_int (settings, "forecast-days") : 14;
}

static RdForecastItem *
lookup (RdRecord *item,
        gpointer  user_data)
{
  RdInventoryPage *self = user_data;

  return self->forecast != NULL ? rd_forecast_lookup (self->forecast, rd_record_get_id (item)) : NULL;
}

#define FIELD_FUNCS(field)                                                         \
  static gint64                                                                    \
  get_##field (RdRecord *item, gpointer user_data)                                 \
  {                                                                                \
    RdForecastItem *f = lookup (item, user_data);                                  \
    return f != NULL ? f->field : 0;                                               \
  }                                                                                \
  static char *                                                                    \
  dup_##field (RdRecord *item, gpointer user_data)                                 \
  {                                                                                \
    return g_strdup_printf ("%" G_GINT64_FORMAT, get_##field (item, user_data));   \
  }

FIELD_FUNCS (on_hand)
FIELD_FUNCS (expected_use)
FIELD_FUNCS (on_order)
FIELD_FUNCS (projected)

static char *
dup_suggested (RdRecord *item,
               gpointer  user_data)
{
  RdForecastItem *f = lookup (item, user_data);

  if (f == NULL || f->suggested == 0)
    return g_strdup ("—");
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", f->suggested, rd_record_get_text (item, "unit"));
}

static gint64
get_suggested (RdRecord *item,
               gpointer  user_data)
{
  RdForecastItem *f = lookup (item, user_data);

  return f != NULL ? f->suggested : 0;
}

static char *
dup_run_out (RdRecord *item,
             gpointer  user_data)
{
  RdForecastItem *f = lookup (item, user_data);

  if (f == NULL || f->run_out == NULL)
    return g_strdup (_("Lasts"));
  return rd_format_date (f->run_out);
}

/* Items running out sort by date; those that last go last. */
static gint64
get_run_out (RdRecord *item,
             gpointer  user_data)
{
  RdForecastItem *f = lookup (item, user_data);
  int y, m, d;

  if (f == NULL || f->run_out == NULL || sscanf (f->run_out, "%d-%d-%d", &y, &m, &d) != 3)
    return G_MAXINT64;
  return (gint64) y * 10000 + m * 100 + d;
}

static char *
dup_sku (RdRecord *item,
         gpointer  user_data)
{
  return g_strdup (rd_record_get_text (item, "sku"));
}

static char *
dup_name (RdRecord *item,
          gpointer  user_data)
{
  return g_strdup (rd_record_get_text (item, "name"));
}

static char *
dup_vendor (RdRecord *item,
            gpointer  user_data)
{
  RdInventoryPage *self = user_data;
  const char *id = rd_record_get_text (item, "vendor_id");

  return g_strdup (id != NULL ? rd_record_view_lookup_label (self->forecast_view, "vendor", id) : "—");
}

/* The supplies line of the current year (by the fiscal-year setting), else the latest one. */
static char *
dup_supplies_budget_line (RdInventoryPage *self)
{
  g_autoptr (GPtrArray) lines = rd_store_list_by (rd_page_get_store (RD_PAGE (self)), "budget_line", "category", "supplies", NULL);
  g_autoptr (GSettings) settings = dup_settings ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int start_month = settings != NULL ? g_settings_get_int (settings, "fiscal-year-start-month") : 1;
  int year = g_date_time_get_year (now);
  RdRecord *best = NULL;

  /* A fiscal year is named by the calendar year it ends in when it does not start in January. */
  if (start_month > 1 && g_date_time_get_month (now) >= start_month)
    year++;
  for (guint i = 0; i < lines->len; i++)
    {
      RdRecord *line = g_ptr_array_index (lines, i);

      if (rd_record_get_int (line, "fiscal_year") == year)
        return g_strdup (rd_record_get_id (line));
      if (best == NULL || rd_record_get_int (line, "fiscal_year") > rd_record_get_int (best, "fiscal_year"))
        best = line;
    }
  return best != NULL ? g_strdup (rd_record_get_id (best)) : NULL;
}

/* ---------------------------------------------------------------- */
/* Internal API                                                      */
/* ---------------------------------------------------------------- */

void
rd_inventory_page_setup_forecast (RdInventoryPage *self)
{
  RdRecordView *view = self->forecast_view;
  GtkColumnViewColumn *column;

  self->forecast_items = g_list_store_new (RD_TYPE_RECORD);
  rd_record_view_set_store (view, rd_page_get_store (RD_PAGE (self)));
  rd_record_view_set_model (view, G_LIST_MODEL (self->forecast_items));

  /* The model is a plain list store, so every column is a computed one. */
  gtk_column_view_column_set_fixed_width (rd_record_view_add_computed_column (view, _("SKU"), dup_sku, NULL, self),
                                          120);
  column = rd_record_view_add_computed_column (view, _("Name"), dup_name, NULL, self);
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_set_column_numeric (view, rd_record_view_add_computed_column (view, _("On Hand"), dup_on_hand,
                                                                               get_on_hand, self), TRUE);
  rd_record_view_set_column_numeric (view, rd_record_view_add_computed_column (view, _("Booked Use"),
                                                                               dup_expected_use,
                                                                               get_expected_use, self), TRUE);
  rd_record_view_set_column_numeric (view, rd_record_view_add_computed_column (view, _("On Order"),
                                                                               dup_on_order, get_on_order,
                                                                               self), TRUE);
  rd_record_view_set_column_numeric (view, rd_record_view_add_computed_column (view, _("Left After"),
                                                                               dup_projected, get_projected,
                                                                               self), TRUE);
  column = rd_record_view_add_computed_column (view, _("Runs Out"), dup_run_out, get_run_out, self);
  rd_record_view_set_column_numeric (view, rd_record_view_add_computed_column (view, _("Order"), dup_suggested,
                                                                               get_suggested, self), TRUE);
  rd_record_view_add_computed_column (view, _("Vendor"), dup_vendor, NULL, self);
  rd_record_view_sort_by (view, column, GTK_SORT_ASCENDING);
  rd_record_view_set_empty_state (view, "x-office-spreadsheet-symbolic", _("Nothing Booked Uses Supplies"),
                                  _("Items used by the booked exams of the coming days appear here."));

  rd_inventory_page_reload_forecast (self);
}

void
rd_inventory_page_reload_forecast (RdInventoryPage *self)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *summary = NULL;
  g_autofree char *from = NULL;
  guint n_suggested = 0, n_running_out = 0;
  int days = forecast_days ();

  g_clear_pointer (&self->forecast, rd_forecast_free);
  self->forecast = rd_forecast_compute (rd_page_get_store (RD_PAGE (self)), NULL, days);

  /* Only what matters: items the bookings use, or items to order. */
  for (guint i = 0; i < self->forecast->items->len; i++)
    {
      RdForecastItem *f = g_ptr_array_index (self->forecast->items, i);
      RdRecord *item = g_hash_table_lookup (self->items, f->item_id);

      if (item == NULL || (f->expected_use == 0 && f->suggested == 0))
        continue;
      g_ptr_array_add (shown, item);
      n_suggested += f->suggested > 0;
      n_running_out += f->run_out != NULL;
    }
  g_list_store_splice (self->forecast_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->forecast_items)),
                       shown->pdata, shown->len);

  from = rd_format_date (self->forecast->from);
  summary = g_strdup_printf (_("Booked exams of the %d days from %s against stock and open orders "
                               "(expected %d days after ordering): %u items run out, %u to order."),
                             days, from, RD_PURCHASING_LEAD_DAYS, n_running_out, n_suggested);
  gtk_label_set_text (self->forecast_summary, summary);
}

void
rd_inventory_page_create_orders (RdInventoryPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  g_autofree char *budget_line = dup_supplies_budget_line (self);
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (self->forecast == NULL)
    return;
  if (!rd_forecast_create_draft_orders (rd_page_get_store (RD_PAGE (self)), self->forecast, NULL, budget_line, user, &ids, &error))
    {
      rd_inventory_page_toast (self, error->message);
      return;
    }
  if (ids->len == 0)
    {
      rd_inventory_page_toast (self, _("Nothing to order: every item lasts, or has no vendor or price"));
      return;
    }

  message = g_strdup_printf (g_dngettext (NULL, "%u draft order created", "%u draft orders created", ids->len),
                             ids->len);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-page");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("purchasing"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
