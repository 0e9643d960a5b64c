import { isDecisionPending, type Status } from '../../../../shared/domain/status';
import { forEachDayCount, type DayMetric } from '../../../../shared/reports/day-counts';
import { stepDuration, type ReportFacts, type ReportFactsFold } from '../../../../shared/reports/facts';

/**
 * One application's stored report facts: the facts, the state the next step is folded into (shared/reports/facts.ts),
 * where its timeline stands (`status`, the status the queue shows) and the last outbox op already in it (`seq`).
 */
export interface StoredFacts {
  fold: ReportFactsFold;
  status: Status;
  /** Every outbox op up to this seq is part of these facts (or was looked at and adds no step). */
  seq: number;
  /** The application's row in `applications`: a drill-down list joins on it. */
  appRowid: number;
}

/** The columns of `report_facts`, in the order `rowValues` gives them. */
export const COLUMNS = [
  'application_id', 'center_id', 'service', 'delivery', 'submitted_at', 'submitted_day', 'received_at', 'claimed_at',
  'decision', 'decided_at', 'decided_day', 'decided_by', 'decision_claimed_at', 'reason_code', 'cancelled_day',
  'due_at', 'due_day', 'extended_days', 'late_days', 'arrived_at', 'handed_day', 'shipped_day', 'out_at',
  'pickup_from_day', 'pickup_until_day', 'received_ms', 'received_day', 'in_work_ms', 'in_work_day', 'decision_ms',
  'arrival_ms', 'arrival_day', 'out_ms', 'out_day', 'undecided_until', 'waiting_until',
  'last_step_at', 'last_claim_at', 'last_status', 'last_seq', 'app_rowid',
] as const;

/**
 * A day after every day: an open end compares as later than any period's end, so "not decided by the end" and
 * "still waiting at the end" are plain index ranges (`undecided_until > T`, `waiting_until > T`).
 */
export const OPEN_DAY = 99_999_999;
export type Column = (typeof COLUMNS)[number];
export const COLUMN_INDEX = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;

/** The row of stored facts, with the five time-in-status stretches written out (their length and end day). */
export function rowValues(x: StoredFacts): unknown[] {
  const f = x.fold.facts;
  const received = stepDuration(f, 'submittedToReceived');
  const inWork = stepDuration(f, 'receivedToInWork');
  const decision = stepDuration(f, 'inWorkToDecision');
  const arrival = stepDuration(f, 'decisionToArrival');
  const out = stepDuration(f, 'arrivalToOut');
  return [
    f.applicationId, f.centerId, f.service, f.delivery, f.submittedAt, f.submittedDay, f.receivedAt, f.claimedAt,
    f.decision, f.decidedAt, f.decidedDay, f.decidedBy, f.decisionClaimedAt, f.reasonCode, f.cancelledDay,
    f.dueAt, f.dueDay, f.extendedDays, f.lateDays, f.arrivedAt, f.handedDay, f.shippedDay, f.outAt,
    f.pickupFromDay, f.pickupUntilDay, received?.ms ?? null, received?.endDay ?? null, inWork?.ms ?? null,
    inWork?.endDay ?? null, decision?.ms ?? null, arrival?.ms ?? null, arrival?.endDay ?? null, out?.ms ?? null,
    out?.endDay ?? null, f.decidedDay ?? OPEN_DAY, f.pickupFromDay === null ? null : (f.pickupUntilDay ?? OPEN_DAY), x.fold.lastStepAt, x.fold.lastClaimAt, x.status, x.seq, x.appRowid,
  ];
}

/** A stored row back as what it was written from. */
export function storedFromRow(r: Record<string, unknown>): StoredFacts {
  const v = (c: Column) => r[c] as never;
  const facts: ReportFacts = {
    applicationId: v('application_id'), centerId: v('center_id'), service: v('service'), delivery: v('delivery'),
    submittedAt: v('submitted_at'), submittedDay: v('submitted_day'), receivedAt: v('received_at'), claimedAt: v('claimed_at'),
    decision: v('decision'), decidedAt: v('decided_at'), decidedDay: v('decided_day'), decidedBy: v('decided_by'),
    decisionClaimedAt: v('decision_claimed_at'), reasonCode: v('reason_code'), cancelledDay: v('cancelled_day'),
    dueAt: v('due_at'), dueDay: v('due_day'), extendedDays: v('extended_days'), lateDays: v('late_days'),
    arrivedAt: v('arrived_at'), handedDay: v('handed_day'), shippedDay: v('shipped_day'), outAt: v('out_at'),
    pickupFromDay: v('pickup_from_day'), pickupUntilDay: v('pickup_until_day'),
  };
  return { fold: { facts, lastStepAt: v('last_step_at'), lastClaimAt: v('last_claim_at') }, status: v('last_status'), seq: v('last_seq'), appRowid: v('app_rowid') };
}

