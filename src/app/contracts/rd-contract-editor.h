/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contract-editor.h: the dialogs that edit a contract or a vendor, with messages next to the fields. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* Called with a copy of the record as it was, after the editor deleted it (for an undo toast). */
typedef void (*RdEditorDeletedFunc) (RdRecord *deleted,
                                     gpointer  user_data);

GtkWindow *rd_contract_editor_present (GtkWidget           *parent,
                                       RdStore             *store,
                                       RdRecord            *contract,
                                       const char          *vendor_id,
                                       RdEditorDeletedFunc  deleted_func,
                                       gpointer             user_data);
GtkWindow *rd_vendor_editor_present   (GtkWidget           *parent,
                                       RdStore             *store,
                                       RdRecord            *vendor);

G_END_DECLS
