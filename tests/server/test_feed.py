# SPDX-License-Identifier: GPL-3.0-or-later
"""test_feed.py: SYNC.md's pull: snapshot, seq order, paging, long poll and epochs."""

import os
import sys
import threading
import time
import unittest

import rdserver
from rdserver import delete, new_id, upsert


def vendors(n, tag):
    return [upsert('vendor', {'name': '%s %d' % (tag, i)}) for i in range(n)]


class Feed(rdserver.ServerTestCase):

    def setUp(self):
        self.mgr = self.server.client('manager')

    def test_snapshot_each_record_once_at_latest(self):
        muts = vendors(20, 'Snapshot')
        res = self.mgr.push(muts)
        self.assertTrue(all(r['status'] == 'applied' for r in res))
        # Change some twice, delete some, and tombstone an id the server never had.
        upd = [upsert('vendor', dict(m['row'], phone='01'), id=m['id'], base_version=1)
               for m in muts[:5]]
        upd += [upsert('vendor', dict(m['row'], phone='02'), id=m['id'], base_version=2)
                for m in muts[:3]]
        dels = [delete('vendor', m['id'], base_version=1) for m in muts[15:]]
        ghost = new_id()
        dels.append(delete('vendor', ghost))
        last = self.mgr.push(upd + dels)
        self.assertTrue(all(r['status'] == 'applied' for r in last), last)

        snap = self.mgr.snapshot()  # checks once-only and seq order
        for i, m in enumerate(muts):
            ch = snap[('vendor', m['id'])]
            want_version = 3 if i < 3 else 2 if i < 5 else 2 if i >= 15 else 1
            self.assertEqual(ch['version'], want_version, ch)
            self.assertEqual(ch['deleted'], i >= 15)
            if i < 3:
                self.assertEqual(ch['row']['phone'], '02')
        self.assertTrue(snap[('vendor', ghost)]['deleted'])
        # Each record sits at the seq of its latest change.
        latest = {}
        for m, r in zip(upd + dels, last):
            latest[m['id']] = r['seq']
        for rid, seq in latest.items():
            self.assertEqual(snap[('vendor', rid)]['seq'], seq)
        for m, r in zip(muts[5:15], res[5:15]):
            self.assertEqual(snap[('vendor', m['id'])]['seq'], r['seq'])

    def test_change_shape(self):
        m = upsert('vendor', {'name': 'Shape Medical', 'phone': '0123'})
        r = self.mgr.push_one(m)
        page = self.mgr.changes('', 5000).json
        self.assertIsInstance(page['has_more'], bool)
        self.assertIsInstance(page['next_cursor'], str)
        ch = [c for c in page['changes'] if c['id'] == m['id']][0]
        for k in ('seq', 'table', 'id', 'version', 'deleted', 'updated_at', 'updated_by', 'row'):
            self.assertIn(k, ch)
        self.assertEqual(ch['seq'], r['seq'])
        self.assertEqual(ch['row']['name'], 'Shape Medical')
        self.assertEqual(ch['row']['phone'], '0123')
        self.assertEqual(ch['updated_by'], 'manager')
        # No cursor at all is the same as an empty one.
        self.assertEqual(self.mgr.get('/v1/changes?limit=5000').json, page)
        epoch = self.server.health().json['epoch']
        self.assertTrue(page['next_cursor'].startswith(epoch + ':'), page['next_cursor'])

    def test_paging(self):
        self.mgr.push(vendors(37, 'Paging'))
        full = self.mgr.changes('', 5000).json
        self.assertFalse(full['has_more'])
        total = len(full['changes'])
        seen = []
        cursor = ''
        pages = 0
        while True:
            page = self.mgr.changes(cursor, 7).json
            pages += 1
            self.assertLessEqual(len(page['changes']), 7)
            seen.extend(c['seq'] for c in page['changes'])
            if page['has_more']:
                self.assertEqual(len(page['changes']), 7)
            cursor = page['next_cursor']
            if not page['has_more']:
                break
        self.assertEqual(seen, [c['seq'] for c in full['changes']])
        self.assertEqual(seen, sorted(set(seen)))
        self.assertGreaterEqual(pages, total // 7)
        # From the last cursor nothing is new; a new change shows up alone.
        self.assertEqual(self.mgr.changes(cursor).json['changes'], [])
        m = upsert('vendor', {'name': 'After paging'})
        seq = self.mgr.push_one(m)['seq']
        page = self.mgr.changes(cursor).json
        self.assertEqual([(c['id'], c['seq']) for c in page['changes']], [(m['id'], seq)])
        self.assertFalse(page['has_more'])

    def test_update_moves_record_to_new_seq(self):
        m = upsert('vendor', {'name': 'Mover'})
        self.mgr.push_one(m)
        _, cursor = self.mgr.pull_all()
        self.mgr.push_one(upsert('vendor', {'name': 'Mover 2'}, id=m['id'], base_version=1))
        changes, _ = self.mgr.pull_all(cursor)
        self.assertEqual([(c['id'], c['version']) for c in changes], [(m['id'], 2)])

    def test_default_and_max_limit(self):
        for chunk in range(2):
            self.mgr.push(vendors(300, 'Limit %d' % chunk))
        r = self.mgr.changes('')
        self.assertStatus(r, 200)
        self.assertEqual(len(r.json['changes']), 500)
        self.assertTrue(r.json['has_more'])
        r = self.mgr.changes('', 5000)
        self.assertStatus(r, 200)
        self.assertFalse(r.json['has_more'])
        self.assertGreater(len(r.json['changes']), 600)
        r = self.mgr.changes('', 6000)
        self.assertIn(r.status, (200, 400), r)
        if r.status == 200:
            self.assertLessEqual(len(r.json['changes']), 5000)


    def test_foreign_epoch_is_gone(self):
        _, cursor = self.mgr.pull_all()
        epoch, _, seq = cursor.rpartition(':')
        for bad in ('0000feedbeef:%s' % seq, 'x' + epoch + ':' + seq, 'other:1'):
            self.assertStatus(self.mgr.changes(bad), 410, bad)
        self.assertStatus(self.mgr.changes(cursor), 200)

    def test_long_poll_answers_when_a_change_arrives(self):
        _, cursor = self.mgr.pull_all()
        got = {}

        def poll():
            t0 = time.monotonic()
            got['resp'] = self.mgr.changes(cursor, wait=20)
            got['took'] = time.monotonic() - t0

        t = threading.Thread(target=poll)
        t.start()
        time.sleep(0.5)
        m = upsert('vendor', {'name': 'Arrives during a poll'})
        other = self.server.client('admin')
        self.assertEqual(other.push_one(m)['status'], 'applied')
        t.join(25)
        self.assertFalse(t.is_alive())
        self.assertStatus(got['resp'], 200)
        self.assertIn(m['id'], [c['id'] for c in got['resp'].json['changes']])
        # It answered on the change, not at the end of the 20 s.
        self.assertLess(got['took'], 15, 'the long poll did not answer when a change arrived')

    def test_long_poll_times_out_empty(self):
        _, cursor = self.mgr.pull_all()
        t0 = time.monotonic()
        r = self.mgr.changes(cursor, wait=1)
        took = time.monotonic() - t0
        self.assertStatus(r, 200)
        self.assertEqual(r.json['changes'], [])
        self.assertFalse(r.json['has_more'])
        # It held the request rather than answering at once.
        self.assertGreaterEqual(took, 0.8)

    def test_long_poll_with_something_new_answers_at_once(self):
        _, cursor = self.mgr.pull_all()
        self.mgr.push_one(upsert('vendor', {'name': 'Already there'}))
        t0 = time.monotonic()
        r = self.mgr.changes(cursor, wait=20)
        self.assertEqual(len(r.json['changes']), 1)
        self.assertLess(time.monotonic() - t0, 15)



class LimitClamp(rdserver.ServerTestCase):
    """On a server of its own: it writes 6000 records."""

    def setUp(self):
        self.mgr = self.server.client('manager')

    def test_limit_over_5000_clamps(self):
        """Only seen with more than 5000 records: a limit over 5000 answers at most 5000 (or 400)."""
        for chunk in range(6):
            self.mgr.push(vendors(1000, 'Clamp %d' % chunk))
        r = self.mgr.changes('', 10000)
        self.assertIn(r.status, (200, 400), r)
        if r.status == 200:
            self.assertLessEqual(len(r.json['changes']), 5000)
            self.assertTrue(r.json['has_more'])
        changes, _ = self.mgr.pull_all(limit=5000)
        self.assertEqual(len({c['id'] for c in changes}), len(changes))
        self.assertGreaterEqual(len(changes), 6000)


class PagingWhileWriting(rdserver.ServerTestCase):
    """A reader paging through while others write never skips a change nor sees one twice."""

    def test_pass_during_writes(self):
        mgr = self.server.client('manager')
        base = vendors(300, 'Busy')
        mgr.push(base)
        versions = {m['id']: 1 for m in base}
        errors = []
        started = threading.Event()
        w = self.server.client('admin')

        def write():
            try:
                for i in range(150):
                    m = base[(i * 7) % len(base)]
                    new = upsert('vendor', dict(m['row'], phone=str(i)), id=m['id'],
                                 base_version=versions[m['id']])
                    fresh = upsert('vendor', {'name': 'New during paging %d' % i})
                    res = w.push([new, fresh])
                    if res[0]['status'] == 'applied':
                        versions[m['id']] = res[0]['version']
                    versions[fresh['id']] = 1
                    started.set()
            except Exception as e:  # reported below
                errors.append(e)
            finally:
                started.set()

        t = threading.Thread(target=write)
        t.start()
        started.wait(30)
        seen = {}
        cursor = ''
        last = 0
        passes = 0
        # Page through, and keep catching up, for as long as the writer writes.
        while t.is_alive() and passes < 1000:
            passes += 1
            while True:
                page = mgr.changes(cursor, 13).json
                for ch in page['changes']:
                    self.assertGreater(ch['seq'], last, 'a change seen twice or out of order')
                    last = ch['seq']
                    seen[ch['id']] = ch['version']
                cursor = page['next_cursor']
                if not page['has_more']:
                    break
        t.join(60)
        self.assertFalse(errors, errors)
        sys.stderr.write('paging: %d records written, %d seen in %d passes\n'
                         % (len(versions), len(seen), passes))
        # Catch up once more after the writers stopped: the reader now has every record
        # at its latest version.
        changes, _ = mgr.pull_all(cursor)
        for ch in changes:
            self.assertGreater(ch['seq'], last)
            last = ch['seq']
            seen[ch['id']] = ch['version']
        for rid, v in versions.items():
            self.assertEqual(seen.get(rid), v, 'the reader missed a change of %s' % rid)


class Restore(unittest.TestCase):
    """A database copied by `raddesk-server backup` gets a new epoch when a server opens it."""

    def test_backup_restore_new_epoch(self):
        a = rdserver.Server()
        try:
            a.add_standard_users()
            a.start()
            mgr = a.client('manager')
            muts = vendors(25, 'Backed up')
            mgr.push(muts)
            snap_before = mgr.snapshot()
            _, cursor = mgr.pull_all()
            epoch = a.health().json['epoch']

            copy = os.path.join(a.workdir, 'copy.db')
            a.cli('backup', copy)  # while serving
            self.assertEqual(a.cli('check', database=copy).returncode, 0)
            # Written after the backup: not in the copy.
            late = upsert('vendor', {'name': 'After the backup'})
            mgr.push_one(late)
            a.stop()

            b = rdserver.Server(database=copy, workdir=a.workdir)
            b.start()
            try:
                new_epoch = b.health().json['epoch']
                self.assertNotEqual(new_epoch, epoch)
                mgr2 = b.client('manager')
                r = mgr2.changes(cursor)
                self.assertEqual(r.status, 410, r)
                snap = mgr2.snapshot()
                self.assertNotIn(('vendor', late['id']), snap)
                strip = lambda s: {k: (c['version'], c['deleted'], c['row']) for k, c in s.items()}
                self.assertEqual(strip(snap), strip(snap_before))
                _, c2 = mgr2.pull_all()
                self.assertTrue(c2.startswith(new_epoch + ':'))
                # The new epoch stays with the restored database across restarts.
                b.restart()
                self.assertEqual(b.health().json['epoch'], new_epoch)
                self.assertEqual(b.client('manager').changes(c2).status, 200)
            finally:
                b.stop()
        finally:
            a.close()

    def test_restore_over_original_path(self):
        """Replacing the server's database file with a backup also changes the epoch."""
        a = rdserver.Server()
        try:
            a.add_standard_users()
            a.start()
            mgr = a.client('manager')
            mgr.push(vendors(5, 'Replace'))
            _, cursor = mgr.pull_all()
            epoch = a.health().json['epoch']
            copy = os.path.join(a.workdir, 'copy.db')
            a.cli('backup', copy)
            mgr.push(vendors(5, 'Lost'))
            a.stop()
            for suffix in ('', '-wal', '-shm'):
                if os.path.exists(a.database + suffix):
                    os.unlink(a.database + suffix)
            os.rename(copy, a.database)
            a.start()
            self.assertNotEqual(a.health().json['epoch'], epoch)
            self.assertEqual(a.client('manager').changes(cursor).status, 410)
        finally:
            a.close()


if __name__ == '__main__':
    unittest.main(verbosity=2)
