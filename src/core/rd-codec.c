/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-codec.c: records to and from SYNC.md's "Records on the wire", driven by the table descriptions. */

#include "rd-codec.h"
#include "rd-error.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- */
/* Times and dates                                                   */
/* ---------------------------------------------------------------- */

/**
 * rd_now:
 *
 * Returns: the current time in Unix seconds
 */
gint64
rd_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * rd_time_to_iso:
 * @unix_seconds: a time
 *
 * Returns: (transfer full): the time as ISO 8601 UTC with `Z`, e.g. 2026-12-01T08:00:00Z
 */
char *
rd_time_to_iso (gint64 unix_seconds)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * rd_time_from_iso:
 * @text: an ISO 8601 time in UTC ending in `Z`
 * @unix_seconds: (out): the time
 *
 * Returns: whether @text is such a time
 */
gboolean
rd_time_from_iso (const char *text,
                  gint64     *unix_seconds)
{
  g_autoptr (GDateTime) dt = NULL;
  gsize len;

  g_return_val_if_fail (unix_seconds != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  /* The wire format is UTC only: an offset other than Z is refused rather than guessed. */
  len = strlen (text);
  if (len < 20 || text[len - 1] != 'Z' || text[10] != 'T')
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;

  *unix_seconds = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * rd_date_is_valid:
 * @text: a date as YYYY-MM-DD
 *
 * Returns: whether @text is a real calendar date in that form
 */
gboolean
rd_date_is_valid (const char *text)
{
  guint y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;

  return y >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* ---------------------------------------------------------------- */
/* Rows                                                              */
/* ---------------------------------------------------------------- */

/**
 * rd_codec_row_to_json:
 * @record: a record
 *
 * Returns: (transfer full): the record's `row` object, every column by name (null ones as null)
 */
JsonObject *
rd_codec_row_to_json (RdRecord *record)
{
  const RdTable *table;
  JsonObject *row;

  g_return_val_if_fail (RD_IS_RECORD (record), NULL);

  table = rd_record_get_table (record);
  row = json_object_new ();

  for (guint i = 0; i < table->n_columns; i++)
    {
      const RdColumn *col = &table->columns[i];

      if (rd_record_is_null_at (record, i))
        {
          json_object_set_null_member (row, col->name);
          continue;
        }

      switch (col->type)
        {
        case RD_COLUMN_TEXT:
        case RD_COLUMN_ENUM:
        case RD_COLUMN_REF:
        case RD_COLUMN_DATE:
          json_object_set_string_member (row, col->name, rd_record_get_text_at (record, i));
          break;
        case RD_COLUMN_INTEGER:
        case RD_COLUMN_MONEY:
          json_object_set_int_member (row, col->name, rd_record_get_int_at (record, i));
          break;
        case RD_COLUMN_BOOLEAN:
          json_object_set_boolean_member (row, col->name, rd_record_get_int_at (record, i) != 0);
          break;
        case RD_COLUMN_TIME:
          {
            g_autofree char *iso = rd_time_to_iso (rd_record_get_int_at (record, i));
            json_object_set_string_member (row, col->name, iso);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return row;
}

static gboolean
set_column_from_node (RdRecord        *record,
                      guint            index,
                      const RdColumn  *col,
                      JsonNode        *node,
                      GError         **error)
{
  GType vtype;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      /* A tombstone of a record that never existed has no values. */
      if (col->required && !rd_record_get_deleted (record))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s is required", col->name);
          return FALSE;
        }
      rd_record_set_null_at (record, index);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;

  vtype = json_node_get_value_type (node);

  switch (col->type)
    {
    case RD_COLUMN_TEXT:
    case RD_COLUMN_REF:
      if (vtype != G_TYPE_STRING)
        goto wrong_type;
      if (col->type == RD_COLUMN_REF && !g_uuid_string_is_valid (json_node_get_string (node)))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s must be the id (UUID) of a %s",
                       col->name, col->ref);
          return FALSE;
        }
      rd_record_set_text_at (record, index, json_node_get_string (node));
      return TRUE;

    case RD_COLUMN_ENUM:
      if (vtype != G_TYPE_STRING)
        goto wrong_type;
      if (!rd_column_enum_has_value (col, json_node_get_string (node)))
        {
          g_autofree char *values = g_strjoinv (", ", (char **) col->values);
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s must be one of: %s", col->name, values);
          return FALSE;
        }
      rd_record_set_text_at (record, index, json_node_get_string (node));
      return TRUE;

    case RD_COLUMN_DATE:
      if (vtype != G_TYPE_STRING)
        goto wrong_type;
      if (!rd_date_is_valid (json_node_get_string (node)))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s must be a date as YYYY-MM-DD", col->name);
          return FALSE;
        }
      rd_record_set_text_at (record, index, json_node_get_string (node));
      return TRUE;

    case RD_COLUMN_TIME:
      {
        gint64 t;

        if (vtype != G_TYPE_STRING)
          goto wrong_type;
        if (!rd_time_from_iso (json_node_get_string (node), &t))
          {
            g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                         "%s must be an ISO 8601 UTC time such as 2026-12-01T08:00:00Z", col->name);
            return FALSE;
          }
        rd_record_set_int_at (record, index, t);
        return TRUE;
      }

    case RD_COLUMN_INTEGER:
    case RD_COLUMN_MONEY:
      if (vtype != G_TYPE_INT64)
        goto wrong_type;
      rd_record_set_int_at (record, index, json_node_get_int (node));
      return TRUE;

    case RD_COLUMN_BOOLEAN:
      if (vtype != G_TYPE_BOOLEAN)
        goto wrong_type;
      rd_record_set_int_at (record, index, json_node_get_boolean (node) ? 1 : 0);
      return TRUE;

    default:
      g_assert_not_reached ();
    }

wrong_type:
  g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s must be of type %s%s", col->name,
               rd_column_type_to_string (col->type),
               col->type == RD_COLUMN_MONEY ? " (integer cents)" : "");
  return FALSE;
}

