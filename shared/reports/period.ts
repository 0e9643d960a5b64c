import { z } from 'zod';
import { dayNumberToIso, isoToDayNumber, kyivDayNumber, weekday, type DayNumber } from '../domain/kyiv-time';
import type { WorkingCalendar } from '../domain/deadline';

/**
 * A report period: a range of Kyiv calendar dates, both ends inclusive. A day is the Kyiv wall-clock date of an
 * instant (`kyivDayNumber`), so an event at 23:30 Kyiv time on the 31st belongs to the 31st whatever the offset.
 */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => dayNumberToIso(isoToDayNumber(s)) === s, 'not a calendar date');

/** The longest period a report covers: a little over two years keeps every query bounded. */
export const MAX_PERIOD_DAYS = 800;

export const ReportPeriodSchema = z
  .object({ from: isoDay, to: isoDay })
  .refine((p) => p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] })
  .refine((p) => isoToDayNumber(p.to) - isoToDayNumber(p.from) < MAX_PERIOD_DAYS, {
    message: `a report covers at most ${MAX_PERIOD_DAYS} days`,
    path: ['to'],
  });
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

export interface DayRange {
  from: DayNumber;
  to: DayNumber;
}

export function periodDays(p: ReportPeriod): DayRange {
  return { from: isoToDayNumber(p.from), to: isoToDayNumber(p.to) };
}

export function daysToPeriod(r: DayRange): ReportPeriod {
  return { from: dayNumberToIso(r.from), to: dayNumberToIso(r.to) };
}

/**
 * The previous period of equal length: the same number of days ending the day before the period starts
 * (a calendar month's previous period is therefore not always the previous calendar month).
 */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  const { from, to } = periodDays(p);
  const length = to - from + 1;
  return daysToPeriod({ from: from - length, to: from - 1 });
}

/** Working days (the queue's calendar) in the period, both ends inclusive. */
export function workingDaysIn(p: ReportPeriod, calendar: WorkingCalendar): number {
  const { from, to } = periodDays(p);
  return calendar.workingDaysBetween(from - 1, to);
}

export const PERIOD_PRESETS = ['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth', 'lastHalfYear'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/**
 * The presets, from the Kyiv day of `now`. Weeks start on Monday; "last half-year" is the last six whole calendar
 * months before the current one (the ministry's half-year figures are whole months).
 */
export function presetPeriod(preset: PeriodPreset, now: number): ReportPeriod {
  const today = kyivDayNumber(now);
  const monday = today - ((weekday(today) + 6) % 7);
  const [y, m] = dayNumberToIso(today).split('-').map(Number) as [number, number];
  const monthStart = (year: number, month: number) => isoToDayNumber(new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10));
  switch (preset) {
    case 'thisWeek':
      return daysToPeriod({ from: monday, to: monday + 6 });
    case 'lastWeek':
      return daysToPeriod({ from: monday - 7, to: monday - 1 });
    case 'thisMonth':
      return daysToPeriod({ from: monthStart(y, m), to: monthStart(y, m + 1) - 1 });
    case 'lastMonth':
      return daysToPeriod({ from: monthStart(y, m - 1), to: monthStart(y, m) - 1 });
    case 'lastHalfYear':
      return daysToPeriod({ from: monthStart(y, m - 6), to: monthStart(y, m) - 1 });
  }
}

/** Trend buckets: daily up to this many days, weekly (Monday to Sunday, clipped to the period) beyond. */
export const DAILY_TREND_MAX_DAYS = 62;

export function trendBuckets(p: ReportPeriod): { granularity: 'day' | 'week'; buckets: DayRange[] } {
  const { from, to } = periodDays(p);
  const buckets: DayRange[] = [];
  if (to - from + 1 <= DAILY_TREND_MAX_DAYS) {
    for (let d = from; d <= to; d++) buckets.push({ from: d, to: d });
    return { granularity: 'day', buckets };
  }
  let start = from;
  while (start <= to) {
    const sunday = start + ((7 - weekday(start)) % 7);
    const end = Math.min(sunday, to);
    buckets.push({ from: start, to: end });
    start = end + 1;
  }
  return { granularity: 'week', buckets };
}
