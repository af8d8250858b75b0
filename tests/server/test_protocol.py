# SPDX-License-Identifier: GPL-3.0-or-later
"""test_protocol.py: SYNC.md's health, sign-in, schema, errors and limits, rate limit and audit log."""

import json
import os
import pty
import re
import select
import socket
import time
import unittest

import rdserver
from rdserver import PASSWORD, new_id, upsert

ALLOWED_TYPES = {'text', 'integer', 'money', 'time', 'date', 'boolean', 'ref', 'enum'}
BOOKING_STATUSES = ['requested', 'scheduled', 'arrived', 'in_progress', 'completed', 'no_show',
                    'cancelled']


class Health(rdserver.ServerTestCase):

    def test_health_needs_no_token(self):
        r = self.server.health()
        self.assertStatus(r, 200)
        self.assertEqual(r.json['status'], 'ok')
        self.assertEqual(r.json['protocol'], 1)
        self.assertIsInstance(r.json['version'], str)
        self.assertIsInstance(r.json['epoch'], str)
        self.assertTrue(r.json['epoch'])
        self.assertTrue(r.headers.get('content-type', '').startswith('application/json'))

    def test_epoch_is_kept_across_restart(self):
        before = self.server.health().json['epoch']
        self.server.restart()
        self.assertEqual(self.server.health().json['epoch'], before)


