/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-overview.c: opens the Overview on the demo department and follows its alerts to the pages where they are dealt with. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <string.h>

#include "rd-budget-page.h"
#include "rd-contracts.h"
#include "rd-contracts-page.h"
#include "rd-demo.h"
#include "rd-format.h"
#include "rd-window.h"

typedef struct
{
  char     *dir;
  RdStore  *store;
  RdWindow *window;
} Fixture;

static void
drain_main_loop (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             Match          match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

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
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GDateTime) today = NULL;

  fixture->dir = g_dir_make_tmp ("raddesk-ui-overview-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "demo.db", NULL);

  rd_format_set_time_zone ("Europe/London");
  fixture->store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  today = rd_format_today ();
  rd_demo_generate (fixture->store, 2026, today, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (rd_window_new (NULL, fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  rd_window_show_page (fixture->window, "overview");
  gtk_window_present (GTK_WINDOW (fixture->window));
  drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = NULL;
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

  row = find_widget (overview (fixture), is_row_titled_prefix, "Notice deadline: ");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, expected_title);
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "contracts");
  gtk_widget_activate (row);
  drain_main_loop ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "contracts");

  column_view = find_widget (rd_window_get_page_widget (fixture->window, "contracts"), is_column_view, NULL);
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
  GtkWidget *list = find_widget (page, is_list_named, "today");
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

  row = find_widget (page, is_row_titled_prefix, "No service contract covers DX 2");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  drain_main_loop ();
  g_assert_cmpstr (rd_window_get_page (fixture->window), ==, "contracts");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/overview/follow-contract-alert", Fixture, NULL, fixture_set_up,
              test_follow_contract_alert, fixture_tear_down);
  g_test_add ("/overview/today-and-uncovered", Fixture, NULL, fixture_set_up,
              test_today_and_uncovered, fixture_tear_down);

  return g_test_run ();
}
