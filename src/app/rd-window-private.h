/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-window-private.h: what rd-window.c and rd-window-actions.c share of the main window. */

#pragma once

#include "rd-window.h"
#include "rd-sync-client.h"

G_BEGIN_DECLS

struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkWidget            *content_box;
  GtkListBox           *sidebar;
  GtkStack             *stack;

  RdStore              *store;
  RdSyncClient         *sync;
  GSettings            *settings;
};

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
} RdWindowPageInfo;

extern const RdWindowPageInfo rd_window_pages[];
extern const guint rd_window_n_pages;

void rd_window_class_init_actions (GtkWidgetClass *widget_class);
void rd_window_show_sidebar       (RdWindow       *self);

G_END_DECLS
