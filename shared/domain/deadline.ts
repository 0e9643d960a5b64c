import {
  type DayNumber,
  dayNumberToIso,
  kyivDayNumber,
  kyivEndOfDay,
  kyivStartOfDay,
  weekday,
} from './kyiv-time';

export interface DeadlineRules {
  /** Working days allowed for a decision (10 by default). */
  decisionWorkingDays: number;
  /** Hours of force majeure on one working day that extend the deadline by a day (2 by default). */
  forceMajeureThresholdHours: number;
}

export const DEFAULT_DEADLINE_RULES: DeadlineRules = { decisionWorkingDays: 10, forceMajeureThresholdHours: 2 };

export interface ForceMajeureInterval {
  startsAt: number; // UTC ms
  endsAt: number; // UTC ms
}

/** The working-day calendar: weekends plus the published non-working days (empty under martial law). */
export class WorkingCalendar {
  private readonly nonWorking: Set<DayNumber>;
  constructor(nonWorkingDays: Iterable<DayNumber> = []) {
    this.nonWorking = new Set(nonWorkingDays);
  }
  isWorkingDay(day: DayNumber): boolean {
    const wd = weekday(day);
    return wd !== 0 && wd !== 6 && !this.nonWorking.has(day);
  }
  nextWorkingDay(day: DayNumber): DayNumber {
    let d = day + 1;
    while (!this.isWorkingDay(d)) d++;
    return d;
  }
  /** Working days strictly after `from` up to and including `to`. */
  workingDaysBetween(from: DayNumber, to: DayNumber): number {
    let n = 0;
    for (let d = from + 1; d <= to; d++) if (this.isWorkingDay(d)) n++;
    return n;
  }
}

/**
 * Working days on which a center recorded at least the threshold of force majeure. Overlapping periods are
 * merged first so that an alarm during an outage is not counted twice.
 */
export function forceMajeureDays(periods: readonly ForceMajeureInterval[], calendar: WorkingCalendar, rules: DeadlineRules): Set<DayNumber> {
  const sorted = [...periods].filter((p) => p.endsAt > p.startsAt).sort((a, b) => a.startsAt - b.startsAt);
  const merged: ForceMajeureInterval[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.startsAt <= last.endsAt) last.endsAt = Math.max(last.endsAt, p.endsAt);
    else merged.push({ ...p });
  }
  const perDay = new Map<DayNumber, number>();
  for (const p of merged) {
    let day = kyivDayNumber(p.startsAt);
    const lastDay = kyivDayNumber(p.endsAt - 1);
    for (; day <= lastDay; day++) {
      const from = Math.max(p.startsAt, kyivStartOfDay(day));
      const to = Math.min(p.endsAt, kyivEndOfDay(day) + 1);
      if (to > from) perDay.set(day, (perDay.get(day) ?? 0) + (to - from));
    }
  }
  const threshold = rules.forceMajeureThresholdHours * 3_600_000;
  const days = new Set<DayNumber>();
  for (const [day, ms] of perDay) if (ms >= threshold && calendar.isWorkingDay(day)) days.add(day);
  return days;
}

export interface Deadline {
  /** End of the last working day allowed, as a UTC instant. */
  dueAt: number;
  /** Force-majeure working days inside the window that each added a day, as YYYY-MM-DD. */
  extendedBy: string[];
}

/**
 * The decision deadline: counted in working days from the working day after submission (Kyiv time);
 * each working day with enough force majeure does not count and so adds one day.
 */
export function computeDeadline(
  submittedAt: number,
  calendar: WorkingCalendar,
  fmDays: ReadonlySet<DayNumber>,
  rules: DeadlineRules = DEFAULT_DEADLINE_RULES,
): Deadline {
  let day = kyivDayNumber(submittedAt);
  let counted = 0;
  const extendedBy: string[] = [];
  while (counted < rules.decisionWorkingDays) {
    day = calendar.nextWorkingDay(day);
    if (fmDays.has(day)) extendedBy.push(dayNumberToIso(day));
    else counted++;
  }
  return { dueAt: kyivEndOfDay(day), extendedBy };
}

export type DeadlineState = 'overdue' | 'due_soon' | 'on_time' | 'none';
export const DEADLINE_STATES = ['overdue', 'due_soon', 'on_time'] as const;

/** Working days left until the deadline, counting today if it is a working day; negative when overdue. */
export function workingDaysLeft(dueAt: number, now: number, calendar: WorkingCalendar): number {
  const today = kyivDayNumber(now);
  const dueDay = kyivDayNumber(dueAt);
  if (now > dueAt) return -calendar.workingDaysBetween(dueDay, today);
  return calendar.workingDaysBetween(today - 1, dueDay);
}

/** The instant before which a pending deadline counts as "due soon": the end of the 2nd working day from today. */
export function dueSoonLimit(now: number, calendar: WorkingCalendar, soonWorkingDays = 2): number {
  let day = kyivDayNumber(now);
  let n = calendar.isWorkingDay(day) ? 1 : 0;
  while (n < soonWorkingDays) {
    day = calendar.nextWorkingDay(day);
    n++;
  }
  return kyivEndOfDay(day);
}

export function deadlineState(dueAt: number | null, pending: boolean, now: number, soonLimit: number): DeadlineState {
  if (!pending || dueAt === null) return 'none';
  if (dueAt < now) return 'overdue';
  if (dueAt <= soonLimit) return 'due_soon';
  return 'on_time';
}
