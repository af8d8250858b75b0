/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-demo-bookings.c: the demo department's year of bookings, its waitlist and its downtime. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rd-demo-private.h"

#define MAX_CONSUMABLES 6

typedef struct
{
  int open[7];  /* minutes after midnight, Monday first; -1 when closed */
  int close[7];
} Hours;

typedef struct
{
  guint n;
  int   item[MAX_CONSUMABLES];
  int   quantity[MAX_CONSUMABLES];
} Consumables;

typedef struct
{
  RdDemo      *demo;
  Hours       *hours;       /* per modality */
  Consumables *consumables; /* per exam type */
  GArray      *patients;    /* guint32: first name << 16 | last name */
  char       **clinicians;
  guint        n_clinicians;
  guint32      mrn_offset;
  guint32      accession;
  int          double_day[2];
  int          double_modality[2];
  gboolean     double_done[2];
  guint        n_bookings;
} Bookings;

static const char *const cancel_reasons[] = {
  "Patient request", "Patient unwell", "Referrer withdrew the request", "Duplicate request",
  "Transport unavailable", "Patient not prepared (fasting)",
};

static const char *const booking_notes[] = {
  "Wheelchair user; needs hoist", "Interpreter needed (Portuguese)", "Claustrophobic; consider sedation",
  "Diabetic; morning slot preferred", "Allergy to iodinated contrast; premedication given",
  "Previous imaging at another hospital; images requested", "Hard of hearing",
};

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
parse_hours (const char *text,
             Hours      *hours)
{
  g_auto (GStrv) days = g_strsplit (text, ";", 7);

  for (guint i = 0; i < 7; i++)
    {
      int oh, om, ch, cm;

      hours->open[i] = hours->close[i] = -1;
      if (days[i] != NULL && sscanf (days[i], "%d:%d-%d:%d", &oh, &om, &ch, &cm) == 4)
        {
          hours->open[i] = oh * 60 + om;
          hours->close[i] = ch * 60 + cm;
        }
    }
}

static int
find_modality (const char *name)
{
  for (guint i = 0; i < rd_demo_n_modalities; i++)
    if (strcmp (rd_demo_modalities[i].name, name) == 0)
      return (int) i;
  g_assert_not_reached ();
}

static gboolean
has_kind (const char *kinds,
          const char *kind)
{
  g_auto (GStrv) parts = g_strsplit (kinds, ",", -1);

  return g_strv_contains ((const char *const *) parts, kind);
}

/* An active person of @job who works on @kind (any of the job when nobody does). */
static const char *
pick_staff (RdDemo     *demo,
            const char *job,
            const char *kind)
{
  int candidates[RD_DEMO_N_STAFF];
  guint n = 0;

  for (guint i = 0; i < RD_DEMO_N_STAFF; i++)
    if (demo->staff[i].active && strcmp (demo->staff[i].job, job) == 0 && has_kind (demo->staff[i].kinds, kind))
      candidates[n++] = (int) i;
  if (n == 0)
    for (guint i = 0; i < RD_DEMO_N_STAFF; i++)
      if (demo->staff[i].active && strcmp (demo->staff[i].job, job) == 0)
        candidates[n++] = (int) i;
  g_assert (n > 0);

  return demo->staff[candidates[g_rand_int_range (demo->rand, 0, n)]].id;
}

static int
pick_exam (RdDemo     *demo,
           const char *kind)
{
  int total = 0, roll;

  for (guint i = 0; i < rd_demo_n_exams; i++)
    if (strcmp (rd_demo_exams[i].kind, kind) == 0)
      total += rd_demo_exams[i].weight;
  roll = g_rand_int_range (demo->rand, 0, total);
  for (guint i = 0; i < rd_demo_n_exams; i++)
    if (strcmp (rd_demo_exams[i].kind, kind) == 0 && (roll -= rd_demo_exams[i].weight) < 0)
      return (int) i;
  g_assert_not_reached ();
}

static gboolean
in_repair (RdDemo *demo,
           guint   modality,
           gint64  start,
           gint64  end)
{
  for (guint i = 0; i + 2 < demo->repairs->len; i += 3)
    {
      gint64 *r = &g_array_index (demo->repairs, gint64, i);

      if (r[0] == modality && start < r[2] && end > r[1])
        return TRUE;
    }
  return FALSE;
}

