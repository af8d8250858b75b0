/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-format.h: how the sync UI names tables, columns and records and shows their values. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

char *rd_sync_format_column_label (const char *column);
char *rd_sync_format_table_label  (const char *table);
char *rd_sync_format_value        (RdStore    *store,
                                   RdRecord   *record,
                                   guint       index);
char *rd_sync_format_record_title (RdStore    *store,
                                   RdRecord   *record);
char *rd_sync_format_ago          (gint64      then,
                                   gint64      now);

G_END_DECLS
