import { Kysely, PostgresDialect, SqliteDialect, sql, type SelectQueryBuilder } from 'kysely';
import pg from 'pg';
import { newEpoch, openCentralDatabase, type CentralDb } from './database';
import { migratePostgres } from './pg-schema';
import type { CentralSchema } from './sql';

/**
 * The central server's store, asynchronous, over SQLite (better-sqlite3, the zero-setup default) or PostgreSQL 15+
 * (`pg` with a connection pool). Services build their queries with kysely once and run them through `db` or the
 * transaction `write` hands them; what really differs per dialect lives here and nowhere else:
 * - migrations and column types (./migrations for SQLite, ./pg-schema.ts for PostgreSQL);
 * - the changes feed's sequence (`nextChangeSeq`): gapless and in commit order on both;
 * - row locks (`forUpdate`): a no-op on SQLite, whose write transaction already holds the whole database.
 * Upserts are written with kysely's `onConflict`, which both dialects compile the same way.
 */
export type StoreKind = 'sqlite' | 'postgres';
export type StoreDb = Kysely<CentralSchema>;

export interface CentralStore {
  readonly kind: StoreKind;
  /** Reads outside a transaction (and the pool the transactions come from). */
  readonly db: StoreDb;
  /**
   * One write transaction; the answer is returned only after it committed (SQLite: `BEGIN IMMEDIATE` with
   * synchronous=FULL; PostgreSQL: READ COMMITTED with synchronous_commit on). A throw rolls everything back.
   */
  write<T>(fn: (tx: StoreDb) => Promise<T>): Promise<T>;
  /**
   * Takes `count` consecutive positions in the changes feed inside `tx` and returns the first. A reader that saw
   * position n has seen every committed change below n: on PostgreSQL the counter row stays locked until the
   * transaction ends, so numbers are handed out in commit order and a rollback returns them.
   */
  nextChangeSeq(tx: StoreDb, count?: number): Promise<number>;
  /** The newest position handed out by a committed transaction. */
  maxChangeSeq(db?: StoreDb): Promise<number>;
  /** Adds FOR UPDATE on PostgreSQL (a no-op on SQLite, whose writer holds the database). */
  forUpdate<QB extends SelectQueryBuilder<CentralSchema, keyof CentralSchema, unknown>>(query: QB): QB;
  /** The SQLite handle, for the few tools that read the file as a file (online backup); null on PostgreSQL. */
  readonly sqlite: CentralDb | null;
  close(): Promise<void>;
}

/** True when `target` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Opens (and migrates) the store named by a SQLite file path or a postgres:// URL; gives it an epoch on first open. */
export async function openStore(target: string, options: { poolSize?: number } = {}): Promise<CentralStore> {
  return isPostgresUrl(target) ? openPostgresStore(target, options.poolSize ?? 10) : openSqliteStore(target);
}

function openSqliteStore(file: string): CentralStore {
  const raw = openCentralDatabase(file);
  const db = new Kysely<CentralSchema>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    kind: 'sqlite',
    db,
    sqlite: raw,
    async write(fn) {
      // kysely's SQLite driver has one connection behind a mutex: the transaction holds it from BEGIN to COMMIT.
      return db.connection().execute(async (conn) => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const out = await fn(conn);
          await sql`COMMIT`.execute(conn);
          return out;
        } catch (err) {
          if (raw.inTransaction) await sql`ROLLBACK`.execute(conn);
          throw err;
        }
      });
    },
    async nextChangeSeq(tx, count = 1) {
      // The single writer makes max + 1 gapless and commit-ordered; `count` positions follow it.
      void count;
      return (await this.maxChangeSeq(tx)) + 1;
    },
    async maxChangeSeq(on = db) {
      const r = await sql<{ n: number }>`SELECT coalesce(max(change_seq), 0) AS n FROM applications`.execute(on);
      return Number(r.rows[0]?.n ?? 0);
    },
    forUpdate: (query) => query,
    async close() {
      await db.destroy();
    },
  };
}

/** bigint (int8) and numeric columns read as JS numbers: every stored integer is a millisecond time or a count. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

async function openPostgresStore(url: string, poolSize: number): Promise<CentralStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes, connectionTimeoutMillis: 5000 });
  // An idle client whose server went away (a restart) is dropped from the pool instead of crashing the process.
  pool.on('error', () => {});
  const db = new Kysely<CentralSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migratePostgres(db);
    await db.insertInto('meta').values({ key: 'epoch', value: newEpoch() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    kind: 'postgres',
    db,
    sqlite: null,
    write: (fn) => db.transaction().setIsolationLevel('read committed').execute((tx) => fn(tx)),
    async nextChangeSeq(tx, count = 1) {
      const r = await sql<{ seq: number }>`UPDATE feed_counter SET seq = seq + ${count} WHERE id = 1 RETURNING seq`.execute(tx);
      return Number(r.rows[0]!.seq) - count + 1;
    },
    async maxChangeSeq(on = db) {
      const r = await sql<{ seq: number }>`SELECT seq FROM feed_counter WHERE id = 1`.execute(on);
      return Number(r.rows[0]?.seq ?? 0);
    },
    forUpdate: (query) => query.forUpdate() as typeof query,
    async close() {
      await db.destroy();
    },
  };
}
