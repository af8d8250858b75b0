/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-demo-stock.c: the demo department's supply items, purchase orders and a year of stock movements. */

#include "config.h"

#include <string.h>

#include "rd-demo-private.h"

typedef struct
{
  int      day;      /* days from today */
  int      receipt_day;
  const char *status;
  int      vendor;
  int      budget;   /* RD_DEMO_BUDGET_* */
  gboolean apparel;
} PoPlan;

typedef struct
{
  char   lot[16];
  int    expiry_day; /* days from today */
  int    left;
  gint64 received_at;
} Lot;

typedef struct
{
  gint64      at;
  int         quantity;
  const char *kind;
  int         lot;     /* index into the item's lots, -1 for none */
  const char *po_id;
  const char *reason;
} Move;

/* ---------------------------------------------------------------- */
/* Supply items                                                      */
/* ---------------------------------------------------------------- */

static gboolean
eligible_for_shortage (guint i)
{
  const RdDemoItem *item = &rd_demo_items[i];

  return !item->durable && item->reorder_point >= 3 && item->par_level > 0;
}

void
rd_demo_make_items (RdDemo *demo)
{
  guint under = 0, out = 0;

  for (guint i = 0; i < rd_demo_n_items; i++)
    {
      const RdDemoItem *item = &rd_demo_items[i];
      RdRecord *r = rd_demo_record_new (demo, "supply_item");

      g_strlcpy (demo->item_ids[i], rd_record_get_id (r), RD_DEMO_ID_LEN);
      rd_record_set_text (r, "sku", item->sku);
      rd_record_set_text (r, "name", item->name);
      rd_record_set_text (r, "category", item->category);
      rd_record_set_text (r, "unit", item->unit);
      rd_record_set_int (r, "par_level", item->par_level);
      rd_record_set_int (r, "reorder_point", item->reorder_point);
      rd_record_set_int (r, "reorder_qty", item->reorder_qty);
      rd_record_set_text (r, "vendor_id", demo->vendor_ids[rd_demo_find_vendor (item->vendor)]);
      rd_record_set_int (r, "unit_cost", item->unit_cost);
      rd_record_set_bool (r, "lot_tracked", item->lot_tracked);
      rd_record_set_bool (r, "active", TRUE);
      rd_demo_put (demo, r);
    }

  /* Two items run out and eight fall under their reorder point. */
  while (out < 2 || under < 8)
    {
      guint i = g_rand_int_range (demo->rand, 0, rd_demo_n_items);

      if (!eligible_for_shortage (i) || demo->out_of_stock[i] || demo->under_reorder[i])
        continue;
      if (out < 2)
        demo->out_of_stock[i] = TRUE, out++;
      else
        demo->under_reorder[i] = TRUE, under++;
    }
}

/* ---------------------------------------------------------------- */
/* Purchase orders                                                   */
/* ---------------------------------------------------------------- */

static int
compare_plans (gconstpointer a,
               gconstpointer b)
{
  const PoPlan *pa = a, *pb = b;

  return pa->day - pb->day;
}

static gboolean
orderable (guint       i,
           int         vendor)
{
  const RdDemoItem *item = &rd_demo_items[i];

  return rd_demo_find_vendor (item->vendor) == vendor && !item->durable && item->reorder_qty > 0
         && strcmp (item->vendor, "Infab") != 0;
}

