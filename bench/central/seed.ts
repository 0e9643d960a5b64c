/**
 * Fills a central store with the bench's country in bulk, straight into the tables (never through HTTP intake):
 * centers, their administrators and enrolled workstations, and applications stamped from a pool of generated training
 * records. Rows go in as multi-row statements in large transactions, with the store's own durability (SQLite
 * synchronous=FULL, PostgreSQL fsync and synchronous_commit on); the rate is the bench's "raw batched insert"
 * baseline. Called again with larger sizes it adds the difference (the second size of the memory figure).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ApplicationRecord } from '../../shared/domain/application';
import { generateApplications } from '../../shared/training';
import { openStore } from '../../central/store/store';
import { isPostgresUrl } from '../../central/store/store';
import {
  applicationId, applicationNumber, centerId, CENTERS, isOpen, operatorId, tokenHash, workstationId, workstationToken, WORKSTATIONS_PER_CENTER,
} from './country';

export const NOW = Date.parse('2026-11-27T08:00:00Z');
/** The workstation of the pulled center that joins during the bench and pulls everything from scratch. */
export const NEW_WORKSTATION = { id: 'ws-b0-new', token: 'wst_bench_new_not_secret' };
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
/** 12 parameters a row: 1,000 rows stay under PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_STATEMENT = 1_000;
const ROWS_PER_TRANSACTION = 20_000;
const COLUMNS = ['id', 'number', 'center_id', 'status', 'version', 'change_seq', 'birth_date', 'photo_hash', 'signature_hash', 'source', 'last_actor', 'record'] as const;
type Row = [string, string, string, string, number, number, string, string, string, string, string, string];

export interface SeedResult {
  rows: number;
  ms: number;
  rowsPerSec: number;
}

let pool: ApplicationRecord[] | null = null;
/** Generated records to stamp rows from (finished, refused, cancelled and in-progress ones as the generator mixes them). */
function templates(): ApplicationRecord[] {
  pool ??= [...generateApplications({ seed: 10, size: 2_000, now: NOW })].filter((r) => r.status !== 'submitted' && r.status !== 'received');
  return pool;
}

/** One application row: an open one (received, checks passed) for a workstation to decide, or a stamped template. */
function row(c: number, serial: number, seq: number): Row {
  const pool = templates();
  const t = pool[(c * 7919 + serial) % pool.length]!;
  const center = centerId(c);
  const record: ApplicationRecord = {
    ...t,
    id: applicationId(c, serial),
    number: applicationNumber(c, serial),
    centerId: center,
    delivery: t.delivery.method === 'pickup' ? { ...t.delivery, centerId: center } : t.delivery,
    claim: null,
  };
  if (isOpen(serial)) {
    const submitted = t.history[0]!;
    Object.assign(record, {
      status: 'received', version: 2, refusal: null, newLicenceNumber: null,
      autoChecks: { paymentConfirmed: true, identityMatches: true, noDrivingBan: true, licenceInRegister: true },
      history: [submitted, { status: 'received', at: new Date(Date.parse(submitted.at) + 3_600_000).toISOString(), operatorId: null, note: null }],
    });
  }
  return [record.id, record.number, center, record.status, record.version, seq, record.applicant.birthDate, record.photoHash, record.signatureHash, 'intake', 'central', JSON.stringify(record)];
}

/** The rows to add, interleaved across centers as a country files them, numbered in the feed from `firstSeq`. */
function* rows(from: readonly number[], to: readonly number[], firstSeq: number): Generator<Row> {
  let seq = firstSeq;
  const most = Math.max(...to.map((n, c) => n - from[c]!));
  for (let k = 0; k < most; k++) {
    for (let c = 0; c < CENTERS; c++) if (from[c]! + k < to[c]!) yield row(c, from[c]! + k, seq++);
  }
}

function people() {
  const centers = Array.from({ length: CENTERS }, (_, c) => ({ id: centerId(c), name: `ТСЦ МВС № ${8100 + c}`, address: 'Україна' }));
  const operators: unknown[][] = [];
  const workstations: unknown[][] = [];
  for (let c = 0; c < CENTERS; c++) {
    for (let w = 0; w < WORKSTATIONS_PER_CENTER; w++) {
      operators.push([operatorId(c, w), centerId(c), `admin${w}`, `Адміністратор ${c}-${w}`, 'administrator', DUMMY_HASH]);
      workstations.push([workstationId(c, w), centerId(c), tokenHash(workstationToken(c, w)), NOW]);
    }
  }
  workstations.push([NEW_WORKSTATION.id, centerId(0), tokenHash(NEW_WORKSTATION.token), NOW]);
  return { centers, operators, workstations };
}

/**
 * Grows the store from `from` to `to` applications per center (all zeros the first time: the schema, the centers and
 * their people are created too). Returns the applications' rate; the server must not be running on a SQLite store.
 */
