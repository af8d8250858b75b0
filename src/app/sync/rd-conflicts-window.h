/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-conflicts-window.h: what sync could not settle alone — conflicting edits, flagged bookings, refused edits. */

#pragma once

#include <adwaita.h>

#include "rd-sync-client.h"

G_BEGIN_DECLS

#define RD_TYPE_CONFLICTS_WINDOW (rd_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (RdConflictsWindow, rd_conflicts_window, RD, CONFLICTS_WINDOW, AdwWindow)

GtkWidget *rd_conflicts_window_new              (GtkWindow         *parent,
                                                 RdSyncClient      *client);
void       rd_conflicts_window_reload           (RdConflictsWindow *self);
guint      rd_conflicts_window_get_n_conflicts  (RdConflictsWindow *self);
guint      rd_conflicts_window_get_n_flagged    (RdConflictsWindow *self);
guint      rd_conflicts_window_get_n_rejected   (RdConflictsWindow *self);
GtkWidget *rd_conflicts_window_find_button      (RdConflictsWindow *self,
                                                 const char        *record_id,
                                                 const char        *action);
const char *rd_conflicts_window_get_error       (RdConflictsWindow *self,
                                                 const char        *record_id);

G_END_DECLS
