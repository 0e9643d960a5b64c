import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../../../shared/api/application';
import type { ApplicationWorkflow, DecisionResult } from '../../../shared/api/decisions';
import { ADMIN, ADMIN2, openTestCore, SUPERVISOR, TEST_NOW, writeSnapshot, type TestCore } from '../../../tests/support/deciding';
import { makeRecord } from '../../../tests/support/records';

let t: TestCore;
afterEach(async () => t?.dispose());

const TICKED = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };
const EXPLANATION = 'Дані посвідчення не збігаються з даними Єдиного державного реєстру.';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const outboxRows = () => t.core.db.prepare('SELECT * FROM outbox ORDER BY seq').all() as Record<string, unknown>[];
const auditRows = () => t.core.db.prepare('SELECT seq, operator_id, action, entity_id FROM audit_log ORDER BY seq').all();

async function expectRefusedAndNothingWritten(method: string, input: unknown, code: string) {
  const before = writeSnapshot(t.core.db);
  const r = await t.call(method as 'application.claim', input);
  expect(r).toMatchObject({ ok: false, error: { code } });
  expect(writeSnapshot(t.core.db)).toEqual(before);
}

describe('claiming and approving', () => {
  it('claim then approve: one op and one audit entry each, the full history in application.get, and the next application named', async () => {
    t = await openTestCore({
      records: [
        makeRecord(1, { version: 7, submittedAt: '2026-11-20T09:00:00.000Z' }),
        makeRecord(2, { submittedAt: '2026-11-16T09:00:00.000Z' }), // older: more urgent
        makeRecord(3, { submittedAt: '2026-11-10T09:00:00.000Z', status: 'in_review' }), // in work elsewhere: not "next"
      ],
    });
    await t.signIn(ADMIN);
    const claimed = await t.ok<DecisionResult>('application.claim', { id: 'app-000001' });
    expect(claimed.application.record.status).toBe('in_review');
    expect(claimed.nextApplicationId).toBe('app-000002');
    expect(t.core.db.prepare('SELECT claimed_by, claimed_at FROM applications WHERE id = ?').get('app-000001')).toEqual({ claimed_by: 'op-a', claimed_at: TEST_NOW });

    t.clock.now += 60_000;
    const approved = await t.ok<DecisionResult>('application.approve', { id: 'app-000001', manualChecks: TICKED });
    const record = approved.application.record;
    expect(record.status).toBe('approved');
    expect(record.history.slice(-2)).toEqual([
      { status: 'in_review', at: new Date(TEST_NOW).toISOString(), operatorId: 'op-a', note: null },
      { status: 'approved', at: new Date(TEST_NOW + 60_000).toISOString(), operatorId: 'op-a', note: null },
    ]);
    expect(approved.application.deadline).toMatchObject({ state: 'none', daysLeft: null });
    expect(t.core.db.prepare('SELECT status, pending, claimed_by, due_day FROM applications WHERE id = ?').get('app-000001')).toEqual({
      status: 'approved', pending: 0, claimed_by: null, due_day: 0,
    });

    const ops = outboxRows();
    expect(ops).toHaveLength(2);
    expect(ops.map((o) => o.seq)).toEqual([1, 2]);
    expect(ops[1]).toMatchObject({
      scope: 'application', application_id: 'app-000001', center_id: 'sc-8041', type: 'approve', base_version: 7,
      client_time: TEST_NOW + 60_000, operator_id: 'op-a', state: 'pending', args: JSON.stringify({
        manualChecks: TICKED,
        checkMarks: Object.keys(TICKED).map((check) => ({ check, operatorId: 'op-a', tickedAt: new Date(TEST_NOW + 60_000).toISOString() })),
      }),
    });
    for (const o of ops) expect(o.op_id).toMatch(UUID_V7);
    expect(approved.opId).toBe(ops[1]!.op_id);
    expect(auditRows()).toEqual([
      { seq: 1, operator_id: 'op-a', action: 'session.sign_in', entity_id: 'op-a' },
      { seq: 2, operator_id: 'op-a', action: 'application.claim', entity_id: 'app-000001' },
      { seq: 3, operator_id: 'op-a', action: 'application.approve', entity_id: 'app-000001' },
    ]);
    expect(t.events).toEqual(['queue.changed:application.claim', 'queue.changed:application.approve']);
  });

  it('the queue and its counts show the decision at once', async () => {
    t = await openTestCore({ records: [makeRecord(1), makeRecord(2)] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    const page = await t.ok<{ rows: { id: string; status: string }[] }>('queue.page', { filter: { statuses: ['in_review'] } });
    expect(page.rows.map((r) => r.id)).toEqual(['app-000001']);
    const counts = await t.ok<{ statuses: Record<string, number> }>('queue.counts', { filter: {} });
    expect(counts.statuses).toMatchObject({ in_review: 1, submitted: 1 });
  });

  it('a failed automatic flag blocks approval, writes nothing, and the workflow suggests the matching reason', async () => {
    t = await openTestCore({ records: [makeRecord(1, { autoChecks: { paymentConfirmed: true, identityMatches: true, noDrivingBan: false, licenceInRegister: true } })] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    await expectRefusedAndNothingWritten('application.approve', { id: 'app-000001', manualChecks: TICKED }, 'automatic_check_failed');
    const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: 'app-000001' });
    expect(wf.suggestedReasonCodes).toEqual(['driving_ban']);
    expect(wf.actions.approve).toMatchObject({ allowed: false, code: 'automatic_check_failed' });
    expect(wf.actions.refuse).toEqual({ allowed: true, code: null, message: null });
  });

  it('an unticked manual check blocks approval and writes nothing', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    await expectRefusedAndNothingWritten('application.approve', { id: 'app-000001', manualChecks: { ...TICKED, dataConsistent: false } }, 'manual_check_missing');
    await expectRefusedAndNothingWritten('application.approve', { id: 'app-000001', manualChecks: { photoSignatureSuitable: true } }, 'invalid_input');
  });

  it('an unknown application, no session, a locked session: each refused with its code and nothing written', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await expectRefusedAndNothingWritten('application.claim', { id: 'app-000001' }, 'session_required');
    await t.signIn(ADMIN);
    await expectRefusedAndNothingWritten('application.claim', { id: 'no-such-application' }, 'not_found');
    await t.ok('auth.lock', {});
    await expectRefusedAndNothingWritten('application.claim', { id: 'app-000001' }, 'session_locked');
  });
});

