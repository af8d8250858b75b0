/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training.c: due dates and compliance of staff against required courses and certifications. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-training.h"
#include "rd-training-private.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

/* Which certifications a job (on a modality kind) must hold, from reference/certifications.csv
 * "held_by". Every technologist holds the state licence, ARRT RT(R) and BLS; a technologist who
 * works on CT, MR, MG, NM/PT or US also holds that modality's credential. Radiologists and nurses
 * hold BLS and ACLS. The CRA (coordinators and managers) is a career credential a department
 * records but does not require, so it is never "missing". */
typedef struct
{
  const char *job;
  const char *kind;   /* NULL: every modality kind */
  const char *cert;
} CertRule;

static const CertRule cert_rules[] = {
  { "technologist", NULL, "State radiologic technologist licence" },
  { "technologist", NULL, "ARRT RT(R) radiography" },
  { "technologist", NULL, "AHA BLS provider" },
  { "technologist", "CT", "ARRT RT(CT) computed tomography" },
  { "technologist", "MR", "ARRT RT(MR) magnetic resonance" },
  { "technologist", "MG", "ARRT RT(M) mammography" },
  { "technologist", "NM", "NMTCB CNMT nuclear medicine" },
  { "technologist", "PT", "NMTCB CNMT nuclear medicine" },
  { "technologist", "US", "ARDMS RDMS sonography" },
  { "radiologist", NULL, "AHA BLS provider" },
  { "radiologist", NULL, "AHA ACLS provider" },
  { "nurse", NULL, "AHA BLS provider" },
  { "nurse", NULL, "AHA ACLS provider" },
};

/* Known kinds, with the short names people type for them. */
typedef struct
{
  const char *kind;
  const char *short_name;
} CertKind;

static const CertKind cert_kinds[] = {
  { "ARRT RT(R) radiography", "ARRT R" },
  { "ARRT RT(CT) computed tomography", "ARRT CT" },
  { "ARRT RT(MR) magnetic resonance", "ARRT MR" },
  { "ARRT RT(M) mammography", "ARRT MG" },
  { "NMTCB CNMT nuclear medicine", "CNMT" },
  { "ARDMS RDMS sonography", "RDMS" },
  { "RAHA CRA radiology administrator", "CRA" },
  { "AHA BLS provider", "BLS" },
  { "AHA ACLS provider", "ACLS" },
  { "State radiologic technologist licence", "State licence" },
};

static const char *const cert_kind_names[] = {
  "ARRT RT(R) radiography", "ARRT RT(CT) computed tomography", "ARRT RT(MR) magnetic resonance",
  "ARRT RT(M) mammography", "NMTCB CNMT nuclear medicine", "ARDMS RDMS sonography",
  "RAHA CRA radiology administrator", "AHA BLS provider", "AHA ACLS provider",
  "State radiologic technologist licence", NULL,
};

/* Course categories whose lapse keeps a person off a modality (see rd_training_staff_lapsed_for_kind). */
static const char *const safety_categories[] = {
  "radiation_safety", "mri_safety", "contrast", "bls", "equipment", NULL,
};

struct _RdTrainingMatrix
{
  GPtrArray *staff;    /* of RdRecord */
  GPtrArray *columns;  /* of RdTrainingColumn */
  GPtrArray *cells;    /* n_staff × n_columns of RdTrainingItem, NULL where not required */
};

