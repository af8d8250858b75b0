/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-widgets.h: small widget helpers: mnemonic text buttons screen readers read once, dialogs Escape closes. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget  *rd_mnemonic_button_new       (const char *mnemonic_label);
void        rd_mnemonic_button_set_label (GtkButton  *button,
                                          const char *mnemonic_label);
const char *rd_mnemonic_button_get_label (GtkButton  *button);

void        rd_window_close_on_escape    (GtkWindow  *window);

G_END_DECLS
