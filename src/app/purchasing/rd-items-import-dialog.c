/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-items-import-dialog.c: the preview of a supply item CSV import, listing every row refused and why. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-inventory.h"
#include "rd-items-import-dialog.h"
#include "rd-stock-dialog.h"
#include "rd-widgets.h"

struct _RdItemsImportDialog
{
  AdwWindow  parent_instance;

  RdStore   *store;
  GPtrArray *preview; /* RdImportRow */
};

G_DEFINE_FINAL_TYPE (RdItemsImportDialog, rd_items_import_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_import_clicked (RdItemsImportDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *user = rd_inventory_dup_user_name ();
  g_autofree char *message = NULL;
  guint n = 0;

  if (!rd_inventory_import_items (self->store, self->preview, user, &n, &error))
    message = g_strdup_printf (_("Nothing was imported: %s"), error->message);
  else
    message = g_strdup_printf (g_dngettext (NULL, "%u item imported", "%u items imported", n), n);
  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_items_import_dialog_finalize (GObject *object)
{
  RdItemsImportDialog *self = RD_ITEMS_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->preview, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_items_import_dialog_parent_class)->finalize (object);
}

static void
rd_items_import_dialog_class_init (RdItemsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_items_import_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_items_import_dialog_init (RdItemsImportDialog *self)
{
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_items_import_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the department's store
 * @text: the CSV file's contents
 * @length: its length
 * @error: why the file cannot be read at all
 *
 * Returns: (transfer none) (nullable): the preview dialog, not yet shown; it emits "done" after
 *   importing
 */
RdItemsImportDialog *
rd_items_import_dialog_new (GtkWindow   *parent,
                            RdStore     *store,
                            const char  *text,
                            gsize        length,
                            GError     **error)
{
  g_autoptr (GPtrArray) preview = rd_inventory_preview_items_csv (store, text, length, error);
  RdItemsImportDialog *self;
  GtkWidget *box, *header, *cancel, *import, *scrolled, *clamp, *content, *good, *refused;
  g_autofree char *summary = NULL;
  g_autofree char *button = NULL;
  guint n_good = 0, n_refused = 0;

  if (preview == NULL)
    return NULL;

  self = g_object_new (RD_TYPE_ITEMS_IMPORT_DIALOG, "transient-for", parent, "modal", TRUE,
                       "default-width", 600, "default-height", 560, "title", _("Import Supply Items"), NULL);
  self->store = g_object_ref (store);
  self->preview = g_steal_pointer (&preview);

  good = adw_preferences_group_new ();
  refused = adw_preferences_group_new ();
  for (guint i = 0; i < self->preview->len; i++)
    {
      RdImportRow *row = g_ptr_array_index (self->preview, i);
      GtkWidget *r = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Line %u · %s"), row->line,
                                                row->sku != NULL && row->sku[0] ? row->sku : _("no SKU"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (r), FALSE);
      if (row->reason != NULL)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "error");
          adw_action_row_add_prefix (ADW_ACTION_ROW (r), icon);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (r), row->reason);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (refused), r);
          n_refused++;
        }
      else
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (r), rd_record_get_text (row->item, "name"));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (good), r);
          n_good++;
        }
    }

  summary = g_strdup_printf (_("%u rows will be refused, as listed with the reason. Correct them in the file "
                               "and import it again; the other rows are imported now."), n_refused);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (refused), _("Refused"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (refused), summary);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (good), _("To Import"));
  gtk_widget_set_visible (refused, n_refused > 0);
  gtk_widget_set_visible (good, n_good > 0);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = rd_mnemonic_button_new (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  button = g_strdup_printf (g_dngettext (NULL, "_Import %u Item", "_Import %u Items", n_good), n_good);
  import = rd_mnemonic_button_new (button);
  gtk_widget_add_css_class (import, "suggested-action");
  gtk_widget_set_sensitive (import, n_good > 0);
  g_signal_connect_swapped (import, "clicked", G_CALLBACK (on_import_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), import);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_box_append (GTK_BOX (content), refused);
  gtk_box_append (GTK_BOX (content), good);
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
  return self;
}