static void
put_order (RdDemo       *demo,
           const PoPlan *plan,
           int           sequence)
{
  RdRecord *r = rd_demo_record_new (demo, "purchase_order");
  g_autofree char *date = rd_demo_date_string (demo, plan->day);
  g_autofree char *number = g_strdup_printf ("PO-%.4s-%04d", date, sequence);
  int year = (int) g_ascii_strtoll (date, NULL, 10) == demo->year ? 1 : 0;
  gboolean open = strcmp (plan->status, "partially_received") == 0 || strcmp (plan->status, "ordered") == 0
                  || strcmp (plan->status, "approved") == 0 || strcmp (plan->status, "submitted") == 0
                  || strcmp (plan->status, "draft") == 0;
  gboolean received = strcmp (plan->status, "received") == 0;
  gboolean partial = strcmp (plan->status, "partially_received") == 0;
  gint64 receipt_at = MIN (rd_demo_local_time (demo, plan->receipt_day, 10, 30), demo->now_unix - 2 * 3600);
  RdDemoId po_id;
  guint n_lines = 0;

  g_strlcpy (po_id, rd_record_get_id (r), RD_DEMO_ID_LEN);
  rd_record_set_text (r, "number", number);
  rd_record_set_text (r, "vendor_id", demo->vendor_ids[plan->vendor]);
  rd_record_set_text (r, "status", plan->status);
  rd_record_set_text (r, "budget_line_id", demo->budget_ids[year][plan->budget]);
  if (strcmp (plan->status, "draft") != 0 && strcmp (plan->status, "submitted") != 0
      && strcmp (plan->status, "approved") != 0)
    rd_record_set_text (r, "ordered_on", date);
  if (strcmp (plan->status, "cancelled") == 0)
    rd_record_set_text (r, "notes", "Cancelled: the vendor could not supply; ordered elsewhere");
  rd_demo_put (demo, r);

  /* Open orders are for what runs short; the others take a share of the vendor's range. A second
   * pass makes sure that no order is left without lines. */
  for (int pass = 0; pass < 2 && n_lines == 0; pass++)
    for (guint i = 0; i < rd_demo_n_items && n_lines < 4; i++)
      {
        const RdDemoItem *item = &rd_demo_items[i];
        gboolean short_item = demo->under_reorder[i] || demo->out_of_stock[i];
        RdRecord *line;
        int quantity, received_qty = 0;

        if (!orderable (i, plan->vendor))
          continue;
        if (pass == 0 && (open ? !short_item && n_lines > 0 : short_item || !rd_demo_chance (demo, 0.5)))
          continue;

        quantity = item->reorder_qty * rd_demo_range (demo, 1, 2);
        if (received || (partial && !short_item))
          received_qty = quantity;
        else if (partial && n_lines == 0)
          received_qty = quantity / 2;

        line = rd_demo_record_new (demo, "po_line");
        rd_record_set_text (line, "po_id", po_id);
        rd_record_set_text (line, "item_id", demo->item_ids[i]);
        rd_record_set_int (line, "quantity", quantity);
        rd_record_set_int (line, "unit_cost", item->unit_cost);
        rd_record_set_int (line, "received_qty", received_qty);
        rd_demo_put (demo, line);
        n_lines++;

        if (received_qty > 0)
          {
            RdDemoReceipt receipt = { i, receipt_at, received_qty, { 0 } };

            g_strlcpy (receipt.po_id, po_id, RD_DEMO_ID_LEN);
            g_array_append_val (demo->receipts, receipt);
          }
      }
}

/* The apparel order goes in the durable items directly: the protective-apparel line nearly spent. */
static void
put_apparel_order (RdDemo       *demo,
                   const PoPlan *plan,
                   int           sequence)
{
  static const struct { const char *sku; int quantity; } lines[] = {
    { "APRON-05", 8 }, { "THYROID-SHIELD", 10 }, { "LEAD-GLASSES", 4 },
  };
  RdRecord *r = rd_demo_record_new (demo, "purchase_order");
  g_autofree char *date = rd_demo_date_string (demo, plan->day);
  g_autofree char *number = g_strdup_printf ("PO-%.4s-%04d", date, sequence);
  gint64 receipt_at = MIN (rd_demo_local_time (demo, plan->receipt_day, 10, 30), demo->now_unix - 2 * 3600);
  RdDemoId po_id;

  g_strlcpy (po_id, rd_record_get_id (r), RD_DEMO_ID_LEN);
  rd_record_set_text (r, "number", number);
  rd_record_set_text (r, "vendor_id", demo->vendor_ids[plan->vendor]);
  rd_record_set_text (r, "status", "received");
  rd_record_set_text (r, "budget_line_id", demo->budget_ids[1][RD_DEMO_BUDGET_APPAREL]);
  rd_record_set_text (r, "ordered_on", date);
  rd_record_set_text (r, "notes", "Replacements after the annual lead apron integrity check");
  rd_demo_put (demo, r);

  for (guint j = 0; j < G_N_ELEMENTS (lines); j++)
    {
      int i = rd_demo_find_item (lines[j].sku);
      RdRecord *line = rd_demo_record_new (demo, "po_line");
      RdDemoReceipt receipt = { i, receipt_at, lines[j].quantity, { 0 } };

      rd_record_set_text (line, "po_id", po_id);
      rd_record_set_text (line, "item_id", demo->item_ids[i]);
      rd_record_set_int (line, "quantity", lines[j].quantity);
      rd_record_set_int (line, "unit_cost", rd_demo_items[i].unit_cost);
      rd_record_set_int (line, "received_qty", lines[j].quantity);
      rd_demo_put (demo, line);

      g_strlcpy (receipt.po_id, po_id, RD_DEMO_ID_LEN);
      g_array_append_val (demo->receipts, receipt);
    }
}

