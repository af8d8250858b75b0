/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-ui-test.h: what every UI test needs — a folder of its own, a demo department, the real window, a settled main loop, widgets found by type. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"
#include "rd-window.h"

G_BEGIN_DECLS

/* The usual fixture: a temporary folder, a demo department in it and the main window on it. */
typedef struct
{
  char     *dir;
  RdStore  *store;
  RdWindow *window;
} RdUiTest;

typedef gboolean (*RdUiMatch) (GtkWidget     *widget,
                               gconstpointer  data);

void       rd_ui_test_drain          (void);
char      *rd_ui_test_make_dir       (const char    *name);
void       rd_ui_test_remove_dir     (const char    *path);
RdStore   *rd_ui_test_open_demo      (const char    *dir);
RdWindow  *rd_ui_test_open_window    (RdStore       *store,
                                      int            width,
                                      int            height);
void       rd_ui_test_destroy_window (gpointer       window);

void       rd_ui_test_set_up         (RdUiTest      *test,
                                      const char    *name,
                                      int            width,
                                      int            height);
void       rd_ui_test_tear_down      (RdUiTest      *test,
                                      gconstpointer  data);

GtkWidget *rd_ui_test_find           (GtkWidget     *root,
                                      RdUiMatch      match,
                                      gconstpointer  data);
GtkWidget *rd_ui_test_find_type      (GtkWidget     *root,
                                      GType          type);
void       rd_ui_test_collect_type   (GtkWidget     *root,
                                      GType          type,
                                      GPtrArray     *out);
gpointer   rd_ui_test_find_toplevel  (GType          type);

gboolean   rd_ui_test_is_row_titled  (GtkWidget     *widget,
                                      gconstpointer  title);
void       rd_ui_test_set_row_text   (GtkWidget     *root,
                                      const char    *title,
                                      const char    *text);
char      *rd_ui_test_select_record  (GtkWidget     *page,
                                      const char    *column,
                                      const char    *value);

G_END_DECLS
