/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-page.c: the Budget page — lines per fiscal year with committed, spent and remaining, and a chart. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-budget.h"
#include "rd-budget-chart.h"
#include "rd-budget-page.h"
#include "rd-budget-report.h"
#include "rd-format.h"
#include "rd-record-list.h"
#include "rd-record-view.h"
#include "rd-undo.h"

#include "contracts/rd-form.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdBudgetPage
{
  RdPage           parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkDropDown     *year_dropdown;
  GtkLabel        *over_label;
  GtkLabel        *totals_label;
  RdRecordView    *view;
  RdBudgetChart   *chart;

  GSettings       *settings;
  RdRecordList    *records;
  GtkCustomFilter *filter;
  GArray          *years;       /* the dropdown's fiscal years, oldest first */
  GHashTable      *summaries;   /* line id → RdBudgetSummary of the shown year */
  int              year;
  gboolean         filling_years;
};

G_DEFINE_FINAL_TYPE (RdBudgetPage, rd_budget_page, RD_TYPE_PAGE)

static const char *const budget_categories[] = { "supplies", "service_contracts", "equipment", "training", "other", NULL };

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GSettings *
dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static int
start_month (RdBudgetPage *self)
{
  return self->settings != NULL ? g_settings_get_int (self->settings, "fiscal-year-start-month") : 1;
}

static void
today_date (GDate *out)
{
  g_autoptr (GDateTime) today = rd_format_today ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (today),
                  (GDateMonth) g_date_time_get_month (today), (GDateYear) g_date_time_get_year (today));
}

static int
current_year (RdBudgetPage *self)
{
  GDate today;

  today_date (&today);
  return rd_fiscal_year_for_date (&today, start_month (self));
}

static RdBudgetSummary *
lookup (RdBudgetPage *self,
        RdRecord     *line)
{
  return g_hash_table_lookup (self->summaries, rd_record_get_id (line));
}

static gint64 get_committed (RdRecord *line, gpointer data) { RdBudgetSummary *s = lookup (data, line); return s ? s->committed : 0; }
static gint64 get_spent (RdRecord *line, gpointer data) { RdBudgetSummary *s = lookup (data, line); return s ? s->spent : 0; }
static gint64 get_remaining (RdRecord *line, gpointer data) { RdBudgetSummary *s = lookup (data, line); return s ? s->remaining : 0; }

static char *
dup_committed (RdRecord *line,
               gpointer  data)
{
  return rd_format_money (get_committed (line, data));
}

static char *
dup_spent (RdRecord *line,
           gpointer  data)
{
  return rd_format_money (get_spent (line, data));
}

static char *
dup_remaining (RdRecord *line,
               gpointer  data)
{
  RdBudgetSummary *s = lookup (data, line);
  g_autofree char *money = NULL;

  if (s == NULL)
    return g_strdup ("");
  if (!s->over)
    return rd_format_money (s->remaining);
  money = rd_format_money (-s->remaining);
  /* Translators: the remaining amount of a budget line that is overspent, e.g. "$1,500.00 over" */
  return g_strdup_printf (_("%s over"), money);
}

static gint64
get_percent (RdRecord *line,
             gpointer  data)
{
  RdBudgetSummary *s = lookup (data, line);

  if (s == NULL)
    return 0;
  return s->amount > 0 ? s->committed * 100 / s->amount : (s->committed > 0 ? 999 : 0);
}

static char *
dup_status (RdRecord *line,
            gpointer  data)
{
  RdBudgetSummary *s = lookup (data, line);
  gint64 percent = get_percent (line, data);

  if (s == NULL)
    return g_strdup ("");
  if (s->over)
    return g_strdup_printf (_("Over budget (%lld %%)"), (long long) percent);
  if (s->close)
    return g_strdup_printf (_("Close (%lld %%)"), (long long) percent);
  return g_strdup_printf (_("Within (%lld %%)"), (long long) percent);
}

/* rd_format_enum() has no words for "training" as a budget category */
static const char *
category_label (const char *category)
{
  if (g_strcmp0 (category, "training") == 0)
    return _("Training");
  return rd_format_enum (category);
}

static char *
dup_category (RdRecord *line,
              gpointer  data)
{
  return g_strdup (category_label (rd_record_get_text (line, "category")));
}

