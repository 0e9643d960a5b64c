import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationWorkflow } from '../../../shared/api/decisions';
import type { AutoChecks } from '../../../shared/domain/application';
import { MANUAL_CHECKS, type ManualChecks } from '../../../shared/domain/decisions';
import { ADMIN, ADMIN2, openTestCore, writeSnapshot, type TestCore } from '../../../tests/support/deciding';
import { makeRecord } from '../../../tests/support/records';

let t: TestCore;
afterEach(async () => t?.dispose());

const EXPLANATION = 'Дані посвідчення не збігаються з даними Єдиного державного реєстру.';
const PASSING: AutoChecks = { paymentConfirmed: true, identityMatches: true, noDrivingBan: true, licenceInRegister: true };
const AUTO_STATES: Record<string, AutoChecks> = {
  passed: PASSING,
  'ban found': { ...PASSING, noDrivingBan: false },
  'two failed': { ...PASSING, identityMatches: false, paymentConfirmed: false },
};
const CLAIM_STATES = ['not claimed', 'claimed by me', 'claimed by another'] as const;

/** Every subset of the manual checks, the full one last (it is the one that can succeed and decide). */
const SUBSETS: ManualChecks[] = Array.from({ length: 2 ** MANUAL_CHECKS.length }, (_, bits) =>
  Object.fromEntries(MANUAL_CHECKS.map((c, i) => [c, (bits & (1 << i)) !== 0])) as ManualChecks,
);

async function claimAs(op: typeof ADMIN, id: string) {
  await t.ok('auth.signOut', {});
  await t.signIn(op);
  await t.ok('application.claim', { id });
  await t.ok('auth.signOut', {});
  await t.signIn(ADMIN);
}

/** Compares the workflow's answer with what the call itself does: allowed means it succeeds, refused means the same code and nothing written. */
async function expectAgreement(answer: ApplicationWorkflow['actions']['approve'], method: 'application.approve' | 'application.refuse', input: unknown, label: string) {
  const before = writeSnapshot(t.core.db);
  const r = await t.call(method, input);
  if (answer.allowed) {
    expect(r.ok, `${label}: the workflow said allowed`).toBe(true);
  } else {
    expect(r.ok, `${label}: the workflow said ${answer.code}`).toBe(false);
    if (!r.ok) expect(r.error.code, label).toBe(answer.code);
    expect(writeSnapshot(t.core.db), label).toEqual(before);
  }
}

