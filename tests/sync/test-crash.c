/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c: a workstation killed with SIGKILL mid-push and mid-pull loses nothing, duplicates nothing and converges. */

#include <glib/gstdio.h>
#include <string.h>

#include "rd-codec.h"
#include "rd-test-server.h"

#define N_RECORDS 20000

static char *template_db;
static char *admin_token;

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs raddesk-sync on @path and kills it after @delay_ms, unless it finished first. */
static gboolean
sync_and_kill (RdTestServer *server,
               const char   *path,
               guint         delay_ms)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  gboolean finished = FALSE;
  gboolean deadline = FALSE;
  guint deadline_id;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("RADDESK_SYNC"), "--database", path, "--server", server->url,
                              "--token", server->token, NULL);
  g_assert_no_error (error);

  g_subprocess_wait_async (process, NULL, on_exited, &finished);
  deadline_id = g_timeout_add (delay_ms, on_deadline, &deadline);
  while (!finished && !deadline)
    g_main_context_iteration (NULL, TRUE);

  if (!finished)
    {
      g_subprocess_force_exit (process);
      while (!finished)
        g_main_context_iteration (NULL, TRUE);
    }
  if (!deadline)
    g_source_remove (deadline_id);

  return g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

/* Progress of a run: records not yet pushed plus records not yet pulled. */
static gint64
progress (const char *path)
{
  g_autoptr (RdStore) store = rd_store_open (path, RD_STORE_WORKSTATION, NULL);

  g_assert_nonnull (store);
  return rd_store_outbox_count (store) + (N_RECORDS - rd_store_count (store, "vendor"));
}

static void
sync_until_done (RdTestServer *server,
                 const char   *path,
                 GRand        *rand,
                 guint        *kills)
{
  gboolean cut_midway = FALSE;

  /* Kill it at random moments, waiting longer each time so that a slow machine gets there too,
   * until some kills fell mid-run; then let it finish. */
  for (guint i = 0; i < 60 && !(cut_midway && i >= 8); i++)
    if (!sync_and_kill (server, path, g_rand_int_range (rand, 5, 40) + i * 15))
      {
        gint64 left = progress (path);

        (*kills)++;
        if (left > 0 && left < N_RECORDS)
          cut_midway = TRUE;
      }

  /* At least one kill fell between the first and the last page. */
  g_assert_true (cut_midway);

  g_assert_true (sync_and_kill (server, path, 60000));
}

static void
test_kill_mid_push_and_pull (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  RdTestServer *server = rd_test_server_new (template_db);
  RdTestWorkstation *a, *b, *reader;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *dump_s = NULL;
  g_autoptr (GPtrArray) modalities = NULL;
  guint kills = 0;

  server->token = g_strdup (admin_token);
  a = rd_test_workstation_new (server, "a");

  g_assert_true (rd_store_begin (a->store, NULL));
  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autoptr (RdRecord) v = rd_record_new_for_table ("vendor");
      g_autofree char *name = g_strdup_printf ("Vendor %04u", i);

      rd_record_set_text (v, "name", name);
      g_assert_true (rd_store_save (a->store, v, "admin", NULL));
    }
  g_assert_true (rd_store_commit (a->store, NULL));

  /* The workstation's process is the one killed; this test only reads its file between runs. */
  g_clear_object (&a->client);
  g_clear_object (&a->store);
  sync_until_done (server, a->path, rand, &kills);
  rd_test_workstation_reopen (a);
  g_assert_cmpint (rd_store_outbox_count (a->store), ==, 0);

  /* A second workstation pulls it all, killed mid-pull. */
  b = rd_test_workstation_new (server, "b");
  g_clear_object (&b->client);
  g_clear_object (&b->store);
  sync_until_done (server, b->path, rand, &kills);
  rd_test_workstation_reopen (b);

  reader = rd_test_workstation_new (server, "reader");
  g_assert_true (rd_test_workstation_sync (reader, NULL));
  modalities = rd_store_list (reader->store, "vendor", NULL);
  g_assert_cmpuint (modalities->len, ==, N_RECORDS);

  /* Applied once each: a resent mutation got its stored answer, not a second version. */
  for (guint i = 0; i < modalities->len; i++)
    g_assert_cmpint (rd_record_get_version (g_ptr_array_index (modalities, i)), ==, 1);

  dump_a = rd_test_dump (a->store);
  dump_b = rd_test_dump (b->store);
  dump_s = rd_test_dump (reader->store);
  g_assert_cmpstr (dump_a, ==, dump_s);
  g_assert_cmpstr (dump_b, ==, dump_s);
  g_print ("# %u kills of raddesk-sync mid-run; %u records converged\n", kills, N_RECORDS);
  g_assert_cmpuint (kills, >, 0);

  rd_test_workstation_free (a);
  rd_test_workstation_free (b);
  rd_test_workstation_free (reader);
  rd_test_server_free (server);
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

  g_test_add_func ("/sync/kill-mid-push-and-pull", test_kill_mid_push_and_pull);

  status = g_test_run ();
  g_remove (template_db);
  g_rmdir (dir);
  return status;
}
