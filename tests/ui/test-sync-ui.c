/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-ui.c: the sync UI against a real raddesk-server — sign in through Preferences, see synced, offline and waiting; resolve conflicts in the window. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rd-conflicts-window.h"
#include "rd-format.h"
#include "rd-preferences-window.h"
#include "rd-sync-apply.h"
#include "rd-sync-format.h"
#include "rd-sync-preferences.h"
#include "rd-sync-status.h"
#include "rd-test-server.h"
#include "rd-token-store.h"
#include "rd-ui-test.h"
#include "rd-window.h"

static char *template_db;
static char *template_dir;
static char *admin_token;
static gboolean real_keyring;

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

typedef gboolean (*Condition) (gpointer data);

static gboolean
on_deadline (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds; a deadline only stops a hung test, it measures nothing. */
static void
wait_until (Condition    cond,
            gpointer     data,
            const char  *what)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (60, on_deadline, &expired);

  while (!cond (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Gave up waiting for %s", what);
  g_source_remove (id);
}

static gboolean
is_synced_and_empty (gpointer data)
{
  RdSyncClient *client = data;

  return rd_sync_client_get_state (client) == RD_SYNC_STATE_SYNCED && rd_sync_client_get_pending (client) == 0;
}

static gboolean
is_offline (gpointer data)
{
  return rd_sync_client_get_state (data) == RD_SYNC_STATE_OFFLINE;
}

static gboolean
sign_in_done (gpointer data)
{
  RdSyncPreferences *prefs = data;

  return !rd_sync_preferences_is_busy (prefs)
         && !g_str_has_prefix (rd_sync_preferences_get_keyring_note (prefs), "Keeping");
}

static RdRecord *
save_modality (RdStore    *store,
               const char *name)
{
  g_autoptr (GError) error = NULL;
  RdRecord *m = rd_record_new_for_table ("modality");

  rd_record_set_text (m, "name", name);
  rd_record_set_text (m, "kind", "CT");
  rd_record_set_text (m, "room", "Room 9.01");
  rd_record_set_text (m, "opening_hours", "07:00-21:00;07:00-21:00;07:00-21:00;07:00-21:00;07:00-21:00;07:00-21:00;07:00-21:00");
  rd_record_set_bool (m, "active", TRUE);
  g_assert_true (rd_store_save (store, m, "admin", &error));
  g_assert_no_error (error);
  return m;
}

static RdRecord *
save_exam (RdStore *store)
{
  g_autoptr (GError) error = NULL;
  RdRecord *e = rd_record_new_for_table ("exam_type");

  rd_record_set_text (e, "code", "CTHEAD");
  rd_record_set_text (e, "name", "CT Head");
  rd_record_set_text (e, "modality_kind", "CT");
  rd_record_set_int (e, "duration_min", 20);
  rd_record_set_bool (e, "needs_contrast", FALSE);
  g_assert_true (rd_store_save (store, e, "admin", &error));
  g_assert_no_error (error);
  return e;
}

static RdRecord *
save_booking (RdStore    *store,
              RdRecord   *modality,
              RdRecord   *exam,
              gint64      start,
              const char *patient)
{
  g_autoptr (GError) error = NULL;
  RdRecord *b = rd_record_new_for_table ("booking");

  rd_record_set_text (b, "modality_id", rd_record_get_id (modality));
  rd_record_set_text (b, "exam_type_id", rd_record_get_id (exam));
  rd_record_set_int (b, "start", start);
  rd_record_set_int (b, "end", start + 20 * 60);
  rd_record_set_text (b, "patient_name", patient);
  rd_record_set_text (b, "patient_mrn", "SYNC-0001");
  rd_record_set_text (b, "priority", "routine");
  rd_record_set_text (b, "status", "scheduled");
  g_assert_true (rd_store_save (store, b, "tester", &error));
  g_assert_no_error (error);
  return b;
}

static void
edit_text (RdStore    *store,
           const char *table,
           const char *id,
           const char *column,
           const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) r = rd_store_get (store, table, id, &error);

  g_assert_no_error (error);
  rd_record_set_text (r, column, value);
  g_assert_true (rd_store_save (store, r, "tester", &error));
  g_assert_no_error (error);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= len; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

/* With RADDESK_SCREENSHOT_DIR set, the test leaves pictures of what it checked there. */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("RADDESK_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width, height;

  if (dir == NULL)
    return;

  for (int i = 0; i < 10; i++)
    rd_ui_test_drain (), g_usleep (20000);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, file);
}

static RdSyncStatus *
find_status (GtkWidget *widget)
{
  return RD_SYNC_STATUS (rd_ui_test_find_type (widget, RD_TYPE_SYNC_STATUS));
}

typedef struct
{
  gboolean  done;
  char     *token;
} Lookup;

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Lookup *lookup = data;
  g_autoptr (GError) error = NULL;

  lookup->token = rd_token_store_lookup_finish (result, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer data)
{
  return ((Lookup *) data)->done;
}

static char *
lookup_token (const char *server,
              const char *username)
{
  Lookup lookup = { 0 };

  rd_token_store_lookup_async (server, username, NULL, on_looked_up, &lookup);
  wait_until (lookup_done, &lookup, "the keyring");
  return lookup.token;
}

static RdTestServer *
new_server (void)
{
  RdTestServer *server = rd_test_server_new (template_db);

  server->token = g_strdup (admin_token);
  return server;
}

/* ---------------------------------------------------------------- */
/* Sign in, synced, offline                                          */
/* ---------------------------------------------------------------- */

static void
test_sign_in_synced_offline (void)
{
  RdTestServer *server = new_server ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("raddesk-ui-sync-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "workstation.db", NULL);
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdSyncClient) client = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (RdRecord) modality = NULL;
  g_autoptr (RdRecord) exam = NULL;
  g_autoptr (RdRecord) booking = NULL;
  g_autoptr (RdRecord) on_server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *username = NULL;
  g_autofree char *token = NULL;
  RdTestWorkstation *other;
  RdPreferencesWindow *preferences;
  RdSyncPreferences *prefs;
  RdSyncStatus *status;
  GtkWidget *window;
  gint64 start;

  g_assert_no_error (error);
  store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  client = rd_sync_client_new (store);
  window = g_object_new (RD_TYPE_WINDOW, "store", store, "sync", client, NULL);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  rd_ui_test_drain ();

  status = find_status (window);
  g_assert_nonnull (status);
  g_assert_cmpstr (rd_sync_status_get_title (status), ==, "Working offline (no server)");

  /* Sign in through the real rows of Preferences → Server. */
  gtk_widget_activate_action (window, "win.preferences", NULL);
  rd_ui_test_drain ();
  preferences = rd_ui_test_find_toplevel (RD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  prefs = rd_sync_preferences_find (rd_preferences_window_get_sync_group (preferences));
  g_assert_nonnull (prefs);

  gtk_editable_set_text (GTK_EDITABLE (rd_sync_preferences_get_url_row (prefs)), server->url);
  gtk_editable_set_text (GTK_EDITABLE (rd_sync_preferences_get_username_row (prefs)), "admin");
  gtk_editable_set_text (GTK_EDITABLE (rd_sync_preferences_get_password_row (prefs)), "wrong password");
  g_signal_emit_by_name (rd_sync_preferences_get_sign_in_button (prefs), "clicked");
  wait_until (sign_in_done, prefs, "the refused sign-in");
  g_assert_cmpstr (rd_sync_preferences_get_status (prefs), ==, "The user name or password is wrong.");
  g_assert_null (rd_sync_client_get_token (client));

  gtk_editable_set_text (GTK_EDITABLE (rd_sync_preferences_get_password_row (prefs)), "test password");
  g_signal_emit_by_name (rd_sync_preferences_get_sign_in_button (prefs), "clicked");
  g_assert_true (rd_sync_preferences_is_busy (prefs));
  wait_until (sign_in_done, prefs, "the sign-in");
  g_assert_nonnull (rd_sync_client_get_token (client));
  token = g_strdup (rd_sync_client_get_token (client));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rd_sync_preferences_get_password_row (prefs))), ==, "");

  /* This test normally runs on its own session bus without a keyring service: the token stays in
   * memory for the session, RadDesk says so, and it is written nowhere. With
   * RADDESK_TEST_REAL_KEYRING=1 it uses the session's keyring, and the token must be found there. */
  if (real_keyring)
    {
      g_autofree char *kept = lookup_token (server->url, "admin");

      g_assert_cmpstr (rd_sync_preferences_get_keyring_note (prefs), ==, "");
      g_assert_cmpstr (kept, ==, token);
    }
  else
    g_assert_cmpstr (rd_sync_preferences_get_keyring_note (prefs), ==,
                     "No keyring is available: you will need to sign in again next time.");
  url = g_settings_get_string (settings, "server-url");
  username = g_settings_get_string (settings, "server-username");
  g_assert_cmpstr (url, ==, server->url);
  g_assert_cmpstr (username, ==, "admin");
  g_assert_false (file_contains (path, token));
  gtk_window_set_default_size (GTK_WINDOW (preferences), 560, 780);
  maybe_screenshot (GTK_WIDGET (preferences), "sync-preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* A department's first records, saved locally, reach the server in the background. */
  wait_until (is_synced_and_empty, client, "the first sync");
  modality = save_modality (store, "CT 9");
  exam = save_exam (store);
  start = (g_get_real_time () / G_USEC_PER_SEC / 3600 + 48) * 3600;
  booking = save_booking (store, modality, exam, start, "Sync Patient");
  rd_ui_test_drain ();
  g_assert_cmpint (rd_sync_client_get_pending (client), >=, 1);
  wait_until (is_synced_and_empty, client, "the booking to be sent");
  rd_sync_status_update (status);
  g_assert_cmpstr (rd_sync_status_get_title (status), ==, "Synced just now");
  g_assert_cmpstr (rd_sync_status_get_detail (status), ==, "");
  g_assert_cmpstr (rd_sync_status_get_accessible_label (status), ==, "Sync: Synced just now");

  /* Another workstation sees the booking: it is really on the server. */
  other = rd_test_workstation_new (server, "other");
  g_assert_true (rd_test_workstation_sync (other, &error));
  g_assert_no_error (error);
  on_server = rd_store_get (other->store, "booking", rd_record_get_id (booking), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_text (on_server, "patient_name"), ==, "Sync Patient");
  rd_test_workstation_free (other);
  maybe_screenshot (window, "sync-status-synced");

  /* The server goes away; a change waits, and the status says so. */
  rd_test_server_stop (server, FALSE);
  edit_text (store, "booking", rd_record_get_id (booking), "notes", "Bring previous films");
  rd_ui_test_drain ();
  wait_until (is_offline, client, "the client to notice the server is away");
  rd_sync_status_update (status);
  g_assert_true (g_str_has_prefix (rd_sync_status_get_title (status), "Offline"));
  g_assert_cmpstr (rd_sync_status_get_detail (status), ==, "1 change waiting");
  g_assert_true (g_str_has_prefix (rd_sync_status_get_accessible_label (status), "Sync: Offline"));
  g_assert_nonnull (strstr (rd_sync_status_get_accessible_label (status), "1 change waiting"));
  maybe_screenshot (window, "sync-status-offline");
  if (g_getenv ("RADDESK_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *popover = NULL;

      gtk_widget_activate (gtk_widget_get_first_child (GTK_WIDGET (status)));
      for (int i = 0; i < 30; i++)
        rd_ui_test_drain (), g_usleep (20000);
      for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (status))); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_POPOVER (c))
          popover = c;
      g_assert_nonnull (popover);
      maybe_screenshot (popover, "sync-status-popover");
      gtk_popover_popdown (GTK_POPOVER (popover));
    }

  /* Signing out forgets the token, in the keyring too. */
  gtk_widget_activate_action (window, "win.preferences", NULL);
  rd_ui_test_drain ();
  preferences = rd_ui_test_find_toplevel (RD_TYPE_PREFERENCES_WINDOW);
  prefs = rd_sync_preferences_find (rd_preferences_window_get_sync_group (preferences));
  g_signal_emit_by_name (rd_sync_preferences_get_sign_out_button (prefs), "clicked");
  rd_ui_test_drain ();
  g_assert_null (rd_sync_client_get_token (client));
  g_assert_cmpint (rd_sync_client_get_state (client), ==, RD_SYNC_STATE_SIGNED_OUT);
  rd_sync_status_update (status);
  g_assert_cmpstr (rd_sync_status_get_title (status), ==, "Signed out");
  g_assert_cmpstr (rd_sync_status_get_detail (status), ==, "1 change waiting");
  if (real_keyring)
    {
      g_autofree char *kept = NULL;

      for (int i = 0; i < 50; i++)
        rd_ui_test_drain (), g_usleep (20000);
      kept = lookup_token (server->url, "admin");
      g_assert_null (kept);
    }
  gtk_window_destroy (GTK_WINDOW (preferences));

  rd_sync_client_stop (client);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  rd_ui_test_drain ();
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "server-username");
  g_clear_object (&client);
  g_clear_object (&store);
  rd_test_server_free (server);
  rd_ui_test_remove_dir (dir);
}

