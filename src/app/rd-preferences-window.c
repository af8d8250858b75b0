/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-preferences-window.c: RadDesk's preferences — department time zone, working hours, server. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-preferences-window.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *time_zone_row;
  AdwComboRow          *day_start_row;
  AdwComboRow          *day_end_row;
  AdwPreferencesGroup  *sync_group;

  RdStore              *store;
  GSettings            *settings;
  GtkStringList        *zones;
  GtkStringList        *hours;
};

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The time zones of the system's tz database (zone1970.tab), sorted, with UTC and @current. */
static GtkStringList *
load_time_zones (const char *current)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  GtkStringList *list = gtk_string_list_new (NULL);

  if (g_file_get_contents ("/usr/share/zoneinfo/zone1970.tab", &contents, NULL, NULL))
    {
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (fields) >= 3)
            g_ptr_array_add (names, g_strdup (fields[2]));
        }
    }

  if (!g_ptr_array_find_with_equal_func (names, "UTC", g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup ("UTC"));
  if (current != NULL && *current != '\0' &&
      !g_ptr_array_find_with_equal_func (names, current, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (current));

  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (names, i));

  return list;
}

static guint
find_string (GtkStringList *list,
             const char    *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), value) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static const char *
selected_string (AdwComboRow   *row,
                 GtkStringList *list)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected == GTK_INVALID_LIST_POSITION ? NULL : gtk_string_list_get_string (list, selected);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_time_zone_row_notify_selected (AdwComboRow         *row,
                                  GParamSpec          *pspec,
                                  RdPreferencesWindow *self)
{
  const char *zone = selected_string (row, self->zones);

  if (zone != NULL)
    g_settings_set_string (self->settings, "time-zone", zone);
}

static void
on_hours_row_notify_selected (AdwComboRow         *row,
                              GParamSpec          *pspec,
                              RdPreferencesWindow *self)
{
  const char *start = selected_string (self->day_start_row, self->hours);
  const char *end = selected_string (self->day_end_row, self->hours);

  if (start == NULL || end == NULL)
    return;

  /* "HH:MM" strings compare in time order */
  if (strcmp (start, end) >= 0)
    {
      g_autofree char *key = g_strdup (row == self->day_start_row ? "working-day-start"
                                                                  : "working-day-end");
      g_autofree char *saved = g_settings_get_string (self->settings, key);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The working day must end after it starts")));
      adw_combo_row_set_selected (row, find_string (self->hours, saved));
      return;
    }

  g_settings_set_string (self->settings, "working-day-start", start);
  g_settings_set_string (self->settings, "working-day-end", end);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_preferences_window_constructed (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);
  g_autofree char *zone = g_settings_get_string (self->settings, "time-zone");
  g_autofree char *start = g_settings_get_string (self->settings, "working-day-start");
  g_autofree char *end = g_settings_get_string (self->settings, "working-day-end");

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->constructed (object);

  self->zones = load_time_zones (zone);
  adw_combo_row_set_model (self->time_zone_row, G_LIST_MODEL (self->zones));
  adw_combo_row_set_selected (self->time_zone_row, find_string (self->zones, zone));

  self->hours = gtk_string_list_new (NULL);
  for (guint minutes = 0; minutes < 24 * 60; minutes += 30)
    {
      g_autofree char *text = g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);

      gtk_string_list_append (self->hours, text);
    }
  if (find_string (self->hours, start) == GTK_INVALID_LIST_POSITION)
    gtk_string_list_append (self->hours, start);
  if (find_string (self->hours, end) == GTK_INVALID_LIST_POSITION)
    gtk_string_list_append (self->hours, end);
  adw_combo_row_set_model (self->day_start_row, G_LIST_MODEL (self->hours));
  adw_combo_row_set_model (self->day_end_row, G_LIST_MODEL (self->hours));
  adw_combo_row_set_selected (self->day_start_row, find_string (self->hours, start));
  adw_combo_row_set_selected (self->day_end_row, find_string (self->hours, end));

  /* connected after the rows show the saved values, so opening the window writes nothing */
  g_signal_connect (self->time_zone_row, "notify::selected",
                    G_CALLBACK (on_time_zone_row_notify_selected), self);
  g_signal_connect (self->day_start_row, "notify::selected",
                    G_CALLBACK (on_hours_row_notify_selected), self);
  g_signal_connect (self->day_end_row, "notify::selected",
                    G_CALLBACK (on_hours_row_notify_selected), self);
}

static void
rd_preferences_window_dispose (GObject *object)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->zones);
  g_clear_object (&self->hours);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->dispose (object);
}

static void
rd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RdPreferencesWindow *self = RD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_preferences_window_class_init (RdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_preferences_window_constructed;
  object_class->dispose = rd_preferences_window_dispose;
  object_class->get_property = rd_preferences_window_get_property;
  object_class->set_property = rd_preferences_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/rd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, day_start_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, day_end_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, sync_group);
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @store: the department's store
 *
 * Returns: (transfer full): a new preferences window
 */
RdPreferencesWindow *
rd_preferences_window_new (GtkWindow *parent,
                           RdStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

RdStore *
rd_preferences_window_get_store (RdPreferencesWindow *self)
{
  g_return_val_if_fail (RD_IS_PREFERENCES_WINDOW (self), NULL);

  return self->store;
}

/**
 * rd_preferences_window_get_sync_group:
 *
 * Returns: (transfer none): the "Server" group, where the sync UI puts its rows
 */
AdwPreferencesGroup *
rd_preferences_window_get_sync_group (RdPreferencesWindow *self)
{
  g_return_val_if_fail (RD_IS_PREFERENCES_WINDOW (self), NULL);

  return self->sync_group;
}
