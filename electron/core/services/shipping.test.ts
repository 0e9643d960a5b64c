import { afterEach, describe, expect, it } from 'vitest';
import type { ShipmentBatch } from '../../../shared/api/paperwork';
import { ADMIN, loadRecords, openTestCore, SUPERVISOR, TEST_NOW, type TestCore } from '../../../tests/support/deciding';
import { DAY_MS, expectRefusedAndNothingWritten, POST_DELIVERY } from '../../../tests/support/paperwork';
import { makeRecord } from '../../../tests/support/records';

let t: TestCore;
afterEach(async () => t?.dispose());

const awaiting = (n: number) => makeRecord(n, { status: 'awaiting_shipment', delivery: POST_DELIVERY });
const statusOf = (id: string) => t.core.db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id);
const createBatch = async (...ids: string[]) => (await t.ok<{ batch: ShipmentBatch }>('shipping.createBatch', { applicationIds: ids })).batch;
const setTracking = (batchId: string, applicationId: string, tracking: string) => t.ok<{ batch: ShipmentBatch }>('shipping.setTracking', { batchId, applicationId, tracking });

describe('shipment batches', () => {
  it('batch, barcodes, shipped: each parcel a fact with its op and audit entry; a parcel without a barcode leaves the batch', async () => {
    t = await openTestCore({ records: [awaiting(1), awaiting(2), awaiting(3)] });
    await t.signIn(ADMIN);
    const batch = await createBatch('app-000001', 'app-000002', 'app-000003', 'app-000001');
    expect(batch.parcels.map((p) => [p.position, p.number, p.postcode, p.locality, p.tracking])).toEqual([
      [1, '2026-000001', '79000', 'Львів', null], [2, '2026-000002', '79000', 'Львів', null], [3, '2026-000003', '79000', 'Львів', null],
    ]);
    expect(t.core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0); // building a batch is local paperwork
    await setTracking(batch.id, 'app-000001', '0500 1019 8318 0');
    const withS10 = await setTracking(batch.id, 'app-000002', 'rf426331371sg');
    expect(withS10.batch.parcels.map((p) => p.tracking)).toEqual(['0500101983180', 'RF426331371SG', null]);

    t.clock.now += 5 * 60_000;
    const r = await t.ok<{ batch: ShipmentBatch; shipped: { applicationId: string; statusAfter: string; flag: null }[]; detached: string[] }>('shipping.markShipped', { batchId: batch.id });
    expect(r.shipped.map((f) => [f.applicationId, f.statusAfter, f.flag])).toEqual([['app-000001', 'shipped', null], ['app-000002', 'shipped', null]]);
    expect(r.detached).toEqual(['app-000003']);
    expect(r.batch).toMatchObject({ shippedBy: ADMIN.id, shippedAt: new Date(t.clock.now).toISOString() });
    expect(r.batch.parcels.map((p) => [p.applicationId, p.shipped, p.status])).toEqual([['app-000001', true, 'shipped'], ['app-000002', true, 'shipped']]);
    expect([statusOf('app-000001'), statusOf('app-000002'), statusOf('app-000003')]).toEqual(['shipped', 'shipped', 'awaiting_shipment']);
    const ops = t.core.db.prepare("SELECT application_id, args FROM outbox WHERE type = 'shipped' ORDER BY seq").all() as { application_id: string; args: string }[];
    expect(ops.map((o) => [o.application_id, JSON.parse(o.args).tracking, JSON.parse(o.args).trackingKind])).toEqual([
      ['app-000001', '0500101983180', 'domestic'], ['app-000002', 'RF426331371SG', 's10'],
    ]);
    const actions = t.core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'shipping.%' OR action = 'application.shipped' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['shipping.batch_created', 'shipping.tracking_set', 'shipping.tracking_set', 'application.shipped', 'application.shipped', 'shipping.batch_shipped']);
    const detail = await t.ok<{ record: { history: { status: string; note: string | null }[] } }>('application.get', { id: 'app-000001' });
    expect(detail.record.history.at(-1)).toMatchObject({ status: 'shipped', note: '0500101983180' });

    // The detached card goes into the next batch; the shipped batch is closed.
    await createBatch('app-000003');
    await expectRefusedAndNothingWritten(t, 'shipping.setTracking', { batchId: batch.id, applicationId: 'app-000003', tracking: '0500101983197' }, 'batch_already_shipped');
    await expectRefusedAndNothingWritten(t, 'shipping.markShipped', { batchId: batch.id }, 'batch_already_shipped');
    const open = await t.ok<{ batches: ShipmentBatch[] }>('shipping.batches', { includeShipped: false });
    expect(open.batches.map((b) => b.parcels.map((p) => p.applicationId))).toEqual([['app-000003']]);
    expect((await t.ok<{ batches: ShipmentBatch[] }>('shipping.batches', {})).batches).toHaveLength(2);
  });

  it('a cancellation pulled between batching and shipping: the parcel is still recorded as shipped, flagged, and stays cancelled', async () => {
    t = await openTestCore({ records: [awaiting(1)] });
    await t.signIn(ADMIN);
    const batch = await createBatch('app-000001');
    await setTracking(batch.id, 'app-000001', '0500101983180');
    loadRecords(t.core.db, [makeRecord(1, { status: 'cancelled', version: 2, delivery: POST_DELIVERY })]);
    const r = await t.ok<{ shipped: { statusAfter: string; flag: string }[] }>('shipping.markShipped', { batchId: batch.id });
    expect(r.shipped).toEqual([expect.objectContaining({ statusAfter: 'cancelled', moved: false, flag: 'after_cancellation' })]);
    expect(statusOf('app-000001')).toBe('cancelled');
  });

  it('refuses cards not awaiting shipment, a card already in an open batch, and unknown applications, writing nothing', async () => {
    t = await openTestCore({ records: [awaiting(1), makeRecord(2, { status: 'ready_for_pickup' })] });
    await t.signIn(SUPERVISOR);
    expect(await expectRefusedAndNothingWritten(t, 'shipping.createBatch', { applicationIds: ['app-000001', 'app-000002'] }, 'not_awaiting_shipment')).toContain('2026-000002');
    await createBatch('app-000001');
    await expectRefusedAndNothingWritten(t, 'shipping.createBatch', { applicationIds: ['app-000001'] }, 'already_in_batch');
    await expectRefusedAndNothingWritten(t, 'shipping.createBatch', { applicationIds: ['app-999999'] }, 'not_found');
    await expectRefusedAndNothingWritten(t, 'shipping.createBatch', { applicationIds: [] }, 'invalid_input');
  });

  it('refuses invalid barcodes (12 digits, letters, a wrong S10 check digit) and duplicates, writing nothing', async () => {
    t = await openTestCore({ records: [awaiting(1), awaiting(2), awaiting(3)] });
    await t.signIn(ADMIN);
    const batch = await createBatch('app-000001', 'app-000002');
    const other = await createBatch('app-000003');
    const set = (applicationId: string, tracking: string, batchId = batch.id) => ({ batchId, applicationId, tracking });
    for (const bad of ['050010198318', '05001019831800', '05001O1983180', 'RF426331372SG', 'RF4263313SG', '', '<b>0500101983180</b>']) {
      await expectRefusedAndNothingWritten(t, 'shipping.setTracking', set('app-000001', bad), 'invalid_tracking');
    }
    await setTracking(batch.id, 'app-000001', '0500101983180');
    await setTracking(batch.id, 'app-000001', '0500101983180'); // the same barcode again changes nothing
    expect(await expectRefusedAndNothingWritten(t, 'shipping.setTracking', set('app-000002', '05001 01983180'), 'duplicate_tracking')).toContain('in this batch');
    expect(await expectRefusedAndNothingWritten(t, 'shipping.setTracking', set('app-000003', '0500101983180', other.id), 'duplicate_tracking')).toContain(batch.id);
    await expectRefusedAndNothingWritten(t, 'shipping.setTracking', set('app-000003', '0500101983197'), 'not_in_batch');
    await expectRefusedAndNothingWritten(t, 'shipping.setTracking', set('app-000001', '0500101983197', 'no-such-batch'), 'not_found');
    await expectRefusedAndNothingWritten(t, 'shipping.markShipped', { batchId: other.id }, 'batch_without_tracking');
    await expectRefusedAndNothingWritten(t, 'shipping.markShipped', { batchId: 'no-such-batch' }, 'not_found');
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'shipping.tracking_set'").pluck().get()).toBe(1);
  });
});

