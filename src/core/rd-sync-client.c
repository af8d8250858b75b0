/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-client.c: a workstation's background sync with raddesk-server over HTTP (SYNC.md). */

#include "config.h"

#include "rd-sync-client.h"
#include "rd-codec.h"
#include "rd-error.h"
#include "rd-sync-apply.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#define PUSH_BATCH 500
#define PULL_PAGE 2000
#define PERIODIC_SECONDS 60
#define CHANGE_PAUSE_MS 1500
#define LONG_POLL_SECONDS 25
#define MAX_BACKOFF_SECONDS 300

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdSyncClient
{
  GObject       parent_instance;

  RdStore      *store;
  RdStore      *worker_store; /* the same file, used only by the pull's worker thread */
  SoupSession  *session;
  GRand        *rand;
  char         *server;
  char         *token;
  char         *username;
  char         *role;

  RdSyncState   state;
  char         *message;
  gint64        last_synced;
  guint         retry_in;
  gint64        retry_at;
  guint         failures;

  gboolean      running;     /* started: syncs on its own */
  gboolean      in_flight;   /* a sync round is under way */
  gboolean      again;       /* a change came during the round: go again */
  guint         timer_id;
  guint         change_id;
  gulong        store_changed_id;
  GCancellable *cancellable;
  GCancellable *poll_cancellable;
};

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

typedef enum
{
  FAIL_OFFLINE,    /* try again later */
  FAIL_SIGNED_OUT, /* needs a new sign-in */
  FAIL_FATAL,      /* needs a person: certificate, protocol, a refused request */
} FailKind;

typedef struct
{
  gboolean  checked;
  GPtrArray *entries;
  guint     rounds;
} SyncRun;

static void sync_run_free (SyncRun *run);
static void schedule_sync (RdSyncClient *self, guint seconds);
static void start_long_poll (RdSyncClient *self);

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
sync_run_free (SyncRun *run)
{
  g_clear_pointer (&run->entries, g_ptr_array_unref);
  g_free (run);
}

