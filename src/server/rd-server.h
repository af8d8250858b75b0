/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server.h: raddesk-server's internals that main(), the admin sub-commands, tests and fuzzers link. */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "rd-record.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------- */
/* Limits of SYNC.md                                                 */
/* ---------------------------------------------------------------- */

#define RD_SERVER_DEFAULT_LISTEN     "127.0.0.1:8470"
#define RD_SERVER_MAX_BODY           (4 * 1024 * 1024)
#define RD_SERVER_MAX_MUTATIONS      1000
#define RD_SERVER_MAX_JSON_DEPTH     64
#define RD_SERVER_DEFAULT_LIMIT      500
#define RD_SERVER_MAX_LIMIT          5000
#define RD_SERVER_MAX_WAIT           30
#define RD_SERVER_TOKEN_DAYS         30

#define RD_SERVER_ERROR (rd_server_error_quark ())

typedef enum
{
  RD_SERVER_ERROR_BAD_REQUEST,  /* 400: not JSON or not of the protocol's shape */
  RD_SERVER_ERROR_TOO_LARGE,    /* 413 */
  RD_SERVER_ERROR_NO_SUCH_USER,
  RD_SERVER_ERROR_USER_EXISTS,
  RD_SERVER_ERROR_FAILED,
  RD_SERVER_ERROR_IN_USE,       /* another raddesk-server serves the database */
} RdServerError;

GQuark rd_server_error_quark (void);

/* ---------------------------------------------------------------- */
/* Roles                                                             */
/* ---------------------------------------------------------------- */

gboolean     rd_server_role_is_valid        (const char  *role);
/* Whether @role may create, change or delete records of @table at all;
 * stock_movement for coordinators is further limited to kind consume by the caller. */
gboolean     rd_server_role_may_write       (const char  *role,
                                             const char  *table);

/* ---------------------------------------------------------------- */
/* The request decoder (no sockets, no store: fuzzed on its own)      */
/* ---------------------------------------------------------------- */

typedef struct
{
  char      *mutation_id;
  char      *table;
  char      *id;
  gboolean   is_delete;
  gint64     base_version;
  RdRecord  *record;          /* upsert: the decoded row; NULL for a delete or a rejected item */
  char      *body_hash;       /* SHA-256 of the canonical mutation, for idempotency */
  char      *reject_reason;   /* NULL, "invalid" or "unknown_table" */
  char      *reject_message;
} RdMutation;

typedef struct
{
  char      *client_id;
  GPtrArray *mutations;       /* of RdMutation */
} RdMutationBatch;

void             rd_mutation_batch_free       (RdMutationBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdMutationBatch, rd_mutation_batch_free)

gboolean         rd_server_json_depth_ok      (const char  *body,
                                               gsize        len,
                                               guint        max_depth);
JsonNode        *rd_server_parse_json         (const char  *body,
                                               gsize        len,
                                               GError     **error);
RdMutationBatch *rd_server_decode_mutations   (const char  *body,
                                               gsize        len,
                                               GError     **error);
char            *rd_server_canonical_json     (JsonNode    *node);

/* rd-server-json.c */
void             rd_server_append_json_string (GString     *out,
                                               const char  *text);
void             rd_server_append_change_json (GString     *out,
                                               RdRecord    *record,
                                               gint64       seq);

/* ---------------------------------------------------------------- */
/* The server's own tables: users, tokens, idempotency, audit, epoch */
/* ---------------------------------------------------------------- */

gboolean     rd_server_db_init              (sqlite3     *db,
                                             GError     **error);
char        *rd_server_db_ensure_epoch      (sqlite3     *db,
                                             GError     **error);
gboolean     rd_server_db_clear_epoch       (sqlite3     *db,
                                             GError     **error);
gint64       rd_server_db_answer_cutoff     (void);
gboolean     rd_server_db_prune_tokens      (sqlite3     *db,
                                             GError     **error);

gint64       rd_server_answer_key           (const char  *client_id,
                                             const char  *mutation_id);

/* rd-server-answers.c: stored answers found through a map in memory (key → rowid). */
typedef struct _RdAnswerMap RdAnswerMap;

RdAnswerMap *rd_answer_map_load             (sqlite3     *db,
                                             GError     **error);
void         rd_answer_map_free             (RdAnswerMap *self);
gboolean     rd_answer_map_lookup           (RdAnswerMap *self,
                                             const char  *client_id,
                                             const char  *mutation_id,
                                             gint64       key,
                                             char       **out_hash,
                                             char       **out_answer,
                                             GError     **error);
gboolean     rd_answer_map_store            (RdAnswerMap *self,
                                             const char  *client_id,
                                             const char  *mutation_id,
                                             gint64       key,
                                             const char  *body_hash,
                                             const char  *answer,
                                             gint64       at,
                                             GError     **error);
gint64       rd_answer_map_prune            (RdAnswerMap *self,
                                             gint64       before,
                                             GError     **error);
guint        rd_answer_map_get_size         (RdAnswerMap *self);
gboolean     rd_answer_map_is_collided      (RdAnswerMap *self,
                                             gint64       key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAnswerMap, rd_answer_map_free)

char        *rd_server_random_hex           (gsize        n_bytes);
char        *rd_server_sha256_hex           (const char  *text);
gboolean     rd_server_equal_constant_time  (const char  *a,
                                             const char  *b);

char        *rd_server_password_hash        (const char  *password,
                                             GError     **error);
gboolean     rd_server_password_verify      (const char  *password,
                                             const char  *hash);

gboolean     rd_server_user_add             (sqlite3     *db,
                                             const char  *name,
                                             const char  *role,
                                             const char  *password,
                                             GError     **error);
gboolean     rd_server_user_disable         (sqlite3     *db,
                                             const char  *name,
                                             GError     **error);
char        *rd_server_token_create         (sqlite3     *db,
                                             const char  *username,
                                             const char  *workstation,
                                             gint64      *expires_at,
                                             GError     **error);

void         rd_server_audit_append         (sqlite3     *db,
                                             const char  *username,
                                             const char  *workstation,
                                             const char  *action,
                                             const char  *table,
                                             const char  *id,
                                             const char  *result);

/* ---------------------------------------------------------------- */
/* The HTTP server                                                   */
/* ---------------------------------------------------------------- */

#define RD_TYPE_SERVER (rd_server_get_type ())
G_DECLARE_FINAL_TYPE (RdServer, rd_server, RD, SERVER, GObject)

RdServer    *rd_server_new                  (RdStore          *store,
                                             GError          **error);
gint64       rd_server_prune                (RdServer         *self,
                                             gint64            before);
gboolean     rd_server_listen               (RdServer         *self,
                                             const char       *address,
                                             GTlsCertificate  *certificate,
                                             GError          **error);
char        *rd_server_dup_uri              (RdServer         *self);
const char  *rd_server_get_epoch            (RdServer         *self);
void         rd_server_set_rate_limit       (RdServer         *self,
                                             double            per_second,
                                             double            burst);
void         rd_server_shutdown             (RdServer         *self);

/* The admin sub-commands of raddesk-server (user, token, backup, check). */
int          rd_server_admin_run            (const char       *database,
                                             int               argc,
                                             char            **argv);

G_END_DECLS
