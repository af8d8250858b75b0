/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-items.c: the rules for creating and editing a supply item, money parsing, and lot transfers. */

#include "rd-inventory.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-error.h"
#include "rd-inventory-private.h"

/*
 * Rules kept here:
 * - a supply item has a SKU, a name, a category and a unit; its SKU is unique among the live
 *   items (compared without surrounding spaces, case-sensitively as the department writes them);
 * - par level, reorder point, reorder quantity and unit cost are zero or more; par 0 means "no
 *   par level", otherwise the reorder point may not be above it;
 * - money is typed in dollars and cents ("25", "25.5", "25.50", "$1,250.00") and kept as integer
 *   cents, parsed digit by digit, never through floating point;
 * - a transfer moves stock from one lot to another lot of the same item (re-lotting, or giving
 *   stock held without a lot its lot number): two movements of kind transfer, −q from the first
 *   and +q to the second, in one transaction; the new lot keeps the old lot's expiry.
 */

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static gboolean
fail (const char  *field,
      const char **out_field,
      GError     **error,
      const char  *message)
{
  if (out_field != NULL)
    *out_field = field;
  g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, message);
  return FALSE;
}

/* ---------------------------------------------------------------- */
/* Public API: parsing                                               */
/* ---------------------------------------------------------------- */

/**
 * rd_inventory_parse_count:
 * @text: what was typed
 * @out: (out): the number
 *
 * Returns: whether @text (spaces around it allowed) is a whole number from 0 to 2^31 − 1
 */
gboolean
rd_inventory_parse_count (const char *text,
                          gint64     *out)
{
  g_autofree char *clean = strip_dup (text);
  guint64 value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (clean[0] == '\0' || !g_ascii_isdigit (clean[0]))
    return FALSE;
  if (!g_ascii_string_to_unsigned (clean, 10, 0, G_MAXINT32, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

/**
 * rd_inventory_parse_money:
 * @text: an amount in dollars and cents: "25", "25.5", "25.50", "$25.50", "1,250.00"
 * @out_cents: (out): the amount in cents
 *
 * Reads the amount digit by digit, without floating point. A leading "$", spaces around it and
 * thousands separators (a comma before each group of three digits) are allowed; a sign, more
 * than two decimals, or anything else is refused.
 *
 * Returns: whether @text is such an amount (up to 10,000,000,000.00)
 */
gboolean
rd_inventory_parse_money (const char *text,
                          gint64     *out_cents)
{
  g_autofree char *clean = strip_dup (text);
  const char *p = clean;
  gint64 units = 0, cents = 0;
  guint digits = 0, group = 0, decimals = 0;
  gboolean grouped = FALSE;

  g_return_val_if_fail (out_cents != NULL, FALSE);

  if (*p == '$')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (; *p != '\0' && *p != '.'; p++)
    {
      if (*p == ',')
        {
          /* A separator follows one to three digits first, then exactly three. */
          if (group == 0 || group > 3 || (grouped && group != 3))
            return FALSE;
          grouped = TRUE;
          group = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p) || ++digits > 11)
        return FALSE;
      units = units * 10 + (*p - '0');
      group++;
    }
  if (grouped && group != 3)
    return FALSE;

  if (*p == '.')
    {
      for (p++; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p) || ++decimals > 2)
            return FALSE;
          cents = cents * 10 + (*p - '0');
        }
      if (decimals == 0)
        return FALSE;
      if (decimals == 1)
        cents *= 10;
    }

  if (units > G_GINT64_CONSTANT (10000000000))
    return FALSE;
  *out_cents = units * 100 + cents;
  return TRUE;
}

/**
 * rd_inventory_format_money:
 * @cents: an amount in cents, zero or more
 *
 * Returns: (transfer full): the amount as the item dialog shows it, "25.50"
 */
char *
rd_inventory_format_money (gint64 cents)
{
  return g_strdup_printf ("%lld.%02lld", (long long) (cents / 100), (long long) ABS (cents % 100));
}

/* ---------------------------------------------------------------- */
/* Public API: items                                                 */
/* ---------------------------------------------------------------- */

/**
 * rd_inventory_check_item:
 * @store: a store
 * @item: a supply_item record, new or edited (its text fields are trimmed in place)
 * @out_field: (out) (optional): the column at fault: "sku", "name", "category", "unit",
 *   "par_level", "reorder_point", "reorder_qty", "unit_cost" or "vendor_id"
 * @error: the message to show next to that field
 *
 * Returns: whether the item may be saved
 */
