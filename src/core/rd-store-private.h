/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-store-private.h: what the halves of RdStore (reads, writes) share. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

struct _RdStore
{
  GObject        parent_instance;

  char          *path;
  RdStoreRole    role;
  sqlite3       *db;
  guint          depth;
  guint          poisoned;   /* the level whose writes a failed save left half done, 0 if none */
  GHashTable    *statements; /* SQL text → sqlite3_stmt */
  GHashTable    *static_statements; /* address of a SQL text that lives forever → sqlite3_stmt */
  GHashTable    *pending;    /* table → PendingChanges, announced at the outermost commit */
};


sqlite3_stmt *rd_store_prepare           (RdStore     *self,
                                          const char  *sql,
                                          GError     **error);
typedef char *(*RdTableSqlFunc) (const RdTable *table);

const char   *rd_store_table_sql         (const RdTable  *table,
                                          RdTableSqlFunc  build);
sqlite3_stmt *rd_store_prepare_static    (RdStore     *self,
                                          const char  *sql,
                                          GError     **error);
gboolean      rd_store_exec              (RdStore     *self,
                                          const char  *sql,
                                          GError     **error);
gboolean      rd_store_set_sqlite_error  (RdStore     *self,
                                          int          rc,
                                          GError     **error);
void          rd_store_queue_change      (RdStore     *self,
                                          const char  *table,
                                          const char  *id);
gboolean      rd_store_open_file         (RdStore     *self,
                                          GError     **error);
int           rd_store_pragma_int        (RdStore     *self,
                                          const char  *pragma,
                                          int         *rc_out);
void          rd_store_poison            (RdStore     *self);
guint         rd_store_get_depth         (RdStore     *self);
gboolean      rd_store_outbox_write      (RdStore     *self,
                                          RdRecord    *record,
                                          const char  *op,
                                          GError     **error);

/* The outbox's index key of a record: g_str_hash() of its id, whose algorithm
 * (djb2) GLib documents, so keys written by one build are found by the next. Ids that share a key
 * are told apart by the id itself. */
static inline gint64
rd_store_record_key (const char *id)
{
  return (gint64) g_str_hash (id);
}

G_END_DECLS
