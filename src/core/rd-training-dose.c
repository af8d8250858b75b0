/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-training-dose.c: personal dosimeter readings against the ALARA investigation levels. */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-training.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

typedef struct
{
  const char *column;
  const char *quantity;
  gint64      annual_limit_usv;
} Quantity;

static const Quantity quantities[] = {
  { "effective_usv", "effective", RD_DOSE_LIMIT_EFFECTIVE_USV },
  { "lens_usv", "lens", RD_DOSE_LIMIT_LENS_USV },
  { "extremity_usv", "extremity", RD_DOSE_LIMIT_EXTREMITY_USV },
};

static int
compare_flags (gconstpointer a,
               gconstpointer b)
{
  const RdDoseFlag *x = *(RdDoseFlag **) a, *y = *(RdDoseFlag **) b;
  int c;

  /* Level II first, then the latest period, then by name. */
  if (x->level != y->level)
    return x->level > y->level ? -1 : 1;
  c = g_date_compare (&y->period_end, &x->period_end);
  if (c != 0)
    return c;
  return g_utf8_collate (x->staff_name ? x->staff_name : "", y->staff_name ? y->staff_name : "");
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

void
rd_dose_flag_free (RdDoseFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->reading_id);
  g_free (flag->staff_id);
  g_free (flag->staff_name);
  g_free (flag);
}

/**
 * rd_training_dose_period_months:
 * @start: the first day of a dosimeter's wear period
 * @end: its last day
 *
 * Badges are read monthly or quarterly; the levels are set per quarter, so a reading is held
 * against the level for the whole months it spans (a quarter is 3, a month 1, at least 1).
 *
 * Returns: the number of months of the period, rounded to the nearest whole month
 */
guint
rd_training_dose_period_months (const GDate *start,
                                const GDate *end)
{
  int days;
  guint months;

  g_return_val_if_fail (g_date_valid (start) && g_date_valid (end), 1);

  days = g_date_days_between (start, end) + 1;
  if (days <= 0)
    return 1;
  /* 365.25 / 12 = 30.4375 days a month; round to nearest. */
  months = (guint) ((days * 10000 + 304375 / 2) / 304375);
  return MAX (months, 1);
}

/**
 * rd_training_dose_threshold:
 * @annual_limit_usv: the annual limit
 * @percent: the level as a share of it (10 for Level I)
 * @months: the months of the reading's period
 *
 * Returns: the level for the period, in microsievert: a quarter of @percent of the limit for a
 *   quarter (1250 µSv for Level I of 50 mSv), pro rata for other periods
 */
gint64
rd_training_dose_threshold (gint64 annual_limit_usv,
                            int    percent,
                            guint  months)
{
  return annual_limit_usv * percent * (gint64) months / (100 * 12);
}

/**
 * rd_training_dose_level:
 * @value_usv: a dose read
 * @annual_limit_usv: the annual limit of its quantity
 * @months: the months of the reading's period
 * @level_one_percent: Level I, in percent of the annual limit (setting dose-level-one-percent)
 * @level_two_percent: Level II, in percent (setting dose-level-two-percent)
 * @out_threshold_usv: (out) (optional): the level crossed, or Level I when none is
 *
 * A reading crosses a level when it is above it; a reading exactly at the level does not.
 *
 * Returns: the highest level crossed
 */
RdDoseLevel
rd_training_dose_level (gint64  value_usv,
                        gint64  annual_limit_usv,
                        guint   months,
                        int     level_one_percent,
                        int     level_two_percent,
                        gint64 *out_threshold_usv)
{
  gint64 one = rd_training_dose_threshold (annual_limit_usv, level_one_percent, months);
  gint64 two = rd_training_dose_threshold (annual_limit_usv, level_two_percent, months);

  if (level_two_percent > 0 && value_usv > two)
    {
      if (out_threshold_usv != NULL)
        *out_threshold_usv = two;
      return RD_DOSE_LEVEL_TWO;
    }

  if (out_threshold_usv != NULL)
    *out_threshold_usv = one;
  return level_one_percent > 0 && value_usv > one ? RD_DOSE_LEVEL_ONE : RD_DOSE_BELOW;
}

/**
 * rd_training_dose_over_levels:
 * @store: a store
 * @level_one_percent: Level I in percent of the annual limit
 * @level_two_percent: Level II in percent
 *
 * Holds every reading's effective, lens and extremity dose against the annual limits of
 * reference/dose-limits.csv (50, 150 and 500 mSv).
 *
 * Returns: (transfer full) (element-type RdDoseFlag): one flag per quantity over a level, Level II
 *   first, then the latest period first
 */
GPtrArray *
rd_training_dose_over_levels (RdStore *store,
                              int      level_one_percent,
                              int      level_two_percent)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_dose_flag_free);
  g_autoptr (GPtrArray) readings = NULL;
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) staff = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), out);

  staff = rd_store_list (store, "staff", NULL);
  for (guint i = 0; i < staff->len; i++)
    {
      RdRecord *person = g_ptr_array_index (staff, i);
      g_hash_table_insert (names, g_strdup (rd_record_get_id (person)),
                           g_strdup (rd_record_get_text (person, "name")));
    }

  readings = rd_store_list (store, "dose_reading", "period_start");
  for (guint i = 0; i < readings->len; i++)
    {
      RdRecord *reading = g_ptr_array_index (readings, i);
      GDate start, end;
      guint months;

      if (!rd_training_parse_date (rd_record_get_text (reading, "period_start"), &start)
          || !rd_training_parse_date (rd_record_get_text (reading, "period_end"), &end))
        continue;
      months = rd_training_dose_period_months (&start, &end);

      for (guint q = 0; q < G_N_ELEMENTS (quantities); q++)
        {
          RdDoseFlag *flag;
          RdDoseLevel level;
          gint64 value, threshold;

          if (rd_record_is_null (reading, quantities[q].column))
            continue;
          value = rd_record_get_int (reading, quantities[q].column);
          level = rd_training_dose_level (value, quantities[q].annual_limit_usv, months,
                                          level_one_percent, level_two_percent, &threshold);
          if (level == RD_DOSE_BELOW)
            continue;

          flag = g_new0 (RdDoseFlag, 1);
          flag->reading_id = g_strdup (rd_record_get_id (reading));
          flag->staff_id = g_strdup (rd_record_get_text (reading, "staff_id"));
          flag->staff_name = g_strdup (g_hash_table_lookup (names, flag->staff_id));
          flag->period_start = start;
          flag->period_end = end;
          flag->quantity = quantities[q].quantity;
          flag->value_usv = value;
          flag->threshold_usv = threshold;
          flag->level = level;
          g_ptr_array_add (out, flag);
        }
    }

  g_ptr_array_sort (out, compare_flags);
  return out;
}

/**
 * rd_training_format_usv:
 * @usv: a dose in microsievert
 *
 * Returns: (transfer full): the dose in millisievert with two decimals ("1.25 mSv"), computed
 *   from the integer so no rounding error creeps in
 */
char *
rd_training_format_usv (gint64 usv)
{
  gint64 hundredths = (ABS (usv) + 5) / 10;

  /* TRANSLATORS: a dose in millisievert: whole part, decimal part */
  return g_strdup_printf (_("%s%lld.%02lld mSv"), usv < 0 ? "-" : "",
                          (long long) (hundredths / 100), (long long) (hundredths % 100));
}
