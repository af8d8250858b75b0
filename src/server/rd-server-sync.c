/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-sync.c: GET /v1/changes (with long polls) and POST /v1/mutations with idempotency and the booking rule. */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rd-codec.h"
#include "rd-server-private.h"
#include "rd-schedule.h"

typedef struct
{
  RdServer          *server;
  SoupServerMessage *msg;
  gint64             since;
  guint              limit;
  guint              timeout_id;
  gulong             disconnected_id;
} RdWaiter;

typedef struct
{
  gint64  seq;
  char   *table;
  char   *id;
} RdFeedEntry;

/* ---------------------------------------------------------------- */
/* Helpers: the changes feed                                         */
/* ---------------------------------------------------------------- */

static void
rd_feed_entry_clear (RdFeedEntry *entry)
{
  g_free (entry->table);
  g_free (entry->id);
}

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64     *value)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || text[0] == '\0' || !(g_ascii_isdigit (text[0]) || text[0] == '-'))
    return FALSE;

  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == NULL || *end != '\0' || v < min)
    return FALSE;

  *value = v;
  return TRUE;
}

static void
respond_text (SoupServerMessage *msg,
              GString           *text)
{
  gsize len = text->len;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, g_string_free (text, FALSE), len);
}

static void
run_statement (RdServer   *self,
               const char *sql)
{
  sqlite3_stmt *stmt = rd_server_prepare (self, sql);

  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

/* One page of the feed after @since, as the answer's JSON text (written straight from the records,
 * without a tree of JSON nodes). Returns the number of feed entries it covers. */
static guint
build_page (RdServer  *self,
            gint64     since,
            guint      limit,
            GString  **out_text)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (RdFeedEntry));
  GString *text = g_string_sized_new (4096);
  sqlite3_stmt *stmt;
  gint64 last = since;
  gboolean has_more = FALSE;
  gboolean first = TRUE;
  /* One read transaction for the page: one snapshot, and no lock taken and dropped per record. */
  gboolean own_transaction = sqlite3_get_autocommit (self->db) != 0;
  g_autofree char *cursor = NULL;

  g_array_set_clear_func (entries, (GDestroyNotify) rd_feed_entry_clear);

  if (own_transaction)
    run_statement (self, "BEGIN");

  stmt = rd_server_prepare (self, "SELECT seq, tbl, id FROM feed WHERE seq > ? ORDER BY seq LIMIT ?");
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RdFeedEntry entry;

      if (entries->len == limit)
        {
          has_more = TRUE;
          break;
        }

      entry.seq = sqlite3_column_int64 (stmt, 0);
      entry.table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry.id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_array_append_val (entries, entry);
    }
  sqlite3_reset (stmt);

  g_string_append (text, "{\"changes\":[");
  for (guint i = 0; i < entries->len; i++)
    {
      RdFeedEntry *entry = &g_array_index (entries, RdFeedEntry, i);
      g_autoptr(RdRecord) record = NULL;

      last = entry->seq;
      if (rd_table_lookup (entry->table) == NULL)
        continue;
      record = rd_store_get (self->store, entry->table, entry->id, NULL);
      if (record == NULL)
        continue;

      if (!first)
        g_string_append_c (text, ',');
      first = FALSE;
      rd_server_append_change_json (text, record, entry->seq);
    }

  if (own_transaction)
    run_statement (self, "COMMIT");

  /* The epoch is hex: nothing in the cursor needs escaping. */
  cursor = g_strdup_printf ("%s:%" G_GINT64_FORMAT, self->epoch, last);
  g_string_append_printf (text, "],\"next_cursor\":\"%s\",\"has_more\":%s}", cursor,
                          has_more ? "true" : "false");

  *out_text = text;
  return entries->len;
}

static void
rd_waiter_finish (RdWaiter *waiter,
                  gboolean  respond)
{
  RdServer *self = waiter->server;

  self->waiters = g_list_remove (self->waiters, waiter);
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_signal_handler (&waiter->disconnected_id, waiter->msg);

  if (respond)
    {
      GString *text = NULL;

      build_page (self, waiter->since, waiter->limit, &text);
      respond_text (waiter->msg, text);
      soup_server_message_unpause (waiter->msg);
    }

  g_object_unref (waiter->msg);
  g_free (waiter);
}

