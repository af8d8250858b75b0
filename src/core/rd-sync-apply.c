/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-apply.c: a workstation's side of SYNC.md on its store — building pushes, applying answers and pulls, the conflicts list. */

#include "rd-sync-apply.h"
#include "rd-codec.h"
#include "rd-error.h"
#include "rd-store-private.h"
#include "rd-sync-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

void
rd_sync_issue_free (RdSyncIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->table);
  g_free (issue->record_id);
  g_clear_object (&issue->mine);
  g_clear_object (&issue->theirs);
  g_free (issue->reason);
  g_free (issue->message);
  g_free (issue);
}

static char *
record_to_string (RdRecord *record)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, rd_codec_record_to_json (record));
  return json_to_string (node, FALSE);
}

RdRecord *
rd_sync_record_from_string (const char *text)
{
  g_autoptr (JsonNode) node = NULL;

  if (text == NULL)
    return NULL;
  node = json_from_string (text, NULL);
  if (node == NULL)
    return NULL;
  return rd_codec_record_from_json (node, RD_CODEC_NONE, NULL);
}

gboolean
rd_sync_exec (RdStore     *store,
     const char  *sql,
     const char  *text1,
     const char  *text2,
     gint64       number,
     GError     **error)
{
  sqlite3_stmt *stmt = rd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (text1 != NULL)
    sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, number);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return rd_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

static gboolean
set_local_version (RdStore     *store,
                   const char  *table,
                   const char  *id,
                   gint64       version,
                   GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET version = ?3 WHERE id = ?1", table);

  /* Later edits of the same record now build on the version the server just gave. */
  return rd_sync_exec (store, sql, id, NULL, version, error)
         && rd_store_outbox_rebase (store, table, id, version, error);
}

