/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-push.c: POST /v1/mutations — idempotency, versions, roles, the booking rule, and the answers as JSON text. */

#include "config.h"

#include <string.h>

#include "rd-codec.h"
#include "rd-server-private.h"
#include "rd-schedule.h"

/* ---------------------------------------------------------------- */
/* Helpers: answers                                                  */
/* ---------------------------------------------------------------- */

/* Answers are written as JSON text, member for member as SYNC.md shows them: they are stored as
 * text for idempotency and sent as text, so a tree of JSON nodes per mutation would only be built
 * to be serialised twice. */
static GString *
begin_answer (const char *mutation_id,
              const char *status)
{
  GString *out = g_string_sized_new (128);

  g_string_append (out, "{\"mutation_id\":");
  rd_server_append_json_string (out, mutation_id);
  g_string_append (out, ",\"status\":");
  rd_server_append_json_string (out, status);
  return out;
}

static char *
rejected (const char *mutation_id,
          const char *reason,
          const char *message)
{
  GString *out = begin_answer (mutation_id, "rejected");

  g_string_append (out, ",\"reason\":");
  rd_server_append_json_string (out, reason);
  if (message != NULL)
    {
      g_string_append (out, ",\"message\":");
      rd_server_append_json_string (out, message);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static char *
conflict (const char *mutation_id,
          RdRecord   *current)
{
  GString *out = begin_answer (mutation_id, "conflict");
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  /* Rare: the codec's own object, as the workstation reads it. */
  json_node_take_object (node, rd_codec_record_to_json (current));
  text = json_to_string (node, FALSE);
  g_string_append (out, ",\"current\":");
  g_string_append (out, text);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------- */
/* Helpers: checks against the committed state                       */
/* ---------------------------------------------------------------- */

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

/* ---------------------------------------------------------------- */
/* Helpers: stored answers                                           */
/* ---------------------------------------------------------------- */

/* Answers are found through the server's map (rd-server-answers.c): the idempotency table has
 * no index keyed by a random value, whose pages a batch would scatter its writes over. */
static gboolean
store_answer (RdServer    *self,
              const char  *client_id,
              RdMutation  *m,
              gint64       key,
              const char  *answer,
              GError     **error)
{
  return rd_answer_map_store (self->answers, client_id, m->mutation_id, key, m->body_hash, answer,
                              rd_now (), error);
}

/* A definitive answer that changed nothing (conflict, rejected) is kept like any other, so that a
 * resend of the same mutation gets the same answer even after the record moved on. Inside the
 * batch's transaction: a failure here fails the whole push (500, nothing changed). */
static char *
keep_answer (RdServer        *self,
             RdMutationBatch *batch,
             RdMutation      *m,
             gint64           key,
             char            *answer,
             GError         **error)
{
  if (!store_answer (self, batch->client_id, m, key, answer, error))
    {
      g_free (answer);
      return NULL;
    }
  return answer;
}

/* ---------------------------------------------------------------- */
/* Helpers: applying a mutation                                      */
/* ---------------------------------------------------------------- */

/* Writes the mutation inside the batch's transaction; returns the answer, or NULL on a store fault. */
static char *
write_mutation (RdServer    *self,
                RdSession   *session,
                RdMutation  *m,
                RdRecord    *existing,
                const char **out_status,
                GError     **error)
{
  g_autoptr(RdRecord) saved = NULL;
  g_autofree char *collision = NULL;
  g_autofree char *collision_table = NULL;
  GString *out;

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

  *out_status = collision != NULL ? "flagged" : "applied";
  out = begin_answer (m->mutation_id, *out_status);
  g_string_append_printf (out, ",\"version\":%" G_GINT64_FORMAT ",\"seq\":%" G_GINT64_FORMAT,
                          rd_record_get_version (saved), rd_store_get_seq (self->store, m->table, m->id));
  if (collision != NULL)
    {
      g_autofree char *row = rd_codec_row_to_string (saved);

      g_string_append (out, ",\"reason\":");
      rd_server_append_json_string (out, g_str_equal (collision_table, "downtime") ? "downtime" : "double_booking");
      g_string_append (out, ",\"row\":");
      g_string_append (out, row);
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

/* One mutation of the batch; returns its answer as JSON text, or NULL on a store fault. */
static char *
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
  const char *workstation = session->workstation != NULL ? session->workstation : batch->client_id;
  const char *action = m->is_delete ? "delete" : "upsert";
  const char *status = NULL;
  gint64 key = rd_server_answer_key (batch->client_id, m->mutation_id);
  char *answer;

  if (!rd_answer_map_lookup (self->answers, batch->client_id, m->mutation_id, key,
                             &stored_hash, &stored_answer, error))
    return NULL;

  if (stored_answer != NULL)
    {
      if (!rd_server_equal_constant_time (stored_hash, m->body_hash))
        {
          rd_server_audit (self, session->username, workstation, action, m->table, m->id,
                           "rejected:mutation_id_reused");
          return rejected (m->mutation_id, "mutation_id_reused",
                           "this mutation_id was used before for a different change");
        }

      /* The stored text is the answer given then, word for word. */
      return g_steal_pointer (&stored_answer);
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
      rd_server_audit (self, session->username, workstation, action, m->table, m->id, "rejected:forbidden");
      return keep_answer (self, batch, m, key,
                          rejected (m->mutation_id, "forbidden", "your role may not change this table"), error);
    }

  if (existing != NULL && rd_record_get_version (existing) != m->base_version
      && !(m->is_delete && rd_record_get_deleted (existing)))
    {
      rd_server_audit (self, session->username, workstation, action, m->table, m->id, "conflict");
      return keep_answer (self, batch, m, key, conflict (m->mutation_id, existing), error);
    }

  if (!m->is_delete && (problem = check_row (self, m->record)) != NULL)
    {
      rd_server_audit (self, session->username, workstation, action, m->table, m->id, "rejected:invalid");
      return keep_answer (self, batch, m, key, rejected (m->mutation_id, "invalid", problem), error);
    }

  /* Every check that can refuse a mutation ran above, before any write: what fails from here on is
   * a store fault, which fails the whole push inside its one transaction (500, nothing changed).
   * So a mutation needs no savepoint of its own, which would copy every page it touches. */
  answer = write_mutation (self, session, m, existing, &status, error);
  if (answer == NULL || !store_answer (self, batch->client_id, m, key, answer, error))
    {
      g_free (answer);
      return NULL;
    }

  rd_server_audit (self, session->username, workstation, action, m->table, m->id, status);

  *changed = TRUE;
  return answer;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

void
rd_server_handle_mutations (RdServer          *self,
                            SoupServerMessage *msg,
                            RdSession         *session)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(RdMutationBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = NULL;
  gboolean changed = FALSE;
  gsize len;

  batch = rd_server_decode_mutations (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (batch == NULL)
    {
      if (g_error_matches (error, RD_SERVER_ERROR, RD_SERVER_ERROR_TOO_LARGE))
        rd_server_respond_error (msg, 413, "too_large", error->message);
      else
        rd_server_respond_error (msg, 400, "bad_request", error->message);
      return;
    }

  /* One transaction for the batch: it costs one sync to disk, and nothing is answered before it
   * is committed, so every answer given is durable. A bad item is refused before it writes
   * anything, so it undoes nothing of the others. */
  if (!rd_store_begin (self->store, &error))
    goto fault;

  out = g_string_sized_new (80 * batch->mutations->len + 16);
  g_string_append (out, "{\"results\":[");

  for (guint i = 0; i < batch->mutations->len; i++)
    {
      g_autofree char *answer = apply_mutation (self, session, batch, g_ptr_array_index (batch->mutations, i),
                                                &changed, &error);

      if (answer == NULL)
        {
          rd_store_rollback (self->store);
          goto fault;
        }
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, answer);
    }
  g_string_append (out, "]}");

  if (!rd_store_commit (self->store, &error))
    goto fault;

  len = out->len;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, g_string_free (out, FALSE), len);
  if (changed)
    rd_server_wake_waiters (self);
  return;

fault:
  if (out != NULL)
    g_string_free (out, TRUE);
  g_warning ("A push failed and changed nothing: %s", error != NULL ? error->message : "unknown error");
  rd_server_respond_error (msg, 500, "internal", "the server could not store this; nothing was changed");
}
