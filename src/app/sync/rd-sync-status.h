/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-status.h: the compact sync state at the foot of the sidebar, with its details popover. */

#pragma once

#include <adwaita.h>

#include "rd-sync-client.h"

G_BEGIN_DECLS

#define RD_TYPE_SYNC_STATUS (rd_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncStatus, rd_sync_status, RD, SYNC_STATUS, AdwBin)

GtkWidget    *rd_sync_status_new                  (RdSyncClient *client);
RdSyncClient *rd_sync_status_get_client           (RdSyncStatus *self);
const char   *rd_sync_status_get_title            (RdSyncStatus *self);
const char   *rd_sync_status_get_detail           (RdSyncStatus *self);
const char   *rd_sync_status_get_accessible_label (RdSyncStatus *self);
void          rd_sync_status_update               (RdSyncStatus *self);
GtkWidget    *rd_sync_status_show_conflicts       (RdSyncStatus *self);

G_END_DECLS
