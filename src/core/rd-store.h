/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-store.h: the SQLite store of a department — records, migrations, the outbox and the change feed. */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "rd-record.h"

G_BEGIN_DECLS

#define RD_TYPE_STORE (rd_store_get_type ())
G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

/**
 * RdStoreRole:
 * @RD_STORE_WORKSTATION: local edits keep the last version seen from the server and write an
 *   outbox entry for the push
 * @RD_STORE_SERVER: writes bump the version and move the record to the end of the change feed
 */
typedef enum
{
  RD_STORE_WORKSTATION,
  RD_STORE_SERVER,
} RdStoreRole;

typedef struct
{
  gint64  seq;           /* the entry's place in the queue */
  char   *mutation_id;   /* given when the entry is first sent; NULL until then */
  char   *table;
  char   *id;
  char   *op;            /* "upsert" or "delete" */
  gint64  base_version;
  char   *body;          /* the mutation as first sent, frozen so a resend is identical; NULL until then */
} RdOutboxEntry;

void rd_outbox_entry_free (RdOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdOutboxEntry, rd_outbox_entry_free)

RdStore     *rd_store_open              (const char     *path,
                                         RdStoreRole     role,
                                         GError        **error);
const char  *rd_store_get_path          (RdStore        *self);
RdStoreRole  rd_store_get_role          (RdStore        *self);
sqlite3     *rd_store_get_db            (RdStore        *self);
int          rd_store_get_schema_version (RdStore       *self);

/* Transactions nest (savepoints); "changed" is emitted when the outermost one commits. */
gboolean     rd_store_begin             (RdStore        *self,
                                         GError        **error);
gboolean     rd_store_commit            (RdStore        *self,
                                         GError        **error);
void         rd_store_rollback          (RdStore        *self);

RdRecord    *rd_store_get               (RdStore        *self,
                                         const char     *table,
                                         const char     *id,
                                         GError        **error);
GPtrArray   *rd_store_list              (RdStore        *self,
                                         const char     *table,
                                         const char     *order_by);
GPtrArray   *rd_store_list_by           (RdStore        *self,
                                         const char     *table,
                                         const char     *column,
                                         const char     *value,
                                         const char     *order_by);
GPtrArray   *rd_store_list_range        (RdStore        *self,
                                         const char     *table,
                                         gint64          from,
                                         gint64          to,
                                         const char     *modality_id);
gint64       rd_store_count             (RdStore        *self,
                                         const char     *table);

gboolean     rd_store_save              (RdStore        *self,
                                         RdRecord       *record,
                                         const char     *user,
                                         GError        **error);
gboolean     rd_store_delete            (RdStore        *self,
                                         const char     *table,
                                         const char     *id,
                                         const char     *user,
                                         GError        **error);
gboolean     rd_store_put               (RdStore        *self,
                                         RdRecord       *record,
                                         GError        **error);
gint64       rd_store_get_seq           (RdStore        *self,
                                         const char     *table,
                                         const char     *id);

char        *rd_store_get_meta          (RdStore        *self,
                                         const char     *key);
gboolean     rd_store_set_meta          (RdStore        *self,
                                         const char     *key,
                                         const char     *value,
                                         GError        **error);

/* The outbox of a workstation, oldest first. */
GPtrArray   *rd_store_outbox_list       (RdStore        *self,
                                         guint           limit);
gint64       rd_store_outbox_count      (RdStore        *self);
RdOutboxEntry *rd_store_outbox_first_for (RdStore      *self,
                                         const char     *table,
                                         const char     *id);
gboolean     rd_store_outbox_freeze     (RdStore        *self,
                                         gint64          seq,
                                         const char     *mutation_id,
                                         const char     *body,
                                         GError        **error);
gboolean     rd_store_outbox_remove     (RdStore        *self,
                                         const RdOutboxEntry *entry,
                                         GError        **error);
char        *rd_store_outbox_get_base   (RdStore        *self,
                                         const RdOutboxEntry *entry);
gboolean     rd_store_outbox_remove_record (RdStore     *self,
                                         const char     *table,
                                         const char     *id,
                                         GError        **error);
gboolean     rd_store_outbox_rebase     (RdStore        *self,
                                         const char     *table,
                                         const char     *id,
                                         gint64          version,
                                         GError        **error);
gboolean     rd_store_has_pending       (RdStore        *self,
                                         const char     *table,
                                         const char     *id);

gboolean     rd_store_backup            (RdStore        *self,
                                         const char     *dest_path,
                                         GError        **error);

void         rd_store_emit_changed      (RdStore        *self,
                                         const char     *table,
                                         const char     *id);

G_END_DECLS
