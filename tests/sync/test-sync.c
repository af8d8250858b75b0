/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync.c: workstations syncing with a real raddesk-server on loopback — convergence, conflicts, restore, crashes. */

#include <glib/gstdio.h>
#include <string.h>

#include <libsoup/soup.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-sync-apply.h"
#include "rd-sync-client-private.h"
#include "rd-test-server.h"

static char *template_db;
static char *admin_token;

/* ---------------------------------------------------------------- */
/* Records                                                           */
/* ---------------------------------------------------------------- */

#define DAY 1796083200 /* 2026-12-01T00:00:00Z */

static void
save (RdTestWorkstation *ws,
      RdRecord          *record)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_store_save (ws->store, record, "admin", &error));
  g_assert_no_error (error);
}

static RdRecord *
new_modality (RdTestWorkstation *ws,
              const char        *name)
{
  RdRecord *m = rd_record_new_for_table ("modality");

  rd_record_set_text (m, "name", name);
  rd_record_set_text (m, "kind", "CT");
  rd_record_set_text (m, "opening_hours", "07:00-19:00;07:00-19:00;07:00-19:00;07:00-19:00;07:00-19:00;;");
  rd_record_set_bool (m, "active", TRUE);
  save (ws, m);
  return m;
}

static RdRecord *
new_exam_type (RdTestWorkstation *ws)
{
  RdRecord *e = rd_record_new_for_table ("exam_type");

  rd_record_set_text (e, "code", "CTHEAD");
  rd_record_set_text (e, "name", "CT head without contrast");
  rd_record_set_text (e, "modality_kind", "CT");
  rd_record_set_int (e, "duration_min", 15);
  rd_record_set_bool (e, "needs_contrast", FALSE);
  save (ws, e);
  return e;
}

static RdRecord *
new_booking (RdTestWorkstation *ws,
             RdRecord          *modality,
             RdRecord          *exam,
             gint64             start,
             const char        *patient)
{
  RdRecord *b = rd_record_new_for_table ("booking");

  rd_record_set_text (b, "modality_id", rd_record_get_id (modality));
  rd_record_set_text (b, "exam_type_id", rd_record_get_id (exam));
  rd_record_set_int (b, "start", start);
  rd_record_set_int (b, "end", start + 15 * 60);
  rd_record_set_text (b, "patient_name", patient);
  rd_record_set_text (b, "patient_mrn", "MRN0000001");
  rd_record_set_text (b, "priority", "routine");
  rd_record_set_text (b, "status", "scheduled");
  save (ws, b);
  return b;
}

static void
sync_ok (RdTestWorkstation *ws)
{
  g_autoptr (GError) error = NULL;

  rd_test_workstation_sync (ws, &error);
  g_assert_no_error (error);
}

/* What the server holds, as an outside client pulling from empty sees it. */
static char *
server_dump (RdTestServer *server)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("reader-%u", n++);
  RdTestWorkstation *reader = rd_test_workstation_new (server, name);
  char *dump;

  sync_ok (reader);
  dump = rd_test_dump (reader->store);
  rd_test_workstation_free (reader);
  return dump;
}

static RdTestServer *
new_server (void)
{
  RdTestServer *server = rd_test_server_new (template_db);

  server->token = g_strdup (admin_token);
  return server;
}

/* ---------------------------------------------------------------- */
/* Tests                                                             */
/* ---------------------------------------------------------------- */

static void
test_first_sync (void)
{
  RdTestServer *server = new_server ();
  RdTestWorkstation *a = rd_test_workstation_new (server, "a");
  RdTestWorkstation *b = rd_test_workstation_new (server, "b");
  g_autoptr (RdRecord) m = new_modality (a, "CT 1");
  g_autoptr (RdRecord) e = new_exam_type (a);
  g_autoptr (RdRecord) booking = new_booking (a, m, e, DAY + 9 * 3600, "Ada Example");
  g_autoptr (RdRecord) back = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;

  g_assert_cmpint (rd_store_outbox_count (a->store), ==, 3);
  sync_ok (a);
  g_assert_cmpint (rd_store_outbox_count (a->store), ==, 0);
  g_assert_cmpint (rd_sync_client_get_state (a->client), ==, RD_SYNC_STATE_SYNCED);

  back = rd_store_get (a->store, "booking", rd_record_get_id (booking), NULL);
  g_assert_cmpint (rd_record_get_version (back), ==, 1);

  /* A workstation that never synced pulls everything. */
  sync_ok (b);
  dump_a = rd_test_dump (a->store);
  dump_b = rd_test_dump (b->store);
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_nonnull (strstr (dump_b, "Ada Example"));

  rd_test_workstation_free (a);
  rd_test_workstation_free (b);
  rd_test_server_free (server);
}