/* Patient @index's name; MRNs are a permutation of the index, so they never repeat. */
static char *
patient_name (Bookings *b,
              guint     index)
{
  guint32 packed = g_array_index (b->patients, guint32, index);

  return g_strdup_printf ("%s %s", rd_demo_first_names[packed >> 16], rd_demo_last_names[packed & 0xffff]);
}

static char *
patient_mrn (Bookings *b,
             guint     index)
{
  return g_strdup_printf ("MRN%07u", 1000000u + (guint) (((guint64) index * 7919u + b->mrn_offset) % 9000000u));
}

static guint
new_patient (Bookings *b)
{
  guint32 packed = (guint32) g_rand_int_range (b->demo->rand, 0, rd_demo_n_first_names) << 16
                   | (guint32) g_rand_int_range (b->demo->rand, 0, rd_demo_n_last_names);

  g_array_append_val (b->patients, packed);
  return b->patients->len - 1;
}

static const char *
pick_priority (RdDemo *demo)
{
  double roll = g_rand_double (demo->rand);

  return roll < 0.88 ? "routine" : roll < 0.97 ? "urgent" : "stat";
}

/* ---------------------------------------------------------------- */
/* Downtime                                                          */
/* ---------------------------------------------------------------- */

static void
put_downtime (RdDemo     *demo,
              guint       modality,
              gint64      start,
              gint64      end,
              const char *reason,
              const char *contract_id,
              const char *notes)
{
  RdRecord *r = rd_demo_record_new (demo, "downtime");

  rd_record_set_text (r, "modality_id", demo->modality_ids[modality]);
  rd_record_set_int (r, "start", start);
  rd_record_set_int (r, "end", end);
  rd_record_set_text (r, "reason", reason);
  if (contract_id != NULL)
    rd_record_set_text (r, "contract_id", contract_id);
  if (notes != NULL)
    rd_record_set_text (r, "notes", notes);
  rd_demo_put (demo, r);
}

static int
weekday_of (RdDemo *demo,
            int     day)
{
  g_autoptr (GDateTime) noon = g_date_time_new (demo->tz, demo->year, demo->month, demo->day, 12, 0, 0);
  g_autoptr (GDateTime) t = g_date_time_add_days (noon, day);

  return g_date_time_get_day_of_week (t) - 1;
}

/* Monthly QC before opening on each modality's first weekday of the month, two past repairs and
 * one planned maintenance visit on MRI 3T within the next fortnight, over booked time. */
void
rd_demo_make_downtime (RdDemo *demo)
{
  g_autoptr (GDateTime) month = g_date_time_new (demo->tz, demo->year, demo->month, 1, 12, 0, 0);
  int ct2 = find_modality ("CT 2"), mr15 = find_modality ("MRI 1.5T"), mr3 = find_modality ("MRI 3T");
  gint64 start, end;
  int day;

  for (int m = -9; m <= 3; m++)
    {
      g_autoptr (GDateTime) first = g_date_time_add_months (month, m);
      int y, mo, d;

      g_date_time_get_ymd (first, &y, &mo, &d);
      for (guint i = 0; i < rd_demo_n_modalities; i++)
        {
          Hours hours;

          parse_hours (rd_demo_modalities[i].hours, &hours);
          for (d = 1; d <= 7; d++)
            {
              g_autoptr (GDateTime) t = g_date_time_new (demo->tz, y, mo, d, 0, 0, 0);
              int wd = g_date_time_get_day_of_week (t) - 1;

              if (wd < 5 && hours.open[wd] >= 0)
                {
                  gint64 open = g_date_time_to_unix (t) + hours.open[wd] * 60;

                  put_downtime (demo, i, open - 45 * 60, open, "qc", NULL, "Monthly quality control");
                  break;
                }
            }
        }
    }

  /* Breakdowns: bookings in the window were cancelled and rebooked. */
  for (day = -rd_demo_range (demo, 80, 100); weekday_of (demo, day) >= 5; day--)
    ;
  start = rd_demo_local_time (demo, day, 9, 40);
  end = rd_demo_local_time (demo, day, 16, 20);
  put_downtime (demo, ct2, start, end, "repair", demo->service_contract_ids[ct2],
                "Tube arc fault; X-ray tube replaced by the service engineer");
  g_array_append_vals (demo->repairs, (gint64[]) { ct2, start, end }, 3);

  for (day = -rd_demo_range (demo, 35, 50); weekday_of (demo, day) >= 4; day--)
    ;
  start = rd_demo_local_time (demo, day, 7, 0);
  end = rd_demo_local_time (demo, day + 1, 13, 0);
  put_downtime (demo, mr15, start, end, "repair", demo->service_contract_ids[mr15],
                "Cold head failure; helium refill and ramp-up");
  g_array_append_vals (demo->repairs, (gint64[]) { mr15, start, end }, 3);

  for (day = rd_demo_range (demo, 3, 9); weekday_of (demo, day) >= 5; day++)
    ;
  put_downtime (demo, mr3, rd_demo_local_time (demo, day, 8, 0), rd_demo_local_time (demo, day, 14, 0),
                "planned_maintenance", demo->service_contract_ids[mr3],
                "Preventive maintenance visit by the service engineer");
}

