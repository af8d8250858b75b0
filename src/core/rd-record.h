/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-record.h: one synced record of any table, with typed access to its columns. */

#pragma once

#include <glib-object.h>

#include "rd-table.h"

G_BEGIN_DECLS

#define RD_TYPE_RECORD (rd_record_get_type ())
G_DECLARE_FINAL_TYPE (RdRecord, rd_record, RD, RECORD, GObject)

RdRecord      *rd_record_new            (const RdTable *table,
                                         const char    *id);
RdRecord      *rd_record_new_for_table  (const char    *table_name);
RdRecord      *rd_record_copy           (RdRecord      *self);
/* What every record has besides its columns, as the store reads it. */
typedef struct
{
  const char *id;
  gint64      version;
  gboolean    deleted;
  gint64      updated_at;
  const char *updated_by;
} RdRecordHeader;

RdRecord      *rd_record_new_packed     (const RdTable        *table,
                                         const RdRecordHeader *header,
                                         const char          **texts,
                                         const gint64         *ints,
                                         const gboolean       *set);

gboolean       rd_record_is_fresh       (RdRecord      *self);
void           rd_record_set_saved      (RdRecord      *self);
const RdTable *rd_record_get_table      (RdRecord      *self);
const char    *rd_record_get_table_name (RdRecord      *self);
const char    *rd_record_get_id         (RdRecord      *self);
gint64         rd_record_get_version    (RdRecord      *self);
void           rd_record_set_version    (RdRecord      *self,
                                         gint64         version);
gboolean       rd_record_get_deleted    (RdRecord      *self);
void           rd_record_set_deleted    (RdRecord      *self,
                                         gboolean       deleted);
gint64         rd_record_get_updated_at (RdRecord      *self);
void           rd_record_set_updated_at (RdRecord      *self,
                                         gint64         unix_seconds);
const char    *rd_record_get_updated_by (RdRecord      *self);
void           rd_record_set_updated_by (RdRecord      *self,
                                         const char    *user);

/* Column values. Text is used for text, enum, ref and date columns (dates as YYYY-MM-DD);
 * integers for integer, money (cents), time (Unix seconds, UTC) and boolean columns. */
gboolean       rd_record_is_null        (RdRecord      *self,
                                         const char    *column);
const char    *rd_record_get_text       (RdRecord      *self,
                                         const char    *column);
gint64         rd_record_get_int        (RdRecord      *self,
                                         const char    *column);
gboolean       rd_record_get_bool       (RdRecord      *self,
                                         const char    *column);
void           rd_record_set_text       (RdRecord      *self,
                                         const char    *column,
                                         const char    *value);
void           rd_record_set_int        (RdRecord      *self,
                                         const char    *column,
                                         gint64         value);
void           rd_record_set_bool       (RdRecord      *self,
                                         const char    *column,
                                         gboolean       value);
void           rd_record_set_null       (RdRecord      *self,
                                         const char    *column);

/* The same by column index, for code that walks a table description. */
gboolean       rd_record_is_null_at     (RdRecord      *self,
                                         guint          index);
const char    *rd_record_get_text_at    (RdRecord      *self,
                                         guint          index);
gint64         rd_record_get_int_at     (RdRecord      *self,
                                         guint          index);
void           rd_record_set_text_at    (RdRecord      *self,
                                         guint          index,
                                         const char    *value);
void           rd_record_set_int_at     (RdRecord      *self,
                                         guint          index,
                                         gint64         value);
void           rd_record_set_null_at    (RdRecord      *self,
                                         guint          index);

gboolean       rd_record_equal_row      (RdRecord      *a,
                                         RdRecord      *b);
char          *rd_record_dup_label      (RdRecord      *self);

G_END_DECLS