G_DEFINE_BOXED_TYPE (RdTrainingItem, rd_training_item, rd_training_item_copy, rd_training_item_free)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
kinds_contain (const char *kinds,
               const char *kind)
{
  g_auto (GStrv) parts = NULL;

  if (kinds == NULL || kind == NULL)
    return FALSE;

  parts = g_strsplit (kinds, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (parts[i]), kind) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
strv_has (const char *const *strv,
          const char        *s)
{
  return s != NULL && g_strv_contains (strv, s);
}

static RdTrainingItem *
item_new (RdTrainingItemKind kind,
          RdRecord          *staff,
          const char        *key,
          const char        *title)
{
  RdTrainingItem *item = g_new0 (RdTrainingItem, 1);

  item->kind = kind;
  item->staff_id = g_strdup (rd_record_get_id (staff));
  item->staff_name = g_strdup (rd_record_get_text (staff, "name"));
  item->key = g_strdup (key);
  item->title = g_strdup (title);
  item->status = RD_TRAINING_MISSING;
  g_date_clear (&item->last, 1);
  g_date_clear (&item->due, 1);

  return item;
}

/* ---------------------------------------------------------------- */
/* Loaded data                                                       */
/* ---------------------------------------------------------------- */

void
rd_training_data_clear (RdTrainingData *data)
{
  g_clear_pointer (&data->courses, g_hash_table_unref);
  g_clear_pointer (&data->course_list, g_ptr_array_unref);
  g_clear_pointer (&data->requirements, g_ptr_array_unref);
  g_clear_pointer (&data->records_by_staff, g_hash_table_unref);
  g_clear_pointer (&data->certs_by_staff, g_hash_table_unref);
  g_clear_pointer (&data->superseded, g_hash_table_unref);
}

static void
group_by_staff (GHashTable *by_staff,
                GPtrArray  *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);
      const char *staff_id = rd_record_get_text (record, "staff_id");
      GPtrArray *list;

      if (staff_id == NULL)
        continue;
      list = g_hash_table_lookup (by_staff, staff_id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_staff, g_strdup (staff_id), list);
        }
      g_ptr_array_add (list, g_object_ref (record));
    }
}

void
rd_training_data_load (RdTrainingData *data,
                       RdStore        *store)
{
  g_autoptr (GPtrArray) records = rd_store_list (store, "training_record", "date");
  g_autoptr (GPtrArray) certs = rd_store_list (store, "certification", "issued");

  data->course_list = rd_store_list (store, "course", "title");
  data->courses = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < data->course_list->len; i++)
    {
      RdRecord *course = g_ptr_array_index (data->course_list, i);
      g_hash_table_insert (data->courses, (char *) rd_record_get_id (course), course);
    }

  data->requirements = rd_store_list (store, "course_requirement", NULL);

  data->superseded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      const char *corrects = rd_record_get_text (g_ptr_array_index (records, i), "corrects_id");
      if (corrects != NULL && *corrects != '\0')
        g_hash_table_add (data->superseded, g_strdup (corrects));
    }

  data->records_by_staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);
  data->certs_by_staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  group_by_staff (data->records_by_staff, records);
  group_by_staff (data->certs_by_staff, certs);
}

/* The required course ids of @staff, ordered by course title. */
static GPtrArray *
required_courses (RdTrainingData *data,
                  RdRecord       *staff)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < data->course_list->len; i++)
    {
      RdRecord *course = g_ptr_array_index (data->course_list, i);

      for (guint j = 0; j < data->requirements->len; j++)
        {
          RdRecord *req = g_ptr_array_index (data->requirements, j);

          if (g_strcmp0 (rd_record_get_text (req, "course_id"), rd_record_get_id (course)) == 0
              && rd_training_requirement_applies (req, staff))
            {
              g_ptr_array_add (out, course);
              break;
            }
        }
    }

  return out;
}

static RdTrainingItem *
course_item (RdTrainingData *data,
             RdRecord       *staff,
             RdRecord       *course,
             const GDate    *today)
{
  RdTrainingItem *item = item_new (RD_TRAINING_ITEM_COURSE, staff, rd_record_get_id (course),
                                   rd_record_get_text (course, "title"));
  GPtrArray *records = g_hash_table_lookup (data->records_by_staff, rd_record_get_id (staff));
  RdRecord *best = NULL;
  GDate best_date;

  g_date_clear (&best_date, 1);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);
      GDate date;

      if (g_strcmp0 (rd_record_get_text (record, "course_id"), rd_record_get_id (course)) != 0
          || g_strcmp0 (rd_record_get_text (record, "outcome"), "competent") != 0
          || g_hash_table_contains (data->superseded, rd_record_get_id (record))
          || !rd_training_parse_date (rd_record_get_text (record, "date"), &date))
        continue;
      /* A record dated after today (entered ahead by mistake) does not count yet. */
      if (g_date_compare (&date, today) > 0)
        continue;
      if (best == NULL || g_date_compare (&date, &best_date) >= 0)
        {
          best = record;
          best_date = date;
        }
    }

  if (best == NULL)
    return item;

  item->record_id = g_strdup (rd_record_get_id (best));
  item->last = best_date;
  if (rd_record_get_int (course, "renewal_months") <= 0)
    {
      item->status = RD_TRAINING_CURRENT;
      return item;
    }

  rd_training_add_months (&best_date, (guint) rd_record_get_int (course, "renewal_months"), &item->due);
  item->status = rd_training_status_for_due (&item->due, today);
  return item;
}

