/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-contracts.c: contract status, notice deadlines, validation that saves nothing, uncovered modalities, reminders. */

#include <glib/gstdio.h>
#include <string.h>

#include "rd-contracts.h"
#include "rd-error.h"
#include "rd-store.h"

typedef struct
{
  char    *dir;
  RdStore *store;
  char    *vendor;
  char    *modality;
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

static char *
make_modality (Fixture    *f,
               const char *name)
{
  g_autoptr (RdRecord) m = rd_record_new_for_table ("modality");

  rd_record_set_text (m, "name", name);
  rd_record_set_text (m, "kind", "CT");
  rd_record_set_text (m, "opening_hours", "08:00-18:00;08:00-18:00;08:00-18:00;08:00-18:00;08:00-18:00;;");
  rd_record_set_bool (m, "active", TRUE);
  return save (f, m);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdRecord) v = rd_record_new_for_table ("vendor");

  f->dir = g_dir_make_tmp ("raddesk-contracts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "department.db", NULL);
  f->store = rd_store_open (path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);

  rd_record_set_text (v, "name", "Siemens Healthineers");
  f->vendor = save (f, v);
  f->modality = make_modality (f, "CT 1");
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
  g_free (f->modality);
}

static RdRecord *
new_contract (Fixture    *f,
              const char *start,
              const char *end,
              gint64      notice_days)
{
  RdRecord *c = rd_record_new_for_table ("contract");

  rd_record_set_text (c, "vendor_id", f->vendor);
  rd_record_set_text (c, "title", "Full-service agreement, CT 1");
  rd_record_set_text (c, "kind", "service");
  rd_record_set_text (c, "modality_id", f->modality);
  rd_record_set_text (c, "start", start);
  rd_record_set_text (c, "end", end);
  rd_record_set_int (c, "annual_value", 12000000);
  rd_record_set_bool (c, "auto_renew", FALSE);
  rd_record_set_int (c, "notice_days", notice_days);
  return c;
}

static void
set_date (GDate      *date,
          const char *text)
{
  g_assert_true (rd_contract_parse_date (text, date));
}

static void
assert_deadline (RdRecord   *contract,
                 const char *expected)
{
  GDate deadline;
  g_autofree char *text = NULL;

  g_assert_true (rd_contract_notice_deadline (contract, &deadline));
  text = rd_contract_format_date (&deadline);
  g_assert_cmpstr (text, ==, expected);
}

/* ---------------------------------------------------------------- */

static void
test_deadline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (RdRecord) c = new_contract (f, "2024-01-01", "2026-12-31", 90);
  GDate date;

  /* 31 December less 90 days: 2 October */
  assert_deadline (c, "2026-10-02");

  /* across a leap day: 31 March 2028 less 60 days is 31 January 2028 (29 days of February) */
  rd_record_set_text (c, "end", "2028-03-31");
  rd_record_set_int (c, "notice_days", 60);
  assert_deadline (c, "2028-01-31");
  rd_record_set_text (c, "end", "2027-03-31");
  assert_deadline (c, "2027-01-30");

  /* no notice: the end date itself */
  rd_record_set_int (c, "notice_days", 0);
  assert_deadline (c, "2027-03-31");

  /* no end date, no deadline */
  rd_record_set_text (c, "end", "2027-02-30");
  g_assert_false (rd_contract_notice_deadline (c, &date));
  g_assert_false (rd_contract_parse_date ("2027-2-3", &date));
  g_assert_false (rd_contract_parse_date ("2027-02-03x", &date));
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (RdRecord) c = new_contract (f, "2024-01-01", "2026-12-31", 90);
  GDate today;

  /* deadline 2 October 2026: 91 days before it is still active, 90 days before it is due */
  set_date (&today, "2026-07-03");
  g_assert_cmpint (rd_contract_days_to_deadline (c, &today), ==, 91);
  g_assert_cmpint (rd_contract_get_status (c, &today), ==, RD_CONTRACT_ACTIVE);
  set_date (&today, "2026-07-04");
  g_assert_cmpint (rd_contract_get_status (c, &today), ==, RD_CONTRACT_RENEWAL_DUE);

  /* the deadline passed but the contract still runs: still due */
  set_date (&today, "2026-11-15");
  g_assert_cmpint (rd_contract_days_to_deadline (c, &today), <, 0);
  g_assert_cmpint (rd_contract_get_status (c, &today), ==, RD_CONTRACT_RENEWAL_DUE);

  /* the end day itself is still within the contract; the day after, expired */
  set_date (&today, "2026-12-31");
  g_assert_cmpint (rd_contract_get_status (c, &today), ==, RD_CONTRACT_RENEWAL_DUE);
  g_assert_true (rd_contract_is_running (c, &today));
  set_date (&today, "2027-01-01");
  g_assert_cmpint (rd_contract_get_status (c, &today), ==, RD_CONTRACT_EXPIRED);
  g_assert_false (rd_contract_is_running (c, &today));

  /* before the start */
  set_date (&today, "2023-12-31");
  g_assert_cmpint (rd_contract_get_status (c, &today), ==, RD_CONTRACT_UPCOMING);

  g_assert_cmpstr (rd_contract_status_to_string (RD_CONTRACT_RENEWAL_DUE), ==, "renewal_due");
}