/**
 * rd_codec_row_from_json:
 * @record: the record to fill
 * @row: a `row` object of the wire format
 * @flags: how to treat server-owned columns
 * @error: the first column that is unknown, missing, or of the wrong type
 *
 * Sets every column of @record from @row. On error @record may be partly filled; callers
 * work on a fresh record and drop it.
 *
 * Returns: whether @row is a valid row of the record's table
 */
gboolean
rd_codec_row_from_json (RdRecord      *record,
                        JsonObject    *row,
                        RdCodecFlags   flags,
                        GError       **error)
{
  const RdTable *table;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  g_return_val_if_fail (RD_IS_RECORD (record), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  table = rd_record_get_table (record);

  json_object_iter_init (&iter, row);
  while (json_object_iter_next (&iter, &member, &node))
    if (rd_table_column_index (table, member) < 0)
      {
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s is not a column of %s", member, table->name);
        return FALSE;
      }

  for (guint i = 0; i < table->n_columns; i++)
    {
      const RdColumn *col = &table->columns[i];

      if (col->server_owned && (flags & RD_CODEC_IGNORE_SERVER_OWNED))
        continue;

      node = json_object_get_member (row, col->name);
      if (node == NULL)
        {
          if (col->required && !rd_record_get_deleted (record))
            {
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s is required", col->name);
              return FALSE;
            }
          rd_record_set_null_at (record, i);
          continue;
        }

      if (!set_column_from_node (record, i, col, node, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * rd_codec_record_to_json:
 * @record: a record
 *
 * Returns: (transfer full): `{"table","id","version","deleted","updated_at","updated_by","row"}`
 */
JsonObject *
rd_codec_record_to_json (RdRecord *record)
{
  JsonObject *object;
  g_autofree char *updated_at = NULL;

  g_return_val_if_fail (RD_IS_RECORD (record), NULL);

  updated_at = rd_time_to_iso (rd_record_get_updated_at (record));

  object = json_object_new ();
  json_object_set_string_member (object, "table", rd_record_get_table_name (record));
  json_object_set_string_member (object, "id", rd_record_get_id (record));
  json_object_set_int_member (object, "version", rd_record_get_version (record));
  json_object_set_boolean_member (object, "deleted", rd_record_get_deleted (record));
  json_object_set_string_member (object, "updated_at", updated_at);
  json_object_set_string_member (object, "updated_by", rd_record_get_updated_by (record));
  json_object_set_object_member (object, "row", rd_codec_row_to_json (record));

  return object;
}

static const char *
get_string_member (JsonObject  *object,
                   const char  *name,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "%s must be a string", name);
      return NULL;
    }

  return json_node_get_string (node);
}

/**
 * rd_codec_record_from_json:
 * @node: a record of the wire format
 * @flags: how to treat server-owned columns
 * @error: what is wrong with it
 *
 * A tombstone (`"deleted": true`) may come without a `row`.
 *
 * Returns: (transfer full) (nullable): the record
 */
RdRecord *
rd_codec_record_from_json (JsonNode      *node,
                           RdCodecFlags   flags,
                           GError       **error)
{
  g_autoptr (RdRecord) record = NULL;
  const RdTable *table;
  JsonObject *object;
  JsonNode *member;
  const char *table_name, *id;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "a record must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);

  if ((table_name = get_string_member (object, "table", error)) == NULL)
    return NULL;
  if ((table = rd_table_lookup (table_name)) == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_UNKNOWN_TABLE, "%s is not a table", table_name);
      return NULL;
    }
  if ((id = get_string_member (object, "id", error)) == NULL)
    return NULL;
  if (!g_uuid_string_is_valid (id))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "id must be a UUID");
      return NULL;
    }

  record = rd_record_new (table, id);

  if ((member = json_object_get_member (object, "version")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "version must be an integer");
          return NULL;
        }
      rd_record_set_version (record, json_node_get_int (member));
    }

  if ((member = json_object_get_member (object, "deleted")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "deleted must be true or false");
          return NULL;
        }
      rd_record_set_deleted (record, json_node_get_boolean (member));
    }

  if ((member = json_object_get_member (object, "updated_at")) != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      gint64 t;
      const char *text = get_string_member (object, "updated_at", error);

      if (text == NULL)
        return NULL;
      if (!rd_time_from_iso (text, &t))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "updated_at must be an ISO 8601 UTC time");
          return NULL;
        }
      rd_record_set_updated_at (record, t);
    }

  if ((member = json_object_get_member (object, "updated_by")) != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      const char *text = get_string_member (object, "updated_by", error);

      if (text == NULL)
        return NULL;
      rd_record_set_updated_by (record, text);
    }

  member = json_object_get_member (object, "row");
  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    {
      if (rd_record_get_deleted (record))
        return g_steal_pointer (&record);

      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "row is required");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "row must be an object");
      return NULL;
    }

  if (!rd_codec_row_from_json (record, json_node_get_object (member), flags, error))
    return NULL;

  return g_steal_pointer (&record);
}

