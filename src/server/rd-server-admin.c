/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-admin.c: raddesk-server's sub-commands for the server host — users, tokens, backup, check. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-codec.h"
#include "rd-server.h"

#define MAX_PASSWORD 1024

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static char *
read_line (FILE *stream)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = fgetc (stream)) != EOF && c != '\n')
    {
      if (line->len < MAX_PASSWORD)
        g_string_append_c (line, (char) c);
    }

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  if (c == EOF && line->len == 0)
    {
      g_string_free (line, TRUE);
      return NULL;
    }

  return g_string_free (line, FALSE);
}

static char *
ask_hidden (const char *prompt)
{
  struct termios old, quiet;
  gboolean restore;
  char *answer;

  g_printerr ("%s", prompt);
  restore = tcgetattr (STDIN_FILENO, &old) == 0;
  if (restore)
    {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  answer = read_line (stdin);

  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
  g_printerr ("\n");

  return answer;
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static char *
read_password (const char *name)
{
  char *first, *second;
  g_autofree char *prompt = NULL;

  if (!isatty (STDIN_FILENO))
    return read_line (stdin);

  prompt = g_strdup_printf (_("Password for %s: "), name);
  first = ask_hidden (prompt);
  second = ask_hidden (_("The same password again: "));

  if (first == NULL || second == NULL || strcmp (first, second) != 0)
    {
      g_printerr (_("The two passwords differ; nothing was changed.\n"));
      wipe (first);
      wipe (second);
      return NULL;
    }

  wipe (second);
  return first;
}

static gboolean
name_is_acceptable (const char *name)
{
  if (name == NULL || name[0] == '\0' || strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return FALSE;

  return TRUE;
}

static RdStore *
open_store (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (database, RD_STORE_SERVER, &error);

  if (store == NULL || !rd_server_db_init (rd_store_get_db (store), &error))
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }

  return g_steal_pointer (&store);
}

static int
user_add (RdStore  *store,
          int       argc,
          char    **argv)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL, *role = NULL;
  char *password;
  gboolean ok;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--role") && i + 1 < argc)
        role = argv[++i];
      else if (g_str_has_prefix (argv[i], "--role="))
        role = argv[i] + strlen ("--role=");
      else if (name == NULL && argv[i][0] != '-')
        name = argv[i];
      else
        {
          g_printerr (_("Usage: raddesk-server --database FILE user add NAME --role ROLE\n"));
          return 2;
        }
    }

  if (name == NULL || role == NULL)
    {
      g_printerr (_("Usage: raddesk-server --database FILE user add NAME --role ROLE\n"));
      return 2;
    }
  if (!name_is_acceptable (name))
    {
      g_printerr (_("A user name is 1 to 64 characters without spaces.\n"));
      return 2;
    }
  if (!rd_server_role_is_valid (role))
    {
      g_printerr (_("“%s” is not a role; use coordinator, manager, trainer or admin.\n"), role);
      return 2;
    }

  password = read_password (name);
  if (password == NULL || password[0] == '\0')
    {
      g_printerr (_("No password was given; the user was not added.\n"));
      wipe (password);
      return 1;
    }

  ok = rd_server_user_add (rd_store_get_db (store), name, role, password, &error);
  wipe (password);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (_("Added %s (%s).\n"), name, role);
  return 0;
}

static int
user_list (RdStore *store)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (rd_store_get_db (store),
                      "SELECT name, role, disabled FROM server_user ORDER BY name", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_print ("%s\t%s\t%s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
             sqlite3_column_int (stmt, 2) ? "disabled" : "active");
  sqlite3_finalize (stmt);

  return 0;
}

static int
run_user (RdStore  *store,
          int       argc,
          char    **argv)
{
  g_autoptr(GError) error = NULL;

  if (argc >= 1 && g_str_equal (argv[0], "add"))
    return user_add (store, argc - 1, argv + 1);
  if (argc == 1 && g_str_equal (argv[0], "list"))
    return user_list (store);
  if (argc == 2 && g_str_equal (argv[0], "disable"))
    {
      if (!rd_server_user_disable (rd_store_get_db (store), argv[1], &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print (_("Disabled %s; their tokens no longer work.\n"), argv[1]);
      return 0;
    }

  g_printerr (_("Usage: raddesk-server --database FILE user add NAME --role ROLE | user list | user disable NAME\n"));
  return 2;
}

static int
run_token (RdStore    *store,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = rd_server_token_create (rd_store_get_db (store), name, NULL, NULL, &error);

  if (token == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("%s\n", token);
  return 0;
}

static int
run_backup (const char *database,
            const char *dest_path)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *source = NULL, *dest = NULL;
  sqlite3_backup *backup;
  int rc = SQLITE_OK;

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("%s exists already; choose a new file for the backup.\n"), dest_path);
      return 1;
    }

  /* A connection of its own, so the copy is consistent while the server goes on writing. */
  if (sqlite3_open_v2 (database, &source, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_printerr (_("The backup could not be started: %s\n"),
                  sqlite3_errmsg (dest != NULL ? dest : source));
      sqlite3_close (source);
      sqlite3_close (dest);
      return 1;
    }
  sqlite3_busy_timeout (source, 5000);

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup != NULL)
    {
      do
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep (50);
        }
      while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      sqlite3_backup_finish (backup);
    }

  if (backup == NULL || rc != SQLITE_DONE)
    {
      g_printerr (_("The backup failed: %s\n"), sqlite3_errmsg (dest));
      sqlite3_close (source);
      sqlite3_close (dest);
      g_unlink (dest_path);
      return 1;
    }
  sqlite3_close (source);

  /* The copy forgets its epoch: a server started on it later makes a new one, and clients
   * holding cursors of the replaced database start again from empty. */
  if (!rd_server_db_init (dest, &error) || !rd_server_db_clear_epoch (dest, &error))
    {
      g_printerr ("%s\n", error->message);
      sqlite3_close (dest);
      return 1;
    }

  sqlite3_exec (dest, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_close (dest);
  g_print (_("Backed up to %s.\n"), dest_path);
  return 0;
}

static int
run_check (const char *database)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  guint n = 0;

  if (!g_file_test (database, G_FILE_TEST_IS_REGULAR)
      || sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_print (_("%s cannot be read as a database.\n"), database);
      sqlite3_close (db);
      return 1;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (n++ == 0 && g_strcmp0 (line, "ok") == 0)
        ok = TRUE;
      g_print ("%s\n", line != NULL ? line : "");
    }

  if (n == 0)
    g_print (_("%s cannot be read as a database.\n"), database);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok ? 0 : 1;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_server_admin_run:
 * @database: the server's database file
 * @argc: the number of sub-command words
 * @argv: the sub-command and its arguments
 *
 * Returns: the exit status: 0 done, 1 failed, 2 wrong usage
 */
int
rd_server_admin_run (const char  *database,
                     int          argc,
                     char       **argv)
{
  g_autoptr(RdStore) store = NULL;

  if (argc < 1)
    return 2;

  if (g_str_equal (argv[0], "check") && argc == 1)
    return run_check (database);
  if (g_str_equal (argv[0], "backup") && argc == 2)
    return run_backup (database, argv[1]);

  if (g_str_equal (argv[0], "user") || (g_str_equal (argv[0], "token") && argc == 2))
    {
      store = open_store (database);
      if (store == NULL)
        return 1;

      if (g_str_equal (argv[0], "user"))
        return run_user (store, argc - 1, argv + 1);
      return run_token (store, argv[1]);
    }

  g_printerr (_("Unknown command “%s”; see raddesk-server --help.\n"), argv[0]);
  return 2;
}
