/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-server.c: raddesk-server's throughput over loopback — bulk push and pull, and 20 syncing clients. */

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#define N_RECORDS      100000
#define PUSH_BATCH     500
#define PULL_LIMIT     5000
#define N_CLIENTS      20
#define CLIENT_PUSH    5

typedef struct
{
  char       *base;
  char       *token;
  const char *start_cursor;
  guint       index;
  gint64      deadline;
  GArray     *latencies;   /* of double, ms */
  guint       requests;
  guint       errors;
  guint       limited;     /* 429 answers */
  guint       no_answer;   /* no HTTP status: the connection failed or timed out */
} RdBenchClient;

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static char *
run_cli (const char  *server,
         const char  *database,
         const char  *stdin_text,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) server);
  g_ptr_array_add (args, (gpointer) "--database");
  g_ptr_array_add (args, (gpointer) database);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_newv ((const char *const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));

  return g_strstrip (out);
}

static char *
make_vendor_row_json (const char *id,
                      guint       i)
{
  return g_strdup_printf ("{\"mutation_id\":\"m-%s\",\"table\":\"vendor\",\"id\":\"%s\",\"op\":\"upsert\","
                          "\"base_version\":0,\"row\":{\"name\":\"Vendor %u\",\"account_number\":\"AC-%06u\","
                          "\"contact\":\"Purchasing desk\",\"phone\":\"+44 20 7946 %04u\","
                          "\"email\":\"orders%u@vendor.example\"}}",
                          id, id, i, i, i % 10000, i);
}

static JsonNode *
request (SoupSession *session,
         const char  *method,
         const char  *url,
         const char  *token,
         const char  *body,
         guint       *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
  JsonNode *node;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  /* As the workstation does: a push is idempotent by the protocol, so it may go on a kept-alive
   * connection (without the flag libsoup opens a connection for every POST, and twenty clients
   * run out of loopback ports within a minute). */
  if (g_str_equal (method, "POST"))
    soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  *status = error != NULL ? 0 : soup_message_get_status (msg);
  if (answer == NULL || *status != 200)
    return NULL;

  node = json_from_string (g_bytes_get_data (answer, NULL), NULL);
  return node;
}

/* The server's CPU time so far (user + system), from /proc: on a busy machine wall time says little. */
static double
server_cpu_seconds (GSubprocess *proc)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (proc));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;

  /* After "pid (comm)": state is field 3; utime and stime are fields 14 and 15. */
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* ---------------------------------------------------------------- */
/* Bulk push and pull                                                */
/* ---------------------------------------------------------------- */

static GPtrArray *
make_ids (void)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_RECORDS; i++)
    g_ptr_array_add (ids, g_uuid_string_random ());

  return ids;
}