static RdTrainingItem *
certification_item (RdTrainingData *data,
                    RdRecord       *staff,
                    const char     *kind,
                    const GDate    *today)
{
  RdTrainingItem *item = item_new (RD_TRAINING_ITEM_CERTIFICATION, staff, kind, kind);
  GPtrArray *certs = g_hash_table_lookup (data->certs_by_staff, rd_record_get_id (staff));
  RdRecord *best = NULL;
  GDate best_issued, best_expires;

  g_date_clear (&best_issued, 1);
  g_date_clear (&best_expires, 1);
  for (guint i = 0; certs != NULL && i < certs->len; i++)
    {
      RdRecord *cert = g_ptr_array_index (certs, i);
      GDate issued, expires;
      gboolean better;

      if (!rd_training_certification_kind_matches (kind, rd_record_get_text (cert, "kind"))
          || !rd_training_parse_date (rd_record_get_text (cert, "issued"), &issued)
          || g_date_compare (&issued, today) > 0)
        continue;
      if (!rd_training_parse_date (rd_record_get_text (cert, "expires"), &expires))
        g_date_clear (&expires, 1);

      /* The one that lasts longest wins; no expiry lasts longest of all. */
      if (best == NULL)
        better = TRUE;
      else if (!g_date_valid (&best_expires))
        better = !g_date_valid (&expires) && g_date_compare (&issued, &best_issued) > 0;
      else if (!g_date_valid (&expires))
        better = TRUE;
      else
        {
          int c = g_date_compare (&expires, &best_expires);
          better = c > 0 || (c == 0 && g_date_compare (&issued, &best_issued) > 0);
        }

      if (better)
        {
          best = cert;
          best_issued = issued;
          best_expires = expires;
        }
    }

  if (best == NULL)
    return item;

  item->record_id = g_strdup (rd_record_get_id (best));
  item->last = best_issued;
  item->due = best_expires;
  item->status = g_date_valid (&best_expires) ? rd_training_status_for_due (&best_expires, today)
                                              : RD_TRAINING_CURRENT;
  return item;
}

GPtrArray *
rd_training_data_staff_items (RdTrainingData *data,
                              RdRecord       *staff,
                              const GDate    *today)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_training_item_free);
  g_autoptr (GPtrArray) courses = required_courses (data, staff);
  g_auto (GStrv) certs = rd_training_required_certifications (rd_record_get_text (staff, "job"),
                                                              rd_record_get_text (staff, "modality_kinds"));

  for (guint i = 0; i < courses->len; i++)
    g_ptr_array_add (items, course_item (data, staff, g_ptr_array_index (courses, i), today));
  for (guint i = 0; certs[i] != NULL; i++)
    g_ptr_array_add (items, certification_item (data, staff, certs[i], today));

  return items;
}

/* ---------------------------------------------------------------- */
/* Public API: items                                                 */
/* ---------------------------------------------------------------- */

RdTrainingItem *
rd_training_item_copy (const RdTrainingItem *item)
{
  RdTrainingItem *copy = g_new0 (RdTrainingItem, 1);

  *copy = *item;
  copy->staff_id = g_strdup (item->staff_id);
  copy->staff_name = g_strdup (item->staff_name);
  copy->key = g_strdup (item->key);
  copy->title = g_strdup (item->title);
  copy->record_id = g_strdup (item->record_id);
  return copy;
}

