/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-auth.c: users, passwords, bearer tokens, sign-in and its slow-down, roles and the rate limit. */

#include "config.h"

#include <crypt.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rd-codec.h"
#include "rd-server-private.h"

/* Failed sign-ins per user and peer: after FREE_FAILURES, each attempt waits twice as long. */
#define FREE_FAILURES       3
#define FIRST_DELAY_MS      500
#define MAX_DELAY_MS        15000
#define FORGET_FAILURES_S   (15 * 60)
#define MAX_FAILURE_KEYS    10000

typedef struct
{
  guint  count;
  gint64 last;    /* monotonic µs */
} RdFailure;

typedef struct
{
  double tokens;
  gint64 last;    /* monotonic µs */
} RdBucket;

typedef struct
{
  RdServer          *server;
  SoupServerMessage *msg;
  char              *username;
  char              *password;
  char              *workstation;
  char              *failure_key;
  char              *hash;       /* the user's stored hash, or a dummy one for an unknown user */
  char              *role;
  gboolean           known;
  gboolean           verified;
} RdSignIn;

/* ---------------------------------------------------------------- */
/* Roles                                                             */
/* ---------------------------------------------------------------- */

static const char *const coordinator_tables[] = {
  "booking", "downtime", "stock_movement",
  "booking_request",      /* not in SYNC.md's table: a coordinator's waitlist */
  NULL
};
static const char *const manager_tables[] = {
  "modality", "exam_type", "downtime", "vendor", "supply_item", "stock_movement",
  "purchase_order", "po_line", "contract", "budget_line",
  "exam_consumable",      /* not in SYNC.md's table: part of an exam type */
  NULL
};
static const char *const trainer_tables[] = {
  "staff", "course", "training_record", "certification", "dose_reading",
  "course_requirement",   /* not in SYNC.md's table: part of a course */
  NULL
};

gboolean
rd_server_role_is_valid (const char *role)
{
  return role != NULL
         && (g_str_equal (role, "coordinator") || g_str_equal (role, "manager")
             || g_str_equal (role, "trainer") || g_str_equal (role, "admin"));
}

gboolean
rd_server_role_may_write (const char *role,
                          const char *table)
{
  const char *const *tables = NULL;

  if (role == NULL || table == NULL)
    return FALSE;

  if (g_str_equal (role, "admin"))
    return TRUE;
  else if (g_str_equal (role, "coordinator"))
    tables = coordinator_tables;
  else if (g_str_equal (role, "manager"))
    tables = manager_tables;
  else if (g_str_equal (role, "trainer"))
    tables = trainer_tables;
  else
    return FALSE;

  return g_strv_contains (tables, table);
}

/* ---------------------------------------------------------------- */
/* Passwords, users, tokens                                          */
/* ---------------------------------------------------------------- */

char *
rd_server_password_hash (const char  *password,
                         GError     **error)
{
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *hash;

  g_return_val_if_fail (password != NULL, NULL);

  if (crypt_gensalt_rn ("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                           _("No salt could be made for the password."));
      return NULL;
    }

  hash = crypt_r (password, salt, data);
  if (hash == NULL || hash[0] == '*')
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                           _("The password could not be hashed."));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
rd_server_password_verify (const char *password,
                           const char *hash)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *computed;

  if (password == NULL || hash == NULL)
    return FALSE;

  computed = crypt_r (password, hash, data);
  if (computed == NULL || computed[0] == '*')
    return FALSE;

  return rd_server_equal_constant_time (computed, hash);
}

