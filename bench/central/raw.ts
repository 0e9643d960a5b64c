/**
 * The central bench's baselines, measured on the same store in the same run with the server stopped: what the
 * database itself does for the same work, written by hand without HTTP, validation or kysely.
 * - decisions: per transaction, the workstation's row, then per application a locked read of the record, two history
 *   steps (claim, approve) written back, a receipt and an effect per op, and the feed positions; PostgreSQL with one
 *   connection per pool slot flat out, SQLite with its one writer;
 * - pages: the pulled center read in pages of 5,000 by its feed index, joined into one body as the server does.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl } from '../../central/store/store';
import { percentile } from '../stats';
import { applicationId, centerId, CENTERS, PULLED_CENTER, workstationId } from './country';

export interface RawDecisions {
  opsPerSec: number;
  p50: number;
  p99: number;
}

interface Step {
  status: string;
  at: string;
  operatorId: string | null;
  note: string | null;
}

/** The applications a baseline connection works on: the ones no phase decides (odd serials), of its own center. */
function* targets(connection: number, perCenter: readonly number[]): Generator<string> {
  const c = 1 + (connection % (CENTERS - 1));
  for (let s = 1; s < perCenter[c]!; s += 2) yield applicationId(c, s);
}

function edit(text: string, at: string): { record: string; version: number } {
  const r = JSON.parse(text) as { version: number; status: string; history: Step[] };
  for (const status of ['in_review', 'approved']) {
    r.version++;
    r.status = status;
    r.history.push({ status, at, operatorId: 'op-raw', note: null });
  }
  return { record: JSON.stringify(r), version: r.version };
}

export async function rawDecisions(target: string, o: { seconds: number; connections: number; appsPerTx: number; perCenter: readonly number[] }): Promise<RawDecisions> {
  return isPostgresUrl(target) ? rawDecisionsPostgres(target, o) : rawDecisionsSqlite(target, o);
}