void
rd_training_item_free (RdTrainingItem *item)
{
  if (item == NULL)
    return;
  g_free (item->staff_id);
  g_free (item->staff_name);
  g_free (item->key);
  g_free (item->title);
  g_free (item->record_id);
  g_free (item);
}

/**
 * rd_training_item_dup_key:
 * @item: an item
 *
 * Returns: (transfer full): a key naming the person and the item, stable across runs
 *   ("<staff id>:course:<course id>" or "<staff id>:cert:<kind>")
 */
char *
rd_training_item_dup_key (const RdTrainingItem *item)
{
  return g_strdup_printf ("%s:%s:%s", item->staff_id,
                          item->kind == RD_TRAINING_ITEM_COURSE ? "course" : "cert", item->key);
}

/**
 * rd_training_item_describe:
 * @item: an item
 *
 * Returns: (transfer full): a sentence a person reads, such as
 *   "MRI safety level 2: overdue since 3 March 2026"
 */
char *
rd_training_item_describe (const RdTrainingItem *item)
{
  g_autofree char *due = g_date_valid (&item->due) ? rd_training_format_date (&item->due) : NULL;
  gboolean cert = item->kind == RD_TRAINING_ITEM_CERTIFICATION;

  switch (item->status)
    {
    case RD_TRAINING_MISSING:
      return cert ? g_strdup_printf (_("%s: not held"), item->title)
                  : g_strdup_printf (_("%s: no competent record"), item->title);
    case RD_TRAINING_OVERDUE:
      return cert ? g_strdup_printf (_("%s: expired on %s"), item->title, due)
                  : g_strdup_printf (_("%s: overdue since %s"), item->title, due);
    case RD_TRAINING_DUE:
      return cert ? g_strdup_printf (_("%s: expires on %s"), item->title, due)
                  : g_strdup_printf (_("%s: due on %s"), item->title, due);
    case RD_TRAINING_CURRENT:
    default:
      if (due != NULL)
        return cert ? g_strdup_printf (_("%s: valid until %s"), item->title, due)
                    : g_strdup_printf (_("%s: current until %s"), item->title, due);
      return g_strdup_printf (_("%s: current"), item->title);
    }
}

/**
 * rd_training_status_to_string:
 * @status: a status
 *
 * Returns: a fixed English word for files and style classes: "current", "due", "overdue", "missing"
 */
const char *
rd_training_status_to_string (RdTrainingStatus status)
{
  switch (status)
    {
    case RD_TRAINING_CURRENT: return "current";
    case RD_TRAINING_DUE: return "due";
    case RD_TRAINING_OVERDUE: return "overdue";
    case RD_TRAINING_MISSING: return "missing";
    default: g_assert_not_reached ();
    }
}

/**
 * rd_training_status_label:
 * @status: a status
 *
 * Returns: the status as a person reads it, translated
 */
