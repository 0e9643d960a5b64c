import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { openCentralDatabase } from './database';
import { CommitHooks, FeedChanges } from './feed-changes';
import type { CentralSchema } from './schema';
import type { CentralStore, StoreDb } from './store-types';

/**
 * The SQLite store: kysely's SqliteDialect over one better-sqlite3 connection (WAL, synchronous=FULL). The single
 * writer makes `max(change_seq) + 1` gapless and commit-ordered, and row locks unnecessary.
 */
export function openSqliteStore(file: string): CentralStore {
  const raw = openCentralDatabase(file);
  const db = new Kysely<CentralSchema>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  const changes = new FeedChanges(db);
  const hooks = new CommitHooks(db);
  const maxChangeSeq = async (on: StoreDb = db) =>
    Number((await sql<{ n: number }>`SELECT coalesce(max(change_seq), 0) AS n FROM applications`.execute(on)).rows[0]?.n ?? 0);
  const flushFeed = async (tx: StoreDb) => {
    const ids = changes.take(tx);
    if (!ids.length) return;
    const first = (await maxChangeSeq(tx)) + 1;
    // One statement for the lot: json_each gives each id its index in the list, joined to the row by its key.
    await sql`UPDATE applications SET change_seq = ${first} + j.key FROM json_each(${JSON.stringify(ids)}) AS j WHERE applications.id = j.value`.execute(tx);
  };
  return {
    kind: 'sqlite',
    db,
    sqlite: raw,
    location: resolve(file),
    async write(fn) {
      // kysely's SQLite driver has one connection behind a mutex: the transaction holds it from BEGIN to COMMIT.
      return db.connection().execute(async (conn) => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const out = await fn(conn);
          await hooks.run(conn);
          await flushFeed(conn);
          await sql`COMMIT`.execute(conn);
          return out;
        } catch (err) {
          changes.take(conn);
          hooks.discard(conn);
          if (raw.inTransaction) await sql`ROLLBACK`.execute(conn);
          throw err;
        }
      });
    },
    feedChanged: (tx, id) => changes.add(tx, id),
    beforeCommit: (tx, key, hook) => hooks.add(tx, key, hook),
    flushFeed,
    async nextChangeSeq(tx) {
      // The caller numbers its `count` rows from here; nothing else writes until the transaction ends.
      return (await maxChangeSeq(tx)) + 1;
    },
    maxChangeSeq,
    forUpdate: (query) => query,
    receivedRecord: (step) => sql<string>`json_set(record, '$.status', 'received', '$.version', version + 1, '$.history[#]', json(${step}))`,
    async close() {
      await db.destroy();
    },
  };
}

/** kysely prepares every query anew; better-sqlite3's statements are reusable, so the store keeps them by text. */
function withStatementCache(raw: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (!stmt) {
        stmt = raw.prepare(text);
        if (cache.size >= 1000) cache.clear();
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}
