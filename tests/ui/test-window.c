/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: opens the main window on a demo department and walks every page through the sidebar. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <string.h>

#include "rd-application.h"
#include "rd-booking-block.h"
#include "rd-demo.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-window.h"

typedef struct
{
  char     *dir;
  RdStore  *store;
  RdWindow *window;
} Fixture;

static const char *page_names[] = {
  "overview", "schedule", "training", "inventory", "purchasing", "contracts", "budget",
};

static void
drain_main_loop (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
collect_column_views (GtkWidget *widget,
                      GPtrArray *found)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_column_views (child, found);
}

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
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) today = NULL;

  fixture->dir = g_dir_make_tmp ("raddesk-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "demo.db", NULL);

  rd_format_set_time_zone ("Europe/London");
  fixture->store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  today = rd_format_today ();
  rd_demo_generate (fixture->store, 2026, today, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (rd_window_new (NULL, fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  drain_main_loop ();
  g_clear_object (&fixture->store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
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
      drain_main_loop ();
      g_assert_cmpstr (rd_window_get_page (fixture->window), ==, page_names[i]);
      g_assert_true (gtk_list_box_get_selected_row (sidebar) == row);

      page = rd_window_get_page_widget (fixture->window, page_names[i]);
      g_assert_true (gtk_widget_get_mapped (page));
      collect_column_views (page, views);
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
  drain_main_loop ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "budget");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "no-such-page");
  drain_main_loop ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "budget");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "contracts");
  drain_main_loop ();
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
              fixture_set_up, test_window_visits_every_page, fixture_tear_down);
  g_test_add ("/ui/window/sidebar-names", Fixture, NULL,
              fixture_set_up, test_window_sidebar_names, fixture_tear_down);
  g_test_add ("/ui/window/show-page-action", Fixture, NULL,
              fixture_set_up, test_window_show_page_action, fixture_tear_down);
  g_test_add_func ("/ui/format/error-sentences", test_window_error_sentences);
  g_test_add_func ("/ui/format/values", test_format);

  return g_test_run ();
}
