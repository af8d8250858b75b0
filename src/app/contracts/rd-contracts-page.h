/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contracts-page.h: the Contracts page — contracts with status and notice deadline, and the vendors view. */

#pragma once

#include <adwaita.h>

#include "rd-page.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTRACTS_PAGE (rd_contracts_page_get_type ())
G_DECLARE_FINAL_TYPE (RdContractsPage, rd_contracts_page, RD, CONTRACTS_PAGE, RdPage)

RdContractsPage *rd_contracts_page_new           (RdStore         *store);
gboolean         rd_contracts_page_show_contract (RdContractsPage *self,
                                                  const char      *contract_id);
void             rd_contracts_page_show_status   (RdContractsPage *self,
                                                  const char      *status);

G_END_DECLS
