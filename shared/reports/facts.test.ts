import { describe, expect, it } from 'vitest';
import { computeDeadline, WorkingCalendar } from '../domain/deadline';
import { isoToDayNumber, kyivDayNumber } from '../domain/kyiv-time';
import { deriveReportFacts, stepDuration, type TimelineStep } from './facts';
import { nearestRankOffset } from './result';
import { previousPeriod, presetPeriod, trendBuckets } from './period';

const calendar = new WorkingCalendar();
const at = (iso: string) => Date.parse(iso);
const submittedAt = at('2026-11-02T09:00:00Z'); // a Monday
const due = computeDeadline(submittedAt, calendar, new Set());
const facts = (steps: TimelineStep[]) =>
  deriveReportFacts({ applicationId: 'a', centerId: 'c', service: 'exchange', delivery: 'pickup', submittedAt, steps, refusalCode: 'duplicate', dueAt: due.dueAt, extendedDays: 0 }, calendar);
const step = (status: TimelineStep['status'], iso: string, operatorId: string | null = 'op-1'): TimelineStep => ({ status, at: at(iso), operatorId });

describe('report facts of one application', () => {
  it('a refusal by the deadline: decided by its operator under the last claim, not late, with the record’s reason', () => {
    const f = facts([step('submitted', '2026-11-02T09:00:00Z', null), step('received', '2026-11-02T10:00:00Z'), step('in_review', '2026-11-03T08:00:00Z'),
      step('received', '2026-11-03T09:00:00Z'), step('in_review', '2026-11-04T08:00:00Z', 'op-2'), step('refused', '2026-11-04T12:00:00Z', 'op-2')]);
    expect(f).toMatchObject({ decision: 'refused', decidedBy: 'op-2', reasonCode: 'duplicate', lateDays: 0, claimedAt: at('2026-11-03T08:00:00Z'), decisionClaimedAt: at('2026-11-04T08:00:00Z') });
    expect(stepDuration(f, 'inWorkToDecision')?.ms).toBe(4 * 3_600_000);
    expect(stepDuration(f, 'decisionToArrival')).toBeNull();
  });

  it('an approval after the deadline counts the working days late with the queue’s calendar (a weekend day counts 1)', () => {
    // 10 working days from Tuesday 3 November end on Monday 16 November.
    expect(kyivDayNumber(due.dueAt)).toBe(isoToDayNumber('2026-11-16'));
    expect(facts([step('approved', '2026-11-18T10:00:00Z')]).lateDays).toBe(2);
    expect(facts([step('approved', '2026-11-16T21:00:00Z')]).lateDays).toBe(0);
    const dueFriday = deriveReportFacts({ applicationId: 'a', centerId: 'c', service: 'exchange', delivery: 'pickup', submittedAt, steps: [step('approved', '2026-11-21T10:00:00Z')], refusalCode: null, dueAt: at('2026-11-20T21:59:59.999Z'), extendedDays: 0 }, calendar);
    expect(dueFriday.lateDays).toBe(1);
  });

  it('a clock that ran behind never puts a step before the one it follows', () => {
    const f = facts([step('in_review', '2026-11-05T10:00:00Z'), step('approved', '2026-11-05T09:00:00Z')]);
    expect(f.decidedAt).toBe(at('2026-11-05T10:00:00Z'));
    expect(stepDuration(f, 'inWorkToDecision')).toBeNull();
  });

  it('a cancellation after approval keeps the approval as the decision and counts as a cancellation on its day', () => {
    const f = facts([step('approved', '2026-11-05T10:00:00Z'), step('cancelled', '2026-11-07T10:00:00Z', null)]);
    expect(f).toMatchObject({ decision: 'approved', cancelledDay: isoToDayNumber('2026-11-07') });
    const withdrawn = facts([step('cancelled', '2026-11-03T10:00:00Z', null)]);
    expect(withdrawn).toMatchObject({ decision: 'cancelled', decidedBy: null, lateDays: null, cancelledDay: isoToDayNumber('2026-11-03') });
  });

  it('a card waits for pickup from its arrival until it is handed over; a returned parcel waits again', () => {
    const f = facts([step('approved', '2026-11-05T10:00:00Z'), step('produced', '2026-11-10T10:00:00Z'), step('ready_for_pickup', '2026-11-12T10:00:00Z'), step('issued', '2026-11-14T10:00:00Z')]);
    expect(f).toMatchObject({ pickupFromDay: isoToDayNumber('2026-11-12'), pickupUntilDay: isoToDayNumber('2026-11-14'), handedDay: isoToDayNumber('2026-11-14') });
    expect(stepDuration(f, 'arrivalToOut')?.ms).toBe(2 * 86_400_000);
    const returned = facts([step('approved', '2026-11-05T10:00:00Z'), step('awaiting_shipment', '2026-11-12T10:00:00Z'), step('shipped', '2026-11-13T10:00:00Z'), step('returned', '2026-11-20T10:00:00Z')]);
    expect(returned).toMatchObject({ shippedDay: isoToDayNumber('2026-11-13'), pickupFromDay: isoToDayNumber('2026-11-20'), pickupUntilDay: null });
  });
});

describe('periods and percentiles', () => {
  it('the previous period has the same number of days and ends the day before', () => {
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(presetPeriod('lastHalfYear', at('2026-11-27T08:00:00Z'))).toEqual({ from: '2026-05-01', to: '2026-10-31' });
    expect(presetPeriod('thisWeek', at('2026-11-29T20:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetPeriod('lastMonth', at('2026-01-10T08:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
  it('trends are daily up to 62 days and weekly (Monday to Sunday, clipped) beyond', () => {
    expect(trendBuckets({ from: '2026-11-01', to: '2026-11-30' }).buckets).toHaveLength(30);
    const weeks = trendBuckets({ from: '2026-05-01', to: '2026-10-31' });
    expect(weeks.granularity).toBe('week');
    expect(weeks.buckets[0]).toEqual({ from: isoToDayNumber('2026-05-01'), to: isoToDayNumber('2026-05-03') });
    expect(weeks.buckets.reduce((s, b) => s + b.to - b.from + 1, 0)).toBe(184);
  });
  it('nearest rank: the median of 4 values is the 2nd, the 90th percentile of 10 the 9th', () => {
    expect(nearestRankOffset(4, 50)).toBe(1);
    expect(nearestRankOffset(10, 90)).toBe(8);
    expect(nearestRankOffset(1, 90)).toBe(0);
  });
});
