/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-record-view.c: a searchable, sortable GtkColumnView of records, with an empty state. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-format.h"
#include "rd-record-list.h"
#include "rd-record-view.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef struct
{
  RdRecordView     *view;         /* unowned: the view owns the column */
  char             *column;       /* NULL for a computed column */
  RdColumnType      type;
  RdRecordTextFunc  text_func;
  RdRecordKeyFunc   key_func;
  gpointer          user_data;
  gboolean          align_end;    /* figures line up on the right */
} ColumnInfo;

struct _RdRecordView
{
  AdwBin              parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *status_page;

  RdStore            *store;
  gulong              store_changed_id;
  GListModel         *records;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;
  GPtrArray          *columns;       /* ColumnInfo, owned */
  GHashTable         *labels;        /* "table/id" → label */
  char               *search;        /* casefolded, NULL when empty */

  char               *empty_icon_name;
  char               *empty_title;
  char               *empty_description;
};

G_DEFINE_FINAL_TYPE (RdRecordView, rd_record_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

enum {
  RECORD_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
column_info_free (gpointer data)
{
  ColumnInfo *info = data;

  g_free (info->column);
  g_free (info);
}

/* The text a cell shows, also what the search matches. */
static char *
column_info_dup_text (ColumnInfo *info,
                      RdRecord   *record)
{
  if (info->text_func != NULL)
    return info->text_func (record, info->user_data);

  if (rd_record_is_null (record, info->column))
    return g_strdup ("");

  switch (info->type)
    {
    case RD_COLUMN_TEXT:
      return g_strdup (rd_record_get_text (record, info->column));
    case RD_COLUMN_ENUM:
      return g_strdup (rd_format_enum (rd_record_get_text (record, info->column)));
    case RD_COLUMN_DATE:
      return rd_format_date (rd_record_get_text (record, info->column));
    case RD_COLUMN_REF:
      {
        const RdColumn *col = rd_table_get_column (rd_record_get_table (record), info->column);

        return g_strdup (rd_record_view_lookup_label (info->view, col->ref,
                                                      rd_record_get_text (record, info->column)));
      }
    case RD_COLUMN_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, rd_record_get_int (record, info->column));
    case RD_COLUMN_MONEY:
      return rd_format_money (rd_record_get_int (record, info->column));
    case RD_COLUMN_TIME:
      return rd_format_date_time (rd_record_get_int (record, info->column));
    case RD_COLUMN_BOOLEAN:
      return g_strdup (rd_format_bool (rd_record_get_bool (record, info->column)));
    default:
      g_assert_not_reached ();
    }
}

static gboolean
column_info_is_numeric (ColumnInfo *info)
{
  if (info->key_func != NULL)
    return TRUE;
  if (info->text_func != NULL)
    return FALSE;

  return info->type == RD_COLUMN_INTEGER || info->type == RD_COLUMN_MONEY ||
         info->type == RD_COLUMN_TIME || info->type == RD_COLUMN_BOOLEAN;
}

static gint64
column_info_get_key (ColumnInfo *info,
                     RdRecord   *record)
{
  if (info->key_func != NULL)
    return info->key_func (record, info->user_data);
  if (rd_record_is_null (record, info->column))
    return G_MININT64;

  return rd_record_get_int (record, info->column);
}

static void
update_empty_state (RdRecordView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->search != NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "edit-find-symbolic");
      adw_status_page_set_title (self->status_page, _("No Results Found"));
      adw_status_page_set_description (self->status_page, _("Try a different search."));
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, self->empty_icon_name);
      adw_status_page_set_title (self->status_page, self->empty_title);
      adw_status_page_set_description (self->status_page, self->empty_description);
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ColumnInfo *info = user_data;
  RdRecord *ra = RD_RECORD ((gpointer) a);
  RdRecord *rb = RD_RECORD ((gpointer) b);

  if (column_info_is_numeric (info))
    {
      gint64 ka = column_info_get_key (info, ra);
      gint64 kb = column_info_get_key (info, rb);

      return ka < kb ? GTK_ORDERING_SMALLER : ka > kb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
  else if (info->text_func == NULL && info->type == RD_COLUMN_DATE)
    {
      /* ISO dates sort as strings; an empty one first */
      return gtk_ordering_from_cmpfunc (g_strcmp0 (rd_record_get_text (ra, info->column),
                                                   rd_record_get_text (rb, info->column)));
    }
  else
    {
      g_autofree char *ta = column_info_dup_text (info, ra);
      g_autofree char *tb = column_info_dup_text (info, rb);

      return gtk_ordering_from_cmpfunc (g_utf8_collate (ta, tb));
    }
}

