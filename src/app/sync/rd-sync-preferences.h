/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-preferences.h: the Server group of Preferences — address, sign in and out, what the keyring does. */

#pragma once

#include <adwaita.h>

#include "rd-sync-client.h"

G_BEGIN_DECLS

#define RD_TYPE_SYNC_PREFERENCES (rd_sync_preferences_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncPreferences, rd_sync_preferences, RD, SYNC_PREFERENCES, GtkBox)

RdSyncPreferences *rd_sync_preferences_attach           (AdwPreferencesGroup *group,
                                                         RdSyncClient        *client);
RdSyncPreferences *rd_sync_preferences_find             (AdwPreferencesGroup *group);
GtkWidget         *rd_sync_preferences_get_url_row      (RdSyncPreferences   *self);
GtkWidget         *rd_sync_preferences_get_username_row (RdSyncPreferences   *self);
GtkWidget         *rd_sync_preferences_get_password_row (RdSyncPreferences   *self);
GtkWidget         *rd_sync_preferences_get_sign_in_button (RdSyncPreferences *self);
GtkWidget         *rd_sync_preferences_get_sign_out_button (RdSyncPreferences *self);
const char        *rd_sync_preferences_get_status       (RdSyncPreferences   *self);
const char        *rd_sync_preferences_get_keyring_note (RdSyncPreferences   *self);
gboolean           rd_sync_preferences_is_busy          (RdSyncPreferences   *self);

G_END_DECLS
