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

  gpointer    padding[4];
};

RdStore  *rd_page_get_store  (RdPage *self);
gboolean  rd_page_get_folded (RdPage *self);

G_END_DECLS
