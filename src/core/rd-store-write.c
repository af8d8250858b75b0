/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-store-write.c: RdStore's writes — local edits with their outbox entry, the server's feed, meta, backup. */

#include "rd-store.h"
#include "rd-codec.h"
#include "rd-error.h"
#include "rd-store-private.h"

#include <string.h>

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
column_is_text (RdColumnType type)
{
  return type == RD_COLUMN_TEXT || type == RD_COLUMN_ENUM || type == RD_COLUMN_REF
         || type == RD_COLUMN_DATE;
}

/* The upsert of a record's row; the server's also sets the row's place in the change feed. */
static char *
build_upsert (const RdTable *table,
              gboolean       with_feed_seq)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO \"%s\" (id, version, deleted, updated_at, updated_by", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", \"%s\"", table->columns[i].name);
  if (with_feed_seq)
    g_string_append (sql, ", feed_seq");
  g_string_append (sql, ") VALUES (?, ?, ?, ?, ?");
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append (sql, ", ?");
  if (with_feed_seq)
    g_string_append (sql, ", ?");
  g_string_append (sql, ") ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
                        "deleted = excluded.deleted, updated_at = excluded.updated_at, "
                        "updated_by = excluded.updated_by");
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", \"%s\" = excluded.\"%s\"", table->columns[i].name,
                            table->columns[i].name);
  if (with_feed_seq)
    g_string_append (sql, ", feed_seq = excluded.feed_seq");

  return g_string_free (sql, FALSE);
}

static char *
build_upsert_sql (const RdTable *table)
{
  return build_upsert (table, FALSE);
}

static char *
build_server_upsert_sql (const RdTable *table)
{
  return build_upsert (table, TRUE);
}

static char *
build_place_sql (const RdTable *table)
{
  return g_strdup_printf ("SELECT version, feed_seq FROM \"%s\" WHERE id = ?1", table->name);
}

/* Writes the record's row exactly as it is in memory; on the server, with its place in the feed
 * (@feed_seq). The statement texts are made once per table: the bulk paths (pull, import) write
 * hundreds of thousands of rows. */
static gboolean
write_row (RdStore   *self,
           RdRecord  *record,
           gint64     feed_seq,
           GError   **error)
{
  const RdTable *table = rd_record_get_table (record);
  const char *sql = rd_store_table_sql (table, feed_seq > 0 ? build_server_upsert_sql : build_upsert_sql);
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = rd_store_prepare_static (self, sql, error)) == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, rd_record_get_id (record), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rd_record_get_version (record));
  sqlite3_bind_int (stmt, 3, rd_record_get_deleted (record) ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, rd_record_get_updated_at (record));
  sqlite3_bind_text (stmt, 5, rd_record_get_updated_by (record), -1, SQLITE_STATIC);

  for (guint i = 0; i < table->n_columns; i++)
    {
      int index = 6 + (int) i;

      if (rd_record_is_null_at (record, i))
        sqlite3_bind_null (stmt, index);
      else if (column_is_text (table->columns[i].type))
        sqlite3_bind_text (stmt, index, rd_record_get_text_at (record, i), -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, index, rd_record_get_int_at (record, i));
    }
  if (feed_seq > 0)
    sqlite3_bind_int64 (stmt, 6 + (int) table->n_columns, feed_seq);

  /* Every parameter is bound above, so no binding is left over from the previous row. */
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return rd_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

