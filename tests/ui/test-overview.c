/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-overview.c: opens the Overview on the demo department and follows its alerts to the pages where they are dealt with. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-budget-page.h"
#include "rd-contracts.h"
#include "rd-contracts-page.h"
#include "rd-format.h"
#include "rd-ui-test.h"
#include "rd-window.h"

typedef RdUiTest Fixture;

static gboolean
is_row_titled_prefix (GtkWidget     *widget,
                      gconstpointer  prefix)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget)
         && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), prefix);
}

static gboolean
is_list_named (GtkWidget     *widget,
               gconstpointer  name)
{
  return GTK_IS_LIST_BOX (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rd_ui_test_set_up (fixture, "ui-overview", 1280, 800);
  rd_window_show_page (fixture->window, "overview");
  rd_ui_test_drain ();
}

static GtkWidget *
overview (Fixture *fixture)
{
  GtkWidget *page = rd_window_get_page_widget (fixture->window, "overview");

  g_assert_nonnull (page);
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "overview");
  return page;
}

static void
today (GDate *out)
{
  g_autoptr (GDateTime) now = rd_format_today ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
}

static gboolean
is_column_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget) && gtk_widget_get_mapped (widget);
}

/* The demo's contracts whose notice deadline is near are listed, soonest first; following the
 * first opens the Contracts page with that contract selected. */
static void
test_follow_contract_alert (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr (GPtrArray) due = NULL;
  GtkWidget *row, *column_view;
  GtkSelectionModel *selection;
  g_autoptr (GtkBitset) set = NULL;
  g_autoptr (RdRecord) selected = NULL;
  g_autofree char *expected_title = NULL;
  GDate day;

  today (&day);
  due = rd_contracts_list_notice_due (fixture->store, &day, RD_CONTRACT_RENEWAL_DAYS);
  /* the demo department has four: CT 2, US 1, the linen supply and PACS */
  g_assert_cmpuint (due->len, >=, 2);
  expected_title = g_strdup_printf ("Notice deadline: %s", rd_record_get_text (g_ptr_array_index (due, 0), "title"));

  row = rd_ui_test_find (overview (fixture), is_row_titled_prefix, "Notice deadline: ");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, expected_title);
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "contracts");
  gtk_widget_activate (row);
  rd_ui_test_drain ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "contracts");

  column_view = rd_ui_test_find (rd_window_get_page_widget (fixture->window, "contracts"), is_column_view, NULL);
  g_assert_nonnull (column_view);
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  set = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (set), ==, 1);
  selected = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_nth (set, 0));
  g_assert_cmpstr (rd_record_get_id (selected), ==, rd_record_get_id (g_ptr_array_index (due, 0)));
}

/* Today's list has a row per active modality, each opening the Schedule; the uncovered DX 2
 * is flagged and opens the Contracts page. */
static void
test_today_and_uncovered (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GPtrArray) modalities = rd_store_list (fixture->store, "modality", NULL);
  GtkWidget *page = overview (fixture);
  GtkWidget *list = rd_ui_test_find (page, is_list_named, "today");
  GtkWidget *row;
  guint n_active = 0, n_rows = 0;

  for (guint i = 0; i < modalities->len; i++)
    n_active += rd_record_get_bool (g_ptr_array_index (modalities, i), "active");
  g_assert_nonnull (list);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      {
        n_rows++;
        g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child)), "booking"));
      }
  g_assert_cmpuint (n_rows, ==, n_active);

  row = rd_ui_test_find (page, is_row_titled_prefix, "No service contract covers DX 2");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  rd_ui_test_drain ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "contracts");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/overview/follow-contract-alert", Fixture, NULL, fixture_set_up,
              test_follow_contract_alert, rd_ui_test_tear_down);
  g_test_add ("/overview/today-and-uncovered", Fixture, NULL, fixture_set_up,
              test_today_and_uncovered, rd_ui_test_tear_down);

  return g_test_run ();
}
