import { describe, expect, it } from 'vitest';
import { approvalBlockers, explanationState, isReadyToApprove, isRefusalReady } from './decision-rules';

const allPass = [
  { check: 'paymentConfirmed', passed: true, suggestedReasonCode: 'payment_not_confirmed' },
  { check: 'identityMatches', passed: true, suggestedReasonCode: 'data_mismatch' },
  { check: 'noDrivingBan', passed: true, suggestedReasonCode: 'driving_ban' },
  { check: 'licenceInRegister', passed: true, suggestedReasonCode: 'not_in_register' },
] as const;
const ticked = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };

describe('approval readiness', () => {
  it('is ready only when every flag passes and every manual check is ticked', () => {
    expect(isReadyToApprove(approvalBlockers([...allPass], ticked))).toBe(true);
  });

  it('names the failed flags and the unticked checks', () => {
    const checks = allPass.map((c) => (c.check === 'noDrivingBan' ? { ...c, passed: false } : c));
    const b = approvalBlockers(checks, { ...ticked, dataConsistent: false });
    expect(b).toEqual({ failedAuto: ['noDrivingBan'], missingManual: ['dataConsistent'] });
    expect(isReadyToApprove(b)).toBe(false);
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