static void
test_offline_double_booking (void)
{
  RdTestServer *server = new_server ();
  RdTestWorkstation *a = rd_test_workstation_new (server, "a");
  RdTestWorkstation *b = rd_test_workstation_new (server, "b");
  g_autoptr (RdRecord) m = new_modality (a, "MR 1");
  g_autoptr (RdRecord) e = new_exam_type (a);
  g_autoptr (RdRecord) first = NULL;
  g_autoptr (RdRecord) second = NULL;
  g_autoptr (GPtrArray) flagged_a = NULL;
  g_autoptr (GPtrArray) flagged_b = NULL;

  sync_ok (a);
  sync_ok (b);

  /* Both book the same slot while offline. */
  first = new_booking (a, m, e, DAY + 10 * 3600, "First Patient");
  second = new_booking (b, m, e, DAY + 10 * 3600 + 300, "Second Patient");

  sync_ok (a);
  sync_ok (b);
  sync_ok (a);

  flagged_a = rd_sync_list_flagged (a->store);
  flagged_b = rd_sync_list_flagged (b->store);
  g_assert_cmpuint (flagged_a->len, ==, 1);
  g_assert_cmpuint (flagged_b->len, ==, 1);
  /* Server commit order decides: the later push is the one flagged. */
  g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (flagged_a, 0)), ==, rd_record_get_id (second));
  g_assert_cmpstr (rd_record_get_text (g_ptr_array_index (flagged_a, 0), "conflict_with"), ==, rd_record_get_id (first));
  g_assert_cmpint (rd_store_count (a->store, "booking"), ==, 2);
  g_assert_cmpint (rd_store_count (b->store, "booking"), ==, 2);
  g_assert_cmpint (rd_sync_client_get_conflicts (b->client), ==, 1);

  rd_test_workstation_free (a);
  rd_test_workstation_free (b);
  rd_test_server_free (server);
}

static void
test_conflict_keep_mine_and_merge (void)
{
  RdTestServer *server = new_server ();
  RdTestWorkstation *a = rd_test_workstation_new (server, "a");
  RdTestWorkstation *b = rd_test_workstation_new (server, "b");
  g_autoptr (RdRecord) m = new_modality (a, "US 1");
  g_autoptr (RdRecord) mine = NULL;
  g_autoptr (RdRecord) theirs = NULL;
  g_autoptr (GPtrArray) issues = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) result = NULL;
  RdSyncIssue *issue;
  g_auto (GStrv) changed = NULL;

  sync_ok (a);
  sync_ok (b);

  /* Disjoint edits of one record: room on A, colour on B. */
  theirs = rd_store_get (a->store, "modality", rd_record_get_id (m), NULL);
  rd_record_set_text (theirs, "room", "Room 4");
  save (a, theirs);
  mine = rd_store_get (b->store, "modality", rd_record_get_id (m), NULL);
  rd_record_set_text (mine, "colour", "#3584e4");
  save (b, mine);

  sync_ok (a);
  sync_ok (b);

  issues = rd_sync_list_issues (b->store);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->kind, ==, RD_SYNC_ISSUE_CONFLICT);
  g_assert_cmpstr (rd_record_get_text (issue->mine, "colour"), ==, "#3584e4");
  g_assert_cmpstr (rd_record_get_text (issue->theirs, "room"), ==, "Room 4");
  changed = rd_sync_issue_changed_columns (issue);
  g_assert_cmpuint (g_strv_length (changed), ==, 2);

  /* Nothing resolved silently: B shows the department's copy until someone decides. */
  result = rd_store_get (b->store, "modality", rd_record_get_id (m), NULL);
  g_assert_cmpstr (rd_record_get_text (result, "room"), ==, "Room 4");
  g_clear_object (&result);

  g_assert_true (rd_sync_resolve_merge (b->store, issue->id, "admin", &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_sync_count_issues (b->store), ==, 0);
  sync_ok (b);
  sync_ok (a);

  result = rd_store_get (a->store, "modality", rd_record_get_id (m), NULL);
  g_assert_cmpstr (rd_record_get_text (result, "room"), ==, "Room 4");
  g_assert_cmpstr (rd_record_get_text (result, "colour"), ==, "#3584e4");
  g_clear_object (&result);

  /* The same field on both sides: merge is refused, keep mine wins. */
  g_clear_object (&theirs);
  g_clear_object (&mine);
  theirs = rd_store_get (a->store, "modality", rd_record_get_id (m), NULL);
  rd_record_set_text (theirs, "room", "Room 5");
  save (a, theirs);
  mine = rd_store_get (b->store, "modality", rd_record_get_id (m), NULL);
  rd_record_set_text (mine, "room", "Room 6");
  save (b, mine);
  sync_ok (a);
  sync_ok (b);

  g_clear_pointer (&issues, g_ptr_array_unref);
  issues = rd_sync_list_issues (b->store);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_false (rd_sync_resolve_merge (b->store, issue->id, "admin", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "room"));
  g_clear_error (&error);
  g_assert_true (rd_sync_resolve_keep_mine (b->store, issue->id, "admin", &error));
  sync_ok (b);
  sync_ok (a);
  result = rd_store_get (a->store, "modality", rd_record_get_id (m), NULL);
  g_assert_cmpstr (rd_record_get_text (result, "room"), ==, "Room 6");

  rd_test_workstation_free (a);
  rd_test_workstation_free (b);
  rd_test_server_free (server);
}

