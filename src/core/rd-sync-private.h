/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-private.h: what the workstation's sync files share. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

gboolean  rd_sync_exec               (RdStore     *store,
                                      const char  *sql,
                                      const char  *text1,
                                      const char  *text2,
                                      gint64       number,
                                      GError     **error);
RdRecord *rd_sync_record_from_string (const char  *text);

G_END_DECLS
