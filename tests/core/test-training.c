/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-training.c: due dates, compliance, certifications, dose levels, validation and CSV of staff training. */

#include <glib/gstdio.h>
#include <string.h>

#include "rd-error.h"
#include "rd-store.h"
#include "rd-training.h"

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
  char    *tech;       /* CT technologist */
  char    *mr_tech;    /* MR technologist */
  char    *trainer;    /* technologist and trainer */
  char    *clerk;
  char    *radiation;  /* 12 months, every technologist */
  char    *ct_dose;    /* 12 months, CT */
  char    *injector;   /* once, CT and MR */
  char    *mri2;       /* 12 months, MR */
  char    *ris;        /* once, technologists */
} Fixture;

static void
date_set (GDate      *d,
          const char *text)
{
  g_assert_true (rd_training_parse_date (text, d));
}

static char *
add_staff (Fixture    *f,
           const char *name,
           const char *job,
           const char *kinds,
           gboolean    trainer)
{
  g_autoptr (RdRecord) r = rd_record_new_for_table ("staff");

  rd_record_set_text (r, "name", name);
  rd_record_set_text (r, "job", job);
  if (kinds != NULL)
    rd_record_set_text (r, "modality_kinds", kinds);
  rd_record_set_bool (r, "is_trainer", trainer);
  rd_record_set_bool (r, "active", TRUE);
  g_assert_true (rd_store_put (f->store, r, NULL));
  return g_strdup (rd_record_get_id (r));
}

static char *
add_course (Fixture    *f,
            const char *title,
            const char *category,
            int         renewal,
            const char *job,
            const char *kind)
{
  g_autoptr (RdRecord) c = rd_record_new_for_table ("course");
  g_autoptr (RdRecord) req = rd_record_new_for_table ("course_requirement");

  rd_record_set_text (c, "title", title);
  rd_record_set_text (c, "category", category);
  rd_record_set_int (c, "renewal_months", renewal);
  rd_record_set_int (c, "hours", 1);
  g_assert_true (rd_store_put (f->store, c, NULL));

  rd_record_set_text (req, "course_id", rd_record_get_id (c));
  if (job != NULL)
    rd_record_set_text (req, "job", job);
  if (kind != NULL)
    rd_record_set_text (req, "modality_kind", kind);
  g_assert_true (rd_store_put (f->store, req, NULL));

  return g_strdup (rd_record_get_id (c));
}

static RdRecord *
new_record (Fixture    *f,
            const char *staff,
            const char *course,
            const char *date,
            const char *outcome)
{
  RdRecord *r = rd_record_new_for_table ("training_record");

  rd_record_set_text (r, "staff_id", staff);
  rd_record_set_text (r, "course_id", course);
  rd_record_set_text (r, "date", date);
  rd_record_set_int (r, "hours", 2);
  rd_record_set_text (r, "outcome", outcome);
  rd_record_set_text (r, "trainer_id", f->trainer);
  return r;
}

static char *
put_record (Fixture    *f,
            const char *staff,
            const char *course,
            const char *date,
            const char *outcome)
{
  g_autoptr (RdRecord) r = new_record (f, staff, course, date, outcome);

  g_assert_true (rd_store_put (f->store, r, NULL));
  return g_strdup (rd_record_get_id (r));
}

