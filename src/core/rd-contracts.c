/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-contracts.c: vendor contracts — status, notice deadlines, validation, uncovered modalities, reminders. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rd-contracts.h"
#include "rd-error.h"

/*
 * Rules:
 * - the notice deadline is the last day on which notice can be given: the end date less the
 *   notice period in days (GDate arithmetic, so month lengths and leap days are exact);
 * - a contract is expired the day after its end date, upcoming before its start date, and
 *   otherwise running; a running contract is "renewal due" when its notice deadline is at most
 *   %RD_CONTRACT_RENEWAL_DAYS days away, or has passed while the contract still runs (it will
 *   then renew or lapse without a decision);
 * - a modality is covered when a running service contract names it; a renewal-due contract still
 *   covers it.
 */

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static int
compare_by_deadline (gconstpointer a,
                     gconstpointer b)
{
  RdRecord *ca = *(RdRecord **) a;
  RdRecord *cb = *(RdRecord **) b;
  GDate da, db;
  gboolean ha = rd_contract_notice_deadline (ca, &da);
  gboolean hb = rd_contract_notice_deadline (cb, &db);

  if (ha != hb)
    return ha ? -1 : 1;
  if (ha && g_date_compare (&da, &db) != 0)
    return g_date_compare (&da, &db);
  return g_strcmp0 (rd_record_get_text (ca, "title"), rd_record_get_text (cb, "title"));
}

static char *
meta_key (const char  *contract_id,
          const GDate *today)
{
  g_autofree char *day = rd_contract_format_date (today);

  return g_strdup_printf ("notified:%s:%s", contract_id, day);
}

/* ---------------------------------------------------------------- */
/* Dates and status                                                  */
/* ---------------------------------------------------------------- */

/**
 * rd_contract_parse_date:
 * @text: (nullable): a date as YYYY-MM-DD
 * @out: (out caller-allocates): the date
 *
 * Returns: whether @text is a valid date; @out is cleared otherwise
 */
