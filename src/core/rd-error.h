/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-error.h: the error domain of RadDesk's core. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_ERROR (rd_error_quark ())

typedef enum
{
  RD_ERROR_INVALID,         /* a value breaks a rule; the message names the field */
  RD_ERROR_UNKNOWN_TABLE,
  RD_ERROR_NOT_FOUND,
  RD_ERROR_NEWER_DATABASE,  /* written by a newer RadDesk: refused, left untouched */
  RD_ERROR_NOT_A_DATABASE,  /* not a RadDesk database, or corrupt: refused, left untouched */
  RD_ERROR_STORAGE,         /* the disk is full or the file cannot be written */
  RD_ERROR_CONFLICT,        /* a newer version exists */
  RD_ERROR_FORBIDDEN,
} RdError;

GQuark   rd_error_quark (void);

gboolean rd_refuse      (const char **out_field,
                         const char  *field,
                         GError     **error,
                         const char  *format,
                         ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
