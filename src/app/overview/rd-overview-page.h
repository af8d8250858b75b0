/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-overview-page.h: the Overview page — today's bookings per modality and what needs attention. */

#pragma once

#include <adwaita.h>

#include "rd-page.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_OVERVIEW_PAGE (rd_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RdOverviewPage, rd_overview_page, RD, OVERVIEW_PAGE, RdPage)

RdOverviewPage *rd_overview_page_new (RdStore *store);

G_END_DECLS
