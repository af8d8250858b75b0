/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-internals.c: unit tests of raddesk-server's decoder, roles, passwords and own tables. */

#include <string.h>

#include <glib/gstdio.h>

#include "rd-codec.h"
#include "rd-server.h"

/* ---------------------------------------------------------------- */
/* Roles                                                             */
/* ---------------------------------------------------------------- */

static void
test_roles (void)
{
  g_assert_true (rd_server_role_may_write ("coordinator", "booking"));
  g_assert_true (rd_server_role_may_write ("coordinator", "stock_movement"));
  g_assert_true (rd_server_role_may_write ("coordinator", "booking_request"));
  g_assert_false (rd_server_role_may_write ("coordinator", "vendor"));
  g_assert_true (rd_server_role_may_write ("manager", "exam_consumable"));
  g_assert_true (rd_server_role_may_write ("manager", "downtime"));
  g_assert_false (rd_server_role_may_write ("manager", "staff"));
  g_assert_true (rd_server_role_may_write ("trainer", "course_requirement"));
  g_assert_true (rd_server_role_may_write ("trainer", "dose_reading"));
  g_assert_false (rd_server_role_may_write ("trainer", "booking"));
  g_assert_true (rd_server_role_may_write ("admin", "budget_line"));
  g_assert_false (rd_server_role_may_write ("auditor", "booking"));
  g_assert_false (rd_server_role_is_valid ("Admin"));
  g_assert_true (rd_server_role_is_valid ("trainer"));
}

/* ---------------------------------------------------------------- */
/* The raw JSON scan and the decoder                                 */
/* ---------------------------------------------------------------- */

static gboolean
scan_ok (const char *text)
{
  return rd_server_json_depth_ok (text, strlen (text), RD_SERVER_MAX_JSON_DEPTH);
}

static void
test_scan (void)
{
  GString *deep = g_string_new (NULL);

  for (guint i = 0; i < RD_SERVER_MAX_JSON_DEPTH; i++)
    g_string_append_c (deep, '[');
  g_assert_true (scan_ok (deep->str));
  g_string_append_c (deep, '{');
  g_assert_false (scan_ok (deep->str));
  g_string_free (deep, TRUE);

  /* Brackets inside strings do not count. */
  g_assert_true (scan_ok ("[\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"]"));
  g_assert_false (scan_ok ("[\"a\\u0000b\"]"));
  g_assert_true (scan_ok ("[\"a\\\\u0000b\"]"));
  g_assert_true (scan_ok ("[9223372036854775807, -9223372036854775808, 1e300, 0.5]"));
  g_assert_false (scan_ok ("[9223372036854775808]"));
  g_assert_false (scan_ok ("[-9223372036854775809]"));
  g_assert_false (scan_ok ("[1180591620717411303424]"));
}

static RdMutationBatch *
decode (const char  *text,
        GError     **error)
{
  return rd_server_decode_mutations (text, strlen (text), error);
}

static void
test_decode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdMutationBatch) batch = NULL;
  RdMutation *m;

  batch = decode ("{\"mutations\":[]}", &error);
  g_assert_null (batch);
  g_assert_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  batch = decode ("{\"client_id\":\"w\",\"mutations\":[{\"mutation_id\":\"m\",\"table\":\"vendor\",\"id\":\"v\","
                  "\"op\":\"insert\"}]}", &error);
  g_assert_null (batch);
  g_assert_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  batch = decode ("{\"client_id\":\"w\",\"mutations\":["
                  "{\"mutation_id\":\"m1\",\"table\":\"vendors\",\"id\":\"v\",\"op\":\"upsert\",\"row\":{}},"
                  "{\"mutation_id\":\"m2\",\"table\":\"vendor\",\"id\":\"v\",\"op\":\"upsert\",\"row\":{\"nom\":\"x\"}},"
                  "{\"mutation_id\":\"m3\",\"table\":\"vendor\",\"id\":\"v\",\"op\":\"upsert\",\"base_version\":2,"
                  "\"row\":{\"name\":\"Contrast Supplies Ltd\"}},"
                  "{\"mutation_id\":\"m4\",\"table\":\"vendor\",\"id\":\"v\",\"op\":\"delete\",\"base_version\":3}]}",
                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (batch->client_id, ==, "w");
  g_assert_cmpuint (batch->mutations->len, ==, 4);

  m = g_ptr_array_index (batch->mutations, 0);
  g_assert_cmpstr (m->reject_reason, ==, "unknown_table");
  m = g_ptr_array_index (batch->mutations, 1);
  g_assert_cmpstr (m->reject_reason, ==, "invalid");
  g_assert_nonnull (strstr (m->reject_message, "nom"));
  m = g_ptr_array_index (batch->mutations, 2);
  g_assert_null (m->reject_reason);
  g_assert_cmpint (m->base_version, ==, 2);
  g_assert_cmpstr (rd_record_get_text (m->record, "name"), ==, "Contrast Supplies Ltd");
  m = g_ptr_array_index (batch->mutations, 3);
  g_assert_true (m->is_delete);
  g_assert_null (m->record);
}

