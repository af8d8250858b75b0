/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-rules.c: what a training record, certification or dose reading must satisfy to be saved. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-error.h"
#include "rd-training.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/* The person named by @column, or NULL (with the error set) when it names nobody. */
static RdRecord *
require_staff (RdStore     *store,
               RdRecord    *record,
               const char  *column,
               const char  *missing_message,
               const char **out_field,
               GError     **error)
{
  const char *id = rd_record_get_text (record, column);
  RdRecord *staff;

  if (!is_set (id))
    {
      rd_refuse (out_field, column, error, "%s", missing_message);
      return NULL;
    }
  staff = rd_store_get (store, "staff", id, NULL);
  if (staff == NULL)
    rd_refuse (out_field, column, error, "%s", _("That person is not in the staff directory."));
  return staff;
}

static gboolean
check_date (RdRecord    *record,
            const char  *column,
            gboolean     required,
            const GDate *not_after,
            const char  *future_message,
            GDate       *out,
            const char **out_field,
            GError     **error)
{
  const char *text = rd_record_get_text (record, column);

  g_date_clear (out, 1);
  if (!is_set (text))
    return required ? rd_refuse (out_field, column, error, "%s", _("Enter a date.")) : TRUE;
  if (!rd_training_parse_date (text, out))
    return rd_refuse (out_field, column, error, _("“%s” is not a date; write it as YYYY-MM-DD."), text);
  if (not_after != NULL && g_date_compare (out, not_after) > 0)
    return rd_refuse (out_field, column, error, "%s", future_message);
  return TRUE;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_training_check_record:
 * @store: a store
 * @record: a training_record about to be saved
 * @today: today in the department's time zone
 * @out_field: (out) (optional) (transfer none): the column at fault, or %NULL for the whole record
 * @error: the sentence to show
 *
 * Refuses a record dated after today, hours of zero or less, a trainer or sign-off by someone who
 * is not a trainer, a sign-off of one's own training, a change to a record already signed off
 * (a correction is a new record whose corrects_id names it), and a correction of a record that
 * someone else has already corrected.
 *
 * Returns: whether the record may be saved
 */
gboolean
rd_training_check_record (RdStore     *store,
                          RdRecord    *record,
                          const GDate *today,
                          const char **out_field,
                          GError     **error)
{
  g_autoptr (RdRecord) staff = NULL;
  g_autoptr (RdRecord) course = NULL;
  g_autoptr (RdRecord) stored = NULL;
  const char *course_id, *outcome, *trainer_id, *signer_id, *corrects_id;
  GDate date;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (record), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (out_field != NULL)
    *out_field = NULL;

  stored = rd_store_get (store, "training_record", rd_record_get_id (record), NULL);
  if (stored != NULL && is_set (rd_record_get_text (stored, "signed_off_by")))
    return rd_refuse (out_field, NULL, error, "%s",
                   _("This record has been signed off and cannot be changed. Add a correction instead."));

  if ((staff = require_staff (store, record, "staff_id", _("Choose who was trained."), out_field, error)) == NULL)
    return FALSE;

  course_id = rd_record_get_text (record, "course_id");
  if (!is_set (course_id) || (course = rd_store_get (store, "course", course_id, NULL)) == NULL)
    return rd_refuse (out_field, "course_id", error, "%s", _("Choose the course."));

  if (!check_date (record, "date", TRUE, today,
                   _("The date is in the future. Training is logged once it has taken place."),
                   &date, out_field, error))
    return FALSE;

  if (rd_record_is_null (record, "hours") || rd_record_get_int (record, "hours") <= 0)
    return rd_refuse (out_field, "hours", error, "%s", _("Hours must be more than zero."));

  outcome = rd_record_get_text (record, "outcome");
  if (!rd_column_enum_has_value (rd_table_get_column (rd_record_get_table (record), "outcome"), outcome))
    return rd_refuse (out_field, "outcome", error, "%s",
                   _("Choose an outcome: competent, needs practice or not competent."));

  trainer_id = rd_record_get_text (record, "trainer_id");
  if (is_set (trainer_id))
    {
      g_autoptr (RdRecord) trainer = require_staff (store, record, "trainer_id", NULL, out_field, error);

      if (trainer == NULL)
        return FALSE;
      if (!rd_record_get_bool (trainer, "is_trainer"))
        return rd_refuse (out_field, "trainer_id", error,
                       _("%s is not a trainer. Choose someone marked as a trainer in the staff directory."),
                       rd_record_get_text (trainer, "name"));
    }

  signer_id = rd_record_get_text (record, "signed_off_by");
  if (is_set (signer_id))
    {
      g_autoptr (RdRecord) signer = require_staff (store, record, "signed_off_by", NULL, out_field, error);

      if (signer == NULL)
        return FALSE;
      if (!rd_record_get_bool (signer, "is_trainer"))
        return rd_refuse (out_field, "signed_off_by", error,
                       _("%s is not a trainer, and only a trainer can sign off training."),
                       rd_record_get_text (signer, "name"));
      if (g_strcmp0 (signer_id, rd_record_get_text (record, "staff_id")) == 0)
        return rd_refuse (out_field, "signed_off_by", error, "%s",
                       _("No one can sign off their own training. Ask another trainer."));
    }

  corrects_id = rd_record_get_text (record, "corrects_id");
  if (is_set (corrects_id))
    {
      g_autoptr (RdRecord) original = rd_store_get (store, "training_record", corrects_id, NULL);
      g_autoptr (GPtrArray) others = NULL;

      if (original == NULL || g_strcmp0 (corrects_id, rd_record_get_id (record)) == 0)
        return rd_refuse (out_field, "corrects_id", error, "%s",
                       _("The record this corrects does not exist."));
      if (g_strcmp0 (rd_record_get_text (original, "staff_id"), rd_record_get_text (record, "staff_id")) != 0)
        return rd_refuse (out_field, "staff_id", error, "%s",
                       _("A correction is about the same person as the record it corrects."));

      others = rd_store_list_by (store, "training_record", "corrects_id", corrects_id, NULL);
      for (guint i = 0; i < others->len; i++)
        if (g_strcmp0 (rd_record_get_id (g_ptr_array_index (others, i)), rd_record_get_id (record)) != 0)
          return rd_refuse (out_field, "corrects_id", error, "%s",
                         _("That record has already been corrected. Correct the latest record instead."));
    }

  return TRUE;
}

/**
 * rd_training_check_certification:
 * @store: a store
 * @record: a certification about to be saved
 * @today: today
 * @out_field: (out) (optional) (transfer none): the column at fault
 * @error: the sentence to show
 *
 * Refuses a missing kind, an issue date after today and an expiry before the issue date.
 *
 * Returns: whether the certification may be saved
 */
gboolean
rd_training_check_certification (RdStore     *store,
                                 RdRecord    *record,
                                 const GDate *today,
                                 const char **out_field,
                                 GError     **error)
{
  g_autoptr (RdRecord) staff = NULL;
  g_autofree char *kind = NULL;
  GDate issued, expires;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (record), FALSE);

  if (out_field != NULL)
    *out_field = NULL;

  if ((staff = require_staff (store, record, "staff_id", _("Choose whose certification this is."),
                              out_field, error)) == NULL)
    return FALSE;

  kind = g_strstrip (g_strdup (rd_record_get_text (record, "kind") ? rd_record_get_text (record, "kind") : ""));
  if (*kind == '\0')
    return rd_refuse (out_field, "kind", error, "%s", _("Enter the kind of certification, such as ARRT CT or BLS."));

  if (!check_date (record, "issued", TRUE, today, _("The issue date is in the future."), &issued,
                   out_field, error)
      || !check_date (record, "expires", FALSE, NULL, NULL, &expires, out_field, error))
    return FALSE;

  if (g_date_valid (&expires) && g_date_compare (&expires, &issued) < 0)
    return rd_refuse (out_field, "expires", error, "%s", _("The expiry date is before the issue date."));

  return TRUE;
}

