/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-answers.c: finds the stored answers of pushed mutations through a map in memory, so that the idempotency table needs no index keyed by a random value. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-server.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

/* The map's value for a key that two answers share (a 64-bit collision of rd_server_answer_key):
 * such answers are found by both ids, through `exact`. */
#define COLLIDED ((gint64) -1)

/* How the row a map entry names relates to the answer looked for. */
typedef enum
{
  ROW_GONE,       /* no such row, or a row of another key: an entry of a rolled-back batch */
  ROW_OTHER_IDS,  /* a row of the same key for other ids: a collision */
  ROW_MATCH,
} RowMatch;

/* The map holds no copy of the table's rows: it is a guide to them, and every answer it leads to
 * is checked against the ids asked for. Entries may be stale, never wrong in what they promise:
 * a key that has visible rows is either COLLIDED, or maps to the rowid of its one row. A batch
 * that rolls back leaves its entries pointing at rows that are gone (or, once SQLite reuses the
 * rowid, at rows of another key), which reads as "not answered", and that is the truth. */
struct _RdAnswerMap
{
  sqlite3      *db;          /* the server's connection, not owned */
  GHashTable   *keys;        /* answer key → rowid of its answer, or COLLIDED */
  GHashTable   *exact;       /* exact_key () of the answers of collided keys → gint64* rowid */
  sqlite3_stmt *select_row;
  sqlite3_stmt *select_key;
  sqlite3_stmt *insert;
};

#define SELECT_ROW \
  "SELECT key, client_id, mutation_id, body_hash, answer FROM server_idempotency WHERE rowid = ?"

/* A scan: there is no index of keys. It runs once per collided key, never per lookup. */
#define SELECT_KEY \
  "SELECT rowid, client_id, mutation_id FROM server_idempotency WHERE key = ?"

#define INSERT_ANSWER \
  "INSERT INTO server_idempotency (client_id, mutation_id, body_hash, answer, at, key)" \
  " VALUES (?, ?, ?, ?, ?, ?)"

/* ---------------------------------------------------------------- */
/* Helpers: the map of keys                                          */
/* ---------------------------------------------------------------- */

#if GLIB_SIZEOF_VOID_P >= 8

/* A key and a rowid each fit in a pointer: no allocation per answer. Keys are SHA-256 bits, so
 * g_direct_hash's low 32 bits spread well; g_direct_equal compares all 64. Values are never NULL
 * (rowids start at 1, COLLIDED is -1). */
static GHashTable *
keys_new (void)
{
  return g_hash_table_new (g_direct_hash, g_direct_equal);
}

static void
keys_put (GHashTable *keys,
          gint64      key,
          gint64      rowid)
{
  g_hash_table_insert (keys, (gpointer) (gintptr) key, (gpointer) (gintptr) rowid);
}

static void
keys_remove (GHashTable *keys,
             gint64      key)
{
  g_hash_table_remove (keys, (gpointer) (gintptr) key);
}

static gboolean
keys_get (GHashTable *keys,
          gint64      key,
          gint64     *rowid)
{
  gpointer value = g_hash_table_lookup (keys, (gpointer) (gintptr) key);

  if (value == NULL)
    return FALSE;
  *rowid = (gint64) (gintptr) value;
  return TRUE;
}

#else

/* 32-bit pointers: the key and its rowid in one allocation, the key first for g_int64_hash. */
typedef struct
{
  gint64 key;
  gint64 rowid;
} KeySlot;

static GHashTable *
keys_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
keys_put (GHashTable *keys,
          gint64      key,
          gint64      rowid)
{
  KeySlot *slot = g_hash_table_lookup (keys, &key);

  if (slot == NULL)
    {
      slot = g_new (KeySlot, 1);
      slot->key = key;
      g_hash_table_add (keys, slot);
    }
  slot->rowid = rowid;
}

static gboolean
keys_get (GHashTable *keys,
          gint64      key,
          gint64     *rowid)
{
  KeySlot *slot = g_hash_table_lookup (keys, &key);

  if (slot == NULL)
    return FALSE;
  *rowid = slot->rowid;
  return TRUE;
}

static void
keys_remove (GHashTable *keys,
             gint64      key)
{
  g_hash_table_remove (keys, &key);
}

#endif

/* Both ids in one string, unambiguously (ids may hold any character but NUL). */
static char *
exact_key (const char *client_id,
           const char *mutation_id)
{
  return g_strdup_printf ("%" G_GSIZE_FORMAT ":%s%s", strlen (client_id), client_id, mutation_id);
}

static void
exact_put (RdAnswerMap *self,
           const char  *client_id,
           const char  *mutation_id,
           gint64       rowid)
{
  gint64 *value = g_new (gint64, 1);

  *value = rowid;
  g_hash_table_insert (self->exact, exact_key (client_id, mutation_id), value);
}

