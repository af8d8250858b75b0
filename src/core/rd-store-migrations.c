/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-store-migrations.c: opening a department file — refusing what is not ours, migrating what is. */

#include "rd-store.h"
#include "rd-error.h"
#include "rd-store-private.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* "RADD": marks a file as a RadDesk database, so that another SQLite file is never migrated. */
#define RD_APPLICATION_ID 0x52414444

static gboolean
column_is_text (RdColumnType type)
{
  return type == RD_COLUMN_TEXT || type == RD_COLUMN_ENUM || type == RD_COLUMN_REF
         || type == RD_COLUMN_DATE;
}

/* ---------------------------------------------------------------- */
/* Migrations                                                        */
/* ---------------------------------------------------------------- */

static char *
create_table_sql (const RdTable *table)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql,
                          "CREATE TABLE \"%s\" (id TEXT PRIMARY KEY NOT NULL, "
                          "version INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0, "
                          "updated_at INTEGER NOT NULL DEFAULT 0, updated_by TEXT NOT NULL DEFAULT ''",
                          table->name);

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", \"%s\" %s", table->columns[i].name,
                            column_is_text (table->columns[i].type) ? "TEXT" : "INTEGER");
  g_string_append (sql, ");\n");

  /* Refs are looked up by the referring side (lines of a PO, movements of an item). Synced refs
   * are checked by the rules rather than by SQL foreign keys, because the feed may deliver a record
   * before the one it refers to. */
  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].type == RD_COLUMN_REF)
      g_string_append_printf (sql, "CREATE INDEX \"%s_%s\" ON \"%s\" (\"%s\");\n", table->name,
                              table->columns[i].name, table->name, table->columns[i].name);

  if (rd_table_column_index (table, "start") >= 0 && rd_table_column_index (table, "end") >= 0
      && rd_table_get_column (table, "start")->type == RD_COLUMN_TIME)
    g_string_append_printf (sql, "CREATE INDEX \"%s_start\" ON \"%s\" (\"start\");\n", table->name,
                            table->name);

  return g_string_free (sql, FALSE);
}

static gboolean
migrate_to_1 (RdStore  *self,
              GError  **error)
{
  const RdTable *tables;
  guint n_tables;

  tables = rd_tables_get_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = create_table_sql (&tables[t]);

      if (!rd_store_exec (self, sql, error))
        return FALSE;
    }

  return rd_store_exec (self,
                        "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);"
                        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                        "  mutation_id TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL, "
                        "  op TEXT NOT NULL, base_version INTEGER NOT NULL, body TEXT, base TEXT);"
                        "CREATE INDEX outbox_record ON outbox (id);"
                        "CREATE TABLE feed (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                        "  tbl TEXT NOT NULL, id TEXT NOT NULL, UNIQUE (tbl, id));"
                        "CREATE INDEX booking_modality_start ON booking (modality_id, \"start\");"
                        /* The conflicts list is read after every sync: only flagged bookings are indexed. */
                        "CREATE INDEX booking_flagged ON booking (\"start\") WHERE conflict_with IS NOT NULL;"
                        /* What the server answered conflict or rejected for: kept until a person decides. */
                        "CREATE TABLE sync_issue (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                        "  kind TEXT NOT NULL, tbl TEXT NOT NULL, record_id TEXT NOT NULL, "
                        "  mine TEXT, theirs TEXT, base TEXT, reason TEXT, message TEXT, created_at INTEGER NOT NULL);"
                        /* Records seen during a full pull after the server's epoch changed. */
                        "CREATE TABLE resync_seen (tbl TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tbl, id));",
                        error);
}

/* Fills the outbox's record_key column from each entry's id. */
static gboolean
fill_record_keys (RdStore  *self,
                  GError  **error)
{
  sqlite3_stmt *rows = NULL;
  sqlite3_stmt *update = NULL;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (self->db, "SELECT seq, id FROM outbox", -1, &rows, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db, "UPDATE outbox SET record_key = ?2 WHERE seq = ?1", -1, &update, NULL) != SQLITE_OK)
    {
      ok = rd_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);
      goto out;
    }

  while (ok && (rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (rows, 0));
      sqlite3_bind_int64 (update, 2, rd_store_record_key ((const char *) sqlite3_column_text (rows, 1)));
      if ((rc = sqlite3_step (update)) != SQLITE_DONE)
        ok = rd_store_set_sqlite_error (self, rc, error);
      sqlite3_reset (update);
    }
  if (ok && rc != SQLITE_DONE)
    ok = rd_store_set_sqlite_error (self, rc, error);