gboolean
rd_contract_parse_date (const char *text,
                        GDate      *out)
{
  unsigned y, m, d;
  char extra;

  g_return_val_if_fail (out != NULL, FALSE);

  g_date_clear (out, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3 || strlen (text) != 10)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/**
 * rd_contract_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): the date as YYYY-MM-DD
 */
char *
rd_contract_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * rd_contract_notice_deadline:
 * @contract: a contract
 * @out: (out caller-allocates): the last day on which notice can be given
 *
 * Returns: whether the contract has a valid end date (and so a deadline)
 */
gboolean
rd_contract_notice_deadline (RdRecord *contract,
                             GDate    *out)
{
  gint64 notice;

  g_return_val_if_fail (RD_IS_RECORD (contract), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!rd_contract_parse_date (rd_record_get_text (contract, "end"), out))
    return FALSE;
  notice = CLAMP (rd_record_get_int (contract, "notice_days"), 0, 100 * 366);
  if ((gint64) g_date_get_julian (out) <= notice)
    {
      g_date_clear (out, 1);
      return FALSE;
    }
  g_date_subtract_days (out, (guint) notice);
  return TRUE;
}

/**
 * rd_contract_is_running:
 * @contract: a contract
 * @today: today
 *
 * Returns: whether @today lies between the contract's start and end dates, both included
 */
gboolean
rd_contract_is_running (RdRecord    *contract,
                        const GDate *today)
{
  GDate start, end;

  g_return_val_if_fail (RD_IS_RECORD (contract), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  return rd_contract_parse_date (rd_record_get_text (contract, "start"), &start)
         && rd_contract_parse_date (rd_record_get_text (contract, "end"), &end)
         && g_date_compare (&start, today) <= 0 && g_date_compare (today, &end) <= 0;
}

/**
 * rd_contract_get_status:
 * @contract: a contract
 * @today: today
 *
 * Returns: where the contract stands today (see #RdContractStatus)
 */
RdContractStatus
rd_contract_get_status (RdRecord    *contract,
                        const GDate *today)
{
  GDate start, end, deadline;

  g_return_val_if_fail (RD_IS_RECORD (contract), RD_CONTRACT_EXPIRED);
  g_return_val_if_fail (today != NULL && g_date_valid (today), RD_CONTRACT_EXPIRED);

  if (!rd_contract_parse_date (rd_record_get_text (contract, "end"), &end) ||
      g_date_compare (&end, today) < 0)
    return RD_CONTRACT_EXPIRED;
  if (rd_contract_parse_date (rd_record_get_text (contract, "start"), &start) &&
      g_date_compare (today, &start) < 0)
    return RD_CONTRACT_UPCOMING;
  if (rd_contract_notice_deadline (contract, &deadline) &&
      g_date_days_between (today, &deadline) <= RD_CONTRACT_RENEWAL_DAYS)
    return RD_CONTRACT_RENEWAL_DUE;
  return RD_CONTRACT_ACTIVE;
}

/**
 * rd_contract_days_to_deadline:
 * @contract: a contract
 * @today: today
 *
 * Returns: the days from @today to the notice deadline (negative once it has passed), or
 *   %G_MAXINT when the contract has no deadline
 */
int
rd_contract_days_to_deadline (RdRecord    *contract,
                              const GDate *today)
{
  GDate deadline;

  g_return_val_if_fail (RD_IS_RECORD (contract), G_MAXINT);
  g_return_val_if_fail (today != NULL && g_date_valid (today), G_MAXINT);

  if (!rd_contract_notice_deadline (contract, &deadline))
    return G_MAXINT;
  return g_date_days_between (today, &deadline);
}

/**
 * rd_contract_status_to_string:
 * @status: a status
 *
 * Returns: (transfer none): a stable name for the status ("renewal_due", …)
 */
const char *
rd_contract_status_to_string (RdContractStatus status)
{
  switch (status)
    {
    case RD_CONTRACT_ACTIVE: return "active";
    case RD_CONTRACT_RENEWAL_DUE: return "renewal_due";
    case RD_CONTRACT_EXPIRED: return "expired";
    case RD_CONTRACT_UPCOMING: return "upcoming";
    default: g_return_val_if_reached ("expired");
    }
}

/**
 * rd_contract_status_label:
 * @status: a status
 *
 * Returns: (transfer none): the status in translated words
 */
const char *
rd_contract_status_label (RdContractStatus status)
{
  switch (status)
    {
    case RD_CONTRACT_ACTIVE: return _("Active");
    case RD_CONTRACT_RENEWAL_DUE: return _("Renewal due");
    case RD_CONTRACT_EXPIRED: return _("Expired");
    case RD_CONTRACT_UPCOMING: return _("Not started");
    default: g_return_val_if_reached ("");
    }
}

/**
 * rd_contract_describe_deadline:
 * @contract: a contract
 * @today: today
 *
 * Returns: (transfer full): a sentence on the notice deadline ("Give notice within 12 days")
 */
char *
rd_contract_describe_deadline (RdRecord    *contract,
                               const GDate *today)
{
  int days = rd_contract_days_to_deadline (contract, today);
  gboolean renews = rd_record_get_bool (contract, "auto_renew");

  if (days == G_MAXINT)
    return g_strdup (_("No end date"));
  if (days < 0)
    return g_strdup_printf (renews
                            ? ngettext ("Notice deadline passed %d day ago; it renews on its own",
                                        "Notice deadline passed %d days ago; it renews on its own", -days)
                            : ngettext ("Notice deadline passed %d day ago",
                                        "Notice deadline passed %d days ago", -days), -days);
  if (days == 0)
    return g_strdup (_("Give notice today"));
  return g_strdup_printf (ngettext ("Give notice within %d day", "Give notice within %d days", days), days);
}

/* ---------------------------------------------------------------- */
/* Validation                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_contract_check:
 * @store: a store
 * @contract: a contract about to be saved
 * @out_field: (out) (optional) (transfer none): the column at fault, or %NULL
 * @error: the sentence to show
 *
 * Refuses a contract without a title or vendor, with a missing or malformed date, an end before
 * its start, a negative annual value or notice period, a notice period longer than the contract,
 * or a modality or vendor that does not exist.
 *
 * Returns: whether the contract may be saved
 */
gboolean
rd_contract_check (RdStore     *store,
                   RdRecord    *contract,
                   const char **out_field,
                   GError     **error)
{
  const char *vendor_id, *modality_id, *kind;
  GDate start, end;
  gint64 notice;
  g_autoptr (RdRecord) vendor = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (contract), FALSE);

  if (out_field != NULL)
    *out_field = NULL;

  if (!is_set (rd_record_get_text (contract, "title")))
    return rd_refuse (out_field, "title", error, "%s", _("Give the contract a title."));

  vendor_id = rd_record_get_text (contract, "vendor_id");
  if (!is_set (vendor_id))
    return rd_refuse (out_field, "vendor_id", error, "%s", _("Choose the vendor."));
  vendor = rd_store_get (store, "vendor", vendor_id, NULL);
  if (vendor == NULL || rd_record_get_deleted (vendor))
    return rd_refuse (out_field, "vendor_id", error, "%s", _("That vendor is not in the list of vendors."));

  kind = rd_record_get_text (contract, "kind");
  if (!is_set (kind) || !rd_column_enum_has_value (rd_table_get_column (rd_record_get_table (contract), "kind"), kind))
    return rd_refuse (out_field, "kind", error, "%s", _("Choose what kind of contract it is."));

  modality_id = rd_record_get_text (contract, "modality_id");
  if (is_set (modality_id))
    {
      g_autoptr (RdRecord) modality = rd_store_get (store, "modality", modality_id, NULL);

      if (modality == NULL || rd_record_get_deleted (modality))
        return rd_refuse (out_field, "modality_id", error, "%s", _("That modality is not in the department."));
    }

  if (!rd_contract_parse_date (rd_record_get_text (contract, "start"), &start))
    return rd_refuse (out_field, "start", error, "%s", _("Enter the start date as YYYY-MM-DD."));
  if (!rd_contract_parse_date (rd_record_get_text (contract, "end"), &end))
    return rd_refuse (out_field, "end", error, "%s", _("Enter the end date as YYYY-MM-DD."));
  if (g_date_compare (&end, &start) < 0)
    return rd_refuse (out_field, "end", error, "%s", _("The contract ends before it starts: the end date must be on or after the start date."));

  if (rd_record_get_int (contract, "annual_value") < 0)
    return rd_refuse (out_field, "annual_value", error, "%s", _("The annual value cannot be negative."));

  notice = rd_record_get_int (contract, "notice_days");
  if (notice < 0)
    return rd_refuse (out_field, "notice_days", error, "%s", _("The notice period cannot be negative."));
  if (notice > g_date_days_between (&start, &end) + 1)
    return rd_refuse (out_field, "notice_days", error,
                   ngettext ("The notice period is longer than the contract, which runs %d day.",
                             "The notice period is longer than the contract, which runs %d days.",
                             g_date_days_between (&start, &end) + 1),
                   g_date_days_between (&start, &end) + 1);

  return TRUE;
}

/**
 * rd_contract_save:
 * @store: a store
 * @contract: a contract
 * @user: who saves it
 * @out_field: (out) (optional) (transfer none): the column at fault, or %NULL
 * @error: the sentence to show
 *
 * Checks the contract with rd_contract_check() and saves it; nothing is saved when it is refused.
 *
 * Returns: whether it was saved
 */
gboolean
rd_contract_save (RdStore     *store,
                  RdRecord    *contract,
                  const char  *user,
                  const char **out_field,
                  GError     **error)
{
  if (!rd_contract_check (store, contract, out_field, error))
    return FALSE;
  return rd_store_save (store, contract, user, error);
}

/**
 * rd_vendor_check:
 * @store: a store
 * @vendor: a vendor about to be saved
 * @out_field: (out) (optional) (transfer none): the column at fault, or %NULL
 * @error: the sentence to show
 *
 * Refuses a vendor without a name, a name another vendor already has, or an e-mail address
 * without an "@".
 *
 * Returns: whether the vendor may be saved
 */
gboolean
rd_vendor_check (RdStore     *store,
                 RdRecord    *vendor,
                 const char **out_field,
                 GError     **error)
{
  const char *name, *email;
  g_autoptr (GPtrArray) all = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (RD_IS_RECORD (vendor), FALSE);

  if (out_field != NULL)
    *out_field = NULL;

  name = rd_record_get_text (vendor, "name");
  trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (!is_set (trimmed))
    return rd_refuse (out_field, "name", error, "%s", _("Give the vendor a name."));

  folded = g_utf8_casefold (name, -1);
  all = rd_store_list (store, "vendor", NULL);
  for (guint i = 0; i < all->len; i++)
    {
      RdRecord *other = g_ptr_array_index (all, i);
      g_autofree char *other_folded = g_utf8_casefold (rd_record_get_text (other, "name"), -1);

      if (g_strcmp0 (rd_record_get_id (other), rd_record_get_id (vendor)) != 0 &&
          g_strcmp0 (folded, other_folded) == 0)
        return rd_refuse (out_field, "name", error, _("There is already a vendor called “%s”."), name);
    }

  email = rd_record_get_text (vendor, "email");
  if (is_set (email) && strchr (email, '@') == NULL)
    return rd_refuse (out_field, "email", error, "%s", _("That is not an e-mail address."));

  return TRUE;
}

/**
 * rd_vendor_save:
 * @store: a store
 * @vendor: a vendor
 * @user: who saves it
 * @out_field: (out) (optional) (transfer none): the column at fault, or %NULL
 * @error: the sentence to show
 *
 * Returns: whether it was checked and saved
 */
gboolean
rd_vendor_save (RdStore     *store,
                RdRecord    *vendor,
                const char  *user,
                const char **out_field,
                GError     **error)
{
  if (!rd_vendor_check (store, vendor, out_field, error))
    return FALSE;
  return rd_store_save (store, vendor, user, error);
}

/* ---------------------------------------------------------------- */
/* Lists                                                             */
/* ---------------------------------------------------------------- */

/**
 * rd_contracts_list_notice_due:
 * @store: a store
 * @today: today
 * @days: how far ahead to look
 *
 * Returns: (transfer container) (element-type RdRecord): the running contracts whose notice
 *   deadline is at most @days away (or has passed while they run), soonest first
 */
GPtrArray *
rd_contracts_list_notice_due (RdStore     *store,
                              const GDate *today,
                              guint        days)
{
  g_autoptr (GPtrArray) all = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (RD_IS_STORE (store), out);
  g_return_val_if_fail (today != NULL && g_date_valid (today), out);

  all = rd_store_list (store, "contract", NULL);
  for (guint i = 0; i < all->len; i++)
    {
      RdRecord *contract = g_ptr_array_index (all, i);
      int left = rd_contract_days_to_deadline (contract, today);

      if (rd_contract_is_running (contract, today) && left != G_MAXINT && left <= (int) days)
        g_ptr_array_add (out, g_object_ref (contract));
    }
  g_ptr_array_sort (out, compare_by_deadline);
  return out;
}

/**
 * rd_contracts_for_modality:
 * @store: a store
 * @modality_id: a modality
 *
 * Returns: (transfer container) (element-type RdRecord): every contract naming the modality
 */
GPtrArray *
rd_contracts_for_modality (RdStore    *store,
                           const char *modality_id)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (modality_id != NULL, NULL);

  return rd_store_list_by (store, "contract", "modality_id", modality_id, "end");
}

