/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-page-private.h: the parts of the Staff & Training page kept in their own files. */

#pragma once

#include <adwaita.h>

#include "rd-training.h"

G_BEGIN_DECLS

/* rd-training-lists.c */
void     rd_training_fill_due_list    (GtkListBox        *list,
                                       RdStore           *store,
                                       const GDate       *today,
                                       guint              days);
void     rd_training_fill_dose_list   (GtkListBox        *list,
                                       GtkLabel          *intro,
                                       RdStore           *store,
                                       int                level_one_percent,
                                       int                level_two_percent);
guint    rd_training_send_reminders   (GApplication      *application,
                                       RdStore           *store,
                                       const GDate       *today);

/* rd-training-output.c */
void     rd_training_export_csv       (GtkWindow         *parent,
                                       GString           *csv,
                                       const char        *suggested_name,
                                       AdwToastOverlay   *toasts);
void     rd_training_print_matrix     (GtkWindow         *parent,
                                       RdTrainingMatrix  *matrix,
                                       AdwToastOverlay   *toasts);
GtkPrintOperationResult
         rd_training_print_history    (GtkWindow         *parent,
                                       RdStore           *store,
                                       const char        *staff_id,
                                       AdwToastOverlay   *toasts,
                                       const char        *export_filename);

G_END_DECLS
