/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-convergence.c: three workstations make random changes across every table while randomly offline; after syncing until quiet, all equal the server. */

#include <glib/gstdio.h>
#include <string.h>

#include "rd-sync-apply.h"
#include "rd-test-server.h"

#define N_WORKSTATIONS 3
#define N_STEPS 60
#define DAY 1796083200 /* 2026-12-01T00:00:00Z */

static char *template_db;
static char *admin_token;
static guint n_conflicts, n_rejected, n_records, n_flagged;

/* ---------------------------------------------------------------- */
/* Random records                                                    */
/* ---------------------------------------------------------------- */

static const char *
pick_ref (RdStore    *store,
          const char *table,
          GRand      *rand)
{
  g_autoptr (GPtrArray) live = rd_store_list (store, table, NULL);
  static char id[64];

  if (live->len == 0)
    return NULL;
  g_strlcpy (id, rd_record_get_id (g_ptr_array_index (live, g_rand_int_range (rand, 0, live->len))), sizeof id);
  return id;
}

/* A valid value for one column; start and end of a table are set together by set_times. */
static gboolean
set_random_value (RdStore  *store,
                  RdRecord *record,
                  guint     i,
                  GRand    *rand)
{
  const RdColumn *col = &rd_record_get_table (record)->columns[i];

  if (col->server_owned)
    return TRUE;
  if (!col->required && g_rand_int_range (rand, 0, 5) == 0)
    {
      rd_record_set_null_at (record, i);
      return TRUE;
    }

  switch (col->type)
    {
    case RD_COLUMN_TEXT:
      {
        g_autofree char *text = g_strdup_printf ("%s %u", col->name, g_rand_int_range (rand, 0, 1000));
        rd_record_set_text_at (record, i, text);
      }
      return TRUE;
    case RD_COLUMN_ENUM:
      rd_record_set_text_at (record, i, col->values[g_rand_int_range (rand, 0, g_strv_length ((char **) col->values))]);
      return TRUE;
    case RD_COLUMN_DATE:
      {
        g_autoptr (GDateTime) d = g_date_time_new_from_unix_utc (DAY + (gint64) g_rand_int_range (rand, -400, 400) * 86400);
        g_autofree char *text = g_date_time_format (d, "%Y-%m-%d");
        rd_record_set_text_at (record, i, text);
      }
      return TRUE;
    case RD_COLUMN_TIME:
      rd_record_set_int_at (record, i, DAY + (gint64) g_rand_int_range (rand, 0, 96) * 900);
      return TRUE;
    case RD_COLUMN_BOOLEAN:
      rd_record_set_int_at (record, i, g_rand_boolean (rand));
      return TRUE;
    case RD_COLUMN_INTEGER:
      rd_record_set_int_at (record, i, g_rand_int_range (rand, 1, 500));
      return TRUE;
    case RD_COLUMN_MONEY:
      rd_record_set_int_at (record, i, g_rand_int_range (rand, 0, 10000000));
      return TRUE;
    case RD_COLUMN_REF:
      {
        const char *ref = pick_ref (store, col->ref, rand);

        if (ref == NULL && col->required)
          return FALSE;
        rd_record_set_text_at (record, i, ref);
      }
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static void
set_times (RdRecord *record,
           GRand    *rand)
{
  const RdTable *table = rd_record_get_table (record);

  if (rd_table_column_index (table, "start") >= 0 && rd_table_get_column (table, "start")->type == RD_COLUMN_TIME)
    {
      /* A busy morning, so that bookings collide. */
      gint64 start = DAY + (gint64) g_rand_int_range (rand, 32, 48) * 900;

      rd_record_set_int (record, "start", start);
      rd_record_set_int (record, "end", start + g_rand_int_range (rand, 1, 5) * 900);
    }
}

static void
trace (const char *what,
       RdRecord   *record)
{
  if (g_getenv ("RADDESK_SYNC_TRACE"))
    g_print ("#   %s %s %s v%" G_GINT64_FORMAT "\n", what, rd_record_get_table_name (record), rd_record_get_id (record),
             rd_record_get_version (record));
}

static void
random_create (RdStore *store,
               GRand   *rand)
{
  const RdTable *tables;
  guint n_tables;
  g_autoptr (RdRecord) record = NULL;

  tables = rd_tables_get_all (&n_tables);
  record = rd_record_new (&tables[g_rand_int_range (rand, 0, n_tables)], NULL);

  for (guint i = 0; i < rd_record_get_table (record)->n_columns; i++)
    while (!set_random_value (store, record, i, rand))
      {
        /* A required reference with nothing to refer to yet: make the record it needs first. */
        g_autoptr (RdRecord) needed = rd_record_new (rd_table_lookup (rd_record_get_table (record)->columns[i].ref), NULL);

        for (guint j = 0; j < rd_record_get_table (needed)->n_columns; j++)
          if (!set_random_value (store, needed, j, rand))
            return;
        set_times (needed, rand);
        g_assert_true (rd_store_save (store, needed, "admin", NULL));
        trace ("create", needed);
      }
  set_times (record, rand);

  g_assert_true (rd_store_save (store, record, "admin", NULL));
  trace ("create", record);
}

static RdRecord *
pick_live (RdStore *store,
           GRand   *rand)
{
  const RdTable *tables;
  guint n_tables;
  g_autoptr (GPtrArray) live = NULL;

  tables = rd_tables_get_all (&n_tables);
  live = rd_store_list (store, tables[g_rand_int_range (rand, 0, n_tables)].name, NULL);
  if (live->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (live, g_rand_int_range (rand, 0, live->len)));
}

static void
random_edit (RdStore *store,
             GRand   *rand)
{
  g_autoptr (RdRecord) record = pick_live (store, rand);
  const RdTable *table;
  guint i;

  if (record == NULL)
    return;

  table = rd_record_get_table (record);
  i = g_rand_int_range (rand, 0, table->n_columns);
  if (g_str_equal (table->columns[i].name, "start") || g_str_equal (table->columns[i].name, "end"))
    set_times (record, rand);
  else if (!set_random_value (store, record, i, rand))
    return;

  g_assert_true (rd_store_save (store, record, "admin", NULL));
  trace ("edit", record);
}

static void
random_delete (RdStore *store,
               GRand   *rand)
{
  g_autoptr (RdRecord) record = pick_live (store, rand);

  if (record != NULL)
    trace ("delete", record);
  if (record != NULL)
    g_assert_true (rd_store_delete (store, rd_record_get_table_name (record), rd_record_get_id (record), "admin", NULL));
}

/* ---------------------------------------------------------------- */
/* The run                                                           */
/* ---------------------------------------------------------------- */

static void
resolve_all (RdStore *store,
             GRand   *rand)
{
  g_autoptr (GPtrArray) issues = rd_sync_list_issues (store);

  for (guint i = 0; i < issues->len; i++)
    {
      RdSyncIssue *issue = g_ptr_array_index (issues, i);
      g_autoptr (GError) error = NULL;

      if (issue->kind == RD_SYNC_ISSUE_REJECTED)
        {
          n_rejected++;
          if (g_getenv ("RADDESK_SYNC_VERBOSE"))
            g_print ("# rejected %s %s: %s %s\n", issue->table, issue->record_id, issue->reason, issue->message);
        }
      else
        n_conflicts++;

      if (issue->kind == RD_SYNC_ISSUE_REJECTED)
        g_assert_true (rd_sync_resolve_discard (store, issue->id, &error));
      else if (g_rand_boolean (rand))
        g_assert_true (rd_sync_resolve_keep_mine (store, issue->id, "admin", &error));
      else
        g_assert_true (rd_sync_resolve_keep_theirs (store, issue->id, &error));
      g_assert_no_error (error);
    }
}

static void
run_seed (guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  RdTestServer *server = rd_test_server_new (template_db);
  RdTestWorkstation *ws[N_WORKSTATIONS];
  RdTestWorkstation *reader;
  g_autofree char *expected = NULL;
  gboolean quiet = FALSE;

  server->token = g_strdup (admin_token);
  for (guint w = 0; w < N_WORKSTATIONS; w++)
    {
      g_autofree char *name = g_strdup_printf ("ws%u", w);
      ws[w] = rd_test_workstation_new (server, name);
    }

  for (guint step = 0; step < N_STEPS; step++)
    {
      guint wi = g_rand_int_range (rand, 0, N_WORKSTATIONS);
      RdTestWorkstation *w = ws[wi];
      guint op = g_rand_int_range (rand, 0, 100);

      if (g_getenv ("RADDESK_SYNC_TRACE"))
        g_print ("# ws%u op %u\n", wi, op);

      if (op < 45)
        random_create (w->store, rand);
      else if (op < 70)
        random_edit (w->store, rand);
      else if (op < 80)
        random_delete (w->store, rand);
      else
        {
          /* A workstation that is online syncs; the others stay offline meanwhile. */
          g_autoptr (GError) error = NULL;
          rd_test_workstation_sync (w, &error);
          g_assert_no_error (error);
          if (g_rand_int_range (rand, 0, 3) == 0)
            resolve_all (w->store, rand);
        }
    }

  /* Everyone back online: resolve what needs a person, sync until nothing moves. */
  for (guint round = 0; round < 12 && !quiet; round++)
    {
      quiet = TRUE;
      for (guint w = 0; w < N_WORKSTATIONS; w++)
        {
          g_autoptr (GError) error = NULL;

          resolve_all (ws[w]->store, rand);
          if (rd_store_outbox_count (ws[w]->store) > 0)
            quiet = FALSE;
          rd_test_workstation_sync (ws[w], &error);
          g_assert_no_error (error);
          if (rd_sync_count_issues (ws[w]->store) > 0 || rd_store_outbox_count (ws[w]->store) > 0)
            quiet = FALSE;
        }
    }
  g_assert_true (quiet);

  for (guint w = 0; w < N_WORKSTATIONS; w++)
    {
      g_autoptr (GError) error = NULL;
      rd_test_workstation_sync (ws[w], &error);
      g_assert_no_error (error);
    }

  reader = rd_test_workstation_new (server, "reader");
  g_assert_true (rd_test_workstation_sync (reader, NULL));
  expected = rd_test_dump (reader->store);
  {
    g_auto (GStrv) lines = g_strsplit (expected, "\n", -1);
    n_records += g_strv_length (lines) - 1;
  }
  {
    g_autoptr (GPtrArray) flagged = rd_sync_list_flagged (reader->store);
    n_flagged += flagged->len;
  }

  for (guint w = 0; w < N_WORKSTATIONS; w++)
    {
      g_autofree char *dump = rd_test_dump (ws[w]->store);

      if (g_strcmp0 (dump, expected) != 0)
        g_error ("seed %u: workstation %u differs from the server:\n--- server\n%s\n--- ws%u\n%s", seed, w,
                 expected, w, dump);
      rd_test_workstation_free (ws[w]);
    }

  rd_test_workstation_free (reader);
  rd_test_server_free (server);
}

static void
test_convergence (void)
{
  const char *env = g_getenv ("RADDESK_SYNC_SEEDS");
  guint n = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 200;
  const char *first_env = g_getenv ("RADDESK_SYNC_FIRST_SEED");
  guint first = first_env != NULL ? (guint) g_ascii_strtoull (first_env, NULL, 10) : 1;

  for (guint seed = first; seed < first + n; seed++)
    {
      if (g_getenv ("RADDESK_SYNC_VERBOSE"))
        g_print ("# seed %u\n", seed);
      run_seed (seed);
    }
  g_print ("# %u seeds converged: %u records in all, %u conflicts and %u rejected edits resolved, "
           "%u bookings flagged by the server\n", n, n_records, n_conflicts, n_rejected, n_flagged);
  g_assert_cmpuint (n_records, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("raddesk-sync-template-XXXXXX", NULL);
  template_db = rd_test_server_template (dir, &admin_token);

  g_test_add_func ("/sync/convergence", test_convergence);

  status = g_test_run ();
  g_remove (template_db);
  g_rmdir (dir);
  return status;
}
