import { dayNumberToIso, isoToDayNumber, type DayNumber } from '../../../shared/domain/kyiv-time';
import { dayCounts, type DayMetric } from '../../../shared/reports/day-counts';
import { stepDuration, type ReportFacts } from '../../../shared/reports/facts';
import type { ReportCountsTable, ReportFactsTable } from '../../store/schema';

/**
 * The central server's report tables as rows: `report_facts` (one per application, the console's columns) and
 * `report_counts`, what the facts add to each figure (shared/reports/day-counts.ts) on each day and, summed, in each
 * calendar month. A report sums month rows for the whole months of its period and day rows for the rest, so the
 * national half-year reads some thousands of rows, never the applications.
 */
export type Tier = 'day' | 'month';

/** The first day of the Kyiv calendar month a day belongs to. */
export function monthOf(day: DayNumber): DayNumber {
  return isoToDayNumber(`${dayNumberToIso(day).slice(0, 8)}01`);
}

/** The first day of the next month. */
export function nextMonth(month: DayNumber): DayNumber {
  return monthOf(month + 31);
}

export const FACT_COLUMNS = [
  'application_id', 'center_id', 'service', 'delivery', 'submitted_at', 'submitted_day', 'received_at', 'claimed_at',
  'decision', 'decided_at', 'decided_day', 'decided_by', 'decision_claimed_at', 'reason_code', 'cancelled_day',
  'due_at', 'due_day', 'extended_days', 'late_days', 'arrived_at', 'handed_day', 'shipped_day', 'out_at',
  'pickup_from_day', 'pickup_until_day', 'received_ms', 'received_day', 'in_work_ms', 'in_work_day', 'decision_ms',
  'arrival_ms', 'arrival_day', 'out_ms', 'out_day',
] as const satisfies readonly (keyof ReportFactsTable)[];

export function factsRow(f: ReportFacts): ReportFactsTable {
  const received = stepDuration(f, 'submittedToReceived');
  const inWork = stepDuration(f, 'receivedToInWork');
  const decision = stepDuration(f, 'inWorkToDecision');
  const arrival = stepDuration(f, 'decisionToArrival');
  const out = stepDuration(f, 'arrivalToOut');
  return {
    application_id: f.applicationId, center_id: f.centerId, service: f.service, delivery: f.delivery,
    submitted_at: f.submittedAt, submitted_day: f.submittedDay, received_at: f.receivedAt, claimed_at: f.claimedAt,
    decision: f.decision, decided_at: f.decidedAt, decided_day: f.decidedDay, decided_by: f.decidedBy,
    decision_claimed_at: f.decisionClaimedAt, reason_code: f.reasonCode, cancelled_day: f.cancelledDay,
    due_at: f.dueAt, due_day: f.dueDay, extended_days: f.extendedDays, late_days: f.lateDays,
    arrived_at: f.arrivedAt, handed_day: f.handedDay, shipped_day: f.shippedDay, out_at: f.outAt,
    pickup_from_day: f.pickupFromDay, pickup_until_day: f.pickupUntilDay,
    received_ms: received?.ms ?? null, received_day: received?.endDay ?? null,
    in_work_ms: inWork?.ms ?? null, in_work_day: inWork?.endDay ?? null,
    decision_ms: decision?.ms ?? null,
    arrival_ms: arrival?.ms ?? null, arrival_day: arrival?.endDay ?? null,
    out_ms: out?.ms ?? null, out_day: out?.endDay ?? null,
  };
}

/** A stored facts row back as the facts its counts were made from. */
export function factsFromRow(r: ReportFactsTable): ReportFacts {
  return {
    applicationId: r.application_id, centerId: r.center_id, service: r.service, delivery: r.delivery,
    submittedAt: r.submitted_at, submittedDay: r.submitted_day, receivedAt: r.received_at, claimedAt: r.claimed_at,
    decision: r.decision, decidedAt: r.decided_at, decidedDay: r.decided_day, decidedBy: r.decided_by,
    decisionClaimedAt: r.decision_claimed_at, reasonCode: r.reason_code, cancelledDay: r.cancelled_day,
    dueAt: r.due_at, dueDay: r.due_day, extendedDays: r.extended_days, lateDays: r.late_days,
    arrivedAt: r.arrived_at, handedDay: r.handed_day, shippedDay: r.shipped_day, outAt: r.out_at,
    pickupFromDay: r.pickup_from_day, pickupUntilDay: r.pickup_until_day,
  };
}

/**
 * The metrics the report splits by service and delivery (the summary); the rest are read as totals or by their key
 * alone, so their rows are not split (four times fewer to write and to read).
 */
export const SLICED: ReadonlySet<DayMetric> = new Set(['received', 'approved', 'refused', 'decided', 'cancelled', 'shipped', 'handed', 'pickupFrom', 'pickupUntil']);

/**
 * An operator's claim-to-decision lengths are counted in buckets of one doubling (eight of the shared buckets): an
 * operator's few hundred decisions a month need no finer ones to find a median, and the rows stay few. The key is
 * the first fine bucket of the group, so `bucketLow(key)` and `bucketLow(key + OPERATOR_BUCKET_WIDTH)` bound it.
 */
export const OPERATOR_BUCKET_WIDTH = 8;

function centralKey(metric: DayMetric, key: string): string {
  if (metric !== 'operatorDecisionMs') return key;
  const at = key.indexOf(':');
  const bucket = Number(key.slice(0, at));
  return `${bucket - (bucket % OPERATOR_BUCKET_WIDTH)}${key.slice(at)}`;
}

const SEP = '\u0000';

/**
 * Differences to `report_counts`, gathered over a transaction (or a back-fill page) and written at once, in key
 * order: two transactions that both change counts take their row locks in the same order and never deadlock.
 */
export class CountDelta {
  private readonly deltas = new Map<string, number>();
  private readonly months = new Map<DayNumber, DayNumber>();

  get size(): number {
    return this.deltas.size;
  }

  apply(f: ReportFacts, sign: 1 | -1): void {
    for (const c of dayCounts(f)) {
      const sliced = SLICED.has(c.metric);
      const rest = [c.metric, sliced ? f.service : '', sliced ? f.delivery : '', centralKey(c.metric, c.key)].join(SEP);
      const n = sign * c.n;
      this.add(`${f.centerId}${SEP}day${SEP}${c.day}${SEP}${rest}`, n);
      this.add(`${f.centerId}${SEP}month${SEP}${this.month(c.day)}${SEP}${rest}`, n);
    }
  }

  /** The changed rows, in key order, without those that came back to zero; the delta is empty afterwards. */
  take(): ReportCountsTable[] {
    const out: ReportCountsTable[] = [];
    for (const k of [...this.deltas.keys()].sort()) {
      const n = this.deltas.get(k)!;
      if (n === 0) continue;
      const [center_id, tier, day, metric, service, delivery, key] = k.split(SEP) as [string, Tier, string, DayMetric, string, string, string];
      out.push({ center_id, tier, metric, day: Number(day), service, delivery, key, n });
    }
    this.deltas.clear();
    return out;
  }

  private add(k: string, n: number): void {
    this.deltas.set(k, (this.deltas.get(k) ?? 0) + n);
  }

  private month(day: DayNumber): DayNumber {
    let m = this.months.get(day);
    if (m === undefined) this.months.set(day, (m = monthOf(day)));
    return m;
  }
}
