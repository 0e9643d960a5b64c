import type { Kysely } from 'kysely';
import type { CentralSchema } from './schema';

/** A transaction of the store (the store's `StoreDb`, named here so the store's types can import this file). */
type StoreDb = Kysely<CentralSchema>;

type ClaimRow = CentralSchema['claims'];

/**
 * An application's row as a transaction leaves it, written by the store together with its feed position when the
 * transaction ends (one statement for all of a push's applications, instead of one per change). `expectVersion` is
 * the version the transaction read under its row lock: the write checks it, so a lost update is an error, never
 * silent.
 */
export interface ApplicationWrite {
  status: string;
  version: number;
  /** The record, encoded to JSON when it is written. */
  record: unknown;
  last_actor: string;
  last_operator: string | null;
  last_op_id: string | null;
  /** Who approved or refused; left as stored when absent. */
  decider?: { decided_by: string; decided_operator: string | null; decided_op_id: string | null };
  /**
   * The claim as the transaction leaves it (the claim follows the status): a row, or none; `existed` says whether a
   * row was there when the transaction read it (null when it did not look), so an unchanged absence costs nothing.
   */
  claim?: { row: ClaimRow | null; existed: boolean | null };
  expectVersion: number;
}

/**
 * A changed application: its id, its center (whose feed it moves in: the center's counter numbers it on PostgreSQL)
 * and, when its row is still to be written, what to write.
 */
export interface FeedChange {
  id: string;
  centerId: string;
  write: ApplicationWrite | null;
}

/** A change with its feed position. */
export type NumberedChange = FeedChange & { seq: number };

/**
 * The applications each open write transaction has changed, in the order of their first change, until the store
 * gives them their feed positions (and writes the rows it was handed). Keyed by the transaction object, so a
 * rolled-back or retried transaction leaves nothing behind.
 */
export class FeedChanges {
  private readonly byTx = new WeakMap<StoreDb, Map<string, { centerId: string; write: ApplicationWrite | null }>>();

  constructor(private readonly outside: StoreDb) {}

  add(tx: StoreDb, applicationId: string, centerId: string, write?: ApplicationWrite): void {
    if (tx === this.outside) throw new Error('an application can change only inside a write transaction');
    let changed = this.byTx.get(tx);
    if (!changed) this.byTx.set(tx, (changed = new Map()));
    const before = changed.get(applicationId)?.write;
    if (!write) {
      if (before === undefined) changed.set(applicationId, { centerId, write: null });
      return;
    }
    // A second change in the same transaction: the latest row, checked against the version first read.
    changed.set(applicationId, { centerId, write: {
      ...write,
      expectVersion: before?.expectVersion ?? write.expectVersion,
      decider: write.decider ?? before?.decider,
      claim: write.claim ? { row: write.claim.row, existed: before?.claim ? before.claim.existed : write.claim.existed } : before?.claim,
    } });
  }

  /** The changed applications, forgotten once taken. */
  take(tx: StoreDb): FeedChange[] {
    const changed = this.byTx.get(tx);
    this.byTx.delete(tx);
    return changed ? [...changed].map(([id, c]) => ({ id, ...c })) : [];
  }
}

/** How many positions each center's feed takes for `changed`, the centers in id order (the order their counters are locked in). */
export function countsPerCenter(changed: readonly { centerId: string }[]): { centerId: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of changed) counts.set(c.centerId, (counts.get(c.centerId) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([centerId, count]) => ({ centerId, count }));
}

/** The k-th change of a center (in `changed`'s order) at `first(center) + k`: a center's feed numbered on its own. */
export function numberPerCenter<C extends { centerId: string }>(changed: readonly C[], first: (centerId: string) => number): (C & { seq: number })[] {
  const taken = new Map<string, number>();
  return changed.map((c) => {
    const k = taken.get(c.centerId) ?? 0;
    taken.set(c.centerId, k + 1);
    return { ...c, seq: first(c.centerId) + k };
  });
}

/** Bound parameters per statement stay under SQLite's limit; ids and rows go in chunks this size. */
export const FEED_CHUNK = 1000;

/**
 * Work a service leaves for the end of a write transaction (the report facts of what it changed), run once per
 * transaction just before the feed takes its positions. Keyed by the transaction, so a rollback or a retry on
 * PostgreSQL drops what the failed attempt asked for.
 */
export class CommitHooks {
  private readonly byTx = new WeakMap<StoreDb, Map<object, (tx: StoreDb) => Promise<void>>>();

  constructor(private readonly outside: StoreDb) {}

  add(tx: StoreDb, key: object, hook: (tx: StoreDb) => Promise<void>): void {
    if (tx === this.outside) throw new Error('commit hooks run only inside a write transaction');
    let hooks = this.byTx.get(tx);
    if (!hooks) this.byTx.set(tx, (hooks = new Map()));
    if (!hooks.has(key)) hooks.set(key, hook);
  }

  async run(tx: StoreDb): Promise<void> {
    const hooks = this.byTx.get(tx);
    this.byTx.delete(tx);
    for (const hook of hooks?.values() ?? []) await hook(tx);
  }

  discard(tx: StoreDb): void {
    this.byTx.delete(tx);
  }
}
