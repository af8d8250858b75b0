/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-codec.c: records to and from the wire format of SYNC.md, for every table. */

#include <string.h>

#include "rd-codec.h"
#include "rd-error.h"

/* Fills every column of a record with a valid value of its type, varied by @n. */
static RdRecord *
make_full_record (const RdTable *table,
                  guint          n)
{
  RdRecord *r = rd_record_new (table, NULL);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const RdColumn *col = &table->columns[i];

      switch (col->type)
        {
        case RD_COLUMN_TEXT:
          {
            g_autofree char *text = g_strdup_printf ("%s «%u» \"quoted\"\n'); DROP TABLE x;--", col->name, n);
            rd_record_set_text_at (r, i, text);
          }
          break;
        case RD_COLUMN_REF:
          {
            g_autofree char *id = g_uuid_string_random ();
            rd_record_set_text_at (r, i, id);
          }
          break;
        case RD_COLUMN_ENUM:
          rd_record_set_text_at (r, i, col->values[n % g_strv_length ((char **) col->values)]);
          break;
        case RD_COLUMN_DATE:
          rd_record_set_text_at (r, i, n % 2 ? "2028-02-29" : "2026-12-31");
          break;
        case RD_COLUMN_TIME:
          rd_record_set_int_at (r, i, 1796112000 + n * 60 + i);
          break;
        case RD_COLUMN_BOOLEAN:
          rd_record_set_int_at (r, i, (n + i) % 2);
          break;
        case RD_COLUMN_INTEGER:
        case RD_COLUMN_MONEY:
          rd_record_set_int_at (r, i, (gint64) n * 1000003 - 17 + i);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  rd_record_set_version (r, n + 1);
  rd_record_set_updated_at (r, 1796112000 + n);
  rd_record_set_updated_by (r, "alice");
  return r;
}

static void
test_round_trip_every_table (void)
{
  const RdTable *tables;
  guint n_tables;

  tables = rd_tables_get_all (&n_tables);
  g_assert_cmpuint (n_tables, >=, 16);

  for (guint t = 0; t < n_tables; t++)
    for (guint n = 0; n < 4; n++)
      {
        g_autoptr (RdRecord) record = make_full_record (&tables[t], n);
        g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
        g_autoptr (RdRecord) back = NULL;
        g_autoptr (JsonNode) reparsed = NULL;
        g_autoptr (GError) error = NULL;
        g_autofree char *text = NULL;

        json_node_take_object (node, rd_codec_record_to_json (record));
        text = json_to_string (node, FALSE);

        /* Through text, as it travels. */
        reparsed = json_from_string (text, &error);
        g_assert_no_error (error);
        back = rd_codec_record_from_json (reparsed, RD_CODEC_NONE, &error);
        g_assert_no_error (error);
        g_assert_true (rd_record_equal_row (record, back));
        g_assert_cmpint (rd_record_get_version (back), ==, n + 1);
        g_assert_cmpint (rd_record_get_updated_at (back), ==, 1796112000 + n);
        g_assert_cmpstr (rd_record_get_updated_by (back), ==, "alice");
      }
}

static RdRecord *
decode (const char  *json,
        GError     **error)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return rd_codec_record_from_json (node, RD_CODEC_IGNORE_SERVER_OWNED, error);
}

#define MODALITY_ROW "\"name\":\"CT 1\",\"kind\":\"CT\",\"opening_hours\":\";;;;;;\",\"active\":true"
#define ID "\"id\":\"6f7c0a52-3c1b-4f0e-9d5e-1a2b3c4d5e6f\""