/* About 25 orders over the last year: received ones with their deliveries, a few still open for
 * what runs short, one cancelled, one draft. Numbers run per calendar year in date order. */
void
rd_demo_make_orders (RdDemo *demo)
{
  static const struct { int from, to; const char *status; } schedule[] = {
    { 330, 350, "received" }, { 300, 320, "received" }, { 270, 290, "received" }, { 250, 265, "cancelled" },
    { 235, 249, "received" }, { 210, 225, "received" }, { 180, 200, "received" }, { 160, 175, "received" },
    { 140, 155, "received" }, { 120, 135, "received" }, { 95, 110, "received" }, { 75, 90, "received" },
    { 60, 70, "received" }, { 45, 55, "received" }, { 30, 40, "received" }, { 22, 28, "received" },
    { 15, 20, "partially_received" }, { 9, 13, "partially_received" }, { 6, 8, "ordered" },
    { 4, 5, "ordered" }, { 2, 3, "approved" }, { 2, 3, "approved" }, { 1, 1, "submitted" },
    { 1, 2, "submitted" }, { 0, 0, "draft" },
  };
  static const char *const supply_vendors[] = {
    "Medline Industries", "Cardinal Health", "BD", "GE HealthCare", "Bayer", "Bracco Diagnostics",
    "Parker Laboratories", "Lantheus", "Guerbet", "Hologic",
  };
  g_autoptr (GArray) plans = g_array_new (FALSE, TRUE, sizeof (PoPlan));
  g_autoptr (GArray) short_vendors = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GDateTime) new_year = g_date_time_new (demo->tz, demo->year, 1, 1, 12, 0, 0);
  PoPlan apparel = { 0 };
  int sequence = 0, last_year = 0;

  for (guint i = 0; i < rd_demo_n_items; i++)
    if (demo->under_reorder[i] || demo->out_of_stock[i])
      {
        int v = rd_demo_find_vendor (rd_demo_items[i].vendor);
        gboolean seen = FALSE;

        for (guint j = 0; j < short_vendors->len; j++)
          seen |= g_array_index (short_vendors, int, j) == v;
        if (!seen)
          g_array_append_val (short_vendors, v);
      }

  for (guint k = 0; k < G_N_ELEMENTS (schedule); k++)
    {
      PoPlan plan = { 0 };
      gboolean open = strcmp (schedule[k].status, "received") != 0 && strcmp (schedule[k].status, "cancelled") != 0;

      plan.day = -rd_demo_range (demo, schedule[k].from, schedule[k].to);
      plan.receipt_day = MIN (0, plan.day + rd_demo_range (demo, 2, 6));
      plan.status = schedule[k].status;
      if (open && short_vendors->len > 0)
        plan.vendor = g_array_index (short_vendors, int, k % short_vendors->len);
      else
        plan.vendor = rd_demo_find_vendor (supply_vendors[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (supply_vendors))]);
      plan.budget = strcmp (rd_demo_vendors[plan.vendor].name, "Lantheus") == 0
                    || strcmp (rd_demo_vendors[plan.vendor].name, "PETNET Solutions") == 0
                    ? RD_DEMO_BUDGET_RADIOPHARMACEUTICALS : RD_DEMO_BUDGET_SUPPLIES;
      g_array_append_val (plans, plan);
    }

  apparel.day = MAX (-40, (int) (g_date_time_difference (new_year, demo->now) / G_TIME_SPAN_DAY));
  apparel.receipt_day = MIN (0, apparel.day + 3);
  apparel.status = "received";
  apparel.vendor = rd_demo_find_vendor ("Infab");
  apparel.budget = RD_DEMO_BUDGET_APPAREL;
  apparel.apparel = TRUE;
  g_array_append_val (plans, apparel);
  g_array_sort (plans, compare_plans);

  for (guint k = 0; k < plans->len; k++)
    {
      const PoPlan *plan = &g_array_index (plans, PoPlan, k);
      g_autofree char *date = rd_demo_date_string (demo, plan->day);
      int year = (int) g_ascii_strtoll (date, NULL, 10);

      sequence = year == last_year ? sequence + 1 : 1;
      last_year = year;
      if (plan->apparel)
        put_apparel_order (demo, plan, sequence);
      else
        put_order (demo, plan, sequence);
    }
}

