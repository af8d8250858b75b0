/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-schedule-dialogs.c: the schedule's smaller windows — find a free slot, and add a downtime with its rebooking plan. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-contracts.h"
#include "rd-format.h"
#include "rd-schedule.h"
#include "rd-schedule-dialogs.h"
#include "rd-widgets.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

typedef struct
{
  RdSchedulePage *page;
  GtkWidget      *window;
  GtkWidget      *combo;      /* exam type, or modality */
  GPtrArray      *ids;
  GtkWidget      *list;
  GtkWidget      *date;
  GtkWidget      *start;
  GtkWidget      *end;
  GtkWidget      *reason;
  GtkWidget      *apply;
  GPtrArray      *plan;
  RdRecord       *downtime;
  GtkWidget      *contract;      /* the contract a downtime falls under: "None", then the modality's */
  GPtrArray      *contract_ids;
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *d = data;

  g_clear_pointer (&d->ids, g_ptr_array_unref);
  g_clear_pointer (&d->plan, g_ptr_array_unref);
  g_clear_pointer (&d->contract_ids, g_ptr_array_unref);
  g_clear_object (&d->downtime);
  g_free (d);
}

static GtkWidget *
make_window (RdSchedulePage *page,
             const char     *title,
             GtkWidget     **content,
             GtkWidget     **header)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 620);
  *header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), *header);
  *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  g_object_set (*content, "margin-top", 18, "margin-bottom", 18, "margin-start", 12, "margin-end", 12, NULL);
  adw_clamp_set_child (ADW_CLAMP (clamp), *content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  rd_window_close_on_escape (GTK_WINDOW (window));
  return window;
}

static GtkWidget *
combo_for (GPtrArray  *records,
           const char *label_column,
           GPtrArray  *ids,
           const char *title)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *r = g_ptr_array_index (records, i);
      g_autofree char *label = NULL;

      if (rd_table_column_index (rd_record_get_table (r), "modality_kind") >= 0)
        label = g_strdup_printf ("%s (%s)", rd_record_get_text (r, label_column), rd_record_get_text (r, "modality_kind"));
      else
        label = g_strdup (rd_record_get_text (r, label_column));
      gtk_string_list_append (names, label);
      g_ptr_array_add (ids, g_strdup (rd_record_get_id (r)));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static const char *
combo_id (Dialog *d)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (d->combo));
  return i < d->ids->len ? g_ptr_array_index (d->ids, i) : NULL;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static char *
modality_name (RdStore    *store,
               const char *id)
{
  g_autoptr (RdRecord) m = rd_store_get (store, "modality", id, NULL);
  return g_strdup (m != NULL ? rd_record_get_text (m, "name") : "?");
}

static gboolean
read_time (Dialog     *d,
           GtkWidget  *entry,
           gint64     *out)
{
  GTimeZone *tz = rd_schedule_page_get_time_zone (d->page);
  unsigned y, mo, day, h, mi;

  if (sscanf (gtk_editable_get_text (GTK_EDITABLE (d->date)), "%u-%u-%u", &y, &mo, &day) != 3
      || sscanf (gtk_editable_get_text (GTK_EDITABLE (entry)), "%u:%u", &h, &mi) != 2
      || !g_date_valid_dmy (day, mo, y) || h > 24 || mi > 59)
    return FALSE;
  *out = rd_local_time (tz, y, mo, day, h * 60 + mi);
  return TRUE;
}

/* ---------------------------------------------------------------- */
/* Find a free slot                                                  */
/* ---------------------------------------------------------------- */

static void
on_slot_book_clicked (GtkButton *button,
                      Dialog    *d)
{
  RdSlot *slot = g_object_get_data (G_OBJECT (button), "slot");
  GtkWidget *dialog;

  dialog = rd_schedule_page_new_booking (d->page, slot->modality_id, slot->start);
  (void) dialog;
  gtk_window_destroy (GTK_WINDOW (d->window));
}

static void
search_slots (Dialog *d)
{
  RdStore *store = rd_schedule_page_get_store (d->page);
  GDateTime *day = rd_schedule_page_get_day (d->page);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 from = MAX (now, g_date_time_to_unix (day));
  g_autoptr (GPtrArray) slots = NULL;

  clear_list (d->list);
  if (combo_id (d) == NULL)
    return;

  slots = rd_schedule_find_slots (store, combo_id (d), from, 8, rd_schedule_page_get_time_zone (d->page));
  for (guint i = 0; i < slots->len; i++)
    {
      RdSlot *slot = g_ptr_array_index (slots, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *book = gtk_button_new_with_label (_("Book"));
      g_autofree char *when = rd_format_date_time (slot->start);
      g_autofree char *name = modality_name (store, slot->modality_id);
      g_autofree char *a11y = g_strdup_printf (_("Book %s on %s"), when, name);
      RdSlot *copy = g_new0 (RdSlot, 1);

      copy->modality_id = g_strdup (slot->modality_id);
      copy->start = slot->start;
      copy->end = slot->end;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
      gtk_widget_set_valign (book, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (book), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data_full (G_OBJECT (book), "slot", copy, (GDestroyNotify) rd_slot_free);
      g_signal_connect (book, "clicked", G_CALLBACK (on_slot_book_clicked), d);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), book);
      gtk_list_box_append (GTK_LIST_BOX (d->list), row);
    }
  if (slots->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No free slot in the next 90 days"));
      gtk_list_box_append (GTK_LIST_BOX (d->list), row);
    }
}