/* ---------------------------------------------------------------- */
/* The conflicts window                                              */
/* ---------------------------------------------------------------- */

static RdRecord *
find_issue_record (RdStore         *store,
                   RdSyncIssueKind  kind,
                   const char      *table)
{
  g_autoptr (GPtrArray) issues = rd_sync_list_issues (store);

  for (guint i = 0; i < issues->len; i++)
    {
      RdSyncIssue *issue = g_ptr_array_index (issues, i);

      if (issue->kind == kind && g_str_equal (issue->table, table) && issue->mine != NULL)
        return g_object_ref (issue->mine);
    }
  return NULL;
}

static void
test_conflicts_window (void)
{
  RdTestServer *server = new_server ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) modality = NULL;
  g_autoptr (RdRecord) exam = NULL;
  g_autoptr (RdRecord) x = NULL;
  g_autoptr (RdRecord) y = NULL;
  g_autoptr (RdRecord) mine = NULL;
  g_autoptr (RdRecord) theirs = NULL;
  g_autoptr (RdRecord) forbidden = NULL;
  g_autoptr (RdRecord) merged = NULL;
  g_autoptr (GPtrArray) flagged = NULL;
  g_autofree char *carol_token = NULL;
  RdTestWorkstation *a, *b;
  RdConflictsWindow *conflicts;
  GtkWidget *window, *merge_x, *merge_y, *button;
  gint64 start = (g_get_real_time () / G_USEC_PER_SEC / 3600 + 72) * 3600;

  /* A (admin) sets up a modality, an exam type and two bookings; B (carol, a coordinator) pulls them. */
  a = rd_test_workstation_new (server, "a");
  b = rd_test_workstation_new (server, "b");
  rd_test_run_cli (server->database, NULL, &carol_token, "token", "carol", NULL);
  rd_sync_client_set_token (b->client, carol_token);
  modality = save_modality (a->store, "CT 7");
  exam = save_exam (a->store);
  x = save_booking (a->store, modality, exam, start, "Patient X");
  y = save_booking (a->store, modality, exam, start + 3600, "Patient Y");
  g_assert_true (rd_test_workstation_sync (a, &error));
  g_assert_true (rd_test_workstation_sync (b, &error));
  g_assert_no_error (error);

  /* Both change X in different fields, and Y in the same field; B books over A's booking and
   * makes a modality, which a coordinator may not. */
  edit_text (a->store, "booking", rd_record_get_id (x), "notes", "Changed on A");
  edit_text (a->store, "booking", rd_record_get_id (y), "notes", "Y changed on A");
  g_assert_true (rd_test_workstation_sync (a, &error));
  edit_text (b->store, "booking", rd_record_get_id (x), "referring_clinician", "Dr Example");
  edit_text (b->store, "booking", rd_record_get_id (y), "notes", "Y changed on B");
  g_clear_object (&mine);
  mine = save_booking (b->store, modality, exam, start + 600, "Patient Clash");
  forbidden = save_modality (b->store, "MR 9");
  g_assert_true (rd_test_workstation_sync (b, &error));
  g_assert_no_error (error);

  window = g_object_new (RD_TYPE_WINDOW, "store", b->store, "sync", b->client, NULL);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  rd_ui_test_drain ();
  rd_sync_status_update (find_status (window));
  g_assert_cmpstr (rd_sync_status_get_detail (find_status (window)), ==, "4 conflicts");

  conflicts = RD_CONFLICTS_WINDOW (rd_sync_status_show_conflicts (find_status (window)));
  gtk_window_set_default_size (GTK_WINDOW (conflicts), 900, 900);
  rd_ui_test_drain ();
  g_assert_cmpuint (rd_conflicts_window_get_n_conflicts (conflicts), ==, 2);
  g_assert_cmpuint (rd_conflicts_window_get_n_flagged (conflicts), ==, 1);
  g_assert_cmpuint (rd_conflicts_window_get_n_rejected (conflicts), ==, 1);
  maybe_screenshot (GTK_WIDGET (conflicts), "conflicts-window");

  /* Merge is offered only where the two edits changed different fields. */
  merge_x = rd_conflicts_window_find_button (conflicts, rd_record_get_id (x), "merge");
  merge_y = rd_conflicts_window_find_button (conflicts, rd_record_get_id (y), "merge");
  g_assert_nonnull (merge_x);
  g_assert_nonnull (merge_y);
  g_assert_true (gtk_widget_get_sensitive (merge_x));
  g_assert_false (gtk_widget_get_sensitive (merge_y));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (merge_y), "notes"));

  g_signal_emit_by_name (merge_x, "clicked");
  rd_ui_test_drain ();
  merged = rd_store_get (b->store, "booking", rd_record_get_id (x), NULL);
  g_assert_cmpstr (rd_record_get_text (merged, "notes"), ==, "Changed on A");
  g_assert_cmpstr (rd_record_get_text (merged, "referring_clinician"), ==, "Dr Example");
  g_assert_cmpuint (rd_conflicts_window_get_n_conflicts (conflicts), ==, 1);

  g_signal_emit_by_name (rd_conflicts_window_find_button (conflicts, rd_record_get_id (y), "keep-theirs"), "clicked");
  rd_ui_test_drain ();
  theirs = rd_store_get (b->store, "booking", rd_record_get_id (y), NULL);
  g_assert_cmpstr (rd_record_get_text (theirs, "notes"), ==, "Y changed on A");
  g_assert_cmpuint (rd_conflicts_window_get_n_conflicts (conflicts), ==, 0);

  /* The flagged booking: cancelled with a reason, through the store. */
  flagged = rd_sync_list_flagged (b->store);
  g_assert_cmpuint (flagged->len, ==, 1);
  g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (flagged, 0)), ==, rd_record_get_id (mine));
  button = rd_conflicts_window_find_button (conflicts, rd_record_get_id (mine), "cancel");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rd_ui_test_drain ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *dialog = NULL;
    g_autoptr (RdRecord) cancelled = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          dialog = ADW_MESSAGE_DIALOG (w);
      }
    g_assert_nonnull (dialog);
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "cancel-booking"));
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Slot taken on another workstation");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "cancel-booking"));
    adw_message_dialog_response (dialog, "cancel-booking");
    rd_ui_test_drain ();
    cancelled = rd_store_get (b->store, "booking", rd_record_get_id (mine), NULL);
    g_assert_cmpstr (rd_record_get_text (cancelled, "status"), ==, "cancelled");
    g_assert_cmpstr (rd_record_get_text (cancelled, "cancel_reason"), ==, "Slot taken on another workstation");
  }
  g_assert_cmpuint (rd_conflicts_window_get_n_flagged (conflicts), ==, 0);

  /* The refused modality: discarded, and a record the server never had is gone. */
  g_clear_object (&forbidden);
  forbidden = find_issue_record (b->store, RD_SYNC_ISSUE_REJECTED, "modality");
  g_assert_nonnull (forbidden);
  g_signal_emit_by_name (rd_conflicts_window_find_button (conflicts, rd_record_get_id (forbidden), "discard"), "clicked");
  rd_ui_test_drain ();
  g_assert_cmpuint (rd_conflicts_window_get_n_rejected (conflicts), ==, 0);
  g_assert_null (rd_store_get (b->store, "modality", rd_record_get_id (forbidden), NULL));

  /* What is left goes out at the next sync, and both workstations agree. */
  g_assert_true (rd_test_workstation_sync (b, &error));
  g_assert_true (rd_test_workstation_sync (a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_sync_count_issues (b->store), ==, 0);
  {
    g_autofree char *dump_a = rd_test_dump (a->store);
    g_autofree char *dump_b = rd_test_dump (b->store);

    g_assert_cmpstr (dump_a, ==, dump_b);
  }

  gtk_window_destroy (GTK_WINDOW (conflicts));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  rd_ui_test_drain ();
  rd_test_workstation_free (a);
  rd_test_workstation_free (b);
  rd_test_server_free (server);
}