/**
 * rd_contracts_uncovered_modalities:
 * @store: a store
 * @today: today
 *
 * Returns: (transfer container) (element-type RdRecord): the active modalities that no running
 *   service contract covers today, by name
 */
GPtrArray *
rd_contracts_uncovered_modalities (RdStore     *store,
                                   const GDate *today)
{
  g_autoptr (GPtrArray) modalities = NULL;
  g_autoptr (GPtrArray) contracts = NULL;
  g_autoptr (GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (RD_IS_STORE (store), out);
  g_return_val_if_fail (today != NULL && g_date_valid (today), out);

  contracts = rd_store_list (store, "contract", NULL);
  for (guint i = 0; i < contracts->len; i++)
    {
      RdRecord *c = g_ptr_array_index (contracts, i);

      if (g_strcmp0 (rd_record_get_text (c, "kind"), "service") == 0 &&
          is_set (rd_record_get_text (c, "modality_id")) && rd_contract_is_running (c, today))
        g_hash_table_add (covered, (gpointer) rd_record_get_text (c, "modality_id"));
    }

  modalities = rd_store_list (store, "modality", "name");
  for (guint i = 0; i < modalities->len; i++)
    {
      RdRecord *m = g_ptr_array_index (modalities, i);

      if (rd_record_get_bool (m, "active") && !g_hash_table_contains (covered, rd_record_get_id (m)))
        g_ptr_array_add (out, g_object_ref (m));
    }
  return out;
}

/* ---------------------------------------------------------------- */
/* Reminders                                                         */
/* ---------------------------------------------------------------- */

/**
 * rd_contracts_should_notify:
 * @store: a store
 * @contract_id: a contract
 * @today: today
 *
 * Returns: whether the contract has not been mentioned in a reminder today
 */
gboolean
rd_contracts_should_notify (RdStore     *store,
                            const char  *contract_id,
                            const GDate *today)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (contract_id != NULL && today != NULL && g_date_valid (today), FALSE);

  key = meta_key (contract_id, today);
  value = rd_store_get_meta (store, key);
  return value == NULL;
}

