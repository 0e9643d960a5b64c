/**
 * Simulates an application's life from filing to its end (or to `now`, whichever comes first), so that the status
 * mix follows from realistic waiting times: recent applications wait in the queue, older ones are finished, and a
 * slow tail leaves overdue ones behind. Every step is a transition allowed by TRANSITIONS.
 */
import type { StatusChange } from '../domain/application';
import { WorkingCalendar } from '../domain/deadline';
import { kyivDayNumber, kyivStartOfDay } from '../domain/kyiv-time';
import type { Status } from '../domain/status';
import type { Rng } from './rng';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const calendar = new WorkingCalendar();

/** Workstation actions happen on working days between 09:00 and 18:00 Kyiv time. */
export function toWorkTime(t: number, rng: Rng): number {
  const day = kyivDayNumber(t);
  const local = t - kyivStartOfDay(day);
  const working = calendar.isWorkingDay(day);
  if (working && local >= 9 * HOUR && local < 18 * HOUR) return t;
  const target = working && local < 9 * HOUR ? day : calendar.nextWorkingDay(day);
  return kyivStartOfDay(target) + 9 * HOUR + rng.int(0, 150) * MIN;
}

/** A random working-hours moment `n` working days after the day of `t` (the same day for n = 0). */
export function afterWorkingDays(t: number, n: number, rng: Rng): number {
  if (n <= 0) return toWorkTime(t + rng.int(10, 240) * MIN, rng);
  let day = kyivDayNumber(t);
  for (let i = 0; i < n; i++) day = calendar.nextWorkingDay(day);
  return kyivStartOfDay(day) + 9 * HOUR + rng.int(0, 510) * MIN;
}

export type Fate =
  | { kind: 'approve' }
  | { kind: 'refuse'; explanation: string }
  | { kind: 'cancel'; after: 'submitted' | 'received' | 'in_review' | 'approved' | 'produced' };

export interface LifecycleOptions {
  submittedAt: number;
  now: number;
  mailed: boolean;
  fate: Fate;
  /** The administrators of the center; the first one does most of the work on this application. */
  operators: readonly string[];
  newLicenceNumber: string;
  trackingBarcode: string;
  /** Stop once this pending status is reached (hostile records stay in the live queue). */
  holdAt?: 'submitted' | 'received' | 'in_review';
}

const CANCEL_NOTES = ['Заяву відкликано заявником', 'Заяву скасовано центральним сервером'] as const;

class Timeline {
  readonly events: StatusChange[] = [];
  last: number;
  stopped = false;
  constructor(
    readonly submittedAt: number,
    private readonly now: number,
  ) {
    this.last = submittedAt;
    this.events.push({ status: 'submitted', at: new Date(submittedAt).toISOString(), operatorId: null, note: null });
  }
  /** Records a change unless it would fall at or after `now`; returns whether the story goes on. */
  add(status: Status, at: number, operatorId: string | null, note: string | null = null): boolean {
    if (this.stopped) return false;
    const t = Math.floor(Math.max(at, this.last + MIN) / 1000) * 1000;
    if (t >= this.now) {
      this.stopped = true;
      return false;
    }
    this.last = t;
    this.events.push({ status, at: new Date(t).toISOString(), operatorId, note });
    return true;
  }
}

function reviewDelayWorkingDays(rng: Rng): number {
  return rng.weighted<number>([
    [0, 34], [1, 20], [2, 12], [3, 8], [4, 6], [5, 5], [6, 3], [7, 3], [8, 2], [9, 2],
    [11, 1.5], [12, 1.2], [13, 1], [15, 0.8], [18, 0.5],
  ]);
}

