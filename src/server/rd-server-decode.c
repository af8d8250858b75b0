/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-decode.c: turns a POST /v1/mutations body into checked mutations, without sockets or a store. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rd-codec.h"
#include "rd-server.h"

#define MAX_ID_LENGTH 200

/* ---------------------------------------------------------------- */
/* Helpers                                                           */
/* ---------------------------------------------------------------- */

static void
rd_mutation_free (RdMutation *m)
{
  g_free (m->mutation_id);
  g_free (m->table);
  g_free (m->id);
  g_clear_object (&m->record);
  g_free (m->body_hash);
  g_free (m->reject_reason);
  g_free (m->reject_message);
  g_free (m);
}

static void
append_canonical_string (GString    *out,
                         const char *s)
{
  const char *run = s;
  const char *p;

  /* Plain characters are copied in runs; only quotes, backslashes and controls are escaped. */
  g_string_append_c (out, '"');
  for (p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c != '"' && c != '\\' && c >= 0x20)
        continue;

      g_string_append_len (out, run, p - run);
      if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void append_canonical (GString  *out,
                              JsonNode *node);

/* Members sorted by name; @skip_in_row, when given, is left out of the member "row" if that is an object.
 * Runs for every mutation of a push: the names are gathered on the stack when they are few. */
static void
append_canonical_object (GString    *out,
                         JsonObject *object,
                         const char *skip,
                         const char *skip_in_row)
{
  const char *stack_names[32];
  g_autofree const char **heap_names = NULL;
  const char **names = stack_names;
  guint size = json_object_get_size (object);
  guint n = 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (size > G_N_ELEMENTS (stack_names))
    names = heap_names = g_new (const char *, size);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    if (skip == NULL || strcmp (name, skip) != 0)
      names[n++] = name;
  qsort (names, n, sizeof (const char *), compare_strings);

  g_string_append_c (out, '{');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_canonical_string (out, names[i]);
      g_string_append_c (out, ':');
      member = json_object_get_member (object, names[i]);
      if (skip_in_row != NULL && strcmp (names[i], "row") == 0 && JSON_NODE_HOLDS_OBJECT (member))
        append_canonical_object (out, json_node_get_object (member), skip_in_row, NULL);
      else
        append_canonical (out, member);
    }
  g_string_append_c (out, '}');
}

static void
append_canonical (GString  *out,
                  JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          append_canonical_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (out, g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_canonical (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      append_canonical_object (out, json_node_get_object (node), NULL, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
id_is_acceptable (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > MAX_ID_LENGTH || !g_utf8_validate (id, -1, NULL))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  return TRUE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name,
                   gboolean   *wrong_type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *wrong_type = TRUE;
      return NULL;
    }

  return json_node_get_string (node);
}

static void
reject (RdMutation *m,
        const char *reason,
        const char *message)
{
  g_free (m->reject_reason);
  g_free (m->reject_message);
  m->reject_reason = g_strdup (reason);
  m->reject_message = g_strdup (message);
  g_clear_object (&m->record);
}

/* The hash covers what the mutation asks for; conflict_with is ignored, so it is left out. The
 * canonical text is written straight from the parsed item, without a copy of it. */
static char *
hash_mutation (JsonObject *item)
{
  GString *out = g_string_sized_new (512);
  char *hash;

  append_canonical_object (out, item, NULL, "conflict_with");
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) out->str, out->len);
  g_string_free (out, TRUE);
  return hash;
}