/* ---------------------------------------------------------------- */
/* Bookings                                                          */
/* ---------------------------------------------------------------- */

static const char *
pick_status (Bookings   *b,
             guint       modality,
             int         day,
             gint64      start,
             gint64      end,
             const char **cancel_reason)
{
  RdDemo *demo = b->demo;
  double roll = g_rand_double (demo->rand);

  *cancel_reason = NULL;
  if (end <= demo->now_unix)
    {
      if (in_repair (demo, modality, start, end))
        {
          *cancel_reason = "Equipment breakdown; patient rebooked";
          return "cancelled";
        }
      if (roll < 0.03)
        {
          *cancel_reason = cancel_reasons[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (cancel_reasons))];
          return "cancelled";
        }
      return roll < 0.06 && day < 0 ? "no_show" : "completed";
    }
  if (start <= demo->now_unix)
    return "in_progress";
  if (roll < 0.02)
    {
      *cancel_reason = cancel_reasons[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (cancel_reasons))];
      return "cancelled";
    }
  if (day == 0)
    return start - demo->now_unix <= 30 * 60 ? "arrived" : "scheduled";
  return day > 7 && roll < 0.12 ? "requested" : "scheduled";
}

static void
count_usage (Bookings *b,
             int       exam,
             int       y,
             int       m)
{
  int index = RD_DEMO_N_MONTHS - 1 - ((b->demo->year * 12 + b->demo->month) - (y * 12 + m));
  const Consumables *c = &b->consumables[exam];

  if (index < 0 || index >= RD_DEMO_N_MONTHS)
    return;
  for (guint i = 0; i < c->n; i++)
    b->demo->usage[c->item[i]][index] += c->quantity[i];
}

static RdRecord *
put_booking (Bookings   *b,
             guint       modality,
             int         exam,
             int         day,
             gint64      start,
             gint64      end,
             guint       patient,
             const char *status,
             const char *cancel_reason,
             const char *conflict_with)
{
  RdDemo *demo = b->demo;
  const char *kind = rd_demo_modalities[modality].kind;
  RdRecord *r = rd_demo_record_new (demo, "booking");
  g_autofree char *name = patient_name (b, patient);
  g_autofree char *mrn = patient_mrn (b, patient);

  rd_record_set_text (r, "modality_id", demo->modality_ids[modality]);
  rd_record_set_text (r, "exam_type_id", demo->exam_ids[exam]);
  rd_record_set_int (r, "start", start);
  rd_record_set_int (r, "end", end);
  rd_record_set_text (r, "patient_name", name);
  rd_record_set_text (r, "patient_mrn", mrn);
  rd_record_set_text (r, "priority", conflict_with != NULL ? "urgent" : pick_priority (demo));
  rd_record_set_text (r, "status", status);
  rd_record_set_text (r, "referring_clinician", b->clinicians[g_rand_int_range (demo->rand, 0, b->n_clinicians)]);
  if (strcmp (status, "requested") != 0)
    {
      g_autofree char *accession = g_strdup_printf ("ACC%08u", b->accession++);

      rd_record_set_text (r, "accession_number", accession);
      if (strcmp (status, "cancelled") != 0)
        rd_record_set_text (r, "technologist_id", pick_staff (demo, "technologist", kind));
      if (strcmp (status, "completed") == 0 || strcmp (status, "in_progress") == 0 || rd_demo_chance (demo, 0.4))
        rd_record_set_text (r, "radiologist_id", pick_staff (demo, "radiologist", kind));
    }
  if (rd_demo_chance (demo, 0.04))
    rd_record_set_text (r, "notes", booking_notes[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (booking_notes))]);
  if (cancel_reason != NULL)
    rd_record_set_text (r, "cancel_reason", cancel_reason);
  if (conflict_with != NULL)
    {
      rd_record_set_text (r, "conflict_with", conflict_with);
      rd_record_set_text (r, "notes", "Booked at the same time on another workstation");
    }
  b->n_bookings++;

  return r;
}