static gboolean
filter_line (gpointer item,
             gpointer user_data)
{
  RdBudgetPage *self = user_data;

  return rd_record_get_int (RD_RECORD (item), "fiscal_year") == self->year;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static void
fill_years (RdBudgetPage *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  int now = current_year (self);
  gboolean has_now = FALSE;
  guint selected = 0;

  g_clear_pointer (&self->years, g_array_unref);
  self->years = rd_budget_list_years (rd_page_get_store (RD_PAGE (self)));
  for (guint i = 0; i < self->years->len; i++)
    has_now |= g_array_index (self->years, int, i) == now;
  if (!has_now)
    {
      g_array_append_val (self->years, now);
      g_array_sort (self->years, compare_ints);
    }
  for (guint i = 0; i < self->years->len; i++)
    {
      int y = g_array_index (self->years, int, i);
      g_autofree char *label = g_strdup_printf (_("FY%d"), y);

      gtk_string_list_append (labels, label);
      if (y == self->year)
        selected = i;
    }
  self->filling_years = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->filling_years = FALSE;
}

static void
refresh (RdBudgetPage *self)
{
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  g_autoptr (GPtrArray) summaries = NULL;
  g_autoptr (GString) over = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *amount = NULL, *committed = NULL, *spent = NULL, *remaining = NULL;
  g_autofree char *totals = NULL;
  gint64 months[12];
  gint64 t_amount = 0, t_committed = 0, t_spent = 0;
  guint n_over = 0;
  GDate today, first, last;
  g_autofree char *first_text = NULL, *last_text = NULL, *first_iso = NULL, *last_iso = NULL;

  today_date (&today);
  fill_years (self);

  g_hash_table_remove_all (self->summaries);
  summaries = rd_budget_summarise (store, self->year, start_month (self), &today);
  for (guint i = 0; i < summaries->len; i++)
    {
      RdBudgetSummary *s = g_ptr_array_index (summaries, i);

      t_amount += s->amount;
      t_committed += s->committed;
      t_spent += s->spent;
      if (s->over)
        {
          g_autofree char *money = rd_format_money (-s->remaining);

          g_string_append_printf (over, "%s%s (%s)", n_over > 0 ? ", " : "",
                                  s->name != NULL ? s->name : category_label (s->category), money);
          n_over++;
        }
    }
  for (guint i = 0; i < summaries->len; i++)
    {
      RdBudgetSummary *s = g_ptr_array_index (summaries, i);

      g_hash_table_insert (self->summaries, s->line_id, s);
    }
  /* the table now owns the summaries */
  g_ptr_array_set_free_func (summaries, NULL);

  rd_fiscal_year_bounds (self->year, start_month (self), &first, &last);
  first_iso = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&first), g_date_get_month (&first), g_date_get_day (&first));
  last_iso = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&last), g_date_get_month (&last), g_date_get_day (&last));
  first_text = rd_format_date (first_iso);
  last_text = rd_format_date (last_iso);
  subtitle = g_strdup_printf (_("FY%d · %s – %s"), self->year, first_text, last_text);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (n_over > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Over budget: %s", "Over budget: %s", n_over), over->str);

      gtk_label_set_text (self->over_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->over_label), n_over > 0);

  amount = rd_format_money (t_amount);
  committed = rd_format_money (t_committed);
  spent = rd_format_money (t_spent);
  remaining = rd_format_money (t_amount - t_committed);
  totals = g_strdup_printf (_("Budget %s · Committed %s · Spent %s · Remaining %s"), amount, committed, spent, remaining);
  gtk_label_set_text (self->totals_label, totals);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  rd_record_view_refresh (self->view);

  {
    g_autoptr (GPtrArray) for_chart = g_ptr_array_new ();
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->summaries);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (for_chart, value);
    rd_budget_monthly_spending (store, self->year, start_month (self), &today, rd_format_get_time_zone (), months);
    rd_budget_chart_set_data (self->chart, for_chart, months, start_month (self));
  }
}

/* ---------------------------------------------------------------- */
/* Editor                                                            */
/* ---------------------------------------------------------------- */

typedef struct
{
  RdBudgetPage *page;
  RdRecord     *line;
} LineEditor;

static void
line_editor_free (LineEditor *editor)
{
  g_clear_object (&editor->page);
  g_clear_object (&editor->line);
  g_free (editor);
}

