/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bare-window.c: a bare window that quits after its first frame — the yardstick for RadDesk's start-up.
 * With --adw it is a bare libadwaita window (AdwApplication, header bar), which shows what the
 * platform library costs before RadDesk does anything. */

#include <adwaita.h>

static gboolean use_adw;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_print ("first-frame\n");
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_map (GtkWidget *window,
        gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), user_data);
}

static void
on_activate (GtkApplication *app,
             gpointer        user_data)
{
  GtkWidget *window;

  if (use_adw)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      window = adw_application_window_new (app);
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }
  else
    window = gtk_application_window_new (app);

  /* RadDesk's default window size (the window-width and window-height settings), so that both
   * windows have as many pixels to draw. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  g_signal_connect (window, "map", G_CALLBACK (on_map), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GtkApplication) app = NULL;

  use_adw = argc > 1 && g_str_equal (argv[1], "--adw");
  app = use_adw ? GTK_APPLICATION (adw_application_new ("io.github.raddesk.BareAdwWindow", G_APPLICATION_NON_UNIQUE))
                : gtk_application_new ("io.github.raddesk.BareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
