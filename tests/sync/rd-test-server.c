/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-test-server.c: a real raddesk-server on a loopback port and workstations that sync with it, for tests. */

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "rd-codec.h"
#include "rd-test-server.h"

const char *
rd_test_server_binary (void)
{
  const char *path = g_getenv ("RADDESK_SERVER");

  if (path == NULL)
    g_error ("RADDESK_SERVER is not set (run the test through meson)");
  return path;
}

void
rd_test_run_cli (const char  *database,
                 const char  *stdin_text,
                 char       **stdout_text,
                 ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) rd_test_server_binary ());
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  va_start (ap, stdout_text);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                 | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("raddesk-server %s failed: %s", (const char *) argv->pdata[3], err);

  if (stdout_text != NULL)
    *stdout_text = g_strstrip (g_steal_pointer (&out));
}

/**
 * rd_test_server_template:
 * @dir: where to put it
 * @token: (out): an admin's token, valid in every copy of the template
 *
 * Returns: (transfer full): a server database with a user of each role, made once per test program
 */
char *
rd_test_server_template (const char  *dir,
                         char       **token)
{
  char *path = g_build_filename (dir, "template.db", NULL);

  rd_test_run_cli (path, "test password\n", NULL, "user", "add", "admin", "--role", "admin", NULL);
  rd_test_run_cli (path, "test password\n", NULL, "user", "add", "carol", "--role", "coordinator", NULL);
  rd_test_run_cli (path, NULL, token, "token", "admin", NULL);
  return path;
}

RdTestServer *
rd_test_server_new (const char *template_db)
{
  RdTestServer *server = g_new0 (RdTestServer, 1);
  g_autofree char *contents = NULL;
  gsize len;

  server->dir = g_dir_make_tmp ("raddesk-server-XXXXXX", NULL);
  server->database = g_build_filename (server->dir, "server.db", NULL);
  g_assert_true (g_file_get_contents (template_db, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (server->database, contents, len, NULL));

  rd_test_server_start (server);
  return server;
}

/* A test that aborts takes its server with it rather than leaving it listening. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
rd_test_server_start (RdTestServer *server)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (server->tls_cert != NULL)
    server->process = g_subprocess_launcher_spawn (launcher, &error, rd_test_server_binary (), "--database",
                                                   server->database, "--listen", "127.0.0.1:0", "--tls-cert",
                                                   server->tls_cert, "--tls-key", server->tls_key, NULL);
  else
    server->process = g_subprocess_launcher_spawn (launcher, &error, rd_test_server_binary (), "--database",
                                                   server->database, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "listening on "))
        break;
      g_clear_pointer (&line, g_free);
    }
  g_assert_no_error (error);
  g_assert_nonnull (line);

  g_free (server->url);
  server->url = g_strdup (line + strlen ("listening on "));
}

void
rd_test_server_stop (RdTestServer *server,
                     gboolean      kill)
{
  if (server->process == NULL)
    return;

  if (kill)
    g_subprocess_force_exit (server->process);
  else
    g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_remove (p);
    }
  g_rmdir (dir);
}

void
rd_test_server_free (RdTestServer *server)
{
  rd_test_server_stop (server, FALSE);
  remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->database);
  g_free (server->url);
  g_free (server->token);
  g_free (server->tls_cert);
  g_free (server->tls_key);
  g_free (server);
}

RdTestWorkstation *
rd_test_workstation_new (RdTestServer *server,
                         const char   *name)
{
  RdTestWorkstation *ws = g_new0 (RdTestWorkstation, 1);
  g_autofree char *file = g_strconcat (name, ".db", NULL);

  ws->path = g_build_filename (server->dir, file, NULL);
  rd_test_workstation_reopen (ws);
  rd_sync_client_set_server (ws->client, server->url);
  rd_sync_client_set_token (ws->client, server->token);
  return ws;
}

void
rd_test_workstation_reopen (RdTestWorkstation *ws)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *server = ws->client ? g_strdup (rd_sync_client_get_server (ws->client)) : NULL;
  g_autofree char *token = ws->client ? g_strdup (rd_sync_client_get_token (ws->client)) : NULL;

  g_clear_object (&ws->client);
  g_clear_object (&ws->store);
  ws->store = rd_store_open (ws->path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  ws->client = rd_sync_client_new (ws->store);
  if (server != NULL)
    rd_sync_client_set_server (ws->client, server);
  if (token != NULL)
    rd_sync_client_set_token (ws->client, token);
}

void
rd_test_workstation_free (RdTestWorkstation *ws)
{
  g_clear_object (&ws->client);
  g_clear_object (&ws->store);
  g_free (ws->path);
  g_free (ws);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SyncWait;

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->ok = rd_sync_client_sync_finish (RD_SYNC_CLIENT (source), result, &wait->error);
  wait->done = TRUE;
}

gboolean
rd_test_workstation_sync (RdTestWorkstation  *ws,
                          GError            **error)
{
  SyncWait wait = { 0 };

  rd_sync_client_sync_async (ws->client, NULL, on_synced, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  if (!wait.ok)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

/**
 * rd_test_dump:
 * @store: a store
 *
 * Returns: (transfer full): every record of every table, tombstones included, ordered, with its
 *   version and row (not who wrote it when: that differs between a local edit and its pull)
 */
char *
rd_test_dump (RdStore *store)
{
  GString *dump = g_string_new (NULL);
  const RdTable *tables;
  guint n_tables;

  tables = rd_tables_get_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\" ORDER BY id", tables[t].name);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (rd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr (RdRecord) r = rd_store_get (store, tables[t].name, (const char *) sqlite3_column_text (stmt, 0), NULL);
          g_autofree char *row = rd_codec_row_to_string (r);

          g_string_append_printf (dump, "%s %s v%" G_GINT64_FORMAT "%s %s\n", tables[t].name, rd_record_get_id (r),
                                  rd_record_get_version (r), rd_record_get_deleted (r) ? " deleted" : "", row);
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (dump, FALSE);
}