/* ---------------------------------------------------------------- */
/* Stock movements                                                   */
/* ---------------------------------------------------------------- */

typedef struct
{
  RdDemo           *demo;
  const RdDemoItem *item;
  GArray           *lots;  /* of Lot */
  GArray           *moves; /* of Move */
  int               stock;
  gint64            today_start;
  int               lot_seq; /* so that an item's lot numbers never repeat */
} History;

static int
day_of (History *h,
        gint64   at)
{
  gint64 delta = at - h->today_start;

  return (int) (delta >= 0 ? delta / 86400 : -((-delta + 86399) / 86400));
}

static void
receive (History    *h,
         gint64      at,
         int         quantity,
         const char *po_id)
{
  Move move = { at, quantity, "receive", -1, po_id, po_id != NULL ? NULL : "Delivery on standing order" };

  if (h->item->lot_tracked)
    {
      g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (at);
      Lot lot = { { 0 }, 0, quantity, at };
      int day = day_of (h, at);

      g_snprintf (lot.lot, sizeof lot.lot, "L%02d%c%03d", g_date_time_get_year (t) % 100,
                  'A' + g_date_time_get_month (t) - 1, 100 + h->lot_seq++ % 900);
      lot.expiry_day = h->item->shelf_months == 0
                       ? day
                       : day + h->item->shelf_months * 30 + rd_demo_range (h->demo, -10, 10);
      g_array_append_val (h->lots, lot);
      move.lot = h->lots->len - 1;
    }
  g_array_append_val (h->moves, move);
  h->stock += quantity;
}

/* Takes @quantity out, oldest lot first. */
static void
take (History    *h,
      gint64      at,
      int         quantity,
      const char *kind,
      const char *reason)
{
  h->stock -= quantity;
  if (!h->item->lot_tracked)
    {
      Move move = { at, -quantity, kind, -1, NULL, reason };

      if (quantity > 0)
        g_array_append_val (h->moves, move);
      return;
    }

  for (guint i = 0; i < h->lots->len && quantity > 0; i++)
    {
      Lot *lot = &g_array_index (h->lots, Lot, i);
      int piece = MIN (lot->left, quantity);
      Move move = { at, -piece, kind, (int) i, NULL, reason };

      if (piece == 0)
        continue;
      lot->left -= piece;
      quantity -= piece;
      g_array_append_val (h->moves, move);
    }
  g_assert (quantity == 0);
}

/* Monthly consumption: from the completed bookings where the item is an exam's consumable
 * (months before the first booking are averaged), a steady rate otherwise. */
static void
monthly_use (RdDemo *demo,
             guint   i,
             int     use[RD_DEMO_N_MONTHS])
{
  const RdDemoItem *item = &rd_demo_items[i];
  int total = 0, base;

  for (int m = 3; m < RD_DEMO_N_MONTHS - 1; m++)
    total += demo->usage[i][m];

  if (total > 0)
    {
      base = total / (RD_DEMO_N_MONTHS - 4);
      for (int m = 0; m < RD_DEMO_N_MONTHS; m++)
        use[m] = m < 3 ? base * rd_demo_range (demo, 85, 115) / 100 : demo->usage[i][m] * 105 / 100;
      return;
    }

  base = MAX (1, item->reorder_qty * rd_demo_range (demo, 40, 100) / 100);
  for (int m = 0; m < RD_DEMO_N_MONTHS; m++)
    use[m] = base * rd_demo_range (demo, 80, 120) / 100;
  use[RD_DEMO_N_MONTHS - 1] = use[RD_DEMO_N_MONTHS - 1] * demo->day / 30;
}

