import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentData, ShipmentBatch } from '../../../shared/api/paperwork';
import { ADMIN, ADMIN2, openTestCore, type TestCore } from '../../../tests/support/deciding';
import { expectRefusedAndNothingWritten, POST_DELIVERY } from '../../../tests/support/paperwork';
import { makeRecord } from '../../../tests/support/records';

let t: TestCore;
afterEach(async () => t?.dispose());

type Prints = { prints: { applicationId: string; copy: number; reprint: boolean; flag: string | null; opId: string }[] };
const print = (applicationIds: string[], document: string, extra: Record<string, unknown> = {}) =>
  t.ok<Prints>('prints.record', { applicationIds, document, how: 'job_sent', ...extra });
const data = <D extends DocumentData['document']>(document: D, input: Record<string, unknown>) =>
  t.ok<Extract<DocumentData, { document: D }>>('paperwork.documentData', { document, ...input });

describe('recording prints', () => {
  it('the first print is the original; a reprint says so, and the history names who printed what, when and how', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'ready_for_pickup' })] });
    await t.signIn(ADMIN);
    const first = await print(['app-000001'], 'handover_receipt');
    expect(first.prints).toEqual([expect.objectContaining({ applicationId: 'app-000001', copy: 0, reprint: false, flag: null })]);
    await t.signIn(ADMIN2);
    const again = await t.ok<Prints>('prints.record', { applicationIds: ['app-000001'], document: 'handover_receipt', how: 'operator_confirmed' });
    expect(again.prints[0]).toMatchObject({ copy: 1, reprint: true });
    expect((await print(['app-000001'], 'production_order')).prints[0]).toMatchObject({ copy: 0, reprint: false });

    const history = await t.ok<{ prints: Record<string, unknown>[] }>('prints.history', { applicationId: 'app-000001' });
    expect(history.prints.map((p) => [p.document, p.how, p.operatorName, p.copy, p.reprint])).toEqual([
      ['handover_receipt', 'job_sent', 'Name of op-a', 0, false],
      ['handover_receipt', 'operator_confirmed', 'Name of op-b', 1, true],
      ['production_order', 'job_sent', 'Name of op-b', 0, false],
    ]);
    const op = t.core.db.prepare("SELECT args FROM outbox WHERE type = 'printed' ORDER BY seq LIMIT 1 OFFSET 1").pluck().get() as string;
    expect(JSON.parse(op)).toEqual({ document: 'handover_receipt', how: 'operator_confirmed', copy: 1, batchId: null, statusSeen: 'ready_for_pickup', statusAfter: 'ready_for_pickup', flag: null });
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'application.printed'").pluck().get()).toBe(3);
  });

  it('one page for several applications is one transaction; an unknown one among them writes nothing at all', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'approved' }), makeRecord(2, { status: 'approved' })] });
    await t.signIn(ADMIN);
    await expectRefusedAndNothingWritten(t, 'prints.record', { applicationIds: ['app-000001', 'app-999999'], document: 'production_order', how: 'pdf_saved' }, 'not_found');
    const r = await print(['app-000001', 'app-000002', 'app-000001'], 'production_order');
    expect(r.prints.map((p) => [p.applicationId, p.copy])).toEqual([['app-000001', 0], ['app-000002', 0]]);
  });

  it('a document that does not fit the status is recorded and flagged (a refusal notice for an approved application)', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'approved' })] });
    await t.signIn(ADMIN);
    expect((await print(['app-000001'], 'refusal_notice')).prints[0]).toMatchObject({ flag: 'document_not_applicable' });
    expect(t.core.db.prepare('SELECT reason FROM review_flags').pluck().all()).toEqual(['document_not_applicable']);
  });

  it('refuses an unknown document or method, no applications, an unknown batch or application, writing nothing', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'issued' })] });
    await t.signIn(ADMIN);
    const base = { applicationIds: ['app-000001'], document: 'daily_register', how: 'pdf_saved' };
    await expectRefusedAndNothingWritten(t, 'prints.record', { ...base, document: 'poster' }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'prints.record', { ...base, how: 'assumed' }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'prints.record', { ...base, applicationIds: [] }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'prints.record', { ...base, batchId: 'no-such-batch' }, 'not_found');
    await expectRefusedAndNothingWritten(t, 'prints.history', { applicationId: 'app-999999' }, 'not_found');
  });
});