/**
 * rd_contracts_mark_notified:
 * @store: a store
 * @contract_id: a contract
 * @today: today
 * @error: why it was not recorded
 *
 * Returns: whether today's reminder of the contract was recorded
 */
gboolean
rd_contracts_mark_notified (RdStore     *store,
                            const char  *contract_id,
                            const GDate *today,
                            GError     **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (contract_id != NULL && today != NULL && g_date_valid (today), FALSE);

  key = meta_key (contract_id, today);
  return rd_store_set_meta (store, key, "1", error);
}

/**
 * rd_contracts_reminders_due:
 * @store: a store
 * @today: today
 *
 * Returns: (transfer container) (element-type RdRecord): the renewal-due contracts not yet
 *   mentioned today, soonest deadline first
 */
GPtrArray *
rd_contracts_reminders_due (RdStore     *store,
                            const GDate *today)
{
  GPtrArray *due = rd_contracts_list_notice_due (store, today, RD_CONTRACT_RENEWAL_DAYS);

  for (guint i = due->len; i > 0; i--)
    if (!rd_contracts_should_notify (store, rd_record_get_id (g_ptr_array_index (due, i - 1)), today))
      g_ptr_array_remove_index (due, i - 1);
  return due;
}

/**
 * rd_contracts_send_reminders:
 * @application: (nullable): the application; nothing is sent without a registered one
 * @store: a store
 * @today: today
 *
 * Sends one desktop notification (g_application_send_notification(), id "contracts-notice")
 * for the contracts whose notice deadline is near and that have not been mentioned today, and
 * records each as mentioned.
 *
 * Returns: the number of contracts mentioned
 */
