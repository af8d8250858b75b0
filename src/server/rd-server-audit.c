/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-audit.c: the append-only audit log of mutations and sign-ins, and GET /v1/audit for admins. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-codec.h"
#include "rd-server-private.h"

#define MAX_AUDIT_ENTRIES 10000

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
set_nullable_string (JsonObject   *object,
                     const char   *name,
                     sqlite3_stmt *stmt,
                     int           column)
{
  const char *value = (const char *) sqlite3_column_text (stmt, column);

  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

#define INSERT_AUDIT \
  "INSERT INTO server_audit (at, username, workstation, action, tbl, id, result, reason)" \
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

static void
insert_entry (sqlite3      *db,
              sqlite3_stmt *stmt,
              const char   *username,
              const char   *workstation,
              const char   *action,
              const char   *table,
              const char   *id,
              const char   *result)
{
  g_autofree char *status = NULL;
  const char *colon;

  /* "rejected:forbidden" is kept as result "rejected" with its reason beside it. */
  colon = result != NULL ? strchr (result, ':') : NULL;
  status = colon != NULL ? g_strndup (result, colon - result) : g_strdup (result);

  sqlite3_bind_int64 (stmt, 1, rd_now ());
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, workstation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, status, -1, SQLITE_TRANSIENT);
  if (colon != NULL)
    sqlite3_bind_text (stmt, 8, colon + 1, -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("The audit log could not be written: %s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_server_audit_append:
 * @db: the server's database
 * @username: (nullable): who
 * @workstation: (nullable): from where
 * @action: upsert, delete, sign_in or sign_out
 * @table: (nullable): the table of a mutation
 * @id: (nullable): the record of a mutation
 * @result: applied, flagged, conflict, rejected:REASON, ok or failed
 *
 * Appends one entry; inside a transaction it commits with it.
 */
void
rd_server_audit_append (sqlite3    *db,
                        const char *username,
                        const char *workstation,
                        const char *action,
                        const char *table,
                        const char *id,
                        const char *result)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, INSERT_AUDIT, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("The audit log could not be written: %s", sqlite3_errmsg (db));
      return;
    }

  insert_entry (db, stmt, username, workstation, action, table, id, result);
  sqlite3_finalize (stmt);
}

/* The same with the server's prepared statement, for every request. */
void
rd_server_audit (RdServer   *self,
                 const char *username,
                 const char *workstation,
                 const char *action,
                 const char *table,
                 const char *id,
                 const char *result)
{
  insert_entry (self->db, rd_server_prepare_static (self, INSERT_AUDIT), username, workstation, action, table, id, result);
}

/* GET /v1/audit?since=ISO-TIME: the entries at or after @since, oldest first. */
void
rd_server_handle_audit (RdServer          *self,
                        SoupServerMessage *msg,
                        GHashTable        *query,
                        RdSession         *session)
{
  const char *since_text = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  gint64 since = G_MININT64;
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonArray *entries = json_array_new ();
  sqlite3_stmt *stmt;

  if (!g_str_equal (session->role, "admin"))
    {
      json_array_unref (entries);
      rd_server_respond_error (msg, 403, "forbidden", "only an admin may read the audit log");
      return;
    }

  if (since_text != NULL && since_text[0] != '\0' && !rd_time_from_iso (since_text, &since))
    {
      json_array_unref (entries);
      rd_server_respond_error (msg, 400, "bad_request", "since must be an ISO 8601 time such as 2026-11-28T09:00:00Z");
      return;
    }

  stmt = rd_server_prepare (self,
                            "SELECT at, username, workstation, action, tbl, id, result, reason, seq"
                            " FROM server_audit WHERE at >= ? ORDER BY seq LIMIT ?");
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int (stmt, 2, MAX_AUDIT_ENTRIES);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();
      g_autofree char *at = rd_time_to_iso (sqlite3_column_int64 (stmt, 0));

      json_object_set_string_member (entry, "at", at);
      set_nullable_string (entry, "username", stmt, 1);
      set_nullable_string (entry, "workstation", stmt, 2);
      set_nullable_string (entry, "action", stmt, 3);
      set_nullable_string (entry, "table", stmt, 4);
      set_nullable_string (entry, "id", stmt, 5);
      set_nullable_string (entry, "result", stmt, 6);
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        set_nullable_string (entry, "reason", stmt, 7);
      json_object_set_int_member (entry, "seq", sqlite3_column_int64 (stmt, 8));
      json_array_add_object_element (entries, entry);
    }
  sqlite3_reset (stmt);

  json_object_set_array_member (answer, "entries", entries);
  rd_server_respond_object (msg, 200, answer);
}