gboolean
rd_inventory_check_item (RdStore     *store,
                         RdRecord    *item,
                         const char **out_field,
                         GError     **error)
{
  static const char *const texts[] = { "sku", "name", "category", "unit" };
  g_autoptr (GPtrArray) same_sku = NULL;
  const char *vendor_id;
  gint64 par, reorder_point;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (item), FALSE);

  if (out_field != NULL)
    *out_field = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *value = strip_dup (rd_record_get_text (item, texts[i]));

      if (value[0] == '\0')
        {
          const char *messages[] = { N_("Enter the SKU."), N_("Enter the item’s name."),
                                     N_("Enter a category."), N_("Enter the unit it is counted in.") };

          return fail (texts[i], out_field, error, _(messages[i]));
        }
      rd_record_set_text (item, texts[i], value);
    }

  same_sku = rd_store_list_by (store, "supply_item", "sku", rd_record_get_text (item, "sku"), NULL);
  for (guint i = 0; same_sku != NULL && i < same_sku->len; i++)
    {
      RdRecord *other = g_ptr_array_index (same_sku, i);

      if (!rd_record_get_deleted (other) && g_strcmp0 (rd_record_get_id (other), rd_record_get_id (item)) != 0)
        {
          g_autofree char *message = g_strdup_printf (_("SKU %s is already used by %s."),
                                                      rd_record_get_text (item, "sku"),
                                                      rd_record_get_text (other, "name"));

          return fail ("sku", out_field, error, message);
        }
    }

  if (rd_record_get_int (item, "par_level") < 0)
    return fail ("par_level", out_field, error, _("The par level must be zero or more."));
  if (rd_record_get_int (item, "reorder_point") < 0)
    return fail ("reorder_point", out_field, error, _("The reorder point must be zero or more."));
  if (rd_record_get_int (item, "reorder_qty") < 0)
    return fail ("reorder_qty", out_field, error, _("The reorder quantity must be zero or more."));
  if (rd_record_get_int (item, "unit_cost") < 0)
    return fail ("unit_cost", out_field, error, _("The unit cost must be zero or more."));

  par = rd_record_get_int (item, "par_level");
  reorder_point = rd_record_get_int (item, "reorder_point");
  if (par > 0 && reorder_point > par)
    {
      g_autofree char *rp = g_strdup_printf ("%" G_GINT64_FORMAT, reorder_point);
      g_autofree char *p = g_strdup_printf ("%" G_GINT64_FORMAT, par);
      g_autofree char *message = g_strdup_printf (_("The reorder point (%s) is above the par level (%s)."),
                                                  rp, p);

      return fail ("reorder_point", out_field, error, message);
    }

  vendor_id = nonempty (rd_record_get_text (item, "vendor_id"));
  if (vendor_id != NULL)
    {
      g_autoptr (RdRecord) vendor = rd_store_get (store, "vendor", vendor_id, NULL);

      if (vendor == NULL || rd_record_get_deleted (vendor))
        return fail ("vendor_id", out_field, error, _("Choose a vendor the department has."));
    }

  return TRUE;
}

/**
 * rd_inventory_save_item:
 * @store: a store
 * @item: a supply_item record, new or edited
 * @user: who saves it
 * @out_field: (out) (optional): the column at fault, as rd_inventory_check_item() names it
 * @error: why nothing was saved
 *
 * Checks the item with rd_inventory_check_item() and saves it.
 *
 * Returns: whether the item was saved
 */
gboolean
rd_inventory_save_item (RdStore     *store,
                        RdRecord    *item,
                        const char  *user,
                        const char **out_field,
                        GError     **error)
{
  if (!rd_inventory_check_item (store, item, out_field, error))
    return FALSE;
  return rd_store_save (store, item, user != NULL ? user : "", error);
}

/* ---------------------------------------------------------------- */
/* Public API: transfers                                             */
/* ---------------------------------------------------------------- */

