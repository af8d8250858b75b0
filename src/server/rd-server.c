/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server.c: the SoupServer of raddesk-server — listening, routing, limits, JSON answers and the request log. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-codec.h"
#include "rd-server-private.h"

/* Generous enough that one workstation, or the 20-client benchmark, never meets it. */
#define DEFAULT_RATE   200.0
#define DEFAULT_BURST  400.0

typedef enum
{
  ROUTE_HEALTH,
  ROUTE_SESSION,
  ROUTE_SCHEMA,
  ROUTE_CHANGES,
  ROUTE_MUTATIONS,
  ROUTE_AUDIT,
} RdRoute;

typedef struct
{
  const char *path;
  RdRoute     route;
  const char *methods;   /* the Allow header */
} RdRouteEntry;

static const RdRouteEntry routes[] = {
  { "/v1/health", ROUTE_HEALTH, "GET" },
  { "/v1/session", ROUTE_SESSION, "POST, DELETE" },
  { "/v1/schema", ROUTE_SCHEMA, "GET" },
  { "/v1/changes", ROUTE_CHANGES, "GET" },
  { "/v1/mutations", ROUTE_MUTATIONS, "POST" },
  { "/v1/audit", ROUTE_AUDIT, "GET" },
};

G_DEFINE_FINAL_TYPE (RdServer, rd_server, G_TYPE_OBJECT)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

gint64
rd_server_now_usec (void)
{
  return g_get_monotonic_time ();
}

sqlite3_stmt *
rd_server_prepare (RdServer   *self,
                   const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    g_error ("The server's SQL does not prepare: %s: %s", sqlite3_errmsg (self->db), sql);

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* For SQL texts that live as long as the program (literals): found by address, which spares
 * hashing the text on every mutation of a push. */
sqlite3_stmt *
rd_server_prepare_static (RdServer   *self,
                          const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->static_statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = rd_server_prepare (self, sql);
  g_hash_table_insert (self->static_statements, (gpointer) sql, stmt);
  return stmt;
}

void
rd_server_respond_json (SoupServerMessage *msg,
                        guint              status,
                        JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

void
rd_server_respond_object (SoupServerMessage *msg,
                          guint              status,
                          JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  rd_server_respond_json (msg, status, node);
}

void
rd_server_respond_error (SoupServerMessage *msg,
                         guint              status,
                         const char        *error,
                         const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  if (message != NULL)
    json_object_set_string_member (object, "message", message);
  rd_server_respond_object (msg, status, object);
}

/* The answer map holds the stored answers only of the process that loaded it: a second server on
 * the same file would not see the first's answers and could apply a resent mutation twice. So one
 * server at a time, told by an advisory lock that the kernel drops when the process ends, however
 * it ends. A file of its own rather than the database, whose POSIX locks are SQLite's. The admin
 * sub-commands do not take it: they keep working beside a running server. */
static gboolean
take_serving_lock (RdServer    *self,
                   const char  *database,
                   GError     **error)
{
  g_autofree char *path = NULL;
  int fd;

  /* A database in memory cannot be shared. */
  if (database == NULL || database[0] == '\0' || g_str_equal (database, ":memory:"))
    return TRUE;

  path = g_strconcat (database, ".lock", NULL);
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("The lock file %s could not be opened: %s"), path, g_strerror (saved));
      return FALSE;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      close (fd);
      if (saved == EWOULDBLOCK)
        g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_IN_USE,
                     _("Another raddesk-server is serving %s."), database);
      else
        g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                     _("The lock file %s could not be locked: %s"), path, g_strerror (saved));
      return FALSE;
    }

  self->lock_fd = fd;
  return TRUE;
}

/* A server runs for months: what it no longer promises goes while it runs, not only at start. */
#define PRUNE_SECONDS (6 * 3600)

/**
 * rd_server_prune:
 * @self: a server, between requests
 * @before: stored answers from before this time (Unix seconds) go
 *
 * Removes the stored answers older than @before (from the table and the map) and the expired
 * tokens.
 *
 * Returns: how many answers were removed, or -1 when the database could not be written
 */
gint64
rd_server_prune (RdServer *self,
                 gint64    before)
{
  g_autoptr(GError) error = NULL;
  gint64 removed;

  g_return_val_if_fail (RD_IS_SERVER (self), -1);

  removed = rd_answer_map_prune (self->answers, before, &error);
  if (removed < 0 || !rd_server_db_prune_tokens (self->db, &error))
    {
      g_warning ("Old answers and tokens could not be pruned: %s", error->message);
      return -1;
    }
  return removed;
}

static gboolean
on_prune (gpointer user_data)
{
  RdServer *self = user_data;

  rd_server_prune (self, rd_server_db_answer_cutoff ());
  return G_SOURCE_CONTINUE;
}

static void
handle_health (RdServer          *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) answer = json_object_new ();

  json_object_set_string_member (answer, "status", "ok");
  json_object_set_string_member (answer, "version", PACKAGE_VERSION);
  json_object_set_int_member (answer, "protocol", RD_PROTOCOL_VERSION);
  json_object_set_string_member (answer, "epoch", self->epoch);
  rd_server_respond_object (msg, 200, answer);
}