describe('delivery targets', () => {
  it('shipped parcels against the 5-day target (configurable): days left, or overdue', async () => {
    const shippedEarlier = makeRecord(2, {
      status: 'shipped', delivery: POST_DELIVERY,
      history: [
        { status: 'submitted', at: new Date(TEST_NOW - 20 * DAY_MS).toISOString(), operatorId: null, note: null },
        { status: 'shipped', at: new Date(TEST_NOW - 7 * DAY_MS).toISOString(), operatorId: 'op-x', note: '0500101983197' },
      ],
    });
    t = await openTestCore({ records: [awaiting(1), shippedEarlier, makeRecord(3, { status: 'delivered' })] });
    await t.signIn(ADMIN);
    const batch = await createBatch('app-000001');
    await setTracking(batch.id, 'app-000001', '0500101983180');
    await t.ok('shipping.markShipped', { batchId: batch.id });
    const targets = await t.ok<{ targetDays: number; items: { number: string; tracking: string; dueOn: string; daysLeft: number; overdue: boolean }[] }>('shipping.deliveryTargets', {});
    expect(targets.targetDays).toBe(5);
    expect(targets.items.map((i) => [i.number, i.tracking, i.dueOn, i.daysLeft, i.overdue])).toEqual([
      ['2026-000002', '0500101983197', '2026-11-25', -2, true],
      ['2026-000001', '0500101983180', '2026-12-02', 5, false],
    ]);
    t.core.db.prepare("INSERT INTO settings (key, value) VALUES ('paperwork.deliveryTargetDays', '10')").run();
    expect((await t.ok<{ items: { daysLeft: number }[] }>('shipping.deliveryTargets', {})).items.map((i) => i.daysLeft)).toEqual([3, 10]);
  });
});
