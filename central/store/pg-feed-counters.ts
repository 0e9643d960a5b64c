import { sql, type RawBuilder } from 'kysely';
import type { CenterCount, StoreDb } from './store-types';

/**
 * PostgreSQL's feed positions: one counter row per center (`feed_counters`), moved in the changing transaction and
 * locked by it until its COMMIT, so a center's positions are handed out in commit order and a rollback gives them
 * back. A pull reads one center's feed and its cursor is that center's, so positions need to be gapless and ordered
 * within a center only: centers never wait on each other's counter.
 *
 * `feed_counter` (the one global row of before) stays as the floor: every center's counter started at it when the
 * counters were split (migration 11), and a center first seen later starts from it too. A cursor issued for a center
 * that had no counter yet was at most the floor (the feed's head such a pull read), so the center's new positions,
 * above the floor, are above any cursor it can hold. The floor no longer moves once the counters exist.
 */

/** The statement (or CTE body) taking `count` positions from each center's counter: rows `(center_id, first)`. */
export function takePositions(counts: readonly CenterCount[]): RawBuilder<{ center_id: string; first: number }> {
  const centers = counts.map((c) => c.centerId);
  const n = counts.map((c) => c.count);
  // The n of the row's center, for the DO UPDATE and RETURNING, which see only the row.
  const countOf = (center: RawBuilder<unknown>) => sql`(${n}::bigint[])[array_position(${centers}::text[], ${center})]`;
  // Rows are inserted in the SELECT's order: a transaction of several centers locks their counters in center-id order.
  return sql`INSERT INTO feed_counters AS f (center_id, seq)
    SELECT v.center_id, s.seq + v.n FROM unnest(${centers}::text[], ${n}::bigint[]) AS v(center_id, n), feed_counter AS s
    WHERE s.id = 1 ORDER BY v.center_id
    ON CONFLICT (center_id) DO UPDATE SET seq = f.seq + ${countOf(sql`excluded.center_id`)}
    RETURNING f.center_id, f.seq - ${countOf(sql`f.center_id`)} + 1 AS first`;
}

/** Takes the positions now, in `tx`: the first of each center. */
export async function takePositionsNow(tx: StoreDb, counts: readonly CenterCount[]): Promise<Map<string, number>> {
  if (!counts.length) return new Map();
  const r = await sql<{ center_id: string; first: number }>`${takePositions(counts)}`.execute(tx);
  return new Map(r.rows.map((row) => [row.center_id, Number(row.first)]));
}

/** The newest position of a center's feed a cursor can hold: its counter, or the floor before its first change. */
export function centerHead(centerId: string): RawBuilder<number> {
  return sql<number>`coalesce((SELECT seq FROM feed_counters WHERE center_id = ${centerId}), (SELECT seq FROM feed_counter WHERE id = 1))`;
}

/** A figure that moves whenever any center's feed takes a position (the sum of the counters). */
export function feedMark(): RawBuilder<number> {
  return sql<number>`(SELECT coalesce(sum(seq), 0) FROM feed_counters)`;
}
