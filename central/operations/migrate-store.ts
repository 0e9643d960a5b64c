/**
 * Moves a central store from its SQLite file into an empty PostgreSQL database: every table, row for row, in one
 * PostgreSQL transaction (a failure leaves the target as it was). What the workstations hold stays true:
 * - the epoch is copied, so every cursor they hold (`c1.<epoch>.<seq>`) means the same on the new store and they
 *   carry on pulling from it, with no reset and nothing skipped;
 * - applications keep their feed positions, and every center's feed counter (and the floor a center first seen
 *   later starts from) starts where SQLite's newest position is: SQLite numbers all centers from one sequence, so a
 *   cursor of any center may be that high;
 * - receipts and the effects log move with their rows (the effects keep their numbers), so an op retried after the
 *   move is answered `duplicate` and never applied twice;
 * - enrolled workstations keep their tokens, spent codes stay spent, throttle buckets carry on.
 * Tables are found in the source, not listed here, and copied parents first (by their foreign keys), so a table a
 * later migration adds moves too. The source is read in one read transaction: a consistent snapshot, but writes made
 * after it are not moved, so stop the server (or take it out of the load balancer) first.
 */
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openCentralDatabase } from '../store/database';
import { migratePostgres } from '../store/pg-schema';
import { INITIAL_META } from '../store/reference-seed';
import { isPostgresUrl } from '../store/store';

/** A refusal the operator can act on: a stable code and a sentence. */
export class MigrateStoreError extends Error {
  constructor(
    readonly code: 'target_not_empty' | 'not_sqlite_source' | 'not_postgres_target' | 'source_missing' | 'schema_mismatch',
    message: string,
  ) {
    super(message);
  }
}

export interface MigrateStoreReport {
  /** Rows moved, per table. */
  tables: Record<string, number>;
  epoch: string;
  /** The newest feed position on both stores after the move. */
  feedPosition: number;
  ms: number;
}

/** PostgreSQL's bound parameters per statement (65,535), with room to spare. */
const MAX_PARAMETERS = 60_000;
/** Tables that belong to one store's own bookkeeping, not to the data. */
const SQLITE_OWN = /^sqlite_/;
const PG_OWN = new Set(['schema_version', 'feed_counter', 'feed_counters']);

export async function migrateStore(options: { from: string; to: string; log?: (line: string) => void }): Promise<MigrateStoreReport> {
  const log = options.log ?? (() => {});
  if (isPostgresUrl(options.from)) throw new MigrateStoreError('not_sqlite_source', '--from names a PostgreSQL database; migrate-store moves a SQLite central store (a file) into PostgreSQL.');
  if (!isPostgresUrl(options.to)) throw new MigrateStoreError('not_postgres_target', '--to must be a postgres://… URL of an empty PostgreSQL database.');
  if (!existsSync(options.from)) throw new MigrateStoreError('source_missing', `There is no SQLite central store at ${options.from}.`);
  const started = performance.now();
  // Opening brings an older source to this server's schema version, as starting the server on it would.
  const source = openCentralDatabase(options.from);
  const pool = new pg.Pool({ connectionString: options.to, max: 1, options: '-c synchronous_commit=on' });
  pool.on('error', () => {});
  try {
    // A fresh database gets the schema first (its own transaction, as a server's first start does).
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    await migratePostgres(db);
    const client = await pool.connect();
    try {
      return await copyInto(source, client, log, started);
    } finally {
      client.release();
    }
  } finally {
    source.close();
    await pool.end();
  }
}

