# SPDX-License-Identifier: GPL-3.0-or-later
"""test_mutations.py: SYNC.md's push: applied, conflict, idempotency, rejections and the role matrix."""

import unittest

import rdserver
from rdserver import (booking_row, delete, iso, make_base, modality_row, new_id, same_row,
                      upsert)

# SYNC.md's role table, plus the tables it does not name (from the lead's brief).
ALLOWED = {
    'coordinator': {'booking', 'downtime', 'stock_movement', 'booking_request'},
    'manager': {'modality', 'exam_type', 'downtime', 'vendor', 'supply_item', 'stock_movement',
                'purchase_order', 'po_line', 'contract', 'budget_line', 'exam_consumable'},
    'trainer': {'staff', 'course', 'training_record', 'certification', 'dose_reading',
                'course_requirement'},
}


class Mutations(rdserver.ServerTestCase):

    def setUp(self):
        self.mgr = self.server.client('manager')
        self.coord = self.server.client('coordinator')
        self.mod, self.ex = make_base(self.mgr)

    def booking(self, day='2026-12-01', start='09:00', end='09:20', **kw):
        return booking_row(self.mod, self.ex, iso(day, start), iso(day, end), **kw)

    def record(self, client, table, id):
        return client.snapshot().get((table, id))

    # ------------------------------------------------------------ applied and versions

    def test_applied_and_versions_bump(self):
        m = upsert('booking', self.booking(start='08:00', end='08:20'))
        r1 = self.coord.push_one(m)
        self.assertEqual(r1['status'], 'applied', r1)
        self.assertEqual(r1['version'], 1)
        self.assertIsInstance(r1['seq'], int)

        row2 = dict(m['row'], notes='bring previous films')
        r2 = self.coord.push_one(upsert('booking', row2, id=m['id'], base_version=1))
        self.assertEqual(r2['status'], 'applied', r2)
        self.assertEqual(r2['version'], 2)
        self.assertGreater(r2['seq'], r1['seq'])

        ch = self.record(self.coord, 'booking', m['id'])
        self.assertEqual(ch['version'], 2)
        self.assertEqual(ch['seq'], r2['seq'])
        self.assertFalse(ch['deleted'])
        self.assertEqual(ch['updated_by'], 'coordinator')
        self.assertRegex(ch['updated_at'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
        self.assertTrue(same_row(row2, ch['row']), ch)

        r3 = self.coord.push_one(delete('booking', m['id'], base_version=2))
        self.assertEqual(r3['status'], 'applied', r3)
        self.assertEqual(r3['version'], 3)
        ch = self.record(self.coord, 'booking', m['id'])
        self.assertTrue(ch['deleted'])
        self.assertEqual(ch['version'], 3)
        self.assertEqual(ch['seq'], r3['seq'])

    def test_stale_base_version_conflicts(self):
        m = upsert('booking', self.booking(start='10:00', end='10:20'))
        self.assertEqual(self.coord.push_one(m)['status'], 'applied')
        row2 = dict(m['row'], notes='second')
        self.assertEqual(self.coord.push_one(upsert('booking', row2, id=m['id'],
                                                    base_version=1))['status'], 'applied')
        # Another workstation edits from version 1: conflict, with the server's record.
        other = self.server.client('coordinator')
        stale = upsert('booking', dict(m['row'], notes='third'), id=m['id'], base_version=1)
        r = other.push_one(stale)
        self.assertEqual(r['status'], 'conflict', r)
        cur = r['current']
        self.assertEqual(cur['id'], m['id'])
        self.assertEqual(cur['table'], 'booking')
        self.assertEqual(cur['version'], 2)
        self.assertEqual(cur['row']['notes'], 'second')
        # A "new" record with an id the server has: also a conflict.
        r = other.push_one(upsert('booking', dict(m['row'], notes='fourth'), id=m['id']))
        self.assertEqual(r['status'], 'conflict', r)
        # A stale delete as well; nothing was overwritten.
        r = other.push_one(delete('booking', m['id'], base_version=1))
        self.assertEqual(r['status'], 'conflict', r)
        ch = self.record(other, 'booking', m['id'])
        self.assertEqual(ch['version'], 2)
        self.assertEqual(ch['row']['notes'], 'second')
        self.assertFalse(ch['deleted'])

    def test_idempotent_resend(self):
        muts = [upsert('booking', self.booking(start='11:00', end='11:20')),
                upsert('vendor', {'name': 'forbidden for a coordinator'}),
                delete('booking', new_id())]
        first = self.coord.push(muts)
        before = self.coord.snapshot()
        again = self.coord.push(muts)
        self.assertEqual(first, again)
        self.assertEqual(first[0]['status'], 'applied')
        after = self.coord.snapshot()
        self.assertEqual(before, after, 'a resent batch changed the feed')

        # Only the first of the batch resent alone: the same answer.
        self.assertEqual(self.coord.push([muts[0]]), first[:1])
        # The same mutation written out in another key order is still the same mutation.
        m = muts[0]
        reordered = {k: m[k] for k in reversed(list(m))}
        reordered['row'] = {k: m['row'][k] for k in reversed(list(m['row']))}
        self.assertEqual(self.coord.push([reordered]), first[:1])

    def test_mutation_id_reused(self):
        m = upsert('booking', self.booking(start='12:00', end='12:20'))
        r1 = self.coord.push_one(m)
        self.assertEqual(r1['status'], 'applied')
        changed = dict(m, row=dict(m['row'], notes='something else'))
        r2 = self.coord.push_one(changed)
        self.assertEqual(r2['status'], 'rejected', r2)
        self.assertEqual(r2['reason'], 'mutation_id_reused')
        ch = self.record(self.coord, 'booking', m['id'])
        self.assertEqual(ch['version'], 1)
        self.assertIsNone(ch['row'].get('notes'))
        # Another id, same mutation_id: reused too.
        r3 = self.coord.push_one(dict(m, id=new_id()))
        self.assertEqual(r3['reason'], 'mutation_id_reused', r3)
        # The same mutation_id from another client is that client's own.
        m2 = upsert('booking', self.booking(start='12:30', end='12:50'), mutation_id=m['mutation_id'])
        r4 = self.coord.push([m2], client_id=new_id())[0]
        self.assertEqual(r4['status'], 'applied', r4)

    def test_rejected_answer_is_kept(self):
        """SYNC.md: a mutation_id already answered is not applied again; the stored answer is
        returned. That holds for a rejection too: a resend after the missing ref appeared
        gets the same rejection and stores nothing."""
        missing = rdserver.new_id()
        m = upsert('booking', booking_row(missing, self.ex, iso('2026-12-06', '09:00'),
                                          iso('2026-12-06', '09:20')))
        first = self.coord.push_one(m)
        self.assertEqual((first['status'], first['reason']), ('rejected', 'invalid'), first)
        made = upsert('modality', modality_row('CT late'), id=missing)
        self.assertEqual(self.mgr.push_one(made)['status'], 'applied')
        again = self.coord.push_one(m)
        self.assertEqual(again, first, 'a rejected mutation was applied on resend')
        self.assertNotIn(('booking', m['id']), self.coord.snapshot())

    def test_mutation_id_reused_after_rejection(self):
        forb = upsert('vendor', {'name': 'Not for coordinators'})
        first = self.coord.push_one(forb)
        self.assertEqual((first['status'], first['reason']), ('rejected', 'forbidden'))
        other = upsert('booking', self.booking(day='2026-12-06', start='10:00', end='10:20'),
                       mutation_id=forb['mutation_id'])
        r = self.coord.push_one(other)
        self.assertEqual((r['status'], r.get('reason')), ('rejected', 'mutation_id_reused'), r)
        self.assertNotIn(('booking', other['id']), self.coord.snapshot())

    def test_conflict_answer_is_kept(self):
        m = upsert('booking', self.booking(day='2026-12-06', start='11:00', end='11:20'))
        self.coord.push_one(m)
        self.coord.push_one(upsert('booking', dict(m['row'], notes='v2'), id=m['id'],
                                   base_version=1))
        stale = upsert('booking', dict(m['row'], notes='stale'), id=m['id'], base_version=1)
        first = self.coord.push_one(stale)
        self.assertEqual(first['status'], 'conflict')
        self.coord.push_one(upsert('booking', dict(m['row'], notes='v3'), id=m['id'],
                                   base_version=2))
        self.assertEqual(self.coord.push_one(stale), first,
                         'a resent mutation_id got a new answer, not the stored one')

    # ------------------------------------------------------------ rejected invalid

    def assertInvalid(self, client, mutation, field):
        r = client.push_one(mutation)
        self.assertEqual(r['status'], 'rejected', '%s: %r' % (field, r))
        self.assertEqual(r['reason'], 'invalid', r)
        self.assertIn(field, r.get('message', ''), 'the message does not name %s: %r' % (field, r))
        self.assertNotIn((mutation['table'], mutation['id']), client.snapshot(),
                         'a rejected mutation changed the feed')

    def test_invalid_rows(self):
        good = self.booking(day='2026-12-02', start='09:00', end='09:20')
        for field in ('modality_id', 'exam_type_id', 'start', 'end', 'patient_name',
                      'patient_mrn', 'priority', 'status'):
            row = dict(good)
            del row[field]
            self.assertInvalid(self.coord, upsert('booking', row), field)
            self.assertInvalid(self.coord, upsert('booking', dict(good, **{field: None})), field)
        cases = [
            ('priority', 'whenever'), ('status', 'booked'), ('status', 'Scheduled'),
            ('start', '2026-12-02 09:00'), ('start', '2026-13-02T09:00:00Z'),
            ('start', 'tomorrow'), ('end', 1796202000), ('start', '2026-12-02T09:00:00+01:00'),
            ('patient_name', 17), ('patient_mrn', ['a']), ('notes', {'a': 1}),
            ('modality_id', new_id()), ('exam_type_id', new_id()), ('technologist_id', new_id()),
            ('modality_id', self.ex),
            ('no_such_column', 'x'),
        ]
        for field, value in cases:
            self.assertInvalid(self.coord, upsert('booking', dict(good, **{field: value})), field)

        self.assertInvalid(self.coord, upsert('booking', dict(good, end=iso('2026-12-02', '08:40'))),
                           'end')

        for field, value in [('duration_min', 'twenty'), ('duration_min', 12.5),
                             ('needs_contrast', 'yes'), ('needs_contrast', 1),
                             ('modality_kind', 'XR')]:
            row = dict(rdserver.exam_type_row(), **{field: value})
            self.assertInvalid(self.mgr, upsert('exam_type', row), field)
        item = {'sku': 'SKU-1', 'name': 'Syringe', 'category': 'syringes', 'unit': 'each',
                'par_level': 10, 'reorder_point': 5, 'reorder_qty': 20, 'unit_cost': 125,
                'lot_tracked': False, 'active': True}
        self.assertEqual(self.mgr.push_one(upsert('supply_item', item))['status'], 'applied')
        self.assertInvalid(self.mgr, upsert('supply_item', dict(item, unit_cost=12.5)), 'unit_cost')
        self.assertInvalid(self.mgr, upsert('supply_item', dict(item, unit_cost='1.25')), 'unit_cost')
        self.assertInvalid(self.mgr, upsert('budget_line', {'fiscal_year': 2026, 'category': 'supplies',
                                                            'amount': 100, 'name': 'x',
                                                            'extra': 1}), 'extra')
        staff = upsert('staff', {'name': 'T. Rainer', 'job': 'technologist', 'is_trainer': True,
                                 'active': True})
        trainer = self.server.client('trainer')
        self.assertEqual(trainer.push_one(staff)['status'], 'applied')
        for date in ('2026-02-30', '2026-2-3', '03/02/2026', '2026-02-03T00:00:00Z'):
            self.assertInvalid(trainer, upsert('certification', {'staff_id': staff['id'], 'kind': 'BLS',
                                                                 'issued': date}), 'issued')

    def test_unknown_table(self):
        for table in ('bookings', 'sqlite_master', 'booking; DROP TABLE booking', ''):
            m = upsert(table, {'name': 'x'})
            r = self.coord.push_one(m)
            self.assertEqual(r['status'], 'rejected', r)
            self.assertEqual(r['reason'], 'unknown_table', r)

    def test_ref_to_deleted_record_is_ok(self):
        mod, ex = make_base(self.mgr, name='CT gone')
        self.assertEqual(self.mgr.push_one(delete('modality', mod, base_version=1))['status'], 'applied')
        r = self.coord.push_one(upsert('booking', booking_row(mod, ex, iso('2026-12-03', '09:00'),
                                                              iso('2026-12-03', '09:20'))))
        self.assertEqual(r['status'], 'applied', r)

    def test_conflict_with_from_client_is_ignored(self):
        m = upsert('booking', dict(self.booking(day='2026-12-04'), conflict_with=new_id()))
        r = self.coord.push_one(m)
        self.assertEqual(r['status'], 'applied', r)
        ch = self.record(self.coord, 'booking', m['id'])
        self.assertIsNone(ch['row'].get('conflict_with'))

    def test_delete_missing_is_tombstone(self):
        rid = new_id()
        r = self.coord.push_one(delete('booking', rid))
        self.assertEqual(r['status'], 'applied', r)
        self.assertIsInstance(r['version'], int)
        self.assertIsInstance(r['seq'], int)
        ch = self.record(self.coord, 'booking', rid)
        self.assertIsNotNone(ch, 'no tombstone in the feed')
        self.assertTrue(ch['deleted'])
        self.assertEqual(ch['seq'], r['seq'])
        # Replaying the delete (another mutation id) stays safe.
        r2 = self.coord.push_one(delete('booking', rid, base_version=r['version']))
        self.assertEqual(r2['status'], 'applied', r2)
        self.assertTrue(self.record(self.coord, 'booking', rid)['deleted'])

    def test_bad_item_does_not_undo_good_ones(self):
        a = upsert('booking', self.booking(day='2026-12-05', start='09:00', end='09:20'))
        bad = upsert('booking', dict(self.booking(day='2026-12-05', start='10:00', end='10:20'),
                                     priority='sometime'))
        b = upsert('booking', self.booking(day='2026-12-05', start='11:00', end='11:20'))
        forb = upsert('modality', modality_row('CT sneaky'))
        res = self.coord.push([a, bad, b, forb])
        self.assertEqual([r['status'] for r in res], ['applied', 'rejected', 'applied', 'rejected'])
        self.assertEqual(res[3]['reason'], 'forbidden')
        snap = self.coord.snapshot()
        self.assertIn(('booking', a['id']), snap)
        self.assertIn(('booking', b['id']), snap)
        self.assertNotIn(('booking', bad['id']), snap)
        self.assertNotIn(('modality', forb['id']), snap)

    def test_empty_batch(self):
        r = self.coord.push_raw([])
        self.assertStatus(r, 200)
        self.assertEqual(r.json['results'], [])


class RoleMatrix(rdserver.ServerTestCase):
    """Every role × every table: an upsert of a valid row, and a delete."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.server.client('admin')
        cls.fx = {}

        def make(table, row, key=None):
            m = upsert(table, row)
            r = admin.push_one(m)
            assert r['status'] == 'applied', (table, r)
            cls.fx[key or table] = m['id']

        # Bookings go to one modality, downtimes to another, so that neither flags the other.
        make('modality', modality_row('CT matrix'))
        make('modality', modality_row('MR matrix', 'MR'), 'modality_dt')
        make('vendor', cls.vendor_row(0))
        make('supply_item', cls.rows_for(0)['supply_item'])
        make('exam_type', rdserver.exam_type_row())
        make('staff', cls.rows_for(0)['staff'])
        make('course', cls.rows_for(0)['course'])
        make('contract', cls.rows_for(0)['contract'])
        make('budget_line', cls.rows_for(0)['budget_line'])
        make('purchase_order', cls.rows_for(0)['purchase_order'])
        make('booking', cls.rows_for(0)['booking'])

    @staticmethod
    def vendor_row(i):
        return {'name': 'Vendor %d' % i}

    @classmethod
    def rows_for(cls, i):
        fx = getattr(cls, 'fx', {})
        g = fx.get
        hour = '%02d' % (i % 24)
        day = '2027-01-%02d' % (1 + i // 24)
        return {
            'modality': modality_row('Room %d' % i, 'US'),
            'vendor': cls.vendor_row(i),
            'supply_item': {'sku': 'SKU-%d' % i, 'name': 'Gel %d' % i, 'category': 'gel',
                            'unit': 'bottle', 'par_level': 10, 'reorder_point': 4,
                            'reorder_qty': 12, 'unit_cost': 399, 'lot_tracked': False,
                            'active': True},
            'exam_type': rdserver.exam_type_row('X%d' % i),
            'exam_consumable': {'exam_type_id': g('exam_type'), 'item_id': g('supply_item'),
                                'quantity': 1},
            'staff': {'name': 'Staff %d' % i, 'job': 'technologist', 'is_trainer': False,
                      'active': True},
            'booking': booking_row(g('modality'), g('exam_type'), '%sT%s:00:00Z' % (day, hour),
                                   '%sT%s:30:00Z' % (day, hour)),
            'booking_request': {'exam_type_id': g('exam_type'), 'patient_name': 'Waiting %d' % i,
                                'patient_mrn': 'W%d' % i, 'priority': 'routine',
                                'requested_at': '2026-11-01T10:00:00Z'},
            'contract': {'vendor_id': g('vendor'), 'title': 'Service %d' % i, 'kind': 'service',
                         'start': '2026-01-01', 'end': '2026-12-31', 'annual_value': 1200000,
                         'auto_renew': False, 'notice_days': 90},
            'downtime': {'modality_id': g('modality_dt'), 'start': '%sT%s:00:00Z' % (day, hour),
                         'end': '%sT%s:45:00Z' % (day, hour), 'reason': 'qc'},
            'course': {'title': 'Course %d' % i, 'category': 'bls', 'renewal_months': 24,
                       'hours': 4},
            'course_requirement': {'course_id': g('course'), 'job': 'technologist'},
            'training_record': {'staff_id': g('staff'), 'course_id': g('course'),
                                'date': '2026-03-01', 'hours': 4, 'outcome': 'competent'},
            'certification': {'staff_id': g('staff'), 'kind': 'BLS', 'issued': '2025-01-01'},
            'dose_reading': {'staff_id': g('staff'), 'period_start': '2026-01-01',
                             'period_end': '2026-01-31', 'effective_usv': 40},
            'budget_line': {'fiscal_year': 2026, 'category': 'supplies', 'amount': 500000,
                            'name': 'Line %d' % i},
            'purchase_order': {'number': 'PO-%d' % i, 'vendor_id': g('vendor'), 'status': 'draft'},
            'po_line': {'po_id': g('purchase_order'), 'item_id': g('supply_item'), 'quantity': 10,
                        'unit_cost': 250, 'received_qty': 0},
            'stock_movement': {'item_id': g('supply_item'), 'quantity': -1, 'kind': 'consume',
                               'at': '2026-11-02T10:00:00Z'},
        }

    def test_matrix_covers_every_table(self):
        c = self.server.client('admin')
        tables = set(c.get('/v1/schema').json['tables'])
        self.assertEqual(tables, set(self.rows_for(0)))

    def test_upsert_matrix(self):
        i = 1
        for role in rdserver.ROLES:
            c = self.server.client(role)
            rows = self.rows_for(i)
            i += 1
            muts = [upsert(t, row) for t, row in rows.items()]
            res = c.push(muts)
            for m, r in zip(muts, res):
                t = m['table']
                if role == 'admin' or t in ALLOWED[role]:
                    self.assertEqual(r['status'], 'applied', '%s upsert %s: %r' % (role, t, r))
                else:
                    self.assertEqual((r['status'], r.get('reason')), ('rejected', 'forbidden'),
                                     '%s upsert %s: %r' % (role, t, r))
            snap = c.snapshot()
            for m, r in zip(muts, res):
                self.assertEqual((m['table'], m['id']) in snap, r['status'] == 'applied')

    def test_delete_matrix(self):
        for role in rdserver.ROLES:
            c = self.server.client(role)
            muts = [delete(t, new_id()) for t in self.rows_for(0)
                    if not (role == 'coordinator' and t == 'stock_movement')]
            res = c.push(muts)
            for m, r in zip(muts, res):
                t = m['table']
                if role == 'admin' or t in ALLOWED[role]:
                    self.assertEqual(r['status'], 'applied', '%s delete %s: %r' % (role, t, r))
                else:
                    self.assertEqual((r['status'], r.get('reason')), ('rejected', 'forbidden'),
                                     '%s delete %s: %r' % (role, t, r))

    def test_every_role_reads_everything(self):
        keys = set(self.server.client('admin').snapshot())
        self.assertTrue({t for t, _ in keys} >= set(self.fx) - {'modality_dt'})
        for role in ('coordinator', 'manager', 'trainer'):
            self.assertEqual(set(self.server.client(role).snapshot()), keys, role)

    def test_change_of_others_record(self):
        """A role may change records of its tables made by someone else, and not others'."""
        mgr = self.server.client('manager')
        admin = self.server.client('admin')
        v = upsert('vendor', self.vendor_row(900))
        self.assertEqual(admin.push_one(v)['status'], 'applied')
        r = mgr.push_one(upsert('vendor', dict(v['row'], phone='0100'), id=v['id'], base_version=1))
        self.assertEqual(r['status'], 'applied', r)
        coord = self.server.client('coordinator')
        r = coord.push_one(upsert('vendor', dict(v['row'], phone='0200'), id=v['id'], base_version=2))
        self.assertEqual((r['status'], r.get('reason')), ('rejected', 'forbidden'), r)
        r = coord.push_one(delete('vendor', v['id'], base_version=2))
        self.assertEqual((r['status'], r.get('reason')), ('rejected', 'forbidden'), r)

    def test_coordinator_stock_movement_consume_only(self):
        coord = self.server.client('coordinator')
        base = self.rows_for(950)['stock_movement']
        ok = upsert('stock_movement', base)
        self.assertEqual(coord.push_one(ok)['status'], 'applied')
        for kind in ('receive', 'adjust', 'expire', 'transfer'):
            r = coord.push_one(upsert('stock_movement', dict(base, kind=kind, quantity=5)))
            self.assertEqual((r['status'], r.get('reason')), ('rejected', 'forbidden'),
                             '%s: %r' % (kind, r))
        # Nor may it turn its consume movement into a receipt.
        r = coord.push_one(upsert('stock_movement', dict(base, kind='receive', quantity=50),
                                  id=ok['id'], base_version=1))
        self.assertEqual((r['status'], r.get('reason')), ('rejected', 'forbidden'), r)
        self.assertEqual(coord.snapshot()[('stock_movement', ok['id'])]['row']['kind'], 'consume')

if __name__ == '__main__':
    unittest.main(verbosity=2)