static void
save_line (RdForm   *form,
           gpointer  user_data)
{
  LineEditor *editor = user_data;
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  const char *year = rd_form_get_text (form, "fiscal_year");
  guint category = rd_form_get_selected (form, "category");
  g_autofree char *name = g_strstrip (g_strdup (rd_form_get_text (form, "name")));
  char *end = NULL;
  gint64 cents, y;

  y = g_ascii_strtoll (year, &end, 10);
  if (*year == '\0' || end == NULL || *end != '\0')
    {
      rd_form_show_error (form, "fiscal_year", _("Enter the fiscal year as a number, such as 2026."));
      return;
    }
  if (!rd_form_parse_money (rd_form_get_text (form, "amount"), &cents))
    {
      rd_form_show_error (form, "amount", _("Enter the amount, such as 250000.00."));
      return;
    }
  rd_record_set_int (editor->line, "fiscal_year", y);
  if (category < G_N_ELEMENTS (budget_categories) - 1)
    rd_record_set_text (editor->line, "category", budget_categories[category]);
  if (*name != '\0')
    rd_record_set_text (editor->line, "name", name);
  else
    rd_record_set_null (editor->line, "name");
  rd_record_set_int (editor->line, "amount", cents);

  if (!rd_budget_save_line (rd_page_get_store (RD_PAGE (editor->page)), editor->line, g_get_user_name (), &field, &error))
    {
      rd_form_show_error (form, field, error->message);
      return;
    }
  rd_budget_page_show_year (editor->page, (int) y);
  rd_form_close (form);
}

static void
on_delete_line_clicked (GtkButton  *button,
                        LineEditor *editor)
{
  RdForm *form = g_object_get_data (G_OBJECT (button), "rd-form");
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  if (!rd_store_delete (rd_page_get_store (RD_PAGE (editor->page)), "budget_line", rd_record_get_id (editor->line), g_get_user_name (), &error))
    {
      rd_form_show_error (form, NULL, error->message);
      return;
    }
  title = g_strdup_printf (_("Budget line “%s” deleted"), rd_record_get_text (editor->line, "name") != NULL
                           ? rd_record_get_text (editor->line, "name") : rd_format_enum (rd_record_get_text (editor->line, "category")));
  adw_toast_overlay_add_toast (editor->page->toast_overlay,
                               rd_undo_toast_new_for_delete (rd_page_get_store (RD_PAGE (editor->page)), editor->line, title));
  rd_form_close (form);
}

static void
edit_line (RdBudgetPage *self,
           RdRecord     *line)
{
  LineEditor *editor = g_new0 (LineEditor, 1);
  const char *labels[G_N_ELEMENTS (budget_categories)];
  g_autofree char *year = NULL;
  g_autofree char *amount = NULL;
  guint category = 0;
  RdForm *form;

  editor->page = g_object_ref (self);
  editor->line = line != NULL ? rd_record_copy (line) : rd_record_new_for_table ("budget_line");
  if (line == NULL)
    {
      rd_record_set_int (editor->line, "fiscal_year", self->year);
      rd_record_set_text (editor->line, "category", "supplies");
    }
  for (guint i = 0; budget_categories[i] != NULL; i++)
    {
      labels[i] = category_label (budget_categories[i]);
      if (g_strcmp0 (budget_categories[i], rd_record_get_text (editor->line, "category")) == 0)
        category = i;
    }
  labels[G_N_ELEMENTS (budget_categories) - 1] = NULL;
  year = g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int (editor->line, "fiscal_year"));
  amount = rd_form_format_money (rd_record_get_int (editor->line, "amount"));

  form = rd_form_new (GTK_WIDGET (self), line == NULL ? _("New Budget Line") : _("Edit Budget Line"),
                      save_line, editor, (GDestroyNotify) line_editor_free);
  rd_form_add_entry (form, "fiscal_year", _("Fiscal Year"), year);
  rd_form_add_combo (form, "category", _("Category"), labels, category);
  rd_form_add_entry (form, "name", _("Name"), rd_record_get_text (editor->line, "name"));
  rd_form_add_entry (form, "amount", _("Amount ($)"), amount);
  if (line != NULL)
    {
      GtkButton *button = rd_form_add_button (form, _("_Delete Budget Line"), "destructive-action");

      g_object_set_data (G_OBJECT (button), "rd-form", form);
      g_signal_connect (button, "clicked", G_CALLBACK (on_delete_line_clicked), editor);
    }
  rd_form_present (form);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_year_selected (RdBudgetPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->filling_years || self->years == NULL || selected >= self->years->len)
    return;
  if (g_array_index (self->years, int, selected) != self->year)
    rd_budget_page_show_year (self, g_array_index (self->years, int, selected));
}

