import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionResult } from '../../../shared/api/decisions';
import { ADMIN, ADMIN2, openTestCore, TEST_NOW, writeSnapshot, type TestCore } from '../../../tests/support/deciding';
import { makeRecord } from '../../../tests/support/records';

/*
 * The fast path: an application nobody has in work is taken into work and decided in one user action
 * (`takeIntoWork`): one transaction holding two ops, the claim and the decision, each with its audit entry, exactly
 * what the slow path (claim, then decide) would have queued for the central server.
 */

let t: TestCore;
afterEach(async () => t?.dispose());

const TICKED = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };
const EXPLANATION = 'Фото не відповідає вимогам до якості зображення.';
const FAILED_BAN = { paymentConfirmed: true, identityMatches: true, noDrivingBan: false, licenceInRegister: true };

const outboxRows = () =>
  t.core.db.prepare('SELECT seq, type, application_id, base_version, client_time, operator_id, args FROM outbox ORDER BY seq').all() as Record<string, unknown>[];
const decisionAudit = () =>
  t.core.db.prepare("SELECT operator_id, action, entity_id FROM audit_log WHERE action LIKE 'application.%' ORDER BY seq").all();

async function expectRefusedAndNothingWritten(method: 'application.approve' | 'application.refuse', input: unknown, code: string) {
  const before = writeSnapshot(t.core.db);
  const r = await t.call(method, input);
  expect(r).toMatchObject({ ok: false, error: { code } });
  expect(writeSnapshot(t.core.db)).toEqual(before);
}

describe('taking into work and deciding in one action', () => {
  it('approve with takeIntoWork: the claim and the approval with its check marks as two ops and two audit entries, then the next application', async () => {
    t = await openTestCore({ records: [makeRecord(1, { version: 4 }), makeRecord(2)] });
    await t.signIn(ADMIN);
    const result = await t.ok<DecisionResult>('application.approve', { id: 'app-000001', manualChecks: TICKED, takeIntoWork: true });
    expect(result.application.record.status).toBe('approved');
    expect(result.nextApplicationId).toBe('app-000002');
    expect(result.application.record.history.slice(-2).map((h) => [h.status, h.operatorId])).toEqual([
      ['in_review', 'op-a'],
      ['approved', 'op-a'],
    ]);

    const ops = outboxRows();
    const at = new Date(TEST_NOW).toISOString();
    expect(ops).toEqual([
      { seq: 1, type: 'claim', application_id: 'app-000001', base_version: 4, client_time: TEST_NOW, operator_id: 'op-a', args: '{}' },
      {
        seq: 2, type: 'approve', application_id: 'app-000001', base_version: 4, client_time: TEST_NOW, operator_id: 'op-a',
        args: JSON.stringify({ manualChecks: TICKED, checkMarks: Object.keys(TICKED).map((check) => ({ check, operatorId: 'op-a', tickedAt: at })) }),
      },
    ]);
    const opIds = t.core.db.prepare('SELECT op_id FROM outbox ORDER BY seq').pluck().all() as string[];
    expect(result.opId).toBe(opIds[1]);
    expect(decisionAudit()).toEqual([
      { operator_id: 'op-a', action: 'application.claim', entity_id: 'app-000001' },
      { operator_id: 'op-a', action: 'application.approve', entity_id: 'app-000001' },
    ]);
    expect(t.events).toEqual(['queue.changed:application.claim', 'queue.changed:application.approve']);
  });

  it('refuse with takeIntoWork: the claim and the refusal (reason and cleaned explanation) as two ops', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    const result = await t.ok<DecisionResult>('application.refuse', { id: 'app-000001', reasonCode: 'photo_unsuitable', explanation: `  ${EXPLANATION}\u202E `, takeIntoWork: true });
    expect(result.application.record.status).toBe('refused');
    expect(result.application.record.refusal).toEqual({ reasonCode: 'photo_unsuitable', explanation: EXPLANATION });
    expect(outboxRows().map((o) => [o.type, o.args])).toEqual([
      ['claim', '{}'],
      ['refuse', JSON.stringify({ reasonCode: 'photo_unsuitable', explanation: EXPLANATION })],
    ]);
    expect(decisionAudit().map((a) => (a as { action: string }).action)).toEqual(['application.claim', 'application.refuse']);
  });

  it('a refused decision leaves no claim behind: failed automatic check, missing manual check, short explanation, unknown reason', async () => {
    t = await openTestCore({ records: [makeRecord(1, { autoChecks: FAILED_BAN }), makeRecord(2)] });
    await t.signIn(ADMIN);
    await expectRefusedAndNothingWritten('application.approve', { id: 'app-000001', manualChecks: TICKED, takeIntoWork: true }, 'automatic_check_failed');
    await expectRefusedAndNothingWritten('application.approve', { id: 'app-000002', manualChecks: { ...TICKED, dataConsistent: false }, takeIntoWork: true }, 'manual_check_missing');
    await expectRefusedAndNothingWritten('application.refuse', { id: 'app-000002', reasonCode: 'photo_unsuitable', explanation: 'коротко', takeIntoWork: true }, 'explanation_too_short');
    await expectRefusedAndNothingWritten('application.refuse', { id: 'app-000002', reasonCode: 'no_such_reason', explanation: EXPLANATION, takeIntoWork: true }, 'unknown_refusal_reason');
    expect(t.core.db.prepare('SELECT status, claimed_by FROM applications ORDER BY id').all()).toEqual([
      { status: 'submitted', claimed_by: null },
      { status: 'submitted', claimed_by: null },
    ]);
  });

  it('an application already in work (mine or another operator\'s) is not taken again: already_claimed, claimed_by_other, nothing written', async () => {
    t = await openTestCore({ records: [makeRecord(1), makeRecord(2)] });
    await t.signIn(ADMIN2);
    await t.ok('application.claim', { id: 'app-000002' });
    await t.ok('auth.signOut', {});
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    await expectRefusedAndNothingWritten('application.approve', { id: 'app-000001', manualChecks: TICKED, takeIntoWork: true }, 'already_claimed');
    await expectRefusedAndNothingWritten('application.refuse', { id: 'app-000002', reasonCode: 'photo_unsuitable', explanation: EXPLANATION, takeIntoWork: true }, 'claimed_by_other');
    // Without takeIntoWork the slow path still decides what is ours.
    const approved = await t.ok<DecisionResult>('application.approve', { id: 'app-000001', manualChecks: TICKED });
    expect(approved.application.record.status).toBe('approved');
  });
});
