import { describe, expect, it } from 'vitest';
import {
  actionClass,
  AUTO_CHECK_REFUSAL,
  checkDecision,
  failedAutoChecks,
  type DecisionAction,
  type DecisionState,
} from './decisions';
import { can, type OperatorRef } from './operators';

const ALL_PASS = { paymentConfirmed: true, identityMatches: true, noDrivingBan: true, licenceInRegister: true };
const TICKED = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };
const admin: OperatorRef = { id: 'op-a', role: 'administrator' };
const supervisor: OperatorRef = { id: 'op-s', role: 'supervisor' };
const ctx = (operator: OperatorRef = admin) => ({ operator, isKnownReason: (c: string) => c === 'duplicate' || c === 'driving_ban' });
const inReview = (holder: string | null, autoChecks = ALL_PASS): DecisionState => ({ status: 'in_review', claimHolder: holder, autoChecks });
const refuse = (explanation: string, reasonCode = 'duplicate'): DecisionAction => ({ kind: 'refuse', reasonCode, explanation });

describe('checkDecision (the rules the core and the central server share)', () => {
  it('approval passes only with every automatic flag true and every manual check ticked', () => {
    expect(checkDecision({ kind: 'approve', manualChecks: TICKED }, inReview('op-a'), ctx())).toMatchObject({ ok: true, next: 'approved', claimHolder: null });
    for (const key of Object.keys(TICKED) as (keyof typeof TICKED)[]) {
      const r = checkDecision({ kind: 'approve', manualChecks: { ...TICKED, [key]: false } }, inReview('op-a'), ctx());
      expect(r).toMatchObject({ ok: false, code: 'manual_check_missing' });
      expect(!r.ok && r.message).toContain(key);
    }
  });

  it('a failed automatic flag blocks approval and names the refusal reason it suggests', () => {
    for (const [flag, reason] of Object.entries(AUTO_CHECK_REFUSAL)) {
      const r = checkDecision({ kind: 'approve', manualChecks: TICKED }, inReview('op-a', { ...ALL_PASS, [flag]: false }), ctx());
      expect(r).toMatchObject({ ok: false, code: 'automatic_check_failed' });
      expect(!r.ok && r.message).toContain(reason);
    }
    expect(failedAutoChecks({ ...ALL_PASS, noDrivingBan: false, paymentConfirmed: false })).toEqual([
      { check: 'paymentConfirmed', reasonCode: 'payment_not_confirmed' },
      { check: 'noDrivingBan', reasonCode: 'driving_ban' },
    ]);
  });

  it('a refusal needs a catalogue reason and a trimmed explanation of 20 to 2000 characters', () => {
    const ok = 'Посвідчення відсутнє в реєстрі.';
    expect(checkDecision(refuse(ok), inReview('op-a'), ctx())).toMatchObject({ ok: true, next: 'refused' });
    expect(checkDecision(refuse(ok, 'made_up'), inReview('op-a'), ctx())).toMatchObject({ ok: false, code: 'unknown_refusal_reason' });
    expect(checkDecision(refuse(''), inReview('op-a'), ctx())).toMatchObject({ ok: false, code: 'explanation_too_short' });
    expect(checkDecision(refuse(`   ${'я'.repeat(19)}      `), inReview('op-a'), ctx())).toMatchObject({ ok: false, code: 'explanation_too_short' });
    expect(checkDecision(refuse('я'.repeat(20)), inReview('op-a'), ctx())).toMatchObject({ ok: true });
    expect(checkDecision(refuse('я'.repeat(2000)), inReview('op-a'), ctx())).toMatchObject({ ok: true });
    expect(checkDecision(refuse('я'.repeat(2001)), inReview('op-a'), ctx())).toMatchObject({ ok: false, code: 'explanation_too_long' });
  });

  it('a failed automatic flag does not block a refusal', () => {
    const state = inReview('op-a', { ...ALL_PASS, noDrivingBan: false });
    expect(checkDecision(refuse('Позбавлений права керування.', 'driving_ban'), state, ctx())).toMatchObject({ ok: true, next: 'refused' });
  });

  it('only the claim holder decides; another operator, even a supervisor, is told who holds it', () => {
    for (const operator of [admin, supervisor]) {
      const r = checkDecision({ kind: 'approve', manualChecks: TICKED }, inReview('op-x'), ctx(operator));
      expect(r).toMatchObject({ ok: false, code: 'claimed_by_other' });
      expect(!r.ok && r.message).toContain('op-x');
    }
    const unknown = checkDecision({ kind: 'claim' }, inReview(null), ctx());
    expect(!unknown.ok && unknown.message).toContain('another workstation');
  });

  it("only a supervisor releases someone else's claim, and the release names whose claim it was", () => {
    expect(checkDecision({ kind: 'release' }, inReview('op-x'), ctx(admin))).toMatchObject({ ok: false, code: 'claimed_by_other' });
    expect(checkDecision({ kind: 'release' }, inReview('op-x'), ctx(supervisor))).toMatchObject({ ok: true, next: 'received', releasedClaimOf: 'op-x' });
    expect(checkDecision({ kind: 'release' }, inReview('op-a'), ctx(admin))).toMatchObject({ ok: true, next: 'received', releasedClaimOf: null });
  });

  it('roles: an administrator decides; only a supervisor records force majeure or releases others', () => {
    expect(can('administrator', 'application.decide')).toBe(true);
    expect(can('administrator', 'forceMajeure.record')).toBe(false);
    expect(can('administrator', 'claim.releaseOthers')).toBe(false);
    expect(can('supervisor', 'forceMajeure.record')).toBe(true);
    expect(can('supervisor', 'application.decide')).toBe(true);
  });

  it('sorts actions into the two classes of DESIGN.md: decisions and facts', () => {
    expect(['claim', 'release', 'approve', 'refuse'].map((k) => actionClass(k as 'claim'))).toEqual(['decision', 'decision', 'decision', 'decision']);
    expect(['card_arrived', 'printed', 'handed_over', 'shipped'].map((k) => actionClass(k as 'printed'))).toEqual(['fact', 'fact', 'fact', 'fact']);
  });
});
