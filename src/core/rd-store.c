/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-store.c: the SQLite store of a department — records, migrations, the outbox and the change feed. */

#include "rd-store.h"
#include "rd-codec.h"
#include "rd-error.h"
#include "rd-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* A booking longer than a day is refused by the rules, which bounds range queries on the start index. */
#define RD_BOOKING_MAX_SECONDS (24 * 60 * 60)

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */


G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

void
rd_outbox_entry_free (RdOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->mutation_id);
  g_free (entry->table);
  g_free (entry->id);
  g_free (entry->op);
  g_free (entry->body);
  g_free (entry);
}

gboolean
rd_store_set_sqlite_error (RdStore  *self,
                           int       rc,
                           GError  **error)
{
  switch (rc)
    {
    case SQLITE_FULL:
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE,
                   "The disk is full, so nothing was saved. Free some space and try again.");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE,
                   "The department file %s cannot be written, so nothing was saved.", self->path);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_A_DATABASE,
                   "The department file %s is damaged; restore it from a backup.", self->path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE,
                   "The department file %s is in use by another program; try again in a moment.",
                   self->path);
      break;
    default:
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE, "The department file could not be written (%s).",
                   sqlite3_errstr (rc));
      break;
    }

  return FALSE;
}

sqlite3_stmt *
rd_store_prepare (RdStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE, "Could not prepare a query: %s",
                   sqlite3_errmsg (self->db));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* For SQL texts that live as long as the program (literals, per-table caches): looked up by address,
 * which spares hashing a long string on every row of a bulk write. */
sqlite3_stmt *
rd_store_prepare_static (RdStore     *self,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->static_statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = rd_store_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->static_statements, (gpointer) sql, stmt);

  return stmt;
}

gboolean
rd_store_exec (RdStore     *self,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      g_debug ("SQL failed: %s: %s", sql, message);
      sqlite3_free (message);
      return rd_store_set_sqlite_error (self, rc, error);
    }

  return TRUE;
}