describe('application.workflow agrees with the decision calls', () => {
  it('for every claim state, every subset of ticked manual checks and failed automatic flags, approve and refuse do what the workflow said', async () => {
    const cases = CLAIM_STATES.flatMap((claim) => Object.entries(AUTO_STATES).map(([auto, checks]) => ({ claim, auto, checks })));
    // Two applications per case: one for the approval series, one for the refusal.
    t = await openTestCore({ records: cases.flatMap((c, i) => [makeRecord(2 * i + 1, { autoChecks: c.checks }), makeRecord(2 * i + 2, { autoChecks: c.checks })]) });
    await t.signIn(ADMIN);
    const id = (n: number) => `app-${String(n).padStart(6, '0')}`;
    for (const [i, c] of cases.entries()) {
      const ids = [id(2 * i + 1), id(2 * i + 2)];
      for (const a of ids) {
        if (c.claim === 'claimed by me') await t.ok('application.claim', { id: a });
        if (c.claim === 'claimed by another') await claimAs(ADMIN2, a);
      }
      const [approveId, refuseId] = ids as [string, string];

      // Asked without ticks, the workflow speaks of nothing ticked, as an approval with nothing ticked.
      const bare = await t.ok<ApplicationWorkflow>('application.workflow', { id: approveId });
      expect(bare.actions.approve.allowed).toBe(false);
      await expectAgreement(bare.actions.approve, 'application.approve', { id: approveId, manualChecks: SUBSETS[0] }, `${c.claim}, ${c.auto}, asked without ticks`);

      let approved = 0;
      for (const manualChecks of SUBSETS) {
        const label = `${c.claim}, ${c.auto}, ticked ${MANUAL_CHECKS.filter((m) => manualChecks[m]).join('+') || 'none'}`;
        const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: approveId, manualChecks });
        const allTicked = MANUAL_CHECKS.every((m) => manualChecks[m]);
        // The expected answer, stated independently: only the claim holder, with passing flags and every box ticked.
        expect(wf.actions.approve.allowed, label).toBe(c.claim === 'claimed by me' && c.auto === 'passed' && allTicked);
        await expectAgreement(wf.actions.approve, 'application.approve', { id: approveId, manualChecks }, label);
        if (wf.actions.approve.allowed) approved += 1;
      }
      expect(approved).toBe(c.claim === 'claimed by me' && c.auto === 'passed' ? 1 : 0);

      const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: refuseId });
      expect(wf.actions.refuse.allowed, `${c.claim}, ${c.auto}: refuse`).toBe(c.claim === 'claimed by me');
      await expectAgreement(wf.actions.refuse, 'application.refuse', { id: refuseId, reasonCode: 'data_mismatch', explanation: EXPLANATION }, `${c.claim}, ${c.auto}: refuse`);
    }
  });

  it('the fast path: claimAndApprove and claimAndRefuse agree with approve and refuse taking the application into work, for every claim state and failed flags', async () => {
    const cases = CLAIM_STATES.flatMap((claim) => Object.entries(AUTO_STATES).map(([auto, checks]) => ({ claim, auto, checks })));
    t = await openTestCore({ records: cases.flatMap((c, i) => [makeRecord(2 * i + 1, { autoChecks: c.checks }), makeRecord(2 * i + 2, { autoChecks: c.checks })]) });
    await t.signIn(ADMIN);
    const id = (n: number) => `app-${String(n).padStart(6, '0')}`;
    const all = SUBSETS[SUBSETS.length - 1]!;
    for (const [i, c] of cases.entries()) {
      const [approveId, refuseId] = [id(2 * i + 1), id(2 * i + 2)];
      for (const a of [approveId, refuseId]) {
        if (c.claim === 'claimed by me') await t.ok('application.claim', { id: a });
        if (c.claim === 'claimed by another') await claimAs(ADMIN2, a);
      }
      for (const manualChecks of [SUBSETS[0]!, all]) {
        const label = `${c.claim}, ${c.auto}, claim and approve with ${MANUAL_CHECKS.filter((m) => manualChecks[m]).length} checks`;
        const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: approveId, manualChecks });
        expect(wf.actions.claimAndApprove.allowed, label).toBe(c.claim === 'not claimed' && c.auto === 'passed' && manualChecks === all);
        await expectAgreement(wf.actions.claimAndApprove, 'application.approve', { id: approveId, manualChecks, takeIntoWork: true }, label);
      }
      const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: refuseId });
      expect(wf.actions.claimAndRefuse.allowed, `${c.claim}, ${c.auto}: claim and refuse`).toBe(c.claim === 'not claimed');
      await expectAgreement(wf.actions.claimAndRefuse, 'application.refuse', { id: refuseId, reasonCode: 'data_mismatch', explanation: EXPLANATION, takeIntoWork: true }, `${c.claim}, ${c.auto}: claim and refuse`);
    }
  });

  it('a decided application: the workflow says neither is allowed and both calls are refused with its code', async () => {
    t = await openTestCore({ records: [makeRecord(1, { autoChecks: PASSING })] });
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    const all = SUBSETS[SUBSETS.length - 1]!;
    await t.ok('application.approve', { id: 'app-000001', manualChecks: all });
    const wf = await t.ok<ApplicationWorkflow>('application.workflow', { id: 'app-000001', manualChecks: all });
    expect(wf.actions.approve).toMatchObject({ allowed: false, code: 'already_decided' });
    await expectAgreement(wf.actions.approve, 'application.approve', { id: 'app-000001', manualChecks: all }, 'decided: approve');
    await expectAgreement(wf.actions.refuse, 'application.refuse', { id: 'app-000001', reasonCode: 'data_mismatch', explanation: EXPLANATION }, 'decided: refuse');
  });
});
