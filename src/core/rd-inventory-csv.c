/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-csv.c: supply items to and from CSV, with a preview of every row refused and why. */

#include "rd-inventory.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-csv.h"
#include "rd-error.h"

/*
 * The columns, as in the department's reference list (supply-items.csv):
 *   sku,name,category,unit,par_level,reorder_point,reorder_qty,unit_cost_cents,lot_tracked,vendor
 * plus an optional "active". The vendor is named, not referred to by id. Instead of
 * unit_cost_cents a file may have unit_cost written in currency units ("25.00").
 */

enum
{
  COL_SKU,
  COL_NAME,
  COL_CATEGORY,
  COL_UNIT,
  COL_PAR,
  COL_REORDER_POINT,
  COL_REORDER_QTY,
  COL_UNIT_COST_CENTS,
  COL_LOT_TRACKED,
  COL_VENDOR,
  COL_ACTIVE,
  COL_UNIT_COST,
  N_COLS
};

static const char *const column_names[N_COLS] = {
  "sku", "name", "category", "unit", "par_level", "reorder_point", "reorder_qty",
  "unit_cost_cents", "lot_tracked", "vendor", "active", "unit_cost",
};

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
parse_count (const char *text,
             gint64     *out)
{
  guint64 value;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

/* "25", "25.5", "25.50" → cents, digit by digit (rd-inventory-items.c). */
static gboolean
parse_money (const char *text,
             gint64     *out)
{
  return rd_inventory_parse_money (text, out);
}

static gboolean
parse_yes_no (const char *text,
              gboolean   *out)
{
  static const char *const yes[] = { "yes", "y", "true", "1", NULL };
  static const char *const no[] = { "no", "n", "false", "0", "", NULL };

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*out = TRUE);
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      {
        *out = FALSE;
        return TRUE;
      }
  return FALSE;
}

static const char *
field_at (GStrv       row,
          const int  *index,
          int         col)
{
  return index[col] >= 0 ? row[index[col]] : NULL;
}

/* Checks one row; returns the reason it is refused, or NULL with *out_item set. */
static char *
check_row (GStrv        row,
           guint        n_header,
           const int   *index,
           GHashTable  *vendors,
           GHashTable  *skus,
           guint        line,
           RdRecord   **out_item)
{
  static const int counts[] = { COL_PAR, COL_REORDER_POINT, COL_REORDER_QTY };
  g_autoptr (RdRecord) item = rd_record_new_for_table ("supply_item");
  g_autofree char *sku = NULL;
  const char *text;
  const char *vendor_id = NULL;
  gint64 values[3], cost = 0;
  gboolean lot_tracked = FALSE, active = TRUE;
  gpointer seen;

  if (g_strv_length (row) != n_header)
    return g_strdup_printf (_("%u fields where the header has %u."), g_strv_length (row), n_header);

  for (int col = COL_SKU; col <= COL_UNIT; col++)
    {
      g_autofree char *value = g_strstrip (g_strdup (field_at (row, index, col)));

      if (value[0] == '\0')
        return g_strdup_printf (_("%s is empty."), column_names[col]);
      rd_record_set_text (item, column_names[col], value);
    }
  sku = g_strdup (rd_record_get_text (item, "sku"));

  if (g_hash_table_lookup_extended (skus, sku, NULL, &seen))
    {
      guint first = GPOINTER_TO_UINT (seen);

      return first == 0 ? g_strdup_printf (_("SKU %s already exists."), sku)
                        : g_strdup_printf (_("SKU %s appears twice (also line %u)."), sku, first);
    }

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      text = field_at (row, index, counts[i]);
      if (!parse_count (text, &values[i]))
        return g_strdup_printf (_("%s: “%s” is not a whole number of zero or more."),
                                column_names[counts[i]], text);
      rd_record_set_int (item, column_names[counts[i]], values[i]);
    }
  if (values[1] > values[0])
    return g_strdup_printf (_("The reorder point (%lld) is above the par level (%lld)."),
                            (long long) values[1], (long long) values[0]);

  if (index[COL_UNIT_COST_CENTS] >= 0)
    {
      text = field_at (row, index, COL_UNIT_COST_CENTS);
      if (!parse_count (text, &cost))
        return g_strdup_printf (_("unit_cost_cents: “%s” is not a whole number of cents."), text);
    }
  else
    {
      text = field_at (row, index, COL_UNIT_COST);
      if (!parse_money (text, &cost))
        return g_strdup_printf (_("unit_cost: “%s” is not an amount like 25.00."), text);
    }
  rd_record_set_int (item, "unit_cost", cost);

  if ((text = field_at (row, index, COL_LOT_TRACKED)) != NULL && !parse_yes_no (text, &lot_tracked))
    return g_strdup_printf (_("lot_tracked: “%s” is neither yes nor no."), text);
  if ((text = field_at (row, index, COL_ACTIVE)) != NULL && text[0] && !parse_yes_no (text, &active))
    return g_strdup_printf (_("active: “%s” is neither yes nor no."), text);
  rd_record_set_bool (item, "lot_tracked", lot_tracked);
  rd_record_set_bool (item, "active", active);

  if ((text = field_at (row, index, COL_VENDOR)) != NULL && text[0] != '\0')
    {
      g_autofree char *key = g_utf8_casefold (text, -1);

      vendor_id = g_hash_table_lookup (vendors, g_strstrip (key));
      if (vendor_id == NULL)
        return g_strdup_printf (_("Unknown vendor “%s”: add the vendor first."), text);
      rd_record_set_text (item, "vendor_id", vendor_id);
    }

  g_hash_table_insert (skus, g_strdup (sku), GUINT_TO_POINTER (line));
  *out_item = g_steal_pointer (&item);
  return NULL;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