/* Transaction statements run thousands of times in a bulk write: prepared once, not parsed each time. */
static gboolean
run_cached (RdStore     *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = rd_store_prepare_static (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rd_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

static gboolean
column_is_text (RdColumnType type)
{
  return type == RD_COLUMN_TEXT || type == RD_COLUMN_ENUM || type == RD_COLUMN_REF
         || type == RD_COLUMN_DATE;
}

/* The select list every record query shares, so that record_from_row reads it by position. */
static char *
build_select_list (const RdTable *table)
{
  GString *sql = g_string_new ("SELECT id, version, deleted, updated_at, updated_by");

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", \"%s\"", table->columns[i].name);
  g_string_append_printf (sql, " FROM \"%s\"", table->name);

  return g_string_free (sql, FALSE);
}

/**
 * rd_store_table_sql: (skip)
 * @table: a table
 * @build: what makes the statement's text for a table
 *
 * A statement's text is made once per table and kept for the program's life: the hot paths
 * (views, pulls, imports) then find their prepared statement by its address.
 *
 * Returns: (transfer none): the text @build made for @table
 */
const char *
rd_store_table_sql (const RdTable  *table,
                    RdTableSqlFunc  build)
{
  static GHashTable *caches; /* build → (table → text) */
  G_LOCK_DEFINE_STATIC (caches);
  GHashTable *cache;
  const char *sql;

  G_LOCK (caches);
  if (caches == NULL)
    caches = g_hash_table_new (g_direct_hash, g_direct_equal);
  cache = g_hash_table_lookup (caches, build);
  if (cache == NULL)
    {
      cache = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_hash_table_insert (caches, build, cache);
    }
  sql = g_hash_table_lookup (cache, table);
  if (sql == NULL)
    {
      sql = build (table);
      g_hash_table_insert (cache, (gpointer) table, (gpointer) sql);
    }
  G_UNLOCK (caches);

  return sql;
}

static const char *
select_list_cached (const RdTable *table)
{
  return rd_store_table_sql (table, build_select_list);
}

static char *
build_get_sql (const RdTable *table)
{
  g_autofree char *select = build_select_list (table);

  return g_strconcat (select, " WHERE id = ?1", NULL);
}

/* rd_store_get runs for every record of a pull's page and of a push. */
static const char *
get_sql_cached (const RdTable *table)
{
  return rd_store_table_sql (table, build_get_sql);
}

static RdRecord *
record_from_row (const RdTable *table,
                 sqlite3_stmt  *stmt)
{
  const char *texts[RD_MAX_COLUMNS];
  gint64 ints[RD_MAX_COLUMNS];
  gboolean set[RD_MAX_COLUMNS];
  RdRecordHeader header;

  g_assert (table->n_columns <= RD_MAX_COLUMNS);

  for (guint i = 0; i < table->n_columns; i++)
    {
      int col = 5 + (int) i;

      /* A text column is null exactly when SQLite gives no text for it. */
      if (column_is_text (table->columns[i].type))
        {
          texts[i] = (const char *) sqlite3_column_text (stmt, col);
          set[i] = texts[i] != NULL;
        }
      else
        {
          texts[i] = NULL;
          set[i] = sqlite3_column_type (stmt, col) != SQLITE_NULL;
          ints[i] = set[i] ? sqlite3_column_int64 (stmt, col) : 0;
        }
    }

  header.id = (const char *) sqlite3_column_text (stmt, 0);
  header.version = sqlite3_column_int64 (stmt, 1);
  header.deleted = sqlite3_column_int (stmt, 2) != 0;
  header.updated_at = sqlite3_column_int64 (stmt, 3);
  header.updated_by = (const char *) sqlite3_column_text (stmt, 4);

  return rd_record_new_packed (table, &header, texts, ints, set);
}

static GPtrArray *
collect_records (const RdTable *table,
                 sqlite3_stmt  *stmt)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (table, stmt));
  sqlite3_reset (stmt);

  return records;
}

static const RdTable *
require_table (const char *name)
{
  const RdTable *table = rd_table_lookup (name);

  if (table == NULL)
    g_error ("RadDesk has no table %s", name);

  return table;
}

typedef struct
{
  GPtrArray *ids;
  gboolean   bulk;
} PendingChanges;

/* A bulk change (a pull, an import) is announced once per table rather than once per record. */
#define RD_STORE_BULK_CHANGES 20

static void
pending_changes_free (PendingChanges *changes)
{
  g_ptr_array_unref (changes->ids);
  g_free (changes);
}

void
rd_store_queue_change (RdStore    *self,
                       const char *table,
                       const char *id)
{
  PendingChanges *changes = g_hash_table_lookup (self->pending, table);

  if (changes == NULL)
    {
      changes = g_new0 (PendingChanges, 1);
      changes->ids = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->pending, g_strdup (table), changes);
    }

  if (changes->bulk)
    return;

  if (id == NULL || changes->ids->len >= RD_STORE_BULK_CHANGES)
    {
      changes->bulk = TRUE;
      g_ptr_array_set_size (changes->ids, 0);
      return;
    }

  g_ptr_array_add (changes->ids, g_strdup (id));
}