static void
put_cert (Fixture    *f,
          const char *staff,
          const char *kind,
          const char *issued,
          const char *expires)
{
  g_autoptr (RdRecord) r = rd_record_new_for_table ("certification");

  rd_record_set_text (r, "staff_id", staff);
  rd_record_set_text (r, "kind", kind);
  rd_record_set_text (r, "issued", issued);
  if (expires != NULL)
    rd_record_set_text (r, "expires", expires);
  g_assert_true (rd_store_put (f->store, r, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("raddesk-training-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "department.db", NULL);
  f->store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);

  f->tech = add_staff (f, "Ada Quinn", "technologist", "CT", FALSE);
  f->mr_tech = add_staff (f, "Ben Ortiz", "technologist", "MR", FALSE);
  f->trainer = add_staff (f, "Cleo Marsh", "technologist", "CT,MR", TRUE);
  f->clerk = add_staff (f, "Dev Patel", "clerk", NULL, FALSE);

  f->radiation = add_course (f, "Radiation safety", "radiation_safety", 12, "technologist", NULL);
  f->ct_dose = add_course (f, "CT dose optimisation", "radiation_safety", 12, NULL, "CT");
  f->injector = add_course (f, "Power injector operation", "equipment", 0, NULL, "CT");
  f->mri2 = add_course (f, "MRI safety level 2", "mri_safety", 12, NULL, "MR");
  f->ris = add_course (f, "RIS technologist workflow", "ris", 0, "technologist", NULL);
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
  g_free (f->path);
  g_free (f->tech);
  g_free (f->mr_tech);
  g_free (f->trainer);
  g_free (f->clerk);
  g_free (f->radiation);
  g_free (f->ct_dose);
  g_free (f->injector);
  g_free (f->mri2);
  g_free (f->ris);
}

static const RdTrainingItem *
find_item (GPtrArray  *items,
           const char *key)
{
  for (guint i = 0; i < items->len; i++)
    {
      const RdTrainingItem *item = g_ptr_array_index (items, i);
      if (g_strcmp0 (item->key, key) == 0)
        return item;
    }
  return NULL;
}

static void
assert_due (const RdTrainingItem *item,
            const char           *expected)
{
  g_autofree char *due = NULL;

  g_assert_nonnull (item);
  g_assert_true (g_date_valid (&item->due));
  due = rd_training_format_date (&item->due);
  g_assert_cmpstr (due, ==, expected);
}

/* ---------------------------------------------------------------- */
/* Dates                                                             */
/* ---------------------------------------------------------------- */

static void
check_add (const char *from,
           guint       months,
           const char *expected)
{
  GDate d, out;
  g_autofree char *text = NULL;

  date_set (&d, from);
  rd_training_add_months (&d, months, &out);
  text = rd_training_format_date (&out);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_add_months (void)
{
  check_add ("2025-01-31", 1, "2025-02-28");
  check_add ("2024-01-31", 1, "2024-02-29");
  check_add ("2024-02-29", 12, "2025-02-28");
  check_add ("2024-02-29", 48, "2028-02-29");
  check_add ("2025-03-31", 1, "2025-04-30");
  check_add ("2025-12-15", 1, "2026-01-15");
  check_add ("2025-08-31", 6, "2026-02-28");
  check_add ("2025-05-10", 24, "2027-05-10");
  check_add ("2025-05-10", 0, "2025-05-10");
}

static void
test_parse_date (void)
{
  GDate d;

  g_assert_true (rd_training_parse_date ("2024-02-29", &d));
  g_assert_false (rd_training_parse_date ("2025-02-29", &d));
  g_assert_false (g_date_valid (&d));
  g_assert_false (rd_training_parse_date ("2025-2-3", &d));
  g_assert_false (rd_training_parse_date ("2025-13-01", &d));
  g_assert_false (rd_training_parse_date ("2025-01-01x", &d));
  g_assert_false (rd_training_parse_date ("", &d));
  g_assert_false (rd_training_parse_date (NULL, &d));
}

static void
test_status_for_due (void)
{
  GDate today, due;

  date_set (&today, "2026-01-10");
  date_set (&due, "2026-01-09");
  g_assert_cmpint (rd_training_status_for_due (&due, &today), ==, RD_TRAINING_OVERDUE);
  date_set (&due, "2026-01-10");
  g_assert_cmpint (rd_training_status_for_due (&due, &today), ==, RD_TRAINING_DUE);
  date_set (&due, "2026-02-09");
  g_assert_cmpint (rd_training_status_for_due (&due, &today), ==, RD_TRAINING_DUE);
  date_set (&due, "2026-02-10");
  g_assert_cmpint (rd_training_status_for_due (&due, &today), ==, RD_TRAINING_CURRENT);
}

/* ---------------------------------------------------------------- */
/* Compliance                                                        */
/* ---------------------------------------------------------------- */

static void
test_requirement_applies (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (RdRecord) tech = rd_store_get (f->store, "staff", f->trainer, NULL);
  g_autoptr (RdRecord) clerk = rd_store_get (f->store, "staff", f->clerk, NULL);
  g_autoptr (RdRecord) req = rd_record_new_for_table ("course_requirement");

  rd_record_set_text (req, "course_id", f->mri2);
  g_assert_true (rd_training_requirement_applies (req, clerk)); /* neither set: everyone */
  rd_record_set_text (req, "modality_kind", "MR");
  g_assert_true (rd_training_requirement_applies (req, tech));  /* "CT,MR" */
  g_assert_false (rd_training_requirement_applies (req, clerk));
  rd_record_set_text (req, "job", "nurse");
  g_assert_false (rd_training_requirement_applies (req, tech));
  rd_record_set_text (req, "job", "technologist");
  g_assert_true (rd_training_requirement_applies (req, tech));
  rd_record_set_text (req, "modality_kind", "US");
  g_assert_false (rd_training_requirement_applies (req, tech));
}

static void
test_course_status (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL;
  const RdTrainingItem *item;
  GDate today;

  date_set (&today, "2026-01-10");

  /* Renewal from the last competent record: 31 Jan + 12 months = 31 Jan, within 30 days. */
  r1 = put_record (f, f->tech, f->radiation, "2024-12-01", "competent");
  r2 = put_record (f, f->tech, f->radiation, "2025-01-31", "competent");
  /* A later "needs practice" does not reset or cancel competence. */
  g_free (put_record (f, f->tech, f->radiation, "2025-06-01", "needs_practice"));
  /* Overdue: last competent record more than 12 months ago. */
  g_free (put_record (f, f->tech, f->ct_dose, "2024-06-01", "competent"));
  /* Once is enough. */
  r3 = put_record (f, f->tech, f->injector, "2019-03-04", "competent");
  /* RIS: only "not competent" — missing. */
  g_free (put_record (f, f->tech, f->ris, "2025-11-01", "not_competent"));

  items = rd_training_staff_items (f->store, f->tech, &today);
  /* Radiation, CT dose, injector, RIS; MRI safety is not required of a CT-only technologist. */
  g_assert_null (find_item (items, f->mri2));

  item = find_item (items, f->radiation);
  g_assert_cmpint (item->status, ==, RD_TRAINING_DUE);
  g_assert_cmpstr (item->record_id, ==, r2);
  assert_due (item, "2026-01-31");

  item = find_item (items, f->ct_dose);
  g_assert_cmpint (item->status, ==, RD_TRAINING_OVERDUE);
  assert_due (item, "2025-06-01");

  item = find_item (items, f->injector);
  g_assert_cmpint (item->status, ==, RD_TRAINING_CURRENT);
  g_assert_false (g_date_valid (&item->due));
  g_assert_cmpstr (item->record_id, ==, r3);

  item = find_item (items, f->ris);
  g_assert_cmpint (item->status, ==, RD_TRAINING_MISSING);
  g_assert_false (g_date_valid (&item->last));
  g_assert_null (item->record_id);

  /* Nothing at all for the MR technologist: every course missing. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = rd_training_staff_items (f->store, f->mr_tech, &today);
  g_assert_cmpint (find_item (items, f->mri2)->status, ==, RD_TRAINING_MISSING);
  g_assert_cmpint (find_item (items, f->radiation)->status, ==, RD_TRAINING_MISSING);
  g_assert_null (find_item (items, f->ct_dose));
}

static void
test_leap_day_and_month_end (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GPtrArray) items = NULL;
  GDate today;

  g_free (put_record (f, f->tech, f->radiation, "2024-02-29", "competent"));

  date_set (&today, "2025-02-28");
  items = rd_training_staff_items (f->store, f->tech, &today);
  assert_due (find_item (items, f->radiation), "2025-02-28");
  g_assert_cmpint (find_item (items, f->radiation)->status, ==, RD_TRAINING_DUE);
  g_clear_pointer (&items, g_ptr_array_unref);

  date_set (&today, "2025-03-01");
  items = rd_training_staff_items (f->store, f->tech, &today);
  g_assert_cmpint (find_item (items, f->radiation)->status, ==, RD_TRAINING_OVERDUE);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* 31 January renewed monthly would be 28 February; yearly, 31 January again. */
  g_free (put_record (f, f->tech, f->ct_dose, "2025-01-31", "competent"));
  date_set (&today, "2025-02-01");
  items = rd_training_staff_items (f->store, f->tech, &today);
  assert_due (find_item (items, f->ct_dose), "2026-01-31");
  g_assert_cmpint (find_item (items, f->ct_dose)->status, ==, RD_TRAINING_CURRENT);
}

static void
test_future_record_does_not_count (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (GPtrArray) items = NULL;
  GDate today;

  /* Written straight to the store (as a sync could), dated after today. */
  g_free (put_record (f, f->tech, f->radiation, "2026-05-01", "competent"));
  date_set (&today, "2026-01-10");
  items = rd_training_staff_items (f->store, f->tech, &today);
  g_assert_cmpint (find_item (items, f->radiation)->status, ==, RD_TRAINING_MISSING);
}

static void
test_correction_supersedes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) original = new_record (f, f->tech, f->radiation, "2025-12-20", "competent");
  g_autoptr (RdRecord) correction = NULL;
  g_autoptr (RdRecord) second = NULL;
  g_autoptr (GPtrArray) items = NULL;
  const char *field = "x";
  GDate today;

  date_set (&today, "2026-01-10");
  rd_record_set_text (original, "signed_off_by", f->trainer);
  g_assert_true (rd_training_save (f->store, original, "cleo", &today, &field, &error));
  g_assert_no_error (error);
  g_assert_false (rd_record_is_null (original, "signed_off_at"));

  /* The signed-off record was really a "needs practice": corrected by a new record. */
  correction = rd_training_new_correction (original);
  g_assert_cmpstr (rd_record_get_text (correction, "corrects_id"), ==, rd_record_get_id (original));
  g_assert_cmpstr (rd_record_get_id (correction), !=, rd_record_get_id (original));
  g_assert_true (rd_record_is_null (correction, "signed_off_by"));
  rd_record_set_text (correction, "outcome", "needs_practice");
  g_assert_true (rd_training_save (f->store, correction, "cleo", &today, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (rd_training_record_is_superseded (f->store, rd_record_get_id (original)));
  items = rd_training_staff_items (f->store, f->tech, &today);
  g_assert_cmpint (find_item (items, f->radiation)->status, ==, RD_TRAINING_MISSING);

  /* A second correction of the same original is refused: correct the latest. */
  second = rd_training_new_correction (original);
  g_assert_false (rd_training_save (f->store, second, "cleo", &today, &field, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "corrects_id");
  g_assert_null (rd_store_get (f->store, "training_record", rd_record_get_id (second), NULL));
}

static void
test_certifications (Fixture       *f,
                     gconstpointer  data)
{
  g_auto (GStrv) tech = rd_training_required_certifications ("technologist", "CT,MR");
  g_auto (GStrv) rad = rd_training_required_certifications ("radiologist", "CT");
  g_auto (GStrv) clerk = rd_training_required_certifications ("clerk", NULL);
  g_auto (GStrv) nm = rd_training_required_certifications ("technologist", "NM,PT");
  g_autoptr (GPtrArray) items = NULL;
  GDate today;

  g_assert_true (g_strv_contains ((const char *const *) tech, "State radiologic technologist licence"));
  g_assert_true (g_strv_contains ((const char *const *) tech, "ARRT RT(R) radiography"));
  g_assert_true (g_strv_contains ((const char *const *) tech, "AHA BLS provider"));
  g_assert_true (g_strv_contains ((const char *const *) tech, "ARRT RT(CT) computed tomography"));
  g_assert_true (g_strv_contains ((const char *const *) tech, "ARRT RT(MR) magnetic resonance"));
  g_assert_false (g_strv_contains ((const char *const *) tech, "ARRT RT(M) mammography"));
  g_assert_cmpuint (g_strv_length (tech), ==, 5);
  g_assert_cmpuint (g_strv_length (rad), ==, 2); /* BLS, ACLS; no ARRT for a radiologist */
  g_assert_cmpuint (g_strv_length (clerk), ==, 0);
  g_assert_cmpuint (g_strv_length (nm), ==, 4);  /* CNMT once for NM and PT */

  g_assert_true (rd_training_certification_kind_matches ("ARRT RT(CT) computed tomography", "ARRT CT"));
  g_assert_true (rd_training_certification_kind_matches ("ARRT RT(CT) computed tomography", "arrt rt(ct)"));
  g_assert_true (rd_training_certification_kind_matches ("AHA BLS provider", "BLS"));
  g_assert_false (rd_training_certification_kind_matches ("AHA BLS provider", "ACLS"));
  g_assert_false (rd_training_certification_kind_matches ("ARRT RT(M) mammography", "ARRT RT(MR)"));
  g_assert_false (rd_training_certification_kind_matches ("AHA BLS provider", ""));

  date_set (&today, "2026-01-10");
  put_cert (f, f->tech, "State radiologic technologist licence", "2024-03-01", "2026-01-09"); /* expired */
  put_cert (f, f->tech, "ARRT R", "2025-02-01", "2026-02-01");                                 /* due */
  put_cert (f, f->tech, "ARRT RT(CT) computed tomography", "2025-06-01", "2026-06-01");        /* current */
  put_cert (f, f->tech, "ARRT RT(CT) computed tomography", "2024-06-01", "2025-06-01");        /* older */
  put_cert (f, f->tech, "BLS", "2020-01-01", NULL);                                            /* no expiry */

  items = rd_training_staff_items (f->store, f->tech, &today);
  g_assert_cmpint (find_item (items, "State radiologic technologist licence")->status, ==, RD_TRAINING_OVERDUE);
  g_assert_cmpint (find_item (items, "ARRT RT(R) radiography")->status, ==, RD_TRAINING_DUE);
  g_assert_cmpint (find_item (items, "ARRT RT(CT) computed tomography")->status, ==, RD_TRAINING_CURRENT);
  assert_due (find_item (items, "ARRT RT(CT) computed tomography"), "2026-06-01");
  g_assert_cmpint (find_item (items, "AHA BLS provider")->status, ==, RD_TRAINING_CURRENT);
  g_assert_null (find_item (items, "ARRT RT(MR) magnetic resonance"));
}

static void
test_lapsed_for_kind (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/London");
  g_autoptr (GDateTime) at = g_date_time_new (tz, 2026, 1, 10, 9, 0, 0);
  g_autoptr (GPtrArray) mr = NULL;
  g_autoptr (GPtrArray) ct = NULL;
  g_autoptr (GPtrArray) nobody = NULL;
  gboolean saw_mri = FALSE, saw_ris = FALSE, saw_ct_dose = FALSE;

  g_free (put_record (f, f->tech, f->radiation, "2025-12-01", "competent"));
  g_free (put_record (f, f->tech, f->ct_dose, "2025-12-01", "competent"));
  g_free (put_record (f, f->tech, f->injector, "2025-12-01", "competent"));
  put_cert (f, f->tech, "State radiologic technologist licence", "2025-01-01", "2027-01-01");
  put_cert (f, f->tech, "ARRT R", "2025-06-01", "2026-06-01");
  put_cert (f, f->tech, "ARRT CT", "2025-06-01", "2026-06-01");
  put_cert (f, f->tech, "BLS", "2025-06-01", "2027-06-01");

  /* On CT, the CT technologist is fine: the missing RIS module keeps nobody off a scanner. */
  ct = rd_training_staff_lapsed_for_kind (f->store, f->tech, "CT", at);
  g_assert_cmpuint (ct->len, ==, 0);

  /* Put on the MR scanner, MRI safety and the ARRT MR are missing. */
  mr = rd_training_staff_lapsed_for_kind (f->store, f->tech, "MR", at);
  for (guint i = 0; i < mr->len; i++)
    {
      const char *s = g_ptr_array_index (mr, i);
      saw_mri |= strstr (s, "MRI safety level 2") != NULL;
      saw_ris |= strstr (s, "RIS") != NULL;
      saw_ct_dose |= strstr (s, "CT dose") != NULL;
    }
  g_assert_true (saw_mri);
  g_assert_false (saw_ris);
  g_assert_false (saw_ct_dose);
  g_assert_cmpuint (mr->len, ==, 2);

  nobody = rd_training_staff_lapsed_for_kind (f->store, "no-such-person", "MR", at);
  g_assert_cmpuint (nobody->len, ==, 0);
}

static void
test_list_due (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GPtrArray) d30 = NULL, d60 = NULL, d90 = NULL;
  GDate today;

  date_set (&today, "2026-01-10");
  g_free (put_record (f, f->tech, f->radiation, "2025-01-20", "competent"));  /* due 2026-01-20 */
  g_free (put_record (f, f->tech, f->ct_dose, "2025-02-25", "competent"));    /* due 2026-02-25 */
  g_free (put_record (f, f->mr_tech, f->mri2, "2025-03-30", "competent"));    /* due 2026-03-30 */
  g_free (put_record (f, f->mr_tech, f->radiation, "2024-12-01", "competent")); /* overdue */
  g_free (put_record (f, f->trainer, f->radiation, "2025-11-01", "competent")); /* far off */

  d30 = rd_training_list_due (f->store, &today, 30);
  d60 = rd_training_list_due (f->store, &today, 60);
  d90 = rd_training_list_due (f->store, &today, 90);
  g_assert_cmpuint (d30->len, ==, 2);
  g_assert_cmpuint (d60->len, ==, 3);
  g_assert_cmpuint (d90->len, ==, 4);
  /* Soonest first: the overdue one leads. */
  g_assert_cmpint (((RdTrainingItem *) g_ptr_array_index (d90, 0))->status, ==, RD_TRAINING_OVERDUE);
  g_assert_cmpstr (((RdTrainingItem *) g_ptr_array_index (d90, 3))->key, ==, f->mri2);
}

static void
test_matrix (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (RdTrainingMatrix) all = NULL;
  g_autoptr (RdTrainingMatrix) mr = NULL;
  g_autoptr (RdTrainingMatrix) clerks = NULL;
  GDate today;
  int radiation_col = -1, mri_col = -1;

  date_set (&today, "2026-01-10");
  g_free (put_record (f, f->mr_tech, f->mri2, "2025-12-01", "competent"));

  all = rd_training_matrix_new (f->store, &today, NULL, NULL);
  g_assert_cmpuint (rd_training_matrix_get_n_staff (all), ==, 4);
  /* Four rows by name: Ada, Ben, Cleo, Dev. */
  g_assert_cmpstr (rd_record_get_text (rd_training_matrix_get_staff (all, 1), "name"), ==, "Ben Ortiz");
  for (guint c = 0; c < rd_training_matrix_get_n_columns (all); c++)
    {
      const RdTrainingColumn *col = rd_training_matrix_get_column (all, c);
      if (g_strcmp0 (col->key, f->radiation) == 0)
        radiation_col = (int) c;
      if (g_strcmp0 (col->key, f->mri2) == 0)
        mri_col = (int) c;
    }
  g_assert_cmpint (radiation_col, >=, 0);
  g_assert_cmpint (mri_col, >=, 0);
  g_assert_cmpint (rd_training_matrix_get_cell (all, 1, (guint) mri_col)->status, ==, RD_TRAINING_CURRENT);
  g_assert_null (rd_training_matrix_get_cell (all, 0, (guint) mri_col)); /* CT only: not required */
  g_assert_null (rd_training_matrix_get_cell (all, 3, (guint) radiation_col)); /* the clerk */

  mr = rd_training_matrix_new (f->store, &today, NULL, "MR");
  g_assert_cmpuint (rd_training_matrix_get_n_staff (mr), ==, 2);

  clerks = rd_training_matrix_new (f->store, &today, "clerk", NULL);
  g_assert_cmpuint (rd_training_matrix_get_n_staff (clerks), ==, 1);
  g_assert_cmpuint (rd_training_matrix_get_n_columns (clerks), ==, 0);
}

/* ---------------------------------------------------------------- */
/* Validation                                                        */
/* ---------------------------------------------------------------- */

static void
assert_refused (Fixture    *f,
                RdRecord   *record,
                const char *expected_field)
{
  g_autoptr (GError) error = NULL;
  const char *field = "unset";
  gint64 outbox = rd_store_outbox_count (f->store);
  GDate today;

  date_set (&today, "2026-01-10");
  g_assert_false (rd_training_save (f->store, record, "cleo", &today, &field, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID);
  g_assert_cmpstr (field, ==, expected_field);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_cmpint (rd_store_outbox_count (f->store), ==, outbox);
}

static void
test_validation_record (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) r = NULL;
  g_autoptr (RdRecord) stored = NULL;
  GDate today;

  date_set (&today, "2026-01-10");

  r = new_record (f, f->tech, f->radiation, "2026-01-11", "competent");
  assert_refused (f, r, "date");
  g_assert_null (rd_store_get (f->store, "training_record", rd_record_get_id (r), NULL));

  rd_record_set_text (r, "date", "2026-01-10");
  rd_record_set_int (r, "hours", 0);
  assert_refused (f, r, "hours");
  rd_record_set_int (r, "hours", -2);
  assert_refused (f, r, "hours");
  rd_record_set_null (r, "hours");
  assert_refused (f, r, "hours");
  rd_record_set_int (r, "hours", 2);

  rd_record_set_text (r, "date", "2026-02-30");
  assert_refused (f, r, "date");
  rd_record_set_text (r, "date", "2026-01-10");

  rd_record_set_text (r, "signed_off_by", f->mr_tech);  /* not a trainer */
  assert_refused (f, r, "signed_off_by");
  rd_record_set_text (r, "trainer_id", f->clerk);
  rd_record_set_text (r, "signed_off_by", f->trainer);
  assert_refused (f, r, "trainer_id");
  rd_record_set_text (r, "trainer_id", f->trainer);

  rd_record_set_text (r, "course_id", "no-such-course");
  assert_refused (f, r, "course_id");
  rd_record_set_text (r, "course_id", f->radiation);

  rd_record_set_text (r, "outcome", "brilliant");
  assert_refused (f, r, "outcome");
  rd_record_set_text (r, "outcome", "competent");

  g_assert_null (rd_store_get (f->store, "training_record", rd_record_get_id (r), NULL));

  /* Now valid, and signed off. */
  g_assert_true (rd_training_save (f->store, r, "cleo", &today, NULL, &error));
  g_assert_no_error (error);

  /* A signed-off record is not edited in place. */
  rd_record_set_int (r, "hours", 5);
  assert_refused (f, r, NULL);
  stored = rd_store_get (f->store, "training_record", rd_record_get_id (r), NULL);
  g_assert_cmpint (rd_record_get_int (stored, "hours"), ==, 2);
}

static void
test_self_sign_off (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (RdRecord) r = new_record (f, f->trainer, f->radiation, "2026-01-02", "competent");

  rd_record_set_text (r, "signed_off_by", f->trainer);
  assert_refused (f, r, "signed_off_by");
}

static void
test_unsigned_record_may_be_edited (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) r = new_record (f, f->tech, f->radiation, "2026-01-02", "needs_practice");
  g_autoptr (RdRecord) stored = NULL;
  GDate today;

  date_set (&today, "2026-01-10");
  g_assert_true (rd_training_save (f->store, r, "cleo", &today, NULL, &error));
  rd_record_set_text (r, "outcome", "competent");
  rd_record_set_text (r, "signed_off_by", f->trainer);
  g_assert_true (rd_training_save (f->store, r, "cleo", &today, NULL, &error));
  g_assert_no_error (error);
  stored = rd_store_get (f->store, "training_record", rd_record_get_id (r), NULL);
  g_assert_cmpstr (rd_record_get_text (stored, "outcome"), ==, "competent");
}

static void
test_validation_certification (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (RdRecord) c = rd_record_new_for_table ("certification");
  g_autoptr (GError) error = NULL;
  GDate today;

  rd_record_set_text (c, "staff_id", f->tech);
  rd_record_set_text (c, "kind", "  ");
  rd_record_set_text (c, "issued", "2025-06-01");
  rd_record_set_text (c, "expires", "2025-05-31");
  assert_refused (f, c, "kind");
  rd_record_set_text (c, "kind", "ARRT CT");
  assert_refused (f, c, "expires");
  rd_record_set_text (c, "issued", "2026-03-01");
  rd_record_set_text (c, "expires", "2027-03-01");
  assert_refused (f, c, "issued");
  rd_record_set_null (c, "staff_id");
  assert_refused (f, c, "staff_id");
  g_assert_null (rd_store_get (f->store, "certification", rd_record_get_id (c), NULL));

  rd_record_set_text (c, "staff_id", f->tech);
  rd_record_set_text (c, "issued", "2025-06-01");
  rd_record_set_text (c, "expires", "2025-06-01");
  date_set (&today, "2026-01-10");
  g_assert_true (rd_training_save (f->store, c, "cleo", &today, NULL, &error));
  g_assert_no_error (error);
}

static void
test_validation_dose (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (RdRecord) d = rd_record_new_for_table ("dose_reading");

  rd_record_set_text (d, "staff_id", f->tech);
  rd_record_set_text (d, "period_start", "2025-10-01");
  rd_record_set_text (d, "period_end", "2025-09-30");
  rd_record_set_int (d, "effective_usv", 100);
  assert_refused (f, d, "period_end");
  rd_record_set_text (d, "period_end", "2026-03-31");
  assert_refused (f, d, "period_end");
  rd_record_set_text (d, "period_end", "2025-12-31");
  rd_record_set_int (d, "lens_usv", -1);
  assert_refused (f, d, "lens_usv");
  g_assert_null (rd_store_get (f->store, "dose_reading", rd_record_get_id (d), NULL));
}

/* ---------------------------------------------------------------- */
/* Dose levels                                                       */
/* ---------------------------------------------------------------- */

static void
test_dose_levels (void)
{
  GDate a, b;
  gint64 threshold = 0;

  date_set (&a, "2025-01-01");
  date_set (&b, "2025-03-31");
  g_assert_cmpuint (rd_training_dose_period_months (&a, &b), ==, 3);
  date_set (&a, "2025-04-01");
  date_set (&b, "2025-06-30");
  g_assert_cmpuint (rd_training_dose_period_months (&a, &b), ==, 3);
  date_set (&a, "2025-02-01");
  date_set (&b, "2025-02-28");
  g_assert_cmpuint (rd_training_dose_period_months (&a, &b), ==, 1);
  date_set (&b, "2025-02-01");
  g_assert_cmpuint (rd_training_dose_period_months (&a, &b), ==, 1);

  /* reference/dose-limits.csv: 1.25 / 3.75 mSv a quarter for 50 mSv; 3.75 / 11.25 for the lens; 12.5 / 37.5 for extremities. */
  g_assert_cmpint (rd_training_dose_threshold (RD_DOSE_LIMIT_EFFECTIVE_USV, 10, 3), ==, 1250);
  g_assert_cmpint (rd_training_dose_threshold (RD_DOSE_LIMIT_EFFECTIVE_USV, 30, 3), ==, 3750);
  g_assert_cmpint (rd_training_dose_threshold (RD_DOSE_LIMIT_LENS_USV, 10, 3), ==, 3750);
  g_assert_cmpint (rd_training_dose_threshold (RD_DOSE_LIMIT_LENS_USV, 30, 3), ==, 11250);
  g_assert_cmpint (rd_training_dose_threshold (RD_DOSE_LIMIT_EXTREMITY_USV, 10, 3), ==, 12500);
  g_assert_cmpint (rd_training_dose_threshold (RD_DOSE_LIMIT_EXTREMITY_USV, 30, 3), ==, 37500);
  g_assert_cmpint (rd_training_dose_threshold (RD_DOSE_LIMIT_EFFECTIVE_USV, 10, 1), ==, 416);

  g_assert_cmpint (rd_training_dose_level (1250, RD_DOSE_LIMIT_EFFECTIVE_USV, 3, 10, 30, &threshold), ==, RD_DOSE_BELOW);
  g_assert_cmpint (rd_training_dose_level (1251, RD_DOSE_LIMIT_EFFECTIVE_USV, 3, 10, 30, &threshold), ==, RD_DOSE_LEVEL_ONE);
  g_assert_cmpint (threshold, ==, 1250);
  g_assert_cmpint (rd_training_dose_level (3750, RD_DOSE_LIMIT_EFFECTIVE_USV, 3, 10, 30, &threshold), ==, RD_DOSE_LEVEL_ONE);
  g_assert_cmpint (rd_training_dose_level (3751, RD_DOSE_LIMIT_EFFECTIVE_USV, 3, 10, 30, &threshold), ==, RD_DOSE_LEVEL_TWO);
  g_assert_cmpint (threshold, ==, 3750);
  /* Settings move the levels. */
  g_assert_cmpint (rd_training_dose_level (3200, RD_DOSE_LIMIT_EFFECTIVE_USV, 3, 20, 25, NULL), ==, RD_DOSE_LEVEL_TWO);
  g_assert_cmpint (rd_training_dose_level (3000, RD_DOSE_LIMIT_EFFECTIVE_USV, 3, 0, 0, NULL), ==, RD_DOSE_BELOW);
  /* A month's reading is held against a month's share. */
  g_assert_cmpint (rd_training_dose_level (500, RD_DOSE_LIMIT_EFFECTIVE_USV, 1, 10, 30, NULL), ==, RD_DOSE_LEVEL_ONE);
}

static void
put_dose (Fixture    *f,
          const char *staff,
          const char *start,
          const char *end,
          gint64      effective,
          gint64      lens,
          gint64      extremity)
{
  g_autoptr (RdRecord) d = rd_record_new_for_table ("dose_reading");

  rd_record_set_text (d, "staff_id", staff);
  rd_record_set_text (d, "period_start", start);
  rd_record_set_text (d, "period_end", end);
  rd_record_set_int (d, "effective_usv", effective);
  if (lens >= 0)
    rd_record_set_int (d, "lens_usv", lens);
  if (extremity >= 0)
    rd_record_set_int (d, "extremity_usv", extremity);
  g_assert_true (rd_store_put (f->store, d, NULL));
}

static void
test_dose_over_levels (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GPtrArray) flags = NULL;
  RdDoseFlag *flag;

  put_dose (f, f->tech, "2025-07-01", "2025-09-30", 300, 800, 2000);              /* below */
  put_dose (f, f->tech, "2025-10-01", "2025-12-31", 1400, -1, -1);                 /* effective Level I */
  put_dose (f, f->mr_tech, "2025-10-01", "2025-12-31", 200, 12000, 40000);         /* lens and extremity Level II */

  flags = rd_training_dose_over_levels (f->store, 10, 30);
  g_assert_cmpuint (flags->len, ==, 3);
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpint (flag->level, ==, RD_DOSE_LEVEL_TWO);
  g_assert_cmpstr (flag->staff_name, ==, "Ben Ortiz");
  flag = g_ptr_array_index (flags, 2);
  g_assert_cmpint (flag->level, ==, RD_DOSE_LEVEL_ONE);
  g_assert_cmpstr (flag->quantity, ==, "effective");
  g_assert_cmpint (flag->value_usv, ==, 1400);
  g_assert_cmpint (flag->threshold_usv, ==, 1250);
}

static void
test_format_usv (void)
{
  g_autofree char *a = rd_training_format_usv (1250);
  g_autofree char *b = rd_training_format_usv (5);
  g_autofree char *c = rd_training_format_usv (0);

  g_assert_cmpstr (a, ==, "1.25 mSv");
  g_assert_cmpstr (b, ==, "0.01 mSv");
  g_assert_cmpstr (c, ==, "0.00 mSv");
}

/* ---------------------------------------------------------------- */
/* CSV and reminders                                                 */
/* ---------------------------------------------------------------- */

static void
test_csv_quoting (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines", " padded", "", "end", NULL };

  rd_training_csv_append_row (out, row);
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",,end\r\n");

  g_string_truncate (out, 0);
  rd_training_csv_append_field (out, "café; ünïcode");
  g_assert_cmpstr (out->str, ==, "café; ünïcode");
}

