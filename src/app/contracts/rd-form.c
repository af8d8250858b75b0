/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-form.c: a small modal editor of rows with a message under each field, for the contract, vendor and budget line editors. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-form.h"
#include "rd-widgets.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

typedef struct
{
  GtkWidget *row;
  GtkWidget *error;
} Field;

struct _RdForm
{
  GtkWindow      *window;
  GtkBox         *box;
  GtkLabel       *general_error;
  GHashTable     *fields;      /* field name → Field */
  RdFormSaveFunc  save_func;
  gpointer        user_data;
  GDestroyNotify  destroy;
};

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
form_free (RdForm *form)
{
  if (form->destroy != NULL)
    form->destroy (form->user_data);
  g_hash_table_unref (form->fields);
  g_free (form);
}

static GtkWidget *
add_field (RdForm     *form,
           const char *field,
           GtkWidget  *row)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *error = gtk_label_new (NULL);
  Field *f = g_new0 (Field, 1);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (form->box, list);

  gtk_widget_set_visible (error, FALSE);
  gtk_label_set_xalign (GTK_LABEL (error), 0.0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_add_css_class (error, "caption");
  gtk_box_append (form->box, error);

  f->row = row;
  f->error = error;
  g_hash_table_insert (form->fields, g_strdup (field), f);
  return row;
}

static Field *
lookup (RdForm     *form,
        const char *field)
{
  Field *f = g_hash_table_lookup (form->fields, field);

  g_assert (f != NULL);
  return f;
}

/* ---------------------------------------------------------------- */
/* Callbacks                                                         */
/* ---------------------------------------------------------------- */

static void
on_save_clicked (GtkButton *button,
                 RdForm    *form)
{
  rd_form_clear_errors (form);
  form->save_func (form, form->user_data);
}

static void
on_entry_activated (AdwEntryRow *row,
                    RdForm      *form)
{
  on_save_clicked (NULL, form);
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_form_new:
 * @parent: a widget of the window the form belongs to
 * @title: the window title
 * @save_func: called when Save is pressed, with the messages cleared; it shows new ones or
 *   closes the form
 * @user_data: for @save_func
 * @destroy: (nullable): frees @user_data with the form
 *
 * Returns: (transfer none): a new form; it lives as long as its window
 */
RdForm *
rd_form_new (GtkWidget      *parent,
             const char     *title,
             RdFormSaveFunc  save_func,
             gpointer        user_data,
             GDestroyNotify  destroy)
{
  RdForm *form = g_new0 (RdForm, 1);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = rd_mnemonic_button_new (_("_Cancel"));
  GtkWidget *save = rd_mnemonic_button_new (_("_Save"));
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  form->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  form->save_func = save_func;
  form->user_data = user_data;
  form->destroy = destroy;

  form->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (form->window, title);
  gtk_window_set_modal (form->window, TRUE);
  gtk_window_set_default_size (form->window, 480, 640);
  rd_window_close_on_escape (form->window);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (form->window, GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (form->window), "rd-form", form, (GDestroyNotify) form_free);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), form->window);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), form);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_window_set_default_widget (form->window, save);

  form->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_margin_top (GTK_WIDGET (form->box), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (form->box), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (form->box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (form->box), 12);

  form->general_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_visible (GTK_WIDGET (form->general_error), FALSE);
  gtk_label_set_wrap (form->general_error, TRUE);
  gtk_label_set_xalign (form->general_error, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (form->general_error), "error");
  gtk_box_append (form->box, GTK_WIDGET (form->general_error));

  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (form->box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (form->window), content);

  return form;
}

GtkWindow *
rd_form_get_window (RdForm *form)
{
  return form->window;
}

AdwEntryRow *
rd_form_add_entry (RdForm     *form,
                   const char *field,
                   const char *title,
                   const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_entry_activated), form);
  return ADW_ENTRY_ROW (add_field (form, field, row));
}

