/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-store-outbox.c: a workstation's outbox — the local edits waiting to be pushed, one unsent entry a record. */

#include "rd-store.h"
#include "rd-codec.h"
#include "rd-store-private.h"

/* Every statement finds a record's entries through record_key (see rd_store_record_key), a small
 * integer index that is much cheaper to keep up on each edit than an index of the text ids; the
 * id and table then pick the record's own rows among the few that share its key. */
#define RECORD_MATCH "record_key = ?3 AND tbl = ?1 AND id = ?2"

static sqlite3_stmt *
prepare_for_record (RdStore     *self,
                    const char  *sql,
                    const char  *table,
                    const char  *id,
                    GError     **error)
{
  sqlite3_stmt *stmt = rd_store_prepare_static (self, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, rd_store_record_key (id));
  return stmt;
}

static gboolean
step_done (RdStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rd_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

static RdOutboxEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  RdOutboxEntry *entry = g_new0 (RdOutboxEntry, 1);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->mutation_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->op = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  entry->base_version = sqlite3_column_int64 (stmt, 5);
  entry->body = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  return entry;
}

/* The row as the server last gave it, kept with the first pending edit so that a conflict can be
 * merged field by field: what each side changed is what differs from this base. */
static char *
pending_base (RdStore  *self,
              RdRecord *record)
{
  g_autoptr (RdRecord) stored = NULL;
  const char *table = rd_record_get_table_name (record);
  const char *id = rd_record_get_id (record);
  sqlite3_stmt *stmt;
  char *base = NULL;
  gboolean found = FALSE;

  stmt = prepare_for_record (self, "SELECT base FROM outbox WHERE " RECORD_MATCH " AND body IS NULL", table, id, NULL);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          found = TRUE;
          base = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
      sqlite3_reset (stmt);
    }

  if (found || rd_record_get_version (record) == 0)
    return base;

  stored = rd_store_get (self, table, id, NULL);
  if (stored == NULL || rd_store_has_pending (self, table, id))
    return NULL;

  return rd_codec_row_to_string (stored);
}

/**
 * rd_store_outbox_write:
 * @self: a workstation store, inside a transaction
 * @record: the record being saved, before its row is written
 * @op: "upsert" or "delete"
 * @error: why the entry was not written
 *
 * A record keeps at most one outbox entry that has not been sent: a later edit updates it in
 * place, so that it keeps its place in the queue and a record still goes out before the records
 * that were made to refer to it. An entry already sent is frozen and stays, so that its resend is
 * identical; the edit then gets an entry of its own. The mutation id is given when the entry is
 * first sent (rd_store_outbox_freeze), not here.
 *
 * Returns: whether the entry was written
 */
gboolean
rd_store_outbox_write (RdStore     *self,
                       RdRecord    *record,
                       const char  *op,
                       GError     **error)
{
  const char *table = rd_record_get_table_name (record);
  const char *id = rd_record_get_id (record);
  g_autofree char *base = NULL;
  sqlite3_stmt *stmt;

  /* A record made here and never saved has no entry to bring up to date, and no base. */
  if (!rd_record_is_fresh (record))
    {
      base = pending_base (self, record);

      stmt = prepare_for_record (self, "UPDATE outbox SET op = ?4 WHERE " RECORD_MATCH " AND body IS NULL",
                                 table, id, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (rd_store_get_db (self)) > 0)
        return TRUE;
    }

  stmt = prepare_for_record (self,
                             "INSERT INTO outbox (tbl, id, record_key, op, base_version, base) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                             table, id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, rd_record_get_version (record));
  if (base != NULL)
    sqlite3_bind_text (stmt, 6, base, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 6);
  return step_done (self, stmt, error);
}

/**
 * rd_store_outbox_list:
 * @self: a workstation store
 * @limit: how many entries at most
 *
 * Returns: (transfer full) (element-type RdOutboxEntry): the oldest pending mutations, in order
 */
GPtrArray *
rd_store_outbox_list (RdStore *self,
                      guint    limit)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_outbox_entry_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), entries);

  stmt = rd_store_prepare_static (self,
                                  "SELECT seq, mutation_id, tbl, id, op, base_version, body FROM outbox "
                                  "ORDER BY seq LIMIT ?1",
                                  NULL);
  if (stmt == NULL)
    return entries;

  sqlite3_bind_int64 (stmt, 1, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_reset (stmt);

  return entries;
}

/**
 * rd_store_outbox_first_for:
 * @self: a workstation store
 * @table: a table
 * @id: a record
 *
 * Returns: (transfer full) (nullable): the record's oldest outbox entry, if it has one
 */
