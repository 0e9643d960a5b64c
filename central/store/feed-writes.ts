import { sql, type RawBuilder } from 'kysely';
import { runLate, type LateWrite } from './pending-rows';
import { COMMIT_WITH } from './pg-commit';
import { countsPerCenter, FEED_CHUNK, numberPerCenter, type FeedChange, type NumberedChange } from './feed-changes';
import { takePositions } from './pg-feed-counters';
import { rowsDelete, rowsInsert } from './json-rows';
import type { StoreDb, StoreKind } from './store-types';

/**
 * The end of a write transaction's work on applications, per dialect: the rows it changed written with their feed
 * positions (numbered by the store), in one statement per thousand. Rows written elsewhere in SQL (marked received)
 * only take their positions. A row whose version is no longer the one the transaction read under its lock fails the
 * transaction: a lost update is a bug, never silent.
 */
export async function writeFeed(kind: StoreKind, tx: StoreDb, numbered: readonly NumberedChange[]): Promise<void> {
  for (let i = 0; i < numbered.length; i += FEED_CHUNK) {
    const chunk = numbered.slice(i, i + FEED_CHUNK);
    const rows = chunk.filter((c) => c.write);
    const moved = chunk.filter((c) => !c.write);
    if (rows.length) {
      const written = kind === 'postgres' ? await writeRowsPostgres(tx, rows) : await writeRowsSqlite(tx, rows);
      if (written !== rows.length) throw new Error(`${rows.length - written} of ${rows.length} applications changed under a transaction`);
      await writeClaims(kind, tx, rows);
    }
    if (moved.length) {
      await (kind === 'postgres'
        ? sql`UPDATE applications AS a SET change_seq = v.seq FROM unnest(${moved.map((c) => c.id)}::text[], ${moved.map((c) => c.seq)}::bigint[]) AS v(id, seq) WHERE a.id = v.id`
        : sql`UPDATE applications SET change_seq = j.value ->> 'seq' FROM json_each(${JSON.stringify(moved.map((c) => ({ id: c.id, seq: c.seq })))}) AS j WHERE applications.id = j.value ->> 'id'`
      ).execute(tx);
    }
  }
}

type Numbered = NumberedChange;

