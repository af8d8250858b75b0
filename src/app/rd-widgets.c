/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-widgets.c: small widget helpers: mnemonic text buttons screen readers read once, dialogs Escape closes. */

/*
 * GTK 4.8 gives a button made with a label and use-underline (gtk_button_new_with_mnemonic ())
 * the raw label, underscore included, as its accessible label, and its mnemonic label names it
 * too, so a screen reader says "_Receive Receive". A button whose child is a mnemonic GtkLabel
 * pointing back at the button is named once, by the label's text, and keeps its Alt+letter.
 * In .ui files the same is written as a GtkLabel child with use-underline and mnemonic-widget
 * set to the button, and the button given the "text-button" style class.
 */

#include "config.h"

#include "rd-widgets.h"

/**
 * rd_mnemonic_button_new:
 * @mnemonic_label: the button's text, with an underscore before its mnemonic letter
 *
 * Returns: (transfer floating): a text button whose mnemonic activates it
 */
GtkWidget *
rd_mnemonic_button_new (const char *mnemonic_label)
{
  GtkWidget *button = gtk_button_new ();

  rd_mnemonic_button_set_label (GTK_BUTTON (button), mnemonic_label);
  return button;
}

/**
 * rd_mnemonic_button_set_label:
 * @button: a button made by rd_mnemonic_button_new () or a .ui file in the same way
 * @mnemonic_label: the new text, with an underscore before its mnemonic letter
 *
 * Changes the text of a mnemonic button, keeping its child label and accessible name in step.
 * Use this, never gtk_button_set_label (), on such buttons.
 */
void
rd_mnemonic_button_set_label (GtkButton  *button,
                              const char *mnemonic_label)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BUTTON (button));

  child = gtk_button_get_child (button);
  if (!GTK_IS_LABEL (child))
    {
      child = gtk_label_new (NULL);
      gtk_button_set_child (button, child);
    }
  gtk_label_set_text_with_mnemonic (GTK_LABEL (child), mnemonic_label != NULL ? mnemonic_label : "");
  gtk_label_set_mnemonic_widget (GTK_LABEL (child), GTK_WIDGET (button));
  gtk_widget_add_css_class (GTK_WIDGET (button), "text-button");
}

/**
 * rd_mnemonic_button_get_label:
 * @button: a mnemonic button, or any button
 *
 * Returns: (nullable): the text of a mnemonic button, underscore included (as it was set), or a
 * plain button's label
 */
const char *
rd_mnemonic_button_get_label (GtkButton *button)
{
  GtkWidget *child;

  g_return_val_if_fail (GTK_IS_BUTTON (button), NULL);

  child = gtk_button_get_child (button);
  if (GTK_IS_LABEL (child) && gtk_label_get_use_underline (GTK_LABEL (child)))
    return gtk_label_get_label (GTK_LABEL (child));
  return gtk_button_get_label (button);
}

/**
 * rd_window_close_on_escape:
 * @window: a dialog window built in code (a plain AdwWindow)
 *
 * Makes Escape close @window, as it closes every GNOME dialog. Window classes of their own add
 * the same binding in class_init instead.
 */
void
rd_window_close_on_escape (GtkWindow *window)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WINDOW (window));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}