/* A definitive refusal: the local edit goes to the conflicts list with everything needed to decide. */
static gboolean
record_issue (RdStore         *store,
              RdOutboxEntry   *entry,
              RdSyncIssueKind  kind,
              JsonObject      *result,
              GError         **error)
{
  g_autoptr (RdRecord) mine = rd_store_get (store, entry->table, entry->id, NULL);
  g_autoptr (RdRecord) theirs = NULL;
  g_autofree char *mine_text = NULL;
  g_autofree char *theirs_text = NULL;
  g_autofree char *base = rd_store_outbox_get_base (store, entry);
  sqlite3_stmt *stmt;
  int rc;

  if (kind == RD_SYNC_ISSUE_CONFLICT && json_object_has_member (result, "current"))
    theirs = rd_codec_record_from_json (json_object_get_member (result, "current"), RD_CODEC_NONE, NULL);

  mine_text = mine != NULL ? record_to_string (mine) : NULL;
  theirs_text = theirs != NULL ? record_to_string (theirs) : NULL;

  stmt = rd_store_prepare (store,
                           "INSERT INTO sync_issue (kind, tbl, record_id, mine, theirs, base, reason, message, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind == RD_SYNC_ISSUE_CONFLICT ? "conflict" : "rejected", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entry->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, mine_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, theirs_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, base, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, json_object_get_string_member_with_default (result, "reason", NULL), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, json_object_get_string_member_with_default (result, "message", NULL), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, rd_now ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rd_store_set_sqlite_error (store, rc, error);

  /* Every pending edit of the record is in "mine" now; none is pushed again until someone decides. */
  if (!rd_store_outbox_remove_record (store, entry->table, entry->id, error))
    return FALSE;

  /* The workstation shows the department's copy meanwhile, so it stays in step with the others. */
  if (theirs != NULL && !rd_store_put (store, theirs, error))
    return FALSE;

  return TRUE;
}

/* ---------------------------------------------------------------- */
/* Push                                                              */
/* ---------------------------------------------------------------- */

/**
 * rd_sync_get_client_id:
 * @store: a workstation store
 *
 * Returns: (transfer full): this workstation's id, made once and kept in the store
 */
char *
rd_sync_get_client_id (RdStore *store)
{
  char *id = rd_store_get_meta (store, "client_id");

  if (id == NULL)
    {
      id = g_uuid_string_random ();
      rd_store_set_meta (store, "client_id", id, NULL);
    }

  return id;
}

static JsonNode *
build_mutation (RdStore       *store,
                RdOutboxEntry *entry)
{
  g_autoptr (RdRecord) record = rd_store_get (store, entry->table, entry->id, NULL);
  JsonObject *mutation = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (mutation, "mutation_id", entry->mutation_id);
  json_object_set_string_member (mutation, "table", entry->table);
  json_object_set_string_member (mutation, "id", entry->id);
  json_object_set_string_member (mutation, "op", entry->op);
  json_object_set_int_member (mutation, "base_version", entry->base_version);
  if (g_str_equal (entry->op, "upsert") && record != NULL)
    {
      JsonObject *row = rd_codec_row_to_json (record);

      /* conflict_with belongs to the server. */
      for (guint i = 0; i < rd_record_get_table (record)->n_columns; i++)
        if (rd_record_get_table (record)->columns[i].server_owned)
          json_object_remove_member (row, rd_record_get_table (record)->columns[i].name);
      json_object_set_object_member (mutation, "row", row);
    }

  json_node_take_object (node, mutation);
  return node;
}

typedef struct
{
  RdStore    *store;
  GPtrArray  *batch;     /* RdOutboxEntry, in the order sent */
  JsonArray  *mutations;
  GHashTable *in_batch;  /* "table/id" of records already in the batch, or being added */
  guint       limit;
} PushBuilder;

static gboolean add_to_push (PushBuilder *builder, RdOutboxEntry *entry, GError **error);

/* A record goes out after the records it refers to that are still waiting, whatever order they
 * were edited in: the server refuses a reference to a record it does not have. */
static gboolean
add_referenced_first (PushBuilder  *builder,
                      JsonNode     *mutation,
                      GError      **error)
{
  JsonObject *object = json_node_get_object (mutation);
  JsonNode *row_node = json_object_get_member (object, "row");
  const RdTable *table = rd_table_lookup (json_object_get_string_member_with_default (object, "table", NULL));
  JsonObject *row;

  if (row_node == NULL || !JSON_NODE_HOLDS_OBJECT (row_node) || table == NULL)
    return TRUE;
  row = json_node_get_object (row_node);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const RdColumn *col = &table->columns[i];
      g_autofree char *key = NULL;
      const char *ref;
      RdOutboxEntry *pending;

      if (col->type != RD_COLUMN_REF
          || (ref = json_object_get_string_member_with_default (row, col->name, NULL)) == NULL)
        continue;

      key = g_strconcat (col->ref, "/", ref, NULL);
      if (g_hash_table_contains (builder->in_batch, key))
        continue;
      if ((pending = rd_store_outbox_first_for (builder->store, col->ref, ref)) == NULL)
        continue;
      if (!add_to_push (builder, pending, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_to_push (PushBuilder    *builder,
             RdOutboxEntry  *entry,
             GError        **error)
{
  g_autoptr (RdOutboxEntry) owned = entry;
  g_autofree char *key = g_strconcat (entry->table, "/", entry->id, NULL);
  g_autoptr (JsonNode) mutation = NULL;

  if (g_hash_table_contains (builder->in_batch, key) || builder->batch->len >= builder->limit)
    return TRUE;
  g_hash_table_add (builder->in_batch, g_steal_pointer (&key));

  if (entry->body == NULL)
    {
      /* Its first sending: from now on the mutation keeps this id and this body. */
      g_free (entry->mutation_id);
      entry->mutation_id = g_uuid_string_random ();
      mutation = build_mutation (builder->store, entry);
      entry->body = json_to_string (mutation, FALSE);
      if (!rd_store_outbox_freeze (builder->store, entry->seq, entry->mutation_id, entry->body, error))
        return FALSE;
    }
  else
    mutation = json_from_string (entry->body, NULL);

  g_assert (mutation != NULL);
  if (!add_referenced_first (builder, mutation, error))
    return FALSE;

  json_array_add_element (builder->mutations, g_steal_pointer (&mutation));
  g_ptr_array_add (builder->batch, g_steal_pointer (&owned));
  return TRUE;
}

/**
 * rd_sync_build_push:
 * @store: a workstation store
 * @limit: how many mutations at most
 * @entries: (out) (transfer full): the outbox entries in the batch, in order
 * @error: why the batch could not be made
 *
 * Freezes each entry's body before it is sent, so that a resend after a timeout is the same
 * mutation. A record goes at most once into a batch (its next edit builds on the version the
 * first one gets), and after the waiting records it refers to.
 *
 * Returns: (transfer full) (nullable): the body of `POST /v1/mutations`, or %NULL when the outbox is empty
 */
char *
rd_sync_build_push (RdStore    *store,
                    guint       limit,
                    GPtrArray **entries,
                    GError    **error)
{
  g_autoptr (GPtrArray) pending = rd_store_outbox_list (store, limit);
  g_autoptr (GHashTable) in_batch = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *client_id = rd_sync_get_client_id (store);
  JsonObject *object = json_object_new ();
  PushBuilder builder = { store, NULL, json_array_new (), in_batch, limit };

  builder.batch = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_outbox_entry_free);
  json_node_take_object (root, object);
  json_object_set_string_member (object, "client_id", client_id);
  json_object_set_array_member (object, "mutations", builder.mutations);

  if (!rd_store_begin (store, error))
    {
      g_ptr_array_unref (builder.batch);
      return NULL;
    }

  for (guint i = 0; i < pending->len; i++)
    if (!add_to_push (&builder, g_steal_pointer (&g_ptr_array_index (pending, i)), error))
      {
        rd_store_rollback (store);
        g_ptr_array_unref (builder.batch);
        return NULL;
      }

  if (!rd_store_commit (store, error))
    {
      g_ptr_array_unref (builder.batch);
      return NULL;
    }

  *entries = builder.batch;
  if (builder.batch->len == 0)
    return NULL;

  return json_to_string (root, FALSE);
}

static gboolean
apply_result (RdStore        *store,
              RdOutboxEntry  *entry,
              JsonObject     *result,
              RdPushCounts   *counts,
              GError        **error)
{
  const char *status = json_object_get_string_member_with_default (result, "status", "");

  if (g_str_equal (status, "applied") || g_str_equal (status, "flagged"))
    {
      gint64 version = json_object_get_int_member_with_default (result, "version", 0);

      if (!rd_store_outbox_remove (store, entry, error)
          || !set_local_version (store, entry->table, entry->id, version, error))
        return FALSE;

      if (g_str_equal (status, "flagged") && g_str_equal (entry->table, "booking"))
        {
          JsonObject *row = json_object_get_object_member (result, "row");
          const char *with = row != NULL ? json_object_get_string_member_with_default (row, "conflict_with", NULL) : NULL;

          if (!rd_sync_exec (store, "UPDATE booking SET conflict_with = ?2 WHERE id = ?1", entry->id, with, 0, error))
            return FALSE;
          counts->flagged++;
        }
      else
        counts->applied++;

      rd_store_queue_change (store, entry->table, entry->id);
      return TRUE;
    }

  if (g_str_equal (status, "conflict"))
    {
      counts->conflicts++;
      rd_store_queue_change (store, entry->table, entry->id);
      return record_issue (store, entry, RD_SYNC_ISSUE_CONFLICT, result, error);
    }

  if (g_str_equal (status, "rejected"))
    {
      counts->rejected++;
      rd_store_queue_change (store, entry->table, entry->id);
      return record_issue (store, entry, RD_SYNC_ISSUE_REJECTED, result, error);
    }

  g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "The server answered a mutation with an unknown status '%s'.", status);
  return FALSE;
}

/**
 * rd_sync_apply_push_answer:
 * @store: a workstation store
 * @entries: the batch as rd_sync_build_push() gave it
 * @answer: the server's answer
 * @counts: (out): how the mutations fared
 * @error: why the answer could not be applied (then nothing is changed and the batch is resent)
 *
 * Each entry leaves the outbox only on a definitive answer, all in one transaction.
 *
 * Returns: whether the answer was applied
 */
gboolean
rd_sync_apply_push_answer (RdStore       *store,
                           GPtrArray     *entries,
                           JsonNode      *answer,
                           RdPushCounts  *counts,
                           GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonArray *results;

  memset (counts, 0, sizeof *counts);

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer)
      || (results = json_object_get_array_member (json_node_get_object (answer), "results")) == NULL
      || json_array_get_length (results) != entries->len)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "The server's answer to a push was not understood.");
      return FALSE;
    }

  if (!rd_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (entries, i);
      JsonNode *node = json_array_get_element (results, i);

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "mutation_id", NULL),
                        entry->mutation_id) != 0)
        {
          g_set_error (&local_error, RD_ERROR, RD_ERROR_INVALID, "The server's answer to a push was out of order.");
          break;
        }

      if (!apply_result (store, entry, json_node_get_object (node), counts, &local_error))
        break;
    }

  if (local_error != NULL)
    {
      rd_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return rd_store_commit (store, error);
}

