/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-status.c: the compact sync state at the foot of the sidebar, with its details popover. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-conflicts-window.h"
#include "rd-sync-format.h"
#include "rd-sync-status.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdSyncStatus
{
  AdwBin          parent_instance;

  GtkWidget      *button;
  GtkImage       *icon;
  GtkLabel       *title_label;
  GtkLabel       *detail_label;
  GtkPopover     *popover;
  GtkLabel       *popover_title;
  GtkLabel       *popover_message;
  GtkLabel       *popover_counts;
  GtkWidget      *sync_now_button;
  GtkWidget      *conflicts_button;

  RdSyncClient   *client;
  gint64          pending;
  gint64          conflicts;
  gint64          retry_at;      /* when the next try is due while offline, Unix seconds; 0: none */
  char           *accessible_label;
  guint           tick_id;
  guint           counts_idle_id;
};

G_DEFINE_FINAL_TYPE (RdSyncStatus, rd_sync_status, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
dup_title (RdSyncStatus *self,
           const char  **icon_name)
{
  RdSyncState state = rd_sync_client_get_state (self->client);
  gint64 last = rd_sync_client_get_last_synced (self->client);

  switch (state)
    {
    case RD_SYNC_STATE_DISABLED:
      *icon_name = "computer-symbolic";
      return g_strdup (_("Working offline (no server)"));
    case RD_SYNC_STATE_SIGNED_OUT:
      *icon_name = "avatar-default-symbolic";
      return g_strdup (_("Signed out"));
    case RD_SYNC_STATE_SYNCING:
      *icon_name = "emblem-synchronizing-symbolic";
      return g_strdup (_("Syncing…"));
    case RD_SYNC_STATE_ERROR:
      *icon_name = "dialog-warning-symbolic";
      return g_strdup (_("Sync stopped"));
    case RD_SYNC_STATE_OFFLINE:
      *icon_name = "network-offline-symbolic";
      if (self->retry_at > 0)
        {
          gint64 left = MAX (1, self->retry_at - now_seconds ());

          /* Translators: the server is away; N seconds until the next try */
          return g_strdup_printf (_("Offline — retrying in %d s"), (int) left);
        }
      return g_strdup (_("Offline"));
    case RD_SYNC_STATE_SYNCED:
    default:
      {
        g_autofree char *ago = rd_sync_format_ago (last, now_seconds ());

        *icon_name = self->conflicts > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
        /* Translators: %s is "just now" or "2 min ago" */
        return g_strdup_printf (_("Synced %s"), ago);
      }
    }
}

static char *
dup_counts (RdSyncStatus *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (self->pending > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%d change waiting", "%d changes waiting",
                                                          (gulong) self->pending),
                                             (int) self->pending));
  if (self->conflicts > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%d conflict", "%d conflicts",
                                                          (gulong) self->conflicts),
                                             (int) self->conflicts));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
dup_popover_title (RdSyncStatus *self)
{
  const char *server = rd_sync_client_get_server (self->client);
  const char *username = rd_sync_client_get_username (self->client);

  if (server == NULL || server[0] == '\0')
    return g_strdup (_("This workstation works on its own"));
  if (rd_sync_client_get_token (self->client) == NULL)
    return g_strdup_printf (_("Not signed in to %s"), server);
  if (username != NULL)
    return g_strdup_printf (_("Signed in to %s as %s"), server, username);
  return g_strdup_printf (_("Signed in to %s"), server);
}

static char *
dup_popover_message (RdSyncStatus *self)
{
  const char *message = rd_sync_client_get_message (self->client);
  gint64 last = rd_sync_client_get_last_synced (self->client);

  if (rd_sync_client_get_state (self->client) == RD_SYNC_STATE_DISABLED)
    return g_strdup (_("Every change is kept on this computer. Connect to the department’s server in "
                       "Preferences to share them."));
  if (message != NULL && message[0] != '\0')
    return g_strdup (message);
  if (last > 0)
    {
      g_autofree char *ago = rd_sync_format_ago (last, now_seconds ());

      return g_strdup_printf (_("Last synced %s."), ago);
    }
  return g_strdup ("");
}

