/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-client.h: a workstation's background sync with raddesk-server over HTTP (SYNC.md). */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_SYNC_STATE_DISABLED,   /* no server set: the workstation works alone */
  RD_SYNC_STATE_SIGNED_OUT, /* a server, but no valid sign-in */
  RD_SYNC_STATE_SYNCING,
  RD_SYNC_STATE_SYNCED,
  RD_SYNC_STATE_OFFLINE,    /* the server is away; retrying */
  RD_SYNC_STATE_ERROR,      /* it will not work until something changes: certificate, protocol */
} RdSyncState;

#define RD_TYPE_SYNC_CLIENT (rd_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncClient, rd_sync_client, RD, SYNC_CLIENT, GObject)

RdSyncClient *rd_sync_client_new            (RdStore              *store);
RdStore      *rd_sync_client_get_store      (RdSyncClient         *self);
void          rd_sync_client_set_server     (RdSyncClient         *self,
                                             const char           *url);
const char   *rd_sync_client_get_server     (RdSyncClient         *self);
gboolean      rd_sync_client_set_ca_file    (RdSyncClient         *self,
                                             const char           *path,
                                             GError              **error);
void          rd_sync_client_set_token      (RdSyncClient         *self,
                                             const char           *token);
const char   *rd_sync_client_get_token      (RdSyncClient         *self);
const char   *rd_sync_client_get_username   (RdSyncClient         *self);
const char   *rd_sync_client_get_role       (RdSyncClient         *self);
RdSyncState   rd_sync_client_get_state      (RdSyncClient         *self);
const char   *rd_sync_client_get_message    (RdSyncClient         *self);
gint64        rd_sync_client_get_pending    (RdSyncClient         *self);
gint64        rd_sync_client_get_conflicts  (RdSyncClient         *self);
gint64        rd_sync_client_get_last_synced (RdSyncClient        *self);
guint         rd_sync_client_get_retry_in   (RdSyncClient         *self);
gint64        rd_sync_client_get_retry_at   (RdSyncClient         *self);

void          rd_sync_client_start          (RdSyncClient         *self);
void          rd_sync_client_stop           (RdSyncClient         *self);
void          rd_sync_client_sync_now       (RdSyncClient         *self);

void          rd_sync_client_sync_async     (RdSyncClient         *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      rd_sync_client_sync_finish    (RdSyncClient         *self,
                                             GAsyncResult         *result,
                                             GError              **error);

void          rd_sync_client_sign_in_async  (RdSyncClient         *self,
                                             const char           *url,
                                             const char           *username,
                                             const char           *password,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char         *rd_sync_client_sign_in_finish (RdSyncClient         *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void          rd_sync_client_sign_out       (RdSyncClient         *self);

G_END_DECLS
