/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-inventory-page.c: the Inventory page — supply items with stock on hand and reorder points. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-inventory-page.h"
#include "rd-record-list.h"
#include "rd-record-view.h"

#include "rd-inventory.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdInventoryPage
{
  AdwBin           parent_instance;

  AdwToastOverlay *toast_overlay;
  RdRecordView    *view;
  GHashTable      *on_hand;     /* item id → stock on hand, from rd_inventory_stock_on_hand_all() */

  RdStore         *store;
  RdRecordList    *records;
  gulong           store_changed_id;
  gboolean         folded;
};

G_DEFINE_FINAL_TYPE (RdInventoryPage, rd_inventory_page, ADW_TYPE_BIN)

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

static gint64
get_on_hand (RdRecord *item,
             gpointer  user_data)
{
  RdInventoryPage *self = user_data;
  gint64 *on_hand = self->on_hand != NULL ? g_hash_table_lookup (self->on_hand, rd_record_get_id (item))
                                          : NULL;

  return on_hand != NULL ? *on_hand : 0;
}

static char *
dup_on_hand_text (RdRecord *item,
                  gpointer  user_data)
{
  /* Translators: a quantity and its unit, "12 box" */
  return g_strdup_printf (_("%" G_GINT64_FORMAT " %s"), get_on_hand (item, user_data),
                          rd_record_get_text (item, "unit"));
}

static void
load_on_hand (RdInventoryPage *self)
{
  g_clear_pointer (&self->on_hand, g_hash_table_unref);
  self->on_hand = rd_inventory_stock_on_hand_all (self->store);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_store_changed (RdStore    *store,
                  const char *table,
                  const char *id,
                  RdInventoryPage *self)
{
  if (g_strcmp0 (table, "stock_movement") == 0)
    {
      load_on_hand (self);
      rd_record_view_refresh (self->view);
    }
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_inventory_page_constructed (GObject *object)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (object);
  GtkColumnViewColumn *column;

  G_OBJECT_CLASS (rd_inventory_page_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (self->store));

  rd_record_view_set_store (self->view, self->store);
  self->store_changed_id = g_signal_connect (self->store, "changed",
                                             G_CALLBACK (on_store_changed), self);
  load_on_hand (self);

  self->records = rd_record_list_new (self->store, "supply_item");
  rd_record_view_set_model (self->view, G_LIST_MODEL (self->records));

  rd_record_view_add_column (self->view, "sku", _("SKU"));
  column = rd_record_view_add_column (self->view, "name", _("Name"));
  gtk_column_view_column_set_expand (column, TRUE);
  rd_record_view_add_column (self->view, "category", _("Category"));
  rd_record_view_set_column_numeric (self->view,
                                     rd_record_view_add_computed_column (self->view, _("On Hand"),
                                                                         dup_on_hand_text,
                                                                         get_on_hand, self),
                                     TRUE);
  rd_record_view_add_column (self->view, "reorder_point", _("Reorder Point"));
  rd_record_view_sort_by (self->view, column, GTK_SORT_ASCENDING);

  rd_record_view_set_empty_state (self->view, "package-x-generic-symbolic", _("No Supply Items"),
                                  _("Contrast media, syringes and other consumables appear here."));
}

static void
rd_inventory_page_dispose (GObject *object)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  /* the bin would unparent its child again after the template has */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_INVENTORY_PAGE);
  g_clear_object (&self->records);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_inventory_page_parent_class)->dispose (object);
}

static void
rd_inventory_page_finalize (GObject *object)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (object);

  g_clear_pointer (&self->on_hand, g_hash_table_unref);

  G_OBJECT_CLASS (rd_inventory_page_parent_class)->finalize (object);
}

static void
rd_inventory_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (object);

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
rd_inventory_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdInventoryPage *self = RD_INVENTORY_PAGE (object);

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
rd_inventory_page_class_init (RdInventoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_inventory_page_constructed;
  object_class->dispose = rd_inventory_page_dispose;
  object_class->finalize = rd_inventory_page_finalize;
  object_class->get_property = rd_inventory_page_get_property;
  object_class->set_property = rd_inventory_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_RECORD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/inventory/rd-inventory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdInventoryPage, view);
}

static void
rd_inventory_page_init (RdInventoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_inventory_page_new:
 * @store: the department's store
 *
 * Returns: (transfer full): a new Inventory page
 */
RdInventoryPage *
rd_inventory_page_new (RdStore *store)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_INVENTORY_PAGE, "store", store, NULL);
}