static void
test_rejected_then_discarded (void)
{
  RdTestServer *server = new_server ();
  RdTestWorkstation *a = rd_test_workstation_new (server, "a");
  g_autoptr (RdRecord) bad = rd_record_new_for_table ("downtime");
  g_autofree char *missing = g_uuid_string_random ();
  g_autoptr (GPtrArray) issues = NULL;
  g_autoptr (GError) error = NULL;
  RdSyncIssue *issue;

  /* A downtime of a modality the server has never heard of. */
  rd_record_set_text (bad, "modality_id", missing);
  rd_record_set_int (bad, "start", DAY);
  rd_record_set_int (bad, "end", DAY + 3600);
  rd_record_set_text (bad, "reason", "qc");
  save (a, bad);
  sync_ok (a);

  issues = rd_sync_list_issues (a->store);
  g_assert_cmpuint (issues->len, ==, 1);
  issue = g_ptr_array_index (issues, 0);
  g_assert_cmpint (issue->kind, ==, RD_SYNC_ISSUE_REJECTED);
  g_assert_cmpstr (issue->reason, ==, "invalid");
  g_assert_nonnull (strstr (issue->message, "modality_id"));
  g_assert_cmpint (rd_store_outbox_count (a->store), ==, 0);

  g_assert_true (rd_sync_resolve_discard (a->store, issue->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_count (a->store, "downtime"), ==, 0);

  rd_test_workstation_free (a);
  rd_test_server_free (server);
}

static void
test_server_away_then_back (void)
{
  RdTestServer *server = new_server ();
  RdTestWorkstation *a = rd_test_workstation_new (server, "a");
  g_autoptr (RdRecord) m = new_modality (a, "DX 1");
  g_autoptr (GError) error = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_s = NULL;

  rd_test_server_stop (server, FALSE);
  g_assert_false (rd_test_workstation_sync (a, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (rd_sync_client_get_state (a->client), ==, RD_SYNC_STATE_OFFLINE);
  g_assert_cmpint (rd_sync_client_get_pending (a->client), ==, 1);
  g_clear_error (&error);

  rd_test_server_start (server);
  rd_sync_client_set_server (a->client, server->url);
  sync_ok (a);
  g_assert_cmpint (rd_sync_client_get_pending (a->client), ==, 0);

  dump_a = rd_test_dump (a->store);
  dump_s = server_dump (server);
  g_assert_cmpstr (dump_a, ==, dump_s);

  rd_test_workstation_free (a);
  rd_test_server_free (server);
}

/* The server is restored from an older backup: a new epoch, 410 for old cursors. Nothing the
 * workstations had is lost, and nothing deleted after the backup comes back. */
static void
test_restore_from_backup (void)
{
  RdTestServer *server = new_server ();
  RdTestWorkstation *a = rd_test_workstation_new (server, "a");
  RdTestWorkstation *b = rd_test_workstation_new (server, "b");
  g_autoptr (RdRecord) kept = new_modality (a, "CT 1");
  g_autoptr (RdRecord) doomed = new_modality (a, "CT 2");
  g_autoptr (RdRecord) later = NULL;
  g_autoptr (RdRecord) unsent = NULL;
  g_autoptr (RdRecord) back = NULL;
  g_autofree char *backup = g_build_filename (server->dir, "backup.db", NULL);
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *dump_s = NULL;

  sync_ok (a);
  sync_ok (b);
  rd_test_run_cli (server->database, NULL, NULL, "backup", backup, NULL);

  /* After the backup: A adds one and deletes one; B edits offline. */
  later = new_modality (a, "CT 3");
  g_assert_true (rd_store_delete (a->store, "modality", rd_record_get_id (doomed), "admin", NULL));
  sync_ok (a);
  sync_ok (b);
  unsent = rd_store_get (b->store, "modality", rd_record_get_id (kept), NULL);
  rd_record_set_text (unsent, "room", "Unsent room");
  save (b, unsent);

  /* The department's server is restored from the backup. */
  rd_test_server_stop (server, FALSE);
  g_assert_true (g_rename (backup, server->database) == 0);
  rd_test_server_start (server);
  rd_sync_client_set_server (a->client, server->url);
  rd_sync_client_set_server (b->client, server->url);

  sync_ok (a);
  sync_ok (b);
  sync_ok (a);

  back = rd_store_get (a->store, "modality", rd_record_get_id (doomed), NULL);
  g_assert_true (rd_record_get_deleted (back));
  g_clear_object (&back);
  back = rd_store_get (a->store, "modality", rd_record_get_id (later), NULL);
  g_assert_false (rd_record_get_deleted (back));
  g_clear_object (&back);
  back = rd_store_get (a->store, "modality", rd_record_get_id (kept), NULL);
  g_assert_cmpstr (rd_record_get_text (back, "room"), ==, "Unsent room");

  dump_a = rd_test_dump (a->store);
  dump_b = rd_test_dump (b->store);
  dump_s = server_dump (server);
  g_assert_cmpstr (dump_a, ==, dump_s);
  g_assert_cmpstr (dump_b, ==, dump_s);

  rd_test_workstation_free (a);
  rd_test_workstation_free (b);
  rd_test_server_free (server);
}

/* A server with a certificate nobody trusts is refused, plainly; trusting its authority works. */
static void
test_tls (void)
{
  RdTestServer *server = rd_test_server_new (template_db);
  RdTestWorkstation *a;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) openssl = NULL;
  g_autoptr (RdRecord) m = NULL;

  server->token = g_strdup (admin_token);
  rd_test_server_stop (server, FALSE);
  server->tls_cert = g_build_filename (server->dir, "cert.pem", NULL);
  server->tls_key = g_build_filename (server->dir, "key.pem", NULL);
  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                              "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                              "-keyout", server->tls_key, "-out", server->tls_cert, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (openssl, NULL, &error));
  rd_test_server_start (server);
  g_assert_true (g_str_has_prefix (server->url, "https://"));

  a = rd_test_workstation_new (server, "a");
  m = new_modality (a, "CT 1");
  g_assert_false (rd_test_workstation_sync (a, &error));
  g_assert_cmpint (rd_sync_client_get_state (a->client), ==, RD_SYNC_STATE_ERROR);
  g_assert_nonnull (strstr (rd_sync_client_get_message (a->client), "certificate"));
  g_assert_cmpint (rd_store_outbox_count (a->store), ==, 1);
  g_clear_error (&error);

  g_assert_true (rd_sync_client_set_ca_file (a->client, server->tls_cert, &error));
  sync_ok (a);
  g_assert_cmpint (rd_store_outbox_count (a->store), ==, 0);

  rd_test_workstation_free (a);
  rd_test_server_free (server);
}

static void
on_health (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const char *body = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

/* Removes a workstation's database file (with its WAL and shared memory) and its folder. */
static void
remove_database_dir (const char *dir,
                     const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

/* A server of another protocol version is named as newer or older, and nothing is sent to it. */
static void
test_protocol_mismatch (void)
{
  static const char *const answers[] = {
    "{\"status\":\"ok\",\"version\":\"9.0\",\"protocol\":2,\"epoch\":\"e\"}",
    "{\"status\":\"ok\",\"version\":\"0.0\",\"protocol\":0,\"epoch\":\"e\"}",
  };
  static const char *const words[] = { "newer", "older" };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (SoupServer) fake = soup_server_new (NULL, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GSList) uris = NULL;
      g_autofree char *url = NULL;
      g_autofree char *dir = g_dir_make_tmp ("raddesk-sync-proto-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "ws.db", NULL);
      g_autoptr (RdStore) store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
      g_autoptr (RdSyncClient) client = rd_sync_client_new (store);
      RdTestWorkstation ws = { path, store, client };
      g_autoptr (RdRecord) m = NULL;

      soup_server_add_handler (fake, "/v1/health", on_health, (gpointer) answers[i], NULL);
      g_assert_true (soup_server_listen_local (fake, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
      uris = soup_server_get_uris (fake);
      url = g_uri_to_string (uris->data);
      g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

      rd_sync_client_set_server (client, url);
      rd_sync_client_set_token (client, "token");
      m = new_modality (&ws, "CT 1");

      g_assert_false (rd_test_workstation_sync (&ws, &error));
      g_assert_cmpint (rd_sync_client_get_state (client), ==, RD_SYNC_STATE_ERROR);
      g_assert_nonnull (strstr (rd_sync_client_get_message (client), words[i]));
      g_assert_cmpint (rd_store_outbox_count (store), ==, 1);

      g_clear_object (&client);
      g_clear_object (&store);
      remove_database_dir (dir, path);
    }
}

static void
on_any_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  GHashTable *ports = user_data;
  GInetSocketAddress *remote = G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg));

  g_hash_table_add (ports, GUINT_TO_POINTER (g_inet_socket_address_get_port (remote)));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
on_sent (GObject      *session,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Sends @msg while this thread's main context serves the fake server. */
static GBytes *
send_here (SoupSession  *session,
           SoupMessage  *msg,
           GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return soup_session_send_and_read_finish (session, result, error);
}

/* Pushes are idempotent by the protocol: the client sends them on one kept-alive connection rather
 * than opening a connection for every POST. */
static void
test_pushes_share_a_connection (void)
{
  g_autoptr (SoupServer) fake = soup_server_new (NULL, NULL);
  g_autoptr (GHashTable) ports = g_hash_table_new (NULL, NULL);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("raddesk-sync-conn-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ws.db", NULL);
  g_autoptr (RdStore) store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdSyncClient) client = rd_sync_client_new (store);

  soup_server_add_handler (fake, NULL, on_any_request, ports, NULL);
  g_assert_true (soup_server_listen_local (fake, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (fake);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  rd_sync_client_set_server (client, url);
  rd_sync_client_set_token (client, "token");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (SoupMessage) push = rd_sync_client_new_message (client, "POST", "/v1/mutations",
                                                                 "{\"client_id\":\"w\",\"mutations\":[]}");
      g_autoptr (SoupMessage) pull = rd_sync_client_new_message (client, "GET", "/v1/changes?cursor=0", NULL);
      g_autoptr (GBytes) a = send_here (session, push, &error);
      g_autoptr (GBytes) b = NULL;

      g_assert_no_error (error);
      b = send_here (session, pull, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (g_hash_table_size (ports), ==, 1);

  /* Signing in is not idempotent (each makes a token) and keeps libsoup's caution. */
  {
    g_autoptr (SoupMessage) sign_in = rd_sync_client_new_message (client, "POST", "/v1/session", "{}");

    g_assert_false (soup_message_query_flags (sign_in, SOUP_MESSAGE_IDEMPOTENT));
  }

  g_clear_object (&client);
  g_clear_object (&store);
  remove_database_dir (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("raddesk-sync-template-XXXXXX", NULL);
  template_db = rd_test_server_template (dir, &admin_token);

  g_test_add_func ("/sync/first-sync", test_first_sync);
  g_test_add_func ("/sync/offline-double-booking", test_offline_double_booking);
  g_test_add_func ("/sync/conflict-keep-mine-and-merge", test_conflict_keep_mine_and_merge);
  g_test_add_func ("/sync/rejected-then-discarded", test_rejected_then_discarded);
  g_test_add_func ("/sync/server-away-then-back", test_server_away_then_back);
  g_test_add_func ("/sync/restore-from-backup", test_restore_from_backup);
  g_test_add_func ("/sync/tls", test_tls);
  g_test_add_func ("/sync/protocol-mismatch", test_protocol_mismatch);
  g_test_add_func ("/sync/pushes-share-a-connection", test_pushes_share_a_connection);

  status = g_test_run ();
  g_remove (template_db);
  g_rmdir (dir);
  return status;
}
