/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-page.h: the base of every page in the window's stack — its store and whether the window is folded. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_PAGE (rd_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (RdPage, rd_page, RD, PAGE, AdwBin)

struct _RdPageClass
{
  AdwBinClass parent_class;

  /* Shows the store's current records again; when set, every change to the store calls it once,
   * at low priority, however many changes come in a row (a sync pull). */
  void      (*refresh) (RdPage *self);

  gpointer    padding[3];
};

RdStore  *rd_page_get_store     (RdPage *self);
gboolean  rd_page_get_folded    (RdPage *self);
void      rd_page_queue_refresh (RdPage *self);

G_END_DECLS