/* ---------------------------------------------------------------- */
/* Pull                                                              */
/* ---------------------------------------------------------------- */

char *
rd_sync_get_cursor (RdStore *store)
{
  char *cursor = rd_store_get_meta (store, "cursor");

  return cursor != NULL ? cursor : g_strdup ("");
}

static gboolean
mark_seen (RdStore     *store,
           const char  *table,
           const char  *id,
           GError     **error)
{
  return rd_sync_exec (store, "INSERT OR IGNORE INTO resync_seen (tbl, id) VALUES (?1, ?2)", table, id, 0, error);
}

/* After the server was restored from an older copy, a local record newer than the server's is a
 * change the server lost: it goes out again, built on the server's version, instead of being
 * overwritten (a delete would otherwise come back to life). */
static gboolean
requeue_local (RdStore     *store,
               RdRecord    *local,
               gint64       server_version,
               GError     **error)
{
  g_autoptr (RdRecord) copy = rd_record_copy (local);
  g_autofree char *user = g_strdup (rd_record_get_updated_by (local));

  rd_record_set_version (copy, server_version);
  return rd_store_save (store, copy, user, error);
}

static gboolean
apply_change (RdStore   *store,
              JsonNode  *node,
              gboolean   resync,
              gboolean   outbox_empty,
              GError   **error)
{
  g_autoptr (RdRecord) incoming = rd_codec_record_from_json (node, RD_CODEC_NONE, error);
  g_autoptr (RdRecord) local = NULL;
  const char *table, *id;

  if (incoming == NULL)
    {
      g_prefix_error (error, "The server sent a record that is not understood: ");
      return FALSE;
    }

  table = rd_record_get_table_name (incoming);
  id = rd_record_get_id (incoming);

  if (resync && !mark_seen (store, table, id, error))
    return FALSE;

  /* A pending local edit stays on top of an older server copy; its push decides. */
  if (!outbox_empty && rd_store_has_pending (store, table, id))
    return TRUE;

  if (resync)
    {
      local = rd_store_get (store, table, id, NULL);
      if (local != NULL && rd_record_get_version (local) > rd_record_get_version (incoming))
        return requeue_local (store, local, rd_record_get_version (incoming), error);
    }

  return rd_store_put (store, incoming, error);
}

