/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-preferences-window.h: RadDesk's preferences — department time zone, working hours, server. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_PREFERENCES_WINDOW (rd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, RD, PREFERENCES_WINDOW, AdwPreferencesWindow)

RdPreferencesWindow  *rd_preferences_window_new            (GtkWindow           *parent,
                                                             RdStore             *store);
RdStore              *rd_preferences_window_get_store      (RdPreferencesWindow *self);
AdwPreferencesGroup  *rd_preferences_window_get_sync_group (RdPreferencesWindow *self);

G_END_DECLS