/**
 * rd_codec_row_to_string:
 * @record: a record
 *
 * Returns: (transfer full): the `row` as compact JSON, columns in table order
 */
char *
rd_codec_row_to_string (RdRecord *record)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (RD_IS_RECORD (record), NULL);

  json_node_take_object (node, rd_codec_row_to_json (record));
  return json_to_string (node, FALSE);
}

/**
 * rd_codec_schema_to_json:
 *
 * Returns: (transfer full): the answer of `GET /v1/schema`, made from the table descriptions
 */
JsonObject *
rd_codec_schema_to_json (void)
{
  const RdTable *tables;
  JsonObject *schema, *tables_obj;
  guint n_tables;

  schema = json_object_new ();
  json_object_set_int_member (schema, "protocol", RD_PROTOCOL_VERSION);
  json_object_set_int_member (schema, "schema_version", RD_SCHEMA_VERSION);

  tables_obj = json_object_new ();
  tables = rd_tables_get_all (&n_tables);

  for (guint t = 0; t < n_tables; t++)
    {
      JsonObject *table_obj = json_object_new ();
      JsonObject *columns = json_object_new ();

      for (guint i = 0; i < tables[t].n_columns; i++)
        {
          const RdColumn *col = &tables[t].columns[i];
          JsonObject *col_obj = json_object_new ();

          json_object_set_string_member (col_obj, "type", rd_column_type_to_string (col->type));
          if (col->type == RD_COLUMN_REF)
            json_object_set_string_member (col_obj, "ref", col->ref);
          if (col->type == RD_COLUMN_ENUM)
            {
              JsonArray *values = json_array_new ();

              for (guint v = 0; col->values[v] != NULL; v++)
                json_array_add_string_element (values, col->values[v]);
              json_object_set_array_member (col_obj, "values", values);
            }
          json_object_set_boolean_member (col_obj, "required", col->required);
          if (col->server_owned)
            json_object_set_boolean_member (col_obj, "server_owned", TRUE);

          json_object_set_object_member (columns, col->name, col_obj);
        }

      json_object_set_object_member (table_obj, "columns", columns);
      json_object_set_object_member (tables_obj, tables[t].name, table_obj);
    }

  json_object_set_object_member (schema, "tables", tables_obj);
  return schema;
}