static RdMutation *
decode_one (JsonNode  *node,
            guint      index,
            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  RdMutation *m;
  JsonObject *item;
  JsonNode *base;
  JsonNode *row;
  const char *mutation_id, *table, *id, *op;
  gboolean wrong_type = FALSE;
  const RdTable *description;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST,
                   "mutations[%u] is not an object", index);
      return NULL;
    }

  item = json_node_get_object (node);
  mutation_id = get_string_member (item, "mutation_id", &wrong_type);
  table = get_string_member (item, "table", &wrong_type);
  id = get_string_member (item, "id", &wrong_type);
  op = get_string_member (item, "op", &wrong_type);

  if (wrong_type || mutation_id == NULL || table == NULL || id == NULL || op == NULL)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST,
                   "mutations[%u] needs the strings mutation_id, table, id and op", index);
      return NULL;
    }

  if (mutation_id[0] == '\0' || strlen (mutation_id) > MAX_ID_LENGTH)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST,
                   "mutations[%u].mutation_id is empty or too long", index);
      return NULL;
    }

  if (strcmp (op, "upsert") != 0 && strcmp (op, "delete") != 0)
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST,
                   "mutations[%u].op must be upsert or delete", index);
      return NULL;
    }

  base = json_object_get_member (item, "base_version");
  if (base != NULL
      && (!JSON_NODE_HOLDS_VALUE (base) || json_node_get_value_type (base) != G_TYPE_INT64
          || json_node_get_int (base) < 0))
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST,
                   "mutations[%u].base_version must be a whole number of zero or more", index);
      return NULL;
    }

  row = json_object_get_member (item, "row");
  if (strcmp (op, "upsert") == 0 && (row == NULL || !JSON_NODE_HOLDS_OBJECT (row)))
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST,
                   "mutations[%u].row must be an object for an upsert", index);
      return NULL;
    }

  m = g_new0 (RdMutation, 1);
  m->mutation_id = g_strdup (mutation_id);
  m->table = g_strdup (table);
  m->id = g_strdup (id);
  m->is_delete = strcmp (op, "delete") == 0;
  m->base_version = base != NULL ? json_node_get_int (base) : 0;
  m->body_hash = hash_mutation (item);

  description = rd_table_lookup (table);
  if (description == NULL)
    {
      g_autofree char *message = g_strdup_printf ("there is no table %s", table);

      reject (m, "unknown_table", message);
      return m;
    }

  if (!id_is_acceptable (id))
    {
      reject (m, "invalid", "id must be 1 to 200 printable characters");
      return m;
    }

  if (m->is_delete)
    return m;

  m->record = rd_record_new (description, id);
  if (!rd_codec_row_from_json (m->record, json_node_get_object (row),
                               RD_CODEC_IGNORE_SERVER_OWNED, &local_error))
    reject (m, "invalid", local_error->message);

  return m;
}

/* ---------------------------------------------------------------- */
/* Public API                                                        */
/* ---------------------------------------------------------------- */

void
rd_mutation_batch_free (RdMutationBatch *batch)
{
  if (batch == NULL)
    return;

  g_free (batch->client_id);
  g_clear_pointer (&batch->mutations, g_ptr_array_unref);
  g_free (batch);
}

/* Whether the integer literal at @p (digits, maybe a sign; no fraction or exponent) fits 64 bits. */
static gboolean
integer_fits (const char *p,
              gsize       n)
{
  gboolean negative = n > 0 && p[0] == '-';
  const char *digits = negative ? p + 1 : p;
  gsize n_digits = negative ? n - 1 : n;
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  while (n_digits > 1 && digits[0] == '0')
    {
      digits++;
      n_digits--;
    }

  if (n_digits != 19)
    return n_digits < 19;

  return strncmp (digits, limit, 19) <= 0;
}

/* One pass over the raw body for what the JSON parser would take badly: nesting deep enough to
 * exhaust the stack, NUL characters (\u0000, which C strings would silently cut), and integers
 * beyond 64 bits (which would silently wrap). */
static const char *
scan_json (const char *body,
           gsize       len,
           guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = body[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < len)
            {
              if (body[i + 1] == 'u' && i + 5 < len && strncmp (body + i + 2, "0000", 4) == 0)
                return "strings may not contain the NUL character";
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return "the body is nested too deeply";
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;
          gboolean integer = TRUE;

          while (i + 1 < len && (g_ascii_isdigit (body[i + 1]) || strchr ("+-.eE", body[i + 1]) != NULL))
            {
              if (strchr (".eE", body[i + 1]) != NULL)
                integer = FALSE;
              i++;
            }
          if (integer && !integer_fits (body + start, i - start + 1))
            return "a whole number is beyond 64 bits";
        }
    }

  return NULL;
}

/**
 * rd_server_json_depth_ok:
 * @body: a request body
 * @len: its length
 * @max_depth: the deepest nesting of arrays and objects allowed
 *
 * Scans brackets outside strings, so that a body nested thousands deep is refused
 * before the recursive JSON parser could run out of stack.
 *
 * Returns: whether @body nests no deeper than @max_depth (and has no NUL escape or
 *   integer beyond 64 bits, which are refused too)
 */
