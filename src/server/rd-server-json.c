/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-json.c: writes the feed's changes as JSON text straight from records, for the pull's hot path. */

#include "config.h"

#include <string.h>

#include "rd-codec.h"
#include "rd-server.h"

/**
 * rd_server_append_json_string:
 * @out: where to write
 * @text: (nullable): a string, %NULL for null
 *
 * Writes @text as a JSON string (text that is not UTF-8 is made valid first).
 */
void
rd_server_append_json_string (GString    *out,
                              const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_member_name (GString    *out,
                    const char *name,
                    gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  rd_server_append_json_string (out, name);
  g_string_append_c (out, ':');
}

static void
append_time (GString *out,
             gint64   unix_seconds)
{
  g_autofree char *iso = rd_time_to_iso (unix_seconds);

  rd_server_append_json_string (out, iso);
}

/**
 * rd_server_append_change_json:
 * @out: where to write
 * @record: a record of the feed
 * @seq: its place in the feed
 *
 * Writes the same object as rd_codec_record_to_json() with a `seq` member, member for member,
 * without building a tree of JSON nodes first: a pull of 5000 records is mostly this.
 */
void
rd_server_append_change_json (GString  *out,
                              RdRecord *record,
                              gint64    seq)
{
  const RdTable *table;

  g_return_if_fail (out != NULL);
  g_return_if_fail (RD_IS_RECORD (record));

  table = rd_record_get_table (record);

  g_string_append_c (out, '{');
  append_member_name (out, "table", TRUE);
  rd_server_append_json_string (out, rd_record_get_table_name (record));
  append_member_name (out, "id", FALSE);
  rd_server_append_json_string (out, rd_record_get_id (record));
  append_member_name (out, "version", FALSE);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, rd_record_get_version (record));
  append_member_name (out, "deleted", FALSE);
  g_string_append (out, rd_record_get_deleted (record) ? "true" : "false");
  append_member_name (out, "updated_at", FALSE);
  append_time (out, rd_record_get_updated_at (record));
  append_member_name (out, "updated_by", FALSE);
  rd_server_append_json_string (out, rd_record_get_updated_by (record));
  append_member_name (out, "row", FALSE);

  g_string_append_c (out, '{');
  for (guint i = 0; i < table->n_columns; i++)
    {
      const RdColumn *col = &table->columns[i];

      append_member_name (out, col->name, i == 0);
      if (rd_record_is_null_at (record, i))
        {
          g_string_append (out, "null");
          continue;
        }

      switch (col->type)
        {
        case RD_COLUMN_TEXT:
        case RD_COLUMN_ENUM:
        case RD_COLUMN_REF:
        case RD_COLUMN_DATE:
          rd_server_append_json_string (out, rd_record_get_text_at (record, i));
          break;
        case RD_COLUMN_INTEGER:
        case RD_COLUMN_MONEY:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, rd_record_get_int_at (record, i));
          break;
        case RD_COLUMN_BOOLEAN:
          g_string_append (out, rd_record_get_int_at (record, i) != 0 ? "true" : "false");
          break;
        case RD_COLUMN_TIME:
          append_time (out, rd_record_get_int_at (record, i));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append_c (out, '}');

  append_member_name (out, "seq", FALSE);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, seq);
  g_string_append_c (out, '}');
}