static gboolean
on_waiter_timeout (gpointer user_data)
{
  RdWaiter *waiter = user_data;

  waiter->timeout_id = 0;
  rd_waiter_finish (waiter, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_waiter_disconnected (SoupServerMessage *msg,
                        gpointer           user_data)
{
  RdWaiter *waiter = user_data;

  waiter->disconnected_id = 0;
  rd_waiter_finish (waiter, FALSE);
}

/* ---------------------------------------------------------------- */
/* Helpers: mutations                                                */
/* ---------------------------------------------------------------- */

static JsonObject *
rejected (const char *mutation_id,
          const char *reason,
          const char *message)
{
  JsonObject *result = json_object_new ();

  json_object_set_string_member (result, "mutation_id", mutation_id);
  json_object_set_string_member (result, "status", "rejected");
  json_object_set_string_member (result, "reason", reason);
  if (message != NULL)
    json_object_set_string_member (result, "message", message);
  return result;
}

static gboolean
ref_exists (RdServer   *self,
            const char *table,
            const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?", table);
  sqlite3_stmt *stmt = rd_server_prepare (self, sql);
  gboolean exists;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return exists;
}

/* The checks that need the committed state: references, then a time span's order. */
static char *
check_row (RdServer *self,
           RdRecord *record)
{
  const RdTable *table = rd_record_get_table (record);

  for (guint i = 0; i < table->n_columns; i++)
    {
      const RdColumn *col = &table->columns[i];

      if (col->type != RD_COLUMN_REF || rd_record_is_null_at (record, i))
        continue;
      if (!ref_exists (self, col->ref, rd_record_get_text_at (record, i)))
        return g_strdup_printf ("%s names a %s the server does not have", col->name, col->ref);
    }

  if ((g_str_equal (table->name, "booking") || g_str_equal (table->name, "downtime"))
      && rd_record_get_int (record, "end") <= rd_record_get_int (record, "start"))
    return g_strdup ("end is not after start");

  return NULL;
}

static gboolean
lookup_answer (RdServer    *self,
               const char  *client_id,
               const char  *mutation_id,
               char       **out_hash,
               char       **out_answer)
{
  sqlite3_stmt *stmt = rd_server_prepare (self,
                                          "SELECT body_hash, answer FROM server_idempotency"
                                          " WHERE client_id = ? AND mutation_id = ?");
  gboolean found = FALSE;

  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mutation_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *out_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_answer = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  return found;
}

static gboolean
store_answer (RdServer    *self,
              const char  *client_id,
              RdMutation  *m,
              JsonObject  *result,
              GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  json_node_set_object (node, result);
  text = json_to_string (node, FALSE);

  stmt = rd_server_prepare (self,
                            "INSERT INTO server_idempotency (client_id, mutation_id, body_hash, answer, at)"
                            " VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, m->mutation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, m->body_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, rd_now ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_FAILED, "idempotency: %s", sqlite3_errmsg (self->db));
      return FALSE;
    }

  return TRUE;
}


/* Writes the mutation inside the caller's savepoint; returns the result, or NULL on a store fault. */
static JsonObject *
write_mutation (RdServer    *self,
                RdSession   *session,
                RdMutation  *m,
                RdRecord    *existing,
                GError     **error)
{
  JsonObject *result;
  g_autoptr(RdRecord) saved = NULL;
  g_autofree char *collision = NULL;
  g_autofree char *collision_table = NULL;

  if (m->is_delete)
    {
      if (existing != NULL && rd_record_get_deleted (existing))
        saved = g_object_ref (existing);   /* already a tombstone: nothing to change */
      else if (!rd_store_delete (self->store, m->table, m->id, session->username, error))
        return NULL;
    }
  else
    {
      if (g_str_equal (m->table, "booking"))
        {
          collision = rd_schedule_find_collision (self->store, m->record, &collision_table);
          if (collision != NULL)
            rd_record_set_text (m->record, "conflict_with", collision);
          else
            rd_record_set_null (m->record, "conflict_with");
        }

      if (!rd_store_save (self->store, m->record, session->username, error))
        return NULL;
      saved = g_object_ref (m->record);
    }

  if (saved == NULL)
    saved = rd_store_get (self->store, m->table, m->id, error);
  if (saved == NULL)
    return NULL;

  result = json_object_new ();
  json_object_set_string_member (result, "mutation_id", m->mutation_id);
  json_object_set_string_member (result, "status", collision != NULL ? "flagged" : "applied");
  json_object_set_int_member (result, "version", rd_record_get_version (saved));
  json_object_set_int_member (result, "seq", rd_store_get_seq (self->store, m->table, m->id));
  if (collision != NULL)
    {
      json_object_set_string_member (result, "reason",
                                     g_str_equal (collision_table, "downtime") ? "downtime" : "double_booking");
      json_object_set_object_member (result, "row", rd_codec_row_to_json (saved));
    }

  return result;
}

/* A definitive answer that changed nothing (conflict, rejected) is kept like any other, so that a
 * resend of the same mutation gets the same answer even after the record moved on. */
static JsonObject *
keep_answer (RdServer        *self,
             RdMutationBatch *batch,
             RdMutation      *m,
             JsonObject      *result,
             GError         **error)
{
  /* Inside the batch's transaction: a failure here fails the whole push (500, nothing changed). */
  if (!store_answer (self, batch->client_id, m, result, error))
    {
      json_object_unref (result);
      return NULL;
    }
  return result;
}

/* One mutation in its own savepoint of the batch's transaction. */
static JsonObject *
apply_mutation (RdServer        *self,
                RdSession       *session,
                RdMutationBatch *batch,
                RdMutation      *m,
                gboolean        *changed,
                GError         **error)
{
  g_autofree char *stored_hash = NULL;
  g_autofree char *stored_answer = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(RdRecord) existing = NULL;
  JsonObject *result = NULL;
  const char *workstation = session->workstation != NULL ? session->workstation : batch->client_id;
  const char *action = m->is_delete ? "delete" : "upsert";

  if (lookup_answer (self, batch->client_id, m->mutation_id, &stored_hash, &stored_answer))
    {
      g_autoptr(JsonNode) node = NULL;

      if (!rd_server_equal_constant_time (stored_hash, m->body_hash))
        {
          rd_server_audit (self, session->username, workstation, action, m->table, m->id,
                                  "rejected:mutation_id_reused");
          return rejected (m->mutation_id, "mutation_id_reused",
                           "this mutation_id was used before for a different change");
        }

      node = json_from_string (stored_answer, NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        return json_object_ref (json_node_get_object (node));
    }

  if (m->reject_reason != NULL)
    {
      g_autofree char *audit = g_strconcat ("rejected:", m->reject_reason, NULL);

      rd_server_audit (self, session->username, workstation, action, m->table, m->id, audit);
      return rejected (m->mutation_id, m->reject_reason, m->reject_message);
    }

  existing = rd_store_get (self->store, m->table, m->id, NULL);

  if (!rd_server_role_may_write (session->role, m->table)
      || (g_str_equal (m->table, "stock_movement") && g_str_equal (session->role, "coordinator")
          && ((m->record != NULL && g_strcmp0 (rd_record_get_text (m->record, "kind"), "consume") != 0)
              || (existing != NULL && g_strcmp0 (rd_record_get_text (existing, "kind"), "consume") != 0))))
    {
      rd_server_audit (self, session->username, workstation, action, m->table, m->id,
                              "rejected:forbidden");
      return keep_answer (self, batch, m, rejected (m->mutation_id, "forbidden", "your role may not change this table"), error);
    }

  if (existing != NULL && rd_record_get_version (existing) != m->base_version
      && !(m->is_delete && rd_record_get_deleted (existing)))
    {
      result = json_object_new ();
      json_object_set_string_member (result, "mutation_id", m->mutation_id);
      json_object_set_string_member (result, "status", "conflict");
      json_object_set_object_member (result, "current", rd_codec_record_to_json (existing));
      rd_server_audit (self, session->username, workstation, action, m->table, m->id, "conflict");
      return keep_answer (self, batch, m, result, error);
    }

  if (!m->is_delete && (problem = check_row (self, m->record)) != NULL)
    {
      rd_server_audit (self, session->username, workstation, action, m->table, m->id,
                              "rejected:invalid");
      return keep_answer (self, batch, m, rejected (m->mutation_id, "invalid", problem), error);
    }

  /* Every check that can refuse a mutation ran above, before any write: what fails from here on is
   * a store fault, which fails the whole push inside its one transaction (500, nothing changed).
   * So a mutation needs no savepoint of its own, which would copy every page it touches. */
  result = write_mutation (self, session, m, existing, error);
  if (result == NULL || !store_answer (self, batch->client_id, m, result, error))
    {
      g_clear_pointer (&result, json_object_unref);
      return NULL;
    }

  rd_server_audit (self, session->username, workstation, action, m->table, m->id,
                          json_object_get_string_member (result, "status"));

  *changed = TRUE;
  return result;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

void
rd_server_handle_changes (RdServer          *self,
                          SoupServerMessage *msg,
                          GHashTable        *query,
                          RdSession         *session)
{
  const char *cursor = query != NULL ? g_hash_table_lookup (query, "cursor") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  const char *wait_text = query != NULL ? g_hash_table_lookup (query, "wait") : NULL;
  GString *text = NULL;
  gint64 since = 0, limit = RD_SERVER_DEFAULT_LIMIT, wait = 0;

  if (cursor != NULL && cursor[0] != '\0')
    {
      const char *colon = strrchr (cursor, ':');

      if (colon == NULL || !parse_int (colon + 1, 0, &since))
        {
          rd_server_respond_error (msg, 400, "bad_request", "cursor is not one this server gave out");
          return;
        }
      if ((gsize) (colon - cursor) != strlen (self->epoch) || strncmp (cursor, self->epoch, colon - cursor) != 0)
        {
          rd_server_respond_error (msg, 410, "gone",
                                   "the server's database was replaced; pull again from an empty cursor");
          return;
        }
    }

  if (limit_text != NULL && !parse_int (limit_text, 1, &limit))
    {
      rd_server_respond_error (msg, 400, "bad_request", "limit must be a whole number from 1 to 5000");
      return;
    }
  limit = MIN (limit, RD_SERVER_MAX_LIMIT);

  if (wait_text != NULL && !parse_int (wait_text, 0, &wait))
    {
      rd_server_respond_error (msg, 400, "bad_request", "wait must be a whole number of seconds from 0 to 30");
      return;
    }
  wait = MIN (wait, RD_SERVER_MAX_WAIT);

  if (build_page (self, since, (guint) limit, &text) == 0 && wait > 0 && !self->shutting_down)
    {
      g_string_free (text, TRUE);
      RdWaiter *waiter = g_new0 (RdWaiter, 1);

      waiter->server = self;
      waiter->msg = g_object_ref (msg);
      waiter->since = since;
      waiter->limit = (guint) limit;
      /* Not g_timeout_add_seconds: its first tick may come early, and a long poll holds for the full wait. */
      waiter->timeout_id = g_timeout_add ((guint) wait * 1000, on_waiter_timeout, waiter);
      waiter->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (on_waiter_disconnected), waiter);
      self->waiters = g_list_prepend (self->waiters, waiter);
      soup_server_message_pause (msg);
      return;
    }

  respond_text (msg, text);
}

/* After a commit: every long poll that now has something is answered. The feed's end is read
 * once, rather than a page built per waiter to see whether it would be empty. */
void
rd_server_wake_waiters (RdServer *self)
{
  GList *waiters;
  sqlite3_stmt *stmt;
  gint64 end = 0;

  if (self->waiters == NULL)
    return;

  stmt = rd_server_prepare (self, "SELECT max(seq) FROM feed");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    end = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  waiters = g_list_copy (self->waiters);
  for (GList *l = waiters; l != NULL; l = l->next)
    {
      RdWaiter *waiter = l->data;

      if (end > waiter->since)
        rd_waiter_finish (waiter, TRUE);
    }

  g_list_free (waiters);
}

void
rd_server_finish_waiters (RdServer *self)
{
  while (self->waiters != NULL)
    rd_waiter_finish (self->waiters->data, TRUE);
}

void
rd_server_handle_mutations (RdServer          *self,
                            SoupServerMessage *msg,
                            RdSession         *session)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(RdMutationBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *results;
  gboolean changed = FALSE;

  batch = rd_server_decode_mutations (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (batch == NULL)
    {
      if (g_error_matches (error, RD_SERVER_ERROR, RD_SERVER_ERROR_TOO_LARGE))
        rd_server_respond_error (msg, 413, "too_large", error->message);
      else
        rd_server_respond_error (msg, 400, "bad_request", error->message);
      return;
    }

  /* One transaction for the batch, one savepoint per mutation: a bad item undoes only itself,
   * and the batch costs one sync to disk. */
  if (!rd_store_begin (self->store, &error))
    goto fault;

  results = json_array_new ();
  answer = json_object_new ();
  json_object_set_array_member (answer, "results", results);

  for (guint i = 0; i < batch->mutations->len; i++)
    {
      JsonObject *result = apply_mutation (self, session, batch, g_ptr_array_index (batch->mutations, i),
                                           &changed, &error);

      if (result == NULL)
        {
          rd_store_rollback (self->store);
          goto fault;
        }
      json_array_add_object_element (results, result);
    }

  if (!rd_store_commit (self->store, &error))
    goto fault;

  rd_server_respond_object (msg, 200, answer);
  if (changed)
    rd_server_wake_waiters (self);
  return;

fault:
  g_warning ("A push failed and changed nothing: %s", error != NULL ? error->message : "unknown error");
  rd_server_respond_error (msg, 500, "internal", "the server could not store this; nothing was changed");
}
