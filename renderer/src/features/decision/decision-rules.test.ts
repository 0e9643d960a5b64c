import { describe, expect, it } from 'vitest';
import { approvalBlockers, decisionRoute, explanationState, isRefusalReady } from './decision-rules';

const allPass = [
  { check: 'paymentConfirmed', passed: true, suggestedReasonCode: 'payment_not_confirmed' },
  { check: 'identityMatches', passed: true, suggestedReasonCode: 'data_mismatch' },
  { check: 'noDrivingBan', passed: true, suggestedReasonCode: 'driving_ban' },
  { check: 'licenceInRegister', passed: true, suggestedReasonCode: 'not_in_register' },
] as const;
const ticked = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };

describe('what stands before an approval', () => {
  it('nothing when every flag passes and every manual check is ticked', () => {
    expect(approvalBlockers([...allPass], ticked)).toEqual({ failedAuto: [], missingManual: [] });
  });

  it('names the failed flags and the unticked checks', () => {
    const checks = allPass.map((c) => (c.check === 'noDrivingBan' ? { ...c, passed: false } : c));
    expect(approvalBlockers(checks, { ...ticked, dataConsistent: false })).toEqual({ failedAuto: ['noDrivingBan'], missingManual: ['dataConsistent'] });
  });
});

describe('the route to a decision', () => {
  const yes = { allowed: true, code: null, message: null };
  const no = (code: 'claim_required' | 'already_claimed' | 'automatic_check_failed' | 'claimed_by_other') => ({ allowed: false, code, message: code });

  it('decides directly on an application the operator holds', () => {
    expect(decisionRoute(yes, no('already_claimed'), false)).toEqual({ mode: 'direct' });
  });

  it('takes an application nobody holds into work in the same action', () => {
    expect(decisionRoute(no('claim_required'), yes, true)).toEqual({ mode: 'withClaim' });
  });

  it('says why not: the fast path\'s answer while the claim is open, else the decision\'s own', () => {
    expect(decisionRoute(no('claim_required'), no('automatic_check_failed'), true)).toEqual({ mode: null, why: no('automatic_check_failed') });
    expect(decisionRoute(no('claimed_by_other'), no('claimed_by_other'), false)).toEqual({ mode: null, why: no('claimed_by_other') });
    expect(decisionRoute(no('automatic_check_failed'), no('already_claimed'), false)).toEqual({ mode: null, why: no('automatic_check_failed') });
  });
});

describe('refusal explanation', () => {
  it('counts characters as the citizen reads them (trimmed)', () => {
    expect(explanationState('   ' + 'a'.repeat(19) + '   ')).toEqual({ kind: 'too_short', length: 19, missing: 1 });
    expect(explanationState('a'.repeat(20))).toEqual({ kind: 'ok', length: 20 });
    expect(explanationState(' ' + 'a'.repeat(2000) + '\n')).toEqual({ kind: 'ok', length: 2000 });
    expect(explanationState('a'.repeat(2001))).toEqual({ kind: 'too_long', length: 2001, excess: 1 });
  });

  it('needs a reason from the catalogue as well', () => {
    const text = 'Посвідчення відсутнє в реєстрі МВС.';
    expect(isRefusalReady('', text, ['driving_ban'])).toBe(false);
    expect(isRefusalReady('made_up', text, ['driving_ban'])).toBe(false);
    expect(isRefusalReady('driving_ban', text, ['driving_ban'])).toBe(true);
    expect(isRefusalReady('driving_ban', 'коротко', ['driving_ban'])).toBe(false);
  });
});
