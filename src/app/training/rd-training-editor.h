/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-editor.h: the dialog that logs a training session, a certification or a dose reading. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_TRAINING_EDIT_RECORD,
  RD_TRAINING_EDIT_CERTIFICATION,
  RD_TRAINING_EDIT_DOSE,
} RdTrainingEditKind;

#define RD_TYPE_TRAINING_EDITOR (rd_training_editor_get_type ())
G_DECLARE_FINAL_TYPE (RdTrainingEditor, rd_training_editor, RD, TRAINING_EDITOR, AdwWindow)

RdTrainingEditor *rd_training_editor_new        (RdStore            *store,
                                                 RdTrainingEditKind  kind,
                                                 RdRecord           *record,
                                                 const char         *staff_id);
gboolean          rd_training_editor_save       (RdTrainingEditor   *self);
GtkWidget        *rd_training_editor_get_field  (RdTrainingEditor   *self,
                                                 const char         *column);
const char       *rd_training_editor_get_error  (RdTrainingEditor   *self,
                                                 const char         *column);
gboolean          rd_training_editor_select_id  (RdTrainingEditor   *self,
                                                 const char         *column,
                                                 const char         *id);

G_END_DECLS