void
rd_import_row_free (RdImportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->sku);
  g_free (row->reason);
  g_clear_object (&row->item);
  g_free (row);
}

/**
 * rd_inventory_export_items_csv:
 * @store: a store
 *
 * Returns: (transfer full): the live supply items as CSV, by SKU, with the columns the import
 *   reads (so an export imports into an empty department as it is)
 */
char *
rd_inventory_export_items_csv (RdStore *store)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GHashTable) vendor_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) vendors = NULL;
  GString *out = g_string_new (NULL);
  const char *header[] = { "sku", "name", "category", "unit", "par_level", "reorder_point",
                           "reorder_qty", "unit_cost_cents", "lot_tracked", "vendor", "active" };

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  vendors = rd_store_list (store, "vendor", NULL);
  for (guint i = 0; i < vendors->len; i++)
    {
      RdRecord *v = g_ptr_array_index (vendors, i);

      g_hash_table_insert (vendor_names, g_strdup (rd_record_get_id (v)),
                           g_strdup (rd_record_get_text (v, "name")));
    }

  rd_csv_append_row (out, header, G_N_ELEMENTS (header));
  items = rd_store_list (store, "supply_item", "sku");
  for (guint i = 0; i < items->len; i++)
    {
      RdRecord *item = g_ptr_array_index (items, i);
      g_autofree char *par = g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int (item, "par_level"));
      g_autofree char *rp = g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int (item, "reorder_point"));
      g_autofree char *rq = g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int (item, "reorder_qty"));
      g_autofree char *cost = g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int (item, "unit_cost"));
      const char *vendor_id = rd_record_get_text (item, "vendor_id");
      const char *fields[] = {
        rd_record_get_text (item, "sku"), rd_record_get_text (item, "name"),
        rd_record_get_text (item, "category"), rd_record_get_text (item, "unit"),
        par, rp, rq, cost,
        rd_record_get_bool (item, "lot_tracked") ? "yes" : "no",
        vendor_id != NULL ? g_hash_table_lookup (vendor_names, vendor_id) : NULL,
        rd_record_get_bool (item, "active") ? "yes" : "no",
      };

      rd_csv_append_row (out, fields, G_N_ELEMENTS (fields));
    }

  return g_string_free (out, FALSE);
}