describe('refusing', () => {
  it('stores the reason code and the trimmed explanation apart, and shows both in the history', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    const r = await t.ok<DecisionResult>('application.refuse', { id: 'app-000001', reasonCode: 'data_mismatch', explanation: `  ${EXPLANATION}\n` });
    expect(r.application.record.refusal).toEqual({ reasonCode: 'data_mismatch', explanation: EXPLANATION });
    expect(r.application.record.history.at(-1)).toMatchObject({ status: 'refused', operatorId: 'op-a', note: EXPLANATION });
    const detail = await t.ok<ApplicationDetail>('application.get', { id: 'app-000001' });
    expect(detail.record.refusal).toEqual({ reasonCode: 'data_mismatch', explanation: EXPLANATION });
    const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: 'app-000001' });
    expect(wf.refusal).toEqual({ reasonCode: 'data_mismatch', explanation: EXPLANATION });
    expect(wf.steps.at(-1)).toMatchObject({
      source: 'local', action: 'refuse', status: 'refused', operatorId: 'op-a', operatorName: 'Name of op-a',
      reasonCode: 'data_mismatch', explanation: EXPLANATION, syncState: 'pending',
    });
    expect(wf.pendingOps).toBe(2);
    expect(JSON.parse(outboxRows()[1]!.args as string)).toEqual({ reasonCode: 'data_mismatch', explanation: EXPLANATION });
  });

  it('removes invisible direction controls from the explanation before it is stored and pushed', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    // Every control of U+202A–U+202E and U+2066–U+2069, among and around the words.
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    const typed = ` \u202E${EXPLANATION.slice(0, 10)}${controls.join('')}${EXPLANATION.slice(10)}\u2069 `;
    const r = await t.ok<DecisionResult>('application.refuse', { id: 'app-000001', reasonCode: 'data_mismatch', explanation: typed });
    expect(r.application.record.refusal).toEqual({ reasonCode: 'data_mismatch', explanation: EXPLANATION });
    const stored = [
      (await t.ok<ApplicationDetail>('application.get', { id: 'app-000001' })).record.refusal?.explanation,
      (await t.ok<ApplicationWorkflow>('application.workflow', { id: 'app-000001' })).refusal?.explanation,
      JSON.parse(outboxRows()[1]!.args as string).explanation,
    ];
    expect(stored).toEqual([EXPLANATION, EXPLANATION, EXPLANATION]);
    for (const text of [...stored, JSON.stringify(t.core.db.prepare('SELECT * FROM outbox').all())]) expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
  });

  it('direction controls do not count towards the explanation length', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    await expectRefusedAndNothingWritten('application.refuse', { id: 'app-000001', reasonCode: 'data_mismatch', explanation: `коротко${'\u202E'.repeat(30)}` }, 'explanation_too_short');
  });

  it('refuses an unknown or inactive reason, and an explanation too short or too long, writing nothing', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    const refuse = (reasonCode: string, explanation: string) => ({ id: 'app-000001', reasonCode, explanation });
    await expectRefusedAndNothingWritten('application.refuse', refuse('no_such_reason', EXPLANATION), 'unknown_refusal_reason');
    t.core.db.prepare("UPDATE refusal_reasons SET active = 0 WHERE code = 'duplicate'").run();
    await expectRefusedAndNothingWritten('application.refuse', refuse('duplicate', EXPLANATION), 'unknown_refusal_reason');
    await expectRefusedAndNothingWritten('application.refuse', refuse('data_mismatch', ''), 'explanation_too_short');
    await expectRefusedAndNothingWritten('application.refuse', refuse('data_mismatch', `${' '.repeat(30)}коротко${' '.repeat(30)}`), 'explanation_too_short');
    await expectRefusedAndNothingWritten('application.refuse', refuse('data_mismatch', 'я'.repeat(2001)), 'explanation_too_long');
    await expectRefusedAndNothingWritten('application.refuse', refuse('data_mismatch', 'я'.repeat(9000)), 'invalid_input');
  });

  it('the catalogue lists active reasons with both titles and the flag each answers', async () => {
    t = await openTestCore();
    t.core.db.prepare("UPDATE refusal_reasons SET active = 0 WHERE code = 'duplicate'").run();
    const { reasons } = await t.ok<{ reasons: { code: string; suggestedForCheck: string | null }[] }>('reference.refusalReasons', {});
    expect(reasons).toHaveLength(8);
    expect(reasons[0]).toEqual({
      code: 'not_in_register', titleUk: 'Посвідчення водія відсутнє в Єдиному державному реєстрі МВС',
      titleEn: 'The licence is not in the unified register of the Ministry', suggestedForCheck: 'licenceInRegister', active: true,
    });
    const all = await t.ok<{ reasons: unknown[] }>('reference.refusalReasons', { includeInactive: true });
    expect(all.reasons).toHaveLength(9);
  });
});