export async function seedCountry(target: string, from: readonly number[], to: readonly number[]): Promise<SeedResult> {
  const first = from.every((n) => n === 0);
  if (first) await (await openStore(target, { poolSize: 1 })).close();
  const count = to.reduce((a, n, c) => a + n - from[c]!, 0);
  const started = performance.now();
  if (isPostgresUrl(target)) await seedPostgres(target, from, to, first);
  else seedSqlite(target, from, to, first);
  const ms = performance.now() - started;
  return { rows: count, ms, rowsPerSec: count / (ms / 1000) };
}

function seedSqlite(file: string, from: readonly number[], to: readonly number[], first: boolean): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    if (first) {
      const { centers, operators, workstations } = people();
      db.transaction(() => {
        for (const c of centers) db.prepare('INSERT INTO centers (id, name, address) VALUES (?, ?, ?)').run(c.id, c.name, c.address);
        for (const o of operators) db.prepare("INSERT INTO operators (id, center_id, login, display_name, role, password_hash, disabled, source) VALUES (?, ?, ?, ?, ?, ?, 0, 'central')").run(...o);
        for (const w of workstations) db.prepare('INSERT INTO workstations (id, center_id, token_hash, revoked, enrolled_at) VALUES (?, ?, ?, 0, ?)').run(...w);
      })();
    }
    const firstSeq = (db.prepare('SELECT coalesce(max(change_seq), 0) FROM applications').pluck().get() as number) + 1;
    const insert = db.prepare(`INSERT INTO applications (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    let batch: Row[] = [];
    const flush = db.transaction((list: Row[]) => {
      for (const r of list) insert.run(...r);
    });
    for (const r of rows(from, to, firstSeq)) {
      batch.push(r);
      if (batch.length === ROWS_PER_TRANSACTION) {
        flush.immediate(batch);
        batch = [];
      }
    }
    flush.immediate(batch);
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}

async function seedPostgres(url: string, from: readonly number[], to: readonly number[], first: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url, options: '-c synchronous_commit=on' });
  await client.connect();
  try {
    if (first) {
      const { centers, operators, workstations } = people();
      await client.query('BEGIN');
      for (const c of centers) await client.query('INSERT INTO centers (id, name, address) VALUES ($1, $2, $3)', [c.id, c.name, c.address]);
      await client.query(
        "INSERT INTO operators (id, center_id, login, display_name, role, password_hash, disabled, source) SELECT *, 0, 'central' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])",
        transpose(operators, 6),
      );
      await client.query('INSERT INTO workstations (id, center_id, token_hash, revoked, enrolled_at) SELECT a, b, c, 0, d FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS u(a, b, c, d)', transpose(workstations, 4));
      await client.query('COMMIT');
    }
    // The rows are numbered from one sequence across the centers (as SQLite's are), above every center's counter:
    // each center's positions still rise, and after the load every counter (and the floor) is set to the last one.
    const firstSeq = Number((await client.query<{ n: string }>('SELECT greatest((SELECT seq FROM feed_counter WHERE id = 1), (SELECT max(seq) FROM feed_counters)) AS n')).rows[0]!.n) + 1;
    // Multi-row VALUES measured faster here than unnest of arrays or json_populate_recordset.
    const placeholders = (n: number) =>
      Array.from({ length: n }, (_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`).join(', ');
    const full = `INSERT INTO applications (${COLUMNS.join(', ')}) VALUES ${placeholders(ROWS_PER_STATEMENT)}`;
    let batch: Row[] = [];
    let inTransaction = 0;
    let last = firstSeq - 1;
    const flush = async () => {
      if (!batch.length) return;
      if (inTransaction === 0) await client.query('BEGIN');
      const text = batch.length === ROWS_PER_STATEMENT ? full : `INSERT INTO applications (${COLUMNS.join(', ')}) VALUES ${placeholders(batch.length)}`;
      await client.query(text, batch.flat());
      last = batch[batch.length - 1]![5];
      inTransaction += batch.length;
      batch = [];
      if (inTransaction >= ROWS_PER_TRANSACTION) {
        await setCounters(client, last);
        await client.query('COMMIT');
        inTransaction = 0;
      }
    };
    for (const r of rows(from, to, firstSeq)) {
      batch.push(r);
      if (batch.length === ROWS_PER_STATEMENT) await flush();
    }
    await flush();
    if (inTransaction > 0) {
      await setCounters(client, last);
      await client.query('COMMIT');
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** Every center's feed counter (and the floor of centers without one) at `seq`, the newest position seeded. */
async function setCounters(client: pg.Client, seq: number): Promise<void> {
  await client.query('UPDATE feed_counter SET seq = $1 WHERE id = 1', [seq]);
  await client.query('INSERT INTO feed_counters (center_id, seq) SELECT id, $1 FROM centers ON CONFLICT (center_id) DO UPDATE SET seq = excluded.seq', [seq]);
}

/** Rows to one array per column, for unnest. */
function transpose(list: readonly (readonly unknown[])[], columns: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: columns }, () => []);
  for (const r of list) for (let i = 0; i < columns; i++) out[i]!.push(r[i]);
  return out;
}
