/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-budget.c: fiscal years, pro-rata contract values (leap years too), payments in arrears, budget sums, CSV, validation. */

#include <glib/gstdio.h>
#include <string.h>

#include "rd-budget.h"
#include "rd-contracts.h"
#include "rd-error.h"
#include "rd-store.h"

typedef struct
{
  char    *dir;
  RdStore *store;
  char    *vendor;
  char    *item;
} Fixture;

static char *
save (Fixture  *f,
      RdRecord *record)
{
  g_autoptr (GError) error = NULL;

  rd_store_save (f->store, record, "tester", &error);
  g_assert_no_error (error);
  return g_strdup (rd_record_get_id (record));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdRecord) v = rd_record_new_for_table ("vendor");
  g_autoptr (RdRecord) item = rd_record_new_for_table ("supply_item");

  f->dir = g_dir_make_tmp ("raddesk-budget-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "department.db", NULL);
  f->store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);

  rd_record_set_text (v, "name", "GE HealthCare");
  f->vendor = save (f, v);

  rd_record_set_text (item, "sku", "IOH350-100");
  rd_record_set_text (item, "name", "Iohexol 350, 100 mL");
  rd_record_set_text (item, "category", "contrast");
  rd_record_set_text (item, "unit", "bottle");
  rd_record_set_int (item, "par_level", 100);
  rd_record_set_int (item, "reorder_point", 40);
  rd_record_set_int (item, "reorder_qty", 60);
  rd_record_set_text (item, "vendor_id", f->vendor);
  rd_record_set_int (item, "unit_cost", 1000);
  rd_record_set_bool (item, "lot_tracked", FALSE);
  rd_record_set_bool (item, "active", TRUE);
  f->item = save (f, item);
}

static void
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
  g_free (f->vendor);
  g_free (f->item);
}

static void
set_date (GDate      *date,
          const char *text)
{
  g_assert_true (rd_contract_parse_date (text, date));
}

static RdRecord *
new_contract (Fixture    *f,
              const char *kind,
              const char *start,
              const char *end,
              gint64      annual)
{
  RdRecord *c = rd_record_new_for_table ("contract");

  rd_record_set_text (c, "vendor_id", f->vendor);
  rd_record_set_text (c, "title", "Agreement");
  rd_record_set_text (c, "kind", kind);
  rd_record_set_text (c, "start", start);
  rd_record_set_text (c, "end", end);
  rd_record_set_int (c, "annual_value", annual);
  rd_record_set_bool (c, "auto_renew", FALSE);
  rd_record_set_int (c, "notice_days", 0);
  return c;
}

static gint64
in_year (RdRecord *c,
         int       fiscal_year,
         int       start_month)
{
  GDate first, last;

  rd_fiscal_year_bounds (fiscal_year, start_month, &first, &last);
  return rd_budget_contract_in_period (c, &first, &last);
}

static char *
make_line (Fixture    *f,
           int         year,
           const char *category,
           const char *name,
           gint64      amount)
{
  g_autoptr (RdRecord) b = rd_record_new_for_table ("budget_line");
  g_autoptr (GError) error = NULL;

  rd_record_set_int (b, "fiscal_year", year);
  rd_record_set_text (b, "category", category);
  rd_record_set_int (b, "amount", amount);
  if (name != NULL)
    rd_record_set_text (b, "name", name);
  g_assert_true (rd_budget_save_line (f->store, b, "tester", NULL, &error));
  g_assert_no_error (error);
  return g_strdup (rd_record_get_id (b));
}

/* An order of one line: @quantity at @unit_cost, @received of it received. */
static char *
make_order (Fixture    *f,
            const char *line_id,
            const char *status,
            const char *ordered_on,
            gint64      quantity,
            gint64      unit_cost,
            gint64      received)
{
  g_autoptr (RdRecord) po = rd_record_new_for_table ("purchase_order");
  g_autoptr (RdRecord) line = rd_record_new_for_table ("po_line");
  g_autofree char *po_id = NULL;
  g_autofree char *line_row = NULL;
  static int number;
  g_autofree char *text = g_strdup_printf ("PO-2026-%04d", ++number);

  rd_record_set_text (po, "number", text);
  rd_record_set_text (po, "vendor_id", f->vendor);
  rd_record_set_text (po, "status", status);
  rd_record_set_text (po, "budget_line_id", line_id);
  rd_record_set_text (po, "ordered_on", ordered_on);
  po_id = save (f, po);

  rd_record_set_text (line, "po_id", po_id);
  rd_record_set_text (line, "item_id", f->item);
  rd_record_set_int (line, "quantity", quantity);
  rd_record_set_int (line, "unit_cost", unit_cost);
  rd_record_set_int (line, "received_qty", received);
  line_row = save (f, line);
  return g_steal_pointer (&po_id);
}

