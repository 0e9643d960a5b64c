import { isoToDayNumber } from '../../../../shared/domain/kyiv-time';
import type { DayMetric } from '../../../../shared/reports/day-counts';
import type { ReportDrill } from '../../../../shared/reports/drill';
import type { SqlRunner } from '../../store/sql';
import { drillCondition } from './figure-predicates';

/** A sum of daily counts: one metric (optionally one key, or keys starting with a prefix) over a range of days. */
interface Sum {
  metric: DayMetric;
  key?: string;
  keyPrefix?: string;
  /** Keys `<bucket>:<this>`: an operator's lengths, in whichever bucket (shared/reports/day-counts.ts operatorKey). */
  keyAfterBucket?: string;
  /** Every day up to the period's end (a running sum), not only the period's days. */
  upToEnd?: boolean;
  sign?: 1 | -1;
}

/**
 * The sums of daily counts that make a drill-down's figure, the same sums the report shows it from
 * (report-query.ts), or null when its narrowing is not kept in the daily counts (a reason and an operator at once,
 * a stretch split by service): then the list itself is counted.
 */
function sumsOf(d: ReportDrill): Sum[] | null {
  const only = (...allowed: ('reasonCode' | 'operatorId' | 'lateDays')[]) =>
    (['reasonCode', 'operatorId', 'lateDays'] as const).every((k) => d[k] === undefined || allowed.includes(k));
  const byOperator = d.operatorId !== undefined;
  switch (d.figure) {
    case 'received':
    case 'cancelled':
    case 'extended':
      return only() ? [{ metric: d.figure }] : null;
    case 'shippedByPost':
      return only() ? [{ metric: 'shipped' }] : null;
    case 'handedOver':
      return only() ? [{ metric: 'handed' }] : null;
    case 'approved':
      if (!only('operatorId')) return null;
      return [byOperator ? { metric: 'operatorApproved', key: d.operatorId } : { metric: 'approved' }];
    case 'refused':
      if (!only('operatorId', 'reasonCode') || (byOperator && d.reasonCode !== undefined)) return null;
      if (d.reasonCode !== undefined) return [{ metric: 'reason', key: d.reasonCode }];
      return [byOperator ? { metric: 'operatorRefused', key: d.operatorId } : { metric: 'refused' }];
    case 'decided':
      if (!only('operatorId')) return null;
      return byOperator
        ? [{ metric: 'operatorApproved', key: d.operatorId }, { metric: 'operatorRefused', key: d.operatorId }]
        : [{ metric: 'inTime' }, { metric: 'late' }];
    case 'decidedInTime':
      return only() ? [{ metric: 'inTime' }] : null;
    case 'decidedLate':
      return only('lateDays') ? [{ metric: 'late', key: d.lateDays !== undefined ? String(d.lateDays) : undefined }] : null;
    case 'undecided':
      return only() ? [{ metric: 'received', upToEnd: true }, { metric: 'decided', upToEnd: true, sign: -1 }] : null;
    case 'overdueAtEnd':
      return only() ? [{ metric: 'duePassed', upToEnd: true }, { metric: 'duePassedDecided', upToEnd: true, sign: -1 }] : null;
    case 'awaitingPickup':
      return only() ? [{ metric: 'pickupFrom', upToEnd: true }, { metric: 'pickupUntil', upToEnd: true, sign: -1 }] : null;
    case 'stepMeasured':
      // Lengths are kept per day without the service and delivery split; an operator's, of the decision step only.
      if (d.service !== undefined || d.delivery !== undefined) return null;
      if (byOperator) return only('operatorId') && d.step === 'inWorkToDecision' ? [{ metric: 'operatorDecisionMs', keyAfterBucket: d.operatorId }] : null;
      return only() ? [{ metric: 'step', keyPrefix: `${d.step}:` }] : null;
  }
}

