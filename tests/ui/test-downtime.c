/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-downtime.c: the Add Downtime dialog offers the contract a downtime falls under, and saves it with the downtime. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-contracts.h"
#include "rd-format.h"
#include "rd-schedule-dialogs.h"
#include "rd-schedule-page.h"
#include "rd-ui-test.h"
#include "rd-window.h"

static gboolean
is_combo_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_COMBO_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_suggested_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action");
}

static GtkWindow *
find_window (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

static void
test_downtime_contract (void)
{
  g_autofree char *dir = rd_ui_test_make_dir ("ui-downtime");
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GPtrArray) modalities = NULL;
  g_autoptr (GPtrArray) contracts = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  RdWindow *window;
  RdRecord *modality = NULL, *expected = NULL;
  GtkWindow *dialog;
  GtkWidget *row;
  GDate day;
  const char *saved_contract = NULL;

  store = rd_ui_test_open_demo (dir);
  today = rd_format_today ();

  /* A modality with a running service contract in the demo department. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (today), (GDateMonth) g_date_time_get_month (today),
                  (GDateYear) g_date_time_get_year (today));
  modalities = rd_store_list (store, "modality", "name");
  for (guint i = 0; i < modalities->len && expected == NULL; i++)
    {
      g_clear_pointer (&contracts, g_ptr_array_unref);
      contracts = rd_contracts_for_modality (store, rd_record_get_id (g_ptr_array_index (modalities, i)));
      for (guint c = 0; c < contracts->len && expected == NULL; c++)
        if (g_strcmp0 (rd_record_get_text (g_ptr_array_index (contracts, c), "kind"), "service") == 0
            && rd_contract_is_running (g_ptr_array_index (contracts, c), &day))
          {
            modality = g_ptr_array_index (modalities, i);
            expected = g_ptr_array_index (contracts, c);
          }
    }
  g_assert_nonnull (expected);

  window = rd_ui_test_open_window (store, -1, -1);
  rd_window_show_page (window, "schedule");
  rd_ui_test_drain ();

  rd_schedule_show_downtime (RD_SCHEDULE_PAGE (rd_window_get_page_widget (window, "schedule")), rd_record_get_id (modality));
  rd_ui_test_drain ();
  dialog = find_window ("Add Downtime");
  g_assert_nonnull (dialog);

  /* The modality's running service contract is offered first. */
  row = rd_ui_test_find (GTK_WIDGET (dialog), is_combo_row_titled, "Under Contract");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), >, 0);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row))), ==,
                   rd_record_get_text (expected, "title"));

  before = rd_store_list (store, "downtime", NULL);
  g_assert_true (gtk_widget_get_sensitive (rd_ui_test_find (GTK_WIDGET (dialog), is_suggested_button, NULL)));
  g_signal_emit_by_name (rd_ui_test_find (GTK_WIDGET (dialog), is_suggested_button, NULL), "clicked");
  rd_ui_test_drain ();
  after = rd_store_list (store, "downtime", NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    {
      gboolean old = FALSE;

      for (guint j = 0; j < before->len; j++)
        old |= g_str_equal (rd_record_get_id (g_ptr_array_index (after, i)), rd_record_get_id (g_ptr_array_index (before, j)));
      if (!old)
        saved_contract = rd_record_get_text (g_ptr_array_index (after, i), "contract_id");
    }
  g_assert_cmpstr (saved_contract, ==, rd_record_get_id (expected));

  rd_ui_test_destroy_window (window);
  g_clear_object (&store);
  rd_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/schedule/downtime-contract", test_downtime_contract);
  return g_test_run ();
}