static void
add_receipt (Fixture    *f,
             const char *po_id,
             gint64      quantity,
             gint64      at)
{
  g_autoptr (RdRecord) m = rd_record_new_for_table ("stock_movement");
  g_autofree char *id = NULL;

  rd_record_set_text (m, "item_id", f->item);
  rd_record_set_int (m, "quantity", quantity);
  rd_record_set_text (m, "kind", "receive");
  rd_record_set_int (m, "at", at);
  rd_record_set_text (m, "po_id", po_id);
  id = save (f, m);
}

/* ---------------------------------------------------------------- */

static void
test_fiscal_years (void)
{
  GDate d, first, last;
  g_autofree char *a = NULL, *b = NULL;

  set_date (&d, "2026-09-30");
  g_assert_cmpint (rd_fiscal_year_for_date (&d, 1), ==, 2026);
  g_assert_cmpint (rd_fiscal_year_for_date (&d, 10), ==, 2026);
  set_date (&d, "2026-10-01");
  g_assert_cmpint (rd_fiscal_year_for_date (&d, 10), ==, 2027);
  g_assert_cmpint (rd_fiscal_year_for_date (&d, 4), ==, 2027);
  set_date (&d, "2026-03-31");
  g_assert_cmpint (rd_fiscal_year_for_date (&d, 4), ==, 2026);

  rd_fiscal_year_bounds (2027, 10, &first, &last);
  a = rd_contract_format_date (&first);
  b = rd_contract_format_date (&last);
  g_assert_cmpstr (a, ==, "2026-10-01");
  g_assert_cmpstr (b, ==, "2027-09-30");
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  /* a March start ends on the leap day */
  rd_fiscal_year_bounds (2028, 3, &first, &last);
  b = rd_contract_format_date (&last);
  g_assert_cmpstr (b, ==, "2028-02-29");
  g_assert_cmpint (g_date_days_between (&first, &last) + 1, ==, 366);
}

static void
test_pro_rata (Fixture       *f,
               gconstpointer  data)
{
  /* a leap contract year: 366 days for the annual value, 100000 cents a day */
  g_autoptr (RdRecord) c = new_contract (f, "service", "2027-07-01", "2029-06-30", 36600000);
  g_autoptr (RdRecord) whole_leap = new_contract (f, "service", "2028-01-01", "2028-12-31", 36600000);
  g_autoptr (RdRecord) half = new_contract (f, "service", "2026-01-01", "2026-06-30", 36500);
  g_autoptr (RdRecord) leap_day = new_contract (f, "service", "2028-02-29", "2030-02-27", 100000);
  GDate d;

  /* 1 July – 31 December 2027: 184 days of the first contract year (366 days) */
  g_assert_cmpint (in_year (c, 2027, 1), ==, 18400000);
  /* 2028: 182 days of the first year (with 29 February), 184 days of the second (365) rounded */
  g_assert_cmpint (in_year (c, 2028, 1), ==, 18200000 + 18450411);
  g_assert_cmpint (in_year (c, 2029, 1), ==, 36600000 - 18450411);
  /* the years add up to the whole value, to the cent */
  g_assert_cmpint (in_year (c, 2027, 1) + in_year (c, 2028, 1) + in_year (c, 2029, 1) + in_year (c, 2030, 1),
                   ==, 2 * 36600000);
  /* the same with an October fiscal year */
  g_assert_cmpint (in_year (c, 2027, 10) + in_year (c, 2028, 10) + in_year (c, 2029, 10), ==, 2 * 36600000);
  /* FY2028 of October: 1 Oct 2027 – 30 Sep 2028: 274 days of year one, 92 of year two */
  g_assert_cmpint (in_year (c, 2028, 10), ==, 27400000 + (G_GINT64_CONSTANT (36600000) * 92 + 182) / 365);

  /* a calendar leap year is worth exactly one annual value */
  g_assert_cmpint (in_year (whole_leap, 2028, 1), ==, 36600000);
  g_assert_cmpint (in_year (whole_leap, 2027, 1), ==, 0);

  /* a contract shorter than a year: 181 of 365 days */
  g_assert_cmpint (in_year (half, 2026, 1), ==, 18100);

  /* starting on a leap day: the anniversaries are 28 February, the years still whole */
  set_date (&d, "2029-02-28");
  g_assert_cmpint (rd_budget_contract_accrued (leap_day, &d), ==, 100000);
  set_date (&d, "2031-01-01");
  g_assert_cmpint (rd_budget_contract_accrued (leap_day, &d), ==, 200000);

  /* nothing before the start, nothing after the end */
  set_date (&d, "2027-07-01");
  g_assert_cmpint (rd_budget_contract_accrued (c, &d), ==, 0);
  g_assert_cmpint (in_year (c, 2031, 1), ==, 0);
}

