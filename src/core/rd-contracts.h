/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contracts.h: vendor contracts — status, notice deadlines, validation, uncovered modalities, reminders. */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

/**
 * RD_CONTRACT_RENEWAL_DAYS:
 *
 * A contract whose notice deadline lies within this many days of today is "renewal due".
 */
#define RD_CONTRACT_RENEWAL_DAYS 90

/**
 * RdContractStatus:
 * @RD_CONTRACT_ACTIVE: running, and its notice deadline is more than
 *   %RD_CONTRACT_RENEWAL_DAYS days away
 * @RD_CONTRACT_RENEWAL_DUE: running, and its notice deadline is within
 *   %RD_CONTRACT_RENEWAL_DAYS days, or has passed while the contract still runs
 * @RD_CONTRACT_EXPIRED: its end date has passed
 * @RD_CONTRACT_UPCOMING: it starts after today
 */
typedef enum
{
  RD_CONTRACT_ACTIVE,
  RD_CONTRACT_RENEWAL_DUE,
  RD_CONTRACT_EXPIRED,
  RD_CONTRACT_UPCOMING,
} RdContractStatus;

gboolean          rd_contract_parse_date        (const char   *text,
                                                 GDate        *out);
char             *rd_contract_format_date       (const GDate  *date);
gboolean          rd_contract_notice_deadline   (RdRecord     *contract,
                                                 GDate        *out);
RdContractStatus  rd_contract_get_status        (RdRecord     *contract,
                                                 const GDate  *today);
gboolean          rd_contract_is_running        (RdRecord     *contract,
                                                 const GDate  *today);
int               rd_contract_days_to_deadline  (RdRecord     *contract,
                                                 const GDate  *today);
const char       *rd_contract_status_to_string  (RdContractStatus status);
const char       *rd_contract_status_label      (RdContractStatus status);
char             *rd_contract_describe_deadline (RdRecord     *contract,
                                                 const GDate  *today);

/* Validation and saving: refuses with RD_ERROR_INVALID and a sentence, names the column in
 * @out_field (NULL for the record as a whole) and saves nothing. */
gboolean          rd_contract_check             (RdStore      *store,
                                                 RdRecord     *contract,
                                                 const char  **out_field,
                                                 GError      **error);
gboolean          rd_contract_save              (RdStore      *store,
                                                 RdRecord     *contract,
                                                 const char   *user,
                                                 const char  **out_field,
                                                 GError      **error);
gboolean          rd_vendor_check               (RdStore      *store,
                                                 RdRecord     *vendor,
                                                 const char  **out_field,
                                                 GError      **error);
gboolean          rd_vendor_save                (RdStore      *store,
                                                 RdRecord     *vendor,
                                                 const char   *user,
                                                 const char  **out_field,
                                                 GError      **error);

/* Lists */
GPtrArray        *rd_contracts_list_notice_due  (RdStore      *store,
                                                 const GDate  *today,
                                                 guint         days);
GPtrArray        *rd_contracts_uncovered_modalities (RdStore  *store,
                                                     const GDate *today);
GPtrArray        *rd_contracts_for_modality     (RdStore      *store,
                                                 const char   *modality_id);

/* Reminders: at most one a day per contract, remembered in the store's meta table under
 * "notified:<contract id>:<YYYY-MM-DD>". */
gboolean          rd_contracts_should_notify    (RdStore      *store,
                                                 const char   *contract_id,
                                                 const GDate  *today);
gboolean          rd_contracts_mark_notified    (RdStore      *store,
                                                 const char   *contract_id,
                                                 const GDate  *today,
                                                 GError      **error);
GPtrArray        *rd_contracts_reminders_due    (RdStore      *store,
                                                 const GDate  *today);
guint             rd_contracts_send_reminders   (GApplication *application,
                                                 RdStore      *store,
                                                 const GDate  *today);

G_END_DECLS