static void
set_state (RdSyncClient *self,
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

static void
notify_counts (RdSyncClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
}

static SoupMessage *
new_message (RdSyncClient *self,
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

  return msg;
}

static JsonNode *
parse_body (GBytes *bytes)
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

static FailKind
classify_error (GError  *error,
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

static FailKind
classify_status (guint       status,
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

/* ---------------------------------------------------------------- */
/* The sync round: health, push until the outbox is empty, pull until has_more is false */
/* ---------------------------------------------------------------- */

static void run_push (GTask *task);
static void run_pull (GTask *task);
static void finish_round (GTask *task);

static void
fail_task (GTask      *task,
           FailKind    kind,
           const char *message)
{
  RdSyncClient *self = g_task_get_source_object (task);

  g_task_set_task_data (task, NULL, NULL);
  self->failures++;

  if (kind == FAIL_SIGNED_OUT)
    set_state (self, RD_SYNC_STATE_SIGNED_OUT, message);
  else if (kind == FAIL_FATAL)
    set_state (self, RD_SYNC_STATE_ERROR, message);
  else
    set_state (self, RD_SYNC_STATE_OFFLINE, message);

  g_task_return_new_error (task, RD_ERROR, kind == FAIL_SIGNED_OUT ? RD_ERROR_FORBIDDEN : RD_ERROR_STORAGE,
                           "%s", message);
  g_object_unref (task);
}

/* Sends a request and hands the answer's status and JSON to @next. */
/* Answers arrive as bytes: a handler parses them where it suits (a big pull off the main thread). */
typedef void (*AnswerFunc) (GTask *task, guint status, GBytes *bytes, SoupMessage *msg);

typedef struct
{
  GTask       *task;
  SoupMessage *msg;
  AnswerFunc   next;
} Request;

static void
on_request_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (bytes == NULL)
    {
      g_autofree char *message = NULL;
      FailKind kind = classify_error (error, &message);

      fail_task (request->task, kind, message);
    }
  else
    request->next (request->task, soup_message_get_status (request->msg), bytes, request->msg);

  g_object_unref (request->msg);
  g_free (request);
}

static void
send_request (GTask      *task,
              const char *method,
              const char *path,
              const char *body,
              AnswerFunc  next)
{
  RdSyncClient *self = g_task_get_source_object (task);
  Request *request = g_new0 (Request, 1);

  request->task = task;
  request->next = next;
  request->msg = new_message (self, method, path, body);
  if (request->msg == NULL)
    {
      g_free (request);
      fail_task (task, FAIL_FATAL, _("The server address is not a valid URL."));
      return;
    }

  soup_session_send_and_read_async (self->session, request->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_request_done, request);
}

static void
finish_round (GTask *task)
{
  RdSyncClient *self = g_task_get_source_object (task);

  self->failures = 0;
  self->last_synced = rd_now ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
  set_state (self, RD_SYNC_STATE_SYNCED, NULL);
  notify_counts (self);

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* A page of the pull is parsed and applied on a worker thread, through the workstation's second
 * connection to its file, so that a big first sync never holds up a frame of the window. */
typedef struct
{
  GBytes     *bytes;
  gboolean    has_more;
  GHashTable *tables; /* the tables the page touched, to announce on the main thread */
} PullPage;

static void
pull_page_free (PullPage *page)
{
  g_clear_pointer (&page->bytes, g_bytes_unref);
  g_clear_pointer (&page->tables, g_hash_table_unref);
  g_free (page);
}

static void
apply_page_in_thread (GTask        *thread_task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  RdSyncClient *self = source;
  PullPage *page = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) body = parse_body (page->bytes);
  JsonArray *changes;

  if (self->worker_store == NULL)
    self->worker_store = rd_store_open (rd_store_get_path (self->store), RD_STORE_WORKSTATION, &error);
  if (self->worker_store == NULL || !rd_sync_apply_pull_page (self->worker_store, body, &page->has_more, &error))
    {
      g_task_return_error (thread_task, g_steal_pointer (&error));
      return;
    }

  page->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  changes = json_object_get_array_member (json_node_get_object (body), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *change = json_array_get_element (changes, i);
      const char *table = JSON_NODE_HOLDS_OBJECT (change)
                            ? json_object_get_string_member_with_default (json_node_get_object (change), "table", NULL)
                            : NULL;

      if (table != NULL)
        g_hash_table_add (page->tables, g_strdup (table));
    }

  g_task_return_boolean (thread_task, TRUE);
}

static void
on_page_applied (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RdSyncClient *self = RD_SYNC_CLIENT (source);
  PullPage *page = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  const char *table;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail_task (task, FAIL_OFFLINE, error->message);
      return;
    }

  /* The main connection's views learn of the page as one change per table. */
  g_hash_table_iter_init (&iter, page->tables);
  while (g_hash_table_iter_next (&iter, (gpointer *) &table, NULL))
    rd_store_emit_changed (self->store, table, NULL);

  if (page->has_more)
    run_pull (task);
  else if (rd_store_outbox_count (self->store) > 0)
    run_push (task); /* a resync may have queued what the server lost */
  else
    finish_round (task);
}

static void
on_pull_answer (GTask       *task,
                guint        status,
                GBytes      *bytes,
                SoupMessage *msg)
{
  RdSyncClient *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) thread_task = NULL;
  PullPage *page;

  if (status == SOUP_STATUS_GONE)
    {
      /* The server's database was restored or replaced: everything again, unsent edits kept. */
      if (!rd_sync_restart_pull (self->store, &error))
        {
          fail_task (task, FAIL_FATAL, error->message);
          return;
        }
      run_push (task);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_autoptr (JsonNode) body = parse_body (bytes);
      g_autofree char *message = NULL;
      FailKind kind = classify_status (status, body, &message);

      fail_task (task, kind, message);
      return;
    }

  page = g_new0 (PullPage, 1);
  page->bytes = g_bytes_ref (bytes);
  thread_task = g_task_new (self, g_task_get_cancellable (task), on_page_applied, task);
  g_task_set_task_data (thread_task, page, (GDestroyNotify) pull_page_free);
  g_task_run_in_thread (thread_task, apply_page_in_thread);
}

