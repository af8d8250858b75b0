/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-driver.c: runs the push-decoder fuzz target over a seeded, generated corpus, without libFuzzer. */

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "rd-server.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define N_INPUTS 2000

static const char *const seeds[] = {
  "{\"client_id\":\"ws-1\",\"mutations\":[]}",
  "{\"client_id\":\"ws-1\",\"mutations\":[{\"mutation_id\":\"m1\",\"table\":\"modality\",\"id\":\"a\","
  "\"op\":\"upsert\",\"base_version\":0,\"row\":{\"name\":\"CT 1\",\"kind\":\"CT\",\"opening_hours\":"
  "\"08:00-20:00;;;;;;\",\"active\":true,\"room\":null}}]}",
  "{\"client_id\":\"ws-2\",\"mutations\":[{\"mutation_id\":\"m2\",\"table\":\"booking\",\"id\":\"b\","
  "\"op\":\"upsert\",\"base_version\":3,\"row\":{\"modality_id\":\"a\",\"exam_type_id\":\"e\","
  "\"start\":\"2026-12-01T08:00:00Z\",\"end\":\"2026-12-01T08:20:00Z\",\"patient_name\":\"Test Patient\","
  "\"patient_mrn\":\"T1\",\"priority\":\"routine\",\"status\":\"scheduled\",\"conflict_with\":\"x\"}}]}",
  "{\"client_id\":\"ws-3\",\"mutations\":[{\"mutation_id\":\"m3\",\"table\":\"booking\",\"id\":\"b\","
  "\"op\":\"delete\",\"base_version\":5}]}",
  "{\"client_id\":\"ws-4\",\"mutations\":[{\"mutation_id\":\"m4\",\"table\":\"supply_item\",\"id\":\"s\","
  "\"op\":\"upsert\",\"base_version\":0,\"row\":{\"sku\":\"C-1\",\"name\":\"Contrast\",\"category\":\"contrast\","
  "\"unit\":\"bottle\",\"par_level\":10,\"reorder_point\":4,\"reorder_qty\":12,\"unit_cost\":2599,"
  "\"lot_tracked\":true,\"active\":true}},{\"mutation_id\":\"m5\",\"table\":\"nope\",\"id\":\"z\","
  "\"op\":\"upsert\",\"row\":{}}]}",
  "{\"client_id\":\"ws-5\",\"mutations\":[{\"mutation_id\":\"m6\",\"table\":\"certification\",\"id\":\"c\","
  "\"op\":\"upsert\",\"base_version\":1,\"row\":{\"staff_id\":\"p\",\"kind\":\"BLS\",\"issued\":\"2025-02-29\","
  "\"expires\":\"2027-02-28\"}}]}",
  "{\"client_id\":\"\\u0000\",\"mutations\":[{\"mutation_id\":\"\\ud800\",\"table\":\"x\",\"id\":\"\",\"op\":\"delete\"}]}",
  "[1,2,3]",
  "null",
  "{\"client_id\":1}",
};

static const char *const tokens[] = {
  "{", "}", "[", "]", "\"", ",", ":", "null", "true", "false", "0", "-1", "1e308", "9223372036854775808",
  "\"\\u0000\"", "\"\\ud800\"", "\"row\":", "\"op\":\"delete\"", "\"table\":\"booking\"", "\"start\":",
  "\"2026-13-40T25:61:61Z\"", "\"2026-12-01T08:00:00+01:00\"", "\xff\xfe", "\\", "\"base_version\":-5",
  "\"mutations\":", "\"client_id\":", "1.5", "\"kind\":\"consume\"",
};

/* GByteArray is a GArray of bytes; GLib 2.74 has no insert for it. */
static void
insert_bytes (GByteArray   *array,
              guint         at,
              const guint8 *data,
              guint         n)
{
  g_array_insert_vals ((GArray *) array, at, data, n);
}