/**
 * rd_sync_apply_pull_page:
 * @store: a workstation store
 * @answer: the answer of `GET /v1/changes`
 * @has_more: (out): whether to ask again at once
 * @error: why the page could not be applied (then nothing is changed)
 *
 * Applies a page of changes and the new cursor in one transaction; records with pending local
 * edits keep them.
 *
 * Returns: whether the page was applied
 */
gboolean
rd_sync_apply_pull_page (RdStore   *store,
                         JsonNode  *answer,
                         gboolean  *has_more,
                         GError   **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *resync_flag = rd_store_get_meta (store, "resync");
  gboolean resync = g_strcmp0 (resync_flag, "1") == 0;
  JsonObject *object;
  JsonArray *changes;
  const char *cursor;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer)
      || (changes = json_object_get_array_member (object = json_node_get_object (answer), "changes")) == NULL
      || (cursor = json_object_get_string_member_with_default (object, "next_cursor", NULL)) == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, "The server's list of changes was not understood.");
      return FALSE;
    }

  *has_more = json_object_get_boolean_member_with_default (object, "has_more", FALSE);

  if (!rd_store_begin (store, error))
    return FALSE;

  {
    /* A first sync has nothing pending: spare the lookup per record. */
    gboolean outbox_empty = rd_store_outbox_count (store) == 0;

    for (guint i = 0; i < json_array_get_length (changes) && local_error == NULL; i++)
      apply_change (store, json_array_get_element (changes, i), resync, outbox_empty, &local_error);
  }

  if (local_error == NULL)
    rd_store_set_meta (store, "cursor", cursor, &local_error);

  if (local_error == NULL && !*has_more && resync)
    rd_sync_finish_resync (store, &local_error);

  if (local_error != NULL)
    {
      rd_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return rd_store_commit (store, error);
}

/**
 * rd_sync_restart_pull:
 * @store: a workstation store
 * @error: why it failed
 *
 * After a `410 Gone` (the server's database was restored or replaced): pull everything again,
 * keeping unsent edits and sending again what the server no longer has.
 *
 * Returns: whether the restart was recorded
 */
gboolean
rd_sync_restart_pull (RdStore  *store,
                      GError  **error)
{
  if (!rd_store_begin (store, error))
    return FALSE;

  if (!rd_store_set_meta (store, "cursor", NULL, error) || !rd_store_set_meta (store, "resync", "1", error)
      || !rd_store_exec (store, "DELETE FROM resync_seen", error))
    {
      rd_store_rollback (store);
      return FALSE;
    }

  return rd_store_commit (store, error);
}

/**
 * rd_sync_finish_resync:
 * @store: a workstation store
 * @error: why it failed
 *
 * At the end of a full pull after a restore: every record the workstation had from the server
 * but the server no longer has goes out again.
 *
 * Returns: whether it succeeded
 */
gboolean
rd_sync_finish_resync (RdStore  *store,
                       GError  **error)
{
  const RdTable *tables;
  guint n_tables;

  tables = rd_tables_get_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE version > 0 AND id NOT IN "
                                              "(SELECT id FROM resync_seen WHERE tbl = ?1)",
                                              tables[t].name);
      g_autoptr (GPtrArray) lost = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = rd_store_prepare (store, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, tables[t].name, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (lost, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);

      for (guint i = 0; i < lost->len; i++)
        {
          g_autoptr (RdRecord) local = rd_store_get (store, tables[t].name, g_ptr_array_index (lost, i), NULL);

          if (local == NULL || rd_store_has_pending (store, tables[t].name, rd_record_get_id (local)))
            continue;
          if (!requeue_local (store, local, 0, error))
            return FALSE;
        }
    }

  return rd_store_set_meta (store, "resync", NULL, error)
         && rd_store_exec (store, "DELETE FROM resync_seen", error);
}
