/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-server-private.h: the RdServer instance and the request handlers shared by the server's files. */

#pragma once

#include <libsoup/soup.h>

#include "rd-server.h"

G_BEGIN_DECLS

/* Who is asking: the session a bearer token stands for. */
typedef struct
{
  char *token_hash;
  char *username;
  char *role;
  char *workstation;
} RdSession;

void rd_session_free (RdSession *session);

typedef struct _RdCheckpointer RdCheckpointer;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSession, rd_session_free)

struct _RdServer
{
  GObject      parent_instance;

  RdStore     *store;
  sqlite3     *db;
  SoupServer  *soup;
  char        *epoch;
  gboolean     https;

  RdCheckpointer *checkpointer;  /* the WAL's checkpoints, off the main loop */
  RdAnswerMap *answers;       /* stored answers by key; complete only while we are the one server */
  guint        prune_id;      /* the periodic pruning of old answers and expired tokens */
  int          lock_fd;       /* "<database>.lock", flock()ed while serving, or -1 */
  GHashTable  *statements;    /* SQL text → sqlite3_stmt*, prepared once */
  GHashTable  *static_statements; /* address of a SQL literal → the same sqlite3_stmt* */
  GHashTable  *buckets;       /* token hash → RdBucket, the per-token rate limit */
  GHashTable  *failures;      /* "user\npeer" → RdFailure, the sign-in slow-down */
  GList       *waiters;       /* long polls of /v1/changes, RdWaiter* */
  double       rate;
  double       burst;
  gboolean     shutting_down;
};

/* rd-server.c */
sqlite3_stmt *rd_server_prepare           (RdServer          *self,
                                           const char        *sql);
sqlite3_stmt *rd_server_prepare_static    (RdServer          *self,
                                           const char        *sql);
void          rd_server_respond_json      (SoupServerMessage *msg,
                                           guint              status,
                                           JsonNode          *node);
void          rd_server_respond_object    (SoupServerMessage *msg,
                                           guint              status,
                                           JsonObject        *object);
void          rd_server_respond_error     (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *error,
                                           const char        *message);
gint64        rd_server_now_usec          (void);

/* rd-server-auth.c */
RdSession    *rd_server_authenticate      (RdServer          *self,
                                           SoupServerMessage *msg);
gboolean      rd_server_rate_limit_ok     (RdServer          *self,
                                           RdSession         *session,
                                           double            *retry_after);
void          rd_server_handle_session    (RdServer          *self,
                                           SoupServerMessage *msg,
                                           RdSession         *session);

/* rd-server-sync.c */
void          rd_server_handle_changes    (RdServer          *self,
                                           SoupServerMessage *msg,
                                           GHashTable        *query,
                                           RdSession         *session);
void          rd_server_wake_waiters      (RdServer          *self);
void          rd_server_finish_waiters    (RdServer          *self);

/* rd-server-push.c */
void          rd_server_handle_mutations  (RdServer          *self,
                                           SoupServerMessage *msg,
                                           RdSession         *session);

/* rd-server-checkpoint.c */
RdCheckpointer *rd_checkpointer_new       (sqlite3           *db,
                                           const char        *path);
void          rd_checkpointer_free        (RdCheckpointer    *self);

/* rd-server-audit.c */
void          rd_server_audit             (RdServer          *self,
                                           const char        *username,
                                           const char        *workstation,
                                           const char        *action,
                                           const char        *table,
                                           const char        *id,
                                           const char        *result);
void          rd_server_handle_audit      (RdServer          *self,
                                           SoupServerMessage *msg,
                                           GHashTable        *query,
                                           RdSession         *session);

G_END_DECLS
