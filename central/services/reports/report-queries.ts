import { sql } from 'kysely';
import type { DeliveryMethod, Service } from '../../../shared/domain/application';
import { dayNumberToIso } from '../../../shared/domain/kyiv-time';
import { bucketLow, type DayMetric } from '../../../shared/reports/day-counts';
import { STATUS_STEPS, type StatusStep } from '../../../shared/reports/facts';
import { periodDays, previousPeriod, trendBuckets, workingDaysIn, type DayRange, type ReportPeriod } from '../../../shared/reports/period';
import { nearestRankOffset, SUMMARY_METRICS, type ReportResult, type SummaryFigures } from '../../../shared/reports/result';
import type { StoreDb } from '../../store/store';
import { dailySums, splitRange, splitUpTo, sumCounts, type SumRow } from './count-sums';
import { calendarOf } from './facts-builder';

/** The columns of each time-in-status stretch in `report_facts`: its length and the day it ended. */
const STEP_COLUMNS: Record<StatusStep, { ms: string; day: string }> = {
  submittedToReceived: { ms: 'received_ms', day: 'received_day' },
  receivedToInWork: { ms: 'in_work_ms', day: 'in_work_day' },
  inWorkToDecision: { ms: 'decision_ms', day: 'decided_day' },
  decisionToArrival: { ms: 'arrival_ms', day: 'arrival_day' },
  arrivalToOut: { ms: 'out_ms', day: 'out_day' },
};

/** Summary figures counted in the period and the daily metric each is the sum of (the rest are at its end). */
const PERIOD_METRIC: Partial<Record<keyof SummaryFigures, DayMetric>> = {
  received: 'received', approved: 'approved', refused: 'refused', cancelled: 'cancelled', shippedByPost: 'shipped', handedOver: 'handed',
};
const PERIOD_METRICS = Object.values(PERIOD_METRIC);
const KEYED: DayMetric[] = ['inTime', 'late', 'reason', 'operatorApproved', 'operatorRefused', 'extended', 'extendedDays', 'step', 'operatorDecisionMs'];
const AT_END: DayMetric[] = ['received', 'decided', 'pickupFrom', 'pickupUntil'];
const OPERATOR: ReadonlySet<DayMetric> = new Set(['operatorApproved', 'operatorRefused', 'operatorDecisionMs']);
const SUMMARY: ReadonlySet<DayMetric> = new Set([...PERIOD_METRICS, ...AT_END]);

const zero = (): SummaryFigures => Object.fromEntries(SUMMARY_METRICS.map((m) => [m, 0])) as unknown as SummaryFigures;

/** One percentile to find: the value at `offset` within one length bucket of one stretch, in the period. */
interface Walk {
  column: { ms: string; day: string };
  bucket: number;
  offset: number;
  centers: readonly string[];
  operatorId?: string;
}

/** A report of some centers (one, or all) with each center's own summary for the period. */
export interface ScopedReport {
  result: ReportResult;
  byCenter: Map<string, SummaryFigures>;
}

/**
 * The report of one center or of all, computed as the console computes it (electron/core/services/reports) from
 * the same counts of the same facts, so a center's report here equals the console's: sums of `report_counts` for
 * every count, and for each percentile one walk of the single length bucket that holds its rank, all walks in one
 * query. Nothing is loaded per application: what comes back is bounded by months, days, codes and operators.
 */
export class CentralReportQueries {
  constructor(private readonly db: () => StoreDb) {}