/**
 * rd_training_check_dose_reading:
 * @store: a store
 * @record: a dose_reading about to be saved
 * @today: today
 * @out_field: (out) (optional) (transfer none): the column at fault
 * @error: the sentence to show
 *
 * Refuses a period that ends before it starts or after today, and negative doses.
 *
 * Returns: whether the reading may be saved
 */
gboolean
rd_training_check_dose_reading (RdStore     *store,
                                RdRecord    *record,
                                const GDate *today,
                                const char **out_field,
                                GError     **error)
{
  static const char *const doses[] = { "effective_usv", "lens_usv", "extremity_usv" };
  g_autoptr (RdRecord) staff = NULL;
  GDate start, end;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (record), FALSE);

  if (out_field != NULL)
    *out_field = NULL;

  if ((staff = require_staff (store, record, "staff_id", _("Choose whose dosimeter this is."),
                              out_field, error)) == NULL)
    return FALSE;

  if (!check_date (record, "period_start", TRUE, today, _("The period starts in the future."), &start,
                   out_field, error)
      || !check_date (record, "period_end", TRUE, today,
                      _("The period has not ended yet. Enter the reading once it has."), &end,
                      out_field, error))
    return FALSE;

  if (g_date_compare (&end, &start) < 0)
    return rd_refuse (out_field, "period_end", error, "%s", _("The period ends before it starts."));

  if (rd_record_is_null (record, "effective_usv"))
    return rd_refuse (out_field, "effective_usv", error, "%s", _("Enter the effective dose."));

  for (guint i = 0; i < G_N_ELEMENTS (doses); i++)
    if (!rd_record_is_null (record, doses[i]) && rd_record_get_int (record, doses[i]) < 0)
      return rd_refuse (out_field, doses[i], error, "%s", _("A dose cannot be negative."));

  return TRUE;
}

