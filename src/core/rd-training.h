/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training.h: staff training rules — due dates, compliance, certifications, dose levels, validation, CSV. */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

/**
 * RD_TRAINING_DUE_DAYS:
 *
 * An item whose due date lies within this many days of today is "due" rather than "current".
 */
#define RD_TRAINING_DUE_DAYS 30

/* Annual occupational dose limits in microsievert (reference/dose-limits.csv, US NRC 10 CFR 20.1201).
 * ICRP recommends 20 mSv a year for the lens of the eye; rd_training_dose_over_levels() uses the
 * NRC limit and notes the ICRP figure where a lens reading crosses it. */
#define RD_DOSE_LIMIT_EFFECTIVE_USV  50000
#define RD_DOSE_LIMIT_LENS_USV      150000
#define RD_DOSE_LIMIT_LENS_ICRP_USV  20000
#define RD_DOSE_LIMIT_EXTREMITY_USV 500000

/**
 * RdTrainingStatus:
 * @RD_TRAINING_CURRENT: done, and not due within %RD_TRAINING_DUE_DAYS days (or never due again)
 * @RD_TRAINING_DUE: falls due within %RD_TRAINING_DUE_DAYS days (today included)
 * @RD_TRAINING_OVERDUE: the due date (or the certification's expiry) has passed
 * @RD_TRAINING_MISSING: required, but there is no competent record (no certification)
 */
typedef enum
{
  RD_TRAINING_CURRENT,
  RD_TRAINING_DUE,
  RD_TRAINING_OVERDUE,
  RD_TRAINING_MISSING,
} RdTrainingStatus;

typedef enum
{
  RD_TRAINING_ITEM_COURSE,
  RD_TRAINING_ITEM_CERTIFICATION,
} RdTrainingItemKind;

/**
 * RdTrainingItem:
 * @kind: a course or a certification
 * @staff_id: the person
 * @staff_name: their name
 * @key: the course id, or the certification kind as required (see rd_training_required_certifications())
 * @title: the course title, or the certification kind
 * @status: where the person stands
 * @last: the date of the last competent record, or the issue date of the certification; invalid when missing
 * @due: when it must be renewed (the day after which it is overdue), or the certification's
 *   expiry; invalid when it never lapses (renewal interval 0, no expiry) or is missing
 * @record_id: (nullable): the training_record or certification behind @last
 *
 * One required item of one person.
 */
typedef struct
{
  RdTrainingItemKind kind;
  char              *staff_id;
  char              *staff_name;
  char              *key;
  char              *title;
  RdTrainingStatus   status;
  GDate              last;
  GDate              due;
  char              *record_id;
} RdTrainingItem;

GType            rd_training_item_get_type   (void) G_GNUC_CONST;
RdTrainingItem  *rd_training_item_copy       (const RdTrainingItem *item);
void             rd_training_item_free       (RdTrainingItem       *item);
char            *rd_training_item_dup_key    (const RdTrainingItem *item);
char            *rd_training_item_describe   (const RdTrainingItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTrainingItem, rd_training_item_free)

const char      *rd_training_status_to_string (RdTrainingStatus status);
const char      *rd_training_status_label     (RdTrainingStatus status);

/* Dates (rd-training.c) */
gboolean         rd_training_parse_date      (const char       *text,
                                              GDate            *out);
char            *rd_training_format_date     (const GDate      *date);
void             rd_training_add_months      (const GDate      *date,
                                              guint             months,
                                              GDate            *out);
RdTrainingStatus rd_training_status_for_due  (const GDate      *due,
                                              const GDate      *today);
void             rd_training_today           (GTimeZone        *tz,
                                              GDate            *out);

/* Requirements and compliance (rd-training.c) */
gboolean         rd_training_requirement_applies (RdRecord    *requirement,
                                                  RdRecord    *staff);
char           **rd_training_required_certifications (const char *job,
                                                      const char *modality_kinds);
const char *const *rd_training_certification_kinds (void);
gboolean         rd_training_certification_kind_matches (const char *required,
                                                         const char *held);
GPtrArray       *rd_training_staff_items     (RdStore          *store,
                                              const char       *staff_id,
                                              const GDate      *today);
GPtrArray       *rd_training_staff_lapsed_for_kind (RdStore    *store,
                                                    const char *staff_id,
                                                    const char *modality_kind,
                                                    GDateTime  *at);
GPtrArray       *rd_training_list_due        (RdStore          *store,
                                              const GDate      *today,
                                              guint             days);

/**
 * RdTrainingMatrix:
 *
 * Active staff (rows, by name) × required courses and certifications (columns), computed at once.
 */
typedef struct _RdTrainingMatrix RdTrainingMatrix;

typedef struct
{
  RdTrainingItemKind kind;
  char              *key;
  char              *title;
} RdTrainingColumn;

RdTrainingMatrix *rd_training_matrix_new      (RdStore          *store,
                                               const GDate      *today,
                                               const char       *job,
                                               const char       *modality_kind);
