/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-window-actions.c: the main window's actions (win.*) and their keyboard shortcuts. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-preferences-window.h"
#include "rd-record-view.h"
#include "rd-window-private.h"
#include "sync/rd-sync-preferences.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

/* The first widget of @type under @widget, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* ---------------------------------------------------------------- */
/* Actions                                                           */
/* ---------------------------------------------------------------- */

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *page;

  rd_window_show_page (self, name);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);

  /* Alt+1…7 and the Overview's links take the keyboard to the page they show. */
  page = rd_window_get_page_widget (self, name);
  if (page != NULL)
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  rd_window_show_sidebar (RD_WINDOW (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  GtkWidget *found;

  if (page == NULL)
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->content_box);

  /* Pages built on RdRecordView search through it; other pages through their own search bar. */
  if ((found = find_descendant (page, RD_TYPE_RECORD_VIEW)) != NULL)
    rd_record_view_set_search_mode (RD_RECORD_VIEW (found), TRUE);
  else if ((found = find_descendant (page, GTK_TYPE_SEARCH_BAR)) != NULL)
    {
      GtkWidget *entry = find_descendant (found, GTK_TYPE_SEARCH_ENTRY);

      gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (found), TRUE);
      if (entry != NULL)
        gtk_widget_grab_focus (entry);
    }
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdPreferencesWindow *preferences = rd_preferences_window_new (GTK_WINDOW (self), self->store);

  rd_sync_preferences_attach (rd_preferences_window_get_sync_group (preferences), self->sync);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  static const char *developers[] = { "The RadDesk developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", widget,
                        "modal", TRUE,
                        "application-name", _("RadDesk"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The RadDesk developers"),
                        "developers", developers,
                        "comments", _("Schedule, staff training, inventory, purchasing, contracts "
                                      "and budget of a radiology department, in one program that "
                                      "works offline."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The RadDesk developers",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_window_class_init_actions:
 * @widget_class: the class of #RdWindow
 *
 * Installs the window's actions and binds their shortcuts: Alt+1 … Alt+7 for the pages,
 * Ctrl+F to search the page, Ctrl+comma for preferences. (Ctrl+? and Ctrl+Q are the
 * application's.)
 */
void
rd_window_class_init_actions (GtkWidgetClass *widget_class)
{
  static const guint digit_keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4,
                                      GDK_KEY_5, GDK_KEY_6, GDK_KEY_7, GDK_KEY_8, GDK_KEY_9 };

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);

  g_assert (rd_window_n_pages <= G_N_ELEMENTS (digit_keys));
  for (guint i = 0; i < rd_window_n_pages; i++)
    gtk_widget_class_add_binding_action (widget_class, digit_keys[i], GDK_ALT_MASK,
                                         "win.show-page", "s", rd_window_pages[i].name);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
}