out:
  sqlite3_finalize (rows);
  sqlite3_finalize (update);
  return ok;
}

/* The outbox finds a record's entries through an integer key instead of an index of text ids, an
 * entry gets its mutation id when it is first sent, and entry numbers are plain rowids (a number
 * freed by a removed entry may come back; entries are removed by number and mutation id together,
 * so a newer entry is never taken for it): each makes every local edit cheaper. */
static gboolean
migrate_to_2 (RdStore  *self,
              GError  **error)
{
  return rd_store_exec (self,
                        "CREATE TABLE outbox_new (seq INTEGER PRIMARY KEY, mutation_id TEXT, "
                        "  tbl TEXT NOT NULL, id TEXT NOT NULL, record_key INTEGER NOT NULL, op TEXT NOT NULL, "
                        "  base_version INTEGER NOT NULL, body TEXT, base TEXT);"
                        "INSERT INTO outbox_new (seq, mutation_id, tbl, id, record_key, op, base_version, body, base) "
                        "  SELECT seq, mutation_id, tbl, id, 0, op, base_version, body, base FROM outbox;"
                        "DROP TABLE outbox;"
                        "ALTER TABLE outbox_new RENAME TO outbox;",
                        error)
         && fill_record_keys (self, error)
         && rd_store_exec (self, "CREATE INDEX outbox_record ON outbox (record_key);", error);
}

/* Writes each record's place in the feed into its row (feed_seq), from the feed as it stands. */
static gboolean
fill_feed_seqs (RdStore  *self,
                GError  **error)
{
  g_autoptr (GHashTable) updates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) sqlite3_finalize);
  sqlite3_stmt *rows = NULL;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (self->db, "SELECT seq, tbl, id FROM feed", -1, &rows, NULL) != SQLITE_OK)
    return rd_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);

  while (ok && (rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (rows, 1);
      sqlite3_stmt *update = g_hash_table_lookup (updates, table);

      if (rd_table_lookup (table) == NULL)
        continue;   /* a table this RadDesk no longer has */
      if (update == NULL)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET feed_seq = ?1 WHERE id = ?2", table);

          if (sqlite3_prepare_v2 (self->db, sql, -1, &update, NULL) != SQLITE_OK)
            {
              ok = rd_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);
              break;
            }
          g_hash_table_insert (updates, g_strdup (table), update);
        }
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (rows, 0));
      sqlite3_bind_text (update, 2, (const char *) sqlite3_column_text (rows, 2), -1, SQLITE_TRANSIENT);
      if ((rc = sqlite3_step (update)) != SQLITE_DONE)
        ok = rd_store_set_sqlite_error (self, rc, error);
      sqlite3_reset (update);
    }
  if (ok && rc != SQLITE_DONE)
    ok = rd_store_set_sqlite_error (self, rc, error);

  sqlite3_finalize (rows);
  return ok;
}

/* The server's change feed keeps no index of table and id: its UNIQUE (tbl, id) cost every pushed
 * mutation a random write into an index of text ids. A record's row keeps its place in the feed
 * (feed_seq, never on the wire), so a change finds and leaves its old place by number. That a
 * record stands in the feed once is kept by moving it (delete, then insert) in one transaction,
 * and feed numbers are still never handed out twice. */
static gboolean
migrate_to_3 (RdStore  *self,
              GError  **error)
{
  const RdTable *tables;
  guint n_tables;

  if (!rd_store_exec (self,
                      "CREATE TABLE feed_new (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                      "  tbl TEXT NOT NULL, id TEXT NOT NULL);"
                      "INSERT INTO feed_new (seq, tbl, id) SELECT seq, tbl, id FROM feed;"
                      "DELETE FROM sqlite_sequence WHERE name = 'feed_new';"
                      "INSERT INTO sqlite_sequence (name, seq) SELECT 'feed_new', seq FROM sqlite_sequence "
                      "  WHERE name = 'feed';"
                      "DROP TABLE feed;"
                      "ALTER TABLE feed_new RENAME TO feed;",
                      error))
    return FALSE;

  tables = rd_tables_get_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *has = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') WHERE name = 'feed_seq'",
                                              tables[t].name);
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE \"%s\" ADD COLUMN feed_seq INTEGER;", tables[t].name);
      int rc;

      /* A table that has the column already keeps it. */
      if (rd_store_pragma_int (self, has, &rc) > 0)
        continue;
      if (rc != SQLITE_OK || !rd_store_exec (self, sql, error))
        return rc == SQLITE_OK ? FALSE : rd_store_set_sqlite_error (self, rc, error);
    }

  return fill_feed_seqs (self, error);
}