RdOutboxEntry *
rd_store_outbox_first_for (RdStore    *self,
                           const char *table,
                           const char *id)
{
  sqlite3_stmt *stmt;
  RdOutboxEntry *entry = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = prepare_for_record (self,
                             "SELECT seq, mutation_id, tbl, id, op, base_version, body FROM outbox "
                             "WHERE " RECORD_MATCH " ORDER BY seq LIMIT 1",
                             table, id, NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entry = entry_from_row (stmt);
  sqlite3_reset (stmt);

  return entry;
}

gint64
rd_store_outbox_count (RdStore *self)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (RD_IS_STORE (self), 0);

  if ((stmt = rd_store_prepare_static (self, "SELECT count(*) FROM outbox", NULL)) == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/**
 * rd_store_outbox_freeze:
 * @self: a workstation store
 * @seq: an outbox entry
 * @mutation_id: the id the mutation is sent with, from now on and in every resend
 * @body: the mutation's JSON as it is about to be sent
 * @error: why it was not stored
 *
 * Stores what is about to be sent, before it is sent, so that a resend after a timeout sends the
 * same mutation with the same id even when the record was edited again meanwhile.
 *
 * Returns: whether it was stored
 */
gboolean
rd_store_outbox_freeze (RdStore     *self,
                        gint64       seq,
                        const char  *mutation_id,
                        const char  *body,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutation_id != NULL && body != NULL, FALSE);

  stmt = rd_store_prepare_static (self, "UPDATE outbox SET mutation_id = ?2, body = ?3 WHERE seq = ?1 AND body IS NULL",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, mutation_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/**
 * rd_store_outbox_remove:
 * @self: a workstation store
 * @entry: an entry that was sent (so it has its mutation id)
 * @error: why it was not removed
 *
 * Removes the entry once the server has answered it. The entry is found by its number and its
 * mutation id together: a number can come back for a newer entry once the last one is removed,
 * and that entry is never removed in its place.
 *
 * Returns: whether the store could be written (an entry already gone is no error)
 */
gboolean
rd_store_outbox_remove (RdStore              *self,
                        const RdOutboxEntry  *entry,
                        GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->mutation_id != NULL, FALSE);

  if ((stmt = rd_store_prepare_static (self, "DELETE FROM outbox WHERE seq = ?1 AND mutation_id = ?2", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->seq);
  sqlite3_bind_text (stmt, 2, entry->mutation_id, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/**
 * rd_store_outbox_get_base:
 * @self: a workstation store
 * @entry: an entry that was sent
 *
 * Returns: (transfer full) (nullable): the record as the server last gave it before the entry's
 *   edits, kept for merging a conflict field by field
 */
char *
rd_store_outbox_get_base (RdStore             *self,
                          const RdOutboxEntry *entry)
{
  sqlite3_stmt *stmt;
  char *base = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = rd_store_prepare_static (self, "SELECT base FROM outbox WHERE seq = ?1 AND mutation_id = ?2", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entry->seq);
  sqlite3_bind_text (stmt, 2, entry->mutation_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    base = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return base;
}

/**
 * rd_store_outbox_remove_record:
 * @self: a workstation store
 * @table: a table
 * @id: a record
 * @error: why they were not removed
 *
 * Removes every outbox entry of the record, sent or not.
 *
 * Returns: whether they were removed
 */
gboolean
rd_store_outbox_remove_record (RdStore     *self,
                               const char  *table,
                               const char  *id,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  if ((stmt = prepare_for_record (self, "DELETE FROM outbox WHERE " RECORD_MATCH, table, id, error)) == NULL)
    return FALSE;
  return step_done (self, stmt, error);
}

/**
 * rd_store_outbox_rebase:
 * @self: a workstation store
 * @table: a table
 * @id: a record
 * @version: the version the server just gave the record
 * @error: why it was not stored
 *
 * Makes the record's unsent entry build on @version, so that a later edit of a record whose
 * earlier edit was just applied is not taken for a stale one.
 *
 * Returns: whether it was stored
 */
gboolean
rd_store_outbox_rebase (RdStore     *self,
                        const char  *table,
                        const char  *id,
                        gint64       version,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  stmt = prepare_for_record (self, "UPDATE outbox SET base_version = ?4 WHERE " RECORD_MATCH " AND body IS NULL",
                             table, id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 4, version);
  return step_done (self, stmt, error);
}

gboolean
rd_store_has_pending (RdStore    *self,
                      const char *table,
                      const char *id)
{
  sqlite3_stmt *stmt;
  gboolean pending;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  stmt = prepare_for_record (self, "SELECT 1 FROM outbox WHERE " RECORD_MATCH " LIMIT 1", table, id, NULL);
  if (stmt == NULL)
    return FALSE;
  pending = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return pending;
}