gboolean
rd_server_user_add (sqlite3     *db,
                    const char  *name,
                    const char  *role,
                    const char  *password,
                    GError     **error)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!rd_server_role_is_valid (role))
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("“%s” is not a role; use coordinator, manager, trainer or admin."), role);
      return FALSE;
    }

  hash = rd_server_password_hash (password, error);
  if (hash == NULL)
    return FALSE;

  sqlite3_prepare_v2 (db, "INSERT INTO server_user (name, role, password_hash, disabled, created_at)"
                          " VALUES (?, ?, ?, 0, ?)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, rd_now ());
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_USER_EXISTS,
                   _("There is already a user called “%s”."), name);
      return FALSE;
    }
  else if (rc != SQLITE_DONE)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("The user could not be saved: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

gboolean
rd_server_user_disable (sqlite3     *db,
                        const char  *name,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int changes;

  sqlite3_prepare_v2 (db, "UPDATE server_user SET disabled = 1 WHERE name = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  changes = sqlite3_changes (db);

  if (changes == 0)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_NO_SUCH_USER,
                   _("There is no user called “%s”."), name);
      return FALSE;
    }

  /* A disabled user's tokens end now, not at their expiry. */
  sqlite3_prepare_v2 (db, "DELETE FROM server_token WHERE username = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return TRUE;
}

char *
rd_server_token_create (sqlite3     *db,
                        const char  *username,
                        const char  *workstation,
                        gint64      *expires_at,
                        GError     **error)
{
  g_autofree char *token = rd_server_random_hex (32);
  g_autofree char *hash = rd_server_sha256_hex (token);
  sqlite3_stmt *stmt = NULL;
  gint64 now = rd_now ();
  gint64 expires = now + (gint64) RD_SERVER_TOKEN_DAYS * 86400;
  gboolean usable = FALSE;
  int rc;

  sqlite3_prepare_v2 (db, "SELECT disabled FROM server_user WHERE name = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    usable = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_finalize (stmt);

  if (!usable)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_NO_SUCH_USER,
                   _("There is no active user called “%s”."), username);
      return NULL;
    }

  sqlite3_prepare_v2 (db, "INSERT INTO server_token (hash, username, workstation, created_at, expires_at)"
                          " VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
  if (workstation != NULL)
    sqlite3_bind_text (stmt, 3, workstation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, expires);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("The token could not be saved: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  if (expires_at != NULL)
    *expires_at = expires;

  return g_steal_pointer (&token);
}

/* ---------------------------------------------------------------- */
/* Sessions                                                          */
/* ---------------------------------------------------------------- */

void
rd_session_free (RdSession *session)
{
  if (session == NULL)
    return;

  g_free (session->token_hash);
  g_free (session->username);
  g_free (session->role);
  g_free (session->workstation);
  g_free (session);
}

RdSession *
rd_server_authenticate (RdServer          *self,
                        SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  RdSession *session = NULL;

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;

  value += 7;
  while (*value == ' ')
    value++;
  if (*value == '\0' || strlen (value) > 256)
    return NULL;

  hash = rd_server_sha256_hex (value);
  stmt = rd_server_prepare (self,
                            "SELECT t.hash, t.username, t.workstation, t.expires_at, u.role, u.disabled"
                            " FROM server_token t JOIN server_user u ON u.name = t.username"
                            " WHERE t.hash = ?");
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) == SQLITE_ROW
      && rd_server_equal_constant_time ((const char *) sqlite3_column_text (stmt, 0), hash)
      && sqlite3_column_int64 (stmt, 3) > rd_now ()
      && sqlite3_column_int (stmt, 5) == 0)
    {
      session = g_new0 (RdSession, 1);
      session->token_hash = g_steal_pointer (&hash);
      session->username = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      session->workstation = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      session->role = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }

  sqlite3_reset (stmt);
  return session;
}

/* A token bucket per token: @rate requests a second, bursts of @burst. */
gboolean
rd_server_rate_limit_ok (RdServer   *self,
                         RdSession  *session,
                         double     *retry_after)
{
  gint64 now = g_get_monotonic_time ();
  RdBucket *bucket;

  if (self->rate <= 0)
    return TRUE;

  bucket = g_hash_table_lookup (self->buckets, session->token_hash);
  if (bucket == NULL)
    {
      bucket = g_new0 (RdBucket, 1);
      bucket->tokens = self->burst;
      bucket->last = now;
      g_hash_table_insert (self->buckets, g_strdup (session->token_hash), bucket);
    }

  bucket->tokens = MIN (self->burst, bucket->tokens + (now - bucket->last) * self->rate / G_USEC_PER_SEC);
  bucket->last = now;

  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }

  *retry_after = (1.0 - bucket->tokens) / self->rate;
  return FALSE;
}

