/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-ui-test.c: what every UI test needs — a folder of its own, a demo department, the real window, a settled main loop, widgets found by type. */

#include "config.h"

#include <glib/gstdio.h>

#include "rd-demo.h"
#include "rd-format.h"
#include "rd-ui-test.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/* Runs what is pending, a few rounds over: an idle reload may queue another. */
void
rd_ui_test_drain (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

/* A new empty folder for the test, raddesk-@name-XXXXXX in the temporary folder. */
char *
rd_ui_test_make_dir (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("raddesk-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @path and the files in it. */
void
rd_ui_test_remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

/* A workstation store in @dir/demo.db holding the demo department, in London time. */
RdStore *
rd_ui_test_open_demo (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (RdStore) store = NULL;

  rd_format_set_time_zone ("Europe/London");
  store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  today = rd_format_today ();
  g_assert_true (rd_demo_generate (store, 2026, today, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* The main window on @store, presented; the caller owns a reference. */
RdWindow *
rd_ui_test_open_window (RdStore *store,
                        int      width,
                        int      height)
{
  RdWindow *window = g_object_ref_sink (rd_window_new (NULL, store));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Destroys a window the test holds a reference to, lets it go and settles the main loop;
 * for g_clear_pointer (). */
void
rd_ui_test_destroy_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  rd_ui_test_drain ();
}

void
rd_ui_test_set_up (RdUiTest   *test,
                   const char *name,
                   int         width,
                   int         height)
{
  test->dir = rd_ui_test_make_dir (name);
  test->store = rd_ui_test_open_demo (test->dir);
  test->window = rd_ui_test_open_window (test->store, width, height);
  rd_ui_test_drain ();
}

/* A GTestFixtureFunc, so tests can name it in g_test_add () as it is. */
void
rd_ui_test_tear_down (RdUiTest      *test,
                      gconstpointer  data)
{
  g_clear_pointer (&test->window, rd_ui_test_destroy_window);
  g_clear_object (&test->store);
  rd_ui_test_remove_dir (test->dir);
  g_clear_pointer (&test->dir, g_free);
}

/* The first widget under @root (itself included), depth first, for which @match holds. */
GtkWidget *
rd_ui_test_find (GtkWidget     *root,
                 RdUiMatch      match,
                 gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rd_ui_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
rd_ui_test_find_type (GtkWidget *root,
                      GType      type)
{
  return rd_ui_test_find (root, is_type, GSIZE_TO_POINTER (type));
}

/* Every widget of @type under @root (itself included), depth first, added to @out. */
void
rd_ui_test_collect_type (GtkWidget *root,
                         GType      type,
                         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rd_ui_test_collect_type (child, type, out);
}

/* The open window of @type (a dialog the test opened), if any; a gpointer, as callers want it
 * as that type. */
gpointer
rd_ui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
    }
  return NULL;
}

/* An AdwPreferencesRow (an entry row, an action row) with that title. */
gboolean
rd_ui_test_is_row_titled (GtkWidget     *widget,
                          gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* Types @text into the entry row titled @title under @root. */
void
rd_ui_test_set_row_text (GtkWidget  *root,
                         const char *title,
                         const char *text)
{
  GtkWidget *row = rd_ui_test_find (root, rd_ui_test_is_row_titled, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Selects the record whose @column is @value in the first column view under @page; returns its id. */
char *
rd_ui_test_select_record (GtkWidget  *page,
                          const char *column,
                          const char *value)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (rd_ui_test_find_type (page, GTK_TYPE_COLUMN_VIEW));
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_strcmp0 (rd_record_get_text (record, column), value) == 0)
        {
          gtk_selection_model_select_item (model, i, TRUE);
          rd_ui_test_drain ();
          return g_strdup (rd_record_get_id (record));
        }
    }
  g_assert_not_reached ();
}
