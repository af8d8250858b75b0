/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: the SQLite store — create, migrate, refuse, CRUD, tombstones, outbox, feed, models. */

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-record-list.h"
#include "rd-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("raddesk-test-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "department.db", NULL);
}

static void
remove_all (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_remove (p);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_all (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static RdRecord *
make_modality (const char *name)
{
  RdRecord *m = rd_record_new_for_table ("modality");

  rd_record_set_text (m, "name", name);
  rd_record_set_text (m, "kind", "CT");
  rd_record_set_text (m, "opening_hours", "07:00-19:00;07:00-19:00;07:00-19:00;07:00-19:00;07:00-19:00;;");
  rd_record_set_bool (m, "active", TRUE);
  return m;
}

static char *
file_contents (const char *path)
{
  char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return contents;
}

static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) m = make_modality ("CT 1");
  g_autoptr (RdRecord) back = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, RD_SCHEMA_VERSION);
  g_assert_true (rd_store_save (store, m, "alice", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  back = rd_store_get (store, "modality", rd_record_get_id (m), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_text (back, "name"), ==, "CT 1");
  g_assert_cmpstr (rd_record_get_updated_by (back), ==, "alice");
  g_assert_true (rd_record_get_bool (back, "active"));
  g_assert_true (rd_record_is_null (back, "room"));
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_clear_object (&store);

  /* Pretend a newer RadDesk wrote the file. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode=DELETE; PRAGMA user_version=99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  before = file_contents (f->path);
  store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_assert_null (store);
  g_assert_error (error, RD_ERROR, RD_ERROR_NEWER_DATABASE);
  g_assert_nonnull (strstr (error->message, "newer RadDesk"));

  after = file_contents (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_not_a_database (Fixture       *f,
                            gconstpointer  data)
{
  static const char text[] = "patient list, not a database\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_assert_null (store);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_A_DATABASE);

  after = file_contents (f->path);
  g_assert_cmpstr (after, ==, text);
}

static void
test_refuse_other_sqlite (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE photos (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_assert_null (store);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  gsize len;

  g_assert_no_error (error);
  for (int i = 0; i < 50; i++)
    {
      g_autoptr (RdRecord) m = make_modality ("Room");
      g_assert_true (rd_store_save (store, m, "alice", NULL));
    }
  g_clear_object (&store);

  /* Damage the pages after the header: the file still says "SQLite format 3". */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  for (gsize i = 4096; i < len; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_assert_null (store);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_A_DATABASE);

  after = file_contents (f->path);
  g_assert_true (memcmp (after, contents, len) == 0);
}

static void
test_outbox_with_record (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) m = make_modality ("MR 1");
  g_autoptr (GPtrArray) outbox = NULL;
  g_autoptr (RdOutboxEntry) first = NULL;
  RdOutboxEntry *entry;

  g_assert_true (rd_store_save (store, m, "alice", &error));
  outbox = rd_store_outbox_list (store, 10);
  g_assert_cmpuint (outbox->len, ==, 1);
  entry = g_ptr_array_index (outbox, 0);
  g_assert_cmpstr (entry->table, ==, "modality");
  g_assert_cmpstr (entry->id, ==, rd_record_get_id (m));
  g_assert_cmpstr (entry->op, ==, "upsert");
  g_assert_cmpint (entry->base_version, ==, 0);
  /* The mutation id is given at the first sending. */
  g_assert_null (entry->mutation_id);
  g_assert_null (entry->body);

  /* A second edit before the push replaces the unsent entry: one per record. */
  rd_record_set_text (m, "room", "B12");
  g_assert_true (rd_store_save (store, m, "alice", &error));
  g_assert_cmpint (rd_store_outbox_count (store), ==, 1);

  /* Once frozen (sent), an entry stays and a later edit gets its own. */
  g_clear_pointer (&outbox, g_ptr_array_unref);
  outbox = rd_store_outbox_list (store, 1);
  g_assert_true (rd_store_outbox_freeze (store, ((RdOutboxEntry *) g_ptr_array_index (outbox, 0))->seq,
                                         "mutation-1", "{}", &error));
  rd_record_set_text (m, "room", "B13");
  g_assert_true (rd_store_save (store, m, "alice", &error));
  g_assert_cmpint (rd_store_outbox_count (store), ==, 2);
  g_assert_true (rd_store_has_pending (store, "modality", rd_record_get_id (m)));

  /* The frozen entry is the record's first and keeps what it was sent with. */
  first = rd_store_outbox_first_for (store, "modality", rd_record_get_id (m));
  g_assert_cmpstr (first->mutation_id, ==, "mutation-1");
  g_assert_cmpstr (first->body, ==, "{}");

  /* Once the server has a record, its later edits build on the version it gave. */
  g_assert_true (rd_store_outbox_rebase (store, "modality", rd_record_get_id (m), 7, &error));
  g_clear_pointer (&outbox, g_ptr_array_unref);
  outbox = rd_store_outbox_list (store, 10);
  g_assert_cmpint (((RdOutboxEntry *) g_ptr_array_index (outbox, 0))->base_version, ==, 0);
  g_assert_cmpint (((RdOutboxEntry *) g_ptr_array_index (outbox, 1))->base_version, ==, 7);

  g_assert_true (rd_store_outbox_remove_record (store, "modality", rd_record_get_id (m), &error));
  g_assert_cmpint (rd_store_outbox_count (store), ==, 0);
  g_assert_false (rd_store_has_pending (store, "modality", rd_record_get_id (m)));
}