static double
bench_push (SoupSession *session,
            const char  *base,
            const char  *token,
            GPtrArray   *ids)
{
  g_autofree char *url = g_strconcat (base, "/v1/mutations", NULL);
  gint64 started = g_get_monotonic_time ();

  for (guint b = 0; b < N_RECORDS / PUSH_BATCH; b++)
    {
      GString *body = g_string_new ("{\"client_id\":\"bench-bulk\",\"mutations\":[");
      g_autoptr(JsonNode) answer = NULL;
      guint status;

      for (guint i = 0; i < PUSH_BATCH; i++)
        {
          guint n = b * PUSH_BATCH + i;
          g_autofree char *m = make_vendor_row_json (g_ptr_array_index (ids, n), n);

          if (i > 0)
            g_string_append_c (body, ',');
          g_string_append (body, m);
        }
      g_string_append (body, "]}");

      answer = request (session, "POST", url, token, body->str, &status);
      g_string_free (body, TRUE);
      if (status != 200)
        g_error ("push batch %u answered %u", b, status);
    }

  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static double
bench_pull (SoupSession *session,
            const char  *base,
            const char  *token,
            guint       *n_pulled,
            char       **out_cursor)
{
  gint64 started = g_get_monotonic_time ();
  g_autofree char *cursor = g_strdup ("");
  double elapsed;
  gboolean more = TRUE;

  *n_pulled = 0;
  while (more)
    {
      g_autofree char *url = g_strdup_printf ("%s/v1/changes?cursor=%s&limit=%d", base, cursor, PULL_LIMIT);
      g_autoptr(JsonNode) answer = NULL;
      JsonObject *page;
      guint status;

      answer = request (session, "GET", url, token, NULL, &status);
      if (answer == NULL)
        g_error ("pull answered %u", status);

      page = json_node_get_object (answer);
      *n_pulled += json_array_get_length (json_object_get_array_member (page, "changes"));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      more = json_object_get_boolean_member (page, "has_more");
    }

  elapsed = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  *out_cursor = g_steal_pointer (&cursor);
  return elapsed;
}

/* The same rows straight into SQLite: WAL, synchronous=FULL, one transaction per 500 rows. */
static double
bench_raw_sqlite (const char *dir,
                  GPtrArray  *ids)
{
  g_autofree char *path = g_build_filename (dir, "raw.sqlite", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 started;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                    "CREATE TABLE vendor (id TEXT PRIMARY KEY, version INTEGER, deleted INTEGER,"
                    " updated_at INTEGER, updated_by TEXT, name TEXT, account_number TEXT, contact TEXT,"
                    " phone TEXT, email TEXT, notes TEXT)", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO vendor VALUES (?, 1, 0, ?, 'bench', ?, ?, ?, ?, ?, NULL)", -1, &stmt, NULL);

  started = g_get_monotonic_time ();
  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Vendor %u", i);
      g_autofree char *account = g_strdup_printf ("AC-%06u", i);
      g_autofree char *phone = g_strdup_printf ("+44 20 7946 %04u", i % 10000);
      g_autofree char *email = g_strdup_printf ("orders%u@vendor.example", i);

      if (i % PUSH_BATCH == 0)
        sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, account, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, "Purchasing desk", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, phone, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, email, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      if (i % PUSH_BATCH == PUSH_BATCH - 1)
        sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

/* ---------------------------------------------------------------- */
/* 20 clients syncing                                                */
/* ---------------------------------------------------------------- */

static void
timed_request (RdBenchClient *client,
               SoupSession   *session,
               const char    *method,
               const char    *url,
               const char    *body,
               JsonNode     **out)
{
  gint64 t0 = g_get_monotonic_time ();
  guint status;
  JsonNode *node = request (session, method, url, client->token, body, &status);
  double ms = (g_get_monotonic_time () - t0) / 1000.0;

  g_array_append_val (client->latencies, ms);
  client->requests++;
  if (status == 429)
    client->limited++;
  if (status != 200)
    {
      client->errors++;
      if (status == 0)   /* request () gives 0 when libsoup got no HTTP answer */
        client->no_answer++;
      g_printerr ("client %u: %s %s answered %u after %.0f ms\n", client->index, method, url, status, ms);
    }

  if (out != NULL)
    *out = node;
  else if (node != NULL)
    json_node_unref (node);
}

static gpointer
run_client (gpointer data)
{
  RdBenchClient *client = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *push_url = g_strconcat (client->base, "/v1/mutations", NULL);
  g_autofree char *cursor = g_strdup (client->start_cursor);
  guint n = 0;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();

  /* Each client starts where the bulk pull ended, as a workstation that is up to date. */
  while (g_get_monotonic_time () < client->deadline)
    {
      GString *body = g_string_new (NULL);
      gboolean more = TRUE;

      g_string_printf (body, "{\"client_id\":\"bench-%u\",\"mutations\":[", client->index);
      for (guint i = 0; i < CLIENT_PUSH; i++, n++)
        {
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *m = make_vendor_row_json (id, client->index * 1000000 + n);

          if (i > 0)
            g_string_append_c (body, ',');
          g_string_append (body, m);
        }
      g_string_append (body, "]}");
      timed_request (client, session, "POST", push_url, body->str, NULL);
      g_string_free (body, TRUE);

      while (more && g_get_monotonic_time () < client->deadline)
        {
          g_autofree char *url = g_strdup_printf ("%s/v1/changes?cursor=%s&limit=500", client->base, cursor);
          JsonNode *answer = NULL;

          timed_request (client, session, "GET", url, NULL, &answer);
          if (answer == NULL)
            break;
          g_free (cursor);
          cursor = g_strdup (json_object_get_string_member (json_node_get_object (answer), "next_cursor"));
          more = json_object_get_boolean_member (json_node_get_object (answer), "has_more");
          json_node_unref (answer);
        }
    }

  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* ---------------------------------------------------------------- */
/* main                                                              */
/* ---------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  const char *server = g_getenv ("RADDESK_SERVER");
  const char *seconds_text = g_getenv ("RD_BENCH_SECONDS");
  guint seconds = seconds_text != NULL ? (guint) g_ascii_strtoull (seconds_text, NULL, 10) : 30;
  g_autofree char *dir = g_dir_make_tmp ("rd-bench-server-XXXXXX", NULL);
  g_autofree char *database = g_build_filename (dir, "server.sqlite", NULL);
  g_autofree char *token = NULL;
  g_autofree char *line = NULL;
  g_autofree char *base = NULL;
  g_autofree char *end_cursor = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  RdBenchClient clients[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  double push_s, pull_s, raw_s, cpu0, push_cpu, pull_cpu, clients_cpu;
  guint pulled, requests = 0, errors = 0, limited = 0, no_answer = 0;
  gint64 started;
  double elapsed;

  if (server == NULL)
    {
      g_printerr ("Set RADDESK_SERVER to the raddesk-server binary (meson does).\n");
      return 77;
    }

  g_free (run_cli (server, database, "bench password\n", "user", "add", "bench", "--role", "admin", NULL));
  token = run_cli (server, database, NULL, "token", "bench", NULL);

  /* The server's log (a line a request) is dropped unless RD_BENCH_SERVER_LOG names a file for it. */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                         | (g_getenv ("RD_BENCH_SERVER_LOG") != NULL
                                                                            ? 0 : G_SUBPROCESS_FLAGS_STDERR_SILENCE));

    if (g_getenv ("RD_BENCH_SERVER_LOG") != NULL)
      g_subprocess_launcher_set_stderr_file_path (launcher, g_getenv ("RD_BENCH_SERVER_LOG"));
    proc = g_subprocess_launcher_spawn (launcher, &error, server, "--database", database, "--listen", "127.0.0.1:0", NULL);
  }
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (line != NULL && g_str_has_prefix (line, "listening on "));
  base = g_strdup (line + strlen ("listening on "));

  session = soup_session_new ();
  ids = make_ids ();

  cpu0 = server_cpu_seconds (proc);
  push_s = bench_push (session, base, token, ids);
  push_cpu = server_cpu_seconds (proc) - cpu0;
  cpu0 += push_cpu;
  pull_s = bench_pull (session, base, token, &pulled, &end_cursor);
  pull_cpu = server_cpu_seconds (proc) - cpu0;
  raw_s = bench_raw_sqlite (dir, ids);

  g_print ("push: %d records in batches of %d over loopback: %.2f s, %.0f records/s\n",
           N_RECORDS, PUSH_BATCH, push_s, N_RECORDS / push_s);
  g_print ("pull: %u records from an empty cursor, limit %d: %.2f s, %.0f records/s\n",
           pulled, PULL_LIMIT, pull_s, pulled / pull_s);
  g_print ("raw SQLite: the same %d rows, WAL, synchronous=FULL, a transaction per %d: %.2f s, %.0f rows/s\n",
           N_RECORDS, PUSH_BATCH, raw_s, N_RECORDS / raw_s);
  g_print ("push is %.1fx slower than raw SQLite inserts (ratio %.2f); pull is %.1fx slower\n",
           push_s / raw_s, raw_s / push_s, pull_s / raw_s);
  g_print ("server CPU (user + system): push %.2f s, pull %.2f s\n", push_cpu, pull_cpu);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i] = (RdBenchClient) { 0 };
      clients[i].base = base;
      clients[i].index = i;
      clients[i].start_cursor = end_cursor;
      clients[i].token = run_cli (server, database, NULL, "token", "bench", NULL);
      clients[i].latencies = g_array_new (FALSE, FALSE, sizeof (double));
    }

  cpu0 = server_cpu_seconds (proc);
  started = g_get_monotonic_time ();
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i].deadline = started + (gint64) seconds * G_USEC_PER_SEC;
      threads[i] = g_thread_new ("bench-client", run_client, &clients[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    g_thread_join (threads[i]);
  elapsed = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  clients_cpu = server_cpu_seconds (proc) - cpu0;

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_array_append_vals (all, clients[i].latencies->data, clients[i].latencies->len);
      requests += clients[i].requests;
      errors += clients[i].errors;
      limited += clients[i].limited;
      no_answer += clients[i].no_answer;
      g_array_unref (clients[i].latencies);
      g_free (clients[i].token);
    }
  g_array_sort (all, compare_doubles);

  g_print ("%d clients syncing (push %d, pull) for %.0f s, each with its own token and libsoup session in a thread:\n"
           "  %u requests, %.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.0f ms, errors %u (of which 429: %u, no answer: %u)\n",
           N_CLIENTS, CLIENT_PUSH, elapsed, requests, requests / elapsed,
           all->len > 0 ? g_array_index (all, double, all->len / 2) : 0.0,
           all->len > 0 ? g_array_index (all, double, (guint) (all->len * 0.99)) : 0.0,
           all->len > 0 ? g_array_index (all, double, all->len - 1) : 0.0,
           errors, limited, no_answer);
  g_print ("  server CPU (user + system): %.2f s, %.2f ms per request\n", clients_cpu,
           requests > 0 ? 1000 * clients_cpu / requests : 0.0);

  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, NULL);

  /* The temporary files go with the directory. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (dir);
  }

  return 0;
}
