/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-conflicts-window.c: what sync could not settle alone — conflicting edits, flagged bookings, refused edits. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-conflicts-window-private.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (RdConflictsWindow, rd_conflicts_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

const char *
rd_conflicts_window_current_user (RdConflictsWindow *self)
{
  const char *username = rd_sync_client_get_username (self->client);

  return username != NULL ? username : g_get_user_name ();
}

void
rd_conflicts_window_show_toast (RdConflictsWindow *self,
                                const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

GtkWidget *
rd_conflicts_window_find_named (GtkWidget  *widget,
                                const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rd_conflicts_window_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean on_reload_idle (gpointer user_data);

/* A button's own handler must not destroy the button: the list is rebuilt once it returns. */
void
rd_conflicts_window_queue_reload (RdConflictsWindow *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (on_reload_idle, self);
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static gboolean
on_reload_idle (gpointer user_data)
{
  RdConflictsWindow *self = user_data;

  self->reload_id = 0;
  rd_conflicts_window_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RdStore           *store,
                  const char        *table,
                  const char        *id,
                  RdConflictsWindow *self)
{
  rd_conflicts_window_queue_reload (self);
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_conflicts_window_constructed (GObject *object)
{
  RdConflictsWindow *self = RD_CONFLICTS_WINDOW (object);

  G_OBJECT_CLASS (rd_conflicts_window_parent_class)->constructed (object);

  self->store = g_object_ref (rd_sync_client_get_store (self->client));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, 0);
  rd_conflicts_window_reload (self);
}

static void
rd_conflicts_window_dispose (GObject *object)
{
  RdConflictsWindow *self = RD_CONFLICTS_WINDOW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CONFLICTS_WINDOW);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->flagged, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (rd_conflicts_window_parent_class)->dispose (object);
}

static void
rd_conflicts_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, RD_CONFLICTS_WINDOW (object)->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_conflicts_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CLIENT:
      RD_CONFLICTS_WINDOW (object)->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---------------------------------------------------------------- */
/* Class and instance                                                */
/* ---------------------------------------------------------------- */

static void
rd_conflicts_window_class_init (RdConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_conflicts_window_constructed;
  object_class->dispose = rd_conflicts_window_dispose;
  object_class->get_property = rd_conflicts_window_get_property;
  object_class->set_property = rd_conflicts_window_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RD_TYPE_SYNC_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/raddesk/RadDesk/sync/rd-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, conflicts_box);
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, flagged_group);
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, flagged_list);
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, RdConflictsWindow, rejected_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_conflicts_window_init (RdConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_conflicts_window_new:
 * @parent: (nullable): the main window; Move shows the schedule there
 * @client: the sync client, whose store holds the conflicts
 *
 * Returns: (transfer none): a new conflicts window
 */
GtkWidget *
rd_conflicts_window_new (GtkWindow    *parent,
                         RdSyncClient *client)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_SYNC_CLIENT (client), NULL);

  return g_object_new (RD_TYPE_CONFLICTS_WINDOW,
                       "transient-for", parent,
                       "client", client,
                       NULL);
}

/**
 * rd_conflicts_window_reload:
 *
 * Lists the conflicts again from the store (it also does so by itself when the store changes).
 */
void
rd_conflicts_window_reload (RdConflictsWindow *self)
{
  g_autofree char *subtitle = NULL;
  guint total;

  g_return_if_fail (RD_IS_CONFLICTS_WINDOW (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  remove_children (self->conflicts_box);
  remove_children (GTK_WIDGET (self->flagged_list));
  remove_children (GTK_WIDGET (self->rejected_list));
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->flagged, g_ptr_array_unref);

  self->issues = rd_sync_list_issues (self->store);
  self->flagged = rd_sync_list_flagged (self->store);
  self->n_conflicts = self->n_rejected = 0;

  for (guint i = 0; i < self->issues->len; i++)
    {
      RdSyncIssue *issue = g_ptr_array_index (self->issues, i);

      if (issue->kind == RD_SYNC_ISSUE_CONFLICT)
        {
          gtk_box_append (GTK_BOX (self->conflicts_box), rd_conflicts_window_build_conflict_card (self, issue));
          self->n_conflicts++;
        }
      else
        {
          gtk_list_box_append (self->rejected_list, rd_conflicts_window_build_rejected_row (self, issue));
          self->n_rejected++;
        }
    }
  for (guint i = 0; i < self->flagged->len; i++)
    gtk_list_box_append (self->flagged_list, rd_conflicts_window_build_flagged_row (self, g_ptr_array_index (self->flagged, i)));

  gtk_widget_set_visible (self->conflicts_group, self->n_conflicts > 0);
  gtk_widget_set_visible (self->flagged_group, self->flagged->len > 0);
  gtk_widget_set_visible (self->rejected_group, self->n_rejected > 0);

  total = self->n_conflicts + self->n_rejected + self->flagged->len;
  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "list" : "empty");
  subtitle = total > 0 ? g_strdup_printf (g_dngettext (NULL, "%u to resolve", "%u to resolve", total), total)
                       : g_strdup ("");
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

guint
rd_conflicts_window_get_n_conflicts (RdConflictsWindow *self)
{
  g_return_val_if_fail (RD_IS_CONFLICTS_WINDOW (self), 0);
  return self->n_conflicts;
}

guint
rd_conflicts_window_get_n_flagged (RdConflictsWindow *self)
{
  g_return_val_if_fail (RD_IS_CONFLICTS_WINDOW (self), 0);
  return self->flagged != NULL ? self->flagged->len : 0;
}

guint
rd_conflicts_window_get_n_rejected (RdConflictsWindow *self)
{
  g_return_val_if_fail (RD_IS_CONFLICTS_WINDOW (self), 0);
  return self->n_rejected;
}

/**
 * rd_conflicts_window_find_button:
 * @record_id: the record an entry is about
 * @action: "keep-mine", "keep-theirs", "merge", "move", "cancel", "discard" or "resend"
 *
 * Returns: (transfer none) (nullable): that entry's button
 */
GtkWidget *
rd_conflicts_window_find_button (RdConflictsWindow *self,
                                 const char        *record_id,
                                 const char        *action)
{
  g_autofree char *name = g_strdup_printf ("%s:%s", action, record_id);

  g_return_val_if_fail (RD_IS_CONFLICTS_WINDOW (self), NULL);
  return rd_conflicts_window_find_named (GTK_WIDGET (self), name);
}

/**
 * rd_conflicts_window_get_error:
 * @record_id: a conflicting record
 *
 * Returns: (transfer none): the message shown under that conflict, "" when none
 */
const char *
rd_conflicts_window_get_error (RdConflictsWindow *self,
                               const char        *record_id)
{
  g_autofree char *name = g_strdup_printf ("error:%s", record_id);
  GtkWidget *label;

  g_return_val_if_fail (RD_IS_CONFLICTS_WINDOW (self), NULL);
  label = rd_conflicts_window_find_named (GTK_WIDGET (self), name);
  return label != NULL && gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}