/* ---------------------------------------------------------------- */
/* Refused edit: edit and resend                                     */
/* ---------------------------------------------------------------- */

static void
test_column_labels (void)
{
  g_autofree char *a = rd_sync_format_column_label ("patient_mrn");
  g_autofree char *b = rd_sync_format_column_label ("modality_id");
  g_autofree char *c = rd_sync_format_column_label ("duration_min");

  g_assert_cmpstr (a, ==, "Patient MRN");
  g_assert_cmpstr (b, ==, "Modality");
  g_assert_cmpstr (c, ==, "Duration (min)");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *display = NULL;
  int result;

  /* A private session bus with no keyring service on it: the "no keyring" path, every time. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  real_keyring = g_strcmp0 (g_getenv ("RADDESK_TEST_REAL_KEYRING"), "1") == 0;
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = real_keyring ? NULL : g_test_dbus_new (G_TEST_DBUS_NONE);
  if (bus != NULL)
    g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE); /* g_test_dbus_up() unsets it */

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  rd_format_set_time_zone ("Europe/London");

  template_dir = g_dir_make_tmp ("raddesk-ui-sync-template-XXXXXX", NULL);
  template_db = rd_test_server_template (template_dir, &admin_token);

  g_test_add_func ("/ui/sync/format/column-labels", test_column_labels);
  g_test_add_func ("/ui/sync/sign-in-synced-offline", test_sign_in_synced_offline);
  g_test_add_func ("/ui/sync/conflicts-window", test_conflicts_window);

  result = g_test_run ();

  rd_ui_test_remove_dir (template_dir);
  g_free (template_db);
  g_free (template_dir);
  g_free (admin_token);
  /* GTK and libsecret keep the bus connection to the end, so the bus is stopped but not
   * released (g_test_dbus_down() would wait for that connection) */
  if (bus != NULL)
    g_test_dbus_stop (bus);
  return result;
}
