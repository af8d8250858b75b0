# SPDX-License-Identifier: GPL-3.0-or-later
"""rdserver.py: runs a real raddesk-server on a temporary database for the black-box tests of SYNC.md."""

import http.client
import json
import os
import select
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import uuid

PASSWORD = 'correct horse battery staple'

# The roles of SYNC.md and a user of each that every test server has.
ROLES = ('coordinator', 'manager', 'trainer', 'admin')


def server_binary():
    """The raddesk-server under test: $RADDESK_SERVER, as meson passes it."""
    path = os.environ.get('RADDESK_SERVER')
    if not path:
        raise unittest.SkipTest('RADDESK_SERVER is not set (run through meson test)')
    if not os.access(path, os.X_OK):
        raise RuntimeError('RADDESK_SERVER=%s is not an executable' % path)
    return path


def new_id():
    return str(uuid.uuid4())


def iso(day, hhmm):
    """iso('2026-12-01', '09:20') -> '2026-12-01T09:20:00Z'."""
    return '%sT%s:00Z' % (day, hhmm)


class Response:
    """An HTTP answer: status, headers (lower-case names), raw body and the body as JSON when it is."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body
        try:
            self.json = json.loads(body.decode('utf-8')) if body else None
        except (ValueError, UnicodeDecodeError):
            self.json = None

    def __repr__(self):
        text = self.body[:400].decode('utf-8', 'replace')
        return '<Response %d %s>' % (self.status, text)


class Server:
    """One raddesk-server process on a temporary database, listening on a free loopback port."""

    def __init__(self, database=None, workdir=None):
        self.binary = server_binary()
        if workdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix='rd-server-test-')
            workdir = self._tmp.name
        else:
            self._tmp = None
        self.workdir = workdir
        self.database = database or os.path.join(workdir, 'server.db')
        self.proc = None
        self.port = None
        self.log_path = None
        self._log = None
        self._starts = 0

    # ---------------------------------------------------------------- command line

    def cli(self, *args, stdin_text=None, check=True, database=None):
        """Runs `raddesk-server --database DB ARGS…` and returns the CompletedProcess."""
        cmd = [self.binary, '--database', database or self.database] + list(args)
        res = subprocess.run(cmd, input=(stdin_text or '').encode('utf-8'),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        if check and res.returncode != 0:
            raise AssertionError('%r exited %d: %s' % (cmd, res.returncode,
                                                      res.stderr.decode('utf-8', 'replace')))
        return res

    def add_user(self, name, role, password=PASSWORD):
        self.cli('user', 'add', name, '--role', role, stdin_text=password + '\n')

    def make_token(self, name):
        out = self.cli('token', name).stdout.decode('utf-8').strip().splitlines()
        assert out, 'token printed nothing'
        return out[-1].strip()

    def add_standard_users(self):
        """One user per role, named after it."""
        for role in ROLES:
            self.add_user(role, role)

    # ---------------------------------------------------------------- process

    def start(self, timeout=20):
        assert self.proc is None
        self._starts += 1
        self.log_path = os.path.join(self.workdir, 'server-%d.log' % self._starts)
        self._log = open(self.log_path, 'wb')
        self.proc = subprocess.Popen([self.binary, '--database', self.database,
                                      '--listen', '127.0.0.1:0'],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._log)
        deadline = time.monotonic() + timeout
        line = b''
        while not line.endswith(b'\n'):
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                raise AssertionError('server printed no "listening on" line in %ds; log:\n%s'
                                     % (timeout, self.log_text()))
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 1)
                if not chunk:
                    code = self.proc.wait()
                    self.proc = None
                    raise AssertionError('server exited %d before listening; log:\n%s'
                                         % (code, self.log_text()))
                line += chunk
        text = line.decode('utf-8').strip()
        prefix = 'listening on http://127.0.0.1:'
        if not text.startswith(prefix):
            self.kill()
            raise AssertionError('unexpected first line %r' % text)
        self.port = int(text[len(prefix):].rstrip('/'))
        return self

    def log_text(self):
        try:
            with open(self.log_path, 'rb') as f:
                return f.read()[-4000:].decode('utf-8', 'replace')
        except (OSError, TypeError):
            return ''

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        """Stops the server with SIGTERM (SIGKILL after 10 s) and returns its exit code."""
        if self.proc is None:
            return None
        code = self.proc.poll()
        if code is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                code = self.proc.wait()
        self._finish()
        return code

    def kill(self):
        """kill -9: the server gets no chance to clean up."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._finish()

    def _finish(self):
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self):
        self.stop()
        return self.start()

    def close(self):
        self.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    # ---------------------------------------------------------------- HTTP

    def connection(self, timeout=60):
        return http.client.HTTPConnection('127.0.0.1', self.port, timeout=timeout)

    def request(self, method, path, body=None, token=None, headers=None, retry_429=True,
                timeout=60, conn=None):
        """One request. body: a dict/list (sent as JSON), bytes/str (sent as is) or None.
        A 429 is waited out and retried, so that other tests are not bothered by the rate limit."""
        hdrs = {}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode('utf-8')
        elif isinstance(body, str):
            body = body.encode('utf-8')
        if body is not None:
            hdrs['Content-Type'] = 'application/json'
        if token:
            hdrs['Authorization'] = 'Bearer ' + token
        hdrs.update(headers or {})
        for attempt in range(60):
            own = conn is None
            c = self.connection(timeout) if own else conn
            try:
                c.request(method, path, body=body, headers=hdrs)
                r = c.getresponse()
                resp = Response(r.status, r.getheaders(), r.read())
            finally:
                if own:
                    c.close()
            if resp.status == 429 and retry_429:
                time.sleep(min(5.0, float(resp.headers.get('retry-after', '1') or 1)))
                continue
            return resp
        raise AssertionError('still 429 after 60 attempts')

    def health(self):
        return self.request('GET', '/v1/health')

    def sign_in(self, username, password=PASSWORD, workstation='test-ws'):
        return self.request('POST', '/v1/session',
                            {'username': username, 'password': password,
                             'workstation': workstation})

    def client(self, username, password=PASSWORD, workstation=None):
        """A signed-in Client for that user."""
        ws = workstation or ('ws-' + username)
        r = self.sign_in(username, password, ws)
        if r.status != 201:
            raise AssertionError('sign-in of %s: %r' % (username, r))
        return Client(self, r.json['token'], username)