static const char *
first_hash (const char *text,
            char      **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdMutationBatch) batch = decode (text, &error);

  g_assert_no_error (error);
  *out = g_strdup (((RdMutation *) g_ptr_array_index (batch->mutations, 0))->body_hash);
  return *out;
}

/* The hash of a mutation is stored with its answer: it must never change between versions of the
 * server, or resends after an upgrade would be refused as mutation_id_reused. */
static void
test_hash_is_stable (void)
{
  g_autofree char *hash = NULL;

  first_hash ("{\"client_id\":\"w\",\"mutations\":[{\"mutation_id\":\"m\\u00e9\\n\",\"table\":\"booking\","
              "\"id\":\"b\\\"1\",\"op\":\"upsert\",\"base_version\":7,"
              "\"extra\":[1,-2.5,1e3,true,null,{\"z\":1,\"a\":[]}],"
              "\"row\":{\"start\":\"2026-12-01T08:00:00Z\",\"conflict_with\":\"x\","
              "\"notes\":\"tab\\there \\\\ \\u0001 \\u00ff \\ud83d\\ude00\",\"priority\":\"stat\"}}]}", &hash);
  g_assert_cmpstr (hash, ==, "ccd09c6bf60c8cc5bdf50611958af453a4bf27f46feb204e90b31fee1cfe3412");
}

static void
test_hash (void)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  first_hash ("{\"client_id\":\"w\",\"mutations\":[{\"mutation_id\":\"m\",\"table\":\"vendor\",\"id\":\"v\","
              "\"op\":\"upsert\",\"base_version\":0,\"row\":{\"name\":\"A\",\"phone\":\"1\"}}]}", &a);
  /* Reordered members and white space: the same mutation. */
  first_hash ("{ \"mutations\" : [ {\"row\":{\"phone\":\"1\", \"name\":\"A\"}, \"op\":\"upsert\","
              "\"base_version\":0, \"id\":\"v\", \"table\":\"vendor\", \"mutation_id\":\"m\"} ], \"client_id\":\"w\"}", &b);
  first_hash ("{\"client_id\":\"w\",\"mutations\":[{\"mutation_id\":\"m\",\"table\":\"vendor\",\"id\":\"v\","
              "\"op\":\"upsert\",\"base_version\":0,\"row\":{\"name\":\"B\",\"phone\":\"1\"}}]}", &c);
  first_hash ("{\"client_id\":\"w\",\"mutations\":[{\"mutation_id\":\"m\",\"table\":\"booking\",\"id\":\"v\","
              "\"op\":\"delete\",\"base_version\":0}]}", &d);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);
}

