/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-compliance.c: where each person stands — their items, lapses for a modality, what is due, the matrix. */

#include "config.h"

#include <string.h>

#include "rd-training.h"
#include "rd-training-private.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

/* Course categories whose lapse keeps a person off a modality (see rd_training_staff_lapsed_for_kind). */
static const char *const safety_categories[] = {
  "radiation_safety", "mri_safety", "contrast", "bls", "equipment", NULL,
};

struct _RdTrainingMatrix
{
  GPtrArray *staff;    /* of RdRecord */
  GPtrArray *columns;  /* of RdTrainingColumn */
  GPtrArray *cells;    /* n_staff × n_columns of RdTrainingItem, NULL where not required */
};

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
strv_has (const char *const *strv,
          const char        *s)
{
  return s != NULL && g_strv_contains (strv, s);
}

/* ---------------------------------------------------------------- */
/* Public API: compliance                                            */
/* ---------------------------------------------------------------- */

/**
 * rd_training_staff_items:
 * @store: a store
 * @staff_id: a staff id
 * @today: today in the department's time zone
 *
 * Returns: (transfer full) (element-type RdTrainingItem): every course and certification the
 *   person must have, with where they stand; empty for an unknown person
 */
GPtrArray *
rd_training_staff_items (RdStore     *store,
                         const char  *staff_id,
                         const GDate *today)
{
  g_auto (RdTrainingData) data = { 0 };
  g_autoptr (RdRecord) staff = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL && today != NULL, NULL);

  staff = rd_store_get (store, "staff", staff_id, NULL);
  if (staff == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_training_item_free);

  rd_training_data_load (&data, store);
  return rd_training_data_staff_items (&data, staff, today);
}

/**
 * rd_training_staff_lapsed_for_kind:
 * @store: a store
 * @staff_id: the person assigned
 * @modality_kind: the kind of the modality they are assigned to ("CT", "MR", …)
 * @at: when (its date, in its own time zone, is the day checked)
 *
 * Looks at the person as if they worked on @modality_kind: the requirements of that kind, and the
 * safety requirements of their job (radiation and MRI safety, contrast, BLS, equipment courses and
 * every required certification). RIS and general compliance courses do not keep anyone off a
 * scanner, so they are left out. An item is lapsed when it is overdue or missing.
 *
 * Returns: (transfer full) (element-type utf8): sentences such as "MRI safety level 2: overdue
 *   since 2026-03-03"; empty when nothing has lapsed or the person is unknown
 */
GPtrArray *
rd_training_staff_lapsed_for_kind (RdStore    *store,
                                   const char *staff_id,
                                   const char *modality_kind,
                                   GDateTime  *at)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_auto (RdTrainingData) data = { 0 };
  g_autoptr (RdRecord) staff = NULL;
  g_autoptr (RdRecord) as_kind = NULL;
  g_autoptr (GPtrArray) items = NULL;
  GDate day;
  int y, m, d;

  g_return_val_if_fail (RD_IS_STORE (store), out);
  g_return_val_if_fail (at != NULL, out);

  if (staff_id == NULL || modality_kind == NULL
      || (staff = rd_store_get (store, "staff", staff_id, NULL)) == NULL)
    return out;

  g_date_time_get_ymd (at, &y, &m, &d);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  as_kind = rd_record_copy (staff);
  rd_record_set_text (as_kind, "modality_kinds", modality_kind);

  rd_training_data_load (&data, store);
  items = rd_training_data_staff_items (&data, as_kind, &day);
  for (guint i = 0; i < items->len; i++)
    {
      RdTrainingItem *item = g_ptr_array_index (items, i);

      if (item->status != RD_TRAINING_OVERDUE && item->status != RD_TRAINING_MISSING)
        continue;
      if (item->kind == RD_TRAINING_ITEM_COURSE)
        {
          RdRecord *course = g_hash_table_lookup (data.courses, item->key);

          if (!strv_has (safety_categories, rd_record_get_text (course, "category")))
            continue;
        }
      g_ptr_array_add (out, rd_training_item_describe (item));
    }

  return out;
}