/* A copy of a new record, saved after the original was, brings the one outbox entry up to date
 * rather than adding a second one that the server would refuse as stale. */
static void
test_outbox_copy_of_new_record (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) m = make_modality ("NM 1");
  g_autoptr (RdRecord) copy = rd_record_copy (m);
  g_autoptr (GPtrArray) outbox = NULL;

  g_assert_true (rd_store_save (store, m, "alice", &error));
  rd_record_set_text (copy, "room", "N2");
  g_assert_true (rd_store_save (store, copy, "alice", &error));

  outbox = rd_store_outbox_list (store, 10);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpint (((RdOutboxEntry *) g_ptr_array_index (outbox, 0))->base_version, ==, 0);
}

/* Takes the record tables back to what schema 2 had: no feed_seq. */
static void
drop_feed_seq_columns (sqlite3 *db)
{
  const RdTable *tables;
  guint n_tables;

  tables = rd_tables_get_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE \"%s\" DROP COLUMN feed_seq", tables[t].name);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
}

/* A department file of schema 1 (outbox indexed by id, mutation ids given at the edit) is brought
 * up to date with its pending edits intact and still found. */
static void
test_migrate_outbox (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) a = make_modality ("CT 1");
  g_autoptr (RdRecord) b = make_modality ("CT 2");
  g_autoptr (RdRecord) c = make_modality ("CT 3");
  g_autoptr (GPtrArray) outbox = NULL;
  g_autoptr (RdOutboxEntry) entry = NULL;
  sqlite3 *db;

  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_true (rd_store_save (store, b, "alice", &error));
  g_assert_true (rd_store_save (store, c, "alice", &error));
  g_clear_object (&store);

  /* Turn it into what RadDesk with schema 1 wrote: the first entry sent, the others not, the last removed. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "CREATE TABLE outbox_v1 (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                                 "  mutation_id TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL, "
                                 "  op TEXT NOT NULL, base_version INTEGER NOT NULL, body TEXT, base TEXT);"
                                 "INSERT INTO outbox_v1 SELECT seq, 'm-' || seq, tbl, id, op, base_version, body, base FROM outbox;"
                                 "UPDATE outbox_v1 SET body = '{\"sent\":1}' WHERE seq = (SELECT min(seq) FROM outbox_v1);"
                                 "DELETE FROM outbox_v1 WHERE seq = (SELECT max(seq) FROM outbox_v1);"
                                 "DROP TABLE outbox; ALTER TABLE outbox_v1 RENAME TO outbox;"
                                 "CREATE INDEX outbox_record ON outbox (id);"
                                 "PRAGMA user_version=1; COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  drop_feed_seq_columns (db);
  sqlite3_close (db);

  store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, RD_SCHEMA_VERSION);

  outbox = rd_store_outbox_list (store, 10);
  g_assert_cmpuint (outbox->len, ==, 2);
  entry = rd_store_outbox_first_for (store, "modality", rd_record_get_id (a));
  g_assert_cmpint (entry->seq, ==, ((RdOutboxEntry *) g_ptr_array_index (outbox, 0))->seq);
  g_assert_cmpstr (entry->body, ==, "{\"sent\":1}");
  g_assert_cmpstr (entry->mutation_id, ==, "m-1");
  g_assert_true (rd_store_has_pending (store, "modality", rd_record_get_id (b)));
  g_assert_false (rd_store_has_pending (store, "modality", rd_record_get_id (c)));

  /* A later edit of b updates its unsent entry in its place; c's new one goes last. */
  rd_record_set_text (b, "room", "B1");
  g_assert_true (rd_store_save (store, b, "alice", &error));
  g_assert_cmpint (rd_store_outbox_count (store), ==, 2);
  g_assert_true (rd_store_save (store, c, "alice", &error));
  g_clear_pointer (&outbox, g_ptr_array_unref);
  outbox = rd_store_outbox_list (store, 10);
  g_assert_cmpuint (outbox->len, ==, 3);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (outbox, 1))->id, ==, rd_record_get_id (b));
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (outbox, 2))->id, ==, rd_record_get_id (c));
}