static void
flush_changes (RdStore *self)
{
  g_autoptr (GHashTable) pending = g_steal_pointer (&self->pending);
  GHashTableIter iter;
  const char *table;
  PendingChanges *changes;

  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) pending_changes_free);

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &table, (gpointer *) &changes))
    {
      if (changes->bulk)
        g_signal_emit (self, signals[CHANGED], 0, table, NULL);
      else
        for (guint i = 0; i < changes->ids->len; i++)
          g_signal_emit (self, signals[CHANGED], 0, table, g_ptr_array_index (changes->ids, i));
    }
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = RD_STORE (object);

  g_clear_pointer (&self->static_statements, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_free (self->path);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_store_finalize;

  /**
   * RdStore::changed:
   * @table: the table
   * @id: (nullable): the record, or %NULL when many records of @table changed
   *
   * Emitted after a change is committed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
rd_store_init (RdStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->static_statements = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) pending_changes_free);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_store_open:
 * @path: the database file (created when missing)
 * @role: whether this is a workstation's copy or the server's
 * @error: why it could not be opened
 *
 * Opens a department, applying pending migrations each in one transaction. A file written by a
 * newer RadDesk, another program's SQLite file, or a damaged one is refused and left untouched.
 *
 * Returns: (transfer full) (nullable): the store
 */
RdStore *
rd_store_open (const char   *path,
               RdStoreRole   role,
               GError      **error)
{
  g_autoptr (RdStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RD_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->role = role;

  if (!rd_store_open_file (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
rd_store_get_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->path;
}

RdStoreRole
rd_store_get_role (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), RD_STORE_WORKSTATION);
  return self->role;
}

/**
 * rd_store_get_db:
 * @self: a store
 *
 * For the server's own tables and for benchmarks; views never use it.
 *
 * Returns: (transfer none): the SQLite connection
 */
sqlite3 *
rd_store_get_db (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->db;
}

int
rd_store_get_schema_version (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), 0);
  return rd_store_pragma_int (self, "PRAGMA user_version", NULL);
}