/**
 * How many applications a drill-down lists. From the daily counts where they keep the figure (a few hundred rows
 * whatever the number of applications, like the queue's own totals from its facet counts), else by counting the
 * list's condition over its index. The two agree: reports.test.ts counts every list of several reports.
 */
export function figureTotal(runner: SqlRunner, centerId: string, drill: ReportDrill): number {
  const sums = sumsOf(drill);
  if (!sums) {
    const where = drillCondition(centerId, drill);
    return (runner.statement(`SELECT count(*) AS n FROM report_facts WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  }
  const from = isoToDayNumber(drill.from);
  const to = isoToDayNumber(drill.to);
  let total = 0;
  for (const s of sums) {
    const parts = ['center_id = ?', 'metric = ?', 'day BETWEEN ? AND ?'];
    const params: unknown[] = [centerId, s.metric, s.upToEnd ? Number.MIN_SAFE_INTEGER : from, to];
    const narrow = (col: string, op: string, value: unknown) => {
      if (value === undefined) return;
      parts.push(`${col} ${op} ?`);
      params.push(value);
    };
    narrow('service', '=', drill.service);
    narrow('delivery', '=', drill.delivery);
    narrow('key', '=', s.key);
    let prefix = '';
    if (s.keyPrefix !== undefined) {
      prefix = ` AND substr(key, 1, ${s.keyPrefix.length}) = ?`;
      params.push(s.keyPrefix);
    } else if (s.keyAfterBucket !== undefined) {
      prefix = " AND substr(key, instr(key, ':') + 1) = ?";
      params.push(s.keyAfterBucket);
    }
    const row = runner.statement(`SELECT coalesce(sum(n), 0) AS n FROM report_day_counts WHERE ${parts.join(' AND ')}${prefix}`).get(...params) as { n: number };
    total += (s.sign ?? 1) * row.n;
  }
  return total;
}

/** A figure's applications by (status, service, delivery, deadline day while pending), as figureFacets sums them. */
export interface FacetSum {
  status: string;
  service: string;
  delivery: string;
  dueDay: number;
  n: number;
}

/**
 * The facet counts of a drill-down's list from `report_day_facets`: the figure's own sums (as figureTotal takes
 * them), grouped by the status each application stands at; or null when the daily counts do not keep the figure.
 * A running difference (undecided at the end: received minus decided) cancels per group, because both counts of
 * an application carry the status and deadline day it has now.
 */
export function figureFacets(runner: SqlRunner, centerId: string, drill: ReportDrill): FacetSum[] | null {
  const sums = sumsOf(drill);
  if (!sums) return null;
  const from = isoToDayNumber(drill.from);
  const to = isoToDayNumber(drill.to);
  const groups = new Map<string, FacetSum>();
  for (const s of sums) {
    const parts = ['center_id = ?', 'metric = ?'];
    const params: unknown[] = [centerId, s.metric];
    const key = s.key ?? s.keyAfterBucket ?? s.keyPrefix?.slice(0, -1);
    if (key !== undefined) {
      parts.push('key = ?');
      params.push(key);
    }
    parts.push('day BETWEEN ? AND ?');
    params.push(s.upToEnd ? Number.MIN_SAFE_INTEGER : from, to);
    if (drill.service) {
      parts.push('service = ?');
      params.push(drill.service);
    }
    if (drill.delivery) {
      parts.push('delivery = ?');
      params.push(drill.delivery);
    }
    const rows = runner.statement(`SELECT status, service, delivery, due_day AS dueDay, sum(n) AS n FROM report_day_facets
      WHERE ${parts.join(' AND ')} GROUP BY status, service, delivery, due_day`).all(...params) as FacetSum[];
    for (const r of rows) {
      const k = `${r.status}|${r.service}|${r.delivery}|${r.dueDay}`;
      const g = groups.get(k);
      if (g) g.n += (s.sign ?? 1) * r.n;
      else groups.set(k, { ...r, n: (s.sign ?? 1) * r.n });
    }
  }
  return [...groups.values()].filter((g) => g.n !== 0);
}
