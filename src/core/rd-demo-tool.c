/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-demo-tool.c: raddesk-demo, which writes a demo department database for trying RadDesk out. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rd-demo.h"
#include "rd-store.h"

static GDateTime *
parse_today (const char  *text,
             GError     **error)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/London");
  int y, m, d, hh = 12, mm = 0;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  if (text == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now (tz);

      return g_date_time_ref (now);
    }
  if (sscanf (text, "%d-%d-%d", &y, &m, &d) != 3
      || (strlen (text) > 10 && sscanf (text + 10, "%*[ T]%d:%d", &hh, &mm) != 2)
      || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date; write it as YYYY-MM-DD, optionally followed by HH:MM."), text);
      return NULL;
    }

  return g_date_time_new (tz, y, m, d, hh, mm, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autofree char *today_text = NULL;
  gint64 seed = 1, started;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("The seed: the same seed and day give the same department"), "N" },
    { "today", 't', 0, G_OPTION_ARG_STRING, &today_text,
      N_("The day (and time, default 12:00) the department is seen at, in Europe/London"), "YYYY-MM-DD[THH:MM]" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUTPUT if it exists"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("OUTPUT.db — write a demo department"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr (_("Name one output file, for example: raddesk-demo --seed 1 demo.db\n"));
      return 2;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr (_("The seed must be a whole number from 0 to %u.\n"), G_MAXUINT32);
      return 2;
    }
  if ((today = parse_today (today_text, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

      if (!force)
        {
          g_printerr (_("%s exists already; choose another name or add --force to replace it.\n"), argv[1]);
          return 1;
        }
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *path = g_strconcat (argv[1], suffixes[i], NULL);
          g_remove (path);
        }
    }

  started = g_get_monotonic_time ();
  if ((store = rd_store_open (argv[1], RD_STORE_WORKSTATION, &error)) == NULL
      || !rd_demo_generate (store, (guint32) seed, today, &error))
    {
      g_printerr (_("Could not write the demo department: %s\n"), error->message);
      return 1;
    }

  g_print (_("Wrote the demo department to %s: %lld bookings in %.2f s.\n"),
           argv[1], (long long) rd_store_count (store, "booking"), (g_get_monotonic_time () - started) / 1e6);
  return 0;
}