gboolean
rd_store_begin (RdStore  *self,
                GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  if (!run_cached (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT rd", error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
rd_store_commit (RdStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  /* A save that failed inside this level left its writes half done: the level may not be kept. */
  if (self->poisoned == self->depth)
    {
      if (self->depth == 1)
        {
          rd_store_rollback (self);
          g_set_error (error, RD_ERROR, RD_ERROR_STORAGE,
                       "A change in this group could not be saved, so none of the group was saved.");
          return FALSE;
        }
      self->poisoned--;
    }

  if (!run_cached (self, self->depth == 1 ? "COMMIT" : "RELEASE rd", error))
    {
      rd_store_rollback (self);
      return FALSE;
    }

  self->depth--;
  if (self->depth == 0)
    flush_changes (self);

  return TRUE;
}

void
rd_store_rollback (RdStore *self)
{
  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->poisoned >= self->depth)
    self->poisoned = 0;

  self->depth--;
  if (self->depth == 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_hash_table_remove_all (self->pending);
      return;
    }

  run_cached (self, "ROLLBACK TO rd", NULL);
  run_cached (self, "RELEASE rd", NULL);
}

/**
 * rd_store_get:
 * @self: a store
 * @table: a table name
 * @id: a record id
 * @error: %RD_ERROR_NOT_FOUND when there is no such record
 *
 * Returns: (transfer full) (nullable): the record, tombstones included
 */
RdRecord *
rd_store_get (RdStore     *self,
              const char  *table,
              const char  *id,
              GError     **error)
{
  const RdTable *desc;
  sqlite3_stmt *stmt;
  RdRecord *record = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  desc = require_table (table);

  if ((stmt = rd_store_prepare_static (self, get_sql_cached (desc), error)) == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = record_from_row (desc, stmt);
  sqlite3_reset (stmt);

  if (record == NULL)
    g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, "There is no %s %s", table, id);

  return record;
}

static GPtrArray *
list_where (RdStore    *self,
            const char *table,
            const char *where,
            const char *order_by,
            const char *text_arg)
{
  const RdTable *desc = require_table (table);
  const char *select = select_list_cached (desc);
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt;

  if (order_by != NULL && rd_table_column_index (desc, order_by) < 0)
    g_error ("Table %s has no column %s to order by", table, order_by);

  sql = g_strdup_printf ("%s WHERE %s%s%s%s", select, where, order_by ? " ORDER BY \"" : "",
                         order_by ? order_by : "", order_by ? "\"" : "");

  if ((stmt = rd_store_prepare (self, sql, &error)) == NULL)
    {
      g_warning ("%s", error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  if (text_arg != NULL)
    sqlite3_bind_text (stmt, 1, text_arg, -1, SQLITE_TRANSIENT);

  return collect_records (desc, stmt);
}

/**
 * rd_store_list:
 * @self: a store
 * @table: a table name
 * @order_by: (nullable): a column to sort by
 *
 * Returns: (transfer full) (element-type RdRecord): the table's live records (no tombstones)
 */
GPtrArray *
rd_store_list (RdStore    *self,
               const char *table,
               const char *order_by)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return list_where (self, table, "deleted = 0", order_by, NULL);
}

/**
 * rd_store_list_by:
 * @self: a store
 * @table: a table name
 * @column: a column
 * @value: the value it must have
 * @order_by: (nullable): a column to sort by
 *
 * Returns: (transfer full) (element-type RdRecord): the live records whose @column is @value
 */
GPtrArray *
rd_store_list_by (RdStore    *self,
                  const char *table,
                  const char *column,
                  const char *value,
                  const char *order_by)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  if (rd_table_column_index (require_table (table), column) < 0)
    g_error ("Table %s has no column %s", table, column);

  where = g_strdup_printf ("deleted = 0 AND \"%s\" = ?1", column);
  return list_where (self, table, where, order_by, value);
}

/**
 * rd_store_list_range:
 * @self: a store
 * @table: a table with `start` and `end` times (booking, downtime)
 * @from: the range's start (Unix seconds)
 * @to: the range's end, excluded
 * @modality_id: (nullable): only this modality's records
 *
 * Returns: (transfer full) (element-type RdRecord): live records overlapping [@from, @to), by start
 */
GPtrArray *
rd_store_list_range (RdStore    *self,
                     const char *table,
                     gint64      from,
                     gint64      to,
                     const char *modality_id)
{
  const RdTable *desc;
  const char *select;
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  gboolean bounded;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  desc = require_table (table);
  select = select_list_cached (desc);
  bounded = g_str_equal (table, "booking");

  sql = g_strdup_printf ("%s WHERE deleted = 0 AND \"start\" < ?2 AND \"end\" > ?1%s%s ORDER BY \"start\"",
                         select, bounded ? " AND \"start\" >= ?3" : "",
                         modality_id != NULL ? " AND modality_id = ?4" : "");

  if ((stmt = rd_store_prepare (self, sql, &error)) == NULL)
    {
      g_warning ("%s", error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  if (bounded)
    sqlite3_bind_int64 (stmt, 3, from - RD_BOOKING_MAX_SECONDS);
  if (modality_id != NULL)
    sqlite3_bind_text (stmt, 4, modality_id, -1, SQLITE_TRANSIENT);

  return collect_records (desc, stmt);
}

gint64
rd_store_count (RdStore    *self,
                const char *table)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (RD_IS_STORE (self), 0);

  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE deleted = 0", require_table (table)->name);
  if ((stmt = rd_store_prepare (self, sql, NULL)) == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* A save inside an open transaction writes without a savepoint of its own (a savepoint copies every
 * page it touches); when it fails half way, the level it ran in is marked so that it cannot commit. */
void
rd_store_poison (RdStore *self)
{
  if (self->depth > 0 && (self->poisoned == 0 || self->poisoned > self->depth))
    self->poisoned = self->depth;
}

guint
rd_store_get_depth (RdStore *self)
{
  return self->depth;
}

/**
 * rd_store_emit_changed:
 * @self: a store
 * @table: a table
 * @id: (nullable): a record, or %NULL for many
 *
 * Announces a change made outside the store's own writes (the server's tables, a restore);
 * inside a transaction it is announced at the commit.
 */
void
rd_store_emit_changed (RdStore    *self,
                       const char *table,
                       const char *id)
{
  g_return_if_fail (RD_IS_STORE (self));

  rd_store_queue_change (self, table, id);
  if (self->depth == 0)
    flush_changes (self);
}
