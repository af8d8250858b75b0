/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contracts-page-private.h: what the contracts list (rd-contracts-page.c) and the vendors view (rd-contracts-vendors.c) share. */

#pragma once

#include "rd-contracts-page.h"
#include "rd-record-list.h"
#include "rd-record-view.h"

G_BEGIN_DECLS

struct _RdContractsPage
{
  RdPage           parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewStack    *view_stack;
  GtkToggleButton *search_button;
  GtkButton       *new_button;
  GtkBox          *uncovered_box;
  GtkLabel        *uncovered_label;
  GtkDropDown     *status_filter;
  GtkLabel        *count_label;
  RdRecordView    *view;
  RdRecordView    *vendor_view;
  GtkBox          *vendor_details;

  RdRecordList    *records;
  RdRecordList    *vendors;
  GtkCustomFilter *filter;
  GBinding        *search_binding;
  char            *vendor_id;      /* the vendor shown in the details */
  gulong           store_changed_id;
  guint            refresh_id;
  guint            reminder_id;
  guint            first_reminder_id;
};

void rd_contracts_page_today          (GDate           *out);
void rd_contracts_page_setup_vendors  (RdContractsPage *self);
void rd_contracts_page_show_vendor    (RdContractsPage *self,
                                       const char      *vendor_id);
void rd_contracts_page_refresh_vendor (RdContractsPage *self);
void rd_contracts_page_edit_contract  (RdContractsPage *self,
                                       RdRecord        *contract,
                                       const char      *vendor_id);

G_END_DECLS