class Session(rdserver.ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Users of their own, so that the slow-down of one test does not touch the others.
        for name in ('slowpoke', 'leaver', 'disabled', 'wrongpw'):
            cls.server.add_user(name, 'coordinator')

    def test_create_session(self):
        r = self.server.sign_in('manager', workstation='ws-1')
        self.assertStatus(r, 201)
        self.assertIsInstance(r.json['token'], str)
        self.assertGreater(len(r.json['token']), 15)
        self.assertEqual(r.json['username'], 'manager')
        self.assertEqual(r.json['role'], 'manager')
        self.assertRegex(r.json['expires_at'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
        self.assertGreater(r.json['expires_at'], time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
        self.assertStatus(self.server.request('GET', '/v1/schema', token=r.json['token']), 200)

    def test_each_role_signs_in_with_its_role(self):
        for role in rdserver.ROLES:
            r = self.server.sign_in(role)
            self.assertStatus(r, 201)
            self.assertEqual(r.json['role'], role)

    def test_wrong_password(self):
        r = self.server.sign_in('wrongpw', 'not the password')
        self.assertStatus(r, 401)
        self.assertNotIn('token', r.json or {})

    def test_unknown_user(self):
        self.assertStatus(self.server.sign_in('nobody-' + new_id()[:8]), 401)

    def test_session_body_not_json(self):
        r = self.server.request('POST', '/v1/session', b'username=admin')
        self.assertStatus(r, 400)
        self.assertEqual(r.json['error'], 'bad_request')

    def test_missing_token(self):
        for path in ('/v1/schema', '/v1/changes?cursor=', '/v1/audit'):
            self.assertStatus(self.server.request('GET', path), 401, path)
        r = self.server.request('POST', '/v1/mutations', {'client_id': new_id(), 'mutations': []})
        self.assertStatus(r, 401)

    def test_unknown_token(self):
        for tok in ('x' * 43, new_id(), ''):
            r = self.server.request('GET', '/v1/schema', headers={'Authorization': 'Bearer ' + tok})
            self.assertStatus(r, 401, tok)
        r = self.server.request('GET', '/v1/schema', headers={'Authorization': 'Basic YWRtaW46eA=='})
        self.assertStatus(r, 401)

    def test_delete_session_ends_token(self):
        c = self.server.client('leaver')
        other = self.server.client('leaver')
        self.assertStatus(c.get('/v1/schema'), 200)
        r = self.server.request('DELETE', '/v1/session', token=c.token)
        self.assertIn(r.status, (200, 204), r)
        self.assertStatus(c.get('/v1/schema'), 401)
        self.assertStatus(c.push_raw([]), 401)
        # Only that token ends, not the user's other sessions.
        self.assertStatus(other.get('/v1/schema'), 200)

    def test_cli_token_works(self):
        tok = self.server.make_token('trainer')
        r = self.server.request('GET', '/v1/schema', token=tok)
        self.assertStatus(r, 200)

    def test_cli_user_list(self):
        out = self.server.cli('user', 'list').stdout.decode('utf-8')
        for role in rdserver.ROLES:
            self.assertIn(role, out)

    def test_disabled_user(self):
        c = self.server.client('disabled')
        self.server.cli('user', 'disable', 'disabled')
        self.assertStatus(self.server.sign_in('disabled'), 401)
        self.assertStatus(c.get('/v1/schema'), 401, 'a disabled user\'s token still works')

    def test_failed_sign_ins_are_slowed_down(self):
        """SYNC.md: "repeated failures are slowed down". The server holds back the answers to a
        user's sign-ins from one address after a few failures (doubling from half a second),
        the right password included, and forgets the failures on success. Checked with a wide
        margin: after five failures the sixth attempt is answered at least a second later than
        the first failure was, unless the server refuses it at once with 429 and Retry-After."""
        times = []
        for i in range(5):
            t0 = time.monotonic()
            r = self.server.request('POST', '/v1/session',
                                    {'username': 'slowpoke', 'password': 'wrong %d' % i,
                                     'workstation': 'ws'}, retry_429=False)
            times.append(time.monotonic() - t0)
            self.assertStatus(r, 401)
            self.assertEqual(r.json['error'], 'unauthorized')
        t0 = time.monotonic()
        r = self.server.request('POST', '/v1/session',
                                {'username': 'slowpoke', 'password': PASSWORD,
                                 'workstation': 'ws'}, retry_429=False)
        took = time.monotonic() - t0
        if r.status == 429:
            self.assertGreater(int(r.headers['retry-after']), 0)
        else:
            self.assertStatus(r, 201)
            self.assertGreater(took, times[0] + 1.0,
                               'sign-ins after failures are not slowed down: %r then %.2f'
                               % (times, took))
        # Another user is not held back by slowpoke's failures.
        self.assertStatus(self.server.sign_in('wrongpw'), 201)


class Cli(unittest.TestCase):
    """The administrator's sub-commands, run with no client and no server running."""

    def setUp(self):
        self.srv = rdserver.Server()
        self.addCleanup(self.srv.close)
        self.srv.add_user('admin', 'admin')

    def test_bad_role_is_refused(self):
        r = self.srv.cli('user', 'add', 'bob', '--role', 'superuser', stdin_text='pw\n', check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertNotIn('bob', self.srv.cli('user', 'list').stdout.decode())

    def test_token_for_unknown_user_is_refused(self):
        r = self.srv.cli('token', 'nobody', check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stdout.strip(), b'')

    def test_check(self):
        r = self.srv.cli('check', check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        bad = os.path.join(self.srv.workdir, 'garbage.db')
        with open(bad, 'wb') as f:
            f.write(b'this is not a RadDesk database\n' * 4096)
        r = self.srv.cli('check', database=bad, check=False)
        self.assertNotEqual(r.returncode, 0)

    def test_check_finds_damage(self):
        self.srv.start()
        mgr_token = self.srv.make_token('admin')
        c = rdserver.Client(self.srv, mgr_token, 'admin')
        c.push([upsert('vendor', {'name': 'Vendor %d' % i, 'notes': 'n' * 500}) for i in range(300)])
        self.srv.stop()
        with open(self.srv.database, 'r+b') as f:
            size = os.path.getsize(self.srv.database)
            for off in range(8192, size - 4096, 4096):
                f.seek(off + 200)
                f.write(b'\xde\xad\xbe\xef' * 64)
        r = self.srv.cli('check', check=False)
        self.assertNotEqual(r.returncode, 0, 'check calls a damaged database ok')

    def run_on_terminal(self, args, answers):
        """Runs a sub-command with a terminal as stdin, typing answers to each prompt."""
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(self.srv.binary, [self.srv.binary, '--database', self.srv.database] + args)
        out = b''
        try:
            for answer in answers:
                deadline = time.monotonic() + 10
                got = b''
                while time.monotonic() < deadline:
                    ready, _, _ = select.select([fd], [], [], 0.2)
                    if ready:
                        try:
                            chunk = os.read(fd, 1024)
                        except OSError:
                            chunk = b''
                        if not chunk:
                            break
                        got += chunk
                    elif got:
                        break  # the prompt is out and it waits for input
                out += got
                os.write(fd, answer.encode() + b'\n')
            while True:
                try:
                    chunk = os.read(fd, 1024)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
        finally:
            _, status = os.waitpid(pid, 0)
            os.close(fd)
        return os.waitstatus_to_exitcode(status), out

    def test_password_asked_twice_on_a_terminal(self):
        code, out = self.run_on_terminal(['user', 'add', 'tess', '--role', 'trainer'],
                                         ['terminal secret', 'terminal secret'])
        self.assertEqual(code, 0, out)
        self.assertNotIn(b'terminal secret', out, 'the password was echoed')
        code, out = self.run_on_terminal(['user', 'add', 'tom', '--role', 'trainer'],
                                         ['one secret', 'another secret'])
        self.assertNotEqual(code, 0, 'different passwords were accepted: %r' % out)
        self.srv.start()
        r = self.srv.sign_in('tess', 'terminal secret')
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json['role'], 'trainer')
        self.assertEqual(self.srv.sign_in('tom', 'one secret').status, 401)


class Schema(rdserver.ServerTestCase):

    def setUp(self):
        self.c = self.server.client('coordinator')

    def test_schema_shape(self):
        r = self.c.get('/v1/schema')
        self.assertStatus(r, 200)
        s = r.json
        self.assertEqual(s['protocol'], 1)
        self.assertIsInstance(s['schema_version'], int)
        tables = s['tables']
        for name in ('modality', 'exam_type', 'booking', 'downtime', 'staff', 'course',
                     'training_record', 'certification', 'dose_reading', 'vendor', 'supply_item',
                     'stock_movement', 'purchase_order', 'po_line', 'contract', 'budget_line'):
            self.assertIn(name, tables)
        for tname, t in tables.items():
            self.assertTrue(t['columns'], tname)
            for cname, col in t['columns'].items():
                where = '%s.%s' % (tname, cname)
                self.assertIn(col['type'], ALLOWED_TYPES, where)
                self.assertIsInstance(col['required'], bool, where)
                if col['type'] == 'ref':
                    self.assertIn(col['ref'], tables, where)
                if col['type'] == 'enum':
                    self.assertTrue(col['values'], where)
                    self.assertTrue(all(isinstance(v, str) for v in col['values']), where)

    def test_booking_fixed_names(self):
        cols = self.c.get('/v1/schema').json['tables']['booking']['columns']
        self.assertEqual(cols['modality_id']['type'], 'ref')
        self.assertEqual(cols['modality_id']['ref'], 'modality')
        self.assertTrue(cols['modality_id']['required'])
        self.assertEqual(cols['exam_type_id']['type'], 'ref')
        self.assertEqual(cols['exam_type_id']['ref'], 'exam_type')
        for c in ('start', 'end'):
            self.assertEqual(cols[c]['type'], 'time')
            self.assertTrue(cols[c]['required'])
        self.assertEqual(cols['status']['type'], 'enum')
        self.assertEqual(sorted(cols['status']['values']), sorted(BOOKING_STATUSES))
        self.assertEqual(cols['priority']['type'], 'enum')
        self.assertEqual(sorted(cols['priority']['values']), ['routine', 'stat', 'urgent'])
        self.assertIn('conflict_with', cols)
        for c in ('patient_name', 'patient_mrn'):
            self.assertTrue(cols[c]['required'])
        dt = self.c.get('/v1/schema').json['tables']['downtime']['columns']
        self.assertEqual(dt['modality_id']['ref'], 'modality')
        self.assertEqual(dt['start']['type'], 'time')
        self.assertEqual(dt['end']['type'], 'time')

    def test_schema_needs_token(self):
        self.assertStatus(self.server.request('GET', '/v1/schema'), 401)


class Errors(rdserver.ServerTestCase):

    def setUp(self):
        self.c = self.server.client('admin')

    def assertBadRequest(self, resp, what):
        self.assertEqual(resp.status, 400, '%s: %r' % (what, resp))
        self.assertIsNotNone(resp.json, '%s: the 400 body is not JSON' % what)
        self.assertEqual(resp.json.get('error'), 'bad_request', what)
        self.assertIsInstance(resp.json.get('message'), str, what)

    def test_unknown_path(self):
        for path in ('/v1/nothing', '/v2/health', '/', '/v1/changes/extra', '/v1/schemas'):
            self.assertStatus(self.c.get(path), 404, path)

    def test_wrong_method(self):
        cases = [('POST', '/v1/health'), ('DELETE', '/v1/health'), ('GET', '/v1/mutations'),
                 ('PUT', '/v1/mutations'), ('POST', '/v1/changes'), ('POST', '/v1/schema'),
                 ('GET', '/v1/session'), ('POST', '/v1/audit')]
        for method, path in cases:
            r = self.server.request(method, path, b'{}' if method in ('POST', 'PUT') else None,
                                    token=self.c.token)
            self.assertStatus(r, 405, '%s %s: %r' % (method, path, r))

    def post(self, body):
        return self.server.request('POST', '/v1/mutations', body, token=self.c.token)

    def test_not_json(self):
        for body in (b'hello', b'', b'\xff\xfe\x00', b'<xml/>', b'{"client_id": "a", '):
            self.assertBadRequest(self.post(body), body)

    def test_truncated_json(self):
        full = json.dumps({'client_id': new_id(),
                           'mutations': [upsert('vendor', {'name': 'Truncated Medical'})]})
        for cut in (1, len(full) // 2, len(full) - 1):
            self.assertBadRequest(self.post(full[:cut].encode()), 'cut at %d' % cut)
        self.assertServing()

    def test_wrong_shape(self):
        good = upsert('vendor', {'name': 'Shape Supplies'})
        cid = new_id()

        def without(key):
            m = dict(good, mutation_id=new_id())
            del m[key]
            return {'client_id': cid, 'mutations': [m]}

        def with_(key, value):
            m = dict(good, mutation_id=new_id())
            m[key] = value
            return {'client_id': cid, 'mutations': [m]}

        cases = {
            'body is an array': [good],
            'body is a string': 'mutations',
            'body is a number': 7,
            'mutations missing': {'client_id': cid},
            'mutations not an array': {'client_id': cid, 'mutations': good},
            'mutations a string': {'client_id': cid, 'mutations': 'all of them'},
            'mutation not an object': {'client_id': cid, 'mutations': [42]},
            'client_id missing': {'mutations': [good]},
            'client_id a number': {'client_id': 5, 'mutations': [good]},
            'mutation_id missing': without('mutation_id'),
            'table missing': without('table'),
            'id missing': without('id'),
            'op missing': without('op'),
            'mutation_id a number': with_('mutation_id', 12),
            'table a number': with_('table', 12),
            'id an object': with_('id', {}),
            'base_version a string': with_('base_version', '2'),
            'row an array': with_('row', ['name', 'x']),
            'row a string': with_('row', 'name=x'),
        }
        for what, body in cases.items():
            self.assertBadRequest(self.post(json.dumps(body).encode()), what)
        # None of them changed anything.
        self.assertNotIn(('vendor', good['id']), self.c.snapshot())
        self.assertServing()

    def test_odd_query_values(self):
        """SYNC.md does not say how odd query values are answered; never a server fault."""
        for q in ('limit=abc', 'limit=-5', 'limit=0', 'wait=soon', 'cursor=%00%ff'):
            r = self.c.get('/v1/changes?cursor=&' + q)
            self.assertIn(r.status, (200, 400, 410), '%s: %r' % (q, r))
        self.assertServing()

    def test_too_many_mutations(self):
        muts = [upsert('vendor', {'name': 'Vendor %d' % i}) for i in range(1001)]
        r = self.post({'client_id': new_id(), 'mutations': muts})
        self.assertStatus(r, 413)
        snap = self.c.snapshot()
        self.assertFalse(any(('vendor', m['id']) in snap for m in muts), 'a refused batch changed data')
        # 1000 is allowed.
        r = self.post({'client_id': new_id(), 'mutations': muts[:1000]})
        self.assertStatus(r, 200)

    def test_body_over_4_mib_announced(self):
        """Content-Length over 4 MiB: 413, whether the server answers before or after the body."""
        size = 4 * 1024 * 1024 + 1
        s = socket.create_connection(('127.0.0.1', self.server.port), timeout=30)
        try:
            s.sendall(('POST /v1/mutations HTTP/1.1\r\nHost: 127.0.0.1\r\n'
                       'Authorization: Bearer %s\r\nContent-Type: application/json\r\n'
                       'Content-Length: %d\r\n\r\n' % (self.c.token, size)).encode())
            s.settimeout(2)
            head = b''
            try:
                head = s.recv(65536)
            except socket.timeout:
                pass
            if not head:
                s.settimeout(30)
                chunk = b' ' * 65536
                try:
                    sent = 0
                    while sent < size:
                        n = min(len(chunk), size - sent)
                        s.sendall(chunk[:n])
                        sent += n
                except (BrokenPipeError, ConnectionResetError):
                    pass
                try:
                    head = s.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    head = b''
            self.assertTrue(head.startswith(b'HTTP/1.1 413') or head.startswith(b'HTTP/1.0 413'),
                            head[:200])
        finally:
            s.close()
        self.assertServing()

    def test_body_over_4_mib_sent(self):
        body = json.dumps({'client_id': new_id(),
                           'mutations': [upsert('vendor', {'name': 'Big', 'notes': 'n' * (4 * 1024 * 1024)})]})
        try:
            r = self.post(body.encode())
            self.assertStatus(r, 413)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may refuse and close before reading it all
        self.assertServing()


class RateLimit(rdserver.ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.add_user('burst', 'coordinator')
        cls.server.add_user('calm', 'coordinator')

    def test_burst_from_one_token_gets_429(self):
        burst = self.server.client('burst')
        calm = self.server.client('calm')
        conn = self.server.connection()
        got = None
        try:
            for i in range(2000):
                r = self.server.request('GET', '/v1/changes?cursor=&limit=1', token=burst.token,
                                        retry_429=False, conn=conn)
                if r.status == 429:
                    got = (i, r)
                    break
                self.assertStatus(r, 200)
        finally:
            conn.close()
        self.assertIsNotNone(got, 'no 429 after 2000 fast requests from one token')
        n, r = got
        self.assertIn('retry-after', r.headers, '429 without Retry-After')
        wait = int(r.headers['retry-after'])
        self.assertGreaterEqual(wait, 0)
        self.assertLessEqual(wait, 3600)
        # Another token is not limited by this one's burst.
        self.assertStatus(calm.get('/v1/changes?cursor=&limit=1', retry_429=False), 200)
        # After Retry-After the token is served again.
        time.sleep(min(wait, 60) + 0.5)
        self.assertStatus(burst.get('/v1/changes?cursor=&limit=1', retry_429=False), 200)


class Audit(rdserver.ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server.add_user('audited', 'coordinator')

    def test_admin_reads_audit(self):
        bad = self.server.sign_in('audited', 'wrong password', workstation='ws-audit-bad')
        self.assertStatus(bad, 401)
        mgr = self.server.client('manager', workstation='ws-audit-mgr')
        m = upsert('vendor', {'name': 'Audited Vendor'})
        self.assertEqual(mgr.push_one(m)['status'], 'applied')
        forbidden = upsert('staff', {'name': 'X', 'job': 'nurse', 'is_trainer': False,
                                     'active': True})
        self.assertEqual(mgr.push_one(forbidden)['status'], 'rejected')

        admin = self.server.client('admin')
        r = admin.get('/v1/audit')
        self.assertStatus(r, 200)
        entries = r.json['entries']
        self.assertTrue(entries)
        for e in entries:
            for k in ('at', 'username', 'workstation', 'action', 'table', 'id', 'result'):
                self.assertIn(k, e)
        signed_in = [e for e in entries if e['username'] == 'manager'
                     and e['workstation'] == 'ws-audit-mgr'
                     and re.search('sign|session', e['action'] or '')]
        self.assertTrue(signed_in, 'no audit entry for the sign-in')
        failed = [e for e in entries if e['username'] == 'audited']
        self.assertTrue(failed, 'no audit entry for the failed sign-in')
        self.assertTrue(any(e['workstation'] == 'ws-audit-bad' for e in failed), failed)
        mine = [e for e in entries if e['id'] == m['id']]
        self.assertEqual(len(mine), 1, mine)
        self.assertEqual(mine[0]['username'], 'manager')
        self.assertEqual(mine[0]['workstation'], 'ws-audit-mgr')
        self.assertEqual(mine[0]['table'], 'vendor')
        self.assertIn('applied', json.dumps(mine[0]['result']))
        refused = [e for e in entries if e['id'] == forbidden['id']]
        self.assertEqual(len(refused), 1, 'a rejected mutation is not audited')
        self.assertRegex(json.dumps(refused[0]['result']), 'rejected|forbidden')
        # since= (an ISO time) gives the entries at or after it.
        self.assertEqual([e['at'] for e in entries], sorted(e['at'] for e in entries))
        last_at = entries[-1]['at']
        r = admin.get('/v1/audit?since=' + last_at)
        self.assertStatus(r, 200)
        self.assertTrue(r.json['entries'])
        self.assertLessEqual(len(r.json['entries']), len(entries))
        self.assertTrue(all(e['at'] >= last_at for e in r.json['entries']))
        r = admin.get('/v1/audit?since=2999-01-01T00:00:00Z')
        self.assertEqual(r.json['entries'], [])

    def test_others_get_403(self):
        for role in ('coordinator', 'manager', 'trainer'):
            c = self.server.client(role)
            self.assertStatus(c.get('/v1/audit'), 403, role)
            self.assertStatus(c.get('/v1/audit?since=2000-01-01T00:00:00Z'), 403, role)


if __name__ == '__main__':
    unittest.main(verbosity=2)