describe('claims between operators', () => {
  it("a supervisor releases another administrator's claim; the release is recorded with whose claim it was", async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    await t.signIn(ADMIN2);
    await expectRefusedAndNothingWritten('application.claim', { id: 'app-000001' }, 'claimed_by_other');
    await expectRefusedAndNothingWritten('application.release', { id: 'app-000001' }, 'claimed_by_other');
    const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: 'app-000001' });
    expect(wf.claim).toMatchObject({ operatorId: 'op-a', operatorName: 'Name of op-a', mine: false });
    expect(wf.actions.release).toMatchObject({ allowed: false, code: 'claimed_by_other' });

    await t.signIn(SUPERVISOR);
    const released = await t.ok<DecisionResult>('application.release', { id: 'app-000001' });
    expect(released.application.record.status).toBe('received');
    expect(JSON.parse(outboxRows()[1]!.args as string)).toEqual({ releasedClaimOf: 'op-a' });
    const after = await t.ok<ApplicationWorkflow>('application.workflow', { id: 'app-000001' });
    expect(after.claim).toBeNull();
    expect(after.steps.at(-1)).toMatchObject({ action: 'release', status: 'received', operatorId: 'op-s', releasedClaimOf: 'op-a' });

    await t.signIn(ADMIN2);
    await t.ok('application.claim', { id: 'app-000001' });
  });

  it('an application pulled already in review is held by the operator its history names', async () => {
    const base = makeRecord(1);
    t = await openTestCore({
      records: [{ ...base, status: 'in_review', history: [...base.history, { status: 'in_review', at: '2026-11-17T09:00:00.000Z', operatorId: 'op-a', note: null }] }],
    });
    await t.signIn(ADMIN);
    const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: 'app-000001' });
    expect(wf.claim).toEqual({ operatorId: 'op-a', operatorName: 'Name of op-a', since: '2026-11-17T09:00:00.000Z', mine: true });
    await t.ok('application.approve', { id: 'app-000001', manualChecks: TICKED });
  });
});

