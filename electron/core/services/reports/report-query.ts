import { refusalsByReason } from '../../../../shared/reports/refusals';
import { dayNumberToIso } from '../../../../shared/domain/kyiv-time';
import type { DeliveryMethod, Service } from '../../../../shared/domain/application';
import { STATUS_STEPS } from '../../../../shared/reports/facts';
import { bucketLow, type DayMetric } from '../../../../shared/reports/day-counts';
import { periodDays, previousPeriod, trendBuckets, workingDaysIn, type DayRange, type ReportPeriod } from '../../../../shared/reports/period';
import { nearestRankOffset, SUMMARY_METRICS, type ReportResult, type SummaryFigures } from '../../../../shared/reports/result';
import type { SqlRunner } from '../../store/sql';
import type { DeadlineModel } from '../deadlines';
import { STEP_COLUMNS } from './figure-predicates';

interface SumRow {
  metric: DayMetric;
  service: Service;
  delivery: DeliveryMethod;
  key: string;
  cur: number;
  prev: number;
  upTo: number;
  upToPrev: number;
}

const zero = (): SummaryFigures => Object.fromEntries(SUMMARY_METRICS.map((m) => [m, 0])) as unknown as SummaryFigures;

/** Period figures and the daily metric each is the sum of; the rest are differences of running sums. */
const PERIOD_METRIC: Partial<Record<keyof SummaryFigures, DayMetric>> = {
  received: 'received', approved: 'approved', refused: 'refused', cancelled: 'cancelled', shippedByPost: 'shipped', handedOver: 'handed',
};

/**
 * The report of one center for one period, from the daily counts (shared/reports/day-counts.ts): one walk of a few
 * thousand daily rows for every count, and for each percentile one walk of the single length bucket that holds
 * its rank. Applications are never loaded into JavaScript; what comes back is bounded by days, codes and buckets.
 */
export class ReportQueries {
  constructor(
    private readonly runner: SqlRunner,
    private readonly deadlines: DeadlineModel,
  ) {}

  report(centerId: string, period: ReportPeriod): ReportResult {
    // Decisions and facts since the last report are folded in first (reports/facts-store.ts).
    this.deadlines.reportFacts.catchUp();
    const previous = previousPeriod(period);
    const cur = periodDays(period);
    const prev = periodDays(previous);
    const sums = this.all<SumRow>(
      `SELECT metric, service, delivery, key,
         coalesce(sum(n) FILTER (WHERE day BETWEEN ? AND ?), 0) AS cur,
         coalesce(sum(n) FILTER (WHERE day BETWEEN ? AND ?), 0) AS prev,
         sum(n) AS upTo,
         coalesce(sum(n) FILTER (WHERE day <= ?), 0) AS upToPrev
       FROM report_day_counts WHERE center_id = ? AND metric NOT IN ('step', 'operatorDecisionMs') AND day <= ?
       GROUP BY metric, service, delivery, key`,
      [cur.from, cur.to, prev.from, prev.to, prev.to, centerId, cur.to],
    );
    const of = (metric: DayMetric) => sums.filter((r) => r.metric === metric);
    const total = (metric: DayMetric, field: 'cur' | 'upTo') => of(metric).reduce((s, r) => s + r[field], 0);
    const workingDays = workingDaysIn(period, this.deadlines.calendar);
    const summary = this.summary(sums);
    return {
      centerId,
      period,
      previousPeriod: previous,
      workingDays,
      summary,
      refusals: { total: summary.total.refused, byReason: this.reasons(of('reason'), summary.total.refused) },
      deadlines: {
        decided: total('inTime', 'cur') + total('late', 'cur'),
        inTime: total('inTime', 'cur'),
        late: total('late', 'cur'),
        lateByDays: byKey(of('late'))
          .filter(([, n]) => n > 0)
          .map(([k, n]) => ({ lateDays: Number(k), count: n }))
          .sort((a, b) => a.lateDays - b.lateDays),
        openAtEnd: summary.total.undecided,
        overdueAtEnd: total('duePassed', 'upTo') - total('duePassedDecided', 'upTo'),
        extended: total('extended', 'cur'),
        workingDaysAdded: total('extendedDays', 'cur'),
      },
      throughput: this.throughput(centerId, cur, sums, workingDays),
      timeInStatus: this.steps(centerId, cur),
      trend: this.trend(centerId, period),
    };
  }

