import type { AutoChecks } from './application';
import { can, type OperatorRef } from './operators';
import type { Status } from './status';

/**
 * The decision rules of the status machine, as one pure function so the central server can apply exactly the
 * rules the workstation applied (DESIGN.md section 2, "Rules").
 *
 * Two classes of action: decisions are rejected when not allowed; facts record what physically happened and are
 * always recorded, flagged for review when odd. Only decisions are checked here; facts are `checkFact` in ./facts.ts.
 */
export const DECISION_ACTIONS = ['claim', 'release', 'approve', 'refuse'] as const;
export type DecisionKind = (typeof DECISION_ACTIONS)[number];
/** Facts of issue 5; their rules are `checkFact` in ./facts.ts. */
export const FACT_ACTIONS = ['card_arrived', 'handed_over', 'shipped', 'printed'] as const;
export type FactKind = (typeof FACT_ACTIONS)[number];
export type ActionClass = 'decision' | 'fact';

export function actionClass(kind: DecisionKind | FactKind): ActionClass {
  return (DECISION_ACTIONS as readonly string[]).includes(kind) ? 'decision' : 'fact';
}

/** Checks an administrator ticks by hand before approving; every one must be ticked. */
export const MANUAL_CHECKS = ['photoSignatureSuitable', 'dataConsistent', 'deliveryDetailsComplete'] as const;
export type ManualCheck = (typeof MANUAL_CHECKS)[number];
export type ManualChecks = Record<ManualCheck, boolean>;

export const AUTO_CHECKS = ['paymentConfirmed', 'identityMatches', 'noDrivingBan', 'licenceInRegister'] as const satisfies readonly (keyof AutoChecks)[];

/** The refusal reason a failed automatic check suggests (the catalogue seeds the same pairs). */
export const AUTO_CHECK_REFUSAL: Record<keyof AutoChecks, string> = {
  licenceInRegister: 'not_in_register',
  noDrivingBan: 'driving_ban',
  identityMatches: 'data_mismatch',
  paymentConfirmed: 'payment_not_confirmed',
};

/**
 * Invisible direction controls (embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069). Typed into an
 * explanation they would reverse or reorder the text on the citizen's printed notice, so they are removed on save.
 */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;

export function hasDirectionControls(text: string): boolean {
  return /[\u202A-\u202E\u2066-\u2069]/u.test(text);
}

/** The explanation as it is stored and sent: direction controls removed, spaces around trimmed. */
export function cleanExplanation(text: string): string {
  return text.replace(DIRECTION_CONTROLS, '').trim();
}

export const EXPLANATION_MIN_LENGTH = 20;
export const EXPLANATION_MAX_LENGTH = 2000;

export type DecisionAction =
  | { kind: 'claim' }
  | { kind: 'release' }
  | { kind: 'approve'; manualChecks: ManualChecks }
  | { kind: 'refuse'; reasonCode: string; explanation: string };

export interface DecisionState {
  status: Status;
  /** The operator holding the claim; null when nobody holds one (or, in review, when the holder is not known here). */
  claimHolder: string | null;
  autoChecks: AutoChecks;
}

export interface DecisionContext {
  operator: OperatorRef;
  isKnownReason(code: string): boolean;
}

/** Stable codes for a refused decision; the renderer translates by code. */
export const DECISION_ERROR_CODES = [
  'claim_required',
  'claimed_by_other',
  'already_claimed',
  'not_claimed',
  'already_decided',
  'application_cancelled',
  'automatic_check_failed',
  'manual_check_missing',
  'unknown_refusal_reason',
  'explanation_too_short',
  'explanation_too_long',
] as const;
export type DecisionErrorCode = (typeof DECISION_ERROR_CODES)[number];

export type DecisionOutcome =
  | { ok: true; next: Status; claimHolder: string | null; releasedClaimOf: string | null }
  | { ok: false; code: DecisionErrorCode; message: string };

const DECIDED: readonly Status[] = ['approved', 'produced', 'ready_for_pickup', 'awaiting_shipment', 'shipped', 'returned', 'issued', 'delivered', 'refused'];

const fail = (code: DecisionErrorCode, message: string): DecisionOutcome => ({ ok: false, code, message });

