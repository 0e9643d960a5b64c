import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { newEpoch } from './database';
import { CommitHooks, countsPerCenter, FEED_CHUNK, FeedChanges, numberPerCenter, type FeedChange } from './feed-changes';
import { writeFeed, writeFeedLastly } from './feed-writes';
import { PendingRows, runLate } from './pending-rows';
import { commitWithLastStatement } from './pg-commit';
import { centerHead, feedMark, takePositionsNow } from './pg-feed-counters';
import { PIPELINE, PipelineNames } from './pg-pipeline';
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
 * on. The changes feed's positions come from a counter row per center (`feed_counters`, pg-feed-counters.ts) updated
 * in the changing transaction: its row lock hands the center's positions out in commit order, and a rollback gives
 * them back; transactions of different centers never wait on each other's counter.
 */
export async function openPostgresStore(url: string, poolSize: number): Promise<CentralStore> {
  // Every connection commits durably whatever the database's or role's default: a push is answered after its
  // commit reached the disk (and the standbys synchronous_standby_names asks for).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes, connectionTimeoutMillis: 5000, options: '-c synchronous_commit=on' });
  // An idle client whose server went away (a restart) is dropped from the pool instead of crashing the process; the
  // pool opens a new connection for the next query.
  pool.on('error', () => {});
  // The same for a connection in use when its session ends (`pg_ctl restart`, a terminated backend): pg emits
  // 'error' on it as well as failing its query, and an 'error' nobody listens to ends the process. The query's own
  // failure is what the request sees (503); the pool drops the connection when it comes back unusable.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    const prepare = process.env.CENTRAL_PG_PREPARE !== '0';
    if (prepare) prepareFrequentStatements(client);
    commitWithLastStatement(client, prepare ? new PipelineNames(PREPARED_PER_CONNECTION) : null);
  });
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
  const pending = new PendingRows(db, 'postgres');
  /** The changes written with positions taken now, statement by statement. */
  const numberAndWrite = async (tx: StoreDb, changed: readonly FeedChange[]) => {
    const first = await takePositionsNow(tx, countsPerCenter(changed));
    await writeFeed('postgres', tx, numberPerCenter(changed, (centerId) => first.get(centerId)!));
  };
  const flushFeed = async (tx: StoreDb) => {
    const changed = changes.take(tx);
    if (changed.length) await numberAndWrite(tx, changed);
  };
  /** The end of the work: the late writes and the feed in one statement when they fit in one (a push's always do). */
  const finish = async (tx: StoreDb) => {
    const late = pending.takeLate(tx);
    const own = [...pending.takeInserts(tx), ...late.own];
    const changed = changes.take(tx);
    // The last statement carries the COMMIT with it (pg-commit.ts): nothing may run in `tx` after it.
    if (changed.length && changed.length <= FEED_CHUNK) return writeFeedLastly(tx, changed, own, late.shared);
    for (const write of [...own, ...late.shared]) await runLate(tx, write);
    if (changed.length) await numberAndWrite(tx, changed);
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
              // The end of the work: the report facts' hook (it may append rows and leave late writes), then one
              // statement with the appended rows, the facts, the applications' rows with their feed positions and the
              // report counts, the COMMIT right behind it: the counter's and the counts' locks held for that alone.
              await hooks.run(tx);
              await finish(tx);
              return out;
            } catch (err) {
              changes.take(tx);
              hooks.discard(tx);
              pending.forget(tx);
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
    feedChanged: (tx, id, centerId, write) => changes.add(tx, id, centerId, write),
    append: (tx, table, rows) => pending.add(tx, table, rows),
    beforeCommit: (tx, key, hook) => hooks.add(tx, key, hook),
    lastly: (tx, write, rows) => pending.addLate(tx, write, rows),
    async pipeline(tx, queries) {
      if (!queries.length) return [] as never;
      const statements = queries.map((q) => {
        const c = q.compile();
        return { text: c.sql, values: c.parameters };
      });
      return (await tx.executeQuery(CompiledQuery.raw(PIPELINE, statements))).rows as never;
    },
    flushFeed,
    nextChangeSeq: takePositionsNow,
    feedHead: centerHead,
    async maxChangeSeq(centerId, on = db) {
      return Number((await sql<{ seq: number }>`SELECT ${centerHead(centerId)} AS seq`.execute(on)).rows[0]?.seq ?? 0);
    },
    async feedMark(on = db) {
      return Number((await sql<{ n: number }>`SELECT ${feedMark()} AS n`.execute(on)).rows[0]?.n ?? 0);
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

/** Distinct statements a connection keeps prepared; past this, the rest run unnamed (parsed and planned each time). */
const PREPARED_PER_CONNECTION = 200;

/**
 * Runs each parameterised statement as a named prepared statement on its connection: PostgreSQL parses and plans a
 * push's dozen statements once per connection instead of on every request. Statements the server writes are few
 * (the same text with other values), so the set stays small; it is capped all the same.
 */
function prepareFrequentStatements(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return query(text, values, ...rest);
    let name = names.get(text);
    if (!name && names.size < PREPARED_PER_CONNECTION) names.set(text, (name = `central_${names.size}`));
    return name ? query({ name, text, values }, ...rest) : query(text, values, ...rest);
  };
}
