/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-undo.h: the toast that says a record was deleted and brings it back with Undo. */

#pragma once

#include <adwaita.h>

#include "rd-record.h"
#include "rd-store.h"

G_BEGIN_DECLS

AdwToast *rd_undo_toast_new_for_delete (RdStore    *store,
                                        RdRecord   *deleted,
                                        const char *title);

G_END_DECLS