const char *
rd_training_status_label (RdTrainingStatus status)
{
  switch (status)
    {
    case RD_TRAINING_CURRENT: return _("Current");
    case RD_TRAINING_DUE: return _("Due soon");
    case RD_TRAINING_OVERDUE: return _("Overdue");
    case RD_TRAINING_MISSING: return _("Missing");
    default: g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------- */
/* Public API: dates                                                 */
/* ---------------------------------------------------------------- */

/**
 * rd_training_parse_date:
 * @text: (nullable): a date as YYYY-MM-DD
 * @out: (out): the date
 *
 * Returns: whether @text is a real calendar date (2025-02-29 is not)
 */
gboolean
rd_training_parse_date (const char *text,
                        GDate      *out)
{
  guint y, m, d;
  char tail;

  g_return_val_if_fail (out != NULL, FALSE);

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/**
 * rd_training_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as YYYY-MM-DD
 */
char *
rd_training_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * rd_training_add_months:
 * @date: a valid date
 * @months: months to add
 * @out: (out): the date @months later; a day that the target month lacks becomes its last day
 *   (31 January + 1 month is 28 or 29 February; 29 February + 12 months is 28 February)
 */
void
rd_training_add_months (const GDate *date,
                        guint        months,
                        GDate       *out)
{
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (out != NULL);

  *out = *date;
  /* g_date_add_months() clamps to the end of the target month, which is what renewal means. */
  g_date_add_months (out, months);
}

/**
 * rd_training_status_for_due:
 * @due: the due date (valid)
 * @today: today
 *
 * Returns: overdue when @due is before @today, due when it is within %RD_TRAINING_DUE_DAYS days
 *   of @today (both ends included), else current
 */
RdTrainingStatus
rd_training_status_for_due (const GDate *due,
                            const GDate *today)
{
  GDate horizon = *today;

  g_return_val_if_fail (g_date_valid (due) && g_date_valid (today), RD_TRAINING_MISSING);

  if (g_date_compare (due, today) < 0)
    return RD_TRAINING_OVERDUE;
  g_date_add_days (&horizon, RD_TRAINING_DUE_DAYS);
  if (g_date_compare (due, &horizon) <= 0)
    return RD_TRAINING_DUE;
  return RD_TRAINING_CURRENT;
}

/**
 * rd_training_today:
 * @tz: (nullable): the department's time zone; %NULL for the local one
 * @out: (out): today's date there
 */
void
rd_training_today (GTimeZone *tz,
                   GDate     *out)
{
  g_autoptr (GDateTime) now = tz ? g_date_time_new_now (tz) : g_date_time_new_now_local ();
  int y, m, d;

  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* ---------------------------------------------------------------- */
/* Public API: requirements                                          */
/* ---------------------------------------------------------------- */

/**
 * rd_training_requirement_applies:
 * @requirement: a course_requirement
 * @staff: a staff record
 *
 * Returns: whether the requirement's job (if set) is the person's and its modality kind (if set)
 *   is one of the person's
 */
gboolean
rd_training_requirement_applies (RdRecord *requirement,
                                 RdRecord *staff)
{
  const char *job, *kind;

  g_return_val_if_fail (RD_IS_RECORD (requirement) && RD_IS_RECORD (staff), FALSE);

  job = rd_record_get_text (requirement, "job");
  kind = rd_record_get_text (requirement, "modality_kind");

  if (job != NULL && *job != '\0' && g_strcmp0 (job, rd_record_get_text (staff, "job")) != 0)
    return FALSE;
  if (kind != NULL && *kind != '\0' && !kinds_contain (rd_record_get_text (staff, "modality_kinds"), kind))
    return FALSE;
  return TRUE;
}

/**
 * rd_training_required_certifications:
 * @job: (nullable): a staff job
 * @modality_kinds: (nullable): the kinds the person works on, comma separated
 *
 * Returns: (transfer full): the certification kinds the person must hold, without repeats
 */
char **
rd_training_required_certifications (const char *job,
                                     const char *modality_kinds)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cert_rules); i++)
    {
      const CertRule *rule = &cert_rules[i];

      if (g_strcmp0 (rule->job, job) != 0)
        continue;
      if (rule->kind != NULL && !kinds_contain (modality_kinds, rule->kind))
        continue;
      if (g_ptr_array_find_with_equal_func (seen, rule->cert, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (char *) rule->cert);
      g_strv_builder_add (builder, rule->cert);
    }

  return g_strv_builder_end (builder);
}

/**
 * rd_training_certification_kinds:
 *
 * Returns: (transfer none): the certification kinds RadDesk knows, for a list to pick from
 */
const char *const *
rd_training_certification_kinds (void)
{
  return cert_kind_names;
}

/**
 * rd_training_certification_kind_matches:
 * @required: a kind as in rd_training_required_certifications()
 * @held: (nullable): the kind written on a certification record
 *
 * People write kinds short ("ARRT CT", "BLS") or long ("ARRT RT(CT) computed tomography"); both
 * match, as does the long name's leading words ("ARRT RT(CT)"). Case is ignored.
 *
 * Returns: whether @held is @required
 */
gboolean
rd_training_certification_kind_matches (const char *required,
                                        const char *held)
{
  g_autofree char *r = NULL, *h = NULL;
  gsize len;

  if (required == NULL || held == NULL)
    return FALSE;

  r = g_utf8_casefold (required, -1);
  h = g_utf8_casefold (held, -1);
  g_strstrip (h);
  len = strlen (h);
  if (len == 0)
    return FALSE;
  if (strcmp (r, h) == 0)
    return TRUE;
  if (g_str_has_prefix (r, h) && r[len] == ' ')
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (cert_kinds); i++)
    if (g_ascii_strcasecmp (cert_kinds[i].kind, required) == 0
        && g_ascii_strcasecmp (cert_kinds[i].short_name, held) == 0)
      return TRUE;

  return FALSE;
}

/* ---------------------------------------------------------------- */
/* Public API: compliance                                            */
/* ---------------------------------------------------------------- */

/**
 * rd_training_staff_items:
 * @store: a store
 * @staff_id: a staff id
 * @today: today in the department's time zone
 *
 * Returns: (transfer full) (element-type RdTrainingItem): every course and certification the
 *   person must have, with where they stand; empty for an unknown person
 */
GPtrArray *
rd_training_staff_items (RdStore     *store,
                         const char  *staff_id,
                         const GDate *today)
{
  g_auto (RdTrainingData) data = { 0 };
  g_autoptr (RdRecord) staff = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL && today != NULL, NULL);

  staff = rd_store_get (store, "staff", staff_id, NULL);
  if (staff == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_training_item_free);

  rd_training_data_load (&data, store);
  return rd_training_data_staff_items (&data, staff, today);
}

