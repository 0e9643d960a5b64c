import { sql, type RawBuilder } from 'kysely';
import type { DayNumber } from '../../../shared/domain/kyiv-time';
import type { DayMetric } from '../../../shared/reports/day-counts';
import type { DayRange } from '../../../shared/reports/period';
import type { StoreDb } from '../../store/store';
import { monthOf } from './report-rows';

/**
 * Sums of `report_counts` over ranges of days, read as whole months from month rows and the rest from day rows:
 * a half-year of whole months is six rows per key, whatever the number of applications in it.
 */

/** A range of days as month rows (first days in `months`, end exclusive) and day rows. */
export interface Split {
  months: { from: DayNumber; until: DayNumber } | null;
  days: DayRange[];
}

/** Days `a`..`b`: the whole months inside it from month rows, the days before and after them from day rows. */
export function splitRange(a: DayNumber, b: DayNumber): Split {
  const firstWhole = monthOf(a) === a ? a : monthOf(monthOf(a) + 31);
  const end = monthOf(b + 1);
  if (firstWhole >= end) return { months: null, days: [{ from: a, to: b }] };
  const days: DayRange[] = [];
  if (a < firstWhole) days.push({ from: a, to: firstWhole - 1 });
  if (end <= b) days.push({ from: end, to: b });
  return { months: { from: firstWhole, until: end }, days };
}

/** Every day up to `b`: all months before b's (or before the next, when b ends its month), then day rows. */
export function splitUpTo(b: DayNumber): Split {
  const end = monthOf(b + 1);
  return { months: { from: Number.MIN_SAFE_INTEGER, until: end }, days: end <= b ? [{ from: end, to: b }] : [] };
}

export interface SumPart {
  /** A label carried into the result (the period, the previous period, up to the end, ...). */
  part: string;
  split: Split;
  metrics: readonly DayMetric[];
}

export interface SumRow {
  part: string;
  center_id: string;
  metric: DayMetric;
  service: string;
  delivery: string;
  key: string;
  n: number;
}

/**
 * One query over the parts: each part's month and day rows for its metrics at the given centers, summed by part,
 * metric, slice and key, and by center when `byCenter` says so for a metric (operators, the per-center summary).
 * Every arm is one range of the primary key (center, tier, metric, day).
 */
export async function sumCounts(db: StoreDb, centerIds: readonly string[], parts: readonly SumPart[], byCenter: (metric: DayMetric) => boolean): Promise<SumRow[]> {
  const centers = sql.join(centerIds.map((c) => sql`${c}`));
  const arms: RawBuilder<unknown>[] = [];
  for (const p of parts) {
    const metrics = sql.join(p.metrics.map((m) => sql`${m}`));
    const arm = (tier: 'day' | 'month', range: RawBuilder<unknown>) =>
      sql`SELECT CAST(${p.part} AS TEXT) AS part, center_id, metric, service, delivery, key, n FROM report_counts
        WHERE center_id IN (${centers}) AND tier = ${tier} AND metric IN (${metrics}) AND ${range}`;
    if (p.split.months) {
      const lower = p.split.months.from === Number.MIN_SAFE_INTEGER ? sql`` : sql`day >= ${p.split.months.from} AND `;
      arms.push(arm('month', sql`${lower}day < ${p.split.months.until}`));
    }
    for (const d of p.split.days) arms.push(arm('day', sql`day BETWEEN ${d.from} AND ${d.to}`));
  }
  if (!arms.length || !centerIds.length) return [];
  const splitBy = [...new Set(parts.flatMap((p) => p.metrics))].filter(byCenter);
  const center = splitBy.length ? sql`CASE WHEN metric IN (${sql.join(splitBy.map((m) => sql`${m}`))}) THEN center_id ELSE '' END` : sql`''`;
  const rows = await sql<SumRow>`SELECT part, ${center} AS center_id, metric, service, delivery, key, sum(n) AS n
    FROM (${sql.join(arms, sql` UNION ALL `)}) AS s
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  return rows.rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Daily sums of some metrics over days `from`..`to` (day rows only): the trend. */
export async function dailySums(db: StoreDb, centerIds: readonly string[], metrics: readonly DayMetric[], range: DayRange): Promise<{ day: number; metric: DayMetric; n: number }[]> {
  if (!centerIds.length) return [];
  const rows = await sql<{ day: number; metric: DayMetric; n: number }>`SELECT day, metric, sum(n) AS n FROM report_counts
    WHERE center_id IN (${sql.join(centerIds.map((c) => sql`${c}`))}) AND tier = 'day' AND metric IN (${sql.join(metrics.map((m) => sql`${m}`))})
      AND day BETWEEN ${range.from} AND ${range.to}
    GROUP BY day, metric`.execute(db);
  return rows.rows.map((r) => ({ day: Number(r.day), metric: r.metric, n: Number(r.n) }));
}
