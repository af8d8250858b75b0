/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-token-store.c: the server's sign-in token in the user's keyring (libsecret), and restoring a sign-in at start. */

#include "config.h"

#include <libsecret/secret.h>

#include "rd-token-store.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

/* The token is never written anywhere but the keyring: where there is no keyring it stays in the
 * sync client's memory for this session, and this flag on the client says so. */
#define SESSION_ONLY_KEY "rd-token-session-only"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.raddesk.RadDesk.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!secret_password_clear_finish (result, &error))
    g_debug ("The keyring did not forget the sign-in: %s", error ? error->message : "nothing stored");
}

typedef struct
{
  RdSyncClient *client;
  char         *server;
} Restore;

static void
restore_free (Restore *restore)
{
  g_clear_object (&restore->client);
  g_free (restore->server);
  g_free (restore);
}

static void
on_restore_looked_up (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = rd_token_store_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_debug ("No keyring to look the sign-in up in: %s", error->message);
      rd_token_store_set_session_only (restore->client, TRUE);
    }

  /* A sign-in made while the keyring was answering wins over the stored one. */
  if (token != NULL && rd_sync_client_get_token (restore->client) == NULL
      && g_strcmp0 (rd_sync_client_get_server (restore->client), restore->server) == 0)
    {
      rd_sync_client_set_token (restore->client, token);
      rd_sync_client_start (restore->client);
    }

  restore_free (restore);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_token_store_save_async:
 * @server: the server's address
 * @username: who signed in
 * @token: the token the server gave
 * @cancellable: (nullable): to stop it
 * @callback: called when the keyring has answered
 * @user_data: for @callback
 *
 * Keeps @token in the user's default keyring. It fails when no keyring service runs.
 */
void
rd_token_store_save_async (const char          *server,
                           const char          *username,
                           const char          *token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = g_strdup_printf ("RadDesk sign-in for %s on %s", username, server);

  g_task_set_source_tag (task, rd_token_store_save_async);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, cancellable,
                         on_stored, task,
                         "server", server,
                         "username", username,
                         NULL);
}

gboolean
rd_token_store_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rd_token_store_lookup_async:
 * @server: the server's address
 * @username: the user name
 * @cancellable: (nullable): to stop it
 * @callback: called when the keyring has answered
 * @user_data: for @callback
 *
 * Looks up a kept token; the result is %NULL without an error when there is none.
 */
void
rd_token_store_lookup_async (const char          *server,
                             const char          *username,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, rd_token_store_lookup_async);
  secret_password_lookup (token_schema (), cancellable, on_looked_up, task,
                          "server", server,
                          "username", username,
                          NULL);
}

/**
 * rd_token_store_lookup_finish:
 * @result: the result
 * @error: set when the keyring could not be asked
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
rd_token_store_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  char *secret = g_task_propagate_pointer (G_TASK (result), error);
  char *token = g_strdup (secret);

  secret_password_free (secret);
  return token;
}

/**
 * rd_token_store_clear:
 * @server: the server's address
 * @username: the user name
 *
 * Forgets the kept token, in the background; nothing happens where there is no keyring.
 */
void
rd_token_store_clear (const char *server,
                      const char *username)
{
  if (server == NULL || username == NULL)
    return;

  secret_password_clear (token_schema (), NULL, on_cleared, NULL,
                         "server", server,
                         "username", username,
                         NULL);
}

/**
 * rd_token_store_restore:
 * @client: the application's sync client
 * @settings: RadDesk's settings
 *
 * Sets the server from the settings and, when the keyring holds a token for it, starts syncing.
 * Nothing waits: the keyring answers in the background.
 */
void
rd_token_store_restore (RdSyncClient *client,
                        GSettings    *settings)
{
  g_autofree char *server = g_settings_get_string (settings, "server-url");
  g_autofree char *username = g_settings_get_string (settings, "server-username");
  Restore *restore;

  g_return_if_fail (RD_IS_SYNC_CLIENT (client));

  if (server[0] == '\0')
    return;

  rd_sync_client_set_server (client, server);
  if (username[0] == '\0')
    return;

  restore = g_new0 (Restore, 1);
  restore->client = g_object_ref (client);
  restore->server = g_strdup (server);
  rd_token_store_lookup_async (server, username, NULL, on_restore_looked_up, restore);
}

/**
 * rd_token_store_is_session_only:
 * @client: a sync client
 *
 * Returns: whether the keyring could not be used, so the sign-in lasts for this session only
 */
gboolean
rd_token_store_is_session_only (RdSyncClient *client)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (client), SESSION_ONLY_KEY));
}

void
rd_token_store_set_session_only (RdSyncClient *client,
                                 gboolean      session_only)
{
  g_object_set_data (G_OBJECT (client), SESSION_ONLY_KEY, GINT_TO_POINTER (session_only));
}
