/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-demo-staff.c: the demo department's people — staff, courses, training, certificates and doses. */

#include "config.h"

#include <string.h>

#include "rd-demo-private.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static const struct
{
  const char *job;
  const char *kinds;
  gboolean    trainer;
  gboolean    active;
} roster[RD_DEMO_N_STAFF] = {
  { "technologist", "CT", TRUE, TRUE },
  { "technologist", "CT", FALSE, TRUE },
  { "technologist", "CT,DX", FALSE, TRUE },
  { "technologist", "CT,DX", FALSE, TRUE },
  { "technologist", "CT,MR", FALSE, TRUE },
  { "technologist", "MR", TRUE, TRUE },
  { "technologist", "MR", FALSE, TRUE },
  { "technologist", "MR", FALSE, TRUE },
  { "technologist", "MR,CT", FALSE, TRUE },
  { "technologist", "DX", TRUE, TRUE },
  { "technologist", "DX,RF", FALSE, TRUE },
  { "technologist", "DX,RF", FALSE, FALSE },
  { "technologist", "DX,RF", FALSE, TRUE },
  { "technologist", "US", TRUE, TRUE },
  { "technologist", "US", FALSE, TRUE },
  { "technologist", "US", FALSE, TRUE },
  { "technologist", "US", FALSE, TRUE },
  { "technologist", "MG", FALSE, TRUE },
  { "technologist", "MG,DX", FALSE, TRUE },
  { "technologist", "NM,PT", FALSE, TRUE },
  { "technologist", "NM,PT", FALSE, TRUE },
  { "technologist", "PT,CT", FALSE, TRUE },
  { "radiologist", "CT,MR", FALSE, TRUE },
  { "radiologist", "MR", FALSE, TRUE },
  { "radiologist", "US,MG", FALSE, TRUE },
  { "radiologist", "NM,PT,CT", FALSE, TRUE },
  { "radiologist", "DX,RF,CT", FALSE, TRUE },
  { "radiologist", "CT,MR,US", FALSE, TRUE },
  { "nurse", "CT,MR", TRUE, TRUE },
  { "nurse", "CT,MR", FALSE, TRUE },
  { "nurse", "MR", FALSE, TRUE },
  { "nurse", "NM,PT", FALSE, TRUE },
  { "nurse", "US", FALSE, TRUE },
  { "coordinator", "", TRUE, TRUE },
  { "coordinator", "", FALSE, TRUE },
  { "coordinator", "", FALSE, TRUE },
  { "coordinator", "", FALSE, TRUE },
  { "clerk", "", FALSE, TRUE },
  { "clerk", "", FALSE, TRUE },
  { "manager", "", FALSE, TRUE },
};

static gboolean
has_kind (const char *kinds,
          const char *kind)
{
  g_auto (GStrv) parts = g_strsplit (kinds, ",", -1);

  return g_strv_contains ((const char *const *) parts, kind);
}

/* Whether a "job:X;modality:Y;kind:Y" list names this person. */
static gboolean
applies_to (const char        *list,
            const RdDemoStaff *staff)
{
  g_auto (GStrv) parts = g_strsplit (list, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *colon = strchr (parts[i], ':');

      if (g_str_has_prefix (parts[i], "job:") && strcmp (colon + 1, staff->job) == 0)
        return TRUE;
      if (!g_str_has_prefix (parts[i], "job:") && has_kind (staff->kinds, colon + 1))
        return TRUE;
    }
  return FALSE;
}

/* Days from today to the day @months before the day @days from today. */
static int
months_before (RdDemo *demo,
               int     days,
               int     months)
{
  g_autoptr (GDateTime) today = g_date_time_new_utc (demo->year, demo->month, demo->day, 12, 0, 0);
  g_autoptr (GDateTime) day = g_date_time_add_days (today, days);
  g_autoptr (GDateTime) back = g_date_time_add_months (day, -months);

  return (int) (g_date_time_difference (back, today) / G_TIME_SPAN_DAY);
}

static int
pick_trainer (RdDemo *demo,
              guint   not_this)
{
  for (;;)
    {
      guint i = g_rand_int_range (demo->rand, 0, RD_DEMO_N_STAFF);

      if (demo->staff[i].trainer && i != not_this)
        return (int) i;
    }
}

/* ---------------------------------------------------------------- */
/* Staff, courses and training                                       */
/* ---------------------------------------------------------------- */

