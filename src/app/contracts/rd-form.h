/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-form.h: a small modal editor of rows with a message under each field, for the contract, vendor and budget line editors. */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _RdForm RdForm;

typedef void (*RdFormSaveFunc) (RdForm   *form,
                                gpointer  user_data);

RdForm      *rd_form_new            (GtkWidget      *parent,
                                     const char     *title,
                                     RdFormSaveFunc  save_func,
                                     gpointer        user_data,
                                     GDestroyNotify  destroy);
GtkWindow   *rd_form_get_window     (RdForm         *form);
AdwEntryRow *rd_form_add_entry      (RdForm         *form,
                                     const char     *field,
                                     const char     *title,
                                     const char     *text);
AdwComboRow *rd_form_add_combo      (RdForm         *form,
                                     const char     *field,
                                     const char     *title,
                                     const char *const *labels,
                                     guint           selected);
GtkSwitch   *rd_form_add_switch     (RdForm         *form,
                                     const char     *field,
                                     const char     *title,
                                     gboolean        active);
GtkButton   *rd_form_add_button     (RdForm         *form,
                                     const char     *label,
                                     const char     *css_class);
const char  *rd_form_get_text       (RdForm         *form,
                                     const char     *field);
guint        rd_form_get_selected   (RdForm         *form,
                                     const char     *field);
gboolean     rd_form_get_active     (RdForm         *form,
                                     const char     *field);
void         rd_form_clear_errors   (RdForm         *form);
void         rd_form_show_error     (RdForm         *form,
                                     const char     *field,
                                     const char     *message);
void         rd_form_present        (RdForm         *form);
void         rd_form_close          (RdForm         *form);

gboolean     rd_form_parse_money    (const char     *text,
                                     gint64         *cents);
char        *rd_form_format_money   (gint64          cents);

G_END_DECLS
