/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-db.c: the server's own tables (users, tokens, idempotency, audit, epoch) and small helpers. */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "rd-server.h"

/* Kept at least the 90 days SYNC.md promises; older answers are pruned at start-up. */
#define IDEMPOTENCY_KEEP_DAYS 120

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

G_DEFINE_QUARK (rd-server-error-quark, rd_server_error)

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("The server database could not be prepared: %s"),
                   message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static void
answer_key_sql (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *client_id = (const char *) sqlite3_value_text (argv[0]);
  const char *mutation_id = (const char *) sqlite3_value_text (argv[1]);

  sqlite3_result_int64 (context, rd_server_answer_key (client_id != NULL ? client_id : "",
                                                       mutation_id != NULL ? mutation_id : ""));
}

static gboolean
has_row (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

/* Databases made before the integer key kept a unique index of (client_id, mutation_id): their
 * answers get their key, in one transaction, and the old index goes. */
static gboolean
migrate_answer_keys (sqlite3  *db,
                     GError  **error)
{
  if (!has_row (db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'server_idempotency_key'"))
    return TRUE;

  if (sqlite3_create_function (db, "rd_answer_key", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                               answer_key_sql, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("The server database could not be prepared: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  if (!exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((!has_row (db, "SELECT 1 FROM pragma_table_info('server_idempotency') WHERE name = 'key'")
       && !exec_sql (db, "ALTER TABLE server_idempotency ADD COLUMN key INTEGER", error))
      || !exec_sql (db,
                    "UPDATE server_idempotency SET key = rd_answer_key (client_id, mutation_id);"
                    "DROP INDEX server_idempotency_key;"
                    "COMMIT",
                    error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_server_answer_key:
 * @client_id: the client of a push
 * @mutation_id: one of its mutations
 *
 * The key of a stored answer in raddesk-server's map of answers: the first 64 bits of a SHA-256
 * of both ids, so that no client can make many answers share a key. Two answers of one key are
 * told apart by their ids.
 *
 * Returns: the key
 */
gint64
rd_server_answer_key (const char *client_id,
                      const char *mutation_id)
{
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint64 key = 0;

  g_return_val_if_fail (client_id != NULL && mutation_id != NULL, 0);

  /* The NUL between them keeps ("ab", "c") and ("a", "bc") apart. */
  g_checksum_update (checksum, (const guchar *) client_id, (gssize) strlen (client_id) + 1);
  g_checksum_update (checksum, (const guchar *) mutation_id, -1);
  g_checksum_get_digest (checksum, digest, &len);
  g_checksum_free (checksum);

  for (guint i = 0; i < 8; i++)
    key = (key << 8) | digest[i];

  return (gint64) key;
}

/**
 * rd_server_db_init:
 * @db: the server's database
 * @error: a location for an error
 *
 * Creates the server's own tables when they are missing. The audit log refuses
 * UPDATE and DELETE by trigger, so it can only grow.
 *
 * Returns: whether the tables are ready
 */
gboolean
rd_server_db_init (sqlite3  *db,
                   GError  **error)
{
  static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "CREATE TABLE IF NOT EXISTS server_meta ("
    "  key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS server_user ("
    "  name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,"
    "  disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS server_token ("
    "  hash TEXT PRIMARY KEY, username TEXT NOT NULL, workstation TEXT,"
    "  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS server_token_username ON server_token (username);"
    /* Answers are appended in time order and found through raddesk-server's map in memory of
     * key (rd_server_answer_key) → rowid, so that no index takes random inserts: those dirtied
     * most of an index's pages on every push. Key collisions are told apart by the ids. */
    "CREATE TABLE IF NOT EXISTS server_idempotency ("
    "  client_id TEXT NOT NULL, mutation_id TEXT NOT NULL, body_hash TEXT NOT NULL,"
    "  answer TEXT NOT NULL, at INTEGER NOT NULL, key INTEGER);"
    "CREATE INDEX IF NOT EXISTS server_idempotency_at ON server_idempotency (at);"
    "CREATE TABLE IF NOT EXISTS server_audit ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, username TEXT,"
    "  workstation TEXT, action TEXT NOT NULL, tbl TEXT, id TEXT, result TEXT NOT NULL,"
    "  reason TEXT);"
    "CREATE INDEX IF NOT EXISTS server_audit_at ON server_audit (at);"
    "CREATE TRIGGER IF NOT EXISTS server_audit_no_update BEFORE UPDATE ON server_audit"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS server_audit_no_delete BEFORE DELETE ON server_audit"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;";
  g_autofree char *prune = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  sqlite3_busy_timeout (db, 5000);

  /* The index of keys goes; an older raddesk-server makes it again when it starts. */
  if (!exec_sql (db, schema, error) || !migrate_answer_keys (db, error)
      || !exec_sql (db, "DROP INDEX IF EXISTS server_idempotency_by_key;", error))
    return FALSE;

  prune = g_strdup_printf ("DELETE FROM server_idempotency WHERE at < %" G_GINT64_FORMAT ";",
                           rd_server_db_answer_cutoff ());
  return exec_sql (db, prune, error) && rd_server_db_prune_tokens (db, error);
}

/**
 * rd_server_db_answer_cutoff:
 *
 * Returns: the time (Unix seconds) before which stored answers are no longer kept
 */
gint64
rd_server_db_answer_cutoff (void)
{
  return g_get_real_time () / G_USEC_PER_SEC - IDEMPOTENCY_KEEP_DAYS * 86400;
}

/**
 * rd_server_db_prune_tokens:
 * @db: the server's database
 * @error: a location for an error
 *
 * Removes the tokens that have expired.
 *
 * Returns: whether the table could be pruned
 */
gboolean
rd_server_db_prune_tokens (sqlite3  *db,
                           GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM server_token WHERE expires_at < %" G_GINT64_FORMAT ";",
                                          g_get_real_time () / G_USEC_PER_SEC);

  return exec_sql (db, sql, error);
}

/**
 * rd_server_db_ensure_epoch:
 * @db: the server's database
 * @error: a location for an error
 *
 * The epoch names this database's change feed. A database without one (new, or a
 * copy made by `backup`, which empties it) gets a new random epoch, so that cursors
 * of the feed it replaced are answered with 410 Gone.
 *
 * Returns: (transfer full): the epoch, or %NULL on error
 */
char *
rd_server_db_ensure_epoch (sqlite3  *db,
                           GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *epoch = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if (sqlite3_prepare_v2 (db, "SELECT value FROM server_meta WHERE key = 'epoch'", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("The server database could not be read: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    epoch = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (epoch != NULL && epoch[0] != '\0')
    return g_steal_pointer (&epoch);

  g_clear_pointer (&epoch, g_free);
  epoch = rd_server_random_hex (12);

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO server_meta (key, value) VALUES ('epoch', ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("The server database could not be written: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, epoch, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED,
                   _("The server database could not be written: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  return g_steal_pointer (&epoch);
}

/**
 * rd_server_db_clear_epoch:
 * @db: a copy of the server's database
 * @error: a location for an error
 *
 * Empties the epoch of a backup copy, so that a server started on it later makes a new one.
 *
 * Returns: whether it was cleared
 */
gboolean
rd_server_db_clear_epoch (sqlite3  *db,
                          GError  **error)
{
  return exec_sql (db, "INSERT OR REPLACE INTO server_meta (key, value) VALUES ('epoch', '')", error);
}

/**
 * rd_server_random_hex:
 * @n_bytes: how many random bytes
 *
 * Returns: (transfer full): @n_bytes from the kernel's random source, hex-encoded
 */
char *
rd_server_random_hex (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  GString *hex = g_string_sized_new (n_bytes * 2 + 1);
  gsize done = 0;

  while (done < n_bytes)
    {
      ssize_t n = getrandom (bytes + done, n_bytes - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom failed: %s", g_strerror (errno));
        }
      done += (gsize) n;
    }

  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);

  return g_string_free (hex, FALSE);
}

/**
 * rd_server_sha256_hex:
 * @text: a string
 *
 * Returns: (transfer full): the SHA-256 of @text, hex-encoded
 */
char *
rd_server_sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/**
 * rd_server_equal_constant_time:
 * @a: a string
 * @b: another string of the same length
 *
 * Compares two hashes in a time that does not depend on where they differ.
 *
 * Returns: whether they are equal
 */
gboolean
rd_server_equal_constant_time (const char *a,
                               const char *b)
{
  gsize la, lb;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;

  la = strlen (a);
  lb = strlen (b);
  if (la != lb)
    return FALSE;

  for (gsize i = 0; i < la; i++)
    diff |= (guint8) a[i] ^ (guint8) b[i];

  return diff == 0;
}
