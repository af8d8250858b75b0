/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training.c: training items, dates and due dates, requirements and certification kinds, the data loaded once. */

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

G_DEFINE_BOXED_TYPE (RdTrainingItem, rd_training_item, rd_training_item_copy, rd_training_item_free)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

/* Whether a comma-separated list of modality kinds ("CT, MR") holds @kind, ignoring case. */
gboolean
rd_training_kinds_contain (const char *kinds,
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

/* The certification of the @i-th rule, in the rule table's order; %NULL past the end. */
const char *
rd_training_cert_rule_kind (guint i)
{
  return i < G_N_ELEMENTS (cert_rules) ? cert_rules[i].cert : NULL;
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
  if (kind != NULL && *kind != '\0' && !rd_training_kinds_contain (rd_record_get_text (staff, "modality_kinds"), kind))
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
      if (rule->kind != NULL && !rd_training_kinds_contain (modality_kinds, rule->kind))
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