static void
test_payments_in_arrears (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (RdRecord) c = new_contract (f, "service", "2026-01-31", "2026-12-30", 36500);
  g_autoptr (RdRecord) year = new_contract (f, "service", "2026-01-01", "2026-12-31", 36500);
  GDate today, billed, first, last;
  g_autofree char *text = NULL;

  /* month ends: 31 January + 1 month is 28 February */
  set_date (&today, "2026-03-15");
  g_assert_true (rd_budget_contract_billed_until (c, &today, &billed));
  text = rd_contract_format_date (&billed);
  g_assert_cmpstr (text, ==, "2026-02-28");
  g_clear_pointer (&text, g_free);

  /* nothing due on the start day, nor before the first month is over */
  set_date (&today, "2026-02-27");
  g_assert_false (rd_budget_contract_billed_until (c, &today, &billed));

  /* after the end, the last short month is due the day after the end */
  set_date (&today, "2027-06-01");
  g_assert_true (rd_budget_contract_billed_until (c, &today, &billed));
  text = rd_contract_format_date (&billed);
  g_assert_cmpstr (text, ==, "2026-12-31");

  /* spent in 2026 by 15 March: January and February, 59 days of 365 */
  rd_fiscal_year_bounds (2026, 1, &first, &last);
  set_date (&today, "2026-03-15");
  g_assert_cmpint (rd_budget_contract_spent (year, &first, &last, &today), ==, 5900);
  /* once the year is over, spent equals committed */
  set_date (&today, "2027-01-01");
  g_assert_cmpint (rd_budget_contract_spent (year, &first, &last, &today), ==, 36500);
}

