/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-page.c: the Staff & Training page — the department’s staff, their jobs and the modalities they work on. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-training-page.h"
#include "rd-record-list.h"
#include "rd-record-view.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdTrainingPage
{
  AdwBin           parent_instance;

  AdwToastOverlay *toast_overlay;
  RdRecordView    *view;

  RdStore         *store;
  RdRecordList    *records;
  gulong           store_changed_id;
  gboolean         folded;
};

G_DEFINE_FINAL_TYPE (RdTrainingPage, rd_training_page, ADW_TYPE_BIN)

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
                  RdTrainingPage *self)
{
  /* the record list reloads itself; nothing else here depends on other tables */
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_training_page_constructed (GObject *object)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (object);
  GtkColumnViewColumn *column;

  G_OBJECT_CLASS (rd_training_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (self->store));

  rd_record_view_set_store (self->view, self->store);
  self->store_changed_id = g_signal_connect (self->store, "changed",
                                             G_CALLBACK (on_store_changed), self);

  self->records = rd_record_list_new (self->store, "staff");
  rd_record_view_set_model (self->view, G_LIST_MODEL (self->records));

  column = rd_record_view_add_column (self->view, "name", _("Name"));
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_add_column (self->view, "job", _("Job"));
  rd_record_view_add_column (self->view, "modality_kinds", _("Modalities"));
  rd_record_view_add_column (self->view, "is_trainer", _("Trainer"));
  rd_record_view_add_column (self->view, "active", _("Active"));
  rd_record_view_sort_by (self->view, column, GTK_SORT_ASCENDING);

  rd_record_view_set_empty_state (self->view, "system-users-symbolic", _("No Staff"),
                                  _("Technologists, radiologists, nurses and clerks appear here."));
}

static void
rd_training_page_dispose (GObject *object)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_TRAINING_PAGE);
  g_clear_object (&self->records);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_training_page_parent_class)->dispose (object);
}

static void
rd_training_page_finalize (GObject *object)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (object);

  g_assert (self != NULL);

  G_OBJECT_CLASS (rd_training_page_parent_class)->finalize (object);
}

static void
rd_training_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (object);

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
rd_training_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdTrainingPage *self = RD_TRAINING_PAGE (object);

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
rd_training_page_class_init (RdTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_training_page_constructed;
  object_class->dispose = rd_training_page_dispose;
  object_class->finalize = rd_training_page_finalize;
  object_class->get_property = rd_training_page_get_property;
  object_class->set_property = rd_training_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/training/rd-training-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdTrainingPage, view);
}

static void
rd_training_page_init (RdTrainingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_training_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Staff & Training page
 */
RdTrainingPage *
rd_training_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_TRAINING_PAGE, "store", store, NULL);
}
