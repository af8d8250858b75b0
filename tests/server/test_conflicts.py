# SPDX-License-Identifier: GPL-3.0-or-later
"""test_conflicts.py: SYNC.md's server-side booking checks: double bookings, downtime, cancellations."""

import threading
import unittest

import rdserver
from rdserver import booking_row, delete, iso, make_base, new_id, upsert


class Conflicts(rdserver.ServerTestCase):

    def setUp(self):
        self.mgr = self.server.client('manager')
        self.c1 = self.server.client('coordinator', workstation='ws-front-desk')
        self.c2 = self.server.client('coordinator', workstation='ws-ct-office')
        # A modality of its own for each test, so that tests do not collide with each other.
        self.mod, self.ex = make_base(self.mgr, name='CT ' + new_id()[:6])

    def bk(self, start, end, day='2026-12-07', mod=None, **kw):
        return upsert('booking', booking_row(mod or self.mod, self.ex, iso(day, start),
                                             iso(day, end), **kw))

    def row_of(self, id):
        return self.c1.snapshot()[('booking', id)]

    def test_overlap_in_turn(self):
        a = self.bk('09:00', '09:30', mrn='A1')
        b = self.bk('09:15', '09:45', mrn='B2')
        ra = self.c1.push_one(a)
        rb = self.c2.push_one(b)
        self.assertEqual(ra['status'], 'applied', ra)
        self.assertEqual(rb['status'], 'flagged', rb)
        self.assertEqual(rb['reason'], 'double_booking')
        self.assertEqual(rb['version'], 1)
        self.assertGreater(rb['seq'], ra['seq'])
        self.assertEqual(rb['row']['conflict_with'], a['id'])
        # Both are stored; the feed shows the flag on the second only.
        self.assertEqual(self.row_of(b['id'])['row']['conflict_with'], a['id'])
        self.assertIsNone(self.row_of(a['id'])['row'].get('conflict_with'))
        self.assertEqual(self.row_of(b['id'])['row']['start'], b['row']['start'])

    def test_overlap_at_once(self):
        """Two workstations push at the same moment: exactly one is flagged, decided by commit order."""
        a = self.bk('10:00', '10:30', mrn='A1')
        b = self.bk('10:00', '10:30', mrn='B2')
        barrier = threading.Barrier(2)
        out = {}

        def push(client, m):
            barrier.wait()
            out[m['id']] = client.push_one(m)

        threads = [threading.Thread(target=push, args=(self.c1, a)),
                   threading.Thread(target=push, args=(self.c2, b))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        ra, rb = out[a['id']], out[b['id']]
        statuses = sorted([ra['status'], rb['status']])
        self.assertEqual(statuses, ['applied', 'flagged'], (ra, rb))
        first, second = (a, b) if ra['status'] == 'applied' else (b, a)
        rf, rs = out[first['id']], out[second['id']]
        self.assertLess(rf['seq'], rs['seq'], 'the later commit is the flagged one')
        self.assertEqual(rs['reason'], 'double_booking')
        self.assertEqual(rs['row']['conflict_with'], first['id'])
        snap = self.c1.snapshot()
        self.assertEqual(snap[('booking', second['id'])]['row']['conflict_with'], first['id'])
        self.assertIsNone(snap[('booking', first['id'])]['row'].get('conflict_with'))

    def test_overlap_in_one_batch_and_contained(self):
        outer = self.bk('11:00', '12:00')
        inner = self.bk('11:20', '11:30')
        res = self.c1.push([outer, inner])
        self.assertEqual([r['status'] for r in res], ['applied', 'flagged'])
        self.assertEqual(res[1]['row']['conflict_with'], outer['id'])

    def test_touching_is_not_a_conflict(self):
        a = self.bk('09:00', '09:20')
        b = self.bk('09:20', '09:40', day='2026-12-08')
        b0 = self.bk('08:40', '09:00', day='2026-12-08')
        a2 = self.bk('09:00', '09:20', day='2026-12-08')
        self.assertEqual(self.c1.push_one(a)['status'], 'applied')
        res = self.c2.push([b, b0, a2])
        self.assertEqual([r['status'] for r in res], ['applied', 'applied', 'applied'], res)
        for m in (b, b0, a2):
            self.assertIsNone(self.row_of(m['id'])['row'].get('conflict_with'))

    def test_other_modality_is_not_a_conflict(self):
        mod2, _ = make_base(self.mgr, name='CT other ' + new_id()[:6])
        a = self.bk('13:00', '13:30')
        b = self.bk('13:00', '13:30', mod=mod2)
        self.assertEqual([r['status'] for r in self.c1.push([a, b])], ['applied', 'applied'])

    def test_downtime(self):
        d = upsert('downtime', {'modality_id': self.mod, 'start': iso('2026-12-09', '12:00'),
                                'end': iso('2026-12-09', '13:00'), 'reason': 'repair'})
        self.assertEqual(self.mgr.push_one(d)['status'], 'applied')
        b = self.bk('12:30', '12:50', day='2026-12-09')
        r = self.c1.push_one(b)
        self.assertEqual(r['status'], 'flagged', r)
        self.assertEqual(r['reason'], 'downtime')
        self.assertEqual(r['row']['conflict_with'], d['id'])
        self.assertEqual(self.row_of(b['id'])['row']['conflict_with'], d['id'])
        # Touching the downtime is fine.
        ok = self.bk('13:00', '13:20', day='2026-12-09')
        self.assertEqual(self.c1.push_one(ok)['status'], 'applied')

    def test_deleted_downtime_does_not_collide(self):
        d = upsert('downtime', {'modality_id': self.mod, 'start': iso('2026-12-10', '12:00'),
                                'end': iso('2026-12-10', '13:00'), 'reason': 'qc'})
        self.assertEqual(self.mgr.push_one(d)['status'], 'applied')
        self.assertEqual(self.mgr.push_one(delete('downtime', d['id'], 1))['status'], 'applied')
        r = self.c1.push_one(self.bk('12:00', '13:00', day='2026-12-10'))
        self.assertEqual(r['status'], 'applied', r)

    def test_cancelled_booking_does_not_collide(self):
        c = self.bk('14:00', '14:30', status='cancelled')
        self.assertEqual(self.c1.push_one(c)['status'], 'applied')
        e = self.bk('14:00', '14:30')
        r = self.c2.push_one(e)
        self.assertEqual(r['status'], 'applied', r)
        self.assertIsNone(self.row_of(e['id'])['row'].get('conflict_with'))

    def test_deleted_booking_does_not_collide(self):
        a = self.bk('15:00', '15:30')
        self.assertEqual(self.c1.push_one(a)['status'], 'applied')
        self.assertEqual(self.c1.push_one(delete('booking', a['id'], 1))['status'], 'applied')
        self.assertEqual(self.c2.push_one(self.bk('15:00', '15:30'))['status'], 'applied')

    def test_moving_or_cancelling_clears_the_flag(self):
        a = self.bk('16:00', '16:30')
        b = self.bk('16:10', '16:40')
        self.assertEqual(self.c1.push_one(a)['status'], 'applied')
        rb = self.c2.push_one(b)
        self.assertEqual(rb['status'], 'flagged')
        # Moving b to a free slot: checked again, applied, flag gone.
        moved = upsert('booking', dict(b['row'], start=iso('2026-12-07', '16:30'),
                                       end=iso('2026-12-07', '17:00')), id=b['id'],
                       base_version=rb['version'])
        r = self.c2.push_one(moved)
        self.assertEqual(r['status'], 'applied', r)
        self.assertIsNone(self.row_of(b['id'])['row'].get('conflict_with'))
        # Moving it back into a is flagged again.
        back = upsert('booking', b['row'], id=b['id'], base_version=r['version'])
        r = self.c2.push_one(back)
        self.assertEqual((r['status'], r.get('reason')), ('flagged', 'double_booking'), r)
        # Cancelling a: a later change to b is no longer flagged.
        self.assertEqual(self.c1.push_one(upsert('booking', dict(a['row'], status='cancelled'),
                                                 id=a['id'], base_version=1))['status'], 'applied')
        again = upsert('booking', dict(b['row'], notes='rechecked'), id=b['id'],
                       base_version=r['version'])
        r = self.c2.push_one(again)
        self.assertEqual(r['status'], 'applied', r)
        self.assertIsNone(self.row_of(b['id'])['row'].get('conflict_with'))

    def test_cancelling_the_flagged_booking_clears_it(self):
        a = self.bk('19:00', '19:30')
        b = self.bk('19:00', '19:30')
        self.c1.push_one(a)
        rb = self.c2.push_one(b)
        self.assertEqual(rb['status'], 'flagged')
        r = self.c2.push_one(upsert('booking', dict(b['row'], status='cancelled'), id=b['id'],
                                    base_version=rb['version']))
        self.assertEqual(r['status'], 'applied', r)
        snap = self.c2.snapshot()
        self.assertIsNone(snap[('booking', b['id'])]['row'].get('conflict_with'))
        self.assertEqual(snap[('booking', b['id'])]['row']['status'], 'cancelled')
        self.assertIsNone(snap[('booking', a['id'])]['row'].get('conflict_with'))

    def test_overlap_with_a_flagged_booking_is_flagged(self):
        """SYNC.md: a booking that overlaps a non-cancelled booking is flagged. A flagged booking
        is stored and not cancelled, so a third booking overlapping only it is flagged too."""
        day = '2026-12-11'
        a = self.bk('09:00', '09:30', day=day)
        b = self.bk('09:20', '09:50', day=day)
        c = self.bk('09:40', '10:00', day=day)  # overlaps b only
        res = self.c1.push([a, b, c])
        self.assertEqual([r['status'] for r in res], ['applied', 'flagged', 'flagged'], res)
        self.assertEqual(res[2]['row']['conflict_with'], b['id'])

    def test_any_status_but_cancelled_collides(self):
        day = '2026-12-12'
        for i, status in enumerate(('requested', 'arrived', 'in_progress', 'completed', 'no_show')):
            hour = '%02d' % (11 + i)
            first = self.bk(hour + ':00', hour + ':30', day=day, status=status)
            second = self.bk(hour + ':15', hour + ':45', day=day)
            r = self.c1.push([first, second])
            self.assertEqual([x['status'] for x in r], ['applied', 'flagged'], '%s: %r' % (status, r))

    def test_flagged_resend_is_idempotent(self):
        a = self.bk('17:00', '17:30')
        b = self.bk('17:00', '17:30')
        self.c1.push_one(a)
        first = self.c2.push_one(b)
        self.assertEqual(first['status'], 'flagged')
        self.assertEqual(self.c2.push_one(b), first)

    def test_client_cannot_clear_or_set_the_flag(self):
        a = self.bk('18:00', '18:30')
        b = self.bk('18:00', '18:30')
        self.c1.push_one(a)
        rb = self.c2.push_one(b)
        self.assertEqual(rb['status'], 'flagged')
        # Sending conflict_with null for an unchanged overlap does not clear it.
        r = self.c2.push_one(upsert('booking', dict(b['row'], conflict_with=None, notes='x'),
                                    id=b['id'], base_version=1))
        self.assertEqual(r['status'], 'flagged', r)
        self.assertEqual(self.row_of(b['id'])['row']['conflict_with'], a['id'])


if __name__ == '__main__':
    unittest.main(verbosity=2)
