/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-issues.c: the conflicts list — edits the server answered conflict or rejected for, flagged bookings — and their resolutions. */

#include "rd-sync-apply.h"
#include "rd-codec.h"
#include "rd-error.h"
#include "rd-store-private.h"
#include "rd-sync-private.h"

#include <glib/gi18n-lib.h>

/* ---------------------------------------------------------------- */
/* The conflicts list                                                */
/* ---------------------------------------------------------------- */

static RdSyncIssue *
issue_from_row (sqlite3_stmt *stmt)
{
  RdSyncIssue *issue = g_new0 (RdSyncIssue, 1);

  issue->id = sqlite3_column_int64 (stmt, 0);
  issue->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "conflict") == 0
                  ? RD_SYNC_ISSUE_CONFLICT : RD_SYNC_ISSUE_REJECTED;
  issue->table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  issue->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  issue->mine = rd_sync_record_from_string ((const char *) sqlite3_column_text (stmt, 4));
  issue->theirs = rd_sync_record_from_string ((const char *) sqlite3_column_text (stmt, 5));
  issue->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  issue->message = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  issue->created_at = sqlite3_column_int64 (stmt, 8);

  return issue;
}

/**
 * rd_sync_list_issues:
 * @store: a workstation store
 *
 * Returns: (transfer full) (element-type RdSyncIssue): edits the server answered conflict or
 *   rejected for, oldest first
 */
GPtrArray *
rd_sync_list_issues (RdStore *store)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_sync_issue_free);
  sqlite3_stmt *stmt = rd_store_prepare (store,
                                         "SELECT id, kind, tbl, record_id, mine, theirs, reason, message, created_at "
                                         "FROM sync_issue ORDER BY id",
                                         NULL);

  if (stmt == NULL)
    return issues;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (issues, issue_from_row (stmt));
  sqlite3_reset (stmt);

  return issues;
}

gint64
rd_sync_count_issues (RdStore *store)
{
  sqlite3_stmt *stmt = rd_store_prepare (store, "SELECT count(*) FROM sync_issue", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/**
 * rd_sync_list_flagged:
 * @store: a store
 *
 * Returns: (transfer full) (element-type RdRecord): live bookings the server flagged as
 *   double-booked or in downtime, until someone moves or cancels them
 */
GPtrArray *
rd_sync_list_flagged (RdStore *store)
{
  GPtrArray *flagged = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  /* Through the partial index of flagged bookings: a handful among a year of bookings. */
  stmt = rd_store_prepare (store,
                           "SELECT id FROM booking WHERE conflict_with IS NOT NULL AND deleted = 0 "
                           "AND status <> 'cancelled' ORDER BY \"start\"",
                           NULL);
  if (stmt == NULL)
    return flagged;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      RdRecord *booking = rd_store_get (store, "booking", g_ptr_array_index (ids, i), NULL);

      if (booking != NULL)
        g_ptr_array_add (flagged, booking);
    }

  return flagged;
}

static RdSyncIssue *
get_issue (RdStore  *store,
           gint64    issue_id,
           GError  **error)
{
  sqlite3_stmt *stmt = rd_store_prepare (store,
                                         "SELECT id, kind, tbl, record_id, mine, theirs, reason, message, created_at "
                                         "FROM sync_issue WHERE id = ?1",
                                         error);
  RdSyncIssue *issue = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, issue_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    issue = issue_from_row (stmt);
  sqlite3_reset (stmt);

  if (issue == NULL)
    g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("That conflict was already resolved."));
  return issue;
}

static char *
get_issue_base (RdStore *store,
                gint64   issue_id)
{
  sqlite3_stmt *stmt = rd_store_prepare (store, "SELECT base FROM sync_issue WHERE id = ?1", NULL);
  char *base = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, issue_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    base = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return base;
}

static gboolean
delete_issue (RdStore  *store,
              gint64    issue_id,
              GError  **error)
{
  return rd_sync_exec (store, "DELETE FROM sync_issue WHERE id = ?3", NULL, NULL, issue_id, error);
}