/**
 * rd_training_staff_lapsed_for_kind:
 * @store: a store
 * @staff_id: the person assigned
 * @modality_kind: the kind of the modality they are assigned to ("CT", "MR", …)
 * @at: when (its date, in its own time zone, is the day checked)
 *
 * Looks at the person as if they worked on @modality_kind: the requirements of that kind, and the
 * safety requirements of their job (radiation and MRI safety, contrast, BLS, equipment courses and
 * every required certification). RIS and general compliance courses do not keep anyone off a
 * scanner, so they are left out. An item is lapsed when it is overdue or missing.
 *
 * Returns: (transfer full) (element-type utf8): sentences such as "MRI safety level 2: overdue
 *   since 2026-03-03"; empty when nothing has lapsed or the person is unknown
 */
GPtrArray *
rd_training_staff_lapsed_for_kind (RdStore    *store,
                                   const char *staff_id,
                                   const char *modality_kind,
                                   GDateTime  *at)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_auto (RdTrainingData) data = { 0 };
  g_autoptr (RdRecord) staff = NULL;
  g_autoptr (RdRecord) as_kind = NULL;
  g_autoptr (GPtrArray) items = NULL;
  GDate day;
  int y, m, d;

  g_return_val_if_fail (RD_IS_STORE (store), out);
  g_return_val_if_fail (at != NULL, out);

  if (staff_id == NULL || modality_kind == NULL
      || (staff = rd_store_get (store, "staff", staff_id, NULL)) == NULL)
    return out;

  g_date_time_get_ymd (at, &y, &m, &d);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  as_kind = rd_record_copy (staff);
  rd_record_set_text (as_kind, "modality_kinds", modality_kind);

  rd_training_data_load (&data, store);
  items = rd_training_data_staff_items (&data, as_kind, &day);
  for (guint i = 0; i < items->len; i++)
    {
      RdTrainingItem *item = g_ptr_array_index (items, i);

      if (item->status != RD_TRAINING_OVERDUE && item->status != RD_TRAINING_MISSING)
        continue;
      if (item->kind == RD_TRAINING_ITEM_COURSE)
        {
          RdRecord *course = g_hash_table_lookup (data.courses, item->key);

          if (!strv_has (safety_categories, rd_record_get_text (course, "category")))
            continue;
        }
      g_ptr_array_add (out, rd_training_item_describe (item));
    }

  return out;
}

static int
compare_items_by_due (gconstpointer a,
                      gconstpointer b)
{
  const RdTrainingItem *x = *(RdTrainingItem **) a, *y = *(RdTrainingItem **) b;
  int c = g_date_compare (&x->due, &y->due);

  if (c != 0)
    return c;
  c = g_utf8_collate (x->staff_name ? x->staff_name : "", y->staff_name ? y->staff_name : "");
  return c != 0 ? c : g_strcmp0 (x->title, y->title);
}

