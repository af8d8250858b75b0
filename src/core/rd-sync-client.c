/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-client.c: a workstation's background sync with raddesk-server over HTTP (SYNC.md). */

#include "config.h"

#include "rd-sync-client.h"
#include "rd-codec.h"
#include "rd-error.h"
#include "rd-sync-apply.h"
#include "rd-sync-client-private.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#define PERIODIC_SECONDS 60
#define CHANGE_PAUSE_MS 1500
#define LONG_POLL_SECONDS 25
#define MAX_BACKOFF_SECONDS 300

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (RdSyncClient, rd_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_LAST_SYNCED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_sync (RdSyncClient *self, guint seconds);
static void start_long_poll (RdSyncClient *self);

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */


void
rd_sync_client_set_state (RdSyncClient *self,
                          RdSyncState   state,
                          const char   *message)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

void
rd_sync_client_notify_counts (RdSyncClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
}

SoupMessage *
rd_sync_client_new_message (RdSyncClient *self,
                            const char   *method,
                            const char   *path,
                            const char   *body)
{
  g_autofree char *uri = NULL;
  g_autofree char *base = g_strdup (self->server);
  SoupMessage *msg;

  /* "https://host:8470/" and "https://host:8470" name the same server. */
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  uri = g_strconcat (base, path, NULL);
  msg = soup_message_new (method, uri);
  if (msg == NULL)
    return NULL;

  if (self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }

  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  /* A push is idempotent by the protocol (the same mutation ids get the same answers), so libsoup
   * may send it on a kept-alive connection, and send it again should that connection turn out
   * closed. Without the flag, every POST opens a connection of its own. */
  if (g_str_equal (method, "POST") && g_str_equal (path, "/v1/mutations"))
    soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);

  return msg;
}

JsonNode *
rd_sync_parse_body (GBytes *bytes)
{
  gsize len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    return NULL;

  {
    g_autoptr (JsonParser) parser = json_parser_new_immutable ();

    if (!json_parser_load_from_data (parser, data, (gssize) len, NULL))
      return NULL;
    return json_node_copy (json_parser_get_root (parser));
  }
}

FailKind
rd_sync_classify_error (GError  *error,
                        char   **message)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      *message = g_strdup (_("Sync was stopped."));
      return FAIL_OFFLINE;
    }
  if (error->domain == G_TLS_ERROR)
    {
      *message = g_strdup_printf (_("The server's certificate is not trusted (%s)."), error->message);
      return FAIL_FATAL;
    }
  *message = g_strdup_printf (_("The server cannot be reached (%s)."), error->message);
  return FAIL_OFFLINE;
}

FailKind
rd_sync_classify_status (guint       status,
                         JsonNode   *body,
                         char      **message)
{
  const char *server_message = NULL;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    server_message = json_object_get_string_member_with_default (json_node_get_object (body), "message", NULL);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      *message = g_strdup (_("Signed out: sign in to the server again in Preferences."));
      return FAIL_SIGNED_OUT;
    case 429: /* Too Many Requests: libsoup 3.2 has no name for it */
      *message = g_strdup (_("The server is busy; RadDesk will try again shortly."));
      return FAIL_OFFLINE;
    case SOUP_STATUS_NOT_FOUND:
      *message = g_strdup (_("That address does not answer as a RadDesk server."));
      return FAIL_FATAL;
    default:
      if (status >= 500)
        {
          *message = g_strdup_printf (_("The server had a problem (%u); RadDesk will try again."), status);
          return FAIL_OFFLINE;
        }
      *message = g_strdup_printf (_("The server refused the request (%u%s%s)."), status,
                                  server_message ? ": " : "", server_message ? server_message : "");
      return FAIL_FATAL;
    }
}

void
rd_sync_client_notify_last_synced (RdSyncClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
}

/* ---------------------------------------------------------------- */
/* Scheduling                                                        */
/* ---------------------------------------------------------------- */

static void on_round_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
begin_round (RdSyncClient *self)
{
  if (self->in_flight)
    {
      self->again = TRUE;
      return;
    }

  self->in_flight = TRUE;
  self->again = FALSE;
  rd_sync_client_sync_async (self, self->cancellable, on_round_done, g_object_ref (self));
}