AdwComboRow *
rd_form_add_combo (RdForm            *form,
                   const char        *field,
                   const char        *title,
                   const char *const *labels,
                   guint              selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return ADW_COMBO_ROW (add_field (form, field, row));
}

GtkSwitch *
rd_form_add_switch (RdForm     *form,
                    const char *field,
                    const char *title,
                    gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "rd-switch", toggle);
  add_field (form, field, row);
  return GTK_SWITCH (toggle);
}

GtkButton *
rd_form_add_button (RdForm     *form,
                    const char *label,
                    const char *css_class)
{
  GtkWidget *button = rd_mnemonic_button_new (label);

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 18);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  gtk_widget_add_css_class (button, "pill");
  gtk_box_append (form->box, button);
  return GTK_BUTTON (button);
}

const char *
rd_form_get_text (RdForm     *form,
                  const char *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (lookup (form, field)->row));
}

guint
rd_form_get_selected (RdForm     *form,
                      const char *field)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (lookup (form, field)->row));
}

gboolean
rd_form_get_active (RdForm     *form,
                    const char *field)
{
  return gtk_switch_get_active (g_object_get_data (G_OBJECT (lookup (form, field)->row), "rd-switch"));
}

void
rd_form_clear_errors (RdForm *form)
{
  GHashTableIter iter;
  Field *f;

  gtk_widget_set_visible (GTK_WIDGET (form->general_error), FALSE);
  g_hash_table_iter_init (&iter, form->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &f))
    {
      gtk_widget_set_visible (f->error, FALSE);
      gtk_widget_remove_css_class (f->row, "error");
    }
}

/**
 * rd_form_show_error:
 * @field: (nullable): the field the message belongs to; %NULL, or a field the form does not
 *   show, puts it at the top
 * @message: the sentence
 */
void
rd_form_show_error (RdForm     *form,
                    const char *field,
                    const char *message)
{
  Field *f = field != NULL ? g_hash_table_lookup (form->fields, field) : NULL;
  GtkLabel *label = f != NULL ? GTK_LABEL (f->error) : form->general_error;

  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  if (f != NULL)
    {
      gtk_widget_add_css_class (f->row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (f->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_widget_grab_focus (f->row);
    }
}

void
rd_form_present (RdForm *form)
{
  gtk_window_present (form->window);
}

void
rd_form_close (RdForm *form)
{
  gtk_window_destroy (form->window);
}

/**
 * rd_form_parse_money:
 * @text: an amount as typed: "1234.5", "$1,234.50", "-20"
 * @cents: (out): the amount in cents
 *
 * Returns: whether @text is an amount with at most two decimals
 */
gboolean
rd_form_parse_money (const char *text,
                     gint64     *cents)
{
  g_autoptr (GString) digits = g_string_new (NULL);
  gboolean negative = FALSE, point = FALSE;
  guint decimals = 0;
  gint64 whole = 0, fraction = 0;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == ',' || *p == '$')
        continue;
      if ((*p == '-' && digits->len == 0 && !negative && !point))
        negative = TRUE;
      else if (*p == '.' && !point)
        point = TRUE;
      else if (g_ascii_isdigit (*p))
        {
          if (point)
            {
              if (++decimals > 2)
                return FALSE;
              fraction = fraction * 10 + (*p - '0');
            }
          else
            {
              if (whole > G_MAXINT64 / 1000)
                return FALSE;
              whole = whole * 10 + (*p - '0');
            }
          g_string_append_c (digits, *p);
        }
      else
        return FALSE;
    }
  if (digits->len == 0)
    return FALSE;
  if (decimals == 1)
    fraction *= 10;
  *cents = (whole * 100 + fraction) * (negative ? -1 : 1);
  return TRUE;
}

/**
 * rd_form_format_money:
 * @cents: an amount
 *
 * Returns: (transfer full): the amount as it is typed back: "1234.50"
 */
char *
rd_form_format_money (gint64 cents)
{
  guint64 magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", cents < 0 ? "-" : "", magnitude / 100,
                          (guint) (magnitude % 100));
}
