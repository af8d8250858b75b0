/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-sync-apply.h: a workstation's side of SYNC.md on its store — building pushes, applying answers and pulls, the conflicts list. */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_SYNC_ISSUE_CONFLICT, /* the server had a newer version: mine and theirs side by side */
  RD_SYNC_ISSUE_REJECTED, /* the server refused the edit, with its message */
} RdSyncIssueKind;

typedef struct
{
  gint64           id;
  RdSyncIssueKind  kind;
  char            *table;
  char            *record_id;
  RdRecord        *mine;    /* the local edit */
  RdRecord        *theirs;  /* the server's record (conflicts only) */
  char            *reason;  /* rejected: invalid, forbidden, … */
  char            *message;
  gint64           created_at;
} RdSyncIssue;

void rd_sync_issue_free (RdSyncIssue *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSyncIssue, rd_sync_issue_free)

typedef struct
{
  guint applied;
  guint flagged;
  guint conflicts;
  guint rejected;
} RdPushCounts;

char       *rd_sync_get_client_id        (RdStore        *store);
char       *rd_sync_build_push           (RdStore        *store,
                                          guint           limit,
                                          GPtrArray     **entries,
                                          GError        **error);
gboolean    rd_sync_apply_push_answer    (RdStore        *store,
                                          GPtrArray      *entries,
                                          JsonNode       *answer,
                                          RdPushCounts   *counts,
                                          GError        **error);
char       *rd_sync_get_cursor           (RdStore        *store);
gboolean    rd_sync_apply_pull_page      (RdStore        *store,
                                          JsonNode       *answer,
                                          gboolean       *has_more,
                                          GError        **error);
gboolean    rd_sync_restart_pull         (RdStore        *store,
                                          GError        **error);
gboolean    rd_sync_finish_resync        (RdStore        *store,
                                          GError        **error);

GPtrArray  *rd_sync_list_issues          (RdStore        *store);
gint64      rd_sync_count_issues         (RdStore        *store);
GPtrArray  *rd_sync_list_flagged         (RdStore        *store);
gboolean    rd_sync_resolve_keep_mine    (RdStore        *store,
                                          gint64          issue_id,
                                          const char     *user,
                                          GError        **error);
gboolean    rd_sync_resolve_keep_theirs  (RdStore        *store,
                                          gint64          issue_id,
                                          GError        **error);
gboolean    rd_sync_issue_can_merge      (RdStore        *store,
                                          RdSyncIssue    *issue,
                                          GError        **error);
gboolean    rd_sync_resolve_merge        (RdStore        *store,
                                          gint64          issue_id,
                                          const char     *user,
                                          GError        **error);
gboolean    rd_sync_resolve_resend       (RdStore        *store,
                                          gint64          issue_id,
                                          RdRecord       *corrected,
                                          const char     *user,
                                          GError        **error);
gboolean    rd_sync_resolve_discard      (RdStore        *store,
                                          gint64          issue_id,
                                          GError        **error);
GStrv       rd_sync_issue_changed_columns (RdSyncIssue   *issue);

G_END_DECLS
