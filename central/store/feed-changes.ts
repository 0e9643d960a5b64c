import type { StoreDb } from './store-types';

/**
 * The applications each open write transaction has changed, in the order of their first change, until the store
 * gives them their feed positions. Keyed by the transaction object, so a rolled-back or retried transaction leaves
 * nothing behind.
 */
export class FeedChanges {
  private readonly byTx = new WeakMap<StoreDb, Set<string>>();

  constructor(private readonly outside: StoreDb) {}

  add(tx: StoreDb, applicationId: string): void {
    if (tx === this.outside) throw new Error('an application can change only inside a write transaction');
    let ids = this.byTx.get(tx);
    if (!ids) this.byTx.set(tx, (ids = new Set()));
    ids.add(applicationId);
  }

  /** The changed ids, forgotten once taken. */
  take(tx: StoreDb): string[] {
    const ids = this.byTx.get(tx);
    this.byTx.delete(tx);
    return ids ? [...ids] : [];
  }
}

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