/* One modality's day, from opening to close, exams back to back with idle gaps now and then;
 * further ahead fewer slots are taken yet. */
static void
fill_day (Bookings *b,
          guint     modality,
          int       day,
          GDateTime *midnight,
          guint     first_patient_today)
{
  RdDemo *demo = b->demo;
  const RdDemoModality *mod = &rd_demo_modalities[modality];
  int wd = g_date_time_get_day_of_week (midnight) - 1;
  int y, m, d, gap_percent = mod->gap_percent;
  gint64 t, close;

  if (b->hours[modality].open[wd] < 0)
    return;
  g_date_time_get_ymd (midnight, &y, &m, &d);
  {
    g_autoptr (GDateTime) open = g_date_time_new (demo->tz, y, m, d, b->hours[modality].open[wd] / 60,
                                                  b->hours[modality].open[wd] % 60, 0);
    t = g_date_time_to_unix (open);
    close = t + (b->hours[modality].close[wd] - b->hours[modality].open[wd]) * 60;
  }
  if (day > 14)
    gap_percent = MIN (85, gap_percent + (day - 14) * 2 / 3);

  for (;;)
    {
      int exam;
      gint64 end;
      guint patient;
      const char *status, *cancel_reason;
      RdRecord *r;

      if (g_rand_int_range (demo->rand, 0, 100) < gap_percent)
        t += rd_demo_range (demo, 2, 9) * 5 * 60;
      exam = pick_exam (demo, mod->kind);
      end = t + rd_demo_exams[exam].duration * 60;
      if (end > close)
        break;

      if (first_patient_today > 0 && rd_demo_chance (demo, 0.12))
        patient = g_rand_int_range (demo->rand, 0, first_patient_today);
      else
        patient = new_patient (b);

      status = pick_status (b, modality, day, t, end, &cancel_reason);
      if (strcmp (status, "completed") == 0)
        count_usage (b, exam, y, m);
      r = put_booking (b, modality, exam, day, t, end, patient, status, cancel_reason, NULL);

      /* The deliberate double bookings of next week, for the conflict list. */
      for (guint k = 0; k < 2; k++)
        if (!b->double_done[k] && b->double_day[k] == day && b->double_modality[k] == (int) modality
            && strcmp (status, "scheduled") == 0 && t >= close - 5 * 3600)
          {
            RdRecord *twin = put_booking (b, modality, exam, day, t, end, new_patient (b), "scheduled", NULL,
                                          rd_record_get_id (r));
            rd_demo_put (demo, twin);
            b->double_done[k] = TRUE;
          }

      rd_demo_put (demo, r);
      t = end;
    }
}