static void
test_refusals (void)
{
  static const struct { const char *json; int code; const char *names; } cases[] = {
    { "{\"table\":\"scanner\"," ID ",\"row\":{}}", RD_ERROR_UNKNOWN_TABLE, "scanner" },
    { "{\"table\":\"modality\",\"id\":\"x\",\"row\":{" MODALITY_ROW "}}", RD_ERROR_INVALID, "id" },
    { "{\"table\":\"modality\"," ID ",\"row\":{" MODALITY_ROW ",\"colour_name\":\"red\"}}", RD_ERROR_INVALID, "colour_name" },
    { "{\"table\":\"modality\"," ID ",\"row\":{\"kind\":\"CT\",\"opening_hours\":\"\",\"active\":true}}", RD_ERROR_INVALID, "name" },
    { "{\"table\":\"modality\"," ID ",\"row\":{\"name\":null,\"kind\":\"CT\",\"opening_hours\":\"\",\"active\":true}}", RD_ERROR_INVALID, "name" },
    { "{\"table\":\"modality\"," ID ",\"row\":{\"name\":\"CT\",\"kind\":\"XR\",\"opening_hours\":\"\",\"active\":true}}", RD_ERROR_INVALID, "kind" },
    { "{\"table\":\"modality\"," ID ",\"row\":{\"name\":\"CT\",\"kind\":\"CT\",\"opening_hours\":\"\",\"active\":1}}", RD_ERROR_INVALID, "active" },
    { "{\"table\":\"modality\"," ID ",\"row\":{\"name\":7,\"kind\":\"CT\",\"opening_hours\":\"\",\"active\":true}}", RD_ERROR_INVALID, "name" },
    { "{\"table\":\"budget_line\"," ID ",\"row\":{\"fiscal_year\":2026,\"category\":\"supplies\",\"amount\":12.5}}", RD_ERROR_INVALID, "amount" },
    { "{\"table\":\"certification\"," ID ",\"row\":{\"staff_id\":\"6f7c0a52-3c1b-4f0e-9d5e-1a2b3c4d5e6f\",\"kind\":\"BLS\",\"issued\":\"2026-02-30\"}}", RD_ERROR_INVALID, "issued" },
    { "{\"table\":\"downtime\"," ID ",\"row\":{\"modality_id\":\"6f7c0a52-3c1b-4f0e-9d5e-1a2b3c4d5e6f\",\"start\":\"2026-12-01T08:00:00+01:00\",\"end\":\"2026-12-01T09:00:00Z\",\"reason\":\"qc\"}}", RD_ERROR_INVALID, "start" },
    { "{\"table\":\"downtime\"," ID ",\"row\":{\"modality_id\":\"not-a-uuid\",\"start\":\"2026-12-01T08:00:00Z\",\"end\":\"2026-12-01T09:00:00Z\",\"reason\":\"qc\"}}", RD_ERROR_INVALID, "modality_id" },
    { "{\"table\":\"modality\"," ID "}", RD_ERROR_INVALID, "row" },
    { "[1,2,3]", RD_ERROR_INVALID, "object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdRecord) record = decode (cases[i].json, &error);

      g_assert_null (record);
      g_assert_error (error, RD_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].names) == NULL)
        g_error ("case %u: message '%s' does not name '%s'", i, error->message, cases[i].names);
    }
}

static void
test_server_owned_ignored (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) record = NULL;
  const char *json =
    "{\"table\":\"booking\"," ID ",\"row\":{"
    "\"modality_id\":\"6f7c0a52-3c1b-4f0e-9d5e-1a2b3c4d5e6f\",\"exam_type_id\":\"6f7c0a52-3c1b-4f0e-9d5e-1a2b3c4d5e6f\","
    "\"start\":\"2026-12-01T08:00:00Z\",\"end\":\"2026-12-01T08:20:00Z\",\"patient_name\":\"A\",\"patient_mrn\":\"1\","
    "\"priority\":\"stat\",\"status\":\"scheduled\",\"conflict_with\":\"someone\"}}";

  record = decode (json, &error);
  g_assert_no_error (error);
  g_assert_true (rd_record_is_null (record, "conflict_with"));
  g_assert_cmpint (rd_record_get_int (record, "end") - rd_record_get_int (record, "start"), ==, 20 * 60);
}

static void
test_tombstone_without_row (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) record = decode ("{\"table\":\"vendor\"," ID ",\"version\":4,\"deleted\":true}", &error);

  g_assert_no_error (error);
  g_assert_true (rd_record_get_deleted (record));
  g_assert_cmpint (rd_record_get_version (record), ==, 4);
}

static void
test_times (void)
{
  gint64 t;
  g_autofree char *iso = rd_time_to_iso (1796083200);

  g_assert_cmpstr (iso, ==, "2026-12-01T00:00:00Z");
  g_assert_true (rd_time_from_iso ("2026-03-29T01:30:00Z", &t));
  g_assert_cmpint (t, ==, 1774747800);
  g_assert_false (rd_time_from_iso ("2026-03-29 01:30", &t));
  g_assert_false (rd_time_from_iso ("2026-03-29T01:30:00", &t));
  g_assert_true (rd_date_is_valid ("2028-02-29"));
  g_assert_false (rd_date_is_valid ("2027-02-29"));
  g_assert_false (rd_date_is_valid ("2027-2-28"));
}

static void
test_schema (void)
{
  g_autoptr (JsonObject) schema = rd_codec_schema_to_json ();
  JsonObject *tables = json_object_get_object_member (schema, "tables");
  JsonObject *booking = json_object_get_object_member (json_object_get_object_member (tables, "booking"), "columns");
  JsonObject *priority = json_object_get_object_member (booking, "priority");
  JsonObject *modality_id = json_object_get_object_member (booking, "modality_id");
  guint n_tables;

  rd_tables_get_all (&n_tables);
  g_assert_cmpint (json_object_get_int_member (schema, "protocol"), ==, 1);
  g_assert_cmpuint (json_object_get_size (tables), ==, n_tables);
  g_assert_cmpstr (json_object_get_string_member (priority, "type"), ==, "enum");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (priority, "values")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (modality_id, "type"), ==, "ref");
  g_assert_cmpstr (json_object_get_string_member (modality_id, "ref"), ==, "modality");
  g_assert_true (json_object_get_boolean_member (modality_id, "required"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (booking, "notes"), "required"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codec/round-trip-every-table", test_round_trip_every_table);
  g_test_add_func ("/codec/refusals", test_refusals);
  g_test_add_func ("/codec/server-owned-ignored", test_server_owned_ignored);
  g_test_add_func ("/codec/tombstone-without-row", test_tombstone_without_row);
  g_test_add_func ("/codec/times", test_times);
  g_test_add_func ("/codec/schema", test_schema);

  return g_test_run ();
}
