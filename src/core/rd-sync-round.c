/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-round.c: one sync round of a workstation — the server's protocol, the push in batches, the pull in pages. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-sync-apply.h"
#include "rd-sync-client-private.h"

#define PUSH_BATCH 500
#define PULL_PAGE 2000

void
rd_sync_run_free (SyncRun *run)
{
  g_clear_pointer (&run->entries, g_ptr_array_unref);
  g_free (run);
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
    rd_sync_client_set_state (self, RD_SYNC_STATE_SIGNED_OUT, message);
  else if (kind == FAIL_FATAL)
    rd_sync_client_set_state (self, RD_SYNC_STATE_ERROR, message);
  else
    rd_sync_client_set_state (self, RD_SYNC_STATE_OFFLINE, message);

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
      FailKind kind = rd_sync_classify_error (error, &message);

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
  request->msg = rd_sync_client_new_message (self, method, path, body);
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
  rd_sync_client_notify_last_synced (self);
  rd_sync_client_set_state (self, RD_SYNC_STATE_SYNCED, NULL);
  rd_sync_client_notify_counts (self);

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
  g_autoptr (JsonNode) body = rd_sync_parse_body (page->bytes);
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
      g_autoptr (JsonNode) body = rd_sync_parse_body (bytes);
      g_autofree char *message = NULL;
      FailKind kind = rd_sync_classify_status (status, body, &message);

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
  g_autoptr (JsonNode) body = rd_sync_parse_body (bytes);
  RdSyncClient *self = g_task_get_source_object (task);
  SyncRun *run = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  RdPushCounts counts;

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *message = NULL;
      FailKind kind = rd_sync_classify_status (status, body, &message);

      fail_task (task, kind, message);
      return;
    }

  if (!rd_sync_apply_push_answer (self->store, run->entries, body, &counts, &error))
    {
      fail_task (task, FAIL_OFFLINE, error->message);
      return;
    }

  g_clear_pointer (&run->entries, g_ptr_array_unref);
  rd_sync_client_notify_counts (self);
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
  g_autoptr (JsonNode) body = rd_sync_parse_body (bytes);
  gint64 protocol = 0;

  if (status == SOUP_STATUS_OK && body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    protocol = json_object_get_int_member_with_default (json_node_get_object (body), "protocol", 0);

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *message = NULL;
      FailKind kind = rd_sync_classify_status (status, body, &message);

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
  g_task_set_task_data (task, g_new0 (SyncRun, 1), (GDestroyNotify) rd_sync_run_free);

  if (self->server == NULL || self->server[0] == '\0')
    {
      fail_task (task, FAIL_FATAL, _("No server is set."));
      rd_sync_client_set_state (self, RD_SYNC_STATE_DISABLED, NULL);
      return;
    }
  if (self->token == NULL)
    {
      fail_task (task, FAIL_SIGNED_OUT, "Not signed in to the server.");
      return;
    }

  rd_sync_client_set_state (self, RD_SYNC_STATE_SYNCING, NULL);
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