/**
 * rd_inventory_preview_items_csv:
 * @store: a store
 * @text: the CSV file's contents
 * @length: its length, or -1
 * @error: why the file cannot be read at all (not CSV, a required column missing)
 *
 * Checks every row without writing anything: a row is refused when a required field is empty,
 * its field count differs from the header's, its SKU exists already or appears twice in the
 * file, a number is not a whole number of zero or more, the reorder point is above par, a
 * yes/no field is neither, or its vendor is unknown.
 *
 * Returns: (transfer full) (element-type RdImportRow): one row per data line, in file order
 */
GPtrArray *
rd_inventory_preview_items_csv (RdStore     *store,
                                const char  *text,
                                gssize       length,
                                GError     **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) preview = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) vendors = NULL;
  g_autoptr (GHashTable) vendor_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *const *header;
  int index[N_COLS];

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if ((rows = rd_csv_parse (text, length, error)) == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }

  header = g_ptr_array_index (rows, 0);
  for (int col = 0; col < N_COLS; col++)
    index[col] = rd_csv_find_column (header, column_names[col]);
  for (int col = COL_SKU; col <= COL_REORDER_QTY; col++)
    if (index[col] < 0)
      {
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                     _("The file has no “%s” column. The first line must name the columns: "
                       "sku, name, category, unit, par_level, reorder_point, reorder_qty, "
                       "unit_cost_cents, lot_tracked, vendor."), column_names[col]);
        return NULL;
      }
  if (index[COL_UNIT_COST_CENTS] < 0 && index[COL_UNIT_COST] < 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The file has no “unit_cost_cents” column."));
      return NULL;
    }

  vendors = rd_store_list (store, "vendor", NULL);
  for (guint i = 0; i < vendors->len; i++)
    {
      RdRecord *v = g_ptr_array_index (vendors, i);
      g_autofree char *key = g_utf8_casefold (rd_record_get_text (v, "name"), -1);

      g_hash_table_insert (vendor_ids, g_strdup (g_strstrip (key)), g_strdup (rd_record_get_id (v)));
    }
  items = rd_store_list (store, "supply_item", NULL);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (skus, g_strdup (rd_record_get_text (g_ptr_array_index (items, i), "sku")),
                         GUINT_TO_POINTER (0));

  preview = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_import_row_free);
  for (guint r = 1; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      RdImportRow *out = g_new0 (RdImportRow, 1);

      /* Line numbers count data rows after the header; a quoted line break is not counted. */
      out->line = r + 1;
      out->sku = index[COL_SKU] < (int) g_strv_length (row) ? g_strdup (row[index[COL_SKU]]) : NULL;
      out->reason = check_row (row, g_strv_length ((GStrv) header), index, vendor_ids, skus,
                               out->line, &out->item);
      g_ptr_array_add (preview, out);
    }

  return g_steal_pointer (&preview);
}

/**
 * rd_inventory_import_items:
 * @store: a store
 * @preview: (element-type RdImportRow): from rd_inventory_preview_items_csv()
 * @user: who imports
 * @n_imported: (out) (optional): how many items were written
 * @error: why nothing was written
 *
 * Writes the rows the preview accepted, all in one transaction; refused rows are skipped.
 *
 * Returns: whether the import was saved
 */
gboolean
rd_inventory_import_items (RdStore     *store,
                           GPtrArray   *preview,
                           const char  *user,
                           guint       *n_imported,
                           GError     **error)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  if (!rd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < preview->len; i++)
    {
      RdImportRow *row = g_ptr_array_index (preview, i);

      if (row->item == NULL)
        continue;
      if (!rd_store_save (store, row->item, user, error))
        {
          rd_store_rollback (store);
          return FALSE;
        }
      n++;
    }
  if (!rd_store_commit (store, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = n;
  return TRUE;
}