/* ---------------------------------------------------------------- */
/* Sign-in                                                           */
/* ---------------------------------------------------------------- */

static const char *
get_dummy_hash (void)
{
  static char *dummy = NULL;

  /* Verifying an unknown user against a real hash takes as long as a known one. */
  if (dummy == NULL)
    dummy = rd_server_password_hash ("raddesk-no-such-user", NULL);

  return dummy;
}

static void
rd_sign_in_free (RdSignIn *sign_in)
{
  g_object_unref (sign_in->server);
  g_object_unref (sign_in->msg);
  g_free (sign_in->username);
  if (sign_in->password != NULL)
    memset (sign_in->password, 0, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in->workstation);
  g_free (sign_in->failure_key);
  g_free (sign_in->hash);
  g_free (sign_in->role);
  g_free (sign_in);
}

static void
verify_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RdSignIn *sign_in = task_data;

  sign_in->verified = rd_server_password_verify (sign_in->password, sign_in->hash);
  g_task_return_boolean (task, TRUE);
}

static gboolean
failure_is_old (gpointer key,
                gpointer value,
                gpointer user_data)
{
  RdFailure *failure = value;

  return g_get_monotonic_time () - failure->last > (gint64) FORGET_FAILURES_S * G_USEC_PER_SEC;
}

static void
on_verify_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RdSignIn *sign_in = g_task_get_task_data (G_TASK (result));
  RdServer *self = sign_in->server;
  g_autoptr(GError) error = NULL;

  if (sign_in->known && sign_in->verified)
    {
      gint64 expires_at = 0;
      g_autofree char *token = rd_server_token_create (self->db, sign_in->username,
                                                       sign_in->workstation, &expires_at, &error);

      if (token == NULL)
        {
          g_warning ("A token could not be made: %s", error->message);
          rd_server_respond_error (sign_in->msg, 500, "internal", "the server could not sign you in");
        }
      else
        {
          g_autoptr(JsonObject) answer = json_object_new ();
          g_autofree char *expires = rd_time_to_iso (expires_at);

          json_object_set_string_member (answer, "token", token);
          json_object_set_string_member (answer, "username", sign_in->username);
          json_object_set_string_member (answer, "role", sign_in->role);
          json_object_set_string_member (answer, "expires_at", expires);
          rd_server_respond_object (sign_in->msg, 201, answer);
          memset (token, 0, strlen (token));
        }

      g_hash_table_remove (self->failures, sign_in->failure_key);
      rd_server_audit (self, sign_in->username, sign_in->workstation,
                              "sign_in", NULL, NULL, token != NULL ? "ok" : "error");
    }
  else
    {
      RdFailure *failure = g_hash_table_lookup (self->failures, sign_in->failure_key);

      if (failure == NULL)
        {
          /* Many made-up names must not grow the table without end. */
          if (g_hash_table_size (self->failures) >= MAX_FAILURE_KEYS)
            g_hash_table_foreach_remove (self->failures, failure_is_old, NULL);
          failure = g_new0 (RdFailure, 1);
          g_hash_table_insert (self->failures, g_strdup (sign_in->failure_key), failure);
        }
      failure->count++;
      failure->last = g_get_monotonic_time ();

      rd_server_audit (self, sign_in->username, sign_in->workstation,
                              "sign_in", NULL, NULL, "failed");
      soup_message_headers_replace (soup_server_message_get_response_headers (sign_in->msg),
                                    "WWW-Authenticate", "Bearer");
      rd_server_respond_error (sign_in->msg, 401, "unauthorized", "wrong username or password");
    }

  soup_server_message_unpause (sign_in->msg);
}

