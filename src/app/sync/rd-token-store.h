/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-token-store.h: the server's sign-in token in the user's keyring (libsecret), and restoring a sign-in at start. */

#pragma once

#include <gio/gio.h>

#include "rd-sync-client.h"

G_BEGIN_DECLS

void      rd_token_store_save_async    (const char           *server,
                                        const char           *username,
                                        const char           *token,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  rd_token_store_save_finish   (GAsyncResult         *result,
                                        GError              **error);
void      rd_token_store_lookup_async  (const char           *server,
                                        const char           *username,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char     *rd_token_store_lookup_finish (GAsyncResult         *result,
                                        GError              **error);
void      rd_token_store_clear         (const char           *server,
                                        const char           *username);

void      rd_token_store_restore       (RdSyncClient         *client,
                                        GSettings            *settings);

gboolean  rd_token_store_is_session_only (RdSyncClient       *client);
void      rd_token_store_set_session_only (RdSyncClient      *client,
                                           gboolean           session_only);

G_END_DECLS