describe('audited reads', () => {
  it('opening an application is audited by id; a search by the digest of its text, once per query per few seconds', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    await t.ok('application.get', { id: 'app-000001' });
    await t.ok('queue.page', { filter: { search: 'Шевченко' } });
    await t.ok('queue.page', { filter: { search: '  шевченко ' } }); // the same query, normalised
    await t.ok('queue.page', { filter: { search: '' } }); // no search: nothing to audit
    t.clock.now += 5_000;
    await t.ok('queue.page', { filter: { search: 'Шевченко' } });
    const rows = t.core.db.prepare('SELECT action, entity_id, operator_id, digest FROM audit_log WHERE seq > 1 ORDER BY seq').all() as Record<string, string>[];
    expect(rows.map((r) => [r.action, r.entity_id, r.operator_id])).toEqual([
      ['application.open', 'app-000001', 'op-a'],
      ['queue.search', null, 'op-a'],
      ['queue.search', null, 'op-a'],
    ]);
    expect(rows[1]!.digest).toBe(rows[2]!.digest);
    const dump = JSON.stringify(t.core.db.prepare('SELECT * FROM audit_log').all());
    for (const personal of ['Шевченко', 'шевченко', 'Тарас', '3119804512', '+380671234567']) expect(dump).not.toContain(personal);
  });

  it('an unknown application is not audited as opened', async () => {
    t = await openTestCore();
    await t.signIn(ADMIN);
    const before = t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(await t.call('application.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
  });

  it('personal data is read only by a signed-in, unlocked operator', async () => {
    t = await openTestCore();
    for (const [method, input] of [
      ['queue.page', {}], ['queue.counts', { filter: {} }], ['application.get', { id: 'app-000001' }],
      ['application.images', { id: 'app-000001' }], ['application.workflow', { id: 'app-000001' }], ['forceMajeure.list', {}],
    ] as const) {
      expect(await t.call(method, input)).toMatchObject({ ok: false, error: { code: 'session_required' } });
    }
    await t.signIn(ADMIN);
    await t.ok('queue.page', {});
    await t.ok('auth.lock', {});
    expect(await t.call('application.get', { id: 'app-000001' })).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    await t.ok('auth.signOut', {});
    expect(await t.call('queue.page', {})).toMatchObject({ ok: false, error: { code: 'session_required' } });
  });
});
