/**
 * Test support: the report counted straight from what a replay did (half-year-sim.ts), with none of the server's
 * machinery: no facts table, no counts, no length buckets. Days and working days are counted here by hand; only the
 * period's definitions (previous period, trend buckets) and the refusal catalogue's titles come from shared/.
 */
import { kyivDayNumber, weekday, type DayNumber } from '../../../shared/domain/kyiv-time';
import { REFUSAL_REASON_SEED } from '../../../shared/domain/refusal-reasons';
import { periodDays, previousPeriod, trendBuckets, type ReportPeriod } from '../../../shared/reports/period';
import type { ReportResult, SummaryFigures } from '../../../shared/reports/result';
import type { Life } from './half-year-sim';

const isWorking = (d: DayNumber) => weekday(d) !== 0 && weekday(d) !== 6;
const day = (t: number | undefined) => (t === undefined ? undefined : kyivDayNumber(t));
const PENDING = ['submitted', 'received', 'in_review'];

/** What one life comes to, by hand. */
function outline(l: Life, fmDays: ReadonlySet<DayNumber>) {
  const first = (s: string) => l.steps.find((x) => x.status === s);
  const decisionIndex = l.steps.findIndex((x) => !PENDING.includes(x.status));
  const decision = decisionIndex >= 0 ? l.steps[decisionIndex]! : undefined;
  const claims = l.steps.slice(0, decisionIndex >= 0 ? decisionIndex : undefined).filter((x) => x.status === 'in_review');
  const received = l.steps.slice(0, decisionIndex >= 0 ? decisionIndex : undefined).find((x) => x.status === 'received');
  // The deadline: 10 working days counted from the working day after filing; a force-majeure working day adds one.
  let due = kyivDayNumber(l.submittedAt);
  let extended = 0;
  for (let counted = 0; counted < 10; ) {
    due++;
    if (!isWorking(due)) continue;
    if (fmDays.has(due)) extended++;
    else counted++;
  }
  const kind = decision ? (decision.status === 'refused' ? 'refused' : decision.status === 'cancelled' ? 'cancelled' : 'approved') : null;
  const decidedDay = day(decision?.at);
  let late: number | null = null;
  if (kind === 'approved' || kind === 'refused') {
    let k = 0;
    for (let d = due + 1; d <= decidedDay!; d++) if (isWorking(d)) k++;
    late = decidedDay! <= due ? 0 : Math.max(1, k);
  }
  const arrived = l.steps.find((x) => x.status === 'ready_for_pickup' || x.status === 'awaiting_shipment');
  const out = l.steps.find((x) => x.status === 'issued' || x.status === 'shipped');
  const lastClaim = claims[claims.length - 1];
  const span = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > a ? { ms: b - a, day: day(b)! } : null);
  return {
    l, kind, decidedDay, late, due, extended,
    decidedBy: kind === 'approved' || kind === 'refused' ? decision!.operatorId : null,
    submittedDay: kyivDayNumber(l.submittedAt),
    cancelledDay: day(first('cancelled')?.at),
    shippedDay: day(first('shipped')?.at),
    handedDay: day(first('issued')?.at),
    pickupFrom: day(first('ready_for_pickup')?.at),
    stretches: {
      submittedToReceived: span(l.submittedAt, received?.at),
      receivedToInWork: span(received?.at ?? l.submittedAt, claims[0]?.at),
      inWorkToDecision: kind === 'cancelled' ? null : span(lastClaim?.at, decision?.at),
      decisionToArrival: kind === 'approved' ? span(decision?.at, arrived?.at) : null,
      arrivalToOut: span(arrived?.at, out?.at),
    },
  };
}

