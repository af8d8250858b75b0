/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-table.c: the table descriptions of DESIGN.md's data model, in one place. */

#include "rd-table.h"

#include <string.h>

/* ---------------------------------------------------------------- */
/* Enumerations                                                      */
/* ---------------------------------------------------------------- */

const char *const rd_modality_kinds[] = { "CT", "MR", "CR", "DX", "US", "MG", "RF", "NM", "PT", NULL };
const char *const rd_booking_statuses[] = { "requested", "scheduled", "arrived", "in_progress",
                                            "completed", "no_show", "cancelled", NULL };
const char *const rd_booking_priorities[] = { "routine", "urgent", "stat", NULL };
const char *const rd_staff_jobs[] = { "technologist", "radiologist", "nurse", "coordinator",
                                      "clerk", "manager", NULL };

static const char *const downtime_reasons[] = { "planned_maintenance", "repair", "qc", "other", NULL };
static const char *const course_categories[] = { "ris", "radiation_safety", "mri_safety", "contrast",
                                                 "bls", "equipment", "compliance", NULL };
static const char *const training_outcomes[] = { "competent", "needs_practice", "not_competent", NULL };
static const char *const movement_kinds[] = { "receive", "consume", "adjust", "expire", "transfer", NULL };
static const char *const po_statuses[] = { "draft", "submitted", "approved", "ordered",
                                           "partially_received", "received", "cancelled", NULL };
static const char *const contract_kinds[] = { "service", "maintenance", "supply", "lease", "software", NULL };
static const char *const budget_categories[] = { "supplies", "service_contracts", "equipment",
                                                 "training", "other", NULL };

/* ---------------------------------------------------------------- */
/* Tables                                                            */
/* ---------------------------------------------------------------- */

#define TEXT(n, r)      { n, RD_COLUMN_TEXT, r, NULL, NULL, FALSE }
#define INT(n, r)       { n, RD_COLUMN_INTEGER, r, NULL, NULL, FALSE }
#define MONEY(n, r)     { n, RD_COLUMN_MONEY, r, NULL, NULL, FALSE }
#define TIME(n, r)      { n, RD_COLUMN_TIME, r, NULL, NULL, FALSE }
#define DATE(n, r)      { n, RD_COLUMN_DATE, r, NULL, NULL, FALSE }
#define BOOL(n, r)      { n, RD_COLUMN_BOOLEAN, r, NULL, NULL, FALSE }
#define REF(n, t, r)    { n, RD_COLUMN_REF, r, t, NULL, FALSE }
#define ENUM(n, v, r)   { n, RD_COLUMN_ENUM, r, NULL, v, FALSE }

/* Opening hours are seven "HH:MM-HH:MM" spans from Monday to Sunday, separated by ';' (empty: closed). */
static const RdColumn modality_columns[] = {
  TEXT ("name", TRUE),
  ENUM ("kind", rd_modality_kinds, TRUE),
  TEXT ("room", FALSE),
  TEXT ("ae_title", FALSE),
  TEXT ("opening_hours", TRUE),
  TEXT ("colour", FALSE),
  BOOL ("active", TRUE),
};

static const RdColumn exam_type_columns[] = {
  TEXT ("code", TRUE),
  TEXT ("name", TRUE),
  ENUM ("modality_kind", rd_modality_kinds, TRUE),
  INT ("duration_min", TRUE),
  TEXT ("prep", FALSE),
  BOOL ("needs_contrast", TRUE),
};

static const RdColumn exam_consumable_columns[] = {
  REF ("exam_type_id", "exam_type", TRUE),
  REF ("item_id", "supply_item", TRUE),
  INT ("quantity", TRUE),
};

static const RdColumn booking_columns[] = {
  REF ("modality_id", "modality", TRUE),
  REF ("exam_type_id", "exam_type", TRUE),
  TIME ("start", TRUE),
  TIME ("end", TRUE),
  TEXT ("patient_name", TRUE),
  TEXT ("patient_mrn", TRUE),
  ENUM ("priority", rd_booking_priorities, TRUE),
  ENUM ("status", rd_booking_statuses, TRUE),
  TEXT ("referring_clinician", FALSE),
  REF ("radiologist_id", "staff", FALSE),
  REF ("technologist_id", "staff", FALSE),
  TEXT ("notes", FALSE),
  TEXT ("accession_number", FALSE),
  TEXT ("override_reason", FALSE),
  TEXT ("cancel_reason", FALSE),
  { "conflict_with", RD_COLUMN_TEXT, FALSE, NULL, NULL, TRUE },
};