static void
update_labels (RdSyncStatus *self)
{
  const char *icon_name = NULL;
  g_autofree char *title = dup_title (self, &icon_name);
  g_autofree char *counts = dup_counts (self);
  g_autofree char *popover_title = dup_popover_title (self);
  g_autofree char *message = dup_popover_message (self);
  g_autofree char *accessible = NULL;
  RdSyncState state = rd_sync_client_get_state (self->client);

  if (g_strcmp0 (gtk_label_get_text (self->title_label), title) != 0)
    gtk_label_set_text (self->title_label, title);
  if (g_strcmp0 (gtk_label_get_text (self->detail_label), counts) != 0)
    gtk_label_set_text (self->detail_label, counts);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), counts[0] != '\0');
  gtk_image_set_from_icon_name (self->icon, icon_name);

  gtk_label_set_text (self->popover_title, popover_title);
  gtk_label_set_text (self->popover_message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->popover_message), message[0] != '\0');
  gtk_label_set_text (self->popover_counts, counts[0] != '\0' ? counts : _("Nothing waiting to be sent."));
  gtk_widget_set_sensitive (self->sync_now_button,
                            state != RD_SYNC_STATE_DISABLED && state != RD_SYNC_STATE_SIGNED_OUT
                              && state != RD_SYNC_STATE_SYNCING);
  gtk_widget_set_sensitive (self->conflicts_button, self->conflicts > 0);

  accessible = counts[0] != '\0' ? g_strdup_printf (_("Sync: %s, %s"), title, counts)
                                 : g_strdup_printf (_("Sync: %s"), title);
  if (g_strcmp0 (accessible, self->accessible_label) != 0)
    {
      g_free (self->accessible_label);
      self->accessible_label = g_steal_pointer (&accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                      -1);
      gtk_widget_set_tooltip_text (self->button, self->accessible_label);
    }
}

static void
read_counts (RdSyncStatus *self)
{
  self->pending = rd_sync_client_get_pending (self->client);
  self->conflicts = rd_sync_client_get_conflicts (self->client);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static gboolean
on_tick (gpointer user_data)
{
  update_labels (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_counts_idle (gpointer user_data)
{
  RdSyncStatus *self = user_data;

  self->counts_idle_id = 0;
  read_counts (self);
  update_labels (self);
  return G_SOURCE_REMOVE;
}

/* The client announces its counts on every store change; they are read once per burst. */
static void
on_client_notify_counts (RdSyncClient *client,
                         GParamSpec   *pspec,
                         RdSyncStatus *self)
{
  if (self->counts_idle_id == 0)
    self->counts_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_counts_idle, self, NULL);
}

static void
on_client_notify_state (RdSyncClient *client,
                        GParamSpec   *pspec,
                        RdSyncStatus *self)
{
  guint retry_in = rd_sync_client_get_retry_in (client);

  if (rd_sync_client_get_state (client) == RD_SYNC_STATE_OFFLINE && retry_in > 0)
    self->retry_at = now_seconds () + retry_in;
  else
    self->retry_at = 0;

  update_labels (self);
}

static void
on_button_clicked (GtkButton    *button,
                   RdSyncStatus *self)
{
  rd_sync_status_update (self);
  gtk_popover_popup (self->popover);
}

static void
on_sync_now_clicked (GtkButton    *button,
                     RdSyncStatus *self)
{
  rd_sync_client_sync_now (self->client);
}

static void
on_conflicts_clicked (GtkButton    *button,
                      RdSyncStatus *self)
{
  gtk_popover_popdown (self->popover);
  rd_sync_status_show_conflicts (self);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_sync_status_constructed (GObject *object)
{
  RdSyncStatus *self = RD_SYNC_STATUS (object);

  G_OBJECT_CLASS (rd_sync_status_parent_class)->constructed (object);

  g_assert (RD_IS_SYNC_CLIENT (self->client));

  g_signal_connect_object (self->client, "notify::state", G_CALLBACK (on_client_notify_state), self, 0);
  g_signal_connect_object (self->client, "notify::message", G_CALLBACK (on_client_notify_state), self, 0);
  g_signal_connect_object (self->client, "notify::last-synced", G_CALLBACK (on_client_notify_state), self, 0);
  g_signal_connect_object (self->client, "notify::pending", G_CALLBACK (on_client_notify_counts), self, 0);
  g_signal_connect_object (self->client, "notify::conflicts", G_CALLBACK (on_client_notify_counts), self, 0);

  /* "2 min ago" and "retrying in 30 s" move on by themselves */
  self->tick_id = g_timeout_add_seconds (1, on_tick, self);

  read_counts (self);
  on_client_notify_state (self->client, NULL, self);
}

static void
rd_sync_status_dispose (GObject *object)
{
  RdSyncStatus *self = RD_SYNC_STATUS (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->counts_idle_id, g_source_remove);
  /* The popover hangs off the button; AdwBin holds the button: let go of both, then of the
   * template's pointers */
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SYNC_STATUS);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (rd_sync_status_parent_class)->dispose (object);
}

static void
rd_sync_status_finalize (GObject *object)
{
  RdSyncStatus *self = RD_SYNC_STATUS (object);

  g_free (self->accessible_label);

  G_OBJECT_CLASS (rd_sync_status_parent_class)->finalize (object);
}

static void
rd_sync_status_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdSyncStatus *self = RD_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_status_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdSyncStatus *self = RD_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_sync_status_class_init (RdSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_sync_status_constructed;
  object_class->dispose = rd_sync_status_dispose;
  object_class->finalize = rd_sync_status_finalize;
  object_class->get_property = rd_sync_status_get_property;
  object_class->set_property = rd_sync_status_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RD_TYPE_SYNC_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/raddesk/RadDesk/sync/rd-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, detail_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, popover);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, popover_title);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, popover_message);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, popover_counts);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncStatus, conflicts_button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_conflicts_clicked);
}

