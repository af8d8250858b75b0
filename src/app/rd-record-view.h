/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-record-view.h: a searchable, sortable GtkColumnView of records, with an empty state. */

#pragma once

#include <adwaita.h>

#include "rd-record.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_RECORD_VIEW (rd_record_view_get_type ())
G_DECLARE_FINAL_TYPE (RdRecordView, rd_record_view, RD, RECORD_VIEW, AdwBin)

/* Text of a computed column; the string is the caller's to free. */
typedef char   *(*RdRecordTextFunc) (RdRecord *record,
                                     gpointer  user_data);
/* A number to sort a computed column by. */
typedef gint64  (*RdRecordKeyFunc)  (RdRecord *record,
                                     gpointer  user_data);

void                 rd_record_view_set_store           (RdRecordView     *self,
                                                         RdStore          *store);
void                 rd_record_view_set_model           (RdRecordView     *self,
                                                         GListModel       *records);
GtkColumnViewColumn *rd_record_view_add_column          (RdRecordView     *self,
                                                         const char       *column,
                                                         const char       *title);
GtkColumnViewColumn *rd_record_view_add_computed_column (RdRecordView     *self,
                                                         const char       *title,
                                                         RdRecordTextFunc  text_func,
                                                         RdRecordKeyFunc   key_func,
                                                         gpointer          user_data);
void                 rd_record_view_set_column_numeric  (RdRecordView     *self,
                                                         GtkColumnViewColumn *column,
                                                         gboolean          numeric);
void                 rd_record_view_sort_by             (RdRecordView     *self,
                                                         GtkColumnViewColumn *column,
                                                         GtkSortType       direction);
const char          *rd_record_view_lookup_label        (RdRecordView     *self,
                                                         const char       *table,
                                                         const char       *id);
void                 rd_record_view_refresh             (RdRecordView     *self);
GtkColumnView       *rd_record_view_get_column_view     (RdRecordView     *self);
GListModel          *rd_record_view_get_shown           (RdRecordView     *self);
void                 rd_record_view_set_empty_state     (RdRecordView     *self,
                                                         const char       *icon_name,
                                                         const char       *title,
                                                         const char       *description);
gboolean             rd_record_view_get_search_mode     (RdRecordView     *self);
void                 rd_record_view_set_search_mode     (RdRecordView     *self,
                                                         gboolean          enabled);

G_END_DECLS
