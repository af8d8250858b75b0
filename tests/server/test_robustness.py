# SPDX-License-Identifier: GPL-3.0-or-later
"""test_robustness.py: lost answers, kill -9 during a batch, and malformed or hostile input."""

import http.client
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import unittest

import rdserver
from rdserver import (booking_row, delete, iso, make_base, modality_row, new_id, same_row,
                      upsert)

SEED = int(os.environ.get('RADDESK_TEST_SEED', '20261201'))


def state(client):
    """The feed as comparable data: (table, id) -> (version, deleted, row)."""
    return {k: (c['version'], c['deleted'], c['row']) for k, c in client.snapshot().items()}


def mixed_batch(tag):
    """A batch touching several tables: creates, refs inside the batch, an update, a delete,
    a flagged overlap, a tombstone for an unknown id and a rejected item."""
    mod = upsert('modality', modality_row('CT %s' % tag))
    ex = upsert('exam_type', rdserver.exam_type_row('C%s' % tag))
    m, e = mod['id'], ex['id']
    day = '2026-12-14'
    b1 = upsert('booking', booking_row(m, e, iso(day, '09:00'), iso(day, '09:20')))
    b2 = upsert('booking', booking_row(m, e, iso(day, '09:20'), iso(day, '09:40')))
    b3 = upsert('booking', booking_row(m, e, iso(day, '09:10'), iso(day, '09:30')))  # flagged
    b1u = upsert('booking', dict(b1['row'], notes='moved to the morning list'), id=b1['id'],
                 base_version=1)
    v = upsert('vendor', {'name': 'Vendor %s' % tag})
    vd = delete('vendor', v['id'], base_version=1)
    ghost = delete('booking', new_id())
    bad = upsert('booking', dict(b2['row'], priority='eventually'))
    vendors = [upsert('vendor', {'name': 'Vendor %s %d' % (tag, i)}) for i in range(40)]
    return [mod, ex, b1, b2, b3, b1u, v, vd, ghost, bad] + vendors