static void
on_exam_selected (GObject    *combo,
                  GParamSpec *pspec,
                  Dialog     *d)
{
  search_slots (d);
}

void
rd_schedule_show_find_slot (RdSchedulePage *page)
{
  Dialog *d = g_new0 (Dialog, 1);
  g_autoptr (GPtrArray) exams = rd_store_list (rd_schedule_page_get_store (page), "exam_type", "name");
  GtkWidget *content, *header, *group;

  d->page = page;
  d->ids = g_ptr_array_new_with_free_func (g_free);
  d->window = make_window (page, _("Find Free Slot"), &content, &header);
  g_object_set_data_full (G_OBJECT (d->window), "dialog", d, dialog_free);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The earliest free slots on any suitable modality, inside opening hours."));
  d->combo = combo_for (exams, "name", d->ids, _("Exam Type"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->combo);
  gtk_box_append (GTK_BOX (content), group);
  d->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (d->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (d->list, "boxed-list");
  gtk_box_append (GTK_BOX (content), d->list);

  g_signal_connect (d->combo, "notify::selected", G_CALLBACK (on_exam_selected), d);
  search_slots (d);
  gtk_window_present (GTK_WINDOW (d->window));
}

/* ---------------------------------------------------------------- */
/* Downtime                                                          */
/* ---------------------------------------------------------------- */

static void
preview_plan (Dialog *d)
{
  RdStore *store = rd_schedule_page_get_store (d->page);
  GTimeZone *tz = rd_schedule_page_get_time_zone (d->page);
  gint64 start, end;
  guint moved = 0;

  clear_list (d->list);
  g_clear_pointer (&d->plan, g_ptr_array_unref);
  gtk_widget_set_sensitive (d->apply, FALSE);
  if (combo_id (d) == NULL || !read_time (d, d->start, &start) || !read_time (d, d->end, &end) || end <= start)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Enter the date and a start before the end."));
      gtk_widget_add_css_class (row, "error");
      gtk_list_box_append (GTK_LIST_BOX (d->list), row);
      return;
    }

  rd_record_set_text (d->downtime, "modality_id", combo_id (d));
  rd_record_set_int (d->downtime, "start", start);
  rd_record_set_int (d->downtime, "end", end);
  rd_record_set_text (d->downtime, "reason", rd_table_get_column (rd_table_lookup ("downtime"), "reason")
                                               ->values[adw_combo_row_get_selected (ADW_COMBO_ROW (d->reason))]);

  {
    guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (d->contract));

    rd_record_set_text (d->downtime, "contract_id",
                        selected > 0 && selected <= d->contract_ids->len
                          ? g_ptr_array_index (d->contract_ids, selected - 1) : NULL);
  }

  d->plan = rd_schedule_plan_downtime (store, d->downtime, tz);
  for (guint i = 0; i < d->plan->len; i++)
    {
      RdRebookMove *m = g_ptr_array_index (d->plan, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *was = rd_format_date_time (rd_record_get_int (m->booking, "start"));
      g_autofree char *title = g_strdup_printf ("%s — %s (%s)", rd_record_get_text (m->booking, "patient_name"), was,
                                                rd_schedule_priority_label (rd_record_get_text (m->booking, "priority")));
      g_autofree char *subtitle = NULL;

      if (m->slot != NULL)
        {
          g_autofree char *to = rd_format_date_time (m->slot->start);
          g_autofree char *name = modality_name (store, m->slot->modality_id);
          subtitle = g_strdup_printf (_("moves to %s on %s"), to, name);
          moved++;
        }
      else
        subtitle = g_strdup (_("no free slot in the next 90 days: stays, to be handled by hand"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (d->list), row);
    }
  if (d->plan->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No bookings are hit."));
      gtk_list_box_append (GTK_LIST_BOX (d->list), row);
    }
  gtk_button_set_label (GTK_BUTTON (d->apply), moved > 0 ? _("Add and Move Bookings") : _("Add Downtime"));
  gtk_widget_set_sensitive (d->apply, TRUE);
}

/* The contracts of the chosen modality; the running service or maintenance contract is offered
 * first, as planned maintenance and repairs fall under it. */
static void
fill_contracts (Dialog *d)
{
  RdStore *store = rd_schedule_page_get_store (d->page);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) contracts = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  guint chosen = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));

  g_ptr_array_set_size (d->contract_ids, 0);
  gtk_string_list_append (names, _("None"));
  if (combo_id (d) != NULL)
    {
      contracts = rd_contracts_for_modality (store, combo_id (d));
      for (guint i = 0; i < contracts->len; i++)
        {
          RdRecord *c = g_ptr_array_index (contracts, i);
          const char *kind = rd_record_get_text (c, "kind");

          gtk_string_list_append (names, rd_record_get_text (c, "title"));
          g_ptr_array_add (d->contract_ids, g_strdup (rd_record_get_id (c)));
          if (chosen == 0 && rd_contract_is_running (c, &today)
              && (g_strcmp0 (kind, "service") == 0 || g_strcmp0 (kind, "maintenance") == 0))
            chosen = d->contract_ids->len;
        }
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (d->contract), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (d->contract), chosen);
}