async function writeRowsPostgres(tx: StoreDb, rows: readonly Numbered[]): Promise<number> {
  const r = await rowsUpdatePostgres(rows, false).execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * The rows' UPDATE; with `fromCounter`, `seq` is each row's offset from its center's first position, which the `c`
 * of the same statement holds (a row per center).
 */
function rowsUpdatePostgres(rows: readonly Numbered[], fromCounter: boolean): RawBuilder<unknown> {
  const col = <T>(f: (c: Numbered) => T) => rows.map(f);
  const w = (c: Numbered) => c.write!;
  return sql`UPDATE applications AS a SET
      change_seq = ${fromCounter ? sql`c.first + v.seq` : sql`v.seq`}, status = v.status, version = v.version, record = v.record,
      last_actor = v.last_actor, last_operator = v.last_operator, last_op_id = v.last_op_id,
      decided_by = CASE WHEN v.decided THEN v.decided_by ELSE a.decided_by END,
      decided_operator = CASE WHEN v.decided THEN v.decided_operator ELSE a.decided_operator END,
      decided_op_id = CASE WHEN v.decided THEN v.decided_op_id ELSE a.decided_op_id END
    FROM ${fromCounter ? sql`c, ` : sql``}unnest(
      ${col((c) => c.id)}::text[], ${col((c) => c.centerId)}::text[], ${col((c) => c.seq)}::bigint[], ${col((c) => w(c).status)}::text[], ${col((c) => w(c).version)}::int[],
      ${col((c) => JSON.stringify(w(c).record))}::text[], ${col((c) => w(c).last_actor)}::text[], ${col((c) => w(c).last_operator)}::text[],
      ${col((c) => w(c).last_op_id)}::text[], ${col((c) => w(c).decider !== undefined)}::bool[], ${col((c) => w(c).decider?.decided_by ?? null)}::text[],
      ${col((c) => w(c).decider?.decided_operator ?? null)}::text[], ${col((c) => w(c).decider?.decided_op_id ?? null)}::text[], ${col((c) => w(c).expectVersion)}::int[]
    ) AS v(id, center_id, seq, status, version, record, last_actor, last_operator, last_op_id, decided, decided_by, decided_operator, decided_op_id, expect)
    WHERE a.id = v.id AND a.version = v.expect${fromCounter ? sql` AND c.center_id = v.center_id` : sql``}`;
}

async function writeRowsSqlite(tx: StoreDb, rows: readonly Numbered[]): Promise<number> {
  const payload = rows.map((c) => {
    const w = c.write!;
    return {
      id: c.id, seq: c.seq, status: w.status, version: w.version, record: JSON.stringify(w.record), last_actor: w.last_actor,
      last_operator: w.last_operator, last_op_id: w.last_op_id, decided: w.decider !== undefined ? 1 : 0, decided_by: w.decider?.decided_by ?? null,
      decided_operator: w.decider?.decided_operator ?? null, decided_op_id: w.decider?.decided_op_id ?? null, expect: w.expectVersion,
    };
  });
  const r = await sql`UPDATE applications SET
      change_seq = j.value ->> 'seq', status = j.value ->> 'status', version = j.value ->> 'version', record = j.value ->> 'record',
      last_actor = j.value ->> 'last_actor', last_operator = j.value ->> 'last_operator', last_op_id = j.value ->> 'last_op_id',
      decided_by = CASE WHEN j.value ->> 'decided' THEN j.value ->> 'decided_by' ELSE decided_by END,
      decided_operator = CASE WHEN j.value ->> 'decided' THEN j.value ->> 'decided_operator' ELSE decided_operator END,
      decided_op_id = CASE WHEN j.value ->> 'decided' THEN j.value ->> 'decided_op_id' ELSE decided_op_id END
    FROM json_each(${JSON.stringify(payload)}) AS j
    WHERE applications.id = j.value ->> 'id' AND applications.version = j.value ->> 'expect'`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** The claims the transaction left: rows upserted, released ones deleted; one that was absent and still is, untouched. */
async function writeClaims(kind: StoreKind, tx: StoreDb, rows: readonly Numbered[]): Promise<void> {
  for (const write of claimWrites(kind, rows)) await runLate(tx, write);
}

function claimWrites(kind: StoreKind, rows: readonly Numbered[]): LateWrite[] {
  const claims = rows.flatMap((c) => (c.write!.claim ? [{ id: c.id, ...c.write!.claim }] : []));
  const held = claims.flatMap((c) => (c.row ? [c.row] : []));
  const released = claims.filter((c) => c.row === null && c.existed !== false).map((c) => c.id);
  const out: LateWrite[] = [];
  if (released.length) out.push(rowsDelete(kind, 'claims', 'application_id', released));
  if (held.length) out.push(rowsInsert(kind, 'claims', held, { key: ['application_id'], replace: true }));
  return out;
}

/**
 * PostgreSQL's end of a write transaction in one statement, which carries the COMMIT with it (pg-commit.ts): the
 * counters of the centers it changed, each moved by the number of its changes (pg-feed-counters.ts), the rows
 * written with their positions (`first(center) + k` for the k-th change of a center), the claims, then the late
 * writes (the report counts). The rows other transactions of the center write too (its counter, its counts) are
 * locked for the database's work alone: taking the counter and then writing the rest, one statement
 * after another and COMMIT after them, held it across five round trips through a busy event loop while every push
 * of the country waited. Up to FEED_CHUNK changes (a push's are fewer); the caller takes the
 * statement-per-step path for more.
 */
export async function writeFeedLastly(tx: StoreDb, changed: readonly FeedChange[], own: readonly LateWrite[], shared: readonly LateWrite[]): Promise<void> {
  const offsets = numberPerCenter(changed, () => 0);
  const rows = offsets.filter((c) => c.write);
  const moved = offsets.filter((c) => !c.write);
  // The transaction's own rows first (read by the main query before the counter, so they are in before it is taken).
  const parts = own.map((write, i) => sql`${sql.raw(`o${i}`)} AS (${write} RETURNING 1)`);
  parts.push(sql`c AS (${takePositions(countsPerCenter(changed))})`);
  if (rows.length) parts.push(sql`w AS (${rowsUpdatePostgres(rows, true)} RETURNING 1)`);
  if (moved.length) {
    parts.push(sql`m AS (UPDATE applications AS a SET change_seq = c.first + v.seq
      FROM c, unnest(${moved.map((c) => c.id)}::text[], ${moved.map((c) => c.centerId)}::text[], ${moved.map((c) => c.seq)}::bigint[]) AS v(id, center_id, seq)
      WHERE a.id = v.id AND c.center_id = v.center_id RETURNING 1)`);
  }
  // Unreferenced data-modifying parts run after the main query, in this order: the counts are locked after the counter.
  [...claimWrites('postgres', rows), ...shared].forEach((write, i) => parts.push(sql`${sql.raw(`l${i}`)} AS (${write})`));
  // The statement commits too (pg-commit.ts), so a row changed under the transaction (fewer written than handed)
  // fails it in SQL: a text that is no integer, with the count in its message, so the COMMIT never runs.
  const checked = rows.length
    ? sql`CASE WHEN (SELECT count(*) FROM w) = ${rows.length} THEN 0
        ELSE CAST(${rows.length} - (SELECT count(*) FROM w) || ' of ${sql.raw(String(rows.length))} applications changed under a transaction' AS int) END`
    : sql`0`;
  const ownFirst = own.map((_, i) => sql`(SELECT count(*) FROM ${sql.raw(`o${i}`)})`);
  await sql`${sql.raw(COMMIT_WITH)} WITH ${sql.join(parts)} SELECT ${sql.join([...ownFirst, sql`(SELECT count(*) FROM c)`, checked])}`.execute(tx);
}