class Client:
    """A signed-in workstation: its token and client_id, and the calls of SYNC.md."""

    def __init__(self, server, token, username, client_id=None):
        self.server = server
        self.token = token
        self.username = username
        self.client_id = client_id or new_id()

    def get(self, path, **kw):
        return self.server.request('GET', path, token=self.token, **kw)

    def post(self, path, body, **kw):
        return self.server.request('POST', path, body, token=self.token, **kw)

    def push_raw(self, mutations, client_id=None, **kw):
        return self.post('/v1/mutations', {'client_id': client_id or self.client_id,
                                           'mutations': mutations}, **kw)

    def push(self, mutations, client_id=None):
        """Pushes mutations and returns the results list, checking the answer's shape."""
        r = self.push_raw(mutations, client_id)
        if r.status != 200:
            raise AssertionError('push: %r' % r)
        results = r.json['results']
        assert len(results) == len(mutations), r
        for m, res in zip(mutations, results):
            assert res['mutation_id'] == m['mutation_id'], (m, res)
        return results

    def push_one(self, mutation):
        return self.push([mutation])[0]

    def changes(self, cursor='', limit=None, wait=None, **kw):
        q = ['cursor=' + cursor]
        if limit is not None:
            q.append('limit=%d' % limit)
        if wait is not None:
            q.append('wait=%d' % wait)
        return self.get('/v1/changes?' + '&'.join(q), **kw)

    def pull_all(self, cursor='', limit=None):
        """Pages through the feed; returns (changes, final cursor). Checks seq order and paging."""
        out = []
        last_seq = None
        for _ in range(10000):
            r = self.changes(cursor, limit)
            if r.status != 200:
                raise AssertionError('changes: %r' % r)
            page = r.json
            for ch in page['changes']:
                if last_seq is not None:
                    assert ch['seq'] > last_seq, 'seq not increasing: %d after %d' % (ch['seq'],
                                                                                      last_seq)
                last_seq = ch['seq']
            out.extend(page['changes'])
            cursor = page['next_cursor']
            if not page['has_more']:
                return out, cursor
        raise AssertionError('feed never ended')

    def snapshot(self):
        """{(table, id): change} from an empty cursor; each record must appear once."""
        changes, _ = self.pull_all()
        snap = {}
        for ch in changes:
            key = (ch['table'], ch['id'])
            assert key not in snap, 'record %r twice in the feed' % (key,)
            snap[key] = ch
        return snap


# -------------------------------------------------------------------- mutations and rows

def upsert(table, row, id=None, base_version=0, mutation_id=None):
    return {'mutation_id': mutation_id or new_id(), 'table': table, 'id': id or new_id(),
            'op': 'upsert', 'base_version': base_version, 'row': row}


def delete(table, id, base_version=0, mutation_id=None):
    return {'mutation_id': mutation_id or new_id(), 'table': table, 'id': id, 'op': 'delete',
            'base_version': base_version}


ALL_WEEK = '08:00-20:00;08:00-20:00;08:00-20:00;08:00-20:00;08:00-20:00;08:00-20:00;08:00-20:00'


def modality_row(name='CT 1', kind='CT'):
    return {'name': name, 'kind': kind, 'opening_hours': ALL_WEEK, 'active': True}


def exam_type_row(code='CTHEAD', kind='CT', minutes=20):
    return {'code': code, 'name': 'CT head without contrast', 'modality_kind': kind,
            'duration_min': minutes, 'needs_contrast': False}


def booking_row(modality_id, exam_type_id, start, end, status='scheduled', priority='routine',
                name='Test Patient', mrn='TEST0001'):
    return {'modality_id': modality_id, 'exam_type_id': exam_type_id, 'start': start, 'end': end,
            'patient_name': name, 'patient_mrn': mrn, 'priority': priority, 'status': status}


def make_base(client, kind='CT', name='CT 1'):
    """Creates a modality and an exam type through client (a manager or admin); returns their ids."""
    mod = upsert('modality', modality_row(name, kind))
    ex = upsert('exam_type', exam_type_row('EX' + mod['id'][:6], kind))
    res = client.push([mod, ex])
    for r in res:
        assert r['status'] == 'applied', res
    return mod['id'], ex['id']


def same_row(sent, stored):
    """Whether the stored row holds what was sent (columns not sent are null or absent)."""
    for k, v in sent.items():
        if stored.get(k) != v:
            return False
    return True


class ServerTestCase(unittest.TestCase):
    """A test class with one server (users: one per role) shared by its tests."""

    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.add_standard_users()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.close()

    def assertServing(self):
        r = self.server.health()
        self.assertEqual(r.status, 200, 'server stopped serving; log:\n' + self.server.log_text())
        self.assertEqual(r.json['status'], 'ok')

    def assertStatus(self, resp, status, msg=None):
        self.assertEqual(resp.status, status, msg or repr(resp))