static gboolean
filter_record (gpointer item,
               gpointer user_data)
{
  RdRecordView *self = user_data;

  if (self->search == NULL)
    return TRUE;

  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autofree char *text = column_info_dup_text (g_ptr_array_index (self->columns, i), item);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (folded, self->search) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  ColumnInfo               *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (info->align_end)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (list_item, label);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ColumnInfo               *info)
{
  RdRecord *record = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = column_info_dup_text (info, record);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text != NULL && strlen (text) > 24 ? text : NULL);
}

static void
on_filter_model_items_changed (GListModel   *model,
                               guint         position,
                               guint         removed,
                               guint         added,
                               RdRecordView *self)
{
  update_empty_state (self);
}

static void
on_search_entry_search_changed (GtkSearchEntry *entry,
                                RdRecordView   *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty_state (self);
}

static void
on_search_entry_stop_search (GtkSearchEntry *entry,
                             RdRecordView   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_column_view_activate (GtkColumnView *column_view,
                         guint          position,
                         RdRecordView  *self)
{
  g_autoptr(RdRecord) record = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (record != NULL)
    g_signal_emit (self, signals[RECORD_ACTIVATED], 0, record);
}

static void
on_store_changed (RdStore      *store,
                  const char   *table,
                  const char   *id,
                  RdRecordView *self)
{
  /* A referenced record may have a new name; labels are looked up again on the next bind. */
  g_hash_table_remove_all (self->labels);
}

static void
on_search_bar_notify_search_mode (GObject      *object,
                                  GParamSpec   *pspec,
                                  RdRecordView *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_record_view_dispose (GObject *object)
{
  RdRecordView *self = RD_RECORD_VIEW (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_RECORD_VIEW);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (rd_record_view_parent_class)->dispose (object);
}

static void
rd_record_view_finalize (GObject *object)
{
  RdRecordView *self = RD_RECORD_VIEW (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_free (self->search);
  g_free (self->empty_icon_name);
  g_free (self->empty_title);
  g_free (self->empty_description);

  G_OBJECT_CLASS (rd_record_view_parent_class)->finalize (object);
}

static void
rd_record_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdRecordView *self = RD_RECORD_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, rd_record_view_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_record_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdRecordView *self = RD_RECORD_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      rd_record_view_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_record_view_class_init (RdRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_record_view_dispose;
  object_class->finalize = rd_record_view_finalize;
  object_class->get_property = rd_record_view_get_property;
  object_class->set_property = rd_record_view_set_property;

  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RdRecordView::record-activated:
   * @record: the record of the row
   *
   * A row was activated (double click or Enter).
   */
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, RD_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/rd-record-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRecordView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RdRecordView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdRecordView, stack);
  gtk_widget_class_bind_template_child (widget_class, RdRecordView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RdRecordView, status_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);
}

static void
rd_record_view_init (RdRecordView *self)
{
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = g_ptr_array_new_with_free_func (column_info_free);
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->empty_icon_name = g_strdup ("edit-find-symbolic");
  self->empty_title = g_strdup (_("Nothing Here Yet"));

  self->filter = gtk_custom_filter_new (filter_record, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect (self->filter_model, "items-changed",
                    G_CALLBACK (on_filter_model_items_changed), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled",
                    G_CALLBACK (on_search_bar_notify_search_mode), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  update_empty_state (self);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_record_view_set_store:
 * @store: the store that referenced records are looked up in
 */
void
rd_record_view_set_store (RdRecordView *self,
                          RdStore      *store)
{
  g_return_if_fail (RD_IS_RECORD_VIEW (self));
  g_return_if_fail (RD_IS_STORE (store));

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  self->store_changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  g_hash_table_remove_all (self->labels);
}

/**
 * rd_record_view_set_model:
 * @records: a list model of #RdRecord, usually an #RdRecordList
 */
void
rd_record_view_set_model (RdRecordView *self,
                          GListModel   *records)
{
  g_return_if_fail (RD_IS_RECORD_VIEW (self));
  g_return_if_fail (G_IS_LIST_MODEL (records));

  g_set_object (&self->records, records);
  gtk_filter_list_model_set_model (self->filter_model, records);
  update_empty_state (self);
}

static GtkColumnViewColumn *
add_column_info (RdRecordView *self,
                 ColumnInfo   *info,
                 const char   *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), info);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), info);
  g_ptr_array_add (self->columns, info);

  column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_records, info, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);

  return column;
}

