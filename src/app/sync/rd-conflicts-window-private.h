/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-conflicts-window-private.h: the conflicts window's fields, shared by its source files. */

#pragma once

#include "rd-conflicts-window.h"
#include "rd-sync-apply.h"

G_BEGIN_DECLS

struct _RdConflictsWindow
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkWidget       *conflicts_group;
  GtkWidget       *conflicts_box;
  GtkWidget       *flagged_group;
  GtkListBox      *flagged_list;
  GtkWidget       *rejected_group;
  GtkListBox      *rejected_list;

  RdSyncClient    *client;
  RdStore         *store;
  GPtrArray       *issues;   /* RdSyncIssue, both kinds */
  GPtrArray       *flagged;  /* RdRecord bookings */
  guint            n_conflicts;
  guint            n_rejected;
  guint            reload_id;
};

/* rd-conflicts-window.c */
const char *rd_conflicts_window_current_user        (RdConflictsWindow *self);
void        rd_conflicts_window_show_toast          (RdConflictsWindow *self,
                                                     const char        *text);
void        rd_conflicts_window_queue_reload        (RdConflictsWindow *self);
GtkWidget  *rd_conflicts_window_find_named          (GtkWidget         *widget,
                                                     const char        *name);

/* rd-conflicts-window-sections.c */
GtkWidget  *rd_conflicts_window_build_conflict_card (RdConflictsWindow *self,
                                                     RdSyncIssue       *issue);
GtkWidget  *rd_conflicts_window_build_flagged_row   (RdConflictsWindow *self,
                                                     RdRecord          *booking);
GtkWidget  *rd_conflicts_window_build_rejected_row  (RdConflictsWindow *self,
                                                     RdSyncIssue       *issue);

G_END_DECLS