static void
rd_sync_status_init (RdSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), self->button);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

GtkWidget *
rd_sync_status_new (RdSyncClient *client)
{
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (client), NULL);

  return g_object_new (RD_TYPE_SYNC_STATUS, "client", client, NULL);
}

RdSyncClient *
rd_sync_status_get_client (RdSyncStatus *self)
{
  g_return_val_if_fail (RD_IS_SYNC_STATUS (self), NULL);
  return self->client;
}

/**
 * rd_sync_status_get_title:
 *
 * Returns: (transfer none): the first line, such as "Synced 2 min ago" or "Offline — retrying in 30 s"
 */
const char *
rd_sync_status_get_title (RdSyncStatus *self)
{
  g_return_val_if_fail (RD_IS_SYNC_STATUS (self), NULL);
  return gtk_label_get_text (self->title_label);
}

/**
 * rd_sync_status_get_detail:
 *
 * Returns: (transfer none): the second line, such as "3 changes waiting · 2 conflicts", or ""
 */
const char *
rd_sync_status_get_detail (RdSyncStatus *self)
{
  g_return_val_if_fail (RD_IS_SYNC_STATUS (self), NULL);
  return gtk_label_get_text (self->detail_label);
}

const char *
rd_sync_status_get_accessible_label (RdSyncStatus *self)
{
  g_return_val_if_fail (RD_IS_SYNC_STATUS (self), NULL);
  return self->accessible_label;
}

/**
 * rd_sync_status_update:
 *
 * Reads the counts now rather than at the next idle moment (for tests and after a resolution).
 */
void
rd_sync_status_update (RdSyncStatus *self)
{
  g_return_if_fail (RD_IS_SYNC_STATUS (self));

  g_clear_handle_id (&self->counts_idle_id, g_source_remove);
  read_counts (self);
  update_labels (self);
}

/**
 * rd_sync_status_show_conflicts:
 *
 * Returns: (transfer none): the conflicts window, shown over the main window
 */
GtkWidget *
rd_sync_status_show_conflicts (RdSyncStatus *self)
{
  GtkRoot *root;
  GtkWidget *window;

  g_return_val_if_fail (RD_IS_SYNC_STATUS (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = rd_conflicts_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->client);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}
