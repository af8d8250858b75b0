/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-record.c: one synced record of any table, with typed access to its columns. */

#include "rd-record.h"

#include <string.h>

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef struct
{
  gboolean set;
  gint64   i;
  char    *s;
} RdValue;

struct _RdRecord
{
  GObject        parent_instance;

  const RdTable *table;
  char          *id;
  gint64         version;
  gboolean       deleted;
  gint64         updated_at;
  char          *updated_by;
  RdValue       *values;
  char          *chunk;     /* one block holding the texts read from the store, see rd_record_new_packed */
  gsize          chunk_len;
  gboolean       fresh;     /* made here with a new id and not saved yet: no store has it */
};

G_DEFINE_FINAL_TYPE (RdRecord, rd_record, G_TYPE_OBJECT)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
column_is_text (RdColumnType type)
{
  return type == RD_COLUMN_TEXT || type == RD_COLUMN_ENUM || type == RD_COLUMN_REF
         || type == RD_COLUMN_DATE;
}

static guint
require_column (RdRecord   *self,
                const char *column)
{
  int i = rd_table_column_index (self->table, column);

  if (i < 0)
    g_error ("Table %s has no column %s", self->table->name, column);

  return (guint) i;
}

/* A text read from the store lives in the record's chunk and is not freed on its own. */
static void
free_text (RdRecord *self,
           char     *text)
{
  if (text != NULL && (self->chunk == NULL || text < self->chunk || text >= self->chunk + self->chunk_len))
    g_free (text);
}

static void
clear_value (RdRecord *self,
             RdValue  *value)
{
  free_text (self, g_steal_pointer (&value->s));
  value->i = 0;
  value->set = FALSE;
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_record_finalize (GObject *object)
{
  RdRecord *self = RD_RECORD (object);

  if (self->values != NULL)
    for (guint i = 0; i < self->table->n_columns; i++)
      clear_value (self, &self->values[i]);

  /* A record read from the store has its values at the head of its chunk. */
  if ((char *) self->values != self->chunk)
    g_free (self->values);
  free_text (self, self->id);
  free_text (self, self->updated_by);
  g_free (self->chunk);

  G_OBJECT_CLASS (rd_record_parent_class)->finalize (object);
}

static void
rd_record_class_init (RdRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_record_finalize;
}

static void
rd_record_init (RdRecord *self)
{
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_record_new:
 * @table: the record's table
 * @id: (nullable): its id, or %NULL to make a new UUID
 *
 * Returns: (transfer full): a record with every column null, version 0
 */
RdRecord *
rd_record_new (const RdTable *table,
               const char    *id)
{
  RdRecord *self;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (RD_TYPE_RECORD, NULL);
  self->table = table;
  self->fresh = id == NULL;
  self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  self->updated_by = g_strdup ("");
  self->values = g_new0 (RdValue, table->n_columns);

  return self;
}

/**
 * rd_record_new_for_table:
 * @table_name: a table's name
 *
 * Returns: (transfer full): a new record with a new UUID
 */
RdRecord *
rd_record_new_for_table (const char *table_name)
{
  const RdTable *table = rd_table_lookup (table_name);

  g_return_val_if_fail (table != NULL, NULL);

  return rd_record_new (table, NULL);
}

/**
 * rd_record_new_packed: (skip)
 * @table: the record's table
 * @header: its id, version, deleted flag and last change
 * @texts: for each column, its text (text columns) or %NULL
 * @ints: for each column, its number (other columns)
 * @set: for each column, whether it has a value
 *
 * For the store's reads: the values and texts are copied into one block rather than one
 * allocation each, which is most of the cost of reading a week of bookings.
 *
 * Returns: (transfer full): the record
 */
RdRecord *
rd_record_new_packed (const RdTable        *table,
                      const RdRecordHeader *header,
                      const char          **texts,
                      const gint64         *ints,
                      const gboolean       *set)
{
  RdRecord *self = g_object_new (RD_TYPE_RECORD, NULL);
  gsize values_len = sizeof (RdValue) * table->n_columns;
  gsize len = values_len + strlen (header->id) + 1 + strlen (header->updated_by) + 1;
  char *p;

  for (guint i = 0; i < table->n_columns; i++)
    if (set[i] && texts[i] != NULL)
      len += strlen (texts[i]) + 1;

  self->table = table;
  self->version = header->version;
  self->deleted = header->deleted;
  self->updated_at = header->updated_at;
  self->chunk = g_malloc (len);
  self->chunk_len = len;
  self->values = (RdValue *) self->chunk;
  p = self->chunk + values_len;

  self->id = p;
  p = g_stpcpy (p, header->id) + 1;
  self->updated_by = p;
  p = g_stpcpy (p, header->updated_by) + 1;

  for (guint i = 0; i < table->n_columns; i++)
    {
      RdValue *v = &self->values[i];

      v->set = set[i];
      v->s = NULL;
      v->i = 0;
      if (!set[i])
        continue;
      if (texts[i] != NULL)
        {
          v->s = p;
          p = g_stpcpy (p, texts[i]) + 1;
        }
      else
        v->i = ints[i];
    }

  return self;
}

/**
 * rd_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): a deep copy, for editing without touching a shared record
 */
RdRecord *
rd_record_copy (RdRecord *self)
{
  RdRecord *copy;

  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  /* Only the record that was made with the new id counts as fresh: a copy may be saved after
   * the original was, and must then find the original's outbox entry. */
  copy = rd_record_new (self->table, self->id);
  copy->version = self->version;
  copy->deleted = self->deleted;
  copy->updated_at = self->updated_at;
  g_free (copy->updated_by);
  copy->updated_by = g_strdup (self->updated_by);

  for (guint i = 0; i < self->table->n_columns; i++)
    {
      copy->values[i].set = self->values[i].set;
      copy->values[i].i = self->values[i].i;
      copy->values[i].s = g_strdup (self->values[i].s);
    }

  return copy;
}

/**
 * rd_record_is_fresh:
 * @self: a record
 *
 * Returns: whether the record was made here with a new id and has not been saved since, so that
 *   no store can hold it yet
 */
gboolean
rd_record_is_fresh (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), FALSE);
  return self->fresh;
}