/* ---------------------------------------------------------------- */
/* Passwords and the server's tables                                 */
/* ---------------------------------------------------------------- */

static void
test_passwords (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = rd_server_password_hash ("correct horse", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_true (rd_server_password_verify ("correct horse", hash));
  g_assert_false (rd_server_password_verify ("correct horsE", hash));
  g_assert_false (rd_server_password_verify ("", hash));
  g_assert_true (rd_server_equal_constant_time ("abc", "abc"));
  g_assert_false (rd_server_equal_constant_time ("abc", "abd"));
  g_assert_false (rd_server_equal_constant_time ("abc", "abcd"));
}

static void
test_tables (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *epoch = NULL, *again = NULL, *fresh = NULL, *token = NULL;
  sqlite3 *db = NULL;
  gint64 expires = 0;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (rd_server_db_init (db, &error));
  g_assert_no_error (error);

  epoch = rd_server_db_ensure_epoch (db, &error);
  again = rd_server_db_ensure_epoch (db, &error);
  g_assert_cmpstr (epoch, ==, again);
  g_assert_true (rd_server_db_clear_epoch (db, &error));
  fresh = rd_server_db_ensure_epoch (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fresh, !=, epoch);

  g_assert_true (rd_server_user_add (db, "alice", "coordinator", "pw", &error));
  g_assert_false (rd_server_user_add (db, "alice", "manager", "pw", &error));
  g_assert_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_USER_EXISTS);
  g_clear_error (&error);
  g_assert_false (rd_server_user_add (db, "bob", "boss", "pw", &error));
  g_clear_error (&error);

  token = rd_server_token_create (db, "alice", "ws-1", &expires, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (token), ==, 64);
  g_assert_cmpint (expires, >, g_get_real_time () / G_USEC_PER_SEC + 29 * 86400);

  g_assert_true (rd_server_user_disable (db, "alice", &error));
  g_assert_null (rd_server_token_create (db, "alice", NULL, NULL, &error));
  g_assert_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_NO_SUCH_USER);
  g_clear_error (&error);

  /* The audit log only grows. */
  rd_server_audit_append (db, "alice", "ws-1", "upsert", "booking", "b1", "rejected:forbidden");
  g_assert_cmpint (sqlite3_exec (db, "UPDATE server_audit SET result = 'applied'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM server_audit", NULL, NULL, NULL), !=, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (db, "SELECT result, reason FROM server_audit", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "rejected");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "forbidden");
    sqlite3_finalize (stmt);
  }

  sqlite3_close (db);
}

/* A database made before answers had an integer key gets its keys and loses the text index, and
 * its answers are still found (so resends after an upgrade get the answer they got before). The
 * index of keys that followed is gone too: the answers are found through the map. */
