/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-window.h: RadDesk's main window — the sidebar of pages and the pages themselves. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"
#include "rd-sync-client.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())
G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, AdwApplicationWindow)

RdWindow   *rd_window_new          (GtkApplication *application,
                                    RdStore        *store);
RdStore    *rd_window_get_store    (RdWindow       *self);
RdSyncClient *rd_window_get_sync   (RdWindow       *self);
void        rd_window_show_page    (RdWindow       *self,
                                    const char     *name);
const char *rd_window_get_page     (RdWindow       *self);
GtkWidget  *rd_window_get_sidebar  (RdWindow       *self);
GtkWidget  *rd_window_get_page_widget (RdWindow    *self,
                                    const char     *name);

G_END_DECLS