/* Saves @record as a new local edit built on @base_version, and closes the issue, in one transaction. */
static gboolean
save_resolution (RdStore     *store,
                 gint64       issue_id,
                 RdRecord    *record,
                 gint64       base_version,
                 const char  *user,
                 GError     **error)
{
  g_autoptr (RdRecord) copy = rd_record_copy (record);

  rd_record_set_version (copy, base_version);

  if (!rd_store_begin (store, error))
    return FALSE;
  if (!rd_store_save (store, copy, user, error) || !delete_issue (store, issue_id, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }
  return rd_store_commit (store, error);
}

/**
 * rd_sync_resolve_keep_mine:
 * @store: a workstation store
 * @issue_id: a conflict
 * @user: who decided
 * @error: why it failed
 *
 * Sends the local edit again, built on the server's current version.
 *
 * Returns: whether it was resolved
 */
gboolean
rd_sync_resolve_keep_mine (RdStore     *store,
                           gint64       issue_id,
                           const char  *user,
                           GError     **error)
{
  g_autoptr (RdSyncIssue) issue = get_issue (store, issue_id, error);

  if (issue == NULL)
    return FALSE;
  if (issue->mine == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND, _("The local edit is no longer there."));
      return FALSE;
    }

  return save_resolution (store, issue_id, issue->mine,
                          issue->theirs != NULL ? rd_record_get_version (issue->theirs) : 0, user, error);
}

/**
 * rd_sync_resolve_keep_theirs:
 * @store: a workstation store
 * @issue_id: a conflict
 * @error: why it failed
 *
 * Drops the local edit; the department's copy stays.
 *
 * Returns: whether it was resolved
 */
gboolean
rd_sync_resolve_keep_theirs (RdStore  *store,
                             gint64    issue_id,
                             GError  **error)
{
  g_autoptr (RdSyncIssue) issue = get_issue (store, issue_id, error);

  if (issue == NULL)
    return FALSE;

  if (!rd_store_begin (store, error))
    return FALSE;
  if ((issue->theirs != NULL && !rd_store_put (store, issue->theirs, error)) || !delete_issue (store, issue_id, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }
  return rd_store_commit (store, error);
}

static gboolean
column_differs (RdRecord *a,
                RdRecord *b,
                guint     i)
{
  const RdColumn *col = &rd_record_get_table (a)->columns[i];

  if (rd_record_is_null_at (a, i) != rd_record_is_null_at (b, i))
    return TRUE;
  if (rd_record_is_null_at (a, i))
    return FALSE;
  if (col->type == RD_COLUMN_TEXT || col->type == RD_COLUMN_ENUM || col->type == RD_COLUMN_REF
      || col->type == RD_COLUMN_DATE)
    return g_strcmp0 (rd_record_get_text_at (a, i), rd_record_get_text_at (b, i)) != 0;
  return rd_record_get_int_at (a, i) != rd_record_get_int_at (b, i);
}

/**
 * rd_sync_issue_changed_columns:
 * @issue: a conflict
 *
 * Returns: (transfer full): the columns in which mine and theirs differ, for a side-by-side view
 */
GStrv
rd_sync_issue_changed_columns (RdSyncIssue *issue)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const RdTable *table;

  if (issue->mine == NULL || issue->theirs == NULL)
    return g_strv_builder_end (builder);

  table = rd_record_get_table (issue->mine);
  for (guint i = 0; i < table->n_columns; i++)
    if (!table->columns[i].server_owned && column_differs (issue->mine, issue->theirs, i))
      g_strv_builder_add (builder, table->columns[i].name);

  return g_strv_builder_end (builder);
}

/* The server's record with the fields the local edit changed, when no field was changed on both
 * sides; what each side changed is what differs from the base kept with the edit. */
static RdRecord *
merge_issue (RdStore      *store,
             RdSyncIssue  *issue,
             GError      **error)
{
  g_autofree char *base_text = NULL;
  g_autoptr (RdRecord) base = NULL;
  g_autoptr (RdRecord) merged = NULL;
  g_autoptr (GStrvBuilder) both = g_strv_builder_new ();
  g_auto (GStrv) clashes = NULL;
  const RdTable *table;

  if (issue->mine == NULL || issue->theirs == NULL || rd_record_get_deleted (issue->mine)
      || rd_record_get_deleted (issue->theirs))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_CONFLICT, _("Only two edits of the same record can be merged."));
      return NULL;
    }

  base_text = get_issue_base (store, issue->id);
  if (base_text != NULL)
    {
      g_autoptr (JsonNode) row = json_from_string (base_text, NULL);

      base = rd_record_new (rd_record_get_table (issue->mine), issue->record_id);
      if (row == NULL || !JSON_NODE_HOLDS_OBJECT (row)
          || !rd_codec_row_from_json (base, json_node_get_object (row), RD_CODEC_NONE, NULL))
        g_clear_object (&base);
    }
  if (base == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_CONFLICT,
                   _("RadDesk does not know what the record looked like before both edits; choose one side."));
      return NULL;
    }

  table = rd_record_get_table (issue->mine);
  merged = rd_record_copy (issue->theirs);
  for (guint i = 0; i < table->n_columns; i++)
    {
      gboolean mine_changed = column_differs (issue->mine, base, i);
      gboolean theirs_changed = column_differs (issue->theirs, base, i);

      if (table->columns[i].server_owned || !mine_changed)
        continue;
      if (theirs_changed && column_differs (issue->mine, issue->theirs, i))
        {
          g_strv_builder_add (both, table->columns[i].name);
          continue;
        }
      if (rd_record_is_null_at (issue->mine, i))
        rd_record_set_null_at (merged, i);
      else if (table->columns[i].type == RD_COLUMN_TEXT || table->columns[i].type == RD_COLUMN_ENUM
               || table->columns[i].type == RD_COLUMN_REF || table->columns[i].type == RD_COLUMN_DATE)
        rd_record_set_text_at (merged, i, rd_record_get_text_at (issue->mine, i));
      else
        rd_record_set_int_at (merged, i, rd_record_get_int_at (issue->mine, i));
    }

  clashes = g_strv_builder_end (both);
  if (clashes[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (", ", clashes);

      /* The column names are the wire names; the app shows them as field labels beside this. */
      g_set_error (error, RD_ERROR, RD_ERROR_CONFLICT, _("Both edits changed %s; choose one side."), names);
      return NULL;
    }

  return g_steal_pointer (&merged);
}