static int
compare_items_by_due (gconstpointer a,
                      gconstpointer b)
{
  const RdTrainingItem *x = *(RdTrainingItem **) a, *y = *(RdTrainingItem **) b;
  int c = g_date_compare (&x->due, &y->due);

  if (c != 0)
    return c;
  c = g_utf8_collate (x->staff_name ? x->staff_name : "", y->staff_name ? y->staff_name : "");
  return c != 0 ? c : g_strcmp0 (x->title, y->title);
}

/**
 * rd_training_list_due:
 * @store: a store
 * @today: today
 * @days: how far ahead to look (30, 60, 90)
 *
 * Returns: (transfer full) (element-type RdTrainingItem): the items of active staff whose due date
 *   is at most @days days from @today — overdue ones included, missing ones not (they have no date) —
 *   soonest first
 */
GPtrArray *
rd_training_list_due (RdStore     *store,
                      const GDate *today,
                      guint        days)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_training_item_free);
  g_auto (RdTrainingData) data = { 0 };
  g_autoptr (GPtrArray) staff = NULL;
  GDate horizon;

  g_return_val_if_fail (RD_IS_STORE (store), out);
  g_return_val_if_fail (today != NULL && g_date_valid (today), out);

  horizon = *today;
  g_date_add_days (&horizon, days);

  rd_training_data_load (&data, store);
  staff = rd_store_list (store, "staff", "name");
  for (guint i = 0; i < staff->len; i++)
    {
      RdRecord *person = g_ptr_array_index (staff, i);
      g_autoptr (GPtrArray) items = NULL;

      if (!rd_record_get_bool (person, "active"))
        continue;

      items = rd_training_data_staff_items (&data, person, today);
      for (guint j = 0; j < items->len; j++)
        {
          RdTrainingItem *item = g_ptr_array_index (items, j);

          if (g_date_valid (&item->due) && g_date_compare (&item->due, &horizon) <= 0)
            g_ptr_array_add (out, rd_training_item_copy (item));
        }
    }

  g_ptr_array_sort (out, compare_items_by_due);
  return out;
}

/* ---------------------------------------------------------------- */
/* Public API: the matrix                                            */
/* ---------------------------------------------------------------- */

static void
column_free (RdTrainingColumn *column)
{
  g_free (column->key);
  g_free (column->title);
  g_free (column);
}

static int
find_column (GPtrArray          *columns,
             RdTrainingItemKind  kind,
             const char         *key)
{
  for (guint i = 0; i < columns->len; i++)
    {
      RdTrainingColumn *column = g_ptr_array_index (columns, i);
      if (column->kind == kind && g_strcmp0 (column->key, key) == 0)
        return (int) i;
    }
  return -1;
}

/**
 * rd_training_matrix_new:
 * @store: a store
 * @today: today
 * @job: (nullable): only staff of this job
 * @modality_kind: (nullable): only staff who work on this kind
 *
 * Columns are the courses (by title) and then the certifications that at least one shown person
 * must have.
 *
 * Returns: (transfer full): the matrix of active staff
 */