static void
handle_schema (RdServer          *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) schema = rd_codec_schema_to_json ();

  /* The codec describes the tables; the protocol and schema versions are added when missing. */
  if (!json_object_has_member (schema, "protocol"))
    json_object_set_int_member (schema, "protocol", RD_PROTOCOL_VERSION);
  if (!json_object_has_member (schema, "schema_version"))
    json_object_set_int_member (schema, "schema_version", rd_store_get_schema_version (self->store));
  rd_server_respond_object (msg, 200, schema);
}

static const RdRouteEntry *
find_route (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (routes[i].path, path))
      return &routes[i];

  return NULL;
}

static gboolean
method_allowed (const RdRouteEntry *entry,
                const char         *method)
{
  g_auto(GStrv) methods = g_strsplit (entry->methods, ", ", -1);

  return g_strv_contains ((const char *const *) methods, method);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  gint64 *started = g_new (gint64, 1);

  *started = rd_server_now_usec ();
  g_object_set_data_full (G_OBJECT (msg), "rd-started", started, g_free);
}

/* One line per request: method, path (never the query, never a header), status, milliseconds. */
static void
log_request (SoupServerMessage *msg,
             gboolean           aborted)
{
  gint64 *started = g_object_get_data (G_OBJECT (msg), "rd-started");
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  double ms = started != NULL ? (rd_server_now_usec () - *started) / 1000.0 : 0.0;
  g_autofree char *path = NULL;

  /* Paths are ours or unknown; unknown ones are shortened and stripped of control characters. */
  path = g_strdup (uri != NULL && g_uri_get_path (uri) != NULL ? g_uri_get_path (uri) : "-");
  if (strlen (path) > 80)
    path[80] = '\0';
  for (char *p = path; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      *p = '?';

  g_printerr ("%s %s %u %.1f ms%s\n", method != NULL ? method : "-", path,
              soup_server_message_get_status (msg), ms, aborted ? " (aborted)" : "");
}

static void
on_request_finished (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  log_request (msg, FALSE);
}

static void
on_request_aborted (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  log_request (msg, TRUE);
}

typedef struct
{
  goffset received;
} RdBodyCount;

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  RdBodyCount *count = user_data;

  count->received += g_bytes_get_size (chunk);
  if (count->received > RD_SERVER_MAX_BODY && soup_server_message_get_status (msg) == 0)
    {
      /* Stop keeping the body; the answer is 413 once the client has finished sending. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      rd_server_respond_error (msg, 413, "too_large", "the body is over 4 MiB");
    }
}

/* Runs on the headers, before any of the body is read. */
static void
on_early_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  if (encoding == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > RD_SERVER_MAX_BODY)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      rd_server_respond_error (msg, 413, "too_large", "the body is over 4 MiB");
      return;
    }

  if (encoding != SOUP_ENCODING_CONTENT_LENGTH && encoding != SOUP_ENCODING_NONE)
    g_signal_connect_data (msg, "got-chunk", G_CALLBACK (on_got_chunk),
                           g_new0 (RdBodyCount, 1), (GClosureNotify) g_free, 0);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  RdServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const RdRouteEntry *entry = find_route (path);
  g_autoptr(RdSession) session = NULL;
  double retry_after = 0;

  if (entry == NULL)
    {
      rd_server_respond_error (msg, 404, "not_found", "there is no such path");
      return;
    }

  if (!method_allowed (entry, method))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", entry->methods);
      rd_server_respond_error (msg, 405, "method_not_allowed", "this path does not take that method");
      return;
    }

  if (entry->route == ROUTE_HEALTH)
    {
      handle_health (self, msg);
      return;
    }

  if (entry->route == ROUTE_SESSION && g_str_equal (method, "POST"))
    {
      rd_server_handle_session (self, msg, NULL);
      return;
    }

  session = rd_server_authenticate (self, msg);
  if (session == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate", "Bearer");
      rd_server_respond_error (msg, 401, "unauthorized", "a valid bearer token is needed");
      return;
    }

  if (!rd_server_rate_limit_ok (self, session, &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%d", MAX (1, (int) (retry_after + 0.999)));

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
      rd_server_respond_error (msg, 429, "too_many_requests", "slow down");
      return;
    }

  switch (entry->route)
    {
    case ROUTE_SESSION:
      rd_server_handle_session (self, msg, session);
      break;
    case ROUTE_SCHEMA:
      handle_schema (self, msg);
      break;
    case ROUTE_CHANGES:
      rd_server_handle_changes (self, msg, query, session);
      break;
    case ROUTE_MUTATIONS:
      rd_server_handle_mutations (self, msg, session);
      break;
    case ROUTE_AUDIT:
      rd_server_handle_audit (self, msg, query, session);
      break;
    case ROUTE_HEALTH:
    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_server_dispose (GObject *object)
{
  RdServer *self = RD_SERVER (object);

  rd_server_shutdown (self);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (rd_server_parent_class)->dispose (object);
}

static void
rd_server_finalize (GObject *object)
{
  RdServer *self = RD_SERVER (object);

  g_clear_handle_id (&self->prune_id, g_source_remove);
  g_clear_pointer (&self->checkpointer, rd_checkpointer_free);
  g_clear_pointer (&self->answers, rd_answer_map_free);
  g_clear_pointer (&self->static_statements, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self->epoch);

  /* Last: the database is closed. */
  if (self->lock_fd >= 0)
    close (self->lock_fd);

  G_OBJECT_CLASS (rd_server_parent_class)->finalize (object);
}

static void
rd_server_class_init (RdServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_server_dispose;
  object_class->finalize = rd_server_finalize;
}

static void
rd_server_init (RdServer *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->static_statements = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rate = DEFAULT_RATE;
  self->burst = DEFAULT_BURST;
  self->lock_fd = -1;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_server_new:
 * @store: a store opened in the %RD_STORE_SERVER role
 * @error: a location for an error
 *
 * Takes the database for this server alone (%RD_SERVER_ERROR_IN_USE when another server has it),
 * prunes old answers and loads the map of the stored ones.
 *
 * Returns: (transfer full): a server ready to listen, or %NULL
 */
RdServer *
rd_server_new (RdStore  *store,
               GError  **error)
{
  g_autoptr(RdServer) self = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->db = rd_store_get_db (store);

  if (!take_serving_lock (self, rd_store_get_path (store), error)
      || !rd_server_db_init (self->db, error))
    return NULL;

  self->epoch = rd_server_db_ensure_epoch (self->db, error);
  if (self->epoch == NULL)
    return NULL;

  self->answers = rd_answer_map_load (self->db, error);
  if (self->answers == NULL)
    return NULL;

  self->checkpointer = rd_checkpointer_new (self->db, rd_store_get_path (store));
  self->prune_id = g_timeout_add_seconds (PRUNE_SECONDS, on_prune, self);

  return g_steal_pointer (&self);
}

/**
 * rd_server_listen:
 * @self: a server
 * @address: ADDR:PORT (port 0 picks a free one); IPv6 as [ADDR]:PORT
 * @certificate: (nullable): a certificate for HTTPS
 * @error: a location for an error
 *
 * Returns: whether the server now accepts connections
 */
gboolean
rd_server_listen (RdServer         *self,
                  const char       *address,
                  GTlsCertificate  *certificate,
                  GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  const char *host;
  guint16 port;

  g_return_val_if_fail (RD_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  connectable = g_network_address_parse (address, 8470, error);
  if (connectable == NULL)
    return FALSE;

  host = g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable));
  port = g_network_address_get_port (G_NETWORK_ADDRESS (connectable));
  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a numeric address such as 127.0.0.1 or [::1]."), host);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "raddesk-server ", NULL);
  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);
  self->https = certificate != NULL;

  soup_server_add_early_handler (self->soup, NULL, on_early_request, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_request, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (on_request_finished), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (on_request_aborted), self);

  socket_address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (self->soup, socket_address,
                           certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    {
      g_clear_object (&self->soup);
      return FALSE;
    }

  if (certificate == NULL && !g_inet_address_get_is_loopback (inet))
    g_printerr (_("Warning: listening on %s without TLS; tokens and passwords cross the network "
                  "unencrypted. Use --tls-cert and --tls-key.\n"), address);

  return TRUE;
}

/**
 * rd_server_dup_uri:
 * @self: a listening server
 *
 * Returns: (transfer full): the base URI it listens on, such as http://127.0.0.1:8470
 */
char *
rd_server_dup_uri (RdServer *self)
{
  GSList *uris;
  char *text = NULL;

  g_return_val_if_fail (RD_IS_SERVER (self), NULL);
  g_return_val_if_fail (self->soup != NULL, NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    {
      GUri *uri = uris->data;
      const char *host = g_uri_get_host (uri);
      gboolean v6 = strchr (host, ':') != NULL;

      text = g_strdup_printf ("%s://%s%s%s:%d", self->https ? "https" : "http",
                              v6 ? "[" : "", host, v6 ? "]" : "", g_uri_get_port (uri));
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return text;
}

const char *
rd_server_get_epoch (RdServer *self)
{
  g_return_val_if_fail (RD_IS_SERVER (self), NULL);

  return self->epoch;
}

void
rd_server_set_rate_limit (RdServer *self,
                          double    per_second,
                          double    burst)
{
  g_return_if_fail (RD_IS_SERVER (self));

  self->rate = per_second;
  self->burst = MAX (burst, 1.0);
}

/**
 * rd_server_shutdown:
 * @self: a server
 *
 * Stops accepting connections and answers the long polls still waiting, so that the
 * main loop can end and the store be closed cleanly.
 */
void
rd_server_shutdown (RdServer *self)
{
  g_return_if_fail (RD_IS_SERVER (self));

  if (self->shutting_down)
    return;

  self->shutting_down = TRUE;
  rd_server_finish_waiters (self);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
