import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { openCentralDatabase } from './database';
import { CommitHooks, FeedChanges } from './feed-changes';
import { writeFeed } from './feed-writes';
import { PendingRows, runLate } from './pending-rows';
import { SqliteWriterGuard, type WriterGuardOptions } from './sqlite-writer-guard';
import type { CentralSchema } from './schema';
import type { CentralStore, StoreDb } from './store-types';

/**
 * The SQLite store: kysely's SqliteDialect over one better-sqlite3 connection (WAL, synchronous=FULL). The single
 * writer makes `max(change_seq) + 1` gapless and commit-ordered, and row locks unnecessary: one sequence serves
 * every center's feed (a center's positions have gaps where other centers changed, which a pull skips over).
 */
export function openSqliteStore(file: string, options: { writerGuard?: WriterGuardOptions } = {}): CentralStore {
  const raw = openCentralDatabase(file);
  // A query on `db` from inside `write` would wait for the writer's own connection forever: the guard throws instead.
  const writer = new SqliteWriterGuard(options.writerGuard);
  const db = new Kysely<CentralSchema>({ dialect: writer.dialect({ database: withStatementCache(raw) }) });
  const changes = new FeedChanges(db);
  const hooks = new CommitHooks(db);
  const pending = new PendingRows(db, 'sqlite');
  const maxChangeSeq = async (on: StoreDb = db): Promise<number> =>
    Number((await sql<{ n: number }>`SELECT coalesce(max(change_seq), 0) AS n FROM applications`.execute(on)).rows[0]?.n ?? 0);
  const flushFeed = async (tx: StoreDb) => {
    const changed = changes.take(tx);
    if (!changed.length) return;
    // One sequence for every center: the single writer numbers the changes in order from the feed's newest position.
    const first = (await maxChangeSeq(tx)) + 1;
    await writeFeed('sqlite', tx, changed.map((c, k) => ({ ...c, seq: first + k })));
  };
  return {
    kind: 'sqlite',
    db,
    sqlite: raw,
    location: resolve(file),
    async write(fn) {
      // kysely's SQLite driver has one connection behind a mutex: the transaction holds it from BEGIN to COMMIT.
      const opened = SqliteWriterGuard.opened();
      return db.connection().execute((conn) => writer.hold(opened, async () => {
        await sql`BEGIN IMMEDIATE`.execute(conn);
        try {
          const out = await fn(conn);
          // Report facts (hooks may append rows), the appended rows, then the applications with their positions.
          await hooks.run(conn);
          await pending.flush(conn);
          const late = pending.takeLate(conn);
          for (const write of [...late.own, ...late.shared]) await runLate(conn, write);
          await flushFeed(conn);
          await sql`COMMIT`.execute(conn);
          return out;
        } catch (err) {
          changes.take(conn);
          hooks.discard(conn);
          pending.forget(conn);
          if (raw.inTransaction) await sql`ROLLBACK`.execute(conn);
          throw err;
        }
      }));
    },
    feedChanged: (tx, id, centerId, write) => changes.add(tx, id, centerId, write),
    append: (tx, table, rows) => pending.add(tx, table, rows),
    beforeCommit: (tx, key, hook) => hooks.add(tx, key, hook),
    lastly: (tx, write, rows) => pending.addLate(tx, write, rows),
    async pipeline(tx, queries) {
      const out: unknown[][] = [];
      for (const q of queries) out.push((await tx.executeQuery(q.compile())).rows as unknown[]);
      return out as never;
    },
    flushFeed,
    async nextChangeSeq(tx, counts) {
      // The callers number their rows from here, a block per center; nothing else writes until the transaction ends.
      let next = (await maxChangeSeq(tx)) + 1;
      const first = new Map<string, number>();
      for (const { centerId, count } of counts) {
        first.set(centerId, next);
        next += count;
      }
      return first;
    },
    // Every center's cursor is a position in the one sequence: the head of each is the whole feed's.
    maxChangeSeq: (_centerId, on) => maxChangeSeq(on),
    feedMark: (on) => maxChangeSeq(on),
    feedHead: () => sql<number>`(SELECT coalesce(max(change_seq), 0) FROM applications)`,
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