static void
on_view_record_activated (RdRecordView *view,
                          RdRecord     *line,
                          RdBudgetPage *self)
{
  edit_line (self, line);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  edit_line (RD_BUDGET_PAGE (widget), NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (widget);

  rd_budget_report_export (widget, rd_page_get_store (RD_PAGE (self)), self->year, start_month (self));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (widget);

  rd_budget_report_print (widget, rd_page_get_store (RD_PAGE (self)), self->chart, self->year, start_month (self));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_budget_page_constructed (GObject *object)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (object);
  RdStore *store = rd_page_get_store (RD_PAGE (self));
  GtkColumnViewColumn *column;
  GtkFilterListModel *filtered;

  G_OBJECT_CLASS (rd_budget_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (store));

  self->settings = dup_settings ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::fiscal-year-start-month", G_CALLBACK (rd_page_queue_refresh), self);
  self->year = current_year (self);

  rd_record_view_set_store (self->view, store);

  /* RdRecordView learns the table from an RdRecordList: columns first, then the year filter */
  self->records = rd_record_list_new (store, "budget_line");
  rd_record_view_set_model (self->view, G_LIST_MODEL (self->records));
  column = rd_record_view_add_column (self->view, "name", _("Line"));
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_add_computed_column (self->view, _("Category"), dup_category, NULL, self);
  rd_record_view_add_column (self->view, "amount", _("Amount"));
  rd_record_view_set_column_numeric (self->view, rd_record_view_add_computed_column (self->view, _("Committed"), dup_committed, get_committed, self), TRUE);
  rd_record_view_set_column_numeric (self->view, rd_record_view_add_computed_column (self->view, _("Spent"), dup_spent, get_spent, self), TRUE);
  rd_record_view_set_column_numeric (self->view, rd_record_view_add_computed_column (self->view, _("Remaining"), dup_remaining, get_remaining, self), TRUE);
  rd_record_view_add_computed_column (self->view, _("Status"), dup_status, get_percent, self);
  rd_record_view_sort_by (self->view, column, GTK_SORT_ASCENDING);
  rd_record_view_set_empty_state (self->view, "accessories-calculator-symbolic", _("No Budget Lines"),
                                  _("Add the fiscal year’s budget lines with the + button."));
  self->filter = gtk_custom_filter_new (filter_line, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->records)), g_object_ref (GTK_FILTER (self->filter)));
  rd_record_view_set_model (self->view, G_LIST_MODEL (filtered));
  g_object_unref (filtered);
  g_signal_connect (self->view, "record-activated", G_CALLBACK (on_view_record_activated), self);

  g_signal_connect_swapped (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_selected), self);
  refresh (self);
}

static void
rd_budget_page_dispose (GObject *object)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_BUDGET_PAGE);
  g_clear_object (&self->records);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_budget_page_parent_class)->dispose (object);
}

static void
rd_budget_page_finalize (GObject *object)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (object);

  g_clear_pointer (&self->summaries, g_hash_table_unref);
  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (rd_budget_page_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_budget_page_refresh (RdPage *page)
{
  refresh (RD_BUDGET_PAGE (page));
}

static void
rd_budget_page_class_init (RdBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  RD_PAGE_CLASS (klass)->refresh = rd_budget_page_refresh;
  object_class->constructed = rd_budget_page_constructed;
  object_class->dispose = rd_budget_page_dispose;
  object_class->finalize = rd_budget_page_finalize;

  gtk_widget_class_install_action (widget_class, "budget.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "budget.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "budget.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "budget.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "budget.print", NULL);

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  g_type_ensure (RD_TYPE_BUDGET_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/budget/rd-budget-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, over_label);
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, view);
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, chart);
}

static void
rd_budget_page_init (RdBudgetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) rd_budget_summary_free);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_budget_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Budget page
 */
RdBudgetPage *
rd_budget_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_BUDGET_PAGE, "store", store, NULL);
}

/**
 * rd_budget_page_show_year:
 * @fiscal_year: a fiscal year
 *
 * Shows the lines of a fiscal year (the Overview's links).
 */
void
rd_budget_page_show_year (RdBudgetPage *self,
                          int           fiscal_year)
{
  g_return_if_fail (RD_IS_BUDGET_PAGE (self));

  if (fiscal_year < 2000 || fiscal_year > 2100)
    return;
  self->year = fiscal_year;
  refresh (self);
}

int
rd_budget_page_get_year (RdBudgetPage *self)
{
  g_return_val_if_fail (RD_IS_BUDGET_PAGE (self), 0);

  return self->year;
}
