import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { newEpoch } from './database';
import { CommitHooks, FeedChanges } from './feed-changes';
import { migratePostgres } from './pg-schema';
import type { CentralSchema } from './schema';
import { isRetryableConflict } from './store-errors';
import type { CentralStore, StoreDb } from './store-types';

/** bigint (int8) and numeric columns read as JS numbers: every stored integer is a millisecond time or a count. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

const ATTEMPTS = 5;

/**
 * The PostgreSQL store: kysely's PostgresDialect over a `pg` pool, READ COMMITTED transactions with synchronous_commit
 * on. The changes feed's positions come from one counter row (`feed_counter`) updated in the changing transaction:
 * its row lock hands positions out in commit order, and a rollback gives them back.
 */
export async function openPostgresStore(url: string, poolSize: number): Promise<CentralStore> {
  // Every connection commits durably whatever the database's or role's default: a push is answered after its
  // commit reached the disk (and the standbys synchronous_standby_names asks for).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes, connectionTimeoutMillis: 5000, options: '-c synchronous_commit=on' });
  // An idle client whose server went away (a restart) is dropped from the pool instead of crashing the process; the
  // pool opens a new connection for the next query.
  pool.on('error', () => {});
  const db = new Kysely<CentralSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migratePostgres(db);
    await db.insertInto('meta').values({ key: 'epoch', value: newEpoch() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const changes = new FeedChanges(db);
  const hooks = new CommitHooks(db);
  const nextChangeSeq = async (tx: StoreDb, count = 1) => {
    const r = await sql<{ seq: number }>`UPDATE feed_counter SET seq = seq + ${count} WHERE id = 1 RETURNING seq`.execute(tx);
    return Number(r.rows[0]!.seq) - count + 1;
  };
  const flushFeed = async (tx: StoreDb) => {
    const ids = changes.take(tx);
    if (!ids.length) return;
    const first = await nextChangeSeq(tx, ids.length);
    await sql`UPDATE applications AS a SET change_seq = ${first} + v.n - 1
      FROM unnest(${ids}::text[]) WITH ORDINALITY AS v(id, n) WHERE a.id = v.id`.execute(tx);
  };
  return {
    kind: 'postgres',
    db,
    sqlite: null,
    location: redactUrl(url),
    async write(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().setIsolationLevel('read committed').execute(async (tx) => {
            try {
              const out = await fn(tx);
              await hooks.run(tx);
              await flushFeed(tx);
              return out;
            } catch (err) {
              changes.take(tx);
              hooks.discard(tx);
              throw err;
            }
          });
        } catch (err) {
          if (attempt >= ATTEMPTS || !isRetryableConflict(err)) throw err;
          // A short random pause, so two transactions that met do not meet again at once.
          await sleep(Math.random() * 10 * attempt);
        }
      }
    },
    feedChanged: (tx, id) => changes.add(tx, id),
    beforeCommit: (tx, key, hook) => hooks.add(tx, key, hook),
    flushFeed,
    nextChangeSeq,
    async maxChangeSeq(on = db) {
      const r = await sql<{ seq: number }>`SELECT seq FROM feed_counter WHERE id = 1`.execute(on);
      return Number(r.rows[0]?.seq ?? 0);
    },
    forUpdate: (query, options) => (options?.skipLocked ? query.forUpdate().skipLocked() : query.forUpdate()) as typeof query,
    receivedRecord: (step) =>
      sql<string>`jsonb_set(jsonb_set(jsonb_set(record::jsonb, '{status}', '"received"'), '{version}', to_jsonb(version + 1)),
        '{history}', (record::jsonb -> 'history') || jsonb_build_array(${step}::jsonb))::text`,
    async close() {
      await db.destroy();
    },
  };
}

/** The URL without its password, for logs and the start-up banner. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