  async report(centerIds: readonly string[], period: ReportPeriod, operatorNames: ReadonlyMap<string, string>): Promise<ScopedReport> {
    const db = this.db();
    const previous = previousPeriod(period);
    const cur = periodDays(period);
    const prev = periodDays(previous);
    const calendar = calendarOf(await db.selectFrom('non_working_days').select('day').execute());
    const workingDays = workingDaysIn(period, calendar);
    const rows = await sumCounts(db, centerIds, [
      { part: 'cur', split: splitRange(cur.from, cur.to), metrics: [...PERIOD_METRICS, ...KEYED] },
      { part: 'prev', split: splitRange(prev.from, prev.to), metrics: PERIOD_METRICS },
      { part: 'end', split: splitUpTo(cur.to), metrics: [...AT_END, 'duePassed', 'duePassedDecided'] },
      { part: 'prevEnd', split: splitUpTo(prev.to), metrics: AT_END },
    ], (m) => OPERATOR.has(m) || SUMMARY.has(m));
    const of = (part: string, metric: DayMetric) => rows.filter((r) => r.part === part && r.metric === metric);
    const total = (part: string, metric: DayMetric) => of(part, metric).reduce((s, r) => s + r.n, 0);
    const { summary, byCenter } = summarise(rows);

    const walks: Walk[] = [];
    const throughput = this.throughput(rows, workingDays, operatorNames, walks);
    const steps = this.steps(rows, centerIds, walks);
    const values = await this.walk(db, walks, cur);
    const result: ReportResult = {
      centerId: centerIds.length === 1 ? centerIds[0]! : '',
      period,
      previousPeriod: previous,
      workingDays,
      summary,
      refusals: { total: summary.total.refused, byReason: await this.reasons(db, byKey(of('cur', 'reason')), summary.total.refused) },
      deadlines: {
        decided: total('cur', 'inTime') + total('cur', 'late'),
        inTime: total('cur', 'inTime'),
        late: total('cur', 'late'),
        lateByDays: byKey(of('cur', 'late'))
          .filter(([, n]) => n > 0)
          .map(([k, n]) => ({ lateDays: Number(k), count: n }))
          .sort((a, b) => a.lateDays - b.lateDays),
        openAtEnd: summary.total.undecided,
        overdueAtEnd: total('end', 'duePassed') - total('end', 'duePassedDecided'),
        extended: total('cur', 'extended'),
        workingDaysAdded: total('cur', 'extendedDays'),
      },
      throughput: throughput.map(({ medianWalk, ...o }) => ({ ...o, medianClaimToDecisionMs: medianWalk === null ? null : values[medianWalk]! })),
      timeInStatus: steps.map(({ medianWalk, p90Walk, ...s }) => ({
        ...s,
        medianMs: medianWalk === null ? null : values[medianWalk]!,
        p90Ms: p90Walk === null ? null : values[p90Walk]!,
      })),
      trend: await this.trend(db, centerIds, period),
    };
    return { result, byCenter };
  }

  private async reasons(db: StoreDb, used: [string, number][], total: number): Promise<ReportResult['refusals']['byReason']> {
    const counts = new Map(used.filter(([, n]) => n > 0));
    const catalogue = await db.selectFrom('refusal_reasons').select(['code', 'title_uk', 'title_en', 'active']).orderBy('sort_order').orderBy('code').execute();
    const known = new Set(catalogue.map((c) => c.code));
    // Every reason in use today, and a retired or unknown one whenever it was used in the period.
    const out = catalogue
      .filter((c) => c.active === 1 || counts.has(c.code))
      .map((c) => ({ code: c.code, titleUk: c.title_uk, titleEn: c.title_en, active: c.active === 1 }));
    for (const code of [...counts.keys()].filter((c) => !known.has(c)).sort()) out.push({ code, titleUk: code, titleEn: code, active: false });
    return out.map((r) => {
      const count = counts.get(r.code) ?? 0;
      return { ...r, count, share: total ? count / total : 0 };
    });
  }

  private throughput(rows: SumRow[], workingDays: number, names: ReadonlyMap<string, string>, walks: Walk[]) {
    const cur = rows.filter((r) => r.part === 'cur');
    const approved = new Map(byKey(cur.filter((r) => r.metric === 'operatorApproved')));
    const refused = new Map(byKey(cur.filter((r) => r.metric === 'operatorRefused')));
    const centersOf = new Map<string, Set<string>>();
    for (const r of cur.filter((x) => OPERATOR.has(x.metric))) {
      const id = r.metric === 'operatorDecisionMs' ? r.key.slice(r.key.indexOf(':') + 1) : r.key;
      (centersOf.get(id) ?? centersOf.set(id, new Set()).get(id)!).add(r.center_id);
    }
    const ids = [...new Set([...approved.keys(), ...refused.keys()])].filter((id) => (approved.get(id) ?? 0) + (refused.get(id) ?? 0) > 0);
    const buckets = cur.filter((r) => r.metric === 'operatorDecisionMs');
    return ids
      .map((operatorId) => {
        const a = approved.get(operatorId) ?? 0;
        const r = refused.get(operatorId) ?? 0;
        const own = buckets
          .filter((b) => b.key.slice(b.key.indexOf(':') + 1) === operatorId)
          .map((b) => ({ bucket: Number(b.key.slice(0, b.key.indexOf(':'))), n: b.n }));
        const centers = [...(centersOf.get(operatorId) ?? [])];
        return {
          operatorId,
          name: names.get(operatorId) ?? null,
          approved: a,
          refused: r,
          decisions: a + r,
          perWorkingDay: workingDays ? Math.round(((a + r) / workingDays) * 100) / 100 : 0,
          medianWalk: plan(own, 50, walks, { column: STEP_COLUMNS.inWorkToDecision, centers, operatorId }),
        };
      })
      .sort((x, y) => y.decisions - x.decisions || x.operatorId.localeCompare(y.operatorId));
  }

  private steps(rows: SumRow[], centerIds: readonly string[], walks: Walk[]) {
    const buckets = byKey(rows.filter((r) => r.part === 'cur' && r.metric === 'step'));
    return STATUS_STEPS.map((step) => {
      const own = buckets.filter(([k]) => k.startsWith(`${step}:`)).map(([k, n]) => ({ bucket: Number(k.slice(step.length + 1)), n }));
      const at = { column: STEP_COLUMNS[step], centers: centerIds };
      return { step, count: own.reduce((s, b) => s + b.n, 0), medianWalk: plan(own, 50, walks, at), p90Walk: plan(own, 90, walks, at) };
    });
  }

