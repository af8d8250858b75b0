/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-budget-page.c: the Budget page — the budget lines of each fiscal year. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-budget-page.h"
#include "rd-record-list.h"
#include "rd-record-view.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdBudgetPage
{
  AdwBin           parent_instance;

  AdwToastOverlay *toast_overlay;
  RdRecordView    *view;

  RdStore         *store;
  RdRecordList    *records;
  gulong           store_changed_id;
  gboolean         folded;
};

G_DEFINE_FINAL_TYPE (RdBudgetPage, rd_budget_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */


/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_store_changed (RdStore    *store,
                  const char *table,
                  const char *id,
                  RdBudgetPage *self)
{
  /* the record list reloads itself; nothing else here depends on other tables */
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_budget_page_constructed (GObject *object)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (object);
  GtkColumnViewColumn *column;

  G_OBJECT_CLASS (rd_budget_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (self->store));

  rd_record_view_set_store (self->view, self->store);
  self->store_changed_id = g_signal_connect (self->store, "changed",
                                             G_CALLBACK (on_store_changed), self);

  self->records = rd_record_list_new (self->store, "budget_line");
  rd_record_view_set_model (self->view, G_LIST_MODEL (self->records));

  column = rd_record_view_add_column (self->view, "fiscal_year", _("Fiscal Year"));
  rd_record_view_add_column (self->view, "category", _("Category"));
  gtk_column_view_column_set_expand (rd_record_view_add_column (self->view, "name", _("Name")), TRUE);
  rd_record_view_add_column (self->view, "amount", _("Amount"));
  rd_record_view_sort_by (self->view, column, GTK_SORT_DESCENDING);

  rd_record_view_set_empty_state (self->view, "accessories-calculator-symbolic", _("No Budget Lines"),
                                  _("The department’s budget lines for each fiscal year appear here."));
}

static void
rd_budget_page_dispose (GObject *object)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_BUDGET_PAGE);
  g_clear_object (&self->records);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_budget_page_parent_class)->dispose (object);
}

static void
rd_budget_page_finalize (GObject *object)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (object);

  g_assert (self != NULL);

  G_OBJECT_CLASS (rd_budget_page_parent_class)->finalize (object);
}

static void
rd_budget_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_budget_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdBudgetPage *self = RD_BUDGET_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_budget_page_class_init (RdBudgetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_budget_page_constructed;
  object_class->dispose = rd_budget_page_dispose;
  object_class->finalize = rd_budget_page_finalize;
  object_class->get_property = rd_budget_page_get_property;
  object_class->set_property = rd_budget_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/budget/rd-budget-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdBudgetPage, view);
}

static void
rd_budget_page_init (RdBudgetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
