/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-window.c: RadDesk's main window — the sidebar of pages and the pages themselves. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-window-private.h"

#include "budget/rd-budget-page.h"
#include "contracts/rd-contracts-page.h"
#include "inventory/rd-inventory-page.h"
#include "overview/rd-overview-page.h"
#include "purchasing/rd-purchasing-page.h"
#include "schedule/rd-schedule-page.h"
#include "sync/rd-sync-status.h"
#include "training/rd-training-page.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The pages in sidebar order; Alt+1 … Alt+7 follow it. */
const RdWindowPageInfo rd_window_pages[] = {
  { "overview", N_("Overview"), "view-grid-symbolic" },
  { "schedule", N_("Schedule"), "x-office-calendar-symbolic" },
  { "training", N_("Staff & Training"), "system-users-symbolic" },
  { "inventory", N_("Inventory"), "package-x-generic-symbolic" },
  { "purchasing", N_("Purchasing"), "document-send-symbolic" },
  { "contracts", N_("Contracts"), "emblem-documents-symbolic" },
  { "budget", N_("Budget"), "accessories-calculator-symbolic" },
};
const guint rd_window_n_pages = G_N_ELEMENTS (rd_window_pages);

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GtkWidget *
create_page (RdWindow   *self,
             const char *name)
{
  if (g_str_equal (name, "overview"))
    return GTK_WIDGET (rd_overview_page_new (self->store));
  if (g_str_equal (name, "schedule"))
    return GTK_WIDGET (rd_schedule_page_new (self->store));
  if (g_str_equal (name, "training"))
    return GTK_WIDGET (rd_training_page_new (self->store));
  if (g_str_equal (name, "inventory"))
    return GTK_WIDGET (rd_inventory_page_new (self->store));
  if (g_str_equal (name, "purchasing"))
    return GTK_WIDGET (rd_purchasing_page_new (self->store));
  if (g_str_equal (name, "contracts"))
    return GTK_WIDGET (rd_contracts_page_new (self->store));
  if (g_str_equal (name, "budget"))
    return GTK_WIDGET (rd_budget_page_new (self->store));

  g_assert_not_reached ();
}

static GtkWidget *
create_sidebar_row (const RdWindowPageInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (info->icon_name);
  GtkWidget *label = gtk_label_new (_(info->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title),
                                  -1);

  return row;
}

/* Pages are built the first time they are shown: the window's first frame waits only for the page
 * it opens on. Each stack child is a holder that receives its page then. */
static GtkWidget *
ensure_page (RdWindow   *self,
             const char *name)
{
  GtkWidget *holder = gtk_stack_get_child_by_name (self->stack, name);
  GtkWidget *page;

  if (holder == NULL)
    return NULL;
  if ((page = adw_bin_get_child (ADW_BIN (holder))) != NULL)
    return page;

  page = create_page (self, name);
  g_object_bind_property (self->leaflet, "folded", page, "folded", G_BINDING_SYNC_CREATE);
  adw_bin_set_child (ADW_BIN (holder), page);
  return page;
}

static void
build_pages (RdWindow *self)
{
  for (guint i = 0; i < rd_window_n_pages; i++)
    {
      const RdWindowPageInfo *info = &rd_window_pages[i];
      GtkStackPage *stack_page;

      stack_page = gtk_stack_add_named (self->stack, adw_bin_new (), info->name);
      gtk_stack_page_set_title (stack_page, _(info->title));
      gtk_stack_page_set_icon_name (stack_page, info->icon_name);

      gtk_list_box_append (self->sidebar, create_sidebar_row (info));
    }
}