/* An entry's number can come back once the last entry is removed; removing the old entry by its
 * answer never removes the newer one that took its number. */
static void
test_outbox_number_reused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) a = make_modality ("DX 1");
  g_autoptr (RdRecord) b = make_modality ("DX 2");
  g_autoptr (GPtrArray) sent = NULL;
  g_autoptr (GPtrArray) now = NULL;
  RdOutboxEntry *old_entry;

  g_assert_true (rd_store_save (store, a, "alice", &error));
  sent = rd_store_outbox_list (store, 1);
  old_entry = g_ptr_array_index (sent, 0);
  old_entry->mutation_id = g_strdup ("sent-1");
  g_assert_true (rd_store_outbox_freeze (store, old_entry->seq, old_entry->mutation_id, "{}", &error));

  /* The entry goes (its record's conflict took every entry of it), and a new edit follows. */
  g_assert_true (rd_store_outbox_remove_record (store, "modality", rd_record_get_id (a), &error));
  g_assert_true (rd_store_save (store, b, "alice", &error));
  now = rd_store_outbox_list (store, 10);
  g_assert_cmpuint (now->len, ==, 1);
  g_assert_cmpint (((RdOutboxEntry *) g_ptr_array_index (now, 0))->seq, ==, old_entry->seq);

  /* The late answer to the old entry removes nothing and reads no base. */
  g_assert_null (rd_store_outbox_get_base (store, old_entry));
  g_assert_true (rd_store_outbox_remove (store, old_entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_outbox_count (store), ==, 1);
  g_assert_true (rd_store_has_pending (store, "modality", rd_record_get_id (b)));
}