static void
test_csv_matrix_and_history (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdTrainingMatrix) matrix = NULL;
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (GString) history = g_string_new (NULL);
  g_autoptr (RdRecord) original = new_record (f, f->tech, f->radiation, "2025-12-20", "competent");
  g_autoptr (RdRecord) correction = NULL;
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_auto (GStrv) lines = NULL;
  GDate today;

  date_set (&today, "2026-01-10");
  rd_record_set_text (original, "signed_off_by", f->trainer);
  rd_record_set_text (original, "notes", "Practical, then \"quiz\", passed");
  g_assert_true (rd_training_save (f->store, original, "cleo", &today, NULL, &error));
  correction = rd_training_new_correction (original);
  rd_record_set_text (correction, "date", "2025-12-21");
  g_assert_true (rd_training_save (f->store, correction, "cleo", &today, NULL, &error));
  g_assert_no_error (error);

  matrix = rd_training_matrix_new (f->store, &today, "technologist", "CT");
  rd_training_csv_matrix (matrix, csv);
  lines = g_strsplit (csv->str, "\r\n", -1);
  /* Header plus Ada and Cleo, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "Name,Job,Modality kinds,"));
  g_assert_nonnull (strstr (lines[0], "Radiation safety"));
  g_assert_true (g_str_has_prefix (lines[1], "Ada Quinn,technologist,CT,"));
  g_assert_nonnull (strstr (lines[1], "current until 2026-12-21"));
  g_assert_nonnull (strstr (lines[1], "missing"));
  g_assert_true (g_str_has_prefix (lines[2], "Cleo Marsh,technologist,\"CT,MR\","));

  /* Two dosimeter readings: the lens dose missing from one stays empty, not zero. */
  put_dose (f, f->tech, "2025-10-01", "2025-12-31", 1250, 3004, -1);
  put_dose (f, f->tech, "2026-01-01", "2026-03-31", 7, -1, 12000);

  rd_training_csv_history (f->store, f->tech, history);
  g_assert_true (g_str_has_prefix (history->str, "Date,Type,Item,Outcome,Hours,Trainer,Signed off by,"));
  g_assert_nonnull (strstr (history->str, ",Notes,Effective dose (mSv),Lens dose (mSv),Extremity dose (mSv)\r\n"));
  g_assert_nonnull (strstr (history->str, "2025-12-20,Training,Radiation safety,Competent,2,Cleo Marsh,Cleo Marsh,"));
  g_assert_nonnull (strstr (history->str, "corrected by a later record,\"Practical, then \"\"quiz\"\", passed\",,,\r\n"));
  g_assert_nonnull (strstr (history->str, "corrects the record of 2025-12-20"));
  g_assert_nonnull (strstr (history->str, "\r\n2025-10-01,Dose reading,2025-10-01 – 2025-12-31,,,,,,,,,,1.250,3.004,\r\n"));
  g_assert_nonnull (strstr (history->str, "\r\n2026-01-01,Dose reading,2026-01-01 – 2026-03-31,,,,,,,,,,0.007,,12.000\r\n"));

  /* Every row has all the columns, the header's included. */
  {
    g_autoptr (GPtrArray) table = rd_training_history_table (f->store, f->tech);

    g_assert_cmpuint (table->len, ==, 5);
    for (guint i = 0; i < table->len; i++)
      g_assert_cmpuint (g_strv_length (g_ptr_array_index (table, i)), ==, RD_TRAINING_HISTORY_N_COLUMNS);
  }

  g_assert_true (rd_training_csv_write (history, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, history->len);
}

