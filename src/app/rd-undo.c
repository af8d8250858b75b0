/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-undo.c: the toast that says a record was deleted and brings it back with Undo. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-undo.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef struct
{
  RdStore  *store;
  RdRecord *deleted;
} Undo;

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->deleted);
  g_free (undo);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_toast_undo (AdwToast *toast,
               Undo     *undo)
{
  g_autoptr (RdRecord) back = rd_record_copy (undo->deleted);
  g_autoptr (GError) error = NULL;

  /* saving the record as it was, without its tombstone, brings it back */
  rd_record_set_deleted (back, FALSE);
  if (!rd_store_save (undo->store, back, g_get_user_name (), &error))
    g_warning ("Could not restore the %s record %s: %s", rd_record_get_table_name (back),
               rd_record_get_id (back), error->message);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_undo_toast_new_for_delete:
 * @store: the store @deleted was deleted from
 * @deleted: the record as it was before it was deleted (copied)
 * @title: what the toast says, such as “Contract deleted”
 *
 * A toast with an Undo button that saves @deleted again, without its tombstone.
 *
 * Returns: (transfer full): the toast, for adw_toast_overlay_add_toast ()
 */
AdwToast *
rd_undo_toast_new_for_delete (RdStore    *store,
                              RdRecord   *deleted,
                              const char *title)
{
  AdwToast *toast;
  Undo *undo;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_RECORD (deleted), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  toast = adw_toast_new (title);
  undo = g_new0 (Undo, 1);
  undo->store = g_object_ref (store);
  undo->deleted = rd_record_copy (deleted);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_undo), undo, undo_free, 0);

  return toast;
}