/**
 * rd_record_view_add_column:
 * @column: a column of the records' table
 * @title: the column's heading
 *
 * Adds a column that shows the record's value in words: enumeration values translated, money as
 * dollars, times in the department's zone, references as the referenced record's label.
 *
 * Returns: (transfer none): the column
 */
GtkColumnViewColumn *
rd_record_view_add_column (RdRecordView *self,
                           const char   *column,
                           const char   *title)
{
  ColumnInfo *info;
  const char *table_name;
  const RdTable *table;
  const RdColumn *col;

  g_return_val_if_fail (RD_IS_RECORD_VIEW (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (self->records != NULL, NULL);

  /* The model's item type does not say the table; an RdRecordList does. */
  g_return_val_if_fail (RD_IS_RECORD_LIST (self->records), NULL);
  table_name = rd_record_list_get_table (RD_RECORD_LIST (self->records));
  table = rd_table_lookup (table_name);
  col = table != NULL ? rd_table_get_column (table, column) : NULL;
  g_return_val_if_fail (col != NULL, NULL);

  info = g_new0 (ColumnInfo, 1);
  info->view = self;
  info->column = g_strdup (column);
  info->type = col->type;
  info->align_end = col->type == RD_COLUMN_INTEGER || col->type == RD_COLUMN_MONEY;

  return add_column_info (self, info, title);
}

/**
 * rd_record_view_add_computed_column:
 * @title: the column's heading
 * @text_func: gives the text of a record's cell
 * @key_func: (nullable): gives a number to sort by; %NULL sorts by the text
 * @user_data: for both functions; it must outlive the view
 *
 * Returns: (transfer none): the column
 */
GtkColumnViewColumn *
rd_record_view_add_computed_column (RdRecordView     *self,
                                    const char       *title,
                                    RdRecordTextFunc  text_func,
                                    RdRecordKeyFunc   key_func,
                                    gpointer          user_data)
{
  ColumnInfo *info;

  g_return_val_if_fail (RD_IS_RECORD_VIEW (self), NULL);
  g_return_val_if_fail (text_func != NULL, NULL);

  info = g_new0 (ColumnInfo, 1);
  info->view = self;
  info->type = key_func != NULL ? RD_COLUMN_INTEGER : RD_COLUMN_TEXT;
  info->text_func = text_func;
  info->key_func = key_func;
  info->user_data = user_data;

  return add_column_info (self, info, title);
}

/**
 * rd_record_view_set_column_numeric:
 * @column: a column of this view
 * @numeric: whether it shows figures, aligned on the right
 *
 * Columns of integers and money are numeric already; a computed column is not until this is
 * set, before the view is shown.
 */
void
rd_record_view_set_column_numeric (RdRecordView        *self,
                                   GtkColumnViewColumn *column,
                                   gboolean             numeric)
{
  GListModel *columns;
  guint n;

  g_return_if_fail (RD_IS_RECORD_VIEW (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  columns = gtk_column_view_get_columns (self->column_view);
  n = g_list_model_get_n_items (columns);
  for (guint i = 0; i < n && i < self->columns->len; i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (c == column)
        ((ColumnInfo *) g_ptr_array_index (self->columns, i))->align_end = numeric;
    }
}

/**
 * rd_record_view_sort_by:
 * @column: a column of this view
 * @direction: ascending or descending
 */
void
rd_record_view_sort_by (RdRecordView        *self,
                        GtkColumnViewColumn *column,
                        GtkSortType          direction)
{
  g_return_if_fail (RD_IS_RECORD_VIEW (self));

  gtk_column_view_sort_by_column (self->column_view, column, direction);
}

/**
 * rd_record_view_lookup_label:
 * @table: a table name
 * @id: (nullable): a record id
 *
 * Looks a referenced record's label up once per store change, so that binding a row does not
 * cost a query per cell.
 *
 * Returns: (transfer none): the label, or "" when there is no such record
 */
const char *
rd_record_view_lookup_label (RdRecordView *self,
                             const char   *table,
                             const char   *id)
{
  g_autofree char *key = NULL;
  const char *label;

  g_return_val_if_fail (RD_IS_RECORD_VIEW (self), "");

  if (id == NULL || *id == '\0' || self->store == NULL)
    return "";

  key = g_strconcat (table, "/", id, NULL);
  label = g_hash_table_lookup (self->labels, key);
  if (label == NULL)
    {
      g_autoptr(RdRecord) record = rd_store_get (self->store, table, id, NULL);
      char *text = record != NULL ? rd_record_dup_label (record) : NULL;

      /* a deleted or unknown record shows as a dash rather than an id nobody can read */
      if (text == NULL)
        text = g_strdup ("—");
      label = text;
      g_hash_table_insert (self->labels, g_steal_pointer (&key), text);
    }

  return label;
}

/**
 * rd_record_view_refresh:
 *
 * Shows computed columns again after what they are computed from changed, and sorts and
 * filters again.
 */
void
rd_record_view_refresh (RdRecordView *self)
{
  GtkSelectionModel *selection;

  g_return_if_fail (RD_IS_RECORD_VIEW (self));

  g_hash_table_remove_all (self->labels);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  /* setting the model again binds every visible row again */
  selection = g_object_ref (gtk_column_view_get_model (self->column_view));
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_column_view_set_model (self->column_view, selection);
  g_object_unref (selection);

  update_empty_state (self);
}

/**
 * rd_record_view_get_column_view:
 *
 * Returns: (transfer none): the column view
 */
GtkColumnView *
rd_record_view_get_column_view (RdRecordView *self)
{
  g_return_val_if_fail (RD_IS_RECORD_VIEW (self), NULL);

  return self->column_view;
}

/**
 * rd_record_view_get_shown:
 *
 * Returns: (transfer none): the records shown, filtered and sorted
 */
GListModel *
rd_record_view_get_shown (RdRecordView *self)
{
  g_return_val_if_fail (RD_IS_RECORD_VIEW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * rd_record_view_set_empty_state:
 * @icon_name: the icon of the empty state
 * @title: what it says when there are no records at all
 * @description: (nullable): what to do about it
 */
void
rd_record_view_set_empty_state (RdRecordView *self,
                                const char   *icon_name,
                                const char   *title,
                                const char   *description)
{
  g_return_if_fail (RD_IS_RECORD_VIEW (self));

  g_free (self->empty_icon_name);
  g_free (self->empty_title);
  g_free (self->empty_description);
  self->empty_icon_name = g_strdup (icon_name);
  self->empty_title = g_strdup (title);
  self->empty_description = g_strdup (description);
  update_empty_state (self);
}

gboolean
rd_record_view_get_search_mode (RdRecordView *self)
{
  g_return_val_if_fail (RD_IS_RECORD_VIEW (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

/**
 * rd_record_view_set_search_mode:
 * @enabled: whether the search bar shows
 *
 * Shows the search bar and puts the focus in it, or hides it and clears the search.
 */
void
rd_record_view_set_search_mode (RdRecordView *self,
                                gboolean      enabled)
{
  g_return_if_fail (RD_IS_RECORD_VIEW (self));

  if (enabled == gtk_search_bar_get_search_mode (self->search_bar))
    return;

  gtk_search_bar_set_search_mode (self->search_bar, enabled);
  if (enabled)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
