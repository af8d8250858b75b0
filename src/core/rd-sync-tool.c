/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-tool.c: raddesk-sync, one sync round of a workstation database from the command line (scripts, tests). */

#include "config.h"

#include <locale.h>

#include "rd-sync-apply.h"
#include "rd-sync-client.h"

static gboolean done;
static gboolean ok;
static char *failure;

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  ok = rd_sync_client_sync_finish (RD_SYNC_CLIENT (source), result, &error);
  if (!ok)
    failure = g_strdup (error->message);
  done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  g_autofree char *server = NULL;
  g_autofree char *token = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdSyncClient) client = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "The workstation's department file", "FILE" },
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, "The server, e.g. http://127.0.0.1:8470", "URL" },
    { "token", 't', 0, G_OPTION_ARG_STRING, &token, "A token (else $RADDESK_TOKEN)", "TOKEN" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- sync a RadDesk workstation database once");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("raddesk-sync: %s\n", error->message);
      return 2;
    }
  if (token == NULL)
    token = g_strdup (g_getenv ("RADDESK_TOKEN"));
  if (database == NULL || server == NULL || token == NULL)
    {
      g_printerr ("raddesk-sync: --database, --server and a token are needed\n");
      return 2;
    }

  store = rd_store_open (database, RD_STORE_WORKSTATION, &error);
  if (store == NULL)
    {
      g_printerr ("raddesk-sync: %s\n", error->message);
      return 1;
    }

  client = rd_sync_client_new (store);
  rd_sync_client_set_server (client, server);
  rd_sync_client_set_token (client, token);
  rd_sync_client_sync_async (client, NULL, on_synced, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  if (!ok)
    {
      g_printerr ("raddesk-sync: %s\n", failure);
      return 1;
    }

  g_print ("synced: %" G_GINT64_FORMAT " waiting, %" G_GINT64_FORMAT " conflicts\n",
           rd_sync_client_get_pending (client), rd_sync_client_get_conflicts (client));
  return 0;
}