static void
save_window_state (RdWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "last-page", rd_window_get_page (self));
  g_settings_apply (self->settings);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_sidebar_row_activated (GtkListBox    *list_box,
                          GtkListBoxRow *row,
                          RdWindow      *self)
{
  rd_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

/* Pages follow activation (click, Enter, Space), not selection: GTK 4.8's list box also selects
 * the rows Tab passes through, and Tab must not change the page. So that those rows do not stay
 * selected beside another page, the selection goes back to the page shown when the focus leaves
 * the sidebar. */
static void
on_sidebar_focus_leave (GtkEventControllerFocus *controller,
                        RdWindow                *self)
{
  if (self->stack != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    rd_window_show_page (self, rd_window_get_page (self));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static gboolean
rd_window_close_request (GtkWindow *window)
{
  save_window_state (RD_WINDOW (window));

  return GTK_WINDOW_CLASS (rd_window_parent_class)->close_request (window);
}

static void
rd_window_constructed (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);
  g_autofree char *last_page = NULL;

  G_OBJECT_CLASS (rd_window_parent_class)->constructed (object);

  g_assert (RD_IS_STORE (self->store));

  /* A window made without the application's client (tests, tools) still shows a sync state. */
  if (self->sync == NULL)
    self->sync = rd_sync_client_new (self->store);
  gtk_box_append (GTK_BOX (self->sidebar_box), rd_sync_status_new (self->sync));

  build_pages (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = g_settings_get_string (self->settings, "last-page");
  if (gtk_stack_get_child_by_name (self->stack, last_page) == NULL)
    {
      g_free (last_page);
      last_page = g_strdup ("overview");
    }
  rd_window_show_page (self, last_page);
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RdWindow *self = RD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RdWindow *self = RD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SYNC:
      self->sync = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rd_window_constructed;
  object_class->dispose = rd_window_dispose;
  object_class->get_property = rd_window_get_property;
  object_class->set_property = rd_window_set_property;
  window_class->close_request = rd_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, RD_TYPE_SYNC_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/raddesk/RadDesk/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);

  rd_window_class_init_actions (widget_class);
}

static void
rd_window_init (RdWindow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_sidebar_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar), focus);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_window_new:
 * @application: (nullable): the application
 * @store: the department's store
 *
 * Returns: (transfer full): a new main window
 */
RdWindow *
rd_window_new (GtkApplication *application,
               RdStore        *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

RdStore *
rd_window_get_store (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * rd_window_get_sync:
 *
 * Returns: (transfer none): the sync client whose state the sidebar shows
 */
RdSyncClient *
rd_window_get_sync (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->sync;
}

/**
 * rd_window_show_page:
 * @name: a page name, such as "schedule"
 *
 * Shows a page and selects its sidebar row; an unknown name is ignored.
 */
void
rd_window_show_page (RdWindow   *self,
                     const char *name)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_debug ("No page called “%s”", name);
      return;
    }

  ensure_page (self, name);
  gtk_stack_set_visible_child_name (self->stack, name);

  for (guint i = 0; i < rd_window_n_pages; i++)
    if (g_str_equal (rd_window_pages[i].name, name))
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, (int) i);

        if (row != NULL && gtk_list_box_get_selected_row (self->sidebar) != row)
          gtk_list_box_select_row (self->sidebar, row);
      }
}

/**
 * rd_window_get_page:
 *
 * Returns: (transfer none): the name of the page shown
 */
const char *
rd_window_get_page (RdWindow *self)
{
  const char *name;

  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  name = gtk_stack_get_visible_child_name (self->stack);
  return name != NULL ? name : "overview";
}

/**
 * rd_window_get_sidebar:
 *
 * Returns: (transfer none): the sidebar's list box, one row per page
 */
GtkWidget *
rd_window_get_sidebar (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->sidebar);
}

/**
 * rd_window_get_page_widget:
 * @name: a page name
 *
 * Returns: (transfer none) (nullable): the page of that name
 */
GtkWidget *
rd_window_get_page_widget (RdWindow   *self,
                           const char *name)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return ensure_page (self, name);
}

/**
 * rd_window_show_sidebar:
 *
 * On a folded window, goes back from the page to the sidebar.
 */
void
rd_window_show_sidebar (RdWindow *self)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}