/**
 * rd_training_list_due:
 * @store: a store
 * @today: today
 * @days: how far ahead to look (30, 60, 90)
 *
 * Returns: (transfer full) (element-type RdTrainingItem): the items of active staff whose due date
 *   is at most @days days from @today — overdue ones included, missing ones not (they have no date) —
 *   soonest first
 */
GPtrArray *
rd_training_list_due (RdStore     *store,
                      const GDate *today,
                      guint        days)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_training_item_free);
  g_auto (RdTrainingData) data = { 0 };
  g_autoptr (GPtrArray) staff = NULL;
  GDate horizon;

  g_return_val_if_fail (RD_IS_STORE (store), out);
  g_return_val_if_fail (today != NULL && g_date_valid (today), out);

  horizon = *today;
  g_date_add_days (&horizon, days);

  rd_training_data_load (&data, store);
  staff = rd_store_list (store, "staff", "name");
  for (guint i = 0; i < staff->len; i++)
    {
      RdRecord *person = g_ptr_array_index (staff, i);
      g_autoptr (GPtrArray) items = NULL;

      if (!rd_record_get_bool (person, "active"))
        continue;

      items = rd_training_data_staff_items (&data, person, today);
      for (guint j = 0; j < items->len; j++)
        {
          RdTrainingItem *item = g_ptr_array_index (items, j);

          if (g_date_valid (&item->due) && g_date_compare (&item->due, &horizon) <= 0)
            g_ptr_array_add (out, rd_training_item_copy (item));
        }
    }

  g_ptr_array_sort (out, compare_items_by_due);
  return out;
}

/* ---------------------------------------------------------------- */
/* Public API: the matrix                                            */
/* ---------------------------------------------------------------- */

static void
column_free (RdTrainingColumn *column)
{
  g_free (column->key);
  g_free (column->title);
  g_free (column);
}

static int
find_column (GPtrArray          *columns,
             RdTrainingItemKind  kind,
             const char         *key)
{
  for (guint i = 0; i < columns->len; i++)
    {
      RdTrainingColumn *column = g_ptr_array_index (columns, i);
      if (column->kind == kind && g_strcmp0 (column->key, key) == 0)
        return (int) i;
    }
  return -1;
}

/**
 * rd_training_matrix_new:
 * @store: a store
 * @today: today
 * @job: (nullable): only staff of this job
 * @modality_kind: (nullable): only staff who work on this kind
 *
 * Columns are the courses (by title) and then the certifications that at least one shown person
 * must have.
 *
 * Returns: (transfer full): the matrix of active staff
 */
