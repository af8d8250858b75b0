/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-checkpoint.c: copies the WAL back into the database file on a thread of its own, so that requests never wait for it. */

#include "config.h"

#include "rd-server-private.h"

/* SQLite's own automatic checkpoint starts at 1000 pages; ours too, but off the main loop. */
#define CHECKPOINT_PAGES  1000

/* Should the thread fall behind (a reader holding an old snapshot, a slow disk), the main loop
 * checkpoints itself past this, so that the WAL stays bounded. */
#define FORCE_PAGES       50000

struct _RdCheckpointer
{
  sqlite3   *db;        /* the server's connection, whose commits call the hook */
  sqlite3   *own;       /* the thread's connection to the same file */
  GThread   *thread;
  GMutex     lock;
  GCond      cond;
  gboolean   requested;
  gboolean   stopping;
};

static gpointer
checkpoint_thread (gpointer data)
{
  RdCheckpointer *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      while (!self->requested && !self->stopping)
        g_cond_wait (&self->cond, &self->lock);
      if (self->stopping)
        break;
      self->requested = FALSE;
      g_mutex_unlock (&self->lock);

      /* PASSIVE neither waits for nor blocks the writer: what it cannot copy now waits for the
       * next request. */
      sqlite3_wal_checkpoint_v2 (self->own, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

      g_mutex_lock (&self->lock);
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

/* Called by SQLite after each commit of the server's connection, with the WAL's size in pages. */
static int
on_wal_commit (void       *data,
               sqlite3    *db,
               const char *name,
               int         n_pages)
{
  RdCheckpointer *self = data;

  if (n_pages >= FORCE_PAGES)
    {
      sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      return SQLITE_OK;
    }

  if (n_pages >= CHECKPOINT_PAGES)
    {
      g_mutex_lock (&self->lock);
      self->requested = TRUE;
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->lock);
    }

  return SQLITE_OK;
}

/**
 * rd_checkpointer_new:
 * @db: the server's connection, in WAL mode
 * @path: (nullable): its file; %NULL or ":memory:" for none
 *
 * Replaces SQLite's automatic checkpoint on @db (which runs inside the commit that crosses
 * its threshold, so a push or a sign-in would wait for it) by one on a thread with its
 * own connection. Durability is unchanged: a commit is synced to the WAL as before.
 *
 * Returns: (transfer full) (nullable): the checkpointer, or %NULL when @db keeps SQLite's own
 */
RdCheckpointer *
rd_checkpointer_new (sqlite3    *db,
                     const char *path)
{
  RdCheckpointer *self;
  sqlite3 *own = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if (path == NULL || path[0] == '\0' || g_str_equal (path, ":memory:") || sqlite3_db_readonly (db, "main") != 0)
    return NULL;

  if (sqlite3_open_v2 (path, &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK
      || sqlite3_exec (own, "PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_warning ("The checkpoint connection could not be opened: %s; SQLite checkpoints on its own",
                 own != NULL ? sqlite3_errmsg (own) : "out of memory");
      sqlite3_close_v2 (own);
      return NULL;
    }
  sqlite3_busy_timeout (own, 5000);

  self = g_new0 (RdCheckpointer, 1);
  self->db = db;
  self->own = own;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("rd-checkpoint", checkpoint_thread, self);

  sqlite3_wal_hook (db, on_wal_commit, self);
  return self;
}

/**
 * rd_checkpointer_free:
 * @self: (nullable): a checkpointer
 *
 * Gives the server's connection back SQLite's automatic checkpoint, stops the thread after
 * the checkpoint it may be running, and closes its connection.
 */
void
rd_checkpointer_free (RdCheckpointer *self)
{
  if (self == NULL)
    return;

  sqlite3_wal_autocheckpoint (self->db, 1000);

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  sqlite3_close_v2 (self->own);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
