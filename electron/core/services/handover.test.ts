import { afterEach, describe, expect, it } from 'vitest';
import type { FactResult } from '../../../shared/api/paperwork';
import { ADMIN, openTestCore, SUPERVISOR, TEST_NOW, type TestCore } from '../../../tests/support/deciding';
import { DAY_MS, expectRefusedAndNothingWritten, POST_DELIVERY } from '../../../tests/support/paperwork';
import { makeRecord } from '../../../tests/support/records';

let t: TestCore;
afterEach(async () => t?.dispose());

const iso = (ms: number) => new Date(ms).toISOString();
const statusOf = (id: string) => t.core.db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id);
const lastOp = () => t.core.db.prepare('SELECT type, args FROM outbox ORDER BY seq DESC LIMIT 1').get() as { type: string; args: string };

describe('the card arrives at the center', () => {
  it('a scan of the number, with or without its dash, moves produced to ready_for_pickup or awaiting_shipment', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'produced' }), makeRecord(2, { status: 'produced', delivery: POST_DELIVERY })] });
    await t.signIn(ADMIN);
    const pickup = await t.ok<FactResult>('handover.cardArrived', { number: '2026000001\r\n' });
    expect(pickup.fact).toMatchObject({ kind: 'card_arrived', statusSeen: 'produced', statusAfter: 'ready_for_pickup', moved: true, flag: null });
    expect(pickup.application.record.status).toBe('ready_for_pickup');
    expect(pickup.application.record.history.at(-1)).toEqual({ status: 'ready_for_pickup', at: iso(TEST_NOW), operatorId: ADMIN.id, note: null });
    const post = await t.ok<FactResult>('handover.cardArrived', { number: '2026-000002' });
    expect(post.fact.statusAfter).toBe('awaiting_shipment');
    expect(JSON.parse(lastOp().args)).toEqual({ scannedBy: 'number', delivery: 'ukrposhta', statusSeen: 'produced', statusAfter: 'awaiting_shipment', flag: null });
    expect(t.events.filter((e) => e.startsWith('queue.'))).toEqual(['queue.changed:application.card_arrived', 'queue.changed:application.card_arrived']);
    const counts = await t.ok<{ statuses: Record<string, number> }>('queue.counts', { filter: {} });
    expect(counts.statuses).toMatchObject({ ready_for_pickup: 1, awaiting_shipment: 1 });
  });

  it('a returned parcel scanned at the center goes back to ready_for_pickup; scanning it again is recorded, not flagged', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'returned', delivery: POST_DELIVERY })] });
    await t.signIn(SUPERVISOR);
    expect((await t.ok<FactResult>('handover.cardArrived', { id: 'app-000001' })).fact).toMatchObject({ statusAfter: 'ready_for_pickup', flag: null });
    expect((await t.ok<FactResult>('handover.cardArrived', { id: 'app-000001' })).fact).toMatchObject({ statusAfter: 'ready_for_pickup', moved: false, flag: null });
    expect(t.core.db.prepare('SELECT count(*) FROM paperwork_facts').pluck().get()).toBe(2);
  });

  it('a card that arrives after a cancellation is recorded and flagged; the status stays cancelled', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'cancelled' })] });
    await t.signIn(ADMIN);
    const r = await t.ok<FactResult>('handover.cardArrived', { number: '2026-000001' });
    expect(r.fact).toMatchObject({ statusAfter: 'cancelled', moved: false, flag: 'after_cancellation' });
    expect(r.application.record.history).toHaveLength(1); // a fact that moved nothing is no status change
  });

  it('refuses an unknown number, a tracking barcode, other text, and both or neither of number and id, writing nothing', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'produced' })] });
    await t.signIn(ADMIN);
    expect(await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: '2026-999999' }, 'not_found')).toContain('2026-999999');
    expect(await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: '0500101983180' }, 'not_an_application_number')).toContain('tracking');
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: 'ВХА123456' }, 'not_an_application_number');
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: "2026-000001' OR 1=1 --" }, 'not_an_application_number');
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: '' }, 'not_an_application_number');
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { id: 'no-such-application' }, 'not_found');
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: '2026-000001', id: 'app-000001' }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', {}, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: 'x'.repeat(201) }, 'invalid_input');
    expect(statusOf('app-000001')).toBe('produced');
  });

  it('needs a signed-in, unlocked operator', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'produced' })] });
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: '2026-000001' }, 'session_required');
    await t.signIn(ADMIN);
    await t.ok('auth.lock', {});
    await expectRefusedAndNothingWritten(t, 'handover.cardArrived', { number: '2026-000001' }, 'session_locked');
  });
});