static void
test_answer_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAnswerMap) map = NULL;
  g_autofree char *hash = NULL, *answer = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  guint n = 0;

  g_assert_cmpint (rd_server_answer_key ("ws-1", "m-1"), ==, rd_server_answer_key ("ws-1", "m-1"));
  g_assert_cmpint (rd_server_answer_key ("ws-1", "m-1"), !=, rd_server_answer_key ("ws-1", "m-2"));
  g_assert_cmpint (rd_server_answer_key ("ab", "c"), !=, rd_server_answer_key ("a", "bc"));

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE server_idempotency ("
                                 "  client_id TEXT NOT NULL, mutation_id TEXT NOT NULL, body_hash TEXT NOT NULL,"
                                 "  answer TEXT NOT NULL, at INTEGER NOT NULL);"
                                 "CREATE UNIQUE INDEX server_idempotency_key ON server_idempotency (client_id, mutation_id);"
                                 "INSERT INTO server_idempotency VALUES ('ws-1', 'm-1', 'h1', '{\"status\":\"applied\"}', strftime('%s'));"
                                 "INSERT INTO server_idempotency VALUES ('ws-2', 'm-1', 'h2', '{\"status\":\"conflict\"}', strftime('%s'));",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (rd_server_db_init (db, &error));
  g_assert_no_error (error);
  /* What the previous version made, which this one drops. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE INDEX server_idempotency_by_key ON server_idempotency (key)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_no_error (error);
  /* Twice: the migration runs once. */
  g_assert_true (rd_server_db_init (db, &error));
  g_assert_no_error (error);

  sqlite3_prepare_v2 (db, "SELECT client_id, mutation_id, key FROM server_idempotency", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==,
                       rd_server_answer_key ((const char *) sqlite3_column_text (stmt, 0),
                                             (const char *) sqlite3_column_text (stmt, 1)));
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 2);

  sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE tbl_name = 'server_idempotency' AND type = 'index'"
                          " ORDER BY name", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "server_idempotency_at");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The map finds the migrated answers. */
  map = rd_answer_map_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_answer_map_get_size (map), ==, 2);
  g_assert_true (rd_answer_map_lookup (map, "ws-2", "m-1", rd_server_answer_key ("ws-2", "m-1"),
                                       &hash, &answer, &error));
  g_assert_cmpstr (hash, ==, "h2");
  g_assert_cmpstr (answer, ==, "{\"status\":\"conflict\"}");

  g_clear_pointer (&map, rd_answer_map_free);
  sqlite3_close (db);
}

/* ---------------------------------------------------------------- */
/* The map of stored answers                                         */
/* ---------------------------------------------------------------- */

/* Asserts what the map answers for a mutation: @want_answer, or nothing when it is NULL. */
static void
assert_answer (RdAnswerMap *map,
               const char  *client_id,
               const char  *mutation_id,
               gint64       key,
               const char  *want_answer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL, *answer = NULL;

  g_assert_true (rd_answer_map_lookup (map, client_id, mutation_id, key, &hash, &answer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, want_answer);
  if (want_answer != NULL)
    g_assert_cmpstr (hash, ==, "hash");
  else
    g_assert_null (hash);
}

static void
store (RdAnswerMap *map,
       const char  *client_id,
       const char  *mutation_id,
       gint64       key,
       const char  *answer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_answer_map_store (map, client_id, mutation_id, key, "hash", answer,
                                      g_get_real_time () / G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
}

static sqlite3 *
open_answers_db (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (rd_server_db_init (db, &error));
  g_assert_no_error (error);
  return db;
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Answers stored, found, not found; a batch rolled back leaves nothing answered, also once its
 * rowids are taken by other answers; a new map finds what the table holds. */
static void
test_answer_map (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAnswerMap) map = NULL;
  gint64 k1 = rd_server_answer_key ("ws-1", "m-1");
  gint64 k2 = rd_server_answer_key ("ws-1", "m-2");
  gint64 k3 = rd_server_answer_key ("ws-1", "m-3");
  gint64 rolled_back_rowid;
  sqlite3 *db = open_answers_db ();

  map = rd_answer_map_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_answer_map_get_size (map), ==, 0);

  assert_answer (map, "ws-1", "m-1", k1, NULL);
  store (map, "ws-1", "m-1", k1, "A1");
  assert_answer (map, "ws-1", "m-1", k1, "A1");
  assert_answer (map, "ws-2", "m-1", rd_server_answer_key ("ws-2", "m-1"), NULL);

  /* Inside the batch its answers are found; after a rollback they are not. */
  exec_ok (db, "BEGIN");
  store (map, "ws-1", "m-2", k2, "A2");
  rolled_back_rowid = sqlite3_last_insert_rowid (db);
  assert_answer (map, "ws-1", "m-2", k2, "A2");
  exec_ok (db, "ROLLBACK");
  assert_answer (map, "ws-1", "m-2", k2, NULL);

  /* SQLite gives the rolled-back rowid to the next answer: the entry of m-2 now names a row of
   * another key, which is still no answer for m-2. */
  store (map, "ws-1", "m-3", k3, "A3");
  g_assert_cmpint (sqlite3_last_insert_rowid (db), ==, rolled_back_rowid);
  assert_answer (map, "ws-1", "m-2", k2, NULL);
  assert_answer (map, "ws-1", "m-3", k3, "A3");

  /* m-2 sent again (its batch failed) is stored and found. */
  store (map, "ws-1", "m-2", k2, "A2 again");
  assert_answer (map, "ws-1", "m-2", k2, "A2 again");
  g_assert_false (rd_answer_map_is_collided (map, k2));

  /* A server started later finds them all from the table. */
  g_clear_pointer (&map, rd_answer_map_free);
  map = rd_answer_map_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_answer_map_get_size (map), ==, 3);
  assert_answer (map, "ws-1", "m-1", k1, "A1");
  assert_answer (map, "ws-1", "m-2", k2, "A2 again");
  assert_answer (map, "ws-1", "m-3", k3, "A3");

  g_clear_pointer (&map, rd_answer_map_free);
  sqlite3_close (db);
}

