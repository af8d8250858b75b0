/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-page.h: the Staff & Training page — the department’s staff, their jobs and the modalities they work on. */

#pragma once

#include <adwaita.h>

#include "rd-page.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_TRAINING_PAGE (rd_training_page_get_type ())
G_DECLARE_FINAL_TYPE (RdTrainingPage, rd_training_page, RD, TRAINING_PAGE, RdPage)

RdTrainingPage *rd_training_page_new (RdStore *store);

G_END_DECLS
