/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-application.h: the RadDesk application — options, the department's store and the window. */

#pragma once

#include <adwaita.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_APPLICATION (rd_application_get_type ())
G_DECLARE_FINAL_TYPE (RdApplication, rd_application, RD, APPLICATION, AdwApplication)

RdApplication *rd_application_new              (void);
RdStore       *rd_application_get_store        (RdApplication *self);
char          *rd_application_dup_default_path (void);
char          *rd_application_dup_demo_path    (void);
RdStore       *rd_application_open_demo        (const char    *path,
                                                GError       **error);
char          *rd_application_describe_error   (const char    *path,
                                                const GError  *error);

G_END_DECLS
