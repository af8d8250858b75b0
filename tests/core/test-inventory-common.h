/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-inventory-common.h: a temporary department and record makers shared by the inventory tests. */

#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "rd-error.h"
#include "rd-forecast.h"
#include "rd-inventory.h"
#include "rd-purchasing.h"
#include "rd-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("raddesk-inventory-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "department.db", NULL);
  f->store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static inline char *
save (Fixture  *f,
      RdRecord *record)
{
  g_autoptr (GError) error = NULL;

  rd_store_save (f->store, record, "tester", &error);
  g_assert_no_error (error);
  return g_strdup (rd_record_get_id (record));
}

static inline char *
make_vendor (Fixture    *f,
             const char *name)
{
  g_autoptr (RdRecord) v = rd_record_new_for_table ("vendor");

  rd_record_set_text (v, "name", name);
  return save (f, v);
}

static inline char *
make_item (Fixture    *f,
           const char *sku,
           gint64      par,
           gint64      reorder_point,
           gint64      reorder_qty,
           gboolean    lot_tracked,
           const char *vendor_id)
{
  g_autoptr (RdRecord) item = rd_record_new_for_table ("supply_item");

  rd_record_set_text (item, "sku", sku);
  rd_record_set_text (item, "name", sku);
  rd_record_set_text (item, "category", "contrast media");
  rd_record_set_text (item, "unit", "bottle");
  rd_record_set_int (item, "par_level", par);
  rd_record_set_int (item, "reorder_point", reorder_point);
  rd_record_set_int (item, "reorder_qty", reorder_qty);
  if (vendor_id != NULL)
    rd_record_set_text (item, "vendor_id", vendor_id);
  rd_record_set_int (item, "unit_cost", 2500);
  rd_record_set_bool (item, "lot_tracked", lot_tracked);
  rd_record_set_bool (item, "active", TRUE);
  return save (f, item);
}

static inline char *
make_exam_type (Fixture    *f,
                const char *code,
                const char *item_id,
                gint64      quantity)
{
  g_autoptr (RdRecord) exam = rd_record_new_for_table ("exam_type");
  g_autoptr (RdRecord) c = rd_record_new_for_table ("exam_consumable");
  char *id;

  rd_record_set_text (exam, "code", code);
  rd_record_set_text (exam, "name", code);
  rd_record_set_text (exam, "modality_kind", "CT");
  rd_record_set_int (exam, "duration_min", 20);
  rd_record_set_bool (exam, "needs_contrast", TRUE);
  id = save (f, exam);

  rd_record_set_text (c, "exam_type_id", id);
  rd_record_set_text (c, "item_id", item_id);
  rd_record_set_int (c, "quantity", quantity);
  g_free (save (f, c));
  return id;
}

static inline RdRecord *
make_booking (Fixture    *f,
              const char *exam_type_id,
              gint64      start,
              const char *status)
{
  RdRecord *b = rd_record_new_for_table ("booking");

  rd_record_set_text (b, "modality_id", "ct-1");
  rd_record_set_text (b, "exam_type_id", exam_type_id);
  rd_record_set_int (b, "start", start);
  rd_record_set_int (b, "end", start + 1200);
  rd_record_set_text (b, "patient_name", "Test Patient");
  rd_record_set_text (b, "patient_mrn", "MRN0001");
  rd_record_set_text (b, "priority", "routine");
  rd_record_set_text (b, "status", status);
  g_free (save (f, b));
  return b;
}

static inline void
receive (Fixture    *f,
         const char *item_id,
         gint64      quantity,
         const char *lot,
         const char *expiry)
{
  g_autoptr (GError) error = NULL;

  rd_inventory_receive (f->store, item_id, quantity, lot, expiry, NULL, "2025-01-01", "tester", &error);
  g_assert_no_error (error);
}

static inline gint64
lot_quantity (Fixture    *f,
              const char *item_id,
              const char *lot)
{
  g_autoptr (GPtrArray) lots = rd_inventory_list_lots (f->store, item_id);

  for (guint i = 0; i < lots->len; i++)
    {
      RdLot *l = g_ptr_array_index (lots, i);

      if (g_strcmp0 (l->lot, lot) == 0)
        return l->quantity;
    }
  return 0;
}