/** Nearest rank: the value at rank ceil(p% of n) of the sorted values. */
function rank(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The report the server must give for these lives (one center's, or every center's) and period. */
export function expectedReport(lives: readonly Life[], period: ReportPeriod, centerId: string, fm: ReadonlyMap<string, ReadonlySet<DayNumber>>, names: ReadonlyMap<string, string>, retired: ReadonlySet<string>): ReportResult {
  const all = lives.map((l) => outline(l, fm.get(l.centerId) ?? new Set()));
  const { from, to } = periodDays(period);
  const previous = previousPeriod(period);
  const prev = periodDays(previous);
  const within = (d: number | undefined, a = from, b = to) => d !== undefined && d >= a && d <= b;
  const figures = (xs: typeof all, a: number, b: number): SummaryFigures => ({
    received: xs.filter((x) => within(x.submittedDay, a, b)).length,
    approved: xs.filter((x) => x.kind === 'approved' && within(x.decidedDay, a, b)).length,
    refused: xs.filter((x) => x.kind === 'refused' && within(x.decidedDay, a, b)).length,
    cancelled: xs.filter((x) => within(x.cancelledDay, a, b)).length,
    undecided: xs.filter((x) => x.submittedDay <= b && (x.decidedDay === undefined || x.decidedDay > b)).length,
    shippedByPost: xs.filter((x) => within(x.shippedDay, a, b)).length,
    handedOver: xs.filter((x) => within(x.handedDay, a, b)).length,
    awaitingPickup: xs.filter((x) => x.pickupFrom !== undefined && x.pickupFrom <= b && (x.handedDay === undefined || x.handedDay > b)).length,
  });
  let workingDays = 0;
  for (let d = from; d <= to; d++) if (isWorking(d)) workingDays++;
  const decided = all.filter((x) => (x.kind === 'approved' || x.kind === 'refused') && within(x.decidedDay));
  const refusals = decided.filter((x) => x.kind === 'refused');
  const lateDays = [...new Set(decided.map((x) => x.late!).filter((n) => n > 0))].sort((a, b) => a - b);
  const undecided = all.filter((x) => x.submittedDay <= to && (x.decidedDay === undefined || x.decidedDay > to));
  const operators = [...new Set(decided.map((x) => x.decidedBy!))];
  return {
    centerId,
    period,
    previousPeriod: previous,
    workingDays,
    summary: {
      total: figures(all, from, to),
      previous: figures(all, prev.from, prev.to),
      byService: { exchange: figures(all.filter((x) => x.l.service === 'exchange'), from, to), renewal: figures(all.filter((x) => x.l.service === 'renewal'), from, to) },
      byDelivery: { pickup: figures(all.filter((x) => x.l.delivery === 'pickup'), from, to), ukrposhta: figures(all.filter((x) => x.l.delivery === 'ukrposhta'), from, to) },
      previousByService: {
        exchange: figures(all.filter((x) => x.l.service === 'exchange'), prev.from, prev.to),
        renewal: figures(all.filter((x) => x.l.service === 'renewal'), prev.from, prev.to),
      },
      previousByDelivery: {
        pickup: figures(all.filter((x) => x.l.delivery === 'pickup'), prev.from, prev.to),
        ukrposhta: figures(all.filter((x) => x.l.delivery === 'ukrposhta'), prev.from, prev.to),
      },
    },
    refusals: {
      total: refusals.length,
      byReason: REFUSAL_REASON_SEED.filter(([code]) => !retired.has(code) || refusals.some((x) => x.l.reasonCode === code)).map(([code, titleUk, titleEn]) => {
        const count = refusals.filter((x) => x.l.reasonCode === code).length;
        return { code, titleUk, titleEn, active: !retired.has(code), count, share: refusals.length ? count / refusals.length : 0 };
      }),
    },
    deadlines: {
      decided: decided.length,
      inTime: decided.filter((x) => x.late === 0).length,
      late: decided.filter((x) => x.late! > 0).length,
      lateByDays: lateDays.map((n) => ({ lateDays: n, count: decided.filter((x) => x.late === n).length })),
      openAtEnd: undecided.length,
      overdueAtEnd: undecided.filter((x) => x.due < to).length,
      extended: all.filter((x) => within(x.submittedDay) && x.extended > 0).length,
      workingDaysAdded: all.filter((x) => within(x.submittedDay)).reduce((s, x) => s + x.extended, 0),
    },
    throughput: operators
      .map((operatorId) => {
        const own = decided.filter((x) => x.decidedBy === operatorId);
        const approved = own.filter((x) => x.kind === 'approved').length;
        return {
          operatorId, name: names.get(operatorId) ?? null, approved, refused: own.length - approved, decisions: own.length,
          perWorkingDay: workingDays ? Math.round((own.length / workingDays) * 100) / 100 : 0,
          measuredDecisions: own.filter((x) => x.stretches.inWorkToDecision).length,
          medianClaimToDecisionMs: rank(own.flatMap((x) => (x.stretches.inWorkToDecision ? [x.stretches.inWorkToDecision.ms] : [])), 50),
        };
      })
      .sort((a, b) => b.decisions - a.decisions || a.operatorId.localeCompare(b.operatorId)),
    timeInStatus: (['submittedToReceived', 'receivedToInWork', 'inWorkToDecision', 'decisionToArrival', 'arrivalToOut'] as const).map((step) => {
      const values = all.flatMap((x) => {
        const s = x.stretches[step];
        return s && within(s.day) ? [s.ms] : [];
      });
      return { step, count: values.length, medianMs: rank(values, 50), p90Ms: rank(values, 90) };
    }),
    trend: (() => {
      const t = trendBuckets(period);
      const count = (xs: typeof all, b: { from: number; to: number }) => xs.filter((x) => within(x.decidedDay, b.from, b.to));
      return {
        granularity: t.granularity,
        points: t.buckets.map((b) => ({
          from: new Date(b.from * 86_400_000).toISOString().slice(0, 10), to: new Date(b.to * 86_400_000).toISOString().slice(0, 10),
          received: all.filter((x) => within(x.submittedDay, b.from, b.to)).length,
          approved: count(all, b).filter((x) => x.kind === 'approved').length,
          refused: count(all, b).filter((x) => x.kind === 'refused').length,
        })),
      };
    })(),
  };
}