/**
 * rd_inventory_transfer:
 * @store: a store
 * @item_id: the item
 * @quantity: how many units move (more than zero)
 * @from_lot: (nullable): the lot they leave; %NULL for stock held without a lot
 * @to_lot: (nullable): the lot they join; %NULL (or empty) only for an item that is not
 *   lot-tracked
 * @reason: (nullable): why, added to the movements' reason
 * @user: who moved them
 * @out_movement_ids: (out) (optional) (transfer full) (element-type utf8): the two movements,
 *   for an undo
 * @out_field: (out) (optional): the field at fault: "item", "quantity", "from_lot" or "to_lot"
 * @error: why nothing was saved
 *
 * Re-lots stock: a transfer movement of −@quantity on @from_lot and one of +@quantity on @to_lot,
 * in one transaction; stock on hand does not change. The new lot takes the old lot's expiry.
 * Refused when the two lots are the same, when @from_lot holds less than @quantity, or when a
 * lot-tracked item's stock would leave its lot.
 *
 * Returns: whether the transfer was saved
 */
gboolean
rd_inventory_transfer (RdStore     *store,
                       const char  *item_id,
                       gint64       quantity,
                       const char  *from_lot,
                       const char  *to_lot,
                       const char  *reason,
                       const char  *user,
                       GPtrArray  **out_movement_ids,
                       const char **out_field,
                       GError     **error)
{
  g_autoptr (RdRecord) item = NULL;
  g_autoptr (GPtrArray) lots = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from = strip_dup (from_lot);
  g_autofree char *to = strip_dup (to_lot);
  g_autofree char *why = strip_dup (reason);
  g_autofree char *out_reason = NULL;
  g_autofree char *in_reason = NULL;
  const char *expiry = NULL;
  gint64 there = 0;
  char *id = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (out_field != NULL)
    *out_field = NULL;
  item = item_id != NULL ? rd_store_get (store, "supply_item", item_id, NULL) : NULL;
  if (item == NULL || rd_record_get_deleted (item))
    {
      if (out_field != NULL)
        *out_field = "item";
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("Choose a supply item."));
      return FALSE;
    }
  if (quantity <= 0)
    {
      if (out_field != NULL)
        *out_field = "quantity";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The quantity must be more than zero."));
      return FALSE;
    }
  if (rd_record_get_bool (item, "lot_tracked") && to[0] == '\0')
    {
      if (out_field != NULL)
        *out_field = "to_lot";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("%s is lot-tracked: enter the lot the stock moves to."), rd_record_get_text (item, "name"));
      return FALSE;
    }
  if (g_strcmp0 (from, to) == 0)
    {
      if (out_field != NULL)
        *out_field = "to_lot";
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The stock is already in that lot: choose another."));
      return FALSE;
    }

  lots = rd_inventory_list_lots (store, item_id);
  for (guint i = 0; i < lots->len; i++)
    {
      RdLot *l = g_ptr_array_index (lots, i);

      if (g_strcmp0 (l->lot != NULL ? l->lot : "", from) == 0)
        {
          there = l->quantity;
          expiry = l->expiry;
        }
    }
  if (there < quantity)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (there, 0));

      if (out_field != NULL)
        *out_field = there > 0 ? "quantity" : "from_lot";

      if (from[0] != '\0' && there <= 0)
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Lot %s has no stock of this item."), from);
      else if (from[0] != '\0')
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Lot %s holds only %s."), from, n);
      else
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("Only %s are held without a lot."), n);
      return FALSE;
    }

  out_reason = to[0] != '\0' ? g_strdup_printf (_("To lot %s"), to) : g_strdup (_("To stock without a lot"));
  in_reason = from[0] != '\0' ? g_strdup_printf (_("From lot %s"), from) : g_strdup (_("From stock without a lot"));
  if (why[0] != '\0')
    {
      g_autofree char *o = g_steal_pointer (&out_reason);
      g_autofree char *n = g_steal_pointer (&in_reason);

      out_reason = g_strdup_printf ("%s: %s", o, why);
      in_reason = g_strdup_printf ("%s: %s", n, why);
    }

  if (!rd_store_begin (store, error))
    return FALSE;
  if (!rd_inventory_write_movement (store, item_id, -quantity, "transfer", from, expiry, NULL, NULL,
                                    out_reason, user, &id, error))
    goto rollback;
  g_ptr_array_add (ids, id);
  if (!rd_inventory_write_movement (store, item_id, quantity, "transfer", to, expiry, NULL, NULL,
                                    in_reason, user, &id, error))
    goto rollback;
  g_ptr_array_add (ids, id);
  if (!rd_store_commit (store, error))
    return FALSE;

  if (out_movement_ids != NULL)
    *out_movement_ids = g_steal_pointer (&ids);
  return TRUE;

rollback:
  rd_store_rollback (store);
  return FALSE;
}