static void
make_people (RdDemo *demo)
{
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < RD_DEMO_N_STAFF; i++)
    {
      RdDemoStaff *s = &demo->staff[i];
      RdRecord *r = rd_demo_record_new (demo, "staff");
      g_autofree char *lower = NULL;
      g_autofree char *email = NULL;

      do
        {
          g_free (s->name);
          s->name = rd_demo_person_name (demo);
        }
      while (g_hash_table_contains (used, s->name));
      g_hash_table_add (used, s->name);

      g_strlcpy (s->id, rd_record_get_id (r), RD_DEMO_ID_LEN);
      s->job = roster[i].job;
      s->kinds = roster[i].kinds;
      s->trainer = roster[i].trainer;
      s->active = roster[i].active;

      lower = g_ascii_strdown (s->name, -1);
      g_strdelimit (lower, " ", '.');
      email = g_strconcat (lower, "@example.com", NULL);
      rd_record_set_text (r, "name", s->name);
      rd_record_set_text (r, "job", s->job);
      if (*s->kinds != '\0')
        rd_record_set_text (r, "modality_kinds", s->kinds);
      rd_record_set_bool (r, "is_trainer", s->trainer);
      rd_record_set_text (r, "email", email);
      rd_record_set_bool (r, "active", s->active);
      rd_demo_put (demo, r);
    }
}

static void
put_training (RdDemo     *demo,
              guint       staff,
              const char *course_id,
              int         hours,
              int         day,
              const char *outcome)
{
  RdRecord *r = rd_demo_record_new (demo, "training_record");
  g_autofree char *date = rd_demo_date_string (demo, day);
  int trainer = pick_trainer (demo, staff);
  gint64 signed_at = rd_demo_local_time (demo, day + rd_demo_range (demo, 0, 2), 16, 30);

  rd_record_set_text (r, "staff_id", demo->staff[staff].id);
  rd_record_set_text (r, "course_id", course_id);
  rd_record_set_text (r, "date", date);
  rd_record_set_text (r, "trainer_id", demo->staff[trainer].id);
  rd_record_set_int (r, "hours", hours);
  rd_record_set_text (r, "outcome", outcome);
  /* Sessions of the last few days may still wait for their sign-off. */
  if (signed_at <= demo->now_unix)
    {
      rd_record_set_text (r, "signed_off_by", demo->staff[trainer].id);
      rd_record_set_int (r, "signed_off_at", signed_at);
    }
  if (strcmp (outcome, "competent") != 0)
    rd_record_set_text (r, "notes", "Repeat the practical part with a trainer.");
  rd_demo_put (demo, r);
}

/* Most people are current; some are overdue, some due within 30 days, a few never trained. */
static void
make_training (RdDemo *demo)
{
  for (guint c = 0; c < rd_demo_n_courses; c++)
    {
      const RdDemoCourse *course = &rd_demo_courses[c];
      RdRecord *r = rd_demo_record_new (demo, "course");
      RdDemoId course_id;
      g_auto (GStrv) parts = g_strsplit (course->required_for, ";", -1);

      g_strlcpy (course_id, rd_record_get_id (r), RD_DEMO_ID_LEN);
      rd_record_set_text (r, "title", course->title);
      rd_record_set_text (r, "category", course->category);
      rd_record_set_int (r, "renewal_months", course->renewal_months);
      rd_record_set_int (r, "hours", course->hours);
      rd_demo_put (demo, r);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          RdRecord *req = rd_demo_record_new (demo, "course_requirement");

          rd_record_set_text (req, "course_id", course_id);
          if (g_str_has_prefix (parts[j], "job:"))
            rd_record_set_text (req, "job", parts[j] + 4);
          else
            rd_record_set_text (req, "modality_kind", parts[j] + strlen ("modality:"));
          rd_demo_put (demo, req);
        }

      for (guint s = 0; s < RD_DEMO_N_STAFF; s++)
        {
          int months = course->renewal_months;
          double roll = g_rand_double (demo->rand);
          int last;

          if (!applies_to (course->required_for, &demo->staff[s]) || roll < 0.04)
            continue;

          if (months == 0)
            last = -rd_demo_range (demo, 20, 700);
          else if (roll < 0.11)
            last = months_before (demo, -rd_demo_range (demo, 1, 75), months);
          else if (roll < 0.19)
            last = months_before (demo, rd_demo_range (demo, 1, 30), months);
          else
            last = months_before (demo, rd_demo_range (demo, 31, months * 30 - 5), months);

          if (rd_demo_chance (demo, 0.04))
            put_training (demo, s, course_id, course->hours, last - rd_demo_range (demo, 14, 28),
                          "needs_practice");
          if (months == 12 && last - 365 > -730 && rd_demo_chance (demo, 0.8))
            put_training (demo, s, course_id, course->hours, months_before (demo, last, 12), "competent");
          put_training (demo, s, course_id, course->hours, last, "competent");
        }
    }
}

/* ---------------------------------------------------------------- */
/* Certificates and doses                                            */
/* ---------------------------------------------------------------- */