/**
 * The key a daily count has in `report_day_facets`: the same detail without the length bucket (a stretch's name, an
 * operator), or null for what is not a count of applications (working days added).
 */
export function facetKey(metric: DayMetric, key: string): string | null {
  if (metric === 'extendedDays') return null;
  if (metric === 'step') return key.slice(0, key.indexOf(':'));
  if (metric === 'operatorDecisionMs') return key.slice(key.indexOf(':') + 1);
  return key;
}

/**
 * Sums by a context (the application's center and slice, the same for all its counts), a day and a detail (the
 * metric, and its key when it has one). Nested maps, so most counts add to a sum without a key string built and
 * hashed for them: the context is one string an application, days are small integers, and a metric without a key
 * is a constant string.
 */
class DaySums {
  private readonly byContext = new Map<string, Map<number, Map<string, number>>>();

  add(context: string, day: number, detail: string, n: number): void {
    let days = this.byContext.get(context);
    if (!days) this.byContext.set(context, (days = new Map()));
    let details = days.get(day);
    if (!details) days.set(day, (details = new Map()));
    details.set(detail, (details.get(detail) ?? 0) + n);
  }

  /** Every sum that is not 0, as [context parts, day, detail parts, n]. */
  *entries(): Generator<[string[], number, string[], number]> {
    for (const [context, days] of this.byContext) {
      const parts = context.split('\u0000');
      for (const [day, details] of days) {
        for (const [detail, n] of details) if (n !== 0) yield [parts, day, detail.split('\u0000'), n];
      }
    }
  }

  clear(): void {
    this.byContext.clear();
  }
}

/**
 * Differences to the daily counts, gathered over a page, a catch-up or one change, and written at once; beside them
 * the same counts by the status the application stands at and (while a decision is pending) its deadline day, from
 * which a drill-down's facet counts are summed (reports/figure-lists.ts).
 */
export class DayCountDelta {
  readonly deltas = new DaySums();
  readonly facets = new DaySums();
  // The application being applied, for `count` (one visitor for every count, not a closure per application).
  private sliced = '';
  private unsliced = '';
  private facetContext = '';
  private sign: 1 | -1 = 1;

  apply(x: StoredFacts, sign: 1 | -1): void {
    const f = x.fold.facts;
    // Only a pending decision has a deadline state; other statuses fall in one group whatever their day.
    const dueDay = isDecisionPending(x.status) ? f.dueDay : 0;
    this.sliced = `${f.centerId}\u0000${f.service}\u0000${f.delivery}`;
    // Lengths are not split by service or delivery: their rows stay few.
    this.unsliced = `${f.centerId}\u0000\u0000`;
    this.facetContext = `${this.sliced}\u0000${x.status}\u0000${dueDay}`;
    this.sign = sign;
    forEachDayCount(f, this.count);
  }

  private readonly count = (metric: DayMetric, day: number, key: string, n: number): void => {
    const context = metric === 'step' || metric === 'operatorDecisionMs' ? this.unsliced : this.sliced;
    this.deltas.add(context, day, key === '' ? metric : `${metric}\u0000${key}`, this.sign * n);
    const facet = facetKey(metric, key);
    if (facet !== null) this.facets.add(this.facetContext, day, facet === '' ? metric : `${metric}\u0000${facet}`, this.sign);
  };

  /** The rows to add, as (center_id, metric, day, service, delivery, key, n). */
  *rows(): Generator<[string, string, number, string, string, string, number]> {
    for (const [[center, service, delivery], day, [metric, key = ''], n] of this.deltas.entries()) yield [center!, metric!, day, service!, delivery!, key, n];
  }

  /** The facet rows to add, as (center_id, metric, key, day, service, delivery, status, due_day, n). */
  *facetRows(): Generator<[string, string, string, number, string, string, string, number, number]> {
    for (const [[center, service, delivery, status, dueDay], day, [metric, key = ''], n] of this.facets.entries()) {
      yield [center!, metric!, key, day, service!, delivery!, status!, Number(dueDay), n];
    }
  }

  clear(): void {
    this.deltas.clear();
    this.facets.clear();
  }
}
