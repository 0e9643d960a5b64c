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
  forEachDayCount(f, (metric, day, key, n) => out.push({ metric, day, key, n }));
  return out;
}

/**
 * `dayCounts` one count at a time, without building the list: the console's pull folds a whole page of
 * applications into its daily counts this way (each count is visited once, in the same order).
 */
export function forEachDayCount(f: ReportFacts, visit: (metric: DayMetric, day: DayNumber, key: string, n: number) => void): void {
  visit('received', f.submittedDay, '', 1);
  if (f.decision !== null && f.decidedDay !== null) visit('decided', f.decidedDay, '', 1);
  if ((f.decision === 'approved' || f.decision === 'refused') && f.decidedDay !== null) {
    const day = f.decidedDay;
    visit(f.decision, day, '', 1);
    visit(f.lateDays === 0 ? 'inTime' : 'late', day, f.lateDays ? String(f.lateDays) : '', 1);
    if (f.decidedBy !== null) visit(f.decision === 'approved' ? 'operatorApproved' : 'operatorRefused', day, f.decidedBy, 1);
    if (f.decision === 'refused') visit('reason', day, f.reasonCode ?? '', 1);
  }
  if (f.cancelledDay !== null) visit('cancelled', f.cancelledDay, '', 1);
  if (f.shippedDay !== null) visit('shipped', f.shippedDay, '', 1);
  if (f.handedDay !== null) visit('handed', f.handedDay, '', 1);
  if (f.pickupFromDay !== null) visit('pickupFrom', f.pickupFromDay, '', 1);
  if (f.pickupUntilDay !== null) visit('pickupUntil', f.pickupUntilDay, '', 1);
  visit('duePassed', f.dueDay + 1, '', 1);
  if (f.decidedDay !== null) visit('duePassedDecided', Math.max(f.dueDay + 1, f.decidedDay), '', 1);
  if (f.extendedDays > 0) {
    visit('extended', f.submittedDay, '', 1);
    visit('extendedDays', f.submittedDay, '', f.extendedDays);
  }
  for (const step of STATUS_STEPS) {
    const d = stepDuration(f, step);
    if (d) visit('step', d.endDay, stepKey(step, lengthBucket(d.ms)), 1);
  }
  const decision = stepDuration(f, 'inWorkToDecision');
  if (decision && f.decidedBy !== null) visit('operatorDecisionMs', decision.endDay, operatorKey(f.decidedBy, lengthBucket(decision.ms)), 1);
}