/* A request waiting for a slot (the waitlist); booking_id is set once it is booked. */
static const RdColumn booking_request_columns[] = {
  REF ("exam_type_id", "exam_type", TRUE),
  TEXT ("patient_name", TRUE),
  TEXT ("patient_mrn", TRUE),
  ENUM ("priority", rd_booking_priorities, TRUE),
  TIME ("requested_at", TRUE),
  TEXT ("referring_clinician", FALSE),
  TEXT ("notes", FALSE),
  REF ("booking_id", "booking", FALSE),
};

static const RdColumn downtime_columns[] = {
  REF ("modality_id", "modality", TRUE),
  TIME ("start", TRUE),
  TIME ("end", TRUE),
  ENUM ("reason", downtime_reasons, TRUE),
  REF ("contract_id", "contract", FALSE),
  TEXT ("notes", FALSE),
};

/* modality_kinds: the kinds a person works on, comma separated ("CT,MR"). */
static const RdColumn staff_columns[] = {
  TEXT ("name", TRUE),
  ENUM ("job", rd_staff_jobs, TRUE),
  TEXT ("modality_kinds", FALSE),
  BOOL ("is_trainer", TRUE),
  TEXT ("email", FALSE),
  BOOL ("active", TRUE),
};

static const RdColumn course_columns[] = {
  TEXT ("title", TRUE),
  ENUM ("category", course_categories, TRUE),
  INT ("renewal_months", TRUE),
  INT ("hours", TRUE),
};

/* A course is required of a job, of a modality kind, or of a job on a modality kind. */
static const RdColumn course_requirement_columns[] = {
  REF ("course_id", "course", TRUE),
  ENUM ("job", rd_staff_jobs, FALSE),
  ENUM ("modality_kind", rd_modality_kinds, FALSE),
};

static const RdColumn training_record_columns[] = {
  REF ("staff_id", "staff", TRUE),
  REF ("course_id", "course", TRUE),
  DATE ("date", TRUE),
  REF ("trainer_id", "staff", FALSE),
  INT ("hours", TRUE),
  ENUM ("outcome", training_outcomes, TRUE),
  REF ("signed_off_by", "staff", FALSE),
  TIME ("signed_off_at", FALSE),
  REF ("corrects_id", "training_record", FALSE),
  TEXT ("notes", FALSE),
};

static const RdColumn certification_columns[] = {
  REF ("staff_id", "staff", TRUE),
  TEXT ("kind", TRUE),
  TEXT ("number", FALSE),
  DATE ("issued", TRUE),
  DATE ("expires", FALSE),
};

/* Doses in microsievert, so that no floating point is stored. */
static const RdColumn dose_reading_columns[] = {
  REF ("staff_id", "staff", TRUE),
  DATE ("period_start", TRUE),
  DATE ("period_end", TRUE),
  INT ("effective_usv", TRUE),
  INT ("lens_usv", FALSE),
  INT ("extremity_usv", FALSE),
};

static const RdColumn vendor_columns[] = {
  TEXT ("name", TRUE),
  TEXT ("account_number", FALSE),
  TEXT ("contact", FALSE),
  TEXT ("phone", FALSE),
  TEXT ("email", FALSE),
  TEXT ("notes", FALSE),
};

static const RdColumn supply_item_columns[] = {
  TEXT ("sku", TRUE),
  TEXT ("name", TRUE),
  TEXT ("category", TRUE),
  TEXT ("unit", TRUE),
  INT ("par_level", TRUE),
  INT ("reorder_point", TRUE),
  INT ("reorder_qty", TRUE),
  REF ("vendor_id", "vendor", FALSE),
  MONEY ("unit_cost", TRUE),
  BOOL ("lot_tracked", TRUE),
  BOOL ("active", TRUE),
};

static const RdColumn stock_movement_columns[] = {
  REF ("item_id", "supply_item", TRUE),
  INT ("quantity", TRUE),
  ENUM ("kind", movement_kinds, TRUE),
  TIME ("at", TRUE),
  TEXT ("lot", FALSE),
  DATE ("expiry", FALSE),
  REF ("booking_id", "booking", FALSE),
  REF ("po_id", "purchase_order", FALSE),
  TEXT ("reason", FALSE),
};

static const RdColumn purchase_order_columns[] = {
  TEXT ("number", TRUE),
  REF ("vendor_id", "vendor", TRUE),
  ENUM ("status", po_statuses, TRUE),
  REF ("budget_line_id", "budget_line", FALSE),
  DATE ("ordered_on", FALSE),
  TEXT ("over_budget_reason", FALSE),
  TEXT ("notes", FALSE),
};

static const RdColumn po_line_columns[] = {
  REF ("po_id", "purchase_order", TRUE),
  REF ("item_id", "supply_item", TRUE),
  INT ("quantity", TRUE),
  MONEY ("unit_cost", TRUE),
  INT ("received_qty", TRUE),
};

