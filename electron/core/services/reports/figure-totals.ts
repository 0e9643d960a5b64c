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
      // Lengths are kept per day without the service and delivery split.
      return only() && d.service === undefined && d.delivery === undefined ? [{ metric: 'step', keyPrefix: `${d.step}:` }] : null;
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
    const prefix = s.keyPrefix !== undefined ? ` AND substr(key, 1, ${s.keyPrefix.length}) = ?` : '';
    if (s.keyPrefix !== undefined) params.push(s.keyPrefix);
    const row = runner.statement(`SELECT coalesce(sum(n), 0) AS n FROM report_day_counts WHERE ${parts.join(' AND ')}${prefix}`).get(...params) as { n: number };
    total += (s.sign ?? 1) * row.n;
  }
  return total;
}
