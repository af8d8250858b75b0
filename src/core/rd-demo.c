/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-demo.c: the demo department generator — shared helpers, equipment, vendors, contracts, budget. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-demo.h"
#include "rd-demo-private.h"
#include "rd-error.h"

/* ---------------------------------------------------------------- */
/* Helpers shared by the generator's parts                           */
/* ---------------------------------------------------------------- */

/* A version-4 UUID made of the seeded generator's bits, so a seed always gives the same ids. */
void
rd_demo_new_id (RdDemo   *demo,
                RdDemoId  id)
{
  guint32 w0 = g_rand_int (demo->id_rand);
  guint32 w1 = g_rand_int (demo->id_rand);
  guint32 w2 = g_rand_int (demo->id_rand);
  guint32 w3 = g_rand_int (demo->id_rand);

  g_snprintf (id, RD_DEMO_ID_LEN, "%08x-%04x-%04x-%04x-%04x%08x",
              w0, w1 >> 16, (w1 & 0x0fff) | 0x4000, ((w2 >> 16) & 0x3fff) | 0x8000,
              w2 & 0xffff, w3);
}

/* A record as the server would have sent it: first version, written by "demo", dated today. */
RdRecord *
rd_demo_record_new (RdDemo     *demo,
                    const char *table)
{
  RdDemoId id;
  RdRecord *record;

  rd_demo_new_id (demo, id);
  record = rd_record_new (rd_table_lookup (table), id);
  rd_record_set_version (record, 1);
  rd_record_set_updated_at (record, demo->now_unix);
  rd_record_set_updated_by (record, "demo");

  return record;
}

/* Writes and releases @record; after the first failure nothing more is written. */
void
rd_demo_put (RdDemo   *demo,
             RdRecord *record)
{
  if (demo->error == NULL && rd_store_put (demo->store, record, &demo->error))
    demo->n_records++;
  g_object_unref (record);
}

static void
day_ymd (RdDemo *demo,
         int     days_from_today,
         int    *y,
         int    *m,
         int    *d)
{
  g_autoptr (GDateTime) noon = g_date_time_new (demo->tz, demo->year, demo->month, demo->day, 12, 0, 0);
  g_autoptr (GDateTime) day = g_date_time_add_days (noon, days_from_today);

  g_date_time_get_ymd (day, y, m, d);
}

/* Unix seconds of a wall-clock time in the department's zone, @days_from_today away. */
gint64
rd_demo_local_time (RdDemo *demo,
                    int     days_from_today,
                    int     hour,
                    int     minute)
{
  g_autoptr (GDateTime) t = NULL;
  int y, m, d;

  day_ymd (demo, days_from_today, &y, &m, &d);
  t = g_date_time_new (demo->tz, y, m, d, hour, minute, 0);

  return g_date_time_to_unix (t);
}

