import { refusalsByReason } from '../../../shared/reports/refusals';
import type { DeliveryMethod, Service } from '../../../shared/domain/application';
import { dayNumberToIso } from '../../../shared/domain/kyiv-time';
import type { DayMetric } from '../../../shared/reports/day-counts';
import { STATUS_STEPS, type StatusStep } from '../../../shared/reports/facts';
import { periodDays, previousPeriod, trendBuckets, workingDaysIn, type ReportPeriod } from '../../../shared/reports/period';
import { SUMMARY_METRICS, type ReportResult, type SummaryFigures } from '../../../shared/reports/result';
import type { StoreDb } from '../../store/store';
import { dailySums, splitRange, splitUpTo, sumCounts, type SumRow } from './count-sums';
import { calendarOf } from './facts-builder';
import { plan, walkAll, type Walk } from './percentile-walks';
import { OPERATOR_BUCKET_WIDTH } from './report-rows';

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

  /** `allCenters`: the ids are every center there is (the percentiles' walks then need no center condition). */
  async report(centerIds: readonly string[], period: ReportPeriod, operatorNames: ReadonlyMap<string, string>, allCenters = false): Promise<ScopedReport> {
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
    const grouped = new Map<string, SumRow[]>();
    for (const r of rows) (grouped.get(`${r.part}:${r.metric}`) ?? grouped.set(`${r.part}:${r.metric}`, []).get(`${r.part}:${r.metric}`)!).push(r);
    const of = (part: string, metric: DayMetric) => grouped.get(`${part}:${metric}`) ?? [];
    const total = (part: string, metric: DayMetric) => of(part, metric).reduce((s, r) => s + r.n, 0);
    const { summary, byCenter } = summarise(rows);

    const walks: Walk[] = [];
    const throughput = this.throughput(of, workingDays, operatorNames, walks);
    const steps = this.steps(of('cur', 'step'), allCenters ? null : centerIds, walks);
    const values = await walkAll(db, walks, cur);
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
    const catalogue = await db.selectFrom('refusal_reasons').select(['code', 'title_uk', 'title_en', 'active']).orderBy('sort_order').orderBy('code').execute();
    return refusalsByReason(catalogue.map((c) => ({ code: c.code, titleUk: c.title_uk, titleEn: c.title_en, active: c.active === 1 })), used, total);
  }

  private throughput(of: (part: string, metric: DayMetric) => SumRow[], workingDays: number, names: ReadonlyMap<string, string>, walks: Walk[]) {
    const approved = new Map(byKey(of('cur', 'operatorApproved')));
    const refused = new Map(byKey(of('cur', 'operatorRefused')));
    // Each operator's length buckets and centers (an operator works at one center; the walk names it).
    const own = new Map<string, { buckets: { bucket: number; n: number }[]; centers: Set<string> }>();
    const entry = (id: string) => own.get(id) ?? own.set(id, { buckets: [], centers: new Set() }).get(id)!;
    for (const r of [...of('cur', 'operatorApproved'), ...of('cur', 'operatorRefused')]) entry(r.key).centers.add(r.center_id);
    for (const r of of('cur', 'operatorDecisionMs')) {
      const at = r.key.indexOf(':');
      const e = entry(r.key.slice(at + 1));
      e.centers.add(r.center_id);
      e.buckets.push({ bucket: Number(r.key.slice(0, at)), n: r.n });
    }
    const ids = [...new Set([...approved.keys(), ...refused.keys()])].filter((id) => (approved.get(id) ?? 0) + (refused.get(id) ?? 0) > 0);
    return ids
      .map((operatorId) => {
        const a = approved.get(operatorId) ?? 0;
        const r = refused.get(operatorId) ?? 0;
        const e = entry(operatorId);
        return {
          operatorId,
          name: names.get(operatorId) ?? null,
          approved: a,
          refused: r,
          decisions: a + r,
          perWorkingDay: workingDays ? Math.round(((a + r) / workingDays) * 100) / 100 : 0,
          measuredDecisions: e.buckets.reduce((sum, b) => sum + b.n, 0),
          medianWalk: plan(e.buckets, 50, walks, { column: STEP_COLUMNS.inWorkToDecision, width: OPERATOR_BUCKET_WIDTH, centers: [...e.centers], operatorId }),
        };
      })
      .sort((x, y) => y.decisions - x.decisions || x.operatorId.localeCompare(y.operatorId));
  }

  private steps(rows: SumRow[], centers: readonly string[] | null, walks: Walk[]) {
    const buckets = new Map<string, { bucket: number; n: number }[]>();
    for (const [k, n] of byKey(rows)) {
      const at = k.indexOf(':');
      (buckets.get(k.slice(0, at)) ?? buckets.set(k.slice(0, at), []).get(k.slice(0, at))!).push({ bucket: Number(k.slice(at + 1)), n });
    }
    return STATUS_STEPS.map((step) => {
      const own = buckets.get(step) ?? [];
      const at = { column: STEP_COLUMNS[step], width: 1, centers };
      return { step, count: own.reduce((s, b) => s + b.n, 0), medianWalk: plan(own, 50, walks, at), p90Walk: plan(own, 90, walks, at) };
    });
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
  const summary = {
    total: zero(), previous: zero(),
    byService: { exchange: zero(), renewal: zero() }, byDelivery: { pickup: zero(), ukrposhta: zero() },
    previousByService: { exchange: zero(), renewal: zero() }, previousByDelivery: { pickup: zero(), ukrposhta: zero() },
  };
  const byCenter = new Map<string, SummaryFigures>();
  const add = (r: SumRow, figure: keyof SummaryFigures, sign: 1 | -1) => {
    const n = sign * r.n;
    if (r.part === 'prev' || r.part === 'prevEnd') {
      summary.previous[figure] += n;
      summary.previousByService[r.service as Service][figure] += n;
      summary.previousByDelivery[r.delivery as DeliveryMethod][figure] += n;
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