/* Pruning while serving removes the old answers from the table and the map, and keeps the rest. */
static void
test_answer_map_prune (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAnswerMap) map = NULL;
  gint64 old_key = rd_server_answer_key ("ws-1", "m-old");
  gint64 new_key = rd_server_answer_key ("ws-1", "m-new");
  sqlite3 *db = open_answers_db ();
  sqlite3_stmt *count;

  map = rd_answer_map_load (db, &error);
  g_assert_no_error (error);
  g_assert_true (rd_answer_map_store (map, "ws-1", "m-old", old_key, "hash", "OLD", 1000, &error));
  g_assert_true (rd_answer_map_store (map, "ws-1", "m-new", new_key, "hash", "NEW", 5000, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_answer_map_get_size (map), ==, 2);

  g_assert_cmpint (rd_answer_map_prune (map, 2000, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_answer_map_get_size (map), ==, 1);
  assert_answer (map, "ws-1", "m-old", old_key, NULL);
  assert_answer (map, "ws-1", "m-new", new_key, "NEW");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM server_idempotency", -1, &count, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (count, 0), ==, 1);
  sqlite3_finalize (count);

  /* Nothing older left: nothing more goes. */
  g_assert_cmpint (rd_answer_map_prune (map, 2000, &error), ==, 0);

  g_clear_pointer (&map, rd_answer_map_free);
  sqlite3_close (db);
}

/* Two mutations whose keys collide (made here by storing one under the other's key) are both
 * answered, each with its own answer: when the map is loaded with both, and when the second
 * arrives while the server runs. */
static void
test_answer_map_collision (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdAnswerMap) map = NULL;
  gint64 k = rd_server_answer_key ("ws-1", "m-1");
  gint64 k2 = rd_server_answer_key ("ws-1", "m-2");
  gint64 rolled_back_rowid;
  sqlite3 *db = open_answers_db ();
  g_autofree char *insert = g_strdup_printf (
    "INSERT INTO server_idempotency (client_id, mutation_id, body_hash, answer, at, key) VALUES"
    " ('ws-1', 'm-1', 'hash', 'A1', strftime('%%s'), %" G_GINT64_FORMAT "),"
    " ('ws-9', 'x-9', 'hash', 'A9', strftime('%%s'), %" G_GINT64_FORMAT ")", k, k);

  /* Loaded with two answers of one key. */
  exec_ok (db, insert);
  map = rd_answer_map_load (db, &error);
  g_assert_no_error (error);
  g_assert_true (rd_answer_map_is_collided (map, k));
  assert_answer (map, "ws-1", "m-1", k, "A1");
  assert_answer (map, "ws-9", "x-9", k, "A9");
  assert_answer (map, "ws-7", "x-7", k, NULL);
  store (map, "ws-7", "x-7", k, "A7");
  assert_answer (map, "ws-7", "x-7", k, "A7");
  assert_answer (map, "ws-1", "m-1", k, "A1");

  /* A collided key's answer rolled back is not answered. */
  exec_ok (db, "BEGIN");
  store (map, "ws-6", "x-6", k, "A6");
  rolled_back_rowid = sqlite3_last_insert_rowid (db);
  assert_answer (map, "ws-6", "x-6", k, "A6");
  exec_ok (db, "ROLLBACK");
  assert_answer (map, "ws-6", "x-6", k, NULL);
  store (map, "ws-5", "x-5", k2 ^ 1, "A5");
  g_assert_cmpint (sqlite3_last_insert_rowid (db), ==, rolled_back_rowid);
  assert_answer (map, "ws-6", "x-6", k, NULL);

  /* A collision met while serving: m-2's key, for other ids. */
  store (map, "ws-1", "m-2", k2, "A2");
  g_assert_false (rd_answer_map_is_collided (map, k2));
  assert_answer (map, "ws-8", "x-8", k2, NULL);
  g_assert_true (rd_answer_map_is_collided (map, k2));
  store (map, "ws-8", "x-8", k2, "A8");
  assert_answer (map, "ws-8", "x-8", k2, "A8");
  assert_answer (map, "ws-1", "m-2", k2, "A2");

  /* Stored without asking first, the map still keeps both apart. */
  store (map, "ws-4", "x-4", k2 ^ 2, "A4");
  store (map, "ws-3", "x-3", k2 ^ 2, "A3");
  g_assert_true (rd_answer_map_is_collided (map, k2 ^ 2));
  assert_answer (map, "ws-4", "x-4", k2 ^ 2, "A4");
  assert_answer (map, "ws-3", "x-3", k2 ^ 2, "A3");

  /* And a map loaded again agrees. */
  g_clear_pointer (&map, rd_answer_map_free);
  map = rd_answer_map_load (db, &error);
  g_assert_no_error (error);
  g_assert_true (rd_answer_map_is_collided (map, k));
  g_assert_true (rd_answer_map_is_collided (map, k2));
  assert_answer (map, "ws-1", "m-1", k, "A1");
  assert_answer (map, "ws-9", "x-9", k, "A9");
  assert_answer (map, "ws-7", "x-7", k, "A7");
  assert_answer (map, "ws-6", "x-6", k, NULL);
  assert_answer (map, "ws-8", "x-8", k2, "A8");
  assert_answer (map, "ws-1", "m-2", k2, "A2");
  assert_answer (map, "ws-5", "x-5", k2 ^ 1, "A5");

  g_clear_pointer (&map, rd_answer_map_free);
  sqlite3_close (db);
}

