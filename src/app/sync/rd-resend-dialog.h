/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-resend-dialog.h: correct an edit the server refused, field by field, and send it again. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"
#include "rd-sync-apply.h"

G_BEGIN_DECLS

#define RD_TYPE_RESEND_DIALOG (rd_resend_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdResendDialog, rd_resend_dialog, RD, RESEND_DIALOG, AdwWindow)

GtkWidget  *rd_resend_dialog_new       (GtkWindow      *parent,
                                        RdStore        *store,
                                        RdSyncIssue    *issue,
                                        const char     *user);
GtkWidget  *rd_resend_dialog_get_row   (RdResendDialog *self,
                                        const char     *column);
gboolean    rd_resend_dialog_resend    (RdResendDialog *self);
const char *rd_resend_dialog_get_error (RdResendDialog *self);

G_END_DECLS