/* A write that fails leaves neither the record nor its outbox entry behind. */
static void
test_outbox_atomic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) m = make_modality ("US 1");
  g_autoptr (RdRecord) back = NULL;

  /* Make the outbox refuse inserts, as a full disk would refuse the second write. */
  g_assert_cmpint (sqlite3_exec (rd_store_get_db (store),
                                 "CREATE TRIGGER fail BEFORE INSERT ON outbox "
                                 "BEGIN SELECT RAISE(FAIL, 'disk full'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (rd_store_save (store, m, "alice", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_STORAGE);
  g_clear_error (&error);

  back = rd_store_get (store, "modality", rd_record_get_id (m), &error);
  g_assert_null (back);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_assert_cmpint (rd_store_outbox_count (store), ==, 0);
}

/* A full disk: the save is refused with a sentence that says so, and nothing is half-written. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autofree char *limit = NULL;
  guint saved = 0;
  gboolean refused = FALSE;

  /* SQLite answers SQLITE_FULL once the file may not grow, as on a full disk. */
  limit = g_strdup_printf ("PRAGMA max_page_count = %d", 40);
  g_assert_cmpint (sqlite3_exec (rd_store_get_db (store), limit, NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < 5000 && !refused; i++)
    {
      g_autoptr (RdRecord) m = make_modality ("A modality with a long enough name to fill pages quickly");

      if (rd_store_save (store, m, "alice", &error))
        saved++;
      else
        refused = TRUE;
    }

  g_assert_true (refused);
  g_assert_error (error, RD_ERROR, RD_ERROR_STORAGE);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  /* Every record that was saved has its outbox entry, and the refused one has neither. */
  g_assert_cmpint (rd_store_count (store, "modality"), ==, saved);
  g_assert_cmpint (rd_store_outbox_count (store), ==, saved);
}

/* A save that fails inside a group leaves the group unable to commit, unless the savepoint it ran in
 * is rolled back: nothing half-written is ever kept. */
static void
test_failed_save_in_transaction (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) a = make_modality ("CT 1");
  g_autoptr (RdRecord) b = make_modality ("CT 2");
  g_autoptr (RdRecord) c = make_modality ("CT 3");
  sqlite3 *db = rd_store_get_db (store);

  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER fail BEFORE INSERT ON outbox WHEN NEW.id = '"
                                 "00000000-0000-4000-8000-000000000000' BEGIN SELECT RAISE(FAIL, 'full'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&b);
  b = rd_record_new (rd_table_lookup ("modality"), "00000000-0000-4000-8000-000000000000");
  rd_record_set_text (b, "name", "CT 2");
  rd_record_set_text (b, "kind", "CT");
  rd_record_set_text (b, "opening_hours", ";;;;;;");
  rd_record_set_bool (b, "active", TRUE);

  /* A failed save poisons the group: its commit is refused and nothing of it stays. */
  g_assert_true (rd_store_begin (store, &error));
  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_false (rd_store_save (store, b, "alice", &error));
  g_clear_error (&error);
  g_assert_false (rd_store_commit (store, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_STORAGE);
  g_clear_error (&error);
  g_assert_cmpint (rd_store_count (store, "modality"), ==, 0);
  g_assert_cmpint (rd_store_outbox_count (store), ==, 0);

  /* Rolling back the savepoint the failure ran in clears it; the rest of the group commits. */
  g_assert_true (rd_store_begin (store, &error));
  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_true (rd_store_begin (store, &error));
  g_assert_false (rd_store_save (store, b, "alice", &error));
  g_clear_error (&error);
  rd_store_rollback (store);
  g_assert_true (rd_store_save (store, c, "alice", &error));
  g_assert_true (rd_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_count (store, "modality"), ==, 2);
  g_assert_cmpint (rd_store_outbox_count (store), ==, 2);
}

static void
test_tombstone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) m = make_modality ("DX 1");
  g_autoptr (RdRecord) back = NULL;
  g_autoptr (GPtrArray) live = NULL;
  g_autoptr (GPtrArray) outbox = NULL;
  g_autofree char *ghost = g_uuid_string_random ();

  g_assert_true (rd_store_save (store, m, "alice", &error));
  g_assert_true (rd_store_delete (store, "modality", rd_record_get_id (m), "bob", &error));

  back = rd_store_get (store, "modality", rd_record_get_id (m), &error);
  g_assert_no_error (error);
  g_assert_true (rd_record_get_deleted (back));
  g_assert_cmpstr (rd_record_get_text (back, "name"), ==, "DX 1");

  live = rd_store_list (store, "modality", NULL);
  g_assert_cmpuint (live->len, ==, 0);

  outbox = rd_store_outbox_list (store, 10);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (outbox, 0))->op, ==, "delete");

  /* Deleting what does not exist writes a tombstone, so deletes replay safely. */
  g_assert_true (rd_store_delete (store, "modality", ghost, "bob", &error));
  g_clear_object (&back);
  back = rd_store_get (store, "modality", ghost, &error);
  g_assert_no_error (error);
  g_assert_true (rd_record_get_deleted (back));
}