static void
run_pull (GTask *task)
{
  RdSyncClient *self = g_task_get_source_object (task);
  g_autofree char *cursor = rd_sync_get_cursor (self->store);
  g_autofree char *escaped = g_uri_escape_string (cursor, NULL, TRUE);
  g_autofree char *path = g_strdup_printf ("/v1/changes?cursor=%s&limit=%d", escaped, PULL_PAGE);

  send_request (task, "GET", path, NULL, on_pull_answer);
}

static void
on_push_answer (GTask       *task,
                guint        status,
                GBytes      *bytes,
                SoupMessage *msg)
{
  g_autoptr (JsonNode) body = parse_body (bytes);
  RdSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  RdPushCounts counts;

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *message = NULL;
      FailKind kind = classify_status (status, body, &message);

      fail_task (task, kind, message);
      return;
    }

  if (!rd_sync_apply_push_answer (self->store, run->entries, body, &counts, &error))
    {
      fail_task (task, FAIL_OFFLINE, error->message);
      return;
    }

  g_clear_pointer (&run->entries, g_ptr_array_unref);
  notify_counts (self);
  run_push (task);
}

static void
run_push (GTask *task)
{
  RdSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;

  g_clear_pointer (&run->entries, g_ptr_array_unref);
  body = rd_sync_build_push (self->store, PUSH_BATCH, &run->entries, &error);
  if (error != NULL)
    {
      fail_task (task, FAIL_FATAL, error->message);
      return;
    }

  if (body == NULL)
    {
      run_pull (task);
      return;
    }

  send_request (task, "POST", "/v1/mutations", body, on_push_answer);
}

static void
on_health_answer (GTask       *task,
                  guint        status,
                  GBytes      *bytes,
                  SoupMessage *msg)
{
  g_autoptr (JsonNode) body = parse_body (bytes);
  gint64 protocol = 0;

  if (status == SOUP_STATUS_OK && body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    protocol = json_object_get_int_member_with_default (json_node_get_object (body), "protocol", 0);

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *message = NULL;
      FailKind kind = classify_status (status, body, &message);

      fail_task (task, kind, message);
      return;
    }

  if (protocol != RD_PROTOCOL_VERSION)
    {
      g_autofree char *message =
        g_strdup_printf (protocol > RD_PROTOCOL_VERSION
                           ? _("The server is newer (protocol %lld); update RadDesk to sync with it.")
                           : _("The server is older (protocol %lld); it must be updated before this RadDesk can sync."),
                         (long long) protocol);
      fail_task (task, FAIL_FATAL, message);
      return;
    }

  ((SyncRun *) g_task_get_task_data (task))->checked = TRUE;
  run_push (task);
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
      set_state (self, RD_SYNC_STATE_OFFLINE, message);
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
  notify_counts (self);

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

  body = parse_body (bytes);
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
  msg = new_message (self, "GET", path, NULL);
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
    set_state (self, RD_SYNC_STATE_DISABLED, NULL);
  else if (self->token == NULL)
    set_state (self, RD_SYNC_STATE_SIGNED_OUT, _("Not signed in to the server."));
  else if (self->state == RD_SYNC_STATE_DISABLED || self->state == RD_SYNC_STATE_SIGNED_OUT
           || self->state == RD_SYNC_STATE_ERROR)
    set_state (self, RD_SYNC_STATE_OFFLINE, _("Not synced yet."));
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

/**
 * rd_sync_client_sync_async:
 * @self: a sync client with a server and a token
 * @cancellable: (nullable): to stop it
 * @callback: called when the round is over
 * @user_data: for @callback
 *
 * One round: checks the server's protocol, pushes the outbox in batches, pulls until nothing is left.
 */
void
rd_sync_client_sync_async (RdSyncClient        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_sync_client_sync_async);
  g_task_set_task_data (task, g_new0 (SyncRun, 1), (GDestroyNotify) sync_run_free);

  if (self->server == NULL || self->server[0] == '\0')
    {
      fail_task (task, FAIL_FATAL, _("No server is set."));
      set_state (self, RD_SYNC_STATE_DISABLED, NULL);
      return;
    }
  if (self->token == NULL)
    {
      fail_task (task, FAIL_SIGNED_OUT, "Not signed in to the server.");
      return;
    }

  set_state (self, RD_SYNC_STATE_SYNCING, NULL);
  send_request (task, "GET", "/v1/health", NULL, on_health_answer);
}