RdTrainingMatrix *
rd_training_matrix_new (RdStore     *store,
                        const GDate *today,
                        const char  *job,
                        const char  *modality_kind)
{
  RdTrainingMatrix *matrix = g_new0 (RdTrainingMatrix, 1);
  g_auto (RdTrainingData) data = { 0 };
  g_autoptr (GPtrArray) all_staff = NULL;
  g_autoptr (GPtrArray) per_staff = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);

  g_return_val_if_fail (RD_IS_STORE (store), matrix);
  g_return_val_if_fail (today != NULL && g_date_valid (today), matrix);

  matrix->staff = g_ptr_array_new_with_free_func (g_object_unref);
  matrix->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  matrix->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_training_item_free);

  rd_training_data_load (&data, store);
  all_staff = rd_store_list (store, "staff", "name");
  for (guint i = 0; i < all_staff->len; i++)
    {
      RdRecord *person = g_ptr_array_index (all_staff, i);
      GPtrArray *items;

      if (!rd_record_get_bool (person, "active"))
        continue;
      if (job != NULL && *job != '\0' && g_strcmp0 (rd_record_get_text (person, "job"), job) != 0)
        continue;
      if (modality_kind != NULL && *modality_kind != '\0'
          && !kinds_contain (rd_record_get_text (person, "modality_kinds"), modality_kind))
        continue;

      g_ptr_array_add (matrix->staff, g_object_ref (person));
      items = rd_training_data_staff_items (&data, person, today);
      g_ptr_array_add (per_staff, items);

      for (guint j = 0; j < items->len; j++)
        {
          RdTrainingItem *item = g_ptr_array_index (items, j);
          GPtrArray *target = item->kind == RD_TRAINING_ITEM_COURSE ? matrix->columns : certs;

          if (find_column (target, item->kind, item->key) < 0)
            {
              RdTrainingColumn *column = g_new0 (RdTrainingColumn, 1);
              column->kind = item->kind;
              column->key = g_strdup (item->key);
              column->title = g_strdup (item->title);
              g_ptr_array_add (target, column);
            }
        }
    }

  /* Courses in the store's title order, then certifications in the rule table's order. */
  {
    g_autoptr (GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);

    for (guint i = 0; i < data.course_list->len; i++)
      {
        int at = find_column (matrix->columns, RD_TRAINING_ITEM_COURSE,
                              rd_record_get_id (g_ptr_array_index (data.course_list, i)));
        if (at >= 0)
          g_ptr_array_add (ordered, g_ptr_array_steal_index (matrix->columns, (guint) at));
      }
    for (guint i = 0; i < G_N_ELEMENTS (cert_rules); i++)
      {
        int at = find_column (certs, RD_TRAINING_ITEM_CERTIFICATION, cert_rules[i].cert);
        if (at >= 0)
          g_ptr_array_add (ordered, g_ptr_array_steal_index (certs, (guint) at));
      }
    g_ptr_array_unref (matrix->columns);
    matrix->columns = g_steal_pointer (&ordered);
  }

  for (guint i = 0; i < matrix->staff->len; i++)
    {
      GPtrArray *items = g_ptr_array_index (per_staff, i);

      for (guint c = 0; c < matrix->columns->len; c++)
        {
          RdTrainingColumn *column = g_ptr_array_index (matrix->columns, c);
          RdTrainingItem *cell = NULL;

          for (guint j = 0; j < items->len; j++)
            {
              RdTrainingItem *item = g_ptr_array_index (items, j);
              if (item->kind == column->kind && g_strcmp0 (item->key, column->key) == 0)
                {
                  cell = rd_training_item_copy (item);
                  break;
                }
            }
          g_ptr_array_add (matrix->cells, cell);
        }
    }

  return matrix;
}

void
rd_training_matrix_free (RdTrainingMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_clear_pointer (&matrix->staff, g_ptr_array_unref);
  g_clear_pointer (&matrix->columns, g_ptr_array_unref);
  g_clear_pointer (&matrix->cells, g_ptr_array_unref);
  g_free (matrix);
}

guint
rd_training_matrix_get_n_staff (RdTrainingMatrix *matrix)
{
  return matrix->staff->len;
}

guint
rd_training_matrix_get_n_columns (RdTrainingMatrix *matrix)
{
  return matrix->columns->len;
}

/**
 * rd_training_matrix_get_staff:
 * @matrix: a matrix
 * @row: a row
 *
 * Returns: (transfer none): the staff record of @row
 */
RdRecord *
rd_training_matrix_get_staff (RdTrainingMatrix *matrix,
                              guint             row)
{
  g_return_val_if_fail (row < matrix->staff->len, NULL);
  return g_ptr_array_index (matrix->staff, row);
}

const RdTrainingColumn *
rd_training_matrix_get_column (RdTrainingMatrix *matrix,
                               guint             column)
{
  g_return_val_if_fail (column < matrix->columns->len, NULL);
  return g_ptr_array_index (matrix->columns, column);
}

/**
 * rd_training_matrix_get_cell:
 * @matrix: a matrix
 * @row: a staff row
 * @column: a column
 *
 * Returns: (transfer none) (nullable): the item, or %NULL when the person need not have it
 */
const RdTrainingItem *
rd_training_matrix_get_cell (RdTrainingMatrix *matrix,
                             guint             row,
                             guint             column)
{
  g_return_val_if_fail (row < matrix->staff->len && column < matrix->columns->len, NULL);
  return g_ptr_array_index (matrix->cells, row * matrix->columns->len + column);
}