  private all<R>(sqlText: string, params: unknown[]): R[] {
    return this.runner.statement(sqlText).all(...params) as R[];
  }

  private summary(sums: SumRow[]): ReportResult['summary'] {
    const slices = () => ({ byService: { exchange: zero(), renewal: zero() }, byDelivery: { pickup: zero(), ukrposhta: zero() } });
    const cur = slices();
    const prev = slices();
    const out = {
      total: zero(), previous: zero(), byService: cur.byService, byDelivery: cur.byDelivery,
      previousByService: prev.byService, previousByDelivery: prev.byDelivery,
    };
    const add = (r: SumRow, figure: keyof SummaryFigures, now: number, before: number) => {
      out.total[figure] += now;
      out.previous[figure] += before;
      out.byService[r.service][figure] += now;
      out.byDelivery[r.delivery][figure] += now;
      out.previousByService[r.service][figure] += before;
      out.previousByDelivery[r.delivery][figure] += before;
    };
    for (const r of sums) {
      for (const figure of SUMMARY_METRICS) if (PERIOD_METRIC[figure] === r.metric) add(r, figure, r.cur, r.prev);
      // At the period's end: running sums up to its last day.
      if (r.metric === 'received') add(r, 'undecided', r.upTo, r.upToPrev);
      if (r.metric === 'decided') add(r, 'undecided', -r.upTo, -r.upToPrev);
      if (r.metric === 'pickupFrom') add(r, 'awaitingPickup', r.upTo, r.upToPrev);
      if (r.metric === 'pickupUntil') add(r, 'awaitingPickup', -r.upTo, -r.upToPrev);
    }
    return out;
  }

  private reasons(rows: SumRow[], total: number): ReportResult['refusals']['byReason'] {
    const catalogue = this.all<{ code: string; titleUk: string; titleEn: string; active: number }>(
      'SELECT code, title_uk AS titleUk, title_en AS titleEn, active FROM refusal_reasons ORDER BY sort_order, code', [],
    );
    return refusalsByReason(catalogue.map((c) => ({ ...c, active: c.active === 1 })), byKey(rows), total);
  }

  private throughput(centerId: string, cur: DayRange, sums: SumRow[], workingDays: number): ReportResult['throughput'] {
    const approved = new Map(byKey(sums.filter((r) => r.metric === 'operatorApproved')));
    const refused = new Map(byKey(sums.filter((r) => r.metric === 'operatorRefused')));
    const ids = [...new Set([...approved.keys(), ...refused.keys()])].filter((id) => (approved.get(id) ?? 0) + (refused.get(id) ?? 0) > 0);
    const names = new Map(this.all<{ id: string; name: string }>('SELECT id, display_name AS name FROM operators', []).map((o) => [o.id, o.name]));
    const buckets = this.all<{ key: string; n: number }>(
      `SELECT key, sum(n) AS n FROM report_day_counts WHERE center_id = ? AND metric = 'operatorDecisionMs' AND day BETWEEN ? AND ? GROUP BY key`,
      [centerId, cur.from, cur.to],
    );
    return ids
      .map((operatorId) => {
        const a = approved.get(operatorId) ?? 0;
        const r = refused.get(operatorId) ?? 0;
        const own = buckets
          .filter((b) => b.key.slice(b.key.indexOf(':') + 1) === operatorId)
          .map((b) => ({ bucket: Number(b.key.slice(0, b.key.indexOf(':'))), n: b.n }));
        const walk = (bucket: number, offset: number) => this.walk('decision_ms', 'decided_day', bucket, offset, cur, centerId, operatorId);
        return {
          operatorId,
          name: names.get(operatorId) ?? null,
          approved: a,
          refused: r,
          decisions: a + r,
          perWorkingDay: workingDays ? Math.round(((a + r) / workingDays) * 100) / 100 : 0,
          measuredDecisions: own.reduce((sum, b) => sum + b.n, 0),
          medianClaimToDecisionMs: percentile(own, 50, walk),
        };
      })
      .sort((x, y) => y.decisions - x.decisions || x.operatorId.localeCompare(y.operatorId));
  }

