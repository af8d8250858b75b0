/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-lists.c: the "coming due" and "doses over a level" lists, and the daily reminders. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-training-matrix-view.h"
#include "rd-training-page-private.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
person_row (const char *title,
            const char *subtitle,
            const char *staff_id)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *s = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "training.show-person");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", staff_id ? staff_id : "");
  return row;
}

static void
add_pill (GtkWidget  *row,
          const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "training-cell");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_box_set_placeholder (list, label);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_training_fill_due_list:
 * @list: the list
 * @store: the store
 * @today: today
 * @days: 30, 60 or 90
 *
 * Lists what falls due within @days days, overdue items first.
 */
void
rd_training_fill_due_list (GtkListBox  *list,
                           RdStore     *store,
                           const GDate *today,
                           guint        days)
{
  g_autoptr (GPtrArray) items = rd_training_list_due (store, today, days);
  g_autofree char *empty = g_strdup_printf (_("Nothing falls due in the next %u days."), days);

  clear_list (list);
  add_placeholder (list, empty);

  for (guint i = 0; i < items->len; i++)
    {
      RdTrainingItem *item = g_ptr_array_index (items, i);
      g_autofree char *title = g_strdup_printf ("%s — %s", item->staff_name, item->title);
      g_autofree char *sentence = rd_training_item_describe (item);
      g_autofree char *pill = rd_training_matrix_view_cell_label (item);
      GtkWidget *row = person_row (title, sentence, item->staff_id);

      add_pill (row, pill, rd_training_status_to_string (item->status));
      gtk_list_box_append (list, row);
    }
}

/**
 * rd_training_fill_dose_list:
 * @list: the list
 * @intro: the sentence above it
 * @store: the store
 * @level_one_percent: Level I (setting dose-level-one-percent)
 * @level_two_percent: Level II (setting dose-level-two-percent)
 *
 * Lists the dosimeter readings over an investigation level, Level II first.
 */
void
rd_training_fill_dose_list (GtkListBox *list,
                            GtkLabel   *intro,
                            RdStore    *store,
                            int         level_one_percent,
                            int         level_two_percent)
{
  g_autoptr (GPtrArray) flags = rd_training_dose_over_levels (store, level_one_percent, level_two_percent);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Readings above Level I (%d %% of the annual limit) or Level II (%d %%), "
                            "pro rata for the period worn: a quarter is held against a quarter of the level. "
                            "Annual limits: effective 50 mSv, lens of the eye 150 mSv (ICRP recommends 20 mSv), "
                            "extremities 500 mSv. The levels are set in Preferences."),
                          level_one_percent, level_two_percent);
  gtk_label_set_text (intro, text);

  clear_list (list);
  add_placeholder (list, _("No reading is over an investigation level."));

  for (guint i = 0; i < flags->len; i++)
    {
      RdDoseFlag *flag = g_ptr_array_index (flags, i);
      g_autofree char *start = rd_training_format_date (&flag->period_start);
      g_autofree char *end = rd_training_format_date (&flag->period_end);
      g_autofree char *start_text = rd_format_date (start);
      g_autofree char *end_text = rd_format_date (end);
      g_autofree char *value = rd_training_format_usv (flag->value_usv);
      g_autofree char *threshold = rd_training_format_usv (flag->threshold_usv);
      const char *quantity = g_str_equal (flag->quantity, "effective") ? _("Effective dose")
                             : g_str_equal (flag->quantity, "lens") ? _("Lens of the eye")
                             : _("Extremity");
      g_autofree char *subtitle = g_strdup_printf (_("%s – %s · %s %s, over the level of %s"),
                                                   start_text, end_text, quantity, value, threshold);
      GtkWidget *row = person_row (flag->staff_name ? flag->staff_name : _("Unknown person"), subtitle, flag->staff_id);

      add_pill (row, flag->level == RD_DOSE_LEVEL_TWO ? _("Level II") : _("Level I"),
                flag->level == RD_DOSE_LEVEL_TWO ? "overdue" : "due");
      gtk_list_box_append (list, row);
    }
}

/**
 * rd_training_send_reminders:
 * @application: (nullable): the application, %NULL when there is none (tests)
 * @store: the store
 * @today: today
 *
 * Sends one desktop notification for the items that are overdue or fall due within 30 days and
 * have not been reminded of today. Each item's last reminder day is kept in the store's meta
 * table ("notified:<item>"), so an item is mentioned at most once a day however often the
 * window opens.
 *
 * Returns: the number of items mentioned
 */
guint
rd_training_send_reminders (GApplication *application,
                            RdStore      *store,
                            const GDate  *today)
{
  g_autoptr (GPtrArray) items = rd_training_list_due (store, today, RD_TRAINING_DUE_DAYS);
  g_autoptr (GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr (GNotification) notification = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (application == NULL || !g_application_get_is_registered (application))
    return 0;

  for (guint i = 0; i < items->len; i++)
    {
      RdTrainingItem *item = g_ptr_array_index (items, i);
      g_autofree char *key = rd_training_item_dup_key (item);

      if (rd_training_should_notify (store, key, today))
        g_ptr_array_add (fresh, item);
    }
  if (fresh->len == 0)
    return 0;

  for (guint i = 0; i < fresh->len && i < 5; i++)
    {
      RdTrainingItem *item = g_ptr_array_index (fresh, i);
      g_autofree char *sentence = rd_training_item_describe (item);

      g_string_append_printf (body, "%s%s — %s", i ? "\n" : "", item->staff_name, sentence);
    }
  if (fresh->len > 5)
    g_string_append_printf (body, ngettext ("\nand %u more", "\nand %u more", fresh->len - 5), fresh->len - 5);

  title = g_strdup_printf (ngettext ("%u training item is due or overdue", "%u training items are due or overdue",
                                     fresh->len), fresh->len);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  /* Clicking it brings RadDesk forward (the application's activate). */
  g_application_send_notification (application, "training-due", notification);

  for (guint i = 0; i < fresh->len; i++)
    {
      g_autofree char *key = rd_training_item_dup_key (g_ptr_array_index (fresh, i));
      g_autoptr (GError) error = NULL;

      if (!rd_training_mark_notified (store, key, today, &error))
        g_debug ("Could not remember the reminder of %s: %s", key, error->message);
    }

  return fresh->len;
}
