/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-record-list.h: a GListModel of one table's live records, kept up to date with the store. */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_RECORD_LIST (rd_record_list_get_type ())
G_DECLARE_FINAL_TYPE (RdRecordList, rd_record_list, RD, RECORD_LIST, GObject)

RdRecordList *rd_record_list_new          (RdStore      *store,
                                           const char   *table);
void          rd_record_list_set_range    (RdRecordList *self,
                                           gint64        from,
                                           gint64        to,
                                           const char   *modality_id);
void          rd_record_list_set_match    (RdRecordList *self,
                                           const char   *column,
                                           const char   *value);
void          rd_record_list_set_order_by (RdRecordList *self,
                                           const char   *column);
RdStore      *rd_record_list_get_store    (RdRecordList *self);
const char   *rd_record_list_get_table    (RdRecordList *self);
void          rd_record_list_reload       (RdRecordList *self);

G_END_DECLS