static void
write_moves (History *h,
             guint    i)
{
  for (guint k = 0; k < h->moves->len; k++)
    {
      const Move *move = &g_array_index (h->moves, Move, k);
      RdRecord *r = rd_demo_record_new (h->demo, "stock_movement");

      rd_record_set_text (r, "item_id", h->demo->item_ids[i]);
      rd_record_set_int (r, "quantity", move->quantity);
      rd_record_set_text (r, "kind", move->kind);
      rd_record_set_int (r, "at", move->at);
      if (move->lot >= 0)
        {
          const Lot *lot = &g_array_index (h->lots, Lot, move->lot);
          g_autofree char *expiry = rd_demo_date_string (h->demo, lot->expiry_day);

          rd_record_set_text (r, "lot", lot->lot);
          rd_record_set_text (r, "expiry", expiry);
        }
      if (move->po_id != NULL)
        rd_record_set_text (r, "po_id", move->po_id);
      if (move->reason != NULL)
        rd_record_set_text (r, "reason", move->reason);
      rd_demo_put (h->demo, r);
    }
}

typedef enum
{
  SPECIAL_NONE,
  SPECIAL_EXPIRES_SOON, /* the oldest lot on the shelf expires within 30 days */
  SPECIAL_EXPIRED,      /* an expired lot is still on the shelf */
  SPECIAL_WRITTEN_OFF,  /* a lot expired half a year ago and was discarded */
  SPECIAL_COUNTED,      /* a stock count found less than the books */
} Special;

static void
simulate (History   *h,
          guint      i,
          Special    special,
          const gint64 month_start[RD_DEMO_N_MONTHS],
          const gint64 month_end[RD_DEMO_N_MONTHS])
{
  RdDemo *demo = h->demo;
  const RdDemoItem *item = h->item;
  int use[RD_DEMO_N_MONTHS];
  int target;
  guint next_receipt = 0;

  monthly_use (demo, i, use);
  if (demo->out_of_stock[i] || item->par_level == 0)
    target = 0;
  else if (demo->under_reorder[i])
    target = rd_demo_range (demo, 1, item->reorder_point - 1);
  else
    target = rd_demo_range (demo, item->reorder_point + 1, MAX (item->reorder_point + 1, item->par_level));

  for (int m = 0; m < RD_DEMO_N_MONTHS; m++)
    {
      gboolean last = m == RD_DEMO_N_MONTHS - 1;
      int extra = (special == SPECIAL_WRITTEN_OFF && m == 5) || (special == SPECIAL_COUNTED && m == 8) ? 3 : 0;
      int need = (last ? target : item->reorder_point) + use[m] + extra;
      int lot_size = MAX (1, item->reorder_qty * MAX (1, (use[m] + item->reorder_qty * 3 / 2) / (3 * MAX (1, item->reorder_qty))));
      gint64 at = MIN (month_start[m] + rd_demo_range (demo, 1, 7) * 86400, demo->now_unix - 3 * 3600);

      if (item->reorder_qty == 0)
        lot_size = MAX (1, use[m]);

      for (; next_receipt < demo->receipts->len; next_receipt++)
        {
          const RdDemoReceipt *receipt = &g_array_index (demo->receipts, RdDemoReceipt, next_receipt);

          if (receipt->item != i)
            continue;
          if (receipt->at >= month_end[m])
            break;
          receive (h, receipt->at, receipt->quantity, receipt->po_id);
        }

      while (h->stock < need)
        {
          receive (h, at, lot_size, NULL);
          at = MIN (at + 7 * 86400, month_end[m] - 3600);
        }

      if (extra > 0 && special == SPECIAL_WRITTEN_OFF && h->lots->len > 0)
        {
          Lot *lot = NULL;

          for (guint k = 0; k < h->lots->len && lot == NULL; k++)
            if (g_array_index (h->lots, Lot, k).left > 0)
              lot = &g_array_index (h->lots, Lot, k);
          if (lot != NULL && lot->received_at < month_end[m] - 5 * 86400)
            lot->expiry_day = day_of (h, month_end[m]) - 2;
          take (h, month_end[m] - 7200, extra, "expire", "Expired on the shelf; discarded");
        }
      else if (extra > 0)
        {
          take (h, month_end[m] - 7200, extra, "adjust", "Stock count correction");
        }

      take (h, month_end[m], last ? h->stock - target : use[m], "consume", "Monthly usage");
    }

  /* Lots still on the shelf that expire soon or have expired. */
  for (guint k = 0; k < h->lots->len && special != SPECIAL_NONE; k++)
    {
      Lot *lot = &g_array_index (h->lots, Lot, k);
      int age = -day_of (h, lot->received_at);

      if (lot->left == 0)
        continue;
      if (special == SPECIAL_EXPIRES_SOON)
        lot->expiry_day = rd_demo_range (demo, 5, 28);
      else if (special == SPECIAL_EXPIRED && age > 10)
        lot->expiry_day = -rd_demo_range (demo, 1, MIN (40, age - 5));
      break;
    }
}