export function simulateHistory(rng: Rng, o: LifecycleOptions): StatusChange[] {
  const tl = new Timeline(o.submittedAt, o.now);
  const [op, ...others] = o.operators;
  const someone = () => (others.length > 0 && rng.chance(0.35) ? rng.pick(others) : op!);
  const cancel = (from: number, spanMs: number) =>
    tl.add('cancelled', from + rng.int(HOUR, spanMs), null, rng.pick(CANCEL_NOTES));
  const fate = o.fate;

  if (o.holdAt === 'submitted') return tl.events;
  // The center's workstation pulls the application in its working hours (some centers run a backlog).
  if (!rng.chance(0.08)) {
    let at = toWorkTime(o.submittedAt + rng.int(5, 180) * MIN, rng);
    if (rng.chance(0.12)) at = afterWorkingDays(at, rng.int(1, 3), rng);
    if (!tl.add('received', at, null)) return tl.events;
  }
  if (o.holdAt === 'received') return tl.events;
  if (fate.kind === 'cancel' && (fate.after === 'submitted' || fate.after === 'received')) {
    cancel(tl.last, 3 * DAY);
    return tl.events;
  }
  if (!tl.add('in_review', afterWorkingDays(tl.last, reviewDelayWorkingDays(rng), rng), op!)) return tl.events;
  if (rng.chance(0.03)) {
    // The claim was released (end of shift, a question to a colleague) and taken again later.
    if (!tl.add('received', tl.last + rng.int(10, 90) * MIN, op!, 'Заяву повернено до черги')) return tl.events;
    if (!tl.add('in_review', afterWorkingDays(tl.last, rng.int(0, 2), rng), someone())) return tl.events;
  }
  if (o.holdAt === 'in_review') return tl.events;
  if (fate.kind === 'cancel' && fate.after === 'in_review') {
    cancel(tl.last, 2 * DAY);
    return tl.events;
  }

  const decisionAt = rng.weighted<() => number>([
    [() => toWorkTime(tl.last + rng.int(10, 240) * MIN, rng), 60],
    [() => afterWorkingDays(tl.last, 1, rng), 25],
    [() => afterWorkingDays(tl.last, rng.int(2, 5), rng), 15],
  ])();
  if (fate.kind === 'refuse') {
    tl.add('refused', decisionAt, op!, fate.explanation);
    return tl.events;
  }
  if (!tl.add('approved', decisionAt, op!)) return tl.events;
  if (fate.kind === 'cancel' && fate.after === 'approved') {
    cancel(tl.last, DAY);
    return tl.events;
  }
  if (!tl.add('produced', tl.last + rng.int(2 * DAY, 6 * DAY), null, o.newLicenceNumber)) return tl.events;
  if (fate.kind === 'cancel') {
    cancel(tl.last, 2 * DAY);
    return tl.events;
  }
  const arrival = toWorkTime(tl.last + rng.int(DAY, 4 * DAY), rng);
  const handOver = () => {
    const waitDays = rng.weighted<number>([[rng.int(0, 5), 70], [rng.int(5, 14), 20], [rng.int(14, 40), 10]]);
    tl.add('issued', afterWorkingDays(tl.last, waitDays, rng), someone());
  };
  if (!o.mailed) {
    if (tl.add('ready_for_pickup', arrival, someone())) handOver();
    return tl.events;
  }
  if (!tl.add('awaiting_shipment', arrival, someone())) return tl.events;
  if (!tl.add('shipped', afterWorkingDays(tl.last, rng.int(0, 2), rng), someone(), o.trackingBarcode)) return tl.events;
  if (rng.chance(0.03)) {
    const back = toWorkTime(tl.last + rng.int(7 * DAY, 14 * DAY), rng);
    if (!tl.add('returned', back, someone(), 'Повернуто Укрпоштою: адресат не отримав відправлення')) return tl.events;
    if (tl.add('ready_for_pickup', tl.last + rng.int(5, 30) * MIN, someone())) handOver();
    return tl.events;
  }
  tl.add('delivered', toWorkTime(tl.last + rng.int(DAY, 5 * DAY), rng), null);
  return tl.events;
}