typedef gboolean (*RdMigration) (RdStore *self, GError **error);

/* Migration N brings a database from schema version N-1 to N; append, never edit. */
static const RdMigration migrations[] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RD_SCHEMA_VERSION);

int
rd_store_pragma_int (RdStore    *self,
            const char *pragma,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;
  int rc = sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc_out != NULL)
    *rc_out = rc;
  return value;
}

static gboolean
check_file_is_sqlite (const char  *path,
                      GError     **error)
{
  static const char header[16] = "SQLite format 3";
  char buffer[16];
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    return TRUE; /* missing: it will be created */

  n = fread (buffer, 1, sizeof buffer, file);
  fclose (file);

  if (n == 0)
    return TRUE; /* an empty file is a new database */

  if (n < sizeof buffer || memcmp (buffer, header, sizeof header) != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_A_DATABASE,
                   "%s is not a RadDesk department file. It was left untouched.", path);
      return FALSE;
    }

  return TRUE;
}

/**
 * rd_store_open_file:
 * @self: a store whose path and role are set
 * @error: why the file was refused
 *
 * Opens the file, refusing (untouched) one that is not a RadDesk department, is damaged or was
 * written by a newer RadDesk, and applies pending migrations each in one transaction.
 *
 * Returns: whether the store is ready
 */
gboolean
rd_store_open_file (RdStore  *self,
                    GError  **error)
{
  int rc, version, app_id, n_tables;
  char *check = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!check_file_is_sqlite (self->path, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORAGE, "Could not open %s: %s", self->path,
                   sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, 5000);

  /* Read before anything writes, so a refused file is never touched. */
  version = rd_store_pragma_int (self, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    goto damaged;
  app_id = rd_store_pragma_int (self, "PRAGMA application_id", &rc);
  if (rc != SQLITE_OK)
    goto damaged;
  n_tables = rd_store_pragma_int (self, "SELECT count(*) FROM sqlite_master", &rc);
  if (rc != SQLITE_OK)
    goto damaged;

  if (n_tables > 0 && app_id != RD_APPLICATION_ID)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_A_DATABASE,
                   "%s is an SQLite file of another program, not a RadDesk department. "
                   "It was left untouched.", self->path);
      return FALSE;
    }

  if (version > RD_SCHEMA_VERSION)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NEWER_DATABASE,
                   "%s was written by a newer RadDesk (schema %d; this one knows %d). "
                   "Update RadDesk to open it; the file was left untouched.",
                   self->path, version, RD_SCHEMA_VERSION);
      return FALSE;
    }

  if (n_tables > 0)
    {
      rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (g_strcmp0 (check, "ok") != 0)
        {
          g_free (check);
          goto damaged;
        }
      g_free (check);
    }

  if (!rd_store_exec (self, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;", error))
    return FALSE;
  if (!rd_store_exec (self, self->role == RD_STORE_SERVER ? "PRAGMA synchronous=FULL"
                                                          : "PRAGMA synchronous=NORMAL",
                      error))
    return FALSE;

  for (int v = version; v < RD_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version=%d; PRAGMA application_id=%d;",
                                                      v + 1, RD_APPLICATION_ID);

      if (!rd_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!migrations[v](self, error) || !rd_store_exec (self, set_version, error)
          || !rd_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "Could not bring %s up to date: ", self->path);
          return FALSE;
        }
    }

  return TRUE;

damaged:
  g_set_error (error, RD_ERROR, RD_ERROR_NOT_A_DATABASE,
               "%s is damaged or is not a RadDesk department file. It was left untouched; "
               "restore it from a backup.", self->path);
  return FALSE;
}

