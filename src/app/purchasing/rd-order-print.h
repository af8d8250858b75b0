/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-order-print.h: a purchase order as a printed page (or a PDF, through the print dialog). */

#pragma once

#include <gtk/gtk.h>

#include "rd-store.h"

G_BEGIN_DECLS

gboolean rd_order_print        (GtkWindow   *parent,
                                RdStore     *store,
                                const char  *po_id,
                                GError     **error);
gboolean rd_order_export_pdf   (RdStore     *store,
                                const char  *po_id,
                                const char  *path,
                                GError     **error);

G_END_DECLS