class LostAnswers(unittest.TestCase):
    """Resending a batch whose answers were lost gives the state of sending it once."""

    def test_resend_after_dropped_answers(self):
        rng = random.Random(SEED)
        ref = rdserver.Server()
        srv = rdserver.Server()
        try:
            for s in (ref, srv):
                s.add_standard_users()
                s.start()
            batch = mixed_batch('lost')
            cid = new_id()
            a = ref.client('admin')
            want = a.push(batch, client_id=cid)
            self.assertEqual([r['status'] for r in want[:10]],
                             ['applied'] * 4 + ['flagged'] + ['applied'] * 4 + ['rejected'])

            b = srv.client('admin')
            body = json.dumps({'client_id': cid, 'mutations': batch}).encode()
            drops = rng.randint(1, 3)
            for i in range(drops):
                conn = srv.connection()
                conn.request('POST', '/v1/mutations', body=body,
                             headers={'Content-Type': 'application/json',
                                      'Authorization': 'Bearer ' + b.token})
                if i % 2:
                    time.sleep(0.05)
                conn.close()  # the answer is lost
            got = b.push(batch, client_id=cid)
            strip = lambda rs: [(r['status'], r.get('version'), r.get('reason')) for r in rs]
            self.assertEqual(strip(got), strip(want))
            self.assertEqual(state(b), state(a))
            # And once more: still the same.
            self.assertEqual(b.push(batch, client_id=cid), got)
            self.assertEqual(state(b), state(a))
        finally:
            ref.close()
            srv.close()

    def test_same_batch_twice_at_once(self):
        """Two copies of one batch arrive together (a retry racing the original): one answer."""
        srv = rdserver.Server()
        try:
            srv.add_standard_users()
            srv.start()
            admin = srv.client('admin')
            batch = mixed_batch('twice')
            cid = new_id()
            out = []
            barrier = threading.Barrier(3)

            def send():
                barrier.wait()
                out.append(admin.push(batch, client_id=cid))

            threads = [threading.Thread(target=send) for _ in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            self.assertEqual(len(out), 3)
            self.assertEqual(out[0], out[1])
            self.assertEqual(out[0], out[2])
            for m, r in zip(batch, out[0]):
                if r['status'] in ('applied', 'flagged'):
                    self.assertEqual(r['version'], m['base_version'] + 1)
        finally:
            srv.close()


class StoredAnswers(unittest.TestCase):
    """The server finds stored answers through a map in memory, loaded at start from the table:
    resends across restarts and after failed batches, and one server per database."""

    def push_body(self, srv, token, body):
        r = srv.request('POST', '/v1/mutations', body, token=token)
        return r

    def test_resend_after_restart_word_for_word(self):
        srv = rdserver.Server()
        try:
            srv.add_standard_users()
            srv.start()
            admin = srv.client('admin')
            batch = mixed_batch('restart')
            # A conflict too: the second booking again, as if never seen.
            batch.append(upsert('booking', batch[3]['row'], id=batch[3]['id'], base_version=0))
            body = json.dumps({'client_id': new_id(), 'mutations': batch}).encode()
            first = self.push_body(srv, admin.token, body)
            self.assertEqual(first.status, 200, first)
            statuses = {r['status'] for r in first.json['results']}
            self.assertEqual(statuses, {'applied', 'flagged', 'rejected', 'conflict'})
            before = state(admin)

            for restart in (srv.restart, lambda: (srv.kill(), srv.start())):
                restart()
                admin = srv.client('admin')
                again = self.push_body(srv, admin.token, body)
                self.assertEqual(again.status, 200, again)
                self.assertEqual(again.body, first.body)
                self.assertEqual(state(admin), before)
        finally:
            srv.close()

    def test_failed_batch_resent_is_applied_once(self):
        """A batch that fails halfway (500) after some of its answers were written is rolled
        back with them; sent again, after other answers have taken their rowids, it is applied
        once."""
        srv = rdserver.Server()
        try:
            srv.add_standard_users()
            srv.start()
            admin = srv.client('admin')
            db = sqlite3.connect(srv.database, timeout=10, isolation_level=None)
            try:
                db.execute("CREATE TRIGGER test_boom BEFORE INSERT ON vendor WHEN NEW.name = 'Boom'"
                           " BEGIN SELECT RAISE (ABORT, 'boom'); END")
                cid = new_id()
                batch = [upsert('vendor', {'name': 'Failed %d' % i}) for i in range(20)]
                batch.insert(15, upsert('vendor', {'name': 'Boom'}))
                r = admin.push_raw(batch, client_id=cid)
                self.assertEqual(r.status, 500, r)
                self.assertEqual(db.execute('SELECT count(*) FROM server_idempotency').fetchone()[0], 0)

                others = [upsert('vendor', {'name': 'Other %d' % i}) for i in range(30)]
                self.assertEqual({x['status'] for x in admin.push(others)}, {'applied'})

                db.execute('DROP TRIGGER test_boom')
            finally:
                db.close()

            res = admin.push(batch, client_id=cid)
            self.assertEqual([x['status'] for x in res], ['applied'] * 21)
            self.assertEqual([x['version'] for x in res], [1] * 21)
            self.assertEqual(admin.push(batch, client_id=cid), res)
            srv.restart()
            admin = srv.client('admin')
            self.assertEqual(admin.push(batch, client_id=cid), res)
            snap = admin.snapshot()
            for m in batch + others:
                self.assertEqual(snap[('vendor', m['id'])]['version'], 1)
        finally:
            srv.close()

    def test_one_server_per_database(self):
        srv = rdserver.Server()
        try:
            srv.add_standard_users()
            srv.start()
            second = subprocess.run([srv.binary, '--database', srv.database,
                                     '--listen', '127.0.0.1:0'],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, timeout=30)
            self.assertNotEqual(second.returncode, 0)
            self.assertEqual(second.stdout, b'')
            err = second.stderr.decode('utf-8').strip()
            self.assertEqual(len(err.splitlines()), 1, err)
            self.assertIn('another raddesk-server is serving', err.lower())
            self.assertIn(srv.database, err)

            # The admin sub-commands work beside the running server.
            srv.add_user('late', 'coordinator')
            token = srv.make_token('late')
            self.assertEqual(srv.request('GET', '/v1/schema', token=token).status, 200)
            self.assertIn(b'late\tcoordinator\tactive', srv.cli('user', 'list').stdout)
            self.assertEqual(srv.cli('check').stdout.strip(), b'ok')
            copy = os.path.join(srv.workdir, 'copy.db')
            srv.cli('backup', copy)
            self.assertEqual(srv.client('late').push_one(
                upsert('vendor', {'name': 'Late'}))['status'], 'rejected')
            self.assertTrue(srv.alive())

            # A server on the backup is another database; once the first stops, its file is free.
            other = rdserver.Server(database=copy, workdir=srv.workdir)
            try:
                other.start()
            finally:
                other.stop()
            srv.stop()
            srv.start()
            self.assertEqual(srv.health().status, 200)
        finally:
            srv.close()


class KillDuringBatch(unittest.TestCase):

    def test_kill_9_while_applying(self):
        rng = random.Random(SEED)
        srv = rdserver.Server()
        try:
            srv.add_standard_users()
            srv.start()
            admin = srv.client('admin')
            cid = new_id()
            answered = {}  # id -> version answered applied
            for n in range(2):
                batch = [upsert('vendor', {'name': 'Before %d-%d' % (n, i)}) for i in range(100)]
                for m, r in zip(batch, admin.push(batch, client_id=cid)):
                    self.assertEqual(r['status'], 'applied')
                    answered[m['id']] = r['version']

            for round_ in range(4):
                olds = list(answered)[:50]
                big = [upsert('vendor', {'name': 'Big %d-%d' % (round_, i)}) for i in range(950)]
                big += [upsert('vendor', {'name': 'Updated %d' % i, 'phone': str(round_)}, id=rid,
                               base_version=answered[rid]) for i, rid in enumerate(olds)]
                rng.shuffle(big)
                body = json.dumps({'client_id': cid, 'mutations': big}).encode()
                outcome = {}
                sent = threading.Event()

                def push():
                    conn = srv.connection()
                    try:
                        conn.request('POST', '/v1/mutations', body=body,
                                     headers={'Content-Type': 'application/json',
                                              'Authorization': 'Bearer ' + admin.token})
                        sent.set()
                        r = conn.getresponse()
                        outcome['status'] = r.status
                        outcome['body'] = r.read()
                    except (OSError, http.client.HTTPException) as e:
                        outcome['error'] = e
                    finally:
                        conn.close()
                    sent.set()

                t = threading.Thread(target=push)
                t.start()
                # Kill soon after the body is out, while the server is applying it.
                self.assertTrue(sent.wait(30))
                time.sleep(rng.uniform(0.0, 0.05))
                srv.kill()
                t.join(30)
                self.assertFalse(t.is_alive())
                if outcome.get('status') == 200:
                    # The batch finished before the kill: every item is answered.
                    for m, r in zip(big, json.loads(outcome['body'])['results']):
                        self.assertEqual(r['status'], 'applied')
                        answered[m['id']] = r['version']

                # The database is whole.
                self.assertEqual(srv.cli('check', check=False).returncode, 0,
                                 srv.cli('check', check=False).stderr)
                db = sqlite3.connect(srv.database)
                try:
                    self.assertEqual(db.execute('PRAGMA integrity_check').fetchall(), [('ok',)])
                finally:
                    db.close()

                srv.start()
                admin = srv.client('admin')
                snap = admin.snapshot()  # none twice
                for rid, version in answered.items():
                    self.assertIn(('vendor', rid), snap, 'an answered mutation is lost')
                    self.assertGreaterEqual(snap[('vendor', rid)]['version'], version)
                # What got in before the kill is a prefix of the batch, each applied once.
                present = [('vendor', m['id']) in snap and
                           same_row(m['row'], snap[('vendor', m['id'])]['row'])
                           for m in big]
                k = present.index(False) if False in present else len(present)
                self.assertTrue(all(present[:k]) and not any(present[k:]),
                                'the applied part of the killed batch is not a prefix')
                sys.stderr.write('round %d: killed with %d of %d stored, answered: %s\n'
                                 % (round_, k, len(big), outcome.get('status', 'no')))
                # Resending completes it; nothing is applied twice.
                res = admin.push(big, client_id=cid)
                for m, r in zip(big, res):
                    self.assertEqual(r['status'], 'applied', r)
                    want = m['base_version'] + 1
                    self.assertEqual(r['version'], want, 'applied twice or lost: %r' % r)
                    answered[m['id']] = r['version']
                snap = admin.snapshot()
                for m in big:
                    ch = snap[('vendor', m['id'])]
                    self.assertEqual(ch['version'], m['base_version'] + 1)
                    self.assertEqual(ch['row']['name'], m['row']['name'])
            srv.stop()
            self.assertEqual(srv.cli('check', check=False).returncode, 0)
        finally:
            srv.close()


    def test_kill_9_during_a_stream_of_batches(self):
        """Small batches one after another; kill -9 at a random moment: every answered
        mutation survives, and resending all batches completes them without doubles."""
        rng = random.Random(SEED + 1)
        srv = rdserver.Server()
        try:
            srv.add_standard_users()
            srv.start()
            admin = srv.client('admin')
            cid = new_id()
            batches = [[upsert('vendor', {'name': 'Stream %d-%d' % (b, i)}) for i in range(10)]
                       for b in range(2000)]
            answered = {}
            stop = threading.Event()

            def stream():
                conn = srv.connection()
                try:
                    for batch in batches:
                        if stop.is_set():
                            return
                        body = json.dumps({'client_id': cid, 'mutations': batch})
                        conn.request('POST', '/v1/mutations', body=body,
                                     headers={'Content-Type': 'application/json',
                                              'Authorization': 'Bearer ' + admin.token})
                        r = conn.getresponse()
                        data = r.read()
                        if r.status != 200:
                            continue
                        for m, res in zip(batch, json.loads(data)['results']):
                            answered[m['id']] = res
                except (OSError, http.client.HTTPException):
                    pass
                finally:
                    conn.close()

            t = threading.Thread(target=stream)
            t.start()
            time.sleep(rng.uniform(0.2, 0.6))
            srv.kill()
            stop.set()
            t.join(30)
            self.assertFalse(t.is_alive())
            sys.stderr.write('stream: %d mutations answered before the kill\n' % len(answered))
            self.assertTrue(answered, 'nothing was answered before the kill')

            self.assertEqual(srv.cli('check', check=False).returncode, 0)
            srv.start()
            admin = srv.client('admin')
            snap = admin.snapshot()
            for rid, res in answered.items():
                self.assertEqual(res['status'], 'applied')
                self.assertIn(('vendor', rid), snap, 'an answered mutation was lost')
                self.assertEqual(snap[('vendor', rid)]['seq'], res['seq'])
            sent = [b for b in batches if b[0]['id'] in answered]
            inflight = batches[len(sent):len(sent) + 1]
            for batch in sent + inflight:
                for m, r in zip(batch, admin.push(batch, client_id=cid)):
                    self.assertEqual(r['status'], 'applied')
                    self.assertEqual(r['version'], 1, 'applied twice')
                    if m['id'] in answered:
                        self.assertEqual(r, answered[m['id']])
            snap = admin.snapshot()
            for batch in sent + inflight:
                for m in batch:
                    self.assertEqual(snap[('vendor', m['id'])]['version'], 1)
        finally:
            srv.close()


class ServerFault(unittest.TestCase):
    """SYNC.md: a server fault is a 500 with no internals in the body, and changes nothing."""

    def test_locked_database_gives_500_and_changes_nothing(self):
        srv = rdserver.Server()
        try:
            srv.add_standard_users()
            srv.start()
            admin = srv.client('admin')
            self.assertEqual(admin.push_one(upsert('vendor', {'name': 'Before'}))['status'],
                             'applied')
            db = sqlite3.connect(srv.database, timeout=10, isolation_level=None)
            try:
                self.assertEqual(db.execute('PRAGMA journal_mode').fetchone()[0].lower(), 'wal')
                db.execute('BEGIN IMMEDIATE')  # another writer holds the database
                batch = [upsert('vendor', {'name': 'During %d' % i}) for i in range(3)]
                r = admin.push_raw(batch, timeout=120)
                self.assertIn(r.status, (500, 503), r)
                text = r.body.decode('utf-8', 'replace').lower()
                for leak in ('sqlite', 'database is locked', 'select ', 'insert ', 'rd-',
                             '.c:', 'busy'):
                    self.assertNotIn(leak, text, 'the 500 shows internals: %r' % r)
                self.assertEqual(srv.health().status, 200)
            finally:
                db.execute('ROLLBACK')
                db.close()
            snap = admin.snapshot()
            for m in batch:
                self.assertNotIn(('vendor', m['id']), snap, 'a failed push changed data')
            # Once the database is free the same batch goes through, once.
            res = admin.push(batch)
            self.assertEqual([x['status'] for x in res], ['applied'] * 3)
            self.assertEqual([x['version'] for x in res], [1] * 3)
        finally:
            srv.close()


class Malformed(rdserver.ServerTestCase):

    def setUp(self):
        self.admin = self.server.client('admin')

    def tearDown(self):
        self.assertServing()

    def post_raw(self, body):
        return self.server.request('POST', '/v1/mutations', body, token=self.admin.token)

    def assertRefused(self, resp, what):
        """A 4xx answer, or a 200 whose every item is rejected."""
        if resp.status == 200:
            for r in resp.json['results']:
                self.assertEqual(r['status'], 'rejected', '%s: %r' % (what, r))
        else:
            self.assertTrue(400 <= resp.status < 500, '%s: %r' % (what, resp))

    def test_truncated_and_not_json(self):
        full = json.dumps({'client_id': new_id(), 'mutations': [upsert('vendor', {'name': 'T'})]})
        for body in [full[:n] for n in range(0, len(full), 9)] + ['{"a":' * 50, '\x00' * 100,
                                                                  '{"client_id": "\udcff"}']:
            r = self.post_raw(body.encode('utf-8', 'surrogatepass'))
            self.assertStatus(r, 400, repr(body[:40]))
        r = self.post_raw(b'{"client_id": "\xff\xfe", "mutations": []}')
        self.assertStatus(r, 400)

    def test_deeply_nested(self):
        deep = '[' * 10000 + ']' * 10000
        r = self.post_raw(('{"client_id": "x", "mutations": %s}' % deep).encode())
        self.assertStatus(r, 400)
        r = self.post_raw(deep.encode())
        self.assertStatus(r, 400)
        m = upsert('vendor', {'name': 'N'})
        body = json.dumps({'client_id': new_id(), 'mutations': [m]})
        body = body.replace('"N"', '{"a":' * 10000 + '1' + '}' * 10000)
        r = self.post_raw(body.encode())
        self.assertRefused(r, 'nested object as a value')
        self.assertNotIn(('vendor', m['id']), self.admin.snapshot())

    def test_huge_string(self):
        big = 'R' * (3 * 1024 * 1024 - 7) + 'ad\u00e9sk'
        m = upsert('vendor', {'name': 'Huge notes', 'notes': big})
        r = self.admin.push_raw([m])
        if r.status == 200 and r.json['results'][0]['status'] == 'applied':
            got = self.admin.snapshot()[('vendor', m['id'])]['row']['notes']
            self.assertEqual(len(got), len(big))
            self.assertEqual(got, big, 'a 3 MiB string was not stored verbatim')
        else:
            self.assertRefused(r, 'huge string')
        for where in ('table', 'mutation_id', 'id'):
            m = upsert('vendor', {'name': 'Huge %s' % where})
            m[where] = 'x' * (3 * 1024 * 1024)
            r = self.admin.push_raw([m])
            if where == 'id' and r.status == 200 and r.json['results'][0]['status'] == 'applied':
                continue  # an id is text made by the client; a long one may be stored
            self.assertRefused(r, 'huge ' + where)
        m = upsert('vendor', {'name': 'Huge column', 'y' * (3 * 1024 * 1024): 1})
        self.assertRefused(self.admin.push_raw([m]), 'huge column name')

    def test_wrong_types_everywhere(self):
        base = upsert('vendor', {'name': 'Types'})
        values = [None, True, 0, -1, 2 ** 70, 1.5, '', 'x', [], {}, [1, 2], {'k': 'v'}]
        odd = {
            # A string mutation_id or id of any form is the client's own business.
            'mutation_id': [None, True, 0, 2 ** 70, 1.5, '', [], {}, [1, 2], {'k': 'v'}],
            'id': [None, True, 0, 2 ** 70, 1.5, '', [], {}, [1, 2], {'k': 'v'}],
            'table': values,
            'op': values + ['UPSERT', 'insert', 'drop'],
            # A negative or too high base_version is answered by the version rules, not here.
            'base_version': [None, True, 2 ** 70, 1.5, '', 'x', '1', [], {}, [1, 2], {'k': 'v'}],
            'row': [None, True, 0, -1, 2 ** 70, 1.5, '', 'x', [], {}, [1, 2]],
        }
        for key, vals in odd.items():
            for v in vals:
                m = dict(base, mutation_id=new_id(), id=new_id())
                m[key] = v
                r = self.admin.push_raw([m])
                self.assertRefused(r, '%s=%r' % (key, v))
        for v in [None, True, 2 ** 70, 1.5, '2026', [], {}, [1, 2], {'k': 'v'}]:
            m = upsert('budget_line', {'fiscal_year': v, 'category': 'supplies', 'amount': 1})
            self.assertRefused(self.admin.push_raw([m]), 'fiscal_year=%r' % v)

    def test_unknown_tables_and_columns(self):
        res = self.admin.push([upsert('Booking', {'x': 1}), upsert('booking ', {}),
                               upsert('../booking', {}), upsert('vendor', {'name': 'V', 'Name': 'W'})])
        self.assertEqual([r['reason'] for r in res], ['unknown_table'] * 3 + ['invalid'])
        self.assertIn('Name', res[3]['message'])

    def test_sql_looking_strings_are_data(self):
        mgr = self.server.client('manager')
        mod, ex = make_base(mgr, name="CT'); DROP TABLE booking;--")
        evil = ["x'); DROP TABLE booking;--", 'Robert"); DELETE FROM modality; --',
                "' OR '1'='1", '%_\\', 'O\'Brien "Bob"', 'line\nbreak\ttab',
                'caf\u00e9 \u6f22\u5b57 \U0001F489']
        muts = []
        for i, s in enumerate(evil):
            day = '2026-12-%02d' % (15 + i)
            row = booking_row(mod, ex, iso(day, '09:00'), iso(day, '09:30'), name=s, mrn=s)
            row['notes'] = s
            muts.append(upsert('booking', row))
        res = self.admin.push(muts)
        self.assertTrue(all(r['status'] == 'applied' for r in res), res)
        snap = self.admin.snapshot()
        for m in muts:
            row = snap[('booking', m['id'])]['row']
            for k in ('patient_name', 'patient_mrn', 'notes'):
                self.assertEqual(row[k], m['row'][k])
        # The tables are still there and still work.
        self.assertEqual(snap[('modality', mod)]['row']['name'], "CT'); DROP TABLE booking;--")
        r = self.admin.push_one(upsert('booking', booking_row(mod, ex, iso('2026-12-30', '09:00'),
                                                              iso('2026-12-30', '09:30'))))
        self.assertEqual(r['status'], 'applied')
        # In names rather than values: refused.
        r = self.admin.push_one(upsert("booking; DROP TABLE booking;--", {'x': 1}))
        self.assertEqual(r['reason'], 'unknown_table')
        r = self.admin.push_one(upsert('vendor', {'name': 'v', "name) VALUES ('x'); --": 'y'}))
        self.assertEqual(r['reason'], 'invalid')
        q = "/v1/changes?cursor=x'%3B%20DROP%20TABLE%20booking%3B--"
        self.assertIn(self.admin.get(q).status, (400, 410))
        self.assertIn(('booking', muts[0]['id']), self.admin.snapshot())

    def test_nul_in_a_string(self):
        m = upsert('vendor', {'name': 'before\u0000after'})
        r = self.admin.push_raw([m])
        if r.status == 200 and r.json['results'][0]['status'] == 'applied':
            self.assertEqual(self.admin.snapshot()[('vendor', m['id'])]['row']['name'],
                             'before\u0000after', 'a string with NUL was silently cut')
        else:
            self.assertRefused(r, 'NUL in a string')

    def test_hostile_connections(self):
        port = self.server.port
        # Garbage that is not HTTP.
        s = socket.create_connection(('127.0.0.1', port), timeout=10)
        s.sendall(b'\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03' + os.urandom(500) + b'\r\n\r\n')
        try:
            s.recv(1000)
        except (socket.timeout, ConnectionResetError):
            pass
        s.close()
        # A request line that is far too long: a 4xx, or the connection closed unanswered.
        for n in (20000, 200000):
            try:
                r = self.server.request('GET', '/v1/changes?cursor=' + 'a' * n,
                                        token=self.admin.token)
                self.assertTrue(400 <= r.status < 500, r)
            except (ConnectionError, http.client.HTTPException):
                pass
            self.assertServing()
        # A client that sends half its headers and waits: others are still served.
        idle = socket.create_connection(('127.0.0.1', port), timeout=10)
        idle.sendall(b'POST /v1/mutations HTTP/1.1\r\nHost: x\r\nContent-Le')
        half = socket.create_connection(('127.0.0.1', port), timeout=10)
        half.sendall(b'POST /v1/mutations HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n'
                     b'Authorization: Bearer ' + self.admin.token.encode() + b'\r\n\r\n{"cl')
        try:
            self.assertServing()
            self.assertEqual(self.admin.push_one(upsert('vendor', {'name': 'Served'}))['status'],
                             'applied')
        finally:
            idle.close()
            half.close()
        # Content-Length that lies (shorter than the body) and a negative one.
        for cl in (b'5', b'-1', b'abc'):
            s = socket.create_connection(('127.0.0.1', port), timeout=10)
            s.sendall(b'POST /v1/mutations HTTP/1.1\r\nHost: x\r\nContent-Length: ' + cl +
                      b'\r\nAuthorization: Bearer ' + self.admin.token.encode() +
                      b'\r\n\r\n{"client_id": "a", "mutations": []}')
            try:
                head = s.recv(100)
            except (socket.timeout, ConnectionResetError):
                head = b''
            s.close()
            self.assertFalse(head.startswith(b'HTTP/1.1 5'), head)
            self.assertServing()


if __name__ == '__main__':
    unittest.main(verbosity=2)