/**
 * rd_training_save:
 * @store: a store
 * @record: a training_record, certification or dose_reading
 * @user: who saves it
 * @today: today in the department's time zone
 * @out_field: (out) (optional) (transfer none): the column at fault when refused
 * @error: why it was not saved
 *
 * Checks @record with the rules of its table and saves it only when they hold. A sign-off gets
 * its time (signed_off_at) here when it has none.
 *
 * Returns: whether it was saved
 */
gboolean
rd_training_save (RdStore     *store,
                  RdRecord    *record,
                  const char  *user,
                  const GDate *today,
                  const char **out_field,
                  GError     **error)
{
  const char *table;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (record), FALSE);

  table = rd_record_get_table_name (record);
  if (g_str_equal (table, "training_record"))
    ok = rd_training_check_record (store, record, today, out_field, error);
  else if (g_str_equal (table, "certification"))
    ok = rd_training_check_certification (store, record, today, out_field, error);
  else if (g_str_equal (table, "dose_reading"))
    ok = rd_training_check_dose_reading (store, record, today, out_field, error);
  else
    return rd_refuse (out_field, NULL, error, "%s", _("This is not a training record."));

  if (!ok)
    return FALSE;

  if (g_str_equal (table, "training_record") && is_set (rd_record_get_text (record, "signed_off_by"))
      && rd_record_is_null (record, "signed_off_at"))
    rd_record_set_int (record, "signed_off_at", g_get_real_time () / G_USEC_PER_SEC);
  else if (g_str_equal (table, "training_record") && !is_set (rd_record_get_text (record, "signed_off_by")))
    rd_record_set_null (record, "signed_off_at");

  return rd_store_save (store, record, user, error);
}

/**
 * rd_training_new_correction:
 * @original: a training_record (signed off, usually)
 *
 * Returns: (transfer full): a new, unsaved record with the values of @original, a new id, no
 *   sign-off, and corrects_id naming @original
 */
RdRecord *
rd_training_new_correction (RdRecord *original)
{
  const RdTable *table;
  RdRecord *correction;

  g_return_val_if_fail (RD_IS_RECORD (original), NULL);

  table = rd_record_get_table (original);
  correction = rd_record_new (table, NULL);
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (rd_record_is_null_at (original, i))
        continue;
      switch (table->columns[i].type)
        {
        case RD_COLUMN_INTEGER:
        case RD_COLUMN_MONEY:
        case RD_COLUMN_TIME:
        case RD_COLUMN_BOOLEAN:
          rd_record_set_int_at (correction, i, rd_record_get_int_at (original, i));
          break;
        default:
          rd_record_set_text_at (correction, i, rd_record_get_text_at (original, i));
          break;
        }
    }

  rd_record_set_null (correction, "signed_off_by");
  rd_record_set_null (correction, "signed_off_at");
  rd_record_set_text (correction, "corrects_id", rd_record_get_id (original));
  return correction;
}

/**
 * rd_training_record_is_superseded:
 * @store: a store
 * @record_id: a training_record id
 *
 * Returns: whether a later record corrects it (it then counts for nothing)
 */
gboolean
rd_training_record_is_superseded (RdStore    *store,
                                  const char *record_id)
{
  g_autoptr (GPtrArray) corrections = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (record_id == NULL)
    return FALSE;
  corrections = rd_store_list_by (store, "training_record", "corrects_id", record_id, NULL);
  return corrections->len > 0;
}
