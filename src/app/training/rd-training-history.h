/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-history.h: one person's standing and whole history — training, certifications, doses. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_TRAINING_HISTORY (rd_training_history_get_type ())
G_DECLARE_FINAL_TYPE (RdTrainingHistory, rd_training_history, RD, TRAINING_HISTORY, AdwBin)

GtkWidget  *rd_training_history_new           (void);
void        rd_training_history_show          (RdTrainingHistory *self,
                                               RdStore           *store,
                                               const char        *staff_id);
const char *rd_training_history_get_staff_id  (RdTrainingHistory *self);
void        rd_training_history_refresh       (RdTrainingHistory *self);

G_END_DECLS