guint
rd_contracts_send_reminders (GApplication *application,
                             RdStore      *store,
                             const GDate  *today)
{
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (GNotification) notification = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), 0);

  if (application == NULL || !g_application_get_is_registered (application))
    return 0;

  fresh = rd_contracts_reminders_due (store, today);
  if (fresh->len == 0)
    return 0;

  for (guint i = 0; i < fresh->len && i < 5; i++)
    {
      RdRecord *c = g_ptr_array_index (fresh, i);
      g_autofree char *sentence = rd_contract_describe_deadline (c, today);

      g_string_append_printf (body, "%s%s — %s", i > 0 ? "\n" : "", rd_record_get_text (c, "title"), sentence);
    }
  if (fresh->len > 5)
    g_string_append_printf (body, ngettext ("\nand %u more", "\nand %u more", fresh->len - 5), fresh->len - 5);

  title = g_strdup_printf (ngettext ("%u contract needs a renewal decision",
                                     "%u contracts need a renewal decision", fresh->len), fresh->len);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  /* Clicking it brings RadDesk forward (the application's activate). */
  g_application_send_notification (application, "contracts-notice", notification);

  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!rd_contracts_mark_notified (store, rd_record_get_id (g_ptr_array_index (fresh, i)), today, &error))
        g_debug ("Could not remember the reminder of a contract: %s", error->message);
    }
  return fresh->len;
}