async function rawDecisionsPostgres(url: string, o: { seconds: number; connections: number; appsPerTx: number; perCenter: readonly number[] }): Promise<RawDecisions> {
  const latencies: number[] = [];
  let ops = 0;
  const end = performance.now() + o.seconds * 1000;
  const worker = async (k: number) => {
    const client = new pg.Client({ connectionString: url, options: '-c synchronous_commit=on' });
    await client.connect();
    const apps = targets(k, o.perCenter);
    const ws = workstationId(1 + (k % (CENTERS - 1)), k % 10);
    const center = centerId(1 + (k % (CENTERS - 1)));
    try {
      while (performance.now() < end) {
        const batch = Array.from({ length: o.appsPerTx }, () => apps.next().value).filter((x): x is string => !!x);
        if (!batch.length) break;
        const t = performance.now();
        const at = new Date().toISOString();
        await client.query('BEGIN');
        await client.query('UPDATE workstations SET audit_head = $1, audit_head_at = $2 WHERE id = $3', ['c'.repeat(64), Date.now(), ws]);
        for (const id of batch) {
          const row = (await client.query<{ record: string }>('SELECT record FROM applications WHERE id = $1 FOR UPDATE', [id])).rows[0]!;
          const next = edit(row.record, at);
          await client.query("UPDATE applications SET status = 'approved', version = $1, record = $2, last_actor = $3 WHERE id = $4", [next.version, next.record, ws, id]);
          for (const kind of ['claim', 'approve']) {
            const opId = randomUUID();
            await client.query('INSERT INTO receipts (op_id, workstation_id, center_id, application_id, digest, result, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [opId, ws, 'raw', id, 'd'.repeat(64), '{"result":"applied"}', Date.now()]);
            await client.query('INSERT INTO effects (op_id, application_id, center_id, kind, version, workstation_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [opId, id, 'raw', kind, next.version, ws, Date.now()]);
          }
        }
        // The server's design: the center's own counter row, taken last and held to the commit.
        const first = Number((await client.query<{ seq: string }>('UPDATE feed_counters SET seq = seq + $1 WHERE center_id = $2 RETURNING seq', [batch.length, center])).rows[0]!.seq) - batch.length + 1;
        await client.query('UPDATE applications AS a SET change_seq = $1 + v.n - 1 FROM unnest($2::text[]) WITH ORDINALITY AS v(id, n) WHERE a.id = v.id', [first, batch]);
        await client.query('COMMIT');
        latencies.push(performance.now() - t);
        ops += batch.length * 2;
      }
    } finally {
      await client.end();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: o.connections }, (_, k) => worker(k)));
  return { opsPerSec: ops / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function rawDecisionsSqlite(file: string, o: { seconds: number; appsPerTx: number; perCenter: readonly number[] }): Promise<RawDecisions> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const latencies: number[] = [];
  let ops = 0;
  try {
    const read = db.prepare('SELECT record FROM applications WHERE id = ?').pluck();
    const write = db.prepare("UPDATE applications SET status = 'approved', version = ?, record = ?, last_actor = ?, change_seq = ? WHERE id = ?");
    const receipt = db.prepare('INSERT INTO receipts (op_id, workstation_id, center_id, application_id, digest, result, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const effect = db.prepare('INSERT INTO effects (op_id, application_id, center_id, kind, version, workstation_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const head = db.prepare('UPDATE workstations SET audit_head = ?, audit_head_at = ? WHERE id = ?');
    const maxSeq = db.prepare('SELECT coalesce(max(change_seq), 0) FROM applications').pluck();
    const apps = targets(0, o.perCenter);
    const ws = workstationId(1, 0);
    const tx = db.transaction((batch: string[]) => {
      const at = new Date().toISOString();
      head.run('c'.repeat(64), Date.now(), ws);
      let seq = (maxSeq.get() as number) + 1;
      for (const id of batch) {
        const next = edit(read.get(id) as string, at);
        write.run(next.version, next.record, ws, seq++, id);
        for (const kind of ['claim', 'approve']) {
          const opId = randomUUID();
          receipt.run(opId, ws, 'raw', id, 'd'.repeat(64), '{"result":"applied"}', Date.now());
          effect.run(opId, id, 'raw', kind, next.version, ws, Date.now());
        }
      }
    });
    const end = performance.now() + o.seconds * 1000;
    const started = performance.now();
    while (performance.now() < end) {
      const batch = Array.from({ length: o.appsPerTx }, () => apps.next().value).filter((x): x is string => !!x);
      if (!batch.length) break;
      const t = performance.now();
      tx.immediate(batch);
      latencies.push(performance.now() - t);
      ops += batch.length * 2;
    }
    return { opsPerSec: ops / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    db.close();
  }
}

/** The pulled center read whole in pages of `limit` by its feed index, each page joined into a body: records and ms. */
export async function rawPages(target: string, limit: number): Promise<{ records: number; ms: number }> {
  const center = centerId(PULLED_CENTER);
  const join = (rows: { change_seq: number | string; record: string }[]) => `{"changes":[${rows.map((r) => r.record).join(',')}]}`;
  let records = 0;
  let after = 0;
  const started = performance.now();
  if (isPostgresUrl(target)) {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      for (;;) {
        const rows = (await client.query<{ change_seq: string; record: string }>('SELECT change_seq, record FROM applications WHERE center_id = $1 AND change_seq > $2 ORDER BY change_seq LIMIT $3', [center, after, limit])).rows;
        join(rows);
        records += rows.length;
        if (rows.length < limit) break;
        after = Number(rows[rows.length - 1]!.change_seq);
      }
    } finally {
      await client.end();
    }
  } else {
    const db = new Database(target, { readonly: true });
    try {
      const page = db.prepare('SELECT change_seq, record FROM applications WHERE center_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?');
      for (;;) {
        const rows = page.all(center, after, limit) as { change_seq: number; record: string }[];
        join(rows);
        records += rows.length;
        if (rows.length < limit) break;
        after = rows[rows.length - 1]!.change_seq;
      }
    } finally {
      db.close();
    }
  }
  return { records, ms: performance.now() - started };
}