static void
test_notify_once_a_day (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GDate today, tomorrow;

  date_set (&today, "2026-01-10");
  date_set (&tomorrow, "2026-01-11");
  g_assert_true (rd_training_should_notify (f->store, "s:course:c", &today));
  g_assert_true (rd_training_mark_notified (f->store, "s:course:c", &today, &error));
  g_assert_no_error (error);
  g_assert_false (rd_training_should_notify (f->store, "s:course:c", &today));
  g_assert_true (rd_training_should_notify (f->store, "s:course:other", &today));
  g_assert_true (rd_training_should_notify (f->store, "s:course:c", &tomorrow));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/training/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  g_test_add_func ("/training/dates/add-months", test_add_months);
  g_test_add_func ("/training/dates/parse", test_parse_date);
  g_test_add_func ("/training/dates/status-for-due", test_status_for_due);
  ADD ("compliance/requirement-applies", test_requirement_applies);
  ADD ("compliance/course-status", test_course_status);
  ADD ("compliance/leap-day-and-month-end", test_leap_day_and_month_end);
  ADD ("compliance/future-record", test_future_record_does_not_count);
  ADD ("compliance/correction", test_correction_supersedes);
  ADD ("compliance/certifications", test_certifications);
  ADD ("compliance/lapsed-for-kind", test_lapsed_for_kind);
  ADD ("compliance/list-due", test_list_due);
  ADD ("compliance/matrix", test_matrix);
  ADD ("validation/record", test_validation_record);
  ADD ("validation/self-sign-off", test_self_sign_off);
  ADD ("validation/unsigned-edit", test_unsigned_record_may_be_edited);
  ADD ("validation/certification", test_validation_certification);
  ADD ("validation/dose", test_validation_dose);
  g_test_add_func ("/training/dose/levels", test_dose_levels);
  ADD ("dose/over-levels", test_dose_over_levels);
  g_test_add_func ("/training/dose/format", test_format_usv);
  g_test_add_func ("/training/csv/quoting", test_csv_quoting);
  ADD ("csv/matrix-and-history", test_csv_matrix_and_history);
  ADD ("notify/once-a-day", test_notify_once_a_day);

  return g_test_run ();
}
