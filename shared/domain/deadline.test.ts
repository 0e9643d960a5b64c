import { describe, expect, it } from 'vitest';
import {
  computeDeadline,
  deadlineState,
  dueSoonLimit,
  forceMajeureDays,
  WorkingCalendar,
  workingDaysLeft,
  DEFAULT_DEADLINE_RULES,
} from './deadline';
import { isoToDayNumber, kyivDayNumber, kyivOffsetMinutes, dayNumberToIso } from './kyiv-time';

const at = (iso: string) => Date.parse(iso);
const cal = new WorkingCalendar();
const none = new Set<number>();
const fm = (periods: [string, string][]) =>
  forceMajeureDays(periods.map(([s, e]) => ({ startsAt: at(s), endsAt: at(e) })), cal, DEFAULT_DEADLINE_RULES);

describe('Kyiv time', () => {
  it('knows the winter and summer offsets and the days they change', () => {
    expect(kyivOffsetMinutes(at('2026-01-15T12:00:00Z'))).toBe(120);
    expect(kyivOffsetMinutes(at('2026-07-15T12:00:00Z'))).toBe(180);
    // 2026-03-29 03:00 local becomes 04:00 (01:00Z); 2026-10-25 04:00 local becomes 03:00 (01:00Z).
    expect(kyivOffsetMinutes(at('2026-03-29T00:59:00Z'))).toBe(120);
    expect(kyivOffsetMinutes(at('2026-03-29T01:00:00Z'))).toBe(180);
    expect(kyivOffsetMinutes(at('2026-10-25T00:59:00Z'))).toBe(180);
    expect(kyivOffsetMinutes(at('2026-10-25T01:00:00Z'))).toBe(120);
  });

  it('puts an instant after 22:00 UTC in winter on the next Kyiv day', () => {
    expect(dayNumberToIso(kyivDayNumber(at('2026-11-19T22:30:00Z')))).toBe('2026-11-20');
    expect(dayNumberToIso(kyivDayNumber(at('2026-11-19T21:59:59Z')))).toBe('2026-11-19');
  });
});

describe('decision deadline', () => {
  it('counts ten working days from the working day after submission and ends at Kyiv midnight', () => {
    // Monday 16 Nov → Tue 17 … Mon 30 Nov is the tenth working day.
    const d = computeDeadline(at('2026-11-16T09:00:00Z'), cal, none);
    expect(new Date(d.dueAt).toISOString()).toBe('2026-11-30T21:59:59.999Z');
    expect(d.extendedBy).toEqual([]);
  });

  it('uses the Kyiv date of submission, not the UTC date', () => {
    // 00:30 Kyiv on Friday 20 Nov is still Thursday in UTC; counting starts Monday 23 Nov.
    const d = computeDeadline(at('2026-11-19T22:30:00Z'), cal, none);
    expect(new Date(d.dueAt).toISOString()).toBe('2026-12-04T21:59:59.999Z');
    const dayBefore = computeDeadline(at('2026-11-19T21:30:00Z'), cal, none);
    expect(new Date(dayBefore.dueAt).toISOString()).toBe('2026-12-03T21:59:59.999Z');
  });

  it('ends at Kyiv summer-time midnight when the window crosses the spring DST change', () => {
    const d = computeDeadline(at('2026-03-20T10:00:00Z'), cal, none);
    expect(new Date(d.dueAt).toISOString()).toBe('2026-04-03T20:59:59.999Z');
  });

  it('ends at Kyiv winter-time midnight when the window crosses the autumn DST change', () => {
    const d = computeDeadline(at('2026-10-16T10:00:00Z'), cal, none);
    expect(new Date(d.dueAt).toISOString()).toBe('2026-10-30T21:59:59.999Z');
  });

  it('skips the non-working days of the published calendar', () => {
    const withHoliday = new WorkingCalendar([isoToDayNumber('2026-11-18')]);
    const d = computeDeadline(at('2026-11-16T09:00:00Z'), withHoliday, none);
    expect(new Date(d.dueAt).toISOString()).toBe('2026-12-01T21:59:59.999Z');
  });

  it('extends by one working day for each working day with at least two hours of force majeure, and names it', () => {
    const days = fm([['2026-11-17T08:00:00Z', '2026-11-17T10:30:00Z']]);
    const d = computeDeadline(at('2026-11-16T09:00:00Z'), cal, days);
    expect(d.extendedBy).toEqual(['2026-11-17']);
    expect(new Date(d.dueAt).toISOString()).toBe('2026-12-01T21:59:59.999Z');
  });

  it('does not extend for less than two hours, and adds up separate periods on one day', () => {
    expect(fm([['2026-11-17T08:00:00Z', '2026-11-17T09:00:00Z']]).size).toBe(0);
    expect([...fm([
      ['2026-11-17T08:00:00Z', '2026-11-17T09:00:00Z'],
      ['2026-11-17T12:00:00Z', '2026-11-17T13:00:00Z'],
    ])].map(dayNumberToIso)).toEqual(['2026-11-17']);
  });

  it('counts overlapping periods once', () => {
    // An alarm during an outage: 08:00–09:30 and 08:30–09:30 cover 1.5 hours, not 2.5.
    expect(fm([
      ['2026-11-17T08:00:00Z', '2026-11-17T09:30:00Z'],
      ['2026-11-17T08:30:00Z', '2026-11-17T09:30:00Z'],
    ]).size).toBe(0);
  });

  it('splits a period across Kyiv midnight and ignores weekend force majeure', () => {
    // Friday 20 Nov 21:00 Kyiv → Saturday 02:00 Kyiv: 3 hours on Friday, 2 on Saturday (not a working day).
    const days = fm([['2026-11-20T19:00:00Z', '2026-11-21T00:00:00Z']]);
    expect([...days].map(dayNumberToIso)).toEqual(['2026-11-20']);
  });
});

describe('days left and deadline state', () => {
  const due = at('2026-11-30T21:59:59.999Z');
  it('counts today and the working days up to the due day', () => {
    expect(workingDaysLeft(due, at('2026-11-23T08:00:00Z'), cal)).toBe(6);
    expect(workingDaysLeft(due, at('2026-11-30T08:00:00Z'), cal)).toBe(1);
  });
  it('is negative by the working days past the due day', () => {
    expect(workingDaysLeft(due, at('2026-12-02T08:00:00Z'), cal)).toBe(-2);
  });
  it('marks overdue, due soon (within two working days) and on time', () => {
    const now = at('2026-11-27T08:00:00Z'); // Friday
    const soon = dueSoonLimit(now, cal); // end of Monday 30 Nov
    expect(new Date(soon).toISOString()).toBe('2026-11-30T21:59:59.999Z');
    expect(deadlineState(due, true, now, soon)).toBe('due_soon');
    expect(deadlineState(at('2026-11-26T21:59:59.999Z'), true, now, soon)).toBe('overdue');
    expect(deadlineState(at('2026-12-01T21:59:59.999Z'), true, now, soon)).toBe('on_time');
    expect(deadlineState(due, false, now, soon)).toBe('none');
  });
});
