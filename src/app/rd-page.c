/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-page.c: the base of every page — the construct-only "store" and the "folded" flag the window binds its leaflet to. */

#include "config.h"

#include "rd-page.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef struct
{
  RdStore  *store;
  gboolean  folded;
  gulong    changed_id;
  guint     refresh_id;
} RdPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RdPage, rd_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static gboolean
on_refresh_idle (gpointer user_data)
{
  RdPage *self = user_data;
  RdPagePrivate *priv = rd_page_get_instance_private (self);

  priv->refresh_id = 0;
  RD_PAGE_GET_CLASS (self)->refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RdStore    *store,
                  const char *table,
                  const char *id,
                  RdPage     *self)
{
  rd_page_queue_refresh (self);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_page_constructed (GObject *object)
{
  RdPage *self = RD_PAGE (object);
  RdPagePrivate *priv = rd_page_get_instance_private (self);

  G_OBJECT_CLASS (rd_page_parent_class)->constructed (object);

  if (RD_PAGE_GET_CLASS (self)->refresh != NULL && priv->store != NULL)
    priv->changed_id = g_signal_connect (priv->store, "changed", G_CALLBACK (on_store_changed), self);
}

static void
rd_page_dispose (GObject *object)
{
  RdPagePrivate *priv = rd_page_get_instance_private (RD_PAGE (object));

  g_clear_handle_id (&priv->refresh_id, g_source_remove);
  if (priv->store != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->store);

  G_OBJECT_CLASS (rd_page_parent_class)->dispose (object);
}

static void
rd_page_finalize (GObject *object)
{
  RdPagePrivate *priv = rd_page_get_instance_private (RD_PAGE (object));

  /* in finalize, not dispose: a page's handlers that still run while its children are
   * torn down find the store */
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (rd_page_parent_class)->finalize (object);
}

static void
rd_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RdPagePrivate *priv = rd_page_get_instance_private (RD_PAGE (object));

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, priv->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RdPagePrivate *priv = rd_page_get_instance_private (RD_PAGE (object));

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (priv->folded != g_value_get_boolean (value))
        {
          priv->folded = g_value_get_boolean (value);
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
rd_page_class_init (RdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rd_page_constructed;
  object_class->dispose = rd_page_dispose;
  object_class->finalize = rd_page_finalize;
  object_class->get_property = rd_page_get_property;
  object_class->set_property = rd_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_page_init (RdPage *self)
{
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_page_get_store:
 * @self: a page
 *
 * Returns: (transfer none): the department's store the page shows
 */
RdStore *
rd_page_get_store (RdPage *self)
{
  RdPagePrivate *priv;

  g_return_val_if_fail (RD_IS_PAGE (self), NULL);

  priv = rd_page_get_instance_private (self);
  return priv->store;
}

/**
 * rd_page_get_folded:
 * @self: a page
 *
 * Returns: whether the window is folded, so the page shows a button back to the sidebar
 */
gboolean
rd_page_get_folded (RdPage *self)
{
  RdPagePrivate *priv;

  g_return_val_if_fail (RD_IS_PAGE (self), FALSE);

  priv = rd_page_get_instance_private (self);
  return priv->folded;
}

/**
 * rd_page_queue_refresh:
 * @self: a page whose class has a refresh function
 *
 * Asks for one refresh at low priority; asking again before it ran changes nothing.
 */
void
rd_page_queue_refresh (RdPage *self)
{
  RdPagePrivate *priv;

  g_return_if_fail (RD_IS_PAGE (self));
  g_return_if_fail (RD_PAGE_GET_CLASS (self)->refresh != NULL);

  priv = rd_page_get_instance_private (self);
  if (priv->refresh_id == 0)
    priv->refresh_id = g_idle_add_full (G_PRIORITY_LOW, on_refresh_idle, self, NULL);
}