describe('document data for the print templates', () => {
  it('gives each document exactly its fields, with the center, the Kyiv date, the operator and previous prints', async () => {
    t = await openTestCore({
      records: [
        makeRecord(1, { status: 'received' }),
        makeRecord(2, { status: 'received' }),
        makeRecord(3, { status: 'ready_for_pickup', newLicenceNumber: 'ВХЕ654321' }),
        makeRecord(4, { status: 'awaiting_shipment', delivery: POST_DELIVERY }),
      ],
    });
    t.core.db.prepare("INSERT INTO centers (id, name, address) VALUES ('sc-8041', 'ТСЦ МВС № 8041', 'м. Київ, вул. Арсенальна, 9/11')").run();
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    await t.ok('application.approve', { id: 'app-000001', manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } });
    await t.ok('application.claim', { id: 'app-000002' });
    await t.ok('application.refuse', { id: 'app-000002', reasonCode: 'driving_ban', explanation: 'Особу позбавлено права керування транспортними засобами.' });

    const order = await data('production_order', { applicationIds: ['app-000001'] });
    expect(order).toMatchObject({
      center: { id: 'sc-8041', name: 'ТСЦ МВС № 8041', address: 'м. Київ, вул. Арсенальна, 9/11' }, date: '2026-11-27',
      operator: { id: ADMIN.id, displayName: 'Name of op-a' },
    });
    expect(order.items[0]).toMatchObject({
      number: '2026-000001', previousPrints: 0, applicant: { fullName: 'Шевченко Тарас Григорович', rnokpp: '3119804512' },
      currentLicence: { number: 'ВХА123456' }, delivery: { method: 'pickup', pickupCenterName: 'ТСЦ МВС № 8041' }, approvedBy: 'Name of op-a',
    });
    await print(['app-000001'], 'production_order');
    expect((await data('production_order', { applicationIds: ['app-000001'] })).items[0]!.previousPrints).toBe(1);

    const notice = await data('refusal_notice', { applicationIds: ['app-000002'] });
    expect(notice.items[0]).toMatchObject({
      reason: { code: 'driving_ban', titleUk: 'Особу позбавлено права керування або посвідчення вилучено', titleEn: 'Deprived of the right to drive, or the licence was withdrawn' },
      explanation: 'Особу позбавлено права керування транспортними засобами.', refusedBy: 'Name of op-a',
    });

    const receipt = await data('handover_receipt', { applicationIds: ['app-000003'] });
    expect(receipt.items[0]).toMatchObject({ newLicenceNumber: 'ВХЕ654321', identityDocument: { type: 'id_card', number: '001234567' }, previousLicenceNumber: 'ВХА123456' });

    const { batch } = await t.ok<{ batch: ShipmentBatch }>('shipping.createBatch', { applicationIds: ['app-000004'] });
    await t.ok('shipping.setTracking', { batchId: batch.id, applicationId: 'app-000004', tracking: '0500101983180' });
    const labels = await data('address_label', { batchId: batch.id });
    expect(labels.items[0]).toMatchObject({ recipientName: 'Шевченко Тарас Григорович', address: POST_DELIVERY.method === 'ukrposhta' ? POST_DELIVERY.address : null, tracking: '0500101983180' });
    const list = await data('batch_list', { batchId: batch.id });
    expect(list).toMatchObject({ batch: { id: batch.id, shippedAt: null }, previousPrints: 0, parcels: [{ position: 1, number: '2026-000004', tracking: '0500101983180' }] });
    await print(['app-000004'], 'batch_list', { batchId: batch.id });
    expect((await data('batch_list', { batchId: batch.id })).previousPrints).toBe(1);

    await t.ok('handover.issue', { id: 'app-000003', identityDocumentChecked: true, identityDocumentNumber: '001234567' });
    const register = await data('daily_register', { date: '2026-11-27' });
    expect(register.rows).toEqual([expect.objectContaining({ number: '2026-000003', newLicenceNumber: 'ВХЕ654321', identityDocument: { type: 'id_card', number: '001234567' }, operatorName: 'Name of op-a' })]);
    expect((await data('daily_register', { date: '2026-11-26' })).rows).toEqual([]);
    // Without a date the register is today's, the Kyiv day of the core's clock.
    const today = await data('daily_register', {});
    expect(today.day).toBe('2026-11-27');
    expect(today.rows).toEqual(register.rows);
    expect(t.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'paperwork.document_data'").pluck().get()).toBe(10);
  });

  it('refuses a document without what it needs, and unknown applications or batches, writing nothing', async () => {
    t = await openTestCore({ records: [makeRecord(1, { status: 'approved' })] });
    await t.signIn(ADMIN);
    await expectRefusedAndNothingWritten(t, 'paperwork.documentData', { document: 'batch_list', applicationIds: ['app-000001'] }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'paperwork.documentData', { document: 'production_order' }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'paperwork.documentData', { document: 'daily_register', date: '27.11.2026' }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'paperwork.documentData', { document: 'production_order', applicationIds: ['app-999999'] }, 'not_found');
    await expectRefusedAndNothingWritten(t, 'paperwork.documentData', { document: 'batch_list', batchId: 'no-such-batch' }, 'not_found');
    await t.ok('auth.signOut', {});
    await expectRefusedAndNothingWritten(t, 'paperwork.documentData', { document: 'production_order', applicationIds: ['app-000001'] }, 'session_required');
  });
});
