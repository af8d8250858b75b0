/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-demo.h: a seeded, repeatable demo department for trying RadDesk out, for tests and benchmarks. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

gboolean rd_demo_generate (RdStore    *store,
                           guint32     seed,
                           GDateTime  *today,
                           GError    **error);

G_END_DECLS
