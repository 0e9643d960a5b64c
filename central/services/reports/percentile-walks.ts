import { sql } from 'kysely';
import { bucketLow } from '../../../shared/reports/day-counts';
import type { DayRange } from '../../../shared/reports/period';
import { nearestRankOffset } from '../../../shared/reports/result';
import type { StoreDb } from '../../store/store';

/** One percentile to find: the value at `offset` within one length bucket of one stretch, in the period. */
export interface Walk {
  column: { ms: string; day: string };
  /** The bucket: lengths from bucketLow(bucket) to below bucketLow(bucket + width). */
  bucket: number;
  width: number;
  offset: number;
  /** The centers to look in; null for every center (the walk then reads the stretch's own index alone). */
  centers: readonly string[] | null;
  operatorId?: string;
}

/**
 * A nearest-rank percentile from bucket counts: the bucket holding the rank and the offset inside it (buckets are
 * in length order, so ranks add up across them), planned as a walk; returns its index, or null when nothing was
 * measured.
 */
export function plan(buckets: { bucket: number; n: number }[], p: number, walks: Walk[], at: Omit<Walk, 'bucket' | 'offset'>): number | null {
  const n = buckets.reduce((s, b) => s + b.n, 0);
  if (n === 0) return null;
  let offset = nearestRankOffset(n, p);
  for (const b of [...buckets].sort((x, y) => x.bucket - y.bucket)) {
    if (offset < b.n) return walks.push({ ...at, bucket: b.bucket, offset }) - 1;
    offset -= b.n;
  }
  return null;
}

const ids = (list: readonly string[]) => sql.join(list.map((c) => sql`${c}`));

/**
 * Every planned walk, the value of each. A stretch's walks (ten at most) are arms of one query, each following the
 * stretch's index (length, day, center) and stopping at its offset. The operators' walks (one per operator, hundreds
 * for the country) are one query over a list of them, so the database plans it once: each operator's bucket is a
 * short range of the operator index, numbered in length order.
 */
export async function walkAll(db: StoreDb, walks: readonly Walk[], cur: DayRange): Promise<number[]> {
  const out: number[] = [];
  const arms = walks.flatMap((w, i) => {
    if (w.operatorId !== undefined && w.centers?.length === 1) return [];
    const ms = sql.ref(w.column.ms);
    // The center is compared as an expression, so no index that starts with the center is taken instead.
    const where = w.operatorId !== undefined ? sql`center_id IN (${ids(w.centers!)}) AND decided_by = ${w.operatorId} AND ` : w.centers ? sql`center_id || '' IN (${ids(w.centers)}) AND ` : sql``;
    return [sql`SELECT ${sql.lit(i)} AS i, v FROM (SELECT ${ms} AS v FROM report_facts
      WHERE ${where}${ms} >= ${bucketLow(w.bucket)} AND ${ms} < ${bucketLow(w.bucket + w.width)} AND ${sql.ref(w.column.day)} BETWEEN ${cur.from} AND ${cur.to}
      ORDER BY ${ms} LIMIT 1 OFFSET ${w.offset}) AS ${sql.ref(`w${i}`)}`];
  });
  if (arms.length) for (const r of (await sql<{ i: number; v: number }>`${sql.join(arms, sql` UNION ALL `)}`.execute(db)).rows) out[Number(r.i)] = Number(r.v);

  const operators = walks.flatMap((w, i) => (w.operatorId !== undefined && w.centers?.length === 1 ? [{ w, i }] : []));
  for (let k = 0; k < operators.length; k += 400) {
    const list = sql.join(operators.slice(k, k + 400).map(({ w, i }) =>
      sql`(CAST(${i} AS INTEGER), CAST(${w.centers![0]} AS TEXT), CAST(${w.operatorId} AS TEXT), CAST(${bucketLow(w.bucket)} AS BIGINT), CAST(${bucketLow(w.bucket + w.width)} AS BIGINT), CAST(${w.offset + 1} AS INTEGER))`));
    const rows = await sql<{ i: number; v: number }>`WITH w(i, c, op, lo, hi, r) AS (VALUES ${list})
      SELECT w.i, (SELECT s.v FROM (SELECT decision_ms AS v, row_number() OVER (ORDER BY decision_ms) AS rn FROM report_facts
          WHERE center_id = w.c AND decided_by = w.op AND decision_ms >= w.lo AND decision_ms < w.hi AND decided_day BETWEEN ${cur.from} AND ${cur.to}) AS s
        WHERE s.rn = w.r) AS v
      FROM w`.execute(db);
    for (const r of rows.rows) if (r.v !== null) out[Number(r.i)] = Number(r.v);
  }
  const missing = walks.findIndex((_, i) => out[i] === undefined);
  if (missing >= 0) throw new Error(`report counts and facts disagree in bucket ${walks[missing]!.bucket} of ${walks[missing]!.column.ms}`);
  return out;
}