static void
keep_durable (History *h,
              guint    i,
              gint64   opening_at,
              gint64   check_at)
{
  RdDemo *demo = h->demo;
  const RdDemoItem *item = h->item;
  int target = rd_demo_range (demo, MAX (1, item->reorder_point), MAX (1, item->par_level));
  int received = 0, condemned = item->reorder_qty > 1 ? rd_demo_range (demo, 1, 2) : 0;
  Move opening = { opening_at, 0, "adjust", -1, NULL, "Opening stock count" };

  for (guint k = 0; k < demo->receipts->len; k++)
    if (g_array_index (demo->receipts, RdDemoReceipt, k).item == i)
      received += g_array_index (demo->receipts, RdDemoReceipt, k).quantity;
  opening.quantity = MAX (1, target - received + condemned);
  g_array_append_val (h->moves, opening);
  h->stock = opening.quantity;

  if (condemned > 0)
    take (h, check_at, condemned, "adjust", "Failed the annual integrity check; condemned");
  for (guint k = 0; k < demo->receipts->len; k++)
    {
      const RdDemoReceipt *receipt = &g_array_index (demo->receipts, RdDemoReceipt, k);

      if (receipt->item == i)
        receive (h, receipt->at, receipt->quantity, receipt->po_id);
    }
}

/* A year of movements per item, so that stock on hand (their sum) is realistic: deliveries by lot,
 * aggregate monthly usage taken oldest lot first, the purchase orders' deliveries, a few write-offs. */
void
rd_demo_make_stock (RdDemo *demo)
{
  g_autoptr (GDateTime) this_month = g_date_time_new (demo->tz, demo->year, demo->month, 1, 0, 0, 0);
  gint64 month_start[RD_DEMO_N_MONTHS], month_end[RD_DEMO_N_MONTHS];
  g_autofree Special *special = g_new0 (Special, rd_demo_n_items);
  gint64 today_start = rd_demo_local_time (demo, 0, 0, 0);
  guint n_special = 0;

  for (int m = 0; m < RD_DEMO_N_MONTHS; m++)
    {
      g_autoptr (GDateTime) start = g_date_time_add_months (this_month, m - (RD_DEMO_N_MONTHS - 1));
      g_autoptr (GDateTime) next = g_date_time_add_months (start, 1);

      month_start[m] = g_date_time_to_unix (start) + 9 * 3600;
      month_end[m] = MIN (g_date_time_to_unix (next) - 6 * 3600, demo->now_unix - 1800);
    }

  /* Four lots expiring within 30 days, three expired ones still shelved, two discarded, two counts. */
  while (n_special < 11)
    {
      guint i = g_rand_int_range (demo->rand, 0, rd_demo_n_items);
      const RdDemoItem *item = &rd_demo_items[i];

      if (special[i] != SPECIAL_NONE || item->durable || demo->out_of_stock[i] || item->reorder_qty == 0
          || (n_special < 9 && (!item->lot_tracked || item->shelf_months < 12))
          || (n_special >= 9 && item->lot_tracked))
        continue;
      special[i] = n_special < 4 ? SPECIAL_EXPIRES_SOON
                   : n_special < 7 ? SPECIAL_EXPIRED
                   : n_special < 9 ? SPECIAL_WRITTEN_OFF
                   : SPECIAL_COUNTED;
      n_special++;
    }

  for (guint i = 0; i < rd_demo_n_items && demo->error == NULL; i++)
    {
      History h = { demo, &rd_demo_items[i], g_array_new (FALSE, TRUE, sizeof (Lot)),
                    g_array_new (FALSE, TRUE, sizeof (Move)), 0, today_start, rd_demo_range (demo, 0, 899) };

      if (h.item->durable)
        keep_durable (&h, i, month_start[0], month_start[3]);
      else
        simulate (&h, i, special[i], month_start, month_end);
      write_moves (&h, i);

      g_array_unref (h.lots);
      g_array_unref (h.moves);
    }
}