static void
test_sums (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *consumables = make_line (f, 2026, "supplies", "Consumables", 100000);
  g_autofree char *radiopharm = make_line (f, 2026, "supplies", "Radiopharmaceuticals", 20000);
  g_autofree char *service = make_line (f, 2026, "service_contracts", "Service", 40000);
  g_autofree char *last_year = make_line (f, 2025, "supplies", "Consumables", 90000);
  g_autoptr (RdRecord) service_contract = new_contract (f, "service", "2026-01-01", "2026-12-31", 36500);
  g_autoptr (RdRecord) supply_contract = new_contract (f, "supply", "2025-07-01", "2026-06-30", 36500);
  g_autofree char *sc = NULL, *sp = NULL;
  g_autofree char *ordered = NULL, *draft = NULL, *cancelled = NULL, *old = NULL;
  g_autoptr (GPtrArray) summaries = NULL;
  g_autofree char *csv = NULL;
  gint64 months[12], month_total = 0, spent_total = 0;
  GDate today;
  RdBudgetSummary *s;

  sc = save (f, service_contract);
  sp = save (f, supply_contract);

  ordered = make_order (f, consumables, "ordered", "2026-02-01", 10, 1000, 4);
  draft = make_order (f, consumables, "draft", "2026-02-01", 99, 1000, 0);
  cancelled = make_order (f, consumables, "cancelled", "2026-01-05", 8, 500, 2);
  old = make_order (f, last_year, "received", "2025-05-01", 3, 1000, 3);
  add_receipt (f, ordered, 4, 1770724800); /* 10 February 2026, 12:00 UTC */

  set_date (&today, "2026-03-15");
  summaries = rd_budget_summarise (f->store, 2026, 1, &today);
  g_assert_cmpuint (summaries->len, ==, 3);

  /* by name: Consumables, Radiopharmaceuticals, Service */
  s = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (s->line_id, ==, consumables);
  /* orders: the ordered one in full, the received part of the cancelled one, not the draft */
  g_assert_cmpint (s->committed_orders, ==, 10 * 1000 + 2 * 500);
  /* the supply contract counts against the largest supplies line: 1 Jan – 30 Jun 2026, 181 of 365 days */
  g_assert_cmpint (s->committed_contracts, ==, 18100);
  g_assert_cmpint (s->committed, ==, 11000 + 18100);
  g_assert_cmpint (s->spent_orders, ==, 4 * 1000 + 2 * 500);
  /* contract paid through 1 March 2026: January and February of 2026 */
  g_assert_cmpint (s->spent_contracts, ==, 5900);
  g_assert_cmpint (s->remaining, ==, 100000 - 29100);
  g_assert_false (s->over);
  g_assert_false (s->close);

  s = g_ptr_array_index (summaries, 1);
  g_assert_cmpstr (s->line_id, ==, radiopharm);
  g_assert_cmpint (s->committed, ==, 0);

  /* service: 36500 of 40000 is over 90 %: close */
  s = g_ptr_array_index (summaries, 2);
  g_assert_cmpstr (s->line_id, ==, service);
  g_assert_cmpint (s->committed, ==, 36500);
  g_assert_cmpint (s->spent, ==, 5900);
  g_assert_true (s->close);
  g_assert_false (s->over);

  for (guint i = 0; i < summaries->len; i++)
    spent_total += ((RdBudgetSummary *) g_ptr_array_index (summaries, i))->spent;

  /* month by month: the delivery in February, the cancelled order's receipt (no delivery
   * recorded) in the month it was placed, the contracts in January and February */
  rd_budget_monthly_spending (f->store, 2026, 1, &today, NULL, months);
  g_assert_cmpint (months[0], ==, 1000 + 3100 + 3100);
  g_assert_cmpint (months[1], ==, 4000 + 2800 + 2800);
  for (int m = 0; m < 12; m++)
    month_total += months[m];
  g_assert_cmpint (month_total, ==, spent_total);
  for (int m = 2; m < 12; m++)
    g_assert_cmpint (months[m], ==, 0);

  /* going over */
  g_clear_pointer (&summaries, g_ptr_array_unref);
  g_free (make_order (f, service, "approved", "2026-03-01", 1, 5000, 0));
  summaries = rd_budget_summarise (f->store, 2026, 1, &today);
  s = g_ptr_array_index (summaries, 2);
  g_assert_true (s->over);
  g_assert_false (s->close);
  g_assert_cmpint (s->remaining, ==, 40000 - 41500);

  /* the CSV: a header, one row per line, a total */
  csv = rd_budget_report_csv (f->store, 2026, 1, &today);
  g_assert_true (g_str_has_prefix (csv, "fiscal_year,category,name,amount,committed_orders,"
                                        "committed_contracts,committed,spent,remaining,status\r\n")
                 || g_str_has_prefix (csv, "fiscal_year,category,name,amount,committed_orders,"
                                           "committed_contracts,committed,spent,remaining,status\n"));
  g_assert_nonnull (strstr (csv, "2026,service_contracts,Service,400.00,50.00,365.00,415.00,59.00,-15.00,over"));
  g_assert_nonnull (strstr (csv, "2026,supplies,Consumables,1000.00,110.00,181.00,291.00,109.00,709.00,within"));
  g_assert_nonnull (strstr (csv, "2026,total,,1600.00,160.00,546.00,706.00,168.00,894.00,within"));
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *first = make_line (f, 2026, "supplies", "Consumables", 100000);
  g_autoptr (GError) error = NULL;
  const char *field = NULL;

  {
    /* the same year, category and name (in other case): refused, nothing saved */
    g_autoptr (RdRecord) b = rd_record_new_for_table ("budget_line");

    rd_record_set_int (b, "fiscal_year", 2026);
    rd_record_set_text (b, "category", "supplies");
    rd_record_set_text (b, "name", " consumables ");
    rd_record_set_int (b, "amount", 5);
    g_assert_false (rd_budget_save_line (f->store, b, "tester", &field, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
    g_assert_cmpstr (field, ==, "category");
    g_assert_nonnull (strstr (error->message, "already has this budget line"));
    g_clear_error (&error);
    g_assert_cmpint (rd_store_count (f->store, "budget_line"), ==, 1);

    /* editing the line itself is not a duplicate of itself */
    {
      g_autoptr (RdRecord) same = rd_store_get (f->store, "budget_line", first, NULL);

      rd_record_set_int (same, "amount", 120000);
      g_assert_true (rd_budget_save_line (f->store, same, "tester", &field, &error));
      g_assert_no_error (error);
    }

    /* another year is fine, and so is another name */
    rd_record_set_int (b, "fiscal_year", 2027);
    g_assert_true (rd_budget_save_line (f->store, b, "tester", &field, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr (RdRecord) b = rd_record_new_for_table ("budget_line");

    rd_record_set_int (b, "fiscal_year", 2026);
    rd_record_set_text (b, "category", "training");
    rd_record_set_int (b, "amount", -100);
    g_assert_false (rd_budget_save_line (f->store, b, "tester", &field, &error));
    g_assert_cmpstr (field, ==, "amount");
    g_clear_error (&error);

    rd_record_set_int (b, "amount", 100);
    rd_record_set_int (b, "fiscal_year", 26);
    g_assert_false (rd_budget_save_line (f->store, b, "tester", &field, &error));
    g_assert_cmpstr (field, ==, "fiscal_year");
    g_clear_error (&error);
    g_assert_cmpint (rd_store_count (f->store, "budget_line"), ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/budget/fiscal-years", test_fiscal_years);
  ADD ("/budget/pro-rata", test_pro_rata);
  ADD ("/budget/payments-in-arrears", test_payments_in_arrears);
  ADD ("/budget/sums", test_sums);
  ADD ("/budget/validation", test_validation);
#undef ADD

  return g_test_run ();
}
