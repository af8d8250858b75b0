/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-table.h: the one description of every synced table, driving the store, the codec and /v1/schema. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RD_SCHEMA_VERSION:
 *
 * The schema version of the synced tables; it rises with every migration.
 */
#define RD_SCHEMA_VERSION 3

/**
 * RD_PROTOCOL_VERSION:
 *
 * The version of the sync protocol of SYNC.md.
 */
#define RD_PROTOCOL_VERSION 1

/* The most columns a table has (the store reads a row into arrays of this size). */
#define RD_MAX_COLUMNS 32

typedef enum
{
  RD_COLUMN_TEXT,
  RD_COLUMN_INTEGER,
  RD_COLUMN_MONEY,
  RD_COLUMN_TIME,
  RD_COLUMN_DATE,
  RD_COLUMN_BOOLEAN,
  RD_COLUMN_REF,
  RD_COLUMN_ENUM,
} RdColumnType;

typedef struct
{
  const char         *name;
  RdColumnType        type;
  gboolean            required;
  const char         *ref;    /* RD_COLUMN_REF: the table referred to */
  const char *const  *values; /* RD_COLUMN_ENUM: NULL-terminated */
  gboolean            server_owned; /* set by the server only (booking.conflict_with) */
} RdColumn;

typedef struct
{
  const char     *name;
  const RdColumn *columns;
  guint           n_columns;
  const char     *label_column; /* what a person calls a record of this table */
} RdTable;

const RdTable  *rd_tables_get_all           (guint              *n_tables);
const RdTable  *rd_table_lookup             (const char         *name);
int             rd_table_column_index       (const RdTable      *table,
                                             const char         *column);
const RdColumn *rd_table_get_column         (const RdTable      *table,
                                             const char         *column);
const char     *rd_column_type_to_string    (RdColumnType        type);
gboolean        rd_column_enum_has_value    (const RdColumn     *column,
                                             const char         *value);

/* Enumerations whose values the rules depend on, shared with the app. */
extern const char *const rd_modality_kinds[];
extern const char *const rd_booking_statuses[];
extern const char *const rd_booking_priorities[];
extern const char *const rd_staff_jobs[];

G_END_DECLS