/* What the server has of a record: its version (0 when it has none) and its place in the feed. */
static gboolean
stored_place (RdStore        *self,
              const RdTable  *table,
              const char     *id,
              gint64         *version,
              gint64         *feed_seq,
              GError        **error)
{
  const char *sql = rd_store_table_sql (table, build_place_sql);
  sqlite3_stmt *stmt = rd_store_prepare_static (self, sql, error);
  int rc;

  *version = *feed_seq = 0;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *version = sqlite3_column_int64 (stmt, 0);
      *feed_seq = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rd_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* The server's change feed holds every record once, at the sequence number of its latest change:
 * the record leaves its old place (@old_seq, 0 if it had none) and takes the next number, which
 * its row keeps (feed_seq) so that the next change finds the old place without an index.
 * Returns the new number, 0 on failure. */
static gint64
move_to_feed_end (RdStore     *self,
                  const char  *table,
                  const char  *id,
                  gint64       old_seq,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (old_seq > 0)
    {
      if ((stmt = rd_store_prepare_static (self, "DELETE FROM feed WHERE seq = ?1", error)) == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, old_seq);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return rd_store_set_sqlite_error (self, rc, error);
    }

  if ((stmt = rd_store_prepare_static (self, "INSERT INTO feed (tbl, id) VALUES (?1, ?2)", error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rd_store_set_sqlite_error (self, rc, error);

  return sqlite3_last_insert_rowid (rd_store_get_db (self));
}

/* The server writes a record (a local change one version above the stored one, or as given) and
 * moves it to the end of the feed. */
static gboolean
write_on_server (RdStore   *self,
                 RdRecord  *record,
                 gboolean   bump_version,
                 GError   **error)
{
  const char *table = rd_record_get_table_name (record);
  const char *id = rd_record_get_id (record);
  gint64 version, old_seq, seq;

  if (!stored_place (self, rd_record_get_table (record), id, &version, &old_seq, error))
    return FALSE;
  if (bump_version)
    rd_record_set_version (record, version + 1);

  return (seq = move_to_feed_end (self, table, id, old_seq, error)) > 0 && write_row (self, record, seq, error);
}

static gboolean
write_change (RdStore     *self,
              RdRecord    *record,
              const char  *op,
              const char  *user,
              GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean own_transaction = rd_store_get_depth (self) == 0;

  rd_record_set_updated_at (record, g_get_real_time () / G_USEC_PER_SEC);
  rd_record_set_updated_by (record, user);

  if (own_transaction && !rd_store_begin (self, error))
    return FALSE;

  if (rd_store_get_role (self) == RD_STORE_SERVER)
    {
      if (!write_on_server (self, record, TRUE, &local_error))
        goto failed;
    }
  else
    {
      /* The workstation keeps the version it last saw from the server: it is the push's base.
       * The outbox entry goes first, while the stored row is still the one it may keep as base. */
      if (!rd_store_outbox_write (self, record, op, &local_error) || !write_row (self, record, 0, &local_error))
        goto failed;
    }

  rd_store_queue_change (self, rd_record_get_table_name (record), rd_record_get_id (record));
  if (own_transaction && !rd_store_commit (self, error))
    return FALSE;
  rd_record_set_saved (record);
  return TRUE;

failed:
  if (own_transaction)
    rd_store_rollback (self);
  else
    rd_store_poison (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_store_save:
 * @self: a store
 * @record: the record as edited; its version, updated_at and updated_by are set here
 * @user: who made the change
 * @error: why it was not saved (nothing is then changed)
 *
 * On a workstation, writes the record and its outbox entry in one transaction, keeping the
 * version last seen from the server. On the server, bumps the version and moves the record to
 * the end of the change feed in one transaction.
 *
 * Returns: whether the change was saved
 */
gboolean
rd_store_save (RdStore     *self,
               RdRecord    *record,
               const char  *user,
               GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (record), FALSE);

  return write_change (self, record, rd_record_get_deleted (record) ? "delete" : "upsert", user, error);
}

/**
 * rd_store_delete:
 * @self: a store
 * @table: a table
 * @id: the record to delete
 * @user: who deleted it
 * @error: why it was not deleted
 *
 * Turns the record into a tombstone (its values are kept, so an undo can bring it back). A record
 * that does not exist becomes a tombstone too, so that deletes replay safely.
 *
 * Returns: whether the tombstone was written
 */
gboolean
rd_store_delete (RdStore     *self,
                 const char  *table,
                 const char  *id,
                 const char  *user,
                 GError     **error)
{
  g_autoptr (RdRecord) record = NULL;
  const RdTable *desc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  desc = rd_table_lookup (table);
  if (desc == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_UNKNOWN_TABLE, "%s is not a table", table);
      return FALSE;
    }

  record = rd_store_get (self, table, id, NULL);
  if (record == NULL)
    record = rd_record_new (desc, id);

  rd_record_set_deleted (record, TRUE);
  return write_change (self, record, "delete", user, error);
}

/**
 * rd_store_put:
 * @self: a store
 * @record: a record as it stands elsewhere (the server's copy, the demo department)
 * @error: why it was not written
 *
 * Writes the record as it is, version and all, without an outbox entry. On the server the
 * record moves to the end of the change feed, so that imported records are pulled too.
 *
 * Returns: whether it was written
 */
gboolean
rd_store_put (RdStore   *self,
              RdRecord  *record,
              GError   **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (record), FALSE);

  if (rd_store_get_depth (self) == 0)
    {
      if (!rd_store_begin (self, error))
        return FALSE;
      if (!rd_store_put (self, record, error))
        {
          rd_store_rollback (self);
          return FALSE;
        }
      return rd_store_commit (self, error);
    }

  if (rd_store_get_role (self) == RD_STORE_SERVER ? !write_on_server (self, record, FALSE, error)
                                                   : !write_row (self, record, 0, error))
    return FALSE;

  rd_store_queue_change (self, rd_record_get_table_name (record), rd_record_get_id (record));
  return TRUE;
}

/**
 * rd_store_get_seq:
 * @self: a server store
 * @table: a table
 * @id: a record
 *
 * Returns: the record's place in the change feed, 0 when it has none
 */
gint64
rd_store_get_seq (RdStore    *self,
                  const char *table,
                  const char *id)
{
  const RdTable *desc;
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  g_return_val_if_fail (RD_IS_STORE (self), 0);

  if ((desc = rd_table_lookup (table)) == NULL
      || (stmt = rd_store_prepare_static (self, rd_store_table_sql (desc, build_place_sql), NULL)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  return seq;
}

/**
 * rd_store_get_meta:
 * @self: a store
 * @key: a key
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
rd_store_get_meta (RdStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  if ((stmt = rd_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

/**
 * rd_store_set_meta:
 * @self: a store
 * @key: a key
 * @value: (nullable): the value, %NULL to remove it
 * @error: why it was not stored
 *
 * Returns: whether it was stored
 */
gboolean
rd_store_set_meta (RdStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  stmt = rd_store_prepare (self,
                           value != NULL ? "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)"
                                         : "DELETE FROM meta WHERE key = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return rd_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

/**
 * rd_store_backup:
 * @self: a store
 * @dest_path: the copy to write (replaced if it exists)
 * @error: why the copy failed
 *
 * Makes a consistent copy with SQLite's backup API while the store stays in use.
 *
 * Returns: whether the copy was made
 */
gboolean
rd_store_backup (RdStore     *self,
                 const char  *dest_path,
                 GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE, "Could not write the backup %s: %s", dest_path,
                   sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", rd_store_get_db (self), "main");
  if (backup == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE, "Could not back up to %s: %s", dest_path,
                   sqlite3_errmsg (dest));
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE, "Could not back up to %s: %s", dest_path,
                   sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  sqlite3_close_v2 (dest);
  return TRUE;
}
