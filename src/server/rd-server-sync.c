/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-sync.c: GET /v1/changes, the feed, with long polls; the push is rd-server-push.c. */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rd-codec.h"
#include "rd-server-private.h"

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