  private steps(centerId: string, cur: DayRange): ReportResult['timeInStatus'] {
    const rows = this.all<{ key: string; n: number }>(
      `SELECT key, sum(n) AS n FROM report_day_counts WHERE center_id = ? AND metric = 'step' AND day BETWEEN ? AND ? GROUP BY key`,
      [centerId, cur.from, cur.to],
    );
    return STATUS_STEPS.map((step) => {
      const own = rows
        .filter((r) => r.key.startsWith(`${step}:`))
        .map((r) => ({ bucket: Number(r.key.slice(step.length + 1)), n: r.n }));
      const c = STEP_COLUMNS[step];
      const walk = (bucket: number, offset: number) => this.walk(c.ms, c.day, bucket, offset, cur, centerId);
      return { step, count: own.reduce((s, b) => s + b.n, 0), medianMs: percentile(own, 50, walk), p90Ms: percentile(own, 90, walk) };
    });
  }

  /** The length at `offset` within one bucket, among the stretches that ended in the period (an index range). */
  private walk(ms: string, day: string, bucket: number, offset: number, cur: DayRange, centerId: string, operatorId?: string): number {
    const byOperator = operatorId !== undefined ? 'AND decided_by = ?' : '';
    const row = this.all<{ v: number }>(
      `SELECT ${ms} AS v FROM report_facts WHERE center_id = ? ${byOperator} AND ${ms} >= ? AND ${ms} < ? AND ${day} BETWEEN ? AND ?
       ORDER BY ${ms} LIMIT 1 OFFSET ?`,
      [centerId, ...(operatorId !== undefined ? [operatorId] : []), bucketLow(bucket), bucketLow(bucket + 1), cur.from, cur.to, offset],
    )[0];
    if (!row) throw new Error(`report counts and facts disagree in bucket ${bucket} of ${ms}`);
    return row.v;
  }

  private trend(centerId: string, period: ReportPeriod): ReportResult['trend'] {
    const { from, to } = periodDays(period);
    const { granularity, buckets } = trendBuckets(period);
    const rows = this.all<{ day: number; metric: 'received' | 'approved' | 'refused'; n: number }>(
      `SELECT day, metric, sum(n) AS n FROM report_day_counts
       WHERE center_id = ? AND metric IN ('received', 'approved', 'refused') AND day BETWEEN ? AND ? GROUP BY metric, day`,
      [centerId, from, to],
    );
    const points = buckets.map((b) => ({ from: dayNumberToIso(b.from), to: dayNumberToIso(b.to), received: 0, approved: 0, refused: 0 }));
    for (const r of rows) points[buckets.findIndex((b) => r.day >= b.from && r.day <= b.to)]![r.metric] += r.n;
    return { granularity, points };
  }
}

/** Sums of the period by key. */
function byKey(rows: SumRow[]): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + r.cur);
  return [...m];
}

/**
 * A nearest-rank percentile from bucket counts: the bucket holding the rank, then the value at the remaining
 * offset inside it (buckets are in length order, so ranks add up across them).
 */
function percentile(buckets: { bucket: number; n: number }[], p: number, walk: (bucket: number, offset: number) => number): number | null {
  const n = buckets.reduce((s, b) => s + b.n, 0);
  if (n === 0) return null;
  let offset = nearestRankOffset(n, p);
  for (const b of [...buckets].sort((x, y) => x.bucket - y.bucket)) {
    if (offset < b.n) return walk(b.bucket, offset);
    offset -= b.n;
  }
  return null;
}