static void
assert_refused (Fixture    *f,
                RdRecord   *c,
                const char *field,
                const char *words)
{
  g_autoptr (GError) error = NULL;
  const char *out_field = NULL;
  gint64 before = rd_store_count (f->store, "contract");

  g_assert_false (rd_contract_save (f->store, c, "tester", &out_field, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_cmpstr (out_field, ==, field);
  g_assert_nonnull (strstr (error->message, words));
  /* nothing saved */
  g_assert_cmpint (rd_store_count (f->store, "contract"), ==, before);
  g_assert_null (rd_store_get (f->store, "contract", rd_record_get_id (c), NULL));
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (RdRecord) c = new_contract (f, "2026-06-01", "2026-05-31", 30);
    assert_refused (f, c, "end", "ends before it starts");
  }
  {
    g_autoptr (RdRecord) c = new_contract (f, "2026-01-01", "2026-12-31", 30);
    rd_record_set_int (c, "annual_value", -1);
    assert_refused (f, c, "annual_value", "negative");
  }
  {
    /* a 30-day contract with 31 days' notice */
    g_autoptr (RdRecord) c = new_contract (f, "2026-01-01", "2026-01-30", 31);
    assert_refused (f, c, "notice_days", "longer than the contract");
  }
  {
    g_autoptr (RdRecord) c = new_contract (f, "2026-01-01", "2026-12-31", -5);
    assert_refused (f, c, "notice_days", "negative");
  }
  {
    g_autoptr (RdRecord) c = new_contract (f, "2026-01-01", "2026-13-01", 5);
    assert_refused (f, c, "end", "YYYY-MM-DD");
  }
  {
    g_autoptr (RdRecord) c = new_contract (f, "2026-01-01", "2026-12-31", 5);
    rd_record_set_text (c, "title", "");
    assert_refused (f, c, "title", "title");
  }
  {
    g_autoptr (RdRecord) c = new_contract (f, "2026-01-01", "2026-12-31", 5);
    rd_record_set_text (c, "vendor_id", "no-such-vendor");
    assert_refused (f, c, "vendor_id", "vendor");
  }
  {
    /* the notice period may be as long as the contract: 30 days of a 30-day contract */
    g_autoptr (RdRecord) c = new_contract (f, "2026-01-01", "2026-01-30", 30);

    g_assert_true (rd_contract_save (f->store, c, "tester", NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rd_store_count (f->store, "contract"), ==, 1);
  }
}

static void
test_vendor_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (RdRecord) v = rd_record_new_for_table ("vendor");
  g_autoptr (GError) error = NULL;
  const char *field = NULL;

  rd_record_set_text (v, "name", "  ");
  g_assert_false (rd_vendor_save (f->store, v, "tester", &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);

  rd_record_set_text (v, "name", "siemens healthineers");
  g_assert_false (rd_vendor_save (f->store, v, "tester", &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);

  rd_record_set_text (v, "name", "Bayer");
  rd_record_set_text (v, "email", "orders.bayer.example");
  g_assert_false (rd_vendor_save (f->store, v, "tester", &field, &error));
  g_assert_cmpstr (field, ==, "email");
  g_clear_error (&error);
  g_assert_cmpint (rd_store_count (f->store, "vendor"), ==, 1);

  rd_record_set_text (v, "email", "orders@bayer.example");
  g_assert_true (rd_vendor_save (f->store, v, "tester", &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_count (f->store, "vendor"), ==, 2);
}

static void
test_uncovered (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *mr = make_modality (f, "MRI 3T");
  g_autoptr (RdRecord) ct_service = new_contract (f, "2025-01-01", "2026-12-31", 90);
  g_autoptr (RdRecord) mr_lease = new_contract (f, "2025-01-01", "2029-12-31", 90);
  g_autoptr (GPtrArray) uncovered = NULL;
  g_autofree char *a = NULL, *b = NULL;
  GDate today;

  rd_record_set_text (mr_lease, "modality_id", mr);
  rd_record_set_text (mr_lease, "kind", "lease");
  a = save (f, ct_service);
  b = save (f, mr_lease);

  /* the CT is covered (even with its renewal due); a lease does not cover the MRI */
  set_date (&today, "2026-11-01");
  uncovered = rd_contracts_uncovered_modalities (f->store, &today);
  g_assert_cmpuint (uncovered->len, ==, 1);
  g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (uncovered, 0)), ==, mr);
  g_clear_pointer (&uncovered, g_ptr_array_unref);

  /* once the CT's contract has expired, both */
  set_date (&today, "2027-01-01");
  uncovered = rd_contracts_uncovered_modalities (f->store, &today);
  g_assert_cmpuint (uncovered->len, ==, 2);
}

static void
test_notice_list_and_reminders (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (RdRecord) soon = new_contract (f, "2025-01-01", "2026-12-31", 90);   /* deadline 2 Oct */
  g_autoptr (RdRecord) sooner = new_contract (f, "2025-01-01", "2026-10-31", 60); /* deadline 1 Sep */
  g_autoptr (RdRecord) later = new_contract (f, "2025-01-01", "2028-12-31", 90);
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *a = save (f, soon), *b = save (f, sooner), *c = save (f, later);
  GDate today, tomorrow;

  set_date (&today, "2026-08-01");
  due = rd_contracts_list_notice_due (f->store, &today, RD_CONTRACT_RENEWAL_DAYS);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (due, 0)), ==, b);
  g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (due, 1)), ==, a);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* once a day per item */
  due = rd_contracts_reminders_due (f->store, &today);
  g_assert_cmpuint (due->len, ==, 2);
  g_clear_pointer (&due, g_ptr_array_unref);
  g_assert_true (rd_contracts_mark_notified (f->store, b, &today, &error));
  g_assert_no_error (error);
  g_assert_false (rd_contracts_should_notify (f->store, b, &today));
  due = rd_contracts_reminders_due (f->store, &today);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (due, 0)), ==, a);
  g_clear_pointer (&due, g_ptr_array_unref);

  tomorrow = today;
  g_date_add_days (&tomorrow, 1);
  g_assert_true (rd_contracts_should_notify (f->store, b, &tomorrow));

  /* without a registered application nothing is sent and nothing is marked */
  g_assert_cmpuint (rd_contracts_send_reminders (NULL, f->store, &today), ==, 0);
  g_assert_true (rd_contracts_should_notify (f->store, a, &today));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/contracts/deadline", test_deadline);
  ADD ("/contracts/status", test_status);
  ADD ("/contracts/validation", test_validation);
  ADD ("/contracts/vendor-validation", test_vendor_validation);
  ADD ("/contracts/uncovered-modalities", test_uncovered);
  ADD ("/contracts/notice-list-and-reminders", test_notice_list_and_reminders);
#undef ADD

  return g_test_run ();
}
