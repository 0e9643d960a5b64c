import { kyivDayNumber, type DayNumber } from '../domain/kyiv-time';
import { workingDaysLeft, type WorkingCalendar } from '../domain/deadline';
import type { DeliveryMethod, Service } from '../domain/application';
import type { Status } from '../domain/status';

/**
 * One application's report facts: what every figure of the report is counted from. Both sides keep one such row
 * per application (the console in `report_facts`, the central server in its own table of the same columns) and
 * derive it with `deriveReportFacts` from the application's timeline, so the two count the same things.
 *
 * It holds ids, codes, days and durations, never personal data: purging an applicant's data leaves it intact.
 * Days are Kyiv day numbers (days since 1970-01-01); instants are UTC milliseconds; durations are milliseconds.
 */
export interface ReportFacts {
  applicationId: string;
  centerId: string;
  service: Service;
  delivery: DeliveryMethod;
  submittedAt: number;
  submittedDay: DayNumber;
  /** The first time the center received it (absent when it went straight into work). */
  receivedAt: number | null;
  /** The first time an administrator took it into work. */
  claimedAt: number | null;
  /**
   * How the decision stage ended: the first step out of the pending statuses. `cancelled` only when the
   * application was withdrawn before any decision; a cancellation after approval keeps `approved` here.
   */
  decision: 'approved' | 'refused' | 'cancelled' | null;
  decidedAt: number | null;
  decidedDay: DayNumber | null;
  /** The administrator who approved or refused (null for a cancellation). */
  decidedBy: string | null;
  /** The claim the decision was made under: the last time it was taken into work before the decision. */
  decisionClaimedAt: number | null;
  reasonCode: string | null;
  /** The day of a cancellation at any stage (the `cancelled` figure counts these). */
  cancelledDay: DayNumber | null;
  /** The decision deadline (the queue's `computeDeadline`) and the force-majeure working days that extended it. */
  dueAt: number;
  dueDay: DayNumber;
  extendedDays: number;
  /** For approvals and refusals: 0 when decided by the deadline, else the working days late (at least 1). */
  lateDays: number | null;
  /** The card arrived at the center (first scan: ready for pickup or awaiting shipment). */
  arrivedAt: number | null;
  handedDay: DayNumber | null;
  shippedDay: DayNumber | null;
  /** The card left the center after arriving: handed over in person or handed to Ukrposhta, whichever came first. */
  outAt: number | null;
  /** Waiting for the citizen at the center: from this day (ready for pickup or returned) until `pickupUntilDay`. */
  pickupFromDay: DayNumber | null;
  pickupUntilDay: DayNumber | null;
}

/** One status step of an application's timeline: the time it happened where it happened (the workstation's clock). */
export interface TimelineStep {
  status: Status;
  at: number;
  operatorId: string | null;
  /** On a refusal: the catalogue code. */
  reasonCode?: string | null;
}

export interface ReportFactsInput {
  applicationId: string;
  centerId: string;
  service: Service;
  delivery: DeliveryMethod;
  submittedAt: number;
  /** Every status step in the order it happened (the history, then steps not yet on the central server). */
  steps: readonly TimelineStep[];
  /** The refusal's code as the record carries it, when the refusal step itself does not. */
  refusalCode: string | null;
  dueAt: number;
  extendedDays: number;
}

const PENDING = new Set<Status>(['submitted', 'received', 'in_review']);
const AT_CENTER_FOR_PICKUP = new Set<Status>(['ready_for_pickup', 'returned']);

/**
 * The facts of a timeline read so far, with what the next step needs: the time of the last step (steps are made
 * monotone) and the last claim before a decision. A decision or a fact adds one step at the end of the timeline,
 * so the console folds that one step into the stored state instead of reading the whole history again.
 */
export interface ReportFactsFold {
  facts: ReportFacts;
  /** The (monotone) time of the last step, or the submission. */
  lastStepAt: number;
  /** The last time it was taken into work while no decision had been made. */
  lastClaimAt: number | null;
}

/** The facts of an application with no step after its submission. */
export function startReportFacts(input: Omit<ReportFactsInput, 'steps' | 'refusalCode'>): ReportFactsFold {
  return {
    facts: {
      applicationId: input.applicationId, centerId: input.centerId, service: input.service, delivery: input.delivery,
      submittedAt: input.submittedAt, submittedDay: kyivDayNumber(input.submittedAt),
      receivedAt: null, claimedAt: null, decision: null, decidedAt: null, decidedDay: null, decidedBy: null,
      decisionClaimedAt: null, reasonCode: null, cancelledDay: null,
      dueAt: input.dueAt, dueDay: kyivDayNumber(input.dueAt), extendedDays: input.extendedDays, lateDays: null,
      arrivedAt: null, handedDay: null, shippedDay: null, outAt: null, pickupFromDay: null, pickupUntilDay: null,
    },
    lastStepAt: input.submittedAt,
    lastClaimAt: null,
  };
}