static const RdColumn contract_columns[] = {
  REF ("vendor_id", "vendor", TRUE),
  TEXT ("title", TRUE),
  ENUM ("kind", contract_kinds, TRUE),
  REF ("modality_id", "modality", FALSE),
  DATE ("start", TRUE),
  DATE ("end", TRUE),
  MONEY ("annual_value", TRUE),
  BOOL ("auto_renew", TRUE),
  INT ("notice_days", TRUE),
  TEXT ("document_ref", FALSE),
};

static const RdColumn budget_line_columns[] = {
  INT ("fiscal_year", TRUE),
  ENUM ("category", budget_categories, TRUE),
  MONEY ("amount", TRUE),
  TEXT ("name", FALSE),
};

#define TABLE(n, cols, label) { n, cols, G_N_ELEMENTS (cols), label }

/* Referenced tables come before the tables that refer to them. */
static const RdTable tables[] = {
  TABLE ("modality", modality_columns, "name"),
  TABLE ("vendor", vendor_columns, "name"),
  TABLE ("supply_item", supply_item_columns, "name"),
  TABLE ("exam_type", exam_type_columns, "name"),
  TABLE ("exam_consumable", exam_consumable_columns, "item_id"),
  TABLE ("staff", staff_columns, "name"),
  TABLE ("booking", booking_columns, "patient_name"),
  TABLE ("booking_request", booking_request_columns, "patient_name"),
  TABLE ("contract", contract_columns, "title"),
  TABLE ("downtime", downtime_columns, "reason"),
  TABLE ("course", course_columns, "title"),
  TABLE ("course_requirement", course_requirement_columns, "course_id"),
  TABLE ("training_record", training_record_columns, "date"),
  TABLE ("certification", certification_columns, "kind"),
  TABLE ("dose_reading", dose_reading_columns, "period_start"),
  TABLE ("budget_line", budget_line_columns, "name"),
  TABLE ("purchase_order", purchase_order_columns, "number"),
  TABLE ("po_line", po_line_columns, "item_id"),
  TABLE ("stock_movement", stock_movement_columns, "kind"),
};

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_tables_get_all:
 * @n_tables: (out): the number of tables
 *
 * Returns: (transfer none): every synced table, referenced ones first
 */
const RdTable *
rd_tables_get_all (guint *n_tables)
{
  g_return_val_if_fail (n_tables != NULL, NULL);

  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

/**
 * rd_table_lookup:
 * @name: a table name of the wire format
 *
 * Returns: (transfer none) (nullable): the table, or %NULL when there is none of that name
 */
const RdTable *
rd_table_lookup (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (strcmp (tables[i].name, name) == 0)
      return &tables[i];

  return NULL;
}

/**
 * rd_table_column_index:
 * @table: a table
 * @column: a column name
 *
 * Returns: the column's index, or -1 when the table has no such column
 */
int
rd_table_column_index (const RdTable *table,
                       const char    *column)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (column != NULL, -1);

  for (guint i = 0; i < table->n_columns; i++)
    if (strcmp (table->columns[i].name, column) == 0)
      return (int) i;

  return -1;
}

/**
 * rd_table_get_column:
 * @table: a table
 * @column: a column name
 *
 * Returns: (transfer none) (nullable): the column, or %NULL
 */
const RdColumn *
rd_table_get_column (const RdTable *table,
                     const char    *column)
{
  int i = rd_table_column_index (table, column);

  return i < 0 ? NULL : &table->columns[i];
}

/**
 * rd_column_type_to_string:
 * @type: a column type
 *
 * Returns: the type's name in `GET /v1/schema`
 */
const char *
rd_column_type_to_string (RdColumnType type)
{
  switch (type)
    {
    case RD_COLUMN_TEXT: return "text";
    case RD_COLUMN_INTEGER: return "integer";
    case RD_COLUMN_MONEY: return "money";
    case RD_COLUMN_TIME: return "time";
    case RD_COLUMN_DATE: return "date";
    case RD_COLUMN_BOOLEAN: return "boolean";
    case RD_COLUMN_REF: return "ref";
    case RD_COLUMN_ENUM: return "enum";
    default: g_assert_not_reached ();
    }
}

/**
 * rd_column_enum_has_value:
 * @column: an enum column
 * @value: a value
 *
 * Returns: whether @value is one of the column's values
 */
gboolean
rd_column_enum_has_value (const RdColumn *column,
                          const char     *value)
{
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (column->type == RD_COLUMN_ENUM, FALSE);

  if (value == NULL)
    return FALSE;

  for (guint i = 0; column->values[i] != NULL; i++)
    if (strcmp (column->values[i], value) == 0)
      return TRUE;

  return FALSE;
}
