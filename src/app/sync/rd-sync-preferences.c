/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-preferences.c: the Server group of Preferences — address, sign in and out, what the keyring does. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-sync-preferences.h"
#include "rd-token-store.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdSyncPreferences
{
  GtkBox         parent_instance;

  AdwEntryRow   *url_row;
  AdwEntryRow   *username_row;
  AdwEntryRow   *password_row;
  GtkLabel      *status_label;
  GtkLabel      *keyring_label;
  GtkWidget     *sign_in_button;
  GtkWidget     *sign_out_button;

  RdSyncClient  *client;
  GSettings     *settings;
  gboolean       busy;
  char          *error_text;     /* why the last sign-in failed, until the next try */
};

G_DEFINE_FINAL_TYPE (RdSyncPreferences, rd_sync_preferences, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A sign-in outlives the preferences window: closing it does not lose the token. */
typedef struct
{
  RdSyncClient *client;
  GSettings    *settings;
  char         *server;
  char         *username;
  GWeakRef      prefs;
} SignIn;

#define ATTACHED_KEY "rd-sync-preferences"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->client);
  g_clear_object (&sign_in->settings);
  g_free (sign_in->server);
  g_free (sign_in->username);
  g_weak_ref_clear (&sign_in->prefs);
  g_free (sign_in);
}

static void
set_keyring_note (RdSyncPreferences *self,
                  const char        *text)
{
  gtk_label_set_text (self->keyring_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), text != NULL);
}