static void
make_certifications (RdDemo *demo)
{
  guint n = 0;

  for (guint s = 0; s < RD_DEMO_N_STAFF; s++)
    {
      g_autofree char *arrt = g_strdup_printf ("%07d", rd_demo_range (demo, 1000000, 9999999));

      for (guint c = 0; c < rd_demo_n_certifications; c++)
        {
          const RdDemoCertification *cert = &rd_demo_certifications[c];
          RdRecord *r;
          g_autofree char *number = NULL;
          g_autofree char *issued = NULL;
          g_autofree char *expires = NULL;
          int expiry_day;

          if (!applies_to (cert->held_by, &demo->staff[s]))
            continue;

          /* A fixed share lapsed or about to, so that the reminders always have content. */
          n++;
          if (n % 29 == 11)
            expiry_day = -rd_demo_range (demo, 5, 60);
          else if (n % 10 == 3)
            expiry_day = rd_demo_range (demo, 1, 60);
          else
            expiry_day = rd_demo_range (demo, 61, cert->valid_months * 30);

          if (strcmp (cert->prefix, "ARRT") == 0)
            number = g_strdup (arrt);
          else if (strcmp (cert->prefix, "NMTCB") == 0)
            number = g_strdup_printf ("%06d", rd_demo_range (demo, 100000, 999999));
          else if (strcmp (cert->prefix, "ARDMS") == 0)
            number = g_strdup_printf ("%07d", rd_demo_range (demo, 1000000, 9999999));
          else
            number = g_strdup_printf ("%s-%06d", cert->prefix, rd_demo_range (demo, 100000, 999999));

          expires = rd_demo_date_string (demo, expiry_day);
          issued = rd_demo_date_add_months (expires, -cert->valid_months);

          r = rd_demo_record_new (demo, "certification");
          rd_record_set_text (r, "staff_id", demo->staff[s].id);
          rd_record_set_text (r, "kind", cert->kind);
          rd_record_set_text (r, "number", number);
          rd_record_set_text (r, "issued", issued);
          rd_record_set_text (r, "expires", expires);
          rd_demo_put (demo, r);
        }
    }
}

/* Quarterly badge readings, rounded to the dosimeter's 10 µSv steps; the first nuclear medicine
 * technologist's last quarter and one radiologist's older quarter pass ALARA level I (1,250 µSv). */
static void
make_doses (RdDemo *demo)
{
  g_autoptr (GDateTime) quarter = g_date_time_new_utc (demo->year, (demo->month - 1) / 3 * 3 + 1, 1, 12, 0, 0);
  gboolean nm_high = FALSE, rad_high = FALSE;

  for (guint s = 0; s < RD_DEMO_N_STAFF; s++)
    {
      const RdDemoStaff *staff = &demo->staff[s];
      int lo, hi, ext_lo, ext_hi;
      gboolean fluoro = has_kind (staff->kinds, "RF");
      gboolean nuclear = has_kind (staff->kinds, "NM") || has_kind (staff->kinds, "PT");

      if (strcmp (staff->job, "technologist") != 0 && strcmp (staff->job, "radiologist") != 0
          && strcmp (staff->job, "nurse") != 0)
        continue;

      if (nuclear)
        lo = 150, hi = 700, ext_lo = 800, ext_hi = 4000;
      else if (fluoro)
        lo = 100, hi = 500, ext_lo = 200, ext_hi = 1200;
      else if (has_kind (staff->kinds, "CT") || has_kind (staff->kinds, "DX"))
        lo = 10, hi = 200, ext_lo = 10, ext_hi = 300;
      else
        lo = 0, hi = 40, ext_lo = 0, ext_hi = 60;

      for (int q = 1; q <= 4; q++)
        {
          g_autoptr (GDateTime) start = g_date_time_add_months (quarter, -3 * q);
          g_autoptr (GDateTime) next = g_date_time_add_months (start, 3);
          g_autoptr (GDateTime) end = g_date_time_add_days (next, -1);
          g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%d");
          g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%d");
          RdRecord *r = rd_demo_record_new (demo, "dose_reading");
          int effective = rd_demo_range (demo, lo, hi) / 10 * 10;
          int lens = effective * rd_demo_range (demo, 100, fluoro ? 160 : 115) / 100 / 10 * 10;
          int extremity = rd_demo_range (demo, ext_lo, ext_hi) / 10 * 10;

          if (nuclear && !nm_high && q == 1 && strcmp (staff->job, "technologist") == 0)
            effective = 1480, lens = 1520, nm_high = TRUE;
          else if (fluoro && !rad_high && q == 3 && strcmp (staff->job, "radiologist") == 0)
            effective = 1310, lens = 2050, rad_high = TRUE;

          rd_record_set_text (r, "staff_id", staff->id);
          rd_record_set_text (r, "period_start", start_text);
          rd_record_set_text (r, "period_end", end_text);
          rd_record_set_int (r, "effective_usv", effective);
          rd_record_set_int (r, "lens_usv", lens);
          rd_record_set_int (r, "extremity_usv", MAX (extremity, effective));
          rd_demo_put (demo, r);
        }
    }
}

/* ---------------------------------------------------------------- */
/* Entry point of this part                                          */
/* ---------------------------------------------------------------- */

void
rd_demo_make_staff (RdDemo *demo)
{
  make_people (demo);
  make_training (demo);
  make_certifications (demo);
  make_doses (demo);
}
