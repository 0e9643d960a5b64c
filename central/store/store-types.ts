import type { Compilable, Insertable, Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { CentralDb } from './database';
import type { ApplicationWrite } from './feed-changes';
import type { AppendTable, LateWrite } from './pending-rows';
import type { CentralSchema } from './schema';

/**
 * The central server's store, asynchronous, over SQLite (better-sqlite3, the zero-setup default) or PostgreSQL 15+
 * (`pg` with a connection pool). Services build their queries with kysely once and run them through `db` (reads) or
 * the transaction `write` hands them; what really differs per dialect lives in the store layer and nowhere else:
 * - migrations and column types (./migrations for SQLite, ./pg-schema.ts for PostgreSQL);
 * - the changes feed's positions (`feedChanged`, `nextChangeSeq`, `feedHead`): gapless and in commit order within
 *   a center on both; SQLite numbers every center from one sequence (its one writer), PostgreSQL each center from
 *   its own counter, so the pushes of different centers never wait on one another;
 * - row locks (`forUpdate`): no-ops on SQLite, whose write transaction already holds the whole database;
 * - the one JSON edit done in SQL (`receivedRecord`);
 * - which errors mean "the database is not reachable now" (store-errors.ts).
 * Upserts are written with kysely's `onConflict`, which both dialects compile the same way.
 */
export type StoreKind = 'sqlite' | 'postgres';
export type StoreDb = Kysely<CentralSchema>;

export interface CentralStore {
  readonly kind: StoreKind;
  /** Reads outside a transaction. Never use it inside `write`: on SQLite it waits for the writer (a deadlock). */
  readonly db: StoreDb;
  /**
   * One write transaction; the answer is returned only after it committed (SQLite: `BEGIN IMMEDIATE` with
   * synchronous=FULL; PostgreSQL: READ COMMITTED with synchronous_commit on). A throw rolls everything back. On
   * PostgreSQL a deadlock, a serialisation failure or a unique key taken by a concurrent commit runs `fn` again (a few
   * times) in a new transaction, so `fn` must keep its state inside.
   */
  write<T>(fn: (tx: StoreDb) => Promise<T>): Promise<T>;
  /**
   * Records that an application of `centerId` changed in `tx`: it takes its next position in the center's feed when the transaction
   * ends (or at `flushFeed`), in the order of first change. With `write`, the row itself is written then too (the
   * latest write of the transaction, checked against the version it first read), in one statement with the others.
   * Taking positions last keeps the center's counter, which serialises its numbering on PostgreSQL, locked only from
   * then to the commit, after every row lock the work took.
   */
  feedChanged(tx: StoreDb, applicationId: string, centerId: string, write?: ApplicationWrite): void;
  /**
   * Appends rows to a log table (effects, receipts, affirmed checks) in `tx`: inserted together, in order, when the
   * transaction ends, after the `beforeCommit` hooks (which may append too) and before the feed. Only for rows the
   * transaction does not read back.
   */
  append<T extends AppendTable>(tx: StoreDb, table: T, rows: readonly Insertable<CentralSchema[T]>[]): void;
  /**
   * Runs `hook` once at the end of `tx`, after the caller's work and before the appended rows are written and the feed
   * takes its positions (asked again with the same `key` in the same transaction, it is not added twice). A throw
   * rolls the transaction back. The applications' rows are written with the feed, after the hooks: a hook reads an
   * application the transaction changed through `ApplicationStore`, not with SQL of its own.
   */
  beforeCommit(tx: StoreDb, key: object, hook: (tx: StoreDb) => Promise<void>): void;
  /**
   * A write made at the very end of `tx`, after the hooks, with the appended rows: on PostgreSQL in the one statement
   * that also takes the feed's positions and carries the COMMIT (one round trip for all of them); on SQLite just
   * before the feed. `rows` says whose rows it writes: the transaction's `own` (an application's report facts) go in
   * before the feed's counter is taken, rows `shared` with every other transaction (a center's report counts) after
   * it, so they stay locked only from there to the commit. Only for writes nothing in the transaction reads back.
   */
  lastly(tx: StoreDb, write: LateWrite, rows: 'own' | 'shared'): void;
  /**
   * Runs `queries` in `tx` one after another, each seeing what the ones before it did (on PostgreSQL each with a
   * snapshot of its own, so a read after a locking statement sees what the lock waited for), and gives each one's
   * rows. PostgreSQL gets them in one network write and answers in one: a round trip for all instead of one each.
   */
  pipeline<Q extends readonly Compilable<unknown>[]>(tx: StoreDb, queries: Q): Promise<PipelineRows<Q>>;
  /** Gives the applications changed so far in `tx` their positions now (a pull reads its page after this). */
  flushFeed(tx: StoreDb): Promise<void>;
  /**
   * Takes `count` consecutive positions in each center's feed for new rows of that center inside `tx` and returns the
   * first of each. A reader of the center that saw position n has seen every committed change of it below n: on
   * PostgreSQL the center's counter row stays locked until the transaction ends, so its numbers are handed out in
   * commit order and a rollback returns them; several centers' counters are taken in center-id order.
   */
  nextChangeSeq(tx: StoreDb, counts: readonly CenterCount[]): Promise<Map<string, number>>;
  /**
   * The newest position a cursor of `centerId` can hold (a cursor above it is reset): the center's counter on
   * PostgreSQL; on SQLite the whole feed's newest position, since every center's cursor is a position in its one
   * sequence.
   */
  maxChangeSeq(centerId: string, db?: StoreDb): Promise<number>;
  /** The same as an expression, for a query that reads it with other things in one statement. */
  feedHead(centerId: string): RawBuilder<number>;
  /** A figure that moves whenever the feed of any center takes a position: equal before and after means none was taken. */
  feedMark(db?: StoreDb): Promise<number>;
  /** Adds FOR UPDATE (and SKIP LOCKED when asked) on PostgreSQL; a no-op on SQLite, whose writer holds the database. */
  forUpdate<QB extends SelectQueryBuilder<CentralSchema, keyof CentralSchema, unknown>>(query: QB, options?: { skipLocked?: boolean }): QB;
  /**
   * The stored record JSON of an application moving from `submitted` to `received` with the history step `step`
   * (JSON text), edited in SQL so a pull that marks thousands never parses them in JavaScript.
   */
  receivedRecord(step: string): RawBuilder<string>;
  /** The SQLite handle, for the few tools that read the file as a file (online backup); null on PostgreSQL. */
  readonly sqlite: CentralDb | null;
  /** Where the store is, for a person: the file, or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** How many positions a center's feed takes. */
export interface CenterCount {
  centerId: string;
  count: number;
}

/** The rows of each query of a pipeline, in order. */
export type PipelineRows<Q extends readonly Compilable<unknown>[]> = { -readonly [K in keyof Q]: Q[K] extends Compilable<infer R> ? R[] : never };

export interface StoreOptions {
  /** PostgreSQL connections in the pool (10 unless given). */
  poolSize?: number;
}