char *
rd_demo_date_string (RdDemo *demo,
                     int     days_from_today)
{
  int y, m, d;

  day_ymd (demo, days_from_today, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* @date ("YYYY-MM-DD") moved by whole months; the 31st becomes the month's last day. */
char *
rd_demo_date_add_months (const char *date,
                         int         months)
{
  g_autoptr (GDateTime) t = NULL;
  g_autoptr (GDateTime) moved = NULL;
  int y = 0, m = 0, d = 0;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    g_assert_not_reached ();
  t = g_date_time_new_utc (y, m, d, 12, 0, 0);
  moved = g_date_time_add_months (t, months);

  return g_date_time_format (moved, "%Y-%m-%d");
}

/* A whole number from @lo to @hi, both included. */
int
rd_demo_range (RdDemo *demo,
               int     lo,
               int     hi)
{
  g_assert (hi >= lo);
  return g_rand_int_range (demo->rand, lo, hi + 1);
}

gboolean
rd_demo_chance (RdDemo *demo,
                double  probability)
{
  return g_rand_double (demo->rand) < probability;
}

char *
rd_demo_person_name (RdDemo *demo)
{
  return g_strdup_printf ("%s %s",
                          rd_demo_first_names[g_rand_int_range (demo->rand, 0, rd_demo_n_first_names)],
                          rd_demo_last_names[g_rand_int_range (demo->rand, 0, rd_demo_n_last_names)]);
}

int
rd_demo_find_item (const char *sku)
{
  for (guint i = 0; i < rd_demo_n_items; i++)
    if (strcmp (rd_demo_items[i].sku, sku) == 0)
      return (int) i;
  g_assert_not_reached ();
}

int
rd_demo_find_vendor (const char *name)
{
  for (guint i = 0; i < rd_demo_n_vendors; i++)
    if (strcmp (rd_demo_vendors[i].name, name) == 0)
      return (int) i;
  g_assert_not_reached ();
}

static int
find_modality (const char *name)
{
  for (guint i = 0; i < rd_demo_n_modalities; i++)
    if (strcmp (rd_demo_modalities[i].name, name) == 0)
      return (int) i;
  g_assert_not_reached ();
}

/* "Nadia Crane" → "nadia.crane@example.com" */
static char *
email_for (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  g_strdelimit (lower, " ", '.');
  return g_strdup_printf ("%s@example.com", lower);
}

/* ---------------------------------------------------------------- */
/* Equipment, vendors and exam types                                 */
/* ---------------------------------------------------------------- */

static void
make_modalities (RdDemo *demo)
{
  for (guint i = 0; i < rd_demo_n_modalities; i++)
    {
      const RdDemoModality *m = &rd_demo_modalities[i];
      RdRecord *r = rd_demo_record_new (demo, "modality");

      g_strlcpy (demo->modality_ids[i], rd_record_get_id (r), RD_DEMO_ID_LEN);
      rd_record_set_text (r, "name", m->name);
      rd_record_set_text (r, "kind", m->kind);
      rd_record_set_text (r, "room", m->room);
      rd_record_set_text (r, "ae_title", m->ae_title);
      rd_record_set_text (r, "opening_hours", m->hours);
      rd_record_set_text (r, "colour", m->colour);
      rd_record_set_bool (r, "active", TRUE);
      rd_demo_put (demo, r);
    }
}

static void
make_vendors (RdDemo *demo)
{
  for (guint i = 0; i < rd_demo_n_vendors; i++)
    {
      const RdDemoVendor *v = &rd_demo_vendors[i];
      RdRecord *r = rd_demo_record_new (demo, "vendor");
      g_autofree char *account = g_strdup_printf ("%s-%06d", v->prefix, rd_demo_range (demo, 100000, 999999));
      g_autofree char *contact = rd_demo_person_name (demo);
      g_autofree char *email = email_for (contact);
      g_autofree char *phone = g_strdup_printf ("555-01%02u", i + 1);

      g_strlcpy (demo->vendor_ids[i], rd_record_get_id (r), RD_DEMO_ID_LEN);
      rd_record_set_text (r, "name", v->name);
      rd_record_set_text (r, "account_number", account);
      rd_record_set_text (r, "contact", contact);
      rd_record_set_text (r, "phone", phone);
      rd_record_set_text (r, "email", email);
      rd_record_set_text (r, "notes", v->notes);
      rd_demo_put (demo, r);
    }
}

static void
make_exam_types (RdDemo *demo)
{
  for (guint i = 0; i < rd_demo_n_exams; i++)
    {
      const RdDemoExam *e = &rd_demo_exams[i];
      RdRecord *r = rd_demo_record_new (demo, "exam_type");
      g_auto (GStrv) parts = NULL;

      g_strlcpy (demo->exam_ids[i], rd_record_get_id (r), RD_DEMO_ID_LEN);
      rd_record_set_text (r, "code", e->code);
      rd_record_set_text (r, "name", e->name);
      rd_record_set_text (r, "modality_kind", e->kind);
      rd_record_set_int (r, "duration_min", e->duration);
      if (e->prep != NULL)
        rd_record_set_text (r, "prep", e->prep);
      rd_record_set_bool (r, "needs_contrast", e->contrast);
      rd_demo_put (demo, r);

      if (e->consumables == NULL)
        continue;

      parts = g_strsplit (e->consumables, ";", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_auto (GStrv) sku_qty = g_strsplit (parts[j], "*", 2);
          RdRecord *c = rd_demo_record_new (demo, "exam_consumable");

          rd_record_set_text (c, "exam_type_id", demo->exam_ids[i]);
          rd_record_set_text (c, "item_id", demo->item_ids[rd_demo_find_item (sku_qty[0])]);
          rd_record_set_int (c, "quantity", g_ascii_strtoll (sku_qty[1], NULL, 10));
          rd_demo_put (demo, c);
        }
    }
}

/* ---------------------------------------------------------------- */
/* Contracts and budget                                              */
/* ---------------------------------------------------------------- */

/* @date ("YYYY-MM-DD") moved by whole days. */
static char *
date_add_days (const char *date,
               int         days)
{
  g_autoptr (GDateTime) t = NULL;
  g_autoptr (GDateTime) moved = NULL;
  int y = 0, m = 0, d = 0;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    g_assert_not_reached ();
  t = g_date_time_new_utc (y, m, d, 12, 0, 0);
  moved = g_date_time_add_days (t, days);

  return g_date_time_format (moved, "%Y-%m-%d");
}

/* A contract of @term_months that starts @start_days from today, or, when @start_days is
 * G_MAXINT, one that ends @end_days from today. */
static void
put_contract (RdDemo     *demo,
              RdDemoId    id_out,
              const char *vendor,
              const char *title,
              const char *kind,
              int         modality,
              int         start_days,
              int         end_days,
              int         term_months,
              gint64      dollars,
              gboolean    auto_renew,
              int         notice_days)
{
  RdRecord *r = rd_demo_record_new (demo, "contract");
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *doc = NULL;

  if (start_days != G_MAXINT)
    {
      g_autofree char *after = NULL;

      start = rd_demo_date_string (demo, start_days);
      after = rd_demo_date_add_months (start, term_months);
      end = date_add_days (after, -1);
    }
  else
    {
      g_autofree char *after = NULL;

      end = rd_demo_date_string (demo, end_days);
      after = date_add_days (end, 1);
      start = rd_demo_date_add_months (after, -term_months);
    }
  doc = g_strdup_printf ("CT-%.4s-%03d", start, rd_demo_range (demo, 1, 299));

  if (id_out != NULL)
    g_strlcpy (id_out, rd_record_get_id (r), RD_DEMO_ID_LEN);
  rd_record_set_text (r, "vendor_id", demo->vendor_ids[rd_demo_find_vendor (vendor)]);
  rd_record_set_text (r, "title", title);
  rd_record_set_text (r, "kind", kind);
  if (modality >= 0)
    rd_record_set_text (r, "modality_id", demo->modality_ids[modality]);
  rd_record_set_text (r, "start", start);
  rd_record_set_text (r, "end", end);
  rd_record_set_int (r, "annual_value", dollars * 100);
  rd_record_set_bool (r, "auto_renew", auto_renew);
  rd_record_set_int (r, "notice_days", notice_days);
  rd_record_set_text (r, "document_ref", doc);
  rd_demo_put (demo, r);
}

/* A service contract per scanner. CT 2, US 1, the linen supply and PACS reach their notice
 * deadline within 90 days; DX 2's contract has expired and nothing replaced it. */
static void
make_contracts (RdDemo *demo)
{
  int ct2 = find_modality ("CT 2"), us1 = find_modality ("US 1"), dx2 = find_modality ("DX 2");
  int us2 = find_modality ("US 2");

  for (guint i = 0; i < rd_demo_n_modalities; i++)
    {
      const RdDemoModality *m = &rd_demo_modalities[i];
      g_autofree char *title = g_strdup_printf ("Full-service agreement, %s", m->name);
      gint64 dollars = rd_demo_range (demo, (int) m->service_min / 500, (int) m->service_max / 500) * 500;
      int notice = m->service_max >= 100000 ? 90 : 60;
      gboolean auto_renew = rd_demo_chance (demo, 0.3);

      if ((int) i == dx2)
        put_contract (demo, demo->service_contract_ids[i], m->vendor, title, "service", (int) i,
                      G_MAXINT, -rd_demo_range (demo, 30, 60), 36, dollars, FALSE, notice);
      else if ((int) i == ct2 || (int) i == us1)
        put_contract (demo, demo->service_contract_ids[i], m->vendor, title, "service", (int) i,
                      G_MAXINT, notice + rd_demo_range (demo, 10, 80), 60, dollars, FALSE, notice);
      else
        put_contract (demo, demo->service_contract_ids[i], m->vendor, title, "service", (int) i,
                      -rd_demo_range (demo, 60, 700), 0, rd_demo_chance (demo, 0.5) ? 36 : 60, dollars,
                      auto_renew, notice);
    }

  put_contract (demo, NULL, "Bayer", "Power injector maintenance, CT and MRI", "maintenance", -1,
                -400, 0, 36, 18000, TRUE, 60);
  put_contract (demo, NULL, "GE HealthCare", "Iodinated contrast supply", "supply", -1,
                -500, 0, 36, 240000, FALSE, 90);
  put_contract (demo, NULL, "Bayer", "Gadolinium contrast supply", "supply", -1,
                -300, 0, 24, 150000, FALSE, 90);
  put_contract (demo, NULL, "Medline Industries", "Medical-surgical supplies and linen", "supply", -1,
                G_MAXINT, 60 + rd_demo_range (demo, 5, 25), 24, 95000, TRUE, 60);
  put_contract (demo, NULL, "Lantheus", "Radiopharmaceutical kits", "supply", -1,
                -200, 0, 24, 60000, TRUE, 60);
  put_contract (demo, NULL, "PETNET Solutions", "F-18 FDG daily supply", "supply", -1,
                -250, 0, 24, 320000, FALSE, 90);
  put_contract (demo, NULL, "Fujifilm Healthcare", "PACS software licence and support", "software", -1,
                G_MAXINT, 180 + rd_demo_range (demo, 20, 80), 60, 160000, FALSE, 180);
  put_contract (demo, NULL, "Philips", "US 2 scanner lease", "lease", us2,
                -600, 0, 60, 38000, FALSE, 90);
}

static void
make_budget (RdDemo *demo)
{
  static const struct
  {
    const char *category;
    const char *name;
    gint64      dollars; /* this year; last year a little less */
  } lines[RD_DEMO_N_BUDGET_LINES] = {
    [RD_DEMO_BUDGET_SUPPLIES] = { "supplies", "Consumables and contrast", 820000 },
    [RD_DEMO_BUDGET_RADIOPHARMACEUTICALS] = { "supplies", "Radiopharmaceuticals", 420000 },
    [RD_DEMO_BUDGET_APPAREL] = { "equipment", "Radiation protection apparel", 5000 },
    [RD_DEMO_BUDGET_SERVICE] = { "service_contracts", "Scanner service contracts", 1650000 },
    [RD_DEMO_BUDGET_EQUIPMENT] = { "equipment", "Imaging equipment replacement", 350000 },
    [RD_DEMO_BUDGET_TRAINING] = { "training", "Staff training and CE", 45000 },
    [RD_DEMO_BUDGET_SOFTWARE] = { "other", "Software and IT", 180000 },
    [RD_DEMO_BUDGET_OTHER] = { "other", "Other operating costs", 60000 },
  };

  for (int y = 0; y < 2; y++)
    for (int i = 0; i < RD_DEMO_N_BUDGET_LINES; i++)
      {
        RdRecord *r = rd_demo_record_new (demo, "budget_line");
        gint64 dollars = y == 1 ? lines[i].dollars : lines[i].dollars / 100 * 95;

        g_strlcpy (demo->budget_ids[y][i], rd_record_get_id (r), RD_DEMO_ID_LEN);
        rd_record_set_int (r, "fiscal_year", demo->year - 1 + y);
        rd_record_set_text (r, "category", lines[i].category);
        rd_record_set_int (r, "amount", dollars * 100);
        rd_record_set_text (r, "name", lines[i].name);
        rd_demo_put (demo, r);
      }
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

static void
demo_clear (RdDemo *demo)
{
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->id_rand, g_rand_free);
  g_clear_pointer (&demo->tz, g_time_zone_unref);
  g_clear_pointer (&demo->now, g_date_time_unref);
  g_clear_pointer (&demo->modality_ids, g_free);
  g_clear_pointer (&demo->service_contract_ids, g_free);
  g_clear_pointer (&demo->vendor_ids, g_free);
  g_clear_pointer (&demo->item_ids, g_free);
  g_clear_pointer (&demo->exam_ids, g_free);
  for (guint i = 0; i < RD_DEMO_N_STAFF; i++)
    g_clear_pointer (&demo->staff[i].name, g_free);
  g_clear_pointer (&demo->repairs, g_array_unref);
  g_clear_pointer (&demo->usage, g_free);
  g_clear_pointer (&demo->receipts, g_array_unref);
  g_clear_pointer (&demo->under_reorder, g_free);
  g_clear_pointer (&demo->out_of_stock, g_free);
  g_clear_error (&demo->error);
}

/**
 * rd_demo_generate:
 * @store: an empty workstation store
 * @seed: the seed; the same seed and @today always give the same department
 * @today: the instant the department is seen at: bookings before it are done, those after it
 *   are to come. Its date in Europe/London is "today".
 * @error: why nothing was written
 *
 * Fills @store with a whole demo department — equipment, a year of bookings, staff and their
 * training, stock, orders, contracts and budget — as records already synced (version 1, by "demo"),
 * in one transaction. Nothing depends on the wall clock or on unseeded randomness.
 *
 * Returns: whether the department was written; on failure the store is left as it was
 */
gboolean
rd_demo_generate (RdStore    *store,
                  guint32     seed,
                  GDateTime  *today,
                  GError    **error)
{
  RdDemo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rd_store_count (store, "modality") > 0 || rd_store_count (store, "booking") > 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("The database already holds a department; choose a new file for the demo department."));
      return FALSE;
    }

  demo.store = store;
  demo.rand = g_rand_new_with_seed (seed);
  demo.id_rand = g_rand_new_with_seed (seed ^ 0x5eed1d5u);
  demo.tz = g_time_zone_new_identifier ("Europe/London");
  if (demo.tz == NULL)
    demo.tz = g_time_zone_new_utc ();
  demo.now = g_date_time_to_timezone (today, demo.tz);
  demo.now_unix = g_date_time_to_unix (demo.now);
  g_date_time_get_ymd (demo.now, &demo.year, &demo.month, &demo.day);

  demo.modality_ids = g_new0 (RdDemoId, rd_demo_n_modalities);
  demo.service_contract_ids = g_new0 (RdDemoId, rd_demo_n_modalities);
  demo.vendor_ids = g_new0 (RdDemoId, rd_demo_n_vendors);
  demo.item_ids = g_new0 (RdDemoId, rd_demo_n_items);
  demo.exam_ids = g_new0 (RdDemoId, rd_demo_n_exams);
  demo.repairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.usage = g_malloc0_n (rd_demo_n_items, sizeof (int[RD_DEMO_N_MONTHS]));
  demo.receipts = g_array_new (FALSE, FALSE, sizeof (RdDemoReceipt));
  demo.under_reorder = g_new0 (gboolean, rd_demo_n_items);
  demo.out_of_stock = g_new0 (gboolean, rd_demo_n_items);

  if (!rd_store_begin (store, error))
    {
      demo_clear (&demo);
      return FALSE;
    }

  make_modalities (&demo);
  make_vendors (&demo);
  rd_demo_make_items (&demo);
  make_exam_types (&demo);
  rd_demo_make_staff (&demo);
  make_contracts (&demo);
  make_budget (&demo);
  rd_demo_make_downtime (&demo);
  rd_demo_make_bookings (&demo);
  rd_demo_make_orders (&demo);
  rd_demo_make_stock (&demo);

  if (demo.error != NULL)
    {
      rd_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&demo.error));
      ok = FALSE;
    }
  else
    {
      ok = rd_store_commit (store, error);
    }

  g_debug ("Demo department: %" G_GUINT64_FORMAT " records", demo.n_records);
  demo_clear (&demo);
  return ok;
}