static void
test_server_version_and_feed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_SERVER, &error);
  g_autoptr (RdRecord) a = make_modality ("CT 1");
  g_autoptr (RdRecord) b = make_modality ("CT 2");
  gint64 seq_a, seq_b;

  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_cmpint (rd_record_get_version (a), ==, 1);
  g_assert_true (rd_store_save (store, b, "alice", &error));
  seq_a = rd_store_get_seq (store, "modality", rd_record_get_id (a));
  seq_b = rd_store_get_seq (store, "modality", rd_record_get_id (b));
  g_assert_cmpint (seq_a, <, seq_b);

  /* A change bumps the version and moves the record to the end of the feed. */
  rd_record_set_text (a, "room", "A1");
  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_cmpint (rd_record_get_version (a), ==, 2);
  g_assert_cmpint (rd_store_get_seq (store, "modality", rd_record_get_id (a)), >, seq_b);
  g_assert_cmpint (rd_store_outbox_count (store), ==, 0);

  g_assert_true (rd_store_delete (store, "modality", rd_record_get_id (b), "bob", &error));
  {
    g_autoptr (RdRecord) back = rd_store_get (store, "modality", rd_record_get_id (b), &error);
    g_assert_cmpint (rd_record_get_version (back), ==, 2);
    g_assert_true (rd_record_get_deleted (back));
  }
}

/* A server database of schema 2 (feed unique on table and id, no feed_seq in the rows) keeps every
 * record's place in the feed, and numbers already handed out are not handed out again. */
static void
test_migrate_feed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_SERVER, &error);
  g_autoptr (RdRecord) a = make_modality ("CT 1");
  g_autoptr (RdRecord) b = make_modality ("CT 2");
  g_autoptr (RdRecord) c = make_modality ("CT 3");
  gint64 seq_a, seq_b, seq_c;
  sqlite3 *db;

  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_true (rd_store_save (store, b, "alice", &error));
  g_assert_true (rd_store_save (store, c, "alice", &error));
  seq_a = rd_store_get_seq (store, "modality", rd_record_get_id (a));
  seq_b = rd_store_get_seq (store, "modality", rd_record_get_id (b));
  seq_c = rd_store_get_seq (store, "modality", rd_record_get_id (c));
  g_clear_object (&store);

  /* The feed as schema 2 had it, with the newest number's row gone. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "CREATE TABLE feed_v2 (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                                 "  tbl TEXT NOT NULL, id TEXT NOT NULL, UNIQUE (tbl, id));"
                                 "INSERT INTO feed_v2 (seq, tbl, id) SELECT seq, tbl, id FROM feed;"
                                 "UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'feed') "
                                 "  WHERE name = 'feed_v2';"
                                 "DROP TABLE feed; ALTER TABLE feed_v2 RENAME TO feed;"
                                 "DELETE FROM feed WHERE seq = (SELECT max(seq) FROM feed);"
                                 "PRAGMA user_version=2; COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  drop_feed_seq_columns (db);
  sqlite3_close (db);

  store = rd_store_open (f->path, RD_STORE_SERVER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_seq (store, "modality", rd_record_get_id (a)), ==, seq_a);
  g_assert_cmpint (rd_store_get_seq (store, "modality", rd_record_get_id (b)), ==, seq_b);
  g_assert_cmpint (rd_store_get_seq (store, "modality", rd_record_get_id (c)), ==, 0);

  /* A change moves the record to the end, past every number given before, and it stands once. */
  rd_record_set_text (a, "room", "A1");
  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_cmpint (rd_store_get_seq (store, "modality", rd_record_get_id (a)), >, seq_c);
  db = rd_store_get_db (store);
  {
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM feed WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, rd_record_get_id (a), -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
}

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecord) a = make_modality ("CT 1");
  g_autoptr (RdRecord) b = make_modality ("CT 2");

  g_assert_true (rd_store_begin (store, &error));
  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_true (rd_store_save (store, b, "alice", &error));
  rd_store_rollback (store);

  g_assert_cmpint (rd_store_count (store, "modality"), ==, 0);
  g_assert_cmpint (rd_store_outbox_count (store), ==, 0);
}

static void
on_changed (RdStore    *store,
            const char *table,
            const char *id,
            guint      *count)
{
  (*count)++;
}