gboolean
rd_server_json_depth_ok (const char *body,
                         gsize       len,
                         guint       max_depth)
{
  return scan_json (body, len, max_depth) == NULL;
}

/**
 * rd_server_parse_json:
 * @body: a request body, not necessarily nul-terminated
 * @len: its length
 * @error: a location for an error of %RD_SERVER_ERROR_BAD_REQUEST
 *
 * Returns: (transfer full): the parsed body, or %NULL when it is not JSON
 */
JsonNode *
rd_server_parse_json (const char  *body,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *problem;
  JsonNode *root;

  if (body == NULL || len == 0)
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST, "the body is empty");
      return NULL;
    }

  if (len > G_MAXSSIZE || !g_utf8_validate_len (body, len, NULL))
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST, "the body is not UTF-8");
      return NULL;
    }

  if ((problem = scan_json (body, len, RD_SERVER_MAX_JSON_DEPTH)) != NULL)
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST, problem);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, body, (gssize) len, &local_error))
    {
      g_set_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST,
                   "the body is not JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST, "the body is empty");
      return NULL;
    }

  return json_node_ref (root);
}

/**
 * rd_server_decode_mutations:
 * @body: the body of a POST /v1/mutations, not necessarily nul-terminated
 * @len: its length
 * @error: a location for an %RD_SERVER_ERROR: BAD_REQUEST (400) or TOO_LARGE (413)
 *
 * Checks everything about a push that needs no store: the shape of SYNC.md, the
 * tables, and each row against its table description. Items that fail those
 * checks come back with a reject reason; the body as a whole fails only when it is
 * not of the protocol's shape.
 *
 * Returns: (transfer full): the batch, or %NULL with @error set
 */
RdMutationBatch *
rd_server_decode_mutations (const char  *body,
                            gsize        len,
                            GError     **error)
{
  g_autoptr(RdMutationBatch) batch = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *client_id;
  JsonNode *mutations;
  JsonArray *array;
  guint n;

  if (len > RD_SERVER_MAX_BODY)
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_TOO_LARGE, "the body is over 4 MiB");
      return NULL;
    }

  root = rd_server_parse_json (body, len, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST, "the body is not an object");
      return NULL;
    }

  object = json_node_get_object (root);
  client_id = json_object_get_member (object, "client_id");
  if (client_id == NULL || !JSON_NODE_HOLDS_VALUE (client_id)
      || json_node_get_value_type (client_id) != G_TYPE_STRING
      || json_node_get_string (client_id)[0] == '\0'
      || strlen (json_node_get_string (client_id)) > MAX_ID_LENGTH)
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST,
                           "client_id must be a non-empty string");
      return NULL;
    }

  mutations = json_object_get_member (object, "mutations");
  if (mutations == NULL || !JSON_NODE_HOLDS_ARRAY (mutations))
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST, "mutations must be an array");
      return NULL;
    }

  array = json_node_get_array (mutations);
  n = json_array_get_length (array);
  if (n > RD_SERVER_MAX_MUTATIONS)
    {
      g_set_error_literal (error, RD_SERVER_ERROR, RD_SERVER_ERROR_TOO_LARGE, "more than 1000 mutations");
      return NULL;
    }

  batch = g_new0 (RdMutationBatch, 1);
  batch->client_id = g_strdup (json_node_get_string (client_id));
  batch->mutations = g_ptr_array_new_full (n, (GDestroyNotify) rd_mutation_free);

  for (guint i = 0; i < n; i++)
    {
      RdMutation *m = decode_one (json_array_get_element (array, i), i, error);

      if (m == NULL)
        return NULL;
      g_ptr_array_add (batch->mutations, m);
    }

  return g_steal_pointer (&batch);
}

/**
 * rd_server_canonical_json:
 * @node: a JSON value
 *
 * Returns: (transfer full): @node as compact JSON with object members sorted by name,
 *   so that two bodies that mean the same give the same text
 */
char *
rd_server_canonical_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  append_canonical (out, node);
  return g_string_free (out, FALSE);
}