void
rd_record_set_saved (RdRecord *self)
{
  g_return_if_fail (RD_IS_RECORD (self));
  self->fresh = FALSE;
}

const RdTable *
rd_record_get_table (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  return self->table;
}

const char *
rd_record_get_table_name (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  return self->table->name;
}

const char *
rd_record_get_id (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  return self->id;
}

gint64
rd_record_get_version (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), 0);
  return self->version;
}

void
rd_record_set_version (RdRecord *self,
                       gint64    version)
{
  g_return_if_fail (RD_IS_RECORD (self));
  self->version = version;
}

gboolean
rd_record_get_deleted (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), FALSE);
  return self->deleted;
}

void
rd_record_set_deleted (RdRecord *self,
                       gboolean  deleted)
{
  g_return_if_fail (RD_IS_RECORD (self));
  self->deleted = !!deleted;
}

gint64
rd_record_get_updated_at (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), 0);
  return self->updated_at;
}

void
rd_record_set_updated_at (RdRecord *self,
                          gint64    unix_seconds)
{
  g_return_if_fail (RD_IS_RECORD (self));
  self->updated_at = unix_seconds;
}

const char *
rd_record_get_updated_by (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  return self->updated_by;
}

void
rd_record_set_updated_by (RdRecord   *self,
                          const char *user)
{
  g_return_if_fail (RD_IS_RECORD (self));
  free_text (self, self->updated_by);
  self->updated_by = g_strdup (user != NULL ? user : "");
}

gboolean
rd_record_is_null_at (RdRecord *self,
                      guint     index)
{
  g_return_val_if_fail (RD_IS_RECORD (self), TRUE);
  g_return_val_if_fail (index < self->table->n_columns, TRUE);

  return !self->values[index].set;
}

const char *
rd_record_get_text_at (RdRecord *self,
                       guint     index)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < self->table->n_columns, NULL);
  g_return_val_if_fail (column_is_text (self->table->columns[index].type), NULL);

  return self->values[index].s;
}

gint64
rd_record_get_int_at (RdRecord *self,
                      guint     index)
{
  g_return_val_if_fail (RD_IS_RECORD (self), 0);
  g_return_val_if_fail (index < self->table->n_columns, 0);
  g_return_val_if_fail (!column_is_text (self->table->columns[index].type), 0);

  return self->values[index].i;
}

