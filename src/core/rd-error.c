/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-error.c: the error domain of RadDesk's core. */

#include "rd-error.h"

G_DEFINE_QUARK (rd-error-quark, rd_error)

/**
 * rd_refuse:
 * @out_field: (out) (optional) (transfer none): set to @field
 * @field: the column at fault, for a message beside it, or %NULL for the whole record
 * @error: set to %RD_ERROR_INVALID with the sentence
 * @format: the sentence to show
 * @...: its arguments
 *
 * For the checks that refuse an edit: names the field at fault and says why.
 *
 * Returns: %FALSE, so that a check can `return rd_refuse (…);`
 */
gboolean
rd_refuse (const char **out_field,
           const char  *field,
           GError     **error,
           const char  *format,
           ...)
{
  va_list args;

  if (out_field != NULL)
    *out_field = field;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (RD_ERROR, RD_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}