/* ---------------------------------------------------------------- */
/* Helpers: the table                                                */
/* ---------------------------------------------------------------- */

static gboolean
set_sql_error (RdAnswerMap  *self,
               GError      **error)
{
  g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED, "idempotency: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
prepare (RdAnswerMap   *self,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
    return set_sql_error (self, error);
  return TRUE;
}

/* Reads the row a map entry names and says how it relates to the ids; on a match, hands over its
 * body hash and answer when asked for. */
static gboolean
read_row (RdAnswerMap  *self,
          gint64        rowid,
          gint64        key,
          const char   *client_id,
          const char   *mutation_id,
          RowMatch     *match,
          char        **out_hash,
          char        **out_answer,
          GError      **error)
{
  sqlite3_stmt *stmt = self->select_row;
  int rc;

  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return set_sql_error (self, error);
    }

  if (rc == SQLITE_DONE || sqlite3_column_type (stmt, 0) != SQLITE_INTEGER
      || sqlite3_column_int64 (stmt, 0) != key)
    *match = ROW_GONE;
  else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), client_id) != 0
           || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), mutation_id) != 0)
    *match = ROW_OTHER_IDS;
  else
    {
      *match = ROW_MATCH;
      if (out_hash != NULL)
        *out_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (out_answer != NULL)
        *out_answer = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* From now on the answers of @key are found by both ids: every row of the key goes into `exact`.
 * Astronomically rare by chance; a client that computes a collision on purpose (some 2^32
 * hashes) pays that once per key, and every later lookup of the key stays a hash lookup. */
static gboolean
mark_collided (RdAnswerMap  *self,
               gint64        key,
               GError      **error)
{
  sqlite3_stmt *stmt = self->select_key;
  int rc;

  keys_put (self->keys, key, COLLIDED);

  sqlite3_bind_int64 (stmt, 1, key);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    exact_put (self, (const char *) sqlite3_column_text (stmt, 1),
               (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_sql_error (self, error);

  return TRUE;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_answer_map_load:
 * @db: the server's database, its tables ready (rd_server_db_init(), which prunes old answers)
 * @error: a location for an error
 *
 * Reads the key and rowid of every stored answer. Only the process that loaded the map may store
 * answers while it is in use, which is why a database has one serving raddesk-server at a time.
 *
 * Returns: (transfer full): the map, or %NULL on error
 */
RdAnswerMap *
rd_answer_map_load (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(RdAnswerMap) self = NULL;
  g_autoptr(GArray) collided = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  self = g_new0 (RdAnswerMap, 1);
  self->db = db;
  self->keys = keys_new ();
  self->exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!prepare (self, SELECT_ROW, &self->select_row, error)
      || !prepare (self, SELECT_KEY, &self->select_key, error)
      || !prepare (self, INSERT_ANSWER, &self->insert, error)
      || !prepare (self, "SELECT key, rowid FROM server_idempotency WHERE key IS NOT NULL", &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      gint64 rowid;

      if (keys_get (self->keys, key, &rowid))
        {
          if (rowid != COLLIDED)
            g_array_append_val (collided, key);
          rowid = COLLIDED;
        }
      else
        rowid = sqlite3_column_int64 (stmt, 1);
      keys_put (self->keys, key, rowid);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return NULL;
    }

  for (guint i = 0; i < collided->len; i++)
    if (!mark_collided (self, g_array_index (collided, gint64, i), error))
      return NULL;

  return g_steal_pointer (&self);
}

void
rd_answer_map_free (RdAnswerMap *self)
{
  if (self == NULL)
    return;

  sqlite3_finalize (self->select_row);
  sqlite3_finalize (self->select_key);
  sqlite3_finalize (self->insert);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->exact, g_hash_table_unref);
  g_free (self);
}

/**
 * rd_answer_map_lookup:
 * @self: a map
 * @client_id: the client of a push
 * @mutation_id: one of its mutations
 * @key: rd_server_answer_key() of both ids
 * @out_hash: (out): the body hash of the answered mutation, or %NULL when there is no answer
 * @out_answer: (out): the answer given then, or %NULL when there is none
 * @error: a location for an error
 *
 * Finds the answer stored for a mutation, as the server's connection sees the table (the
 * answers of its open transaction included).
 *
 * Returns: %FALSE on a fault of the database only; whether an answer was found is *@out_answer
 */
gboolean
rd_answer_map_lookup (RdAnswerMap  *self,
                      const char   *client_id,
                      const char   *mutation_id,
                      gint64        key,
                      char        **out_hash,
                      char        **out_answer,
                      GError      **error)
{
  g_autofree char *exact = NULL;
  gint64 *exact_rowid;
  RowMatch match;
  gint64 rowid;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (client_id != NULL && mutation_id != NULL, FALSE);
  g_return_val_if_fail (out_hash != NULL && out_answer != NULL, FALSE);

  *out_hash = NULL;
  *out_answer = NULL;

  if (!keys_get (self->keys, key, &rowid))
    return TRUE;

  if (rowid != COLLIDED)
    {
      if (!read_row (self, rowid, key, client_id, mutation_id, &match, out_hash, out_answer, error))
        return FALSE;
      if (match != ROW_OTHER_IDS)
        return TRUE;
      if (!mark_collided (self, key, error))
        return FALSE;
    }

  exact = exact_key (client_id, mutation_id);
  exact_rowid = g_hash_table_lookup (self->exact, exact);
  if (exact_rowid == NULL)
    return TRUE;

  /* A stale entry (its batch rolled back) reads as ROW_GONE or ROW_OTHER_IDS: not answered. */
  return read_row (self, *exact_rowid, key, client_id, mutation_id, &match, out_hash, out_answer, error);
}

/**
 * rd_answer_map_store:
 * @self: a map
 * @client_id: the client of a push
 * @mutation_id: one of its mutations, for which rd_answer_map_lookup() found no answer
 * @key: rd_server_answer_key() of both ids
 * @body_hash: the canonical hash of the mutation
 * @answer: the answer, as JSON text
 * @at: when, in seconds since 1970
 * @error: a location for an error
 *
 * Stores an answer, in the server's open transaction, and maps its key to it.
 *
 * Returns: whether it was stored
 */
gboolean
rd_answer_map_store (RdAnswerMap  *self,
                     const char   *client_id,
                     const char   *mutation_id,
                     gint64        key,
                     const char   *body_hash,
                     const char   *answer,
                     gint64        at,
                     GError      **error)
{
  sqlite3_stmt *stmt;
  RowMatch match;
  gint64 rowid, old;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (client_id != NULL && mutation_id != NULL, FALSE);
  g_return_val_if_fail (body_hash != NULL && answer != NULL, FALSE);

  stmt = self->insert;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mutation_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, answer, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, at);
  sqlite3_bind_int64 (stmt, 6, key);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return set_sql_error (self, error);

  rowid = sqlite3_last_insert_rowid (self->db);

  /* A new key, the usual case, costs no read. A known one is stale (its batch rolled back) or,
   * when its row is of other ids, shared: the lookup before has marked that, but the map does
   * not rely on being asked first. */
  if (!keys_get (self->keys, key, &old))
    old = 0;
  else if (old != COLLIDED)
    {
      if (!read_row (self, old, key, client_id, mutation_id, &match, NULL, NULL, error))
        return FALSE;
      if (match == ROW_OTHER_IDS)
        {
          /* The scan finds the row just inserted too. */
          if (!mark_collided (self, key, error))
            return FALSE;
          old = COLLIDED;
        }
    }

  if (old == COLLIDED)
    exact_put (self, client_id, mutation_id, rowid);
  else
    keys_put (self->keys, key, rowid);

  return TRUE;
}

/**
 * rd_answer_map_get_size:
 * @self: a map
 *
 * Returns: how many keys the map holds
 */
guint
rd_answer_map_get_size (RdAnswerMap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->keys);
}

/**
 * rd_answer_map_is_collided:
 * @self: a map
 * @key: an answer key
 *
 * Returns: whether two answers share @key, so that its answers are found by both ids
 */
gboolean
rd_answer_map_is_collided (RdAnswerMap *self,
                           gint64       key)
{
  gint64 rowid;

  g_return_val_if_fail (self != NULL, FALSE);

  return keys_get (self->keys, key, &rowid) && rowid == COLLIDED;
}

/**
 * rd_answer_map_prune:
 * @self: a map
 * @before: answers stored before this time (Unix seconds) go
 * @error: why the table could not be pruned
 *
 * Removes the answers older than @before from the table and their keys from the map, so that a
 * server that runs for months keeps only the answers it still promises. Outside a push (the
 * server runs it between requests). A collided key keeps its mark: its lookups still go by both
 * ids and find what is left.
 *
 * Returns: how many answers were removed, or -1 on error
 */
gint64
rd_answer_map_prune (RdAnswerMap  *self,
                     gint64        before,
                     GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 removed = 0;
  int rc;

  g_return_val_if_fail (self != NULL, -1);

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM server_idempotency WHERE at < ?1 RETURNING key, rowid", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      set_sql_error (self, error);
      return -1;
    }

  sqlite3_bind_int64 (stmt, 1, before);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      gint64 rowid;

      /* Only the key's own entry goes; a newer answer of the same key stays. */
      if (keys_get (self->keys, key, &rowid) && rowid == sqlite3_column_int64 (stmt, 1))
        keys_remove (self->keys, key);
      removed++;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, error);
      return -1;
    }
  return removed;
}
