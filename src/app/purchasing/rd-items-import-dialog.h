/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-items-import-dialog.h: the preview of a supply item CSV import, listing every row refused and why. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_ITEMS_IMPORT_DIALOG (rd_items_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdItemsImportDialog, rd_items_import_dialog, RD, ITEMS_IMPORT_DIALOG, AdwWindow)

RdItemsImportDialog *rd_items_import_dialog_new (GtkWindow   *parent,
                                                 RdStore     *store,
                                                 const char  *text,
                                                 gsize        length,
                                                 GError     **error);

G_END_DECLS
