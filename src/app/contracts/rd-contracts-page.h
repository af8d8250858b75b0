/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contracts-page.h: the Contracts page — service, supply and lease contracts with their renewal deadlines. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTRACTS_PAGE (rd_contracts_page_get_type ())
G_DECLARE_FINAL_TYPE (RdContractsPage, rd_contracts_page, RD, CONTRACTS_PAGE, AdwBin)

RdContractsPage *rd_contracts_page_new (RdStore *store);

G_END_DECLS
