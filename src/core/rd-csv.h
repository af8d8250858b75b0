/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-csv.h: a small RFC 4180 reader and writer (quoted fields, doubled quotes, CRLF or LF). */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *rd_csv_parse        (const char        *text,
                                gssize             length,
                                GError           **error);
char      *rd_csv_quote        (const char        *field);
void       rd_csv_append_row   (GString           *out,
                                const char *const *fields,
                                gssize             n_fields);
int        rd_csv_find_column  (const char *const *header,
                                const char        *name);

G_END_DECLS
