/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-private.h: the training data loaded once and shared by the parts of rd-training. */

#pragma once

#include "rd-training.h"

G_BEGIN_DECLS

typedef struct
{
  GHashTable *courses;          /* id → RdRecord (owned by course_list) */
  GPtrArray  *course_list;      /* RdRecord, by title */
  GPtrArray  *requirements;     /* RdRecord */
  GHashTable *records_by_staff; /* staff id → GPtrArray of training_record, by date */
  GHashTable *certs_by_staff;   /* staff id → GPtrArray of certification */
  GHashTable *superseded;       /* ids of training records that a later record corrects */
} RdTrainingData;

void       rd_training_data_load        (RdTrainingData *data,
                                         RdStore        *store);
void       rd_training_data_clear       (RdTrainingData *data);
GPtrArray *rd_training_data_staff_items (RdTrainingData *data,
                                         RdRecord       *staff,
                                         const GDate    *today);

gboolean   rd_training_kinds_contain    (const char     *kinds,
                                         const char     *kind);
const char *rd_training_cert_rule_kind  (guint           i);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdTrainingData, rd_training_data_clear)

G_END_DECLS