void              rd_training_matrix_free     (RdTrainingMatrix *matrix);
guint             rd_training_matrix_get_n_staff   (RdTrainingMatrix *matrix);
guint             rd_training_matrix_get_n_columns (RdTrainingMatrix *matrix);
RdRecord         *rd_training_matrix_get_staff     (RdTrainingMatrix *matrix,
                                                    guint             row);
const RdTrainingColumn *rd_training_matrix_get_column (RdTrainingMatrix *matrix,
                                                       guint             column);
const RdTrainingItem   *rd_training_matrix_get_cell   (RdTrainingMatrix *matrix,
                                                       guint             row,
                                                       guint             column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTrainingMatrix, rd_training_matrix_free)

/* Validation and saving (rd-training-rules.c): each refuses with RD_ERROR_INVALID and a sentence,
 * names the field in @out_field (a column name, or NULL for the record as a whole) and saves nothing. */
gboolean         rd_training_check_record        (RdStore     *store,
                                                  RdRecord    *record,
                                                  const GDate *today,
                                                  const char **out_field,
                                                  GError     **error);
gboolean         rd_training_check_certification (RdStore     *store,
                                                  RdRecord    *record,
                                                  const GDate *today,
                                                  const char **out_field,
                                                  GError     **error);
gboolean         rd_training_check_dose_reading  (RdStore     *store,
                                                  RdRecord    *record,
                                                  const GDate *today,
                                                  const char **out_field,
                                                  GError     **error);
gboolean         rd_training_save                (RdStore     *store,
                                                  RdRecord    *record,
                                                  const char  *user,
                                                  const GDate *today,
                                                  const char **out_field,
                                                  GError     **error);
RdRecord        *rd_training_new_correction      (RdRecord    *original);
gboolean         rd_training_record_is_superseded (RdStore    *store,
                                                   const char *record_id);

/* Dose investigation levels (rd-training-dose.c) */
typedef enum
{
  RD_DOSE_BELOW,
  RD_DOSE_LEVEL_ONE,
  RD_DOSE_LEVEL_TWO,
} RdDoseLevel;

/**
 * RdDoseFlag:
 * @reading_id: the dose_reading
 * @staff_id: the person
 * @staff_name: their name
 * @period_start: the reading's first day
 * @period_end: the reading's last day
 * @quantity: "effective", "lens" or "extremity"
 * @value_usv: the dose read, in microsievert
 * @threshold_usv: the investigation level crossed, for the reading's period, in microsievert
 * @level: the highest level crossed
 *
 * One quantity of one dosimeter reading over an investigation level.
 */
typedef struct
{
  char        *reading_id;
  char        *staff_id;
  char        *staff_name;
  GDate        period_start;
  GDate        period_end;
  const char  *quantity;
  gint64       value_usv;
  gint64       threshold_usv;
  RdDoseLevel  level;
} RdDoseFlag;

void             rd_dose_flag_free             (RdDoseFlag  *flag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdDoseFlag, rd_dose_flag_free)

guint            rd_training_dose_period_months (const GDate *start,
                                                 const GDate *end);
gint64           rd_training_dose_threshold     (gint64       annual_limit_usv,
                                                 int          percent,
                                                 guint        months);
RdDoseLevel      rd_training_dose_level         (gint64       value_usv,
                                                 gint64       annual_limit_usv,
                                                 guint        months,
                                                 int          level_one_percent,
                                                 int          level_two_percent,
                                                 gint64      *out_threshold_usv);
GPtrArray       *rd_training_dose_over_levels   (RdStore     *store,
                                                 int          level_one_percent,
                                                 int          level_two_percent);
char            *rd_training_format_usv         (gint64       usv);

/* CSV, RFC 4180 (rd-training-csv.c) */
void             rd_training_csv_append_field   (GString     *out,
                                                 const char  *field);
void             rd_training_csv_append_row     (GString     *out,
                                                 const char *const *fields);
void             rd_training_csv_matrix         (RdTrainingMatrix *matrix,
                                                 GString     *out);
/* The columns of rd_training_history_table(): date, type, item, outcome, hours, trainer, signed
 * off by, signed off at, number, expires, status, notes, effective, lens and extremity dose. */
#define RD_TRAINING_HISTORY_N_COLUMNS 15
GPtrArray       *rd_training_history_table      (RdStore     *store,
                                                 const char  *staff_id);
void             rd_training_csv_history        (RdStore     *store,
                                                 const char  *staff_id,
                                                 GString     *out);
gboolean         rd_training_csv_write          (GString       *csv,
                                                 GOutputStream *stream,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

/* Reminders: at most one a day per item (rd-training-csv.c) */
gboolean         rd_training_should_notify      (RdStore     *store,
                                                 const char  *item_key,
                                                 const GDate *today);
gboolean         rd_training_mark_notified      (RdStore     *store,
                                                 const char  *item_key,
                                                 const GDate *today,
                                                 GError     **error);

G_END_DECLS
