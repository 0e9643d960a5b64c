import { sql } from 'kysely';
import { FEED_CHUNK, type FeedChange } from './feed-changes';
import type { StoreDb } from './store-types';

/**
 * The end of a write transaction's work on applications, per dialect: the rows it changed written with their new
 * feed positions (`first`, `first + 1`, … in the order of their first change), in one statement per thousand.
 * Rows written elsewhere in SQL (marked received) only take their positions. A row whose version is no longer the
 * one the transaction read under its lock fails the transaction: a lost update is a bug, never silent.
 */
export async function writeFeed(kind: 'sqlite' | 'postgres', tx: StoreDb, changed: readonly FeedChange[], first: number): Promise<void> {
  const numbered = changed.map((c, i) => ({ ...c, seq: first + i }));
  for (let i = 0; i < numbered.length; i += FEED_CHUNK) {
    const chunk = numbered.slice(i, i + FEED_CHUNK);
    const rows = chunk.filter((c) => c.write);
    const moved = chunk.filter((c) => !c.write);
    if (rows.length) {
      const written = kind === 'postgres' ? await writeRowsPostgres(tx, rows) : await writeRowsSqlite(tx, rows);
      if (written !== rows.length) throw new Error(`${rows.length - written} of ${rows.length} applications changed under a transaction`);
      await writeClaims(tx, rows);
    }
    if (moved.length) {
      await (kind === 'postgres'
        ? sql`UPDATE applications AS a SET change_seq = v.seq FROM unnest(${moved.map((c) => c.id)}::text[], ${moved.map((c) => c.seq)}::bigint[]) AS v(id, seq) WHERE a.id = v.id`
        : sql`UPDATE applications SET change_seq = j.value ->> 'seq' FROM json_each(${JSON.stringify(moved.map((c) => ({ id: c.id, seq: c.seq })))}) AS j WHERE applications.id = j.value ->> 'id'`
      ).execute(tx);
    }
  }
}

type Numbered = FeedChange & { seq: number };

async function writeRowsPostgres(tx: StoreDb, rows: readonly Numbered[]): Promise<number> {
  const col = <T>(f: (c: Numbered) => T) => rows.map(f);
  const w = (c: Numbered) => c.write!;
  const r = await sql`UPDATE applications AS a SET
      change_seq = v.seq, status = v.status, version = v.version, record = v.record,
      last_actor = v.last_actor, last_operator = v.last_operator, last_op_id = v.last_op_id,
      decided_by = CASE WHEN v.decided THEN v.decided_by ELSE a.decided_by END,
      decided_operator = CASE WHEN v.decided THEN v.decided_operator ELSE a.decided_operator END,
      decided_op_id = CASE WHEN v.decided THEN v.decided_op_id ELSE a.decided_op_id END
    FROM unnest(
      ${col((c) => c.id)}::text[], ${col((c) => c.seq)}::bigint[], ${col((c) => w(c).status)}::text[], ${col((c) => w(c).version)}::int[],
      ${col((c) => JSON.stringify(w(c).record))}::text[], ${col((c) => w(c).last_actor)}::text[], ${col((c) => w(c).last_operator)}::text[],
      ${col((c) => w(c).last_op_id)}::text[], ${col((c) => w(c).decider !== undefined)}::bool[], ${col((c) => w(c).decider?.decided_by ?? null)}::text[],
      ${col((c) => w(c).decider?.decided_operator ?? null)}::text[], ${col((c) => w(c).decider?.decided_op_id ?? null)}::text[], ${col((c) => w(c).expectVersion)}::int[]
    ) AS v(id, seq, status, version, record, last_actor, last_operator, last_op_id, decided, decided_by, decided_operator, decided_op_id, expect)
    WHERE a.id = v.id AND a.version = v.expect`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
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
async function writeClaims(tx: StoreDb, rows: readonly Numbered[]): Promise<void> {
  const claims = rows.flatMap((c) => (c.write!.claim ? [{ id: c.id, ...c.write!.claim }] : []));
  const held = claims.flatMap((c) => (c.row ? [c.row] : []));
  const released = claims.filter((c) => c.row === null && c.existed !== false).map((c) => c.id);
  if (released.length) await tx.deleteFrom('claims').where('application_id', 'in', released).execute();
  if (held.length) {
    await tx
      .insertInto('claims')
      .values(held)
      .onConflict((oc) =>
        oc.column('application_id').doUpdateSet((eb) => ({
          operator_id: eb.ref('excluded.operator_id'), workstation_id: eb.ref('excluded.workstation_id'), op_id: eb.ref('excluded.op_id'), claimed_at: eb.ref('excluded.claimed_at'),
        })),
      )
      .execute();
  }
}