static gboolean
on_timer (gpointer user_data)
{
  RdSyncClient *self = user_data;

  self->timer_id = 0;
  self->retry_in = 0;
  begin_round (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_sync (RdSyncClient *self,
               guint         seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->running)
    return;
  self->timer_id = g_timeout_add_seconds (seconds, on_timer, self);
}

static void
on_round_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (RdSyncClient) self = user_data;
  g_autoptr (GError) error = NULL;

  self->in_flight = FALSE;

  if (rd_sync_client_sync_finish (self, result, &error))
    {
      schedule_sync (self, self->again ? 0 : PERIODIC_SECONDS);
      start_long_poll (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->running)
    return;

  if (self->state == RD_SYNC_STATE_OFFLINE)
    {
      /* Exponential back-off with jitter, so that workstations do not all return at once. */
      guint base = MIN (MAX_BACKOFF_SECONDS, 1u << MIN (self->failures, 9u));
      self->retry_in = MAX (1, (guint) (base * g_rand_double_range (self->rand, 0.5, 1.5)));
      g_autofree char *message = g_strdup_printf (_("%s Retrying in %u s."), self->message, self->retry_in);

      self->retry_at = rd_now () + self->retry_in;
      rd_sync_client_set_state (self, RD_SYNC_STATE_OFFLINE, message);
      schedule_sync (self, self->retry_in);
    }
}

static gboolean
on_change_pause_done (gpointer user_data)
{
  RdSyncClient *self = user_data;

  self->change_id = 0;
  begin_round (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RdStore      *store,
                  const char   *table,
                  const char   *id,
                  RdSyncClient *self)
{
  rd_sync_client_notify_counts (self);

  /* Only local edits (which fill the outbox) call for a push; pulls change the store too. */
  if (!self->running || self->state == RD_SYNC_STATE_SIGNED_OUT || rd_store_outbox_count (store) == 0)
    return;

  g_clear_handle_id (&self->change_id, g_source_remove);
  self->change_id = g_timeout_add (CHANGE_PAUSE_MS, on_change_pause_done, self);
}

static void
on_long_poll_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (RdSyncClient) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr (JsonNode) body = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  JsonArray *changes;

  if (bytes == NULL || !self->running || soup_message_get_status (msg) != SOUP_STATUS_OK)
    return; /* the next round or the timer takes over */

  body = rd_sync_parse_body (bytes);
  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body)
      && (changes = json_object_get_array_member (json_node_get_object (body), "changes")) != NULL
      && json_array_get_length (changes) > 0)
    begin_round (self);
  else
    start_long_poll (self);
}

/* The server answers a long poll as soon as another workstation's change arrives. */
static void
start_long_poll (RdSyncClient *self)
{
  g_autofree char *cursor = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr (SoupMessage) msg = NULL;

  if (!self->running || self->state != RD_SYNC_STATE_SYNCED)
    return;

  g_cancellable_cancel (self->poll_cancellable);
  g_clear_object (&self->poll_cancellable);
  self->poll_cancellable = g_cancellable_new ();

  cursor = rd_sync_get_cursor (self->store);
  escaped = g_uri_escape_string (cursor, NULL, TRUE);
  path = g_strdup_printf ("/v1/changes?cursor=%s&limit=1&wait=%d", escaped, LONG_POLL_SECONDS);
  msg = rd_sync_client_new_message (self, "GET", path, NULL);
  if (msg == NULL)
    return;

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_LOW, self->poll_cancellable,
                                    on_long_poll_done, g_object_ref (self));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_sync_client_dispose (GObject *object)
{
  RdSyncClient *self = RD_SYNC_CLIENT (object);

  rd_sync_client_stop (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rd_sync_client_parent_class)->dispose (object);
}

static void
rd_sync_client_finalize (GObject *object)
{
  RdSyncClient *self = RD_SYNC_CLIENT (object);

  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->server);
  g_free (self->token);
  g_free (self->username);
  g_free (self->role);
  g_free (self->message);

  G_OBJECT_CLASS (rd_sync_client_parent_class)->finalize (object);
}

static void
rd_sync_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdSyncClient *self = RD_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_PENDING: g_value_set_int64 (value, rd_sync_client_get_pending (self)); break;
    case PROP_CONFLICTS: g_value_set_int64 (value, rd_sync_client_get_conflicts (self)); break;
    case PROP_LAST_SYNCED: g_value_set_int64 (value, self->last_synced); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdSyncClient *self = RD_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      self->store_changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (on_store_changed), self);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_client_class_init (RdSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_sync_client_dispose;
  object_class->finalize = rd_sync_client_finalize;
  object_class->get_property = rd_sync_client_get_property;
  object_class->set_property = rd_sync_client_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, RD_SYNC_STATE_DISABLED, RD_SYNC_STATE_ERROR,
                                             RD_SYNC_STATE_DISABLED,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] = g_param_spec_int64 ("conflicts", NULL, NULL, 0, G_MAXINT64, 0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNCED] = g_param_spec_int64 ("last-synced", NULL, NULL, 0, G_MAXINT64, 0,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_sync_client_init (RdSyncClient *self)
{
  self->session = soup_session_new_with_options ("timeout", LONG_POLL_SECONDS + 15,
                                                 "user-agent", "RadDesk/" PACKAGE_VERSION " ",
                                                 NULL);
  self->rand = g_rand_new ();
  self->cancellable = g_cancellable_new ();

  if (g_getenv ("RADDESK_CA_FILE") != NULL)
    {
      g_autoptr (GError) error = NULL;

      if (!rd_sync_client_set_ca_file (self, g_getenv ("RADDESK_CA_FILE"), &error))
        g_warning ("RADDESK_CA_FILE: %s", error->message);
    }
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_sync_client_new:
 * @store: a workstation store
 *
 * Returns: (transfer full): a sync client; it does nothing until a server and a token are set
 *   and rd_sync_client_start() is called
 */
RdSyncClient *
rd_sync_client_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_SYNC_CLIENT, "store", store, NULL);
}