static void
on_downtime_modality_changed (GObject    *object,
                              GParamSpec *pspec,
                              Dialog     *d)
{
  fill_contracts (d);
}

static void
on_downtime_changed (GObject    *object,
                     GParamSpec *pspec,
                     Dialog     *d)
{
  preview_plan (d);
}

static void
on_apply_clicked (GtkButton *button,
                  Dialog    *d)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (d->plan == NULL)
    return;
  if (!rd_schedule_apply_plan (rd_schedule_page_get_store (d->page), d->plan, d->downtime, g_get_user_name (), &error))
    {
      rd_schedule_page_show_toast (d->page, adw_toast_new (error->message));
      preview_plan (d);
      return;
    }
  message = g_strdup_printf (g_dngettext (NULL, "Downtime added; %u booking moved", "Downtime added; %u bookings moved",
                                          d->plan->len), d->plan->len);
  rd_schedule_page_show_toast (d->page, adw_toast_new (message));
  rd_schedule_page_reload (d->page);
  gtk_window_destroy (GTK_WINDOW (d->window));
}

void
rd_schedule_show_downtime (RdSchedulePage *page,
                           const char     *modality_id)
{
  Dialog *d = g_new0 (Dialog, 1);
  RdStore *store = rd_schedule_page_get_store (page);
  g_autoptr (GPtrArray) modalities = rd_store_list (store, "modality", "name");
  g_autoptr (GtkStringList) reasons = gtk_string_list_new (NULL);
  const char *const *values = rd_table_get_column (rd_table_lookup ("downtime"), "reason")->values;
  g_autofree char *date = g_date_time_format (rd_schedule_page_get_day (page), "%Y-%m-%d");
  GtkWidget *content, *header, *group, *cancel;

  d->page = page;
  d->ids = g_ptr_array_new_with_free_func (g_free);
  d->downtime = rd_record_new_for_table ("downtime");
  d->window = make_window (page, _("Add Downtime"), &content, &header);
  g_object_set_data_full (G_OBJECT (d->window), "dialog", d, dialog_free);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = rd_mnemonic_button_new (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), d->window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  d->apply = gtk_button_new_with_label (_("Add Downtime"));
  gtk_widget_add_css_class (d->apply, "suggested-action");
  g_signal_connect (d->apply, "clicked", G_CALLBACK (on_apply_clicked), d);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), d->apply);

  group = adw_preferences_group_new ();
  d->combo = combo_for (modalities, "name", d->ids, _("Modality"));
  for (guint i = 0; modality_id != NULL && i < d->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (d->ids, i), modality_id))
      adw_combo_row_set_selected (ADW_COMBO_ROW (d->combo), i);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->combo);
  d->date = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->date), _("Date (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (d->date), date);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->date);
  d->start = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->start), _("From (HH:MM)"));
  gtk_editable_set_text (GTK_EDITABLE (d->start), "08:00");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->start);
  d->end = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->end), _("Until (HH:MM)"));
  gtk_editable_set_text (GTK_EDITABLE (d->end), "12:00");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->end);
  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (reasons, rd_format_enum (values[i]));
  d->reason = adw_combo_row_new ();
  adw_combo_row_set_model (ADW_COMBO_ROW (d->reason), G_LIST_MODEL (reasons));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->reason), _("Reason"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->reason);
  d->contract_ids = g_ptr_array_new_with_free_func (g_free);
  d->contract = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->contract), _("Under Contract"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->contract);
  fill_contracts (d);
  gtk_box_append (GTK_BOX (content), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Bookings It Hits"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A preview: STAT first, then urgent, then routine go to the next free slot "
                                           "of the same kind. Nothing changes until you confirm."));
  gtk_box_append (GTK_BOX (content), group);
  d->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (d->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (d->list, "boxed-list");
  gtk_box_append (GTK_BOX (content), d->list);

  g_signal_connect (d->combo, "notify::selected", G_CALLBACK (on_downtime_modality_changed), d);
  g_signal_connect (d->combo, "notify::selected", G_CALLBACK (on_downtime_changed), d);
  g_signal_connect (d->reason, "notify::selected", G_CALLBACK (on_downtime_changed), d);
  g_signal_connect (d->contract, "notify::selected", G_CALLBACK (on_downtime_changed), d);
  g_signal_connect (d->date, "notify::text", G_CALLBACK (on_downtime_changed), d);
  g_signal_connect (d->start, "notify::text", G_CALLBACK (on_downtime_changed), d);
  g_signal_connect (d->end, "notify::text", G_CALLBACK (on_downtime_changed), d);
  preview_plan (d);
  gtk_window_present (GTK_WINDOW (d->window));
}
