/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule.h: the booking rules — collisions, opening hours, slots, downtime rebooking. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

char *rd_schedule_find_collision (RdStore    *store,
                                  RdRecord   *booking,
                                  char      **out_table);

G_END_DECLS