static void
test_record_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autoptr (RdRecordList) list = rd_record_list_new (store, "modality");
  g_autoptr (RdRecord) a = make_modality ("CT 1");
  g_autoptr (RdRecord) b = make_modality ("MR 1");
  g_autoptr (RdRecord) first = NULL;
  guint changes = 0;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &changes);
  rd_record_list_set_order_by (list, "name");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_assert_true (rd_store_save (store, b, "alice", &error));
  g_assert_true (rd_store_save (store, a, "alice", &error));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (rd_record_get_text (first, "name"), ==, "CT 1");

  g_assert_true (rd_store_delete (store, "modality", rd_record_get_id (a), "alice", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static RdRecord *
make_booking (const char *modality_id,
              gint64      start,
              gint64      minutes)
{
  RdRecord *b = rd_record_new_for_table ("booking");
  g_autofree char *exam = g_uuid_string_random ();

  rd_record_set_text (b, "modality_id", modality_id);
  rd_record_set_text (b, "exam_type_id", exam);
  rd_record_set_int (b, "start", start);
  rd_record_set_int (b, "end", start + minutes * 60);
  rd_record_set_text (b, "patient_name", "Test Patient");
  rd_record_set_text (b, "patient_mrn", "MRN0000001");
  rd_record_set_text (b, "priority", "routine");
  rd_record_set_text (b, "status", "scheduled");
  return b;
}

static void
test_range (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, RD_STORE_WORKSTATION, &error);
  g_autofree char *ct = g_uuid_string_random ();
  g_autofree char *mr = g_uuid_string_random ();
  const gint64 day = 1796083200; /* 2026-12-01T00:00:00Z */
  g_autoptr (GPtrArray) in_day = NULL;
  g_autoptr (GPtrArray) in_ct = NULL;
  g_autoptr (RdRecordList) list = rd_record_list_new (store, "booking");

  for (int h = 0; h < 48; h++)
    {
      g_autoptr (RdRecord) b = make_booking (h % 2 ? ct : mr, day - 12 * 3600 + h * 3600, 30);
      g_assert_true (rd_store_save (store, b, "alice", &error));
    }

  /* Bookings that end exactly at the range start do not overlap it. */
  in_day = rd_store_list_range (store, "booking", day, day + 86400, NULL);
  g_assert_cmpuint (in_day->len, ==, 24);
  in_ct = rd_store_list_range (store, "booking", day, day + 86400, ct);
  g_assert_cmpuint (in_ct->len, ==, 12);
  for (guint i = 1; i < in_ct->len; i++)
    g_assert_cmpint (rd_record_get_int (g_ptr_array_index (in_ct, i - 1), "start"), <,
                     rd_record_get_int (g_ptr_array_index (in_ct, i), "start"));

  rd_record_list_set_range (list, day, day + 3600, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/store/create-and-reopen", test_create_and_reopen);
  ADD ("/store/refuse-newer", test_refuse_newer);
  ADD ("/store/refuse-not-a-database", test_refuse_not_a_database);
  ADD ("/store/refuse-other-sqlite", test_refuse_other_sqlite);
  ADD ("/store/refuse-corrupt", test_refuse_corrupt);
  ADD ("/store/outbox-with-record", test_outbox_with_record);
  ADD ("/store/outbox-atomic", test_outbox_atomic);
  ADD ("/store/outbox-copy-of-new-record", test_outbox_copy_of_new_record);
  ADD ("/store/migrate-outbox", test_migrate_outbox);
  ADD ("/store/outbox-number-reused", test_outbox_number_reused);
  ADD ("/store/disk-full", test_disk_full);
  ADD ("/store/failed-save-in-transaction", test_failed_save_in_transaction);
  ADD ("/store/tombstone", test_tombstone);
  ADD ("/store/server-version-and-feed", test_server_version_and_feed);
  ADD ("/store/migrate-feed", test_migrate_feed);
  ADD ("/store/transaction-rollback", test_transaction_rollback);
  ADD ("/store/record-list", test_record_list);
  ADD ("/store/range", test_range);
#undef ADD

  return g_test_run ();
}