static GByteArray *
mutate (GRand       *rand,
        const char  *seed,
        GPtrArray   *pool)
{
  GByteArray *out = g_byte_array_new ();
  guint rounds = g_rand_int_range (rand, 1, 9);

  g_byte_array_append (out, (const guint8 *) seed, strlen (seed));

  for (guint r = 0; r < rounds; r++)
    {
      guint len = out->len;
      guint at = len > 0 ? g_rand_int_range (rand, 0, len) : 0;
      guint span = g_rand_int_range (rand, 1, 64);   /* drawn once: MIN evaluates twice */

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: /* flip a byte */
          if (len > 0)
            out->data[at] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
          break;
        case 1: /* insert a token */
          {
            const char *t = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

            insert_bytes (out, at, (const guint8 *) t, strlen (t));
          }
          break;
        case 2: /* delete a range */
          if (len > 0)
            g_byte_array_remove_range (out, at, MIN (span / 4 + 1, len - at));
          break;
        case 3: /* duplicate a range */
          if (len > 0)
            {
              guint n = MIN (span, len - at);
              g_autofree guint8 *copy = g_memdup2 (out->data + at, n);

              insert_bytes (out, at, copy, n);
            }
          break;
        case 4: /* truncate */
          g_byte_array_set_size (out, at);
          break;
        case 5: /* splice in a part of another input */
          {
            const char *other = g_ptr_array_index (pool, g_rand_int_range (rand, 0, pool->len));
            guint olen = strlen (other);
            guint from = olen > 0 ? g_rand_int_range (rand, 0, olen) : 0;

            insert_bytes (out, at, (const guint8 *) other + from, olen - from);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return out;
}

static void
run_bytes (const char *data,
           gsize       len)
{
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
}

static void
test_corpus (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5eed);
  g_autoptr(GPtrArray) pool = g_ptr_array_new ();
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_ptr_array_add (pool, (gpointer) seeds[i]);
      run_bytes (seeds[i], strlen (seeds[i]));
      n++;
    }

  for (guint i = 0; i < N_INPUTS; i++)
    {
      g_autoptr(GByteArray) input = mutate (rand, g_ptr_array_index (pool, g_rand_int_range (rand, 0, pool->len)), pool);

      run_bytes ((const char *) input->data, input->len);
      n++;
    }

  g_test_message ("%u inputs decoded", n);
}

/* The inputs a random search rarely finds: deep nesting, too many items, a body over the limit. */
static void
test_extremes (void)
{
  GString *deep = g_string_new ("{\"client_id\":\"w\",\"mutations\":");
  GString *many = g_string_new ("{\"client_id\":\"w\",\"mutations\":[");
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  RdMutationBatch *batch;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  batch = rd_server_decode_mutations (deep->str, deep->len, &error);
  g_assert_null (batch);
  g_assert_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_string_free (deep, TRUE);

  for (guint i = 0; i <= RD_SERVER_MAX_MUTATIONS; i++)
    g_string_append_printf (many, "%s{\"mutation_id\":\"m%u\",\"table\":\"vendor\",\"id\":\"v%u\",\"op\":\"delete\"}",
                            i > 0 ? "," : "", i, i);
  g_string_append (many, "]}");
  batch = rd_server_decode_mutations (many->str, many->len, &error);
  g_assert_null (batch);
  g_assert_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_string_free (many, TRUE);

  big = g_malloc0 (RD_SERVER_MAX_BODY + 2);
  memset (big, ' ', RD_SERVER_MAX_BODY + 1);
  batch = rd_server_decode_mutations (big, RD_SERVER_MAX_BODY + 1, &error);
  g_assert_null (batch);
  g_assert_error (error, RD_SERVER_ERROR, RD_SERVER_ERROR_TOO_LARGE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzz/mutations/corpus", test_corpus);
  g_test_add_func ("/fuzz/mutations/extremes", test_extremes);

  return g_test_run ();
}