describe('handing the licence over in person', () => {
  const issue = (number: string, checked = true) => ({ id: 'app-000001', identityDocumentChecked: checked, identityDocumentNumber: number });

  it('with the identity check ticked and the document number typed as people type it: ready_for_pickup → issued', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'ready_for_pickup', newLicenceNumber: 'ВХЕ654321' })] });
    await t.signIn(ADMIN);
    const r = await t.ok<FactResult>('handover.issue', issue(' 001-234 567 '));
    expect(r.fact).toMatchObject({ kind: 'handed_over', statusSeen: 'ready_for_pickup', statusAfter: 'issued', moved: true, flag: null });
    expect(statusOf('app-000001')).toBe('issued');
    // Only that the number matched travels and is audited; the number itself is not stored anywhere new.
    const op = lastOp();
    expect(JSON.parse(op.args)).toEqual({ identityDocumentChecked: true, identityDocumentType: 'id_card', statusSeen: 'ready_for_pickup', statusAfter: 'issued', flag: null });
    expect(JSON.stringify(t.core.db.prepare('SELECT * FROM paperwork_facts').all())).not.toContain('1234567');
  });

  it('a returned parcel may be handed over in person straight away', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'returned', delivery: POST_DELIVERY })] });
    await t.signIn(ADMIN);
    expect((await t.ok<FactResult>('handover.issue', issue('001234567'))).fact).toMatchObject({ statusAfter: 'issued', flag: null });
  });

  it('handed over while still approved: recorded, the status stays, and the supervisor sees it on the review list', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'approved' })] });
    await t.signIn(ADMIN);
    const r = await t.ok<FactResult>('handover.issue', issue('001234567'));
    expect(r.fact).toMatchObject({ statusSeen: 'approved', statusAfter: 'approved', moved: false, flag: 'not_yet_produced' });
    expect(statusOf('app-000001')).toBe('approved');
    await t.signIn(SUPERVISOR);
    const list = await t.ok<{ items: { applicationNumber: string; fact: string; reason: string; operatorName: string }[]; open: number }>('review.list', {});
    expect(list.open).toBe(1);
    expect(list.items[0]).toMatchObject({ applicationNumber: '2026-000001', fact: 'handed_over', reason: 'not_yet_produced', operatorName: 'Name of op-a' });
  });

  it('refuses a hand-over without the identity check, with another number, or with no number, writing nothing', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'ready_for_pickup' })] });
    await t.signIn(ADMIN);
    await expectRefusedAndNothingWritten(t, 'handover.issue', issue('001234567', false), 'identity_check_required');
    const wrong = await expectRefusedAndNothingWritten(t, 'handover.issue', issue('001234568'), 'identity_document_mismatch');
    expect(wrong).not.toContain('001234567'); // the message never echoes the number on record
    await expectRefusedAndNothingWritten(t, 'handover.issue', issue(''), 'identity_document_mismatch');
    await expectRefusedAndNothingWritten(t, 'handover.issue', { id: 'app-000001', identityDocumentNumber: '001234567' }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'handover.issue', { ...issue('001234567'), id: 'app-999999' }, 'not_found');
    expect(statusOf('app-000001')).toBe('ready_for_pickup');
  });
});

describe('uncollected cards', () => {
  it('lists cards waiting at least N Kyiv days (30 by default, configurable), the longest waiting first', async () => {
    const waiting = (n: number, days: number, status: 'ready_for_pickup' | 'returned' = 'ready_for_pickup') =>
      makeRecord(n, { status, history: [{ status: 'submitted', at: iso(TEST_NOW - 90 * DAY_MS), operatorId: null, note: null }, { status, at: iso(TEST_NOW - days * DAY_MS), operatorId: 'op-x', note: null }] });
    t = await openTestCore({ records: [waiting(1, 40), waiting(2, 10), waiting(3, 31, 'returned'), makeRecord(4, { status: 'produced' }), makeRecord(5, { status: 'issued' })] });
    await t.signIn(ADMIN);
    await t.ok('handover.cardArrived', { id: 'app-000004' }); // arrives today
    const byDefault = await t.ok<{ olderThanDays: number; items: { number: string; daysWaiting: number; status: string; phone: string }[] }>('handover.uncollected', {});
    expect(byDefault.olderThanDays).toBe(30);
    expect(byDefault.items.map((i) => [i.number, i.daysWaiting, i.status])).toEqual([['2026-000001', 40, 'ready_for_pickup'], ['2026-000003', 31, 'returned']]);
    expect(byDefault.items[0]!.phone).toBe('+380671234567');
    const all = await t.ok<{ items: { number: string }[] }>('handover.uncollected', { olderThanDays: 0 });
    expect(all.items.map((i) => i.number)).toEqual(['2026-000001', '2026-000003', '2026-000002', '2026-000004']);
    t.core.db.prepare("INSERT INTO settings (key, value) VALUES ('paperwork.uncollectedDays', '7')").run();
    expect((await t.ok<{ items: unknown[] }>('handover.uncollected', {})).items).toHaveLength(3);
    await expectRefusedAndNothingWritten(t, 'handover.uncollected', { olderThanDays: -1 }, 'invalid_input');
  });
});