function holderName(holder: string | null): string {
  return holder ? `operator ${holder}` : 'an operator at another workstation';
}

/** The failed automatic checks of an application with the refusal reason each suggests, in catalogue order. */
export function failedAutoChecks(checks: AutoChecks): { check: keyof AutoChecks; reasonCode: string }[] {
  return AUTO_CHECKS.filter((c) => !checks[c]).map((check) => ({ check, reasonCode: AUTO_CHECK_REFUSAL[check] }));
}

/**
 * Decides whether a decision is allowed on an application in a given state, and what status it leads to.
 * Checks run from the most general (the application's status and claim) to the action's own inputs, so the
 * answer names the first thing the operator has to change.
 */
export function checkDecision(action: DecisionAction, state: DecisionState, ctx: DecisionContext): DecisionOutcome {
  const me = ctx.operator.id;
  const { status, claimHolder } = state;
  if (status === 'cancelled') return fail('application_cancelled', 'This application was cancelled; no decision can be taken on it.');
  if (DECIDED.includes(status)) {
    return fail('already_decided', `This application was already decided (status: ${status}); it cannot be taken into work or decided again.`);
  }
  const heldByMe = status === 'in_review' && claimHolder === me;

  switch (action.kind) {
    case 'claim':
      if (status === 'in_review') {
        return heldByMe
          ? fail('already_claimed', 'You already have this application in work.')
          : fail('claimed_by_other', `This application is in work by ${holderName(claimHolder)}. A supervisor can release the claim.`);
      }
      return { ok: true, next: 'in_review', claimHolder: me, releasedClaimOf: null };

    case 'release':
      if (status !== 'in_review') return fail('not_claimed', 'Nobody has this application in work, so there is no claim to release.');
      if (!heldByMe && !can(ctx.operator.role, 'claim.releaseOthers')) {
        return fail('claimed_by_other', `This application is in work by ${holderName(claimHolder)}; only a supervisor can release another operator's claim.`);
      }
      return { ok: true, next: 'received', claimHolder: null, releasedClaimOf: heldByMe ? null : claimHolder };

    case 'approve':
    case 'refuse': {
      if (status !== 'in_review') return fail('claim_required', 'Take the application into work before deciding on it.');
      if (!heldByMe) return fail('claimed_by_other', `This application is in work by ${holderName(claimHolder)}; only the operator holding the claim can decide.`);
      if (action.kind === 'approve') return checkApproval(action.manualChecks, state.autoChecks);
      return checkRefusal(action.reasonCode, action.explanation, ctx);
    }
  }
}

function checkApproval(manual: ManualChecks, auto: AutoChecks): DecisionOutcome {
  const failed = failedAutoChecks(auto);
  if (failed.length) {
    const first = failed[0]!;
    return fail(
      'automatic_check_failed',
      `The automatic check "${first.check}" did not pass, so production cannot be approved; refuse with reason "${first.reasonCode}" instead.`,
    );
  }
  const unticked = MANUAL_CHECKS.filter((c) => manual[c] !== true);
  if (unticked.length) return fail('manual_check_missing', `Tick every manual check before approving; not ticked: ${unticked.join(', ')}.`);
  return { ok: true, next: 'approved', claimHolder: null, releasedClaimOf: null };
}

function checkRefusal(reasonCode: string, explanation: string, ctx: DecisionContext): DecisionOutcome {
  if (!ctx.isKnownReason(reasonCode)) return fail('unknown_refusal_reason', `"${reasonCode.slice(0, 40)}" is not a reason in the refusal catalogue; choose one from the list.`);
  const text = cleanExplanation(explanation);
  if (text.length < EXPLANATION_MIN_LENGTH) {
    return fail('explanation_too_short', `Write an explanation for the citizen of at least ${EXPLANATION_MIN_LENGTH} characters (now ${text.length}).`);
  }
  if (text.length > EXPLANATION_MAX_LENGTH) {
    return fail('explanation_too_long', `The explanation is ${text.length} characters; keep it to ${EXPLANATION_MAX_LENGTH}.`);
  }
  return { ok: true, next: 'refused', claimHolder: null, releasedClaimOf: null };
}
