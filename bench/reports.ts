import type { Db } from '../electron/core/store/database';
import type { ReportQueries } from '../electron/core/services/reports/report-query';
import { dayNumberToIso, kyivDayNumber } from '../shared/domain/kyiv-time';
import type { ReportPeriod } from '../shared/reports/period';
import { percentile, time } from './stats';

export interface ReportFigures {
  period: ReportPeriod;
  p95: number;
  /** The summary's event counts recomputed from the stored histories with raw SQL (json_each), same run. */
  rawHistoryP95: number;
  heapGrowthMb: number;
  received: number;
}

/**
 * The whole report of a half-year ending `now`'s day (every generated application falls in it), beside the naive
 * way: the same summary counts taken straight from the histories with json_each, as raw better-sqlite3.
 */
export function benchReports(reports: ReportQueries, db: Db, centerId: string, now: number, runs: number): ReportFigures {
  const to = kyivDayNumber(now);
  const period = { from: dayNumberToIso(to - 183), to: dayNumberToIso(to) };
  let received = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const ours = time(() => (received = reports.report(centerId, period).summary.total.received), runs);
  const heapGrowthMb = Math.max(0, (process.memoryUsage().heapUsed - heapBefore) / 1_048_576);
  const raw = db.prepare(`
    WITH steps AS (
      SELECT a.id, json_extract(h.value, '$.status') AS status,
        CAST(strftime('%J', json_extract(h.value, '$.at'), '+2 hours') AS INTEGER) AS day
      FROM applications a JOIN application_records r ON r.rowid = a.rowid, json_each(r.record, '$.history') h
      WHERE a.center_id = ?
    ), firsts AS (
      SELECT id, status, min(day) AS day FROM steps GROUP BY id, status
    )
    SELECT status, count(*) FROM firsts WHERE day BETWEEN ? AND ? AND status IN ('submitted', 'approved', 'refused', 'cancelled', 'shipped', 'issued') GROUP BY status`);
  const julian = (day: number) => day + 2440588;
  const rawTimes = time(() => raw.all(centerId, julian(to - 183), julian(to)), Math.max(3, Math.round(runs / 8)), 1);
  return { period, p95: percentile(ours, 95), rawHistoryP95: percentile(rawTimes, 95), heapGrowthMb, received };
}