static gboolean
start_verify (gpointer user_data)
{
  RdSignIn *sign_in = user_data;
  sqlite3_stmt *stmt;
  g_autoptr(GTask) task = NULL;

  stmt = rd_server_prepare (sign_in->server,
                            "SELECT password_hash, role, disabled FROM server_user WHERE name = ?");
  sqlite3_bind_text (stmt, 1, sign_in->username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 2) == 0)
    {
      sign_in->known = TRUE;
      sign_in->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sign_in->role = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (sign_in->hash == NULL)
    sign_in->hash = g_strdup (get_dummy_hash ());

  task = g_task_new (NULL, NULL, on_verify_done, NULL);
  g_task_set_task_data (task, sign_in, (GDestroyNotify) rd_sign_in_free);
  g_task_run_in_thread (task, verify_in_thread);

  return G_SOURCE_REMOVE;
}

static guint
sign_in_delay_ms (RdServer   *self,
                  const char *failure_key)
{
  RdFailure *failure = g_hash_table_lookup (self->failures, failure_key);
  guint shift;

  if (failure == NULL)
    return 0;

  if (g_get_monotonic_time () - failure->last > (gint64) FORGET_FAILURES_S * G_USEC_PER_SEC)
    {
      g_hash_table_remove (self->failures, failure_key);
      return 0;
    }

  if (failure->count < FREE_FAILURES)
    return 0;

  shift = MIN (failure->count - FREE_FAILURES, 10);
  return MIN ((guint) FIRST_DELAY_MS << shift, (guint) MAX_DELAY_MS);
}

static void
handle_sign_in (RdServer          *self,
                SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *username, *password, *workstation;
  const char *peer = soup_server_message_get_remote_host (msg);
  RdSignIn *sign_in;
  guint delay;

  root = rd_server_parse_json (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (root == NULL)
    {
      rd_server_respond_error (msg, 400, "bad_request", error->message);
      return;
    }

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  username = object != NULL ? json_object_get_member (object, "username") : NULL;
  password = object != NULL ? json_object_get_member (object, "password") : NULL;
  workstation = object != NULL ? json_object_get_member (object, "workstation") : NULL;

  if (username == NULL || JSON_NODE_TYPE (username) != JSON_NODE_VALUE
      || json_node_get_value_type (username) != G_TYPE_STRING
      || password == NULL || JSON_NODE_TYPE (password) != JSON_NODE_VALUE
      || json_node_get_value_type (password) != G_TYPE_STRING
      || (workstation != NULL && !JSON_NODE_HOLDS_NULL (workstation)
          && (JSON_NODE_TYPE (workstation) != JSON_NODE_VALUE
              || json_node_get_value_type (workstation) != G_TYPE_STRING)))
    {
      rd_server_respond_error (msg, 400, "bad_request",
                               "a sign-in needs the strings username and password (and workstation)");
      return;
    }

  sign_in = g_new0 (RdSignIn, 1);
  sign_in->server = g_object_ref (self);
  sign_in->msg = g_object_ref (msg);
  sign_in->username = g_strdup (json_node_get_string (username));
  sign_in->password = g_strdup (json_node_get_string (password));
  if (workstation != NULL && !JSON_NODE_HOLDS_NULL (workstation))
    sign_in->workstation = g_strdup (json_node_get_string (workstation));
  sign_in->failure_key = g_strdup_printf ("%s\n%s", sign_in->username, peer != NULL ? peer : "");

  /* The answer waits without holding up anyone else's requests. */
  soup_server_message_pause (msg);

  delay = sign_in_delay_ms (self, sign_in->failure_key);
  if (delay > 0)
    g_timeout_add (delay, start_verify, sign_in);
  else
    start_verify (sign_in);
}

void
rd_server_handle_session (RdServer          *self,
                          SoupServerMessage *msg,
                          RdSession         *session)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (method, "POST"))
    {
      handle_sign_in (self, msg);
      return;
    }

  /* DELETE: the caller has checked the token already. */
  {
    sqlite3_stmt *stmt = rd_server_prepare (self, "DELETE FROM server_token WHERE hash = ?");

    sqlite3_bind_text (stmt, 1, session->token_hash, -1, SQLITE_TRANSIENT);
    sqlite3_step (stmt);
    sqlite3_reset (stmt);
    g_hash_table_remove (self->buckets, session->token_hash);
    rd_server_audit (self, session->username, session->workstation,
                            "sign_out", NULL, NULL, "ok");
    soup_server_message_set_status (msg, 204, NULL);
  }
}
