/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: opens the main window on a demo department and walks every page through the sidebar. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-application.h"
#include "rd-booking-block.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-ui-test.h"
#include "rd-window.h"

typedef RdUiTest Fixture;

static const char *page_names[] = {
  "overview", "schedule", "training", "inventory", "purchasing", "contracts", "budget",
};

/* Records shown other than in a column view: the schedule's booking blocks in its grid, the rows
 * of lists (the Overview's alerts) and the items of list views. */
static guint
count_booking_blocks (GtkWidget *widget)
{
  guint n = RD_IS_BOOKING_BLOCK (widget) || GTK_IS_LIST_BOX_ROW (widget) ? 1 : 0;

  if (GTK_IS_LIST_VIEW (widget))
    n += g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_booking_blocks (child);

  return n;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  rd_ui_test_set_up (fixture, "ui", 1200, 800);
}

/* Every sidebar row has an accessible name, and activating it shows its page, whose list shows
 * the demo department's records. */
static void
test_window_visits_every_page (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkListBox *sidebar = GTK_LIST_BOX (rd_window_get_sidebar (fixture->window));

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, (int) i);
      g_autoptr(GPtrArray) views = g_ptr_array_new ();
      GtkWidget *page;
      guint max_items = 0;

      g_assert_nonnull (row);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));

      g_signal_emit_by_name (sidebar, "row-activated", row);
      rd_ui_test_drain ();
      g_assert_cmpstr (rd_window_get_page (fixture->window), ==, page_names[i]);
      g_assert_true (gtk_list_box_get_selected_row (sidebar) == row);

      page = rd_window_get_page_widget (fixture->window, page_names[i]);
      g_assert_true (gtk_widget_get_mapped (page));
      rd_ui_test_collect_type (page, GTK_TYPE_COLUMN_VIEW, views);
      max_items = count_booking_blocks (page);
      g_assert_cmpuint (views->len + max_items, >, 0);
      for (guint v = 0; v < views->len; v++)
        {
          GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (g_ptr_array_index (views, v)));

          max_items = MAX (max_items, g_list_model_get_n_items (model));
        }
      g_test_message ("%s: %u column view(s) or booking blocks, largest shows %u records",
                      page_names[i], views->len, max_items);
      g_assert_cmpuint (max_items, >, 0);
    }
}

/* The accessible names are the rows' visible titles. */
static void
test_window_sidebar_names (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *labels[] = {
    "Overview", "Schedule", "Staff & Training", "Inventory", "Purchasing", "Contracts", "Budget",
  };
  GtkListBox *sidebar = GTK_LIST_BOX (rd_window_get_sidebar (fixture->window));

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, (int) i);

      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           labels[i]);
    }
  g_assert_null (gtk_list_box_get_row_at_index (sidebar, G_N_ELEMENTS (labels)));
}

/* win.show-page (what Alt+1 … Alt+7 and the Overview's links use) switches pages; an unknown
 * name changes nothing. */
static void
test_window_show_page_action (Fixture       *fixture,
                              gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "budget");
  rd_ui_test_drain ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "budget");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "no-such-page");
  rd_ui_test_drain ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "budget");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "contracts");
  rd_ui_test_drain ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "contracts");
}

/* The error shown for a database of a newer RadDesk says so and says the file is untouched. */
static void
test_window_error_sentences (void)
{
  g_autoptr(GError) newer = g_error_new_literal (RD_ERROR, RD_ERROR_NEWER_DATABASE, "newer");
  g_autoptr(GError) foreign = g_error_new_literal (RD_ERROR, RD_ERROR_NOT_A_DATABASE, "foreign");
  g_autofree char *newer_text = rd_application_describe_error ("/tmp/x.db", newer);
  g_autofree char *foreign_text = rd_application_describe_error ("/tmp/x.db", foreign);

  g_assert_nonnull (strstr (newer_text, "newer version"));
  g_assert_nonnull (strstr (newer_text, "has not been changed"));
  g_assert_nonnull (strstr (foreign_text, "not a RadDesk database"));
  g_assert_nonnull (strstr (foreign_text, "has not been changed"));
}

/* Money and enumeration values as people read them. */
static void
test_format (void)
{
  g_autofree char *a = rd_format_money (123456);
  g_autofree char *b = rd_format_money (-5);
  g_autofree char *c = rd_format_money (100000000);
  g_autofree char *d = rd_format_date ("2026-12-01");
  g_autofree char *t = NULL;

  g_assert_cmpstr (a, ==, "$1,234.56");
  g_assert_cmpstr (b, ==, "−$0.05");
  g_assert_cmpstr (c, ==, "$1,000,000.00");
  g_assert_cmpstr (d, ==, "1 Dec 2026");
  g_assert_cmpstr (rd_format_enum ("in_progress"), ==, "In progress");
  g_assert_cmpstr (rd_format_enum ("partially_received"), ==, "Partially received");

  /* 2026-07-01 08:00 UTC is 09:00 in London (summer time) */
  rd_format_set_time_zone ("Europe/London");
  t = rd_format_time (1782892800);
  g_assert_cmpstr (t, ==, "09:00");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/window/visits-every-page", Fixture, NULL,
              fixture_set_up, test_window_visits_every_page, rd_ui_test_tear_down);
  g_test_add ("/ui/window/sidebar-names", Fixture, NULL,
              fixture_set_up, test_window_sidebar_names, rd_ui_test_tear_down);
  g_test_add ("/ui/window/show-page-action", Fixture, NULL,
              fixture_set_up, test_window_show_page_action, rd_ui_test_tear_down);
  g_test_add_func ("/ui/format/error-sentences", test_window_error_sentences);
  g_test_add_func ("/ui/format/values", test_format);

  return g_test_run ();
}
