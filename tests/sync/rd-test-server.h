/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-test-server.h: a real raddesk-server on a loopback port and workstations that sync with it, for tests. */

#pragma once

#include "rd-store.h"
#include "rd-sync-client.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *database;
  char        *url;
  char        *token;
  char        *tls_cert; /* set both before rd_test_server_start for HTTPS */
  char        *tls_key;
  GSubprocess *process;
} RdTestServer;

typedef struct
{
  char         *path;
  RdStore      *store;
  RdSyncClient *client;
} RdTestWorkstation;

const char        *rd_test_server_binary     (void);
RdTestServer      *rd_test_server_new        (const char        *template_db);
void               rd_test_server_start      (RdTestServer      *server);
void               rd_test_server_stop       (RdTestServer      *server,
                                              gboolean           kill);
void               rd_test_server_free       (RdTestServer      *server);
char              *rd_test_server_template   (const char        *dir,
                                              char             **token);
void               rd_test_run_cli           (const char        *database,
                                              const char        *stdin_text,
                                              char             **stdout_text,
                                              ...) G_GNUC_NULL_TERMINATED;

RdTestWorkstation *rd_test_workstation_new   (RdTestServer      *server,
                                              const char        *name);
void               rd_test_workstation_reopen (RdTestWorkstation *ws);
void               rd_test_workstation_free  (RdTestWorkstation *ws);
gboolean           rd_test_workstation_sync  (RdTestWorkstation *ws,
                                              GError           **error);
char              *rd_test_dump              (RdStore           *store);

G_END_DECLS