RdTrainingMatrix *
rd_training_matrix_new (RdStore     *store,
                        const GDate *today,
                        const char  *job,
                        const char  *modality_kind)
{
  RdTrainingMatrix *matrix = g_new0 (RdTrainingMatrix, 1);
  g_auto (RdTrainingData) data = { 0 };
  g_autoptr (GPtrArray) all_staff = NULL;
  g_autoptr (GPtrArray) per_staff = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);

  g_return_val_if_fail (RD_IS_STORE (store), matrix);
  g_return_val_if_fail (today != NULL && g_date_valid (today), matrix);

  matrix->staff = g_ptr_array_new_with_free_func (g_object_unref);
  matrix->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  matrix->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_training_item_free);

  rd_training_data_load (&data, store);
  all_staff = rd_store_list (store, "staff", "name");
  for (guint i = 0; i < all_staff->len; i++)
    {
      RdRecord *person = g_ptr_array_index (all_staff, i);
      GPtrArray *items;

      if (!rd_record_get_bool (person, "active"))
        continue;
      if (job != NULL && *job != '\0' && g_strcmp0 (rd_record_get_text (person, "job"), job) != 0)
        continue;
      if (modality_kind != NULL && *modality_kind != '\0'
          && !rd_training_kinds_contain (rd_record_get_text (person, "modality_kinds"), modality_kind))
        continue;

      g_ptr_array_add (matrix->staff, g_object_ref (person));
      items = rd_training_data_staff_items (&data, person, today);
      g_ptr_array_add (per_staff, items);

      for (guint j = 0; j < items->len; j++)
        {
          RdTrainingItem *item = g_ptr_array_index (items, j);
          GPtrArray *target = item->kind == RD_TRAINING_ITEM_COURSE ? matrix->columns : certs;

          if (find_column (target, item->kind, item->key) < 0)
            {
              RdTrainingColumn *column = g_new0 (RdTrainingColumn, 1);
              column->kind = item->kind;
              column->key = g_strdup (item->key);
              column->title = g_strdup (item->title);
              g_ptr_array_add (target, column);
            }
        }
    }

  /* Courses in the store's title order, then certifications in the rule table's order. */
  {
    g_autoptr (GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);

    for (guint i = 0; i < data.course_list->len; i++)
      {
        int at = find_column (matrix->columns, RD_TRAINING_ITEM_COURSE,
                              rd_record_get_id (g_ptr_array_index (data.course_list, i)));
        if (at >= 0)
          g_ptr_array_add (ordered, g_ptr_array_steal_index (matrix->columns, (guint) at));
      }
    for (guint i = 0; rd_training_cert_rule_kind (i) != NULL; i++)
      {
        int at = find_column (certs, RD_TRAINING_ITEM_CERTIFICATION, rd_training_cert_rule_kind (i));
        if (at >= 0)
          g_ptr_array_add (ordered, g_ptr_array_steal_index (certs, (guint) at));
      }
    g_ptr_array_unref (matrix->columns);
    matrix->columns = g_steal_pointer (&ordered);
  }

  for (guint i = 0; i < matrix->staff->len; i++)
    {
      GPtrArray *items = g_ptr_array_index (per_staff, i);

      for (guint c = 0; c < matrix->columns->len; c++)
        {
          RdTrainingColumn *column = g_ptr_array_index (matrix->columns, c);
          RdTrainingItem *cell = NULL;

          for (guint j = 0; j < items->len; j++)
            {
              RdTrainingItem *item = g_ptr_array_index (items, j);
              if (item->kind == column->kind && g_strcmp0 (item->key, column->key) == 0)
                {
                  cell = rd_training_item_copy (item);
                  break;
                }
            }
          g_ptr_array_add (matrix->cells, cell);
        }
    }

  return matrix;
}

void
rd_training_matrix_free (RdTrainingMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_clear_pointer (&matrix->staff, g_ptr_array_unref);
  g_clear_pointer (&matrix->columns, g_ptr_array_unref);
  g_clear_pointer (&matrix->cells, g_ptr_array_unref);
  g_free (matrix);
}

guint
rd_training_matrix_get_n_staff (RdTrainingMatrix *matrix)
{
  return matrix->staff->len;
}

guint
rd_training_matrix_get_n_columns (RdTrainingMatrix *matrix)
{
  return matrix->columns->len;
}

/**
 * rd_training_matrix_get_staff:
 * @matrix: a matrix
 * @row: a row
 *
 * Returns: (transfer none): the staff record of @row
 */
RdRecord *
rd_training_matrix_get_staff (RdTrainingMatrix *matrix,
                              guint             row)
{
  g_return_val_if_fail (row < matrix->staff->len, NULL);
  return g_ptr_array_index (matrix->staff, row);
}

const RdTrainingColumn *
rd_training_matrix_get_column (RdTrainingMatrix *matrix,
                               guint             column)
{
  g_return_val_if_fail (column < matrix->columns->len, NULL);
  return g_ptr_array_index (matrix->columns, column);
}

/**
 * rd_training_matrix_get_cell:
 * @matrix: a matrix
 * @row: a staff row
 * @column: a column
 *
 * Returns: (transfer none) (nullable): the item, or %NULL when the person need not have it
 */
const RdTrainingItem *
rd_training_matrix_get_cell (RdTrainingMatrix *matrix,
                             guint             row,
                             guint             column)
{
  g_return_val_if_fail (row < matrix->staff->len && column < matrix->columns->len, NULL);
  return g_ptr_array_index (matrix->cells, row * matrix->columns->len + column);
}