/**
 * Adds one step at the end of the timeline (in place). A workstation clock that ran behind never places a step
 * before the step that precedes it (nor before submission). `refusalCode` is the record's, for a refusal step
 * that does not carry its own.
 */
export function foldReportStep(fold: ReportFactsFold, step: TimelineStep, refusalCode: string | null, calendar: WorkingCalendar): void {
  const facts = fold.facts;
  const at = Math.max(step.at, fold.lastStepAt);
  fold.lastStepAt = at;
  const s = step.status;
  if (s === 'submitted') return;
  if (s === 'received' && facts.receivedAt === null && facts.decision === null) facts.receivedAt = at;
  if (s === 'in_review' && facts.decision === null) {
    facts.claimedAt ??= at;
    fold.lastClaimAt = at;
  }
  if (facts.decision === null && !PENDING.has(s)) {
    facts.decision = s === 'refused' ? 'refused' : s === 'cancelled' ? 'cancelled' : 'approved';
    facts.decidedAt = at;
    facts.decidedDay = kyivDayNumber(at);
    if (facts.decision !== 'cancelled') {
      facts.decidedBy = step.operatorId;
      facts.decisionClaimedAt = fold.lastClaimAt;
      facts.lateDays = at <= facts.dueAt ? 0 : Math.max(1, -workingDaysLeft(facts.dueAt, at, calendar));
    }
    if (facts.decision === 'refused') facts.reasonCode = step.reasonCode ?? refusalCode;
  }
  if (s === 'cancelled') facts.cancelledDay ??= kyivDayNumber(at);
  if ((s === 'ready_for_pickup' || s === 'awaiting_shipment') && facts.arrivedAt === null) facts.arrivedAt = at;
  if (s === 'issued') facts.handedDay ??= kyivDayNumber(at);
  if (s === 'shipped') facts.shippedDay ??= kyivDayNumber(at);
  if ((s === 'issued' || s === 'shipped') && facts.arrivedAt !== null) facts.outAt ??= at;
  if (AT_CENTER_FOR_PICKUP.has(s)) {
    if (facts.pickupFromDay === null || facts.pickupUntilDay !== null) {
      facts.pickupFromDay = kyivDayNumber(at);
      facts.pickupUntilDay = null;
    }
  } else if (facts.pickupFromDay !== null && facts.pickupUntilDay === null) {
    facts.pickupUntilDay = kyivDayNumber(at);
  }
}

/** The report facts of one application, with the state a later step is folded into. */
export function foldReportFacts(input: ReportFactsInput, calendar: WorkingCalendar): ReportFactsFold {
  const fold = startReportFacts(input);
  for (const step of input.steps) foldReportStep(fold, step, input.refusalCode, calendar);
  return fold;
}

/** Derives the report facts of one application from its whole timeline. */
export function deriveReportFacts(input: ReportFactsInput, calendar: WorkingCalendar): ReportFacts {
  return foldReportFacts(input, calendar).facts;
}

/** The five measured stretches of "time in status", each ending on the day its second step happened. */
export const STATUS_STEPS = ['submittedToReceived', 'receivedToInWork', 'inWorkToDecision', 'decisionToArrival', 'arrivalToOut'] as const;
export type StatusStep = (typeof STATUS_STEPS)[number];

/**
 * A stretch's length, or null when it was not measured: a missing step, or a zero or negative length (steps
 * recorded in the same instant say nothing about time spent, so they are missing data, never 00:00).
 * `receivedToInWork` starts at submission when the received step was skipped.
 */
export function stepDuration(f: ReportFacts, step: StatusStep): { ms: number; endDay: DayNumber } | null {
  switch (step) {
    case 'submittedToReceived':
      return span(f.submittedAt, f.receivedAt);
    case 'receivedToInWork':
      return span(f.receivedAt ?? f.submittedAt, f.claimedAt);
    case 'inWorkToDecision':
      return f.decision === 'cancelled' ? null : span(f.decisionClaimedAt, f.decidedAt);
    case 'decisionToArrival':
      return f.decision === 'approved' ? span(f.decidedAt, f.arrivedAt) : null;
    case 'arrivalToOut':
      return span(f.arrivedAt, f.outAt);
  }
}

function span(from: number | null, to: number | null): { ms: number; endDay: DayNumber } | null {
  return from !== null && to !== null && to > from ? { ms: to - from, endDay: kyivDayNumber(to) } : null;
}
