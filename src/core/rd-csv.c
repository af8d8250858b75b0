/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-csv.c: a small RFC 4180 reader and writer (quoted fields, doubled quotes, CRLF or LF). */

#include "rd-csv.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-error.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static gboolean
needs_quotes (const char *field)
{
  if (field[0] == '\0')
    return FALSE;
  /* Leading or trailing spaces would be lost by readers that trim. */
  if (field[0] == ' ' || field[strlen (field) - 1] == ' ')
    return TRUE;
  return strpbrk (field, ",\"\r\n") != NULL;
}

static void
end_row (GPtrArray *rows,
         GPtrArray *fields)
{
  g_ptr_array_add (fields, NULL);
  g_ptr_array_add (rows, g_ptr_array_free (fields, FALSE));
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

/**
 * rd_csv_parse:
 * @text: CSV text in UTF-8 (a leading byte-order mark is skipped)
 * @length: its length, or -1 when it is nul-terminated
 * @error: why it could not be read
 *
 * Reads RFC 4180 CSV: fields separated by commas, a field in double quotes may hold commas,
 * line breaks and doubled quotes (`""`). Lines end in CRLF or LF; a last line without a line
 * break is read too; empty lines are skipped. A quote inside an unquoted field, text after a
 * closing quote, an unterminated quoted field or invalid UTF-8 is an error naming the line.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, each a %NULL-terminated array of fields
 */
GPtrArray *
rd_csv_parse (const char  *text,
              gssize       length,
              GError     **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GString) field = g_string_new (NULL);
  const char *p, *end;
  guint line = 1, quote_line = 0;
  gboolean in_quotes = FALSE, was_quoted = FALSE, row_has_content = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The file is not UTF-8 text."));
      return NULL;
    }

  p = text;
  end = text + length;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  fields = g_ptr_array_new_with_free_func (g_free);

  for (; p < end; p++)
    {
      char c = *p;

      if (in_quotes)
        {
          if (c == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else
                in_quotes = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          row_has_content = TRUE;
        }
      else if (c == '\r' && p + 1 < end && p[1] == '\n')
        continue;
      else if (c == '\n' || c == '\r')
        {
          if (row_has_content || field->len > 0 || was_quoted)
            {
              g_ptr_array_add (fields, g_strdup (field->str));
              end_row (rows, g_steal_pointer (&fields));
              fields = g_ptr_array_new_with_free_func (g_free);
            }
          g_string_truncate (field, 0);
          was_quoted = row_has_content = FALSE;
          line++;
        }
      else if (c == '"')
        {
          if (field->len > 0 || was_quoted)
            {
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                           _("Line %u: a quote inside an unquoted field."), line);
              return NULL;
            }
          in_quotes = was_quoted = TRUE;
          quote_line = line;
        }
      else
        {
          if (was_quoted)
            {
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                           _("Line %u: text after a closing quote."), line);
              return NULL;
            }
          g_string_append_c (field, c);
        }
    }

  if (in_quotes)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                   _("Line %u: a quoted field is never closed."), quote_line);
      return NULL;
    }

  if (row_has_content || field->len > 0 || was_quoted)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      end_row (rows, g_steal_pointer (&fields));
    }

  return g_steal_pointer (&rows);
}

/**
 * rd_csv_quote:
 * @field: (nullable): a field's text; %NULL is written as an empty field
 *
 * Returns: (transfer full): the field as it goes into a CSV line, quoted when it must be
 */
char *
rd_csv_quote (const char *field)
{
  GString *out;

  if (field == NULL)
    return g_strdup ("");
  if (!needs_quotes (field))
    return g_strdup (field);

  out = g_string_new ("\"");
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

/**
 * rd_csv_append_row:
 * @out: where to write
 * @fields: the fields (a %NULL entry is an empty field when @n_fields is given)
 * @n_fields: how many, or -1 when @fields is %NULL-terminated
 *
 * Appends one CSV line ending in CRLF, as RFC 4180 asks.
 */
void
rd_csv_append_row (GString           *out,
                   const char *const *fields,
                   gssize             n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL);

  if (n_fields < 0)
    n_fields = g_strv_length ((GStrv) fields);

  for (gssize i = 0; i < n_fields; i++)
    {
      g_autofree char *quoted = rd_csv_quote (fields[i]);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, quoted);
    }
  g_string_append (out, "\r\n");
}

/**
 * rd_csv_find_column:
 * @header: the first row of a file
 * @name: a column name
 *
 * Returns: the index of the column called @name (ignoring case and surrounding spaces), or -1
 */
int
rd_csv_find_column (const char *const *header,
                    const char        *name)
{
  g_return_val_if_fail (header != NULL, -1);

  for (int i = 0; header[i] != NULL; i++)
    {
      g_autofree char *h = g_strstrip (g_strdup (header[i]));

      if (g_ascii_strcasecmp (h, name) == 0)
        return i;
    }

  return -1;
}