static void
make_requests (Bookings *b)
{
  static const char *const notes[] = {
    "Patient prefers mornings", "Needs interpreter (Arabic)", "Claustrophobic; may need sedation",
    "Ambulance transport required", "Please book with the biopsy list", NULL,
  };
  RdDemo *demo = b->demo;

  for (guint i = 0; i < 12; i++)
    {
      RdRecord *r = rd_demo_record_new (demo, "booking_request");
      guint patient = new_patient (b);
      g_autofree char *name = patient_name (b, patient);
      g_autofree char *mrn = patient_mrn (b, patient);
      const char *note = notes[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (notes))];

      rd_record_set_text (r, "exam_type_id", demo->exam_ids[g_rand_int_range (demo->rand, 0, rd_demo_n_exams)]);
      rd_record_set_text (r, "patient_name", name);
      rd_record_set_text (r, "patient_mrn", mrn);
      rd_record_set_text (r, "priority", i < 2 ? "urgent" : "routine");
      rd_record_set_int (r, "requested_at", demo->now_unix - rd_demo_range (demo, 1, 240) * 3600);
      rd_record_set_text (r, "referring_clinician", b->clinicians[g_rand_int_range (demo->rand, 0, b->n_clinicians)]);
      if (note != NULL)
        rd_record_set_text (r, "notes", note);
      rd_demo_put (demo, r);
    }
}

/* Nine months back to three months ahead, every open modality day. */
void
rd_demo_make_bookings (RdDemo *demo)
{
  Bookings b = { 0 };
  g_autoptr (GDateTime) today = g_date_time_new (demo->tz, demo->year, demo->month, demo->day, 0, 0, 0);
  g_autoptr (GDateTime) first = g_date_time_add_months (today, -9);
  g_autoptr (GDateTime) last = g_date_time_add_months (today, 3);
  int first_day = (int) ((g_date_time_difference (first, today) - G_TIME_SPAN_HOUR * 2) / G_TIME_SPAN_DAY);
  int last_day = (int) ((g_date_time_difference (last, today) + G_TIME_SPAN_HOUR * 2) / G_TIME_SPAN_DAY);

  b.demo = demo;
  b.hours = g_new0 (Hours, rd_demo_n_modalities);
  b.consumables = g_new0 (Consumables, rd_demo_n_exams);
  b.patients = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 65536);
  b.n_clinicians = 30;
  b.clinicians = g_new0 (char *, b.n_clinicians + 1);
  b.mrn_offset = g_rand_int_range (demo->rand, 0, 9000000);
  b.accession = 20000000 + g_rand_int_range (demo->rand, 0, 1000000);
  b.double_modality[0] = find_modality ("CT 1");
  b.double_modality[1] = find_modality ("MRI 3T");
  b.double_day[0] = rd_demo_range (demo, 7, 9);
  b.double_day[1] = rd_demo_range (demo, 10, 12);
  if (weekday_of (demo, b.double_day[1]) == 6)
    b.double_day[1]++;

  for (guint i = 0; i < rd_demo_n_modalities; i++)
    parse_hours (rd_demo_modalities[i].hours, &b.hours[i]);
  for (guint i = 0; i < rd_demo_n_exams; i++)
    if (rd_demo_exams[i].consumables != NULL)
      {
        g_auto (GStrv) parts = g_strsplit (rd_demo_exams[i].consumables, ";", -1);

        for (guint j = 0; parts[j] != NULL && j < MAX_CONSUMABLES; j++)
          {
            g_auto (GStrv) sku_qty = g_strsplit (parts[j], "*", 2);

            b.consumables[i].item[j] = rd_demo_find_item (sku_qty[0]);
            b.consumables[i].quantity[j] = (int) g_ascii_strtoll (sku_qty[1], NULL, 10);
            b.consumables[i].n++;
          }
      }
  for (guint i = 0; i < b.n_clinicians; i++)
    {
      g_autofree char *name = rd_demo_person_name (demo);
      b.clinicians[i] = g_strdup_printf ("Dr %s", name);
    }

  for (int day = first_day; day <= last_day && demo->error == NULL; day++)
    {
      g_autoptr (GDateTime) noon = g_date_time_add_days (today, day);
      guint first_patient_today = b.patients->len;

      for (guint i = 0; i < rd_demo_n_modalities; i++)
        fill_day (&b, i, day, noon, first_patient_today);
    }

  make_requests (&b);
  g_debug ("Demo department: %u bookings", b.n_bookings);

  g_free (b.hours);
  g_free (b.consumables);
  g_array_unref (b.patients);
  g_strfreev (b.clinicians);
}