/**
 * rd_sync_issue_can_merge:
 * @store: a workstation store
 * @issue: a conflict
 * @error: (optional): why it cannot be merged
 *
 * Returns: whether rd_sync_resolve_merge() would succeed, without changing anything
 */
gboolean
rd_sync_issue_can_merge (RdStore      *store,
                         RdSyncIssue  *issue,
                         GError      **error)
{
  g_autoptr (RdRecord) merged = merge_issue (store, issue, error);

  return merged != NULL;
}

/**
 * rd_sync_resolve_merge:
 * @store: a workstation store
 * @issue_id: a conflict whose two sides changed different fields
 * @user: who decided
 * @error: %RD_ERROR_CONFLICT naming the fields both sides changed, when they are not disjoint
 *
 * Takes the server's record with the fields the local edit changed, and sends that.
 *
 * Returns: whether it was merged
 */
gboolean
rd_sync_resolve_merge (RdStore     *store,
                       gint64       issue_id,
                       const char  *user,
                       GError     **error)
{
  g_autoptr (RdSyncIssue) issue = get_issue (store, issue_id, error);
  g_autoptr (RdRecord) merged = NULL;

  if (issue == NULL || (merged = merge_issue (store, issue, error)) == NULL)
    return FALSE;

  return save_resolution (store, issue_id, merged, rd_record_get_version (issue->theirs), user, error);
}

/**
 * rd_sync_resolve_resend:
 * @store: a workstation store
 * @issue_id: a rejected edit
 * @corrected: the record as corrected by the user
 * @user: who corrected it
 * @error: why it failed
 *
 * Returns: whether the corrected record was queued for the next push
 */
gboolean
rd_sync_resolve_resend (RdStore     *store,
                        gint64       issue_id,
                        RdRecord    *corrected,
                        const char  *user,
                        GError     **error)
{
  g_autoptr (RdSyncIssue) issue = get_issue (store, issue_id, error);

  if (issue == NULL)
    return FALSE;

  return save_resolution (store, issue_id, corrected, rd_record_get_version (corrected), user, error);
}

/**
 * rd_sync_resolve_discard:
 * @store: a workstation store
 * @issue_id: a rejected edit
 * @error: why it failed
 *
 * Drops the rejected edit: a record the server never had is removed; otherwise the server's copy
 * is fetched again by a full pull.
 *
 * Returns: whether it was discarded
 */
gboolean
rd_sync_resolve_discard (RdStore  *store,
                         gint64    issue_id,
                         GError  **error)
{
  g_autoptr (RdSyncIssue) issue = get_issue (store, issue_id, error);
  g_autoptr (RdRecord) local = NULL;

  if (issue == NULL)
    return FALSE;

  local = rd_store_get (store, issue->table, issue->record_id, NULL);

  if (!rd_store_begin (store, error))
    return FALSE;

  if (issue->theirs != NULL)
    {
      if (!rd_store_put (store, issue->theirs, error))
        goto failed;
    }
  else if (local != NULL && rd_record_get_version (local) == 0)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE id = ?1", issue->table);

      if (!rd_sync_exec (store, sql, issue->record_id, NULL, 0, error))
        goto failed;
      rd_store_queue_change (store, issue->table, issue->record_id);
    }
  else if (local != NULL && !rd_sync_restart_pull (store, error))
    goto failed;

  if (!delete_issue (store, issue_id, error))
    goto failed;

  return rd_store_commit (store, error);

failed:
  rd_store_rollback (store);
  return FALSE;
}
