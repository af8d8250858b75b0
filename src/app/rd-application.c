/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-application.c: the RadDesk application — options, the department's store and the window. */

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "rd-application.h"
#include "rd-demo.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-window.h"
#include "sync/rd-token-store.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  RdStore        *store;
  RdSyncClient   *sync;
  char           *database;   /* --database FILE */
  gboolean        demo;       /* --demo */

  /* The department file is opened (and its integrity checked) on a thread while GTK starts. */
  GThread        *open_thread;
  char           *open_path;
  GError         *open_error;
};

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the department database FILE instead of your own"), N_("FILE") },
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open a generated demo department; your own data is not touched"), NULL },
  { NULL }
};

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
remove_database_files (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not remove the old demo database “%s”: %s", file, g_strerror (errno));
    }
}

static gboolean
ensure_parent_directory (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
show_open_error (RdApplication *self,
                 const char    *path,
                 const GError  *error)
{
  g_autofree char *body = rd_application_describe_error (path, error);
  GtkWidget *dialog;

  g_printerr ("raddesk: %s\n", body);

  dialog = adw_message_dialog_new (NULL, _("Cannot Open the Department"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  /* closing the dialog closes its application window list, and so quits */
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_settings_changed_time_zone (GSettings     *settings,
                               const char    *key,
                               RdApplication *self)
{
  g_autofree char *zone = g_settings_get_string (settings, "time-zone");

  rd_format_set_time_zone (zone);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  RdApplication *self = user_data;

  /* closing the windows lets each save its state */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

/* ---------------------------------------------------------------- */
/* GApplication overrides                                            */
/* ---------------------------------------------------------------- */

static gpointer
open_in_thread (gpointer data)
{
  RdApplication *self = data;

  if (!ensure_parent_directory (self->open_path, &self->open_error))
    return NULL;
  return rd_store_open (self->open_path, RD_STORE_WORKSTATION, &self->open_error);
}

static int
rd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  RdApplication *self = RD_APPLICATION (application);

  g_variant_dict_lookup (options, "database", "^ay", &self->database);
  g_variant_dict_lookup (options, "demo", "b", &self->demo);

  if (self->demo && self->database != NULL)
    {
      g_printerr ("%s\n", _("Use either --demo or --database, not both."));
      return EXIT_FAILURE;
    }

  /* Another database than one's own is a separate instance, never handed to a running one. */
  if (self->demo || self->database != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  if (!self->demo)
    {
      self->open_path = self->database != NULL ? g_strdup (self->database) : rd_application_dup_default_path ();
      self->open_thread = g_thread_new ("raddesk-open", open_in_thread, self);
    }

  return -1;
}

static void
rd_application_startup (GApplication *application)
{
  RdApplication *self = RD_APPLICATION (application);
  static const GActionEntry app_entries[] = {
    { "quit", quit_action, NULL, NULL, NULL },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  g_autofree char *zone = NULL;

  G_APPLICATION_CLASS (rd_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed::time-zone",
                    G_CALLBACK (on_settings_changed_time_zone), self);
  zone = g_settings_get_string (self->settings, "time-zone");
  rd_format_set_time_zone (zone);
}

/* For the start-up benchmark: report when the first frame is painted, then quit. */
static void
on_frame_painted_for_benchmark (GdkFrameClock *clock,
                                gpointer       user_data)
{
  g_print ("first-frame\n");
  g_signal_handlers_disconnect_by_func (clock, on_frame_painted_for_benchmark, user_data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_window_map_for_benchmark (GtkWidget *window,
                             gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_frame_painted_for_benchmark), user_data);
}

static void
rd_application_activate (GApplication *application)
{
  RdApplication *self = RD_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    {
      if (self->demo)
        {
          path = rd_application_dup_demo_path ();
          self->store = rd_application_open_demo (path, &error);
        }
      else if (self->open_thread != NULL)
        {
          path = g_strdup (self->open_path);
          self->store = g_thread_join (g_steal_pointer (&self->open_thread));
          if (self->open_error != NULL)
            g_propagate_error (&error, g_steal_pointer (&self->open_error));
        }
      else
        {
          path = self->database != NULL ? g_strdup (self->database)
                                        : rd_application_dup_default_path ();
          if (ensure_parent_directory (path, &error))
            self->store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
        }

      if (self->store == NULL)
        {
          show_open_error (self, path, error);
          return;
        }
    }

  /* One sync client per store; it starts once the keyring hands back a sign-in for the server. */
  if (self->sync == NULL)
    {
      self->sync = rd_sync_client_new (self->store);
      if (!self->demo)
        rd_token_store_restore (self->sync, self->settings);
    }

  window = g_object_new (RD_TYPE_WINDOW,
                         "application", self,
                         "store", self->store,
                         "sync", self->sync,
                         NULL);
  if (g_getenv ("RADDESK_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_window_map_for_benchmark), self);
  gtk_window_present (window);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_application_dispose (GObject *object)
{
  RdApplication *self = RD_APPLICATION (object);

  if (self->open_thread != NULL)
    {
      /* Started, but the window was never made (another instance took the request). */
      RdStore *unused = g_thread_join (g_steal_pointer (&self->open_thread));

      g_clear_object (&unused);
    }
  if (self->sync != NULL)
    rd_sync_client_stop (self->sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_application_parent_class)->dispose (object);
}

static void
rd_application_finalize (GObject *object)
{
  RdApplication *self = RD_APPLICATION (object);

  g_free (self->database);
  g_free (self->open_path);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (rd_application_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = rd_application_dispose;
  object_class->finalize = rd_application_finalize;
  app_class->handle_local_options = rd_application_handle_local_options;
  app_class->startup = rd_application_startup;
  app_class->activate = rd_application_activate;
}

static void
rd_application_init (RdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Run a radiology department: schedule, staff and "
                                              "training, inventory, purchasing, contracts and budget."));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

RdApplication *
rd_application_new (void)
{
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/raddesk/RadDesk",
                       NULL);
}

/**
 * rd_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open store, %NULL before activation or when it
 *   could not be opened
 */
RdStore *
rd_application_get_store (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * rd_application_dup_default_path:
 *
 * Returns: (transfer full): where the user's own department database lives
 */
char *
rd_application_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "raddesk", "department.db", NULL);
}

/**
 * rd_application_dup_demo_path:
 *
 * Returns: (transfer full): where the demo department is generated, away from the user's data
 */
char *
rd_application_dup_demo_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "raddesk", "demo.db", NULL);
}

/**
 * rd_application_open_demo:
 * @path: the demo database file; whatever is there is replaced
 * @error: return location for a #GError
 *
 * Opens the demo department at @path: the one made earlier today, else a freshly generated one
 * with bookings around today.
 *
 * Returns: (transfer full): the demo store, or %NULL with @error set
 */
RdStore *
rd_application_open_demo (const char  *path,
                          GError     **error)
{
  g_autoptr(RdStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ensure_parent_directory (path, error))
    return NULL;

  /* The demo made earlier today is opened again as it is (with what was tried in it); on another
   * day it is made afresh, so that its bookings stay around today. */
  {
    g_autoptr(GDateTime) today = rd_format_today ();
    g_autofree char *day = g_date_time_format (today, "%Y-%m-%d");
    g_autofree char *made_on = NULL;

    store = rd_store_open (path, RD_STORE_WORKSTATION, NULL);
    if (store != NULL && (made_on = rd_store_get_meta (store, "demo_made_on")) != NULL
        && g_str_equal (made_on, day))
      return g_steal_pointer (&store);
    g_clear_object (&store);

    remove_database_files (path);
    store = rd_store_open (path, RD_STORE_WORKSTATION, error);
    if (store == NULL)
      return NULL;

    if (!rd_demo_generate (store, 2026, today, error) || !rd_store_set_meta (store, "demo_made_on", day, error))
      return NULL;
  }

  return g_steal_pointer (&store);
}

/**
 * rd_application_describe_error:
 * @path: the database file
 * @error: why it could not be opened
 *
 * Returns: (transfer full): a sentence saying what happened and what to do
 */
char *
rd_application_describe_error (const char   *path,
                               const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, RD_ERROR, RD_ERROR_NEWER_DATABASE))
    return g_strdup_printf (_("“%s” was saved by a newer version of RadDesk. Install the newer "
                              "version to open it. The file has not been changed."), path);
  if (g_error_matches (error, RD_ERROR, RD_ERROR_NOT_A_DATABASE))
    return g_strdup_printf (_("“%s” is not a RadDesk database, or it is damaged. Choose another "
                              "file with --database, or restore a backup. The file has not been "
                              "changed."), path);

  return g_strdup_printf (_("RadDesk could not open “%s”: %s"), path, error->message);
}