static void
update_status (RdSyncPreferences *self)
{
  const char *server = rd_sync_client_get_server (self->client);
  const char *username = rd_sync_client_get_username (self->client);
  gboolean signed_in = rd_sync_client_get_token (self->client) != NULL;
  g_autofree char *stored_user = g_settings_get_string (self->settings, "server-username");
  g_autofree char *text = NULL;
  RdSyncState state = rd_sync_client_get_state (self->client);

  if (username == NULL || username[0] == '\0')
    username = stored_user;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  if (self->busy)
    text = g_strdup (_("Signing in…"));
  else if (self->error_text != NULL)
    {
      text = g_strdup (self->error_text);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else if (signed_in && state == RD_SYNC_STATE_ERROR)
    {
      text = g_strdup (rd_sync_client_get_message (self->client));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else if (signed_in)
    text = g_strdup_printf (_("Signed in as %s. Changes are shared in the background."), username);
  else if (server != NULL && server[0] != '\0')
    text = g_strdup (_("Signed out. Changes are kept here and sent after the next sign-in."));
  else
    text = g_strdup (_("Not connected. Every change is kept on this computer."));

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_sensitive (self->sign_in_button, !self->busy);
  gtk_widget_set_sensitive (self->sign_out_button, !self->busy && signed_in);

  if (!signed_in)
    set_keyring_note (self, NULL);
  else if (rd_token_store_is_session_only (self->client))
    set_keyring_note (self, _("No keyring is available: you will need to sign in again next time."));
}

static void
fail_sign_in (RdSyncPreferences *self,
              const char        *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  update_status (self);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_token_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SignIn *sign_in = user_data;
  g_autoptr (RdSyncPreferences) self = g_weak_ref_get (&sign_in->prefs);
  g_autoptr (GError) error = NULL;

  if (rd_token_store_save_finish (result, &error))
    {
      rd_token_store_set_session_only (sign_in->client, FALSE);
      if (self != NULL)
        set_keyring_note (self, NULL);
    }
  else
    {
      /* No keyring service (or it refused): the token stays in the client's memory only. */
      g_debug ("The keyring did not keep the sign-in: %s", error->message);
      rd_token_store_set_session_only (sign_in->client, TRUE);
    }

  if (self != NULL)
    update_status (self);
  sign_in_free (sign_in);
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SignIn *sign_in = user_data;
  g_autoptr (RdSyncPreferences) self = g_weak_ref_get (&sign_in->prefs);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = rd_sync_client_sign_in_finish (sign_in->client, result, &error);

  if (self != NULL)
    self->busy = FALSE;

  if (token == NULL)
    {
      if (self != NULL)
        fail_sign_in (self, error->message);
      sign_in_free (sign_in);
      return;
    }

  g_settings_set_string (sign_in->settings, "server-url", sign_in->server);
  g_settings_set_string (sign_in->settings, "server-username", sign_in->username);
  rd_sync_client_start (sign_in->client);

  if (self != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      g_clear_pointer (&self->error_text, g_free);
      set_keyring_note (self, _("Keeping the sign-in in your keyring…"));
      update_status (self);
    }

  rd_token_store_save_async (sign_in->server, sign_in->username, token, NULL, on_token_saved, sign_in);
}

static void
on_sign_in_clicked (GtkButton         *button,
                    RdSyncPreferences *self)
{
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *old_server = rd_sync_client_get_server (self->client);
  g_autofree char *old_user = g_settings_get_string (self->settings, "server-username");
  SignIn *sign_in;

  if (self->busy)
    return;

  if (!g_str_has_prefix (server, "https://") && !g_str_has_prefix (server, "http://"))
    {
      fail_sign_in (self, _("Enter the server’s address, such as https://raddesk.example.org."));
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }
  if (username[0] == '\0')
    {
      fail_sign_in (self, _("Enter your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }
  if (password[0] == '\0')
    {
      fail_sign_in (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  /* A sign-in to another server or as someone else replaces the kept one. */
  if (old_server != NULL && old_user[0] != '\0'
      && (g_strcmp0 (old_server, server) != 0 || g_strcmp0 (old_user, username) != 0))
    rd_token_store_clear (old_server, old_user);

  rd_sync_client_stop (self->client);
  self->busy = TRUE;
  g_clear_pointer (&self->error_text, g_free);
  update_status (self);

  sign_in = g_new0 (SignIn, 1);
  sign_in->client = g_object_ref (self->client);
  sign_in->settings = g_object_ref (self->settings);
  sign_in->server = g_strdup (server);
  sign_in->username = g_strdup (username);
  g_weak_ref_init (&sign_in->prefs, self);
  rd_sync_client_sign_in_async (self->client, server, username, password, NULL, on_signed_in, sign_in);
}

static void
on_password_row_entry_activated (AdwEntryRow       *row,
                                 RdSyncPreferences *self)
{
  on_sign_in_clicked (NULL, self);
}

static void
on_sign_out_clicked (GtkButton         *button,
                     RdSyncPreferences *self)
{
  g_autofree char *server = g_strdup (rd_sync_client_get_server (self->client));
  g_autofree char *username = g_settings_get_string (self->settings, "server-username");
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  rd_sync_client_sign_out (self->client);
  rd_token_store_clear (server, username);
  rd_token_store_set_session_only (self->client, FALSE);

  /* Emptying the address and signing out goes back to working alone. */
  if (url[0] == '\0')
    {
      g_settings_set_string (self->settings, "server-url", "");
      rd_sync_client_set_server (self->client, NULL);
    }

  g_clear_pointer (&self->error_text, g_free);
  update_status (self);
}

static void
on_client_notify (RdSyncClient      *client,
                  GParamSpec        *pspec,
                  RdSyncPreferences *self)
{
  update_status (self);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_sync_preferences_constructed (GObject *object)
{
  RdSyncPreferences *self = RD_SYNC_PREFERENCES (object);
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");
  g_autofree char *username = g_settings_get_string (self->settings, "server-username");
  const char *server = rd_sync_client_get_server (self->client);

  G_OBJECT_CLASS (rd_sync_preferences_parent_class)->constructed (object);

  g_assert (RD_IS_SYNC_CLIENT (self->client));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), server != NULL ? server : url);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);

  g_signal_connect_object (self->client, "notify::state", G_CALLBACK (on_client_notify), self, 0);
  g_signal_connect_object (self->client, "notify::message", G_CALLBACK (on_client_notify), self, 0);
  update_status (self);
}

static void
rd_sync_preferences_dispose (GObject *object)
{
  RdSyncPreferences *self = RD_SYNC_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SYNC_PREFERENCES);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_sync_preferences_parent_class)->dispose (object);
}

static void
rd_sync_preferences_finalize (GObject *object)
{
  g_free (RD_SYNC_PREFERENCES (object)->error_text);

  G_OBJECT_CLASS (rd_sync_preferences_parent_class)->finalize (object);
}

static void
rd_sync_preferences_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, RD_SYNC_PREFERENCES (object)->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_preferences_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CLIENT:
      RD_SYNC_PREFERENCES (object)->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_sync_preferences_class_init (RdSyncPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_sync_preferences_constructed;
  object_class->dispose = rd_sync_preferences_dispose;
  object_class->finalize = rd_sync_preferences_finalize;
  object_class->get_property = rd_sync_preferences_get_property;
  object_class->set_property = rd_sync_preferences_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RD_TYPE_SYNC_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/sync/rd-sync-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, username_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, keyring_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, sign_out_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_password_row_entry_activated);
}

static void
rd_sync_preferences_init (RdSyncPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_sync_preferences_attach:
 * @group: the preferences' Server group
 * @client: the application's sync client
 *
 * Fills @group with the server address, sign-in rows and status.
 *
 * Returns: (transfer none): the rows' container, owned by @group
 */
RdSyncPreferences *
rd_sync_preferences_attach (AdwPreferencesGroup *group,
                            RdSyncClient        *client)
{
  RdSyncPreferences *self;

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (client), NULL);

  self = g_object_new (RD_TYPE_SYNC_PREFERENCES, "client", client, NULL);
  adw_preferences_group_add (group, GTK_WIDGET (self));
  adw_preferences_group_set_description (group,
                                         _("Share this workstation’s changes with the department’s RadDesk "
                                           "server. The sign-in is kept in your keyring; the password is "
                                           "never stored."));
  g_object_set_data (G_OBJECT (group), ATTACHED_KEY, self);
  return self;
}

/**
 * rd_sync_preferences_find:
 * @group: a Server group
 *
 * Returns: (transfer none) (nullable): what rd_sync_preferences_attach() put there
 */
RdSyncPreferences *
rd_sync_preferences_find (AdwPreferencesGroup *group)
{
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  return g_object_get_data (G_OBJECT (group), ATTACHED_KEY);
}

GtkWidget *
rd_sync_preferences_get_url_row (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_WIDGET (self->url_row);
}

GtkWidget *
rd_sync_preferences_get_username_row (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_WIDGET (self->username_row);
}

GtkWidget *
rd_sync_preferences_get_password_row (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_WIDGET (self->password_row);
}

GtkWidget *
rd_sync_preferences_get_sign_in_button (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), NULL);
  return self->sign_in_button;
}

GtkWidget *
rd_sync_preferences_get_sign_out_button (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), NULL);
  return self->sign_out_button;
}

const char *
rd_sync_preferences_get_status (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), NULL);
  return gtk_label_get_text (self->status_label);
}

/**
 * rd_sync_preferences_get_keyring_note:
 *
 * Returns: (transfer none): what became of the token, or "" when there is nothing to say
 */
const char *
rd_sync_preferences_get_keyring_note (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->keyring_label)) ? gtk_label_get_text (self->keyring_label) : "";
}

gboolean
rd_sync_preferences_is_busy (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), FALSE);
  return self->busy;
}