async function copyInto(source: Database.Database, client: pg.PoolClient, log: (line: string) => void, started: number): Promise<MigrateStoreReport> {
  await client.query('BEGIN');
  try {
    // The lock a starting server takes to migrate: no server can start on the target while the rows move.
    await client.query('SELECT pg_advisory_xact_lock(727001)');
    const targetTables = await columnsOf(client);
    await refuseUnlessEmpty(client, targetTables);
    // The fresh schema's starting rows (fees, refusal catalogue) give way to the source's own.
    await client.query('DELETE FROM meta');
    await client.query('DELETE FROM refusal_reasons');

    source.exec('BEGIN');
    const tables: Record<string, number> = {};
    try {
      for (const table of parentsFirst(source)) {
        const columns = sourceColumns(source, table);
        const target = targetTables.get(table);
        const missing = columns.filter((c) => !target?.columns.includes(c));
        if (missing.length) {
          throw new MigrateStoreError('schema_mismatch', `The PostgreSQL schema has no ${target ? `column ${missing.join(', ')} in` : 'table'} ${table}; update the central server on both sides to the same version.`);
        }
        tables[table] = await copyTable(source, client, table, columns, target!.identity);
        log(`  ${table}: ${tables[table].toLocaleString('en')} rows`);
      }
    } finally {
      source.exec('COMMIT');
    }

    // Positions go on from SQLite's newest (there, max(change_seq) is every center's feed position).
    const feed = await client.query<{ seq: string }>('UPDATE feed_counter SET seq = (SELECT coalesce(max(change_seq), 0) FROM applications) WHERE id = 1 RETURNING seq');
    await client.query('DELETE FROM feed_counters');
    await client.query(`INSERT INTO feed_counters (center_id, seq)
      SELECT k.center_id, f.seq FROM (SELECT id AS center_id FROM centers UNION SELECT center_id FROM workstations) k, feed_counter f WHERE f.id = 1`);
    for (const [table, { identity }] of targetTables) {
      for (const column of identity) {
        await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`, [table, column]);
      }
    }
    const epoch = (await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'epoch'")).rows[0]?.value ?? '';
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return { tables, epoch, feedPosition: Number(feed.rows[0]!.seq), ms: performance.now() - started };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Every table of the target with its columns and identity columns (the effects log's numbers). */
async function columnsOf(client: pg.PoolClient): Promise<Map<string, { columns: string[]; identity: string[] }>> {
  const rows = (
    await client.query<{ t: string; c: string; identity: string }>(
      "SELECT table_name AS t, column_name AS c, is_identity AS identity FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    )
  ).rows;
  const out = new Map<string, { columns: string[]; identity: string[] }>();
  for (const r of rows) {
    const t = out.get(r.t) ?? { columns: [], identity: [] };
    t.columns.push(r.c);
    if (r.identity === 'YES') t.identity.push(r.c);
    out.set(r.t, t);
  }
  return out;
}

/** Only a database no server has run on yet: no data in any table, no epoch, the feed never moved. */
async function refuseUnlessEmpty(client: pg.PoolClient, tables: Map<string, unknown>): Promise<void> {
  const found: string[] = [];
  for (const table of tables.keys()) {
    if (PG_OWN.has(table) || table === 'meta' || table === 'refusal_reasons') continue;
    const n = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]!.n);
    if (n > 0) found.push(`${table}: ${n.toLocaleString('en')} rows`);
  }
  const initial = new Set(INITIAL_META.map((m) => m.key));
  const meta = (await client.query<{ key: string }>('SELECT key FROM meta')).rows.map((r) => r.key).filter((k) => !initial.has(k));
  if (meta.length) found.push(`meta: ${meta.join(', ')}`);
  const feed = Number((await client.query<{ seq: string }>('SELECT greatest((SELECT seq FROM feed_counter WHERE id = 1), (SELECT max(seq) FROM feed_counters)) AS seq')).rows[0]?.seq ?? 0);
  if (feed > 0) found.push(`feed position ${feed}`);
  if (found.length) {
    throw new MigrateStoreError(
      'target_not_empty',
      `The target database already holds a central store (${found.slice(0, 6).join('; ')}); nothing was moved. migrate-store moves a store only into an empty database: create a new one (createdb) and name it with --to.`,
    );
  }
}

/** The source's tables, each after the tables its foreign keys point at. */
function parentsFirst(source: Database.Database): string[] {
  const tables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((t) => !SQLITE_OWN.test(t));
  const parents = new Map(tables.map((t) => [t, (source.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(t) as string[]).filter((p) => p !== t)]));
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

function sourceColumns(source: Database.Database, table: string): string[] {
  return source.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
}

/** A table's rows in multi-row INSERTs, in primary-key order; identity columns keep their values. */
async function copyTable(source: Database.Database, client: pg.PoolClient, table: string, columns: string[], identity: string[]): Promise<number> {
  const perStatement = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / columns.length)));
  const overriding = identity.length ? ' OVERRIDING SYSTEM VALUE' : '';
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')})${overriding} VALUES `;
  let batch: unknown[][] = [];
  let moved = 0;
  const flush = async () => {
    if (!batch.length) return;
    const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(head + values, batch.flat());
    moved += batch.length;
    batch = [];
  };
  // A page at a time in key order (all in the one read transaction), sent between pages: by rowid, or by the
  // primary key of a WITHOUT ROWID table (the report tables).
  const key = pageKey(source, table);
  const keyList = key.map(quote).join(', ');
  const select = `SELECT ${keyList}, ${columns.map(quote).join(', ')} FROM ${quote(table)}`;
  const first = source.prepare(`${select} ORDER BY ${keyList} LIMIT ?`).raw();
  const next = source.prepare(`${select} WHERE (${keyList}) > (${key.map(() => '?').join(', ')}) ORDER BY ${keyList} LIMIT ?`).raw();
  let last: unknown[] | null = null;
  for (;;) {
    const rows = (last ? next.all(...last, perStatement * 10) : first.all(perStatement * 10)) as unknown[][];
    if (!rows.length) break;
    for (const row of rows) {
      batch.push(row.slice(key.length));
      if (batch.length === perStatement) await flush();
    }
    last = rows[rows.length - 1]!.slice(0, key.length);
  }
  await flush();
  return moved;
}

/** The columns a table's rows are paged by: its rowid, or its primary key when it has no rowid. */
function pageKey(source: Database.Database, table: string): string[] {
  const withoutRowid = source.prepare("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?").pluck().get(table) === 1;
  return withoutRowid ? (source.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table) as string[]) : ['rowid'];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
