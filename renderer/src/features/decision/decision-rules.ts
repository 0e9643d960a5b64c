import type { ApplicationWorkflow } from '../../../../shared/api/decisions';
import {
  AUTO_CHECKS,
  cleanExplanation,
  EXPLANATION_MAX_LENGTH,
  EXPLANATION_MIN_LENGTH,
  MANUAL_CHECKS,
  type ManualCheck,
  type ManualChecks,
} from '../../../../shared/domain/decisions';

export type AutoCheck = (typeof AUTO_CHECKS)[number];

/** What still stands between the administrator and approval: failed automatic flags and unticked manual checks. */
export interface ApprovalBlockers {
  failedAuto: AutoCheck[];
  missingManual: ManualCheck[];
}

export function approvalBlockers(autoChecks: ApplicationWorkflow['autoChecks'], manual: ManualChecks): ApprovalBlockers {
  return {
    failedAuto: autoChecks.filter((c) => !c.passed).map((c) => c.check),
    missingManual: MANUAL_CHECKS.filter((c) => manual[c] !== true),
  };
}

/** Every manual check affirmed: what the approval confirmation sends, since it lists each check and affirms them all. */
export const EVERY_CHECK_AFFIRMED: ManualChecks = Object.fromEntries(MANUAL_CHECKS.map((c) => [c, true])) as ManualChecks;

type Availability = ApplicationWorkflow['actions']['approve'];

/**
 * How a decision can be taken now: on an application the operator holds (`direct`), together with the claim on one
 * nobody holds (`withClaim`, the fast path), or not at all, with the core's answer that says why. When the claim is
 * open to the operator, the fast path's answer is the telling one (a failed flag, say); otherwise the decision's own.
 */
export type DecisionRoute = { mode: 'direct' | 'withClaim' } | { mode: null; why: Availability };

export function decisionRoute(direct: Availability, withClaim: Availability, claimOpen: boolean): DecisionRoute {
  if (direct.allowed) return { mode: 'direct' };
  if (withClaim.allowed) return { mode: 'withClaim' };
  return { mode: null, why: claimOpen ? withClaim : direct };
}

/** Where a refusal explanation stands against the rules (counted as it is saved: trimmed, without direction controls). */
export type ExplanationState =
  | { kind: 'too_short'; length: number; missing: number }
  | { kind: 'too_long'; length: number; excess: number }
  | { kind: 'ok'; length: number };

export function explanationState(explanation: string): ExplanationState {
  const length = cleanExplanation(explanation).length;
  if (length < EXPLANATION_MIN_LENGTH) return { kind: 'too_short', length, missing: EXPLANATION_MIN_LENGTH - length };
  if (length > EXPLANATION_MAX_LENGTH) return { kind: 'too_long', length, excess: length - EXPLANATION_MAX_LENGTH };
  return { kind: 'ok', length };
}

/** A refusal can be sent when a reason from the catalogue is chosen and the explanation is within the limits. */
export function isRefusalReady(reasonCode: string, explanation: string, knownCodes: readonly string[]): boolean {
  return knownCodes.includes(reasonCode) && explanationState(explanation).kind === 'ok';
}
