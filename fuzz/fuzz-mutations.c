/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-mutations.c: a libFuzzer target for raddesk-server's push decoder and row validator. */

#include <stdint.h>
#include <string.h>

#include "rd-codec.h"
#include "rd-server.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A decoded row must encode and decode again to the same row. */
static void
check_round_trip (RdRecord *record)
{
  g_autoptr(JsonObject) row = rd_codec_row_to_json (record);
  g_autoptr(RdRecord) again = rd_record_new (rd_record_get_table (record), rd_record_get_id (record));
  g_autoptr(GError) error = NULL;

  if (!rd_codec_row_from_json (again, row, RD_CODEC_IGNORE_SERVER_OWNED, &error))
    g_error ("a decoded row does not decode again: %s", error->message);
  if (!rd_record_equal_row (record, again))
    g_error ("a decoded row changes on a round trip");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdMutationBatch) batch = NULL;

  batch = rd_server_decode_mutations ((const char *) data, size, &error);

  if (batch == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == RD_SERVER_ERROR);
      g_assert (error->code == RD_SERVER_ERROR_BAD_REQUEST || error->code == RD_SERVER_ERROR_TOO_LARGE);
      return 0;
    }

  g_assert (error == NULL);
  g_assert (batch->client_id != NULL && batch->client_id[0] != '\0');
  g_assert (batch->mutations->len <= RD_SERVER_MAX_MUTATIONS);

  for (guint i = 0; i < batch->mutations->len; i++)
    {
      RdMutation *m = g_ptr_array_index (batch->mutations, i);

      g_assert (m->mutation_id != NULL && m->table != NULL && m->id != NULL);
      g_assert (m->body_hash != NULL && strlen (m->body_hash) == 64);
      g_assert (m->base_version >= 0);

      if (m->reject_reason != NULL)
        {
          g_assert (m->record == NULL);
          g_assert (g_str_equal (m->reject_reason, "invalid") || g_str_equal (m->reject_reason, "unknown_table"));
          g_assert (m->reject_message != NULL);
        }
      else if (m->is_delete)
        g_assert (m->record == NULL);
      else
        {
          g_assert (m->record != NULL);
          g_assert (g_str_equal (rd_record_get_table_name (m->record), m->table));
          check_round_trip (m->record);
        }
    }

  return 0;
}
