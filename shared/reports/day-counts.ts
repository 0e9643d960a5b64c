import type { DayNumber } from '../domain/kyiv-time';
import { STATUS_STEPS, stepDuration, type ReportFacts, type StatusStep } from './facts';

/**
 * Daily counts: how much each application adds to each figure on each day. Both sides keep these sums beside the
 * facts (the console in `report_day_counts`), updated by the difference whenever an application's facts change,
 * so a report sums a few thousand daily rows instead of walking every application.
 *
 * Figures at a period's end are differences of running sums up to its last day T:
 * - undecided(T) = received(≤T) − decided(≤T) (a decision never precedes submission: steps are monotone);
 * - overdue at T = duePassed(≤T) − duePassedDecided(≤T), where an application counts in duePassed from the day
 *   after its deadline day and in duePassedDecided from max(that day, its decision day);
 * - awaiting pickup at T = pickupFrom(≤T) − pickupUntil(≤T).
 */
export const DAY_METRICS = [
  'received', 'approved', 'refused', 'decided', 'cancelled', 'shipped', 'handed', 'pickupFrom', 'pickupUntil',
  'inTime', 'late', 'reason', 'operatorApproved', 'operatorRefused', 'duePassed', 'duePassedDecided', 'extended',
  'extendedDays', 'step', 'operatorDecisionMs',
] as const;
export type DayMetric = (typeof DAY_METRICS)[number];

export interface DayCount {
  metric: DayMetric;
  day: DayNumber;
  /** The detail a metric is split by: working days late, a reason code, an operator, a stretch and length bucket. */
  key: string;
  n: number;
}

/**
 * Length buckets for percentiles: eight per doubling from one second. A percentile sums the buckets over the
 * period's days to find the bucket that holds its rank, then walks only that bucket's values in the index.
 */
export function lengthBucket(ms: number): number {
  if (ms < 1000) return 0;
  let b = Math.floor(8 * Math.log2(ms / 1000));
  while (bucketLow(b + 1) <= ms) b++;
  while (b > 0 && bucketLow(b) > ms) b--;
  return b;
}

/** The smallest length (ms) in a bucket; bucket 0 starts at 0. */
export function bucketLow(b: number): number {
  return b <= 0 ? 0 : Math.ceil(1000 * 2 ** (b / 8));
}

export const stepKey = (step: StatusStep, bucket: number) => `${step}:${bucket}`;
export const operatorKey = (operatorId: string, bucket: number) => `${bucket}:${operatorId}`;

/** What one application's facts add to the daily counts (all with the application's service and delivery). */
export function dayCounts(f: ReportFacts): DayCount[] {
  const out: DayCount[] = [];
  const add = (metric: DayMetric, day: DayNumber | null, key = '', n = 1) => {
    if (day !== null && n !== 0) out.push({ metric, day, key, n });
  };
  add('received', f.submittedDay);
  if (f.decision !== null) add('decided', f.decidedDay);
  if (f.decision === 'approved' || f.decision === 'refused') {
    add(f.decision, f.decidedDay);
    add(f.lateDays === 0 ? 'inTime' : 'late', f.decidedDay, f.lateDays ? String(f.lateDays) : '');
    if (f.decidedBy !== null) add(f.decision === 'approved' ? 'operatorApproved' : 'operatorRefused', f.decidedDay, f.decidedBy);
    if (f.decision === 'refused') add('reason', f.decidedDay, f.reasonCode ?? '');
  }
  add('cancelled', f.cancelledDay);
  add('shipped', f.shippedDay);
  add('handed', f.handedDay);
  add('pickupFrom', f.pickupFromDay);
  add('pickupUntil', f.pickupUntilDay);
  add('duePassed', f.dueDay + 1);
  if (f.decidedDay !== null) add('duePassedDecided', Math.max(f.dueDay + 1, f.decidedDay));
  if (f.extendedDays > 0) {
    add('extended', f.submittedDay);
    add('extendedDays', f.submittedDay, '', f.extendedDays);
  }
  for (const step of STATUS_STEPS) {
    const d = stepDuration(f, step);
    if (d) add('step', d.endDay, stepKey(step, lengthBucket(d.ms)));
  }
  const decision = stepDuration(f, 'inWorkToDecision');
  if (decision && f.decidedBy !== null) add('operatorDecisionMs', decision.endDay, operatorKey(f.decidedBy, lengthBucket(decision.ms)));
  return out;
}