/* One server per database: a second one is refused until the first is gone. */
static void
test_one_server (void)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", ".lock" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-server-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "server.db", NULL);
  g_autoptr(RdStore) store = NULL;
  g_autoptr(RdStore) other_store = NULL;
  g_autoptr(RdServer) server = NULL;
  g_autoptr(RdServer) other = NULL;

  g_assert_no_error (error);
  store = rd_store_open (path, RD_STORE_SERVER, &error);
  g_assert_no_error (error);
  server = rd_server_new (store, &error);
  g_assert_no_error (error);

  other_store = rd_store_open (path, RD_STORE_SERVER, &error);
  g_assert_no_error (error);
  other = rd_server_new (other_store, &error);
  g_assert_null (other);
  g_assert_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_clear_object (&server);
  other = rd_server_new (other_store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);

  g_clear_object (&other);
  g_clear_object (&other_store);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* ---------------------------------------------------------------- */
/* The feed's JSON writer                                            */
/* ---------------------------------------------------------------- */

/* The pull writes changes as text; they must say what the codec's objects say, for every table. */
static void
test_change_json (void)
{
  const RdTable *tables;
  guint n_tables;
  const char *texts[] = { "plain", "quote \" back \\ slash", "line\nfeed\ttab\r\x01\x1f\x7f",
                          "Zo\xc3\xab \xe2\x9c\x93", "" };

  tables = rd_tables_get_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    for (guint variant = 0; variant < 3; variant++)
      {
        const RdTable *table = &tables[t];
        g_autoptr(RdRecord) record = rd_record_new (table, texts[(t + variant) % G_N_ELEMENTS (texts)]);
        g_autoptr(JsonObject) expected = NULL;
        g_autoptr(JsonNode) expected_node = json_node_new (JSON_NODE_OBJECT);
        g_autoptr(JsonNode) written_node = NULL;
        g_autoptr(GString) out = g_string_new (NULL);
        g_autoptr(GError) error = NULL;
        g_autofree char *expected_text = NULL;

        rd_record_set_version (record, 3 + variant);
        rd_record_set_deleted (record, variant == 2);
        rd_record_set_updated_at (record, 1796119200 + t);
        rd_record_set_updated_by (record, texts[(t + variant + 1) % G_N_ELEMENTS (texts)]);
        for (guint i = 0; i < table->n_columns; i++)
          {
            if ((i + variant) % 3 == 0)
              continue;   /* left null */
            switch (table->columns[i].type)
              {
              case RD_COLUMN_TEXT:
              case RD_COLUMN_ENUM:
              case RD_COLUMN_REF:
              case RD_COLUMN_DATE:
                rd_record_set_text_at (record, i, texts[(i + variant) % G_N_ELEMENTS (texts)]);
                break;
              case RD_COLUMN_BOOLEAN:
                rd_record_set_int_at (record, i, (i + variant) % 2);
                break;
              case RD_COLUMN_TIME:
                rd_record_set_int_at (record, i, 1796119200 + 1200 * (gint64) i);
                break;
              default:
                rd_record_set_int_at (record, i, variant == 1 ? -(gint64) i * 1000003 : G_MAXINT64 - i);
                break;
              }
          }

        rd_server_append_change_json (out, record, 1000 + t);
        written_node = json_from_string (out->str, &error);
        g_assert_no_error (error);
        g_assert_nonnull (written_node);

        expected = rd_codec_record_to_json (record);
        json_object_set_int_member (expected, "seq", 1000 + t);
        json_node_set_object (expected_node, expected);
        expected_text = json_to_string (expected_node, FALSE);
        if (!json_node_equal (written_node, expected_node))
          g_error ("%s: wrote %s, the codec says %s", table->name, out->str, expected_text);
      }

  /* Text that is not UTF-8 (never from a push, which is parsed as JSON) still gives valid JSON. */
  {
    g_autoptr(RdRecord) record = rd_record_new_for_table ("vendor");
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(GError) error = NULL;

    rd_record_set_text (record, "name", "bad \xff byte");
    rd_server_append_change_json (out, record, 1);
    node = json_from_string (out->str, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_object_get_object_member (json_node_get_object (node), "row"), "name"), "bad "));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/roles", test_roles);
  g_test_add_func ("/server/scan", test_scan);
  g_test_add_func ("/server/decode", test_decode);
  g_test_add_func ("/server/hash", test_hash);
  g_test_add_func ("/server/hash-is-stable", test_hash_is_stable);
  g_test_add_func ("/server/passwords", test_passwords);
  g_test_add_func ("/server/tables", test_tables);
  g_test_add_func ("/server/answer-keys", test_answer_keys);
  g_test_add_func ("/server/answer-map", test_answer_map);
  g_test_add_func ("/server/answer-map-collision", test_answer_map_collision);
  g_test_add_func ("/server/answer-map-prune", test_answer_map_prune);
  g_test_add_func ("/server/one-server", test_one_server);
  g_test_add_func ("/server/change-json", test_change_json);

  return g_test_run ();
}
