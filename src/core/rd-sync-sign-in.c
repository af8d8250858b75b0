/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-sign-in.c: signing a workstation in to raddesk-server and out again. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-error.h"
#include "rd-sync-apply.h"
#include "rd-sync-client-private.h"

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

      rd_sync_classify_error (error, &message);
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_STORAGE, "%s", message);
      return;
    }

  status = soup_message_get_status (msg);
  body = rd_sync_parse_body (bytes);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_FORBIDDEN, _("The user name or password is wrong."));
      return;
    }
  if (status != SOUP_STATUS_CREATED || body == NULL || !JSON_NODE_HOLDS_OBJECT (body)
      || json_object_get_string_member_with_default (object = json_node_get_object (body), "token", NULL) == NULL)
    {
      g_autofree char *message = NULL;

      rd_sync_classify_status (status, body, &message);
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
      g_autoptr (SoupMessage) end = rd_sync_client_new_message (self, "DELETE", "/v1/session", NULL);

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
    msg = rd_sync_client_new_message (self, "POST", "/v1/session", body);
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

  if (self->token != NULL && self->server != NULL && (msg = rd_sync_client_new_message (self, "DELETE", "/v1/session", NULL)) != NULL)
    soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  rd_sync_client_stop (self);
  rd_sync_client_set_token (self, NULL);
}