void
rd_record_set_text_at (RdRecord   *self,
                       guint       index,
                       const char *value)
{
  RdValue *v;

  g_return_if_fail (RD_IS_RECORD (self));
  g_return_if_fail (index < self->table->n_columns);
  g_return_if_fail (column_is_text (self->table->columns[index].type));

  v = &self->values[index];
  if (value == NULL)
    {
      clear_value (self, v);
      return;
    }

  if (v->s != value)
    {
      free_text (self, v->s);
      v->s = g_strdup (value);
    }
  v->set = TRUE;
}

void
rd_record_set_int_at (RdRecord *self,
                      guint     index,
                      gint64    value)
{
  g_return_if_fail (RD_IS_RECORD (self));
  g_return_if_fail (index < self->table->n_columns);
  g_return_if_fail (!column_is_text (self->table->columns[index].type));

  self->values[index].i = value;
  self->values[index].set = TRUE;
}

void
rd_record_set_null_at (RdRecord *self,
                       guint     index)
{
  g_return_if_fail (RD_IS_RECORD (self));
  g_return_if_fail (index < self->table->n_columns);

  clear_value (self, &self->values[index]);
}

gboolean
rd_record_is_null (RdRecord   *self,
                   const char *column)
{
  g_return_val_if_fail (RD_IS_RECORD (self), TRUE);
  return rd_record_is_null_at (self, require_column (self, column));
}

/**
 * rd_record_get_text:
 * @self: a record
 * @column: a text, enum, ref or date column
 *
 * Returns: (nullable): the value, or %NULL when null
 */
const char *
rd_record_get_text (RdRecord   *self,
                    const char *column)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  return rd_record_get_text_at (self, require_column (self, column));
}

/**
 * rd_record_get_int:
 * @self: a record
 * @column: an integer, money, time or boolean column
 *
 * Returns: the value, 0 when null
 */
gint64
rd_record_get_int (RdRecord   *self,
                   const char *column)
{
  g_return_val_if_fail (RD_IS_RECORD (self), 0);
  return rd_record_get_int_at (self, require_column (self, column));
}

gboolean
rd_record_get_bool (RdRecord   *self,
                    const char *column)
{
  return rd_record_get_int (self, column) != 0;
}

void
rd_record_set_text (RdRecord   *self,
                    const char *column,
                    const char *value)
{
  g_return_if_fail (RD_IS_RECORD (self));
  rd_record_set_text_at (self, require_column (self, column), value);
}

void
rd_record_set_int (RdRecord   *self,
                   const char *column,
                   gint64      value)
{
  g_return_if_fail (RD_IS_RECORD (self));
  rd_record_set_int_at (self, require_column (self, column), value);
}

void
rd_record_set_bool (RdRecord   *self,
                    const char *column,
                    gboolean    value)
{
  rd_record_set_int (self, column, value ? 1 : 0);
}

void
rd_record_set_null (RdRecord   *self,
                    const char *column)
{
  g_return_if_fail (RD_IS_RECORD (self));
  rd_record_set_null_at (self, require_column (self, column));
}

/**
 * rd_record_equal_row:
 * @a: a record
 * @b: another record
 *
 * Returns: whether both are of the same table and id with the same column values and tombstone flag
 */
gboolean
rd_record_equal_row (RdRecord *a,
                     RdRecord *b)
{
  g_return_val_if_fail (RD_IS_RECORD (a), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (b), FALSE);

  if (a->table != b->table || g_strcmp0 (a->id, b->id) != 0 || a->deleted != b->deleted)
    return FALSE;

  for (guint i = 0; i < a->table->n_columns; i++)
    {
      const RdValue *va = &a->values[i];
      const RdValue *vb = &b->values[i];

      if (va->set != vb->set || va->i != vb->i || g_strcmp0 (va->s, vb->s) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * rd_record_dup_label:
 * @self: a record
 *
 * Returns: (transfer full): what a person calls this record (a modality's name, a course's title)
 */
char *
rd_record_dup_label (RdRecord *self)
{
  int i;

  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  i = rd_table_column_index (self->table, self->table->label_column);
  if (i >= 0 && self->values[i].set)
    {
      if (column_is_text (self->table->columns[i].type))
        return g_strdup (self->values[i].s);
      return g_strdup_printf ("%" G_GINT64_FORMAT, self->values[i].i);
    }

  return g_strdup (self->id);
}