gboolean
rd_sync_client_sync_finish (RdSyncClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_sign_in_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdSyncClient *self = g_task_get_source_object (task);
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr (JsonNode) body = NULL;
  JsonObject *object;
  guint status;

  if (bytes == NULL)
    {
      g_autofree char *message = NULL;

      classify_error (error, &message);
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_STORAGE, "%s", message);
      return;
    }

  status = soup_message_get_status (msg);
  body = parse_body (bytes);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_FORBIDDEN, _("The user name or password is wrong."));
      return;
    }
  if (status != SOUP_STATUS_CREATED || body == NULL || !JSON_NODE_HOLDS_OBJECT (body)
      || json_object_get_string_member_with_default (object = json_node_get_object (body), "token", NULL) == NULL)
    {
      g_autofree char *message = NULL;

      classify_status (status, body, &message);
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_STORAGE, "%s", message);
      return;
    }

  g_free (self->username);
  self->username = g_strdup (json_object_get_string_member_with_default (object, "username", NULL));
  g_free (self->role);
  self->role = g_strdup (json_object_get_string_member_with_default (object, "role", NULL));
  /* The earlier session on the same server is ended there, not left to expire. */
  if (self->token != NULL && g_strcmp0 (self->server, g_object_get_data (G_OBJECT (task), "url")) == 0)
    {
      g_autoptr (SoupMessage) end = new_message (self, "DELETE", "/v1/session", NULL);

      if (end != NULL)
        soup_session_send_and_read_async (self->session, end, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
    }
  rd_sync_client_set_server (self, g_object_get_data (G_OBJECT (task), "url"));
  rd_sync_client_set_token (self, json_object_get_string_member (object, "token"));

  g_task_return_pointer (task, g_strdup (self->token), g_free);
}

/**
 * rd_sync_client_sign_in_async:
 * @self: a sync client
 * @url: the server, e.g. https://raddesk.example.org:8470
 * @username: the user name
 * @password: the password
 * @cancellable: (nullable): to stop it
 * @callback: called with the outcome
 * @user_data: for @callback
 *
 * Signs in (`POST /v1/session`); on success the server and token are set on @self. Keeping the
 * token (in the user's keyring) is the caller's part.
 */
void
rd_sync_client_sign_in_async (RdSyncClient        *self,
                              const char          *url,
                              const char          *username,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autofree char *client_id = NULL;
  GTask *task;
  SoupMessage *msg;

  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_sync_client_sign_in_async);

  /* The session in use stays until the server accepts the new sign-in. */
  g_object_set_data_full (G_OBJECT (task), "url", g_strdup (url), g_free);

  client_id = rd_sync_get_client_id (self->store);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "workstation");
  json_builder_add_string_value (builder, client_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  {
    g_autofree char *old_server = g_steal_pointer (&self->server);
    g_autofree char *old_token = g_steal_pointer (&self->token);

    self->server = g_strdup (url);
    msg = new_message (self, "POST", "/v1/session", body);
    g_free (self->server);
    self->server = g_steal_pointer (&old_server);
    self->token = g_steal_pointer (&old_token);
  }
  if (msg == NULL)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_INVALID, _("The server address is not a valid URL."));
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, msg, g_object_unref);

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, on_sign_in_done, task);
}

/**
 * rd_sync_client_sign_in_finish:
 * @self: a sync client
 * @result: the result
 * @error: why it failed, in a sentence for the user
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
rd_sync_client_sign_in_finish (RdSyncClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rd_sync_client_sign_out:
 * @self: a sync client
 *
 * Ends the token on the server (when it can be reached) and forgets it here. Unsent edits stay in
 * the outbox for the next sign-in.
 */
void
rd_sync_client_sign_out (RdSyncClient *self)
{
  g_autoptr (SoupMessage) msg = NULL;

  g_return_if_fail (RD_IS_SYNC_CLIENT (self));

  if (self->token != NULL && self->server != NULL && (msg = new_message (self, "DELETE", "/v1/session", NULL)) != NULL)
    soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  rd_sync_client_stop (self);
  rd_sync_client_set_token (self, NULL);
}
