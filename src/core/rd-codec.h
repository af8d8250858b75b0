/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-codec.h: records to and from SYNC.md's "Records on the wire", driven by the table descriptions. */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-record.h"

G_BEGIN_DECLS

typedef enum
{
  RD_CODEC_NONE = 0,
  RD_CODEC_IGNORE_SERVER_OWNED = 1 << 0, /* drop conflict_with as a client sent it */
} RdCodecFlags;

/* Times: ISO 8601 UTC with Z, to the second. */
char       *rd_time_to_iso            (gint64          unix_seconds);
gboolean    rd_time_from_iso          (const char     *text,
                                       gint64         *unix_seconds);
gboolean    rd_date_is_valid          (const char     *text);
gint64      rd_now                    (void);

JsonObject *rd_codec_row_to_json      (RdRecord       *record);
gboolean    rd_codec_row_from_json    (RdRecord       *record,
                                       JsonObject     *row,
                                       RdCodecFlags    flags,
                                       GError        **error);
JsonObject *rd_codec_record_to_json   (RdRecord       *record);
RdRecord   *rd_codec_record_from_json (JsonNode       *node,
                                       RdCodecFlags    flags,
                                       GError        **error);
char       *rd_codec_row_to_string    (RdRecord       *record);
JsonObject *rd_codec_schema_to_json   (void);

G_END_DECLS