  /** Every planned walk, in batches of one query each: the length at its offset within its bucket, in the period. */
  private async walk(db: StoreDb, walks: readonly Walk[], cur: DayRange): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < walks.length; i += 100) {
      const arms = walks.slice(i, i + 100).map((w, k) => {
        const ms = sql.ref(w.column.ms);
        const byOperator = w.operatorId !== undefined ? sql`AND decided_by = ${w.operatorId}` : sql``;
        return sql`SELECT ${sql.lit(i + k)} AS i, v FROM (SELECT ${ms} AS v FROM report_facts
          WHERE center_id IN (${sql.join(w.centers.map((c) => sql`${c}`))}) ${byOperator}
            AND ${ms} >= ${bucketLow(w.bucket)} AND ${ms} < ${bucketLow(w.bucket + 1)} AND ${sql.ref(w.column.day)} BETWEEN ${cur.from} AND ${cur.to}
          ORDER BY ${ms} LIMIT 1 OFFSET ${w.offset}) AS ${sql.ref(`w${i + k}`)}`;
      });
      for (const r of (await sql<{ i: number; v: number }>`${sql.join(arms, sql` UNION ALL `)}`.execute(db)).rows) out[Number(r.i)] = Number(r.v);
    }
    const missing = walks.findIndex((_, i) => out[i] === undefined);
    if (missing >= 0) throw new Error(`report counts and facts disagree in bucket ${walks[missing]!.bucket} of ${walks[missing]!.column.ms}`);
    return out;
  }

  private async trend(db: StoreDb, centerIds: readonly string[], period: ReportPeriod): Promise<ReportResult['trend']> {
    const { granularity, buckets } = trendBuckets(period);
    const rows = await dailySums(db, centerIds, ['received', 'approved', 'refused'], periodDays(period));
    const points = buckets.map((b) => ({ from: dayNumberToIso(b.from), to: dayNumberToIso(b.to), received: 0, approved: 0, refused: 0 }));
    for (const r of rows) points[buckets.findIndex((b) => r.day >= b.from && r.day <= b.to)]![r.metric as 'received' | 'approved' | 'refused'] += r.n;
    return { granularity, points };
  }
}

/** The summary of all the centers read, and each center's own figures for the period. */
function summarise(rows: SumRow[]): { summary: ReportResult['summary']; byCenter: Map<string, SummaryFigures> } {
  const summary = { total: zero(), previous: zero(), byService: { exchange: zero(), renewal: zero() }, byDelivery: { pickup: zero(), ukrposhta: zero() } };
  const byCenter = new Map<string, SummaryFigures>();
  const add = (r: SumRow, figure: keyof SummaryFigures, sign: 1 | -1) => {
    const n = sign * r.n;
    if (r.part === 'prev' || r.part === 'prevEnd') {
      summary.previous[figure] += n;
      return;
    }
    summary.total[figure] += n;
    summary.byService[r.service as Service][figure] += n;
    summary.byDelivery[r.delivery as DeliveryMethod][figure] += n;
    (byCenter.get(r.center_id) ?? byCenter.set(r.center_id, zero()).get(r.center_id)!)[figure] += n;
  };
  for (const r of rows) {
    if (r.part === 'cur' || r.part === 'prev') {
      for (const figure of SUMMARY_METRICS) if (PERIOD_METRIC[figure] === r.metric) add(r, figure, 1);
      continue;
    }
    // At the period's end: running sums up to its last day.
    if (r.metric === 'received') add(r, 'undecided', 1);
    if (r.metric === 'decided') add(r, 'undecided', -1);
    if (r.metric === 'pickupFrom') add(r, 'awaitingPickup', 1);
    if (r.metric === 'pickupUntil') add(r, 'awaitingPickup', -1);
  }
  return { summary, byCenter };
}

/** Sums by key. */
function byKey(rows: readonly SumRow[]): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + r.n);
  return [...m];
}

/**
 * A nearest-rank percentile from bucket counts: the bucket holding the rank and the offset inside it (buckets are
 * in length order, so ranks add up across them), planned as a walk; null when nothing was measured.
 */
function plan(buckets: { bucket: number; n: number }[], p: number, walks: Walk[], at: Omit<Walk, 'bucket' | 'offset'>): number | null {
  const n = buckets.reduce((s, b) => s + b.n, 0);
  if (n === 0) return null;
  let offset = nearestRankOffset(n, p);
  for (const b of [...buckets].sort((x, y) => x.bucket - y.bucket)) {
    if (offset < b.n) return walks.push({ ...at, bucket: b.bucket, offset }) - 1;
    offset -= b.n;
  }
  return null;
}
