/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-history.c: one person's standing and whole history — training, certifications, doses. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-training.h"
#include "rd-training-history.h"
#include "rd-training-matrix-view.h"
#include "rd-widgets.h"

/* ---------------------------------------------------------------- */
/* Types                                                             */
/* ---------------------------------------------------------------- */

struct _RdTrainingHistory
{
  AdwBin     parent_instance;

  RdStore   *store;
  char      *staff_id;
  GtkWidget *content;   /* rebuilt on every refresh */
};

G_DEFINE_FINAL_TYPE (RdTrainingHistory, rd_training_history, ADW_TYPE_BIN)

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static GtkWidget *
group (GtkWidget  *content,
       const char *title,
       const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  gtk_box_append (GTK_BOX (content), g);
  return g;
}

static GtkWidget *
row (GtkWidget  *group,
     const char *title,
     const char *subtitle)
{
  GtkWidget *r = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title ? title : "", -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r), escaped_title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (r), escaped_subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), r);
  return r;
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *target)
{
  GtkWidget *button = rd_mnemonic_button_new (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static char *
staff_name (RdStore    *store,
            const char *id)
{
  g_autoptr (RdRecord) r = NULL;

  if (id == NULL || *id == '\0')
    return NULL;
  r = rd_store_get (store, "staff", id, NULL);
  return g_strdup (r ? rd_record_get_text (r, "name") : _("someone no longer listed"));
}

static void
add_standing (RdTrainingHistory *self,
              GtkWidget         *content)
{
  g_autoptr (GPtrArray) items = NULL;
  GtkWidget *g;
  GDate today;

  rd_training_today (rd_format_get_time_zone (), &today);
  items = rd_training_staff_items (self->store, self->staff_id, &today);
  g = group (content, _("Required"), items->len == 0 ? _("Nothing is required of this job.") : NULL);
  for (guint i = 0; i < items->len; i++)
    {
      RdTrainingItem *item = g_ptr_array_index (items, i);
      g_autofree char *sentence = rd_training_item_describe (item);
      g_autofree char *cell = rd_training_matrix_view_cell_label (item);
      GtkWidget *r = row (g, item->title, item->kind == RD_TRAINING_ITEM_COURSE ? _("Course") : _("Certification"));
      GtkWidget *label = gtk_label_new (cell);

      gtk_widget_add_css_class (label, "training-cell");
      gtk_widget_add_css_class (label, rd_training_status_to_string (item->status));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (label, sentence);
      gtk_accessible_update_property (GTK_ACCESSIBLE (r), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (r), label);
    }
}

static void
add_records (RdTrainingHistory *self,
             GtkWidget         *content)
{
  g_autoptr (GPtrArray) records = rd_store_list_by (self->store, "training_record", "staff_id",
                                                    self->staff_id, "date");
  GtkWidget *g = group (content, _("Training Records"),
                        records->len == 0 ? _("No training has been logged yet.") : NULL);

  /* Newest first. */
  for (guint n = records->len; n > 0; n--)
    {
      RdRecord *record = g_ptr_array_index (records, n - 1);
      g_autoptr (RdRecord) course = rd_store_get (self->store, "course", rd_record_get_text (record, "course_id"), NULL);
      g_autofree char *date = rd_format_date (rd_record_get_text (record, "date"));
      g_autofree char *trainer = staff_name (self->store, rd_record_get_text (record, "trainer_id"));
      g_autofree char *signer = staff_name (self->store, rd_record_get_text (record, "signed_off_by"));
      g_autoptr (GString) subtitle = g_string_new (NULL);
      gboolean superseded = rd_training_record_is_superseded (self->store, rd_record_get_id (record));
      GtkWidget *r;

      g_string_append_printf (subtitle, _("%s · %s · %lld h"), date,
                              rd_format_enum (rd_record_get_text (record, "outcome")),
                              (long long) rd_record_get_int (record, "hours"));
      if (trainer != NULL)
        g_string_append_printf (subtitle, _(" · trained by %s"), trainer);
      if (signer != NULL)
        g_string_append_printf (subtitle, _(" · signed off by %s"), signer);
      else
        g_string_append (subtitle, _(" · not signed off"));
      if (rd_record_get_text (record, "corrects_id") != NULL)
        g_string_append (subtitle, _(" · a correction"));
      if (rd_record_get_text (record, "notes") != NULL)
        g_string_append_printf (subtitle, "\n%s", rd_record_get_text (record, "notes"));

      r = row (g, course ? rd_record_get_text (course, "title") : _("Unknown course"), subtitle->str);
      if (superseded)
        {
          GtkWidget *label = gtk_label_new (_("Corrected"));
          gtk_widget_add_css_class (label, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (r), label);
          gtk_widget_add_css_class (r, "dim-label");
        }
      else if (signer != NULL)
        {
          GtkWidget *button = action_button (_("Co_rrect…"), "training.correct", rd_record_get_id (record));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("A signed-off record is not changed; add a correction that replaces it"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (r), button);
        }
      else
        {
          GtkWidget *button = action_button (_("_Edit…"), "training.edit", rd_record_get_id (record));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (r), button);
        }
    }
}

static void
add_certifications (RdTrainingHistory *self,
                    GtkWidget         *content)
{
  g_autoptr (GPtrArray) certs = rd_store_list_by (self->store, "certification", "staff_id",
                                                  self->staff_id, "issued");
  GtkWidget *g = group (content, _("Certifications"), certs->len == 0 ? _("None recorded.") : NULL);

  for (guint n = certs->len; n > 0; n--)
    {
      RdRecord *cert = g_ptr_array_index (certs, n - 1);
      g_autofree char *issued = rd_format_date (rd_record_get_text (cert, "issued"));
      g_autofree char *expires = rd_record_get_text (cert, "expires")
                                 ? rd_format_date (rd_record_get_text (cert, "expires")) : NULL;
      g_autofree char *subtitle = NULL;

      if (expires != NULL)
        subtitle = g_strdup_printf (_("No. %s · issued %s · expires %s"),
                                    rd_record_get_text (cert, "number") ? rd_record_get_text (cert, "number") : "—",
                                    issued, expires);
      else
        subtitle = g_strdup_printf (_("No. %s · issued %s · does not expire"),
                                    rd_record_get_text (cert, "number") ? rd_record_get_text (cert, "number") : "—",
                                    issued);
      row (g, rd_record_get_text (cert, "kind"), subtitle);
    }
}

static void
add_doses (RdTrainingHistory *self,
           GtkWidget         *content)
{
  g_autoptr (GPtrArray) doses = rd_store_list_by (self->store, "dose_reading", "staff_id",
                                                  self->staff_id, "period_start");
  GtkWidget *g = group (content, _("Dosimeter Readings"), doses->len == 0 ? _("None recorded.") : NULL);

  for (guint n = doses->len; n > 0 && n + 8 > doses->len; n--)
    {
      RdRecord *dose = g_ptr_array_index (doses, n - 1);
      g_autofree char *start = rd_format_date (rd_record_get_text (dose, "period_start"));
      g_autofree char *end = rd_format_date (rd_record_get_text (dose, "period_end"));
      g_autofree char *title = g_strdup_printf ("%s – %s", start, end);
      g_autofree char *eff = rd_training_format_usv (rd_record_get_int (dose, "effective_usv"));
      g_autofree char *lens = rd_training_format_usv (rd_record_get_int (dose, "lens_usv"));
      g_autofree char *ext = rd_training_format_usv (rd_record_get_int (dose, "extremity_usv"));
      g_autofree char *subtitle = g_strdup_printf (_("Effective %s · lens %s · extremity %s"), eff, lens, ext);

      row (g, title, subtitle);
    }
}

/* ---------------------------------------------------------------- */
/* GObject overrides                                                 */
/* ---------------------------------------------------------------- */

static void
rd_training_history_dispose (GObject *object)
{
  RdTrainingHistory *self = RD_TRAINING_HISTORY (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->store);
  g_clear_pointer (&self->staff_id, g_free);

  G_OBJECT_CLASS (rd_training_history_parent_class)->dispose (object);
}

static void
rd_training_history_class_init (RdTrainingHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rd_training_history_dispose;
}

static void
rd_training_history_init (RdTrainingHistory *self)
{
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

GtkWidget *
rd_training_history_new (void)
{
  return g_object_new (RD_TYPE_TRAINING_HISTORY, NULL);
}

/**
 * rd_training_history_show:
 * @self: a history pane
 * @store: the store
 * @staff_id: (nullable): the person, or %NULL for nobody
 */
void
rd_training_history_show (RdTrainingHistory *self,
                          RdStore           *store,
                          const char        *staff_id)
{
  g_return_if_fail (RD_IS_TRAINING_HISTORY (self));

  g_set_object (&self->store, store);
  g_free (self->staff_id);
  self->staff_id = g_strdup (staff_id);
  rd_training_history_refresh (self);
}

const char *
rd_training_history_get_staff_id (RdTrainingHistory *self)
{
  g_return_val_if_fail (RD_IS_TRAINING_HISTORY (self), NULL);
  return self->staff_id;
}

/**
 * rd_training_history_refresh:
 * @self: a history pane
 *
 * Builds the pane again from the store.
 */
void
rd_training_history_refresh (RdTrainingHistory *self)
{
  g_autoptr (RdRecord) staff = NULL;
  GtkWidget *scrolled, *clamp, *content, *title, *subtitle, *buttons, *header;
  const char *kinds;
  g_autofree char *job = NULL;

  g_return_if_fail (RD_IS_TRAINING_HISTORY (self));

  if (self->store == NULL || self->staff_id == NULL
      || (staff = rd_store_get (self->store, "staff", self->staff_id, NULL)) == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "avatar-default-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No One Chosen"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Choose a person in the list or the matrix to see their history."));
      adw_bin_set_child (ADW_BIN (self), status);
      return;
    }

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  title = gtk_label_new (rd_record_get_text (staff, "name"));
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  kinds = rd_record_get_text (staff, "modality_kinds");
  job = g_strdup_printf ("%s%s%s%s%s", rd_format_enum (rd_record_get_text (staff, "job")),
                         kinds ? " · " : "", kinds ? kinds : "",
                         rd_record_get_bool (staff, "is_trainer") ? _(" · trainer") : "",
                         rd_record_get_bool (staff, "active") ? "" : _(" · not active"));
  subtitle = gtk_label_new (job);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), subtitle);
  {
    GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

    gtk_widget_set_hexpand (header, TRUE);
    gtk_widget_set_valign (close, GTK_ALIGN_START);
    gtk_widget_add_css_class (close, "flat");
    gtk_widget_add_css_class (close, "circular");
    gtk_widget_set_tooltip_text (close, _("Close History"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "training.close-person");
    gtk_box_append (GTK_BOX (top), header);
    gtk_box_append (GTK_BOX (top), close);
    gtk_box_append (GTK_BOX (content), top);
  }

  buttons = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (buttons), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), action_button (_("_Log Training…"), "training.log-for", self->staff_id));
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), action_button (_("Add _Certification…"), "training.certify-for", self->staff_id));
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), action_button (_("Add _Dose Reading…"), "training.dose-for", self->staff_id));
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), action_button (_("E_xport History…"), "training.export-history", self->staff_id));
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), action_button (_("_Print History…"), "training.print-history", self->staff_id));
  gtk_box_append (GTK_BOX (content), buttons);

  add_standing (self, content);
  add_records (self, content);
  add_certifications (self, content);
  add_doses (self, content);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}
