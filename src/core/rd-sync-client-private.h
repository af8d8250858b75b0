/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-client-private.h: what the parts of RdSyncClient (scheduling, the sync round, sign-in) share. */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rd-sync-client.h"

G_BEGIN_DECLS

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

void         rd_sync_run_free                  (SyncRun       *run);
void         rd_sync_client_set_state          (RdSyncClient  *self,
                                                RdSyncState    state,
                                                const char    *message);
void         rd_sync_client_notify_counts      (RdSyncClient  *self);
void         rd_sync_client_notify_last_synced (RdSyncClient  *self);
SoupMessage *rd_sync_client_new_message        (RdSyncClient  *self,
                                                const char    *method,
                                                const char    *path,
                                                const char    *body);
JsonNode    *rd_sync_parse_body                (GBytes        *bytes);
FailKind     rd_sync_classify_error            (GError        *error,
                                                char         **message);
FailKind     rd_sync_classify_status           (guint          status,
                                                JsonNode      *body,
                                                char         **message);

G_END_DECLS
