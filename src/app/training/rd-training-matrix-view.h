/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-matrix-view.h: the compliance matrix — staff × required courses and certifications. */

#pragma once

#include <adwaita.h>

#include "rd-training.h"

G_BEGIN_DECLS

#define RD_TYPE_TRAINING_MATRIX_VIEW (rd_training_matrix_view_get_type ())
G_DECLARE_FINAL_TYPE (RdTrainingMatrixView, rd_training_matrix_view, RD, TRAINING_MATRIX_VIEW, AdwBin)

GtkWidget        *rd_training_matrix_view_new         (void);
void              rd_training_matrix_view_set_matrix  (RdTrainingMatrixView *self,
                                                       RdTrainingMatrix     *matrix);
RdTrainingMatrix *rd_training_matrix_view_get_matrix  (RdTrainingMatrixView *self);
GtkColumnView    *rd_training_matrix_view_get_column_view (RdTrainingMatrixView *self);
char             *rd_training_matrix_view_cell_label  (const RdTrainingItem *item);

G_END_DECLS