RdStore *
rd_sync_client_get_store (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), NULL);
  return self->store;
}

static void
update_idle_state (RdSyncClient *self)
{
  if (self->server == NULL || self->server[0] == '\0')
    rd_sync_client_set_state (self, RD_SYNC_STATE_DISABLED, NULL);
  else if (self->token == NULL)
    rd_sync_client_set_state (self, RD_SYNC_STATE_SIGNED_OUT, _("Not signed in to the server."));
  else if (self->state == RD_SYNC_STATE_DISABLED || self->state == RD_SYNC_STATE_SIGNED_OUT
           || self->state == RD_SYNC_STATE_ERROR)
    rd_sync_client_set_state (self, RD_SYNC_STATE_OFFLINE, _("Not synced yet."));
}

void
rd_sync_client_set_server (RdSyncClient *self,
                           const char   *url)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  if (g_strcmp0 (self->server, url) == 0)
    return;
  g_free (self->server);
  self->server = g_strdup (url);
  update_idle_state (self);
}

const char *
rd_sync_client_get_server (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), NULL);
  return self->server;
}

/**
 * rd_sync_client_set_ca_file:
 * @self: a sync client
 * @path: (nullable): a PEM file of the certificate authorities to trust, or %NULL for the system's
 * @error: why the file could not be used
 *
 * For a department whose server certificate comes from its own authority rather than one the
 * system trusts. The environment variable RADDESK_CA_FILE sets it too.
 *
 * Returns: whether the file was taken
 */
gboolean
rd_sync_client_set_ca_file (RdSyncClient  *self,
                            const char    *path,
                            GError       **error)
{
  g_autoptr (GTlsDatabase) database = NULL;

  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), FALSE);

  if (path != NULL && (database = g_tls_file_database_new (path, error)) == NULL)
    return FALSE;

  soup_session_set_tls_database (self->session, database);
  return TRUE;
}

void
rd_sync_client_set_token (RdSyncClient *self,
                          const char   *token)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  g_free (self->token);
  self->token = g_strdup (token);
  update_idle_state (self);
}

const char *
rd_sync_client_get_token (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), NULL);
  return self->token;
}

const char *
rd_sync_client_get_username (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), NULL);
  return self->username;
}

const char *
rd_sync_client_get_role (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), NULL);
  return self->role;
}

RdSyncState
rd_sync_client_get_state (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), RD_SYNC_STATE_DISABLED);
  return self->state;
}

const char *
rd_sync_client_get_message (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), NULL);
  return self->message;
}

gint64
rd_sync_client_get_pending (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), 0);
  return rd_store_outbox_count (self->store);
}

/**
 * rd_sync_client_get_conflicts:
 * @self: a sync client
 *
 * Returns: edits the server answered conflict or rejected for, plus bookings it flagged
 */
gint64
rd_sync_client_get_conflicts (RdSyncClient *self)
{
  g_autoptr (GPtrArray) flagged = NULL;

  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), 0);

  flagged = rd_sync_list_flagged (self->store);
  return rd_sync_count_issues (self->store) + flagged->len;
}

gint64
rd_sync_client_get_last_synced (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), 0);
  return self->last_synced;
}

guint
rd_sync_client_get_retry_in (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), 0);
  return self->retry_in;
}

/**
 * rd_sync_client_get_retry_at:
 * @self: a sync client
 *
 * Returns: when the next try is due while offline (Unix seconds), or 0
 */
gint64
rd_sync_client_get_retry_at (RdSyncClient *self)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (self), 0);
  return self->retry_in > 0 ? self->retry_at : 0;
}

/**
 * rd_sync_client_start:
 * @self: a sync client
 *
 * Syncs now, then every minute, shortly after every local edit, and whenever the server's long
 * poll reports news; retries with back-off while the server is away. Never blocks.
 */
void
rd_sync_client_start (RdSyncClient *self)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  if (self->running)
    return;

  self->running = TRUE;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  schedule_sync (self, 0);
}

void
rd_sync_client_stop (RdSyncClient *self)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  self->running = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->change_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->poll_cancellable != NULL)
    g_cancellable_cancel (self->poll_cancellable);
  g_clear_object (&self->poll_cancellable);
}

void
rd_sync_client_sync_now (RdSyncClient *self)
{
  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  if (self->running)
    schedule_sync (self, 0);
  else
    begin_round (self);
}


