/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-record-list.c: a GListModel of one table's live records, kept up to date with the store. */

#include "rd-record-list.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdRecordList
{
  GObject    parent_instance;

  RdStore   *store;
  char      *table;
  GPtrArray *records;
  gulong     changed_id;

  gboolean   has_range;
  gint64     from;
  gint64     to;
  char      *modality_id;

  char      *match_column;
  char      *match_value;
  char      *order_by;
};

static void rd_record_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdRecordList, rd_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rd_record_list_model_init))

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GPtrArray *
query (RdRecordList *self)
{
  if (self->has_range)
    return rd_store_list_range (self->store, self->table, self->from, self->to, self->modality_id);
  if (self->match_column != NULL)
    return rd_store_list_by (self->store, self->table, self->match_column, self->match_value,
                             self->order_by);
  return rd_store_list (self->store, self->table, self->order_by);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_store_changed (RdStore      *store,
                  const char   *table,
                  const char   *id,
                  RdRecordList *self)
{
  if (g_strcmp0 (table, self->table) == 0)
    rd_record_list_reload (self);
}

/* ---------------------------------------------------------------- */
/* GListModel                                                        */
/* ---------------------------------------------------------------- */

static GType
rd_record_list_get_item_type (GListModel *model)
{
  return RD_TYPE_RECORD;
}

static guint
rd_record_list_get_n_items (GListModel *model)
{
  RdRecordList *self = RD_RECORD_LIST (model);

  return self->records->len;
}

static gpointer
rd_record_list_get_item (GListModel *model,
                         guint       position)
{
  RdRecordList *self = RD_RECORD_LIST (model);

  if (position >= self->records->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->records, position));
}

static void
rd_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_record_list_get_item_type;
  iface->get_n_items = rd_record_list_get_n_items;
  iface->get_item = rd_record_list_get_item;
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_record_list_dispose (GObject *object)
{
  RdRecordList *self = RD_RECORD_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_record_list_parent_class)->dispose (object);
}

static void
rd_record_list_finalize (GObject *object)
{
  RdRecordList *self = RD_RECORD_LIST (object);

  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_free (self->table);
  g_free (self->modality_id);
  g_free (self->match_column);
  g_free (self->match_value);
  g_free (self->order_by);

  G_OBJECT_CLASS (rd_record_list_parent_class)->finalize (object);
}

static void
rd_record_list_class_init (RdRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_record_list_dispose;
  object_class->finalize = rd_record_list_finalize;
}

static void
rd_record_list_init (RdRecordList *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_record_list_new:
 * @store: a store
 * @table: a table name
 *
 * Returns: (transfer full): a list of the table's live records, reloaded whenever the table changes
 */
RdRecordList *
rd_record_list_new (RdStore    *store,
                    const char *table)
{
  RdRecordList *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (rd_table_lookup (table) != NULL, NULL);

  self = g_object_new (RD_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->table = g_strdup (table);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);

  g_ptr_array_unref (self->records);
  self->records = query (self);

  return self;
}

/**
 * rd_record_list_set_range:
 * @self: a list of a table with start and end (booking, downtime)
 * @from: the first second shown
 * @to: the second after the last shown
 * @modality_id: (nullable): only this modality's records
 *
 * Shows only the records overlapping [@from, @to), as a calendar view subscribes to its range.
 */
void
rd_record_list_set_range (RdRecordList *self,
                          gint64        from,
                          gint64        to,
                          const char   *modality_id)
{
  g_return_if_fail (RD_IS_RECORD_LIST (self));

  self->has_range = TRUE;
  self->from = from;
  self->to = to;
  g_free (self->modality_id);
  self->modality_id = g_strdup (modality_id);

  rd_record_list_reload (self);
}

/**
 * rd_record_list_set_match:
 * @self: a list
 * @column: (nullable): a column, or %NULL for every record
 * @value: the value the column must have
 */
void
rd_record_list_set_match (RdRecordList *self,
                          const char   *column,
                          const char   *value)
{
  g_return_if_fail (RD_IS_RECORD_LIST (self));

  g_free (self->match_column);
  g_free (self->match_value);
  self->match_column = g_strdup (column);
  self->match_value = g_strdup (value);
  self->has_range = FALSE;

  rd_record_list_reload (self);
}

void
rd_record_list_set_order_by (RdRecordList *self,
                             const char   *column)
{
  g_return_if_fail (RD_IS_RECORD_LIST (self));

  g_free (self->order_by);
  self->order_by = g_strdup (column);

  rd_record_list_reload (self);
}

RdStore *
rd_record_list_get_store (RdRecordList *self)
{
  g_return_val_if_fail (RD_IS_RECORD_LIST (self), NULL);
  return self->store;
}

const char *
rd_record_list_get_table (RdRecordList *self)
{
  g_return_val_if_fail (RD_IS_RECORD_LIST (self), NULL);
  return self->table;
}

/**
 * rd_record_list_reload:
 * @self: a list
 *
 * Reads the records again and announces the difference as one items-changed.
 */
void
rd_record_list_reload (RdRecordList *self)
{
  g_autoptr (GPtrArray) old = NULL;
  guint removed, added, prefix = 0, suffix = 0;

  g_return_if_fail (RD_IS_RECORD_LIST (self));

  old = self->records;
  self->records = query (self);

  /* Keep unchanged records at both ends, so that views keep their selection and scroll position. */
  while (prefix < old->len && prefix < self->records->len)
    {
      RdRecord *a = g_ptr_array_index (old, prefix);
      RdRecord *b = g_ptr_array_index (self->records, prefix);

      if (!rd_record_equal_row (a, b) || rd_record_get_version (a) != rd_record_get_version (b))
        break;

      g_ptr_array_index (self->records, prefix) = g_object_ref (a);
      g_object_unref (b);
      prefix++;
    }

  while (suffix < old->len - prefix && suffix < self->records->len - prefix)
    {
      guint io = old->len - 1 - suffix;
      guint in = self->records->len - 1 - suffix;
      RdRecord *a = g_ptr_array_index (old, io);
      RdRecord *b = g_ptr_array_index (self->records, in);

      if (!rd_record_equal_row (a, b) || rd_record_get_version (a) != rd_record_get_version (b))
        break;

      g_ptr_array_index (self->records, in) = g_object_ref (a);
      g_object_unref (b);
      suffix++;
    }

  removed = old->len - prefix - suffix;
  added = self->records->len - prefix - suffix;

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}
